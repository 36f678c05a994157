"""The GTFS check: each rule on a feed broken on purpose, the real feeds against figures
computed another way (shapely distances pair by pair in another projection, pyproj
geodesics, plain Python sets), and the project's own exports (read back by gtfs-kit).

Severities expected here are copied from MobilityData's gtfs-validator (the
``@GtfsValidationNotice(severity = ...)`` of each notice class), not from the module.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
import shapely
from pyproj import CRS, Geod, Transformer

from layers.errors import ValidationError
from layers.gtfs_check import FeedCheck, Finding, check_feed
from mapping.store import _gpkg as gpkg

GEOD = Geod(ellps="WGS84")
TODAY = dt.date(2026, 6, 1)
Tables = dict[str, pd.DataFrame]


def table(rows: list[dict[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, dtype=str)


def small_feed() -> Tables:
    """A correct feed: one route, one trip of three stops 1.1 km apart along its shape."""
    stops = [("S1", "One", "36.8000"), ("S2", "Two", "36.8100"), ("S3", "Three", "36.8200")]
    return {
        "agency": table([{"agency_id": "A", "agency_name": "Matatu SACCO",
                          "agency_url": "https://example.org",
                          "agency_timezone": "Africa/Nairobi"}]),
        "stops": table([{"stop_id": i, "stop_name": n, "stop_lat": "-1.3000", "stop_lon": x,
                         "location_type": "0", "parent_station": ""} for i, n, x in stops]),
        "routes": table([{"route_id": "R1", "agency_id": "A", "route_short_name": "8",
                          "route_long_name": "Kibera – Town", "route_type": "3",
                          "route_color": "1779C2"}]),
        "trips": table([{"route_id": "R1", "service_id": "D", "trip_id": "T1",
                         "direction_id": "0", "shape_id": "SH1"}]),
        "stop_times": table([{"trip_id": "T1", "arrival_time": t, "departure_time": t,
                              "stop_id": s, "stop_sequence": str(n)} for n, (s, t) in enumerate(
            [("S1", "06:00:00"), ("S2", "06:05:00"), ("S3", "06:10:00")], start=1)]),
        "frequencies": table([
            {"trip_id": "T1", "start_time": "05:00:00", "end_time": "09:00:00",
             "headway_secs": "300"},
            {"trip_id": "T1", "start_time": "09:00:00", "end_time": "22:00:00",
             "headway_secs": "600"}]),
        "calendar": table([{"service_id": "D", **dict.fromkeys(
            ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
            "1"), "start_date": "20260101", "end_date": "20271231"}]),
        "shapes": table([{"shape_id": "SH1", "shape_pt_lat": "-1.3000", "shape_pt_lon": x,
                          "shape_pt_sequence": str(n)}
                         for n, x in enumerate(["36.8000", "36.8050", "36.8100", "36.8200"], 1)]),
        "feed_info": table([{"feed_publisher_name": "Mappers", "feed_publisher_url":
                             "https://example.org", "feed_lang": "en",
                             "feed_start_date": "20260101", "feed_end_date": "20271231"}]),
    }


def put(feed: Tables, name: str, row: int, **values: str) -> None:
    """Set values in the row at file line ``row`` (the header is line 1)."""
    for column, value in values.items():
        if column not in feed[name].columns:
            feed[name][column] = ""
        feed[name].loc[row - 2, column] = value


def append(feed: Tables, name: str, **values: str) -> None:
    feed[name] = pd.concat([feed[name], table([values])], ignore_index=True).fillna("")


def test_a_correct_feed_passes_with_nothing_to_say():
    check = check_feed(small_feed(), today=TODAY)
    assert check.ok and check.errors == () and check.warnings == ()
    assert check.summary() == "The feed passes the GTFS check: no errors, no warnings."


# Each case: what is broken, then the notice expected (code, severity in MobilityData's
# validator, file, line, and words of the sentence naming the row's id).
Breakage = Callable[[Tables], None]
CASES: list[tuple[str, Breakage, str, str, str, int | None, str]] = [
    ("no agency.txt", lambda f: f.pop("agency"),
     "missing_required_file", "ERROR", "agency.txt", None, "no agency.txt"),
    ("no calendar at all", lambda f: f.pop("calendar"),
     "missing_calendar_and_calendar_date_files", "ERROR", "calendar.txt", None,
     "neither calendar.txt nor calendar_dates.txt"),
    ("no route_type column", lambda f: f["routes"].pop("route_type"),
     "missing_required_column", "ERROR", "routes.txt", None, "no route_type column"),
    ("an agency without a name", lambda f: put(f, "agency", 2, agency_name=""),
     "missing_required_field", "ERROR", "agency.txt", 2, "Agency A has no agency_name"),
    ("a stop listed twice", lambda f: append(f, "stops", stop_id="S2", stop_name="Two again",
                                             stop_lat="-1.3", stop_lon="36.81"),
     "duplicate_key", "ERROR", "stops.txt", 5, "Stop S2 is listed twice"),
    ("a stop time at an unknown stop", lambda f: put(f, "stop_times", 3, stop_id="S99"),
     "foreign_key_violation", "ERROR", "stop_times.txt", 3,
     "Trip T1 stops at stop S99, which stops.txt does not list."),
    ("a trip on an unknown service", lambda f: put(f, "trips", 2, service_id="X"),
     "foreign_key_violation", "ERROR", "trips.txt", 2, "Trip T1 runs on service X"),
    ("a trip on an unknown shape", lambda f: put(f, "trips", 2, shape_id="NOPE"),
     "foreign_key_violation", "ERROR", "trips.txt", 2, "Trip T1 follows shape NOPE"),
    ("a time that is not one", lambda f: put(f, "stop_times", 3, arrival_time="6h05"),
     "invalid_time", "ERROR", "stop_times.txt", 3, "'6h05'"),
    ("a date that is not one", lambda f: put(f, "calendar", 2, end_date="2027-12-31"),
     "invalid_date", "ERROR", "calendar.txt", 2, "Service D has end_date '2027-12-31'"),
    ("a headway of 0", lambda f: put(f, "frequencies", 2, headway_secs="0"),
     "number_out_of_range", "ERROR", "frequencies.txt", 2, "Trip T1 has headway_secs 0"),
    ("a negative headway", lambda f: put(f, "frequencies", 3, headway_secs="-60"),
     "number_out_of_range", "ERROR", "frequencies.txt", 3, "headway_secs -60"),
    ("a headway in words", lambda f: put(f, "frequencies", 2, headway_secs="ten"),
     "invalid_integer", "ERROR", "frequencies.txt", 2, "'ten'"),
    ("a period ending before it starts", lambda f: put(f, "frequencies", 3,
                                                       end_time="08:00:00"),
     "start_and_end_range_out_of_order", "ERROR", "frequencies.txt", 3, "09:00:00–08:00:00"),
    ("a period ending when it starts", lambda f: put(f, "frequencies", 3, end_time="09:00:00"),
     "start_and_end_range_equal", "ERROR", "frequencies.txt", 3, "Trip T1"),
    ("overlapping periods", lambda f: put(f, "frequencies", 3, start_time="08:00:00"),
     "overlapping_frequency", "ERROR", "frequencies.txt", 3,
     "Trip T1: the period starting at 08:00:00 begins before the previous one ends (09:00:00)"),
    ("a stop reached before leaving the previous one",
     lambda f: put(f, "stop_times", 4, arrival_time="06:04:00", departure_time="06:04:00"),
     "stop_time_with_arrival_before_previous_departure_time", "ERROR", "stop_times.txt", 4,
     "Trip T1 (stop sequence 3) arrives at 06:04:00"),
    ("leaving before arriving",
     lambda f: put(f, "stop_times", 3, arrival_time="06:06:00"),
     "start_and_end_range_out_of_order", "ERROR", "stop_times.txt", 3,
     "leaves at 06:05:00, before it arrives at 06:06:00"),
    ("an arrival without a departure", lambda f: put(f, "stop_times", 3, departure_time=""),
     "stop_time_with_only_arrival_or_departure_time", "ERROR", "stop_times.txt", 3,
     "Trip T1 (stop sequence 2)"),
    ("an untimed last stop",
     lambda f: put(f, "stop_times", 4, arrival_time="", departure_time=""),
     "missing_trip_edge", "ERROR", "stop_times.txt", 4, "Trip T1 (stop sequence 3)"),
    ("two stops at the same distance",
     lambda f: [put(f, "stop_times", r, shape_dist_traveled=d)
                for r, d in ((2, "0"), (3, "1111"), (4, "1111"))],
     "decreasing_or_equal_stop_time_distance", "ERROR", "stop_times.txt", 4,
     "Trip T1 (stop sequence 3) has shape_dist_traveled 1111"),
    ("a shape going back", lambda f: [put(f, "shapes", r, shape_dist_traveled=d) for r, d in (
        (2, "0"), (3, "556"), (4, "400"), (5, "2224"))],
     "decreasing_shape_distance", "ERROR", "shapes.txt", 4, "Shape SH1, point 3"),
    ("a trip going beyond its shape",
     lambda f: [put(f, "stop_times", r, shape_dist_traveled=d)
                for r, d in ((2, "0"), (3, "1112"), (4, "2300"))]
     + [put(f, "shapes", r, shape_dist_traveled=d)
        for r, d in ((2, "0"), (3, "556"), (4, "1112"), (5, "2224"))]
     + [put(f, "stops", 4, stop_lon="36.8203")],
     "trip_distance_exceeds_shape_distance", "ERROR", "stop_times.txt", 4,
     "Trip T1 ends at shape_dist_traveled 2300, beyond the end of its shape SH1"),
    ("a trip a little beyond its shape",
     lambda f: [put(f, "stop_times", r, shape_dist_traveled=d)
                for r, d in ((2, "0"), (3, "1112"), (4, "2300"))]
     + [put(f, "shapes", r, shape_dist_traveled=d)
        for r, d in ((2, "0"), (3, "556"), (4, "1112"), (5, "2224"))],
     "trip_distance_exceeds_shape_distance_below_threshold", "WARNING", "stop_times.txt", 4,
     "its last stop S3 is 0.0 m from that end"),
    ("a route number too long", lambda f: put(f, "routes", 2,
                                              route_short_name="Kibera-Town-Express"),
     "route_short_name_too_long", "WARNING", "routes.txt", 2,
     "Route R1 has the short name 'Kibera-Town-Express'"),
    ("a route with no name", lambda f: put(f, "routes", 2, route_short_name="",
                                           route_long_name=""),
     "route_both_short_and_long_name_missing", "ERROR", "routes.txt", 2, "Route R1"),
    ("a long name repeating the number", lambda f: put(f, "routes", 2,
                                                       route_long_name="8 - Kibera Town"),
     "route_long_name_contains_short_name", "WARNING", "routes.txt", 2, "Route R1"),
    ("a route colour in words", lambda f: put(f, "routes", 2, route_color="blue"),
     "invalid_color", "ERROR", "routes.txt", 2, "'blue'"),
    ("a time zone misspelt", lambda f: put(f, "agency", 2, agency_timezone="Africa/Nairobbi"),
     "invalid_timezone", "ERROR", "agency.txt", 2, "'Africa/Nairobbi'"),
    ("a web address without its scheme", lambda f: put(f, "agency", 2,
                                                       agency_url="example.org"),
     "invalid_url", "ERROR", "agency.txt", 2, "'example.org'"),
    ("a direction 2", lambda f: put(f, "trips", 2, direction_id="2"),
     "unexpected_enum_value", "WARNING", "trips.txt", 2, "Trip T1 has direction_id '2'"),
    ("a stop without a name", lambda f: put(f, "stops", 3, stop_name=""),
     "missing_stop_name", "ERROR", "stops.txt", 3, "Stop S2 has no stop_name"),
    ("a stop without a position", lambda f: put(f, "stops", 3, stop_lat=""),
     "stop_without_location", "ERROR", "stops.txt", 3, "Stop S2 has no position"),
    ("a stop at 0, 0", lambda f: put(f, "stops", 3, stop_lat="0.0", stop_lon="0.0"),
     "point_near_origin", "ERROR", "stops.txt", 3, "Stop S2 lies near latitude 0"),
    ("a trip stopping at a station", lambda f: put(f, "stops", 3, location_type="1"),
     "location_with_unexpected_stop_time", "ERROR", "stop_times.txt", 3, "stops at S2"),
    ("a station inside a station",
     lambda f: [append(f, "stops", stop_id="ST1", stop_name="Station", stop_lat="-1.3",
                       stop_lon="36.8", location_type="1"),
                append(f, "stops", stop_id="ST2", stop_name="Inner", stop_lat="-1.3",
                       stop_lon="36.8", location_type="1", parent_station="ST1")],
     "station_with_parent_station", "ERROR", "stops.txt", 6, "Stop ST2"),
    ("a trip with no stop times",
     lambda f: append(f, "trips", route_id="R1", service_id="D", trip_id="T2", shape_id="SH1"),
     "unused_trip", "WARNING", "trips.txt", 3, "Trip T2 has no stop times"),
    ("a trip with one stop time",
     lambda f: [append(f, "trips", route_id="R1", service_id="D", trip_id="T2"),
                append(f, "stop_times", trip_id="T2", arrival_time="07:00:00",
                       departure_time="07:00:00", stop_id="S1", stop_sequence="1")],
     "unusable_trip", "WARNING", "trips.txt", 3, "Trip T2"),
    ("a stop no trip serves",
     lambda f: append(f, "stops", stop_id="S4", stop_name="Four", stop_lat="-1.3",
                      stop_lon="36.83"),
     "stop_without_stop_time", "WARNING", "stops.txt", 5, "Stop S4 is served by no trip"),
    ("a shape no trip follows, of one point",
     lambda f: append(f, "shapes", shape_id="SH9", shape_pt_lat="-1.3", shape_pt_lon="36.8",
                      shape_pt_sequence="1"),
     "single_shape_point", "WARNING", "shapes.txt", 6, "Shape SH9"),
    ("a shape no trip follows",
     lambda f: append(f, "shapes", shape_id="SH9", shape_pt_lat="-1.3", shape_pt_lon="36.8",
                      shape_pt_sequence="1"),
     "unused_shape", "WARNING", "shapes.txt", 6, "Shape SH9 is followed by no trip"),
    ("a calendar over", lambda f: put(f, "calendar", 2, end_date="20260301"),
     "expired_calendar", "WARNING", "calendar.txt", 2, "Service D ran until 2026-03-01"),
    ("a feed ending in a fortnight", lambda f: put(f, "feed_info", 2, feed_end_date="20260615"),
     "feed_expiration_date30_days", "WARNING", "feed_info.txt", 2, "ends on 20260615"),
    ("a feed ending tomorrow", lambda f: put(f, "feed_info", 2, feed_end_date="20260602"),
     "feed_expiration_date7_days", "WARNING", "feed_info.txt", 2, "ends on 20260602"),
]


@pytest.mark.parametrize(("breakage", "code", "severity", "file", "row", "words"),
                         [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_each_rule_finds_what_was_broken(breakage: Breakage, code: str, severity: str,
                                         file: str, row: int | None, words: str):
    feed = small_feed()
    breakage(feed)
    check = check_feed(feed, today=TODAY)
    found = check.errors if severity == "ERROR" else check.warnings
    hits = [f for f in found if f.code == code]
    assert hits, check.summary()
    assert any(f.file == file and f.row == row and words in f.message for f in hits), hits
    assert all(f.message.endswith(".") and "\n" not in f.message for f in found)
    assert check.ok is (not check.errors)
    assert code in check.summary()


def test_times_past_midnight_are_valid():
    feed = small_feed()
    later = {"06:00:00": "25:10:00", "06:05:00": "25:15:00", "06:10:00": "25:20:00"}
    for column in ("arrival_time", "departure_time"):
        feed["stop_times"][column] = feed["stop_times"][column].map(later)
    put(feed, "frequencies", 3, end_time="26:30:00")
    feed["stop_times"].loc[0, "arrival_time"] = "5:00:00"  # one-digit hours are valid too
    feed["stop_times"].loc[0, "departure_time"] = "25:10:00"
    check = check_feed(feed, today=TODAY)
    assert check.ok, check.summary()
    assert not [f for f in check.warnings if f.code.startswith("fast_travel")]


def test_a_stop_far_from_the_shape_is_measured_in_metres():
    feed = small_feed()
    put(feed, "stops", 3, stop_lat="-1.3020")
    check = check_feed(feed, today=TODAY)
    (far,) = [f for f in check.warnings if f.code == "stop_too_far_from_shape"]
    assert (far.file, far.row) == ("stop_times.txt", 3)
    metres = int(re.search(r"is (\d+) m", far.message).group(1))
    # The nearest point of the shape is straight north: a geodesic along the meridian.
    assert metres == pytest.approx(GEOD.inv(36.81, -1.3020, 36.81, -1.3000)[2], abs=1)
    put(feed, "stops", 3, stop_lat="-1.3008")  # about 88 m: within 100 m
    assert check_feed(feed, today=TODAY).warnings == ()


def test_speeds_between_consecutive_and_far_stops():
    feed = small_feed()
    put(feed, "stop_times", 4, arrival_time="06:05:20", departure_time="06:05:20")
    check = check_feed(feed, today=TODAY)
    (fast,) = [f for f in check.warnings if f.code == "fast_travel_between_consecutive_stops"]
    assert fast.row == 4 and "from stop S2" in fast.message and "to stop S3" in fast.message
    kmh = GEOD.inv(36.81, -1.3, 36.82, -1.3)[2] / 1000 * 3600 / 20
    assert f"at {kmh:.0f} km/h" in fast.message and kmh > 150
    # Four stops 4.5 km apart a minute apart: each step is plausible once the minute of
    # rounding is allowed (135 km/h), but 13.5 km in 3 (+1) minutes is not (202 km/h).
    far = small_feed()
    far["stops"] = table([{"stop_id": f"F{n}", "stop_name": f"F{n}", "stop_lat": "0.5",
                           "stop_lon": f"{36 + n * 4.5 / 111.32:.6f}"} for n in range(4)])
    far["stop_times"] = table([{"trip_id": "T1", "arrival_time": f"06:0{n}:00",
                                "departure_time": f"06:0{n}:00", "stop_id": f"F{n}",
                                "stop_sequence": str(n + 1)} for n in range(4)])
    far.pop("shapes")
    far["trips"] = far["trips"].assign(shape_id="")
    check = check_feed(far, today=TODAY)
    assert not [f for f in check.warnings if f.code == "fast_travel_between_consecutive_stops"]
    (hit,) = [f for f in check.warnings if f.code == "fast_travel_between_far_stops"]
    assert hit.row == 5 and "from stop F0" in hit.message and "to stop F3" in hit.message
    along = sum(GEOD.inv(36 + n * 4.5 / 111.32, 0.5, 36 + (n + 1) * 4.5 / 111.32, 0.5)[2]
                for n in range(3)) / 1000
    assert f"{along:.1f} km along its stops" in hit.message
    assert f"at {along * 3600 / 240:.0f} km/h" in hit.message


def test_several_agencies_need_agency_ids():
    feed = small_feed()
    append(feed, "agency", agency_id="B", agency_name="Other", agency_url="https://b.org",
           agency_timezone="Africa/Nairobi")
    put(feed, "routes", 2, agency_id="")
    check = check_feed(feed, today=TODAY)
    assert [(f.code, f.file, f.row, f.field) for f in check.errors] == [
        ("missing_required_field", "routes.txt", 2, "agency_id")]


def test_garbage_anywhere_gives_findings_not_a_crash():
    garbage = ["", "abc", "-1", "1e309", "nan", "99999999999999999999", "25:61:00", "-95",
               "\ufeff1", "😀", "20261301", "inf"]
    for name in small_feed():
        feed = small_feed()
        frame = feed[name]
        for number, column in enumerate(frame.columns):
            frame[column] = [garbage[(number + row) % len(garbage)] for row in range(len(frame))]
        feed[name] = frame.drop(columns=frame.columns[0])  # and its first column gone
        check = check_feed(feed, today=TODAY)
        assert not check.ok
        assert all(isinstance(f, Finding) and f.message for f in check.errors)


# ---------------------------------------------------------------- the real feeds


def read_zip(path: Path) -> Tables:
    with zipfile.ZipFile(path) as archive:
        return {name.removesuffix(".txt"): pd.read_csv(io.BytesIO(archive.read(name)),
                                                       dtype=str, keep_default_na=False)
                for name in archive.namelist()}


@pytest.fixture(scope="module")
def accra(data_dir: Path) -> Tables:
    return read_zip(data_dir / "gtfs" / "accra_trotro.zip")


@pytest.fixture(scope="module")
def nairobi(data_dir: Path) -> Tables:
    folder = data_dir / "more" / "nairobi_matatu_gtfs"
    return {path.stem: pd.read_csv(path, dtype=str, keep_default_na=False)
            for path in folder.glob("*.csv")}


def far_pairs_brute_force(tables: Tables) -> dict[tuple[str, str], float]:
    """Distance (m) of every (shape, stop) pair a trip makes: one shapely line per shape
    built row by row, one pair at a time, in an azimuthal equidistant projection centred
    on the feed (the check uses the UTM zone and vectorised shapely)."""
    points: dict[str, list[tuple[int, float, float]]] = {}
    for shape_id, lat, lon, sequence in tables["shapes"][
            ["shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence"]].itertuples(
            index=False, name=None):
        points.setdefault(shape_id, []).append((int(sequence), float(lon), float(lat)))
    lons = [lon for rows in points.values() for _n, lon, _lat in rows]
    lats = [lat for rows in points.values() for _n, _lon, lat in rows]
    local = CRS.from_proj4(f"+proj=aeqd +lat_0={sum(lats) / len(lats)} "
                           f"+lon_0={sum(lons) / len(lons)} +ellps=WGS84")
    to_local = Transformer.from_crs("EPSG:4326", local, always_xy=True)
    shape_of = {}
    for shape_id, rows in points.items():
        _n, lon, lat = zip(*sorted(rows), strict=True)
        shape_of[shape_id] = shapely.LineString(list(zip(*to_local.transform(lon, lat),
                                                         strict=True)))
    stops = tables["stops"]
    stop_at = {stop_id: shapely.Point(to_local.transform(float(lon), float(lat)))
               for stop_id, lat, lon in zip(stops["stop_id"], stops["stop_lat"],
                                            stops["stop_lon"], strict=True)}
    pairs = tables["stop_times"].merge(tables["trips"], on="trip_id")[["shape_id", "stop_id"]]
    return {(shape_id, stop_id): shape_of[shape_id].distance(stop_at[stop_id])
            for shape_id, stop_id in set(pairs.itertuples(index=False, name=None))}


def far_pairs_found(check: FeedCheck, tables: Tables) -> set[tuple[str, str]]:
    trips = dict(zip(tables["trips"]["trip_id"], tables["trips"]["shape_id"], strict=True))
    found = set()
    for finding in check.warnings:
        if finding.code == "stop_too_far_from_shape":
            stop, trip = re.match(r"Stop (\S+) of trip (\S+) ", finding.message).groups()
            found.add((trips[trip], stop))
    return found


def test_accra_has_no_error_and_its_far_stops_are_those_measured_by_brute_force(
        accra: Tables):
    check = check_feed(accra, today=dt.date(2026, 1, 1))
    assert check.ok, check.summary()
    # The calendar (2019-03-04 to 2020-01-31) has expired: warnings, as in the validator.
    assert {f.code for f in check.warnings} == {"stop_too_far_from_shape", "expired_calendar",
                                                "feed_expiration_date7_days"}
    distances = far_pairs_brute_force(accra)
    found = far_pairs_found(check, accra)
    surely_far = {pair for pair, metres in distances.items() if metres > 100.5}
    maybe_far = {pair for pair, metres in distances.items() if metres > 99.5}
    assert surely_far <= found <= maybe_far
    assert len(found) == 455
    # Stop times at every stop of every trip: no (shape, stop) pair is missed.
    assert len(distances) == len(accra["stop_times"].merge(accra["trips"], on="trip_id")[
        ["shape_id", "stop_id"]].drop_duplicates())


def test_nairobi_has_no_error_and_its_unserved_stops_are_counted(nairobi: Tables):
    check = check_feed(nairobi, today=dt.date(2014, 6, 1))
    assert check.ok, check.summary()
    stops = nairobi["stops"]
    plain = set(stops.loc[stops["location_type"].isin(["", "0"]), "stop_id"])
    unserved = plain - set(nairobi["stop_times"]["stop_id"])
    found = {f.message.split()[1] for f in check.warnings if f.code == "stop_without_stop_time"}
    assert found == unserved and len(found) == 1073
    assert {f.code for f in check.warnings} == {"stop_without_stop_time",
                                                "stop_too_far_from_shape"}


def clock(text: str) -> int:
    hours, minutes, seconds = (int(part) for part in text.split(":"))
    return hours * 3600 + minutes * 60 + seconds


def test_accra_broken_on_purpose(accra: Tables):
    feed = {name: frame.copy() for name, frame in accra.items()}
    # A stop moved 30 km east: every trip serving it now runs impossibly fast to or from it.
    stops = feed["stops"]
    moved = stops.loc[stops["location_type"] == "0", "stop_id"].iloc[100]
    where = stops["stop_id"] == moved
    lat, lon = float(stops.loc[where, "stop_lat"].iloc[0]), float(stops.loc[where,
                                                                           "stop_lon"].iloc[0])
    stops.loc[where, "stop_lon"] = f"{GEOD.fwd(lon, lat, 90, 30_000)[0]:.7f}"
    # A stop time at an unknown stop, a duplicated trip, a time past midnight (valid).
    times = feed["stop_times"]
    times.loc[7, "stop_id"] = "NOT-A-STOP"
    late = times["trip_id"] == times.loc[0, "trip_id"]
    for column in ("arrival_time", "departure_time"):
        times.loc[late, column] = times.loc[late, column].map(
            lambda t: f"{int(t[:2]) + 20}{t[2:]}")
    assert times.loc[0, "arrival_time"] == "26:00:00"
    feed["trips"] = pd.concat([feed["trips"], feed["trips"].iloc[[3]]], ignore_index=True)
    check = check_feed(feed, today=dt.date(2019, 6, 1))
    assert [(f.code, f.file, f.row) for f in check.errors] == [
        ("duplicate_key", "trips.txt", len(accra["trips"]) + 2),
        ("foreign_key_violation", "stop_times.txt", 9)]
    assert times.loc[7, "trip_id"] in check.errors[1].message
    # Brute force: consecutive stops around the moved one, geodesic distance over time.
    where_is = {stop_id: (float(lon), float(lat)) for stop_id, lat, lon in zip(
        stops["stop_id"], stops["stop_lat"], stops["stop_lon"], strict=True)}
    by_trip: dict[str, list[tuple[int, str, str, str]]] = {}
    for trip_id, stop_id, sequence, arrival, departure in zip(
            times["trip_id"], times["stop_id"], times["stop_sequence"], times["arrival_time"],
            times["departure_time"], strict=True):
        if stop_id in where_is:
            by_trip.setdefault(trip_id, []).append((int(sequence), stop_id, arrival, departure))
    expected = set()
    for trip_id, rows in by_trip.items():
        rows.sort()
        for (_n, a, _arr, leaving), (_m, b, arriving, _dep) in zip(rows, rows[1:],
                                                                 strict=False):
            if moved not in (a, b):
                continue
            metres = GEOD.inv(*where_is[a], *where_is[b])[2]
            arrive, leave = clock(arriving), clock(leaving)
            span = arrive - leave if arrive > leave else 60
            if arrive > leave and arrive % 60 == leave % 60 == 0:
                span += 60  # the validator's allowance for times rounded to the minute
            if metres / 1000 * 3600 / span > 150:
                expected.add((trip_id, b))
    found = {re.match(r"Trip (\S+) goes from stop \S+ \(leaving \S+\) to stop (\S+)",
                      f.message).groups()
             for f in check.warnings if f.code == "fast_travel_between_consecutive_stops"}
    assert found == expected and len(expected) >= 2


def test_summary_is_short_plain_text():
    feed = small_feed()
    for row in (2, 3, 4):
        put(feed, "stop_times", row, stop_id=f"X{row}")
    check = check_feed(feed, today=TODAY)
    text = check.summary(examples=2)
    assert text.splitlines()[0].startswith("The feed has 3 errors and ")
    assert "  foreign_key_violation (3):" in text and "… and 1 more." in text
    assert isinstance(check.errors[0], Finding)


# ---------------------------------------------------------------- the project's own exports


def add_feature(connection, table_name: str, geometry, tags: dict[str, str], **extra) -> str:
    row = {"uuid": str(uuid.uuid4()), "name": tags.get("name"), "tags": json.dumps(tags),
           "contributor": "Amina", "mapping_session": "2026-05-04",
           "created_at": "2026-05-04T09:30:00Z", "modified_at": "2026-05-04T10:05:00Z",
           "version": 1, "review_status": "verified", "geom": gpkg.encode_geometry(geometry),
           **extra}
    connection.execute(f"INSERT INTO {table_name} ({', '.join(row)}) VALUES "
                       f"({', '.join('?' for _ in row)})", tuple(row.values()))
    return row["uuid"]


JUNCTION = (36.7850, -1.3120)
LINE_8 = [(36.7800, -1.3150), JUNCTION, (36.7950, -1.3090)]
ROUTE_44 = [(36.7850, -1.3200), (36.78501, -1.31213), (36.7851, -1.3050)]
SHORT = [(36.8000, -1.3200), (36.8050, -1.3200)]
PAST_END = [(GEOD.fwd(36.805, -1.32, 90, 150)[0], -1.32), (GEOD.fwd(36.805, -1.32, 90, 300)[0],
                                                          -1.32)]
LOOP = [(36.7900, -1.3000), (36.7950, -1.3000), (36.7950, -1.3050), (36.7900, -1.3050),
        (36.7900, -1.3000)]


@pytest.fixture(scope="module")
def lines_project(kibera_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Kibera with a two-way line, the two one-way lines of an imported route sharing a
    stop (by gtfs:stop_id) with it, and a loop."""
    path = tmp_path_factory.mktemp("gtfs_check") / "k.gpkg"
    path.write_bytes(kibera_project.read_bytes())
    connection = gpkg.connect(path)
    with gpkg.transaction(connection):
        def line(points, tags, stops):
            uuid_ = add_feature(connection, "transport_lines", shapely.LineString(points), tags)
            for number, (point, stop_tags) in enumerate(stops, start=1):
                add_feature(connection, "transport_stops", shapely.Point(point), stop_tags,
                            line_uuid=uuid_, stop_sequence=number)
        line(LINE_8, {"ref": "8", "name": "Kibera – Town", "interval": "10"},
             [(LINE_8[0], {"name": "Olympic"}),
              (JUNCTION, {"name": "Junction", "gtfs:stop_id": "S-JUNCTION"}),
              (LINE_8[2], {"name": "Adams"})])
        for direction, points in (("0", ROUTE_44), ("1", ROUTE_44[::-1])):
            line(points, {"ref": "44", "name": "Toi – Ngong Road", "interval": "15",
                          "gtfs:route_id": "R-44", "gtfs:direction_id": direction,
                          "oneway": "yes"},
                 [(points[0], {"name": "End " + direction}),
                  (points[1], {"name": "Junction (44)", "gtfs:stop_id": "S-JUNCTION"}),
                  (points[2], {"name": "Other end " + direction})])
        # Its last two stops were put past the line's end (150 m and 300 m on).
        line(SHORT, {"ref": "T", "name": "Too short", "interval": "20"},
             [(SHORT[0], {"name": "Start"}), (PAST_END[0], {"name": "Past the end"}),
              (PAST_END[1], {"name": "Further past"})])
        line(LOOP, {"ref": "L", "name": "Loop", "interval": "5"},
             [(LOOP[0], {"name": "Stand"}), (LOOP[2], {"name": "Far corner"}),
              (LOOP[4], {"name": "Stand again"})])
    connection.close()
    return path


