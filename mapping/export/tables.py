"""Exports for GIS teams and spreadsheets: GeoPackage, Shapefile, CSV (and KML).

* **GeoPackage**: one table per layer, as read (datetimes kept). OSM base layers keep a
  column for the common keys and put their other tags in ``other_tags``, as GDAL's OSM
  driver does (:func:`mapping.export._layers.flatten`); so do Shapefile and CSV.
* **Shapefile**: one ``.shp`` per layer and geometry type (a layer holding points
  and polygons is split, ``<OUT stem>_<layer>_points.shp`` / ``_polygons.shp``);
  field names cut to the 10 characters dBase allows, made unique, and listed
  with their full names in ``<shp stem>.fields.json``; text in UTF-8 with a
  ``.cpg`` saying so; a ``.prj`` (WGS84).
* **CSV**: one file per layer, UTF-8 with a byte-order mark (Excel then reads
  accents and non-Latin scripts right); points as ``lon``/``lat`` columns, other
  geometries as a ``wkt`` column. Text that a spreadsheet would take for a
  formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return)
  is prefixed with a single quote: what residents typed is data, never code.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
import warnings
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyogrio
import shapely

from layers._osm_tables import geometry_field
from layers.errors import ValidationError
from layers.i18n import ntr, tr
from mapping.export._layers import SourceLayer, cell, flatten, iso_datetimes
from mapping.export.geojson import PRECISION, layer_paths
from mapping.export.report import ExportReport, Progress, report_progress
from mapping.export.safe_write import OutputFiles, output_files, write_error
from mapping.store import files as data_files

#: First characters that make a spreadsheet cell a formula (and full-width look-alikes).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
#: Longest dBase field name.
SHAPEFILE_NAME_LENGTH = 10
#: Most fields a dBase table holds.
SHAPEFILE_MAX_FIELDS = 255
#: Longest dBase text value, in bytes.
SHAPEFILE_MAX_TEXT = 254
#: GEOS type id -> geometry type name.
_TYPE_NAMES = ("Point", "LineString", "LinearRing", "Polygon", "MultiPoint", "MultiLineString",
               "MultiPolygon", "GeometryCollection")
_FAMILIES = {"Point": "points", "MultiPoint": "points", "LineString": "lines",
             "MultiLineString": "lines", "Polygon": "polygons", "MultiPolygon": "polygons"}


def export_table(kind: str, layers: list[SourceLayer], out_path: Path, *,
                 include_personal: bool, attribution: str,
                 progress: Progress | None = None) -> ExportReport:
    """Write ``layers`` as GeoPackage, Shapefile, CSV or KML (``kind``)."""
    writers = {"gpkg": _write_gpkg, "shp": _write_shapefiles, "csv": _write_csv}
    if kind == "kml":
        from mapping.export.kml import write_kml

        writers["kml"] = write_kml
    if kind not in writers:
        raise ValidationError(f"{kind} is not a table format.")
    report = ExportReport(format=kind)
    frames = []
    for layer in layers:
        # KML, like GeoJSON, has no column limit: every tag stays a field of its own.
        frame = flatten(layer, include_personal=include_personal, other_tags=kind != "kml")
        frames.append((layer, frame))
    try:
        with output_files() as files:
            writers[kind](files, frames, out_path, report, attribution, progress)
    except pyogrio.errors.DataSourceError as error:
        raise write_error(out_path, error) from error
    except pyogrio.errors.DataLayerError as error:
        raise write_error(out_path, error) from error
    return report


# ---------------------------------------------------------------- GeoPackage


def _write_gpkg(files: OutputFiles, frames: list[tuple[SourceLayer, gpd.GeoDataFrame]],
                out_path: Path, report: ExportReport, attribution: str,
                progress: Progress | None) -> None:
    temporary = files.temporary(out_path)
    # No journal and no syncs while GDAL writes: the file is a temporary one, deleted if
    # anything fails, and synced once whole before it is renamed into place.
    with data_files.bulk_writing():
        _write_gpkg_layers(temporary, frames, report, attribution, progress)
    report.files = [out_path]


def _write_gpkg_layers(temporary: Path, frames: list[tuple[SourceLayer, gpd.GeoDataFrame]],
                       report: ExportReport, attribution: str,
                       progress: Progress | None) -> None:
    for number, (layer, frame) in enumerate(frames):
        report_progress(progress, number / len(frames), tr("Writing {name}", name=layer.name))
        frame = _plain_objects(unique_names(frame, case_sensitive=False))
        geometry = frame.geometry.name
        attributes = [column for column in frame.columns if column != geometry]
        # The geometry column is "geom" as in the project (and GDAL's default); a field
        # of that name (any case) keeps its place and the geometry takes another.
        taken = {str(column).lower() for column in attributes}
        geometry_name = next(name for name in ("geom", "geom_", "the_geom_")
                             if name not in taken)
        # An Arrow table made here, not by geopandas (which copies the frame first).
        table = pa.Table.from_pandas(pd.DataFrame(frame[attributes]), preserve_index=False)
        for position, field in enumerate(table.schema):
            if pa.types.is_null(field.type):  # a column with no value: text, as GDAL has it
                table = table.set_column(position, field.name,
                                         pa.nulls(table.num_rows, pa.string()))
        table = table.append_column(geometry_field(geometry_name), pa.array(
            shapely.to_wkb(frame.geometry.array, output_dimension=2), pa.binary()))
        data_files.write_arrow(
            table, temporary, layer=layer.name, driver="GPKG",
            geometry_name=geometry_name, geometry_type=_geometry_type(frame),
            crs="EPSG:4326",
            layer_options={"SPATIAL_INDEX": "YES",
                           "DESCRIPTION": f"{layer.title}. {attribution}"},
            # GeoPackage 1.2, as the project: older QGIS and GDAL read it without warnings.
            dataset_options={"VERSION": "1.2"} if number == 0 else None,
        )
        report.counts[layer.name] = len(frame)


def _geometry_type(frame: gpd.GeoDataFrame) -> str:
    types = {_TYPE_NAMES[i] for i in np.unique(shapely.get_type_id(frame.geometry.array))
             if i >= 0}
    if len(types) == 1:
        return str(types.pop())
    if types == {"Polygon", "MultiPolygon"}:
        return "MultiPolygon"
    if types == {"LineString", "MultiLineString"}:
        return "MultiLineString"
    if types == {"Point", "MultiPoint"}:
        return "MultiPoint"
    return "Unknown"


def _plain_objects(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Text columns holding only text (GDAL cannot type a column of mixed values)."""
    geometry = frame.geometry.name
    mixed = [column for column, dtype in frame.dtypes.items()
             if pd.api.types.is_object_dtype(dtype) and column != geometry
             and pd.api.types.infer_dtype(frame[column], skipna=True) not in ("string", "empty")]
    if not mixed:
        return frame
    out = frame.copy()
    for column in mixed:
        values = [cell(v) for v in out[column]]
        kinds = {type(v) for v in values if v is not None}
        if kinds and not kinds <= {str}:
            values = [None if v is None else str(v) for v in values]
        out[column] = pd.Series(values, index=out.index, dtype=object)
    return out


