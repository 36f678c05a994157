"""A GTFS feed of the informal transport lines, for journey planners and analysts.

Informal minibuses keep no timetable, so the feed is **frequency-based**, as the
Accra tro-tro feed (``shared/data/gtfs/accra_trotro.zip``) is: each line runs
both ways (one trip per direction, unless tagged ``oneway=yes`` or drawn as a
loop), and ``frequencies.txt`` says how often vehicles come in each time band
(:mod:`mapping.export.gtfs_service`), with ``exact_times=0``. Stop times are
estimates, marked ``timepoint=0``: the distance along the line divided by an
assumed speed (15 km/h, near the median of the Accra feed's own trips; a
line's ``duration`` tag overrides it). Distances (``shape_dist_traveled``) are
in metres, measured in the project's UTM zone.

Ids: a stop tagged ``gtfs:stop_id`` (as a GTFS import tags them) is written under
that id, once, however many lines stop there (at the position and with the name
of the first); a line tagged ``gtfs:route_id`` keeps that route id, and the two
one-way lines of one imported route (``gtfs:direction_id``) become one route
with a trip each way. So a feed imported and exported again keeps its ids.
Other stops and lines take their feature's id.

Before anything is written the tables are checked with
:func:`layers.gtfs_check.check_feed`, the rules of MobilityData's validator that
journey planners apply: an error (a rule the validator rejects) stops the
export with the list of what is wrong and the lines concerned, and nothing is
written; warnings go into the report's notes.

``route_type`` is 3 (bus), as in the Accra and Nairobi (Digital Matatus) feeds:
matatus, tro-tros and share taxis run fixed routes, which is what 3 means;
715 ("demand and response bus service") is for services with no fixed route,
and the extended types are read by fewer tools.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer
from shapely.geometry import LineString

from layers.errors import EmptyExtractError, ValidationError
from layers.gtfs_check import FeedCheck, Finding, check_feed
from layers.i18n import ntr, tr
from layers.participatory import ParticipatoryLayer
from mapping.export._layers import read_features, tag_dicts
from mapping.export.gtfs_service import Service, gtfs_time, minutes, nearest_timezone, service
from mapping.export.report import ExportReport, Progress, report_progress
from mapping.export.safe_write import output_files
from mapping.project import QUARTIER_VERSION, Project

#: GTFS route type of every line: 3, bus (see the module notes).
ROUTE_TYPE = 3
#: Placeholder web address where GTFS requires one and none is known.
UNKNOWN_URL = "https://www.openstreetmap.org"
_COLOUR = re.compile(r"^#?([0-9A-Fa-f]{6})$")
_WEB_ADDRESS = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
#: How many findings of the check an error message or the notes list one by one.
LISTED_FINDINGS = 8
_NAMED_COLOURS = {"red": "FF0000", "green": "008000", "blue": "0000FF", "yellow": "FFFF00",
                  "black": "000000", "white": "FFFFFF", "orange": "FFA500",
                  "purple": "800080"}


@dataclass(frozen=True)
class GtfsOptions:
    """Choices for a GTFS export that the project does not hold."""

    #: Assumed average speed of vehicles, km/h.
    speed_kmh: float = 15.0
    #: IANA time zone; None: the zone of the nearest zone city.
    timezone: str | None = None
    #: Web address of the operators or of the mapping group (agency.txt, feed_info.txt).
    url: str | None = None
    #: Who publishes the feed; None: the project name.
    publisher: str | None = None
    #: Language of names (BCP 47), "mul" when several are mixed.
    language: str = "mul"
    #: Days the feed is valid for, from the export date.
    valid_days: int = 365


def export_gtfs(project: Project, out_path: Path, *, verified_only: bool,
                options: GtfsOptions | None = None,
                progress: Progress | None = None) -> ExportReport:
    """Write the transport lines and their stops as a GTFS ``.zip``.

    Raises
    ------
    EmptyExtractError
        No line can go into the feed (no lines, or none with two stops and a wait).
    """
    options = options or GtfsOptions()
    report = ExportReport(format="gtfs")
    lines = read_features(project, ParticipatoryLayer.TRANSPORT_LINES,
                          verified_only=verified_only)
    stops = read_features(project, ParticipatoryLayer.TRANSPORT_STOPS,
                          verified_only=verified_only)
    if lines.empty:
        raise EmptyExtractError(
            tr("There are no transport lines marked verified to put in a GTFS feed.")
            if verified_only else tr("There are no transport lines to put in a GTFS feed."))
    metric = project.metadata.working_crs or lines.estimate_utm_crs()
    west, south, east, north = project.metadata.area_of_interest
    timezone = options.timezone or nearest_timezone((west + east) / 2, (south + north) / 2)
    if timezone is None:
        timezone = "UTC"
        report.notes.append(tr("The time zone could not be found; UTC was written."))
    feed = _Feed(options, timezone)
    lines_metric = lines.to_crs(metric)
    stops = stops.assign(_metric=stops.to_crs(metric).geometry.to_numpy()).sort_values(
        ["line_uuid", "stop_sequence"], kind="stable")
    # each line's stops are one run of rows: a slice each, not a copy
    runs = {uuid: (rows[0], rows[-1] + 1) for uuid, rows in
            stops.groupby("line_uuid", sort=False).indices.items()}
    feed.to_wgs84 = Transformer.from_crs(metric, "EPSG:4326", always_xy=True)
    for number, (row, tags, line_metric) in enumerate(zip(
            lines.to_dict("records"), tag_dicts(lines), lines_metric.geometry, strict=True)):
        report_progress(progress, 0.8 * number / len(lines),
                        tr("Line {name}", name=row.get("name") or ""))
        first, end = runs.get(row["uuid"], (0, 0))
        mine = stops.iloc[first:end]
        feed.add_line(row, tags, line_metric, mine, report.notes)
    if not feed.routes:
        raise EmptyExtractError(tr("No transport line could go into the GTFS feed: {reasons}",
                                   reasons=" ".join(report.notes)))
    today = dt.date.today()
    feed.finish(project, today, today + dt.timedelta(days=options.valid_days))
    report_progress(progress, 0.85, tr("Checking the feed against the GTFS rules"))
    tables = feed.tables()
    check = check_feed(_text_tables(tables), today=today)
    if not check.ok:
        raise ValidationError(_refusal(out_path, check, feed))
    report_progress(progress, 0.9, tr("Writing {name}", name=out_path.name))
    with output_files() as files:
        with zipfile.ZipFile(files.temporary(out_path), "w", zipfile.ZIP_DEFLATED) as archive:
            for name, (header, rows) in tables.items():
                archive.writestr(name, _csv(header, rows))
                report.counts[name.removesuffix(".txt")] = len(rows)
    report.files = [out_path]
    if feed.placeholder_url:
        report.notes.append(tr("No web address is known for the operators: {url} was "
                               "written in agency.txt and feed_info.txt; replace it before "
                               "publishing the feed.", url=UNKNOWN_URL))
    report.notes.append(tr("Time zone {timezone}; stop times estimated at {speed} km/h unless "
                           "a line has a duration tag.", timezone=timezone,
                           speed=f"{options.speed_kmh:g}"))
    report.notes.extend(_warning_notes(check, feed))
    return report


def _text_tables(tables: dict[str, tuple[list[str], list[list[Any]]]]
                 ) -> dict[str, pd.DataFrame]:
    """The tables as the check reads a feed: text, as the CSV writer will write it."""
    return {name.removesuffix(".txt"): pd.DataFrame(
        [["" if value is None else str(value) for value in row] for row in rows],
        columns=header, dtype=str) for name, (header, rows) in tables.items()}


def _finding_words(finding: Finding, feed: _Feed) -> str:
    """A finding's sentence, with the line it comes from when it is one row of one line."""
    line = feed.line_of(finding.file, finding.row)
    return f"{finding.message} ({line})" if line else finding.message