def test_the_export_passes_the_check_and_reads_in_gtfs_kit(lines_project: Path, tmp_path: Path):
    gtfs_kit = pytest.importorskip("gtfs_kit")
    from mapping.export import export

    out = tmp_path / "lines.zip"
    report = export(lines_project, out)
    assert any("passes the GTFS check" in note for note in report.notes), report.notes
    feed = read_zip(out)
    assert check_feed(feed).ok
    # The shared stop is one stop, where and as the first line has it.
    junction = feed["stops"][feed["stops"]["stop_id"] == "S-JUNCTION"]
    assert len(junction) == 1 and junction["stop_name"].iloc[0] == "Junction"
    assert (float(junction["stop_lon"].iloc[0]), float(junction["stop_lat"].iloc[0])) == \
        pytest.approx(JUNCTION)
    assert len(feed["stops"]) == 3 + 2 * 2 + 3 + 3
    # The imported route is one route with a trip each way; the other lines keep theirs.
    routes = feed["routes"]
    assert routes["route_id"].tolist().count("R-44") == 1 and len(routes) == 4
    trips = feed["trips"]
    assert sorted(trips.loc[trips["route_id"] == "R-44", "direction_id"]) == ["0", "1"]
    assert len(trips) == 2 + 2 + 2 + 1  # 8 and T both ways, 44's two lines, the loop once
    assert trips["trip_id"].is_unique
    # Distances strictly increase along each trip and never pass the end of its shape.
    times = feed["stop_times"].assign(d=lambda t: t["shape_dist_traveled"].astype(float))
    shape_ends = feed["shapes"].assign(d=lambda t: t["shape_dist_traveled"].astype(float)
                                       ).groupby("shape_id")["d"].max()
    for trip_id, rows in times.groupby("trip_id"):
        assert rows["d"].diff().dropna().gt(0).all()
        shape_id = trips.loc[trips["trip_id"] == trip_id, "shape_id"].iloc[0]
        assert rows["d"].max() <= shape_ends[shape_id]
    # The stops put past the end of line T are said to be far from its shape: a warning.
    far_notes = [n for n in report.notes if "from the trip's shape" in n]
    assert len(far_notes) == 4 and all(n.endswith("(Line T)") for n in far_notes), report.notes
    # The loop's last stop lies at its end.
    loop_trip = trips.loc[trips["route_id"].isin(routes.loc[routes["route_short_name"] == "L",
                                                            "route_id"]), "trip_id"].iloc[0]
    loop_length = GEOD.geometry_length(shapely.LineString(LOOP))
    assert times.loc[times["trip_id"] == loop_trip, "d"].tolist() == pytest.approx(
        [0, loop_length / 2, loop_length], rel=0.002)
    # Read by gtfs-kit, with the same counts.
    kit = gtfs_kit.read_feed(out, dist_units="m")
    assert (len(kit.routes), len(kit.trips), len(kit.stops)) == (4, 7, 13)
    stats = kit.compute_trip_stats()
    assert stats["num_stops"].tolist() == [3] * 7
    assert stats["speed"].round(1).tolist() == [15.0] * 7
    # Each stop within 100 m of its trip's shape, by brute force in UTM 37S (but those put
    # past the end of line T).
    utm = Transformer.from_crs("EPSG:4326", "EPSG:32737", always_xy=True)
    shapes = kit.get_shapes(as_gdf=True).to_crs("EPSG:32737").set_index("shape_id").geometry
    for row in kit.stop_times.merge(kit.trips, on="trip_id").merge(
            kit.stops, on="stop_id").itertuples():
        point = shapely.Point(utm.transform(row.stop_lon, row.stop_lat))
        far = shapes[row.shape_id].distance(point)
        assert far < 100 if "past" not in row.stop_name.lower() else far == pytest.approx(
            150 if row.stop_name == "Past the end" else 300, abs=1)


