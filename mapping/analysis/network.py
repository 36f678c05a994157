"""The street graph as a sparse matrix, snapping many points to it, and hazard zones to avoid.

Routing every building of a city to its nearest shelter is one multi-source
shortest-path pass (:func:`nearest`) over a ``scipy.sparse`` matrix of street
lengths, not one search per building, and not networkx: on the 16x Helsinki
project (57k nodes, 137k edges) networkx's multi-source Dijkstra spends most of
its time in Python dictionaries.

The model, which the tests rebuild independently with networkx and shapely:

* the graph is **undirected** (people walk both ways along a one-way street); each
  street segment of ``street_edges`` counts once, with its stored ``length`` (metres
  on the sphere, as osmnx computes them); between two nodes the shortest segment is
  taken;
* a point (a building's centroid, a shelter, a click) **snaps** to the nearest point
  of the nearest usable street segment, in metres in the project's working CRS; the
  straight snap distance is added to its route, and it enters the graph at either
  end of that segment, the part of the segment's length before or after the snap
  point added (the fraction along the segment times its stored length);
* a segment is **avoided** when its line touches a hazard zone of an avoided class
  (GEOS ``intersects``; for a raster hazard, against the outlines of its cells in the
  avoided classes, so a street clipping a cell's corner is caught); the straight snap
  legs are checked the same way, so no route ever touches an avoided zone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np
import pyogrio
import shapely
from pyproj import Transformer
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra
from shapely.strtree import STRtree

from layers.errors import ValidationError
from layers.hazard_classes import HazardClass
from layers.osm_definitions import BaseLayer
from mapping.project import Project

if TYPE_CHECKING:
    from mapping.hazard_store import HazardRaster

#: A point farther than this from every usable street is not routed (metres).
MAX_SNAP_M = 500.0
#: Weight given to a zero-length segment, so the sparse matrix keeps it as an edge.
_TINY_M = 1e-9
#: Classes avoided unless told otherwise: the affected ones.
DEFAULT_AVOIDED: frozenset[HazardClass] = frozenset({HazardClass.MEDIUM, HazardClass.HIGH})


@dataclass
class StreetNetwork:
    """A project's street graph, each street segment once, ready for sparse routing."""

    #: OSM id of each graph node.
    node_ids: np.ndarray
    #: (x, y) of each node in metres (working CRS).
    node_xy: np.ndarray
    #: Index (into the node arrays) of each segment's first and last node.
    edge_u: np.ndarray
    edge_v: np.ndarray
    #: Stored length of each segment, metres.
    edge_length: np.ndarray
    #: Each segment's line, longitude/latitude (WGS84).
    edge_lines: np.ndarray
    #: Each segment's line in metres (working CRS), from ``edge_u`` to ``edge_v``.
    edge_lines_m: np.ndarray
    #: Working CRS of the metre coordinates ("EPSG:32737").
    crs: str
    #: WGS84 -> metres.
    to_metres: Transformer = field(repr=False)
    #: Metres -> WGS84.
    to_lonlat: Transformer = field(repr=False)
    #: Every segment's vertices in metres, one after the other, and where each starts.
    coords_m: np.ndarray = field(repr=False, default_factory=lambda: np.zeros((0, 2)))
    offsets: np.ndarray = field(repr=False, default_factory=lambda: np.zeros(1, dtype=np.int64))
    #: Per vertex of ``coords_m``: metres from its segment's start, along the segment.
    along_m: np.ndarray = field(repr=False, default_factory=lambda: np.zeros(0))

    @property
    def node_count(self) -> int:
        """How many graph nodes there are."""
        return len(self.node_ids)

    @classmethod
    def from_project(cls, project: Project) -> StreetNetwork:
        """Read ``street_nodes`` and ``street_edges`` once and index them.

        Raises
        ------
        ValidationError
            The project has no street graph, or an empty one.
        """
        name = project.path.name
        try:
            nodes = project.read_layer(BaseLayer.STREET_NODES, columns=["osmid"], arrow=True)
            edges = project.read_layer(BaseLayer.STREET_EDGES, columns=["u", "v", "length"],
                                       arrow=True)
        except (pyogrio.errors.DataLayerError, pyogrio.errors.DataSourceError) as error:
            raise ValidationError(f"{name} has no street graph (no street_nodes and "
                                  "street_edges layers): make the project from an "
                                  "OpenStreetMap extract with 'quartier new --osm'.") from error
        if not len(nodes) or not len(edges):
            raise ValidationError(f"The street graph of {name} is empty: the area has no "
                                  "mapped streets or paths to route along.")
        crs = project.metadata.working_crs or "EPSG:3857"
        to_metres = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
        to_lonlat = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)

        node_ids = nodes["osmid"].to_numpy(dtype=np.int64)
        order = np.argsort(node_ids, kind="stable")
        node_ids = node_ids[order]
        lonlat = shapely.get_coordinates(nodes.geometry.values)[order]
        node_xy = np.column_stack(to_metres.transform(lonlat[:, 0], lonlat[:, 1]))

        u = edges["u"].to_numpy(dtype=np.int64)
        v = edges["v"].to_numpy(dtype=np.int64)
        length = edges["length"].to_numpy(dtype=np.float64)
        lines = edges.geometry.values
        ui = _lookup(node_ids, u)
        vi = _lookup(node_ids, v)
        known = ((ui >= 0) & (vi >= 0) & (shapely.get_num_coordinates(np.asarray(lines)) >= 2)
                 & np.isfinite(length))
        # Both directions of a two-way street are stored: keep each segment once.
        low, high = np.minimum(ui, vi), np.maximum(ui, vi)
        millimetres = np.round(np.where(np.isfinite(length), length, 0) * 1000).astype(np.int64)
        candidates = np.flatnonzero(known)
        order = np.lexsort((millimetres[candidates], high[candidates], low[candidates]))
        ranked = candidates[order]
        first = np.r_[True, (np.diff(low[ranked]) != 0) | (np.diff(high[ranked]) != 0)
                      | (np.diff(millimetres[ranked]) != 0)]
        kept = np.sort(ranked[first])
        edge_lines = np.asarray(lines)[kept]
        coords, owner = shapely.get_coordinates(edge_lines, return_index=True)
        coords_m = np.column_stack(to_metres.transform(coords[:, 0], coords[:, 1]))
        offsets = np.searchsorted(owner, np.arange(len(kept) + 1))
        edge_lines_m = shapely.linestrings(coords_m, indices=owner)
        step = np.r_[0.0, np.hypot(*np.diff(coords_m, axis=0).T)]
        step[offsets[:-1]] = 0.0
        along_m = np.cumsum(step)
        along_m -= np.repeat(along_m[offsets[:-1]], np.diff(offsets))
        # Each line in metres runs from edge_u to edge_v.
        starts = coords_m[offsets[:-1]]
        ui, vi = ui[kept], vi[kept]
        backwards = (np.hypot(*(starts - node_xy[vi]).T) < np.hypot(*(starts - node_xy[ui]).T))
        ui, vi = np.where(backwards, vi, ui), np.where(backwards, ui, vi)
        return cls(node_ids=node_ids, node_xy=node_xy, edge_u=ui, edge_v=vi,
                   edge_length=length[kept], edge_lines=edge_lines, edge_lines_m=edge_lines_m,
                   crs=crs, to_metres=to_metres, to_lonlat=to_lonlat, coords_m=coords_m,
                   offsets=offsets, along_m=along_m)

    def line_coords(self, segment: int) -> np.ndarray:
        """The vertices (metres) of one segment, from ``edge_u`` to ``edge_v``."""
        return self.coords_m[self.offsets[segment]:self.offsets[segment + 1]]

    def metres(self, lonlat: np.ndarray) -> np.ndarray:
        """(x, y) in metres of (lon, lat) points."""
        lonlat = np.asarray(lonlat, dtype=np.float64).reshape(-1, 2)
        return np.column_stack(self.to_metres.transform(lonlat[:, 0], lonlat[:, 1]))

    def lonlat(self, xy: np.ndarray) -> np.ndarray:
        """(lon, lat) of points in metres."""
        xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
        return np.column_stack(self.to_lonlat.transform(xy[:, 0], xy[:, 1]))


