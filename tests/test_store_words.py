"""The project store's sentences in Swahili and French, from real situations.

A project another process is writing to, a project file that cannot be written, a file
moved away while mapping, an edit that crossed someone else's, a wrong password on the
team server, the progress report: each is made to happen for real, and the message must
be the catalogue's sentence (read from ``resources/i18n/<lang>.po``) with the real file
names, people and numbers in it. Nothing here re-parses an English sentence.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from shapely.geometry import Point

from layers.errors import ProjectError
from layers.i18n import CATALOGUE_DIR, using
from tests.pg_server import pg_server  # noqa: F401  (fixture)

LANGUAGES = ("sw", "fr")
#: Holds the project's write lock until its stdin is closed (a second Quartier, QGIS...).
LOCKER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
sys.stdin.read()
connection.execute("ROLLBACK")
"""
BUSY_FILE = ("{name} is busy: another program or another task is writing to it. Nothing was "
             "changed; try again in a moment.")
BUSY_EDIT = ("The project is busy: a layer is being added to it, or another program is writing "
             "to it. This edit was not saved; try again in a moment.")
READ_ONLY = ("Cannot write {path}: the file is read-only, or you may not change it. Nothing was "
             "saved. Save the project in a folder you can write to (your Documents folder, for "
             "example).")
GONE = ("The project file {path} is gone (moved or deleted): put it back, or open it where it "
        "is now.")
CONFLICT = ("Someone saved a change to “{name}” after you opened it ({who} saved version "
            "{version}). Your edit was not saved; look at both versions and choose which to "
            "keep.")
CONFLICT_NOW = ("Someone saved a change to “{name}” after you opened it (it is now at version "
                "{version}). Your edit was not saved; look at both versions and choose which to "
                "keep.")
WRONG_PASSWORD = ("The server at {where} refused the user name or password for {who}. Check "
                  "them (Quartier never stores the password in the project).")


@cache
def _catalogue(language: str):
    from babel.messages.pofile import read_po

    with open(CATALOGUE_DIR / f"{language}.po", "rb") as stream:
        return read_po(stream)


def said(language: str, message_id: str, **values: object) -> str:
    """The catalogue's translation of ``message_id`` in ``language``, filled in; it must
    be there and differ from the English."""
    message = _catalogue(language).get(message_id)
    assert message is not None, f"{message_id!r} is not in {language}.po"
    translated = message.string
    assert translated and translated != message_id, f"{message_id!r} not translated ({language})"
    return str(translated).format(**values)


@pytest.fixture()
def project(kibera_project: Path, tmp_path: Path) -> Path:
    path = tmp_path / "mtaa_kibera.gpkg"
    shutil.copy(kibera_project, path)
    return path


