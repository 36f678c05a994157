"""Evacuation routing on real Kibera and Helsinki projects, against an independent reference.

The reference is built here from the stored tables alone: a networkx ``MultiGraph`` of
every ``street_edges`` row (pyogrio), rows touching an avoided zone left out (shapely),
each building and shelter joined to its nearest street by a brute-force shapely
distance to every row (no spatial index), the row split at that point, and
``networkx.multi_source_dijkstra_path_length`` from all shelters at once.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import networkx as nx
import numpy as np
import pyogrio
import pytest
import shapely
from pyproj import Transformer
from shapely.geometry import LineString, Point, box

from mapping.analysis import evacuation
from mapping.analysis.network import MAX_SNAP_M, StreetNetwork
from mapping.editing import EditSession
from mapping.project import Project

REPO = Path(__file__).resolve().parents[1]
QUARTIER = str(Path(sys.executable).with_name("quartier"))
JSON_KEYS = ["hazard", "buildings", "routed", "no_safe_route", "walk_s", "destinations",
             "load"]


# ------------------------------------------------------------------------------ reference


@dataclass
class ReferenceGraph:
    """The networkx reference graph and what it was built from."""

    graph: nx.MultiGraph
    #: The destinations' nodes (``("d", k)``) that joined a street.
    sources: list
    #: Rows of ``street_edges`` used (each two-way street once, none touching a zone).
    rows: np.ndarray
    #: Every row's line in metres, its end nodes and stored length.
    lines_m: np.ndarray
    u: np.ndarray
    v: np.ndarray
    length: np.ndarray
    #: Per row: (fraction along it, node) of the points joined to it.
    on_row: dict[int, list[tuple[float, object]]]
    #: Per joined point: its (x, y) and its snap point's, metres.
    legs: dict[object, tuple[tuple[float, float], tuple[float, float]]]
    #: WGS84 -> metres.
    forward: Transformer


def reference_graph(project: Path, origins: np.ndarray, destinations: np.ndarray,
                    zones: object | None = None) -> ReferenceGraph:
    """The street graph as a networkx MultiGraph, origins and destinations joined to it."""
    crs = Project(project).metadata.working_crs
    forward = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    backward = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    edges = pyogrio.read_dataframe(project, layer="street_edges")
    lines = np.asarray(edges.geometry.values)
    # A two-way street is stored once per direction: keep one of the two rows (the same
    # line run backwards), so a point on it is on one row only.
    shapes = shapely.to_wkb(shapely.normalize(lines), hex=True).astype(str)
    _, first = np.unique(shapes, return_index=True)
    usable = np.zeros(len(lines), dtype=bool)
    usable[first] = True
    if zones is not None:
        usable &= ~shapely.intersects(lines, zones)
    rows = np.flatnonzero(usable)
    lines_m = shapely.transform(lines, lambda xy: np.column_stack(
        forward.transform(xy[:, 0], xy[:, 1])))
    graph = nx.MultiGraph()
    on_row: dict[int, list[tuple[float, object]]] = {}
    legs: dict[object, tuple[tuple[float, float], tuple[float, float]]] = {}

    def attach(name: object, lon: float, lat: float) -> None:
        point = Point(*forward.transform(lon, lat))
        gaps = shapely.distance(lines_m[rows], point)
        best = int(np.argmin(gaps))
        if gaps[best] > MAX_SNAP_M:
            return
        row = int(rows[best])
        fraction = float(shapely.line_locate_point(lines_m[row], point, normalized=True))
        on = shapely.line_interpolate_point(lines_m[row], fraction, normalized=True)
        leg = LineString([(lon, lat), backward.transform(on.x, on.y)])
        if zones is not None and (shapely.intersects(leg, zones)
                                  or shapely.intersects(Point(lon, lat), zones)):
            return
        on_row.setdefault(row, []).append((fraction, (name, "on")))
        graph.add_edge(name, (name, "on"), weight=float(gaps[best]))
        legs[name] = ((point.x, point.y), (on.x, on.y))

    for k, (lon, lat) in enumerate(destinations):
        attach(("d", k), lon, lat)
    for i, (lon, lat) in enumerate(origins):
        attach(("b", i), lon, lat)
    u = edges["u"].to_numpy()
    v = edges["v"].to_numpy()
    length = edges["length"].to_numpy()
    for row in rows:
        stops = sorted(on_row.get(int(row), []), key=lambda item: item[0])
        chain = [(0.0, int(u[row])), *stops, (1.0, int(v[row]))]
        for (f0, a), (f1, b) in zip(chain, chain[1:], strict=False):
            graph.add_edge(a, b, weight=(f1 - f0) * float(length[row]))
    sources = [("d", k) for k in range(len(destinations)) if graph.has_node(("d", k))]
    return ReferenceGraph(graph=graph, sources=sources, rows=rows, lines_m=lines_m, u=u, v=v,
                          length=length, on_row=on_row, legs=legs, forward=forward)


def reference_distances(project: Path, origins: np.ndarray, destinations: np.ndarray,
                        zones: object | None = None) -> np.ndarray:
    """Network distance from each (lon, lat) origin to the nearest destination, by networkx."""
    reference = reference_graph(project, origins, destinations, zones)
    found = nx.multi_source_dijkstra_path_length(reference.graph, reference.sources,
                                                 weight="weight")
    return np.array([found.get(("b", i), np.inf) for i in range(len(origins))])


def centroids(project: Path) -> tuple[np.ndarray, np.ndarray]:
    """fids and (lon, lat) centroids of the buildings, read with pyogrio."""
    frame = pyogrio.read_dataframe(project, layer="buildings", fid_as_index=True)
    return frame.index.to_numpy(), shapely.get_coordinates(shapely.centroid(frame.geometry.values))


def avoided_zones(project: Path, layer: str, classes: tuple[int, ...] = (2, 3)) -> object:
    frame = pyogrio.read_dataframe(project, layer=layer)
    return shapely.union_all(frame.geometry.values[frame["hazard_class"].isin(classes)])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def wired() -> bool:
    """Whether desktop/cli.py runs these commands (else they are run in-process)."""
    return "cli_network" in (REPO / "desktop" / "cli.py").read_text(encoding="utf-8")


def quartier(*args: str) -> tuple[int, str, str]:
    """Run ``quartier evacuate|access ...``: a real process once wired, else in-process."""
    if wired() or args[0] not in ("evacuate", "access"):
        done = subprocess.run([QUARTIER, *args], capture_output=True, text=True, cwd=REPO,
                              timeout=600)
        return done.returncode, done.stdout, done.stderr
    import argparse
    import contextlib
    import io

    from desktop import cli_network
    from desktop.cli import _Parser

    parser = _Parser(prog="quartier")
    commands = parser.add_subparsers(dest="command", required=True)
    assert isinstance(commands, argparse._SubParsersAction)
    cli_network.add_commands(commands)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli_network.run(parser.parse_args(list(args)))
    return code, out.getvalue(), err.getvalue()


def add_vector_hazard(project: Path, folder: Path, name: str, polygons: list) -> None:
    path = folder / f"{name}.geojson"
    gpd.GeoDataFrame({"zone": range(len(polygons))}, geometry=polygons,
                     crs="EPSG:4326").to_file(path)
    code, _out, err = quartier("hazard", "add", str(project), str(path), "--name", name,
                               "--class", "high")
    assert code == 0, err


def metres_buffer(project: Path, geometry: object, distance: float) -> object:
    crs = Project(project).metadata.working_crs
    return gpd.GeoSeries([geometry], crs="EPSG:4326").to_crs(crs).buffer(distance).to_crs(
        "EPSG:4326").iloc[0]


# ------------------------------------------------------------------------------ Kibera


@pytest.fixture(scope="module")
def kibera(kibera_project: Path, tmp_path_factory: pytest.TempPathFactory,
           data_dir: Path) -> dict:
    """Kibera with the Kianda river as a flood zone, a ring of flood around one building,
    and shelters mapped by residents."""
    folder = tmp_path_factory.mktemp("evacuation")
    project = folder / "kibera.gpkg"
    shutil.copy(kibera_project, project)
    river = pyogrio.read_dataframe(data_dir / "kibera" / "kianda_river.shp").geometry.iloc[0]
    river_zone = metres_buffer(project, river, 40)
    fids, points = centroids(project)
    # The building farthest east: a ring of flood 25-45 m around it cuts every way out.
    enclosed = int(np.argmax(points[:, 0]))
    centre = Point(points[enclosed])
    ring = metres_buffer(project, centre, 45).difference(metres_buffer(project, centre, 25))
    add_vector_hazard(project, folder, "kianda_flood", [river_zone, ring])
    places = {"north": (36.7870, -1.3050), "south": (36.7930, -1.3140)}
    with EditSession(project, contributor="Achieng Otieno", mapping_session="shelters") as edit:
        north = edit.add_feature("facilities", Point(places["north"]), "facility/shelter",
                                 {"name": "Olympic primary school hall", "capacity": "120"})
        south = edit.add_feature("facilities", Point(places["south"]),
                                 "facility/evacuation_centre", {"name": "Kianda church",
                                                                "emergency:hazard_type": "flood"})
        # For landslides only: not a destination in a flood.
        landslide = edit.add_feature("facilities", Point(36.7900, -1.3080),
                                     "facility/evacuation_centre",
                                     {"name": "Hill hall", "emergency:hazard_type": "landslide"})
        # In the flood zone itself: not a destination either.
        on_river = shapely.get_coordinates(river.interpolate(0.5, normalized=True))[0]
        flooded = edit.add_feature("facilities", Point(on_river), "facility/shelter",
                                   {"name": "Riverside hall"})
    return {"project": project, "folder": folder, "fids": fids, "points": points,
            "enclosed": int(fids[enclosed]), "shelters": [north, south],
            "shelter_points": np.array([places["north"], places["south"]]),
            "excluded": [landslide, flooded], "riverside": on_river,
            "zones": avoided_zones(project, "kianda_flood")}


@pytest.fixture(scope="module")
def kibera_run(kibera: dict) -> dict:
    """``quartier evacuate --json`` once (the routes are written to the project)."""
    code, out, err = quartier("evacuate", str(kibera["project"]), "--hazard", "kianda_flood",
                              "--json")
    assert code == 0, err
    return json.loads(out)


def test_json_keys_and_counts(kibera: dict, kibera_run: dict) -> None:
    assert list(kibera_run) == JSON_KEYS
    assert list(kibera_run["walk_s"]) == ["median", "p90", "max"]
    assert kibera_run["hazard"] == "kianda_flood"
    assert kibera_run["buildings"] == len(kibera["fids"]) == 159
    assert kibera_run["routed"] + kibera_run["no_safe_route"] == 159
    assert kibera_run["no_safe_route"] >= 1
    listed = kibera_run["destinations"]
    # The landslide-only centre and the one in the flood are left out.
    assert [d["uuid"] for d in listed] == kibera["shelters"]
    assert [d["name"] for d in listed] == ["Olympic primary school hall", "Kianda church"]
    assert [d["capacity"] for d in listed] == [120, None]
    # No population attribute and no --population: the load is in buildings.
    assert kibera_run["load"] == "buildings"
    assert all(list(d) == ["uuid", "name", "assigned", "capacity", "service_areas"]
               for d in listed)
    assert all(list(d["service_areas"]) == ["5", "10", "15"] for d in listed)
    assert sum(d["assigned"] for d in listed) == kibera_run["routed"]


def test_distances_match_networkx(kibera: dict, kibera_run: dict) -> None:
    project = kibera["project"]
    expected = reference_distances(project, kibera["points"], kibera["shelter_points"],
                                   kibera["zones"])
    result = evacuation.evacuate(Project(project), "kianda_flood")
    got = result.length_m
    assert np.array_equal(np.isfinite(got), np.isfinite(expected))
    assert np.allclose(got[np.isfinite(got)], expected[np.isfinite(expected)], rtol=0, atol=1e-6)
    assert int(np.isfinite(expected).sum()) == kibera_run["routed"]
    walk = got[np.isfinite(got)] / 1.2
    assert kibera_run["walk_s"] == {"median": round(float(np.median(walk)), 1),
                                    "p90": round(float(np.percentile(walk, 90)), 1),
                                    "max": round(float(walk.max()), 1)}
    # The routes layer holds the same lengths, per building.
    routes = pyogrio.read_dataframe(project, layer="evacuation_routes")
    by_fid = dict(zip(kibera["fids"].tolist(), expected.tolist(), strict=True))
    for fid, length in zip(routes["building_fid"], routes["length_m"], strict=True):
        assert length == pytest.approx(by_fid[int(fid)], abs=0.006)


def test_enclosed_and_flooded_buildings_have_no_safe_route(kibera: dict) -> None:
    project = Project(kibera["project"])
    result = evacuation.evacuate(project, "kianda_flood")
    missing = set(result.no_safe_route.tolist())
    assert kibera["enclosed"] in missing
    in_zone = shapely.intersects(shapely.points(kibera["points"]), kibera["zones"])
    assert set(kibera["fids"][in_zone].tolist()) <= missing
    routes = pyogrio.read_dataframe(kibera["project"], layer="evacuation_routes")
    assert kibera["enclosed"] not in set(routes["building_fid"].tolist())


def test_routes_never_touch_the_zones_and_follow_the_streets(kibera: dict,
                                                               kibera_run: dict) -> None:
    project = kibera["project"]
    routes = pyogrio.read_dataframe(project, layer="evacuation_routes")
    assert list(routes.columns) == ["building_fid", "destination", "length_m", "walk_s",
                                    "geometry"]
    assert len(routes) == kibera_run["routed"]
    lines = routes.geometry.values
    assert not shapely.intersects(lines, kibera["zones"]).any()
    # Each starts at its building's centroid and ends at its shelter.
    start = dict(zip(kibera["fids"].tolist(), map(tuple, kibera["points"]), strict=True))
    ends = dict(zip(kibera["shelters"], map(tuple, kibera["shelter_points"]), strict=True))
    first = shapely.get_coordinates(shapely.get_point(lines, 0))
    last = shapely.get_coordinates(shapely.get_point(lines, -1))
    for fid, uuid, a, b in zip(routes["building_fid"], routes["destination"], first, last,
                               strict=True):
        assert np.allclose(a, start[int(fid)], atol=1e-9)
        assert np.allclose(b, ends[uuid], atol=1e-9)
    # Their drawn length (metres, working CRS) is the routed length, within map distortion.
    crs = Project(project).metadata.working_crs
    drawn = routes.to_crs(crs).length.to_numpy()
    assert np.allclose(drawn, routes["length_m"], rtol=0.01, atol=0.5)
    assert np.allclose(routes["walk_s"], routes["length_m"] / 1.2, atol=0.06)


def test_routes_layer_read_by_gdal_and_replaced(kibera: dict, kibera_run: dict) -> None:
    project = kibera["project"]
    info = subprocess.run(["ogrinfo", "-so", str(project), "evacuation_routes"],
                          capture_output=True, text=True, check=True).stdout
    assert f"Feature Count: {kibera_run['routed']}" in info
    for field in ("building_fid: Integer64", "destination: String", "length_m: Real",
                  "walk_s: Real"):
        assert field in info
    # Again, slower walkers and only high zones avoided: the layer is replaced, once.
    code, out, err = quartier("evacuate", str(project), "--hazard", "kianda_flood", "--avoid",
                              "high", "--walk-speed", "0.8", "--json")
    assert code == 0, err
    again = json.loads(out)
    routes = pyogrio.read_dataframe(project, layer="evacuation_routes")
    assert len(routes) == again["routed"] == kibera_run["routed"]
    assert np.allclose(routes["walk_s"], routes["length_m"] / 0.8, atol=0.06)
    connection = sqlite3.connect(project)
    try:
        registered = connection.execute(
            "SELECT COUNT(*) FROM quartier_layers WHERE name = 'evacuation_routes'").fetchone()
        contents = connection.execute(
            "SELECT COUNT(*) FROM gpkg_contents WHERE table_name = 'evacuation_routes'"
        ).fetchone()
        (check,) = connection.execute("PRAGMA integrity_check").fetchone()
    finally:
        connection.close()
    assert registered == contents == (1,)
    assert check == "ok"
    assert "evacuation_routes" in [name for name, _ in pyogrio.list_layers(project)]


def test_replacing_the_routes_is_all_or_nothing(kibera: dict, kibera_run: dict,
                                               kibera_project: Path,
                                               tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure after the old layer is dropped, inside the transaction, keeps it."""
    from mapping.store import _gpkg_copy as gpkg_copy

    project = tmp_path / "kibera.gpkg"
    shutil.copy(kibera["project"], project)
    before = pyogrio.read_dataframe(project, layer="evacuation_routes")
    result = evacuation.evacuate(Project(project), "kianda_flood", walk_speed=0.5)

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(gpkg_copy, "_copy", broken)
    with pytest.raises(Exception, match="disk full"):
        evacuation.write_routes(Project(project), result)
    monkeypatch.undo()
    after = pyogrio.read_dataframe(project, layer="evacuation_routes")
    assert after.equals(before)
    # A layer of that name that no analysis made is never replaced.
    other = tmp_path / "other.gpkg"
    shutil.copy(kibera_project, other)
    add_vector_hazard(other, tmp_path, "kianda_flood", [kibera["zones"]])
    with EditSession(other, contributor="Achieng Otieno", mapping_session="s") as edit:
        edit.add_feature("facilities", Point(kibera["shelter_points"][0]), "facility/shelter",
                         {"name": "Hall"})
    path = tmp_path / "survey.geojson"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[LineString([(36.79, -1.30), (36.80, -1.31)])],
                     crs="EPSG:4326").to_file(path)
    code, _out, err = quartier("layer", "add", str(other), str(path), "--name",
                               "evacuation_routes")
    assert code == 0, err
    before_bytes = digest(other)
    assert "that no analysis made" in refused(other, "evacuate", str(other), "--hazard",
                                              "kianda_flood")
    assert digest(other) == before_bytes


