"""A facilitator's first session in the window: where the project is, search, "What is
here?", the quick start and the legend (issue 9, §3).

Runs offscreen with pytest-qt. Every test keeps its preferences and its ``Quartier``
folder in temporary folders (``QUARTIER_SETTINGS_DIR``, ``QUARTIER_PROJECTS_DIR``), so
no test reads a real person's last project or writes into their documents.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pyogrio
import pytest
import shapely
from pyproj import Transformer
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QColor, QDesktopServices, QImage

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytestmark = pytest.mark.gui

REPO = Path(__file__).resolve().parents[1]
HELP = REPO / "resources" / "help"
TIMEOUT = 30000
#: A point in the middle of the Kibera extract (WGS84).
KIBERA_MIDDLE = (36.7885, -1.3110)


# -- fixtures ------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def own_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Preferences and the Quartier folder of this test only."""
    monkeypatch.setenv("QUARTIER_SETTINGS_DIR", str(tmp_path / "settings"))
    folder = tmp_path / "Documents" / "Quartier"
    monkeypatch.setenv("QUARTIER_PROJECTS_DIR", str(folder))
    return folder


@pytest.fixture
def kibera(kibera_project: Path, tmp_path: Path) -> Path:
    """A fresh copy of the real Kibera project, in a folder of its own."""
    target = tmp_path / "work" / "kibera.gpkg"
    target.parent.mkdir()
    shutil.copy(kibera_project, target)
    return target


def make_window(qtbot, language: str = "en"):
    from desktop.i18n import Translations
    from desktop.main_window import MainWindow

    translations = Translations()
    translations.install(language)
    main = MainWindow(translations)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    qtbot.waitExposed(main)
    return main, translations


@pytest.fixture
def window(qtbot):
    main, translations = make_window(qtbot)
    yield main
    close(main, translations)


def close(main, translations) -> None:
    main.edit_toolbar.close_session()
    main.runner.cancel_all()
    main.runner.wait(TIMEOUT)
    main.canvas.shutdown()
    translations.install("en")


def open_and_draw(qtbot, window, path: Path) -> None:
    window.open_project(path)
    qtbot.waitUntil(lambda: window.project is not None or window.last_error is not None,
                    timeout=TIMEOUT)
    assert window.last_error is None, window.last_error
    wait_drawn(qtbot, window)


def wait_drawn(qtbot, window, after: int | None = None) -> None:
    canvas = window.canvas
    before = canvas.frames() if after is None else after
    qtbot.waitUntil(lambda: canvas.frames() > before and not canvas.is_rendering(),
                    timeout=TIMEOUT)


