"""The tables of a feed being checked: values parsed once, findings collected.

GTFS values are text; the check parses them itself (times past 24:00, dates
``YYYYMMDD``, numbers) so that a value that does not parse is a finding, not a
crash. Parsing runs in Arrow (``pyarrow.compute``): pandas' own text methods
loop in Python for some operations (``isin`` over a text column, for one), which
made a 4.7 MB feed take seconds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from layers.i18n import N_, tr

#: Columns that identify a row (``duplicate_key``); the first names the row in sentences.
PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "agency": ("agency_id",),
    "stops": ("stop_id",),
    "routes": ("route_id",),
    "trips": ("trip_id",),
    "stop_times": ("trip_id", "stop_sequence"),
    "calendar": ("service_id",),
    "calendar_dates": ("service_id", "date"),
    "shapes": ("shape_id", "shape_pt_sequence"),
    "frequencies": ("trip_id", "start_time"),
    "fare_attributes": ("fare_id",),
    "fare_rules": ("fare_id", "route_id", "origin_id", "destination_id", "contains_id"),
}
#: How a row is named in a sentence, by the first column of its key (``Stop S12``).
_LABELS = {"stops": N_("Stop {id}"), "routes": N_("Route {id}"), "trips": N_("Trip {id}"),
           "agency": N_("Agency {id}"), "shapes": N_("Shape {id}"),
           "calendar": N_("Service {id}"), "calendar_dates": N_("Service {id}"),
           "fare_attributes": N_("Fare {id}"), "fare_rules": N_("Fare rule for fare {id}"),
           "frequencies": N_("Trip {id}"), "stop_times": N_("Trip {id}")}
_TIME = r"^(?P<h>\d{1,3}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)$"
_INTEGER = r"^[+-]?\d+$"
_FLOAT = r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$"


@dataclass(frozen=True)
class Finding:
    """One thing wrong with a feed."""

    #: The notice code of MobilityData's gtfs-validator (``foreign_key_violation``).
    code: str
    #: The file it is in (``stops.txt``).
    file: str
    #: Line of the file (the header is line 1, the first row line 2); None: the whole file.
    row: int | None
    #: The column concerned ("" when none).
    field: str
    #: One plain sentence naming the row's id, in the language of the check.
    message: str


def say(template: str, /, **values: object) -> list[str]:
    """One sentence per row: ``template`` (marked with ``N_``) in the current language,
    filled from ``values``, each a column (Series, array, list) or one value for every row."""
    columns = {key: (value.tolist() if isinstance(value, pd.Series | np.ndarray)
                     else value if isinstance(value, list) else None)
               for key, value in values.items()}
    lengths = {len(column) for column in columns.values() if column is not None}
    count = lengths.pop() if lengths else 1
    return [tr(template, **{key: (column[i] if column is not None else values[key])
                            for key, column in columns.items()})
            for i in range(count)]


def arrow_text(values: pd.Series) -> pa.ChunkedArray | pa.Array:
    """A text column as an Arrow array, without copying when it already is one."""
    array = values.array
    if hasattr(array, "_pa_array"):
        data = array._pa_array
        return data if pa.types.is_large_string(data.type) else data.cast(pa.large_string())
    return pa.array(values.to_numpy(dtype=object), type=pa.large_string(), from_pandas=True)


def to_numpy(array: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """An Arrow array as numpy (nulls become NaN for numbers)."""
    return np.asarray(array.to_numpy(zero_copy_only=False)) if isinstance(
        array, pa.Array) else np.asarray(array.to_numpy())


def isin(values: pd.Series, known: pd.Series | Iterable[str]) -> np.ndarray:
    """``values.isin(known)``, in Arrow."""
    known_values = known.unique() if isinstance(known, pd.Series) else list(known)
    value_set = pa.array([str(v) for v in known_values], type=pa.large_string())
    return to_numpy(pc.is_in(arrow_text(values), value_set=value_set)).astype(bool)


class FeedTables:
    """The feed's tables (text, positional index, a ``_row`` column with the file line)
    and the findings so far."""

    def __init__(self, raw: Mapping[str, pd.DataFrame], today: dt.date) -> None:
        self.today = today
        self.findings: list[Finding] = []
        self.tables: dict[str, pd.DataFrame] = {}
        self._parsed: dict[tuple[str, str, str], tuple[np.ndarray, np.ndarray]] = {}
        for name, table in raw.items():
            columns = {}
            for column in table.columns:
                values = table[column]
                if not pd.api.types.is_string_dtype(values.dtype) or values.hasnans:
                    values = values.astype(object).where(values.notna(), "").astype(str)
                name_text = str(column).strip().lstrip("\ufeff")  # a byte-order mark
                columns[name_text] = values.str.strip().reset_index(drop=True)
            frame = pd.DataFrame(columns, index=pd.RangeIndex(len(table)))
            frame["_row"] = np.arange(len(table)) + 2
            self.tables[name] = frame

    def has(self, name: str, *columns: str) -> bool:
        """The file is there with these columns."""
        table = self.tables.get(name)
        return table is not None and all(c in table.columns for c in columns)

    def column(self, name: str, column: str) -> pd.Series:
        """A column, or empty text for every row when the file lacks it."""
        table = self.tables[name]
        if column in table.columns:
            return table[column]
        return pd.Series("", index=table.index, dtype=str)

    def codes(self, name: str, column: str) -> np.ndarray:
        """A number per distinct value of a column, in order of first appearance (for
        grouping and sorting: much faster than on text)."""
        key = ("codes", name, column)
        if key not in self._parsed:
            codes = pd.factorize(self.column(name, column))[0]
            self._parsed[key] = (codes, codes)
        return self._parsed[key][0]

    def order(self, name: str, column: str, then: np.ndarray) -> np.ndarray:
        """Row positions grouped by ``column`` (in order of first appearance), each group in
        the order of ``then`` (a sequence number)."""
        return np.lexsort((then, self.codes(name, column)))

    # parsing, once per column

    def _parse(self, kind: str, name: str, column: str,
               parse: Callable[[pa.ChunkedArray | pa.Array], np.ndarray]
               ) -> tuple[np.ndarray, np.ndarray]:
        key = (kind, name, column)
        if key not in self._parsed:
            values = self.column(name, column)
            parsed = parse(arrow_text(values))
            invalid = (values != "").to_numpy() & np.isnan(parsed)
            self._parsed[key] = (parsed, invalid)
        return self._parsed[key]

    def seconds(self, name: str, column: str) -> tuple[np.ndarray, np.ndarray]:
        """Times ``H:MM:SS`` (hours may pass 24) as seconds after midnight (NaN when empty
        or wrong), and a mask of the values that are not times."""
        def parse(text: pa.ChunkedArray | pa.Array) -> np.ndarray:
            parts = pc.extract_regex(text, _TIME)
            h, m, s = (to_numpy(pc.cast(pc.struct_field(parts, [i]), pa.float64()))
                       for i in range(3))
            return np.asarray(h * 3600 + m * 60 + s, dtype=float)
        return self._parse("time", name, column, parse)

    def number(self, name: str, column: str, *, integer: bool = False
               ) -> tuple[np.ndarray, np.ndarray]:
        """Numbers (NaN when empty or wrong), and a mask of the values that are not numbers."""
        def parse(text: pa.ChunkedArray | pa.Array) -> np.ndarray:
            good = pc.fill_null(pc.match_substring_regex(text, _INTEGER if integer else _FLOAT),
                                False)
            return np.asarray(to_numpy(pc.cast(pc.if_else(good, text, None), pa.float64())),
                              dtype=float)
        return self._parse("integer" if integer else "float", name, column, parse)

    def date(self, name: str, column: str) -> tuple[np.ndarray, np.ndarray]:
        """Dates ``YYYYMMDD`` as days since 1970 (NaN when empty or wrong), and a mask of
        the values that are not dates."""
        def parse(text: pa.ChunkedArray | pa.Array) -> np.ndarray:
            good = pc.fill_null(pc.match_substring_regex(text, r"^\d{8}$"), False)
            days = pd.to_datetime(pd.Series(to_numpy(pc.if_else(good, text, None))),
                                  format="%Y%m%d", errors="coerce")
            numbers = (days - pd.Timestamp("1970-01-01")).dt.days.to_numpy(dtype=float)
            return np.asarray(numbers, dtype=float)
        return self._parse("date", name, column, parse)

    # findings

    def names(self, name: str, rows: pd.DataFrame) -> list[str]:
        """How to name each row in a sentence: its id (``Stop S12``), or its line."""
        key = PRIMARY_KEYS.get(name, ())
        lines = say(N_("Line {line} of {file}"), line=rows["_row"], file=f"{name}.txt")
        if not key or key[0] not in rows.columns:
            return lines
        ids = rows[key[0]].astype(str)
        if name == "stop_times" and "stop_sequence" in rows.columns:
            named = say(N_("Trip {id} (stop sequence {sequence})"), id=ids,
                        sequence=rows["stop_sequence"].astype(str))
        elif name == "shapes" and "shape_pt_sequence" in rows.columns:
            named = say(N_("Shape {id}, point {point}"), id=ids,
                        point=rows["shape_pt_sequence"].astype(str))
        else:
            named = say(_LABELS.get(name, name + " {id}"), id=ids)
        return [n if i else line for n, i, line in zip(named, ids.tolist(), lines, strict=True)]

    def flag(self, code: str, name: str, mask: np.ndarray | pd.Series, column: str,
             message: Callable[..., Iterable[str]],
             table: pd.DataFrame | None = None) -> None:
        """Record a finding for each row of ``table`` (default: the file's table) where
        ``mask`` is true, with the sentence ``message`` makes from those rows."""
        selected = np.asarray(mask, dtype=bool)
        if not selected.any():
            return
        rows = (self.tables[name] if table is None else table)[selected]
        self.add(code, name, rows["_row"], column, message(rows))

    def add(self, code: str, name: str, rows: Iterable[int | None], column: str,
            messages: Iterable[str]) -> None:
        """Record one finding per (row, message)."""
        for row, message in zip(rows, messages, strict=True):
            self.findings.append(Finding(code, f"{name}.txt", None if row is None else int(row),
                                         column, str(message)))
