"""Languages of the desktop app: loading translations and translating data words.

The interface strings go through ``self.tr()`` and are translated from
``resources/i18n/quartier_<lang>.qm`` (compiled from the ``.ts`` sources with
``pyside6-lrelease``). Switching language installs another ``QTranslator``; Qt then
sends every widget a ``LanguageChange`` event and each one re-reads its texts
(its ``retranslateUi``).

Some words come from the data rather than from the code: layer titles stored in a
project ("Buildings"), OpenStreetMap keys and values ("amenity=school") and hazard
class labels ("Low (< 0.5 m)"), legend lines of the map style ("Footpath"). They
are translated here, from the contexts ``LayerTitle``, ``OsmKey``, ``OsmValue``,
``HazardClass`` and ``LegendLabel``, listed in :mod:`desktop.data_words`.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

from desktop.settings import LANGUAGE_KEY, app_settings
from layers import i18n as model_words
from layers.i18n import LANGUAGES

DEFAULT_LANGUAGE = model_words.SOURCE_LANGUAGE
I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"


def translation_file(language: str) -> Path:
    """The compiled translation of the app for ``language``."""
    return I18N_DIR / f"quartier_{language}.qm"


def saved_language() -> str:
    """The language chosen in the settings, else the system's if we have it, else English."""
    value = str(app_settings().value(LANGUAGE_KEY, "") or "")
    if value in LANGUAGES:
        return value
    system = QLocale.system().name().split("_")[0]
    return system if system in LANGUAGES else DEFAULT_LANGUAGE


def save_language(language: str) -> None:
    """Remember the language for the next start."""
    app_settings().setValue(LANGUAGE_KEY, language)


class Translations:
    """The translators installed in the application (ours and Qt's own dialogs)."""

    def __init__(self) -> None:
        self.language = DEFAULT_LANGUAGE
        self._installed: list[QTranslator] = []

    def install(self, language: str) -> bool:
        """Switch the whole interface to ``language``; False if it has no translation."""
        if language not in LANGUAGES:
            return False
        # The model's sentences (errors, notes, printed maps) follow the window's language.
        model_words.set_language(language)
        app = QCoreApplication.instance()
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed = []
        self.language = language
        if language == DEFAULT_LANGUAGE:
            # Removing the translators already sent the LanguageChange event.
            return True
        ours = QTranslator(app)
        if not ours.load(str(translation_file(language))):
            return False
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt_own = QTranslator(app)
        if qt_own.load(f"qtbase_{language}", qt_dir):
            app.installTranslator(qt_own)
            self._installed.append(qt_own)
        app.installTranslator(ours)
        self._installed.append(ours)
        return True


def layer_title(title: str) -> str:
    """A layer title from a project, in the interface language; an exposure result's
    ("Buildings exposed to Kianda flood") with the two layers' titles translated."""
    exposed = _EXPOSED.fullmatch(title)
    if exposed:
        return QCoreApplication.translate("LayerTitle", "{0} exposed to {1}").format(
            layer_title(exposed.group(1)), layer_title(exposed.group(2)))
    return QCoreApplication.translate("LayerTitle", title)


#: Title of a saved exposure result (mapping.analysis._result_layers).
_EXPOSED = re.compile(r"(.+?) exposed to (.+)")


def _plain(word: str) -> str:
    return word.replace("_", " ").replace(":", " ").strip().capitalize()


def osm_key(key: str) -> str:
    """An OpenStreetMap key in plain words: ``building_levels`` -> "Building levels"."""
    plain = _plain(key)
    return QCoreApplication.translate("OsmKey", plain)


def osm_value(value: str) -> str:
    """An OpenStreetMap value in plain words: ``place_of_worship`` -> "Place of worship".

    Free text (names, numbers, several words) is left as it is.
    """
    if not re.fullmatch(r"[a-z][a-z0-9_:]*", value):
        return value
    return QCoreApplication.translate("OsmValue", _plain(value))


#: Class words translated in the context ``HazardClass``: those of the ready-made
#: schemes (``mapping.analysis.schemes``), what is in no class, and the older three.
CLASS_WORDS = ("use caution", "not exposed", "not affected", "affected", "very high",
               "moderate", "low", "medium", "high", "dry", "wet")
# A whole class name, alone or followed by its values in brackets ("High (> 1.5 m)");
# a name typed by a user ("high water") stays as typed.
_CLASS_WORD = re.compile(rf"^({'|'.join(CLASS_WORDS)})((?: \(.*\))?)$",
                         re.DOTALL | re.IGNORECASE)
_RESULT_CLASS = re.compile(r"^(within|beyond) (\d+(?:\.\d+)?) (m|min walk)$|^(unreachable)$")
_KIND_SUFFIX = re.compile(r"^(.*) \(([^()]+)\)$", re.DOTALL)


def hazard_label(label: str) -> str:
    """A hazard class label such as "Low (< 0.5 m)" or "not exposed", its class word
    translated (in the same case: a legend line of a result layer is lower case)."""
    match = _CLASS_WORD.match(label)
    if not match:
        return result_label(label)
    word = match.group(1)
    translated = QCoreApplication.translate("HazardClass", word[:1].upper() + word[1:].lower())
    if word[:1].islower():
        translated = translated[:1].lower() + translated[1:]
    return translated + match.group(2)


def result_label(label: str) -> str:
    """A class of an access or evacuation result ("within 500 m", "unreachable"), translated."""
    match = _RESULT_CLASS.match(label)
    if not match:
        return label
    if match.group(4):
        return QCoreApplication.translate("ResultClass", "unreachable")
    source = f"{match.group(1)} %1 {match.group(3)}"
    return QCoreApplication.translate("ResultClass", source).replace("%1", match.group(2))


def legend_label(label: str) -> str:
    """A legend line from the map style ("Footpath"), a hazard class or a result class,
    translated; a class stored in lower case ("not exposed") starts with a capital, as
    the other legend lines do."""
    if _CLASS_WORD.match(label) or _RESULT_CLASS.match(label):
        shown = hazard_label(label)
        return shown[:1].upper() + shown[1:]
    return QCoreApplication.translate("LegendLabel", label)


def search_label(label: str) -> str:
    """A search result such as "Kibera Road (street)" with its kind translated."""
    match = _KIND_SUFFIX.match(label)
    if not match:
        return label
    name, kind = match.groups()
    translated = QCoreApplication.translate("LegendLabel", kind[:1].upper() + kind[1:])
    return f"{name} ({translated[:1].lower() + translated[1:]})"


def search_name(label: str) -> str:
    """The name alone of a search result ("Kibera Road (street)" gives "Kibera Road")."""
    match = _KIND_SUFFIX.match(label)
    return match.group(1) if match else label
