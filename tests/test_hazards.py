"""Hazard and reference layers: import, storage in the project, reading back, bad input.

Real data from ../shared/data; expected figures are computed here independently
(plain rasterio/numpy on the source raster, geopandas on the source vectors).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import rasterio
import rasterio.io
import shapely
from pyproj import Transformer
from rasterio.transform import from_origin
from rasterio.windows import Window

from desktop.cli import main
from layers import layer_import
from layers.errors import (
    CancelledError,
    CRSMissingError,
    InputFileError,
    OutsideAreaError,
    ValidationError,
)
from layers.hazard_classes import HazardClass, HazardType, Thresholds
from layers.layer_import import expand_area
from mapping import hazard_store
from mapping.project import Project, ProjectMetadata, create_project

DATA = Path(os.environ.get("QUARTIER_SHARED_DATA",
                          Path(__file__).resolve().parents[2] / "shared" / "data"))
JAKARTA = DATA / "jakarta"
FLOOD_DEPTH = JAKARTA / "flood_depth.tif"
FLOODED_RW = JAKARTA / "flooded_rw_2007.shp"
FLOOD_CATEGORY = DATA / "more" / "jakarta_extra" / "jakarta_flood_category_123.asc"
SCENARIOS = DATA / "inasafe_scenarios"
CLASSIFIED_VECTOR = SCENARIOS / "s01" / "gisv4" / "hazard" / "classified_vector.geojson"
KIANDA = DATA / "kibera" / "kianda_structures_and_population_dataset.shp"
VILLAGES = DATA / "kibera" / "villages.shp"
DAKAR = DATA / "dakar"
#: A part of central-east Jakarta that holds the deepest cell of flood_depth.tif.
JAKARTA_PART = (106.83, -6.19, 106.90, -6.13)

# rasterio itself still multiplies Affine transforms the old way.
pytestmark = pytest.mark.filterwarnings("ignore:Use `@` matmul:PendingDeprecationWarning")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _centres_inside(transform, shape, area) -> np.ndarray:
    """Cells whose centre lies inside ``area`` (west, south, east, north)."""
    rows, cols = np.mgrid[0:shape[0], 0:shape[1]] + 0.5
    xs = transform.c + cols * transform.a
    ys = transform.f + rows * transform.e
    return (xs >= area[0]) & (xs <= area[2]) & (ys >= area[1]) & (ys <= area[3])


def _make_project(path: Path, layers: dict[str, gpd.GeoDataFrame], name: str) -> Project:
    bounds = np.array([frame.to_crs(4326).total_bounds for frame in layers.values()])
    area = (bounds[:, 0].min(), bounds[:, 1].min(), bounds[:, 2].max(), bounds[:, 3].max())
    return create_project(path, layers, ProjectMetadata(
        name=name, area_of_interest=tuple(float(v) for v in area)))


@pytest.fixture(scope="module")
def jakarta_template(tmp_path_factory) -> Path:
    buildings = pyogrio.read_dataframe(JAKARTA / "buildings.gpkg")
    west, south, east, north = JAKARTA_PART
    part = buildings.cx[west:east, south:north]
    path = tmp_path_factory.mktemp("template") / "jakarta.gpkg"
    _make_project(path, {"buildings": part}, "Jakarta test")
    return path


@pytest.fixture
def jakarta(tmp_path, jakarta_template) -> Project:
    path = tmp_path / "jakarta.gpkg"
    shutil.copy(jakarta_template, path)
    return Project(path)


@pytest.fixture
def kibera(tmp_path) -> Project:
    return _make_project(tmp_path / "kibera.gpkg",
                         {"villages": pyogrio.read_dataframe(VILLAGES)}, "Kibera test")


# ---------------------------------------------------------------- raster hazards


def test_flood_depth_raster_is_cut_to_the_area_and_keeps_values(jakarta):
    report = hazard_store.add_hazard_layer(jakarta, FLOOD_DEPTH, "flood_depth")
    stored = hazard_store.read_hazard_raster(jakarta, "flood_depth")

    with rasterio.open(FLOOD_DEPTH) as source:
        full = source.read(1)
        step = source.transform.a
        col = (stored.transform.c - source.transform.c) / step
        row = (stored.transform.f - source.transform.f) / source.transform.e
        assert stored.transform.a == pytest.approx(step, rel=1e-12)
        assert abs(col - round(col)) < 1e-6 and abs(row - round(row)) < 1e-6  # same grid
        rows, cols = stored.values.shape
        expected = full[round(row):round(row) + rows, round(col):round(col) + cols]
    # Only the part around the area: fewer cells than the source, but all of the area.
    assert stored.values.size < full.size
    assert report.count == stored.values.size
    west, south, east, north = stored.bounds
    aoi = jakarta.metadata.area_of_interest
    assert west <= aoi[0] and south <= aoi[1] and east >= aoi[2] and north >= aoi[3]
    # Cell for cell the source values (Float32 tiles are lossless), the deepest 5.86 m included.
    np.testing.assert_array_equal(stored.values, expected)
    assert float(np.nanmax(stored.values)) == pytest.approx(5.8627, abs=1e-4)
    # Class shares computed independently from the source cells.
    independent = {
        HazardClass.NONE: np.count_nonzero(expected <= 0),
        HazardClass.LOW: np.count_nonzero((expected > 0) & (expected <= 0.5)),
        HazardClass.MEDIUM: np.count_nonzero((expected > 0.5) & (expected <= 1.5)),
        HazardClass.HIGH: np.count_nonzero(expected > 1.5),
    }
    for code, count in independent.items():
        assert np.count_nonzero(stored.classes == code) == count
        assert report.class_counts[code] == count
    # Shares of each class among the cells whose centre is inside the project area:
    # from the whole source file on one side, from the stored layer on the other.
    source_inside = full[_centres_inside(source.transform, full.shape, aoi)]
    stored_inside = stored.classes[_centres_inside(stored.transform, stored.values.shape, aoi)]
    assert stored_inside.size == source_inside.size > 10_000
    depth = source_inside
    source_shares = [np.mean(depth <= 0), np.mean((depth > 0) & (depth < 0.5)),
                     np.mean((depth >= 0.5) & (depth < 1.5)), np.mean(depth >= 1.5)]
    assert [np.mean(stored_inside == code) for code in range(4)] == source_shares
    assert stored.crs == "EPSG:4326"
    assert stored.legend.labels[HazardClass.MEDIUM] == "Medium (0.5–1.5 m)"


def test_ascii_grid_keeps_nodata_and_gdal_opens_the_project(jakarta):
    hazard_store.add_hazard_layer(jakarta, FLOOD_CATEGORY, "flood_category",
                                  thresholds=Thresholds((1.5, 2.5), unit=""))
    stored = hazard_store.read_hazard_raster(jakarta, "flood_category")
    with rasterio.open(FLOOD_CATEGORY) as source:
        window = rasterio.windows.from_bounds(*stored.bounds, source.transform).round_offsets()
        expected = source.read(1, window=Window(window.col_off, window.row_off,
                                                *stored.values.shape[::-1]), masked=True)
    assert np.isnan(stored.values).sum() == expected.mask.sum() > 0
    np.testing.assert_array_equal(stored.values[~expected.mask], expected.compressed())
    for code in (1, 2, 3):  # categories 1, 2, 3 -> low, medium, high
        assert np.count_nonzero(stored.classes == code) == np.count_nonzero(expected == code)

    gdalinfo = shutil.which("gdalinfo")
    if gdalinfo is None:
        pytest.skip("gdalinfo (gdal-bin) is not installed")
    before = _digest(jakarta.path)
    answer = subprocess.run([gdalinfo, "-json", "-mm", f"GPKG:{jakarta.path}:flood_category"],
                            capture_output=True, text=True, check=True)
    band = json.loads(answer.stdout)["bands"][0]
    assert band["noDataValue"] == -9999
    assert (band["computedMin"], band["computedMax"]) == (1.0, 3.0)
    assert _digest(jakarta.path) == before


def test_project_lists_raster_layers_and_gdal_tools_open_it(jakarta):
    hazard_store.add_hazard_layer(jakarta, FLOOD_DEPTH, "flood_depth")
    hazard_store.add_hazard_layer(jakarta, FLOODED_RW, "flooded_rw", attribute="FLOODPRONE",
                                  class_map={"yes": HazardClass.HIGH, "no": HazardClass.NONE})
    layers = {layer.name: layer for layer in jakarta.layers()}
    raster = hazard_store.read_hazard_raster(jakarta, "flood_depth")
    assert layers["flood_depth"].geometry_type == "Raster"
    assert layers["flood_depth"].count == raster.values.size
    assert layers["flood_depth"].crs == "EPSG:4326"
    assert layers["flood_depth"].extent == pytest.approx(raster.bounds)
    assert layers["flooded_rw"].kind == "hazard"
    assert jakarta.info()["layers"]["flood_depth"]["geometry_type"] == "Raster"

    if shutil.which("gdalinfo") is None or shutil.which("ogrinfo") is None:
        pytest.skip("gdal-bin is not installed")
    answer = subprocess.run(["gdalinfo", "-json", "-mm", f"GPKG:{jakarta.path}:flood_depth"],
                            capture_output=True, text=True, check=True)
    band = json.loads(answer.stdout)["bands"][0]
    assert band["computedMax"] == pytest.approx(5.8627, abs=1e-3)
    assert json.loads(answer.stdout)["size"] == [raster.values.shape[1], raster.values.shape[0]]
    vectors = subprocess.run(["ogrinfo", "-ro", "-so", str(jakarta.path), "flooded_rw"],
                             capture_output=True, text=True, check=True).stdout
    assert f"Feature Count: {layers['flooded_rw'].count}" in vectors


def test_thresholds_are_editable_per_layer(jakarta):
    hazard_store.add_hazard_layer(jakarta, FLOOD_DEPTH, "flood_depth")
    legend = hazard_store.set_thresholds(jakarta, "flood_depth", Thresholds((0.3, 1.0)))
    stored = hazard_store.read_hazard_raster(jakarta, "flood_depth")
    values = stored.values
    # (min, max]: a cell of exactly 1.0 m is medium, as in the exposure analysis.
    assert np.count_nonzero(values == 1.0) > 0
    assert np.count_nonzero(stored.classes == 3) == np.count_nonzero(values > 1.0)
    assert np.count_nonzero(stored.classes == 2) == np.count_nonzero((values > 0.3)
                                                                     & (values <= 1.0))
    assert legend.labels[HazardClass.HIGH] == "High (> 1 m)"
    assert hazard_store.hazard_legend(jakarta, "flood_depth") == legend
    (info,) = hazard_store.list_hazard_layers(jakarta)
    assert (info.name, info.kind, info.hazard_type, info.opacity) == (
        "flood_depth", "raster", HazardType.FLOOD, 0.6)
    assert info.classification.thresholds.breaks == (0.3, 1.0)


def test_huge_raster_is_read_only_around_the_area(tmp_path, jakarta, monkeypatch):
    """A 20,000 × 20,000 raster (400 million cells, in UTM) costs only the area's window."""
    path = tmp_path / "huge_depth.tif"
    aoi = jakarta.metadata.area_of_interest
    to_utm = Transformer.from_crs(4326, 32748, always_xy=True)
    centre_x, centre_y = to_utm.transform((aoi[0] + aoi[2]) / 2, (aoi[1] + aoi[3]) / 2)
    size, cell = 20_000, 10.0
    transform = from_origin(round(centre_x) - size * cell / 2, round(centre_y) + size * cell / 2,
                            cell, cell)
    # Only 1 km blocks around the area are written; the rest stays sparse (no data).
    block_rows, block_cols = np.mgrid[0:2000, 0:2000] // 100
    pattern = (0.2 + 0.9 * ((block_rows + block_cols) % 3)).astype("float32")
    with rasterio.open(path, "w", driver="GTiff", width=size, height=size, count=1,
                       dtype="float32", crs="EPSG:32748", transform=transform, nodata=-9999,
                       tiled=True, blockxsize=512, blockysize=512, compress="deflate",
                       sparse_ok=True) as dataset:
        dataset.write(pattern, 1, window=Window(9000, 9000, 2000, 2000))
    assert path.stat().st_size < 5_000_000

    shapes: list[tuple[int, ...]] = []
    original = rasterio.io.DatasetReader.read

    def spy(self, *args, **kwargs):
        data = original(self, *args, **kwargs)
        if Path(self.name) == path:
            shapes.append(data.shape)
        return data

    monkeypatch.setattr(rasterio.io.DatasetReader, "read", spy)
    raster = layer_import.read_raster(path, aoi)
    window = raster.source_window
    assert window.width * window.height < 0.01 * size * size
    assert sum(rows * cols for rows, cols in shapes) == window.width * window.height
    assert max(rows for rows, _ in shapes) <= layer_import.CHUNK_ROWS
    assert raster.source_shape == (size, size) and raster.crs == "EPSG:4326"

    report = hazard_store.add_hazard_layer(jakarta, path, "huge_depth")
    stored = hazard_store.read_hazard_raster(jakarta, "huge_depth")
    assert report.count == stored.values.size < 0.01 * size * size
    finite = stored.values[np.isfinite(stored.values)]
    assert set(np.unique(finite)) <= {np.float32(0.2), np.float32(1.1), np.float32(2.0)}
    # Block centres keep their value after reprojection to longitude/latitude.
    to_degrees = Transformer.from_crs(32748, 4326, always_xy=True)
    with rasterio.open(path) as source:
        for block_row, block_col in [(7, 7), (9, 11), (12, 8), (10, 6)]:
            x, y = source.xy(9000 + block_row * 100 + 50, 9000 + block_col * 100 + 50)
            expected = next(source.sample([(x, y)]))[0]
            col, row = ~stored.transform @ to_degrees.transform(x, y)
            assert 0 <= row < stored.values.shape[0] and 0 <= col < stored.values.shape[1]
            assert stored.values[int(row), int(col)] == expected


