"""File → Merge projects… in the window: two laptops' copies of Kibera brought together.

Two copies of the real Kibera project are edited apart through the editing API: both
rename one clinic differently (a conflict), one adds a capacity to another clinic (a
clean edit). The office project, open in the window, merges both; the figures shown
and the conflicts listed are checked against what the laptops stored, and the choices
(Keep theirs, Combine) against an independent sqlite3 read of the project.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from pyproj import Transformer
from shapely.geometry import Point

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from layers.errors import QuartierError  # noqa: E402
from mapping.editing import EditSession  # noqa: E402
from tests.test_window_session import (  # noqa: E402, F401 (fixture)
    TIMEOUT,
    close,
    make_window,
    open_and_draw,
    own_folders,
)

pytestmark = pytest.mark.gui

FAC = "facilities"


def retag(session: EditSession, uuid: str, **changes: str) -> None:
    tags = dict(session.feature(FAC, uuid).tags)
    tags.update(changes)
    session.update_tags(FAC, uuid, tags)


def stored(path: Path, uuid: str) -> tuple[int, dict]:
    """A facility's version and tags, read with sqlite3 alone."""
    with sqlite3.connect(path) as connection:
        version, tags = connection.execute("SELECT version, tags FROM facilities WHERE uuid = ?",
                                           (uuid,)).fetchone()
    return version, json.loads(tags)


def conflict_rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return sorted(connection.execute(
            "SELECT uuid, field, mine, theirs, their_contributor, source FROM "
            "quartier_merge_conflicts"))


@pytest.fixture
def laptops(kibera_project: Path, tmp_path: Path) -> dict:
    """The office project and two laptops' copies, each edited by its own team."""
    office = tmp_path / "office.gpkg"
    shutil.copy(kibera_project, office)
    with sqlite3.connect(office) as connection:
        (value,) = connection.execute("SELECT value FROM quartier_metadata WHERE key = "
                                      "'area_of_interest'").fetchone()
    west, south, east, north = json.loads(value)
    x, y = (west + east) / 2, (south + north) / 2
    with EditSession(office, contributor="Office") as session:
        clash = session.add_feature(FAC, Point(x, y), "facility/clinic",
                                    {"name": "Clinic one", "capacity": "40"})
        clean = session.add_feature(FAC, Point(x + 0.002, y), "facility/clinic",
                                    {"name": "Clinic two"})
        other = session.add_feature(FAC, Point(x - 0.002, y), "facility/clinic",
                                    {"name": "Clinic three", "operator": "City"})
    a, b = tmp_path / "team-a.gpkg", tmp_path / "team-b.gpkg"
    shutil.copy(office, a)
    shutil.copy(office, b)
    with EditSession(a, contributor="Achieng") as session:
        retag(session, clash, name="Kianda Clinic")
        retag(session, clean, capacity="25")
        retag(session, other, operator="Red Cross")
    with EditSession(b, contributor="Baraka") as session:
        retag(session, other, operator="Community")
        added = session.add_feature(FAC, Point(x, y + 0.002), "facility/clinic",
                                    {"name": "Amani Clinic"})
    # The office renames the first clinic its own way: the same tag changed on both sides.
    with EditSession(office, contributor="Office") as session:
        retag(session, clash, name="Kianda Health Centre")
    return {"office": office, "a": a, "b": b, "clash": clash, "clean": clean,
            "other": other, "added": added, "clash_at": (x, y),
            "office_version": stored(office, clash)[0]}


