"""Level of service of informal transport: how often vehicles come, and who can walk to them.

Per **line**: vehicles per hour in each time band and the span of service, from the
line's tags as the GTFS export reads them (``interval``, ``interval:06-09``,
``opening_hours``; :mod:`mapping.analysis._service_lines`), its length and stops,
and with a hazard whether it crosses an affected zone and which stops lie inside.

Per **area** (the polygons of a layer, square grid cells, or the whole project): the
buildings within a walk of ``walk_m`` metres **along the streets** of a stop, and of a
**frequent** stop, one where vehicles come at least every ``frequent_headway_min``
minutes. Walking distances come from one multi-source Dijkstra pass per question
(all stops, then the frequent ones) over the street graph, as access to facilities
is measured (:func:`mapping.analysis.network.nearest`): a building's centroid snaps
to its nearest street, the straight snap counted in the walk.

A stop's frequency is that of its **place**: stops of different lines within 30 m of
each other, or sharing a ``gtfs:stop_id``, are one place, and its vehicles per hour
are the sum of its lines'. Frequency is judged in one band: the morning peak 06-09
by default (when people travel to work and school, and the band informal lines are
most often surveyed in), or the busiest band of the project when no line runs then,
or the band asked for.

``quartier service PROJECT --json`` prints :meth:`ServiceReport.to_json`; its keys are
documented in the README ("Level of service").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely

from layers.errors import ValidationError
from layers.i18n import ntr, tr
from mapping.analysis._service_lines import (
    DEFAULT_BAND,
    DEFAULT_BANDS,
    LineRecord,
    Places,
    clock,
    group_places,
    lengths_m,
    parse_band,
    read_lines,
    vehicles_in,
)
from mapping.analysis.network import Snapped, nearest, snap
from mapping.analysis.places import Buildings
from mapping.analysis.street_network import StreetNetwork
from mapping.project import Project

__all__ = ["AREAS_LAYER", "BUILDINGS_LAYER", "DEFAULT_BAND", "DEFAULT_BANDS",
           "GRID_CELL_M", "STOPS_LAYER", "AreaService", "LineService", "ServiceReport",
           "service_level", "write_service_layers"]

#: Default walk to a stop, metres along the streets (a 5-minute walk).
DEFAULT_WALK_M = 400.0
#: Default longest wait for a stop to count as frequent, minutes.
DEFAULT_FREQUENT_MIN = 10.0
#: Side of a grid cell with ``by="grid"`` (metres; ``grid:250`` chooses another).
GRID_CELL_M = 500.0
#: Result layers written by :func:`write_service_layers`.
AREAS_LAYER = "transport_service_areas"
BUILDINGS_LAYER = "transport_service_buildings"
STOPS_LAYER = "transport_service_stops"
#: How many least-served areas are listed.
LEAST_SERVED_COUNT = 5


@dataclass(frozen=True)
class LineService:
    """The service of one transport line."""

    #: The line's uuid.
    uuid: str
    #: Its ``ref`` tag ("" when none).
    ref: str
    #: Its name (``name`` tag, else "from – to"; "" when none).
    name: str
    #: Vehicles per hour (one direction) in each time band, ``{"06-09": 6.0, ...}``;
    #: empty when the line has no waiting time tagged.
    vehicles_per_hour: dict[str, float]
    #: First and last time vehicles run, ``("05:00", "22:00")`` (hours past 24 when
    #: it runs past midnight); None without a waiting time.
    span: tuple[str, str] | None
    #: Length along the line, metres (on the ellipsoid).
    length_m: float
    #: How many stops it has.
    stops: int
    #: With a hazard: whether the line touches an affected zone of it.
    crosses_hazard: bool = False
    #: With a hazard: the names (uuid when unnamed) of its stops inside an affected zone.
    stops_cut_off: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """This line as in ``quartier service --json``."""
        return {"uuid": self.uuid, "ref": self.ref, "name": self.name,
                "vehicles_per_hour": dict(self.vehicles_per_hour),
                "span": list(self.span) if self.span else None,
                "length_m": round(self.length_m, 1), "stops": self.stops,
                "crosses_hazard": self.crosses_hazard,
                "stops_cut_off": list(self.stops_cut_off)}


@dataclass(frozen=True)
class AreaService:
    """How many buildings of an area (or of the project) can walk to a stop."""

    #: The area's name (the project's name for project-wide totals).
    name: str
    #: Buildings in it.
    buildings: int
    #: Buildings within the walk of a stop.
    within_walk: int
    #: Buildings within the walk of a frequent stop.
    within_walk_frequent: int

    @property
    def share_within(self) -> float:
        """Share of its buildings within the walk of a stop, 0-1 (0 with no building)."""
        return self.within_walk / self.buildings if self.buildings else 0.0

    @property
    def share_frequent(self) -> float:
        """Share of its buildings within the walk of a frequent stop, 0-1."""
        return self.within_walk_frequent / self.buildings if self.buildings else 0.0

    def to_json(self) -> dict[str, Any]:
        """This area as in ``quartier service --json`` (shares rounded to 0.001)."""
        return {"name": self.name, "buildings": self.buildings,
                "within_walk": self.within_walk,
                "within_walk_frequent": self.within_walk_frequent,
                "share_within": round(self.share_within, 4),
                "share_frequent": round(self.share_frequent, 4)}


@dataclass(frozen=True)
class ServiceReport:
    """The level of service of a project's transport lines."""

    #: Every line, in the order of the layer.
    lines: tuple[LineService, ...]
    #: Every area, least served first (by share within a walk of a frequent stop, then
    #: of any stop, then the most buildings, then name; areas with no building last);
    #: empty without ``by``.
    areas: tuple[AreaService, ...]
    #: The whole project's buildings.
    totals: AreaService
    #: Walk to a stop, metres along the streets.
    walk_m: float
    #: Longest wait at a frequent stop, minutes.
    frequent_headway_min: float
    #: The band a stop's frequency was judged in (``"06-09"``).
    band: str
    #: The bands of ``LineService.vehicles_per_hour``, in the order of the day.
    bands: tuple[str, ...]
    #: Places to wait (stops of several lines close together counted once), and how
    #: many of them are frequent.
    stop_places: int
    frequent_places: int
    #: The hazard asked about, or None.
    hazard: str | None
    #: What was assumed, in plain words, one sentence each.
    assumptions: tuple[str, ...]
    #: The area layer (or ``grid:500``) the areas come from, None without.
    by: str | None = None
    #: For the result layers: buildings, their walks, the areas' shapes, the places.
    details: _Details | None = field(default=None, repr=False, compare=False)

    def least_served(self, count: int = LEAST_SERVED_COUNT) -> tuple[AreaService, ...]:
        """The ``count`` least-served areas that have buildings, least served first."""
        return tuple(area for area in self.areas if area.buildings)[:count]

    def to_json(self) -> dict[str, Any]:
        """What ``quartier service --json`` prints (documented in the README)."""
        return {
            "walk_m": self.walk_m, "frequent_headway_min": self.frequent_headway_min,
            "band": self.band, "bands": list(self.bands), "hazard": self.hazard,
            "by": self.by,
            "totals": {**self.totals.to_json(), "lines": len(self.lines),
                       "stops": sum(line.stops for line in self.lines),
                       "stop_places": self.stop_places,
                       "frequent_places": self.frequent_places,
                       "lines_crossing_hazard": sum(line.crosses_hazard for line in self.lines),
                       "stops_cut_off": sum(len(line.stops_cut_off) for line in self.lines)},
            "lines": [line.to_json() for line in self.lines],
            "areas": [area.to_json() for area in self.areas],
            "least_served": [area.name for area in self.least_served()],
            "assumptions": list(self.assumptions),
        }


