"""Exposure and evacuation west of Greenwich: negative longitudes all the way through.

The real OSM extract of central Aguascalientes (Mexico, about 102.3° W) is made into a
project with the command line; a flood is drawn over the western half of its buildings
(a box written here, in degrees, west longitudes negative) and a shelter mapped east of
it. ``quartier analyse`` must count the buildings that shapely finds touching the box,
and ``quartier evacuate`` must route buildings to the shelter along streets that lie
where the buildings are (no sign lost on the way through the working CRS).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
from shapely.geometry import Point, box

from mapping.editing import EditSession

QUARTIER = str(Path(sys.executable).with_name("quartier"))


def run(*args: object) -> subprocess.CompletedProcess:
    done = subprocess.run([QUARTIER, *map(str, args)], capture_output=True, text=True)
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.fixture(scope="module")
def west(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> dict:
    folder = tmp_path_factory.mktemp("west")
    path = folder / "aguascalientes.gpkg"
    done = run("new", path, "--osm", data_dir / "osm" / "aguascalientes.osm.pbf")
    assert done.returncode == 0, done.stderr
    buildings = pyogrio.read_dataframe(path, layer="buildings").geometry.values
    west_, south, east, north = shapely.total_bounds(buildings)
    assert east < -100  # the whole extract is far west of Greenwich
    middle = float(np.median(shapely.get_x(shapely.centroid(buildings))))
    flood = box(west_ - 0.001, south - 0.001, middle, north + 0.001)
    flood_file = folder / "flood.geojson"
    gpd.GeoDataFrame({"depth": [2.0]}, geometry=[flood], crs=4326).to_file(flood_file)
    done = run("hazard", "add", path, flood_file, "--name", "flood", "--attribute", "depth")
    assert done.returncode == 0, done.stderr
    # The shelter: the street vertex farthest east of the flood, inside the extract.
    streets = pyogrio.read_dataframe(path, layer="roads").geometry.values
    xy = shapely.get_coordinates(streets)
    shelter = Point(xy[np.argmax(xy[:, 0])])
    with EditSession(path, contributor="Lupita", mapping_session="west") as edit:
        edit.add_feature("facilities", shelter, "facility/shelter", {"name": "Salón ejidal"})
    return {"path": path, "buildings": buildings, "flood": flood, "shelter": shelter,
            "folder": folder}


def test_exposure_counts_the_buildings_under_the_flood(west: dict) -> None:
    done = run("analyse", west["path"], "--hazard", "flood", "--exposure", "buildings",
               "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    touching = int(shapely.intersects(west["buildings"], west["flood"]).sum())
    assert 0 < touching < len(west["buildings"])
    assert answer["totals"]["total"] == len(west["buildings"])
    assert answer["totals"]["exposed"] == touching
    assert answer["totals"]["affected"] == touching  # a depth of 2 m is in an affected class


def test_evacuation_routes_lie_where_the_buildings_are(west: dict) -> None:
    done = run("evacuate", west["path"], "--hazard", "flood", "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["buildings"] == len(west["buildings"])
    # The streets under the flood are closed: the buildings under it have no safe way
    # out, every other one reaches the shelter (it lies east of the flood).
    touching = int(shapely.intersects(west["buildings"], west["flood"]).sum())
    assert answer["no_safe_route"] == touching
    assert answer["routed"] == len(west["buildings"]) - touching > 0
    assert [d["name"] for d in answer["destinations"]] == ["Salón ejidal"]
    routes = pyogrio.read_dataframe(west["path"], layer="evacuation_routes")
    assert len(routes) == answer["routed"]
    ends = shapely.get_coordinates(shapely.get_point(routes.geometry.values, -1))
    starts = shapely.get_coordinates(shapely.get_point(routes.geometry.values, 0))
    # Every route ends at the shelter and starts inside the extract, west longitudes.
    assert np.allclose(ends, [west["shelter"].x, west["shelter"].y], atol=2e-4)
    west_, south, east, north = shapely.total_bounds(west["buildings"])
    assert (starts[:, 0] > west_ - 0.002).all() and (starts[:, 0] < east + 0.002).all()
    assert (starts[:, 1] > south - 0.002).all() and (starts[:, 1] < north + 0.002).all()
    # A route from a building under the flood leaves it: no route stays in it.
    assert not shapely.within(routes.geometry.values, west["flood"]).any()
