"""Transport lines in the OpenStreetMap export follow the public transport schema (PTv2).

Three lines drawn in Kibera with the editor: a two-way matatu line named by residents, a
one-way shared-taxi line drawn from its last stop to its first, sharing a stop with the
matatu (half a metre apart), and a bus loop sharing a stop with the matatu through the
same ``gtfs:stop_id`` (15 m apart). The export is read back with pyosmium and checked
by osmium's own ``check-refs``; the expected stop order, shared stops and directions are
derived from the GeoPackage with sqlite3 and pyproj, not from Quartier.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import osmium
import pyogrio
import pytest
import shapely
from pyproj import Geod
from shapely.geometry import LineString, Point

from mapping.editing import EditSession
from mapping.export import export

GEOD = Geod(ellps="WGS84")
MATATU = LineString([(36.7800, -1.3150), (36.7850, -1.3120), (36.7900, -1.3100),
                     (36.7950, -1.3090)])
# Stops stand beside the road, a few metres off the line, as PTv2 platforms do.
MATATU_STOPS = [((36.7803, -1.31476), "Olympic", {}),
                ((36.7850, -1.31196), "Toi", {"gtfs:stop_id": "S-TOI"}),
                ((36.7900, -1.30996), "Kibera Drive", {}),
                ((36.7948, -1.30906), "Adams Arcade", {})]
# Drawn north to south; its stops go south to north.
SHARE_TAXI = LineString([(36.7900, -1.3000), (36.7900, -1.3030), (36.7900, -1.3060),
                         (36.7900, -1.3100)])
SHARE_TAXI_STOPS = [((36.790004, -1.30996), "Junction", {}),  # 0.45 m from Kibera Drive
                    ((36.79004, -1.3050), "Laini Saba", {}),
                    ((36.79004, -1.3003), "Ayany", {})]
LOOP = LineString([(36.7851, -1.3121), (36.7851, -1.3080), (36.7800, -1.3080),
                   (36.7800, -1.3121), (36.7851, -1.3121)])
# Toi Market is the matatu's Toi stop in the GTFS feed, 22 m away.
LOOP_STOPS = [((36.78514, -1.3121), "Toi Market", {"gtfs:stop_id": "S-TOI"}),
              ((36.78514, -1.3090), "DC", {}), ((36.77996, -1.3090), "Makina", {})]


def draw_lines(path: Path) -> None:
    """Draw the three lines and their stops in a project, through the editor."""
    with EditSession(path, "Amina Wanjiru") as session:
        lines = [
            (MATATU, "transport_line/minibus",
             {"ref": "8", "name": "Kibera – Town", "from": "Kibera", "to": "Town",
              "operator": "Kibera Matatu SACCO", "network": "Nairobi matatus",
              "interval:06-09": "5", "opening_hours": "Mo-Su 05:00-22:00"}, MATATU_STOPS),
            (SHARE_TAXI, "transport_line/share_taxi", {"ref": "M2", "oneway": "yes"},
             SHARE_TAXI_STOPS),
            (LOOP, "transport_line/bus", {"ref": "33", "fare:min": "30"}, LOOP_STOPS),
        ]
        for geometry, preset, tags, stops in lines:
            line = session.add_feature("transport_lines", geometry, preset, tags)
            for sequence, (xy, name, extra) in enumerate(stops, start=1):
                session.add_stop(line, Point(xy), name, sequence=sequence, tags=extra)


@pytest.fixture(scope="module")
def transport(tmp_path_factory: pytest.TempPathFactory, kibera_project: Path) -> Path:
    """Kibera with the three lines and their stops."""
    path = tmp_path_factory.mktemp("osm_routes") / "k.gpkg"
    shutil.copy(kibera_project, path)
    draw_lines(path)
    return path


@pytest.fixture(scope="module")
def exported(transport: Path, tmp_path_factory: pytest.TempPathFactory):
    """The .osm export and its report."""
    out = tmp_path_factory.mktemp("osm_routes_out") / "lines.osm"
    return out, export(transport, out, verified_only=False)


def read_osm(path: Path) -> dict[tuple[str, int], dict]:
    """Every object as pyosmium reads it."""
    objects: dict[tuple[str, int], dict] = {}
    for obj in osmium.FileProcessor(str(path)):
        kind = {"n": "node", "w": "way", "r": "relation"}[obj.type_str()]
        entry: dict = {"tags": dict(obj.tags)}
        if kind == "node":
            entry["location"] = (obj.location.lon, obj.location.lat)
        elif kind == "way":
            entry["refs"] = [n.ref for n in obj.nodes]
        else:
            entry["members"] = [(m.type, m.ref, m.role) for m in obj.members]
        objects[(kind, obj.id)] = entry
    return objects


def stored_lines(path: Path) -> dict[str, dict]:
    """Each line's tags, shape and stops (location, name, tags) in stop_sequence order,
    straight from the GeoPackage (GDAL reads it)."""
    lines = pyogrio.read_dataframe(path, layer="transport_lines")
    stops = pyogrio.read_dataframe(path, layer="transport_stops").sort_values(
        ["line_uuid", "stop_sequence"])
    out = {}
    for uuid, tags, shape in zip(lines["uuid"], lines["tags"], lines.geometry, strict=True):
        mine = stops[stops["line_uuid"] == uuid]
        out[json.loads(tags)["ref"]] = {
            "tags": json.loads(tags), "shape": shape,
            "stops": [{"xy": (p.x, p.y), "name": name, "tags": json.loads(t)}
                      for p, name, t in zip(mine.geometry, mine["name"], mine["tags"],
                                            strict=True)]}
    return out


def metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    return GEOD.inv(a[0], a[1], b[0], b[1])[2]


def routes_of(objects: dict, ref: str) -> list[dict]:
    return [e for e in objects.values()
            if e["tags"].get("type") == "route" and e["tags"].get("ref") == ref]


def platform_locations(objects: dict, route: dict) -> list[tuple[float, float]]:
    return [objects[("node", ref)]["location"] for kind, ref, role in route["members"]
            if role == "platform" and kind == "n"]


def path_of(objects: dict, route: dict) -> list[tuple[float, float]]:
    """The route's ways chained in member order, each turned to continue the last."""
    chain: list[int] = []
    for number, (kind, ref, role) in enumerate(m for m in route["members"] if m[0] == "w"):
        assert role == ""
        nodes = objects[(kind.replace("w", "way"), ref)]["refs"]
        if number == 1 and chain[-1] not in (nodes[0], nodes[-1]):
            chain.reverse()  # the first way is followed against its drawing
        if chain:
            assert chain[-1] in (nodes[0], nodes[-1]), "a gap between two ways of a route"
            nodes = (nodes if nodes[0] == chain[-1] else nodes[::-1])[1:]
        chain += nodes
    return [objects[("node", ref)]["location"] for ref in chain]


