"""Service areas and shelter loads in people, on the real Kibera project, against networkx.

The reference is the networkx graph of tests/test_evacuation.py (every ``street_edges``
row, rows touching the flood left out, buildings and shelters joined by brute-force
shapely distances). ``networkx.multi_source_dijkstra`` from all shelters gives each
node and building its distance and its nearest shelter; from those alone:

* which buildings are within 5, 10, 15 minutes of each shelter (a set, compared with
  Quartier's counts and its per-building answer);
* the service area polygons, rebuilt here row by row with ``shapely.ops.substring``
  (each row walked from each end as far as the time left there allows), widened,
  merged per shelter and time, the flood cut out, and compared by area with the layer.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import geopandas as gpd
import networkx as nx
import numpy as np
import pyogrio
import pytest
import shapely
from shapely.geometry import LineString, box
from shapely.ops import substring

from layers.errors import ValidationError
from mapping.analysis import evacuation
from mapping.analysis.service_areas import WALK_BUFFER_M
from mapping.project import Project
from mapping.store import _gpkg as gpkg
from tests.test_evacuation import (
    digest,
    kibera,  # noqa: F401  (the Kibera fixture: flood, shelters)
    quartier,
    reference_graph,
    refused,
)

SPEED = 1.2
BANDS = (5, 10, 15)


@pytest.fixture(scope="module")
def reference(kibera: dict) -> dict:  # noqa: F811
    """Distances and nearest shelters of every node and building, by networkx."""
    graph = reference_graph(kibera["project"], kibera["points"], kibera["shelter_points"],
                            kibera["zones"])
    distance, paths = nx.multi_source_dijkstra(graph.graph, graph.sources, weight="weight")
    source = {node: path[0][1] for node, path in paths.items()}
    count = len(kibera["points"])
    return {"graph": graph, "distance": distance, "source": source,
            "building_m": np.array([distance.get(("b", i), np.inf) for i in range(count)]),
            "building_to": np.array([source.get(("b", i), -1) for i in range(count)])}


@pytest.fixture(scope="module")
def run(kibera: dict) -> dict:  # noqa: F811
    """``quartier evacuate --json`` once; the service areas layer as written."""
    code, out, err = quartier("evacuate", str(kibera["project"]), "--hazard", "kianda_flood",
                              "--json")
    assert code == 0, err
    layer = pyogrio.read_dataframe(kibera["project"], layer="evacuation_service_areas")
    return {"summary": json.loads(out), "layer": layer}


def test_buildings_within_each_time_match_networkx(kibera: dict, reference: dict,  # noqa: F811
                                                   run: dict) -> None:
    metres, nearest_to = reference["building_m"], reference["building_to"]
    result = evacuation.evacuate(Project(kibera["project"]), "kianda_flood")
    listed = run["summary"]["destinations"]
    layer = run["layer"]
    assert list(layer.columns) == ["destination", "name", "minutes", "walk", "buildings",
                                   "area_ha", "colour", "geometry"]
    assert set(zip(layer["minutes"], layer["walk"], layer["colour"], strict=True)) == {
        (5, "within 5 min walk", "#1a9850"), (10, "within 10 min walk", "#91cf60"),
        (15, "within 15 min walk", "#d9ef8b")}
    for k, place in enumerate(listed):
        for minutes in BANDS:
            expected = set(np.flatnonzero((metres <= minutes * 60 * SPEED)
                                          & (nearest_to == k)).tolist())
            got = set(np.flatnonzero(result.within_minutes(minutes)
                                     & (result.destination == k)).tolist())
            assert got == expected
            assert place["service_areas"][str(minutes)]["buildings"] == len(expected)
            row = layer[(layer["destination"] == place["uuid"]) & (layer["minutes"] == minutes)]
            assert row["buildings"].tolist() == [len(expected)]
    # Not a degenerate case: some buildings are beyond 5 minutes, some within 15.
    within_15 = sum(p["service_areas"]["15"]["buildings"] for p in listed)
    within_5 = sum(p["service_areas"]["5"]["buildings"] for p in listed)
    assert 0 < within_5 < within_15 < run["summary"]["routed"]


def reference_polygons(kibera: dict, reference: dict) -> dict[tuple[int, int], object]:  # noqa: F811
    """Service areas rebuilt from the networkx distances (metres, working CRS)."""
    graph = reference["graph"]
    distance, source = reference["distance"], reference["source"]
    pieces: dict[tuple[int, int], list] = {}
    for minutes in BANDS:
        limit = minutes * 60 * SPEED
        for row in graph.rows.tolist():
            line, length = graph.lines_m[row], float(graph.length[row])
            stops = sorted(graph.on_row.get(row, []), key=lambda item: item[0])
            chain = [(0.0, int(graph.u[row])), *stops, (1.0, int(graph.v[row]))]
            for (f0, a), (f1, b) in zip(chain, chain[1:], strict=False):
                walk = (f1 - f0) * length
                if walk <= 0:
                    continue
                for end, near, far in ((a, f0, f1), (b, f1, f0)):
                    if end not in distance or distance[end] >= limit:
                        continue
                    share = min(1.0, (limit - distance[end]) / walk)
                    lo, hi = sorted((near, near + (far - near) * share))
                    piece = substring(line, lo, hi, normalized=True)
                    pieces.setdefault((source[end], minutes), []).append(piece)
        for node in graph.sources:
            (x0, y0), (x1, y1) = graph.legs[node]
            gap = float(np.hypot(x1 - x0, y1 - y0))
            part = min(1.0, limit / gap) if gap > 0 else 1.0
            leg = LineString([(x0, y0), (x0 + part * (x1 - x0), y0 + part * (y1 - y0))])
            pieces.setdefault((node[1], minutes), []).append(leg)
    zones_m = shapely.transform(kibera["zones"], lambda xy: np.column_stack(
        graph.forward.transform(xy[:, 0], xy[:, 1])))
    return {key: shapely.difference(shapely.union_all(shapely.buffer(lines, WALK_BUFFER_M)),
                                    zones_m)
            for key, lines in pieces.items()}


def test_service_area_polygons_match_a_networkx_rebuild(kibera: dict,  # noqa: F811
                                                        reference: dict, run: dict) -> None:
    expected = reference_polygons(kibera, reference)
    layer = run["layer"]
    crs = Project(kibera["project"]).metadata.working_crs
    drawn = layer.to_crs(crs)
    uuids = kibera["shelters"]
    assert len(layer) == len(expected) == 2 * len(BANDS)
    # Longest time first, so the nearest ground is drawn on top.
    assert layer["minutes"].tolist() == sorted(layer["minutes"].tolist(), reverse=True)
    for (k, minutes), polygon in expected.items():
        row = drawn[(drawn["destination"] == uuids[k]) & (drawn["minutes"] == minutes)]
        assert len(row) == 1
        got = row.geometry.iloc[0]
        # Same ground within 1 % (the rebuild rounds its buffer ends more finely).
        assert shapely.symmetric_difference(got, polygon).area <= 0.01 * polygon.area
        assert row["area_ha"].iloc[0] == pytest.approx(got.area / 1e4, rel=1e-3)
        summary = run["summary"]["destinations"][k]["service_areas"][str(minutes)]
        assert summary["area_ha"] == pytest.approx(polygon.area / 1e4, rel=0.01)
    # The whole-edge shortcut would be far off: 15 minutes covers much more than 5.
    for k in range(2):
        assert expected[(k, 15)].area > 2 * expected[(k, 5)].area
    # Nothing of the flood is inside, and each time holds the shorter ones.
    zones = gpd.GeoSeries([kibera["zones"]], crs="EPSG:4326").to_crs(crs).iloc[0]
    assert shapely.area(shapely.intersection(drawn.geometry.values, zones)).max() < 1.0
    for uuid in uuids:
        mine = drawn[drawn["destination"] == uuid].set_index("minutes").geometry
        assert mine[5].difference(mine[10]).area < 1.0
        assert mine[10].difference(mine[15]).area < 1.0


def test_each_counted_building_reaches_its_area(kibera: dict, reference: dict,  # noqa: F811
                                                run: dict) -> None:
    """Each building counted within a time joins its street inside that area."""
    graph = reference["graph"]
    layer = run["layer"].to_crs(Project(kibera["project"]).metadata.working_crs)
    metres, nearest_to = reference["building_m"], reference["building_to"]
    checked = 0
    for i in np.flatnonzero(np.isfinite(metres)).tolist():
        _door, street = graph.legs[("b", i)]
        for minutes in BANDS:
            if metres[i] <= minutes * 60 * SPEED:
                uuid = kibera["shelters"][nearest_to[i]]
                area = layer[(layer["destination"] == uuid)
                             & (layer["minutes"] == minutes)].geometry.iloc[0]
                assert area.buffer(0.01).contains(shapely.Point(street))
                checked += 1
    assert checked > 50


# ------------------------------------------------------------------------------ people


@pytest.fixture(scope="module")
def census(kibera: dict, tmp_path_factory: pytest.TempPathFactory) -> dict:  # noqa: F811
    """A copy of the project with a census layer of two areas (west and east halves)."""
    folder = tmp_path_factory.mktemp("census")
    project = folder / "kibera.gpkg"
    shutil.copy(kibera["project"], project)
    points = kibera["points"]
    middle = float(np.median(points[:, 0]))
    west = box(points[:, 0].min() - 0.001, -1.40, middle, -1.20)
    east = box(middle, -1.40, points[:, 0].max() + 0.001, -1.20)
    path = folder / "census.geojson"
    gpd.GeoDataFrame({"ward": ["West", "East"], "Population": [1500, 900]},
                     geometry=[west, east], crs="EPSG:4326").to_file(path)
    code, _out, err = quartier("layer", "add", str(project), str(path), "--name", "census")
    assert code == 0, err
    return {"project": project, "areas": [west, east], "people": [1500, 900]}


def expected_people(points: np.ndarray, areas: list, people: list[int]) -> np.ndarray:
    """Each area's people shared equally among the buildings whose centroid is in it."""
    owner = np.full(len(points), -1)
    for i, point in enumerate(points):
        for k, area in enumerate(areas):
            if area.intersects(shapely.Point(point)):
                owner[i] = k
                break
    share = np.zeros(len(points))
    for k, count in enumerate(people):
        inside = owner == k
        share[inside] = count / inside.sum()
    return share


