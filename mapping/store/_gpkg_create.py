"""Writing a new GeoPackage project file, all at once or not at all.

GDAL writes the base layers into a temporary file beside the target (no journal, no
syncs: the file is deleted on failure); the project tables are added in one SQLite
transaction; the file is synced and put in place only when complete
(:func:`mapping.store._gpkg.replacing`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import shapely

from layers import participatory
from layers.errors import ProjectError
from layers.i18n import tr
from mapping.store import _gpkg as gpkg
from mapping.store.schema import (
    BASE_GEOMETRY_TYPES,
    LAYER_TITLES,
    LAYERS_TABLE,
    METADATA_TABLE,
    LayerKind,
    ProjectMetadata,
)

if TYPE_CHECKING:
    import geopandas as gpd
    import pyarrow as pa


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def create_geopackage(target: Path, layers: Mapping[str, gpd.GeoDataFrame | pa.Table],
                      metadata: ProjectMetadata, kinds: Mapping[str, LayerKind] | None) -> None:
    """Write the project file ``target`` with ``layers`` and the project tables.

    Parameters
    ----------
    target
        Where the ``.gpkg`` goes (replaced if it exists; checked by the caller).
    layers
        Base (and reference) layers, as :func:`mapping.project.create_project` takes them.
    metadata
        The project's metadata, complete.
    kinds
        Kind of each layer (default: street graph for ``street_*``, base otherwise).
    """
    kinds = dict(kinds or {})
    gpkg.remove_stale_partials(target.parent)

    try:
        with gpkg.replacing(target) as temporary, gpkg.bulk_writing():
            for name, frame in layers.items():
                _write_layer(temporary, str(name), frame, BASE_GEOMETRY_TYPES.get(name, "Unknown"))
            connection = gpkg.connect(temporary)
            try:
                with gpkg.transaction(connection):
                    _create_project_tables(connection, metadata)
                    for order, name in enumerate(layers):
                        kind = kinds.get(name) or (
                            LayerKind.STREET_GRAPH if name.startswith("street_") else LayerKind.BASE
                        )
                        _register_layer(connection, name, kind, LAYER_TITLES.get(name, name),
                                        metadata.source, order)
                    for offset, layer in enumerate(participatory.ParticipatoryLayer):
                        _create_participatory_table(connection, layer)
                        _register_layer(connection, layer, LayerKind.PARTICIPATORY,
                                        LAYER_TITLES[layer], "", 100 + offset)
            finally:
                connection.close()
    except OSError as error:
        raise gpkg.write_refused(target, error) or ProjectError(
            tr("Cannot write {path}: {reason}.", path=target,
               reason=error.strerror or error)) from error


def _write_layer(path: Path, name: str, frame: gpd.GeoDataFrame | pa.Table,
                 geometry_type: str) -> None:
    """Write one layer with GDAL; GeoPackage 1.2 so that older QGIS/GDAL read it silently."""
    import pyarrow as pa
    import pyogrio

    options = {
        "layer_options": {"SPATIAL_INDEX": "YES", "DESCRIPTION": LAYER_TITLES.get(name, name)},
        "dataset_options": {"VERSION": "1.2"} if not path.exists() else None,
    }
    if isinstance(frame, pa.Table):
        pyogrio.write_arrow(frame, path, layer=name, driver="GPKG", geometry_name="geometry",
                            geometry_type=geometry_type, crs="EPSG:4326", **options)
        return
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    if geometry_type == "LineString" and len(frame):
        multi = shapely.get_type_id(frame.geometry.values) == shapely.GeometryType.MULTILINESTRING
        if multi.any():
            frame = frame.explode(index_parts=False).reset_index(drop=True)
    pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG", geometry_type=geometry_type,
                            use_arrow=True, **options)


def _create_project_tables(connection, metadata: ProjectMetadata) -> None:
    connection.execute(f"CREATE TABLE {METADATA_TABLE} (key TEXT PRIMARY KEY, value TEXT)")
    connection.executemany(f"INSERT INTO {METADATA_TABLE} VALUES (?, ?)", metadata.to_rows())
    gpkg.register_attributes_table(connection, METADATA_TABLE, "Quartier project metadata")
    connection.execute(
        f"CREATE TABLE {LAYERS_TABLE} (name TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT,"
        " source TEXT, added_at TEXT, draw_order INTEGER, visible INTEGER DEFAULT 1,"
        " opacity REAL DEFAULT 1.0, style TEXT DEFAULT '{}')"
    )
    gpkg.register_attributes_table(connection, LAYERS_TABLE, "Quartier layers: kind, title, style")
    has_wgs84 = connection.execute(
        "SELECT 1 FROM gpkg_spatial_ref_sys WHERE srs_id = 4326"
    ).fetchone()
    if not has_wgs84:
        from pyproj import CRS

        connection.execute(
            "INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization,"
            " organization_coordsys_id, definition) VALUES ('WGS 84 geodetic', 4326, 'EPSG',"
            " 4326, ?)", (CRS.from_epsg(4326).to_wkt("WKT1_GDAL"),),
        )


def _register_layer(connection, name: str, kind: LayerKind, title: str, source: str,
                    order: int) -> None:
    connection.execute(
        f"INSERT OR REPLACE INTO {LAYERS_TABLE} (name, kind, title, source, added_at, draw_order)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (str(name), str(kind), title, source, _now(), order),
    )


def _create_participatory_table(connection, layer: participatory.ParticipatoryLayer) -> None:
    columns = [(f.name, f.sql_type) for f in participatory.fields(layer)]
    columns = [(n, t + (" NOT NULL UNIQUE" if n == "uuid" else "")) for n, t in columns]
    gpkg.create_feature_table(connection, str(layer), participatory.GEOMETRY_TYPES[layer],
                              columns, LAYER_TITLES[layer])
