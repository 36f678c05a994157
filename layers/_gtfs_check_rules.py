"""The GTFS rules on files, keys, values and timetables (geometry is in ``_gtfs_check_geometry``).

Each rule is named after, and follows, a validator of MobilityData's
gtfs-validator; each looks at whole columns at once.
"""

from __future__ import annotations

import re
import zoneinfo

import numpy as np
import pandas as pd

from layers._gtfs_check_tables import PRIMARY_KEYS, FeedTables, isin, say
from layers.i18n import N_, tr

#: Files a feed must have (``missing_required_file`` when absent).
REQUIRED_FILES = ("agency", "stops", "routes", "trips", "stop_times")
#: Columns each file must have, when the file is there.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "agency": ("agency_name", "agency_url", "agency_timezone"),
    "stops": ("stop_id",),
    "routes": ("route_id", "route_type"),
    "trips": ("route_id", "service_id", "trip_id"),
    "stop_times": ("trip_id", "stop_id", "stop_sequence"),
    "calendar": ("service_id", "monday", "tuesday", "wednesday", "thursday", "friday",
                 "saturday", "sunday", "start_date", "end_date"),
    "calendar_dates": ("service_id", "date", "exception_type"),
    "shapes": ("shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence"),
    "frequencies": ("trip_id", "start_time", "end_time", "headway_secs"),
    "fare_attributes": ("fare_id", "price", "currency_type", "payment_method"),
    "fare_rules": ("fare_id",),
    "feed_info": ("feed_publisher_name", "feed_publisher_url", "feed_lang"),
}
#: file, column, referenced file, referenced column, and the sentence ({row}, {value}).
FOREIGN_KEYS: tuple[tuple[str, str, str, str, str], ...] = (
    ("routes", "agency_id", "agency", "agency_id",
     N_("{row} is run by agency {value}, which agency.txt does not list.")),
    ("trips", "route_id", "routes", "route_id",
     N_("{row} belongs to route {value}, which routes.txt does not list.")),
    ("trips", "shape_id", "shapes", "shape_id",
     N_("{row} follows shape {value}, which shapes.txt does not list.")),
    ("stop_times", "trip_id", "trips", "trip_id",
     N_("{row} has stop times, but trip {value} is not in trips.txt.")),
    ("stop_times", "stop_id", "stops", "stop_id",
     N_("{row} stops at stop {value}, which stops.txt does not list.")),
    ("stops", "parent_station", "stops", "stop_id",
     N_("{row} is in station {value}, which stops.txt does not list.")),
    ("frequencies", "trip_id", "trips", "trip_id",
     N_("{row} has frequencies, but trip {value} is not in trips.txt.")),
    ("fare_attributes", "agency_id", "agency", "agency_id",
     N_("{row} is set by agency {value}, which agency.txt does not list.")),
    ("fare_rules", "fare_id", "fare_attributes", "fare_id",
     N_("{row} refers to fare {value}, which fare_attributes.txt does not list.")),
    ("fare_rules", "route_id", "routes", "route_id",
     N_("{row} applies to route {value}, which routes.txt does not list.")),
    ("fare_rules", "origin_id", "stops", "zone_id",
     N_("{row} starts in zone {value}, which no stop in stops.txt is in.")),
    ("fare_rules", "destination_id", "stops", "zone_id",
     N_("{row} ends in zone {value}, which no stop in stops.txt is in.")),
    ("fare_rules", "contains_id", "stops", "zone_id",
     N_("{row} crosses zone {value}, which no stop in stops.txt is in.")),
)
#: Longest ``route_short_name`` the validator accepts without a warning.
SHORT_NAME_LENGTH = 12
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ROUTE_TYPES = (0, 1, 2, 3, 4, 5, 6, 7, 11, 12)
_URL = r"^https?://[^\s/$.?#][^\s]*$"
#: (file, column, allowed values) of enumerated fields (``unexpected_enum_value``).
_ENUMS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("stops", "location_type", ("0", "1", "2", "3", "4")),
    ("trips", "direction_id", ("0", "1")),
    ("stop_times", "pickup_type", ("0", "1", "2", "3")),
    ("stop_times", "drop_off_type", ("0", "1", "2", "3")),
    ("stop_times", "timepoint", ("0", "1")),
    ("frequencies", "exact_times", ("0", "1")),
    ("calendar_dates", "exception_type", ("1", "2")),
    *(("calendar", day, ("0", "1")) for day in _DAYS),
)
#: (file, column, whole number?, lowest, highest) of numeric fields.
_NUMBERS: tuple[tuple[str, str, bool, float, float], ...] = (
    ("stops", "stop_lat", False, -90, 90), ("stops", "stop_lon", False, -180, 180),
    ("shapes", "shape_pt_lat", False, -90, 90), ("shapes", "shape_pt_lon", False, -180, 180),
    ("shapes", "shape_pt_sequence", True, 0, np.inf),
    ("shapes", "shape_dist_traveled", False, 0, np.inf),
    ("stop_times", "stop_sequence", True, 0, np.inf),
    ("stop_times", "shape_dist_traveled", False, 0, np.inf),
    ("frequencies", "headway_secs", True, 1, np.inf),
    ("routes", "route_type", True, 0, np.inf),
    ("fare_attributes", "price", False, 0, np.inf),
    ("fare_attributes", "transfer_duration", True, 0, np.inf),
)


