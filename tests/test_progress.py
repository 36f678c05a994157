"""Campaign indicators (``quartier progress``) against an independent read of the project.

A copy of the Kibera project is mapped over three days by three people in three
mapping sessions through the editing model (facilities, a transport line with stops,
a risk zone; one facility deleted, some verified by the facilitator), the history's
times moved to three different days. Two wards (the west and east halves of the
project) are added as an area layer. Every figure of ``--json`` is compared with what
plain SQLite (the feature tables and the history table) and shapely give.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import LineString, Point, Polygon, box

from mapping.editing import EditSession
from mapping.hazard_store import add_reference_layer
from mapping.project import Project

QUARTIER = str(Path(sys.executable).with_name("quartier"))
LAYERS = ("facilities", "transport_lines", "transport_stops", "risk_zones")
DAYS = ("2026-11-30", "2026-12-01", "2026-12-02")


def run(*args: object) -> subprocess.CompletedProcess:
    done = subprocess.run([QUARTIER, *map(str, args)], capture_output=True, text=True)
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.fixture(scope="module")
def campaign(kibera_project: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("progress")
    path = folder / "kibera.gpkg"
    path.write_bytes(kibera_project.read_bytes())
    project = Project(path)
    west, south, east, north = project.metadata.area_of_interest
    middle = (west + east) / 2
    wards = gpd.GeoDataFrame({"name": ["Laini Saba", "Makina"]},
                             geometry=[box(west, south, middle, north),
                                       box(middle, south, east, north)], crs=4326)
    wards_file = folder / "wards.geojson"
    wards.to_file(wards_file)
    add_reference_layer(project, wards_file, "wards", title="Wards")
    y = (south + north) / 2
    w = lambda f: west + f * (east - west)  # noqa: E731
    with EditSession(path, contributor="Achieng", mapping_session="Laini Saba walk") as edit:
        clinic = edit.add_feature("facilities", Point(w(0.2), y), "facility/clinic",
                                  {"name": "Zahanati ya Kianda"})
        edit.add_feature("facilities", Point(w(0.3), y), "facility/water_point",
                         {"name": "Kiosk 1"})
        gone = edit.add_feature("facilities", Point(w(0.35), y), "facility/toilets",
                                {"name": "Toilet block"})
        edit.delete("facilities", gone)
    with EditSession(path, contributor="Baraka", mapping_session="Makina walk") as edit:
        edit.add_feature("facilities", Point(w(0.7), y), "facility/school",
                         {"name": "Olympic primary"})
        edit.add_feature("risk_zones", Polygon([(w(0.6), y), (w(0.65), y),
                                                (w(0.65), y + 0.002), (w(0.6), y + 0.002)]),
                         "risk_zone/flood", {"name": "Low ground", "severity": "high"})
        line = edit.add_feature("transport_lines", LineString([(w(0.1), y), (w(0.9), y)]),
                                "transport_line/minibus", {"name": "Route 8", "ref": "8"})
    with EditSession(path, contributor="Wanjiru", mapping_session="Facilitator check") as edit:
        edit.update_tags("facilities", clinic, {"name": "Zahanati ya Kianda",
                                                "opening_hours": "Mo-Fr 08:00-17:00"})
        edit.set_review_status("facilities", clinic, "verified")
        edit.set_review_status("transport_lines", line, "verified")
    # Spread the history over three days: each session on its own day.
    with sqlite3.connect(path) as connection:
        sessions = ("Laini Saba walk", "Makina walk", "Facilitator check")
        for day, session in zip(DAYS, sessions, strict=True):
            connection.execute("UPDATE quartier_edit_history SET at = ? || substr(at, 11) "
                               "WHERE mapping_session = ?", (day, session))
    return {"path": path, "wards": wards, "folder": folder}


def read(path: Path, query: str, parameters=()) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute(query, parameters).fetchall()


def test_totals_match_the_feature_tables(campaign: dict) -> None:
    done = run("progress", campaign["path"], "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    for layer in LAYERS:
        (mapped,), = read(campaign["path"], f'SELECT count(*) FROM "{layer}"')
        (verified,), = read(campaign["path"], f"SELECT count(*) FROM \"{layer}\" WHERE "
                            "review_status = 'verified'")
        assert answer["layers"][layer] == {"mapped": mapped, "verified": verified}, layer
    assert answer["layers"]["facilities"] == {"mapped": 3, "verified": 1}  # one deleted


def test_contributors_sessions_and_days_match_the_history(campaign: dict) -> None:
    answer = json.loads(run("progress", campaign["path"], "--json").stdout)
    history = read(campaign["path"], "SELECT layer, uuid, contributor, mapping_session, "
                   "substr(at, 1, 10), action, attributes FROM quartier_edit_history ORDER BY id")
    alive = {(layer, uuid) for layer in LAYERS
             for (uuid,) in read(campaign["path"], f'SELECT uuid FROM "{layer}"')}
    first: dict = {}
    for layer, uuid, who, session, day, _action, _attributes in history:
        first.setdefault((layer, uuid), (who, session, day))
    mapped_by = Counter(first[key][0] for key in alive)
    edits_by = Counter(row[2] for row in history)
    verified_by = Counter(row[2] for row in history if row[5] == "review"
                          and json.loads(row[6]).get("review_status") == "verified")
    for who, values in answer["by_contributor"].items():
        assert sum(values["mapped"].values()) == mapped_by[who], who
        assert values["edits"] == edits_by[who] and values["verified"] == verified_by[who]
    assert set(answer["by_contributor"]) == set(edits_by)
    names = dict(read(campaign["path"], "SELECT id, name FROM quartier_mapping_sessions"))
    mapped_in = Counter(names[first[key][1]] for key in alive)
    assert {n: sum(v["mapped"].values()) for n, v in answer["by_session"].items()} == \
        {n: mapped_in[n] for n in answer["by_session"]}
    assert answer["by_session"]["Laini Saba walk"]["contributors"] == 1
    # Day by day: features on the map now, by the day they were created.
    added_on = Counter(first[key][2] for key in alive)
    assert [row["date"] for row in answer["over_time"]] == list(DAYS)
    total = 0
    for row in answer["over_time"]:
        total += added_on[row["date"]]
        assert row["added"] == added_on[row["date"]]
        assert row["mapped_total"] == total
        assert row["edits"] == sum(1 for r in history if r[4] == row["date"])
    assert total == sum(answer["layers"][layer]["mapped"] for layer in LAYERS)
    assert answer["over_time"][-1]["verified_total"] == 2


def test_areas_match_shapely(campaign: dict) -> None:
    done = run("progress", campaign["path"], "--by", "wards", "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    wards = campaign["wards"]
    expected = {name: Counter() for name in wards["name"]}
    outside = 0
    for layer in LAYERS:
        frame = gpd.read_file(campaign["path"], layer=layer)
        for geometry in frame.geometry:
            point = shapely.point_on_surface(geometry)
            inside = [n for n, g in zip(wards["name"], wards.geometry, strict=True)
                      if g.intersects(point)]
            if inside:
                expected[inside[0]][layer] += 1
            else:
                outside += 1
    for name, counts in expected.items():
        assert {layer: answer["by_area"][name][layer]["mapped"] for layer in LAYERS} == \
            {layer: counts[layer] for layer in LAYERS}, name
    assert answer["outside_areas"] == outside
    assert answer["by_area"]["Laini Saba"]["facilities"]["mapped"] == 2


def test_report_and_plain_words(campaign: dict) -> None:
    out = campaign["folder"] / "progress.pdf"
    done = run("progress", campaign["path"], "--by", "wards", "--to", out)
    assert done.returncode == 0, done.stderr
    assert "Facilities" in done.stdout and "Laini Saba" in done.stdout
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Mapping progress" in text and "Makina walk" in text and "Wanjiru" in text
    bad = run("progress", campaign["path"], "--by", "nowhere")
    assert bad.returncode == 2 and bad.stderr.startswith("quartier: ")
    assert len(bad.stderr.strip().splitlines()) == 1
    bad = run("progress", campaign["folder"] / "missing.gpkg")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


@pytest.mark.gui
def test_the_progress_panel_shows_the_same_figures(qtbot, campaign: dict, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Analysis → Mapping progress: the panel's page holds the figures ``--json`` gives,
    broken down by the wards when chosen, and writes the report."""
    from tests.test_window_session import close, make_window, open_and_draw

    monkeypatch.setenv("QUARTIER_SETTINGS_DIR", str(tmp_path / "settings"))
    monkeypatch.setenv("QUARTIER_PROJECTS_DIR", str(tmp_path / "Quartier"))
    answer = json.loads(run("progress", campaign["path"], "--by", "wards", "--json").stdout)
    main, translations = make_window(qtbot)
    try:
        open_and_draw(qtbot, main, campaign["path"])
        flow = main.progress_flow
        assert flow.action in main.analysis_flow.menu.actions()
        flow.action.trigger()
        assert flow.dock.isVisible()
        page = flow.panel.view.toPlainText()
        assert "Wanjiru" in page and "Laini Saba walk" in page and "By area" not in page
        assert flow.progress.to_json()["layers"] == answer["layers"]
        # The chart: a pair of bars per day, the tallest as high as the last total.
        chart = flow.panel.chart
        assert chart.days == [(row["date"], row["mapped_total"], row["verified_total"])
                              for row in answer["over_time"]]
        chart.resize(420, 160)
        image = chart.grab().toImage()
        image.save(str(tmp_path / "chart.png"))
        blue = {(x, y) for x in range(image.width()) for y in range(image.height())
                if image.pixelColor(x, y).name() == chart.MAPPED.name()}
        green = {(x, y) for x in range(image.width()) for y in range(image.height())
                 if image.pixelColor(x, y).name() == chart.VERIFIED.name()}
        assert len({x for x, _ in blue}) > 3 * 2  # three days of mapped bars
        assert green and len(green) < len(blue)  # fewer verified than mapped
        box = flow.panel.area_box
        box.setCurrentIndex(box.findData("wards"))
        flow.refresh()
        assert flow.progress.to_json()["by_area"] == answer["by_area"]
        assert "By area" in flow.panel.view.toPlainText()
        written = flow.write_report(tmp_path / "progress.html")
        assert written is not None and "Makina" in written.read_text(encoding="utf-8")
    finally:
        close(main, translations)
