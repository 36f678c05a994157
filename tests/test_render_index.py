"""Spatial indexes of the renderer: the same answers and the same pictures as full scans.

The indexes (:class:`mapping.render.box_index.BoxIndex`, the cells of the level-of-
detail grid found from their Z-order keys, bands merged from finer bands) must not
change a pixel: each view is drawn by two renderers, one with
``layer_cache.FULL_SCAN`` set (every cell and feature tested, as before the
indexes) and one without, and the images are compared pixel by pixel.
"""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6.QtGui import QImage

from mapping.project import Project, ProjectMetadata, create_project
from mapping.render import MapRenderer, MapView, band_grid, box_index, layer_cache
from mapping.render.box_index import BoxIndex
from mapping.render.layer_cache import LayerData

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _brute(bounds: np.ndarray, extent: tuple[float, float, float, float]) -> np.ndarray:
    """Boxes meeting the extent, tested with shapely on each box."""
    frame = shapely.box(*extent)
    finite = np.isfinite(bounds).all(axis=1)
    boxes = shapely.box(*np.nan_to_num(bounds).T)
    hit = finite & shapely.intersects(boxes, frame)
    return np.nonzero(hit)[0]


def test_box_index_finds_what_shapely_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(box_index, "SCAN_BELOW", 0)  # the grid even on few boxes
    rng = np.random.default_rng(7)
    n = 20_000
    centre = rng.uniform(0, 10_000, (n, 2))
    side = rng.lognormal(2.0, 1.2, (n, 2))
    side[:20] *= 800  # a few boxes as long as the whole area (long roads)
    side[20:40] = 0.0  # points
    bounds = np.column_stack([centre - side / 2, centre + side / 2])
    bounds[100] = np.nan  # an empty geometry
    index = BoxIndex(bounds)
    assert len(index) == n - 1
    extents = [(x, y, x + w, y + w * 0.6) for x, y, w in zip(
        rng.uniform(-500, 10_000, 60), rng.uniform(-500, 10_000, 60),
        rng.choice([1.0, 30.0, 400.0, 3000.0, 20_000.0], 60), strict=True)]
    extents.append(tuple(bounds[20]))  # a point's own extent, edges included
    extents.append((-9e9, -9e9, -8e9, -8e9))  # far away
    for extent in extents:
        assert np.array_equal(index.query(extent), _brute(bounds, extent)), extent
    assert len(BoxIndex(np.zeros((0, 4))).query((0, 0, 1, 1))) == 0


