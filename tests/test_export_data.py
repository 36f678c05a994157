"""Data exports read back by independent readers: GDAL (pyogrio and the Debian ogrinfo),
geopandas, the csv module, ElementTree, osmium (command line and pyosmium) and gtfs-kit.

Projects: the real Kibera OSM export (159 buildings) and the Jakarta sample area (7,689
buildings), with participatory features named in Swahili, French, Nepali and Arabic,
a building of the OSM data marked as a school, a matatu line with three stages and
its waits per time band, a risk zone with a hole, and the Kianda household survey as
a reference layer.
"""

from __future__ import annotations

import csv
import errno
import json
import re
import shutil
import subprocess
import uuid
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import geopandas as gpd
import osmium
import pyogrio
import pytest
import shapely
from pyproj import Geod

import sample_areas
from desktop.cli import main
from layers.errors import EmptyExtractError, QuartierError, ValidationError
from mapping import export as export_package
from mapping import hazard_store
from mapping.export import export, format_for
from mapping.export import geojson as geojson_module
from mapping.export import tables as tables_module
from mapping.export.personal import PERSONAL_FIELDS_FILE, is_personal, personal_fields
from mapping.export.tables import neutralise, shapefile_names
from mapping.project import Project
from mapping.store import _gpkg as gpkg

SCHOOL_BUILDING = ("way", 48161164, 3)  # a building of kibera.osm, version 3
NAMES = {
    "sw": "Zahanati ya Mama Upendo",
    "fr": "École de la Paix",
    "ne": "सामुदायिक पानी धारा",
    "ar": "مسجد النور",
}
HOSTILE_NAME = "<script>alert(1)</script> \"]]> & Co"
FORMULAS = {"name": "+254 700 000000", "operator": "@SUM(A1)", "note": "-2+3",
            "description": '=HYPERLINK("http://x","click")'}
BOOKKEEPING = {"uuid", "contributor", "mapping_session", "review_status", "version",
               "created_at", "modified_at", "preset"}
MATATU_TAGS = {"type": "route", "route": "bus", "bus": "minibus", "ref": "8",
               "name": "Kibera – Town", "from": "Kibera", "to": "Town",
               "operator": "Kibera Matatu SACCO", "interval": "10", "interval:06-09": "5",
               "interval:16-20": "7", "opening_hours": "Mo-Su 05:00-22:00"}
STAGES = [(36.7800, -1.3150, "Olympic"), (36.7850, -1.3121, "Kibera Drive"),
          (36.7950, -1.3090, "Adams Arcade")]
MATATU_LINE = shapely.LineString([(36.7800, -1.3150), (36.7850, -1.3120), (36.7900, -1.3100),
                                  (36.7950, -1.3090)])
# Stored clockwise (exterior) with a counter-clockwise hole: the export must flip both.
RISK_ZONE = shapely.MultiPolygon([shapely.Polygon(
    [(36.784, -1.314), (36.784, -1.312), (36.786, -1.312), (36.786, -1.314)],
    [[(36.7845, -1.3135), (36.7855, -1.3135), (36.7855, -1.3125), (36.7845, -1.3125)]])])


# ---------------------------------------------------------------- fixtures


def add_feature(connection, table: str, geometry, tags: dict[str, str], *,
                status: str = "verified", osm: tuple[str, int, int] | None = None,
                **extra) -> str:
    """Insert one participatory feature with plain SQL, as the editor stores it."""
    row = {"uuid": str(uuid.uuid4()), "preset": extra.pop("preset", None),
           "name": tags.get("name"), "tags": json.dumps(tags, ensure_ascii=False),
           "contributor": "Amina Wanjiru", "mapping_session": "2024-05-04 Soweto East",
           "created_at": "2024-05-04T09:30:00Z", "modified_at": "2024-05-04T10:05:00Z",
           "version": 1, "review_status": status, "geom": gpkg.encode_geometry(geometry)}
    if osm:
        row.update(osm_type=osm[0], osm_id=osm[1], osm_version=osm[2])
    row.update(extra)
    connection.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES "
                       f"({', '.join('?' for _ in row)})", tuple(row.values()))
    return row["uuid"]


def add_participatory_features(path: Path) -> None:
    connection = gpkg.connect(path)
    with gpkg.transaction(connection):
        for (lang, name), (x, y), amenity in zip(
                NAMES.items(), [(36.7891, -1.3102), (36.7902, -1.3111), (36.7880, -1.3095),
                                (36.7875, -1.3120)],
                ["clinic", "school", "water_point", "place_of_worship"], strict=True):
            add_feature(connection, "facilities", shapely.Point(x, y),
                        {"amenity": amenity, "name": name, f"name:{lang}": name},
                        preset=f"facility/{amenity}")
        add_feature(connection, "facilities", shapely.Point(36.7870, -1.3105),
                    {"amenity": "community_centre", "name": HOSTILE_NAME,
                     "description": FORMULAS["description"]})
        add_feature(connection, "facilities", shapely.Point(36.7872, -1.3106),
                    {"amenity": "toilets", **{k: v for k, v in FORMULAS.items()
                                              if k != "description"}}, status="draft")
        # "version" in the tags is bookkeeping-like and must not reach OSM.
        add_feature(connection, "facilities", shapely.Point(36.78215, -1.31585),
                    {"amenity": "school", "name": "Shule ya Msingi Olympic",
                     "contributor": "should never be a tag"}, osm=SCHOOL_BUILDING)
        line = add_feature(connection, "transport_lines", MATATU_LINE, dict(MATATU_TAGS),
                           preset="transport_line/minibus")
        for sequence, (x, y, name) in enumerate(STAGES, start=1):
            add_feature(connection, "transport_stops", shapely.Point(x, y),
                        {"public_transport": "platform", "highway": "bus_stop", "name": name},
                        line_uuid=line, stop_sequence=sequence)
        add_feature(connection, "risk_zones", RISK_ZONE,
                    {"hazard": "flooding", "name": "Eneo la mafuriko Mto Ngong"})
    connection.close()


