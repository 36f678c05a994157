"""Read an OpenStreetMap extract (``.osm``, ``.osm.bz2``, ``.osm.pbf``) into base layers.

osmnx's own XML readers are too slow and too hungry for a city-sized file and
fail on clipped extracts (ways whose nodes lie outside the clip, as Geofabrik and
the HOT Export Tool produce). So the extract is streamed once with pyosmium, which
assembles multipolygon relations in C++, and the features are sorted into layers
with vectorised shapely. The street graph is built from the same pass and handed
to osmnx in its own format (see :mod:`layers.street_graph`).
"""

from __future__ import annotations

import bz2
import datetime as dt
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import osmium
import osmium.filter
import shapely

from layers import osm_definitions as osm
from layers.errors import EmptyExtractError, InputFileError
from layers.osm_definitions import BaseLayer
from layers.street_graph import StreetGraphBuilder

WGS84 = "EPSG:4326"

#: File name endings Quartier reads as OpenStreetMap extracts.
OSM_SUFFIXES = (".osm", ".osm.bz2", ".osm.pbf", ".pbf", ".osm.xml", ".xml")

Progress = Callable[[str], None]


@dataclass
class OsmExtract:
    """The base layers read from one extract, with what is known about its source."""

    #: Layer name -> features in WGS84 (EPSG:4326), one GeoDataFrame per base layer.
    layers: dict[str, gpd.GeoDataFrame]
    #: The file the layers came from.
    source: Path
    #: Date of the OSM data (replication timestamp, or the newest object), ISO 8601, or "".
    data_date: str
    #: Extent of all features read, (west, south, east, north) in degrees.
    bounds: tuple[float, float, float, float]
    #: Ways that could not be drawn because their nodes lie outside the extract.
    skipped_ways: int = 0
    #: Ways drawn from only the part of their nodes that lies inside the extract.
    partial_ways: int = 0
    #: Human-readable notes about what was left out or repaired.
    notes: list[str] = field(default_factory=list)

    def count(self, layer: str) -> int:
        """Number of features in a layer (0 if it is missing)."""
        frame = self.layers.get(layer)
        return 0 if frame is None else len(frame)


@dataclass
class _Rows:
    """Column lists for one layer, filled while streaming."""

    columns: tuple[str, ...]
    values: dict[str, list] = field(default_factory=dict)
    geometry: list = field(default_factory=list)

    def __post_init__(self) -> None:
        self.values = {name: [] for name in self.columns}

    def add(self, wkb: bytes | str | None, **row: object) -> None:
        self.geometry.append(wkb)
        for name in self.columns:
            self.values[name].append(row.get(name))

    def frame(self) -> gpd.GeoDataFrame:
        geometry = shapely.from_wkb(np.array(self.geometry, dtype=object), on_invalid="ignore")
        return gpd.GeoDataFrame(self.values, geometry=geometry, crs=WGS84)


_COMMON = ("osm_type", "osm_id", "osm_version", "name")
_SCHEMAS: dict[str, tuple[str, ...]] = {
    BaseLayer.BUILDINGS: (*_COMMON, "building", "building_levels", "amenity", "osm_nodes", "tags"),
    BaseLayer.ROADS: (*_COMMON, "highway", "surface", "oneway", "ref", "osm_nodes", "tags"),
    BaseLayer.POIS: (*_COMMON, "category", "amenity", "shop", "healthcare", "osm_nodes", "tags"),
    BaseLayer.WATER: (*_COMMON, "waterway", "natural", "water", "tags"),
    BaseLayer.LANDUSE: (*_COMMON, "landuse", "leisure", "natural", "tags"),
    BaseLayer.PLACES: (*_COMMON, "place", "population", "tags"),
}


