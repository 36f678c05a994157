"""GeoJSON export (RFC 7946): what web maps, Python and R read without asking.

RFC 7946 says: longitude/latitude in WGS84 and no ``crs`` member; polygons
follow the right-hand rule (exterior rings counter-clockwise, holes clockwise);
keep coordinate precision sensible. Coordinates are rounded to 7 decimals
(about 1 cm), each OSM tag is a property, and each participatory feature keeps
its uuid, preset, contributor, review status, version and dates. One layer goes
to ``OUT``; several layers go to one file each, ``<OUT stem>_<layer>.geojson``.
"""

from __future__ import annotations

import itertools
import json
import re
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from layers.i18n import tr
from mapping.export._layers import (
    CLASHING_TAG_PREFIX,
    OSM_COLUMNS,
    STORAGE_COLUMNS,
    SourceLayer,
    _scan_json,
    cell,
    iso_datetimes,
)
from mapping.export.personal import is_personal
from mapping.export.report import ExportReport, Progress, report_progress
from mapping.export.safe_write import output_files
from mapping.project import LayerKind

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
    """GeoJSON geometry objects of a whole layer as text, all at once: rounded to
    :data:`PRECISION` decimals keeping valid shapes valid, polygons by the right-hand
    rule, None for a missing or empty geometry.

    GEOS writes the text, as WKT with the shortest digits at that precision, turned into
    GeoJSON by a few replacements over the whole layer at once (GEOS's own GeoJSON has
    17 significant digits, 36.777506700000004, and shortening each number in Python
    cost more than the rest of the export).
    """
    oriented = rfc7946_geometries(geometries)
    out: list[str | None] = [None] * len(oriented)
    wkt = shapely.to_wkt(oriented, rounding_precision=PRECISION, trim=True,
                         output_dimension=2)
    groups: dict[str, list[int]] = {}
    for row, text in enumerate(wkt.tolist()):
        if text is not None:
            groups.setdefault(text[:text.index(" ")], []).append(row)
    for keyword, rows in groups.items():
        if keyword not in _GEOJSON_TYPES:  # a collection: GEOS's GeoJSON, numbers shortened
            for row in rows:
                out[row] = _LONG_NUMBER.sub(_shortest, shapely.to_geojson(oriented[row]))
            continue
        bodies = "\n".join(wkt[row][len(keyword) + 1:] for row in rows)
        head = '{"type":"' + _GEOJSON_TYPES[keyword] + '","coordinates":'
        texts = _coordinates_json(bodies, keyword in ("POINT", "MULTIPOINT")).split("\n")
        for row, text in zip(rows, texts, strict=True):
            out[row] = head + text + "}"
    return out


#: WKT keyword -> GeoJSON geometry type.
_GEOJSON_TYPES = {"POINT": "Point", "LINESTRING": "LineString", "POLYGON": "Polygon",
                  "MULTIPOINT": "MultiPoint", "MULTILINESTRING": "MultiLineString",
                  "MULTIPOLYGON": "MultiPolygon"}


def _coordinates_json(bodies: str, points: bool) -> str:
    """WKT coordinate lists (``((1 2, 3 4), (5 6, 7 8))``) as GeoJSON arrays
    (``[[[1,2],[3,4]],[[5,6],[7,8]]]``); ``points``: each innermost list is one point."""
    text = (bodies.replace("), (", ")#(").replace(", ", ";").replace(" ", ",")
            .replace(";", "],[").replace("#", ","))
    opening, closing = ("[", "]") if points else ("[[", "]]")
    text = _CLOSE_LIST.sub(closing, _OPEN_LIST.sub(opening, text))
    return text.replace("(", "[").replace(")", "]")


#: The parentheses right around coordinates (the innermost ones).
_OPEN_LIST = re.compile(r"\((?=[-\d])")
_CLOSE_LIST = re.compile(r"(?<=\d)\)")


#: A number with more decimals than :data:`PRECISION`.
_LONG_NUMBER = re.compile(rf"-?\d+\.\d{{{PRECISION + 1},}}")


def _shortest(match: re.Match[str]) -> str:
    return repr(round(float(match.group()), PRECISION))


def _json_values(series: pd.Series) -> list[str | None]:
    """Each value of a column as JSON text (None where missing), as :func:`cell` reads it."""
    values = series.astype(object).where(series.notna(), None).tolist()
    out: list[str | None] = []
    for value in values:
        if value is None:
            out.append(None)
        elif type(value) is str:
            out.append(_encode_text(value))
        elif type(value) is int:
            out.append(str(value))
        else:
            value = cell(value)
            out.append(None if value is None else json.dumps(value, ensure_ascii=False))
    return out


