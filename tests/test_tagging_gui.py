"""Field tagging in the desktop app, driven with the mouse and keyboard on a real Kibera project.

Every edit goes through the real tools (clicks at pixel positions computed from
known coordinates), the preset picker and the generated form; what was saved is
then read back from the GeoPackage with pyogrio, and expected positions are
computed independently (the roads layer, pyproj), never from the tools.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyogrio
import pytest
import shapely
from pyproj import Transformer
from PySide6.QtCore import QPoint, Qt

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytestmark = pytest.mark.gui

REPO = Path(__file__).resolve().parents[1]
TIMEOUT = 20000
CONTRIBUTOR = "Achieng Otieno"
SESSION = "Kianda community session 2026-11-22"
#: Map zoom for drawing, metres per pixel (about 1:1,900).
ZOOM = 0.5


# -- fixtures and helpers ------------------------------------------------------------------


@pytest.fixture
def kibera(kibera_project: Path, tmp_path: Path) -> Path:
    """A fresh copy of the real Kibera project that the test may change."""
    target = tmp_path / "kibera.gpkg"
    shutil.copy(kibera_project, target)
    return target


def make_window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str = "en"):
    from desktop.i18n import Translations
    from desktop.main_window import MainWindow

    monkeypatch.setenv("QUARTIER_SETTINGS_DIR", str(tmp_path / "settings"))
    translations = Translations()
    translations.install(language)
    main = MainWindow(translations)
    qtbot.addWidget(main)
    main.resize(1500, 950)
    main.show()
    qtbot.waitExposed(main)
    return main, translations


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    main, translations = make_window(qtbot, tmp_path, monkeypatch)
    yield main
    close(main, translations)


def close(main, translations) -> None:
    main.edit_toolbar.close_session()
    main.runner.cancel_all()
    main.runner.wait(TIMEOUT)
    main.canvas.shutdown()
    translations.install("en")


def open_project(qtbot, window, path: Path) -> None:
    window.open_project(path)
    qtbot.waitUntil(lambda: window.project is not None or window.last_error is not None,
                    timeout=TIMEOUT)
    assert window.last_error is None, window.last_error


def start_session(qtbot, window, tool: str = "add_place") -> None:
    """Choose a tool as a person would: the session dialog comes first."""
    toolbar = window.edit_toolbar
    qtbot.mouseClick(toolbar.widgetForAction(toolbar.tool_actions[tool]),
                     Qt.MouseButton.LeftButton)
    dialog = toolbar.session_dialog
    assert dialog is not None and dialog.isVisible()
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # no name yet: nothing would record who mapped
    qtbot.keyClicks(dialog.contributor, CONTRIBUTOR)
    line = dialog.session.lineEdit()
    line.selectAll()
    qtbot.keyClicks(line, SESSION)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    controller = toolbar.controller
    assert controller.session is not None
    assert window.canvas.map_tool is toolbar.tools[tool]
    qtbot.waitUntil(lambda: controller.snapper is not None, timeout=TIMEOUT)


def choose_tool(qtbot, window, tool: str):
    toolbar = window.edit_toolbar
    qtbot.mouseClick(toolbar.widgetForAction(toolbar.tool_actions[tool]),
                     Qt.MouseButton.LeftButton)
    assert window.canvas.map_tool is toolbar.tools[tool]
    return toolbar.tools[tool]


class Screen:
    """Pixel positions of WGS84 points on the canvas, computed with pyproj and the view."""

    def __init__(self, window, project: Path) -> None:
        from mapping.project import Project

        crs = Project(project).metadata.working_crs
        self.forward = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
        self.window = window

    def centre(self, lon: float, lat: float, metres_per_pixel: float = ZOOM,
               at: tuple[float, float] | None = None) -> None:
        """Show (lon, lat) in the middle of the map, or at pixel ``at``."""
        canvas = self.window.canvas
        x, y = self.forward.transform(lon, lat)
        if at is not None:
            x += (canvas.width() / 2 - at[0]) * metres_per_pixel
            y += (at[1] - canvas.height() / 2) * metres_per_pixel
        canvas.center_on(x, y, metres_per_pixel)

    def pixel(self, lon: float, lat: float, dx: float = 0, dy: float = 0) -> QPoint:
        x, y = self.forward.transform(lon, lat)
        px, py = self.window.canvas.view.to_pixel(x, y)
        point = QPoint(round(px + dx), round(py + dy))
        assert self.window.canvas.rect().contains(point), point
        return point

    def shows(self, lon: float, lat: float) -> bool:
        x, y = self.forward.transform(lon, lat)
        px, py = self.window.canvas.view.to_pixel(x, y)
        canvas = self.window.canvas
        return 10 < px < canvas.width() - 10 and 10 < py < canvas.height() - 10

    def metres(self, geometry):
        return shapely.transform(geometry, lambda xy: np.column_stack(
            self.forward.transform(xy[:, 0], xy[:, 1])))


def click(qtbot, window, point: QPoint, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.mouseMove(window.canvas, point)
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, modifier, point)


def double_click(qtbot, window, point: QPoint) -> None:
    """A real double click: a click, then the double-click event."""
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(window.canvas, Qt.MouseButton.LeftButton, pos=point)


def pick_preset(qtbot, window, search: str, expected: str) -> None:
    picker = window.edit_toolbar.editor.picker
    assert picker.isVisible()
    picker.search.clear()
    qtbot.keyClicks(picker.search, search)
    item = picker.results.item(0)
    assert item.text() == expected, picker.names()
    rect = picker.results.visualItemRect(item)
    qtbot.mouseClick(picker.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.edit_toolbar.editor.form.isVisible()


def type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    if hasattr(widget, "selectAll"):
        widget.selectAll()
    qtbot.keyClicks(widget, text)


def save(qtbot, window) -> str:
    form = window.edit_toolbar.editor.form
    assert form.save_button.isEnabled(), form.summary.text()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    controller = window.edit_toolbar.controller
    assert controller.pending is None, form.error.text()
    return controller.selection.uuid


def rows(project: Path, layer: str):
    """What the GeoPackage holds, read with pyogrio (tags decoded)."""
    frame = pyogrio.read_dataframe(project, layer=layer)
    frame["tags"] = frame["tags"].map(lambda text: json.loads(text) if text else {})
    return frame


def row(project: Path, layer: str, uuid: str):
    frame = rows(project, layer)
    found = frame[frame["uuid"] == uuid]
    assert len(found) == 1, (layer, uuid, list(frame["uuid"]))
    return found.iloc[0]


@pytest.fixture(scope="module")
def road_vertex(kibera_project: Path) -> tuple[float, float]:
    """A vertex of the real Kibera road with the most vertices, far from any building."""
    roads = pyogrio.read_dataframe(kibera_project, layer="roads")
    counts = shapely.get_num_coordinates(roads.geometry.values)
    road = roads.geometry.values[int(np.argmax(counts))]
    lon, lat = road.coords[20]
    return float(lon), float(lat)


# -- the whole tagging session ---------------------------------------------------------------


def test_a_mapping_session_with_every_tool(qtbot, window, kibera: Path, road_vertex):
    open_project(qtbot, window, kibera)
    screen = Screen(window, kibera)
    toolbar, controller = window.edit_toolbar, window.edit_toolbar.controller
    form = toolbar.editor.form
    lon_v, lat_v = road_vertex
    screen.centre(lon_v, lat_v, at=(300, 330))
    mpp = window.canvas.view.metres_per_pixel

    # 1. A clinic, named in Swahili, through the preset picker and its form.
    start_session(qtbot, window, "add_place")
    clinic_at = screen.pixel(lon_v, lat_v, 150, 150)
    clicked = shapely.Point(window.canvas.to_map(clinic_at))
    click(qtbot, window, clinic_at)
    pick_preset(qtbot, window, "zahanati", "Clinic")
    type_into(qtbot, form.field_input("name").editor(), "Zahanati ya Kianda")
    form.field_input("operational_status").choose("operational")
    type_into(qtbot, form.field_input("capacity").editor(), "25")
    assert ("capacity", "25") in form.table_rows()  # the Tags tab follows the form
    clinic = save(qtbot, window)
    stored = row(kibera, "facilities", clinic)
    assert stored["preset"] == "facility/clinic"
    assert stored["name"] == "Zahanati ya Kianda"
    assert stored["tags"] == {"amenity": "clinic", "healthcare": "clinic", "capacity": "25",
                              "name": "Zahanati ya Kianda",
                              "operational_status": "operational"}
    assert stored["contributor"] == CONTRIBUTOR and stored["mapping_session"] == SESSION
    assert screen.metres(stored.geometry).distance(clicked) < 0.01

    # 2. A transport line of four clicks; the first snaps to the real road vertex.
    choose_tool(qtbot, window, "draw_line")
    for dx, dy in ((3, 2), (150, -60), (300, 0)):
        click(qtbot, window, screen.pixel(lon_v, lat_v, dx, dy))
    double_click(qtbot, window, screen.pixel(lon_v, lat_v, 420, 80))
    pick_preset(qtbot, window, "minibus", "Minibus line")
    type_into(qtbot, form.field_input("ref").editor(), "8")
    type_into(qtbot, form.field_input("name").editor(), "Olympic - Kianda")
    line = save(qtbot, window)
    stored_line = row(kibera, "transport_lines", line).geometry
    assert len(stored_line.coords) == 4
    assert stored_line.coords[0] == (lon_v, lat_v)  # exactly the road's own vertex
    assert "Minibus line" in toolbar.undo_action.text()

    # 3. "Follow the roads": two clicks, a line along the streets; then deleted (confirmed).
    edges = shapely.union_all(pyogrio.read_dataframe(kibera, layer="street_edges").geometry)
    qtbot.mouseClick(toolbar.widgetForAction(toolbar.follow_roads_action),
                     Qt.MouseButton.LeftButton)
    assert controller.follow_roads
    click(qtbot, window, screen.pixel(lon_v, lat_v, -20, -200))
    click(qtbot, window, screen.pixel(lon_v, lat_v, 200, 120))
    qtbot.keyClick(window.canvas, Qt.Key.Key_Return)
    pick_preset(qtbot, window, "boda", "Motorcycle taxi line")
    routed = save(qtbot, window)
    routed_line = row(kibera, "transport_lines", routed).geometry
    assert len(routed_line.coords) > 2
    assert screen.metres(edges).buffer(0.5).contains(screen.metres(routed_line))
    toolbar.follow_roads_action.trigger()
    choose_tool(qtbot, window, "delete")
    on_screen = [p for f in np.linspace(0.05, 0.95, 19)
                 if screen.shows(*(p := routed_line.interpolate(f, normalized=True)).coords[0])
                 and screen.metres(p).distance(screen.metres(stored_line)) > 20 * mpp]
    click(qtbot, window, screen.pixel(on_screen[0].x, on_screen[0].y))
    box = toolbar.tools["delete"].confirm_box
    assert box is not None and "Motorcycle taxi line" in box.text()
    assert routed in set(rows(kibera, "transport_lines")["uuid"])  # nothing before "Yes"
    qtbot.mouseClick(box.button(box.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert set(rows(kibera, "transport_lines")["uuid"]) == {line}

    # 4. Three stops along the line, clicked in order and named.
    choose_tool(qtbot, window, "add_stops")
    click(qtbot, window, screen.pixel(*stored_line.interpolate(0.7, normalized=True).coords[0]))
    names = ["Olympic", "Kianda", "Toi Market"]
    for fraction, name in zip((0.15, 0.5, 0.85), names, strict=True):
        spot = stored_line.interpolate(fraction, normalized=True)
        click(qtbot, window, screen.pixel(spot.x, spot.y, 2, 3))
        prompt = toolbar.tools["add_stops"].prompt
        assert prompt is not None and prompt.isVisible()
        qtbot.keyClicks(prompt.name, name)
        qtbot.keyClick(prompt.name, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: toolbar.tools["add_stops"].prompt is None, timeout=TIMEOUT)
    stops = rows(kibera, "transport_stops").sort_values("stop_sequence")
    assert list(stops["name"]) == names
    assert list(stops["stop_sequence"]) == [1, 2, 3]
    assert set(stops["line_uuid"]) == {line}

    # 5. A flood zone of four corners; severity is required, the depth has a range.
    choose_tool(qtbot, window, "draw_area")
    corners = [(-40, 40), (-40, 240), (-240, 240), (-240, 40)]
    alt = Qt.KeyboardModifier.AltModifier  # Alt: exactly where clicked, no snapping
    for dx, dy in corners[:-1]:
        click(qtbot, window, screen.pixel(lon_v, lat_v, dx, dy), alt)
    click(qtbot, window, screen.pixel(lon_v, lat_v, *corners[-1]), alt)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Return)
    pick_preset(qtbot, window, "flood", "Flood zone")
    assert not form.save_button.isEnabled()
    assert form.problem_labels["severity"].text() == "Severity is required."
    form.field_input("severity").choose("high")
    type_into(qtbot, form.field_input("flood:depth").editor(), "12")
    assert form.field_input("flood:depth").value() == "12"
    assert not form.save_button.isEnabled()  # 12 m is out of range: refused, in words
    depth_problem = form.problem_labels["flood:depth"]
    assert depth_problem.isVisible()
    assert "between 0 and 10 m" in depth_problem.text()
    type_into(qtbot, form.field_input("flood:depth").editor(), "1.5")
    assert not depth_problem.isVisible()
    zone = save(qtbot, window)
    stored_zone = row(kibera, "risk_zones", zone)
    assert stored_zone["tags"]["severity"] == "high"
    assert stored_zone["tags"]["flood:depth"] == "1.5"
    assert stored_zone["tags"]["hazard"] == "flooding"
    outline = stored_zone.geometry
    assert outline.geom_type == "MultiPolygon"
    ring = list(outline.geoms[0].exterior.coords)[:-1]
    assert len(ring) == 4
    assert screen.metres(outline).area == pytest.approx((200 * mpp) ** 2, rel=0.02)

    # 6. Edit shape: drag the first corner onto the road vertex; it snaps exactly there.
    choose_tool(qtbot, window, "edit_shape")
    assert controller.selection.uuid == zone
    corner = screen.pixel(lon_v, lat_v, *corners[0])
    qtbot.mousePress(window.canvas, Qt.MouseButton.LeftButton, pos=corner)
    qtbot.mouseMove(window.canvas, screen.pixel(lon_v, lat_v, -10, 10))
    qtbot.mouseMove(window.canvas, screen.pixel(lon_v, lat_v, 2, -3))
    qtbot.mouseRelease(window.canvas, Qt.MouseButton.LeftButton,
                       pos=screen.pixel(lon_v, lat_v, 2, -3))
    reshaped = row(kibera, "risk_zones", zone)
    assert (lon_v, lat_v) in list(reshaped.geometry.geoms[0].exterior.coords)
    assert reshaped["version"] == 2
    # Double-click a side: a corner is added there; right-click it: it is removed again.
    side = screen.pixel(lon_v, lat_v, -140, 240)
    double_click(qtbot, window, side)
    added = row(kibera, "risk_zones", zone).geometry.geoms[0].exterior
    assert len(added.coords) == 6 and added.distance(shapely.Point(
        window.edit_toolbar.controller.lonlat_at(side))) < 1e-9
    qtbot.mouseClick(window.canvas, Qt.MouseButton.RightButton, pos=side)
    removed = row(kibera, "risk_zones", zone)
    assert len(removed.geometry.geoms[0].exterior.coords) == 5 and removed["version"] == 4

    # 7. Move the clinic 40 pixels east.
    choose_tool(qtbot, window, "move")
    clinic_at = screen.pixel(*stored.geometry.coords[0])  # where it is on the map now
    qtbot.mousePress(window.canvas, Qt.MouseButton.LeftButton, pos=clinic_at)
    qtbot.mouseMove(window.canvas, clinic_at + QPoint(20, 0))
    qtbot.mouseRelease(window.canvas, Qt.MouseButton.LeftButton, pos=clinic_at + QPoint(40, 0))
    moved = row(kibera, "facilities", clinic)
    before = screen.metres(stored.geometry)
    after = screen.metres(moved.geometry)
    assert after.x - before.x == pytest.approx(40 * mpp, abs=0.05)
    assert after.y - before.y == pytest.approx(0, abs=0.05)
    assert moved["version"] == 2

    # 8. Split the line between its first and second stops.
    choose_tool(qtbot, window, "split")
    cut = stored_line.interpolate(0.3, normalized=True)
    click(qtbot, window, screen.pixel(cut.x, cut.y))

    def split_state() -> dict[str, list[tuple[str, int]]]:
        lines = rows(kibera, "transport_lines")
        stops = rows(kibera, "transport_stops")
        return {uuid: sorted((s["name"], s["stop_sequence"]) for _, s in
                             stops[stops["line_uuid"] == uuid].iterrows())
                for uuid in lines["uuid"]}

    after_split = split_state()
    assert len(after_split) == 2
    other = next(u for u in after_split if u != line)
    assert after_split[line] == [("Olympic", 1)]
    assert after_split[other] == [("Kianda", 1), ("Toi Market", 2)]

    # 9. Undo (Ctrl+Z) and redo (Ctrl+Shift+Z), with their descriptions in the menu.
    assert toolbar.undo_action.text().startswith("Undo Split Minibus line")
    with qtbot.waitActive(window):  # shortcuts go to the active window
        window.activateWindow()
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert split_state() == {line: [("Kianda", 2), ("Olympic", 1), ("Toi Market", 3)]}
    assert toolbar.redo_action.text().startswith("Redo Split Minibus line")
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert split_state() == after_split

    # 10. Merge lines: click the two parts; they are one line again, stops renumbered.
    choose_tool(qtbot, window, "merge")
    for fraction in (0.1, 0.6):
        spot = stored_line.interpolate(fraction, normalized=True)
        click(qtbot, window, screen.pixel(spot.x, spot.y))
    assert split_state() == {line: [("Kianda", 2), ("Olympic", 1), ("Toi Market", 3)]}
    merged = row(kibera, "transport_lines", line).geometry
    assert len(merged.coords) == 5  # the cut stays a vertex, on the line as it was
    assert screen.metres(merged).hausdorff_distance(screen.metres(stored_line)) < 0.01

    # 11. Tag a real Kibera building as a school: it keeps its OpenStreetMap id and version.
    buildings = pyogrio.read_dataframe(kibera, layer="buildings")
    building = buildings[buildings["name"].isna() & buildings["amenity"].isna()].iloc[0]
    inside = building.geometry.representative_point()
    choose_tool(qtbot, window, "tag_existing")
    screen.centre(inside.x, inside.y, 0.3)
    click(qtbot, window, screen.pixel(inside.x, inside.y))
    pick_preset(qtbot, window, "shule", "School")
    type_into(qtbot, form.field_input("name").editor(), "Shule ya Msingi Kianda")
    school = save(qtbot, window)
    tagged = row(kibera, "facilities", school)
    assert (tagged["osm_type"], tagged["osm_id"], tagged["osm_version"]) == (
        building["osm_type"], building["osm_id"], building["osm_version"])
    assert tagged["preset"] == "facility/school"
    assert tagged["tags"]["amenity"] == "school" and tagged["tags"]["building"] == "yes"
    assert building.geometry.contains(tagged.geometry)

    # 12. Mark it verified; "What is here?" tells its story.
    review = toolbar.widgetForAction(toolbar.review_toggle)
    assert review.isEnabled() and not review.isChecked()
    qtbot.mouseClick(review, Qt.MouseButton.LeftButton)
    assert review.isChecked()
    assert row(kibera, "facilities", school)["review_status"] == "verified"
    window.set_tool(window.canvas.tool.IDENTIFY)
    assert window.canvas.map_tool is None
    window.canvas.identify_at(screen.pixel(*tagged.geometry.coords[0]))
    lines = window.identify_panel.lines()
    assert "Shule ya Msingi Kianda (Facilities)" in lines
    for expected in ("Type: School", f"Mapped by: {CONTRIBUTOR}", f"Mapping session: {SESSION}",
                     "Review: Verified", "Version: 2", "History: 2 changes",
                     f"OpenStreetMap: way {building['osm_id']} v{building['osm_version']}"):
        assert expected in lines, lines
    assert any(text.startswith("  v2: Marked verified — ") for text in lines), lines
    toolbar.draft_action.trigger()  # the Edit menu's "Mark draft"
    assert not review.isChecked()
    assert row(kibera, "facilities", school)["review_status"] == "draft"
    qtbot.waitUntil(lambda: "Review: Draft" in window.identify_panel.lines(), timeout=TIMEOUT)

    # 13. The name is asked once: the next session start remembers it, and offers this session.
    toolbar.end_session_action.trigger()
    assert controller.session is None
    qtbot.mouseClick(toolbar.widgetForAction(toolbar.tool_actions["move"]),
                     Qt.MouseButton.LeftButton)
    dialog = toolbar.session_dialog
    assert dialog.contributor.text() == CONTRIBUTOR
    assert SESSION in [dialog.session.itemText(i) for i in range(dialog.session.count())]
    dialog.reject()


# -- refusals -----------------------------------------------------------------------------------


def test_a_crossed_outline_is_refused_or_repaired_in_plain_words(qtbot, window, kibera: Path,
                                                                  road_vertex):
    open_project(qtbot, window, kibera)
    screen = Screen(window, kibera)
    toolbar, form = window.edit_toolbar, window.edit_toolbar.editor.form
    lon_v, lat_v = road_vertex
    screen.centre(lon_v, lat_v, at=(500, 330))
    start_session(qtbot, window, "draw_area")
    alt = Qt.KeyboardModifier.AltModifier
    # A bow tie: its two halves cancel out, no repair keeps the zone the person meant.
    for dx, dy in ((-250, -150), (-50, 50), (-50, -150), (-250, 50)):
        click(qtbot, window, screen.pixel(lon_v, lat_v, dx, dy), alt)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Return)
    pick_preset(qtbot, window, "landslide", "Landslide zone")
    form.field_input("severity").choose("medium")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.error.isVisible()
    assert form.error.text().startswith("The outline crosses itself")
    assert form.error.text().endswith("Redraw it so that its sides do not cross.")
    assert window.last_error is None  # said beside Save, not in a box over the map
    assert toolbar.controller.pending is not None  # still there to be redrawn or cancelled
    assert len(rows(kibera, "risk_zones")) == 0
    qtbot.mouseClick(form.cancel_button, Qt.MouseButton.LeftButton)
    assert toolbar.controller.pending is None and not toolbar.editor.is_busy()
    # A corner clicked a little past its neighbours: repaired, and the status bar says so.
    outline = [(-250, -150), (-130, -150), (-150, -146), (-170, -150), (-50, -150), (-50, 50),
               (-250, 50)]
    for dx, dy in outline:
        click(qtbot, window, screen.pixel(lon_v, lat_v, dx, dy), alt)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Return)
    pick_preset(qtbot, window, "landslide", "Landslide zone")
    form.field_input("severity").choose("medium")
    zone = save(qtbot, window)
    assert window.status.currentMessage().startswith(
        "Saved. The outline crossed itself (self-intersection); it was repaired, changing its "
        "area by")
    stored = row(kibera, "risk_zones", zone).geometry
    assert stored.is_valid
    mpp = window.canvas.view.metres_per_pixel
    assert screen.metres(stored).area == pytest.approx((200 * mpp) ** 2, rel=0.05)


def test_the_tags_tab_and_the_form_stay_in_step(qtbot, window, kibera: Path, road_vertex):
    open_project(qtbot, window, kibera)
    screen = Screen(window, kibera)
    form = window.edit_toolbar.editor.form
    screen.centre(*road_vertex)
    start_session(qtbot, window, "add_place")
    click(qtbot, window, screen.pixel(*road_vertex, 100, 100))
    pick_preset(qtbot, window, "water", "Water point")
    form.tabs.setCurrentIndex(1)
    # An expert types a tag in the table: the form shows it, and checks it.
    qtbot.mouseClick(form.add_tag_button, Qt.MouseButton.LeftButton)
    last = form.table.rowCount() - 1
    form.table.item(last, 0).setText("fee")
    form.table.item(last, 1).setText("maybe")
    fee = form.field_input("fee")
    assert not (fee.yes.isChecked() or fee.no.isChecked() or fee.unknown.isChecked())
    assert "must be yes or no" in form.problem_labels["fee"].text()
    assert not form.save_button.isEnabled()
    form.table.item(last, 1).setText("yes")
    assert form.field_input("fee").value() == "yes"
    assert form.save_button.isEnabled()
    # And the other way round: the form writes the table.
    form.tabs.setCurrentIndex(0)
    form.field_input("drinking_water").no.click()
    assert ("drinking_water", "no") in form.table_rows()
    uuid = save(qtbot, window)
    assert row(kibera, "facilities", uuid)["tags"] == {"amenity": "water_point", "fee": "yes",
                                                       "drinking_water": "no"}
    # Details: the form of the saved feature, filled with what it has.
    toolbar = window.edit_toolbar
    qtbot.mouseClick(toolbar.widgetForAction(toolbar.details_action), Qt.MouseButton.LeftButton)
    assert form.field_input("fee").yes.isChecked()
    type_into(qtbot, form.field_input("name").editor(), "Maji Safi Kiosk")
    assert save(qtbot, window) == uuid
    changed = row(kibera, "facilities", uuid)
    assert changed["name"] == "Maji Safi Kiosk" and changed["version"] == 2


# -- languages ---------------------------------------------------------------------------------


def test_french_interface_shows_french_preset_names(qtbot, tmp_path: Path, monkeypatch,
                                                    kibera: Path, road_vertex):
    main, translations = make_window(qtbot, tmp_path, monkeypatch, language="fr")
    try:
        open_project(qtbot, main, kibera)
        toolbar = main.edit_toolbar
        assert toolbar.menu.title() == "É&dition"
        assert toolbar.tool_actions["add_place"].text() == "Ajouter un lieu"
        screen = Screen(main, kibera)
        screen.centre(*road_vertex)
        start_session(qtbot, main, "add_place")
        click(qtbot, main, screen.pixel(*road_vertex, 80, 80))
        picker = toolbar.editor.picker
        assert {"Clinique", "École", "Point d’eau", "Hôpital"} <= set(picker.names())
        assert toolbar.editor.heading.text() == "Nouveau lieu : qu’est-ce que c’est ?"
        pick_preset(qtbot, main, "ecole", "École")
        form = toolbar.editor.form
        assert form.question_labels["name"].text() == "Nom"
        assert form.save_button.text() == "Enregistrer"
        assert form.tabs.tabText(1) == "Étiquettes"
        assert form.field_input("condition").combo.itemText(1) == "Bon"
        uuid = save(qtbot, main)
        assert toolbar.undo_action.text() == "Annuler Ajouter École"
        assert row(kibera, "facilities", uuid)["preset"] == "facility/school"
    finally:
        close(main, translations)


# -- a session killed in the middle ------------------------------------------------------------


#: The child: the app, offscreen, mapping through the GUI controller and the form as fast as
#: it can, printing "layer uuid" once each edit is saved.
CHILD = r"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QUARTIER_SETTINGS_DIR"] = sys.argv[2]
from PySide6.QtCore import QEventLoop, QTimer
from shapely.geometry import LineString, Point
from desktop.app import application, make_window
from desktop.i18n import Translations

app = application()
translations = Translations()
translations.install("en")
window = make_window(translations)
window.resize(1200, 800)
window.show()
window.open_project(sys.argv[1])
while window.project is None:
    loop = QEventLoop(); QTimer.singleShot(20, loop.quit); loop.exec()
toolbar = window.edit_toolbar
controller, editor = toolbar.controller, toolbar.editor
controller.start_session("Crash Tester", "crash-session")
west, south, east, north = window.project.metadata.area_of_interest
step = {"i": 0, "line": None}

def describe(preset, answers):
    editor.picker.choose(preset)
    for key, value in answers.items():
        field = editor.form.field_input(key)
        field.set_value(value)
        field.edited.emit()
    editor.form.save_button.click()
    assert controller.pending is None, editor.form.error.text()
    return controller.selection

def one_edit():
    i = step["i"]
    x, y = west + (east - west) * (0.3 + (i % 50) * 0.005), south + (north - south) * 0.5
    kind = i % 4
    if kind == 0:
        controller.begin_new("facilities", Point(x, y))
        saved = describe("facility/school", {"name": f"Shule {i}", "capacity": str(i)})
    elif kind == 1:
        controller.begin_new("transport_lines", LineString([(x, y), (x + 0.002, y + 0.001)]))
        saved = describe("transport_line/minibus", {"ref": str(i)})
        step["line"] = saved.uuid
    elif kind == 2:
        uuid = controller.add_stop(step["line"], x + 0.001, y + 0.0005, f"Stage {i}",
                                   "transport_stop/stop")
        print("transport_stops", uuid, flush=True)
        step["i"] += 1
        QTimer.singleShot(0, one_edit)
        return
    else:
        controller.begin_new("risk_zones", Point(x, y).buffer(0.0004))
        saved = describe("risk_zone/flood", {"severity": "medium"})
    print(saved.layer, saved.uuid, flush=True)
    step["i"] += 1
    QTimer.singleShot(0, one_edit)

QTimer.singleShot(0, one_edit)
app.exec()
"""


