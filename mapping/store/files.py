"""Writing new data files that are not a project: exports handed to other programs.

Exports (a GeoPackage or Shapefiles for QGIS, a layer for a partner) are written by GDAL
into a temporary file that is deleted on failure and renamed into place once whole
(:mod:`mapping.export.safe_write`). They go through here so that every GDAL write in
Quartier has one home, beside the project store's own.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Any

import pyogrio

from mapping.store import _gpkg as gpkg


@contextlib.contextmanager
def bulk_writing() -> Iterator[None]:
    """Let GDAL write without a journal or syncs: for a new temporary file only."""
    with gpkg.bulk_writing():
        yield


def write_arrow(table: Any, path: str | os.PathLike[str], **options: Any) -> None:
    """Write an Arrow table (WKB geometry) as a layer of a new file, as :func:`pyogrio.write_arrow`.

    Parameters
    ----------
    table
        The layer's rows.
    path
        The new file (never a project).
    **options
        Passed to GDAL (``layer``, ``driver``, ``geometry_name``, ``crs``...).
    """
    pyogrio.write_arrow(table, path, **options)


def write_dataframe(frame: Any, path: str | os.PathLike[str], **options: Any) -> None:
    """Write a GeoDataFrame as a layer of a new file, as :func:`pyogrio.write_dataframe`.

    Parameters
    ----------
    frame
        The layer's features.
    path
        The new file (never a project).
    **options
        Passed to GDAL (``layer``, ``driver``, ``encoding``...).
    """
    pyogrio.write_dataframe(frame, path, **options)
