"""The desktop map, driven as a person would: open, look, toggle, zoom, click, search, import.

Runs offscreen with pytest-qt. Projects are built from the real data in
``../shared/data`` into temporary folders; expected positions and tags are read
from the data independently (pyogrio + pyproj), not from the renderer.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pyogrio
import pytest
import shapely
from pyproj import Transformer
from PySide6.QtCore import QPoint, Qt, QTranslator

# Before any QApplication exists (importing QtCore does not make one): no screen needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytestmark = pytest.mark.gui

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("QUARTIER_SHARED_DATA", REPO.parent / "shared" / "data"))
KIBERA_OSM = DATA / "osm" / "kibera.osm"
JAKARTA = DATA / "jakarta"
TS_FILE = REPO / "resources" / "i18n" / "quartier_fr.ts"
QM_FILE = REPO / "resources" / "i18n" / "quartier_fr.qm"
TIMEOUT = 20000


# -- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def kibera_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Kibera project, built once from the real OSM export (copied per test)."""
    from mapping.build import project_from_extract

    path = tmp_path_factory.mktemp("kibera_source") / "kibera.gpkg"
    project_from_extract(path, KIBERA_OSM, name="Kibera")
    return path


@pytest.fixture
def kibera(kibera_source: Path, tmp_path: Path) -> Path:
    """A fresh copy of the Kibera project this test may change."""
    target = tmp_path / "kibera.gpkg"
    shutil.copy(kibera_source, target)
    return target


@pytest.fixture(scope="module")
def jakarta_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Jakarta sample project, built once by the sample-area builder."""
    from sample_areas import sample_project

    return sample_project("jakarta", folder=tmp_path_factory.mktemp("jakarta_source"))


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A main window in English, with its preferences in a temporary folder."""
    from desktop.i18n import Translations
    from desktop.main_window import MainWindow

    monkeypatch.setenv("QUARTIER_SETTINGS_DIR", str(tmp_path / "settings"))
    translations = Translations()
    translations.install("en")
    main = MainWindow(translations)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.runner.cancel_all()
    main.runner.wait(TIMEOUT)
    main.canvas.shutdown()
    translations.install("en")


def open_and_draw(qtbot, window, path: Path) -> None:
    """Open a project and wait until its first map image is on screen."""
    window.open_project(path)
    qtbot.waitUntil(lambda: window.project is not None or window.last_error is not None,
                    timeout=TIMEOUT)
    assert window.last_error is None, window.last_error
    wait_drawn(qtbot, window)


def wait_drawn(qtbot, window, after: int | None = None) -> None:
    """Wait until a new map image is shown and nothing more is being drawn."""
    canvas = window.canvas
    before = canvas.frames() if after is None else after
    qtbot.waitUntil(lambda: canvas.frames() > before and not canvas.is_rendering(),
                    timeout=TIMEOUT)


def utm(project_path: Path):
    """Transformer WGS84 -> the project's working CRS, read from the project itself."""
    from mapping.project import Project

    crs = Project(project_path).metadata.working_crs
    return Transformer.from_crs("EPSG:4326", crs, always_xy=True)


def projected(geometry, transformer):
    return shapely.transform(geometry, lambda xy: list(zip(*transformer.transform(
        xy[:, 0], xy[:, 1]), strict=True)))


# -- the map ---------------------------------------------------------------------------------


def test_kibera_first_frame_and_buildings_toggle(qtbot, window, kibera: Path):
    from desktop.settings import recent_projects

    open_and_draw(qtbot, window, kibera)
    assert window.windowTitle().startswith("Kibera")
    assert window.canvas.image() is not None
    assert recent_projects()[0] == kibera.resolve()
    panel = window.layers_panel
    assert "buildings" in panel.names()
    assert panel.item_for("buildings").text() == "Buildings"
    # Look at the buildings, then hide them from the panel as a person would.
    window.zoom_to_layer("buildings")
    wait_drawn(qtbot, window)
    with_buildings = window.canvas.image().copy()
    frames = window.canvas.frames()
    panel.item_for("buildings").setCheckState(Qt.CheckState.Unchecked)
    state = {s.name: s for s in window.renderer.layer_states()}["buildings"]
    assert state.visible is False
    wait_drawn(qtbot, window, after=frames)
    without = window.canvas.image()
    assert without.size() == with_buildings.size()
    assert without != with_buildings
    # And the reverse: the model changes, the panel follows.
    frames = window.canvas.frames()
    window.renderer.set_visible("buildings", True)
    qtbot.waitUntil(lambda: panel.item_for("buildings").checkState() == Qt.CheckState.Checked,
                    timeout=TIMEOUT)
    wait_drawn(qtbot, window, after=frames)
    assert window.canvas.image() == with_buildings


