"""KML export for Google Earth and phones: one folder per layer, safe to open.

Names and attributes typed by residents are text, never markup. Every value is
XML-escaped (so ``]]>`` or ``<`` cannot break the file); the balloon shown on a
click comes only from the ``<description>``, an HTML table whose values are
HTML-escaped *before* being XML-escaped, so ``<script>`` in a name shows as
those characters instead of running. Attributes are also kept as typed data
(``ExtendedData``/``SchemaData``, which GDAL and QGIS read as fields).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geopandas as gpd
from shapely.geometry.base import BaseGeometry

from layers.i18n import tr
from mapping.export._layers import SourceLayer, cell, iso_datetimes
from mapping.export.geojson import PRECISION, rfc7946_geometries
from mapping.export.report import ExportReport, Progress, report_progress
from mapping.export.safe_write import OutputFiles

#: Characters XML 1.0 does not allow at all (control characters but tab, LF, CR).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ID = re.compile(r"[^A-Za-z0-9_.-]")


def xml_text(value: Any) -> str:
    """Any value as XML character data: escaped, with forbidden characters removed."""
    text = NOT_XML.sub("", str(value))
    return html.escape(text, quote=True)


def _coordinates(points: Any) -> str:
    return " ".join(f"{x:.{PRECISION}f},{y:.{PRECISION}f}".replace(f".{'0' * PRECISION},", ",")
                    for x, y, *_z in points)


def geometry_kml(geometry: BaseGeometry | None) -> str:
    """A KML geometry element (Point, LineString, Polygon, MultiGeometry); "" for none.

    ``geometry`` is already rounded and oriented (:func:`rfc7946_geometries`).
    """
    if geometry is None or geometry.is_empty:
        return ""
    kind = geometry.geom_type
    if kind == "Point":
        return f"<Point><coordinates>{_coordinates(geometry.coords)}</coordinates></Point>"
    if kind == "LineString":
        return (f"<LineString><tessellate>1</tessellate><coordinates>"
                f"{_coordinates(geometry.coords)}</coordinates></LineString>")
    if kind == "Polygon":
        inner = "".join(f"<innerBoundaryIs><LinearRing><coordinates>{_coordinates(r.coords)}"
                        "</coordinates></LinearRing></innerBoundaryIs>"
                        for r in geometry.interiors)
        return (f"<Polygon><outerBoundaryIs><LinearRing><coordinates>"
                f"{_coordinates(geometry.exterior.coords)}</coordinates></LinearRing>"
                f"</outerBoundaryIs>{inner}</Polygon>")
    parts = "".join(geometry_kml(part) for part in geometry.geoms)  # type: ignore[attr-defined]
    return f"<MultiGeometry>{parts}</MultiGeometry>"


def _description(properties: dict[str, Any]) -> str:
    """An HTML table of the attributes, each key and value HTML-escaped."""
    rows = "".join(f"<tr><th>{html.escape(str(k))}</th><td>{html.escape(str(v))}</td></tr>"
                   for k, v in properties.items())
    return f"<table>{rows}</table>"


def _placemarks(layer: SourceLayer, frame: gpd.GeoDataFrame, schema: str,
                fields: dict[str, str]) -> Iterator[str]:
    columns = [c for c in frame.columns if c != frame.geometry.name]
    # Rounded as GeoJSON, valid shapes kept valid; outer rings counter-clockwise.
    geometries = rfc7946_geometries(frame.geometry.array)
    for values, geometry in zip(frame[columns].itertuples(index=False, name=None),
                                geometries, strict=True):
        properties = {c: cell(v) for c, v in zip(columns, values, strict=True)}
        properties = {c: v for c, v in properties.items() if v is not None}
        name = properties.get("name") or properties.get("ref") or ""
        data = "".join(f'<SimpleData name="{fields[c]}">{xml_text(v)}</SimpleData>'
                       for c, v in properties.items())
        yield (f"<Placemark><name>{xml_text(name)}</name>"
               f"<description>{xml_text(_description(properties))}</description>"
               f"<styleUrl>#balloon</styleUrl>"
               f'<ExtendedData><SchemaData schemaUrl="#{schema}">{data}</SchemaData>'
               f"</ExtendedData>{geometry_kml(geometry)}</Placemark>\n")


def write_kml(files: OutputFiles, frames: list[tuple[SourceLayer, gpd.GeoDataFrame]],
              out_path: Path, report: ExportReport, attribution: str,
              progress: Progress | None) -> None:
    """Write every layer to one KML document, a folder per layer."""
    temporary = files.temporary(out_path)
    with open(temporary, "w", encoding="utf-8", newline="\n") as handle:
        handle.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                     '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>\n'
                     f"<name>{xml_text(out_path.stem)}</name>\n"
                     f"<description>{xml_text(html.escape(attribution))}</description>\n"
                     '<Style id="balloon"><BalloonStyle><text>$[description]</text>'
                     "</BalloonStyle></Style>\n")
        prepared = []
        for layer, frame in frames:
            frame = iso_datetimes(frame)
            schema = _ID.sub("_", layer.name)
            columns = [c for c in frame.columns if c != frame.geometry.name]
            fields = {c: xml_text(c) for c in columns}
            handle.write(f'<Schema name="{schema}" id="{schema}">'
                         + "".join(f'<SimpleField name="{fields[c]}" type="string"/>'
                                   for c in columns) + "</Schema>\n")
            prepared.append((layer, frame, schema, fields))
        for number, (layer, frame, schema, fields) in enumerate(prepared):
            report_progress(progress, number / len(prepared), tr("Writing {name}", name=layer.name))
            handle.write(f"<Folder><name>{xml_text(layer.name)}</name>"
                         f"<description>{xml_text(html.escape(layer.title))}</description>\n")
            count = 0
            for placemark in _placemarks(layer, frame, schema, fields):
                handle.write(placemark)
                count += 1
            handle.write("</Folder>\n")
            report.counts[layer.name] = count
        handle.write("</Document></kml>\n")
    report.files = [out_path]