def files(feed: FeedTables) -> None:
    """Required files, columns and values."""
    for name in REQUIRED_FILES:
        if name not in feed.tables:
            feed.add("missing_required_file", name, [None], "",
                     [tr("The feed has no {file}, which every GTFS feed must have.",
                         file=f"{name}.txt")])
    if "calendar" not in feed.tables and "calendar_dates" not in feed.tables:
        feed.add("missing_calendar_and_calendar_date_files", "calendar", [None], "",
                 [tr("The feed has neither calendar.txt nor calendar_dates.txt: nothing says "
                     "on which days its trips run.")])
    required = dict(REQUIRED_COLUMNS)
    if feed.has("agency") and len(feed.tables["agency"]) > 1:
        for name in ("agency", "routes", "fare_attributes"):
            required[name] = (*required[name], "agency_id")
    for name, columns in required.items():
        if name not in feed.tables:
            continue
        for column in columns:
            if column not in feed.tables[name].columns:
                feed.add("missing_required_column", name, [None], column,
                         [tr("{file} has no {column} column, which it must have.",
                             file=f"{name}.txt", column=column)])
                continue
            feed.flag("missing_required_field", name, feed.tables[name][column] == "", column,
                      lambda rows, c=column, n=name: say(
                          N_("{row} has no {column}, which it must have."),
                          row=feed.names(n, rows), column=c))


def duplicates(feed: FeedTables) -> None:
    """``duplicate_key``: two rows with the same id."""
    for name, key in PRIMARY_KEYS.items():
        if not feed.has(name, key[0]):
            continue
        table = feed.tables[name]
        present = [c for c in key if c in table.columns]
        if len(present) < len(key) and name != "fare_rules":
            continue
        values = pd.DataFrame({  # 1 and 01 are the same sequence number
            column: feed.number(name, column, integer=True)[0] if column.endswith("sequence")
            else feed.codes(name, column) for column in present})
        what = ", ".join(present)
        feed.flag("duplicate_key", name, values.duplicated(keep="first"), present[0],
                  lambda rows, n=name, w=what: say(
                      N_("{row} is listed twice in {file} (same {columns})."),
                      row=feed.names(n, rows), file=f"{n}.txt", columns=w))


