"""Writing a whole layer into PostGIS fast: Arrow columns streamed through ``COPY``.

A layer comes as an Arrow table (GDAL's Arrow stream from the GeoPackage, or a
GeoDataFrame's ``to_arrow``) with WKB geometries. Arrow's own CSV writer turns it
into PostgreSQL's CSV ``COPY`` format in C++, batch by batch, straight into the
connection: no Python loop over rows. The one thing CSV cannot carry is binary, so the
geometry column is turned into hexadecimal WKB first, which PostGIS reads as a
geometry (a WKB without SRID takes the column's 4326). That hex column is built from
the binary column's own buffers (one ``hexlify`` of the whole data buffer, offsets
doubled), again without a per-row loop; ``ogr2ogr`` does the same per feature in C.
The spatial index is built after the rows are in, once.
"""

from __future__ import annotations

import binascii
import json
from typing import Any

import numpy as np
import psycopg
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
from psycopg import sql

#: GeoPackage geometry types that PostGIS has a typmod for; anything else is ``Geometry``.
GEOMETRY_TYPES = {"Point", "LineString", "Polygon", "MultiPoint", "MultiLineString",
                  "MultiPolygon", "GeometryCollection"}


def pg_type(arrow_type: pa.DataType) -> str:
    """The PostgreSQL column type for an Arrow type (text for anything unusual)."""
    if pa.types.is_boolean(arrow_type):
        return "boolean"
    if pa.types.is_integer(arrow_type):
        return "integer" if arrow_type.bit_width <= 16 else "bigint"
    if pa.types.is_floating(arrow_type):
        return "double precision"
    if pa.types.is_timestamp(arrow_type):
        return "timestamptz" if arrow_type.tz else "timestamp"
    if pa.types.is_date(arrow_type):
        return "date"
    if pa.types.is_time(arrow_type):
        return "time"
    if pa.types.is_binary(arrow_type) or pa.types.is_large_binary(arrow_type):
        return "bytea"
    return "text"


def geometry_column_type(geometry_type: str | None) -> str:
    """``geometry(MultiPolygon, 4326)``, or ``geometry(Geometry, 4326)`` for mixed layers."""
    kind = (geometry_type or "").replace(" Z", "").replace("25D", "")
    return f"geometry({kind if kind in GEOMETRY_TYPES else 'Geometry'}, 4326)"


def hex_wkb(column: pa.Array | pa.ChunkedArray) -> pa.ChunkedArray:
    """WKB binary -> hexadecimal text, nulls kept, without a loop over rows."""
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    out = []
    for chunk in chunks:
        if isinstance(chunk, pa.ExtensionArray):
            chunk = chunk.storage
        large = pa.types.is_large_binary(chunk.type)
        validity, offsets_buffer, data_buffer = chunk.buffers()[:3]
        if chunk.offset or offsets_buffer is None:
            out.append(pa.array([None if v is None else v.hex() for v in chunk.to_pylist()],
                                pa.large_string()))
            continue
        offsets = np.frombuffer(offsets_buffer, dtype=np.int64 if large else np.int32,
                                count=len(chunk) + 1).astype(np.int64)
        start, end = int(offsets[0]), int(offsets[-1])
        data = memoryview(data_buffer)[start:end] if data_buffer is not None else b""
        text = binascii.hexlify(data)
        out.append(pa.Array.from_buffers(
            pa.large_string(), len(chunk),
            [validity, pa.py_buffer((offsets - start) * 2), pa.py_buffer(text)],
            null_count=chunk.null_count))
    return pa.chunked_array(out, pa.large_string())


def _csv_ready(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A column Arrow's CSV writer can write as PostgreSQL reads it."""
    kind = column.type
    if isinstance(kind, pa.ExtensionType):
        column = pa.chunked_array([c.storage for c in column.chunks], kind.storage_type)
        kind = kind.storage_type
    if pa.types.is_binary(kind) or pa.types.is_large_binary(kind):
        hexed = hex_wkb(column)
        prefix = pa.scalar("\\x", pa.large_string())
        return pc.binary_join_element_wise(prefix, hexed, "")
    if (pa.types.is_nested(kind) or pa.types.is_dictionary(kind)
            or pa.types.is_decimal(kind) or pa.types.is_null(kind)):
        values = [None if v is None else (v if isinstance(v, str) else json.dumps(v, default=str))
                  for v in column.to_pylist()]
        return pa.chunked_array([pa.array(values, pa.large_string())])
    return column


class _CopySink:
    """A file-like object Arrow's CSV writer writes into: the COPY stream."""

    def __init__(self, copy: Any) -> None:
        self._copy = copy
        self.closed = False

    def write(self, data: Any) -> int:
        self._copy.write(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True


def copy_layer(connection: psycopg.Connection, schema: str, table: str, data: pa.Table,
               geometry_column: str | None, geometry_type: str | None,
               fid_column: str | None = "fid") -> int:
    """Create ``schema.table`` from ``data`` and fill it through COPY; returns the row count.

    The fid becomes the ``fid`` bigint primary key (numbered from 1 when there is none),
    the geometry the ``geom`` column with a GiST index; other columns keep their names.
    """
    columns: list[tuple[str, str, pa.ChunkedArray]] = []
    if fid_column and fid_column in data.column_names:
        columns.append(("fid", "bigint PRIMARY KEY", data.column(fid_column)))
    else:
        numbers = pa.chunked_array([pa.array(np.arange(1, data.num_rows + 1, dtype=np.int64))])
        columns.append(("fid", "bigint PRIMARY KEY", numbers))
    for name in data.column_names:
        if name in (fid_column, geometry_column) or name in ("fid", "geom"):
            continue
        column = data.column(name)
        kind = column.type.storage_type if isinstance(column.type, pa.ExtensionType) \
            else column.type
        columns.append((name, pg_type(kind), column))
    if geometry_column:
        geometry = hex_wkb(data.column(geometry_column))
        columns.append(("geom", geometry_column_type(geometry_type), geometry))
    target = sql.Identifier(schema, table)
    definitions = sql.SQL(", ").join(
        sql.SQL("{} " + kind).format(sql.Identifier(name)) for name, kind, _ in columns)
    connection.execute(sql.SQL("CREATE TABLE {} ({})").format(target, definitions))
    names = sql.SQL(", ").join(sql.Identifier(name) for name, _, _ in columns)
    ready = pa.table({f"c{i}": (c if name == "geom" else _csv_ready(c))
                      for i, (name, _, c) in enumerate(columns)})
    options = pa_csv.WriteOptions(include_header=False, batch_size=4096)
    with connection.cursor() as cursor, cursor.copy(
            sql.SQL("COPY {} ({}) FROM STDIN (FORMAT csv)").format(target, names)) as copy:
        sink = _CopySink(copy)
        pa_csv.write_csv(ready, sink, options)
    if geometry_column:
        connection.execute(sql.SQL("CREATE INDEX ON {} USING gist (geom)").format(target))
    return data.num_rows
