"""The grid cells of a level of detail ("band") and finding those in view.

A layer's lines and polygons are sorted along a Z-order curve of their anchors
(:meth:`mapping.render.layer_cache.LayerData.spatial_order`); a band's cells are
runs of that order, keyed by the Z-order key of their grid square. This module
holds a band's index, makes a band from the features or from the next finer band
(its cells merged four by four), and finds the cells in view from their keys
instead of testing every cell.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from mapping.render.box_index import _ranges
from mapping.render.counting import present
from mapping.render.view import metres_per_pixel_for

#: Width of a grid cell, in pixels at the most detailed end of its band.
CELL_PX = 256
#: Bands with at most this many cells are scanned whole (quicker than the grid lookup).
SCAN_CELLS = 20_000


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
    #: Z-order key of each cell at this band (ascending).
    cell_keys: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    #: Map position of the grid's corner (the Z-order's origin).
    origin: tuple[float, float] = (0.0, 0.0)
    #: True: ``features`` are only those worth drawing at the band; False: every line and
    #: polygon of the layer (the cell builder keeps those worth drawing).
    screened: bool = True
    #: Cells by how far their features reach out of their grid square: the levels,
    #: the key span, the cells by (level, key) and those keys; built on first query
    #: (see :func:`_cells_meeting`).
    _reach_groups: tuple[np.ndarray, int, np.ndarray, np.ndarray] | None = field(
        default=None, repr=False)



def interleave(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Z-order (Morton) keys of non-negative integer grid positions (31 bits each)."""
    def spread(v: np.ndarray) -> np.ndarray:
        v = v.astype(np.uint64) & np.uint64(0x7FFFFFFF)
        for shift, mask in ((16, 0x0000FFFF0000FFFF), (8, 0x00FF00FF00FF00FF),
                            (4, 0x0F0F0F0F0F0F0F0F), (2, 0x3333333333333333),
                            (1, 0x5555555555555555)):
            v = (v | (v << np.uint64(shift))) & np.uint64(mask)
        return v
    return (spread(x) | (spread(y) << np.uint64(1))).astype(np.int64)


def meeting(bounds: np.ndarray, extent: tuple[float, float, float, float]) -> np.ndarray:
    """Rows of ``bounds`` meeting ``extent`` (edges included), by testing every one."""
    minx, miny, maxx, maxy = extent
    b = bounds
    hit = (b[:, 0] <= maxx) & (b[:, 2] >= minx) & (b[:, 1] <= maxy) & (b[:, 3] >= miny)
    return np.nonzero(hit)[0]


def cells_meeting(index: BandIndex, extent: tuple[float, float, float, float]) -> np.ndarray:
    """Cells of a band whose features' extent meets ``extent``, found from the grid.

    A cell's features have their anchors in its grid square, so a cell whose
    features reach at most half a square out of it is found by looking up the
    Z-order keys of the squares near the extent. A cell holding longer features
    (a long road) is looked up the same way through its ancestor ``level`` bands
    up, whose square is big enough; an ancestor's cells are one run of keys.
    """
    if len(index.cell_keys) <= SCAN_CELLS:
        return meeting(index.cell_bounds, extent)
    levels, span, order, keys = prepare_lookup(index)
    if span > 2**56:  # a grid too big to key by level (never on a city): scan
        return meeting(index.cell_bounds, extent)
    minx, miny, maxx, maxy = extent
    ox, oy = index.origin
    size = index.cell_size * np.exp2(levels)
    reach = size * 0.5001  # at most half an ancestor square out of it (and rounding)
    top = (2**31 - 1) >> levels
    x0 = np.clip(np.floor((minx - reach - ox) / size), 0, top).astype(np.int64)
    x1 = np.clip(np.floor((maxx + reach - ox) / size), -1, top).astype(np.int64)
    y0 = np.clip(np.floor((miny - reach - oy) / size), 0, top).astype(np.int64)
    y1 = np.clip(np.floor((maxy + reach - oy) / size), -1, top).astype(np.int64)
    nx, ny = np.maximum(x1 - x0 + 1, 0), np.maximum(y1 - y0 + 1, 0)
    # Levels with more ancestor squares in view than cells are taken whole.
    whole = nx * ny > len(order) // 8
    low = [levels[whole] * span]
    high = [(levels[whole] + 1) * span]
    pick = ~whole & (nx * ny > 0)
    if pick.any():
        lv, x0, nx, y0, ny = levels[pick], x0[pick], nx[pick], y0[pick], ny[pick]
        row_y = _ranges(y0, y0 + ny)
        row_level = np.repeat(np.arange(len(lv)), ny)
        per_row = nx[row_level]
        x = _ranges(x0[row_level], x0[row_level] + per_row)
        pair_row = np.repeat(np.arange(len(row_y)), per_row)
        pair_level = row_level[pair_row]
        ancestors = interleave(x, row_y[pair_row])
        shift = 2 * lv[pair_level]
        base = lv[pair_level] * span
        low.append(base + np.minimum(ancestors << shift, span))
        high.append(base + np.minimum((ancestors + 1) << shift, span))
    starts = np.searchsorted(keys, np.concatenate(low))
    ends = np.searchsorted(keys, np.concatenate(high))
    candidates = order[_ranges(starts, ends)]
    hit = meeting(index.cell_bounds[candidates], extent)
    return np.sort(candidates[hit])


