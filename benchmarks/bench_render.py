"""How fast the map renderer redraws, on big projects, at every scale.

Two heavy cases at 1920 x 1080, plus the Kibera sample for the first frame:

* ``helsinki_x16``: the Helsinki extract tiled 16 times (``benchmarks/tile_osm.py``),
  made into a project with ``quartier new --osm``;
* ``jakarta_x100``: the 7,689 Jakarta buildings (and the roads over them) laid
  10 x 10 side by side, 770,000 buildings, made with ``create_project``;
* ``kibera``: the Kibera sample (first frame only matters there).

The first frame is timed from opening the project to its full-extent image, with the
overviews ``quartier new`` writes for layers of more than 50,000 features (written
first if missing or stale: Jakarta's two layers).

For each case and each view (full extent, city 1:40,000, neighbourhood 1:8,000,
street 1:2,000, centred where the buildings are densest), one render arrives at
the scale, then ~20 redraws follow a fixed script of pans (drags of 60-200 px)
and zooms (x1.25 in and out around a point): the table gives the median and
90th percentile of those redraws, and of the pans and zooms separately. Each
case runs in its own process so that its peak memory is its own.

QGIS is the contender, on the same project file, the same layers, the same views and
image size, in the same run (``benchmarks/qgis_render.py``, run by Debian's
``/usr/bin/python3`` whose ``python3-qgis`` bindings QGIS ships; default styles, no
labels). Without QGIS the table says so and shows Quartier alone. "CPU median ms" is
the CPU time of Quartier's drawing thread per redraw; QGIS's is that of its whole
process (its parallel job draws each layer in a thread of its own). On a shared
machine the CPU figures are the steadier ones.

Run ``.venv/bin/python benchmarks/bench_render.py`` (inputs are built once in
``benchmarks/_work``); ``--cases kibera,helsinki_x16`` picks cases, ``--no-qgis`` leaves
QGIS out, ``--qgis-sequential`` times QGIS's sequential renderer instead of its parallel
one, and ``BENCH_SAVE=1`` saves the last image of each view from both renderers in
``benchmarks/_work`` (``bench_*.png``, ``qgis_*.png``: the same extent).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "_work"
DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
WIDTH, HEIGHT = 1920, 1080
#: View name -> scale denominator at 96 dpi (None: the full extent).
VIEWS = {"full extent": None, "city": 40_000, "neighbourhood": 8_000, "street": 2_000}
#: The redraw script: ("pan", dx, dy) or ("zoom", factor, anchor x, anchor y).
SCRIPT = [("pan", 150, 0), ("pan", 0, 110), ("zoom", 1.25, 700, 400), ("pan", -120, -60),
          ("pan", 80, 90), ("zoom", 0.8, 1100, 600), ("pan", -200, 40), ("pan", 60, -150),
          ("zoom", 1.25, 960, 540), ("pan", 110, 70), ("pan", -90, 120),
          ("zoom", 0.8, 500, 700), ("pan", 170, -40), ("pan", -60, -90),
          ("zoom", 1.25, 1400, 300), ("pan", -130, 30), ("pan", 40, 160),
          ("zoom", 0.8, 960, 540), ("pan", 100, -100), ("pan", -150, -20)]
CASES = ("kibera", "helsinki_x16", "jakarta_x100")
#: Zoom factor between the "new scale" renders (scales the script never draws).
FRESH_STEP = 1.07
#: The Python QGIS's bindings are built for (Debian's ``python3-qgis``).
QGIS_PYTHON = "/usr/bin/python3"
QGIS_MISSING = "QGIS not installed (apt-get install python3-qgis)"


def _python() -> str:
    return sys.executable


def build_kibera() -> Path:
    """The Kibera sample project."""
    from mapping.build import project_from_extract

    path = WORK / "kibera.gpkg"
    if not path.exists():
        project_from_extract(path, DATA / "osm" / "kibera.osm")
    return path


def build_helsinki_x16() -> Path:
    """Helsinki tiled 16 times, made into a project by the ``quartier`` command."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from tile_osm import ensure_tiled

    path = WORK / "helsinki_x16.gpkg"
    if not path.exists():
        tiled = ensure_tiled(16, ".osm.pbf", work_dir=WORK)
        command = [str(Path(_python()).parent / "quartier"), "new", str(path), "--osm",
                   str(tiled)]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return path