def foreign_keys(feed: FeedTables) -> None:
    """``foreign_key_violation``: a reference to a row that is not there."""
    for name, column, parent, parent_column, sentence in FOREIGN_KEYS:
        if not feed.has(name, column):
            continue
        values = feed.tables[name][column]
        known = (feed.tables[parent][parent_column] if feed.has(parent, parent_column)
                 else pd.Series([], dtype=str))
        feed.flag("foreign_key_violation", name, (values != "") & ~isin(values, known), column,
                  lambda rows, n=name, c=column, s=sentence: say(
                      s, row=say(N_("Trip {id}"), id=rows["trip_id"])
                      if n == "stop_times" and "trip_id" in rows else feed.names(n, rows),
                      value=rows[c]))
    if feed.has("trips", "service_id"):
        services = feed.tables["trips"]["service_id"]
        known = pd.concat([feed.tables[n]["service_id"] for n in ("calendar", "calendar_dates")
                           if feed.has(n, "service_id")] or [pd.Series([], dtype=str)])
        feed.flag("foreign_key_violation", "trips", (services != "") & ~isin(services, known),
                  "service_id", lambda rows: say(
                      N_("{row} runs on service {value}, which neither calendar.txt nor "
                         "calendar_dates.txt lists."),
                      row=feed.names("trips", rows), value=rows["service_id"]))


def values(feed: FeedTables) -> None:
    """Times, dates, numbers, enumerations, time zones, web addresses, colours."""
    for name, columns in (("stop_times", ("arrival_time", "departure_time")),
                          ("frequencies", ("start_time", "end_time"))):
        for column in columns:
            if feed.has(name, column):
                feed.flag("invalid_time", name, feed.seconds(name, column)[1], column,
                          lambda rows, n=name, c=column: say(
                              N_("{row} has {column} '{value}', which is not a time like "
                                 "07:30:00 (or 25:10:00 after midnight)."),
                              row=feed.names(n, rows), column=c, value=rows[c]))
    for name, column in (("calendar", "start_date"), ("calendar", "end_date"),
                         ("calendar_dates", "date"), ("feed_info", "feed_start_date"),
                         ("feed_info", "feed_end_date")):
        if feed.has(name, column):
            feed.flag("invalid_date", name, feed.date(name, column)[1], column,
                      lambda rows, n=name, c=column: say(
                          N_("{row} has {column} '{value}', which is not a date like 20250131."),
                          row=feed.names(n, rows), column=c, value=rows[c]))
    for name, column, integer, low, high in _NUMBERS:
        if not feed.has(name, column):
            continue
        numbers, invalid = feed.number(name, column, integer=integer)
        kind = (N_("{row} has {column} '{value}', which is not a whole number.") if integer
                else N_("{row} has {column} '{value}', which is not a number."))
        feed.flag("invalid_integer" if integer else "invalid_float", name, invalid, column,
                  lambda rows, n=name, c=column, k=kind: say(
                      k, row=feed.names(n, rows), column=c, value=rows[c]))
        rule = (N_("{row} has {column} {value}, but it must be more than 0.") if low == 1
                else N_("{row} has {column} {value}, but it cannot be negative.")
                if high == np.inf
                else N_("{row} has {column} {value}, but it must be between {low:g} and "
                        "{high:g}."))
        with np.errstate(invalid="ignore"):
            out = (numbers < low) | (numbers > high)
        feed.flag("number_out_of_range", name, out, column,
                  lambda rows, n=name, c=column, r=rule, a=low, b=high: say(
                      r, row=feed.names(n, rows), column=c, value=rows[c], low=a, high=b))
    if feed.has("routes", "route_type"):
        kinds = feed.number("routes", "route_type", integer=True)[0]
        unknown = (kinds >= 0) & ~np.isin(kinds, _ROUTE_TYPES) & ~((kinds >= 100)
                                                                   & (kinds <= 1702))
        feed.flag("unexpected_enum_value", "routes", unknown, "route_type",
                  lambda rows: say(N_("{row} has route_type {value}, which is not a GTFS "
                                      "route type."),
                                   row=feed.names("routes", rows), value=rows["route_type"]))
    for name, column, allowed in _ENUMS:
        if feed.has(name, column):
            text = feed.tables[name][column]
            feed.flag("unexpected_enum_value", name, (text != "") & ~isin(text, allowed),
                      column, lambda rows, n=name, c=column, a=allowed: say(
                          N_("{row} has {column} '{value}'; GTFS allows {allowed}."),
                          row=feed.names(n, rows), column=c, value=rows[c],
                          allowed=", ".join(a)))
    if feed.has("agency", "agency_timezone"):
        zones = feed.tables["agency"]["agency_timezone"]
        feed.flag("invalid_timezone", "agency",
                  (zones != "") & ~isin(zones, zoneinfo.available_timezones()),
                  "agency_timezone", lambda rows: say(
                      N_("{row} has time zone '{value}', which is not a zone name like "
                         "Africa/Accra."),
                      row=feed.names("agency", rows), value=rows["agency_timezone"]))
    for name, column in (("agency", "agency_url"), ("feed_info", "feed_publisher_url"),
                         ("routes", "route_url"), ("stops", "stop_url")):
        if feed.has(name, column):
            text = feed.tables[name][column]
            feed.flag("invalid_url", name, (text != "") & ~text.str.match(_URL), column,
                      lambda rows, n=name, c=column: say(
                          N_("{row} has {column} '{value}', which is not a web address "
                             "(https://…)."),
                          row=feed.names(n, rows), column=c, value=rows[c]))
    for column in ("route_color", "route_text_color"):
        if feed.has("routes", column):
            text = feed.tables["routes"][column]
            feed.flag("invalid_color", "routes",
                      (text != "") & ~text.str.fullmatch(r"[0-9A-Fa-f]{6}"), column,
                      lambda rows, c=column: say(
                          N_("{row} has {column} '{value}', which is not a colour like 1779C2."),
                          row=feed.names("routes", rows), column=c, value=rows[c]))


