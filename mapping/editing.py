"""Field tagging: add, change and remove participatory features, with undo and a history.

An :class:`EditSession` is what the map tools talk to. Every edit it makes is one
transaction of the project's store holding the feature rows *and* their history rows,
so a power cut leaves either the whole edit or none of it; an edit to a feature someone
else saved meanwhile is refused whole (:class:`~mapping.store.ConflictError`). Tags are
checked against their preset and shapes against their layer before anything is written
(:mod:`layers.feature_rules`); a refused edit raises
:class:`~layers.errors.ValidationError` in plain words and writes nothing.

Undo and redo are edits too: they write the earlier (or later) state as new
versions, so the history keeps them. The session emits psygnal events after each
committed edit; views connect to them and never the other way round::

    session = EditSession("kibera.gpkg", contributor="Achieng")
    session.feature_added.connect(canvas.refresh_feature)
    uuid = session.add_feature("facilities", Point(36.79, -1.31), "facility/clinic",
                               {"name": "Zahanati ya Kianda"})
"""

from __future__ import annotations

import functools
import json
import os
import uuid as uuid_module
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar, cast

import numpy as np
import shapely
from psygnal import Signal
from pyproj import Transformer
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from layers import i18n
from layers.errors import ValidationError
from layers.feature_rules import check_geometry, check_tags
from layers.i18n import N_, tr
from layers.osm_definitions import BaseLayer
from layers.participatory import ParticipatoryLayer, ReviewStatus
from layers.presets import DEFAULT_LANGUAGE, Preset, PresetCatalogue, load_presets
from mapping._edit_log import EditLog
from mapping._line_edits import (
    merge_changes,
    merged_line,
    renumbered,
    reorder,
    split_changes,
    split_geometry,
    stop_position,
)
from mapping.edit_history import (
    Change,
    Edit,
    EditAction,
    Feature,
    FeatureRef,
    HistoryEntry,
    MappingSession,
    OsmRef,
    Said,
    features_frame,
    now,
)
from mapping.project import Project
from mapping.store import ConflictError, open_store

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["ConflictError", "EditAction", "EditSession", "Feature", "HistoryEntry",
           "MappingSession", "OsmRef"]

#: Preset of the stops :meth:`EditSession.add_stop` adds unless told otherwise.
STOP_PRESET = "transport_stop/stop"
#: A stop farther than this from its line is refused (metres).
STOP_MAX_DISTANCE_M = 250.0
#: A line is split only where clicked within this distance of it (metres).
SPLIT_MAX_DISTANCE_M = 25.0
#: How long saving an edit waits for a layer import that holds the file (seconds). An
#: import holds it only while it copies its layer in (under a second for 100,000
#: polygons), so an edit made meanwhile waits and is saved rather than refused.
EDIT_WAIT_S = 10.0

LINES = ParticipatoryLayer.TRANSPORT_LINES
STOPS = ParticipatoryLayer.TRANSPORT_STOPS
#: Base layers whose objects carry an OSM identity a facility can take over.
TAGGABLE_BASE_LAYERS = (BaseLayer.BUILDINGS, BaseLayer.POIS, BaseLayer.ROADS, BaseLayer.WATER,
                        BaseLayer.LANDUSE, BaseLayer.PLACES)

_Method = TypeVar("_Method", bound=Callable[..., Any])


def _one_edit(method: _Method) -> _Method:
    """Start a public edit: notes from an earlier, refused edit are forgotten."""
    @functools.wraps(method)
    def wrapper(self: EditSession, *args: Any, **kwargs: Any) -> Any:
        self._pending_notes = []
        return method(self, *args, **kwargs)
    return cast(_Method, wrapper)