def _lookup(sorted_ids: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Index of each wanted id in ``sorted_ids``, -1 when absent."""
    if not len(sorted_ids):
        return np.full(len(wanted), -1, dtype=np.int64)
    at = np.clip(np.searchsorted(sorted_ids, wanted), 0, len(sorted_ids) - 1)
    return np.where(sorted_ids[at] == wanted, at, -1)


# ------------------------------------------------------------------------------ snapping


@dataclass
class Snapped:
    """Where points join the street graph."""

    #: (x, y) of each point, metres.
    point_xy: np.ndarray
    #: Segment each point snapped to, -1 when none is within reach.
    edge: np.ndarray
    #: (x, y) of the snap point on that segment, metres.
    snap_xy: np.ndarray
    #: Straight distance from the point to its snap point, metres.
    distance_m: np.ndarray
    #: Fraction of the segment (from ``edge_u``) before the snap point, 0-1.
    fraction: np.ndarray

    @property
    def snapped(self) -> np.ndarray:
        """Which points reached a street."""
        return self.edge >= 0


def snap(network: StreetNetwork, lonlat: np.ndarray, usable: np.ndarray | None = None,
         max_distance_m: float = MAX_SNAP_M) -> Snapped:
    """Snap (lon, lat) points to the nearest point of the nearest usable segment.

    One ``STRtree.query_nearest`` over all points at once; points with no usable
    segment within ``max_distance_m`` get ``edge = -1``.
    """
    xy = network.metres(lonlat)
    count = len(xy)
    usable_index = (np.arange(len(network.edge_u)) if usable is None
                    else np.flatnonzero(usable))
    edge = np.full(count, -1, dtype=np.int64)
    snap_xy = np.full((count, 2), np.nan)
    distance = np.full(count, np.inf)
    fraction = np.zeros(count)
    if count and len(usable_index):
        points = shapely.points(xy)
        tree = STRtree(network.edge_lines_m[usable_index])
        # GEOS searches faster with no limit (measured: 0.15 s against 0.37 s for 7k
        # buildings at 500 m); the far ones are dropped after.
        (which, found), gap = tree.query_nearest(points, return_distance=True,
                                                 all_matches=False)
        near = gap <= max_distance_m
        which, found, gap = which[near], found[near], gap[near]
        chosen = usable_index[found]
        lines = network.edge_lines_m[chosen]
        along = shapely.line_locate_point(lines, points[which], normalized=True)
        edge[which] = chosen
        fraction[which] = np.nan_to_num(along)
        snap_xy[which] = shapely.get_coordinates(
            shapely.line_interpolate_point(lines, fraction[which], normalized=True))
        distance[which] = gap
    return Snapped(point_xy=xy, edge=edge, snap_xy=snap_xy, distance_m=distance,
                   fraction=fraction)


# ------------------------------------------------------------------------------ hazards


class AvoidedZones:
    """The zones of a hazard layer in the classes to avoid, and what touches them."""

    def __init__(self, project: Project, hazard: str,
                 avoid: Iterable[HazardClass] = DEFAULT_AVOIDED) -> None:
        from mapping.hazard_store import list_hazard_layers, read_hazard_raster, read_hazard_vector

        self.classes = frozenset(HazardClass(code) for code in avoid) - {HazardClass.NONE}
        if not self.classes:
            raise ValidationError("--avoid names no hazard class: use low, medium or high "
                                  "(for example --avoid medium,high).")
        known = {layer.name: layer for layer in list_hazard_layers(project)}
        if hazard not in known:
            listed = ", ".join(known) or "none yet (add one with 'quartier hazard add')"
            raise ValidationError(f"{project.path.name} has no hazard layer named {hazard}; "
                                  f"its hazard layers are: {listed}.")
        self.name = hazard
        self.info = known[hazard]
        codes = np.array(sorted(int(c) for c in self.classes))
        if self.info.kind == "raster":
            zones = _cell_outlines(read_hazard_raster(project, hazard), codes)
        else:
            frame = read_hazard_vector(project, hazard)
            classes = frame["hazard_class"].to_numpy(dtype=np.int64, na_value=0)
            zones = np.asarray(frame.geometry.values)[np.isin(classes, codes)]
            zones = shapely.make_valid(zones[~shapely.is_missing(zones) & ~shapely.is_empty(zones)])
        #: The avoided zones (WGS84 polygons; for a raster, its avoided cells merged).
        self.zones = zones
        self._tree = STRtree(self.zones)

    def touches(self, geometries: np.ndarray) -> np.ndarray:
        """Which WGS84 geometries (lines, points) touch an avoided zone."""
        geometries = np.asarray(geometries, dtype=object)
        hit = np.zeros(len(geometries), dtype=bool)
        if len(geometries) and len(self.zones):
            which, _ = self._tree.query(geometries, predicate="intersects")
            hit[which] = True
        return hit


def _cell_outlines(raster: HazardRaster, codes: np.ndarray) -> np.ndarray:
    """The raster's cells in the avoided classes, as polygons (touching cells merged).

    A line is then tested against the cells exactly, rather than sampled along its
    length, where a street clipping the corner of a cell could slip between samples.
    """
    from rasterio.features import shapes

    avoided = np.isin(raster.classes, codes)
    if not avoided.any():
        return np.empty(0, dtype=object)
    outlines = [shapely.geometry.shape(geometry) for geometry, _value in shapes(
        avoided.astype(np.uint8), mask=avoided, transform=raster.transform)]
    return np.array(outlines, dtype=object)


def parse_avoid(text: str | None) -> frozenset[HazardClass]:
    """Classes typed as ``low,medium,high`` (default: the affected ones, medium and high)."""
    from layers.hazards import parse_hazard_class

    if text is None:
        return DEFAULT_AVOIDED
    classes = {parse_hazard_class(word) for word in text.split(",") if word.strip()}
    classes.discard(HazardClass.NONE)
    if not classes:
        raise ValidationError(f"--avoid {text!r} names no hazard class: use low, medium or "
                              "high (for example --avoid medium,high).")
    return frozenset(classes)


# ------------------------------------------------------------------------------ routing


@dataclass
class Reach:
    """Each origin's nearest destination over the street graph, from one Dijkstra pass."""

    #: Network distance from each origin to its nearest destination (inf: none reachable).
    distance_m: np.ndarray
    #: Index of that destination, -1 when none is reachable.
    destination: np.ndarray
    #: Graph node each origin enters the graph at (-1: along its own segment, or none).
    entry: np.ndarray
    #: Per origin: whether it enters at its segment's ``edge_v`` end (not ``edge_u``);
    #: the two are one node on a loop, where this says which way round.
    entry_at_v: np.ndarray
    #: Per graph node: the next node towards its nearest destination (scipy's
    #: predecessors; a destination's own node is ``node_count + its index``).
    toward: np.ndarray
    #: Per graph node: distance to its nearest destination.
    node_distance: np.ndarray
    #: Per graph node: index of its nearest destination, -1 when none.
    node_destination: np.ndarray
    #: Segment chosen between each pair of adjacent nodes: sorted keys and segment ids.
    pair_keys: np.ndarray
    pair_edges: np.ndarray


def nearest(network: StreetNetwork, origins: Snapped, destinations: Snapped,
            usable: np.ndarray | None = None) -> Reach:
    """Route every origin to its nearest destination with one multi-source Dijkstra.

    Each destination is a node of its own joined to both ends of its segment; the
    search starts from all of them at once (``min_only=True``) on the undirected
    graph, so every node learns its nearest destination, its distance and the next
    node on the way. An origin then takes the better of its segment's two ends, or
    goes straight along the segment when a destination is on the same one.
    """
    n = network.node_count
    segments = np.arange(len(network.edge_u)) if usable is None else np.flatnonzero(usable)
    segments = segments[network.edge_u[segments] != network.edge_v[segments]]
    length = np.maximum(network.edge_length, _TINY_M)
    a = np.minimum(network.edge_u[segments], network.edge_v[segments])
    b = np.maximum(network.edge_u[segments], network.edge_v[segments])
    w = length[segments]
    # The shortest segment between two nodes stands for all of them.
    order = np.lexsort((w, b, a))
    a, b, w, segments = a[order], b[order], w[order], segments[order]
    first = np.r_[True, (a[1:] != a[:-1]) | (b[1:] != b[:-1])]
    a, b, w, segments = a[first], b[first], w[first], segments[first]
    pair_keys = a * np.int64(n) + b

    reached = np.flatnonzero(destinations.snapped)
    d_edge = destinations.edge[reached]
    d_frac = destinations.fraction[reached]
    d_gap = destinations.distance_m[reached]
    virtual = n + reached
    rows = np.r_[a, b, virtual, network.edge_u[d_edge], virtual, network.edge_v[d_edge]]
    cols = np.r_[b, a, network.edge_u[d_edge], virtual, network.edge_v[d_edge], virtual]
    to_u = np.maximum(d_gap + d_frac * length[d_edge], _TINY_M)
    to_v = np.maximum(d_gap + (1 - d_frac) * length[d_edge], _TINY_M)
    weights = np.r_[w, w, to_u, to_u, to_v, to_v]
    size = n + len(destinations.edge)
    order = np.lexsort((weights, cols, rows))
    rows, cols, weights = rows[order], cols[order], weights[order]
    keep = np.r_[True, (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])]
    graph = csr_matrix((weights[keep], (rows[keep], cols[keep])), shape=(size, size))

    if len(reached):
        node_distance, toward, source = dijkstra(graph, directed=True, indices=virtual,
                                                 min_only=True, return_predecessors=True)
    else:
        node_distance = np.full(size, np.inf)
        toward = np.full(size, -9999, dtype=np.int32)
        source = np.full(size, -9999, dtype=np.int32)
    node_destination = np.where(source >= 0, source - n, -1)
    reach = Reach(distance_m=np.zeros(0), destination=np.zeros(0, dtype=np.int64),
                  entry=np.zeros(0, dtype=np.int64), entry_at_v=np.zeros(0, dtype=bool),
                  toward=toward[:n].astype(np.int64),
                  node_distance=node_distance[:n], node_destination=node_destination[:n],
                  pair_keys=pair_keys, pair_edges=segments)
    return assign(network, reach, origins, destinations)


