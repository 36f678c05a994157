"""Hostile OpenStreetMap extracts through `quartier new`: a sentence or a valid project, never
a traceback, and no temporary folders left behind by killed runs.

Most extracts are cut from the real Kibera export with ElementTree (no code shared with
the pyosmium reader under test); the rest are a few hand-written lines of XML, or a PBF
written byte by byte. Results are checked with GDAL's own tools and with `quartier info`,
as a user (or QGIS) would see them.
"""

from __future__ import annotations

import bz2
import contextlib
import json
import os
import signal
import sqlite3
import struct
import subprocess
import time
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pandas as pd
import pyogrio
import pytest
import shapely

from tests.conftest import REPO
from tests.osm_counts import building_ways, load_xml, road_ways

QUARTIER = REPO / ".venv" / "bin" / "quartier"
KIBERA_BBOX = (36.78, -1.315, 36.795, -1.30)  # the centre: its edge cuts roads in two


def quartier(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the real `quartier` command in a fresh process, as a user would."""
    return subprocess.run([str(QUARTIER), *map(str, args)], capture_output=True, text=True,
                          timeout=600, env=env)


def no_traceback(done: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in done.stderr, done.stderr
    assert "Warning" not in done.stderr, done.stderr


def info(project: Path) -> dict:
    done = quartier("info", project, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def declared_types(project: Path) -> dict[str, str]:
    """Layer -> geometry type declared in the GeoPackage (gpkg_geometry_columns)."""
    with contextlib.closing(sqlite3.connect(project)) as connection:
        rows = connection.execute(
            "SELECT table_name, geometry_type_name FROM gpkg_geometry_columns").fetchall()
    return {name: kind for name, kind in rows}


def gdal_reads_every_layer(project: Path) -> str:
    """ogrinfo's summary of every layer; fails on any GDAL error or warning."""
    done = subprocess.run(["ogrinfo", "-so", "-al", str(project)], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "ERROR" not in done.stderr and "Warning" not in done.stderr, done.stderr
    return done.stdout


def ogr_fields(summary: str, layer: str) -> list[str]:
    """The field lines (``name: Type (w.p)``) of one layer in an ``ogrinfo -so -al`` summary."""
    block = summary.split(f"Layer name: {layer}\n", 1)[1].split("Layer name:", 1)[0]
    after = block.split("Geometry Column = ", 1)[1].splitlines()[1:]
    return [line for line in after if ": " in line]


def write_osm(root: ET.Element, path: Path) -> Path:
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
    return path


@pytest.fixture(scope="module")
def kibera_xml(data_dir: Path) -> ET.Element:
    return ET.parse(data_dir / "osm" / "kibera.osm").getroot()


@pytest.fixture(scope="module")
def kibera_built(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    """The whole Kibera export as a project, made by the command line."""
    project = tmp_path_factory.mktemp("kibera") / "kibera.gpkg"
    done = quartier("new", project, "--osm", data_dir / "osm" / "kibera.osm")
    assert done.returncode == 0, done.stderr
    return project


def buildings_only(kibera: ET.Element, path: Path) -> Path:
    """Kibera's building ways and the (untagged) nodes they are drawn through, nothing else."""
    root = ET.Element("osm", kibera.attrib)
    ways = [w for w in kibera.findall("way")
            if any(t.get("k") == "building" and t.get("v") != "no" for t in w.findall("tag"))]
    used = {nd.get("ref") for way in ways for nd in way.findall("nd")}
    for node in kibera.findall("node"):
        if node.get("id") in used:
            bare = ET.SubElement(root, "node", node.attrib)
            bare.tail = "\n"
    root.extend(ways)
    return write_osm(root, path)


def points_only(kibera: ET.Element, path: Path) -> Path:
    """Kibera's amenity and shop nodes, with no way or relation."""
    root = ET.Element("osm", kibera.attrib)
    root.extend(n for n in kibera.findall("node")
                if any(t.get("k") in ("amenity", "shop") for t in n.findall("tag")))
    return write_osm(root, path)


def test_buildings_only_extract_makes_a_project_with_empty_roads_and_a_note(
        tmp_path: Path, kibera_xml: ET.Element, kibera_built: Path):
    extract = buildings_only(kibera_xml, tmp_path / "buildings.osm")
    raw = load_xml(extract)
    assert not road_ways(raw) and len(building_ways(raw)) == 159
    project = tmp_path / "buildings.gpkg"
    done = quartier("new", project, "--osm", extract)
    no_traceback(done)
    assert done.returncode == 0, done.stderr
    assert "no roads" in done.stdout  # the note, printed with the project's summary
    details = info(project)
    layers = details["layers"]
    assert layers["buildings"]["count"] == len(building_ways(raw))
    for name in ("roads", "street_nodes", "street_edges"):
        assert layers[name]["count"] == 0, name
    assert layers["roads"]["geometry_type"] == "LineString"
    assert layers["street_edges"]["geometry_type"] == "LineString"
    notes = details["project"]["import_notes"]
    assert any("no roads" in n and "snaps" in n for n in notes), notes
    # GDAL reads every layer, and the empty street graph has the fields of a real one.
    summary = gdal_reads_every_layer(project)
    full = gdal_reads_every_layer(kibera_built)
    for layer in ("roads", "street_nodes", "street_edges"):
        assert ogr_fields(summary, layer) == ogr_fields(full, layer), layer
    assert "highway: String" in " ".join(ogr_fields(summary, "street_edges"))


def test_base_layers_with_no_roads_get_the_note_once_and_only_when_true(
        tmp_path: Path, data_dir: Path, kibera_xml: ET.Element):
    jakarta = data_dir / "more" / "jakarta_extra"
    project = tmp_path / "buildings.gpkg"
    done = quartier("new", project, "--base", jakarta / "buildings_osm_4326.shp")
    no_traceback(done)
    assert done.returncode == 0, done.stderr
    notes = info(project)["project"]["import_notes"]
    assert [n for n in notes if "no roads" in n] == [
        n for n in notes if "no roads" in n and "buildings_osm_4326.shp" in n]
    assert len([n for n in notes if "no roads" in n]) == 1, notes
    # An extract with no roads, with a file of roads beside it: the project has roads.
    extract = buildings_only(kibera_xml, tmp_path / "kibera_buildings.osm")
    mixed = tmp_path / "mixed.gpkg"
    done = quartier("new", mixed, "--base", extract, "--base", jakarta / "roads_osm_4326.shp")
    no_traceback(done)
    assert done.returncode == 0, done.stderr
    details = info(mixed)
    assert details["layers"]["roads"]["count"] == pyogrio.read_info(
        jakarta / "roads_osm_4326.shp")["features"]
    assert not [n for n in details["project"]["import_notes"] if "no roads" in n]


def test_points_only_extract_makes_a_project_of_its_points(
        tmp_path: Path, kibera_xml: ET.Element):
    extract = points_only(kibera_xml, tmp_path / "points.osm")
    expected = len(ET.parse(extract).getroot().findall("node"))
    assert expected > 1000  # Kibera's mapped amenities and shops
    project = tmp_path / "points.gpkg"
    done = quartier("new", project, "--osm", extract)
    no_traceback(done)
    assert done.returncode == 0, done.stderr
    layers = info(project)["layers"]
    assert layers["pois"]["count"] == expected
    assert layers["buildings"]["count"] == layers["roads"]["count"] == 0
    assert layers["street_edges"]["count"] == 0
    gdal_reads_every_layer(project)


def test_over_long_tag_value_is_left_out_with_a_note_naming_the_way(
        tmp_path: Path, kibera_xml: ET.Element, kibera_built: Path):
    root = ET.fromstring(ET.tostring(kibera_xml))
    road = next(w for w in root.findall("way") if w.get("id") == "26742691")
    assert not [t for t in road.findall("tag") if t.get("k") == "name"]
    ET.SubElement(road, "tag", k="name", v="é" * 750)  # 1,500 bytes of UTF-8
    other = next(w for w in root.findall("way") if w.get("id") != "26742691"
                 and any(t.get("k") == "highway" for t in w.findall("tag")))
    ET.SubElement(other, "tag", k="note", v="n" * 1024)  # the longest value osmium reads
    extract = write_osm(root, tmp_path / "long.osm")
    project = tmp_path / "long.gpkg"
    done = quartier("new", project, "--osm", extract)
    no_traceback(done)
    assert done.returncode == 0, done.stderr
    notes = info(project)["project"]["import_notes"]
    said = [n for n in notes if "1,024 bytes" in n]
    assert len(said) == 1 and "the name tag of way 26742691 (1,500 bytes)" in said[0], notes
    # Everything else is as in the untouched export.
    ours, full = info(project)["layers"], info(kibera_built)["layers"]
    assert {k: v["count"] for k, v in ours.items()} == {k: v["count"] for k, v in full.items()}
    roads = pyogrio.read_dataframe(project, layer="roads", read_geometry=False)
    lost = roads[roads["osm_id"] == 26742691]
    assert len(lost) == 1 and lost["name"].isna().all()
    assert "name" not in json.loads(lost["tags"].iloc[0])
    kept = roads[roads["osm_id"] == int(other.get("id"))]
    assert json.loads(kept["tags"].iloc[0])["note"] == "n" * 1024


def test_objects_deleted_in_josm_are_not_read_as_features(
        tmp_path: Path, kibera_xml: ET.Element, kibera_built: Path):
    """JOSM keeps what was deleted but not uploaded in the file, marked action="delete"."""
    root = ET.fromstring(ET.tostring(kibera_xml))
    root.set("generator", "JOSM")
    building = next(w for w in root.findall("way")
                    if any(t.get("k") == "building" for t in w.findall("tag")))
    building.set("action", "delete")
    school = ET.SubElement(root, "node", {"id": "-5", "action": "delete", "visible": "true",
                                          "lat": "-1.31", "lon": "36.79"})
    ET.SubElement(school, "tag", k="amenity", v="school")
    extract = write_osm(root, tmp_path / "josm.osm")
    project = tmp_path / "josm.gpkg"
    done = quartier("new", project, "--osm", extract)
    no_traceback(done)
    assert done.returncode == 0, done.stderr
    details, full = info(project), info(kibera_built)
    assert details["layers"]["buildings"]["count"] == full["layers"]["buildings"]["count"] - 1
    assert details["layers"]["pois"]["count"] == full["layers"]["pois"]["count"]
    buildings = pyogrio.read_dataframe(project, layer="buildings", read_geometry=False)
    assert int(building.get("id")) not in set(buildings["osm_id"])
    notes = " ".join(details["project"]["import_notes"])
    assert f"deleted in JOSM but not yet uploaded were left out: way {building.get('id')}; " \
           "node -5." in notes


def test_outline_osmium_cannot_draw_is_named_in_a_note(
        tmp_path: Path, kibera_xml: ET.Element, kibera_built: Path):
    """A four-corner building whose corners are listed out of turn: a bow tie."""
    root = ET.fromstring(ET.tostring(kibera_xml))
    building = next(w for w in root.findall("way") if len(w.findall("nd")) == 5
                    and any(t.get("k") == "building" for t in w.findall("tag")))
    corners = building.findall("nd")
    first, second = corners[1].get("ref"), corners[2].get("ref")
    corners[1].set("ref", second)
    corners[2].set("ref", first)
    extract = write_osm(root, tmp_path / "bowtie.osm")
    project = tmp_path / "bowtie.gpkg"
    done = quartier("new", project, "--osm", extract)
    no_traceback(done)
    assert done.returncode == 0, done.stderr
    details = info(project)
    assert details["layers"]["buildings"]["count"] == (
        info(kibera_built)["layers"]["buildings"]["count"] - 1)
    notes = " ".join(details["project"]["import_notes"])
    assert f"1 building or amenity outline was left out: the outline crosses itself or " \
           f"has fewer than three distinct corners (way {building.get('id')})" in notes


def test_bbox_clip_writes_only_the_declared_geometry_types(
        tmp_path: Path, data_dir: Path, kibera_built: Path):
    project = tmp_path / "centre.gpkg"
    done = quartier("new", project, "--osm", data_dir / "osm" / "kibera.osm",
                    "--bbox=" + ",".join(map(str, KIBERA_BBOX)))
    no_traceback(done)  # GDAL's "MULTILINESTRING is inserted into layer roads" warning
    assert done.returncode == 0, done.stderr
    declared = declared_types(project)
    assert declared["roads"] == "LINESTRING" and declared["buildings"] == "MULTIPOLYGON"
    for layer, kind in declared.items():
        if kind == "GEOMETRY":
            continue
        frame = pyogrio.read_dataframe(project, layer=layer)
        assert set(frame.geom_type.str.upper()) <= {kind}, (layer, frame.geom_type.unique())
    gdal_reads_every_layer(project)
    # Each road piece inside the box is a feature of its own, keeping its way's id: the
    # same roads, and the same length of each, as shapely's intersection (not the clip
    # the import uses) finds.
    full = pyogrio.read_dataframe(kibera_built, layer="roads")
    inside = shapely.intersection(full.geometry.values, shapely.box(*KIBERA_BBOX))
    expected = {int(i): length for i, length
                in zip(full["osm_id"], shapely.length(inside), strict=True) if length > 0}
    clipped = pyogrio.read_dataframe(project, layer="roads")
    ours = pd.Series(shapely.length(clipped.geometry.values)).groupby(clipped["osm_id"]).sum()
    assert set(ours.index) == set(expected)
    assert max(abs(ours[i] - expected[i]) for i in expected) < 1e-12
    assert len(clipped) > len(expected)  # some roads are cut in two or more pieces


def test_bbox_clip_of_a_dense_city_keeps_every_layer_valid(tmp_path: Path, data_dir: Path):
    project = tmp_path / "helsinki.gpkg"
    done = quartier("new", project, "--osm", data_dir / "osm" / "helsinki.osm.pbf",
                    "--bbox=24.935,60.162,24.95,60.17")
    no_traceback(done)
    assert done.returncode == 0, done.stderr
    for layer, kind in declared_types(project).items():
        frame = pyogrio.read_dataframe(project, layer=layer)
        if kind != "GEOMETRY":
            assert set(frame.geom_type.str.upper()) <= {kind}, layer
        assert frame.geometry.is_valid.all() and not frame.geometry.is_empty.any(), layer
    gdal_reads_every_layer(project)
    assert info(project)["layers"]["street_edges"]["count"] > 0


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_folder_of_a_killed_run_is_removed_by_the_next_run(tmp_path: Path, data_dir: Path):
    """kibera.osm is written out of id order (as the OSM API does), so it is read through
    a sorted copy in a temporary folder: the run is killed while that folder exists."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp)}
    out = tmp_path / "out"
    out.mkdir()
    run = subprocess.Popen([str(QUARTIER), "new", str(out / "k.gpkg"), "--osm",
                            str(data_dir / "osm" / "kibera.osm")], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while run.poll() is None and not list(temp.glob(f"quartier-sort-{run.pid}-*")):
            time.sleep(0.002)
        assert run.poll() is None, "the run ended before it made its folder"
        run.send_signal(signal.SIGKILL)
    finally:
        run.wait()
    assert run.returncode == -signal.SIGKILL
    stale = list(temp.glob(f"quartier-sort-{run.pid}-*"))
    assert len(stale) == 1 and not _pid_alive(run.pid)
    # A folder of a process still running (this one), and folders not named by a process.
    live = temp / f"quartier-sort-{os.getpid()}-busy"
    live.mkdir()
    (live / "sorted.osm.pbf").write_bytes(b"in use")
    others = [temp / "quartier-sort-abcd1234", temp / "quartier-sortie",
              temp / "quartier-sort-old_full"]
    for folder in others:
        folder.mkdir()
    (temp / "quartier-sort-old_full" / "kept.txt").write_text("someone's")
    # Left empty by an earlier version (no process id in the name) two days ago.
    old_empty = temp / "quartier-sort-x1y2z3w4"
    old_empty.mkdir()
    two_days_ago = time.time() - 2 * 24 * 3600
    for folder in (old_empty, temp / "quartier-sort-old_full"):
        os.utime(folder, (two_days_ago, two_days_ago))

    done = quartier("new", out / "again.gpkg", "--osm", data_dir / "osm" / "aguascalientes.osm.pbf",
                    env=env)
    assert done.returncode == 0, done.stderr
    assert not stale[0].exists() and not old_empty.exists()
    assert (live / "sorted.osm.pbf").read_bytes() == b"in use"
    assert sorted(p.name for p in temp.iterdir()) == sorted(
        [live.name, *(p.name for p in others)])


H = "<?xml version='1.0' encoding='UTF-8'?>\n<osm version='0.6' generator='hand'>\n"
SCHOOL = "<tag k='amenity' v='school'/>"


@pytest.mark.parametrize(
    ("name", "xml", "code", "words"),
    [
        ("nan position", H + f"<node id='1' version='1' lat='NaN' lon='36.8'>{SCHOOL}</node>"
         f"<node id='2' version='1' lat='-1.3' lon='36.8'>{SCHOOL}</node></osm>",
         0, 'node 1 (lat="NaN")'),
        ("nan latitude, no longitude", H + f"<node id='1' version='1' lat='NaN'>{SCHOOL}"
         f"</node><node id='2' version='1' lat='-1.3' lon='36.8'>{SCHOOL}</node></osm>",
         0, 'node 1 (lat="NaN")'),
        ("latitude 95", H + f"<node id='1' version='1' lat='95' lon='36.8'>{SCHOOL}</node>"
         f"<node id='2' version='1' lat='-1.3' lon='36.8'>{SCHOOL}</node></osm>",
         0, "outside the world"),
        ("id too large", H + f"<node id='99999999999999999999' version='1' lat='-1.3' "
         f"lon='36.8'>{SCHOOL}</node></osm>", 2, "illegal id"),
        ("same way twice", H + "<node id='1' version='1' lat='-1.3' lon='36.8'/>"
         "<node id='2' version='1' lat='-1.3' lon='36.81'/>"
         "<way id='5' version='1'><nd ref='1'/><nd ref='2'/><tag k='highway' v='path'/></way>"
         "<way id='5' version='2'><nd ref='2'/><nd ref='1'/><tag k='highway' v='path'/></way>"
         "</osm>", 2, "holds the same object more than once"),
        ("a change file", "<?xml version='1.0'?>\n<osmChange version='0.6'><create>"
         f"<node id='1' version='1' lat='-1.3' lon='36.8'>{SCHOOL}</node></create>"
         "<delete><node id='9' version='3' lat='-1.3' lon='36.8'/></delete></osmChange>",
         2, "is an OpenStreetMap change file"),
        ("ways without their nodes", H + "<way id='1' version='1'><nd ref='100'/>"
         "<nd ref='101'/><tag k='highway' v='residential'/></way></osm>",
         2, "1 road or waterway but not the nodes it is drawn through"),
        ("only an unreadable position", H + f"<node id='1' version='1' lat='abc' lon='36.8'>"
         f"{SCHOOL}</node></osm>", 2, 'node 1 (lat="abc")'),
        ("relations in a loop", H + f"<node id='1' version='1' lat='-1.3' lon='36.8'>{SCHOOL}"
         "</node><relation id='1' version='1'><member type='relation' ref='2' role=''/>"
         "<tag k='type' v='multipolygon'/><tag k='building' v='yes'/></relation>"
         "<relation id='2' version='1'><member type='relation' ref='1' role=''/>"
         "<tag k='type' v='multipolygon'/><tag k='landuse' v='grass'/></relation></osm>",
         0, "no roads"),
        ("deleted nodes", H + f"<node id='1' version='2' visible='false' lat='-1.3' "
         f"lon='36.8'>{SCHOOL}</node><node id='2' version='1' lat='-1.3' lon='36.8'>{SCHOOL}"
         "</node><node id='3' version='3' visible='false' lat='-1.3' lon='36.8'>"
         "<tag k='highway' v='bus_stop'/></node></osm>", 0, "2 objects marked deleted"),
        ("byte order mark and CRLF", "\ufeff" + (H + f"<node id='1' version='1' lat='-1.3' "
         f"lon='36.8'>\n{SCHOOL}\n</node>\n</osm>\n").replace("\n", "\r\n"), 0, "no roads"),
    ],
)
def test_hand_made_extracts_get_sentences(tmp_path: Path, name: str, xml: str, code: int,
                                          words: str):
    extract = tmp_path / "hand.osm"
    extract.write_text(xml, encoding="utf-8")
    project = tmp_path / "hand.gpkg"
    done = quartier("new", project, "--osm", extract)
    no_traceback(done)
    assert done.returncode == code, done.stderr
    if code:
        lines = [line for line in done.stderr.splitlines() if line.startswith("quartier:")]
        assert len(lines) == 1 and words in lines[0], done.stderr
        assert not project.exists()
    else:
        assert words in done.stdout, done.stdout
        assert info(project)["layers"]["pois"]["count"] == 1  # the school with a position


def test_over_long_value_in_a_bz2_extract_is_left_out_too(tmp_path: Path):
    key = "k" * 1100  # a key too long as well: the whole tag goes
    xml = (H + f"<node id='7' version='1' lat='-1.3' lon='36.8'>{SCHOOL}"
           f"<tag k='description' v='{'d' * 2000}'/><tag k='{key}' v='x'/></node></osm>")
    extract = tmp_path / "long.osm.bz2"
    extract.write_bytes(bz2.compress(xml.encode("utf-8")))
    project = tmp_path / "long.gpkg"
    done = quartier("new", project, "--osm", extract)
    no_traceback(done)
    assert done.returncode == 0, done.stderr
    notes = " ".join(info(project)["project"]["import_notes"])
    assert "2 values longer than 1,024 bytes" in notes
    assert "the description tag of node 7 (2,000 bytes)" in notes
    pois = pyogrio.read_dataframe(project, layer="pois", read_geometry=False)
    assert json.loads(pois["tags"].iloc[0]) == {"amenity": "school"}


def _varint(number: int) -> bytes:
    out = bytearray()
    while True:
        low, number = number & 0x7F, number >> 7
        out.append(low | (0x80 if number else 0))
        if not number:
            return bytes(out)


def _field(number: int, payload: int | bytes) -> bytes:
    """One protobuf field: a varint, or length-delimited bytes."""
    if isinstance(payload, int):
        return _varint(number << 3) + _varint(payload)
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


def _blob(kind: str, data: bytes) -> bytes:
    body = _field(2, len(data)) + _field(3, zlib.compress(data))  # raw_size, zlib_data
    header = _field(1, kind.encode()) + _field(3, len(body))  # type, datasize
    return struct.pack(">I", len(header)) + header + body


def one_node_pbf(tags: dict[str, str], lat: float = -1.3, lon: float = 36.8) -> bytes:
    """An .osm.pbf holding one tagged node, written by hand from the PBF format's protobuf
    messages (osmium's own writers refuse over-long values, so they cannot make one)."""
    strings = [b"", *(text.encode() for pair in tags.items() for text in pair)]
    table = b"".join(_field(1, text) for text in strings)
    keys = b"".join(_varint(1 + 2 * i) for i in range(len(tags)))
    values = b"".join(_varint(2 + 2 * i) for i in range(len(tags)))

    def zigzag(number: int) -> int:
        return (number << 1) ^ (number >> 63)

    node = (_field(1, zigzag(1)) + _field(2, keys) + _field(3, values)
            + _field(8, zigzag(round(lat * 1e7))) + _field(9, zigzag(round(lon * 1e7))))
    block = _field(1, table) + _field(2, _field(1, node))  # stringtable, group of nodes
    header = _field(4, b"OsmSchema-V0.6") + _field(16, b"hand")
    return _blob("OSMHeader", header) + _blob("OSMData", block)


def test_over_long_value_in_a_pbf_is_refused_in_a_sentence(tmp_path: Path):
    longest = tmp_path / "longest.osm.pbf"
    longest.write_bytes(one_node_pbf({"amenity": "school", "name": "x" * 1024}))
    done = quartier("new", tmp_path / "longest.gpkg", "--osm", longest)
    assert done.returncode == 0, done.stderr
    pois = pyogrio.read_dataframe(tmp_path / "longest.gpkg", layer="pois", read_geometry=False)
    assert list(pois["name"]) == ["x" * 1024]  # the written file is read as meant

    extract = tmp_path / "long.osm.pbf"
    extract.write_bytes(one_node_pbf({"amenity": "school", "name": "x" * 1500}))
    project = tmp_path / "long.gpkg"
    done = quartier("new", project, "--osm", extract)
    no_traceback(done)
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if line.startswith("quartier:")]
    assert len(lines) == 1 and "longer than 1,024 bytes" in lines[0], done.stderr
    assert "damaged" not in lines[0] and not project.exists()
