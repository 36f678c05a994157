"""Check a GTFS feed against the rules transit apps enforce, before it is written or read.

The rules and their names are those of MobilityData's reference validator
(``gtfs-validator``, the one Google and most journey planners run): each finding
carries the validator's notice code (``foreign_key_violation``,
``stop_too_far_from_shape``…) and its severity there. An *error* is something
the validator rejects (an export with errors is refused); a *warning* is
something a planner should look at but that apps still accept. The validator's
informational notices are left out.

The check works on tables of text (every column read as ``str``, empty cells as
``""``), so that what is checked is what is written: numbers and times are
parsed here, and a value that does not parse is a finding, not a crash. Each
rule is a few vectorised Arrow/numpy/shapely operations over whole columns, so
the Accra tro-tro feed (4.7 MB, 115,000 shape points) is checked in about a
second. The rules on tables are in ``_gtfs_check_rules``, those on geometry in
``_gtfs_check_geometry``.

The geometric rules follow the validator's thresholds:

- ``stop_too_far_from_shape``: a stop more than 100 m from the shape of a trip
  that serves it (reported once per stop and shape). Distances are measured in
  the UTM zone of the feed, true metres to within 0.1 % there. The validator
  matches stops to the shape in order; this check takes the nearest point of
  the whole shape, so a stop that is near the shape but matched out of order is
  not reported.
- ``fast_travel_between_consecutive_stops`` / ``fast_travel_between_far_stops``:
  a vehicle faster than the validator's limit for its route type (150 km/h for
  buses) between timed stops, straight-line (great-circle) distance, with the
  validator's extra minute when both times are whole minutes; the second rule
  looks at stops more than 10 km apart along the trip, once per trip.
- ``trip_distance_exceeds_shape_distance``: a trip's last ``shape_dist_traveled``
  beyond its shape's, an error when that stop is over 11.1 m from the shape's
  end (a warning, ``..._below_threshold``, when nearer).

Not checked (yet): the validator's notices on stations and pathways, fares v2,
translations, flexible services, attributions, and its ``missing_recommended_*``
and ``leading_or_trailing_whitespaces`` warnings (values are trimmed here).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from layers import _gtfs_check_geometry as geometry
from layers import _gtfs_check_rules as rules
from layers._gtfs_check_geometry import FAR_STOPS_KM, MAX_SPEED_KMH, STOP_SHAPE_DISTANCE_M
from layers._gtfs_check_rules import REQUIRED_COLUMNS, REQUIRED_FILES, SHORT_NAME_LENGTH
from layers._gtfs_check_tables import PRIMARY_KEYS, FeedTables, Finding
from layers.i18n import ntr, tr

__all__ = ["FAR_STOPS_KM", "MAX_SPEED_KMH", "PRIMARY_KEYS", "REQUIRED_COLUMNS",
           "REQUIRED_FILES", "SEVERITY", "SHORT_NAME_LENGTH", "STOP_SHAPE_DISTANCE_M",
           "FeedCheck", "Finding", "check_feed"]

#: Severity of each notice code in MobilityData's gtfs-validator (``@GtfsValidationNotice``).
SEVERITY: dict[str, str] = {
    "missing_required_file": "error",
    "missing_calendar_and_calendar_date_files": "error",
    "missing_required_column": "error",
    "missing_required_field": "error",
    "duplicate_key": "error",
    "foreign_key_violation": "error",
    "invalid_time": "error",
    "invalid_date": "error",
    "invalid_integer": "error",
    "invalid_float": "error",
    "invalid_timezone": "error",
    "invalid_url": "error",
    "invalid_color": "error",
    "number_out_of_range": "error",
    "point_near_origin": "error",
    "point_near_pole": "error",
    "start_and_end_range_out_of_order": "error",
    "start_and_end_range_equal": "error",
    "overlapping_frequency": "error",
    "missing_trip_edge": "error",
    "stop_time_with_only_arrival_or_departure_time": "error",
    "stop_time_with_arrival_before_previous_departure_time": "error",
    "decreasing_or_equal_stop_time_distance": "error",
    "decreasing_shape_distance": "error",
    "trip_distance_exceeds_shape_distance": "error",
    "missing_stop_name": "error",
    "stop_without_location": "error",
    "location_with_unexpected_stop_time": "error",
    "station_with_parent_station": "error",
    "route_both_short_and_long_name_missing": "error",
    "unexpected_enum_value": "warning",
    "route_short_name_too_long": "warning",
    "route_long_name_contains_short_name": "warning",
    "same_name_and_description_for_route": "warning",
    "expired_calendar": "warning",
    "feed_expiration_date7_days": "warning",
    "feed_expiration_date30_days": "warning",
    "stop_too_far_from_shape": "warning",
    "trip_distance_exceeds_shape_distance_below_threshold": "warning",
    "fast_travel_between_consecutive_stops": "warning",
    "fast_travel_between_far_stops": "warning",
    "single_shape_point": "warning",
    "unused_shape": "warning",
    "unused_trip": "warning",
    "unusable_trip": "warning",
    "stop_without_stop_time": "warning",
}


_RULES: tuple[Callable[[FeedTables], None], ...] = (
    rules.files, rules.duplicates, rules.foreign_keys, rules.values, rules.ranges,
    rules.frequencies, rules.stop_times, rules.stops, rules.routes, rules.service_dates,
    rules.usage, geometry.shape_distances, geometry.trip_distances, geometry.stops_near_shapes,
    geometry.speeds,
)


@dataclass(frozen=True)
class FeedCheck:
    """What the check found: errors (the validator rejects them) and warnings."""

    #: Findings the validator counts as errors: apps refuse such a feed.
    errors: tuple[Finding, ...] = ()
    #: Findings worth a look that apps still accept.
    warnings: tuple[Finding, ...] = ()

    @property
    def ok(self) -> bool:
        """True when nothing the validator counts as an error was found."""
        return not self.errors

    def summary(self, examples: int = 5) -> str:
        """A short plain text report: counts, then a few sentences per kind of finding."""
        if not self.errors and not self.warnings:
            return tr("The feed passes the GTFS check: no errors, no warnings.")
        lines = [tr("The feed has {errors} and {warnings}.",
                    errors=ntr("{n} error", "{n} errors", len(self.errors)),
                    warnings=ntr("{n} warning", "{n} warnings", len(self.warnings)))]
        for title, findings in ((tr("Errors:"), self.errors), (tr("Warnings:"), self.warnings)):
            if not findings:
                continue
            lines.append(title)
            by_code: dict[str, list[Finding]] = {}
            for finding in findings:
                by_code.setdefault(finding.code, []).append(finding)
            for code, group in by_code.items():
                lines.append(f"  {code} ({len(group)}):")
                lines.extend(f"    {finding.message}" for finding in group[:examples])
                if len(group) > examples:
                    hidden = len(group) - examples
                    lines.append("    " + ntr("… and {count} more.", "… and {count} more.",
                                                hidden, count=hidden))
        return "\n".join(lines)


def check_feed(tables: Mapping[str, pd.DataFrame], *,
               today: dt.date | None = None) -> FeedCheck:
    """Check a feed given as tables of text, keyed by file name without ``.txt``.

    Parameters
    ----------
    tables
        ``{"stops": DataFrame, ...}``, every column text (read with ``dtype=str,
        keep_default_na=False``); an absent file is an absent key.
    today
        The date expiry is judged against (default: today).

    Returns
    -------
    FeedCheck
        Errors and warnings, in the order of the rules (files, keys, values, timetables,
        geometry).
    """
    feed = FeedTables(tables, today or dt.date.today())
    for rule in _RULES:
        rule(feed)
    errors = tuple(f for f in feed.findings if SEVERITY[f.code] == "error")
    warnings = tuple(f for f in feed.findings if SEVERITY[f.code] != "error")
    return FeedCheck(errors=errors, warnings=warnings)
