"""Field tagging on a real Kibera project: edits, undo/redo, history, snapping, routing."""

from __future__ import annotations

import json
import math
import shutil
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path

import networkx as nx
import numpy as np
import pyogrio
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import LineString, Point, Polygon

from layers.errors import ValidationError
from layers.participatory import ParticipatoryLayer, ReviewStatus
from layers.street_graph import EARTH_RADIUS_M, to_networkx
from mapping.edit_history import HISTORY_TABLE, SESSIONS_TABLE, EditAction
from mapping.editing import EditSession
from mapping.project import Project
from mapping.snapping import SnapKind, Snapper
from tests.pg_server import pg_server  # noqa: F401  (fixture)

REPO = Path(__file__).resolve().parents[1]
LAYERS = [str(layer) for layer in ParticipatoryLayer]

NAMES = {
    "swahili": "Zahanati ya Mama Lucy — Kibera",
    "french": "Ligne Olympic–Gare : « bus de l'école »",
    "french_decomposed": unicodedata.normalize("NFD", "Arrêt Église Sainte-Thérèse"),
    "nepali": "सामुदायिक स्वास्थ्य केन्द्र",
    "arabic": "منطقة معرضة للفيضانات قرب النهر",
}


@pytest.fixture()
def project(kibera_project: Path, tmp_path: Path) -> Path:
    path = tmp_path / "kibera.gpkg"
    shutil.copy(kibera_project, path)
    return path


@pytest.fixture()
def session(project: Path):
    with EditSession(project, contributor="Achieng Otieno", mapping_session="kianda-walk-1",
                     facilitator="Map Kibera Trust") as edit_session:
        yield edit_session


@pytest.fixture(scope="module")
def kibera_road(kibera_project: Path) -> LineString:
    """The real Kibera road with the most vertices (a long, bending street)."""
    roads = pyogrio.read_dataframe(kibera_project, layer="roads")
    counts = shapely.get_num_coordinates(roads.geometry.values)
    return roads.geometry.values[int(np.argmax(counts))]


def state(session: EditSession) -> dict[str, dict]:
    """Everything the participatory tables hold, except versions and times."""
    out = {}
    for layer in LAYERS:
        frame = session.features(layer)
        for _, row in frame.iterrows():
            out[row["uuid"]] = (layer, json.loads(row["tags"]), row.geometry.wkb, row["preset"],
                                row["review_status"], row.get("line_uuid"),
                                row.get("stop_sequence"))
    return out


def versions(session: EditSession) -> dict[str, int]:
    return {row["uuid"]: int(row["version"]) for layer in LAYERS
            for _, row in session.features(layer).iterrows()}


