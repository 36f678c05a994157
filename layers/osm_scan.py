"""One streaming pass over an OpenStreetMap file with pyosmium, filling plain record lists.

Nodes, ways and areas come from the same read: the ways need every node's location
anyway, so tagged nodes cost no extra decoding. Filters in C++ let through only what
some layer may take, since every object handed to Python costs microseconds.
"""

from __future__ import annotations

import datetime as dt
import json
import struct
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain, compress, repeat
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import osmium
import osmium.filter
import pyarrow as pa
import pyarrow.compute as pc

from layers import osm_definitions as osm
from layers._pbf_nodes import node_versions
from layers.osm_definitions import BaseLayer
from layers.osm_files import is_xml_extract

if TYPE_CHECKING:
    from layers.street_graph import StreetGraphBuilder

_COMMON = ("osm_type", "osm_id", "osm_version", "name")
#: Columns of each base layer built from an extract (``tags`` holds all tags as JSON).
SCHEMAS: dict[str, tuple[str, ...]] = {
    BaseLayer.BUILDINGS: (*_COMMON, "building", "building_levels", "amenity", "osm_nodes",
                          "osm_node_details", "tags"),
    BaseLayer.ROADS: (*_COMMON, "highway", "surface", "oneway", "ref", "tags"),
    BaseLayer.POIS: (*_COMMON, "category", "amenity", "shop", "healthcare", "osm_nodes",
                     "osm_node_details", "tags"),
    BaseLayer.WATER: (*_COMMON, "waterway", "natural", "water", "tags"),
    BaseLayer.LANDUSE: (*_COMMON, "landuse", "leisure", "natural", "tags"),
    BaseLayer.PLACES: (*_COMMON, "place", "population", "tags"),
}

_EPOCH = dt.datetime.min.replace(tzinfo=dt.UTC)
_OSM_ID = itemgetter(2)  # of a record: WKB, osm_type, osm_id...
_REF = attrgetter("ref")
_AFTER_LINE_HEADER = itemgetter(slice(18, None))  # hex WKB of a line, from its first vertex
_UNDEFINED_COORDINATE = 2**31 - 1  # libosmium's ``Location`` with no position


def _tags_encoder() -> Callable[[dict[str, str]], str]:
    """Tags as JSON, as ``json.dumps(tags, ensure_ascii=False)`` writes them.

    ``JSONEncoder.encode`` builds a new C encoder on every call, which is half its time on
    a dict of a few tags; this one is built once (tags are strings: no cycles, no default).
    """
    make_encoder = getattr(json.encoder, "c_make_encoder", None)
    if make_encoder is None:  # a Python without the C accelerator
        return json.JSONEncoder(ensure_ascii=False).encode
    encode = make_encoder(None, None, json.encoder.encode_basestring, None, ": ", ", ",
                          False, False, True)
    return lambda tags: "".join(encode(tags, 0))


_to_json = _tags_encoder()


def _tags(obj: Any) -> dict[str, str]:
    """All tags of an object, in their order (as ``dict(obj.tags)``, three times faster).

    pyosmium ends each object's tag iteration with a C++ exception (its StopIteration),
    which costs more than the tags themselves; fetching a counted number of tags does
    not. Uses pyosmium's ``_pyosmium_data`` (pinned to 4.3.2 in pyproject.toml).
    """
    data = obj._pyosmium_data
    return dict(map(data.tags_next, repeat(data.tags_begin(), data.tags_size())))


def _line_wkb(vertices: list[tuple[float, float]]) -> str:
    """A 2D line as little-endian hex WKB, as osmium and ``shapely.to_wkb(hex=True,
    byte_order=1)`` write it (shapely costs ~100 microseconds per line in calls alone)."""
    count = len(vertices)
    wkb = struct.pack(f"<BII{2 * count}d", 1, 2, count, *chain.from_iterable(vertices))
    return wkb.hex().upper()