@dataclass
class _Details:
    """What the result layers are drawn from (kept out of comparisons and ``repr``)."""

    buildings: Buildings
    #: Per building: walk to the nearest stop / frequent stop, metres (inf: none).
    walk_m: np.ndarray
    walk_frequent_m: np.ndarray
    #: Per building: whether a street lies within 500 m of it (it is snapped).
    snapped: np.ndarray
    #: Per building: index of its area in ``area_names``, -1 when in none.
    area: np.ndarray
    area_names: list[str]
    area_shapes: np.ndarray
    places: Places
    #: Per place: vehicles per hour in the band, frequent or not, cut off or not.
    place_vph: np.ndarray
    place_frequent: np.ndarray
    place_cut_off: np.ndarray
    line_records: list[LineRecord]


def service_level(project: Project, *, by: str | None = None, by_field: str | None = None,
                  hazard: str | None = None, walk_m: float = DEFAULT_WALK_M,
                  frequent_headway_min: float = DEFAULT_FREQUENT_MIN,
                  band: str | None = None, network: StreetNetwork | None = None,
                  buildings: Buildings | None = None) -> ServiceReport:
    """The level of service of the project's transport lines, per line and per area.

    Parameters
    ----------
    project
        The project, with transport lines and stops, a street graph and buildings.
    by
        An area layer to break the buildings down by (as ``quartier analyse --by``),
        ``"grid"`` for square cells of :data:`GRID_CELL_M` metres, or ``"grid:250"``
        for cells of 250 m; None: the project as a whole only.
    by_field
        The attribute naming each area (default: a ``name`` attribute).
    hazard
        A hazard layer: lines touching one of its affected zones are marked, and their
        stops inside one listed as cut off.
    walk_m
        Walk to a stop along the streets, metres.
    frequent_headway_min
        A stop is frequent when its vehicles come at least this often (minutes),
        all its lines together, in ``band``.
    band
        The band frequency is judged in, ``"06-09"`` or ``"06:30-09:00"``; ``"busiest"``
        for the band of :data:`DEFAULT_BANDS` with the most vehicles over all lines;
        None: 06-09 when some line runs then, else the busiest.
    network, buildings
        The street graph and buildings when already read (a panel keeps them).

    Raises
    ------
    ValidationError
        No transport lines, no street graph, no buildings, an unknown area or hazard
        layer, a walk or wait that is not positive, a band that is not one.
    """
    if not walk_m > 0:
        raise ValidationError(tr("The walk to a stop must be a positive distance in metres "
                                 "(got {walk:g}).", walk=walk_m))
    if not frequent_headway_min > 0:
        raise ValidationError(tr("The wait at a frequent stop must be a positive number of "
                                 "minutes (got {wait:g}).", wait=frequent_headway_min))
    records = read_lines(project)
    network = network or StreetNetwork.from_project(project)
    buildings = buildings or Buildings.from_project(project)
    bands = [parse_band(text) for text in DEFAULT_BANDS]
    vph = np.array([[vehicles_in(line.frequencies, start, end) for _n, start, end in bands]
                    for line in records]).reshape(len(records), len(bands))
    assumptions: list[str] = []
    chosen = _chosen_band(band, bands, vph, records, assumptions)
    band_vph = np.array([vehicles_in(line.frequencies, chosen[1], chosen[2])
                         for line in records])

    places = group_places(records, network.metres)
    place_vph = np.array([band_vph[list(served)].sum() for served in places.lines])
    needed = 60.0 / frequent_headway_min
    place_frequent = place_vph >= needed - 1e-9
    stop_frequent = place_frequent[places.place_of_stop] if len(places.stops) else \
        np.zeros(0, dtype=bool)

    stop_lonlat = places.stop_lonlat
    # Buildings and stops snapped in one search of the streets.
    joined = snap(network, np.concatenate([buildings.lonlat, stop_lonlat]))
    count = len(buildings.fids)
    origins = _part(joined, np.arange(count))
    all_stops = _part(joined, np.arange(count, count + len(stop_lonlat)))
    walk = nearest(network, origins, all_stops).distance_m
    frequent_stops = _part(all_stops, np.flatnonzero(stop_frequent))
    walk_frequent = (nearest(network, origins, frequent_stops).distance_m
                     if stop_frequent.any() else np.full(len(walk), np.inf))
    within = walk <= walk_m
    within_frequent = walk_frequent <= walk_m

    crossing, cut_off, place_cut_off = _hazard(project, hazard, records, places)
    length = lengths_m([line.geometry for line in records])
    lines = tuple(_line_service(line, vph[k], bands, length[k], crossing[k], cut_off[k])
                  for k, line in enumerate(records))
    area_names, area_shapes, area = _areas(project, by, by_field, buildings, network)
    areas = []
    for k, name in enumerate(area_names):
        inside = area == k
        areas.append(AreaService(name=name, buildings=int(inside.sum()),
                                 within_walk=int((within & inside).sum()),
                                 within_walk_frequent=int((within_frequent & inside).sum())))
    areas.sort(key=lambda a: (a.buildings == 0, a.share_frequent, a.share_within,
                              -a.buildings, a.name))
    totals = AreaService(name=project.metadata.name or project.path.stem,
                         buildings=len(walk), within_walk=int(within.sum()),
                         within_walk_frequent=int(within_frequent.sum()))
    assumptions += _assumptions(records, walk_m, frequent_headway_min, chosen[0],
                                int((~origins.snapped).sum()))
    details = _Details(buildings=buildings, walk_m=walk, walk_frequent_m=walk_frequent,
                       snapped=origins.snapped,
                       area=area, area_names=area_names, area_shapes=area_shapes,
                       places=places, place_vph=place_vph, place_frequent=place_frequent,
                       place_cut_off=place_cut_off, line_records=records)
    return ServiceReport(lines=lines, areas=tuple(areas), totals=totals, walk_m=float(walk_m),
                         frequent_headway_min=float(frequent_headway_min), band=chosen[0],
                         bands=tuple(name for name, _s, _e in bands),
                         stop_places=len(places.names),
                         frequent_places=int(place_frequent.sum()), hazard=hazard,
                         assumptions=tuple(assumptions), by=by, details=details)