def test_loads_in_people_from_a_census_layer(kibera: dict, census: dict,  # noqa: F811
                                             reference: dict) -> None:
    code, out, err = quartier("evacuate", str(census["project"]), "--hazard", "kianda_flood",
                              "--population", "census", "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["load"] == "people"
    share = expected_people(kibera["points"], census["areas"], census["people"])
    nearest_to = reference["building_to"]
    for k, place in enumerate(summary["destinations"]):
        assert list(place) == ["uuid", "name", "assigned", "capacity", "assigned_people",
                               "service_areas"]
        assert place["assigned_people"] == int(np.ceil(share[nearest_to == k].sum() - 1e-6))
        within = (reference["building_m"] <= 15 * 60 * SPEED) & (nearest_to == k)
        assert place["service_areas"]["15"]["people"] == int(np.ceil(share[within].sum()
                                                                     - 1e-6))
    layer = pyogrio.read_dataframe(census["project"], layer="evacuation_service_areas")
    assert list(layer.columns) == ["destination", "name", "minutes", "walk", "buildings",
                                   "people", "area_ha", "colour", "geometry"]
    for place in summary["destinations"]:
        for minutes in BANDS:
            row = layer[(layer["destination"] == place["uuid"]) & (layer["minutes"] == minutes)]
            assert row["people"].tolist() == [place["service_areas"][str(minutes)]["people"]]
    # The text names the source, and the north hall (room for 120) is over capacity.
    code, out, err = quartier("evacuate", str(census["project"]), "--hazard", "kianda_flood",
                              "--population", "census")
    assert code == 0, err
    north = summary["destinations"][0]
    assert north["capacity"] == 120 and north["assigned_people"] > 120
    assert (f"{north['assigned_people']} people (room for 120 people): OVER CAPACITY by "
            f"{north['assigned_people'] - 120} people") in out
    assert "People counted from the layer census." in out


def test_loads_in_people_from_the_buildings(kibera: dict, reference: dict,  # noqa: F811
                                            tmp_path: Path) -> None:
    """A buildings layer with its own population attribute: no --population needed."""
    project = tmp_path / "kibera.gpkg"
    shutil.copy(kibera["project"], project)
    connection = gpkg.connect(project)
    with gpkg.transaction(connection):
        connection.execute("ALTER TABLE buildings ADD COLUMN people INTEGER")
        connection.execute("UPDATE buildings SET people = fid % 7")
    connection.close()
    result = evacuation.evacuate(Project(project), "kianda_flood")
    assert result.summary()["load"] == "people"
    people = kibera["fids"] % 7
    nearest_to = reference["building_to"]
    assert result.assigned_people().tolist() == [int(people[nearest_to == k].sum())
                                                 for k in range(2)]
    code, out, err = quartier("evacuate", str(project), "--hazard", "kianda_flood")
    assert code == 0, err
    assert "People counted from the buildings' population attribute." in out


def test_text_says_loads_are_in_buildings_without_people(kibera: dict, run: dict) -> None:  # noqa: F811
    code, out, err = quartier("evacuate", str(kibera["project"]), "--hazard", "kianda_flood")
    assert code == 0, err
    assert "Loads are in buildings: how many people live in them is not known" in out
    assert "OVER CAPACITY" not in out
    assert "within 5 min: " in out


def test_bad_population_input(kibera: dict, census: dict, tmp_path: Path) -> None:  # noqa: F811
    project = census["project"]
    # One as a real process: exit 2, one sentence, no traceback, the project unchanged.
    assert "no layer named nowhere" in refused(project, "evacuate", str(project), "--hazard",
                                               "kianda_flood", "--population", "nowhere")
    before = digest(project)
    with pytest.raises(ValidationError, match="no field named households"):
        evacuation.evacuate(Project(project), "kianda_flood", population="census",
                            population_field="households")
    with pytest.raises(ValidationError, match="needs --population"):
        evacuation.evacuate(Project(project), "kianda_flood", population_field="pop")
    # A layer of points is not a layer of areas.
    points = tmp_path / "households.geojson"
    gpd.GeoDataFrame({"population": [4]}, geometry=[shapely.Point(kibera["points"][0])],
                     crs="EPSG:4326").to_file(points)
    other = tmp_path / "kibera.gpkg"
    shutil.copy(project, other)
    code, _out, err = quartier("layer", "add", str(other), str(points), "--name", "households")
    assert code == 0, err
    with pytest.raises(ValidationError, match="does not hold areas"):
        evacuation.evacuate(Project(other), "kianda_flood", population="households")
    assert digest(project) == before
