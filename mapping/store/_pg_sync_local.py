"""The project-file side of a team-server checkout: exact rows, and what was last synced.

A checked-out file holds three small tables of its own beside the project's:

* ``quartier_team_server``: where it came from (the server address *without* password,
  the project's name), the area taken (if any), and the number of the last server edit
  it has seen (the cursor for the next sync);
* ``quartier_sync_base``: each participatory feature's version as the server had it at
  the last sync (and whether it existed), so a sync knows what changed here since;
* ``quartier_sync_conflicts``: features both sides changed since the last sync, with
  the server's version, who saved it and when, kept until the next sync resolves them.

Features and history rows are written here *as they are* (the server's versions, who,
when), not as new edits: ``mapping.store.geopackage`` would number them anew.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import shapely

from layers.participatory import ParticipatoryLayer
from mapping.edit_history import HISTORY_TABLE, Feature, HistoryEntry, row_values, tags_json
from mapping.store import _gpkg as gpkg

STATE_TABLE = "quartier_team_server"
BASE_TABLE = "quartier_sync_base"
CONFLICTS_TABLE = "quartier_sync_conflicts"

Key = tuple[str, str]


def create_sync_tables(connection: sqlite3.Connection) -> None:
    """The three sync tables, empty (inside the caller's transaction)."""
    connection.execute(f"CREATE TABLE IF NOT EXISTS {STATE_TABLE} (key TEXT PRIMARY KEY, "
                       "value TEXT)")
    connection.execute(f"CREATE TABLE IF NOT EXISTS {BASE_TABLE} (layer TEXT NOT NULL, uuid TEXT "
                       "NOT NULL, version INTEGER NOT NULL, present INTEGER NOT NULL, "
                       "PRIMARY KEY (layer, uuid))")
    connection.execute(
        f"CREATE TABLE IF NOT EXISTS {CONFLICTS_TABLE} (layer TEXT NOT NULL, uuid TEXT NOT NULL,"
        " name TEXT, local_version INTEGER, server_version INTEGER, server_contributor TEXT,"
        " server_at TEXT, server_tags TEXT, server_geometry_wkb BLOB, found_at TEXT,"
        " PRIMARY KEY (layer, uuid))")
    gpkg.register_attributes_table(connection, STATE_TABLE,
                                   "The team server this project was checked out from")
    gpkg.register_attributes_table(connection, BASE_TABLE,
                                   "Each feature's version on the server at the last sync")
    gpkg.register_attributes_table(connection, CONFLICTS_TABLE,
                                   "Features changed here and on the server since the last sync")


def read_state(connection: sqlite3.Connection) -> dict[str, Any] | None:
    """The checkout's state (url, project, cursor, bbox), or None if not a checkout."""
    exists = connection.execute("SELECT 1 FROM sqlite_master WHERE name = ?",
                                (STATE_TABLE,)).fetchone()
    if not exists:
        return None
    return {key: json.loads(value) for key, value in
            connection.execute(f"SELECT key, value FROM {STATE_TABLE}").fetchall()}


def write_state(connection: sqlite3.Connection, state: Mapping[str, Any]) -> None:
    """Replace the checkout's state rows."""
    connection.executemany(f"INSERT OR REPLACE INTO {STATE_TABLE} (key, value) VALUES (?, ?)",
                           [(k, json.dumps(v)) for k, v in state.items()])


def read_base(connection: sqlite3.Connection) -> dict[Key, tuple[int, bool]]:
    """(layer, uuid) -> (server version at the last sync, whether it existed then)."""
    return {(layer, uuid): (int(version), bool(present)) for layer, uuid, version, present in
            connection.execute(f"SELECT layer, uuid, version, present FROM {BASE_TABLE}")}


def write_base(connection: sqlite3.Connection,
               versions: Mapping[Key, tuple[int, bool]]) -> None:
    """Record features' server versions as of this sync."""
    connection.executemany(
        f"INSERT OR REPLACE INTO {BASE_TABLE} (layer, uuid, version, present) VALUES (?, ?, ?, ?)",
        [(layer, uuid, version, int(present))
         for (layer, uuid), (version, present) in versions.items()])


def put_feature(connection: sqlite3.Connection, layer: ParticipatoryLayer, uuid: str,
                feature: Feature | None) -> None:
    """Make the stored feature exactly ``feature`` (its version too); None deletes it."""
    table = str(layer)
    if feature is None:
        connection.execute(f'DELETE FROM "{table}" WHERE uuid = ?', (uuid,))
        return
    values = row_values(feature)
    blob = gpkg.encode_geometry(feature.geometry)
    exists = connection.execute(f'SELECT fid FROM "{table}" WHERE uuid = ?', (uuid,)).fetchone()
    names = list(values)
    if exists:
        assignments = ", ".join(f'"{c}" = ?' for c in names)
        connection.execute(f'UPDATE "{table}" SET {assignments}, geom = ? WHERE uuid = ?',
                           [*values.values(), blob, uuid])
    else:
        fid_free = feature.fid is not None and not connection.execute(
            f'SELECT 1 FROM "{table}" WHERE fid = ?', (feature.fid,)).fetchone()
        columns = (["fid"] if fid_free else []) + names
        row = ([feature.fid] if fid_free else []) + list(values.values())
        quoted = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        connection.execute(f'INSERT INTO "{table}" ({quoted}, geom) VALUES ({marks}, ?)',
                           [*row, blob])
    if not feature.geometry.is_empty:
        west, south, east, north = feature.geometry.bounds
        connection.execute(
            "UPDATE gpkg_contents SET"
            " min_x = CASE WHEN min_x IS NULL OR ? < min_x THEN ? ELSE min_x END,"
            " min_y = CASE WHEN min_y IS NULL OR ? < min_y THEN ? ELSE min_y END,"
            " max_x = CASE WHEN max_x IS NULL OR ? > max_x THEN ? ELSE max_x END,"
            " max_y = CASE WHEN max_y IS NULL OR ? > max_y THEN ? ELSE max_y END"
            " WHERE table_name = ?",
            (west, west, south, south, east, east, north, north, table))


def add_history(connection: sqlite3.Connection, entries: Iterable[HistoryEntry],
                keep_ids: bool = False) -> None:
    """Append history rows as they were written elsewhere; edits get this file's numbers."""
    numbers: dict[int, int] = {}
    (next_number,) = connection.execute(
        f"SELECT COALESCE(MAX(edit_id), 0) + 1 FROM {HISTORY_TABLE}").fetchone()
    for entry in entries:
        if keep_ids:
            edit_id = entry.edit_id
        else:
            if entry.edit_id not in numbers:
                numbers[entry.edit_id] = next_number
                next_number += 1
            edit_id = numbers[entry.edit_id]
        connection.execute(
            f"INSERT INTO {HISTORY_TABLE} ({'id, ' if keep_ids else ''}layer, uuid, version,"
            " action, contributor, mapping_session, at, preset, tags, geometry_wkb, attributes,"
            f" edit_id, note) VALUES ({'?, ' if keep_ids else ''}?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            " ?, ?, ?)",
            ([entry.id] if keep_ids else []) + [
                entry.layer, entry.uuid, entry.version, str(entry.action), entry.contributor,
                entry.mapping_session, entry.at, entry.preset, tags_json(entry.tags),
                shapely.to_wkb(entry.geometry, flavor="iso") if entry.geometry is not None
                else None, json.dumps(dict(entry.attributes), ensure_ascii=False, default=str),
                edit_id, entry.note])