def test_an_export_breaking_a_rule_is_refused_in_plain_words(lines_project: Path,
                                                             tmp_path: Path, capsys):
    from desktop.cli import main
    from mapping.export import export

    path = tmp_path / "typo.gpkg"
    path.write_bytes(lines_project.read_bytes())
    connection = gpkg.connect(path)
    with gpkg.transaction(connection):
        line = add_feature(connection, "transport_lines", shapely.LineString(LINE_8),
                           {"ref": "99", "interval": "0.001"})  # a wait of 0.06 s: a typo
        for number, point in enumerate((LINE_8[0], LINE_8[2]), start=1):
            add_feature(connection, "transport_stops", shapely.Point(point), {"name": "x"},
                        line_uuid=line, stop_sequence=number)
    connection.close()
    out = tmp_path / "typo.zip"
    with pytest.raises(ValidationError) as refused:
        export(path, out)
    words = str(refused.value)
    assert words.startswith("typo.zip was not written: journey planners would refuse the "
                            "feed (MobilityData's GTFS validator finds 2 errors).")
    assert f"Trip {line}_0 has headway_secs 0, but it must be more than 0. (Line 99)" in words
    assert not out.exists() and list(tmp_path.glob("*.zip")) == []
    assert main(["export", str(path), "--to", str(out)]) == 2
    err = capsys.readouterr().err
    assert "typo.zip was not written" in err and "Line 99" in err and "Traceback" not in err
    assert not out.exists()


