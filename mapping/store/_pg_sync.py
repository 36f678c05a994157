"""Offline and back: a project file taken from a team server, and its edits sent home.

``checkout`` writes a project file from one consistent snapshot of the server
(``REPEATABLE READ``): every layer (clipped to an area if asked), the participatory
features with their uuids and versions, their history, the mapping sessions, and the
number of the last server edit it holds. It is written beside the target and moved in
place at the end, so a failed checkout leaves no file (and never half of one).

``sync`` compares each participatory feature with the version the server had at the
last sync. A feature changed only here is sent, with its own history rows (who, when:
the server gets them as they were made); a feature changed only on the server comes
back with its history rows. A feature changed on both sides is a conflict, by the
same rule as two people editing online: neither side is overwritten, the server's
version, who saved it and when are kept in the file (``quartier_sync_conflicts``), and
it is reported. The server's part is one transaction, committed before the file's own
transaction: a connection lost in the middle changes neither side, and a file write
failing after the server committed is made good by the next sync (what is already
there is recognised, not sent twice).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

from layers.errors import ProjectError
from layers.i18n import tr
from layers.participatory import ParticipatoryLayer
from mapping.edit_history import Feature, HistoryEntry, now
from mapping.store import _gpkg as gpkg
from mapping.store import _pg_features as rows
from mapping.store import _pg_sync_local as local_rows
from mapping.store._gpkg_features import ensure_tables
from mapping.store._pg_connect import ServerPasswordError, parse_address, without_password
from mapping.store._pg_read import read_arrow
from mapping.store._pg_schema import COUNTER_TABLE, EDITS_CHANNEL
from mapping.store.geopackage import GeoPackageStore, create_geopackage
from mapping.store.schema import LAYERS_TABLE, LayerKind

Progress = Callable[[float, str], None]
BBox = tuple[float, float, float, float]
Key = tuple[str, str]


@dataclass
class SyncConflict:
    """A feature changed here and on the server since the last sync."""

    #: Layer and uuid.
    key: Key
    #: Its name (either side's).
    name: str | None
    #: The version saved here.
    local_version: int | None
    #: The version on the server.
    server_version: int | None
    #: Who saved the server's version.
    server_contributor: str


@dataclass
class SyncReport:
    """What a sync did."""

    #: Features sent to the server.
    sent: int = 0
    #: Features brought back from the server.
    received: int = 0
    #: Features changed on both sides, left as they were on each.
    conflicts: list[SyncConflict] = field(default_factory=list)


def checkout(url: str, path: str | os.PathLike[str], bbox: BBox | None = None, *,
             force: bool = False, progress: Progress | None = None) -> Path:
    """Write a project file from a team-server project (see the module's documentation)."""
    from mapping.store.postgis import PostGISStore

    target = Path(path)
    if target.suffix.lower() != ".gpkg":
        raise ProjectError(tr("A Quartier project is a GeoPackage: name it {name}.gpkg.",
                              name=target.stem))
    if target.exists() and not force:
        raise ProjectError(tr("{path} already exists. Choose another file name, or add --force "
                              "to replace it.", path=target))
    if not target.parent.exists():
        raise ProjectError(tr("The folder {folder} does not exist. Create it first.",
                              folder=target.parent))
    report = progress or (lambda _f, _m: None)
    server = PostGISStore(url)
    partial = target.with_name(f".partial-{os.getpid()}-{target.name}")
    try:
        with _snapshot(server, tr("taking a copy")) as connection:
            taken = _read_checkout(server, connection, bbox, report)
        report(0.6, tr("Writing the copy"))
        _write_file(server, partial, bbox, taken)
        os.replace(partial, target)
    finally:
        server.close()
        partial.unlink(missing_ok=True)
    report(1.0, tr("Taken"))
    return target


@contextlib.contextmanager
def _snapshot(server, doing: str) -> Iterator[psycopg.Connection]:
    with server._errors(doing):
        connection = server._conn()
        with connection.transaction():
            connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            yield connection


def _read_checkout(server, connection: psycopg.Connection, bbox: BBox | None,
                   report: Progress) -> dict:
    registry = server.registry()
    vectors = server.vector_layers()
    participatory = {str(layer) for layer in ParticipatoryLayer}
    layers = {}
    kinds = {}
    rasters = []
    for record in registry:
        if record.name in participatory:
            continue
        if record.name not in vectors:
            rasters.append((record, server.read_raster(record.name)))
            continue
        if not vectors[record.name]:
            continue
        report(0.1, tr("Taking {title}", title=tr(record.title) if record.title else record.name))
        table, _meta = read_arrow(connection, server.schema, record.name, bbox=bbox)
        layers[record.name] = table.rename_columns(
            ["geometry" if name == "geom" else name for name in table.column_names])
        kinds[record.name] = LayerKind(record.kind) if record.kind in set(LayerKind) \
            else LayerKind.REFERENCE
    features = {layer: rows.read_features(connection, server.schema, layer, bbox)
                for layer in ParticipatoryLayer}
    kept = {(str(f.layer), f.uuid) for found in features.values() for f in found}
    return {
        "metadata": server.metadata(), "registry": registry, "layers": layers,
        "kinds": kinds, "rasters": rasters, "features": features,
        "history": [e for e in rows.read_history(connection, server.schema)
                    if (e.layer, e.uuid) in kept],
        "sessions": [(s.id, s.name, s.started_at, s.facilitator)
                     for s in rows.mapping_sessions(connection, server.schema)],
        "cursor": server.last_edit()}


def _write_file(server, partial: Path, bbox: BBox | None, taken: dict) -> None:
    create_geopackage(partial, taken["layers"], taken["metadata"], taken["kinds"])
    store = GeoPackageStore(partial)
    try:
        for record, raster in taken["rasters"]:
            store.write_raster(record, raster)
    finally:
        store.close()
    features = taken["features"]
    connection_file = gpkg.connect(partial)
    try:
        ensure_tables(connection_file)
        with gpkg.transaction(connection_file):
            local_rows.create_sync_tables(connection_file)
            _copy_registry(connection_file, taken["registry"])
            for layer, found in features.items():
                for feature in found:
                    local_rows.put_feature(connection_file, layer, feature.uuid, feature)
            local_rows.add_history(connection_file, taken["history"], keep_ids=True)
            local_rows.add_sessions(connection_file, taken["sessions"])
            local_rows.write_base(connection_file, {
                (str(f.layer), f.uuid): (f.version, True)
                for found in features.values() for f in found})
            local_rows.write_state(connection_file, {
                "url": without_password(server.address), "project": server.address.project,
                "cursor": taken["cursor"], "bbox": list(bbox) if bbox else None,
                "checked_out_at": now()})
    finally:
        connection_file.close()


def _copy_registry(connection, registry) -> None:
    import json

    connection.execute(f"DELETE FROM {LAYERS_TABLE}")
    connection.executemany(
        f"INSERT INTO {LAYERS_TABLE} (name, kind, title, source, added_at, draw_order, visible,"
        " opacity, style) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(r.name, str(r.kind), r.title, r.source, r.added_at, r.draw_order,
          1 if r.visible else 0, r.opacity, json.dumps(r.style, ensure_ascii=False))
         for r in registry])


