"""Screenshot of the Analysis panel: Kibera's people exposed to a flood, and the routes.

Builds a Kibera project in a temporary folder (the OSM sample, a flood drawn as depth
rings along the Kianda river, the named villages as areas, a made-up census of them,
two shelters), routes every building to a shelter (routes and 5, 10, 15 minutes'
walk around the shelters), counts the people in each flood class with their
displaced people and minimum needs (``--show people``, the default), or the buildings
by village (``--show exposure``), and saves the window as PNG. Everything it writes
(home, settings, projects) goes to a temporary folder, never the person's own:

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python tools/analysis_screenshot.py \\
        --out docs/analysis_panel.png
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
DATA = Path(os.environ.get("QUARTIER_SHARED_DATA", REPO.parent / "shared" / "data"))
#: Outer distance from the river (m) and flood depth (m) of each ring.
RINGS = ((400, 2.0), (750, 1.0), (1100, 0.3))


def build(work: Path) -> Path:
    """The Kibera project with the flood, the villages and two shelters."""
    import geopandas as gpd
    import pyogrio
    from shapely.geometry import Point

    from mapping import hazard_store
    from mapping.build import project_from_extract
    from mapping.editing import EditSession
    from mapping.project import Project

    target = work / "kibera.gpkg"
    project_from_extract(target, DATA / "osm" / "kibera.osm", name="Kibera")
    project = Project(target)
    river = pyogrio.read_dataframe(DATA / "kibera" / "kianda_river.shp").set_crs(
        4326, allow_override=True)
    line = river.to_crs(project.metadata.working_crs).union_all()
    rings, inner = [], None
    for distance, _depth in RINGS:
        zone = line.buffer(distance)
        rings.append(zone if inner is None else zone.difference(inner))
        inner = zone
    gpd.GeoDataFrame({"depth": [depth for _, depth in RINGS]}, geometry=rings,
                     crs=project.metadata.working_crs).to_crs(4326).to_file(
        work / "flood.geojson")
    hazard_store.add_hazard_layer(project, work / "flood.geojson", "kianda_flood",
                                  title="Kianda flood", hazard_type="flood", attribute="depth")
    villages = pyogrio.read_dataframe(DATA / "kibera" / "villages.shp")
    villages = villages[(villages["boundary"] == "administrative") & villages["name"].notna()]
    villages[["name", "geometry"]].to_file(work / "villages.geojson")
    hazard_store.add_reference_layer(project, work / "villages.geojson", "villages",
                                     title="Villages")
    # A made-up census: 2,000 to 9,000 people a village (the figures are not Kibera's).
    census = villages[["name", "geometry"]].reset_index(drop=True)
    census["population"] = [2000 + 1000 * (k % 8) for k in range(len(census))]
    census.to_file(work / "census.geojson")
    hazard_store.add_reference_layer(project, work / "census.geojson", "census",
                                     title="Census (made up)")
    with EditSession(target, contributor="Achieng Otieno", mapping_session="shelters") as edit:
        edit.add_feature("facilities", Point(36.7870, -1.3050), "facility/shelter",
                         {"name": "Olympic primary school hall", "capacity": "120"})
        edit.add_feature("facilities", Point(36.7930, -1.3140), "facility/evacuation_centre",
                         {"name": "Kianda church", "emergency:hazard_type": "flood"})
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "analysis_panel.png")
    parser.add_argument("--language", default="en", choices=["en", "fr"])
    parser.add_argument("--show", default="people",
                        choices=["people", "exposure", "evacuation"],
                        help="the answer left in the panel")
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args(argv)
    out = args.out.resolve()
    work = Path(tempfile.mkdtemp(prefix="quartier-analysis-shot-"))
    os.environ["HOME"] = str(work / "home")
    os.environ["QUARTIER_SETTINGS_DIR"] = str(work / "settings")
    os.environ["QUARTIER_PROJECTS_DIR"] = str(work / "Documents" / "Quartier")
    target = build(work)

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
    window.renderer.set_opacity("villages", 0.35)  # the routes stay readable over them
    window.renderer.set_visible("census", False)
    flow, panel = window.analysis_flow, window.analysis_flow.panel
    flow.open(panel.EVACUATION)
    panel.run_button.click()
    settle()
    if args.show in ("exposure", "people"):
        flow.open(panel.EXPOSURE)
        counted = "census" if args.show == "people" else "buildings"
        panel.exposure_box.setCurrentIndex(panel.exposure_box.findData(counted))
        if args.show == "exposure":
            panel.area_box.setCurrentIndex(panel.area_box.findData("villages"))
        panel.run_button.click()
        settle()
    window.zoom_to_layer("evacuation_routes")
    settle()
    window.canvas.zoom_by(1 / 1.25)
    settle()
    if args.show == "evacuation":  # a What is here? click: the route from that building
        import geopandas as gpd
        import pyogrio
        import shapely

        routes = pyogrio.read_dataframe(target, layer="evacuation_routes")
        fid = int(routes.loc[routes["length_m"].idxmax(), "building_fid"])
        building = pyogrio.read_dataframe(target, layer="buildings", fid_as_index=True).loc[[fid]]
        centre = gpd.GeoSeries(shapely.centroid(building.geometry.values), crs=4326).to_crs(
            window.renderer.working_crs).iloc[0]
        window.canvas.identify_at(window.canvas.to_screen(centre.x, centre.y))
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
