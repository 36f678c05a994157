"""``quartier import PROJECT feed.zip``: a GTFS feed becomes transport lines and stops.

Every figure is derived from the feed independently of Quartier: route and direction
counts and stop patterns with gtfs-kit and pandas, waits with the csv module from
frequencies.txt (or worked out by hand for the small feed), shape lengths with
pyproj's geodesic. The round trip exports the imported Accra lines with the GTFS
export and imports that feed into a fresh project.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import Counter
from pathlib import Path

import gtfs_kit
import pandas as pd
import pyogrio
import pytest
from pyproj import Geod
from shapely.geometry import LineString

from mapping.export.gtfs_service import service
from mapping.gtfs_import import import_gtfs
from tests.gtfs_feed_files import (
    R4_DEPARTURES,
    SMALL_AREA,
    area_project,
    small_feed,
    write_folder,
    write_zip,
)

GEOD = Geod(ellps="WGS84")


def _clock(text: str) -> int:
    hours, minutes, seconds = (int(v) for v in text.split(":"))
    return hours * 3600 + minutes * 60 + seconds


def _layers(project: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    lines = pyogrio.read_dataframe(project, layer="transport_lines")
    stops = pyogrio.read_dataframe(project, layer="transport_stops")
    lines["t"] = [json.loads(t) for t in lines["tags"]]
    stops["t"] = [json.loads(t) for t in stops["tags"]]
    return lines, stops


def _csv(feed: Path, name: str) -> list[dict[str, str]]:
    with zipfile.ZipFile(feed) as archive:
        return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))


def _sequences(lines: pd.DataFrame, stops: pd.DataFrame) -> dict[str, list[str]]:
    """Each line's gtfs:stop_id in stop order, by line uuid."""
    ordered = stops.sort_values(["line_uuid", "stop_sequence"])
    found: dict[str, list[str]] = {}
    for line_uuid, tags in zip(ordered["line_uuid"], ordered["t"], strict=True):
        found.setdefault(line_uuid, []).append(tags["gtfs:stop_id"])
    return {uuid: found.get(uuid, []) for uuid in lines["uuid"]}


def _geodesic_length(coords) -> float:
    lon, lat = zip(*coords, strict=True)
    return GEOD.line_length(lon, lat)


# Accra: 277 routes, frequency-based ---------------------------------------------------------

@pytest.fixture(scope="session")
def accra_feed(data_dir: Path) -> Path:
    return data_dir / "gtfs" / "accra_trotro.zip"


@pytest.fixture(scope="session")
def accra_gtfs_project(tmp_path_factory, accra_feed: Path) -> tuple[Path, object]:
    """A project over Accra with the Accra feed imported once (read-only for tests)."""
    rows = _csv(accra_feed, "stops.txt")
    lon = [float(r["stop_lon"]) for r in rows]
    lat = [float(r["stop_lat"]) for r in rows]
    path = area_project(tmp_path_factory.mktemp("accra") / "accra.gpkg",
                        (min(lon), min(lat), max(lon), max(lat)), "Accra")
    report = import_gtfs(path, accra_feed, contributor="Ama")
    return path, report


def test_accra_routes_and_directions_become_lines(accra_gtfs_project, accra_feed):
    project, report = accra_gtfs_project
    feed = gtfs_kit.read_feed(accra_feed, dist_units="km")
    groups = feed.trips.groupby(["route_id", "direction_id"]).size()
    patterns = (feed.stop_times.sort_values(["trip_id", "stop_sequence"])
                .groupby("trip_id")["stop_id"].apply(tuple))
    trips = feed.trips.assign(pattern=feed.trips["trip_id"].map(patterns))
    two_way = sum(
        1 for _, t in trips.groupby("route_id")
        if set(t["direction_id"]) == {0, 1}
        and t[t["direction_id"] == 0]["pattern"].iloc[0]
        == t[t["direction_id"] == 1]["pattern"].iloc[0][::-1])
    lines, stops = _layers(project)
    assert len(groups) == 554 and two_way == 0
    assert len(lines) == len(groups) - two_way == len(report.lines)
    assert set(lines["review_status"]) == {"draft"}
    assert all(t["oneway"] == "yes" for t in lines["t"])
    # One line per route and direction: the pairs are those of trips.txt.
    pairs = {(t["gtfs:route_id"], t["gtfs:direction_id"]) for t in lines["t"]}
    assert pairs == {(str(r), str(d)) for r, d in groups.index}
    # Every line has the stops of its trip, in order, by gtfs:stop_id.
    trip_of = {(str(r), str(d)): str(t) for r, d, t in
               zip(feed.trips["route_id"], feed.trips["direction_id"], feed.trips["trip_id"],
                   strict=True)}
    sequences = _sequences(lines, stops)
    for uuid, tags in zip(lines["uuid"], lines["t"], strict=True):
        trip = trip_of[(tags["gtfs:route_id"], tags["gtfs:direction_id"])]
        assert sequences[uuid] == [str(s) for s in patterns[trip]]
    # Shared stops stay shared: the distinct ids are the stops the trips serve.
    assert stops["t"].map(lambda t: t["gtfs:stop_id"]).nunique() == \
        feed.stop_times["stop_id"].nunique() == report.distinct_stops
    assert len(stops) == len(feed.stop_times) == report.stop_rows


