"""Level of service of transport lines on the real Kibera project, against independent figures.

Three lines are drawn along real streets (networkx shortest paths over the stored
``street_edges`` rows), with stops every ~300 m, through ``EditSession``. Expected
figures come from elsewhere: vehicles per hour by hand arithmetic from the tag values,
lengths from the streets' stored ``length`` column, walking distances from the
networkx reference of tests/test_evacuation.py (its own graph, brute-force snapping),
areas and hazard zones by shapely on the raw tables read with pyogrio.
"""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import geopandas as gpd
import networkx as nx
import numpy as np
import pyogrio
import pytest
import shapely
from shapely.geometry import LineString, Point

from layers.participatory import ParticipatoryLayer
from mapping.analysis._service_lines import LineRecord, group_places, lengths_m, vehicles_in
from mapping.analysis.service_level import service_level
from mapping.edit_history import Feature
from mapping.editing import EditSession
from mapping.project import Project
from tests.test_evacuation import (
    centroids,
    in_process,
    metres_buffer,
    quartier,
    reference_graph,
    refused,
)

#: Line tags: vehicles every 12, 20 and 6 minutes in the morning peak.
TAGS = {
    "A": {"ref": "A", "name": "Olympic – Kibera Drive", "interval": "10",
          "interval:06-09": "12", "opening_hours": "Mo-Su 05:00-22:00"},
    "B": {"ref": "B", "name": "Kibera Drive – Adams", "interval": "15",
          "interval:06-09": "20", "interval:16-19": "00:05", "opening_hours": "Mo-Fr 06:00-20:00"},
    "C": {"ref": "C", "name": "Night line", "interval": "6", "opening_hours": "18:00-02:00"},
}
#: Vehicles per hour by band, by hand from the tags above.
#: A: 05-06 every 10 (6 vehicles over 00-06: 1.0), 06-09 every 12 (5), 09-16 every 10 (6),
#:    16-19 every 10 (6), 19-22 every 10 (18 over 5 h: 3.6).
#: B: 06-09 every 20 (3), 09-16 every 15 (4), 16-19 every 5 (12), 19-20 every 15 (4 over
#:    5 h: 0.8).
#: C: 18:00-02:00 every 6: 16-19 (10 over 3 h: 3.33), 19-24 (50 over 5 h: 10),
#:    00-02 the next morning (20 over 6 h: 3.33).
EXPECTED_VPH = {
    "A": {"00-06": 1.0, "06-09": 5.0, "09-16": 6.0, "16-19": 6.0, "19-24": 3.6},
    "B": {"00-06": 0.0, "06-09": 3.0, "09-16": 4.0, "16-19": 12.0, "19-24": 0.8},
    "C": {"00-06": 3.33, "06-09": 0.0, "09-16": 0.0, "16-19": 3.33, "19-24": 10.0},
}
EXPECTED_SPAN = {"A": ["05:00", "22:00"], "B": ["06:00", "20:00"], "C": ["18:00", "26:00"]}
#: Where each line starts and ends (the street node nearest to each point).
ENDS = {"A": ((36.7790, -1.3160), (36.7860, -1.3090)),
        "B": (None, (36.7925, -1.3060)),  # B starts where A ends
        "C": ((36.7850, -1.3170), (36.7780, -1.3080))}
STOP_SPACING_M = 300.0


def street_graph(project: Path) -> tuple[nx.Graph, dict, np.ndarray]:
    """The stored streets as a networkx graph (shortest row between two nodes), the rows'
    lines by node pair, and the nodes' (lon, lat)."""
    edges = pyogrio.read_dataframe(project, layer="street_edges")
    graph = nx.Graph()
    for u, v, length, line in zip(edges["u"], edges["v"], edges["length"],
                                  edges.geometry.values, strict=True):
        if u != v and (not graph.has_edge(u, v) or graph[u][v]["length"] > length):
            graph.add_edge(int(u), int(v), length=float(length), line=line)
    nodes = pyogrio.read_dataframe(project, layer="street_nodes")
    where = {int(i): shapely.get_coordinates(g)[0]
             for i, g in zip(nodes["osmid"], nodes.geometry.values, strict=True)}
    return graph, where, np.array([where[n] for n in graph.nodes])