def build_jakarta_x100() -> Path:
    """Jakarta's buildings and roads laid 10 x 10 side by side: 768,900 buildings."""
    import geopandas as gpd
    import pandas as pd
    import shapely

    from mapping.project import ProjectMetadata, create_project

    path = WORK / "jakarta_x100.gpkg"
    if path.exists():
        return path
    buildings = gpd.read_file(DATA / "jakarta" / "buildings.gpkg")
    roads = gpd.read_file(DATA / "jakarta" / "roads.shp")
    west, south, east, north = buildings.total_bounds
    clipped = shapely.clip_by_rect(roads.geometry.values, west, south, east, north)
    roads = roads.set_geometry(clipped)
    roads = roads[~roads.geometry.is_empty].explode(index_parts=False)
    roads = gpd.GeoDataFrame({"highway": roads["TYPE"].values, "name": roads["NAME"].values,
                              "oneway": roads["ONEWAY"].values},
                             geometry=roads.geometry.values, crs="EPSG:4326")
    buildings = gpd.GeoDataFrame(
        {"building": buildings["BUILDING"].fillna("yes").values,
         "name": buildings["NAME"].values, "amenity": buildings["AMENITY"].values},
        geometry=buildings.geometry.values, crs="EPSG:4326")
    dx, dy = east - west, north - south
    tiled_b, tiled_r = [], []
    for i in range(10):
        for j in range(10):
            shift = [i * dx, j * dy]
            tiled_b.append(buildings.set_geometry(
                shapely.transform(buildings.geometry.values, lambda c, s=shift: c + s)))
            tiled_r.append(roads.set_geometry(
                shapely.transform(roads.geometry.values, lambda c, s=shift: c + s)))
    metadata = ProjectMetadata(name="Jakarta x100",
                               area_of_interest=(west, south, west + 10 * dx, south + 10 * dy))
    create_project(path, {"buildings": pd.concat(tiled_b, ignore_index=True),
                          "roads": pd.concat(tiled_r, ignore_index=True)}, metadata)
    return path


BUILDERS = {"kibera": build_kibera, "helsinki_x16": build_helsinki_x16,
            "jakarta_x100": build_jakarta_x100}


def _dense_centre(renderer) -> tuple[float, float]:
    """Median position of the buildings: the view centre for the zoomed-in views."""
    import numpy as np

    data = renderer.layer_data("buildings")
    if data is None or not len(data):
        minx, miny, maxx, maxy = renderer.full_extent()
        return (minx + maxx) / 2, (miny + maxy) / 2
    anchors = data.anchor[np.isfinite(data.anchor[:, 0])]
    return float(np.median(anchors[:, 0])), float(np.median(anchors[:, 1]))