class UrlCatcher(QObject):
    """Stands in for the file manager: keeps the URLs the app asks to open."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


# -- 1. where is my project? ---------------------------------------------------------------


def test_the_quartier_folder_is_a_visible_one_in_the_documents(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch):
    from desktop.project_files import default_quartier_folder, quartier_folder

    home = tmp_path / "home"
    home.mkdir()
    assert default_quartier_folder("", home) == home / "Quartier"  # no documents folder
    (home / "Documents").mkdir()
    assert default_quartier_folder(None, home) == home / "Documents" / "Quartier"
    (home / "Dokumente").mkdir()
    assert default_quartier_folder(str(home / "Dokumente"), home) == (
        home / "Dokumente" / "Quartier")
    # What the system says (QStandardPaths, with the XDG user folders of this "home").
    monkeypatch.delenv("QUARTIER_PROJECTS_DIR")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    folder = quartier_folder()
    assert folder == home / "Documents" / "Quartier"
    assert not any(part.startswith(".") for part in folder.relative_to(home).parts)


def test_a_sample_opens_from_the_quartier_folder_with_what_was_mapped_before(
        qtbot, window, own_folders: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import sample_areas
    from mapping.editing import EditSession

    # The hidden folder an earlier version built the sample in, with a school mapped there.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    older = sample_areas.sample_project("kibera")
    assert older == tmp_path / "data" / "quartier" / "samples" / "kibera.gpkg"
    session = EditSession(older, "Amina")
    school = session.add_feature("facilities", shapely.Point(*KIBERA_MIDDLE),
                                 "facility/school", {"name": "Shule ya Mapema"})
    session.close()

    window.open_sample("kibera")
    qtbot.waitUntil(lambda: window.project is not None or window.last_error is not None,
                    timeout=120000)
    assert window.last_error is None, window.last_error
    visible = own_folders / "Samples" / "kibera.gpkg"
    assert Path(window.project.path) == visible
    schools = pyogrio.read_dataframe(visible, layer="facilities")
    assert list(schools["uuid"]) == [school]
    assert window.windowTitle() == f"{window.project.metadata.name} — kibera.gpkg — Quartier"


def test_title_status_and_recent_list_say_where_the_project_is(qtbot, window, kibera: Path):
    open_and_draw(qtbot, window, kibera)
    name = window.project.metadata.name
    assert window.windowTitle() == f"{name} — kibera.gpkg — Quartier"
    assert Path(window.windowFilePath()) == kibera
    button = window.status.project_button
    assert button.isVisible() and button.text().endswith("kibera.gpkg")
    assert str(kibera) in button.toolTip()
    window.recent_menu.aboutToShow.emit()
    first = window.recent_menu.actions()[0]
    assert first.text().startswith("kibera.gpkg")
    assert str(kibera.parent) in first.text() or "~" in first.text()
    assert first.toolTip() == str(kibera.resolve())


def test_show_in_folder_opens_the_project_folder(qtbot, window, kibera: Path):
    assert not window.show_folder_action.isEnabled()  # no project yet
    open_and_draw(qtbot, window, kibera)
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        assert window.show_folder_action in window.file_menu.actions()
        window.show_folder_action.trigger()
        qtbot.mouseClick(window.status.project_button, Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert [url.toLocalFile() for url in catcher.urls] == [str(kibera.parent)] * 2


def test_the_last_project_opens_again_unless_told_not_to(qtbot, kibera: Path):
    from desktop import settings

    assert settings.last_project() is None  # this test's own, empty preferences
    settings.remember_project(kibera)
    assert settings.reopen_last_project() is True  # on by default
    main, translations = make_window(qtbot)
    try:
        assert main.reopen_last_project() is not None
        qtbot.waitUntil(lambda: main.project is not None, timeout=TIMEOUT)
        assert Path(main.project.path) == kibera.resolve()
    finally:
        close(main, translations)
    settings.set_reopen_last_project(False)
    assert settings.last_project() is None
    settings.set_reopen_last_project(True)
    kibera.unlink()  # moved away since: nothing is opened, no error
    assert settings.last_project() is None


#: A real start of the app with no file (as the menu entry does), printing what it opened.
START_WITHOUT_FILE = r"""
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desktop import app

application = app.application()

def opened():
    windows = [w for w in application.topLevelWidgets() if w.objectName() == "mainWindow"]
    main = windows[0] if windows else None
    if main is None or (main.project is None and main.last_error is None):
        QTimer.singleShot(100, opened)
        return
    print(main.project.path if main.project is not None else main.last_error, flush=True)
    main.close()
    application.quit()

