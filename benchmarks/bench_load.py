"""How fast, and how hungry, is loading an OpenStreetMap extract: Quartier against the others.

Run from the repository root::

    .venv/bin/python benchmarks/bench_load.py [--sizes 1,16,100] [--skip-osmnx-above 16]

For each size (copies of the Helsinki centre extract, see ``tile_osm.py``) every
contender runs in a fresh Python process with a time and a memory limit, so its
peak memory is its own: the larger of the child's ``ru_maxrss`` (from ``wait4``)
and the sampled resident memory of its process tree (``quartier new`` reads nodes
in a second process). ``seconds`` is the work timed inside the child after its
imports; ``process s`` is the whole process; ``CPU s`` is user + system time of
the process tree. A contender whose run is quick runs three times and the fastest
run is shown. The script prints a markdown table, then one summary per size
against Quartier's targets and why the feature counts differ. No contender
touches the network (sockets are disabled in the children).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import tile_osm  # noqa: E402

PYTHON = sys.executable
GDAL_LAYERS = ("points", "lines", "multipolygons")


@dataclass
class Run:
    """One contender on one input: what it took and what it produced."""

    #: Contender key (see ``CONTENDERS``).
    contender: str
    #: Number of copies of the extract in the input.
    size: int
    #: Input file name, or "" for rows that are not a run.
    input: str = ""
    #: Work time measured inside the child, after its imports.
    seconds: float | None = None
    #: Wall time of the whole child process, interpreter start and imports included.
    process_seconds: float | None = None
    #: Peak resident memory of the child (and its own children), MB.
    peak_mb: float | None = None
    #: CPU time of the child and its children, user + system.
    cpu_seconds: float | None = None
    #: Cores kept busy by other programs on the machine while the child ran (noise).
    others_cores: float | None = None
    buildings: int | None = None
    roads: int | None = None
    other: int | None = None
    #: "ok", "failed", "timeout", "memory", "not run" or "sum".
    status: str = "ok"
    note: str = ""
    #: Extra figures a child reports (graph size, per-layer counts).
    extra: dict = field(default_factory=dict)


#: key -> (label in the table, input suffix, complete variant?, runner in the child).
CONTENDERS: dict[str, tuple[str, str, bool, str]] = {
    "quartier_pbf": ("quartier new", ".osm.pbf", False, "quartier"),
    "quartier_xml": ("quartier new", ".osm", False, "quartier"),
    "quartier_complete": ("quartier new", ".osm", True, "quartier"),
    "osmnx_features": ("osmnx.features_from_xml", ".osm", True, "osmnx_features"),
    "osmnx_graph": ("osmnx.graph_from_xml", ".osm", True, "osmnx_graph"),
    "gdal": ("GDAL OSM driver via pyogrio (points, lines, multipolygons)", ".osm.pbf", False,
             "gdal"),
    "pyosmium": ("pyosmium pass: locations + areas + WKB", ".osm.pbf", False, "pyosmium"),
    "osmnx_features_clipped": ("osmnx.features_from_xml", ".osm", False, "osmnx_features"),
    "osmnx_graph_clipped": ("osmnx.graph_from_xml", ".osm", False, "osmnx_graph"),
}
OSMNX = ("osmnx_features", "osmnx_graph")
CLIPPED_CHECKS = ("osmnx_features_clipped", "osmnx_graph_clipped")


# --------------------------------------------------------------------------- children


def _no_network() -> None:
    """Make any socket connection fail at once: no contender may reach the network."""
    import socket

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError("benchmark: network access is disabled")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]


def _child_quartier(path: Path) -> dict:
    import io

    import pyogrio

    import mapping.build  # noqa: F401  (imported before the clock starts, like the others)
    from desktop import cli

    out = tile_osm.WORK_DIR / "out" / (path.name.replace(".", "_") + ".gpkg")
    out.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(["new", str(out), "--osm", str(path), "--force"])
    seconds = time.perf_counter() - start
    if code:
        raise SystemExit(f"quartier new exited with {code}")
    counts = {layer: pyogrio.read_info(out, layer=layer)["features"]
              for layer in pyogrio.list_layers(out)[:, 0]}
    out.unlink()
    other = sum(counts.get(name, 0) for name in ("pois", "water", "landuse", "places"))
    return dict(seconds=seconds, buildings=counts["buildings"], roads=counts["roads"],
                other=other, extra={"street_nodes": counts["street_nodes"],
                                    "street_edges": counts["street_edges"]},
                note=f"+ street graph {counts['street_nodes']:,} nodes / "
                     f"{counts['street_edges']:,} edges; GeoPackage written")


def _osmnx():
    import osmnx

    osmnx.settings.use_cache = False
    osmnx.settings.log_console = False
    osmnx.settings.log_file = False
    return osmnx


def _child_osmnx_features(path: Path) -> dict:
    from layers.osm_definitions import INTERESTING_KEYS

    osmnx = _osmnx()
    tags: dict = dict.fromkeys(INTERESTING_KEYS, True)
    start = time.perf_counter()
    frame = osmnx.features_from_xml(path, tags=tags)
    seconds = time.perf_counter() - start
    element = frame.index.get_level_values("element")
    building = frame["building"].notna() & (frame["building"] != "no")
    lines = frame.geom_type.isin(["LineString", "MultiLineString"])
    road = frame["highway"].notna() & (element == "way") & lines & ~building
    return dict(seconds=seconds, buildings=int(building.sum()), roads=int(road.sum()),
                other=int(len(frame) - building.sum() - road.sum()),
                extra={"building_nodes": int((building & (element == "node")).sum()),
                       "building_lines": int((building & lines).sum())},
                note=f"tags: the {len(tags)} keys Quartier reads")


def _child_osmnx_graph(path: Path) -> dict:
    osmnx = _osmnx()
    start = time.perf_counter()
    graph = osmnx.graph_from_xml(path, retain_all=True)
    seconds = time.perf_counter() - start
    on_streets = sum(1 for _u, _v, data in graph.edges(data=True) if "highway" in data)
    return dict(seconds=seconds, extra={"nodes": len(graph), "edges": graph.number_of_edges()},
                note=f"graph {len(graph):,} nodes / {graph.number_of_edges():,} edges, of which "
                     f"{on_streets:,} on highway ways (it makes edges of every way)")


def _child_gdal(path: Path) -> dict:
    import warnings

    import pyogrio

    warnings.filterwarnings("ignore", category=RuntimeWarning)
    start = time.perf_counter()
    frames = {layer: pyogrio.read_dataframe(path, layer=layer, on_invalid="ignore")
              for layer in GDAL_LAYERS}
    seconds = time.perf_counter() - start
    polygons, lines = frames["multipolygons"], frames["lines"]
    buildings = int((polygons["building"].notna() & (polygons["building"] != "no")).sum())
    roads = int(lines["highway"].notna().sum())
    total = sum(len(frame) for frame in frames.values())
    invalid = sum(int(frame.geometry.isna().sum()) for frame in frames.values())
    sizes = ", ".join(f"{len(frame):,} {layer}" for layer, frame in frames.items())
    return dict(seconds=seconds, buildings=buildings, roads=roads,
                other=total - buildings - roads,
                note=f"{sizes}; {invalid:,} with an invalid geometry (kept as null)")


def _child_pyosmium(path: Path) -> dict:
    import osmium
    import osmium.filter

    wkb = osmium.geom.WKBFactory()
    counts = {"buildings": 0, "roads": 0, "other": 0}
    geometries: list[bytes] = []
    start = time.perf_counter()
    processor = (osmium.FileProcessor(str(path)).with_locations().with_areas()
                 .with_filter(osmium.filter.EmptyTagFilter()))
    for obj in processor:
        if obj.is_node():
            continue
        tags = obj.tags
        try:
            if obj.is_way():
                geometries.append(wkb.create_linestring(obj))
                kind = "roads" if "highway" in tags else "other"
            elif obj.is_area():
                geometries.append(wkb.create_multipolygon(obj))
                kind = "buildings" if tags.get("building", "no") != "no" else "other"
            else:
                continue
        except (osmium.InvalidLocationError, RuntimeError):
            continue
        counts[kind] += 1
    seconds = time.perf_counter() - start
    return dict(seconds=seconds, **counts,
                note="tagged ways as lines, every area (closed way or multipolygon) as WKB; "
                     "'roads' = every highway way")


def child_main(runner: str, path: Path, result: Path) -> int:
    """Run one contender on one input and write what it measured to ``result`` (JSON)."""
    _no_network()
    outcome = globals()[f"_child_{runner}"](path)
    result.write_text(json.dumps(outcome))
    return 0


# --------------------------------------------------------------------------- parent


def _process_tree(pid: int) -> list[int]:
    """A process and all its descendants (``quartier new`` reads nodes in a second one)."""
    tree = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as children:
                for child in children.read().split():
                    tree += _process_tree(int(child))
    except OSError:
        pass
    return tree


def _rss_mb(pid: int) -> float:
    """Resident memory of a process tree, MB."""
    total = 0
    for member in _process_tree(pid):
        try:
            with open(f"/proc/{member}/status") as status:
                total += next((int(line.split()[1]) for line in status
                               if line.startswith("VmRSS:")), 0)
        except OSError:
            pass
    return total / 1024


def _busy_cpu_seconds() -> float:
    """CPU time the whole machine has spent busy since boot, all cores."""
    with open("/proc/stat") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def wait_until_quiet(max_wait: float, threshold: float = 0.3) -> float:
    """Wait (up to ``max_wait`` s) until other programs use under ``threshold`` cores.

    Returns the cores they used in the last 2-second probe.
    """
    deadline = time.perf_counter() + max_wait
    while True:
        before = _busy_cpu_seconds()
        time.sleep(2)
        others = (_busy_cpu_seconds() - before) / 2
        if others < threshold or time.perf_counter() > deadline:
            return others


class _Watch:
    """Samples a child's process-tree memory; kills it past a time or memory limit."""

    def __init__(self, pid: int, timeout: float, memory_limit_mb: float) -> None:
        self.pid, self.timeout, self.limit = pid, timeout, memory_limit_mb
        self.start = time.perf_counter()
        self.peak_mb = 0.0
        self.killed = ""
        self.finished = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        # os.kill, not Popen.kill: Popen would reap the child before wait4 sees it.
        while not self.finished.wait(0.05):
            rss = _rss_mb(self.pid)
            self.peak_mb = max(self.peak_mb, rss)
            if time.perf_counter() - self.start > self.timeout:
                self.killed = "timeout"
            elif rss > self.limit:
                self.killed = "memory"
            else:
                continue
            for member in reversed(_process_tree(self.pid)):
                with contextlib.suppress(OSError):
                    os.kill(member, signal.SIGKILL)
            return

    def stop(self) -> None:
        self.finished.set()
        self.thread.join()


