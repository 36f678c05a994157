"""Adding a layer to a project inside the file, in one SQLite transaction.

A new layer is first written by GDAL into a separate temporary GeoPackage beside the
project (:func:`layer_file`); GDAL never opens the project itself while it writes.
:func:`copy_layer` then copies that layer into the project with Python's ``sqlite3``
in ONE ``BEGIN IMMEDIATE`` transaction: the table, its R-tree spatial index and
triggers, and its rows in the GeoPackage metadata tables (contents, geometry columns,
extensions, tile matrices and gridded-coverage ancillary tables for a raster).

Why not write a copy of the project and swap it in: SQLite's locks are POSIX locks,
held per process, and closing any descriptor of the file in that process (a file copy,
GDAL opening and closing it) drops every lock the process holds on it. An edit that
another process saved between the copy and the swap was lost with the old file. In
one transaction on the file itself, an editor's transaction commits either before the
import (and is kept) or after it (and is written into the file that holds the new
layer); a crash, a kill or an error leaves the project as it was (SQLite's journal).
The write lock is held for the copy only (seconds), not for the reading and writing
GDAL does before.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from layers.errors import ProjectError, ValidationError
from layers.i18n import tr
from mapping.store import _gpkg as gpkg

#: ``progress(fraction, message)``; may raise to cancel (the copy is then rolled back).
Progress = Callable[[float, str], None]

#: Metadata tables a layer may have rows in, parents first, with the column naming the layer.
_LAYER_ROWS = (
    ("gpkg_geometry_columns", "table_name"),
    ("gpkg_tile_matrix_set", "table_name"),
    ("gpkg_tile_matrix", "table_name"),
    ("gpkg_extensions", "table_name"),
    ("gpkg_data_columns", "table_name"),
    ("gpkg_ogr_contents", "table_name"),
    ("gpkg_2d_gridded_coverage_ancillary", "tile_matrix_set_name"),
    ("gpkg_2d_gridded_tile_ancillary", "tpudt_name"),
)
#: Metadata tables GDAL may add to a new file that an older project may not have yet.
_METADATA_TABLES = (
    "gpkg_tile_matrix_set", "gpkg_tile_matrix", "gpkg_extensions", "gpkg_data_columns",
    "gpkg_data_column_constraints", "gpkg_2d_gridded_coverage_ancillary",
    "gpkg_2d_gridded_tile_ancillary", "gpkg_metadata", "gpkg_metadata_reference",
)
#: Rows whose own ``id`` is only a row number: copied without it (a new one is given).
_RENUMBERED = ("gpkg_2d_gridded_coverage_ancillary", "gpkg_2d_gridded_tile_ancillary")
#: The write lock's page cache: big enough that a usual layer is copied without spilling
#: to the file before COMMIT, so readers are held up only while it commits (KiB).
_CACHE_KIB = 256 * 1024
#: One turn of waiting for another writer, and the pause between turns (seconds).
_TURN_S, _RETRY_S = 0.25, 0.05
_counter = itertools.count(1)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@contextlib.contextmanager
def layer_file(project: Path) -> Iterator[Path]:
    """A temporary GeoPackage beside ``project`` to write a new layer into; deleted after.

    Named ``.NAME.partial-PID-N.gpkg``: if the process is killed, the next project opened
    or created in that folder removes it (:func:`mapping.store._gpkg.remove_stale_partials`).
    """
    project = Path(project)
    temporary = project.with_name(
        f".{project.stem}.partial-{os.getpid()}-{next(_counter)}{project.suffix}")
    leftovers = [temporary, *(temporary.with_name(temporary.name + tail)
                              for tail in gpkg.SQLITE_SIDE_FILES)]
    for leftover in leftovers:
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
    try:
        yield temporary
    finally:
        for leftover in leftovers:
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def gpkg_version(project: Path) -> str:
    """The GeoPackage version of ``project`` ("1.2"), for GDAL's ``VERSION`` option.

    The temporary file is written in the same version, so its metadata tables have the
    same columns as the project's.
    """
    connection = gpkg.connect(project)
    try:
        (number,) = connection.execute("PRAGMA user_version").fetchone()
    finally:
        connection.close()
    major, minor = divmod(int(number or 0) // 100, 100)
    return f"{major}.{minor}" if major == 1 and 2 <= minor <= 4 else "1.2"


def copy_layer(project: Path, source: Path, table: str, *, identifier: str | None = None,
               register: Callable[[sqlite3.Connection], None] | None = None,
               progress: Progress | None = None, timeout: float | None = None,
               replace: bool = False,
               check: Callable[[sqlite3.Connection], None] | None = None) -> None:
    """Copy layer ``table`` of the GeoPackage ``source`` into ``project``, all or nothing.

    Everything happens in one ``BEGIN IMMEDIATE`` transaction on the project: with
    ``replace``, the layer it replaces is dropped in that same transaction, so a
    reader sees the old layer or the new one, never the project without it.

    Parameters
    ----------
    project
        The project file (never opened by GDAL here).
    source
        The temporary GeoPackage GDAL wrote the layer into.
    table
        The layer's table name (the same in both files).
    identifier
        Its ``gpkg_contents`` identifier (default: the one in ``source``); made unique in
        the project (``Flood depth (flood_2)``) if another layer already has it.
    register
        Called inside the transaction with the project's connection (to add the layer's
        ``quartier_layers`` row): it commits with the layer or not at all.
    progress
        Called inside the transaction; raising there (a cancel) rolls everything back.
    timeout
        How long to wait for another writer (default :data:`mapping.store._gpkg.BUSY_TIMEOUT_S`).
    replace
        Drop a layer ``table`` the project already has (its table, R-tree, triggers and
        metadata rows) before copying; without it, such a layer is refused. Imports
        must not overwrite; analysis results replace their previous run.
    check
        Called first inside the transaction, before anything is dropped or copied
        (to refuse replacing a layer the caller does not own): raising there leaves
        the project as it was.

    Raises
    ------
    ProjectError
        The project stayed busy (another program writing) or could not be written;
        nothing was changed.
    ValidationError
        The project already has a table by that name (added meanwhile by another import)
        and ``replace`` is not set.
    """
    wait = gpkg.BUSY_TIMEOUT_S if timeout is None else timeout
    deadline = time.monotonic() + wait
    connection = gpkg.connect(project, timeout)
    try:
        connection.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
        connection.execute("ATTACH DATABASE ? AS incoming", (str(source),))
        while True:
            # While another process holds the file, wait in short turns: this process's
            # own GDAL reads (the window drawing) are held up only while the copy runs.
            with gpkg.writing():
                if _begin(connection, wait):
                    _transaction(connection, table, identifier, register, progress,
                                 replace, check)
                    return
            if time.monotonic() >= deadline:
                raise ProjectError(tr("{name} is busy: another program or another task is "
                                      "writing to it. Nothing was changed; try again in a "
                                      "moment.", name=Path(project).name))
            time.sleep(_RETRY_S)
    finally:
        connection.close()


def _begin(connection: sqlite3.Connection, wait: float) -> bool:
    """Take the write lock if another writer lets go within a short turn."""
    connection.execute(f"PRAGMA busy_timeout = {int(_TURN_S * 1000)}")
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if gpkg.is_busy(error):
            return False
        raise
    finally:
        # COMMIT may wait for readers to finish: the full wait.
        connection.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
    return True


def _transaction(connection: sqlite3.Connection, table: str, identifier: str | None,
                 register: Callable[[sqlite3.Connection], None] | None,
                 progress: Progress | None, replace: bool = False,
                 check: Callable[[sqlite3.Connection], None] | None = None) -> None:
    try:
        # Rows go in parents first, but GeoPackage's foreign keys are checked at COMMIT.
        connection.execute("PRAGMA defer_foreign_keys = ON")
        if check is not None:
            check(connection)
        if replace:
            drop_layer(connection, table)
        _copy(connection, table, identifier, progress)
        if register is not None:
            register(connection)
        if progress is not None:
            progress(1.0, tr("Saving the project"))
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def drop_layer(connection: sqlite3.Connection, table: str) -> None:
    """Remove layer ``table`` of the project, if it has one (inside the transaction).

    Its table (and with it its triggers and indexes), its R-tree spatial index and its
    rows in the GeoPackage metadata tables.
    """
    present = _schema(connection, "main")
    if "gpkg_extensions" in present:
        for (column,) in connection.execute(
                "SELECT column_name FROM main.gpkg_extensions WHERE lower(table_name) = "
                "lower(?) AND extension_name = 'gpkg_rtree_index'", (table,)).fetchall():
            rtree = present.get(f"rtree_{table}_{column}".lower())
            if rtree is not None:
                connection.execute(f"DROP TABLE main.{_quote(rtree[1])}")
    if table.lower() in present and present[table.lower()][0] == "table":
        connection.execute(f"DROP TABLE main.{_quote(present[table.lower()][1])}")
    for name, column in (*_LAYER_ROWS, ("gpkg_metadata_reference", "table_name"),
                         ("gpkg_contents", "table_name")):
        if name in present:
            connection.execute(f"DELETE FROM main.{_quote(name)} WHERE "
                               f"lower({_quote(column)}) = lower(?)", (table,))


def _schema(connection: sqlite3.Connection, database: str) -> dict[str, tuple[str, str, str]]:
    """Lower-case name -> (type, table it belongs to, SQL) of everything in ``database``."""
    rows = connection.execute(f"SELECT type, name, tbl_name, sql FROM {database}.sqlite_master")
    return {name.lower(): (kind, tbl_name, sql) for kind, name, tbl_name, sql in rows}


def _columns(connection: sqlite3.Connection, database: str, table: str) -> list[str]:
    return [row[1] for row in connection.execute(
        f"PRAGMA {database}.table_info({_quote(table)})")]


def _copy(connection: sqlite3.Connection, table: str, identifier: str | None,
          progress: Progress | None) -> None:
    incoming = _schema(connection, "incoming")
    present = _schema(connection, "main")
    if table.lower() not in incoming:
        raise ProjectError(tr("The layer {name} was not written; nothing was changed.",
                              name=table))
    if table.lower() in present or connection.execute(
            "SELECT 1 FROM main.gpkg_contents WHERE lower(table_name) = lower(?)",
            (table,)).fetchone():
        raise ValidationError(tr("The project already has a layer named {name}: choose "
                                 "another --name.", name=table))
    for name in _METADATA_TABLES:
        if name in incoming and name not in present:
            _create_with_triggers(connection, incoming, name)
    present = _schema(connection, "main")
    _copy_spatial_ref_sys(connection, table)
    _copy_contents(connection, table, identifier)

    if progress is not None:
        progress(0.95, tr("Copying {name} into the project", name=table))
    connection.execute(incoming[table.lower()][2])
    columns = ", ".join(_quote(c) for c in _columns(connection, "incoming", table))
    connection.execute(f"INSERT INTO main.{_quote(table)} ({columns}) "
                       f"SELECT {columns} FROM incoming.{_quote(table)}")
    for kind, owner, sql in incoming.values():
        if kind == "index" and sql and owner.lower() == table.lower():
            connection.execute(sql)
    for (column,) in connection.execute(
            "SELECT column_name FROM incoming.gpkg_extensions WHERE table_name = ? AND "
            "extension_name = 'gpkg_rtree_index'", (table,)).fetchall():
        _copy_rtree(connection, incoming, f"rtree_{table}_{column}")

    for name, column in _LAYER_ROWS:
        if name in incoming and name in present:
            _copy_rows(connection, name, f"{_quote(column)} = ?", (table,),
                       renumber=name in _RENUMBERED)
    _copy_table_extensions(connection, incoming)
    _copy_column_constraints(connection, table, incoming, present)
    _copy_metadata(connection, table, incoming, present)

    # Triggers last, so they do not fire for the copied rows (the R-tree is copied whole,
    # the feature count is in the gpkg_ogr_contents row).
    for kind, owner, sql in incoming.values():
        if kind != "trigger" or owner.lower() != table.lower() or not sql:
            continue
        if "gpkg_ogr_contents" in sql and "gpkg_ogr_contents" not in present:
            continue
        connection.execute(sql)


def _copy_rtree(connection: sqlite3.Connection, incoming: dict[str, tuple[str, str, str]],
                rtree: str) -> None:
    """The R-tree spatial index, as built by GDAL.

    Its nodes are copied as they are (its three shadow tables, as SQLite's ``.dump``
    does) when both files have the same page size, hence the same node size: inserting
    the entries one by one would rebuild the tree, 10-20 times slower, holding the
    write lock that long.
    """
    connection.execute(incoming[rtree.lower()][2])
    (ours,) = connection.execute("PRAGMA main.page_size").fetchone()
    (theirs,) = connection.execute("PRAGMA incoming.page_size").fetchone()
    shadows = [f"{rtree}_{part}" for part in ("node", "parent", "rowid")]
    if ours != theirs or not all(name.lower() in incoming for name in shadows):
        connection.execute(f"INSERT INTO main.{_quote(rtree)} "
                           f"SELECT * FROM incoming.{_quote(rtree)}")
        return
    for name in shadows:
        connection.execute(f"DELETE FROM main.{_quote(name)}")
        connection.execute(f"INSERT INTO main.{_quote(name)} SELECT * FROM incoming.{_quote(name)}")


def _create_with_triggers(connection: sqlite3.Connection,
                          incoming: dict[str, tuple[str, str, str]], name: str) -> None:
    connection.execute(incoming[name][2])
    for kind, owner, sql in incoming.values():
        if kind in ("trigger", "index") and sql and owner.lower() == name:
            connection.execute(sql)


def _copy_rows(connection: sqlite3.Connection, name: str, where: str,
               parameters: tuple[object, ...], renumber: bool = False) -> None:
    """Copy the rows of metadata table ``name`` matching ``where`` (columns both have)."""
    ours = set(_columns(connection, "main", name))
    columns = [c for c in _columns(connection, "incoming", name)
               if c in ours and not (renumber and c == "id")]
    listed = ", ".join(_quote(c) for c in columns)
    connection.execute(f"INSERT INTO main.{_quote(name)} ({listed}) SELECT {listed} "
                       f"FROM incoming.{_quote(name)} WHERE {where}", parameters)


def _copy_spatial_ref_sys(connection: sqlite3.Connection, table: str) -> None:
    """Add the layer's coordinate system if the project has no row for its ``srs_id``."""
    used = connection.execute(
        "SELECT srs_id FROM incoming.gpkg_contents WHERE table_name = ? AND srs_id IS NOT NULL "
        "UNION SELECT srs_id FROM incoming.gpkg_geometry_columns WHERE table_name = ?",
        (table, table)).fetchall()
    for (srs_id,) in used:
        theirs = connection.execute("SELECT organization, organization_coordsys_id FROM "
                                    "incoming.gpkg_spatial_ref_sys WHERE srs_id = ?",
                                    (srs_id,)).fetchone()
        ours = connection.execute("SELECT organization, organization_coordsys_id FROM "
                                  "main.gpkg_spatial_ref_sys WHERE srs_id = ?",
                                  (srs_id,)).fetchone()
        if ours is None:
            _copy_rows(connection, "gpkg_spatial_ref_sys", "srs_id = ?", (srs_id,))
        elif theirs is not None and (str(ours[0]).upper(), ours[1]) != (str(theirs[0]).upper(),
                                                                        theirs[1]):
            raise ProjectError(tr("The coordinate system number {number} means {theirs} in the "
                                  "new layer but {ours} in the project; nothing was changed.",
                                  number=srs_id, theirs=f"{theirs[0]}:{theirs[1]}",
                                  ours=f"{ours[0]}:{ours[1]}"))


