"""Participatory features and their history on a team server, row by row.

The same rows as the project file's (:mod:`mapping.edit_history`), written the
PostgreSQL way: one transaction per edit, each feature changed only if it is still at
the version its editor last saw (``UPDATE ... WHERE uuid = %s AND version = %s``),
otherwise the whole edit is refused with :class:`~mapping.store.base.ConflictError`
carrying both versions. Edits are numbered from a one-row counter taken at the end of
each edit's transaction: its row lock makes edits commit in the order of their numbers,
so "every edit after number N" (:func:`changes_since`) never skips one committed late.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import psycopg
import shapely
from psycopg import sql
from psycopg.types.json import Jsonb

from layers.errors import ProjectError
from layers.i18n import tr
from layers.participatory import ParticipatoryLayer, ReviewStatus, fields
from mapping.edit_history import (
    HISTORY_TABLE,
    SESSIONS_TABLE,
    EditAction,
    Feature,
    HistoryEntry,
    MappingSession,
    history_attributes,
    now,
    row_values,
)
from mapping.store._pg_connect import VerifiedFeatureError
from mapping.store._pg_schema import COUNTER_TABLE, EDITS_CHANNEL
from mapping.store.base import ConflictError, EditStep

_HISTORY_COLUMNS = ("id, layer, uuid, version, action, contributor, mapping_session, at, preset,"
                    " tags, geometry_wkb, edit_id, note, attributes")


def _columns(layer: ParticipatoryLayer) -> list[str]:
    return [f.name for f in fields(layer)]


def feature_from_row(layer: ParticipatoryLayer, row: Sequence[Any]) -> Feature:
    """A Feature from ``fid, <the layer's columns>, ST_AsBinary(geom)``."""
    values = dict(zip(_columns(layer), row[1:-1], strict=True))
    geometry = shapely.from_wkb(bytes(row[-1])) if row[-1] is not None else shapely.Point()
    tags = values["tags"]
    if isinstance(tags, str):
        tags = json.loads(tags)
    return Feature(
        layer=layer, uuid=values["uuid"], preset=values["preset"] or "", tags=tags or {},
        geometry=geometry, osm_type=values["osm_type"], osm_id=values["osm_id"],
        osm_version=values["osm_version"], contributor=values["contributor"] or "",
        mapping_session=values["mapping_session"], created_at=values["created_at"] or "",
        modified_at=values["modified_at"] or "", version=int(values["version"] or 0),
        review_status=ReviewStatus(values["review_status"] or ReviewStatus.DRAFT),
        line_uuid=values.get("line_uuid"), stop_sequence=values.get("stop_sequence"),
        fid=int(row[0]))


def select_features(schema: str, layer: ParticipatoryLayer) -> sql.Composed:
    """``SELECT fid, columns..., ST_AsBinary(geom) FROM schema.layer``."""
    names = sql.SQL(", ").join(sql.Identifier(c) for c in _columns(layer))
    return sql.SQL("SELECT fid, {}, ST_AsBinary(geom) FROM {}").format(
        names, sql.Identifier(schema, str(layer)))


def read_features(connection: psycopg.Connection, schema: str, layer: ParticipatoryLayer,
                  bbox: tuple[float, float, float, float] | None = None,
                  where: Mapping[str, Any] | None = None, lock: bool = False) -> list[Feature]:
    """Features of a layer by fid; those meeting ``bbox`` (found through the GiST index)."""
    query = select_features(schema, layer)
    clauses: list[sql.Composable] = [sql.SQL("{} = %s").format(sql.Identifier(c))
                                     for c in (where or {})]
    parameters: list[Any] = list((where or {}).values())
    if bbox is not None:
        clauses.append(sql.SQL("ST_Intersects(geom, ST_MakeEnvelope(%s, %s, %s, %s, 4326))"))
        parameters += list(bbox)
    if clauses:
        query = sql.SQL("{} WHERE {}").format(query, sql.SQL(" AND ").join(clauses))
    query = sql.SQL("{} ORDER BY fid").format(query)
    rows = connection.execute(query, parameters).fetchall()
    return [feature_from_row(layer, row) for row in rows]


def _row_values(feature: Feature) -> dict[str, Any]:
    """The columns the project file stores, with the tags as ``jsonb``."""
    values: dict[str, Any] = row_values(feature)
    values["tags"] = Jsonb(dict(feature.tags))
    return values


def insert_feature(connection: psycopg.Connection, schema: str, feature: Feature,
                   keep_fid: bool = False) -> int | None:
    """Insert a feature row unless its uuid exists; returns its fid (None: uuid taken)."""
    values = _row_values(feature)
    if keep_fid and feature.fid is not None:
        values = {"fid": feature.fid, **values}
    names = sql.SQL(", ").join(sql.Identifier(c) for c in values)
    marks = sql.SQL(", ").join(sql.Placeholder() for _ in values)
    found = connection.execute(sql.SQL(
        "INSERT INTO {} ({}, geom) VALUES ({}, ST_GeomFromWKB(%s, 4326))"
        " ON CONFLICT (uuid) DO NOTHING RETURNING fid").format(
        sql.Identifier(schema, str(feature.layer)), names, marks),
        [*values.values(), shapely.to_wkb(feature.geometry)]).fetchone()
    return int(found[0]) if found else None