def _refusal(out_path: Path, check: FeedCheck, feed: _Feed) -> str:
    errors = check.errors
    listed = [f"- {_finding_words(f, feed)}" for f in errors[:LISTED_FINDINGS]]
    if len(errors) > LISTED_FINDINGS:
        listed.append("- " + ntr("and {n} more.", "and {n} more.",
                                 len(errors) - LISTED_FINDINGS))
    return ntr("{name} was not written: journey planners would refuse the feed "
               "(MobilityData's GTFS validator finds an error). Correct these lines' tags, "
               "then export again:",
               "{name} was not written: journey planners would refuse the feed "
               "(MobilityData's GTFS validator finds {n} errors). Correct these lines' tags, "
               "then export again:", len(errors), name=out_path.name) + "\n" + "\n".join(listed)


def _warning_notes(check: FeedCheck, feed: _Feed) -> list[str]:
    warnings = check.warnings
    if not warnings:
        return [tr("The feed passes the GTFS check (MobilityData's validator rules) with no "
                   "error and no warning.")]
    notes = [ntr("The feed passes the GTFS check with {n} warning (apps still accept it):",
                 "The feed passes the GTFS check with {n} warnings (apps still accept it):",
                 len(warnings))]
    notes.extend(_finding_words(f, feed) for f in warnings[:LISTED_FINDINGS])
    if len(warnings) > LISTED_FINDINGS:
        notes.append(ntr("… and {n} more warning.", "… and {n} more warnings.",
                         len(warnings) - LISTED_FINDINGS))
    return notes