def _node_refs(way: Any) -> list[int]:
    """The way's node ids, in order (``[n.ref for n in way.nodes]`` without a frame per node)."""
    data = way._pyosmium_data
    nodes = data.nodes()
    count = nodes.size(data)
    return list(map(_REF, map(nodes.get, repeat(data, count), range(count))))


@dataclass
class Rows:
    """Features of one layer, one record per feature, filled while streaming."""

    #: Column names, in order.
    columns: tuple[str, ...]
    #: One tuple per feature: its WKB (hex, as osmium writes it), then one value per column.
    records: list[tuple] = field(default_factory=list)

    @property
    def geometry(self) -> list:
        """WKB of each feature, as hex."""
        return [record[0] for record in self.records]

    @property
    def values(self) -> dict[str, list]:
        """Column name -> values, one per feature."""
        if not self.records:
            return {name: [] for name in self.columns}
        columns = list(zip(*self.records, strict=True))[1:]
        return {name: list(column) for name, column in zip(self.columns, columns, strict=True)}


@dataclass
class ScanResult:
    """What the pass found."""

    #: Layer name -> features from ways and areas.
    rows: dict[str, Rows]
    #: Layer name -> features from nodes (kept apart: they follow the ways in each layer).
    node_rows: dict[str, Rows]
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
    #: Points of interest and places left out: their position is outside the world
    #: (a latitude beyond 90 degrees, a longitude beyond 180).
    misplaced_nodes: int = 0
    #: Ids of closed building or amenity ways osmium could make no area of (an outline
    #: crossing itself, fewer than three distinct corners), though all their nodes are there.
    undrawable_areas: list[int] = field(default_factory=list)
    #: Objects marked deleted (``visible="false"``) left out.
    deleted: int = 0


def empty_rows() -> dict[str, Rows]:
    """Fresh rows for every base layer."""
    return {name: Rows(columns) for name, columns in SCHEMAS.items()}


def scan_extract(path: str, graph: StreetGraphBuilder) -> ScanResult:
    """Every base layer's features, from one read of the file; fills the street graph.

    Raises osmium's ``RuntimeError`` unchanged (truncated file, objects out of order).
    """
    result = ScanResult(rows=empty_rows(), node_rows=empty_rows())
    wkb = osmium.geom.WKBFactory()
    # Per kind of object, only what some layer may take (the C++ side skips the rest,
    # which is most of a city file). Nodes whose key only counts with some values
    # (highway=bus_stop, not crossings) are read in a second, node-only pass.
    node_filter = osmium.filter.KeyFilter(*osm.NODE_KEYS)
    node_filter.enable_for(osmium.osm.NODE)
    way_filter = osmium.filter.KeyFilter(*osm.WAY_KEYS)
    way_filter.enable_for(osmium.osm.WAY)
    area_filter = osmium.filter.KeyFilter(*osm.AREA_KEYS)
    area_filter.enable_for(osmium.osm.AREA)
    processor = (
        osmium.FileProcessor(path)
        .with_locations()
        .with_areas()
        .with_filter(osmium.filter.EntityFilter(osmium.osm.NODE | osmium.osm.WAY | osmium.osm.AREA))
        .with_filter(osmium.filter.EmptyTagFilter())
        .with_filter(node_filter)
        .with_filter(way_filter)
        .with_filter(area_filter)
    )
    newest = _EPOCH
    way_refs: dict[int, str] = {}
    cut: set[int] = set()
    way_lines: dict[int, str] = {}
    obj: Any
    for obj in processor:
        # pyosmium's C++ object, asked directly: each property of the Python wrapper is a
        # Python call more, on every object of the file.
        data = obj._pyosmium_data
        if not data.visible():
            result.deleted += 1  # deleted (visible="false"), as a history file keeps it
            continue
        stamp = data.timestamp()
        if stamp > newest:
            newest = stamp
        if obj.is_way():
            closed = data.is_closed()
            if not (closed or data.tags_has_key("highway") or data.tags_has_key("waterway")):
                continue  # an open way neither road nor waterway (railway, coastline...)
            tags = _tags(obj)
            if closed and (osm.is_building(tags) or osm.is_poi(tags, on_node=False)):
                # The way's own node order, so a tagged building exports as a clean
                # modification (the assembled area ring may start elsewhere or run backwards).
                way_id = data.id()
                way_refs[way_id] = " ".join(map(str, _node_refs(obj)))
                try:
                    # Every node kept, so the vertices line up with the refs.
                    way_lines[way_id] = wkb.create_linestring(obj, use_nodes=osmium.geom.ALL)
                except osmium.InvalidLocationError:
                    cut.add(way_id)  # cut by the extract's edge: cannot be drawn
                except RuntimeError:
                    pass  # all its nodes in one place: osmium makes no area of it either
            outcome = _add_way(obj, tags, result.rows, wkb, graph)
            if outcome == "skipped":
                result.skipped_ways += 1
            elif outcome == "partial":
                result.partial_ways += 1
        elif obj.is_node():
            if not _add_node(obj, _tags(obj), result.node_rows, wkb):
                result.misplaced_nodes += 1
        else:
            _add_area(obj, _tags(obj), result.rows, wkb)
    valued = empty_rows()
    valued_newest, misplaced, deleted = _scan_valued_nodes(path, valued, wkb)
    newest = max(newest, valued_newest)
    result.misplaced_nodes += misplaced
    result.deleted += deleted
    for name, rows in valued.items():
        if rows.records:  # merged back into file (id) order
            node_rows = result.node_rows[name]
            node_rows.records = sorted(node_rows.records + rows.records, key=_OSM_ID)
    result.skipped_areas = len(cut)
    result.undrawable_areas = _undrawn(result.rows, way_refs.keys() - cut)
    details = _node_details(path, way_refs, way_lines)
    for layer in (BaseLayer.BUILDINGS, BaseLayer.POIS):
        _fill_osm_nodes(result.rows[layer], way_refs, details)
    result.newest = newest
    result.header_date = processor.header.get("osmosis_replication_timestamp", "")
    return result


