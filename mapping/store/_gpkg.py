"""Low-level GeoPackage plumbing: SQLite connections, geometry blobs, safe file writes.

The project file is a plain OGC GeoPackage, so QGIS and GDAL open it. Edits, and
layers added later (:mod:`mapping.store._gpkg_copy`), go through SQLite transactions on the
file itself (all or nothing, durable with ``synchronous=FULL``); a new project is
written to a temporary file beside the target that replaces it only once complete, so
a crash or power cut never leaves a truncated project.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sqlite3
import struct
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from layers.errors import ProjectError
from layers.i18n import tr

_ENVELOPE_XY = 1 << 1
_EMPTY = 1 << 4
_LITTLE_ENDIAN = 1


def encode_geometry(geometry: BaseGeometry | None, srs_id: int = 4326) -> bytes | None:
    """Encode a shapely geometry as a GeoPackage geometry blob (header + WKB)."""
    if geometry is None:
        return None
    wkb = shapely.to_wkb(geometry, byte_order=1, flavor="iso")
    if geometry.is_empty:
        flags = _LITTLE_ENDIAN | _EMPTY
        return b"GP" + struct.pack("<BBi", 0, flags, srs_id) + wkb
    minx, miny, maxx, maxy = geometry.bounds
    flags = _LITTLE_ENDIAN | _ENVELOPE_XY
    return b"GP" + struct.pack("<BBi4d", 0, flags, srs_id, minx, maxx, miny, maxy) + wkb


def encode_geometries(geometries: list[BaseGeometry]) -> list[bytes]:
    """:func:`encode_geometry` of many geometries, their WKB written in one call."""
    array = np.asarray(geometries, dtype=object)
    wkbs = shapely.to_wkb(array, byte_order=1, flavor="iso")
    bounds = shapely.bounds(array)
    empty = shapely.is_empty(array)
    blobs = []
    for wkb, (minx, miny, maxx, maxy), hollow in zip(wkbs, bounds, empty, strict=True):
        if hollow:
            blobs.append(b"GP" + struct.pack("<BBi", 0, _LITTLE_ENDIAN | _EMPTY, 4326) + wkb)
        else:
            blobs.append(b"GP" + struct.pack("<BBi4d", 0, _LITTLE_ENDIAN | _ENVELOPE_XY, 4326,
                                             minx, maxx, miny, maxy) + wkb)
    return blobs


def _header_size(blob: bytes) -> int:
    flags = blob[3]
    envelope = (flags >> 1) & 0b111
    sizes = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
    return 8 + sizes.get(envelope, 0)


def decode_geometry(blob: bytes | None) -> BaseGeometry | None:
    """Decode a GeoPackage geometry blob into a shapely geometry."""
    if blob is None:
        return None
    return shapely.from_wkb(bytes(blob[_header_size(blob):]))


def _envelope(blob: bytes | None) -> tuple[float, float, float, float] | None:
    if blob is None or len(blob) < 8 or blob[3] & _EMPTY:
        return None
    if (blob[3] >> 1) & 0b111:
        minx, maxx, miny, maxy = struct.unpack_from("<4d", blob, 8)
        return minx, miny, maxx, maxy
    geometry = decode_geometry(blob)
    return None if geometry is None or geometry.is_empty else geometry.bounds


def _register_functions(connection: sqlite3.Connection) -> None:
    """The SQL functions GeoPackage R-tree triggers call (GDAL and QGIS have them built in)."""
    def bound(index: int):
        def function(blob: bytes | None) -> float | None:
            envelope = _envelope(blob)
            return None if envelope is None else envelope[index]
        return function

    connection.create_function("ST_MinX", 1, bound(0), deterministic=True)
    connection.create_function("ST_MinY", 1, bound(1), deterministic=True)
    connection.create_function("ST_MaxX", 1, bound(2), deterministic=True)
    connection.create_function("ST_MaxY", 1, bound(3), deterministic=True)
    connection.create_function(
        "ST_IsEmpty", 1, lambda blob: 1 if _envelope(blob) is None else 0, deterministic=True
    )


#: SQLite's error when a connection writes to a file that was renamed or deleted.
SQLITE_READONLY_DBMOVED = 1032
#: SQLite's primary error codes for a file another connection is writing (busy, locked).
_SQLITE_BUSY_CODES = (5, 6)
_SQLITE_READONLY = 8
_SQLITE_FULL = 13
#: How long a write waits for another writer (a layer being copied in) to finish, seconds.
BUSY_TIMEOUT_S = 30.0


def connect(path: str | os.PathLike[str], timeout: float | None = None) -> sqlite3.Connection:
    """Open a GeoPackage for reading and transactional writing.

    Every committed transaction reaches the disk before ``commit`` returns
    (``synchronous=FULL`` with a rollback journal), which is what makes
    "every edit is saved as it is made" hold through a power cut. A write waits
    ``timeout`` seconds (default :data:`BUSY_TIMEOUT_S`) for another writer.
    """
    connection = sqlite3.connect(str(path), isolation_level=None,
                                 timeout=BUSY_TIMEOUT_S if timeout is None else timeout)
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("PRAGMA foreign_keys=ON")
    _register_functions(connection)
    return connection


def is_busy(error: sqlite3.Error) -> bool:
    """Whether ``error`` says another connection holds the file (it waited in vain)."""
    return (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF in _SQLITE_BUSY_CODES


def write_refused(path: Path, error: BaseException) -> ProjectError | None:
    """The plain sentence for a write of the project ``path`` the disk refused (full,
    read-only, not allowed), or None for another failure. Nothing was changed."""
    code = getattr(error, "errno", None)
    sqlite_code = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
    text = str(error).lower()
    if code == errno.ENOSPC or sqlite_code == _SQLITE_FULL or "no space left" in text:
        return ProjectError(tr("The disk is full: nothing was saved in {name} and the project "
                               "was not changed. Free some space, or save the project on "
                               "another disk (a USB stick, for example).", name=path.name))
    if code == errno.EROFS or "read-only file system" in text:
        return ProjectError(tr("Cannot write {path}: the disk is read-only. Save the project "
                               "on another disk.", path=path))
    if code in (errno.EACCES, errno.EPERM) or sqlite_code == _SQLITE_READONLY:
        return ProjectError(tr("Cannot write {path}: the file is read-only, or you may not "
                               "change it. Nothing was saved. Save the project in a folder you "
                               "can write to (your Documents folder, for example).", path=path))
    return None


class FollowingConnection:
    """A connection to a project file that follows the file when it is replaced.

    Layers are added inside the file, so the file stays the same while a mapping
    session edits it. It is replaced only when a new project is written over it
    (``quartier new --force``, :func:`replacing`); a connection opened before would
    then write to the old, unlinked file, and SQLite refuses that. :meth:`get`
    checks the file's identity (device and inode: one ``stat``) and reconnects to
    the new file when it changed, so a mapping session saves into the project
    people see.
    """

    def __init__(self, path: str | os.PathLike[str], timeout: float | None = None) -> None:
        self.path = Path(path)
        self._timeout = timeout
        self._identity = self._stat()
        self._connection = connect(self.path, timeout)

    def _stat(self) -> tuple[int, int]:
        try:
            status = os.stat(self.path)
        except FileNotFoundError as error:
            raise ProjectError(tr("The project file {path} is gone (moved or deleted): put it "
                                  "back, or open it where it is now.", path=self.path)) from error
        return status.st_dev, status.st_ino

    def get(self) -> sqlite3.Connection:
        """The connection to the file now at ``path``."""
        identity = self._stat()
        if identity != self._identity:
            self._connection.close()
            self._connection = connect(self.path, self._timeout)
            self._identity = identity
        return self._connection

    def close(self) -> None:
        self._connection.close()


class _FileGuard:
    """Keeps GDAL from closing a project file while this process writes it with sqlite3.

    SQLite's locks are POSIX locks, held per process: when GDAL (which carries its own
    SQLite library) or a plain ``open()`` closes its handle on the file, every lock this
    process holds on it is dropped, the write lock of a transaction running in another
    thread included; another process could then write at the same time. Transactions
    (:func:`transaction`, :func:`mapping.store._gpkg_copy.copy_layer`) and other opens of a
    project (:func:`file_access`) are two kinds of users: any number of one kind at a
    time, never both kinds. A thread already inside one kind does not wait for itself.
    """

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._active = {"sqlite": 0, "gdal": 0}
        self._mine = threading.local()

    @contextlib.contextmanager
    def holding(self, kind: str) -> Iterator[None]:
        other = "gdal" if kind == "sqlite" else "sqlite"
        depth = getattr(self._mine, kind, 0)
        with self._condition:
            if not depth and not getattr(self._mine, other, 0):
                self._condition.wait_for(lambda: self._active[other] == 0)
            self._active[kind] += 1
        setattr(self._mine, kind, depth + 1)
        try:
            yield
        finally:
            setattr(self._mine, kind, depth)
            with self._condition:
                self._active[kind] -= 1
                self._condition.notify_all()


_GUARD = _FileGuard()


def writing() -> contextlib.AbstractContextManager[None]:
    """Hold from ``BEGIN`` to ``COMMIT`` of a write to a project (see :class:`_FileGuard`)."""
    return _GUARD.holding("sqlite")


def file_access() -> contextlib.AbstractContextManager[None]:
    """Hold while anything but sqlite3 opens a project file in this process.

    GDAL (pyogrio, rasterio) or a plain ``open()``: closing such a handle drops every
    POSIX lock this process holds on the file. This waits for the process's write
    transactions on the project to end first (see :class:`_FileGuard`).
    """
    return _GUARD.holding("gdal")


@contextlib.contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """All statements inside commit together, or none does.

    Raises
    ------
    ProjectError
        The file was replaced (a new project written over it) since the connection was
        opened: nothing was written, in plain words.
    """
    with writing():
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except sqlite3.OperationalError as error:
            connection.execute("ROLLBACK")
            if getattr(error, "sqlite_errorcode", None) == SQLITE_READONLY_DBMOVED:
                raise ProjectError(tr("The project file was replaced while this was being "
                                      "saved (a new project was written over it): nothing "
                                      "was changed. Try again.")) from error
            raise
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


#: Files SQLite keeps beside a database while it writes it.
SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")
#: A temporary file of a Quartier process: ``.NAME.partial-PID.gpkg`` (a new project) or
#: ``.NAME.partial-PID-N.gpkg`` (a layer being imported), and SQLite's files beside it.
_PARTIAL = re.compile(r"\..*\.partial-(\d+)(?:-\d+)?\.gpkg(?:-journal|-wal|-shm)?")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    except OSError:
        return True
    return True


def remove_stale_partials(folder: Path) -> list[Path]:
    """Delete the temporary files killed Quartier processes left in ``folder``.

    Only files whose process id is no longer running are removed; a live process's
    file (this one's included) is never touched. Returns what was removed.
    """
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        match = _PARTIAL.fullmatch(name)
        if match is None or _alive(int(match.group(1))):
            continue
        with contextlib.suppress(OSError):
            os.unlink(Path(folder) / name)
            removed.append(Path(folder) / name)
    return removed


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Write a new file beside ``target`` and put it in place only when the block succeeds.

    For a brand-new project (``quartier new``, also with ``--force``) only: layers are
    added to an existing project inside the file, in one transaction
    (:mod:`mapping.store._gpkg_copy`), never by swapping files, so that no edit saved
    meanwhile by another process can be lost.

    Yields
    ------
    Path
        The temporary path to write to (``.NAME.partial-PID.gpkg``). On any exception it
        is deleted and ``target`` is left exactly as it was.
    """
    target = Path(target)
    temporary = target.with_name(f".{target.stem}.partial-{os.getpid()}{target.suffix}")
    leftovers = [temporary, *(temporary.with_name(temporary.name + tail)
                              for tail in SQLITE_SIDE_FILES)]
    for leftover in leftovers:
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
    try:
        yield temporary
        with open(temporary, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        _fsync_dir(target.parent)
    finally:
        for leftover in leftovers:
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


#: SQLite settings GDAL uses while a new file is first written (see :func:`bulk_writing`).
BULK_SQLITE = {"OGR_SQLITE_SYNCHRONOUS": "OFF", "OGR_SQLITE_JOURNAL": "OFF"}


@contextlib.contextmanager
def bulk_writing() -> Iterator[None]:
    """Let GDAL write without a journal or syncs, for a new temporary file only.

    Safe only for a file that is deleted on failure: a new project inside
    :func:`replacing` (synced and swapped in whole at the end), or a layer's temporary
    file (:func:`mapping.store._gpkg_copy.layer_file`) copied into the project by a durable
    transaction. GDAL never writes the project itself after it is created.
    """
    import pyogrio

    before = {key: pyogrio.get_gdal_config_option(key) for key in BULK_SQLITE}
    pyogrio.set_gdal_config_options(BULK_SQLITE)
    try:
        yield
    finally:
        pyogrio.set_gdal_config_options(before)


def register_attributes_table(connection: sqlite3.Connection, table: str, description: str) -> None:
    """Declare a non-spatial table in ``gpkg_contents`` so QGIS and GDAL list it."""
    connection.execute(
        "INSERT OR REPLACE INTO gpkg_contents (table_name, data_type, identifier, description,"
        " last_change) VALUES (?, 'attributes', ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
        (table, table, description),
    )


def create_feature_table(
    connection: sqlite3.Connection,
    table: str,
    geometry_type: str,
    columns: list[tuple[str, str]],
    description: str,
    srs_id: int = 4326,
) -> None:
    """Create an empty spatial table the way GDAL would: contents, geometry column, R-tree.

    Parameters
    ----------
    connection
        Open connection inside a transaction.
    table
        Table (layer) name.
    geometry_type
        GeoPackage geometry type name (``POINT``, ``LINESTRING``, ``MULTIPOLYGON``...).
    columns
        Attribute columns as (name, SQL type), after ``fid`` and before ``geom``.
    description
        Shown by QGIS and ``ogrinfo``.
    srs_id
        EPSG code of the layer's CRS (must already be in ``gpkg_spatial_ref_sys``).
    """
    column_sql = ", ".join(f'"{name}" {sql_type}' for name, sql_type in columns)
    connection.execute(
        f'CREATE TABLE "{table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, '
        f'{column_sql}, geom {geometry_type.upper()})'
    )
    connection.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change,"
        " srs_id) VALUES (?, 'features', ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'), ?)",
        (table, table, description, srs_id),
    )
    connection.execute(
        "INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id,"
        " z, m) VALUES (?, 'geom', ?, ?, 0, 0)",
        (table, geometry_type.upper(), srs_id),
    )
    _create_rtree(connection, table)


def _create_rtree(connection: sqlite3.Connection, table: str) -> None:
    """The GeoPackage R-tree spatial index extension, with its standard triggers."""
    rtree = f"rtree_{table}_geom"
    connection.execute(
        "INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)"
        " VALUES (?, 'geom', 'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree',"
        " 'write-only')",
        (table,),
    )
    connection.execute(f'CREATE VIRTUAL TABLE "{rtree}" USING rtree(id, minx, maxx, miny, maxy)')
    new_bounds = "ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom)"
    triggers = f"""
        CREATE TRIGGER "{rtree}_insert" AFTER INSERT ON "{table}"
        WHEN (new.geom NOT NULL AND NOT ST_IsEmpty(NEW.geom))
        BEGIN
          INSERT OR REPLACE INTO "{rtree}" VALUES (NEW.fid, {new_bounds});
        END;
        CREATE TRIGGER "{rtree}_update1" AFTER UPDATE OF geom ON "{table}"
        WHEN OLD.fid = NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))
        BEGIN
          INSERT OR REPLACE INTO "{rtree}" VALUES (NEW.fid, {new_bounds});
        END;
        CREATE TRIGGER "{rtree}_update2" AFTER UPDATE OF geom ON "{table}"
        WHEN OLD.fid = NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))
        BEGIN
          DELETE FROM "{rtree}" WHERE id = OLD.fid;
        END;
        CREATE TRIGGER "{rtree}_update3" AFTER UPDATE ON "{table}"
        WHEN OLD.fid != NEW.fid AND (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))
        BEGIN
          DELETE FROM "{rtree}" WHERE id = OLD.fid;
          INSERT OR REPLACE INTO "{rtree}" VALUES (NEW.fid, {new_bounds});
        END;
        CREATE TRIGGER "{rtree}_update4" AFTER UPDATE ON "{table}"
        WHEN OLD.fid != NEW.fid AND (NEW.geom ISNULL OR ST_IsEmpty(NEW.geom))
        BEGIN
          DELETE FROM "{rtree}" WHERE id IN (OLD.fid, NEW.fid);
        END;
        CREATE TRIGGER "{rtree}_delete" AFTER DELETE ON "{table}"
        WHEN old.geom NOT NULL
        BEGIN
          DELETE FROM "{rtree}" WHERE id = OLD.fid;
        END;
    """
    # One statement at a time: executescript() would commit the caller's transaction.
    for statement in triggers.split("END;"):
        if statement.strip():
            connection.execute(statement + "END;")
