"""Transport lines and their stops as OpenStreetMap's public transport schema, version 2.

PTv2 (the approved "Public Transport" proposal, which JOSM's validator and PT Assistant
check) describes a line in three kinds of object:

* a **platform** per stop: a node ``public_transport=platform`` with the vehicles that
  call there (``bus=yes``, ``share_taxi=yes``) and ``highway=bus_stop`` (what renderers
  and older tools read). A stop shared by several lines is one node, member of each of
  their routes: Quartier keeps a stop per line, so stops with the same ``gtfs:stop_id``,
  or within a metre of each other, are taken as one;
* a **route** relation per direction (``type=route``, ``public_transport:version=2``):
  its platforms in the order the vehicle calls at them, role ``platform``, then the ways
  it follows in order, with no role. A line runs both ways unless it is tagged
  ``oneway=yes`` or drawn as a loop, the rule of the GTFS export: the way back lists
  the stops and ways reversed, ``from`` and ``to`` swapped;
* a **route_master** relation grouping the routes of one line. PTv2 makes one for every
  line, even one with a single route (a one-way line or a loop), so that consumers
  (PTNA, GTFS converters) find every line the same way; JOSM's validator accepts both.

Names follow PTv2 ("Bus 12: Kibera => Town") where the residents gave none. A name the
residents gave is the line's own, so it stays on the route_master; a one-way line's
single route keeps it too, while each direction of a two-way line gets the PTv2 name
of that direction (the residents' "Kibera – Town" would be wrong the way back).

This module decides the tags and orders; :mod:`mapping.export.osm` builds the objects.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from pyproj import Geod
from shapely.geometry.base import BaseGeometry

from layers.feature_rules import with_osm_intervals

#: Ends of a line closer than this (metres) make it a loop, run one way (as in gtfs.py).
LOOP_GAP_M = 50.0
#: Stops of different lines closer than this (metres) are one shared stop.
SHARED_STOP_M = 1.0
#: Role of a stop in a route relation.
PLATFORM_ROLE = "platform"
#: The tag marking a route as PTv2.
PTV2 = ("public_transport:version", "2")
#: Route written when a line has none.
DEFAULT_ROUTE = "bus"
#: Vehicle word of a PTv2 route name, per ``route`` value.
VEHICLE_WORDS = {"bus": "Bus", "minibus": "Minibus", "share_taxi": "Share taxi",
                 "trolleybus": "Trolleybus", "coach": "Coach"}
#: The platform tag saying which vehicles call, per ``route`` value (others: route=yes).
PLATFORM_VEHICLE_KEYS = {"minibus": "bus", "coach": "bus"}
#: Line tags that describe the whole line, copied to its route_master.
MASTER_KEYS = ("ref", "network", "operator", "colour")
#: A stop that is a motorcycle taxi stand keeps its own tags, it is no bus stop.
NOT_BUS_STOPS = (("amenity", "motorcycle_taxi"),)
#: Keys of a route relation written first, in this order (then the line's other tags).
ROUTE_KEY_ORDER = ("type", "route", "ref", "name", "from", "to", "network", "operator")

_GEOD = Geod(ellps="WGS84")


@dataclass(frozen=True)
class Variant:
    """One route relation of a line (one direction)."""

    #: Tags of the route relation.
    tags: dict[str, str]
    #: True when the platforms go in the reverse of the line's stop order.
    stops_reversed: bool
    #: True when the ways go in the reverse of the order the line was drawn.
    ways_reversed: bool


@dataclass(frozen=True)
class LinePlan:
    """The route relations of a line and its route_master."""

    #: One route per direction the line runs (forward first).
    variants: list[Variant]
    #: Tags of the route_master relation.
    master_tags: dict[str, str]


def route_value(tags: dict[str, str]) -> str:
    """The line's ``route`` value, bus when it has none."""
    return tags.get("route") or DEFAULT_ROUTE


def plan_line(tags: dict[str, str], line: BaseGeometry, stops: Sequence[BaseGeometry],
              stop_names: Sequence[str]) -> LinePlan:
    """The routes of a line drawn as ``line`` (WGS84) with ``stops`` in stop order.

    ``tags`` are the line's OSM tags (bookkeeping already removed); ``stop_names``
    name its first and last stops when the line has no ``from`` / ``to``.
    """
    route = route_value(tags)
    tags = with_osm_intervals(tags)  # waits by band: interval and interval:conditional
    backward_drawing = drawn_backward(line, stops)
    two_way = tags.get("oneway") != "yes" and not is_loop(line)
    names = [n for n in stop_names if n]
    origin = tags.get("from") or (names[0] if len(names) > 1 else "")
    destination = tags.get("to") or (names[-1] if len(names) > 1 else "")
    own_name = tags.get("name", "")
    ends = [(origin, destination, False)] + ([(destination, origin, True)] if two_way else [])
    variants = []
    for start, end, reverse in ends:
        if own_name and (not two_way or not (start and end)):
            name = own_name
        else:
            name = ptv2_name(tags, start, end)
        ordered = {**tags, "type": "route", "route": route, "name": name}
        for key, value in (("from", start), ("to", end)):
            if value:
                ordered[key] = value
            else:
                ordered.pop(key, None)
        ordered = {key: ordered[key] for key in (*ROUTE_KEY_ORDER, *ordered) if key in ordered}
        ordered[PTV2[0]] = PTV2[1]
        variants.append(Variant(ordered, stops_reversed=reverse,
                                ways_reversed=reverse != backward_drawing))
    master = {"type": "route_master", "route_master": route,
              **{key: tags[key] for key in MASTER_KEYS if tags.get(key)},
              "name": own_name or ptv2_name(tags, *(("", "") if tags.get("ref")
                                                      else (origin, destination)))}
    return LinePlan(variants, master)