QTimer.singleShot(100, opened)
app.run()
"""


def test_started_without_a_file_quartier_opens_the_last_project(kibera: Path, tmp_path: Path):
    import subprocess
    import sys

    from desktop import settings

    settings.remember_project(kibera)
    child = subprocess.run([sys.executable, "-c", START_WITHOUT_FILE], cwd=REPO,
                           capture_output=True, text=True, timeout=120,
                           env={**os.environ, "PYTHONPATH": str(REPO),
                                "QT_QPA_PLATFORM": "offscreen"})
    assert child.returncode == 0, child.stderr[-2000:]
    assert child.stdout.strip() == str(kibera.resolve())


def test_the_settings_dialog_holds_the_reopen_choice(qtbot):
    from desktop.dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog("en", False, reopen=False)
    qtbot.addWidget(dialog)
    assert dialog.reopen.text() == "Open the last project again when Quartier starts"
    assert dialog.reopen_last() is False
    dialog.reopen.setChecked(True)
    assert dialog.reopen_last() is True


def test_printed_maps_and_exports_go_beside_the_project_with_readable_names(
        qtbot, window, kibera: Path):
    from desktop.project_files import readable_stem

    assert readable_stem("Kibera, Nairobi", "map") == "kibera_nairobi"
    assert readable_stem("Mji wa Kale — Zanzibar", "map") == "mji_wa_kale_zanzibar"
    open_and_draw(qtbot, window, kibera)
    dialog = window.export_flow.print_map("risk")
    try:
        assert Path(dialog.path_edit.text()) == kibera.parent / "kibera_risk_map.pdf"
        dialog.set_template("transport")
        assert Path(dialog.path_edit.text()) == kibera.parent / "kibera_transport_map.pdf"
        dialog.format_box.setCurrentIndex(1)
        assert Path(dialog.path_edit.text()) == kibera.parent / "kibera_transport_map.png"
        dialog.path_edit.setText(str(kibera.parent / "for the chief.png"))
        dialog.set_template("facility")  # what the person typed stays
        assert Path(dialog.path_edit.text()) == kibera.parent / "for the chief.png"
    finally:
        dialog.reject()
    dialog = window.export_flow.export_data("gpkg")
    try:
        assert dialog.request().path == kibera.parent / "kibera_export.gpkg"
    finally:
        dialog.reject()


def test_a_new_project_is_offered_in_the_quartier_folder(qtbot, own_folders: Path,
                                                         monkeypatch: pytest.MonkeyPatch):
    from desktop.dialogs import new_project_dialog
    from desktop.project_files import ensure_quartier_folder

    folder = ensure_quartier_folder()
    assert folder == own_folders and folder.is_dir()
    extract = Path("/somewhere/Downloads/nairobi-latest.osm.pbf")
    monkeypatch.setattr(new_project_dialog.QFileDialog, "getOpenFileName",
                        lambda *args, **kwargs: (str(extract), ""))
    dialog = new_project_dialog.NewProjectDialog(folder)
    qtbot.addWidget(dialog)
    dialog.browse_extract.click()
    assert Path(dialog.project.text()) == own_folders / "nairobi-latest.gpkg"


# -- 2. search -----------------------------------------------------------------------------


def pin_pixels(image: QImage) -> int:
    """How many pixels have the pin's colour."""
    pin = QColor("#d81b60")
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            colour = image.pixelColor(x, y)
            if (abs(colour.red() - pin.red()) < 8 and abs(colour.green() - pin.green()) < 8
                    and abs(colour.blue() - pin.blue()) < 8):
                count += 1
    return count


def test_search_suggests_while_typing_and_pins_the_place_with_its_name(qtbot, window,
                                                                       kibera: Path):
    open_and_draw(qtbot, window, kibera)
    box, search = window.search_box, window.map_search
    box.setFocus()
    qtbot.keyClicks(box, "K")
    qtbot.wait(400)
    assert search.suggestions() == []  # one letter is not enough
    qtbot.keyClicks(box, "ibera Dr")
    popup = search.completer.popup()
    qtbot.waitUntil(lambda: popup.isVisible() and bool(search.suggestions()), timeout=TIMEOUT)
    suggestions = search.suggestions()
    assert all("kibera dr" in s.lower() for s in suggestions), suggestions
    # The place the person picks from the list, without pressing Enter.
    search.completer.activated.emit(suggestions[0])
    pin = window.canvas.pin()
    assert pin is not None
    chosen = next(r for r in search.results if r.x == pin[0] and r.y == pin[1])
    assert pin[2] == chosen.label.rsplit(" (", 1)[0] and pin[2].lower().startswith("kibera dr")
    wait_drawn(qtbot, window)
    assert pin_pixels(window.canvas.grab().toImage()) > 20
    # Emptying the box takes the pin away.
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    assert window.canvas.pin() is None
    assert pin_pixels(window.canvas.grab().toImage()) == 0