def sync(path: str | os.PathLike[str], url: str | None = None, *, keep: str | None = None,
         progress: Progress | None = None) -> SyncReport:
    """Send this file's edits to its team server and bring back others' (see the module).

    Parameters
    ----------
    path
        A project file made by :func:`checkout`.
    url
        The server's address (default: the one recorded at checkout, without password;
        the password then comes from ``PGPASSWORD`` or ``~/.pgpass``).
    keep
        For features changed on both sides: ``"mine"`` (this file's version goes to the
        server as a new version, saying whose it replaced), ``"theirs"`` (the server's
        comes here; this file's edits stay in its history), or None (report them, change
        neither side).
    progress
        ``progress(fraction, message)``.
    """
    if keep not in (None, "mine", "theirs"):
        raise ProjectError(tr("“{keep}” is not a choice for conflicts: keep mine or theirs.",
                              keep=keep))
    from mapping.store.postgis import PostGISStore

    target = Path(path)
    local = GeoPackageStore(target)
    connection_file = gpkg.connect(target)
    try:
        state = local_rows.read_state(connection_file)
        if state is None:
            raise ProjectError(tr("{name} was not taken from a team server (quartier server "
                                  "checkout makes such a copy); there is nothing to sync.",
                                  name=target.name))
        base = local_rows.read_base(connection_file)
    finally:
        connection_file.close()
    address = url or state["url"]
    if parse_address(address).project and parse_address(address).project != state["project"]:
        raise ProjectError(tr("{name} is a copy of the project {project}, not of {other}.",
                              name=target.name, project=state["project"],
                              other=parse_address(address).project))
    if not parse_address(address).project:
        address = f"{address}{'&' if '?' in address else '?'}project={state['project']}"
    report = progress or (lambda _f, _m: None)
    mine = {(str(f.layer), f.uuid): f for layer in ParticipatoryLayer
            for f in local.read_features(layer)}
    my_history = local.read_history()
    first_local_row: dict[Key, int] = {}
    for entry in my_history:
        key = (entry.layer, entry.uuid)
        if entry.version > base.get(key, (0, False))[0]:
            first_local_row.setdefault(key, entry.id)
    # Sent in the order they were made here, so the server's history reads the same.
    changed = sorted(
        (key for key in set(mine) | {k for k, (_v, present) in base.items() if present}
         if (mine[key].version if key in mine else None)
         != (base[key][0] if key in base and base[key][1] else None)),
        key=lambda k: (first_local_row.get(k, 1 << 62), k))
    try:
        server = PostGISStore(address)
    except ServerPasswordError as error:
        if url is None:
            raise ServerPasswordError(tr(
                "{reason} This copy records its server without the password: give it in "
                "PGPASSWORD or ~/.pgpass, or the whole address with --url.", reason=error)
            ) from None
        raise
    outcome = SyncReport()
    try:
        with server._errors(tr("syncing")):
            connection = server._conn()
            with connection.transaction():
                report(0.1, tr("Sending this copy's edits"))
                sent, conflicts, new_base = _push(connection, server.schema, changed, mine, base,
                                                  my_history)
                report(0.5, tr("Bringing back others' edits"))
                taken, their_history, cursor = _pull(connection, server.schema, state, sent,
                                                     conflicts, mine, base)
                if keep is not None and conflicts:
                    _settle(connection, server.schema, keep, conflicts, base, taken,
                            their_history, new_base)
                    conflicts = []
                    cursor = _cursor(connection, server.schema)
                sessions = [(s.id, s.name, s.started_at, s.facilitator)
                            for s in rows.mapping_sessions(connection, server.schema)]
                connection.execute("SELECT pg_notify(%s, %s)", (EDITS_CHANNEL, "{\"project\": "
                                   f"\"{server.schema}\", \"sync\": true}}"))
    finally:
        server.close()
        local.close()
    report(0.8, tr("Saving in this copy"))
    connection_file = gpkg.connect(target)
    try:
        ensure_tables(connection_file)
        with gpkg.transaction(connection_file):
            for key, feature in taken.items():
                local_rows.put_feature(connection_file, ParticipatoryLayer(key[0]), key[1],
                                       feature)
                new_base[key] = _base_of(feature, their_history.get(key, []), base.get(key))
            local_rows.add_history(connection_file, [e for key in taken
                                                     for e in their_history.get(key, [])])
            local_rows.add_sessions(connection_file, sessions)
            local_rows.write_base(connection_file, new_base)
            local_rows.record_conflicts(connection_file, now(), [
                (c[0], c[1], c[2], c[3]) for c in conflicts],
                resolved=[k for k in new_base])
            local_rows.write_state(connection_file, {"cursor": cursor, "synced_at": now()})
    finally:
        connection_file.close()
    outcome.sent = len(sent)
    outcome.received = len(taken)
    outcome.conflicts = [SyncConflict(
        key=key, name=(theirs or mine_).name if (theirs or mine_) else None,
        local_version=mine_.version if mine_ else None,
        server_version=last.version if last else (theirs.version if theirs else None),
        server_contributor=(last.contributor if last else "") or "someone")
        for key, mine_, theirs, last in conflicts]
    report(1.0, tr("Synced"))
    return outcome


