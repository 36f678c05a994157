"""Languages of the desktop app: loading translations and translating data words.

The interface strings go through ``self.tr()`` and are translated from
``resources/i18n/quartier_<lang>.qm`` (compiled from the ``.ts`` sources with
``pyside6-lrelease``). Switching language installs another ``QTranslator``; Qt then
sends every widget a ``LanguageChange`` event and each one re-reads its texts
(its ``retranslateUi``).

Some words come from the data rather than from the code: layer titles stored in a
project ("Buildings"), OpenStreetMap keys and values ("amenity=school") and hazard
class labels ("Low (< 0.5 m)"), legend lines of the map style ("Footpath"). They are
the model's words, translated by :mod:`mapping.render.words` through the model's
catalogues (``resources/i18n/<lang>.po``), so that the window says what the printed
map and the web map say; the functions here hand them to the widgets.
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
from mapping.render import words

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
    """A layer title from a project, in the interface language (see
    :func:`mapping.render.words.layer_title`: a result layer's title is composed from
    its stored parts, the layers' own titles translated)."""
    return words.layer_title(title)


def osm_key(key: str) -> str:
    """An OpenStreetMap key in plain words: ``building_levels`` -> "Building levels"."""
    return words.osm_key(key)


def osm_value(value: str) -> str:
    """An OpenStreetMap value in plain words: ``place_of_worship`` -> "Place of worship".

    Free text (names, numbers, several words) is left as it is.
    """
    return words.osm_value(value)


def hazard_label(label: str) -> str:
    """A hazard class label such as "Low (< 0.5 m)" or "not exposed", or a result class
    ("within 500 m"), translated in the case it is stored in; a name a user typed stays."""
    return words.class_label(label)


def result_label(label: str) -> str:
    """A class of an access or evacuation result ("within 500 m", "unreachable"), translated."""
    return words.class_label(label)


def legend_label(label: str) -> str:
    """A legend line from the map style ("Footpath"), a hazard class or a result class,
    translated; a class stored in lower case ("not exposed") starts with a capital, as
    the other legend lines do."""
    return words.legend_label(label)


def search_label(label: str) -> str:
    """A search result such as "Kibera Road (street)": the renderer gives it in the
    language of the model already (:func:`mapping.render.answers.search`)."""
    return label


def search_name(label: str) -> str:
    """The name alone of a search result ("Kibera Road (street)" gives "Kibera Road")."""
    match = _KIND_SUFFIX.match(label)
    return match.group(1) if match else label


#: A search result's label: the name, then its kind in brackets (answers.search).
_KIND_SUFFIX = re.compile(r"^(.*) \(([^()]+)\)$", re.DOTALL)