@pytest.fixture(scope="module")
def kibera(tmp_path_factory: pytest.TempPathFactory, kibera_project: Path,
           data_dir: Path) -> Path:
    """Kibera with participatory features and the Kianda survey as a reference layer."""
    path = tmp_path_factory.mktemp("export_kibera") / "k.gpkg"
    shutil.copy(kibera_project, path)
    add_participatory_features(path)
    hazard_store.add_reference_layer(
        Project(path), data_dir / "kibera" / "kianda_structures_and_population_dataset.shp",
        "kianda_survey", crs="EPSG:4326")
    return path


@pytest.fixture(scope="module")
def jakarta(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Jakarta sample area with a few facilities."""
    path = sample_areas.sample_project("jakarta", folder=tmp_path_factory.mktemp("jakarta"))
    connection = gpkg.connect(path)
    with gpkg.transaction(connection):
        for name, (x, y) in zip(["مدرسة النور", "पुस्तकालय", "Posyandu Melati", "Pasar Baru"],
                                [(106.82, -6.17), (106.83, -6.18), (106.84, -6.16),
                                 (106.83, -6.165)], strict=True):
            add_feature(connection, "facilities", shapely.Point(x, y),
                        {"amenity": "school", "name": name})
        # A mikrolet line drawn from its last stop to its first, with one general wait.
        line = add_feature(connection, "transport_lines", shapely.LineString(
            [(106.845, -6.180), (106.835, -6.175), (106.825, -6.170)]),
            {"type": "route", "route": "share_taxi", "ref": "M12", "interval": "00:15",
             "from": "Pasar Baru", "to": "Senen"})
        for sequence, (x, y) in enumerate([(106.825, -6.170), (106.845, -6.180)], start=1):
            add_feature(connection, "transport_stops", shapely.Point(x, y),
                        {"highway": "bus_stop"}, line_uuid=line, stop_sequence=sequence)
    connection.close()
    return path


def count(path: Path, layer: str) -> int:
    return int(pyogrio.read_info(path, layer=layer, force_feature_count=True)["features"])


def ogrinfo_count(path: Path, layer: str | None = None) -> dict[str, int]:
    """Layer -> feature count as Debian's ogrinfo (GDAL 3.6) reports them."""
    arguments = ["ogrinfo", "-ro", "-so", "-al", str(path)] if layer is None else [
        "ogrinfo", "-ro", "-so", str(path), layer]
    text = subprocess.run(arguments, capture_output=True, text=True, check=True).stdout
    return {name: int(n) for name, n in re.findall(
        r"Layer name: (.+)\n(?:.*\n)*?Feature Count: (\d+)", text)}


# ---------------------------------------------------------------- GeoJSON


def check_rfc7946(path: Path, area: tuple[float, float, float, float]) -> dict:
    """The RFC 7946 rules a GeoJSON file must follow; returns the parsed collection."""
    raw = path.read_text(encoding="utf-8")
    decimals = [len(d) for d in re.findall(r"-?\d+\.(\d+)(?=[,\]])", raw.split('"features"')[1])]
    collection = json.loads(raw)
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection, "RFC 7946 removed the crs member"
    west, south, east, north = area
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and "crs" not in feature
        geometry = shapely.geometry.shape(feature["geometry"])
        minx, miny, maxx, maxy = geometry.bounds
        assert -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90
        assert west - 0.05 <= minx and maxx <= east + 0.05  # lon first, then lat
        assert south - 0.05 <= miny and maxy <= north + 0.05
        for polygon in getattr(geometry, "geoms", [geometry]):
            if polygon.geom_type == "Polygon":
                assert polygon.exterior.is_ccw, "exterior rings counter-clockwise"
                assert all(not ring.is_ccw for ring in polygon.interiors), "holes clockwise"
    assert decimals and max(decimals) <= 7
    return collection


def test_geojson_one_file_per_layer_follows_rfc7946(kibera: Path, tmp_path: Path):
    project = Project(kibera)
    report = export(project, tmp_path / "kibera.geojson")
    expected = {"buildings", "roads", "pois", "water", "landuse", "places", "facilities",
                "transport_lines", "transport_stops", "risk_zones", "kianda_survey"}
    assert set(report.counts) == expected
    assert {p.name for p in report.files} == {f"kibera_{n}.geojson" for n in expected}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in report.files)
    area = project.metadata.area_of_interest
    for name in expected:
        path = tmp_path / f"kibera_{name}.geojson"
        collection = check_rfc7946(path, area)
        assert len(collection["features"]) == report.counts[name] == count(kibera, name)
    assert report.counts["buildings"] == 159
    # GDAL (bundled and Debian's) and geopandas read the same thing.
    buildings = gpd.read_file(tmp_path / "kibera_buildings.geojson")
    assert len(buildings) == 159 and buildings.crs.to_epsg() == 4326
    assert set(buildings["osm_id"]) == set(project.read_layer("buildings")["osm_id"])
    assert ogrinfo_count(tmp_path / "kibera_buildings.geojson") == {"buildings": 159}
    assert abs(buildings.to_crs(32737).area.sum()
               - project.read_layer("buildings").to_crs(32737).area.sum()) < 1.0  # m²


