"""When informal transport runs: service hours, waits by time band, the time zone.

Residents record a line's service the way OpenStreetMap route relations do:
``opening_hours`` (``Mo-Su 05:00-22:00``), ``interval`` (the usual wait between
vehicles, in minutes, or ``hh:mm``) and waits per time band, ``interval:06-09``.
This module turns those tags into GTFS frequency rows (start, end, headway):
each band as given, and the rest of the service hours with the general
interval. GTFS needs a time zone and none is stored in a project, so the feed
takes the zone of the nearest zone city in the time-zone database (``zone.tab``
of the ``tzdata`` package), which is right except right at a border.
"""

from __future__ import annotations

import importlib.resources
import math
import re
from dataclasses import dataclass
from pathlib import Path

from layers.i18n import tr

#: Service hours assumed when a line has an interval but no ``opening_hours``
#: (what the Accra tro-tro feed uses for every line).
DEFAULT_SERVICE = (5 * 3600, 22 * 3600)
_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_BAND = re.compile(r"^interval:(\d{1,2})(?::(\d{2}))?-(\d{1,2})(?::(\d{2}))?$")
_HOURS = re.compile(r"^\s*(?:(Mo|Tu|We|Th|Fr|Sa|Su)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?\s+)?"
                    r"(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True)
class Service:
    """When a line runs and how often."""

    #: Days it runs, Monday first.
    days: tuple[bool, bool, bool, bool, bool, bool, bool]
    #: (start, end, headway), seconds after midnight; not overlapping, in order.
    frequencies: tuple[tuple[int, int, int], ...]
    #: What was assumed, in plain words.
    notes: tuple[str, ...] = ()


def minutes(value: str) -> float | None:
    """A wait as OSM writes it (``10``, ``5-10``, ``00:10``, ``00:10:00``), in minutes."""
    text = value.strip().lower().removesuffix("min").strip()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        number = float(text)
    elif match := re.fullmatch(r"(\d+)\s*-\s*(\d+)", text):  # a range: its middle
        number = (float(match.group(1)) + float(match.group(2))) / 2
    elif match := re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", text):
        hours, mins, secs = match.groups()
        number = int(hours) * 60 + int(mins) + int(secs or 0) / 60
    else:
        return None
    return number if number > 0 else None


def _service_hours(tags: dict[str, str]) -> tuple[tuple[bool, ...], tuple[int, int]] | None:
    text = tags.get("opening_hours", "").strip()
    if text == "24/7":
        return (True,) * 7, (0, 24 * 3600)
    match = _HOURS.match(text)
    if not match:
        return None
    first, last, h1, m1, h2, m2 = match.groups()
    days = [True] * 7
    if first:
        start = _DAYS.index(first)
        end = _DAYS.index(last) if last else start
        days = [(start <= d <= end) if start <= end else (d >= start or d <= end)
                for d in range(7)]
    begin, finish = int(h1) * 3600 + int(m1) * 60, int(h2) * 3600 + int(m2) * 60
    if finish <= begin:  # runs past midnight: GTFS times go beyond 24:00:00
        finish += 24 * 3600
    return tuple(days), (begin, finish)


def service(tags: dict[str, str], label: str) -> Service | None:
    """The service of a line from its tags, or None if no wait is given at all."""
    notes: list[str] = []
    bands = []
    for key, value in tags.items():
        match = _BAND.match(key)
        wait = minutes(value) if match else None
        if match and wait:
            h1, m1, h2, m2 = match.groups()
            start, end = int(h1) * 3600 + int(m1 or 0) * 60, int(h2) * 3600 + int(m2 or 0) * 60
            if end > start:
                bands.append((start, end, round(wait * 60)))
    general = minutes(tags["interval"]) if tags.get("interval") else None
    if not bands and general is None:
        return None
    hours = _service_hours(tags)
    if hours is None:
        days: tuple[bool, ...] = (True,) * 7
        if bands and general is None:
            window = (min(b[0] for b in bands), max(b[1] for b in bands))
        else:
            window = DEFAULT_SERVICE
            notes.append(tr("{line}: no simple service hours (opening_hours like "
                            "'Mo-Su 05:00-22:00'); every day {start}-{end} was assumed.",
                            line=label, start=_clock(window[0]), end=_clock(window[1])))
    else:
        days, window = hours
    rows: list[tuple[int, int, int]] = []
    cursor = window[0]
    for start, end, headway in sorted(bands):
        start = max(start, rows[-1][1] if rows else start)  # no overlapping bands
        if end <= start:
            continue
        if general is not None and start > cursor:
            rows.append((cursor, start, round(general * 60)))
        rows.append((start, end, headway))
        cursor = max(cursor, end)
    if general is not None and window[1] > cursor:
        rows.append((cursor, window[1], round(general * 60)))
    rows = [r for r in sorted(rows) if r[1] > r[0]]
    return Service(days=tuple(days), frequencies=tuple(rows),  # type: ignore[arg-type]
                   notes=tuple(notes))


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


def gtfs_time(seconds: float) -> str:
    """Seconds after midnight as GTFS ``HH:MM:SS`` (hours may pass 24)."""
    whole = int(round(seconds))
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def _zone_table() -> str:
    try:
        return importlib.resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(
            encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        system = Path("/usr/share/zoneinfo/zone.tab")
        return system.read_text(encoding="utf-8") if system.exists() else ""


def _degrees(text: str) -> float:
    sign = -1.0 if text[0] == "-" else 1.0
    digits = text[1:]
    whole = 2 if len(digits) in (4, 6) else 3
    value = int(digits[:whole]) + int(digits[whole:whole + 2]) / 60
    if len(digits) > whole + 2:
        value += int(digits[whole + 2:]) / 3600
    return sign * value


def nearest_timezone(lon: float, lat: float) -> str | None:
    """The time zone whose principal city (``zone.tab``) is nearest to a point."""
    best: tuple[float, str] | None = None
    for line in _zone_table().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        match = re.fullmatch(r"([+-]\d+)([+-]\d+)", parts[1])
        if not match:
            continue
        zone_lat, zone_lon = _degrees(match.group(1)), _degrees(match.group(2))
        dx = math.radians(lon - zone_lon) * math.cos(math.radians((lat + zone_lat) / 2))
        distance = math.hypot(dx, math.radians(lat - zone_lat))
        if best is None or distance < best[0]:
            best = (distance, parts[2])
    return best[1] if best else None
