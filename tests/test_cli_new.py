"""`quartier new` and `quartier info` from the command line, good input and bad."""

from __future__ import annotations

import bz2
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main


def run_cli(*args: str | Path) -> tuple[int, str, str]:
    """Run `quartier` in a fresh process, as a user would."""
    done = subprocess.run([sys.executable, "-m", "desktop.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=300)
    return done.returncode, done.stdout, done.stderr


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_new_then_info_json(tmp_path: Path, data_dir: Path):
    project = tmp_path / "kibera.gpkg"
    code, out, err = run_cli("new", project, "--osm", data_dir / "osm" / "kibera.osm",
                             "--name", "Kibera pilot")
    assert code == 0, err
    assert "buildings" in out and "159" in out
    code, out, _err = run_cli("info", project, "--json")
    assert code == 0
    info = json.loads(out)
    assert info["project"]["name"] == "Kibera pilot"
    assert info["project"]["source"] == "kibera.osm"
    assert info["project"]["working_crs"] == "EPSG:32737"  # UTM 37S: Nairobi
    assert "OpenStreetMap contributors" in info["project"]["attribution"]
    layers = info["layers"]
    assert layers["buildings"] == {**layers["buildings"], "count": 159,
                                   "geometry_type": "MultiPolygon", "crs": "EPSG:4326"}
    assert layers["roads"]["count"] == 514
    for name in ("facilities", "transport_lines", "transport_stops", "risk_zones"):
        assert layers[name]["count"] == 0 and layers[name]["kind"] == "participatory"
    assert leftovers(tmp_path) == ["kibera.gpkg"]


def test_every_pbf_and_bz2_in_the_shared_data_builds(tmp_path: Path, data_dir: Path):
    for extract in sorted((data_dir / "osm").iterdir()):
        target = tmp_path / (extract.name.split(".")[0] + extract.suffix.replace(".", "_") +
                             ".gpkg")
        assert main(["new", str(target), "--osm", str(extract)]) == 0, extract
        info = json.loads(subprocess.run(
            [sys.executable, "-m", "desktop.cli", "info", str(target), "--json"],
            capture_output=True, text=True, check=True).stdout)
        assert info["layers"]["buildings"]["count"] > 0
        assert info["layers"]["roads"]["count"] > 0


def test_bbox_clips_the_project(tmp_path: Path, data_dir: Path):
    project = tmp_path / "centre.gpkg"
    code, _out, err = run_cli("new", project, "--osm", data_dir / "osm" / "kibera.osm",
                              "--bbox", "36.78,-1.315,36.795,-1.30")
    assert code == 0, err
    info = json.loads(run_cli("info", project, "--json")[1])
    assert info["project"]["area_of_interest"] == [36.78, -1.315, 36.795, -1.30]
    west, south, east, north = info["layers"]["buildings"]["extent"]
    assert west >= 36.78 and east <= 36.795 and south >= -1.315 and north <= -1.30


def _one_sentence(err: str) -> str:
    lines = [line for line in err.strip().splitlines() if line.startswith("quartier:")]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture
def bad_inputs(tmp_path: Path, data_dir: Path) -> dict[str, Path]:
    folder = tmp_path / "inputs"
    folder.mkdir()
    pbf = (data_dir / "osm" / "helsinki.osm.pbf").read_bytes()
    (folder / "cut.osm.pbf").write_bytes(pbf[: len(pbf) // 2])
    xml = (data_dir / "osm" / "kibera.osm").read_bytes()
    (folder / "cut.osm").write_bytes(xml[: len(xml) // 2])
    (folder / "cut.osm.bz2").write_bytes(bz2.compress(xml)[:50_000])
    (folder / "empty.osm").write_bytes(b"")
    (folder / "roads.osm").write_text('{"type": "FeatureCollection", "features": []}')
    (folder / "image.osm.pbf").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    (folder / "nothing.osm").write_text(
        "<?xml version='1.0' encoding='UTF-8'?>\n<osm version='0.6'></osm>\n")
    return {p.name: p for p in folder.iterdir()}


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("cut.osm.pbf", "cut off"),
        ("cut.osm", "cut off"),
        ("cut.osm.bz2", "cut off"),
        ("empty.osm", "empty"),
        ("roads.osm", "GeoJSON"),
        ("image.osm.pbf", "not an OpenStreetMap"),
        ("nothing.osm", "holds no buildings"),
    ],
)
def test_bad_extracts_are_refused_in_plain_words(tmp_path, bad_inputs, name, words):
    project = tmp_path / "p.gpkg"
    code, _out, err = run_cli("new", project, "--osm", bad_inputs[name])
    assert code == 2
    assert words in _one_sentence(err)
    assert not project.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".p.partial")]


def test_missing_file_and_folder(tmp_path: Path):
    code, _out, err = run_cli("new", tmp_path / "p.gpkg", "--osm", tmp_path / "nowhere.osm")
    assert code == 2 and "does not exist" in _one_sentence(err)
    code, _out, err = run_cli("new", tmp_path / "p.gpkg", "--osm", tmp_path)
    assert code == 2 and "folder" in _one_sentence(err)
    code, _out, err = run_cli("new", tmp_path / "no" / "p.gpkg", "--osm", tmp_path / "x.osm")
    assert code == 2
    assert leftovers(tmp_path) == []


def test_bbox_with_nothing_inside_and_bad_bbox(tmp_path: Path, data_dir: Path):
    kibera = data_dir / "osm" / "kibera.osm"
    code, _out, err = run_cli("new", tmp_path / "p.gpkg", "--osm", kibera,
                              "--bbox", "2.30,48.80,2.40,48.90")
    sentence = _one_sentence(err)
    assert code == 2 and "no map features inside --bbox" in sentence
    assert "36.7" in sentence  # says where the extract really is
    code, _out, err = run_cli("new", tmp_path / "p.gpkg", "--osm", kibera,
                              "--bbox", "36.80,-1.30,36.78,-1.315")
    assert code == 2 and "swapped" in _one_sentence(err)
    code, _out, err = run_cli("new", tmp_path / "p.gpkg", "--osm", kibera, "--bbox", "a,b")
    assert code == 2 and "four numbers" in _one_sentence(err)
    assert leftovers(tmp_path) == []


def test_existing_project_is_never_overwritten_without_force(tmp_path: Path, data_dir: Path):
    project = tmp_path / "p.gpkg"
    assert main(["new", str(project), "--osm", str(data_dir / "osm" / "kibera.osm")]) == 0
    before = hashlib.sha256(project.read_bytes()).hexdigest()
    code, _out, err = run_cli("new", project, "--osm", data_dir / "osm" / "aguascalientes.osm.pbf")
    assert code == 2 and "--force" in _one_sentence(err)
    assert hashlib.sha256(project.read_bytes()).hexdigest() == before
    # A bad extract with --force leaves the old project as it was.
    cut = tmp_path / "cut.osm.pbf"
    cut.write_bytes((data_dir / "osm" / "helsinki.osm.pbf").read_bytes()[:100_000])
    code, _out, _err = run_cli("new", project, "--osm", cut, "--force")
    assert code == 2
    assert hashlib.sha256(project.read_bytes()).hexdigest() == before
    code, _out, err = run_cli("new", project, "--osm", data_dir / "osm" / "aguascalientes.osm.pbf",
                              "--force")
    assert code == 0, err
    info = json.loads(run_cli("info", project, "--json")[1])
    assert info["layers"]["buildings"]["count"] == 35
    assert leftovers(tmp_path) == ["cut.osm.pbf", "p.gpkg"]


def test_info_on_something_that_is_not_a_project(tmp_path: Path, data_dir: Path):
    code, _out, err = run_cli("info", data_dir / "osm" / "kibera.osm")
    assert code == 2 and "not a Quartier project" in _one_sentence(err)
    code, _out, err = run_cli("info", data_dir / "jakarta" / "buildings.gpkg")
    assert code == 2 and "not a Quartier project" in _one_sentence(err)
