"""Transport-line edits: cutting a line, joining two, placing and ordering stops.

Private helpers of :mod:`mapping.editing`: they work out the changes an edit makes;
the session checks, writes and undoes them. Lengths are measured in the project's
working CRS through the ``to_metres`` function it passes.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace

import shapely
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry
from shapely.ops import substring

from layers.errors import ValidationError
from layers.i18n import ntr, tr
from layers.participatory import ParticipatoryLayer
from mapping.edit_history import Change, EditAction, Feature

LINES = ParticipatoryLayer.TRANSPORT_LINES
STOPS = ParticipatoryLayer.TRANSPORT_STOPS

ToMetres = Callable[[BaseGeometry], BaseGeometry]

#: Each part of a cut line must be at least this long (metres).
MIN_PART_M = 1.0


def split_geometry(line: LineString, point: BaseGeometry, to_metres: ToMetres
                   ) -> tuple[LineString, LineString, float]:
    """The two parts of ``line`` cut at the point nearest ``point``, and where (along ``line``)."""
    at = line.project(point)
    first, second = substring(line, 0, at), substring(line, at, line.length)
    if not (isinstance(first, LineString) and isinstance(second, LineString)) \
            or min(to_metres(first).length, to_metres(second).length) < MIN_PART_M:
        raise ValidationError(tr("The cut is at the very end of the line: click further "
                                 "along it."))
    return first, second, at


def split_stops(stops: list[Feature], line: LineString, at: float
                ) -> tuple[list[Feature], list[Feature]]:
    """The stops before and after distance ``at`` along ``line``, each in their order."""
    first = [s for s in stops if line.project(s.geometry) <= at]
    second = [s for s in stops if line.project(s.geometry) > at]
    return first, second


def merged_line(line_a: LineString, line_b: LineString, to_metres: ToMetres,
                tolerance_m: float) -> tuple[LineString, bool, bool]:
    """Line A extended by line B at the ends that meet, keeping A's direction.

    Returns
    -------
    tuple
        The joined line, whether B comes first, whether B was reversed.

    Raises
    ------
    ValidationError
        When no end of A is within ``tolerance_m`` of an end of B.
    """
    a = list(line_a.coords)
    b = list(line_b.coords)
    # (gap in metres, B first?, B reversed?, A's end, B's end)
    options = []
    for b_first, b_reversed, end_a, end_b in ((False, False, a[-1], b[0]),
                                              (False, True, a[-1], b[-1]),
                                              (True, False, a[0], b[-1]),
                                              (True, True, a[0], b[0])):
        gap = to_metres(Point(end_a)).distance(to_metres(Point(end_b)))
        options.append((gap, b_first, b_reversed))
    gap, b_first, b_reversed = min(options, key=lambda option: option[0])
    if gap > tolerance_m:
        raise ValidationError(tr("These lines do not meet: their nearest ends are {gap:.0f} m "
                                 "apart. Move one end onto the other, then join them.", gap=gap))
    if b_reversed:
        b = b[::-1]
    coords = b + a if b_first else a + b
    joined = [coords[0]] + [c for previous, c in zip(coords, coords[1:], strict=False)
                            if c != previous]
    return LineString(joined), b_first, b_reversed


def reorder(stops: list[Feature], uuids: list[str]) -> list[Feature]:
    """``stops`` in the order of ``uuids``, which must name each of them once."""
    by_uuid = {s.uuid: s for s in stops}
    if sorted(uuids) != sorted(by_uuid):
        raise ValidationError(tr("The new order must list every stop of the line exactly "
                                 "once."))
    return [by_uuid[u] for u in uuids]


def renumbered(ordered: list[Feature], line_uuid: str, note: str = "stop order",
                skip: set[str] | None = None) -> list[Change]:
    """Changes giving ``ordered`` stops the sequence 1, 2, 3... on ``line_uuid``."""
    changes = []
    for number, stop in enumerate(ordered, start=1):
        if skip and stop.uuid in skip:
            continue
        if stop.stop_sequence != number or stop.line_uuid != line_uuid:
            after = replace(stop, stop_sequence=number, line_uuid=line_uuid)
            changes.append(Change(STOPS, stop.uuid, stop, after, EditAction.UPDATE, note))
    return changes


def stop_position(line: LineString, existing: list[Feature], stop: BaseGeometry,
                  sequence: int | None) -> int:
    """Where (index from 0) a new stop goes among a line's ``existing`` stops.

    ``sequence`` (from 1) when given; else after the last stop lying before it
    along the line.
    """
    if sequence is None:
        along = line.project(stop)
        return next((i for i, s in enumerate(existing) if line.project(s.geometry) > along),
                    len(existing))
    if 1 <= sequence <= len(existing) + 1:
        return sequence - 1
    raise ValidationError(ntr("This line has {n} stop: the new stop's place must be between 1 "
                              "and {last}.",
                              "This line has {n} stops: the new stop's place must be between 1 "
                              "and {last}.", len(existing), last=len(existing) + 1))


def split_changes(line: Feature, first: BaseGeometry, second: BaseGeometry, at: float,
                  stops: list[Feature]) -> tuple[list[Change], str]:
    """The changes cutting ``line`` into ``first`` (same uuid) and ``second`` (a new line
    with the same tags), each taking the stops lying on it; and the new line's uuid."""
    part = replace(line, uuid=str(uuid.uuid4()), geometry=second, created_at="", fid=None,
                   version=0)
    first_stops, second_stops = split_stops(stops, line.geometry, at)
    changes = [Change(LINES, line.uuid, line, replace(line, geometry=first), EditAction.UPDATE,
                      "split"),
               Change(LINES, part.uuid, None, part, EditAction.CREATE, "split")]
    changes += renumbered(first_stops, line.uuid, note="split")
    changes += renumbered(second_stops, part.uuid, note="split")
    return changes, part.uuid


def merge_changes(line_a: Feature, line_b: Feature, joined: BaseGeometry, b_first: bool,
                  b_reversed: bool, stops_a: list[Feature], stops_b: list[Feature]
                  ) -> list[Change]:
    """The changes joining B onto A as ``joined``: A reshaped, B removed, stops renumbered.

    A's stops keep their order; B's go in their order along B as it runs in the
    joined line, before or after A's.
    """
    along_b = shapely.reverse(line_b.geometry) if b_reversed else line_b.geometry
    stops_b = sorted(stops_b, key=lambda s: along_b.project(s.geometry))
    ordered = stops_b + stops_a if b_first else stops_a + stops_b
    changes = [Change(LINES, line_a.uuid, line_a, replace(line_a, geometry=joined),
                      EditAction.UPDATE, "merge"),
               Change(LINES, line_b.uuid, line_b, None, EditAction.DELETE, "merge")]
    return changes + renumbered(ordered, line_a.uuid, note="merge")