def run_contender(key: str, size: int, path: Path, timeout: float, memory_limit_mb: float) -> Run:
    """Run one contender in a fresh process, with a time and a memory limit.

    Peak memory is the larger of the child's ``ru_maxrss`` and the sampled resident
    memory of its whole process tree (``quartier new`` runs its node pass in a second
    process at the same time, which ``ru_maxrss`` would not add up).
    """
    runner = CONTENDERS[key][3]
    result = tile_osm.WORK_DIR / f"result-{os.getpid()}.json"
    result.unlink(missing_ok=True)
    log = tile_osm.WORK_DIR / f"{key}_x{size}.log"
    run = Run(contender=key, size=size, input=path.name)
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    busy_before = _busy_cpu_seconds()
    with log.open("w") as log_file:
        process = subprocess.Popen(
            [PYTHON, __file__, "--child", runner, str(path), str(result)],
            stdout=log_file, stderr=subprocess.STDOUT, env=env, cwd=tile_osm.WORK_DIR,
        )
        watch = _Watch(process.pid, timeout, memory_limit_mb)
        _pid, status, usage = os.wait4(process.pid, 0)
        watch.stop()
        process.returncode = os.waitstatus_to_exitcode(status)
    run.process_seconds = time.perf_counter() - watch.start
    run.peak_mb = max(usage.ru_maxrss / 1024, watch.peak_mb)
    run.cpu_seconds = usage.ru_utime + usage.ru_stime
    others = (_busy_cpu_seconds() - busy_before - run.cpu_seconds) / run.process_seconds
    run.others_cores = max(0.0, others)
    if watch.killed:
        run.status = watch.killed
        run.note = (f"killed after {timeout:.0f} s" if run.status == "timeout"
                    else f"killed above {memory_limit_mb / 1024:.0f} GB resident")
    elif process.returncode != 0 or not result.exists():
        run.status = "failed"
        lines = [line for line in log.read_text().splitlines() if line.strip()]
        run.note = "fails: " + (lines[-1] if lines else f"exit code {process.returncode}")
    else:
        outcome = json.loads(result.read_text())
        for name in ("seconds", "buildings", "roads", "other", "note", "extra"):
            if name in outcome:
                setattr(run, name, outcome[name])
        result.unlink()
    return run


