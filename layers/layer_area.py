"""What every layer import shares: the project area and its margin, CRSs, progress.

For :mod:`layers.layer_import` (rasters) and :mod:`layers.vector_read` (vectors):
bounds in and between coordinate systems, the check that a layer overlaps the
project area, CRS notes and errors, and the progress/cancel callbacks.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

from layers.errors import (
    CancelledError,
    CRSMissingError,
    InputFileError,
    OutsideAreaError,
    ValidationError,
)
from layers.i18n import N_, tr

#: ``progress(fraction, message)``: how far a long operation is (0-1) and what it does.
Progress = Callable[[float, str], None]
#: ``cancelled()``: True once the user asked to stop.
Cancelled = Callable[[], bool]
#: (west, south, east, north).
Bounds = tuple[float, float, float, float]

VECTOR_SUFFIXES = (".geojson", ".json", ".gpkg", ".shp", ".kml", ".kmz")
RASTER_SUFFIXES = (".tif", ".tiff", ".asc")
FORMATS = N_("GeoJSON, GeoPackage, Shapefile, KML, GeoTIFF or ESRI ASCII grid")
STORED_CRS = "EPSG:4326"

#: The area kept around the project area, as a share of its width and height ...
AREA_MARGIN = 0.1
#: ... and at least this many degrees (about 550 m), so a small area keeps some context.
MIN_MARGIN_DEGREES = 0.005


def normalise_crs(text: str) -> str:
    """Check a CRS typed by the user (``EPSG:4326``, ``4326``, WKT...) and return its name."""
    try:
        crs = CRS.from_user_input(text.strip())
    except CRSError as error:
        raise ValidationError(tr(
            "{text} is not a coordinate system Quartier knows; give it as EPSG:nnnn "
            "(EPSG:4326 for longitude/latitude).", text=repr(text))) from error
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else crs.to_wkt()

# ---------------------------------------------------------------- areas and progress


def checkpoint(progress: Progress | None, cancelled: Cancelled | None, fraction: float,
               message: str) -> None:
    """Report progress, then stop with :class:`CancelledError` if the user asked to."""
    if progress is not None:
        progress(min(max(fraction, 0.0), 1.0), message)
    if cancelled is not None and cancelled():
        raise CancelledError(tr("Import cancelled; the project was not changed."))


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


def check_overlap(path: Path, bounds_4326: Bounds | None, area: Bounds, crs_text: str,
                   allow_outside: bool) -> bool:
    """True when the layer overlaps the area; raise unless ``allow_outside``."""
    if bounds_4326 is not None and overlaps(bounds_4326, area):
        return True
    if bounds_4326 is None:
        raise OutsideAreaError(tr(
            "{name} (read as {crs}) has coordinates that are nowhere on Earth. Check "
            "its coordinate system (--crs).", name=path.name, crs=crs_text))
    if allow_outside:
        return False
    raise OutsideAreaError(tr(
        "{name} (read as {crs}) covers {bounds}, which does not overlap the project area "
        "{area} (longitude,latitude: west,south to east,north). Check that it is the right "
        "file and that its coordinate system is right, or add --allow-outside to import it "
        "anyway.", name=path.name, crs=crs_text, bounds=describe_bounds(bounds_4326),
        area=describe_bounds(area)))


def missing_crs(path: Path) -> CRSMissingError:
    sidecar = tr("none recorded")
    if path.suffix.lower() in (".shp", ".asc"):
        prj = prj_file(path)
        sidecar = (tr("{prj} holds none Quartier can read", prj=prj.name) if prj
                   else tr(".prj missing"))
    return CRSMissingError(tr(
        "{name} has no coordinate system ({why}). If its coordinates are "
        "longitude/latitude, add --crs EPSG:4326.", name=path.name, why=sidecar))


def prj_file(path: Path) -> Path | None:
    """The ``.prj`` beside a Shapefile or ASCII grid (any case), or None."""
    for candidate in (path.with_suffix(".prj"), path.with_suffix(".PRJ")):
        if candidate.exists():
            return candidate
    return None


def crs_notes(path: Path, own: str | None, given: str | None) -> list[str]:
    """A note when a CRS given by the user replaces the one recorded in the file."""
    if own and given and not CRS.from_user_input(own).equals(normalise_crs(given)):
        return [tr("Used {given} as asked, not the coordinate system recorded in "
                   "{name} ({own}).", given=normalise_crs(given), name=path.name,
                   own=normalise_crs(own))]
    return []


def existing_file(path: str | Path) -> Path:
    path = Path(path)
    if not path.exists():
        raise InputFileError(tr("{path} does not exist. Check the file name and folder.",
                                path=path))
    if path.stat().st_size == 0:
        raise InputFileError(tr("{name} is empty (0 bytes).", name=path.name))
    return path


def is_raster(path: str | Path) -> bool:
    """Whether a file is imported as a raster (by its name; GeoPackages are read as vectors)."""
    suffix = Path(path).suffix.lower()
    if suffix in RASTER_SUFFIXES:
        return True
    if suffix in VECTOR_SUFFIXES:
        return False
    raise InputFileError(tr("{name} is not a format Quartier imports; use {formats}.",
                            name=Path(path).name, formats=tr(FORMATS)))