def test_geojson_properties_are_tags_and_bookkeeping(kibera: Path, tmp_path: Path):
    export(kibera, tmp_path / "f.geojson", ["facilities", "risk_zones"])
    facilities = json.loads((tmp_path / "f_facilities.geojson").read_text(encoding="utf-8"))
    by_name = {f["properties"]["name"]: f for f in facilities["features"]}
    assert set(NAMES.values()) | {HOSTILE_NAME} <= set(by_name)
    clinic = by_name[NAMES["sw"]]
    assert clinic["id"] == clinic["properties"]["uuid"]
    properties = clinic["properties"]
    assert properties["amenity"] == "clinic" and properties["name:sw"] == NAMES["sw"]
    assert properties["preset"] == "facility/clinic"
    assert properties["contributor"] == "Amina Wanjiru"
    assert properties["review_status"] == "verified" and properties["version"] == 1
    assert properties["created_at"] == "2024-05-04T09:30:00Z"
    assert "tags" not in properties
    assert by_name[NAMES["ar"]]["properties"]["name:ar"] == "مسجد النور"
    # A tag clashing with a bookkeeping column keeps both, the tag prefixed.
    school = by_name["Shule ya Msingi Olympic"]["properties"]
    assert school["contributor"] == "Amina Wanjiru"
    assert school["tag:contributor"] == "should never be a tag"
    assert school["osm_id"] == SCHOOL_BUILDING[1] and isinstance(school["osm_id"], int)
    assert school["osm_version"] == 3 and isinstance(school["osm_version"], int)
    zone = json.loads((tmp_path / "f_risk_zones.geojson").read_text(encoding="utf-8"))
    polygon = shapely.geometry.shape(zone["features"][0]["geometry"]).geoms[0]
    assert polygon.exterior.is_ccw and not polygon.interiors[0].is_ccw
    assert polygon.equals(RISK_ZONE.geoms[0])  # same shape, only turned around


def test_one_layer_goes_to_the_file_named(kibera: Path, tmp_path: Path):
    report = export(kibera, tmp_path / "buildings.geojson", ["buildings"])
    assert report.files == [tmp_path / "buildings.geojson"]
    assert [p.name for p in tmp_path.iterdir()] == ["buildings.geojson"]
    assert len(pyogrio.read_dataframe(tmp_path / "buildings.geojson")) == 159


def test_jakarta_buildings_and_facilities(jakarta: Path, tmp_path: Path):
    project = Project(jakarta)
    report = export(project, tmp_path / "j.geojson", ["buildings", "facilities"])
    assert report.counts == {"buildings": 7689, "facilities": 4}
    check_rfc7946(tmp_path / "j_buildings.geojson", project.metadata.area_of_interest)
    frame = pyogrio.read_dataframe(tmp_path / "j_facilities.geojson")
    assert set(frame["name"]) == {"مدرسة النور", "पुस्तकालय", "Posyandu Melati", "Pasar Baru"}
    report = export(project, tmp_path / "j.gpkg", ["buildings", "facilities"])
    assert ogrinfo_count(tmp_path / "j.gpkg") == {"buildings": 7689, "facilities": 4}
    # The raster hazard cannot go into a table format: refused by name, noted otherwise.
    with pytest.raises(ValidationError, match="raster"):
        export(project, tmp_path / "h.gpkg", ["flood_depth_2007"])


# ---------------------------------------------------------------- GIS tables


def test_geopackage_export_opens_in_gdal(kibera: Path, tmp_path: Path):
    out = tmp_path / "k.gpkg"
    report = export(kibera, out, ["buildings", "facilities", "pois", "kianda_survey"])
    assert report.files == [out]
    assert ogrinfo_count(out) == {"buildings": 159, "facilities": 7, "pois": 1659,
                                  "kianda_survey": 1510}
    facilities = pyogrio.read_dataframe(out, layer="facilities")
    assert set(NAMES.values()) <= set(facilities["name"])
    pois = pyogrio.read_info(out, layer="pois")["fields"]
    # The pois have both a "name" and a "Name" tag: "Name" is not a common key, so it
    # goes to other_tags (as in GDAL's OSM driver) and no column clashes in case.
    assert "name" in pois and "other_tags" in pois and "Name" not in pois
    assert pyogrio.read_dataframe(out, layer="pois", read_geometry=False)[
        "other_tags"].str.contains('"Name"=>', regex=False).any()
    assert len({f.lower() for f in pois}) == len(pois)


def test_shapefile_split_by_geometry_with_short_unique_names(kibera: Path, tmp_path: Path):
    out = tmp_path / "k.shp"
    report = export(kibera, out, ["pois", "facilities"])
    # pois holds 1,643 points and 16 polygons: two shapefiles.
    assert report.counts == {"pois_points": 1643, "pois_polygons": 16, "facilities": 7}
    for stem in ("k_pois_points", "k_pois_polygons", "k_facilities"):
        for suffix in (".shp", ".shx", ".dbf", ".prj", ".cpg", ".fields.json"):
            assert (tmp_path / f"{stem}{suffix}").exists(), stem + suffix
        assert (tmp_path / f"{stem}.cpg").read_text().strip() == "UTF-8"
        info = pyogrio.read_info(tmp_path / f"{stem}.shp")
        assert info["crs"] == "EPSG:4326"
        fields = list(info["fields"])
        assert all(len(f) <= 10 for f in fields) and len(set(fields)) == len(fields)
        mapping = json.loads((tmp_path / f"{stem}.fields.json").read_text(encoding="utf-8"))
        assert list(mapping["fields"]) == fields
    mapping = json.loads((tmp_path / "k_facilities.fields.json").read_text())["fields"]
    assert mapping["review_sta"] == "review_status" and mapping["name_sw"] == "name:sw"
    facilities = pyogrio.read_dataframe(tmp_path / "k_facilities.shp")
    assert set(NAMES.values()) <= set(facilities["name"])
    assert ogrinfo_count(tmp_path / "k_pois_points.shp") == {"k_pois_points": 1643}
    assert not list(tmp_path.glob(".*"))  # no temporary file or folder left


