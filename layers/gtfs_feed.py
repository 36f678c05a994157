"""A GTFS feed read safely into tables of text, ready to be checked and imported.

One entry point, :func:`read_feed`, for a feed as published (a ``.zip``) or as a
folder of its tables (``stops.txt``, or ``stops.csv`` as the Digital Matatus
Nairobi tables are named). Each table becomes a :class:`pandas.DataFrame` of
strings (``dtype=str``, empty cells as ``""``), keyed by its name without the
extension (``"stops"``), which is what :func:`layers.gtfs_check.check_feed` takes.

Why the care: a feed comes from the internet or a USB stick. A ZIP is never
extracted to disk; its members are read in memory, only the GTFS tables, and a
ZIP whose member names leave the archive (``../``, ``/etc/...``) is refused. Before
anything is decompressed, the sizes the ZIP declares are checked against
:data:`MAX_TOTAL_BYTES` and :data:`MAX_RATIO` (a zip bomb declares either a huge
size or a huge compression ratio), and while reading, no more than the declared
size is accepted, so a ZIP lying about its sizes is caught too. ZIPs inside the
ZIP are never opened. The CSV is read strictly: text that is not UTF-8, a quote
left open, or a row with more or fewer values than its header each stop the
reading with one plain sentence naming the file and the line. Nothing here knows
about projects.
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import NoReturn

import pandas as pd

from layers.errors import EmptyExtractError, InputFileError
from layers.i18n import ntr, tr

__all__ = ["GTFS_TABLES", "MAX_RATIO", "MAX_TOTAL_BYTES", "REQUIRED_COLUMNS", "REQUIRED_TABLES",
           "GtfsFeed", "is_gtfs_feed", "read_feed"]

#: The tables read (others, such as transfers.txt, are left aside).
GTFS_TABLES = ("agency", "stops", "routes", "trips", "stop_times", "calendar",
               "calendar_dates", "frequencies", "shapes", "fare_attributes", "fare_rules",
               "feed_info")
#: Tables a feed must have for its lines to be drawn.
REQUIRED_TABLES = ("stops", "routes", "trips", "stop_times")
#: Columns each table must have when it is present.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "stops": ("stop_id", "stop_lat", "stop_lon"),
    "routes": ("route_id", "route_type"),
    "trips": ("route_id", "trip_id"),
    "stop_times": ("trip_id", "stop_id", "stop_sequence"),
    "frequencies": ("trip_id", "start_time", "end_time", "headway_secs"),
    "shapes": ("shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence"),
    "calendar": ("service_id", "monday", "tuesday", "wednesday", "thursday", "friday",
                 "saturday", "sunday"),
    "fare_attributes": ("fare_id", "price", "currency_type"),
    "fare_rules": ("fare_id",),
}
#: The most text a feed may hold once decompressed (bytes). The largest national feeds
#: (the Netherlands, Germany) are about 1.5 GB, far beyond what a neighbourhood needs.
MAX_TOTAL_BYTES = 1 << 30
#: The most a table may have been compressed (decompressed size / compressed size).
#: GTFS text compresses about 5 to 15 times; a megabyte of zeros, a thousand times.
MAX_RATIO = 200
_SUFFIXES = (".txt", ".csv")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class GtfsFeed:
    """The tables of one feed, as text."""

    #: The feed's file or folder name (recorded as the imported lines' source).
    source: str
    #: Each table read, by name without extension ("stops"); every cell is a string.
    tables: dict[str, pd.DataFrame]
    #: Things worth telling about the files (tables left aside...), in plain words.
    notes: tuple[str, ...] = field(default_factory=tuple)


def is_gtfs_feed(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` looks like a GTFS feed, complete or not: a ZIP or a folder holding
    one of the tables a feed must have (stops, routes, trips, stop_times) or agency.txt.
    Reads only the names, never the data (:func:`read_feed` says what is missing)."""
    path = Path(path)
    wanted = (*REQUIRED_TABLES, "agency")
    try:
        if path.is_dir():
            return any(_folder_file(path, name) is not None for name in wanted)
        if path.suffix.lower() == ".zip" and zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                stems = {PurePosixPath(name).stem.lower() for name in archive.namelist()
                         if PurePosixPath(name).suffix.lower() in _SUFFIXES}
            return any(name in stems for name in wanted)
    except (OSError, zipfile.BadZipFile):
        return False
    return False


