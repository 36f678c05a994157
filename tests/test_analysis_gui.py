"""The Analysis panel: exposure, evacuation and access from the window, on real Kibera.

Kibera (the OSM sample) gets a flood hazard drawn as depth rings along the Kianda
river, its villages as an area layer, and two shelters. The exposure figures the
panel shows are checked against a brute-force shapely loop over the same layers
(highest class touched, first village touched) and against ``analyse()`` called
directly; the evacuation routes layer is read back with pyogrio.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
from PySide6.QtCore import Qt
from shapely.geometry import Point

from desktop.panels.analysis_panel import RASTER_CHOICE
from tests.test_window_session import (  # noqa: F401 (fixture)
    TIMEOUT,
    close,
    make_window,
    open_and_draw,
    own_folders,
)

pytestmark = pytest.mark.usefixtures("own_folders")

HAZARD = "kianda_flood"
#: Rings along the river: outer distance (m) and flood depth (m). With the flood
#: thresholds (0.5, 1.5 m): high, medium, low.
RINGS = ((400, 2.0), (750, 1.0), (1100, 0.3))
SHELTERS = {"north": (36.7870, -1.3050), "south": (36.7930, -1.3140)}


@pytest.fixture(scope="module")
def kibera_template(kibera_project: Path, tmp_path_factory, data_dir: Path) -> Path:
    """Kibera with the flood rings, the named villages and two shelters (made once)."""
    from mapping import hazard_store
    from mapping.editing import EditSession
    from mapping.project import Project

    folder = tmp_path_factory.mktemp("analysis_gui")
    target = folder / "kibera.gpkg"
    shutil.copy(kibera_project, target)
    project = Project(target)
    river = pyogrio.read_dataframe(data_dir / "kibera" / "kianda_river.shp").set_crs(
        "EPSG:4326", allow_override=True)
    line = river.to_crs(project.metadata.working_crs).union_all()
    rings, inner = [], None
    for distance, _depth in RINGS:
        zone = line.buffer(distance)
        rings.append(zone if inner is None else zone.difference(inner))
        inner = zone
    flood = gpd.GeoDataFrame({"depth": [depth for _, depth in RINGS]}, geometry=rings,
                             crs=project.metadata.working_crs).to_crs("EPSG:4326")
    flood.to_file(folder / "kianda_flood.geojson")
    hazard_store.add_hazard_layer(project, folder / "kianda_flood.geojson", HAZARD,
                                  title="Kianda flood", hazard_type="flood", attribute="depth")
    villages = pyogrio.read_dataframe(data_dir / "kibera" / "villages.shp")
    villages = villages[(villages["boundary"] == "administrative") & villages["name"].notna()]
    villages[["name", "geometry"]].to_file(folder / "villages.geojson")
    hazard_store.add_reference_layer(project, folder / "villages.geojson", "villages",
                                     title="Villages")
    # A census of the villages: 1,000 people in the first, 2,000 in the second...
    census = villages[["name", "geometry"]].reset_index(drop=True)
    census["population"] = [1000 * (k + 1) for k in range(len(census))]
    census.to_file(folder / "census.geojson")
    hazard_store.add_reference_layer(project, folder / "census.geojson", "census",
                                     title="Census")
    with EditSession(target, contributor="Achieng Otieno", mapping_session="shelters") as edit:
        edit.add_feature("facilities", Point(SHELTERS["north"]), "facility/shelter",
                         {"name": "Olympic primary school hall", "capacity": "120"})
        edit.add_feature("facilities", Point(SHELTERS["south"]), "facility/evacuation_centre",
                         {"name": "Kianda church", "emergency:hazard_type": "flood"})
    return target


@pytest.fixture
def kibera(kibera_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "work" / "kibera.gpkg"
    target.parent.mkdir()
    shutil.copy(kibera_template, target)
    return target


@pytest.fixture
def opened(qtbot, kibera: Path):
    main, translations = make_window(qtbot)
    open_and_draw(qtbot, main, kibera)
    yield main
    close(main, translations)


def run_and_wait(qtbot, window, which: int) -> None:
    flow = window.analysis_flow
    flow.open(which)
    shown: list[str] = []
    flow.shown.connect(shown.append)
    flow.panel.run_button.click()
    qtbot.waitUntil(lambda: bool(shown) or window.last_error is not None,
                    timeout=TIMEOUT * 4)
    assert window.last_error is None, window.last_error


def choose(box, value) -> None:
    index = box.findData(value)
    assert index >= 0, value
    box.setCurrentIndex(index)


def brute_force(project_path: Path, flood4: bool = False) -> tuple[dict, dict]:
    """Per class and per village, by a plain loop: each building in the highest class
    of the rings it touches, in the first village (fid order) it touches."""
    buildings = pyogrio.read_dataframe(project_path, layer="buildings").to_crs(4326)
    rings = pyogrio.read_dataframe(project_path, layer=HAZARD).to_crs(4326)
    villages = pyogrio.read_dataframe(project_path, layer="villages", fid_as_index=True)
    villages = villages.to_crs(4326).sort_index()

    def class_of(depth: float) -> str:
        if flood4:
            return "low" if depth <= 0.7 else "medium" if depth <= 1.5 else "high"
        return "low" if depth <= 0.5 else "medium" if depth <= 1.5 else "high"

    order = ["use caution", "low", "medium", "high"]
    per_class: dict[str, int] = {}
    per_village: dict[str, dict[str, int]] = {}
    for building in buildings.geometry:
        area = next((name for name, shape in zip(villages["name"], villages.geometry,
                                                 strict=True) if building.intersects(shape)),
                    None)
        if area is None:
            continue
        classes = [class_of(depth) for depth, ring in zip(rings["depth"], rings.geometry,
                                                          strict=True)
                   if building.intersects(ring)]
        top = max(classes, key=order.index) if classes else "not exposed"
        per_class[top] = per_class.get(top, 0) + 1
        row = per_village.setdefault(area, {})
        row[top] = row.get(top, 0) + 1
    return per_class, per_village


def test_the_analysis_menu_and_panel(opened) -> None:
    flow = opened.analysis_flow
    assert flow.menu.isEnabled()
    assert [a.text() for a in flow.menu.actions() if not a.isSeparator()] == [
        "Who is exposed…", "Evacuation routes…", "Access to services…", "Transport service…",
        "Mapping progress…"]
    flow.actions[1].trigger()
    assert flow.dock.isVisible()
    assert flow.panel.tabs.currentIndex() == 1
    panel = flow.panel
    assert [panel.hazard_box.itemText(i) for i in range(panel.hazard_box.count())] == [
        "Kianda flood"]
    layers = [panel.exposure_box.itemData(i) for i in range(panel.exposure_box.count())]
    assert layers[:4] == ["buildings", "roads", "pois", "landuse"]
    assert "villages" in layers
    # Area layers: polygons only (no roads, no points), "none" first.
    areas = [panel.area_box.itemData(i) for i in range(panel.area_box.count())]
    assert areas[0] is None and "villages" in areas and "landuse" in areas
    assert not {"roads", "pois", "buildings"} & set(areas)
    assert [panel.scheme_box.itemData(i) for i in range(panel.scheme_box.count())] == [
        None, "generic", "flood_wet_dry", "flood4", "tsunami"]
    # Each ready-made scheme says its classes (InaSAFE's published flood thresholds).
    tip = panel.scheme_box.itemData(3, Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines() == ["use caution: 0–0.1 m, not affected", "low: 0.1–0.7 m, affected",
                                "medium: 0.7–1.5 m, affected", "high: above 1.5 m, affected"]
    # The layer's own classes; its affected ones (medium, high) avoided by default; 1.2 m/s.
    assert list(panel.avoid_checks) == ["low", "medium", "high"]
    assert [c.isChecked() for c in panel.avoid_checks.values()] == [False, True, True]
    assert panel.speed_box.value() == pytest.approx(1.2)


def test_exposure_of_buildings_by_village(qtbot, opened, kibera: Path) -> None:
    from mapping.analysis.exposure import analyse
    from mapping.project import Project

    panel = opened.analysis_flow.panel
    panel.show_tab(panel.EXPOSURE)
    choose(panel.exposure_box, "buildings")
    choose(panel.area_box, "villages")
    assert panel.area_field_box.currentData() == "name"
    run_and_wait(qtbot, opened, panel.EXPOSURE)

    per_class, per_village = brute_force(kibera)
    assert per_class.get("medium", 0) > 5 and per_class.get("low", 0) > 20  # not trivial
    classes = ["low", "medium", "high"]
    assert panel.table.columnCount() == 1 + len(classes) + 3
    assert [panel.cell(0, 1 + k) for k in range(3)] == [per_class.get(c, 0) for c in classes]
    affected = per_class.get("medium", 0) + per_class.get("high", 0)
    assert [panel.cell(0, 4), panel.cell(0, 5), panel.cell(0, 6)] == [
        affected, per_class.get("not exposed", 0), sum(per_class.values())]
    # Per village: the rows between "By area" and "By type".
    titles = panel.row_titles()
    assert titles[1] == "By area"
    shown = {titles[r]: [panel.cell(r, 1 + k) for k in range(3)]
             for r in range(2, titles.index("By type"))}
    expected = {name: [row.get(c, 0) for c in classes] for name, row in per_village.items()}
    assert {k: v for k, v in shown.items() if any(v)} == {
        k: v for k, v in expected.items() if any(v)}
    assert len(shown) >= 5

    # The same figures as the engine called directly, types included.
    data = analyse(Project(kibera), HAZARD, "buildings", by="villages",
                   by_field="name").to_json()
    assert panel.last_result == data
    for row, values in enumerate(data["by_type"].values(), start=titles.index("By type") + 1):
        assert [panel.cell(row, 1 + k) for k in range(3)] == [values[c] for c in classes]
    assert f"{affected} in the affected classes (medium, high)" in panel.summary.text()
    assert panel.table.horizontalHeaderItem(2).text() == "medium\n(affected)"

    # Copy: tab-separated, headers first.
    panel.copy_button.click()
    from PySide6.QtGui import QGuiApplication

    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0].split("\t")[2] == "medium (affected)"
    assert lines[1].split("\t")[:2] == ["All", str(per_class.get("low", 0))]
    assert len(lines) == panel.table.rowCount() + 1


def test_a_ready_made_scheme_counts_the_low_water_as_affected(qtbot, opened,
                                                              kibera: Path) -> None:
    panel = opened.analysis_flow.panel
    panel.show_tab(panel.EXPOSURE)
    choose(panel.exposure_box, "buildings")
    choose(panel.area_box, "villages")
    choose(panel.scheme_box, "flood4")
    run_and_wait(qtbot, opened, panel.EXPOSURE)
    per_class, _ = brute_force(kibera, flood4=True)
    assert list(panel.last_result["classes"]) == ["use caution", "low", "medium", "high"]
    assert [panel.cell(0, 1 + k) for k in range(4)] == [
        per_class.get(c, 0) for c in ("use caution", "low", "medium", "high")]
    touched = sum(v for k, v in per_class.items() if k != "not exposed")
    assert panel.last_result["totals"]["affected"] == touched > per_class.get("medium", 0)


def in_first_area(points, areas: gpd.GeoDataFrame) -> list:
    """Index (in ``areas``' order) of the first area each point lies in or on, else None."""
    return [next((k for k, shape in enumerate(areas.geometry) if shape.intersects(point)),
                 None) for point in points]


def test_evacuation_routes_appear_on_the_map(qtbot, opened, kibera: Path,
                                             tmp_path: Path) -> None:
    from mapping.analysis.evacuation import ROUTES_LAYER, SERVICE_AREAS_LAYER

    flow = opened.analysis_flow
    panel = flow.panel
    assert ROUTES_LAYER not in opened.layers_panel.names()
    run_and_wait(qtbot, opened, panel.EVACUATION)
    # Both layers the command writes, on the map.
    assert {ROUTES_LAYER, SERVICE_AREAS_LAYER} <= set(opened.layers_panel.names())
    routes = pyogrio.read_dataframe(kibera, layer=ROUTES_LAYER)
    buildings = pyogrio.read_info(kibera, layer="buildings")["features"]
    summary = panel.last_result
    assert summary["buildings"] == buildings
    assert summary["routed"] == len(routes) > 50
    assert summary["routed"] + summary["no_safe_route"] == buildings
    # One row per shelter, then the buildings with no safe route.
    assert panel.row_titles() == ["Olympic primary school hall", "Kianda church",
                                  "No safe route"]
    assert panel.cell(0, 1) + panel.cell(1, 1) == len(routes)
    assigned = routes.groupby("destination").size()
    assert sorted(assigned.tolist()) == sorted(v for v in (panel.cell(0, 1), panel.cell(1, 1))
                                               if v)
    # Buildings within 15 minutes' walk, from the routes layer; capacity in people.
    uuids = [d["uuid"] for d in summary["destinations"]]
    for row, uuid in enumerate(uuids):
        mine = routes[routes["destination"] == uuid]
        assert panel.cell(row, 2) == int((mine["walk_s"] <= 900).sum())
    assert panel.cell(0, 3) == 120
    assert panel.cell(2, 1) == buildings - len(routes)
    # The buildings with no safe route: a layer on the map, every building without a route.
    from mapping.analysis.evacuation import NO_ROUTE_LAYER

    assert NO_ROUTE_LAYER in opened.layers_panel.names()
    # Drawn bottom first: the service areas under the routes (saved after them).
    from mapping.project import Project

    order = Project(kibera).layer_names()
    assert order.index(SERVICE_AREAS_LAYER) < order.index(ROUTES_LAYER)
    # In the legend the routes (one default style) are their title, not a "Line" under it.
    opened.legend_panel.refresh()
    legend = opened.legend_panel.texts()
    assert "Evacuation routes" in legend and "Line" not in legend
    stranded = pyogrio.read_dataframe(kibera, layer=NO_ROUTE_LAYER)
    every = pyogrio.read_dataframe(kibera, layer="buildings", fid_as_index=True)
    assert set(stranded["building_fid"]) == set(every.index) - set(routes["building_fid"])
    # Its report, from the window: the same buildings with no safe route.
    assert panel.report_button.isVisible()
    task = flow.write_report(tmp_path / "evacuation.html")
    qtbot.waitUntil(task.is_done, timeout=TIMEOUT)
    qtbot.wait(50)
    assert opened.last_error is None, opened.last_error
    page = (tmp_path / "evacuation.html").read_text("utf-8")
    assert f"Buildings with no safe route ({buildings - len(routes)})" in page
    assert all(f"<td class='n'>{fid}</td>" in page for fid in stranded["building_fid"])
    # A "What is here?" click on a building's centre says and draws its own safe route.
    crs = opened.renderer.working_crs
    # The centre in longitude/latitude, as the routing takes it (Buildings.lonlat).
    centres = gpd.GeoSeries(shapely.centroid(every.geometry.values), index=every.index,
                            crs=4326).to_crs(crs)
    by_fid = routes.set_index("building_fid")
    fid = int(by_fid["length_m"].idxmax())
    centre = centres.loc[fid]
    opened.canvas.identify_at(opened.canvas.to_screen(centre.x, centre.y))
    place = next(d["name"] for d in summary["destinations"]
                 if d["uuid"] == by_fid.loc[fid, "destination"])
    metres = panel.number(round(float(by_fid.loc[fid, "length_m"])))
    assert flow.clicked_text.startswith(f"From here: {metres} m,"), flow.clicked_text
    assert flow.clicked_text.endswith(f" to {place}.")
    assert len(flow.clicked_route) >= 2
    lost = int(stranded["building_fid"].iloc[0])
    opened.canvas.identify_at(opened.canvas.to_screen(centres.loc[lost].x,
                                                      centres.loc[lost].y))
    assert flow.clicked_text.startswith("No safe route from here")
    assert flow.clicked_route is None
    text = panel.summary.text()
    assert f"{len(routes)} of {buildings} buildings have a safe route" in text
    assert f"median {np.median(routes['walk_s']) / 60:.1f} min" in text
    assert "how many people live in them is not known" in text
    # The service areas: three walking times per shelter that receives anyone, the 15
    # minutes' one holding the buildings routed there within 15 minutes.
    areas = pyogrio.read_dataframe(kibera, layer=SERVICE_AREAS_LAYER)
    assert sorted(set(areas["minutes"])) == [5, 10, 15]
    for uuid in assigned.index:
        ring = areas[(areas["destination"] == uuid) & (areas["minutes"] == 15)]
        assert len(ring) == 1 and ring.geometry.iloc[0].area > 0
        assert int(ring["buildings"].iloc[0]) == int(
            (routes[routes["destination"] == uuid]["walk_s"] <= 900).sum())


def test_shelter_loads_in_people_from_a_census(qtbot, opened, kibera: Path) -> None:
    """Each village's people shared among its buildings (centroid in the first village)."""
    import math

    from mapping.analysis.evacuation import ROUTES_LAYER

    panel = opened.analysis_flow.panel
    panel.show_tab(panel.EVACUATION)
    choose(panel.evac_people_box, "census")
    run_and_wait(qtbot, opened, panel.EVACUATION)
    assert panel.table.horizontalHeaderItem(2).text() == "People"
    buildings = pyogrio.read_dataframe(kibera, layer="buildings", fid_as_index=True)
    buildings = buildings.to_crs(4326)
    census = pyogrio.read_dataframe(kibera, layer="census", fid_as_index=True).sort_index()
    census = census.to_crs(4326)
    village = in_first_area(shapely.centroid(buildings.geometry.to_numpy()), census)
    shares = {k: village.count(k) for k in set(village) if k is not None}
    people = {fid: census["population"].iloc[k] / shares[k]
              for fid, k in zip(buildings.index, village, strict=True) if k is not None}
    routes = pyogrio.read_dataframe(kibera, layer=ROUTES_LAYER)
    for row, place in enumerate(panel.last_result["destinations"]):
        fids = routes.loc[routes["destination"] == place["uuid"], "building_fid"]
        expected = math.ceil(round(sum(people.get(int(f), 0.0) for f in fids), 6))
        assert panel.cell(row, 2) == expected
    assert sum(panel.cell(r, 2) for r in range(2)) > 1000
    capacity = panel.cell(0, 4)
    share = round(100 * panel.cell(0, 2) / capacity)
    assert panel.table.item(0, 5).text() == f"{share:,}% of capacity"


def test_evacuation_avoids_the_hazard_layers_own_classes(qtbot, kibera: Path) -> None:
    """A flood layer in the 4 classes of InaSAFE's flood scheme: four ticks, the affected
    three ticked; with low unticked, routes cross the low ring and never medium or high."""
    from mapping import hazard_store
    from mapping.analysis.evacuation import ROUTES_LAYER
    from mapping.analysis.schemes import scheme_named
    from mapping.project import Project

    project = Project(kibera)
    hazard_store.set_classes(project, HAZARD, scheme_named("flood4"))
    main, translations = make_window(qtbot)
    try:
        open_and_draw(qtbot, main, kibera)
        panel = main.analysis_flow.panel
        main.analysis_flow.open(panel.EVACUATION)
        assert list(panel.avoid_checks) == ["use caution", "low", "medium", "high"]
        assert [c.isChecked() for c in panel.avoid_checks.values()] == [
            False, True, True, True]
        # Depths 2.0 (high), 1.0 (medium) and 0.3 m (low) in the flood4 scheme, shrunk by
        # 1 m so that a street along a ring's edge does not count as crossing it.
        rings = pyogrio.read_dataframe(kibera, layer=HAZARD).to_crs(
            project.metadata.working_crs)
        inner = {depth: shape.buffer(-1.0) for depth, shape in
                 zip(rings["depth"], rings.geometry, strict=True)}

        def crossings() -> dict[float, int]:
            routes = pyogrio.read_dataframe(kibera, layer=ROUTES_LAYER).to_crs(
                project.metadata.working_crs)
            return {depth: int(routes.intersects(shape).sum()) for depth, shape in inner.items()}

        run_and_wait(qtbot, main, panel.EVACUATION)
        assert crossings() == {2.0: 0, 1.0: 0, 0.3: 0}
        every = panel.last_result["routed"]
        panel.avoid_checks["low"].setChecked(False)
        run_and_wait(qtbot, main, panel.EVACUATION)
        crossed = crossings()
        assert crossed[2.0] == crossed[1.0] == 0
        assert crossed[0.3] > 0
        assert panel.last_result["routed"] > every
    finally:
        close(main, translations)


def test_access_to_water(qtbot, opened, kibera: Path) -> None:
    from mapping.analysis.access import layer_name

    panel = opened.analysis_flow.panel
    panel.show_tab(panel.ACCESS)
    choose(panel.kind_box, "water")
    panel.within_edit.setText("100, 200, 400")
    choose(panel.access_area_box, "villages")
    assert layer_name("water") not in opened.layers_panel.names()
    run_and_wait(qtbot, opened, panel.ACCESS)
    # The layer the command writes, on the map.
    assert layer_name("water") in opened.layers_panel.names()
    layer = pyogrio.read_dataframe(kibera, layer=layer_name("water")).to_crs(4326)
    distance = layer["distance_m"].to_numpy(dtype=float)
    titles = panel.row_titles()
    assert titles[:2] == ["All", "By area"]
    headers = [panel.table.horizontalHeaderItem(c).text() for c in range(6)]
    assert headers[2:] == ["Within 100 m", "Within 200 m", "Within 400 m", "Unreachable"]
    bands = (100, 200, 400)
    assert [panel.cell(0, c) for c in range(1, 6)] == [
        len(layer), *(int((distance <= b).sum()) for b in bands), int(np.isnan(distance).sum())]
    assert int((distance <= 400).sum()) > 0
    # Per village: buildings by centroid in the first village, read from the saved layer.
    villages = pyogrio.read_dataframe(kibera, layer="villages", fid_as_index=True)
    villages = villages.to_crs(4326).sort_index()
    village = in_first_area(shapely.centroid(layer.geometry.to_numpy()), villages)
    for row in range(2, len(titles)):
        k = villages["name"].tolist().index(titles[row])
        mine = distance[[v == k for v in village]]
        assert [panel.cell(row, c) for c in range(1, 5)] == [
            len(mine), *(int((mine <= b).sum()) for b in bands)]
    assert len(titles) - 2 >= 5
    # The 20 worst served, farthest first, the unreachable before them: no building
    # left out of the list is farther than the last one listed.
    assert panel.worst_table.isVisibleTo(panel) and panel.worst_table.rowCount() == 20
    shown = [panel.worst_table.item(r, 1).data(Qt.ItemDataRole.UserRole) for r in range(20)]
    fids = [panel.worst_table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(20)]
    far = np.where(np.isnan(distance), np.inf, distance)
    expected = np.sort(far)[::-1][:20]
    assert [np.inf if d is None else d for d in shown] == pytest.approx(expected.tolist(),
                                                                       abs=0.11)
    by_fid = dict(zip(layer["building_fid"], far, strict=True))
    assert [by_fid[f] for f in fids] == pytest.approx(expected.tolist(), abs=0.11)


def test_displaced_people_and_needs_from_a_census(qtbot, opened, kibera: Path,
                                                  tmp_path: Path) -> None:
    """People of each village split by area among the rings (geodesic, brute force),
    then displaced and needs by the library's published rates and the profile files."""
    import json
    import math

    from pyproj import Geod

    from mapping.analysis.needs import NEEDS_DIR

    flow = opened.analysis_flow
    panel = flow.panel
    panel.show_tab(panel.EXPOSURE)
    choose(panel.exposure_box, "census")
    run_and_wait(qtbot, opened, panel.EXPOSURE)
    assert panel.last_result["measure"] == "people"
    geod = Geod(ellps="WGS84")

    def area(shape) -> float:
        return abs(geod.geometry_area_perimeter(shape)[0])

    census = pyogrio.read_dataframe(kibera, layer="census").to_crs(4326)
    rings = pyogrio.read_dataframe(kibera, layer=HAZARD).to_crs(4326)
    names = {2.0: "high", 1.0: "medium", 0.3: "low"}
    people = dict.fromkeys(names.values(), 0.0)
    for count, village in zip(census["population"], census.geometry, strict=True):
        for depth, ring in zip(rings["depth"], rings.geometry, strict=True):
            people[names[depth]] += count * area(village.intersection(ring)) / area(village)
    assert people["medium"] > 100
    assert panel.needs_box.isVisibleTo(panel)
    shown = {name: panel.needs_box.rates_table.item(r, 1).data(Qt.ItemDataRole.UserRole)
             for r, name in enumerate(["low", "medium", "high"])}
    assert shown == pytest.approx(people, rel=2e-3)
    # The layer's own classes: everyone in an affected class (medium, high) is displaced.
    rates = {name: box.value() for name, box in panel.needs_box.rate_boxes.items()}
    assert rates == {"low": 0.0, "medium": 100.0, "high": 100.0}
    displaced = panel.needs_box.needs.displaced
    assert displaced == pytest.approx(people["medium"] + people["high"], abs=2,
                                      rel=2e-3)

    def expected_needs(profile: str, displaced: int) -> dict[str, int]:
        items = json.loads((NEEDS_DIR / f"{profile}.json").read_text("utf-8"))["items"]
        return {i["name"]: math.ceil(round(displaced * i["per_person"], 6)) for i in items}

    assert panel.needs_box.profile_key() == "bnpb"
    assert panel.needs_box.need_amounts() == expected_needs("bnpb", displaced)
    assert panel.needs_box.displaced_label.text() == f"Displaced people: {displaced:,}"
    # Half the people of medium, and Tanzania's profile.
    panel.needs_box.rate_boxes["medium"].setValue(50.0)
    choose(panel.needs_box.profile_box, "tanzania")
    halved = panel.needs_box.needs.displaced
    assert halved == pytest.approx(people["medium"] / 2 + people["high"], abs=2, rel=2e-3)
    assert halved < displaced
    assert panel.needs_box.need_amounts() == expected_needs("tanzania", halved)
    # The report is written with those needs.
    task = flow.write_report(tmp_path / "people.html")
    qtbot.waitUntil(task.is_done, timeout=TIMEOUT)
    qtbot.wait(50)
    assert opened.last_error is None, opened.last_error
    text = (tmp_path / "people.html").read_text("utf-8")
    assert f"Displaced people: <b>{halved:,}</b>" in text
    assert "50 % (yours)" in text and "Tanzania" in text


def test_people_from_a_population_raster(qtbot, opened, kibera: Path, tmp_path: Path) -> None:
    """A raster of people per cell: the sum of the cells whose centre lies in each ring."""
    import rasterio
    from affine import Affine
    from shapely import points

    rings = pyogrio.read_dataframe(kibera, layer=HAZARD).to_crs(4326)
    west, south, east, north = rings.total_bounds
    size = 0.002
    columns, rows = int((east - west) / size) + 1, int((north - south) / size) + 1
    people = (np.arange(rows * columns, dtype="float32").reshape(rows, columns) % 7) + 1
    raster = tmp_path / "people.tif"
    with rasterio.open(raster, "w", driver="GTiff", width=columns, height=rows, count=1,
                       dtype="float32", crs="EPSG:4326",
                       transform=Affine(size, 0, west, 0, -size, north)) as out:
        out.write(people, 1)
    row, column = np.mgrid[0:rows, 0:columns]
    centres = points(west + (column.ravel() + 0.5) * size, north - (row.ravel() + 0.5) * size)
    names = {2.0: "high", 1.0: "medium", 0.3: "low"}
    expected = {names[d]: float(people.ravel()[ring.contains(centres)].sum())
                for d, ring in zip(rings["depth"], rings.geometry, strict=True)}

    panel = opened.analysis_flow.panel
    panel.show_tab(panel.EXPOSURE)
    choose(panel.exposure_box, RASTER_CHOICE)
    assert panel.raster_row.isVisibleTo(panel)
    panel.raster_edit.setText(str(raster))
    run_and_wait(qtbot, opened, panel.EXPOSURE)
    assert panel.last_result["measure"] == "people"
    assert panel.last_result["classes"] == pytest.approx(expected)
    assert expected["medium"] > 10
    assert panel.needs_box.needs.displaced == math_ceil(expected["medium"] + expected["high"])
    # Cells are not features: nothing to save as a layer, but a report.
    assert not panel.save_button.isVisibleTo(panel) and panel.report_button.isVisibleTo(panel)


def math_ceil(value: float) -> int:
    import math

    return math.ceil(round(value, 6))


@pytest.fixture
def held(monkeypatch):
    """Make one engine function wait, inside the worker, until the test lets it go."""
    started, go = threading.Event(), threading.Event()

    def hold(module, name: str) -> None:
        real = getattr(module, name)

        def waiting(*args, **kwargs):
            started.set()
            go.wait(TIMEOUT / 1000)
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, waiting)

    yield hold, started, go
    go.set()


