"""The GeoPackage store's layer rows: the registry, raster files, OSM object lookups.

Private helpers of :class:`mapping.store.geopackage.GeoPackageStore`, kept apart so that
module stays short. Each function works on a connection the caller holds.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from layers.i18n import tr
from mapping.store import _gpkg as gpkg
from mapping.store.base import Progress
from mapping.store.schema import LAYERS_TABLE, LayerRecord, RasterLayer

#: Value written where a raster has no data (unless the data holds it).
RASTER_NODATA = -9999.0
#: The registry columns, in the order :func:`record_from_row` reads them.
REGISTRY_COLUMNS = "name, kind, title, source, added_at, draw_order, visible, opacity, style"


def registry_rows(connection: sqlite3.Connection) -> list[LayerRecord]:
    """Every registry row, in drawing order (bottom first)."""
    found = connection.execute(f"SELECT {REGISTRY_COLUMNS} FROM {LAYERS_TABLE} "
                               "ORDER BY draw_order, name").fetchall()
    return [record_from_row(row) for row in found]


def registry_row(connection: sqlite3.Connection, name: str) -> LayerRecord | None:
    """The registry row of ``name`` (any case), or None."""
    row = connection.execute(f"SELECT {REGISTRY_COLUMNS} FROM {LAYERS_TABLE} "
                             "WHERE lower(name) = lower(?)", (name,)).fetchone()
    return record_from_row(row) if row is not None else None


def register_layer(connection: sqlite3.Connection, record: LayerRecord, order: int) -> None:
    """Write ``record`` as the registry row of its layer (replacing any row of that name)."""
    connection.execute(f"DELETE FROM {LAYERS_TABLE} WHERE lower(name) = lower(?)",
                       (record.name,))
    connection.execute(
        f"INSERT INTO {LAYERS_TABLE} (name, kind, title, source, added_at, draw_order,"
        " visible, opacity, style) VALUES (?, ?, ?, ?,"
        " strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?, ?, ?, ?)",
        (record.name, str(record.kind), record.title, record.source, order,
         1 if record.visible else 0, record.opacity,
         json.dumps(record.style, ensure_ascii=False)))


def next_order(connection: sqlite3.Connection, start: int, span: int) -> int:
    """The drawing position after the last one used in ``start`` .. ``start + span``."""
    (highest,) = connection.execute(
        f"SELECT MAX(draw_order) FROM {LAYERS_TABLE} WHERE draw_order >= ? AND draw_order < ?",
        (start, start + span)).fetchone()
    return start if highest is None else int(highest) + 1


def fid_filter(fids: Sequence[int] | None) -> str | None:
    """An attribute filter picking rows by fid (rather than GDAL's ``fids`` option: a row
    that is gone is then left out, not an error)."""
    if fids is None:
        return None
    return f"fid IN ({', '.join(str(int(f)) for f in fids) or 'NULL'})"


def has_table(connection: sqlite3.Connection, name: str) -> bool:
    """Whether the file has a table ``name``."""
    return connection.execute("SELECT 1 FROM sqlite_master WHERE name = ?",
                              (name,)).fetchone() is not None


def record_from_row(row: Sequence[Any]) -> LayerRecord:
    """A registry row (columns as :data:`REGISTRY_COLUMNS`) as a record; bad style JSON
    reads as no style."""
    name, kind, title, source, added_at, order, visible, opacity, style = row
    try:
        parsed = json.loads(style) if style else {}
    except (TypeError, ValueError):
        parsed = {}
    return LayerRecord(
        name=name, kind=kind or "", title=title or "", source=source or "",
        added_at=added_at or "", draw_order=int(order or 0),
        visible=visible != 0 if visible is not None else True,
        opacity=float(opacity) if opacity is not None else 1.0,
        style=parsed if isinstance(parsed, dict) else {})


def find_osm_object(connection: sqlite3.Connection, tables: Sequence[str], osm_type: str,
                    osm_id: int) -> dict[str, Any] | None:
    """The first row of ``tables`` describing an OpenStreetMap object, or None.

    Parameters
    ----------
    tables
        Base layers to look in, in order.
    osm_type
        ``node``, ``way`` or ``relation``.
    osm_id
        Its id.

    Returns
    -------
    dict or None
        ``osm_version``, ``tags`` (JSON text), ``osm_nodes``, ``osm_node_details``
        (None when the layer has no such column) and ``geometry`` (shapely).
    """
    for table in tables:
        present = {r[1] for r in connection.execute(f'PRAGMA table_info("{table}")')}
        if not {"osm_type", "osm_id", "osm_version", "tags"} <= present:
            continue
        nodes = "osm_nodes" if "osm_nodes" in present else "NULL"
        details = "osm_node_details" if "osm_node_details" in present else "NULL"
        found = connection.execute(
            f'SELECT osm_version, tags, {nodes}, {details}, geom FROM "{table}" '
            "WHERE osm_type = ? AND osm_id = ? LIMIT 1", (osm_type, osm_id)).fetchone()
        if found:
            version, tags, refs, node_details, blob = found
            return {"osm_version": version, "tags": tags, "osm_nodes": refs,
                    "osm_node_details": node_details,
                    "geometry": gpkg.decode_geometry(blob)}
    return None


def write_raster_file(target: Path, record: LayerRecord, raster: RasterLayer, version: str,
                      progress: Progress | None) -> None:
    """Write ``raster`` as the gridded coverage ``record.name`` of the new file ``target``
    (Float32 cells in lossless TIFF tiles, its nodata value recorded)."""
    import rasterio
    from rasterio.windows import Window

    from layers.layer_import import CHUNK_ROWS

    values = raster.values
    nodata = RASTER_NODATA
    if np.any(values == nodata):
        nodata = float(np.finfo("float32").min)
    height, width = values.shape
    # A new file of its own: the identifier cannot clash with another layer's here; the
    # copy into the project makes it unique there (_gpkg_copy).
    with rasterio.Env(**gpkg.BULK_SQLITE), rasterio.open(
        target, "w", driver="GPKG", width=width, height=height, count=1, dtype="float32",
        crs=raster.crs, transform=raster.transform, nodata=nodata,
        RASTER_TABLE=record.name, TILE_FORMAT="TIFF", VERSION=version,
        RASTER_IDENTIFIER=record.title, RASTER_DESCRIPTION=raster.description,
        FIELD_NAME=raster.field_name, UOM=raster.unit,
        GRID_CELL_ENCODING="grid-value-is-area",
    ) as dataset:
        for start in range(0, height, CHUNK_ROWS):
            stop = min(height, start + CHUNK_ROWS)
            if progress is not None:
                progress(0.1 + 0.7 * start / height,
                         tr("Writing cells: row {row} of {rows}", row=start, rows=height))
            block = values[start:stop]
            dataset.write(np.where(np.isfinite(block), block, nodata).astype("float32"), 1,
                          window=Window(0, start, width, stop - start))
    # GDAL does not record the nodata value of a gridded coverage written this way.
    connection = gpkg.connect(target)
    try:
        with gpkg.transaction(connection):
            connection.execute("UPDATE gpkg_2d_gridded_coverage_ancillary SET data_null = ?"
                               " WHERE tile_matrix_set_name = ?", (nodata, record.name))
    finally:
        connection.close()