def read_feed(path: str | os.PathLike[str]) -> GtfsFeed:
    """Read a GTFS feed (``.zip`` or folder) into tables of text.

    Raises
    ------
    InputFileError
        In plain words: not a feed, a required table or column missing, an unsafe or
        oversized ZIP, text that is not UTF-8, broken CSV (naming the file and line).
    EmptyExtractError
        The feed has no stops, routes, trips or stop times.
    """
    path = Path(path)
    if not path.exists():
        raise InputFileError(tr("{path} does not exist.", path=path))
    if path.is_dir():
        raw, notes = _folder_tables(path)
    elif path.suffix.lower() == ".zip":
        raw, notes = _zip_tables(path)
    else:
        raise InputFileError(tr("{name} is not a GTFS feed: give the feed's .zip or a "
                                "folder holding its tables (stops.txt, routes.txt, trips.txt, "
                                "stop_times.txt).", name=path.name))
    missing = [f"{name}.txt" for name in REQUIRED_TABLES if name not in raw]
    if missing:
        raise InputFileError(ntr("{name} is not a complete GTFS feed: {tables} is missing, "
                                 "so its lines cannot be drawn. Nothing was imported.",
                                 "{name} is not a complete GTFS feed: {tables} are missing, "
                                 "so its lines cannot be drawn. Nothing was imported.",
                                 len(missing), name=path.name, tables=", ".join(missing)))
    tables = {name: _table(text, f"{name}{suffix}") for name, (text, suffix) in raw.items()}
    for name, frame in tables.items():
        wanted = [c for c in REQUIRED_COLUMNS.get(name, ()) if c not in frame.columns]
        if wanted:
            raise InputFileError(ntr("{file} has no {columns} column, which GTFS requires. "
                                     "Nothing was imported.",
                                     "{file} has no {columns} columns, which GTFS requires. "
                                     "Nothing was imported.", len(wanted),
                                     file=f"{name}{raw[name][1]}", columns=", ".join(wanted)))
    empty = [f"{name}{raw[name][1]}" for name in REQUIRED_TABLES if tables[name].empty]
    if empty:
        raise EmptyExtractError(ntr("The feed {name} is empty: {tables} has no rows. "
                                    "Nothing was imported.",
                                    "The feed {name} is empty: {tables} have no rows. "
                                    "Nothing was imported.", len(empty),
                                    name=path.name, tables=", ".join(empty)))
    return GtfsFeed(path.name, tables, tuple(notes))


def _folder_file(folder: Path, name: str) -> Path | None:
    for suffix in _SUFFIXES:
        candidate = folder / f"{name}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def _folder_tables(folder: Path) -> tuple[dict[str, tuple[str, str]], list[str]]:
    files = {name: found for name in GTFS_TABLES
             if (found := _folder_file(folder, name)) is not None}
    total = sum(f.stat().st_size for f in files.values())
    if total > MAX_TOTAL_BYTES:
        raise InputFileError(tr("The tables in {name} hold {size:.1f} GB, more than a feed "
                                "Quartier reads ({limit:.1f} GB). Cut the feed to the area "
                                "first. Nothing was imported.", name=folder.name,
                                size=total / 1e9, limit=MAX_TOTAL_BYTES / 1e9))
    raw = {name: (_decode(found.read_bytes(), found.name), found.suffix)
           for name, found in files.items()}
    return raw, []


def _zip_tables(path: Path) -> tuple[dict[str, tuple[str, str]], list[str]]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise InputFileError(tr("{name} is not a readable ZIP file (it may be truncated "
                                "or not a ZIP at all). Nothing was imported.",
                                name=path.name)) from None
    with archive:
        infos = archive.infolist()
        for info in infos:
            _refuse_unsafe_name(info.filename, path.name)
        members = _table_members(infos, path.name)
        total = sum(info.file_size for info in members.values())
        if total > MAX_TOTAL_BYTES:
            raise InputFileError(tr(
                "{name} would unpack to {size:.1f} GB, more than a feed Quartier "
                "reads ({limit:.1f} GB): it is either a zip bomb or a feed "
                "far larger than a neighbourhood's. Nothing was imported.",
                name=path.name, size=total / 1e9, limit=MAX_TOTAL_BYTES / 1e9))
        for info in members.values():
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_RATIO and info.file_size > _CHUNK:
                raise InputFileError(tr(
                    "{member} in {name} is compressed {ratio:,.0f} times, which no real table "
                    "is: the ZIP looks like a zip bomb. Nothing was imported.",
                    member=info.filename, name=path.name, ratio=ratio))
        raw = {}
        for name, info in members.items():
            data = _read_member(archive, info, path.name)
            raw[name] = (_decode(data, info.filename), PurePosixPath(info.filename).suffix)
    return raw, []


def _refuse_unsafe_name(name: str, archive_name: str) -> None:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":") or ".." in parts:
        raise InputFileError(tr("{archive} holds a file named {member}, which points outside "
                                "the archive: it is not a safe GTFS feed. Nothing was imported.",
                                archive=archive_name, member=repr(name)))