def test_cancel_during_an_exposure_shows_nothing_and_the_panel_runs_again(
        qtbot, opened, held) -> None:
    from mapping.analysis import exposure

    hold, started, go = held
    hold(exposure, "analyse")
    flow = opened.analysis_flow
    panel = flow.panel
    flow.open(panel.EXPOSURE)
    choose(panel.exposure_box, "buildings")
    panel.run_button.click()
    qtbot.waitUntil(started.is_set, timeout=TIMEOUT)
    assert panel.cancel_button.isVisible() and not panel.run_button.isEnabled()
    task = flow.task
    panel.cancel_button.click()
    assert panel.summary.text() == "Cancelling…"
    qtbot.wait(100)  # the window keeps answering while the engine runs
    go.set()
    qtbot.waitUntil(task.is_done, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: flow.task is None, timeout=TIMEOUT)
    assert panel.summary.text() == "Cancelled; nothing was changed."
    assert panel.last_result is None and panel.table.rowCount() == 0
    assert flow.exposure_result is None
    assert opened.last_error is None
    assert panel.run_button.isEnabled() and not panel.cancel_button.isVisible()
    # And it runs again, to the end.
    run_and_wait(qtbot, opened, panel.EXPOSURE)
    assert panel.last_result["totals"]["total"] > 100


