"""`quartier new --base`: projects from GeoPackage, Shapefile and GeoJSON layers.

Real data from ../shared/data; every expected figure is computed here with plain
pyogrio / shapely / numpy / pyproj on the source files, not with the code under test.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import numpy as np
import pyogrio
import pytest
import shapely
from pyproj import Geod, Transformer

from desktop.cli import main
from layers.errors import (
    CRSMissingError,
    EmptyExtractError,
    InputFileError,
    ProjectExistsError,
)
from mapping.base_import import project_from_vectors
from mapping.project import OSM_ATTRIBUTION, Project

SURVEY = "kianda_structures_and_population_dataset.shp"
NO_CRS_SENTENCE = ("has no coordinate system (.prj missing); if its coordinates are "
                   "longitude/latitude, add --crs EPSG:4326")
#: ``highway`` values osmnx's "all" network leaves out (roads still drawn, not routed).
NOT_ROUTED = ["abandoned", "construction", "no", "planned", "platform", "proposed", "raceway",
              "razed"]


def count(project: Path, layer: str) -> int:
    return int(pyogrio.read_info(project, layer=layer, force_feature_count=True)["features"])


def copy_shapefile(source: Path, folder: Path, name: str | None = None) -> Path:
    """Copy every part (.shp, .shx, .dbf, .prj...) of a Shapefile into ``folder``."""
    stem = name or source.stem
    for part in source.parent.glob(source.stem + ".*"):
        shutil.copy(part, folder / (stem + part.suffix))
    return folder / (stem + ".shp")


@pytest.fixture(scope="module")
def jakarta(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    """The Jakarta buildings and roads of the shared data, imported once."""
    path = tmp_path_factory.mktemp("jakarta") / "jakarta.gpkg"
    project_from_vectors(path, [data_dir / "jakarta" / "buildings.gpkg",
                                data_dir / "jakarta" / "roads.shp"])
    return path


@pytest.fixture(scope="module")
def jakarta_roads(data_dir: Path):
    """The roads Shapefile read with plain pyogrio, multi-lines split into lines."""
    roads = pyogrio.read_dataframe(data_dir / "jakarta" / "roads.shp")
    return roads.explode(index_parts=False).reset_index(drop=True)


# --- recognising and mapping real layers ------------------------------------------------


def test_jakarta_buildings_all_recognised_with_their_attributes(jakarta: Path, data_dir: Path):
    source = pyogrio.read_dataframe(data_dir / "jakarta" / "buildings.gpkg")
    assert len(source) == 7689
    assert count(jakarta, "buildings") == 7689
    stored = pyogrio.read_dataframe(jakarta, layer="buildings")
    assert set(stored.geom_type) == {"MultiPolygon"}
    assert shapely.is_valid(stored.geometry.values).all()
    # Same footprints: total area on the ellipsoid, computed separately for each side.
    geod = Geod(ellps="WGS84")
    source_area = sum(abs(geod.geometry_area_perimeter(g)[0]) for g in source.geometry)
    stored_area = sum(abs(geod.geometry_area_perimeter(g)[0]) for g in stored.geometry)
    assert stored_area == pytest.approx(source_area, rel=1e-9)
    # OSM keys read case-insensitively; every original attribute kept in tags.
    assert sorted(stored["building"].value_counts().head(3).index) == sorted(
        source["BUILDING"].value_counts().head(3).index)
    assert (stored["building"] == "yes").sum() == (source["BUILDING"] == "yes").sum() + int(
        source["BUILDING"].isna().sum())  # a footprint without a value is a building=yes
    assert stored["amenity"].notna().sum() == source["AMENITY"].notna().sum()
    assert stored["building_levels"].notna().sum() == source["LEVELS"].notna().sum()
    tags = [json.loads(t) for t in stored["tags"]]
    assert sum("STRUCTURE" in t for t in tags) == source["STRUCTURE"].notna().sum()
    named = stored[stored["name"] == "Bekas Kantor BPKP"]
    assert len(named) == (source["NAME"] == "Bekas Kantor BPKP").sum() >= 1
    assert stored["osm_id"].isna().all()  # these footprints carry no OSM ids


def test_jakarta_amenity_buildings_are_also_points_of_interest(jakarta: Path, data_dir: Path):
    source = pyogrio.read_dataframe(data_dir / "jakarta" / "buildings.gpkg")
    # Of the OSM keys that make a POI, this layer has AMENITY and OFFICE.
    expected = (source["AMENITY"].notna() | source["OFFICE"].notna()).sum()
    assert expected == 1553
    assert count(jakarta, "pois") == expected
    pois = pyogrio.read_dataframe(jakarta, layer="pois", columns=["category", "amenity"])
    schools = (pois["amenity"] == "school").sum()
    assert schools == (source["AMENITY"] == "school").sum() == 318
    assert (pois.loc[pois["amenity"] == "school", "category"] == "education").all()


def test_jakarta_roads_counted_and_classed(jakarta: Path, jakarta_roads):
    assert len(jakarta_roads) == 18574
    assert count(jakarta, "roads") == 18574
    stored = pyogrio.read_dataframe(jakarta, layer="roads")
    # The road class comes from the TYPE column, read as OSM's highway.
    assert stored["highway"].value_counts().to_dict() == jakarta_roads["TYPE"].value_counts(
    ).to_dict()
    assert (stored["oneway"] == "yes").sum() == (jakarta_roads["ONEWAY"] == "yes").sum()
    geod = Geod(ellps="WGS84")
    source_length = sum(geod.geometry_length(g) for g in jakarta_roads.geometry)
    stored_length = sum(geod.geometry_length(g) for g in stored.geometry)
    assert stored_length == pytest.approx(source_length, rel=1e-9)


def test_jakarta_street_graph_joins_roads_at_shared_vertices(jakarta: Path, jakarta_roads):
    routed = jakarta_roads[~jakarta_roads["TYPE"].isin(NOT_ROUTED)]
    assert len(routed) == 18569  # 5 roads under construction are drawn but not routed
    # Independent count: vertices (to 1e-7 degree) on two or more roads, plus road ends.
    coords, owner = shapely.get_coordinates(routed.geometry.values, return_index=True)
    keys = np.round(coords * 1e7).astype(np.int64)
    _unique, vertex = np.unique(keys, axis=0, return_inverse=True)
    vertex = vertex.ravel()
    roads_at = np.bincount(np.unique(np.c_[vertex, owner], axis=0)[:, 0])
    first = np.r_[0, np.flatnonzero(np.diff(owner)) + 1]
    last = np.r_[first[1:] - 1, len(owner) - 1]
    is_node = roads_at >= 2
    is_node[vertex[first]] = True
    is_node[vertex[last]] = True
    assert is_node.sum() == 34060

    nodes = pyogrio.read_dataframe(jakarta, layer="street_nodes")
    edges = pyogrio.read_dataframe(jakarta, layer="street_edges")
    assert len(nodes) == is_node.sum()
    assert (nodes["osmid"] < 0).all()  # synthetic ids: a vector file has no OSM node ids
    assert nodes["osmid"].is_unique
    assert set(edges["u"]) | set(edges["v"]) <= set(nodes["osmid"])

    graph = nx.MultiDiGraph()
    graph.add_nodes_from(nodes["osmid"])
    graph.add_edges_from(zip(edges["u"], edges["v"], strict=True))
    largest = max(len(c) for c in nx.weakly_connected_components(graph))
    assert largest / len(nodes) > 0.95  # the city's network is one piece, bar a few islands

    # Every routed road is in the graph once: one record per street segment and direction.
    one_record = ~edges["reversed"] | edges["oneway"]
    geod = Geod(ellps="WGS84")
    routed_length = sum(geod.geometry_length(g) for g in routed.geometry)
    assert edges.loc[one_record, "length"].sum() == pytest.approx(routed_length, rel=5e-3)
    two_way = (~routed["ONEWAY"].isin(["yes", "-1"])).sum()
    assert two_way > 0 and (edges["reversed"] & ~edges["oneway"]).sum() >= two_way


def test_jakarta_metadata_names_the_files_and_osm(jakarta: Path, data_dir: Path):
    meta = Project(jakarta).metadata
    assert meta.source == "buildings.gpkg, roads.shp"
    assert meta.attribution.startswith(OSM_ATTRIBUTION)
    # roads.shp records no source: the attribution says so rather than invent one.
    assert "roads.shp" in meta.attribution
    roads = pyogrio.read_info(data_dir / "jakarta" / "roads.shp")["total_bounds"]
    buildings = pyogrio.read_info(data_dir / "jakarta" / "buildings.gpkg")["total_bounds"]
    expected = (min(roads[0], buildings[0]), min(roads[1], buildings[1]),
                max(roads[2], buildings[2]), max(roads[3], buildings[3]))
    assert meta.area_of_interest == pytest.approx(expected)
    assert meta.working_crs == "EPSG:32748"  # UTM 48S: Jakarta


def test_shared_vertices_within_a_centimetre_become_one_node(tmp_path: Path):
    # Three streets meeting at one corner, one of them drawn 5e-9 degrees off.
    corner = (36.78, -1.31)
    lines = [
        [(36.779, -1.31), corner],
        [(corner[0] + 5e-9, corner[1] - 5e-9), (36.781, -1.31)],
        [corner, (36.78, -1.309)],
        [(36.77, -1.30), (36.771, -1.30)],  # a street on its own
    ]
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"highway": "residential", "name": f"street {i}"},
         "geometry": {"type": "LineString", "coordinates": line}}
        for i, line in enumerate(lines)]}
    source = tmp_path / "streets.geojson"
    source.write_text(json.dumps(collection))
    project = tmp_path / "p.gpkg"
    project_from_vectors(project, [source])
    nodes = pyogrio.read_dataframe(project, layer="street_nodes")
    edges = pyogrio.read_dataframe(project, layer="street_edges")
    assert len(nodes) == 6  # the corner, three far ends and the lone street's two ends
    assert sorted(nodes["street_count"]) == [1, 1, 1, 1, 1, 3]
    assert len(edges) == 8  # four two-way streets
    assert (edges["osmid"] < 0).all()


def test_nested_osm_tags_mixed_geometries_and_osm_ids(tmp_path: Path, data_dir: Path):
    """A HOT raw-data export: tags nested in one attribute, buildings and roads together."""
    path = data_dir / "more" / "kathmandu" / "data_extract_kathmandu.geojson"
    raw = json.loads(path.read_text())["features"]
    polygons = [f for f in raw if f["geometry"]["type"] == "Polygon"]
    building_ids = {f["properties"]["osm_id"] for f in polygons
                    if f["properties"]["tags"].get("building", "no") != "no"}
    road_ids = {f["properties"]["osm_id"] for f in raw if f["geometry"]["type"] == "LineString"
                and "highway" in f["properties"]["tags"]}
    assert (len(building_ids), len(road_ids)) == (667, 22)
    project = tmp_path / "kathmandu.gpkg"
    project_from_vectors(project, [path])
    buildings = pyogrio.read_dataframe(project, layer="buildings")
    roads = pyogrio.read_dataframe(project, layer="roads")
    assert set(buildings["osm_id"].astype(int)) == building_ids
    assert set(roads["osm_id"].astype(int)) == road_ids
    assert set(roads["osm_type"]) == {"way"}
    assert json.loads(roads["tags"][0])["highway"] == roads["highway"][0]
    meta = Project(project).metadata
    assert meta.attribution == OSM_ATTRIBUTION
    newest = max(f["properties"]["timestamp"] for f in raw)
    assert meta.osm_data_date == newest + "Z"


def test_osm_converted_by_gdal_gives_the_same_layers_as_the_osm_import(
        tmp_path: Path, data_dir: Path, kibera_project: Path):
    """Kibera converted to a GeoPackage by GDAL (as QGIS does): osm_id, other_tags..."""
    package = tmp_path / "kibera_from_qgis.gpkg"
    for layer in ("points", "lines", "multipolygons"):
        frame = pyogrio.read_dataframe(data_dir / "osm" / "kibera.osm", layer=layer)
        pyogrio.write_dataframe(frame, package, layer=layer)
    areas = pyogrio.read_dataframe(package, layer="multipolygons", read_geometry=False)
    areas = areas[areas["building"].notna() & (areas["building"] != "no")]
    # GDAL's layout: an area from a way has osm_way_id, one from a relation osm_id.
    expected = {("way", int(i)) for i in areas["osm_way_id"].dropna()} | {
        ("relation", int(i)) for i in areas["osm_id"].dropna()}
    lines = pyogrio.read_dataframe(package, layer="lines", read_geometry=False)
    road_ids = set(lines.loc[lines["highway"].notna(), "osm_id"].astype(int))

    project = tmp_path / "p.gpkg"
    project_from_vectors(project, [package])
    buildings = pyogrio.read_dataframe(project, layer="buildings", read_geometry=False)
    assert set(zip(buildings["osm_type"], buildings["osm_id"].astype(int), strict=True)) == (
        expected)
    roads = pyogrio.read_dataframe(project, layer="roads", read_geometry=False)
    assert set(roads["osm_id"].astype(int)) == road_ids  # untagged ways are not roads
    for layer in ("buildings", "roads", "pois", "water", "landuse", "places",
                  "street_nodes", "street_edges"):
        assert count(project, layer) == count(kibera_project, layer), layer
    assert Project(project).metadata.attribution == OSM_ATTRIBUTION


def test_multi_lines_split_into_roads_multi_polygons_stay_whole(tmp_path: Path):
    parts = [[(36.78, -1.31), (36.781, -1.31)], [(36.781, -1.31), (36.782, -1.311)],
             [(36.79, -1.32), (36.791, -1.32)]]
    square = [[(36.70, -1.30), (36.701, -1.30), (36.701, -1.301), (36.70, -1.301),
               (36.70, -1.30)]]
    other = [[(36.71, -1.30), (36.711, -1.30), (36.711, -1.301), (36.71, -1.301),
              (36.71, -1.30)]]
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"highway": "residential"},
         "geometry": {"type": "MultiLineString", "coordinates": parts}},
        {"type": "Feature", "properties": {"building": "school", "amenity": "school"},
         "geometry": {"type": "MultiPolygon", "coordinates": [square, other]}},
    ]}
    source = tmp_path / "mixed.geojson"
    source.write_text(json.dumps(collection))
    project = tmp_path / "p.gpkg"
    project_from_vectors(project, [source])
    assert count(project, "roads") == 3
    buildings = pyogrio.read_dataframe(project, layer="buildings")
    assert len(buildings) == 1 and shapely.get_num_geometries(buildings.geometry[0]) == 2
    assert count(project, "pois") == 1
    # The first two parts meet at one vertex (3 nodes); the third stands apart (2 nodes).
    assert count(project, "street_nodes") == 5


def test_projected_layer_is_reprojected_and_recognised_by_name(tmp_path: Path, data_dir: Path):
    """Padang's footprints: no building attribute, a custom Mercator .prj."""
    path = data_dir / "more" / "padang" / "padang_buildings_osm_4326.shp"
    source = pyogrio.read_dataframe(path)
    to_wgs84 = Transformer.from_crs(source.crs, "EPSG:4326", always_xy=True)
    x, y = shapely.get_coordinates(source.geometry.values).T
    lon, lat = to_wgs84.transform(x, y)
    project = tmp_path / "padang.gpkg"
    project_from_vectors(project, [path])
    stored = pyogrio.read_dataframe(project, layer="buildings")
    assert len(stored) == len(source) == 767
    assert tuple(stored.total_bounds) == pytest.approx(
        (lon.min(), lat.min(), lon.max(), lat.max()), abs=1e-9)
    assert set(stored["osm_id"].astype(int)) == set(source["osm_id"].astype(int))
    assert set(stored["building"]) == {"yes"}


