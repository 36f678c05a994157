"""The window on a project kept on a real PostGIS team server (tests/pg_server.py).

Kibera is published to a throwaway PostgreSQL + PostGIS cluster; the window opens it
from its address, as ``quartier open URL`` does. What the window saved is read back
with plain SQL (psycopg), not through the store that wrote it; the "other mapper" is a
second EditSession with its own connection and login, as a colleague's laptop is.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from shapely.geometry import Point

from mapping.editing import EditSession
from mapping.store.postgis import add_member, init_server, publish
from tests.pg_server import pg_server  # noqa: F401  (fixture)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytestmark = pytest.mark.gui

TIMEOUT = 20000
PASSWORDS = {"achieng": "kianda-2026!", "baraka": "olympic@stage"}
#: A point in Kibera (inside the published area), where the tests add their clinic.
WHERE = Point(36.7885, -1.3125)


@pytest.fixture(scope="module")
def team(pg_server, kibera_project):  # noqa: F811
    """(server, database, URL without password) of Kibera on a team server, with two logins:
    Achieng (facilitator, in the window) and Baraka (mapper, the other laptop)."""
    database = pg_server.create_database()
    admin = pg_server.url(database)
    init_server(admin)
    publish(kibera_project, admin, "kibera")
    add_member(admin, "achieng", "facilitator", PASSWORDS["achieng"])
    add_member(admin, "baraka", "mapper", PASSWORDS["baraka"])
    return pg_server, database, f"postgresql://achieng@127.0.0.1:{pg_server.port}/{database}" \
        "?project=kibera"


def baraka_url(team) -> str:
    server, database, _url = team
    return (f"postgresql://baraka:{quote(PASSWORDS['baraka'], safe='')}@127.0.0.1:"
            f"{server.port}/{database}?project=kibera")


def rows(team, query: str, parameters=()) -> list[tuple]:
    """Plain SQL on the server, as its administrator."""
    server, database, _url = team
    with psycopg.connect(server.url(database)) as connection:
        return connection.execute(query, parameters).fetchall()


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from desktop.i18n import Translations
    from desktop.main_window import MainWindow

    monkeypatch.setenv("QUARTIER_SETTINGS_DIR", str(tmp_path / "settings"))
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))  # never a real one
    monkeypatch.delenv("PGPASSWORD", raising=False)
    translations = Translations()
    translations.install("en")
    main = MainWindow(translations)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.edit_toolbar.close_session()
    main.team_watch.shutdown()
    main.runner.cancel_all()
    main.runner.wait(TIMEOUT)
    main.canvas.shutdown()


def open_team(qtbot, window, team, monkeypatch) -> None:
    """Open the project from its address, the password in PGPASSWORD (as a shell would)."""
    monkeypatch.setenv("PGPASSWORD", PASSWORDS["achieng"])
    window.open_project(team[2])
    qtbot.waitUntil(lambda: window.project is not None or window.last_error is not None,
                    timeout=TIMEOUT)
    assert window.last_error is None, window.last_error
    controller = window.edit_toolbar.controller
    assert controller.start_session("Achieng", "Kianda walk") is not None


def add_clinic(window, name: str) -> str:
    """Add a clinic through the window's save path (as the Describe panel's Save does)."""
    controller = window.edit_toolbar.controller
    controller.begin_new("facilities", WHERE)
    uuid = controller.save_pending("facility/clinic", {"name": name})
    assert uuid is not None
    return uuid


def open_form(qtbot, window, uuid: str) -> None:
    from desktop.editing.edit_state import Selected

    controller = window.edit_toolbar.controller
    assert controller.begin_details(Selected("facilities", uuid))
    qtbot.waitUntil(lambda: window.edit_toolbar.editor.form.isVisible(), timeout=TIMEOUT)


def test_a_team_project_opens_from_its_address_and_an_edit_lands_on_the_server(
        qtbot, window, team, monkeypatch, tmp_path):
    open_team(qtbot, window, team, monkeypatch)
    assert "127.0.0.1" in window.windowTitle() and "kibera" in window.windowTitle().lower()
    # The map draws the server's layers: as many buildings as the server holds.
    (buildings,) = rows(team, "SELECT count(*) FROM project_kibera.buildings")[0]
    assert len(window.renderer.layer_data("buildings").fids) == buildings
    uuid = add_clinic(window, "Zahanati ya Kianda")
    found = rows(team, "SELECT tags, version, contributor, ST_X(geom), ST_Y(geom) FROM "
                 "project_kibera.facilities WHERE uuid = %s", (uuid,))
    assert len(found) == 1
    tags, version, contributor, x, y = found[0]
    tags = tags if isinstance(tags, dict) else json.loads(tags)
    assert (tags["name"], version, contributor) == ("Zahanati ya Kianda", 1, "Achieng")
    assert (x, y) == pytest.approx((WHERE.x, WHERE.y), abs=1e-9)
    assert rows(team, "SELECT contributor, version FROM project_kibera.quartier_edit_history "
                "WHERE uuid = %s", (uuid,)) == [("Achieng", 1)]
    # Recent projects remember the address, never the password.
    ini = (tmp_path / "settings" / "quartier.ini").read_text(encoding="utf-8")
    assert "project=kibera" in ini and "achieng@127.0.0.1" in ini
    assert PASSWORDS["achieng"] not in ini and quote(PASSWORDS["achieng"], safe="") not in ini


def test_an_edit_by_another_mapper_appears_in_the_window(qtbot, window, team, monkeypatch):
    open_team(qtbot, window, team, monkeypatch)
    uuid = add_clinic(window, "Kliniki ya Olympic")
    open_form(qtbot, window, uuid)
    controller = window.edit_toolbar.controller
    assert controller.pending.version == 1
    with EditSession(baraka_url(team), contributor="Baraka") as baraka:
        baraka.update_tags("facilities", uuid, {"name": "Kliniki Mpya ya Olympic",
                                                "capacity": "30"}, expected_version=1)
    qtbot.waitUntil(lambda: "Baraka saved" in window.status.currentMessage(), timeout=TIMEOUT)
    assert "Kliniki Mpya ya Olympic" in window.status.currentMessage()
    # The map labels Baraka's name now (the old one is gone); the untouched form shows it.
    labels = set(window.renderer.layer_data("facilities").names)
    assert "Kliniki Mpya ya Olympic" in labels and "Kliniki ya Olympic" not in labels
    assert controller.pending.version == 2
    assert window.edit_toolbar.editor.form.tags().get("capacity") == "30"


def _stale_save(qtbot, window, team, monkeypatch, name: str):
    """The window's form shows version 1; Baraka saves version 2; the mapper saves."""
    open_team(qtbot, window, team, monkeypatch)
    window.team_watch.stop()  # the form is stale, as between two polls
    uuid = add_clinic(window, name)
    open_form(qtbot, window, uuid)
    with EditSession(baraka_url(team), contributor="Baraka") as baraka:
        baraka.update_tags("facilities", uuid, {"name": name, "operator": "Kibera CBO"},
                           expected_version=1)
    editor = window.edit_toolbar.editor
    typed = editor.form.field_input("name").editor()
    typed.end(False)
    qtbot.keyClicks(typed, " (Achieng)")  # the mapper types into the form
    qtbot.mouseClick(editor.form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.edit_toolbar.conflict_dialog is not None, timeout=TIMEOUT)
    dialog = window.edit_toolbar.conflict_dialog
    assert dialog.isVisible()
    assert "Baraka saved" in dialog.message.text()
    shown = {field: (theirs, mine, marked) for field, theirs, mine, marked in dialog.rows()}
    assert shown["Name"] == (name, name + " (Achieng)", True)
    assert shown["Operator (who runs it)"] == ("Kibera CBO", "", True)
    assert shown["Shape on the map"][1] == "same as theirs"
    assert not any(marked for field, (_t, _m, marked) in shown.items()
                   if field not in ("Name", "Operator (who runs it)"))
    # Nothing of Achieng's was written yet.
    assert rows(team, "SELECT version FROM project_kibera.facilities WHERE uuid = %s",
                (uuid,)) == [(2,)]
    return uuid, dialog