def test_shapefile_names():
    names = shapefile_names(["building:levels", "building:levels:underground",
                             "building:material", "name:ar", "name", "Name", "été", "1st"])
    assert names == {"building:levels": "building_l", "building:levels:underground":
                     "building_1", "building:material": "building_m", "name:ar": "name_ar",
                     "name": "name", "Name": "Name_1", "été": "ete", "1st": "f1st"}


def test_csv_for_spreadsheets_neutralises_formulas(kibera: Path, tmp_path: Path):
    report = export(kibera, tmp_path / "k.csv", ["facilities", "risk_zones"])
    raw = (tmp_path / "k_facilities.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    with open(tmp_path / "k_facilities.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == report.counts["facilities"] == 7
    by_amenity = {row["amenity"]: row for row in rows}
    toilets = by_amenity["toilets"]
    assert toilets["name"] == "'" + FORMULAS["name"]
    assert toilets["operator"] == "'" + FORMULAS["operator"]
    assert toilets["note"] == "'" + FORMULAS["note"]
    assert by_amenity["community_centre"]["description"] == "'" + FORMULAS["description"]
    assert by_amenity["community_centre"]["name"] == HOSTILE_NAME  # text, left as typed
    for row in rows:
        assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r"))
                       for key, value in row.items() if key not in ("lat", "lon"))
        assert -1.32 < float(row["lat"]) < -1.30 and 36.77 < float(row["lon"]) < 36.80
    clinic = by_amenity["clinic"]
    assert clinic["name"] == NAMES["sw"] and clinic["lat"] == "-1.3102000"
    assert clinic["osm_id"] == "" and clinic["version"] == "1"
    assert {row["osm_id"] for row in rows} == {"", "48161164"}  # an integer, not 48161164.0
    with open(tmp_path / "k_risk_zones.csv", encoding="utf-8-sig", newline="") as handle:
        zone = next(csv.DictReader(handle))
    assert shapely.from_wkt(zone["wkt"]).equals(RISK_ZONE)
    assert neutralise("=1+1") == "'=1+1" and neutralise("\uff1dcmd") == "'\uff1dcmd"
    assert neutralise("Kibera") == "Kibera"


def test_kml_escapes_names_and_descriptions(kibera: Path, tmp_path: Path):
    out = tmp_path / "k.kml"
    export(kibera, out, ["facilities", "buildings"])
    raw = out.read_text(encoding="utf-8")
    assert "<script" not in raw and "]]>" not in raw and "CDATA" not in raw
    tree = ET.parse(out)  # well-formed XML
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    folders = {f.findtext("k:name", namespaces=ns): f
               for f in tree.getroot().iter("{http://www.opengis.net/kml/2.2}Folder")}
    placemarks = folders["facilities"].findall("k:Placemark", ns)
    names = [p.findtext("k:name", namespaces=ns) for p in placemarks]
    assert HOSTILE_NAME in names and set(NAMES.values()) <= set(names)  # plain text back
    hostile = placemarks[names.index(HOSTILE_NAME)]
    description = hostile.findtext("k:description", namespaces=ns)
    assert "<script" not in description and "&lt;script&gt;alert(1)&lt;/script&gt;" in description
    assert len(folders["buildings"].findall("k:Placemark", ns)) == 159
    # The balloon shows only the escaped description.
    assert tree.getroot().find(".//k:BalloonStyle/k:text", ns).text == "$[description]"
    frame = pyogrio.read_dataframe(out, layer="facilities")
    assert HOSTILE_NAME in set(frame["Name"])
    assert ogrinfo_count(out, "buildings") == {"buildings": 159}


# ---------------------------------------------------------------- OpenStreetMap


def osmium_info(path: Path) -> dict[str, str]:
    text = subprocess.run(["osmium", "fileinfo", "-e", str(path)], capture_output=True,
                          text=True, check=True).stdout
    return {key.strip(): value.strip() for key, value in re.findall(r"^\s*([^:\n]+): (.*)$",
                                                                      text, re.M)}


def read_osm(path: Path) -> dict[tuple[str, int], dict]:
    """Every object of an OSM file as pyosmium reads it."""
    objects: dict[tuple[str, int], dict] = {}
    for obj in osmium.FileProcessor(str(path)):
        kind = obj.type_str()
        entry = {"version": obj.version, "tags": dict(obj.tags)}
        if kind == "w":
            entry["refs"] = [n.ref for n in obj.nodes]
        if kind == "r":
            entry["members"] = [(m.type, m.ref, m.role) for m in obj.members]
        if kind == "n":
            entry["location"] = (obj.location.lon, obj.location.lat)
        objects[({"n": "node", "w": "way", "r": "relation"}[kind], obj.id)] = entry
    return objects


