"""Screenshot of the Transport service panel: Kibera's matatu lines and who can walk to them.

Builds a Kibera project in a temporary folder (the OSM sample, the flood rings along
the Kianda river, the named villages as areas, as tools/analysis_screenshot.py does)
and draws three made-up matatu lines along real roads with their stops (their
numbers, names and waits are not Kibera's real ones): line 8 along Kibera Drive
every 10 minutes (5 in the morning peak), line 32 along Ngong Road every 20 minutes,
line 15 along Kalobot Road with no wait known. It then runs Analysis → Transport
service… by village with the flood as the hazard, and saves the window as PNG, the
least-served villages coloured on the map. Everything it writes (home, settings,
projects) goes to a temporary folder, never the person's own:

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python tools/service_screenshot.py \\
        --out docs/service_panel.png
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

#: Road followed, tags and number of stops of each made-up line.
LINES = (("Kibera Drive", {"ref": "8", "name": "Kibera – Town", "interval": "10",
                           "interval:06-09": "5", "opening_hours": "Mo-Su 05:00-22:00"}, 5),
         ("Ngong Road", {"ref": "32", "name": "Ngong Road", "interval": "20",
                         "opening_hours": "Mo-Su 06:00-21:00"}, 4),
         ("Kalobot Road", {"ref": "15", "name": "Kalobot shuttle"}, 3))


def add_lines(target: Path) -> None:
    """Draw the lines along their roads, with evenly spaced named stops."""
    import pyogrio
    import shapely

    from mapping.editing import EditSession

    roads = pyogrio.read_dataframe(target, layer="roads")
    with EditSession(target, contributor="Achieng Otieno", mapping_session="lines") as edit:
        for road, tags, stops in LINES:
            line = shapely.line_merge(shapely.union_all(
                roads.loc[roads["name"] == road].geometry.values))
            if line.geom_type != "LineString":
                line = max(line.geoms, key=lambda part: part.length)
            uuid = edit.add_feature("transport_lines", line, "transport_line/minibus", tags)
            for k in range(stops):
                edit.add_stop(uuid, line.interpolate(k / (stops - 1), normalized=True),
                              f"{tags['ref']}-{k + 1}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "service_panel.png")
    parser.add_argument("--language", default="en", choices=["en", "fr"])
    parser.add_argument("--by", default="villages", help="villages, grid:500 or none")
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args(argv)
    out = args.out.resolve()
    work = Path(tempfile.mkdtemp(prefix="quartier-service-shot-"))
    os.environ["HOME"] = str(work / "home")
    os.environ["QUARTIER_SETTINGS_DIR"] = str(work / "settings")
    os.environ["QUARTIER_PROJECTS_DIR"] = str(work / "Documents" / "Quartier")
    from analysis_screenshot import build

    target = build(work)
    add_lines(target)

    from PySide6.QtCore import QEventLoop, QTimer

    from desktop.app import application, make_window
    from desktop.i18n import Translations

    app = application()
    translations = Translations()
    translations.install(args.language)
    window = make_window(translations)
    window.resize(1600, 1000)
    window.show()

    def pump(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def settle() -> None:
        deadline = time.monotonic() + args.timeout
        while time.monotonic() < deadline:
            pump(100)
            busy = window.runner.tasks() or window.canvas.is_rendering()
            if not busy and window.canvas.frames():
                pump(400)
                if not (window.runner.tasks() or window.canvas.is_rendering()):
                    if window.last_error is not None:
                        raise SystemExit(f"screenshot: {window.last_error}")
                    return
        raise SystemExit("screenshot: timed out")

    window.open_project(target)
    settle()
    window.renderer.set_visible("census", False)
    window.renderer.set_visible("kianda_flood", False)
    flow, panel = window.service_flow, window.service_flow.panel
    flow.open()
    by = None if args.by == "none" else args.by
    panel.area_box.setCurrentIndex(panel.area_box.findData(by))
    panel.hazard_box.setCurrentIndex(panel.hazard_box.findData("kianda_flood"))
    panel.run_button.click()
    settle()
    window.zoom_to_layer("transport_lines")
    settle()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out)):
        raise SystemExit(f"screenshot: cannot write {out}")
    print(f"saved {out}")
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