def _stored(team, uuid: str) -> tuple[dict, int]:
    tags, version = rows(team, "SELECT tags, version FROM project_kibera.facilities "
                         "WHERE uuid = %s", (uuid,))[0]
    return (tags if isinstance(tags, dict) else json.loads(tags)), version


def test_a_stale_form_asks_and_keep_mine_saves_on_top_of_theirs(qtbot, window, team,
                                                               monkeypatch):
    uuid, dialog = _stale_save(qtbot, window, team, monkeypatch, "Zahanati Mashimoni")
    qtbot.mouseClick(dialog.keep_mine, Qt.MouseButton.LeftButton)
    tags, version = _stored(team, uuid)
    assert (tags["name"], version) == ("Zahanati Mashimoni (Achieng)", 3)
    assert "operator" not in tags  # mine is the whole form, as Achieng saw and chose it
    assert rows(team, "SELECT contributor, version FROM project_kibera.quartier_edit_history "
                "WHERE uuid = %s ORDER BY id", (uuid,)) == [
        ("Achieng", 1), ("Baraka", 2), ("Achieng", 3)]
    assert window.edit_toolbar.controller.pending is None  # saved: the form closed


def test_a_stale_form_asks_and_keep_theirs_drops_mine(qtbot, window, team, monkeypatch):
    uuid, dialog = _stale_save(qtbot, window, team, monkeypatch, "Zahanati Laini Saba")
    qtbot.mouseClick(dialog.keep_theirs, Qt.MouseButton.LeftButton)
    tags, version = _stored(team, uuid)
    assert (tags["name"], tags["operator"], version) == ("Zahanati Laini Saba", "Kibera CBO", 2)
    assert rows(team, "SELECT contributor, version FROM project_kibera.quartier_edit_history "
                "WHERE uuid = %s ORDER BY id", (uuid,)) == [("Achieng", 1), ("Baraka", 2)]
    controller = window.edit_toolbar.controller
    assert controller.pending.version == 2  # the form shows theirs now
    assert window.edit_toolbar.editor.form.tags()["operator"] == "Kibera CBO"
    assert window.edit_toolbar.editor.form.tags()["name"] == "Zahanati Laini Saba"


