"""Participatory features and their history in a GeoPackage, row by row (SQLite).

The GeoPackage side of :meth:`mapping.store.base.ProjectStore.apply_edit`: every write of
a feature goes with its row in ``quartier_edit_history``, in the caller's transaction.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from layers.participatory import ParticipatoryLayer
from mapping.edit_history import (
    HISTORY_TABLE,
    SESSIONS_TABLE,
    Author,
    EditAction,
    Feature,
    HistoryEntry,
    MappingSession,
    columns,
    feature_from_row,
    history_attributes,
    now,
    row_values,
    tags_json,
)
from mapping.store import _gpkg as gpkg


def ensure_tables(connection: sqlite3.Connection) -> None:
    """Create the history and mapping-session tables if the project has none yet.

    Checked again inside the write transaction, and created only if still missing: two
    sessions opening a new project at the same moment both succeed, whichever is first.
    """
    tables = (HISTORY_TABLE, SESSIONS_TABLE)

    def missing() -> set[str]:
        found = {name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (?, ?)", tables)}
        return set(tables) - found

    if not missing():
        return
    with gpkg.transaction(connection):
        absent = missing()
        if HISTORY_TABLE in absent:
            connection.execute(
                f"CREATE TABLE {HISTORY_TABLE} (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,"
                " layer TEXT NOT NULL, uuid TEXT NOT NULL, version INTEGER NOT NULL,"
                " action TEXT NOT NULL, contributor TEXT, mapping_session TEXT, at DATETIME,"
                " preset TEXT, tags TEXT, geometry_wkb BLOB, attributes TEXT,"
                " edit_id INTEGER NOT NULL, note TEXT)")
            connection.execute(f"CREATE INDEX IF NOT EXISTS {HISTORY_TABLE}_feature ON "
                               f"{HISTORY_TABLE} (layer, uuid, version)")
            gpkg.register_attributes_table(
                connection, HISTORY_TABLE,
                "Every change to the participatory layers: who, when, what it became")
        if SESSIONS_TABLE in absent:
            connection.execute(
                f"CREATE TABLE {SESSIONS_TABLE} (id TEXT PRIMARY KEY NOT NULL, name TEXT,"
                " started_at DATETIME, facilitator TEXT)")
            gpkg.register_attributes_table(
                connection, SESSIONS_TABLE, "Mapping sessions: when, and who facilitated")


def open_mapping_session(connection: sqlite3.Connection, session_id: str, name: str,
                         facilitator: str | None) -> None:
    """Record a mapping session (kept as is if it already exists)."""
    with gpkg.transaction(connection):
        connection.execute(
            f"INSERT OR IGNORE INTO {SESSIONS_TABLE} (id, name, started_at, facilitator)"
            " VALUES (?, ?, ?, ?)", (session_id, name, now(), facilitator))


def read_features(connection: sqlite3.Connection, layer: ParticipatoryLayer | str,
                  where: str = "", parameters: tuple = ()) -> list[Feature]:
    """Features of ``layer`` (optionally filtered by an SQL ``where`` clause), by fid."""
    layer = ParticipatoryLayer(layer)
    names = columns(layer)
    selected = ", ".join(f'"{c}"' for c in names)
    sql = f'SELECT fid, {selected}, geom FROM "{layer}"'
    if where:
        sql += f" WHERE {where}"
    out = []
    for row in connection.execute(sql + " ORDER BY fid", parameters):
        values = dict(zip(names, row[1:-1], strict=True))
        out.append(feature_from_row(layer, row[0], values, gpkg.decode_geometry(row[-1])))
    return out


def read_feature(connection: sqlite3.Connection, layer: ParticipatoryLayer | str,
                 uuid: str) -> Feature | None:
    """The feature with this uuid in ``layer``, or None."""
    found = read_features(connection, layer, "uuid = ?", (uuid,))
    return found[0] if found else None


def last_version(connection: sqlite3.Connection, layer: str, uuid: str) -> int:
    """The highest version a feature ever had (0 if never written)."""
    (version,) = connection.execute(
        f"SELECT COALESCE(MAX(version), 0) FROM {HISTORY_TABLE} WHERE layer = ? AND uuid = ?",
        (str(layer), uuid)).fetchone()
    return int(version)


def next_edit_id(connection: sqlite3.Connection) -> int:
    """Number for the next edit (call inside the edit's transaction)."""
    (edit_id,) = connection.execute(
        f"SELECT COALESCE(MAX(edit_id), 0) + 1 FROM {HISTORY_TABLE}").fetchone()
    return int(edit_id)


def write_feature(connection: sqlite3.Connection, layer: ParticipatoryLayer, uuid: str,
                  target: Feature | None, action: EditAction, author: Author,
                  note: str = "") -> Feature | None:
    """Make the stored feature ``uuid`` become ``target`` (None: delete it), with its history row.

    Must run inside a transaction. The version becomes one more than the highest
    the feature ever had; ``created_at`` comes from ``target`` (now if empty).

    Returns
    -------
    Feature or None
        The feature as now stored (None after a deletion).
    """
    current = read_feature(connection, layer, uuid)
    version = max(current.version if current else 0, last_version(connection, layer, uuid)) + 1
    written: Feature | None = None
    if target is None:
        if current is not None:
            connection.execute(f'DELETE FROM "{layer}" WHERE uuid = ?', (uuid,))
        recorded = current
    else:
        written = replace(target, layer=layer, uuid=uuid, version=version, modified_at=author.at,
                          created_at=target.created_at or author.at)
        values = row_values(written)
        blob = gpkg.encode_geometry(written.geometry)
        stored = list(values)
        if current is None:
            names = ", ".join(f'"{c}"' for c in stored)
            marks = ", ".join("?" for _ in stored)
            cursor = connection.execute(
                f'INSERT INTO "{layer}" ({names}, geom) VALUES ({marks}, ?)',
                [*values.values(), blob])
            written = replace(written, fid=cursor.lastrowid)
        else:
            assignments = ", ".join(f'"{c}" = ?' for c in stored)
            connection.execute(f'UPDATE "{layer}" SET {assignments}, geom = ? WHERE uuid = ?',
                               [*values.values(), blob, uuid])
            written = replace(written, fid=current.fid)
        _grow_extent(connection, str(layer), written.geometry)
        recorded = written
    connection.execute(
        f"INSERT INTO {HISTORY_TABLE} (layer, uuid, version, action, contributor,"
        " mapping_session, at, preset, tags, geometry_wkb, attributes, edit_id, note)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (str(layer), uuid, version, str(action), author.contributor, author.mapping_session,
         author.at, recorded.preset if recorded else None,
         tags_json(recorded.tags) if recorded else None,
         shapely.to_wkb(recorded.geometry, flavor="iso") if recorded else None,
         json.dumps(history_attributes(recorded), ensure_ascii=False) if recorded else None,
         author.edit_id, note))
    return written


