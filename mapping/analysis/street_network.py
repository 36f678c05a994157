"""A project's street graph, read once from ``street_nodes`` and ``street_edges``.

The model, which the tests rebuild independently with networkx and shapely: the graph
is **undirected** (people walk both ways along a one-way street); each street segment
of ``street_edges`` counts once, with its stored ``length`` (metres on the sphere, as
osmnx computes them), its line kept both in WGS84 and in metres in the project's
working CRS, running from ``edge_u`` to ``edge_v``. Routing on it is in
:mod:`mapping.analysis.network`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely
from pyproj import Transformer

from layers.errors import ValidationError
from layers.i18n import tr
from layers.osm_definitions import BaseLayer
from mapping.project import Project
from mapping.store import LayerNotFoundError


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
        except LayerNotFoundError as error:
            raise ValidationError(tr("{project} has no street graph (no street_nodes and "
                                     "street_edges layers): make the project from an "
                                     "OpenStreetMap extract with 'quartier new --osm'.",
                                     project=name)) from error
        if not len(nodes) or not len(edges):
            raise ValidationError(tr("The street graph of {project} is empty: the area has "
                                     "no mapped streets or paths to route along.",
                                     project=name))
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