# --- CRS, reference layers, --as ---------------------------------------------------------


def test_survey_without_prj_is_refused_and_nothing_is_written(tmp_path: Path, data_dir: Path):
    project = tmp_path / "survey.gpkg"
    with pytest.raises(CRSMissingError) as caught:
        project_from_vectors(project, [data_dir / "kibera" / SURVEY])
    assert NO_CRS_SENTENCE in str(caught.value)
    assert str(caught.value).startswith(SURVEY)
    assert list(tmp_path.iterdir()) == []


def test_survey_with_crs_as_reference_layer(tmp_path: Path, data_dir: Path):
    path = data_dir / "kibera" / SURVEY
    source = pyogrio.read_dataframe(path)
    invalid = int((~source.is_valid).sum())
    assert (len(source), invalid) == (1510, 6)
    project = tmp_path / "survey.gpkg"
    project_from_vectors(project, [path], roles=[f"{SURVEY}=reference"], crs="EPSG:4326")
    name = path.stem
    opened = Project(project)
    assert opened.layer_kinds()[name] == "reference"
    stored = pyogrio.read_dataframe(project, layer=name)
    assert len(stored) == 1510
    assert shapely.is_valid(stored.geometry.values).all()
    assert stored["POP"].sum() == pytest.approx(source["POP"].sum())
    # Its GEOMETRY attribute would clash with the geometry column in SQLite: renamed, kept.
    assert (stored["GEOMETRY_2"] == source["GEOMETRY"]).all()
    assert tuple(stored.total_bounds) == pytest.approx(tuple(source.total_bounds), abs=1e-9)
    assert count(project, "buildings") == 0
    assert f"{invalid} invalid geometries were repaired" in " ".join(
        opened.metadata.import_notes)
    assert OSM_ATTRIBUTION not in opened.metadata.attribution  # a survey, not OSM data


