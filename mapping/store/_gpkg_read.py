"""Reading a GeoPackage's layers for the map with SQLite alone: no GDAL, no pandas.

The first map of a project needs the list of its layers (count, geometry type, CRS,
extent) and, for each layer drawn, the features' fids, geometries and the few columns
the style uses. Reading those through GDAL costs the start of the window about a second
(``import pyogrio`` loads geopandas and pandas); reading them with the sqlite3 module
the store already writes with costs nothing to import. The answers are GDAL's, to the
value: counts from ``gpkg_ogr_contents`` when GDAL keeps one, extents from
``gpkg_contents`` when they are there (the spatial index's otherwise, as GDAL does),
columns typed as GDAL's Arrow stream hands them to numpy (``tests/test_sqlite_read.py``
compares both on every layer). Anything this reader
would read differently from GDAL (a curve type, a date column, a text in an integer
column, a CRS that is not EPSG's) raises :class:`NotPlain`, and the caller goes through
GDAL instead.

Connections are sqlite3 ones, like every write of the store: closing one never drops
the POSIX locks another connection of this process holds on the file.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mapping.store.schema import WkbBatch

#: GeoPackage geometry type names and the name GDAL (pyogrio) gives each.
GEOMETRY_TYPES = {"GEOMETRY": "Unknown", "POINT": "Point", "LINESTRING": "LineString",
                  "POLYGON": "Polygon", "MULTIPOINT": "MultiPoint",
                  "MULTILINESTRING": "MultiLineString", "MULTIPOLYGON": "MultiPolygon",
                  "GEOMETRYCOLLECTION": "GeometryCollection"}
#: Declared column types -> (kind, numpy type GDAL's Arrow stream gives when no value is
#: missing). GDAL reads INTEGER as Integer64, MEDIUMINT and TINYINT as Integer, SMALLINT
#: as Int16 and FLOAT as Float32.
_TYPES = {"INTEGER": ("integer", "int64"), "INT": ("integer", "int64"),
          "MEDIUMINT": ("integer", "int32"), "TINYINT": ("integer", "int32"),
          "SMALLINT": ("integer", "int16"), "DOUBLE": ("real", "float64"),
          "REAL": ("real", "float64"), "FLOAT": ("real", "float32"), "TEXT": ("text", "object"),
          "BOOLEAN": ("boolean", "bool")}
#: Most features (an upper bound: the span of their fids) read with SQLite once GDAL is
#: loaded, and before (see :func:`quicker_than_gdal`).
GDAL_LOADED_LIMIT = 5_000
GDAL_UNLOADED_LIMIT = 150_000
_BASE_TYPE = re.compile(r"^\s*([A-Za-z]+)")


class NotPlain(Exception):
    """The layer holds something this reader would not read as GDAL does."""


@dataclass(frozen=True)
class PlainLayer:
    """A vector layer as :meth:`mapping.store.ProjectStore.layers` lists it."""

    #: Table name.
    name: str
    #: Number of features.
    count: int
    #: Geometry type as GDAL names it.
    geometry_type: str
    #: CRS as "EPSG:nnnn".
    crs: str
    #: (west, south, east, north), or None.
    extent: tuple[float, float, float, float] | None


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only sqlite3 connection to a project file."""
    return sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _crs(connection: sqlite3.Connection, srs_id: int | None) -> str:
    """The CRS GDAL names for a GeoPackage srs_id: "EPSG:n" for an EPSG code (the
    undefined srs_ids 0 and -1, and other organisations, are left to GDAL)."""
    row = connection.execute("SELECT organization, organization_coordsys_id FROM "
                             "gpkg_spatial_ref_sys WHERE srs_id = ?", (srs_id,)).fetchone()
    if srs_id is None or srs_id <= 0 or row is None or str(row[0]).upper() != "EPSG" \
            or row[1] != srs_id:
        raise NotPlain(f"CRS of srs_id {srs_id}")
    return f"EPSG:{srs_id}"


