"""Build the painter paths of grid cells, many cells at once.

A cell's paths are its features' rings, simplified for the band, grouped by
class (and per-feature colour), cut into painter paths of a few hundred
elements. Building every cell a view needs in one vectorised pass (one GEOS
simplification, one element array) costs a fraction of building them one by one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtGui import QPainterPath, QPolygonF

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

    paths: list[dict[int, list[QPainterPath]]] = [{} for _ in cells]
    segments: list[dict[int, QPolygonF]] = [{} for _ in cells]
    elements = np.zeros(len(cells), dtype=np.int64)
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
        points = thin[sorted_index]
        records = qpaths.path_records(points, ring_offsets)
        sorted_key = key[order]
        runs = np.concatenate([[0], np.nonzero(np.diff(sorted_key))[0] + 1, [len(order)]])
        limit = MAX_ELEMENTS["fill" if is_polygon else "stroke"]
        for r0, r1 in zip(runs[:-1], runs[1:], strict=True):
            cell = int(member_cell[member[order[r0]]])
            run_key = path_key(int(group[order[r0]]), is_polygon)
            sizes = np.diff(ring_offsets[r0:r1 + 1])
            piece = (np.cumsum(sizes) - 1) // limit
            cuts = np.concatenate([[0], np.nonzero(np.diff(piece))[0] + 1, [r1 - r0]]) + r0
            made = paths[cell].setdefault(run_key, [])
            for p0, p1 in zip(cuts[:-1], cuts[1:], strict=True):
                v0, v1 = int(ring_offsets[p0]), int(ring_offsets[p1])
                made.append(qpaths.path_from_records(records[v0:v1],
                                                     int(ring_offsets[p1 - 1]) - v0))
            v0, v1 = int(ring_offsets[r0]), int(ring_offsets[r1])
            elements[cell] += v1 - v0
            if not is_polygon:
                pairs = qpaths.segment_pairs(points[v0:v1], ring_offsets[r0:r1 + 1] - v0)
                segments[cell][run_key] = qpaths.polygonf(pairs)
                elements[cell] += len(pairs) * 2 // 3  # 16-byte points, 24-byte elements
    return [CellPaths(paths[i], segments[i], int(elements[i])) for i in range(len(cells))]