def check_extract_file(path: Path) -> None:
    """Refuse, in plain words, a path that cannot be an OpenStreetMap extract.

    Parameters
    ----------
    path
        The file the user gave.

    Raises
    ------
    InputFileError
        If the file is missing, empty, a folder, or clearly another kind of file.
    """
    if not path.exists():
        raise InputFileError(f"The file {path} does not exist. Check the name and the folder.")
    if path.is_dir():
        raise InputFileError(f"{path} is a folder, not an OpenStreetMap extract file.")
    size = path.stat().st_size
    if size == 0:
        raise InputFileError(
            f"{path.name} is empty (0 bytes). Copy or download the extract again."
        )
    head = path.read_bytes()[:4096] if size < 4096 else _read_head(path)
    name = path.name.lower()
    if name.endswith(".bz2"):
        if not head.startswith(b"BZh"):
            raise InputFileError(
                f"{path.name} is named .bz2 but is not bzip2-compressed. "
                "Rename it to what it really is (.osm or .osm.pbf) or export it again."
            )
        head = _read_bz2_head(path)
    if name.endswith(".pbf"):
        if b"OSMHeader" not in head[:64]:
            kind = _guess_kind(head)
            raise InputFileError(
                f"{path.name} is not an OpenStreetMap .pbf file{kind}. "
                "Export the area again as .osm.pbf (Geofabrik, HOT Export Tool) or as .osm (JOSM)."
            )
        return
    if b"OSMHeader" in head[:64]:
        return  # a .pbf file with another name: osmium reads it by content
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not (text.startswith(b"<?xml") or text.startswith(b"<osm")) or b"<osm" not in head:
        kind = _guess_kind(head)
        raise InputFileError(
            f"{path.name} is not an OpenStreetMap extract{kind}. Quartier reads .osm, "
            ".osm.bz2 and .osm.pbf files; use 'quartier new --base' for GeoPackage, "
            "Shapefile or GeoJSON layers."
        )


def _read_head(path: Path, size: int = 4096) -> bytes:
    with path.open("rb") as handle:
        return handle.read(size)


def _read_bz2_head(path: Path) -> bytes:
    try:
        with bz2.open(path, "rb") as handle:
            return handle.read(4096)
    except EOFError as error:
        raise InputFileError(
            f"{path.name} cannot be read: it ends too early, after "
            f"{path.stat().st_size / 1e6:.1f} MB, so it was probably cut off while copying. "
            "Copy or download the extract again; nothing was created."
        ) from error
    except OSError as error:
        raise InputFileError(
            f"{path.name} is damaged: it cannot be decompressed ({error}). "
            "Copy or download the extract again."
        ) from error


def _guess_kind(head: bytes) -> str:
    text = head.lstrip()
    if text.startswith(b"{") and b'"type"' in text:
        return " (it looks like GeoJSON)"
    if head.startswith(b"PK"):
        return " (it looks like a ZIP archive: unzip it first)"
    if head.startswith(b"SQLite format 3"):
        return " (it looks like a GeoPackage or SQLite database)"
    if head.startswith(b"%PDF"):
        return " (it is a PDF document)"
    if head.startswith(b"<"):
        return " (it is XML or HTML, but not OpenStreetMap data)"
    return ""


def _osm_type_name(obj: osmium.osm.OSMObject) -> str:
    if obj.is_node():
        return "node"
    if obj.is_way():
        return "way"
    return "relation"


def _area_origin(area: osmium.osm.Area) -> tuple[str, int]:
    return ("way" if area.from_way() else "relation"), area.orig_id()


def _truncation_message(path: Path, error: Exception) -> str:
    size_mb = path.stat().st_size / 1e6
    detail = str(error)
    lowered = detail.lower()
    if "eof" in lowered or "unclosed" in lowered or "no element" in lowered or "bzip2" in lowered:
        what = (f"it ends too early, after {size_mb:.1f} MB, so it was probably cut off "
                "while copying")
    else:
        what = "its content is damaged or it is not OpenStreetMap data"
    return (
        f"{path.name} cannot be read: {what} (reader said: {detail}). "
        "Copy or download the extract again; nothing was created."
    )


