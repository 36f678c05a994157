"""The editing model says its sentences in the person's language, from the catalogues.

A real mapping session on the Kibera sample area (``sample_areas/kibera``), in Swahili
and in French: a wrong answer in the form is refused with the catalogue's sentence and
the form's question in that language; Undo and Redo say the edit in the language of the
moment (the edit is kept in a stable form, not in words); merging says what it did. The
expected sentences are read from the catalogues (``resources/i18n/<lang>.po``), with the
real names and numbers put in.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from shapely.geometry import LineString, Point

from layers.errors import ProjectError, ValidationError
from layers.feature_rules import ProblemKind, clean_tags, validate_tags
from layers.i18n import CATALOGUE_DIR, tr_in, using
from mapping import merge as merging
from mapping.edit_history import Edit, Said
from mapping.editing import EditSession

SAMPLE = Path(__file__).resolve().parent.parent / "sample_areas" / "kibera" / "kibera.osm"
LANGUAGES = ("sw", "fr")


@pytest.fixture(scope="module")
def sample_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Kibera sample area's project, built once from its OpenStreetMap extract."""
    from mapping.build import project_from_extract

    path = tmp_path_factory.mktemp("sample") / "kibera.gpkg"
    project_from_extract(path, SAMPLE)
    return path


@pytest.fixture()
def project(sample_project: Path, tmp_path: Path) -> Path:
    path = tmp_path / "kibera.gpkg"
    shutil.copy(sample_project, path)
    return path


@pytest.fixture(scope="module")
def catalogues() -> dict:
    out = {}
    for language in LANGUAGES:
        with (CATALOGUE_DIR / f"{language}.po").open("rb") as stream:
            out[language] = read_po(stream)
    return out


def said(catalogues: dict, language: str, message: str, /, **values: object) -> str:
    """The catalogue's translation of ``message``, filled (it must be there)."""
    entry = catalogues[language][message]
    assert entry is not None and entry.string, message
    return entry.string.format(**values)


def said_plural(catalogues: dict, language: str, singular: str, n: int, /,
                **values: object) -> str:
    """The catalogue's form of a plural message for ``n`` (French: 0 and 1 singular;
    Swahili: 1 singular)."""
    entry = catalogues[language][singular]
    assert entry is not None and all(entry.string), singular
    one = n <= 1 if language == "fr" else n == 1
    return entry.string[0 if one else 1].format(n=n, **values)


def centre(path: Path) -> tuple[float, float]:
    import json

    with sqlite3.connect(path) as connection:
        (value,) = connection.execute("SELECT value FROM quartier_metadata WHERE key = "
                                      "'area_of_interest'").fetchone()
    west, south, east, north = json.loads(value)
    return (west + east) / 2, (south + north) / 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_wrong_answer_is_refused_in_the_language_naming_the_question(
        project: Path, catalogues: dict, language: str):
    x, y = centre(project)
    with using(language), EditSession(project, "Achieng", language=language) as session:
        clinic = session.presets["facility/clinic"]
        label = clinic.field("capacity").label_for(language)
        assert label != clinic.field("capacity").label_for("en")  # the question is translated
        with pytest.raises(ValidationError) as refused:
            session.add_feature("facilities", Point(x, y), "facility/clinic",
                                {"name": "Zahanati ya Kianda", "capacity": "many"})
        sentence = said(catalogues, language,
                        "{label} must be a whole number (you typed “{value}”).",
                        label=label, value="many")
        assert sentence in str(refused.value)
        assert str(refused.value) == said(
            catalogues, language, "This {preset} cannot be saved yet. {problems}",
            preset=clinic.name(language), problems=sentence)
        assert session.features("facilities").empty  # nothing written

    # The problem says itself again in any language: the English check, said in French or
    # Swahili with the form's question in that language (what the window's form shows).
    problems = validate_tags(clinic, clean_tags(clinic, {"capacity": "many"}), "en")
    assert [p.kind for p in problems] == [ProblemKind.NOT_A_NUMBER]
    english_label = clinic.field("capacity").label_for("en")
    assert problems[0].message == f"{english_label} must be a whole number (you typed “many”)."
    with using(language):
        assert problems[0].sentence(clinic, language) == sentence