def add_sessions(connection: sqlite3.Connection,
                 sessions: Sequence[tuple[str, str, str, str | None]]) -> None:
    """Record mapping sessions (id, name, started_at, facilitator) not yet in the file."""
    from mapping.edit_history import SESSIONS_TABLE

    connection.executemany(f"INSERT OR IGNORE INTO {SESSIONS_TABLE} (id, name, started_at,"
                           " facilitator) VALUES (?, ?, ?, ?)", sessions)


def record_conflicts(connection: sqlite3.Connection, found_at: str,
                     conflicts: Sequence[tuple[Key, Feature | None, Feature | None,
                                               HistoryEntry | None]],
                     resolved: Iterable[Key]) -> None:
    """Keep the server's side of each conflict; forget conflicts resolved by this sync."""
    connection.executemany(f"DELETE FROM {CONFLICTS_TABLE} WHERE layer = ? AND uuid = ?",
                           list(resolved))
    for (layer, uuid), mine, theirs, last in conflicts:
        known = theirs or mine
        connection.execute(
            f"INSERT OR REPLACE INTO {CONFLICTS_TABLE} (layer, uuid, name, local_version,"
            " server_version, server_contributor, server_at, server_tags, server_geometry_wkb,"
            " found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (layer, uuid, known.name if known else None, mine.version if mine else None,
             last.version if last else (theirs.version if theirs else None),
             last.contributor if last else (theirs.contributor if theirs else None),
             last.at if last else None,
             tags_json(theirs.tags) if theirs else None,
             shapely.to_wkb(theirs.geometry, flavor="iso") if theirs else None, found_at))