def _update_feature(connection: psycopg.Connection, schema: str, feature: Feature,
                    seen_version: int) -> int | None:
    values = _row_values(feature)
    assignments = sql.SQL(", ").join(sql.SQL("{} = %s").format(sql.Identifier(c))
                                     for c in values)
    found = connection.execute(sql.SQL(
        "UPDATE {} SET {}, geom = ST_GeomFromWKB(%s, 4326) WHERE uuid = %s AND version = %s"
        " RETURNING fid").format(sql.Identifier(schema, str(feature.layer)), assignments),
        [*values.values(), shapely.to_wkb(feature.geometry), feature.uuid,
         seen_version]).fetchone()
    return int(found[0]) if found else None


def _last_version(connection: psycopg.Connection, schema: str, layer: str, uuid: str) -> int:
    found = connection.execute(sql.SQL(
        "SELECT COALESCE(MAX(version), 0) FROM {} WHERE layer = %s AND uuid = %s").format(
        sql.Identifier(schema, HISTORY_TABLE)), (layer, uuid)).fetchone()
    return int(found[0]) if found else 0


def _refused(connection: psycopg.Connection, schema: str, layer: ParticipatoryLayer,
             uuid: str, seen: Feature | None, target: Feature | None) -> Exception:
    """Why a conditional write touched no row: someone's newer version, or a verified row."""
    stored = next(iter(read_features(connection, schema, layer, where={"uuid": uuid})), None)
    if (stored is not None and seen is not None and stored.version == seen.version
            and stored.review_status is ReviewStatus.VERIFIED):
        if stored.name:
            return VerifiedFeatureError(tr(
                "“{name}” is verified: only a facilitator can change it. Your edit was not "
                "saved.", name=stored.name))
        return VerifiedFeatureError(tr(
            "This feature is verified: only a facilitator can change it. Your edit was not "
            "saved."))
    return ConflictError(stored, target, saved_by=_last_editor(connection, schema, layer, uuid))


def apply_edit(connection: psycopg.Connection, schema: str, steps: Sequence[EditStep],
               contributor: str, mapping_session: str | None) -> tuple[int, list[Feature | None]]:
    """Write one edit; the caller holds the transaction. Returns (edit number, features)."""
    at = now()
    checked: set[tuple[str, str]] = set()
    history: list[tuple[Any, ...]] = []
    written: list[Feature | None] = []
    for step in steps:
        layer = ParticipatoryLayer(step.change.layer)
        uuid = step.change.uuid
        stored = next(iter(read_features(connection, schema, layer, where={"uuid": uuid})), None)
        if (str(layer), uuid) not in checked:
            checked.add((str(layer), uuid))
            if (stored.version if stored else 0) != (step.expected_version or 0):
                raise ConflictError(stored, step.target,
                                    saved_by=_last_editor(connection, schema, layer, uuid))
        version = max(stored.version if stored else 0,
                      _last_version(connection, schema, str(layer), uuid)) + 1
        result: Feature | None = None
        if step.target is None:
            recorded = stored
            if stored is not None:
                gone = connection.execute(sql.SQL(
                    "DELETE FROM {} WHERE uuid = %s AND version = %s").format(
                    sql.Identifier(schema, str(layer))), (uuid, stored.version))
                if gone.rowcount != 1:
                    raise _refused(connection, schema, layer, uuid, stored, None)
        else:
            result = replace(step.target, layer=layer, uuid=uuid, version=version,
                             modified_at=at, created_at=step.target.created_at or at)
            if stored is None:
                fid = insert_feature(connection, schema, result)
            else:
                fid = _update_feature(connection, schema, result, stored.version)
            if fid is None:
                raise _refused(connection, schema, layer, uuid, stored, step.target)
            result = replace(result, fid=fid)
            recorded = result
        written.append(result)
        history.append((
            str(layer), uuid, version, str(step.action), contributor, mapping_session, at,
            recorded.preset if recorded else None,
            Jsonb(dict(recorded.tags)) if recorded else None,
            shapely.to_wkb(recorded.geometry, flavor="iso") if recorded else None,
            Jsonb(history_attributes(recorded)) if recorded else None, step.note))
    # Taken last, held to the commit: edits commit in the order of their numbers.
    counter = connection.execute(sql.SQL(
        "UPDATE {} SET last_edit_id = last_edit_id + 1 RETURNING last_edit_id").format(
        sql.Identifier(schema, COUNTER_TABLE))).fetchone()
    if counter is None:
        raise ProjectError(tr("This team-server project has lost its edit counter; ask its "
                              "administrator to publish it again."))
    edit_id = int(counter[0])
    with connection.cursor() as cursor:
        cursor.executemany(sql.SQL(
            "INSERT INTO {} (layer, uuid, version, action, contributor, mapping_session, at,"
            " preset, tags, geometry_wkb, attributes, note, edit_id)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)").format(
            sql.Identifier(schema, HISTORY_TABLE)), [(*row, edit_id) for row in history])
    connection.execute("SELECT pg_notify(%s, %s)", (EDITS_CHANNEL, json.dumps(
        {"project": schema, "edit_id": int(edit_id), "contributor": contributor})))
    return int(edit_id), written


