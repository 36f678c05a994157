"""The map renderer: draws a project's layers into a QImage, for the screen and for export.

:class:`MapRenderer` is the model the map canvas observes: it holds each
layer's state (visible, opacity, order), loads layers on first use, draws a
:class:`~mapping.render.view.MapView` into an image from a worker thread,
answers identify and search queries from the GUI thread, and emits
:attr:`MapRenderer.changed` when anything that changes the picture changes.

Thread safety: loaded layer data never changes (an edit reloads the layer into
a new object) and the layer states are a tuple swapped whole, so a render
reads a consistent snapshot while the GUI thread changes states.

Speed: the base map (everything but labels) of the last render is kept; a
render of the same scale shifted by whole pixels (a pan) copies it and draws
only the uncovered strips. Labels are placed afresh on every render. A big
layer not read yet is drawn from its overview (:mod:`mapping.render.overview`)
when it has one for the view's level of detail (the same pixels): the layer is
then read behind the frame, and :attr:`MapRenderer.changed` asks for the frame
again once every layer so drawn is read.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from psygnal import Signal
from pyproj import Transformer
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from mapping.project import Project, utm_crs_for
from mapping.render import overview, registry
from mapping.render.draw import DrawContext, draw_vector_layer
from mapping.render.hazard_draw import HazardOverlay, draw_hazard_overlay
from mapping.render.label_candidates import layer_candidates
from mapping.render.labels import PlacedLabel, TextCache, draw_labels, place_labels
from mapping.render.layer_cache import LayerData, zoom_band
from mapping.render.overview import OverviewFile, project_state, write_overviews
from mapping.render.registry import LayerEntry
from mapping.render.style import MapStyle, load_style
from mapping.render.view import MapView
from mapping.render.words import layer_title, legend_label

#: Base images of recent renders kept for reuse (8 MB each at 1920 x 1080).
BASE_IMAGES_KEPT = 4
#: Layers with more features have their indexes made in the background after a frame.
WARM_UP_FEATURES = 50_000


@dataclass
class LayerState:
    """How one layer is shown on the map."""

    #: Layer name in the project.
    name: str
    #: Title shown in the layers panel.
    title: str
    #: Layer kind (base, street_graph, participatory, hazard, reference).
    kind: str
    #: Drawn or not.
    visible: bool
    #: Opacity of the whole layer, 0-1.
    opacity: float
    #: "polygon", "line", "point", "raster" or "mixed".
    geometry: str

    @property
    def shown_title(self) -> str:
        """The title in the current language (:func:`mapping.render.words.layer_title`)."""
        return layer_title(self.title)


@dataclass
class LegendEntry:
    """One line of the map legend."""

    #: Layer the entry belongs to.
    layer: str
    #: Text of the entry.
    label: str
    #: Fill colour "#rrggbb", or None.
    fill: str | None
    #: Line or outline colour "#rrggbb", or None.
    stroke: str | None
    #: How to draw the swatch: "polygon", "line", "point" or "raster".
    shape: str

    @property
    def text(self) -> str:
        """The line in the current language (:func:`mapping.render.words.legend_label`):
        ``label`` stays as stored, in English, for comparisons."""
        return legend_label(self.label)


@dataclass
class IdentifyResult:
    """A feature found at a clicked point."""

    #: Layer name.
    layer: str
    #: Layer title.
    layer_title: str
    #: Feature id in the project file (-1 for a raster cell).
    fid: int
    #: Attributes as text, OSM-style tags expanded to plain key -> value.
    attributes: dict[str, str] = field(default_factory=dict)


@dataclass
class SearchResult:
    """A named street, place, POI or facility found by a search."""

    #: Text to show in the result list.
    label: str
    #: Layer it was found in.
    layer: str
    #: Feature id (of the longest way, for a street made of several).
    fid: int
    #: Map point to centre on, working CRS.
    x: float
    #: Map point to centre on, working CRS.
    y: float
    #: Extent to zoom to, working CRS.
    extent: tuple[float, float, float, float]


@dataclass
class _BaseImage:
    """The base map (no labels) of a recent render, reused when panning or zooming back."""

    #: The view it shows exactly.
    view: MapView
    #: Layer-state version it was drawn with (any change makes it stale).
    version: int
    #: The picture.
    image: QImage


class MapRenderer:
    """Draws a project's map and answers questions about it (see the module docs)."""

    #: Emitted (no arguments) when layer states or layer data change.
    changed = Signal()

    def __init__(self, project: Project, style: MapStyle | None = None) -> None:
        self.project = project
        self.style = style or load_style()
        crs = project.metadata.working_crs
        if not crs:
            west, south, east, north = project.metadata.area_of_interest
            crs = utm_crs_for((west + east) / 2, (south + north) / 2)
        self.working_crs: str = crs
        #: Labels written by the most recent render (for tests and exports).
        self.last_labels: list[PlacedLabel] = []
        #: The view the most recent render drew exactly (see :meth:`render`).
        self.last_view: MapView | None = None
        #: Layers the most recent render drew from their overviews (not read yet).
        self.last_overviews: tuple[str, ...] = ()
        self._entries: dict[str, LayerEntry] = {}
        self._removed: set[str] = set()
        self._states: tuple[LayerState, ...] = ()
        self._version = 0
        self._bases: list[_BaseImage] = []
        self._lock = threading.Lock()
        self._local = threading.local()
        self._texts = TextCache(self.style.fonts)
        self._loader: ThreadPoolExecutor | None = None
        self._warmed: set[int] = set()
        #: How many layers were read when the heap was last settled (see :func:`settle_heap`).
        self._settled = 0
        location = Path(str(project.store.location))
        self._overviews = OverviewFile(location, crs) if location.is_file() else None
        #: The project file's state before any layer was read (stamps overviews written).
        self._opened_state: list[int] | None = None
        if self._overviews is not None:
            try:
                self._opened_state = project_state(location)
            except OSError:
                self._overviews = None
        self._overviews_renewed = False
        #: Layers drawn from their overview and being read behind, and how many are left.
        self._behind: set[str] = set()
        self._behind_left = 0
        self._rescan()

    # -- layer states ------------------------------------------------------------------

    def _rescan(self) -> list[str]:
        """Pick up layers of the project not known yet; returns their names."""
        found = registry.scan(self.project, self.style, self.working_crs)
        added = [e for e in found if e.name not in self._entries and e.name not in self._removed]
        for entry in added:
            self._entries[entry.name] = entry
        states = list(self._states)
        known = {s.name: i for i, s in enumerate(states)}
        for entry in sorted(added, key=lambda e: e.rank):
            if entry.name in known:  # read again: keep how it is shown, update what it is
                i = known[entry.name]
                states[i] = replace(states[i], title=entry.title, geometry=entry.geometry)
                continue
            state = LayerState(entry.name, entry.title, entry.kind, entry.visible,
                               entry.opacity, entry.geometry)
            position = len(states)
            for i, other in enumerate(states):
                if self._entries[other.name].rank > entry.rank:
                    position = i
                    break
            states.insert(position, state)
            known = {s.name: i for i, s in enumerate(states)}
        self._states = tuple(states)
        return [e.name for e in added]

    def _set_states(self, states: tuple[LayerState, ...]) -> None:
        with self._lock:
            self._states = states
            self._version += 1
        self.changed.emit()

    def layer_states(self) -> list[LayerState]:
        """Layers in drawing order, bottom first (copies: change them through the setters)."""
        return [replace(s) for s in self._states]

    def set_visible(self, name: str, visible: bool) -> None:
        """Show or hide a layer."""
        self._set_states(tuple(replace(s, visible=bool(visible)) if s.name == name else s
                               for s in self._states))

    def set_opacity(self, name: str, opacity: float) -> None:
        """Set a layer's opacity (0 transparent .. 1 opaque)."""
        value = float(min(max(opacity, 0.0), 1.0))
        self._set_states(tuple(replace(s, opacity=value) if s.name == name else s
                               for s in self._states))

    def set_order(self, names: list[str]) -> None:
        """Set the drawing order, bottom first; layers not named keep their place on top."""
        by_name = {s.name: s for s in self._states}
        ordered = [by_name[n] for n in dict.fromkeys(names) if n in by_name]
        rest = [s for s in self._states if s.name not in set(names)]
        self._set_states(tuple(ordered + rest))

    def remove_layer(self, name: str) -> None:
        """Take a layer off the map (the project file keeps it; reload_layer brings it back)."""
        self._entries.pop(name, None)
        self._removed.add(name)
        self._set_states(tuple(s for s in self._states if s.name != name))

    def reload_layer(self, name: str) -> None:
        """Read a layer again after edits or imports; also adds layers new to the project."""
        self._entries.pop(name, None)  # read afresh: data, and a hazard's legend
        self._removed.discard(name)
        if self._overviews is not None:
            self._overviews.forget(name)
        self._rescan()
        self._set_states(self._states)

    # -- data --------------------------------------------------------------------------

    def layer_data(self, name: str) -> LayerData | HazardOverlay | None:
        """A layer's data, loaded on first use (None if it cannot be read)."""
        entry = self._entries.get(name)
        return None if entry is None else entry.load(self.project, self.working_crs)

    def _preload(self, states: tuple[LayerState, ...], stand_ins: dict[str, LayerData]) -> None:
        """Start reading the visible layers not read yet, two at a time (first frame).

        Reading is mostly GDAL, numpy and PROJ work that releases the GIL, so two
        layers load in about the time of the bigger one. Layers drawn from their
        overview (``stand_ins``) are read after the frame.
        """
        waiting = [e for s in states if s.visible and s.name not in stand_ins
                   and (e := self._entries.get(s.name)) and e.data is None and not e.error]
        if len(waiting) < 2:
            return
        loader = self._loader_pool()
        for entry in waiting:
            loader.submit(entry.load, self.project, self.working_crs)

    def _loader_pool(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._loader is None:
                self._loader = ThreadPoolExecutor(max_workers=2,
                                                  thread_name_prefix="quartier-load")
            return self._loader

    def _stand_ins(self, states: tuple[LayerState, ...], band: int) -> dict[str, LayerData]:
        """Overviews to draw the visible layers not read yet with, at ``band``."""
        out: dict[str, LayerData] = {}
        if self._overviews is None:
            return out
        for state in states:
            entry = self._entries.get(state.name)
            if (not state.visible or state.opacity <= 0.0 or entry is None
                    or entry.data is not None or entry.error or entry.source != "vector"
                    or entry.style is None):
                continue
            layer = self._overviews.layer(state.name, entry.style, band)
            if layer is not None:
                out[state.name] = layer
        return out

    def _read_behind(self, names: list[str]) -> None:
        """Read the layers a frame drew from their overviews; when the last is read,
        ask for the frame again (from the layers themselves)."""
        with self._lock:
            names = [n for n in names if n not in self._behind]
            self._behind.update(names)
            self._behind_left += len(names)
        loader = self._loader_pool()
        for name in names:
            loader.submit(self._read_one_behind, name)

    def _read_one_behind(self, name: str) -> None:
        entry = self._entries.get(name)
        try:
            if entry is not None:
                entry.load(self.project, self.working_crs)
        finally:
            if self._overviews is not None:
                self._overviews.forget(name)
            with self._lock:
                self._behind_left -= 1
                last = self._behind_left == 0
            if last:
                self._set_states(self._states)

    def _renew_overviews(self, states: tuple[LayerState, ...]) -> None:
        """After a frame drawn from the layers themselves, write the overviews of its big
        layers again (in the background) if they are stale or missing.

        Only while the project file is as it was before the layers were read: the
        overviews are then stamped with that state (an edit made since leaves them
        for the next opening to write).
        """
        if self._overviews is None or self._overviews_renewed or self._opened_state is None:
            return
        layers = [data for s in states if s.visible and (e := self._entries.get(s.name))
                  and e.source == "vector" and isinstance(data := e.data, LayerData)
                  and len(data) > overview.MIN_FEATURES]
        if not layers:
            return
        self._overviews_renewed = True
        if self._overviews.fresh() and all(self._overviews.holds(d.name) for d in layers):
            return
        self._loader_pool().submit(self._write_overviews, layers)

    def _write_overviews(self, layers: list[LayerData]) -> None:
        assert self._overviews is not None and self._opened_state is not None
        try:
            if project_state(self._overviews.project_path) != self._opened_state:
                return
            write_overviews(self._overviews.project_path, layers, self.working_crs,
                            self.full_extent(), self._opened_state)
        except OSError:  # a folder that takes no file: the next opening draws as before
            pass

    def _warm_up(self, states: tuple[LayerState, ...]) -> None:
        """After a frame, make the indexes of the big visible layers in the background.

        The first zoom to a new scale and the first view close enough for labels
        then do not wait for them (see :meth:`LayerData.warm_up`). A frame after
        layers were read also settles the heap (:func:`settle_heap`).
        """
        read = sum(1 for entry in list(self._entries.values()) if entry.data is not None)
        if read > self._settled:
            self._settled = read
            settle_heap()
        for state in states:
            entry = self._entries.get(state.name)
            data = entry.data if entry is not None else None
            if (state.visible and isinstance(data, LayerData) and len(data) > WARM_UP_FEATURES
                    and id(data) not in self._warmed):
                self._warmed.add(id(data))
                self._loader_pool().submit(data.warm_up)

    def full_extent(self) -> tuple[float, float, float, float]:
        """Extent of all layers drawn by default (or of the area of interest), working CRS."""
        extents = [e.extent for s in self._states if (e := self._entries.get(s.name))
                   and e.kind != "street_graph" and e.extent is not None]
        if not extents:
            return registry.project_bounds(self.project.metadata.area_of_interest,
                                           self.working_crs)
        array = np.array(extents)
        return (float(array[:, 0].min()), float(array[:, 1].min()),
                float(array[:, 2].max()), float(array[:, 3].max()))

    def layer_errors(self) -> dict[str, str]:
        """Layers that could not be read, with the reason in plain words (shown, not drawn)."""
        return {name: entry.error for name, entry in list(self._entries.items()) if entry.error}

    def layer_extent(self, name: str) -> tuple[float, float, float, float] | None:
        """Extent of one layer in the working CRS, or None if it is empty or unknown."""
        entry = self._entries.get(name)
        if entry is None:
            return None
        data = entry.data
        if isinstance(data, LayerData):
            return data.extent
        if isinstance(data, HazardOverlay):
            return data.extent
        return entry.extent

    # -- drawing -----------------------------------------------------------------------

    def render(self, view: MapView, image: QImage,
               cancelled: Callable[[], bool] = lambda: False) -> bool:
        """Draw ``view`` into ``image`` (sized ``view.width`` x ``view.height``).

        Returns False, leaving the image partly drawn, when ``cancelled()`` turns
        True on the way. Safe to call from a worker thread. When a recent image of
        the same scale is reused (panning, zooming back), the picture may be
        shifted by less than half a pixel from ``view``; :attr:`last_view` is the
        view exactly drawn.
        """
        if (image.width(), image.height()) != (view.width, view.height):
            view = view.resized(image.width(), image.height())
        with self._lock:
            states, version, cached = self._states, self._version, list(self._bases)
        stand_ins = self._stand_ins(states, zoom_band(view.zoom))
        self._preload(states, stand_ins)
        drawn = self._base_image(view, states, version, cached, cancelled, stand_ins)
        if stand_ins:  # read behind the frame (also when cancelled: the next one needs them)
            self._read_behind(list(stand_ins))
        if drawn is None:
            return False
        base, view = drawn
        painter = QPainter(image)
        try:
            painter.drawImage(QPoint(0, 0), base)
            if cancelled():
                return False
            ctx = DrawContext.for_view(view, cancelled)
            candidates = []
            for state in states:
                entry = self._entries.get(state.name)
                data = entry.data if entry is not None else None
                if state.visible and state.opacity > 0 and isinstance(data, LayerData):
                    candidates.extend(layer_candidates(data, ctx))
            placed = place_labels(candidates, view.width, view.height, self._texts)
            draw_labels(painter, placed, self._texts, self.style.halo)
        finally:
            painter.end()
        self.last_labels = [label for label, _candidate in placed]
        self.last_view = view
        self.last_overviews = tuple(stand_ins)
        self._warm_up(states)
        if not stand_ins:
            self._renew_overviews(states)
        return True

    def _base_image(self, view: MapView, states: tuple[LayerState, ...], version: int,
                    cached: list[_BaseImage], cancelled: Callable[[], bool],
                    stand_ins: dict[str, LayerData]) -> tuple[QImage, MapView] | None:
        """The base map of ``view`` and the view it exactly shows.

        A kept base image of the same scale that overlaps the view is reused:
        it is copied at the nearest whole-pixel offset (so the view shown may
        differ from the one asked by less than half a pixel) and only the strips
        it does not cover are drawn.
        """
        image = QImage(view.width, view.height, QImage.Format.Format_ARGB32_Premultiplied)
        reuse = _best_reuse(cached, view, version)
        if reuse is not None:
            old, view, shift = reuse
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        ok = True
        try:
            if reuse is None:
                ok = self._draw_region(painter, view, QRect(0, 0, view.width, view.height),
                                       states, cancelled, stand_ins)
            else:
                painter.drawImage(QPoint(*shift), old.image)
                for region in _uncovered(view.width, view.height, *shift):
                    painter.save()
                    painter.setClipRect(region)
                    ok = self._draw_region(painter, view, region, states, cancelled, stand_ins)
                    painter.restore()
                    if not ok:
                        break
        finally:
            painter.end()
        if not ok:
            return None
        with self._lock:
            if self._version == version:
                kept = [b for b in self._bases if b.version == version]
                self._bases = ([_BaseImage(view, version, image)] + kept)[:BASE_IMAGES_KEPT]
        return image, view

    def _draw_region(self, painter: QPainter, view: MapView, region: QRect,
                     states: tuple[LayerState, ...], cancelled: Callable[[], bool],
                     stand_ins: dict[str, LayerData]) -> bool:
        """Draw the background and every visible layer inside one pixel rectangle
        (a layer not read yet from its overview in ``stand_ins``, if there)."""
        painter.fillRect(region, QColor(self.style.background))
        x0, y1 = view.to_map(region.left(), region.top())
        x1, y0 = view.to_map(region.left() + region.width(), region.top() + region.height())
        ctx = DrawContext.for_view(view, cancelled, (x0, y0, x1, y1))
        for state in states:
            if not state.visible or state.opacity <= 0.0:
                continue
            if cancelled():
                return False
            data: LayerData | HazardOverlay | None = stand_ins.get(state.name)
            if data is None:
                data = self.layer_data(state.name)
            if data is None:
                continue
            if isinstance(data, HazardOverlay):
                painter.setOpacity(state.opacity)
                draw_hazard_overlay(painter, data, ctx)
                painter.setOpacity(1.0)
            elif state.opacity >= 0.999:
                if not draw_vector_layer(painter, data, ctx):
                    return False
            elif not self._draw_translucent(painter, data, ctx, region, state.opacity):
                return False
        return True

    @staticmethod
    def _draw_translucent(painter: QPainter, data: LayerData, ctx: DrawContext, region: QRect,
                          opacity: float) -> bool:
        """Draw a layer on its own image, then lay it on at ``opacity`` (overlaps stay even)."""
        layer_image = QImage(region.width(), region.height(),
                             QImage.Format.Format_ARGB32_Premultiplied)
        layer_image.fill(Qt.GlobalColor.transparent)
        layer_painter = QPainter(layer_image)
        layer_painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        layer_painter.translate(-region.left(), -region.top())
        ok = draw_vector_layer(layer_painter, data, ctx)
        layer_painter.end()
        painter.setOpacity(opacity)
        painter.drawImage(region.topLeft(), layer_image)
        painter.setOpacity(1.0)
        return ok

    # -- questions ---------------------------------------------------------------------

    def identify(self, x: float, y: float, tolerance: float) -> list[IdentifyResult]:
        """Features of visible layers within ``tolerance`` map units of (x, y), top layer first."""
        from mapping.render import answers

        return answers.identify(self, x, y, tolerance)

    def search(self, text: str, limit: int = 20) -> list[SearchResult]:
        """Streets, places, POIs and facilities whose name matches (any case, any accents)."""
        from mapping.render import answers

        return answers.search(self, text, limit)

    def legend(self, extent: tuple[float, float, float, float] | None = None
               ) -> list[LegendEntry]:
        """Legend entries of the visible layers, top layer first.

        Only classes the layers hold are listed; with ``extent`` (working CRS), only
        those drawn inside it (a printed map lists what its frame shows). A layer
        whose features have their own colours (transport lines) gets one entry per
        colour drawn, named after its features.
        """
        from mapping.render import answers

        return answers.legend(self, extent)

    def entry(self, name: str) -> LayerEntry | None:
        """Where a layer comes from (for :mod:`mapping.render.answers`)."""
        return self._entries.get(name)

    # -- coordinates -------------------------------------------------------------------

    def _transformers(self) -> tuple[Transformer, Transformer]:
        pair = getattr(self._local, "pair", None)
        if pair is None:
            pair = (Transformer.from_crs(self.working_crs, "EPSG:4326", always_xy=True),
                    Transformer.from_crs("EPSG:4326", self.working_crs, always_xy=True))
            self._local.pair = pair
        return pair

    def to_wgs84(self, x: float, y: float) -> tuple[float, float]:
        """Longitude and latitude of a working-CRS point."""
        lon, lat = self._transformers()[0].transform(x, y)
        return float(lon), float(lat)

    def from_wgs84(self, lon: float, lat: float) -> tuple[float, float]:
        """Working-CRS coordinates of a longitude/latitude."""
        x, y = self._transformers()[1].transform(lon, lat)
        return float(x), float(y)


def settle_heap() -> None:
    """Take what is alive now out of the cyclic garbage collector's walks (``gc.freeze``).

    Layers read are kept as long as the map, and so are the modules imported to read
    them: every full collection walked them all again (about 85,000 objects, 60 to
    90 ms on the 16x Helsinki and 100x Jakarta projects, landing in the middle of
    redraws, eight times in ``bench_redraw.py``'s script). Frozen, they are skipped;
    reference counting still frees them. The young generations are collected first,
    so only cyclic garbage already in the oldest generation, if any, is kept for good.
    """
    gc.collect(1)
    gc.freeze()


def _best_reuse(cached: list[_BaseImage], view: MapView, version: int
                ) -> tuple[_BaseImage, MapView, tuple[int, int]] | None:
    """The kept base image covering most of ``view``, the view snapped to it, and its offset."""
    best = None
    best_area = 0
    for base in cached:
        old = base.view
        if base.version != version or (old.width, old.height) != (view.width, view.height):
            continue
        if abs(old.metres_per_pixel - view.metres_per_pixel) > 1e-9 * view.metres_per_pixel:
            continue
        mpp = view.metres_per_pixel
        dx = (old.center_x - view.center_x) / mpp
        dy = (view.center_y - old.center_y) / mpp
        rx, ry = round(dx), round(dy)
        area = max(view.width - abs(rx), 0) * max(view.height - abs(ry), 0)
        if area > best_area:
            snapped = replace(view, center_x=view.center_x + (dx - rx) * mpp,
                              center_y=view.center_y - (dy - ry) * mpp)
            best, best_area = (base, snapped, (int(rx), int(ry))), area
    return best


def _uncovered(width: int, height: int, dx: int, dy: int) -> list[QRect]:
    """Pixel rectangles of the image not covered by the old image moved by (dx, dy)."""
    out = []
    if dx > 0:
        out.append(QRect(0, 0, dx, height))
    elif dx < 0:
        out.append(QRect(width + dx, 0, -dx, height))
    x0, x1 = max(dx, 0), width + min(dx, 0)
    if dy > 0:
        out.append(QRect(x0, 0, x1 - x0, dy))
    elif dy < 0:
        out.append(QRect(x0, height + dy, x1 - x0, -dy))
    return [r for r in out if r.width() > 0 and r.height() > 0]
