"""The map reads GeoPackage projects with SQLite, and gets what GDAL would give, value for value.

Every layer of the Kibera sample, and of a copy of it holding what residents mapped
(a clinic, a matatu line with its stops, a risk zone, one deleted facility), a
reference layer and a vector hazard, is read both ways: the layer list
(:meth:`GeoPackageStore.layers`) and the features the map draws
(:meth:`GeoPackageStore.read_for_map`, and the drawn layer built from it) must be the
same as through GDAL (:meth:`ProjectStore.read_for_map`, GDAL's Arrow stream).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from shapely.geometry import LineString, Point

from layers.hazard_classes import HazardClass
from mapping import hazard_store
from mapping.editing import EditSession
from mapping.project import Project
from mapping.render.loading import read_project_layer
from mapping.render.registry import GEOMETRY_NAMES
from mapping.render.style import factorize, load_style
from mapping.store import _gpkg as gpkg
from mapping.store import _gpkg_read as gpkg_read
from mapping.store import open_store
from mapping.store.base import ProjectStore

#: Small batches, so that layers come in several.
BATCH = 500


@pytest.fixture(scope="module")
def kibera_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import sample_areas

    return sample_areas.sample_project("kibera", folder=tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="module")
def mapped(kibera_sample: Path, tmp_path_factory: pytest.TempPathFactory,
           data_dir: Path) -> Path:
    """The sample with participatory edits, a reference layer and a vector hazard."""
    path = tmp_path_factory.mktemp("mapped") / "kibera.gpkg"
    shutil.copy(kibera_sample, path)
    project = Project(path)
    villages = data_dir / "kibera" / "villages.shp"
    hazard_store.add_reference_layer(project, villages, "villages")
    hazard_store.add_hazard_layer(project, villages, "flood_zones",
                                  single_class=HazardClass.HIGH)
    drive = LineString([(36.7800, -1.3120), (36.7850, -1.3110), (36.7900, -1.3105)])
    with EditSession(path, contributor="Achieng Otieno", mapping_session="walk-1") as edit:
        edit.add_feature("facilities", Point(36.7880, -1.3100), "facility/clinic",
                         {"name": "Zahanati ya Kianda"})
        gone = edit.add_feature("facilities", Point(36.7890, -1.3101), "facility/school",
                                {"name": "Shule"})
        edit.add_feature("facilities", Point(36.7895, -1.3102), "facility/clinic", {})
        line = edit.add_feature("transport_lines", drive, "transport_line/minibus",
                                {"ref": "23", "name": "Kawangware"})
        for fraction, name in ((0.1, "Kibera Drive Stage"), (0.6, "Olympic")):
            edit.add_stop(line, drive.interpolate(fraction, normalized=True), name)
        edit.add_feature("risk_zones", Point(36.7870, -1.3110).buffer(0.001),
                         "risk_zone/flood", {"name": "Mto", "severity": "high"})
        edit.delete("facilities", gone)
    return path


def _same_values(plain: np.ndarray, gdal: np.ndarray) -> bool:
    """Same values of the same Python types once the renderer makes them objects."""
    if plain.dtype != gdal.dtype:
        return False
    for a, b in zip(plain.astype(object).tolist(), gdal.astype(object).tolist(), strict=True):
        both_nan = isinstance(a, float) and isinstance(b, float) and a != a and b != b
        if type(a) is not type(b) or not (both_nan or a == b):
            return False
    return True


def _batches_equal(plain: list, gdal: list) -> None:
    assert len(plain) == len(gdal)
    for mine, theirs in zip(plain, gdal, strict=True):
        assert np.array_equal(mine.fids, theirs.fids)
        assert mine.fids.dtype == theirs.fids.dtype == np.int64
        assert np.array_equal(mine.offsets, theirs.offsets)
        assert np.array_equal(mine.wkb, theirs.wkb)
        assert list(mine.columns) == list(theirs.columns)
        for column in mine.columns:
            assert _same_values(mine.columns[column], theirs.columns[column]), column


def _plain_columns(path: Path, name: str) -> list[str]:
    """The layer's columns SQLite reads itself (dates and other types go through GDAL)."""
    connection = gpkg_read.connect_read_only(path)
    try:
        fields = gpkg_read.layer_fields(connection, name)
        declared = {row[1]: row[2] for row in connection.execute(f'PRAGMA table_info("{name}")')}
    finally:
        connection.close()
    return [f for f in fields if declared[f].upper().split("(")[0] in
            ("INTEGER", "INT", "MEDIUMINT", "SMALLINT", "TINYINT", "REAL", "DOUBLE", "FLOAT",
             "TEXT", "BOOLEAN")]


def _read(store: ProjectStore, name: str, columns: list[str], gdal: bool) -> tuple[str, list]:
    reader = ProjectStore.read_for_map(store, name, columns, BATCH) if gdal \
        else store.read_for_map(name, columns, BATCH)
    with reader as (crs, batches):
        return crs, list(batches)


@pytest.mark.parametrize("which", ["kibera_sample", "mapped"])
def test_layer_list_is_gdals(which: str, request: pytest.FixtureRequest) -> None:
    path = request.getfixturevalue(which)
    store = open_store(path)
    plain = store._plain_layers()  # type: ignore[attr-defined]
    assert plain == store._gdal_layers()  # type: ignore[attr-defined]
    assert store.layers() == plain
    tables = store.vector_layers()
    assert list(tables.items()) == list(
        store._gdal_vector_layers().items())  # type: ignore[attr-defined]
    assert tables["quartier_layers"] == "" and tables["buildings"] == "MultiPolygon"
    names = {info.name for info in plain}
    assert {"buildings", "roads", "pois", "facilities", "transport_stops"} <= names
    if which == "mapped":
        assert {"villages", "flood_zones"} <= names
        counts = {info.name: info.count for info in plain}
        assert (counts["facilities"], counts["transport_stops"], counts["risk_zones"]) == (2, 2, 1)


