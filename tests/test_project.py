"""The project file: a GeoPackage GDAL and QGIS open, written all at once or not at all."""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import subprocess
import uuid
from pathlib import Path

import pyogrio
import pytest
import shapely

from layers.errors import ProjectError
from layers.participatory import ParticipatoryLayer, fields
from mapping.project import Project, ProjectMetadata, create_project, utm_crs_for
from mapping.store import _gpkg as gpkg
from mapping.store import _gpkg_create as project_module


def ogrinfo_layers(path: Path) -> dict[str, dict[str, str]]:
    """Layer name -> geometry, feature count and EPSG code, as Debian's ogrinfo reports them."""
    text = subprocess.run(["ogrinfo", "-ro", "-so", "-al", str(path)], capture_output=True,
                          text=True, check=True).stdout
    layers = {}
    for block in text.split("Layer name: ")[1:]:
        name = block.splitlines()[0].strip()
        geometry = re.search(r"^Geometry: (.+)$", block, re.M)
        count = re.search(r"^Feature Count: (\d+)$", block, re.M)
        epsg = re.findall(r'ID\["EPSG",(\d+)\]\]\s*$', block, re.M)
        layers[name] = {
            "geometry": geometry.group(1) if geometry else "",
            "count": count.group(1) if count else "",
            "epsg": epsg[-1] if epsg else "",
        }
    return layers


def test_gdal_command_line_lists_every_layer_with_its_crs(kibera_project: Path):
    layers = ogrinfo_layers(kibera_project)
    expected = {"buildings", "roads", "pois", "water", "landuse", "places", "street_nodes",
                "street_edges", "facilities", "transport_lines", "transport_stops",
                "risk_zones", "quartier_metadata", "quartier_layers"}
    assert expected <= set(layers)
    for name in expected - {"quartier_metadata", "quartier_layers"}:
        assert layers[name]["epsg"] == "4326", name
    assert layers["buildings"] == {"geometry": "Multi Polygon", "count": "159", "epsg": "4326"}
    assert layers["facilities"]["geometry"] == "Point"
    assert layers["risk_zones"]["geometry"] == "Multi Polygon"
    assert layers["transport_lines"]["geometry"] == "Line String"


def test_file_is_a_valid_geopackage(kibera_project: Path):
    with sqlite3.connect(kibera_project) as connection:
        assert connection.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47  # GPKG
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        contents = dict(connection.execute("SELECT table_name, data_type FROM gpkg_contents"))
        rtrees = {name for (name,) in connection.execute(
            "SELECT table_name FROM gpkg_extensions WHERE extension_name='gpkg_rtree_index'")}
    assert contents["quartier_metadata"] == "attributes"
    assert contents["facilities"] == "features"
    assert {"buildings", "roads", "facilities", "risk_zones"} <= rtrees


def test_participatory_schema(kibera_project: Path):
    for layer in ParticipatoryLayer:
        info = pyogrio.read_info(kibera_project, layer=str(layer))
        assert [f.name for f in fields(layer)] == list(info["fields"])
        assert info["crs"] == "EPSG:4326"
    stops = pyogrio.read_info(kibera_project, layer="transport_stops")
    assert {"line_uuid", "stop_sequence"} <= set(stops["fields"])


def test_metadata_round_trip(kibera_project: Path):
    project = Project(kibera_project)
    meta = project.metadata
    assert meta.source == "kibera.osm"
    assert meta.osm_data_date.startswith("2012-08-27")
    assert meta.working_crs == "EPSG:32737"
    west, south, east, north = meta.area_of_interest
    assert 36.72 < west < east < 36.81 and -1.34 < south < north < -1.28
    assert project.layer_kinds()["street_edges"] == "street_graph"
    assert project.layer_names()[0] == "buildings"


def test_street_graph_is_stored_for_routing_without_reparsing(kibera_project: Path):
    from layers.street_graph import to_networkx

    project = Project(kibera_project)
    graph = to_networkx(project.read_layer("street_nodes"), project.read_layer("street_edges"))
    assert graph.number_of_nodes() == pyogrio.read_info(kibera_project, "street_nodes")["features"]
    lengths = [d["length"] for _u, _v, d in graph.edges(data=True)]
    assert min(lengths) > 0 and sum(lengths) > 100_000


def _feature_row(geometry: shapely.Geometry) -> dict:
    return {"uuid": str(uuid.uuid4()), "name": "Maji safi kiosk", "version": 1,
            "tags": json.dumps({"amenity": "water_point", "name": "Maji safi kiosk"}),
            "geom": gpkg.encode_geometry(geometry)}


