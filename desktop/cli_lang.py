"""``--lang``: the language of everything a ``quartier`` command says and writes.

Every command takes ``--lang sw|fr|en``, before or after its name (``quartier --lang sw
info p.gpkg`` and ``quartier info p.gpkg --lang sw``): the command line's own
sentences, the model's messages, and what ``export``, ``analyse``, ``evacuate`` and
``progress`` write (printed maps, web maps, reports). Without it the language is the
one chosen in the window (the saved setting), else the system's, else English
(:func:`layers.i18n.choose_language`).

The language is known before the parser is built (:func:`language_asked` reads the
arguments first), so the parser's help is in that language too, and argparse's own
words (its usage line, headings and refusals) go through the same catalogues
(:func:`speak_argparse`). The saved setting is
read from the settings' ini file without Qt where it is one (Linux, or
``QUARTIER_SETTINGS_DIR``), so ``quartier --help`` stays quick; elsewhere (the Windows
registry, macOS preferences) ``PySide6.QtCore`` is imported for it, and only that.
"""

from __future__ import annotations

import argparse
import configparser
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from layers.i18n import LANGUAGES, N_, choose_language, ntr, set_language, supported, tr

OPTION = "--lang"
#: Kept in step with desktop.settings (which imports Qt, so is not imported here).
SETTINGS_DIR_VARIABLE = "QUARTIER_SETTINGS_DIR"
LANGUAGE_KEY = "language"


class UnknownLanguage(Exception):
    """``--lang`` names a language Quartier does not speak (the value is the code)."""


def language_asked(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` in ``argv`` (the last one wins), or None.

    Raises :class:`UnknownLanguage` for a code that is not one of
    :data:`layers.i18n.LANGUAGES` (``sw_TZ`` is read as ``sw``), and for ``--lang`` with
    nothing after it.
    """
    asked: str | None = None
    words = list(argv)
    for index, word in enumerate(words):
        if word == "--":
            break
        if word == OPTION:
            value = words[index + 1] if index + 1 < len(words) else ""
        elif word.startswith(OPTION + "="):
            value = word.split("=", 1)[1]
        else:
            continue
        if supported(value) is None:
            raise UnknownLanguage(value)
        asked = supported(value)
    return asked


def _ini_file() -> Path | None:
    """The settings file when it is an ini file Python can read, else None."""
    folder = os.environ.get(SETTINGS_DIR_VARIABLE)
    if folder:
        return Path(folder) / "quartier.ini"
    if sys.platform.startswith(("win", "darwin")):
        return None
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "Quartier" / "Quartier.conf"


def saved_language() -> str | None:
    """The language chosen in the window (``desktop.settings``), or None."""
    path = _ini_file()
    if path is not None:
        if not path.is_file():
            return None
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        try:
            parser.read(path, encoding="utf-8")
            value = parser.get("General", LANGUAGE_KEY, fallback="")
        except (configparser.Error, OSError, UnicodeDecodeError):
            value = _read_with_qt()
        return supported(value.strip().strip('"'))
    return supported(_read_with_qt())


def _read_with_qt() -> str:
    from PySide6.QtCore import QSettings

    folder = os.environ.get(SETTINGS_DIR_VARIABLE)
    if folder:
        settings = QSettings(str(Path(folder) / "quartier.ini"), QSettings.Format.IniFormat)
    else:
        settings = QSettings("Quartier", "Quartier")
    return str(settings.value(LANGUAGE_KEY, "") or "")


def start(argv: Sequence[str]) -> str:
    """Set the language of the whole process from ``argv`` and the settings; returns it.

    Raises :class:`UnknownLanguage` (after setting the default language, in which the
    refusal is then said).
    """
    try:
        asked = language_asked(argv)
    except UnknownLanguage:
        set_language(choose_language(None, saved_language()))
        raise
    return set_language(choose_language(asked, None if asked else saved_language()))


def unknown_language(code: str) -> str:
    """The sentence refusing ``--lang code``, listing the languages there are."""
    listed = ", ".join(f"{code_} ({name})" for code_, name in LANGUAGES.items())
    if not code:
        return tr("--lang needs a language: {languages}.", languages=listed)
    return tr("Quartier does not speak the language “{code}”. Choose one of: {languages}.",
              code=code, languages=listed)


#: argparse's own words, as argparse writes them (``%`` placeholders, filled by argparse).
ARGPARSE_WORDS = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"), N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("one of the arguments %s is required"), N_("not allowed with argument %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"), N_("expected one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)


def _argparse_gettext(message: str) -> str:
    return tr(message)  # no values: argparse fills its own placeholders


def _argparse_ngettext(singular: str, plural: str, n: int) -> str:
    return ntr(singular, plural, n)


def speak_argparse() -> None:
    """Let argparse say its own words (:data:`ARGPARSE_WORDS`) in the current language.

    argparse looks its words up with the module-level ``_`` and ``ngettext`` it imported
    from :mod:`gettext`; they are pointed at the catalogues here, for this process only
    (changing :mod:`gettext`'s global domain instead would change every other library's).
    """
    argparse._ = _argparse_gettext  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_ngettext  # type: ignore[attr-defined]


def add_option(parser: argparse.ArgumentParser) -> None:
    """Give ``parser`` the ``--lang`` option (it is read before parsing, by :func:`start`)."""
    parser.add_argument(
        OPTION, metavar="|".join(LANGUAGES), default=argparse.SUPPRESS,
        help=tr("language of the messages, printed maps, web maps and reports (default: "
                "the one chosen in the window, else the system's, else English)"))
