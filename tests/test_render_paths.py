"""Painter paths built many cells at once, and drawn only where they reach the image.

Neither may change a pixel. The cells' paths built in one vectorised pass are
compared, path by path and segment by segment, with the same paths built cell by
cell and group by group the plain way (simplify each group's rings, cut them into
paths of at most ``MAX_ELEMENTS`` elements, one painter path each). Views drawn
with and without skipping what lies outside the region drawn are compared pixel
by pixel on Kibera and on a piece of Helsinki, and so are a first render at a new
scale and a later redraw of the same view.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
import shapely
from PySide6.QtGui import QImage

from mapping.project import Project
from mapping.render import MapRenderer, MapView, draw, layer_cache, qpaths
from mapping.render.cell_build import GROUP_STRIDE, MAX_ELEMENTS, SIMPLIFY_PX, path_key
from mapping.render.layer_cache import LayerData
from mapping.render.view import metres_per_pixel_for
from mapping.render.wkb import POLYGON
from tests.test_render_index import _views

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="module")
def helsinki_project(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    """The Helsinki extract of the shared data, as a project."""
    from mapping.build import project_from_extract

    path = tmp_path_factory.mktemp("paths_helsinki") / "helsinki.gpkg"
    project_from_extract(path, data_dir / "osm" / "helsinki.osm.pbf")
    return path


def _project(which: str, request: pytest.FixtureRequest) -> Path:
    return request.getfixturevalue("kibera_project" if which == "kibera" else "helsinki_project")


def _one_cell(layer: LayerData, band: int, cell: int
              ) -> dict[int, tuple[list, np.ndarray, np.ndarray]]:
    """One cell's paths and segments built the plain way: group by group, path by path."""
    index = layer.band_index(band)
    positions = np.arange(index.cell_starts[cell], index.cell_starts[cell + 1])
    if not index.screened:
        positions = positions[layer.band_eligible(band, positions)]
    members = index.features[positions]
    tolerance = SIMPLIFY_PX * metres_per_pixel_for(band + 1)
    out: dict[int, tuple[list, np.ndarray, np.ndarray]] = {}
    groups = (layer.classes[members].astype(np.int64) * GROUP_STRIDE
              + layer.colour_ids[members] + 1)
    for is_polygon in (True, False):
        for group in np.unique(groups):
            rings = [ring for f in members[groups == group]
                     if (layer.geoms.family[f] == POLYGON) == is_polygon
                     for ring in layer.feature_coords(int(f))]
            if not rings:
                continue
            offsets = np.concatenate([[0], np.cumsum([len(r) for r in rings])])
            thin, thin_offsets, _kept = qpaths.simplify(np.concatenate(rings), offsets,
                                                        tolerance, 4 if is_polygon else 2)
            if len(thin_offsets) < 2:
                continue
            limit = MAX_ELEMENTS["fill" if is_polygon else "stroke"]
            paths, extents, piece, count = [], [], [0], 0
            for r in range(len(thin_offsets) - 1):
                size = int(thin_offsets[r + 1] - thin_offsets[r])
                if count and (count + size - 1) // limit != (count - 1) // limit:
                    piece.append(r)
                count += size
            piece.append(len(thin_offsets) - 1)
            for p0, p1 in zip(piece[:-1], piece[1:], strict=True):
                v0, v1 = thin_offsets[p0], thin_offsets[p1]
                paths.append(qpaths.path_from_rings(thin[v0:v1], thin_offsets[p0:p1 + 1] - v0))
                extents.append(np.concatenate([thin[v0:v1].min(axis=0), thin[v0:v1].max(axis=0)]))
            pairs = qpaths.segment_pairs(thin, thin_offsets)
            out[path_key(int(group), is_polygon)] = (paths, np.array(extents), pairs)
    return out


