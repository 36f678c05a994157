"""The map renderer on the real Kibera extract: what lands on which pixel, labels, queries.

Positions are computed independently of the renderer (pyproj and shapely on the
layers as stored) and looked up in the rendered image.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
import types
from pathlib import Path

import numpy as np
import pyogrio
import pytest
import shapely
from affine import Affine
from pyproj import Transformer
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter

from layers.hazard_classes import CLASS_COLOURS, HazardClass, HazardLegend, HazardType
from mapping.project import Project
from mapping.render import MapRenderer, MapView, draw_scale_bar
from mapping.render.decorations import nice_length
from mapping.render.draw import DrawContext
from mapping.render.hazard_draw import draw_hazard_overlay, warp_hazard_raster
from mapping.render.labels import TextCache
from mapping.render.style import LabelStyle, load_style
from mapping.render.wkb import flatten_wkb, to_shapely

# Before the application (pytest-qt's qapp) is made: no screen needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BUILDING_FILL = QColor("#d9d0c9")
WATER = QColor("#aad3df")
SIZE = (1200, 800)


def _close(colour: QColor, expected: QColor, tolerance: int = 6) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour.getRgb()[:3],
                                                       expected.getRgb()[:3], strict=True))


def _render(renderer: MapRenderer, view: MapView) -> QImage:
    image = QImage(view.width, view.height, QImage.Format.Format_ARGB32_Premultiplied)
    assert renderer.render(view, image)
    return image


@pytest.fixture(scope="module")
def project_path(kibera_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the Kibera project (some tests add features)."""
    path = tmp_path_factory.mktemp("render") / "kibera.gpkg"
    shutil.copy(kibera_project, path)
    return path


@pytest.fixture(scope="module")
def renderer(qapp, project_path: Path) -> MapRenderer:
    return MapRenderer(Project(project_path))


@pytest.fixture(scope="module")
def to_utm(renderer: MapRenderer) -> Transformer:
    """lon/lat -> working CRS, independent of the renderer's own transformer."""
    return Transformer.from_crs("EPSG:4326", renderer.working_crs, always_xy=True)


@pytest.fixture(scope="module")
def big_building(project_path: Path, to_utm: Transformer) -> tuple[int, float, float]:
    """osm_id and working-CRS inner point of the largest real building."""
    frame = pyogrio.read_dataframe(project_path, layer="buildings")
    projected = shapely.transform(frame.geometry.values,
                                  lambda xy: np.column_stack(to_utm.transform(xy[:, 0], xy[:, 1])))
    largest = int(np.argmax(shapely.area(projected)))
    point = shapely.point_on_surface(projected[largest])
    return int(frame["osm_id"].iloc[largest]), point.x, point.y


# -- views -------------------------------------------------------------------------------


def test_map_view_round_trips_pixels_and_keeps_the_zoom_anchor() -> None:
    view = MapView(252_000.0, 9_855_000.0, 0.5, 1000, 600)
    for px, py in [(0, 0), (1000, 600), (123.5, 456.25)]:
        x, y = view.to_map(px, py)
        assert view.to_pixel(x, y) == pytest.approx((px, py))
    assert view.to_map(0, 0) == pytest.approx((252_000 - 250, 9_855_000 + 150))
    anchor = (200.0, 100.0)
    zoomed = view.zoomed(2.0, anchor)
    assert zoomed.metres_per_pixel == pytest.approx(0.25)
    assert zoomed.to_pixel(*view.to_map(*anchor)) == pytest.approx(anchor)
    panned = view.panned(10, -20)
    assert panned.to_pixel(*view.to_map(50, 50)) == pytest.approx((60, 30))
    assert view.scale_denominator() == pytest.approx(0.5 * 96 / 0.0254)
    fitted = MapView.fit((0, 0, 4000, 1000), 800, 600, margin=0.0)
    minx, miny, maxx, maxy = fitted.extent()
    assert minx <= 0 and maxx >= 4000 and miny <= 0 and maxy >= 1000
    assert fitted.metres_per_pixel == pytest.approx(5.0)


# -- what is drawn where --------------------------------------------------------------------