def _undrawn(rows: dict[str, Rows], outlines: Iterable[int]) -> list[int]:
    """The closed building or amenity ways, among ``outlines``, that osmium made no area
    of (an outline crossing itself, fewer than three distinct corners), in id order."""
    drawn = {record[2] for layer in (BaseLayer.BUILDINGS, BaseLayer.POIS)
             for record in rows[layer].records if record[1] == "way"}
    return sorted(set(outlines) - drawn)


def _scan_valued_nodes(path: str, rows: dict[str, Rows], wkb
                       ) -> tuple[dt.datetime, int, int]:
    """Points of interest that only some values of a key make (bus stops, wells...); the
    newest timestamp among them, how many were left out for a position outside the world,
    and how many because they are marked deleted.
    """
    newest = _EPOCH
    misplaced = deleted = 0
    processor = osmium.FileProcessor(path, osmium.osm.NODE).with_filter(
        osmium.filter.TagFilter(*osm.NODE_VALUE_TAGS))
    obj: Any
    for obj in processor:
        tags = _tags(obj)
        if any(key in tags for key in osm.NODE_KEYS):
            continue  # read in the main pass
        if not obj.visible:
            deleted += 1
            continue
        stamp = obj.timestamp
        if stamp > newest:
            newest = stamp
        if not _add_node(obj, tags, rows, wkb):
            misplaced += 1
    return newest, misplaced, deleted


