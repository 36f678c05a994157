"""A layer held in memory for drawing: projected coordinate arrays, classes, level of detail.

Each layer is read once, projected to the working CRS and kept as flat numpy
arrays (see :mod:`mapping.render.wkb`); it never changes afterwards (an edit
reloads the whole layer into a new object), so render threads read it freely.

Drawing a line or polygon layer goes through ready-made painter paths, in map
coordinates, one set per zoom level ("band") and grid cell: the render thread
only picks the cells in view and hands their paths to QPainter with a
map-to-pixel transform. A band's paths hold the features that are at least a
pixel big at that band, thinned to half a pixel; polygons smaller than that are
drawn as dots (buildings) or left out. Cells are built the first time they are
seen and kept, up to a memory budget.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtGui import QPainterPath, QPolygonF

from mapping.render import qpaths
from mapping.render.style import LayerStyle
from mapping.render.view import metres_per_pixel_for
from mapping.render.wkb import LINE, POINT, POLYGON, FlatGeometries

#: Width of a grid cell, in pixels at the most detailed end of its band.
CELL_PX = 256
#: Most path elements in one painter path (the anti-aliased rasteriser prefers small paths).
MAX_ELEMENTS = {"fill": 400, "stroke": 160}
#: Simplification tolerance, pixels at the most detailed end of a band.
SIMPLIFY_PX = 0.5
#: Path elements kept in each layer's cell cache (24 bytes each).
CACHE_ELEMENTS = 6_000_000
#: Key under which the symbol features are kept with the band indexes.
SYMBOLS_KEY = -1000
#: Groups are keyed class * GROUP_STRIDE + colour id + 1.
GROUP_STRIDE = 4096


@dataclass
class CellPaths:
    """Painter paths of one grid cell at one band, by feature group (class and colour)."""

    #: :func:`path_key` -> paths (each at most MAX_ELEMENTS elements).
    paths: dict[int, list[QPainterPath]]
    #: Line groups' :func:`path_key` -> all their segments as point pairs (for drawLines).
    segments: dict[int, QPolygonF]
    #: Number of path elements held, for the cache budget.
    elements: int


@dataclass
class BandIndex:
    """Features of one layer at one band, sorted by grid cell."""

    #: Zoom band (integer zoom level at the coarse end).
    band: int
    #: Cell width, map units.
    cell_size: float
    #: Feature indices, sorted by cell then group.
    features: np.ndarray
    #: Start of each cell's features in ``features`` (length cells + 1).
    cell_starts: np.ndarray
    #: Extent of each cell's features, shape (cells, 4).
    cell_bounds: np.ndarray


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
    _bands: dict[int, BandIndex] = field(default_factory=dict, repr=False)
    _cells: OrderedDict = field(default_factory=OrderedDict, repr=False)
    _cached_elements: int = field(default=0, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __len__(self) -> int:
        return len(self.fids)

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

    def point_features(self) -> np.ndarray:
        """Point features (whatever their class)."""
        return np.nonzero(self.geoms.family == POINT)[0]

    # -- level of detail --------------------------------------------------------------

    def band_index(self, band: int) -> BandIndex:
        """Features of lines and polygons worth drawing at ``band``, sorted by cell."""
        found = self._bands.get(band)
        if found is not None:
            return found
        coarse = metres_per_pixel_for(band)
        fine = metres_per_pixel_for(band + 1)
        cell = CELL_PX * fine
        family = self.geoms.family
        drawn = self.classes >= 0
        if drawn.any():
            drawn[drawn] = ~self.symbol_classes[self.classes[drawn]]
        shown = np.array([c.min_zoom < band + 1 and c.max_zoom >= band
                          for c in self.style.classes] + [False], dtype=bool)
        eligible = drawn & shown[self.classes] & (
            (family == LINE) | ((family == POLYGON) & (self.size >= coarse)))
        chosen = np.nonzero(eligible)[0]
        ax = np.floor(self.anchor[chosen, 0] / cell).astype(np.int64)
        ay = np.floor(self.anchor[chosen, 1] / cell).astype(np.int64)
        key = (ax - ax.min(initial=0)) * (int(ay.max(initial=0) - ay.min(initial=0)) + 1) \
            + (ay - ay.min(initial=0))
        # Within a cell, rows of 64-pixel sub-cells keep each painter path compact.
        sub = np.floor(self.anchor[chosen] / (cell / 8)).astype(np.int64) % 8
        group = self.classes[chosen].astype(np.int64) * GROUP_STRIDE + self.colour_ids[chosen] + 1
        order = np.lexsort((sub[:, 0], sub[:, 1], group, key))
        chosen, key = chosen[order], key[order]
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
        index = BandIndex(band, cell, chosen, starts, cell_bounds)
        with self._lock:
            self._bands[band] = index
        return index

    def cells_in(self, band: int, extent: tuple[float, float, float, float]) -> np.ndarray:
        """Cells of ``band`` whose features reach into ``extent``."""
        index = self.band_index(band)
        b = index.cell_bounds
        minx, miny, maxx, maxy = extent
        hit = (b[:, 0] <= maxx) & (b[:, 2] >= minx) & (b[:, 1] <= maxy) & (b[:, 3] >= miny)
        return np.nonzero(hit)[0]

    def cell_paths(self, band: int, cell: int) -> CellPaths:
        """The painter paths of one cell (built on first use, then cached)."""
        key = (band, cell)
        with self._lock:
            found = self._cells.get(key)
            if found is not None:
                self._cells.move_to_end(key)
                return found
        built = self._build_cell(band, cell)
        with self._lock:
            if key not in self._cells:
                self._cells[key] = built
                self._cached_elements += built.elements
            while self._cached_elements > CACHE_ELEMENTS and len(self._cells) > 1:
                _old, dropped = self._cells.popitem(last=False)
                self._cached_elements -= dropped.elements
        return built

    def _build_cell(self, band: int, cell: int) -> CellPaths:
        index = self.band_index(band)
        members = index.features[index.cell_starts[cell]:index.cell_starts[cell + 1]]
        tolerance = SIMPLIFY_PX * metres_per_pixel_for(band + 1)
        geoms = self.geoms
        ring_starts = geoms.part_offsets[geoms.feature_offsets[members]]
        ring_ends = geoms.part_offsets[geoms.feature_offsets[members + 1]]
        ring_counts = ring_ends - ring_starts
        rings = np.arange(int(ring_counts.sum()), dtype=np.int64) + np.repeat(
            ring_starts - np.concatenate([[0], np.cumsum(ring_counts)[:-1]]), ring_counts)
        ring_feature = np.repeat(np.arange(len(members)), ring_counts)
        vertex_index, offsets = qpaths.ring_vertex_index(geoms.ring_offsets, rings)
        coords = geoms.coords[vertex_index]
        polygon = geoms.family[members[ring_feature]] == POLYGON if len(rings) else np.zeros(0, bool)
        # Thin lines and polygon rings separately: they need different minimum sizes.
        paths: dict[int, list[QPainterPath]] = {}
        segments: dict[int, QPolygonF] = {}
        elements = 0
        for is_polygon in (True, False):
            chosen = np.nonzero(polygon == is_polygon)[0]
            if not len(chosen):
                continue
            sub_index, sub_offsets = qpaths.ring_vertex_index(offsets, chosen)
            thin, thin_offsets, kept = qpaths.simplify(
                coords[sub_index], sub_offsets, tolerance, 4 if is_polygon else 2)
            kept_rings = chosen[kept]
            feature_of_ring = members[ring_feature[kept_rings]]
            groups = (self.classes[feature_of_ring].astype(np.int64) * GROUP_STRIDE
                      + self.colour_ids[feature_of_ring] + 1)
            limit = MAX_ELEMENTS["fill" if is_polygon else "stroke"]
            for group in np.unique(groups):
                ring_ids = np.nonzero(groups == group)[0]
                key = path_key(int(group), is_polygon)
                for piece in _pieces(thin_offsets, ring_ids, limit):
                    vi, vo = qpaths.ring_vertex_index(thin_offsets, piece)
                    paths.setdefault(key, []).append(qpaths.path_from_rings(thin[vi], vo))
                    elements += len(vi)
                if not is_polygon:
                    vi, vo = qpaths.ring_vertex_index(thin_offsets, ring_ids)
                    pairs = qpaths.segment_pairs(thin[vi], vo)
                    segments[key] = qpaths.polygonf(pairs)
                    elements += len(pairs) * 2 // 3  # 16-byte points against 24-byte elements
        return CellPaths(paths, segments, elements)

    def small_polygons_in(self, band: int, extent: tuple[float, float, float, float]
                          ) -> np.ndarray:
        """Polygons of drawn classes too small for the paths of ``band``, anchored in ``extent``.

        These are drawn as dots; they are kept sorted by x so that a view picks
        its slice with a binary search.
        """
        key = -1 - band
        found = self._bands.get(key)
        if found is None:
            coarse = metres_per_pixel_for(band)
            small = np.nonzero((self.geoms.family == POLYGON) & (self.classes >= 0)
                               & (self.size < coarse))[0]
            small = small[np.argsort(self.anchor[small, 0], kind="stable")]
            found = BandIndex(key, 0.0, small, np.zeros(1, np.int64),
                              np.ascontiguousarray(self.anchor[small]))
            with self._lock:
                self._bands[key] = found
        minx, miny, maxx, maxy = extent
        xs = found.cell_bounds[:, 0]
        lo, hi = np.searchsorted(xs, [minx, maxx])
        ys = found.cell_bounds[lo:hi, 1]
        return found.features[lo:hi][(ys >= miny) & (ys <= maxy)]

    # -- queries --------------------------------------------------------------------

    def features_in(self, extent: tuple[float, float, float, float],
                    candidates: np.ndarray | None = None) -> np.ndarray:
        """Features (or the given candidates) whose extent meets ``extent``."""
        minx, miny, maxx, maxy = extent
        b = self.bounds if candidates is None else self.bounds[candidates]
        hit = (b[:, 0] <= maxx) & (b[:, 2] >= minx) & (b[:, 1] <= maxy) & (b[:, 3] >= miny)
        found = np.nonzero(hit)[0]
        return found if candidates is None else candidates[found]

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


def path_key(group: int, polygons: bool) -> int:
    """Key of a cell's paths: the feature group, and whether they are polygon rings."""
    return group * 2 + int(polygons)


def group_key(class_index: int, colour_id: int) -> int:
    """Feature group of a class and a per-feature colour id (-1 for none)."""
    return class_index * GROUP_STRIDE + colour_id + 1


def _pieces(offsets: np.ndarray, rings: np.ndarray, limit: int) -> list[np.ndarray]:
    """Split a run of rings into consecutive pieces of at most ``limit`` vertices."""
    if not len(rings):
        return []
    sizes = offsets[rings + 1] - offsets[rings]
    total = np.cumsum(sizes)
    piece = (total - 1) // limit
    cuts = np.nonzero(np.diff(piece))[0] + 1
    return np.split(rings, cuts)


def zoom_band(zoom: float) -> int:
    """The level-of-detail band of a zoom level (its integer part, clamped to 0..20)."""
    return int(min(max(math.floor(zoom), 0), 20))