def test_accra_names_operator_and_colour_come_from_routes_and_agency(accra_gtfs_project,
                                                                     accra_feed):
    project, _ = accra_gtfs_project
    routes = {r["route_id"]: r for r in _csv(accra_feed, "routes.txt")}
    agency = _csv(accra_feed, "agency.txt")[0]["agency_name"]
    lines, _ = _layers(project)
    for tags in lines["t"]:
        route = routes[tags["gtfs:route_id"]]
        assert tags["ref"] == route["route_short_name"]
        assert tags["name"] == route["route_long_name"]
        assert tags["operator"] == agency
        assert tags["colour"].lower() == "#" + route["route_color"].lower()
        assert tags["route"] == "bus" and tags["source"] == "accra_trotro.zip"


def test_accra_waits_are_those_of_frequencies_txt(accra_gtfs_project, accra_feed):
    project, _ = accra_gtfs_project
    trips = {t["trip_id"]: t for t in _csv(accra_feed, "trips.txt")}
    expected = {}
    for row in _csv(accra_feed, "frequencies.txt"):
        trip = trips[row["trip_id"]]
        expected[(trip["route_id"], trip["direction_id"])] = (
            _clock(row["start_time"]), _clock(row["end_time"]), int(row["headway_secs"]))
    lines, _ = _layers(project)
    assert len(expected) == len(lines)
    for tags in lines["t"]:
        start, end, headway = expected[(tags["gtfs:route_id"], tags["gtfs:direction_id"])]
        assert float(tags["interval"]) * 60 == pytest.approx(headway)
        assert tags["opening_hours"] == (f"Mo-Su {start // 3600:02d}:{start % 3600 // 60:02d}-"
                                         f"{end // 3600:02d}:{end % 3600 // 60:02d}")
        # The GTFS export reads the tags back into the same frequency.
        assert service(tags, "").frequencies == ((start, end, headway),)


def test_accra_lines_follow_shapes_txt(accra_gtfs_project, accra_feed):
    project, _ = accra_gtfs_project
    trips = {(t["route_id"], t["direction_id"]): t["shape_id"]
             for t in _csv(accra_feed, "trips.txt")}
    points: dict[str, list[tuple[int, float, float]]] = {}
    for row in _csv(accra_feed, "shapes.txt"):
        points.setdefault(row["shape_id"], []).append(
            (int(row["shape_pt_sequence"]), float(row["shape_pt_lon"]),
             float(row["shape_pt_lat"])))
    lengths = {shape: _geodesic_length([(x, y) for _, x, y in sorted(found)])
               for shape, found in points.items()}
    lines, _ = _layers(project)
    for tags, geometry in zip(lines["t"], lines.geometry, strict=True):
        shape = trips[(tags["gtfs:route_id"], tags["gtfs:direction_id"])]
        assert _geodesic_length(geometry.coords) == pytest.approx(lengths[shape], rel=1e-6)
    total = sum(_geodesic_length(g.coords) for g in lines.geometry) / 1000
    assert total == pytest.approx(sum(lengths[trips[k]] for k in trips) / 1000, rel=1e-6)


#: The round trip takes one Accra route in this many (the GTFS export of all 554 lines takes
#: longer than this test file may; set 1 to run it on the whole feed).
ROUND_TRIP_EVERY = 12


