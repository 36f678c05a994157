"""Start the desktop app: ``quartier open [PROJECT] [--sample NAME]``.

PROJECT is a project file or a team-server address
(``postgresql://amina@db/mapping?project=kibera``); a password the server wants and
neither ``PGPASSWORD`` nor ``~/.pgpass`` gives is asked in the window.

``QUARTIER_SETTINGS_DIR`` keeps the preferences in an ini file in that folder
(tests, screenshots). ``QUARTIER_SCREENSHOT=path.png`` saves a picture of the
window once the first map is drawn, then quits (documentation, checks on a
virtual screen).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.i18n import Translations, saved_language
from desktop.main_window import MainWindow, icon
from desktop.team_address import as_location

SCREENSHOT_VARIABLE = "QUARTIER_SCREENSHOT"
DEFAULT_SIZE = (1600, 1000)


def application() -> QApplication:
    """The QApplication (made once), named so that settings land in the right place."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setApplicationName("Quartier")
    app.setOrganizationName("Quartier")
    app.setWindowIcon(icon("quartier"))
    return app  # type: ignore[return-value]


def make_window(translations: Translations | None = None) -> MainWindow:
    """A main window with the saved language installed."""
    if translations is None:
        translations = Translations()
        translations.install(saved_language())
    return MainWindow(translations)


def _save_screenshot_when_drawn(window: MainWindow, target: Path) -> None:
    def save() -> None:
        if window.runner.tasks() or window.canvas.is_rendering():
            QTimer.singleShot(300, save)
            return
        window.grab().save(str(target))
        QApplication.instance().quit()

    window.canvas.frameReady.connect(lambda: QTimer.singleShot(500, save))
    # No map after a minute (an error box, a missing file): take the window as it is.
    QTimer.singleShot(60000, lambda: (window.grab().save(str(target)),
                                      QApplication.instance().quit()))


def run(project: Path | str | None = None, sample: str | None = None) -> int:
    """Open the main window (on a project or a sample area) and run until it closes."""
    app = application()
    window = make_window()
    screen = app.primaryScreen()
    available = screen.availableGeometry() if screen is not None else None
    width, height = DEFAULT_SIZE
    if available is not None:
        width, height = min(width, available.width()), min(height, available.height())
    window.resize(width, height)
    screenshot = os.environ.get(SCREENSHOT_VARIABLE)
    if screenshot:
        window.show()
        _save_screenshot_when_drawn(window, Path(screenshot))
    else:
        window.showMaximized()
    if project is not None:
        window.open_project(as_location(project))
    elif sample:
        window.open_sample(sample)
    else:
        window.reopen_last_project()  # when the setting is on and the file is still there
    return app.exec()