def nearest_node(graph: nx.Graph, where: dict, point: tuple[float, float]) -> int:
    return min(graph.nodes, key=lambda n: math.dist(where[n], point))


def path_line(graph: nx.Graph, where: dict, path: list[int]) -> tuple[LineString, float]:
    """The line along a node path (each street's own shape) and its stored length."""
    coords: list[tuple[float, float]] = [tuple(where[path[0]])]
    total = 0.0
    for a, b in zip(path, path[1:], strict=False):
        data = graph[a][b]
        piece = list(data["line"].coords)
        if math.dist(piece[0], coords[-1]) > math.dist(piece[-1], coords[-1]):
            piece.reverse()
        coords += piece[1:]
        total += data["length"]
    return LineString(coords), total


@pytest.fixture(scope="module")
def transit(kibera_project: Path, tmp_path_factory: pytest.TempPathFactory,
            data_dir: Path) -> dict:
    """Kibera with three lines along its streets, its villages, and a flood zone on the
    second stop of line A."""
    folder = tmp_path_factory.mktemp("service")
    project = folder / "kibera.gpkg"
    shutil.copy(kibera_project, project)
    code, _out, err = in_process("layer", "add", str(project),
                               str(data_dir / "kibera" / "villages.shp"), "--name", "villages")
    assert code == 0, err
    graph, where, _xy = street_graph(project)
    lines: dict[str, LineString] = {}
    lengths: dict[str, float] = {}
    ends: dict[str, int] = {}
    for ref, (start, end) in ENDS.items():
        first = ends["A"] if start is None else nearest_node(graph, where, start)
        last = nearest_node(graph, where, end)
        path = nx.shortest_path(graph, first, last, weight="length")
        lines[ref], lengths[ref] = path_line(graph, where, path)
        ends[ref] = last
    stops: dict[str, list[Point]] = {}
    with EditSession(project, contributor="Achieng Otieno", mapping_session="lines") as edit:
        for ref, line in lines.items():
            uuid = edit.add_feature("transport_lines", line, "transport_line/minibus",
                                    TAGS[ref])
            count = max(2, math.ceil(lengths[ref] / STOP_SPACING_M) + 1)
            stops[ref] = [line.interpolate(f, normalized=True)
                          for f in np.linspace(0, 1, count)]
            for k, point in enumerate(stops[ref]):
                edit.add_stop(uuid, point, f"{ref} stop {k + 1}")
    flood = metres_buffer(project, stops["A"][1], 60)
    gpd.GeoDataFrame({"zone": [0]}, geometry=[flood], crs="EPSG:4326").to_file(
        folder / "flood.geojson")
    code, _out, err = in_process("hazard", "add", str(project), str(folder / "flood.geojson"),
                                 "--name", "flood", "--class", "high")
    assert code == 0, err
    return {"project": project, "lines": lines, "lengths": lengths, "stops": stops,
            "flood": flood}


@pytest.fixture(scope="module")
def walks(transit: dict) -> dict[str, np.ndarray]:
    """Each building's walk (networkx reference) to the nearest stop of all lines, of the
    shared A/B stop alone, and of lines A and B."""
    project = transit["project"]
    _fids, points = centroids(project)
    owners = [ref for ref in "ABC" for _p in transit["stops"][ref]]
    every = np.array([shapely.get_coordinates(p)[0] for ref in "ABC"
                      for p in transit["stops"][ref]])
    reference = reference_graph(project, points, every)

    def walk(keep: list[int]) -> np.ndarray:
        sources = [("d", k) for k in keep if reference.graph.has_node(("d", k))]
        found = nx.multi_source_dijkstra_path_length(reference.graph, sources,
                                                     weight="weight")
        return np.array([found.get(("b", i), np.inf) for i in range(len(points))])

    shared = len(transit["stops"]["A"])  # B's first stop, on A's last
    return {"all": walk(list(range(len(every)))), "shared": walk([shared]),
            "AB": walk([k for k, ref in enumerate(owners) if ref in "AB"]),
            # Whether the reference joined each building to a street (within 500 m).
            "street": np.array([reference.graph.has_node(("b", i))
                                for i in range(len(points))])}