# -- 3. "What is here?" after undo -----------------------------------------------------------


def headings(panel) -> list[str]:
    tree = panel.tree
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def test_what_is_here_empties_when_the_feature_is_undone(qtbot, window, kibera: Path):
    open_and_draw(qtbot, window, kibera)
    toolbar = window.edit_toolbar
    controller = toolbar.controller
    controller.start_session("Amina", "Soweto East walk")
    controller.begin_new("facilities", shapely.Point(*KIBERA_MIDDLE))
    toolbar.editor.saveRequested.emit("facility/school", {"name": "Shule ya Mapema"})
    panel = window.identify_panel
    assert [h.split(" (")[0] for h in headings(panel)] == ["Shule ya Mapema"]
    # Undo takes the new school back: nothing is left to show, not even its heading.
    toolbar.undo_action.trigger()
    assert headings(panel) == []
    assert panel.hint.text() == "Click on the map to see what is there."
    # Redo, click on it as a person would (the school and the land around it), delete it.
    toolbar.redo_action.trigger()
    transformer = Transformer.from_crs("EPSG:4326", window.project.metadata.working_crs,
                                       always_xy=True)
    x, y = transformer.transform(*KIBERA_MIDDLE)
    window.canvas.center_on(x, y, 0.5)
    wait_drawn(qtbot, window)
    found = window.canvas.identify_at(window.canvas.to_screen(x, y))
    school = next(r for r in found if r.layer == "facilities")
    assert headings(panel)[0].startswith("Shule ya Mapema (")
    others = headings(panel)[1:]
    assert controller.delete("facilities", str(school.attributes["uuid"]))
    assert headings(panel) == others  # the land use stays, the school's heading goes
    tree = panel.tree
    assert all(tree.topLevelItem(i).childCount() for i in range(tree.topLevelItemCount()))
    if not others:
        assert panel.hint.text() == "Click on the map to see what is there."


def test_what_is_here_keeps_a_feature_that_is_still_there(qtbot, window, kibera: Path):
    from mapping.render.renderer import IdentifyResult

    open_and_draw(qtbot, window, kibera)
    toolbar = window.edit_toolbar
    controller = toolbar.controller
    controller.start_session("Amina", "Soweto East walk")
    saved = []
    for (lon, lat), preset, name in ((KIBERA_MIDDLE, "facility/school", "Shule ya Mapema"),
                                     ((KIBERA_MIDDLE[0] + 0.001, KIBERA_MIDDLE[1]),
                                      "facility/clinic", "Zahanati")):
        controller.begin_new("facilities", shapely.Point(lon, lat))
        toolbar.editor.saveRequested.emit(preset, {"name": name})
        saved.append(controller.selection.uuid)
    panel = window.identify_panel
    panel.show_results([IdentifyResult("facilities", "Facilities", -1, {"uuid": uuid})
                        for uuid in saved])
    headings = [line for line in panel.lines() if not line.startswith(" ") and ":" not in line]
    assert [h.split(" (")[0] for h in headings] == ["Shule ya Mapema", "Zahanati"]
    toolbar.undo_action.trigger()  # the clinic goes, the school stays
    headings = [line for line in panel.lines() if not line.startswith(" ") and ":" not in line]
    assert [h.split(" (")[0] for h in headings] == ["Shule ya Mapema"]


# -- 4. help ---------------------------------------------------------------------------------