@pytest.mark.parametrize("language", LANGUAGES)
def test_undo_and_redo_say_the_edit_in_the_language_of_the_moment(
        project: Path, catalogues: dict, language: str):
    x, y = centre(project)
    with using(language), EditSession(project, "Achieng", language=language) as session:
        clinic = session.presets["facility/clinic"]
        uuid = session.add_feature("facilities", Point(x, y), "facility/clinic",
                                   {"name": "Zahanati ya Kianda"})
        assert session.undo_text == said(catalogues, language, "Add {what}",
                                         what=clinic.name(language))
        session.set_review_status("facilities", uuid, "verified")
        named = said(catalogues, language, "{kind} {name}", kind=clinic.name(language),
                     name="Zahanati ya Kianda")
        verified = said(catalogues, language, "Mark {what} verified", what=named)
        assert session.undo_text == verified
        # Kept in a stable form: the English text for old readers, the words when shown.
        assert session.undo_description == "Mark Clinic Zahanati ya Kianda verified"
        other = "fr" if language == "sw" else "sw"
        with using(other):
            assert session.undo_text == said(
                catalogues, other, "Mark {what} verified",
                what=said(catalogues, other, "{kind} {name}", kind=clinic.name(other),
                          name="Zahanati ya Kianda"))
        assert session.undo()
        assert session.redo_text == verified
        assert session.redo()


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_edit_changed_since_cannot_be_undone_and_says_so(
        project: Path, catalogues: dict, language: str):
    x, y = centre(project)
    with using(language), EditSession(project, "Achieng", language=language) as mine, \
            EditSession(project, "Baraka", language=language) as theirs:
        clinic = mine.presets["facility/clinic"]
        uuid = mine.add_feature("facilities", Point(x, y), "facility/clinic",
                                {"name": "Zahanati ya Kianda"})
        theirs.update_tags("facilities", uuid, {"name": "Zahanati ya Kianda",
                                                "capacity": "40"})
        with pytest.raises(ValidationError) as refused:
            mine.undo()
        assert str(refused.value) == said(
            catalogues, language,
            "Cannot undo “{edit}”: {name} was changed since, by another edit. "
            "Nothing was changed.",
            edit=said(catalogues, language, "Add {what}", what=clinic.name(language)),
            name=said(catalogues, language, "{kind} {name}", kind=clinic.name(language),
                      name="Zahanati ya Kianda"))


def test_an_edit_known_only_in_english_is_shown_as_it_is(project: Path):
    """Edits saved before their descriptions were kept in a stable form say their text."""
    with using("sw"), EditSession(project, "Achieng") as session:
        assert session.edit_text(Edit("Add Clinic", ())) == "Add Clinic"
        kept = Said.of("Add {what}", what={"preset": "facility/clinic",
                                           "layer": "facilities", "name": ""})
        assert Said.from_json(kept.to_json()) == kept
        assert session.edit_text(Edit("Add Clinic", (), kept)) == tr_in(
            "sw", "Add {what}", what=session.presets["facility/clinic"].name("sw"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_stop_place_out_of_range_says_the_number_of_stops_in_the_right_form(
        project: Path, catalogues: dict, language: str):
    x, y = centre(project)
    message = "This line has {n} stop: the new stop's place must be between 1 and {last}."
    with using(language), EditSession(project, "Achieng", language=language) as session:
        line = session.add_feature("transport_lines",
                                   LineString([(x, y), (x + 0.004, y), (x + 0.004, y + 0.003)]),
                                   "transport_line/minibus", {"name": "Kianda - Toi"})
        session.add_stop(line, Point(x + 0.001, y), "Olympic")
        for count in (1, 2):
            with pytest.raises(ValidationError) as refused:
                session.add_stop(line, Point(x + 0.002, y), "Toi", sequence=5)
            assert str(refused.value) == said_plural(catalogues, language, message, count,
                                                     last=count + 1)
            if count == 1:
                session.add_stop(line, Point(x + 0.003, y), "Kianda")
        # Swahili and French both have a singular and a plural form, and they differ.
        assert catalogues[language][message].string[0] != catalogues[language][message].string[1]


@pytest.mark.parametrize("language", LANGUAGES)
def test_merging_says_what_it_did_and_why_it_refuses(
        project: Path, tmp_path: Path, catalogues: dict, language: str):
    x, y = centre(project)
    laptop = tmp_path / "laptop.gpkg"
    shutil.copy(project, laptop)
    with EditSession(laptop, "Chebet") as session:
        uuid = session.add_feature("facilities", Point(x, y), "facility/clinic",
                                   {"name": "Amani Clinic"})
    with sqlite3.connect(laptop) as connection:
        connection.execute("UPDATE quartier_metadata SET value = '\"another extract\"' "
                           "WHERE key = 'source'")
    with using(language):
        report = merging.merge(project, [laptop], contributor="Office")
        assert report.added == 1
        assert report.notes == [said(
            catalogues, language,
            "{name} was made from another area or base extract: only its participatory "
            "layers (facilities, transport, risk zones) were merged.", name="laptop.gpkg")]
        with pytest.raises(ProjectError) as refused:
            merging.keep(project, "both", uuid)
        assert str(refused.value) == said(
            catalogues, language, "“{side}” is not a choice for conflicts: keep mine or theirs.",
            side="both")
        with pytest.raises(ProjectError) as refused:
            merging.keep(project, "theirs", uuid)
        assert str(refused.value) == said(
            catalogues, language,
            "{name} has no merge conflict on the feature {uuid}; quartier conflicts lists them.",
            name="kibera.gpkg", uuid=uuid)