def history_count(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute(f"SELECT COUNT(*) FROM {HISTORY_TABLE}").fetchone()[0]


def add_everything(session: EditSession, road: LineString) -> dict[str, str]:
    """One feature of each kind, named in four languages and scripts."""
    x, y = road.interpolate(0.5, normalized=True).coords[0]
    uuids = {
        "facility": session.add_feature("facilities", Point(x, y + 0.0003), "facility/clinic",
                                        {"name": NAMES["swahili"], "capacity": "40",
                                         "operator": NAMES["nepali"]}),
        "line": session.add_feature("transport_lines", road, "transport_line/minibus",
                                    {"name": NAMES["french"], "ref": "8",
                                     "interval:06-09": "4", "fare:min": "30",
                                     "fare:max": "50", "fare:currency": "KES"}),
        "zone": session.add_feature("risk_zones", Point(x, y).buffer(0.001), "risk_zone/flood",
                                    {"name": NAMES["arabic"], "severity": "high",
                                     "flood:depth": "0.8", "hazard:last_event": "2023-11"}),
    }
    uuids["stop"] = session.add_stop(uuids["line"], road.interpolate(0.25, normalized=True),
                                     NAMES["french_decomposed"])
    return uuids


def test_names_in_any_script_round_trip_byte_for_byte(session, project, kibera_road):
    uuids = add_everything(session, kibera_road)
    expected = {
        "facilities": (uuids["facility"], NAMES["swahili"]),
        "transport_lines": (uuids["line"], NAMES["french"]),
        "transport_stops": (uuids["stop"], NAMES["french_decomposed"]),
        "risk_zones": (uuids["zone"], NAMES["arabic"]),
    }
    for layer, (uuid, name) in expected.items():
        frame = pyogrio.read_dataframe(project, layer=layer)
        row = frame[frame["uuid"] == uuid].iloc[0]
        assert row["name"].encode("utf-8") == name.encode("utf-8"), layer
        assert json.loads(row["tags"])["name"].encode("utf-8") == name.encode("utf-8")
    facility = session.feature("facilities", uuids["facility"])
    assert facility.tags["operator"] == NAMES["nepali"]

    # A fresh Python process, reading with GDAL and with plain SQLite, sees the same bytes.
    code = (
        "import json, sqlite3, sys, pyogrio\n"
        "out = {}\n"
        "for layer in ['facilities', 'transport_lines', 'transport_stops', 'risk_zones']:\n"
        "    frame = pyogrio.read_dataframe(sys.argv[1], layer=layer, read_geometry=False)\n"
        "    out[layer] = [frame['name'].iloc[0].encode('utf-8').hex(),"
        " json.loads(frame['tags'].iloc[0])['name'].encode('utf-8').hex()]\n"
        "with sqlite3.connect(sys.argv[1]) as c:\n"
        "    out['sqlite'] = c.execute('SELECT CAST(name AS BLOB) FROM risk_zones')"
        ".fetchone()[0].hex()\n"
        "print(json.dumps(out))\n")
    done = subprocess.run([sys.executable, "-c", code, str(project)], capture_output=True,
                          text=True, cwd=REPO, timeout=60, check=True)
    seen = json.loads(done.stdout)
    for layer, (_, name) in expected.items():
        assert seen[layer] == [name.encode("utf-8").hex()] * 2, layer
    assert seen["sqlite"] == NAMES["arabic"].encode("utf-8").hex()


def test_every_edit_writes_versions_and_history_rows(session, project, kibera_road):
    x, y = kibera_road.coords[0]
    uuid = session.add_feature("facilities", Point(x, y), "facility/water_point",
                               {"name": "Kiosk ya Maji", "fee": "yes"})
    created = session.feature("facilities", uuid)
    session.update_tags("facilities", uuid, {"name": "Kiosk ya Maji", "fee": "no",
                                             "operational_status": "broken"})
    session.move("facilities", uuid, 0.0001, -0.0002)
    session.set_review_status("facilities", uuid, ReviewStatus.VERIFIED)
    final = session.feature("facilities", uuid)
    session.delete("facilities", uuid)

    assert (created.version, final.version) == (1, 4)
    assert final.created_at == created.created_at and final.modified_at > created.modified_at
    assert final.contributor == "Achieng Otieno" and final.mapping_session == "kianda-walk-1"
    assert final.geometry.equals_exact(Point(x + 0.0001, y - 0.0002), 1e-12)
    history = session.history("facilities", uuid)
    assert [(h.version, h.action) for h in history] == [
        (1, EditAction.CREATE), (2, EditAction.UPDATE), (3, EditAction.MOVE),
        (4, EditAction.REVIEW), (5, EditAction.DELETE)]
    assert all(h.contributor == "Achieng Otieno" and h.mapping_session == "kianda-walk-1"
               for h in history)
    assert all(h.at.endswith("Z") and h.at[10] == "T" for h in history)
    assert history[1].tags == {"name": "Kiosk ya Maji", "fee": "no",
                               "operational_status": "broken", "amenity": "water_point"}
    assert history[3].attributes["review_status"] == "verified"
    assert history[4].geometry.equals(final.geometry) and history[4].tags == final.tags
    assert len({h.edit_id for h in history}) == 5

    with sqlite3.connect(project) as connection:
        contents = dict(connection.execute("SELECT table_name, data_type FROM gpkg_contents"))
        sessions = connection.execute(f"SELECT id, facilitator FROM {SESSIONS_TABLE}").fetchall()
    assert contents[HISTORY_TABLE] == "attributes" and contents[SESSIONS_TABLE] == "attributes"
    assert sessions == [("kianda-walk-1", "Map Kibera Trust")]
    listing = subprocess.run(["ogrinfo", "-ro", "-so", str(project)], capture_output=True,
                             text=True, check=True).stdout
    assert f"{HISTORY_TABLE} (None)" in listing and f"{SESSIONS_TABLE} (None)" in listing


def test_events_tell_views_what_changed(session, kibera_road):
    seen = []
    for name in ("feature_added", "feature_changed", "feature_removed"):
        getattr(session, name).connect(lambda layer, uuid, name=name: seen.append(
            (name, layer, uuid)))
    session.history_changed.connect(lambda: seen.append(("history",)))
    line = session.add_feature("transport_lines", kibera_road, "transport_line/bus",
                               {"ref": "15"})
    stop = session.add_stop(line, kibera_road.interpolate(0.9, normalized=True), "Toi")
    session.delete("transport_lines", line)
    session.undo()
    assert seen == [
        ("feature_added", "transport_lines", line), ("history",),
        ("feature_added", "transport_stops", stop), ("history",),
        ("feature_removed", "transport_lines", line),
        ("feature_removed", "transport_stops", stop), ("history",),
        ("feature_added", "transport_lines", line),
        ("feature_added", "transport_stops", stop), ("history",)]
    assert session.undo_description == "Add stop Toi" and session.redo_description.startswith(
        "Delete Bus line")


def test_undo_and_redo_every_kind_of_edit(session, project, kibera_road):
    uuids = add_everything(session, kibera_road)
    buildings = pyogrio.read_dataframe(project, layer="buildings", fid_as_index=True)
    building_fid = int(buildings[buildings["amenity"].isna() & buildings["name"].notna()].index[0])
    line, stop = uuids["line"], uuids["stop"]
    shifted = shapely.transform(kibera_road, lambda xy: xy + [0.0, 0.00005])

    edits = [
        lambda: session.add_feature("facilities", Point(36.79, -1.31), "facility/toilets",
                                    {"toilets:disposal": "pitlatrine"}),
        lambda: session.update_tags("facilities", uuids["facility"],
                                    {"name": NAMES["swahili"], "capacity": "55"}),
        lambda: session.update_tags("facilities", uuids["facility"], {"name": "Kliniki"},
                                    preset_id="facility/hospital"),
        lambda: session.update_geometry("transport_lines", line, shifted),
        lambda: session.move("risk_zones", uuids["zone"], 0.001, 0.0),
        lambda: session.set_review_status("risk_zones", uuids["zone"], "verified"),
        lambda: session.add_stop(line, kibera_road.interpolate(0.1, normalized=True), "Kwa Chief"),
        lambda: session.add_stop(line, kibera_road.interpolate(0.8, normalized=True), "Laini Saba",
                                 sequence=1),
        lambda: session.reorder_stops(line, [s.uuid for s in session.stops(line)][::-1]),
        lambda: session.split_line(line, kibera_road.interpolate(0.5, normalized=True)),
        lambda: session.delete("transport_stops", stop),
        lambda: session.delete("transport_lines", line),
        lambda: session.tag_osm_feature("buildings", building_fid, "facility/school",
                                        {"capacity": "300"}),
    ]
    for number, edit in enumerate(edits):
        before, before_versions = state(session), versions(session)
        rows = history_count(project)
        edit()
        after, after_versions = state(session), versions(session)
        assert after != before, number
        written = history_count(project) - rows
        assert written >= 1
        assert session.undo()
        assert state(session) == before, number
        # Undo is a new version of each feature it touched, recorded in the history.
        restored = versions(session)
        assert history_count(project) - rows == 2 * written, number
        for uuid, version in restored.items():
            if uuid in after_versions and after_versions[uuid] != before_versions.get(uuid):
                assert version == after_versions[uuid] + 1, number
        assert session.redo()
        assert state(session) == after, number
        assert history_count(project) - rows == 3 * written, number
        if number == 9:  # split: both parts exist again after redo
            assert len(session.features("transport_lines")) == 2
    with sqlite3.connect(project) as connection:
        actions = {a for (a,) in connection.execute(f"SELECT action FROM {HISTORY_TABLE}")}
    assert actions == {str(a) for a in EditAction}
    assert session.can_undo and not session.can_redo


def test_split_and_merge_keep_stops_on_their_part(session, kibera_road):
    line = session.add_feature("transport_lines", kibera_road, "transport_line/minibus",
                               {"ref": "32", "name": "Olympic - Town"})
    names = ["Olympic", "Kichinjio", "DC", "Toi Market"]
    for name, fraction in zip(names, (0.2, 0.45, 0.7, 0.9), strict=True):
        session.add_stop(line, kibera_road.interpolate(fraction, normalized=True), name)
    assert [(s.name, s.stop_sequence) for s in session.stops(line)] == [
        ("Olympic", 1), ("Kichinjio", 2), ("DC", 3), ("Toi Market", 4)]

    cut = kibera_road.interpolate(0.6, normalized=True)
    first, second = session.split_line(line, (cut.x, cut.y))
    assert first == line
    part_a = session.feature("transport_lines", first).geometry
    part_b = session.feature("transport_lines", second).geometry
    assert part_a.coords[-1] == part_b.coords[0]
    assert Point(part_a.coords[-1]).distance(cut) < 1e-12
    assert part_a.length + part_b.length == pytest.approx(kibera_road.length, rel=1e-12)
    assert session.feature("transport_lines", second).tags == session.feature(
        "transport_lines", first).tags
    assert [(s.name, s.stop_sequence) for s in session.stops(first)] == [
        ("Olympic", 1), ("Kichinjio", 2)]
    assert [(s.name, s.stop_sequence) for s in session.stops(second)] == [
        ("DC", 1), ("Toi Market", 2)]

    merged = session.merge_lines(first, second)
    assert merged == first
    joined = list(session.feature("transport_lines", merged).geometry.coords)
    cut_vertex = joined.pop(len(part_a.coords) - 1)  # the only vertex the cut added
    assert joined == list(kibera_road.coords)
    assert cut_vertex == part_a.coords[-1]
    assert len(session.features("transport_lines")) == 1
    assert [(s.name, s.stop_sequence, s.line_uuid) for s in session.stops(merged)] == [
        (n, i, merged) for i, n in enumerate(names, start=1)]

    # B drawn the other way round is reversed to keep A's direction; its stops follow.
    first, second = session.split_line(line, (cut.x, cut.y))
    session.update_geometry("transport_lines", second,
                            LineString(list(session.feature("transport_lines",
                                                            second).geometry.coords)[::-1]))
    session.merge_lines(first, second)
    rejoined = session.feature("transport_lines", first).geometry
    assert rejoined.hausdorff_distance(kibera_road) < 1e-12
    assert len(rejoined.coords) == len(kibera_road.coords) + 1
    assert [s.name for s in session.stops(first)] == names

    # Undo both joins, the reshape and both cuts: the line and its stops are as they were.
    for _ in range(5):
        session.undo()
    assert [s.name for s in session.stops(line)] == names
    assert session.feature("transport_lines", line).geometry.equals_exact(kibera_road, 0)
    far = shapely.transform(kibera_road, lambda xy: xy + [0.05, 0.0])
    other = session.add_feature("transport_lines", far, "transport_line/bus", {"ref": "2"})
    with pytest.raises(ValidationError, match=r"do not meet: their nearest ends are \d+ m apart"):
        session.merge_lines(line, other)


def test_tagging_a_real_building_keeps_its_osm_identity(session, project):
    buildings = pyogrio.read_dataframe(project, layer="buildings", fid_as_index=True)
    building = buildings[buildings["amenity"].isna() & buildings["name"].notna()].iloc[0]
    fid = int(building.name)
    osm_tags = json.loads(building["tags"])
    uuid = session.tag_osm_feature("buildings", fid, "facility/community_centre",
                                   {"capacity": "120", "operator": "Catholic Archdiocese"})
    facility = session.feature("facilities", uuid)
    assert (facility.osm_type, facility.osm_id, facility.osm_version) == (
        building["osm_type"], building["osm_id"], building["osm_version"])
    assert facility.tags == {**osm_tags, "capacity": "120", "operator": "Catholic Archdiocese",
                             "amenity": "community_centre"}
    assert facility.name == building["name"]
    assert building.geometry.contains(facility.geometry)
    frame = pyogrio.read_dataframe(project, layer="facilities")
    assert frame["osm_id"].tolist() == [building["osm_id"]]
    assert frame["osm_version"].tolist() == [building["osm_version"]]
    with pytest.raises(ValidationError, match="already tagged as Community centre"):
        session.tag_osm_feature("buildings", fid, "facility/school", {})
    with pytest.raises(ValidationError, match="no feature number 999999"):
        session.tag_osm_feature("buildings", 999999, "facility/school", {})
    with pytest.raises(ValidationError, match="holds no OpenStreetMap objects"):
        session.tag_osm_feature("street_nodes", 1, "facility/school", {})
    # A place of interest already in OSM (a node) keeps its exact position.
    pois = pyogrio.read_dataframe(project, layer="pois", fid_as_index=True)
    school = pois[(pois["amenity"] == "school") & (pois["osm_type"] == "node")].iloc[0]
    tagged = session.feature("facilities", session.tag_osm_feature(
        "pois", int(school.name), "facility/school", {"capacity": "640"}))
    assert (tagged.osm_type, tagged.osm_id) == ("node", school["osm_id"])
    assert tagged.geometry.equals_exact(school.geometry, 0) and tagged.tags["capacity"] == "640"


def test_refused_edits_write_nothing(session, project, kibera_road):
    uuids = add_everything(session, kibera_road)
    before, rows = state(session), history_count(project)
    x, y = kibera_road.coords[0]
    refusals = [
        (lambda: session.add_feature("facilities", Point(x, y), "facility/clinic",
                                     {"capacity": "lots"}), "Capacity .* whole number"),
        (lambda: session.add_feature("facilities", Point(x, y), "facility/no_such", {}),
         "no preset called"),
        (lambda: session.add_feature("facilities", Point(x, y), "risk_zone/flood", {}),
         "Flood zone is for risk zones, not facilities"),
        (lambda: session.add_feature("transport_lines", LineString([(x, y), (x, y)]),
                                     "transport_line/minibus", {}), "two different points"),
        (lambda: session.add_feature("risk_zones", Polygon([(x, y), (x + 0.01, y + 0.01),
                                                            (x + 0.01, y), (x, y + 0.01)]),
                                     "risk_zone/landslide", {"severity": "low"}),
         "cannot be repaired"),
        (lambda: session.add_feature("risk_zones", Point(x, y).buffer(0.001),
                                     "risk_zone/flood", {"flood:depth": "3"}),
         "Severity is required"),
        (lambda: session.add_feature("facilities", Point(x * 1e5, y), "facility/clinic", {}),
         "outside the world"),
        (lambda: session.update_tags("risk_zones", uuids["zone"], {"severity": "extreme"}),
         "not one of the choices"),
        (lambda: session.update_tags("facilities", "no-such-uuid", {}), "no longer exists"),
        (lambda: session.add_stop(uuids["line"], Point(x + 0.05, y), "Far away"),
         r"\d+ m from its line"),
        (lambda: session.add_stop(uuids["line"], Point(x, y), "Olympic", sequence=5),
         "between 1 and 2"),
        (lambda: session.add_stop(uuids["line"], Point(x, y), ""), "Stage name is required"),
        (lambda: session.split_line(uuids["line"], Point(x + 0.01, y + 0.01)), "from the line"),
        (lambda: session.split_line(uuids["line"], Point(x, y)), "very end of the line"),
        (lambda: session.reorder_stops(uuids["line"], []), "every stop of the line"),
        (lambda: session.move("facilities", uuids["facility"], 400.0, 0.0), "outside the world"),
        (lambda: session.add_feature("transport_stops", Point(x, y), "transport_stop/stop",
                                     {"name": "x"}), "add it with the stop tool"),
    ]
    for refuse, message in refusals:
        with pytest.raises(ValidationError, match=message):
            refuse()
    assert state(session) == before
    assert history_count(project) == rows
    assert session.undo_description == "Add stop " + NAMES["french_decomposed"]


def test_a_repaired_outline_is_saved_and_the_mapper_told(session, project):
    buildings = pyogrio.read_dataframe(project, layer="buildings")
    outline = max(shapely.get_parts(buildings.geometry.values), key=lambda g: g.area)
    ring = list(outline.exterior.coords)[:-1]
    a, b = np.array(ring[0]), np.array(ring[1])
    # One corner clicked past its neighbours: a tiny loop on the first side.
    slip = tuple(a + (b - a) * 0.5 + np.array([(b - a)[1], -(b - a)[0]]) * 0.02)
    drawn = Polygon([ring[0], tuple(a + (b - a) * 0.6), slip, tuple(a + (b - a) * 0.4),
                     *ring[1:]])
    told = []
    session.notice.connect(told.append)
    zone = session.add_feature("risk_zones", drawn, "risk_zone/fire", {"severity": "high"})
    stored = session.feature("risk_zones", zone).geometry
    assert stored.is_valid and stored.geom_type == "MultiPolygon"
    assert abs(stored.area - outline.area) / outline.area < 0.05
    assert len(told) == 1 and told[0].startswith("The outline crossed itself")
    assert session.last_notes == tuple(told)
    session.add_feature("risk_zones", outline, "risk_zone/fire", {"severity": "low"})
    assert session.last_notes == () and len(told) == 1


def test_a_contributor_name_is_required(project):
    with pytest.raises(ValidationError, match="Type your name"):
        EditSession(project, contributor="   ")


def _utm(project: Path) -> tuple[Transformer, Transformer]:
    crs = Project(project).metadata.working_crs
    return (Transformer.from_crs("EPSG:4326", crs, always_xy=True),
            Transformer.from_crs(crs, "EPSG:4326", always_xy=True))


def test_snapping_to_a_real_road_vertex_and_edge(kibera_project):
    forward, backward = _utm(kibera_project)
    roads = pyogrio.read_dataframe(kibera_project, layer="roads", fid_as_index=True)
    buildings = pyogrio.read_dataframe(kibera_project, layer="buildings")
    road_xy, road_of = shapely.get_coordinates(roads.geometry.values, return_index=True)
    all_xy = np.vstack([road_xy, shapely.get_coordinates(buildings.geometry.values)])
    mx, my = forward.transform(all_xy[:, 0], all_xy[:, 1])
    metres = np.column_stack([mx, my])
    # A road vertex with no other vertex within 40 m, and whose road's edges are all > 8 m away
    # from the test click except its own: computed here without the snapper.
    for index in range(len(road_xy)):
        gaps = np.hypot(*(metres - metres[index]).T)
        gaps[index] = np.inf
        if gaps.min() > 40:
            break
    lon, lat = road_xy[index]
    x, y = forward.transform(lon, lat)
    click_lon, click_lat = backward.transform(x + 4.0, y)
    snapper = Snapper(Project(kibera_project))
    result = snapper.snap(click_lon, click_lat, tolerance_m=10)
    assert result.kind is SnapKind.VERTEX
    assert (result.lon, result.lat) == (lon, lat)
    assert result.layer == "roads" and result.fid == int(roads.index[road_of[index]])
    assert result.distance_m == pytest.approx(4.0, abs=1e-6)

    # The middle of that road's longest segment, 3 m to the side: snaps onto the segment.
    road = shapely.transform(roads.geometry.values[road_of[index]],
                             lambda xy: np.column_stack(forward.transform(xy[:, 0], xy[:, 1])))
    coords = np.asarray(road.coords)
    lengths = np.hypot(*np.diff(coords, axis=0).T)
    k = int(np.argmax(lengths))
    (ax, ay), (bx, by) = coords[k], coords[k + 1]
    nx_, ny_ = -(by - ay) / lengths[k], (bx - ax) / lengths[k]
    mid = ((ax + bx) / 2 + 3 * nx_, (ay + by) / 2 + 3 * ny_)
    assert lengths[k] > 30
    edge = snapper.snap(*backward.transform(*mid), tolerance_m=5)
    assert edge.kind is SnapKind.EDGE and edge.layer == "roads"
    assert edge.distance_m == pytest.approx(3.0, abs=0.01)
    on_road = Point(forward.transform(edge.lon, edge.lat))
    assert road.distance(on_road) < 1e-6

    nowhere = snapper.snap(*backward.transform(x + 5000, y + 5000), tolerance_m=10)
    assert (nowhere.kind, nowhere.layer, nowhere.fid) == (SnapKind.NONE, None, None)


def _haversine_length(line: LineString) -> float:
    lon, lat = np.radians(np.asarray(line.coords)).T
    h = (np.sin(np.diff(lat) / 2) ** 2
         + np.cos(lat[:-1]) * np.cos(lat[1:]) * np.sin(np.diff(lon) / 2) ** 2)
    return float(np.sum(2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(h))))


