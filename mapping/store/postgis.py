"""A project on a PostGIS team server: the second home of a project (see :mod:`mapping.store`).

``open_postgis_store("postgresql://amina@db/mapping?project=kibera")`` maps straight
against the server: layers are read as Arrow columns through ``COPY``
(:mod:`mapping.store._pg_read`, the bounding box through the GiST index), in the same
shape as GDAL reads them from the project file; participatory features and edits go
through psycopg, each edit
ONE transaction with its history rows and a version check per feature (optimistic
locking: the second of two people saving the same feature gets
:class:`~mapping.store.base.ConflictError` with both versions; edits to different
features never wait for each other beyond a moment).

After every edit the server sends a notification on ``quartier_edits``;
:meth:`PostGISStore.wait_for_edits` waits for one and :meth:`PostGISStore.changes_since`
returns every edit committed after a given edit number, so a window shows others'
edits. The roles and row rules live in the database (:mod:`mapping.store._pg_schema`).

Also here: :func:`init_server` and :func:`publish`, which the ``quartier server``
commands call.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import psycopg
import pyarrow as pa
import shapely
from psycopg import sql
from psycopg.types.json import Jsonb

from layers.errors import ProjectError
from layers.i18n import tr
from layers.participatory import ParticipatoryLayer
from mapping.edit_history import Feature, HistoryEntry, MappingSession
from mapping.store import _pg_features as rows
from mapping.store._pg_connect import (
    ServerConnectionError,
    ServerError,
    ServerPasswordError,
    ServerPermissionError,
    ServerSchemaError,
    VerifiedFeatureError,
    connect,
    parse_address,
    plain_errors,
)
from mapping.store._pg_copy import copy_layer, geometry_column_type
from mapping.store._pg_publish import publish
from mapping.store._pg_raster import RASTERS_TABLE, read_raster_row, write_raster_row
from mapping.store._pg_read import read_arrow, table_columns
from mapping.store._pg_roles import add_member as _add_member
from mapping.store._pg_schema import (
    COUNTER_TABLE,
    EDITS_CHANNEL,
    SERVER_SCHEMA,
    check_server,
    project_schema,
)
from mapping.store._pg_schema import init_server as _init_server
from mapping.store.base import BBox, EditStep, LayerNotFoundError, Progress, ProjectStore
from mapping.store.schema import (
    LAYERS_TABLE,
    METADATA_TABLE,
    LayerInfo,
    LayerRecord,
    LayerSchema,
    ProjectMetadata,
    RasterLayer,
)

__all__ = ["PostGISStore", "ServerConnectionError", "ServerError", "ServerPasswordError",
           "ServerPermissionError", "ServerSchemaError", "VerifiedFeatureError", "add_member",
           "checkout", "init_server", "list_projects",
           "open_postgis_store", "publish", "sync"]

#: Tables of a project that are not layers.
_INTERNAL_TABLES = {COUNTER_TABLE, RASTERS_TABLE}
#: PostGIS geometry type names as GDAL names them.
_GDAL_TYPES = {"POINT": "Point", "LINESTRING": "LineString", "POLYGON": "Polygon",
               "MULTIPOINT": "MultiPoint", "MULTILINESTRING": "MultiLineString",
               "MULTIPOLYGON": "MultiPolygon", "GEOMETRYCOLLECTION": "GeometryCollection",
               "GEOMETRY": "Unknown"}
#: An edit that met another in a deadlock is tried again this many times.
_EDIT_ATTEMPTS = 5


def checkout(url: str, path: str | os.PathLike[str], bbox: BBox | None = None, *,
             force: bool = False) -> Path:
    """Take a project file from a team server for the field (see :mod:`._pg_sync`)."""
    from mapping.store._pg_sync import checkout as _checkout

    return _checkout(url, path, bbox, force=force)


def sync(path: str | os.PathLike[str], url: str | None = None, *,
         keep: str | None = None) -> Any:
    """Send a checked-out file's edits and bring back others' (see :mod:`._pg_sync`)."""
    from mapping.store._pg_sync import sync as _sync

    return _sync(path, url, keep=keep)


def init_server(url: str) -> str:
    """Prepare a PostGIS database as a Quartier team server; returns what was done."""
    return _init_server(parse_address(url))


def list_projects(url: str) -> list[tuple[str, str, str, str]]:
    """(name, title, published at, published by) of every project on a team server."""
    address = parse_address(url)
    connection = connect(address, autocommit=True)
    try:
        with plain_errors(address, tr("listing the projects")):
            check_server(connection, address)
            found = connection.execute(sql.SQL(
                "SELECT name, coalesce(title, ''), to_char(published_at AT TIME ZONE 'UTC',"
                " 'YYYY-MM-DD HH24:MI \"UTC\"'), published_by FROM {} ORDER BY name").format(
                sql.Identifier(SERVER_SCHEMA, "projects"))).fetchall()
    finally:
        connection.close()
    return [tuple(str(v) for v in row) for row in found]  # type: ignore[misc]


def add_member(url: str, user: str, role: str, password: str) -> str:
    """Give ``user`` a login with a Quartier role (see :mod:`mapping.store._pg_roles`)."""
    return _add_member(parse_address(url), user, role, password)


def open_postgis_store(url: str, *, timeout: float | None = None) -> PostGISStore:
    """Open a project on a team server (``postgresql://...?project=NAME``)."""
    return PostGISStore(url, timeout=timeout)


class PostGISStore(ProjectStore):
    """A project in a schema of a PostGIS database (see the module's documentation).

    Parameters
    ----------
    url
        ``postgresql://user[:password]@host[:port]/database?project=NAME``.
    timeout
        How long an edit waits for a row another editor holds, in seconds.
    """

    def __init__(self, url: str, *, timeout: float | None = None) -> None:
        self.address = parse_address(url, need_project=True)
        self.schema = project_schema(self.address.project)
        self._timeout = timeout
        self._connection: psycopg.Connection | None = None
        self._listener: psycopg.Connection | None = None
        with self._errors(tr("opening the project")):
            connection = self._conn()
            check_server(connection, self.address)
            found = connection.execute(sql.SQL("SELECT 1 FROM {} WHERE name = %s").format(
                sql.Identifier(SERVER_SCHEMA, "projects")), (self.address.project,)).fetchone()
            if not found:
                names = [n for (n,) in connection.execute(sql.SQL(
                    "SELECT name FROM {} ORDER BY name").format(
                    sql.Identifier(SERVER_SCHEMA, "projects"))).fetchall()]
                if names:
                    raise ProjectError(tr(
                        "The team server at {where} has no project called {project} (projects "
                        "there: {names}).", where=f"{self.address.host}:{self.address.port}",
                        project=self.address.project, names=", ".join(names)))
                raise ProjectError(tr(
                    "The team server at {where} has no project called {project} (it has no "
                    "projects yet).", where=f"{self.address.host}:{self.address.port}",
                    project=self.address.project))

    # Connections -----------------------------------------------------------------------

    @property
    def location(self) -> str:
        """The project's URL without its password."""
        return self.address.shown

    def _conn(self) -> psycopg.Connection:
        """The store's connection (autocommit; writes open explicit transactions)."""
        if self._connection is None or self._connection.closed or self._connection.broken:
            if self._connection is not None:
                self._connection.close()
            self._connection = connect(self.address, autocommit=True,
                                       lock_timeout=self._timeout)
        return self._connection

    @contextlib.contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        try:
            with plain_errors(self.address, doing):
                yield
        except ServerConnectionError:
            self._drop()
            raise

    def _drop(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):
                self._connection.close()
            self._connection = None

    def close(self) -> None:
        """Close the connections (every edit is already committed)."""
        self._drop()
        if self._listener is not None:
            with contextlib.suppress(Exception):
                self._listener.close()
            self._listener = None

    # Project ---------------------------------------------------------------------------

    def metadata(self) -> ProjectMetadata:
        """Name, area of interest... from the project's ``quartier_metadata``."""
        with self._errors(tr("reading the project")):
            found = self._conn().execute(sql.SQL("SELECT key, value FROM {}").format(
                sql.Identifier(self.schema, METADATA_TABLE))).fetchall()
        return ProjectMetadata.from_rows(found)

    def registry(self) -> list[LayerRecord]:
        """The ``quartier_layers`` rows in drawing order (bottom first)."""
        with self._errors(tr("reading the project")):
            found = self._conn().execute(sql.SQL(
                "SELECT name, kind, title, source, added_at, draw_order, visible, opacity, style"
                " FROM {} ORDER BY draw_order, name").format(
                sql.Identifier(self.schema, LAYERS_TABLE))).fetchall()
        return [LayerRecord(name=r[0], kind=r[1] or "", title=r[2] or "", source=r[3] or "",
                            added_at=r[4] or "", draw_order=int(r[5] or 0),
                            visible=bool(r[6]) if r[6] is not None else True,
                            opacity=float(r[7]) if r[7] is not None else 1.0,
                            style=r[8] if isinstance(r[8], dict) else {}) for r in found]

    def _geometry_tables(self) -> dict[str, str]:
        found = self._conn().execute(
            "SELECT f_table_name, type FROM geometry_columns WHERE f_table_schema = %s",
            (self.schema,)).fetchall()
        return {name: _GDAL_TYPES.get(kind.upper(), "Unknown") for name, kind in found}

    def _tables(self) -> set[str]:
        found = self._conn().execute("SELECT tablename FROM pg_tables WHERE schemaname = %s",
                                     (self.schema,)).fetchall()
        return {name for (name,) in found}

    def layers(self) -> list[LayerInfo]:
        """Every registered layer with its count, geometry type, CRS and extent."""
        out = []
        with self._errors(tr("reading the project")):
            geometry = self._geometry_tables()
            connection = self._conn()
            for record in self.registry():
                if record.name in geometry:
                    count, west, south, east, north = _one(connection.execute(sql.SQL(
                        "SELECT n, ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM"
                        " (SELECT count(*) AS n, ST_Extent(geom) AS e FROM {}) AS x").format(
                        sql.Identifier(self.schema, record.name))))
                    extent = None if west is None else (west, south, east, north)
                    out.append(LayerInfo(record.name, record.kind, record.title, int(count),
                                         geometry[record.name], "EPSG:4326", extent))
                    continue
                raster = connection.execute(sql.SQL(
                    "SELECT width * height, crs, west, south, east, north FROM {} WHERE name = %s"
                ).format(sql.Identifier(self.schema, RASTERS_TABLE)),
                    (record.name,)).fetchone()
                if raster is not None:
                    out.append(LayerInfo(record.name, record.kind, record.title, int(raster[0]),
                                         "Raster", raster[1], tuple(raster[2:6])))
        return out

    def vector_layers(self) -> dict[str, str]:
        """Table name -> geometry type as GDAL names it ("" for a plain table); no rasters."""
        with self._errors(tr("reading the project")):
            geometry = self._geometry_tables()
            return {t: geometry.get(t, "") for t in self._tables() - _INTERNAL_TABLES}

    def name_taken(self, name: str) -> bool:
        """Whether a table or registered layer is called ``name`` (any case)."""
        with self._errors(tr("reading the project")):
            names = {t.lower() for t in self._tables()}
            names |= {r.name.lower() for r in self.registry()}
            rasters = self._conn().execute(sql.SQL("SELECT lower(name) FROM {}").format(
                sql.Identifier(self.schema, RASTERS_TABLE))).fetchall()
        return name.lower() in names | {n for (n,) in rasters}

    def layer_schema(self, name: str) -> LayerSchema:
        """Fields, types, geometry type, CRS and count of a layer, as GDAL would report them."""
        with self._errors(tr("reading {name}", name=name)):
            connection = self._conn()
            defined = table_columns(connection, self.schema, name)
            geometry = self._geometry_tables().get(name)
            count = _one(connection.execute(sql.SQL("SELECT count(*) FROM {}").format(
                sql.Identifier(self.schema, name))))[0]
        fields = [(n, k) for n, k in defined if n not in ("fid", "geom")]
        return LayerSchema(fields=[n for n, _ in fields], dtypes=[_dtype(k) for _, k in fields],
                           geometry_type=geometry, crs="EPSG:4326" if geometry else "",
                           count=int(count))

    # Reading layers --------------------------------------------------------------------

    def read_layer(self, name: str, bbox: BBox | None = None, columns: list[str] | None = None,
                   *, arrow: bool = False, where: str | None = None,
                   fids: Sequence[int] | None = None) -> gpd.GeoDataFrame:
        """One layer as a GeoDataFrame indexed by fid (the box through the GiST index)."""
        with self._errors(tr("reading {name}", name=name)):
            table, _meta = read_arrow(self._conn(), self.schema, name, columns, bbox, where,
                                      fids)
        return _frame(table)

    def read_table(self, name: str, columns: list[str] | None = None,
                   fids: Sequence[int] | None = None) -> pd.DataFrame:
        """A layer's attributes only, indexed by fid."""
        with self._errors(tr("reading {name}", name=name)):
            table, _meta = read_arrow(self._conn(), self.schema, name, columns, fids=fids,
                                      geometry=False)
        return table.to_pandas().set_index("fid")

    @contextlib.contextmanager
    def open_arrow(self, name: str, columns: list[str] | None = None, bbox: BBox | None = None,
                   batch_size: int = 65_536) -> Iterator[tuple[dict[str, Any], Any]]:
        """A layer's Arrow record batches, with fids and WKB geometry (as GDAL's stream)."""
        with self._errors(tr("reading {name}", name=name)):
            table, meta = read_arrow(self._conn(), self.schema, name, columns, bbox)
            meta["geometry_type"] = self._geometry_tables().get(name)
        yield meta, pa.RecordBatchReader.from_batches(
            table.schema, table.to_batches(max_chunksize=batch_size))

    def read_raster(self, name: str) -> RasterLayer:
        """A raster layer's cells (NaN where no data), transform and CRS."""
        with self._errors(tr("reading {name}", name=name)):
            raster = read_raster_row(self._conn(), self.schema, name)
        if raster is None:
            raise LayerNotFoundError(tr("The team-server project {project} has no raster layer "
                                        "called {name}.", project=self.address.project,
                                        name=name))
        return raster

    # Writing layers --------------------------------------------------------------------

    def write_layer(self, record: LayerRecord, frame: gpd.GeoDataFrame, *,
                    replace: bool = False, promote_to_multi: bool | None = None,
                    check: Callable[[LayerRecord | None, bool], None] | None = None,
                    order_band: tuple[int, int] | None = None,
                    progress: Progress | None = None) -> None:
        """Add (or replace) a vector layer and its registry row in one transaction."""
        if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
            frame = frame.to_crs("EPSG:4326")
        kinds = set(frame.geometry.dropna().geom_type)
        if promote_to_multi and kinds and all(k.startswith("Multi") or f"Multi{k}" in kinds
                                              for k in kinds):
            kinds = {k if k.startswith("Multi") else f"Multi{k}" for k in kinds}
        geometry_type = next(iter(kinds)) if len(kinds) == 1 else None
        table = pa.table(frame.to_arrow(index=False, geometry_encoding="WKB"))
        geometry_name = frame.geometry.name

        def write(connection: psycopg.Connection) -> None:
            copy_layer(connection, self.schema, record.name, table, geometry_name,
                       geometry_type, fid_column=None)
            if promote_to_multi and geometry_type and geometry_type.startswith("Multi"):
                connection.execute(sql.SQL(
                    "ALTER TABLE {} ALTER COLUMN geom TYPE " + geometry_column_type(
                        geometry_type) + " USING ST_Multi(geom)").format(
                    sql.Identifier(self.schema, record.name)))

        self._add(record, write, replace=replace, check=check, order_band=order_band,
                  progress=progress)

    def write_raster(self, record: LayerRecord, raster: RasterLayer, *,
                     order_band: tuple[int, int] | None = None,
                     progress: Progress | None = None) -> None:
        """Add a raster layer and its registry row in one transaction."""
        self._add(record, lambda connection: write_raster_row(
            connection, self.schema, record.name, raster), order_band=order_band,
            progress=progress)

    def _add(self, record: LayerRecord, write: Callable[[psycopg.Connection], None], *,
             replace: bool = False,
             check: Callable[[LayerRecord | None, bool], None] | None = None,
             order_band: tuple[int, int] | None = None,
             progress: Progress | None = None) -> None:
        if progress is not None:
            progress(0.0, tr("Adding {title} to the project",
                             title=tr(record.title) if record.title else record.name))
        with self._errors(tr("adding {name}", name=record.name)):
            connection = self._conn()
            with connection.transaction():
                layers = sql.Identifier(self.schema, LAYERS_TABLE)
                connection.execute(sql.SQL("LOCK TABLE {} IN SHARE ROW EXCLUSIVE MODE").format(
                    layers))
                existing = next((r for r in self.registry()
                                 if r.name.lower() == record.name.lower()), None)
                tables = {t.lower(): t for t in self._tables() - _INTERNAL_TABLES}
                if check is not None:
                    check(existing, record.name.lower() in tables)
                taken = existing is not None or record.name.lower() in tables
                if taken and not replace:
                    raise ProjectError(tr("The project already has a layer called {name}; "
                                          "choose another name.", name=record.name))
                if record.name.lower() in tables:
                    connection.execute(sql.SQL("DROP TABLE {}").format(
                        sql.Identifier(self.schema, tables[record.name.lower()])))
                connection.execute(sql.SQL("DELETE FROM {} WHERE lower(name) = lower(%s)").format(
                    sql.Identifier(self.schema, RASTERS_TABLE)), (record.name,))
                order = record.draw_order if order_band is None \
                    else self.next_draw_order(*order_band)
                if progress is not None:
                    progress(0.3, tr("Sending the layer to the server"))
                write(connection)
                connection.execute(sql.SQL("DELETE FROM {} WHERE lower(name) = lower(%s)").format(
                    layers), (record.name,))
                connection.execute(sql.SQL(
                    "INSERT INTO {} (name, kind, title, source, added_at, draw_order, visible,"
                    " opacity, style) VALUES (%s, %s, %s, %s,"
                    " to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
                    " %s, %s, %s, %s)").format(layers),
                    (record.name, str(record.kind), record.title, record.source,
                     order, record.visible, record.opacity,
                     Jsonb(json.loads(json.dumps(dict(record.style), default=str)))))
                self._grant_new_table(connection, record.name)
        if progress is not None:
            progress(1.0, tr("Added"))

    def _grant_new_table(self, connection: psycopg.Connection, name: str) -> None:
        from mapping.store._pg_schema import FACILITATOR, MAPPER, VIEWER

        if name not in self._tables():
            return
        connection.execute(sql.SQL("GRANT SELECT ON {t} TO {v}, {m}; GRANT ALL ON {t} TO {f}"
                                   ).format(t=sql.Identifier(self.schema, name),
                                            v=sql.Identifier(VIEWER), m=sql.Identifier(MAPPER),
                                            f=sql.Identifier(FACILITATOR)))

    def next_draw_order(self, start: int, span: int) -> int:
        """The drawing position after the last one used in ``start`` .. ``start + span``."""
        with self._errors(tr("reading the project")):
            (highest,) = _one(self._conn().execute(sql.SQL(
                "SELECT MAX(draw_order) FROM {} WHERE draw_order >= %s AND draw_order < %s"
            ).format(sql.Identifier(self.schema, LAYERS_TABLE)), (start, start + span)))
        return start if highest is None else int(highest) + 1

    def restyle_layer(self, name: str, style: Mapping[str, Any], column: str | None = None,
                      values: Mapping[int, Any] | None = None) -> None:
        """Store a new style and new values of one column, in one transaction."""
        with self._errors(tr("saving the new classes of {name}", name=name)):
            connection = self._conn()
            with connection.transaction(), connection.cursor() as cursor:
                if column is not None and values:
                    cursor.executemany(sql.SQL("UPDATE {} SET {} = %s WHERE fid = %s").format(
                        sql.Identifier(self.schema, name), sql.Identifier(column)),
                        [(value, int(fid)) for fid, value in values.items()])
                cursor.execute(sql.SQL("UPDATE {} SET style = %s WHERE name = %s").format(
                    sql.Identifier(self.schema, LAYERS_TABLE)),
                    (Jsonb(json.loads(json.dumps(dict(style), default=str))), name))

    def remove_layer(self, name: str, only_source: str | None = None) -> bool:
        """Drop a layer's table (or raster row) and its registry row, in one transaction."""
        with self._errors(tr("removing {name}", name=name)):
            connection = self._conn()
            with connection.transaction():
                layers = sql.Identifier(self.schema, LAYERS_TABLE)
                row = connection.execute(sql.SQL(
                    "SELECT name, source FROM {} WHERE lower(name) = lower(%s) FOR UPDATE"
                ).format(layers), (name,)).fetchone()
                if row is None or (only_source is not None and row[1] != only_source):
                    return False
                tables = {t.lower(): t for t in self._tables() - _INTERNAL_TABLES}
                if name.lower() in tables:
                    connection.execute(sql.SQL("DROP TABLE {}").format(
                        sql.Identifier(self.schema, tables[name.lower()])))
                connection.execute(sql.SQL("DELETE FROM {} WHERE lower(name) = lower(%s)").format(
                    sql.Identifier(self.schema, RASTERS_TABLE)), (name,))
                connection.execute(sql.SQL("DELETE FROM {} WHERE lower(name) = lower(%s)").format(
                    layers), (name,))
        return True

    # Participatory features ------------------------------------------------------------

    def read_features(self, layer: ParticipatoryLayer | str, bbox: BBox | None = None,
                      where: Mapping[str, Any] | None = None) -> list[Feature]:
        """Features of a participatory layer, by fid (the box through the GiST index)."""
        with self._errors(tr("reading features")):
            return rows.read_features(self._conn(), self.schema, ParticipatoryLayer(layer),
                                      bbox, where)

    def apply_edit(self, steps: Sequence[EditStep], contributor: str,
                   mapping_session: str | None) -> list[Feature | None]:
        """Write one edit in ONE transaction; a feature changed meanwhile refuses it all."""
        self.last_edit_id: int | None = None
        for attempt in range(_EDIT_ATTEMPTS):
            try:
                with self._errors(tr("saving the edit")):
                    connection = self._conn()
                    with connection.transaction():
                        edit_id, written = rows.apply_edit(connection, self.schema, steps,
                                                           contributor, mapping_session)
                self.last_edit_id = edit_id
                return written
            except ServerError as error:
                cause = error.__cause__
                retry = isinstance(cause, (psycopg.errors.DeadlockDetected,
                                           psycopg.errors.SerializationFailure))
                if retry and attempt < _EDIT_ATTEMPTS - 1:
                    continue
                if isinstance(error, ServerPermissionError) \
                        and not isinstance(error, VerifiedFeatureError):
                    raise ServerPermissionError(_role_words(error)) from error
                raise
        raise AssertionError("unreachable")

    def read_history(self, layer: str | None = None,
                     uuid: str | None = None) -> list[HistoryEntry]:
        """History rows, oldest first (of one feature when ``layer`` and ``uuid`` are given)."""
        with self._errors(tr("reading the history")):
            return rows.read_history(self._conn(), self.schema, layer, uuid)

    def open_mapping_session(self, session_id: str, name: str,
                             facilitator: str | None = None) -> None:
        """Record a mapping session (kept if it exists)."""
        with self._errors(tr("recording the mapping session")):
            rows.open_mapping_session(self._conn(), self.schema, session_id, name, facilitator)

    def mapping_sessions(self) -> list[MappingSession]:
        """Every mapping session recorded in the project, oldest first."""
        with self._errors(tr("reading the mapping sessions")):
            return rows.mapping_sessions(self._conn(), self.schema)

    # Others' edits ---------------------------------------------------------------------

    def last_edit(self) -> int:
        """The number of the last edit committed to the project (a cursor for changes_since)."""
        with self._errors(tr("reading the project")):
            (last,) = _one(self._conn().execute(sql.SQL("SELECT last_edit_id FROM {}").format(
                sql.Identifier(self.schema, COUNTER_TABLE))))
        return int(last)

    def changes_since(self, cursor: int) -> tuple[int, list[HistoryEntry]]:
        """History rows of every edit committed after edit number ``cursor``.

        Returns
        -------
        tuple
            The new cursor (the last edit number seen) and the rows, oldest first.
        """
        with self._errors(tr("reading others' edits")):
            entries = rows.read_history(self._conn(), self.schema, after_edit=cursor)
        return (max((e.edit_id for e in entries), default=cursor), entries)

    def wait_for_edits(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for an edit to this project (anyone's); True if one."""
        with self._errors(tr("listening for edits")):
            if self._listener is None or self._listener.closed:
                self._listener = connect(self.address, autocommit=True)
                self._listener.execute(sql.SQL("LISTEN {}").format(
                    sql.Identifier(EDITS_CHANNEL)))
            for notice in self._listener.notifies(timeout=timeout):
                with contextlib.suppress(ValueError, TypeError):
                    if json.loads(notice.payload).get("project") == self.schema:
                        return True
        return False


def _frame(table: pa.Table) -> gpd.GeoDataFrame:
    """A GeoDataFrame indexed by fid from ``read_arrow``'s table."""
    geometry = None
    if "geom" in table.column_names:
        geometry = shapely.from_wkb(table.column("geom").to_numpy(zero_copy_only=False))
        table = table.drop_columns(["geom"])
    frame = table.to_pandas().set_index("fid")
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def _dtype(pg_type: str) -> str:
    if pg_type in ("bigint", "integer", "smallint"):
        return "int64"
    if pg_type in ("double precision", "real", "numeric"):
        return "float64"
    if pg_type == "boolean":
        return "bool"
    if pg_type.startswith("timestamp"):
        return "datetime64[ms]"
    return "object"


def _one(cursor: psycopg.Cursor) -> tuple[Any, ...]:
    """The one row a query that always returns one row returned."""
    row = cursor.fetchone()
    if row is None:
        raise ProjectError(tr("The team server gave no answer to a query; try again."))
    return tuple(row)


def _role_words(error: ServerPermissionError) -> str:
    """What a role refused, in plain words (the server's own text says which rule)."""
    said = f"{error} {error.__context__ or ''}"
    if "row-level security" in said:
        return tr("Your role on the team server (mapper) lets you add and edit draft features "
                  "only: marking one verified, or changing a verified one, is for a facilitator. "
                  "Your edit was not saved.")
    return tr("Your role on the team server lets you read this project, not change it (ask a "
              "facilitator to make you a mapper). Your edit was not saved.")

