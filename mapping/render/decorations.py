"""Map furniture drawn over the map by its caller: the scale bar and a north arrow.

Used by the map canvas (over the rendered image) and by print export (on the
page), so they take a QPainter and a :class:`MapView` and nothing else.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from layers.i18n import decimal_point, ptr, tr
from mapping.render.view import MapView

#: Lengths a scale bar may show, as multiples of a power of ten.
NICE_STEPS = (1.0, 2.0, 2.5, 5.0)


def nice_length(max_metres: float) -> float:
    """The longest round length (1, 2, 2.5, 5 x 10^n metres) not above ``max_metres``."""
    if max_metres <= 0:
        return 0.0
    power = 10.0 ** math.floor(math.log10(max_metres))
    best = power
    for step in NICE_STEPS:
        if step * power <= max_metres:
            best = step * power
    return best


def format_length(metres: float) -> str:
    """"250 m", "1.5 km"... in the current language."""
    value = metres / 1000.0 if metres >= 1000 else metres
    distance = f"{value:g}".replace(".", decimal_point())
    if metres >= 1000:
        return tr("{distance} km", distance=distance)
    return tr("{distance} m", distance=distance)


def draw_scale_bar(painter: QPainter, view: MapView, x: float, y: float,
                   max_width_px: float = 160.0, font_px: int = 11) -> QRectF:
    """Draw a two-segment scale bar whose bottom-left corner is at pixel (x, y).

    Parameters
    ----------
    painter
        Painter on the canvas or the page, in the view's pixel units.
    view
        The view the map was drawn for (gives the metres per pixel).
    x, y
        Bottom-left corner of the bar, pixels.
    max_width_px
        Longest the bar may be.
    font_px
        Label font pixel size.

    Returns
    -------
    QRectF
        The area drawn on (to keep labels or other furniture clear of it).
    """
    metres = nice_length(max_width_px * view.metres_per_pixel)
    if metres <= 0:
        return QRectF()
    width = metres / view.metres_per_pixel
    bar_h = 5.0
    font = QFont()
    font.setFamilies(["Noto Sans", "DejaVu Sans"])
    font.setPixelSize(font_px)
    metrics = QFontMetricsF(font)
    label = format_length(metres)
    text_h = metrics.height()
    top = y - bar_h
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    backdrop = QRectF(x - 6, top - text_h - 6, width + metrics.horizontalAdvance(label) / 2 + 14,
                      bar_h + text_h + 10)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255, 200))
    painter.drawRoundedRect(backdrop, 3, 3)
    pen = QPen(QColor("#222222"), 1.0)
    painter.setPen(pen)
    half = width / 2.0
    painter.setBrush(QColor("#222222"))
    painter.drawRect(QRectF(x, top, half, bar_h))
    painter.setBrush(QColor("#ffffff"))
    painter.drawRect(QRectF(x + half, top, half, bar_h))
    painter.setFont(font)
    painter.setPen(QColor("#222222"))
    baseline = top - 3
    painter.drawText(QPointF(x - metrics.horizontalAdvance("0") / 2, baseline), "0")
    end_w = metrics.horizontalAdvance(label)
    painter.drawText(QPointF(x + width - end_w / 2, baseline), label)
    painter.restore()
    return backdrop


def draw_north_arrow(painter: QPainter, x: float, y: float, size: float = 28.0) -> QRectF:
    """Draw a north arrow centred at pixel (x, y); the map's y axis points north."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    half = size / 2.0
    left = QPolygonF([QPointF(x, y - half), QPointF(x - half * 0.45, y + half * 0.6),
                      QPointF(x, y + half * 0.3)])
    right = QPolygonF([QPointF(x, y - half), QPointF(x + half * 0.45, y + half * 0.6),
                       QPointF(x, y + half * 0.3)])
    painter.setPen(QPen(QColor("#222222"), 1.0))
    painter.setBrush(QColor("#222222"))
    painter.drawPolygon(left)
    painter.setBrush(QColor("#ffffff"))
    painter.drawPolygon(right)
    font = QFont()
    font.setFamilies(["Noto Sans", "DejaVu Sans"])
    font.setPixelSize(max(8, int(size * 0.4)))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#222222"))
    metrics = QFontMetricsF(font)
    # Translators: the letter over the north arrow (the first letter of "north").
    north = ptr("north arrow", "N")
    painter.drawText(QPointF(x - metrics.horizontalAdvance(north) / 2, y - half - 3), north)
    painter.restore()
    return QRectF(x - half, y - half - metrics.height() - 3, size, size + metrics.height() + 3)
