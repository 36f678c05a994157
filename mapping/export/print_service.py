"""What the "Transport" printed map says about the level of service.

The figures are the analysis's own. The project's buildings near a stop and each
line's vehicles per hour and span of service come from
:func:`mapping.analysis.service_level.service_level`, the function behind
``quartier service``. The least-served areas come from the areas layer that
``quartier service --by`` (or the Transport service panel) saved, the layer the
printed map draws: the paper lists the areas in the colours the map shows them, with
the date they were computed, and never counts them again. The Transport service
panel of the window reads the report through the same few helpers, so the paper and
the window say the same.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from layers.errors import QuartierError
from layers.i18n import language, ntr, tr
from mapping.export.print_panel import PanelRow, RowKind, Swatch, smaller
from mapping.project import Project

#: Most areas and lines listed on paper (the rest summed up in one line).
MOST_AREAS = 8
MOST_LINES = 12
#: Outline of an area's swatch.
AREA_OUTLINE = "#666666"


# ------------------------------------------------------------------ reading the report


def share_colour(share: float) -> str:
    """The map colour of an area where ``share`` (0-1) of the buildings are within the
    walk of a frequent stop (the classes of the areas layer the analysis writes)."""
    from mapping.analysis._service_layers import AREA_CLASSES

    return next(colour for _label, top, colour in AREA_CLASSES if share < top)


def line_title(line: Any) -> str:
    """``ref · name`` of a line ("" when it has neither)."""
    return " · ".join(str(t) for t in (line.ref, line.name) if t)


def span_words(line: Any) -> str:
    """A line's span of service, ``05:00–22:00`` ("" when not known)."""
    return f"{line.span[0]}–{line.span[1]}" if line.span else ""


def project_totals(report: Any) -> tuple[int, int, int]:
    """Buildings in the project, within the walk of a stop, and of a frequent stop."""
    totals = report.totals
    return (int(totals.buildings), int(totals.within_walk),
            int(totals.within_walk_frequent))


# ------------------------------------------------------------------ the saved areas


@dataclass(frozen=True)
class SavedArea:
    """One area of the saved least-served-areas layer."""

    name: str
    buildings: int
    #: Shares of its buildings within the walk of a frequent stop, and of any stop.
    share_frequent: float
    share_within: float
    #: Its map colour.
    colour: str


def read_saved_areas(project: Project) -> tuple[list[SavedArea], str]:
    """The areas of the saved least-served-areas layer that have buildings, least served
    first, and when they were computed ("7 December 2026"); ``([], "")`` without one."""
    from mapping.analysis.service_level import AREAS_LAYER

    if AREAS_LAYER not in project.layer_names():
        return [], ""
    try:
        frame = project.read_layer(AREAS_LAYER)
        record = project.store.record(AREAS_LAYER)
    except QuartierError:
        return [], ""
    needed = {"name", "buildings", "share_frequent", "share_within", "least_served_rank"}
    if not needed <= set(frame.columns):
        return [], ""
    computed = ""
    if record is not None and record.added_at:
        try:
            when = dt.datetime.fromisoformat(str(record.added_at).replace("Z", "+00:00"))
            from mapping.export.print_analysis import date_words

            computed = date_words(when)
        except ValueError:
            pass
    frame = frame.assign(rank=pd.to_numeric(frame["least_served_rank"], errors="coerce"),
                         buildings=pd.to_numeric(frame["buildings"], errors="coerce"))
    frame = frame[frame["buildings"] > 0].sort_values("rank", na_position="last")
    areas = []
    for row in frame.itertuples():
        frequent = float(row.share_frequent)
        colour = getattr(row, "colour", None)
        areas.append(SavedArea(str(row.name or ""), int(row.buildings), frequent,
                               float(row.share_within),
                               str(colour) if isinstance(colour, str) and colour
                               else share_colour(frequent)))
    return areas, computed


# ------------------------------------------------------------------ the figures box


def _number(value: float, decimals: int | None = None) -> str:
    from mapping.analysis.report import number

    return number(value, decimals)


def _per_hour(value: float) -> str:
    return _number(value, 0 if float(value).is_integer() else 1)


def _percent(share: float) -> str:
    return tr("{percent}%", percent=f"{100 * share:.0f}")


def line_words(line: Any) -> str:
    """A line's service in a few words:
    "06-09: 12/h, 09-16: 6/h · 05:00–22:00 · 14 stops · 4.2 km"."""
    service = ", ".join(tr("{band}: {vehicles}/h", band=band, vehicles=_per_hour(v))
                        for band, v in line.vehicles_per_hour.items() if v)
    parts = [service or tr("no waiting time known"), span_words(line),
             ntr("{count} stop", "{count} stops", line.stops, count=_number(line.stops)),
             tr("{km} km", km=_number(line.length_m / 1000, 1))]
    if line.crosses_hazard:
        cut = len(line.stops_cut_off)
        parts.append(ntr("crosses the hazard, {count} stop cut off",
                         "crosses the hazard, {count} stops cut off", cut,
                         count=_number(cut)) if cut else tr("crosses the hazard"))
    return " · ".join(p for p in parts if p)