def test_a_wrong_password_is_one_sentence_and_a_missing_one_is_asked(qtbot, window, team,
                                                                     tmp_path):
    _server, _database, url = team
    wrong = url.replace("achieng@", "achieng:not-the-password@")
    window.open_project(wrong)
    qtbot.waitUntil(lambda: window.last_error is not None, timeout=TIMEOUT)
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and box.isVisible()
    assert "refused the user name or password" in box.text()
    assert "not-the-password" not in box.text() and "Traceback" not in box.text()
    assert window.project is None
    box.close()
    # No password anywhere (no PGPASSWORD, no .pgpass): the window asks for it.
    window.last_error = None
    window.open_project(url)
    qtbot.waitUntil(lambda: window.password_dialog is not None, timeout=TIMEOUT)
    dialog = window.password_dialog
    assert "achieng" in dialog.labelText() and "refused" not in dialog.labelText()
    dialog.setTextValue("a-typo")
    dialog.accept()
    # A wrong password typed: asked again, with the reason in one sentence.
    qtbot.waitUntil(lambda: window.password_dialog not in (None, dialog), timeout=TIMEOUT)
    dialog = window.password_dialog
    assert "refused the user name or password" in dialog.labelText()
    assert "a-typo" not in dialog.labelText() and window.project is None
    window.last_error = None
    dialog.setTextValue(PASSWORDS["achieng"])
    dialog.accept()
    qtbot.waitUntil(lambda: window.project is not None or window.last_error is not None,
                    timeout=TIMEOUT)
    assert window.last_error is None, window.last_error
    assert window.project_location is not None
    ini = (tmp_path / "settings" / "quartier.ini").read_text(encoding="utf-8")
    assert "project=kibera" in ini and PASSWORDS["achieng"] not in ini
    assert quote(PASSWORDS["achieng"], safe="") not in ini