#: Most values bound in one SQL statement (SQLite's default limit is 32,766).
_CHUNK = 500


def all_new(connection: sqlite3.Connection, layer: ParticipatoryLayer, uuids: list[str]) -> bool:
    """Whether none of ``uuids`` is stored in ``layer`` (and they are distinct)."""
    if len(set(uuids)) != len(uuids):
        return False
    for start in range(0, len(uuids), _CHUNK):
        chunk = uuids[start:start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        if connection.execute(f'SELECT 1 FROM "{layer}" WHERE uuid IN ({marks}) LIMIT 1',
                              chunk).fetchone():
            return False
    return True


def create_features(connection: sqlite3.Connection, layer: ParticipatoryLayer,
                    targets: list[tuple[str, Feature]], author: Author) -> list[Feature]:
    """Insert many features none of which is stored (see :func:`all_new`), at once.

    What :func:`write_feature` does for each, in a few statements: the same rows, the
    same versions (one more than any the uuid had before). Their history rows are
    left to :func:`write_history`, in the edit's order. Must run inside a transaction.
    """
    last: dict[str, int] = {}
    uuids = [uuid for uuid, _ in targets]
    for start in range(0, len(uuids), _CHUNK):
        chunk = uuids[start:start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        last.update(connection.execute(
            f"SELECT uuid, MAX(version) FROM {HISTORY_TABLE} WHERE layer = ? AND uuid IN "
            f"({marks}) GROUP BY uuid", [str(layer), *chunk]))
    written = [replace(target, layer=layer, uuid=uuid, version=int(last.get(uuid, 0)) + 1,
                       modified_at=author.at, created_at=target.created_at or author.at)
               for uuid, target in targets]
    values = [row_values(feature) for feature in written]
    names = ", ".join(f'"{c}"' for c in values[0])
    marks = ", ".join("?" for _ in values[0])
    blobs = gpkg.encode_geometries([feature.geometry for feature in written])
    connection.executemany(f'INSERT INTO "{layer}" ({names}, geom) VALUES ({marks}, ?)',
                           ([*row.values(), blob] for row, blob in zip(values, blobs,
                                                                       strict=True)))
    fids: dict[str, int] = {}
    for start in range(0, len(uuids), _CHUNK):
        chunk = uuids[start:start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        fids.update((uuid, fid) for fid, uuid in connection.execute(
            f'SELECT fid, uuid FROM "{layer}" WHERE uuid IN ({marks})', chunk))
    bounds = shapely.bounds(np.asarray([feature.geometry for feature in written], dtype=object))
    if not np.isnan(bounds).all():
        _grow_extent(connection, str(layer), shapely.box(
            np.nanmin(bounds[:, 0]), np.nanmin(bounds[:, 1]), np.nanmax(bounds[:, 2]),
            np.nanmax(bounds[:, 3])))
    return [replace(feature, fid=fids[feature.uuid]) for feature in written]


def write_history(connection: sqlite3.Connection, entries: list[tuple[Feature, EditAction, str]],
                  author: Author) -> None:
    """History rows of features just created, in this order (see :func:`create_features`)."""
    wkbs = shapely.to_wkb(np.asarray([feature.geometry for feature, _, _ in entries],
                                     dtype=object), flavor="iso")
    connection.executemany(
        f"INSERT INTO {HISTORY_TABLE} (layer, uuid, version, action, contributor,"
        " mapping_session, at, preset, tags, geometry_wkb, attributes, edit_id, note)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((str(feature.layer), feature.uuid, feature.version, str(action), author.contributor,
          author.mapping_session, author.at, feature.preset, tags_json(feature.tags), wkb,
          json.dumps(history_attributes(feature), ensure_ascii=False), author.edit_id, note)
         for (feature, action, note), wkb in zip(entries, wkbs, strict=True)))


def _grow_extent(connection: sqlite3.Connection, table: str, geometry: BaseGeometry) -> None:
    """Keep ``gpkg_contents`` bounds covering the layer, as GDAL does when it writes."""
    west, south, east, north = geometry.bounds
    connection.execute(
        "UPDATE gpkg_contents SET last_change = ?,"
        " min_x = CASE WHEN min_x IS NULL OR ? < min_x THEN ? ELSE min_x END,"
        " min_y = CASE WHEN min_y IS NULL OR ? < min_y THEN ? ELSE min_y END,"
        " max_x = CASE WHEN max_x IS NULL OR ? > max_x THEN ? ELSE max_x END,"
        " max_y = CASE WHEN max_y IS NULL OR ? > max_y THEN ? ELSE max_y END"
        " WHERE table_name = ?",
        (now(), west, west, south, south, east, east, north, north, table))


def read_history(connection: sqlite3.Connection, layer: str | None = None,
                 uuid: str | None = None) -> list[HistoryEntry]:
    """History rows, oldest first (of one feature when ``layer`` and ``uuid`` are given)."""
    sql = (f"SELECT id, layer, uuid, version, action, contributor, mapping_session, at, preset,"
           f" tags, geometry_wkb, edit_id, note, attributes FROM {HISTORY_TABLE}")
    parameters: tuple = ()
    if layer is not None and uuid is not None:
        sql += " WHERE layer = ? AND uuid = ?"
        parameters = (str(layer), uuid)
    entries = []
    for row in connection.execute(sql + " ORDER BY id", parameters):
        entries.append(HistoryEntry(
            id=row[0], layer=row[1], uuid=row[2], version=row[3], action=EditAction(row[4]),
            contributor=row[5] or "", mapping_session=row[6], at=row[7] or "", preset=row[8],
            tags=json.loads(row[9]) if row[9] else {},
            geometry=shapely.from_wkb(row[10]) if row[10] is not None else None,
            edit_id=row[11], note=row[12] or "",
            attributes=json.loads(row[13]) if row[13] else {}))
    return entries


def read_mapping_sessions(connection: sqlite3.Connection) -> list[MappingSession]:
    """Every mapping session recorded in the project, oldest first."""
    exists = connection.execute("SELECT 1 FROM sqlite_master WHERE name = ?",
                                (SESSIONS_TABLE,)).fetchone()
    if not exists:
        return []
    rows = connection.execute(f"SELECT id, name, started_at, facilitator FROM {SESSIONS_TABLE}"
                              " ORDER BY started_at, id").fetchall()
    return [MappingSession(r[0], r[1] or r[0], r[2] or "", r[3]) for r in rows]


