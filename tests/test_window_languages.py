"""The window in each language: no English left on the main screens.

Opens the real Kibera project in the main window, switches the interface with the
Language menu as a person would (English, then French, then Swahili), and reads every
text a person sees: the menus and all their entries, the toolbars, the titles and the
labels, buttons, lists and tables of every panel (layers, legend, identify, analysis,
transport service), the status bar, and the settings, new-project, export and
mapping-session dialogs. In French and in Swahili no text may be the same as one the
English window shows, apart from the few words listed in :data:`SAME_IN` (names, file
formats and words spelt the same in that language), each with its reason.

A string missing from ``quartier_fr.ts`` or ``quartier_sw.ts``, left unfinished there,
or shown without ``self.tr()`` makes this test fail and name it.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytestmark = pytest.mark.gui

TIMEOUT = 30000

#: Texts allowed to be the same as in English, per language, and why.
SAME_IN: dict[str, dict[str, str]] = {
    "*": {
        "Quartier": "the program's name",
        "OpenStreetMap": "a name (glossary: never translated)",
        "English": "each language is offered in its own words",
        "Français": "each language is offered in its own words",
        "Kiswahili": "each language is offered in its own words",
        "Kibera": "the project's name",
        "Kibera, Nairobi (Kenya)": "place names of the sample area",
        "UTM": "the name of a coordinate system",
        "OK": "Qt's own button, the same word in French and in Swahili use",
        "GeoPackage": "a file format",
        "GeoJSON": "a file format",
        "Shapefile": "a file format",
        "XLSForm": "a file format",
        "GTFS": "a file format",
        "PDF": "a file format",
        "Tsunami": "the same word in the three languages (glossary)",
        "JOSM": "a program's name",
        "kibera": "the project file's name, offered as the web map's title",
        "Sphere": "the name of a humanitarian standard (minimum needs profile)",
        "Mozambique": "a country's name (minimum needs profile)",
        "Philippines": "a country's name (minimum needs profile)",
        "Saint Lucia": "a country's name (minimum needs profile)",
        "Tanzania": "a country's name (minimum needs profile)",
    },
    "fr": {
        "Format": "the same word in French",
        "Options": "the same word in French",
        "Version": "the same word in French",
        "Type": "the same word in French",
        "Distance": "the same word in French",
        "Position": "the same word in French",
        "Total": "the same word in French",
        "Transport": "the same word in French",
        "Description": "the same word in French",
        "Orientation": "the same word in French",
        "Portrait": "the same word in French",
        "Source": "the same word in French",
        "Note": "the same word in French",
        "Population": "the same word in French",
        "Village": "the same word in French",
        "Point": "the same word in French",
        "Structure": "the same word in French",
        "Relation": "the same word in French",
        "Restaurant": "the same word in French",
        "Canal": "the same word in French",
        "Commercial": "the same word in French",
        "Religion": "the same word in French",
        "Pharmacies": "the same word in French",
        "Session": "the same word in French",
    },
    "sw": {},
}

#: Widgets allowed to keep the language they were filled in (none now: the analysis
#: panel's layer lists are filled again, and the Describe heading re-read, on a change).
KNOWN_GAPS: dict[str, str] = {}


def _plain(text: str) -> str:
    """A text as read: without the accelerator's & and with spaces collapsed."""
    text = re.sub(r"&(?=[^&\s])", "", text).replace("&&", "&")
    return " ".join(text.split())


def _worth_checking(text: str) -> bool:
    """Texts with words in them, and not a file name or a path."""
    if not re.search(r"[A-Za-z]{2}", text):
        return False
    return not re.search(r"\.(gpkg|osm|pbf|bz2|png|pdf|html|zip)\b|[/\\]", text)