def _copy_contents(connection: sqlite3.Connection, table: str, identifier: str | None) -> None:
    """The layer's ``gpkg_contents`` row, its identifier made unique in the project."""
    wanted = identifier or connection.execute(
        "SELECT identifier FROM incoming.gpkg_contents WHERE table_name = ?", (table,)
    ).fetchone()[0] or table
    taken = {name for (name,) in connection.execute(
        "SELECT identifier FROM main.gpkg_contents WHERE identifier IS NOT NULL")}
    candidates = itertools.chain([wanted, f"{wanted} ({table})"],
                                 (f"{wanted} ({table} {n})" for n in itertools.count(2)))
    chosen = next(c for c in candidates if c not in taken)
    ours = set(_columns(connection, "main", "gpkg_contents"))
    columns = [c for c in _columns(connection, "incoming", "gpkg_contents") if c in ours]
    values = ", ".join("?" if c == "identifier" else _quote(c) for c in columns)
    connection.execute(
        f"INSERT INTO main.gpkg_contents ({', '.join(_quote(c) for c in columns)}) "
        f"SELECT {values} FROM incoming.gpkg_contents WHERE table_name = ?", (chosen, table))


def _copy_table_extensions(connection: sqlite3.Connection,
                           incoming: dict[str, tuple[str, str, str]]) -> None:
    """Extension rows about whole metadata tables (gridded coverage) the project lacks."""
    rows = connection.execute(
        "SELECT table_name, column_name, extension_name FROM incoming.gpkg_extensions "
        "WHERE table_name IN (" + ", ".join("?" for _ in _METADATA_TABLES) + ")",
        _METADATA_TABLES).fetchall()
    for table_name, column_name, extension in rows:
        known = connection.execute(
            "SELECT 1 FROM main.gpkg_extensions WHERE table_name = ? AND column_name IS ? AND "
            "extension_name = ?", (table_name, column_name, extension)).fetchone()
        if not known:
            _copy_rows(connection, "gpkg_extensions", "table_name = ? AND column_name IS ? AND "
                       "extension_name = ?", (table_name, column_name, extension))


