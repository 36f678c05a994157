"""A Quartier project: one GeoPackage file holding everything a mapping effort needs.

Inside: the OpenStreetMap base layers, the street graph, the participatory
layers (facilities, transport lines and stops, risk zones), hazard and reference
layers added later, and two small tables QGIS lists as plain tables:
``quartier_metadata`` (name, area of interest, source, OSM data date,
attribution...) and ``quartier_layers`` (what each layer is, its title and style).

All layers are stored in WGS84 (EPSG:4326), as OpenStreetMap is; the map is drawn
in the project's working CRS (the UTM zone of its area).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import asdict
from pathlib import Path

import geopandas as gpd
import pyarrow as pa
import pyogrio
import shapely

from layers import participatory
from layers.errors import ProjectError, ProjectExistsError
from mapping import gpkg
from mapping.store.schema import (
    BASE_GEOMETRY_TYPES,
    LAYER_TITLES,
    LAYERS_TABLE,
    METADATA_TABLE,
    OSM_ATTRIBUTION,
    QUARTIER_VERSION,
    SCHEMA_VERSION,
    LayerInfo,
    LayerKind,
    ProjectMetadata,
)

__all__ = ["BASE_GEOMETRY_TYPES", "LAYERS_TABLE", "LAYER_TITLES", "METADATA_TABLE",
           "OSM_ATTRIBUTION", "QUARTIER_VERSION", "SCHEMA_VERSION", "LayerInfo", "LayerKind",
           "Project", "ProjectMetadata", "create_project", "utm_crs_for"]

def utm_crs_for(lon: float, lat: float) -> str:
    """The WGS84 UTM zone CRS containing a point, as ``EPSG:326zz`` / ``EPSG:327zz``."""
    zone = min(60, max(1, int((lon + 180) // 6) + 1))
    return f"EPSG:{(32600 if lat >= 0 else 32700) + zone}"


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def create_project(
    path: str | os.PathLike[str],
    layers: Mapping[str, gpd.GeoDataFrame | pa.Table],
    metadata: ProjectMetadata,
    kinds: Mapping[str, LayerKind] | None = None,
    force: bool = False,
) -> Project:
    """Write a new project file, all at once or not at all.

    Parameters
    ----------
    path
        Where the ``.gpkg`` goes.
    layers
        Base (and reference) layers to store; reprojected to WGS84 if needed. An Arrow
        table (WKB ``geometry`` column last, in WGS84) is written as it is.
    metadata
        Name, area of interest, source, data date...
    kinds
        Kind of each layer (default: street graph for ``street_*``, base otherwise).
    force
        Replace an existing file at ``path``.

    Raises
    ------
    ProjectExistsError
        ``path`` exists and ``force`` is not set.
    ProjectError
        The folder does not exist or cannot be written.
    """
    target = Path(path)
    if target.exists() and not force:
        raise ProjectExistsError(
            f"{target} already exists. Choose another file name, or add --force to replace it."
        )
    if not target.parent.exists():
        raise ProjectError(f"The folder {target.parent} does not exist. Create it first.")
    if target.suffix.lower() != ".gpkg":
        raise ProjectError(f"A Quartier project is a GeoPackage: name it {target.stem}.gpkg.")
    if not metadata.created_at:
        metadata.created_at = _now()
    if not metadata.working_crs:
        west, south, east, north = metadata.area_of_interest
        metadata.working_crs = utm_crs_for((west + east) / 2, (south + north) / 2)
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
    except PermissionError as error:
        raise ProjectError(
            f"Cannot write {target}: permission denied. Save the project in a folder you can "
            "write to (your Documents folder, for example)."
        ) from error
    except OSError as error:
        raise ProjectError(f"Cannot write {target}: {error.strerror or error}.") from error
    return Project(target)


def _write_layer(path: Path, name: str, frame: gpd.GeoDataFrame | pa.Table,
                 geometry_type: str) -> None:
    """Write one layer with GDAL; GeoPackage 1.2 so that older QGIS/GDAL read it silently."""
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


class Project:
    """An open Quartier project file.

    Reading goes through GDAL (pyogrio), as QGIS reads it; edits go through
    SQLite transactions (see :mod:`mapping.gpkg`).
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise ProjectError(f"The project {self.path} does not exist.")
        # Temporary files of Quartier processes killed while writing here.
        gpkg.remove_stale_partials(self.path.parent)
        with gpkg.file_access(), open(self.path, "rb") as handle:
            header = handle.read(16)
        if header != b"SQLite format 3\x00":
            raise ProjectError(
                f"{self.path.name} is not a Quartier project (not a GeoPackage). "
                "Use 'quartier new' to make one from an OpenStreetMap extract."
            )
        connection = gpkg.connect(self.path)
        try:
            rows = connection.execute(f"SELECT key, value FROM {METADATA_TABLE}").fetchall()
        except Exception as error:
            raise ProjectError(
                f"{self.path.name} is a GeoPackage but not a Quartier project "
                "(it has no quartier_metadata table)."
            ) from error
        finally:
            connection.close()
        self.metadata = ProjectMetadata.from_rows(rows)

    def layer_names(self) -> list[str]:
        """Layer names in drawing order, bottom first."""
        connection = gpkg.connect(self.path)
        try:
            rows = connection.execute(
                f"SELECT name FROM {LAYERS_TABLE} ORDER BY draw_order, name"
            ).fetchall()
        finally:
            connection.close()
        return [name for (name,) in rows]

    def layer_kinds(self) -> dict[str, str]:
        """Kind of each registered layer."""
        connection = gpkg.connect(self.path)
        try:
            rows = connection.execute(f"SELECT name, kind FROM {LAYERS_TABLE}").fetchall()
        finally:
            connection.close()
        return dict(rows)

    def read_layer(
        self,
        name: str,
        bbox: tuple[float, float, float, float] | None = None,
        columns: list[str] | None = None,
        arrow: bool = False,
        where: str | None = None,
    ) -> gpd.GeoDataFrame:
        """Read one layer (optionally only what intersects ``bbox``, or the rows an SQL
        ``where`` clause picks) as a GeoDataFrame; ``arrow`` reads through GDAL's Arrow
        stream (three times faster on a wide layer; integer fields with missing values
        then come as floats)."""
        with gpkg.file_access():
            return pyogrio.read_dataframe(self.path, layer=name, bbox=bbox, columns=columns,
                                          fid_as_index=True, use_arrow=arrow, where=where)

    def layer_fields(self, name: str) -> list[str]:
        """The attribute names of one vector layer (not its geometry)."""
        with gpkg.file_access():
            return [str(f) for f in pyogrio.read_info(self.path, layer=name)["fields"]]

    def layers(self) -> list[LayerInfo]:
        """Every layer with its count, geometry type, CRS and extent."""
        with gpkg.file_access():
            return self._layers()

    def _layers(self) -> list[LayerInfo]:
        titles = self._registry()
        listed = {name: geometry for name, geometry in pyogrio.list_layers(self.path)}
        out = []
        for name in self.layer_names():
            if name not in listed:  # a raster hazard, or a layer missing from the file
                from mapping.hazard_store import raster_layer_info

                raster = raster_layer_info(self.path, name, *titles[name])
                out.extend([raster] if raster is not None else [])
                continue
            info = pyogrio.read_info(self.path, layer=name, force_feature_count=True,
                                     force_total_bounds=True)
            bounds = info.get("total_bounds")
            extent = None
            if info["features"] and bounds is not None:
                extent = tuple(float(v) for v in bounds)
            out.append(LayerInfo(
                name=name, kind=titles[name][0], title=titles[name][1], count=int(info["features"]),
                geometry_type=str(info["geometry_type"] or "None"),
                crs=str(info["crs"] or ""), extent=extent,  # type: ignore[arg-type]
            ))
        return out

    def _registry(self) -> dict[str, tuple[str, str]]:
        connection = gpkg.connect(self.path)
        try:
            rows = connection.execute(f"SELECT name, kind, title FROM {LAYERS_TABLE}").fetchall()
        finally:
            connection.close()
        return {name: (kind, title) for name, kind, title in rows}

    def info(self) -> dict:
        """Everything ``quartier info`` prints, as plain JSON-ready data."""
        layers = {}
        for layer in self.layers():
            layers[layer.name] = {
                "kind": layer.kind, "title": layer.title, "count": layer.count,
                "geometry_type": layer.geometry_type, "crs": layer.crs,
                "extent": list(layer.extent) if layer.extent else None,
            }
        meta = asdict(self.metadata)
        meta["area_of_interest"] = list(self.metadata.area_of_interest)
        return {"path": str(self.path), "project": meta, "layers": layers}
