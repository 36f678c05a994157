"""Printed maps show their subject: what is framed, what is drawn whole, what the legend says.

The Kibera sample with the Kianda structure survey (a reference layer, no .prj),
two flood zones and two shelters mapped through :class:`~mapping.editing.EditSession`,
and a flood depth grid over the whole project area that is wet only along the real
Kianda river line. Frames, bounds and the classes inside a frame are computed here
independently of the printing code (geopandas, shapely, pyproj on the stored layers);
the PDFs are read back with poppler's pdftotext.
"""

from __future__ import annotations

import os
import subprocess
import unicodedata
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from mapping.editing import EditSession  # noqa: E402
from mapping.project import Project  # noqa: E402

SURVEY = "kibera/kianda_structures_and_population_dataset.shp"
RIVER = "kibera/kianda_river.shp"
SHELTERS = ("Kituo cha Uokoaji Olympic", "Abri des déplacés de Soweto")
ZONES = (
    ("Eneo la mafuriko Kianda", "high",
     [(36.7840, -1.3150), (36.7920, -1.3150), (36.7925, -1.3128), (36.7845, -1.3130)]),
    ("Soweto chini", "medium",
     [(36.7800, -1.3135), (36.7838, -1.3135), (36.7838, -1.3115), (36.7800, -1.3115)]),
)
#: How much bigger than the subject plus its margin the frame may be, on its tight side.
TIGHT = 1.05


def _pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _add_river_flood(project: Project, data_dir: Path, folder: Path) -> Path:
    """A flood depth grid over the whole project area, wet only within 70 m of the real
    Kianda river (1.8 m on the river, 0.5 m less every 20 m): a hazard layer whose
    extent is the whole project but whose affected part is a strip through Kianda."""
    import rasterio
    from rasterio.transform import from_origin

    from mapping.hazard_store import add_hazard_layer

    west, south, east, north = project.metadata.area_of_interest
    cell = 0.0002
    cols, rows = int(np.ceil((east - west) / cell)), int(np.ceil((north - south) / cell))
    transform = from_origin(west, north, cell, cell)
    crs = project.metadata.working_crs
    river = gpd.read_file(data_dir / RIVER).set_crs("EPSG:4326").to_crs(crs).union_all()
    xs = west + (np.arange(cols) + 0.5) * cell
    ys = north - (np.arange(rows) + 0.5) * cell
    lon, lat = np.meshgrid(xs, ys)
    centres = gpd.GeoSeries(gpd.points_from_xy(lon.ravel(), lat.ravel()), crs="EPSG:4326")
    distance = shapely.distance(centres.to_crs(crs).values, river).reshape(rows, cols)
    depth = np.clip(1.8 - distance / 40.0, 0.0, None).astype("float32")
    path = folder / "kianda_river_flood.tif"
    with rasterio.open(path, "w", driver="GTiff", width=cols, height=rows, count=1,
                       dtype="float32", crs="EPSG:4326", transform=transform) as grid:
        grid.write(depth, 1)
    add_hazard_layer(project, path, "river_flood", title="Kianda river flood depth")
    return path