def test_follow_roads_takes_the_shortest_street_path(kibera_project):
    nodes = pyogrio.read_dataframe(kibera_project, layer="street_nodes")
    edges = pyogrio.read_dataframe(kibera_project, layer="street_edges")
    graph = to_networkx(nodes, edges)
    junctions = nodes[nodes["street_count"] >= 3].reset_index(drop=True)
    start = junctions.iloc[0]
    lengths = nx.single_source_dijkstra_path_length(graph, int(start["osmid"]), weight="length")
    # A real junction 1 to 2 km away by street from the first one.
    end_id = next(n for n, d in sorted(lengths.items(), key=lambda i: i[1]) if 1000 < d < 2000
                  and n in set(junctions["osmid"]))
    end = junctions[junctions["osmid"] == end_id].iloc[0]
    expected = nx.shortest_path_length(graph, int(start["osmid"]), end_id, weight="length")

    snapper = Snapper(Project(kibera_project))
    route = snapper.route([(start["x"], start["y"]), (end["x"], end["y"])])
    assert route.straight_legs == ()
    assert route.line.coords[0] == (start["x"], start["y"])
    assert route.line.coords[-1] == (end["x"], end["y"])
    assert _haversine_length(route.line) == pytest.approx(expected, rel=1e-9)
    assert 1000 < expected < 2000

    # A click far from every street is joined by a straight leg.
    far = (float(nodes["x"].max()) + 0.05, float(nodes["y"].max()) + 0.05)
    with_far = snapper.route([(start["x"], start["y"]), (end["x"], end["y"]), far])
    assert with_far.straight_legs == (1,)
    assert with_far.line.coords[-1] == far
    assert math.isclose(_haversine_length(LineString(with_far.line.coords[:-1])), expected,
                        rel_tol=1e-9)
    assert snapper.follow_roads([(start["x"], start["y"]), (end["x"], end["y"])]).equals(
        route.line)


