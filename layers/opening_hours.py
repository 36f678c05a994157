"""OpenStreetMap ``opening_hours`` values: checking them, and writing them from days and hours.

The syntax (``Mo-Fr 08:00-17:00; Sa 09:00-13:00``, ``24/7``) is what every OSM tool
and GTFS exporter reads, so a value typed in plain English ("Monday to Friday 8am
to 5pm") would be lost to them. Values are checked with ``opening-hours-py``, a
parser that follows the reference ``opening_hours.js``, rather than a home-made
pattern; the picker in the form writes values through :func:`days_and_hours`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import opening_hours

from layers.i18n import tr

#: OSM's two-letter day abbreviations, Monday first.
DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
#: An example shown when a value is refused.
EXAMPLE = "Mo-Fr 08:00-17:00"

_TIME = re.compile(r"([01]\d|2[0-4]):[0-5]\d")


def is_valid(value: str) -> bool:
    """Whether ``value`` is a well-formed OSM ``opening_hours`` value."""
    text = value.strip()
    if not text:
        return False
    try:
        opening_hours.OpeningHours(text)
    except Exception:  # the parser raises its own ParserError, and others on odd input
        return False
    return True


def day_ranges(days: Iterable[str]) -> str:
    """Days as OSM writes them: runs of three or more as ranges (``Mo-Fr``), others listed
    (``Mo,We,Fr``; ``Sa,Su``)."""
    chosen = sorted({day for day in days if day in DAYS}, key=DAYS.index)
    parts: list[str] = []
    run: list[str] = []
    for day in chosen:
        if run and DAYS.index(day) != DAYS.index(run[-1]) + 1:
            parts.append(_run_text(run))
            run = []
        run.append(day)
    if run:
        parts.append(_run_text(run))
    return ",".join(parts)


def _run_text(run: list[str]) -> str:
    return f"{run[0]}-{run[-1]}" if len(run) >= 3 else ",".join(run)


def days_and_hours(days: Iterable[str], opens: str, closes: str, before: str = "") -> str:
    """The ``opening_hours`` value for ``days`` from ``opens`` to ``closes`` (``HH:MM``),
    added after ``before`` (an earlier value) when given.

    Raises
    ------
    ValueError
        In plain words: no day chosen, or a time not written ``HH:MM``.
    """
    when = day_ranges(days)
    if not when:
        raise ValueError(tr("Choose at least one day."))
    for time in (opens, closes):
        if not _TIME.fullmatch(time):
            raise ValueError(tr("Write times like 08:00 (not {time}).", time=repr(time)))
    if opens == closes:
        raise ValueError(tr("The opening and closing times are the same."))
    rule = f"{when} {opens}-{closes}"
    earlier = before.strip().rstrip(";").strip()
    return f"{earlier}; {rule}" if earlier else rule
