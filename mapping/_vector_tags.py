"""Vector attributes read as OpenStreetMap tags, and the words for what layers hold.

For :mod:`mapping.base_import`. Attributes become OSM-style tags: column names
lower-cased, tags nested in one attribute (``tags`` JSON, OGR's ``other_tags``)
unpacked, keys whose values are not OSM-like words set aside (a survey's ``WATER``
count is not OSM's ``water=*``), and a road-class column with another name
(``TYPE``, ``fclass``) read as ``highway``. Every original attribute is kept, as
JSON, for the ``tags`` column of the base layers.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import Counter
from collections.abc import Mapping
from enum import StrEnum

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from layers.i18n import N_, ntr, tr
from layers.osm_definitions import INTERESTING_KEYS, BaseLayer, poi_category
from layers.osm_extract import SCHEMAS as _OSM_SCHEMAS
from layers.participatory import ParticipatoryLayer
from mapping.project import LAYERS_TABLE, METADATA_TABLE


class LayerRole(StrEnum):
    """What a layer given with ``--base`` is, as ``--as FILE=ROLE`` names it."""

    BUILDINGS = "buildings"
    ROADS = "roads"
    POIS = "pois"
    WATER = "water"
    LANDUSE = "landuse"
    REFERENCE = "reference"


ROLE_LIST = "buildings, roads, pois, water, landuse and reference"

POINTS, LINES, POLYGONS, OTHER = "points", "lines", "polygons", "other"
#: Geometry families a role accepts.
ROLE_FAMILIES: dict[LayerRole, frozenset[str]] = {
    LayerRole.BUILDINGS: frozenset({POLYGONS}),
    LayerRole.ROADS: frozenset({LINES}),
    LayerRole.POIS: frozenset({POINTS, POLYGONS}),
    LayerRole.WATER: frozenset({LINES, POLYGONS}),
    LayerRole.LANDUSE: frozenset({POLYGONS}),
}
FAMILY_WORDS: dict[str, str] = {
    LayerRole.BUILDINGS: N_("polygons"), LayerRole.ROADS: N_("lines"),
    LayerRole.POIS: N_("points or polygons"), LayerRole.WATER: N_("lines or polygons"),
    LayerRole.LANDUSE: N_("polygons"),
}
#: The base layer schemas of an OSM import (the street graph is built separately).
SCHEMAS: dict[BaseLayer, tuple[str, ...]] = {BaseLayer(k): v for k, v in _OSM_SCHEMAS.items()}
#: ``highway`` values, for reading a road-class column that has another name.
ROAD_CLASSES = frozenset({
    "motorway", "trunk", "primary", "secondary", "tertiary", "unclassified", "residential",
    "motorway_link", "trunk_link", "primary_link", "secondary_link", "tertiary_link",
    "living_street", "service", "pedestrian", "track", "bus_guideway", "busway", "escape",
    "raceway", "road", "footway", "bridleway", "steps", "corridor", "path", "cycleway",
    "construction", "proposed",
})
_ROAD_CLASS_COLUMNS = ("type", "fclass", "road_type", "roadtype", "class", "road_class",
                       "highway_type", "osm_type", "kind")
_NESTED_TAG_COLUMNS = ("tags", "other_tags", "all_tags")
_KEY_ALIASES = {"building_l": "building:levels", "building_levels": "building:levels",
                "levels": "building:levels", "osm_versio": "osm_version"}
_OSM_ID_KEYS = ("osm_id", "osmid", "osm_way_id")
_OSM_VALUE = re.compile(r"[a-z][a-z0-9_:;.\- ]*")
_HSTORE_PAIR = re.compile(r'"((?:[^"\\]|\\.)*)"=>"((?:[^"\\]|\\.)*)"')
_TYPED_ID = re.compile(r"(node|way|relation)/(-?\d+)")
#: Table names a reference layer must not take.
RESERVED_TABLES = frozenset(
    {str(layer) for layer in BaseLayer} | {str(layer) for layer in ParticipatoryLayer}
    | {METADATA_TABLE, LAYERS_TABLE}
)


def families_of(geometries: np.ndarray) -> np.ndarray:
    """Geometry family of each geometry: points, lines, polygons or other."""
    types = shapely.get_type_id(geometries)
    table = np.array([POINTS, LINES, LINES, POLYGONS, POINTS, LINES, POLYGONS, OTHER],
                     dtype=object)
    out = np.full(len(types), OTHER, dtype=object)
    known = (types >= 0) & (types < len(table))
    out[known] = table[types[known]]
    return out


def keep_family(geometry: object, family: str) -> object:
    """The parts of a repaired geometry in the family it had (make_valid may add others)."""
    if families_of(np.array([geometry], dtype=object))[0] == family:
        return geometry
    parts = list(shapely.get_parts(np.array([geometry], dtype=object)))
    single: list[object] = []
    while parts:
        part = parts.pop()
        if shapely.get_num_geometries(part) > 1 or shapely.get_type_id(part) >= 4:
            parts.extend(shapely.get_parts(part))
        elif families_of(np.array([part], dtype=object))[0] == family:
            single.append(part)
    if not single:
        return None
    make = {POLYGONS: shapely.multipolygons, LINES: shapely.multilinestrings,
            POINTS: shapely.multipoints}[family]
    return make(single)


def promote_polygons(geometries: np.ndarray) -> np.ndarray:
    """Polygons as MultiPolygons, as the OSM import stores areas; other types unchanged."""
    if len(geometries) == 0:
        return geometries
    single = shapely.get_type_id(geometries) == shapely.GeometryType.POLYGON
    if single.any():
        geometries = geometries.copy()
        geometries[single] = shapely.multipolygons(geometries[single][:, None])
    return geometries


def family_summary(families: np.ndarray) -> str:
    """The geometry of a layer in words: "polygons", or "120 polygons and 3 lines"."""
    counts = Counter(str(f) for f in families)
    if len(counts) == 1:
        return tr(_FAMILY_NAMES.get(next(iter(counts)), next(iter(counts))))
    said = [family_count(family, count) for family, count in counts.most_common()]
    return tr("{names} and {last}", names=", ".join(said[:-1]), last=said[-1])


_FAMILY_NAMES = {POINTS: N_("points"), LINES: N_("lines"), POLYGONS: N_("polygons"),
                 OTHER: N_("other shapes")}


def family_count(family: str, count: int) -> str:
    """"120 polygons", in the current language."""
    if family == POINTS:
        return ntr("{n:,} point", "{n:,} points", count)
    if family == LINES:
        return ntr("{n:,} line", "{n:,} lines", count)
    if family == POLYGONS:
        return ntr("{n:,} polygon", "{n:,} polygons", count)
    return ntr("{n:,} other shape", "{n:,} other shapes", count)


def target_count(target: str, count: int) -> str:
    """"1,200 buildings", in the current language."""
    if target == BaseLayer.BUILDINGS:
        return ntr("{n:,} building", "{n:,} buildings", count)
    if target == BaseLayer.ROADS:
        return ntr("{n:,} road", "{n:,} roads", count)
    if target == BaseLayer.POIS:
        return ntr("{n:,} amenity or service", "{n:,} amenities and services", count)
    if target == BaseLayer.WATER:
        return ntr("{n:,} water feature", "{n:,} water features", count)
    if target == BaseLayer.LANDUSE:
        return ntr("{n:,} land use area", "{n:,} land use areas", count)
    return ntr("{n:,} place name", "{n:,} place names", count)


def attribute_views(
    frame: gpd.GeoDataFrame, families: np.ndarray
) -> tuple[list[dict[str, str]], list[str], bool]:
    """Each feature's OSM-style tags, its original attributes as JSON, and OSM evidence.

    Returns
    -------
    tuple
        (tags per feature, JSON text of all original attributes per feature, whether
        the attributes show the data comes from OpenStreetMap).
    """
    count = len(frame)
    views: list[dict[str, str]] = [{} for _ in range(count)]
    originals: list[dict[str, object]] = [{} for _ in range(count)]
    nested = False
    for column in frame.columns:
        if column == frame.geometry.name:
            continue
        key = _KEY_ALIASES.get(str(column).lower(), str(column).lower())
        for i, value in enumerate(frame[column].to_numpy(dtype=object)):
            plain = _plain(value)
            if plain is None:
                continue
            tags = _nested_tags(plain) if key in _NESTED_TAG_COLUMNS else None
            if tags is None:
                originals[i][str(column)] = plain
                views[i][key] = _text(plain)
                continue
            nested = True
            for tag_key, tag_value in tags.items():
                originals[i][tag_key] = tag_value
                views[i][tag_key.lower()] = _text(tag_value)
    if any(str(column).lower() == "osm_way_id" for column in frame.columns):
        # GDAL's OSM layout: areas from ways have osm_way_id, from relations osm_id.
        for view in views:
            if "osm_id" in view and "osm_way_id" not in view:
                view.setdefault("osm_type", "relation")
    kept = _keep_osm_like_keys(views)
    evidence = nested or bool(kept) or any(
        _int(view.get(key)) is not None for view in views for key in _OSM_ID_KEYS
    ) or any(_TYPED_ID.fullmatch(view.get("@id", "")) for view in views)
    _read_road_class(views, families)
    return views, [json.dumps(o, ensure_ascii=False) for o in originals], evidence


def _plain(value: object) -> object:
    """A JSON-ready value, or None for a missing one."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, bool | int | str):
        return (value.strip() or None) if isinstance(value, str) else value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): p for k, v in value.items() if (p := _plain(v)) is not None}
    if isinstance(value, list | tuple | np.ndarray):
        return [_plain(v) for v in value]
    if isinstance(value, bytes):
        return None
    return str(value)


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _nested_tags(value: object) -> dict[str, object] | None:
    """Tags nested in one attribute: a JSON object, or OGR's ``"k"=>"v"`` text."""
    if isinstance(value, dict):
        return value
    if not isinstance(value, str):
        return None
    if value.startswith("{"):
        try:
            loaded = json.loads(value)
        except (ValueError, RecursionError):  # not JSON, or nested beyond Python's reach
            return None
        return loaded if isinstance(loaded, dict) else None
    pairs = _HSTORE_PAIR.findall(value)
    return {k.replace('\\"', '"'): v.replace('\\"', '"') for k, v in pairs} if pairs else None


