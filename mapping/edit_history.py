"""How participatory features and their history are stored, row by row.

Every write of a feature goes with a row in ``quartier_edit_history`` (one per
feature per edit, in the same SQLite transaction): who changed what, when, in
which mapping session, and the tags and geometry it had afterwards (or, for a
deletion, just before). The feature table's ``version`` equals the version of its
latest history row. Mapping sessions are listed in ``quartier_mapping_sessions``.
Both are plain GeoPackage attribute tables, so QGIS and GDAL show them.

This module only reads and writes rows; :mod:`mapping.editing` decides what to write.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from layers.participatory import ParticipatoryLayer, ReviewStatus, fields
from mapping import gpkg

HISTORY_TABLE = "quartier_edit_history"
SESSIONS_TABLE = "quartier_mapping_sessions"


class EditAction(StrEnum):
    """What an edit did to a feature, as recorded in its history."""

    CREATE = "create"
    UPDATE = "update"
    MOVE = "move"
    DELETE = "delete"
    REVIEW = "review"
    UNDO = "undo"
    REDO = "redo"


@dataclass(frozen=True)
class Feature:
    """One participatory feature as stored: a row of its layer's table."""

    #: Layer (table) it belongs to.
    layer: ParticipatoryLayer
    #: Stable identifier, kept across edits and exports.
    uuid: str
    #: Preset it was tagged with (``facility/clinic``).
    preset: str
    #: All its OpenStreetMap-style tags.
    tags: Mapping[str, str]
    #: Its shape in WGS84 longitude/latitude.
    geometry: BaseGeometry
    #: ``node``, ``way`` or ``relation`` when it tags an existing OSM object.
    osm_type: str | None = None
    #: Id of that OSM object.
    osm_id: int | None = None
    #: Version of that OSM object when it was tagged.
    osm_version: int | None = None
    #: Who first mapped it (each later editor is in the history).
    contributor: str = ""
    #: Mapping session it was first captured in.
    mapping_session: str | None = None
    #: When it was first saved (UTC, ISO 8601).
    created_at: str = ""
    #: When it was last changed (UTC, ISO 8601).
    modified_at: str = ""
    #: 1 when created, +1 on every change (undo and redo included).
    version: int = 0
    #: Whether a facilitator has checked it.
    review_status: ReviewStatus = ReviewStatus.DRAFT
    #: Transport stops: the line they belong to.
    line_uuid: str | None = None
    #: Transport stops: order along the line, from 1.
    stop_sequence: int | None = None
    #: Row id in the table (changes if a deleted feature is restored).
    fid: int | None = None

    @property
    def name(self) -> str | None:
        """The ``name`` tag, exactly as typed."""
        return self.tags.get("name")

    def same_content(self, other: Feature | None) -> bool:
        """Whether ``other`` stores the same thing (ignoring version, times and row id)."""
        if other is None:
            return False
        keep = {"version": 0, "modified_at": "", "fid": None}
        return replace(self, **keep) == replace(other, **keep)  # type: ignore[arg-type]


@dataclass(frozen=True)
class HistoryEntry:
    """One row of a feature's history."""

    #: Order of the row in the whole project's history.
    id: int
    #: Layer of the feature.
    layer: str
    #: The feature.
    uuid: str
    #: The feature's version after this change.
    version: int
    #: What was done.
    action: EditAction
    #: Who did it.
    contributor: str
    #: In which mapping session.
    mapping_session: str | None
    #: When (UTC, ISO 8601).
    at: str
    #: Preset after the change.
    preset: str | None
    #: Tags after the change (for a deletion: the tags it had).
    tags: Mapping[str, str]
    #: Geometry after the change (for a deletion: the one it had).
    geometry: BaseGeometry | None
    #: Edits that touch several features at once share this number.
    edit_id: int
    #: Why, in a few words ("split", "stop order", "undo of: Add Clinic").
    note: str = ""
    #: The other stored columns (osm reference, review status, line and stop order).
    attributes: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class OsmRef:
    """The existing OpenStreetMap object a feature describes."""

    #: ``node``, ``way`` or ``relation``.
    osm_type: str
    #: Its id.
    osm_id: int
    #: Its version when it was tagged.
    osm_version: int | None = None


@dataclass(frozen=True)
class Change:
    """One feature's part in an edit: what it was and what it became (None: absent)."""

    #: Layer of the feature.
    layer: ParticipatoryLayer
    #: The feature.
    uuid: str
    #: State before the edit (None: it did not exist).
    before: Feature | None
    #: State after the edit (None: it was deleted).
    after: Feature | None
    #: What the history calls this change.
    action: EditAction
    #: Why, in a few words ("split", "stop order").
    note: str = ""


@dataclass(frozen=True)
class Edit:
    """One undoable step: every feature it changed, as written."""

    #: What the Undo menu says ("Add Clinic").
    description: str
    #: Features changed, in order.
    changes: tuple[Change, ...]


