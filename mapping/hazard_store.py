"""Hazard and reference layers inside a project: adding, reading back, reclassifying.

Everything stays in the project's one GeoPackage, which QGIS and GDAL open as is:

* a **raster hazard** (flood depth...) is a GeoPackage *2D gridded coverage*
  (OGC 17-066r1) table written by GDAL: Float32 cells in lossless TIFF tiles, the
  nodata value in ``gpkg_2d_gridded_coverage_ancillary.data_null``. Only the part
  covering the project area plus a margin is kept. Classes are not stored: they
  follow from the values and the classes kept in the layer's style, so
  changing the classes rewrites one row, never the cells;
* a **vector hazard** is a feature table with the source attributes and a
  ``hazard_class`` column (0 = no class, 1..N lowest to highest);
* a **reference layer** (a survey, reported floods) is a feature table as read.

Rasters are stored in **EPSG:4326**, not in the working UTM CRS: every vector
layer of a project is in EPSG:4326, so "which class is this building in" is a
cell lookup with no reprojection; and hazard rasters are mostly published in
WGS84 (InaSAFE, flood models), so they are kept on their own grid, cell for cell,
with no resampling at all. A raster in another CRS is reprojected once, by
nearest neighbour, so no value is invented. The renderer warps the small
clipped grid to the working CRS for display (a neighbourhood spans a fraction
of a degree, where that warp is close to affine).

Every import is written by GDAL into a temporary GeoPackage, then copied into the
project in one transaction (:meth:`mapping.store.ProjectStore.write_layer`): a crash, an
error or a cancel leaves the project as it was, and an edit saved meanwhile by another
process is never lost. Reclassifying is one transaction.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from layers.errors import ValidationError
from layers.hazard_classes import (
    ClassScheme,
    HazardClass,
    HazardLegend,
    HazardType,
    Thresholds,
    class_colours,
    word_key,
)
from layers.hazards import (
    DEFAULT_OPACITY,
    DEFAULT_THRESHOLDS,
    UNITS,
    Classification,
    ClassificationMethod,
    check_classes,
    choose_classification,
    classify_features,
    find_column,
    legend_for,
)
from layers.i18n import tr
from mapping.project import Project
from mapping.store import LayerKind, LayerRecord, RasterLayer

if TYPE_CHECKING:  # GDAL, geopandas and pandas are loaded by the functions that read files
    import geopandas as gpd
    from affine import Affine

    from layers.layer_import import Cancelled, Progress

#: Cell value written where a raster has no data (NaN in memory).
RASTER_NODATA = -9999.0
#: First drawing position of reference layers (above the base, below hazards).
REFERENCE_ORDER = 20
#: First drawing position of hazard layers (below the participatory layers at 100).
HAZARD_ORDER = 50
_NAME = re.compile(r"[a-z][a-z0-9_]{0,49}")
_RESERVED = ("gpkg_", "rtree_", "sqlite_", "quartier_")

#: ``write(record, step)``: writes a layer and its registry row through the project's store.
_Writer = Callable[[LayerRecord, Callable[[float, str], None]], None]


@dataclass
class HazardRaster:
    """A raster hazard read back from a project, ready to draw or analyse."""

    #: Cell values (float32), NaN where there is no data.
    values: np.ndarray
    #: Hazard class of each cell (uint8, 0 = none / no data, 1..N lowest to highest).
    classes: np.ndarray
    #: Cell grid (north-up).
    transform: Affine
    #: CRS of the grid, "EPSG:4326".
    crs: str
    #: Labels and colours of the classes.
    legend: HazardLegend
    #: The classes the cells were classified with.
    scheme: ClassScheme | None = None

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) of the grid."""
        rows, cols = self.values.shape
        west, north = self.transform @ (0, 0)
        east, south = self.transform @ (cols, rows)
        return (min(west, east), min(south, north), max(west, east), max(south, north))