def test_zoom_in_and_out_updates_the_scale(qtbot, window, kibera: Path):
    from desktop.panels.status_bar import round_scale

    open_and_draw(qtbot, window, kibera)
    canvas, label = window.canvas, window.status.scale_label
    start = canvas.scale_denominator()
    assert label.text() == f"Scale 1:{round_scale(start):,}"
    window.zoom_in_action.trigger()
    zoomed = canvas.scale_denominator()
    assert zoomed == pytest.approx(start / 1.5, rel=1e-6)
    assert label.text() == f"Scale 1:{round_scale(zoomed):,}"
    canvas.setFocus()
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    assert canvas.scale_denominator() == pytest.approx(start * 1.5, rel=1e-6)
    assert label.text() == f"Scale 1:{round_scale(start * 1.5):,}"
    frames = canvas.frames()
    wait_drawn(qtbot, window, after=frames)
    assert canvas.image_view.metres_per_pixel == pytest.approx(canvas.view.metres_per_pixel)


def test_drag_and_wheel_move_the_map_at_once(qtbot, window, kibera: Path):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    open_and_draw(qtbot, window, kibera)
    canvas = window.canvas
    window.set_tool(window.canvas.tool.PAN)
    start = canvas.view
    frames = canvas.frames()
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
    qtbot.mouseMove(canvas, QPoint(450, 320))
    qtbot.mouseMove(canvas, QPoint(500, 340))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(500, 340))
    # The status bar says where the mouse is, in degrees (and in metres on demand).
    x, y = canvas.to_map(QPoint(500, 340))
    lon, lat = Transformer.from_crs(window.renderer.working_crs, "EPSG:4326",
                                    always_xy=True).transform(x, y)
    assert f"Lat {lat:.5f}°, Lon {lon:.5f}°" in window.status.coordinates.text()
    window.status.utm_button.click()
    assert f"E {x:,.0f} m, N {y:,.0f} m" in window.status.coordinates.text()
    # The map moved with the hand (100 px right, 40 px down) before any new image.
    assert canvas.frames() == frames
    assert canvas.view.center_x == pytest.approx(start.center_x - 100 * start.metres_per_pixel)
    assert canvas.view.center_y == pytest.approx(start.center_y + 40 * start.metres_per_pixel)
    wait_drawn(qtbot, window, after=frames)
    # Wheel: zoom in, the map point under the cursor stays under it.
    anchor = QPointF(200, 150)
    under = canvas.to_map(anchor)
    wheel = QWheelEvent(anchor, canvas.mapToGlobal(anchor), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(canvas, wheel)
    assert canvas.view.metres_per_pixel < start.metres_per_pixel
    assert canvas.to_map(anchor) == pytest.approx(under)


def test_identify_a_real_building_shows_its_tags(qtbot, window, kibera: Path):
    open_and_draw(qtbot, window, kibera)
    buildings = pyogrio.read_dataframe(kibera, layer="buildings")
    hospital = buildings[buildings["name"] == "Amref Hospital"].geometry.iloc[0]
    footprint = projected(hospital, utm(kibera))
    centre = footprint.centroid
    assert footprint.contains(centre)
    window.canvas.center_on(centre.x, centre.y, metres_per_pixel=0.3)
    wait_drawn(qtbot, window)
    point = window.canvas.to_screen(centre.x, centre.y)
    with qtbot.waitSignal(window.canvas.featureIdentified, timeout=TIMEOUT) as found:
        qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton,
                         pos=QPoint(round(point.x()), round(point.y())))
    assert any(r.layer == "buildings" for r in found.args[0])
    lines = window.identify_panel.lines()
    assert "Amref Hospital (Buildings)" in lines
    assert "Amenity: Hospital" in lines
    assert "Building: Yes" in lines