def ranges(feed: FeedTables) -> None:
    """Start before end: frequencies, stop times, calendars, feed dates."""
    if feed.has("frequencies", "start_time", "end_time"):
        start = feed.seconds("frequencies", "start_time")[0]
        end = feed.seconds("frequencies", "end_time")[0]
        for code, mask, says in (
                ("start_and_end_range_out_of_order", start > end,
                 N_("{row}: the period {start}–{end} ends before it starts.")),
                ("start_and_end_range_equal", start == end,
                 N_("{row}: the period {start}–{end} ends when it starts."))):
            feed.flag(code, "frequencies", mask, "start_time",
                      lambda rows, s=says: say(s, row=feed.names("frequencies", rows),
                                               start=rows["start_time"],
                                               end=rows["end_time"]))
    if feed.has("stop_times", "arrival_time", "departure_time"):
        arrival = feed.seconds("stop_times", "arrival_time")[0]
        departure = feed.seconds("stop_times", "departure_time")[0]
        feed.flag("start_and_end_range_out_of_order", "stop_times", arrival > departure,
                  "arrival_time", lambda rows: say(
                      N_("{row}: the vehicle leaves at {departure}, before it arrives at "
                         "{arrival}."), row=feed.names("stop_times", rows),
                      departure=rows["departure_time"], arrival=rows["arrival_time"]))
    for name, first, last in (("calendar", "start_date", "end_date"),
                              ("feed_info", "feed_start_date", "feed_end_date")):
        if feed.has(name, first, last):
            begin, end = feed.date(name, first)[0], feed.date(name, last)[0]
            feed.flag("start_and_end_range_out_of_order", name, begin > end, first,
                      lambda rows, n=name, a=first, b=last: say(
                          N_("{row} ends on {end}, before it starts on {start}."),
                          row=feed.names(n, rows), end=rows[b], start=rows[a]))


def frequencies(feed: FeedTables) -> None:
    """``overlapping_frequency``: periods of one trip must not overlap."""
    if not feed.has("frequencies", "trip_id", "start_time", "end_time"):
        return
    table = feed.tables["frequencies"].assign(
        _start=feed.seconds("frequencies", "start_time")[0],
        _end=feed.seconds("frequencies", "end_time")[0])
    table = table.dropna(subset=["_start", "_end"]).sort_values(
        ["trip_id", "_start", "_end"], kind="stable")
    overlap = (table["trip_id"].eq(table["trip_id"].shift())
               & (table["_start"] < table["_end"].shift()))
    table["_previous_end"] = table["end_time"].shift()
    feed.flag("overlapping_frequency", "frequencies", overlap, "start_time",
              lambda rows: say(N_("Trip {id}: the period starting at {start} begins before "
                                  "the previous one ends ({end})."), id=rows["trip_id"],
                               start=rows["start_time"], end=rows["_previous_end"]),
              table=table)


