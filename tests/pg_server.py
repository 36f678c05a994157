"""A throwaway PostgreSQL + PostGIS server for the tests (and the publish benchmark).

Each run gets a cluster of its own: ``initdb`` into a fresh temporary folder, a free
port on 127.0.0.1 (never another address) and a Unix socket folder of its own, so two
runs on one machine never meet, and the machine's own PostgreSQL is never touched.
PostgreSQL refuses to run as root, so as root ``initdb``, ``pg_ctl`` and ``psql`` run as
the ``postgres`` user (``runuser -u postgres --``) in a folder that user owns. The
cluster is stopped and its folder removed when the run ends, whether tests passed or
not (and at interpreter exit, should the fixture's own clean-up never run).

Connections over TCP need a password (``scram-sha-256``), so wrong-password tests mean
something; the superuser ``postgres`` has :data:`SUPERUSER_PASSWORD`. Fresh databases
with PostGIS come from a template made once, which takes a fraction of the time of
``CREATE EXTENSION postgis`` each time.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

BIN = Path(os.environ.get("QUARTIER_PG_BIN", "/usr/lib/postgresql/15/bin"))
SUPERUSER = "postgres"
SUPERUSER_PASSWORD = "throwaway-test-secret"
TEMPLATE = "quartier_postgis_template"


class ServerUnavailable(RuntimeError):
    """The throwaway server could not be started (PostgreSQL or PostGIS missing...)."""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ThrowawayServer:
    """One temporary PostgreSQL cluster listening on 127.0.0.1 only.

    Use as a context manager, or call :meth:`start` and :meth:`remove`.
    """

    def __init__(self) -> None:
        self.as_root = os.geteuid() == 0
        self.base = Path(tempfile.mkdtemp(prefix="quartier-pg-"))
        self.data_dir = self.base / "data"
        self.socket_dir = self.base / "socket"
        self.log = self.base / "server.log"
        self.port = 0
        self._names = itertools.count(1)
        self._running = False
        self._registered = False

    # -- running commands as the cluster's owner -------------------------------------
    def _command(self, *args: str) -> list[str]:
        return (["runuser", "-u", SUPERUSER, "--"] if self.as_root else []) + list(args)

    def run(self, *args: str, check: bool = True,
            input_text: str | None = None) -> subprocess.CompletedProcess[str]:
        """Run a PostgreSQL program as the cluster's owner."""
        return subprocess.run(self._command(*args), check=check, capture_output=True, text=True,
                              input=input_text, cwd=self.base, timeout=120)

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Run SQL as the superuser over the private Unix socket; returns its output."""
        done = self.run(str(BIN / "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                        "-h", str(self.socket_dir), "-p", str(self.port), "-U", SUPERUSER,
                        "-d", database, input_text=sql, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"psql failed: {done.stderr.strip()}")
        return done.stdout.strip()

    # -- life cycle --------------------------------------------------------------------
    def start(self) -> ThrowawayServer:
        """Make the cluster (first time) and start it; raises ServerUnavailable."""
        if not (BIN / "initdb").exists():
            raise ServerUnavailable(f"PostgreSQL is not installed ({BIN / 'initdb'} is missing);"
                                    " run bash tools/setup.")
        if self.as_root:
            owner = pwd.getpwnam(SUPERUSER)
            os.chown(self.base, owner.pw_uid, owner.pw_gid)
        self.base.chmod(0o700)
        if not self.data_dir.exists():
            self._initdb()
        for attempt in range(5):
            # Started again (after a crash test): the same port if it is still free.
            self.port = self.port if self.port and attempt == 0 else _free_port()
            started = self.run(
                str(BIN / "pg_ctl"), "-D", str(self.data_dir), "-l", str(self.log), "-w",
                "-t", "60", "-o", f"-p {self.port} -c listen_addresses=127.0.0.1"
                f" -c unix_socket_directories={self.socket_dir}", "start", check=False)
            if started.returncode == 0:
                if not self._running and not self._registered:
                    atexit.register(self.remove)
                    self._registered = True
                self._running = True
                return self
        raise ServerUnavailable(f"The test PostgreSQL server did not start: {self._log_tail()}")

    def _initdb(self) -> None:
        self.run("mkdir", "-p", str(self.socket_dir))
        password_file = self.base / "pw"
        self.run("sh", "-c", f"umask 077 && printf %s '{SUPERUSER_PASSWORD}' > {password_file}")
        done = self.run(str(BIN / "initdb"), "-D", str(self.data_dir), "-U", SUPERUSER,
                        "--pwfile", str(password_file), "--auth-local=trust",
                        "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8",
                        "--no-sync", check=False)
        password_file.unlink(missing_ok=True)
        if done.returncode != 0:
            raise ServerUnavailable(f"initdb failed: {done.stderr.strip()[-500:]}")
        # fsync off only risks data if the machine itself crashes; a committed edit
        # still survives the server being killed (the crash tests rely on that).
        settings = (
            "fsync = off\nfull_page_writes = off\n"
            "max_connections = 60\nshared_buffers = 64MB\nmax_wal_size = 1GB\n"
            "log_min_messages = warning\n"
        )
        self.run("sh", "-c", f"cat >> {self.data_dir / 'postgresql.conf'}", input_text=settings)

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (``immediate`` is a crash, as a pulled plug)."""
        if self._running:
            self.run(str(BIN / "pg_ctl"), "-D", str(self.data_dir), "-m", mode, "-w", "stop",
                     check=False)
            self._running = False

    def restart(self) -> None:
        """Start the server again on the same data (a new port only if the old one is taken)."""
        self.stop()
        self.start()

    def remove(self) -> None:
        """Stop the server and delete its folder."""
        self.stop("immediate")
        shutil.rmtree(self.base, ignore_errors=True)

    def _log_tail(self) -> str:
        try:
            return self.log.read_text(errors="replace").strip()[-600:]
        except OSError:
            return "(no server log)"

    def __enter__(self) -> ThrowawayServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.remove()

    # -- databases -----------------------------------------------------------------------
    def url(self, database: str, user: str = SUPERUSER, password: str | None = None,
            port: int | None = None) -> str:
        """A ``postgresql://`` URL to a database of this server over 127.0.0.1."""
        secret = SUPERUSER_PASSWORD if password is None and user == SUPERUSER else password
        login = quote(user, safe="") + (f":{quote(secret, safe='')}" if secret else "")
        return f"postgresql://{login}@127.0.0.1:{port or self.port}/{database}"

    def create_database(self, postgis: bool = True, prefix: str = "quartier_test") -> str:
        """A new empty database (with the PostGIS extension unless ``postgis`` is False)."""
        name = f"{prefix}_{os.getpid()}_{next(self._names)}"
        if postgis:
            self._ensure_template()
            self.psql(f'CREATE DATABASE "{name}" TEMPLATE {TEMPLATE}')
        else:
            self.psql(f'CREATE DATABASE "{name}"')
        return name

    def _ensure_template(self) -> None:
        exists = self.psql(f"SELECT 1 FROM pg_database WHERE datname = '{TEMPLATE}'")
        if exists:
            return
        self.psql(f"CREATE DATABASE {TEMPLATE}")
        try:
            self.psql("CREATE EXTENSION postgis", database=TEMPLATE)
        except RuntimeError as error:
            raise ServerUnavailable(f"PostGIS is not installed: {error}") from error

    def add_login(self, user: str, password: str, role: str | None = None) -> None:
        """A login user (optionally a member of ``role``), as a database administrator would."""
        member = f" IN ROLE {role}" if role else ""
        self.psql(f"CREATE ROLE \"{user}\" LOGIN PASSWORD '{password}'{member}")