def _geometry_column(connection: sqlite3.Connection, table: str) -> tuple[str, str, int | None]:
    """(geometry column, GDAL geometry type, srs_id) of a feature table."""
    row = connection.execute(
        "SELECT g.column_name, g.geometry_type_name, g.srs_id, g.z, g.m, c.data_type FROM "
        "gpkg_geometry_columns g JOIN gpkg_contents c ON lower(c.table_name) = "
        "lower(g.table_name) WHERE lower(g.table_name) = lower(?)", (table,)).fetchone()
    if row is None or row[5] != "features" or row[3] or row[4]:
        raise NotPlain(f"{table} is not a plain 2D feature table")
    geometry_type = GEOMETRY_TYPES.get(str(row[1]).upper())
    if geometry_type is None:
        raise NotPlain(f"geometry type {row[1]}")
    return str(row[0]), geometry_type, row[2]


def _table_columns(connection: sqlite3.Connection, table: str) -> list[tuple[str, str, bool]]:
    """(name, declared type, primary key) of each column, in table order."""
    return [(str(r[1]), str(r[2] or ""), bool(r[5]))
            for r in connection.execute(f"PRAGMA table_info({_quote(table)})")]


def _extent(connection: sqlite3.Connection, table: str, geometry: str, stored: Sequence
            ) -> tuple[float, float, float, float] | None:
    """The extent GDAL gives: gpkg_contents' when set, else its spatial index's (the R-tree
    keeps 32-bit bounds rounded outwards, which GDAL gives as they are)."""
    if all(v is not None for v in stored):
        return tuple(float(v) for v in stored)  # type: ignore[return-value]
    indexed = connection.execute(
        "SELECT 1 FROM gpkg_extensions WHERE lower(table_name) = lower(?) AND "
        "lower(column_name) = lower(?) AND extension_name = 'gpkg_rtree_index'",
        (table, geometry)).fetchone()
    rtree = f"rtree_{table}_{geometry}"
    if not indexed or not connection.execute(
            "SELECT 1 FROM sqlite_master WHERE lower(name) = lower(?)", (rtree,)).fetchone():
        raise NotPlain(f"{table} has no extent and no spatial index")
    box = connection.execute(f"SELECT min(minx), min(miny), max(maxx), max(maxy) FROM "
                             f"{_quote(rtree)}").fetchone()
    if box is None or any(v is None for v in box):
        return None
    return tuple(float(v) for v in box)  # type: ignore[return-value]


def list_layers(connection: sqlite3.Connection) -> dict[str, PlainLayer]:
    """Every plain 2D feature table of the file (the rest are not in the answer).

    Raises :class:`NotPlain` if the file has a feature table this reader cannot answer
    for as GDAL would.
    """
    counts: dict[str, int | None] = {}
    if connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'gpkg_ogr_contents'"
                          ).fetchone():
        counts = {str(name).lower(): count for name, count in connection.execute(
            "SELECT table_name, feature_count FROM gpkg_ogr_contents")}
    out = {}
    for table, min_x, min_y, max_x, max_y in connection.execute(
            "SELECT table_name, min_x, min_y, max_x, max_y FROM gpkg_contents "
            "WHERE data_type = 'features'").fetchall():
        geometry, geometry_type, srs_id = _geometry_column(connection, table)
        count = counts.get(str(table).lower())
        if count is None:
            count = connection.execute(f"SELECT count(*) FROM {_quote(table)}").fetchone()[0]
        extent = _extent(connection, table, geometry, (min_x, min_y, max_x, max_y))
        out[str(table)] = PlainLayer(name=str(table), count=int(count),
                                     geometry_type=geometry_type,
                                     crs=_crs(connection, srs_id), extent=extent)
    return out