def best_of(runs: list[Run]) -> Run:
    """The fastest run (other programs on a shared machine only ever slow a run down)."""
    done = sorted((r for r in runs if r.status == "ok"), key=lambda r: r.seconds or 0.0)
    if not done:
        return runs[-1]
    chosen = done[0]
    # Memory is not slowed by other programs; keep the largest peak seen, to be safe.
    chosen.peak_mb = max(r.peak_mb or 0.0 for r in done)
    if len(runs) > 1:
        times = ", ".join(f"{r.seconds:.2f}" for r in runs)
        chosen.note += f" (fastest of {len(runs)} runs: {times} s)"
    return chosen


def osmnx_sum(runs: list[Run], size: int) -> Run | None:
    """Both osmnx readers together: times added, peak = the larger (each ran alone)."""
    parts = {r.contender: r for r in runs if r.size == size and r.contender in OSMNX}
    if len(parts) < 2 or any(p.status != "ok" for p in parts.values()):
        return None
    features, graph = parts["osmnx_features"], parts["osmnx_graph"]
    return Run(contender="osmnx_sum", size=size, input=features.input,
               seconds=features.seconds + graph.seconds,
               process_seconds=features.process_seconds + graph.process_seconds,
               cpu_seconds=features.cpu_seconds + graph.cpu_seconds,
               peak_mb=max(features.peak_mb, graph.peak_mb), buildings=features.buildings,
               roads=features.roads, other=features.other, status="sum",
               note="time added, peak memory = the larger of the two (each in its own process)")


