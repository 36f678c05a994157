"""File → Import field data… in the window: preview, mapping, confirmed stops, refusals.

Runs offscreen with pytest-qt on a copy of the real Kibera project. Files are made here
in the shapes ODK Central and OsmAnd export; what was saved is read back from the
project with pyogrio and sqlite3, and positions compared with what the test wrote.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
from pathlib import Path

import pyogrio
import pytest
from PySide6.QtCore import Qt

from tests.test_field_import import CLINIC, GEOD, SCHOOL, _gpx, _track
from tests.test_window_session import (  # noqa: F401 (fixtures)
    close,
    make_window,
    open_and_draw,
    own_folders,
)

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("own_folders")]


@pytest.fixture
def kibera(kibera_project: Path, tmp_path: Path) -> Path:
    """A fresh copy of the real Kibera project."""
    target = tmp_path / "work" / "kibera.gpkg"
    target.parent.mkdir()
    shutil.copy(kibera_project, target)
    return target


@pytest.fixture
def opened(qtbot, kibera: Path):
    main, translations = make_window(qtbot)
    assert not main.field_import_flow.action.isEnabled(), "no project open yet"
    open_and_draw(qtbot, main, kibera)
    yield main
    if main.field_import_flow.dialog is not None:
        main.field_import_flow.dialog.close()
    close(main, translations)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cell(table, row: int, column: int) -> str:
    return table.item(row, column).text()


def test_an_odk_export_is_previewed_mapped_and_imported_in_the_session(
        qtbot, opened, kibera: Path, tmp_path: Path):
    odk = tmp_path / "health_survey.csv"
    odk.write_text(
        "SubmissionDate,facility-facility_name,facility-facility_type,location,"
        "facility-opening_hours,meta-instanceID,KEY\n"
        f"2026-12-01T08:10:00.000Z,Zahanati ya Kianda,clinic,{CLINIC[1]} {CLINIC[0]} 1701.3 "
        "4.8,Mo-Fr 08:00-17:00,uuid:1,uuid:1\n"
        f"2026-12-01T09:00:00.000Z,Olympic Primary,school,{SCHOOL[1]} {SCHOOL[0]} 1690 5,,"
        "uuid:2,uuid:2\n"
        "2026-12-01T09:30:00.000Z,No fix here,clinic,,,uuid:3,uuid:3\n", encoding="utf-8")
    window = opened
    flow = window.field_import_flow
    assert flow.action.isEnabled()
    menu = [a.text() for a in window.file_menu.actions()]
    assert menu.index(flow.action.text()) < menu.index(window.show_folder_action.text())
    session = window.edit_toolbar.controller.start_session("Amina", "Field day")
    assert session is not None

    dialog = flow.open()
    dialog.set_file(odk, "facilities")
    table = dialog.rows_table
    assert table.rowCount() == 3
    assert [_cell(table, r, 0) for r in range(3)] == ["line 2", "line 3", "line 4"]
    assert _cell(table, 0, 1) == f"{CLINIC[1]:.6f}, {CLINIC[0]:.6f}"
    assert _cell(table, 1, 1) == f"{SCHOOL[1]:.6f}, {SCHOOL[0]:.6f}"
    assert "opening_hours=Mo-Fr 08:00-17:00" in _cell(table, 0, 3)
    assert "no location" in _cell(table, 2, 3) and "line 4" in dialog.refused_label.text()
    mapping = {_cell(dialog.mapping_table, r, 0): _cell(dialog.mapping_table, r, 1)
               for r in range(dialog.mapping_table.rowCount())}
    # As the command line maps them: a preset's key by itself, a form's own name not.
    assert mapping["facility-opening_hours"] == "opening_hours"
    assert mapping["facility-facility_name"] == ""
    if os.environ.get("QUARTIER_SCREENSHOT"):
        dialog.grab().save(os.environ["QUARTIER_SCREENSHOT"])

    dialog.set_mapping("facility-facility_name", "name")
    assert "name=Zahanati ya Kianda" in _cell(dialog.rows_table, 0, 3)
    with qtbot.waitSignal(dialog.imported, timeout=10000):
        dialog.import_button.click()
    report = dialog.report
    assert len(report.imported) == 2
    assert window.status.currentMessage() == (
        "Imported 2 features from health_survey.csv as drafts; refused: 1.")

    stored = pyogrio.read_dataframe(kibera, layer="facilities")
    mine = stored[stored["tags"].map(lambda t: json.loads(t).get("source") == odk.name)]
    assert len(mine) == 2
    names = {json.loads(t)["name"]: g for t, g in zip(mine["tags"], mine.geometry, strict=True)}
    assert (names["Zahanati ya Kianda"].x, names["Zahanati ya Kianda"].y) == pytest.approx(
        CLINIC, abs=1e-9)
    assert set(names) == {"Zahanati ya Kianda", "Olympic Primary"}
    assert set(mine["review_status"]) == {"draft"}
    assert set(mine["contributor"]) == {"Amina"}
    assert set(mine["mapping_session"]) == {session.mapping_session}
    with sqlite3.connect(kibera) as connection:
        edits = connection.execute(
            "SELECT DISTINCT edit_id FROM quartier_edit_history WHERE uuid IN (?, ?)",
            list(mine["uuid"])).fetchall()
    assert len(edits) == 1, "one edit: one Undo removes the import"
    assert window.edit_toolbar.controller.undo()
    after_undo = pyogrio.read_dataframe(kibera, layer="facilities")
    assert not set(mine["uuid"]) & set(after_undo["uuid"])


def test_only_the_confirmed_stops_of_a_track_are_saved(qtbot, opened, kibera: Path,
                                                      tmp_path: Path):
    stand = [(36.7830, -1.3110), (36.7880, -1.3125)]
    body, points = _track(stand, (36.7800, -1.3100))
    gpx = tmp_path / "matatu_8.gpx"
    gpx.write_text(_gpx(body), encoding="utf-8")
    dialog = opened.field_import_flow.open()
    dialog.contributor_edit.setText("Otieno")
    dialog.set_file(gpx, "transport_lines")
    dialog.preset_box.setCurrentIndex(dialog.preset_box.findData("transport_line/minibus"))
    assert dialog.rows_table.rowCount() == 1
    start = points[0]
    assert _cell(dialog.rows_table, 0, 1) == (
        f"{len(points)} points from {start[1]:.6f}, {start[0]:.6f}")
    assert dialog.stops_list.count() == 2 and dialog.stops_group.isVisibleTo(dialog)
    dialog.stops_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    drawn = opened.renderer.layer_data("transport_lines")
    drawn_before = 0 if drawn is None else len(drawn.fids)
    with qtbot.waitSignal(dialog.imported, timeout=10000):
        dialog.import_button.click()

    line_uuid = dialog.report.imported[0]
    lines = pyogrio.read_dataframe(kibera, layer="transport_lines").set_index("uuid")
    assert len(lines.loc[line_uuid].geometry.coords) == len(points)
    assert lines.loc[line_uuid, "contributor"] == "Otieno"
    stops = pyogrio.read_dataframe(kibera, layer="transport_stops")
    mine = stops[stops["line_uuid"] == line_uuid]
    assert len(mine) == 1
    stop = mine.geometry.iloc[0]
    assert GEOD.inv(stop.x, stop.y, *stand[1])[2] < 25
    assert GEOD.inv(stop.x, stop.y, *stand[0])[2] > 100
    # No mapping session was open: the flow redrew the lines itself.
    assert len(opened.renderer.layer_data("transport_lines").fids) == len(lines) == (
        drawn_before + 1)


def test_the_entry_and_the_dialog_speak_french(qtbot, kibera: Path):
    main, translations = make_window(qtbot, "fr")
    try:
        open_and_draw(qtbot, main, kibera)
        assert main.field_import_flow.action.text() == "Importer des données de terrain…"
        dialog = main.field_import_flow.open()
        assert dialog.windowTitle() == "Importer des données de terrain"
        assert dialog.import_button.text() == "Importer"
        dialog.close()
    finally:
        close(main, translations)


def test_a_file_with_swapped_coordinates_is_refused_in_one_sentence(qtbot, opened,
                                                                   kibera: Path,
                                                                   tmp_path: Path):
    swapped = tmp_path / "reports.csv"
    swapped.write_text("lat,lon,category,name\n"
                       f"{CLINIC[0]},{CLINIC[1]},clinic,A\n{SCHOOL[0]},{SCHOOL[1]},school,B\n",
                       encoding="utf-8")
    before = _digest(kibera)
    dialog = opened.field_import_flow.open()
    dialog.contributor_edit.setText("Otieno")
    dialog.set_file(swapped, "facilities")
    text = dialog.message.text()
    assert "swapped" in text and text.count(". ") <= 2 and "Traceback" not in text
    assert not dialog.import_button.isEnabled()
    assert dialog.run_import() is False
    assert _digest(kibera) == before


def test_a_report_sheet_naming_places_is_placed_once(qtbot, opened, kibera: Path,
                                                     tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch):
    import mapping.field_import as field_import

    searches: list[set[str]] = []
    find_places = field_import._find_places

    def counted(project_path, names):
        searches.append(set(names))
        return find_places(project_path, names)

    monkeypatch.setattr(field_import, "_find_places", counted)
    reports = tmp_path / "sms_places.csv"
    reports.write_text("time,place,category,text,severity,sender\n"
                       "2026-11-28 06:40,Olympic Stage,flood,Road under water,medium,0722\n"
                       "2026-11-28 07:10,Nowhere Plaza,flood,Water rising,low,0733\n")
    dialog = opened.field_import_flow.open()
    dialog.contributor_edit.setText("Ushahidi desk")
    dialog.set_file(reports, "risk_zones")
    table = dialog.rows_table
    pois = pyogrio.read_dataframe(kibera, layer="pois", where="name = 'Olympic Stage'")
    lat, lon = map(float, _cell(table, 0, 1).split(", "))
    assert min(GEOD.inv(lon, lat, g.centroid.x, g.centroid.y)[2] for g in pois.geometry) < 5
    assert "Nowhere Plaza" in _cell(table, 1, 3)
    dialog.set_mapping("sender", "contact:phone")
    assert "contact:phone=0722" in _cell(table, 0, 3)
    with qtbot.waitSignal(dialog.imported, timeout=10000):
        dialog.import_button.click()
    assert searches == [{"Olympic Stage", "Nowhere Plaza"}], "searched once, not per preview"
    zones = pyogrio.read_dataframe(kibera, layer="risk_zones").set_index("uuid")
    zone = zones.loc[dialog.report.imported[0]]
    assert json.loads(zone["tags"])["contact:phone"] == "0722"
    assert [r.where for r in dialog.report.refused] == ["line 3"]
