"""Reading a layer from PostGIS fast, as Arrow columns (the way GDAL's Arrow stream does).

The PostgreSQL driver is not in the GDAL that pyogrio ships, so layers are read with
``COPY (SELECT ...) TO STDOUT`` in CSV and parsed by Arrow's CSV reader in C++, with
each column's type taken from the table's own definition. Geometries travel as
hexadecimal WKB and are turned back into one binary column from the hex column's
buffers (one ``unhexlify`` of the whole buffer, offsets halved): no Python object per
feature. The bounding box goes through the layer's GiST index (``geom && box``).
"""

from __future__ import annotations

import binascii
import io
from collections.abc import Sequence
from typing import Any

import numpy as np
import psycopg
import pyarrow as pa
import pyarrow.csv as pa_csv
from psycopg import sql

from layers.i18n import tr
from mapping.store.base import LayerNotFoundError

_ARROW_TYPES = {
    "smallint": pa.int64(), "integer": pa.int64(), "bigint": pa.int64(),
    "real": pa.float64(), "double precision": pa.float64(), "numeric": pa.float64(),
    "boolean": pa.bool_(), "date": pa.date32(),
}


def table_columns(connection: psycopg.Connection, schema: str,
                  table: str) -> list[tuple[str, str]]:
    """(name, PostgreSQL type) of each column of a table, in table order."""
    found = connection.execute(
        "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
        " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = %s AND c.relname = %s AND a.attnum > 0 AND NOT a.attisdropped"
        " ORDER BY a.attnum", (schema, table)).fetchall()
    if not found:
        raise LayerNotFoundError(tr("This team-server project has no layer called {name}.",
                                    name=table))
    return [(str(name), str(kind)) for name, kind in found]


def _arrow_type(pg_type: str) -> pa.DataType:
    if pg_type.startswith("timestamp"):
        return pa.timestamp("ms", tz="UTC") if "with time zone" in pg_type else pa.timestamp("ms")
    return _ARROW_TYPES.get(pg_type.split("(")[0], pa.string())


def unhex(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    """Hexadecimal text -> binary, nulls kept, without a loop over rows."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks() if column.num_chunks else pa.array([], pa.string())
    if not pa.types.is_string(column.type):
        column = column.cast(pa.string())
    if column.offset:
        column = pa.concat_arrays([pa.array([], pa.string()), column])
    validity, offsets_buffer, data_buffer = column.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype=np.int32, count=len(column) + 1)
    start, end = int(offsets[0]), int(offsets[-1])
    data = binascii.unhexlify(memoryview(data_buffer)[start:end]) if data_buffer else b""
    halved = ((offsets - start) // 2).astype(np.int32)
    return pa.Array.from_buffers(pa.binary(), len(column),
                                 [validity, pa.py_buffer(halved), pa.py_buffer(data)],
                                 null_count=column.null_count)


def read_arrow(connection: psycopg.Connection, schema: str, table: str,
               columns: Sequence[str] | None = None,
               bbox: tuple[float, float, float, float] | None = None,
               where: str | None = None, fids: Sequence[int] | None = None,
               geometry: bool = True) -> tuple[pa.Table, dict[str, Any]]:
    """A layer as an Arrow table: ``fid``, the attributes, ``geom`` (WKB), and its meta.

    ``where`` is an SQL filter on attributes (``"osm_type = 'way'"``), as GDAL takes it.
    """
    defined = table_columns(connection, schema, table)
    types = dict(defined)
    has_geometry = "geom" in types and types["geom"].startswith("geometry")
    attributes = [name for name, _ in defined if name not in ("fid", "geom")]
    if columns is not None:
        wanted = set(columns)
        attributes = [name for name in attributes if name in wanted]
    selected: list[sql.Composable] = [sql.Identifier("fid")]
    for name in attributes:
        kind = types[name]
        if kind in ("json", "jsonb") or kind.startswith(("time ", "interval")):
            selected.append(sql.SQL("{}::text").format(sql.Identifier(name)))
        elif kind.startswith("timestamp"):
            selected.append(sql.SQL("to_char({} AT TIME ZONE 'UTC',"
                                    " 'YYYY-MM-DD\"T\"HH24:MI:SS.MS')").format(
                sql.Identifier(name)))
        else:
            selected.append(sql.Identifier(name))
    read_geometry = geometry and has_geometry
    if read_geometry:
        selected.append(sql.SQL("encode(ST_AsBinary(geom), 'hex')"))
    clauses: list[sql.Composable] = []
    parameters: list[Any] = []
    if bbox is not None and has_geometry:
        clauses.append(sql.SQL("geom && ST_MakeEnvelope(%s, %s, %s, %s, 4326)"))
        parameters += [float(v) for v in bbox]
    if fids is not None:
        clauses.append(sql.SQL("fid = ANY(%s)"))
        parameters.append([int(f) for f in fids])
    if where:
        clauses.append(sql.SQL("({})").format(sql.SQL(where)))  # type: ignore[arg-type]
    query = sql.SQL("SELECT {} FROM {}").format(sql.SQL(", ").join(selected),
                                                sql.Identifier(schema, table))
    if clauses:
        query = sql.SQL("{} WHERE {}").format(query, sql.SQL(" AND ").join(clauses))
    query = sql.SQL("{} ORDER BY fid").format(query)
    buffer = io.BytesIO()
    with psycopg.ClientCursor(connection) as client:
        bound = client.mogrify(query, parameters)
    with connection.cursor() as cursor:
        copy_sql = sql.SQL("COPY ({}) TO STDOUT (FORMAT csv)").format(
            sql.SQL(bound))  # type: ignore[arg-type]
        with cursor.copy(copy_sql) as copy:
            for block in copy:
                buffer.write(block)
    names = ["fid", *attributes] + (["geom"] if read_geometry else [])
    column_types = {"fid": pa.int64(), "geom": pa.string()}
    for name in attributes:
        kind = types[name]
        column_types[name] = pa.string() if kind.startswith("timestamp") else _arrow_type(kind)
    data = buffer.getvalue()
    if data:
        parsed = pa_csv.read_csv(
            io.BytesIO(data),
            read_options=pa_csv.ReadOptions(column_names=names, block_size=1 << 24),
            convert_options=pa_csv.ConvertOptions(
                column_types=column_types, strings_can_be_null=True,
                quoted_strings_can_be_null=False, true_values=["t"], false_values=["f"]))
    else:
        parsed = pa.table({n: pa.array([], column_types[n]) for n in names})
    out = {}
    for name in names:
        column = parsed.column(name)
        if name == "geom":
            out[name] = unhex(column)
        elif types.get(name, "").startswith("timestamp"):
            out[name] = column.cast(pa.timestamp("ms"))
        else:
            out[name] = column
    meta = {"crs": "EPSG:4326" if has_geometry else None, "encoding": "UTF-8",
            "fields": np.array(attributes, dtype=object),
            "geometry_name": "geom" if read_geometry else "", "fid_column": "fid",
            "geometry_type": None}
    return pa.table(out), meta