# ---------------------------------------------------------------- tests


def test_each_direction_is_a_ptv2_route_grouped_in_a_route_master(transport, exported):
    out, report = exported
    objects = read_osm(out)
    stored = stored_lines(transport)
    two_way = [ref for ref, line in stored.items() if line["tags"].get("oneway") != "yes"
               and metres(line["shape"].coords[0], line["shape"].coords[-1]) >= 50]
    assert two_way == ["8"]
    routes = [e for e in objects.values() if e["tags"].get("type") == "route"]
    masters = [e for e in objects.values() if e["tags"].get("type") == "route_master"]
    assert len(routes) == 2 * len(two_way) + (len(stored) - len(two_way)) == 4
    assert len(masters) == len(stored) == 3
    assert report.counts["transport_lines"] == 3
    for master in masters:
        ref = master["tags"]["ref"]
        members = {objects[("relation", r)]["tags"]["ref"] for t, r, _role in
                   master["members"] if t == "r"}
        assert members == {ref}
        assert [m[0] for m in master["members"]] == ["r"] * len(routes_of(objects, ref))
        assert master["tags"]["route_master"] == routes_of(objects, ref)[0]["tags"]["route"]
    for route in routes:
        assert route["tags"]["public_transport:version"] == "2"
        roles = [role for _t, _r, role in route["members"]]
        # PTv2: the platforms first, then the ways.
        assert roles == sorted(roles, key=lambda role: role != "platform")
    matatu_master = next(m for m in masters if m["tags"]["ref"] == "8")
    assert matatu_master["tags"] == {
        "type": "route_master", "route_master": "bus", "ref": "8", "name": "Kibera – Town",
        "network": "Nairobi matatus", "operator": "Kibera Matatu SACCO"}


def test_platforms_follow_the_stop_order_and_the_way_back_reverses_it(transport, exported):
    out, _report = exported
    objects = read_osm(out)
    stored = stored_lines(transport)
    for ref, line in stored.items():
        expected = [stop["xy"] for stop in line["stops"]]
        for route in routes_of(objects, ref):
            found = platform_locations(objects, route)
            if route["tags"].get("from") == (line["tags"].get("to") or "-"):
                found = found[::-1]  # the way back
            assert len(found) == len(expected)
            # A shared stop is written where the first line placed it (within a metre,
            # or where the same gtfs:stop_id lies).
            for got, want, stop in zip(found, expected, line["stops"], strict=True):
                limit = 30 if stop["tags"].get("gtfs:stop_id") else 1
                assert metres(got, want) < limit
    forward, back = sorted(routes_of(objects, "8"), key=lambda r: r["tags"]["from"])
    assert (forward["tags"]["from"], forward["tags"]["to"]) == ("Kibera", "Town")
    assert (back["tags"]["from"], back["tags"]["to"]) == ("Town", "Kibera")
    assert forward["tags"]["name"] == "Minibus 8: Kibera => Town"
    assert back["tags"]["name"] == "Minibus 8: Town => Kibera"
    assert platform_locations(objects, back) == platform_locations(objects, forward)[::-1]
    ways = [m for m in forward["members"] if m[0] == "w"]
    assert len(ways) > 1 and [m for m in back["members"] if m[0] == "w"] == ways[::-1]
    for route in routes_of(objects, "8") + routes_of(objects, "M2"):
        # The ways run from the first platform to the last, a continuous path.
        path = path_of(objects, route)
        first, last = platform_locations(objects, route)[0], platform_locations(
            objects, route)[-1]
        assert metres(path[0], first) < metres(path[0], last)
        assert metres(path[-1], last) < metres(path[-1], first)
        assert shapely.LineString(path).hausdorff_distance(
            stored[route["tags"]["ref"]]["shape"]) < 1e-6