def test_survey_with_crs_but_no_role_asks_for_as(tmp_path: Path, data_dir: Path):
    with pytest.raises(InputFileError) as caught:
        project_from_vectors(tmp_path / "p.gpkg", [data_dir / "kibera" / SURVEY],
                             crs="EPSG:4326")
    message = str(caught.value)
    assert SURVEY in message and "RENT_MEAN" in message and "polygons" in message
    assert f"--as {SURVEY}=reference" in message
    assert "buildings, roads, pois, water, landuse and reference" in message
    assert list(tmp_path.iterdir()) == []


def test_wrong_crs_is_refused_rather_than_misplacing_the_layer(tmp_path: Path,
                                                               data_dir: Path):
    # The river's longitude/latitude read as UTM 37S metres would land near the South Pole.
    with pytest.raises(InputFileError, match="do not fit its coordinate system"):
        project_from_vectors(tmp_path / "p.gpkg", [data_dir / "kibera" / "kianda_river.shp"],
                             crs="EPSG:32737")
    with pytest.raises(InputFileError, match="--crs"):
        project_from_vectors(tmp_path / "p.gpkg", [data_dir / "kibera" / "kianda_river.shp"],
                             crs="EPSG:999999")
    assert list(tmp_path.iterdir()) == []


def test_unrecognised_layers_are_listed_with_their_columns(tmp_path: Path, data_dir: Path):
    schools = data_dir / "jakarta" / "schools_2012.shp"
    with pytest.raises(InputFileError) as caught:
        project_from_vectors(tmp_path / "p.gpkg", [schools,
                                                   data_dir / "jakarta" / "rw_boundaries.shp"])
    message = str(caught.value)
    for column in pyogrio.read_info(schools)["fields"]:
        assert column in message
    assert "schools_2012.shp (points;" in message and "rw_boundaries.shp (polygons;" in message
    assert "--as FILE=ROLE" in message and "--as FILE:LAYER=ROLE" in message
    assert "buildings, roads, pois, water, landuse and reference" in message
    assert list(tmp_path.iterdir()) == []


