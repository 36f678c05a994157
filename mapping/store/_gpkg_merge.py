"""The project-file side of merging laptops: exact rows, and the conflicts kept.

A merge (:mod:`mapping.merge`) writes into the target file, in ONE transaction:
features exactly as another laptop stored them (their versions too), the history rows
of the other laptop's edits as they were made (who, when), and one row per field that
both sides changed differently in ``quartier_merge_conflicts``. The rows are written
with the same helpers as a team-server checkout (:mod:`mapping.store._pg_sync_local`),
so a merged file reads exactly like one synced with a server. The conflicts table has
the shape of ``quartier_sync_conflicts`` (the other side's version, who saved it and
when, its tags and shape), one row per field rather than per feature: a sync replaces
its conflicts at every sync, a merge keeps them until ``quartier conflicts --keep``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import shapely

from layers.errors import ProjectError
from layers.i18n import tr
from layers.participatory import ParticipatoryLayer, ReviewStatus
from mapping.edit_history import Author, EditAction, Feature, HistoryEntry, now, tags_json
from mapping.store import _gpkg as gpkg
from mapping.store import _gpkg_features as rows
from mapping.store import _pg_sync_local as local_rows

CONFLICTS_TABLE = "quartier_merge_conflicts"

Key = tuple[str, str]


@dataclass(frozen=True)
class MergeConflict:
    """One field of one feature changed differently on two laptops (the target's kept)."""

    #: Layer of the feature.
    layer: str
    #: The feature.
    uuid: str
    #: A tag key, ``geometry``, ``preset``, ``review_status``, or ``feature`` (deleted).
    field: str
    #: Its name (either side's).
    name: str | None
    #: The target's value (kept), as JSON-able text or None (absent).
    mine: Any
    #: The other laptop's value.
    theirs: Any
    #: Version in the target.
    mine_version: int | None
    #: Version on the other laptop.
    their_version: int | None
    #: Who saved the other laptop's version.
    who: str
    #: When they saved it.
    at: str
    #: The other laptop's whole feature (None: deleted there), to keep theirs later.
    their_feature: Feature | None
    #: The file it came from.
    source: str = ""


@dataclass(frozen=True)
class MergeWrite:
    """Everything one merge writes into the target, in one transaction."""

    #: Features to make exactly so (None: delete), with the version read before.
    features: Sequence[tuple[Key, Feature | None, int | None]]
    #: History rows to add, grouped so each group's edit numbers stay together.
    history: Sequence[Sequence[HistoryEntry]]
    #: Mapping sessions (id, name, started_at, facilitator) to record.
    sessions: Sequence[tuple[str, str, str, str | None]]
    #: Conflicts found.
    conflicts: Sequence[MergeConflict]


def create_table(connection: sqlite3.Connection) -> None:
    """The conflicts table, if missing (inside the caller's transaction)."""
    connection.execute(
        f"CREATE TABLE IF NOT EXISTS {CONFLICTS_TABLE} (layer TEXT NOT NULL, uuid TEXT NOT NULL,"
        " field TEXT NOT NULL, name TEXT, mine TEXT, theirs TEXT, local_version INTEGER,"
        " their_version INTEGER, their_contributor TEXT, their_at TEXT, their_present INTEGER,"
        " their_preset TEXT, their_tags TEXT, their_geometry_wkb BLOB, their_attributes TEXT,"
        " source TEXT, found_at TEXT, PRIMARY KEY (layer, uuid, field))")
    gpkg.register_attributes_table(connection, CONFLICTS_TABLE,
                                   "Fields two merged projects changed differently")


def write_merge(connection: sqlite3.Connection, merge: MergeWrite) -> None:
    """Write a merge, all or nothing; refused if the target changed since it was read."""
    rows.ensure_tables(connection)
    with gpkg.transaction(connection):
        create_table(connection)
        for (layer, uuid), feature, seen in merge.features:
            stored = rows.read_feature(connection, layer, uuid)
            if (stored.version if stored else None) != seen:
                raise ProjectError(tr("Someone edited the target project while it was being "
                                      "merged; nothing was changed. Merge again."))
            local_rows.put_feature(connection, ParticipatoryLayer(layer), uuid, feature)
        for group in merge.history:
            local_rows.add_history(connection, group)
        local_rows.add_sessions(connection, merge.sessions)
        found_at = now()
        for c in merge.conflicts:
            theirs = c.their_feature
            connection.execute(
                f"INSERT OR REPLACE INTO {CONFLICTS_TABLE} (layer, uuid, field, name, mine,"
                " theirs, local_version, their_version, their_contributor, their_at,"
                " their_present, their_preset, their_tags, their_geometry_wkb, their_attributes,"
                " source, found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (c.layer, c.uuid, c.field, c.name, json.dumps(c.mine, ensure_ascii=False),
                 json.dumps(c.theirs, ensure_ascii=False), c.mine_version, c.their_version,
                 c.who, c.at, int(theirs is not None),
                 theirs.preset if theirs else None, tags_json(theirs.tags) if theirs else None,
                 shapely.to_wkb(theirs.geometry, flavor="iso") if theirs else None,
                 json.dumps(_feature_attributes(theirs)) if theirs else None, c.source,
                 _first_found(connection, c) or found_at))