def previous_known(values: pd.Series, groups: pd.Series) -> pd.Series:
    """For each row, the last non-missing value before it in its group (rows in order)."""
    keys = groups.to_numpy()
    return values.groupby(keys).shift().groupby(keys).ffill()


def stop_times(feed: FeedTables) -> None:
    """Times along each trip: both or none, both ends timed, never back in time."""
    if not feed.has("stop_times", "trip_id", "stop_sequence"):
        return
    sequence = feed.number("stop_times", "stop_sequence", integer=True)[0]
    table = feed.tables["stop_times"].assign(
        _code=feed.codes("stop_times", "trip_id"),
        _arrival=feed.seconds("stop_times", "arrival_time")[0]
        if feed.has("stop_times", "arrival_time") else np.nan,
        _departure=feed.seconds("stop_times", "departure_time")[0]
        if feed.has("stop_times", "departure_time") else np.nan,
        _distance=feed.number("stop_times", "shape_dist_traveled")[0]
        if feed.has("stop_times", "shape_dist_traveled") else np.nan,
    ).iloc[feed.order("stop_times", "trip_id", sequence)]
    name = "stop_times"
    if feed.has(name, "arrival_time", "departure_time"):
        arrival, departure = table["_arrival"].to_numpy(), table["_departure"].to_numpy()
        feed.flag("stop_time_with_only_arrival_or_departure_time", name,
                  np.isnan(arrival) != np.isnan(departure), "arrival_time",
                  lambda rows: say(N_("{row} has an arrival or a departure time but not both."),
                                   row=feed.names(name, rows)), table=table)
        trips = table["_code"].to_numpy()
        ends = np.r_[True, trips[1:] != trips[:-1]] | np.r_[trips[1:] != trips[:-1], True]
        feed.flag("missing_trip_edge", name, ends & (np.isnan(arrival) | np.isnan(departure)),
                  "arrival_time", lambda rows: say(
                      N_("{row} is the first or last stop of its trip but has no arrival or "
                         "departure time; both ends of a trip must be timed."),
                      row=feed.names(name, rows)), table=table)
        left = previous_known(table["_departure"], table["_code"]).to_numpy()
        table["_left"] = left
        feed.flag("stop_time_with_arrival_before_previous_departure_time", name,
                  arrival < left, "arrival_time", lambda rows: say(
                      N_("{row} arrives at {arrival}, before the vehicle left the previous "
                         "stop."), row=feed.names(name, rows), arrival=rows["arrival_time"]),
                  table=table)
    if feed.has(name, "shape_dist_traveled"):
        before = previous_known(table["_distance"], table["_code"]).to_numpy()
        feed.flag("decreasing_or_equal_stop_time_distance", name,
                  table["_distance"].to_numpy() <= before, "shape_dist_traveled",
                  lambda rows: say(
                      N_("{row} has shape_dist_traveled {value}, not more than the stop "
                         "before it."), row=feed.names(name, rows),
                      value=rows["shape_dist_traveled"]), table=table)


