"""OpenStreetMap keys and values, and which base layer each feature goes to.

One place for the domain words of OSM (after QuickOSM's ``definitions/osm.py``):
the base layers a project is built of, the POI categories a mapper recognises,
and the tag rules that sort an OSM object into them.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class BaseLayer(StrEnum):
    """The base layers built from an OpenStreetMap extract."""

    BUILDINGS = "buildings"
    ROADS = "roads"
    POIS = "pois"
    WATER = "water"
    LANDUSE = "landuse"
    PLACES = "places"
    STREET_NODES = "street_nodes"
    STREET_EDGES = "street_edges"


class PoiCategory(StrEnum):
    """What an existing point of interest is for, in a mapper's words."""

    HEALTH = "health"
    EDUCATION = "education"
    WATER = "water"
    SANITATION = "sanitation"
    EMERGENCY = "emergency"
    SHELTER = "shelter"
    MARKET = "market"
    WORSHIP = "worship"
    COMMUNITY = "community"
    TRANSPORT = "transport"
    OTHER = "other"


#: Keys whose presence makes an OSM object interesting at all (the reader skips the rest).
INTERESTING_KEYS: tuple[str, ...] = (
    "building", "highway", "amenity", "shop", "healthcare", "emergency", "office",
    "tourism", "craft", "social_facility", "man_made", "waterway", "natural", "water",
    "landuse", "leisure", "place", "public_transport", "railway",
)

#: Keys a way needs to be a road or a waterway, or a building or POI whose node order
#: is kept for export.
WAY_KEYS: tuple[str, ...] = (
    "highway", "waterway", "building", "amenity", "shop", "healthcare", "emergency", "office",
    "tourism", "craft", "social_facility", "man_made", "natural", "public_transport", "railway",
)
#: Keys an area (closed way or multipolygon) needs to be a building, POI, water or land use.
AREA_KEYS: tuple[str, ...] = (
    "building", "amenity", "shop", "healthcare", "emergency", "office", "tourism", "craft",
    "social_facility", "man_made", "natural", "water", "waterway", "landuse", "leisure",
    "public_transport", "railway",
)

#: Keys that make a node or an area a point of interest.
POI_KEYS: tuple[str, ...] = (
    "amenity", "shop", "healthcare", "emergency", "office", "tourism", "craft",
    "social_facility",
)

#: ``highway`` values that are points of interest when on a node.
POI_HIGHWAY_NODES = frozenset({"bus_stop"})
#: ``man_made`` values that are points of interest (mostly water supply).
POI_MAN_MADE = frozenset({"water_well", "water_tap", "water_works", "water_tower", "borehole"})
#: ``public_transport`` / ``railway`` values that are points of interest.
POI_TRANSPORT = frozenset({"station", "stop_position", "platform", "halt"})

#: Keys whose presence alone may make a node a point of interest or a place name.
NODE_KEYS: tuple[str, ...] = (*POI_KEYS, "place")
#: Tags that make a node a point of interest only with these values (``highway`` nodes
#: are mostly crossings and ``natural`` ones trees: the reader skips those in C++).
NODE_VALUE_TAGS: tuple[tuple[str, str], ...] = (
    *(("highway", value) for value in sorted(POI_HIGHWAY_NODES)),
    *(("man_made", value) for value in sorted(POI_MAN_MADE)),
    ("natural", "spring"),
    *((key, value) for key in ("public_transport", "railway") for value in sorted(POI_TRANSPORT)),
)

#: ``highway`` values that are not roads on the ground.
NOT_ROADS = frozenset({"proposed", "planned", "abandoned", "razed", "no", "construction_old"})
#: ``highway`` values left out of the street graph, as osmnx's "all" network does.
NOT_ROUTABLE = frozenset(
    {"abandoned", "construction", "no", "planned", "platform", "proposed", "raceway", "razed"}
)
#: ``waterway`` values drawn as water lines.
WATERWAY_LINES = frozenset({"river", "stream", "canal", "drain", "ditch", "brook", "tidal_channel"})
#: ``natural`` values that are water areas.
NATURAL_WATER = frozenset({"water", "wetland", "bay"})
#: ``landuse`` values that are water areas rather than land use.
LANDUSE_WATER = frozenset({"reservoir", "basin"})
#: ``leisure`` values drawn as land use (open spaces).
LEISURE_LANDUSE = frozenset({"park", "pitch", "playground", "garden", "recreation_ground",
                             "sports_centre", "stadium", "golf_course", "nature_reserve"})
#: ``natural`` values drawn as land cover.
NATURAL_LANDUSE = frozenset({"wood", "scrub", "grassland", "heath", "sand", "beach",
                             "bare_rock", "scree", "shingle", "mud"})
#: ``place`` values labelled on the map.
PLACE_VALUES = frozenset({"city", "town", "village", "hamlet", "suburb", "quarter",
                          "neighbourhood", "locality", "isolated_dwelling", "square"})