class EditSession:
    """A contributor's mapping session on a project: every edit, undoable, saved at once.

    Parameters
    ----------
    project_path
        The project ``.gpkg``.
    contributor
        Who is mapping (recorded with every edit).
    mapping_session
        Id of the mapping session (a new one is started when None); a session that
        does not exist yet is recorded in ``quartier_mapping_sessions``.
    facilitator
        Who runs the mapping session, recorded with a new session.
    presets
        Preset catalogue (default: built-in and user presets).
    language
        Language of field labels in validation messages.
    """

    #: A feature was added (layer, uuid), also by undo or redo.
    feature_added = Signal(str, str)
    #: A feature's tags, shape, review status or stop order changed (layer, uuid).
    feature_changed = Signal(str, str)
    #: A feature was removed (layer, uuid), also by undo or redo.
    feature_removed = Signal(str, str)
    #: The undo/redo stacks changed (after every edit, undo and redo).
    history_changed = Signal()
    #: Something worth telling the mapper (a repaired outline), in plain words.
    notice = Signal(str)

    def __init__(self, project_path: str | os.PathLike[str], contributor: str,
                 mapping_session: str | None = None, *, facilitator: str | None = None,
                 presets: PresetCatalogue | None = None,
                 language: str = DEFAULT_LANGUAGE) -> None:
        contributor = (contributor or "").strip()
        if not contributor:
            raise ValidationError(tr("Type your name before mapping: every edit records who "
                                     "made it."))
        self.project = Project(project_path)
        self.contributor = contributor
        self.language = language
        self.presets = presets if presets is not None else load_presets()
        self.mapping_session = (mapping_session or "").strip() or str(uuid_module.uuid4())
        #: Notes about the last saved edit (e.g. an outline that was repaired).
        self.last_notes: tuple[str, ...] = ()
        self._pending_notes: list[str] = []
        # A mapper waits a few seconds at most, not half a minute, when the file is held.
        self._store = open_store(project_path, timeout=EDIT_WAIT_S)
        self._log = EditLog(self._store, contributor, self.mapping_session, self._name,
                            self.edit_text)
        name = mapping_session or f"{contributor}, {now()[:10]}"
        self._store.open_mapping_session(self.mapping_session, name, facilitator)
        crs = self.project.metadata.working_crs or "EPSG:3857"
        self._to_metres = Transformer.from_crs("EPSG:4326", crs, always_xy=True)

    # Lifecycle -------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the project file (every edit is already saved)."""
        self._store.close()

    def __enter__(self) -> EditSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Reading ---------------------------------------------------------------------------------

    def features(self, layer: ParticipatoryLayer | str) -> gpd.GeoDataFrame:
        """Every feature of a layer as stored (tags as JSON text), indexed by fid, in WGS84."""
        layer = self._layer(layer)
        return features_frame(layer, self._store.read_features(layer))

    def feature(self, layer: ParticipatoryLayer | str, uuid: str) -> Feature:
        """One feature, with its tags as a dict; ValidationError if it no longer exists."""
        layer = self._layer(layer)
        found = self._store.read_feature(layer, uuid)
        if found is None:
            raise ValidationError(tr(_GONE[layer]))
        return found

    def stops(self, line_uuid: str) -> list[Feature]:
        """The stops of a transport line, in order."""
        found = self._store.read_features(STOPS, where={"line_uuid": line_uuid})
        return sorted(found, key=lambda s: (s.stop_sequence or 0, s.fid or 0))

    def history(self, layer: ParticipatoryLayer | str, uuid: str) -> list[HistoryEntry]:
        """Every recorded change of one feature, oldest first."""
        return self._store.read_history(str(self._layer(layer)), uuid)

    def mapping_sessions(self) -> list[MappingSession]:
        """Mapping sessions recorded in the project."""
        return self._store.mapping_sessions()

    # Adding and changing features --------------------------------------------------------------

    @_one_edit
    def add_feature(self, layer: ParticipatoryLayer | str, geometry: BaseGeometry,
                    preset_id: str, tags: Mapping[str, str],
                    osm_ref: OsmRef | None = None) -> str:
        """Add a facility, transport line or risk zone; returns its new uuid.

        ``geometry`` is in WGS84 (longitude, latitude). Stops are added with
        :meth:`add_stop`, which places them on their line.
        """
        layer = self._layer(layer)
        if layer is STOPS:
            raise ValidationError(tr("A stop belongs to a transport line: add it with the "
                                     "stop tool on its line."))
        preset = self._preset(preset_id, layer)
        cleaned = check_tags(preset, tags, self.language)
        shape = self._checked_geometry(layer, geometry)
        osm = _checked_osm_ref(osm_ref)
        new = Feature(layer=layer, uuid=str(uuid_module.uuid4()), preset=preset.id, tags=cleaned,
                      geometry=shape, contributor=self.contributor,
                      mapping_session=self.mapping_session,
                      osm_type=osm.osm_type if osm else None, osm_id=osm.osm_id if osm else None,
                      osm_version=osm.osm_version if osm else None)
        self._commit(Said.of(N_("Add {what}"), what=self._ref(new, named=False)),
                     [Change(layer, new.uuid, None, new, EditAction.CREATE)])
        return new.uuid

    @_one_edit
    def update_tags(self, layer: ParticipatoryLayer | str, uuid: str, tags: Mapping[str, str],
                    preset_id: str | None = None, *,
                    expected_version: int | None = None) -> None:
        """Replace a feature's tags (and, with ``preset_id``, its preset).

        ``tags`` is the complete new tag set, as the form holds it; the preset's
        own tags are added back. Changing preset drops the old preset's own tags.
        Nothing is written (and no version added) when nothing changes.
        ``expected_version`` is the version the form showed: when someone saved
        another one since, :class:`ConflictError` is raised (with both) and nothing
        is written. This holds for every edit of one feature below.
        """
        layer = self._layer(layer)
        current = self.feature(layer, uuid)
        preset = self._preset(preset_id or current.preset, layer)
        old = self.presets.get(current.preset)
        if old is not None and old.id != preset.id:
            tags = {k: v for k, v in tags.items()
                    if not (k in old.tags and k not in preset.tags and v == old.tags[k])}
        cleaned = check_tags(preset, tags, self.language)
        after = replace(current, preset=preset.id, tags=cleaned)
        _check_seen(current, expected_version, after)
        self._commit(Said.of(N_("Edit {what}"), what=self._ref(after, named=False)),
                     [Change(layer, uuid, current, after, EditAction.UPDATE)])

    @_one_edit
    def update_geometry(self, layer: ParticipatoryLayer | str, uuid: str,
                        geometry: BaseGeometry, *, expected_version: int | None = None) -> None:
        """Replace a feature's shape (WGS84)."""
        layer = self._layer(layer)
        current = self.feature(layer, uuid)
        shape = self._checked_geometry(layer, geometry)
        if layer is STOPS and current.line_uuid:
            self._check_near_line(shape, self.feature(LINES, current.line_uuid))
        after = replace(current, geometry=shape)
        _check_seen(current, expected_version, after)
        self._commit(Said.of(N_("Reshape {what}"), what=self._ref(current)),
                     [Change(layer, uuid, current, after, EditAction.UPDATE)])

    @_one_edit
    def move(self, layer: ParticipatoryLayer | str, uuid: str, dx_deg: float,
             dy_deg: float, *, expected_version: int | None = None) -> None:
        """Shift a feature by ``dx_deg`` degrees of longitude and ``dy_deg`` of latitude."""
        layer = self._layer(layer)
        current = self.feature(layer, uuid)
        moved = shapely.transform(current.geometry, lambda xy: xy + [dx_deg, dy_deg])
        shape = self._checked_geometry(layer, moved)
        if layer is STOPS and current.line_uuid:
            self._check_near_line(shape, self.feature(LINES, current.line_uuid))
        after = replace(current, geometry=shape)
        _check_seen(current, expected_version, after)
        self._commit(Said.of(N_("Move {what}"), what=self._ref(current)),
                     [Change(layer, uuid, current, after, EditAction.MOVE)])

    @_one_edit
    def delete(self, layer: ParticipatoryLayer | str, uuid: str, *,
               expected_version: int | None = None) -> None:
        """Remove a feature; a line's stops go with it, a stop's line is renumbered."""
        layer = self._layer(layer)
        current = self.feature(layer, uuid)
        _check_seen(current, expected_version, None)
        changes = [Change(layer, uuid, current, None, EditAction.DELETE)]
        if layer is LINES:
            changes += [Change(STOPS, s.uuid, s, None, EditAction.DELETE, "line deleted")
                        for s in self.stops(uuid)]
        elif layer is STOPS and current.line_uuid:
            others = [s for s in self.stops(current.line_uuid) if s.uuid != uuid]
            changes += renumbered(others, current.line_uuid)
        self._commit(Said.of(N_("Delete {what}"), what=self._ref(current)), changes)

    @_one_edit
    def set_review_status(self, layer: ParticipatoryLayer | str, uuid: str,
                          status: ReviewStatus | str, *,
                          expected_version: int | None = None) -> None:
        """Mark a feature as checked by a facilitator (verified) or back to draft."""
        layer = self._layer(layer)
        current = self.feature(layer, uuid)
        after = replace(current, review_status=ReviewStatus(status))
        _check_seen(current, expected_version, after)
        marked = (N_("Mark {what} verified") if ReviewStatus(status) is ReviewStatus.VERIFIED
                  else N_("Mark {what} as draft"))
        self._commit(Said.of(marked, what=self._ref(current)),
                     [Change(layer, uuid, current, after, EditAction.REVIEW)])

    @_one_edit
    def tag_osm_feature(self, base_layer: BaseLayer | str, fid: int, preset_id: str,
                        tags: Mapping[str, str]) -> str:
        """Describe an existing OpenStreetMap object as a facility; returns the facility's uuid.

        "Click a building, mark it as a school": the facility is placed at a point
        inside the object, keeps its OSM type, id and version (so it exports as a
        change to that object) and starts from all its existing tags, which
        ``tags`` and the preset's own tags then complete.
        """
        try:
            base = BaseLayer(base_layer)
        except ValueError:
            base = None
        if base not in TAGGABLE_BASE_LAYERS:
            raise ValidationError(tr("{layer} holds no OpenStreetMap objects to tag: choose a "
                                     "building or an existing place.", layer=base_layer))
        found = self._store.read_layer(str(base), fids=[int(fid)],
                                       columns=["osm_type", "osm_id", "osm_version", "tags"])
        if found.empty:
            raise ValidationError(tr("There is no feature number {fid} in {layer}.", fid=fid,
                                     layer=base))
        row = found.iloc[0]
        osm_type, osm_id, osm_version, base_tags = (
            _value(row["osm_type"]), _value(row["osm_id"]), _value(row["osm_version"]),
            _value(row["tags"]))
        if not osm_type or osm_id is None:
            raise ValidationError(tr("This object has no OpenStreetMap id; add the facility as "
                                     "a new point instead."))
        tagged = self._store.read_features(ParticipatoryLayer.FACILITIES,
                                           where={"osm_type": osm_type, "osm_id": int(osm_id)})
        if tagged:
            raise ValidationError(tr("This object is already tagged as {name}: edit that "
                                     "facility instead.", name=self._name(tagged[0])))
        shape = found.geometry.iloc[0]
        if shape is None or shape.is_empty:
            raise ValidationError(tr("This object has no shape on the map."))
        merged = {**(json.loads(base_tags) if base_tags else {}), **tags}
        return self.add_feature(ParticipatoryLayer.FACILITIES, shape.point_on_surface(),
                                preset_id, merged, OsmRef(str(osm_type), int(osm_id),
                                                          None if osm_version is None
                                                          else int(osm_version)))

    # Transport lines and their stops -------------------------------------------------------

    @_one_edit
    def add_stop(self, line_uuid: str, geometry: BaseGeometry, name: str,
                 sequence: int | None = None, tags: Mapping[str, str] | None = None,
                 preset_id: str = STOP_PRESET) -> str:
        """Add a named stop (stage) to a transport line; returns its uuid.

        ``sequence`` is its place from 1 (later stops move down one); when None
        the stop goes where it lies along the line, between the stops around it.
        """
        line = self.feature(LINES, line_uuid)
        preset = self._preset(preset_id, STOPS)
        cleaned = check_tags(preset, {**(tags or {}), "name": name}, self.language)
        shape = self._checked_geometry(STOPS, geometry)
        self._check_near_line(shape, line)
        existing = self.stops(line_uuid)
        position = stop_position(line.geometry, existing, shape, sequence)
        new = Feature(layer=STOPS, uuid=str(uuid_module.uuid4()), preset=preset.id,
                      tags=cleaned, geometry=shape, contributor=self.contributor,
                      mapping_session=self.mapping_session, line_uuid=line_uuid,
                      stop_sequence=position + 1)
        changes = [Change(STOPS, new.uuid, None, new, EditAction.CREATE)]
        changes += renumbered(existing[:position] + [new] + existing[position:], line_uuid,
                               skip={new.uuid})
        self._commit(Said.of(N_("Add stop {name}"), name=new.name or ""), changes)
        return new.uuid

    @_one_edit
    def reorder_stops(self, line_uuid: str, stop_uuids: Iterable[str]) -> None:
        """Put a line's stops in the given order (every stop of the line, once)."""
        self.feature(LINES, line_uuid)
        ordered = reorder(self.stops(line_uuid), list(stop_uuids))
        self._commit(Said.of(N_("Reorder stops")), renumbered(ordered, line_uuid))

    @_one_edit
    def split_line(self, uuid: str, at_point: BaseGeometry | tuple[float, float]
                   ) -> tuple[str, str]:
        """Cut a transport line in two where clicked; returns (first part, second part).

        The first part keeps the line's uuid; the second is a new line with the
        same tags. Each stop follows the part it lies on; both are renumbered from 1.
        """
        line = self.feature(LINES, uuid)
        point = at_point if isinstance(at_point, BaseGeometry) else Point(at_point)
        gap = self._metres(point).distance(self._metres(line.geometry))
        if gap > SPLIT_MAX_DISTANCE_M:
            raise ValidationError(tr("The cut is {gap:.0f} m from the line: click on the line "
                                     "where it should be cut.", gap=gap))
        first, second, at = split_geometry(line.geometry, point, self._metres)
        first = self._checked_geometry(LINES, first)
        second = self._checked_geometry(LINES, second)
        changes, part = split_changes(line, first, second, at, self.stops(uuid))
        self._commit(Said.of(N_("Split {what}"), what=self._ref(line)), changes)
        return uuid, part

    @_one_edit
    def merge_lines(self, uuid_a: str, uuid_b: str, tolerance_m: float = 5.0) -> str:
        """Join line B onto line A where their ends meet; returns A's uuid (B is removed).

        A keeps its tags, direction and stop order; B's stops move to A, placed in
        their order along the joined line, and all are renumbered. Ends up to
        ``tolerance_m`` apart are joined by a straight piece.
        """
        if uuid_a == uuid_b:
            raise ValidationError(tr("Choose two different lines to join."))
        line_a, line_b = self.feature(LINES, uuid_a), self.feature(LINES, uuid_b)
        joined, b_first, b_reversed = merged_line(line_a.geometry, line_b.geometry,
                                                  self._metres, tolerance_m)
        shape = self._checked_geometry(LINES, joined)
        changes = merge_changes(line_a, line_b, shape, b_first, b_reversed,
                                self.stops(uuid_a), self.stops(uuid_b))
        self._commit(Said.of(N_("Join {what} and {other}"), what=self._ref(line_a),
                             other=self._ref(line_b)), changes)
        return uuid_a

    # Undo and redo ---------------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        """Whether there is an edit to undo."""
        return self._log.can_undo

    @property
    def can_redo(self) -> bool:
        """Whether there is an undone edit to redo."""
        return self._log.can_redo

    @property
    def undo_description(self) -> str:
        """What Undo would undo ("Add Clinic"), or ""."""
        return self._log.undo_description

    @property
    def redo_description(self) -> str:
        """What Redo would redo, or ""."""
        return self._log.redo_description

    @property
    def undo_text(self) -> str:
        """What Undo would undo, in the current language (:mod:`layers.i18n`), or ""."""
        edit = self._log.undo_edit
        return self.edit_text(edit) if edit is not None else ""

    @property
    def redo_text(self) -> str:
        """What Redo would redo, in the current language, or ""."""
        edit = self._log.redo_edit
        return self.edit_text(edit) if edit is not None else ""

    def edit_text(self, edit: Edit) -> str:
        """An edit's description in the current language, features named as the current
        language names their preset; an edit known only by its English text (made by an
        older version) is said as it is."""
        if edit.said is None:
            return edit.description
        return edit.said.say(self._ref_name)

    def undo(self) -> bool:
        """Undo the last edit, as a new saved edit; False when there is nothing to undo.

        Raises ValidationError (and changes nothing) if a feature it touched was
        changed since by something else.
        """
        edit = self._log.undo()
        if edit is None:
            return False
        self._emit(edit.changes, forward=False)
        self.history_changed.emit()
        return True

    def redo(self) -> bool:
        """Redo the last undone edit, as a new saved edit; False when there is nothing to redo."""
        edit = self._log.redo()
        if edit is None:
            return False
        self._emit(edit.changes, forward=True)
        self.history_changed.emit()
        return True

    # Internals -------------------------------------------------------------------------------

    def _layer(self, layer: ParticipatoryLayer | str) -> ParticipatoryLayer:
        try:
            return ParticipatoryLayer(layer)
        except ValueError:
            raise ValidationError(tr("{layer} is not a layer mappers can edit.",
                                     layer=layer)) from None

    def _preset(self, preset_id: str, layer: ParticipatoryLayer) -> Preset:
        preset = self.presets.get(preset_id)
        if preset is None:
            raise ValidationError(tr("There is no preset called “{preset}”: choose one from "
                                     "the list (its file may have been removed).",
                                     preset=preset_id))
        if preset.layer is not layer:
            raise ValidationError(tr("{preset} is for {layers}, not {other}.",
                                     preset=preset.name(self.language),
                                     layers=tr(_LAYER_WORDS[preset.layer][1]),
                                     other=tr(_LAYER_WORDS[layer][1])))
        return preset

    def _name(self, feature: Feature) -> str:
        """A feature in messages: its preset's name (in the session's language) and its name."""
        return self._ref_name(self._ref(feature), self.language)

    def _ref(self, feature: Feature, named: bool = True) -> FeatureRef:
        """A feature as an edit's description keeps it (``named``: with its name)."""
        return {"preset": feature.preset, "layer": str(feature.layer),
                "name": (feature.name or "") if named else ""}

    def _ref_name(self, ref: FeatureRef, language: str | None = None) -> str:
        """A feature kept by :meth:`_ref`, named in ``language`` (default: the current one)."""
        language = language or i18n.language()
        preset = self.presets.get(ref.get("preset", ""))
        try:
            layer: ParticipatoryLayer | None = ParticipatoryLayer(ref.get("layer", ""))
        except ValueError:
            layer = None
        with i18n.using(language):
            kind = preset.name(language) if preset else (
                tr(_LAYER_WORDS[layer][0]) if layer is not None else tr("a feature"))
            name = ref.get("name") or ""
            return tr("{kind} {name}", kind=kind, name=name) if name else kind

    def _checked_geometry(self, layer: ParticipatoryLayer, geometry: BaseGeometry
                          ) -> BaseGeometry:
        checked = check_geometry(layer, geometry)
        self._pending_notes.extend(checked.notes)
        return checked.geometry

    def _metres(self, geometry: BaseGeometry) -> BaseGeometry:
        """The geometry in the project's working CRS (metres)."""
        return shapely.transform(geometry, lambda xy: np.column_stack(
            self._to_metres.transform(xy[:, 0], xy[:, 1])))

    def _check_near_line(self, stop: BaseGeometry, line: Feature) -> None:
        gap = self._metres(stop).distance(self._metres(line.geometry))
        if gap > STOP_MAX_DISTANCE_M:
            raise ValidationError(tr("This stop is {gap:.0f} m from its line ({line}); place "
                                     "it beside the line.", gap=gap, line=self._name(line)))

    def commit_changes(self, description: str | Said, changes: list[Change]) -> Edit | None:
        """Save ``changes`` built outside the session (an import) as one edit.

        One transaction with its history rows, as every edit: all or nothing, one
        Undo. The changes' features must already be checked by their maker. Returns the
        edit saved (None when it changed nothing). ``description`` is best a
        :class:`~mapping.edit_history.Said` (shown in the language of the moment).
        """
        return self._commit(description, changes)

    def adopt(self, edit: Edit) -> None:
        """Make an edit another session saved in this project (an import run off the
        window's thread, in the window's mapping session) this session's next Undo."""
        self._log.adopt(edit)
        self._emit(edit.changes, forward=True)
        self.history_changed.emit()

    def _commit(self, description: str | Said, changes: list[Change]) -> Edit | None:
        said = description if isinstance(description, Said) else None
        if said is not None:
            with i18n.using(i18n.SOURCE_LANGUAGE):
                description = said.say(lambda ref: self._ref_name(ref, i18n.SOURCE_LANGUAGE))
        edit = self._log.commit(str(description), changes, said)
        if edit is None:
            return None
        self.last_notes, self._pending_notes = tuple(self._pending_notes), []
        self._emit(edit.changes, forward=True)
        self.history_changed.emit()
        for note in self.last_notes:
            self.notice.emit(note)
        return edit

    def _emit(self, changes: Iterable[Change], forward: bool) -> None:
        for change in changes:
            before, after = (change.before, change.after) if forward else (change.after,
                                                                          change.before)
            signal: Callable[..., object]
            if before is None:
                signal = self.feature_added.emit
            elif after is None:
                signal = self.feature_removed.emit
            else:
                signal = self.feature_changed.emit
            signal(str(change.layer), change.uuid)


