"""Reading OpenStreetMap extracts: counts against independent readers, formats, clipping."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import osmnx
import pyogrio
import pytest
import shapely

from layers.osm_extract import read_extract
from layers.street_graph import to_networkx
from tests.osm_counts import building_ways, load_xml, road_ways


@pytest.fixture(scope="module")
def kibera(data_dir: Path):
    return read_extract(data_dir / "osm" / "kibera.osm")


@pytest.fixture(scope="module")
def kibera_raw(data_dir: Path):
    return load_xml(data_dir / "osm" / "kibera.osm")


def test_kibera_buildings_and_roads_match_an_independent_count(kibera, kibera_raw):
    # The data README states 159 building ways and 517 highway ways; ElementTree agrees,
    # and three highway ways are not roads on the ground (proposed, or pedestrian areas).
    assert len(building_ways(kibera_raw)) == 159
    assert sum("highway" in tags for _i, _r, tags in kibera_raw.ways) == 517
    assert kibera.count("buildings") == 159
    assert kibera.count("roads") == len(road_ways(kibera_raw)) == 514
    assert set(kibera.layers["buildings"]["osm_id"]) == set(building_ways(kibera_raw))
    assert set(kibera.layers["roads"]["osm_id"]) == set(road_ways(kibera_raw))
    # Each building keeps its way's node list, in order, for export as an OSM modification.
    way_nodes = {way_id: refs for way_id, refs, _tags in kibera_raw.ways}
    buildings = kibera.layers["buildings"]
    for osm_id, refs in zip(buildings["osm_id"], buildings["osm_nodes"], strict=True):
        assert [int(r) for r in refs.split()] == way_nodes[osm_id]


def test_kibera_building_area_matches_coordinates_from_the_xml(kibera, kibera_raw):
    """Total footprint computed from raw node coordinates equals the layer's, in m²."""
    from pyproj import Transformer

    to_utm = Transformer.from_crs("EPSG:4326", "EPSG:32737", always_xy=True)
    expected = 0.0
    for way_id in building_ways(kibera_raw):
        refs = next(r for i, r, _t in kibera_raw.ways if i == way_id)
        lon, lat = np.array([kibera_raw.nodes[r] for r in refs]).T
        x, y = to_utm.transform(lon, lat)
        expected += shapely.Polygon(np.c_[x, y]).area
    got = kibera.layers["buildings"].to_crs("EPSG:32737").area.sum()
    assert got == pytest.approx(expected, rel=1e-6)
    assert 10_000 < got < 1_000_000  # a few hectares of roofs, not degrees


def test_points_of_interest_keep_all_their_tags(kibera, kibera_raw):
    pois = kibera.layers["pois"]
    nodes = pois[pois["osm_type"] == "node"]
    raw_tags = dict(kibera_raw.node_tags)
    for _, row in nodes.head(200).iterrows():
        assert json.loads(row["tags"]) == raw_tags[row["osm_id"]]
    schools = pois[pois["amenity"] == "school"]
    assert len(schools) > 0 and set(schools["category"]) == {"education"}
    water = pois[pois["category"] == "water"]
    # Water supply as mappers tag it; Kibera's many water tanks are man_made=water_tower.
    expected_water = sum(
        t.get("amenity") in {"drinking_water", "water_point", "watering_place", "fountain"}
        or t.get("man_made") in {"water_well", "water_tap", "water_tower", "water_works",
                                 "borehole"}
        or t.get("natural") == "spring"
        for _i, t in kibera_raw.node_tags
        if t.get("amenity") != "toilets"  # a toilet block with its own tank is sanitation
    )
    assert len(water[water["osm_type"] == "node"]) == expected_water


def test_places_and_data_date(kibera, kibera_raw):
    # Settlement and neighbourhood names; place=region/plot (a church, two plots) are not.
    named_places = [t for _i, t in kibera_raw.node_tags if "place" in t and "name" in t
                    and t["place"] not in {"region", "plot"}]
    assert kibera.count("places") == len(named_places) == 13
    assert "Kibera" in set(kibera.layers["places"]["name"])
    assert kibera.data_date.startswith("2012-08-27")


def test_bz2_and_pbf_of_the_same_extract_give_identical_layers(data_dir: Path):
    from_bz2 = read_extract(data_dir / "osm" / "aguascalientes.osm.bz2")
    from_pbf = read_extract(data_dir / "osm" / "aguascalientes.osm.pbf")
    assert from_bz2.layers.keys() == from_pbf.layers.keys()
    for name, a in from_bz2.layers.items():
        b = from_pbf.layers[name]
        assert len(a) == len(b), name
        key = ["u", "v", "key"] if name == "street_edges" else (
            ["osmid"] if name == "street_nodes" else ["osm_type", "osm_id"])
        a = a.sort_values(key).reset_index(drop=True)
        b = b.sort_values(key).reset_index(drop=True)
        attributes = [c for c in a.columns if c not in ("geometry", "osm_version")]
        assert a[attributes].equals(b[attributes]), name
        assert shapely.equals_exact(a.geometry.values, b.geometry.values, tolerance=1e-9).all()
    assert from_pbf.count("roads") == 674 and from_pbf.count("buildings") == 35


