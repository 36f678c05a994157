"""Analysis → Transport service…: the level of service in a panel, on real Kibera.

Kibera (the OSM sample) with the flood rings along the Kianda river and its villages
(the Analysis panel's project, tests/test_analysis_gui.py), and three made-up matatu
lines drawn along real roads with a mapping session: line 8 along Kibera Drive every
10 minutes and every 5 in 06-09, line 32 along Ngong Road every 20 minutes, line 15
along Kalobot Road with no wait known. The panel is driven as a person would; its
figures are compared with :func:`service_level` called directly, and where it is
cheap with what the stored layers say by themselves (pyogrio, shapely, the tags
read by hand): the lines in the table, the vehicles per hour, the buildings, the
villages, the stops inside the flood's affected zones.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyogrio
import pytest
import shapely

from tests.test_analysis_gui import HAZARD, choose, kibera_template  # noqa: F401 (fixture)
from tests.test_window_session import (  # noqa: F401 (fixture)
    TIMEOUT,
    close,
    make_window,
    open_and_draw,
    own_folders,
)

pytestmark = pytest.mark.usefixtures("own_folders")

#: Road followed, tags and number of stops of each made-up line.
LINES = (("Kibera Drive", {"ref": "8", "name": "Kibera – Town", "interval": "10",
                           "interval:06-09": "5", "opening_hours": "Mo-Su 05:00-22:00"}, 5),
         ("Ngong Road", {"ref": "32", "name": "Ngong Road", "interval": "20",
                         "opening_hours": "Mo-Su 06:00-21:00"}, 4),
         ("Kalobot Road", {"ref": "15", "name": "Kalobot shuttle"}, 3))


def add_lines(target: Path) -> None:
    """Draw the lines along their roads, each with evenly spaced named stops."""
    from mapping.editing import EditSession

    roads = pyogrio.read_dataframe(target, layer="roads")
    with EditSession(target, contributor="Achieng Otieno", mapping_session="lines") as edit:
        for road, tags, stops in LINES:
            line = shapely.line_merge(shapely.union_all(
                roads.loc[roads["name"] == road].geometry.values))
            if line.geom_type != "LineString":
                line = max(line.geoms, key=lambda part: part.length)
            uuid = edit.add_feature("transport_lines", line, "transport_line/minibus", tags)
            for k in range(stops):
                edit.add_stop(uuid, line.interpolate(k / (stops - 1), normalized=True),
                              f"{tags['ref']}-{k + 1}")


@pytest.fixture(scope="module")
def lines_template(kibera_template: Path, tmp_path_factory) -> Path:  # noqa: F811
    target = tmp_path_factory.mktemp("service_gui") / "kibera.gpkg"
    shutil.copy(kibera_template, target)
    add_lines(target)
    return target


@pytest.fixture
def kibera(lines_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "work" / "kibera.gpkg"
    target.parent.mkdir()
    shutil.copy(lines_template, target)
    return target


@pytest.fixture
def opened(qtbot, kibera: Path):
    main, translations = make_window(qtbot)
    open_and_draw(qtbot, main, kibera)
    yield main
    close(main, translations)


def run_and_wait(qtbot, window) -> list[str]:
    flow = window.service_flow
    shown: list[list[str]] = []
    flow.shown.connect(shown.append)
    flow.panel.run_button.click()
    qtbot.waitUntil(lambda: bool(shown) or window.last_error is not None,
                    timeout=TIMEOUT * 4)
    assert window.last_error is None, window.last_error
    return shown[0]


def test_the_menu_entry_and_figures_by_village(qtbot, opened, kibera: Path) -> None:
    """The entry opens the panel; by village with the flood, its figures are the
    analysis's and agree with the stored layers."""
    from mapping.analysis.service_level import (
        AREAS_LAYER,
        BUILDINGS_LAYER,
        STOPS_LAYER,
        service_level,
    )
    from mapping.project import Project

    analysis = opened.analysis_flow
    assert [a.text() for a in analysis.menu.actions() if not a.isSeparator()] == [
        "Who is exposed…", "Evacuation routes…", "Access to services…",
        "Transport service…", "Mapping progress…"]
    flow = opened.service_flow
    flow.action.trigger()
    assert flow.dock.isVisible()
    panel = flow.panel
    areas = [panel.area_box.itemData(i) for i in range(panel.area_box.count())]
    assert areas[:3] == [None, "grid:500", "grid:250"]
    assert "villages" in areas and not {"buildings", "roads", "pois"} & set(areas)
    assert [panel.hazard_box.itemData(i) for i in range(panel.hazard_box.count())] == [
        None, HAZARD]
    assert not panel.field_box.isEnabled()
    choose(panel.area_box, "grid:500")
    assert not panel.field_box.isEnabled()
    assert panel.request() == {"by": "grid:500", "by_field": None, "hazard": None}
    choose(panel.area_box, "villages")
    assert panel.field_box.isEnabled() and panel.field_box.currentData() == "name"
    choose(panel.hazard_box, HAZARD)
    layers = run_and_wait(qtbot, opened)
    report = service_level(Project(kibera), by="villages", by_field="name", hazard=HAZARD)

    # Lines: one row per feature of the layer, as the engine gives them.
    lines = panel.lines_table
    stored = pyogrio.read_dataframe(kibera, layer="transport_lines")
    assert lines.rowCount() == len(stored) == len(report.lines) == 3
    assert panel.column(lines, 0) == ["8 · Kibera – Town", "32 · Ngong Road",
                                      "15 · Kalobot shuttle"]
    bands = list(report.bands)
    headers = [lines.horizontalHeaderItem(c).text() for c in range(lines.columnCount())]
    assert headers == ["Line", *(f"Vehicles/hour\n{b}" for b in bands), "Span", "Stops",
                       "Length\n(km)", "Stops cut off"]
    for row, line in enumerate(report.lines):
        assert [panel.cell(lines, row, 1 + k) for k in range(len(bands))] == [
            line.vehicles_per_hour.get(b, 0.0) for b in bands]
    # The tags read by hand: a vehicle every 5 minutes in 06-09 is 12 an hour, every 10
    # is 6, every 20 is 3; no wait tagged, no vehicle counted.
    morning, day = 1 + bands.index("06-09"), 1 + bands.index("09-16")
    assert [panel.cell(lines, r, morning) for r in range(3)] == [12.0, 3.0, 0.0]
    assert [panel.cell(lines, r, day) for r in range(3)] == [6.0, 3.0, 0.0]
    assert [lines.item(r, 1 + len(bands)).text() for r in range(3)] == [
        "05:00–22:00", "06:00–21:00", "–"]
    assert panel.column(lines, 2 + len(bands)) == [5, 4, 3]

    # Stops cut off: those inside the flood's affected zones (medium and high rings).
    flood = pyogrio.read_dataframe(kibera, layer=HAZARD).to_crs(4326)
    affected = flood.geometry[flood["depth"] >= 1.0].union_all()
    stops = pyogrio.read_dataframe(kibera, layer="transport_stops")
    uuids = dict(zip(stored["uuid"], ["8", "32", "15"], strict=True))
    inside = {ref: 0 for ref in uuids.values()}
    for line_uuid, point in zip(stops["line_uuid"], stops.geometry, strict=True):
        inside[uuids[line_uuid]] += bool(point.intersects(affected))
    cut = panel.column(lines, len(headers) - 1)
    assert cut == [inside["8"], inside["32"], inside["15"]]
    assert sum(cut) > 0  # the flood reaches some stop: the column can tell

    # Areas: every village, least served first, as the engine orders them.
    areas = panel.areas_table
    names = pyogrio.read_dataframe(kibera, layer="villages")["name"].dropna()
    assert areas.rowCount() == len(report.areas) == names.nunique() > 5
    assert sorted(panel.column(areas, 0)) == sorted(names.unique())
    assert panel.column(areas, 0) == [a.name for a in report.areas]
    assert panel.column(areas, 1) == [a.buildings for a in report.areas]
    assert panel.column(areas, 2) == [a.share_frequent for a in report.areas]
    assert panel.column(areas, 3) == [a.share_within for a in report.areas]
    with_buildings = [a for a in report.areas if a.buildings]
    frequent_shares = [a.share_frequent for a in with_buildings]
    assert frequent_shares == sorted(frequent_shares)
    assert len(set(frequent_shares)) > 1  # some villages better served than others
    # Buildings: the project's own, whatever their village.
    buildings = pyogrio.read_dataframe(kibera, layer="buildings")
    total = int((~buildings.geometry.is_empty).sum())
    assert report.totals.buildings == total
    totals = report.totals
    assert f"Of {total:,} buildings, {totals.within_walk:,} (" in panel.summary.text()
    assert f"and {totals.within_walk_frequent:,} (" in panel.summary.text()

    # The layers are written and on the map: the least-served areas with their legend
    # (the coloured buildings one tick away), the places to wait by frequency.
    assert layers == [BUILDINGS_LAYER, STOPS_LAYER, AREAS_LAYER]
    assert set(layers) <= set(pyogrio.list_layers(kibera)[:, 0])
    states = {s.name: s for s in opened.renderer.layer_states()}
    assert states[AREAS_LAYER].visible and states[STOPS_LAYER].visible
    assert not states[BUILDINGS_LAYER].visible
    # The legend names the classes of a layer once it is read for drawing (before, all).
    areas_entry = opened.renderer.entry(AREAS_LAYER)
    qtbot.waitUntil(lambda: areas_entry is not None and areas_entry.data is not None,
                    timeout=TIMEOUT)
    legend = [e.label for e in opened.renderer.legend() if e.layer == AREAS_LAYER]
    saved = pyogrio.read_dataframe(kibera, layer=AREAS_LAYER)
    assert set(legend) == set(saved["service"]) and len(legend) > 1
    # Each village's table colour is its colour on the map.
    by_name = dict(zip(saved["name"], saved["colour"], strict=True))
    for row in range(areas.rowCount()):
        if panel.cell(areas, row, 1):
            shown = areas.item(row, 2).background().color().name()
            assert shown == by_name[panel.cell(areas, row, 0)].lower()

    # A double click on the least-served village shows it on the map: the view holds its
    # outline, read from the villages layer and projected here, and not much more.
    village = pyogrio.read_dataframe(kibera, layer="villages")
    outline = village.loc[village["name"] == panel.cell(areas, 0, 0)].to_crs(
        opened.renderer.working_crs).total_bounds
    areas.cellDoubleClicked.emit(0, 0)
    minx, miny, maxx, maxy = opened.canvas.view.extent()
    assert minx <= outline[0] and miny <= outline[1] and maxx >= outline[2] \
        and maxy >= outline[3]
    assert (maxx - minx) * (maxy - miny) < 9 * (outline[2] - outline[0]) * (
        outline[3] - outline[1])
    assert not flow.zoom_to_area(areas.rowCount())  # no such row: the map stays

    # Copy: both tables, tab-separated, each with its headers.
    panel.copy_button.click()
    from PySide6.QtGui import QGuiApplication

    copied = QGuiApplication.clipboard().text().split("\n\n")
    assert copied[0].splitlines()[0].split("\t")[:2] == ["Area", "Buildings"]
    assert len(copied[0].splitlines()) == areas.rowCount() + 1
    assert copied[1].splitlines()[1].split("\t")[0] == "8 · Kibera – Town"