def _start_or_report() -> ThrowawayServer:
    server = ThrowawayServer()
    try:
        return server.start()
    except (ServerUnavailable, OSError, subprocess.SubprocessError) as error:
        server.remove()
        message = f"The throwaway PostgreSQL server for the server tests did not start: {error}"
        # In CI a missing server is a failure: the server tests must run there.
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[ThrowawayServer]:
    """The run's throwaway PostgreSQL + PostGIS server (started on first use)."""
    server = _start_or_report()
    try:
        server._ensure_template()
    except (ServerUnavailable, RuntimeError) as error:
        server.remove()
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(str(error))
        pytest.skip(str(error))
    try:
        yield server
    finally:
        server.remove()


@pytest.fixture
def postgis_db(pg_server: ThrowawayServer) -> Iterator[str]:
    """A fresh database with PostGIS for one test; dropped afterwards."""
    name = pg_server.create_database()
    yield name
    with contextlib.suppress(RuntimeError):
        pg_server.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def wait_until_down(server: ThrowawayServer, seconds: float = 10.0) -> None:
    """Wait until the server no longer accepts connections (after a crash stop)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", server.port)) != 0:
                return
        time.sleep(0.05)


# -- building edits the way the editor does, for the server tests ------------------------

def new_facility(name: str, lon: float = 36.79, lat: float = -1.31, contributor: str = "amina",
                 uuid: str | None = None):
    """A new draft facility (a clinic) at a point, not yet stored."""
    import uuid as uuid_module

    import shapely

    from layers.participatory import ParticipatoryLayer
    from mapping.edit_history import Feature

    return Feature(layer=ParticipatoryLayer.FACILITIES, uuid=uuid or str(uuid_module.uuid4()),
                   preset="facility/clinic", tags={"amenity": "clinic", "name": name},
                   geometry=shapely.Point(lon, lat), contributor=contributor,
                   mapping_session="walk-1")


def create_step(feature):
    """The EditStep that adds ``feature``."""
    from mapping.edit_history import Change, EditAction
    from mapping.store import EditStep

    change = Change(feature.layer, feature.uuid, None, feature, EditAction.CREATE)
    return EditStep(change=change, target=feature, action=EditAction.CREATE, expected_version=0)


def update_step(seen, **tags: str):
    """The EditStep that changes tags of ``seen`` (the feature as its editor last read it)."""
    from dataclasses import replace

    from mapping.edit_history import Change, EditAction
    from mapping.store import EditStep

    target = replace(seen, tags={**seen.tags, **tags})
    change = Change(seen.layer, seen.uuid, seen, target, EditAction.UPDATE)
    return EditStep(change=change, target=target, action=EditAction.UPDATE,
                    expected_version=seen.version)


def review_step(seen, status: str):
    """The EditStep that marks ``seen`` draft or verified."""
    from dataclasses import replace

    from layers.participatory import ReviewStatus
    from mapping.edit_history import Change, EditAction
    from mapping.store import EditStep

    target = replace(seen, review_status=ReviewStatus(status))
    change = Change(seen.layer, seen.uuid, seen, target, EditAction.REVIEW)
    return EditStep(change=change, target=target, action=EditAction.REVIEW,
                    expected_version=seen.version)