def test_very_detailed_window_is_read_coarser(jakarta, monkeypatch):
    monkeypatch.setattr(layer_import, "MAX_CELLS", 5_000)
    raster = layer_import.read_raster(FLOOD_DEPTH, jakarta.metadata.area_of_interest)
    window = raster.source_window
    assert raster.decimation > 1
    assert raster.values.shape == (window.height // raster.decimation,
                                   window.width // raster.decimation)
    assert raster.values.size <= 5_000
    assert raster.transform.a == pytest.approx(0.000452288197160 * raster.decimation)
    assert any("one cell in" in note for note in raster.notes)


# ---------------------------------------------------------------- vector hazards


def test_flooded_neighbourhoods_classified_by_attribute(jakarta):
    source = pyogrio.read_dataframe(FLOODED_RW)
    near = source[source.intersects(shapely.box(*expand_area(jakarta.metadata.area_of_interest)))]
    report = hazard_store.add_hazard_layer(
        jakarta, FLOODED_RW, "flooded_rw", attribute="floodprone",
        class_map={"yes": HazardClass.HIGH, "no": HazardClass.NONE})
    stored = hazard_store.read_hazard_vector(jakarta, "flooded_rw")

    assert len(stored) == len(near) == report.count
    assert len(near) < len(source)
    assert stored.crs.to_epsg() == 4326
    # InaSAFE's keywords: FLOODPRONE YES/yes means wet; every RW here was flooded in 2007.
    assert (stored["hazard_class"] == 3).sum() == near["FLOODPRONE"].str.casefold().eq("yes").sum()
    assert stored.is_valid.all()
    invalid = int((~near.is_valid).sum())  # 7 in the whole file, none in this part of Jakarta
    assert (f"Repaired {invalid} invalid" in " ".join(report.notes)) == (invalid > 0)
    assert f"Kept the {len(near)} of {len(source)} features" in report.notes[0]
    legend = hazard_store.hazard_legend(jakarta, "flooded_rw")
    assert legend.labels[HazardClass.HIGH] == "High (yes)"


def test_class_words_are_recognised_and_unknown_words_are_reported(tmp_path):
    """InaSAFE's generic classified polygons over its test grid (scenario s01)."""
    grid_file = SCENARIOS / "s01" / "gisv4" / "aggregation" / "small_grid.geojson"
    grid = pyogrio.read_dataframe(grid_file)
    project = _make_project(tmp_path / "grid.gpkg", {"grid": grid}, "InaSAFE grid")
    source = pyogrio.read_dataframe(CLASSIFIED_VECTOR)
    report = hazard_store.add_hazard_layer(project, CLASSIFIED_VECTOR, "classified",
                                           attribute="hazard_value")
    stored = hazard_store.read_hazard_vector(project, "classified")
    kept = source[source.intersects(shapely.box(*expand_area(project.metadata.area_of_interest)))]
    expected = kept["hazard_value"].map({"low": 1, "medium": 2, "high": 3}).fillna(0).astype(int)
    assert len(stored) == len(kept) == 5  # one of the 6 lies away from the grid
    assert sorted(stored["hazard_class"]) == sorted(expected)
    assert set(expected) == {0, 2, 3}  # the "low" polygon is the one left out
    assert "1 feature has no hazard_value value; it is not drawn." in report.notes

    tsunami = SCENARIOS / "s04" / "gisv4" / "hazard" / "tsunami_vector.geojson"
    before = _digest(project.path)
    with pytest.raises(ValidationError, match="very high.*--class-map"):
        hazard_store.add_hazard_layer(project, tsunami, "tsunami", hazard_type="tsunami",
                                      attribute="hazard_value")
    assert _digest(project.path) == before
    report = hazard_store.add_hazard_layer(
        project, tsunami, "tsunami", hazard_type="tsunami", attribute="hazard_value",
        class_map={"very high": HazardClass.HIGH, "high": HazardClass.HIGH,
                   "medium": HazardClass.MEDIUM, "low": HazardClass.LOW})
    assert report.class_counts[HazardClass.HIGH] == 2


def _bow_tie_file(path: Path, aoi: tuple[float, float, float, float]) -> tuple[float, float]:
    """A GeoJSON with a self-crossing 'bow-tie' polygon (depth 2.0) and a square (depth 0.3)."""
    x, y = (aoi[0] + aoi[2]) / 2, (aoi[1] + aoi[3]) / 2
    d = 0.002
    bow_tie = shapely.Polygon([(x, y), (x + d, y + d), (x + d, y), (x, y + d), (x, y)])
    square = shapely.box(x - 2 * d, y - 2 * d, x - d, y - d)
    frame = gpd.GeoDataFrame({"depth": [2.0, 0.3]}, geometry=[bow_tie, square], crs=4326)
    pyogrio.write_dataframe(frame, path, driver="GeoJSON")
    return 2 * (d * d / 4), d * d  # the bow-tie repairs into two triangles


def test_invalid_geometry_is_repaired_and_reported(tmp_path, jakarta):
    path = tmp_path / "drawn_floods.geojson"
    bow_tie_area, square_area = _bow_tie_file(path, jakarta.metadata.area_of_interest)
    report = hazard_store.add_hazard_layer(jakarta, path, "drawn_floods", attribute="depth")
    stored = hazard_store.read_hazard_vector(jakarta, "drawn_floods").sort_values("depth")
    assert report.notes == ["Repaired 1 invalid geometry (self-crossing or broken outlines)."]
    assert stored.is_valid.all()
    assert shapely.area(stored.geometry.values).tolist() == pytest.approx(
        [square_area, bow_tie_area])
    assert stored["hazard_class"].tolist() == [1, 3]  # 0.3 m low, 2.0 m high
    hazard_store.set_thresholds(jakarta, "drawn_floods", Thresholds((0.2, 2.5)))
    reclassified = hazard_store.read_hazard_vector(jakarta, "drawn_floods").sort_values("depth")
    assert reclassified["hazard_class"].tolist() == [2, 2]


def test_vector_without_attribute_is_one_class(tmp_path, jakarta):
    path = tmp_path / "drawn_floods.geojson"
    _bow_tie_file(path, jakarta.metadata.area_of_interest)
    report = hazard_store.add_hazard_layer(jakarta, path, "drawn")
    assert report.class_counts[HazardClass.MEDIUM] == 2
    hazard_store.add_hazard_layer(jakarta, path, "drawn_high", single_class=HazardClass.HIGH)
    assert set(hazard_store.read_hazard_vector(jakarta, "drawn_high")["hazard_class"]) == {3}
    with pytest.raises(ValidationError, match="--attribute"):
        hazard_store.add_hazard_layer(jakarta, path, "drawn2", thresholds=Thresholds())
    with pytest.raises(ValidationError, match="one class for all its features"):
        hazard_store.set_thresholds(jakarta, "drawn", Thresholds())


# ---------------------------------------------------------------- reference layers


def test_kibera_survey_needs_a_crs(kibera):
    before = _digest(kibera.path)
    with pytest.raises(CRSMissingError, match=r"\.prj missing.*--crs EPSG:4326"):
        hazard_store.add_reference_layer(kibera, KIANDA, "kianda")
    assert _digest(kibera.path) == before

    source = pyogrio.read_dataframe(KIANDA)
    report = hazard_store.add_reference_layer(kibera, KIANDA, "kianda", crs="EPSG:4326")
    stored = kibera.read_layer("kianda")
    assert len(stored) == report.count == len(source) == 1510
    assert stored.crs.to_epsg() == 4326 and stored.is_valid.all()
    assert f"Repaired {int((~source.is_valid).sum())} invalid" in " ".join(report.notes)
    assert stored["POP"].sum() == source["POP"].sum()
    assert kibera.layer_kinds()["kianda"] == "reference"


def test_dakar_flood_reports_are_reprojected(tmp_path):
    files = {"chiefs_2009": DAKAR / "2009_flooded_neighbourhood_chiefs.shp",
             "representatives_2009": DAKAR / "2009_flooded_local_representatives.shp"}
    sources = {name: pyogrio.read_dataframe(file) for name, file in files.items()}
    project = _make_project(tmp_path / "dakar.gpkg",
                            {"reported": sources["chiefs_2009"].to_crs(4326)}, "Pikine test")
    for name, file in files.items():
        source = sources[name]
        report = hazard_store.add_reference_layer(project, file, name)
        stored = project.read_layer(name)
        assert stored.crs.to_epsg() == 4326
        assert len(stored) == len(source) == report.count
        assert any("Reprojected from EPSG:32628" in note for note in report.notes)
        # Areas in m², back in UTM 28N, match the source's own.
        assert stored.to_crs(32628).area.sum() == pytest.approx(source.area.sum(), rel=1e-7)


def test_kml_reference_layer(tmp_path, kibera):
    path = tmp_path / "villages.kml"
    villages = pyogrio.read_dataframe(VILLAGES)
    pyogrio.write_dataframe(villages[["name", "geometry"]], path, driver="KML")
    report = hazard_store.add_reference_layer(kibera, path, "villages_kml")
    assert report.count == len(villages) == 22
    stored = kibera.read_layer("villages_kml")
    assert stored.to_crs(32737).area.sum() == pytest.approx(villages.to_crs(32737).area.sum(),
                                                            rel=1e-6)


def test_multi_layer_file_needs_a_layer(tmp_path, kibera):
    path = tmp_path / "two.gpkg"
    villages = pyogrio.read_dataframe(VILLAGES)
    pyogrio.write_dataframe(villages, path, layer="villages")
    pyogrio.write_dataframe(villages.iloc[:3], path, layer="three")
    with pytest.raises(InputFileError, match="several layers.*--layer"):
        hazard_store.add_reference_layer(kibera, path, "some")
    assert hazard_store.add_reference_layer(kibera, path, "three", layer="three").count == 3


# ---------------------------------------------------------------- bad input


def test_layer_outside_the_area_is_refused(jakarta):
    before = _digest(jakarta.path)
    with pytest.raises(OutsideAreaError) as caught:
        hazard_store.add_reference_layer(jakarta, VILLAGES, "villages")
    message = str(caught.value)
    assert "36.7717,-1.3200 to 36.8063,-1.3059" in message  # the villages, from villages.shp
    assert layer_import.describe_bounds(jakarta.metadata.area_of_interest) in message
    assert "--allow-outside" in message
    assert _digest(jakarta.path) == before
    report = hazard_store.add_reference_layer(jakarta, VILLAGES, "villages", allow_outside=True)
    assert report.count == 22


def test_truncated_raster_is_refused(tmp_path, jakarta):
    broken = tmp_path / "flood_depth.tif"
    broken.write_bytes(FLOOD_DEPTH.read_bytes()[: FLOOD_DEPTH.stat().st_size // 2])
    before = _digest(jakarta.path)
    with pytest.raises(InputFileError, match="damaged or incomplete"):
        hazard_store.add_hazard_layer(jakarta, broken, "broken")
    assert _digest(jakarta.path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["flood_depth.tif", "jakarta.gpkg"]


@pytest.mark.parametrize("name, content", [("depth.tif", b"not a raster at all\n" * 20),
                                           ("depth.geojson", b"{\"type\": \"Feat"),
                                           ("depth.csv", b"x,y\n1,2\n")])
def test_wrong_format_is_refused(tmp_path, jakarta, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    before = _digest(jakarta.path)
    with pytest.raises(InputFileError):
        hazard_store.add_hazard_layer(jakarta, path, "bad")
    assert _digest(jakarta.path) == before


def test_bad_options_are_refused(jakarta):
    with pytest.raises(ValidationError, match="thresholds"):
        hazard_store.add_hazard_layer(jakarta, FLOOD_DEPTH, "quake", hazard_type="earthquake")
    with pytest.raises(ValidationError, match="--thresholds"):
        hazard_store.add_hazard_layer(jakarta, FLOOD_DEPTH, "depth", attribute="depth")
    with pytest.raises(ValidationError, match="lower-case"):
        hazard_store.add_hazard_layer(jakarta, FLOOD_DEPTH, "Flood Depth")
    with pytest.raises(ValidationError, match="already has a layer"):
        hazard_store.add_hazard_layer(jakarta, FLOOD_DEPTH, "buildings")


@pytest.mark.parametrize("source, options", [
    (FLOOD_DEPTH, {}),
    (FLOODED_RW, {"attribute": "FLOODPRONE", "class_map": {"yes": HazardClass.HIGH}}),
])
def test_cancel_at_any_point_leaves_the_project_unchanged(tmp_path, jakarta, source, options):
    checks: list[str] = []
    probe = tmp_path / "probe.gpkg"
    shutil.copy(jakarta.path, probe)
    hazard_store.add_hazard_layer(Project(probe), source, "layer", **options,
                                  progress=lambda fraction, message: checks.append(message))
    assert len(checks) >= 5
    before = _digest(jakarta.path)
    for stop_at in range(1, len(checks) + 1):
        calls: list[int] = []

        def cancelled(calls: list[int] = calls, stop_at: int = stop_at) -> bool:
            calls.append(1)
            return len(calls) >= stop_at

        with pytest.raises(CancelledError):
            hazard_store.add_hazard_layer(jakarta, source, "layer", **options, cancelled=cancelled)
        assert _digest(jakarta.path) == before, f"changed when cancelled at check {stop_at}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jakarta.gpkg", "probe.gpkg"]


# ---------------------------------------------------------------- command line


def test_command_line(tmp_path, jakarta, kibera, capsys):
    project = str(jakarta.path)
    assert main(["hazard", "add", project, str(FLOOD_DEPTH), "--name", "flood_depth"]) == 0
    assert "Medium (0.5–1.5 m)" in capsys.readouterr().out
    assert main(["hazard", "add", project, str(FLOODED_RW), "--name", "rw", "--attribute",
                 "FLOODPRONE", "--class-map", "YES=high,no=none"]) == 0
    assert main(["hazard", "classify", project, "flood_depth", "--thresholds", "0.3,1"]) == 0
    assert "High (> 1 m)" in capsys.readouterr().out
    assert main(["hazard", "list", project, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(layer["name"], layer["kind"]) for layer in listed] == [("flood_depth", "raster"),
                                                                    ("rw", "vector")]
    assert [(c["min"], c["max"]) for c in listed[0]["classification"]["classes"]] == [
        (0.0, 0.3), (0.3, 1.0), (1.0, None)]

    before = _digest(kibera.path)
    assert main(["layer", "add", str(kibera.path), str(KIANDA), "--name", "kianda"]) == 2
    error = capsys.readouterr().err.splitlines()[-1]
    assert error.startswith("quartier: ") and "--crs EPSG:4326" in error
    assert _digest(kibera.path) == before
    assert main(["layer", "add", str(kibera.path), str(KIANDA), "--name", "kianda",
                 "--crs", "EPSG:4326"]) == 0
    assert "1510 features" in capsys.readouterr().out
    assert main(["hazard", "add", project, str(FLOOD_DEPTH), "--name", "x",
                 "--thresholds", "2,1"]) == 2
    assert "smaller than the second" in capsys.readouterr().err