def test_the_whole_project_then_a_cancelled_run(qtbot, opened, kibera: Path) -> None:
    from mapping.analysis.service_level import AREAS_LAYER, BUILDINGS_LAYER, service_level
    from mapping.project import Project

    flow, panel = opened.service_flow, opened.service_flow.panel
    flow.open()
    layers = run_and_wait(qtbot, opened)
    assert AREAS_LAYER not in layers
    report = service_level(Project(kibera))
    # No areas asked: one row, the project.
    assert panel.column(panel.areas_table, 1) == [report.totals.buildings]
    assert panel.areas_label.text() == "The whole project area:"
    states = {s.name: s for s in opened.renderer.layer_states()}
    assert states[BUILDINGS_LAYER].visible and AREAS_LAYER not in states
    # Without a hazard: no column of stops cut off.
    assert panel.lines_table.horizontalHeaderItem(
        panel.lines_table.columnCount() - 1).text() == "Length\n(km)"

    # Cancel: nothing written (the areas layer would be added by a run by village).
    choose(panel.area_box, "villages")
    panel.run_button.click()
    assert flow.task is not None and panel.cancel_button.isVisible()
    panel.cancel_button.click()
    qtbot.waitUntil(lambda: flow.task is None, timeout=TIMEOUT * 4)
    assert panel.summary.text() == "Cancelled; nothing was changed."
    assert AREAS_LAYER not in set(pyogrio.list_layers(kibera)[:, 0])
    assert panel.run_button.isEnabled() and not panel.areas_table.isVisible()


