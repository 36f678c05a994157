"""The panel beside a printed map: legend groups and lists, flowed into columns.

The panel is a list of rows (headings, legend lines with a swatch, numbered
shelters, transport routes, plain text). :func:`flow` places them top to
bottom in as many columns as the panel has, shrinking the text a little when
they do not fit and, as a last resort, ending with "... and N more". Every
text is drawn as text, so a PDF reader can search it and copy it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTransform,
)

from layers.i18n import ntr

#: Fonts of the page, first choice first (Noto covers Devanagari, Arabic and Amharic names).
#: Text is drawn with the painter's automatic direction: a name in Arabic reads right to left.
PAGE_FONTS = ["Noto Sans", "Noto Sans Devanagari", "Noto Sans Arabic", "Noto Sans Ethiopic",
              "DejaVu Sans"]
#: Colour of the numbered shelter badges (a green that reads "safe").
SHELTER_GREEN = "#1a7f37"
#: Shelter names written on the map (a darker green, readable over a halo).
SHELTER_TEXT = "#0b5323"
#: Colour of secondary text.
GREY = "#555555"


class RowKind(StrEnum):
    """What a panel row is."""

    HEADING = "heading"
    SWATCH = "swatch"
    BADGE = "badge"
    TEXT = "text"


@dataclass(frozen=True)
class Swatch:
    """How a legend line's little picture is drawn (colours as "#rrggbb")."""

    #: "point", "line", "polygon", "raster" or "badge".
    shape: str
    fill: str | None = None
    stroke: str | None = None
    #: Point symbol name (circle, square, diamond, triangle, cross).
    symbol: str | None = None
    #: Line casing colour.
    casing: str | None = None
    #: Line width in points.
    width: float = 1.5
    #: Dash pattern relative to the width.
    dash: tuple[float, ...] | None = None
    #: Fill opacity (polygons) or layer opacity (rasters).
    opacity: float = 1.0
    #: Hatch the fill.
    hatch: bool = False


@dataclass(frozen=True)
class PanelRow:
    """One line of the panel."""

    kind: RowKind
    #: Main text.
    text: str
    #: Smaller second line (grey), or "".
    detail: str = ""
    #: Picture of a legend line.
    swatch: Swatch | None = None
    #: Number in a badge (shelters).
    number: int = 0
    #: Text size relative to the page's legend text.
    size: float = 1.0


@dataclass(frozen=True)
class Placed:
    """A row at its place on the page (device pixels)."""

    row: PanelRow
    rect: QRectF


