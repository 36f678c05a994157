"""Read an OpenStreetMap extract (``.osm``, ``.osm.bz2``, ``.osm.pbf``) into base layers.

osmnx's own XML readers are too slow and too hungry for a city-sized file and
fail on clipped extracts (ways whose nodes lie outside the clip, as Geofabrik and
the HOT Export Tool produce). So the extract is streamed with pyosmium, which
assembles multipolygon relations in C++,
in one pass (see :mod:`layers.osm_scan`); the features are then sorted into layers with
vectorised shapely. The street graph is built from the same pass and handed to
osmnx in its own format (see :mod:`layers.street_graph`).
"""

from __future__ import annotations

import contextlib
import gc
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyarrow as pa
import shapely

from layers._osm_tables import frame_table, rows_table, table_frame
from layers.errors import EmptyExtractError, InputFileError
from layers.osm_definitions import BaseLayer
from layers.osm_files import check_extract_file, truncation_message, write_sorted_copy
from layers.osm_scan import SCHEMAS, Rows, ScanResult, scan_extract
from layers.street_graph import StreetGraphBuilder

WGS84 = "EPSG:4326"

Progress = Callable[[str], None]

__all__ = ["SCHEMAS", "OsmExtract", "check_extract_file", "clip_layers", "read_extract"]


@dataclass
class OsmExtract:
    """The base layers read from one extract, with what is known about its source."""

    #: Layer name -> features in WGS84 (EPSG:4326) as an Arrow table, geometry as WKB.
    tables: dict[str, pa.Table]
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

    @cached_property
    def layers(self) -> dict[str, gpd.GeoDataFrame]:
        """Layer name -> features in WGS84 (EPSG:4326), one GeoDataFrame per base layer."""
        return {name: table_frame(table) for name, table in self.tables.items()}

    def count(self, layer: str) -> int:
        """Number of features in a layer (0 if it is missing)."""
        table = self.tables.get(layer)
        return 0 if table is None else table.num_rows


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
    with _no_cycle_collection():
        try:
            return _read(source, source, bbox, say)
        except _UnsortedError:
            # JOSM and the OSM API write objects out of id order; area assembly needs them
            # sorted, so a sorted copy is made first (such files are small).
            say(f"Sorting {source.name}")
            with tempfile.TemporaryDirectory(prefix="quartier-sort-") as folder:
                sorted_copy = Path(folder) / "sorted.osm.pbf"
                write_sorted_copy(source, sorted_copy)
                return _read(sorted_copy, source, bbox, say)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while an extract is read.

    The read allocates millions of short-lived objects and keeps hundreds of thousands
    of records; each collection of the oldest generation walks all of them, which made
    a 100x city extract a sixth slower. The read makes almost no reference cycles.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _UnsortedError(Exception):
    """The file's objects are not in id order."""


def _scan(path: Path, source: Path, graph: StreetGraphBuilder) -> ScanResult:
    try:
        return scan_extract(str(path), graph)
    except RuntimeError as error:
        if "out of order" in str(error):
            raise _UnsortedError() from error
        raise InputFileError(truncation_message(source, error)) from error


def _read(
    path: Path,
    source: Path,
    bbox: tuple[float, float, float, float] | None,
    say: Progress,
) -> OsmExtract:
    graph = StreetGraphBuilder()
    ways = _scan(path, source, graph)
    rows = {name: Rows(columns, ways.rows[name].records + ways.node_rows[name].records)
            for name, columns in SCHEMAS.items()}

    say("Assembling layers")
    tables: dict[str, pa.Table] = {}
    extents = []
    for name, layer_rows in rows.items():
        tables[str(name)], extent = rows_table(layer_rows)
        extents.append(extent)
    street_nodes, street_edges = graph.tables()
    tables[BaseLayer.STREET_NODES] = street_nodes
    tables[BaseLayer.STREET_EDGES] = street_edges
    if street_nodes.num_rows:
        x, y = street_nodes.column("x").to_numpy(), street_nodes.column("y").to_numpy()
        extents.append((float(x.min()), float(y.min()), float(x.max()), float(y.max())))
    full_extent = _union(extents)

    if bbox is not None:
        layers = {name: table_frame(table) for name, table in tables.items()}
        layers = clip_layers(layers, bbox)
        if not any(len(f) for f in layers.values()):
            raise EmptyExtractError(
                f"There are no map features inside --bbox {_fmt_bbox(bbox)} in {source.name}. "
                f"The extract covers {_fmt_bbox(full_extent)}: "
                "check the order west,south,east,north and that the area lies inside it."
            )
        tables = {name: frame_table(frame, tables[name].schema)
                  for name, frame in layers.items()}
        full_extent = _extent([f for f in layers.values() if len(f)])
    elif not any(t.num_rows for t in tables.values()):
        raise EmptyExtractError(
            f"{source.name} holds no buildings, roads, places or other map features. "
            "Export the neighbourhood again with its buildings and roads included."
        )

    newest = ways.newest
    data_date = ways.header_date or (
        newest.isoformat().replace("+00:00", "Z") if newest.year > 1 else ""
    )
    notes = []
    if ways.skipped_ways or ways.partial_ways:
        notes.append(
            f"{ways.partial_ways} ways leave the extract and were drawn from their nodes "
            f"inside it; {ways.skipped_ways} had fewer than two nodes inside and were left out."
        )
    if ways.skipped_areas:
        notes.append(
            f"{ways.skipped_areas} buildings or amenity outlines are cut by the extract's edge "
            "and were left out; export a slightly larger area to keep them."
        )
    return OsmExtract(
        tables=tables,
        source=source,
        data_date=data_date,
        bounds=full_extent,
        skipped_ways=ways.skipped_ways,
        partial_ways=ways.partial_ways,
        notes=notes,
    )


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


def _union(
    extents: list[tuple[float, float, float, float] | None],
) -> tuple[float, float, float, float]:
    boxes = np.array([e for e in extents if e is not None], dtype=np.float64)
    if not len(boxes):
        return (0.0, 0.0, 0.0, 0.0)
    return (float(boxes[:, 0].min()), float(boxes[:, 1].min()),
            float(boxes[:, 2].max()), float(boxes[:, 3].max()))


def _extent(frames: list[gpd.GeoDataFrame]) -> tuple[float, float, float, float]:
    if not frames:
        return (0.0, 0.0, 0.0, 0.0)
    bounds = np.array([f.total_bounds for f in frames])
    return (float(bounds[:, 0].min()), float(bounds[:, 1].min()),
            float(bounds[:, 2].max()), float(bounds[:, 3].max()))
