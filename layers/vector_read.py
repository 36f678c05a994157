"""Reading a vector layer file (hazard or reference) for import: near the area, valid, WGS84.

Only the features that reach the project area (plus its margin) are kept;
invalid geometries are repaired with :func:`shapely.make_valid`, never silently
dropped; damaged files (NaN coordinates, NUL characters, Shapefile parts missing)
are made readable by :mod:`layers.vector_sources`, and what was done is said in
the notes. Part of :mod:`layers.layer_import`, which re-exports it.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pyogrio
import shapely
from pyproj import CRS

from layers import vector_sources
from layers.errors import EmptyExtractError, InputFileError, OutsideAreaError, QuartierError
from layers.i18n import ntr, tr
from layers.layer_area import (
    FORMATS,
    STORED_CRS,
    Bounds,
    Cancelled,
    Progress,
    check_overlap,
    checkpoint,
    crs_notes,
    describe_bounds,
    existing_file,
    expand_area,
    missing_crs,
    normalise_crs,
    transform_bounds,
)


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
    path = existing_file(path)
    checkpoint(progress, cancelled, 0.0, tr("Opening {name}", name=path.name))
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
            raise InputFileError(tr(
                "{name} holds several layers ({layers}): choose one with --layer NAME.",
                name=path.name, layers=", ".join(layers)))
        if not layers:
            raise InputFileError(tr("{name} holds no map layer (no geometries).",
                                    name=path.name))
        layer = layer if layer is not None else layers[0]
        if layer not in layers:
            raise InputFileError(tr("{name} has no layer {layer}; it has {layers}.",
                                    name=path.name, layer=repr(layer),
                                    layers=", ".join(layers)))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            info = pyogrio.read_info(source.path, layer=layer, force_total_bounds=True)
    except QuartierError:
        raise
    except Exception as error:  # pyogrio raises DataSourceError and several others
        raise InputFileError(tr(
            "{name} is not a vector layer Quartier can read ({formats}), or it is damaged.",
            name=path.name, formats=tr(FORMATS))) from error
    if info["features"] == 0:
        raise EmptyExtractError(tr("{name} has no features.", name=path.name))
    if crs is not None:
        source_crs = normalise_crs(crs)
    elif info["crs"]:
        source_crs = normalise_crs(str(info["crs"]))
    else:
        raise missing_crs(path)
    notes = source.notes + crs_notes(path, info["crs"], crs)
    if source.prj_ignored:
        notes.append(tr("{name} holds no coordinate system Quartier can read; "
                        "used {crs} as asked.", name=f"{path.stem}.prj", crs=source_crs))
    total = info.get("total_bounds")
    # Bounds GDAL cannot give (NaN or infinite coordinates) are found after reading.
    bounds = (transform_bounds(tuple(total), source_crs, STORED_CRS)
              if total is not None and np.isfinite(total).all() else None)
    known = bounds is not None
    inside = check_overlap(path, bounds, area, source_crs, allow_outside) if known else True
    bbox = transform_bounds(expand_area(area), STORED_CRS, source_crs) if known and inside else None
    checkpoint(progress, cancelled, 0.1, tr("Reading {name}", name=path.name))
    try:
        frame, read_notes = vector_sources.read_frame(source.path, path.name, layer=layer,
                                                      bbox=bbox)
    except Exception as error:
        raise InputFileError(tr("{name} is damaged: its features cannot be read.",
                                name=path.name)) from error
    notes.extend(read_notes)
    frame, nul_notes = vector_sources.remove_marker(frame, source, path.name)
    notes.extend(nul_notes)
    source_count = int(info["features"])
    if known and source_count >= 0 and len(frame) < source_count:
        notes.append(_kept_note(len(frame), source_count))
    if frame.empty:
        raise OutsideAreaError(tr("{name} has no feature inside the project area {area}.",
                                  name=path.name, area=describe_bounds(area)))
    frame = frame.set_crs(source_crs, allow_override=True)
    if not CRS.from_user_input(source_crs).equals(CRS.from_epsg(4326), ignore_axis_order=True):
        checkpoint(progress, cancelled, 0.4, tr("Reprojecting to longitude/latitude"))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            frame = frame.to_crs(STORED_CRS)
        notes.append(tr("Reprojected from {crs} to EPSG:4326.", crs=source_crs))
    else:
        frame = frame.set_crs(STORED_CRS, allow_override=True)
    checkpoint(progress, cancelled, 0.5, tr("Checking geometries"))
    frame, unplaceable = vector_sources.drop_unplaceable(frame, path.name)
    notes.extend(unplaceable)
    if unplaceable and frame.empty:
        raise InputFileError(tr(
            "Every feature of {name} has coordinates that are not numbers or lie off "
            "the Earth (NaN, infinite, or beyond 180° of longitude or 90° of latitude): the "
            "file is damaged, or its coordinate system is wrong (--crs).", name=path.name))
    if not known:
        frame = _near_area(path, frame, area, source_crs, allow_outside, notes)
    frame, repaired, dropped = repair_geometries(frame)
    if repaired:
        notes.append(ntr("Repaired {n} invalid geometry (self-crossing or broken outlines).",
                         "Repaired {n} invalid geometries (self-crossing or broken outlines).",
                         repaired))
    if dropped:
        notes.append(ntr("Left out {n} feature with no geometry.",
                         "Left out {n} features with no geometry.", dropped))
    if frame.empty:
        raise EmptyExtractError(tr("{name} has no feature with a usable geometry.",
                                   name=path.name))
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
        raise EmptyExtractError(tr("{name} has no feature with a usable geometry: none has "
                                   "one, or its coordinates are not numbers.", name=path.name))
    west, south, east, north = (float(v) for v in shapely.total_bounds(geometries[present]))
    if not check_overlap(path, (west, south, east, north), area, source_crs, allow_outside):
        return frame
    near = shapely.intersects(geometries, shapely.box(*expand_area(area)))
    if not near.all():
        notes.append(_kept_note(int(near.sum()), len(frame)))
    return frame.loc[near]


def _kept_note(kept: int, total: int) -> str:
    return ntr("Kept the {kept} of {n} feature that reach the project area.",
               "Kept the {kept} of {n} features that reach the project area.",
               total, kept=kept)


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