def test_as_overrides_recognition(tmp_path: Path, data_dir: Path):
    schools = data_dir / "jakarta" / "schools_2012.shp"
    roads = data_dir / "more" / "jakarta_extra" / "roads_osm_4326.shp"
    n_schools = pyogrio.read_info(schools)["features"]
    n_roads = pyogrio.read_info(roads)["features"]
    project = tmp_path / "p.gpkg"
    # Roads that would be recognised as roads, kept as a reference layer instead.
    project_from_vectors(project, [schools, roads],
                         roles=["schools_2012.shp=pois", f"{roads}=reference"])
    assert count(project, "pois") == n_schools == 765
    assert count(project, "roads") == 0 and count(project, "street_edges") == 0
    assert count(project, "roads_osm_4326") == n_roads == 155
    assert Project(project).layer_kinds()["roads_osm_4326"] == "reference"
    # Without --as, the same roads file is read as roads and routed.
    project_from_vectors(project, [roads], force=True)
    assert count(project, "roads") == 155 and count(project, "street_edges") > 0


def test_as_names_one_layer_of_a_geopackage(tmp_path: Path, data_dir: Path):
    package = tmp_path / "survey.gpkg"
    schools = pyogrio.read_dataframe(data_dir / "jakarta" / "schools_2012.shp")
    areas = pyogrio.read_dataframe(data_dir / "jakarta" / "kelurahan_boundaries.shp")
    pyogrio.write_dataframe(schools, package, layer="schools")
    pyogrio.write_dataframe(areas, package, layer="kelurahan")
    project = tmp_path / "p.gpkg"
    with pytest.raises(InputFileError, match="survey.gpkg:kelurahan"):
        project_from_vectors(project, [package], roles=["survey.gpkg:schools=pois"])
    project_from_vectors(project, [package], roles={"survey.gpkg:schools": "pois",
                                                    "survey.gpkg:kelurahan": "reference"})
    assert count(project, "pois") == len(schools)
    assert count(project, "kelurahan") == len(areas) == 261
    with pytest.raises(InputFileError, match="has no layer called roads; its layers are"):
        project_from_vectors(project, [package], roles=["survey.gpkg:roads=roads"],
                             force=True)