def test_full_extent_shows_buildings_water_and_place_names(renderer, big_building, project_path,
                                                           to_utm):
    view = MapView.fit(renderer.full_extent(), *SIZE)
    image = _render(renderer, view)
    _osm_id, x, y = big_building
    px, py = view.to_pixel(x, y)
    assert _close(image.pixelColor(int(px), int(py)), BUILDING_FILL)
    water = pyogrio.read_dataframe(project_path, layer="water")
    dam = water[water["name"] == "Nairobi Dam"].geometry.iloc[0].buffer(-0.0003)
    grid = shapely.points(np.stack(np.meshgrid(
        np.linspace(dam.bounds[0], dam.bounds[2], 15),
        np.linspace(dam.bounds[1], dam.bounds[3], 15)), axis=-1).reshape(-1, 2))
    inside = grid[shapely.contains(dam, grid)]
    pixels = [view.to_pixel(*to_utm.transform(p.x, p.y)) for p in inside]
    wet = [_close(image.pixelColor(int(px), int(py)), WATER) for px, py in pixels]
    assert len(wet) > 20 and np.mean(wet) > 0.6
    boxes = [box for label in renderer.last_labels for box in label.boxes]
    for (px, py), is_wet in zip(pixels, wet, strict=True):  # the rest is under the dam's name
        assert is_wet or any(b[0] - 1 <= px <= b[2] + 1 and b[1] - 1 <= py <= b[3] + 1
                             for b in boxes)
    texts = {label.text for label in renderer.last_labels}
    assert "Kibera" in texts


