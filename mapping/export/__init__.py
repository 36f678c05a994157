"""Exports: a project's layers in the formats other people and tools read.

``export(project, OUT)`` picks the format from OUT's extension:

========================  ===========================================================
``.geojson``              GeoJSON (RFC 7946), one file per layer when several
``.gpkg``                 GeoPackage, one table per layer (QGIS, ArcGIS)
``.shp``                  Shapefile, one per layer and geometry type, with .prj/.cpg
``.csv``                  CSV for spreadsheets (UTF-8 with BOM), lon/lat or WKT
``.kml``                  KML for Google Earth, one folder per layer
``.osm`` / ``.osc``       OpenStreetMap XML / osmChange of participatory features,
                          for JOSM (verified features only unless asked)
``.zip``                  GTFS feed of the transport lines and stops
``.html``                 web map (:mod:`mapping.export.webmap`)
``.pdf`` / ``.png``       printed map (:mod:`mapping.export.printing`)
========================  ===========================================================

GeoJSON and KML give every OpenStreetMap tag its own property; GeoPackage,
Shapefile and CSV give OSM base layers a column for the common keys and put the
other tags in one ``other_tags`` column, as GDAL's OSM driver does
(:func:`mapping.export._layers.flatten`). Every file is written beside its target
and renamed into place only when complete (:mod:`mapping.export.safe_write`).
Personal fields (who mapped, household survey answers:
:mod:`mapping.export.personal`) are left out with ``include_personal=False``.
"""

from __future__ import annotations

import importlib
import inspect
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from layers.errors import QuartierError, ValidationError
from layers.i18n import tr, using
from mapping.export.report import ExportReport, Progress, report_progress
from mapping.project import Project

#: Extension -> format name.
FORMATS: dict[str, str] = {
    ".geojson": "geojson", ".gpkg": "gpkg", ".shp": "shp", ".csv": "csv", ".kml": "kml",
    ".osm": "osm", ".osc": "osc", ".zip": "gtfs", ".html": "html", ".pdf": "pdf",
    ".png": "png",
}
#: Formats written from flattened layers (and so limitable to an area).
TABLE_FORMATS = ("geojson", "gpkg", "shp", "csv", "kml")
#: Formats published to others, verified features only unless asked.
PUBLISHED_FORMATS = ("osm", "osc", "gtfs")
#: Formats written by another module, imported only when asked for: format -> (module,
#: entry points tried in order).
_DELEGATED: dict[str, tuple[str, tuple[str, ...]]] = {
    "html": ("mapping.export.webmap", ("export_webmap",)),
    "pdf": ("mapping.export.printing", ("export_print",)),
    "png": ("mapping.export.printing", ("export_print",)),
}


def format_for(out_path: str | os.PathLike[str]) -> str:
    """The export format named by a file's extension.

    Raises
    ------
    ValidationError
        The extension is not one Quartier exports to.
    """
    suffix = Path(out_path).suffix.lower()
    if suffix not in FORMATS:
        raise ValidationError(tr(
            "Quartier cannot export to {name}: end the file name with one of {suffixes}.",
            name=repr(Path(out_path).name), suffixes=", ".join(FORMATS)))
    return FORMATS[suffix]


def export(
    project: Project | str | os.PathLike[str],
    out_path: str | os.PathLike[str],
    layers: Sequence[str] | None = None,
    *,
    verified_only: bool | None = None,
    include_personal: bool = True,
    progress: Progress | None = None,
    area: tuple[float, float, float, float] | None = None,
    language: str | None = None,
    **options: Any,
) -> ExportReport:
    """Export a project (or some of its layers) to the format OUT's extension names.

    Parameters
    ----------
    project
        The open project, or its path.
    out_path
        The file to write. For GeoJSON and CSV with several layers, and for
        Shapefiles, files named ``<OUT stem>_<layer>`` are written beside it.
    layers
        Layer names; None exports every vector layer with features (base,
        participatory, hazard and reference; not the street graph), or for
        OpenStreetMap the participatory layers, for GTFS the transport layers.
    verified_only
        Keep only participatory features marked verified. None means: yes for
        OpenStreetMap and GTFS (what goes to the shared map or to journey planners
        must have been checked), no otherwise.
    include_personal
        False leaves out personal fields everywhere (see :mod:`mapping.export.personal`).
    progress
        ``progress(fraction, message)`` callback.
    area
        GeoJSON, GeoPackage, Shapefile, CSV and KML: only the features that touch this
        box (west, south, east, north in degrees), e.g. one ward or what the map shows.
    language
        Language of what people read ("sw", "fr", "en": printed and web maps, notes and
        errors); None: the current one (:func:`layers.i18n.language`). Data written for
        machines (columns, tags, GTFS) is the same in every language.
    **options
        Settings of web maps (``title``) and printed maps (``template``, ``paper``,
        ``orientation``, ``title``, ``subtitle``, ``dpi``, ``extent``); see
        :func:`mapping.export.webmap.export_webmap` and
        :func:`mapping.export.printing.export_print`. None values are left out.

    Returns
    -------
    ExportReport
        Files written, features per layer, notes (layers or features left out).

    Raises
    ------
    QuartierError
        In plain words: unknown format, unknown or empty layer, folder missing,
        permission denied, disk full. No half-written file is left behind.
    """
    with using(language):
        return _export(project, out_path, layers, verified_only, include_personal, progress,
                       area, options)