@pytest.mark.parametrize(("role", "message"), [
    ("buildings", "cannot be buildings: its features are lines"),
    ("bridges", "the roles are buildings, roads, pois, water, landuse and reference"),
])
def test_impossible_or_unknown_role(tmp_path: Path, data_dir: Path, role: str, message: str):
    roads = data_dir / "more" / "jakarta_extra" / "roads_osm_4326.shp"
    with pytest.raises(InputFileError, match=message):
        project_from_vectors(tmp_path / "p.gpkg", [roads], roles=[f"roads_osm_4326.shp={role}"])
    assert list(tmp_path.iterdir()) == []


def test_as_for_a_file_not_given(tmp_path: Path, data_dir: Path):
    roads = data_dir / "more" / "jakarta_extra" / "roads_osm_4326.shp"
    with pytest.raises(InputFileError, match="names no file given with --base"):
        project_from_vectors(tmp_path / "p.gpkg", [roads], roles=["streets.shp=roads"])


# --- area of interest ----------------------------------------------------------------------


def test_bbox_clips_to_the_area(tmp_path: Path, data_dir: Path):
    path = data_dir / "jakarta" / "buildings.gpkg"
    bbox = (106.84, -6.19, 106.86, -6.17)
    source = pyogrio.read_dataframe(path)
    overlap = shapely.intersection(source.geometry.values, shapely.box(*bbox))
    expected = int((shapely.area(overlap) > 0).sum())
    assert 0 < expected < len(source)
    project = tmp_path / "p.gpkg"
    project_from_vectors(project, [path], bbox=bbox)
    stored = pyogrio.read_dataframe(project, layer="buildings")
    assert len(stored) == expected
    west, south, east, north = stored.total_bounds
    assert west >= bbox[0] and south >= bbox[1] and east <= bbox[2] and north <= bbox[3]
    assert Project(project).metadata.area_of_interest == bbox


