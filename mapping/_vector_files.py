"""Opening vector layer files for :mod:`mapping.base_import`: checks, CRS, repairs.

Each layer of each file becomes a :class:`VectorLayer`. Damaged or incomplete
files are refused in plain words before GDAL reads them (GDAL reads a cut-off
Shapefile without complaint, as features with no geometry); a layer without a
coordinate system is refused unless ``--crs`` gives one, and coordinates that cannot
be in the layer's CRS are refused too: nothing is ever guessed.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyogrio.errors
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from layers import vector_sources
from layers.errors import CRSMissingError, EmptyExtractError, InputFileError
from layers.i18n import ntr, tr
from layers.osm_definitions import BaseLayer
from mapping import _vector_tags as tags
from mapping._vector_tags import LayerRole

WGS84 = "EPSG:4326"
#: File name endings read as OpenStreetMap extracts rather than as vector layers.
OSM_EXTRACT_SUFFIXES = (".osm", ".osm.bz2", ".osm.pbf", ".pbf", ".osm.xml")
_READ_ERRORS = (
    pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, pyogrio.errors.FieldError,
    pyogrio.errors.GeometryError, pyogrio.errors.CRSError, RuntimeError, ValueError, OSError,
)


@dataclass
class VectorLayer:
    """One layer of one file on its way into a project."""

    #: The file it was read from.
    path: Path
    #: Position of the file among the files given (``--as`` refers to it).
    file_index: int
    #: Layer name inside the file.
    name: str
    #: Whether the file holds several layers (then messages say ``file:layer``).
    multi_layer: bool
    #: The features; WGS84, valid and non-empty once :func:`prepare` has run.
    frame: gpd.GeoDataFrame
    #: Whether the file's format keeps its CRS in a ``.prj`` (Shapefile).
    is_shapefile: bool = False
    #: Whether its CRS came from ``--crs`` rather than from the file.
    crs_given: bool = False
    #: Attribution or licence found in the file's metadata, or "".
    attribution: str = ""
    #: Role given with ``--as`` (None: recognise it).
    role: LayerRole | None = None
    #: OSM-style tags of each feature (lower-case keys, text values).
    views: list[dict[str, str]] = field(default_factory=list)
    #: All original attributes of each feature, as JSON text.
    originals: list[str] = field(default_factory=list)
    #: Geometry family of each feature: "points", "lines", "polygons" or "other".
    families: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=object))
    #: Base layers each feature goes to (empty: left out).
    targets: list[tuple[BaseLayer, ...]] = field(default_factory=list)
    #: Whether the data comes from OpenStreetMap (ids, tags or metadata say so).
    osm_derived: bool = False
    #: Newest OSM edit date found in the layer (ISO 8601), or "".
    data_date: str = ""
    #: Whether the file's ``.prj`` holds no coordinate system Quartier can read (set aside).
    prj_unreadable: bool = False

    @property
    def label(self) -> str:
        """How messages name the layer: ``file`` or ``file:layer``."""
        return f"{self.path.name}:{self.name}" if self.multi_layer else self.path.name

    @property
    def reference(self) -> bool:
        """Whether the layer is kept as it is, as a reference layer."""
        return self.role is LayerRole.REFERENCE


def is_osm_extract(path: Path) -> bool:
    """Whether a file is an OpenStreetMap extract (read with the OSM reader instead)."""
    name = path.name.lower()
    if name.endswith(OSM_EXTRACT_SUFFIXES):
        return True
    if name.endswith(".xml"):
        with path.open("rb") as handle:
            return b"<osm" in handle.read(4096)
    return False


def check_vector_file(path: Path) -> None:
    """Refuse, in plain words, a missing, empty, incomplete or truncated layer file."""
    if not path.exists():
        raise InputFileError(tr("The file {path} does not exist. Check the name and the folder.",
                                path=path))
    if path.is_dir():
        raise InputFileError(tr(
            "{path} is a folder: give the layer files in it with --base, one --base per file.",
            path=path))
    if path.stat().st_size == 0:
        raise InputFileError(tr("{name} is empty (0 bytes). Copy or export the layer again.",
                                name=path.name))
    if path.suffix.lower() == ".shp":
        _check_shapefile(path)


def _check_shapefile(path: Path) -> None:
    for suffix in (".shx", ".dbf"):
        if _sidecar(path, suffix) is None:
            raise InputFileError(tr(
                "{name} comes without its {suffix} file: a Shapefile is several files "
                "({stem}.shp, .shx, .dbf and .prj) that must be copied together.",
                name=path.name, suffix=suffix, stem=path.stem))
    for part in (path, _sidecar(path, ".shx")):
        assert part is not None
        vector_sources.check_shapefile_length(part)


_sidecar = vector_sources.sidecar


def parse_crs(text: str) -> str:
    """Check a ``--crs`` value (``EPSG:4326``, ``4326``, a WKT or PROJ string)."""
    value = text.strip()
    if value.isdigit():
        value = f"EPSG:{value}"
    try:
        CRS.from_user_input(value)
    except CRSError as error:
        raise InputFileError(tr(
            "--crs {text} is not a coordinate system Quartier knows: write it as "
            "EPSG:4326 for longitude/latitude, or the EPSG code of the layer's projection.",
            text=text)) from error
    return value


def read_layers(path: Path, file_index: int, notes: list[str]) -> list[VectorLayer]:
    """Read every map layer of a file (attribute-only tables and empty layers are skipped)."""
    # A repaired copy when needed (NUL characters in GeoJSON text, an unreadable .prj).
    with vector_sources.readable(path, crs_given=True) as source:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # GDAL's, said in words below
                listed = pyogrio.list_layers(source.path)
        except _READ_ERRORS as error:
            raise InputFileError(_unreadable(path, error)) from error
        spatial = [str(name) for name, geometry in listed if geometry is not None]
        if not spatial:
            raise InputFileError(tr(
                "{name} holds only tables, no map layers. Export the layers with their "
                "geometry (points, lines or polygons).", name=path.name))
        out: list[VectorLayer] = []
        empty: list[str] = []
        for name in spatial:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", RuntimeWarning)
                    info = pyogrio.read_info(source.path, layer=name)
                label = f"{path.name}:{name}" if len(spatial) > 1 else path.name
                frame, read_notes = vector_sources.read_frame(source.path, label, layer=name)
            except _READ_ERRORS as error:
                raise InputFileError(_unreadable(path, error)) from error
            notes.extend(read_notes)
            if len(frame) == 0:
                empty.append(name)
                continue
            layer = VectorLayer(
                path=path, file_index=file_index, name=name, multi_layer=len(spatial) > 1,
                frame=frame, is_shapefile=info.get("driver") == "ESRI Shapefile",
                attribution=_metadata_attribution(info), prj_unreadable=source.prj_ignored,
            )
            layer.frame, nul_notes = vector_sources.remove_marker(frame, source, layer.label)
            notes.extend(nul_notes)
            out.append(layer)
    if not out:
        raise EmptyExtractError(tr(
            "{name} holds no features: it is empty. Export the layer again with its "
            "features included.", name=path.name))
    if empty:
        notes.append(ntr("{name}: the empty layer {layers} was skipped.",
                         "{name}: the empty layers {layers} were skipped.", len(empty),
                         name=path.name, layers=", ".join(empty)))
    return out


def _unreadable(path: Path, error: Exception) -> str:
    detail = str(error).split("; It might help")[0]
    if "not recognized as being in a supported file format" in detail:
        return tr("{name} is not a map layer file Quartier can read{kind}. Give GeoPackage, "
                  "Shapefile, GeoJSON or KML files with --base.", name=path.name,
                  kind=_guess_kind(path))
    return tr("{name} cannot be read: it is damaged or not a map layer file (reader said: "
              "{detail}). Copy or export it again; nothing was created.", name=path.name,
              detail=detail)


def _guess_kind(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(512)
    if head[:4] in (b"II*\x00", b"MM\x00*") or head.lower().startswith(b"ncols"):
        return " " + tr("(it is a raster image, not points, lines or polygons)")
    if head.startswith(b"%PDF"):
        return " " + tr("(it is a PDF document)")
    if head.startswith(b"PK"):
        return " " + tr("(it is a ZIP archive: unzip it first)")
    if head.startswith(b"SQLite format 3"):
        return " " + tr("(it is an SQLite database without map layers)")
    return ""


def _metadata_attribution(info: Mapping) -> str:
    found: list[str] = []
    for metadata in (info.get("dataset_metadata"), info.get("layer_metadata")):
        for key, value in (metadata or {}).items():
            if key.lower() in {"attribution", "copyright", "licence", "license"} and value:
                text = str(value).strip()
                if text not in found:
                    found.append(text)
    return "; ".join(found)


def check_crs(layers: list[VectorLayer], given_crs: str | None) -> None:
    """Give layers without a CRS the ``--crs`` one, or refuse them; never guess."""
    missing = [layer for layer in layers if layer.frame.crs is None]
    if missing and given_crs is None:
        names = _join([layer.label for layer in missing])
        why = tr(".prj missing") if all(layer.is_shapefile for layer in missing) else (
            tr("none is recorded in the file")
        )
        if all(layer.prj_unreadable for layer in missing):
            why = tr("the .prj file holds none Quartier can read")
        raise CRSMissingError(ntr(
            "{names} has no coordinate system ({why}); if its coordinates are "
            "longitude/latitude, add --crs EPSG:4326 (otherwise give the right EPSG code "
            "with --crs).",
            "{names} have no coordinate system ({why}); if their coordinates are "
            "longitude/latitude, add --crs EPSG:4326 (otherwise give the right EPSG code "
            "with --crs).", len(missing), names=names, why=why))
    for layer in missing:
        layer.frame = layer.frame.set_crs(given_crs)
        layer.crs_given = True


def _join(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else tr("{names} and {last}", names=", ".join(names[:-1]),
                                               last=names[-1])


def prepare(layer: VectorLayer, notes: list[str]) -> None:
    """Reproject to WGS84, repair invalid geometries, drop empty ones, split multi-lines."""
    frame = layer.frame
    given = frame.crs
    if not frame.crs.equals(WGS84):
        try:
            frame = frame.to_crs(WGS84)
        except Exception as error:  # pyproj raises several kinds
            raise InputFileError(tr(
                "{layer} cannot be converted to longitude/latitude from its coordinate "
                "system ({crs}): {error}.", layer=layer.label, crs=given.to_string(),
                error=error)) from error
    kept, unplaceable = vector_sources.drop_unplaceable(frame, layer.label)
    if unplaceable and _has_geometry(kept):
        # A few features with NaN or off-Earth coordinates are left out; when none
        # is left, the coordinate system is what is wrong (refused just below).
        frame = kept
        notes.extend(unplaceable)
    geometry = np.asarray(frame.geometry.array, dtype=object)
    present = ~(shapely.is_missing(geometry) | shapely.is_empty(geometry))
    if present.any():
        _check_coordinates(layer, shapely.total_bounds(geometry[present]), given)
    invalid = present & ~shapely.is_valid(geometry)
    if invalid.any():
        fixed = shapely.make_valid(geometry[invalid])
        families = tags.families_of(geometry[invalid])
        geometry[invalid] = [tags.keep_family(g, f) for g, f in zip(fixed, families, strict=True)]
        notes.append(ntr("{layer}: {n} invalid geometry was repaired.",
                         "{layer}: {n} invalid geometries were repaired.", int(invalid.sum()),
                         layer=layer.label))
    frame = frame.set_geometry(gpd.GeoSeries(geometry, index=frame.index, crs=WGS84))
    keep = ~(shapely.is_missing(geometry) | shapely.is_empty(geometry))
    if not keep.all():
        notes.append(ntr("{layer}: {n} feature without a geometry was left out.",
                         "{layer}: {n} features without a geometry were left out.",
                         int((~keep).sum()), layer=layer.label))
        frame = frame[keep]
    types = shapely.get_type_id(np.asarray(frame.geometry.array, dtype=object))
    multi = np.isin(types, [shapely.GeometryType.MULTILINESTRING, shapely.GeometryType.MULTIPOINT])
    if multi.any() and not layer.reference:
        # Each part of a multi-line is a road of its own (as the project stores roads);
        # multi-polygons stay whole: one building, one outline.
        parts = frame[multi].explode(index_parts=False)
        frame = pd.concat([frame[~multi], parts]).sort_index(kind="stable")
    layer.frame = frame.reset_index(drop=True)
    layer.families = tags.families_of(np.asarray(layer.frame.geometry.array, dtype=object))
    layer.views, layer.originals, layer.osm_derived = tags.attribute_views(
        layer.frame, layer.families
    )
    layer.osm_derived = layer.osm_derived or tags.names_osm(layer.path.stem, layer.name) or (
        "openstreetmap" in layer.attribution.lower()
    )
    if layer.osm_derived:
        layer.data_date = tags.newest_edit(layer.views)


def _has_geometry(frame: gpd.GeoDataFrame) -> bool:
    geometry = np.asarray(frame.geometry.array, dtype=object)
    return bool((~(shapely.is_missing(geometry) | shapely.is_empty(geometry))).any())


def _check_coordinates(layer: VectorLayer, bounds: np.ndarray, crs: CRS) -> None:
    """Refuse coordinates that cannot be in the layer's CRS (a wrong .prj or --crs)."""
    west, south, east, north = (float(v) for v in bounds)
    if not np.isfinite(bounds).all():
        raise InputFileError(tr(
            "The coordinates of {layer} are not numbers (NaN or infinite) in every "
            "feature: the file is damaged. Export it again; nothing was created.",
            layer=layer.label))
    fits = -180.5 <= west <= east <= 180.5 and -90.5 <= south <= north <= 90.5
    area = crs.area_of_use
    if fits and area is not None:
        margin = 2.0  # degrees: data is often drawn a little beyond a zone's edge
        fits = south <= area.north + margin and north >= area.south - margin
        if area.west <= area.east:  # (an area across the antimeridian: latitude only)
            fits = fits and west <= area.east + margin and east >= area.west - margin
    if fits:
        return
    where = crs.to_string()
    if area is not None:
        where = tr("{crs}, made for longitudes {west:g} to {east:g} and latitudes {south:g} to "
                   "{north:g}", crs=where, west=area.west, east=area.east, south=area.south,
                   north=area.north)
    fix = (
        tr("give the coordinate system it was made in with --crs") if layer.crs_given
        else tr("its coordinate system file is probably wrong: ask whoever made the layer")
    )
    raise InputFileError(tr(
        "The coordinates of {layer} do not fit its coordinate system ({where}): read that way "
        "they would lie at longitude {lon:.6g}, latitude {lat:.6g}; {fix}.", layer=layer.label,
        where=where, lon=(west + east) / 2, lat=(south + north) / 2, fix=fix))
