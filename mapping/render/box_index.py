"""A spatial index of many boxes, built once with numpy: which boxes meet a view.

A redraw close up on a big layer must not test every feature's extent (769,000
buildings take ~8 ms a scan, every redraw); QGIS asks the GeoPackage's R-tree.
:class:`BoxIndex` is a hierarchical "loose" grid held in a few flat arrays:

* each box goes to the level whose cell size is at least its larger side
  (level ``L`` has cells ``base * 2**L`` wide), in the cell holding its centre;
  so a box never reaches further than half a cell outside its cell;
* the boxes are sorted by (level, row, column), so the boxes of a run of cells
  along a row are one slice of that order, found with a binary search.

A query grows the extent by half a cell at each level, takes one slice per grid
row it covers (all rows of all levels in one vectorised ``searchsorted``), and
tests the few candidates exactly. Building sorts the boxes once (~0.1 s for a
million); a query costs a few hundred microseconds close up, with no Python per
box. Measured against shapely's STRtree and a full numpy scan in
``benchmarks/bench_redraw.py``.
"""

from __future__ import annotations

import numpy as np

from mapping.render.counting import present

#: Grid positions per level and axis are kept below this (the key packs level, row, column).
GRID_LIMIT = 1 << 21
#: Fewer boxes than this are scanned (quicker than the grid lookup's fixed cost).
SCAN_BELOW = 20_000
#: Fewest cells across the whole extent at the lowest level (bounds a query's rows).
BASE_ROWS = 4096
#: Levels above the base cell size (each twice the previous).
MAX_LEVELS = 40
#: Boxes whose sizes set the cell size (a sample of bigger layers: a median is a sort).
SAMPLE = 65_536


