"""The street graph for routing, built while the extract streams, stored in osmnx's format.

osmnx's ``graph_from_xml`` re-parses the whole file, needs gigabytes on a city
extract and refuses clipped extracts ("Some edges missing nodes"). Here the same
topology is built from the ways already streamed: a graph node wherever a street
ends or meets another street, an edge along each street between two such nodes
(osmnx's *simplified* graph), lengths in metres on the sphere as osmnx computes
them. The result is two GeoDataFrames in the layout of
``osmnx.save_graph_geopackage``, so ``osmnx.graph_from_gdfs`` turns them back into
a routable ``MultiDiGraph`` with no re-parse.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import itemgetter

import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd
import pyarrow as pa

from layers.osm_definitions import oneway_direction

WGS84 = "EPSG:4326"
EARTH_RADIUS_M = 6_371_009  # osmnx.distance.EARTH_RADIUS_M
_AFTER_LINE_HEADER = itemgetter(slice(18, None))  # hex WKB of a line, from its first vertex

#: Attribute columns of ``street_nodes`` and ``street_edges`` (geometry last, not listed),
#: as :meth:`StreetGraphBuilder.tables` writes them, with or without any street.
NODE_SCHEMA = pa.schema([("osmid", pa.int64()), ("x", pa.float64()), ("y", pa.float64()),
                         ("street_count", pa.int64())])
EDGE_SCHEMA = pa.schema([("u", pa.int64()), ("v", pa.int64()), ("key", pa.int64()),
                         ("osmid", pa.int64()), ("highway", pa.large_string()),
                         ("name", pa.large_string()), ("oneway", pa.bool_()),
                         ("reversed", pa.bool_()), ("length", pa.float64())])


class StreetGraphBuilder:
    """Collects routable ways, then splits them into graph edges at intersections."""

    def __init__(self) -> None:
        self._way_ids: list[int] = []
        self._refs: list[np.ndarray] = []
        #: Per way: its (lon, lat) array, or None when its coordinates are in ``_wkb``.
        self._coords: list[np.ndarray | None] = []
        self._wkb: dict[int, str] = {}
        self._highway: list[str | None] = []
        self._name: list[str | None] = []
        self._oneway: list[int] = []

    def add_way(self, way_id: int, nodes: Sequence[tuple[int, float, float]],
                tags: Mapping[str, str]) -> None:
        """Remember one routable way: its id, (node id, lon, lat) list and tags."""
        if len(nodes) < 2:
            return
        array = np.asarray(nodes, dtype=np.float64)
        self._append(way_id, np.asarray([n[0] for n in nodes], dtype=np.int64), tags)
        self._coords.append(array[:, 1:3])

    def add_way_wkb(self, way_id: int, refs: Sequence[int], wkb: str,
                    tags: Mapping[str, str]) -> None:
        """Remember a routable way whose coordinates are a line as little-endian hex WKB
        (as osmium writes it), one vertex per node ref."""
        if len(refs) < 2:
            return
        self._append(way_id, np.asarray(refs, dtype=np.int64), tags)
        self._wkb[len(self._coords)] = wkb
        self._coords.append(None)

    def _append(self, way_id: int, refs: np.ndarray, tags: Mapping[str, str]) -> None:
        self._way_ids.append(way_id)
        self._refs.append(refs)
        self._highway.append(tags.get("highway"))
        self._name.append(tags.get("name"))
        self._oneway.append(oneway_direction(tags))

    def _all_coords(self) -> np.ndarray:
        if self._wkb:
            coords = _hex_line_vertices(list(self._wkb.values()),
                                        [len(self._refs[p]) for p in self._wkb])
            if len(self._wkb) == len(self._coords):
                self._coords = [coords]
            else:
                positions = list(self._wkb.keys())
                sizes = np.fromiter((len(self._refs[p]) for p in positions), dtype=np.int64)
                parts = np.split(coords, np.cumsum(sizes)[:-1])
                for position, part in zip(positions, parts, strict=True):
                    self._coords[position] = part
            self._wkb.clear()
        if len(self._coords) == 1:
            return self._coords[0]  # type: ignore[return-value]
        return np.concatenate(self._coords)  # type: ignore[arg-type]

    def frames(self) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
        """The graph's nodes and edges as GeoDataFrames, in the layout of :meth:`tables`."""
        from layers._osm_tables import table_frame

        if not self._refs:
            return _empty_nodes(), _empty_edges()
        nodes, edges = self.tables()
        return table_frame(nodes), table_frame(edges)

    def tables(self) -> tuple[pa.Table, pa.Table]:
        """The graph's nodes and edges as Arrow tables (WKB ``geometry`` last), in the
        layout ``osmnx.save_graph_geopackage`` writes; no shapely object is made."""
        from layers._osm_tables import frame_table, geometry_field

        if not self._refs:
            # Typed from the schemas, not from the empty frames: an empty text column
            # has no type of its own, and GDAL cannot make a field of Arrow's null type.
            return (frame_table(_empty_nodes(), NODE_SCHEMA),
                    frame_table(_empty_edges(), EDGE_SCHEMA))
        all_refs = np.concatenate(self._refs)
        all_coords = self._all_coords()
        sizes_per_way = np.fromiter((len(r) for r in self._refs), dtype=np.int64)
        way_of = np.repeat(np.arange(len(self._refs)), sizes_per_way)
        ids, first, counts = np.unique(all_refs, return_index=True, return_counts=True)
        way_start = np.r_[0, np.cumsum(sizes_per_way)[:-1]]
        ends = np.r_[all_refs[way_start], all_refs[way_start + sizes_per_way - 1]]
        is_graph_node = counts > 1
        is_graph_node[np.searchsorted(ids, ends)] = True

        # Edges run between consecutive graph nodes along the same way.
        cut = np.flatnonzero(is_graph_node[np.searchsorted(ids, all_refs)])
        same_way = way_of[cut[:-1]] == way_of[cut[1:]]
        starts = cut[:-1][same_way]
        stops = cut[1:][same_way]
        edge_way = way_of[starts]
        sizes = stops - starts + 1
        lengths = _edge_lengths(all_coords, starts, sizes)
        nodes = _node_table(ids[is_graph_node], first[is_graph_node], all_coords,
                            np.r_[all_refs[starts], all_refs[stops]])
        # What only the nodes needed, let go of before the edges' geometry is made.
        del way_of, ids, first, counts, ends, is_graph_node, cut, same_way

        # One record per direction a traveller may take, as osmnx stores them: the
        # edges along their ways, then those travelled against them, reversed.
        oneway = np.asarray(self._oneway)[edge_way]
        forward = oneway >= 0
        backward = oneway <= 0
        along = np.flatnonzero(forward)
        against = np.flatnonzero(backward)
        directed = np.r_[along, against]
        vertex_index = np.r_[_vertices(starts[along], sizes[along], reverse=False),
                             _vertices(stops[against], sizes[against], reverse=True)]
        u = np.r_[all_refs[starts[along]], all_refs[stops[against]]]
        v = np.r_[all_refs[stops[along]], all_refs[starts[against]]]
        way = edge_way[directed]
        strings = pa.large_string()
        edges = pa.table({
            "u": u,
            "v": v,
            "key": _cumcount(u, v),
            "osmid": np.asarray(self._way_ids, dtype=np.int64)[way],
            "highway": pa.array(np.asarray(self._highway, dtype=object)[way], strings),
            "name": pa.array(np.asarray(self._name, dtype=object)[way], strings),
            "oneway": oneway[directed] != 0,
            "reversed": np.r_[oneway[along] < 0, np.ones(len(against), dtype=bool)],
            "length": lengths[directed],
        })
        edges = edges.append_column(
            geometry_field(), _line_wkb(all_coords, sizes[directed], vertex_index))

        return nodes, edges