def test_street_view_draws_buildings_rivers_and_upright_labels(renderer, big_building,
                                                               project_path, to_utm):
    _osm_id, x, y = big_building
    view = MapView(x, y, 0.4, *SIZE)
    image = _render(renderer, view)
    assert _close(image.pixelColor(*map(int, view.to_pixel(x, y))), BUILDING_FILL)
    # The real river: the middle of its longest segment in the river view is river blue.
    water = pyogrio.read_dataframe(project_path, layer="water")
    river = water[water["name"] == "Motoine River"].geometry.iloc[0]
    coords = np.column_stack(to_utm.transform(*np.asarray(river.coords).T))
    middle = (coords[:-1] + coords[1:]) / 2
    river_view = MapView(middle[len(middle) // 2, 0], middle[len(middle) // 2, 1], 0.25, *SIZE)
    river_image = _render(renderer, river_view)
    seg = np.hypot(*np.diff(coords, axis=0).T)
    longest = int(np.argmax(np.where(
        np.hypot(middle[:, 0] - river_view.center_x, middle[:, 1] - river_view.center_y) < 100,
        seg, 0)))
    rx, ry = river_view.to_pixel(*middle[longest])
    assert _close(river_image.pixelColor(int(rx), int(ry)), WATER, tolerance=12)
    for label in renderer.last_labels:
        assert -90.0 <= label.angle <= 90.0


@pytest.mark.parametrize("mpp", [5.0, 1.2, 0.4])
def test_labels_never_overlap(renderer, big_building, mpp):
    _osm_id, x, y = big_building
    _render(renderer, MapView(x, y, mpp, *SIZE))
    placed = renderer.last_labels
    assert placed, "some names should be written"
    for label in placed:
        for box in label.boxes:
            assert box[0] >= 0 and box[1] >= 0 and box[2] <= SIZE[0] and box[3] <= SIZE[1]
    for i, a in enumerate(placed):
        for b in placed[i + 1:]:
            for p in a.boxes:
                for q in b.boxes:
                    overlap = p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]
                    assert not overlap, f"{a.text!r} overlaps {b.text!r}"


def test_unicode_names_are_measured_and_drawn(qapp):
    texts = TextCache(load_style().fonts)
    style = LabelStyle(placement="point", size=14)
    for name in ["Mathare Kijijini", "Rue de l'Église", "काठमाडौं", "القاهرة"]:
        assert texts.width(name, style) > 4 * len(name) * 0.5
        image = texts.image(name, style, "#ffffff")
        pixels = np.frombuffer(image.constBits(), dtype=np.uint32)
        dark = (pixels >> 24 > 200) & ((pixels & 0xFF) < 120)  # opaque, dark text
        assert dark.sum() > 20, name


# -- toggling, cancelling, hazards, participatory layers -------------------------------------


def test_hiding_buildings_removes_their_pixels(renderer, big_building):
    _osm_id, x, y = big_building
    view = MapView(x, y, 0.5, *SIZE)
    seen = []
    renderer.changed.connect(lambda: seen.append(True))
    try:
        before = _render(renderer, view)
        renderer.set_visible("buildings", False)
        after = _render(renderer, view)
    finally:
        renderer.set_visible("buildings", True)
    px, py = map(int, view.to_pixel(x, y))
    assert _close(before.pixelColor(px, py), BUILDING_FILL)
    assert not _close(after.pixelColor(px, py), BUILDING_FILL)
    assert seen
    count = _count_colour(after, BUILDING_FILL)
    assert count < 0.01 * _count_colour(before, BUILDING_FILL)


def _count_colour(image: QImage, colour: QColor) -> int:
    rgb = np.frombuffer(image.constBits(), dtype=np.uint32).reshape(image.height(), -1)
    return int((rgb & 0xFFFFFF == (colour.rgb() & 0xFFFFFF)).sum())


def test_cancelled_render_returns_false(renderer):
    view = MapView.fit(renderer.full_extent(), *SIZE)
    image = QImage(view.width, view.height, QImage.Format.Format_ARGB32_Premultiplied)
    assert renderer.render(view, image, cancelled=lambda: True) is False
    calls = iter(range(10_000))
    assert renderer.render(view.zoomed(3.0), image, cancelled=lambda: next(calls) > 2) is False


def _flood_raster(renderer: MapRenderer, x: float, y: float):
    """A 20 x 20 cell hazard grid in EPSG:4326 around (x, y): low, medium, high bands."""
    lon, lat = renderer.to_wgs84(x, y)
    cell = 0.0002
    classes = np.zeros((20, 20), dtype=np.uint8)
    classes[:, 5:10], classes[:, 10:15], classes[:, 15:] = 1, 2, 3
    legend = HazardLegend(HazardType.FLOOD, {c: c.label for c in HazardClass if c})
    return types.SimpleNamespace(
        values=classes.astype(float), classes=classes, crs="EPSG:4326", legend=legend,
        transform=Affine(cell, 0, lon - 10 * cell, 0, -cell, lat + 10 * cell))


def test_hazard_raster_is_drawn_in_class_colours_at_its_opacity(qapp, renderer, big_building):
    _osm_id, x, y = big_building
    raster = _flood_raster(renderer, x, y)
    overlay = warp_hazard_raster("flood", raster, renderer.working_crs)
    view = MapView(x, y, 1.0, 400, 400)
    image = QImage(400, 400, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setOpacity(0.6)
    draw_hazard_overlay(painter, overlay, DrawContext.for_view(view, lambda: False))
    painter.end()
    lon0 = raster.transform.c
    lat0 = raster.transform.f
    cell = raster.transform.a
    to_utm = Transformer.from_crs("EPSG:4326", renderer.working_crs, always_xy=True)
    for column, hazard_class in [(2, None), (7, HazardClass.LOW), (12, HazardClass.MEDIUM),
                                 (17, HazardClass.HIGH)]:
        px, py = view.to_pixel(*to_utm.transform(lon0 + (column + 0.5) * cell,
                                                 lat0 - 10.5 * cell))
        got = image.pixelColor(int(px), int(py))
        if hazard_class is None:
            assert _close(got, QColor("#ffffff"))
            continue
        c = QColor(CLASS_COLOURS[hazard_class])
        expected = QColor(*(round(0.6 * v + 0.4 * 255) for v in c.getRgb()[:3]))
        assert _close(got, expected, tolerance=3), (hazard_class, got.name(), expected.name())


def test_hazard_layers_come_from_the_hazard_store(qapp, project_path, big_building, monkeypatch):
    probe = MapRenderer(Project(project_path))
    _osm_id, x, y = big_building
    raster = _flood_raster(probe, x, y)
    info = types.SimpleNamespace(name="flood", title="Flood depth", kind="raster",
                                 hazard_type=HazardType.FLOOD, legend=raster.legend, opacity=0.6)
    store = types.ModuleType("mapping.hazard_store")
    store.list_hazard_layers = lambda project: [info]  # type: ignore[attr-defined]
    store.read_hazard_raster = lambda project, name: raster  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "mapping.hazard_store", store)
    renderer = MapRenderer(Project(project_path))
    states = {s.name: s for s in renderer.layer_states()}
    assert states["flood"].geometry == "raster" and states["flood"].opacity == 0.6
    order = [s.name for s in renderer.layer_states()]
    assert order.index("roads") < order.index("flood") < order.index("facilities")
    view = MapView(x, y, 1.0, 400, 400)
    image = _render(renderer, view)
    lon0, lat0, cell = raster.transform.c, raster.transform.f, raster.transform.a
    to_utm = Transformer.from_crs("EPSG:4326", renderer.working_crs, always_xy=True)
    px, py = view.to_pixel(*to_utm.transform(lon0 + 17.5 * cell, lat0 - 3.5 * cell))
    got = image.pixelColor(int(px), int(py))
    high = QColor(CLASS_COLOURS[HazardClass.HIGH])
    assert abs(got.red() - high.red()) < 70 and got.green() < 170  # high class, blended
    legend = [e for e in renderer.legend() if e.layer == "flood"]
    assert [e.fill for e in legend] == [CLASS_COLOURS[c] for c in
                                        (HazardClass.HIGH, HazardClass.MEDIUM, HazardClass.LOW)]
    hits = renderer.identify(*to_utm.transform(lon0 + 17.5 * cell, lat0 - 3.5 * cell), 1.0)
    assert any(h.layer == "flood" and h.attributes["hazard class"] == "High" for h in hits)


def test_participatory_features_are_drawn_after_reload(renderer, project_path, big_building):
    from mapping.editing import EditSession

    _osm_id, x, y = big_building
    lon, lat = renderer.to_wgs84(x + 60, y)
    with EditSession(project_path, contributor="Test") as session:
        session.add_feature("facilities", shapely.Point(lon, lat), "facility/clinic",
                            {"name": "Kliniki ya Jamii"})
        zone = shapely.Point(*renderer.to_wgs84(x - 120, y)).buffer(0.0004)
        session.add_feature("risk_zones", zone, "risk_zone/flood",
                            {"name": "Eneo la mafuriko", "severity": "high"})
    renderer.reload_layer("facilities")
    renderer.reload_layer("risk_zones")
    view = MapView(x, y, 0.5, *SIZE)
    image = _render(renderer, view)
    fx, fy = view.to_pixel(x + 60, y)
    clinic = image.pixelColor(int(fx), int(fy))
    assert clinic.red() > 150 and clinic.green() < 100  # the health colour
    zx, zy = view.to_pixel(x - 120, y)
    ring = [image.pixelColor(int(zx) + dx, int(zy) + dy) for dx in range(-6, 7)
            for dy in range(-6, 7)]
    assert any(c.red() > c.green() + 40 for c in ring)  # red hatching / tint
    names = {label.text for label in renderer.last_labels}
    assert "Kliniki ya Jamii" in names
    found = renderer.search("kliniki")
    assert found and found[0].layer == "facilities"


# -- queries --------------------------------------------------------------------------------


def test_identify_finds_the_building_under_the_point(renderer, big_building):
    osm_id, x, y = big_building
    hits = renderer.identify(x, y, 1.0)
    buildings = [h for h in hits if h.layer == "buildings"]
    assert buildings and buildings[0].attributes["osm_id"] == str(osm_id)
    assert buildings[0].layer_title == "Buildings"
    assert "tags" not in buildings[0].attributes
    assert buildings[0].attributes.get("building") == "yes"


def test_search_finds_places_and_streets_ignoring_case_and_accents(renderer, project_path,
                                                                   to_utm):
    places = pyogrio.read_dataframe(project_path, layer="places")
    kibera = places[places["name"] == "Kibera"].geometry.iloc[0]
    expected = to_utm.transform(kibera.x, kibera.y)
    for query in ("Kibera", "kibera", "KÍBERA"):
        results = renderer.search(query)
        assert results, query
        first = results[0]
        assert first.layer == "places" and first.label.startswith("Kibera")
        assert (first.x, first.y) == pytest.approx(expected, abs=0.01)
    streets = renderer.search("ngong road")
    assert streets and streets[0].layer == "roads"
    minx, miny, maxx, maxy = streets[0].extent
    assert maxx - minx > 1000  # the whole street, not one of its ways
    assert renderer.search("no such place anywhere") == []


def test_legend_layer_states_order_and_extents(renderer):
    names = [s.name for s in renderer.layer_states()]
    assert names.index("landuse") < names.index("buildings") < names.index("roads")
    assert names.index("roads") < names.index("facilities")
    states = {s.name: s for s in renderer.layer_states()}
    assert not states["street_edges"].visible and states["buildings"].visible
    labels = {(e.layer, e.label) for e in renderer.legend()}
    assert ("buildings", "Building") in labels and ("roads", "Residential street") in labels
    minx, miny, maxx, maxy = renderer.full_extent()
    lon, lat = renderer.to_wgs84((minx + maxx) / 2, (miny + maxy) / 2)
    assert 36.72 < lon < 36.81 and -1.34 < lat < -1.28
    assert renderer.from_wgs84(lon, lat) == pytest.approx(((minx + maxx) / 2, (miny + maxy) / 2))
    extent = renderer.layer_extent("buildings")
    assert extent is not None and minx <= extent[0] < extent[2] <= maxx
    renderer.set_order(["roads", "landuse"])
    assert [s.name for s in renderer.layer_states()][:2] == ["roads", "landuse"]
    renderer.set_order(names)
    renderer.set_opacity("landuse", 0.5)
    assert {s.name: s for s in renderer.layer_states()}["landuse"].opacity == 0.5
    renderer.set_opacity("landuse", 1.0)


def test_remove_and_reload_layer(qapp, project_path):
    renderer = MapRenderer(Project(project_path))
    renderer.remove_layer("pois")
    assert "pois" not in [s.name for s in renderer.layer_states()]
    renderer.reload_layer("roads")
    assert "pois" not in [s.name for s in renderer.layer_states()]
    renderer.reload_layer("pois")
    assert "pois" in [s.name for s in renderer.layer_states()]


def test_render_in_a_thread_while_the_gui_thread_asks_questions(renderer, big_building):
    _osm_id, x, y = big_building
    results: list[bool] = []

    def work() -> None:
        for factor in (1.0, 1.3, 1.7):
            view = MapView(x, y, 1.5 / factor, 900, 600)
            image = QImage(900, 600, QImage.Format.Format_ARGB32_Premultiplied)
            results.append(renderer.render(view, image))

    thread = threading.Thread(target=work)
    thread.start()
    for _ in range(20):
        renderer.layer_states()
        renderer.identify(x, y, 2.0)
        renderer.set_visible("pois", True)
    thread.join()
    assert results == [True, True, True]


# -- building blocks --------------------------------------------------------------------------


def test_flat_coordinates_match_shapely(project_path):
    for layer in ("buildings", "roads", "pois", "water"):
        _meta, _fids, geometry, _fields = pyogrio.raw.read(project_path, layer=layer, columns=[],
                                                           return_fids=True)
        flat = flatten_wkb(geometry)
        shapes = shapely.from_wkb(geometry)
        assert np.array_equal(flat.coords, shapely.get_coordinates(shapes))
        for i in range(0, len(shapes), max(1, len(shapes) // 25)):
            assert to_shapely(flat, i).equals(shapes[i])


def test_scale_bar_length_is_round_and_true(qapp):
    assert nice_length(173.0) == 100.0 and nice_length(260.0) == 250.0
    assert nice_length(0.9) == pytest.approx(0.5)
    view = MapView(0, 0, 2.0, 400, 200)
    image = QImage(400, 200, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    rect = draw_scale_bar(painter, view, 20, 180, max_width_px=150)
    painter.end()
    assert rect.width() > 100
    # The bar's dark half spans half of 250 m = 62.5 px at 2 m per pixel.
    row = [image.pixelColor(px, 177).value() < 80 for px in range(400)]
    dark = [px for px, is_dark in enumerate(row) if is_dark]
    assert dark and 58 <= dark[-1] - dark[0] <= 66