class BoxIndex:
    """Boxes ``(minx, miny, maxx, maxy)`` indexed for "which meet this extent" queries.

    Parameters
    ----------
    bounds
        Array (n, 4); rows with a NaN are never found.
    """

    def __init__(self, bounds: np.ndarray) -> None:
        bounds = np.asarray(bounds, dtype=np.float64).reshape(-1, 4)
        self.bounds = bounds
        finite = (np.isfinite(bounds[:, 0]) & np.isfinite(bounds[:, 1])
                  & np.isfinite(bounds[:, 2]) & np.isfinite(bounds[:, 3]))
        ids = np.arange(len(bounds)) if finite.all() else np.nonzero(finite)[0]
        self._size = len(ids)
        if not len(ids):
            self.base = 1.0
            self.origin = np.zeros(2)
            self._levels = np.zeros(0, dtype=np.int64)
            self._keys = np.zeros(0, dtype=np.int64)
            self._ids = ids
            self._sorted_bounds = np.zeros((0, 4))
            return
        b = bounds if len(ids) == len(bounds) else bounds[ids]
        side = np.maximum(b[:, 2] - b[:, 0], b[:, 3] - b[:, 1])
        origin = np.array([b[:, 0].min(), b[:, 1].min()])
        span = max(float(b[:, 2].max() - origin[0]), float(b[:, 3].max() - origin[1]), 1e-9)
        # Most boxes in the lowest two levels, but at most BASE_ROWS rows across the
        # whole extent (points have no size: a cell of their size would be nothing).
        # (The median of a sample: any cell size gives the same answers, only the speed
        # of a query depends on it.)
        lined = side[::max(1, len(side) // SAMPLE)]
        lined = lined[lined > 0]
        if not len(lined):
            lined = side[side > 0]
        typical = float(np.median(lined)) * 2.0 if len(lined) else 0.0
        base = max(typical, span / BASE_ROWS, 1e-9)
        level = np.ceil(np.log2(np.maximum(side / base, 1.0))).astype(np.int64)
        level = np.minimum(level, MAX_LEVELS)
        cell = base * np.exp2(level)
        col = np.floor(((b[:, 0] + b[:, 2]) / 2 - origin[0]) / cell).astype(np.int64)
        row = np.floor(((b[:, 1] + b[:, 3]) / 2 - origin[1]) / cell).astype(np.int64)
        keys = _pack(level, np.clip(row, 0, GRID_LIMIT - 1), np.clip(col, 0, GRID_LIMIT - 1))
        order = np.argsort(keys, kind="stable")
        self.base = base
        self.origin = origin
        self._levels = present(level)
        self._keys = keys[order]
        self._ids = ids[order]
        self._sorted_bounds = b[order]

    def __len__(self) -> int:
        return self._size

    def query(self, extent: tuple[float, float, float, float]) -> np.ndarray:
        """Indices (ascending) of the boxes that meet ``extent``, edges included."""
        minx, miny, maxx, maxy = (float(v) for v in extent)
        if not self._size or not (minx <= maxx and miny <= maxy):
            return np.zeros(0, dtype=np.int64)
        if len(self.bounds) <= SCAN_BELOW:
            return self._scan(minx, miny, maxx, maxy)
        levels = self._levels
        cell = self.base * np.exp2(levels)
        half = cell / 2.0
        limit = GRID_LIMIT - 1
        c0 = np.clip(np.floor((minx - half - self.origin[0]) / cell), 0, limit).astype(np.int64)
        c1 = np.clip(np.floor((maxx + half - self.origin[0]) / cell), -1, limit).astype(np.int64)
        r0 = np.clip(np.floor((miny - half - self.origin[1]) / cell), 0, limit).astype(np.int64)
        r1 = np.clip(np.floor((maxy + half - self.origin[1]) / cell), -1, limit).astype(np.int64)
        keep = (c0 <= c1) & (r0 <= r1)
        levels, c0, c1, r0, r1 = levels[keep], c0[keep], c1[keep], r0[keep], r1[keep]
        rows = _ranges(r0, r1 + 1)
        per_level = r1 - r0 + 1
        level_of_row = np.repeat(levels, per_level)
        starts = np.searchsorted(self._keys, _pack(level_of_row, rows, np.repeat(c0, per_level)))
        ends = np.searchsorted(self._keys, _pack(level_of_row, rows, np.repeat(c1, per_level)),
                               side="right")
        if int((ends - starts).sum()) > len(self.bounds) // 3:
            # A view over much of the layer: one pass over every box is quicker.
            return self._scan(minx, miny, maxx, maxy)
        positions = _ranges(starts, ends)
        b = self._sorted_bounds[positions]
        hit = (b[:, 0] <= maxx) & (b[:, 2] >= minx) & (b[:, 1] <= maxy) & (b[:, 3] >= miny)
        return np.sort(self._ids[positions[hit]])

    def _scan(self, minx: float, miny: float, maxx: float, maxy: float) -> np.ndarray:
        """The answer of :meth:`query` from a pass over every box."""
        b = self.bounds
        hit = (b[:, 0] <= maxx) & (b[:, 2] >= minx) & (b[:, 1] <= maxy) & (b[:, 3] >= miny)
        return np.nonzero(hit)[0]


def _pack(level: np.ndarray | int, row: np.ndarray | int, col: np.ndarray | int) -> np.ndarray:
    """One sortable key per (level, row, column): 21 bits each for row and column."""
    return ((np.asarray(level, dtype=np.int64) << np.int64(42))
            | (np.asarray(row, dtype=np.int64) << np.int64(21))
            | np.asarray(col, dtype=np.int64))


def _ranges(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The concatenation of ``arange(s, e)`` for each pair, without a Python loop."""
    lengths = np.maximum(ends - starts, 0)
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    keep = lengths > 0
    starts, lengths = starts[keep], lengths[keep]
    steps = np.ones(total, dtype=np.int64)
    firsts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    steps[0] = starts[0]
    steps[firsts[1:]] = starts[1:] - (starts[:-1] + lengths[:-1] - 1)
    return np.cumsum(steps)
