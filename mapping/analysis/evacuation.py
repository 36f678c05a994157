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
routed through the hazard, and saved with the reason as ``evacuation_no_safe_route``.

Each shelter's load is counted in buildings, and in people when they are known (the
buildings' own population attribute, or a census layer of areas shared equally among
its buildings: :mod:`mapping.analysis.places`); the ground within 5, 10 and 15
minutes' walk of each shelter is built from the same search
(:mod:`mapping.analysis.service_areas`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import shapely

from layers.errors import ValidationError
from layers.hazard_classes import HazardClass
from layers.i18n import N_, tr
from layers.osm_definitions import BaseLayer
from layers.participatory import ParticipatoryLayer
from mapping.analysis.avoided_zones import DEFAULT_AVOIDED, AvoidedZones
from mapping.analysis.network import Reach, Snapped, assign, nearest, route_lines, snap
from mapping.analysis.places import (
    Buildings,
    Destination,
    people_from_layer,
    read_places,
    to_destinations,
)
from mapping.analysis.service_areas import SERVICE_MINUTES, ServiceAreas, service_areas
from mapping.analysis.street_network import StreetNetwork
from mapping.project import Project

#: Walking speed used unless told otherwise (metres per second): a slow adult walk,
#: allowing for children, elderly people and crowds.
WALK_SPEED_M_S = 1.2
#: Layer the routes are written to.
ROUTES_LAYER = "evacuation_routes"
#: Layer the buildings with no safe route are written to (removed when there is none).
NO_ROUTE_LAYER = "evacuation_no_safe_route"
#: Why a building has no safe route, in words, and its map colour (bright, to stand out).
NO_ROUTE_REASONS = {
    "in_zone": (N_("stands in a zone to avoid"), "#e7298a"),
    "cut": (N_("its way to the street crosses a zone to avoid"), "#d95f02"),
    "no_street": (N_("no usable street within 500 m"), "#7570b3"),
    "no_path": (N_("its streets reach no shelter without crossing a zone"), "#111111"),
}
#: Layer the service areas are written to.
SERVICE_AREAS_LAYER = "evacuation_service_areas"
#: Map colour of each walking time's service area (the nearest drawn darkest).
SERVICE_COLOURS = {5: "#1a9850", 10: "#91cf60", 15: "#d9ef8b"}
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
    #: Names of the hazard layer's classes avoided, lowest first.
    avoided: tuple[str, ...]
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
    #: Per building: people living there (None when not known).
    people: np.ndarray | None = field(default=None, repr=False)
    #: Where the people come from: "buildings" (their population attribute), a layer
    #: name, or None when not known.
    people_source: str | None = None

    @property
    def routed(self) -> np.ndarray:
        """Which buildings have a safe route."""
        return self.destination >= 0

    @property
    def no_safe_route(self) -> np.ndarray:
        """Feature ids of the buildings with no safe route."""
        return self.buildings.fids[~self.routed]

    def no_route_reasons(self) -> list[str]:
        """Why each building of :attr:`no_safe_route` has none (keys of
        :data:`NO_ROUTE_REASONS`): it stands in an avoided zone, its straight way to the
        nearest usable street crosses one, no usable street is near, or its streets lead
        to no shelter without crossing a zone."""
        from mapping.analysis.network import MAX_SNAP_M

        missing = np.flatnonzero(~self.routed)
        if not len(missing):
            return []
        lonlat = self.buildings.lonlat[missing]
        in_zone = (self.zones.touches(shapely.points(lonlat)) if self.zones is not None
                   else np.zeros(len(missing), dtype=bool))
        near = snap(self.network, lonlat, self.usable, MAX_SNAP_M).snapped
        joined = self.origins.snapped[missing]
        return ["in_zone" if zone else "no_street" if not street else "cut" if not join
                else "no_path"
                for zone, street, join in zip(in_zone, near, joined, strict=True)]

    def no_route_frame(self) -> gpd.GeoDataFrame:
        """The buildings with no safe route (their footprints, else centroids), each
        with ``building_fid``, ``reason`` in words and its ``colour`` (WGS84)."""
        missing = np.flatnonzero(~self.routed)
        geometry = (self.buildings.geometries[missing] if self.buildings.geometries is not None
                    else shapely.points(self.buildings.lonlat[missing]))
        reasons = [NO_ROUTE_REASONS[key] for key in self.no_route_reasons()]
        return gpd.GeoDataFrame({
            "building_fid": self.buildings.fids[missing],
            "reason": [words for words, _ in reasons],
            "colour": [colour for _, colour in reasons],
        }, geometry=gpd.GeoSeries(geometry, crs="EPSG:4326"), crs="EPSG:4326")

    def assigned(self) -> np.ndarray:
        """How many buildings each destination receives."""
        return np.bincount(self.destination[self.routed], minlength=len(self.destinations))

    def assigned_people(self) -> np.ndarray | None:
        """How many people each destination receives, rounded up (None when not known)."""
        if self.people is None:
            return None
        routed = self.routed
        total = np.bincount(self.destination[routed], weights=self.people[routed],
                            minlength=len(self.destinations))
        return np.ceil(np.round(total, 6)).astype(np.int64)

    def within_minutes(self, minutes: int) -> np.ndarray:
        """Per building: whether its safe route takes at most ``minutes`` to walk."""
        return self.routed & (self.walk_s <= minutes * 60.0)

    def service_areas(self, minutes: tuple[int, ...] = SERVICE_MINUTES) -> ServiceAreas:
        """The ground within each walking time of each shelter, as polygons (no new
        search; :mod:`mapping.analysis.service_areas`)."""
        return service_areas(self.network, self.reach, self.targets, self.usable,
                             self.walk_speed, minutes, self.zones)

    def service_area_frame(self, areas: ServiceAreas) -> gpd.GeoDataFrame:
        """The service areas as rows: destination uuid, name, minutes, the buildings
        (and people) whose route takes at most that long, hectares; longest time first,
        so the nearest ground is drawn on top."""
        order = np.lexsort((areas.destination, -areas.minutes))
        rows: dict[str, list] = {"destination": [], "name": [], "minutes": [], "walk": [],
                                 "buildings": [], "people": [], "area_ha": [], "colour": []}
        for k, minutes in zip(areas.destination[order], areas.minutes[order], strict=True):
            within = self.within_minutes(int(minutes)) & (self.destination == k)
            rows["destination"].append(self.destinations[k].uuid)
            rows["name"].append(self.destinations[k].name)
            rows["minutes"].append(int(minutes))
            rows["walk"].append(walk_words(int(minutes)))
            rows["buildings"].append(int(within.sum()))
            if self.people is not None:
                rows["people"].append(int(math.ceil(round(float(self.people[within].sum()), 6))))
            rows["colour"].append(SERVICE_COLOURS.get(int(minutes), "#d9ef8b"))
        rows["area_ha"] = np.round(areas.area_ha[order], 2).tolist()
        if self.people is None:
            del rows["people"]
        return gpd.GeoDataFrame(rows, geometry=gpd.GeoSeries(areas.polygons[order],
                                                             crs="EPSG:4326"), crs="EPSG:4326")

    def routes(self) -> gpd.GeoDataFrame:
        """One line per building with a safe route (WGS84); with the building's
        ``people`` when they are known."""
        which = np.flatnonzero(self.routed)
        lines = route_lines(self.network, self.reach, self.origins, self.targets, which)
        columns: dict = {
            "building_fid": self.buildings.fids[which],
            "destination": [self.destinations[k].uuid for k in self.destination[which]],
            "length_m": np.round(self.length_m[which], 2),
            "walk_s": np.round(self.walk_s[which], 1),
        }
        if self.people is not None:
            columns["people"] = self.people[which]
        return gpd.GeoDataFrame(columns, geometry=gpd.GeoSeries(lines, crs="EPSG:4326"),
                                crs="EPSG:4326")

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

    def summary(self, areas: ServiceAreas | None = None,
                minutes: tuple[int, ...] = SERVICE_MINUTES) -> dict:
        """What ``quartier evacuate --json`` prints (``area_ha`` of each service area
        only when ``areas`` are given)."""
        assigned = self.assigned()
        people = self.assigned_people()
        hectares = {} if areas is None else {
            (int(k), int(m)): float(round(a, 2))
            for k, m, a in zip(areas.destination, areas.minutes, areas.area_ha, strict=True)}
        destinations = []
        for k, place in enumerate(self.destinations):
            entry: dict = {"uuid": place.uuid, "name": place.name,
                           "assigned": int(assigned[k]), "capacity": place.capacity}
            if people is not None:
                entry["assigned_people"] = int(people[k])
            bands = {}
            for limit in minutes:
                within = self.within_minutes(limit) & (self.destination == k)
                band: dict = {"buildings": int(within.sum())}
                if self.people is not None:
                    band["people"] = int(math.ceil(round(float(self.people[within].sum()), 6)))
                if areas is not None:
                    band["area_ha"] = hectares.get((k, limit), 0.0)
                bands[str(limit)] = band
            entry["service_areas"] = bands
            destinations.append(entry)
        return {
            "hazard": self.hazard,
            "buildings": int(len(self.buildings.fids)),
            "routed": int(self.routed.sum()),
            "no_safe_route": int((~self.routed).sum()),
            "walk_s": spread(self.walk_s[self.routed]),
            "destinations": destinations,
            "load": "people" if self.people is not None else "buildings",
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


def evacuate(project: Project, hazard: str,
             avoid: Iterable[HazardClass | str] = DEFAULT_AVOIDED,
             to: str | None = None, walk_speed: float = WALK_SPEED_M_S,
             network: StreetNetwork | None = None, buildings: Buildings | None = None,
             population: str | None = None, population_field: str | None = None
             ) -> EvacuationResult:
    """Route every building to its nearest shelter, avoiding ``avoid`` zones of ``hazard``.

    The people each shelter receives come from ``population`` (a layer of areas with a
    population field, shared equally among its buildings) when given, else from the
    buildings' own population attribute, else are not known (the load is in buildings).

    Raises
    ------
    ValidationError
        Unknown hazard, no class to avoid, no street graph, no shelter mapped (or none
        outside the zones), or no building with a safe route: one plain sentence each.
    """
    name = project.path.name
    if not (walk_speed > 0 and np.isfinite(walk_speed)):
        raise ValidationError(tr("The walking speed must be a positive number of metres "
                                 "per second, like 1.2 (got {speed}).", speed=walk_speed))
    if population_field is not None and population is None:
        raise ValidationError(tr("--population-field needs --population LAYER (the layer "
                                 "of areas the field belongs to)."))
    zones = AvoidedZones(project, hazard, avoid)
    shelters = find_shelters(project, str(zones.info.hazard_type), to)
    if not shelters:
        hazard_type = tr(str(zones.info.hazard_type))
        if to:
            raise ValidationError(tr(
                "No shelter or evacuation centre is mapped in the layer {layer} for a "
                "{hazard_type} hazard: add one (the 'Shelter for displaced people' or "
                "'Evacuation centre' facility) before routing.", layer=to,
                hazard_type=hazard_type))
        raise ValidationError(tr(
            "No shelter or evacuation centre is mapped in {project} for a {hazard_type} "
            "hazard: add one (the 'Shelter for displaced people' or 'Evacuation centre' "
            "facility) before routing.", project=name, hazard_type=hazard_type))
    network = network or StreetNetwork.from_project(project)
    buildings = buildings or Buildings.from_project(project)
    if population is not None:
        people: np.ndarray | None = people_from_layer(project, buildings, population,
                                                      population_field)
        source: str | None = population
    else:
        people = buildings.people
        source = "buildings" if people is not None else None
    usable = ~zones.touches(network.edge_lines)

    points = np.array([[d.lon, d.lat] for d in shelters])
    outside = ~zones.touches(shapely.points(points))
    if not outside.any():
        raise ValidationError(tr("Every shelter mapped for this hazard lies in a zone of "
                                 "{hazard} to avoid: no building can be routed to safety.",
                                 hazard=hazard))
    shelters = [d for d, ok in zip(shelters, outside, strict=True) if ok]
    targets = _safe_snap(network, zones, points[outside], usable)
    origins = _safe_snap(network, zones, buildings.lonlat, usable)
    reach = nearest(network, origins, targets, usable)
    if not (reach.destination >= 0).any():
        raise ValidationError(tr("No building of {project} has a safe route to a shelter: "
                                 "every way out crosses a zone of {hazard} to avoid, or the "
                                 "streets do not connect to any shelter.", project=name,
                                 hazard=hazard))
    return EvacuationResult(
        hazard=hazard, avoided=zones.names, buildings=buildings, destinations=shelters,
        length_m=reach.distance_m, walk_s=reach.distance_m / walk_speed,
        destination=reach.destination, walk_speed=walk_speed, network=network,
        origins=origins, targets=targets, reach=reach, usable=usable, zones=zones,
        people=people, people_source=source)


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
    save_result_layer(project, ROUTES_LAYER, N_("Evacuation routes"), routes,
                      {"analysis": "evacuation", "hazard": result.hazard,
                       "avoid": list(result.zones.codes) if result.zones else [],
                       "avoid_names": list(result.avoided),
                       "walk_speed": result.walk_speed})
    return routes


def write_no_safe_route(project: Project, result: EvacuationResult) -> int:
    """Save the buildings with no safe route as the project layer
    ``evacuation_no_safe_route`` (replacing an earlier one), drawn in bright colours by
    reason; when every building is routed, an earlier such layer is removed. Returns
    how many buildings it holds."""
    from mapping.analysis._result_layers import remove_result_layer, save_result_layer

    if not (~result.routed).any():
        remove_result_layer(project, NO_ROUTE_LAYER)
        return 0
    frame = result.no_route_frame()
    save_result_layer(project, NO_ROUTE_LAYER, N_("Buildings with no safe route"), frame,
                      {"analysis": "evacuation", "hazard": result.hazard,
                       "avoid_names": list(result.avoided), "colour_column": "colour",
                       "class_column": "reason",
                       "class_colours": dict(NO_ROUTE_REASONS.values())})
    return len(frame)


def write_service_areas(project: Project, result: EvacuationResult) -> ServiceAreas:
    """Save the 5, 10 and 15 minutes' walk around each shelter as the project layer
    ``evacuation_service_areas`` (replacing an earlier one)."""
    from mapping.analysis._result_layers import save_result_layer

    areas = result.service_areas()
    save_result_layer(project, SERVICE_AREAS_LAYER, N_("Evacuation service areas"),
                      result.service_area_frame(areas),
                      {"analysis": "evacuation", "hazard": result.hazard,
                       "walk_speed": result.walk_speed, "colour_column": "colour",
                       "class_column": "walk",
                       "class_colours": {walk_words(m): c for m, c in SERVICE_COLOURS.items()}})
    return areas


def walk_words(minutes: int) -> str:
    """How a service area is stored on the map and in its legend ("within 5 min walk"),
    in English (stable); shown through :func:`mapping.render.words.class_label`."""
    return f"within {minutes} min walk"