def test_cancel_during_routing_writes_no_routes(qtbot, opened, kibera: Path, held) -> None:
    from mapping.analysis import evacuation

    hold, started, go = held
    hold(evacuation, "evacuate")
    flow = opened.analysis_flow
    flow.open(flow.panel.EVACUATION)
    task = flow.run_evacuation(flow.panel.request()[1])
    qtbot.waitUntil(started.is_set, timeout=TIMEOUT)
    flow.panel.cancel_button.click()
    go.set()
    qtbot.waitUntil(lambda: task.is_done() and flow.task is None, timeout=TIMEOUT)
    assert evacuation.ROUTES_LAYER not in pyogrio.list_layers(kibera)[:, 0]
    assert evacuation.ROUTES_LAYER not in opened.layers_panel.names()
    assert flow.panel.summary.text() == "Cancelled; nothing was changed."


def test_cancel_during_access_writes_no_layer(qtbot, opened, kibera: Path, held) -> None:
    from mapping.analysis import access

    hold, started, go = held
    hold(access, "access")
    flow = opened.analysis_flow
    flow.open(flow.panel.ACCESS)
    choose(flow.panel.kind_box, "water")
    task = flow.run_access(flow.panel.request()[1])
    qtbot.waitUntil(started.is_set, timeout=TIMEOUT)
    flow.panel.cancel_button.click()
    go.set()
    qtbot.waitUntil(lambda: task.is_done() and flow.task is None, timeout=TIMEOUT)
    assert access.layer_name("water") not in pyogrio.list_layers(kibera)[:, 0]
    assert access.layer_name("water") not in opened.layers_panel.names()
    assert not flow.panel.worst_table.isVisibleTo(flow.panel)
    assert flow.panel.summary.text() == "Cancelled; nothing was changed."