def test_no_lines_is_said_in_a_sentence(qtbot, kibera_project: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain.gpkg"
    shutil.copy(kibera_project, plain)
    before = sorted(pyogrio.list_layers(plain)[:, 0])
    main, translations = make_window(qtbot)
    try:
        open_and_draw(qtbot, main, plain)
        flow = main.service_flow
        flow.open()
        flow.panel.run_button.click()
        qtbot.waitUntil(lambda: main.last_error is not None, timeout=TIMEOUT * 4)
        text = flow.panel.summary.text()
        assert "transport line" in text and "Traceback" not in text
        assert not flow.panel.lines_table.isVisible()
        assert sorted(pyogrio.list_layers(plain)[:, 0]) == before
    finally:
        close(main, translations)


def test_the_panel_speaks_french(qtbot) -> None:
    main, translations = make_window(qtbot, "fr")
    try:
        flow = main.service_flow
        assert flow.action.text() == "Desserte des transports…"
        assert flow.dock.windowTitle() == "Desserte des transports"
        panel = flow.panel
        assert panel.run_button.text() == "Lancer"
        assert panel.area_box.itemText(1) == "Carrés de 500 m"
        assert panel.percent(0.64).replace("\u202f", " ").replace("\xa0", " ") == "64 %"
    finally:
        close(main, translations)