def page_font(pixel_size: float, bold: bool = False, italic: bool = False) -> QFont:
    """The page font at a pixel size."""
    font = QFont()
    font.setFamilies(PAGE_FONTS)
    font.setPixelSize(max(1, round(pixel_size)))
    font.setBold(bold)
    font.setItalic(italic)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def wrap(text: str, metrics: QFontMetricsF, width: float, max_lines: int = 3) -> list[str]:
    """Words of ``text`` in lines no wider than ``width`` (the last one elided)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if metrics.horizontalAdvance(trial) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1] + " …"
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines]


class PanelFonts:
    """Fonts and measures of the panel at one text scale."""

    def __init__(self, base_px: float, scale: float) -> None:
        self.base_px = base_px * scale

    def main(self, row: PanelRow) -> QFont:
        return page_font(self.base_px * row.size * (1.1 if row.kind is RowKind.HEADING else 1.0),
                         bold=row.kind is RowKind.HEADING)

    def detail(self, row: PanelRow) -> QFont:
        return page_font(self.base_px * row.size * 0.85)

    def swatch_size(self, row: PanelRow) -> float:
        return self.base_px * row.size * 1.45

    def text_left(self, row: PanelRow) -> float:
        return 0.0 if row.kind in (RowKind.HEADING, RowKind.TEXT) \
            else self.swatch_size(row) + self.base_px * 0.6

    def lines(self, row: PanelRow, width: float) -> tuple[list[str], list[str]]:
        text_width = max(width - self.text_left(row), 10.0)
        main = wrap(row.text, QFontMetricsF(self.main(row)), text_width)
        detail = wrap(row.detail, QFontMetricsF(self.detail(row)), text_width, 5) \
            if row.detail else []
        return main, detail

    def height(self, row: PanelRow, width: float) -> float:
        main, detail = self.lines(row, width)
        text_h = (len(main) * QFontMetricsF(self.main(row)).lineSpacing()
                  + len(detail) * QFontMetricsF(self.detail(row)).lineSpacing())
        if row.kind is RowKind.HEADING:
            return text_h + self.base_px * 0.9  # space above a group
        body = max(text_h, self.swatch_size(row) if row.kind is not RowKind.TEXT else 0.0)
        return body + self.base_px * 0.35


def flow(rows: list[PanelRow], area: QRectF, columns: int, base_px: float
         ) -> tuple[list[Placed], PanelFonts]:
    """Place ``rows`` in at most ``columns`` columns of ``area``: as few columns as hold
    them at full size, else all of them with the text shrunk until they fit."""
    gap = base_px * 1.4
    fonts = PanelFonts(base_px, 1.0)
    for count in range(1, columns):
        narrow = (area.width() - gap * (count - 1)) / count
        placed, left_out = _place(rows, area, count, narrow, gap, fonts)
        if not left_out:
            return placed, fonts
    width = (area.width() - gap * (columns - 1)) / columns
    for scale in (1.0, 0.92, 0.84, 0.76, 0.68, 0.6):
        fonts = PanelFonts(base_px, scale)
        placed, left_out = _place(rows, area, columns, width, gap, fonts)
        if not left_out:
            return placed, fonts
    # Still too long: end with a line saying how much is left out.
    for keep in range(len(rows) - 1, 0, -1):
        more = PanelRow(RowKind.TEXT, ntr("… and {n} more line, not shown here",
                                          "… and {n} more lines, not shown here",
                                          len(rows) - keep), size=0.9)
        placed, left_out = _place([*rows[:keep], more], area, columns, width, gap, fonts)
        if not left_out:
            return placed, fonts
    return [], fonts


def _place(rows: list[PanelRow], area: QRectF, columns: int, width: float, gap: float,
           fonts: PanelFonts) -> tuple[list[Placed], int]:
    placed: list[Placed] = []
    column, y = 0, area.top()
    for index, row in enumerate(rows):
        height = fonts.height(row, width)
        needed = height
        if row.kind is RowKind.HEADING and index + 1 < len(rows):
            needed += fonts.height(rows[index + 1], width)  # never a heading alone at the foot
        if y + needed > area.bottom() and y > area.top():
            column += 1
            y = area.top()
            if column >= columns:
                return placed, len(rows) - index
        if row.kind is RowKind.HEADING and y == area.top():
            height -= fonts.base_px * 0.9  # no space above a group at the top of a column
        x = area.left() + column * (width + gap)
        placed.append(Placed(row, QRectF(x, y, width, height)))
        y += height
    return placed, 0


def draw_rows(painter: QPainter, placed: list[Placed], fonts: PanelFonts) -> None:
    """Draw placed rows: swatches, badges and their text."""
    for item in placed:
        row, rect = item.row, item.rect
        main_lines, detail_lines = fonts.lines(row, rect.width())
        main_font, detail_font = fonts.main(row), fonts.detail(row)
        main_metrics = QFontMetricsF(main_font)
        text_h = (len(main_lines) * main_metrics.lineSpacing()
                  + len(detail_lines) * QFontMetricsF(detail_font).lineSpacing())
        top = rect.bottom() - fonts.base_px * 0.35 - max(
            text_h, fonts.swatch_size(row) if row.kind not in (RowKind.HEADING, RowKind.TEXT)
            else text_h)
        if row.kind is RowKind.HEADING:
            top = rect.bottom() - text_h
        size = fonts.swatch_size(row)
        if row.kind is RowKind.SWATCH and row.swatch is not None:
            draw_swatch(painter, row.swatch, QRectF(rect.left(), top, size, size))
        elif row.kind is RowKind.BADGE:
            draw_badge(painter, QPointF(rect.left() + size / 2, top + size / 2), size, row.number)
        x = rect.left() + fonts.text_left(row)
        text_top = top + max((size - text_h) / 2, 0.0) \
            if row.kind in (RowKind.SWATCH, RowKind.BADGE) else top
        painter.setPen(QColor("#1a1a1a"))
        painter.setFont(main_font)
        y = text_top
        for line in main_lines:
            painter.drawText(QPointF(x, y + main_metrics.ascent()), line)
            y += main_metrics.lineSpacing()
        painter.setPen(QColor(GREY))
        painter.setFont(detail_font)
        detail_metrics = QFontMetricsF(detail_font)
        for line in detail_lines:
            painter.drawText(QPointF(x, y + detail_metrics.ascent()), line)
            y += detail_metrics.lineSpacing()


def symbol_path(shape: str, centre: QPointF, size: float) -> QPainterPath:
    """Outline of a point symbol (as the map draws it) of diameter ``size``."""
    x, y, r = centre.x(), centre.y(), size / 2.0
    path = QPainterPath()
    if shape == "square":
        path.addRect(QRectF(x - r * 0.9, y - r * 0.9, 1.8 * r, 1.8 * r))
    elif shape == "diamond":
        d = r * 1.15
        path.addPolygon(QPolygonF([QPointF(x, y - d), QPointF(x + d, y), QPointF(x, y + d),
                                   QPointF(x - d, y), QPointF(x, y - d)]))
    elif shape == "triangle":
        path.addPolygon(QPolygonF([QPointF(x, y - r * 1.15), QPointF(x + r * 1.1, y + r * 0.85),
                                   QPointF(x - r * 1.1, y + r * 0.85), QPointF(x, y - r * 1.15)]))
    else:
        path.addEllipse(centre, r, r)
    return path


def draw_swatch(painter: QPainter, swatch: Swatch, rect: QRectF) -> None:
    """The little picture of one legend line, in ``rect``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    unit = rect.height() / 14.0
    if swatch.shape == "point" and swatch.symbol == "x":
        centre = rect.center()
        draw_crosses(painter, np.array([[centre.x(), centre.y()]]), rect.height() * 0.6,
                     swatch.stroke or "#111111")
    elif swatch.shape == "point":
        size = rect.height() * 0.72
        path = symbol_path(swatch.symbol or "circle", rect.center(), size)
        painter.setPen(QPen(QColor(swatch.stroke or "#ffffff"), max(unit * 1.2, 0.5)))
        painter.setBrush(QColor(swatch.fill or "#666666"))
        painter.drawPath(path)
        if swatch.symbol == "cross":
            arm, bar = size * 0.28, size * 0.09
            c = rect.center()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#ffffff"))
            painter.drawRect(QRectF(c.x() - arm, c.y() - bar, 2 * arm, 2 * bar))
            painter.drawRect(QRectF(c.x() - bar, c.y() - arm, 2 * bar, 2 * arm))
    elif swatch.shape == "line":
        y = rect.center().y()
        left, right = rect.left() + unit, rect.right() - unit
        width = min(max(swatch.width, unit * 1.5), rect.height() * 0.45)
        if swatch.casing:
            pen = QPen(QColor(swatch.casing), width + unit * 2.2)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            painter.drawLine(QPointF(left, y), QPointF(right, y))
        pen = QPen(QColor(swatch.stroke or "#888888"), width)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if swatch.dash:
            pen.setDashPattern(list(swatch.dash))
        painter.setPen(pen)
        painter.drawLine(QPointF(left, y), QPointF(right, y))
    else:
        box = rect.adjusted(unit, unit * 2, -unit, -unit * 2)
        fill = QColor(swatch.fill or "#cccccc")
        if swatch.shape == "raster":
            # The colour as it shows on the map: the layer's opacity over light ground.
            ground = QColor("#f2efe9")
            a = swatch.opacity
            fill = QColor(round(fill.red() * a + ground.red() * (1 - a)),
                          round(fill.green() * a + ground.green() * (1 - a)),
                          round(fill.blue() * a + ground.blue() * (1 - a)))
        else:
            fill.setAlphaF(max(swatch.opacity, 0.0))
        painter.setBrush(fill)
        painter.setPen(QPen(QColor(swatch.stroke), unit * 1.1) if swatch.stroke
                       else Qt.PenStyle.NoPen)
        painter.drawRect(box)
        if swatch.hatch and swatch.fill:
            hatch = QColor(swatch.fill)
            hatch.setAlphaF(0.8)
            painter.setPen(Qt.PenStyle.NoPen)
            brush = QBrush(hatch, Qt.BrushStyle.BDiagPattern)
            brush.setTransform(QTransform.fromScale(max(unit / 3, 1.0), max(unit / 3, 1.0)))
            painter.setBrush(brush)
            painter.drawRect(box)
    painter.restore()