def property_texts(layer: SourceLayer, *, include_personal: bool
                   ) -> tuple[list[str], list[str | None]]:
    """Each feature's ``properties`` object as JSON text, and its uuid (None if none).

    The same properties as :func:`mapping.export._layers.flatten` gives, with the missing
    ones left out, built a row at a time rather than through a table with a column per
    tag key (hundreds for a city's points of interest, nearly all empty on any row). A
    feature's stored tags JSON is spliced in as it is when nothing in it needs changing
    (no empty value, no key clashing with a column or left out as personal), which is
    nearly always: each tag is then neither decoded into a column nor encoded again.
    """
    frame = iso_datetimes(pd.DataFrame(layer.frame.drop(columns=layer.frame.geometry.name)))
    texts = frame["tags"].tolist() if "tags" in frame.columns else [None] * len(frame)
    parsed = [_tags_object(text) for text in texts]
    tag_keys = {key for tags in parsed for key in tags}
    columns = [c for c in frame.columns if c not in STORAGE_COLUMNS]
    participatory = layer.kind == str(LayerKind.PARTICIPATORY)
    if not participatory:
        columns = [c for c in columns if c == "name" or c in OSM_COLUMNS
                   or (c not in tag_keys and c.replace("_", ":") not in tag_keys)]
    leading = [c for c in (("uuid", "preset", "name") if participatory
                           else (*OSM_COLUMNS, "name")) if c in columns]
    ordered = [*leading, *(c for c in columns if c not in leading)]
    if not include_personal:
        ordered = [c for c in ordered if not is_personal(c)]
    clashing = {c for c in columns if c != "name"}
    personal = {k for k in tag_keys if is_personal(CLASHING_TAG_PREFIX + k if k in clashing
                                                   else k)} if not include_personal else set()
    special = clashing | personal
    values = {c: _json_values(frame[c]) for c in ordered}
    uuids = frame["uuid"].astype(object).where(frame["uuid"].notna(), None).tolist() \
        if "uuid" in frame.columns else [None] * len(frame)
    prefixes = {c: _encode_text(c) + ": " for c in ordered}
    first = [c for c in ordered if c in leading]
    rest = [c for c in ordered if c not in leading]
    out = []
    for row, (text, tags) in enumerate(zip(texts, parsed, strict=True)):
        named = tags.get("name") not in (None, "")  # the tag wins over the column
        parts = [prefixes[c] + values[c][row] for c in first  # type: ignore[operator]
                 if values[c][row] is not None and not (c == "name" and named)]
        if tags:
            if special.isdisjoint(tags) and _as_stored(tags):
                parts.append(text.strip()[1:-1].strip())
            else:
                kept = {(CLASHING_TAG_PREFIX + k if k in clashing else k): str(v)
                        for k, v in tags.items()
                        if k not in personal and v is not None and str(v) != ""}
                if kept:
                    parts.append(json.dumps(kept, ensure_ascii=False)[1:-1])
        parts += [prefixes[c] + values[c][row] for c in rest  # type: ignore[operator]
                  if values[c][row] is not None]
        out.append("{" + ", ".join(parts) + "}")
    return out, uuids


def _tags_object(text: Any) -> dict[str, Any]:
    """A stored tags JSON decoded (empty when missing or not a JSON object)."""
    if not isinstance(text, str) or not text:
        return {}
    try:
        value = _scan_json(text, 0)[0]
    except (StopIteration, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _as_stored(tags: dict[str, Any]) -> bool:
    """Whether every value is non-empty text, so the stored JSON can go out as it is."""
    values = tags.values()
    return "" not in values and all(map(isinstance, values, repeat(str)))


#: JSON string literal of a text, non-ASCII kept (json's own C encoder).
_encode_text = json.encoder.encode_basestring  # type: ignore[attr-defined]


def write_layer(path: Path, layer: SourceLayer, *, include_personal: bool,
                attribution: str) -> int:
    """Write one layer as a FeatureCollection to ``path``; returns the feature count."""
    properties, uuids = property_texts(layer, include_personal=include_personal)
    geometries = geometry_texts(layer.frame.geometry.array)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        # Foreign members (RFC 7946 section 6.1): the layer name and the ODbL attribution.
        handle.write('{"type": "FeatureCollection", "name": ' + json.dumps(layer.name)
                     + ', "attribution": ' + json.dumps(attribution, ensure_ascii=False)
                     + ', "features": [\n')
        count = 0
        features = ('{"type": "Feature", ' + ('"id": ' + json.dumps(uuid) + ", " if uuid else "")
                    + '"geometry": ' + (geometry or "null") + ', "properties": ' + text + "}"
                    for text, uuid, geometry in zip(properties, uuids, geometries, strict=True))
        while chunk := list(itertools.islice(features, 2000)):
            handle.write((",\n" if count else "") + ",\n".join(chunk))
            count += len(chunk)
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
            report_progress(progress, number / len(layers), tr("Writing {name}", name=layer.name))
            temporary = files.temporary(paths[layer.name])
            report.counts[layer.name] = write_layer(
                temporary, layer, include_personal=include_personal, attribution=attribution)
    report.files = [paths[layer.name] for layer in layers]
    return report
