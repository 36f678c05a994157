"""The lines a GTFS feed draws: one per route and direction, or one two-way line.

Private to :mod:`mapping.gtfs_import`, which checks the feed and saves what this
plans. For each route and direction the trips are grouped by their stop pattern
and the most common pattern is the line's (its first trip gives the shape, from
``shapes.txt`` or else straight between the stops). A route whose direction 1
serves exactly the stops of direction 0 in reverse, on the same days and as
often, and is not a loop, becomes **one** line running both ways, which is how
Quartier draws lines and how :mod:`mapping.export.gtfs` writes them (one trip per
direction unless ``oneway=yes`` or a loop); otherwise each direction is a line of
its own, tagged ``oneway=yes``. So a feed Quartier exported imports back to the
same lines.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from mapping._gtfs_headways import Row, derived_rows, merged_rows, seconds

#: Two ends closer than this make a loop (metres), as for the exporter.
LOOP_M = 50.0
#: A shape whose trip runs along less than this share of it is cut to the trip.
CUT_SHARE = 0.6
#: A stop is matched to a part of the shape this near, or as near as its nearest plus
#: MATCH_SLACK_M (metres).
MATCH_M = 100.0
MATCH_SLACK_M = 30.0
_WEEK = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class PlannedStop:
    """A stop of a planned line."""

    #: Its ``stop_id``.
    stop_id: str
    #: Its name (``stop_name``, else its code or id).
    name: str
    #: Where it is (longitude, latitude).
    point: Point


@dataclass
class PlannedLine:
    """One line to save, with everything read for it."""

    #: The route's ``route_id``.
    route_id: str
    #: Its row in routes.txt, as text.
    route: Mapping[str, str]
    #: "0"/"1" for a line of one direction; None for a two-way line.
    direction: str | None
    #: The trip chosen for the pattern and shape.
    trip_id: str
    #: Its stops in order.
    stops: list[PlannedStop]
    #: Its shape (longitude/latitude), starting at its first stop.
    geometry: LineString
    #: Whether the shape came from shapes.txt (else it joins the stops).
    from_shapes: bool
    #: Frequency rows (start, end, headway), seconds after midnight.
    rows: list[Row]
    #: Days it runs, Monday first.
    days: tuple[bool, ...]
    #: The headsigns of direction 0 and, for a two-way line, of direction 1.
    headsigns: tuple[str, str]
    #: Minutes from the first departure to the last arrival of the chosen trip.
    duration_s: int | None
    #: What is worth saying about it.
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Group:
    route_id: str
    direction: str
    trip_id: str
    pattern: tuple[str, ...]
    shape_id: str
    rows: list[Row]
    days: tuple[bool, ...]
    headsign: str
    duration_s: int | None
    from_frequencies: bool


def plan_lines(tables: Mapping[str, pd.DataFrame], stop_points: Mapping[str, PlannedStop],
               to_metres: Callable[[BaseGeometry], BaseGeometry]) -> list[PlannedLine]:
    """Every line the feed draws, routes in file order (directions 0 then 1)."""
    stop_times = tables["stop_times"]
    trip_codes, _ = pd.factorize(stop_times["trip_id"])
    order = np.lexsort((stop_times["stop_sequence"].astype(int).to_numpy(), trip_codes))
    trip_column = stop_times["trip_id"].to_numpy()[order]
    stop_column = stop_times["stop_id"].to_numpy()[order]
    arrivals = (stop_times["arrival_time"].to_numpy()[order] if "arrival_time" in stop_times
                else np.full(len(order), ""))
    departures = (stop_times["departure_time"].to_numpy()[order]
                  if "departure_time" in stop_times else arrivals)
    bounds = np.flatnonzero(np.r_[True, trip_column[1:] != trip_column[:-1], True])
    patterns: dict[str, tuple[str, ...]] = {}
    starts: dict[str, int | None] = {}
    ends: dict[str, int | None] = {}
    for begin, end in zip(bounds[:-1], bounds[1:], strict=True):
        trip = str(trip_column[begin])
        patterns[trip] = tuple(stop_column[begin:end].tolist())
        starts[trip] = seconds(departures[begin] or arrivals[begin])
        ends[trip] = seconds(arrivals[end - 1] or departures[end - 1])
    frequencies = _frequency_rows(tables.get("frequencies"))
    calendar = _calendar(tables.get("calendar"))
    shapes = _shapes(tables.get("shapes"))
    by_route: dict[str, dict[str, list[dict[str, str]]]] = {}
    for trip in tables["trips"].to_dict("records"):
        direction = trip.get("direction_id") or "0"
        by_route.setdefault(trip["route_id"], {}).setdefault(direction, []).append(trip)
    lines: list[PlannedLine] = []
    for route in tables["routes"].to_dict("records"):
        groups = []
        for direction, trips in sorted(by_route.get(route["route_id"], {}).items()):
            chosen = _group(str(route["route_id"]), direction, trips, patterns, starts, ends,
                            frequencies, calendar)
            if chosen is not None:
                groups.append(chosen)
        lines += _lines(route, groups, stop_points, shapes, to_metres)
    return lines


def _group(route_id: str, direction: str, trips: list[dict[str, str]],
           patterns: Mapping[str, tuple[str, ...]], starts: Mapping[str, int | None],
           ends: Mapping[str, int | None], frequencies: Mapping[str, list[Row]],
           calendar: Mapping[str, tuple[bool, ...]]) -> _Group | None:
    trips = [t for t in trips if t["trip_id"] in patterns]
    if not trips:
        return None
    counts = Counter(patterns[t["trip_id"]] for t in trips)
    pattern = max(counts, key=lambda p: counts[p])  # first most common, in file order
    chosen = next(t for t in trips if patterns[t["trip_id"]] == pattern)
    services = Counter(t.get("service_id", "") for t in trips)
    service = max(services, key=lambda s: services[s])
    running = [t["trip_id"] for t in trips if t.get("service_id", "") == service]
    bands = [r for t in running for r in frequencies.get(t, [])]
    rows = merged_rows(bands) if bands else derived_rows(
        [s for t in running if (s := starts.get(t)) is not None])
    start, end = starts.get(chosen["trip_id"]), ends.get(chosen["trip_id"])
    duration = end - start if start is not None and end is not None and end > start else None
    return _Group(route_id, direction, chosen["trip_id"], pattern, chosen.get("shape_id", ""),
                  rows, calendar.get(service, (True,) * 7), chosen.get("trip_headsign", ""),
                  duration, bool(bands))


def _lines(route: Mapping[str, str], groups: list[_Group], stop_points: Mapping[str, PlannedStop],
           shapes: Mapping[str, np.ndarray], to_metres: Callable[[BaseGeometry], BaseGeometry]
           ) -> list[PlannedLine]:
    planned = []
    shape_uses = Counter(group.shape_id for group in groups)
    for group in groups:
        stops = [stop_points[s] for s in group.pattern]
        geometry, from_shapes = _geometry(group.shape_id, stops, shapes, to_metres,
                                          shared=shape_uses[group.shape_id] > 1)
        planned.append(PlannedLine(
            str(route["route_id"]), route, group.direction, group.trip_id, stops, geometry,
            from_shapes, group.rows, group.days, (group.headsign, ""), group.duration_s))
    if len(planned) == 2 and _two_way(groups[0], groups[1], planned[0], to_metres):
        line = planned[0]
        line.direction = None
        line.headsigns = (groups[0].headsign, groups[1].headsign)
        return [line]
    return planned


def _two_way(forward: _Group, back: _Group, line: PlannedLine,
             to_metres: Callable[[BaseGeometry], BaseGeometry]) -> bool:
    if back.pattern != forward.pattern[::-1] or back.rows != forward.rows \
            or back.days != forward.days:
        return False
    metric = to_metres(line.geometry)
    return not (metric.is_ring or Point(metric.coords[0]).distance(Point(metric.coords[-1]))
                < LOOP_M)


def _geometry(shape_id: str, stops: list[PlannedStop], shapes: Mapping[str, np.ndarray],
              to_metres: Callable[[BaseGeometry], BaseGeometry], shared: bool = False
              ) -> tuple[LineString, bool]:
    """The trip's shape, from its first stop to its last; else the stops joined.

    The stops are matched along the shape in their order (each at or after the one
    before, as the reference validator matches them; a stop more than
    :data:`MATCH_M` off the shape is no guide and is passed over), which tells which way the
    shape runs when one shape serves both directions. A shape ``shared`` by both
    directions that the trip runs along for less than :data:`CUT_SHARE` of its length
    (the Nairobi feed draws one out-and-back shape for both directions) is cut to the
    trip's part; a trip's own shape is kept whole, even where it runs on beyond the
    first or last stop.
    """
    points = shapes.get(shape_id) if shape_id else None
    if points is not None and len(points) >= 2 and (points != points[0]).any():
        forward = to_metres(LineString(points))
        places = shapely.get_coordinates(to_metres(shapely.multipoints(
            [(s.point.x, s.point.y) for s in stops])))
        for coords, metric in ((points, forward), (points[::-1], forward.reverse())):
            shape = LineString(coords)
            found = _matched(metric, places)
            if found is None:
                continue
            start, end = found
            if shared and 1 < end - start < CUT_SHARE * metric.length:
                fractions = np.array([start, end]) / metric.length
                shape = _cut(shape, metric, fractions)
            return shape, True
        shape = LineString(points)
        metric = to_metres(shape)
        if metric.project(to_metres(stops[-1].point)) < metric.project(to_metres(stops[0].point)):
            shape = LineString(points[::-1])
        return shape, True
    places = [(s.point.x, s.point.y) for s in stops]
    kept = [c for i, c in enumerate(places) if i == 0 or c != places[i - 1]]
    return LineString(kept), False


def _matched(metric: LineString, points: np.ndarray) -> tuple[float, float] | None:
    """Where the first and last stops lie along the shape (metres) when every stop can be
    placed at or after the one before, near the shape; None when they cannot."""
    coords = np.asarray(metric.coords)
    starts, steps = coords[:-1], np.diff(coords, axis=0)
    lengths = np.hypot(steps[:, 0], steps[:, 1])
    along = np.r_[0.0, np.cumsum(lengths)][:-1]
    squared = np.where(lengths > 0, lengths ** 2, 1.0)
    offset = points[:, None, :] - starts[None, :, :]
    share = np.clip((offset * steps[None, :, :]).sum(axis=2) / squared, 0.0, 1.0)
    gaps = np.hypot(*(offset - share[:, :, None] * steps[None, :, :]).transpose(2, 0, 1))
    positions = along[None, :] + share * lengths[None, :]
    position = -1.0
    placed = []
    for gap, at in zip(gaps, positions, strict=True):
        near = (gap <= max(gap.min() + MATCH_SLACK_M, MATCH_M)) & (at >= position - 1e-6)
        if not near.any():
            if gap.min() > MATCH_M:  # a stop placed far off the shape: not a guide
                continue
            return None
        position = float(at[near].min())
        placed.append(position)
    return (placed[0], placed[-1]) if placed else None


def _cut(shape: LineString, metric: LineString, fractions: np.ndarray) -> LineString:
    """The part of ``shape`` between two fractions of its length in metres."""
    coords = np.asarray(shape.coords)
    steps = np.hypot(*np.diff(np.asarray(metric.coords), axis=0).T)
    along = np.r_[0.0, np.cumsum(steps)] / metric.length
    start, end = fractions
    inside = coords[(along > start) & (along < end)]
    first = [np.interp(start, along, coords[:, 0]), np.interp(start, along, coords[:, 1])]
    last = [np.interp(end, along, coords[:, 0]), np.interp(end, along, coords[:, 1])]
    return LineString(np.vstack([first, inside, last]))


def _frequency_rows(frame: pd.DataFrame | None) -> dict[str, list[Row]]:
    rows: dict[str, list[Row]] = {}
    if frame is None or frame.empty:
        return rows
    for trip, start, end, headway in zip(frame["trip_id"], frame["start_time"],
                                         frame["end_time"], frame["headway_secs"], strict=True):
        begin, finish = seconds(start), seconds(end)
        if begin is not None and finish is not None and headway.strip().isdigit():
            rows.setdefault(trip, []).append((begin, finish, int(headway)))
    return rows


def _calendar(frame: pd.DataFrame | None) -> dict[str, tuple[bool, ...]]:
    if frame is None or frame.empty:
        return {}
    return {row["service_id"]: tuple(str(row[day]).strip() == "1" for day in _WEEK)
            for row in frame.to_dict("records")}


def _shapes(frame: pd.DataFrame | None) -> dict[str, np.ndarray]:
    if frame is None or frame.empty:
        return {}
    ids = frame["shape_id"].to_numpy()
    sequence = pd.to_numeric(frame["shape_pt_sequence"], errors="coerce").to_numpy()
    points = np.column_stack([pd.to_numeric(frame["shape_pt_lon"], errors="coerce"),
                              pd.to_numeric(frame["shape_pt_lat"], errors="coerce")])
    good = np.isfinite(sequence) & np.isfinite(points).all(axis=1)
    ids, sequence, points = ids[good], sequence[good], points[good]
    order = np.lexsort((sequence, pd.factorize(ids)[0]))
    ids, points = ids[order], points[order]
    bounds = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1], True])
    return {str(ids[a]): points[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)}


def metric_transform(transform: Callable[..., tuple]) -> Callable[[BaseGeometry], BaseGeometry]:
    """A shape in longitude/latitude to the same shape in metres, with a pyproj transform."""
    def to_metres(shape: BaseGeometry) -> BaseGeometry:
        return shapely.transform(shape, lambda xy: np.column_stack(transform(xy[:, 0],
                                                                             xy[:, 1])))
    return to_metres