def stops(feed: FeedTables) -> None:
    """Names and positions of stops and stations; stations not served directly."""
    if not feed.has("stops", "stop_id"):
        return
    kind = feed.column("stops", "location_type")
    placed = isin(kind, ("", "0", "1", "2"))
    feed.flag("missing_stop_name", "stops", placed & (feed.column("stops", "stop_name") == ""),
              "stop_name", lambda rows: say(N_("{row} has no stop_name."),
                                            row=feed.names("stops", rows)))
    lat = feed.number("stops", "stop_lat")[0]
    lon = feed.number("stops", "stop_lon")[0]
    feed.flag("stop_without_location", "stops", placed & (np.isnan(lat) | np.isnan(lon)),
              "stop_lat", lambda rows: say(N_("{row} has no position (stop_lat and stop_lon)."),
                                           row=feed.names("stops", rows)))
    feed.flag("point_near_origin", "stops", (np.abs(lat) <= 1) & (np.abs(lon) <= 1), "stop_lat",
              lambda rows: say(N_("{row} lies near latitude 0, longitude 0, in the Gulf of "
                                  "Guinea: its position is probably missing."),
                               row=feed.names("stops", rows)))
    feed.flag("point_near_pole", "stops", np.abs(lat) >= 89, "stop_lat",
              lambda rows: say(N_("{row} lies near a pole: its latitude and longitude are "
                                  "probably swapped or wrong."),
                               row=feed.names("stops", rows)))
    feed.flag("station_with_parent_station", "stops",
              (kind == "1") & (feed.column("stops", "parent_station") != ""), "parent_station",
              lambda rows: say(N_("{row} is a station but lies in station {value}; a station "
                                  "cannot be inside another."),
                               row=feed.names("stops", rows), value=rows["parent_station"]))
    if feed.has("stop_times", "stop_id"):
        served = feed.tables["stop_times"]["stop_id"]
        ids = feed.tables["stops"]["stop_id"]
        feed.flag("stop_without_stop_time", "stops",
                  isin(kind, ("", "0")) & ~isin(ids, served), "stop_id",
                  lambda rows: say(N_("{row} is served by no trip."),
                                   row=feed.names("stops", rows)))
        stations = ids[~isin(kind, ("", "0", "4"))]
        wrong = isin(served, stations) & ~served.duplicated().to_numpy()
        feed.flag("location_with_unexpected_stop_time", "stop_times", wrong, "stop_id",
                  lambda rows: say(N_("{row} stops at {value}, a station or entrance: trips "
                                      "stop at stops or platforms."),
                                   row=feed.names("stop_times", rows), value=rows["stop_id"]))


def routes(feed: FeedTables) -> None:
    """Route names: at least one, a short one short, not repeated in the long one."""
    if not feed.has("routes", "route_id"):
        return
    short = feed.column("routes", "route_short_name")
    long = feed.column("routes", "route_long_name")
    feed.flag("route_both_short_and_long_name_missing", "routes", (short == "") & (long == ""),
              "route_short_name", lambda rows: say(
                  N_("{row} has neither a short name (its number) nor a long name."),
                  row=feed.names("routes", rows)))
    feed.flag("route_short_name_too_long", "routes", short.str.len() > SHORT_NAME_LENGTH,
              "route_short_name", lambda rows: say(
                  N_("{row} has the short name '{value}', longer than {limit} characters: apps "
                     "show it on a small badge; put the full name in route_long_name."),
                  row=feed.names("routes", rows), value=rows["route_short_name"],
                  limit=SHORT_NAME_LENGTH))
    repeats = [bool(s) and bool(n) and n.lower().startswith(s.lower())
               and re.match(r"^\s?[\s\-()]|^$", n[len(s):]) is not None
               for s, n in zip(short, long, strict=True)]
    feed.flag("route_long_name_contains_short_name", "routes", repeats, "route_long_name",
              lambda rows: say(N_("{row}: the long name '{long}' starts with the short name "
                                  "'{short}', and apps show both side by side."),
                               row=feed.names("routes", rows), long=rows["route_long_name"],
                               short=rows["route_short_name"]))
    description = feed.column("routes", "route_desc").str.lower()
    same = (description != "") & (((short != "") & (description == short.str.lower()))
                                  | ((long != "") & (description == long.str.lower())))
    feed.flag("same_name_and_description_for_route", "routes", same, "route_desc",
              lambda rows: say(N_("{row}: the description repeats the name; describe the "
                                  "route instead, or leave it empty."),
                               row=feed.names("routes", rows)))