def _subset_feed(feed: Path, target: Path, every: int) -> Path:
    """The Accra feed cut to one route in ``every``, every table filtered with csv."""
    tables = {}
    with zipfile.ZipFile(feed) as archive:
        for name in archive.namelist():
            text = archive.read(name).decode("utf-8-sig")
            tables[name] = list(csv.DictReader(io.StringIO(text)))
    routes = {r["route_id"] for r in tables["routes.txt"][::every]}
    trips = {t["trip_id"] for t in tables["trips.txt"] if t["route_id"] in routes}
    shapes = {t["shape_id"] for t in tables["trips.txt"] if t["trip_id"] in trips}
    stops = {t["stop_id"] for t in tables["stop_times.txt"] if t["trip_id"] in trips}
    stops |= {s["parent_station"] for s in tables["stops.txt"] if s["stop_id"] in stops}
    keep = {"routes.txt": ("route_id", routes), "trips.txt": ("trip_id", trips),
            "stop_times.txt": ("trip_id", trips), "frequencies.txt": ("trip_id", trips),
            "shapes.txt": ("shape_id", shapes), "stops.txt": ("stop_id", stops)}
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in tables.items():
            if name in keep:
                column, wanted = keep[name]
                rows = [r for r in rows if r[column] in wanted]
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
            archive.writestr(name, buffer.getvalue())
    return target


def test_accra_export_imports_back_to_the_same_lines(accra_feed, tmp_path):
    from mapping.export.gtfs import export_gtfs
    from mapping.project import Project

    feed = _subset_feed(accra_feed, tmp_path / "accra_part.zip", ROUND_TRIP_EVERY)
    rows = _csv(feed, "stops.txt")
    area = (min(float(r["stop_lon"]) for r in rows), min(float(r["stop_lat"]) for r in rows),
            max(float(r["stop_lon"]) for r in rows), max(float(r["stop_lat"]) for r in rows))
    project = area_project(tmp_path / "accra.gpkg", area, "Accra")
    first = import_gtfs(project, feed, contributor="Ama")
    assert len(first.lines) == 2 * len(_csv(feed, "routes.txt"))
    exported = tmp_path / "accra_export.zip"
    opened = Project(project)
    try:
        export_gtfs(opened, exported, verified_only=False)
    finally:
        opened.close()
    again = area_project(tmp_path / "again.gpkg", area, "Accra again")
    import_gtfs(again, exported, contributor="Ama")
    before_lines, before_stops = _layers(project)
    after_lines, after_stops = _layers(again)
    assert len(after_lines) == len(before_lines)
    before = _sequences(before_lines, before_stops)
    after = _sequences(after_lines, after_stops)
    # The export keeps the feed's route and direction ids: match the lines by them.
    def key(tags: dict) -> tuple[str, str]:
        return tags["gtfs:route_id"], tags.get("gtfs:direction_id", "")

    old_uuid = {key(t): u for u, t in zip(before_lines["uuid"], before_lines["t"], strict=True)}
    old_shape = dict(zip(before_lines["uuid"], before_lines.geometry, strict=True))
    old_tags = dict(zip(before_lines["uuid"], before_lines["t"], strict=True))
    assert {key(t) for t in after_lines["t"]} == set(old_uuid)
    for uuid, tags, geometry in zip(after_lines["uuid"], after_lines["t"], after_lines.geometry,
                                    strict=True):
        original = old_uuid[key(tags)]
        assert after[uuid] == before[original]
        for name in ("interval", "opening_hours", "ref", "name", "oneway", "operator", "colour"):
            assert tags.get(name) == old_tags[original].get(name), name
        old = old_shape[original]
        assert len(geometry.coords) == len(old.coords)
        largest = max(GEOD.inv(a[0], a[1], b[0], b[1])[2]
                      for a, b in zip(geometry.coords, old.coords, strict=True))
        assert largest < 1.0


# Nairobi: CSV tables, no frequencies -------------------------------------------------------

@pytest.fixture(scope="module")
def nairobi(tmp_path_factory, data_dir: Path) -> tuple[Path, object, Path]:
    folder = data_dir / "more" / "nairobi_matatu_gtfs"
    stops = pd.read_csv(folder / "stops.csv", dtype=str, keep_default_na=False)
    lon, lat = stops["stop_lon"].astype(float), stops["stop_lat"].astype(float)
    path = area_project(tmp_path_factory.mktemp("nairobi") / "nairobi.gpkg",
                        (lon.min(), lat.min(), lon.max(), lat.max()), "Nairobi")
    report = import_gtfs(path, folder, contributor="Wanjiru",
                         preset_id="transport_line/minibus")
    return path, report, folder


