"""ESRI ASCII grids (``.asc``) checked from their header and read one window, bounded.

GDAL's ASCII grid reader trusts the header: a grid cut short, or a 100-byte header
declaring 50,000 × 50,000 cells, makes it look for rows that are not there, failing
again for every earlier row it never found, while memory grows without bound. So
the header is read and checked here first (every key present, whole numbers of
rows and columns, a cell size above zero, and at least two bytes per declared
cell: one digit and a separator), and the cells are read here too, in one
streaming pass that keeps only the window over the project area and stops after
its last row. A file that ends before that row is refused with the row it ends at.
GDAL still gives the CRS (from the ``.prj``) and the grid it describes.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from layers.errors import InputFileError
from layers.i18n import tr

if TYPE_CHECKING:
    from rasterio.windows import Window

#: Bytes read at a time; the tokens of one chunk stay in memory with the window.
CHUNK_BYTES = 1 << 20
#: The header is in the first lines; more than this before the first cell is no grid.
HEADER_BYTES = 64 * 1024
#: Keys a header must have (``cellsize`` may be given as ``dx`` and ``dy``).
REQUIRED = ("ncols", "nrows")
_WHITESPACE = np.zeros(256, dtype=bool)
_SPACES = (9, 10, 11, 12, 13, 32)
_WHITESPACE[list(_SPACES)] = True

#: ``step(share_of_file_read, message)``: progress and cancel check of the caller.
Step = Callable[[float, str], None]


@dataclass(frozen=True)
class GridHeader:
    """What an ESRI ASCII grid's header declares."""

    #: Columns and rows of cells.
    ncols: int
    nrows: int
    #: Width and height of a cell, in the grid's units.
    cell_width: float
    cell_height: float
    #: Value marking cells with no data, or None.
    nodata: float | None
    #: Byte offset of the first cell value.
    data_start: int
    #: Size of the whole file in bytes.
    file_size: int


def read_header(path: Path) -> GridHeader:
    """Read and check the header of an ESRI ASCII grid; refuse what cannot be.

    Raises
    ------
    InputFileError
        No header, a key missing, a nonsense value, or more cells declared than
        the file could hold.
    """
    file_size = path.stat().st_size
    with path.open("rb") as handle:
        head = handle.read(HEADER_BYTES)
    values: dict[str, str] = {}
    offset = 0
    for line in head.splitlines(keepends=True):
        words = line.split()
        if words and _is_number(words[0]):
            break
        offset += len(line)
        if not words:
            continue
        if len(words) != 2:
            raise _not_a_grid(path)
        key = words[0].decode("ascii", "replace").lower()
        values[key] = words[1].decode("ascii", "replace")
    else:
        offset = len(head)
    if not values:
        raise _not_a_grid(path)
    missing = [key for key in REQUIRED if key not in values]
    if not any(key in values for key in ("xllcorner", "xllcenter")):
        missing.append("xllcorner")
    if not any(key in values for key in ("yllcorner", "yllcenter")):
        missing.append("yllcorner")
    if "cellsize" not in values and not ("dx" in values and "dy" in values):
        missing.append("cellsize")
    if missing:
        raise InputFileError(tr(
            "{name} is not a complete ESRI ASCII grid: its header has no {missing} (a grid's "
            "header gives ncols, nrows, xllcorner, yllcorner and cellsize). Export it again; "
            "nothing was changed.", name=path.name, missing=", ".join(missing)))
    ncols = _whole(path, values, "ncols")
    nrows = _whole(path, values, "nrows")
    for key in ("xllcorner", "xllcenter", "yllcorner", "yllcenter"):
        if key in values:
            _finite(path, values, key)
    if "cellsize" in values:
        cell_width = cell_height = _finite(path, values, "cellsize")
        sizes = {"cellsize": cell_width}
    else:
        cell_width, cell_height = _finite(path, values, "dx"), _finite(path, values, "dy")
        sizes = {"dx": cell_width, "dy": cell_height}
    for key, size in sizes.items():
        if size <= 0:
            raise InputFileError(tr(
                "{name} has a nonsense header: {key} is {value}, but a cell's "
                "size must be above zero. Export the grid again; nothing was changed.",
                name=path.name, key=key, value=values[key]))
    nodata = None
    if "nodata_value" in values:
        nodata = _finite(path, values, "nodata_value")
    needed = ncols * nrows * 2 - 1  # one digit and one separator per cell, at least
    held = file_size - offset
    if held < needed:
        raise InputFileError(tr(
            "{name} declares {columns:,} × {rows:,} cells, which take at least "
            "{needed}, but the file holds only {held} of cells: it was "
            "cut short or its header is wrong. Get a complete copy; nothing was changed.",
            name=path.name, columns=ncols, rows=nrows, needed=_size(needed),
            held=_size(max(held, 0))))
    return GridHeader(ncols=ncols, nrows=nrows, cell_width=cell_width, cell_height=cell_height,
                      nodata=nodata, data_start=offset, file_size=file_size)


