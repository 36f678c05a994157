"""Level of service for every building of the 16x Helsinki project against 300 lines.

Run from the repository root::

    .venv/bin/python benchmarks/bench_service.py [--lines 300] [--repeat 3]

The project is the Helsinki centre extract tiled 16 times (``bench_export.ensure_project``,
cached in ``benchmarks/_work``), copied once to ``_work/service_x16_300.gpkg`` where
300 transport lines are drawn through ``EditSession``, reproducibly (seed 13): each is
the shortest street path (scipy Dijkstra on the project's own street graph) between
two random street nodes joined by streets and over 1 km apart in a straight line (the
16 copies of the centre are islands of 1.0 x 1.7 km, not joined), with a stop every
~400 m along it and both ends, and random waits (``interval`` 5-30 min, a morning-peak
``interval:06-09``, ``opening_hours Mo-Su 05:00-22:00``).

Timed, in this one process, each the fastest of ``--repeat`` runs:

* **load** (not counted in the goal): the street graph and the buildings' centroids;
* **service_level, once loaded**: lines and stops read, stops grouped into places,
  every building and stop snapped, two multi-source scipy Dijkstra passes (all stops,
  frequent stops), per-line bands, project totals; and again per 500 m grid cell;
* **scipy alone**: the two ``network.nearest`` searches on the same snapped points;
* **networkx**: ``networkx.multi_source_dijkstra_path_length`` from the same snapped
  stops (all, then frequent) on an ``nx.Graph`` built from the same arrays (its
  building timed apart), each building then taking the better end of its street, or
  straight along it to a stop on the same street: the counts within 400 m must agree,
  and the largest difference in metres is printed;
* **layers**: ``write_service_layers`` (buildings, stops, grid cells written);
* **command**: ``quartier service --json --no-layers`` as a real process.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import bench_export  # noqa: E402

WORK = bench_export.WORK
SIZE = 16
SEED = 13
WAITS = (5, 6, 8, 10, 12, 15, 20, 30)
STOP_SPACING_M = 400.0
#: Ends of a line at least this far apart in a straight line (metres). The 16 copies of
#: the centre are islands of 1.0 x 1.7 km, not joined by streets: a line stays in one.
FAR_APART_M = 1000.0


def prepare(count: int) -> Path:
    """The 16x project with ``count`` seeded lines along its streets, made once and cached."""
    import shapely
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import dijkstra

    from mapping.analysis.street_network import StreetNetwork
    from mapping.editing import EditSession
    from mapping.project import Project

    path = WORK / f"service_x{SIZE}_{count}.gpkg"
    if path.exists():
        return path
    source = bench_export.ensure_project(SIZE)
    partial = path.with_name(f".partial-{os.getpid()}-{path.name}")
    shutil.copy(source, partial)
    network = StreetNetwork.from_project(Project(partial))
    n = network.node_count
    # One segment per pair of nodes, the shortest (a sparse matrix would add the others).
    chosen = np.array(sorted(_pair_index(network).values()), dtype=np.int64)
    a, b = network.edge_u[chosen], network.edge_v[chosen]
    weight = network.edge_length[chosen] + 1e-9
    graph = csr_matrix((np.r_[weight, weight], (np.r_[a, b], np.r_[b, a])), shape=(n, n))
    rng = np.random.default_rng(SEED)
    made = 0
    start = time.perf_counter()
    with EditSession(partial, contributor="benchmark", mapping_session="lines") as edit:
        while made < count:
            first = int(rng.integers(n))
            distance, before = dijkstra(graph, indices=first, return_predecessors=True,
                                        limit=6000)
            gap = np.hypot(*(network.node_xy - network.node_xy[first]).T)
            far = np.flatnonzero(np.isfinite(distance) & (gap > FAR_APART_M))
            if not len(far):
                continue
            last = int(rng.choice(far))
            nodes = [last]
            while nodes[-1] != first:
                nodes.append(int(before[nodes[-1]]))
            xy = network.node_xy[nodes[::-1]]
            line_m = _along_streets(network, nodes[::-1]) or shapely.LineString(xy)
            count_stops = max(2, int(np.ceil(line_m.length / STOP_SPACING_M)) + 1)
            stops_m = shapely.line_interpolate_point(line_m, np.linspace(0, 1, count_stops),
                                                     normalized=True)
            line = shapely.LineString(network.lonlat(shapely.get_coordinates(line_m)))
            peak, usual = (int(v) for v in rng.choice(WAITS, 2))
            tags = {"ref": str(made + 1), "name": f"Line {made + 1}", "interval": str(usual),
                    "interval:06-09": str(peak), "opening_hours": "Mo-Su 05:00-22:00"}
            uuid = edit.add_feature("transport_lines", line, "transport_line/minibus", tags)
            for k, point in enumerate(network.lonlat(shapely.get_coordinates(stops_m))):
                edit.add_stop(uuid, shapely.Point(point), f"{made + 1}/{k + 1}",
                              sequence=k + 1)
            made += 1
            if made % 50 == 0:
                print(f"  {made} lines drawn ({time.perf_counter() - start:.0f} s)",
                      file=sys.stderr, flush=True)
    os.replace(partial, path)
    return path


def _along_streets(network, nodes: list[int]):
    """The line in metres along the streets' own shapes between consecutive nodes."""
    import shapely

    index = _pair_index(network)
    coords: list[np.ndarray] = []
    for u, v in zip(nodes, nodes[1:], strict=False):
        e = index.get((min(u, v), max(u, v)))
        if e is None:
            return None
        piece = network.line_coords(e)
        if network.edge_u[e] != u:
            piece = piece[::-1]
        coords.append(piece if not coords else piece[1:])
    return shapely.LineString(np.concatenate(coords))


