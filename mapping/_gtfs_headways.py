"""How often a GTFS route runs, as the tags a Quartier line keeps it in.

Private to :mod:`mapping.gtfs_import`. A feed says how often vehicles come either
in ``frequencies.txt`` (time bands with a headway) or only by listing each trip's
departure. Both become frequency rows (start, end, headway in seconds after
midnight, possibly past 24:00), and the rows become the tags
:mod:`mapping.export.gtfs_service` reads back into the very same rows:
``opening_hours`` (the days and the span), ``interval`` (the wait during most of
the day, when the bands follow each other without a gap) and ``interval:HH-HH``
for the other bands (``interval:HH:MM-HH:MM`` when a band does not start and end
on the hour or runs past midnight).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence

#: Where derived bands change, in hours: the presets' morning peak, day, evening peak.
BAND_EDGES_H = (6, 9, 16, 20)
_DAY_NAMES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")

Row = tuple[int, int, int]


def seconds(text: str) -> int | None:
    """A GTFS time (``6:00:00``, ``25:30:00``) in seconds after midnight; None if not one."""
    parts = text.strip().split(":")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(parts[1]) != 2 \
            or len(parts[2]) != 2 or int(parts[1]) > 59 or int(parts[2]) > 59:
        return None
    return int(parts[0]) * 3600 + int(parts[1]) * 60 + int(parts[2])


def merged_rows(rows: Iterable[Row]) -> list[Row]:
    """Frequency rows in order, overlaps cut off (the earlier band wins, as the exporter
    does) and neighbours with the same headway joined."""
    out: list[Row] = []
    for start, end, headway in sorted(rows):
        if out:
            start = max(start, out[-1][1])
        if end <= start:
            continue
        if out and out[-1][1] == start and out[-1][2] == headway:
            out[-1] = (out[-1][0], end, headway)
        else:
            out.append((start, end, headway))
    return out


def derived_rows(departures: Sequence[int]) -> list[Row]:
    """Frequency rows from the departures of a route's trips (no ``frequencies.txt``).

    The service runs from the first to the last departure; within each band
    (:data:`BAND_EDGES_H`) the headway is the median gap between consecutive
    departures starting in it (a band no departure starts in takes the gap spanning
    it). Fewer than two distinct departures: no rows (no wait can be known).
    """
    times = sorted(set(departures))
    if len(times) < 2:
        return []
    first, last = times[0], times[-1]
    gaps = [(a, b - a) for a, b in zip(times, times[1:], strict=False)]
    edges = sorted({first, last, *(h * 3600 + day for h in BAND_EDGES_H
                                   for day in range(0, last // 86400 * 86400 + 1, 86400)
                                   if first < h * 3600 + day < last)})
    rows = []
    for start, end in zip(edges, edges[1:], strict=False):
        inside = [gap for at, gap in gaps if start <= at < end]
        if not inside:
            inside = [gap for at, gap in gaps if at <= start < at + gap]
        rows.append((start, end, round(statistics.median(inside))))
    return merged_rows(rows)


def days_text(days: Sequence[bool]) -> str:
    """Days as ``opening_hours`` writes them: ``Mo-Su``, ``Mo-Fr``, ``Sa-Mo``, ``Mo,We``."""
    on = [i for i, running in enumerate(days) if running]
    if not on or len(on) == 7:
        return "Mo-Su"
    for first in on:  # one run of days, perhaps across Sunday
        run = [(first + k) % 7 for k in range(len(on))]
        if sorted(run) == on:
            last = run[-1]
            return _DAY_NAMES[first] if first == last else f"{_DAY_NAMES[first]}-{_DAY_NAMES[last]}"
    return ",".join(_DAY_NAMES[i] for i in on)


def _clock(value: int) -> str:
    return f"{value // 3600:02d}:{value % 3600 // 60:02d}"


def _wait(headway: int) -> str:
    return f"{headway / 60:.6g}"


def service_tags(rows: Sequence[Row], days: Sequence[bool]) -> dict[str, str]:
    """The tags for frequency rows (merged, in order) and running days."""
    if not rows:
        return {}
    start, end = rows[0][0], rows[-1][1]
    end = min(end, start + 86400)
    shown_end = end if end <= 86400 else end - 86400  # past midnight: 05:00-01:00
    tags = {"opening_hours": f"{days_text(days)} {_clock(start)}-{_clock(shown_end)}"}
    contiguous = all(a[1] == b[0] for a, b in zip(rows, rows[1:], strict=False))
    general = None
    if contiguous:
        totals: dict[int, int] = {}
        for begin, finish, headway in rows:
            totals[headway] = totals.get(headway, 0) + finish - begin
        general = max(totals, key=lambda h: (totals[h], h))
        tags["interval"] = _wait(general)
    for begin, finish, headway in rows:
        if headway == general:
            continue
        if begin % 3600 == 0 and finish % 3600 == 0 and finish <= 86400:
            key = f"interval:{begin // 3600:02d}-{finish // 3600:02d}"
        else:
            key = f"interval:{_clock(begin)}-{_clock(finish)}"
        tags[key] = _wait(headway)
    return tags
