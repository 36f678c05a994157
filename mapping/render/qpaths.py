"""numpy coordinate arrays to Qt painter paths, without a Python loop per vertex.

A :class:`QPainterPath` is read from the binary form Qt's own ``QDataStream``
writes (a count, then a big-endian (type, x, y) record per element, then the
current subpath start and the fill rule), which numpy builds in one go: about
a hundred times faster than ``moveTo``/``lineTo`` calls from Python.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shiboken6
from PySide6.QtCore import QByteArray, QDataStream, QPointF
from PySide6.QtGui import QPainter, QPainterPath, QPolygonF

#: Element record of the QDataStream form of a QPainterPath.
_ELEMENT = np.dtype([("kind", ">i4"), ("x", ">f8"), ("y", ">f8")])
#: QPainterPath element kinds.
_MOVE_TO, _LINE_TO = 0, 1
#: Qt.FillRule values.
ODD_EVEN_FILL, WINDING_FILL = 0, 1


def path_bytes(coords: np.ndarray, ring_offsets: np.ndarray, fill_rule: int = ODD_EVEN_FILL
               ) -> bytes:
    """The QDataStream form of a path made of one subpath per ring.

    Parameters
    ----------
    coords
        Vertices, shape (n, 2); must be finite (Qt drops a path with NaN).
    ring_offsets
        Start of each ring in ``coords``, plus ``n`` at the end.
    fill_rule
        :data:`ODD_EVEN_FILL` (holes stay empty) or :data:`WINDING_FILL`.
    """
    n = len(coords)
    if n == 0:
        return np.array([0], dtype=">i4").tobytes()
    records = np.empty(n, dtype=_ELEMENT)
    kinds = np.full(n, _LINE_TO, dtype=">i4")
    kinds[ring_offsets[:-1][ring_offsets[:-1] < n]] = _MOVE_TO
    records["kind"] = kinds
    records["x"] = coords[:, 0]
    records["y"] = coords[:, 1]
    head = np.array([n], dtype=">i4").tobytes()
    tail = np.array([int(ring_offsets[-2]) if len(ring_offsets) > 1 else 0, fill_rule],
                    dtype=">i4").tobytes()
    return head + records.tobytes() + tail


def path_records(coords: np.ndarray, ring_offsets: np.ndarray) -> np.ndarray:
    """The element records of rings (a moveTo at each ring start), to slice into paths."""
    records = np.empty(len(coords), dtype=_ELEMENT)
    kinds = np.full(len(coords), _LINE_TO, dtype=">i4")
    starts = ring_offsets[:-1]
    kinds[starts[starts < len(coords)]] = _MOVE_TO
    records["kind"] = kinds
    records["x"] = coords[:, 0]
    records["y"] = coords[:, 1]
    return records


def path_from_records(records: np.ndarray, last_move: int, fill_rule: int = ODD_EVEN_FILL
                      ) -> QPainterPath:
    """A path from a slice of :func:`path_records` starting at a ring start.

    ``last_move`` is the position of the slice's last ring start (Qt stores it).
    """
    head = np.array([len(records)], dtype=">i4").tobytes()
    tail = np.array([last_move, fill_rule], dtype=">i4").tobytes()
    return path_from_bytes(head + records.tobytes() + tail)


def path_from_bytes(data: bytes) -> QPainterPath:
    """Read a path written by :func:`path_bytes`."""
    path = QPainterPath()
    stream = QDataStream(QByteArray(data))
    stream >> path
    return path


def path_from_rings(coords: np.ndarray, ring_offsets: np.ndarray,
                    fill_rule: int = ODD_EVEN_FILL) -> QPainterPath:
    """A QPainterPath with one subpath per ring (see :func:`path_bytes`)."""
    return path_from_bytes(path_bytes(coords, ring_offsets, fill_rule))


def polygonf(coords: np.ndarray) -> QPolygonF:
    """A QPolygonF holding ``coords`` (n, 2), filled by one memory copy."""
    polygon = QPolygonF()
    n = len(coords)
    if n == 0:
        return polygon
    polygon.resize(n)
    # QPolygonF.data() is the address of its first QPointF (two doubles each).
    buffer: Any = shiboken6.VoidPtr(polygon.data(), n * 16, True)  # type: ignore[call-arg, arg-type]
    np.frombuffer(buffer, dtype=np.float64).reshape(n, 2)[:] = coords
    return polygon


def draw_lines(painter: QPainter, pairs: np.ndarray) -> None:
    """``painter.drawLines`` on point pairs (2 * lines, 2), read in place by Qt.

    Handed a QPolygonF (or a list), PySide converts it to a ``QList<QPointF>`` one
    point at a time through a Python wrapper each (about a microsecond a line,
    more than Qt takes to draw a short hairline). Qt's pointer overload
    ``drawLines(const QPointF *pointPairs, int lineCount)`` is what the list
    overload calls; it gets the array's memory itself (two doubles per point, as a
    QPointF), through a wrapper that does not own it, so the lines drawn are the same.
    """
    pairs = np.ascontiguousarray(pairs, dtype=np.float64)
    lines = len(pairs) // 2
    if lines == 0:
        return
    first: Any = shiboken6.wrapInstance(pairs.ctypes.data, QPointF)
    try:
        painter.drawLines(first, lines)
    finally:
        shiboken6.invalidate(first)  # the memory is numpy's: the wrapper must not outlive it


def segment_pairs(coords: np.ndarray, ring_offsets: np.ndarray) -> np.ndarray:
    """Every segment of every ring as a pair of points: (2 * segments, 2).

    ``QPainter.drawLines`` on such pairs with a flat- or square-capped pen takes
    Qt's direct line rasteriser, two to three times faster than stroking a
    path of the same lines (which builds and fills an outline).
    """
    n = len(coords)
    if n < 2:
        return np.zeros((0, 2))
    has_next = np.ones(n, dtype=bool)
    has_next[ring_offsets[1:] - 1] = False  # the last vertex of a ring starts no segment
    first = np.nonzero(has_next[:-1])[0]
    pairs = np.empty((2 * len(first), 2))
    pairs[0::2] = coords[first]
    pairs[1::2] = coords[first + 1]
    return pairs


def ring_vertex_index(ring_offsets: np.ndarray, rings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Vertex positions of the chosen rings, and the rings' offsets in that selection.

    Parameters
    ----------
    ring_offsets
        Offsets of all rings (length rings + 1).
    rings
        Indices of the rings wanted, in the order wanted.
    """
    starts = ring_offsets[rings]
    counts = ring_offsets[rings + 1] - starts
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    total = int(offsets[-1])
    if total == 0:
        return np.zeros(0, dtype=np.int64), offsets
    index = np.arange(total, dtype=np.int64) + np.repeat(starts - offsets[:-1], counts)
    return index, offsets


