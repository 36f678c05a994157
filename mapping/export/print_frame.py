"""The map frame's surroundings on paper: latitude/longitude ticks, scale bar, north arrow.

Tick labels are in decimal degrees (WGS 84), what a phone's GPS shows; the map
itself is drawn in the project's UTM zone, so meridians and parallels are
found along each edge of the frame rather than assumed straight.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from layers.i18n import ptr, tr
from mapping.export.print_panel import page_font
from mapping.export.print_style import SCREEN_DPI
from mapping.render.decorations import draw_north_arrow, draw_scale_bar
from mapping.render.renderer import MapRenderer
from mapping.render.view import MapView

if TYPE_CHECKING:
    from mapping.export.printing import Page


def furniture_boxes(page: Page, view: MapView) -> list[tuple[float, float, float, float]]:
    """Rectangles kept free of labels: scale bar, north arrow, attribution."""
    pad = page.mm(3)
    return [(0, view.height - page.mm(14), page.mm(60), view.height),
            (view.width - page.mm(16), 0, view.width, page.mm(20)),
            (view.width - page.mm(62), view.height - page.mm(6), view.width, view.height),
            (0, 0, pad, pad)]


def draw_furniture(painter: QPainter, page: Page, view: MapView) -> None:
    """Scale bar, north arrow and attribution inside the frame.

    The decorations are drawn in screen pixels (bars and pens a pixel or five
    wide); they are drawn here under a ``dpi / 96`` scale, with the view's
    metres per pixel scaled to match, so they keep their screen proportions.
    """
    k = page.dpi / SCREEN_DPI
    screen_view = replace(view, metres_per_pixel=view.metres_per_pixel * k,
                          width=round(view.width / k), height=round(view.height / k))
    painter.save()
    painter.scale(k, k)
    draw_scale_bar(painter, screen_view, page.mm(5) / k, (view.height - page.mm(5)) / k,
                   max_width_px=page.mm(40) / k, font_px=round(page.pt(8) / k))
    arrow = page.mm(8) / k
    centre_x, centre_y = (view.width - page.mm(9)) / k, page.mm(11.5) / k
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255, 215))
    painter.drawRoundedRect(QRectF(centre_x - arrow * 0.75, centre_y - arrow * 1.1,
                                   arrow * 1.5, arrow * 1.85), 3, 3)
    draw_north_arrow(painter, centre_x, centre_y + arrow * 0.2, arrow)
    painter.restore()
    font = page_font(page.pt(6.5))
    metrics = QFontMetricsF(font)
    text = tr("© OpenStreetMap contributors")
    box = QRectF(view.width - metrics.horizontalAdvance(text) - page.mm(3),
                 view.height - metrics.height() - page.mm(1), metrics.horizontalAdvance(text)
                 + page.mm(3), metrics.height() + page.mm(1))
    painter.fillRect(box, QColor(255, 255, 255, 200))
    painter.setFont(font)
    painter.setPen(QColor("#333333"))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def nice_step(span: float, count: int = 5) -> float:
    """A round grid step (1, 2, 2.5, 5 x 10^n degrees) giving about ``count`` lines."""
    raw = span / max(count, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    for step in (1.0, 2.0, 2.5, 5.0, 10.0):
        if step * power >= raw:
            return step * power
    return 10.0 * power


def _degrees(value: float, step: float, positive: str, negative: str) -> str:
    """A grid value as "36.79°E", with as many decimals as the step needs."""
    decimals = len(f"{step:.8f}".rstrip("0").split(".")[1])
    return f"{abs(value):.{decimals}f}°{positive if value >= 0 else negative}"


def draw_grid_ticks(painter: QPainter, page: Page, frame: QRect, renderer: MapRenderer,
                     view: MapView) -> None:
    """Longitude ticks and labels above and below the frame, latitude ones at its sides."""
    scale = frame.width() / view.width
    edges = {"top": (0.0, "x"), "bottom": (float(view.height), "x"),
             "left": (0.0, "y"), "right": (float(view.width), "y")}
    font = page_font(page.pt(6.5))
    metrics = QFontMetricsF(font)
    tick = page.mm(1.6)
    painter.save()
    painter.setFont(font)
    painter.setPen(QPen(QColor("#1a1a1a"), page.mm(0.25)))
    samples = np.linspace(0.0, 1.0, 101)
    for edge, (fixed, axis) in edges.items():
        if axis == "x":
            pixels = samples * view.width
            points = [view.to_map(px, fixed) for px in pixels]
            values = np.array([renderer.to_wgs84(x, y)[0] for x, y in points])
        else:
            pixels = samples * view.height
            points = [view.to_map(fixed, py) for py in pixels]
            values = np.array([renderer.to_wgs84(x, y)[1] for x, y in points])
        order = np.argsort(values)
        low, high = float(values.min()), float(values.max())
        step = nice_step(high - low, 5 if axis == "x" else 4)
        for value in np.arange(math.ceil(low / step) * step, high, step):
            pixel = float(np.interp(value, values[order], pixels[order])) * scale
            label = _degrees(value, step, ptr("compass point", "E"), ptr("compass point", "W")) \
                if axis == "x" else _degrees(value, step, ptr("compass point", "N"),
                                             ptr("compass point", "S"))
            width = metrics.horizontalAdvance(label)
            # Labels stay along their own edge, clear of the corners (and of the other axis).
            length = frame.width() if axis == "x" else frame.height()
            if pixel - width / 2 < 0 or pixel + width / 2 > length:
                label = ""
            if axis == "x":
                x = frame.left() + pixel
                y = float(frame.top() if edge == "top" else frame.bottom())
                out = -tick if edge == "top" else tick
                painter.drawLine(QPointF(x, y), QPointF(x, y + out))
                base = y - tick - metrics.descent() - page.mm(0.3) if edge == "top" \
                    else y + tick + metrics.ascent() + page.mm(0.3)
                painter.drawText(QPointF(x - width / 2, base), label)
            else:
                y = frame.top() + pixel
                x = float(frame.left() if edge == "left" else frame.right())
                out = -tick if edge == "left" else tick
                painter.drawLine(QPointF(x, y), QPointF(x + out, y))
                painter.save()
                painter.translate(x + out * 1.3, y)
                painter.rotate(-90 if edge == "left" else 90)
                painter.drawText(QPointF(-width / 2, -metrics.descent() - page.mm(0.2)
                                         if edge == "left" else -metrics.descent()), label)
                painter.restore()
    painter.restore()
