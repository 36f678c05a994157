"""Reading a hazard or reference layer file for import: checked, cut to the area, in WGS84.

A layer comes from somewhere else (a flood model, a ministry, a survey) in
whatever format and coordinate system its author used. Before it joins a project
it must be readable, have a known CRS (never guessed), overlap the project's
area, and be cut down to that area; vector geometries must be valid. This module
does that and nothing else: it never opens a project (storage is
:mod:`mapping.hazard_store`, classification :mod:`layers.hazards`).

Everything that leaves this module is in WGS84 (EPSG:4326), like every other
layer of a project. Rasters are read here (ESRI ASCII grids through
:mod:`layers._ascii_grid`, which checks them before GDAL trusts them); vectors in
:mod:`layers.vector_read`; what both share (areas, CRSs, progress) is in
:mod:`layers.layer_area`. This module is the one door: it re-exports all three.
"""


from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from affine import Affine
from pyproj import CRS

from layers import _ascii_grid as ascii_grid
from layers.errors import EmptyExtractError, InputFileError, OutsideAreaError
from layers.i18n import tr
from layers.layer_area import (
    AREA_MARGIN,
    FORMATS,
    MIN_MARGIN_DEGREES,
    RASTER_SUFFIXES,
    STORED_CRS,
    VECTOR_SUFFIXES,
    Bounds,
    Cancelled,
    Progress,
    check_overlap,
    checkpoint,
    covered_share,
    crs_notes,
    describe_bounds,
    existing_file,
    expand_area,
    is_raster,
    missing_crs,
    normalise_crs,
    overlaps,
    prj_file,
    transform_bounds,
)
from layers.vector_read import VectorInput, read_vector, repair_geometries

if TYPE_CHECKING:
    from rasterio.windows import Window

__all__ = [
    "AREA_MARGIN", "CHUNK_ROWS", "FORMATS", "MAX_CELLS", "MIN_MARGIN_DEGREES",
    "RASTER_SUFFIXES", "STORED_CRS", "VECTOR_SUFFIXES", "Bounds", "Cancelled", "Progress",
    "RasterInput", "VectorInput", "checkpoint", "covered_share", "describe_bounds",
    "expand_area", "is_raster", "normalise_crs", "overlaps", "read_raster", "read_vector",
    "repair_geometries", "transform_bounds",
]

#: A raster window larger than this many cells is read at a coarser resolution (memory bound).
MAX_CELLS = 25_000_000
#: Rows read or written between two progress reports / cancel checks.
CHUNK_ROWS = 512


# ---------------------------------------------------------------- rasters


@dataclass
class RasterInput:
    """The part of a raster hazard that covers the project area, in WGS84."""

    #: Cell values (float32), NaN where the source has no data.
    values: np.ndarray
    #: Cell grid (north-up, degrees).
    transform: Affine
    #: Always ``EPSG:4326``.
    crs: str
    #: CRS of the source file.
    source_crs: str
    #: (rows, columns) of the whole source raster.
    source_shape: tuple[int, int]
    #: The block of source cells read (the rest of the file is never read).
    source_window: Window
    #: Source cells per stored cell along each axis (1 unless the window was too large).
    decimation: int = 1
    #: Plain sentences about what was done (clipping, resampling...).
    notes: list[str] = field(default_factory=list)

    @property
    def bounds(self) -> Bounds:
        """(west, south, east, north) of the grid."""
        rows, cols = self.values.shape
        west, north = self.transform @ (0, 0)
        east, south = self.transform @ (cols, rows)
        return (min(west, east), min(south, north), max(west, east), max(south, north))


