"""The layers' words in Swahili and French: real bad inputs give the catalogue's sentence.

Each test reads real data (``sample_areas/``, ``../shared/data``), or a real file cut
short, inside ``using("sw")`` / ``using("fr")``, and checks that the error or note is
the sentence the catalogue (``resources/i18n/<lang>.po``) holds, with the real file
name and numbers in it. Expected sentences are read from the ``.po`` files, never
written here, so a new translation does not break the test but a message that
bypasses the catalogue (English left in, a glued fragment) does.
"""

from __future__ import annotations

import re
import shutil
import string
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from layers.errors import EmptyExtractError, InputFileError, OutsideAreaError
from layers.i18n import CATALOGUE_DIR, ntr, using
from layers.layer_import import read_raster, read_vector
from layers.osm_extract import read_extract
from layers.osm_files import check_extract_file
from layers.presets import load_presets

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
JAKARTA = ROOT / "sample_areas" / "jakarta"
KIBERA_OSM = ROOT / "sample_areas" / "kibera" / "kibera.osm"
KIBERA_VILLAGES = SHARED / "kibera" / "villages.shp"
ACCRA_GTFS = SHARED / "gtfs" / "accra_trotro.zip"
#: Central Jakarta and Kibera (Nairobi): two project areas far apart.
JAKARTA_AREA = (106.82, -6.20, 106.97, -6.11)
KIBERA_AREA = (36.77, -1.32, 36.81, -1.30)
LANGUAGES = ("sw", "fr")


@cache
def _catalogue(language: str) -> Catalog:
    with (CATALOGUE_DIR / f"{language}.po").open("rb") as stream:
        return read_po(stream, locale=language)


def said(language: str, english: str, form: int = 0) -> str:
    """The catalogue's translation of ``english`` (a plural form's ``form``)."""
    message = _catalogue(language).get(english)
    assert message is not None, f"{english!r} is not in {language}.po"
    text = message.string[form] if isinstance(message.string, tuple) else message.string
    assert text, f"{english!r} has no {language} translation"
    assert text != english or not re.sub(r"\{[^}]*\}|[\W_]", "", english), \
        f"{english!r} is left in English in {language}.po"
    return text


def pattern(template: str, **known: object) -> re.Pattern[str]:
    """A regular expression of ``template`` with ``known`` placeholders filled in and the
    others (values the code computes: sizes, bounds, a reader's words) left open."""
    out = ""
    for literal, name, spec, conversion in string.Formatter().parse(template):
        out += re.escape(literal)
        if name is None:
            continue
        if name in known:
            value = known[name]
            value = repr(value) if conversion == "r" else value
            out += re.escape(format(value, spec or ""))
        else:
            out += ".+?"
    return re.compile(out + r"\Z", re.DOTALL)


def _require(*paths: Path) -> None:
    for path in paths:
        if not path.exists():
            pytest.skip(f"{path} is not on this machine")


# ---------------------------------------------------------------- OpenStreetMap extracts


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_empty_extract_is_refused_in_the_language_asked(tmp_path: Path, language: str) -> None:
    empty = tmp_path / "mtaa_wetu.osm.pbf"
    empty.write_bytes(b"")
    with using(language), pytest.raises(InputFileError) as caught:
        check_extract_file(empty)
    english = "{name} is empty (0 bytes). Copy or download the extract again."
    assert str(caught.value) == said(language, english).format(name="mtaa_wetu.osm.pbf")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_truncated_pbf_names_the_file_and_its_size(tmp_path: Path, language: str) -> None:
    """Kibera's extract written as .pbf, then cut in half as a broken copy would be."""
    import osmium

    _require(KIBERA_OSM)
    whole = tmp_path / "kibera_whole.osm.pbf"
    writer = osmium.SimpleWriter(str(whole))
    try:
        for item in osmium.FileProcessor(str(KIBERA_OSM)):
            writer.add(item)
    finally:
        writer.close()
    cut = tmp_path / "kibera.osm.pbf"
    data = whole.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    with using(language), pytest.raises(InputFileError) as caught:
        read_extract(cut)
    message = str(caught.value)
    template = said(language, "{name} cannot be read: {what} (reader said: {detail}). "
                              "Copy or download the extract again; nothing was created.")
    assert pattern(template, name="kibera.osm.pbf").match(message), message
    ends_early = said(language, "it ends too early, after {size:.1f} MB, so it was probably "
                                "cut off while copying").format(size=cut.stat().st_size / 1e6)
    damaged = said(language, "its content is damaged or it is not OpenStreetMap data")
    assert ends_early in message or damaged in message, message
    assert "cannot be read" not in message  # nothing left in English


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_bbox_outside_the_extract_says_so(language: str) -> None:
    _require(KIBERA_OSM)
    with using(language), pytest.raises(EmptyExtractError) as caught:
        read_extract(KIBERA_OSM, bbox=JAKARTA_AREA)
    template = said(language, "There are no map features inside --bbox {bbox} in {name}. The "
                              "extract covers {extent}: check the order west,south,east,north "
                              "and that the area lies inside it.")
    assert pattern(template, name="kibera.osm",
                   bbox=",".join(f"{v:.5f}" for v in JAKARTA_AREA)).match(str(caught.value))