def ptv2_name(tags: dict[str, str], origin: str, destination: str) -> str:
    """A PTv2 name: "Bus 12: Kibera => Town", "Minibus 8", "Share taxi: A => B"."""
    route = route_value(tags)
    vehicle = "minibus" if route == "bus" and tags.get("bus") == "minibus" else route
    head = " ".join(part for part in (VEHICLE_WORDS.get(vehicle, vehicle.replace("_", " ")
                                                        .capitalize()),
                                      tags.get("ref", "")) if part)
    if origin and destination:
        return f"{head}: {origin} => {destination}"
    return head


def platform_tags(tags: dict[str, str], routes: set[str]) -> dict[str, str]:
    """A stop's tags as a PTv2 platform of lines with these ``route`` values."""
    out = dict(tags)
    out.setdefault("public_transport", "platform")
    if not any(tags.get(key) == value for key, value in NOT_BUS_STOPS):
        out.setdefault("highway", "bus_stop")
    for route in sorted(routes):
        out.setdefault(PLATFORM_VEHICLE_KEYS.get(route, route), "yes")
    return out


def is_loop(line: BaseGeometry) -> bool:
    """True for a line drawn as a loop: closed, or its ends within 50 m."""
    parts = list(getattr(line, "geoms", [line]))
    (x0, y0), (x1, y1) = parts[0].coords[0][:2], parts[-1].coords[-1][:2]
    return bool(_GEOD.inv(x0, y0, x1, y1)[2] < LOOP_GAP_M)


def drawn_backward(line: BaseGeometry, stops: Sequence[BaseGeometry]) -> bool:
    """True when the line was drawn from its last stop to its first."""
    if len(stops) < 2:
        return False
    # Along-line positions in a local frame where a degree of longitude is as long
    # as one of latitude, so that the comparison holds far from the equator.
    scale = math.cos(math.radians(line.centroid.y))

    def local(shape: BaseGeometry) -> BaseGeometry:
        return shapely.transform(shape, lambda xy: xy * np.array([scale, 1.0]))

    metric = local(line)
    first, last = local(stops[0]), local(stops[-1])
    return bool(metric.project(last) < metric.project(first))


def shared_stops(points: Sequence[BaseGeometry], stop_ids: Sequence[str | None]
                 ) -> list[list[int]]:
    """Groups of stops that are one stop: the same ``gtfs:stop_id``, or within a metre
    (unless both carry different ``gtfs:stop_id``). Each group lists positions in
    ``points``, in order; groups are in the order of their first stop."""
    parent = list(range(len(points)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    first_with_id: dict[str, int] = {}
    for index, stop_id in enumerate(stop_ids):
        if stop_id:
            join(first_with_id.setdefault(stop_id, index), index)
    usable = [i for i, p in enumerate(points) if p is not None and not p.is_empty]
    if len(usable) > 1:
        shapes = [points[i] for i in usable]
        latitude = min(89.0, max(abs(p.y) for p in shapes))
        degrees = SHARED_STOP_M / (111_000 * math.cos(math.radians(latitude)))
        left, right = shapely.STRtree(shapes).query(shapes, predicate="dwithin",
                                                    distance=degrees)
        pairs = [(usable[a], usable[b]) for a, b in zip(left, right, strict=True) if a < b]
        if pairs:
            i_index, j_index = map(np.array, zip(*pairs, strict=True))
            xy = np.array([(p.x, p.y) for p in points if p is not None and not p.is_empty])
            where = {index: row for row, index in enumerate(usable)}
            a = xy[[where[i] for i in i_index]]
            b = xy[[where[j] for j in j_index]]
            metres = _GEOD.inv(a[:, 0], a[:, 1], b[:, 0], b[:, 1])[2]
            for i, j, gap in zip(i_index, j_index, metres, strict=True):
                ids = stop_ids[i], stop_ids[j]
                if gap <= SHARED_STOP_M and not (all(ids) and ids[0] != ids[1]):
                    join(int(i), int(j))
    groups: dict[int, list[int]] = {}
    for index in range(len(points)):
        groups.setdefault(root(index), []).append(index)
    return list(groups.values())
