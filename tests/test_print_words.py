"""Printed maps in Swahili and French: the words on the paper are the catalogue's.

A real map (the Kibera extract with facilities residents mapped, names in Arabic and
Amharic among them) is printed to PDF inside ``using("sw")`` and ``using("fr")``;
poppler's ``pdftotext`` reads the page back. Every expected word is taken from the
compiled catalogue's source (``resources/i18n/<lang>.po``), never from the code.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import unicodedata
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402
from shapely.geometry import Point  # noqa: E402

from layers.i18n import CATALOGUE_DIR, language, using  # noqa: E402
from mapping.store import _gpkg as gpkg  # noqa: E402
from tests.test_export_maps import _feature, _insert  # noqa: E402

ARABIC = "نقطة مياه الحي"
AMHARIC = "የውሃ ቦታ"
SHELTER = "Kituo cha Uokoaji Olympic"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    """Kibera with a clinic, a shelter and two water points named in Arabic and Amharic."""
    from mapping.build import project_from_extract

    path = tmp_path_factory.mktemp("print_words") / "kibera.gpkg"
    project_from_extract(path, data_dir / "osm" / "kibera.osm", name="Kibera")
    connection = gpkg.connect(path)
    with gpkg.transaction(connection):
        _insert(connection, "facilities", _feature(
            Point(36.7868, -1.3122), "facility/clinic", "Zahanati ya Kianda",
            {"amenity": "clinic", "healthcare": "clinic"}))
        _insert(connection, "facilities", _feature(
            Point(36.7905, -1.3101), "facility/evacuation_centre", SHELTER,
            {"emergency:social_facility": "shelter", "capacity": "300"}))
        _insert(connection, "facilities", _feature(
            Point(36.7850, -1.3110), "facility/water_point", ARABIC, {"amenity": "water_point"}))
        _insert(connection, "facilities", _feature(
            Point(36.7880, -1.3130), "facility/water_point", AMHARIC,
            {"amenity": "water_point"}))
    connection.close()
    return path


def catalogue(lang: str) -> dict[str, str]:
    """English -> translation, from ``resources/i18n/<lang>.po`` (plural: first form)."""
    with open(CATALOGUE_DIR / f"{lang}.po", "rb") as stream:
        po = read_po(stream)
    out = {}
    for message in po:
        if not message.id or not message.string:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        value = message.string[0] if isinstance(message.string, tuple) else message.string
        out[key] = value
    return out


def pdf_text(path: Path) -> str:
    """The page's text, every run of white space made one space; Arabic as letters (poppler
    gives the shaped presentation forms, NFKC makes them letters again) without the
    direction marks poppler puts around a right-to-left run."""
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    text = re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


def before_placeholder(sentence: str) -> str:
    """The words of a sentence up to its first placeholder ("Kipimo 1:" of the scale line)."""
    return sentence.split("{", 1)[0].strip()


@pytest.mark.parametrize("lang", ["sw", "fr"])
def test_printed_map_words_come_from_the_catalogue(project: Path, tmp_path: Path,
                                                   lang: str) -> None:
    from mapping.export.printing import export_print

    words = catalogue(lang)
    out = tmp_path / f"facility_{lang}.pdf"
    before = language()
    with using(lang):
        export_print(project, out, template="facility")
    assert language() == before  # the window's language is left as it was
    text = pdf_text(out)
    # Title (project name + the template's title), subtitle, legend heading, list heading.
    title = words["{project} — {map}"].format(project="Kibera", map=words["Facility map"])
    assert title in text
    for english in ("Facilities mapped by residents", "Facilities by name",
                    "Base map"):
        assert words[english] in text, (english, words[english])
    # The words of the header and footer lines.
    month = words[dt.date.today().strftime("%B")]
    printed = words["Printed {date}"].format(date=words["{day} {month} {year}"].format(
        day=dt.date.today().day, month=month, year=dt.date.today().year))
    assert printed in text, printed
    assert before_placeholder(words["Scale 1:{denominator} on {paper} · grid: longitude and "
                                    "latitude (WGS 84) · drawn in {crs}"]) in text
    assert before_placeholder(words["Map data {attribution} · openstreetmap.org/copyright · "
                                    "and the residents who mapped their neighbourhood"]) in text
    # Nothing English is left of those lines.
    for english in ("Facility map", "Printed ", "Scale 1:", "Facilities by name"):
        assert english not in text, english
    # Names typed by residents stay as they were typed, in their own script.
    assert SHELTER in text and AMHARIC in text
    # The Arabic name in logical order (a reversed one would read backwards).
    assert ARABIC in text


def test_printed_map_stays_english_by_default(project: Path, tmp_path: Path) -> None:
    from mapping.export.printing import export_print

    out = tmp_path / "facility_en.pdf"
    export_print(project, out, template="facility")
    text = pdf_text(out)
    assert "Kibera — Facility map" in text and "Facilities by name" in text
    assert "Scale 1:" in text and "Printed " in text


def test_export_language_argument_prints_in_swahili(project: Path, tmp_path: Path) -> None:
    """``export(..., language="sw")`` (what ``quartier export --lang sw`` and the window
    use) prints in Swahili without changing the process's language."""
    from mapping.export import export

    words = catalogue("sw")
    out = tmp_path / "risk_sw.pdf"
    export(project, out, template="risk", language="sw")
    assert language() == "en"
    text = pdf_text(out)
    assert words["Risk and evacuation map"] in text
    assert words["Where the danger is, and where to go"] in text
    assert words["Shelters and evacuation centres"] in text
