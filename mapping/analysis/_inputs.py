"""Inputs of an exposure analysis: a hazard layer classed by a scheme, the areas, the layer.

Read from the project once, checked, and turned into plain arrays (shapely 2
geometries in EPSG:4326, numpy class indices) that :mod:`mapping.analysis.exposure`
counts on; each problem is one plain sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from affine import Affine

from layers.errors import EmptyExtractError, ValidationError
from layers.hazards import find_column
from layers.i18n import tr
from mapping import hazard_store
from mapping.analysis import _overlay
from mapping.analysis._types import TAG_KEYS
from mapping.analysis.schemes import ClassScheme, scheme_for_layer
from mapping.project import Project

#: Attributes read as people when no --population-field is given.
POPULATION_NAMES = ("population", "pop", "people", "jiwa")
#: Attributes read from an exposure layer (besides --type-field and --population-field).
_USED_COLUMNS = ("tags", *TAG_KEYS, *POPULATION_NAMES)


@dataclass
class HazardZones:
    """A hazard layer ready for overlay: classed zones (vector) or a classed grid (raster)."""

    #: Layer name.
    name: str
    #: The classes.
    scheme: ClassScheme
    #: Vector: zone geometries in a class (EPSG:4326).
    zones: np.ndarray | None = None
    #: Vector: class index of each zone (1..n).
    zone_codes: np.ndarray | None = None
    #: Raster: class index of each cell (0 = none).
    grid_codes: np.ndarray | None = None
    #: Raster: cell grid.
    transform: Affine | None = None
    #: (west, south, east, north) of the layer.
    extent: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)

    def split_parts(self) -> tuple[np.ndarray, np.ndarray]:
        """Disjoint zone parts and their classes, for splitting lines and polygons."""
        if self.grid_codes is not None and self.transform is not None:
            return _overlay.polygonize(self.grid_codes, self.transform)
        assert self.zones is not None and self.zone_codes is not None
        order = np.lexsort((np.arange(len(self.zones)), -self.zone_codes))
        parts = _overlay.disjoint(self.zones, order)
        keep = ~shapely.is_empty(parts)
        return parts[keep], self.zone_codes[keep]


@dataclass
class Areas:
    """The areas results are broken down by (wards, a grid), in their fixed order."""

    #: Name of each area.
    names: list[str]
    #: Geometry of each area (EPSG:4326).
    geometries: np.ndarray
    #: Whether these are real areas (False: the project area only, not reported).
    reported: bool = True


def load_hazard(project: Project, name: str, scheme: ClassScheme | None = None) -> HazardZones:
    """A hazard layer's zones or grid, classed by ``scheme`` (default: its stored classes)."""
    infos = {info.name: info for info in hazard_store.list_hazard_layers(project)}
    if name not in infos:
        known = ", ".join(infos) or "none"
        raise ValidationError(tr("{project} has no hazard layer named {hazard} (its hazard "
                                 "layers: {layers}).", project=project.path.name, hazard=name,
                                 layers=known))
    info = infos[name]
    chosen = scheme or scheme_for_layer(info.classification, info.kind)
    if not chosen.affected_mask().any():
        raise ValidationError(tr("No class of the hazard {hazard} is marked affected: say "
                                 "which classes are (e.g. --classes "
                                 "\"dry:0:1:no,wet:1::yes\").", hazard=name))
    if info.kind == "raster":
        if not chosen.numeric:
            raise ValidationError(tr("{hazard} is a raster of numbers: its classes need "
                                     "intervals, not words.", hazard=name))
        raster = hazard_store.read_hazard_raster(project, name)
        codes = chosen.classify_numbers(raster.values)
        return HazardZones(name=name, scheme=chosen, grid_codes=codes,
                           transform=raster.transform, extent=raster.bounds)
    frame = hazard_store.read_hazard_vector(project, name)
    if len(frame) == 0:
        raise EmptyExtractError(tr("The hazard layer {hazard} has no features.",
                                   hazard=name))
    attribute = chosen.attribute
    if scheme is not None and attribute is None:
        attribute = info.classification.attribute
        if attribute is None:
            raise ValidationError(tr("{hazard} has no attribute to classify (every feature "
                                     "has one class): leave out --scheme and --classes.",
                                     hazard=name))
    column = find_column(frame, attribute or "hazard_class")
    values = frame[column]
    numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
    if numeric and chosen.numeric:
        codes = chosen.classify_numbers(pd.to_numeric(values, errors="coerce").to_numpy("float64"))
    elif chosen.has_words:
        codes = chosen.classify_words(values.to_numpy(dtype=object))
        given = sorted({str(v) for v in values.dropna()})
        if given and not codes.any():
            shown = ", ".join(given[:6]) + (", ..." if len(given) > 6 else "")
            raise ValidationError(tr("None of the values of {column} in {hazard} ({values}) "
                                     "is a class of these classes ({classes}).",
                                     column=column, hazard=name, values=shown,
                                     classes=", ".join(chosen.names)))
    else:
        raise ValidationError(tr("{column} of {hazard} holds words; these classes are "
                                 "intervals of numbers: use a scheme with words (generic, "
                                 "flood_wet_dry).", column=column, hazard=name))
    geometries = _valid(frame.geometry.to_numpy())
    keep = (codes > 0) & ~shapely.is_empty(geometries)
    west, south, east, north = (float(v) for v in frame.total_bounds)
    return HazardZones(name=name, scheme=chosen, zones=geometries[keep],
                       zone_codes=codes[keep].astype(np.int16),
                       extent=(west, south, east, north))


