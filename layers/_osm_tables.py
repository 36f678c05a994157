"""Base layers as Arrow tables holding osmium's WKB, written to a GeoPackage without a detour.

Parsing every geometry into GEOS only for GDAL to serialise it back is most of the
time between the read and the write on a city extract, so the layers stay as WKB
until someone asks for GeoDataFrames (``OsmExtract.layers``).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress
from operator import itemgetter

import geopandas as gpd
import numpy as np
import pyarrow as pa
import shapely

from layers.osm_scan import Rows

#: Columns holding whole numbers; every other attribute is text.
INTEGER_COLUMNS = frozenset({"osm_id", "osm_version"})
_TYPE_DIGIT = itemgetter(3)  # of a hex WKB: "01" (little-endian) then "0N000000"
_AFTER_POINT_HEADER = itemgetter(slice(10, None))
_AFTER_LINE_HEADER = itemgetter(slice(18, None))
_CHUNK = 4096  # hex geometries decoded at a time


def geometry_field(name: str = "geometry") -> pa.Field:
    """An Arrow field for WKB geometries in WGS84, as GeoArrow tags them."""
    return pa.field(name, pa.binary(), metadata={
        "ARROW:extension:name": "geoarrow.wkb",
        "ARROW:extension:metadata": '{"crs": "EPSG:4326"}',
    })


def rows_table(rows: Rows) -> tuple[pa.Table, tuple[float, float, float, float] | None]:
    """One layer's features as a table (WKB from hex), with their extent (None if empty).

    Geometries GEOS cannot read are left out, as ``shapely.from_wkb(on_invalid="ignore")``
    followed by dropping empty ones did.
    """
    hexes = rows.geometry
    records = rows.records
    bounds, readable = _bounds(hexes)
    if readable is not None:
        records = [record for record, keep in zip(records, readable, strict=True) if keep]
        hexes = [record[0] for record in records]
    offsets = np.zeros(len(hexes) + 1, dtype=np.int32)
    np.cumsum(np.fromiter(map(len, hexes), dtype=np.int64, count=len(hexes)) // 2,
              out=offsets[1:])
    data = np.empty(int(offsets[-1]), dtype=np.uint8)
    for start, part in _from_hex(hexes):
        data[offsets[start]:offsets[start] + len(part)] = np.frombuffer(part, dtype=np.uint8)
    geometry = pa.Array.from_buffers(pa.binary(), len(hexes),
                                     [None, pa.py_buffer(offsets), pa.py_buffer(data)])
    columns = list(zip(*records, strict=True))[1:] if records else [()] * len(rows.columns)
    arrays = [pa.array(values, pa.int64() if name in INTEGER_COLUMNS else pa.string())
              for name, values in zip(rows.columns, columns, strict=True)]
    schema = pa.schema([*(pa.field(name, array.type) for name, array
                          in zip(rows.columns, arrays, strict=True)), geometry_field()])
    return pa.Table.from_arrays([*arrays, geometry], schema=schema), bounds


def frame_table(frame: gpd.GeoDataFrame, schema: pa.Schema | None = None) -> pa.Table:
    """A GeoDataFrame as a table with a WKB ``geometry`` column, last.

    ``schema`` (with or without its geometry field) keeps the column types of the table
    the frame came from, when a column may hold nothing but nulls.
    """
    if schema is not None and "geometry" in schema.names:
        schema = schema.remove(schema.get_field_index("geometry"))
    attributes = pa.Table.from_pandas(frame.drop(columns=frame.geometry.name),
                                      schema=schema, preserve_index=False)
    wkb = pa.array(shapely.to_wkb(frame.geometry.values, byte_order=1), pa.binary())
    return attributes.append_column(geometry_field(), wkb)


def table_frame(table: pa.Table) -> gpd.GeoDataFrame:
    """A table from :func:`rows_table` or :func:`frame_table` as a GeoDataFrame in WGS84."""
    geometry = shapely.from_wkb(table.column("geometry").to_numpy(zero_copy_only=False))
    attributes = {name: table.column(name).to_pylist() for name in table.column_names
                  if name != "geometry"}
    return gpd.GeoDataFrame(attributes, geometry=geometry, crs="EPSG:4326")


def _bounds(hexes: list[str]) -> tuple[tuple[float, float, float, float] | None,
                                         np.ndarray | None]:
    """Extent of hex WKB geometries; points and lines straight from their bytes.

    Also says which geometries GEOS can read, when some are neither points nor lines
    (None when all are readable).
    """
    # The type code's last hex digit: 1 point, 2 line (osmium writes little-endian 2D WKB).
    kinds = np.frombuffer("".join(map(_TYPE_DIGIT, hexes)).encode(), dtype=np.uint8)
    points = kinds == ord("1")
    lines = kinds == ord("2")
    # A point is 5 header bytes then x, y; a line 9 header bytes then its vertices.
    xy = [_extreme_coords(list(map(_AFTER_POINT_HEADER, compress(hexes, points)))),
          _extreme_coords(list(map(_AFTER_LINE_HEADER, compress(hexes, lines))))]
    readable = None
    others = ~(points | lines)
    if others.any():
        # From bytes: shapely reads hex WKB several times slower.
        geoms = shapely.from_wkb([bytes.fromhex(h) for h in compress(hexes, others)],
                                 on_invalid="ignore")
        ok = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
        boxes = shapely.bounds(geoms[ok])
        xy += [boxes[:, :2], boxes[:, 2:]]
        if not ok.all():
            readable = np.ones(len(hexes), dtype=bool)
            readable[np.flatnonzero(others)[~ok]] = False
    every = np.concatenate(xy)
    if not len(every):
        return None, readable
    low, high = every.min(axis=0), every.max(axis=0)
    return (float(low[0]), float(low[1]), float(high[0]), float(high[1])), readable


def _from_hex(hexes: list[str], chunk: int = _CHUNK) -> Iterator[tuple[int, bytes]]:
    """(index of the first, bytes) of hex texts taken a few thousand at a time: decoding
    them all at once copied the whole layer's hex text (0.2 GB at 100 copies of a city)."""
    for start in range(0, len(hexes), chunk):
        yield start, bytes.fromhex("".join(hexes[start:start + chunk]))


def _extreme_coords(hex_vertices: list[str]) -> np.ndarray:
    """The lowest and highest x and y among the vertices given as hex (two rows, or none)."""
    extremes = []
    for _start, part in _from_hex(hex_vertices):
        xy = np.frombuffer(part, dtype="<f8").reshape(-1, 2)
        if len(xy):
            extremes += [xy.min(axis=0), xy.max(axis=0)]
    return np.array(extremes, dtype=np.float64).reshape(-1, 2)
