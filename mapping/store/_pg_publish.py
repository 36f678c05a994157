"""Publishing a project file to a team server: everything, in one transaction.

The base, street-graph, hazard, reference and analysis layers go through GDAL's Arrow
stream and ``COPY`` (:mod:`mapping.store._pg_copy`); the participatory features keep
their uuids, versions and fids; the history keeps its rows and edit numbers; mapping
sessions, metadata and the layer registry come too. All of it is one transaction run
as ``quartier_facilitator`` (so only facilitators may publish, and the tables belong
to that role): if anything fails, or the connection drops, the server has nothing of
it. The project file is only read.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
import psycopg
import pyogrio
from psycopg import sql
from psycopg.types.json import Jsonb

from layers.errors import ProjectError
from layers.i18n import tr
from layers.participatory import ParticipatoryLayer
from mapping.store import _gpkg as gpkg
from mapping.store import _pg_features as rows
from mapping.store._pg_connect import (
    ServerAddress,
    ServerPermissionError,
    connect,
    parse_address,
    plain_errors,
    with_project,
)
from mapping.store._pg_copy import copy_layer
from mapping.store._pg_raster import create_raster_table, write_raster_row
from mapping.store._pg_schema import (
    FACILITATOR,
    SERVER_SCHEMA,
    check_server,
    create_project_tables,
    grant_project,
    project_schema,
)
from mapping.store.geopackage import GeoPackageStore
from mapping.store.schema import LAYERS_TABLE, METADATA_TABLE, LayerRecord

Progress = Callable[[float, str], None]


def publish(project_path: str | os.PathLike[str], url: str, name: str | None = None, *,
            replace: bool = False, progress: Progress | None = None) -> str:
    """Upload a whole project file to a team server as project ``name``.

    Parameters
    ----------
    project_path
        The ``.gpkg`` project file (only read).
    url
        ``postgresql://`` address of a database prepared by ``quartier server init``.
    name
        Project name on the server (default: ``?project=`` in the URL, else the file name).
    replace
        Replace a project of that name already on the server (in the same transaction).
    progress
        ``progress(fraction, message)``.

    Returns
    -------
    str
        The project's address on the server, without any password.
    """
    address = parse_address(url)
    path = Path(project_path)
    store = GeoPackageStore(path)
    project = name or address.project or _name_from(path)
    checked = parse_address(with_project(address, project), need_project=True)
    schema = project_schema(checked.project)
    report = progress or (lambda _fraction, _message: None)
    connection = connect(address)
    try:
        with plain_errors(address, tr("publishing {name}", name=checked.project)):
            check_server(connection, address)
            connection.commit()
            with connection.transaction():
                # Reading a big layer from the file may take a while between statements.
                connection.execute("SET LOCAL idle_in_transaction_session_timeout = '30min'")
                _become_facilitator(connection, address)
                _claim_name(connection, checked.project, schema, replace,
                            store.metadata().name)
                create_project_tables(connection, schema)
                create_raster_table(connection, schema)
                _copy_everything(connection, schema, store, path, report)
                grant_project(connection, schema)
    finally:
        connection.close()
        store.close()
    report(1.0, tr("Published"))
    return checked.shown


def _name_from(path: Path) -> str:
    cleaned = "".join(c if c.isalnum() or c in "-_" else "_" for c in path.stem)
    return cleaned.strip("_-")[:40] or "project"


def _become_facilitator(connection: psycopg.Connection, address: ServerAddress) -> None:
    try:
        with connection.transaction():
            connection.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(FACILITATOR)))
    except psycopg.errors.InsufficientPrivilege:
        if address.user:
            raise ServerPermissionError(tr(
                "{who} is not a facilitator on this team server: only a facilitator may "
                "publish projects.", who=address.user)) from None
        raise ServerPermissionError(tr(
            "This user is not a facilitator on this team server: only a facilitator may "
            "publish projects.")) from None
    connection.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(FACILITATOR)))


def _claim_name(connection: psycopg.Connection, project: str, schema: str, replace: bool,
                title: str) -> None:
    projects = sql.Identifier(SERVER_SCHEMA, "projects")
    taken = connection.execute(sql.SQL("SELECT name FROM {} WHERE name = %s OR schema_name = %s"
                                       " FOR UPDATE").format(projects),
                               (project, schema)).fetchone()
    schema_exists = connection.execute(
        "SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone()
    if (taken or schema_exists) and not replace:
        raise ProjectError(tr("A project called {project} is already on this server. Choose "
                              "another name (--name), or replace it (--replace).",
                              project=project))
    if taken or schema_exists:
        connection.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(
            sql.Identifier(schema)))
        connection.execute(sql.SQL("DELETE FROM {} WHERE name = %s OR schema_name = %s").format(
            projects), (project, schema))
    connection.execute(sql.SQL("INSERT INTO {} (name, schema_name, title, published_by)"
                               " VALUES (%s, %s, %s, session_user)").format(projects),
                       (project, schema, title))


def _copy_everything(connection: psycopg.Connection, schema: str, store: GeoPackageStore,
                     path: Path, report: Progress) -> None:
    metadata = store.metadata()
    connection.cursor().executemany(
        sql.SQL("INSERT INTO {} (key, value) VALUES (%s, %s)").format(
            sql.Identifier(schema, METADATA_TABLE)), metadata.to_rows())
    registry = store.registry()
    _write_registry(connection, schema, registry)
    vectors = store.vector_layers()
    participatory = {str(layer) for layer in ParticipatoryLayer}
    for index, record in enumerate(registry):
        report(0.05 + 0.8 * index / max(1, len(registry)),
               tr("Publishing {title}", title=tr(record.title) if record.title else record.name))
        if record.name in participatory:
            _copy_features(connection, schema, store, ParticipatoryLayer(record.name))
        elif record.name in vectors:
            with gpkg.file_access():
                meta, table = pyogrio.read_arrow(path, layer=record.name, return_fids=True)
            copy_layer(connection, schema, record.name, table, meta.get("geometry_name") or None,
                       meta.get("geometry_type"), meta.get("fid_column") or "fid")
        else:
            write_raster_row(connection, schema, record.name, store.read_raster(record.name))
    report(0.9, tr("Publishing the history"))
    for session in store.mapping_sessions():
        rows.open_mapping_session(connection, schema, session.id, session.name,
                                  session.facilitator, session.started_at)
    rows.copy_history(connection, schema, store.read_history())
    tables = connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s",
                                (schema,)).fetchall()
    for (table,) in tables:
        connection.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(schema, table)))


def _write_registry(connection: psycopg.Connection, schema: str,
                    registry: list[LayerRecord]) -> None:
    connection.cursor().executemany(sql.SQL(
        "INSERT INTO {} (name, kind, title, source, added_at, draw_order, visible, opacity, style)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)").format(
        sql.Identifier(schema, LAYERS_TABLE)),
        [(r.name, str(r.kind), r.title, r.source, r.added_at, r.draw_order, r.visible,
          r.opacity, Jsonb(json.loads(json.dumps(r.style, default=str)))) for r in registry])


def _copy_features(connection: psycopg.Connection, schema: str, store: GeoPackageStore,
                   layer: ParticipatoryLayer) -> None:
    features = store.read_features(layer)
    for feature in features:
        rows.insert_feature(connection, schema, feature, keep_fid=True)
    highest = int(np.max([f.fid or 0 for f in features])) if features else 0
    connection.execute(
        "SELECT setval(pg_get_serial_sequence(%s, 'fid'), %s)",
        (f'"{schema}"."{layer}"', max(highest, 1)))