def read_window(path: Path, header: GridHeader, window: Window, decimation: int,
                step: Step) -> np.ndarray:
    """The cells of ``window`` (float32, NaN for no data), one in ``decimation`` per axis.

    The file is read once from its start to the window's last row, a chunk at a
    time; the cells before the window are counted, not kept.

    Raises
    ------
    InputFileError
        The file ends before the window's last row, or a cell is not a number.
    """
    col_off, row_off = int(window.col_off), int(window.row_off)
    width, height = int(window.width), int(window.height)
    out_rows, out_cols = height // decimation, width // decimation
    values = np.empty((out_rows, out_cols), dtype="float32")
    phase = decimation // 2  # the middle cell of each block, as GDAL's nearest takes
    kept_rows = {row_off + i * decimation + phase: i for i in range(out_rows)}  # row -> index
    last_row = row_off + (out_rows - 1) * decimation + phase if out_rows else row_off - 1
    ncols = header.ncols
    position = 0  # index of the next cell value in the file
    partial: dict[int, list[bytes]] = {}  # kept rows begun in an earlier chunk
    carry = b""
    read = header.data_start
    with path.open("rb") as handle:
        handle.seek(header.data_start)
        while position < (last_row + 1) * ncols:
            block = handle.read(CHUNK_BYTES)
            at_end = not block
            chunk = carry + block
            if not at_end:
                # Keep a value cut by the chunk's end for the next chunk.
                cut = max(chunk.rfind(bytes([space])) for space in _SPACES) + 1
                chunk, carry = chunk[:cut], chunk[cut:]
                if len(carry) > CHUNK_BYTES:
                    raise InputFileError(tr(
                        "{name} is damaged: after row {row:,} it holds "
                        "over a megabyte with no space or line break, which no grid has. "
                        "Get a fresh copy; nothing was changed.",
                        name=path.name, row=position // ncols))
            else:
                carry = b""
            read += len(block)
            step(read / max(header.file_size, 1),
                 tr("Reading {name}: row {row} of {rows}", name=path.name,
                    row=min(position // ncols, last_row), rows=header.nrows))
            if not chunk:
                if at_end:
                    break
                continue
            bytes_ = np.frombuffer(chunk, dtype=np.uint8)
            space = _WHITESPACE[bytes_]
            starts = np.flatnonzero(~space & np.concatenate(([True], space[:-1])))
            count = len(starts)
            first_row = position // ncols
            final_row = min((position + count - 1) // ncols, last_row) if count else -1
            first_kept = row_off + phase
            start_index = max(0, -((first_kept - first_row) // decimation))  # ceil division
            for row in range(first_kept + start_index * decimation, final_row + 1, decimation):
                begin = max(row * ncols + col_off, position) - position
                end = min(row * ncols + col_off + width, position + count) - position
                if end <= begin:
                    continue
                stop = starts[end] if end < count else len(chunk)
                partial.setdefault(row, []).extend(chunk[starts[begin]:stop].split())
                if row * ncols + col_off + width <= position + count:
                    values[kept_rows[row]] = _cells(path, header, partial.pop(row), row,
                                                    decimation, phase, out_cols)
            position += count
            if at_end:
                break
    if position < (last_row + 1) * ncols:
        raise InputFileError(tr(
            "{name} ends after {row:,} of {rows:,} rows; the file "
            "was cut short. Get a complete copy; nothing was changed.",
            name=path.name, row=position // ncols, rows=header.nrows))
    return values


def _cells(path: Path, header: GridHeader, tokens: list[bytes], row: int, decimation: int,
           phase: int, out_cols: int) -> np.ndarray:
    picked = tokens[phase::decimation][:out_cols]
    try:
        numbers = np.array(picked, dtype=np.bytes_).astype(np.float64)
    except ValueError:
        bad = next(token for token in picked if not _is_number(token))
        raise InputFileError(tr(
            "{name} is damaged: row {row} holds {value}, "
            "which is not a number. Get a fresh copy; nothing was changed.",
            name=path.name, row=row + 1, value=repr(bad[:20].decode("latin-1")))) from None
    if header.nodata is not None:
        numbers[numbers == header.nodata] = np.nan
    return numbers.astype("float32")


def _is_number(token: bytes) -> bool:
    try:
        float(token)
    except ValueError:
        return False
    return True


def _whole(path: Path, values: dict[str, str], key: str) -> int:
    text = values[key]
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not (math.isfinite(number) and number.is_integer() and 0 < number < 2**31):
        raise InputFileError(tr(
            "{name} has a nonsense header: {key} is {value}, but it must be a "
            "whole number of cells above zero. Export the grid again; nothing was changed.",
            name=path.name, key=key, value=repr(text[:20])))
    return int(number)


def _finite(path: Path, values: dict[str, str], key: str) -> float:
    text = values[key]
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise InputFileError(tr(
            "{name} has a nonsense header: {key} is {value}, which is not a "
            "number. Export the grid again; nothing was changed.",
            name=path.name, key=key, value=repr(text[:20])))
    return number


def _not_a_grid(path: Path) -> InputFileError:
    return InputFileError(tr(
        "{name} is not an ESRI ASCII grid: it does not start with a header of lines "
        "like 'ncols 638'. Check that it is the right file; nothing was changed.",
        name=path.name))


def _size(count: int) -> str:
    if count >= 1e9:
        return f"{count / 1e9:.1f} GB"
    if count >= 1e6:
        return f"{count / 1e6:.1f} MB"
    if count >= 1e3:
        return f"{count / 1e3:.0f} KB"
    return f"{count} bytes"