def extrapolate(runs: list[Run], key: str, size: int) -> Run:
    """A 'not run' row with time and memory extrapolated linearly from the sizes measured."""
    measured = sorted((r for r in runs if r.contender == key and r.status in ("ok", "sum")),
                      key=lambda r: r.size)
    run = Run(contender=key, size=size, status="not run")
    if len(measured) < 2:
        run.note = "not run (too big for this machine's budget; no two sizes to extrapolate from)"
        return run
    a, b = measured[-2], measured[-1]

    def line(x_a: float, x_b: float) -> float:
        return x_b + (x_b - x_a) / (b.size - a.size) * (size - b.size)

    run.seconds = line(a.seconds, b.seconds)
    run.peak_mb = line(a.peak_mb, b.peak_mb)
    run.note = (f"not run (would need ~{run.peak_mb / 1024:.0f} GB and "
                f"~{run.seconds / 60:.0f} min, extrapolated from {a.size}x and {b.size}x)")
    return run


def _fmt(value: float | int | None, digits: int = 0) -> str:
    if value is None:
        return "—"
    return f"{value:,.{digits}f}" if isinstance(value, float) else f"{value:,}"


def _label(run: Run) -> str:
    if run.contender == "osmnx_sum":
        return "**osmnx, both readers**"
    label, _suffix, complete, _runner = CONTENDERS[run.contender]
    where = "complete " if complete else ("clipped " if run.contender in CLIPPED_CHECKS else "")
    suffix = CONTENDERS[run.contender][1]
    return f"{label} ({where}{suffix})"