def test_loads(kibera: dict) -> None:
    result = evacuation.evacuate(Project(kibera["project"]), "kianda_flood")
    assigned = result.assigned()
    assert assigned.sum() == result.routed.sum()
    assert assigned.tolist() == [int((result.destination == k).sum()) for k in range(2)]
    assert result.assigned_people() is None and result.people_source is None


def test_route_from_a_clicked_point(kibera: dict) -> None:
    result = evacuation.evacuate(Project(kibera["project"]), "kianda_flood")
    i = int(np.flatnonzero(result.routed)[0])
    click = result.route_from(*kibera["points"][i])
    assert click.length_m == pytest.approx(result.length_m[i], abs=1e-6)
    assert click.destination == result.destinations[result.destination[i]]
    assert not shapely.intersects(click.line, kibera["zones"])
    # Anywhere else: the networkx reference from that point.
    spot = np.array([[36.7905, -1.3062]])
    expected = reference_distances(kibera["project"], spot, kibera["shelter_points"],
                                   kibera["zones"])[0]
    there = result.route_from(*spot[0])
    assert there.length_m == pytest.approx(expected, abs=1e-6)
    assert there.walk_s == pytest.approx(expected / 1.2)
    assert np.allclose(shapely.get_coordinates(there.line)[0], spot[0])
    # In the flood zone: no safe route.
    wet = shapely.get_coordinates(shapely.point_on_surface(kibera["zones"]))[0]
    assert result.route_from(*wet).line is None


