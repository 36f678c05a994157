"""A team server whose disk fills up says so in one sentence, and keeps nothing half-done.

The database's new tables are put in a tablespace on a 2 MB RAM disk (tmpfs, mounted
here as root), so publishing the Kibera project runs out of space on the server for
real (PostgreSQL's own "could not extend file: No space left on device"). The publish
must end in one plain sentence, the server must keep no trace of the project, the
project file must be unchanged, and once the tables go back to the big disk the same
publish must work. Editing a server project while its disk is full is refused likewise,
with the feature as it was.
"""

from __future__ import annotations

import hashlib
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg
import pytest

from layers.errors import ProjectError
from mapping.store.postgis import init_server, open_postgis_store, publish
from tests.pg_server import (  # noqa: F401  (fixtures)
    SUPERUSER,
    SUPERUSER_PASSWORD,
    create_step,
    new_facility,
    pg_server,
    update_step,
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def tiny_disk():
    """A 2 MB tmpfs owned by the server's user (root only: mounting needs it), in a
    folder the server's user can reach (pytest's own folders are root's alone)."""
    if os.geteuid() != 0:
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs as root; mounting a small disk must work there.")
        pytest.skip("mounting a small disk needs root")
    parent = Path(tempfile.mkdtemp(prefix="quartier-tiny-"))
    parent.chmod(0o755)
    folder = parent / "disk"
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    owner = pwd.getpwnam(SUPERUSER)
    os.chown(folder, owner.pw_uid, owner.pw_gid)
    yield folder
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)
    shutil.rmtree(parent, ignore_errors=True)


def test_a_full_server_disk_is_said_and_nothing_is_kept(pg_server, kibera_project,  # noqa: F811
                                                        tiny_disk):
    database = pg_server.create_database()
    url = pg_server.url(database)
    init_server(url)
    space = f"tiny_{database}"
    pg_server.psql(f"CREATE TABLESPACE {space} LOCATION '{tiny_disk}'; "
                   f"GRANT CREATE ON TABLESPACE {space} TO quartier_facilitator")
    try:
        pg_server.psql(f'ALTER DATABASE "{database}" SET default_tablespace = {space}')
        before = _digest(kibera_project)
        with pytest.raises(ProjectError, match="out of disk space; nothing of this was saved "
                           "while publishing kibera") as caught:
            publish(kibera_project, url, "kibera")
        message = str(caught.value)
        assert len(message.splitlines()) == 1 and SUPERUSER_PASSWORD not in message
        assert _digest(kibera_project) == before
        with psycopg.connect(url) as connection:
            assert connection.execute("SELECT count(*) FROM quartier.projects").fetchone() \
                == (0,)
            assert connection.execute("SELECT count(*) FROM pg_namespace WHERE nspname = "
                                      "'project_kibera'").fetchone() == (0,)
        # Back on the big disk, the same publish works.
        pg_server.psql(f'ALTER DATABASE "{database}" RESET default_tablespace')
        publish(kibera_project, url, "kibera")
        # An edit that needs more room than the full disk has is refused whole.
        store = open_postgis_store(f"{url}?project=kibera")
        try:
            saved = store.apply_edit([create_step(new_facility("Kianda water kiosk"))], "Achieng",
                                   None)[0]
            assert saved is not None
            with psycopg.connect(url, autocommit=True) as connection:
                connection.execute(f"ALTER TABLE project_kibera.facilities SET TABLESPACE "
                                   f"{space}")
                # Fill what is left of the small disk.
                connection.execute(f"CREATE TABLE filler (x text) TABLESPACE {space}")
                with pytest.raises(psycopg.errors.DiskFull):
                    connection.execute("INSERT INTO filler SELECT repeat(md5(i::text), 20) "
                                       "FROM generate_series(1, 100000) AS i")
            with pytest.raises(ProjectError, match="out of disk space") as caught:
                store.apply_edit([update_step(saved, note=os.urandom(300_000).hex())],
                                 "Achieng", None)
            assert SUPERUSER_PASSWORD not in str(caught.value)
            stored = store.read_feature("facilities", saved.uuid)
            assert stored is not None and stored.version == saved.version
            assert stored.tags == saved.tags
        finally:
            store.close()
    finally:
        with psycopg.connect(url, autocommit=True) as connection:
            for table in ("filler",):
                connection.execute(f"DROP TABLE IF EXISTS {table}")
            connection.execute("DROP SCHEMA IF EXISTS project_kibera CASCADE")
        pg_server.psql(f'DROP DATABASE IF EXISTS "{database}"')
        pg_server.psql(f"DROP TABLESPACE IF EXISTS {space}")