def test_search_a_real_street_moves_the_map_to_it(qtbot, window, kibera: Path):
    open_and_draw(qtbot, window, kibera)
    roads = pyogrio.read_dataframe(kibera, layer="roads")
    street = roads[roads["name"] == "Kibera Road"]
    assert len(street) > 0
    lines = projected(shapely.union_all(street.geometry.values), utm(kibera))
    before = (window.canvas.view.center_x, window.canvas.view.center_y)
    qtbot.keyClicks(window.search_box, "Kibera Road")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    view = window.canvas.view
    centre = shapely.Point(view.center_x, view.center_y)
    assert shapely.Point(before).distance(centre) > 100
    # The street now crosses the middle of the map, zoomed to street level.
    minx, miny, maxx, maxy = view.extent()
    quarter_x, quarter_y = (maxx - minx) / 4, (maxy - miny) / 4
    middle = shapely.box(minx + quarter_x, miny + quarter_y, maxx - quarter_x, maxy - quarter_y)
    assert lines.intersects(middle)
    assert view.scale_denominator() < 10000


def test_flood_raster_shows_in_the_legend_with_its_classes(qtbot, window, jakarta_source,
                                                           tmp_path: Path):
    from desktop.dialogs.hazard_dialog import ImportRequest
    from layers.hazard_classes import HazardType, Thresholds

    project = tmp_path / "jakarta.gpkg"
    shutil.copy(jakarta_source, project)
    open_and_draw(qtbot, window, project)
    names = set(window.project.layer_names())
    name = "flood_2007" if "flood_2007" not in names else "flood_2007_test"
    request = ImportRequest(path=JAKARTA / "flood_depth.tif", name=name, title="Flood 2007",
                            hazard_type=HazardType.FLOOD, thresholds=Thresholds((0.5, 1.5)))
    with qtbot.waitSignal(window.import_flow.imported, timeout=TIMEOUT):
        window.import_flow.start(request)
    assert name in [s.name for s in window.renderer.layer_states()]
    texts = window.legend_panel.texts()
    assert "Flood 2007" in texts
    heading = texts.index("Flood 2007")
    classes = texts[heading + 1:heading + 4]
    by_class = {text.split(" ")[0]: text for text in classes}
    assert set(by_class) == {"Low", "Medium", "High"}
    assert "0.5" in by_class["Low"] and "1.5" in by_class["High"]
    assert window.layers_panel.item_for(name) is not None