def test_to_a_reference_layer_and_text_output(kibera: dict, tmp_path: Path) -> None:
    """--to LAYER: every feature of an imported layer of official centres is a destination."""
    project = tmp_path / "kibera.gpkg"
    shutil.copy(kibera["project"], project)
    centres = np.array([(36.7880, -1.3000), (36.7980, -1.3100)])
    path = tmp_path / "official.geojson"
    gpd.GeoDataFrame({"name": ["Chief's camp", "DO office"]},
                     geometry=[Point(c) for c in centres], crs="EPSG:4326").to_file(path)
    code, _out, err = quartier("layer", "add", str(project), str(path), "--name", "official")
    assert code == 0, err
    code, out, err = quartier("evacuate", str(project), "--hazard", "kianda_flood", "--to",
                              "official", "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert [d["name"] for d in summary["destinations"]] == ["Chief's camp", "DO office"]
    assert [d["uuid"] for d in summary["destinations"]] == ["official:1", "official:2"]
    expected = reference_distances(project, kibera["points"], centres, kibera["zones"])
    routes = pyogrio.read_dataframe(project, layer="evacuation_routes")
    by_fid = dict(zip(kibera["fids"].tolist(), expected.tolist(), strict=True))
    assert np.allclose(routes["length_m"], [by_fid[int(f)] for f in routes["building_fid"]],
                       atol=0.006)
    code, out, err = quartier("evacuate", str(project), "--hazard", "kianda_flood", "--to",
                              "official")
    assert code == 0, err
    assert f"{summary['routed']} of 159 buildings have a safe route" in out
    assert "Buildings with no safe route (fid): " in out
    assert str(kibera["enclosed"]) in out.split("(fid): ")[1]


def test_a_shelter_and_a_walker_on_a_loop_street(kibera: dict, kibera_project: Path,
                                                  tmp_path: Path) -> None:
    """Kibera's 400 m loop street (one segment from a node back to itself): the route
    goes the short way round, and is drawn that way."""
    project = tmp_path / "kibera.gpkg"
    shutil.copy(kibera_project, project)
    add_vector_hazard(project, tmp_path, "kianda_flood", [kibera["zones"]])
    edges = pyogrio.read_dataframe(project, layer="street_edges")
    loops = edges[(edges["u"] == edges["v"]) & (edges["length"] > 300)]
    loop = loops.geometry.iloc[0]
    hall = shapely.get_coordinates(loop.interpolate(0.8, normalized=True))[0] + [0.00003, 0]
    with EditSession(project, contributor="Achieng Otieno", mapping_session="s") as edit:
        edit.add_feature("facilities", Point(hall), "facility/shelter", {"name": "Loop hall"})
        edit.add_feature("facilities", Point(kibera["shelter_points"][0]), "facility/shelter",
                         {"name": "Olympic primary school hall"})
    halls = np.vstack([hall, kibera["shelter_points"][0]])
    result = evacuation.evacuate(Project(project), "kianda_flood")
    crs = Project(project).metadata.working_crs
    for fraction in (0.2, 0.65, 0.95):
        spot = shapely.get_coordinates(loop.interpolate(fraction, normalized=True)) + [0, 2e-5]
        expected = reference_distances(project, spot, halls, kibera["zones"])[0]
        click = result.route_from(*spot[0])
        assert click.length_m == pytest.approx(expected, abs=1e-6)
        drawn = gpd.GeoSeries([click.line], crs="EPSG:4326").to_crs(crs).length.iloc[0]
        assert drawn == pytest.approx(click.length_m, rel=0.01)


# ------------------------------------------------------------------------------ bad input


def in_process(*args: str) -> tuple[int, str, str]:
    """``quartier ...`` through ``desktop.cli.main`` in this process (no interpreter start)."""
    import contextlib
    import io

    from desktop import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    return code, out.getvalue(), err.getvalue()


def refused(project: Path, *args: str, process: bool = True) -> str:
    """Run a command that must be refused: exit 2, one sentence, nothing written. As a
    real process unless ``process`` is False (the same command line, in this process)."""
    before = digest(project)
    code, out, err = quartier(*args) if process else in_process(*args)
    assert code == 2, (out, err)
    assert out == ""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("quartier: "), err
    assert digest(project) == before
    return lines[0]


def test_bad_input_is_one_sentence_and_changes_nothing(kibera: dict, kibera_project: Path,
                                                       tmp_path: Path) -> None:
    project = kibera["project"]
    assert "no hazard layer named flood_1900" in refused(
        project, "evacuate", str(project), "--hazard", "flood_1900", process=False)
    assert "names no hazard class" in refused(
        project, "evacuate", str(project), "--hazard", "kianda_flood", "--avoid", "none",
        process=False)
    assert "walking speed" in refused(
        project, "evacuate", str(project), "--hazard", "kianda_flood", "--walk-speed", "0",
        process=False)
    assert "has no layer named" in refused(
        project, "evacuate", str(project), "--hazard", "kianda_flood", "--to", "shelters_2020",
        process=False)

    bare = tmp_path / "bare.gpkg"
    shutil.copy(kibera_project, bare)
    river = pyogrio.read_dataframe(
        REPO.parent / "shared" / "data" / "kibera" / "kianda_river.shp").geometry.iloc[0]
    add_vector_hazard(bare, tmp_path, "kianda_flood", [metres_buffer(bare, river, 40)])
    # No shelter, and (below) no path out: as real processes.
    assert "No shelter or evacuation centre is mapped" in refused(
        bare, "evacuate", str(bare), "--hazard", "kianda_flood")

    # A shelter west of a flood band crossing the whole area: no building can reach it.
    nodes = pyogrio.read_dataframe(bare, layer="street_nodes")
    west = shapely.get_coordinates(nodes.geometry.values)
    west = west[np.argmin(west[:, 0])]
    band = box(west[0] + 0.01, -1.40, kibera["points"][:, 0].min() - 0.005, -1.20)
    add_vector_hazard(bare, tmp_path, "band", [band])
    with EditSession(bare, contributor="Achieng Otieno", mapping_session="s") as edit:
        edit.add_feature("facilities", Point(west), "facility/shelter", {"name": "Far hall"})
    assert "No building" in refused(bare, "evacuate", str(bare), "--hazard", "band")

    # An empty street graph.
    empty = tmp_path / "empty.gpkg"
    shutil.copy(bare, empty)
    from mapping.store import _gpkg as gpkg

    connection = gpkg.connect(empty)
    with gpkg.transaction(connection):
        connection.execute("DELETE FROM street_edges")
    connection.close()
    assert "street graph" in refused(empty, "evacuate", str(empty), "--hazard", "kianda_flood",
                                     process=False)
    assert "street graph" in refused(empty, "access", str(empty), "--to", "water",
                                     process=False)

    # No buildings.
    unbuilt = tmp_path / "unbuilt.gpkg"
    shutil.copy(bare, unbuilt)
    connection = gpkg.connect(unbuilt)
    with gpkg.transaction(connection):
        connection.execute("DELETE FROM buildings")
    connection.close()
    assert "no buildings" in refused(unbuilt, "evacuate", str(unbuilt), "--hazard",
                                     "kianda_flood", process=False)
    assert "no buildings" in refused(unbuilt, "access", str(unbuilt), "--to", "water",
                                     process=False)
    # Not a project at all.
    text = tmp_path / "notes.gpkg"
    text.write_text("not a project")
    assert "not a Quartier project" in refused(text, "evacuate", str(text), "--hazard", "x",
                                               process=False)


# ------------------------------------------------------------------------------ Helsinki


@pytest.fixture(scope="module")
def helsinki(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    from mapping.build import project_from_extract

    path = tmp_path_factory.mktemp("helsinki") / "helsinki.gpkg"
    project_from_extract(path, data_dir / "osm" / "helsinki.osm.pbf")
    return path


def test_helsinki_evacuation_matches_networkx(helsinki: Path, tmp_path: Path) -> None:
    project = tmp_path / "helsinki.gpkg"
    shutil.copy(helsinki, project)
    # A storm surge zone 150 m around a point of the centre; three halls around it.
    zone = metres_buffer(project, Point(24.9440, 60.1700), 150)
    add_vector_hazard(project, tmp_path, "surge", [zone])
    halls = np.array([(24.9380, 60.1660), (24.9500, 60.1760), (24.9510, 60.1670)])
    with EditSession(project, contributor="Aino", mapping_session="s") as edit:
        uuids = [edit.add_feature("facilities", Point(p), "facility/shelter",
                                  {"name": f"Hall {i}", "capacity": str(100 * (i + 1))})
                 for i, p in enumerate(halls)]
    code, out, err = quartier("evacuate", str(project), "--hazard", "surge", "--json")
    assert code == 0, err
    summary = json.loads(out)
    fids, points = centroids(project)
    expected = reference_distances(project, points, halls, avoided_zones(project, "surge"))
    assert summary["buildings"] == len(fids)
    assert summary["routed"] == int(np.isfinite(expected).sum())
    assert [d["uuid"] for d in summary["destinations"]] == uuids
    assert [d["capacity"] for d in summary["destinations"]] == [100, 200, 300]
    routes = pyogrio.read_dataframe(project, layer="evacuation_routes")
    by_fid = dict(zip(fids.tolist(), expected.tolist(), strict=True))
    assert np.allclose(routes["length_m"], [by_fid[int(f)] for f in routes["building_fid"]],
                       atol=0.006)
    assert not shapely.intersects(routes.geometry.values, zone).any()
    # Buildings in the zone have no route.
    inside = shapely.intersects(shapely.points(points), zone)
    assert inside.sum() > 0
    assert not set(fids[inside].tolist()) & set(routes["building_fid"].tolist())


def test_network_keeps_each_segment_once(helsinki: Path) -> None:
    network = StreetNetwork.from_project(Project(helsinki))
    edges = pyogrio.read_dataframe(helsinki, layer="street_edges")
    pairs = {(min(a, b), max(a, b), round(length, 3)) for a, b, length in
             zip(edges["u"], edges["v"], edges["length"], strict=True)}
    assert len(network.edge_u) == len(pairs)
    assert network.node_count == len(pyogrio.read_dataframe(helsinki, layer="street_nodes"))


# ------------------------------------------------------------------------------ raster hazard


def test_raster_hazard_cells_are_never_crossed(kibera: dict, tmp_path: Path) -> None:
    """A flood-depth grid made here (55 m cells): a band 2 m deep (high) across the
    buildings and a band 1 m deep (medium) beside it; the routes avoid every cell of
    both, and the distances match networkx with the cells as squares."""
    import rasterio
    from rasterio.transform import from_origin

    project = tmp_path / "kibera.gpkg"
    shutil.copy(kibera["project"], project)
    cell = 0.0005
    west, north = 36.7750, -1.2960
    depth = np.zeros((48, 62), dtype="float32")
    rows, cols = np.indices(depth.shape)
    depth[(cols >= 28) & (cols < 30) & (rows >= 10) & (rows < 30)] = 2.0
    depth[(cols >= 30) & (cols < 31) & (rows >= 10) & (rows < 30)] = 1.0
    depth[(rows >= 40)] = 0.3  # low: not avoided by default
    transform = from_origin(west, north, cell, cell)
    grid = tmp_path / "depth.tif"
    with rasterio.open(grid, "w", driver="GTiff", width=depth.shape[1], height=depth.shape[0],
                       count=1, dtype="float32", crs="EPSG:4326", transform=transform) as out:
        out.write(depth, 1)
    code, _out, err = quartier("hazard", "add", str(project), str(grid), "--name", "depth")
    assert code == 0, err
    code, out, err = quartier("evacuate", str(project), "--hazard", "depth", "--json")
    assert code == 0, err
    summary = json.loads(out)
    wet = np.argwhere(depth >= 0.5)
    squares = [box(west + c * cell, north - (r + 1) * cell, west + (c + 1) * cell,
                   north - r * cell) for r, c in wet]
    zones = shapely.union_all(squares)
    routes = pyogrio.read_dataframe(project, layer="evacuation_routes")
    assert len(routes) == summary["routed"]
    assert not shapely.intersects(routes.geometry.values, zones).any()
    # The riverside hall is not in this hazard's zones: it is a destination here.
    halls = np.vstack([kibera["shelter_points"], kibera["riverside"]])
    assert [d["uuid"] for d in summary["destinations"]] == [*kibera["shelters"],
                                                            kibera["excluded"][1]]
    expected = reference_distances(project, kibera["points"], halls, zones)
    by_fid = dict(zip(kibera["fids"].tolist(), expected.tolist(), strict=True))
    assert summary["routed"] == int(np.isfinite(expected).sum())
    assert np.allclose(routes["length_m"], [by_fid[int(f)] for f in routes["building_fid"]],
                       atol=0.006)
    # Avoiding the low band too cuts more buildings off (or as many), never fewer.
    code, out, err = quartier("evacuate", str(project), "--hazard", "depth", "--avoid",
                              "low,medium,high", "--json")
    if code == 0:
        assert json.loads(out)["routed"] <= summary["routed"]
    else:
        assert "No building" in err


def test_buildings_with_no_safe_route_are_a_layer(kibera: dict, tmp_path: Path) -> None:
    """``evacuation_no_safe_route`` holds exactly the buildings networkx finds no path
    from (each footprint, with the reason in words), drawn by reason; it goes away when
    every building is routed."""
    import dataclasses
    import json as json_module
    import sqlite3

    project = tmp_path / "no_route.gpkg"
    shutil.copy(kibera["project"], project)
    code, _out, err = quartier("evacuate", str(project), "--hazard", "kianda_flood",
                               "--no-service-areas")
    assert code == 0, err
    expected = reference_distances(project, kibera["points"], kibera["shelter_points"],
                                   kibera["zones"])
    stranded = set(kibera["fids"][~np.isfinite(expected)].tolist())
    assert kibera["enclosed"] in stranded
    layer = pyogrio.read_dataframe(project, layer=evacuation.NO_ROUTE_LAYER)
    assert list(layer.columns) == ["building_fid", "reason", "colour", "geometry"]
    assert sorted(layer["building_fid"].tolist()) == sorted(stranded)
    # Each row is its building's own footprint.
    buildings = pyogrio.read_dataframe(project, layer="buildings", fid_as_index=True)
    for fid, shape in zip(layer["building_fid"], layer.geometry.values, strict=True):
        assert shapely.equals_exact(shape, buildings.geometry.loc[int(fid)], 1e-12)
    # The reasons: a building whose centroid is in a zone stands in it; the one ringed
    # by flood is not in a zone.
    in_zone = dict(zip(kibera["fids"].tolist(),
                       shapely.intersects(shapely.points(kibera["points"]), kibera["zones"]),
                       strict=True))
    words = evacuation.NO_ROUTE_REASONS
    for fid, reason in zip(layer["building_fid"], layer["reason"], strict=True):
        assert (reason == words["in_zone"][0]) == bool(in_zone[int(fid)]), (fid, reason)
    assert set(layer["reason"]) <= {w for w, _ in words.values()}
    with sqlite3.connect(project) as connection:
        style = json_module.loads(connection.execute(
            "SELECT style FROM quartier_layers WHERE name = ?",
            (evacuation.NO_ROUTE_LAYER,)).fetchone()[0])
    assert style["class_column"] == "reason"
    assert set(layer["reason"]) <= set(style["class_colours"])
    # Every building routed (as if): the layer is removed, the routes kept.
    result = evacuation.evacuate(Project(project), "kianda_flood")
    everyone = dataclasses.replace(result, destination=np.zeros_like(result.destination))
    assert evacuation.write_no_safe_route(Project(project), everyone) == 0
    names = Project(project).layer_names()
    assert evacuation.NO_ROUTE_LAYER not in names and "evacuation_routes" in names
    with sqlite3.connect(project) as connection:
        assert not connection.execute(
            "SELECT count(*) FROM gpkg_contents WHERE table_name = ?",
            (evacuation.NO_ROUTE_LAYER,)).fetchone()[0]
