"""The web map draws the layers an analysis wrote in their class colours, with a legend.

Kibera with four flood4 rings around its buildings, two shelters and a clinic: the
exposure of the buildings, the evacuation service areas and the access to clinics are
saved as layers, each storing ``class_column`` and ``class_colours`` in its style. The
exported page is read back (each feature's colour, the legend) against the layers as
GDAL reads them and the colours as the project table stores them, then opened in
Chromium with the network off and its pixels looked at.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
from shapely.geometry import Point

from desktop.cli import main as quartier
from mapping.editing import EditSession
from mapping.export.webmap import export_webmap
from mapping.project import Project
from tests.test_export_maps import _chromium_binary, _open_offline

#: The result layers drawn by class: layer -> the column naming each feature's class.
CLASSED = {"exposure_flood_buildings": "hazard_class", "access_clinic": "band",
           "evacuation_service_areas": "walk"}
#: Ring depths (m) and their outer and inner radii (m) around the buildings' centre.
RINGS = ((0.05, 1000, 700), (0.5, 700, 450), (1.0, 450, 200), (2.0, 200, 0))


@pytest.fixture(scope="module")
def results(kibera_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("classed_webmap")
    project = Path(shutil.copy(kibera_project, folder / "kibera.gpkg"))
    crs = Project(project).metadata.working_crs
    buildings = Project(project).read_layer("buildings").to_crs(crs)
    centre = gpd.GeoSeries([buildings.geometry.union_all().centroid], crs=crs)
    rings = [centre.buffer(outer).difference(centre.buffer(inner)).to_crs(4326).iloc[0]
             for _depth, outer, inner in RINGS]
    gpd.GeoDataFrame({"depth": [depth for depth, *_ in RINGS]}, geometry=rings,
                     crs=4326).to_file(folder / "zones.geojson")
    with EditSession(project, contributor="Achieng", mapping_session="shelters") as edit:
        edit.add_feature("facilities", Point(36.7870, -1.3050), "facility/shelter",
                         {"name": "Hall", "capacity": "120"})
        edit.add_feature("facilities", Point(36.7930, -1.3140), "facility/shelter",
                         {"name": "Church"})
        edit.add_feature("facilities", Point(36.7890, -1.3110), "facility/clinic",
                         {"name": "Clinic"})
    for args in (("hazard", "add", project, folder / "zones.geojson", "--name", "flood",
                  "--attribute", "depth", "--scheme", "flood4"),
                 ("analyse", project, "--hazard", "flood", "--exposure", "buildings", "--save"),
                 ("evacuate", project, "--hazard", "flood"),
                 ("access", project, "--to", "clinic")):
        assert quartier([str(arg) for arg in args]) == 0
    return export_webmap(project, folder / "kibera.html")


def _stored_colours(project: Path, name: str) -> dict[str, str]:
    with sqlite3.connect(project) as connection:
        (style,) = connection.execute("SELECT style FROM quartier_layers WHERE name = ?",
                                      (name,)).fetchone()
    return json.loads(style)["class_colours"]


def _call_argument(page: str, call: str, start: str = "{") -> list[dict]:
    """The JSON objects passed to every ``call(...)`` of the page's script."""
    decoder = json.JSONDecoder()
    found = []
    for match in re.finditer(re.escape(call), page):
        found.append(decoder.raw_decode(page, page.index(start, match.end()))[0])
    return found


class _Legend(HTMLParser):
    """Legend groups: heading -> [(line text, swatch fill)]."""

    def __init__(self) -> None:
        super().__init__()
        self.groups: dict[str, list[tuple[str, str | None]]] = {}
        self._heading: str | None = None
        self._in: str | None = None
        self._fill: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("h4", "span"):
            self._in = tag
            if tag == "h4":
                self._heading = ""
        elif tag == "rect":
            self._fill = dict(attrs).get("fill")

    def handle_endtag(self, tag):
        if tag == "h4" and self._heading is not None:
            self.groups[self._heading.strip()] = []
        if tag in ("h4", "span"):
            self._in = None

    def handle_data(self, data):
        if self._in == "h4" and self._heading is not None:
            self._heading += data
        elif self._in == "span" and self.groups:
            list(self.groups.values())[-1].append((data, self._fill))