def prepare_lookup(index: BandIndex) -> tuple[np.ndarray, int, np.ndarray, np.ndarray]:
    """The cells of a band grouped by how far their features reach out of their square
    (see :func:`cells_meeting`); made on first use, or ahead by a layer's warm-up."""
    groups = index._reach_groups
    if groups is None:
        cs = index.cell_size
        gx, gy = deinterleave(index.cell_keys)
        ox, oy = index.origin
        b = index.cell_bounds
        # Pairwise, not np.maximum.reduce of a list (which first copies the four into one
        # array): the same largest values.
        reach = np.maximum(np.maximum(ox + gx * cs - b[:, 0], b[:, 2] - (ox + (gx + 1) * cs)),
                           np.maximum(oy + gy * cs - b[:, 1], b[:, 3] - (oy + (gy + 1) * cs)))
        level = np.minimum(np.ceil(np.log2(np.maximum(2.0 * reach / cs, 1.0))), 30)
        level = level.astype(np.int64)
        order = np.argsort(level.astype(np.int8), kind="stable")  # by level, then key
        span = int(index.cell_keys[-1]) + 1
        groups = index._reach_groups = (present(level), span, order,
                                        level[order] * span + index.cell_keys[order])
    return groups


def deinterleave(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Grid positions (x, y) of Z-order keys (inverse of :func:`_interleave`)."""
    def compact(v: np.ndarray) -> np.ndarray:
        v = v & np.uint64(0x5555555555555555)
        for shift, mask in ((1, 0x3333333333333333), (2, 0x0F0F0F0F0F0F0F0F),
                            (4, 0x00FF00FF00FF00FF), (8, 0x0000FFFF0000FFFF),
                            (16, 0x00000000FFFFFFFF)):
            v = (v | (v >> np.uint64(shift))) & np.uint64(mask)
        return v.astype(np.int64)
    k = keys.astype(np.uint64)
    return compact(k), compact(k >> np.uint64(1))


def cells_of(band: int, features: np.ndarray, keys: np.ndarray, bounds: np.ndarray,
              origin: tuple[float, float]) -> BandIndex:
    """The finest band's index: features in Z-order cut into runs of equal keys."""
    if not len(features):
        return BandIndex(band, CELL_PX * metres_per_pixel_for(band + 1), features,
                         np.zeros(1, np.int64), np.zeros((0, 4)), np.zeros(0, np.int64), origin,
                         screened=False)
    firsts = np.concatenate([[0], np.nonzero(np.diff(keys))[0] + 1]).astype(np.int64)
    cell_bounds = np.stack([np.minimum.reduceat(bounds[:, 0], firsts),
                            np.minimum.reduceat(bounds[:, 1], firsts),
                            np.maximum.reduceat(bounds[:, 2], firsts),
                            np.maximum.reduceat(bounds[:, 3], firsts)], axis=1)
    return BandIndex(band, CELL_PX * metres_per_pixel_for(band + 1), features,
                     np.concatenate([firsts, [len(features)]]), cell_bounds, keys[firsts],
                     origin, screened=False)


def merged(finer: BandIndex, band: int) -> BandIndex:
    """A band's index from the next finer band's: its cells merged four by four."""
    keys = finer.cell_keys >> 2
    if not len(keys):
        return replace(finer, band=band, cell_size=CELL_PX * metres_per_pixel_for(band + 1),
                       _reach_groups=None)
    firsts = np.concatenate([[0], np.nonzero(np.diff(keys))[0] + 1]).astype(np.int64)
    b = finer.cell_bounds
    cell_bounds = np.stack([np.minimum.reduceat(b[:, 0], firsts),
                            np.minimum.reduceat(b[:, 1], firsts),
                            np.maximum.reduceat(b[:, 2], firsts),
                            np.maximum.reduceat(b[:, 3], firsts)], axis=1)
    starts = np.concatenate([finer.cell_starts[firsts], finer.cell_starts[-1:]])
    return BandIndex(band, CELL_PX * metres_per_pixel_for(band + 1), finer.features, starts,
                     cell_bounds, keys[firsts], finer.origin, screened=False)


def cells_holding(index: BandIndex, extent: tuple[float, float, float, float]) -> np.ndarray:
    """Cells of a band whose grid square (where their anchors lie) meets ``extent``."""
    cs = index.cell_size
    ox, oy = index.origin
    minx, miny, maxx, maxy = extent
    # One square more on each side: an anchor on a square's edge may round either way.
    x0, x1 = max(math.floor((minx - ox) / cs) - 1, 0), math.floor((maxx - ox) / cs) + 1
    y0, y1 = max(math.floor((miny - oy) / cs) - 1, 0), math.floor((maxy - oy) / cs) + 1
    if x1 < x0 or y1 < y0:
        return np.zeros(0, dtype=np.int64)
    if (x1 - x0 + 1) * (y1 - y0 + 1) > len(index.cell_keys):
        return np.arange(len(index.cell_keys))
    gx, gy = np.meshgrid(np.arange(x0, x1 + 1, dtype=np.int64),
                         np.arange(y0, y1 + 1, dtype=np.int64))
    wanted = np.sort(interleave(gx.ravel(), gy.ravel()))
    keys = index.cell_keys
    at = np.minimum(np.searchsorted(keys, wanted), max(len(keys) - 1, 0))
    return at[keys[at] == wanted] if len(keys) else np.zeros(0, dtype=np.int64)
