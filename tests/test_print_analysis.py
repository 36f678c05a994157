"""The "Risk and evacuation" printed map shows who is exposed and how people reach safety.

Kibera (the real OSM sample) with a flood made here: rings around the real Kianda river
(high within 60 m, medium to 200 m, low to 300 m) and a pond over a block of houses
(high core, medium and low rings); the Kianda structure survey (1,510 polygons with a ``POP``
field) as a population layer; two shelters mapped by residents; and the routes that
``evacuate`` saved. The figures printed are read back from the PDF (pdftotext) and
compared with counts made here from the stored layers alone: shapely for the buildings
in each class and the people in the affected zones, pyogrio and numpy for the routes.
The page is rendered (pdftoppm) and the route colour looked for along the routes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import Point

from layers.errors import QuartierError
from mapping.analysis import evacuation
from mapping.editing import EditSession
from mapping.export import print_analysis
from mapping.hazard_store import add_hazard_layer, add_reference_layer
from mapping.project import Project

QUARTIER = str(Path(sys.executable).with_name("quartier"))
SHELTERS = {"Olympic primary school hall": ((36.7870, -1.3050), "120"),
            "Kianda church": ((36.7930, -1.3140), "")}
POND = (36.7824, -1.3086)
#: (depth in metres, class under the flood thresholds 0.5 / 1.5 m) of each zone.
DEPTHS = [(2.0, "high"), (1.0, "medium"), (0.3, "low"), (1.8, "high"), (0.8, "medium"),
          (0.2, "low")]
RANK = {"low": 1, "medium": 2, "high": 3}


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                          text=True, check=True)
    return " ".join(unicodedata.normalize("NFKC", done.stdout).split())


def number(text: str) -> int:
    return int(text.replace(",", ""))


@pytest.fixture(scope="module")
def routed(kibera_project: Path, tmp_path_factory: pytest.TempPathFactory,
           data_dir: Path) -> dict:
    folder = tmp_path_factory.mktemp("print_analysis")
    path = folder / "kibera.gpkg"
    shutil.copy(kibera_project, path)
    project = Project(path)
    crs = project.metadata.working_crs
    river = gpd.GeoSeries(pyogrio.read_dataframe(data_dir / "kibera" / "kianda_river.shp")
                          .geometry.values, crs=4326).to_crs(crs).iloc[0]
    pond = gpd.GeoSeries([Point(POND)], crs=4326).to_crs(crs).iloc[0]
    rings = [river.buffer(d) for d in (60, 200, 300)]
    zones_m = [rings[0], rings[1].difference(rings[0]), rings[2].difference(rings[1]),
               pond.buffer(35), pond.buffer(90).difference(pond.buffer(35)),
               pond.buffer(140).difference(pond.buffer(90))]
    zones = gpd.GeoSeries(zones_m, crs=crs).to_crs(4326)
    flood = folder / "flood.geojson"
    gpd.GeoDataFrame({"depth": [d for d, _ in DEPTHS]}, geometry=zones.values,
                     crs=4326).to_file(flood)
    add_hazard_layer(project, flood, "kianda_flood", attribute="depth", title="Kianda flood")
    add_reference_layer(project, data_dir / "kibera" /
                        "kianda_structures_and_population_dataset.shp", "kianda_structures",
                        crs="EPSG:4326", title="Kianda structures")
    with EditSession(path, contributor="Achieng Otieno", mapping_session="shelters") as edit:
        uuids = {name: edit.add_feature("facilities", Point(lonlat), "facility/shelter",
                                        {"name": name, **({"capacity": c} if c else {})})
                 for name, (lonlat, c) in SHELTERS.items()}
    from mapping.export.printing import export_print

    # The same map before the routes are computed, for the pixel check.
    bare = export_print(path, folder / "bare.pdf", template="risk", dpi=100)
    project = Project(path)
    evacuation.write_routes(project, evacuation.evacuate(project, "kianda_flood"))
    out = folder / "risk.pdf"
    export_print(path, out, template="risk")
    return {"path": path, "zones": list(zones.values), "zones_m": zones_m, "crs": crs,
            "uuids": uuids, "folder": folder, "pdf": out, "bare": bare, "text": pdf_text(out)}


def test_buildings_in_each_class_match_shapely(routed: dict) -> None:
    text = routed["text"]
    buildings = pyogrio.read_dataframe(routed["path"], layer="buildings").geometry.values
    buildings = buildings[~shapely.is_empty(buildings)]
    # Each building takes the highest class of any zone it touches.
    best = np.zeros(len(buildings), dtype=int)
    for zone, (_depth, name) in zip(routed["zones"], DEPTHS, strict=True):
        touched = shapely.intersects(buildings, zone)
        best[touched] = np.maximum(best[touched], RANK[name])
    counts = {name: int((best == rank).sum()) for name, rank in RANK.items()}
    assert min(counts.values()) > 0
    for name, count in counts.items():
        mark = r" \(affected\)" if name != "low" else ""
        assert re.search(rf"{name.capitalize()}: {count:,} buildings?{mark}", text), (name, text)
    affected = counts["high"] + counts["medium"]
    found = re.search(r"([\d,]+) buildings? of ([\d,]+) stand in the medium or high zones",
                      text)
    assert found, text
    assert (number(found.group(1)), number(found.group(2))) == (affected, len(buildings))


def test_people_in_the_affected_zones_match_shapely(routed: dict) -> None:
    """People are shared out by area: each structure's POP times the part of its area in
    the medium or high zones."""
    survey = pyogrio.read_dataframe(routed["path"], layer="kianda_structures")
    to_m = Transformer.from_crs("EPSG:4326", routed["crs"], always_xy=True)
    polygons = shapely.transform(survey.geometry.values,
                                 lambda xy: np.column_stack(to_m.transform(xy[:, 0], xy[:, 1])))
    affected = shapely.union_all([z for z, (_d, name) in zip(routed["zones_m"], DEPTHS,
                                                               strict=True) if name != "low"])
    share = shapely.area(shapely.intersection(polygons, affected)) / shapely.area(polygons)
    expected = float(np.nansum(survey["POP"].to_numpy(dtype=float) * share))
    assert 0 < expected < survey["POP"].sum()  # some people live outside
    found = re.search(r"About ([\d,]+) people live in those zones \(from Kianda structures\)",
                      routed["text"])
    assert found, routed["text"]
    assert number(found.group(1)) == pytest.approx(expected, rel=0.002, abs=2)


def test_route_figures_match_the_saved_routes(routed: dict) -> None:
    text = routed["text"]
    routes = pyogrio.read_dataframe(routed["path"], layer="evacuation_routes")
    buildings = pyogrio.read_dataframe(routed["path"], layer="buildings", fid_as_index=True)
    total = len(buildings)
    routed_count = routes["building_fid"].nunique()
    assert routed_count == len(routes)
    found = re.search(r"([\d,]+) buildings? of ([\d,]+) (?:has|have) a safe walking route", text)
    assert found, text
    assert (number(found.group(1)), number(found.group(2))) == (routed_count, total)
    stranded = total - routed_count
    assert stranded > 0
    assert f"{stranded:,} buildings have no safe route (marked × on the map)" in text
    walk = routes["walk_s"].to_numpy(dtype=float) / 60
    found = re.search(r"Walk to a shelter: median ([\d.]+) min, 90% of routed buildings "
                      r"within ([\d.]+) min",
                      text)
    assert found, text
    assert float(found.group(1)) == pytest.approx(np.median(walk), abs=0.051)
    assert float(found.group(2)) == pytest.approx(np.percentile(walk, 90), abs=0.051)
    assert "avoiding the medium and high zones of Kianda flood" in text


def test_each_shelter_shows_its_load(routed: dict) -> None:
    text = routed["text"]
    routes = pyogrio.read_dataframe(routed["path"], layer="evacuation_routes")
    counts = routes["destination"].value_counts()
    assert counts.sum() == len(routes)
    for name, uuid in routed["uuids"].items():
        count = int(counts.get(uuid, 0))
        assert count > 0
        capacity = SHELTERS[name][1]
        minutes = np.median(routes.loc[routes["destination"] == uuid, "walk_s"]) / 60
        found = re.search(re.escape(name) + r" Shelter for displaced people · "
                          + f"{count} buildings routed here"
                          + (f" · room for {capacity} people" if capacity else "")
                          + r" · median walk ([\d.]+) min", text)
        assert found, (name, text)
        assert float(found.group(1)) == pytest.approx(minutes, abs=0.051)
    assert "Evacuation route" in text and "Building with no safe route" in text


def _colour_near(image: np.ndarray, x: float, y: float, colour: np.ndarray, radius: int,
                 tolerance: int = 40) -> bool:
    row, col = int(round(y)), int(round(x))
    patch = image[max(row - radius, 0):row + radius + 1, max(col - radius, 0):col + radius + 1]
    return bool((np.abs(patch.astype(int) - colour).max(axis=2) <= tolerance).any())


def _raster(pdf: Path, dpi: int) -> np.ndarray:
    stem = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-singlefile", str(pdf), str(stem)],
                   check=True)
    data = stem.with_suffix(".ppm").read_bytes()
    header = data.split(b"\n", 3)  # P6, "width height", 255, pixels
    width, height = (int(v) for v in header[1].split())
    return np.frombuffer(header[3], dtype=np.uint8).reshape(height, width, 3)


def test_routes_are_drawn_where_they_run(routed: dict) -> None:
    """The route colour is on the page along the saved routes, and not elsewhere in the
    map frame of the same project printed without its routes."""
    from mapping.export.printing import prepare_sheet

    dpi = 100
    image = _raster(routed["pdf"], dpi)
    sheet = prepare_sheet(routed["path"], "risk", "A4", "landscape", None, None, dpi, True, None)
    frame, view = sheet.layout.frame, sheet.view
    assert np.abs(np.subtract(image.shape[:2], sheet.page.size[::-1])).max() <= 1
    purple = np.array([int(print_analysis.ROUTE_COLOUR[i:i + 2], 16) for i in (1, 3, 5)])
    routes = pyogrio.read_dataframe(routed["path"], layer="evacuation_routes")
    to_m = Transformer.from_crs("EPSG:4326", routed["crs"], always_xy=True)
    # Halfway along every route (not under a shelter's badge), in page pixels.
    to_page = frame.width() / view.width
    badges = [(frame.left() + x * to_page, frame.top() + y * to_page)
              for x, y in (view.to_pixel(s.x, s.y) for s in sheet.shelters)]
    hits = []
    for line in routes.geometry.values:
        metres = shapely.transform(line, lambda xy: np.column_stack(
            to_m.transform(xy[:, 0], xy[:, 1])))
        half = shapely.line_interpolate_point(metres, 0.5, normalized=True)
        px, py = view.to_pixel(half.x, half.y)
        x, y = frame.left() + px * to_page, frame.top() + py * to_page
        if min(np.hypot(x - bx, y - by) for bx, by in badges) > sheet.page.mm(4):
            hits.append(_colour_near(image, x, y, purple, 1))
    assert len(hits) > 0.8 * len(routes)
    assert np.mean(hits) > 0.95
    # The same place printed before the routes were computed has no route colour.
    plain = _raster(routed["bare"], dpi)
    inside = plain[frame.top():frame.bottom(), frame.left():frame.right()].astype(int)
    assert ((np.abs(inside - purple).max(axis=2) <= 40).sum()) < 20
    coloured = image[frame.top():frame.bottom(), frame.left():frame.right()].astype(int)
    assert ((np.abs(coloured - purple).max(axis=2) <= 40).sum()) > 2000


@pytest.mark.parametrize(("paper", "orientation"), [("A4", "portrait"), ("A3", "portrait"),
                                                    ("A3", "landscape")])
def test_every_layout_prints_every_figure(routed: dict, paper: str, orientation: str) -> None:
    from mapping.export.printing import export_print

    out = export_print(routed["path"], routed["folder"] / f"{paper}_{orientation}.pdf",
                       template="risk", paper=paper, orientation=orientation, dpi=100)
    text = pdf_text(out)
    assert "more lines, not shown" not in text
    assert "..." not in text  # no line of the panel cut short (an ellipsis, after NFKC)
    for words in ("What the analysis found", "stand in the medium or high zones",
                  "live in those zones", "have a safe walking route",
                  "have no safe route", "Walk to a shelter: median", "Kianda church",
                  "Olympic primary school hall", "Building with no safe route"):
        assert words in text, (paper, orientation, words)


def test_cli_prints_the_figures(routed: dict) -> None:
    out = routed["folder"] / "cli.pdf"
    done = subprocess.run([QUARTIER, "export", str(routed["path"]), "--to", str(out),
                           "--template", "risk", "--dpi", "100"], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    text = pdf_text(out)
    assert "What the analysis found" in text and "routed here" in text


def test_cli_counts_the_hazard_asked_for(routed: dict, tmp_path: Path) -> None:
    """``--hazard`` picks which hazard layer's exposure is printed; without it, the one
    the routes avoid. The pond alone, added as a second hazard, gives the pond's counts
    (shapely on the pond zones), not the river's."""
    path = tmp_path / "two_hazards.gpkg"
    shutil.copy(routed["path"], path)
    pond = routed["zones"][3:]
    pond_file = tmp_path / "pond.geojson"
    gpd.GeoDataFrame({"depth": [d for d, _ in DEPTHS[3:]]}, geometry=pond,
                     crs=4326).to_file(pond_file)
    add_hazard_layer(Project(path), pond_file, "pond_flood", attribute="depth",
                     title="Pond flood")
    buildings = pyogrio.read_dataframe(path, layer="buildings").geometry.values
    buildings = buildings[~shapely.is_empty(buildings)]
    best = np.zeros(len(buildings), dtype=int)
    for zone, (_depth, name) in zip(pond, DEPTHS[3:], strict=True):
        touched = shapely.intersects(buildings, zone)
        best[touched] = np.maximum(best[touched], RANK[name])
    high = int((best == RANK["high"]).sum())
    assert 0 < high < len(buildings)
    texts = {}
    for hazard in ("pond_flood", None):
        out = tmp_path / f"{hazard}.pdf"
        done = subprocess.run([QUARTIER, "export", str(path), "--to", str(out), "--template",
                               "risk", "--dpi", "60", *(["--hazard", hazard] if hazard else [])],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        texts[hazard] = pdf_text(out)
    assert "Buildings in each zone of Pond flood" in texts["pond_flood"]
    assert re.search(rf"High: {high:,} buildings? \(affected\)", texts["pond_flood"])
    assert "Buildings in each zone of Kianda flood" in texts[None]
    done = subprocess.run([QUARTIER, "export", str(path), "--to", str(tmp_path / "x.pdf"),
                           "--template", "risk", "--hazard", "rain"], capture_output=True,
                          text=True)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "no hazard layer called 'rain'" in done.stderr and "pond_flood" in done.stderr


def test_unknown_hazard_is_a_sentence(routed: dict) -> None:
    from mapping.export.printing import export_print

    out = routed["folder"] / "nope.pdf"
    with pytest.raises(QuartierError, match="no hazard layer called 'nope'.*kianda_flood"):
        export_print(routed["path"], out, template="risk", hazard="nope")
    assert not out.exists()


def test_hazard_without_shelters_or_routes(kibera_project: Path, tmp_path: Path,
                                           routed: dict) -> None:
    """Exposure figures, no route lines, and the sentence about shelters stays."""
    from mapping.export.printing import export_print

    path = tmp_path / "hazard_only.gpkg"
    shutil.copy(kibera_project, path)
    add_hazard_layer(Project(path), routed["folder"] / "flood.geojson", "kianda_flood",
                     attribute="depth", title="Kianda flood")
    text = pdf_text(export_print(path, tmp_path / "hazard_only.pdf", template="risk",
                                 dpi=100))
    assert "What the analysis found" in text and "stand in the medium or high zones" in text
    assert "Evacuation route" not in text and "safe walking route" not in text
    assert "No shelter or evacuation centre has been mapped yet." in text


def test_without_hazard_no_figures(kibera_project: Path, tmp_path: Path) -> None:
    from mapping.export.printing import export_print

    path = tmp_path / "plain.gpkg"
    shutil.copy(kibera_project, path)
    text = pdf_text(export_print(path, tmp_path / "plain.pdf", template="risk", dpi=100))
    assert "What the analysis found" not in text
    assert "Evacuation route" not in text
    assert "No shelter or evacuation centre has been mapped yet." in text


def test_routes_to_another_layer_name_its_places(routed: dict, tmp_path: Path) -> None:
    """Routed with ``--to halls`` (a reference layer, not facilities): each hall is
    numbered where its routes end and listed with its name and load."""
    from mapping.export.printing import export_print

    path = tmp_path / "halls.gpkg"
    shutil.copy(routed["path"], path)
    halls = {"Toi market hall": (36.7895, -1.3120), "Laini Saba chief's camp": (36.7960, -1.3075)}
    source = tmp_path / "halls.geojson"
    gpd.GeoDataFrame({"name": list(halls)}, geometry=[Point(p) for p in halls.values()],
                     crs=4326).to_file(source)
    project = Project(path)
    add_reference_layer(project, source, "halls", title="Community halls")
    evacuation.write_routes(project, evacuation.evacuate(project, "kianda_flood", to="halls"))
    text = pdf_text(export_print(path, tmp_path / "halls.pdf", template="risk", dpi=100))
    routes = pyogrio.read_dataframe(path, layer="evacuation_routes")
    frame = pyogrio.read_dataframe(path, layer="halls", fid_as_index=True)
    counts = routes["destination"].value_counts()
    assert set(counts.index) == {f"halls:{fid}" for fid in frame.index}
    for fid, name in frame["name"].items():
        count = int(counts[f"halls:{fid}"])
        assert re.search(re.escape(name) + rf" From halls · {count} buildings? routed here",
                         text), (name, text)
    # The residents' shelters are still listed, with no building routed to them now.
    assert "Kianda church Shelter for displaced people · 0 buildings routed here" in text


def test_a_hazard_away_from_the_buildings_says_so(kibera_project: Path, tmp_path: Path) -> None:
    """A flood west of every building: the box says why there are no figures."""
    from mapping.export.printing import export_print

    path = tmp_path / "away.gpkg"
    shutil.copy(kibera_project, path)
    source = tmp_path / "west.geojson"
    gpd.GeoDataFrame({"depth": [1.0]}, geometry=[Point(36.740, -1.320).buffer(0.004)],
                     crs=4326).to_file(source)
    add_hazard_layer(Project(path), source, "west_flood", attribute="depth",
                     title="West flood")
    text = pdf_text(export_print(path, tmp_path / "away.pdf", template="risk", dpi=100))
    assert re.search(r"What the analysis found No feature of buildings lies on the hazard "
                     r"layer west_flood", text), text


def test_buildings_with_no_route_close_together_share_a_cross() -> None:
    from mapping.export.printing import _gather

    rng = np.random.default_rng(7)
    block = rng.normal((100.0, 100.0), 3.0, size=(40, 2))
    street = np.column_stack([np.linspace(400, 700, 6), np.full(6, 300.0)])
    centres, counts = _gather(np.concatenate([block, street]), 20.0)
    assert counts.sum() == 46
    assert sorted(counts.tolist())[-1] == 40  # the block is one group
    biggest = centres[np.argmax(counts)]
    assert np.hypot(*(biggest - block.mean(axis=0))) < 1.0
    # Houses 60 px apart along a street keep a cross each.
    assert sorted(counts.tolist())[:-1] == [1] * 6


def test_four_class_hazard_names_its_own_avoided_classes(routed: dict, tmp_path: Path) -> None:
    """With the 4-class flood scheme (use caution, low, medium, high; every class but the
    lowest affected by default), ``quartier evacuate`` avoids low, medium and high and
    the print names those three, not the codes of a three-class layer."""
    from mapping.export.printing import export_print

    path = tmp_path / "flood4.gpkg"
    shutil.copy(routed["path"], path)
    for args in (["hazard", "classify", str(path), "kianda_flood", "--scheme", "flood4"],
                 ["evacuate", str(path), "--hazard", "kianda_flood", "--json"]):
        done = subprocess.run([QUARTIER, *args], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    # Independently: every zone of the layer deeper than 0.1 m (low, medium, high) is
    # avoided, so no route touches one.
    routes = np.asarray(pyogrio.read_dataframe(path, layer="evacuation_routes").geometry.values)
    avoided = [z for z, (depth, _) in zip(routed["zones"], DEPTHS, strict=True) if depth > 0.1]
    assert len(avoided) == len(DEPTHS)
    assert not shapely.intersects(routes[:, None], np.array(avoided)[None, :]).any()
    text = pdf_text(export_print(path, tmp_path / "flood4.pdf", template="risk", dpi=100))
    assert "avoiding the low, medium and high zones of Kianda flood" in text, text


def test_routes_saved_with_codes_only_still_name_their_classes(routed: dict,
                                                               tmp_path: Path) -> None:
    """A routes layer saved before the class names were stored (codes 2, 3 only)."""
    import json
    import sqlite3

    path = tmp_path / "old.gpkg"
    shutil.copy(routed["path"], path)
    with sqlite3.connect(path) as connection:
        style = json.loads(connection.execute(
            "SELECT style FROM quartier_layers WHERE name = 'evacuation_routes'").fetchone()[0])
        assert style.pop("avoid_names") == ["medium", "high"]
        style["avoid"] = [2, 3]
        connection.execute("UPDATE quartier_layers SET style = ? WHERE name = "
                           "'evacuation_routes'", (json.dumps(style),))
    found = print_analysis.read_evacuation(Project(path), routed["crs"])
    assert found is not None and found.avoided == ("medium", "high")


def test_shelter_loads_in_people_when_a_census_is_given(routed: dict, tmp_path: Path) -> None:
    """With ``--population`` (two made-up census areas, west and east), each shelter's
    load is printed in people against its room: each area's people shared equally among
    the buildings whose centre lies in it, summed over the buildings routed there (by
    hand, from the routes layer), rounded up."""
    import math

    from desktop.cli import main as quartier
    from mapping.export import print_analysis
    from mapping.export.printing import export_print

    path = tmp_path / "census.gpkg"
    shutil.copy(routed["path"], path)
    buildings = pyogrio.read_dataframe(path, layer="buildings", fid_as_index=True)
    centres = shapely.centroid(buildings.geometry.values)
    west, south, east, north = buildings.total_bounds
    middle = (west + east) / 2
    areas = [shapely.box(west - 0.01, south - 0.01, middle, north + 0.01),
             shapely.box(middle, south - 0.01, east + 0.01, north + 0.01)]
    people = [1000, 601]
    source = tmp_path / "census.geojson"
    gpd.GeoDataFrame({"name": ["West", "East"], "population": people}, geometry=areas,
                     crs=4326).to_file(source)
    assert quartier(["layer", "add", str(path), str(source), "--name", "census"]) == 0
    assert quartier(["evacuate", str(path), "--hazard", "kianda_flood", "--population",
                     "census", "--no-service-areas", "--json"]) == 0
    # By hand: the first area holding each building's centre (west first).
    inside = np.stack([shapely.contains(area, centres) | shapely.touches(area, centres)
                       for area in areas])
    first = np.where(inside[0], 0, np.where(inside[1], 1, -1))
    share = {k: people[k] / int((first == k).sum()) for k in (0, 1)}
    per_building = dict(zip(buildings.index, [share.get(int(k), 0.0) for k in first],
                            strict=True))
    routes = pyogrio.read_dataframe(path, layer="evacuation_routes")
    text = pdf_text(export_print(path, tmp_path / "census.pdf", template="risk", dpi=100))
    for name, uuid in routed["uuids"].items():
        mine = routes[routes["destination"] == uuid]
        expected = math.ceil(round(sum(per_building[int(f)] for f in mine["building_fid"]), 6))
        count = len(mine)
        assert re.search(re.escape(name) + r" Shelter for displaced people · "
                         + f"{expected:,} (person|people) from {count:,} buildings? routed here",
                         text), (name, expected, text)
        capacity = SHELTERS[name][1]
        if capacity:  # the badge on the map (drawn as outlines): people against room
            evacuated = print_analysis.read_evacuation(Project(path), routed["crs"])
            assert print_analysis.load_words(uuid, str(capacity), evacuated) == \
                f"{expected:,}/{capacity} people"
