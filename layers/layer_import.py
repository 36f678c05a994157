"""Reading a hazard or reference layer file for import: checked, cut to the area, in WGS84.

A layer comes from somewhere else (a flood model, a ministry, a survey) in
whatever format and coordinate system its author used. Before it joins a project
it must be readable, have a known CRS (never guessed), overlap the project's
area, and be cut down to that area; vector geometries must be valid. This module
does that and nothing else: it never opens a project (storage is
:mod:`mapping.hazard_store`, classification :mod:`layers.hazards`).

Everything that leaves this module is in WGS84 (EPSG:4326), like every other
layer of a project.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pyogrio
import rasterio
import shapely
from affine import Affine
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError
from rasterio.errors import NotGeoreferencedWarning, RasterioError
from rasterio.warp import Resampling, calculate_default_transform, reproject
from rasterio.windows import Window

from layers import _ascii_grid as ascii_grid
from layers import vector_sources
from layers.errors import (
    CancelledError,
    CRSMissingError,
    EmptyExtractError,
    InputFileError,
    OutsideAreaError,
    QuartierError,
    ValidationError,
)

#: ``progress(fraction, message)``: how far a long operation is (0-1) and what it does.
Progress = Callable[[float, str], None]
#: ``cancelled()``: True once the user asked to stop.
Cancelled = Callable[[], bool]
#: (west, south, east, north).
Bounds = tuple[float, float, float, float]

VECTOR_SUFFIXES = (".geojson", ".json", ".gpkg", ".shp", ".kml", ".kmz")
RASTER_SUFFIXES = (".tif", ".tiff", ".asc")
FORMATS = "GeoJSON, GeoPackage, Shapefile, KML, GeoTIFF or ESRI ASCII grid"
STORED_CRS = "EPSG:4326"

#: A raster window larger than this many cells is read at a coarser resolution (memory bound).
MAX_CELLS = 25_000_000
#: Rows read or written between two progress reports / cancel checks.
CHUNK_ROWS = 512
#: The area kept around the project area, as a share of its width and height ...
AREA_MARGIN = 0.1
#: ... and at least this many degrees (about 550 m), so a small area keeps some context.
MIN_MARGIN_DEGREES = 0.005


def normalise_crs(text: str) -> str:
    """Check a CRS typed by the user (``EPSG:4326``, ``4326``, WKT...) and return its name."""
    try:
        crs = CRS.from_user_input(text.strip())
    except CRSError as error:
        raise ValidationError(
            f"{text!r} is not a coordinate system Quartier knows; give it as EPSG:nnnn "
            "(EPSG:4326 for longitude/latitude)."
        ) from error
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else crs.to_wkt()

# ---------------------------------------------------------------- areas and progress


def checkpoint(progress: Progress | None, cancelled: Cancelled | None, fraction: float,
               message: str) -> None:
    """Report progress, then stop with :class:`CancelledError` if the user asked to."""
    if progress is not None:
        progress(min(max(fraction, 0.0), 1.0), message)
    if cancelled is not None and cancelled():
        raise CancelledError("Import cancelled; the project was not changed.")


def expand_area(area: Bounds) -> Bounds:
    """The project area plus the margin kept around it (degrees)."""
    west, south, east, north = area
    dx = max((east - west) * AREA_MARGIN, MIN_MARGIN_DEGREES)
    dy = max((north - south) * AREA_MARGIN, MIN_MARGIN_DEGREES)
    return (max(west - dx, -180.0), max(south - dy, -90.0),
            min(east + dx, 180.0), min(north + dy, 90.0))


def describe_bounds(bounds: Bounds) -> str:
    """Bounds as people read them: ``106.8200,-6.2000 to 106.9700,-6.1100`` (W,S to E,N)."""
    west, south, east, north = bounds
    return f"{west:.4f},{south:.4f} to {east:.4f},{north:.4f}"


def overlaps(first: Bounds, second: Bounds) -> bool:
    """True when two (west, south, east, north) boxes share some area."""
    return (first[0] < second[2] and second[0] < first[2]
            and first[1] < second[3] and second[1] < first[3])


def covered_share(bounds: Bounds, area: Bounds) -> float:
    """Share (0-1) of ``area`` inside ``bounds``."""
    width = max(0.0, min(bounds[2], area[2]) - max(bounds[0], area[0]))
    height = max(0.0, min(bounds[3], area[3]) - max(bounds[1], area[1]))
    whole = (area[2] - area[0]) * (area[3] - area[1])
    return width * height / whole if whole > 0 else 1.0


def transform_bounds(bounds: Bounds, source: str | CRS, target: str | CRS) -> Bounds | None:
    """Bounds in another CRS (edges densified), or None when they do not exist there."""
    transformer = Transformer.from_crs(source, target, always_xy=True)
    try:
        result = transformer.transform_bounds(*bounds, densify_pts=21)
    except Exception:  # pyproj raises several kinds for points outside a projection
        return None
    if not all(map(math.isfinite, result)):
        return None
    west, south, east, north = (float(v) for v in result)
    return (west, south, east, north)


def _check_overlap(path: Path, bounds_4326: Bounds | None, area: Bounds, crs_text: str,
                   allow_outside: bool) -> bool:
    """True when the layer overlaps the area; raise unless ``allow_outside``."""
    if bounds_4326 is not None and overlaps(bounds_4326, area):
        return True
    if bounds_4326 is None:
        raise OutsideAreaError(
            f"{path.name} (read as {crs_text}) has coordinates that are nowhere on Earth. Check "
            "its coordinate system (--crs)."
        )
    if allow_outside:
        return False
    raise OutsideAreaError(
        f"{path.name} (read as {crs_text}) covers {describe_bounds(bounds_4326)}, which does "
        f"not overlap the project area {describe_bounds(area)} (longitude,latitude: west,south "
        "to east,north). Check that it is the right file and that its coordinate system is "
        "right, or add --allow-outside to import it anyway."
    )


def _missing_crs(path: Path) -> CRSMissingError:
    sidecar = "(.prj missing)" if path.suffix.lower() in (".shp", ".asc") else "(none recorded)"
    return CRSMissingError(
        f"{path.name} has no coordinate system {sidecar}. If its coordinates are "
        "longitude/latitude, add --crs EPSG:4326."
    )


def _crs_notes(path: Path, own: str | None, given: str | None) -> list[str]:
    """A note when a CRS given by the user replaces the one recorded in the file."""
    if own and given and not CRS.from_user_input(own).equals(normalise_crs(given)):
        return [f"Used {normalise_crs(given)} as asked, not the coordinate system recorded in "
                f"{path.name} ({normalise_crs(own)})."]
    return []


def _existing(path: str | Path) -> Path:
    path = Path(path)
    if not path.exists():
        raise InputFileError(f"{path} does not exist. Check the file name and folder.")
    if path.stat().st_size == 0:
        raise InputFileError(f"{path.name} is empty (0 bytes).")
    return path


def is_raster(path: str | Path) -> bool:
    """Whether a file is imported as a raster (by its name; GeoPackages are read as vectors)."""
    suffix = Path(path).suffix.lower()
    if suffix in RASTER_SUFFIXES:
        return True
    if suffix in VECTOR_SUFFIXES:
        return False
    raise InputFileError(
        f"{Path(path).name} is not a format Quartier imports; use {FORMATS}."
    )


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
    path = _existing(path)
    checkpoint(progress, cancelled, 0.0, f"Opening {path.name}")
    # An ASCII grid's header is checked before GDAL trusts it (see layers._ascii_grid).
    grid = ascii_grid.read_header(path) if path.suffix.lower() == ".asc" else None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", NotGeoreferencedWarning)
            source = rasterio.open(path)
    except (RasterioError, OSError) as error:
        raise InputFileError(
            f"{path.name} is not a raster Quartier can read (GeoTIFF or ESRI ASCII grid), "
            "or it is damaged."
        ) from error
    with source:
        if grid is not None and (source.width, source.height) != (grid.ncols, grid.nrows):
            raise InputFileError(f"{path.name} is not an ESRI ASCII grid Quartier can read.")
        _check_georeferenced(source, path)
        return _read_open_raster(source, path, area, crs, allow_outside, progress, cancelled,
                                 grid)


def _check_georeferenced(source: Any, path: Path) -> None:
    """Refuse a raster with no position on the map (GDAL then gives cell units)."""
    grid = source.transform
    if not all(map(math.isfinite, grid[:6])) or not 0 < abs(grid.determinant) < math.inf:
        raise InputFileError(
            f"{path.name} has a broken position on the map: its cell size or corner is not a "
            "usable number, or its cells have no size. Export it again with its coordinates."
        )
    if source.transform == Affine.identity() and not source.gcps[0] and not source.rpcs:
        raise InputFileError(
            f"{path.name} has no position on the map: its georeferencing is missing, or the "
            "file is damaged or cut short. Export it again as a GeoTIFF with its coordinates."
        )
    if source.transform == Affine.identity():
        raise InputFileError(
            f"{path.name} is placed by control points, which Quartier does not read. Warp it "
            "to a regular grid first (for example with gdalwarp or QGIS's Georeferencer)."
        )


def _read_open_raster(source: Any, path: Path, area: Bounds, crs: str | None,
                      allow_outside: bool, progress: Progress | None,
                      cancelled: Cancelled | None,
                      header: ascii_grid.GridHeader | None = None) -> RasterInput:
    if crs is not None:
        source_crs = CRS.from_user_input(normalise_crs(crs))
    elif source.crs:
        source_crs = CRS.from_user_input(source.crs.to_wkt())
    else:
        raise _missing_crs(path)
    notes = _crs_notes(path, source.crs.to_wkt() if source.crs else None, crs)
    crs_text = normalise_crs(source_crs.to_wkt())
    if source.count > 1:
        notes.append(f"{path.name} has {source.count} bands; only the first was imported.")
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
        raise OutsideAreaError(
            f"{path.name} (read as {crs_text}) has a grid reaching beyond the Earth (longitude "
            f"{west:.6g} to {east:.6g}, latitude {south:.6g} to {north:.6g}): its cell size or "
            "corner is wrong, or so is its coordinate system. Check its georeferencing, or "
            "give the right one with --crs."
        )
    inside = _check_overlap(path, bounds_4326, area, crs_text, allow_outside)
    if inside:
        wanted = expand_area(area)
        wanted_src = wanted if geographic else transform_bounds(wanted, STORED_CRS, source_crs)
        window = _window_for(source, wanted_src)
        share = covered_share(bounds_4326, area) if bounds_4326 is not None else 1.0
        if share < 0.99:
            notes.append(f"{path.name} covers only {share:.0%} of the project area.")
    else:
        window = Window(0, 0, source.width, source.height)
        notes.append(f"{path.name} lies outside the project area; imported whole as asked.")

    decimation = max(1, math.ceil(math.sqrt(window.width * window.height / MAX_CELLS)))
    if decimation > 1:
        # Whole blocks of decimation x decimation source cells, so the grid stays regular.
        window = Window(window.col_off, window.row_off,
                        window.width // decimation * decimation,
                        window.height // decimation * decimation)
        notes.append(f"{path.name} is very detailed: kept one cell in {decimation} along each "
                     "axis to stay within memory.")
    if header is not None:
        values = ascii_grid.read_window(
            path, header, window, decimation,
            lambda share, message: checkpoint(progress, cancelled, 0.05 + 0.65 * share, message))
    else:
        values = _read_window(source, path, window, decimation, progress, cancelled)
    transform = source.window_transform(window) @ Affine.scale(decimation)
    if not exact:
        checkpoint(progress, cancelled, 0.75, f"Reprojecting {path.name} to longitude/latitude")
        values, transform = _to_wgs84(values, transform, source_crs)
        notes.append(f"Turned the grid of {path.name} north-up (nearest cell, values unchanged)."
                     if geographic else
                     f"Reprojected from {crs_text} to EPSG:4326 (nearest cell, values unchanged).")
    if not np.isfinite(values).any():
        raise EmptyExtractError(
            f"{path.name} has no data inside the project area: every cell there is 'no data'."
        )
    checkpoint(progress, cancelled, 0.8, f"Read {values.shape[1]} × {values.shape[0]} cells")
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
    out_rows = int(window.height) // decimation
    out_cols = int(window.width) // decimation
    values = np.empty((out_rows, out_cols), dtype="float32")
    step = max(1, CHUNK_ROWS // decimation)
    for start in range(0, out_rows, step):
        stop = min(out_rows, start + step)
        checkpoint(progress, cancelled, 0.05 + 0.65 * start / max(out_rows, 1),
                   f"Reading {path.name}: row {start * decimation} of {int(window.height)}")
        chunk = Window(window.col_off, window.row_off + start * decimation,
                       window.width, (stop - start) * decimation)
        try:
            data = source.read(1, window=chunk, out_shape=(stop - start, out_cols), masked=True,
                               resampling=Resampling.nearest)
        except (RasterioError, OSError) as error:
            raise InputFileError(
                f"{path.name} is damaged or incomplete: its cells cannot be read past row "
                f"{int(chunk.row_off)}. Export it again or get a fresh copy."
            ) from error
        values[start:stop] = np.ma.filled(data.astype("float32"), np.nan)
    return values


def _to_wgs84(values: np.ndarray, transform: Affine, source_crs: CRS) -> tuple[np.ndarray, Affine]:
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


# ---------------------------------------------------------------- vectors


@dataclass
class VectorInput:
    """The features of a vector layer near the project area, valid, in WGS84."""

    #: Features (EPSG:4326), attributes as in the source.
    frame: gpd.GeoDataFrame
    #: CRS of the source file.
    source_crs: str
    #: Features in the source file.
    source_count: int
    #: Features whose geometry was invalid and was repaired.
    repaired: int = 0
    #: Features dropped because they had no geometry (or none left after repair).
    dropped: int = 0
    #: Plain sentences about what was done.
    notes: list[str] = field(default_factory=list)


def read_vector(
    path: str | Path,
    area: Bounds,
    crs: str | None = None,
    layer: str | None = None,
    allow_outside: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> VectorInput:
    """Read the features of a vector layer near ``area``, repaired and in WGS84.

    Features that do not reach the project area plus its margin are left out
    (and counted in the notes); invalid geometries are repaired with
    :func:`shapely.make_valid`, never silently dropped.

    Raises
    ------
    InputFileError
        Missing, unreadable or multi-layer file with no ``layer`` chosen.
    CRSMissingError
        No CRS in the file (a shapefile with no .prj) and ``crs`` not given.
    OutsideAreaError
        No feature reaches the project area (and ``allow_outside`` is not set).
    """
    path = _existing(path)
    checkpoint(progress, cancelled, 0.0, f"Opening {path.name}")
    with vector_sources.readable(path, crs_given=crs is not None) as source:
        return _read_vector_source(path, source, area, crs, layer, allow_outside, progress,
                                   cancelled)


def _read_vector_source(path: Path, source: vector_sources.Source, area: Bounds,
                        crs: str | None, layer: str | None, allow_outside: bool,
                        progress: Progress | None, cancelled: Cancelled | None) -> VectorInput:
    """:func:`read_vector` on the file GDAL is given (the user's, or a repaired copy)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # GDAL's, said in words below
            listed = pyogrio.list_layers(source.path)
        layers = [str(name) for name, geometry in listed if geometry]
        if layer is None and len(layers) > 1:
            raise InputFileError(
                f"{path.name} holds several layers ({', '.join(layers)}): choose one with "
                "--layer NAME."
            )
        if not layers:
            raise InputFileError(f"{path.name} holds no map layer (no geometries).")
        layer = layer if layer is not None else layers[0]
        if layer not in layers:
            raise InputFileError(f"{path.name} has no layer {layer!r}; it has {', '.join(layers)}.")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            info = pyogrio.read_info(source.path, layer=layer, force_total_bounds=True)
    except QuartierError:
        raise
    except Exception as error:  # pyogrio raises DataSourceError and several others
        raise InputFileError(
            f"{path.name} is not a vector layer Quartier can read ({FORMATS}), or it is damaged."
        ) from error
    if info["features"] == 0:
        raise EmptyExtractError(f"{path.name} has no features.")
    if crs is not None:
        source_crs = normalise_crs(crs)
    elif info["crs"]:
        source_crs = normalise_crs(str(info["crs"]))
    else:
        raise _missing_crs(path)
    notes = source.notes + _crs_notes(path, info["crs"], crs)
    if source.prj_ignored:
        notes.append(f"{path.stem}.prj holds no coordinate system Quartier can read; used "
                     f"{source_crs} as asked.")
    total = info.get("total_bounds")
    # Bounds GDAL cannot give (NaN or infinite coordinates) are found after reading.
    bounds = (transform_bounds(tuple(total), source_crs, STORED_CRS)
              if total is not None and np.isfinite(total).all() else None)
    known = bounds is not None
    inside = _check_overlap(path, bounds, area, source_crs, allow_outside) if known else True
    bbox = transform_bounds(expand_area(area), STORED_CRS, source_crs) if known and inside else None
    checkpoint(progress, cancelled, 0.1, f"Reading {path.name}")
    try:
        frame, read_notes = vector_sources.read_frame(source.path, path.name, layer=layer,
                                                      bbox=bbox)
    except Exception as error:
        raise InputFileError(f"{path.name} is damaged: its features cannot be read.") from error
    notes.extend(read_notes)
    frame, nul_notes = vector_sources.remove_marker(frame, source, path.name)
    notes.extend(nul_notes)
    source_count = int(info["features"])
    if known and source_count >= 0 and len(frame) < source_count:
        notes.append(f"Kept the {len(frame)} of {source_count} features that reach the project "
                     "area.")
    if frame.empty:
        raise OutsideAreaError(f"{path.name} has no feature inside the project area "
                               f"{describe_bounds(area)}.")
    frame = frame.set_crs(source_crs, allow_override=True)
    if not CRS.from_user_input(source_crs).equals(CRS.from_epsg(4326), ignore_axis_order=True):
        checkpoint(progress, cancelled, 0.4, "Reprojecting to longitude/latitude")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            frame = frame.to_crs(STORED_CRS)
        notes.append(f"Reprojected from {source_crs} to EPSG:4326.")
    else:
        frame = frame.set_crs(STORED_CRS, allow_override=True)
    checkpoint(progress, cancelled, 0.5, "Checking geometries")
    frame, unplaceable = vector_sources.drop_unplaceable(frame, path.name)
    notes.extend(unplaceable)
    if unplaceable and frame.empty:
        raise InputFileError(
            f"Every feature of {path.name} has coordinates that are not numbers or lie off "
            "the Earth (NaN, infinite, or beyond 180° of longitude or 90° of latitude): the "
            "file is damaged, or its coordinate system is wrong (--crs)."
        )
    if not known:
        frame = _near_area(path, frame, area, source_crs, allow_outside, notes)
    frame, repaired, dropped = repair_geometries(frame)
    if repaired:
        notes.append(f"Repaired {repaired} invalid geometr{'y' if repaired == 1 else 'ies'} "
                     "(self-crossing or broken outlines).")
    if dropped:
        notes.append(f"Left out {dropped} feature{'s' if dropped != 1 else ''} with no geometry.")
    if frame.empty:
        raise EmptyExtractError(f"{path.name} has no feature with a usable geometry.")
    frame = frame.reset_index(drop=True)
    return VectorInput(frame=_safe_columns(frame), source_crs=source_crs,
                       source_count=source_count, repaired=repaired, dropped=dropped,
                       notes=notes)


def _near_area(path: Path, frame: gpd.GeoDataFrame, area: Bounds, source_crs: str,
               allow_outside: bool, notes: list[str]) -> gpd.GeoDataFrame:
    """The features near ``area``, when the file's own bounds could not say (read whole)."""
    geometries = np.asarray(frame.geometry.array, dtype=object)
    present = ~(shapely.is_missing(geometries) | shapely.is_empty(geometries))
    if not present.any():
        raise EmptyExtractError(f"{path.name} has no feature with a usable geometry: none has "
                                "one, or its coordinates are not numbers.")
    west, south, east, north = (float(v) for v in shapely.total_bounds(geometries[present]))
    if not _check_overlap(path, (west, south, east, north), area, source_crs, allow_outside):
        return frame
    near = shapely.intersects(geometries, shapely.box(*expand_area(area)))
    if not near.all():
        notes.append(f"Kept the {int(near.sum())} of {len(frame)} features that reach the "
                     "project area.")
    return frame.loc[near]


def repair_geometries(frame: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, int, int]:
    """Make every geometry valid; drop features with none.

    A repaired polygon keeps only its polygonal parts (``make_valid`` can add
    stray lines or points where an outline touches itself).

    Returns
    -------
    (frame, repaired, dropped)
    """
    geometries = np.asarray(frame.geometry.array, dtype=object)
    missing = shapely.is_missing(geometries) | shapely.is_empty(geometries)
    invalid = ~missing & ~shapely.is_valid(geometries)
    if invalid.any():
        fixed = _make_valid(geometries[invalid])
        dimensions = shapely.get_dimensions(geometries[invalid])
        geometries = geometries.copy()
        geometries[invalid] = [_same_dimension(geometry, dimension)
                               for geometry, dimension in zip(fixed, dimensions, strict=True)]
        frame = frame.set_geometry(gpd.GeoSeries(geometries, index=frame.index, crs=frame.crs))
    dropped_mask = shapely.is_missing(geometries) | shapely.is_empty(geometries)
    if dropped_mask.any():
        frame = frame.loc[~dropped_mask]
    return frame, int(invalid.sum()), int(dropped_mask.sum())


def _make_valid(geometries: np.ndarray) -> np.ndarray:
    """``make_valid`` of each geometry; None for one GEOS cannot repair (left out)."""
    try:
        return np.asarray(shapely.make_valid(geometries), dtype=object)
    except shapely.errors.GEOSException:
        out = np.empty(len(geometries), dtype=object)
        for i, geometry in enumerate(geometries):
            try:
                out[i] = shapely.make_valid(geometry)
            except shapely.errors.GEOSException:
                out[i] = None
        return out


def _same_dimension(geometry: Any, dimension: int) -> Any:
    """The parts of a repaired geometry with the original dimension, as one geometry."""
    if geometry is None:
        return None
    parts = shapely.get_parts(geometry)
    kept = parts[shapely.get_dimensions(parts) == dimension]
    if len(kept) == 0:
        return None
    if dimension == 2:
        return shapely.multipolygons(list(kept)) if len(kept) > 1 else kept[0]
    if dimension == 1:
        return shapely.multilinestrings(list(kept)) if len(kept) > 1 else kept[0]
    return shapely.multipoints(list(kept)) if len(kept) > 1 else kept[0]


def _safe_columns(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Rename source columns that clash with the GeoPackage's own (fid, geom, hazard_class)."""
    reserved = {"fid", "geom", "hazard_class"}
    renames = {column: f"{column}_source" for column in frame.columns
               if column != frame.geometry.name and str(column).casefold() in reserved}
    return frame.rename(columns=renames) if renames else frame