def test_osm_file_for_josm(kibera: Path, tmp_path: Path):
    out = tmp_path / "k.osm"
    report = export(kibera, out)
    assert report.counts == {"transport_stops": 3, "facilities": 6, "risk_zones": 1,
                             "transport_lines": 1}
    assert any("1 draft" in note for note in report.notes)
    root = ET.parse(out).getroot()
    assert root.tag == "osm" and root.get("version") == "0.6"
    assert root.get("generator").startswith("Quartier ")
    info = osmium_info(out)
    building = Project(kibera).read_layer("buildings").set_index("osm_id").loc[
        SCHOOL_BUILDING[1]]
    school_nodes = set(building["osm_nodes"].split())
    # 5 new facility nodes + 3 stops + 8 risk zone + 4 line nodes, and the unchanged
    # nodes of the building marked as a school (a modified way).
    assert info["Number of nodes"] == str(20 + len(school_nodes))
    # Ways: the school, the risk zone's two rings and the matatu line as drawn, in two
    # ways. Relations: the line's two routes (it runs both ways) and their route_master,
    # and the risk zone with a hole.
    assert info["Number of ways"] == "5" and info["Number of relations"] == "4"
    assert info["Objects ordered (by type and id)"] == "yes"
    objects = read_osm(out)
    # The building marked as a school: same id and version, its own nodes, tags merged.
    school = objects[("way", SCHOOL_BUILDING[1])]
    assert school["version"] == SCHOOL_BUILDING[2]
    assert school["refs"] == [int(r) for r in building["osm_nodes"].split()]
    assert school["tags"] == {**json.loads(building["tags"]), "amenity": "school",
                              "name": "Shule ya Msingi Olympic"}
    element = root.find(f"way[@id='{SCHOOL_BUILDING[1]}']")
    assert element.get("action") == "modify" and element.get("version") == "3"
    # Everything else is new: negative ids, no action needed.
    new = [key for key in objects if key != ("way", SCHOOL_BUILDING[1])
           and key[1] not in school["refs"]]
    assert all(ident < 0 for _kind, ident in new)
    for element in root:
        if int(element.get("id")) < 0:
            assert element.get("version") is None and element.get("action") is None
    # No bookkeeping became a tag, and drafts stayed out.
    for entry in objects.values():
        assert not BOOKKEEPING & set(entry["tags"]), entry["tags"]
    names = {entry["tags"].get("name") for entry in objects.values()}
    assert set(NAMES.values()) | {HOSTILE_NAME} <= names
    assert FORMULAS["name"] not in names
    route = next(e for e in objects.values() if e["tags"].get("type") == "route"
                 and e["tags"]["from"] == "Kibera")
    # PTv2: each direction named "Minibus 8: from => to"; the residents' name is the
    # line's, on the route_master.
    # The waits by time band as OSM tags them: every 10 min, 5 in 06-09, 7 in 16-20.
    bands = {"interval:06-09", "interval:16-20"}
    assert route["tags"] == {**{k: v for k, v in MATATU_TAGS.items() if k not in bands},
                             "interval": "10",
                             "interval:conditional": "00:05 @ (06:00-09:00); "
                                                     "00:07 @ (16:00-20:00)",
                             "name": "Minibus 8: Kibera => Town",
                             "public_transport:version": "2"}
    platforms = [m for m in route["members"] if m[2] == "platform"]
    assert [objects[("node", ref)]["tags"]["name"] for _t, ref, _r in platforms] == [
        s[2] for s in STAGES]
    assert [m[0] for m in route["members"]] == ["n", "n", "n", "w", "w"]
    back = next(e for e in objects.values() if e["tags"].get("type") == "route"
                and e["tags"]["from"] == "Town")
    assert back["members"] == [*platforms[::-1], *route["members"][:-3:-1]]
    master = next(e for e in objects.values() if e["tags"].get("type") == "route_master")
    assert master["tags"] == {"type": "route_master", "route_master": "bus", "ref": "8",
                              "operator": "Kibera Matatu SACCO", "name": "Kibera – Town"}
    assert sorted(ref for _t, ref, _r in master["members"]) == sorted(
        key[1] for key, e in objects.items() if e["tags"].get("type") == "route")
    first, second = (objects[("way", ref)] for _t, ref, _r in route["members"][-2:])
    assert first["tags"] == second["tags"] == {} and first["refs"][-1] == second["refs"][0]
    locations = [objects[("node", ref)]["location"]
                 for ref in first["refs"] + second["refs"][1:]]
    assert shapely.LineString(locations).equals_exact(MATATU_LINE, tolerance=1e-7)
    zone = next(e for e in objects.values() if e["tags"].get("type") == "multipolygon")
    assert zone["tags"]["hazard"] == "flooding"
    assert sorted(role for _t, _ref, role in zone["members"]) == ["inner", "outer"]
    # Referential integrity: the file is complete, the building's nodes included.
    refs = subprocess.run(["osmium", "check-refs", "-r", "-i", str(out)], capture_output=True,
                          text=True)
    assert refs.returncode == 0 and not re.findall(r"^n(\d+) in w", refs.stdout, re.M)
    assert "Ways      in relations missing: 0" in refs.stderr


def test_osm_all_features_includes_drafts(kibera: Path, tmp_path: Path):
    report = export(kibera, tmp_path / "all.osm", verified_only=False)
    assert report.counts["facilities"] == 7
    names = {e["tags"].get("name") for e in read_osm(tmp_path / "all.osm").values()}
    assert FORMULAS["name"] in names
    new_only = export(kibera, tmp_path / "new.osm", ["facilities", "risk_zones"])
    assert subprocess.run(["osmium", "check-refs", "-r", str(tmp_path / "new.osm")],
                          capture_output=True).returncode == 0  # the school's nodes are in
    objects = read_osm(tmp_path / "new.osm")
    assert new_only.counts == {"facilities": 6, "risk_zones": 1}
    assert len([k for k in objects if k[0] == "relation"]) == 1


def test_osmchange_file(kibera: Path, tmp_path: Path):
    out = tmp_path / "k.osc"
    export(kibera, out)
    root = ET.parse(out).getroot()
    assert root.tag == "osmChange" and root.get("version") == "0.6"
    assert [block.tag for block in root] == ["create", "modify"]
    create, modify = root
    assert all(int(e.get("id")) < 0 for e in create)
    assert [(e.tag, e.get("id"), e.get("version")) for e in modify] == [
        ("way", str(SCHOOL_BUILDING[1]), str(SCHOOL_BUILDING[2]))]
    info = osmium_info(out)
    assert info["Number of nodes"] == "20" and info["Number of relations"] == "4"
    objects = read_osm(out)
    assert objects[("way", SCHOOL_BUILDING[1])]["tags"]["amenity"] == "school"