def figure_rows(report: Any, areas: list[SavedArea] | None = None, computed: str = ""
                ) -> list[PanelRow]:
    """The figures box of the Transport map: the project, the least-served areas (the
    saved ones), the lines; [] when the project has no transport line."""
    if not report.lines:
        return []
    buildings, near, frequent = project_totals(report)
    walk = tr("{metres} m", metres=_number(report.walk_m, 0))
    rows = [PanelRow(RowKind.HEADING, tr("Level of service"), size=1.1)]
    if buildings:
        rows.append(PanelRow(RowKind.TEXT, ntr(
            "{near} of {count} building ({share}) is within a {walk} walk of a stop; "
            "{frequent} ({frequent_share}) within {walk} of a stop with a vehicle at least "
            "every {wait} minutes ({band}).",
            "{near} of {count} buildings ({share}) are within a {walk} walk of a stop; "
            "{frequent} ({frequent_share}) within {walk} of a stop with a vehicle at least "
            "every {wait} minutes ({band}).", buildings, near=_number(near),
            count=_number(buildings), share=_percent(near / buildings), walk=walk,
            frequent=_number(frequent), frequent_share=_percent(frequent / buildings),
            wait=f"{report.frequent_headway_min:g}", band=report.band)))
    if areas:
        heading = (tr("Least-served areas, computed on {date} (buildings near a frequent "
                      "stop / near any stop):", date=computed) if computed else
                   tr("Least-served areas (buildings near a frequent stop / near any "
                      "stop):"))
        rows.append(PanelRow(RowKind.TEXT, heading, size=0.95))
        for area in areas[:MOST_AREAS]:
            rows.append(PanelRow(
                RowKind.SWATCH, tr("{area}: {frequent} / {within} of {count}",
                                   area=area.name or tr("(no name)"),
                                   frequent=_percent(area.share_frequent),
                                   within=_percent(area.share_within),
                                   count=_number(area.buildings)),
                swatch=Swatch("polygon", fill=area.colour, stroke=AREA_OUTLINE), size=0.9))
        if len(areas) > MOST_AREAS:
            more = len(areas) - MOST_AREAS
            rows.append(PanelRow(RowKind.TEXT, ntr("and {n} better-served area",
                                                   "and {n} better-served areas", more),
                                 size=0.85))
    rows.append(PanelRow(RowKind.TEXT, tr("Vehicles per hour in each time band, span of "
                                          "service:"), size=0.95))
    for line in report.lines[:MOST_LINES]:
        rows.append(PanelRow(RowKind.TEXT, line_title(line) or tr("Line with no name yet"),
                             detail=line_words(line), size=0.9))
    if len(report.lines) > MOST_LINES:
        more = len(report.lines) - MOST_LINES
        rows.append(PanelRow(RowKind.TEXT, ntr("and {n} more line", "and {n} more lines",
                                               more), size=0.85))
    return [rows[0], *(smaller(row, 0.95) for row in rows[1:])]


# ------------------------------------------------------------------ counted once


#: Figures already counted, by project file state (a print dialog's preview asks again
#: at every change of paper or title).
_COUNTED: dict[tuple, tuple[PanelRow, ...]] = {}
_COUNTED_KEPT = 4
_COUNTED_LOCK = threading.Lock()


def _file_state(path: Path) -> tuple:
    """Modification time and size of a project and of its SQLite write-ahead log."""
    state: list[tuple[int, int] | None] = []
    for part in (path, path.with_name(path.name + "-wal")):
        try:
            stat = part.stat()
            state.append((stat.st_mtime_ns, stat.st_size))
        except OSError:
            state.append(None)
    return tuple(state)


def service_figures(project: Project) -> tuple[PanelRow, ...]:
    """The figures box of the Transport map, counted once per state of the project file;
    () without transport lines; when the service cannot be counted (no buildings, no
    streets), the analysis's own sentence saying why."""
    key = (str(project.path.resolve()), _file_state(project.path), language())
    with _COUNTED_LOCK:
        known = _COUNTED.get(key)
    if known is not None:
        return known
    from mapping.analysis.service_level import service_level

    try:
        report = service_level(project)
    except QuartierError as error:
        counted: tuple[PanelRow, ...] = ()
        if _has_lines(project):
            counted = (PanelRow(RowKind.HEADING, tr("Level of service"), size=1.1),
                       PanelRow(RowKind.TEXT, str(error), size=0.9))
    else:
        counted = tuple(figure_rows(report, *read_saved_areas(project)))
    with _COUNTED_LOCK:  # a preview worker and the window may both print
        while len(_COUNTED) >= _COUNTED_KEPT:
            _COUNTED.pop(next(iter(_COUNTED)))
        _COUNTED[key] = counted
    return counted


def _has_lines(project: Project) -> bool:
    """Whether the project has a transport line (no lines: no box, not an error)."""
    try:
        return bool(project.layer_kinds()) and len(project.read_layer("transport_lines")) > 0
    except Exception:  # noqa: BLE001 - a project with no such layer has no lines
        return False