@pytest.fixture()
def quick_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit waits a fraction of a second for another writer, not ten."""
    monkeypatch.setattr("mapping.editing.EDIT_WAIT_S", 0.3)


def _clinic(session, name: str = "Zahanati ya Makina") -> str:
    return session.add_feature("facilities", Point(36.7891, -1.3102), "facility/clinic",
                               {"amenity": "clinic", "name": name})


class _Locker:
    """Another process holding the project's write lock while the block runs."""

    def __init__(self, path: Path) -> None:
        self.child = subprocess.Popen([sys.executable, "-c", LOCKER, str(path)],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def __enter__(self) -> _Locker:
        assert self.child.stdout is not None
        assert self.child.stdout.readline().strip() == "locked"
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.child.stdin is not None
        self.child.stdin.close()
        assert self.child.wait(30) == 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_project_another_process_writes_to_is_said_busy(project: Path, quick_waits,
                                                          language: str):
    from mapping.editing import EditSession

    with using(language):
        # Opening a mapping session while another program holds the file.
        with _Locker(project), pytest.raises(ProjectError) as caught:
            EditSession(project, "Amina").close()
        assert str(caught.value) == said(language, BUSY_FILE, name="mtaa_kibera.gpkg")
        # An edit in a session already open, while another program holds the file.
        with EditSession(project, "Amina") as session:
            with _Locker(project), pytest.raises(ProjectError) as caught:
                _clinic(session)
            assert str(caught.value) == said(language, BUSY_EDIT)
            assert not session.can_undo
            _clinic(session)  # once the other program is done, the edit goes through


@pytest.fixture()
def read_only(project: Path) -> Iterator[Path]:
    """``project`` made read-only for real: immutable for root (who ignores file
    permissions), without write permission for anyone else."""
    if os.geteuid() == 0:
        if shutil.which("chattr") is None or subprocess.run(
                ["chattr", "+i", str(project)], capture_output=True).returncode != 0:
            pytest.skip("this file system cannot make a file immutable")
        try:
            yield project
        finally:
            subprocess.run(["chattr", "-i", str(project)], check=True)
    else:
        project.chmod(0o444)
        yield project
        project.chmod(0o644)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_read_only_project_file_is_said_so(read_only: Path, quick_waits, language: str):
    from mapping.editing import EditSession

    before = read_only.read_bytes()
    with using(language), pytest.raises(ProjectError) as caught:
        with EditSession(read_only, "Baraka") as session:
            _clinic(session)
    assert str(caught.value) == said(language, READ_ONLY, path=read_only)
    assert read_only.read_bytes() == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_project_file_moved_away_while_mapping(project: Path, quick_waits, language: str):
    from mapping.editing import EditSession

    with using(language), EditSession(project, "Amina") as session:
        _clinic(session)
        project.rename(project.with_name("moved.gpkg"))
        with pytest.raises(ProjectError) as caught:
            _clinic(session, "Shule ya Olympic")
    assert str(caught.value) == said(language, GONE, path=project)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_edit_crossing_someone_elses(project: Path, quick_waits, language: str):
    """Amina and Baraka both have the clinic open (version 1); Baraka saves first. The
    mapping session says the version it is at now; the store, which reads the history,
    names Baraka."""
    from layers.participatory import ParticipatoryLayer
    from mapping.edit_history import Change, EditAction
    from mapping.editing import EditSession
    from mapping.store import ConflictError, EditStep, open_store

    tags = {"amenity": "clinic", "name": "Zahanati ya Makina"}
    with EditSession(project, "Amina") as amina:
        uuid = _clinic(amina)
        seen = amina.feature("facilities", uuid)
        with EditSession(project, "Baraka") as baraka:
            baraka.update_tags("facilities", uuid, {**tags, "opening_hours": "Mo-Fr 08:00-17:00"},
                               expected_version=1)
        with using(language), pytest.raises(ConflictError) as caught:
            amina.update_tags("facilities", uuid, {**tags, "operator": "Kaunti ya Nairobi"},
                              expected_version=1)
    assert str(caught.value) == said(language, CONFLICT_NOW, name="Zahanati ya Makina",
                                     version=2)
    store = open_store(project)
    try:
        now = next(f for f in store.read_features("facilities") if f.uuid == uuid)
        assert now.version == 2 and now.contributor == "Amina"  # who first mapped it
        mine = replace(now, tags={**tags, "operator": "Kaunti ya Nairobi"})
        step = EditStep(change=Change(ParticipatoryLayer.FACILITIES, uuid, seen, mine,
                                           EditAction.UPDATE),
                        target=mine, action=EditAction.UPDATE, expected_version=1)
        with using(language), pytest.raises(ConflictError) as caught:
            store.apply_edit([step], "Amina", None)
    finally:
        store.close()
    assert str(caught.value) == said(language, CONFLICT, name="Zahanati ya Makina",
                                     who="Baraka", version=2)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_progress_report_in_the_language_asked(project: Path, quick_waits, language: str):
    from mapping.editing import EditSession
    from mapping.progress import campaign_progress, progress_html, progress_text
    from mapping.project import Project

    with EditSession(project, "Amina") as session:
        _clinic(session)
        _clinic(session, "Shule ya Olympic")
    progress = campaign_progress(Project(project))
    name = progress.project
    with using(language):
        text = progress_text(progress)
        page = progress_html(progress)
    lines = text.splitlines()
    assert lines[0] == said(language, "Mapping progress of {project}", project=name)
    assert "  " + said(language, "{who}: mapped {mapped}, verified {verified}, edits {edits}",
                       who="Amina", mapped=2, verified=0, edits=2) in lines
    assert said(language, "By contributor (mapped, verified, edits)") in lines
    assert f"<html lang='{language}'>" in page and "Amina" in page
    assert said(language, "Mapping progress") in page


def test_the_plural_of_features_outside_every_area():
    """One and several features outside the areas, in both languages (French: 0 and 1
    singular; Swahili: 1 singular)."""
    from layers.i18n import ntr

    for language in LANGUAGES:
        forms = _catalogue(language).get("{n} feature lies outside every area.").string
        with using(language):
            assert ntr("{n} feature lies outside every area.",
                       "{n} features lie outside every area.", 1) == forms[0].format(n=1)
            assert ntr("{n} feature lies outside every area.",
                       "{n} features lie outside every area.", 7) == forms[1].format(n=7)
    with using("fr"):
        assert ntr("{n} feature lies outside every area.",
                   "{n} features lie outside every area.", 0) == \
            _catalogue("fr").get("{n} feature lies outside every area.").string[0].format(n=0)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_wrong_server_password(pg_server, language: str):  # noqa: F811
    """The team server refuses a wrong password: said with its address and the user,
    never the password."""
    from mapping.store.postgis import ServerPasswordError, open_postgis_store

    database = pg_server.create_database(prefix="store_words")
    url = pg_server.url(database, password="si-nenosiri-sahihi") + "?project=kibera"
    with using(language), pytest.raises(ServerPasswordError) as caught:
        open_postgis_store(url)
    assert str(caught.value) == said(language, WRONG_PASSWORD,
                                     where=f"127.0.0.1:{pg_server.port}", who="postgres")
    assert "si-nenosiri-sahihi" not in str(caught.value)