def test_merge_in_the_window_shows_conflicts_and_keeps_theirs(qtbot, laptops, tmp_path):
    office, a, b = laptops["office"], laptops["a"], laptops["b"]
    clash, clean, other = laptops["clash"], laptops["clean"], laptops["other"]
    a_clean = stored(a, clean)
    window, translations = make_window(qtbot)
    try:
        flow = window.merge_flow
        assert not flow.action.isEnabled()  # no project open
        open_and_draw(qtbot, window, office)
        assert flow.action.isEnabled()
        # A mapping session is open in the window while merging (its file stays usable).
        assert window.edit_toolbar.controller.start_session("Facilitator", "Merge day")
        task = flow.merge([a, b])
        qtbot.waitUntil(lambda: task.is_done() and flow.dialog is not None
                        or window.last_error is not None, timeout=TIMEOUT)
        assert window.last_error is None, window.last_error
        dialog = flow.dialog
        # The map drew the facilities again: every stored one, B's new clinic too.
        with sqlite3.connect(office) as connection:
            fids = {f for (f,) in connection.execute("SELECT fid FROM facilities")}
            (new_fid,) = connection.execute("SELECT fid FROM facilities WHERE uuid = ?",
                                            (laptops["added"],)).fetchone()
        assert new_fid in fids
        assert set(window.renderer.layer_data(FAC).fids.tolist()) == fids
        # What A and B changed, read back from their files: the clean capacity is taken
        # (updated), the name (A against the office) and the operator (A against B) clash.
        assert stored(office, clean) == a_clean
        # A's operator is taken (the office had not changed it), then B's clashes with it.
        assert flow.report.updated == 2 and flow.report.added == 1
        assert len(flow.report.conflicts) == 2
        summary = dialog.summary.text()
        assert "1 added, 2 updated" in summary and "2 conflict(s)" in summary
        # (the fields named as the clinic form asks them)
        listed = {(r[1], r[2], r[3], r[4], r[5], r[7]) for r in dialog.rows()}
        assert listed == {
            ("Kianda Health Centre", "Name", "Kianda Health Centre", "Kianda Clinic",
             "Achieng", "team-a.gpkg"),
            ("Clinic three", "Operator (who runs it)", "Red Cross", "Community", "Baraka",
             "team-b.gpkg")}
        # The side-by-side of the name conflict: theirs and mine, the name row marked.
        row = next(i for i, c in enumerate(dialog.conflicts) if c.uuid == clash)
        dialog.select(row)
        versions = dialog.version_rows()
        name_row = next(r for r in versions if r[1] == "Kianda Clinic")
        assert name_row[2] == "Kianda Health Centre" and name_row[3]
        assert not next(r for r in versions if r[1] == "40")[3]  # capacity: the same
        # The map shows the feature: the marker is on the clinic.
        to_map = Transformer.from_crs("EPSG:4326", window.project.metadata.working_crs,
                                      always_xy=True)
        expected = to_map.transform(*laptops["clash_at"])
        marker = window.canvas._marker
        assert marker is not None
        assert abs(marker[0] - expected[0]) < 0.01 and abs(marker[1] - expected[1]) < 0.01
        dialog.grab().save(str(tmp_path / "merge_conflicts.png"))
        if os.environ.get("QUARTIER_SHOTS"):
            dialog.grab().save(os.environ["QUARTIER_SHOTS"])
        dialog.keep_theirs.click()
        assert stored(office, clash)[1]["name"] == "Kianda Clinic"
        assert stored(office, clash)[0] == laptops["office_version"] + 1
        assert [r[0] for r in conflict_rows(office)] == [other]
        assert [c.uuid for c in dialog.conflicts] == [other]
        # Combine the operator conflict: the value typed is saved, the conflict settled.
        assert dialog.combine.isEnabled()
        assert flow.combine(dialog.conflicts[0], "Red Cross; Community")
        assert stored(office, other)[1]["operator"] == "Red Cross; Community"
        assert conflict_rows(office) == []
        assert dialog.rows() == []
        with sqlite3.connect(office) as connection:
            last = connection.execute(
                "SELECT action, tags, contributor FROM quartier_edit_history WHERE uuid = ? "
                "ORDER BY version DESC LIMIT 1", (other,)).fetchone()
        assert last[0] == "update" and json.loads(last[1])["operator"] == "Red Cross; Community"
        assert last[2] == "Facilitator"  # saved through the window's mapping session
        # Merging the same files again changes nothing new.
        version_before = stored(office, clash)
        task = flow.merge([a, b])
        qtbot.waitUntil(task.is_done, timeout=TIMEOUT)
        qtbot.waitUntil(lambda: flow.dialog is not None, timeout=TIMEOUT)
        assert stored(office, clash) == version_before
    finally:
        close(window, translations)


