"""Streaming passes over an OpenStreetMap file with pyosmium, filling plain column lists.

Two passes that can run side by side on two cores: tagged nodes (points of interest,
place names) need no node-location index, while ways and areas do. This module
imports no pandas, so a second process starts quickly for the node pass.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import osmium
import osmium.filter
import shapely

from layers import osm_definitions as osm
from layers.osm_definitions import BaseLayer

if TYPE_CHECKING:
    from layers.street_graph import StreetGraphBuilder

_COMMON = ("osm_type", "osm_id", "osm_version", "name")
#: Columns of each base layer built from an extract (``tags`` holds all tags as JSON).
SCHEMAS: dict[str, tuple[str, ...]] = {
    BaseLayer.BUILDINGS: (*_COMMON, "building", "building_levels", "amenity", "osm_nodes", "tags"),
    BaseLayer.ROADS: (*_COMMON, "highway", "surface", "oneway", "ref", "tags"),
    BaseLayer.POIS: (*_COMMON, "category", "amenity", "shop", "healthcare", "osm_nodes", "tags"),
    BaseLayer.WATER: (*_COMMON, "waterway", "natural", "water", "tags"),
    BaseLayer.LANDUSE: (*_COMMON, "landuse", "leisure", "natural", "tags"),
    BaseLayer.PLACES: (*_COMMON, "place", "population", "tags"),
}

_EPOCH = dt.datetime.min.replace(tzinfo=dt.UTC)


@dataclass
class Rows:
    """Column lists for one layer, filled while streaming."""

    #: Column names, in order.
    columns: tuple[str, ...]
    #: Column name -> values, one per feature.
    values: dict[str, list] = field(default_factory=dict)
    #: WKB of each feature.
    geometry: list = field(default_factory=list)

    def __post_init__(self) -> None:
        self.values = {name: [] for name in self.columns}

    def add(self, wkb: bytes | str | None, **row: object) -> None:
        """Append one feature."""
        self.geometry.append(wkb)
        for name in self.columns:
            self.values[name].append(row.get(name))


@dataclass
class ScanResult:
    """What one pass found."""

    #: Layer name -> rows found by this pass.
    rows: dict[str, Rows]
    #: Newest object timestamp seen.
    newest: dt.datetime = _EPOCH
    #: The file header's replication timestamp, if any.
    header_date: str = ""
    #: Ways left out: fewer than two of their nodes are in the extract.
    skipped_ways: int = 0
    #: Ways drawn from only the part of their nodes inside the extract.
    partial_ways: int = 0
    #: Closed building/POI ways left out because the extract's edge cuts them.
    skipped_areas: int = 0


def empty_rows() -> dict[str, Rows]:
    """Fresh rows for every base layer."""
    return {name: Rows(columns) for name, columns in SCHEMAS.items()}


def scan_nodes(path: str) -> ScanResult:
    """Points of interest and place names from tagged nodes (no location index needed)."""
    result = ScanResult(rows=empty_rows())
    wkb = osmium.geom.WKBFactory()
    processor = (
        osmium.FileProcessor(path, osmium.osm.NODE)
        .with_filter(osmium.filter.EmptyTagFilter())
        .with_filter(osmium.filter.KeyFilter(*osm.NODE_KEYS))
    )
    newest = _EPOCH
    obj: Any
    for obj in processor:
        stamp = obj.timestamp
        if stamp > newest:
            newest = stamp
        _add_node(obj, obj.tags, result.rows, wkb)
    result.newest = newest
    return result


def scan_ways_and_areas(path: str, graph: StreetGraphBuilder) -> ScanResult:
    """Roads, waterways, buildings, POI areas, water and land use; fills the street graph.

    Raises osmium's ``RuntimeError`` unchanged (truncated file, objects out of order).
    """
    result = ScanResult(rows=empty_rows())
    wkb = osmium.geom.WKBFactory()
    # Let through, per kind of object, only what some layer may take (the C++ side
    # skips the rest, which is most of a city file).
    way_filter = osmium.filter.KeyFilter(*osm.WAY_KEYS)
    way_filter.enable_for(osmium.osm.WAY)
    area_filter = osmium.filter.KeyFilter(*osm.AREA_KEYS)
    area_filter.enable_for(osmium.osm.AREA)
    processor = (
        osmium.FileProcessor(path)
        .with_locations()
        .with_areas()
        .with_filter(osmium.filter.EntityFilter(osmium.osm.WAY | osmium.osm.AREA))
        .with_filter(osmium.filter.EmptyTagFilter())
        .with_filter(way_filter)
        .with_filter(area_filter)
    )
    newest = _EPOCH
    way_refs: dict[int, str] = {}
    obj: Any
    for obj in processor:
        tags = obj.tags  # osmium's TagList: the rules look keys up without copying
        stamp = obj.timestamp
        if stamp > newest:
            newest = stamp
        if obj.is_way():
            if obj.is_closed() and (osm.is_building(tags) or osm.is_poi(tags, on_node=False)):
                # The way's own node order, so a tagged building exports as a clean
                # modification (the assembled area ring may start elsewhere or run backwards).
                nodes = list(obj.nodes)
                way_refs[obj.id] = " ".join(str(n.ref) for n in nodes)
                if not all(n.location.valid() for n in nodes):
                    result.skipped_areas += 1  # cut by the extract's edge: cannot be drawn
            outcome = _add_way(obj, tags, result.rows, wkb, graph)
            result.skipped_ways += outcome == "skipped"
            result.partial_ways += outcome == "partial"
        else:
            _add_area(obj, tags, result.rows, wkb)
    for layer in (BaseLayer.BUILDINGS, BaseLayer.POIS):
        values = result.rows[layer].values
        values["osm_nodes"] = [
            way_refs.get(osm_id) if osm_type == "way" else None
            for osm_type, osm_id in zip(values["osm_type"], values["osm_id"], strict=True)
        ]
    result.newest = newest
    result.header_date = processor.header.get("osmosis_replication_timestamp", "")
    return result


def _area_origin(area: osmium.osm.Area) -> tuple[str, int]:
    return ("way" if area.from_way() else "relation"), area.orig_id()


def _common(obj, osm_type: str, osm_id: int, tags: dict[str, str]) -> dict[str, object]:
    return dict(osm_type=osm_type, osm_id=osm_id, osm_version=obj.version,
                name=tags.get("name"), tags=json.dumps(tags, ensure_ascii=False))


def _add_node(node, taglist, rows: dict[str, Rows], wkb) -> None:
    poi = osm.is_poi(taglist, on_node=True)
    place = osm.is_place(taglist)
    if not (poi or place):
        return
    try:
        point = wkb.create_point(node)
    except osmium.InvalidLocationError:
        return
    tags = dict(taglist)
    common = _common(node, "node", node.id, tags)
    if poi:
        rows[BaseLayer.POIS].add(point, category=str(osm.poi_category(tags)),
                                 amenity=tags.get("amenity"), shop=tags.get("shop"),
                                 healthcare=tags.get("healthcare"), **common)
    if place:
        rows[BaseLayer.PLACES].add(point, place=tags.get("place"),
                                   population=tags.get("population"), **common)


def _add_way(way, taglist, rows: dict[str, Rows], wkb, graph: StreetGraphBuilder) -> str:
    road = osm.is_road(taglist)
    water_line = osm.is_water_line(taglist)
    if not (road or water_line):
        return "ignored"
    routable = road and osm.is_routable(taglist)
    outcome = "whole"
    try:
        # Every node kept (no de-duplication), so vertices line up with node refs.
        line = wkb.create_linestring(way, use_nodes=osmium.geom.ALL)
        valid_refs = None
    except (osmium.InvalidLocationError, RuntimeError):
        # A clipped extract: draw the way from its nodes that are inside.
        kept = [(n.ref, n.lon, n.lat) for n in way.nodes if n.location.valid()]
        if len(kept) < 2:
            return "skipped"
        valid_refs = [r for r, _x, _y in kept]
        line = shapely.to_wkb(shapely.linestrings([(x, y) for _r, x, y in kept]))
        outcome = "partial"
    tags = dict(taglist)
    common = _common(way, "way", way.id, tags)
    if road:
        rows[BaseLayer.ROADS].add(line, highway=tags.get("highway"), surface=tags.get("surface"),
                                  oneway=tags.get("oneway"), ref=tags.get("ref"), **common)
        if routable:
            refs = valid_refs if valid_refs is not None else [n.ref for n in way.nodes]
            graph.add_way_wkb(way.id, refs, line, tags)
    if water_line:
        rows[BaseLayer.WATER].add(line, waterway=tags.get("waterway"),
                                  natural=tags.get("natural"), water=tags.get("water"), **common)
    return outcome


def _add_area(area, taglist, rows: dict[str, Rows], wkb) -> None:
    building = osm.is_building(taglist)
    poi = osm.is_poi(taglist, on_node=False)
    water = osm.is_water_area(taglist)
    landuse = osm.is_landuse(taglist)
    if not (building or poi or water or landuse):
        return
    try:
        polygon = wkb.create_multipolygon(area)
    except (osmium.InvalidLocationError, RuntimeError):
        return
    osm_type, osm_id = _area_origin(area)
    tags = dict(taglist)
    common = _common(area, osm_type, osm_id, tags)
    refs = None  # filled from the way itself after the pass
    if building:
        rows[BaseLayer.BUILDINGS].add(polygon, building=tags.get("building"),
                                      building_levels=tags.get("building:levels"),
                                      amenity=tags.get("amenity"), osm_nodes=refs, **common)
    if poi:
        rows[BaseLayer.POIS].add(polygon, category=str(osm.poi_category(tags)),
                                 amenity=tags.get("amenity"), shop=tags.get("shop"),
                                 healthcare=tags.get("healthcare"), osm_nodes=refs, **common)
    if water:
        rows[BaseLayer.WATER].add(polygon, waterway=tags.get("waterway"),
                                  natural=tags.get("natural"), water=tags.get("water"), **common)
    elif landuse:
        rows[BaseLayer.LANDUSE].add(polygon, landuse=tags.get("landuse"),
                                    leisure=tags.get("leisure"), natural=tags.get("natural"),
                                    **common)


