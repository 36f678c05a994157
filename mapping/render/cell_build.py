"""Build the painter paths of grid cells, many cells at once.

A cell's paths are its features' rings, simplified for the band, grouped by
class (and per-feature colour), cut into painter paths of a few hundred
elements. Every cell a view needs is built in one vectorised pass: one GEOS
simplification, one element array, one byte stream that Qt reads every path
from, and one array of segment pairs for the lines; Python only loops to read
the paths and to hand out each cell's share. Each path and each group of
segments keeps its extent, so a redraw skips what lies outside the region drawn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QByteArray, QDataStream
from PySide6.QtGui import QPainterPath

from mapping.render import qpaths
from mapping.render.view import metres_per_pixel_for
from mapping.render.wkb import POLYGON

if TYPE_CHECKING:
    from mapping.render.layer_cache import BandIndex, CellPaths, LayerData

#: Simplification tolerance, pixels at the most detailed end of a band.
SIMPLIFY_PX = 0.5
#: Most path elements in one painter path (the anti-aliased rasteriser prefers small paths).
MAX_ELEMENTS = {"fill": 400, "stroke": 256}
#: Groups are keyed class * GROUP_STRIDE + colour id + 1.
GROUP_STRIDE = 4096


def path_key(group: int, polygons: bool) -> int:
    """Key of a cell's paths: the feature group, and whether they are polygon rings."""
    return group * 2 + int(polygons)


def build_cells(layer: LayerData, index: BandIndex, cells: np.ndarray) -> list[CellPaths]:
    """The painter paths of ``cells`` of a band, one :class:`CellPaths` per cell.

    Parameters
    ----------
    layer
        The layer.
    index
        The band's cells and their features.
    cells
        Indices of the cells to build.
    """
    from mapping.render.layer_cache import CellPaths

    geoms = layer.geoms
    positions, _ = qpaths.ring_vertex_index(index.cell_starts, cells)
    member_cell = np.repeat(np.arange(len(cells)),
                            index.cell_starts[cells + 1] - index.cell_starts[cells])
    if not index.screened:  # the band holds every line and polygon: keep those worth drawing
        keep = layer.band_eligible(index.band, positions)
        positions, member_cell = positions[keep], member_cell[keep]
    members = index.features[positions]
    ring_starts = geoms.part_offsets[geoms.feature_offsets[members]]
    ring_counts = geoms.part_offsets[geoms.feature_offsets[members + 1]] - ring_starts
    rings = np.arange(int(ring_counts.sum()), dtype=np.int64) + np.repeat(
        ring_starts - np.concatenate([[0], np.cumsum(ring_counts)[:-1]]), ring_counts)
    ring_member = np.repeat(np.arange(len(members)), ring_counts)
    vertex_index, offsets = qpaths.ring_vertex_index(geoms.ring_offsets, rings)
    coords = geoms.coords[vertex_index]
    polygon = geoms.family[members[ring_member]] == POLYGON
    tolerance = SIMPLIFY_PX * metres_per_pixel_for(index.band + 1)

    built = [CellPaths({}, {}, {}, {}, 0) for _ in cells]
    # Lines and polygon rings apart: they keep different minimum vertex counts.
    for is_polygon in (True, False):
        chosen = np.nonzero(polygon == is_polygon)[0]
        if not len(chosen):
            continue
        sub_index, sub_offsets = qpaths.ring_vertex_index(offsets, chosen)
        thin, thin_offsets, kept = qpaths.simplify(
            coords[sub_index], sub_offsets, tolerance, 4 if is_polygon else 2)
        if not len(kept):
            continue
        member = ring_member[chosen[kept]]
        feature = members[member]
        group = (layer.classes[feature].astype(np.int64) * GROUP_STRIDE
                 + layer.colour_ids[feature] + 1)
        key = member_cell[member] * (int(group.max()) + 1) + group
        order = np.argsort(key, kind="stable")  # by cell and group, Z-order kept within
        sorted_index, ring_offsets = qpaths.ring_vertex_index(thin_offsets, order)
        _add_runs(built, thin[sorted_index], ring_offsets, key[order],
                  member_cell[member[order]], group[order], is_polygon)
    return built