def markdown_table(runs: list[Run]) -> str:
    """The results as a markdown table, one row per run."""
    rows = ["| contender (input) | size | seconds | process s | CPU s | peak MB | buildings "
            "| roads | other features | notes |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for run in runs:
        shown = run.status in ("ok", "sum")
        estimate = run.status == "not run" and run.seconds is not None
        seconds = (f"~{_fmt(run.seconds)}" if estimate
                   else _fmt(run.seconds, 1 if (run.seconds or 0) < 100 else 0) if shown else "—")
        peak = f"~{_fmt(run.peak_mb)}" if estimate else _fmt(run.peak_mb)
        note = run.note
        if (run.others_cores or 0) > 0.25:
            note += f" [machine shared: other programs used ~{run.others_cores:.1f} cores]"
        rows.append(
            f"| {_label(run)} | {run.size}x | {seconds} | "
            f"{_fmt(run.process_seconds, 1) if shown else '—'} | "
            f"{_fmt(run.cpu_seconds, 1) if shown else '—'} | {peak} | "
            f"{_fmt(run.buildings)} | {_fmt(run.roads)} | {_fmt(run.other)} | {note} |"
        )
    return "\n".join(rows)


# --------------------------------------------------------------------------- summary


def diagnose(path: Path) -> dict[str, int]:
    """Count the input's objects that the readers treat differently (the causes of count gaps)."""
    import osmium

    counts = dict.fromkeys(
        ("building_nodes", "building_ways_clipped", "building_relations_clipped",
         "building_way_is_relation_outline", "building_no", "highway_area_yes",
         "highway_closed_platform", "highway_too_few_nodes"), 0)
    clipped_ways: set[int] = set()
    building_ways: set[int] = set()
    way_ids: set[int] = set()
    # Untagged ways matter too (relation members), so nothing is filtered out.
    for obj in osmium.FileProcessor(str(path)).with_locations():
        tags = obj.tags
        building = tags.get("building")
        if obj.is_node():
            counts["building_nodes"] += building not in (None, "no")
            continue
        counts["building_no"] += building == "no"
        if obj.is_way():
            way_ids.add(obj.id)
            inside = sum(1 for node in obj.nodes if node.location.valid())
            if inside < len(obj.nodes):
                clipped_ways.add(obj.id)
            closed = len(obj.nodes) > 2 and obj.nodes[0].ref == obj.nodes[-1].ref
            if building not in (None, "no"):
                building_ways.add(obj.id)
                counts["building_ways_clipped"] += obj.id in clipped_ways and closed
            if "highway" in tags:
                counts["highway_too_few_nodes"] += inside < 2
                counts["highway_area_yes"] += tags.get("area") == "yes"
                counts["highway_closed_platform"] += closed and tags.get("area") != "yes" and (
                    tags.get("highway") == "platform" or tags.get("public_transport") == "platform")
        elif building not in (None, "no") and tags.get("type") == "multipolygon":
            members = [m.ref for m in obj.members if m.type == "w"]
            counts["building_relations_clipped"] += any(
                ref not in way_ids or ref in clipped_ways for ref in members)
            counts["building_way_is_relation_outline"] += sum(
                1 for m in obj.members
                if m.type == "w" and m.role == "outer" and m.ref in building_ways)
    return counts


def _ratio_text(value: float, target: float, better_high: bool) -> str:
    met = value >= target if better_high else value <= target
    if met:
        return "**met**"
    short = target / value if better_high else value / target
    return f"**missed** by {short:.1f}x"


def summary(runs: list[Run], size: int, causes: dict[str, int]) -> str:
    """Quartier against its targets at one size, and why the counts differ."""
    by_key = {r.contender: r for r in runs if r.size == size}
    lines = [f"**{size}x**"]
    osmnx = by_key.get("osmnx_sum")
    estimated = osmnx is None or osmnx.status == "not run"
    if osmnx is None:
        parts = [by_key.get(key) for key in OSMNX]
        if all(p is not None and p.seconds is not None for p in parts):
            osmnx = Run("osmnx_sum", size, seconds=sum(p.seconds for p in parts),
                        peak_mb=max(p.peak_mb for p in parts))
    gdal = by_key.get("gdal")
    for key in ("quartier_complete", "quartier_xml", "quartier_pbf"):
        quartier = by_key.get(key)
        if quartier is None or quartier.status != "ok":
            continue
        what = _label(quartier)
        checks = []
        if osmnx is not None and osmnx.seconds:
            speed = osmnx.seconds / quartier.seconds
            memory = quartier.peak_mb / osmnx.peak_mb
            tag = " (osmnx extrapolated)" if estimated else ""
            checks.append(f"{speed:.1f}x faster than osmnx's two readers{tag} "
                          f"(target ≥ 20x: {_ratio_text(speed, 20, True)})")
            checks.append(f"peak memory {quartier.peak_mb:,.0f} MB = {memory:.2f} of osmnx's "
                          f"{osmnx.peak_mb:,.0f} MB "
                          f"(target ≤ 0.20: {_ratio_text(memory, 0.2, False)})")
        if gdal is not None and gdal.status == "ok" and key == "quartier_pbf":
            slower = quartier.seconds / gdal.seconds
            checks.append(f"{slower:.1f}x GDAL's read time {gdal.seconds:.1f} s "
                          f"(target ≤ 1.5x: {_ratio_text(slower, 1.5, False)})")
        if size >= 100 and key == "quartier_pbf" and quartier.peak_mb:
            checks.append(f"peak memory {quartier.peak_mb:,.0f} MB (target ≤ 1,200 MB: "
                          f"{_ratio_text(quartier.peak_mb, 1200, False)})")
        if checks:
            lines.append(f"- {what}, {quartier.seconds:.1f} s: " + "; ".join(checks) + ".")
    lines.append(_count_story(by_key, causes))
    return "\n".join(lines)


def _count_story(by_key: dict[str, Run], causes: dict[str, int]) -> str:
    quartier, gdal = by_key.get("quartier_pbf"), by_key.get("gdal")
    osmnx = by_key.get("osmnx_features")
    if quartier is None or quartier.status != "ok":
        return ""

    def gap(run: Run | None, name: str, what: str) -> str:
        if run is None or run.status != "ok":
            return ""
        value = getattr(run, what)
        return f", {name} {value:,} ({value - getattr(quartier, what):+,})"

    c = causes
    buildings = (
        f"- buildings: Quartier {quartier.buildings:,}{gap(gdal, 'GDAL', 'buildings')}"
        f"{gap(osmnx, 'osmnx (complete input)', 'buildings')}. The input has "
        f"{c['building_ways_clipped']:,} closed building ways and "
        f"{c['building_relations_clipped']:,} building multipolygons cut by the clip: Quartier "
        "drops them all (osmium's area assembly needs every node), GDAL draws the ways and some "
        "relations from the nodes inside, osmnx keeps the trimmed ways as polygons, or as "
        "lines once no longer closed; "
        f"{c['building_way_is_relation_outline']:,} building ways are also the outline of a "
        "building multipolygon (GDAL emits only the relation); osmnx also counts "
        f"{c['building_nodes']:,} building nodes (points); {c['building_no']:,} building=no."
    )
    roads = (
        f"- roads: Quartier {quartier.roads:,}{gap(gdal, 'GDAL', 'roads')}"
        f"{gap(osmnx, 'osmnx (complete input)', 'roads')}. "
        f"{c['highway_closed_platform']:,} closed highway=platform ways are road lines in "
        "Quartier but polygons in GDAL and osmnx (osmnx also polygonises highway=elevator); "
        f"{c['highway_area_yes']:,} area=yes highways are no roads in Quartier or GDAL, but "
        "osmnx returns the clipped ones as lines (no longer closed in the complete input); "
        f"{c['highway_too_few_nodes']:,} highway ways have < 2 nodes inside (dropped by all)."
    )
    return buildings + "\n" + roads


# --------------------------------------------------------------------------- main


def _plan(size: int, smallest: int, skip_osmnx_above: int) -> list[str]:
    keys = ["quartier_pbf", "quartier_xml"]
    if size <= skip_osmnx_above:
        keys += ["quartier_complete", *OSMNX]
    keys += ["gdal", "pyosmium"]
    if size == smallest:
        keys += list(CLIPPED_CHECKS)
    return keys


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table and the summaries."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,16,100", help="copies of the extract (1,16,100)")
    parser.add_argument("--skip-osmnx-above", type=int, default=16,
                        help="do not run osmnx above this size (it needs > 24 GB at 100x)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per contender")
    parser.add_argument("--memory-limit-gb", type=float, default=20,
                        help="kill a contender above this resident memory")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per contender when one run is quick; the fastest is shown")
    parser.add_argument("--repeat-under", type=float, default=30,
                        help="repeat a contender only if its first run took less (seconds)")
    parser.add_argument("--quiet-wait", type=float, default=0,
                        help="before each run, wait up to this many seconds for other programs "
                        "to leave the CPUs idle (for shared machines; default: do not wait)")
    parser.add_argument("--only", default="",
                        help="run only these contenders, comma-separated (keys: "
                        + ", ".join(CONTENDERS) + "); default: all that apply")
    parser.add_argument("--json", type=Path, default=tile_osm.WORK_DIR / "results.json",
                        help="also save the runs here")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    tile_osm.WORK_DIR.mkdir(parents=True, exist_ok=True)

    runs: list[Run] = []
    causes: dict[int, dict[str, int]] = {}
    began = time.perf_counter()
    for size in sizes:
        only = [key for key in args.only.split(",") if key]
        for key in _plan(size, sizes[0], args.skip_osmnx_above):
            if only and key not in only:
                continue
            _label_text, suffix, complete_refs, _runner = CONTENDERS[key]
            path = tile_osm.ensure_tiled(size, suffix, complete_refs=complete_refs)
            tries: list[Run] = []
            while len(tries) < args.repeat:
                if args.quiet_wait:
                    wait_until_quiet(args.quiet_wait)
                print(f"[{time.perf_counter() - began:6.0f} s] {size}x {key} on {path.name} ...",
                      file=sys.stderr, flush=True)
                run = run_contender(key, size, path, args.timeout, args.memory_limit_gb * 1024)
                print(f"         {run.status}: {_fmt(run.seconds, 2)} s, {_fmt(run.peak_mb)} MB"
                      f", others used {run.others_cores:.1f} cores", file=sys.stderr, flush=True)
                tries.append(run)
                if run.status != "ok" or (run.seconds or 0) > args.repeat_under:
                    break
            runs.append(best_of(tries))
        total = osmnx_sum(runs, size)
        if total is not None:
            runs.append(total)
        if size > args.skip_osmnx_above and not only:
            runs += [extrapolate(runs, key, size) for key in (*OSMNX, "osmnx_sum")]
        causes[size] = diagnose(tile_osm.ensure_tiled(size, ".osm.pbf"))

    print(markdown_table(runs))
    print()
    for size in sizes:
        print(summary(runs, size, causes[size]))
        print()
    print(f"Total time: {(time.perf_counter() - began) / 60:.1f} min", file=sys.stderr)
    args.json.write_text(json.dumps({"runs": [asdict(r) for r in runs], "causes": causes},
                                    indent=1))
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        sys.exit(child_main(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4])))
    sys.exit(main())