@pytest.fixture(scope="module")
def jakarta_project(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    """Jakarta's 7,689 buildings and the roads over them, as a project."""
    buildings = gpd.read_file(data_dir / "jakarta" / "buildings.gpkg")
    roads = gpd.read_file(data_dir / "jakarta" / "roads.shp")
    west, south, east, north = buildings.total_bounds
    roads = roads.set_geometry(shapely.clip_by_rect(roads.geometry.values, west, south,
                                                    east, north))
    roads = roads[~roads.geometry.is_empty].explode(index_parts=False)
    layers = {
        "buildings": gpd.GeoDataFrame(
            {"building": buildings["BUILDING"].fillna("yes").values,
             "name": buildings["NAME"].values},
            geometry=buildings.geometry.values, crs="EPSG:4326"),
        "roads": gpd.GeoDataFrame(
            {"highway": roads["TYPE"].values, "name": roads["NAME"].values},
            geometry=roads.geometry.values, crs="EPSG:4326"),
    }
    path = tmp_path_factory.mktemp("render_index") / "jakarta.gpkg"
    create_project(path, layers, ProjectMetadata(
        name="Jakarta", area_of_interest=(west, south, east, north)))
    return path


def _views(renderer: MapRenderer, size: tuple[int, int]) -> list[MapView]:
    """Full extent, then city, neighbourhood and street scales with pans and new scales."""
    full = MapView.fit(renderer.full_extent(), *size)
    data = renderer.layer_data("buildings")
    assert isinstance(data, LayerData)
    x, y = np.nanmedian(data.anchor, axis=0)
    views = [full]
    for denominator in (40_000, 8_000, 2_000, 700):
        view = MapView(float(x), float(y), denominator * 0.0254 / 96.0, *size)
        views += [view, view.panned(130, -70), view.panned(-40, 210),
                  view.zoomed(1.25, (300, 200)), view.zoomed(1.07), view.zoomed(0.8)]
    return views


def _draw_all(path: Path, size: tuple[int, int]) -> list[bytes]:
    renderer = MapRenderer(Project(path))
    out = []
    for i, view in enumerate(_views(renderer, size)):
        image = QImage(view.width, view.height, QImage.Format.Format_ARGB32_Premultiplied)
        assert renderer.render(view, image)
        out.append(bytes(image.constBits()))
        if i == 0:  # what the renderer starts in the background after a first frame
            for state in renderer.layer_states():
                data = renderer.layer_data(state.name)
                if isinstance(data, LayerData):
                    data.warm_up()
    return out


@pytest.mark.parametrize("which", ["kibera", "jakarta"])
def test_indexes_draw_the_same_pixels_as_full_scans(which: str, kibera_project: Path,
                                                    jakarta_project: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = kibera_project if which == "kibera" else jakarta_project
    monkeypatch.setattr(band_grid, "SCAN_CELLS", 0)  # the grid lookup even on small bands
    monkeypatch.setattr(layer_cache, "LOCAL_DOTS", 0)  # dots near the view, finer bands behind
    monkeypatch.setattr(box_index, "SCAN_BELOW", 0)
    size = (900, 600)
    layer_cache.FULL_SCAN = True
    try:
        before = _draw_all(path, size)
    finally:
        layer_cache.FULL_SCAN = False
    after = _draw_all(path, size)
    assert len(before) == len(after) == 25
    # The views differ from each other (a test comparing blank images could not fail).
    assert len(set(before)) > 20
    for i, (old, new) in enumerate(zip(before, after, strict=True)):
        if old != new:
            a = np.frombuffer(old, dtype=np.uint32)
            b = np.frombuffer(new, dtype=np.uint32)
            pytest.fail(f"view {i}: {(a != b).sum()} pixels differ")


def test_cells_in_view_hold_every_feature_worth_drawing(jakarta_project: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(band_grid, "SCAN_CELLS", 0)
    monkeypatch.setattr(box_index, "SCAN_BELOW", 0)
    renderer = MapRenderer(Project(jakarta_project))
    for name in ("buildings", "roads"):
        layer = renderer.layer_data(name)
        assert isinstance(layer, LayerData)
        x, y = np.nanmedian(layer.anchor, axis=0)
        for band in (12, 15, 17, 19, 20, -12, -15, -17, -19):
            if band == -12:  # again from the bands merged from finer ones
                layer._bands.clear()
                layer._chain_bands()
            band = abs(band)
            for half in (40.0, 300.0, 2500.0):
                extent = (x - half, y - half * 0.6, x + half, y + half * 0.6)
                if half == 2500.0:
                    extent = (x, y, x + half, y + 1.0)  # a thin strip, as a pan uncovers
                index = layer.band_index(band)
                cells = layer.cells_in(band, extent)
                members = np.concatenate([np.arange(index.cell_starts[c],
                                                    index.cell_starts[c + 1]) for c in cells]
                                         + [np.zeros(0, np.int64)]).astype(np.int64)
                if not index.screened:  # every line and polygon: keep those worth drawing
                    members = members[layer.band_eligible(band, members)]
                drawn = set(index.features[members])
                # Worth drawing and meeting the extent, found feature by feature.
                z = layer.spatial_order()
                worth = z.order[layer.band_eligible(band, np.arange(len(z.order)))]
                meeting = set(worth[_brute(layer.bounds[worth], extent)])
                assert meeting <= drawn
                # The cells found are exactly those whose extent meets the view's.
                assert np.array_equal(cells, _brute(index.cell_bounds, extent))
        named = np.nonzero(layer.name_codes >= 0)[0]
        extent = (x - 500, y - 300, x + 500, y + 300)
        assert np.array_equal(layer.named_in(extent), named[_brute(layer.bounds[named], extent)])
        assert np.array_equal(layer.features_in(extent), _brute(layer.bounds, extent))
