"""Start the desktop app: ``quartier open [PROJECT] [--sample NAME]``.

PROJECT is a project file or a team-server address
(``postgresql://amina@db/mapping?project=kibera``); a password the server wants and
neither ``PGPASSWORD`` nor ``~/.pgpass`` gives is asked in the window.

``QUARTIER_SETTINGS_DIR`` keeps the preferences in an ini file in that folder
(tests, screenshots). ``QUARTIER_SCREENSHOT=path.png`` saves a picture of the
window once the first map is drawn, then quits (documentation, checks on a
virtual screen).

``quartier open --timings`` prints, once the first map is painted, how long after the
process started (the kernel's start time: the interpreter's own start and every import
count) the imports were done, the window was painted, the project was read and the
first map was painted, and which of the heavy libraries were loaded by then.
``QUARTIER_TIMINGS_MODULES=FILE`` also writes the name of every loaded module to FILE,
and ``QUARTIER_QUIT_WHEN_DRAWN=1`` quits once the timings are printed (tests,
``benchmarks/bench_start.py``).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

# The first map's libraries are imported before Qt: once PySide6 is loaded, it reads the
# source of every module imported after it (looking for its ``__feature__`` switches),
# about 0.04 s for these ones at each start.
import numpy  # noqa: F401
import psygnal  # noqa: F401
import pyproj  # noqa: F401
import shapely  # noqa: F401

# isort: split
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from desktop.i18n import Translations, saved_language
from desktop.main_window import MainWindow, icon
from desktop.team_address import as_location

SCREENSHOT_VARIABLE = "QUARTIER_SCREENSHOT"
MODULES_VARIABLE = "QUARTIER_TIMINGS_MODULES"
QUIT_VARIABLE = "QUARTIER_QUIT_WHEN_DRAWN"
DEFAULT_SIZE = (1600, 1000)
#: Libraries the first map does not need; ``--timings`` says which were loaded anyway.
HEAVY_MODULES = ("pandas", "geopandas", "networkx", "osmnx", "folium", "rasterio", "scipy",
                 "matplotlib", "psycopg", "sklearn", "pyogrio", "pyarrow")
_IMPORTED_AT = time.perf_counter()


def application() -> QApplication:
    """The QApplication (made once), named so that settings land in the right place."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setApplicationName("Quartier")
    app.setOrganizationName("Quartier")
    app.setWindowIcon(icon("quartier"))
    return app  # type: ignore[return-value]


def make_window(translations: Translations | None = None,
                language: str | None = None) -> MainWindow:
    """A main window in ``language`` (``quartier open --lang``), else the saved one."""
    if translations is None:
        translations = Translations()
        translations.install(language or saved_language())
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


def seconds_since_start() -> float:
    """Seconds since this process started, from the kernel's record of its start.

    ``/proc/self/stat`` gives the start in clock ticks since boot (10 ms); the time before
    Python ran any of our code (the interpreter's start, ``site``) is counted too. Where
    there is no ``/proc``, the time since this module was imported is given instead.
    """
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22: starttime
        return time.clock_gettime(time.CLOCK_BOOTTIME) - started
    except (OSError, ValueError, IndexError, AttributeError):
        return time.perf_counter() - _IMPORTED_AT


class StartTimings(QObject):
    """Marks of the start (seconds since the process started), printed at the first map."""

    def __init__(self, window: MainWindow, imports_done: tuple[float, float],
                 quit_when_drawn: bool = False) -> None:
        super().__init__(window)
        #: What happened when: name -> (seconds since the process started, CPU seconds of
        #: the process by then, every thread; on a busy machine the second is steadier).
        self.marks: dict[str, tuple[float, float]] = {"imports done": imports_done}
        self.window = window
        self.quit_when_drawn = quit_when_drawn
        self._map_ready = False
        self._pending: set[str] = set()
        window.projectOpened.connect(lambda _project: self._mark("project read"))
        window.canvas.frameReady.connect(self._on_frame_ready)
        window.canvas.installEventFilter(self)

    def _mark(self, name: str) -> None:
        self.marks.setdefault(name, (seconds_since_start(), time.process_time()))

    def _on_frame_ready(self) -> None:
        self._map_ready = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            # Marked once this paint is done: the event loop runs on after the paint.
            name = "first map painted" if self._map_ready else "window painted"
            if name not in self.marks and name not in self._pending:
                self._pending.add(name)
                QTimer.singleShot(0, lambda: self._painted(name))
        return False

    def _painted(self, name: str) -> None:
        self._mark(name)
        if name == "first map painted":
            self.window.canvas.removeEventFilter(self)
            self.report()

    def report(self) -> None:
        """Print the marks and the heavy libraries loaded so far (stderr)."""
        loaded = sorted(m for m in HEAVY_MODULES if m in sys.modules)
        lines = ["quartier: start timings (seconds since the process started; CPU seconds)"]
        lines += [f"  {name:<20}{seconds:6.3f} s   CPU {cpu:6.3f} s"
                  for name, (seconds, cpu) in sorted(self.marks.items(), key=lambda m: m[1])]
        lines.append(f"  heavy modules loaded: {', '.join(loaded) or 'none'}")
        print("\n".join(lines), file=sys.stderr, flush=True)
        listing = os.environ.get(MODULES_VARIABLE)
        if listing:
            Path(listing).write_text("\n".join(sorted(sys.modules)) + "\n", encoding="utf-8")
        if self.quit_when_drawn:
            QApplication.instance().quit()


def run(project: Path | str | None = None, sample: str | None = None,
        timings: bool = False, language: str | None = None) -> int:
    """Open the main window (on a project or a sample area) and run until it closes.

    ``timings``: print how long the start took once the first map is painted.
    ``language``: the window's language for this run (the saved one is left as it is).
    """
    imports_done = (seconds_since_start(), time.process_time())
    app = application()
    window = make_window(language=language)
    if timings:
        window.start_timings = StartTimings(  # type: ignore[attr-defined]
            window, imports_done, quit_when_drawn=os.environ.get(QUIT_VARIABLE) == "1")
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
