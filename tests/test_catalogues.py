"""The model's message catalogues: complete, up to date with the code, placeholders intact.

Every language's ``.po`` must translate every message the code and data files say
(extracted anew here with Babel, so a sentence added to the code without a
translation fails this test), each translation must keep the English sentence's
``{placeholders}`` (in every plural form), and the compiled ``.mo`` must be what
the ``.po`` says. Then :mod:`layers.i18n` itself: plural rules of each language,
the fallback to English for a missing or broken translation.
"""

from __future__ import annotations

import io
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from layers import i18n

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = [code for code in i18n.LANGUAGES if code != i18n.SOURCE_LANGUAGE]


def _placeholders(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def _catalogue(language: str) -> Catalog:
    with (ROOT / "resources" / "i18n" / f"{language}.po").open("rb") as stream:
        return read_po(stream, locale=language)


def test_catalogues_are_up_to_date_with_the_code() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "update_catalogues.py"),
                          "--check"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language: str) -> None:
    catalogue = _catalogue(language)
    untranslated = []
    for message in catalogue:
        if not message.id:
            continue
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(forms) or "fuzzy" in message.flags:
            untranslated.append(message.id)
    assert len(catalogue) > 200
    assert untranslated == [], f"{len(untranslated)} untranslated in {language}.po"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_match_the_english(language: str) -> None:
    wrong = []
    for message in _catalogue(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        try:
            english = set(_placeholders(ids[-1])) | set(_placeholders(ids[0]))
            for form in forms:
                if form and set(_placeholders(form)) - english:
                    wrong.append((ids[0], form))
                elif form and not isinstance(message.id, tuple) and \
                        set(_placeholders(form)) != english:
                    wrong.append((ids[0], form))
        except ValueError as error:  # an unbalanced brace
            wrong.append((ids[0], str(error)))
    assert wrong == []


def test_plural_rules_of_each_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """French says "0 bâtiment" (singular), Swahili and English "0 buildings"."""
    forms = {"fr": ("{n} bâtiment touché", "{n} bâtiments touchés"),
             "sw": ("jengo {n} limeathirika", "majengo {n} yameathirika")}
    for language, (one, many) in forms.items():
        catalogue = Catalog(locale=language)
        catalogue.add(("{n} building affected", "{n} buildings affected"), (one, many))
        folder = tmp_path / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        with (folder / "quartier.mo").open("wb") as stream:
            write_mo(stream, catalogue)
    monkeypatch.setattr(i18n, "CATALOGUE_DIR", tmp_path)
    i18n._catalogue.cache_clear()
    try:
        said = {(language, n): _say(language, n)
                for language in ("en", "fr", "sw") for n in (0, 1, 2, 1234)}
    finally:
        i18n._catalogue.cache_clear()
    assert said[("fr", 0)] == "0 bâtiment touché"
    assert said[("fr", 1)] == "1 bâtiment touché"
    assert said[("fr", 2)] == "2 bâtiments touchés"
    assert said[("sw", 0)] == "majengo 0 yameathirika"
    assert said[("sw", 1)] == "jengo 1 limeathirika"
    assert said[("sw", 1234)] == "majengo 1234 yameathirika"
    assert said[("en", 0)] == "0 buildings affected"
    assert said[("en", 1)] == "1 building affected"


def _say(language: str, n: int) -> str:
    with i18n.using(language):
        return i18n.ntr("{n} building affected", "{n} buildings affected", n)


def test_a_missing_or_broken_translation_falls_back_to_english(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue = Catalog(locale="sw")
    catalogue.add("{name} has no features.", "{jina} haina vipengele.")  # a translator's typo
    catalogue.add("The disk is full.", "Diski imejaa.")
    catalogue.add("{n} road", "")
    folder = tmp_path / "sw" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    buffer = io.BytesIO()
    write_mo(buffer, catalogue)
    (folder / "quartier.mo").write_bytes(buffer.getvalue())
    monkeypatch.setattr(i18n, "CATALOGUE_DIR", tmp_path)
    i18n._catalogue.cache_clear()
    try:
        with i18n.using("sw"):
            assert i18n.tr("The disk is full.") == "Diski imejaa."
            assert i18n.tr("{name} has no features.", name="roads.gpkg") == \
                "roads.gpkg has no features."
            assert i18n.tr("A sentence nobody translated.") == "A sentence nobody translated."
            assert i18n.tr("{n} road", n=3) == "3 road"
        assert i18n.language() == "en"
    finally:
        i18n._catalogue.cache_clear()


def test_choosing_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "sw_KE.UTF-8")
    assert i18n.choose_language("fr", "en") == "fr"
    assert i18n.choose_language(None, "fr") == "fr"
    assert i18n.choose_language(None, None) == "sw"
    assert i18n.choose_language("xx", None) == "sw"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert i18n.choose_language(None, "de") == "en"
    assert i18n.supported("fr_SN") == "fr"


def test_right_to_left_names() -> None:
    assert i18n.is_right_to_left("مدرسة النور")
    assert not i18n.is_right_to_left("ትምህርት ቤት")  # Amharic is written left to right
    assert not i18n.is_right_to_left("123 Kibera")


def _calls_in_code() -> dict[str, str]:
    """Every literal message of a ``tr``/``ntr``/``ptr``/``tr_in``/``N_`` call, found with
    Python's own parser (a second reader beside Babel: Babel skips calls written inside
    f-strings), with the file it is in."""
    import ast

    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from update_catalogues import python_sources
    finally:
        sys.path.pop(0)
    found: dict[str, str] = {}
    position = {"tr": 0, "ntr": 0, "ptr": 1, "tr_in": 1, "N_": 0}
    for path in python_sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else (
                node.func.attr if isinstance(node.func, ast.Attribute) else None)
            if name not in position or len(node.args) <= position[name]:
                continue
            argument = node.args[position[name]]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.setdefault(argument.value, str(path.relative_to(ROOT)))
    return found


def test_every_message_in_the_code_is_in_the_catalogues() -> None:
    with (ROOT / "resources" / "i18n" / "messages.pot").open("rb") as stream:
        template = read_po(stream)
    ids = {m.id[0] if isinstance(m.id, tuple) else m.id for m in template if m.id}
    calls = _calls_in_code()
    assert len(calls) > 1000
    assert {text: where for text, where in calls.items() if text not in ids} == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_empty_text_stays_empty(language: str) -> None:
    """gettext answers "" with the catalogue's header ("Project-Id-Version: ..."): an
    empty title on a printed map must stay empty."""
    assert "Project-Id-Version" in i18n._catalogue(language).gettext("")
    with i18n.using(language):
        assert i18n.tr("") == ""
        assert i18n.ptr("OsmKey", "") == ""
    assert i18n.tr_in(language, "") == ""


def test_numbers_are_written_as_each_language_writes_them() -> None:
    """French writes 1 234,5 (a narrow no-break space, a decimal comma): in reports and on
    the scale bar of the map and of printed maps; English and Swahili write 1,234.5."""
    from mapping.render.decorations import format_length

    with i18n.using("fr"):
        assert i18n.number(1234.5, 1) == "1\u202f234,5"
        assert i18n.decimal_point() == ","
        assert format_length(1500) == i18n.tr("{distance} km", distance="1,5")
    with i18n.using("sw"):
        assert i18n.number(1234.5, 1) == "1,234.5"
        assert format_length(1500) == i18n.tr("{distance} km", distance="1.5")
        assert format_length(1500).startswith("km")  # Swahili puts the unit first
    assert i18n.number(1234) == "1,234"
    assert format_length(250) == "250 m"
