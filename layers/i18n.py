"""Every sentence the model says, in the user's language: gettext catalogues.

The model (``layers/``, ``mapping/`` and the command line) writes each user-facing
sentence once, in English, through :func:`tr` (or :func:`ntr` when a number decides
the grammar). The English sentence is the message id; its translations live in
``resources/i18n/<lang>.po`` (compiled to ``<lang>/LC_MESSAGES/quartier.mo``, which
is what is read here, with the standard library's :mod:`gettext`). Nothing ever
re-parses an English sentence to translate it.

Values are named placeholders in ``str.format`` style (``"{name} has no features."``)
filled *after* translation, so a translator can move them. A translation that is
missing, or whose placeholders do not match the English (a typo in a catalogue),
falls back to the English sentence: a person never sees a message id or a broken
format string.

The language is one setting for the whole process (:func:`set_language`): the
window sets it when the person picks a language, the command line from ``--lang``.
:func:`using` switches it for one export (a printed map in Swahili from an English
window) and puts it back.

Words that are data rather than code (preset names, layer titles, hazard class
names) are marked with :func:`N_` where they are written, so that extraction finds
them, and translated with :func:`tr` where they are shown.

``tools/update_catalogues`` extracts the messages (Babel), merges them into each
language's ``.po`` and compiles the ``.mo`` files; ``tests/test_catalogues.py``
checks that every catalogue is complete and that placeholders match.
"""

from __future__ import annotations

import gettext
import locale
import os
import string
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

#: Language code -> its name in that language (never translated: people look for it).
LANGUAGES: dict[str, str] = {"en": "English", "fr": "Français", "sw": "Kiswahili"}
#: The language the messages are written in, and the one everything falls back to.
SOURCE_LANGUAGE = "en"
#: Where the catalogues live: ``<lang>.po`` and ``<lang>/LC_MESSAGES/quartier.mo``.
CATALOGUE_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"
DOMAIN = "quartier"
#: Languages written right to left (none of the interface's yet; names on the map may be).
RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur", "ps"})

_current = SOURCE_LANGUAGE


def set_language(language: str) -> str:
    """Make ``language`` the one every message is given in; returns the one in use.

    An unknown code (or a regional one we do not have, ``fr_SN`` -> ``fr``) falls back
    to its base language, else English.
    """
    global _current
    _current = supported(language) or SOURCE_LANGUAGE
    return _current


def language() -> str:
    """The language messages are given in now."""
    return _current


@contextmanager
def using(language_code: str | None) -> Iterator[str]:
    """Give messages in ``language_code`` inside the block (None: leave as is)."""
    previous = _current
    if language_code:
        set_language(language_code)
    try:
        yield _current
    finally:
        set_language(previous)


def supported(code: str | None) -> str | None:
    """``code`` as one of :data:`LANGUAGES` (``sw_TZ.UTF-8`` -> ``sw``), or None."""
    if not code:
        return None
    base = code.replace("-", "_").split(".")[0].split("@")[0]
    for candidate in (base, base.split("_")[0].lower()):
        if candidate in LANGUAGES:
            return candidate
    return None


def system_language() -> str | None:
    """The system's language if we have it (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``)."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for part in os.environ.get(variable, "").split(":"):
            found = supported(part)
            if found and part not in ("C", "POSIX"):
                return found
    try:
        return supported(locale.getlocale(locale.LC_MESSAGES)[0])
    except (AttributeError, ValueError):  # pragma: no cover - Windows has no LC_MESSAGES
        return None


def choose_language(asked: str | None = None, saved: str | None = None) -> str:
    """The language to use: ``asked`` (``--lang``), else ``saved`` (the setting), else the
    system's, else English."""
    return supported(asked) or supported(saved) or system_language() or SOURCE_LANGUAGE


def catalogue_file(language_code: str) -> Path:
    """The compiled catalogue of ``language_code``."""
    return CATALOGUE_DIR / language_code / "LC_MESSAGES" / f"{DOMAIN}.mo"


@cache
def _catalogue(language_code: str) -> gettext.NullTranslations:
    if language_code == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    path = catalogue_file(language_code)
    try:
        with path.open("rb") as stream:
            return gettext.GNUTranslations(stream)
    except OSError:
        return gettext.NullTranslations()


def _names(template: str) -> set[str]:
    """The placeholder names of a ``str.format`` template (empty if it is not one)."""
    try:
        return {name.split(".")[0].split("[")[0]
                for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError:
        return {"\0broken"}


def _fill(translated: str, english: str, values: dict[str, object]) -> str:
    if not values:
        return translated
    if translated is not english:
        try:
            return translated.format(**values)
        except (KeyError, IndexError, ValueError, AttributeError, TypeError):
            pass  # a broken translation: say it in English rather than not at all
    return english.format(**values)


def tr(message: str, /, **values: object) -> str:
    """``message`` in the current language, with ``{placeholders}`` filled from ``values``.

    Without ``values`` the text is returned as translated, braces and all. An empty
    text stays empty (gettext would give the catalogue's header for it).
    """
    if not message:
        return message
    translated = _catalogue(_current).gettext(message)
    return _fill(translated, message, values)


def ntr(singular: str, plural: str, n: int, /, **values: object) -> str:
    """The form of a sentence that suits the number ``n`` (also ``{n}`` in the text)."""
    values.setdefault("n", n)
    translated = _catalogue(_current).ngettext(singular, plural, n)
    english = singular if n == 1 else plural
    if translated in (singular, plural):
        translated = english
    return _fill(translated, english, values)


def ptr(context: str, message: str, /, **values: object) -> str:
    """Like :func:`tr`, for a short word whose translation depends on ``context``
    ("Open" a file, "open" a facility)."""
    if not message:
        return message
    translated = _catalogue(_current).pgettext(context, message)
    return _fill(translated, message, values)


def tr_in(language_code: str, message: str, /, **values: object) -> str:
    """``message`` in ``language_code`` whatever the current language (without changing
    it, so another thread saying something meanwhile keeps its language)."""
    code = supported(language_code) or SOURCE_LANGUAGE
    if not message:
        return message
    return _fill(_catalogue(code).gettext(message), message, values)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogues where it is written; translate it where shown."""
    return message


#: Thousands separator and decimal point of languages that do not write ``1,234.5``.
_SEPARATORS = {"fr": ("\u202f", ",")}


def number(value: float, decimals: int | None = None) -> str:
    """A figure as people of the current language read it: ``1,234.56`` in English and
    Swahili, ``1 234,56`` in French (a narrow no-break space between thousands).
    Whole numbers have no decimals unless ``decimals`` is given."""
    if decimals is None:
        decimals = 2 if isinstance(value, float) and not float(value).is_integer() else 0
    text = f"{float(value):,.{decimals}f}" if decimals else f"{int(round(value)):,}"
    thousands, point = _SEPARATORS.get(_current, (",", "."))
    if (thousands, point) == (",", "."):
        return text
    return text.replace(",", "\0").replace(".", point).replace("\0", thousands)


def decimal_point() -> str:
    """The decimal point of the current language ("," in French)."""
    return _SEPARATORS.get(_current, (",", "."))[1]


def is_right_to_left(text: str) -> bool:
    """Whether ``text`` starts, in its first strong character, with a right-to-left script."""
    import unicodedata

    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False