@pytest.mark.parametrize(("which", "setup", "words"), [
    ("access", lambda p: p.within_edit.setText("near, far"),
     "Type the distances in metres, separated by commas, like 250, 500, 1000."),
    ("access", lambda p: choose(p.kind_box, "fire_station"),
     "No fire stations are mapped in kibera.gpkg"),
    ("evacuation", lambda p: [c.setChecked(False) for c in p.avoid_checks.values()],
     "Tick at least one hazard class to keep out of."),
    ("exposure", lambda p: choose(p.exposure_box, RASTER_CHOICE),
     "Choose the population raster file to count first."),
    ("exposure", lambda p: (choose(p.exposure_box, RASTER_CHOICE),
                            p.raster_edit.setText(str(Path(__file__)))),
     "test_analysis_gui.py cannot be read as a population raster."),
])
def test_bad_input_is_one_sentence(qtbot, opened, kibera: Path, which: str, setup,
                                   words: str) -> None:
    from layers.errors import QuartierError

    flow = opened.analysis_flow
    panel = flow.panel
    flow.open({"access": panel.ACCESS, "evacuation": panel.EVACUATION,
               "exposure": panel.EXPOSURE}[which])
    setup(panel)
    before = sorted(pyogrio.list_layers(kibera)[:, 0])
    panel.run_button.click()
    qtbot.waitUntil(lambda: opened.last_error is not None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: flow.task is None, timeout=TIMEOUT)
    assert isinstance(opened.last_error, QuartierError)
    assert panel.summary.text().startswith(words)
    assert "Traceback" not in panel.summary.text() and "\n" not in panel.summary.text()
    assert panel.last_result is None and panel.run_button.isEnabled()
    assert sorted(pyogrio.list_layers(kibera)[:, 0]) == before