def test_bbox_with_nothing_inside(tmp_path: Path, data_dir: Path):
    with pytest.raises(EmptyExtractError, match="no features inside --bbox"):
        project_from_vectors(tmp_path / "p.gpkg", [data_dir / "jakarta" / "buildings.gpkg"],
                             bbox=(36.7, -1.4, 36.9, -1.2))
    assert list(tmp_path.iterdir()) == []


# --- bad input --------------------------------------------------------------------------------


def _missing(folder: Path, data_dir: Path) -> Path:
    return folder / "nowhere.shp"


def _truncated(folder: Path, data_dir: Path) -> Path:
    shp = copy_shapefile(data_dir / "jakarta" / "roads.shp", folder)
    shp.write_bytes(shp.read_bytes()[:100_000])  # GDAL alone would read it without a word
    return shp


def _without_dbf(folder: Path, data_dir: Path) -> Path:
    shp = copy_shapefile(data_dir / "jakarta" / "roads.shp", folder)
    shp.with_suffix(".dbf").unlink()
    return shp


def _raster(folder: Path, data_dir: Path) -> Path:
    return data_dir / "jakarta" / "flood_depth.tif"


def _empty_geojson(folder: Path, data_dir: Path) -> Path:
    path = folder / "empty.geojson"
    path.write_text('{"type": "FeatureCollection", "features": []}')
    return path