def _settle(connection: psycopg.Connection, schema: str, keep: str, conflicts: list,
            base: dict[Key, tuple[int, bool]], taken: dict[Key, Feature | None],
            their_history: dict[Key, list[HistoryEntry]],
            new_base: dict[Key, tuple[int, bool]]) -> None:
    """Resolve conflicts: the server's side comes here, or this file's goes there."""
    from dataclasses import replace

    from mapping.edit_history import EditAction, history_attributes

    for key, mine, theirs, last in conflicts:
        seen = base.get(key, (0, False))[0]
        if keep == "theirs":
            taken[key] = theirs
            their_history[key] = [e for e in rows.read_history(connection, schema, *key)
                                  if e.version > seen]
            continue
        current = theirs.version if theirs else rows._last_version(connection, schema, *key)
        at = now()
        target = replace(mine, version=current + 1, modified_at=at) if mine else None
        if target is None:
            done = theirs is None or connection.execute(sql.SQL(
                "DELETE FROM {} WHERE uuid = %s AND version = %s").format(
                sql.Identifier(schema, key[0])), (key[1], current)).rowcount == 1
        elif theirs is None:
            done = rows.insert_feature(connection, schema, target) is not None
        else:
            done = rows._update_feature(connection, schema, target, current) is not None
        if not done:
            raise ProjectError(tr("Someone saved the same feature again during this sync; "
                                  "nothing was changed. Sync again."))
        who = (last.contributor if last else "") or (theirs.contributor if theirs else "someone")
        recorded = target or mine
        entry = HistoryEntry(
            id=0, layer=key[0], uuid=key[1], version=current + 1,
            action=EditAction.DELETE if target is None else EditAction.UPDATE,
            contributor=mine.contributor if mine else "", mapping_session=(
                mine.mapping_session if mine else None), at=at,
            preset=recorded.preset if recorded else None,
            tags=dict(recorded.tags) if recorded else {},
            geometry=recorded.geometry if recorded else None, edit_id=0,
            note=f"kept the field copy over version {current} by {who}",
            attributes=history_attributes(recorded))
        _insert_history(connection, schema, [entry], {0: _next_edit(connection, schema)})
        taken[key] = target
        their_history[key] = [entry]
        new_base[key] = (current + 1, target is not None)


