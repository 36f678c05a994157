"""Exposure results (issue 10 §1): displaced people and needs, result layers, reports.

Needs are worked out here by hand from the profile figures (InaSAFE's, copied into the
test) and ``math.ceil``; the saved layer's classes are checked against a plain shapely
loop over the hand-made buildings and zones; the PDF is read back with poppler's
``pdftotext``. Bad input goes through a real ``quartier`` process.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import math
import shutil
import sqlite3
import subprocess
import unicodedata
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
import shapely
from pyproj import Geod
from shapely.geometry import LineString, box

from layers.errors import InputFileError, ValidationError
from mapping.analysis import needs, schemes

REPO = Path(__file__).resolve().parents[1]
QUARTIER = REPO / ".venv" / "bin" / "quartier"
SCENARIOS = REPO.parent / "shared" / "data" / "inasafe_scenarios"

X0, Y0, D = 36.78, -1.31, 0.001  # near Kibera; D is about 111 m


def _quartier(*args: object, check: bool = True) -> subprocess.CompletedProcess:
    """``quartier ARGS`` in a new process, as a user types it."""
    done = subprocess.run([str(QUARTIER), *map(str, args)], capture_output=True, text=True,
                          cwd=REPO)
    if check and done.returncode != 0:
        raise AssertionError(f"quartier {args} failed: {done.stderr}")
    return done


def _run(*args: object) -> subprocess.CompletedProcess:
    """``quartier ARGS`` in this process (the same code, without starting Python again)."""
    from desktop.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    if code != 0:
        raise AssertionError(f"quartier {args} failed: {err.getvalue()}")
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(done: subprocess.CompletedProcess, words: str) -> None:
    """Exit code 2, one sentence naming the problem, no traceback."""
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("quartier: ")
    assert words in done.stderr, done.stderr


# ---------------------------------------------------------------- needs, by hand

#: InaSAFE's default profile (safe/common/minimum_needs.py, BNPB_en.json): per person.
BNPB = {"rice": (2.8, "kg", "week"), "drinking water": (17.5, "l", "week"),
        "clean water": (67.0, "l", "week"), "family kits": (0.2, "kits", "week"),
        "toilets": (0.05, "toilets", "once")}


def test_displaced_and_needs_are_rounded_up_with_inasafe_rates():
    wet_dry = schemes.SCHEMES["flood_wet_dry"]
    result = needs.minimum_needs({"dry": 100.0, "wet": 12345.6}, wet_dry, "people")
    # InaSAFE's flood_hazard_classes: wet displaces 1 %, dry nobody.
    assert result.rates == {"dry": 0.0, "wet": 0.01}
    assert result.displaced == 124  # 123.456 people rounded up
    assert result.needs == {
        "rice": {"amount": 348, "unit": "kg", "per": "week"},          # 347.2
        "drinking water": {"amount": 2170, "unit": "l", "per": "week"},  # 2170 exactly
        "clean water": {"amount": 8308, "unit": "l", "per": "week"},
        "family kits": {"amount": 25, "unit": "kits", "per": "week"},    # 24.8
        "toilets": {"amount": 7, "unit": "toilets", "per": "once"}}     # 6.2
    assert result.profile.name.startswith("Indonesia BNPB")


def test_rates_given_per_class_and_the_defaults_of_other_schemes():
    wet_dry = schemes.SCHEMES["flood_wet_dry"]
    rates = needs.parse_displacement("Wet=0.5, dry=0.1", wet_dry)
    assert rates == {"wet": 0.5, "dry": 0.1}
    result = needs.minimum_needs({"dry": 60.0, "wet": 12345.6}, wet_dry, "people", rates)
    assert result.displaced == math.ceil(6 + 6172.8)
    assert result.chosen == ("wet", "dry")
    # The 4-class flood scheme: InaSAFE's 1 %, 3 %, 5 %.
    flood4 = schemes.SCHEMES["flood4"]
    result = needs.minimum_needs({"use caution": 1000.0, "low": 1000.0, "medium": 1000.0,
                                  "high": 1000.0}, flood4, "people")
    assert result.displaced == 10 + 30 + 50
    # Own classes: everyone of an affected class, nobody of the others.
    own = schemes.parse_classes("a:0:1:no,b:1::yes")
    result = needs.minimum_needs({"a": 70.0, "b": 150.0000000001}, own, "people")
    assert result.rates == {"a": 0.0, "b": 1.0}
    assert result.displaced == 150  # float noise is not a 151st person
    assert result.needs["toilets"]["amount"] == math.ceil(150 * 0.05 - 1e-9)


def test_shipped_profiles_read_and_match_inasafe():
    names = needs.shipped_profiles()
    assert {"bnpb", "sphere", "tanzania", "philippines", "mozambique", "st_lucia"} <= set(names)
    assert "displacement" not in names
    for name in names:
        profile = needs.load_profile(name)
        assert profile.items and "InaSAFE" in profile.source, name
        assert "not re-checked" not in profile.source
    bnpb = needs.load_profile("bnpb")
    assert {i.name: (i.per_person, i.unit, i.per) for i in bnpb.items} == BNPB
    tanzania = {i.name: (i.per_person, i.per) for i in needs.load_profile("tanzania").items}
    assert tanzania["rice"] == (2.8, "week") and tanzania["beans"] == (1.4, "week")
    result = needs.minimum_needs({"dry": 0.0, "wet": 1000.0}, schemes.SCHEMES["flood_wet_dry"],
                                 "people", {"wet": 1.0}, needs.load_profile("tanzania"))
    assert result.needs["beans"]["amount"] == 1400
    assert result.needs["cooking sets"] == {"amount": 200, "unit": "sets", "per": "once"}


@pytest.mark.parametrize("text, words", [
    ("wet=2", "must be a number from 0 to 1"),
    ("wet=lots", "must be a number from 0 to 1"),
    ("wet", "is not CLASS=RATE with a class of this hazard (dry, wet)"),
    ("high=1", "is not CLASS=RATE with a class of this hazard (dry, wet)"),
])
def test_displacement_typos_are_sentences(text, words):
    with pytest.raises(ValidationError, match=None) as caught:
        needs.parse_displacement(text, schemes.SCHEMES["flood_wet_dry"])
    assert words in str(caught.value)


def test_bad_profiles_are_sentences(tmp_path):
    with pytest.raises(InputFileError) as caught:
        needs.load_profile("atlantis")
    assert "There is no needs profile atlantis" in str(caught.value)
    assert "bnpb" in str(caught.value) and "tanzania" in str(caught.value)
    broken = tmp_path / "mine.json"
    broken.write_text('{"items": [{"name": "rice"}]}')
    with pytest.raises(InputFileError, match="mine.json is not a needs profile"):
        needs.load_profile(broken)
    broken.write_text('{"items": [{"name": "rice", "per_person": 1, "per": "fortnight"}]}')
    with pytest.raises(InputFileError, match="say how often rice is needed"):
        needs.load_profile(broken)
    with pytest.raises(ValidationError, match="require a population layer"):
        needs.minimum_needs({"wet": 3.0}, schemes.SCHEMES["flood_wet_dry"], "count")


# ---------------------------------------------------------------- a hand-made project

BUILDINGS = [
    box(X0 + 0.9 * D, Y0 + 0.2 * D, X0 + 1.1 * D, Y0 + 0.4 * D),   # 0.3 m and 2.0 m zones
    box(X0 + 2.2 * D, Y0 + 0.2 * D, X0 + 2.4 * D, Y0 + 0.4 * D),   # 0.7 m zone only
    box(X0 + 3.2 * D, Y0 + 0.2 * D, X0 + 3.4 * D, Y0 + 0.4 * D),   # 0 m zone only
    box(X0 + 4.2 * D, Y0 + 0.2 * D, X0 + 4.4 * D, Y0 + 0.4 * D),   # in no zone
    box(X0 + 0.3 * D, Y0 + 0.6 * D, X0 + 0.5 * D, Y0 + 0.8 * D),   # 0.3 m zone
    box(X0 + 1.5 * D, Y0 + 0.6 * D, X0 + 1.7 * D, Y0 + 0.8 * D),   # 2.0 m zone
]
ZONES = [(box(X0, Y0, X0 + D, Y0 + D), 0.3), (box(X0 + D, Y0, X0 + 2 * D, Y0 + D), 2.0),
         (box(X0 + 2 * D, Y0, X0 + 3 * D, Y0 + D), 0.7),
         (box(X0 + 3 * D, Y0, X0 + 4 * D, Y0 + D), 0.0)]
ROAD = [(X0 + 0.5 * D, Y0 + 0.3 * D), (X0 + 4.5 * D, Y0 + 0.3 * D)]
AREAS = [("west", box(X0 - D, Y0 - D, X0 + 2.5 * D, Y0 + 2 * D)),
         ("east", box(X0 + 2.5 * D, Y0 - D, X0 + 6 * D, Y0 + 2 * D))]


def _flood4_class(depth: float) -> str:
    """The 4-class flood scheme written out: (0,0.1] (0.1,0.7] (0.7,1.5] (1.5,inf)."""
    if depth > 1.5:
        return "high"
    if depth > 0.7:
        return "medium"
    if depth > 0.1:
        return "low"
    if depth > 0.0:
        return "use caution"
    return "not exposed"


def _brute_force() -> list[tuple[str, str]]:
    """(class, area) of each building: deepest zone it touches, first area it touches."""
    order = ["not exposed", "use caution", "low", "medium", "high"]
    out = []
    for building in BUILDINGS:
        best = "not exposed"
        for zone, depth in ZONES:
            name = _flood4_class(depth)
            if building.intersects(zone) and order.index(name) > order.index(best):
                best = name
        area = next(name for name, shape in AREAS if building.intersects(shape))
        out.append((best, area))
    return out


@pytest.fixture(scope="module")
def hand_template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("results")
    gpd.GeoDataFrame({"building": ["yes", "school", "house", "yes", "yes", "clinic"]},
                     geometry=BUILDINGS, crs=4326).to_file(folder / "buildings.geojson")
    gpd.GeoDataFrame({"highway": ["residential"]}, geometry=[LineString(ROAD)],
                     crs=4326).to_file(folder / "roads.geojson")
    gpd.GeoDataFrame({"depth": [d for _, d in ZONES]}, geometry=[z for z, _ in ZONES],
                     crs=4326).to_file(folder / "zones.geojson")
    gpd.GeoDataFrame({"name": [n for n, _ in AREAS]}, geometry=[a for _, a in AREAS],
                     crs=4326).to_file(folder / "areas.geojson")
    project = folder / "hand.gpkg"
    _run("new", project, "--base", folder / "buildings.geojson", "--base",
         folder / "roads.geojson", "--as", "buildings.geojson=buildings",
         "--as", "roads.geojson=roads")
    _run("hazard", "add", project, folder / "zones.geojson", "--name", "zones",
              "--attribute", "depth")
    _run("layer", "add", project, folder / "areas.geojson", "--name", "areas")
    return project


@pytest.fixture
def hand(tmp_path, hand_template) -> Path:
    return Path(shutil.copy(hand_template, tmp_path / "hand.gpkg"))


def _layer_rows(project: Path, name: str) -> list[tuple]:
    connection = sqlite3.connect(project)
    try:
        return connection.execute("SELECT name, source, style FROM quartier_layers WHERE "
                                  "name = ?", (name,)).fetchall()
    finally:
        connection.close()


def test_save_writes_a_layer_matching_a_brute_force_count(hand, tmp_path):
    done = _run("analyse", hand, "--hazard", "zones", "--exposure", "buildings",
                     "--by", "areas", "--scheme", "flood4", "--save", "--json")
    assert "Saved the layer exposure_zones_buildings" in done.stderr
    layer = pyogrio.read_dataframe(hand, layer="exposure_zones_buildings")
    expected = _brute_force()
    assert len(layer) == len(BUILDINGS)
    buildings = pyogrio.read_dataframe(hand, layer="buildings", fid_as_index=True)
    for row in layer.itertuples():
        original = buildings.geometry.loc[row.feature_fid]
        index = next(i for i, b in enumerate(BUILDINGS)
                     if b.symmetric_difference(original).area < 1e-14)
        assert (row.hazard_class, row.area) == expected[index], index
        assert row.geometry.symmetric_difference(original).area < 1e-14
        assert row.affected == (row.hazard_class in ("low", "medium", "high"))
    counted = layer["hazard_class"].value_counts().to_dict()
    assert counted == {name: [c for c, _ in expected].count(name)
                       for name in {c for c, _ in expected}}
    assert counted == {"high": 2, "low": 2, "not exposed": 2}
    data = json.loads(done.stdout)
    assert data["classes"] == {"use caution": 0, "low": 2, "medium": 0, "high": 2}
    colours = dict(zip(layer["hazard_class"], layer["colour"], strict=True))
    assert colours["not exposed"] == "#9e9e9e" and len(set(colours.values())) == 3
    ((_, source, style),) = _layer_rows(hand, "exposure_zones_buildings")
    assert source == "analysis"
    assert json.loads(style)["class_column"] == "hazard_class"

    # Exported like any layer, read back by GDAL.
    for suffix in ("geojson", "gpkg"):
        out = tmp_path / f"exposure.{suffix}"
        _run("export", hand, "--to", out, "--layer", "exposure_zones_buildings")
        back = pyogrio.read_dataframe(out)
        assert sorted(back["hazard_class"]) == sorted(layer["hazard_class"])
        assert sorted(back["area"]) == sorted(a for _, a in expected)


def test_a_saved_road_is_split_at_zones_and_areas_with_its_lengths(hand):
    _run("analyse", hand, "--hazard", "zones", "--exposure", "roads", "--by", "areas",
         "--scheme", "flood4", "--save")
    layer = pyogrio.read_dataframe(hand, layer="exposure_zones_roads")
    geod = Geod(ellps="WGS84")

    def metres(x0: float, x1: float) -> float:
        return geod.line_length([X0 + x0 * D, X0 + x1 * D], [Y0 + 0.3 * D] * 2)

    # Zones end at 1, 2, 3, 4 D (0.3 m low, 2.0 m high, 0.7 m low, 0 m none); the
    # areas meet at 2.5 D; the road runs from 0.5 to 4.5 D.
    expected = {("low", "west"): metres(0.5, 1) + metres(2, 2.5),
                ("high", "west"): metres(1, 2), ("low", "east"): metres(2.5, 3),
                ("not exposed", "east"): metres(3, 4.5)}
    found = layer.groupby(["hazard_class", "area"])["length_m"].sum().to_dict()
    assert found.keys() == expected.keys()
    for key, length in expected.items():
        assert found[key] == pytest.approx(length, rel=1e-6), key


def test_saved_census_pieces_tile_the_wards_and_carry_their_people(census):
    data = json.loads(_run("analyse", census, "--hazard", "flood", "--exposure", "census",
                           "--by", "grid", "--scheme", "flood_wet_dry", "--save",
                           "--json").stdout)
    layer = pyogrio.read_dataframe(census, layer="exposure_flood_census")
    people = layer.groupby("hazard_class")["people"].sum()
    assert people["wet"] == pytest.approx(data["classes"]["wet"], abs=0.01)
    assert people["dry"] == pytest.approx(data["classes"]["dry"], abs=0.01)
    assert people["not exposed"] == pytest.approx(data["totals"]["not_exposed"], abs=0.01)
    # Independently: the pieces cover the wards inside the grid, once.
    wards = gpd.read_file(SCENARIOS / "s06" / "exposure" / "census.geojson")
    grid = gpd.read_file(SCENARIOS / "s06" / "aggregation" / "grid_jakarta.geojson")
    covered = shapely.intersection(shapely.union_all(shapely.make_valid(
        wards.geometry.dropna().to_numpy())), shapely.union_all(grid.to_crs(4326).geometry))
    assert shapely.area(layer.geometry.to_numpy()).sum() == pytest.approx(covered.area,
                                                                          rel=1e-6)
    assert shapely.union_all(layer.geometry.to_numpy()).area == pytest.approx(covered.area,
                                                                             rel=1e-6)


def hazard_legend_colours(project_path: Path) -> list[str]:
    """The colours the map gives the hazard layer ``zones`` once classed flood4 (1..4)."""
    from mapping.hazard_store import hazard_legend
    from mapping.project import Project

    _run("hazard", "classify", project_path, "zones", "--scheme", "flood4")
    colours = hazard_legend(Project(project_path), "zones").colours
    return [colours[code] for code in sorted(colours)]


def test_the_map_draws_the_saved_layer_in_its_class_colours(hand):
    from mapping.project import Project
    from mapping.render import registry
    from mapping.render.style import load_style

    _run("analyse", hand, "--hazard", "zones", "--exposure", "buildings",
              "--scheme", "flood4", "--save")
    project = Project(hand)
    entries = {e.name: e for e in registry.scan(project, load_style(), "EPSG:32737")}
    style = entries["exposure_zones_buildings"].style
    # The hazard's own colours: the same 4-class layer drawn on the map has these.
    hazard = hazard_legend_colours(hand)
    assert [(c.key, c.fill) for c in style.classes] == [
        ("not exposed", "#9e9e9e"), ("use caution", hazard[0]), ("low", hazard[1]),
        ("medium", hazard[2]), ("high", hazard[3])]
    data = entries["exposure_zones_buildings"].load(project, "EPSG:32737")
    drawn = sorted(style.classes[c].key for c in data.classes)
    assert drawn == sorted(c for c, _ in _brute_force())


def test_a_second_save_replaces_the_first(hand):
    _run("analyse", hand, "--hazard", "zones", "--exposure", "buildings", "--scheme",
              "flood4", "--save")
    # The tsunami scheme: 0.3 and 0.7 m are low, 2.0 m medium.
    _run("analyse", hand, "--hazard", "zones", "--exposure", "buildings", "--scheme",
              "tsunami", "--save")
    layer = pyogrio.read_dataframe(hand, layer="exposure_zones_buildings")
    assert sorted(layer["hazard_class"]) == sorted(
        ["medium", "low", "not exposed", "not exposed", "low", "medium"])
    assert len(_layer_rows(hand, "exposure_zones_buildings")) == 1
    connection = sqlite3.connect(hand)
    try:
        contents = connection.execute("SELECT count(*) FROM gpkg_contents WHERE table_name = "
                                      "'exposure_zones_buildings'").fetchone()[0]
        rtree = connection.execute("SELECT count(*) FROM rtree_exposure_zones_buildings_geom"
                                   ).fetchone()[0]
    finally:
        connection.close()
    assert contents == 1 and rtree == len(BUILDINGS)


def test_save_never_replaces_a_layer_no_analysis_made(hand, tmp_path):
    survey = tmp_path / "survey.geojson"
    gpd.GeoDataFrame({"name": ["x"]}, geometry=[box(X0, Y0, X0 + D, Y0 + D)],
                     crs=4326).to_file(survey)
    _run("layer", "add", hand, survey, "--name", "exposure_zones_buildings")
    before = _digest(hand)
    done = _quartier("analyse", hand, "--hazard", "zones", "--exposure", "buildings",
                     "--save", check=False)
    _refused(done, "already has a layer named exposure_zones_buildings that no analysis made")
    assert _digest(hand) == before
    assert len(pyogrio.read_dataframe(hand, layer="exposure_zones_buildings")) == 1


# ---------------------------------------------------------------- reports


@pytest.fixture(scope="module")
def census(tmp_path_factory) -> Path:
    """s06: Jakarta flood polygons (FLOODPRONE yes/no), three census wards, a grid."""
    folder = SCENARIOS / "s06"
    project = tmp_path_factory.mktemp("s06") / "s06.gpkg"
    _run("new", project, "--base", folder / "exposure" / "census.geojson", "--as",
              "census.geojson=reference")
    _run("hazard", "add", project, folder / "hazard" / "flood_multipart_polygons.shp",
              "--name", "flood", "--attribute", "FLOODPRONE", "--class-map", "yes=high,no=low")
    _run("layer", "add", project, folder / "aggregation" / "grid_jakarta.geojson",
              "--name", "grid")
    return project


def _figure(value: float) -> str:
    """How the report writes a figure."""
    return f"{value:,.2f}" if not float(value).is_integer() else f"{int(value):,}"


def test_reports_hold_the_figures_needs_and_assumptions(census, tmp_path):
    html = tmp_path / "report.html"
    pdf = tmp_path / "report.pdf"
    before = _digest(census)
    common = ("analyse", census, "--hazard", "flood", "--exposure", "census", "--by", "grid",
              "--scheme", "flood_wet_dry", "--displacement", "wet=0.5", "--needs", "tanzania",
              "--json")
    data = json.loads(_run(*common, "--report", html).stdout)
    _run(*common, "--report", pdf)
    assert _digest(census) == before  # a report writes nothing into the project
    wet = data["classes"]["wet"]
    displaced = math.ceil(round(wet * 0.5, 6))
    assert data["displaced"] == displaced
    assert data["needs"]["beans"] == {"amount": math.ceil(round(displaced * 1.4, 6)),
                                      "unit": "kg", "per": "week"}
    text = html.read_text(encoding="utf-8")
    assert "http://" not in text and "https://" not in text and "<link" not in text
    pdf_text = unicodedata.normalize("NFKC", subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
        check=True).stdout)  # "ﬂood" -> "flood"
    connection = sqlite3.connect(census)
    try:
        (imported,) = connection.execute("SELECT added_at FROM quartier_layers WHERE name = "
                                         "'flood'").fetchone()
    finally:
        connection.close()
    for page in (text, pdf_text):
        assert "How much of census" in page
        assert _figure(wet) in page and _figure(data["classes"]["dry"]) in page
        assert _figure(data["by_area"]["G"]["wet"]) in page
        assert f"{displaced:,}" in page
        assert f"{data['needs']['rice']['amount']:,}" in page
        assert "50 %" in page and "Tanzania" in page
        assert "(1, " in page and "lower class" in page  # the (min, max] rule
        assert "Flood multipart" in page and imported[:10] in page  # the data, its date


def test_count_report_lists_types_and_says_why_no_needs(hand, tmp_path):
    html = tmp_path / "count.html"
    _run("analyse", hand, "--hazard", "zones", "--exposure", "buildings", "--by", "areas",
              "--scheme", "flood4", "--report", html)
    text = html.read_text(encoding="utf-8")
    assert "Figures per type" in text and "education" in text
    assert "require a population layer" in text
    assert "(0.1, 0.7] m" in text


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("extra, words", [
    (("--report", "{tmp}/report.txt"), "the report is written as a web page (.html) or a PDF"),
    (("--report", "{tmp}/missing/report.pdf"), "does not exist"),
    (("--needs", "bnpb"), "require a population layer"),
    (("--displacement", "high=1"), "require a population layer"),
    (("--needs", "atlantis"), "There is no needs profile atlantis"),
])
def test_bad_input_is_a_sentence_and_writes_nothing(hand, tmp_path, extra, words):
    before = _digest(hand)
    args = [a.format(tmp=tmp_path) for a in extra]
    done = _quartier("analyse", hand, "--hazard", "zones", "--exposure", "buildings",
                     "--save", *args, check=False)
    _refused(done, words)
    assert _digest(hand) == before
    assert not list(tmp_path.glob("report*"))


def test_a_population_raster_is_not_saved_and_no_report_is_left(census, tmp_path):
    before = _digest(census)
    raster = SCENARIOS / "s07" / "exposure" / "pop_binary_raster_20_20.asc"
    done = _quartier("analyse", census, "--hazard", "flood", "--population", raster,
                     "--save", "--report", tmp_path / "r.html", check=False)
    _refused(done, "no features to save as a layer")
    assert _digest(census) == before
    assert not (tmp_path / "r.html").exists()
    wrong = _quartier("analyse", census, "--hazard", "flood", "--population", raster,
                      "--scheme", "flood_wet_dry", "--displacement", "wet=abc", check=False)
    _refused(wrong, "The displacement rate of wet must be a number from 0 to 1")


def test_a_population_raster_report_names_the_file_and_the_needs(census, tmp_path):
    raster = SCENARIOS / "s07" / "exposure" / "pop_binary_raster_20_20.asc"
    html = tmp_path / "people.html"
    data = json.loads(_run("analyse", census, "--hazard", "flood", "--population", raster,
                           "--scheme", "flood_wet_dry", "--report", html, "--json").stdout)
    text = html.read_text(encoding="utf-8")
    assert "pop_binary_raster_20_20" in text and "population raster" in text
    # InaSAFE's wet rate (1 %), rounded up.
    assert data["displaced"] == math.ceil(round(data["classes"]["wet"] * 0.01, 6))
    assert f"Displaced people: <b>{data['displaced']:,}</b>" in text