def run_case(name: str) -> dict:
    """Measure one case in this process; returns the numbers as a dict."""
    from PySide6.QtGui import QGuiApplication, QImage

    from mapping.project import Project
    from mapping.render import MapRenderer, MapView

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (keeps Qt alive)
    path = BUILDERS[name]()
    # The overviews quartier new writes for layers of more than 50,000 features (Jakarta's):
    # the first frame is timed as a project made by this version opens.
    from mapping.render.overview import write_project_overviews

    write_project_overviews(path, keep_fresh=True)
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
    start = time.perf_counter()
    renderer = MapRenderer(Project(path))
    full = MapView.fit(renderer.full_extent(), WIDTH, HEIGHT)
    renderer.render(full, image)
    first_frame = time.perf_counter() - start
    for state in renderer.layer_states():  # layers drawn from overviews are read behind it
        if state.visible:
            renderer.layer_data(state.name)
    centre = _dense_centre(renderer)
    rows = []
    # Every view drawn, as (centre x, centre y, metres per pixel): QGIS draws the same ones.
    views: list[dict] = []
    for view_name, denominator in VIEWS.items():
        if denominator is None:
            view = full
        else:
            mpp = denominator * 0.0254 / 96.0
            view = MapView(centre[0], centre[1], mpp, WIDTH, HEIGHT)
        start_view = view
        drawn: dict = {"view": view_name, "start": _xym(view), "script": [], "fresh": []}
        views.append(drawn)
        t0 = time.perf_counter()
        renderer.render(view, image)
        arrival = time.perf_counter() - t0
        times: dict[str, list[float]] = {"pan": [], "zoom": []}
        cpu: list[float] = []
        for step in SCRIPT:
            if step[0] == "pan":
                view = view.panned(step[1], step[2])
            else:
                view = view.zoomed(step[1], (step[2], step[3]))
            drawn["script"].append(_xym(view))
            t0, c0 = time.perf_counter(), time.thread_time()
            renderer.render(view, image)
            times[step[0]].append(time.perf_counter() - t0)
            cpu.append(time.thread_time() - c0)
        # Zooms to scales not drawn before (no kept image to reuse): the honest zoom cost.
        fresh = []
        for k in range(1, 6):
            drawn["fresh"].append(_xym(start_view.zoomed(FRESH_STEP ** k)))
            t0 = time.perf_counter()
            renderer.render(start_view.zoomed(FRESH_STEP ** k), image)
            fresh.append(time.perf_counter() - t0)
        if os.environ.get("BENCH_SAVE"):
            image.save(str(WORK / f"bench_{name}_{view_name.replace(' ', '_')}.png"))
        every = times["pan"] + times["zoom"]
        rows.append({
            "view": view_name, "scale": round(full.scale_denominator()) if denominator is None
            else denominator, "arrival_ms": arrival * 1000,
            "median_ms": statistics.median(every) * 1000,
            "cpu_median_ms": statistics.median(cpu) * 1000,
            "p90_ms": statistics.quantiles(every, n=10)[-1] * 1000,
            "pan_median_ms": statistics.median(times["pan"]) * 1000,
            "zoom_median_ms": statistics.median(times["zoom"]) * 1000,
            "fresh_median_ms": statistics.median(fresh) * 1000,
            "labels": len(renderer.last_labels),
        })
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    declared = {info.name: info.geometry_type for info in renderer.project.layers()}
    shown = [[s.name, declared.get(s.name, "")] for s in renderer.layer_states()
             if s.visible and s.geometry != "raster" and s.kind != "hazard"]
    return {"case": name, "first_frame_s": first_frame, "peak_mb": peak_mb, "rows": rows,
            "qgis_job": {"case": name, "path": str(path), "crs": renderer.working_crs,
                         "layers": shown, "width": WIDTH, "height": HEIGHT,
                         "full": _xym(full), "views": views}}


def _xym(view) -> list[float]:
    return [view.center_x, view.center_y, view.metres_per_pixel]


