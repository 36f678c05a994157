"""The first frame of a big risk map: drawn from overviews, against reading every layer.

The input is the exposure benchmark's project (``bench_exposure.build``): the 768,900
tiled Jakarta buildings and 492,100 road pieces, the 100,110 tiled flooded-RW polygons
and the 6.8-million-cell flood depth raster, copied to ``benchmarks/_work/risk_frame``.
Each run is a process of its own that opens the project and draws the full extent at
1600 x 900, timed from opening the project to the frame drawn:

* ``overviews``: as the window opens it, the big layers (buildings, roads and, since
  they became a plain vector source, the flood polygons) drawn from the overview file
  beside the project, the raster warped to the map;
* ``layers``: the overview file moved away, so every layer is read (and the flood
  polygons simplified) before the frame, as a first opening does.

Both frames are hashed: the last column says whether they are the same pixels.

Run ``.venv/bin/python benchmarks/bench_risk_frame.py [--runs 3]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "_work" / "risk_frame"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

MODES = ("overviews", "layers")


def build() -> Path:
    """The risk map project, with its overviews written (once)."""
    import bench_exposure

    from mapping.render.overview import write_project_overviews

    path = WORK / "jakarta_risk.gpkg"
    if not path.exists():
        WORK.mkdir(parents=True, exist_ok=True)
        partial = WORK / "partial.gpkg"
        shutil.copy(bench_exposure.build(), partial)
        partial.rename(path)
    write_project_overviews(path, keep_fresh=True)
    return path


def run(mode: str, path: Path) -> dict:
    """One first frame, in this process."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QImage

    from mapping.project import Project
    from mapping.render import MapRenderer, MapView

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (keeps Qt alive)
    image = QImage(1600, 900, QImage.Format.Format_ARGB32_Premultiplied)
    start, cpu = time.perf_counter(), time.process_time()
    renderer = MapRenderer(Project(path))
    renderer.render(MapView.fit(renderer.full_extent(), 1600, 900), image)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"mode": mode, "seconds": seconds, "cpu": cpu,
            "from_overviews": list(renderer.last_overviews),
            "digest": hashlib.md5(bytes(image.constBits())).hexdigest()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: one run of a mode
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run(args.one, WORK / "jakarta_risk.gpkg")))
        return 0
    path = build()
    from mapping.render.overview import overview_path

    kept, aside = overview_path(path), WORK / "overview.aside"
    print("load average at the start: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()),
          file=sys.stderr)
    results: dict[str, list[dict]] = {mode: [] for mode in MODES}
    for _ in range(args.runs):
        for mode in MODES:  # alternated, so both meet the same load
            if mode == "layers":
                kept.rename(aside)
            try:
                done = subprocess.run([sys.executable, __file__, "--one", mode], check=True,
                                      capture_output=True, text=True, cwd=ROOT)
            finally:
                if aside.exists():
                    aside.rename(kept)
            results[mode].append(json.loads(done.stdout.strip().splitlines()[-1]))
    digests = {r["digest"] for rs in results.values() for r in rs}
    print("| first frame of the full extent, 1600 x 900 | median s | runs s | CPU s "
          "| drawn from overviews |")
    print("|---|---:|---|---:|---|")
    for mode in MODES:
        rs = results[mode]
        print(f"| {mode} | {statistics.median(r['seconds'] for r in rs):.2f} | "
              + ", ".join(f"{r['seconds']:.2f}" for r in rs)
              + f" | {statistics.median(r['cpu'] for r in rs):.2f} | "
              + (", ".join(rs[0]["from_overviews"]) or "none") + " |")
    print(f"\nsame pixels both ways: {'yes' if len(digests) == 1 else 'NO'}")
    print("load average at the end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
