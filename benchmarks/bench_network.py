"""Evacuation and access for every building of a big project: scipy's one pass against networkx.

Run from the repository root::

    .venv/bin/python benchmarks/bench_network.py [--sizes 16] [--repeat 3]

The project is the Helsinki centre extract tiled N times (``tile_osm.py``) made into a
project by ``quartier new`` (``bench_export.ensure_project``, cached in
``benchmarks/_work``), copied to ``_work/network_x{N}.gpkg`` where 20 shelters
(``facility/shelter``, through ``EditSession``) and a storm-surge hazard (one 120 m
disc in each tile, class high, through ``hazard_store.add_hazard_layer``) are added.

Timed, in this one process, each the fastest of ``--repeat`` runs:

* **load**: reading and indexing the street graph (``StreetNetwork.from_project``) and
  the buildings' centroids (``Buildings.from_project``);
* **evacuate** (once loaded): ``evacuation.evacuate`` with the graph and buildings given:
  the hazard and shelters read, the segments touching a zone taken out, every building
  and shelter snapped, one ``scipy.sparse.csgraph.dijkstra(min_only=True)`` pass, each
  building's nearest shelter; **routes**: every route's line built and
  ``evacuation_routes`` written into the project; **service areas**: the 5, 10 and
  15 minutes' walk around each shelter built as polygons from the same search and
  ``evacuation_service_areas`` written;
* **access** (once loaded): ``access.access(kind="shelter")``, the same 20 places,
  no zone;
* **networkx**: ``networkx.multi_source_dijkstra_path_length`` from the same 20
  destination nodes on an ``nx.Graph`` built from the same arrays (same segments,
  same snapped points, so the answers must agree: the largest difference is printed),
  with the graph's building timed apart;
* **command**: ``quartier evacuate --json`` as a real process (interpreter start,
  imports and reading the project included), with and without ``--no-service-areas``.
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
SHELTERS = 20
HAZARD = "surge"


def prepare(size: int) -> Path:
    """The tiled project with 20 shelters and a hazard, made once and cached."""
    import geopandas as gpd
    import shapely
    from shapely.geometry import Point

    from layers.hazard_classes import HazardClass, HazardType
    from mapping import hazard_store
    from mapping.editing import EditSession
    from mapping.project import Project

    path = WORK / f"network_x{size}.gpkg"
    if path.exists():
        return path
    source = bench_export.ensure_project(size)
    partial = path.with_name(f".partial-{os.getpid()}-{path.name}")
    shutil.copy(source, partial)
    project = Project(partial)
    west, south, east, north = project.metadata.area_of_interest
    side = int(np.ceil(np.sqrt(size)))
    crs = project.metadata.working_crs
    # One disc in the middle of each copy of the centre.
    centres = [(west + (east - west) * (i + 0.5) / side, south + (north - south) * (j + 0.5) / side)
               for i in range(side) for j in range(side)][:size]
    discs = gpd.GeoSeries([Point(c) for c in centres], crs="EPSG:4326").to_crs(crs).buffer(
        120).to_crs("EPSG:4326")
    hazard_file = WORK / f"network_x{size}_surge.geojson"
    gpd.GeoDataFrame({"zone": range(len(discs))}, geometry=discs, crs="EPSG:4326").to_file(
        hazard_file)
    hazard_store.add_hazard_layer(project, hazard_file, HAZARD, hazard_type=HazardType.STORM_SURGE,
                                  single_class=HazardClass.HIGH)
    nodes = project.read_layer("street_nodes", columns=[])
    points = shapely.get_coordinates(nodes.geometry.values)
    outside = ~shapely.intersects(shapely.points(points), shapely.union_all(discs.values))
    chosen = np.random.default_rng(20).choice(np.flatnonzero(outside), SHELTERS, replace=False)
    with EditSession(partial, contributor="benchmark", mapping_session="shelters") as edit:
        for k, index in enumerate(sorted(chosen)):
            edit.add_feature("facilities", Point(points[index]), "facility/shelter",
                             {"name": f"Shelter {k + 1}", "capacity": "500"})
    os.replace(partial, path)
    return path


def best(repeat: int, work) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return min(times), result


def networkx_pass(network, result) -> tuple[float, float, np.ndarray]:
    """Build the same graph in networkx and run its multi-source Dijkstra; returns
    (build seconds, search seconds, distance per building)."""
    import networkx as nx

    start = time.perf_counter()
    n = network.node_count
    graph = nx.Graph()
    usable = np.flatnonzero(result.usable)
    for u, v, length in zip(network.edge_u[usable].tolist(), network.edge_v[usable].tolist(),
                            network.edge_length[usable].tolist(), strict=True):
        if u != v and (not graph.has_edge(u, v) or graph[u][v]["weight"] > length):
            graph.add_edge(u, v, weight=max(length, 1e-9))
    targets = result.targets
    sources = []
    for k in np.flatnonzero(targets.snapped).tolist():
        e = int(targets.edge[k])
        length = float(network.edge_length[e])
        f = float(targets.fraction[k])
        gap = float(targets.distance_m[k])
        graph.add_edge(n + k, int(network.edge_u[e]), weight=max(gap + f * length, 1e-9))
        graph.add_edge(n + k, int(network.edge_v[e]), weight=max(gap + (1 - f) * length, 1e-9))
        sources.append(n + k)
    built = time.perf_counter() - start
    start = time.perf_counter()
    found = nx.multi_source_dijkstra_path_length(graph, sources, weight="weight")
    node_distance = np.full(n, np.inf)
    reached = np.fromiter((k for k in found if k < n), dtype=np.int64)
    node_distance[reached] = [found[k] for k in reached.tolist()]
    origins = result.origins
    distance = np.full(len(origins.edge), np.inf)
    on = np.flatnonzero(origins.snapped)
    e = origins.edge[on]
    length = network.edge_length[e]
    via_u = origins.distance_m[on] + origins.fraction[on] * length + node_distance[
        network.edge_u[e]]
    via_v = origins.distance_m[on] + (1 - origins.fraction[on]) * length + node_distance[
        network.edge_v[e]]
    distance[on] = np.minimum(via_u, via_v)
    searched = time.perf_counter() - start
    return built, searched, distance


def run(size: int, repeat: int) -> list[tuple[str, str, str]]:
    from mapping.analysis import access, evacuation
    from mapping.analysis.network import StreetNetwork
    from mapping.project import Project

    path = prepare(size)
    project = Project(path)
    load_s, network = best(repeat, lambda: StreetNetwork.from_project(project))
    buildings_s, buildings = best(repeat, lambda: evacuation.Buildings.from_project(project))
    rows = [("load: street graph (StreetNetwork.from_project)", f"{load_s:.2f}",
             f"{network.node_count:,} nodes, {len(network.edge_u):,} segments "
             "(each two-way street once)"),
            ("load: building centroids", f"{buildings_s:.2f}",
             f"{len(buildings.fids):,} buildings")]
    evac_s, result = best(repeat, lambda: evacuation.evacuate(
        project, HAZARD, network=network, buildings=buildings))
    summary = result.summary()
    rows.append(("evacuate, once loaded (scipy, one pass)", f"{evac_s:.2f}",
                 f"{summary['routed']:,} routed, {summary['no_safe_route']:,} no safe route, "
                 f"{(~result.usable).sum():,} segments cut, {len(result.destinations)} shelters"))
    routes_s, routes = best(1, lambda: evacuation.write_routes(project, result))
    rows.append(("routes: lines built + evacuation_routes written", f"{routes_s:.2f}",
                 f"{len(routes):,} lines"))
    stranded_s, stranded = best(1, lambda: evacuation.write_no_safe_route(project, result))
    rows.append(("no safe route: reasons found + evacuation_no_safe_route written",
                 f"{stranded_s:.2f}", f"{stranded:,} buildings"))
    areas_s, areas = best(1, lambda: evacuation.write_service_areas(project, result))
    rows.append(("service areas: 5/10/15 min polygons built + evacuation_service_areas "
                 "written", f"{areas_s:.2f}", f"{len(areas.polygons)} polygons"))
    access_s, reach = best(repeat, lambda: access.access(
        project, "shelter", network=network, buildings=buildings))
    rows.append(("access --to shelter, once loaded (scipy, one pass)", f"{access_s:.2f}",
                 f"{np.isfinite(reach.distance_m).sum():,} reached"))
    built, searched, distance = networkx_pass(network, result)
    agree = np.array_equal(np.isfinite(distance), np.isfinite(result.length_m))
    finite = np.isfinite(distance)
    gap = float(np.max(np.abs(distance[finite] - result.length_m[finite]))) if finite.any() \
        else 0.0
    # The scipy evacuate pass also reads the hazard and snaps; compare the search alone too.
    core_s = _scipy_core(network, result, repeat)
    rows.append(("scipy dijkstra(min_only) + per-building choice alone", f"{core_s:.3f}",
                 "same graph and snapped points as networkx below"))
    rows.append(("networkx multi_source_dijkstra_path_length + per-building choice",
                 f"{searched:.2f}", f"graph built from the same arrays in {built:.2f} s "
                 f"(not counted); same answers: {agree}, largest difference {gap:.1e} m"))
    for extra, what in (([], "route, write, service areas"),
                        (["--no-service-areas"], "route, write; no service areas")):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", _COMMAND, "evacuate", str(path),
                               "--hazard", HAZARD, "--json", *extra], capture_output=True,
                              text=True, cwd=HERE.parent)
        command_s = time.perf_counter() - start
        note = ("exit 0" if done.returncode == 0
                else f"exit {done.returncode}: {done.stderr.strip()}")
        rows.append((f"quartier evacuate --json {' '.join(extra)}".strip()
                     + f" (a process: start, read, {what})", f"{command_s:.2f}", note))
    return rows


#: ``quartier`` as a process; through desktop/cli_network.py directly until it is wired
#: into desktop/cli.py.
_COMMAND = """
import sys
from desktop import cli
if "evacuate" in cli._parser()._subparsers._group_actions[0].choices:
    sys.exit(cli.main(sys.argv[1:]))
from desktop import cli_network
parser = cli._Parser(prog="quartier")
cli_network.add_commands(parser.add_subparsers(dest="command", required=True))
sys.exit(cli_network.run(parser.parse_args(sys.argv[1:])))
"""


def _scipy_core(network, result, repeat: int) -> float:
    from mapping.analysis.network import nearest

    seconds, _ = best(repeat, lambda: nearest(network, result.origins, result.targets,
                                              result.usable))
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="16", help="tiling factors, e.g. 1,16")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    for size in (int(s) for s in args.sizes.split(",")):
        rows = run(size, args.repeat)
        print(f"\n{size}x Helsinki, {SHELTERS} shelters\n")
        print("| step | seconds | notes |")
        print("|---|---:|---|")
        for step, seconds, note in rows:
            print(f"| {step} | {seconds} | {note} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
