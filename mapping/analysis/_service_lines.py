"""The transport lines and stops a level-of-service analysis reads, and their timetables.

A line's service comes from its tags exactly as the GTFS export reads them
(:func:`mapping.export.gtfs_service.service`): rows of (start, end, headway) in
seconds. Here those rows become **vehicles per hour in a time band**: the vehicles
that leave in the band (each row's overlap with the band divided by its headway)
over the band's length in hours. A line running 05:00-22:00 every 10 minutes has
6.0 vehicles per hour in 06-09; the same line starting at 07:00 has 4.0 there
(12 vehicles over 3 hours). Times past midnight (GTFS allows 25:30) count in the
morning bands of the same day, since the day repeats.

Stops of several lines that stand within :data:`PLACE_RADIUS_M` of each other, or
share a ``gtfs:stop_id`` tag (an imported feed's shared stop), are **one place**:
people wait there for any of the lines, so its frequency is the sum of theirs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import shapely
from pyproj import Geod
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from shapely.strtree import STRtree

from layers.errors import ValidationError
from layers.i18n import tr
from layers.participatory import ParticipatoryLayer
from mapping.edit_history import Feature
from mapping.export.gtfs_service import service
from mapping.project import Project
from mapping.store import LayerNotFoundError

#: Time bands reported for every line (hours; the last ends at midnight).
DEFAULT_BANDS: tuple[str, ...] = ("00-06", "06-09", "09-16", "16-19", "19-24")
#: Band a stop's frequency is judged in unless told otherwise: the morning peak.
DEFAULT_BAND = "06-09"
#: Stops of different lines nearer than this are one place to wait (metres).
PLACE_RADIUS_M = 30.0
#: Tag naming a stop shared by several lines (what a GTFS import writes).
SHARED_STOP_TAG = "gtfs:stop_id"
_DAY = 24 * 3600
_BAND_TEXT = re.compile(r"^\s*(\d{1,2})(?::(\d{2}))?\s*-\s*(\d{1,2})(?::(\d{2}))?\s*$")
_GEOD = Geod(ellps="WGS84")


def parse_band(text: str) -> tuple[str, int, int]:
    """A band typed as ``06-09`` or ``06:30-09:00``: its name and (start, end) in seconds."""
    match = _BAND_TEXT.match(text)
    if match:
        h1, m1, h2, m2 = (int(v) if v else 0 for v in match.groups())
        start, end = h1 * 3600 + m1 * 60, h2 * 3600 + m2 * 60
        if m1 < 60 and m2 < 60 and 0 <= start < end <= _DAY:
            return band_name(start, end), start, end
    raise ValidationError(tr("{text} is not a time band: write it as two hours of the same "
                             "day, like 06-09 or 06:30-09:00.", text=repr(text)))


def band_name(start: int, end: int) -> str:
    """``06-09`` for whole hours, else ``06:30-09:00``."""
    if start % 3600 == 0 and end % 3600 == 0:
        return f"{start // 3600:02d}-{end // 3600:02d}"
    return f"{clock(start)}-{clock(end)}"


def clock(seconds: int) -> str:
    """Seconds after midnight as ``HH:MM`` (hours past 24 kept, as GTFS writes them)."""
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


def vehicles_in(frequencies: tuple[tuple[int, int, int], ...], start: int, end: int) -> float:
    """Vehicles per hour in the band ``start``-``end`` (seconds), averaged over the band."""
    vehicles = 0.0
    for begin, finish, headway in frequencies:
        # A row past midnight also runs the next morning (the same day repeated).
        for shift in (0, _DAY):
            overlap = min(finish - shift, end) - max(begin - shift, start)
            if overlap > 0 and headway > 0:
                vehicles += overlap / headway
    return vehicles * 3600 / (end - start)


@dataclass
class LineRecord:
    """One transport line as read for the analysis."""

    uuid: str
    ref: str
    name: str
    geometry: object
    #: GTFS frequency rows (start, end, headway seconds); empty: no wait tagged.
    frequencies: tuple[tuple[int, int, int], ...]
    #: Notes on what was assumed for this line.
    notes: tuple[str, ...]
    #: Its stops in order.
    stops: list[Feature] = field(default_factory=list)

    @property
    def label(self) -> str:
        """``Line 8``, ``Line Ayany - Town``, or the uuid."""
        return f"Line {self.ref or self.name or self.uuid}"



def lengths_m(geometries: list[object]) -> np.ndarray:
    """Length of each line on the WGS84 ellipsoid, metres (0 for a missing one), all
    lines' vertex pairs in one vectorised geodesic call."""
    shapes = np.array(geometries, dtype=object)
    present = np.array([g is not None for g in geometries], dtype=bool)
    out = np.zeros(len(shapes))
    if not present.any():
        return out
    # Each part of a multi-line alone, so no step joins the end of one to the next.
    parts, line = shapely.get_parts(shapes[present], return_index=True)
    coords, owner = shapely.get_coordinates(parts, return_index=True)
    same = owner[1:] == owner[:-1]
    _forward, _back, step = _GEOD.inv(coords[:-1, 0][same], coords[:-1, 1][same],
                                      coords[1:, 0][same], coords[1:, 1][same])
    out[np.flatnonzero(present)] = np.bincount(line[owner[1:][same]], weights=step,
                                               minlength=int(present.sum()))
    return out