def _chosen_band(band: str | None, bands: list[tuple[str, int, int]], vph: np.ndarray,
                 records: list[LineRecord], assumptions: list[str]) -> tuple[str, int, int]:
    """The band frequency is judged in (see :func:`service_level`)."""
    busiest = bands[int(np.argmax(vph.sum(axis=0)))] if vph.size else parse_band(DEFAULT_BAND)
    if band is not None and band.strip().casefold() == "busiest":
        return busiest
    if band is not None:
        return parse_band(band)
    default = parse_band(DEFAULT_BAND)
    if not any(vehicles_in(line.frequencies, default[1], default[2]) > 0 for line in records):
        if vph.size and vph.sum() > 0:
            assumptions.append(tr("No line runs in the morning peak {band}; frequency was "
                                  "judged in the busiest band, {busiest}.", band=default[0],
                                  busiest=busiest[0]))
            return busiest
    return default


def _part(snapped: Snapped, which: np.ndarray) -> Snapped:
    """Some of the points of ``snapped``, in the order of ``which``."""
    return Snapped(point_xy=snapped.point_xy[which], edge=snapped.edge[which],
                   snap_xy=snapped.snap_xy[which], distance_m=snapped.distance_m[which],
                   fraction=snapped.fraction[which])


def _line_service(line: LineRecord, vph: np.ndarray, bands: list[tuple[str, int, int]],
                  length_m: float, crosses: bool, cut_off: tuple[str, ...]) -> LineService:
    rows = line.frequencies
    return LineService(
        uuid=line.uuid, ref=line.ref, name=line.name,
        vehicles_per_hour=({name: round(float(v), 2) for (name, _s, _e), v in
                            zip(bands, vph, strict=True)} if rows else {}),
        span=(clock(min(r[0] for r in rows)), clock(max(r[1] for r in rows))) if rows else None,
        length_m=float(length_m), stops=len(line.stops), crosses_hazard=crosses,
        stops_cut_off=cut_off)


