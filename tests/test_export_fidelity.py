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
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
import shapely

from mapping import gpkg, hazard_store
from mapping.editing import EditSession
from mapping.export import export
from mapping.project import Project

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