def _copy_column_constraints(connection: sqlite3.Connection, table: str,
                             incoming: dict[str, tuple[str, str, str]],
                             present: dict[str, tuple[str, str, str]]) -> None:
    name = "gpkg_data_column_constraints"
    if name not in incoming or name not in present or "gpkg_data_columns" not in incoming:
        return
    for (constraint,) in connection.execute(
            "SELECT DISTINCT constraint_name FROM incoming.gpkg_data_columns WHERE table_name = "
            "? AND constraint_name IS NOT NULL", (table,)).fetchall():
        if not connection.execute(f"SELECT 1 FROM main.{name} WHERE constraint_name = ?",
                                  (constraint,)).fetchone():
            _copy_rows(connection, name, "constraint_name = ?", (constraint,))


def _copy_metadata(connection: sqlite3.Connection, table: str,
                   incoming: dict[str, tuple[str, str, str]],
                   present: dict[str, tuple[str, str, str]]) -> None:
    """GDAL's metadata documents about the layer, renumbered into the project's."""
    if not {"gpkg_metadata", "gpkg_metadata_reference"} <= (incoming.keys() & present.keys()):
        return
    ours = set(_columns(connection, "main", "gpkg_metadata"))
    columns = [c for c in _columns(connection, "incoming", "gpkg_metadata")
               if c in ours and c != "id"]
    listed = ", ".join(_quote(c) for c in columns)
    references = connection.execute(
        "SELECT reference_scope, table_name, column_name, row_id_value, timestamp, md_file_id "
        "FROM incoming.gpkg_metadata_reference WHERE table_name = ?", (table,)).fetchall()
    for scope, table_name, column_name, row_id, timestamp, file_id in references:
        cursor = connection.execute(
            f"INSERT INTO main.gpkg_metadata ({listed}) SELECT {listed} FROM "
            "incoming.gpkg_metadata WHERE id = ?", (file_id,))
        connection.execute(
            "INSERT INTO main.gpkg_metadata_reference (reference_scope, table_name, column_name,"
            " row_id_value, timestamp, md_file_id, md_parent_id) VALUES (?, ?, ?, ?, ?, ?, NULL)",
            (scope, table_name, column_name, row_id, timestamp, cursor.lastrowid))