def simplify(coords: np.ndarray, ring_offsets: np.ndarray, tolerance: float, min_points: int
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Douglas-Peucker simplification of every ring (vectorised, as GEOS does it).

    The level of detail of a zoom band: with ``tolerance`` half a pixel the
    shape does not change visibly, while a gently curving motorway drawn across
    a whole region keeps a few vertices instead of hundreds.

    Parameters
    ----------
    coords, ring_offsets
        Rings (or lines) as vertices and offsets.
    tolerance
        Largest distance a dropped vertex may lie from the simplified line, map units.
    min_points
        Rings left with fewer vertices are dropped (4 for polygon rings, 2 for lines).

    Returns
    -------
    coords, ring_offsets, kept_rings
        The simplified rings and the indices of the rings that remain.
    """
    counts = np.diff(ring_offsets)
    usable = np.nonzero(counts >= 2)[0]
    if not len(usable) or tolerance <= 0:
        return decimate(coords, ring_offsets, tolerance, min_points)
    keep = douglas_peucker(coords, ring_offsets, tolerance)
    keep[_ring_mask(ring_offsets, counts < 2)] = False
    running = np.concatenate([[0], np.cumsum(keep)])
    new_counts = (running[ring_offsets[1:]] - running[ring_offsets[:-1]])[usable]
    good = new_counts >= min_points
    if not good.all():
        dropped = np.zeros(len(counts), dtype=bool)
        dropped[usable[~good]] = True
        keep[_ring_mask(ring_offsets, dropped)] = False
        new_counts = new_counts[good]
    new_offsets = np.concatenate([[0], np.cumsum(new_counts)]).astype(np.int64)
    return coords[keep], new_offsets, usable[good]


def _ring_mask(ring_offsets: np.ndarray, rings: np.ndarray) -> np.ndarray:
    """Per vertex: True when its ring is one of ``rings`` (a boolean per ring)."""
    return np.repeat(rings, np.diff(ring_offsets))


def douglas_peucker(coords: np.ndarray, ring_offsets: np.ndarray, tolerance: float
                    ) -> np.ndarray:
    """Which vertices the Douglas-Peucker simplification of each ring keeps.

    GEOS's ``DouglasPeuckerLineSimplifier`` on each ring taken as a line (its
    first and last vertex kept), made one recursion level at a time over every
    ring at once: each section still open is closed when its farthest vertex
    (the first of equal ones) lies within ``tolerance`` of the segment joining its
    ends, and split there otherwise. The distance is computed with the same
    operations in the same order as GEOS's ``Distance::pointToSegment``, so the
    same vertices are kept (the tests compare with GEOS on real data).
    """
    x, y = coords[:, 0], coords[:, 1]
    keep = np.ones(len(coords), dtype=bool)
    i, j = ring_offsets[:-1], ring_offsets[1:] - 1
    wide = j - i >= 2
    i, j = i[wide], j[wide]
    while len(i):
        inner = _inner(i, j)
        span = np.repeat(np.arange(len(i)), j - i - 1)
        first, last = i[span], j[span]
        distance = _segment_distance(x[inner], y[inner], x[first], y[first], x[last], y[last])
        firsts = np.concatenate([[0], np.cumsum(j - i - 1)[:-1]])
        farthest = np.maximum.reduceat(distance, firsts)
        at = np.where(distance == farthest[span], np.arange(len(inner)), len(inner))
        split = inner[np.minimum.reduceat(at, firsts)]
        close = farthest <= tolerance
        keep[inner[close[span]]] = False
        i = np.concatenate([i[~close], split[~close]])
        j = np.concatenate([split[~close], j[~close]])
        wide = j - i >= 2
        i, j = i[wide], j[wide]
    return keep


def _inner(i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """The vertices strictly between each i and j (all concatenated)."""
    lengths = j - i - 1
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    return np.arange(int(lengths.sum()), dtype=np.int64) + np.repeat(i + 1 - offsets, lengths)


def _segment_distance(px: np.ndarray, py: np.ndarray, ax: np.ndarray, ay: np.ndarray,
                      bx: np.ndarray, by: np.ndarray) -> np.ndarray:
    """Distance from points to segments, as GEOS's ``Distance::pointToSegment``.

    The same roundings: a - b is exactly -(b - a), so GEOS's (ay - py)(bx - ax) -
    (ax - px)(by - ay) is here (px - ax)(by - ay) - (py - ay)(bx - ax), negated,
    and only its size is used.
    """
    ux, uy = px - ax, py - ay
    dx, dy = bx - ax, by - ay
    with np.errstate(divide="ignore", invalid="ignore"):
        length2 = dx * dx + dy * dy
        r = (ux * dx + uy * dy) / length2
        out = np.abs((ux * dy - uy * dx) / length2) * np.sqrt(length2)
    # The distance to an end only where it is the answer (few points: most project
    # between the ends), computed with the same operations on those points.
    near_a = ((dx == 0.0) & (dy == 0.0)) | (r <= 0.0)  # GEOS: A == B, or before A
    if near_a.any():
        ua, va = ux[near_a], uy[near_a]
        out[near_a] = np.sqrt(ua * ua + va * va)
    near_b = (r >= 1.0) & ~near_a
    if near_b.any():
        vx, vy = px[near_b] - bx[near_b], py[near_b] - by[near_b]
        out[near_b] = np.sqrt(vx * vx + vy * vy)
    return out


def decimate(coords: np.ndarray, ring_offsets: np.ndarray, tolerance: float, min_points: int
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Drop vertices that fall in the same ``tolerance`` grid cell as the one before.

    A cheap level of detail: at a given resolution the shape does not change
    visibly, but a city-wide view draws a fraction of the vertices. The first and
    last vertex of every ring are kept.

    Parameters
    ----------
    coords, ring_offsets
        Rings as vertices and offsets.
    tolerance
        Grid cell size, map units (half a pixel or so).
    min_points
        Rings left with fewer vertices are dropped (4 for polygon rings, 2 for lines).

    Returns
    -------
    coords, ring_offsets, kept_rings
        The thinned rings and the indices of the rings that remain.
    """
    n = len(coords)
    if n == 0 or tolerance <= 0:
        rings = np.arange(len(ring_offsets) - 1)
        return coords, ring_offsets, rings
    cells = np.floor(coords / tolerance).astype(np.int64)
    keep = np.ones(n, dtype=bool)
    keep[1:] = np.any(cells[1:] != cells[:-1], axis=1)
    starts, ends = ring_offsets[:-1], ring_offsets[1:]
    nonempty = ends > starts
    keep[starts[nonempty]] = True
    keep[ends[nonempty] - 1] = True
    running = np.concatenate([[0], np.cumsum(keep)])
    counts = running[ends] - running[starts]
    good = counts >= min_points
    if not good.all():
        drop = np.repeat(~good, ends - starts)
        keep &= ~drop
        counts = counts[good]
    new_offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return coords[keep], new_offsets, np.nonzero(good)[0]