def test_nairobi_folder_of_csv_tables_imports(nairobi):
    project, report, folder = nairobi
    trips = pd.read_csv(folder / "trips.csv", dtype=str, keep_default_na=False)
    stop_times = pd.read_csv(folder / "stop_times.csv", dtype=str, keep_default_na=False)
    stop_times["n"] = stop_times["stop_sequence"].astype(int)
    patterns = stop_times.sort_values(["trip_id", "n"]).groupby("trip_id")["stop_id"].apply(
        tuple)
    chosen = []
    for _, group in trips.groupby(["route_id", "direction_id"]):
        counts = Counter(patterns[t] for t in group["trip_id"])
        chosen.append(max(counts, key=lambda p: counts[p]))
    lines, stops = _layers(project)
    assert len(lines) == len(chosen) == 234
    assert stops["t"].map(lambda t: t["gtfs:stop_id"]).nunique() == \
        len({s for pattern in chosen for s in pattern}) == report.distinct_stops
    assert set(t["bus"] for t in lines["t"]) == {"minibus"}
    assert lines["preset"].eq("transport_line/minibus").all()


def test_nairobi_waits_come_from_departures_when_there_are_several(nairobi):
    project, report, folder = nairobi
    trips = pd.read_csv(folder / "trips.csv", dtype=str, keep_default_na=False)
    stop_times = pd.read_csv(folder / "stop_times.csv", dtype=str, keep_default_na=False)
    first = stop_times[stop_times["stop_sequence"].astype(int)
                       == stop_times.groupby("trip_id")["stop_sequence"].transform(
                           lambda s: s.astype(int).min()).astype(int)]
    departures = dict(zip(first["trip_id"], first["departure_time"], strict=True))
    lines, _ = _layers(project)
    waits = {(t["gtfs:route_id"], t["gtfs:direction_id"]): t.get("interval")
             for t in lines["t"]}
    several = 0
    for (route, direction), group in trips.groupby(["route_id", "direction_id"]):
        times = sorted(_clock(departures[t]) for t in group["trip_id"])
        if len(set(times)) < 2:
            assert waits[(route, direction)] is None
            continue
        several += 1
        assert float(waits[(route, direction)]) * 60 == pytest.approx(times[1] - times[0])
    assert several == 1
    assert any("single departure" in note for note in report.notes)


def test_nairobi_shared_shape_points_from_the_first_stop(nairobi):
    project, _, _ = nairobi
    lines, stops = _layers(project)
    first = stops[stops["stop_sequence"] == 1].set_index("line_uuid").geometry
    last = stops.sort_values("stop_sequence").groupby("line_uuid").tail(1).set_index(
        "line_uuid").geometry
    closer = 0
    for uuid, geometry in zip(lines["uuid"], lines.geometry, strict=True):
        start, end = geometry.coords[0], geometry.coords[-1]
        to_first = GEOD.inv(start[0], start[1], first[uuid].x, first[uuid].y)[2]
        to_last = GEOD.inv(start[0], start[1], last[uuid].x, last[uuid].y)[2]
        end_to_last = GEOD.inv(end[0], end[1], last[uuid].x, last[uuid].y)[2]
        closer += to_first <= to_last and end_to_last <= to_last
    # Both directions share one shape in this feed: each line starts at its own first stop.
    assert closer >= 0.9 * len(lines)


# A small feed, worked out by hand -------------------------------------------------------------

@pytest.fixture()
def small_project(tmp_path: Path) -> Path:
    return area_project(tmp_path / "accra_small.gpkg", SMALL_AREA, "Accra small")