def test_lines_vehicles_per_hour_span_and_length(transit: dict) -> None:
    code, out, err = quartier("service", str(transit["project"]), "--json", "--no-layers")
    assert code == 0, err
    data = json.loads(out)
    assert data["bands"] == ["00-06", "06-09", "09-16", "16-19", "19-24"]
    assert data["band"] == "06-09"
    lines = {line["ref"]: line for line in data["lines"]}
    assert sorted(lines) == ["A", "B", "C"]
    for ref, line in lines.items():
        assert line["name"] == TAGS[ref]["name"]
        assert line["vehicles_per_hour"] == pytest.approx(EXPECTED_VPH[ref], abs=0.006)
        assert line["span"] == EXPECTED_SPAN[ref]
        assert line["stops"] == len(transit["stops"][ref])
        # Geodesic length of the drawn line against the streets' stored (haversine) lengths.
        assert line["length_m"] == pytest.approx(transit["lengths"][ref], rel=0.005)
        assert line["crosses_hazard"] is False and line["stops_cut_off"] == []
    assert data["totals"]["lines"] == 3
    assert data["totals"]["stops"] == sum(len(s) for s in transit["stops"].values())
    # A's last stop and B's first stand on the same node: one place, the rest alone.
    assert data["totals"]["stop_places"] == data["totals"]["stops"] - 1


def test_buildings_within_a_walk_match_networkx(transit: dict, walks: dict) -> None:
    project = transit["project"]
    code, out, err = in_process("service", str(project), "--json", "--no-layers")
    assert code == 0, err
    totals = json.loads(out)["totals"]
    _fids, points = centroids(project)
    walk = walks["all"]
    # In 06-09: A alone 5 vehicles an hour, B alone 3, together at their shared stop 8
    # (>= 6, a vehicle every 10 minutes); C does not run. Only the shared stop is frequent.
    frequent = walks["shared"]
    assert totals["buildings"] == len(points) == 159
    assert totals["within_walk"] == int((walk <= 400).sum())
    assert totals["within_walk_frequent"] == int((frequent <= 400).sum())
    assert totals["frequent_places"] == 1
    assert 0 < totals["within_walk_frequent"] < totals["within_walk"] < 159
    assert totals["share_within"] == round(totals["within_walk"] / 159, 4)

    # Evening peak: B every 5 minutes, 12 an hour: all B's stops are frequent, and C's
    # (3.33) are not; A's (6) are, each its vehicle every 10 minutes.
    report = service_level(Project(project), band="16-19", walk_m=250)
    frequent = walks["AB"]
    assert report.band == "16-19"
    assert report.totals.within_walk == int((walk <= 250).sum())
    assert report.totals.within_walk_frequent == int((frequent <= 250).sum())
    assert report.frequent_places == report.stop_places - len(transit["stops"]["C"])
    # The busiest band over all lines: 16-19 (6 + 12 + 3.33 vehicles an hour).
    assert service_level(Project(project), band="busiest").band == "16-19"
    # A wait of 5 minutes: only B's stops and the A/B shared stop qualify (12 and 17).
    strict = service_level(Project(project), band="16-19", frequent_headway_min=5)
    assert strict.frequent_places == len(transit["stops"]["B"])


def village_names(project: Path) -> list[str]:
    """The villages' names, an unnamed one called by its feature id."""
    villages = pyogrio.read_dataframe(project, layer="villages", fid_as_index=True)
    return [name if isinstance(name, str) and name.strip() else f"villages {fid} (no name)"
            for fid, name in zip(villages.index, villages["name"], strict=True)]


def villages_of(project: Path, points: np.ndarray) -> list[str | None]:
    """The village each point lies in or on (the first in fid order), by shapely."""
    villages = pyogrio.read_dataframe(project, layer="villages")
    names = village_names(project)
    out: list[str | None] = []
    for point in shapely.points(points):
        inside = [name for name, polygon in zip(names, villages.geometry.values,
                                                strict=True) if polygon.intersects(point)]
        out.append(inside[0] if inside else None)
    return out


