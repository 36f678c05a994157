"""The one door to a project's storage (see :mod:`mapping.store.base`).

``open_store("kibera.gpkg")`` opens a GeoPackage project file;
``open_store("postgresql://host/db?project=kibera")`` a project on a PostGIS team
server. Nothing outside this package opens a connection to a project.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

from layers.errors import ProjectError
from layers.i18n import tr
from mapping.store.base import ConflictError, EditStep, LayerNotFoundError, ProjectStore
from mapping.store.schema import (
    LayerInfo,
    LayerKind,
    LayerRecord,
    LayerSchema,
    ProjectMetadata,
    RasterLayer,
)

__all__ = ["ConflictError", "EditStep", "LayerInfo", "LayerKind", "LayerNotFoundError",
           "LayerRecord", "LayerSchema",
           "ProjectMetadata", "ProjectStore", "RasterLayer", "is_server_url", "open_store"]

_SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server_url(location: str | os.PathLike[str]) -> bool:
    """Whether ``location`` names a project on a PostgreSQL server rather than a file."""
    return isinstance(location, str) and location.startswith(_SERVER_SCHEMES)


def open_store(location: str | os.PathLike[str], *, timeout: float | None = None) -> ProjectStore:
    """Open a project's storage: a ``.gpkg`` path, or a ``postgresql://`` URL.

    Parameters
    ----------
    location
        Path of the GeoPackage project file, or URL of a project on a team server.
    timeout
        How long a write waits for another writer, in seconds (default: the backend's).
    """
    if is_server_url(location):
        try:
            postgis = importlib.import_module("mapping.store.postgis")
        except ImportError as error:
            raise ProjectError(tr("This Quartier cannot open projects on a team server (its "
                                  "PostGIS support is not installed); open a project file "
                                  "instead.")) from error
        # The backend module provides open_postgis_store(url, *, timeout=None).
        return postgis.open_postgis_store(str(location), timeout=timeout)
    from mapping.store.geopackage import GeoPackageStore

    return GeoPackageStore(Path(location), timeout=timeout)