def read_extract(
    path: str | os.PathLike[str],
    bbox: tuple[float, float, float, float] | None = None,
    progress: Progress | None = None,
) -> OsmExtract:
    """Read an OpenStreetMap extract into Quartier's base layers, with no network.

    Parameters
    ----------
    path
        An ``.osm``, ``.osm.bz2`` or ``.osm.pbf`` file (Geofabrik, HOT Export Tool, JOSM,
        the OSM API). Clipped extracts are fine: ways that leave the clip are drawn from
        their nodes inside it.
    bbox
        Optional area of interest (west, south, east, north) in degrees: features are
        clipped to it.
    progress
        Optional callback receiving short status sentences.

    Returns
    -------
    OsmExtract
        Buildings, roads, POIs, water, land use, places and the street graph.

    Raises
    ------
    InputFileError
        The file is missing, empty, truncated, corrupt or not OpenStreetMap data.
    EmptyExtractError
        The extract holds no map features, or none inside ``bbox``.
    """
    source = Path(path)
    check_extract_file(source)
    say = progress or (lambda _message: None)
    say(f"Reading {source.name}")

    try:
        return _read(source, source, bbox, say)
    except _UnsortedError:
        # JOSM and the OSM API write objects out of id order; area assembly needs them
        # sorted, so a sorted copy is made first (such files are small).
        say(f"Sorting {source.name}")
        with tempfile.TemporaryDirectory(prefix="quartier-sort-") as folder:
            sorted_copy = Path(folder) / "sorted.osm.pbf"
            _write_sorted_copy(source, sorted_copy)
            return _read(sorted_copy, source, bbox, say)


class _UnsortedError(Exception):
    """The file's objects are not in id order."""


def _write_sorted_copy(source: Path, target: Path) -> None:
    nodes: list = []
    ways: list = []
    relations: list = []
    obj: Any
    try:
        for obj in osmium.FileProcessor(str(source)):
            common: dict[str, Any] = dict(id=obj.id, version=obj.version, visible=obj.visible,
                          changeset=obj.changeset, timestamp=obj.timestamp, uid=obj.uid,
                          user=obj.user, tags=dict(obj.tags))
            if obj.is_node():
                location = (obj.lon, obj.lat) if obj.location.valid() else None
                nodes.append(osmium.osm.mutable.Node(location=location, **common))
            elif obj.is_way():
                ways.append(osmium.osm.mutable.Way(nodes=[n.ref for n in obj.nodes], **common))
            elif obj.is_relation():
                members = [(m.type, m.ref, m.role) for m in obj.members]
                relations.append(osmium.osm.mutable.Relation(members=members, **common))
    except RuntimeError as error:
        raise InputFileError(_truncation_message(source, error)) from error
    writer = osmium.SimpleWriter(str(target))
    try:
        for group, add in ((nodes, writer.add_node), (ways, writer.add_way),
                           (relations, writer.add_relation)):
            for obj in sorted(group, key=lambda o: o.id):
                add(obj)
    finally:
        writer.close()