def _hazard(project: Project, hazard: str | None, records: list[LineRecord], places: Places
            ) -> tuple[list[bool], list[tuple[str, ...]], np.ndarray]:
    """Per line: whether it touches an affected zone, its stops inside one; per place:
    whether one of its stops is inside."""
    count = len(records)
    place_cut = np.zeros(len(places.names), dtype=bool)
    if hazard is None:
        return [False] * count, [()] * count, place_cut
    from mapping.analysis.avoided_zones import AvoidedZones

    zones = AvoidedZones(project, hazard)
    geometries = np.array([line.geometry for line in records], dtype=object)
    present = np.array([g is not None and not shapely.is_empty(g) for g in geometries])
    crossing = np.zeros(count, dtype=bool)
    if present.any():
        crossing[present] = zones.touches(geometries[present])
    stop_hit = (zones.touches(np.array([s.geometry for s in places.stops], dtype=object))
                if places.stops else np.zeros(0, dtype=bool))
    cut: list[list[str]] = [[] for _ in records]
    for k, stop in enumerate(places.stops):
        if stop_hit[k]:
            cut[int(places.line_of_stop[k])].append(stop.tags.get("name") or stop.uuid)
            place_cut[int(places.place_of_stop[k])] = True
    # A stop inside a zone puts its line across it, even drawn around the zone.
    crossing |= np.array([bool(c) for c in cut])
    return crossing.tolist(), [tuple(c) for c in cut], place_cut


def _areas(project: Project, by: str | None, by_field: str | None, buildings: Buildings,
           network: StreetNetwork) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Area names and shapes (WGS84), and each building's area index (-1: none)."""
    count = len(buildings.fids)
    if by is None:
        if by_field is not None:
            raise ValidationError(tr("--by-field names the areas of --by: give --by "
                                     "AREA_LAYER too."))
        return [], np.empty(0, dtype=object), np.full(count, -1, dtype=np.int64)
    text = by.strip()
    if text.casefold() == "grid" or text.casefold().startswith("grid:"):
        names, shapes = _grid(text, buildings, network)
    else:
        from mapping.analysis._inputs import load_areas

        loaded = load_areas(project, text, by_field)
        names, shapes = list(loaded.names), np.asarray(loaded.geometries, dtype=object)
    points = shapely.points(buildings.lonlat)
    which, found = shapely.STRtree(shapes).query(points, predicate="intersects")
    # A building on two areas belongs to the first.
    first = np.full(count, len(shapes), dtype=np.int64)
    np.minimum.at(first, which, found)
    area = np.where(first < len(shapes), first, -1)
    return names, shapes, area


