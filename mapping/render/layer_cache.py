"""A layer held in memory for drawing: projected coordinate arrays, classes, level of detail.

Each layer is read once, projected to the working CRS and kept as flat numpy
arrays (see :mod:`mapping.render.wkb`); it never changes afterwards (an edit
reloads the whole layer into a new object), so render threads read it freely.

Drawing a line or polygon layer goes through ready-made painter paths, in map
coordinates, one set per zoom level ("band") and grid cell: the render thread
only picks the cells in view and hands their paths to QPainter with a
map-to-pixel transform. A band's paths hold the features that are at least a
pixel big at that band, simplified to half a pixel; polygons smaller than that
are drawn as dots (buildings) or left out. Cells are built the first time they
are seen (see :mod:`mapping.render.cell_build`) and kept, up to a memory budget.
Cells of every band are runs of one Z-order of the features, so choosing a
band's cells needs no sorting.

No redraw tests every feature: the cells in view are looked up by their grid
keys (:mod:`mapping.render.band_grid`), the named features for labels through a
:class:`~mapping.render.box_index.BoxIndex`; after a first frame the renderer has
:meth:`LayerData.warm_up` make both, and every band, in the background.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import shapely
from PySide6.QtGui import QPainterPath

from mapping.render import band_grid
from mapping.render.band_grid import (
    CELL_PX,
    BandIndex,
    cells_holding,
    cells_meeting,
    cells_of,
    interleave,
    meeting,
    merged,
    prepare_lookup,
)
from mapping.render.box_index import BoxIndex, _ranges
from mapping.render.cell_build import build_cells
from mapping.render.style import LayerStyle
from mapping.render.view import metres_per_pixel_for
from mapping.render.wkb import LINE, POLYGON, FlatGeometries, to_shapely

#: Path elements kept in each layer's cell cache (24 bytes each).
CACHE_ELEMENTS = 3_000_000
#: Key under which the symbol features are kept with the band indexes.
SYMBOLS_KEY = -1000
#: Most detailed level-of-detail band (closer zooms draw its paths).
MAX_BAND = 20
#: True: find the cells and features in view by testing every one (the way before the
#: spatial indexes; kept to check that both draw the same pictures, and for benchmarks).
FULL_SCAN = False
#: Layers with more features than this sum only the dots in view (see ``dots_in``).
LOCAL_DOTS = 50_000


@dataclass
class CellPaths:
    """Painter paths of one grid cell at one band, by feature group (class and colour)."""

    #: :func:`~mapping.render.cell_build.path_key` -> paths (a few hundred elements each).
    paths: dict[int, list[QPainterPath]]
    #: Path key -> extent of each of its paths, shape (paths, 4), map units.
    path_bounds: dict[int, np.ndarray]
    #: Path key -> extent of all its paths (minx, miny, maxx, maxy).
    bounds: dict[int, tuple[float, float, float, float]]
    #: Line groups' path key -> all their segments as point pairs (2 * segments, 2), for
    #: ``drawLines``.
    segments: dict[int, np.ndarray]
    #: Number of path elements held, for the cache budget.
    elements: int


@dataclass
class ZOrder:
    """A layer's lines and polygons along a Z-order curve, with what band selection needs."""

    #: Feature indices in Z-order (lines and polygons of drawn, unsymbolised classes).
    order: np.ndarray
    #: Their Z-order keys at the finest band's cells.
    keys: np.ndarray
    #: Their classes.
    classes: np.ndarray
    #: 0 not drawn as a path (no class, a symbol or a point), 1 line, 2 polygon.
    kind: np.ndarray
    #: Their sizes, metres.
    size: np.ndarray
    #: Map position of the corner of the Z-order's grid.
    origin: tuple[float, float] = (0.0, 0.0)