@pytest.mark.parametrize("which", ["kibera", "helsinki"])
def test_cells_built_together_equal_cells_built_one_by_one(which: str,
                                                          request: pytest.FixtureRequest
                                                          ) -> None:
    renderer = MapRenderer(Project(_project(which, request)))
    compared = 0
    for name in ("buildings", "roads", "landuse", "water"):
        layer = renderer.layer_data(name)
        if not isinstance(layer, LayerData) or not len(layer):
            continue
        for band in (12, 15, 17, 20):
            index = layer.band_index(band)
            cells = np.arange(len(index.cell_starts) - 1)
            built = layer.cells_paths(band, cells)
            assert len(built) == len(cells)
            for cell in cells[:: max(1, len(cells) // 40)]:
                cell_paths = built[int(cell)]
                plain = _one_cell(layer, band, int(cell))
                assert sorted(cell_paths.paths) == sorted(plain)
                for key, (paths, extents, pairs) in plain.items():
                    assert cell_paths.paths[key] == paths, (name, band, cell, key)
                    bounds = cell_paths.path_bounds[key]
                    assert np.array_equal(bounds, extents)
                    assert cell_paths.bounds[key] == (bounds[:, 0].min(), bounds[:, 1].min(),
                                                      bounds[:, 2].max(), bounds[:, 3].max())
                    if key % 2 == 0:  # lines: their segments for drawLines
                        assert np.array_equal(cell_paths.segments[key], pairs)
                    compared += len(paths)
    assert compared > 200  # a test that compared nothing could not fail


def _draw_all(path: Path, size: tuple[int, int]) -> list[bytes]:
    renderer = MapRenderer(Project(path))
    out = []
    for view in _views(renderer, size):
        image = QImage(view.width, view.height, QImage.Format.Format_ARGB32_Premultiplied)
        assert renderer.render(view, image)
        out.append(bytes(image.constBits()))
    return out


def _differing(old: bytes, new: bytes) -> int:
    return int((np.frombuffer(old, np.uint32) != np.frombuffer(new, np.uint32)).sum())


@pytest.mark.parametrize("which", ["kibera", "helsinki"])
def test_skipping_what_is_outside_the_region_drawn_changes_no_pixel(
        which: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _project(which, request)
    size = (900, 600)
    monkeypatch.setattr(draw, "CULL", False)
    everything = _draw_all(path, size)
    monkeypatch.setattr(draw, "CULL", True)
    culled = _draw_all(path, size)
    assert len(set(everything)) > 20  # the views differ: blank images could not fail
    for i, (old, new) in enumerate(zip(everything, culled, strict=True)):
        assert old == new, f"view {i}: {_differing(old, new)} pixels differ"


@pytest.mark.parametrize("which", ["kibera", "helsinki"])
def test_first_render_at_a_scale_equals_a_later_redraw(which: str,
                                                       request: pytest.FixtureRequest) -> None:
    path = _project(which, request)
    size = (900, 600)
    first = MapRenderer(Project(path))
    later = MapRenderer(Project(path))
    full = MapView.fit(first.full_extent(), *size)
    for view in _views(later, size)[1:]:
        # ``later`` has drawn the scales around (its cells are built and cached, its
        # bands merged); ``first`` arrives at each view straight from the full extent.
        image = QImage(*size, QImage.Format.Format_ARGB32_Premultiplied)
        assert later.render(view.zoomed(1.1), image) and later.render(view, image)
        later._bases = []  # no reuse of the image just drawn: draw the view again
        assert later.render(view, image)
        first._bases = []
        for data in (first.layer_data(s.name) for s in first.layer_states()):
            if isinstance(data, LayerData):
                data._cells.clear()
                data._cached_elements = 0
        arrived = QImage(*size, QImage.Format.Format_ARGB32_Premultiplied)
        assert first.render(full, arrived) and first.render(view, arrived)
        old, new = bytes(arrived.constBits()), bytes(image.constBits())
        assert old == new, f"{view}: {_differing(old, new)} pixels differ"
    assert layer_cache.MAX_BAND >= 20


def _edge_cases() -> tuple[np.ndarray, np.ndarray]:
    """Rings where the order of equal distances and degenerate segments matter."""
    rng = np.random.default_rng(15)
    rings = [
        np.array([[0.0, 0.0], [1.0, 0.0]]),  # two points
        np.array([[0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]]),  # one point repeated
        np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.0], [1.0, -1.0], [0.0, 0.0]]),  # a square
        np.array([[0.0, 0.0], [1.0, 0.3], [2.0, -0.3], [3.0, 0.3], [4.0, 0.0]]),  # equal peaks
        np.array([[0.0, 0.0], [5.0, 0.0], [10.0, 0.0], [5.0, 0.0], [0.0, 0.0]]),  # folded back
        np.array([[0.0, 0.0], [-3.0, 0.2], [13.0, 0.2], [10.0, 0.0]]),  # beyond both ends
        np.cumsum(rng.normal(0, 1, (500, 2)), axis=0),  # a long wiggle
        np.round(np.cumsum(rng.normal(0, 1, (300, 2)), axis=0)),  # on a grid: many ties
    ]
    offsets = np.concatenate([[0], np.cumsum([len(r) for r in rings])])
    return np.concatenate(rings) + 350_000.0, offsets


