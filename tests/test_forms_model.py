"""What the forms check and suggest, without a window: opening hours, the currency of a
project's country, and plain words in every preset question."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pyogrio
import pytest
from pyproj import Transformer

from layers import opening_hours
from layers.countries import country_at, currency_of_area
from layers.feature_rules import ProblemKind, clean_tags, validate_tags
from layers.presets import FieldType, load_presets


@pytest.fixture(scope="module")
def catalogue():
    return load_presets([Path(__file__).resolve().parents[1] / "resources" / "presets"],
                        strict=True)


# -- opening hours -----------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["Mo-Fr 08:00-17:00; Sa 09:00-13:00", "24/7",
                                   "Mo-Su 05:00-22:00", "Mo-Fr 08:00-12:00,14:00-17:00"])
def test_opening_hours_maps_can_read_are_accepted(catalogue, value: str):
    assert opening_hours.is_valid(value)
    clinic = catalogue["facility/clinic"]
    assert validate_tags(clinic, clean_tags(clinic, {"opening_hours": value})) == []


@pytest.mark.parametrize("value", ["Monday to Friday 8am to 5pm", "8-5", "weekdays",
                                   "Mo-Fr 25:00-26:00"])
def test_opening_hours_in_other_words_are_refused_with_an_example(catalogue, value: str):
    assert not opening_hours.is_valid(value)
    clinic = catalogue["facility/clinic"]
    problems = validate_tags(clinic, clean_tags(clinic, {"opening_hours": value}))
    assert [p.kind for p in problems] == [ProblemKind.BAD_OPENING_HOURS]
    assert problems[0].key == "opening_hours"
    assert "Mo-Fr 08:00-17:00" in problems[0].message


def test_service_hours_of_a_line_are_checked_too(catalogue):
    line = catalogue["transport_line/minibus"]
    assert line.field("opening_hours").type is FieldType.OPENING_HOURS
    problems = validate_tags(line, clean_tags(line, {"opening_hours": "all day"}))
    assert [p.kind for p in problems] == [ProblemKind.BAD_OPENING_HOURS]


def test_days_and_hours_are_written_as_osm_writes_them():
    weekdays = ["Mo", "Tu", "We", "Th", "Fr"]
    assert opening_hours.days_and_hours(weekdays, "08:00", "17:00") == "Mo-Fr 08:00-17:00"
    assert opening_hours.days_and_hours(["Sa"], "09:00", "13:00", "Mo-Fr 08:00-17:00") \
        == "Mo-Fr 08:00-17:00; Sa 09:00-13:00"
    assert opening_hours.day_ranges(["Fr", "Mo", "We"]) == "Mo,We,Fr"
    assert opening_hours.day_ranges(["Sa", "Su"]) == "Sa,Su"
    assert opening_hours.day_ranges(opening_hours.DAYS) == "Mo-Su"
    assert opening_hours.day_ranges(["Mo", "Tu", "We", "Fr", "Sa", "Su"]) == "Mo-We,Fr-Su"
    for made in ("Mo-Fr 08:00-17:00", "Mo-We,Fr-Su 06:00-22:00", "Mo,We,Fr 18:00-02:00"):
        assert opening_hours.is_valid(made), made
    with pytest.raises(ValueError, match="at least one day"):
        opening_hours.days_and_hours([], "08:00", "17:00")
    with pytest.raises(ValueError, match="08:00"):
        opening_hours.days_and_hours(["Mo"], "8am", "17:00")


# -- the currency of the project's country --------------------------------------------------------

def test_a_project_in_kibera_pays_fares_in_kenyan_shillings(kibera_project: Path):
    from mapping.project import Project

    area = Project(kibera_project).metadata.area_of_interest
    assert currency_of_area(tuple(area)) == "KES"
    assert country_at(36.7819, -1.3133).name == "Kenya"  # Kibera's centre


def test_jakarta_pays_in_rupiah(data_dir: Path):
    west, south, east, north = pyogrio.read_info(
        data_dir / "jakarta" / "buildings.gpkg", force_total_bounds=True)["total_bounds"]
    assert currency_of_area((west, south, east, north)) == "IDR"


def test_accra_pays_in_cedis(data_dir: Path):
    with zipfile.ZipFile(data_dir / "gtfs" / "accra_trotro.zip") as feed:
        stops = list(csv.DictReader(io.TextIOWrapper(feed.open("stops.txt"), "utf-8-sig")))
    lons = [float(s["stop_lon"]) for s in stops]
    lats = [float(s["stop_lat"]) for s in stops]
    area = (min(lons), min(lats), max(lons), max(lats))
    assert area[0] < 0 < area[2]  # Accra straddles the Greenwich meridian
    assert currency_of_area(area) == "GHS"
    assert country_at(-0.1870, 5.6037).currency == "GHS"  # Accra's centre


def test_dakar_pays_in_cfa_francs(data_dir: Path):
    info = pyogrio.read_info(data_dir / "dakar" / "2005_flooded_neighbourhood_chiefs.shp",
                             force_total_bounds=True)
    to_lonlat = Transformer.from_crs(info["crs"], "EPSG:4326", always_xy=True)
    west, south, east, north = to_lonlat.transform_bounds(*info["total_bounds"])
    assert currency_of_area((west, south, east, north)) == "XOF"
    # The tip of the Cap-Vert peninsula, cut off by the coarse coastline: nearest country.
    assert country_at(-17.5130, 14.7450).currency == "XOF"


@pytest.mark.parametrize(("lon", "lat", "currency"), [
    (39.2083, -6.7924, "TZS"),  # Dar es Salaam
    (85.3240, 27.7172, "NPR"),  # Kathmandu
    (106.8456, -6.2088, "IDR"),  # Jakarta
    (-4.0083, 5.3600, "XOF"),  # Abidjan
    (32.5825, 0.3476, "UGX"),  # Kampala
])
def test_currencies_of_cities_we_serve(lon: float, lat: float, currency: str):
    assert country_at(lon, lat).currency == currency


def test_the_open_sea_has_no_currency():
    assert country_at(-30.0, 0.0) is None
    assert currency_of_area(None) is None


# -- plain words in every question ---------------------------------------------------------------

JARGON = re.compile(r"[a-z]+_[a-z]+|\bkeys?\b|\bclés?\b|RFC|WGS|OpenStreetMap (key|tag|syntax)",
                    re.IGNORECASE)


def test_no_question_speaks_in_osm_keys(catalogue):
    found = []
    for preset in catalogue:
        for field in preset.fields:
            for language in ("en", "fr"):
                for what, texts in (("label", field.label), ("help", field.help)):
                    text = texts.get(language, "")
                    if JARGON.search(text):
                        found.append(f"{preset.id} {field.key} {what} [{language}]: {text}")
    assert found == []


def test_every_question_is_in_english_and_french(catalogue):
    missing = [f"{preset.id} {field.key}" for preset in catalogue for field in preset.fields
               if not field.label.get("en") or not field.label.get("fr")
               or bool(field.help) != bool(field.help.get("fr"))]
    assert missing == []


def test_water_points_do_not_ask_about_a_building(catalogue):
    for preset_id in ("facility/water_point", "facility/water_tap", "facility/drinking_water"):
        preset = catalogue[preset_id]
        keys = [field.key for field in preset.fields]
        labels = " ".join(field.label_for(lang) for field in preset.fields for lang in ("en", "fr"))
        assert "condition" not in keys, preset_id
        assert "building" not in labels and "bâtiment" not in labels, preset_id
        assert "operational_status" in keys  # whether it works is what matters