@dataclass
class LayerData:
    """One layer's features, projected to the working CRS; never changed after loading."""

    #: Layer name.
    name: str
    #: How it is drawn.
    style: LayerStyle
    #: Feature ids in the project file.
    fids: np.ndarray
    #: Geometries, coordinates in working-CRS metres.
    geoms: FlatGeometries
    #: Class index of each feature in ``style.classes`` (-1: not drawn).
    classes: np.ndarray
    #: Per-feature extent, shape (features, 4), NaN for empty geometries.
    bounds: np.ndarray
    #: Per-feature size: the larger side of its extent, metres.
    size: np.ndarray
    #: Per-feature area (polygons), square metres.
    area: np.ndarray
    #: Per-feature anchor: the point itself, or the middle of the extent.
    anchor: np.ndarray
    #: Per-feature label text ("" for none).
    names: np.ndarray
    #: Per-feature code of the label text (equal texts, equal codes; -1 for none).
    name_codes: np.ndarray
    #: Per-feature number of characters of the label text.
    name_lengths: np.ndarray
    #: Per-feature colour id into ``colour_table`` (-1: the class colour).
    colour_ids: np.ndarray
    #: Colours used by ``colour_ids``.
    colour_table: tuple[str, ...] = ()
    #: Extent of the whole layer, or None when empty.
    extent: tuple[float, float, float, float] | None = None
    #: Per-feature full name for legends and search ("23 · Kawangware") when the map's
    #: label text is shorter (a route number, a numbered stop); None: the label text.
    titles: np.ndarray | None = None
    _bands: dict[int, BandIndex] = field(default_factory=dict, repr=False)
    _cells: OrderedDict = field(default_factory=OrderedDict, repr=False)
    _zorder: ZOrder | None = field(default=None, repr=False)
    _dots: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict, repr=False)
    _dot_origins: dict[int, np.ndarray | None] = field(default_factory=dict, repr=False)
    _polygon_symbols: bool | None = field(default=None, repr=False)
    _dots_started: set[int] = field(default_factory=set, repr=False)
    _chain: dict[int, BandIndex] = field(default_factory=dict, repr=False)
    _named_index: tuple[np.ndarray, BoxIndex] | None = field(default=None, repr=False)
    _cached_elements: int = field(default=0, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _index_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _order_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __len__(self) -> int:
        return len(self.fids)

    @property
    def full_names(self) -> np.ndarray:
        """Per-feature names for legends and search ("" for none)."""
        return self.names if self.titles is None else self.titles

    @property
    def symbol_classes(self) -> np.ndarray:
        """Boolean per class: drawn as point symbols."""
        return np.array([c.symbol is not None for c in self.style.classes], dtype=bool)

    def symbol_features(self) -> np.ndarray:
        """Features drawn as symbols (their class has a symbol)."""
        found = self._bands.get(SYMBOLS_KEY)
        if found is not None:
            return found.features
        drawn = self.classes >= 0
        symbolic = np.zeros(len(self), dtype=bool)
        if drawn.any():
            symbolic[drawn] = self.symbol_classes[self.classes[drawn]]
        features = np.nonzero(symbolic)[0]
        with self._lock:
            self._bands[SYMBOLS_KEY] = BandIndex(SYMBOLS_KEY, 0.0, features,
                                                 np.zeros(1, np.int64), np.zeros((0, 4)))
        return features

    # -- level of detail --------------------------------------------------------------

    def spatial_order(self) -> ZOrder:
        """Features sorted along a Z-order curve of their anchors (built on first use).

        Cells halve from one band to the next, so a cell of any band is a run of
        this one order: a band's cells are found by shifting the keys, with no sort.
        """
        found = self._zorder
        if found is not None:
            return found
        # Made once: a render arriving while the warm-up makes it waits for that one
        # (begun earlier) rather than making a second.
        with self._order_lock:
            found = self._zorder
            if found is None:
                found = self._zorder = self._make_spatial_order()
        return found

    def _make_spatial_order(self) -> ZOrder:
        """The Z-order of :meth:`spatial_order`, made now."""
        cell = CELL_PX * metres_per_pixel_for(MAX_BAND + 1)
        anchor = np.nan_to_num(self.anchor)
        origin = _lowest(anchor) if len(anchor) else np.zeros(2)
        grid = np.floor((anchor - origin) / cell).astype(np.int64)
        keys = interleave(np.clip(grid[:, 0], 0, 2**31 - 1), np.clip(grid[:, 1], 0, 2**31 - 1))
        order = np.argsort(keys, kind="stable")
        drawn = self.classes >= 0
        if drawn.any():
            drawn[drawn] = ~self.symbol_classes[self.classes[drawn]]
        family = self.geoms.family
        kind = np.where(~drawn, 0, np.where(family == LINE, 1, np.where(family == POLYGON, 2, 0)))
        order = order[kind[order] > 0]  # points and symbols are never in a band's paths
        return ZOrder(order, keys[order], self.classes[order], kind[order].astype(np.int8),
                      self.size[order], (float(origin[0]), float(origin[1])))

    def band_index(self, band: int) -> BandIndex:
        """The lines and polygons of the layer grouped by the grid cells of ``band``.

        Once made (in the background after a first frame), a band holds every line
        and polygon, and :func:`build_cells` keeps those worth drawing at the band:
        so a band's cells are the cells of the next finer band merged four by four,
        found without a pass over the features. Before that, a band is made by one
        pass keeping only the features worth drawing (``screened``).
        """
        band = min(max(band, 0), MAX_BAND)
        found = self._bands.get(band)
        if found is not None:
            return found
        if FULL_SCAN:
            return self._band_index_scan(band)
        index = self._chain.get(band)
        if index is None and (band == MAX_BAND or band + 1 in self._chain):
            index = self._chain_band(band)
        elif index is None:
            # The merged bands are not made yet (a first frame; :meth:`warm_up` makes
            # them after it): one pass over the features for this band.
            return self._band_index_scan(band)
        with self._lock:
            self._bands[band] = index
        return index

    def _chain_band(self, band: int) -> BandIndex:
        """A band holding every line and polygon: the finest from the features, the
        others merged from the next finer one (which must be made already)."""
        found = self._chain.get(band)
        if found is not None:
            return found
        if band == MAX_BAND:
            z = self.spatial_order()
            found = cells_of(band, z.order, z.keys, self.bounds[z.order], z.origin)
        else:
            found = merged(self._chain[band + 1], band)
        with self._lock:
            self._chain[band] = found
        return found

    def _chain_bands(self) -> None:
        """Make every merged band, finest first (in the background after a first frame)."""
        for band in range(MAX_BAND, -1, -1):
            self._chain_band(band)

    def _prepare_lookups(self) -> None:
        """Make the lookup of the cells in view of every merged band too big to scan (in
        the background after a first frame): a first view at a new scale then finds its
        cells at once."""
        for band in range(MAX_BAND, -1, -1):
            index = self._chain.get(band)
            if index is not None and len(index.cell_keys) > band_grid.SCAN_CELLS:
                prepare_lookup(index)

    def band_eligible(self, band: int, positions: np.ndarray) -> np.ndarray:
        """Which features at ``positions`` of the Z-order are worth drawing at ``band``."""
        z = self.spatial_order()
        shown = np.array([c.min_zoom < band + 1 and c.max_zoom >= band
                          for c in self.style.classes] + [False], dtype=bool)
        kind = z.kind[positions]
        return shown[z.classes[positions]] & (
            (kind == 1) | ((kind == 2) & (z.size[positions] >= metres_per_pixel_for(band))))

    def _band_index_scan(self, band: int) -> BandIndex:
        """A band's index made from a pass over every feature (the way before FULL_SCAN off)."""
        coarse = metres_per_pixel_for(band)
        z = self.spatial_order()
        shown = np.array([c.min_zoom < band + 1 and c.max_zoom >= band
                          for c in self.style.classes] + [False], dtype=bool)
        eligible = shown[z.classes] & ((z.kind == 1) | ((z.kind == 2) & (z.size >= coarse)))
        order, keys = z.order, z.keys
        chosen = order[eligible]
        key = keys[eligible] >> (2 * (MAX_BAND - band))
        starts = np.concatenate([[0], np.nonzero(np.diff(key))[0] + 1, [len(key)]]).astype(np.int64)
        if len(chosen):
            b = self.bounds[chosen]
            cell_bounds = np.stack([np.minimum.reduceat(b[:, 0], starts[:-1]),
                                    np.minimum.reduceat(b[:, 1], starts[:-1]),
                                    np.maximum.reduceat(b[:, 2], starts[:-1]),
                                    np.maximum.reduceat(b[:, 3], starts[:-1])], axis=1)
        else:
            starts = np.zeros(1, dtype=np.int64)
            cell_bounds = np.zeros((0, 4))
        index = BandIndex(band, CELL_PX * metres_per_pixel_for(band + 1), chosen, starts,
                          cell_bounds, key[starts[:-1]] if len(chosen) else np.zeros(0, np.int64),
                          z.origin)
        with self._lock:
            self._bands[band] = index
        return index

    def cells_in(self, band: int, extent: tuple[float, float, float, float]) -> np.ndarray:
        """Cells of ``band`` whose features reach into ``extent``."""
        index = self.band_index(band)
        if FULL_SCAN:
            return meeting(index.cell_bounds, extent)
        return cells_meeting(index, extent)

    def cell_paths(self, band: int, cell: int) -> CellPaths:
        """The painter paths of one cell (built on first use, then cached)."""
        return self.cells_paths(band, np.array([cell]))[0]

    def cells_paths(self, band: int, cells: np.ndarray) -> list[CellPaths]:
        """The painter paths of several cells; those not cached are built in one pass."""
        found: list[CellPaths | None] = []
        with self._lock:
            for cell in cells:
                cached = self._cells.get((band, int(cell)))
                if cached is not None:
                    self._cells.move_to_end((band, int(cell)))
                found.append(cached)
        missing = [i for i, cached in enumerate(found) if cached is None]
        if missing:
            built = build_cells(self, self.band_index(band), cells[missing])
            with self._lock:
                for i, cell_built in zip(missing, built, strict=True):
                    key = (band, int(cells[i]))
                    found[i] = cell_built
                    if key not in self._cells:
                        self._cells[key] = cell_built
                        self._cached_elements += cell_built.elements
                while self._cached_elements > CACHE_ELEMENTS and len(self._cells) > 1:
                    _old, dropped = self._cells.popitem(last=False)
                    self._cached_elements -= dropped.elements
        return [c for c in found if c is not None]

    def dots_in(self, band: int, extent: tuple[float, float, float, float]
                ) -> tuple[np.ndarray, np.ndarray]:
        """Dots standing for the polygons too small for the paths of ``band``, in ``extent``.

        The small polygons of drawn classes are summed once per band into a grid of
        half the band's coarsest pixel: each occupied grid cell is one dot (its
        centre, its built area). Dots are kept sorted by x so that a view picks
        its slice with a binary search.

        On a big layer only the dots in ``extent`` are summed, from the polygons the
        band's grid cells near it hold (the same dots, the same sums in the same
        order): a first view at a new scale does not pay for the whole layer.

        Returns
        -------
        xy, area
            Dot positions (n, 2) and the polygon area they carry, square metres.
        """
        found = self._dots.get(band)
        if (found is None and not FULL_SCAN and len(self) > LOCAL_DOTS
                and self._polygons_in_zorder()):
            near = self._dots_near(band, extent)
            if near is not None:
                return near
        if found is None:
            found = self._aggregate_dots(band)
            with self._lock:
                self._dots[band] = found
        xy, area = found
        minx, miny, maxx, maxy = extent
        lo, hi = np.searchsorted(xy[:, 0], [minx, maxx])
        ys = xy[lo:hi, 1]
        inside = (ys >= miny) & (ys <= maxy)
        return xy[lo:hi][inside], area[lo:hi][inside]

    def _polygons_in_zorder(self) -> bool:
        """True when every polygon of a drawn class is in the Z-order (no polygon symbols)."""
        if self._polygon_symbols is None:
            polygons = (self.geoms.family == POLYGON) & (self.classes >= 0)
            self._polygon_symbols = bool(self.symbol_classes[self.classes[polygons]].any())
        return not self._polygon_symbols

    def _dots_near(self, band: int, extent: tuple[float, float, float, float]
                   ) -> tuple[np.ndarray, np.ndarray] | None:
        """The dots of ``band`` in ``extent``, summed from the polygons near it only.

        None when the extent holds much of the layer (then all dots are summed at
        once, as later views of the band use); the band's whole sum is started in the
        background, for the redraws that follow.
        """
        band = min(max(band, 0), MAX_BAND)
        coarse = metres_per_pixel_for(band)
        shown = np.array([c.min_zoom < band + 1 and c.max_zoom >= band
                          for c in self.style.classes] + [False], dtype=bool)
        if band not in self._dot_origins:
            small = (self.geoms.family == POLYGON) & shown[self.classes] & (self.size < coarse)
            origin = _lowest(self.anchor[small]) if small.any() else None
            with self._lock:
                self._dot_origins[band] = origin
        origin = self._dot_origins[band]
        empty = np.zeros((0, 2)), np.zeros(0)
        if origin is None:
            return empty
        cell = coarse / 2.0
        index = self._chain.get(band)  # every polygon, small ones too
        minx, miny, maxx, maxy = extent
        # A dot's polygons have their anchors within half a dot cell of its centre.
        near = (minx - cell, miny - cell, maxx + cell, maxy + cell)
        if index is not None:
            cells = cells_holding(index, near)
            positions = _ranges(index.cell_starts[cells], index.cell_starts[cells + 1])
            if len(positions) > len(self) // 4:
                return None
            features = np.sort(index.features[positions])
        else:
            # The band's merged grid is not made yet (the warm-up makes it after a first
            # frame): the features near by their anchors, in one pass over them (a few
            # milliseconds, where summing every dot of the layer takes tens).
            a = self.anchor
            features = np.nonzero((a[:, 0] >= near[0]) & (a[:, 0] <= near[2])
                                  & (a[:, 1] >= near[1]) & (a[:, 1] <= near[3]))[0]
            if len(features) > len(self) // 4:
                return None
        if band not in self._dots_started:
            self._dots_started.add(band)
            _background().submit(self._keep_dots, band)
        small = features[(self.geoms.family[features] == POLYGON) & shown[self.classes[features]]
                         & (self.size[features] < coarse)]
        if not len(small):
            return empty
        grid = np.floor((self.anchor[small] - origin) / cell).astype(np.int64)
        x = origin[0] + (grid[:, 0] + 0.5) * cell
        y = origin[1] + (grid[:, 1] + 0.5) * cell
        inside = (x >= minx) & (x < maxx) & (y >= miny) & (y <= maxy)
        if not inside.any():
            return empty
        small, grid = small[inside], grid[inside]
        keys = grid[:, 0] * (int(grid[:, 1].max()) + 1) + grid[:, 1]
        dots, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        area = np.bincount(inverse, weights=self.area[small], minlength=len(dots))
        g = grid[first]
        xy = np.column_stack([origin[0] + (g[:, 0] + 0.5) * cell,
                              origin[1] + (g[:, 1] + 0.5) * cell])
        return xy, area

    def _keep_dots(self, band: int) -> None:
        found = self._aggregate_dots(band)
        with self._lock:
            self._dots[band] = found

    def _aggregate_dots(self, band: int) -> tuple[np.ndarray, np.ndarray]:
        coarse = metres_per_pixel_for(band)
        shown = np.array([c.min_zoom < band + 1 and c.max_zoom >= band
                          for c in self.style.classes] + [False], dtype=bool)
        small = np.nonzero((self.geoms.family == POLYGON) & shown[self.classes]
                           & (self.size < coarse))[0]
        if not len(small):
            return np.zeros((0, 2)), np.zeros(0)
        cell = coarse / 2.0
        anchor = self.anchor[small]
        origin = _lowest(anchor)
        grid = np.floor((anchor - origin) / cell).astype(np.int64)
        keys = grid[:, 0] * (int(grid[:, 1].max()) + 1) + grid[:, 1]
        cells, inverse = np.unique(keys, return_inverse=True)
        area = np.bincount(inverse, weights=self.area[small], minlength=len(cells))
        rows = int(grid[:, 1].max()) + 1
        xy = np.column_stack([origin[0] + (cells // rows + 0.5) * cell,
                              origin[1] + (cells % rows + 0.5) * cell])
        order = np.argsort(xy[:, 0], kind="stable")
        return np.ascontiguousarray(xy[order]), area[order]

    # -- queries --------------------------------------------------------------------

    def features_in(self, extent: tuple[float, float, float, float],
                    candidates: np.ndarray | None = None) -> np.ndarray:
        """Features (or the given candidates) whose extent meets ``extent``, ascending.

        A pass over every feature: for one-off questions (identify, a print's legend);
        what every redraw asks goes through an index (:meth:`named_in`, :meth:`cells_in`).
        """
        if candidates is not None:
            return candidates[meeting(self.bounds[candidates], extent)]
        return meeting(self.bounds, extent)

    def warm_up(self) -> None:
        """Make the merged bands, the label index and the lookups of cells in view now (in
        the background, after a first frame), so that the first zooms and labelled views
        do not wait for them."""
        if not FULL_SCAN:
            self._chain_bands()
        self.named_in((0.0, 0.0, -1.0, -1.0))
        if not FULL_SCAN:
            self._prepare_lookups()

    def named_in(self, extent: tuple[float, float, float, float]) -> np.ndarray:
        """Features with a label text whose extent meets ``extent``, ascending.

        Labels are placed at every redraw: their own index (of the named features
        only) spares a pass over every feature of the layer.
        """
        if FULL_SCAN:
            return self.features_in(extent, np.nonzero(self.name_codes >= 0)[0])
        found = self._named_index
        if found is None:
            with self._index_lock:  # built once, by the renderer or the warm-up, not both
                found = self._named_index
                if found is None:
                    named = np.nonzero(self.name_codes >= 0)[0]
                    found = self._named_index = (named, BoxIndex(self.bounds[named]))
        named, index = found
        return named[index.query(extent)]

    def features_meeting(self, extent: tuple[float, float, float, float]) -> np.ndarray:
        """Features whose geometry (not only its extent) meets ``extent``: what a map of
        that area shows. Features wholly inside are found from their extents; only those
        crossing the edge are tested shape by shape."""
        minx, miny, maxx, maxy = extent
        found = self.features_in(extent)
        b = self.bounds[found]
        inside = (b[:, 0] >= minx) & (b[:, 2] <= maxx) & (b[:, 1] >= miny) & (b[:, 3] <= maxy)
        crossing = found[~inside]
        if len(crossing):
            frame = shapely.box(minx, miny, maxx, maxy)
            shapes = [to_shapely(self.geoms, int(i)) for i in crossing]
            meets = np.array([s is not None and bool(shapely.intersects(s, frame))
                              for s in shapes], dtype=bool)
            crossing = crossing[meets]
        return np.sort(np.concatenate([found[inside], crossing]))

    def anchors_in(self, extent: tuple[float, float, float, float],
                   candidates: np.ndarray) -> np.ndarray:
        """Candidates whose anchor lies in ``extent``."""
        minx, miny, maxx, maxy = extent
        a = self.anchor[candidates]
        hit = (a[:, 0] >= minx) & (a[:, 0] <= maxx) & (a[:, 1] >= miny) & (a[:, 1] <= maxy)
        return candidates[hit]

    def feature_coords(self, feature: int) -> list[np.ndarray]:
        """Vertex arrays of each ring/part of one feature."""
        g = self.geoms
        r0 = g.part_offsets[g.feature_offsets[feature]]
        r1 = g.part_offsets[g.feature_offsets[feature + 1]]
        return [g.coords[g.ring_offsets[r]:g.ring_offsets[r + 1]] for r in range(r0, r1)]


def _lowest(xy: np.ndarray) -> np.ndarray:
    """The smallest x and the smallest y of points (n, 2): ``xy.min(axis=0)``, column by
    column (numpy reduces an (n, 2) array along its first axis two values at a time,
    forty times slower on a layer's anchors)."""
    return np.array([xy[:, 0].min(), xy[:, 1].min()])


def zoom_band(zoom: float) -> int:
    """The level-of-detail band of a zoom level (its integer part, clamped to 0..MAX_BAND)."""
    return int(min(max(math.floor(zoom), 0), MAX_BAND))


_pool: list[ThreadPoolExecutor] = []


def _background() -> ThreadPoolExecutor:
    """One worker thread for the indexes a layer will need next (finer bands, dots)."""
    if not _pool:
        _pool.append(ThreadPoolExecutor(max_workers=1, thread_name_prefix="quartier-index"))
    return _pool[0]
