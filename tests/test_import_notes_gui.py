"""What an import changed on the way in is shown in the window, not only on the command line.

A Shapefile copied without its ``.dbf`` (a real case: a USB stick with only the
``.shp`` and ``.shx``) is imported with no attributes; the model says so in a note,
and the window must show that note, not just "Added".
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyogrio
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.test_desktop import DATA, TIMEOUT, open_and_draw  # noqa: E402
from tests.test_window_session import close, make_window  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def own_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Preferences and the Quartier folder of this test only."""
    monkeypatch.setenv("QUARTIER_SETTINGS_DIR", str(tmp_path / "settings"))
    monkeypatch.setenv("QUARTIER_PROJECTS_DIR", str(tmp_path / "Documents" / "Quartier"))


@pytest.fixture
def kibera(kibera_project: Path, tmp_path: Path) -> Path:
    """A fresh copy of the real Kibera project."""
    target = tmp_path / "kibera.gpkg"
    shutil.copy(kibera_project, target)
    return target


@pytest.fixture
def window(qtbot):
    main, translations = make_window(qtbot)
    yield main
    close(main, translations)


def _villages_without_dbf(folder: Path) -> Path:
    for part in ("shp", "shx", "prj"):
        shutil.copy(DATA / "kibera" / f"villages.{part}", folder / f"villages.{part}")
    return folder / "villages.shp"


def test_import_notes_are_shown_in_the_window(qtbot, window, kibera: Path, tmp_path: Path):
    from desktop.dialogs.hazard_dialog import ImportRequest
    from mapping.project import Project

    open_and_draw(qtbot, window, kibera)
    shp = _villages_without_dbf(tmp_path)
    request = ImportRequest(path=shp, name="villages", title="Villages")
    with qtbot.waitSignal(window.import_flow.imported, timeout=TIMEOUT):
        window.import_flow.start(request)
    box = window.import_flow.notes_box
    assert box is not None and box.isVisible()
    assert "Villages was added to the map" in box.text()
    assert "villages.dbf" in box.informativeText()
    expected = len(pyogrio.read_dataframe(DATA / "kibera" / "villages.shp"))
    assert len(Project(kibera).read_layer("villages")) == expected
    box.accept()
    qtbot.waitUntil(lambda: window.import_flow.notes_box is None, timeout=TIMEOUT)


def test_an_import_with_nothing_changed_shows_no_notes(qtbot, window, kibera: Path):
    from desktop.dialogs.hazard_dialog import ImportRequest

    open_and_draw(qtbot, window, kibera)
    request = ImportRequest(path=DATA / "kibera" / "villages.shp", name="villages",
                            title="Villages")
    with qtbot.waitSignal(window.import_flow.imported, timeout=TIMEOUT):
        window.import_flow.start(request)
    assert window.import_flow.notes_box is None