def unique_names(frame: gpd.GeoDataFrame, *, case_sensitive: bool) -> gpd.GeoDataFrame:
    """Rename columns that differ only in case (``Name`` and ``name``) in SQL formats."""
    if case_sensitive:
        return frame
    seen: set[str] = {"fid"}  # GDAL's feature id column in a GeoPackage
    renames = {}
    for column in frame.columns:
        if column == frame.geometry.name:
            continue
        candidate, number = column, 1
        while candidate.lower() in seen:
            number += 1
            candidate = f"{column}_{number}"
        seen.add(candidate.lower())
        if candidate != column:
            renames[column] = candidate
    return frame.rename(columns=renames) if renames else frame


# ---------------------------------------------------------------- Shapefile


def shapefile_names(columns: list[str]) -> dict[str, str]:
    """Full column name -> unique dBase field name of at most 10 ASCII characters."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for column in columns:
        ascii_name = unicodedata.normalize("NFKD", column).encode("ascii", "ignore").decode()
        base = re.sub(r"[^A-Za-z0-9_]", "_", ascii_name).strip("_") or "field"
        if base[0].isdigit():
            base = "f" + base
        candidate = base[:SHAPEFILE_NAME_LENGTH]
        number = 1
        while candidate.lower() in used:
            suffix = f"_{number}"
            candidate = base[:SHAPEFILE_NAME_LENGTH - len(suffix)] + suffix
            number += 1
        used.add(candidate.lower())
        out[column] = candidate
    return out


def _write_shapefiles(files: OutputFiles, frames: list[tuple[SourceLayer, gpd.GeoDataFrame]],
                      out_path: Path, report: ExportReport, attribution: str,
                      progress: Progress | None) -> None:
    folder = files.temporary_folder(out_path)
    parts: list[tuple[SourceLayer, str, gpd.GeoDataFrame]] = []
    for layer, frame in frames:
        family = frame.geometry.geom_type.map(_FAMILIES)
        found = [f for f in ("points", "lines", "polygons") if (family == f).any()]
        if not found:
            report.notes.append(tr("{layer}: no point, line or polygon to write.",
                                   layer=layer.name))
            continue
        for number, name in enumerate(found):
            keep = (family == name) | (family.isna() & (number == 0))
            parts.append((layer, name if len(found) > 1 else "", frame[keep.to_numpy()]))
    single = len(parts) == 1
    for number, (layer, family, frame) in enumerate(parts):
        report_progress(progress, number / len(parts),
                        tr("Writing {layer} {kind}", layer=layer.name, kind=family))
        stem = out_path.stem if single else "_".join(
            p for p in (out_path.stem, layer.name, family) if p)
        names, frame = _shapefile_frame(layer, frame, report)
        temporary = folder / f"{stem}.shp"
        with warnings.catch_warnings():
            # Values are cut and counted above; GDAL's own warning would print each whole.
            warnings.filterwarnings("ignore", message=r"Value .* truncated",
                                    category=RuntimeWarning)
            data_files.write_dataframe(frame, temporary, driver="ESRI Shapefile",
                                       encoding="UTF-8", geometry_type=_geometry_type(frame))
        sidecar = folder / f"{stem}.fields.json"
        sidecar.write_text(json.dumps({
            "layer": layer.name, "title": layer.title, "attribution": attribution,
            "about": "dBase field names are at most 10 characters: each short name below "
                     "and the full attribute name it stands for.",
            "fields": {short: full for full, short in names.items()},
        }, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        for produced in sorted(folder.glob(f"{stem}.*")):
            target = out_path.with_name(produced.name)
            files.adopt(produced, target)
            report.files.append(target)
        key = layer.name if not family else f"{layer.name}_{family}"
        report.counts[key] = len(frame)


def _shapefile_frame(layer: SourceLayer, frame: gpd.GeoDataFrame,
                     report: ExportReport) -> tuple[dict[str, str], gpd.GeoDataFrame]:
    columns = [c for c in frame.columns if c != frame.geometry.name]
    if len(columns) > SHAPEFILE_MAX_FIELDS:
        report.notes.append(ntr(
            "{layer}: a Shapefile holds at most {most} fields; the last {n} attribute was "
            "left out (the GeoPackage and GeoJSON exports keep them all).",
            "{layer}: a Shapefile holds at most {most} fields; the last {n} attributes were "
            "left out (the GeoPackage and GeoJSON exports keep them all).",
            len(columns) - SHAPEFILE_MAX_FIELDS, layer=layer.name, most=SHAPEFILE_MAX_FIELDS))
        columns = columns[:SHAPEFILE_MAX_FIELDS]
    names = shapefile_names(columns)
    plain = _plain_objects(iso_datetimes(frame[[*columns, frame.geometry.name]]))
    shortened: dict[str, int] = {}
    for column in columns:
        values, count = _shortened(plain[column])
        if count:
            plain[column] = values
            shortened[column] = count
    if shortened:
        report.notes.append(ntr(
            "{layer}: {n} value longer than a Shapefile holds ({most} characters, fewer with "
            "accents or non-Latin letters) was shortened in the Shapefile ({columns}); use "
            "GeoPackage to keep it.",
            "{layer}: {n} values longer than a Shapefile holds ({most} characters, fewer with "
            "accents or non-Latin letters) were shortened in the Shapefile ({columns}); use "
            "GeoPackage to keep them.", sum(shortened.values()), layer=layer.name,
            most=SHAPEFILE_MAX_TEXT, columns=", ".join(shortened)))
    out = plain.rename(columns=names)
    return names, gpd.GeoDataFrame(out, geometry=frame.geometry.name, crs=frame.crs)


def _shortened(values: pd.Series) -> tuple[pd.Series, int]:
    """Text values cut to what a dBase field holds, and how many were cut.

    dBase counts bytes: a value is cut to at most :data:`SHAPEFILE_MAX_TEXT` bytes of
    UTF-8, at a character boundary. Cutting here rather than letting GDAL do it lets
    the export say how many values changed, and keeps GDAL's warning (which repeats
    the whole value, 100 kB for a long report) off the terminal.
    """
    if not (values.dtype == object or pd.api.types.is_string_dtype(values.dtype)):
        return values, 0
    text = values.astype(object)
    present = text.notna().to_numpy()
    if not present.any():
        return values, 0
    # UTF-8 takes at most 4 bytes a character: only longer values can pass the limit.
    lengths = text[present].map(len).to_numpy()
    long_rows = np.flatnonzero(present)[lengths > SHAPEFILE_MAX_TEXT // 4]
    cut = 0
    out = text.to_numpy(copy=True)
    for row in long_rows:
        encoded = str(out[row]).encode("utf-8")
        if len(encoded) > SHAPEFILE_MAX_TEXT:
            out[row] = encoded[:SHAPEFILE_MAX_TEXT].decode("utf-8", "ignore")
            cut += 1
    if not cut:
        return values, 0
    return pd.Series(out, index=values.index, dtype=object), cut


# ---------------------------------------------------------------- CSV


def neutralise(text: str) -> str:
    """Text a spreadsheet would run as a formula, prefixed with ``'`` so it stays text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_rows(frame: gpd.GeoDataFrame) -> tuple[list[str], list[list[Any]]]:
    frame = iso_datetimes(frame)
    columns = [c for c in frame.columns if c != frame.geometry.name]
    geometry = frame.geometry
    points = bool(len(geometry)) and bool((geometry.geom_type == "Point").all())
    header = [*columns, *(("lon", "lat") if points else ("wkt",))]
    rows = []
    for values, shape in zip(frame[columns].itertuples(index=False, name=None),
                             geometry.array, strict=True):
        row: list[Any] = []
        for value in values:
            value = cell(value)
            row.append(neutralise(value) if isinstance(value, str) else value)
        if points:
            row += [f"{shape.x:.{PRECISION}f}", f"{shape.y:.{PRECISION}f}"]
        else:
            row.append("" if shape is None else shapely.to_wkt(
                shape, rounding_precision=PRECISION, trim=True))
        rows.append(row)
    return header, rows


def _write_csv(files: OutputFiles, frames: list[tuple[SourceLayer, gpd.GeoDataFrame]],
               out_path: Path, report: ExportReport, attribution: str,
               progress: Progress | None) -> None:
    paths = layer_paths(out_path, [layer.name for layer, _frame in frames], ".csv")
    for number, (layer, frame) in enumerate(frames):
        report_progress(progress, number / len(frames), tr("Writing {name}", name=layer.name))
        header, rows = _csv_rows(frame)
        temporary = files.temporary(paths[layer.name])
        with open(temporary, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow([neutralise(name) for name in header])
            writer.writerows(rows)
        report.counts[layer.name] = len(rows)
        report.files.append(paths[layer.name])