def test_osm_refuses_base_layers_and_empty_verified(kibera_project: Path, kibera: Path,
                                                    tmp_path: Path):
    with pytest.raises(ValidationError, match="only what residents mapped"):
        export(kibera, tmp_path / "b.osm", ["buildings"])
    empty = tmp_path / "empty.gpkg"
    shutil.copy(kibera_project, empty)
    with pytest.raises(EmptyExtractError, match="no feature is marked verified"):
        export(empty, tmp_path / "e.osm")
    assert not (tmp_path / "e.osm").exists()


# ---------------------------------------------------------------- GTFS


def read_gtfs(path: Path) -> dict[str, list[dict[str, str]]]:
    with zipfile.ZipFile(path) as archive:
        return {name.removesuffix(".txt"): list(csv.DictReader(
            archive.read(name).decode("utf-8").splitlines())) for name in archive.namelist()}


def seconds(clock: str) -> int:
    hours, minutes, secs = (int(p) for p in clock.split(":"))
    return hours * 3600 + minutes * 60 + secs


def test_gtfs_feed_from_lines_and_stops(kibera: Path, tmp_path: Path):
    out = tmp_path / "k.zip"
    report = export(kibera, out)
    feed = read_gtfs(out)
    assert set(feed) == {"agency", "stops", "routes", "trips", "stop_times", "calendar",
                         "frequencies", "shapes", "feed_info"}
    # Referential integrity, checked here independently of the writer.
    agencies = {a["agency_id"] for a in feed["agency"]}
    routes = {r["route_id"]: r for r in feed["routes"]}
    trips = {t["trip_id"]: t for t in feed["trips"]}
    stops = {s["stop_id"]: s for s in feed["stops"]}
    shapes = {s["shape_id"] for s in feed["shapes"]}
    services = {c["service_id"] for c in feed["calendar"]}
    assert all(r["agency_id"] in agencies for r in routes.values())
    assert all(t["route_id"] in routes and t["service_id"] in services
               and t["shape_id"] in shapes for t in trips.values())
    assert all(st["trip_id"] in trips and st["stop_id"] in stops for st in feed["stop_times"])
    assert all(f["trip_id"] in trips for f in feed["frequencies"])
    assert feed["agency"][0]["agency_timezone"] == "Africa/Nairobi"
    assert feed["agency"][0]["agency_name"] == "Kibera Matatu SACCO"
    (route,) = routes.values()
    assert route["route_type"] == "3" and route["route_short_name"] == "8"
    assert route["route_long_name"] == "Kibera – Town"
    assert sorted(t["direction_id"] for t in trips.values()) == ["0", "1"]
    assert [s["stop_name"] for s in feed["stops"]] == [s[2] for s in STAGES]
    # Waits by time band: 5 min 06-09, 7 min 16-20, 10 min the rest of 05:00-22:00.
    outbound = [f for f in feed["frequencies"] if trips[f["trip_id"]]["direction_id"] == "0"]
    assert [(f["start_time"], f["end_time"], f["headway_secs"]) for f in outbound] == [
        ("05:00:00", "06:00:00", "600"), ("06:00:00", "09:00:00", "300"),
        ("09:00:00", "16:00:00", "600"), ("16:00:00", "20:00:00", "420"),
        ("20:00:00", "22:00:00", "600")]
    # Times from distance at 15 km/h; distances agree with a geodesic measure of the line.
    length = Geod(ellps="WGS84").geometry_length(MATATU_LINE)
    for trip_id in trips:
        times = [st for st in feed["stop_times"] if st["trip_id"] == trip_id]
        assert [int(st["stop_sequence"]) for st in times] == [1, 2, 3]
        distances = [float(st["shape_dist_traveled"]) for st in times]
        assert distances == sorted(distances)
        assert distances[-1] - distances[0] == pytest.approx(length, rel=0.002)
        minutes = (seconds(times[-1]["arrival_time"]) - seconds(times[0]["arrival_time"])) / 60
        assert minutes == pytest.approx(length / 1000 / 15 * 60, abs=0.1)
        assert all(st["timepoint"] == "0" for st in times)
    assert report.counts["frequencies"] == 10
    assert any("Africa/Nairobi" in note for note in report.notes)


def test_gtfs_feed_reads_in_gtfs_kit(kibera: Path, tmp_path: Path):
    gtfs_kit = pytest.importorskip("gtfs_kit")
    out = tmp_path / "k.zip"
    export(kibera, out)
    feed = gtfs_kit.read_feed(out, dist_units="m")
    quality = dict(feed.assess_quality().itertuples(index=False, name=None))
    assert quality["assessment"] == "good feed"
    stats = feed.compute_trip_stats()
    assert list(stats["speed"].round(1)) == [15.0, 15.0]  # km/h
    # 05-06 every 10 min, 06-09 every 5, 09-16 every 10, 16-20 every 7, 20-22 every 10.
    assert len(feed.expand_frequencies().trips) == 2 * (6 + 36 + 42 + 35 + 12)