@pytest.fixture(scope="module")
def kibera(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    """The Kibera sample with the Kianda survey, nothing else mapped yet."""
    import sample_areas
    from mapping.hazard_store import add_reference_layer

    path = sample_areas.sample_project("kibera", folder=tmp_path_factory.mktemp("print"))
    add_reference_layer(Project(path), data_dir / SURVEY, "kianda", crs="EPSG:4326")
    return path


@pytest.fixture(scope="module")
def risky(kibera: Path, tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    """That project with two flood zones, two shelters and the river flood grid."""
    folder = tmp_path_factory.mktemp("risky")
    path = folder / "kibera_risk.gpkg"
    path.write_bytes(kibera.read_bytes())
    with EditSession(path, contributor="Achieng Otieno", mapping_session="kianda-2024") as s:
        for name, severity, ring in ZONES:
            s.add_feature("risk_zones", MultiPolygon([Polygon(ring)]), "risk_zone/flood",
                          {"name": name, "severity": severity})
        s.add_feature("facilities", Point(36.7905, -1.3101), "facility/evacuation_centre",
                      {"name": SHELTERS[0], "capacity": "300"})
        s.add_feature("facilities", Point(36.7832, -1.3098), "facility/shelter",
                      {"name": SHELTERS[1], "capacity": "120"})
    _add_river_flood(Project(path), data_dir, folder)
    return path


def _bounds(frames: list[gpd.GeoDataFrame], crs: str) -> tuple[float, float, float, float]:
    boxes = np.array([f.to_crs(crs).total_bounds for f in frames])
    return (boxes[:, 0].min(), boxes[:, 1].min(), boxes[:, 2].max(), boxes[:, 3].max())


def _contains(frame: tuple, box: tuple) -> bool:
    return (frame[0] <= box[0] and frame[1] <= box[1] and frame[2] >= box[2]
            and frame[3] >= box[3])


def _tightness(frame: tuple, box: tuple) -> float:
    """Frame size over subject-plus-margin size on the frame's tight side (1.0: exact)."""
    from mapping.export.printing import FIT_MARGIN

    usable = 1.0 - 2.0 * FIT_MARGIN
    return min((frame[2] - frame[0]) * usable / (box[2] - box[0]),
               (frame[3] - frame[1]) * usable / (box[3] - box[1]))


def test_overview_draws_the_survey_whole_and_names_it(kibera: Path, data_dir: Path,
                                                      tmp_path: Path):
    from mapping.export.printing import export_print, print_extent

    project = Project(kibera)
    crs = project.metadata.working_crs
    survey = gpd.read_file(data_dir / SURVEY).set_crs("EPSG:4326")
    frame = print_extent(kibera, "overview")
    assert _contains(frame, _bounds([survey], crs)), (frame, _bounds([survey], crs))
    title = next(i.title for i in project.layers() if i.name == "kianda")
    text = _pdf_text(export_print(kibera, tmp_path / "overview.pdf", template="overview",
                                  dpi=100))
    assert "Surveys and reference layers" in text and title in text, text


def test_risk_map_with_nothing_at_risk_yet_is_framed_on_the_town(kibera: Path, data_dir: Path):
    """No risk zone, shelter or hazard: the town (buildings, POIs, places, the survey),
    not the project's whole area with the long roads running out of it."""
    from mapping.export.printing import print_extent

    project = Project(kibera)
    crs = project.metadata.working_crs
    town = [project.read_layer(name) for name in ("buildings", "pois", "places")]
    town.append(gpd.read_file(data_dir / SURVEY).set_crs("EPSG:4326"))
    box = _bounds(town, crs)
    frame = print_extent(kibera, "risk")
    assert _contains(frame, box)
    assert _tightness(frame, box) < TIGHT, (frame, box)


def test_risk_map_is_framed_on_zones_shelters_and_the_flooded_strip(risky: Path):
    from mapping.export.printing import print_extent

    project = Project(risky)
    crs = project.metadata.working_crs
    zones = project.read_layer("risk_zones")
    shelters = project.read_layer("facilities")
    assert len(zones) == 2 and len(shelters) == 2
    # The flooded strip, from the grid as stored: the cells with a depth above 0.
    from mapping.hazard_store import read_hazard_raster

    grid = read_hazard_raster(project, "river_flood")
    rows, cols = np.nonzero(grid.classes > 0)
    corners = [grid.transform * (c, r) for c, r in
               ((cols.min(), rows.min()), (cols.max() + 1, rows.max() + 1))]
    wet = gpd.GeoDataFrame(geometry=[shapely.box(corners[0][0], corners[1][1],
                                                 corners[1][0], corners[0][1])],
                           crs="EPSG:4326")
    subject = _bounds([zones, shelters, wet], crs)
    for paper, orientation in (("A4", "landscape"), ("A3", "portrait")):
        frame = print_extent(risky, "risk", paper, orientation)
        assert _contains(frame, _bounds([zones, shelters], crs)), (paper, orientation)
        # The wet strip is framed to within a grid cell (22 m) of the stored grid.
        grown = (subject[0] + 25, subject[1] + 25, subject[2] - 25, subject[3] - 25)
        assert _contains(frame, grown)
        assert _tightness(frame, subject) < TIGHT, (paper, orientation, frame, subject)


def _classes_in_frame(project: Project, renderer, name: str, frame: tuple) -> set[str]:
    """Labels of the style classes of ``name``'s features that meet ``frame``, found with
    geopandas and shapely on the stored layer (the class of each feature is the style's)."""
    layer = project.read_layer(name).to_crs(project.metadata.working_crs)
    meets = layer.geometry.intersects(shapely.box(*frame)).to_numpy()
    fids = set(np.asarray(layer.index)[meets].tolist())
    data = renderer.layer_data(name)
    class_of = dict(zip(data.fids.tolist(), data.classes.tolist(), strict=True))
    rules = data.style.classes
    return {rules[class_of[f]].label for f in fids if class_of.get(f, -1) >= 0
            and (rules[class_of[f]].fill or rules[class_of[f]].stroke)}


def test_legend_lists_only_what_the_frame_shows(risky: Path, tmp_path: Path):
    from mapping.export.printing import export_print, prepare_sheet

    sheet = prepare_sheet(risky, "risk", "A4", "landscape", None, None, 100, True, None)
    frame = sheet.extent
    project = Project(risky)
    legend = sheet.renderer.legend(frame)
    everywhere = sheet.renderer.legend()
    missing_somewhere = False
    for name in ("roads", "water", "buildings", "risk_zones", "kianda"):
        inside = _classes_in_frame(project, sheet.renderer, name, frame)
        listed = {e.label for e in legend if e.layer == name}
        assert listed == inside, (name, listed, inside)
        missing_somewhere |= bool({e.label for e in everywhere if e.layer == name} - inside)
    # The project has roads and water kinds outside the frame: they must not be listed.
    assert missing_somewhere
    # The flood grid: its three classes are all inside the frame.
    grid = sheet.renderer.layer_data("river_flood")
    window = grid.classes_in(frame)
    assert {e.label for e in legend if e.layer == "river_flood"} == {
        grid.legend.labels[c] for c in grid.legend.labels if int(c) in window}
    # On paper: the road kinds outside the frame are nowhere in the printed legend.
    text = _pdf_text(export_print(risky, tmp_path / "risk.pdf", template="risk", dpi=100))
    inside_roads = _classes_in_frame(project, sheet.renderer, "roads", frame)
    outside = {e.label for e in everywhere if e.layer == "roads"} - inside_roads
    for label in outside:
        if not any(label in other for other in inside_roads):
            assert label not in text, label
    for expected in ("Risk zones reported by residents", "High", "Medium", SHELTERS[0],
                     "Kianda river flood depth"):
        assert expected in text, expected