def test_tags_of_the_routes(exported):
    out, report = exported
    objects = read_osm(out)
    forward = next(r for r in routes_of(objects, "8") if r["tags"]["from"] == "Kibera")
    assert forward["tags"] == {
        "type": "route", "route": "bus", "bus": "minibus", "ref": "8",
        "name": "Minibus 8: Kibera => Town", "from": "Kibera", "to": "Town",
        "operator": "Kibera Matatu SACCO", "network": "Nairobi matatus",
        # The one band's wait (06-09: 5 min) as OSM's interval, in hh:mm.
        "interval": "00:05", "opening_hours": "Mo-Su 05:00-22:00",
        "public_transport:version": "2"}
    # One way, drawn from its last stop: one route, going from its first platform to its
    # last, named after them. The first is shared with the matatu and keeps its name.
    (taxi,) = routes_of(objects, "M2")
    assert taxi["tags"]["route"] == "share_taxi"
    assert (taxi["tags"]["from"], taxi["tags"]["to"]) == ("Kibera Drive", "Ayany")
    assert taxi["tags"]["name"] == "Share taxi M2: Kibera Drive => Ayany"
    (loop,) = routes_of(objects, "33")
    assert loop["tags"]["fare:min"] == "30" and loop["tags"]["route"] == "bus"
    for entry in objects.values():
        assert not {"uuid", "line_uuid", "stop_sequence", "contributor", "review_status",
                    "mapping_session"} & set(entry["tags"])
    assert any("Toi" in note and "Toi Market" in note for note in report.notes)


def test_a_stop_of_several_lines_is_one_platform_node(transport, exported):
    out, _report = exported
    objects = read_osm(out)
    stops = [(ref, stop) for ref, line in stored_lines(transport).items()
             for stop in line["stops"]]
    # Groups by brute force: within a metre, or the same gtfs:stop_id.
    groups: list[set[int]] = []
    for i, (_ref, stop) in enumerate(stops):
        linked = [g for g in groups if any(
            metres(stop["xy"], stops[j][1]["xy"]) <= 1 or (
                stop["tags"].get("gtfs:stop_id") and stop["tags"].get("gtfs:stop_id")
                == stops[j][1]["tags"].get("gtfs:stop_id")) for j in g)]
        merged = {i}.union(*linked)
        groups = [g for g in groups if g not in linked] + [merged]
    assert len(stops) == 10 and len(groups) == 8
    platforms = {(kind, ref) for e in objects.values() if e["tags"].get("type") == "route"
                 for kind, ref, role in e["members"] if role == "platform"}
    assert len(platforms) == len(groups)
    nodes = {key: objects[("node", key[1])] for key in platforms}
    assert all(n["tags"]["public_transport"] == "platform"
               and n["tags"]["highway"] == "bus_stop" for n in nodes.values())
    junction = next(n for n in nodes.values() if n["tags"]["name"] == "Kibera Drive")
    assert junction["tags"]["bus"] == "yes" and junction["tags"]["share_taxi"] == "yes"
    (toi,) = [key for key, node in nodes.items() if node["tags"].get("gtfs:stop_id")]
    users = {r["tags"]["ref"] for r in objects.values() if r["tags"].get("type") == "route"
             and any(m[1] == toi[1] and m[2] == "platform" for m in r["members"])}
    assert users == {"8", "33"}
    ayany = next(n for n in nodes.values() if n["tags"]["name"] == "Ayany")
    assert ayany["tags"]["share_taxi"] == "yes" and "bus" not in ayany["tags"]


def test_files_are_complete_and_osmium_reads_the_osmchange(transport, exported, tmp_path):
    out, _report = exported
    refs = subprocess.run(["osmium", "check-refs", "-r", str(out)], capture_output=True,
                          text=True)
    assert refs.returncode == 0, refs.stderr
    assert "Relations in relations missing: 0" in refs.stderr
    change = tmp_path / "lines.osc"
    export(transport, change, verified_only=False)
    info = subprocess.run(["osmium", "fileinfo", "-e", "-j", str(change)],
                          capture_output=True, text=True, check=True)
    counts = json.loads(info.stdout)["data"]["count"]
    assert counts["relations"] == 7
    objects = read_osm(change)
    assert len([e for e in objects.values() if e["tags"].get("type") == "route"]) == 4
    member_keys = {({"n": "node", "w": "way", "r": "relation"}[t], r)
                   for e in objects.values() for t, r, _role in e.get("members", [])}
    assert member_keys <= set(objects)
