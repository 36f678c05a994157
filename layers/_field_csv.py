"""Reading field-survey CSV files: ODK Central, KoboToolbox and citizen-report exports.

Phones export their forms as CSV with the location in one of three shapes, and
this module finds it by itself rather than asking the user which column it is:

* a geopoint column, ``"lat lon alt acc"`` (latitude first, the ODK convention),
  possibly with only ``"lat lon"``;
* a geotrace or geoshape column, geopoints separated by ``;`` (often with an
  empty last part after a trailing ``;``);
* split columns: ODK Central's ``<name>-Latitude``/``<name>-Longitude``, Kobo's
  ``_<name>_latitude``/``_<name>_longitude`` or ``_latitude``/``_longitude``, and a
  citizen-report sheet's plain ``lat``/``lon`` or ``latitude``/``longitude``.

The file is decoded as UTF-8 (with or without the byte-order mark Excel writes),
else as Windows-1252, the encoding a spreadsheet saved on a French or English
Windows gives; a file mixing both is refused rather than imported with garbled names.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

from layers.errors import InputFileError
from layers.i18n import tr

_NUMBER = r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"
_GEOPOINT = re.compile(rf"\s*({_NUMBER})\s+({_NUMBER})(?:\s+{_NUMBER}){{0,2}}\s*")
_LAT_NAMES = ("latitude", "lat", "_latitude", "y")
_LON_NAMES = ("longitude", "lon", "lng", "long", "_longitude", "x")
#: Columns naming a place (a citizen report sent by SMS says "near Olympic Stage").
_PLACE_NAMES = ("place", "place_name", "location_name", "landmark", "where", "location")
#: Columns ODK Central and Kobo add to every submission (not answers to map to tags).
_META_NAMES = {"submissiondate", "key", "submitterid", "submittername", "attachmentspresent",
               "attachmentsexpected", "status", "reviewstate", "deviceid", "edits",
               "formversion", "start", "end", "today", "instanceid"}


@dataclass(frozen=True)
class CsvRow:
    """One data row of a field-survey CSV."""

    #: Line number in the file (the header is line 1).
    line: int
    #: The shape found for the row, in longitude/latitude; None when it has none.
    geometry: BaseGeometry | None
    #: The answers, by column name (location and bookkeeping columns left out).
    values: dict[str, str]
    #: Why the row cannot be used, in plain words; None when it can.
    problem: str | None = None
    #: A named place to look up in the project when the row gives no coordinates.
    place: str = ""


def decode(raw: bytes, label: str) -> str:
    """The text of a CSV file: UTF-8 (BOM or not), else Windows-1252; refuse mixtures."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        utf8_error = error
    # A file that holds valid multi-byte UTF-8 sequences *and* bytes invalid in UTF-8
    # was saved by two programs: decoding it either way garbles some names.
    if re.search(rb"[\xc2-\xf4][\x80-\xbf]+", raw):
        line = raw[:utf8_error.start].count(b"\n") + 1
        raise InputFileError(tr(
            "{name} mixes two text encodings (UTF-8 and another one, from line {line}): "
            "open it in a spreadsheet and save it again as CSV UTF-8, then import it.",
            name=label, line=line))
    return raw.decode("cp1252", errors="replace") if _cp1252_ok(raw) else raw.decode("latin-1")


def _cp1252_ok(raw: bytes) -> bool:
    return all(byte not in raw for byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D))


def read_rows(text: str, label: str) -> tuple[list[CsvRow], list[str]]:
    """The rows of a field-survey CSV with their shapes; and notes about the file.

    Raises
    ------
    InputFileError
        The file is no CSV, has no header, or no column holds a location.
    """
    # The header alone says the delimiter: answers may hold ";" (geotraces) or ",".
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise InputFileError(tr("{name} is empty: it has no header row.", name=label)) from None
    except csv.Error as error:
        raise InputFileError(tr("{name} is not a readable CSV file ({reason}).", name=label,
                                reason=error)) from None
    header = [name.strip() for name in header]
    try:
        table = [(reader.line_num, row) for row in reader]
    except csv.Error as error:
        raise InputFileError(tr("{name} is broken at line {line}: {reason}. Nothing "
                                "was imported; repair the file or export it again.",
                                name=label, line=reader.line_num, reason=error)) from None
    location = _find_location(header, [row for _, row in table])
    if location is None:
        raise InputFileError(tr(
            "{name} has no location column: expected a geopoint column (\"lat lon alt "
            "acc\"), a geotrace, latitude/longitude columns, or a place column naming a "
            "place the project knows.", name=label))
    used = set(location.columns)
    rows = []
    for line, cells in table:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            rows.append(CsvRow(line, None, {}, tr(
                "line {line} has {cells} cells where the header has {columns} (a broken row)",
                line=line, cells=len(cells), columns=len(header))))
            continue
        record = dict(zip(header, cells, strict=True))
        values = {name: value.strip() for name, value in record.items()
                  if name not in used and not _is_meta(name)}
        if location.kind == "place":
            place = record[location.columns[0]].strip()
            rows.append(CsvRow(line, None, values, None if place else
                               tr("line {line} has no location (no coordinates, no place)",
                                  line=line), place))
            continue
        geometry, problem = location.shape(record, line)
        rows.append(CsvRow(line, geometry, values, None if geometry is not None else problem))
    notes = [location.describe()]
    return rows, notes