def image_sources(html: str) -> list[str]:
    return re.findall(r'<img[^>]*src="([^"]+)"', html)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_quick_start_opens_offline_with_its_pictures(qtbot, language: str):
    from desktop.help_window import show_quick_start

    main, translations = make_window(qtbot, language)
    try:
        assert main.help_action.shortcut().toString() == "F1"
        assert main.help_action in main.help_menu.actions()
        main.help_action.trigger()
        guide = main.quick_start
        assert guide is not None and guide.isVisible()
        assert guide.page == HELP / f"quickstart_{language}.html"
        text = guide.browser.toPlainText()
        words = {"en": ["mapping session", "transport line", "stop", "risk zone", "Undo",
                        "Verified", "Export", "Print"],
                 "fr": ["séance de cartographie", "ligne de transport", "arrêt",
                        "zone à risque", "Annuler", "Vérifié", "Exporter", "Imprimer"]}
        for word in words[language]:
            assert word.lower() in text.lower(), word
        html = guide.page.read_text(encoding="utf-8")
        sources = image_sources(html)
        assert len(sources) >= 5
        assert guide.missing_images() == []
        for source in sources:
            image = QImage(str(HELP / source))
            assert not image.isNull() and image.width() >= 300, source
        assert "http://" not in html and "https://" not in html  # nothing to fetch
        assert show_quick_start(main) is guide  # F1 again: the same window, brought up
    finally:
        close(main, translations)


def test_both_guides_show_the_same_pictures_and_keep_them_small():
    english = image_sources((HELP / "quickstart_en.html").read_text(encoding="utf-8"))
    french = image_sources((HELP / "quickstart_fr.html").read_text(encoding="utf-8"))
    # The same pictures, each taken in the guide's own language.
    assert [name.removeprefix("en_") for name in english] == [
        name.removeprefix("fr_") for name in french]
    assert all(name.startswith("en_") for name in english)
    for picture in {*english, *french}:
        assert (HELP / picture).stat().st_size < 150_000, picture


# -- 5. legend colour ------------------------------------------------------------------------


def test_transport_line_legend_has_the_colour_drawn_on_the_map(qtbot, window, kibera: Path):
    from mapping.editing import EditSession

    west, south = KIBERA_MIDDLE
    lines = [shapely.LineString([(west, south), (west + 0.004, south + 0.001)]),
             shapely.LineString([(west, south - 0.002), (west + 0.004, south - 0.0015)])]
    session = EditSession(kibera, "Amina")
    for number, line in enumerate(lines, start=8):
        session.add_feature("transport_lines", line, "transport_line/minibus",
                            {"name": f"Line {number}", "ref": str(number)})
    session.close()
    open_and_draw(qtbot, window, kibera)
    style = window.renderer.entry("transport_lines").style
    panel = window.legend_panel
    items = [panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())]
    heading = next((item for item in items if item.text(0) == "Informal transport lines"),
                   None)
    assert heading is not None, "|".join(panel.texts())
    rows = [heading.child(i) for i in range(heading.childCount())] or [heading]
    # The centre of a line swatch is the line's own colour.
    legend_colours = {row.icon(0).pixmap(22, 22).toImage().pixelColor(11, 11).name()
                      for row in rows}
    # Every legend colour is one of the style's: its classes' or its palette's.
    style_colours = {QColor(colour).name() for colour in
                     (*(rule.stroke for rule in style.classes if rule.stroke), *style.palette)}
    assert legend_colours <= style_colours, (legend_colours, style_colours)
    # The map draws each line in a colour of the legend: look along each line (its label
    # sits in the middle).
    transformer = Transformer.from_crs("EPSG:4326", window.project.metadata.working_crs,
                                       always_xy=True)
    x, y = transformer.transform(*lines[0].centroid.coords[0])
    window.canvas.center_on(x, y - 110, 0.8)
    wait_drawn(qtbot, window)
    image = window.canvas.image()
    for line in lines:
        drawn = []
        for fraction in (0.1, 0.2, 0.3, 0.7, 0.8, 0.9):
            point = window.canvas.to_screen(*transformer.transform(
                *line.interpolate(fraction, normalized=True).coords[0]))
            drawn.append(image.pixelColor(round(point.x()), round(point.y())).name())
        assert max(drawn.count(colour) for colour in legend_colours) >= 4, (drawn,
                                                                           legend_colours)