def test_an_exposure_saved_as_a_layer_and_a_report(qtbot, opened, kibera: Path,
                                                  tmp_path: Path) -> None:
    flow = opened.analysis_flow
    panel = flow.panel
    if not panel.can_save_layer:
        pytest.skip("this Quartier cannot save exposure results yet")
    panel.show_tab(panel.EXPOSURE)
    choose(panel.exposure_box, "buildings")
    choose(panel.area_box, "villages")
    run_and_wait(qtbot, opened, panel.EXPOSURE)
    assert panel.save_button.isVisible()
    saved: list[str] = []
    flow.layerSaved.connect(saved.append)
    panel.save_button.click()
    qtbot.waitUntil(lambda: bool(saved) or opened.last_error is not None, timeout=TIMEOUT)
    assert opened.last_error is None, opened.last_error
    assert saved[0] in opened.layers_panel.names()
    layer = pyogrio.read_dataframe(kibera, layer=saved[0])
    per_class, per_village = brute_force(kibera)
    counted = layer["hazard_class"].value_counts().to_dict()
    assert counted == {k: v for k, v in per_class.items() if v}

    if not panel.can_report:
        return
    assert panel.report_button.isVisible()
    for name in ("exposure.html", "exposure.pdf"):
        task = flow.write_report(tmp_path / name)
        qtbot.waitUntil(task.is_done, timeout=TIMEOUT)
        qtbot.wait(50)
        assert opened.last_error is None, opened.last_error
    text = (tmp_path / "exposure.html").read_text("utf-8")
    assert "Exposure of buildings to kianda_flood" in text
    assert [name for name, row in per_village.items() if any(row.values())
            and name not in text] == []
    assert (tmp_path / "exposure.pdf").read_bytes()[:5] == b"%PDF-"
    # Buildings are not people: no needs offered.
    assert not panel.needs_box.isVisibleTo(panel)
    assert "require a population layer" in text


