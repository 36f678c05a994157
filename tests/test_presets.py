"""Presets and tag/shape rules: loading, search, matching real OSM tags, validation."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import unicodedata
import zipfile
from pathlib import Path

import numpy as np
import pyogrio
import pytest
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon

from layers.errors import InputFileError, ValidationError
from layers.feature_rules import (
    MAX_REPAIR_AREA_CHANGE,
    ProblemKind,
    check_geometry,
    check_tags,
    clean_tags,
    gtfs_frequencies,
    headways,
    osm_interval_tags,
    validate_tags,
)
from layers.hazard_classes import HazardType
from layers.participatory import ParticipatoryLayer
from layers.presets import (
    FieldType,
    builtin_preset_folder,
    fold,
    hazard_type_of,
    load_presets,
    user_preset_folder,
)

BUILTIN = builtin_preset_folder()


@pytest.fixture(scope="module")
def catalogue():
    return load_presets([BUILTIN])


def test_builtin_presets_load_cleanly_in_english_and_french(catalogue):
    assert catalogue.problems == []
    counts = {layer: len(catalogue.for_layer(layer)) for layer in ParticipatoryLayer}
    assert counts == {ParticipatoryLayer.FACILITIES: 16, ParticipatoryLayer.TRANSPORT_LINES: 4,
                      ParticipatoryLayer.TRANSPORT_STOPS: 2, ParticipatoryLayer.RISK_ZONES: 8}
    for preset in catalogue:
        assert {"en", "fr"} <= set(preset.names), preset.id
        assert preset.name("fr") != "" and preset.name("sw") == preset.names.get(
            "sw", preset.names["en"])
        for field in preset.fields:
            assert {"en", "fr"} <= set(field.label), (preset.id, field.key)
            for option in field.options:
                assert {"en", "fr"} <= set(option.label), (preset.id, field.key, option.value)


def test_presets_use_the_agreed_osm_tags(catalogue):
    assert catalogue["facility/clinic"].tags == {"amenity": "clinic", "healthcare": "clinic"}
    assert catalogue["facility/water_tap"].tags == {"man_made": "water_tap"}
    assert catalogue["facility/shelter"].tags == {
        "amenity": "social_facility", "social_facility": "shelter",
        "social_facility:for": "displaced"}
    evacuation = catalogue["facility/evacuation_centre"]
    assert evacuation.tags == {"emergency:social_facility": "shelter"}
    assert evacuation.field("emergency:hazard_type").type is FieldType.MULTI_SELECT
    assert catalogue["transport_line/minibus"].tags == {"type": "route", "route": "bus",
                                                         "bus": "minibus"}
    assert catalogue["transport_stop/stop"].tags == {"public_transport": "platform",
                                                      "highway": "bus_stop"}
    assert catalogue["transport_stop/stop"].field("name").required
    capacity = catalogue["facility/school"].field("capacity")
    assert (capacity.type, capacity.minimum, capacity.integer) == (FieldType.NUMBER, 0, True)
    depth = catalogue["risk_zone/flood"].field("flood:depth")
    assert (depth.minimum, depth.maximum, depth.unit) == (0, 10, "m")
    assert catalogue["facility/toilets"].field("condition").option_values() == (
        "good", "fair", "poor")
    assert catalogue["facility/toilets"].field("wheelchair").option_values() == (
        "yes", "limited", "no")
    for preset in catalogue.for_layer("transport_lines"):
        assert {"interval:06-09", "interval:09-16", "interval:16-20", "fare:min", "fare:max",
                "ref", "from", "to"} <= {f.key for f in preset.fields}, preset.id


def test_every_risk_zone_preset_names_a_distinct_hazard_type(catalogue):
    hazards = [hazard_type_of(p.tags) for p in catalogue.for_layer("risk_zones")]
    assert hazards == [HazardType.FLOOD, HazardType.LANDSLIDE, HazardType.FIRE,
                       HazardType.EROSION, HazardType.STORM_SURGE, HazardType.EARTHQUAKE,
                       HazardType.INSECURITY, HazardType.OTHER]
    assert hazard_type_of({"amenity": "school"}) is None


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("ecole", "fr", "facility/school"),
    ("ÉCOLE", "fr", "facility/school"),
    ("school", "fr", "facility/school"),
    ("dispensaire", "fr", "facility/clinic"),
    ("Zahanati", "sw", "facility/clinic"),
    ("hôpital", "en", "facility/hospital"),
    ("matatu", "en", "transport_line/minibus"),
    ("trotro", "en", "transport_line/minibus"),
    ("Tro-Tro", "fr", "transport_line/minibus"),
    ("daladala", "fr", "transport_line/minibus"),
    ("boda boda", "en", "transport_line/motorcycle_taxi"),
    ("okada", "fr", "transport_line/motorcycle_taxi"),
    ("inondation", "fr", "risk_zone/flood"),
    ("mafuriko", "en", "risk_zone/flood"),
    ("insecurite", "fr", "risk_zone/insecurity"),
    ("glissement", "fr", "risk_zone/landslide"),
    ("marche", "fr", "facility/marketplace"),
    ("point d'eau", "fr", "facility/water_point"),
])
def test_search_ignores_case_and_accents_in_both_languages(catalogue, text, language, expected):
    assert catalogue.search(text, language)[0].id == expected


def test_search_ranks_names_over_terms_and_filters_by_layer(catalogue):
    assert fold("  Évacuation   d'urgence ") == "evacuation d urgence"
    shelters = [p.id for p in catalogue.search("abri", "fr")]
    assert shelters[:2] == ["facility/shelter", "facility/evacuation_centre"]
    assert [p.id for p in catalogue.search("matatu", "en", layer="transport_stops")] == [
        "transport_stop/stop"]
    assert catalogue.search("zzzz-nothing", "en") == []
    everything = catalogue.search("", "fr", layer="risk_zones")
    assert len(everything) == 8
    assert [p.name("fr") for p in everything] == sorted(
        (p.name("fr") for p in everything), key=fold)


def test_match_recognises_real_kibera_objects(catalogue, kibera_project: Path):
    buildings = pyogrio.read_dataframe(kibera_project, layer="buildings")
    hospital = buildings[buildings["name"] == "Amref Hospital"].iloc[0]
    tags = json.loads(hospital["tags"])
    assert tags["building"] == "yes"
    assert catalogue.match(tags).id == "facility/hospital"
    plain = buildings[buildings["amenity"].isna() & buildings["name"].isna()].iloc[0]
    assert catalogue.match(json.loads(plain["tags"])) is None

    pois = pyogrio.read_dataframe(kibera_project, layer="pois", read_geometry=False)
    poi_tags = [json.loads(t) for t in pois["tags"]]
    schools = [t for t in poi_tags if t.get("amenity") == "school"]
    assert len(schools) > 5
    matched = [catalogue.match(t) for t in poi_tags]
    assert sum(1 for m in matched if m and m.id == "facility/school") == len(schools)
    clinics = sum(1 for t in poi_tags if t.get("amenity") == "clinic")
    assert sum(1 for m in matched if m and m.id == "facility/clinic") == clinics
    # A school that is also a flood shelter is still shown as a school.
    both = {"amenity": "school", "emergency:social_facility": "shelter"}
    assert catalogue.match(both).id == "facility/school"
    assert catalogue.match({"emergency:social_facility": "shelter"}).id == \
        "facility/evacuation_centre"
    assert catalogue.match({"hazard_prone": "yes", "hazard": "flooding"}).id == "risk_zone/flood"
    assert catalogue.match({"hazard_prone": "yes", "hazard": "tsunami"}).id == "risk_zone/other"


def _readme_example() -> str:
    text = (BUILTIN / "README.md").read_text(encoding="utf-8")
    return re.search(r"```json\n(.*?)```", text, re.S).group(1)


def test_an_ngo_adds_a_preset_by_dropping_a_file(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder = user_preset_folder()
    assert folder == tmp_path / "data" / "quartier" / "presets"
    folder.mkdir(parents=True)
    (folder / "boreholes.json").write_text(_readme_example(), encoding="utf-8")
    # The user's copy of a built-in preset replaces it.
    clinic = json.loads((BUILTIN / "facilities.json").read_text(encoding="utf-8"))["presets"][0]
    # Built-in words are plain English (the catalogue translates them); a user's file may
    # still give them inline per language, and its inline text wins over the catalogue.
    assert isinstance(clinic["name"], str)
    clinic["name"] = {"en": clinic["name"], "fr": "Centre de santé communautaire"}
    (folder / "clinic.json").write_text(json.dumps({"presets": [clinic]}), encoding="utf-8")

    catalogue = load_presets()
    assert catalogue.problems == []
    borehole = catalogue["facility/borehole"]
    assert borehole.source == folder / "boreholes.json"
    assert borehole.tags == {"man_made": "water_well", "pump": "manual"}
    assert [f.key for f in borehole.fields] == ["name", "operator", "operational_status",
                                                "drinking_water", "depth", "fee"]
    assert borehole.field("fee").required and borehole.field("depth").maximum == 500
    assert catalogue.search("kisima", "sw")[0] is borehole
    assert catalogue.search("puits", "fr")[0].id in {"facility/borehole", "facility/water_point"}
    assert catalogue["facility/clinic"].name("fr") == "Centre de santé communautaire"
    assert catalogue["facility/clinic"].name("en") == "Clinic"
    assert len(catalogue) == len(load_presets([BUILTIN])) + 1
    assert [p.message for p in validate_tags(borehole, clean_tags(borehole, {"depth": "600"}))] \
        == ["Depth of the well must be between 0 and 500 m (you typed 600).",
            "Users pay a fee is required."]


def test_bad_preset_files_are_named_and_the_others_still_load(tmp_path):
    good = {"presets": [{"id": "facility/borehole", "layer": "facilities",
                         "name": {"en": "Borehole"}, "tags": {"man_made": "water_well"},
                         "fields": ["name"]}]}
    bad_presets = {"presets": [
        {"id": "facility/ok_one", "layer": "facilities", "name": "Fine",
         "tags": {"amenity": "ok"}},
        {"id": "facility/depth", "layer": "facilities", "name": "Well",
         "tags": {"man_made": "water_well"},
         "fields": [{"key": "depth", "type": "number", "minimum": "deep"}]},
        {"id": "x/1", "layer": "roads", "name": "Road", "tags": {"highway": "path"}},
        {"id": "x/2", "layer": "facilities", "name": "Odd", "tags": {"amenity": "x"},
         "fields": ["no_such_field"]},
        {"id": "x/3", "layer": "facilities", "name": "No options", "tags": {"amenity": "y"},
         "fields": [{"key": "kind", "type": "select"}]},
        {"id": "x/4", "layer": "facilities", "name": "Range", "tags": {"amenity": "z"},
         "fields": [{"key": "n", "type": "number", "minimum": 5, "maximum": 1}]},
        {"id": "facility/borehole", "layer": "facilities", "name": "Again",
         "tags": {"amenity": "w"}},
    ]}
    (tmp_path / "a_good.json").write_text(json.dumps(good), encoding="utf-8")
    (tmp_path / "b_mixed.json").write_text(json.dumps(bad_presets), encoding="utf-8")
    (tmp_path / "c_broken.json").write_text('{"presets": [ {"id": "x",', encoding="utf-8")
    (tmp_path / "d_latin1.json").write_bytes('{"presets": []} é'.encode("latin-1"))

    catalogue = load_presets([BUILTIN, tmp_path])
    messages = [str(p) for p in catalogue.problems]
    assert messages == [
        "c_broken.json: not valid JSON at line 1, column 26 (Expecting property name "
        "enclosed in double quotes).",
        "d_latin1.json: the file is not UTF-8 text. Save it as UTF-8.",
        "b_mixed.json: preset 2 ('facility/depth'): field 'depth': \"minimum\" must be a "
        "number, not 'deep'.",
        "b_mixed.json: preset 3 ('x/1'): \"layer\" must be one of facilities, transport_lines, "
        "transport_stops, risk_zones, not 'roads'.",
        "b_mixed.json: preset 4 ('x/2'): field 'no_such_field': it uses the field "
        "'no_such_field', which no preset file defines.",
        "b_mixed.json: preset 5 ('x/3'): field 'kind': a select field needs \"options\" to "
        "choose from.",
        "b_mixed.json: preset 6 ('x/4'): field 'n': \"minimum\" (5) is larger than "
        "\"maximum\" (1).",
        "b_mixed.json: preset 7 ('facility/borehole'): the id 'facility/borehole' is already "
        "used in a_good.json; give this preset another id.",
    ]
    assert "facility/borehole" in catalogue and "facility/ok_one" in catalogue
    assert catalogue["facility/borehole"].name() == "Borehole"
    assert len(catalogue.for_layer("facilities")) == 16 + 2
    with pytest.raises(InputFileError, match="c_broken.json"):
        load_presets([tmp_path], strict=True)


def test_validation_names_the_field_and_says_what_to_do(catalogue):
    flood = catalogue["risk_zone/flood"]
    problems = validate_tags(flood, clean_tags(flood, {
        "flood:depth": "12", "hazard:last_event": "2024-02-30", "hazard:frequency": "often",
        "source:hazard": "community"}), language="fr")
    assert [(p.key, p.kind) for p in problems] == [
        ("flood:depth", ProblemKind.OUT_OF_RANGE),
        ("hazard:last_event", ProblemKind.BAD_DATE),
        ("hazard:frequency", ProblemKind.NOT_A_CHOICE),
        ("severity", ProblemKind.REQUIRED)]
    assert problems[0].message == ("Hauteur d'eau maximale must be between 0 and 10 m "
                                   "(you typed 12).")
    assert problems[3].message == "Gravité is required."
    assert problems[2].label == "Fréquence"

    def kinds(preset_id, tags):
        preset = catalogue[preset_id]
        return [(p.key, p.kind) for p in validate_tags(preset, clean_tags(preset, tags))]

    today = dt.date.today()
    assert kinds("risk_zone/flood", {"severity": "high", "hazard:last_event": "2024-02-29",
                                     "flood:depth": "0.35"}) == []
    assert kinds("risk_zone/flood", {"severity": "high", "hazard:last_event": "2023-02-29"}) \
        == [("hazard:last_event", ProblemKind.BAD_DATE)]
    assert kinds("risk_zone/flood", {"severity": "low", "hazard:last_event": "2019-13"}) \
        == [("hazard:last_event", ProblemKind.BAD_DATE)]
    assert kinds("risk_zone/fire", {"severity": "low", "hazard:last_event": "2019"}) == []
    future = f"{today.year + 1}-01"
    assert kinds("risk_zone/fire", {"severity": "low", "hazard:last_event": future}) == [
        ("hazard:last_event", ProblemKind.FUTURE_DATE)]
    assert kinds("facility/school", {"capacity": "350.5"}) == [
        ("capacity", ProblemKind.NOT_A_NUMBER)]
    assert kinds("facility/school", {"capacity": "-1"}) == [("capacity", ProblemKind.OUT_OF_RANGE)]
    assert kinds("facility/school", {"capacity": "0", "wheelchair": "limited",
                                     "drinking_water": "no", "condition": "fair",
                                     "operational_status": "needs_maintenance"}) == []
    assert kinds("facility/school", {"drinking_water": "sometimes"}) == [
        ("drinking_water", ProblemKind.NOT_A_CHOICE)]
    assert kinds("facility/evacuation_centre", {"emergency:hazard_type": "flood;landslide"}) == []
    assert kinds("facility/evacuation_centre", {"emergency:hazard_type": "flood;volcano"}) == [
        ("emergency:hazard_type", ProblemKind.NOT_A_CHOICE)]
    assert kinds("facility/place_of_worship", {"religion": "bahai"}) == []  # allow_other
    assert kinds("transport_line/minibus", {"fare:min": "100", "fare:max": "50",
                                            "fare:currency": "KES"}) == [
        ("fare:min", ProblemKind.MIN_ABOVE_MAX)]
    assert kinds("transport_line/minibus", {"fare:currency": "Ksh"}) == [
        ("fare:currency", ProblemKind.BAD_FORMAT)]
    assert kinds("transport_line/minibus", {"interval:09-06": "5"}) == [
        ("interval:09-06", ProblemKind.BAD_TIME_BAND)]
    assert kinds("transport_stop/stop", {"name": "   "}) == [("name", ProblemKind.REQUIRED)]
    assert kinds("facility/clinic", {"name": "x" * 256}) == [("name", ProblemKind.TOO_LONG)]
    assert kinds("facility/clinic", {"name": "Kianda\nClinic"}) == [
        ("name", ProblemKind.CONTROL_CHARACTERS)]
    assert kinds("facility/clinic", {"description": "Line one\nLine two"}) == []
    comma = validate_tags(catalogue["risk_zone/flood"], {"severity": "low", "flood:depth": "1,5",
                                                         "hazard_prone": "yes",
                                                         "hazard": "flooding"})
    assert comma[0].message.endswith("Use a point for decimals, like 1.5.")
    with pytest.raises(ValidationError, match=r"^This Clinic cannot be saved yet\. Capacity"):
        check_tags(catalogue["facility/clinic"], {"capacity": "many"})


NAMES = {
    "sw": "Zahanati ya Mama Lucy — Kibera",
    "fr_decomposed": unicodedata.normalize("NFD", "École élémentaire Saint-Éloi"),
    "ne": "सामुदायिक स्वास्थ्य केन्द्र",
    "ar": "مركز الإيواء في الحي",
}


@pytest.mark.parametrize("name", NAMES.values(), ids=NAMES.keys())
def test_text_in_any_script_is_kept_exactly(catalogue, name):
    clinic = catalogue["facility/clinic"]
    tags = check_tags(clinic, {"name": f"  {name}\u00a0 ", "operator": name})
    assert tags["name"] == name and tags["operator"] == name
    assert tags["name"].encode("utf-8") == name.encode("utf-8")


def test_line_rules_refuse_lines_without_two_distinct_points():
    kept = check_geometry("transport_lines", LineString([(36.78, -1.31), (36.79, -1.31)]))
    assert kept.notes == ()
    for line in (LineString([(36.78, -1.31), (36.78, -1.31)]),
                 LineString([(36.78, -1.31), (36.78, -1.31), (36.78, -1.31)])):
        with pytest.raises(ValidationError, match="at least two different points"):
            check_geometry("transport_lines", line)
    with pytest.raises(ValidationError, match="several pieces"):
        check_geometry("transport_lines", shapely.MultiLineString(
            [[(0, 0), (1, 0)], [(2, 0), (3, 0)]]))
    joined = check_geometry("transport_lines", shapely.MultiLineString(
        [[(0, 0), (1, 0)], [(1, 0), (2, 1)]]))
    assert list(joined.geometry.coords) == [(0, 0), (1, 0), (2, 1)]
    with pytest.raises(ValidationError, match="holds lines, but a Point"):
        check_geometry("transport_lines", Point(0, 0))


def test_coordinates_must_be_real_places_on_earth():
    for bad in (Point(float("nan"), 1.0), LineString([(0, 0), (float("inf"), 1)])):
        with pytest.raises(ValidationError, match="without valid coordinates"):
            check_geometry("facilities" if bad.geom_type == "Point" else "transport_lines", bad)
    with pytest.raises(ValidationError, match="outside the world"):
        check_geometry("facilities", Point(250000.0, 9850000.0))  # UTM metres, not degrees
    with pytest.raises(ValidationError, match="empty"):
        check_geometry("facilities", Point())
    with pytest.raises(ValidationError, match="Nothing was drawn"):
        check_geometry("facilities", None)
    flat = check_geometry("facilities", Point(36.79, -1.31, 1720.0))
    assert not flat.geometry.has_z and flat.geometry.coords[0] == (36.79, -1.31)


def _kianda_outline() -> Polygon:
    """A real outline: the largest Kianda structure of the community survey."""
    frame = pyogrio.read_dataframe(
        Path(__file__).resolve().parents[2] / "shared" / "data" / "kibera"
        / "kianda_structures_and_population_dataset.shp")
    polygons = [g for g in shapely.get_parts(frame.geometry.values) if g.area > 0]
    return max(polygons, key=lambda g: g.area)


def test_self_crossing_outlines_are_repaired_only_when_the_zone_stays_the_same(data_dir):
    outline = _kianda_outline()
    ring = list(outline.exterior.coords)[:-1]
    # A mapper's slip: one corner clicked slightly past its neighbours makes a tiny loop.
    a, b = np.array(ring[0]), np.array(ring[1])
    slip = tuple(a + (b - a) * 0.5 + np.array([(b - a)[1], -(b - a)[0]]) * 0.02)
    loop = Polygon([ring[0], (tuple(a + (b - a) * 0.6)), slip, (tuple(a + (b - a) * 0.4)),
                    *ring[1:]])
    assert not loop.is_valid
    repaired = check_geometry("risk_zones", loop)
    assert isinstance(repaired.geometry, MultiPolygon) and repaired.geometry.is_valid
    change = abs(repaired.geometry.area - loop.area) / repaired.geometry.area
    assert change < MAX_REPAIR_AREA_CHANGE
    assert len(repaired.notes) == 1 and repaired.notes[0].startswith(
        "The outline crossed itself (")
    assert f"{100 * change:.1f} %" in repaired.notes[0]
    assert abs(repaired.geometry.area - outline.area) / outline.area < MAX_REPAIR_AREA_CHANGE

    # A figure of eight is two zones: repairing it would change the zone, so it is refused.
    minx, miny, maxx, maxy = outline.bounds
    bowtie = Polygon([(minx, miny), (maxx, maxy), (maxx, miny), (minx, maxy)])
    with pytest.raises(ValidationError, match="cannot be repaired"):
        check_geometry("risk_zones", bowtie)
    with pytest.raises(ValidationError, match="no surface"):
        check_geometry("risk_zones", Polygon([(0, 0), (1, 1), (2, 2)]))
    valid = check_geometry("risk_zones", outline)
    assert valid.notes == () and valid.geometry.geoms[0].equals(outline)


def test_headway_bands_export_to_osm_and_to_real_gtfs_frequencies(data_dir):
    with zipfile.ZipFile(data_dir / "gtfs" / "accra_trotro.zip") as feed:
        rows = list(csv.DictReader(io.TextIOWrapper(feed.open("frequencies.txt"), "utf-8")))
    # Accra's first tro-tro trip: every 10 min from 05:00 to 22:00.
    first = rows[0]
    assert (first["start_time"], first["end_time"], first["headway_secs"]) == (
        "05:00:00", "22:00:00", "600")
    minutes = int(first["headway_secs"]) / 60
    tags = {"interval:05-22": f"{minutes:g}"}
    assert gtfs_frequencies(tags) == [(first["start_time"], first["end_time"],
                                       int(first["headway_secs"]))]
    assert osm_interval_tags(tags) == {"interval": "00:10"}

    bands = {"interval:06-09": "4", "interval:09-16": "12", "interval:16-20": "6",
             "name": "Olympic - Town"}
    assert [(h.start_hour, h.end_hour, h.minutes) for h in headways(bands)] == [
        (6, 9, 4.0), (9, 16, 12.0), (16, 20, 6.0)]
    assert osm_interval_tags(bands) == {
        "interval": "00:12",
        "interval:conditional": "00:04 @ (06:00-09:00); 00:06 @ (16:00-20:00)"}
    # A general wait of its own stays the default, the bands with another wait conditions.
    assert osm_interval_tags({**bands, "interval": "10"}) == {
        "interval": "10",
        "interval:conditional": "00:04 @ (06:00-09:00); 00:12 @ (09:00-16:00); "
                                "00:06 @ (16:00-20:00)"}
    assert gtfs_frequencies(bands) == [("06:00:00", "09:00:00", 240),
                                       ("09:00:00", "16:00:00", 720),
                                       ("16:00:00", "20:00:00", 360)]
