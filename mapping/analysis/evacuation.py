"""Evacuation routing: from every building to the nearest safe shelter, around the hazard.

The destinations are the shelters and evacuation centres of the project (the
``facilities`` residents mapped and the OSM ``pois``; the same rule as the printed
map's shelter list, :func:`mapping.export.tag_words.is_shelter`) whose
``emergency:hazard_type`` is unset or names the hazard, and which lie outside the
avoided zones. Every street segment touching an avoided zone is taken out of the
graph; the routes come from one multi-source Dijkstra pass
(:func:`mapping.analysis.network.nearest`).

A building whose way to the streets touches an avoided zone (it stands in one, or
every nearby street is cut) has **no safe route**: those buildings are listed, not
routed through the hazard.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import shapely

from layers.errors import ValidationError
from layers.hazard_classes import HazardClass
from layers.osm_definitions import BaseLayer
from layers.participatory import ParticipatoryLayer
from mapping.analysis.avoided_zones import DEFAULT_AVOIDED, AvoidedZones
from mapping.analysis.network import Reach, Snapped, assign, nearest, route_lines, snap
from mapping.analysis.places import (
    Buildings,
    Destination,
    read_places,
    to_destinations,
)
from mapping.analysis.street_network import StreetNetwork
from mapping.project import Project

#: Walking speed used unless told otherwise (metres per second): a slow adult walk,
#: allowing for children, elderly people and crowds.
WALK_SPEED_M_S = 1.2
#: Service areas are drawn for these walking times (minutes).
SERVICE_MINUTES = (5, 10, 15)
#: Layer the routes are written to.
ROUTES_LAYER = "evacuation_routes"
#: Words one of which the tags or preset of every shelter mention (see ``is_shelter``).
SHELTER_WORDS = ("shelter", "assembly_point", "evacuation_centre", "refugee_site",
                 "emergency:social_facility")
#: Key naming the hazards a shelter serves (a ;-separated list).
HAZARD_TYPE_KEY = "emergency:hazard_type"


@dataclass(frozen=True)
class ClickedRoute:
    """The safe route from one point, or why there is none (``line`` None)."""

    #: The route, WGS84 (None: no safe route from there).
    line: shapely.LineString | None
    #: Its length in metres and walking time in seconds (inf with no route).
    length_m: float
    walk_s: float
    #: Where it leads.
    destination: Destination | None


@dataclass
class EvacuationResult:
    """Every building's route to safety, and each shelter's load."""

    #: Hazard layer the routes avoid.
    hazard: str
    #: Classes avoided.
    avoided: frozenset[HazardClass]
    #: The buildings routed from.
    buildings: Buildings
    #: The shelters routed to.
    destinations: list[Destination]
    #: Per building: route length in metres (inf: no safe route).
    length_m: np.ndarray
    #: Per building: walking time in seconds (inf: no safe route).
    walk_s: np.ndarray
    #: Per building: index into ``destinations``, -1 with no safe route.
    destination: np.ndarray
    #: Walking speed used, metres per second.
    walk_speed: float
    #: The network, the snapped points and the search (for routes and service areas).
    network: StreetNetwork = field(repr=False)
    origins: Snapped = field(repr=False)
    targets: Snapped = field(repr=False)
    reach: Reach = field(repr=False)
    #: Segments left after the avoided zones were taken out.
    usable: np.ndarray = field(repr=False)
    #: The zones avoided.
    zones: AvoidedZones | None = field(default=None, repr=False)

    @property
    def routed(self) -> np.ndarray:
        """Which buildings have a safe route."""
        return self.destination >= 0

    @property
    def no_safe_route(self) -> np.ndarray:
        """Feature ids of the buildings with no safe route."""
        return self.buildings.fids[~self.routed]

    def assigned(self) -> np.ndarray:
        """How many buildings each destination receives."""
        return np.bincount(self.destination[self.routed], minlength=len(self.destinations))

    def service_areas(self, minutes: tuple[int, ...] = SERVICE_MINUTES
                      ) -> dict[int, dict[int, np.ndarray]]:
        """Street nodes within each walking time of each destination (node indexes).

        ``{minutes: {destination index: node indexes}}``; a node belongs to the area of
        its nearest destination only.
        """
        areas: dict[int, dict[int, np.ndarray]] = {}
        for limit in minutes:
            within = self.reach.node_distance <= limit * 60 * self.walk_speed
            owner = self.reach.node_destination
            areas[limit] = {k: np.flatnonzero(within & (owner == k))
                            for k in range(len(self.destinations))}
        return areas

    def routes(self) -> gpd.GeoDataFrame:
        """One line per building with a safe route (WGS84)."""
        which = np.flatnonzero(self.routed)
        lines = route_lines(self.network, self.reach, self.origins, self.targets, which)
        return gpd.GeoDataFrame({
            "building_fid": self.buildings.fids[which],
            "destination": [self.destinations[k].uuid for k in self.destination[which]],
            "length_m": np.round(self.length_m[which], 2),
            "walk_s": np.round(self.walk_s[which], 1),
        }, geometry=gpd.GeoSeries(lines, crs="EPSG:4326"), crs="EPSG:4326")

    def route_from(self, lon: float, lat: float) -> ClickedRoute:
        """The safe route from any point (a click on the map), with no new search."""
        assert self.zones is not None
        origin = _safe_snap(self.network, self.zones, np.array([[lon, lat]]), self.usable)
        reach = assign(self.network, self.reach, origin, self.targets)
        target = int(reach.destination[0])
        if target < 0:
            return ClickedRoute(None, float("inf"), float("inf"), None)
        line = route_lines(self.network, reach, origin, self.targets, np.array([0]))[0]
        metres = float(reach.distance_m[0])
        return ClickedRoute(line, metres, metres / self.walk_speed, self.destinations[target])

    def summary(self) -> dict:
        """What ``quartier evacuate --json`` prints."""
        assigned = self.assigned()
        return {
            "hazard": self.hazard,
            "buildings": int(len(self.buildings.fids)),
            "routed": int(self.routed.sum()),
            "no_safe_route": int((~self.routed).sum()),
            "walk_s": spread(self.walk_s[self.routed]),
            "destinations": [{"uuid": d.uuid, "name": d.name, "assigned": int(assigned[k]),
                              "capacity": d.capacity}
                             for k, d in enumerate(self.destinations)],
        }


def spread(values: np.ndarray) -> dict[str, float | None]:
    """Median, 90th percentile and maximum, rounded to 0.1 (None when there is none)."""
    if not len(values):
        return {"median": None, "p90": None, "max": None}
    return {"median": round(float(np.median(values)), 1),
            "p90": round(float(np.percentile(values, 90)), 1),
            "max": round(float(np.max(values)), 1)}


# ------------------------------------------------------------------------------ destinations


def find_shelters(project: Project, hazard_type: str, layer: str | None = None
                  ) -> list[Destination]:
    """Shelters and evacuation centres for this hazard type, in ``facilities`` and ``pois``.

    With ``layer``, only that layer: its shelters for ``facilities`` or ``pois``, every
    feature of any other layer (a reference layer of official evacuation centres).
    """
    from mapping.export.tag_words import is_shelter

    layers = [layer] if layer else [str(ParticipatoryLayer.FACILITIES), str(BaseLayer.POIS)]
    found: list[Destination] = []
    for name in layers:
        if name not in project.layer_names() and layer is None:
            continue
        shelters_only = name in (str(ParticipatoryLayer.FACILITIES), str(BaseLayer.POIS))
        places = read_places(project, name, SHELTER_WORDS if shelters_only else None)
        if shelters_only:
            keep = [is_shelter(tags, preset if isinstance(preset, str) else None)
                    for tags, preset in zip(places["tags"], places["preset"], strict=True)]
            places = places[np.asarray(keep, dtype=bool)]
        serves = [_serves(tags, hazard_type) for tags in places["tags"]]
        found.extend(to_destinations(places[np.asarray(serves, dtype=bool)]))
    return found


def _serves(tags: dict[str, str], hazard_type: str) -> bool:
    listed = [word.strip().casefold() for word in tags.get(HAZARD_TYPE_KEY, "").split(";")]
    listed = [word for word in listed if word]
    return not listed or hazard_type.casefold() in listed


# ------------------------------------------------------------------------------ the analysis


def evacuate(project: Project, hazard: str, avoid: frozenset[HazardClass] = DEFAULT_AVOIDED,
             to: str | None = None, walk_speed: float = WALK_SPEED_M_S,
             network: StreetNetwork | None = None, buildings: Buildings | None = None
             ) -> EvacuationResult:
    """Route every building to its nearest shelter, avoiding ``avoid`` zones of ``hazard``.

    Raises
    ------
    ValidationError
        Unknown hazard, no class to avoid, no street graph, no shelter mapped (or none
        outside the zones), or no building with a safe route: one plain sentence each.
    """
    name = project.path.name
    if not (walk_speed > 0 and np.isfinite(walk_speed)):
        raise ValidationError(f"The walking speed must be a positive number of metres per "
                              f"second, like 1.2 (got {walk_speed}).")
    zones = AvoidedZones(project, hazard, avoid)
    shelters = find_shelters(project, str(zones.info.hazard_type), to)
    if not shelters:
        where = f"the layer {to}" if to else name
        raise ValidationError(
            f"No shelter or evacuation centre is mapped in {where} for a "
            f"{zones.info.hazard_type} hazard: add one (the 'Shelter for displaced people' or "
            "'Evacuation centre' facility) before routing.")
    network = network or StreetNetwork.from_project(project)
    buildings = buildings or Buildings.from_project(project)
    usable = ~zones.touches(network.edge_lines)

    points = np.array([[d.lon, d.lat] for d in shelters])
    outside = ~zones.touches(shapely.points(points))
    if not outside.any():
        raise ValidationError(f"Every shelter mapped for this hazard lies in a zone of "
                              f"{hazard} to avoid: no building can be routed to safety.")
    shelters = [d for d, ok in zip(shelters, outside, strict=True) if ok]
    targets = _safe_snap(network, zones, points[outside], usable)
    origins = _safe_snap(network, zones, buildings.lonlat, usable)
    reach = nearest(network, origins, targets, usable)
    if not (reach.destination >= 0).any():
        raise ValidationError(f"No building of {name} has a safe route to a shelter: every "
                              f"way out crosses a zone of {hazard} to avoid, or the streets "
                              "do not connect to any shelter.")
    return EvacuationResult(
        hazard=hazard, avoided=zones.classes, buildings=buildings, destinations=shelters,
        length_m=reach.distance_m, walk_s=reach.distance_m / walk_speed,
        destination=reach.destination, walk_speed=walk_speed, network=network,
        origins=origins, targets=targets, reach=reach, usable=usable, zones=zones)


def _safe_snap(network: StreetNetwork, zones: AvoidedZones, lonlat: np.ndarray,
               usable: np.ndarray) -> Snapped:
    """Snap to usable streets; a point whose straight way to its street touches an
    avoided zone (it stands in one, or crosses one) is left unsnapped."""
    snapped = snap(network, lonlat, usable)
    on = np.flatnonzero(snapped.snapped)
    if len(on):
        legs_m = shapely.linestrings(np.stack([snapped.point_xy[on], snapped.snap_xy[on]],
                                              axis=1))
        legs = shapely.transform(legs_m, lambda xy: network.lonlat(xy))
        # A point on its street (no leg) is checked as a point.
        legs = np.where(snapped.distance_m[on] > 0, legs, shapely.points(lonlat[on]))
        cut = zones.touches(legs)
        snapped.edge[on[cut]] = -1
        snapped.distance_m[on[cut]] = np.inf
    return snapped


def write_routes(project: Project, result: EvacuationResult) -> gpd.GeoDataFrame:
    """Save the routes as the project layer ``evacuation_routes`` (replacing an earlier one)."""
    from mapping.analysis._result_layers import save_result_layer

    routes = result.routes()
    save_result_layer(project, ROUTES_LAYER, "Evacuation routes", routes,
                      {"analysis": "evacuation", "hazard": result.hazard,
                       "avoid": sorted(int(c) for c in result.avoided),
                       "walk_speed": result.walk_speed})
    return routes