@dataclass(frozen=True)
class HazardLayerInfo:
    """One hazard layer of a project, as the layers panel and legend list it."""

    #: Table name in the GeoPackage.
    name: str
    #: Title shown to people.
    title: str
    #: "raster" or "vector".
    kind: str
    #: What the layer describes.
    hazard_type: HazardType
    #: Labels and colours of its classes.
    legend: HazardLegend
    #: How values become classes.
    classification: Classification
    #: Drawing opacity, 0-1.
    opacity: float


@dataclass
class ImportReport:
    """What an import did, for the status bar or the command line."""

    #: Layer name in the project.
    name: str
    #: "hazard" or "reference".
    kind: str
    #: "raster" or "vector".
    storage: str
    #: Features, or cells of the stored grid.
    count: int
    #: Features or cells in each hazard class (hazard layers).
    class_counts: dict[int, int] = field(default_factory=dict)
    #: Plain sentences: repairs, clipping, reprojection, unclassified values.
    notes: list[str] = field(default_factory=list)


def add_hazard_layer(
    project: Project,
    path: str | Path,
    name: str,
    *,
    title: str | None = None,
    hazard_type: HazardType | str = HazardType.FLOOD,
    attribute: str | None = None,
    thresholds: Thresholds | None = None,
    class_map: dict[str, HazardClass] | None = None,
    single_class: HazardClass | None = None,
    classes: ClassScheme | None = None,
    none_words: tuple[str, ...] = (),
    crs: str | None = None,
    layer: str | None = None,
    allow_outside: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:
    """Import a raster or vector hazard into the project, classified.

    Parameters
    ----------
    project
        The open project.
    path
        GeoTIFF or ESRI ASCII grid (raster); GeoJSON, GeoPackage, Shapefile or KML (vector).
    name
        Layer (table) name: lower-case letters, digits and ``_``.
    title
        Title shown to people (default: from the file name).
    hazard_type
        What the layer describes; picks the default thresholds (flood: 0.5 m, 1.5 m).
    attribute
        Vector only: the attribute holding the hazard (depth, or class words).
    thresholds
        Class breaks for raster values or a numeric attribute.
    class_map
        Vector only: attribute value -> class, e.g. ``{"yes": HazardClass.HIGH}``.
    single_class
        Vector with no attribute: the class of every feature (default medium).
    classes, none_words
        Any number of named classes instead of ``thresholds`` or ``class_map`` (a
        ready-made scheme such as flood4, or classes typed as in
        :func:`set_classes`), and the words put in no class.
    crs
        CRS of a file that has none (never guessed).
    layer
        Layer of a multi-layer file (GeoPackage, KML).
    allow_outside
        Import even if the layer does not overlap the project area.
    progress, cancelled
        Progress callback and cancel check; cancelling raises
        :class:`~layers.errors.CancelledError` and leaves the project unchanged.

    Raises
    ------
    QuartierError
        A plain-sentence error (bad file, no CRS, outside the area, bad options,
        name taken, cancelled); the project is then unchanged.
    """
    try:
        hazard_type = HazardType(hazard_type)
    except ValueError as error:
        raise ValidationError(tr("“{kind}” is not a hazard type; use one of {kinds}.",
                                 kind=hazard_type,
                                 kinds=", ".join(map(str, HazardType)))) from error
    path = Path(path)
    _check_name(project, name)
    title = title or _title_from(path)
    area = project.metadata.area_of_interest
    reading = _scaled(progress, 0.0, 0.6)
    notes: list[str]
    if classes is not None and (thresholds is not None or class_map or single_class is not None):
        raise ValidationError(tr("Give the classes one way: a scheme or your own classes, or "
                                 "--thresholds, --class-map or --class."))
    from layers.layer_import import is_raster, read_raster, read_vector

    if is_raster(path):
        if attribute or class_map or single_class is not None:
            raise ValidationError(tr("A raster hazard is classified by its cell values: use "
                                     "--thresholds, not --attribute, --class-map or --class."))
        chosen = thresholds or DEFAULT_THRESHOLDS.get(hazard_type)
        if chosen is None and classes is None:
            raise ValidationError(tr("There are no standard class breaks for {kind} values: "
                                     "add --thresholds LOW,HIGH.", kind=hazard_type))
        if classes is None:
            classification = Classification(ClassificationMethod.THRESHOLDS, thresholds=chosen)
        else:
            classification = _classification_of(
                name, classes, Classification(ClassificationMethod.THRESHOLDS), "raster")
        raster = read_raster(path, area, crs=crs, allow_outside=allow_outside,
                             progress=reading, cancelled=cancelled)
        codes = classification.scheme().classify_numbers(raster.values)
        count, notes, storage = raster.values.size, list(raster.notes), "raster"

        def write(record: LayerRecord, step: Callable[[float, str], None]) -> None:
            project.store.write_raster(record, RasterLayer(
                values=raster.values, transform=raster.transform, crs=raster.crs,
                field_name=str(hazard_type), unit=UNITS.get(hazard_type, ""),
                description=f"{hazard_type} hazard (Quartier)"),
                order_band=_order_band(record.kind), progress=step)
    else:
        vector = read_vector(path, area, crs=crs, layer=layer, allow_outside=allow_outside,
                             progress=reading, cancelled=cancelled)
        if classes is None:
            classification = choose_classification(vector.frame, hazard_type, attribute,
                                                   thresholds, class_map, single_class)
        else:
            classification = _given_classes(name, vector.frame, attribute, classes, none_words)
        codes, class_notes = classify_features(vector.frame, classification)
        frame = vector.frame.assign(hazard_class=codes.astype("int32"))
        count, notes, storage = len(frame), vector.notes + class_notes, "vector"

        def write(record: LayerRecord, step: Callable[[float, str], None]) -> None:
            project.store.write_layer(record, frame, promote_to_multi=True,
                                      order_band=_order_band(record.kind), progress=step)

    legend = legend_for(hazard_type, classification)
    style = {"storage": storage, "hazard_type": str(hazard_type),
             "classification": classification.to_dict(), **_legend_style(legend),
             "opacity": DEFAULT_OPACITY}
    _save(project, name, LayerKind.HAZARD, title, path.name, style, DEFAULT_OPACITY, write,
          progress, cancelled)
    class_counts = {code: int(np.count_nonzero(codes == code))
                    for code in range(len(classification.classes) + 1)}
    return ImportReport(name=name, kind=str(LayerKind.HAZARD), storage=storage, count=int(count),
                        class_counts=class_counts, notes=notes)


def _given_classes(name: str, frame: gpd.GeoDataFrame, attribute: str | None,
                   classes: ClassScheme, none_words: tuple[str, ...]) -> Classification:
    """A vector's classification from classes given at import: intervals for a numeric
    attribute, words for a text one (which must name some of its values)."""
    if attribute is None:
        raise ValidationError(tr("Classes apply to an attribute: add --attribute FIELD (the "
                                 "depth, or the words that say the class)."))
    import pandas as pd

    column = find_column(frame, attribute)
    values = frame[column]
    numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
    method = ClassificationMethod.THRESHOLDS if numeric else ClassificationMethod.VALUES
    classification = _classification_of(name, classes, Classification(method, attribute=column),
                                        "vector", none_words)
    if not numeric:
        _words_used(name, column, values.dropna().tolist(), classification)
    return classification


def add_reference_layer(
    project: Project,
    path: str | Path,
    name: str,
    crs: str | None = None,
    *,
    title: str | None = None,
    layer: str | None = None,
    allow_outside: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:
    """Import a plain vector layer (a survey, reported floods) as a reference layer.

    Read it back with ``project.read_layer(name)``. Same checks as
    :func:`add_hazard_layer`: known CRS, overlaps the area, geometries repaired.
    """
    from layers.layer_import import is_raster, read_vector

    path = Path(path)
    _check_name(project, name)
    if is_raster(path):
        raise ValidationError(tr("{name} is a raster: reference layers are vector layers. "
                                 "Import a raster as a hazard ('quartier hazard add').",
                                 name=path.name))
    title = title or _title_from(path)
    vector = read_vector(path, project.metadata.area_of_interest, crs=crs, layer=layer,
                         allow_outside=allow_outside, progress=_scaled(progress, 0.0, 0.6),
                         cancelled=cancelled)

    def write(record: LayerRecord, step: Callable[[float, str], None]) -> None:
        project.store.write_layer(record, vector.frame, promote_to_multi=True,
                                  order_band=_order_band(record.kind), progress=step)

    _save(project, name, LayerKind.REFERENCE, title, path.name, {"storage": "vector"}, 1.0,
          write, progress, cancelled)
    return ImportReport(name=name, kind=str(LayerKind.REFERENCE), storage="vector",
                        count=len(vector.frame), notes=list(vector.notes))


# ---------------------------------------------------------------- reading back


def read_hazard_raster(project: Project, name: str) -> HazardRaster:
    """A raster hazard's cells, classes (from its current thresholds) and legend."""
    style = _hazard_style(project, name, "raster")
    stored = project.store.read_raster(name)
    values, transform = stored.values, stored.transform
    scheme = Classification.from_dict(style["classification"]).scheme()
    classes = scheme.classify_numbers(values).astype(np.uint8)
    return HazardRaster(values=values, classes=classes, transform=transform,
                        crs="EPSG:4326", legend=_legend_from(style), scheme=scheme)


def read_hazard_vector(project: Project, name: str) -> gpd.GeoDataFrame:
    """A vector hazard's features (EPSG:4326) with their ``hazard_class`` (0..N)."""
    _hazard_style(project, name, "vector")
    return project.read_layer(name)


def hazard_legend(project: Project, name: str) -> HazardLegend:
    """Labels and colours a hazard layer is drawn with."""
    return _legend_from(_hazard_style(project, name, None))


def list_hazard_layers(project: Project) -> list[HazardLayerInfo]:
    """The project's hazard layers in drawing order, bottom first."""
    out = []
    for record in project.store.registry():
        if record.kind != LayerKind.HAZARD:
            continue
        style = record.style
        out.append(HazardLayerInfo(
            name=record.name, title=record.title or record.name,
            kind=style.get("storage", "vector"),
            hazard_type=HazardType(style.get("hazard_type", HazardType.OTHER)),
            legend=_legend_from(style),
            classification=Classification.from_dict(style["classification"]),
            opacity=record.opacity,
        ))
    return out


# ---------------------------------------------------------------- reclassifying


def set_thresholds(project: Project, name: str, thresholds: Thresholds) -> HazardLegend:
    """Give a raster hazard or a numerically classified vector hazard three classes by two breaks.

    ``thresholds.unit`` is what the legend shows. One SQLite transaction: the
    style and (for a vector) every ``hazard_class`` change together or not at
    all. Returns the new legend.
    """
    style = _hazard_style(project, name, None)
    current = Classification.from_dict(style["classification"])
    if current.method is not ClassificationMethod.THRESHOLDS:
        raise _not_classified_by(name, current)
    classification = Classification(ClassificationMethod.THRESHOLDS, thresholds=thresholds,
                                    attribute=current.attribute)
    return _reclassify(project, name, style, classification)


def set_class_map(project: Project, name: str, class_map: dict[str, HazardClass]) -> HazardLegend:
    """Give a vector hazard classified by a text attribute the classes low/medium/high by word."""
    style = _hazard_style(project, name, None)
    current = Classification.from_dict(style["classification"])
    if current.method is not ClassificationMethod.VALUES:
        raise _not_classified_by(name, current)
    classification = Classification(
        ClassificationMethod.VALUES, attribute=current.attribute,
        class_map={key.casefold(): code for key, code in class_map.items()})
    return _reclassify(project, name, style, classification)


def set_classes(project: Project, name: str, scheme: ClassScheme,
                none_words: tuple[str, ...] = ()) -> HazardLegend:
    """Give a hazard layer any number of named classes (intervals of numbers, or words).

    A raster, or a vector classified by a numeric attribute, takes interval classes;
    a vector classified by a text attribute takes word classes. ``scheme.name`` is
    kept when it is a ready-made scheme. One SQLite transaction, like
    :func:`set_thresholds`; the project is unchanged when the classes are refused.

    Raises
    ------
    ValidationError
        No class affected, overlapping intervals, words for numbers (or numbers for
        words), a layer with no attribute to classify.
    """
    style = _hazard_style(project, name, None)
    current = Classification.from_dict(style["classification"])
    classification = _classification_of(name, scheme, current, str(style.get("storage")),
                                        none_words)
    if classification.method is ClassificationMethod.VALUES:
        _check_words_used(project, name, classification)
    return _reclassify(project, name, style, classification)


def _classification_of(name: str, scheme: ClassScheme, current: Classification, storage: str,
                       none_words: tuple[str, ...] = ()) -> Classification:
    """``scheme`` as the classification of a layer read the way ``current`` says
    (a raster or numeric attribute takes intervals, a text attribute words)."""
    check_classes(scheme)
    if not any(c.affected for c in scheme.classes):
        raise ValidationError(tr("No class of {name} would be affected: say which classes "
                                 "are, e.g. --affected medium,high.", name=name))
    if current.method is ClassificationMethod.SINGLE:
        raise _not_classified_by(name, current)
    method = current.method
    if storage == "raster" or method is ClassificationMethod.THRESHOLDS:
        if not scheme.numeric:
            if storage == "raster":
                raise ValidationError(tr("{name} is a raster of numbers: its classes need "
                                         "intervals (like \"low:0-0.5,high:0.5-\"), not words.",
                                         name=name))
            raise ValidationError(tr("{name} is classified by the numbers in its {attribute} "
                                     "attribute: its classes need intervals (like "
                                     "\"low:0-0.5,high:0.5-\"), not words.", name=name,
                                     attribute=current.attribute))
        classes = tuple(replace(c, values=()) for c in scheme.classes) \
            if storage == "raster" else scheme.classes
    else:
        if not scheme.has_words or (scheme.numeric and scheme.name == "custom"):
            raise ValidationError(tr("{name} is classified by the words in its {attribute} "
                                     "attribute: its classes need words (like "
                                     "\"yes=high,no=none\"), not intervals.", name=name,
                                     attribute=current.attribute))
        classes = scheme.classes
    ready_made = scheme.name if scheme.name not in ("custom", "layer") else None
    return Classification(method, attribute=current.attribute, classes=classes,
                          unit=scheme.unit or current.unit, scheme_name=ready_made,
                          none_words=none_words)


def _words_used(name: str, column: str, values: Any, classification: Classification) -> None:
    """Refuse word classes that name none of ``values`` (they would class nothing)."""
    present = {word_key(value) for value in values if value is not None}
    if present and not present & set(classification.scheme().word_table()):
        shown = ", ".join(sorted(present)[:8]) + (", ..." if len(present) > 8 else "")
        raise ValidationError(tr("None of these words is a value of {column} in {name} (its "
                                 "values: {values}).", column=column, name=name, values=shown))


def _check_words_used(project: Project, name: str, classification: Classification) -> None:
    """Refuse word classes that name none of the layer's values (they would class nothing)."""
    import pandas as pd

    column = classification.attribute or ""
    values = project.store.read_table(name, columns=[column])[column]
    _words_used(name, column, [None if pd.isna(v) else v for v in values.unique()],
                classification)


def _not_classified_by(name: str, classification: Classification) -> ValidationError:
    if classification.method is ClassificationMethod.VALUES:
        return ValidationError(tr("{name} is classified by the words in its {attribute} "
                                  "attribute, not by numbers: change it with --class-map.",
                                  name=name, attribute=classification.attribute))
    if classification.method is ClassificationMethod.THRESHOLDS:
        return ValidationError(tr("{name} is classified by numbers, not by words: change it "
                                  "with --thresholds.", name=name))
    return ValidationError(tr("{name} has one class for all its features (no attribute): "
                              "import it again with --attribute to classify it.", name=name))


def _reclassify(project: Project, name: str, style: dict[str, Any],
                classification: Classification) -> HazardLegend:
    legend = legend_for(HazardType(style["hazard_type"]), classification)
    style = {**style, "classification": classification.to_dict(), **_legend_style(legend)}
    if style["storage"] != "vector":
        project.store.restyle_layer(name, style)
        return legend
    import pandas as pd

    column = classification.attribute or ""
    frame = project.store.read_table(name, columns=[column]) if column \
        else pd.DataFrame(index=project.store.read_table(name, columns=[]).index)
    codes, _ = classify_features(frame, classification)
    project.store.restyle_layer(name, style, "hazard_class",
                                {int(fid): int(code)
                                 for fid, code in zip(frame.index, codes, strict=True)})
    return legend


# ---------------------------------------------------------------- writing


def _save(project: Project, name: str, kind: LayerKind, title: str, source: str,
          style: dict[str, Any], opacity: float, write: _Writer, progress: Progress | None,
          cancelled: Cancelled | None) -> None:
    """Write a layer and its registry row into the project in one transaction (every check
    for a cancel comes before the commit)."""
    from layers.layer_import import checkpoint

    writing = _scaled(progress, 0.6, 1.0)

    def step(fraction: float, message: str) -> None:
        checkpoint(writing, cancelled, fraction, message)

    record = LayerRecord(name=name, kind=str(kind), title=title, source=source,
                         opacity=opacity, style=style)
    write(record, step)


def _order_band(kind: str) -> tuple[int, int]:
    """Where a new layer of ``kind`` is drawn: after the last one of its kind."""
    return (HAZARD_ORDER if kind == LayerKind.HAZARD else REFERENCE_ORDER), 30


# ---------------------------------------------------------------- helpers


def _check_name(project: Project, name: str) -> None:
    if not _NAME.fullmatch(name) or name.startswith(_RESERVED):
        raise ValidationError(tr(
            "“{name}” cannot be a layer name: use lower-case letters, digits and _ "
            "(starting with a letter), like flood_2007.", name=name))
    if project.store.name_taken(name):
        raise ValidationError(tr("The project already has a layer named {name}: choose "
                                 "another --name.", name=name))


def _hazard_style(project: Project, name: str, storage: str | None) -> dict[str, Any]:
    record = project.store.record(name)
    if record is None or record.name != name or record.kind != LayerKind.HAZARD:
        raise ValidationError(tr("{project} has no hazard layer named {name}.",
                                 project=project.path.name, name=name))
    style = dict(record.style)
    if storage is not None and style.get("storage") != storage:
        if storage == "vector":
            raise ValidationError(tr("{name} is a raster hazard layer, not a vector one.",
                                     name=name))
        raise ValidationError(tr("{name} is a vector hazard layer, not a raster one.",
                                 name=name))
    return style


def _legend_style(legend: HazardLegend) -> dict[str, Any]:
    return {"labels": {str(int(code)): label for code, label in legend.labels.items()},
            "colours": {str(int(code)): colour for code, colour in legend.colours.items()}}


def _legend_from(style: dict[str, Any]) -> HazardLegend:
    """The legend, from the stored classes (so a project saved with older labels reads the
    boundary rule it is drawn with now); stored colours are kept if they fit the classes."""
    hazard_type = HazardType(style.get("hazard_type", HazardType.OTHER))
    if "classification" not in style:
        return HazardLegend(hazard_type=hazard_type, labels={}, colours=class_colours(3))
    legend = legend_for(hazard_type, Classification.from_dict(style["classification"]))
    stored = {int(code): colour for code, colour in style.get("colours", {}).items()}
    if set(stored) == set(legend.labels):
        legend.colours = stored
    return legend


def _scaled(progress: Progress | None, start: float, end: float) -> Progress | None:
    """A progress callback mapping 0-1 onto ``start``-``end`` of the whole operation."""
    if progress is None:
        return None
    reporter = progress

    def scaled(fraction: float, message: str) -> None:
        reporter(start + (end - start) * fraction, message)

    return scaled


def _title_from(path: Path) -> str:
    return path.stem.replace("_", " ").strip().capitalize() or path.name