def read_lines(project: Project) -> list[LineRecord]:
    """Every transport line with its stops (in stop order) and its service rows.

    Raises
    ------
    ValidationError
        The project has no transport lines.
    """
    try:
        lines = project.store.read_features(ParticipatoryLayer.TRANSPORT_LINES)
        stops = project.store.read_features(ParticipatoryLayer.TRANSPORT_STOPS)
    except LayerNotFoundError:
        lines, stops = [], []
    if not lines:
        raise ValidationError(tr("{project} has no transport lines: draw the lines and "
                                 "their stops, or import a GTFS feed, before measuring the "
                                 "level of service.", project=project.path.name))
    by_line: dict[str, list[Feature]] = {}
    for stop in stops:
        if stop.line_uuid and stop.geometry is not None and not stop.geometry.is_empty:
            by_line.setdefault(stop.line_uuid, []).append(stop)
    out = []
    for line in lines:
        tags = dict(line.tags)
        ref = tags.get("ref", "")
        name = tags.get("name") or " – ".join(
            t for t in (tags.get("from"), tags.get("to")) if t)
        record = LineRecord(uuid=line.uuid, ref=ref, name=name, geometry=line.geometry,
                            frequencies=(), notes=())
        timing = service(tags, record.label)
        if timing is not None:
            record.frequencies = timing.frequencies
            record.notes = timing.notes
        record.stops = sorted(by_line.get(line.uuid, []),
                              key=lambda stop: (stop.stop_sequence or 0, stop.fid or 0))
        out.append(record)
    return out


@dataclass
class Places:
    """The places people wait at: stops of several lines close together made one."""

    #: Per stop (all lines' stops, line by line): the place it belongs to.
    place_of_stop: np.ndarray
    #: Per stop: index of its line.
    line_of_stop: np.ndarray
    #: Every stop, line by line.
    stops: list[Feature]
    #: Per stop: its (lon, lat).
    stop_lonlat: np.ndarray
    #: Per place: (lon, lat) of its first stop (where people are routed to).
    lonlat: np.ndarray
    #: Per place: the names of its stops, distinct, in order met.
    names: list[str]
    #: Per place: indices of the lines that serve it, distinct.
    lines: list[tuple[int, ...]]


def group_places(lines: list[LineRecord], metres: object) -> Places:
    """Group every stop into places: within :data:`PLACE_RADIUS_M` (chained: a stop near
    either of two grouped stops joins them) or sharing a :data:`SHARED_STOP_TAG`."""
    stops = [stop for line in lines for stop in line.stops]
    line_of_stop = np.array([k for k, line in enumerate(lines) for _ in line.stops],
                            dtype=np.int64)
    count = len(stops)
    if not count:
        return Places(place_of_stop=np.zeros(0, dtype=np.int64), line_of_stop=line_of_stop,
                      stops=[], stop_lonlat=np.zeros((0, 2)), lonlat=np.zeros((0, 2)),
                      names=[], lines=[])
    lonlat = shapely.get_coordinates(shapely.centroid(
        np.array([stop.geometry for stop in stops], dtype=object)))
    xy = metres(lonlat)  # type: ignore[operator]
    points = shapely.points(xy)
    near_a, near_b = STRtree(points).query(points, predicate="dwithin",
                                           distance=PLACE_RADIUS_M)
    rows, cols = [near_a], [near_b]
    shared: dict[str, int] = {}
    for k, stop in enumerate(stops):
        key = stop.tags.get(SHARED_STOP_TAG)
        if key:
            first = shared.setdefault(key, k)
            rows.append(np.array([k]))
            cols.append(np.array([first]))
    row, col = np.concatenate(rows), np.concatenate(cols)
    graph = coo_matrix((np.ones(len(row)), (row, col)), shape=(count, count))
    _count, label = connected_components(graph, directed=False)
    # Places numbered in the order their first stop comes.
    _unique, first_index, inverse = np.unique(label, return_index=True, return_inverse=True)
    order = np.argsort(first_index, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    place = rank[inverse]
    names: list[list[str]] = [[] for _ in order]
    served: list[list[int]] = [[] for _ in order]
    for k, stop in enumerate(stops):
        p = int(place[k])
        name = stop.tags.get("name") or stop.name or ""
        if name and name not in names[p]:
            names[p].append(name)
        if int(line_of_stop[k]) not in served[p]:
            served[p].append(int(line_of_stop[k]))
    return Places(place_of_stop=place, line_of_stop=line_of_stop, stops=stops,
                  stop_lonlat=lonlat, lonlat=lonlat[first_index[order]],
                  names=[" / ".join(n) for n in names],
                  lines=[tuple(s) for s in served])
