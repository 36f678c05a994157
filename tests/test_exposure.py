"""Exposure analysis (issue 10 §1): counting rules on hand-made cases and real inputs.

Expected figures are derived here independently of :mod:`mapping.analysis`: a plain
Python loop with shapely ``intersects`` per feature per zone (with a bounding-box
check first), ``rasterio.features.rasterize`` of each footprint with
``all_touched=True`` for rasters, and for lengths and areas a fine resampling of the
lines (midpoint of each ~1 m step classified by point-in-polygon, measured with
``Geod.line_length``) or UTM planar areas. Projects are built with the ``quartier``
command (``new --base``, ``hazard add``, ``layer add``), as a user would.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import rasterio
import rasterio.features
import shapely
from pyproj import Geod
from rasterio.transform import from_origin
from shapely.geometry import LineString, box

from mapping.analysis import schemes
from mapping.analysis.exposure import analyse
from mapping.project import Project

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("QUARTIER_SHARED_DATA", REPO.parent / "shared" / "data"))
SCENARIOS = DATA / "inasafe_scenarios"
JAKARTA = DATA / "jakarta"
GEOD = Geod(ellps="WGS84")

# rasterio itself still multiplies Affine transforms the old way.
pytestmark = pytest.mark.filterwarnings("ignore:Use `@` matmul:PendingDeprecationWarning")


def _quartier(*args: object, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "desktop.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=REPO)
    if check and done.returncode != 0:
        raise AssertionError(f"quartier {args} failed: {done.stderr}")
    return done


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write(frame: gpd.GeoDataFrame, path: Path) -> Path:
    pyogrio.write_dataframe(frame, path, driver="GeoJSON")
    return path


# ---------------------------------------------------------------- independent references


def _brute_force_count(features: list, zones: list, zone_class: list[int],
                       areas: list | None) -> tuple[list[int], list[int]]:
    """Class (highest touched) and area (first touched, -1: none) of each feature, by loops."""
    zone_bounds = [zone.bounds for zone in zones]
    area_bounds = [area.bounds for area in areas] if areas is not None else []
    classes, where = [], []
    for feature in features:
        fx0, fy0, fx1, fy1 = feature.bounds
        best = 0
        for zone, (zx0, zy0, zx1, zy1), code in zip(zones, zone_bounds, zone_class, strict=True):
            if zx0 > fx1 or zx1 < fx0 or zy0 > fy1 or zy1 < fy0:
                continue
            if code > best and feature.intersects(zone):
                best = code
        classes.append(best)
        first = -1
        if areas is not None:
            for index, (area, (ax0, ay0, ax1, ay1)) in enumerate(zip(areas, area_bounds,
                                                                     strict=True)):
                if ax0 > fx1 or ax1 < fx0 or ay0 > fy1 or ay1 < fy0:
                    continue
                if feature.intersects(area):
                    first = index
                    break
        where.append(first)
    return classes, where


def _raster_max_class(features: list, values: np.ndarray, transform, classify) -> list[int]:
    """Highest class of the cells each footprint touches: one rasterize per footprint."""
    classes = classify(values)
    rows, cols = values.shape
    inverse = ~transform
    out = []
    for feature in features:
        x0, y0, x1, y1 = feature.bounds
        c0, r0 = (int(np.floor(v)) for v in inverse * (x0, y1))
        c1, r1 = (int(np.floor(v)) for v in inverse * (x1, y0))
        c0, r0 = max(c0 - 1, 0), max(r0 - 1, 0)
        c1, r1 = min(c1 + 1, cols - 1), min(r1 + 1, rows - 1)
        if c0 > c1 or r0 > r1:
            out.append(0)
            continue
        window = rasterio.windows.Window(c0, r0, c1 - c0 + 1, r1 - r0 + 1)
        mask = rasterio.features.rasterize(
            [feature], out_shape=(r1 - r0 + 1, c1 - c0 + 1),
            transform=rasterio.windows.transform(window, transform), all_touched=True,
            fill=0, default_value=1, dtype="uint8").astype(bool)
        inside = classes[r0:r1 + 1, c0:c1 + 1][mask]
        out.append(int(inside.max()) if inside.size else 0)
    return out


def _flood4(values: np.ndarray) -> np.ndarray:
    """The 4-class flood scheme written out by hand: (0,0.1] (0.1,0.7] (0.7,1.5] (1.5,inf)."""
    v = np.nan_to_num(np.asarray(values, dtype="float64"), nan=-1.0)
    return np.select([v > 1.5, v > 0.7, v > 0.1, v > 0.0], [4, 3, 2, 1], 0)


# ---------------------------------------------------------------- hand-made cases

#: A small place near the equator (Kibera's longitude), in degrees.
X0, Y0 = 36.78, -1.31
D = 0.001  # about 111 m


@pytest.fixture(scope="module")
def handmade_template(tmp_path_factory) -> Path:
    """Buildings, roads and two areas by hand; a depth vector hazard and a depth raster."""
    tmp_path = tmp_path_factory.mktemp("handmade")
    buildings = gpd.GeoDataFrame({"building": ["yes", "school", "house", "yes", "yes"]}, geometry=[
        box(X0 + 0.9 * D, Y0 + 0.2 * D, X0 + 1.1 * D, Y0 + 0.4 * D),   # touches zones 0.3 and 2.0
        box(X0 + 2.2 * D, Y0 + 0.2 * D, X0 + 2.4 * D, Y0 + 0.4 * D),   # in the 0.7 m zone only
        box(X0 + 3.2 * D, Y0 + 0.2 * D, X0 + 3.4 * D, Y0 + 0.4 * D),   # in the 0 m zone only
        box(X0 + 4.2 * D, Y0 + 0.2 * D, X0 + 4.4 * D, Y0 + 0.4 * D),   # in no zone
        box(X0 + 1.0 * D, Y0 + 0.5 * D, X0 + 1.0 * D + 1e-5, Y0 + 0.6 * D),  # touches the edge
    ], crs="EPSG:4326")
    roads = gpd.GeoDataFrame({"highway": ["residential"]}, geometry=[
        LineString([(X0 + 0.5 * D, Y0 + 0.3 * D), (X0 + 4.5 * D, Y0 + 0.3 * D)])],
        crs="EPSG:4326")
    zones = gpd.GeoDataFrame({"depth": [0.3, 2.0, 0.7, 0.0]}, geometry=[
        box(X0, Y0, X0 + D, Y0 + D), box(X0 + D, Y0, X0 + 2 * D, Y0 + D),
        box(X0 + 2 * D, Y0, X0 + 3 * D, Y0 + D), box(X0 + 3 * D, Y0, X0 + 4 * D, Y0 + D)],
        crs="EPSG:4326")
    areas = gpd.GeoDataFrame({"name": ["west", "east"]}, geometry=[
        box(X0 - D, Y0 - D, X0 + 2.5 * D, Y0 + 2 * D),
        box(X0 + 2.5 * D, Y0 - D, X0 + 6 * D, Y0 + 2 * D)], crs="EPSG:4326")
    folder = tmp_path / "in"
    folder.mkdir()
    _write(buildings, folder / "buildings.geojson")
    _write(roads, folder / "roads.geojson")
    _write(zones, folder / "zones.geojson")
    _write(areas, folder / "areas.geojson")
    # A depth raster on a 0.5 D grid over the same strip: row 0 (north) and row 1.
    depth = np.array([[0.3, 0.3, 2.0, 2.0, 0.7, 0.7, 0.0, 0.0, 0.05, 0.05],
                      [0.3, 0.3, 2.0, 2.0, 0.7, 0.7, 0.0, 0.0, 1.5, 1.5]], dtype="float32")
    with rasterio.open(folder / "depth.tif", "w", driver="GTiff", width=10, height=2, count=1,
                       dtype="float32", crs="EPSG:4326", nodata=-9999.0,
                       transform=from_origin(X0, Y0 + D, D / 2, D / 2)) as dataset:
        dataset.write(depth, 1)
    project = tmp_path / "hand.gpkg"
    _quartier("new", project, "--base", folder / "buildings.geojson", "--base",
              folder / "roads.geojson", "--as", "buildings.geojson=buildings",
              "--as", "roads.geojson=roads")
    _quartier("hazard", "add", project, folder / "zones.geojson", "--name", "zones",
              "--attribute", "depth")
    _quartier("hazard", "add", project, folder / "depth.tif", "--name", "depth")
    _quartier("layer", "add", project, folder / "areas.geojson", "--name", "areas")
    return project


@pytest.fixture
def handmade(tmp_path, handmade_template) -> Path:
    """A fresh copy of the hand-made project."""
    return Path(shutil.copy(handmade_template, tmp_path / "hand.gpkg"))


def test_a_building_touching_two_zones_takes_the_higher(handmade):
    result = analyse(Project(handmade), "zones", "buildings", scheme=schemes.SCHEMES["flood4"])
    classes = result.feature_classes.sort_index().tolist()
    names = ["not exposed"] + result.scheme.names
    # 0.3 m (low) and 2.0 m (high) -> high; 0.7 m exactly -> low (boundary to the lower
    # class); 0 m -> not exposed; outside -> not exposed; the sliver on the 0.3|2.0 edge
    # touches both -> high.
    assert [names[c] for c in classes] == ["high", "low", "not exposed", "not exposed", "high"]
    data = result.to_json()
    assert data["measure"] == "count"
    assert data["classes"] == {"use caution": 0, "low": 1, "medium": 0, "high": 2}
    assert data["totals"] == {"affected": 3, "not_affected": 0, "exposed": 3,
                              "not_exposed": 2, "total": 5}
    assert data["by_type"]["education"]["low"] == 1  # building=school
    assert data["by_type"]["residential"] == {"use caution": 0, "low": 0, "medium": 0, "high": 0}



def test_shapes_whose_box_centre_lies_outside_them_are_classed_by_their_own_outline():
    """The count proves most pairs with the centre of a feature's box; an L-shaped
    building, a ring-shaped one, a line and a point must still be classed by what they
    touch, not by that centre (checked against shapely per feature and zone)."""
    from mapping.analysis import _overlay

    ell = shapely.Polygon([(0, 0), (10, 0), (10, 2), (2, 2), (2, 10), (0, 10)])
    ring = box(20, 0, 30, 10).difference(box(22, 2, 28, 8))
    features = np.array([
        ell,                                   # centre (5, 5) in the zone; the L is not
        shapely.affinity.translate(ell, 0, 20),  # its arm reaches the zone, its centre does not
        ring,                                  # the hole holds the zone: not exposed
        shapely.MultiPolygon([box(40, 0, 41, 1), box(49, 9, 50, 10)]),  # corner part touches
        LineString([(60, 0), (70, 10)]),       # the line crosses the high zone's corner
        shapely.Point(80, 5),                  # a point on a zone's edge
        shapely.Polygon(),                     # empty: touches nothing
    ], dtype=object)
    zones = np.array([box(4, 4, 6, 6), box(9, 21, 12, 23), box(24, 4, 26, 6),
                      box(49.5, 9.5, 55, 15), box(68, 0, 75, 9), box(80, 0, 85, 10)],
                     dtype=object)
    codes = np.array([3, 1, 3, 2, 3, 1], dtype=np.int16)
    expected = [max([int(c) for z, c in zip(zones, codes, strict=True)
                     if shapely.intersects(f, z)], default=0) for f in features]
    assert expected == [0, 1, 0, 2, 3, 1, 0]
    assert _overlay.max_class_vector(features, zones, codes).tolist() == expected
def test_raster_hazard_reads_every_cell_a_footprint_covers(handmade):
    result = analyse(Project(handmade), "depth", "buildings", scheme=schemes.SCHEMES["flood4"])
    names = ["not exposed"] + result.scheme.names
    # Building 1 covers cells of 0.3 and 2.0 m -> high (its centroid's cell alone says low).
    # Building 2 lies on 0.7 m cells only -> low; building 3 on 0 m cells -> not exposed;
    # building 4 over the 0.05 (north) and 1.5 (south) cells -> 1.5 is medium, not high.
    assert [names[c] for c in result.feature_classes.sort_index().tolist()] == [
        "high", "low", "not exposed", "medium", "high"]


def test_layer_scheme_puts_a_value_on_a_break_in_the_lower_class(handmade):
    """The layer's own thresholds 0.5,1.5: a 1.5 m cell is medium (the map draws it high),
    0.7 m medium, 2.0 m high."""
    result = analyse(Project(handmade), "depth", "buildings")
    assert result.scheme.names == ["low", "medium", "high"]
    assert [c.affected for c in result.scheme.classes] == [False, True, True]
    assert result.to_json()["classes"] == {"low": 0, "medium": 2, "high": 2}
    names = ["not exposed"] + result.scheme.names
    assert [names[c] for c in result.feature_classes.sort_index().tolist()] == [
        "high", "medium", "not exposed", "medium", "high"]
    # The vector zones, classified by their depth attribute with the same breaks: 0.7 m is
    # medium, 0.3 + 2.0 m high, 0 m in no class.
    vector = analyse(Project(handmade), "zones", "buildings")
    assert [names[c] for c in vector.feature_classes.sort_index().tolist()] == [
        "high", "medium", "not exposed", "not exposed", "high"]


def test_scheme_intervals():
    flood4 = schemes.SCHEMES["flood4"]
    values = np.array([0.0, 1e-9, 0.1, 0.1000001, 0.7, 1.5, 1.5000001, np.nan, -1.0])
    assert flood4.classify_numbers(values).tolist() == [0, 1, 1, 2, 2, 3, 4, 0, 0]
    assert flood4.classify_numbers(values).tolist() == _flood4(values).tolist()
    tsunami = schemes.SCHEMES["tsunami"]
    assert tsunami.classify_numbers(np.array([0.1, 1.0, 3.0, 3.01])).tolist() == [1, 2, 3, 4]
    wet = schemes.SCHEMES["flood_wet_dry"]
    assert wet.classify_numbers(np.array([0.0, 1.0, 1.01])).tolist() == [0, 1, 2]
    assert wet.classify_words(["YES", "no", None, "maybe"]).tolist() == [2, 1, 0, 0]
    assert [c.affected for c in schemes.SCHEMES["generic"].classes] == [False, True, True]
    custom = schemes.parse_classes("b:1:2:yes,a:0:1:no,c:2::yes")
    assert custom.names == ["a", "b", "c"]
    assert custom.classify_numbers(np.array([1.0, 2.0, 50.0])).tolist() == [1, 2, 3]


# ---------------------------------------------------------------- InaSAFE scenarios


def _scenario_project(tmp_path: Path, number: str, exposure: Path, role: str,
                      hazard: Path, attribute: str | None, aggregation: Path | None,
                      hazard_options: tuple[str, ...] = ()) -> Path:
    project = tmp_path / f"{number}.gpkg"
    _quartier("new", project, "--base", exposure, "--as", f"{exposure.name}={role}")
    options = ("--attribute", attribute) if attribute else ()
    _quartier("hazard", "add", project, hazard, "--name", "hazard", "--hazard-type", "other",
              *options, *hazard_options)
    if aggregation is not None:
        _quartier("layer", "add", project, aggregation, "--name", "areas")
    return project


@pytest.mark.parametrize("number, exposure, role", [
    ("s01", "building-points.geojson", "pois"), ("s02", "buildings.geojson", "buildings")])
def test_inasafe_classified_vector_on_buildings(tmp_path, number, exposure, role):
    folder = SCENARIOS / number / "gisv4"
    exposure_path = folder / "exposure" / exposure
    hazard_path = folder / "hazard" / "classified_vector.geojson"
    grid_path = folder / "aggregation" / "small_grid.geojson"
    project = _scenario_project(tmp_path, number, exposure_path, role, hazard_path,
                                "hazard_value", grid_path)
    # The keywords (classified_vector.xml) map hazard_value high/medium/low to the generic
    # classes; the exposure type is exposure_type; the grid names areas in area_name.
    keywords = (folder / "hazard" / "classified_vector.xml").read_text()
    assert "hazard_value" in keywords and "generic_hazard_classes" in keywords
    result = analyse(Project(project), "hazard", role, by="areas", by_field="area_name",
                     type_field="exposure_type", scheme=schemes.SCHEMES["generic"])

    features = gpd.read_file(exposure_path)
    zones = gpd.read_file(hazard_path)
    grid = gpd.read_file(grid_path)
    code = {"low": 1, "medium": 2, "high": 3}
    zone_class = [code.get(str(value), 0) for value in zones["hazard_value"]]
    classes, where = _brute_force_count(list(features.geometry), list(zones.geometry),
                                        zone_class, list(grid.geometry))
    counted = [c for c, w in zip(classes, where, strict=True) if w >= 0]
    expected = {name: counted.count(i) for i, name in enumerate(["low", "medium", "high"], 1)}
    data = result.to_json()
    assert data["classes"] == expected
    assert data["totals"]["total"] == len(counted)
    assert data["totals"]["affected"] == expected["medium"] + expected["high"]
    for index, area in enumerate(grid["area_name"]):
        mine = [c for c, w in zip(classes, where, strict=True) if w == index]
        assert data["by_area"][area] == {
            "low": mine.count(1), "medium": mine.count(2), "high": mine.count(3),
            "affected": mine.count(2) + mine.count(3)}
    schools = [c for c, w, t in zip(classes, where, features["exposure_type"], strict=True)
               if w >= 0 and t == "school"]
    assert data["by_type"]["education"] == {
        "low": schools.count(1), "medium": schools.count(2), "high": schools.count(3)}
    assert sum(sum(v.values()) for v in data["by_type"].values()) == \
        data["totals"]["exposed"]
    assert data["totals"]["exposed"] > 0


# ---------------------------------------------------------------- Jakarta


@pytest.fixture(scope="module")
def jakarta(tmp_path_factory) -> Path:
    """The Jakarta buildings with the depth raster, the 2007 flooded RWs and the RW areas."""
    project = tmp_path_factory.mktemp("jakarta") / "jakarta.gpkg"
    _quartier("new", project, "--base", JAKARTA / "buildings.gpkg")
    _quartier("hazard", "add", project, JAKARTA / "flood_depth.tif", "--name", "depth")
    _quartier("hazard", "add", project, JAKARTA / "flooded_rw_2007.shp", "--name", "flooded",
              "--attribute", "FLOODPRONE", "--class-map", "yes=high,no=none")
    _quartier("layer", "add", project, JAKARTA / "rw_boundaries.shp", "--name", "rw")
    return project


def test_jakarta_buildings_on_the_flooded_rw_polygons(jakarta):
    project = Project(jakarta)
    result = analyse(project, "flooded", "buildings", by="rw", by_field="KEL_NAME")
    buildings = project.read_layer("buildings")
    zones = gpd.read_file(JAKARTA / "flooded_rw_2007.shp")
    zones = zones[zones["FLOODPRONE"].str.casefold() == "yes"]
    zone_geoms = list(shapely.make_valid(zones.geometry.to_numpy()))
    areas = project.read_layer("rw")
    classes, where = _brute_force_count(list(buildings.geometry), zone_geoms,
                                        [3] * len(zone_geoms), list(areas.geometry))
    counted = np.array([c for c, w in zip(classes, where, strict=True) if w >= 0])
    data = result.to_json()
    assert data["classes"] == {"low": 0, "medium": 0, "high": int((counted == 3).sum())}
    assert data["totals"]["total"] == len(counted)
    assert 1000 < data["classes"]["high"] < len(buildings)
    names = areas["KEL_NAME"].tolist()
    expected_by_area: dict[str, int] = {}
    for c, w in zip(classes, where, strict=True):
        if w >= 0:
            expected_by_area[names[w]] = expected_by_area.get(names[w], 0) + (c == 3)
    assert {k: v["high"] for k, v in data["by_area"].items()} == {
        k: expected_by_area.get(k, 0) for k in data["by_area"]}
    assert set(data["by_area"]) == set(names)


def test_jakarta_buildings_on_the_depth_raster(jakarta):
    project = Project(jakarta)
    result = analyse(project, "depth", "buildings", scheme=schemes.SCHEMES["flood4"])
    buildings = project.read_layer("buildings")
    with rasterio.open(JAKARTA / "flood_depth.tif") as source:
        values = source.read(1, masked=True).astype("float64").filled(np.nan)
        expected = _raster_max_class(list(buildings.geometry), values, source.transform,
                                     _flood4)
    got = result.feature_classes.reindex(buildings.index).tolist()
    assert got == expected
    counts = np.bincount(expected, minlength=5)
    assert result.to_json()["classes"] == {"use caution": int(counts[1]), "low": int(counts[2]),
                                           "medium": int(counts[3]), "high": int(counts[4])}
    assert counts[4] > 100 and counts[0] > 100


# ---------------------------------------------------------------- lines and polygons


def _sampled_lengths(lines: list, zones: list, zone_class: list[int], areas: list,
                     step: float = 1e-5) -> dict[tuple[int, int], float]:
    """Metres per (area, class) by resampling: each ~1 m step goes where its midpoint is.

    A second method, independent of polygon clipping: the lines are cut into short
    steps, each step's midpoint is classified by point-in-polygon (highest class of
    the zones holding it, first area holding it) and its length is measured with
    ``Geod.line_length``.
    """
    out: dict[tuple[int, int], float] = {}
    for line in lines:
        for part in shapely.get_parts(shapely.segmentize(line, step)):
            xy = np.asarray(part.coords)[:, :2]
            mid = (xy[1:] + xy[:-1]) / 2
            lengths = np.array([GEOD.line_length([a[0], b[0]], [a[1], b[1]])
                                for a, b in zip(xy[:-1], xy[1:], strict=True)])
            best = np.zeros(len(mid), dtype=int)
            for zone, code in zip(zones, zone_class, strict=True):
                inside = shapely.contains_xy(zone, mid[:, 0], mid[:, 1])
                best[inside] = np.maximum(best[inside], code)
            where = np.full(len(mid), -1)
            for index, area in enumerate(areas):
                inside = shapely.contains_xy(area, mid[:, 0], mid[:, 1]) & (where < 0)
                where[inside] = index
            for a, c, length in zip(where, best, lengths, strict=True):
                if a >= 0:
                    out[(int(a), int(c))] = out.get((int(a), int(c)), 0.0) + float(length)
    return out


def _metres(*xs: float) -> float:
    """Geodesic length along y = Y0 + 0.3 D between x offsets (in D)."""
    return GEOD.line_length([X0 + x * D for x in xs], [Y0 + 0.3 * D] * len(xs))


@pytest.mark.parametrize("hazard", ["zones", "depth"])
def test_a_road_crossing_an_area_boundary_is_split_and_adds_up(handmade, hazard):
    result = analyse(Project(handmade), hazard, "roads", by="areas",
                     scheme=schemes.SCHEMES["flood4"])
    data = result.to_json()
    assert data["measure"] == "length_m"
    # Zones along the road: 0.3 m (low) to 1 D, 2.0 m (high) to 2 D, 0.7 m (low, on the
    # boundary) to 3 D, 0 m (not exposed) to 4 D; the raster adds 1.5 m (medium) after 4 D.
    # The areas meet at 2.5 D.
    medium = _metres(4.0, 4.5) if hazard == "depth" else 0.0
    west = {"low": _metres(0.5, 1.0) + _metres(2.0, 2.5), "high": _metres(1.0, 2.0)}
    east = {"low": _metres(2.5, 3.0), "medium": medium}
    assert data["by_area"]["west"]["low"] == pytest.approx(west["low"], abs=0.02)
    assert data["by_area"]["west"]["high"] == pytest.approx(west["high"], abs=0.02)
    assert data["by_area"]["east"]["low"] == pytest.approx(east["low"], abs=0.02)
    assert data["by_area"]["east"]["medium"] == pytest.approx(medium, abs=0.02)
    assert data["by_area"]["east"]["high"] == 0
    assert data["totals"]["total"] == pytest.approx(_metres(0.5, 4.5), abs=0.02)
    assert data["totals"]["not_exposed"] == pytest.approx(
        _metres(3.0, 4.0) + (0 if medium else _metres(4.0, 4.5)), abs=0.02)
    pieces = sum(v for area in data["by_area"].values() for k, v in area.items()
                 if k != "affected")
    assert pieces + data["totals"]["not_exposed"] == pytest.approx(data["totals"]["total"],
                                                                   abs=0.05)
    assert data["by_type"] == {}


def test_inasafe_roads_split_by_zones_and_grid(tmp_path):
    folder = SCENARIOS / "s03" / "gisv4"
    roads_path = folder / "exposure" / "roads.geojson"
    hazard_path = folder / "hazard" / "classified_vector.geojson"
    grid_path = folder / "aggregation" / "small_grid.geojson"
    project = _scenario_project(tmp_path, "s03", roads_path, "roads", hazard_path,
                                "hazard_value", grid_path)
    data = analyse(Project(project), "hazard", "roads", by="areas", by_field="area_name",
                   scheme=schemes.SCHEMES["generic"]).to_json()
    roads = gpd.read_file(roads_path)
    zones = gpd.read_file(hazard_path)
    grid = gpd.read_file(grid_path)
    code = {"low": 1, "medium": 2, "high": 3}
    expected = _sampled_lengths(list(roads.geometry), list(zones.geometry),
                                [code.get(str(v), 0) for v in zones["hazard_value"]],
                                list(grid.geometry))
    names = ["low", "medium", "high"]
    for index, area in enumerate(grid["area_name"]):
        for c, name in enumerate(names, 1):
            assert data["by_area"][area][name] == pytest.approx(
                expected.get((index, c), 0.0), rel=1e-3, abs=0.5), (area, name)
    total = sum(expected.values())
    assert data["totals"]["total"] == pytest.approx(total, rel=1e-3)
    assert data["totals"]["exposed"] > 10_000  # kilometres of road in the zones


def _equal_area(geometry, crs: str = "+proj=laea +lat_0=-6.18 +lon_0=106.82 +datum=WGS84"):
    """The geometry in a local equal-area projection (areas in m², a second method)."""
    return gpd.GeoSeries([geometry], crs="EPSG:4326").to_crs(crs).iloc[0]


def test_inasafe_land_cover_on_a_continuous_flood_raster(tmp_path):
    """s10: land cover split by raster cells and districts, hectares, flood wet/dry."""
    folder = SCENARIOS / "s10"
    landcover_path = folder / "exposure" / "landcover.geojson"
    raster_path = folder / "hazard" / "continuous_flood_20_20.asc"
    districts_path = folder / "aggregation" / "district_osm_jakarta.geojson"
    # The keywords give land cover dry [0, 1] and wet above 1 m: the flood_wet_dry scheme.
    assert "&quot;wet&quot;: [1.0, 999999.0]" in (folder / "hazard" /
                                                  "continuous_flood_20_20.xml").read_text()
    project = tmp_path / "s10.gpkg"
    _quartier("new", project, "--base", landcover_path, "--as", "landcover.geojson=landuse")
    _quartier("hazard", "add", project, raster_path, "--name", "flood")
    _quartier("layer", "add", project, districts_path, "--name", "districts")
    data = analyse(Project(project), "flood", "landuse", by="districts", by_field="KAB_NAME",
                   scheme=schemes.SCHEMES["flood_wet_dry"]).to_json()
    assert data["measure"] == "area_ha"

    landcover = gpd.read_file(landcover_path).to_crs(4326)
    districts = Project(project).read_layer("districts")
    with rasterio.open(raster_path) as source:
        values, transform = source.read(1), source.transform
    expected: dict[tuple[str, str], float] = {}
    total = 0.0
    district_shapes = [shapely.make_valid(g) for g in districts.geometry]
    for polygon in landcover.geometry:
        for index, district in enumerate(district_shapes):
            mine = shapely.difference(district, shapely.union_all(district_shapes[:index])) \
                if index else district
            piece = polygon.intersection(mine)
            if piece.is_empty:
                continue
            total += _equal_area(piece).area / 1e4
            for row in range(values.shape[0]):
                for col in range(values.shape[1]):
                    value = values[row, col]
                    if not value > 0:
                        continue
                    name = "wet" if value > 1 else "dry"
                    x0, y0 = transform * (col, row)
                    x1, y1 = transform * (col + 1, row + 1)
                    cut = piece.intersection(box(min(x0, x1), min(y0, y1), max(x0, x1),
                                                 max(y0, y1)))
                    if not cut.is_empty:
                        key = (districts["KAB_NAME"].iloc[index], name)
                        expected[key] = expected.get(key, 0.0) + _equal_area(cut).area / 1e4
    for (district, name), hectares in expected.items():
        assert data["by_area"][district][name] == pytest.approx(hectares, rel=1e-3, abs=1e-3)
    assert data["totals"]["total"] == pytest.approx(total, rel=1e-3)
    assert data["classes"]["wet"] == pytest.approx(
        sum(v for (_, n), v in expected.items() if n == "wet"), rel=1e-3)
    assert data["classes"]["wet"] > 100


@pytest.fixture(scope="module")
def census(tmp_path_factory) -> Path:
    """s06/s07: Jakarta flood polygons (FLOODPRONE yes/no), census wards, a 16-cell grid."""
    folder = SCENARIOS / "s06"
    project = tmp_path_factory.mktemp("s06") / "s06.gpkg"
    _quartier("new", project, "--base", folder / "exposure" / "census.geojson", "--as",
              "census.geojson=reference")
    _quartier("hazard", "add", project, folder / "hazard" / "flood_multipart_polygons.shp",
              "--name", "flood", "--attribute", "FLOODPRONE", "--class-map", "yes=high,no=low")
    _quartier("layer", "add", project, folder / "aggregation" / "grid_jakarta.geojson",
              "--name", "grid")
    return project


def _wet_dry_regions() -> tuple:
    zones = gpd.read_file(SCENARIOS / "s06" / "hazard" / "flood_multipart_polygons.shp")
    wet_mask = zones["FLOODPRONE"].str.casefold() == "yes"
    shapes = shapely.make_valid(zones.geometry.to_numpy())
    wet = shapely.union_all(shapes[wet_mask.to_numpy()])
    dry = shapely.difference(shapely.union_all(shapes[~wet_mask.to_numpy()]), wet)
    return wet, dry


def test_inasafe_census_population_split_in_proportion_to_area(census):
    keywords = (SCENARIOS / "s06" / "hazard" / "flood_multipart_polygons.xml").read_text()
    assert "FLOODPRONE" in keywords
    project = Project(census)
    data = analyse(project, "flood", "census", by="grid",
                   scheme=schemes.SCHEMES["flood_wet_dry"]).to_json()
    assert data["measure"] == "people"
    wards = gpd.read_file(SCENARIOS / "s06" / "exposure" / "census.geojson")
    shapes = wards.geometry.to_numpy()
    wards = wards[~(shapely.is_missing(shapes) | shapely.is_empty(shapes))]
    grid = project.read_layer("grid")
    wet, dry = _wet_dry_regions()
    cells = list(grid.geometry)
    expected = {(name, c): 0.0 for name in grid["name"] for c in ("dry", "wet")}
    total = 0.0
    for ward, people in zip(wards.geometry, wards["population"], strict=True):
        whole = _equal_area(ward).area
        for index, cell in enumerate(cells):
            mine = shapely.difference(cell, shapely.union_all(cells[:index])) if index else cell
            piece = ward.intersection(mine)
            if piece.is_empty:
                continue
            total += people * _equal_area(piece).area / whole
            for name, region in (("wet", wet), ("dry", dry)):
                cut = piece.intersection(region)
                if not cut.is_empty:
                    expected[(grid["name"].iloc[index], name)] += \
                        people * _equal_area(cut).area / whole
    for (cell, name), people in expected.items():
        assert data["by_area"][cell][name] == pytest.approx(people, rel=1e-3, abs=0.05)
    assert data["totals"]["total"] == pytest.approx(total, rel=1e-3)
    assert data["totals"]["affected"] == pytest.approx(
        sum(v for (_, n), v in expected.items() if n == "wet"), rel=1e-3)


def test_inasafe_population_raster_counts_cells_by_centre(census):
    raster = SCENARIOS / "s07" / "exposure" / "pop_binary_raster_20_20.asc"
    project = Project(census)
    data = analyse(project, "flood", population=raster, by="grid",
                   scheme=schemes.SCHEMES["flood_wet_dry"]).to_json()
    grid = project.read_layer("grid")
    wet, dry = _wet_dry_regions()
    with rasterio.open(raster) as source:
        values, transform = source.read(1), source.transform
    expected = {(name, c): 0.0 for name in grid["name"] for c in ("dry", "wet")}
    total = 0.0
    for row in range(values.shape[0]):
        for col in range(values.shape[1]):
            if values[row, col] <= 0:
                continue
            centre = shapely.Point(transform * (col + 0.5, row + 0.5))
            where = next((i for i, cell in enumerate(grid.geometry) if cell.contains(centre)),
                         None)
            if where is None:
                continue
            total += values[row, col]
            name = "wet" if wet.contains(centre) else "dry" if dry.contains(centre) else None
            if name:
                expected[(grid["name"].iloc[where], name)] += values[row, col]
    assert data["measure"] == "people"
    assert data["exposure"] == "pop_binary_raster_20_20"
    for (cell, name), people in expected.items():
        assert data["by_area"][cell][name] == people, (cell, name)
    assert data["totals"]["total"] == total
    assert data["totals"]["affected"] == sum(v for (_, n), v in expected.items() if n == "wet")


# ---------------------------------------------------------------- the command

def _analyse_command(*args: object) -> subprocess.CompletedProcess:
    """``quartier analyse ...`` in a new process."""
    return _quartier("analyse", *args, check=False)


def test_command_prints_the_documented_json(handmade):
    done = _analyse_command(handmade, "--hazard", "zones", "--exposure", "buildings",
                            "--by", "areas", "--scheme", "flood4", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert list(data) == ["hazard", "exposure", "measure", "classes", "totals", "by_area",
                          "by_type"]
    assert data["hazard"] == "zones" and data["exposure"] == "buildings"
    assert data["measure"] == "count"
    assert data["classes"] == {"use caution": 0, "low": 1, "medium": 0, "high": 2}
    assert data["totals"] == {"affected": 3, "not_affected": 0, "exposed": 3,
                              "not_exposed": 2, "total": 5}
    # Buildings 1, 2 and 5 lie in the west area (x < 2.5 D), 3 and 4 in the east.
    assert data["by_area"] == {
        "west": {"use caution": 0, "low": 1, "medium": 0, "high": 2, "affected": 3},
        "east": {"use caution": 0, "low": 0, "medium": 0, "high": 0, "affected": 0}}
    assert list(data["by_type"]) == ["residential", "education", "health", "worship",
                                     "government", "commercial", "other"]
    assert data["by_type"]["education"]["low"] == 1

    table = _analyse_command(handmade, "--hazard", "depth", "--exposure", "roads", "--by",
                             "areas", "--classes", "shallow:0:1:no,deep:1::yes")
    assert table.returncode == 0, table.stderr
    assert "Exposure of roads to depth (length_m)" in table.stdout
    assert "deep" in table.stdout and "west" in table.stdout and "not exposed" in table.stdout


@pytest.fixture(scope="module")
def with_bad_layers(handmade_template, tmp_path_factory) -> Path:
    """The hand-made project plus a layer far away and an area layer with empty names."""
    tmp_path = tmp_path_factory.mktemp("bad")
    handmade = Path(shutil.copy(handmade_template, tmp_path / "hand.gpkg"))
    far = gpd.GeoDataFrame({"name": ["far"]}, geometry=[box(10.0, 10.0, 10.001, 10.001)],
                           crs="EPSG:4326")
    _quartier("layer", "add", handmade, _write(far, tmp_path / "far.geojson"), "--name", "far",
              "--allow-outside")
    nameless = gpd.GeoDataFrame({"name": [None, " "]}, geometry=[
        box(X0, Y0, X0 + 2 * D, Y0 + D), box(X0 + 2 * D, Y0, X0 + 5 * D, Y0 + D)],
        crs="EPSG:4326")
    _quartier("layer", "add", handmade, _write(nameless, tmp_path / "nameless.geojson"),
              "--name", "nameless")
    return handmade


@pytest.mark.parametrize("args, words", [
    (("--hazard", "depth", "--exposure", "buildings", "--classes", "dry:0:1:no,wet:1::no"),
     "No class of the hazard depth is marked affected"),
    (("--hazard", "zones", "--exposure", "far"), "No feature of far lies on the hazard"),
    (("--hazard", "depth", "--exposure", "far"), "No feature of far lies on the hazard"),
    (("--hazard", "zones", "--exposure", "buildings", "--by", "nameless"), "have no names"),
    (("--hazard", "zones", "--exposure", "buildings", "--by", "zones"), "no name attribute"),
    (("--hazard", "zones", "--exposure", "buildings", "--by", "areas", "--by-field", "ward"),
     "no attribute 'ward'"),
    (("--hazard", "zones", "--exposure", "buildings", "--by-field", "name"), "give --by"),
    (("--hazard", "zones", "--exposure", "water"), "The layer water has no features"),
    (("--hazard", "zones", "--exposure", "buildings", "--by", "landuse"),
     "The area layer landuse has no polygons"),
    (("--hazard", "zones", "--exposure", "houses"), "has no layer named houses"),
    (("--hazard", "flood", "--exposure", "buildings"), "has no hazard layer named flood"),
    (("--hazard", "depth", "--exposure", "depth"), "same layer"),
    (("--hazard", "zones", "--exposure", "buildings", "--classes", "a:1:0:yes"),
     "minimum below its maximum"),
])
def test_bad_input_gets_one_sentence_and_changes_nothing(with_bad_layers, args, words):
    before = _digest(with_bad_layers)
    done = _analyse_command(with_bad_layers, *args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("quartier: ") and words in lines[0], lines
    assert _digest(with_bad_layers) == before


def test_a_road_along_a_shared_edge_is_counted_once():
    """Along the edge of two zones it takes the higher class; of two areas, the first."""
    from mapping.analysis.exposure import Areas, HazardZones, exposure_of

    scheme = schemes.SCHEMES["flood4"]
    zone_depths = [0.3, 2.0, 0.7]
    zones = HazardZones(
        name="zones", scheme=scheme,
        zones=np.array([box(X0 + i * D, Y0, X0 + (i + 1) * D, Y0 + D) for i in range(3)]),
        zone_codes=scheme.classify_numbers(np.array(zone_depths)),
        extent=(X0, Y0, X0 + 3 * D, Y0 + D))
    areas = Areas(["west", "east"], np.array([box(X0 - D, Y0 - D, X0 + 2.5 * D, Y0 + 2 * D),
                                              box(X0 + 2.5 * D, Y0 - D, X0 + 6 * D, Y0 + 2 * D)]))
    roads = gpd.GeoDataFrame(geometry=[
        LineString([(X0 + D, Y0 + 0.2 * D), (X0 + D, Y0 + 0.8 * D)]),        # low | high edge
        LineString([(X0 + 2.5 * D, Y0 + 0.2 * D), (X0 + 2.5 * D, Y0 + 0.8 * D)]),  # west | east
    ], crs="EPSG:4326")
    data = exposure_of(zones, roads, "roads", areas).to_json()
    first = GEOD.line_length([X0 + D] * 2, [Y0 + 0.2 * D, Y0 + 0.8 * D])
    second = GEOD.line_length([X0 + 2.5 * D] * 2, [Y0 + 0.2 * D, Y0 + 0.8 * D])
    assert data["totals"]["total"] == pytest.approx(first + second, abs=0.02)
    assert data["by_area"]["west"]["high"] == pytest.approx(first, abs=0.02)
    assert data["by_area"]["west"]["low"] == pytest.approx(second, abs=0.02)
    assert data["by_area"]["east"] == {"use caution": 0, "low": 0, "medium": 0, "high": 0,
                                       "affected": 0}
    assert data["totals"]["not_exposed"] == 0


def test_a_scheme_that_names_none_of_the_values_is_refused(census):
    """FLOODPRONE says yes/no: the tsunami classes (dry, low...) name none of them."""
    from layers.errors import ValidationError

    with pytest.raises(ValidationError, match=r"None of the values of FLOODPRONE"):
        analyse(Project(census), "flood", "census", scheme=schemes.SCHEMES["tsunami"])