def _grid(text: str, buildings: Buildings, network: StreetNetwork
          ) -> tuple[list[str], np.ndarray]:
    """Square cells (``grid`` or ``grid:SIDE_M``) over the buildings, those holding one."""
    side = GRID_CELL_M
    if ":" in text:
        try:
            side = float(text.split(":", 1)[1])
        except ValueError:
            side = -1.0
        if not side > 0:
            raise ValidationError(tr("{text}: a grid is given as grid or grid:SIDE in "
                                     "metres, like grid:500.", text=repr(text)))
    xy = network.metres(buildings.lonlat)
    cell = np.floor(xy / side).astype(np.int64)
    used = np.unique(cell, axis=0) if len(cell) else np.zeros((0, 2), dtype=np.int64)
    names, shapes = [], []
    low_x, low_y = (used.min(axis=0) if len(used) else (0, 0))
    for cx, cy in used:
        corners = np.array([[cx, cy], [cx + 1, cy], [cx + 1, cy + 1], [cx, cy + 1]],
                           dtype=np.float64) * side
        ring = network.lonlat(corners)
        shapes.append(shapely.Polygon(ring))
        # Cells named by column and row from the south-west corner: "cell 3-5".
        names.append(f"cell {cx - low_x + 1}-{cy - low_y + 1}")
    return names, np.array(shapes, dtype=object)


def _assumptions(records: list[LineRecord], walk_m: float, frequent_min: float, band: str,
                 unsnapped: int) -> list[str]:
    notes = [
        tr("A building is served when its centre is within {walk:g} m of a stop walking "
           "along the streets (the straight way to the nearest street counted).", walk=walk_m),
        tr("A stop is frequent when vehicles come at least every {wait:g} minutes in "
           "{band}, all the lines stopping there together (stops within 30 m of each other, "
           "or sharing a gtfs:stop_id, are one place).", wait=frequent_min, band=band),
        tr("Vehicles per hour are in one direction, averaged over each band, from the "
           "interval, interval:HH-HH and opening_hours tags as the GTFS export reads them."),
    ]
    untimed = [line.label for line in records if not line.frequencies]
    if untimed:
        notes.append(ntr("{lines} has no waiting time (interval tag): no vehicles counted, "
                         "its stops never frequent.",
                         "{lines} have no waiting time (interval tag): no vehicles counted, "
                         "their stops never frequent.", len(untimed), lines=_listed(untimed)))
    stopless = [line.label for line in records if not line.stops]
    if stopless:
        notes.append(ntr("{lines} has no stops: nobody is counted as served by it.",
                         "{lines} have no stops: nobody is counted as served by them.",
                         len(stopless), lines=_listed(stopless)))
    for line in records:
        notes.extend(line.notes)
    if unsnapped:
        notes.append(ntr("{n} building lies more than 500 m from any street and is counted "
                         "as not served.",
                         "{n} buildings lie more than 500 m from any street and are counted "
                         "as not served.", unsnapped))
    return notes


def _listed(labels: list[str], most: int = 5) -> str:
    shown = ", ".join(labels[:most])
    if len(labels) <= most:
        return shown
    return ntr("{names} and {n} more", "{names} and {n} more", len(labels) - most,
               names=shown)


def write_service_layers(project: Project, report: ServiceReport) -> list[str]:
    """Save the report as result layers of the project (replacing earlier ones).

    * :data:`BUILDINGS_LAYER`: every building's footprint with its walk to the nearest
      stop and frequent stop and its class (frequent stop within the walk, stop within
      the walk, neither, or no street within 500 m), coloured;
    * :data:`STOPS_LAYER`: one point per place to wait, with its lines, vehicles per hour
      in the band, whether frequent and (with a hazard) cut off;
    * :data:`AREAS_LAYER` (when the report has areas): each area with its shares and
      its rank (1 = least served), coloured by share within a walk of a frequent stop,
      the least-served-areas map.

    Returns the names of the layers written.
    """
    from mapping.analysis._service_layers import write_layers

    if report.details is None:
        raise ValidationError(tr("This report holds no buildings to save as layers."))
    return write_layers(project, report, report.details)