_PAIRS: dict = {}


def _pair_index(network) -> dict:
    """(low node, high node) -> the shortest segment between them, built once."""
    if not _PAIRS:
        order = np.argsort(-network.edge_length)  # shortest written last, so it wins
        low = np.minimum(network.edge_u, network.edge_v)
        high = np.maximum(network.edge_u, network.edge_v)
        for e in order.tolist():
            if low[e] == high[e]:
                continue
            _PAIRS[(int(low[e]), int(high[e]))] = e
    return _PAIRS


def best(repeat: int, work) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result


def networkx_walks(network, origins, targets_all, targets_frequent
                   ) -> tuple[float, float, np.ndarray, np.ndarray]:
    """The same graph in networkx, searched from all stops then the frequent ones; returns
    (build seconds, search seconds, walk to a stop, walk to a frequent stop)."""
    import networkx as nx

    start = time.perf_counter()
    n = network.node_count
    graph = nx.Graph()
    for u, v, length in zip(network.edge_u.tolist(), network.edge_v.tolist(),
                            network.edge_length.tolist(), strict=True):
        if u != v and (not graph.has_edge(u, v) or graph[u][v]["weight"] > length):
            graph.add_edge(u, v, weight=max(length, 1e-9))
    built = time.perf_counter() - start

    def walk(targets) -> np.ndarray:
        sources = []
        added = []
        for k in np.flatnonzero(targets.snapped).tolist():
            e = int(targets.edge[k])
            length = float(network.edge_length[e])
            f = float(targets.fraction[k])
            gap = float(targets.distance_m[k])
            name = ("stop", k)
            graph.add_edge(name, int(network.edge_u[e]), weight=max(gap + f * length, 1e-9))
            graph.add_edge(name, int(network.edge_v[e]),
                           weight=max(gap + (1 - f) * length, 1e-9))
            sources.append(name)
            added.append(name)
        found = nx.multi_source_dijkstra_path_length(graph, sources, weight="weight")
        graph.remove_nodes_from(added)
        node_distance = np.full(n, np.inf)
        reached = np.fromiter((k for k in found if not isinstance(k, tuple)), dtype=np.int64)
        node_distance[reached] = [found[k] for k in reached.tolist()]
        distance = np.full(len(origins.edge), np.inf)
        on = np.flatnonzero(origins.snapped)
        e = origins.edge[on]
        length = network.edge_length[e]
        via_u = origins.distance_m[on] + origins.fraction[on] * length + node_distance[
            network.edge_u[e]]
        via_v = origins.distance_m[on] + (1 - origins.fraction[on]) * length + node_distance[
            network.edge_v[e]]
        distance[on] = np.minimum(via_u, via_v)
        # A stop on the building's own street: straight along it.
        on_edge: dict[int, list[int]] = {}
        for k in np.flatnonzero(targets.snapped).tolist():
            on_edge.setdefault(int(targets.edge[k]), []).append(k)
        for i in on.tolist():
            for k in on_edge.get(int(origins.edge[i]), ()):
                direct = (origins.distance_m[i] + targets.distance_m[k]
                          + abs(origins.fraction[i] - targets.fraction[k])
                          * network.edge_length[origins.edge[i]])
                distance[i] = min(distance[i], direct)
        return distance

    start = time.perf_counter()
    walk_all = walk(targets_all)
    walk_frequent = walk(targets_frequent)
    searched = time.perf_counter() - start
    return built, searched, walk_all, walk_frequent


