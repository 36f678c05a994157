"""Map labels: choose which names to write and where, so that no two ever overlap.

Candidates (place names, street and river names, POI and facility names, area
names) are collected from the visible layers, sorted by priority (what residents
mapped first: facilities, stops, transport lines, risk zones; then places, major
roads, minor roads, areas, POIs) and placed one by one: a
label is written only if every rectangle it covers is free in a grid of
occupied rectangles. Street names follow the street's direction on a straight
enough stretch, turned to read upright. Text goes through Qt's text engine, so
Swahili, French, Nepali (Devanagari), Arabic and Amharic (Ethiopic) names are shaped,
in reading order, with the fonts of the map style (Noto Sans, then the Noto fonts of
each script: a letter Noto Sans lacks is taken from the first that has it); a name
read right to left is put on its symbol's left first.
"""

from __future__ import annotations

import functools
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QTransform

from layers.i18n import is_right_to_left
from mapping.render.box_index import _ranges
from mapping.render.style import LabelStyle

#: Side of the collision bitmap cells, pixels.
GRID_PX = 3
#: Same-text labels closer than this (pixels) are not repeated.
REPEAT_DISTANCE_PX = 260.0
#: Free space kept around every label, pixels.
PADDING_PX = 2.0
#: Offsets (pixels) at which the halo colour is drawn under the text.
HALO_OFFSETS = ((-1.3, 0.0), (1.3, 0.0), (0.0, -1.3), (0.0, 1.3),
                (-0.95, -0.95), (0.95, -0.95), (-0.95, 0.95), (0.95, 0.95))
#: Where along a line its label is tried, as fractions of the line's length.
LINE_FRACTIONS = (0.5, 0.35, 0.65, 0.2, 0.8)
#: Free pixels around the text in a label picture (room for the halo).
LABEL_MARGIN = 3
#: Point labels of at least this priority keep their symbol free of other labels.
RESERVE_PRIORITY = 70.0
#: Most labels written on one image.
MAX_LABELS = 600


@dataclass(frozen=True)
class LabelCandidate:
    """A name that could be written on the map."""

    #: The text.
    text: str
    #: Layer it comes from.
    layer: str
    #: Label rule (font, colour, priority).
    style: LabelStyle
    #: "point", "line" or "area".
    placement: str
    #: Pixel position of the point or area anchor (unused for lines).
    anchor: tuple[float, float] = (0.0, 0.0)
    #: Radius of the symbol the label sits beside (0: centred on the anchor).
    offset: float = 0.0
    #: Pixel polyline of a line label, shape (n, 2).
    line: np.ndarray | None = None
    #: Tie-break among equal priorities (longer streets and bigger areas first).
    weight: float = 0.0


@dataclass(frozen=True)
class PlacedLabel:
    """A label written on the image; kept so that tests and exports can check placement."""

    #: The text.
    text: str
    #: Layer it comes from.
    layer: str
    #: Priority it was placed with.
    priority: float
    #: Pixel position of the text centre.
    x: float
    #: Pixel position of the text centre.
    y: float
    #: Rotation, degrees clockwise (0 for horizontal text).
    angle: float
    #: Pixel rectangles (x0, y0, x1, y1) the label occupies, padding included.
    boxes: tuple[tuple[float, float, float, float], ...]


