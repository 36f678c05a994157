"""Small pictures of a layer's symbol, for the layers panel and the legend."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap


def _colour(value) -> QColor:
    if value is None or value == "":
        return QColor(0, 0, 0, 0)
    if isinstance(value, QColor):
        return value
    if isinstance(value, tuple | list):
        return QColor(*[int(v) for v in value])
    return QColor(str(value))


def blank(size: int = 22) -> QIcon:
    """An empty icon, so that rows without a symbol line up with the others."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    return QIcon(pixmap)


def swatch(fill, stroke, shape: str | None, size: int = 22) -> QIcon:
    """An icon showing a polygon, line, point or raster cell in the given colours."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    fill_colour, stroke_colour = _colour(fill), _colour(stroke)
    kind = (shape or "polygon").lower()
    margin = 3
    if "line" in kind:
        # The renderer's lines: fill is the line colour, stroke its casing.
        start, end = QPointF(margin, size - margin - 2), QPointF(size - margin, margin + 2)
        colour = fill_colour if fill_colour.alpha() else stroke_colour
        if fill_colour.alpha() and stroke_colour.alpha():
            painter.setPen(QPen(stroke_colour.darker(115), 6, Qt.PenStyle.SolidLine,
                                Qt.PenCapStyle.RoundCap))
            painter.drawLine(start, end)
        painter.setPen(QPen(colour, 3.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawLine(start, end)
    elif "point" in kind or "marker" in kind or "circle" in kind:
        painter.setPen(QPen(stroke_colour, 1.5) if stroke_colour.alpha() else Qt.PenStyle.NoPen)
        painter.setBrush(fill_colour)
        radius = size / 2 - margin - 1
        painter.drawEllipse(QPointF(size / 2, size / 2), radius, radius)
    else:
        painter.setPen(QPen(stroke_colour, 1.5) if stroke_colour.alpha() else Qt.PenStyle.NoPen)
        painter.setBrush(fill_colour)
        painter.drawRect(QRectF(margin, margin + 1, size - 2 * margin, size - 2 * margin - 2))
    painter.end()
    return QIcon(pixmap)
