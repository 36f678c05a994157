"""A Quartier project: one GeoPackage file (or a PostGIS team server) holding a mapping effort.

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
from typing import TYPE_CHECKING

from layers.errors import ProjectError, ProjectExistsError
from layers.i18n import tr
from mapping.store import is_server_url, open_store
from mapping.store.geopackage import create_geopackage
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

if TYPE_CHECKING:
    import geopandas as gpd
    import pyarrow as pa

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
        raise ProjectExistsError(tr(
            "{path} already exists. Choose another file name, or add --force to replace it.",
            path=target))
    if not target.parent.exists():
        raise ProjectError(tr("The folder {folder} does not exist. Create it first.",
                              folder=target.parent))
    if target.suffix.lower() != ".gpkg":
        raise ProjectError(tr("A Quartier project is a GeoPackage: name it {name}.gpkg.",
                              name=target.stem))
    if not metadata.created_at:
        metadata.created_at = _now()
    if not metadata.working_crs:
        west, south, east, north = metadata.area_of_interest
        metadata.working_crs = utm_crs_for((west + east) / 2, (south + north) / 2)
    create_geopackage(target, layers, metadata, kinds)
    return Project(target)


class Project:
    """An open Quartier project: a GeoPackage file, or a project on a PostGIS team server.

    Everything it reads and writes goes through its :attr:`store`
    (:class:`mapping.store.ProjectStore`), the one door to the project's storage.

    Parameters
    ----------
    location
        The project ``.gpkg``, or a ``postgresql://`` URL naming a project on a server.
    """

    def __init__(self, location: str | os.PathLike[str]) -> None:
        #: The project's storage: every read and write goes through it.
        self.store = open_store(location)
        #: The project file (for a server project: a name for messages only).
        self.path = Path(location) if not is_server_url(location) \
            else Path(str(location).rsplit("=", 1)[-1])
        self.metadata = self.store.metadata()

    def close(self) -> None:
        """Let go of the storage (every write is already saved)."""
        self.store.close()

    def layer_names(self) -> list[str]:
        """Layer names in drawing order, bottom first."""
        return [record.name for record in self.store.registry()]

    def layer_kinds(self) -> dict[str, str]:
        """Kind of each registered layer."""
        return {record.name: record.kind for record in self.store.registry()}

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
        return self.store.read_layer(name, bbox=bbox, columns=columns, arrow=arrow, where=where)

    def layer_fields(self, name: str) -> list[str]:
        """The attribute names of one vector layer (not its geometry)."""
        return self.store.layer_fields(name)

    def layers(self) -> list[LayerInfo]:
        """Every layer with its count, geometry type, CRS and extent."""
        return self.store.layers()

    def _registry(self) -> dict[str, tuple[str, str]]:
        return {record.name: (record.kind, record.title) for record in self.store.registry()}

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