def test_per_village_least_served_first_and_its_layers(transit: dict, walks: dict) -> None:
    project = transit["project"]
    code, out, err = in_process("service", str(project), "--by", "villages", "--json")
    assert code == 0, err
    data = json.loads(out)
    _fids, points = centroids(project)
    near = walks["all"] <= 400
    near_frequent = walks["shared"] <= 400
    village = np.array(villages_of(project, points), dtype=object)
    names = village_names(project)
    expected = {}
    for name in names:
        inside = village == name
        expected[name] = (int(inside.sum()), int((near & inside).sum()),
                          int((near_frequent & inside).sum()))
    got = {a["name"]: (a["buildings"], a["within_walk"], a["within_walk_frequent"])
           for a in data["areas"]}
    assert got == expected
    # Least served first: share near a frequent stop, then near any, then most buildings.
    ranked = sorted((a for a in data["areas"]), key=lambda a: (
        a["buildings"] == 0, a["within_walk_frequent"] / max(a["buildings"], 1),
        a["within_walk"] / max(a["buildings"], 1), -a["buildings"], a["name"]))
    assert [a["name"] for a in data["areas"]] == [a["name"] for a in ranked]
    assert data["least_served"] == [a["name"] for a in ranked if a["buildings"]][:5]

    # The layers: each village with its figures and rank; each building classed.
    areas = pyogrio.read_dataframe(project, layer="transport_service_areas")
    villages = pyogrio.read_dataframe(project, layer="villages")
    assert areas["name"].tolist() == names
    assert shapely.equals(areas.geometry.values, villages.geometry.values).all()
    for row in areas.itertuples():
        assert (row.buildings, row.within_walk, row.within_walk_frequent) == expected[row.name]
    ranks = areas.dropna(subset=["least_served_rank"]).sort_values("least_served_rank")
    assert ranks["name"].tolist()[:5] == data["least_served"]
    buildings = pyogrio.read_dataframe(project, layer="transport_service_buildings")
    classes = np.where(near_frequent, "frequent stop within walk", np.where(
        near, "stop within walk", np.where(walks["street"], "no stop within walk",
                                           "no street near")))
    # Some buildings stand on streets that lead to no stop (a part of the graph no line
    # reaches): beyond the walk, not "no street near".
    assert (np.isinf(walks["all"]) & walks["street"]).any()
    assert buildings["service"].tolist() == classes.tolist()
    assert (buildings["area"].fillna("-").tolist()
            == [v if v is not None else "-" for v in village])
    places = pyogrio.read_dataframe(project, layer="transport_service_stops")
    assert len(places) == data["totals"]["stop_places"]
    assert places["frequent"].sum() == 1
    shared = places[places["frequent"] == 1].iloc[0]
    assert shared["lines"] == "A, B" and shared["vehicles_per_hour"] == pytest.approx(8.0)
    assert shared["wait_min"] == pytest.approx(7.5)
    assert shapely.get_coordinates(shared.geometry)[0] == pytest.approx(
        shapely.get_coordinates(transit["stops"]["A"][-1])[0], abs=1e-7)


def test_lines_crossing_a_flood_and_their_stops_cut_off(transit: dict) -> None:
    project = transit["project"]
    code, out, err = in_process("service", str(project), "--hazard", "flood", "--json",
                              "--no-layers")
    assert code == 0, err
    data = json.loads(out)
    flood = transit["flood"]
    for line in data["lines"]:
        ref = line["ref"]
        assert line["crosses_hazard"] == transit["lines"][ref].intersects(flood)
        inside = [f"{ref} stop {k + 1}" for k, p in enumerate(transit["stops"][ref])
                  if flood.intersects(p)]
        assert line["stops_cut_off"] == inside
    a = next(line for line in data["lines"] if line["ref"] == "A")
    assert a["crosses_hazard"] and "A stop 2" in a["stops_cut_off"]
    assert data["totals"]["lines_crossing_hazard"] == sum(
        transit["lines"][ref].intersects(flood) for ref in "ABC")
    # The plain tables name the cut-off stops.
    code, out, err = in_process("service", str(project), "--hazard", "flood", "--no-layers")
    assert code == 0, err
    assert "Crosses flood" in out and "A stop 2" in out