def test_merge_is_grey_for_a_team_server_project(qtbot):
    window, translations = make_window(qtbot)
    try:
        window.project = object()
        window.project_location = "postgresql://team@localhost/kibera"
        window.merge_flow._update_actions()
        assert not window.merge_flow.action.isEnabled()
        assert "team-server" in window.merge_flow.action.toolTip()
    finally:
        window.project = None
        window.project_location = None
        close(window, translations)


def test_a_file_that_is_not_a_project_is_refused_and_nothing_changes(qtbot, laptops,
                                                                      tmp_path):
    office = laptops["office"]
    wrong = tmp_path / "notes.gpkg"
    wrong.write_text("not a project")
    before = office.read_bytes()
    window, translations = make_window(qtbot)
    try:
        open_and_draw(qtbot, window, office)
        task = window.merge_flow.merge([laptops["a"], wrong])
        qtbot.waitUntil(lambda: task.is_done() and window.last_error is not None,
                        timeout=TIMEOUT)
        assert isinstance(window.last_error, QuartierError)
        assert "\n" not in str(window.last_error) and "Traceback" not in str(window.last_error)
        assert window.merge_flow.dialog is None
    finally:
        close(window, translations)
    assert office.read_bytes() == before


def test_a_deletion_and_a_shape_conflict_are_shown_and_settled(qtbot, laptops, tmp_path):
    office, clean, other = laptops["office"], laptops["clean"], laptops["other"]
    c = tmp_path / "team-c.gpkg"
    shutil.copy(office, c)
    with EditSession(c, contributor="Chebet") as session:
        session.delete(FAC, other)
        session.move(FAC, clean, 0.0001, 0.0)
    with EditSession(office, contributor="Office") as session:
        retag(session, other, operator="Office")
        session.move(FAC, clean, -0.0001, 0.0)
    with sqlite3.connect(office) as connection:
        shape_before = connection.execute("SELECT geom FROM facilities WHERE uuid = ?",
                                          (clean,)).fetchone()[0]
    window, translations = make_window(qtbot)
    try:
        open_and_draw(qtbot, window, office)
        flow = window.merge_flow
        task = flow.merge([c])
        qtbot.waitUntil(lambda: task.is_done() and flow.dialog is not None
                        or window.last_error is not None, timeout=TIMEOUT)
        assert window.last_error is None, window.last_error
        dialog = flow.dialog
        assert {(x[0], x[1]) for x in conflict_rows(office)} == {(other, "feature"),
                                                                  (clean, "geometry")}
        by_uuid = {conflict.uuid: i for i, conflict in enumerate(dialog.conflicts)}
        dialog.select(by_uuid[other])
        rows = dialog.version_rows()
        assert ("Name", "(deleted)", "Clinic three", True) in rows
        assert not dialog.combine.isEnabled()
        dialog.keep_theirs.click()
        with sqlite3.connect(office) as connection:
            assert connection.execute("SELECT count(*) FROM facilities WHERE uuid = ?",
                                      (other,)).fetchone() == (0,)
        assert [x[:2] for x in conflict_rows(office)] == [(clean, "geometry")]
        dialog.select(0)
        assert dialog.selected().uuid == clean
        dialog.keep_mine.click()
        assert conflict_rows(office) == []
        with sqlite3.connect(office) as connection:
            assert connection.execute("SELECT geom FROM facilities WHERE uuid = ?",
                                      (clean,)).fetchone()[0] == shape_before
    finally:
        close(window, translations)
