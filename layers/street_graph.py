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

import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd
import shapely

from layers.osm_definitions import oneway_direction

WGS84 = "EPSG:4326"
EARTH_RADIUS_M = 6_371_009  # osmnx.distance.EARTH_RADIUS_M


class StreetGraphBuilder:
    """Collects routable ways, then splits them into graph edges at intersections."""

    def __init__(self) -> None:
        self._way_ids: list[int] = []
        self._refs: list[np.ndarray] = []
        self._coords: list[np.ndarray] = []
        self._attrs: list[tuple[str | None, str | None, int]] = []

    def add_way(self, way_id: int, nodes: Sequence[tuple[int, float, float]],
                tags: Mapping[str, str]) -> None:
        """Remember one routable way: its id, (node id, lon, lat) list and tags."""
        if len(nodes) < 2:
            return
        array = np.asarray(nodes, dtype=np.float64)
        self._way_ids.append(way_id)
        self._refs.append(np.asarray([n[0] for n in nodes], dtype=np.int64))
        self._coords.append(array[:, 1:3])
        self._attrs.append((tags.get("highway"), tags.get("name"), oneway_direction(tags)))

    def frames(self) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
        """The graph's nodes and edges, as osmnx lays them out in a GeoPackage."""
        if not self._refs:
            return _empty_nodes(), _empty_edges()
        all_refs = np.concatenate(self._refs)
        all_coords = np.concatenate(self._coords)
        ids, first, counts = np.unique(all_refs, return_index=True, return_counts=True)
        ends = np.concatenate([[r[0], r[-1]] for r in self._refs])
        is_graph_node = np.zeros(len(ids), dtype=bool)
        is_graph_node[counts > 1] = True
        is_graph_node[np.searchsorted(ids, ends)] = True

        edge_u: list[int] = []
        edge_v: list[int] = []
        edge_way: list[int] = []
        edge_oneway: list[int] = []
        edge_start: list[int] = []
        edge_stop: list[int] = []
        offset = 0
        for way_index, refs in enumerate(self._refs):
            flags = is_graph_node[np.searchsorted(ids, refs)]
            cut = np.flatnonzero(flags)
            for a, b in zip(cut[:-1], cut[1:], strict=False):
                edge_u.append(int(refs[a]))
                edge_v.append(int(refs[b]))
                edge_way.append(way_index)
                edge_oneway.append(self._attrs[way_index][2])
                edge_start.append(offset + int(a))
                edge_stop.append(offset + int(b))
            offset += len(refs)

        starts = np.asarray(edge_start)
        stops = np.asarray(edge_stop)
        sizes = stops - starts + 1
        index = np.repeat(starts - np.cumsum(np.r_[0, sizes[:-1]]), sizes) + np.arange(sizes.sum())
        coords = all_coords[index]
        part = np.repeat(np.arange(len(starts)), sizes)
        lengths = _edge_lengths(coords, part, len(starts))
        lines = shapely.linestrings(coords, indices=part)

        # One record per direction a traveller may take, as osmnx stores them.
        way_ids = np.asarray(self._way_ids)[edge_way]
        highway = [self._attrs[i][0] for i in edge_way]
        name = [self._attrs[i][1] for i in edge_way]
        oneway = np.asarray(edge_oneway)
        u = np.asarray(edge_u, dtype=np.int64)
        v = np.asarray(edge_v, dtype=np.int64)
        forward = oneway >= 0
        backward = oneway <= 0
        frame = pd.DataFrame({
            "u": np.r_[u[forward], v[backward]],
            "v": np.r_[v[forward], u[backward]],
            "osmid": np.r_[way_ids[forward], way_ids[backward]],
            "highway": [h for h, f in zip(highway, forward, strict=True) if f]
            + [h for h, b in zip(highway, backward, strict=True) if b],
            "name": [n for n, f in zip(name, forward, strict=True) if f]
            + [n for n, b in zip(name, backward, strict=True) if b],
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
