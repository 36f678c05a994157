"""Hostile hazard and layer files: a plain sentence, a bounded read, never a silent change.

Each hostile file is made here from real data in ../shared/data (a cut ESRI ASCII
grid, a header declaring 50,000 × 50,000 cells, a NaN inside a polygon, a NUL in a
name, a Shapefile without its .dbf or .shx...) and given to the real command line
in a separate process, with a memory limit and a timeout: the answer is a non-zero
exit with one plain sentence and no traceback, the project file unchanged; or the
layer is imported and a note says what changed. Expected figures are derived here
independently (plain Python on the file's text, GDAL through rasterio/pyogrio).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import resource
import shutil
import sqlite3
import struct
import subprocess
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyogrio
import pytest
import rasterio
import shapely
from affine import Affine
from rasterio.enums import Resampling

from layers import layer_import
from layers.errors import InputFileError
from mapping import hazard_store
from mapping.project import Project, ProjectMetadata, create_project

REPO = Path(__file__).resolve().parents[1]
QUARTIER = REPO / ".venv" / "bin" / "quartier"
DATA = Path(os.environ.get("QUARTIER_SHARED_DATA", REPO.parent / "shared" / "data"))
POPULATION = DATA / "jakarta" / "population.asc"
JAKARTA_BUILDINGS = DATA / "jakarta" / "buildings.gpkg"
VILLAGES = DATA / "kibera" / "villages.shp"
#: A part of central-east Jakarta, in the top rows of population.asc.
JAKARTA_PART = (106.83, -6.19, 106.90, -6.13)
#: Address space allowed to each command (the hang reached 12.6 GB).
MEMORY_LIMIT = 3 * 1024**3
#: Seconds a command may take before the test calls it hung.
TIMEOUT = 180
#: Warnings raised when reading NaN coordinates or ungeoreferenced rasters (never shown).
LEAKED = ("Traceback", "Warning", "warn(")

# rasterio itself still multiplies Affine transforms the old way.
pytestmark = pytest.mark.filterwarnings("ignore:Use `@` matmul:PendingDeprecationWarning")


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _quartier(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the real command in its own process, memory-limited, with a timeout."""
    return subprocess.run([str(QUARTIER), *map(str, args)], capture_output=True, text=True,
                          timeout=TIMEOUT, preexec_fn=_limit_memory,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def _state(project: Path) -> tuple[str, list[str]]:
    """The project's bytes (digest) and the files beside it (no partial copy left)."""
    return (hashlib.sha256(project.read_bytes()).hexdigest(),
            sorted(p.name for p in project.parent.iterdir()))


def _refused(result: subprocess.CompletedProcess[str]) -> str:
    """The one plain sentence of a refusal (and checks it is one, with no traceback)."""
    assert result.returncode != 0, result.stdout + result.stderr
    for leak in LEAKED:
        assert leak not in result.stderr, result.stderr
    sentences = [line for line in result.stderr.splitlines() if line.startswith("quartier:")]
    assert len(sentences) == 1, result.stderr
    return sentences[0].removeprefix("quartier: ")


def _notes(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert result.returncode == 0, result.stderr
    for leak in LEAKED:
        assert leak not in result.stderr, result.stderr
    return [line.removeprefix("Note: ").strip() for line in result.stdout.splitlines()
            if line.startswith("Note:")]


# ---------------------------------------------------------------- projects


@pytest.fixture(scope="module")
def jakarta_template(tmp_path_factory) -> Path:
    """All Jakarta sample buildings: an area covering the top half of population.asc."""
    buildings = pyogrio.read_dataframe(JAKARTA_BUILDINGS)
    path = tmp_path_factory.mktemp("jakarta") / "jakarta.gpkg"
    create_project(path, {"buildings": buildings}, ProjectMetadata(
        name="Jakarta", area_of_interest=tuple(float(v) for v in buildings.total_bounds)))
    return path


@pytest.fixture
def jakarta(tmp_path, jakarta_template) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    return Path(shutil.copy(jakarta_template, folder / "jakarta.gpkg"))


@pytest.fixture(scope="module")
def kibera_template(tmp_path_factory) -> Path:
    villages = pyogrio.read_dataframe(VILLAGES)
    path = tmp_path_factory.mktemp("kibera") / "kibera.gpkg"
    create_project(path, {"villages": villages}, ProjectMetadata(
        name="Kibera", area_of_interest=tuple(float(v) for v in villages.total_bounds)))
    return path


@pytest.fixture
def kibera(tmp_path, kibera_template) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    return Path(shutil.copy(kibera_template, folder / "kibera.gpkg"))


@pytest.fixture(scope="module")
def villages_json(tmp_path_factory) -> dict:
    """Kibera's villages as GeoJSON text (to be spoiled)."""
    path = tmp_path_factory.mktemp("villages") / "villages.geojson"
    pyogrio.write_dataframe(pyogrio.read_dataframe(VILLAGES), path)
    return json.loads(path.read_text())


def _write_geojson(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data))  # json writes NaN and Infinity as GDAL reads them
    return path


def _copy_population(folder: Path, keep: float | None = None) -> Path:
    """population.asc (with its .prj) in ``folder``, cut after ``keep`` of its bytes."""
    data = POPULATION.read_bytes()
    target = folder / POPULATION.name
    target.write_bytes(data if keep is None else data[:int(len(data) * keep)])
    shutil.copy(POPULATION.with_suffix(".prj"), folder / "population.prj")
    return target


def _text(value: object) -> str:
    """A name as text; "" for a missing one (None in JSON, NaN or None from GDAL)."""
    return value if isinstance(value, str) else ""


def _complete_rows(grid: bytes, ncols: int) -> int:
    """Rows of cells a grid's text holds in full (header lines skipped), by plain Python."""
    cells = [word for line in grid.splitlines() if line.split() and
             not line.split()[0].isalpha() for word in line.split()]
    return len(cells) // ncols


# ---------------------------------------------------------------- 1. ESRI ASCII grids


def test_cut_ascii_grid_is_refused_with_the_row_it_ends_at(tmp_path, jakarta):
    cut = _copy_population(tmp_path, keep=0.4)  # the project area needs rows past the cut
    rows = _complete_rows(cut.read_bytes(), 638)
    assert 0 < rows < 649
    before = _state(jakarta)

    result = _quartier("hazard", "add", jakarta, cut, "--name", "population")

    assert _refused(result) == (
        f"population.asc ends after {rows} of 649 rows; the file was cut short. Get a complete "
        "copy; nothing was changed."
    )
    assert _state(jakarta) == before


def test_huge_declared_grid_is_refused_from_its_header(tmp_path, jakarta):
    # 100 bytes declaring 50,000 × 50,000 cells over Jakarta: GDAL grew past 12 GB on it.
    header = (b"ncols 50000\nnrows 50000\nxllcorner 106.5\nyllcorner -6.5\n"
              b"cellsize 0.00002\nNODATA_value -9999\n")
    grid = tmp_path / "huge.asc"
    grid.write_bytes(header + b"1 2 3 4 5 6 7 8 9 10 11 12 13 14"[:100 - len(header)])
    assert grid.stat().st_size == 100
    shutil.copy(POPULATION.with_suffix(".prj"), tmp_path / "huge.prj")
    before = _state(jakarta)

    result = _quartier("hazard", "add", jakarta, grid, "--name", "huge")

    sentence = _refused(result)
    assert sentence.startswith("huge.asc declares 50,000 × 50,000 cells, which take at least "
                               "5.0 GB, but the file holds only ")
    assert "cut short or its header is wrong" in sentence
    assert _state(jakarta) == before


def test_cut_grid_imports_when_the_area_lies_before_the_cut(tmp_path, jakarta_template):
    """Only the window over the project area is read: a cut further on does not matter."""
    project = tmp_path / "part.gpkg"
    buildings = pyogrio.read_dataframe(JAKARTA_BUILDINGS)
    west, south, east, north = JAKARTA_PART
    create_project(project, {"buildings": buildings.cx[west:east, south:north]},
                   ProjectMetadata(name="Jakarta part", area_of_interest=JAKARTA_PART))
    cut = _copy_population(tmp_path, keep=0.7)

    result = _quartier("hazard", "add", project, cut, "--name", "population")

    assert _notes(result) == []
    stored = hazard_store.read_hazard_raster(Project(project), "population")
    with rasterio.open(POPULATION) as source:  # the intact file, read by GDAL
        full = source.read(1, masked=True).filled(np.nan).astype("float32")
        col, row = ~source.transform * (stored.transform.c, stored.transform.f)
    assert (col, row) == (pytest.approx(302), pytest.approx(97))  # the window, no more
    assert stored.values.shape == (160, 187)
    expected = full[97:97 + 160, 302:302 + 187]
    assert np.array_equal(stored.values, expected, equal_nan=True)


def test_ascii_window_equals_gdal_reading_it(tmp_path):
    """The grid read here is GDAL's, cell for cell, also when decimated for memory."""
    raster = layer_import.read_raster(POPULATION, JAKARTA_PART)
    with rasterio.open(POPULATION) as source:
        expected = source.read(1, window=raster.source_window, masked=True)
    assert np.array_equal(raster.values, expected.filled(np.nan).astype("float32"),
                          equal_nan=True)
    assert raster.values.shape == (160, 187)


def test_decimated_ascii_window_equals_gdal_nearest(monkeypatch):
    monkeypatch.setattr(layer_import, "MAX_CELLS", 20_000)
    area = (106.6, -6.4, 107.0, -6.0)  # the whole grid
    raster = layer_import.read_raster(POPULATION, area)
    assert raster.decimation == 5
    with rasterio.open(POPULATION) as source:
        expected = source.read(1, window=raster.source_window, out_shape=raster.values.shape,
                               masked=True, resampling=Resampling.nearest)
    assert np.array_equal(raster.values, expected.filled(np.nan).astype("float32"),
                          equal_nan=True)


def test_grid_wrapped_over_short_lines_reads_the_same(tmp_path):
    """Rows are counted in values, not lines: some writers wrap a row over several lines."""
    header, cells = POPULATION.read_bytes().split(b"-9999\r\n", 1)
    values = cells.split()
    wrapped = b"\n".join(b" ".join(values[i:i + 7]) for i in range(0, len(values), 7))
    grid = tmp_path / "population.asc"
    grid.write_bytes(header + b"-9999\r\n" + wrapped + b"\n")
    shutil.copy(POPULATION.with_suffix(".prj"), tmp_path / "population.prj")

    raster = layer_import.read_raster(grid, JAKARTA_PART)

    with rasterio.open(POPULATION) as source:
        expected = source.read(1, window=raster.source_window, masked=True)
    assert np.array_equal(raster.values, expected.filled(np.nan).astype("float32"),
                          equal_nan=True)


HEADER = {"ncols": "638", "nrows": "649", "xllcorner": "106.68597429495",
          "yllcorner": "-6.3734208271403", "cellsize": "0.00045228819716044",
          "NODATA_value": "-9999"}
BAD_HEADERS = {
    "no cellsize": ({"cellsize": None}, "its header has no cellsize"),
    "no nrows": ({"nrows": None}, "its header has no nrows"),
    "negative ncols": ({"ncols": "-638"}, "ncols is '-638', but it must be a whole number"),
    "fractional nrows": ({"nrows": "649.5"}, "nrows is '649.5', but it must be a whole number"),
    "word for ncols": ({"ncols": "many"}, "ncols is 'many'"),
    "zero cellsize": ({"cellsize": "0"}, "cellsize is 0, but a cell's size must be above zero"),
    "NaN corner": ({"xllcorner": "nan"}, "xllcorner is 'nan', which is not a number"),
    "more cells than bytes": ({"ncols": "6380"}, "declares 6,380 × 649 cells"),
}


@pytest.mark.parametrize("case", BAD_HEADERS)
def test_nonsense_grid_header_is_refused_before_reading(tmp_path, case):
    changes, words = BAD_HEADERS[case]
    header = {**HEADER, **changes}
    lines = "".join(f"{key} {value}\n" for key, value in header.items() if value is not None)
    cells = POPULATION.read_bytes().split(b"-9999\r\n", 1)[1]  # after the NODATA_value line
    grid = tmp_path / "population.asc"
    grid.write_bytes(lines.encode() + cells)
    shutil.copy(POPULATION.with_suffix(".prj"), tmp_path / "population.prj")
    with pytest.raises(InputFileError, match=words):
        layer_import.read_raster(grid, JAKARTA_PART)


def test_grid_with_a_word_among_its_cells_names_the_row(tmp_path):
    text = POPULATION.read_bytes()
    lines = text.split(b"\r\n")
    cells = lines[6 + 120].split()  # header: 6 lines
    cells[400] = b"n/a"  # inside the window over JAKARTA_PART (columns 302 to 488)
    lines[6 + 120] = b" ".join(cells)
    grid = tmp_path / "population.asc"
    grid.write_bytes(b"\r\n".join(lines))
    shutil.copy(POPULATION.with_suffix(".prj"), tmp_path / "population.prj")
    with pytest.raises(InputFileError, match=r"row 121 holds 'n/a', which is not a number"):
        layer_import.read_raster(grid, JAKARTA_PART)


# ---------------------------------------------------------------- 2. NaN coordinates


@pytest.mark.parametrize("command", ["layer", "hazard"])
def test_nan_inside_a_polygon_leaves_that_feature_out_and_names_it(tmp_path, kibera,
                                                                    villages_json, command):
    spoiled = json.loads(json.dumps(villages_json))
    spoiled["features"][3]["geometry"]["coordinates"][0][2][0] = float("nan")
    name = spoiled["features"][3]["properties"]["name"]
    path = _write_geojson(tmp_path / "villages.geojson", spoiled)

    result = _quartier(command, "add", kibera, path, "--name", "villages_in")

    assert (f"villages.geojson: left out 1 feature whose coordinates are not numbers or lie "
            f"off the Earth (NaN, infinite, or beyond 180° of longitude or 90° of latitude): "
            f"fid 3 ({name}).") in _notes(result)
    stored = pyogrio.read_dataframe(kibera, layer="villages_in")
    expected = [f["properties"]["name"] for i, f in enumerate(villages_json["features"]) if i != 3]
    assert sorted(map(_text, stored["name"])) == sorted(map(_text, expected))
    assert shapely.is_valid(np.asarray(stored.geometry.array)).all()


def test_infinite_and_huge_coordinates_leave_their_features_out(tmp_path, kibera,
                                                                villages_json):
    spoiled = json.loads(json.dumps(villages_json))
    spoiled["features"][2]["geometry"]["coordinates"][0][1][0] = 1e300
    spoiled["features"][7]["geometry"]["coordinates"][0][2][1] = float("inf")
    path = _write_geojson(tmp_path / "villages.geojson", spoiled)

    result = _quartier("layer", "add", kibera, path, "--name", "villages_in")

    names = [spoiled["features"][i]["properties"]["name"] for i in (2, 7)]
    assert any(note.startswith("villages.geojson: left out 2 features") and
               note.endswith(f"fid 2 ({names[0]}), fid 7 ({names[1]}).")
               for note in _notes(result))
    assert len(pyogrio.read_dataframe(kibera, layer="villages_in")) == 20


def test_nan_inside_a_polygon_in_a_new_project(tmp_path, villages_json):
    spoiled = json.loads(json.dumps(villages_json))
    spoiled["features"][3]["geometry"]["coordinates"][0][2][0] = float("nan")
    path = _write_geojson(tmp_path / "villages.geojson", spoiled)
    project = tmp_path / "out" / "p.gpkg"
    project.parent.mkdir()

    result = _quartier("new", project, "--base", path, "--as", "villages.geojson=reference")

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "villages.geojson: left out 1 feature" in result.stdout
    assert len(pyogrio.read_dataframe(project, layer="villages")) == 21


def test_unclosed_ring_is_closed_and_said(tmp_path, kibera, villages_json):
    spoiled = json.loads(json.dumps(villages_json))
    ring = spoiled["features"][4]["geometry"]["coordinates"][0]
    assert ring[0] == ring[-1]
    ring.pop()  # GDAL reads it; GEOS refused it, and with it the whole file
    path = _write_geojson(tmp_path / "villages.geojson", spoiled)

    result = _quartier("layer", "add", kibera, path, "--name", "villages_in")

    assert ("villages.geojson: closed the outline of 1 feature that did not end where it "
            "started: fid 4 (Raila).") in _notes(result)
    stored = pyogrio.read_dataframe(kibera, layer="villages_in")
    source = pyogrio.read_dataframe(VILLAGES)
    assert len(stored) == 22
    assert shapely.equals(np.asarray(stored.geometry.array),
                          np.asarray(source.geometry.array)).all()


# ---------------------------------------------------------------- 3. NUL characters


@pytest.mark.parametrize("form", ["escaped", "raw byte"])
def test_nul_in_a_geojson_value_is_removed_and_said(tmp_path, kibera, villages_json, form):
    name = villages_json["features"][7]["properties"]["name"]  # Kianda
    text = json.dumps(villages_json)
    quoted = json.dumps(name)
    spoiled = quoted[:4] + ("\\u0000" if form == "escaped" else "\x00") + quoted[4:]
    assert text.count(quoted) == 1
    path = tmp_path / "villages.geojson"
    path.write_bytes(text.replace(quoted, spoiled).encode())

    result = _quartier("layer", "add", kibera, path, "--name", "villages_in")

    assert ("villages.geojson: 1 value contained a NUL character, which was removed "
            "(1 in name).") in _notes(result)
    stored = pyogrio.read_dataframe(kibera, layer="villages_in")
    assert sorted(map(_text, stored["name"])) == sorted(_text(f["properties"]["name"])
                                                        for f in villages_json["features"])


def test_nul_in_a_geopackage_value_is_read_whole_and_said(tmp_path, kibera):
    source = tmp_path / "survey.gpkg"
    villages = pyogrio.read_dataframe(VILLAGES)
    pyogrio.write_dataframe(villages, source, layer="villages",
                            layer_options={"SPATIAL_INDEX": "NO"})
    with sqlite3.connect(source) as connection:
        connection.execute("UPDATE villages SET name = 'Kian' || char(0) || 'da' "
                           "WHERE name = 'Kianda'")
    assert pyogrio.read_dataframe(source)["name"].tolist().count("Kian") == 1  # GDAL cuts it

    result = _quartier("layer", "add", kibera, source, "--name", "villages_in")

    assert ("survey.gpkg: 1 value contained a NUL character, which was removed (1 in name)."
            ) in _notes(result)
    stored = pyogrio.read_dataframe(kibera, layer="villages_in")
    assert sorted(map(_text, stored["name"])) == sorted(map(_text, villages["name"]))


def test_private_use_characters_in_the_file_are_kept(tmp_path, kibera, villages_json):
    """The stand-in for NUL is a character the file does not hold: its own ones stay."""
    data = json.loads(json.dumps(villages_json))
    data["features"][0]["properties"]["name"] = "Mashimoni \ue000 \ue001"
    data["features"][1]["properties"]["name"] = "Mak\x00ina"
    path = _write_geojson(tmp_path / "villages.geojson", data)

    result = _quartier("layer", "add", kibera, path, "--name", "villages_in")

    assert ("villages.geojson: 1 value contained a NUL character, which was removed "
            "(1 in name).") in _notes(result)
    names = set(pyogrio.read_dataframe(kibera, layer="villages_in")["name"])
    assert {"Mashimoni \ue000 \ue001", "Makina"} <= names


def test_escaped_backslash_before_u0000_is_text_not_nul(tmp_path, kibera, villages_json):
    data = json.loads(json.dumps(villages_json))
    data["features"][0]["properties"]["name"] = "C:\\u0000 folder"  # backslash, then text
    path = _write_geojson(tmp_path / "villages.geojson", data)
    data["features"][1]["properties"]["name"] = "A\x00B"
    path.write_text(json.dumps(data))

    result = _quartier("layer", "add", kibera, path, "--name", "villages_in")

    assert ("villages.geojson: 1 value contained a NUL character, which was removed "
            "(1 in name).") in _notes(result)
    names = set(pyogrio.read_dataframe(kibera, layer="villages_in")["name"])
    assert {"C:\\u0000 folder", "AB"} <= names


# ---------------------------------------------------------------- 4. Shapefile parts


def _villages_without(folder: Path, missing: str) -> Path:
    for part in VILLAGES.parent.glob("villages.*"):
        if part.suffix != missing:
            shutil.copy(part, folder / part.name)
    return folder / "villages.shp"


def test_shapefile_without_dbf_is_imported_with_a_note_naming_it(tmp_path, kibera):
    shp = _villages_without(tmp_path, ".dbf")

    result = _quartier("layer", "add", kibera, shp, "--name", "villages_in")

    assert ("villages.shp came without its villages.dbf, so its features have no attributes "
            "(no names or values); copy the .dbf beside it and import again to keep them."
            ) in _notes(result)
    stored = pyogrio.read_dataframe(kibera, layer="villages_in")
    assert len(stored) == 22 and "name" not in stored.columns


def test_shapefile_without_shx_is_rebuilt_and_said(tmp_path, kibera):
    shp = _villages_without(tmp_path, ".shx")

    result = _quartier("layer", "add", kibera, shp, "--name", "villages_in")

    assert ("villages.shp came without its villages.shx index file; Quartier rebuilt the index "
            "from the .shp, which holds all 22 features (your files are unchanged)."
            ) in _notes(result)
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [
        "villages.cpg", "villages.dbf", "villages.prj", "villages.shp"]
    stored = pyogrio.read_dataframe(kibera, layer="villages_in")
    source = pyogrio.read_dataframe(VILLAGES)
    assert list(stored["name"]) == list(source["name"])
    assert shapely.equals(np.asarray(stored.geometry.array),
                          np.asarray(source.geometry.array)).all()


def test_rebuilt_index_equals_the_original(tmp_path):
    from layers import vector_sources

    count = vector_sources._rebuild_index(VILLAGES, tmp_path / "villages.shx")
    assert count == 22
    original = VILLAGES.with_suffix(".shx").read_bytes()
    assert (tmp_path / "villages.shx").read_bytes() == original
    assert struct.unpack(">i", original[24:28])[0] * 2 == len(original)


def test_unreadable_prj_is_named_and_crs_replaces_it(tmp_path, kibera):
    shp = _villages_without(tmp_path, ".prj")
    shp.with_suffix(".prj").write_text('PROJCS["bla')
    before = _state(kibera)

    refused = _quartier("layer", "add", kibera, shp, "--name", "villages_in")
    assert _refused(refused).startswith("villages.prj does not hold a coordinate system "
                                        "Quartier can read")
    assert _state(kibera) == before

    given = _quartier("layer", "add", kibera, shp, "--name", "villages_in", "--crs", "4326")
    assert ("villages.prj holds no coordinate system Quartier can read; used EPSG:4326 as "
            "asked.") in _notes(given)


def test_grid_with_an_unreadable_prj_names_it(tmp_path, jakarta):
    grid = _copy_population(tmp_path)
    grid.with_suffix(".prj").write_text("garbage here\n")
    before = _state(jakarta)

    refused = _quartier("hazard", "add", jakarta, grid, "--name", "population")
    assert _refused(refused) == (
        "population.asc has no coordinate system (population.prj holds none Quartier can "
        "read). If its coordinates are longitude/latitude, add --crs EPSG:4326.")
    assert _state(jakarta) == before

    given = _quartier("hazard", "add", jakarta, grid, "--name", "population", "--crs", "4326")
    assert ("population.prj holds no coordinate system Quartier can read; used EPSG:4326 as "
            "asked.") in _notes(given)


# ---------------------------------------------------------------- 5. other hostile input


def _empty(folder: Path) -> Path:
    (folder / "empty.geojson").write_bytes(b"")
    return folder / "empty.geojson"


def _zero_byte_shp(folder: Path) -> Path:
    shp = _villages_without(folder, "")
    shp.write_bytes(b"")
    return shp


def _cut_shp(folder: Path) -> Path:
    shp = _villages_without(folder, "")
    shp.write_bytes(shp.read_bytes()[:3000])
    return shp


def _broken_tiff_header(folder: Path) -> Path:
    path = folder / "flood.tif"
    path.write_bytes((DATA / "jakarta" / "flood_depth.tif").read_bytes()[:300])
    return path


def _scrambled_tiff(folder: Path) -> Path:
    data = bytearray((DATA / "jakarta" / "flood_depth.tif").read_bytes())
    data[4:8] = b"\xff\xff\xff\x7f"  # the first directory lies past the end
    path = folder / "flood.tif"
    path.write_bytes(bytes(data))
    return path


def _cut_geojson(folder: Path) -> Path:
    path = folder / "villages.geojson"
    pyogrio.write_dataframe(pyogrio.read_dataframe(VILLAGES), path)
    path.write_bytes(path.read_bytes()[:5000])
    return path


def _kml_without_placemarks(folder: Path) -> Path:
    path = folder / "empty.kml"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/'
                    'kml/2.2"><Document><name>Kibera</name></Document></kml>')
    return path