def run(count: int, repeat: int) -> list[tuple[str, str, str]]:
    from mapping.analysis.network import nearest, snap
    from mapping.analysis.places import Buildings
    from mapping.analysis.service_level import service_level, write_service_layers
    from mapping.analysis.street_network import StreetNetwork
    from mapping.project import Project

    path = prepare(count)
    project = Project(path)
    load_s, network = best(repeat, lambda: StreetNetwork.from_project(project))
    buildings_s, buildings = best(repeat, lambda: Buildings.from_project(project))
    rows = [("load: street graph (not counted)", f"{load_s:.2f}",
             f"{network.node_count:,} nodes, {len(network.edge_u):,} segments"),
            ("load: building centroids (not counted)", f"{buildings_s:.2f}",
             f"{len(buildings.fids):,} buildings")]
    level_s, report = best(repeat, lambda: service_level(project, network=network,
                                                         buildings=buildings))
    totals = report.totals
    rows.append(("**service_level, once loaded** (scipy, two passes)", f"**{level_s:.2f}**",
                 f"{len(report.lines)} lines, {sum(x.stops for x in report.lines):,} stops at "
                 f"{report.stop_places:,} places ({report.frequent_places:,} frequent in "
                 f"{report.band}); {totals.within_walk:,} buildings within 400 m of a stop, "
                 f"{totals.within_walk_frequent:,} of a frequent one"))
    grid_s, gridded = best(repeat, lambda: service_level(project, by="grid", network=network,
                                                         buildings=buildings))
    rows.append(("service_level --by grid (500 m cells), once loaded", f"{grid_s:.2f}",
                 f"{len(gridded.areas)} cells; least served: "
                 f"{', '.join(a.name for a in gridded.least_served(3))}"))
    details = report.details
    assert details is not None
    places = details.places
    lonlat = places.stop_lonlat
    frequent_stop = details.place_frequent[places.place_of_stop]
    origins = snap(network, buildings.lonlat)
    targets_all, targets_frequent = snap(network, lonlat), snap(network, lonlat[frequent_stop])
    core_s, _ = best(repeat, lambda: (nearest(network, origins, targets_all),
                                      nearest(network, origins, targets_frequent)))
    rows.append(("scipy nearest() x2 alone (the two searches inside service_level)",
                 f"{core_s:.2f}", "same graph and snapped points as networkx below"))
    built, searched, walk_all, walk_frequent = networkx_walks(
        network, origins, targets_all, targets_frequent)
    same = (int((walk_all <= 400).sum()) == totals.within_walk
            and int((walk_frequent <= 400).sum()) == totals.within_walk_frequent)
    finite = np.isfinite(walk_all) & np.isfinite(details.walk_m)
    gap = float(np.max(np.abs(walk_all[finite] - details.walk_m[finite])))
    rows.append(("networkx multi_source_dijkstra_path_length x2 + per-building choice",
                 f"{searched:.2f}", f"graph built from the same arrays in {built:.2f} s (not "
                 f"counted), stops snapped by Quartier; same counts: {same}, largest "
                 f"difference {gap:.1e} m"))
    layers_s, written = best(1, lambda: write_service_layers(project, gridded))
    rows.append(("write_service_layers (buildings, stops, grid cells)", f"{layers_s:.2f}",
                 ", ".join(written)))
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "service", str(path), "--json",
                           "--no-layers"], capture_output=True, text=True, cwd=HERE.parent)
    command_s = time.perf_counter() - start
    rows.append(("quartier service --json --no-layers (a process: start, read, compute)",
                 f"{command_s:.2f}", "exit 0" if done.returncode == 0
                 else f"exit {done.returncode}: {done.stderr.strip()}"))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    rows = run(args.lines, args.repeat)
    print(f"\n{SIZE}x Helsinki, {args.lines} lines; load average "
          f"{', '.join(f'{v:.2f}' for v in os.getloadavg())}\n")
    print("| step | seconds | notes |")
    print("|---|---:|---|")
    for step, seconds, note in rows:
        print(f"| {step} | {seconds} | {note} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
