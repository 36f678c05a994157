"""Take the quick start's pictures: a real mapping session on Kibera, offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python resources/help/make_screenshots.py

Builds the Kibera project from ``../shared/data/osm/kibera.osm`` in a temporary
folder, opens the window in English and then in French, maps a school, a minibus
line with two stages and a flood zone as a facilitator would (clicks on the map,
the preset picker, the form), and saves small PNGs (256 colours) beside this file:
``<lang>_<picture>.png``. Preferences and projects go to temporary folders.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
WORK = Path(tempfile.mkdtemp(prefix="quartier-help-"))
os.environ["QUARTIER_SETTINGS_DIR"] = str(WORK / "settings")
os.environ["QUARTIER_PROJECTS_DIR"] = str(WORK / "Quartier")
DATA = Path(os.environ.get("QUARTIER_SHARED_DATA", REPO.parent / "shared" / "data"))

#: Where the session happens (WGS84): a street corner in Kianda, Kibera.
CENTRE = (36.7825, -1.3140)
#: Width of the saved pictures, pixels.
WIDTH = 640


def pump(ms: int = 50) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def settle(window, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pump(100)
        if not (window.runner.tasks() or window.canvas.is_rendering()):
            pump(300)
            if not (window.runner.tasks() or window.canvas.is_rendering()):
                return
    raise SystemExit("screenshots: timed out")


def save(image, name: str, width: int = WIDTH) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    if image.width() > width:
        image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
    small = image.convertToFormat(QImage.Format.Format_Indexed8,
                                  Qt.ImageConversionFlag.AvoidDither)
    target = HERE / f"{name}.png"
    small.save(str(target), "PNG", 9)
    print(f"{target.name}: {image.width()}x{image.height()}, {target.stat().st_size:,} bytes")


def shoot(language: str, project: Path) -> None:
    from pyproj import Transformer
    from PySide6.QtCore import QPoint, QPointF, QRect, Qt
    from PySide6.QtTest import QTest

    from desktop.app import application, make_window
    from desktop.i18n import Translations

    application()
    translations = Translations()
    translations.install(language)
    window = make_window(translations)
    window.resize(1280, 800)
    window.show()
    window.open_project(project)
    settle(window)
    canvas = window.canvas
    forward = Transformer.from_crs("EPSG:4326", window.project.metadata.working_crs,
                                   always_xy=True)
    x0, y0 = forward.transform(*CENTRE)
    canvas.center_on(x0, y0, 0.55)
    settle(window)

    def at(dx: float, dy: float) -> QPoint:
        """A pixel dx, dy metres east and north of the centre."""
        point = canvas.to_screen(x0 + dx, y0 + dy)
        return QPoint(round(point.x()), round(point.y()))

    def click(point: QPoint, double: bool = False) -> None:
        QTest.mouseMove(canvas, point)
        QTest.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=point)
        if double:
            QTest.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=point)
        pump(80)

    toolbar = window.edit_toolbar
    editor = toolbar.editor

    def pick(search: str) -> None:
        picker = editor.picker
        picker.search.clear()
        QTest.keyClicks(picker.search, search)
        pump(100)
        item = picker.results.item(0)
        rect = picker.results.visualItemRect(item)
        QTest.mouseClick(picker.results.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center())
        pump(100)

    def answer(key: str, text: str) -> None:
        field = editor.form.field_input(key)
        widget = field.editor()
        widget.setFocus()
        if hasattr(widget, "selectAll"):
            widget.selectAll()
        QTest.keyClicks(widget, text)

    def region() -> QRect:
        """The map's right half and the panel beside it."""
        top_left = canvas.mapTo(window, QPoint(canvas.width() * 2 // 5, 0))
        return QRect(top_left.x(), top_left.y(), window.width() - top_left.x(),
                     canvas.height())

    # 1. The window, as it opens.
    save(window.grab().toImage(), f"{language}_window", 700)

    # 2. Starting a mapping session: who maps, in which session.
    toolbar.tool_actions["add_place"].trigger()
    pump(200)
    dialog = toolbar.session_dialog
    dialog.contributor.clear()
    QTest.keyClicks(dialog.contributor, "Amina Wanjiru")
    dialog.session.lineEdit().selectAll()
    QTest.keyClicks(dialog.session.lineEdit(), "Soweto East walk")
    dialog.facilitator.clear()
    QTest.keyClicks(dialog.facilitator, "Joseph")
    pump(100)
    save(dialog.grab().toImage(), f"{language}_session", 560)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    settle(window)

    # 3. A place: click on the map, choose what it is, answer the questions.
    click(at(-40, 30))
    pick("school" if language == "en" else "ecole")
    answer("name", "Shule ya Msingi Kianda")
    pump(200)
    save(window.grab(region()).toImage(), f"{language}_place")
    editor.form.save_button.click()
    settle(window)

    # 4. A transport line, then its stops.
    toolbar.tool_actions["draw_line"].trigger()
    for dx, dy in ((-160, -60), (-60, -40), (40, -70)):
        click(at(dx, dy))
    click(at(150, -50), double=True)
    pick("minibus")
    answer("ref", "8")
    answer("name", "Olympic - Kianda")
    editor.form.save_button.click()
    settle(window)
    line = toolbar.controller.selection.uuid
    for (dx, dy), name in (((-60, -40), "Kianda stage"), ((40, -70), "Olympic stage")):
        point = canvas.to_screen(x0 + dx, y0 + dy)
        lon, lat = toolbar.controller.lonlat_at(QPointF(point))
        toolbar.controller.add_stop(line, lon, lat, name, "transport_stop/stop")
    toolbar.controller.select(toolbar.controller.selection)
    settle(window)
    save(window.grab(region()).toImage(), f"{language}_line")

    # 5. A risk zone: draw its outline, say what hazard and how serious.
    toolbar.tool_actions["draw_area"].trigger()
    for dx, dy in ((20, 90), (140, 110), (170, 30)):
        click(at(dx, dy))
    click(at(60, 10), double=True)
    pick("flood" if language == "en" else "inond")
    form = editor.form
    form.field_input("severity").choose("high")
    answer("name", "Mto Ngong banks")
    pump(200)
    save(window.grab(region()).toImage(), f"{language}_risk")
    form.save_button.click()
    settle(window)

    # 6. The editing toolbar: Undo, Redo, Verified.
    window.set_tool(window.canvas.tool)
    window.resize(1900, 800)  # every button shown, in longer French words too
    settle(window)
    first = toolbar.widgetForAction(toolbar.follow_roads_action).geometry()
    last = toolbar.widgetForAction(toolbar.review_toggle).geometry()
    buttons = QRect(first.left() - 4, 0, last.right() - first.left() + 10, toolbar.height())
    save(toolbar.grab(buttons).toImage(), f"{language}_toolbar", 900)
    window.resize(1280, 800)
    settle(window)

    # 7. Printing the risk map.
    print_dialog = window.export_flow.print_map("risk")
    deadline = time.monotonic() + 120
    while print_dialog.previews_shown == 0 and time.monotonic() < deadline:
        pump(200)
    pump(300)
    save(print_dialog.grab().toImage(), f"{language}_print")
    print_dialog.reject()

    toolbar.close_session()
    window.runner.cancel_all()
    window.runner.wait(10000)
    window.canvas.shutdown()
    window.close()
    window.deleteLater()
    pump(200)


def main() -> int:
    import shutil

    from mapping.build import project_from_extract

    built = WORK / "built" / "kibera.gpkg"
    built.parent.mkdir()
    project_from_extract(built, DATA / "osm" / "kibera.osm", name="Kibera")
    languages = sys.argv[1:] or ["en", "fr"]
    for language in languages:
        # Each language maps on a fresh copy, as a new session would.
        project = WORK / language / "kibera.gpkg"
        project.parent.mkdir()
        shutil.copy(built, project)
        shoot(language, project)
    return 0


if __name__ == "__main__":
    sys.exit(main())
