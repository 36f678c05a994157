"""Snapping clicks to the base map, and drawing transport lines that follow the streets.

A :class:`Snapper` is built once per project over the vertices and edges of the
roads and buildings (in the working CRS, so tolerances are in metres). A click
snaps to the nearest vertex within the tolerance, else to the nearest point on an
edge, else stays where it was. :meth:`Snapper.follow_roads` routes a transport
line along the stored street graph between the points a mapper clicks.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import LineString
from shapely.strtree import STRtree

from layers.osm_definitions import BaseLayer
from mapping.project import Project

if TYPE_CHECKING:
    import networkx as nx

#: Layers a snapper uses unless told otherwise.
DEFAULT_SNAP_LAYERS: tuple[str, ...] = (BaseLayer.ROADS, BaseLayer.BUILDINGS)
#: A clicked point farther than this from every street-graph node is not routed (metres).
MAX_ROUTE_SNAP_M = 100.0


class SnapKind(StrEnum):
    """What a click snapped to."""

    VERTEX = "vertex"
    EDGE = "edge"
    NONE = "none"


@dataclass(frozen=True)
class SnapResult:
    """Where a click lands after snapping."""

    #: Longitude (WGS84) of the snapped point.
    lon: float
    #: Latitude (WGS84) of the snapped point.
    lat: float
    #: Vertex, edge, or none (the click itself).
    kind: SnapKind
    #: Layer of the feature snapped to (None when nothing was in reach).
    layer: str | None = None
    #: Feature id in that layer.
    fid: int | None = None
    #: Distance from the click, metres.
    distance_m: float = 0.0


@dataclass(frozen=True)
class RoutedLine:
    """A line drawn along the streets, and where it could not follow them."""

    #: The line, WGS84.
    line: LineString
    #: Indexes of the legs (between clicked point i and i+1) drawn straight, with no route.
    straight_legs: tuple[int, ...]


class Snapper:
    """Snap targets (vertices and edges) of a project's base layers, and its street graph.

    Parameters
    ----------
    project
        The project (or its path).
    layers
        Layers to snap to (default: roads and buildings).
    """

    def __init__(self, project: Project | str, layers: Iterable[str] = DEFAULT_SNAP_LAYERS
                 ) -> None:
        self.project = project if isinstance(project, Project) else Project(project)
        crs = self.project.metadata.working_crs or "EPSG:3857"
        self._forward = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
        self._backward = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
        vertex_lonlat, vertex_owner, edges, edge_owner = [], [], [], []
        names = [str(name) for name in layers]
        for index, name in enumerate(names):
            frame = self.project.read_layer(name, columns=[])
            geometries = frame.geometry.values
            boundaries = _as_lines(np.asarray(geometries))
            coords, which = shapely.get_coordinates(geometries, return_index=True)
            fids = frame.index.to_numpy()
            vertex_lonlat.append(coords)
            vertex_owner.append(np.column_stack([np.full(len(which), index), fids[which]]))
            parts, part_of = shapely.get_parts(boundaries, return_index=True)
            edges.append(parts)
            edge_owner.append(np.column_stack([np.full(len(part_of), index), fids[part_of]]))
        self._layers = names
        #: Vertex coordinates as stored (WGS84), so a snapped vertex is exact.
        self._vertex_lonlat = np.concatenate(vertex_lonlat) if vertex_lonlat else np.zeros((0, 2))
        self._vertex_owner = np.concatenate(vertex_owner) if vertex_owner else np.zeros((0, 2))
        x, y = self._forward.transform(self._vertex_lonlat[:, 0], self._vertex_lonlat[:, 1])
        self._vertex_tree = STRtree(shapely.points(x, y))
        all_edges = np.concatenate(edges) if edges else np.array([], dtype=object)
        self._edges = self._to_metres(all_edges)
        self._edge_owner = np.concatenate(edge_owner) if edge_owner else np.zeros((0, 2))
        self._edge_tree = STRtree(self._edges)
        self._graph: nx.MultiDiGraph | None = None
        self._node_ids: np.ndarray | None = None
        self._node_tree: STRtree | None = None

    def _to_metres(self, geometries: np.ndarray) -> np.ndarray:
        return shapely.transform(geometries, lambda xy: np.column_stack(
            self._forward.transform(xy[:, 0], xy[:, 1])))

    def snap(self, lon: float, lat: float, tolerance_m: float) -> SnapResult:
        """Snap a click to the nearest vertex within ``tolerance_m``, else the nearest edge.

        Vertices win over edges within the tolerance (corners and junctions are
        what mappers aim at). A snapped vertex has exactly its stored coordinates.
        """
        click = shapely.Point(*self._forward.transform(lon, lat))
        found, distance = self._vertex_tree.query_nearest(
            click, max_distance=tolerance_m, return_distance=True, all_matches=False)
        if len(found):
            index = int(found[0])
            layer, fid = self._vertex_owner[index]
            vertex_lon, vertex_lat = self._vertex_lonlat[index]
            return SnapResult(float(vertex_lon), float(vertex_lat), SnapKind.VERTEX,
                              self._layers[int(layer)], int(fid), float(distance[0]))
        found, distance = self._edge_tree.query_nearest(
            click, max_distance=tolerance_m, return_distance=True, all_matches=False)
        if len(found):
            index = int(found[0])
            edge = self._edges[index]
            on_edge = edge.interpolate(edge.project(click))
            edge_lon, edge_lat = self._backward.transform(on_edge.x, on_edge.y)
            layer, fid = self._edge_owner[index]
            return SnapResult(float(edge_lon), float(edge_lat), SnapKind.EDGE,
                              self._layers[int(layer)], int(fid), float(distance[0]))
        return SnapResult(float(lon), float(lat), SnapKind.NONE)

    # Routing along the streets ---------------------------------------------------------------

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The project's street graph (osmnx layout, edge ``length`` in metres), loaded once."""
        if self._graph is None:
            from layers.street_graph import to_networkx

            nodes = self.project.read_layer(BaseLayer.STREET_NODES)
            edges = self.project.read_layer(BaseLayer.STREET_EDGES)
            self._graph = to_networkx(nodes, edges)
            ids = np.asarray(list(self._graph.nodes), dtype=np.int64)
            x = np.array([self._graph.nodes[n]["x"] for n in ids], dtype=float)
            y = np.array([self._graph.nodes[n]["y"] for n in ids], dtype=float)
            mx, my = self._forward.transform(x, y)
            self._node_ids = ids
            self._node_tree = STRtree(shapely.points(mx, my))
        return self._graph

    def nearest_node(self, lon: float, lat: float,
                     max_distance_m: float = MAX_ROUTE_SNAP_M) -> int | None:
        """Id of the street-graph node nearest a point, if one is within ``max_distance_m``."""
        graph = self.graph
        assert self._node_tree is not None and self._node_ids is not None
        if not len(graph):
            return None
        click = shapely.Point(*self._forward.transform(lon, lat))
        found = self._node_tree.query_nearest(click, max_distance=max_distance_m,
                                              all_matches=False)
        return int(self._node_ids[int(found[0])]) if len(found) else None

    def follow_roads(self, points: Sequence[tuple[float, float]]) -> LineString:
        """A line through the clicked points that follows the streets between them.

        Each click is moved to the nearest street intersection or street end (within
        100 m), and consecutive ones are joined by the shortest path by length on the
        street graph, taking one-way streets only in their direction, as a vehicle
        must. Where there is no path (or no street near a click) the leg is straight.
        """
        return self.route(points).line

    def route(self, points: Sequence[tuple[float, float]]) -> RoutedLine:
        """Like :meth:`follow_roads`, also saying which legs had to be drawn straight."""
        if len(points) < 2:
            raise ValueError("follow_roads needs at least two points.")
        graph = self.graph
        anchors: list[tuple[int | None, tuple[float, float]]] = []
        for lon, lat in points:
            node = self.nearest_node(lon, lat)
            where = (graph.nodes[node]["x"], graph.nodes[node]["y"]) if node is not None \
                else (float(lon), float(lat))
            anchors.append((node, where))
        coords: list[tuple[float, float]] = [anchors[0][1]]
        straight = []
        for leg, ((start, start_xy), (end, end_xy)) in enumerate(zip(anchors, anchors[1:],
                                                                     strict=False)):
            path = self._path(start, end)
            if path is None:
                straight.append(leg)
                piece = [start_xy, end_xy]
            else:
                piece = path
            coords.extend(xy for xy in piece[1:] if xy != coords[-1])
        if len(coords) < 2:
            coords.append(coords[0])
        return RoutedLine(LineString(coords), tuple(straight))

    def _path(self, start: int | None, end: int | None) -> list[tuple[float, float]] | None:
        """Coordinates of the shortest street path from node ``start`` to ``end``."""
        import networkx as nx

        if start is None or end is None:
            return None
        graph = self.graph
        if start == end:
            return [(graph.nodes[start]["x"], graph.nodes[start]["y"])]
        try:
            nodes = nx.shortest_path(graph, start, end, weight="length")
        except nx.NetworkXNoPath:
            return None
        coords = [(graph.nodes[start]["x"], graph.nodes[start]["y"])]
        for u, v in zip(nodes, nodes[1:], strict=False):
            data = min(graph.get_edge_data(u, v).values(),
                       key=lambda d: d.get("length", math.inf))
            geometry = data.get("geometry")
            node_v = (float(graph.nodes[v]["x"]), float(graph.nodes[v]["y"]))
            edge_coords: list[tuple[float, float]]
            if geometry is None:
                edge_coords = [coords[-1], node_v]
            else:
                edge_coords = [(float(x), float(y)) for x, y in geometry.coords]
                if math.dist(edge_coords[0], node_v) < math.dist(edge_coords[-1], node_v):
                    edge_coords.reverse()  # stored against the direction of travel
            coords.extend(edge_coords[1:])
        return coords


def _as_lines(geometries: np.ndarray) -> np.ndarray:
    """Polygons become their outlines; lines stay lines; points are dropped."""
    out = np.empty(len(geometries), dtype=object)
    for i, geometry in enumerate(geometries):
        kind = shapely.get_type_id(geometry)
        if kind in (3, 6):  # (multi)polygon
            out[i] = shapely.boundary(geometry)
        elif kind in (1, 2, 5):  # (multi)linestring, linearring
            out[i] = geometry
        else:
            out[i] = None
    return out