def test_the_team_dialog_lists_the_server_projects(qtbot, window, team):
    from desktop.dialogs.team_dialog import TeamProjectDialog

    server, database, url = team
    dialog = TeamProjectDialog(url, window)
    qtbot.addWidget(dialog)
    assert dialog.user.text() == "achieng"
    dialog.password.setText("wrong")
    assert not dialog.list_projects()
    assert "refused the user name or password" in dialog.message.text()
    dialog.password.setText(PASSWORDS["achieng"])
    assert dialog.list_projects()
    names = rows(team, "SELECT name FROM quartier.projects ORDER BY name")
    assert [dialog.projects.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(dialog.projects.count())] == [n for (n,) in names]
    assert dialog.chosen() == "kibera"
    assert dialog.url().startswith("postgresql://achieng:")  # for connecting, in memory


def test_marking_a_stale_selection_verified_keeps_their_answers_under_mine(qtbot, window, team,
                                                                         monkeypatch):
    """A map edit (not the form): the selection shows version 1, Baraka saves version 2,
    the facilitator marks it verified; Keep mine verifies *their* version."""
    from desktop.editing.edit_state import Selected
    from layers.participatory import ReviewStatus

    open_team(qtbot, window, team, monkeypatch)
    window.team_watch.stop()
    uuid = add_clinic(window, "Zahanati ya Soweto")
    controller = window.edit_toolbar.controller
    controller.select(Selected("facilities", uuid))
    assert controller.selection_version == 1
    with EditSession(baraka_url(team), contributor="Baraka") as baraka:
        baraka.move("facilities", uuid, 0.0002, 0.0, expected_version=1)
    assert not controller.set_review(ReviewStatus.VERIFIED)
    dialog = window.edit_toolbar.conflict_dialog
    assert dialog is not None and dialog.isVisible()
    shown = {field: (theirs, mine, marked) for field, theirs, mine, marked in dialog.rows()}
    assert shown["Review"] == ("draft", "verified", True)
    assert shown["Shape on the map"] == ("as they saved it", "same as theirs", False)
    assert rows(team, "SELECT version, review_status FROM project_kibera.facilities "
                "WHERE uuid = %s", (uuid,)) == [(2, "draft")]
    qtbot.mouseClick(dialog.keep_mine, Qt.MouseButton.LeftButton)
    found = rows(team, "SELECT version, review_status, ST_X(geom) FROM project_kibera.facilities "
                 "WHERE uuid = %s", (uuid,))
    assert found == [(3, "verified", pytest.approx(WHERE.x + 0.0002, abs=1e-9))]
    assert rows(team, "SELECT contributor, action FROM project_kibera.quartier_edit_history "
                "WHERE uuid = %s ORDER BY id", (uuid,)) == [
        ("Achieng", "create"), ("Baraka", "move"), ("Achieng", "review")]


def test_a_wrong_password_is_said_in_french(qtbot, window, team):
    """The server's sentence, made by the real connection code, shown in French with
    the server's address kept and the password left out."""
    _server, _database, url = team
    window.set_language("fr")
    try:
        window.open_project(url.replace("achieng@", "achieng:pas-le-bon@"))
        qtbot.waitUntil(lambda: window.last_error is not None, timeout=TIMEOUT)
        box = window.findChild(QMessageBox, "errorBox")
        assert box is not None and box.isVisible()
        where = url.split("@", 1)[1].split("/", 1)[0]
        assert box.text() == (f"Le serveur {where} a refusé le nom d’utilisateur ou le mot de "
                              "passe de achieng. Vérifiez-les (Quartier n’enregistre jamais le "
                              "mot de passe dans le projet).")
        box.close()
    finally:
        window.set_language("en")


def test_outputs_of_a_team_project_are_suggested_in_the_quartier_folder(
        team, kibera_project, tmp_path, monkeypatch):
    """A team project has no file to put its exports beside: the Quartier folder is
    suggested (a file project's own folder otherwise)."""
    from desktop.project_files import output_folder
    from mapping.project import Project

    folder = tmp_path / "Quartier"
    folder.mkdir()
    monkeypatch.setenv("QUARTIER_PROJECTS_DIR", str(folder))
    server, database, _url = team
    project = Project(f"postgresql://achieng:{quote(PASSWORDS['achieng'], safe='')}@127.0.0.1:"
                      f"{server.port}/{database}?project=kibera")
    try:
        assert output_folder(project) == folder
    finally:
        project.store.close()
    assert output_folder(Project(kibera_project)) == kibera_project.parent
    assert output_folder(None) == Path.home()