def qgis_available() -> bool:
    """Whether QGIS's Python bindings can be imported by Debian's Python."""
    if not Path(QGIS_PYTHON).is_file():
        return False
    found = subprocess.run([QGIS_PYTHON, "-c", "import qgis.core"], capture_output=True,
                           env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    return found.returncode == 0


def run_qgis(job: dict, sequential: bool = False) -> dict:
    """Time QGIS drawing the views Quartier drew (``qgis_render.py`` in its own process)."""
    if os.environ.get("BENCH_SAVE"):
        job = {**job, "save_dir": str(WORK)}
    # QGIS's Python must not see the virtual environment's packages.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    command = [QGIS_PYTHON, str(ROOT / "benchmarks" / "qgis_render.py")]
    done = subprocess.run(command + (["--sequential"] if sequential else []),
                          input=json.dumps(job), capture_output=True, text=True, env=env,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def save_docs_images(folder: Path = ROOT / "docs") -> list[Path]:
    """Kibera at full extent and at neighbourhood scale, as PNGs for the documentation."""
    from PySide6.QtGui import QGuiApplication, QImage

    from mapping.project import Project
    from mapping.render import MapRenderer, MapView
    from mapping.render.decorations import draw_north_arrow, draw_scale_bar

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (keeps Qt alive)
    renderer = MapRenderer(Project(build_kibera()))
    kibera = next(r for r in renderer.search("Kibera") if r.layer == "places")
    views = {"render_kibera_full.png": MapView.fit(renderer.full_extent(), 1600, 1000),
             "render_kibera_street.png": MapView(kibera.x, kibera.y - 150, 0.8, 1600, 1000)}
    saved = []
    for name, view in views.items():
        image = QImage(view.width, view.height, QImage.Format.Format_ARGB32_Premultiplied)
        renderer.render(view, image)
        from PySide6.QtGui import QPainter

        painter = QPainter(image)
        draw_scale_bar(painter, view, 16, view.height - 16)
        draw_north_arrow(painter, view.width - 30, 40)
        painter.end()
        folder.mkdir(parents=True, exist_ok=True)
        image.save(str(folder / name))
        saved.append(folder / name)
    return saved


def table(results: list[dict]) -> str:
    """The results as a markdown table, QGIS's figures beside Quartier's."""
    lines = ["| case | view | scale 1: | median ms | p90 ms | QGIS median ms | QGIS p90 ms "
             "| pan median ms | zoom median ms | new-scale zoom ms | QGIS new-scale ms "
             "| CPU median ms | QGIS CPU median ms | arrival ms | QGIS arrival ms | peak MB "
             "| first frame s | QGIS first frame s |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for result in results:
        qgis = result.get("qgis") or {}
        qgis_rows = {row["view"]: row for row in qgis.get("rows", [])}
        for row in result["rows"]:
            other = qgis_rows.get(row["view"])

            def q(key: str, other=other) -> str:
                return f"{other[key]:.0f}" if other and key in other else "–"

            qgis_first = f"{qgis['first_frame_s']:.2f}" if qgis else "–"
            lines.append(
                f"| {result['case']} | {row['view']} | {row['scale']:,} | {row['median_ms']:.0f} "
                f"| {row['p90_ms']:.0f} | {q('median_ms')} | {q('p90_ms')} "
                f"| {row['pan_median_ms']:.0f} | {row['zoom_median_ms']:.0f} "
                f"| {row['fresh_median_ms']:.0f} | {q('fresh_median_ms')} "
                f"| {row['cpu_median_ms']:.0f} | {q('cpu_median_ms')} | {row['arrival_ms']:.0f} "
                f"| {q('arrival_ms')} "
                f"| {result['peak_mb']:.0f} | {result['first_frame_s']:.2f} | {qgis_first} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run every case in its own process (then QGIS on it) and print the markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated cases")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one case, print JSON
    parser.add_argument("--docs", action="store_true",
                        help="only write docs/render_kibera_full.png and render_kibera_street.png")
    parser.add_argument("--no-qgis", action="store_true", help="leave QGIS out")
    parser.add_argument("--qgis-sequential", action="store_true",
                        help="time QgsMapRendererSequentialJob instead of the parallel job")
    args = parser.parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    if args.docs:
        for path in save_docs_images():
            print(path)
        return 0
    if args.one:
        print(json.dumps(run_case(args.one)))
        return 0
    with_qgis = not args.no_qgis and qgis_available()
    results = []
    for name in args.cases.split(","):
        BUILDERS[name]()  # build inputs outside the measured process
        done = subprocess.run([_python(), __file__, "--one", name], check=True,
                              capture_output=True, text=True, cwd=ROOT)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"{name}: done", file=sys.stderr)
        if with_qgis:
            result["qgis"] = run_qgis(result["qgis_job"], sequential=args.qgis_sequential)
            print(f"{name}: QGIS done", file=sys.stderr)
        results.append(result)
    print(table(results))
    if with_qgis:
        versions = {r["qgis"]["qgis"] for r in results}
        job = "sequential" if args.qgis_sequential else "parallel"
        print(f"\nQGIS {', '.join(sorted(versions))} ({job} renderer, default styles, no labels)"
              f" drew: " + "; ".join(f"{r['case']}: {', '.join(r['qgis']['layers'])}"
                                     for r in results))
    elif not args.no_qgis:
        print(f"\n{QGIS_MISSING}")
    print(f"load average: {', '.join(f'{v:.2f}' for v in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