def _cursor(connection: psycopg.Connection, schema: str) -> int:
    found = connection.execute(sql.SQL("SELECT last_edit_id FROM {}").format(
        sql.Identifier(schema, COUNTER_TABLE))).fetchone()
    return int(found[0]) if found else 0


def _base_of(feature: Feature | None, history: list[HistoryEntry],
             before: tuple[int, bool] | None) -> tuple[int, bool]:
    if feature is not None:
        return (feature.version, True)
    last = max((e.version for e in history), default=before[0] if before else 0)
    return (last, False)


def _push(connection: psycopg.Connection, schema: str, changed: list[Key],
          mine: dict[Key, Feature], base: dict[Key, tuple[int, bool]],
          my_history: list[HistoryEntry]):
    """Send the features changed here; returns (sent keys, conflicts, their new base)."""
    sent: set[Key] = set()
    conflicts: list[tuple[Key, Feature | None, Feature | None, HistoryEntry | None]] = []
    new_base: dict[Key, tuple[int, bool]] = {}
    numbers: dict[int, int] = {}
    for key in changed:
        layer = ParticipatoryLayer(key[0])
        local = mine.get(key)
        seen, existed = base.get(key, (0, False))
        stored = next(iter(rows.read_features(connection, schema, layer,
                                              where={"uuid": key[1]})), None)
        server_version = stored.version if stored else rows._last_version(
            connection, schema, key[0], key[1])
        seen_version = seen if existed or key in base else 0
        if server_version != seen_version:
            already = (local is not None and stored is not None
                       and stored.version == local.version and stored.same_content(local)) or (
                local is None and stored is None)
            if already:
                new_base[key] = (server_version, stored is not None)
                continue
            last = next(iter(reversed(rows.read_history(connection, schema, key[0], key[1]))),
                        None)
            conflicts.append((key, local, stored, last))
            continue
        if local is None:
            done = connection.execute(sql.SQL("DELETE FROM {} WHERE uuid = %s AND version = %s")
                                      .format(sql.Identifier(schema, key[0])),
                                      (key[1], seen)).rowcount == 1
        elif stored is None:
            done = rows.insert_feature(connection, schema, local) is not None
        else:
            done = rows._update_feature(connection, schema, local, seen) is not None
        if not done:
            conflicts.append((key, local, stored, None))
            continue
        entries = [e for e in my_history if (e.layer, e.uuid) == key and e.version > seen]
        for entry in entries:
            if entry.edit_id not in numbers:
                numbers[entry.edit_id] = _next_edit(connection, schema)
        _insert_history(connection, schema, entries, numbers)
        sent.add(key)
        new_base[key] = (local.version, True) if local else (
            max([e.version for e in entries] + [seen]), False)
    return sent, conflicts, new_base