def _hex_line_vertices(hexes: list[str], sizes: list[int], chunk: int = 4096) -> np.ndarray:
    """The vertices of 2D lines given as little-endian hex WKB (``sizes`` vertices each),
    one after the other, as an (n, 2) array.

    A 2D line's WKB is 9 header bytes then its vertices: no need to parse it. Decoded a
    few thousand lines at a time, so the hex text is never copied whole (at 100 copies of
    a city that copy and its bytes were 0.4 GB on top of everything else held).
    """
    coords = np.empty((sum(sizes), 2), dtype="<f8")
    at = 0
    for start in range(0, len(hexes), chunk):
        part = bytes.fromhex("".join(map(_AFTER_LINE_HEADER, hexes[start:start + chunk])))
        values = np.frombuffer(part, dtype="<f8").reshape(-1, 2)
        coords[at:at + len(values)] = values
        at += len(values)
    return coords


def _node_table(node_ids: np.ndarray, first: np.ndarray, coords: np.ndarray,
                edge_ends: np.ndarray) -> pa.Table:
    """The graph nodes (``coords[first]``) that end an edge, with their street count."""
    from layers._osm_tables import geometry_field

    node_xy = coords[first]
    # street_count as osmnx counts it: streets meeting at the node, ignoring direction.
    end_ids, end_counts = np.unique(edge_ends, return_counts=True)
    used = np.isin(node_ids, end_ids)
    node_ids = node_ids[used]
    node_xy = node_xy[used]
    nodes = pa.table({
        "osmid": node_ids,
        "x": node_xy[:, 0],
        "y": node_xy[:, 1],
        "street_count": end_counts[np.searchsorted(end_ids, node_ids)],
    })
    return nodes.append_column(geometry_field(), _point_wkb(node_xy))