def _export(project: Project | str | os.PathLike[str], out_path: str | os.PathLike[str],
            layers: Sequence[str] | None, verified_only: bool | None, include_personal: bool,
            progress: Progress | None, area: tuple[float, float, float, float] | None,
            options: dict[str, Any]) -> ExportReport:
    if not isinstance(project, Project):
        project = Project(project)
    out = Path(out_path)
    kind = format_for(out)
    if out.resolve() == project.path.resolve():
        raise ValidationError(tr("{name} is the project file itself: choose another name "
                                 "for the export.", name=out.name))
    options = {key: value for key, value in options.items() if value is not None}
    if area is not None:
        from mapping.build import parse_bbox

        area = parse_bbox(area)
        if kind not in TABLE_FORMATS:
            raise ValidationError(tr("Only {formats} exports can be limited to an area, not "
                                     "{suffix} files.", formats=", ".join(TABLE_FORMATS),
                                     suffix=out.suffix))
    if kind in _DELEGATED:
        return _delegate(kind, project, out, layers, verified_only, include_personal, progress,
                         options)
    if options:
        raise ValidationError(tr("{settings}: only web maps (.html) and printed maps (.pdf, "
                                 ".png) take these settings, not {suffix} files.",
                                 settings=", ".join(sorted(options)), suffix=out.suffix))
    verified = (kind in PUBLISHED_FORMATS) if verified_only is None else verified_only
    if kind in ("osm", "osc"):
        from mapping.export.osm import export_osm

        report = export_osm(project, out, layers, verified_only=verified,
                            change=kind == "osc", progress=progress)
    elif kind == "gtfs":
        from mapping.export.gtfs import export_gtfs

        report = export_gtfs(project, out, verified_only=verified, progress=progress)
        if layers is not None:
            report.notes.insert(0, tr("A GTFS feed is always made from the transport_lines "
                                   "and transport_stops layers; the layers named were not "
                                   "used."))
    else:
        report = _export_layers(kind, project, out, layers, verified, include_personal,
                                progress, area)
    report_progress(progress, 1.0, tr("Finished {name}", name=out.name))
    return report


def _export_layers(kind: str, project: Project, out: Path, layers: Sequence[str] | None,
                   verified: bool, include_personal: bool, progress: Progress | None,
                   area: tuple[float, float, float, float] | None) -> ExportReport:
    """GeoJSON and the table formats: the chosen layers, flattened."""
    from mapping.export._layers import choose_layers

    notes: list[str] = []
    chosen = choose_layers(project, layers, verified_only=verified, notes=notes, area=area)
    if area is not None:
        notes.append(tr("Only the features that touch the area {west:.5f}, {south:.5f}, "
                        "{east:.5f}, {north:.5f} (west, south, east, north) were exported.",
                        west=area[0], south=area[1], east=area[2], north=area[3]))
    if kind == "geojson":
        from mapping.export.geojson import export_geojson

        report = export_geojson(chosen, out, include_personal=include_personal,
                                attribution=project.metadata.attribution, progress=progress)
    else:
        from mapping.export.tables import export_table

        report = export_table(kind, chosen, out, include_personal=include_personal,
                              attribution=project.metadata.attribution, progress=progress)
    report.notes[:0] = notes
    if not include_personal:
        report.notes.append(tr("Personal fields (who mapped, household survey answers) were "
                               "left out."))
    return report


def _delegate(kind: str, project: Project, out: Path, layers: Sequence[str] | None,
              verified_only: bool | None, include_personal: bool,
              progress: Progress | None, options: dict[str, Any]) -> ExportReport:
    """Hand web maps and printed maps to their own modules, imported only now."""
    module_name, entry_points = _DELEGATED[kind]
    web = kind == "html"
    cannot = (tr("This version of Quartier cannot export web maps ({suffix} files) yet.",
                 suffix=out.suffix) if web else
              tr("This version of Quartier cannot export printed maps ({suffix} files) yet.",
                 suffix=out.suffix))
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:
            raise QuartierError(
                tr("Exporting web maps needs the Python package {package}, which is not "
                   "installed. Reinstall Quartier.", package=error.name) if web else
                tr("Exporting printed maps needs the Python package {package}, which is not "
                   "installed. Reinstall Quartier.", package=error.name)) from error
        raise QuartierError(cannot) from error
    entry = next((getattr(module, name) for name in entry_points if hasattr(module, name)),
                 None)
    if entry is None:
        raise QuartierError(cannot)
    arguments: dict[str, Any] = {"layers": list(layers) if layers is not None else None,
                                 "include_personal": include_personal, "progress": progress}
    if verified_only is not None:
        arguments["verified_only"] = verified_only
    accepted = inspect.signature(entry).parameters
    unknown = sorted(set(options) - set(accepted))
    if unknown:
        raise ValidationError(
            tr("{settings}: web maps do not take these settings.", settings=", ".join(unknown))
            if web else tr("{settings}: printed maps do not take these settings.",
                           settings=", ".join(unknown)))
    if layers is not None and "layers" not in accepted:
        raise ValidationError(tr("A printed map shows the layers of its template; choose the "
                                 "template (facility, risk, transport, overview) instead of "
                                 "layers for {name}.", name=out.name))
    arguments.update(options)
    result = entry(project, out, **{k: v for k, v in arguments.items() if k in accepted})
    if isinstance(result, ExportReport):
        return result
    return ExportReport(format=kind, files=[Path(result) if result else out])


__all__ = ["FORMATS", "ExportReport", "export", "format_for"]