def assign(network: StreetNetwork, reach: Reach, origins: Snapped,
           destinations: Snapped) -> Reach:
    """``reach`` with each of ``origins`` given its nearest destination, from the node
    distances one search found (any other points, a clicked one, without a new search)."""
    length = np.maximum(network.edge_length, _TINY_M)
    node_distance = reach.node_distance
    node_destination = reach.node_destination
    reached = np.flatnonzero(destinations.snapped)
    d_edge = destinations.edge[reached]
    d_frac = destinations.fraction[reached]
    d_gap = destinations.distance_m[reached]
    count = len(origins.edge)
    distance = np.full(count, np.inf)
    destination = np.full(count, -1, dtype=np.int64)
    entry = np.full(count, -1, dtype=np.int64)

    on = np.flatnonzero(origins.snapped)
    e = origins.edge[on]
    before = origins.distance_m[on] + origins.fraction[on] * length[e]
    after = origins.distance_m[on] + (1 - origins.fraction[on]) * length[e]
    via_u = before + node_distance[network.edge_u[e]]
    via_v = after + node_distance[network.edge_v[e]]
    take_v = via_v < via_u
    distance[on] = np.where(take_v, via_v, via_u)
    entry[on] = np.where(take_v, network.edge_v[e], network.edge_u[e])
    entry_at_v = np.zeros(count, dtype=bool)
    entry_at_v[on] = take_v
    destination[on] = node_destination[entry[on]]
    # A destination on the origin's own segment: straight along it. Pairs found by
    # sorting the destinations by segment (no loop over destinations).
    by_edge = np.argsort(d_edge, kind="stable")
    sorted_edges = d_edge[by_edge]
    low = np.searchsorted(sorted_edges, e, side="left")
    high = np.searchsorted(sorted_edges, e, side="right")
    pairs = high - low
    if pairs.any():
        who = np.repeat(on, pairs)
        k = by_edge[np.repeat(low, pairs) + np.arange(pairs.sum())
                    - np.repeat(np.cumsum(pairs) - pairs, pairs)]
        direct = (origins.distance_m[who] + d_gap[k]
                  + np.abs(origins.fraction[who] - d_frac[k]) * length[d_edge[k]])
        # The shortest pair per origin, then only where it beats the way through a node.
        order = np.lexsort((direct, who))
        who, k, direct = who[order], k[order], direct[order]
        first = np.r_[True, who[1:] != who[:-1]]
        who, k, direct = who[first], k[first], direct[first]
        better = direct < distance[who]
        distance[who[better]] = direct[better]
        destination[who[better]] = reached[k[better]]
        entry[who[better]] = -1
    unreached = ~np.isfinite(distance)
    destination[unreached] = -1
    entry[unreached] = -1
    return replace(reach, distance_m=distance, destination=destination, entry=entry,
                   entry_at_v=entry_at_v)