def test_gtfs_in_jakarta(jakarta: Path, tmp_path: Path):
    report = export(jakarta, tmp_path / "j.zip")
    feed = read_gtfs(tmp_path / "j.zip")
    assert feed["agency"][0]["agency_timezone"] == "Asia/Jakarta"
    assert feed["routes"][0]["route_short_name"] == "M12"
    assert feed["routes"][0]["route_long_name"] == "Pasar Baru – Senen"
    # No service hours: 05:00-22:00 assumed, and said.
    assert {(f["start_time"], f["end_time"], f["headway_secs"])
            for f in feed["frequencies"]} == {("05:00:00", "22:00:00", "900")}
    assert any("05:00-22:00 was assumed" in note for note in report.notes)
    # Stops were numbered against the drawing direction: the shape follows the stops.
    outbound = [st for st in feed["stop_times"] if st["trip_id"].endswith("_0")]
    assert [float(st["shape_dist_traveled"]) for st in outbound][0] == 0.0
    first_stop = next(s for s in feed["stops"] if s["stop_id"] == outbound[0]["stop_id"])
    first_point = next(p for p in feed["shapes"] if p["shape_id"].endswith("_0"))
    assert (first_stop["stop_lat"], first_stop["stop_lon"]) == (
        first_point["shape_pt_lat"], first_point["shape_pt_lon"]) == ("-6.1700000",
                                                                        "106.8250000")
    assert [s["stop_name"] for s in feed["stops"]] == ["Line M12, stop 1", "Line M12, stop 2"]


def test_gtfs_leaves_out_lines_that_cannot_run(kibera_project: Path, tmp_path: Path):
    path = tmp_path / "p.gpkg"
    shutil.copy(kibera_project, path)
    connection = gpkg.connect(path)
    with gpkg.transaction(connection):
        add_feature(connection, "transport_lines", MATATU_LINE,
                    {"type": "route", "route": "bus", "ref": "33"})  # no interval, no stops
    connection.close()
    with pytest.raises(EmptyExtractError, match="33 has 0 stop"):
        export(path, tmp_path / "p.zip")
    assert not (tmp_path / "p.zip").exists()


# ---------------------------------------------------------------- personal data


def test_personal_fields_are_listed_in_one_place():
    listed = json.loads(PERSONAL_FIELDS_FILE.read_text(encoding="utf-8"))["patterns"]
    assert {"contributor", "mapping_session"} <= {entry["pattern"] for entry in listed}
    assert all(entry["why"] for entry in listed)
    survey = ["STR_CODE", "POP", "POP_D", "WOMEN", "CHILD_D", "OWNER", "FAM_S", "FAMILIES",
              "HOUSEHOLD", "RENT_MEAN", "ROOMS", "WATER", "TOILET"]
    assert personal_fields(survey) == ["POP", "POP_D", "WOMEN", "CHILD_D", "OWNER", "FAM_S",
                                       "FAMILIES", "HOUSEHOLD", "RENT_MEAN"]
    assert is_personal("contributor") and is_personal("Mapping_Session")
    assert not is_personal("population") and not is_personal("name")


@pytest.mark.parametrize("suffix", [".geojson", ".csv", ".shp", ".gpkg", ".kml"])
def test_no_personal_leaves_personal_fields_out(kibera: Path, tmp_path: Path, suffix: str):
    out = tmp_path / f"p{suffix}"
    export(kibera, out, ["facilities", "kianda_survey"], include_personal=False)
    for layer in ("facilities", "kianda_survey"):
        if suffix in (".gpkg", ".kml"):
            fields = set(pyogrio.read_info(out, layer=layer)["fields"])
        elif suffix == ".shp":
            sidecar = tmp_path / f"p_{layer}.fields.json"
            fields = set(json.loads(sidecar.read_text())["fields"].values())
        else:
            path = tmp_path / f"p_{layer}{suffix}"
            fields = set(pyogrio.read_info(path)["fields"])
        assert not personal_fields(fields), (layer, personal_fields(fields))
        assert fields  # the rest is still there
    text = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    assert b"Amina Wanjiru" not in text and b"Soweto East" not in text
    kept = export(kibera, tmp_path / "with.geojson", ["kianda_survey"])
    survey = pyogrio.read_info(kept.files[0])["fields"]
    assert {"POP", "WOMEN", "OWNER", "STR_CODE"} <= set(survey)


# ---------------------------------------------------------------- bad input