@pytest.mark.parametrize("which", ["kibera", "helsinki", "edge cases"])
def test_simplification_keeps_the_vertices_geos_keeps(which: str,
                                                      request: pytest.FixtureRequest) -> None:
    if which == "edge cases":
        sets = [_edge_cases()]
    else:
        renderer = MapRenderer(Project(_project(which, request)))
        sets = []
        for state in renderer.layer_states():
            layer = renderer.layer_data(state.name)
            if isinstance(layer, LayerData) and len(layer):
                sets.append((layer.geoms.coords, layer.geoms.ring_offsets))
    checked = 0
    for coords, offsets in sets:
        for tolerance in (0.05, 0.3, 1.0, 0.5 * metres_per_pixel_for(12), 700.0):
            for min_points in (2, 4):
                ours = qpaths.simplify(coords, offsets, tolerance, min_points)
                geos = _simplify_geos(coords, offsets, tolerance, min_points)
                for mine, theirs in zip(ours, geos, strict=True):
                    assert np.array_equal(mine, theirs), (tolerance, min_points)
                checked += len(ours[0])
    assert checked > 1000


@pytest.mark.parametrize("which", ["kibera", "helsinki"])
def test_dots_summed_over_touched_pixels_equal_sums_over_every_pixel(
        which: str, request: pytest.FixtureRequest) -> None:
    renderer = MapRenderer(Project(_project(which, request)))
    layer = renderer.layer_data("buildings")
    assert isinstance(layer, LayerData)
    full = MapView.fit(renderer.full_extent(), 900, 600)
    summed = 0
    for scale in (0.5, 1.0, 3.0):
        view = full.zoomed(scale)
        ctx = draw.DrawContext.for_view(view, lambda: False)
        # The dots the view draws, and every feature of every layer as a dot weighted by
        # its size (many share a pixel).
        sets = [layer.dots_in(ctx.band, ctx.extent)]
        for state in renderer.layer_states():
            data = renderer.layer_data(state.name)
            if isinstance(data, LayerData) and len(data):
                finite = np.isfinite(data.anchor).all(axis=1)
                sets.append((data.anchor[finite], data.size[finite]))
        for xy, area in sets:
            px = np.floor(ctx.pixels(xy)).astype(np.int64)
            inside = (px[:, 0] >= 0) & (px[:, 0] < 900) & (px[:, 1] >= 0) & (px[:, 1] < 600)
            pixel = px[inside, 1] * 900 + px[inside, 0]
            weights = area[inside] / view.metres_per_pixel**2
            sparse = draw.pixel_sums(pixel, weights, 900 * 600, sparse=True)
            dense = draw.pixel_sums(pixel, weights, 900 * 600, sparse=False)
            nonzero = sparse[1] != 0
            assert np.array_equal(sparse[0][nonzero], dense[0])
            assert np.array_equal(sparse[1][nonzero], dense[1])  # to the last bit
            summed += len(pixel) - len(dense[0])  # dots added to another's pixel
    assert summed > 1000
    # Many dots to a pixel, in no order: each pixel's sum must still match to the bit.
    rng = np.random.default_rng(5)
    pixel = rng.integers(0, 5_000, 200_000)
    weights = rng.lognormal(0.0, 2.0, 200_000)
    sparse = draw.pixel_sums(pixel, weights, 900 * 600, sparse=True)
    dense = draw.pixel_sums(pixel, weights, 900 * 600, sparse=False)
    assert np.array_equal(sparse[0], dense[0]) and np.array_equal(sparse[1], dense[1])


def _simplify_geos(coords: np.ndarray, ring_offsets: np.ndarray, tolerance: float,
                  min_points: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`qpaths.simplify` done by GEOS (shapely): the reference it is checked against."""
    counts = np.diff(ring_offsets)
    usable = np.nonzero(counts >= 2)[0]
    if not len(usable) or tolerance <= 0:
        return qpaths.decimate(coords, ring_offsets, tolerance, min_points)
    index, _offsets = qpaths.ring_vertex_index(ring_offsets, usable)
    lines = shapely.linestrings(coords[index], indices=np.repeat(np.arange(len(usable)),
                                                                 counts[usable]))
    simple = shapely.simplify(lines, tolerance, preserve_topology=False)
    new_coords, owner = shapely.get_coordinates(simple, return_index=True)
    new_counts = np.bincount(owner, minlength=len(usable))
    good = new_counts >= min_points
    if not good.all():
        keep = good[owner]
        new_coords, owner = new_coords[keep], owner[keep]
        new_counts = new_counts[good]
    new_offsets = np.concatenate([[0], np.cumsum(new_counts)]).astype(np.int64)
    return new_coords, new_offsets, usable[good]