def _no_geometry(folder: Path) -> Path:
    path = folder / "nothing.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", '
                    '"geometry": null, "properties": {"name": "Kianda"}}]}')
    return path


def _all_nan(folder: Path) -> Path:
    path = folder / "nan.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", '
                    '"geometry": {"type": "Point", "coordinates": [NaN, NaN]}, '
                    '"properties": {"name": "Kianda"}}]}')
    return path


def _grid_without_header(folder: Path) -> Path:
    path = folder / "population.asc"
    path.write_bytes(POPULATION.read_bytes().split(b"-9999\r\n", 1)[1])
    return path


def _pdf_named_geojson(folder: Path) -> Path:
    path = folder / "villages.geojson"
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
    return path


def _grid_placed_by(transform: Affine) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / "flood.tif"
        with rasterio.open(path, "w", driver="GTiff", width=10, height=10, count=1,
                           dtype="float32", crs="EPSG:4326", transform=transform) as target:
            target.write(np.ones((1, 10, 10), dtype="float32"))
        return path
    return make


def _grid_corner_off_earth(folder: Path) -> Path:
    path = folder / "population.asc"
    path.write_bytes(POPULATION.read_bytes().replace(b"106.68597429495", b"1e308", 1))
    shutil.copy(POPULATION.with_suffix(".prj"), folder / "population.prj")
    return path