def _node_details(path: str, way_refs: dict[int, str],
                  way_lines: dict[int, str]) -> dict[int, str]:
    """Way id -> ``version,lon,lat`` of each of its nodes, in the order of ``osm_nodes``.

    A way tagged by a participatory feature is exported as a modification, and a file
    JOSM loads must carry its unchanged nodes too, with their versions (JOSM refuses an
    existing object without one). Locations come from the way's own line; versions from
    a node-only pass over the file.
    """
    if not way_lines:
        return {}
    way_ids = list(way_lines)
    lines = [way_lines[way_id] for way_id in way_ids]
    ref_texts = [way_refs[way_id] for way_id in way_ids]
    # One vertex per node ref (the lines keep every node); a way where they disagree
    # gets no details.
    vertex_counts = (np.fromiter(map(len, lines), np.int64, len(lines)) - 18) // 32
    ref_counts = np.fromiter((text.count(" ") + 1 for text in ref_texts), np.int64,
                             len(ref_texts))
    refs = np.fromstring(" ".join(ref_texts), dtype=np.int64, sep=" ")
    coordinates = np.frombuffer(bytes.fromhex("".join(map(_AFTER_LINE_HEADER, lines))),
                                dtype="<f8").reshape(-1, 2)
    match = vertex_counts == ref_counts
    if not match.all():
        refs = refs[np.repeat(match, ref_counts)]
        coordinates = coordinates[np.repeat(match, vertex_counts)]
        way_ids = list(compress(way_ids, match))
        ref_counts = ref_counts[match]
    versions = _versions_of(path, refs)
    # Positions as osmium holds them (whole 1e-7 degrees): written as ``f"{x:.7f}"`` would.
    node_texts = pc.binary_join_element_wise(
        pa.array(versions).cast(pa.string()), _degrees_text(coordinates[:, 0]),
        _degrees_text(coordinates[:, 1]), ",")
    offsets = np.r_[0, np.cumsum(ref_counts)].astype(np.int32)
    texts = pc.binary_join(pa.ListArray.from_arrays(pa.array(offsets), node_texts), " ")
    return dict(zip(way_ids, texts.to_pylist(), strict=True))


def _versions_of(path: str, refs: np.ndarray) -> np.ndarray:
    """The version of each node in ``refs`` (0 for a node missing from the file)."""
    from_bytes = None if is_xml_extract(Path(path)) else node_versions(path, np.unique(refs))
    if from_bytes is not None:
        ids, versions = from_bytes
    else:
        wanted = set(refs.tolist())
        found: dict[int, int] = {}
        # Every node comes to Python and is looked up in the set: osmium's IdFilter would
        # pass only those, but takes time with the span of the ids (0.7 s for the 5,000
        # building nodes of Helsinki, whose ids spread over 1e10; 14 s for 16x Helsinki).
        node: Any
        for node in osmium.FileProcessor(path, osmium.osm.NODE):
            if node.id in wanted:
                found[node.id] = node.version
        ids = np.fromiter(found.keys(), np.int64, len(found))
        versions = np.fromiter(found.values(), np.int64, len(found))
    order = np.argsort(ids, kind="stable")
    ids, versions = ids[order], versions[order]
    if not len(ids):
        return np.zeros(len(refs), np.int64)
    at = np.maximum(np.searchsorted(ids, refs, side="right") - 1, 0)  # the last, as a dict
    return np.where(ids[at] == refs, versions[at], 0)