def _read(
    path: Path,
    source: Path,
    bbox: tuple[float, float, float, float] | None,
    say: Progress,
) -> OsmExtract:
    rows = {name: _Rows(columns) for name, columns in _SCHEMAS.items()}
    graph = StreetGraphBuilder()
    wkb = osmium.geom.WKBFactory()
    newest = dt.datetime.min.replace(tzinfo=dt.UTC)
    skipped = partial = 0

    processor = (
        osmium.FileProcessor(str(path))
        .with_locations()
        .with_areas()
        .with_filter(osmium.filter.EmptyTagFilter())
        .with_filter(osmium.filter.KeyFilter(*osm.INTERESTING_KEYS))
    )
    obj: Any
    try:
        for obj in processor:
            tags = dict(obj.tags)
            stamp = obj.timestamp
            if stamp > newest:
                newest = stamp
            if obj.is_node():
                _add_node(obj, tags, rows, wkb)
            elif obj.is_way():
                outcome = _add_way(obj, tags, rows, wkb, graph)
                skipped += outcome == "skipped"
                partial += outcome == "partial"
            elif obj.is_area():
                _add_area(obj, tags, rows, wkb)
        header = processor.header
    except RuntimeError as error:
        if "out of order" in str(error):
            raise _UnsortedError() from error
        raise InputFileError(_truncation_message(source, error)) from error

    say("Assembling layers")
    layers: dict[str, gpd.GeoDataFrame] = {name: r.frame() for name, r in rows.items()}
    layers[BaseLayer.STREET_NODES], layers[BaseLayer.STREET_EDGES] = graph.frames()
    layers = {str(name): _drop_empty(frame) for name, frame in layers.items()}

    if bbox is not None:
        layers = clip_layers(layers, bbox)
        if not any(len(f) for f in layers.values()):
            raise EmptyExtractError(
                f"There are no map features inside --bbox {_fmt_bbox(bbox)} in {source.name}. "
                f"The extract covers {_fmt_bbox(_extent(_read_all_extent(rows)))}: "
                "check the order west,south,east,north and that the area lies inside it."
            )
    elif not any(len(f) for f in layers.values()):
        raise EmptyExtractError(
            f"{source.name} holds no buildings, roads, places or other map features. "
            "Export the neighbourhood again with its buildings and roads included."
        )

    data_date = header.get("osmosis_replication_timestamp", "") or (
        newest.isoformat().replace("+00:00", "Z") if newest.year > 1 else ""
    )
    notes = []
    if skipped or partial:
        notes.append(
            f"{partial} ways leave the extract and were drawn from their nodes inside it; "
            f"{skipped} had fewer than two nodes inside and were left out."
        )
    return OsmExtract(
        layers=layers,
        source=source,
        data_date=data_date,
        bounds=_extent([f for f in layers.values() if len(f)]),
        skipped_ways=skipped,
        partial_ways=partial,
        notes=notes,
    )


def _add_node(node, tags: dict[str, str], rows: dict[str, _Rows], wkb) -> None:
    if not (osm.is_poi(tags, on_node=True) or osm.is_place(tags)):
        return
    try:
        point = wkb.create_point(node)
    except osmium.InvalidLocationError:
        return
    common = dict(osm_type="node", osm_id=node.id, osm_version=node.version,
                  name=tags.get("name"), tags=json.dumps(tags, ensure_ascii=False))
    if osm.is_poi(tags, on_node=True):
        rows[BaseLayer.POIS].add(point, category=str(osm.poi_category(tags)),
                                 amenity=tags.get("amenity"), shop=tags.get("shop"),
                                 healthcare=tags.get("healthcare"), **common)
    if osm.is_place(tags):
        rows[BaseLayer.PLACES].add(point, place=tags.get("place"),
                                   population=tags.get("population"), **common)


def _add_way(way, tags: dict[str, str], rows: dict[str, _Rows], wkb,
             graph: StreetGraphBuilder) -> str:
    road = osm.is_road(tags)
    water_line = osm.is_water_line(tags)
    if not (road or water_line):
        return "ignored"
    outcome = "whole"
    try:
        line = wkb.create_linestring(way)
        refs_coords = None
    except (osmium.InvalidLocationError, RuntimeError):
        refs_coords = [(n.ref, n.lon, n.lat) for n in way.nodes if n.location.valid()]
        if len(refs_coords) < 2:
            return "skipped"
        line = shapely.to_wkb(shapely.linestrings([(x, y) for _r, x, y in refs_coords]))
        outcome = "partial"
    common = dict(osm_type="way", osm_id=way.id, osm_version=way.version,
                  name=tags.get("name"), tags=json.dumps(tags, ensure_ascii=False))
    if road:
        refs = " ".join(str(n.ref) for n in way.nodes)
        rows[BaseLayer.ROADS].add(line, highway=tags.get("highway"), surface=tags.get("surface"),
                                  oneway=tags.get("oneway"), ref=tags.get("ref"),
                                  osm_nodes=refs, **common)
        if osm.is_routable(tags):
            if refs_coords is None:
                refs_coords = [(n.ref, n.lon, n.lat) for n in way.nodes if n.location.valid()]
            graph.add_way(way.id, refs_coords, tags)
    if water_line:
        rows[BaseLayer.WATER].add(line, waterway=tags.get("waterway"),
                                  natural=tags.get("natural"), water=tags.get("water"), **common)
    return outcome