@pytest.mark.parametrize("which", ["kibera_sample", "mapped"])
def test_every_layer_reads_as_through_gdal(which: str, request: pytest.FixtureRequest) -> None:
    path = request.getfixturevalue(which)
    store = open_store(path)
    style = load_style()
    vectors = [info for info in store.layers() if info.geometry_type != "Raster"]
    assert len(vectors) >= 12
    for info in vectors:
        columns = _plain_columns(path, info.name)
        # SQLite reads every one of these columns itself: no fallback hides a difference.
        connection = gpkg_read.connect_read_only(path)
        try:
            assert gpkg_read.layer_crs(connection, info.name) == info.crs == "EPSG:4326"
            assert gpkg_read.quicker_than_gdal(connection, info.name)  # Kibera is small
            plain = list(gpkg_read.read_batches(connection, info.name, columns, BATCH))
        finally:
            connection.close()
        crs, gdal = _read(store, info.name, columns, gdal=True)
        assert crs == info.crs
        _batches_equal(plain, gdal)
        assert sum(len(b.fids) for b in plain) == info.count
        # Through the store, every field (dates too), and the layer the map draws.
        every = store.layer_fields(info.name)
        _batches_equal(_read(store, info.name, every, gdal=False)[1],
                       _read(store, info.name, every, gdal=True)[1])
        layer_style = style.for_layer(info.name, GEOMETRY_NAMES.get(info.geometry_type,
                                                                     "polygon"))
        drawn = read_project_layer(store, info.name, layer_style, "EPSG:32737")
        through_gdal = read_project_layer(_Gdal(store), info.name, layer_style, "EPSG:32737")
        for field in ("fids", "classes", "bounds", "size", "area", "anchor", "names",
                      "name_codes", "name_lengths", "colour_ids", "titles"):
            mine, theirs = getattr(drawn, field), getattr(through_gdal, field)
            if mine is None or theirs is None:
                assert mine is theirs, field
            else:
                assert np.array_equal(mine, theirs, equal_nan=mine.dtype.kind == "f"), field
        assert np.array_equal(drawn.geoms.coords, through_gdal.geoms.coords)
        assert drawn.colour_table == through_gdal.colour_table
        assert drawn.extent == through_gdal.extent


class _Gdal:
    """A store that reads for the map through GDAL only."""

    def __init__(self, store: ProjectStore) -> None:
        self.store = store

    def read_for_map(self, *args, **kwargs):
        return ProjectStore.read_for_map(self.store, *args, **kwargs)


def test_odd_files_read_as_through_gdal(mapped: Path, tmp_path: Path):
    """Layers without extents in gpkg_contents; a text in an integer column (SQLite keeps
    it, GDAL reads it its own way): the batches from that one on are GDAL's, the earlier
    ones SQLite's, and together they are GDAL's."""
    path = tmp_path / "odd.gpkg"
    shutil.copy(mapped, path)
    connection = gpkg.connect(path)
    try:
        fid = connection.execute("SELECT fid FROM pois ORDER BY fid LIMIT 1 OFFSET 700"
                                 ).fetchone()[0]
        connection.execute("UPDATE pois SET osm_id = 'not a number' WHERE fid = ?",
                           (fid,))
        # Without the extents of gpkg_contents, GDAL gives its spatial index's.
        connection.execute("UPDATE gpkg_contents SET min_x = NULL, min_y = NULL, max_x = NULL,"
                           " max_y = NULL WHERE table_name IN ('pois', 'villages', 'facilities')")
    finally:
        connection.close()
    store = open_store(path)
    plain_layers = store._plain_layers()  # type: ignore[attr-defined]
    assert plain_layers == store._gdal_layers()  # type: ignore[attr-defined]
    stored = {i.name: i.extent for i in open_store(mapped).layers()}
    assert {i.name: i.extent for i in plain_layers}["pois"] != stored["pois"]
    columns = ["osm_id", "name"]
    _crs, plain = _read(store, "pois", columns, gdal=False)
    _crs, gdal = _read(store, "pois", columns, gdal=True)
    assert len(plain) > 2
    _batches_equal(plain, gdal)
    connection = gpkg_read.connect_read_only(path)
    try:
        batches = gpkg_read.read_batches(connection, "pois", columns, BATCH)
        next(batches)
        with pytest.raises(gpkg_read.NotPlain):
            next(batches)
    finally:
        connection.close()


def test_factorize_is_pandas_factorize():
    values = np.array([None, "b", np.nan, "a", 1, 1.0, True, "b", pd.NA, 2.5, "", float("nan"),
                       np.float64(3.0), pd.NaT, "a", 7, np.int64(7)], dtype=object)
    for picked in (values, values[::-1], values[:0], values[[1, 3, 7, 10]]):
        codes, uniques = factorize(picked)
        expected_codes, expected = pd.factorize(pd.Series(picked, dtype=object),
                                                use_na_sentinel=True)
        assert codes.tolist() == expected_codes.tolist()
        assert [(type(u), u) for u in uniques] == [(type(u), u) for u in expected]