def _check_seen(current: Feature, expected_version: int | None,
                attempted: Feature | None) -> None:
    """Refuse an edit made from an older version than the one stored (nothing written).

    An edit that would leave the feature exactly as it is stored now is no conflict.
    """
    if expected_version is None or current.version == expected_version:
        return
    if attempted is not None and attempted.same_content(current):
        return
    raise ConflictError(current, attempted)


def _checked_osm_ref(osm_ref: OsmRef | None) -> OsmRef | None:
    if osm_ref is None:
        return None
    if osm_ref.osm_type not in ("node", "way", "relation"):
        raise ValidationError(tr("“{type}” is not an OpenStreetMap object type (node, way or "
                                 "relation).", type=osm_ref.osm_type))
    version = None if osm_ref.osm_version is None else int(osm_ref.osm_version)
    return OsmRef(osm_ref.osm_type, int(osm_ref.osm_id), version)


#: Each layer's feature, one and many (a feature without a preset is named by its layer).
_LAYER_WORDS = {
    ParticipatoryLayer.FACILITIES: (N_("Facility"), N_("facilities")),
    ParticipatoryLayer.TRANSPORT_LINES: (N_("Transport line"), N_("transport lines")),
    ParticipatoryLayer.TRANSPORT_STOPS: (N_("Stop"), N_("stops")),
    ParticipatoryLayer.RISK_ZONES: (N_("Risk zone"), N_("risk zones")),
}
#: What an edit of a feature that is gone says, by layer.
_GONE = {
    ParticipatoryLayer.FACILITIES: N_("This facility no longer exists: it was deleted or its "
                                      "creation was undone."),
    ParticipatoryLayer.TRANSPORT_LINES: N_("This transport line no longer exists: it was "
                                           "deleted or its creation was undone."),
    ParticipatoryLayer.TRANSPORT_STOPS: N_("This stop no longer exists: it was deleted or its "
                                           "creation was undone."),
    ParticipatoryLayer.RISK_ZONES: N_("This risk zone no longer exists: it was deleted or its "
                                      "creation was undone."),
}


def _value(value: Any) -> Any:
    """A value GDAL read, with its missing values (NaN, NA) as None."""
    import pandas as pd

    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value