def _insert(connection, table: str, row: dict) -> None:
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    connection.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values()))


def test_edits_are_transactional_and_spatially_indexed(tmp_path: Path, kibera_project: Path):
    path = tmp_path / "copy.gpkg"
    path.write_bytes(kibera_project.read_bytes())
    point = shapely.Point(36.7891, -1.3102)
    connection = gpkg.connect(path)
    with gpkg.transaction(connection):
        _insert(connection, "facilities", _feature_row(point))
    with pytest.raises(RuntimeError), gpkg.transaction(connection):
        _insert(connection, "facilities", _feature_row(shapely.Point(36.79, -1.31)))
        raise RuntimeError("power cut half-way")
    rtree = connection.execute(
        "SELECT minx, maxx, miny, maxy FROM rtree_facilities_geom").fetchall()
    connection.close()
    frame = pyogrio.read_dataframe(path, layer="facilities")
    assert len(frame) == 1  # the second insert was rolled back
    assert frame.geometry[0].equals(point)
    assert frame["name"][0] == "Maji safi kiosk"
    # R-tree bounds are float32, rounded outwards.
    assert rtree == [pytest.approx((36.7891, 36.7891, -1.3102, -1.3102), abs=1e-5)]
    # GDAL finds it through the spatial index.
    near = pyogrio.read_dataframe(path, layer="facilities", bbox=(36.788, -1.311, 36.790, -1.309))
    far = pyogrio.read_dataframe(path, layer="facilities", bbox=(36.70, -1.30, 36.71, -1.29))
    assert len(near) == 1 and len(far) == 0


def test_geometry_blob_round_trip():
    for geometry in (shapely.Point(1, 2), shapely.LineString([(0, 0), (1, 1)]),
                     shapely.MultiPolygon([shapely.box(0, 0, 1, 1)]), shapely.Point()):
        blob = gpkg.encode_geometry(geometry)
        assert blob[:2] == b"GP"
        assert gpkg.decode_geometry(blob).equals(geometry) or geometry.is_empty


def test_a_crash_while_writing_leaves_no_project_and_keeps_the_old_one(
    tmp_path: Path, kibera_project: Path, monkeypatch: pytest.MonkeyPatch
):
    layers = {"buildings": Project(kibera_project).read_layer("buildings")}
    meta = ProjectMetadata(name="x", area_of_interest=(36.7, -1.4, 36.9, -1.2))
    real_write = project_module._write_layer
    calls = []

    def failing_write(*args, **kwargs):
        calls.append(args[1])
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real_write(*args, **kwargs)

    monkeypatch.setattr(project_module, "_write_layer", failing_write)
    target = tmp_path / "new.gpkg"
    two = {**layers, "roads": Project(kibera_project).read_layer("roads")}
    with pytest.raises(ProjectError, match="The disk is full: nothing was saved in new.gpkg"):
        create_project(target, two, meta)
    assert list(tmp_path.iterdir()) == []

    existing = tmp_path / "old.gpkg"
    existing.write_bytes(kibera_project.read_bytes())
    before = hashlib.sha256(existing.read_bytes()).hexdigest()
    calls.clear()
    with pytest.raises(ProjectError):
        create_project(existing, two, meta, force=True)
    assert hashlib.sha256(existing.read_bytes()).hexdigest() == before
    assert [p.name for p in tmp_path.iterdir()] == ["old.gpkg"]


def test_utm_zone_choice():
    assert utm_crs_for(36.79, -1.31) == "EPSG:32737"  # Nairobi
    assert utm_crs_for(39.27, -6.79) == "EPSG:32737"  # Dar es Salaam
    assert utm_crs_for(-17.45, 14.69) == "EPSG:32628"  # Dakar
    assert utm_crs_for(85.32, 27.71) == "EPSG:32645"  # Kathmandu
    assert utm_crs_for(106.85, -6.2) == "EPSG:32748"  # Jakarta


def test_opening_something_else_is_refused(tmp_path: Path, data_dir: Path):
    with pytest.raises(ProjectError, match="not a Quartier project"):
        Project(data_dir / "osm" / "kibera.osm")
    with pytest.raises(ProjectError, match="not a Quartier project"):
        Project(data_dir / "jakarta" / "buildings.gpkg")
    with pytest.raises(ProjectError, match="does not exist"):
        Project(tmp_path / "nothing.gpkg")
