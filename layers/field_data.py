"""Field data from phones and surveys, read into plain records ready to become features.

One entry point, :func:`read_field_data`, for what arrives at the end of a mapping
day: ODK Central and KoboToolbox exports (CSV or GeoJSON), GPX from a phone or GPS
unit, earlier surveys as GeoJSON, GeoPackage or Shapefile, and CSV sheets of citizen
reports. Each row or feature becomes a :class:`FieldRecord` holding its shape
(longitude/latitude), its answers as text and, when it cannot be used, why.
Turning records into tagged features of a project is :mod:`mapping.field_import`'s job.

Nothing here knows about projects or Qt; files are only read.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from layers._field_csv import decode, read_rows, submitter
from layers._field_gpx import DwellPoint, read_gpx
from layers._field_xlsform import choice_labels
from layers.errors import InputFileError
from layers.i18n import ntr, tr
from layers.participatory import ParticipatoryLayer

__all__ = ["DwellPoint", "FieldData", "FieldRecord", "coordinates_swapped", "read_field_data"]

_VECTOR_SUFFIXES = (".geojson", ".json", ".gpkg", ".shp")
_ACCEPTED = (".csv", ".txt", ".gpx", *_VECTOR_SUFFIXES)


@dataclass(frozen=True)
class FieldRecord:
    """One row of a form export, one waypoint, one track or one survey feature."""

    #: Its place in the file as the user would find it ("line 7", "feature 3", "track 1").
    where: str
    #: Its shape in longitude/latitude; None when it has none.
    geometry: BaseGeometry | None
    #: Its answers or attributes, as text, by field name.
    values: Mapping[str, str]
    #: Why it cannot be imported, in plain words; None when it can.
    problem: str | None = None
    #: Who collected it, when the file says (ODK SubmitterName, Kobo _submitted_by).
    collected_by: str = ""
    #: Tracks: where the vehicle stood still, proposed as stops.
    stops: tuple[DwellPoint, ...] = ()
    #: A named place to find in the project, when the record has no coordinates.
    place: str = ""


@dataclass(frozen=True)
class FieldData:
    """What a field-data file holds, for one participatory layer."""

    #: The file's name (recorded as the features' source).
    source: str
    #: The records, in file order.
    records: tuple[FieldRecord, ...]
    #: Things worth telling the user about the file, in plain words.
    notes: tuple[str, ...] = field(default_factory=tuple)
    #: From an XLSForm: each select question's choice labels by choice name.
    choice_labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


def read_field_data(path: str | os.PathLike[str], layer: ParticipatoryLayer | str,
                    form: str | os.PathLike[str] | None = None) -> FieldData:
    """Read a field-data file for ``layer`` (GPX: waypoints for points, tracks for lines).

    A ``.zip`` holding one such file (with a Shapefile's side files) is read too;
    a ZIP with a member path leaving its folder (``../``) is refused. ``form`` is the
    XLSForm (``.xlsx``) the data was collected with: its choice labels are kept.

    Raises
    ------
    InputFileError
        Missing, unknown, unreadable or location-less file, in one sentence.
    """
    path = Path(path)
    layer = ParticipatoryLayer(layer)
    labels: dict[str, dict[str, str]] = {}
    if form is not None:
        if not Path(form).is_file():
            raise InputFileError(tr("There is no form file {path}.", path=form))
        labels = choice_labels(Path(form))
    if not path.is_file():
        raise InputFileError(tr("There is no file {path}.", path=path))
    if path.suffix.lower() == ".zip":
        with tempfile.TemporaryDirectory(prefix="quartier-field-") as folder:
            inner = _unzip(path, Path(folder))
            data = _read(inner, layer, inner.name)
            return FieldData(path.name, data.records, data.notes, labels)
    data = _read(path, layer, path.name)
    return FieldData(data.source, data.records, data.notes, labels)


def coordinates_swapped(geometries: Iterable[BaseGeometry],
                        area: tuple[float, float, float, float],
                        margin_deg: float = 0.5) -> bool:
    """Whether points lie far outside ``area`` (W, S, E, N) as given but inside it swapped.

    Most points must fall outside the area widened by ``margin_deg`` as read, and
    most inside it with latitude and longitude exchanged.
    """
    coordinates = shapely.get_coordinates(list(geometries))
    if len(coordinates) == 0:
        return False
    west, south, east, north = area

    def inside(lon: np.ndarray, lat: np.ndarray) -> float:
        return float(np.mean((lon >= west - margin_deg) & (lon <= east + margin_deg)
                             & (lat >= south - margin_deg) & (lat <= north + margin_deg)))

    as_read = inside(coordinates[:, 0], coordinates[:, 1])
    swapped = inside(coordinates[:, 1], coordinates[:, 0])
    return as_read < 0.5 and swapped > 0.5


def _read(path: Path, layer: ParticipatoryLayer, label: str) -> FieldData:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        rows, notes = read_rows(decode(path.read_bytes(), label), label)
        records = tuple(FieldRecord(tr("line {line}", line=r.line), r.geometry, r.values, r.problem,
                                    submitter(r.values), place=r.place) for r in rows)
        return FieldData(label, records, tuple(notes))
    if suffix == ".gpx":
        return _gpx(path, layer, label)
    if suffix in _VECTOR_SUFFIXES:
        return _vector(path, label)
    raise InputFileError(tr("{name} is not a field-data file Quartier reads: give an ODK or "
                            "Kobo export (.csv, .geojson), a .gpx, a GeoPackage, a Shapefile or "
                            "a .zip holding one.", name=label))


def _gpx(path: Path, layer: ParticipatoryLayer, label: str) -> FieldData:
    waypoints, tracks = read_gpx(path.read_bytes(), label)
    notes = []
    if layer is ParticipatoryLayer.TRANSPORT_LINES:
        if not tracks:
            raise InputFileError(tr("{name} has waypoints but no track: import it as "
                                    "facilities, or give the GPX of the recorded trip.",
                                    name=label))
        records = []
        for number, track in enumerate(tracks, start=1):
            records.append(FieldRecord(tr("track {number}", number=number), track.line,
                                       track.values, stops=track.stops))
            if not track.timed:
                notes.append(tr("Track {number} has no time stamps, so no stop could be "
                                "proposed where the vehicle stood still; the line is imported "
                                "and its stops can be added on the map.", number=number))
        return FieldData(label, tuple(records), tuple(notes))
    if not waypoints:
        raise InputFileError(tr("{name} has tracks but no waypoints: import it as "
                                "transport lines, or mark the places as waypoints.", name=label))
    if tracks:
        notes.append(ntr("{n} track in {name} was left out: import it with "
                         "--layer transport_lines.",
                         "{n} tracks in {name} were left out: import them with "
                         "--layer transport_lines.", len(tracks), name=label))
    records = [FieldRecord(tr("waypoint {number}", number=n), w.point, w.values)
               for n, w in enumerate(waypoints, start=1)]
    return FieldData(label, tuple(records), tuple(notes))


def _vector(path: Path, label: str) -> FieldData:
    import pyogrio

    notes = []
    try:
        layers = pyogrio.list_layers(path)
        if len(layers) > 1:
            notes.append(tr("{name} holds {count} layers; the first, {layer}, was read.",
                            name=label, count=len(layers), layer=layers[0][0]))
        frame = pyogrio.read_dataframe(path, layer=layers[0][0] if len(layers) else None)
    except Exception as error:  # GDAL says many things in many ways; one sentence here.
        raise InputFileError(tr("{name} could not be read as a map layer ({reason}).",
                                name=label, reason=error)) from None
    if frame.crs is None:
        notes.append(tr("{name} says no coordinate system; longitude/latitude (WGS 84) was "
                        "assumed.", name=label))
    elif not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    columns = [c for c in frame.columns if c != frame.geometry.name]
    records = []
    for number, (geometry, row) in enumerate(zip(frame.geometry, frame[columns].itertuples(
            index=False, name=None), strict=True), start=1):
        values = {str(name): _text(value) for name, value in zip(columns, row, strict=True)
                  if _text(value)}
        empty = geometry is None or geometry.is_empty
        records.append(FieldRecord(tr("feature {number}", number=number),
                                   None if empty else geometry, values,
                                   tr("feature {number} has no shape", number=number)
                                   if empty else None,
                                   submitter(values)))
    return FieldData(label, tuple(records), tuple(notes))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and not np.isfinite(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _unzip(path: Path, folder: Path) -> Path:
    """Extract a ZIP of field data safely; the one data file in it."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            for name in names:
                member = PurePosixPath(name.replace("\\", "/"))
                if member.is_absolute() or ".." in member.parts or ":" in name:
                    raise InputFileError(tr(
                        "{archive} holds a file ({member}) that would be written outside its "
                        "folder; it was not opened. Ask for a plain export.",
                        archive=path.name, member=name))
            wanted = [n for n in names if PurePosixPath(n).suffix.lower() in _ACCEPTED
                      and not n.endswith("/")]
            if len(wanted) != 1:
                raise InputFileError(tr(
                    "{name} holds {count} field-data files; a ZIP to import must "
                    "hold exactly one (with a Shapefile's side files).",
                    name=path.name, count=len(wanted)))
            archive.extractall(folder)
    except zipfile.BadZipFile:
        raise InputFileError(tr("{name} is not a readable ZIP file.", name=path.name)) from None
    return folder / wanted[0]
