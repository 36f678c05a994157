"""Raster layers (hazard grids) on a team server: one row each, the cells as an .npy blob.

PostGIS rasters would need the ``postgis_raster`` extension, which a city's database
may not have; Quartier only ever reads a hazard grid whole, so a row with the cells,
their affine transform and CRS is all it needs, and works on any PostGIS.
"""

from __future__ import annotations

import io

import numpy as np
import psycopg
from affine import Affine
from psycopg import sql

from mapping.store.schema import RasterLayer

RASTERS_TABLE = "quartier_rasters"


def create_raster_table(connection: psycopg.Connection, schema: str) -> None:
    """The project's raster table (empty)."""
    connection.execute(sql.SQL(
        "CREATE TABLE {} (name text PRIMARY KEY, cells bytea NOT NULL, transform"
        " double precision[] NOT NULL, crs text NOT NULL, field_name text, unit text,"
        " description text, width integer, height integer,"
        " west double precision, south double precision, east double precision,"
        " north double precision)").format(sql.Identifier(schema, RASTERS_TABLE)))


def write_raster_row(connection: psycopg.Connection, schema: str, name: str,
                     raster: RasterLayer) -> None:
    """Store (or replace) one raster layer's cells."""
    values = np.asarray(raster.values, dtype=np.float32)
    buffer = io.BytesIO()
    np.save(buffer, values, allow_pickle=False)
    transform = Affine(*tuple(raster.transform)[:6])
    height, width = values.shape
    xs = [transform.c, transform.c + transform.a * width]
    ys = [transform.f, transform.f + transform.e * height]
    connection.execute(sql.SQL(
        "INSERT INTO {} (name, cells, transform, crs, field_name, unit, description, width,"
        " height, west, south, east, north) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
        " %s, %s) ON CONFLICT (name) DO UPDATE SET cells = excluded.cells, transform ="
        " excluded.transform, crs = excluded.crs, field_name = excluded.field_name,"
        " unit = excluded.unit, description = excluded.description, width = excluded.width,"
        " height = excluded.height, west = excluded.west, south = excluded.south,"
        " east = excluded.east, north = excluded.north").format(
        sql.Identifier(schema, RASTERS_TABLE)),
        (name, buffer.getvalue(), list(transform)[:6], raster.crs, raster.field_name,
         raster.unit, raster.description, width, height, min(xs), min(ys), max(xs), max(ys)))


def read_raster_row(connection: psycopg.Connection, schema: str, name: str) -> RasterLayer | None:
    """One raster layer, or None if there is none of that name."""
    row = connection.execute(sql.SQL(
        "SELECT cells, transform, crs, field_name, unit, description FROM {} WHERE name = %s"
    ).format(sql.Identifier(schema, RASTERS_TABLE)), (name,)).fetchone()
    if row is None:
        return None
    values = np.load(io.BytesIO(bytes(row[0])), allow_pickle=False)
    return RasterLayer(values=values, transform=Affine(*row[1]), crs=row[2],
                       field_name=row[3] or "", unit=row[4] or "", description=row[5] or "")