def _keep_osm_like_keys(views: list[dict[str, str]]) -> list[str]:
    """Keep the OSM keys whose values look like OSM values; drop the rest from the tags.

    A survey's ``WATER`` column counting taps is not OSM's ``water=*``: only keys whose
    values are mostly words are read as OSM tags (they stay in ``tags`` either way).
    """
    kept: list[str] = []
    for key in INTERESTING_KEYS:
        values = [view[key] for view in views if key in view]
        if not values:
            continue
        lowered = [v.lower() for v in values]
        if sum(bool(_OSM_VALUE.fullmatch(v)) for v in lowered) >= 0.9 * len(values):
            kept.append(key)
            for view in views:
                if key in view:
                    view[key] = view[key].lower()
        else:
            for view in views:
                view.pop(key, None)
    return kept


def _road_class(value: str) -> str:
    word = re.sub(r"[\s\-]+", "_", value.strip().lower())
    return "track" if word.startswith("track_grade") else word


def _read_road_class(views: list[dict[str, str]], families: np.ndarray) -> None:
    """Read a road-class column with another name (``TYPE``, ``fclass``) as ``highway``."""
    lines = [view for view, family in zip(views, families, strict=True) if family == LINES]
    if not lines or any("highway" in view for view in views):
        return
    for column in _ROAD_CLASS_COLUMNS:
        values = [_road_class(view[column]) for view in lines if column in view]
        if values and sum(v in ROAD_CLASSES for v in values) >= 0.8 * len(values):
            for view in lines:
                if column in view:
                    value = _road_class(view[column])
                    view["highway"] = value if value in ROAD_CLASSES else "road"
            return


