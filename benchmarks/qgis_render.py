"""QGIS's side of ``bench_render.py``: the same GeoPackage layers, the same views.

Run by Debian's ``/usr/bin/python3`` (QGIS's Python bindings are built for it, not for
the project's virtual environment), with ``QT_QPA_PLATFORM=offscreen``. It reads a JSON
job on stdin (written by ``bench_render.py``) and prints one JSON line of timings:

* the project file, the layers Quartier shows (bottom first, with the geometry type
  the file declares for each) and the working CRS;
* per view: the view it arrives at, the redraws of the pan/zoom script and the renders
  at scales not drawn before, each as (centre x, centre y, metres per pixel) in the
  working CRS, at the same image size and 96 dpi.

Layers get QGIS's default style (one random colour per layer, no labels), as a
person gets on adding a GeoPackage layer; no render cache is kept between frames,
as on QGIS's canvas when the view moves. ``QgsMapRendererParallelJob`` is what the
canvas uses; ``--sequential`` times ``QgsMapRendererSequentialJob`` instead.

This file imports nothing of Quartier's and runs only under QGIS's Python.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402 (after the platform is chosen)
    Qgis,
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsMapRendererParallelJob,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402


def _settings(layers: list, crs: QgsCoordinateReferenceSystem, width: int,
              height: int) -> QgsMapSettings:
    settings = QgsMapSettings()
    settings.setLayers(list(reversed(layers)))  # QGIS lists the top layer first
    settings.setDestinationCrs(crs)
    settings.setOutputSize(QSize(width, height))
    settings.setOutputDpi(96)
    settings.setBackgroundColor(QColor(255, 255, 255))
    return settings


def _render(settings: QgsMapSettings, view: list[float], width: int, height: int,
            sequential: bool):
    """Draw one view; returns (seconds, image, CPU seconds of the process: every thread, as
    the parallel job draws its layers in threads of its own)."""
    x, y, mpp = view
    settings.setExtent(QgsRectangle(x - width / 2 * mpp, y - height / 2 * mpp,
                                    x + width / 2 * mpp, y + height / 2 * mpp))
    job = (QgsMapRendererSequentialJob if sequential else QgsMapRendererParallelJob)(settings)
    start, cpu = time.perf_counter(), time.process_time()
    job.start()
    job.waitForFinished()
    return time.perf_counter() - start, job.renderedImage(), time.process_time() - cpu


def _sources(path: str, layers: list[list[str]]) -> list[tuple[str, str]]:
    """(uri, name) of each layer, bottom first. A layer declared with no single geometry
    type (OSM points of interest: points and areas) is added once per geometry type, as
    QGIS's "Add layer" dialog offers it; added whole, QGIS draws only one of the types."""
    sources = []
    for name, declared in layers:
        uri = f"{path}|layername={name}"
        if declared.lower() not in ("unknown", "geometry", ""):
            sources.append((uri, name))
            continue
        for kind in ("Polygon", "LineString", "Point"):
            part = QgsVectorLayer(f"{uri}|geometrytype={kind}", f"{name} ({kind})", "ogr")
            if part.isValid() and part.featureCount() > 0:
                sources.append((f"{uri}|geometrytype={kind}", f"{name} ({kind.lower()})"))
    return sources


def main() -> int:
    """Read the job on stdin, draw every view, print the timings as JSON."""
    sequential = "--sequential" in sys.argv
    job = json.loads(sys.stdin.read())
    width, height = job["width"], job["height"]
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    sources = _sources(job["path"], job["layers"])
    start = time.perf_counter()
    layers = []
    for uri, name in sources:
        layer = QgsVectorLayer(uri, name, "ogr")
        if layer.isValid():
            QgsProject.instance().addMapLayer(layer)
            layers.append(layer)
    settings = _settings(layers, QgsCoordinateReferenceSystem(job["crs"]), width, height)
    first, _image, _cpu = _render(settings, job["full"], width, height, sequential)
    first_frame = time.perf_counter() - start
    rows = []
    for view in job["views"]:
        arrival, image, _cpu = _render(settings, view["start"], width, height, sequential)
        redraws = [_render(settings, v, width, height, sequential) for v in view["script"]]
        every = [seconds for seconds, _image, _cpu in redraws]
        cpu = [seconds for _seconds, _image, seconds in redraws]
        fresh = []
        for v in view["fresh"]:
            seconds, image, _cpu = _render(settings, v, width, height, sequential)
            fresh.append(seconds)
        if job.get("save_dir"):
            image.save(os.path.join(job["save_dir"],
                                    f"qgis_{job['case']}_{view['view'].replace(' ', '_')}.png"))
        rows.append({"view": view["view"], "arrival_ms": arrival * 1000,
                     "median_ms": statistics.median(every) * 1000,
                     "p90_ms": statistics.quantiles(every, n=10)[-1] * 1000,
                     "cpu_median_ms": statistics.median(cpu) * 1000,
                     "fresh_median_ms": statistics.median(fresh) * 1000})
    print(json.dumps({"qgis": Qgis.QGIS_VERSION, "layers": [layer.name() for layer in layers],
                      "first_frame_s": first_frame, "first_render_s": first,
                      "job": "sequential" if sequential else "parallel", "rows": rows}))
    QgsProject.instance().removeAllMapLayers()
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