def test_each_feature_in_its_class_colour_and_a_legend_per_layer(results: Path):
    page = results.read_text(encoding="utf-8")
    project = results.with_suffix(".gpkg")
    specs = {spec["name"]: spec for spec in _call_argument(page, "quartierLayer(", "{")
             if "cls" in spec}
    (decorations,) = _call_argument(page, "quartierDecorate(")
    legend = _Legend()
    legend.feed(decorations["legend"])
    for name, column in CLASSED.items():
        colours = _stored_colours(project, name)
        frame = pyogrio.read_dataframe(project, layer=name)
        assert len(set(frame[column])) >= 3, (name, set(frame[column]))
        spec = specs[name]
        # Every feature, drawn in the colour its class has in the project table.
        drawn = Counter(spec["classes"][index]["fill"] for index in spec["cls"])
        expected = Counter(colours[value] for value in frame[column])
        assert drawn == expected, name
        # The legend: the layer's title over its classes present, in the stored order.
        (title,) = [info.title for info in Project(project).layers() if info.name == name]
        present = [value for value in colours if value in set(frame[column])]
        assert legend.groups[title] == [(value[:1].upper() + value[1:], colours[value])
                                        for value in present], name
    # A layer of one default style is named by its title, not "Line".
    assert "Evacuation routes" in legend.groups
    assert not any(text == "Line" for lines in legend.groups.values() for text, _ in lines)


def _pixels(path: Path):
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    return image, lambda x, y: image.pixelColor(x, y).getRgb()[:3]


def _blend(colour: str, under: tuple[int, int, int], opacity: float) -> tuple[int, ...]:
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return tuple(round(opacity * c + (1 - opacity) * u) for c, u in zip(rgb, under, strict=True))


def test_the_page_shows_the_classes_in_a_browser_with_the_network_off(results: Path,
                                                                     tmp_path: Path):
    binary = _chromium_binary()
    if binary is None:
        pytest.skip("Chromium is not installed, so the web map cannot be opened here.")
    project = results.with_suffix(".gpkg")
    only = export_webmap(project, tmp_path / "exposure.html",
                         layers=["exposure_flood_buildings"])
    titles = {info.name: info.title for info in Project(project).layers()}
    exposed_title = f"{titles['buildings']} exposed to {titles['flood']}"
    shots = {}
    for page in (results, only):
        browser = _open_offline(binary, page, settle=1.5)
        try:
            legend = browser.evaluate("document.querySelector('.q-legend').textContent")
            requests = browser.requests()
            problems = browser.problems()
            shots[page] = tmp_path / f"{page.stem}.png"
            browser.screenshot(shots[page])
        finally:
            browser.close()
        assert not [u for u in requests if not u.startswith(("file:", "data:"))], requests
        assert not problems, problems
        assert exposed_title in legend and "Not exposed" in legend
    # On the page with the exposure alone, over the plain background: the inside of some
    # building in each class is its class colour at the fill opacity (0.7).
    image, rgb = _pixels(shots[only])
    background = rgb(5, image.height() // 2)
    colours = _stored_colours(project, "exposure_flood_buildings")
    classes = set(pyogrio.read_dataframe(project, layer="exposure_flood_buildings",
                                         columns=["hazard_class"])["hazard_class"])
    seen = Counter(rgb(x, y) for x in range(0, image.width(), 2)
                   for y in range(80, image.height() - 40, 2))
    for value in classes:
        want = _blend(colours[value], background, 0.7)
        near = sum(count for pixel, count in seen.items()
                   if max(abs(a - b) for a, b in zip(pixel, want, strict=True)) <= 3)
        assert near >= 3, (value, want, seen.most_common(8))


def test_printed_legend_lists_each_result_layers_classes_under_its_title(results: Path):
    """The risk print puts the result layers in its "Surveys and reference layers"
    section: each layer's classes follow that layer's title, not one bare list."""
    from tests.test_export_maps import _pdf_text

    project = results.with_suffix(".gpkg")
    out = results.with_name("risk.pdf")
    assert quartier(["export", str(project), "--to", str(out), "--template", "risk"]) == 0
    text = _pdf_text(out)
    section = text.index("Surveys and reference layers")
    titles = {info.name: info.title for info in Project(project).layers()}
    starts = sorted((text.index(titles[name], section), name) for name in CLASSED)
    for number, (start, name) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(text)
        block = text[start + len(titles[name]):end]
        stored = [value[:1].upper() + value[1:] for value in _stored_colours(project, name)]
        listed = [value for value in stored if re.search(rf"(^| ){re.escape(value)}( |$)",
                                                           block)]
        # The classes in the frame, in their stored order, right after the title.
        assert len(listed) >= 2, (name, block[:200])
        assert block.strip().startswith(listed[0]), (name, block[:200])
        positions = [block.index(value) for value in listed]
        assert positions == sorted(positions), (name, listed)