def now() -> str:
    """The current UTC time as GeoPackage writes DATETIME values."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


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


def _columns(layer: ParticipatoryLayer) -> list[str]:
    return [f.name for f in fields(layer)]


def _feature_from_row(layer: ParticipatoryLayer, fid: int, row: Mapping[str, Any],
                      blob: bytes | None) -> Feature:
    geometry = gpkg.decode_geometry(blob)
    return Feature(
        layer=layer, uuid=row["uuid"], preset=row["preset"] or "",
        tags=json.loads(row["tags"]) if row["tags"] else {},
        geometry=geometry if geometry is not None else shapely.Point(),
        osm_type=row["osm_type"], osm_id=row["osm_id"], osm_version=row["osm_version"],
        contributor=row["contributor"] or "", mapping_session=row["mapping_session"],
        created_at=row["created_at"] or "", modified_at=row["modified_at"] or "",
        version=int(row["version"] or 0),
        review_status=ReviewStatus(row["review_status"] or ReviewStatus.DRAFT),
        line_uuid=row.get("line_uuid"), stop_sequence=row.get("stop_sequence"), fid=fid,
    )


def read_features(connection: sqlite3.Connection, layer: ParticipatoryLayer | str,
                  where: str = "", parameters: tuple = ()) -> list[Feature]:
    """Features of ``layer`` (optionally filtered by an SQL ``where`` clause), by fid."""
    layer = ParticipatoryLayer(layer)
    columns = _columns(layer)
    selected = ", ".join(f'"{c}"' for c in columns)
    sql = f'SELECT fid, {selected}, geom FROM "{layer}"'
    if where:
        sql += f" WHERE {where}"
    out = []
    for row in connection.execute(sql + " ORDER BY fid", parameters):
        values = dict(zip(columns, row[1:-1], strict=True))
        out.append(_feature_from_row(layer, row[0], values, row[-1]))
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


@dataclass(frozen=True)
class Author:
    """Who makes an edit, and when."""

    #: Contributor's name.
    contributor: str
    #: Mapping session id.
    mapping_session: str | None
    #: Edit number shared by all rows of one edit.
    edit_id: int
    #: Time of the edit (UTC, ISO 8601).
    at: str


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
        values = _row_values(written)
        blob = gpkg.encode_geometry(written.geometry)
        columns = list(values)
        if current is None:
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" for _ in columns)
            cursor = connection.execute(
                f'INSERT INTO "{layer}" ({names}, geom) VALUES ({marks}, ?)',
                [*values.values(), blob])
            written = replace(written, fid=cursor.lastrowid)
        else:
            assignments = ", ".join(f'"{c}" = ?' for c in columns)
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
         _tags_json(recorded.tags) if recorded else None,
         shapely.to_wkb(recorded.geometry, flavor="iso") if recorded else None,
         json.dumps(_attributes(recorded), ensure_ascii=False) if recorded else None,
         author.edit_id, note))
    return written


def _tags_json(tags: Mapping[str, str]) -> str:
    return json.dumps(dict(tags), ensure_ascii=False)


def _row_values(feature: Feature) -> dict[str, object]:
    values: dict[str, object] = {
        "uuid": feature.uuid, "preset": feature.preset, "name": feature.name,
        "tags": _tags_json(feature.tags), "osm_type": feature.osm_type,
        "osm_id": feature.osm_id, "osm_version": feature.osm_version,
        "contributor": feature.contributor, "mapping_session": feature.mapping_session,
        "created_at": feature.created_at, "modified_at": feature.modified_at,
        "version": feature.version, "review_status": str(feature.review_status),
    }
    if feature.layer is ParticipatoryLayer.TRANSPORT_STOPS:
        values["line_uuid"] = feature.line_uuid
        values["stop_sequence"] = feature.stop_sequence
    return values


def _attributes(feature: Feature | None) -> dict[str, object]:
    if feature is None:
        return {}
    values = _row_values(feature)
    return {key: values[key] for key in (
        "osm_type", "osm_id", "osm_version", "review_status", "created_at", "line_uuid",
        "stop_sequence") if key in values}


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


@dataclass(frozen=True)
class MappingSession:
    """A mapping session as recorded in the project."""

    #: Identifier stored with each feature.
    id: str
    #: Name shown to people ("Kianda walk, 21 April").
    name: str
    #: When it started (UTC, ISO 8601).
    started_at: str
    #: Who facilitated it, if known.
    facilitator: str | None


def read_mapping_sessions(connection: sqlite3.Connection) -> list[MappingSession]:
    """Every mapping session recorded in the project, oldest first."""
    exists = connection.execute("SELECT 1 FROM sqlite_master WHERE name = ?",
                                (SESSIONS_TABLE,)).fetchone()
    if not exists:
        return []
    rows = connection.execute(f"SELECT id, name, started_at, facilitator FROM {SESSIONS_TABLE}"
                              " ORDER BY started_at, id").fetchall()
    return [MappingSession(r[0], r[1] or r[0], r[2] or "", r[3]) for r in rows]


def features_frame(layer: ParticipatoryLayer, features: list[Feature]) -> gpd.GeoDataFrame:
    """Features as their table's columns (tags as JSON text), indexed by fid, in WGS84."""
    columns = _columns(layer)
    data: dict[str, list] = {c: [] for c in columns}
    for feature in features:
        values = _row_values(feature)
        for column in columns:
            data[column].append(values.get(column))
    index = pd.Index([f.fid for f in features], name="fid", dtype="int64")
    return gpd.GeoDataFrame(data, geometry=[f.geometry for f in features], crs="EPSG:4326",
                            index=index)