def _no_prj(folder: Path, data_dir: Path) -> Path:
    return data_dir / "kibera" / SURVEY


BAD_INPUTS = {
    "missing": (_missing, InputFileError, "does not exist"),
    "truncated": (_truncated, InputFileError, "cut off while copying"),
    "without_dbf": (_without_dbf, InputFileError, "comes without its .dbf file"),
    "raster": (_raster, InputFileError, "is not a map layer file"),
    "empty": (_empty_geojson, EmptyExtractError, "holds no features"),
    "no_prj": (_no_prj, CRSMissingError, "add --crs EPSG:4326"),
}


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_gives_a_clear_error_and_no_file(tmp_path: Path, data_dir: Path, case: str):
    make, error, words = BAD_INPUTS[case]
    inputs = tmp_path / "in"
    inputs.mkdir()
    source = make(inputs, data_dir)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(error, match=words) as caught:
        project_from_vectors(out / "p.gpkg", [source])
    assert "\n" not in str(caught.value)
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_cli_bad_input_exits_2_with_one_line(tmp_path: Path, data_dir: Path, case: str,
                                             capsys: pytest.CaptureFixture[str]):
    make, _error, words = BAD_INPUTS[case]
    inputs = tmp_path / "in"
    inputs.mkdir()
    source = make(inputs, data_dir)
    project = tmp_path / "out" / "p.gpkg"
    project.parent.mkdir()
    assert main(["new", str(project), "--base", str(source)]) == 2
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last.startswith("quartier: ") and words in last
    assert list(project.parent.iterdir()) == []


def test_existing_project_is_kept(tmp_path: Path, data_dir: Path,
                                  capsys: pytest.CaptureFixture[str]):
    project = tmp_path / "p.gpkg"
    project.write_bytes(b"an earlier project")
    roads = data_dir / "more" / "jakarta_extra" / "roads_osm_4326.shp"
    with pytest.raises(ProjectExistsError, match="add --force"):
        project_from_vectors(project, [roads])
    assert main(["new", str(project), "--base", str(roads)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and err.startswith("quartier: ") and "already exists" in err
    assert project.read_bytes() == b"an earlier project"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.gpkg"]


def test_cli_crs_and_as_options(tmp_path: Path, data_dir: Path,
                                capsys: pytest.CaptureFixture[str]):
    project = tmp_path / "survey.gpkg"
    survey = str(data_dir / "kibera" / SURVEY)
    assert main(["new", str(project), "--base", survey]) == 2
    assert NO_CRS_SENTENCE in capsys.readouterr().err
    assert not project.exists()
    assert main(["new", str(project), "--base", survey, "--crs", "EPSG:4326",
                 "--as", f"{SURVEY}=reference"]) == 0
    assert count(project, Path(SURVEY).stem) == 1510