def _degrees_text(values: np.ndarray) -> pa.Array:
    """Degrees held in whole 1e-7 (as osmium's locations) as text with 7 decimals."""
    units = np.rint(values * 1e7).astype(np.int64)
    magnitude = np.abs(units)
    whole = pa.array(magnitude // 10_000_000).cast(pa.string())
    fraction = pc.utf8_lpad(pa.array(magnitude % 10_000_000).cast(pa.string()), 7, "0")
    signed = pc.if_else(pa.array(units < 0), pc.binary_join_element_wise("-", whole, ""),
                        whole)
    return pc.binary_join_element_wise(signed, fraction, ".")


def _fill_osm_nodes(rows: Rows, way_refs: dict[int, str], details: dict[int, str]) -> None:
    at = rows.columns.index("osm_nodes") + 1  # after the WKB
    rows.records = [
        (*record[:at], *((way_refs.get(record[2]), details.get(record[2]))
                         if record[1] == "way" else (None, None)), *record[at + 2:])
        for record in rows.records
    ]


def _area_origin(area: osmium.osm.Area) -> tuple[str, int]:
    return ("way" if area.from_way() else "relation"), area.orig_id()


def _add_node(node, tags: dict[str, str], rows: dict[str, Rows], wkb) -> bool:
    """Add a tagged node to the layers it belongs to; False if its position is invalid."""
    poi = osm.is_poi(tags, on_node=True)
    place = osm.is_place(tags)
    if not (poi or place):
        return True
    try:
        point = wkb.create_point(node)
    except osmium.InvalidLocationError:
        # A node with no position at all (left out of a repaired copy) is not misplaced.
        return node.location.x == _UNDEFINED_COORDINATE
    data = node._pyosmium_data
    common = ("node", data.id(), data.version(), tags.get("name"))
    tags_json = _to_json(tags)
    if poi:
        rows[BaseLayer.POIS].records.append(
            (point, *common, str(osm.poi_category(tags)), tags.get("amenity"), tags.get("shop"),
             tags.get("healthcare"), None, None, tags_json))
    if place:
        rows[BaseLayer.PLACES].records.append(
            (point, *common, tags.get("place"), tags.get("population"), tags_json))
    return True


def _add_way(way, tags: dict[str, str], rows: dict[str, Rows], wkb,
             graph: StreetGraphBuilder) -> str:
    road = osm.is_road(tags)
    water_line = osm.is_water_line(tags)
    if not (road or water_line):
        return "ignored"
    outcome = "whole"
    refs = None
    try:
        # Every node kept (no de-duplication), so vertices line up with node refs.
        line = wkb.create_linestring(way, use_nodes=osmium.geom.ALL)
    except (osmium.InvalidLocationError, RuntimeError):
        # A clipped extract: draw the way from its nodes that are inside.
        kept = [(n.ref, n.lon, n.lat) for n in way.nodes if n.location.valid()]
        if len(kept) < 2:
            return "skipped"
        refs = [r for r, _x, _y in kept]
        line = _line_wkb([(x, y) for _r, x, y in kept])
        outcome = "partial"
    data = way._pyosmium_data
    common = ("way", data.id(), data.version(), tags.get("name"))
    tags_json = _to_json(tags)
    if road:
        rows[BaseLayer.ROADS].records.append(
            (line, *common, tags.get("highway"), tags.get("surface"), tags.get("oneway"),
             tags.get("ref"), tags_json))
        if osm.is_routable(tags):
            if refs is None:
                refs = _node_refs(way)
            graph.add_way_wkb(common[1], refs, line, tags)
    if water_line:
        rows[BaseLayer.WATER].records.append(
            (line, *common, tags.get("waterway"), tags.get("natural"), tags.get("water"),
             tags_json))
    return outcome


def _add_area(area, tags: dict[str, str], rows: dict[str, Rows], wkb) -> None:
    building = osm.is_building(tags)
    poi = osm.is_poi(tags, on_node=False)
    water = osm.is_water_area(tags)
    landuse = osm.is_landuse(tags)
    if not (building or poi or water or landuse):
        return
    try:
        polygon = wkb.create_multipolygon(area)
    except (osmium.InvalidLocationError, RuntimeError):
        return
    osm_type, osm_id = _area_origin(area)
    common = (osm_type, osm_id, area._pyosmium_data.version(), tags.get("name"))
    tags_json = _to_json(tags)
    refs = None  # filled from the way itself after the pass
    if building:
        rows[BaseLayer.BUILDINGS].records.append(
            (polygon, *common, tags.get("building"), tags.get("building:levels"),
             tags.get("amenity"), refs, refs, tags_json))
    if poi:
        rows[BaseLayer.POIS].records.append(
            (polygon, *common, str(osm.poi_category(tags)), tags.get("amenity"),
             tags.get("shop"), tags.get("healthcare"), refs, refs, tags_json))
    if water:
        rows[BaseLayer.WATER].records.append(
            (polygon, *common, tags.get("waterway"), tags.get("natural"), tags.get("water"),
             tags_json))
    elif landuse:
        rows[BaseLayer.LANDUSE].records.append(
            (polygon, *common, tags.get("landuse"), tags.get("leisure"), tags.get("natural"),
             tags_json))
