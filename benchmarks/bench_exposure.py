"""How fast exposure analysis counts 770,000 buildings, beside geopandas + rasterio.

The input is the render benchmark's ``jakarta_x100`` (the 7,689 Jakarta buildings laid
10 x 10 side by side, built by ``bench_render.build_jakarta_x100``, unchanged), copied
here and given two hazard layers tiled the same way:

* ``flooded``: the 1,009 flooded-RW polygons of 2007 (``FLOODPRONE`` yes = high),
  shifted by the same offsets: about 100,000 polygons;
* ``depth``: the flood depth raster resampled (nearest cell) onto the tiled extent
  at its own cell size, so that each tile repeats the source.

Four workers, each in its own process so that its peak memory is its own:

* ``quartier vector`` / ``quartier raster``: :func:`mapping.analysis.exposure.analyse`
  from the project file (open, read, count by type), then again once loaded
  (:func:`exposure_of` on layers already in memory);
* ``geopandas vector``: ``gpd.read_file`` + ``sjoin(predicate="intersects")`` + a
  group-by max; ``geopandas raster``: ``rasterio`` ``sample`` at each building's
  centroid (one cell per building: the obvious way, and a weaker rule than Quartier's
  every-cell-covered).

Run ``.venv/bin/python benchmarks/bench_exposure.py`` (inputs are built once in
``benchmarks/_work/exposure``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "_work" / "exposure"
DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
JAKARTA = DATA / "jakarta"
WORKERS = ("quartier vector", "geopandas vector", "quartier raster", "geopandas raster")
FACTOR = 10

sys.path.insert(0, str(ROOT))


def build() -> Path:
    """The tiled project with its two hazard layers (built once)."""
    path = WORK / "jakarta_x100_exposure.gpkg"
    if path.exists():
        return path
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    import rasterio
    import shapely
    from rasterio.transform import from_origin

    from benchmarks import bench_render
    from layers.hazard_classes import HazardClass
    from mapping import hazard_store
    from mapping.project import Project

    WORK.mkdir(parents=True, exist_ok=True)
    bench_render.WORK = WORK  # build the render benchmark's input here, not in its folder
    base = bench_render.build_jakarta_x100()
    buildings = gpd.read_file(JAKARTA / "buildings.gpkg")
    west, south, east, north = buildings.total_bounds
    dx, dy = east - west, north - south

    flooded = gpd.read_file(JAKARTA / "flooded_rw_2007.shp")[["FLOODPRONE", "geometry"]]
    tiles = [flooded.set_geometry(shapely.transform(
        flooded.geometry.values, lambda c, s=(i * dx, j * dy): c + s))
        for i in range(FACTOR) for j in range(FACTOR)]
    flood_path = WORK / "flooded_x100.gpkg"
    gpd.GeoDataFrame(pd.concat(tiles, ignore_index=True), crs="EPSG:4326").to_file(flood_path)

    with rasterio.open(JAKARTA / "flood_depth.tif") as source:
        depth, transform = source.read(1), source.transform
    step = transform.a
    cols, rows = int(np.ceil(FACTOR * dx / step)), int(np.ceil(FACTOR * dy / -transform.e))
    xs = west + (np.arange(cols) + 0.5) * step
    ys = north + (FACTOR - 1) * dy - (np.arange(rows) + 0.5) * -transform.e
    # Each cell repeats the source cell at the same place in its tile.
    src_cols = np.floor((west + np.mod(xs - west, dx) - transform.c) / step).astype(int)
    src_rows = np.floor((transform.f - (south + np.mod(ys - south, dy))) / -transform.e)
    src_rows = src_rows.astype(int)
    inside_c = (src_cols >= 0) & (src_cols < depth.shape[1])
    inside_r = (src_rows >= 0) & (src_rows < depth.shape[0])
    tiled = np.full((rows, cols), -9999.0, dtype="float32")
    grid = depth[np.clip(src_rows, 0, depth.shape[0] - 1)][:, np.clip(src_cols, 0,
                                                                     depth.shape[1] - 1)]
    mask = inside_r[:, None] & inside_c[None, :]
    tiled[mask] = grid[mask]
    raster_path = WORK / "flood_depth_x100.tif"
    with rasterio.open(raster_path, "w", driver="GTiff", width=cols, height=rows, count=1,
                       dtype="float32", crs="EPSG:4326", nodata=-9999.0, compress="deflate",
                       transform=from_origin(west, north + (FACTOR - 1) * dy, step,
                                             -transform.e)) as out:
        out.write(tiled, 1)

    partial = WORK / "partial.gpkg"
    shutil.copy(base, partial)
    project = Project(partial)
    hazard_store.add_hazard_layer(project, flood_path, "flooded", attribute="FLOODPRONE",
                                  class_map={"yes": HazardClass.HIGH, "no": HazardClass.NONE})
    hazard_store.add_hazard_layer(project, raster_path, "depth")
    partial.rename(path)
    return path


def run_worker(name: str, path: Path) -> dict:
    """Measure one worker in this process."""
    import numpy as np

    if name.startswith("quartier"):
        from mapping.analysis.exposure import analyse, exposure_of, load_areas, load_hazard
        from mapping.analysis.schemes import SCHEMES
        from mapping.project import Project

        hazard = "flooded" if name.endswith("vector") else "depth"
        scheme = None if hazard == "flooded" else SCHEMES["flood4"]
        start = time.perf_counter()
        project = Project(path)
        result = analyse(project, hazard, "buildings", scheme=scheme)
        from_file = time.perf_counter() - start
        zones = load_hazard(project, hazard, scheme)
        frame = project.read_layer("buildings")
        areas = load_areas(project, None, None)
        start = time.perf_counter()
        again = exposure_of(zones, frame, "buildings", areas)
        loaded = time.perf_counter() - start
        assert again.to_json() == result.to_json()
        data = result.to_json()
        summary = {"buildings": data["totals"]["total"], "exposed": data["totals"]["exposed"],
                   "classes": data["classes"]}
    else:
        import geopandas as gpd
        import pyogrio
        import rasterio

        start = time.perf_counter()
        buildings = gpd.read_file(path, layer="buildings", engine="pyogrio")
        if name.endswith("vector"):
            zones = gpd.read_file(path, layer="flooded", engine="pyogrio")
            read = time.perf_counter()
            joined = gpd.sjoin(buildings, zones[["hazard_class", "geometry"]], how="left",
                               predicate="intersects")
            classes = joined.groupby(level=0)["hazard_class"].max().fillna(0).astype(int)
            summary = {"buildings": len(buildings),
                       "exposed": int((classes > 0).sum())}
        else:
            read = time.perf_counter()
            with rasterio.open(f"GPKG:{path}:depth") as dataset:
                centroids = buildings.geometry.centroid
                points = zip(centroids.x.to_numpy(), centroids.y.to_numpy(), strict=True)
                values = np.array([v[0] for v in dataset.sample(points)], dtype="float64")
                values[values == dataset.nodata] = np.nan
            exposed = np.nan_to_num(values, nan=0.0) > 0
            summary = {"buildings": len(buildings), "exposed": int(exposed.sum())}
        end = time.perf_counter()
        from_file, loaded = end - start, end - read
        del pyogrio
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"worker": name, "loaded_s": loaded, "file_s": from_file, "peak_mb": peak, **summary}


def table(results: list[dict]) -> str:
    lines = ["| hazard | method | buildings | exposed | once loaded | from the file "
             "| peak memory |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for r in results:
        tool, kind = r["worker"].split()
        hazard = "flood polygons" if kind == "vector" else "depth raster"
        method = ("Quartier `analyse`" if tool == "quartier" else
                  "geopandas `sjoin`" if kind == "vector" else "`rasterio` `sample` (centroid)")
        lines.append(f"| {hazard} | {method} | {r['buildings']:,} | {r['exposed']:,} | "
                     f"{r['loaded_s']:.2f} s | {r['file_s']:.2f} s | {r['peak_mb']:,.0f} MB |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Build the inputs, run each worker in its own process, print the markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", default=",".join(WORKERS), help="comma-separated workers")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one worker
    args = parser.parse_args(argv)
    path = build()
    if args.one:
        print(json.dumps(run_worker(args.one, path)))
        return 0
    results = []
    print("load average at the start: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()),
          file=sys.stderr)
    for name in args.workers.split(","):
        done = subprocess.run([sys.executable, __file__, "--one", name], check=True,
                              capture_output=True, text=True, cwd=ROOT)
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"{name}: done", file=sys.stderr)
    print(table(results))
    print("load average at the end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()),
          file=sys.stderr)
    for r in results:
        if "classes" in r:
            print(f"{r['worker']}: {r['classes']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