def draw_crosses(painter: QPainter, centres: np.ndarray, size: float, colour: str) -> None:
    """An "x" of width ``size`` over a white halo at each (x, y) of ``centres`` (places
    with no safe route): all halos first, then all crosses."""
    r = size / 2.0
    lines = []
    for x, y in np.asarray(centres, dtype=float).reshape(-1, 2).tolist():
        lines.append(QLineF(x - r, y - r, x + r, y + r))
        lines.append(QLineF(x - r, y + r, x + r, y - r))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    for pen_colour, width in (("#ffffff", size * 0.45), (colour, size * 0.2)):
        pen = QPen(QColor(pen_colour), width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLines(lines)
    painter.restore()


def draw_badge(painter: QPainter, centre: QPointF, size: float, number: int) -> QRectF:
    """A numbered shelter badge: white number on a green rounded square."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    rect = QRectF(centre.x() - size / 2, centre.y() - size / 2, size, size)
    painter.setPen(QPen(QColor("#ffffff"), size * 0.09))
    painter.setBrush(QColor(SHELTER_GREEN))
    painter.drawRoundedRect(rect, size * 0.22, size * 0.22)
    painter.setPen(QPen(QColor("#0b3d1a"), size * 0.03))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    outer = rect.adjusted(-size * 0.06, -size * 0.06, size * 0.06, size * 0.06)
    painter.drawRoundedRect(outer, size * 0.26, size * 0.26)
    font = page_font(size * (0.62 if number < 10 else 0.5), bold=True)
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(number))
    painter.restore()
    return outer


def smaller(row: PanelRow, factor: float) -> PanelRow:
    """The same row with smaller text."""
    return replace(row, size=row.size * factor)