def _valid(geometries: np.ndarray) -> np.ndarray:
    """The geometries made valid; those already valid (most) are kept as they are."""
    valid = shapely.is_valid(geometries)
    if valid.all():
        return geometries
    out = geometries.copy()
    out[~valid] = shapely.make_valid(geometries[~valid])
    return out


def load_areas(project: Project, by: str | None, by_field: str | None) -> Areas:
    """The areas to break results down by, or the project area (not reported)."""
    if by is None:
        if by_field is not None:
            raise ValidationError(tr("--by-field names the areas of --by: give --by "
                                     "AREA_LAYER too."))
        west, south, east, north = project.metadata.area_of_interest
        return Areas(["project area"], np.array([shapely.box(west, south, east, north)]),
                     reported=False)
    frame = read_layer(project, by, "area")
    polygons = frame.geometry.notna() & frame.geometry.geom_type.isin(["Polygon",
                                                                      "MultiPolygon"])
    frame = frame[polygons]
    if len(frame) == 0:
        raise EmptyExtractError(tr("The area layer {layer} has no polygons to break results "
                                   "down by.", layer=by))
    if by_field is None:
        candidates = [c for c in frame.columns if str(c).casefold() in
                      ("name", "area_name", "aggregation_name", "nama")]
        if not candidates:
            raise ValidationError(tr("The areas of {layer} have no name attribute: say "
                                     "which attribute names them with --by-field.",
                                     layer=by))
        column = candidates[0]
    else:
        column = find_column(frame, by_field)
    names = frame[column]
    given = names.notna() & (names.astype(str).str.strip() != "")
    if not given.any():
        raise ValidationError(tr("The areas of {layer} have no names in {column}: choose "
                                 "another attribute with --by-field.", layer=by,
                                 column=column))
    labels = [str(value).strip() if ok else f"{by} {fid} (no name)"
              for fid, value, ok in zip(frame.index, names, given, strict=True)]
    return Areas(labels, _valid(frame.geometry.to_numpy()))


def read_layer(project: Project, name: str, what: str,
                wanted: list[str] | None = None) -> gpd.GeoDataFrame:
    """A vector layer in EPSG:4326; with ``wanted``, only the columns exposure may use."""
    kinds = project.layer_kinds()
    if name not in kinds:
        raise ValidationError(tr("{project} has no layer named {layer} (its layers: "
                                 "{layers}).", project=project.path.name, layer=name,
                                 layers=", ".join(sorted(kinds))))
    if kinds[name] == "hazard" and _is_raster_hazard(project, name):
        if what == "area":
            raise ValidationError(tr("{layer} is a raster; the area layer must be a vector "
                                     "layer.", layer=name))
        raise ValidationError(tr("{layer} is a raster; the exposure layer must be a vector "
                                 "layer.", layer=name))
    columns = None
    if wanted is not None:
        fields = project.layer_fields(name)
        keep = {word.casefold() for word in (*wanted, *_USED_COLUMNS)}
        columns = [f for f in fields if f.casefold() in keep]
    frame = project.read_layer(name, columns=columns, arrow=wanted is not None)
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(4326)
    return frame


def _is_raster_hazard(project: Project, name: str) -> bool:
    return any(info.name == name and info.kind == "raster"
               for info in hazard_store.list_hazard_layers(project))


def read_exposure(project: Project, name: str, hazard: str, wanted: list[str]
                   ) -> gpd.GeoDataFrame:
    if name == hazard:
        raise ValidationError(tr("The exposure layer and the hazard layer are the same "
                                 "layer."))
    return read_layer(project, name, "exposure", wanted)
