"""``--lang``: every command speaks Swahili, French or English (issue 14).

Real runs of the installed ``quartier`` command (``.venv/bin/quartier``), in a clean
environment: no saved setting unless a test writes one, a system locale that is none
of ours unless a test sets one. The expected sentences are read from the catalogues
(``resources/i18n/<lang>.po``), never written here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

REPO = Path(__file__).resolve().parents[1]
QUARTIER = Path(sys.executable).parent / "quartier"
I18N = REPO / "resources" / "i18n"
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@cache
def catalogue(language: str) -> dict[str, str | tuple[str, ...]]:
    """msgid -> msgstr of ``resources/i18n/<language>.po`` (plural ids by their singular)."""
    with (I18N / f"{language}.po").open("rb") as stream:
        messages = read_po(stream, locale=language)
    found: dict[str, str | tuple[str, ...]] = {}
    for message in messages:
        if message.id:
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            found[key] = message.string
    return found


def said(language: str, english: str, **values: object) -> str:
    """``english`` as the catalogue of ``language`` says it, filled with ``values``.

    A sentence the catalogue has no translation for yet is said in English (as
    :mod:`layers.i18n` does); :func:`translated` insists on a translation.
    """
    text = (catalogue(language).get(english) if language != "en" else None) or english
    assert isinstance(text, str)
    return text.format(**values)


def translated(language: str, english: str, **values: object) -> str:
    text = catalogue(language).get(english)
    assert text and text != english, f"{language}.po has no translation of {english!r}"
    return said(language, english, **values)


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """This environment with no language of its own and an empty settings folder."""
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    env.update(LANG="C.UTF-8", QUARTIER_SETTINGS_DIR=str(tmp_path / "settings"),
               HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.update(extra)
    return env


def quartier(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(QUARTIER), *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=600, check=False)


def save_language(tmp_path: Path, language: str) -> None:
    """The window's saved language, as QSettings writes it (desktop.settings)."""
    folder = tmp_path / "settings"
    folder.mkdir(exist_ok=True)
    (folder / "quartier.ini").write_text(f"[General]\nlanguage={language}\n",
                                         encoding="utf-8")


def one_sentence(done: subprocess.CompletedProcess) -> str:
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("quartier: ")
    assert "Traceback" not in done.stderr and "usage:" not in done.stderr
    return lines[0].removeprefix("quartier: ")


def test_the_installed_command_is_there():
    assert QUARTIER.is_file(), QUARTIER


