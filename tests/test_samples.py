"""The bundled sample areas: what they ship, and their projects built on first use.

Expected figures come from the shared data, read here with xml.etree / pyogrio.
"""

from __future__ import annotations

import hashlib
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

import pyogrio
import pytest

import sample_areas
from layers.errors import QuartierError
from mapping.project import OSM_ATTRIBUTION, Project

SAMPLES_DIR = Path(sample_areas.__file__).resolve().parent

#: Every data file shipped in sample_areas/, and the "may ship" shared file it comes from.
SHIPPED = {
    "kibera/kibera.osm": "osm/kibera.osm",
    "jakarta/buildings.gpkg": "jakarta/buildings.gpkg",
    "jakarta/roads.gpkg": "jakarta/roads.shp",  # converted, same features
    "jakarta/flood_depth.tif": "jakarta/flood_depth.tif",
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def count(project: Path, layer: str) -> int:
    return int(pyogrio.read_info(project, layer=layer, force_feature_count=True)["features"])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder where both samples were built once."""
    folder = tmp_path_factory.mktemp("samples")
    for name in sample_areas.sample_names():
        sample_areas.sample_project(name, folder=folder)
    return folder


def test_sample_names_and_unknown_sample():
    assert sample_areas.sample_names() == ["jakarta", "kibera"]
    with pytest.raises(QuartierError, match="the samples are jakarta, kibera"):
        sample_areas.sample_project("lagos")


def test_only_may_ship_files_are_shipped(data_dir: Path):
    data_files = {str(p.relative_to(SAMPLES_DIR)) for p in SAMPLES_DIR.rglob("*")
                  if p.is_file() and p.suffix not in {".py", ".md", ".json", ".pyc"}}
    assert data_files == set(SHIPPED)
    for shipped, source in SHIPPED.items():
        if shipped.endswith("roads.gpkg"):
            continue
        assert sha256(SAMPLES_DIR / shipped) == sha256(data_dir / source), shipped
    original = pyogrio.read_dataframe(data_dir / "jakarta" / "roads.shp")
    converted = pyogrio.read_dataframe(SAMPLES_DIR / "jakarta" / "roads.gpkg")
    assert len(converted) == len(original) == 18574
    assert converted.geometry.geom_equals_exact(original.geometry, tolerance=0).all()
    for column in ("TYPE", "NAME", "ONEWAY", "LANES"):
        assert converted[column].astype(str).tolist() == original[column].astype(str).tolist()


def test_every_sample_has_a_readme_with_its_attribution():
    for name in sample_areas.sample_names():
        readme = (SAMPLES_DIR / name / "README.md").read_text(encoding="utf-8")
        assert "© OpenStreetMap contributors, ODbL 1.0" in readme
        assert "Source" in readme or "source" in readme
    jakarta = (SAMPLES_DIR / "jakarta" / "README.md").read_text(encoding="utf-8")
    assert "HKV for Jakarta flood management, published with permission via InaSAFE" in jakarta


def test_kibera_builds_with_every_building(built: Path):
    root = ET.parse(SAMPLES_DIR / "kibera" / "kibera.osm").getroot()
    buildings = sum(
        1 for way in root.iter("way")
        if any(t.get("k") == "building" and t.get("v") != "no" for t in way.iter("tag"))
    )
    assert buildings == 159
    project = built / "kibera.gpkg"
    assert count(project, "buildings") == buildings
    meta = Project(project).metadata
    assert meta.name == "Kibera, Nairobi"
    assert meta.attribution == OSM_ATTRIBUTION


def test_a_built_sample_is_reused(built: Path):
    project = built / "kibera.gpkg"
    before = project.stat().st_mtime_ns
    assert sample_areas.sample_project("kibera", folder=built) == project
    assert project.stat().st_mtime_ns == before


def test_a_sample_from_another_version_is_rebuilt(tmp_path: Path):
    project = sample_areas.sample_project("kibera", folder=tmp_path)
    connection = sqlite3.connect(project)
    with connection:
        connection.execute("UPDATE quartier_metadata SET value = '\"0.0.1\"' "
                           "WHERE key = 'quartier_version'")
    connection.close()
    before = project.stat().st_mtime_ns
    assert sample_areas.sample_project("kibera", folder=tmp_path) == project
    assert project.stat().st_mtime_ns != before
    assert Project(project).metadata.quartier_version != "0.0.1"
    assert count(project, "buildings") == 159
    project.write_bytes(b"not a project any more")
    sample_areas.sample_project("kibera", folder=tmp_path)
    assert count(project, "buildings") == 159


def test_jakarta_builds_with_its_buildings_and_roads(built: Path, data_dir: Path):
    project = built / "jakarta.gpkg"
    buildings = pyogrio.read_info(data_dir / "jakarta" / "buildings.gpkg")["features"]
    roads = pyogrio.read_info(data_dir / "jakarta" / "roads.shp")["features"]
    assert (buildings, roads) == (7689, 18574)
    assert count(project, "buildings") == buildings
    assert count(project, "roads") == roads
    assert count(project, "street_edges") > roads
    meta = Project(project).metadata
    assert meta.name == "Central Jakarta"
    # Both files say they are OSM-derived (roads.gpkg in its layer metadata).
    assert meta.attribution == OSM_ATTRIBUTION


def test_jakarta_sample_carries_its_flood_depth_as_a_classified_hazard(built: Path):
    import numpy as np
    import rasterio

    from mapping import hazard_store

    hazards = sample_areas.pending_hazards("jakarta")
    assert [h["name"] for h in hazards] == ["flood_depth_2007"]
    assert sample_areas.pending_hazards("kibera") == []
    project = Project(built / "jakarta.gpkg")
    assert project.layer_kinds()["flood_depth_2007"] == "hazard"
    raster = hazard_store.read_hazard_raster(project, "flood_depth_2007")
    with rasterio.open(sample_areas.SAMPLES["jakarta"].folder / "flood_depth.tif") as source:
        depth = source.read(1, masked=True)
    assert float(np.nanmax(raster.values)) == pytest.approx(float(depth.max()), abs=1e-3)
    assert set(np.unique(raster.classes)) <= {0, 1, 2, 3}
    labels = list(raster.legend.labels.values())
    assert labels[0].startswith("Low") and labels[-1].startswith("High")


def test_samples_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert sample_areas.samples_folder() == tmp_path / "data" / "quartier" / "samples"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert sample_areas.samples_folder() == (
        tmp_path / "home" / ".local" / "share" / "quartier" / "samples")