def _geopackage_without_tables(folder: Path) -> Path:
    path = folder / "survey.gpkg"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE survey (name TEXT)")
    return path


HOSTILE = {
    "empty file": ("layer", _empty, "empty.geojson is empty (0 bytes)."),
    "zero-byte shp": ("layer", _zero_byte_shp, "villages.shp is empty (0 bytes)."),
    "cut shp": ("layer", _cut_shp, "villages.shp is damaged: it ends after 3 KB"),
    "broken tiff header": ("hazard", _broken_tiff_header, "flood.tif has no position on the map"),
    "scrambled tiff": ("hazard", _scrambled_tiff, "flood.tif is not a raster Quartier can read"),
    "cut geojson": ("layer", _cut_geojson, "villages.geojson is not a vector layer Quartier"),
    "kml without placemarks": ("layer", _kml_without_placemarks, "empty.kml holds no map layer"),
    "no geometry": ("layer", _no_geometry, "nothing.geojson has no feature with a usable "
                    "geometry"),
    "all NaN": ("layer", _all_nan, "nan.geojson has no feature with a usable geometry: none "
                "has one, or its coordinates are not numbers."),
    "grid without header": ("hazard", _grid_without_header, "population.asc is not an ESRI ASCII "
                            "grid: it does not start with a header"),
    "zero cell size": ("hazard", _grid_placed_by(Affine(0, 0, 106.8, 0, 0, -6.1)),
                       "flood.tif has a broken position on the map"),
    "NaN cell size": ("hazard", _grid_placed_by(Affine(math.nan, 0, 106.8, 0, -0.001, -6.1)),
                      "flood.tif has a broken position on the map"),
    "huge cell size": ("hazard", _grid_placed_by(Affine(1e100, 0, 106.8, 0, -1e100, -6.1)),
                       "flood.tif (read as EPSG:4326) has a grid reaching beyond the Earth"),
    "grid corner off the Earth": ("hazard", _grid_corner_off_earth, "population.asc (read as "
                                  "EPSG:4326) has a grid reaching beyond the Earth"),
    "GeoPackage without tables": ("layer", _geopackage_without_tables,
                                  "survey.gpkg is not a vector layer Quartier can read"),
    "pdf named geojson": ("layer", _pdf_named_geojson, "villages.geojson is not a vector layer"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_file_gets_one_plain_sentence_and_no_change(tmp_path, kibera, case):
    command, make, words = HOSTILE[case]
    inputs = tmp_path / "in"
    inputs.mkdir()
    path = make(inputs)
    before = _state(kibera)

    result = _quartier(command, "add", kibera, path, "--name", "hostile")

    assert words in _refused(result)
    assert _state(kibera) == before


def test_repaired_copies_leave_no_temporary_folder(tmp_path, kibera):
    """Repaired copies live in a temporary folder that is removed, also after a refusal."""
    shp = _villages_without(tmp_path, ".shx")
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    imported = subprocess.run([str(QUARTIER), "layer", "add", str(kibera), str(shp), "--name",
                               "villages_in"], capture_output=True, text=True, timeout=TIMEOUT,
                              env=env, preexec_fn=_limit_memory)
    assert imported.returncode == 0, imported.stderr
    shp.with_suffix(".prj").write_text("garbage")
    refused = subprocess.run([str(QUARTIER), "layer", "add", str(kibera), str(shp), "--name",
                              "again"], capture_output=True, text=True, timeout=TIMEOUT,
                             env=env, preexec_fn=_limit_memory)
    assert "villages.prj does not hold a coordinate system" in refused.stderr
    assert [p.name for p in temp.iterdir() if p.name.startswith("quartier-layer-")] == []


def test_deeply_nested_tags_do_not_stop_a_new_project(tmp_path, villages_json):
    data = json.loads(json.dumps(villages_json))
    deep = '{"a": ' + "[" * 50_000 + "]" * 50_000 + "}"  # beyond Python's recursion limit
    for feature in data["features"]:
        feature["properties"]["tags"] = deep
    path = _write_geojson(tmp_path / "villages.geojson", data)
    project = tmp_path / "out" / "p.gpkg"
    project.parent.mkdir()

    result = _quartier("new", project, "--base", path, "--as", "villages.geojson=reference")

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    stored = pyogrio.read_dataframe(project, layer="villages")
    assert len(stored) == 22 and set(stored["tags"]) == {deep}


def test_hazard_attribute_of_a_shapefile_without_dbf_says_there_are_none(tmp_path, kibera):
    shp = _villages_without(tmp_path, ".dbf")
    before = _state(kibera)

    result = _quartier("hazard", "add", kibera, shp, "--name", "villages_in",
                       "--attribute", "depth")

    assert _refused(result) == (
        "The layer has no attribute 'depth': it has no attributes at all (a Shapefile copied "
        "without its .dbf has none). Leave out --attribute to put every feature in one class.")
    assert _state(kibera) == before