def list_tables(connection: sqlite3.Connection) -> dict[str, str]:
    """Table name -> geometry type of every table GDAL lists ("" for a plain table)."""
    rows = connection.execute("SELECT table_name, data_type FROM gpkg_contents WHERE data_type "
                              "IN ('features', 'attributes')").fetchall()
    existing = {str(name).lower() for (name,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    if not any(kind == "attributes" for _name, kind in rows):
        raise NotPlain("GDAL would list the tables gpkg_contents does not name")
    if any(str(name).lower() not in existing for name, _kind in rows):
        raise NotPlain("gpkg_contents names a table the file does not have")
    # GDAL lists the feature tables first, then the plain ones.
    listed = {str(name): _geometry_column(connection, name)[1]
              for name, kind in rows if kind == "features"}
    listed.update({str(name): "" for name, kind in rows if kind == "attributes"})
    return listed


def quicker_than_gdal(connection: sqlite3.Connection, table: str) -> bool:
    """Whether reading ``table`` here beats GDAL's Arrow stream.

    Python's sqlite3 makes objects for every row: about 5 µs a feature on the shared
    test machine, against 0.5 µs through GDAL, which costs a few tens of milliseconds to
    open a layer, and 0.7 s of CPU to load (pyogrio with geopandas, pandas and pyarrow)
    the first time. So: small layers here, middle-sized ones too until GDAL is loaded,
    big ones (a city's buildings) through GDAL.
    """
    import sys

    key = connection.execute(f"SELECT max(rowid) - min(rowid) + 1 FROM {_quote(table)}"
                             ).fetchone()[0] or 0
    limit = GDAL_LOADED_LIMIT if "pyogrio" in sys.modules else GDAL_UNLOADED_LIMIT
    return int(key) <= limit


def layer_crs(connection: sqlite3.Connection, table: str) -> str:
    """The CRS of a feature table, as GDAL names it."""
    return _crs(connection, _geometry_column(connection, table)[2])


def layer_fields(connection: sqlite3.Connection, table: str) -> list[str]:
    """The attribute columns of a feature table (not its fid, not its geometry)."""
    geometry = _geometry_column(connection, table)[0]
    return [name for name, _kind, key in _table_columns(connection, table)
            if not key and name.lower() != geometry.lower()]


def _kind(declared: str) -> tuple[str, str]:
    found = _BASE_TYPE.match(declared)
    kind = _TYPES.get(found.group(1).upper() if found else "")
    if kind is None:
        raise NotPlain(f"column type {declared}")
    return kind


def _column_array(values: tuple, kind: tuple[str, str]) -> np.ndarray:
    """A column as GDAL's Arrow stream gives it to numpy (``to_numpy(zero_copy_only=False)``).

    Integers: their type, or float64 with NaN when some are missing. Reals: float64 with
    NaN. Text: objects with None. Booleans: bool, or objects (True, False, None) when
    some are missing. The SQL checked that each value is of its column's type.
    """
    family, dtype = kind
    if family == "text":
        return np.array(values, dtype=object)
    missing = None in values
    if family == "boolean":
        if missing:
            return np.array([None if v is None else bool(v) for v in values], dtype=object)
        return np.array(values, dtype=bool)
    if missing or family == "real":
        return np.array(values, dtype=np.float64)  # None becomes NaN
    found = np.array(values, dtype=np.int64)
    if dtype != "int64" and len(found) and (found != found.astype(dtype)).any():
        raise NotPlain("an integer too big for its column's type")
    return found.astype(dtype)


def _values_sql(geometry: str, kinds: dict[str, tuple[str, str]]) -> str:
    """SQL saying whether every value of a feature is stored as its column's type (1) or
    not (0: GDAL would read it its own way). ``typeof`` does not load a value's bytes."""
    storage = {"integer": "integer", "boolean": "integer", "real": "real", "text": "text"}
    tests = [f"typeof({_quote(geometry)}) IN ('blob', 'null')"]
    tests += [f"typeof({_quote(name)}) IN ('{storage[family]}', 'null')"
              for name, (family, _dtype) in kinds.items()]
    return " AND ".join(tests)


def _strip_headers(blobs: tuple[bytes, ...]) -> tuple[np.ndarray, np.ndarray]:
    """The WKB of GeoPackage geometry blobs back to back, and its offsets (b"": none).

    Each blob is an 8-byte header, an envelope whose size bits 1-3 of the header's flags
    byte say, and ISO WKB (GDAL's Arrow stream hands over that WKB as it is).
    """
    lengths = np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs))
    joined = np.frombuffer(b"".join(blobs), dtype=np.uint8)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    present = np.nonzero(lengths > 0)[0]
    at = starts[present]
    if (lengths[present] < 8).any() or (joined[at] != 0x47).any() or \
            (joined[at + 1] != 0x50).any():
        raise NotPlain("a geometry that is not a GeoPackage blob")
    flags = joined[at + 3]
    if (flags & 0b0011_0000).any():
        raise NotPlain("an extended or empty GeoPackage geometry")
    envelope = (flags >> 1) & 0b111
    if (envelope > 4).any():
        raise NotPlain("an envelope of an unknown kind")
    sizes = 8 + np.array([0, 32, 48, 48, 64], dtype=np.int64)[envelope]
    header = np.zeros(len(blobs), dtype=np.int64)
    header[present] = sizes
    if (header >= lengths)[present].any():
        raise NotPlain("a geometry shorter than its header")
    keep = np.ones(len(joined), dtype=bool)
    for size in (8, 40, 56, 72):
        first = at[sizes == size]
        if len(first):
            keep[(first[:, None] + np.arange(size)).ravel()] = False
    offsets = np.concatenate([[0], np.cumsum(lengths - header)]).astype(np.int64)
    return joined[keep], offsets


