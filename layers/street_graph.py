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
import shapely

from layers.osm_definitions import oneway_direction

WGS84 = "EPSG:4326"
EARTH_RADIUS_M = 6_371_009  # osmnx.distance.EARTH_RADIUS_M
_AFTER_LINE_HEADER = itemgetter(slice(18, None))  # hex WKB of a line, from its first vertex


class StreetGraphBuilder:
    """Collects routable ways, then splits them into graph edges at intersections."""

    def __init__(self) -> None:
        self._way_ids: list[int] = []
        self._refs: list[np.ndarray] = []
        #: Per way: its (lon, lat) array, or None when its coordinates are in ``_wkb``.
        self._coords: list[np.ndarray | None] = []
        self._wkb: dict[int, bytes | str] = {}
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
            # A 2D line's WKB is 9 header bytes then its vertices: no need to parse it.
            hexes = list(self._wkb.values())
            coords = np.frombuffer(bytes.fromhex("".join(map(_AFTER_LINE_HEADER, hexes))),
                                   dtype="<f8").reshape(-1, 2)
            if len(self._wkb) == len(self._coords):
                self._coords = [coords]
            else:
                positions = list(self._wkb.keys())
                sizes = np.fromiter((len(self._refs[p]) for p in positions), dtype=np.int64)
                parts = np.split(coords, np.cumsum(sizes)[:-1])
                for position, part in zip(positions, parts, strict=True):
                    self._coords[position] = part
            self._wkb.clear()
        return np.concatenate(self._coords)  # type: ignore[arg-type]

    def frames(self) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
        """The graph's nodes and edges, as osmnx lays them out in a GeoPackage."""
        if not self._refs:
            return _empty_nodes(), _empty_edges()
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
        index = np.repeat(starts - np.cumsum(np.r_[0, sizes[:-1]]), sizes) + np.arange(sizes.sum())
        coords = all_coords[index]
        part = np.repeat(np.arange(len(starts)), sizes)
        lengths = _edge_lengths(coords, part, len(starts))
        lines = shapely.linestrings(coords, indices=part)

        # One record per direction a traveller may take, as osmnx stores them.
        way_ids = np.asarray(self._way_ids, dtype=np.int64)[edge_way]
        highway = np.asarray(self._highway, dtype=object)[edge_way]
        name = np.asarray(self._name, dtype=object)[edge_way]
        oneway = np.asarray(self._oneway)[edge_way]
        u = all_refs[starts]
        v = all_refs[stops]
        forward = oneway >= 0
        backward = oneway <= 0
        frame = pd.DataFrame({
            "u": np.r_[u[forward], v[backward]],
            "v": np.r_[v[forward], u[backward]],
            "osmid": np.r_[way_ids[forward], way_ids[backward]],
            "highway": np.r_[highway[forward], highway[backward]],
            "name": np.r_[name[forward], name[backward]],
            "oneway": np.r_[oneway[forward] != 0, oneway[backward] != 0],
            "reversed": np.r_[oneway[forward] < 0, np.ones(int(backward.sum()), dtype=bool)],
            "length": np.r_[lengths[forward], lengths[backward]],
        })
        geometry = np.r_[lines[forward], shapely.reverse(lines[backward])]
        frame["key"] = frame.groupby(["u", "v"]).cumcount()
        edges = gpd.GeoDataFrame(frame, geometry=geometry, crs=WGS84)
        edges = edges[["u", "v", "key", "osmid", "highway", "name", "oneway", "reversed",
                       "length", "geometry"]]

        node_ids = ids[is_graph_node]
        node_xy = all_coords[first[is_graph_node]]
        # street_count as osmnx counts it: streets meeting at the node, ignoring direction.
        undirected = pd.concat([pd.Series(u), pd.Series(v)])
        street_count = undirected.value_counts().reindex(node_ids, fill_value=0).to_numpy()
        nodes = gpd.GeoDataFrame(
            {"osmid": node_ids, "x": node_xy[:, 0], "y": node_xy[:, 1],
             "street_count": street_count},
            geometry=shapely.points(node_xy), crs=WGS84,
        )
        used = np.isin(node_ids, np.r_[u, v])
        return nodes[used].reset_index(drop=True), edges.reset_index(drop=True)


def _edge_lengths(coords: np.ndarray, part: np.ndarray, count: int) -> np.ndarray:
    """Great-circle length in metres of each edge (osmnx's haversine formula)."""
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
