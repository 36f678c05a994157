"""Service areas: the ground within 5, 10, 15 minutes' walk of each shelter, as polygons.

Built from the one search that routed the buildings (:class:`network.Reach`), with no
new search: every usable street segment is walked from each of its ends as far as the
time left at that end allows (the node's distance to its nearest shelter), so a
segment is taken whole, in part from one end, or in parts from both; the shelter's
own segment is walked both ways from its snap point, and the straight way from the
shelter to its street is added. Each piece belongs to the shelter its end node is
nearest to, so the areas of two shelters meet where their walkers would part. The
pieces are widened by :data:`WALK_BUFFER_M` (people reach the street from their
doors), merged per shelter and time, and the avoided hazard zones cut out.

Areas are cumulative: the 10-minute area holds the 5-minute one. Their ``area_ha``
is measured in the project's working CRS (UTM: within 0.1 % of the ground).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from mapping.analysis.avoided_zones import AvoidedZones
from mapping.analysis.network import Reach, Snapped, segment_pieces
from mapping.analysis.street_network import StreetNetwork

#: Service areas are drawn for these walking times (minutes).
SERVICE_MINUTES = (5, 10, 15)
#: How far either side of a reached street its service area extends (metres): the
#: walk from a door to the street.
WALK_BUFFER_M = 40.0


@dataclass
class ServiceAreas:
    """One polygon per destination and walking time (missing when nothing is reached)."""

    #: Index of each polygon's destination.
    destination: np.ndarray
    #: Walking time of each polygon, minutes.
    minutes: np.ndarray
    #: The polygons, WGS84.
    polygons: np.ndarray
    #: Their areas, hectares.
    area_ha: np.ndarray


def service_areas(network: StreetNetwork, reach: Reach, targets: Snapped,
                  usable: np.ndarray | None, walk_speed: float,
                  minutes: tuple[int, ...] = SERVICE_MINUTES,
                  zones: AvoidedZones | None = None,
                  buffer_m: float = WALK_BUFFER_M) -> ServiceAreas:
    """The area within each walking time of each destination (see the module doc)."""
    segments = (np.arange(len(network.edge_u)) if usable is None
                else np.flatnonzero(usable))
    length = np.maximum(network.edge_length[segments], 1e-9)
    u, v = network.edge_u[segments], network.edge_v[segments]
    reached = np.flatnonzero(targets.snapped)
    parts: list[tuple[np.ndarray, ...]] = []
    legs: list[tuple[np.ndarray, ...]] = []
    for band, limit in enumerate(minutes):
        metres = limit * 60.0 * walk_speed
        left_u = metres - reach.node_distance[u]
        left_v = metres - reach.node_distance[v]
        from_u = (reach.node_destination[u] >= 0) & (left_u > 0)
        from_v = (reach.node_destination[v] >= 0) & (left_v > 0)
        parts.append((segments[from_u], np.zeros(from_u.sum()),
                       np.minimum(1.0, left_u[from_u] / length[from_u]),
                       reach.node_destination[u][from_u], np.full(from_u.sum(), band)))
        parts.append((segments[from_v], np.maximum(0.0, 1.0 - left_v[from_v] / length[from_v]),
                      np.ones(from_v.sum()), reach.node_destination[v][from_v],
                      np.full(from_v.sum(), band)))
        # Each destination's own segment, both ways from its snap point.
        edge = targets.edge[reached]
        left = metres - targets.distance_m[reached]
        near = left >= 0
        share = left[near] / np.maximum(network.edge_length[edge[near]], 1e-9)
        fraction = targets.fraction[reached][near]
        parts.append((edge[near], np.maximum(0.0, fraction - share),
                      np.minimum(1.0, fraction + share), reached[near],
                      np.full(near.sum(), band)))
        legs.append((reached, np.full(len(reached), band), np.full(len(reached), metres)))
    segment, start, stop, owner, band_of = (np.concatenate(column) for column in zip(*parts,
                                                                                     strict=True))
    coords, piece = segment_pieces(network, segment, start, stop)
    lines = shapely.linestrings(coords, indices=piece) if len(coords) else np.empty(0, object)
    # The straight way from each destination to its street, as far as the time allows.
    leg_owner, leg_band, leg_metres = (np.concatenate(column) for column in zip(*legs,
                                                                                strict=True))
    gap = targets.distance_m[leg_owner]
    part = np.minimum(1.0, leg_metres / np.where(gap > 0, gap, 1.0))[:, None]
    start_xy = targets.point_xy[leg_owner]
    end_xy = start_xy + part * (targets.snap_xy[leg_owner] - start_xy)
    leg_lines = shapely.linestrings(np.stack([start_xy, end_xy], axis=1))
    lines = np.concatenate([lines, leg_lines])
    owner = np.concatenate([owner, leg_owner])
    band_of = np.concatenate([band_of, leg_band])
    shapes = shapely.buffer(lines, buffer_m, quad_segs=4)
    group = band_of * np.int64(len(targets.edge)) + owner
    order = np.argsort(group, kind="stable")
    keys, first = np.unique(group[order], return_index=True)
    merged = [shapely.union_all(chunk) for chunk in np.split(shapes[order], first[1:])] \
        if len(keys) else []
    polygons = np.array(merged, dtype=object)
    if zones is not None and len(zones.zones) and len(polygons):
        polygons = _cut(polygons, network, zones)
    area = shapely.area(polygons) / 1e4 if len(polygons) else np.zeros(0)
    lonlat = (shapely.transform(polygons, lambda xy: network.lonlat(xy)) if len(polygons)
              else polygons)
    return ServiceAreas(destination=(keys % len(targets.edge)).astype(np.int64),
                        minutes=np.asarray(minutes, dtype=np.int64)[keys // len(targets.edge)],
                        polygons=lonlat, area_ha=area)


def _cut(polygons: np.ndarray, network: StreetNetwork, zones: AvoidedZones) -> np.ndarray:
    """``polygons`` (metres) less the avoided zones they touch."""
    zones_m = shapely.transform(zones.zones, lambda xy: network.metres(xy))
    tree = shapely.STRtree(zones_m)
    which, zone = tree.query(polygons, predicate="intersects")
    out = polygons.copy()
    for k in np.unique(which):
        out[k] = shapely.difference(polygons[k], shapely.union_all(zones_m[zone[which == k]]))
    return out