# ---------------------------------------------------------------- layers outside the area


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_vector_layer_outside_the_project_area(language: str) -> None:
    """Kibera's villages imported into a Jakarta project."""
    _require(KIBERA_VILLAGES)
    with using(language), pytest.raises(OutsideAreaError) as caught:
        read_vector(KIBERA_VILLAGES, JAKARTA_AREA)
    template = said(language, "{name} (read as {crs}) covers {bounds}, which does not overlap "
                              "the project area {area} (longitude,latitude: west,south to "
                              "east,north). Check that it is the right file and that its "
                              "coordinate system is right, or add --allow-outside to import "
                              "it anyway.")
    assert pattern(template, name="villages.shp",
                   area="106.8200,-6.2000 to 106.9700,-6.1100").match(str(caught.value))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_flood_raster_outside_the_project_area(language: str) -> None:
    """Jakarta's flood depths imported into a Kibera project."""
    raster = JAKARTA / "flood_depth.tif"
    _require(raster)
    with using(language), pytest.raises(OutsideAreaError) as caught:
        read_raster(raster, KIBERA_AREA)
    template = said(language, "{name} (read as {crs}) covers {bounds}, which does not overlap "
                              "the project area {area} (longitude,latitude: west,south to "
                              "east,north). Check that it is the right file and that its "
                              "coordinate system is right, or add --allow-outside to import "
                              "it anyway.")
    assert pattern(template, name="flood_depth.tif").match(str(caught.value))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_cut_gtfs_zip_is_refused(tmp_path: Path, language: str) -> None:
    from layers.gtfs_feed import read_feed

    _require(ACCRA_GTFS)
    cut = tmp_path / "accra_trotro.zip"
    data = ACCRA_GTFS.read_bytes()
    cut.write_bytes(data[: len(data) // 3])
    with using(language), pytest.raises(InputFileError) as caught:
        read_feed(cut)
    assert str(caught.value) == said(
        language, "{name} is not a readable ZIP file (it may be truncated or not a ZIP at "
                  "all). Nothing was imported.").format(name="accra_trotro.zip")


def test_a_missing_layer_file_in_swahili(tmp_path: Path) -> None:
    gone = tmp_path / "mafuriko.gpkg"
    with using("sw"), pytest.raises(InputFileError) as caught:
        read_vector(gone, JAKARTA_AREA)
    assert str(caught.value) == said(
        "sw", "{path} does not exist. Check the file name and folder.").format(path=gone)


# ---------------------------------------------------------------- plural forms


@pytest.mark.parametrize("language", LANGUAGES)
def test_features_kept_near_the_area_use_the_plural_form(language: str) -> None:
    """Jakarta's buildings read for a small part of the sample area: most are left out."""
    buildings = JAKARTA / "buildings.gpkg"
    _require(buildings)
    small = (106.83, -6.19, 106.84, -6.18)
    with using(language):
        layer = read_vector(buildings, small)
    plural = said(language, "Kept the {kept} of {n} feature that reach the project area.", 1)
    kept = [n for n in layer.notes if pattern(plural).match(n)]
    assert len(kept) == 1, layer.notes
    numbers = [int(x) for x in re.findall(r"\d+", kept[0])]
    assert numbers[0] == len(layer.frame) < numbers[1] == layer.source_count


@pytest.mark.parametrize(("language", "count", "form"),
                         [("sw", 1, 0), ("sw", 0, 1), ("sw", 7, 1),
                          ("fr", 1, 0), ("fr", 0, 0), ("fr", 7, 1)])
def test_plural_rules_of_a_layer_note(language: str, count: int, form: int) -> None:
    """French says "0 objet" (0 and 1 singular), Swahili "vipengele 0" (only 1 singular)."""
    singular = "Left out {n} feature with no geometry."
    with using(language):
        text = ntr(singular, "Left out {n} features with no geometry.", count)
    assert text == said(language, singular, form).format(n=count)


# ---------------------------------------------------------------- presets


@pytest.fixture(scope="module")
def presets():
    return load_presets([ROOT / "resources" / "presets"], strict=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_preset_names_labels_options_and_help_come_from_the_catalogue(presets,
                                                                      language: str) -> None:
    clinic = presets["facility/clinic"]
    assert clinic.name(language) == said(language, "Clinic")
    hours = clinic.field("opening_hours")
    assert hours is not None
    assert hours.label_for(language) == said(language, "Opening hours")
    assert hours.help_for(language) == said(
        language, "Like Mo-Fr 08:00-17:00; Sa 08:00-12:00, or 24/7 if always open.")
    condition = clinic.field("condition")
    assert condition is not None
    assert [o.label_for(language) for o in condition.options][0] == said(language, "Good")
    currency = presets["transport_line/minibus"].field("fare:currency")
    assert currency is not None and currency.hint_for(language) == said(
        language, "a three-letter currency code in capitals, like KES")


def test_every_builtin_preset_has_a_swahili_name_and_swahili_search_words(presets) -> None:
    for preset in presets:
        swahili, french, english = preset.name("sw"), preset.name("fr"), preset.name("en")
        assert swahili != english and swahili != french, preset.id
        assert preset.terms.get("sw"), preset.id
        for field in preset.fields:
            if field.label_for("en") not in ("Description",):
                assert field.label_for("sw") != field.label_for("fr"), (preset.id, field.key)


def test_swahili_words_find_the_presets(presets) -> None:
    assert presets.search("zahanati", "sw")[0].id == "facility/clinic"
    assert presets.search("kituo cha uokoaji", "sw")[0].id == "facility/evacuation_centre"
    assert presets.search("bodaboda", "sw")[0].id.endswith("motorcycle_taxi")
    # A translated name is found in any language, as an inline one was.
    assert presets.search("clinique", "en")[0].id == "facility/clinic"


def test_a_preset_file_problem_in_swahili(tmp_path: Path) -> None:
    folder = tmp_path / "presets"
    folder.mkdir()
    shutil.copy(ROOT / "resources" / "presets" / "fields.json", folder / "fields.json")
    (folder / "ngo.json").write_text('{"presets": [{"id": "facility/kisima", '
                                     '"layer": "facilities", "name": "Borehole", '
                                     '"tags": {}}]}', encoding="utf-8")
    with using("sw"):
        catalogue = load_presets([folder])
    assert len(catalogue.problems) == 1
    problem = catalogue.problems[0]
    where = said("sw", "preset {number} ({id})").format(number=1, id="'facility/kisima'")
    reason = said("sw", '"tags" is empty: a preset needs at least one tag, like {example}.')
    assert problem.message == said("sw", "{where}: {problem}").format(
        where=where, problem=reason.format(example='{"amenity": "clinic"}'))
    assert str(problem).startswith("ngo.json: ")


# ---------------------------------------------------------------- hazard classes


@pytest.mark.parametrize("language", LANGUAGES)
def test_swahili_class_words_and_the_notes_on_the_rest(language: str) -> None:
    """Kibera's villages, classed by residents in Swahili; words it does not know and
    empty cells are counted in the notes, with the plural form of the count."""
    import geopandas as gpd

    from layers.hazard_classes import HazardType
    from layers.hazards import choose_classification, classify_features

    _require(KIBERA_VILLAGES)
    villages = gpd.read_file(KIBERA_VILLAGES)
    assert len(villages) >= 6
    words = ["juu", "Wastani", "chini", "hakuna", "sijui", None]
    villages["hatari"] = [words[i % len(words)] for i in range(len(villages))]
    classification = choose_classification(villages, HazardType.FLOOD, "hatari",
                                           class_map={"juu": 3, "wastani": 2, "chini": 1,
                                                      "hakuna": 0})
    with using(language):
        codes, notes = classify_features(villages, classification)
    assert list(codes[:5]) == [3, 2, 1, 0, 0]
    unknown = sum(1 for i in range(len(villages)) if i % len(words) == 4)
    empty = sum(1 for i in range(len(villages)) if i % len(words) == 5)
    form = {"sw": lambda n: 0 if n == 1 else 1, "fr": lambda n: 0 if n <= 1 else 1}[language]
    assert notes == [
        said(language, "{n} feature has a {column} value with no class ({values}); it is not "
                       "drawn.", form(unknown)).format(n=unknown, column="hatari",
                                                       values="sijui"),
        said(language, "{n} feature has no {column} value; it is not drawn.",
             form(empty)).format(n=empty, column="hatari")]


def test_swahili_class_words_are_recognised_without_a_class_map() -> None:
    import geopandas as gpd

    from layers.hazard_classes import HazardType
    from layers.hazards import choose_classification, classify_features

    _require(KIBERA_VILLAGES)
    villages = gpd.read_file(KIBERA_VILLAGES).head(4)
    villages["hatari"] = ["juu", "wastani", "chini", "hakuna"]
    codes, notes = classify_features(villages, choose_classification(
        villages, HazardType.FLOOD, "hatari"))
    assert list(codes) == [3, 2, 1, 0] and notes == []