def test_killed_mid_session_keeps_every_saved_edit(kibera: Path, tmp_path: Path):
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(kibera), str(tmp_path / "set")],
                             cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(REPO)})
    lines: list[str] = []
    deadline = time.monotonic() + 40
    try:
        while len(lines) < 24 and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            lines.append(line.strip())
    finally:
        os.kill(child.pid, signal.SIGKILL)
        rest, errors = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, errors
    lines += [line for line in rest.splitlines() if line.strip()]
    saved = [line.split() for line in lines]
    assert len(saved) >= 24, errors
    connection = sqlite3.connect(kibera)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for layer, uuid in saved:
            found = connection.execute(f'SELECT contributor, mapping_session FROM "{layer}" '
                                       "WHERE uuid = ?", (uuid,)).fetchone()
            assert found == ("Crash Tester", "crash-session"), (layer, uuid)
    finally:
        connection.close()


def test_mapping_goes_on_after_a_layer_is_added(qtbot, window, kibera: Path, data_dir: Path):
    """Adding a reference layer mid-session replaces the project file; the session's next
    edits are saved into the new file, which holds the new layer too."""
    from desktop.dialogs.hazard_dialog import ImportRequest

    open_project(qtbot, window, kibera)
    start_session(qtbot, window)
    session = window.edit_toolbar.controller.session
    session.add_feature("facilities", shapely.Point(36.7891, -1.3102), "facility/clinic",
                        {"amenity": "clinic", "name": "Zahanati ya Kianda"})
    request = ImportRequest(path=data_dir / "kibera" / "villages.shp", name="villages",
                            title="Villages")
    with qtbot.waitSignal(window.import_flow.imported, timeout=TIMEOUT):
        window.import_flow.start(request)
    assert window.last_error is None, window.last_error
    session.add_feature("facilities", shapely.Point(36.7880, -1.3095), "facility/school",
                        {"amenity": "school", "name": "Shule ya Kianda"})
    names = pyogrio.read_dataframe(kibera, layer="facilities")["name"]
    assert sorted(names) == ["Shule ya Kianda", "Zahanati ya Kianda"]
    assert "villages" in {name for name, _type in pyogrio.list_layers(kibera)}