def submitter(values: dict[str, str]) -> str:
    """The person who filled a form, when the export says (ODK's SubmitterName, Kobo's
    _submitted_by); empty otherwise."""
    return next((v.strip() for k, v in values.items()
                 if k.lower() in ("submittername", "_submitted_by") and v.strip()), "")


def _is_meta(name: str) -> bool:
    lower = name.lower()
    if lower in ("submittername", "_submitted_by"):
        return False  # kept: it says who collected the row
    return (lower.startswith(("_", "meta-", "meta/"))
            or re.split(r"[-/]", lower)[-1] in _META_NAMES)


@dataclass(frozen=True)
class _Location:
    """Where a CSV keeps its locations."""

    #: The column(s) read.
    columns: tuple[str, ...]
    #: "geopoint", "trace" or "split".
    kind: str

    def describe(self) -> str:
        """The note saying where the locations were read."""
        if self.kind == "place":
            return tr("Location read from the place names in the column {column}, found in "
                      "the project.", column=self.columns[0])
        if self.kind == "split":
            return tr("Location read from the columns {first} and {second}.",
                      first=self.columns[0], second=self.columns[1])
        return tr("Location read from the column {column}.", column=self.columns[0])

    def shape(self, record: dict[str, str], line: int) -> tuple[BaseGeometry | None, str]:
        empty = tr("line {line} has no location (empty)", line=line)
        if self.kind == "split":
            lat_text, lon_text = (record[c].strip() for c in self.columns)
            if not lat_text and not lon_text:
                return None, empty
            try:
                return Point(float(lon_text), float(lat_text)), ""
            except ValueError:
                return None, tr("line {line} has a location that is not two numbers "
                                "({lat}, {lon})", line=line, lat=repr(lat_text),
                                lon=repr(lon_text))
        text = record[self.columns[0]].strip()
        if not text:
            return None, empty
        points = []
        for part in text.split(";"):
            if not part.strip():
                continue  # the empty trailing part after a last ";"
            found = _GEOPOINT.fullmatch(part)
            if found is None:
                return None, tr("line {line} has a location that is not \"lat lon\" numbers "
                                "({text})", line=line, text=repr(part.strip()))
            points.append((float(found.group(2)), float(found.group(1))))
        if not points:
            return None, empty
        if len(points) == 1:
            return Point(points[0]), ""
        if len(points) >= 4 and points[0] == points[-1]:
            return Polygon(points), ""
        return LineString(points), ""


def _find_location(header: Sequence[str], rows: list[list[str]]) -> _Location | None:
    """The location columns, preferring a trace or shape, then split columns, then a geopoint."""
    by_lower = {name.lower(): name for name in header}
    geo: list[tuple[str, bool]] = []
    for index, name in enumerate(header):
        filled = [row[index].strip() for row in rows if index < len(row) and row[index].strip()]
        if not filled:
            continue
        parts = [p for value in filled for p in value.split(";") if p.strip()]
        if all(_GEOPOINT.fullmatch(p) for p in parts):
            geo.append((name, any(";" in value.strip().rstrip(";") for value in filled)))
    traces = [name for name, is_trace in geo if is_trace]
    if traces:
        return _Location((traces[0],), "trace")
    split = _split_columns(header, by_lower)
    if split is not None:
        return split
    if geo:
        return _Location((geo[0][0],), "geopoint")
    place = next((by_lower[n] for n in _PLACE_NAMES if n in by_lower), None)
    return _Location((place,), "place") if place is not None else None


def _split_columns(header: Sequence[str], by_lower: dict[str, str]) -> _Location | None:
    for name in header:
        lower = name.lower()
        for lat_suffix, lon_suffix in (("-latitude", "-longitude"), ("_latitude", "_longitude")):
            if lower.endswith(lat_suffix) and lower != "_latitude":
                partner = by_lower.get(lower[: -len(lat_suffix)] + lon_suffix)
                if partner is not None:
                    return _Location((name, partner), "split")
    lat = next((by_lower[n] for n in _LAT_NAMES if n in by_lower), None)
    lon = next((by_lower[n] for n in _LON_NAMES if n in by_lower), None)
    if lat is not None and lon is not None:
        return _Location((lat, lon), "split")
    return None