def test_cancelled_import_leaves_the_project_as_it_was(qtbot, window, kibera: Path):
    from desktop.dialogs.hazard_dialog import ImportRequest

    open_and_draw(qtbot, window, kibera)
    before = window.project.layer_names()
    request = ImportRequest(path=DATA / "kibera" / "villages.shp", name="villages",
                            title="Villages")
    task = window.import_flow.start(request)
    assert window.status.cancel_button.isVisible()
    qtbot.mouseClick(window.status.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(task.is_done, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not window.status.cancel_button.isVisible(), timeout=TIMEOUT)
    from mapping.project import Project

    assert Project(kibera).layer_names() == before


def test_missing_crs_asks_the_person(qtbot, window, kibera: Path):
    from desktop.dialogs.hazard_dialog import ImportRequest

    open_and_draw(qtbot, window, kibera)
    water_points = DATA / "kibera" / "kibera_water_points.shp"
    assert not water_points.with_suffix(".prj").exists()
    request = ImportRequest(path=water_points, name="water_points", title="Water points")
    window.import_flow.start(request)
    qtbot.waitUntil(lambda: window.import_flow.crs_dialog is not None, timeout=TIMEOUT)
    dialog = window.import_flow.crs_dialog
    assert dialog.isVisible()
    assert "kibera_water_points.shp" in dialog.question.text()
    assert "degrees" in dialog.hint.text()
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # nothing is chosen for the person
    qtbot.mouseClick(dialog.wgs84, Qt.MouseButton.LeftButton)
    assert ok.isEnabled()
    with qtbot.waitSignal(window.import_flow.imported, timeout=TIMEOUT):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert "water_points" in [s.name for s in window.renderer.layer_states()]
    expected = len(pyogrio.read_dataframe(water_points))
    from mapping.project import Project

    assert len(Project(kibera).read_layer("water_points")) == expected


def test_import_dialog_reads_what_the_file_is(qtbot):
    from desktop.dialogs.hazard_dialog import HazardImportDialog
    from layers.hazard_classes import HazardType

    dialog = HazardImportDialog({"flood_depth"})
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.set_file(JAKARTA / "flood_depth.tif")
    assert ok.isEnabled()
    assert dialog.title.text() == "Flood depth"
    assert dialog.classes.isVisible() and not dialog.attribute.isVisible()
    dialog.thresholds.low.setValue(0.3)
    request = dialog.request()
    assert request.name == "flood_depth_2"  # the project already has a flood_depth
    assert request.hazard_type is HazardType.FLOOD
    assert request.thresholds.breaks == (0.3, 1.5)
    # A vector hazard: pick the attribute; text attributes are classed by their words.
    dialog.set_file(JAKARTA / "flooded_rw_2007.shp")
    assert dialog.attribute.isVisible()
    fields = [dialog.attribute.itemText(i) for i in range(dialog.attribute.count())]
    assert set(pyogrio.read_info(JAKARTA / "flooded_rw_2007.shp")["fields"]) <= set(fields)
    assert dialog.request().thresholds is None  # no attribute: every area in one class


# -- languages ---------------------------------------------------------------------------------


def test_switching_to_french_retranslates_the_window(qtbot, window, kibera: Path):
    from desktop.i18n import saved_language

    open_and_draw(qtbot, window, kibera)
    assert window.file_menu.title() == "&File"
    window.language_actions["fr"].trigger()
    # Qt posts the LanguageChange events: each widget re-reads its texts on its turn.
    qtbot.waitUntil(lambda: window.file_menu.title() == "&Fichier", timeout=TIMEOUT)
    assert window.layer_menu.title() == "&Couche"
    assert window.open_action.text() == "Ouvrir"
    assert window.layers_dock.windowTitle() == "Couches"
    assert window.legend_dock.windowTitle() == "Légende"
    assert window.layers_panel.item_for("buildings").text() == "Bâtiments"
    assert window.layers_panel.opacity_label.text() == "Opacité"
    assert window.identify_panel.tree.headerItem().text(0) == "Quoi"
    assert window.status.scale_label.text().startswith("Échelle 1:")
    assert window.search_box.placeholderText() == "Chercher une rue, un lieu, un équipement"
    assert saved_language() == "fr"
    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File", timeout=TIMEOUT)
    assert window.layers_panel.item_for("buildings").text() == "Buildings"
    assert saved_language() == "en"


def _messages(ts: Path):
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            yield name, message.findtext("source"), message.find("translation")


def test_every_string_is_translated_into_french(tmp_path: Path):
    shipped = list(_messages(TS_FILE))
    assert len(shipped) > 200
    for context, source, translation in shipped:
        # A count's message (numerus) holds one form per plural of the language.
        forms = [f.text for f in translation.iter("numerusform")] if translation is not None \
            and len(translation) else [translation.text if translation is not None else None]
        assert all((form or "").strip() for form in forms), (context, source)
        assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), source
    # Every string in the code is in the .ts: extract them afresh and compare.
    fresh = tmp_path / "fresh_fr.ts"
    sources = sorted(str(p) for p in (REPO / "desktop").rglob("*.py")
                     if not p.name.startswith("cli"))  # the command line speaks gettext
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    subprocess.run([str(lupdate), *sources, "-silent", "-ts", str(fresh)], check=True,
                   capture_output=True)
    known = {(c, s) for c, s, _ in shipped}
    missing = [(c, s) for c, s, _ in _messages(fresh) if (c, s) not in known]
    assert not missing, missing
    # The legend lines of the map style are data, not code: the model's catalogue
    # (resources/i18n/fr.po, mapping.render.words) translates them for the window too.
    from babel.messages.pofile import read_po

    style = json.loads((REPO / "resources" / "styles" / "osm_base.json").read_text("utf-8"))
    labels = set(re.findall(r'"(?:legend|label)": "([^"]+)"', json.dumps(style)))
    assert len(labels) > 50
    with (REPO / "resources" / "i18n" / "fr.po").open("rb") as stream:
        model = {m.id: m.string for m in read_po(stream) if m.id and not m.context}
    assert not [label for label in labels if not model.get(label)]
    # And the compiled .qm is the .ts as it is now.
    translator = QTranslator()
    assert translator.load(str(QM_FILE))
    for context, source, translation in shipped:
        if len(translation):  # a count's forms: checked in test_window_languages
            continue
        assert translator.translate(context, source) == translation.text, source