def _last_editor(connection: psycopg.Connection, schema: str, layer: ParticipatoryLayer,
                 uuid: str) -> str | None:
    """Who saved the stored version of a feature (from its history)."""
    entries = read_history(connection, schema, str(layer), uuid)
    return entries[-1].contributor if entries else None


def history_entry(row: Sequence[Any]) -> HistoryEntry:
    """A HistoryEntry from a row of :data:`_HISTORY_COLUMNS`."""
    tags = row[9]
    attrs = row[13]
    return HistoryEntry(
        id=int(row[0]), layer=row[1], uuid=row[2], version=int(row[3]),
        action=EditAction(row[4]), contributor=row[5] or "", mapping_session=row[6],
        at=row[7] or "", preset=row[8],
        tags=(json.loads(tags) if isinstance(tags, str) else tags) or {},
        geometry=shapely.from_wkb(bytes(row[10])) if row[10] is not None else None,
        edit_id=int(row[11]), note=row[12] or "",
        attributes=(json.loads(attrs) if isinstance(attrs, str) else attrs) or {})


def read_history(connection: psycopg.Connection, schema: str, layer: str | None = None,
                 uuid: str | None = None, after_edit: int | None = None) -> list[HistoryEntry]:
    """History rows oldest first: of one feature, or after edit number ``after_edit``."""
    query = sql.SQL(f"SELECT {_HISTORY_COLUMNS} FROM {{}}").format(
        sql.Identifier(schema, HISTORY_TABLE))
    clauses: list[sql.Composable] = []
    parameters: list[Any] = []
    if layer is not None and uuid is not None:
        clauses.append(sql.SQL("layer = %s AND uuid = %s"))
        parameters += [str(layer), uuid]
    if after_edit is not None:
        clauses.append(sql.SQL("edit_id > %s"))
        parameters.append(after_edit)
    if clauses:
        query = sql.SQL("{} WHERE {}").format(query, sql.SQL(" AND ").join(clauses))
    rows = connection.execute(sql.SQL("{} ORDER BY edit_id, id").format(query),
                              parameters).fetchall()
    return [history_entry(row) for row in rows]


def copy_history(connection: psycopg.Connection, schema: str,
                 entries: Sequence[HistoryEntry]) -> None:
    """Write history rows as they are (ids kept), for publishing."""
    with connection.cursor() as cursor, cursor.copy(sql.SQL(
            "COPY {} (id, layer, uuid, version, action, contributor, mapping_session, at, preset,"
            " tags, geometry_wkb, attributes, edit_id, note) FROM STDIN").format(
            sql.Identifier(schema, HISTORY_TABLE))) as copy:
        for e in entries:
            copy.write_row((
                e.id, e.layer, e.uuid, e.version, str(e.action), e.contributor,
                e.mapping_session, e.at, e.preset, json.dumps(dict(e.tags), ensure_ascii=False),
                shapely.to_wkb(e.geometry, flavor="iso") if e.geometry is not None else None,
                json.dumps(dict(e.attributes), ensure_ascii=False, default=str), e.edit_id,
                e.note))
    connection.execute(sql.SQL(
        "SELECT setval(pg_get_serial_sequence(%s, 'id'), GREATEST((SELECT max(id) FROM {}), 1))"
    ).format(sql.Identifier(schema, HISTORY_TABLE)), (f'"{schema}".{HISTORY_TABLE}',))
    connection.execute(sql.SQL(
        "UPDATE {} SET last_edit_id = (SELECT COALESCE(max(edit_id), 0) FROM {})").format(
        sql.Identifier(schema, COUNTER_TABLE), sql.Identifier(schema, HISTORY_TABLE)))


def open_mapping_session(connection: psycopg.Connection, schema: str, session_id: str,
                         name: str, facilitator: str | None, started_at: str | None = None
                         ) -> None:
    """Record a mapping session (kept as is if it already exists)."""
    connection.execute(sql.SQL(
        "INSERT INTO {} (id, name, started_at, facilitator) VALUES (%s, %s, %s, %s)"
        " ON CONFLICT (id) DO NOTHING").format(sql.Identifier(schema, SESSIONS_TABLE)),
        (session_id, name, started_at or now(), facilitator))


def mapping_sessions(connection: psycopg.Connection, schema: str) -> list[MappingSession]:
    """Every mapping session, oldest first."""
    rows = connection.execute(sql.SQL(
        "SELECT id, name, started_at, facilitator FROM {} ORDER BY started_at, id").format(
        sql.Identifier(schema, SESSIONS_TABLE))).fetchall()
    return [MappingSession(r[0], r[1] or r[0], r[2] or "", r[3]) for r in rows]
