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

import os
from concurrent.futures import ThreadPoolExecutor
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
    """The area within each walking time of each destination (see the module doc).

    The times are done shortest first, each area grown from the one before: only the
    pieces that were not whole segments already are widened and merged in. Merging the
    widened pieces (GEOS ``union_all``) is most of the work.
    """
    segments = (np.arange(len(network.edge_u)) if usable is None
                else np.flatnonzero(usable))
    length = np.maximum(network.edge_length[segments], 1e-9)
    u, v = network.edge_u[segments], network.edge_v[segments]
    reached = np.flatnonzero(targets.snapped)
    whole_before = np.zeros(0, dtype=np.int64)
    grown: dict[int, shapely.Geometry] = {}
    keys: list[tuple[int, int]] = []
    merged: list[shapely.Geometry] = []
    for limit in sorted(set(minutes)):
        metres = limit * 60.0 * walk_speed
        segment, start, stop, owner = _band_pieces(network, reach, targets, segments, length,
                                                   u, v, reached, metres)
        # Whole segments of the shorter time are in its area already.
        key = owner * np.int64(len(network.edge_u)) + segment
        new = ~np.isin(key, whole_before)
        whole_before = key[(start <= 0) & (stop >= 1)]
        coords, piece = segment_pieces(network, segment[new], start[new], stop[new])
        lines = (shapely.linestrings(coords, indices=piece) if len(coords)
                 else np.empty(0, dtype=object))
        lines = np.concatenate([lines, _legs(targets, reached, metres)])
        owner = np.concatenate([owner[new], reached])
        order = np.argsort(owner, kind="stable")
        found, first = np.unique(owner[order], return_index=True)
        chunks = np.split(lines[order], first[1:]) if len(found) else []
        # Each destination's pieces are widened and merged on one of a few threads
        # (GEOS runs without Python's lock).
        def grow(k: int, chunk: np.ndarray) -> shapely.Geometry:
            ring = _widen(chunk, buffer_m)
            return shapely.union(grown[k], ring) if k in grown else ring

        with ThreadPoolExecutor(max_workers=min(os.cpu_count() or 1, 4)) as pool:
            done = list(pool.map(grow, found.tolist(), chunks))
        grown.update(zip(found.tolist(), done, strict=True))
        for k in sorted(grown):
            keys.append((k, limit))
            merged.append(grown[k])
    polygons = np.array(merged, dtype=object)
    if zones is not None and len(zones.zones) and len(polygons):
        polygons = _cut(polygons, network, zones)
    area = shapely.area(polygons) / 1e4 if len(polygons) else np.zeros(0)
    lonlat = (shapely.transform(polygons, lambda xy: network.lonlat(xy)) if len(polygons)
              else polygons)
    return ServiceAreas(destination=np.array([k for k, _ in keys], dtype=np.int64),
                        minutes=np.array([limit for _, limit in keys], dtype=np.int64),
                        polygons=lonlat, area_ha=area)


def _widen(lines: np.ndarray, buffer_m: float) -> shapely.Geometry:
    """Street pieces (metres) widened by ``buffer_m`` and merged into one shape.

    Straightened within 0.5 m first: simpler shapes to widen and merge, the same
    ground. (Joining them end to end with GEOS's line merger first loses pieces that
    share both ends with another: 1 % of a service area on Kibera.)
    """
    return shapely.union_all(shapely.buffer(shapely.simplify(lines, 0.5), buffer_m,
                                            quad_segs=4))


def _band_pieces(network: StreetNetwork, reach: Reach, targets: Snapped, segments: np.ndarray,
                 length: np.ndarray, u: np.ndarray, v: np.ndarray, reached: np.ndarray,
                 metres: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The street pieces within ``metres`` of a destination: segment, start and stop
    fractions (from ``edge_u``), and the destination each belongs to."""
    left_u = metres - reach.node_distance[u]
    left_v = metres - reach.node_distance[v]
    from_u = (reach.node_destination[u] >= 0) & (left_u > 0)
    from_v = (reach.node_destination[v] >= 0) & (left_v > 0)
    # Each destination's own segment, both ways from its snap point.
    edge = targets.edge[reached]
    left = metres - targets.distance_m[reached]
    near = left >= 0
    share = left[near] / np.maximum(network.edge_length[edge[near]], 1e-9)
    fraction = targets.fraction[reached][near]
    return (np.concatenate([segments[from_u], segments[from_v], edge[near]]),
            np.concatenate([np.zeros(from_u.sum()),
                            np.maximum(0.0, 1.0 - left_v[from_v] / length[from_v]),
                            np.maximum(0.0, fraction - share)]),
            np.concatenate([np.minimum(1.0, left_u[from_u] / length[from_u]),
                            np.ones(from_v.sum()), np.minimum(1.0, fraction + share)]),
            np.concatenate([reach.node_destination[u][from_u],
                            reach.node_destination[v][from_v], reached[near]]))


def _legs(targets: Snapped, reached: np.ndarray, metres: float) -> np.ndarray:
    """The straight way from each destination to its street, as far as ``metres`` go."""
    gap = targets.distance_m[reached]
    part = np.minimum(1.0, metres / np.where(gap > 0, gap, 1.0))[:, None]
    start_xy = targets.point_xy[reached]
    end_xy = start_xy + part * (targets.snap_xy[reached] - start_xy)
    return shapely.linestrings(np.stack([start_xy, end_xy], axis=1))


def _cut(polygons: np.ndarray, network: StreetNetwork, zones: AvoidedZones) -> np.ndarray:
    """``polygons`` (metres) less the avoided zones they touch."""
    zones_m = shapely.transform(zones.zones, lambda xy: network.metres(xy))
    tree = shapely.STRtree(zones_m)
    which, zone = tree.query(polygons, predicate="intersects")
    out = polygons.copy()
    for k in np.unique(which):
        out[k] = shapely.difference(polygons[k], shapely.union_all(zones_m[zone[which == k]]))
    return out