def _add_runs(built: list[CellPaths], points: np.ndarray, ring_offsets: np.ndarray,
              ring_key: np.ndarray, ring_cell: np.ndarray, ring_group: np.ndarray,
              is_polygon: bool) -> None:
    """Add sorted rings to their cells: each run of one cell and group becomes painter paths
    of at most ``MAX_ELEMENTS`` elements (whole rings each) and, for lines, segment pairs."""
    count = len(ring_key)
    sizes = np.diff(ring_offsets)
    run_start = np.ones(count, dtype=bool)
    run_start[1:] = ring_key[1:] != ring_key[:-1]
    run_first = np.nonzero(run_start)[0]
    run_of_ring = np.cumsum(run_start) - 1
    # A run is cut where the running element count passes a multiple of the limit.
    limit = MAX_ELEMENTS["fill" if is_polygon else "stroke"]
    running = np.cumsum(sizes)
    within = running - (running - sizes)[run_first][run_of_ring]
    piece = (within - 1) // limit
    piece_start = run_start.copy()
    piece_start[1:] |= piece[1:] != piece[:-1]
    first = np.nonzero(piece_start)[0]
    after = np.append(first[1:], count)
    v0, v1 = ring_offsets[first], ring_offsets[after]
    last_move = ring_offsets[after - 1] - v0
    paths = _read_paths(qpaths.path_records(points, ring_offsets), v0, v1, last_move)
    path_bounds = _extents(points, v0)
    run_bounds = _extents(points, ring_offsets[run_first])
    piece_run = run_of_ring[first]
    piece_starts_of_run = np.searchsorted(piece_run, np.arange(len(run_first) + 1))
    run_v0 = ring_offsets[run_first]
    run_v1 = ring_offsets[np.append(run_first[1:], count)]
    if not is_polygon:
        pairs = qpaths.segment_pairs(points, ring_offsets)
        pair_offsets = np.concatenate([[0], np.cumsum(sizes - 1)]) * 2
        run_pairs = pair_offsets[np.append(run_first, count)]
    for r, ring in enumerate(run_first):
        cell_paths = built[int(ring_cell[ring])]
        run_key = path_key(int(ring_group[ring]), is_polygon)
        p0, p1 = int(piece_starts_of_run[r]), int(piece_starts_of_run[r + 1])
        cell_paths.paths[run_key] = paths[p0:p1]
        cell_paths.path_bounds[run_key] = path_bounds[p0:p1]
        cell_paths.bounds[run_key] = tuple(run_bounds[r].tolist())
        cell_paths.elements += int(run_v1[r] - run_v0[r])
        if not is_polygon:
            run_segments = pairs[run_pairs[r]:run_pairs[r + 1]].copy()
            cell_paths.segments[run_key] = run_segments
            cell_paths.elements += len(run_segments) * 2 // 3  # 16-byte points, 24-byte elements


def _extents(points: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Extent (minx, miny, maxx, maxy) of each run of ``points`` beginning at ``starts``."""
    x, y = points[:, 0], points[:, 1]
    return np.column_stack([np.minimum.reduceat(x, starts), np.minimum.reduceat(y, starts),
                            np.maximum.reduceat(x, starts), np.maximum.reduceat(y, starts)])


def _read_paths(records: np.ndarray, v0: np.ndarray, v1: np.ndarray, last_move: np.ndarray
                ) -> list[QPainterPath]:
    """Painter paths of the element slices ``v0:v1`` of ``records``, read from one stream.

    A path's QDataStream form is its element count, its element records, then its
    last subpath start and fill rule: those 12 bytes around each slice are put
    into the records' bytes in one ``np.insert``, and Qt reads the paths one
    after another from the one buffer.
    """
    if not len(v0):
        return []
    heads = np.asarray(v1 - v0, dtype=">i4").view(np.uint8).reshape(-1, 4)
    tails = np.column_stack([last_move, np.full(len(v0), qpaths.ODD_EVEN_FILL)]
                            ).astype(">i4").view(np.uint8).reshape(-1, 8)
    # Before each slice: the tail of the path before it (none for the first) and its head.
    before = np.concatenate([np.vstack([np.zeros((1, 8), np.uint8), tails[:-1]]), heads],
                            axis=1)
    data = np.insert(records.view(np.uint8), np.repeat(v0 * records.dtype.itemsize, 12),
                     before.reshape(-1))
    stream = QDataStream(QByteArray(np.concatenate([data[8:], tails[-1]]).tobytes()))
    out = []
    for _ in range(len(v0)):
        path = QPainterPath()
        stream >> path
        out.append(path)
    return out