def route_lines(network: StreetNetwork, reach: Reach, origins: Snapped,
                destinations: Snapped, which: np.ndarray) -> np.ndarray:
    """The line (WGS84) each origin in ``which`` walks to its destination.

    From the origin straight to its street, along the streets (each segment's own
    shape) to the destination's street, then straight to the destination. Built for
    all routes at once: the part of a segment walked at each end (:func:`_pieces`),
    the whole segments between (:func:`_street_parts`), put in order by one sort.
    """
    which = np.asarray(which, dtype=np.int64)
    if not len(which):
        return np.empty(0, dtype=object)
    count = len(which)
    route = np.arange(count)
    target = reach.destination[which]
    entry = reach.entry[which]
    direct = entry < 0
    edge = origins.edge[which]
    d_edge = destinations.edge[target]
    middles = _street_parts(network, reach, which)
    # The origin's segment: to the entry node, or straight to a destination on it.
    first_stop = np.where(direct, destinations.fraction[target],
                          reach.entry_at_v[which].astype(float))
    first_coords, first_route = _pieces(network, edge, origins.fraction[which], first_stop)
    # The destination's segment, from the last node to the destination's snap point.
    via = np.flatnonzero(~direct)
    # The side the search came in by: the node's end, or on a loop the shorter way round.
    arrive = d_edge[via]
    loop = network.edge_u[arrive] == network.edge_v[arrive]
    at_v = np.where(loop, destinations.fraction[target[via]] > 0.5,
                    middles.last[via] == network.edge_v[arrive])
    last_coords, last_piece = _pieces(network, arrive, at_v.astype(float),
                                      destinations.fraction[target[via]])
    blocks = [(origins.point_xy[which], route),
              (first_coords, first_route),
              (middles.coords, np.repeat(route, np.diff(middles.offsets))),
              (last_coords, via[last_piece]),
              (destinations.point_xy[target], route)]
    coords = np.concatenate([xy for xy, _owner in blocks])
    owner = np.concatenate([owner for _xy, owner in blocks])
    block = np.concatenate([np.full(len(o), k) for k, (_xy, o) in enumerate(blocks)])
    order = np.lexsort((np.arange(len(owner)), block, owner))
    lonlat = network.lonlat(coords[order])
    return shapely.linestrings(lonlat, indices=owner[order])


