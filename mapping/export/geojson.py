"""GeoJSON export (RFC 7946): what web maps, Python and R read without asking.

RFC 7946 says: longitude/latitude in WGS84 and no ``crs`` member; polygons
follow the right-hand rule (exterior rings counter-clockwise, holes clockwise);
keep coordinate precision sensible. Coordinates are rounded to 7 decimals
(about 1 cm), each OSM tag is a property, and each participatory feature keeps
its uuid, preset, contributor, review status, version and dates. One layer goes
to ``OUT``; several layers go to one file each, ``<OUT stem>_<layer>.geojson``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from mapping.export._layers import SourceLayer, cell, flatten, iso_datetimes
from mapping.export.report import ExportReport, Progress, report_progress
from mapping.export.safe_write import output_files

#: Decimal places of coordinates (1e-7 degree is about 1 cm).
PRECISION = 7


def layer_paths(out_path: Path, names: list[str], suffix: str) -> dict[str, Path]:
    """``OUT`` for one layer; ``<stem>_<layer><suffix>`` beside it for several."""
    if len(names) == 1:
        return {names[0]: out_path}
    return {name: out_path.with_name(f"{out_path.stem}_{name}{suffix}") for name in names}


def rounded_geometries(geometries: Any) -> np.ndarray:
    """Geometries rounded to :data:`PRECISION` decimals, valid ones kept valid.

    Rounding each coordinate on its own can make a valid shape invalid: two rings of a
    survey polygon a few millimetres apart come to cross, or a sliver collapses to a
    line (2 of the 1,510 Kianda structures). Those few, and only those, are snapped
    to the same grid by GEOS in its mode that returns valid output
    (``shapely.set_precision``); a shape that would vanish on the grid keeps its
    coordinates unrounded. Shapes invalid in the data stay as they are, rounded.
    """
    array = np.asarray(geometries, dtype=object)
    rounded = shapely.transform(array, lambda xy: np.round(xy, PRECISION))
    # Only lines and polygons can break; and only check the originals of those that did.
    shaped = np.flatnonzero(shapely.get_type_id(array) > 0)
    if len(shaped):
        broken = shaped[~shapely.is_valid(rounded[shaped])]
        broken = broken[shapely.is_valid(array[broken])]
        if len(broken):
            snapped = shapely.set_precision(array[broken], 10.0 ** -PRECISION)
            vanished = shapely.is_empty(snapped) | ~shapely.is_valid(snapped)
            snapped[vanished] = array[broken][vanished]
            rounded[broken] = snapped
    return rounded


def rfc7946_geometries(geometries: Any) -> np.ndarray:
    """Rounded as :func:`rounded_geometries`, polygons by the right-hand rule (outer
    rings counter-clockwise), None for a missing or empty geometry."""
    oriented = shapely.orient_polygons(rounded_geometries(geometries), exterior_cw=False)
    oriented[shapely.is_missing(oriented) | shapely.is_empty(oriented)] = None
    return oriented


def rfc7946_geometry(geometry: BaseGeometry | None) -> BaseGeometry | None:
    """One geometry as :func:`rfc7946_geometries` writes it."""
    return rfc7946_geometries([geometry])[0]  # type: ignore[no-any-return]


def geometry_texts(geometries: Any) -> list[str | None]:
    """GeoJSON geometry objects of a whole layer as text, all at once (GEOS writes them):
    rounded to :data:`PRECISION` decimals keeping valid shapes valid, polygons by the
    right-hand rule, None for a missing or empty geometry."""
    oriented = rfc7946_geometries(geometries)
    texts = shapely.to_geojson(oriented)
    missing = shapely.is_missing(oriented)
    # GEOS writes some rounded values with 17 digits (36.777506700000004): shorten those.
    return [None if gone else _LONG_NUMBER.sub(_shortest, text)
            for text, gone in zip(texts.tolist(), missing, strict=True)]


#: A number with more decimals than :data:`PRECISION`.
_LONG_NUMBER = re.compile(rf"-?\d+\.\d{{{PRECISION + 1},}}")


def _shortest(match: re.Match[str]) -> str:
    return repr(round(float(match.group()), PRECISION))


def _feature_text(properties: dict[str, Any], geometry: str | None) -> str:
    """One Feature; ``geometry`` is its GeoJSON geometry text (from :func:`geometry_texts`)."""
    head = '{"type": "Feature", '
    if properties.get("uuid"):
        head += '"id": ' + json.dumps(properties["uuid"]) + ", "
    return (head + '"geometry": ' + (geometry or "null") + ', "properties": '
            + json.dumps(properties, ensure_ascii=False, allow_nan=False) + "}")


def properties_by_row(frame: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """Each row's set values as a dict, in column order (missing ones left out).

    Goes column by column over the cells that are set only: a flattened layer of
    points of interest has hundreds of tag columns, nearly all empty on any row.
    """
    rows: list[dict[str, Any]] = [{} for _ in range(len(frame))]
    for column in frame.columns:
        if column == frame.geometry.name:
            continue
        series = frame[column]
        present = np.flatnonzero(series.notna().to_numpy())
        if not len(present):
            continue
        values = series.to_numpy(dtype=object)[present]
        for row, value in zip(present.tolist(), values, strict=True):
            value = cell(value)
            if value is not None:
                rows[row][column] = value
    return rows


def write_layer(path: Path, layer: SourceLayer, *, include_personal: bool,
                attribution: str) -> int:
    """Write one layer as a FeatureCollection to ``path``; returns the feature count."""
    frame = iso_datetimes(flatten(layer, include_personal=include_personal))
    rows = properties_by_row(frame)
    count = 0
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        # Foreign members (RFC 7946 section 6.1): the layer name and the ODbL attribution.
        handle.write('{"type": "FeatureCollection", "name": ' + json.dumps(layer.name)
                     + ', "attribution": ' + json.dumps(attribution, ensure_ascii=False)
                     + ', "features": [\n')
        geometries = geometry_texts(frame.geometry.array)
        for properties, geometry in zip(rows, geometries, strict=True):
            handle.write(("" if count == 0 else ",\n") + _feature_text(properties, geometry))
            count += 1
        handle.write("\n]}\n")
    return count


def export_geojson(
    layers: list[SourceLayer],
    out_path: Path,
    *,
    include_personal: bool,
    attribution: str,
    progress: Progress | None = None,
) -> ExportReport:
    """Write each layer to its GeoJSON file; all files appear together or none does."""
    report = ExportReport(format="geojson")
    paths = layer_paths(out_path, [layer.name for layer in layers], ".geojson")
    with output_files() as files:
        for number, layer in enumerate(layers):
            report_progress(progress, number / len(layers), f"Writing {layer.name}")
            temporary = files.temporary(paths[layer.name])
            report.counts[layer.name] = write_layer(
                temporary, layer, include_personal=include_personal, attribution=attribution)
    report.files = [paths[layer.name] for layer in layers]
    return report