def test_small_feed_lines_waits_fares_and_types(small_project, tmp_path):
    feed = write_zip(tmp_path / "small.zip", small_feed())
    report = import_gtfs(small_project, feed, contributor="Kofi")
    lines, stops = _layers(small_project)
    by_route: dict[str, list[dict]] = {}
    for tags in lines["t"]:
        by_route.setdefault(tags["gtfs:route_id"], []).append(tags)
    # R1 serves the same stops back: one two-way line; R2 does not: two one-way lines;
    # R3 is a tram, left out; R4 is a shared taxi.
    assert sorted((k, len(v)) for k, v in by_route.items()) == [("R1", 1), ("R2", 2), ("R4", 1)]
    assert report.two_way == 1 and len(report.lines) == 4
    assert [r.where for r in report.refused] == ["route T (R3)"]
    r1 = by_route["R1"][0]
    assert "oneway" not in r1 and "gtfs:direction_id" not in r1
    assert (r1["from"], r1["to"]) == ("Circle", "Asylum Down")
    assert (r1["fare:min"], r1["fare:max"], r1["fare:currency"]) == ("2.5", "4", "GHS")
    assert r1["colour"] == "#ff0000" and r1["route"] == "bus"
    assert r1["opening_hours"] == "Mo-Fr 06:00-01:30"
    assert service(r1, "").frequencies == ((6 * 3600, 9 * 3600, 300), (9 * 3600, 16 * 3600, 600),
                                           (16 * 3600, 20 * 3600, 300),
                                           (20 * 3600, 25 * 3600 + 1800, 900))
    assert service(r1, "").days == (True,) * 5 + (False,) * 2
    assert all(t["oneway"] == "yes" for t in by_route["R2"])
    assert {t["fare:max"] for t in by_route["R2"]} == {"2.5"}
    r4 = by_route["R4"][0]
    assert r4["route"] == "share_taxi" and "fare:min" not in r4
    # R4's waits by hand from R4_DEPARTURES: 05-06 every 30 min, 06-09 median 10, 09-16
    # median 40, 16-20 median 15, and one more at 24:30.
    assert len(R4_DEPARTURES) == 15
    hour = 3600
    assert service(r4, "").frequencies == ((5 * hour, 6 * hour, 1800), (6 * hour, 9 * hour, 600),
                                           (9 * hour, 16 * hour, 2400),
                                           (16 * hour, 20 * hour, 900),
                                           (20 * hour, 24 * hour + 1800, 16200))
    # The two-way line's stops are those of direction 0, in order; S2 and S3 are shared with
    # R2 and stay one stop each.
    sequences = _sequences(lines, stops)
    r1_uuid = lines["uuid"][[t["gtfs:route_id"] == "R1" for t in lines["t"]]].iloc[0]
    assert sequences[r1_uuid] == ["S1", "S2", "S3", "S4"]
    assert report.distinct_stops == 5 and report.stop_rows == 4 + 3 + 2 + 2
    names = {t["gtfs:stop_id"]: t["name"] for t in stops["t"]}
    assert names["S2"] == "Kwame Nkrumah Interchange"
    # The two-way line follows SH1.
    geometry = lines.geometry[[t["gtfs:route_id"] == "R1" for t in lines["t"]]].iloc[0]
    rows = [r.split(",") for r in small_feed()["shapes.txt"].splitlines()[1:]]
    assert LineString(geometry.coords).equals_exact(
        LineString([(float(r[2]), float(r[1])) for r in rows]), 1e-9)


def test_small_feed_from_a_folder_and_twice(small_project, tmp_path):
    folder = write_folder(tmp_path / "feed", small_feed())
    first = import_gtfs(small_project, folder, contributor="Kofi")
    assert len(first.lines) == 4
    from layers.errors import EmptyExtractError

    with pytest.raises(EmptyExtractError, match="already in the project"):
        import_gtfs(small_project, folder, contributor="Kofi")
    lines, _ = _layers(small_project)
    assert len(lines) == 4


def test_one_undo_removes_the_whole_import(small_project, tmp_path):
    from mapping.editing import EditSession

    feed = write_zip(tmp_path / "small.zip", small_feed())
    with EditSession(small_project, "Kofi") as session:
        report = import_gtfs(small_project, feed, session=session)
        lines, stops = _layers(small_project)
        assert len(lines) == 4 and len(stops) == 11
        assert session.undo_description == "Import 4 transport lines from small.zip"
        assert session.undo()
    lines, stops = _layers(small_project)
    assert len(lines) == 0 and len(stops) == 0
    assert len(report.lines) == 4


def test_feed_of_another_town_is_refused(kibera_project, tmp_path):
    import hashlib
    import shutil

    from layers.errors import OutsideAreaError

    project = Path(shutil.copy(kibera_project, tmp_path / "kibera.gpkg"))
    before = hashlib.sha256(project.read_bytes()).hexdigest()
    feed = write_zip(tmp_path / "small.zip", small_feed())
    with pytest.raises(OutsideAreaError, match="another town"):
        import_gtfs(project, feed, contributor="Kofi")
    assert hashlib.sha256(project.read_bytes()).hexdigest() == before