def _pieces(network: StreetNetwork, segments: np.ndarray, start: np.ndarray,
            stop: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The parts of many segments from fraction ``start`` to ``stop`` (either way).

    Returns their vertices (metres) one piece after the other, and the piece each
    vertex belongs to.
    """
    count = len(segments)
    if not count:
        return np.zeros((0, 2)), np.zeros(0, dtype=np.int64)
    first = network.offsets[segments]
    sizes = network.offsets[segments + 1] - first
    piece = np.repeat(np.arange(count), sizes)
    within = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    index = np.repeat(first, sizes) + within
    along = network.along_m[index]
    total = network.along_m[first + sizes - 1]
    a, b = start * total, stop * total

    def point_at(distance: np.ndarray) -> np.ndarray:
        behind = np.bincount(piece, weights=along <= distance[piece], minlength=count)
        after = first + np.clip(behind.astype(np.int64), 1, sizes - 1)
        c0, c1 = network.along_m[after - 1], network.along_m[after]
        t = np.where(c1 > c0, (distance - c0) / np.where(c1 > c0, c1 - c0, 1), 0.0)
        p0, p1 = network.coords_m[after - 1], network.coords_m[after]
        return p0 + t[:, None] * (p1 - p0)

    low, high = np.minimum(a, b), np.maximum(a, b)
    inner = (along > low[piece]) & (along < high[piece])
    forward = a <= b
    rows = np.concatenate([np.arange(count), piece[inner], np.arange(count)])
    # Start point first, the vertices in walking order, end point last.
    rank = np.concatenate([np.full(count, -1), np.where(forward[piece[inner]], within[inner],
                                                        sizes[piece[inner]] - within[inner]),
                           np.full(count, np.iinfo(np.int64).max)])
    xy = np.concatenate([point_at(a), network.coords_m[index[inner]], point_at(b)])
    order = np.lexsort((rank, rows))
    return xy[order], rows[order]


@dataclass
class _StreetParts:
    """The street part of many routes: their vertices one after the other."""

    #: Vertices (metres) of every route's street part, route after route.
    coords: np.ndarray
    #: Where each route's part starts in ``coords`` (one more than routes).
    offsets: np.ndarray
    #: The last graph node of each route (the one next to its destination).
    last: np.ndarray


def _street_parts(network: StreetNetwork, reach: Reach, which: np.ndarray) -> _StreetParts:
    """Follow every route's chain of nodes at once (one numpy step per node along the
    longest route), then gather the segments' vertices in one indexing."""
    n = network.node_count
    node = np.where(reach.entry[which] >= 0, reach.entry[which], 0)
    active = np.flatnonzero(reach.entry[which] >= 0)
    step_route: list[np.ndarray] = []
    step_segment: list[np.ndarray] = []
    step_backward: list[np.ndarray] = []
    while len(active):
        here = node[active]
        there = reach.toward[here]
        going = (there >= 0) & (there < n)
        active, here, there = active[going], here[going], there[going]
        if not len(active):
            break
        keys = np.minimum(here, there) * np.int64(n) + np.maximum(here, there)
        segment = reach.pair_edges[np.searchsorted(reach.pair_keys, keys)]
        step_route.append(active)
        step_segment.append(segment)
        step_backward.append(network.edge_u[segment] != here)
        node[active] = there
    if step_route:
        route = np.concatenate(step_route)
        segment = np.concatenate(step_segment)
        backward = np.concatenate(step_backward)
    else:
        route = segment = np.zeros(0, dtype=np.int64)
        backward = np.zeros(0, dtype=bool)
    order = np.argsort(route, kind="stable")  # steps stay in walking order
    route, segment, backward = route[order], segment[order], backward[order]
    first, stop = network.offsets[segment], network.offsets[segment + 1]
    sizes = stop - first
    within = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    index = np.where(np.repeat(backward, sizes), np.repeat(stop - 1, sizes) - within,
                     np.repeat(first, sizes) + within)
    per_route = np.bincount(np.repeat(route, sizes), minlength=len(which))
    return _StreetParts(coords=network.coords_m[index],
                        offsets=np.r_[0, np.cumsum(per_route)], last=node)