def test_grid_cells_cover_every_building(transit: dict) -> None:
    report = service_level(Project(transit["project"]), by="grid:400")
    assert sum(area.buildings for area in report.areas) == report.totals.buildings == 159
    assert sum(area.within_walk for area in report.areas) == report.totals.within_walk
    assert all(area.buildings for area in report.areas)  # only cells holding buildings


def test_bands_by_hand_places_by_shared_stop_id_and_lengths() -> None:
    # Every 10 minutes 05:00-22:00 with every 12 in 06-09: 5 in the peak, 1 in 00-06.
    rows = ((5 * 3600, 6 * 3600, 600), (6 * 3600, 9 * 3600, 720), (9 * 3600, 22 * 3600, 600))
    assert vehicles_in(rows, 6 * 3600, 9 * 3600) == pytest.approx(5.0)
    assert vehicles_in(rows, 0, 6 * 3600) == pytest.approx(1.0)
    # 23:00-25:00 every 30 minutes: 2 vehicles before midnight, 2 in 00-01 next morning.
    night = ((23 * 3600, 25 * 3600, 1800),)
    assert vehicles_in(night, 23 * 3600, 24 * 3600) == pytest.approx(2.0)
    assert vehicles_in(night, 0, 3600) == pytest.approx(2.0)

    def stop(x: float, stop_id: str | None = None) -> Feature:
        tags = {"name": f"at {x}", **({"gtfs:stop_id": stop_id} if stop_id else {})}
        return Feature(layer=ParticipatoryLayer.TRANSPORT_STOPS, uuid=f"s{x}", preset="",
                       tags=tags, geometry=Point(x, 0))

    lines = [LineRecord(uuid="1", ref="1", name="", geometry=None, frequencies=(), notes=(),
                        stops=[stop(0), stop(1000, "K")]),
             LineRecord(uuid="2", ref="2", name="", geometry=None, frequencies=(), notes=(),
                        stops=[stop(20), stop(5000, "K"), stop(9000)])]
    places = group_places(lines, lambda lonlat: np.asarray(lonlat, dtype=float))
    # 0 and 20 m apart: one place; 1000 and 5000 share gtfs:stop_id K: one place.
    assert places.place_of_stop.tolist() == [0, 1, 0, 1, 2]
    assert places.lines == [(0, 1), (0, 1), (1,)]
    assert places.names == ["at 0 / at 20", "at 1000 / at 5000", "at 9000"]
    # One degree of longitude on the equator is 111,319.49 m on WGS84; the gap between
    # the two parts of a multi-line is not walked.
    two_parts = shapely.MultiLineString([[(0, 0), (1, 0)], [(5, 0), (6, 0)]])
    assert lengths_m([LineString([(0, 0), (1, 0)]), None, two_parts]) == pytest.approx(
        [111319.49, 0.0, 2 * 111319.49], abs=0.01)


def test_bad_input_is_one_sentence_and_changes_nothing(transit: dict, kibera_project: Path,
                                                       tmp_path: Path) -> None:
    project = transit["project"]
    for args, words in [(("--by", "wards"), "has no layer named wards"),
                        (("--hazard", "tsunami"), "no hazard layer named tsunami"),
                        (("--walk", "-5"), "positive distance"),
                        (("--frequent", "0"), "positive number of minutes"),
                        (("--band", "9-7"), "not a time band"),
                        (("--by", "grid:x"), "grid:500"),
                        (("--by-field", "name"), "give --by AREA_LAYER too")]:
        assert words in refused(project, "service", str(project), *args, process=False)
    bare = tmp_path / "bare.gpkg"
    shutil.copy(kibera_project, bare)
    # As a real process: exit 2 and one sentence.
    assert "has no transport lines" in refused(bare, "service", str(bare))
    # Lines but an empty street graph.
    empty = tmp_path / "empty.gpkg"
    shutil.copy(project, empty)
    from mapping.store import _gpkg as gpkg

    connection = gpkg.connect(empty)
    with gpkg.transaction(connection):
        connection.execute("DELETE FROM street_edges")
    connection.close()
    assert "street graph" in refused(empty, "service", str(empty), process=False)
