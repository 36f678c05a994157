"""Exports that keep data whole and say what changed, checked with independent readers:
osmium (command line), ElementTree on the raw extract, GDAL (pyogrio), shapely.

* an OSM file of facilities tagged on existing buildings carries the buildings' unchanged
  nodes, with the ids, versions and locations of the raw extract, so it is complete;
* coordinate rounding in GeoJSON and KML keeps every valid survey polygon valid;
* a Shapefile that cuts long values says so once, in a sentence, not as a raw warning;
* OSM base layers go to tables as a few common columns plus ``other_tags`` (GDAL's
  hstore-like format), parsed back here with a small regular expression.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pyogrio
import pytest
import shapely

from mapping import hazard_store
from mapping.editing import EditSession
from mapping.export import export
from mapping.project import Project
from mapping.store import _gpkg as gpkg

REPO = Path(__file__).resolve().parents[1]
QUARTIER = REPO / ".venv" / "bin" / "quartier"
#: Buildings of kibera.osm tagged as facilities in the OSM tests (way ids).
TAGGED_BUILDINGS = 6


def raw_osm(path: Path) -> tuple[dict[int, dict[str, str]], dict[int, list[int]]]:
    """Nodes (id -> attributes) and ways (id -> node refs) of an OSM XML file."""
    root = ET.parse(path).getroot()
    nodes = {int(e.get("id")): dict(e.attrib) for e in root.iter("node")}
    ways = {int(e.get("id")): [int(nd.get("ref")) for nd in e.iter("nd")]
            for e in root.iter("way")}
    return nodes, ways


def osmium_fileinfo(path: Path) -> dict[str, str]:
    text = subprocess.run(["osmium", "fileinfo", "-e", str(path)], capture_output=True,
                          text=True, check=True).stdout
    return {key.strip(): value.strip() for key, value in re.findall(r"^\s*([^:\n]+): (.*)$",
                                                                      text, re.M)}


@pytest.fixture(scope="module")
def tagged_kibera(tmp_path_factory: pytest.TempPathFactory, kibera_project: Path
                  ) -> tuple[Path, list[int]]:
    """Kibera with six of its OSM buildings marked as facilities through an EditSession."""
    path = tmp_path_factory.mktemp("fidelity_osm") / "k.gpkg"
    shutil.copy(kibera_project, path)
    buildings = pyogrio.read_dataframe(path, layer="buildings", fid_as_index=True)
    chosen = buildings.sort_values("osm_id").iloc[:TAGGED_BUILDINGS]
    with EditSession(path, "Amina Wanjiru") as session:
        for fid, row in chosen.iterrows():
            uuid = session.tag_osm_feature("buildings", int(fid), "facility/school",
                                           {"name": f"Shule {row['osm_id']}"})
            session.set_review_status("facilities", uuid, "verified")
    return path, [int(i) for i in chosen["osm_id"]]


def test_osm_file_of_tagged_buildings_is_complete(tagged_kibera, data_dir: Path,
                                                  tmp_path: Path):
    project, way_ids = tagged_kibera
    nodes, ways = raw_osm(data_dir / "osm" / "kibera.osm")
    wanted = {ref for way in way_ids for ref in ways[way]}
    out = tmp_path / "k.osm"
    report = export(project, out)
    assert report.counts["facilities"] == TAGGED_BUILDINGS
    refs = subprocess.run(["osmium", "check-refs", "-r", str(out)], capture_output=True,
                          text=True)
    assert refs.returncode == 0, refs.stdout + refs.stderr
    assert "Nodes     in ways      missing: 0" in refs.stderr
    info = osmium_fileinfo(out)
    assert info["Number of ways"] == str(TAGGED_BUILDINGS)
    assert info["Number of nodes"] == str(len(wanted))
    root = ET.parse(out).getroot()
    for element in root.iter("node"):
        original = nodes[int(element.get("id"))]
        # Unchanged: the extract's version and location, no action, no tags.
        assert element.get("version") == original["version"]
        assert float(element.get("lat")) == float(original["lat"])
        assert float(element.get("lon")) == float(original["lon"])
        assert element.get("action") is None and not list(element.iter("tag"))
    for element in root.iter("way"):
        assert element.get("action") == "modify"
        assert [int(nd.get("ref")) for nd in element.iter("nd")] == ways[int(element.get("id"))]
    assert not any("not in the file" in note for note in report.notes)


def test_osmchange_of_tagged_buildings_holds_only_the_changes(tagged_kibera, tmp_path: Path):
    project, way_ids = tagged_kibera
    out = tmp_path / "k.osc"
    export(project, out)
    root = ET.parse(out).getroot()
    assert [block.tag for block in root] == ["modify"]
    assert sorted(int(e.get("id")) for e in root.iter("way")) == sorted(way_ids)
    assert not list(root.iter("node"))  # unchanged nodes are not changes
    info = osmium_fileinfo(out)
    assert info["Number of nodes"] == "0" and info["Number of ways"] == str(TAGGED_BUILDINGS)


# ---------------------------------------------------------------- rounding keeps shapes valid

KIANDA = "kibera/kianda_structures_and_population_dataset.shp"


@pytest.fixture(scope="module")
def kianda(tmp_path_factory: pytest.TempPathFactory, kibera_project: Path,
           data_dir: Path) -> Path:
    """Kibera with the Kianda household survey (1,510 polygons) as a reference layer."""
    path = tmp_path_factory.mktemp("fidelity_kianda") / "k.gpkg"
    shutil.copy(kibera_project, path)
    hazard_store.add_reference_layer(Project(path), data_dir / KIANDA, "kianda_survey",
                                     crs="EPSG:4326")
    return path


def kml_polygons(path: Path) -> list[shapely.Polygon | shapely.MultiPolygon]:
    """Polygons of a KML file, read with ElementTree (no GDAL)."""
    ns = {"k": "http://www.opengis.net/kml/2.2"}

    def ring(element) -> list[tuple[float, float]]:
        text = element.find("k:LinearRing/k:coordinates", ns).text
        return [tuple(map(float, point.split(",")[:2])) for point in text.split()]

    shapes = []
    for placemark in ET.parse(path).getroot().iter(f"{{{ns['k']}}}Placemark"):
        polygons = [shapely.Polygon(ring(p.find("k:outerBoundaryIs", ns)),
                                    [ring(i) for i in p.findall("k:innerBoundaryIs", ns)])
                    for p in placemark.iter(f"{{{ns['k']}}}Polygon")]
        shapes.append(polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons))
    return shapes


def test_rounding_keeps_every_valid_survey_polygon_valid(kianda: Path, data_dir: Path,
                                                         tmp_path: Path):
    source = pyogrio.read_dataframe(data_dir / KIANDA)
    valid_before = shapely.is_valid(source.geometry.values)
    assert len(source) == 1510 and valid_before.sum() == 1504
    export(kianda, tmp_path / "k.geojson", ["kianda_survey"])
    export(kianda, tmp_path / "k.kml", ["kianda_survey"])
    written = pyogrio.read_dataframe(tmp_path / "k.geojson")
    from_kml = kml_polygons(tmp_path / "k.kml")
    assert len(written) == len(from_kml) == 1510
    # Features keep the survey's order: compare each with its source.
    for shapes in (written.geometry.values, from_kml):
        valid_after = shapely.is_valid(shapes)
        broken = [shapely.is_valid_reason(shape) for shape, was, now in zip(
            shapes, valid_before, valid_after, strict=True) if was and not now]
        assert broken == []
        # Still the same shapes, to a centimetre (the 6 invalid ones were repaired on import).
        moved = shapely.hausdorff_distance(shapes, source.geometry.values)
        assert (moved[valid_before] < 2e-7).all()
    # Coordinates carry at most 7 decimals.
    text = (tmp_path / "k.geojson").read_text(encoding="utf-8")
    assert not re.search(r"\d\.\d{8,}", text.split('"features"', 1)[1])


# ---------------------------------------------------------------- Shapefile text limit

LONG_REPORT = "Maji machafu karibu na choo; " * 3500  # a resident's report, about 100 kB


def test_shapefile_says_how_many_values_it_shortened(kibera_project: Path, tmp_path: Path):
    """Through the command line, as a person runs it: one note, no raw GDAL warning."""
    project = tmp_path / "p.gpkg"
    shutil.copy(kibera_project, project)
    reports = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.785 + i / 1000,
                                                                         -1.31]},
         "properties": {"name": f"Ripoti {i}", "report": LONG_REPORT if i < 3 else "fupi",
                        "place": "Kambi ya Muru" if i else "é" * 200}}
        for i in range(5)]}
    (tmp_path / "reports.geojson").write_text(json.dumps(reports), encoding="utf-8")
    added = subprocess.run([str(QUARTIER), "layer", "add", str(project),
                            str(tmp_path / "reports.geojson"), "--name", "reports"],
                           capture_output=True, text=True)
    assert added.returncode == 0, added.stderr
    run = subprocess.run([str(QUARTIER), "export", str(project), "--to",
                          str(tmp_path / "out.shp"), "--layer", "reports"],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Warning" not in run.stderr and "Maji" not in run.stderr
    assert len(run.stderr) < 500  # progress lines only
    notes = [line for line in run.stdout.splitlines() if line.startswith("Note:")]
    # Three long reports, and 200 accented letters (400 bytes of UTF-8).
    assert notes == ["Note: reports: 4 values longer than a Shapefile holds (254 characters, "
                     "fewer with accents or non-Latin letters) were shortened in the "
                     "Shapefile (report, place); use GeoPackage to keep them."]
    written = pyogrio.read_dataframe(tmp_path / "out.shp")
    expected = LONG_REPORT.encode("utf-8")[:254].decode("utf-8")
    assert written["report"].tolist() == [expected] * 3 + ["fupi"] * 2
    assert written["place"].tolist() == ["é" * 127] + ["Kambi ya Muru"] * 4


# ---------------------------------------------------------------- other_tags

#: One ``"key"=>"value"`` pair of GDAL's hstore-like ``other_tags`` (backslash escapes).
HSTORE_PAIR = re.compile(r'"((?:[^"\\]|\\.)*)"=>"((?:[^"\\]|\\.)*)"')
BASE_LAYERS = ("buildings", "roads", "pois", "water", "landuse", "places")


def parse_hstore(text: str) -> dict[str, str]:
    """``other_tags`` as a dict, checking the pairs make up the whole text."""
    pairs = HSTORE_PAIR.findall(text)
    assert ",".join(f'"{k}"=>"{v}"' for k, v in pairs) == text
    return {re.sub(r"\\(.)", r"\1", k): re.sub(r"\\(.)", r"\1", v) for k, v in pairs}


def stored_tags(project: Path, layer: str) -> list[tuple[int, dict[str, str]]]:
    """(osm id, tags) of each feature, in the order a reader gets them, straight from SQL."""
    connection = gpkg.connect(project)
    try:
        rows = connection.execute(f'SELECT osm_id, tags FROM "{layer}" ORDER BY fid').fetchall()
    finally:
        connection.close()
    return [(osm_id, json.loads(tags or "{}")) for osm_id, tags in rows]


def check_other_tags(project: Path, written: Path, layer: str) -> int:
    """Every feature's tags come back whole from its columns and ``other_tags``;
    returns the number of columns."""
    frame = pyogrio.read_dataframe(written, layer=layer, read_geometry=False)
    stored = stored_tags(project, layer)
    assert len(frame) == len(stored)
    keys = {key for _osm_id, tags in stored for key in tags}
    tag_columns = [c for c in frame.columns if c in keys]
    assert "other_tags" in frame.columns
    for column in frame.columns:  # no column is empty on every feature
        assert frame[column].notna().any(), column
    for (osm_id, tags), row in zip(stored, frame.to_dict("records"), strict=True):
        assert row["osm_id"] == osm_id
        found = {c: row[c] for c in tag_columns if isinstance(row[c], str)}
        if isinstance(row["other_tags"], str):
            other = parse_hstore(row["other_tags"])
            assert not set(other) & set(found)
            found.update(other)
        assert found == {k: v for k, v in tags.items() if v != ""}, osm_id
    return len(frame.columns)


@pytest.fixture(scope="module")
def helsinki(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    from mapping.build import project_from_extract

    path = tmp_path_factory.mktemp("fidelity_helsinki") / "helsinki.gpkg"
    project_from_extract(path, data_dir / "osm" / "helsinki.osm.pbf")
    return path


@pytest.mark.parametrize("city", ["kibera_project", "helsinki"])
def test_base_layers_keep_common_columns_and_other_tags(city: str, request, tmp_path: Path):
    project = request.getfixturevalue(city)
    out = tmp_path / "base.gpkg"
    export(project, out, list(BASE_LAYERS))
    columns = {layer: check_other_tags(project, out, layer) for layer in BASE_LAYERS}
    # Before: one column per key, over 200 for Kibera's points of interest, 300 for
    # Helsinki's (one copy of the extract).
    keys = {key for _osm_id, tags in stored_tags(project, "pois") for key in tags}
    assert len(keys) >= {"kibera_project": 200, "helsinki": 300}[city]
    assert max(columns.values()) < 60, columns
    # The Shapefile and the CSV have the same columns (the Shapefile's names cut to 10).
    export(project, tmp_path / "pois.shp", ["pois"])
    export(project, tmp_path / "pois.csv", ["pois"])
    with open(tmp_path / "pois.csv", encoding="utf-8-sig") as handle:
        header = handle.readline().strip().split(",")
    assert "other_tags" in header and len(header) == columns["pois"] + 1  # wkt
    for shapefile in tmp_path.glob("pois*.shp"):
        assert len(pyogrio.read_info(shapefile)["fields"]) <= columns["pois"]


def test_geojson_keeps_every_tag_as_a_property(kibera_project: Path, tmp_path: Path):
    export(kibera_project, tmp_path / "pois.geojson", ["pois"])
    features = json.loads((tmp_path / "pois.geojson").read_text(encoding="utf-8"))["features"]
    stored = stored_tags(kibera_project, "pois")
    assert len(features) == len(stored)
    for feature, (osm_id, tags) in zip(features, stored, strict=True):
        properties = feature["properties"]
        assert properties["osm_id"] == osm_id and "other_tags" not in properties
        assert {k: properties.get(k) for k in tags} == tags