def _table_members(infos: list[zipfile.ZipInfo], archive_name: str
                   ) -> dict[str, zipfile.ZipInfo]:
    """The GTFS tables among the members: at the top, or all in one folder."""
    found: dict[str, list[zipfile.ZipInfo]] = {}
    for info in infos:
        member = PurePosixPath(info.filename)
        if info.is_dir() or member.suffix.lower() not in _SUFFIXES:
            continue
        if member.stem.lower() in GTFS_TABLES:
            found.setdefault(member.stem.lower(), []).append(info)
    folders = {str(PurePosixPath(i.filename).parent) for infos_ in found.values() for i in infos_}
    if len(folders) > 1:
        raise InputFileError(tr("{archive} holds GTFS tables in several folders "
                                "({folders}): put one feed in a ZIP. Nothing was imported.",
                                archive=archive_name, folders=", ".join(sorted(folders))))
    return {name: infos_[0] for name, infos_ in found.items()}


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, archive_name: str) -> bytes:
    """A member's bytes, never more than it declared (a lying header is caught)."""
    chunks = []
    size = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                size += len(chunk)
                if size > info.file_size or size > MAX_TOTAL_BYTES:
                    raise InputFileError(tr(
                        "{member} in {archive} holds more than the ZIP says: the archive is "
                        "damaged or a zip bomb. Nothing was imported.",
                        member=info.filename, archive=archive_name))
                chunks.append(chunk)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError,
            NotImplementedError) as error:
        raise InputFileError(tr("{member} in {archive} cannot be read ({reason}): the "
                                "ZIP is damaged or compressed in a way Quartier cannot read. "
                                "Nothing was imported.", member=info.filename,
                                archive=archive_name, reason=error)) from None
    return b"".join(chunks)


def _decode(data: bytes, file_name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputFileError(tr("{file} is not UTF-8 text (line {line}); GTFS tables must "
                                "be saved as UTF-8. Nothing was imported.",
                                file=file_name, line=line)) from None


def _table(text: str, file_name: str) -> pd.DataFrame:
    """A CSV table as text columns, read strictly (every row as long as the header).

    pandas' C parser reads it (a million stop times in a second or two); rows with more
    values than the header stop it, and rows with fewer come back with missing cells,
    which are refused here.
    """
    if not text.strip():
        return pd.DataFrame()
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                            na_values=[], skip_blank_lines=True, on_bad_lines="error",
                            skipinitialspace=False, engine="c")
    except pd.errors.ParserError as error:
        found = re.search(r"line (\d+), saw (\d+)", str(error))
        header = len(next(csv.reader(io.StringIO(text))))
        if found:
            _short(file_name, int(found.group(1)), int(found.group(2)), header)
        row = re.search(r"row (\d+)", str(error))
        if row:
            raise InputFileError(tr("{file}, from line {line}, is not valid CSV: a quote is "
                                    "left open. Nothing was imported.", file=file_name,
                                    line=int(row.group(1)) + 1)) from None
        raise InputFileError(tr("{file} is not valid CSV: a quote is left open. "
                                "Nothing was imported.", file=file_name)) from None
    except (pd.errors.EmptyDataError, ValueError) as error:
        raise InputFileError(tr("{file} is not a readable CSV table ({reason}). "
                                "Nothing was imported.", file=file_name,
                                reason=error)) from None
    names = [str(name).strip() for name in frame.columns]
    doubled = [name for name in frame.columns if re.fullmatch(r".+\.\d+", str(name))
               and str(name).rsplit(".", 1)[0] in frame.columns]
    if doubled:
        raise InputFileError(tr("{file} names the column {column} twice. Nothing was "
                                "imported.", file=file_name,
                                column=repr(str(doubled[0]).rsplit(".", 1)[0])))
    frame.columns = pd.Index(names)
    _refuse_short_rows(text, len(names), file_name)
    return frame


def _refuse_short_rows(text: str, width: int, file_name: str) -> None:
    """Refuse a row with fewer values than the header (pandas fills them in silently).

    Lines without quotes are counted by their commas, which is quick; a table with
    quotes is read again with :mod:`csv`, strictly, which knows a quoted comma or line
    break and stops at a quote left open (which pandas reads on, into the next rows).
    """
    if '"' in text:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            next(reader, None)
            for values in reader:
                if values and len(values) != width and not (len(values) == 1 and not values[0]):
                    _short(file_name, reader.line_num, len(values), width)
        except csv.Error:
            raise InputFileError(tr("{file}, line {line}, is not valid CSV: a quote is left "
                                    "open or misplaced. Nothing was imported.",
                                    file=file_name, line=reader.line_num)) from None
        return
    for number, line in enumerate(text.splitlines()[1:], start=2):
        if line.strip() and line.count(",") + 1 < width:
            _short(file_name, number, line.count(",") + 1, width)


def _short(file_name: str, line: int, values: int, width: int) -> NoReturn:
    raise InputFileError(ntr(
        "{file}, line {line}, has {values} values where its header names {n} column: the "
        "table is broken (a missing comma or quote?). Nothing was imported.",
        "{file}, line {line}, has {values} values where its header names {n} columns: the "
        "table is broken (a missing comma or quote?). Nothing was imported.",
        width, file=file_name, line=line, values=values))
