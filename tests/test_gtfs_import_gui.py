"""File → Import GTFS feed… in the window: the import runs off the GUI thread, the lines
are drawn, a message says what came in; a broken feed is one sentence and changes nothing.

Runs offscreen with pytest-qt on a small project in Accra and the hand-made feed of
:mod:`tests.gtfs_feed_files`; what was saved is read back with sqlite3.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from tests.gtfs_feed_files import SMALL_AREA, area_project, small_feed, write_folder, write_zip
from tests.test_window_session import (  # noqa: F401 (fixtures)
    TIMEOUT,
    close,
    make_window,
    open_and_draw,
    own_folders,
)

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("own_folders")]


@pytest.fixture
def opened(qtbot, tmp_path: Path):
    (tmp_path / "work").mkdir()
    project = area_project(tmp_path / "work" / "accra.gpkg", SMALL_AREA, "Accra")
    main, translations = make_window(qtbot)
    assert not main.gtfs_import_flow.action.isEnabled(), "no project open yet"
    open_and_draw(qtbot, main, project)
    yield main, project
    close(main, translations)


def _lines(project: Path) -> list[dict]:
    with sqlite3.connect(project) as connection:
        return [json.loads(t) for (t,) in connection.execute("SELECT tags FROM transport_lines")]


def test_a_feed_is_imported_drawn_and_summed_up(qtbot, opened, tmp_path):
    window, project = opened
    flow = window.gtfs_import_flow
    assert flow.action.isEnabled()
    menu = [a.text() for a in window.file_menu.actions()]
    assert menu.index("Import field data…") < menu.index("Import GTFS feed…") \
        < menu.index(window.show_folder_action.text())
    session = window.edit_toolbar.controller.start_session("Kofi", "Tro-tro day")
    assert session is not None
    feed = write_folder(tmp_path / "feed", small_feed())
    task = flow.import_feed(feed / "stops.txt")  # the stops table stands for its folder
    assert task is not None
    qtbot.waitUntil(lambda: flow.report is not None or window.last_error is not None,
                    timeout=TIMEOUT)
    assert window.last_error is None, window.last_error
    tags = _lines(project)
    assert sorted(t["gtfs:route_id"] for t in tags) == ["R1", "R2", "R2", "R4"]
    with sqlite3.connect(project) as connection:
        sessions = {s for (s,) in connection.execute(
            "SELECT DISTINCT mapping_session FROM transport_lines")}
    assert sessions == {session.mapping_session}
    assert window.status.currentMessage().startswith(
        "Imported 4 transport lines (1 running both ways) with 5 stops from feed")
    assert flow.message is not None and "left out: 1" in flow.message.text()
    assert "route T (R3)" in flow.message.detailedText()
    # The map reads the lines and stops again: the new ones are drawn.
    assert len(window.renderer.layer_data("transport_lines").fids) == 4
    assert len(window.renderer.layer_data("transport_stops").fids) == 11

    # The import is the window's next Undo, as a field import is: one Undo takes it all
    # away (from the file and the map), Redo brings it back.
    assert session.can_undo and session.undo_description.startswith("Import 4 transport")
    window.edit_toolbar.undo_action.trigger()
    qtbot.waitUntil(lambda: len(window.renderer.layer_data("transport_lines").fids) == 0,
                    timeout=TIMEOUT)
    assert _lines(project) == []
    with sqlite3.connect(project) as connection:
        assert connection.execute("SELECT COUNT(*) FROM transport_stops").fetchone() == (0,)
    window.edit_toolbar.redo_action.trigger()
    qtbot.waitUntil(lambda: len(window.renderer.layer_data("transport_stops").fids) == 11,
                    timeout=TIMEOUT)
    assert sorted(t["gtfs:route_id"] for t in _lines(project)) == ["R1", "R2", "R2", "R4"]


def test_a_broken_feed_says_why_and_changes_nothing(qtbot, opened, tmp_path):
    window, project = opened
    before = hashlib.sha256(project.read_bytes()).hexdigest()
    tables = small_feed()
    tables.pop("stop_times.txt")
    window.gtfs_import_flow.import_feed(write_zip(tmp_path / "broken.zip", tables))
    qtbot.waitUntil(lambda: window.last_error is not None, timeout=TIMEOUT)
    assert "stop_times.txt" in str(window.last_error)
    assert window.gtfs_import_flow.report is None
    assert hashlib.sha256(project.read_bytes()).hexdigest() == before