def names_osm(*names: str) -> bool:
    """Whether a file or layer name says it is OpenStreetMap data (``roads_osm_4326``)."""
    return any(word in {"osm", "openstreetmap"} for name in names
               for word in re.split(r"[^a-z0-9]+", name.lower()))


def newest_edit(views: list[dict[str, str]]) -> str:
    """Newest OSM edit time in the features' ``timestamp`` attributes, ISO 8601, or ""."""
    values = [view[key] for view in views for key in ("timestamp", "@timestamp", "osm_timestamp")
              if key in view]
    if not values:
        return ""
    stamps = pd.to_datetime(pd.Series(values), errors="coerce", utc=True, format="ISO8601")
    newest = stamps.max()
    return "" if pd.isna(newest) else newest.strftime("%Y-%m-%dT%H:%M:%SZ")


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return int(number) if math.isfinite(number) and number.is_integer() else None


def schema_row(target: BaseLayer, view: Mapping[str, str], family: str,
               original: str) -> dict[str, object]:
    """One feature's values in a base layer's schema.

    ``osm_nodes`` stays empty: a vector file has no OSM node ids.
    """
    osm_type, osm_id, version = _identity(view, family)
    row: dict[str, object] = dict(osm_type=osm_type, osm_id=osm_id, osm_version=version,
                                  name=view.get("name"), tags=original)
    if target is BaseLayer.BUILDINGS:
        building = view.get("building")
        row.update(building=building if building not in (None, "no") else "yes",
                   building_levels=view.get("building:levels"), amenity=view.get("amenity"))
    elif target is BaseLayer.ROADS:
        row.update(highway=view.get("highway") or "road", surface=view.get("surface"),
                   oneway=view.get("oneway"), ref=view.get("ref"))
    elif target is BaseLayer.POIS:
        row.update(category=str(poi_category(view)), amenity=view.get("amenity"),
                   shop=view.get("shop"), healthcare=view.get("healthcare"))
    elif target is BaseLayer.WATER:
        row.update(waterway=view.get("waterway"), natural=view.get("natural"),
                   water=view.get("water"))
    elif target is BaseLayer.LANDUSE:
        row.update(landuse=view.get("landuse"), leisure=view.get("leisure"),
                   natural=view.get("natural"))
    elif target is BaseLayer.PLACES:
        row.update(place=view.get("place"), population=view.get("population"))
    return row