def _add_area(area, tags: dict[str, str], rows: dict[str, _Rows], wkb) -> None:
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
    common = dict(osm_type=osm_type, osm_id=osm_id, osm_version=area.version,
                  name=tags.get("name"), tags=json.dumps(tags, ensure_ascii=False))
    refs = None
    if osm_type == "way" and (building or poi):
        ring = next(iter(area.outer_rings()), None)
        refs = None if ring is None else " ".join(str(n.ref) for n in ring)
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


def _drop_empty(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    keep = ~(frame.geometry.isna() | frame.geometry.is_empty)
    if bool(keep.all()):
        return frame
    return frame[keep].reset_index(drop=True)


def clip_layers(
    layers: dict[str, gpd.GeoDataFrame], bbox: tuple[float, float, float, float]
) -> dict[str, gpd.GeoDataFrame]:
    """Clip every layer to an area of interest (west, south, east, north in degrees).

    Features crossing the edge are cut at it, as a clipped export would be. The street
    graph keeps the nodes inside the area and the edges between them.
    """
    west, south, east, north = bbox
    area = shapely.box(west, south, east, north)
    out: dict[str, gpd.GeoDataFrame] = {}
    for name, frame in layers.items():
        if len(frame) == 0:
            out[name] = frame
            continue
        geoms = frame.geometry.values
        inside = shapely.intersects(geoms, area)
        kept = frame[inside].copy()
        if name == BaseLayer.STREET_EDGES:
            out[name] = kept  # finished below, from the nodes kept
            continue
        if name not in (BaseLayer.STREET_NODES, BaseLayer.PLACES):
            clipped = shapely.clip_by_rect(kept.geometry.values, west, south, east, north)
            kept = kept.set_geometry(_same_family(clipped, kept.geometry.values))
            kept = _drop_empty(kept)
        out[name] = kept.reset_index(drop=True)
    nodes = out.get(BaseLayer.STREET_NODES)
    edges = out.get(BaseLayer.STREET_EDGES)
    if nodes is not None and edges is not None and len(edges):
        keep_ids = set(nodes["osmid"].tolist())
        both = edges["u"].isin(keep_ids) & edges["v"].isin(keep_ids)
        out[BaseLayer.STREET_EDGES] = edges[both].reset_index(drop=True)
        used = set(out[BaseLayer.STREET_EDGES]["u"]) | set(out[BaseLayer.STREET_EDGES]["v"])
        out[BaseLayer.STREET_NODES] = nodes[nodes["osmid"].isin(used)].reset_index(drop=True)
    return out


def _same_family(clipped: np.ndarray, original: np.ndarray) -> np.ndarray:
    """Keep clipped polygons as MultiPolygons and lines as (Multi)LineStrings."""
    types = shapely.get_type_id(original)
    out = clipped.copy()
    polys = types == shapely.GeometryType.MULTIPOLYGON
    if polys.any():
        part = out[polys]
        single = shapely.get_type_id(part) == shapely.GeometryType.POLYGON
        if single.any():
            part[single] = shapely.multipolygons(part[single][:, None])
        bad = ~np.isin(shapely.get_type_id(part), [shapely.GeometryType.MULTIPOLYGON])
        part[bad] = shapely.from_wkt("MULTIPOLYGON EMPTY")
        out[polys] = part
    return out


def _fmt_bbox(bbox: tuple[float, float, float, float]) -> str:
    return ",".join(f"{v:.5f}" for v in bbox)


def _read_all_extent(rows: dict[str, _Rows]) -> list[gpd.GeoDataFrame]:
    return [r.frame() for r in rows.values() if r.geometry]


def _extent(frames: list[gpd.GeoDataFrame]) -> tuple[float, float, float, float]:
    if not frames:
        return (0.0, 0.0, 0.0, 0.0)
    bounds = np.array([f.total_bounds for f in frames])
    return (float(bounds[:, 0].min()), float(bounds[:, 1].min()),
            float(bounds[:, 2].max()), float(bounds[:, 3].max()))