def test_output_that_cannot_be_written(kibera: Path, tmp_path: Path):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder")
    with pytest.raises(QuartierError, match="is a file, not a folder"):
        export(kibera, a_file / "out.geojson", ["facilities"])
    with pytest.raises(QuartierError, match="does not exist"):
        export(kibera, tmp_path / "missing" / "out.gpkg", ["facilities"])
    with pytest.raises(ValidationError, match="the project file itself"):
        export(kibera, kibera, ["facilities"])
    with pytest.raises(ValidationError, match="end the file name with one of"):
        export(kibera, tmp_path / "out.xlsx")
    with pytest.raises(ValidationError, match="no layer called 'schools'"):
        export(kibera, tmp_path / "out.geojson", ["schools"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_empty_layer_is_refused_not_written(kibera_project: Path, tmp_path: Path):
    with pytest.raises(EmptyExtractError, match="facilities .* has no features"):
        export(kibera_project, tmp_path / "f.geojson", ["facilities"])
    with pytest.raises(EmptyExtractError, match="no features"):
        export(kibera_project, tmp_path / "f.csv", ["facilities", "risk_zones"])
    assert list(tmp_path.iterdir()) == []
    # Asked for nothing in particular: empty layers are left out, with a note.
    report = export(kibera_project, tmp_path / "all.gpkg")
    assert "facilities" not in report.counts and report.counts["buildings"] == 159
    assert any("facilities" in note and "no features" in note for note in report.notes)


def test_disk_full_half_way_leaves_no_partial_file(kibera: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch):
    previous = tmp_path / "k_buildings.geojson"
    previous.write_text("the export of last week")
    real = geojson_module.property_texts
    written = []

    def fill_up(layer, **kwargs):
        texts, uuids = real(layer, **kwargs)

        def failing():
            for text in texts:
                written.append(1)
                if len(written) == 400:  # the roads layer, after buildings and part of roads
                    raise OSError(errno.ENOSPC, "No space left on device")
                yield text

        return failing(), uuids

    monkeypatch.setattr(geojson_module, "property_texts", fill_up)
    with pytest.raises(QuartierError, match="The disk is full") as caught:
        export(kibera, tmp_path / "k.geojson", ["buildings", "roads", "pois"])
    assert "half-written" in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k_buildings.geojson"]
    assert previous.read_text() == "the export of last week"


def test_disk_full_in_geopackage_and_osm(kibera: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch):
    calls = []

    def filling_up(real):
        def fill_up(*args, **kwargs):
            calls.append(1)
            if len(calls) == 2:
                raise OSError(errno.ENOSPC, "No space left on device")
            return real(*args, **kwargs)
        return fill_up

    # GeoPackages are written from Arrow tables, Shapefiles from data frames.
    for writer in ("write_dataframe", "write_arrow"):
        monkeypatch.setattr(tables_module.pyogrio, writer,
                            filling_up(getattr(pyogrio, writer)))
    with pytest.raises(QuartierError, match="The disk is full"):
        export(kibera, tmp_path / "k.gpkg", ["buildings", "roads"])
    calls.clear()
    with pytest.raises(QuartierError, match="The disk is full"):
        export(kibera, tmp_path / "k.shp", ["buildings", "roads"])
    monkeypatch.undo()

    from mapping.export import _osm_xml

    def broken(handle, objects, generator):
        handle.write("<?xml version='1.0'?>\n<osm>")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(_osm_xml, "write_osm", broken)
    monkeypatch.setattr("mapping.export.osm.write_osm", broken)
    with pytest.raises(QuartierError, match="The disk is full"):
        export(kibera, tmp_path / "k.osm")
    assert list(tmp_path.iterdir()) == []


def test_formats_and_missing_delegates(kibera: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch):
    assert format_for("a.GeoJSON") == "geojson" and format_for("feed.zip") == "gtfs"
    assert format_for("map.pdf") == "pdf" and format_for("x.osc") == "osc"
    monkeypatch.setitem(export_package._DELEGATED, "pdf",
                        ("mapping.export.no_such_printing", ("export_print",)))
    with pytest.raises(QuartierError, match="cannot export printed maps"):
        export(kibera, tmp_path / "map.pdf")


# ---------------------------------------------------------------- command line


def test_cli_export(kibera: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    out = tmp_path / "f.csv"
    assert main(["export", str(kibera), "--to", str(out), "--layer", "facilities",
                 "--no-personal"]) == 0
    printed = capsys.readouterr().out
    assert "facilities" in printed and f"Wrote {out}" in printed
    with open(out, encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    assert "contributor" not in header and "name" in header
    assert main(["export", str(kibera), "--to", str(tmp_path / "a.osm"),
                 "--all-features"]) == 0
    names = {e["tags"].get("name") for e in read_osm(tmp_path / "a.osm").values()}
    assert FORMULAS["name"] in names
    assert main(["export", str(kibera), "--to", str(out / "x.geojson")]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err


def test_cli_export_of_an_area_and_a_titled_print(kibera: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]):
    # The Kibera DC area: GDAL and shapely count the buildings touching it, independently.
    area = (36.7845, -1.3155, 36.7905, -1.3105)
    out = tmp_path / "ward.gpkg"
    assert main(["export", str(kibera), "--to", str(out), "--layer", "buildings",
                 "--bbox", ",".join(map(str, area))]) == 0
    everything = pyogrio.read_dataframe(kibera, layer="buildings")
    touching = int(shapely.intersects(everything.geometry.values, shapely.box(*area)).sum())
    assert 0 < ogrinfo_count(out)["buildings"] == touching < len(everything)
    assert "Only the features that touch the area" in capsys.readouterr().out
    # Nothing there, a swapped box, or a format that cannot be cut: plain refusals.
    assert main(["export", str(kibera), "--to", str(tmp_path / "sea.geojson"), "--layer",
                 "buildings", "--bbox", "40,-5,40.1,-4.9"]) == 2
    assert "no features in the area chosen" in capsys.readouterr().err
    assert main(["export", str(kibera), "--to", str(tmp_path / "x.gpkg"),
                 "--bbox", "36.79,-1.31,36.78,-1.32"]) == 2
    assert "empty or swapped" in capsys.readouterr().err
    assert main(["export", str(kibera), "--to", str(tmp_path / "x.osm"),
                 "--bbox", ",".join(map(str, area))]) == 2
    assert "can be limited to an area" in capsys.readouterr().err
    assert not list(tmp_path.glob("x.*")) and not list(tmp_path.glob("sea*"))
    # Print settings reach the page; data formats refuse them in plain words.
    pdf = tmp_path / "drill.pdf"
    assert main(["export", str(kibera), "--to", str(pdf), "--template", "risk", "--paper",
                 "a3", "--orientation", "portrait", "--title", "Evacuation drill",
                 "--subtitle", "Soweto East, 4 May"]) == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Evacuation drill" in text and "Soweto East, 4 May" in text
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    assert "842 x 1191 pts (A3)" in info  # portrait: width first
    assert main(["export", str(kibera), "--to", str(tmp_path / "t.csv"), "--title", "T"]) == 2
    assert "only web maps (.html) and printed maps" in capsys.readouterr().err


def test_printed_maps_refuse_a_layer_list_instead_of_ignoring_it(kibera: Path, tmp_path: Path):
    with pytest.raises(ValidationError, match="shows the layers of its template"):
        export(kibera, tmp_path / "roads.pdf", ["roads"])
    assert not list(tmp_path.iterdir())