# -- a form showing an older version than the one stored (two mappers, one feature) -------

def _stale_form_is_refused(location: str | Path) -> None:
    """Two sessions on one project: the second saves from the version its form showed."""
    from mapping.store import ConflictError, open_store

    with EditSession(location, contributor="Achieng") as achieng, \
            EditSession(location, contributor="Baraka") as baraka:
        uuid = achieng.add_feature("facilities", Point(36.79, -1.31), "facility/clinic",
                                   {"name": "Zahanati Kianda"})
        shown = baraka.feature("facilities", uuid)  # Baraka's form shows version 1
        achieng.update_tags("facilities", uuid, {"name": "Zahanati Kianda", "capacity": "12"},
                            expected_version=1)
        with pytest.raises(ConflictError) as refused:
            baraka.update_tags("facilities", uuid, {"name": "Kianda Clinic"},
                               expected_version=shown.version)
        assert refused.value.stored.version == 2
        assert dict(refused.value.stored.tags)["capacity"] == "12"
        assert refused.value.attempted.tags["name"] == "Kianda Clinic"
        for edit in (lambda v: baraka.move("facilities", uuid, 0.001, 0, expected_version=v),
                     lambda v: baraka.update_geometry("facilities", uuid, Point(36.8, -1.3),
                                                      expected_version=v),
                     lambda v: baraka.set_review_status("facilities", uuid, "verified",
                                                        expected_version=v),
                     lambda v: baraka.delete("facilities", uuid, expected_version=v)):
            with pytest.raises(ConflictError):
                edit(1)
        # Read back through a store of its own: Achieng's version 2, untouched.
        with open_store(location) as store:
            stored = store.read_feature("facilities", uuid)
            assert (stored.version, stored.tags["name"], stored.tags["capacity"]) == (
                2, "Zahanati Kianda", "12")
            assert stored.review_status.value == "draft"
            assert stored.geometry.equals(Point(36.79, -1.31))
            assert [h.version for h in store.read_history("facilities", uuid)] == [1, 2]
        # Keep mine: saving again with the stored version as expected goes through.
        baraka.update_tags("facilities", uuid, {"name": "Kianda Clinic"}, expected_version=2)
        with open_store(location) as store:
            stored = store.read_feature("facilities", uuid)
            assert (stored.version, stored.tags["name"]) == (3, "Kianda Clinic")
            assert [h.contributor for h in store.read_history("facilities", uuid)] == [
                "Achieng", "Achieng", "Baraka"]


def test_a_stale_form_is_refused_on_the_project_file(project):
    _stale_form_is_refused(project)


def test_a_stale_form_is_refused_on_a_team_server(pg_server, kibera_project):  # noqa: F811
    from mapping.store.postgis import init_server, publish

    database = pg_server.create_database()
    url = pg_server.url(database)
    init_server(url)
    publish(kibera_project, url, "kibera")
    _stale_form_is_refused(f"{url}?project=kibera")
