"""Exposure analysis: what of a layer lies in each hazard class, per area and per type.

``analyse(project, hazard="flood", exposure="buildings", by="wards")`` answers
"which homes, schools and clinics are exposed, and where", with the counting rules
InaSAFE uses, so that figures can be compared with it and nothing is counted twice:

* **buildings and points are indivisible**: each takes the *highest* class of any
  hazard zone it touches (not its centroid's); on a raster hazard, the highest
  class of every cell its footprint covers or touches (a point: its cell). Each is
  counted once, in one area: the first area it touches, in the area layer's order;
* **lines** (roads) are split at hazard-zone and area boundaries; each piece is
  measured in metres on the WGS84 ellipsoid (geodesic);
* **polygons** (land use) are split likewise and measured in hectares, geodesic;
* **population** from a polygon layer with a population field is split in
  proportion to (geodesic) area; from a population raster (``population=FILE``), each
  cell counts whole in the zone and area holding its centre;
* with ``by`` only what lies in the areas' union counts; without it, what touches the
  project area;
* where hazard zones overlap, a piece takes the higher class; where areas overlap,
  the first area.

A feature in no class is "not exposed"; ``totals`` splits the rest into the classes
marked affected and those not (see :mod:`mapping.analysis.schemes`).

The result's :meth:`ExposureResult.to_json` is one stable object::

    {"hazard": "flood_2007",            # hazard layer name
     "exposure": "buildings",           # exposure layer name (or population file name)
     "measure": "count",                # "count" | "length_m" | "area_ha" | "people"
     "classes": {"low": 12, "medium": 30, "high": 4},   # every class, lowest first
     "totals": {"affected": 34, "not_affected": 12,     # affected: classes marked affected
                "exposed": 46, "not_exposed": 154,      # exposed: in any class
                "total": 200},                          # everything analysed
     "by_area": {"RW 01": {"low": 2, "medium": 5, "high": 0, "affected": 5}, ...},
     "by_type": {"residential": {"low": 10, ...}, "education": {...}, ...}}

``by_area`` is ``{}`` without an area layer; ``by_type`` (residential, education,
health, worship, government, commercial, other) is given for counts only, ``{}``
for lengths, areas and people. Counts are integers; lengths are metres rounded to
0.01, areas hectares rounded to 0.0001, people rounded to 0.01.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from layers.errors import (
    CRSMissingError,
    EmptyExtractError,
    InputFileError,
    OutsideAreaError,
    ValidationError,
)
from layers.hazards import find_column
from layers.i18n import tr
from mapping.analysis import _overlay
from mapping.analysis._inputs import (
    POPULATION_NAMES,
    Areas,
    HazardZones,
    load_areas,
    load_hazard,
    read_exposure,
)
from mapping.analysis._types import TYPES, feature_types, json_tags
from mapping.analysis.schemes import ClassScheme
from mapping.project import Project

#: What is measured.
MEASURES = ("count", "length_m", "area_ha", "people")
_DECIMALS = {"count": 0, "length_m": 2, "area_ha": 4, "people": 2}
#: Polygon layers counted as indivisible buildings, by name.
_BUILDING_WORDS = ("building", "structure", "house", "school", "facilit", "shelter")

__all__ = ["Areas", "ExposureResult", "HazardZones", "analyse", "exposure_of", "load_areas",
           "load_hazard", "population_raster_exposure"]


@dataclass
class ExposureResult:
    """Figures of one exposure analysis; :meth:`to_json` gives the documented object."""

    #: Hazard layer name.
    hazard: str
    #: Exposure layer name.
    exposure: str
    #: "count", "length_m", "area_ha" or "people".
    measure: str
    #: The classes, lowest first.
    scheme: ClassScheme
    #: Value per class, lowest first.
    classes: dict[str, float]
    #: Everything analysed (exposed or not).
    total: float
    #: Area name -> class -> value.
    by_area: dict[str, dict[str, float]] = field(default_factory=dict)
    #: Type -> class -> value (counts only).
    by_type: dict[str, dict[str, float]] = field(default_factory=dict)
    #: Count measure: class index of each analysed feature (0 = not exposed), by fid.
    feature_classes: pd.Series | None = None
    #: Per analysed feature or piece, for saving the result as a layer (EPSG:4326):
    #: ``geometry``, ``class_index`` (0 = not exposed), ``area`` (name or None),
    #: ``type`` (counts) and the piece's ``length_m`` / ``area_ha`` / ``people`` (split
    #: layers: the pieces inside a hazard class only; what lies in none is in the
    #: totals). None for a population raster. A count makes it when first read.
    _pieces: gpd.GeoDataFrame | None = field(default=None, repr=False)
    _pieces_later: Callable[[], gpd.GeoDataFrame] | None = field(default=None, repr=False)
    #: Split layers: makes the pieces that lie in no hazard class, in the same columns
    #: (``class_index`` 0), only when asked (saving the result as a layer).
    unexposed: Callable[[], gpd.GeoDataFrame] | None = None

    @property
    def pieces(self) -> gpd.GeoDataFrame | None:
        """Per analysed feature or piece (see above); made on first use for counts."""
        if self._pieces_later is not None:
            self._pieces, self._pieces_later = self._pieces_later(), None
        return self._pieces

    @pieces.setter
    def pieces(self, value: gpd.GeoDataFrame | None) -> None:
        self._pieces, self._pieces_later = value, None

    def _round(self, value: float) -> float | int:
        decimals = _DECIMALS[self.measure]
        return int(round(value)) if decimals == 0 else round(float(value), decimals)

    @property
    def totals(self) -> dict[str, float | int]:
        """Affected, not affected, exposed, not exposed and total."""
        affected = sum(self.classes[c.name] for c in self.scheme.classes if c.affected)
        not_affected = sum(self.classes[c.name] for c in self.scheme.classes if not c.affected)
        exposed = affected + not_affected
        return {"affected": self._round(affected), "not_affected": self._round(not_affected),
                "exposed": self._round(exposed),
                "not_exposed": self._round(max(self.total - exposed, 0.0)),
                "total": self._round(self.total)}

    def to_json(self) -> dict[str, Any]:
        """The documented JSON object (see the module docstring)."""
        affected = [c.name for c in self.scheme.classes if c.affected]
        by_area = {}
        for name, values in self.by_area.items():
            row = {c: self._round(values.get(c, 0.0)) for c in self.scheme.names}
            row["affected"] = self._round(sum(values.get(c, 0.0) for c in affected))
            by_area[name] = row
        return {
            "hazard": self.hazard, "exposure": self.exposure, "measure": self.measure,
            "classes": {c: self._round(self.classes[c]) for c in self.scheme.names},
            "totals": self.totals,
            "by_area": by_area,
            "by_type": {kind: {c: self._round(values.get(c, 0.0)) for c in self.scheme.names}
                        for kind, values in self.by_type.items()},
        }


# ---------------------------------------------------------------- the entry point


def analyse(
    project: Project,
    hazard: str,
    exposure: str | None = None,
    *,
    by: str | None = None,
    by_field: str | None = None,
    type_field: str | None = None,
    scheme: ClassScheme | None = None,
    measure: str | None = None,
    population: str | Path | None = None,
    population_field: str | None = None,
) -> ExposureResult:
    """Exposure of one layer of a project to one hazard layer; nothing is written.

    Parameters
    ----------
    project
        The open project.
    hazard
        A hazard layer (raster or vector) of the project.
    exposure
        A vector layer of the project (buildings, roads, pois, landuse, a reference
        layer...). Leave it out with ``population``.
    by, by_field
        An area layer (polygons) and the attribute naming each area (default: a
        ``name`` attribute).
    type_field
        Attribute giving each feature's type (default: OSM tags).
    scheme
        The hazard classes (default: from the hazard layer's stored classification).
        Without an ``attribute``, a vector hazard is read on its classification
        attribute (or its stored ``hazard_class`` for the layer's own scheme).
    measure
        Force "count", "length_m", "area_ha" or "people" (default: from the geometry).
    population
        A population raster file (people per cell) analysed instead of a layer.
    population_field
        Polygon layer: the attribute holding people (default: ``population``, if any).

    Raises
    ------
    QuartierError
        One plain sentence: unknown layer, no class affected, empty layer, layer
        outside the hazard, areas with no names...
    """
    if measure is not None and measure not in MEASURES:
        raise ValidationError(tr("{measure} is not a measure; use one of {measures}.",
                                 measure=repr(measure), measures=", ".join(MEASURES)))
    zones = load_hazard(project, hazard, scheme)
    areas = load_areas(project, by, by_field)
    if population is not None:
        return population_raster_exposure(zones, Path(population), areas)
    if exposure is None:
        raise ValidationError(tr("Say what to analyse: an exposure layer, or a population "
                                 "raster."))
    frame = read_exposure(project, exposure, hazard,
                           [name for name in (type_field, population_field) if name])
    return exposure_of(zones, frame, exposure, areas, type_field=type_field, measure=measure,
                       population_field=population_field)


def exposure_of(
    zones: HazardZones,
    frame: gpd.GeoDataFrame,
    name: str,
    areas: Areas,
    *,
    type_field: str | None = None,
    measure: str | None = None,
    population_field: str | None = None,
) -> ExposureResult:
    """Exposure of loaded features (EPSG:4326) to loaded hazard zones, by areas."""
    geometries = frame.geometry.to_numpy()
    with ThreadPoolExecutor(max_workers=2) as pool:  # GEOS runs without Python's lock
        kinds_job = pool.submit(shapely.get_type_id, geometries)
        boxes_job = pool.submit(shapely.bounds, geometries)
        counts = shapely.get_num_coordinates(geometries)
        kinds, boxes = kinds_job.result(), boxes_job.result()
    present = counts > 0  # neither missing nor empty
    if not present.all():
        frame, geometries, counts = frame[present], geometries[present], counts[present]
        kinds, boxes = kinds[present], boxes[present]
    if len(frame) == 0:
        raise EmptyExtractError(tr("The layer {layer} has no features: there is nothing to "
                                   "analyse.", layer=name))
    west, south, east, north = zones.extent
    if not _overlay.in_box(geometries, (west, south, east, north), boxes).any():
        raise OutsideAreaError(tr("No feature of {layer} lies on the hazard layer {hazard}: "
                                  "they cover different places.", layer=name,
                                  hazard=zones.name))
    if type_field is not None:
        frame = frame.assign(quartier_type=_type_values(frame, type_field))
        type_field = "quartier_type"
    people = None
    if measure in (None, "people"):
        people = _population_column(frame, name, population_field, required=measure == "people")
    chosen = measure or ("people" if people is not None else _measure_for(kinds, name))
    if chosen == "count":
        return _count(zones, frame, geometries, name, areas, type_field, boxes, counts)
    values = None
    if chosen == "people":
        assert people is not None
        values = pd.to_numeric(frame[people], errors="coerce").fillna(0).to_numpy("float64")
    return _split(zones, geometries, name, areas, chosen, values)

def _type_values(frame: gpd.GeoDataFrame, type_field: str) -> pd.Series:
    """The values of ``type_field``: a column, or a key of the ``tags`` JSON of base layers."""
    try:
        return frame[find_column(frame, type_field)]
    except InputFileError:
        if "tags" not in frame.columns:
            raise
    values = [json_tags(text).get(type_field) for text in frame["tags"]]
    if all(value is None for value in values):
        raise InputFileError(tr("The layer has no attribute or tag {field}.",
                                field=repr(type_field)))
    return pd.Series(values, index=frame.index, dtype=object)


def _measure_for(type_ids: np.ndarray, name: str) -> str:
    """What to measure of features of these geometry types (shapely's type ids)."""
    kinds = set((np.flatnonzero(np.bincount(type_ids + 1)) - 1).tolist())
    if kinds & {0, 4}:  # points: indivisible
        return "count"
    if kinds & {1, 2, 5}:
        return "length_m"
    if any(word in name.casefold() for word in _BUILDING_WORDS):
        return "count"
    return "area_ha"


def _population_column(frame: gpd.GeoDataFrame, name: str, field_name: str | None,
                       required: bool) -> str | None:
    if field_name is not None:
        return find_column(frame, field_name)
    for column in frame.columns:
        if str(column).casefold() in POPULATION_NAMES:
            types = set(shapely.get_type_id(frame.geometry.to_numpy()).tolist())
            if types <= {3, 6}:
                return str(column)
    if required:
        raise ValidationError(tr("{layer} has no population attribute: name it with "
                                 "--population-field.", layer=name))
    return None


# ---------------------------------------------------------------- counting rules


def _count(zones: HazardZones, frame: gpd.GeoDataFrame, geometries: np.ndarray, name: str,
           areas: Areas, type_field: str | None, boxes: np.ndarray | None = None,
           counts: np.ndarray | None = None) -> ExposureResult:
    """Indivisible features: highest class touched, first area touched, counted once."""
    if areas.reported:
        area_index = _overlay.first_area(geometries, areas.geometries)
    else:
        area_index = np.where(_overlay.in_box(geometries, areas.geometries[0].bounds, boxes),
                              0, -1)
    inside = area_index >= 0
    if not inside.all():
        geometries, area_index = geometries[inside], area_index[inside]
        counts = counts[inside] if counts is not None else None
        boxes = boxes[inside] if boxes is not None else None
        frame = frame[inside]
    with ThreadPoolExecutor(max_workers=1) as side:
        # The types are read from the tags while GEOS classes the features (it runs
        # without Python's lock on the other threads).
        types_job = side.submit(feature_types, frame, type_field)
        if zones.grid_codes is not None and zones.transform is not None:
            codes = _overlay.max_class_raster(geometries, zones.grid_codes, zones.transform)
        else:
            assert zones.zones is not None and zones.zone_codes is not None
            codes = _overlay.max_class_vector(geometries, zones.zones, zones.zone_codes, counts,
                                                  boxes)
        types = types_job.result()
    names = zones.scheme.names
    per_class = np.bincount(codes, minlength=len(names) + 1)
    result = ExposureResult(
        hazard=zones.name, exposure=name, measure="count", scheme=zones.scheme,
        classes={c: float(per_class[i + 1]) for i, c in enumerate(names)},
        total=float(len(codes)),
        feature_classes=pd.Series(codes, index=frame.index, name="hazard_class"))
    if areas.reported:
        table = np.zeros((len(areas.names), len(names) + 1))
        np.add.at(table, (area_index, codes), 1)
        result.by_area = _by_name(areas.names, table, names)
    index = frame.index
    # Only saving the result as a layer needs every feature in a frame.
    result._pieces_later = lambda: gpd.GeoDataFrame(
        {"class_index": codes.astype(np.int64),
         "area": np.asarray(areas.names, dtype=object)[area_index] if areas.reported
         else None,
         "type": types},
        geometry=geometries, crs=4326, index=index)
    width = len(names) + 1
    kind_index, kinds = pd.factorize(types)
    position = {str(kind): i for i, kind in enumerate(kinds)}
    per_type = np.bincount(kind_index * width + codes, minlength=len(kinds) * width)
    per_type = per_type.reshape(len(kinds), width)
    for kind in TYPES:
        counts = per_type[position[kind]] if kind in position else np.zeros(width)
        result.by_type[kind] = {c: float(counts[i + 1]) for i, c in enumerate(names)}
    return result


def _split(zones: HazardZones, geometries: np.ndarray, name: str, areas: Areas, measure: str,
           people: np.ndarray | None) -> ExposureResult:
    """Divisible features: split at area and zone boundaries, each piece measured."""
    names = zones.scheme.names
    area_parts = areas.geometries
    if areas.reported and len(area_parts) > 1:
        area_parts = _overlay.disjoint(area_parts, np.arange(len(area_parts)))
    feature, area_index, in_area = _overlay.pieces(geometries, area_parts)
    measure_of = _overlay.geodesic_lengths if measure == "length_m" else _overlay.geodesic_areas
    scale = 1e-4 if measure == "area_ha" else 1.0
    weights = np.full(len(feature), scale)
    if people is not None:
        whole = measure_of(geometries)
        with np.errstate(divide="ignore", invalid="ignore"):
            per_unit = np.where(whole > 0, people / whole, 0.0)
        weights = per_unit[feature]
    area_measure = measure_of(in_area)
    lines = measure == "length_m"
    if lines:  # a road along the edge of two areas goes to the first
        area_measure, in_area = _overlay.shared_edges_once(
            feature, area_index, in_area, measure_of(geometries), area_measure)
    area_amount = area_measure * weights
    zone_parts, zone_codes = zones.split_parts()
    piece_of, part, cut = _overlay.pieces(in_area, zone_parts)
    codes = zone_codes[part] if len(part) else np.array([], dtype=np.int16)
    piece_measure = measure_of(cut)
    if lines:  # a road along the edge of two zones takes the higher class
        piece_measure, cut = _overlay.shared_edges_once(
            piece_of, -codes.astype(np.int64), cut, area_measure, piece_measure)
    amount = piece_measure * weights[piece_of]
    table = np.zeros((len(area_parts), len(names) + 1))
    np.add.at(table, (area_index[piece_of], codes), amount)
    exposed_by_area = table[:, 1:].sum(axis=1)
    totals_by_area = np.bincount(area_index, weights=area_amount, minlength=len(area_parts))
    table[:, 0] = np.maximum(totals_by_area - exposed_by_area, 0.0)
    per_class = table.sum(axis=0)
    result = ExposureResult(
        hazard=zones.name, exposure=name, measure=measure, scheme=zones.scheme,
        classes={c: float(per_class[i + 1]) for i, c in enumerate(names)},
        total=float(totals_by_area.sum()))
    if areas.reported:
        result.by_area = _by_name(areas.names, table, names)
    column = "length_m" if lines else "area_ha"
    result.pieces = gpd.GeoDataFrame(
        {"class_index": codes.astype(np.int64),
         "area": np.asarray(areas.names, dtype=object)[area_index[piece_of]]
         if areas.reported else None,
         column: piece_measure * (1.0 if lines else 1e-4)},
        geometry=cut, crs=4326)
    if people is not None:
        result.pieces["people"] = amount

    def unexposed() -> gpd.GeoDataFrame:
        rest = in_area.copy()
        order = np.argsort(piece_of, kind="stable")
        for group in np.split(order, np.flatnonzero(np.diff(piece_of[order])) + 1):
            if len(group):
                owner = piece_of[group[0]]
                rest[owner] = shapely.difference(in_area[owner], shapely.union_all(cut[group]))
        rest_measure = measure_of(rest)
        keep = ~shapely.is_empty(rest) & (rest_measure > 1e-6)
        frame = gpd.GeoDataFrame(
            {"class_index": np.zeros(int(keep.sum()), dtype=np.int64),
             "area": np.asarray(areas.names, dtype=object)[area_index[keep]]
             if areas.reported else None,
             column: rest_measure[keep] * (1.0 if lines else 1e-4)},
            geometry=rest[keep], crs=4326)
        if people is not None:
            frame["people"] = rest_measure[keep] * weights[keep]
        return frame

    result.unexposed = unexposed
    return result


def population_raster_exposure(zones: HazardZones, path: Path, areas: Areas) -> ExposureResult:
    """People per class from a population raster: each cell counts where its centre lies."""
    import rasterio
    from pyproj import CRS, Transformer
    from rasterio.errors import RasterioError

    try:
        with rasterio.open(path) as dataset:
            counts = dataset.read(1, masked=True).astype("float64").filled(0.0)
            transform, crs = dataset.transform, dataset.crs
    except (RasterioError, OSError) as error:
        raise InputFileError(tr("{file} cannot be read as a population raster.",
                                file=path.name)) from error
    if crs is None:
        raise CRSMissingError(tr("{file} has no coordinate system (no .prj beside it).",
                                 file=path.name))
    counts[~np.isfinite(counts) | (counts < 0)] = 0.0
    rows, cols = np.nonzero(counts)
    xs = transform.c + (cols + 0.5) * transform.a + (rows + 0.5) * transform.b
    ys = transform.f + (cols + 0.5) * transform.d + (rows + 0.5) * transform.e
    if CRS.from_user_input(crs) != CRS.from_epsg(4326):
        xs, ys = Transformer.from_crs(crs, 4326, always_xy=True).transform(xs, ys)
    centres = shapely.points(xs, ys)
    values = counts[rows, cols]
    area_index = _overlay.first_area(centres, areas.geometries)
    inside = area_index >= 0
    centres, values, area_index = centres[inside], values[inside], area_index[inside]
    west, south, east, north = zones.extent
    if not shapely.intersects(centres, shapely.box(west, south, east, north)).any():
        raise OutsideAreaError(tr("No populated cell of {file} lies on the hazard layer "
                                  "{hazard}: they cover different places.", file=path.name,
                                  hazard=zones.name))
    if zones.grid_codes is not None and zones.transform is not None:
        codes = _overlay.max_class_raster(centres, zones.grid_codes, zones.transform)
    else:
        assert zones.zones is not None and zones.zone_codes is not None
        codes = _overlay.max_class_vector(centres, zones.zones, zones.zone_codes)
    names = zones.scheme.names
    table = np.zeros((len(areas.names), len(names) + 1))
    np.add.at(table, (area_index, codes), values)
    per_class = table.sum(axis=0)
    result = ExposureResult(
        hazard=zones.name, exposure=path.stem, measure="people", scheme=zones.scheme,
        classes={c: float(per_class[i + 1]) for i, c in enumerate(names)},
        total=float(values.sum()))
    if areas.reported:
        result.by_area = _by_name(areas.names, table, names)
    return result


def _by_name(area_names: list[str], table: np.ndarray, names: list[str]
             ) -> dict[str, dict[str, float]]:
    """Class values per area name (areas sharing a name are added up)."""
    out: dict[str, dict[str, float]] = {}
    for area, row in zip(area_names, table, strict=True):
        values = out.setdefault(area, dict.fromkeys(names, 0.0))
        for i, c in enumerate(names):
            values[c] += float(row[i + 1])
    return out