def _next_edit(connection: psycopg.Connection, schema: str) -> int:
    found = connection.execute(sql.SQL(
        "UPDATE {} SET last_edit_id = last_edit_id + 1 RETURNING last_edit_id").format(
        sql.Identifier(schema, COUNTER_TABLE))).fetchone()
    if found is None:
        raise ProjectError(tr("This team-server project has lost its edit counter; ask its "
                              "administrator to publish it again."))
    return int(found[0])


def _insert_history(connection: psycopg.Connection, schema: str, entries: list[HistoryEntry],
                    numbers: dict[int, int]) -> None:
    import shapely
    from psycopg.types.json import Jsonb

    from mapping.edit_history import HISTORY_TABLE

    with connection.cursor() as cursor:
        cursor.executemany(sql.SQL(
            "INSERT INTO {} (layer, uuid, version, action, contributor, mapping_session, at,"
            " preset, tags, geometry_wkb, attributes, note, edit_id)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)").format(
            sql.Identifier(schema, HISTORY_TABLE)),
            [(e.layer, e.uuid, e.version, str(e.action), e.contributor, e.mapping_session, e.at,
              e.preset, Jsonb(dict(e.tags)),
              shapely.to_wkb(e.geometry, flavor="iso") if e.geometry is not None else None,
              Jsonb(dict(e.attributes)), e.note, numbers[e.edit_id]) for e in entries])


def _pull(connection: psycopg.Connection, schema: str, state: dict, sent: set[Key],
          conflicts: list, mine: dict[Key, Feature], base: dict[Key, tuple[int, bool]]):
    """Others' edits since the last sync: (key -> server feature, key -> rows, new cursor)."""
    skip = sent | {c[0] for c in conflicts}
    bbox = state.get("bbox")
    entries = rows.read_history(connection, schema, after_edit=int(state.get("cursor") or 0))
    by_key: dict[Key, list[HistoryEntry]] = {}
    for entry in entries:
        key = (entry.layer, entry.uuid)
        if key not in skip:
            by_key.setdefault(key, []).append(entry)
    taken: dict[Key, Feature | None] = {}
    for key, found in by_key.items():
        layer = ParticipatoryLayer(key[0])
        theirs = next(iter(rows.read_features(connection, schema, layer,
                                              where={"uuid": key[1]})), None)
        here = mine.get(key)
        if here is not None and theirs is not None and here.version == theirs.version:
            continue
        if bbox and key not in mine and key not in base and (
                theirs is None or not theirs.geometry.intersects(_box(bbox))):
            continue
        taken[key] = theirs
        known = base.get(key, (0, False))[0]
        by_key[key] = [e for e in found if e.version > known]
    return taken, {k: by_key[k] for k in taken}, _cursor(connection, schema)


def _box(bbox):
    import shapely

    return shapely.box(*bbox)