@contextlib.contextmanager
def _cursor(connection: sqlite3.Connection, sql: str) -> Iterator[sqlite3.Cursor]:
    cursor = connection.execute(sql)
    try:
        yield cursor
    finally:
        cursor.close()


def read_batches(connection: sqlite3.Connection, table: str, columns: Sequence[str],
                 batch_size: int = 65_536) -> Iterator[WkbBatch]:
    """The features of a table in fid order: fids, WKB and ``columns`` (those it has).

    Raises :class:`NotPlain` (before the first batch for the table's shape, at any batch
    for its values) when GDAL would read it otherwise.
    """
    geometry = _geometry_column(connection, table)[0]
    described = _table_columns(connection, table)
    keys = [(name, kind) for name, kind, key in described if key]
    if len(keys) != 1 or keys[0][1].upper() != "INTEGER":
        raise NotPlain(f"{table} has no INTEGER PRIMARY KEY (its rowid)")
    kinds = {name: _kind(kind) for name, kind, key in described
             if name in columns and not key and name.lower() != geometry.lower()}
    if any(dtype == "float32" for _family, dtype in kinds.values()):
        raise NotPlain("a 32-bit real column")  # GDAL rounds its values
    chosen = [c for c in columns if c in kinds]
    plain = _values_sql(geometry, {c: kinds[c] for c in chosen})
    selected = ", ".join([_quote(keys[0][0]), f"ifnull({_quote(geometry)}, X'')", plain,
                          *(_quote(c) for c in chosen)])
    sql = f"SELECT {selected} FROM {_quote(table)} ORDER BY {_quote(keys[0][0])}"
    return _batches(connection, sql, [kinds[c] for c in chosen], chosen, batch_size)


def _batches(connection: sqlite3.Connection, sql: str, kinds: list[tuple[str, str]],
             chosen: list[str], batch_size: int) -> Iterator[WkbBatch]:
    with _cursor(connection, sql) as cursor:
        while True:
            rows = cursor.fetchmany(batch_size)
            if not rows:
                return
            fids, blobs, plain, *values = zip(*rows, strict=True)
            if 0 in plain:
                raise NotPlain("a feature GDAL reads otherwise")
            wkb, offsets = _strip_headers(blobs)
            yield WkbBatch(fids=np.array(fids, dtype=np.int64), wkb=wkb, offsets=offsets,
                           columns={name: _column_array(column, kind) for name, column, kind
                                    in zip(chosen, values, kinds, strict=True)})