def _first_found(connection: sqlite3.Connection, conflict: MergeConflict) -> str | None:
    """When this very conflict was first found (a merge repeated finds it again)."""
    found = connection.execute(
        f"SELECT found_at FROM {CONFLICTS_TABLE} WHERE layer = ? AND uuid = ? AND field = ?"
        " AND mine = ? AND theirs = ?",
        (conflict.layer, conflict.uuid, conflict.field,
         json.dumps(conflict.mine, ensure_ascii=False),
         json.dumps(conflict.theirs, ensure_ascii=False))).fetchone()
    return found[0] if found else None


def read_conflicts(connection: sqlite3.Connection) -> list[MergeConflict]:
    """Every conflict kept, by layer, feature and field."""
    if not connection.execute("SELECT 1 FROM sqlite_master WHERE name = ?",
                              (CONFLICTS_TABLE,)).fetchone():
        return []
    out = []
    for row in connection.execute(
            "SELECT layer, uuid, field, name, mine, theirs, local_version, their_version,"
            " their_contributor, their_at, their_present, their_preset, their_tags,"
            f" their_geometry_wkb, their_attributes, source FROM {CONFLICTS_TABLE}"
            " ORDER BY layer, uuid, field"):
        theirs = None
        if row[10]:
            extra = json.loads(row[14] or "{}")
            extra["review_status"] = ReviewStatus(extra.get("review_status") or "draft")
            theirs = Feature(layer=ParticipatoryLayer(row[0]), uuid=row[1], preset=row[11] or "",
                             tags=json.loads(row[12] or "{}"),
                             geometry=shapely.from_wkb(row[13]), version=row[7] or 0, **extra)
        out.append(MergeConflict(
            layer=row[0], uuid=row[1], field=row[2], name=row[3], mine=json.loads(row[4]),
            theirs=json.loads(row[5]), mine_version=row[6], their_version=row[7],
            who=row[8] or "", at=row[9] or "", their_feature=theirs, source=row[15] or ""))
    return out


def settle(connection: sqlite3.Connection, key: Key, target: Feature | None | bool,
           contributor: str, note: str) -> Feature | None:
    """Resolve one feature's conflicts: write ``target`` as a new version (False: keep as is).

    The new version is an ordinary edit (its history row names ``contributor``), and the
    feature's conflict rows go in the same transaction.
    """
    layer, uuid = key
    with gpkg.transaction(connection):
        written = rows.read_feature(connection, layer, uuid)
        if target is not False:
            author = Author(contributor, None, rows.next_edit_id(connection), now())
            action = EditAction.DELETE if target is None else (
                EditAction.UPDATE if written is not None else EditAction.CREATE)
            if not (target is None and written is None):
                written = rows.write_feature(connection, ParticipatoryLayer(layer), uuid,
                                             target if isinstance(target, Feature) else None,
                                             action, author, note)
        connection.execute(f"DELETE FROM {CONFLICTS_TABLE} WHERE layer = ? AND uuid = ?", key)
    return written


def _feature_attributes(feature: Feature) -> Mapping[str, Any]:
    """The columns a kept feature needs besides preset, tags and shape."""
    return {"osm_type": feature.osm_type, "osm_id": feature.osm_id,
            "osm_version": feature.osm_version, "contributor": feature.contributor,
            "mapping_session": feature.mapping_session, "created_at": feature.created_at,
            "modified_at": feature.modified_at, "review_status": str(feature.review_status),
            "line_uuid": feature.line_uuid, "stop_sequence": feature.stop_sequence}
