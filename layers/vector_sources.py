"""Vector layer files made safe to read: Shapefile parts, NUL characters, impossible points.

GDAL reads many damaged files without a word: a Shapefile without its ``.dbf``
as features with no attributes, a text value holding a NUL character cut at
that character, a polygon with a NaN coordinate as a geometry that later stops
GEOS with an exception. Each of these is handled here before or just after
GDAL reads the file, and said in a note, or refused in plain words:

- a Shapefile's ``.shx`` index is missing: rebuilt, in a temporary folder, from
  the records of the ``.shp`` (which holds everything the index says); the
  ``.dbf`` is missing: read without attributes, with a note naming it; the
  ``.prj`` is not a coordinate system: refused unless ``--crs`` replaces it;
  a part shorter than its header says: refused (cut off while copying);
- a GeoJSON file with NUL characters in its text: read from a copy where each
  NUL is a marker, which is then removed and counted; in a GeoPackage, the text
  values GDAL cut at a NUL are read again whole with SQLite, the NUL removed;
- features whose coordinates are not numbers or lie off the Earth: left out,
  counted and named.

The user's files are never changed: repaired copies go to a temporary folder.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import struct
import tempfile
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyogrio.raw
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from layers.errors import CRSMissingError, InputFileError
from layers.i18n import ntr, tr

#: Suffixes read as GeoJSON text (where NUL characters are looked for).
GEOJSON_SUFFIXES = (".geojson", ".json")
#: Bytes scanned at a time.
CHUNK_BYTES = 1 << 22
#: Features named in a note before "and N more".
NAMED_FEATURES = 8
#: Shapefile parts copied beside a rebuilt index.
_SHAPEFILE_PARTS = (".shp", ".dbf", ".prj", ".cpg", ".qpj")
#: A JSON ``\u0000`` escape that is not itself an escaped backslash followed by "u0000".
_NUL_ESCAPE = re.compile(rb"(?<!\\)((?:\\\\)*)\\u0000")
#: Private-use characters that may stand in for NUL (the first one absent from the file).
_MARKERS = tuple(chr(code) for code in range(0xE000, 0xE010))


@dataclass
class Source:
    """Where GDAL should read a layer file from, and what was done to make it readable."""

    #: The file to give GDAL (the user's file, or a repaired copy).
    path: Path
    #: Plain sentences about what was done.
    notes: list[str] = field(default_factory=list)
    #: Character standing for a NUL in text values, to be removed after reading, or None.
    nul_marker: str | None = None
    #: Whether the file's own ``.prj`` is unreadable and left aside (``--crs`` replaces it).
    prj_ignored: bool = False


@contextmanager
def readable(path: Path, crs_given: bool) -> Iterator[Source]:
    """The layer file to read, repaired in a temporary folder when needed.

    Raises
    ------
    InputFileError
        A Shapefile part is cut short, or its ``.prj`` is unreadable and no
        ``--crs`` replaces it.
    """
    with tempfile.TemporaryDirectory(prefix="quartier-layer-") as folder:
        suffix = path.suffix.lower()
        if suffix == ".shp":
            yield _shapefile(path, Path(folder), crs_given)
        elif suffix in GEOJSON_SUFFIXES:
            yield _geojson(path, Path(folder))
        else:
            yield Source(path)


# ---------------------------------------------------------------- Shapefiles


def sidecar(path: Path, suffix: str) -> Path | None:
    """The part of a Shapefile with ``suffix`` (``.dbf``, any case), or None."""
    for candidate in (path.with_suffix(suffix), path.with_suffix(suffix.upper())):
        if candidate.exists():
            return candidate
    return None


def check_shapefile_length(part: Path) -> None:
    """Refuse a ``.shp`` or ``.shx`` whose header is wrong or that is shorter than it says."""
    size = part.stat().st_size
    with part.open("rb") as handle:
        header = handle.read(28)
    if len(header) < 28 or struct.unpack(">i", header[:4])[0] != 9994:
        raise InputFileError(tr(
            "{name} is not a Shapefile part (its header is wrong). "
            "Copy or export the layer again.", name=part.name))
    declared = struct.unpack(">i", header[24:28])[0] * 2
    if size < declared:
        raise InputFileError(tr(
            "{name} is damaged: it ends after {size} but should be {declared} long, so it "
            "was probably cut off while copying. Copy the Shapefile again; nothing was "
            "changed.", name=part.name, size=_size(size), declared=_size(declared)))


def _shapefile(path: Path, folder: Path, crs_given: bool) -> Source:
    check_shapefile_length(path)
    shx = sidecar(path, ".shx")
    if shx is not None:
        check_shapefile_length(shx)
    notes: list[str] = []
    if sidecar(path, ".dbf") is None:
        notes.append(tr(
            "{name} came without its {stem}.dbf, so its features have no "
            "attributes (no names or values); copy the .dbf beside it and import again to "
            "keep them.", name=path.name, stem=path.stem))
    prj = sidecar(path, ".prj")
    prj_ignored = prj is not None and not _readable_prj(prj)
    if prj_ignored and not crs_given:
        raise CRSMissingError(tr(
            "{name} does not hold a coordinate system Quartier can read "
            "(it is damaged or not a .prj file). Give the layer's coordinate system with --crs "
            "(EPSG:4326 for longitude/latitude); nothing was changed.",
            name=prj.name if prj else ""))
    if shx is not None and not prj_ignored:
        return Source(path, notes)
    copy = folder / path.name
    for suffix in _SHAPEFILE_PARTS:
        part = sidecar(path, suffix)
        if part is None or (suffix == ".prj" and prj_ignored):
            continue
        _link(part, folder / (path.stem + part.suffix))
    if shx is None:
        count = _rebuild_index(path, copy.with_suffix(".shx"))
        notes.append(ntr(
            "{name} came without its {stem}.shx index file; Quartier rebuilt the "
            "index from the .shp, which holds {n:,} feature (your files are unchanged).",
            "{name} came without its {stem}.shx index file; Quartier rebuilt the "
            "index from the .shp, which holds all {n:,} features (your files are "
            "unchanged).", count, name=path.name, stem=path.stem))
    else:
        _link(shx, copy.with_suffix(".shx"))
    return Source(copy, notes, prj_ignored=prj_ignored)


def _readable_prj(prj: Path) -> bool:
    try:
        text = prj.read_text(encoding="utf-8", errors="replace").strip()
        CRS.from_user_input(text)
    except (CRSError, OSError, ValueError):
        return False
    return True


def _link(source: Path, target: Path) -> None:
    try:
        target.symlink_to(source.resolve())
    except OSError:
        shutil.copyfile(source, target)


def _rebuild_index(shp: Path, shx: Path) -> int:
    """Write the ``.shx`` of ``shp`` from its record headers; the number of records."""
    size = shp.stat().st_size
    entries: list[bytes] = []
    with shp.open("rb") as handle:
        header = bytearray(handle.read(100))
        offset = 100
        while offset + 8 <= size:
            handle.seek(offset)
            _number, length = struct.unpack(">ii", handle.read(8))
            if length < 0 or offset + 8 + length * 2 > size:
                raise InputFileError(tr(
                    "{name} is damaged: its record {record} runs past the end "
                    "of the file, and its .shx index is missing. Copy the Shapefile again; "
                    "nothing was changed.", name=shp.name, record=len(entries) + 1))
            entries.append(struct.pack(">ii", offset // 2, length))
            offset += 8 + length * 2
    header[24:28] = struct.pack(">i", (100 + 8 * len(entries)) // 2)
    shx.write_bytes(bytes(header) + b"".join(entries))
    return len(entries)


# ---------------------------------------------------------------- GeoJSON NUL characters


def _geojson(path: Path, folder: Path) -> Source:
    found, markers = _scan_nul(path)
    if not found:
        return Source(path)
    if not markers:
        raise InputFileError(tr(
            "{name} holds NUL characters in its text, and Quartier could not set them "
            "aside. Remove them from the file; nothing was changed.", name=path.name))
    marker = markers[0]
    escape = f"\\u{ord(marker):04x}".encode("ascii")
    copy = folder / path.name
    carry = b""
    with path.open("rb") as source, copy.open("wb") as target:
        while True:
            block = source.read(CHUNK_BYTES)
            chunk = carry + block
            # Never cut a backslash run or an escape between two chunks.
            cut = len(chunk) if not block else _safe_cut(chunk)
            chunk, carry = chunk[:cut], chunk[cut:]
            chunk = _NUL_ESCAPE.sub(lambda match: match.group(1) + escape, chunk)
            target.write(chunk.replace(b"\x00", escape))
            if not block:
                break
    return Source(copy, nul_marker=marker)


def _safe_cut(chunk: bytes) -> int:
    tail = chunk.rfind(b"\\", max(0, len(chunk) - 6))
    if tail < 0:
        return len(chunk)
    while tail > 0 and chunk[tail - 1] == 0x5C:  # the start of the backslash run
        tail -= 1
    return tail


def _scan_nul(path: Path) -> tuple[bool, list[str]]:
    """Whether the file holds NUL characters, and (if so) the markers absent from it."""
    if not _holds(path, lambda chunk: b"\x00" in chunk or b"\\u0000" in chunk):
        return False, []
    for marker in _MARKERS:
        raw, escaped = marker.encode("utf-8"), f"\\u{ord(marker):04x}".encode("ascii")

        def used(chunk: bytes, raw: bytes = raw, escaped: bytes = escaped) -> bool:
            return raw in chunk or escaped in chunk.lower()

        if not _holds(path, used):
            return True, [marker]  # one is enough
    return True, []


def _holds(path: Path, test: Callable[[bytes], bool]) -> bool:
    """Whether ``test`` is true of a chunk of the file (chunks overlap by 6 bytes)."""
    overlap = b""
    with path.open("rb") as handle:
        while block := handle.read(CHUNK_BYTES):
            chunk = overlap + block
            if test(chunk):
                return True
            overlap = chunk[-6:]
    return False


def remove_marker(frame: gpd.GeoDataFrame, source: Source,
                  label: str) -> tuple[gpd.GeoDataFrame, list[str]]:
    """Remove the NUL markers from text values and column names; notes counting them."""
    marker = source.nul_marker
    notes: list[str] = []
    if marker is None:
        return frame, notes
    changed: dict[str, int] = {}
    renames = {column: column.replace(marker, "") for column in frame.columns
               if isinstance(column, str) and marker in column}
    for column in frame.columns:
        if column == frame.geometry.name or not (
                frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column])):
            continue
        values = frame[column]
        hit = values.map(lambda value: isinstance(value, str) and marker in value)
        if hit.any():
            frame[column] = values.where(~hit, values[hit].str.replace(marker, "", regex=False))
            changed[str(renames.get(column, column))] = int(hit.sum())
    if renames:
        frame = frame.rename(columns=renames)
    total = sum(changed.values())
    if total:
        notes.append(_nul_note(label, total, changed))
    if renames:
        notes.append(ntr(
            "{label}: the attribute name {names} contained a NUL character, which was removed.",
            "{label}: the attribute names {names} contained a NUL character, which was removed.",
            len(renames), label=label, names=", ".join(renames.values())))
    return frame, notes


# ---------------------------------------------------------------- reading


def read_frame(path: Path, label: str, **options: object) -> tuple[gpd.GeoDataFrame, list[str]]:
    """``pyogrio.read_dataframe`` (features indexed by fid), with unclosed rings closed.

    GDAL reads a polygon whose outline does not end where it starts, but GEOS
    refuses to build it and the whole file would fail: such outlines are closed
    (``on_invalid="fix"``), counted and named in a note.

    Raises
    ------
    pyogrio.errors.DataSourceError, RuntimeError, ...
        What pyogrio raises for a file it cannot read at all.
    """
    frame, notes = _read_closing_rings(path, label, **options)
    if path.suffix.lower() == ".gpkg" and not frame.empty:
        frame, nul_notes = _gpkg_nul_values(path, str(options.get("layer") or ""), frame, label)
        notes.extend(nul_notes)
    return frame, notes


def _read_closing_rings(path: Path, label: str,
                        **options: object) -> tuple[gpd.GeoDataFrame, list[str]]:
    with warnings.catch_warnings():
        # NaN coordinates and unclosed rings: handled and said here and by the caller.
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            return pyogrio.read_dataframe(path, fid_as_index=True, **options), []
        except shapely.errors.GEOSException:
            pass
        frame = pyogrio.read_dataframe(path, fid_as_index=True, read_geometry=False, **options)
        meta, fids, wkb, _fields = pyogrio.raw.read(path, columns=[], return_fids=True,
                                                    **options)
    strict = shapely.from_wkb(wkb, on_invalid="ignore")
    fixed = shapely.from_wkb(wkb, on_invalid="fix")
    closed = shapely.is_missing(strict) & ~shapely.is_missing(fixed)
    frame = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(fixed, index=frame.index),
                             crs=meta.get("crs"))
    notes: list[str] = []
    if closed.any():
        named = [_feature_name(frame, int(position)) for position in np.flatnonzero(closed)]
        count = len(named)
        notes.append(ntr("{label}: closed the outline of {n} feature that did not end where "
                         "it started: {features}.",
                         "{label}: closed the outline of {n} features that did not end where "
                         "they started: {features}.", count, label=label,
                         features=_listed(named)))
    return frame, notes


def _gpkg_nul_values(path: Path, layer: str, frame: gpd.GeoDataFrame,
                     label: str) -> tuple[gpd.GeoDataFrame, list[str]]:
    """Text values GDAL cut at a NUL character in a GeoPackage, read whole (NUL removed).

    GDAL hands a GeoPackage's text over as C strings, so a value stops at its
    first NUL. The few values holding one are read again here with SQLite (read
    only), the NUL removed, and counted in a note.
    """
    table = layer or str(pyogrio.list_layers(path)[0][0])
    found: dict[str, int] = {}
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return frame, []
    try:
        columns = connection.execute(f'PRAGMA table_info("{_quoted(table)}")').fetchall()
        key = next((row[1] for row in columns if row[5]), None)
        texts = [row[1] for row in columns
                 if row[1] in frame.columns and row[1] != frame.geometry.name]
        if key is None:
            return frame, []
        for column in texts:
            rows = connection.execute(
                f'SELECT "{_quoted(key)}", "{_quoted(column)}" FROM "{_quoted(table)}" '
                f'WHERE instr(CAST("{_quoted(column)}" AS TEXT), char(0)) > 0').fetchall()
            for fid, value in rows:
                if fid in frame.index and isinstance(value, str):
                    frame.loc[fid, column] = value.replace("\x00", "")
                    found[column] = found.get(column, 0) + 1
    except sqlite3.Error:
        return frame, []
    finally:
        connection.close()
    total = sum(found.values())
    if not total:
        return frame, []
    return frame, [_nul_note(label, total, found)]


def _nul_note(label: str, total: int, counts: dict[str, int]) -> str:
    where = ", ".join(tr("{count} in {column}", count=count, column=column)
                      for column, count in counts.items())
    return ntr("{label}: {n} value contained a NUL character, which was removed ({where}).",
               "{label}: {n} values contained a NUL character, which was removed ({where}).",
               total, label=label, where=where)


def _quoted(name: str) -> str:
    return name.replace('"', '""')


# ---------------------------------------------------------------- impossible coordinates


def drop_unplaceable(frame: gpd.GeoDataFrame, label: str) -> tuple[gpd.GeoDataFrame, list[str]]:
    """Leave out features (in WGS84) with coordinates that are not numbers or off the Earth.

    Returns
    -------
    (frame, notes)
        The frame without them, and a note naming them: by feature id (``fid``,
        as QGIS shows it) when the frame is indexed by it, and by name when the layer
        has one.
    """
    geometries = np.asarray(frame.geometry.array, dtype=object)
    if len(geometries) == 0:
        return frame, []
    coords, index = shapely.get_coordinates(geometries, return_index=True)
    with np.errstate(invalid="ignore"):
        bad_point = ~np.isfinite(coords).all(axis=1) | (np.abs(coords[:, 0]) > 180.000001) | (
            np.abs(coords[:, 1]) > 90.000001)
    bad = np.zeros(len(geometries), dtype=bool)
    bad[np.unique(index[bad_point])] = True
    if not bad.any():
        return frame, []
    named = [_feature_name(frame, int(position)) for position in np.flatnonzero(bad)]
    count = int(bad.sum())
    note = ntr("{label}: left out {n} feature whose coordinates are not numbers or lie off the "
               "Earth (NaN, infinite, or beyond 180° of longitude or 90° of latitude): "
               "{features}.",
               "{label}: left out {n} features whose coordinates are not numbers or lie off "
               "the Earth (NaN, infinite, or beyond 180° of longitude or 90° of latitude): "
               "{features}.", count, label=label, features=_listed(named))
    return frame.loc[~bad], [note]


def _feature_name(frame: gpd.GeoDataFrame, position: int) -> str:
    index = frame.index[position]
    words = (f"fid {index}" if frame.index.name == "fid"
             else tr("feature {number}", number=position + 1))
    for column in frame.columns:
        if str(column).lower() == "name":
            value = frame[column].iloc[position]
            if isinstance(value, str) and value.strip() and not pd.isna(value):
                return f"{words} ({value.strip()[:40]})"
    return words


def _listed(named: list[str]) -> str:
    shown = ", ".join(named[:NAMED_FEATURES])
    if len(named) > NAMED_FEATURES:
        shown = tr("{features} and {count} more", features=shown,
                   count=len(named) - NAMED_FEATURES)
    return shown


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 1e6 else f"{max(1, round(count / 1e3))} KB"
