"""Writing an analysis result as a project layer, replacing the previous one, all or nothing.

A result layer (``evacuation_routes``...) is written by GDAL into a temporary
GeoPackage beside the project (:func:`mapping.gpkg_copy.layer_file`), then, in ONE
``BEGIN IMMEDIATE`` transaction on the project, the previous layer of that name is
dropped (its table, R-tree, triggers and metadata rows, its ``quartier_layers`` row)
and the new one copied in with the pieces :func:`mapping.gpkg_copy.copy_layer` uses.
A crash or an error leaves the previous result in place; a reader never sees the
project without one. ``copy_layer`` itself refuses a name that exists (imports must
not overwrite), hence this module.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import geopandas as gpd
import pyogrio

from layers.errors import ProjectError, QuartierError, ValidationError
from mapping import gpkg, gpkg_copy
from mapping.project import LAYERS_TABLE, LayerKind, Project

#: Drawing position of analysis results: above the hazards (50+), below the
#: participatory layers (100).
RESULT_ORDER = 90
#: ``quartier_layers.source`` of a layer an analysis wrote (only those are replaced).
RESULT_SOURCE = "analysis"
#: Metadata tables whose rows name a layer in ``table_name``.
_METADATA_ROWS = ("gpkg_extensions", "gpkg_data_columns", "gpkg_ogr_contents",
                  "gpkg_metadata_reference", "gpkg_geometry_columns", "gpkg_contents")


def save_result_layer(project: Project, name: str, title: str, frame: gpd.GeoDataFrame,
                      style: dict | None = None) -> None:
    """Write ``frame`` (EPSG:4326) as layer ``name`` of the project, replacing any earlier one."""
    try:
        with gpkg_copy.layer_file(project.path) as temporary:
            with gpkg.bulk_writing():
                pyogrio.write_dataframe(
                    frame, temporary, layer=name, driver="GPKG",
                    layer_options={"SPATIAL_INDEX": "YES", "DESCRIPTION": title},
                    dataset_options={"VERSION": gpkg_copy.gpkg_version(project.path)})
            _replace(project.path, temporary, name, title, style or {})
    except QuartierError:
        raise
    except PermissionError as error:
        raise ProjectError(f"Cannot write {project.path}: permission denied.") from error
    except (OSError, sqlite3.Error, pyogrio.errors.DataSourceError) as error:
        raise ProjectError(f"Could not save {name} in {project.path.name}: {error}. "
                           "The project was not changed.") from error


def _replace(project: Path, source: Path, table: str, title: str, style: dict) -> None:
    wait = gpkg.BUSY_TIMEOUT_S
    deadline = time.monotonic() + wait
    connection = gpkg.connect(project)
    try:
        connection.execute("ATTACH DATABASE ? AS incoming", (str(source),))
        while True:
            with gpkg.writing():
                if gpkg_copy._begin(connection, wait):
                    try:
                        connection.execute("PRAGMA defer_foreign_keys = ON")
                        _drop(connection, table)
                        gpkg_copy._copy(connection, table, title, None)
                        connection.execute(
                            f"INSERT INTO {LAYERS_TABLE} (name, kind, title, source, added_at,"
                            " draw_order, visible, opacity, style) VALUES (?, ?, ?, ?,"
                            " strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?, 1, 1.0, ?)",
                            (table, str(LayerKind.REFERENCE), title, RESULT_SOURCE, RESULT_ORDER,
                             json.dumps({"storage": "vector", **style}, ensure_ascii=False)))
                    except BaseException:
                        connection.execute("ROLLBACK")
                        raise
                    connection.execute("COMMIT")
                    return
            if time.monotonic() >= deadline:
                raise ProjectError(f"{project.name} is busy: another program or another task "
                                   "is writing to it. Nothing was changed; try again in a "
                                   "moment.")
            time.sleep(0.05)
    finally:
        connection.close()


def _drop(connection: sqlite3.Connection, table: str) -> None:
    """Remove an earlier result layer ``table``, if there is one (inside the transaction).

    A layer of that name that an analysis did not write (a survey imported under that
    name) is never dropped: the whole save is refused instead.
    """
    row = connection.execute(f"SELECT source FROM {LAYERS_TABLE} WHERE lower(name) = "
                             "lower(?)", (table,)).fetchone()
    made_here = connection.execute("SELECT 1 FROM main.sqlite_master WHERE lower(name) = "
                                   "lower(?)", (table,)).fetchone()
    if (row is not None and row[0] != RESULT_SOURCE) or (row is None and made_here):
        raise ValidationError(f"The project already has a layer named {table} that no "
                              "analysis made; it was left as it is and nothing was saved. "
                              "Rename that layer to keep both.")
    tables = {name.lower(): (kind, name) for kind, name in connection.execute(
        "SELECT type, name FROM main.sqlite_master")}
    for (column,) in connection.execute(
            "SELECT column_name FROM main.gpkg_extensions WHERE table_name = ? AND "
            "extension_name = 'gpkg_rtree_index'", (table,)).fetchall():
        rtree = f"rtree_{table}_{column}"
        if rtree.lower() in tables:
            connection.execute(f'DROP TABLE main."{tables[rtree.lower()][1]}"')
    if table.lower() in tables:
        connection.execute(f'DROP TABLE main."{tables[table.lower()][1]}"')
    for name in _METADATA_ROWS:
        if name in tables:
            connection.execute(f"DELETE FROM main.{name} WHERE lower(table_name) = lower(?)",
                               (table,))
    connection.execute(f"DELETE FROM {LAYERS_TABLE} WHERE name = ?", (table,))