def test_the_panel_speaks_french(qtbot) -> None:
    main, translations = make_window(qtbot, "fr")
    try:
        flow = main.analysis_flow
        assert flow.menu.title() == "&Analyse"
        assert [a.text() for a in flow.menu.actions()][0] == "Qui est exposé…"
        panel = flow.panel
        assert panel.tabs.tabText(panel.EVACUATION) == "Évacuation"
        assert panel.needs_box.profile_label.text() == "Besoins minimaux :"
        # Figures the French way: a space between thousands, a decimal comma.
        assert panel.number(12345.5, 1).replace("\u202f", " ").replace("\xa0", " ") == (
            "12 345,5")
        assert panel.percent(0.64).replace("\u202f", " ").replace("\xa0", " ") == "64 %"
    finally:
        close(main, translations)


def test_no_hazard_yet_then_one_imported(qtbot, kibera_project: Path, kibera_template: Path,
                                         tmp_path: Path) -> None:
    from desktop.dialogs.hazard_dialog import ImportRequest
    from layers.hazards import HazardType

    plain = tmp_path / "plain.gpkg"
    shutil.copy(kibera_project, plain)
    main, translations = make_window(qtbot)
    try:
        open_and_draw(qtbot, main, plain)
        flow = main.analysis_flow
        panel = flow.panel
        flow.open(panel.EXPOSURE)
        assert panel.hazard_box.count() == 0
        panel.run_button.click()
        assert panel.summary.text() == ("This project has no hazard layer yet: add one with "
                                        "Layer → Add hazard.")
        assert flow.task is None
        # A hazard added while the panel is open is offered at once, and counts.
        main.last_error = None
        imported: list[str] = []
        main.import_flow.imported.connect(imported.append)
        main.import_flow.start(ImportRequest(
            path=kibera_template.parent / "kianda_flood.geojson", name="flood",
            title="Kianda flood", hazard_type=HazardType.FLOOD, attribute="depth"))
        qtbot.waitUntil(lambda: bool(imported) or main.last_error is not None, timeout=TIMEOUT)
        assert [panel.hazard_box.itemData(i) for i in range(panel.hazard_box.count())] == [
            "flood"]
        run_and_wait(qtbot, main, panel.EXPOSURE)
        assert panel.last_result["hazard"] == "flood"
        assert panel.last_result["totals"]["total"] == pyogrio.read_info(
            plain, layer="buildings")["features"]
    finally:
        close(main, translations)


def test_roads_are_measured_in_metres(qtbot, opened, kibera: Path) -> None:
    from pyproj import Geod

    panel = opened.analysis_flow.panel
    panel.show_tab(panel.EXPOSURE)
    choose(panel.exposure_box, "roads")
    run_and_wait(qtbot, opened, panel.EXPOSURE)
    data = panel.last_result
    assert data["measure"] == "length_m" and data["by_type"] == {}
    assert [panel.cell(0, 1 + k) for k in range(3)] == list(data["classes"].values())
    # Independently: the geodesic length of the roads inside the high ring.
    roads = pyogrio.read_dataframe(kibera, layer="roads").to_crs(4326)
    rings = pyogrio.read_dataframe(kibera, layer=HAZARD).to_crs(4326)
    high = rings.geometry[rings["depth"] == 2.0].union_all()
    geod = Geod(ellps="WGS84")
    inside = sum(geod.geometry_length(road.intersection(high)) for road in roads.geometry
                 if road.intersects(high))
    assert inside > 100
    assert data["classes"]["high"] == pytest.approx(inside, rel=1e-3)
    assert f"{round(data['totals']['affected']):,} m in the affected classes" in (
        panel.summary.text())
