"""The edit controller: the mapping session, what is selected, and every edit the tools make.

Tools, the Describe panel and the Edit toolbar call the controller; the controller
calls :class:`mapping.editing.EditSession`, whose events say which features
changed. Those layers are then read again by the renderer and redrawn. Edits are
short SQLite transactions and run here, on the GUI thread; building the snapping
index reads whole layers and runs as a task on the worker thread.

A refused edit changes nothing: its reason, one plain sentence, is announced with
:attr:`EditController.refused` and the view decides where to show it. Every edit of a
saved feature carries the version the form or the map showed; when someone else saved
the feature since (on a team server, or another window on the same file), the edit is
refused with both versions and :attr:`EditController.conflicted` lets the view ask
which to keep (:meth:`keep_mine`, :meth:`keep_theirs`): nothing is lost silently.

The session writes with Python's SQLite while the renderer reads with GDAL's own
copy of SQLite, whose file locks do not see each other inside one process. So the
file is never read by another thread while an edit writes it: a changed layer is
read again here, on the GUI thread, right after its edit; and edits wait for the
snapping index to finish reading the base layers.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QPointF, QTimer, Signal
from PySide6.QtGui import QPainter
from shapely.geometry.base import BaseGeometry

from desktop.editing import saved
from desktop.editing.drawing import DRAFT, draw_highlight, draw_shape
from desktop.editing.edit_state import Conflict, PendingEdit, PendingKind, Selected, SnapPoint
from desktop.team_address import Location, as_location
from layers.errors import QuartierError, ValidationError
from layers.participatory import ParticipatoryLayer, ReviewStatus
from mapping.edit_history import Feature, MappingSession
from mapping.snapping import SnapKind, Snapper

if TYPE_CHECKING:
    # Imported where first used (a session, the presets): not while the first map waits.
    from layers.presets import PresetCatalogue
    from mapping.editing import ConflictError, EditSession

log = logging.getLogger(__name__)

#: How near (pixels) a click must be to a feature to pick it.
PICK_PX = 8
#: How near (pixels) a click snaps to a road or building.
SNAP_PX = 12
#: Base layers whose objects "Tag existing" describes, top first.
TAGGABLE = ("pois", "buildings", "landuse")
#: Every participatory layer.
ALL_LAYERS = tuple(ParticipatoryLayer)


class EditController(QObject):
    """Holds the mapping session and carries out the tools' edits (see the module docs)."""

    #: A mapping session started or ended.
    sessionChanged = Signal()
    #: Another feature (or none) is selected.
    selectionChanged = Signal()
    #: The Describe panel has something else to ask (see :attr:`pending`).
    pendingChanged = Signal()
    #: A feature was added, changed or removed (layer, uuid), once its layer is redrawn.
    edited = Signal(str, str)
    #: Undo and redo changed.
    historyChanged = Signal()
    #: An edit was refused (the exception; its text is one plain sentence).
    refused = Signal(object)
    #: An edit was refused because someone saved the feature since it was shown (a Conflict).
    conflicted = Signal(object)
    #: Something worth telling the mapper (a repaired outline), translated.
    noticed = Signal(str)
    #: Someone else saved the feature whose form is open (its uuid).
    remoteFormChanged = Signal(str)
    #: Snapping to streets and buildings is ready.
    snappingReady = Signal()

    def __init__(self, window, language: Callable[[], str]) -> None:
        super().__init__(window)
        self.window = window
        self.canvas = window.canvas
        self._language = language
        #: The project file, or its team-server address (password included, in memory only).
        self.project_path: Location | None = None
        self.session: EditSession | None = None
        self._catalogue: PresetCatalogue | None = None
        #: Snapping to roads only (transport lines, stops) and to roads and buildings (areas).
        self.road_snapper: Snapper | None = None
        self.snapper: Snapper | None = None
        self.selection: Selected | None = None
        #: The version of the selected feature the map shows (edits expect it).
        self.selection_version: int | None = None
        self.selection_shape: BaseGeometry | None = None
        self.pending: PendingEdit | None = None
        #: Draw transport lines along the streets between clicks.
        self.follow_roads = False
        self._dirty: set[str] = set()
        self._changes: list[tuple[str, str]] = []
        self._flush_queued = False
        self._generation = 0
        self._snapping_task = None
        self.canvas.add_overlay(self.paint_overlay)

    # -- project and session ---------------------------------------------------------------

    @property
    def renderer(self):
        """The map renderer of the open project."""
        return self.window.renderer

    @property
    def catalogue(self) -> PresetCatalogue:
        """The presets (read once)."""
        if self._catalogue is None:
            from layers.presets import load_presets

            self._catalogue = load_presets()
            for problem in self._catalogue.problems:
                log.warning("preset problem: %s", problem)
        return self._catalogue

    def language(self) -> str:
        """The interface language (preset names, field labels)."""
        return self._language()

    def set_project(self, path: Location | None) -> None:
        """Another project (file or team-server address) is open: the previous session ends."""
        self.end_session()
        self.project_path = None if path is None else as_location(path)
        self._generation += 1
        self.road_snapper = self.snapper = None
        self.select(None)

    def start_session(self, contributor: str, mapping_session: str,
                      facilitator: str | None = None) -> EditSession | None:
        """Start mapping as ``contributor`` in ``mapping_session`` (its id or new name)."""
        if self.project_path is None:
            return None
        self.end_session()
        from mapping.editing import EditSession

        try:
            session = EditSession(self.project_path, contributor, mapping_session,
                                  facilitator=facilitator or None, presets=self.catalogue,
                                  language=self.language())
        except QuartierError as error:
            self.refused.emit(error)
            return None
        self.session = session
        session.feature_added.connect(self._on_model_event)
        session.feature_changed.connect(self._on_model_event)
        session.feature_removed.connect(self._on_model_event)
        session.history_changed.connect(self.historyChanged.emit)
        session.notice.connect(self._on_notice)
        self.sessionChanged.emit()
        self.historyChanged.emit()
        self._prepare_snapping()
        return session

    def end_session(self) -> None:
        """Stop mapping (every edit is already saved)."""
        self.cancel_pending()
        if self.session is not None:
            session, self.session = self.session, None
            session.close()
            self.sessionChanged.emit()
            self.historyChanged.emit()

    def session_name(self) -> str:
        """The name of the current mapping session ("" when none)."""
        if self.session is None:
            return ""
        names = {s.id: s.name for s in self.session.mapping_sessions()}
        return names.get(self.session.mapping_session, self.session.mapping_session)

    def retranslate(self) -> None:
        """The interface language changed: the model names presets in it too."""
        if self.session is not None:
            self.session.language = self.language()

    def _prepare_snapping(self) -> None:
        if self.project_path is None or self.snapper is not None:
            return
        path, generation = str(self.project_path), self._generation

        def work(task):
            from mapping.project import Project

            names = set(Project(path).layer_names())
            roads = Snapper(path, [n for n in ("roads",) if n in names])
            task.check()
            both = Snapper(path, [n for n in ("roads", "buildings") if n in names])
            task.check()
            if {"street_nodes", "street_edges"} <= names:
                roads.graph  # noqa: B018 -- read the street graph now, not at the first click
            return roads, both

        def done(snappers) -> None:
            if generation == self._generation:
                self.road_snapper, self.snapper = snappers
                self.snappingReady.emit()

        self._snapping_task = self.window.runner.run(
            self.tr("Preparing snapping to streets and buildings"), work, on_done=done,
            on_failed=lambda e: log.warning("snapping: %s", e))

    # -- coordinates, snapping, picking -------------------------------------------------------

    def lonlat_at(self, position: QPointF) -> tuple[float, float]:
        """Longitude and latitude under a screen point."""
        x, y = self.canvas.to_map(QPointF(position))
        return self.renderer.to_wgs84(x, y)

    def to_screen(self, lon: float, lat: float) -> QPointF:
        """Screen point of a longitude and latitude."""
        x, y = self.renderer.from_wgs84(lon, lat)
        return self.canvas.to_screen(x, y)

    def metres(self, pixels: float) -> float:
        """How many metres ``pixels`` cover at the current zoom."""
        return pixels * self.canvas.view.metres_per_pixel

    def snap(self, position: QPointF, roads_only: bool = False,
             enabled: bool = True) -> SnapPoint:
        """Where a click at ``position`` lands: on a road or building vertex, edge, or here."""
        x, y = self.canvas.to_map(QPointF(position))
        lon, lat = self.renderer.to_wgs84(x, y)
        snapper = self.road_snapper if roads_only else self.snapper
        if not enabled or snapper is None:
            return SnapPoint(lon, lat, x, y)
        found = snapper.snap(lon, lat, self.metres(SNAP_PX))
        if found.kind is SnapKind.NONE:
            return SnapPoint(lon, lat, x, y)
        sx, sy = self.renderer.from_wgs84(found.lon, found.lat)
        return SnapPoint(found.lon, found.lat, sx, sy, found.kind)

    def route(self, points: list[tuple[float, float]]):
        """A line along the streets through ``points`` (None without a street graph)."""
        if self.road_snapper is None or len(points) < 2:
            return None
        try:
            return self.road_snapper.route(points)
        except Exception as error:  # no street graph in this project
            log.warning("follow the roads: %s", error)
            return None

    def feature_at(self, position: QPointF, layers=ALL_LAYERS) -> Selected | None:
        """The participatory feature of ``layers`` under a screen point, top first."""
        if self.renderer is None or self.canvas.view is None:
            return None
        x, y = self.canvas.to_map(QPointF(position))
        wanted = {str(layer) for layer in layers}
        for result in self.renderer.identify(x, y, self.metres(PICK_PX)):
            uuid = result.attributes.get("uuid")
            if result.layer in wanted and uuid:
                return Selected(result.layer, uuid)
        return None

    def base_object_at(self, position: QPointF) -> tuple[str, int] | None:
        """The OpenStreetMap object (base layer, fid) under a screen point, points first."""
        if self.renderer is None or self.canvas.view is None:
            return None
        x, y = self.canvas.to_map(QPointF(position))
        found = [(r.layer, r.fid) for r in self.renderer.identify(x, y, self.metres(PICK_PX))
                 if r.layer in TAGGABLE and r.fid >= 0]
        found.sort(key=lambda hit: TAGGABLE.index(hit[0]))
        return found[0] if found else None

    # -- reading ---------------------------------------------------------------------------

    def feature(self, layer: str, uuid: str) -> Feature | None:
        """A participatory feature as saved now, or None."""
        return saved.feature(self.project_path, layer, uuid)

    def story(self, layer: str, uuid: str) -> saved.FeatureStory | None:
        """A participatory feature with its history and session names (What is here?)."""
        return saved.story(self.project_path, layer, uuid)

    def known_sessions(self) -> list[MappingSession]:
        """The mapping sessions recorded in the project so far."""
        return saved.mapping_sessions(self.project_path)

    def base_object(self, layer: str, fid: int) -> tuple[dict[str, str], BaseGeometry | None]:
        """Tags and shape (WGS84) of an OpenStreetMap object of a base layer."""
        return saved.base_object(self.project_path, layer, fid)

    # -- selection -----------------------------------------------------------------------------

    def select(self, selected: Selected | None) -> None:
        """Select a participatory feature (None: nothing)."""
        self.selection = selected
        found = self.feature(selected.layer, selected.uuid) if selected else None
        if selected is not None and found is None:
            self.selection = None
        self.selection_shape = found.geometry if found else None
        self.selection_version = found.version if found else None
        self.selectionChanged.emit()
        self.canvas.update()

    # -- describing features (the panel) ------------------------------------------------------

    def begin_new(self, layer: ParticipatoryLayer | str, geometry: BaseGeometry) -> None:
        """A shape was drawn: ask what it is."""
        self.pending = PendingEdit(PendingKind.NEW, ParticipatoryLayer(layer), geometry)
        self.pendingChanged.emit()
        self.canvas.update()

    def begin_tag_existing(self, base_layer: str, fid: int) -> None:
        """An OpenStreetMap object was clicked: ask which facility it is."""
        tags, outline = self.base_object(base_layer, fid)
        layer = ParticipatoryLayer.FACILITIES
        match = self.catalogue.match(tags, layer)
        self.pending = PendingEdit(PendingKind.TAG_EXISTING, layer, outline, tags,
                                   match.id if match else None, base_layer=base_layer, fid=fid)
        self.pendingChanged.emit()
        self.canvas.update()

    def begin_details(self, selected: Selected | None = None) -> bool:
        """Show the form of a saved feature (the selection by default)."""
        selected = selected or self.selection
        found = self.feature(selected.layer, selected.uuid) if selected else None
        if found is None:
            return False
        self.select(Selected(str(found.layer), found.uuid))
        self.pending = PendingEdit(PendingKind.DETAILS, found.layer, None, dict(found.tags),
                                   found.preset, uuid=found.uuid, version=found.version)
        self.pendingChanged.emit()
        return True

    def save_pending(self, preset_id: str, tags: dict[str, str]) -> str | None:
        """Save what the panel describes; returns the feature's uuid (None if refused)."""
        pending, session = self.pending, self.session
        if pending is None or session is None:
            return None
        if pending.kind is PendingKind.NEW:
            ok, uuid = self._edit(session.add_feature, pending.layer, pending.geometry,
                                  preset_id, tags)
        elif pending.kind is PendingKind.TAG_EXISTING:
            ok, uuid = self._edit(session.tag_osm_feature, pending.base_layer, pending.fid,
                                  preset_id, tags)
        else:
            def again(version: int) -> bool:
                if self.pending is not pending:
                    return False
                pending.version = version
                return self.save_pending(preset_id, tags) is not None

            ok, _ = self._edit(session.update_tags, pending.layer, pending.uuid, tags,
                               preset_id, expected_version=pending.version, retry=again)
            uuid = pending.uuid
        if not ok:
            return None
        self.pending = None
        self.pendingChanged.emit()
        self.select(Selected(str(pending.layer), str(uuid)))
        return uuid

    def cancel_pending(self) -> None:
        """Forget what the panel was describing (nothing was saved)."""
        if self.pending is not None:
            self.pending = None
            self.pendingChanged.emit()
            self.canvas.update()

    # -- edits -------------------------------------------------------------------------------

    def _edit(self, method: Callable[..., Any], *args: Any,
              retry: Callable[[int], bool] | None = None, **kwargs: Any) -> tuple[bool, Any]:
        if self.session is None:
            self.refused.emit(ValidationError(self.tr("Start a mapping session first.")))
            return False, None
        from mapping.editing import ConflictError

        task = self._snapping_task
        deadline = time.monotonic() + 30
        while task is not None and not task.is_done() and time.monotonic() < deadline:
            time.sleep(0.01)  # still reading the base layers in the worker thread
        try:
            result = method(*args, **kwargs)
        except ConflictError as error:
            if retry is None:
                self.refused.emit(error)
                self._flush()
            else:
                self._conflict(error, retry)
            return False, None
        except QuartierError as error:
            self.refused.emit(error)
            self._flush()
            return False, None
        self._flush()
        return True, result

    def _guarded(self, method: Callable[..., Any], layer: str, uuid: str,
                 *args: Any) -> tuple[bool, Any]:
        """An edit of one saved feature, expecting the version the map shows."""
        def attempt(version: int | None) -> tuple[bool, Any]:
            return self._edit(method, layer, uuid, *args, expected_version=version,
                              retry=lambda newer: attempt(newer)[0])

        shown = self.selection_version if self.selection is not None \
            and self.selection.uuid == uuid else None
        return attempt(shown)

    def _conflict(self, error: ConflictError, retry: Callable[[int], bool]) -> None:
        """Someone saved the feature since it was shown: redraw theirs, ask what to keep."""
        known = error.stored or error.attempted
        assert known is not None and self.session is not None
        layer, uuid = str(known.layer), known.uuid
        history = self.session.history(layer, uuid)
        last = history[-1] if history else None
        who = last.contributor if last else (error.stored.contributor if error.stored else "")
        when = last.at if last else (error.stored.modified_at if error.stored else "")
        self._dirty.add(layer)
        self._changes.append((layer, uuid))
        self._flush()
        self.conflicted.emit(Conflict(error, layer, uuid, who, when, retry))

    def keep_mine(self, conflict: Conflict) -> bool:
        """Save the refused edit again, on top of the version stored now."""
        stored, attempted = conflict.error.stored, conflict.error.attempted
        if stored is not None:
            return conflict.retry(stored.version)
        if attempted is None or self.session is None:  # both deleted it: nothing to keep
            return True
        # Deleted meanwhile: mine is saved again, as a new feature with my description.
        ok, uuid = self._edit(self.session.add_feature, attempted.layer, attempted.geometry,
                              attempted.preset, dict(attempted.tags))
        if ok and self.pending is not None and self.pending.uuid == conflict.uuid:
            self.pending = None
            self.pendingChanged.emit()
            self.select(Selected(str(attempted.layer), str(uuid)))
        return bool(ok)

    def keep_theirs(self, conflict: Conflict) -> None:
        """Drop the refused edit: the form and the map show the version stored now."""
        self._dirty.add(conflict.layer)
        self._flush()
        pending = self.pending
        if pending is not None and pending.uuid == conflict.uuid:
            if conflict.error.stored is None:
                self.cancel_pending()
            else:
                self.begin_details(Selected(conflict.layer, conflict.uuid))
        elif self.selection is not None and self.selection.uuid == conflict.uuid:
            self.select(self.selection)

    def add_stop(self, line_uuid: str, lon: float, lat: float, name: str,
                 preset_id: str) -> str | None:
        """Add a named stop on a transport line; returns its uuid."""
        from shapely.geometry import Point

        assert self.session is not None
        ok, uuid = self._edit(self.session.add_stop, line_uuid, Point(lon, lat), name, None,
                              None, preset_id)
        return uuid if ok else None

    def reshape(self, layer: str, uuid: str, geometry: BaseGeometry) -> bool:
        """Give a feature a new shape."""
        assert self.session is not None
        return self._guarded(self.session.update_geometry, layer, uuid, geometry)[0]

    def move(self, layer: str, uuid: str, dlon: float, dlat: float) -> bool:
        """Move a feature by degrees of longitude and latitude."""
        assert self.session is not None
        return self._guarded(self.session.move, layer, uuid, dlon, dlat)[0]

    def delete(self, layer: str, uuid: str) -> bool:
        """Remove a feature (a line's stops go with it)."""
        assert self.session is not None
        return self._guarded(self.session.delete, layer, uuid)[0]

    def split(self, uuid: str, lon: float, lat: float) -> tuple[str, str] | None:
        """Cut a transport line where clicked; returns the two parts' uuids."""
        assert self.session is not None
        ok, parts = self._edit(self.session.split_line, uuid, (lon, lat))
        return parts if ok else None

    def merge(self, first: str, second: str, tolerance_m: float) -> str | None:
        """Join two transport lines whose ends meet; returns the joined line's uuid."""
        assert self.session is not None
        ok, joined = self._edit(self.session.merge_lines, first, second, tolerance_m)
        return joined if ok else None

    def set_review(self, status: ReviewStatus) -> bool:
        """Mark the selected feature verified or back to draft."""
        if self.selection is None or self.session is None:
            return False
        return self._guarded(self.session.set_review_status, self.selection.layer,
                             self.selection.uuid, status)[0]

    def undo(self) -> bool:
        """Undo the last edit."""
        if self.session is None:
            return False
        ok, done = self._edit(self.session.undo)
        return bool(ok and done)

    def redo(self) -> bool:
        """Redo the last undone edit."""
        if self.session is None:
            return False
        ok, done = self._edit(self.session.redo)
        return bool(ok and done)

    # -- the model's events ------------------------------------------------------------------

    def _on_model_event(self, layer: str, uuid: str) -> None:
        self._dirty.add(layer)
        self._changes.append((layer, uuid))
        if not self._flush_queued:
            self._flush_queued = True
            QTimer.singleShot(0, self._flush)

    def _on_notice(self, text: str) -> None:
        from desktop.editing.words import notice_text

        self.noticed.emit(notice_text(text))

    def _flush(self) -> None:
        """Redraw the layers the last edits changed, then tell the views."""
        self._flush_queued = False
        layers, changes = sorted(self._dirty), self._changes
        self._dirty, self._changes = set(), []
        if self.renderer is not None:
            for layer in layers:
                self.renderer.reload_layer(layer)
                self.renderer.layer_data(layer)  # read now, between edits (see module docs)
        if self.selection is not None and any(u == self.selection.uuid for _, u in changes):
            self.select(self.selection)
        for layer, uuid in changes:
            self.edited.emit(layer, uuid)

    def show_remote_edits(self, entries: list) -> None:
        """Others saved these history rows: redraw their layers; the selection and an
        unchanged open form follow (a form being changed stays, its Save will ask)."""
        for entry in entries:
            self._dirty.add(str(entry.layer))
            self._changes.append((str(entry.layer), entry.uuid))
        self._flush()
        pending = self.pending
        if pending is None or pending.kind is not PendingKind.DETAILS:
            return
        if not any(entry.uuid == pending.uuid for entry in entries):
            return
        self.remoteFormChanged.emit(pending.uuid)

    def reload_form(self) -> bool:
        """Show the open form again from the feature as saved now (its newer version)."""
        pending = self.pending
        if pending is None or pending.kind is not PendingKind.DETAILS or pending.uuid is None:
            return False
        if self.feature(str(pending.layer), pending.uuid) is None:
            return False
        return self.begin_details(Selected(str(pending.layer), pending.uuid))

    # -- painting ----------------------------------------------------------------------------

    def paint_overlay(self, painter: QPainter) -> None:
        """The selection and the shape waiting for its description, over the map."""
        if self.renderer is None or self.canvas.view is None:
            return
        if self.selection_shape is not None:
            draw_highlight(painter, self.selection_shape, self.to_screen)
        if self.pending is not None and self.pending.geometry is not None:
            draw_shape(painter, self.pending.geometry, self.to_screen, DRAFT, width=3,
                       fill_alpha=60, dashed=True)