_AMENITY_CATEGORY: dict[str, PoiCategory] = {
    **dict.fromkeys(("hospital", "clinic", "doctors", "pharmacy", "dentist", "health_post",
                     "nursing_home", "baby_hatch"), PoiCategory.HEALTH),
    **dict.fromkeys(("school", "kindergarten", "college", "university", "library",
                     "childcare", "language_school", "training"), PoiCategory.EDUCATION),
    **dict.fromkeys(("drinking_water", "water_point", "watering_place", "fountain"),
                    PoiCategory.WATER),
    **dict.fromkeys(("toilets", "shower", "waste_disposal", "sanitary_dump_station"),
                    PoiCategory.SANITATION),
    **dict.fromkeys(("police", "fire_station", "ranger_station"), PoiCategory.EMERGENCY),
    **dict.fromkeys(("shelter", "refugee_site"), PoiCategory.SHELTER),
    **dict.fromkeys(("marketplace", "vending_machine"), PoiCategory.MARKET),
    "place_of_worship": PoiCategory.WORSHIP,
    **dict.fromkeys(("community_centre", "social_facility", "social_centre", "townhall",
                     "arts_centre"), PoiCategory.COMMUNITY),
    **dict.fromkeys(("bus_station", "taxi", "ferry_terminal", "fuel"), PoiCategory.TRANSPORT),
}


def is_poi(tags: Mapping[str, str], on_node: bool) -> bool:
    """Whether an OSM object with these tags is a point of interest."""
    if any(key in tags for key in POI_KEYS):
        return True
    if tags.get("man_made") in POI_MAN_MADE or tags.get("natural") == "spring":
        return True
    if on_node and tags.get("highway") in POI_HIGHWAY_NODES:
        return True
    return (tags.get("public_transport") in POI_TRANSPORT
            or tags.get("railway") in POI_TRANSPORT)


def poi_category(tags: Mapping[str, str]) -> PoiCategory:
    """Sort a point of interest into the category a mapper would file it under."""
    if tags.get("social_facility") == "shelter" or "emergency:social_facility" in tags:
        return PoiCategory.SHELTER
    amenity = tags.get("amenity")
    if amenity in _AMENITY_CATEGORY:
        return _AMENITY_CATEGORY[amenity]
    if "healthcare" in tags:
        return PoiCategory.HEALTH
    if tags.get("man_made") in POI_MAN_MADE or tags.get("natural") == "spring":
        return PoiCategory.WATER
    if "emergency" in tags:
        return PoiCategory.EMERGENCY
    if "shop" in tags:
        return PoiCategory.MARKET
    if (tags.get("highway") in POI_HIGHWAY_NODES or tags.get("public_transport") in POI_TRANSPORT
            or tags.get("railway") in POI_TRANSPORT):
        return PoiCategory.TRANSPORT
    return PoiCategory.OTHER


def is_building(tags: Mapping[str, str]) -> bool:
    """Whether an area is a building."""
    value = tags.get("building")
    return value is not None and value != "no"


def is_road(tags: Mapping[str, str]) -> bool:
    """Whether a way is a road, street, track or path on the ground."""
    highway = tags.get("highway")
    return highway is not None and highway not in NOT_ROADS and tags.get("area") != "yes"


def is_routable(tags: Mapping[str, str]) -> bool:
    """Whether a road belongs in the street graph (osmnx's "all" network rules)."""
    return (
        tags.get("highway") not in NOT_ROUTABLE
        and tags.get("area") != "yes"
        and tags.get("service") != "private"
        and tags.get("access") != "private"
    )


def is_water_line(tags: Mapping[str, str]) -> bool:
    """Whether a way is a river, stream, canal or drain."""
    return tags.get("waterway") in WATERWAY_LINES


def is_water_area(tags: Mapping[str, str]) -> bool:
    """Whether an area is open water."""
    return (
        tags.get("natural") in NATURAL_WATER
        or "water" in tags
        or tags.get("waterway") in {"riverbank", "dock"}
        or tags.get("landuse") in LANDUSE_WATER
    )


def is_landuse(tags: Mapping[str, str]) -> bool:
    """Whether an area is land use or land cover worth drawing under the buildings."""
    return (
        ("landuse" in tags and tags["landuse"] not in LANDUSE_WATER)
        or tags.get("leisure") in LEISURE_LANDUSE
        or tags.get("natural") in NATURAL_LANDUSE
        or tags.get("amenity") == "grave_yard"
    )


def is_place(tags: Mapping[str, str]) -> bool:
    """Whether a node names a place (neighbourhood, village, suburb...)."""
    return tags.get("place") in PLACE_VALUES and "name" in tags


def oneway_direction(tags: Mapping[str, str]) -> int:
    """1 for one way along the way, -1 for one way against it, 0 for both ways."""
    value = tags.get("oneway", "")
    if value in {"yes", "true", "1"}:
        return 1
    if value == "-1" or value == "reverse":
        return -1
    if tags.get("junction") == "roundabout" and value != "no":
        return 1
    return 0