# ---------------------------------------------------------------- quartier gtfs-check


def test_gtfs_check_command(data_dir: Path, tmp_path: Path, capsys):
    from desktop.cli import main

    accra_zip = str(data_dir / "gtfs" / "accra_trotro.zip")
    assert main(["gtfs-check", accra_zip, "--date", "2019-06-01", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["ok"] is True and answer["errors"] == []
    assert answer["counts"] == {"stop_too_far_from_shape": 455}
    assert answer["warnings"][0]["file"] == "stop_times.txt"
    # A feed folder with a stop time at an unknown stop: exit 1 and the sentence.
    feed = small_feed()
    put(feed, "stop_times", 3, stop_id="S99")
    folder = tmp_path / "feed"
    folder.mkdir()
    for name, frame in feed.items():
        frame.to_csv(folder / f"{name}.txt", index=False)
    assert main(["gtfs-check", str(folder), "--date", "2026-06-01"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("feed: The feed has 1 error and 1 warning.")  # S2 now unserved
    assert "Trip T1 stops at stop S99, which stops.txt does not list." in out
    assert main(["gtfs-check", str(tmp_path / "missing.zip")]) == 2
    err = capsys.readouterr().err
    assert "missing.zip" in err and "Traceback" not in err and err.count("\n") == 1