def read_raster(
    path: str | Path,
    area: Bounds,
    crs: str | None = None,
    allow_outside: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> RasterInput:
    """Read the part of a raster hazard (GeoTIFF, ESRI ASCII grid) that covers ``area``.

    Only the source cells inside the area plus a margin are read, so a
    country-wide raster costs what the neighbourhood needs. Rasters in WGS84 keep
    their cells exactly; others are reprojected to WGS84 by nearest neighbour,
    so every stored value is a value of the source.

    Parameters
    ----------
    path
        The raster file.
    area
        Project area of interest (west, south, east, north), degrees.
    crs
        CRS to use when the file has none (or to correct a wrong one).
    allow_outside
        Import a raster that does not overlap the area (whole) instead of refusing.
    progress, cancelled
        Progress callback and cancel check (see :func:`checkpoint`).

    Raises
    ------
    InputFileError
        The file is missing, not a raster, damaged or truncated.
    CRSMissingError
        The file has no CRS and ``crs`` is not given.
    OutsideAreaError
        The raster does not overlap ``area`` (and ``allow_outside`` is not set).
    EmptyExtractError
        Every cell inside the area is "no data".
    """
    import rasterio
    from rasterio.errors import NotGeoreferencedWarning, RasterioError

    path = existing_file(path)
    checkpoint(progress, cancelled, 0.0, tr("Opening {name}", name=path.name))
    # An ASCII grid's header is checked before GDAL trusts it (see layers._ascii_grid).
    grid = ascii_grid.read_header(path) if path.suffix.lower() == ".asc" else None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", NotGeoreferencedWarning)
            source = rasterio.open(path)
    except (RasterioError, OSError) as error:
        raise InputFileError(tr(
            "{name} is not a raster Quartier can read (GeoTIFF or ESRI ASCII grid), "
            "or it is damaged.", name=path.name)) from error
    with source:
        if grid is not None and (source.width, source.height) != (grid.ncols, grid.nrows):
            raise InputFileError(tr("{name} is not an ESRI ASCII grid Quartier can read.",
                                    name=path.name))
        _check_georeferenced(source, path)
        return _read_open_raster(source, path, area, crs, allow_outside, progress, cancelled,
                                 grid)


def _check_georeferenced(source: Any, path: Path) -> None:
    """Refuse a raster with no position on the map (GDAL then gives cell units)."""
    grid = source.transform
    if not all(map(math.isfinite, grid[:6])) or not 0 < abs(grid.determinant) < math.inf:
        raise InputFileError(tr(
            "{name} has a broken position on the map: its cell size or corner is not a "
            "usable number, or its cells have no size. Export it again with its coordinates.",
            name=path.name))
    if source.transform == Affine.identity() and not source.gcps[0] and not source.rpcs:
        raise InputFileError(tr(
            "{name} has no position on the map: its georeferencing is missing, or the "
            "file is damaged or cut short. Export it again as a GeoTIFF with its coordinates.",
            name=path.name))
    if source.transform == Affine.identity():
        raise InputFileError(tr(
            "{name} is placed by control points, which Quartier does not read. Warp it "
            "to a regular grid first (for example with gdalwarp or QGIS's Georeferencer).",
            name=path.name))


def _read_open_raster(source: Any, path: Path, area: Bounds, crs: str | None,
                      allow_outside: bool, progress: Progress | None,
                      cancelled: Cancelled | None,
                      header: ascii_grid.GridHeader | None = None) -> RasterInput:
    from rasterio.windows import Window

    if crs is not None:
        source_crs = CRS.from_user_input(normalise_crs(crs))
    elif source.crs:
        source_crs = CRS.from_user_input(source.crs.to_wkt())
    else:
        raise missing_crs(path)
    notes = crs_notes(path, source.crs.to_wkt() if source.crs else None, crs)
    unreadable_prj = prj_file(path) if path.suffix.lower() == ".asc" else None
    if crs is not None and not source.crs and unreadable_prj is not None:
        notes.append(tr("{name} holds no coordinate system Quartier can read; "
                        "used {crs} as asked.", name=unreadable_prj.name,
                        crs=normalise_crs(crs)))
    crs_text = normalise_crs(source_crs.to_wkt())
    if source.count > 1:
        notes.append(tr("{name} has {count} bands; only the first was imported.",
                        name=path.name, count=source.count))
    geographic = source_crs.equals(CRS.from_epsg(4326), ignore_axis_order=True)
    grid = source.transform
    # Kept cell for cell only on a north-up WGS84 grid; anything else is re-gridded.
    exact = geographic and grid.b == 0 and grid.d == 0 and grid.a > 0 and grid.e < 0
    left, bottom, right, top = source.bounds
    full_bounds = (min(left, right), min(bottom, top), max(left, right), max(bottom, top))
    bounds_4326 = full_bounds if geographic else transform_bounds(full_bounds, source_crs,
                                                                  STORED_CRS)
    if geographic and not _on_earth(full_bounds):
        west, south, east, north = full_bounds
        raise OutsideAreaError(tr(
            "{name} (read as {crs}) has a grid reaching beyond the Earth (longitude "
            "{west:.6g} to {east:.6g}, latitude {south:.6g} to {north:.6g}): its cell size or "
            "corner is wrong, or so is its coordinate system. Check its georeferencing, or "
            "give the right one with --crs.", name=path.name, crs=crs_text, west=west,
            east=east, south=south, north=north))
    inside = check_overlap(path, bounds_4326, area, crs_text, allow_outside)
    if inside:
        wanted = expand_area(area)
        wanted_src = wanted if geographic else transform_bounds(wanted, STORED_CRS, source_crs)
        window = _window_for(source, wanted_src)
        share = covered_share(bounds_4326, area) if bounds_4326 is not None else 1.0
        if share < 0.99:
            notes.append(tr("{name} covers only {share:.0%} of the project area.",
                            name=path.name, share=share))
    else:
        window = Window(0, 0, source.width, source.height)
        notes.append(tr("{name} lies outside the project area; imported whole as asked.",
                        name=path.name))

    decimation = max(1, math.ceil(math.sqrt(window.width * window.height / MAX_CELLS)))
    if decimation > 1:
        # Whole blocks of decimation x decimation source cells, so the grid stays regular.
        window = Window(window.col_off, window.row_off,
                        window.width // decimation * decimation,
                        window.height // decimation * decimation)
        notes.append(tr("{name} is very detailed: kept one cell in {step} along each "
                        "axis to stay within memory.", name=path.name, step=decimation))
    if header is not None:
        values = ascii_grid.read_window(
            path, header, window, decimation,
            lambda share, message: checkpoint(progress, cancelled, 0.05 + 0.65 * share, message))
    else:
        values = _read_window(source, path, window, decimation, progress, cancelled)
    transform = source.window_transform(window) @ Affine.scale(decimation)
    if not exact:
        checkpoint(progress, cancelled, 0.75,
                   tr("Reprojecting {name} to longitude/latitude", name=path.name))
        values, transform = _to_wgs84(values, transform, source_crs)
        notes.append(tr("Turned the grid of {name} north-up (nearest cell, values unchanged).",
                        name=path.name) if geographic else
                     tr("Reprojected from {crs} to EPSG:4326 (nearest cell, values unchanged).",
                        crs=crs_text))
    if not np.isfinite(values).any():
        raise EmptyExtractError(tr(
            "{name} has no data inside the project area: every cell there is 'no data'.",
            name=path.name))
    checkpoint(progress, cancelled, 0.8, tr("Read {columns} × {rows} cells",
                                            columns=values.shape[1], rows=values.shape[0]))
    return RasterInput(values=values, transform=transform, crs=STORED_CRS, source_crs=crs_text,
                       source_shape=(source.height, source.width), source_window=window,
                       decimation=decimation, notes=notes)


def _on_earth(bounds: Bounds) -> bool:
    """Whether longitude/latitude bounds are on the Earth (0-360 longitudes accepted)."""
    west, south, east, north = bounds
    return (all(map(math.isfinite, bounds)) and -180.5 <= west and east <= 360.5
            and -90.5 <= south and north <= 90.5)


def _window_for(source: Any, bounds: Bounds | None) -> Window:
    """Source cells covering ``bounds`` (in the source CRS), clipped to the raster."""
    from rasterio.windows import Window

    if bounds is None:
        return Window(0, 0, source.width, source.height)
    west, south, east, north = bounds
    inverse = ~source.transform
    corners = [inverse @ (x, y) for x in (west, east) for y in (south, north)]
    cols = [c for c, _ in corners]
    rows = [r for _, r in corners]
    col_start = max(0, math.floor(min(cols)))
    col_stop = min(source.width, math.ceil(max(cols)))
    row_start = max(0, math.floor(min(rows)))
    row_stop = min(source.height, math.ceil(max(rows)))
    if col_stop <= col_start or row_stop <= row_start:
        return Window(0, 0, source.width, source.height)
    return Window(col_start, row_start, col_stop - col_start, row_stop - row_start)


def _read_window(source: Any, path: Path, window: Window, decimation: int,
                 progress: Progress | None, cancelled: Cancelled | None) -> np.ndarray:
    """Read band 1 inside ``window`` in chunks of rows; NaN where there is no data."""
    from rasterio.errors import RasterioError
    from rasterio.warp import Resampling
    from rasterio.windows import Window

    out_rows = int(window.height) // decimation
    out_cols = int(window.width) // decimation
    values = np.empty((out_rows, out_cols), dtype="float32")
    step = max(1, CHUNK_ROWS // decimation)
    for start in range(0, out_rows, step):
        stop = min(out_rows, start + step)
        checkpoint(progress, cancelled, 0.05 + 0.65 * start / max(out_rows, 1),
                   tr("Reading {name}: row {row} of {rows}", name=path.name,
                      row=start * decimation, rows=int(window.height)))
        chunk = Window(window.col_off, window.row_off + start * decimation,
                       window.width, (stop - start) * decimation)
        try:
            data = source.read(1, window=chunk, out_shape=(stop - start, out_cols), masked=True,
                               resampling=Resampling.nearest)
        except (RasterioError, OSError) as error:
            raise InputFileError(tr(
                "{name} is damaged or incomplete: its cells cannot be read past row "
                "{row}. Export it again or get a fresh copy.", name=path.name,
                row=int(chunk.row_off))) from error
        values[start:stop] = np.ma.filled(data.astype("float32"), np.nan)
    return values


def _to_wgs84(values: np.ndarray, transform: Affine, source_crs: CRS) -> tuple[np.ndarray, Affine]:
    from rasterio.warp import Resampling, calculate_default_transform, reproject

    rows, cols = values.shape
    west, north = transform @ (0, 0)
    east, south = transform @ (cols, rows)
    target_transform, width, height = calculate_default_transform(
        source_crs, STORED_CRS, cols, rows,
        left=min(west, east), bottom=min(south, north), right=max(west, east),
        top=max(south, north),
    )
    target = np.full((height, width), np.nan, dtype="float32")
    reproject(values, target, src_transform=transform, src_crs=source_crs, src_nodata=np.nan,
              dst_transform=target_transform, dst_crs=STORED_CRS, dst_nodata=np.nan,
              resampling=Resampling.nearest)
    return target, target_transform