def test_pbf_counts_agree_with_gdal_osm_driver(data_dir: Path):
    """GDAL's OSM driver (what QGIS opens .pbf with) finds the same buildings."""
    path = data_dir / "osm" / "aguascalientes.osm.pbf"
    polygons = pyogrio.read_dataframe(path, layer="multipolygons", columns=["osm_id", "building"])
    gdal_buildings = polygons["building"].notna() & (polygons["building"] != "no")
    ours = read_extract(path)
    assert ours.count("buildings") == int(gdal_buildings.sum())


def test_clipped_extract_loads_with_partial_ways(data_dir: Path):
    """Helsinki is clipped: ways leave the extract. osmnx fails on it; we draw what is inside."""
    path = data_dir / "osm" / "helsinki.osm.pbf"
    raw = load_xml(path)
    extract = read_extract(path)
    assert extract.count("roads") == len(road_ways(raw))
    way_buildings = extract.layers["buildings"].query("osm_type == 'way'")
    assert set(way_buildings["osm_id"]) == set(building_ways(raw))
    assert extract.partial_ways > 0 and extract.notes
    # Closed building ways cut by the edge cannot be drawn; the notes say how many.
    cut = sum(1 for _i, refs, tags in raw.ways
              if tags.get("building", "no") != "no" and refs[0] == refs[-1]
              and not all(r in raw.nodes for r in refs))
    reported = [int(n.split()[0]) for n in extract.notes if "outlines are cut" in n]
    # The note also counts cut amenity outlines, so it is at least the building count.
    assert cut > 0 and len(reported) == 1 and reported[0] >= cut
    relations = extract.layers["buildings"].query("osm_type == 'relation'")
    assert len(relations) > 0  # multipolygon buildings are assembled
    assert relations.geometry.is_valid.all()


def test_street_graph_matches_osmnx_on_the_same_streets(tmp_path: Path, data_dir: Path, kibera):
    """Same street network as osmnx.graph_from_xml on the highway ways alone."""
    highways = tmp_path / "highways.osm"
    subprocess.run(["osmium", "tags-filter", str(data_dir / "osm" / "kibera.osm"),
                    "w/highway", "-o", str(highways)], check=True, capture_output=True)
    reference = osmnx.convert.to_undirected(
        osmnx.graph_from_xml(highways, simplify=True, retain_all=True))
    ours = to_networkx(kibera.layers["street_nodes"], kibera.layers["street_edges"])
    undirected = osmnx.convert.to_undirected(ours)
    total = sum(d["length"] for _u, _v, d in undirected.edges(data=True))
    expected = sum(d["length"] for _u, _v, d in reference.edges(data=True))
    # Three ways are left out on purpose (proposed roads, pedestrian areas): a few metres.
    assert total == pytest.approx(expected, rel=1e-3)
    # Every intersection osmnx finds is ours too; ours also keeps nodes where one way
    # ends and the next begins (osmnx 2 merges those), which have exactly two streets.
    missing = set(reference.nodes) - set(ours.nodes)
    assert len(missing) <= 2
    extra = set(ours.nodes) - set(reference.nodes)
    assert all(ours.nodes[n]["street_count"] == 2 for n in extra)
    # And it routes: a real shortest path between two far-apart intersections.
    west = min(ours.nodes, key=lambda n: ours.nodes[n]["x"])
    east = max(ours.nodes, key=lambda n: ours.nodes[n]["x"])
    route = osmnx.routing.shortest_path(ours, west, east, weight="length")
    assert route is not None and len(route) > 10


def test_bbox_clips_every_layer(data_dir: Path, kibera_raw):
    bbox = (36.78, -1.315, 36.795, -1.30)
    extract = read_extract(data_dir / "osm" / "kibera.osm", bbox=bbox)
    area = shapely.box(*bbox).buffer(1e-9)
    for name, frame in extract.layers.items():
        assert shapely.within(frame.geometry.values, area).all(), name
    # Independent: buildings whose raw polygon touches the box.
    expected = 0
    for way_id in building_ways(kibera_raw):
        refs = next(r for i, r, _t in kibera_raw.ways if i == way_id)
        polygon = shapely.Polygon([kibera_raw.nodes[r] for r in refs])
        expected += polygon.intersects(shapely.box(*bbox))
    assert extract.count("buildings") == expected
    assert 0 < expected < 159