class CollisionGrid:
    """Occupied pixels, kept as a coarse bitmap (cells of GRID_PX pixels), for overlap tests.

    A box marks every cell it touches, so two accepted boxes never share a cell
    and therefore never overlap. Each row of cells is one Python integer (a bit
    per cell): a test is an ``&`` per row the box covers, a few times quicker than
    slicing a numpy array for the few cells of one label.
    """

    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self._columns = width // GRID_PX + 2
        self._rows = [0] * (height // GRID_PX + 2)

    def _span(self, box: tuple[float, float, float, float]) -> tuple[range, int]:
        """Rows and column bits a box touches (clipped like a numpy slice of the bitmap)."""
        x0, y0, x1, y1 = box
        rows = range(*slice(max(int(y0 // GRID_PX), 0), int(y1 // GRID_PX) + 1
                            ).indices(len(self._rows)))
        c0, c1, _step = slice(max(int(x0 // GRID_PX), 0), int(x1 // GRID_PX) + 1
                              ).indices(self._columns)
        return rows, ((1 << (c1 - c0)) - 1) << c0 if c1 > c0 else 0

    def fits(self, boxes: list[tuple[float, float, float, float]]) -> bool:
        """Whether all boxes lie inside the image and touch no occupied cell."""
        return self._free_spans(boxes) is not None

    def take(self, boxes: list[tuple[float, float, float, float]]) -> bool:
        """Mark boxes as occupied if they all fit (see :meth:`fits`); whether they did.

        The same as ``fits`` then ``add``, with each box's rows and bits worked out
        once (a box that fits lies inside the image: no clipping).
        """
        spans = self._free_spans(boxes)
        if spans is None:
            return False
        cells = self._rows
        for rows, bits in spans:
            for row in rows:
                cells[row] |= bits
        return True

    def _free_spans(self, boxes: list[tuple[float, float, float, float]]
                    ) -> list[tuple[range, int]] | None:
        """Each box's rows and column bits if all boxes fit (see :meth:`fits`), else None."""
        cells = self._rows
        spans = []
        for box in boxes:
            x0, y0, x1, y1 = box
            if x0 < 0 or y0 < 0 or x1 > self.width or y1 > self.height:
                return None
            # Inside the image, so within the bitmap: no clipping needed.
            c0 = int(x0 // GRID_PX)
            bits = ((1 << (int(x1 // GRID_PX) + 1 - c0)) - 1) << c0
            rows = range(int(y0 // GRID_PX), int(y1 // GRID_PX) + 1)
            for row in rows:
                if cells[row] & bits:
                    return None
            spans.append((rows, bits))
        return spans

    def add(self, boxes: list[tuple[float, float, float, float]]) -> None:
        """Mark boxes as occupied."""
        cells = self._rows
        for box in boxes:
            rows, bits = self._span(box)
            for row in rows:
                cells[row] |= bits

    def occupied(self) -> np.ndarray:
        """The bitmap as a boolean array (rows, columns), for tests."""
        size = (self._columns + 7) // 8 + 1
        packed = np.frombuffer(b"".join((bits & ((1 << self._columns) - 1)).to_bytes(size, "little")
                                        for bits in self._rows), dtype=np.uint8)
        bitmap = np.unpackbits(packed.reshape(len(self._rows), size), axis=1, bitorder="little")
        return bitmap[:, :self._columns].astype(bool)


class TextCache:
    """Fonts and text widths, shared by render threads (guarded by a lock)."""

    def __init__(self, families: tuple[str, ...], size: int = 20000) -> None:
        self.families = list(families)
        self._fonts: dict[tuple[float, bool, bool], tuple[QFont, QFontMetricsF]] = {}
        self._widths: OrderedDict[tuple[str, float, bool, bool], float] = OrderedDict()
        self._images: OrderedDict[tuple[str, float, bool, bool, str, str], QImage] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def font(self, style: LabelStyle) -> tuple[QFont, QFontMetricsF]:
        """Font and metrics of a label style."""
        key = (style.size, style.bold, style.italic)
        with self._lock:
            found = self._fonts.get(key)
        if found is None:
            font = QFont()
            font.setFamilies(self.families)
            font.setPixelSize(max(1, round(style.size)))
            font.setBold(style.bold)
            font.setItalic(style.italic)
            found = (font, QFontMetricsF(font))
            with self._lock:
                self._fonts[key] = found
        return found

    def width(self, text: str, style: LabelStyle) -> float:
        """Advance width of ``text`` in the style's font, pixels."""
        key = (text, style.size, style.bold, style.italic)
        with self._lock:
            found = self._widths.get(key)
        if found is None:
            found = self.font(style)[1].horizontalAdvance(text)
            with self._lock:
                self._widths[key] = found
                if len(self._widths) > self._size:
                    self._widths.popitem(last=False)
        return found


    def image(self, text: str, style: LabelStyle, halo: str) -> QImage:
        """The text with its halo drawn once on a transparent image (for unrotated labels)."""
        key = (text, style.size, style.bold, style.italic, style.colour, halo)
        with self._lock:
            found = self._images.get(key)
            if found is not None:
                self._images.move_to_end(key)
                return found
        font, metrics = self.font(style)
        width = self.width(text, style)
        margin = LABEL_MARGIN
        image = QImage(math.ceil(width) + 2 * margin, math.ceil(metrics.height()) + 2 * margin,
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        _write(painter, font, text, margin, margin + metrics.ascent(), QColor(halo),
               QColor(style.colour))
        painter.end()
        with self._lock:
            self._images[key] = image
            if len(self._images) > self._size // 4:
                self._images.popitem(last=False)
        return image


def _write(painter: QPainter, font: QFont, text: str, x: float, y: float, halo: QColor,
           colour: QColor) -> None:
    """Text at baseline (x, y) over a halo: the text in the halo colour at small offsets."""
    painter.setFont(font)
    painter.setPen(halo)
    for dx, dy in HALO_OFFSETS:
        painter.drawText(QPointF(x + dx, y + dy), text)
    painter.setPen(colour)
    painter.drawText(QPointF(x, y), text)


def _boxes_along(cx: float, cy: float, angle: float, width: float, height: float
                 ) -> list[tuple[float, float, float, float]]:
    """Axis-aligned boxes covering a rotated text rectangle, a text height at a time."""
    if angle == 0.0:
        half_w, half_h = width / 2.0 + PADDING_PX, height / 2.0 + PADDING_PX
        return [(cx - half_w, cy - half_h, cx + half_w, cy + half_h)]
    pieces = max(1, math.ceil(width / max(height, 1.0)))
    step = width / pieces
    ux, uy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    half_w = 0.5 * (abs(ux) * step + abs(uy) * height) + PADDING_PX
    half_h = 0.5 * (abs(uy) * step + abs(ux) * height) + PADDING_PX
    boxes = []
    for i in range(pieces):
        along = -width / 2.0 + step * (i + 0.5)
        px, py = cx + ux * along, cy + uy * along
        boxes.append((px - half_w, py - half_h, px + half_w, py + half_h))
    return boxes


def line_positions(lines: list[np.ndarray], widths: list[float], heights: list[float]
                   ) -> list[list[tuple[float, float, float]]]:
    """Centres and angles where each line's text lies on a straight enough stretch.

    For line ``i`` and a text ``widths[i]`` by ``heights[i]`` pixels, the stretches
    centred at :data:`LINE_FRACTIONS` of its length (in that order) whose chord is
    at least 0.85 of the stretch and from which no vertex strays by more than 0.35
    of the text height. All lines and fractions are tried at once with numpy (a
    redraw tries a few hundred names); every figure is computed with the same
    operations, in the same order, as a line at a time, so positions are the same
    to the bit (``tests/test_label_batches.py`` compares them).
    """
    out: list[list[tuple[float, float, float]]] = [[] for _ in lines]
    if not lines:
        return out
    counts = np.array([len(line) for line in lines], dtype=np.int64)
    firsts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    xy = np.concatenate(lines).astype(np.float64, copy=False)
    seg = np.diff(xy, axis=0)
    lengths = np.hypot(seg[:, 0], seg[:, 1])
    # Distance along its own line of every vertex: a running sum restarted at each
    # line, added in the same order as one line's cumsum (so the same to the bit).
    along = np.zeros(len(xy))
    segments = _ranges(firsts, firsts + counts - 1)
    most = int(counts.max()) - 1
    if most > 0 and len(lines) * most <= 4_000_000:
        rows = np.repeat(np.arange(len(lines)), counts - 1)
        cols = segments - firsts[rows]
        table = np.zeros((len(lines), most))
        table[rows, cols] = lengths[segments]
        along[segments + 1] = np.cumsum(table, axis=1)[rows, cols]
    else:
        for first, count in zip(firsts.tolist(), counts.tolist(), strict=True):
            along[first + 1:first + count] = np.cumsum(lengths[first:first + count - 1])
    totals = along[firsts + counts - 1]
    width = np.asarray(widths, dtype=np.float64)
    height = np.asarray(heights, dtype=np.float64)
    fractions = np.array(LINE_FRACTIONS)
    # One try per line and fraction, in the order a line at a time tries them.
    line_of = np.repeat(np.arange(len(lines)), len(fractions))
    middle = np.tile(fractions, len(lines)) * totals[line_of]
    start = middle - width[line_of] / 2.0 - 2
    end = middle + width[line_of] / 2.0 + 2
    ok = (totals[line_of] >= width[line_of] + 8) & (start >= 0) & (end <= totals[line_of])
    line_of, start, end = line_of[ok], start[ok], end[ok]
    lo, hi = firsts[line_of], firsts[line_of] + counts[line_of]
    j_start = _last_at_most(along, start, lo, hi)
    j_end = _last_at_most(along, end, lo, hi)
    ax, ay = _interp(along, xy, start, j_start, hi)
    bx, by = _interp(along, xy, end, j_end, hi)
    cx, cy = bx - ax, by - ay
    # math.hypot, as before: numpy's hypot may round differently in the last bit.
    chord = np.array([math.hypot(a, b) for a, b in zip(cx.tolist(), cy.tolist(), strict=True)])
    ok = ~(chord < 0.85 * (end - start))
    # The vertices strictly inside each stretch: a run of its line's vertices.
    inner = _ranges(j_start + 1, j_end + 1)
    tries = np.repeat(np.arange(len(start)), j_end - j_start)
    keep = (along[inner] > start[tries]) & (along[inner] < end[tries]) & ok[tries]
    inner, tries = inner[keep], tries[keep]
    deviation = np.abs((xy[inner, 0] - ax[tries]) * cy[tries]
                       - (xy[inner, 1] - ay[tries]) * cx[tries]) / chord[tries]
    strays = np.bincount(tries[deviation > 0.35 * height[line_of[tries]]],
                         minlength=len(start)) > 0
    ok &= ~strays
    for k in np.nonzero(ok)[0].tolist():
        x0, y0, x1, y1 = float(ax[k]), float(ay[k]), float(bx[k]), float(by[k])
        angle = math.degrees(math.atan2(y1 - y0, x1 - x0))
        if angle > 90.0:
            angle -= 180.0
        elif angle < -90.0:
            angle += 180.0
        out[int(line_of[k])].append(((x0 + x1) / 2.0, (y0 + y1) / 2.0, angle))
    return out


def _last_at_most(values: np.ndarray, keys: np.ndarray, lo: np.ndarray, hi: np.ndarray
                  ) -> np.ndarray:
    """For each key, the last index in ``[lo, hi)`` whose (ascending) value is <= key.

    A binary search of every key at once, each in its own line's run of ``values``
    (``np.interp``'s choice of segment, ``searchsorted(..., "right") - 1``).
    """
    lo, hi = lo.copy(), hi.copy()
    while True:
        active = lo < hi
        if not active.any():
            return lo - 1
        mid = (lo + hi) // 2
        right = active & (values[np.minimum(mid, len(values) - 1)] <= keys)
        left = active & ~right
        lo[right] = mid[right] + 1
        hi[left] = mid[left]


def _interp(along: np.ndarray, xy: np.ndarray, at: np.ndarray, j: np.ndarray, ends: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray]:
    """Points at distances ``at`` along their lines, as ``np.interp`` computes them.

    ``j`` is each distance's segment (:func:`_last_at_most`), ``ends`` one past its
    line's last vertex. On a vertex (or at the end) the vertex itself, else
    ``slope * (at - along[j]) + xy[j]`` with the slope of the segment.
    """
    nxt = np.minimum(j + 1, ends - 1)
    on_vertex = (along[j] == at) | (j == ends - 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        span = along[nxt] - along[j]
        px = (xy[nxt, 0] - xy[j, 0]) / span * (at - along[j]) + xy[j, 0]
        py = (xy[nxt, 1] - xy[j, 1]) / span * (at - along[j]) + xy[j, 1]
    return np.where(on_vertex, xy[j, 0], px), np.where(on_vertex, xy[j, 1], py)


def place_labels(candidates: list[LabelCandidate], width: int, height: int, texts: TextCache,
                 occupied: list[tuple[float, float, float, float]] | None = None
                 ) -> list[tuple[PlacedLabel, LabelCandidate]]:
    """Choose label positions, highest priority first, so that none overlap.

    Parameters
    ----------
    candidates
        Everything that could be written.
    width, height
        Image size; labels stay wholly inside it.
    texts
        Font and outline cache.
    occupied
        Rectangles already taken (e.g. by a legend or by symbols to keep clear).
    """
    grid = CollisionGrid(width, height)
    if occupied:
        grid.add(list(occupied))
    # The symbols of what residents mapped (facilities, stops) are never covered by a name.
    grid.add([(c.anchor[0] - c.offset, c.anchor[1] - c.offset, c.anchor[0] + c.offset,
               c.anchor[1] + c.offset) for c in candidates
              if c.offset > 0 and c.style.priority >= RESERVE_PRIORITY])
    placed: list[tuple[PlacedLabel, LabelCandidate]] = []
    seen: dict[str, list[tuple[float, float]]] = {}
    ordered = sorted(candidates, key=lambda c: (-c.style.priority, -c.weight))
    sizes = _text_sizes(ordered, texts)
    # The stretches of every line are found at once (see line_positions).
    on_lines = [i for i, c in enumerate(ordered) if c.placement == "line" and c.line is not None]
    stretches = dict(zip(on_lines, line_positions(
        [ordered[i].line for i in on_lines],  # type: ignore[misc]
        [sizes[i][0] for i in on_lines], [sizes[i][1] for i in on_lines]), strict=True))
    for i, candidate in enumerate(ordered):
        if len(placed) >= MAX_LABELS:
            break
        text_w, text_h = sizes[i]
        positions = stretches.get(i)
        if positions is None:
            positions = _point_positions(candidate, text_w)
        for cx, cy, angle in positions:
            near = seen.get(candidate.text)
            if near and any(math.hypot(cx - x, cy - y) < REPEAT_DISTANCE_PX for x, y in near):
                break
            boxes = _boxes_along(cx, cy, angle, text_w, text_h)
            if grid.take(boxes):
                seen.setdefault(candidate.text, []).append((cx, cy))
                placed.append((PlacedLabel(candidate.text, candidate.layer,
                                           candidate.style.priority, cx, cy, angle,
                                           tuple(boxes)), candidate))
                break
    return placed


def _text_sizes(candidates: list[LabelCandidate], texts: TextCache) -> list[tuple[float, float]]:
    """Width and height (ascent plus descent) of each candidate's text, pixels."""
    heights: dict[int, float] = {}
    out = []
    for candidate in candidates:
        style = candidate.style
        height = heights.get(id(style))
        if height is None:
            metrics = texts.font(style)[1]
            height = heights[id(style)] = metrics.ascent() + metrics.descent()
        out.append((texts.width(candidate.text, style), height))
    return out


def _point_positions(candidate: LabelCandidate, text_w: float) -> list[tuple[float, float, float]]:
    """Where a point or area name is tried: on its anchor, or beside its symbol."""
    x, y = candidate.anchor
    r = candidate.offset
    if r <= 0:
        return [(x, y, 0.0)]
    # Clear of the symbol's own reserved box by a whole collision cell: the grid is
    # coarse, and a label one pixel from its symbol shares a cell with it and was refused.
    gap = r + PADDING_PX + GRID_PX
    after = [(x + gap + text_w / 2.0, y, 0.0), (x - gap - text_w / 2.0, y, 0.0)]
    # A name read right to left (Arabic) starts beside its symbol on the symbol's left.
    return after[::-1] if _right_to_left(candidate.text) else after


@functools.lru_cache(maxsize=20000)
def _right_to_left(text: str) -> bool:
    """:func:`layers.i18n.is_right_to_left`, remembered (asked for every symbol's name at
    every redraw)."""
    return is_right_to_left(text)


def draw_labels(painter: QPainter, placed: list[tuple[PlacedLabel, LabelCandidate]],
                texts: TextCache, halo: str) -> None:
    """Write placed labels over a halo, each turned to its angle.

    Each label is a cached picture of the text over its halo (the text drawn in
    the halo colour at eight small offsets, then in its colour), stamped
    straight or turned.
    """
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    base = painter.transform()
    # Pictures are for the screen; on a page (a painter scaling up) text is drawn as text.
    scaled = abs(np.hypot(painter.deviceTransform().m11(), painter.deviceTransform().m12())
                 - 1.0) > 0.01
    turned = False  # whether the painter holds a label's turn rather than ``base``
    for label, candidate in placed:
        font, metrics = texts.font(candidate.style)
        width = texts.width(label.text, candidate.style)
        if not scaled and label.angle == 0.0:
            if turned:
                painter.setTransform(base)
                turned = False
            painter.drawImage(QPointF(round(label.x - width / 2.0) - LABEL_MARGIN,
                                      round(label.y - metrics.height() / 2.0) - LABEL_MARGIN),
                              texts.image(label.text, candidate.style, halo))
            continue
        transform = QTransform(base)
        transform.translate(label.x, label.y)
        if label.angle:
            transform.rotate(label.angle)
        painter.setTransform(transform)
        turned = True
        if scaled:
            _write(painter, font, label.text, -width / 2.0,
                   (metrics.ascent() - metrics.descent()) / 2.0, QColor(halo),
                   QColor(candidate.style.colour))
            continue
        # Turned labels are the same picture, turned: drawing text itself at an angle
        # rasterises every glyph again (about 1 ms a label).
        painter.drawImage(QPointF(-width / 2.0 - LABEL_MARGIN,
                                  -metrics.height() / 2.0 - LABEL_MARGIN),
                          texts.image(label.text, candidate.style, halo))
    painter.restore()