class Texts:
    """Every visible text gathered from the window, with where it was seen."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}

    def add(self, text: str | None, where: str) -> None:
        if not text:
            return
        for line in str(text).split("\n"):
            plain = _plain(re.sub(r"<[^>]+>", " ", line))
            if plain and _worth_checking(plain):
                self.seen.setdefault(plain, where)

    def menu(self, menu, where: str) -> None:
        menu.aboutToShow.emit()  # menus filled when opened (recent projects)
        self.add(menu.title(), where)
        for action in menu.actions():
            self.action(action, f"{where} > {_plain(menu.title())}")

    def action(self, action, where: str) -> None:
        if action.isSeparator():
            return
        if action.menu() is not None:
            self.menu(action.menu(), where)
            return
        self.add(action.text(), where)
        self.add(action.toolTip(), f"{where} (tooltip)")
        self.add(action.statusTip(), f"{where} (status tip)")

    def widget(self, root, where: str) -> None:
        from PySide6.QtWidgets import (
            QAbstractButton,
            QAbstractItemView,
            QComboBox,
            QDockWidget,
            QGroupBox,
            QLabel,
            QLineEdit,
            QTabWidget,
            QToolBar,
            QWidget,
        )

        for widget in [root, *root.findChildren(QWidget)]:
            name = f"{where}/{widget.objectName() or type(widget).__name__}"
            self.add(widget.toolTip(), name + " (tooltip)")
            if isinstance(widget, QDockWidget):
                self.add(widget.windowTitle(), name)
            elif isinstance(widget, QLabel):
                self.add(widget.text(), name)
            elif isinstance(widget, QAbstractButton):
                self.add(widget.text(), name)
            elif isinstance(widget, QLineEdit):
                self.add(widget.placeholderText(), name)
            elif isinstance(widget, QGroupBox):
                self.add(widget.title(), name)
            elif isinstance(widget, QComboBox):
                for index in range(widget.count()):
                    self.add(widget.itemText(index), name)
            elif isinstance(widget, QTabWidget):
                for index in range(widget.count()):
                    self.add(widget.tabText(index), name)
            elif isinstance(widget, QToolBar):
                self.add(widget.windowTitle(), name)
                for action in widget.actions():
                    self.action(action, name)
            elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
                self.model(widget.model(), name)

    def model(self, model, where: str) -> None:
        from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

        def columns(parent: QModelIndex) -> int:
            # A list model's columnCount is private in PySide6: it has one column.
            return 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)

        for section in range(columns(QModelIndex())):
            self.add(model.headerData(section, Qt.Orientation.Horizontal), where)

        def rows(parent: QModelIndex, depth: int) -> None:
            for row in range(min(model.rowCount(parent), 200)):
                for column in range(columns(parent)):
                    index = model.index(row, column, parent)
                    self.add(index.data(Qt.ItemDataRole.DisplayRole), where)
                    self.add(index.data(Qt.ItemDataRole.ToolTipRole), where + " (tooltip)")
                if depth < 3:
                    rows(model.index(row, 0, parent), depth + 1)

        rows(QModelIndex(), 0)


def _gather(qtbot, window) -> dict[str, str]:
    """Every text of the main screens and dialogs, in the language shown now."""
    from PySide6.QtWidgets import QApplication, QDockWidget

    from desktop.dialogs.new_project_dialog import NewProjectDialog
    from desktop.dialogs.settings_dialog import SettingsDialog

    texts = Texts()
    for action in window.menuBar().actions():
        texts.action(action, "menu")
    texts.add(window.windowTitle(), "window title")
    for dock in window.findChildren(QDockWidget):
        dock.show()
    QApplication.processEvents()
    # Panels on top of each other show one at a time: bring each forward.
    for dock in window.findChildren(QDockWidget):
        dock.raise_()
        QApplication.processEvents()
        texts.widget(dock, "dock")
    for toolbar in window.findChildren(type(window.toolbar)):
        texts.widget(toolbar, "toolbar")
    texts.widget(window.status, "status bar")
    dialogs = [
        SettingsDialog(window.translations.language, False, window),
        NewProjectDialog(None, parent=window),
        window.export_flow.export_data(),
        window.edit_toolbar.start_session(),
    ]
    for dialog in dialogs:
        assert dialog is not None
        dialog.show()
        qtbot.waitExposed(dialog)
        texts.add(dialog.windowTitle(), "dialog title")
        texts.widget(dialog, type(dialog).__name__)
        dialog.reject()
        dialog.deleteLater()
    QApplication.processEvents()
    return texts.seen


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kibera_project: Path):
    """The main window in English on a copy of the Kibera project."""
    from desktop.i18n import Translations
    from desktop.main_window import MainWindow

    monkeypatch.setenv("QUARTIER_SETTINGS_DIR", str(tmp_path / "settings"))
    project = tmp_path / "kibera.gpkg"
    shutil.copy(kibera_project, project)
    translations = Translations()
    translations.install("en")
    main = MainWindow(translations)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    qtbot.waitExposed(main)
    main.open_project(project)
    qtbot.waitUntil(lambda: main.project is not None or main.last_error is not None,
                    timeout=TIMEOUT)
    assert main.last_error is None, main.last_error
    qtbot.waitUntil(lambda: main.canvas.frames() > 0 and not main.canvas.is_rendering(),
                    timeout=TIMEOUT)
    yield main
    main.runner.cancel_all()
    main.runner.wait(TIMEOUT)
    main.canvas.shutdown()
    translations.install("en")


def _switch(qtbot, window, language: str, file_menu: str) -> None:
    """Choose ``language`` in Settings > Language, as a person would."""
    from PySide6.QtWidgets import QApplication

    window.language_actions[language].trigger()
    qtbot.waitUntil(lambda: window.file_menu.title() == file_menu, timeout=TIMEOUT)
    for _ in range(5):
        QApplication.processEvents()


@pytest.mark.parametrize(("language", "file_menu"), [("fr", "&Fichier"), ("sw", "&Faili")])
def test_no_english_left_on_the_main_screens(qtbot, window, language: str, file_menu: str):
    english = _gather(qtbot, window)
    assert len(english) > 150, "the English window shows too few texts: is the walk broken?"
    assert "Open a project file (.gpkg)" not in english  # a file name: left out on purpose
    assert "Zoom in" in english and "Layers" in english
    _switch(qtbot, window, language, file_menu)
    shown = _gather(qtbot, window)
    assert len(shown) > 150
    allowed = {**SAME_IN["*"], **SAME_IN[language]}
    left = sorted(f"{text!r} ({where})" for text, where in shown.items()
                  if text in english and text not in allowed and where not in KNOWN_GAPS)
    assert not left, f"English left in the {language} window:\n" + "\n".join(left)
    # Back to English: the texts come back.
    _switch(qtbot, window, "en", "&File")
    assert set(_gather(qtbot, window)) == set(english)


# -- the catalogues behind the window -------------------------------------------------------

REPO = Path(__file__).resolve().parents[1]
I18N = REPO / "resources" / "i18n"


def _ts_messages(ts: Path):
    """(context, source, numerus, translation element) of every message of a .ts file."""
    import xml.etree.ElementTree as ET

    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            yield (context.findtext("name"), message.findtext("source"),
                   message.get("numerus") == "yes", message.find("translation"))


def _marks(text: str) -> tuple:
    """What a translation must keep of its source: placeholders (their names: a format
    spec may follow the language, French writes 1900 not 1,900), tags, an accelerator."""
    fields = sorted(re.sub(r"[:!][^{}]*", "", field)
                    for field in re.findall(r"\{[^{}]*\}|%n|%\d", text))
    tags = sorted(re.findall(r"</?\w+", text))
    return fields, tags, min(len(re.findall(r"&(?=[^&\s;])(?!\w+;)", text)), 1)


@pytest.mark.parametrize("language", ["fr", "sw"])
def test_window_catalogue_is_complete_and_keeps_placeholders(language: str, tmp_path: Path):
    import subprocess
    import sys

    ts = I18N / f"quartier_{language}.ts"
    shipped = list(_ts_messages(ts))
    assert len(shipped) > 500
    for context, source, numerus, translation in shipped:
        assert translation is not None and translation.get("type") is None, (context, source)
        forms = ([f.text or "" for f in translation.iter("numerusform")] if numerus
                 else [translation.text or ""])
        assert len(forms) == (2 if numerus else 1), (context, source)
        for form in forms:
            assert form.strip(), (context, source)
            assert _marks(form) == _marks(source), (context, source, form)
            assert len(re.findall(r"&(?=[^&\s;])(?!\w+;)", form)) <= 1, (source, form)
    # Every string of the window's code is in the file: extract afresh, as
    # tools/update_translations does, and compare.
    sources = sorted(str(p) for p in (REPO / "desktop").rglob("*.py")
                     if not p.name.startswith("cli"))
    sources.append(str(I18N / "qt_words.py"))
    fresh = tmp_path / f"fresh_{language}.ts"
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run([str(lupdate), *sources, "-silent", "-ts", str(fresh)], check=True,
                   capture_output=True)
    known = {(c, s) for c, s, _, _ in shipped}
    missing = [(c, s) for c, s, _, _ in _ts_messages(fresh) if (c, s) not in known]
    assert not missing, missing


@pytest.mark.parametrize(("language", "singular", "plural"),
                         [("fr", (0, 1), (2, 5, 1000)), ("sw", (1,), (0, 2, 5, 1000))])
def test_counts_take_the_right_plural_form(language: str, singular, plural):
    """French says 0 and 1 in the singular; Swahili only 1 (as the glossary says)."""
    from PySide6.QtCore import QCoreApplication, QTranslator

    translator = QTranslator()
    assert translator.load(str(I18N / f"quartier_{language}.qm"))
    numerus = [(c, s, [f.text for f in t.iter("numerusform")])
               for c, s, n, t in _ts_messages(I18N / f"quartier_{language}.ts") if n]
    assert len(numerus) >= 5
    app = QCoreApplication.instance()
    app.installTranslator(translator)
    try:
        for context, source, (one, many) in numerus:
            for n in singular:
                assert QCoreApplication.translate(context, source, "", n) == \
                    one.replace("%n", str(n)), (source, n)
            for n in plural:
                assert QCoreApplication.translate(context, source, "", n) == \
                    many.replace("%n", str(n)), (source, n)
    finally:
        app.removeTranslator(translator)
