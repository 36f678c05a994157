"""What goes wrong with a team server is said in one plain sentence, and leaves no trace.

A wrong password, a wrong port, a malformed address, a database without PostGIS, a
schema of another version, the server stopping in the middle of a publish or an edit:
each is a ProjectError subclass with a sentence that never shows the password; the
project file is never changed, and the server keeps nothing of a failed publish.
"""

from __future__ import annotations

import hashlib
import os

import psycopg
import pytest

from desktop.cli import main
from layers.errors import ProjectError
from mapping.store.postgis import (
    ServerConnectionError,
    ServerSchemaError,
    init_server,
    open_postgis_store,
    publish,
)
from tests.pg_server import (  # noqa: F401  (fixtures)
    SUPERUSER_PASSWORD,
    create_step,
    new_facility,
    pg_server,
    update_step,
    wait_until_down,
)


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def server_db(pg_server):  # noqa: F811
    """A prepared team-server database (no project yet)."""
    database = pg_server.create_database()
    init_server(pg_server.url(database))
    return database


def test_a_wrong_password_is_said_without_showing_it(pg_server, server_db, capsys):  # noqa: F811
    url = pg_server.url(server_db, password="not-the-secret-xyz")
    with pytest.raises(ServerConnectionError, match="refused the user name or password") as e:
        open_postgis_store(f"{url}?project=kibera")
    assert "not-the-secret-xyz" not in str(e.value)
    assert main(["server", "init", url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("quartier: ") and len(err.strip().splitlines()) == 1
    assert "not-the-secret-xyz" not in err and "***" not in err


def test_a_wrong_port_or_address_is_said_plainly(pg_server, server_db):  # noqa: F811
    with pytest.raises(ServerConnectionError, match="Cannot reach a PostgreSQL server at "
                       r"127\.0\.0\.1:1\b"):
        open_postgis_store(pg_server.url(server_db, port=1) + "?project=kibera")
    with pytest.raises(ServerConnectionError, match="not a team-server address"):
        open_postgis_store("http://127.0.0.1/mapping?project=kibera")
    with pytest.raises(ServerConnectionError, match="not a valid team-server address") as e:
        open_postgis_store("postgresql://amina:hunter2-secret@127.0.0.1:port/db?project=k")
    assert "hunter2-secret" not in str(e.value) and "amina:***@" in str(e.value)
    with pytest.raises(ServerConnectionError, match=r"names no project; add \?project=NAME"):
        open_postgis_store(pg_server.url(server_db))
    with pytest.raises(ServerConnectionError, match="has no database called “nowhere”"):
        open_postgis_store(pg_server.url("nowhere") + "?project=kibera")
    with pytest.raises(ProjectError, match="has no project called kibera"):
        open_postgis_store(pg_server.url(server_db) + "?project=kibera")


def test_a_database_without_postgis_is_said_plainly(pg_server, kibera_project):  # noqa: F811
    plain = pg_server.create_database(postgis=False, prefix="plain")
    owner = f"owner_{os.getpid()}"
    pg_server.add_login(owner, "owner-secret-1")
    pg_server.psql(f'ALTER DATABASE "{plain}" OWNER TO "{owner}"')
    url = pg_server.url(plain, user=owner, password="owner-secret-1")
    with pytest.raises(ServerSchemaError, match="has no PostGIS, and this user may not add it"):
        init_server(url)
    with pytest.raises(ServerSchemaError, match="has no PostGIS: it is not a Quartier team"):
        open_postgis_store(f"{url}?project=kibera")
    before = _digest(kibera_project)
    with pytest.raises(ServerSchemaError, match="has no PostGIS"):
        publish(kibera_project, url, "kibera")
    assert _digest(kibera_project) == before
    bare = pg_server.create_database(prefix="bare")
    with pytest.raises(ServerSchemaError, match="not a Quartier team server yet"):
        publish(kibera_project, pg_server.url(bare), "kibera")


def test_a_schema_of_another_version_is_refused(pg_server, kibera_project):  # noqa: F811
    database = pg_server.create_database()
    url = pg_server.url(database)
    init_server(url)
    publish(kibera_project, url, "kibera")
    pg_server.psql("UPDATE quartier.schema_version SET version = 7", database=database)
    words = "schema version 7; this Quartier uses version 1. Update Quartier"
    with pytest.raises(ServerSchemaError, match=words):
        init_server(url)
    with pytest.raises(ServerSchemaError, match=words):
        open_postgis_store(f"{url}?project=kibera")
    with pytest.raises(ServerSchemaError, match=words):
        publish(kibera_project, url, "other")


def test_the_server_stopping_mid_publish_leaves_nothing(pg_server, server_db,  # noqa: F811
                                                        kibera_project):
    url = pg_server.url(server_db)
    before = _digest(kibera_project)

    def pull_the_plug(fraction: float, message: str) -> None:
        if message.startswith("Publishing") and "Roads" in message:
            pg_server.stop("immediate")
            wait_until_down(pg_server)

    try:
        with pytest.raises(ServerConnectionError, match="was lost while publishing crashed; "
                           "nothing of it was saved there") as e:
            publish(kibera_project, url, "crashed", progress=pull_the_plug)
        assert SUPERUSER_PASSWORD not in str(e.value)
    finally:
        pg_server.start()
    assert _digest(kibera_project) == before
    with psycopg.connect(url) as connection:
        assert connection.execute("SELECT count(*) FROM quartier.projects").fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM pg_namespace WHERE nspname = "
                                  "'project_crashed'").fetchone() == (0,)
    publish(kibera_project, url, "crashed")  # and the same publish works once it is back


def test_the_server_stopping_mid_session_is_said_and_the_next_edit_reconnects(
        pg_server, server_db, kibera_project):  # noqa: F811
    url = pg_server.url(server_db)
    publish(kibera_project, url, "session")
    store = open_postgis_store(f"{url}?project=session")
    try:
        created = store.apply_edit([create_step(new_facility("Before the cut"))], "amina",
                                   None)[0]
        pg_server.stop("immediate")
        wait_until_down(pg_server)
        try:
            with pytest.raises(ServerConnectionError, match="was lost while saving the edit|"
                               "Cannot reach a PostgreSQL server"):
                store.apply_edit([update_step(created, operator="lost")], "amina", None)
        finally:
            pg_server.start()
        again = store.apply_edit([update_step(created, operator="county")], "amina", None)[0]
        assert again is not None and again.version == 2
        assert [e.version for e in store.read_history("facilities", created.uuid)] == [1, 2]
    finally:
        store.close()
