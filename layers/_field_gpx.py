"""Reading GPX files from phones and GPS units: waypoints, tracks and where a vehicle stopped.

Parsed with :mod:`xml.etree.ElementTree` (gpxpy is not a dependency). A GPX never
needs a document type, so a file declaring one (``<!DOCTYPE``, ``<!ENTITY``) is
refused before parsing: that closes the entity-expansion and external-entity
tricks defusedxml guards against, without the dependency.

Stops of a recorded matatu ride are the *dwell points*: where the vehicle stayed
within :data:`DWELL_RADIUS_M` for at least :data:`DWELL_MIN_S`, read from the
track's time stamps. They are proposals; a facilitator confirms and names them.
"""

from __future__ import annotations

import datetime as dt
import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from shapely.geometry import LineString, Point

from layers.errors import InputFileError
from layers.i18n import tr

#: A vehicle that stays within this distance (metres) ...
DWELL_RADIUS_M = 25.0
#: ... for at least this long (seconds) has stopped there.
DWELL_MIN_S = 30.0
_EARTH_RADIUS_M = 6_371_008.8


@dataclass(frozen=True)
class Waypoint:
    """A named point marked on the device."""

    #: Where, longitude/latitude.
    point: Point
    #: Its name, description, type and comment, when given (GPX element names).
    values: dict[str, str]


@dataclass(frozen=True)
class DwellPoint:
    """A place where the vehicle stood still: a stop to propose."""

    #: The middle of the positions recorded while it stood still.
    point: Point
    #: When it arrived there.
    arrived: dt.datetime
    #: How long it stood still, in seconds.
    seconds: float


@dataclass(frozen=True)
class Track:
    """A recorded trip."""

    #: The path, longitude/latitude, in recording order.
    line: LineString
    #: Its name and description, when given.
    values: dict[str, str]
    #: Where it stood still, in order; empty when the track has no time stamps.
    stops: tuple[DwellPoint, ...]
    #: Whether every position has a time stamp (without them no stop can be found).
    timed: bool


def read_gpx(raw: bytes, label: str) -> tuple[list[Waypoint], list[Track]]:
    """The waypoints and tracks of a GPX file (routes count as untimed tracks).

    Raises
    ------
    InputFileError
        The file is not GPX, declares entities, or holds no point at all.
    """
    head = raw[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in raw.lower():
        raise InputFileError(tr("{name} declares a document type or entities, which a GPX "
                                "file never needs; it was not read.", name=label))
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as error:
        raise InputFileError(tr("{name} is not a readable GPX file ({reason}).", name=label,
                                reason=error)) from None
    if _local(root.tag) != "gpx":
        raise InputFileError(tr("{name} is XML but not GPX (its root is <{root}>).",
                                name=label, root=_local(root.tag)))
    waypoints = []
    for element in _children(root, "wpt"):
        point = _position(element, label)
        waypoints.append(Waypoint(Point(point[0], point[1]), _texts(element)))
    found = [_track(trk, [p for seg in _children(trk, "trkseg")
                          for p in _children(seg, "trkpt")], label)
             for trk in _children(root, "trk")]
    found += [_track(rte, _children(rte, "rtept"), label) for rte in _children(root, "rte")]
    tracks = [t for t in found if t is not None]
    if not waypoints and not tracks:
        raise InputFileError(tr("{name} holds no waypoint and no track.", name=label))
    return waypoints, tracks


def dwell_points(positions: list[tuple[float, float, dt.datetime]],
                 radius_m: float = DWELL_RADIUS_M, min_s: float = DWELL_MIN_S
                 ) -> list[DwellPoint]:
    """Where a recorded trip stayed within ``radius_m`` of one place for ``min_s`` or more.

    One pass: from each position, the run of following positions within the radius
    of it; a run lasting long enough is a stop and the search goes on after it.
    """
    found = []
    start = 0
    while start < len(positions):
        t0 = positions[start][2]
        end = start
        while (end + 1 < len(positions)
               and _metres(positions[end + 1], positions[start]) <= radius_m):
            end += 1
        seconds = (positions[end][2] - t0).total_seconds()
        if end > start and seconds >= min_s:
            run = positions[start:end + 1]
            found.append(DwellPoint(Point(sum(p[0] for p in run) / len(run),
                                          sum(p[1] for p in run) / len(run)), t0, seconds))
            start = end + 1
        else:
            start += 1
    return found


def _track(element: ET.Element, positions: list[ET.Element], label: str) -> Track | None:
    coordinates = [_position(p, label) for p in positions]
    if len(coordinates) < 2:
        return None
    times = [_time(p) for p in positions]
    timed = all(t is not None for t in times)
    stops: list[DwellPoint] = []
    if timed:
        stops = dwell_points([(lon, lat, t) for (lon, lat), t in zip(coordinates, times,
                                                                      strict=True)
                              if t is not None])
    return Track(LineString(coordinates), _texts(element), tuple(stops), timed)


def _metres(a: tuple[float, float, dt.datetime], b: tuple[float, float, dt.datetime]) -> float:
    """Distance on the sphere (haversine), plenty for tens of metres."""
    lon1, lat1, lon2, lat2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * _EARTH_RADIUS_M * math.asin(math.sqrt(min(1.0, h)))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


def _texts(element: ET.Element) -> dict[str, str]:
    return {_local(child.tag): (child.text or "").strip() for child in element
            if _local(child.tag) in ("name", "desc", "cmt", "type") and (child.text or "").strip()}


def _position(element: ET.Element, label: str) -> tuple[float, float]:
    try:
        return float(element.attrib["lon"]), float(element.attrib["lat"])
    except (KeyError, ValueError):
        raise InputFileError(tr("{name} has a point without valid lat and lon attributes.",
                                name=label)) from None


def _time(element: ET.Element) -> dt.datetime | None:
    found = next((c for c in element if _local(c.tag) == "time"), None)
    text = (found.text or "").strip() if found is not None else ""
    if not text:
        return None
    text = text.replace("Z", "+00:00")
    try:
        stamp = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)