@pytest.mark.parametrize("language", ["sw", "fr"])
@pytest.mark.parametrize("where", ["before", "after"])
def test_a_missing_project_is_said_in_the_language_asked(tmp_path: Path, language: str,
                                                         where: str):
    """``--lang`` before or after the command's name (and after its sub-command's)."""
    missing = tmp_path / "mtaa_wetu.gpkg"
    command = ["server", "publish", str(missing), "postgresql://mapper@localhost/quartier"]
    args = (["--lang", language, *command] if where == "before"
            else [*command, f"--lang={language}"])
    done = quartier(*args, env=clean_env(tmp_path), cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert one_sentence(done) == translated(language, "The project {project} does not exist.",
                                            project=missing)


@pytest.mark.parametrize("language", ["sw", "fr"])
def test_a_field_file_without_a_layer_is_said_in_the_language_asked(tmp_path: Path,
                                                                    language: str):
    survey = tmp_path / "utafiti_kibera.csv"
    survey.write_text("name,lat,lon\nZahanati,-1.31,36.78\n", encoding="utf-8")
    done = quartier("import", "kibera.gpkg", str(survey), "--lang", language,
                    env=clean_env(tmp_path), cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert one_sentence(done) == translated(
        language, "Say which layer {file} goes into: --layer facilities, transport_lines or "
        "risk_zones (only a GTFS feed needs none).", file=survey.name)


@pytest.mark.parametrize("language", ["sw", "fr"])
def test_an_empty_extract_is_said_in_the_language_asked(tmp_path: Path, language: str):
    """The model's sentence (layers/osm_files.py) follows --lang too."""
    empty = tmp_path / "kibera.osm.pbf"
    empty.write_bytes(b"")
    done = quartier("--lang", language, "new", "kibera.gpkg", "--osm", str(empty),
                    env=clean_env(tmp_path), cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    expected = translated(
        language, "{name} is empty (0 bytes). Copy or download the extract again.",
        name=empty.name)
    assert one_sentence(done) == expected
    assert not (tmp_path / "kibera.gpkg").exists()


def test_the_saved_language_is_the_default(tmp_path: Path):
    save_language(tmp_path, "fr")
    missing = tmp_path / "quartier_nord.gpkg"
    done = quartier("server", "sync", str(missing), env=clean_env(tmp_path), cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert one_sentence(done) == translated("fr", "The project {project} does not exist.",
                                            project=missing)
    # --lang wins over the saved setting, and over the system's language.
    done = quartier("server", "sync", str(missing), "--lang", "sw",
                    env=clean_env(tmp_path, LANG="fr_FR.UTF-8"), cwd=tmp_path)
    assert one_sentence(done) == translated("sw", "The project {project} does not exist.",
                                            project=missing)


def test_the_saved_language_wins_over_the_system_one(tmp_path: Path):
    save_language(tmp_path, "sw")
    missing = tmp_path / "kaskazini.gpkg"
    done = quartier("server", "sync", str(missing),
                    env=clean_env(tmp_path, LANG="fr_FR.UTF-8"), cwd=tmp_path)
    assert one_sentence(done) == translated("sw", "The project {project} does not exist.",
                                            project=missing)


def test_the_system_language_when_nothing_is_saved(tmp_path: Path):
    missing = tmp_path / "kusini.gpkg"
    done = quartier("server", "sync", str(missing),
                    env=clean_env(tmp_path, LANG="sw_TZ.UTF-8"), cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert one_sentence(done) == translated("sw", "The project {project} does not exist.",
                                            project=missing)
    # A system language Quartier does not speak: English.
    done = quartier("server", "sync", str(missing),
                    env=clean_env(tmp_path, LANG="de_DE.UTF-8"), cwd=tmp_path)
    assert one_sentence(done) == f"The project {missing} does not exist."


@pytest.mark.parametrize("args", [["--lang", "de", "info", "p.gpkg"],
                                  ["info", "p.gpkg", "--lang", "klingon"],
                                  ["info", "p.gpkg", "--lang"]])
def test_an_unknown_language_is_refused_in_one_plain_sentence(tmp_path: Path, args):
    done = quartier(*args, env=clean_env(tmp_path), cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    sentence = one_sentence(done)
    assert "en (English), fr (Français), sw (Kiswahili)" in sentence
    if args[-1] != "--lang":
        assert f"“{args[args.index('--lang') + 1]}”" in sentence


def test_an_unknown_language_is_refused_in_the_saved_one(tmp_path: Path):
    save_language(tmp_path, "sw")
    done = quartier("--lang", "de", "info", "p.gpkg", env=clean_env(tmp_path), cwd=tmp_path)
    assert done.returncode == 2
    assert one_sentence(done) == translated(
        "sw", "Quartier does not speak the language “{code}”. Choose one of: {languages}.",
        code="de", languages="en (English), fr (Français), sw (Kiswahili)")


def test_help_names_the_option_and_loads_no_qt(tmp_path: Path):
    done = quartier("export", "--help", "--lang", "fr", env=clean_env(tmp_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "--lang en|fr|sw" in done.stdout
    assert translated("fr", "language of the messages, printed maps, web maps and reports "
                      "(default: the one chosen in the window, else the system's, else "
                      "English)")[:30] in " ".join(done.stdout.split())
    code = ("import sys; from desktop import cli, cli_lang; cli_lang.start(['--lang', 'sw']); "
            "cli._parser(); print(sorted(m for m in sys.modules if m.startswith('PySide6')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=REPO, env=clean_env(tmp_path), timeout=120, check=True)
    assert loaded.stdout.strip() == "[]"


# ------------------------------------------------------------ exports in Swahili


def _catalogue_words(language: str) -> dict[str, str]:
    """Whole translated words and phrases of the catalogue (no placeholders), long enough
    not to be found by chance."""
    return {english: text for english, text in catalogue(language).items()
            if isinstance(text, str) and text and text != english and "{" not in english
            and len(text) >= 8 and len(english) >= 6}


def _pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True, timeout=120)
    return " ".join(done.stdout.split())


@pytest.mark.parametrize("suffix", [".html", ".pdf"])
def test_export_writes_web_and_printed_maps_in_swahili(tmp_path: Path, kibera_project: Path,
                                                        suffix: str):
    if suffix == ".pdf" and shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) reads the printed map's words")
    env = clean_env(tmp_path, QT_QPA_PLATFORM="offscreen")
    texts = {}
    for language in ("en", "sw"):
        out = tmp_path / f"kibera_{language}{suffix}"
        args = (["--lang", language, "export", str(kibera_project), "--to", str(out)]
                if language == "sw" else
                ["export", str(kibera_project), "--to", str(out), "--lang", language])
        done = quartier(*args, env=env, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert said(language, "Wrote {path}", path=out) in done.stdout.splitlines()
        texts[language] = (out.read_text(encoding="utf-8") if suffix == ".html"
                           else _pdf_text(out))
    swahili = {english: text for english, text in _catalogue_words("sw").items()
               if english in texts["en"] and text in texts["sw"] and text not in texts["en"]}
    assert len(swahili) >= 3, sorted(swahili.items())


def test_help_is_in_the_language_asked(tmp_path: Path):
    done = quartier("--lang", "sw", "export", "--help", env=clean_env(tmp_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.split())
    assert done.stdout.startswith(translated("sw", "usage: ") + "quartier export")
    for english in ("the file to write", "show this help message and exit",
                    "export only this layer (repeat for several)"):
        assert translated("sw", english) in text, english


def test_argparse_refusals_are_in_the_language_asked(tmp_path: Path):
    save_language(tmp_path, "fr")
    done = quartier("info", env=clean_env(tmp_path), cwd=tmp_path)
    assert done.returncode == 2
    required = catalogue("fr")["the following arguments are required: %s"]
    assert isinstance(required, str) and required != "the following arguments are required: %s"
    assert required % "project" in done.stderr
    assert done.stderr.startswith(translated("fr", "usage: ") + "quartier info")


@pytest.mark.parametrize("language", ["sw", "fr"])
def test_a_project_summary_in_the_language_asked(tmp_path: Path, kibera_project: Path,
                                                 language: str):
    env = clean_env(tmp_path)
    done = quartier("info", str(kibera_project), "--lang", language, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    for english, line in zip(("Project:", "Source:", "Area:", "Attribution:"), lines,
                             strict=False):
        assert line.startswith(translated(language, english)), (english, line)
    assert str(kibera_project) in lines[0]
    heading = next(line for line in lines if line.startswith(translated(language, "layer")))
    assert translated(language, "features") in heading
    # No hazard layer yet: said in the language, with the command to add one.
    done = quartier("--lang", language, "hazard", "list", str(kibera_project), env=env,
                    cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == translated(
        language, "No hazard layers. Add one with 'quartier hazard add PROJECT FILE --name NAME'.")
