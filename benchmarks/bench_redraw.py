"""Redraws close up on big data: full scans per redraw (before) against spatial indexes (after).

The same cases, views and redraw script as ``benchmarks/bench_render.py``
(16x Helsinki, 770,000 Jakarta buildings; 1920 x 1080), each run twice in its
own process: once with ``mapping.render.layer_cache.FULL_SCAN`` set (every
redraw tests the extent of every cell and every named feature, as before the
indexes) and once without. For each view the table gives the median and 90th
percentile of the scripted redraws, the first render arriving at the view's
scale, and the median of five zooms to scales never drawn before. Every image
drawn is hashed: the last column says whether both ways drew the same pixels.
The CPU columns are the drawing thread's own time; "of which labels" is the part
of it spent collecting, placing and writing names.

A second table times the bounding-box query itself on the real building
extents: a numpy scan of every box, the grid of
:class:`mapping.render.box_index.BoxIndex`, and shapely's STRtree.

Run ``.venv/bin/python benchmarks/bench_redraw.py`` (``--cases``, ``--runs N``
repeats each process and keeps the median of each figure).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_render as base  # noqa: E402  (the cases, views and script of the render benchmark)

CASES = ("helsinki_x16", "jakarta_x100")
MODES = ("full scan", "index")


def _digest(image) -> str:  # type: ignore[no-untyped-def]
    bits = image.constBits()
    return hashlib.md5(bytes(bits)).hexdigest()


def run_case(name: str, mode: str) -> dict:
    """One case drawn one way, in this process."""
    from PySide6.QtGui import QGuiApplication, QImage

    from mapping.project import Project
    from mapping.render import MapRenderer, MapView, layer_cache

    layer_cache.FULL_SCAN = mode == "full scan"
    labels_cpu = _time_labels()
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (keeps Qt alive)
    path = base.BUILDERS[name]()
    width, height = base.WIDTH, base.HEIGHT
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    start = time.perf_counter()
    renderer = MapRenderer(Project(path))
    full = MapView.fit(renderer.full_extent(), width, height)
    renderer.render(full, image)
    first_frame = time.perf_counter() - start
    digests = [_digest(image)]
    centre = base._dense_centre(renderer)
    rows = []
    for view_name, denominator in base.VIEWS.items():
        if denominator is None:
            view = full
        else:
            view = MapView(centre[0], centre[1], denominator * 0.0254 / 96.0, width, height)
        start_view = view
        labels_cpu[0] = 0.0
        t0, c0 = time.perf_counter(), time.thread_time()
        renderer.render(view, image)
        arrival = time.perf_counter() - t0
        arrival_cpu = time.thread_time() - c0
        arrival_labels = labels_cpu[0]
        digests.append(_digest(image))
        times, cpu, labels = [], [], []
        for step in base.SCRIPT:
            view = (view.panned(step[1], step[2]) if step[0] == "pan"
                    else view.zoomed(step[1], (step[2], step[3])))
            labels_cpu[0] = 0.0
            t0, c0 = time.perf_counter(), time.thread_time()
            renderer.render(view, image)
            times.append(time.perf_counter() - t0)
            cpu.append(time.thread_time() - c0)
            labels.append(labels_cpu[0])
            digests.append(_digest(image))
        fresh, fresh_cpu = [], []
        for k in range(1, 6):
            t0, c0 = time.perf_counter(), time.thread_time()
            renderer.render(start_view.zoomed(base.FRESH_STEP ** k), image)
            fresh.append(time.perf_counter() - t0)
            fresh_cpu.append(time.thread_time() - c0)
            digests.append(_digest(image))
        rows.append({"view": view_name, "arrival_ms": arrival * 1000,
                     "median_ms": statistics.median(times) * 1000,
                     "p90_ms": statistics.quantiles(times, n=10)[-1] * 1000,
                     "fresh_ms": statistics.median(fresh) * 1000,
                     "cpu_median_ms": statistics.median(cpu) * 1000,
                     "cpu_arrival_ms": arrival_cpu * 1000,
                     "cpu_fresh_ms": statistics.median(fresh_cpu) * 1000,
                     "labels_median_ms": statistics.median(labels) * 1000,
                     "labels_arrival_ms": arrival_labels * 1000,
                     "redraws_ms": [round(t * 1000, 1) for t in times]})
    out = {"case": name, "mode": mode, "first_frame_s": first_frame, "rows": rows,
           "digest": hashlib.md5("".join(digests).encode()).hexdigest()}
    if mode == "index":
        out["queries"] = query_table(renderer, centre)
    return out


def _time_labels() -> list[float]:
    """Count the render thread's CPU in label work (candidates, placement, drawing).

    The renderer's three label calls are wrapped; the returned one-item list
    holds the seconds spent in them since it was last set to zero.
    """
    from mapping.render import renderer as renderer_module

    spent = [0.0]

    def timed(function):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            c0 = time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[0] += time.thread_time() - c0
        return wrapper

    for name in ("layer_candidates", "place_labels", "draw_labels"):
        setattr(renderer_module, name, timed(getattr(renderer_module, name)))
    return spent


def query_table(renderer, centre: tuple[float, float]) -> list[dict]:  # type: ignore[no-untyped-def]
    """Time one bounding-box query of the buildings at each view: scan, grid, STRtree."""
    import numpy as np
    import shapely

    from mapping.render.box_index import BoxIndex

    bounds = renderer.layer_data("buildings").bounds
    t0 = time.perf_counter()
    grid = BoxIndex(bounds)
    grid_build = time.perf_counter() - t0
    finite = np.isfinite(bounds).all(axis=1)
    t0 = time.perf_counter()
    tree = shapely.STRtree(np.where(finite, shapely.box(*np.nan_to_num(bounds).T), None))
    tree_build = time.perf_counter() - t0
    rows = [{"view": "build", "scan_ms": 0.0, "grid_ms": grid_build * 1000,
             "strtree_ms": tree_build * 1000, "found": int(finite.sum())}]
    for view_name, denominator in base.VIEWS.items():
        if denominator is None:
            continue
        half_w = base.WIDTH * denominator * 0.0254 / 96.0 / 2
        half_h = base.HEIGHT * denominator * 0.0254 / 96.0 / 2
        extent = (centre[0] - half_w, centre[1] - half_h, centre[0] + half_w, centre[1] + half_h)
        b = bounds

        def scan(e=extent, b=b):  # type: ignore[no-untyped-def]
            return np.nonzero((b[:, 0] <= e[2]) & (b[:, 2] >= e[0]) & (b[:, 1] <= e[3])
                              & (b[:, 3] >= e[1]))[0]

        box = shapely.box(*extent)
        timed = {}
        for label, query in (("scan", scan), ("grid", lambda e=extent: grid.query(e)),
                             ("strtree", lambda box=box: np.sort(tree.query(box)))):
            laps = []
            for _ in range(20):
                t0 = time.perf_counter()
                found = query()
                laps.append(time.perf_counter() - t0)
            timed[label] = statistics.median(laps) * 1000
        rows.append({"view": view_name, "scan_ms": timed["scan"], "grid_ms": timed["grid"],
                     "strtree_ms": timed["strtree"], "found": len(found)})
    return rows


def _median_runs(runs: list[dict]) -> dict:
    """Figure by figure median of several runs of one case and mode."""
    first = runs[0]
    out = dict(first)
    out["first_frame_s"] = statistics.median(r["first_frame_s"] for r in runs)
    out["rows"] = [{k: (statistics.median(r["rows"][i][k] for r in runs)
                        if k not in ("view", "redraws_ms") else v)
                    for k, v in row.items()} for i, row in enumerate(first["rows"])]
    out["same_digest"] = all(r["digest"] == first["digest"] for r in runs)
    return out


def main(argv: list[str] | None = None) -> int:
    """Run each case both ways, each in its own process; print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated cases")
    parser.add_argument("--runs", type=int, default=1, help="processes per case and way")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)  # internal: case, mode
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_case(args.one[0], args.one[1])))
        return 0
    base.WORK.mkdir(parents=True, exist_ok=True)
    load = [os.getloadavg()[0]]
    results: dict[tuple[str, str], dict] = {}
    for name in args.cases.split(","):
        base.BUILDERS[name]()
        for mode in MODES:
            runs = []
            for _ in range(args.runs):
                done = subprocess.run([sys.executable, __file__, "--one", name, mode],
                                      check=True, capture_output=True, text=True, cwd=ROOT)
                runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
                load.append(os.getloadavg()[0])
            results[(name, mode)] = _median_runs(runs)
            print(f"{name}, {mode}: done", file=sys.stderr)
    print("| case | view | redraw median ms (scan → index) | p90 ms | first render at the "
          "scale ms | new-scale zoom ms | CPU: redraw median / first at scale / new-scale ms "
          "| of which labels: redraw median / first at scale ms | same pixels |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name in args.cases.split(","):
        before, after = results[(name, MODES[0])], results[(name, MODES[1])]
        same = "yes" if before["digest"] == after["digest"] else "**no**"
        for b_row, a_row in zip(before["rows"], after["rows"], strict=True):
            print(f"| {name} | {a_row['view']} "
                  f"| {b_row['median_ms']:.0f} → {a_row['median_ms']:.0f} "
                  f"| {b_row['p90_ms']:.0f} → {a_row['p90_ms']:.0f} "
                  f"| {b_row['arrival_ms']:.0f} → {a_row['arrival_ms']:.0f} "
                  f"| {b_row['fresh_ms']:.0f} → {a_row['fresh_ms']:.0f} "
                  f"| {b_row['cpu_median_ms']:.0f} → {a_row['cpu_median_ms']:.0f} / "
                  f"{b_row['cpu_arrival_ms']:.0f} → {a_row['cpu_arrival_ms']:.0f} / "
                  f"{b_row['cpu_fresh_ms']:.0f} → {a_row['cpu_fresh_ms']:.0f} "
                  f"| {b_row['labels_median_ms']:.0f} → {a_row['labels_median_ms']:.0f} / "
                  f"{b_row['labels_arrival_ms']:.0f} → {a_row['labels_arrival_ms']:.0f} "
                  f"| {same} |")
        print(f"| {name} | first frame s | {before['first_frame_s']:.2f} → "
              f"{after['first_frame_s']:.2f} | | | | | | |")
    print()
    print("| case | buildings query at | numpy scan ms | grid ms | STRtree ms | boxes found |")
    print("|---|---|---|---|---|---|")
    for name in args.cases.split(","):
        for row in results[(name, MODES[1])].get("queries", []):
            print(f"| {name} | {row['view']} | {row['scan_ms']:.2f} | {row['grid_ms']:.2f} "
                  f"| {row['strtree_ms']:.2f} | {row['found']:,} |")
    print(f"\nload average (1 min) during the runs: {min(load):.1f}–{max(load):.1f}, "
          f"{len(load) - 1} processes, median of {args.runs} run(s) each")
    return 0


if __name__ == "__main__":
    sys.exit(main())
