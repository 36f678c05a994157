"""Writing an analysis result as a project layer, replacing the previous one, all or nothing.

A result layer (``evacuation_routes``, ``exposure_<hazard>_<exposure>``) is written through
the project's store with ``replace=True`` (:meth:`mapping.store.ProjectStore.write_layer`):
in ONE transaction on the project, the previous layer of that name is dropped and the
new one written, with its ``quartier_layers`` row. A crash or an
error leaves the previous result in place; a reader never sees the project without
one. A layer of that name that no analysis wrote (a survey imported under that name)
is never replaced: the save is refused in a sentence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from layers.errors import ValidationError
from layers.i18n import N_, tr
from mapping.project import Project
from mapping.store import LayerKind, LayerRecord

if TYPE_CHECKING:
    import geopandas as gpd

#: Drawing position of analysis results: above the hazards (50+), below the
#: participatory layers (100); areas under lines under points (service areas under
#: the routes under the shelters), whichever was saved last.
RESULT_ORDER = 90
_ORDER_BY_SHAPE = {"Polygon": -1, "MultiPolygon": -1, "LineString": 0,
                   "MultiLineString": 0, "Point": 1, "MultiPoint": 1}
#: ``quartier_layers.source`` of a layer an analysis wrote (only those are replaced).
RESULT_SOURCE = "analysis"


def save_result_layer(project: Project, name: str, title: str, frame: gpd.GeoDataFrame,
                      style: dict | None = None) -> None:
    """Write ``frame`` (EPSG:4326) as layer ``name`` of the project, replacing any earlier one.

    ``style`` is stored in the layer's ``quartier_layers.style`` (with
    ``"storage": "vector"``); the map draws a layer whose style has ``class_column``
    and ``class_colours`` in those colours (:func:`mapping.render.style.classed_style`).
    """
    shapes = frame.geometry.dropna().geom_type
    order = RESULT_ORDER + (_ORDER_BY_SHAPE.get(shapes.iloc[0], 0) if len(shapes) else 0)
    record = LayerRecord(name=name, kind=str(LayerKind.REFERENCE), title=title,
                         source=RESULT_SOURCE, draw_order=order,
                         style={"storage": "vector", **(style or {})})
    project.store.write_layer(record, frame, replace=True,
                              check=lambda row, exists: _refuse_foreign(row, exists, name))


def remove_result_layer(project: Project, name: str) -> bool:
    """Remove layer ``name`` if an analysis wrote it (its table, index and registry rows,
    in one transaction); a layer no analysis made is kept. Returns whether one went."""
    if name.lower() not in (layer.lower() for layer in project.layer_names()):
        return False
    return project.store.remove_layer(name, only_source=RESULT_SOURCE)


def _refuse_foreign(row: LayerRecord | None, exists: bool, table: str) -> None:
    """Refuse to replace a layer ``table`` that no analysis wrote (inside the transaction)."""
    if (row is not None and row.source != RESULT_SOURCE) or (row is None and exists):
        raise ValidationError(tr("The project already has a layer named {name} that no "
                                 "analysis made; it was left as it is and nothing was "
                                 "saved. Rename that layer to keep both.", name=table))


#: What lies in no hazard class is grey; the classes take the hazard layer's own ramp
#: (:func:`layers.hazard_classes.class_colours`), so a class has one colour everywhere.
NOT_EXPOSED_COLOUR = "#9e9e9e"
#: Class name of what lies in no hazard class.
NOT_EXPOSED = N_("not exposed")
#: Title of a saved exposure result, as a catalogue message (stored in the layer's style
#: with the two layers' titles, so that it is composed again in the language shown).
EXPOSED_TITLE = N_("{exposure} exposed to {hazard}")


def exposure_layer_name(hazard: str, exposure: str) -> str:
    """``exposure_<hazard>_<exposure>``, in the characters a layer name may hold."""
    raw = f"exposure_{hazard}_{exposure}".lower()
    return re.sub(r"[^a-z0-9_]+", "_", raw).strip("_")[:60]


def class_colours(result: Any) -> dict[str, str]:
    """Class name -> map colour of an exposure result, "not exposed" first."""
    from layers.hazard_classes import class_colours as ramp

    classes = result.scheme.classes
    colours = ramp(len(classes))
    return {NOT_EXPOSED: NOT_EXPOSED_COLOUR,
            **{c.name: colours[i + 1] for i, c in enumerate(classes)}}


def exposure_frame(result: Any) -> gpd.GeoDataFrame:
    """The features or pieces of an :class:`~mapping.analysis.exposure.ExposureResult`.

    Each analysed feature (buildings, points: ``feature_fid``) or piece (roads, land
    use, census polygons split at zone and area boundaries, what lies in no class
    included) with its geometry, ``hazard_class`` (the
    class name, or "not exposed"), ``affected`` (0/1), ``area`` (with an area layer),
    ``type`` (counts), ``length_m`` / ``area_ha`` / ``people`` (split layers) and its
    ``colour``. Raises a sentence when there is nothing to save (a population raster).
    """
    import geopandas as gpd
    import pandas as pd

    pieces = getattr(result, "pieces", None)
    unexposed = getattr(result, "unexposed", None)
    if pieces is not None and unexposed is not None:
        pieces = pd.concat([pieces, unexposed()], ignore_index=True)
    if pieces is None or len(pieces) == 0:
        raise ValidationError(tr("This analysis has no features to save as a layer (a "
                                 "population raster is counted per cell); nothing was "
                                 "saved."))
    colours = class_colours(result)
    names = list(colours)
    affected = [0, *(1 if c.affected else 0 for c in result.scheme.classes)]
    codes = pieces["class_index"].to_numpy()
    columns: dict[str, object] = {}
    if result.measure == "count" or "type" in pieces.columns:
        columns["feature_fid"] = pieces.index.to_numpy()
    columns["hazard_class"] = [names[c] for c in codes]
    columns["affected"] = [affected[c] for c in codes]
    for column in ("area", "type", "length_m", "area_ha", "people"):
        if column in pieces.columns and pieces[column].notna().any():
            columns[column] = pieces[column].to_numpy()
    columns["colour"] = [colours[names[c]] for c in codes]
    return gpd.GeoDataFrame(columns, geometry=pieces.geometry.to_numpy(), crs=4326)


def save_exposure_layer(project: Project, result: Any,
                        frame: gpd.GeoDataFrame | None = None) -> str:
    """Write an exposure result as the project layer ``exposure_<hazard>_<exposure>``.

    Replaces an earlier result of the same name (never a layer no analysis made);
    the map draws it in its class colours. Returns the layer's name.
    """
    frame = exposure_frame(result) if frame is None else frame
    name = exposure_layer_name(result.hazard, result.exposure)
    titles = {row: title for row, (_kind, title) in project._registry().items()}
    parts = {"exposure": titles.get(result.exposure) or result.exposure,
             "hazard": titles.get(result.hazard) or result.hazard}
    # The stored title stays English (stable); the window, print and web map compose it
    # again in their language from title_message and title_values
    # (mapping.render.words.layer_title).
    title = EXPOSED_TITLE.format(**parts)
    save_result_layer(project, name, title, frame,
                      {"analysis": "exposure", "hazard": result.hazard,
                       "title_message": EXPOSED_TITLE, "title_values": parts,
                       "exposure": result.exposure, "measure": result.measure,
                       "class_column": "hazard_class", "colour_column": "colour",
                       "class_colours": class_colours(result)})
    return name