def _vertices(first: np.ndarray, sizes: np.ndarray, reverse: bool) -> np.ndarray:
    """Positions of each edge's vertices: ``sizes`` of them from ``first``, up or down."""
    step = np.arange(sizes.sum()) - np.repeat(np.cumsum(np.r_[0, sizes[:-1]]), sizes)
    return np.repeat(first, sizes) + (-step if reverse else step)


def _cumcount(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Rank of each edge among those before it with the same (u, v): osmnx's ``key``."""
    order = np.lexsort((v, u))  # stable: equal pairs keep their order
    su, sv = u[order], v[order]
    position = np.arange(len(order))
    new_pair = np.r_[True, (su[1:] != su[:-1]) | (sv[1:] != sv[:-1])]
    pair_start = np.maximum.accumulate(np.where(new_pair, position, 0))
    key = np.empty(len(order), dtype=np.int64)
    key[order] = position - pair_start
    return key


def _line_wkb(coords: np.ndarray, sizes: np.ndarray, index: np.ndarray,
              chunk: int = 1 << 16) -> pa.Array:
    """2D lines of ``sizes`` vertices each, the vertices ``coords[index]`` taken in turn,
    as little-endian WKB (as ``shapely.to_wkb(byte_order=1)`` writes them).

    Made ``chunk`` lines at a time into the one output buffer: building every line at
    once held five temporaries the size of the output (0.35 GB at 100 copies of a city).
    """
    nbytes = 9 + 16 * sizes
    offsets = np.r_[0, np.cumsum(nbytes)]
    first_vertex = np.r_[0, np.cumsum(sizes)]
    data = np.empty(int(offsets[-1]), dtype=np.uint8)
    for first in range(0, len(sizes), chunk):
        last = min(first + chunk, len(sizes))
        starts = offsets[first:last] - offsets[first]
        header = np.zeros((last - first, 9), dtype=np.uint8)
        header[:, 0] = 1  # little-endian
        header[:, 1] = 2  # LineString
        header[:, 5:] = sizes[first:last].astype("<u4").view(np.uint8).reshape(-1, 4)
        piece = data[offsets[first]:offsets[last]]
        in_header = np.zeros(len(piece), dtype=bool)
        in_header[(starts[:, None] + np.arange(9)).ravel()] = True
        piece[in_header] = header.ravel()
        vertices = coords[index[first_vertex[first]:first_vertex[last]]]
        piece[~in_header] = np.ascontiguousarray(vertices, dtype="<f8").view(np.uint8).ravel()
    return pa.Array.from_buffers(pa.binary(), len(sizes), [
        None, pa.py_buffer(offsets.astype(np.int32)), pa.py_buffer(data)])


_POINT = np.dtype([("order", "u1"), ("kind", "<u4"), ("x", "<f8"), ("y", "<f8")])


def _point_wkb(xy: np.ndarray) -> pa.Array:
    """2D points as little-endian WKB (as ``shapely.to_wkb(byte_order=1)`` writes them)."""
    records = np.empty(len(xy), dtype=_POINT)  # packed: 21 bytes each
    records["order"] = 1
    records["kind"] = 1
    records["x"] = xy[:, 0]
    records["y"] = xy[:, 1]
    offsets = np.arange(len(xy) + 1, dtype=np.int32) * _POINT.itemsize
    return pa.Array.from_buffers(pa.binary(), len(xy), [
        None, pa.py_buffer(offsets), pa.py_buffer(records.tobytes())])


def _edge_lengths(coords: np.ndarray, starts: np.ndarray, sizes: np.ndarray,
                  chunk: int = 1 << 16) -> np.ndarray:
    """Great-circle length in metres of each edge, ``sizes[i]`` vertices of ``coords``
    from ``starts[i]`` (osmnx's haversine formula).

    Computed ``chunk`` edges at a time: the whole graph's vertex copies and trigonometry
    held 0.15 GB at 100 copies of a city.
    """
    lengths = np.empty(len(starts), dtype=np.float64)
    for first in range(0, len(starts), chunk):
        edge_starts = starts[first:first + chunk]
        edge_sizes = sizes[first:first + chunk]
        index = (np.repeat(edge_starts - np.cumsum(np.r_[0, edge_sizes[:-1]]), edge_sizes)
                 + np.arange(edge_sizes.sum()))
        part = np.repeat(np.arange(len(edge_starts)), edge_sizes)
        lengths[first:first + len(edge_starts)] = _part_lengths(coords[index], part,
                                                                len(edge_starts))
    return lengths


def _part_lengths(coords: np.ndarray, part: np.ndarray, count: int) -> np.ndarray:
    """Great-circle length in metres of each run of vertices with the same ``part``."""
    lon = np.radians(coords[:, 0])
    lat = np.radians(coords[:, 1])
    same = part[1:] == part[:-1]
    dlat = lat[1:] - lat[:-1]
    dlon = lon[1:] - lon[:-1]
    h = np.sin(dlat / 2) ** 2 + np.cos(lat[:-1]) * np.cos(lat[1:]) * np.sin(dlon / 2) ** 2
    seg = 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
    return np.bincount(part[1:][same], weights=seg[same], minlength=count)


def _empty_nodes() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"osmid": pd.Series(dtype="int64"), "x": pd.Series(dtype="float64"),
         "y": pd.Series(dtype="float64"), "street_count": pd.Series(dtype="int64")},
        geometry=gpd.GeoSeries([], crs=WGS84), crs=WGS84,
    )


def _empty_edges() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"u": pd.Series(dtype="int64"), "v": pd.Series(dtype="int64"),
         "key": pd.Series(dtype="int64"), "osmid": pd.Series(dtype="int64"),
         "highway": pd.Series(dtype="object"), "name": pd.Series(dtype="object"),
         "oneway": pd.Series(dtype="bool"), "reversed": pd.Series(dtype="bool"),
         "length": pd.Series(dtype="float64")},
        geometry=gpd.GeoSeries([], crs=WGS84), crs=WGS84,
    )


def to_networkx(nodes: gpd.GeoDataFrame, edges: gpd.GeoDataFrame) -> nx.MultiDiGraph:
    """Turn stored street_nodes / street_edges back into an osmnx routing graph."""
    import osmnx

    node_frame = nodes.set_index("osmid")
    edge_frame = edges.set_index(["u", "v", "key"])
    return osmnx.convert.graph_from_gdfs(node_frame, edge_frame, graph_attrs={"crs": WGS84})