def service_dates(feed: FeedTables) -> None:
    """Calendars that ended before today, and a feed about to expire."""
    today = (np.datetime64(feed.today, "D") - np.datetime64("1970-01-01", "D")).astype(float)
    last: dict[str, float] = {}
    if feed.has("calendar", "service_id", "end_date", *_DAYS):
        calendar = feed.tables["calendar"]
        runs = (calendar[list(_DAYS)] == "1").any(axis=1).to_numpy()
        ends = feed.date("calendar", "end_date")[0]
        for service_id, end in zip(calendar["service_id"][runs], ends[runs], strict=True):
            if not np.isnan(end):
                last[service_id] = max(last.get(service_id, end), end)
    if feed.has("calendar_dates", "service_id", "date", "exception_type"):
        dates = feed.tables["calendar_dates"]
        added = (dates["exception_type"] == "1").to_numpy()
        days = feed.date("calendar_dates", "date")[0]
        for service_id, day in zip(dates["service_id"][added], days[added], strict=True):
            if not np.isnan(day):
                last[service_id] = max(last.get(service_id, day), day)
    expired = [service for service, end in last.items() if end < today]
    ended = {s: str(np.datetime64("1970-01-01", "D") + int(last[s])) for s in expired}
    if feed.has("calendar", "service_id") and len(feed.tables["calendar"]):
        services = feed.tables["calendar"]["service_id"]
        feed.flag("expired_calendar", "calendar",
                  isin(services, expired) & ~services.duplicated().to_numpy(), "end_date",
                  lambda rows: _expired(rows, ended, feed))
    elif expired and len(expired) == len(last) and feed.has("calendar_dates", "service_id"):
        services = feed.tables["calendar_dates"]["service_id"]
        feed.flag("expired_calendar", "calendar_dates",
                  isin(services, expired) & ~services.duplicated().to_numpy(), "date",
                  lambda rows: _expired(rows, ended, feed))
    if feed.has("feed_info", "feed_end_date"):
        ends = feed.date("feed_info", "feed_end_date")[0]
        for code, mask, within in (
                ("feed_expiration_date7_days", ends <= today + 7, 7),
                ("feed_expiration_date30_days", (ends > today + 7) & (ends <= today + 30), 30)):
            feed.flag(code, "feed_info", mask, "feed_end_date",
                      lambda rows, w=within: say(
                          N_("The feed ends on {end}, within {days} days of today ({today}): "
                             "publish a newer one."), end=rows["feed_end_date"], days=w,
                          today=feed.today.isoformat()))


def _expired(rows: pd.DataFrame, ended: dict[str, str], feed: FeedTables) -> list[str]:
    return say(N_("Service {id} ran until {end}, before today ({today}): the feed describes "
                  "a past service."), id=rows["service_id"], end=rows["service_id"].map(ended),
               today=feed.today.isoformat())


def usage(feed: FeedTables) -> None:
    """Trips with no or one stop time, shapes no trip follows, shapes of one point."""
    if feed.has("trips", "trip_id") and feed.has("stop_times", "trip_id"):
        counts = feed.tables["stop_times"]["trip_id"].value_counts()
        served = feed.tables["trips"]["trip_id"].map(counts).fillna(0).to_numpy()
        feed.flag("unused_trip", "trips", served == 0, "trip_id",
                  lambda rows: say(N_("{row} has no stop times."),
                                   row=feed.names("trips", rows)))
        feed.flag("unusable_trip", "trips", served == 1, "trip_id",
                  lambda rows: say(N_("{row} has a single stop time; a trip serves at least "
                                      "two stops."), row=feed.names("trips", rows)))
    if feed.has("shapes", "shape_id"):
        shapes = feed.tables["shapes"]["shape_id"]
        codes = feed.codes("shapes", "shape_id")
        first = np.zeros(len(codes), dtype=bool)
        first[np.unique(codes, return_index=True)[1]] = True
        used = feed.column("trips", "shape_id") if "trips" in feed.tables else []
        feed.flag("unused_shape", "shapes", first & ~isin(shapes, used), "shape_id",
                  lambda rows: say(N_("Shape {id} is followed by no trip."),
                                   id=rows["shape_id"]))
        feed.flag("single_shape_point", "shapes", np.bincount(codes)[codes] == 1,
                  "shape_id", lambda rows: say(N_("Shape {id} has a single point, not a line."),
                                               id=rows["shape_id"]))