def _csv(header: list[str], rows: Iterable[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


class _Feed:
    """The GTFS tables, filled line by line."""

    def __init__(self, options: GtfsOptions, timezone: str) -> None:
        self.options = options
        self.timezone = timezone
        self.agencies: dict[str, list[Any]] = {}
        self.routes: list[list[Any]] = []
        self.trips: list[list[Any]] = []
        self.stop_times: list[list[Any]] = []
        self.frequencies: list[list[Any]] = []
        self.shapes: list[list[Any]] = []
        self.stops: dict[str, list[Any]] = {}
        self.calendar: dict[str, list[Any]] = {}
        self.feed_info: list[Any] = []
        self.placeholder_url = False
        #: From the project's metric CRS to longitude, latitude (set by the export).
        self.to_wgs84 = Transformer.from_crs("EPSG:4326", "EPSG:4326", always_xy=True)
        #: File name -> the line each row came from, in row order (for messages).
        self.origins: dict[str, list[str]] = {}
        self._stop_origins: dict[str, str] = {}

    def line_of(self, file: str, row: int | None) -> str:
        """The line a row of a file came from ("" when not one line's)."""
        if file == "stops.txt" and row is not None and 0 <= row - 2 < len(self.stops):
            return self._stop_origins.get(list(self.stops)[row - 2], "")
        rows = self.origins.get(file, [])
        return rows[row - 2] if row is not None and 0 <= row - 2 < len(rows) else ""

    def _row(self, file: str, table: list[list[Any]], row: list[Any], label: str) -> None:
        table.append(row)
        self.origins.setdefault(file, []).append(label)

    def add_line(self, row: dict[str, Any], tags: dict[str, str], line: Any,
                 mine: gpd.GeoDataFrame, notes: list[str]) -> None:
        """Add one line (route, trips, stop times, frequencies, shape), or a note why not.

        ``mine`` are the line's stops in order, with their position in the metric CRS in
        a ``_metric`` column."""
        line_name = tags.get("ref") or row.get("name") or tags.get("name") or row["uuid"]
        # The feed's own text (route and stop names) stays as GTFS readers expect it;
        # ``said`` is the line as the notes name it, in the export's language.
        label = f"Line {line_name}"
        said = tr("Line {name}", name=line_name)
        if line is None or line.is_empty:
            notes.append(tr("{line} has no geometry; left out of the GTFS feed.", line=said))
            return
        if line.geom_type == "MultiLineString":
            merged = shapely.line_merge(line)
            line = merged if merged.geom_type == "LineString" else max(
                merged.geoms, key=lambda part: part.length)
        if len(mine) < 2:
            notes.append(ntr("{line} has {n} stop; a GTFS trip needs at least two: left out. "
                             "Add its stages (at least both ends).",
                             "{line} has {n} stops; a GTFS trip needs at least two: left out. "
                             "Add its stages (at least both ends).", len(mine), line=said))
            return
        timing = service(tags, said)
        if timing is None:
            notes.append(tr("{line} has no waiting time between vehicles (interval tags); "
                            "left out of the GTFS feed.", line=said))
            return
        notes.extend(timing.notes)
        points = list(mine["_metric"])
        if line.project(points[-1]) < line.project(points[0]):  # drawn from last stop to first
            line = LineString(line.coords[::-1])
        positions = _along(line, points)
        route_id = tags.get("gtfs:route_id") or str(row["uuid"])
        agency_id = self._agency(tags)
        short = tags.get("ref", "")
        long = tags.get("name") or row.get("name") or " – ".join(
            t for t in (tags.get("from"), tags.get("to")) if t) or ("" if short else label)
        colour = _colour(tags.get("colour"))
        if route_id not in {r[0] for r in self.routes}:  # one route for both one-way lines
            self._row("routes.txt", self.routes, [
                route_id, agency_id, short, long, tags.get("description", ""), ROUTE_TYPE,
                colour, "FFFFFF" if colour else ""], label)
        service_id = self._service(timing)
        stop_ids = []
        for uuid, stop_tags, name, point in zip(mine["uuid"], tag_dicts(mine),
                                                _stop_names(mine, label), mine.geometry,
                                                strict=True):
            stop_id = stop_tags.get("gtfs:stop_id") or str(uuid)
            stop_ids.append(stop_id)
            if stop_id not in self.stops:  # a shared stop: where and as the first line has it
                self.stops[stop_id] = [stop_id, name, f"{point.y:.7f}", f"{point.x:.7f}", 0]
                self._stop_origins[stop_id] = label
        loop = line.is_ring or shapely.Point(line.coords[0]).distance(
            shapely.Point(line.coords[-1])) < 50
        directions = [0] if tags.get("oneway") == "yes" or loop else [0, 1]
        if tags.get("oneway") == "yes" and tags.get("gtfs:direction_id") == "1":
            directions = [1]  # drawn and numbered the way it runs, as imported
        speed = self.options.speed_kmh / 3.6
        duration = minutes(tags["duration"]) if tags.get("duration") else None
        if duration:
            speed = line.length / (duration * 60)
        wgs84 = LineString(np.column_stack(self.to_wgs84.transform(*line.xy)))
        for direction in directions:
            trip_id = self._trip_id(route_id, direction)
            shape_id = trip_id
            headsign = tags.get("to" if direction == 0 or len(directions) == 1 else "from", "")
            self._row("trips.txt", self.trips,
                      [route_id, service_id, trip_id, headsign, direction, shape_id], label)
            backwards = direction == 1 and len(directions) == 2
            along = [round(_end(line) - p, 1) for p in positions[::-1]] if backwards else positions
            ids = stop_ids[::-1] if backwards else stop_ids
            start = timing.frequencies[0][0]
            for sequence, (stop_id, distance) in enumerate(zip(ids, along, strict=True), 1):
                clock = gtfs_time(start + (distance - along[0]) / speed)
                self._row("stop_times.txt", self.stop_times,
                          [trip_id, clock, clock, stop_id, sequence, f"{distance:.1f}", 0],
                          label)
            for begin, end, headway in timing.frequencies:
                self._row("frequencies.txt", self.frequencies,
                          [trip_id, gtfs_time(begin), gtfs_time(end), headway, 0], label)
            self._shape(shape_id, LineString(wgs84.coords[::-1]) if backwards else wgs84,
                        LineString(line.coords[::-1]) if backwards else line, label)

    def _trip_id(self, route_id: str, direction: int) -> str:
        trip_id = f"{route_id}_{direction}"
        taken = {t[2] for t in self.trips}
        number = 1
        while trip_id in taken:  # two lines of one route and direction: variants
            number += 1
            trip_id = f"{route_id}_{direction}_{number}"
        return trip_id

    def _agency(self, tags: dict[str, str]) -> str:
        name = tags.get("operator") or tags.get("network") or "Informal transport operators"
        agency_id = re.sub(r"[^A-Za-z0-9]+", "_", name).strip("_").lower()[:40] or "operators"
        if agency_id not in self.agencies:
            url = (_web_address(tags.get("operator:website")) or _web_address(tags.get("website"))
                   or _web_address(tags.get("url")) or self.options.url)
            if not url:
                url, self.placeholder_url = UNKNOWN_URL, True
            self.agencies[agency_id] = [agency_id, name, url, self.timezone]
        return agency_id

    def _service(self, timing: Service) -> str:
        days = "".join(d for d, on in zip(("mo", "tu", "we", "th", "fr", "sa", "su"),
                                          timing.days, strict=True) if on)
        service_id = "daily" if all(timing.days) else days
        self.calendar[service_id] = [service_id, *(int(on) for on in timing.days)]
        return service_id

    def _shape(self, shape_id: str, wgs84: LineString, metric: LineString, label: str) -> None:
        xy = np.asarray(metric.coords)[:, :2]
        along = np.r_[0.0, np.cumsum(np.hypot(*np.diff(xy, axis=0).T))]
        for sequence, ((lon, lat), distance) in enumerate(zip(wgs84.coords, along,
                                                              strict=True), 1):
            self._row("shapes.txt", self.shapes,
                      [shape_id, f"{lat:.7f}", f"{lon:.7f}", sequence, f"{distance:.1f}"], label)

    def finish(self, project: Project, start: dt.date, end: dt.date) -> None:
        """Dates of the calendar and the feed information, once every line is in."""
        first, last = start.strftime("%Y%m%d"), end.strftime("%Y%m%d")
        for row in self.calendar.values():
            row += [first, last]
        url = self.options.url or UNKNOWN_URL
        self.placeholder_url |= not self.options.url
        publisher = self.options.publisher or f"{project.metadata.name} (participatory mapping)"
        self.feed_info = [publisher, url, self.options.language, first, last,
                          f"{start.isoformat()} Quartier {QUARTIER_VERSION}"]

    def tables(self) -> dict[str, tuple[list[str], list[list[Any]]]]:
        """File name -> (header, rows), in the order GTFS lists them."""
        return {
            "agency.txt": (["agency_id", "agency_name", "agency_url", "agency_timezone"],
                           list(self.agencies.values())),
            "stops.txt": (["stop_id", "stop_name", "stop_lat", "stop_lon", "location_type"],
                          list(self.stops.values())),
            "routes.txt": (["route_id", "agency_id", "route_short_name", "route_long_name",
                            "route_desc", "route_type", "route_color", "route_text_color"],
                           self.routes),
            "trips.txt": (["route_id", "service_id", "trip_id", "trip_headsign",
                           "direction_id", "shape_id"], self.trips),
            "stop_times.txt": (["trip_id", "arrival_time", "departure_time", "stop_id",
                                "stop_sequence", "shape_dist_traveled", "timepoint"],
                               self.stop_times),
            "calendar.txt": (["service_id", "monday", "tuesday", "wednesday", "thursday",
                              "friday", "saturday", "sunday", "start_date", "end_date"],
                             list(self.calendar.values())),
            "frequencies.txt": (["trip_id", "start_time", "end_time", "headway_secs",
                                 "exact_times"], self.frequencies),
            "shapes.txt": (["shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence",
                            "shape_dist_traveled"], self.shapes),
            "feed_info.txt": (["feed_publisher_name", "feed_publisher_url", "feed_lang",
                               "feed_start_date", "feed_end_date", "feed_version"],
                              [self.feed_info]),
        }


def _stop_names(stops: gpd.GeoDataFrame, label: str) -> list[str]:
    names = []
    for sequence, (column, tags) in enumerate(zip(stops["name"], tag_dicts(stops),
                                                   strict=True), 1):
        name = tags.get("name") or (column if isinstance(column, str) else "")
        names.append(name or f"{label}, stop {sequence}")
    return names


def _along(line: LineString, stops: list[Any]) -> list[float]:
    """Where each stop lies along the line (metres, to 0.1 m), in their order.

    Each stop is matched to the part of the line after the previous one, so a loop's last
    stop lies at its end, not its start. The validator rejects two stops of a trip at the
    same distance, and a trip ending beyond its shape: each stop lies at least 0.1 m after
    the previous one and none beyond the line's end (rounded down, as :func:`_end`)."""
    xy = np.asarray(line.coords)[:, :2]
    first, step = xy[:-1], np.diff(xy, axis=0)
    length = np.hypot(step[:, 0], step[:, 1])
    start = np.r_[0.0, np.cumsum(length)[:-1]]
    squared = np.where(length > 0, length ** 2, 1.0)
    positions: list[float] = []
    for point in stops:
        here = np.array([point.x, point.y])
        share = np.clip(((here - first) * step).sum(axis=1) / squared, 0.0, 1.0)
        if positions:  # only the part of the line after the previous stop
            done = positions[-1]
            least = np.clip((done - start) / np.where(length > 0, length, 1.0), 0.0, 1.0)
            share = np.maximum(share, least)
        at = start + share * length
        gap = np.hypot(*(first + share[:, None] * step - here).T)
        if positions:
            gap = np.where(start + length >= positions[-1], gap, np.inf)
        best = int(np.argmin(gap))
        found = float(at[best]) if np.isfinite(gap[best]) else float(line.length)
        positions.append(round(max(found, positions[-1] + 0.1) if positions else found, 1))
    end = _end(line)
    for index in range(len(positions) - 1, -1, -1):  # stops bunched at the end: back off
        limit = end if index == len(positions) - 1 else positions[index + 1] - 0.1
        positions[index] = max(round(min(positions[index], limit), 1), 0.0)
    return positions


def _end(line: LineString) -> float:
    """The line's length rounded down to 0.1 m, never more than its shape's last distance."""
    return math.floor(line.length * 10) / 10


def _web_address(value: str | None) -> str | None:
    """A web address as GTFS wants it (``https://…``): OSM often has ``www.example.org``."""
    text = (value or "").strip()
    if text and not re.match(r"^[a-z]+://", text, re.IGNORECASE):
        text = "http://" + text
    return text if _WEB_ADDRESS.match(text) else None


def _colour(value: str | None) -> str:
    if not value:
        return ""
    match = _COLOUR.match(value.strip())
    if match:
        return match.group(1).upper()
    return _NAMED_COLOURS.get(value.strip().lower(), "")
