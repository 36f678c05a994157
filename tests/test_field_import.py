"""``quartier import``: field data from ODK Central, KoboToolbox, GPX and citizen reports.

Files are made here in the shapes the tools export; every check reads the project
back independently (pyogrio and sqlite3), and positions are compared with what the
test wrote, distances with pyproj's geodesic, not with Quartier's own numbers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pyogrio
import pytest
from pyproj import Geod

from desktop.cli import main

GEOD = Geod(ellps="WGS84")
# Places inside the Kibera extract (longitude, latitude).
CLINIC = (36.7872, -1.3118)
SCHOOL = (36.7901, -1.3135)
WATER = (36.7845, -1.3102)


@pytest.fixture()
def project(kibera_project: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "kibera.gpkg"
    shutil.copy(kibera_project, copy)
    return copy


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _features(project: Path, layer: str):
    return pyogrio.read_dataframe(project, layer=layer)


def test_odk_central_csv_becomes_draft_facilities(project, tmp_path, capsys):
    odk = tmp_path / "health_survey.csv"
    odk.write_text(
        "SubmissionDate,start,end,facility-facility_name,facility-facility_type,location,"
        "facility-opening_hours,SubmitterName,meta-instanceID,KEY\n"
        f"2026-12-01T08:10:00.000Z,x,y,Zahanati ya Kianda,clinic,{CLINIC[1]} {CLINIC[0]} "
        "1701.3 4.8,Mo-Fr 08:00-17:00,Wanjiru,uuid:1,uuid:1\n"
        f"2026-12-01T09:00:00.000Z,x,y,Olympic Primary,school,{SCHOOL[1]} {SCHOOL[0]} 1690 "
        "5,,Wanjiru,uuid:2,uuid:2\n"
        "2026-12-01T09:30:00.000Z,x,y,No fix here,clinic,,,Wanjiru,uuid:3,uuid:3\n"
        f"2026-12-01T10:00:00.000Z,x,y,Rocket base,spaceship,{WATER[1]} {WATER[0]} 0 0,,"
        "Wanjiru,uuid:4,uuid:4\n",
        encoding="utf-8")
    code, out, err = _run(capsys, "import", str(project), str(odk), "--layer", "facilities",
                          "--map", "facility_name=name", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["imported"] == 2
    assert sorted(r["where"] for r in report["refused"]) == ["line 4", "line 5"]
    assert "no location" in next(r for r in report["refused"] if r["where"] == "line 4")["reason"]

    stored = _features(project, "facilities")
    mine = stored[stored["uuid"].isin(report["uuids"])]
    assert len(mine) == 2
    by_name = {json.loads(t)["name"]: row for t, (_, row) in zip(mine["tags"], mine.iterrows(),
                                                                 strict=True)}
    clinic = by_name["Zahanati ya Kianda"]
    assert (clinic.geometry.x, clinic.geometry.y) == pytest.approx(CLINIC, abs=1e-9)
    assert clinic["preset"] == "facility/clinic"
    tags = json.loads(clinic["tags"])
    assert tags["source"] == "health_survey.csv"
    assert tags["opening_hours"] == "Mo-Fr 08:00-17:00"
    assert tags["amenity"] == "clinic"
    assert by_name["Olympic Primary"]["preset"] == "facility/school"
    assert set(mine["review_status"]) == {"draft"}
    assert set(mine["contributor"]) == {"Wanjiru"}
    with sqlite3.connect(project) as connection:
        history = connection.execute(
            "SELECT uuid, action, version, edit_id FROM quartier_edit_history WHERE uuid IN "
            "(?, ?)", report["uuids"]).fetchall()
    assert {row[0] for row in history} == set(report["uuids"])
    assert {row[2] for row in history} == {1}
    assert len({row[3] for row in history}) == 1, "the whole import is one edit"

    before = _digest(project)
    code, _, err = _run(capsys, "import", str(project), str(odk), "--layer", "facilities",
                        "--map", "facility_name=name")
    assert code == 2 and "already in the project" in err
    assert _digest(project) == before


def test_kobo_csv_with_split_columns_in_windows_encoding(project, tmp_path, capsys):
    kobo = tmp_path / "kobo_water.csv"
    text = (
        "start;end;nom;category;location;_location_latitude;_location_longitude;"
        "_location_altitude;_location_precision;_id;_uuid;_submission_time;_submitted_by\n"
        f"a;b;Point d'eau Gatwekera;water_point;;{WATER[1]};{WATER[0]};1700;4;11;u1;t;\n"
        f"a;b;Robinet Kianda;water_tap;;{CLINIC[1]};{CLINIC[0]};;;12;u2;t;\n")
    kobo.write_bytes(text.replace("Gatwekera", "Gatwékera").encode("cp1252"))
    code, out, err = _run(capsys, "import", str(project), str(kobo), "--layer", "facilities",
                          "--map", "nom=name", "--contributor", "Achieng", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["imported"] == 2 and report["refused"] == []
    stored = _features(project, "facilities").set_index("uuid").loc[report["uuids"]]
    names = [json.loads(t)["name"] for t in stored["tags"]]
    assert names == ["Point d'eau Gatwékera", "Robinet Kianda"]
    assert [(g.x, g.y) for g in stored.geometry] == [pytest.approx(WATER), pytest.approx(CLINIC)]
    assert list(stored["preset"]) == ["facility/water_point", "facility/water_tap"]
    assert set(stored["contributor"]) == {"Achieng"}


def _track(stops: list[tuple[float, float]], start: tuple[float, float]) -> tuple[str, list]:
    """A trip east through Kibera, standing still 60 s at each of ``stops``."""
    t = dt.datetime(2026, 12, 1, 7, 0, tzinfo=dt.UTC)
    points: list[tuple[float, float, dt.datetime]] = []
    position = start
    for stop in [*stops, (stops[-1][0] + 0.004, stops[-1][1])]:
        # drive there in 40 m steps every 5 s (29 km/h)
        distance = GEOD.inv(position[0], position[1], stop[0], stop[1])[2]
        steps = max(1, math.ceil(distance / 40))
        for i in range(steps):
            f = i / steps
            points.append((position[0] + f * (stop[0] - position[0]),
                           position[1] + f * (stop[1] - position[1]), t))
            t += dt.timedelta(seconds=5)
        position = stop
        if stop in stops:
            for i in range(7):  # 60 s standing, the fix wandering by about 3 m
                points.append((stop[0] + (i % 3 - 1) * 2e-5, stop[1] + (i % 2) * 2e-5, t))
                t += dt.timedelta(seconds=10)
    points.append((position[0], position[1], t))
    body = "".join(f'<trkpt lat="{lat:.7f}" lon="{lon:.7f}"><time>'
                   f'{when.strftime("%Y-%m-%dT%H:%M:%SZ")}</time></trkpt>'
                   for lon, lat, when in points)
    return body, points


def _gpx(body: str, waypoints: str = "") -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="OsmAnd" '
            'xmlns="http://www.topografix.com/GPX/1/1">' + waypoints +
            f"<trk><name>Route 8 Kibera</name><trkseg>{body}</trkseg></trk></gpx>")


def test_gpx_track_becomes_a_line_with_its_stops_proposed(project, tmp_path, capsys):
    stand = [(36.7830, -1.3110), (36.7880, -1.3125)]
    body, points = _track(stand, (36.7800, -1.3100))
    waypoints = (f'<wpt lat="{CLINIC[1]}" lon="{CLINIC[0]}"><name>Tap A</name></wpt>'
                 f'<wpt lat="{SCHOOL[1]}" lon="{SCHOOL[0]}"><name>Tap B</name>'
                 "<desc>Opens at dawn</desc></wpt>")
    gpx = tmp_path / "matatu_8.gpx"
    gpx.write_text(_gpx(body, waypoints), encoding="utf-8")

    code, out, err = _run(capsys, "import", str(project), str(gpx), "--layer",
                          "transport_lines", "--preset", "transport_line/minibus",
                          "--contributor", "Otieno", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["imported"] == 1
    proposed = report["proposed_stops"]
    assert len(proposed) == 2
    for stop, (lon, lat) in zip(proposed, stand, strict=True):
        assert GEOD.inv(stop["lon"], stop["lat"], lon, lat)[2] < 25
        assert stop["seconds"] >= 30
    line = _features(project, "transport_lines").set_index("uuid").loc[report["uuids"][0]]
    assert len(line.geometry.coords) == len(points)
    assert json.loads(line["tags"])["name"] == "Route 8 Kibera"
    assert line["review_status"] == "draft" and line["contributor"] == "Otieno"

    code, out, err = _run(capsys, "import", str(project), str(gpx), "--layer", "facilities",
                          "--preset", "facility/water_tap", "--contributor", "Otieno", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["imported"] == 2
    taps = _features(project, "facilities").set_index("uuid").loc[report["uuids"]]
    assert [json.loads(t).get("description") for t in taps["tags"]] == [None, "Opens at dawn"]
    assert "left out" in " ".join(report["notes"])


def test_gpx_without_time_stamps_imports_the_line_and_says_why_no_stops(project, tmp_path,
                                                                          capsys):
    body, _ = _track([(36.7830, -1.3110)], (36.7800, -1.3100))
    untimed = tmp_path / "untimed.gpx"
    untimed.write_text(_gpx(body).replace("<time>", "<!-- ").replace("</time>", " -->"))
    code, out, err = _run(capsys, "import", str(project), str(untimed), "--layer",
                          "transport_lines", "--preset", "transport_line/bus",
                          "--contributor", "Otieno")
    assert code == 0, err
    assert "Imported 1 transport_lines" in out
    assert "no time stamps" in out and "Proposed stop" not in out


def test_citizen_reports_become_small_risk_zones(project, tmp_path, capsys):
    reports = tmp_path / "sms_reports.csv"
    reports.write_text(
        "time,lat,lon,category,text,severity\n"
        f"2026-11-28 06:40,{CLINIC[1]},{CLINIC[0]},flood,Water up to the knees near the "
        "clinic,high\n"
        f"2026-11-29 21:10,{SCHOOL[1]},{SCHOOL[0]},fire,Smoke behind the school,\n"
        "2026-11-30 05:00,-1.3121\n",
        encoding="utf-8")
    code, out, err = _run(capsys, "import", str(project), str(reports), "--layer", "risk_zones",
                          "--contributor", "Ushahidi desk", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["imported"] == 1
    assert [r["where"] for r in report["refused"]] == ["line 3", "line 4"]
    assert "Severity is required" in report["refused"][0]["reason"]
    assert "broken row" in report["refused"][1]["reason"]
    zones = _features(project, "risk_zones").set_index("uuid").loc[report["uuids"]]
    zone = zones.geometry.iloc[0]
    tags = json.loads(zones["tags"].iloc[0])
    assert tags["hazard"] == "flooding" and tags["hazard:last_event"] == "2026-11-28"
    assert tags["description"].startswith("Water up to the knees")
    assert tags["source"] == "sms_reports.csv"
    assert zone.contains(__import__("shapely").Point(CLINIC))
    area, _ = GEOD.geometry_area_perimeter(zone)
    assert abs(area) == pytest.approx(math.pi * 25**2, rel=0.05)


def test_swapped_coordinates_are_refused_and_the_project_untouched(project, tmp_path, capsys):
    swapped = tmp_path / "swapped.csv"
    swapped.write_text("name,latitude,longitude\n"
                       f"A,{CLINIC[0]},{CLINIC[1]}\nB,{SCHOOL[0]},{SCHOOL[1]}\n")
    before = _digest(project)
    code, out, err = _run(capsys, "import", str(project), str(swapped), "--layer",
                          "facilities", "--preset", "facility/clinic", "--contributor", "A")
    assert code == 2
    assert "swapped" in err and "Traceback" not in err
    assert _digest(project) == before


def test_kobo_geojson_and_a_projected_survey_with_a_field_mapping(project, tmp_path, capsys):
    geojson = tmp_path / "kobo_schools.geojson"
    geojson.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [*SCHOOL, 1690.0]},
         "properties": {"group_school/school_name": "Toi Primary", "category": "school",
                        "_submitted_by": "amani", "_id": 7}},
        {"type": "Feature", "geometry": None,
         "properties": {"group_school/school_name": "Lost", "category": "school"}}]}))
    code, out, err = _run(capsys, "import", str(project), str(geojson), "--layer",
                          "facilities", "--map", "school_name=name", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["imported"] == 1 and [r["where"] for r in report["refused"]] == ["feature 2"]
    school = _features(project, "facilities").set_index("uuid").loc[report["uuids"][0]]
    assert json.loads(school["tags"])["name"] == "Toi Primary"
    assert school["contributor"] == "amani" and school["preset"] == "facility/school"

    import geopandas as gpd
    from pyproj import Transformer
    from shapely.geometry import Point

    to_utm = Transformer.from_crs("EPSG:4326", "EPSG:32737", always_xy=True)
    survey = tmp_path / "survey_2019.shp"
    gpd.GeoDataFrame({"NAME_1": ["Kianda clinic"], "KIND": ["clinic"]},
                     geometry=[Point(*to_utm.transform(*CLINIC))], crs="EPSG:32737"
                     ).to_file(survey)
    code, out, err = _run(capsys, "import", str(project), str(survey), "--layer", "facilities",
                          "--preset", "facility/clinic", "--map", "NAME_1=name",
                          "--contributor", "County survey", "--json")
    assert code == 0, err
    clinic = _features(project, "facilities").set_index("uuid").loc[json.loads(out)["uuids"][0]]
    assert (clinic.geometry.x, clinic.geometry.y) == pytest.approx(CLINIC, abs=1e-7)
    assert json.loads(clinic["tags"])["source"] == "survey_2019.shp"


@pytest.mark.parametrize("case", ["mixed_encoding", "zip_slip", "broken_quote", "gpx_entity"])
def test_bad_files_are_one_sentence_and_change_nothing(project, tmp_path, capsys, case):
    if case == "mixed_encoding":
        bad = tmp_path / "mixed.csv"
        bad.write_bytes("name,lat,lon\nGatwékera,-1.31,36.78\n".encode()
                        + "Kianda é,-1.31,36.79\n".encode("cp1252"))
        expected = "two text encodings"
    elif case == "zip_slip":
        bad = tmp_path / "export.zip"
        with zipfile.ZipFile(bad, "w") as archive:
            archive.writestr("../../evil.csv", "name,lat,lon\nA,-1.31,36.78\n")
        expected = "outside its folder"
    elif case == "gpx_entity":
        bad = tmp_path / "evil.gpx"
        bad.write_text('<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY x SYSTEM '
                       '"file:///etc/passwd">]><gpx><wpt lat="-1.31" lon="36.78"><name>&x;'
                       "</name></wpt></gpx>")
        expected = "entities"
    else:
        bad = tmp_path / "broken.csv"
        bad.write_text('name,lat,lon\n"Unclosed,-1.31,36.78\nB,-1.31,36.79\n')
        expected = "broken"
    before = _digest(project)
    code, _, err = _run(capsys, "import", str(project), str(bad), "--layer", "facilities",
                        "--preset", "facility/clinic", "--contributor", "A")
    assert code == 2, err
    assert expected in err and "Traceback" not in err and err.count("\n") == 1
    assert _digest(project) == before
    assert not (tmp_path.parent / "evil.csv").exists()


def test_after_an_import_the_osm_osc_and_gtfs_exports_work_from_the_command_line(
        project, tmp_path, capsys):
    odk = tmp_path / "clinics.csv"
    odk.write_text(f"name,location\nKianda clinic,{CLINIC[1]} {CLINIC[0]} 1700 5\n")
    code, out, err = _run(capsys, "import", str(project), str(odk), "--layer", "facilities",
                          "--preset", "facility/clinic", "--contributor", "A")
    assert code == 0, err
    stand = [(36.7830, -1.3110), (36.7880, -1.3125)]
    gpx = tmp_path / "route8.gpx"
    gpx.write_text(_gpx(_track(stand, (36.7800, -1.3100))[0]))
    code, out, err = _run(capsys, "import", str(project), str(gpx), "--layer",
                          "transport_lines", "--preset", "transport_line/minibus",
                          "--contributor", "Otieno", "--add-stops", "--tag", "interval=10",
                          "--tag", "opening_hours=Mo-Su 05:00-22:00", "--json")
    assert code == 0, err
    line_uuid = json.loads(out)["uuids"][0]
    stops = _features(project, "transport_stops")
    stops = stops[stops["line_uuid"] == line_uuid].sort_values("stop_sequence")
    assert list(stops["stop_sequence"]) == [1, 2]
    assert set(stops["review_status"]) == {"draft"}
    for point, (lon, lat) in zip(stops.geometry, stand, strict=True):
        assert GEOD.inv(point.x, point.y, lon, lat)[2] < 25

    def quartier(*argv: str) -> None:
        done = subprocess.run([sys.executable, "-m", "desktop.cli", *argv],
                              capture_output=True, text=True, cwd=Path(__file__).parents[1],
                              check=False)
        assert done.returncode == 0, done.stderr

    for name in ("x.osm", "x.osc", "feed.zip"):
        quartier("export", str(project), "--to", str(tmp_path / name), "--all-features")
    listed = subprocess.run(["osmium", "cat", "-f", "opl", str(tmp_path / "x.osm")],
                            capture_output=True, text=True, check=True).stdout
    clinic_lines = [line for line in listed.splitlines() if "name=Kianda%20%clinic" in line]
    assert len(clinic_lines) == 1
    assert "amenity=clinic" in clinic_lines[0]
    x = float(clinic_lines[0].split(" x")[1].split()[0])
    y = float(clinic_lines[0].split(" y")[1].split()[0])
    assert (x, y) == pytest.approx(CLINIC, abs=1e-6)
    changes = subprocess.run(["osmium", "cat", "-f", "opl", str(tmp_path / "x.osc")],
                             capture_output=True, text=True, check=True).stdout
    assert "name=Route%20%8%20%Kibera" in changes and "name=Kianda%20%clinic" in changes
    with zipfile.ZipFile(tmp_path / "feed.zip") as feed:
        stop_rows = feed.read("stops.txt").decode().splitlines()
        route_rows = feed.read("routes.txt").decode().splitlines()
    assert len(stop_rows) == 3 and len(route_rows) == 2


def test_reports_naming_a_place_are_placed_where_the_project_knows_it(project, tmp_path,
                                                                      capsys):
    reports = tmp_path / "sms_places.csv"
    reports.write_text("time,place,category,text,severity\n"
                       "2026-11-28 06:40,Olympic Stage,flood,Road under water,medium\n"
                       "2026-11-28 07:10,Nowhere Plaza,flood,Water rising,low\n")
    code, out, err = _run(capsys, "import", str(project), str(reports), "--layer", "risk_zones",
                          "--contributor", "Ushahidi desk", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["imported"] == 1
    assert [r["where"] for r in report["refused"]] == ["line 3"]
    assert "Nowhere Plaza" in report["refused"][0]["reason"]
    pois = pyogrio.read_dataframe(project, layer="pois", where="name = 'Olympic Stage'")
    assert len(pois) >= 1
    zone = _features(project, "risk_zones").set_index("uuid").loc[report["uuids"][0]].geometry
    centre = zone.centroid
    nearest = min(GEOD.inv(centre.x, centre.y, g.centroid.x, g.centroid.y)[2]
                  for g in pois.geometry)
    assert nearest < 5


def _xlsx(path: Path, sheets: dict[str, list[list[str]]]) -> None:
    """A workbook as Excel writes one: shared strings, one part per sheet."""
    main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    strings: list[str] = []

    def index(text: str) -> int:
        if text not in strings:
            strings.append(text)
        return strings.index(text)

    with zipfile.ZipFile(path, "w") as book:
        listed, rels = [], []
        for number, (name, rows) in enumerate(sheets.items(), start=1):
            listed.append(f'<sheet name="{name}" sheetId="{number}" r:id="rId{number}"/>')
            rels.append(f'<Relationship Id="rId{number}" Type="{rel_ns}/worksheet" '
                        f'Target="worksheets/sheet{number}.xml"/>')
            body = "".join(
                f'<row r="{r}">' + "".join(
                    f'<c r="{chr(65 + c)}{r}" t="s"><v>{index(text)}</v></c>'
                    for c, text in enumerate(row) if text) + "</row>"
                for r, row in enumerate(rows, start=1))
            book.writestr(f"xl/worksheets/sheet{number}.xml",
                          f'<worksheet xmlns="{main_ns}"><sheetData>{body}</sheetData>'
                          "</worksheet>")
        book.writestr("xl/workbook.xml", f'<workbook xmlns="{main_ns}" xmlns:r="{rel_ns}">'
                      f'<sheets>{"".join(listed)}</sheets></workbook>')
        book.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.'
                      'openxmlformats.org/package/2006/relationships">' + "".join(rels)
                      + "</Relationships>")
        book.writestr("xl/sharedStrings.xml", f'<sst xmlns="{main_ns}">' + "".join(
            f"<si><t>{text}</t></si>" for text in strings) + "</sst>")


def test_an_xlsform_turns_choice_codes_into_presets_and_tag_values(project, tmp_path, capsys):
    export = tmp_path / "hazard_walk.csv"
    export.write_text(
        "SubmissionDate,hazard_type,severity,location,SubmitterName\n"
        f"2026-12-01,1,3,{CLINIC[1]} {CLINIC[0]} 1700 5,Wanjiru\n"
        f"2026-12-01,2,1,{SCHOOL[1]} {SCHOOL[0]} 1700 5,Wanjiru\n")
    form = tmp_path / "hazard_walk.xlsx"
    _xlsx(form, {
        "survey": [["type", "name", "label::English (en)"],
                   ["select_one hz", "hazard_type", "What danger?"],
                   ["select_one sev", "severity", "How bad?"],
                   ["geopoint", "location", "Where?"]],
        "choices": [["list_name", "name", "label::English (en)"],
                    ["hz", "1", "Flooding"], ["hz", "2", "Fire"],
                    ["sev", "1", "Low"], ["sev", "2", "Medium"], ["sev", "3", "High"]],
        "settings": [["form_title"], ["Hazard walk"]]})
    before = _digest(project)
    code, _, err = _run(capsys, "import", str(project), str(export), "--layer", "risk_zones")
    assert code == 2 and "no risk_zones preset matches hazard_type “1”" in err
    assert _digest(project) == before

    code, out, err = _run(capsys, "import", str(project), str(export), "--layer", "risk_zones",
                          "--form", str(form), "--json")
    assert code == 0, err
    report = json.loads(out)
    zones = _features(project, "risk_zones").set_index("uuid").loc[report["uuids"]]
    assert list(zones["preset"]) == ["risk_zone/flood", "risk_zone/fire"]
    assert [json.loads(t)["severity"] for t in zones["tags"]] == ["high", "low"]