def _identity(view: Mapping[str, str], family: str) -> tuple[str | None, int | None, int | None]:
    """(osm_type, osm_id, osm_version) when the data has them."""
    osm_type = view.get("osm_type")
    osm_type = {"n": "node", "w": "way", "r": "relation"}.get(osm_type or "", osm_type)
    if osm_type not in ("node", "way", "relation"):
        osm_type = None
    osm_id: int | None = None
    for key in ("@id", "id"):
        match = _TYPED_ID.fullmatch(view.get(key, ""))
        if match:
            osm_type, osm_id = match[1], int(match[2])
            break
    if osm_id is None and _int(view.get("osm_way_id")) is not None:
        osm_type, osm_id = "way", _int(view.get("osm_way_id"))
    if osm_id is None:
        osm_id = _int(view.get("osm_id")) or _int(view.get("osmid"))
    if osm_id is None:
        return None, None, None
    if osm_type is None:
        osm_type = {POINTS: "node", LINES: "way"}.get(family)
    version = next((_int(view[k]) for k in ("osm_version", "@version", "version") if k in view),
                   None)
    return osm_type, osm_id, version


def table_name(layer_name: str, used: set[str]) -> str:
    """A GeoPackage table name for a reference layer, unlike every name in ``used``."""
    base = re.sub(r"[^a-z0-9_]+", "_", layer_name.lower()).strip("_") or "reference"
    if base[0].isdigit():
        base = f"layer_{base}"
    if base in used or base.startswith(("gpkg_", "rtree_", "sqlite_", "quartier_")):
        base = f"{base}_reference"
    name, number = base, 2
    while name in used:
        name, number = f"{base}_{number}", number + 1
    return name


def storable_columns(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A reference layer's attributes as a GeoPackage can hold them.

    SQLite column names ignore case, and ``geom`` and ``fid`` are taken by the
    geometry and the feature id: clashing attributes get a ``_2`` suffix. Nested
    values are stored as JSON text.
    """
    out = frame.copy()
    taken = {"geom", "geometry", "fid"}
    renames: dict[str, str] = {}
    for column in out.columns:
        if column == out.geometry.name:
            continue
        name, number = str(column), 2
        while name.lower() in taken:
            name, number = f"{column}_{number}", number + 1
        taken.add(name.lower())
        if name != column:
            renames[str(column)] = name
        values = out[column]
        if values.dtype == object and values.map(lambda v: isinstance(v, dict | list)).any():
            out[column] = values.map(lambda v: json.dumps(_plain(v), ensure_ascii=False)
                                     if isinstance(v, dict | list) else v)
    out = out.rename(columns=renames)
    if out.geometry.name != "geometry":
        out = out.rename_geometry("geometry")
    return out
