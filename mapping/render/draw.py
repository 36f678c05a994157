"""Draw one vector layer with QPainter: polygons, lines with casing, point symbols, dots.

Lines and polygons are drawn from the layer's cached painter paths (in map
coordinates) with a map-to-pixel transform and cosmetic pens, so widths stay in
pixels. Point symbols are small pre-drawn images stamped at their positions.
Polygons too small to draw at the current zoom become a density of dots.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTransform,
)

from mapping.render import qpaths
from mapping.render.cell_build import GROUP_STRIDE
from mapping.render.counting import present
from mapping.render.layer_cache import CellPaths, LayerData, zoom_band
from mapping.render.style import ClassStyle, ZoomValue
from mapping.render.view import MapView

#: How far outside the image a feature may lie and still show (widest line or symbol), pixels.
MARGIN_PX = 64.0
#: Lines thinner than this are drawn as (fainter) one-pixel lines, Qt's fast path.
HAIRLINE_PX = 1.6
#: Below this zoom (regional views) lines up to REGION_HAIRLINE_PX wide are one-pixel lines.
REGION_ZOOM = 13.0
#: See REGION_ZOOM.
REGION_HAIRLINE_PX = 2.0
#: Lines at least this wide get round ends and corners (thinner ones: square and bevelled).
ROUND_ENDS_PX = 9.0
#: From this zoom on, lines over a casing are anti-aliased too (few, wide roads).
FULL_AA_ZOOM = 17.5
#: True: paths and segments wholly outside the extent drawn (by more than their pen's
#: reach) are not handed to Qt. False: everything in the cells in view is (to compare).
CULL = True
#: Qt brush styles of the style's hatch names.
HATCHES = {"bdiag": Qt.BrushStyle.BDiagPattern, "fdiag": Qt.BrushStyle.FDiagPattern,
           "cross": Qt.BrushStyle.DiagCrossPattern, "horizontal": Qt.BrushStyle.HorPattern}


@dataclass
class DrawContext:
    """What drawing a layer needs to know about the image being drawn."""

    #: The whole image's view.
    view: MapView
    #: Zoom level of the view.
    zoom: float
    #: Level-of-detail band of the view.
    band: int
    #: Map extent being drawn (the view, or the strip of it uncovered by a pan).
    extent: tuple[float, float, float, float]
    #: Map -> image pixel transform.
    to_pixel: QTransform
    #: Returns True when the render should stop.
    cancelled: Callable[[], bool]
    #: When a dict, drawing adds the time spent per "layer.class.pass" (for benchmarks).
    timings: dict[str, float] | None = None

    @classmethod
    def for_view(cls, view: MapView, cancelled: Callable[[], bool],
                 extent: tuple[float, float, float, float] | None = None) -> DrawContext:
        """Context drawing ``extent`` (default: all) of ``view``."""
        minx, _miny, _maxx, maxy = view.extent()
        mpp = view.metres_per_pixel
        transform = QTransform(1.0 / mpp, 0.0, 0.0, -1.0 / mpp, -minx / mpp, maxy / mpp)
        return cls(view, view.zoom, zoom_band(view.zoom), extent or view.extent(), transform,
                   cancelled)

    def search_extent(self, margin_px: float = MARGIN_PX) -> tuple[float, float, float, float]:
        """The drawn extent grown by ``margin_px`` pixels."""
        m = margin_px * self.view.metres_per_pixel
        minx, miny, maxx, maxy = self.extent
        return minx - m, miny - m, maxx + m, maxy + m

    def pixels(self, xy: np.ndarray) -> np.ndarray:
        """Map coordinates (n, 2) to image pixels."""
        minx, _miny, _maxx, maxy = self.view.extent()
        mpp = self.view.metres_per_pixel
        return np.column_stack([(xy[:, 0] - minx) / mpp, (maxy - xy[:, 1]) / mpp])


def colour(value: str, alpha: float = 1.0) -> QColor:
    """QColor of a "#rrggbb" string with an opacity."""
    c = QColor(value)
    if alpha < 1.0:
        c.setAlphaF(max(0.0, alpha))
    return c


def _width(value: ZoomValue | None, zoom: float, default: float = 1.0) -> float:
    return value.at(zoom) if value is not None else default


def line_pen(colour_value: str, width: float, dash: tuple[float, ...] | None = None,
             round_ends: bool = True, hairline: float = 0.0) -> QPen:
    """A cosmetic pen (width in pixels whatever the transform).

    Lines thinner than :data:`HAIRLINE_PX` are drawn one pixel wide, fainter:
    Qt draws one-pixel cosmetic lines about ten times faster than wider ones.
    Square ends and bevelled corners (``round_ends=False``) are a third cheaper
    than round ones and look the same on lines a few pixels wide. ``hairline``
    raises the one-pixel threshold (region-wide views).
    """
    alpha = 1.0
    if width < max(HAIRLINE_PX, hairline):
        alpha = min(1.0, max(width, 0.05))
        width = 1.0
    pen = QPen(colour(colour_value, alpha), width)
    pen.setCosmetic(True)
    if round_ends or width <= 1.0:
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    else:
        pen.setCapStyle(Qt.PenCapStyle.SquareCap)
        pen.setJoinStyle(Qt.PenJoinStyle.BevelJoin)
    if dash and width > 0:
        pen.setDashPattern([max(d / width, 0.1) for d in dash])
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def draw_vector_layer(painter: QPainter, layer: LayerData, ctx: DrawContext) -> bool:
    """Draw a layer's polygons, lines, dots and symbols; False if cancelled on the way."""
    if not _draw_cells(painter, layer, ctx):
        return False
    dots = layer.style.dots
    if dots is not None and ctx.zoom >= dots.min_zoom:
        draw_dots(painter, layer, ctx, dots.colour)
    if ctx.cancelled():
        return False
    draw_symbols(painter, layer, ctx)
    return True


def _group_colour(layer: LayerData, rule: ClassStyle, group: int) -> str | None:
    colour_id = group % GROUP_STRIDE - 1
    if colour_id >= 0 and colour_id < len(layer.colour_table):
        return layer.colour_table[colour_id]
    return rule.stroke


def _draw_cells(painter: QPainter, layer: LayerData, ctx: DrawContext) -> bool:
    cells = layer.cells_in(ctx.band, ctx.search_extent())
    if not len(cells):
        return True
    if ctx.cancelled():
        return False
    cell_paths = layer.cells_paths(ctx.band, cells)
    by_key: dict[int, list[CellPaths]] = {}
    for cp in cell_paths:
        for key in cp.paths:
            by_key.setdefault(key, []).append(cp)
    keys = sorted(by_key)
    flat: dict[int, tuple[list[QPainterPath], np.ndarray]] = {}
    zoom = ctx.zoom
    # Cosmetic widths are device pixels: on a page (scale > 1) they reach less far.
    pixel = ctx.view.metres_per_pixel / min(device_scale(painter), 1.0)
    minx, miny, maxx, maxy = ctx.extent
    painter.save()
    painter.setTransform(ctx.to_pixel, True)

    def draw(key: int, what: str = "", as_segments: bool = False, reach_px: float = 0.0,
             dashed: bool = False) -> None:
        """Draw the key's paths (or segments) that reach into the extent drawn.

        What lies farther than ``reach_px`` (the pen's reach, plus a pixel of
        anti-aliasing) outside the extent cannot touch a pixel of it, so it is
        not handed to Qt, whose cost per segment is about the same clipped or not.
        """
        start = time.thread_time() if ctx.timings is not None else 0.0
        m = (reach_px + 2.0) * pixel if CULL else math.inf
        x0, y0, x1, y1 = minx - m, miny - m, maxx + m, maxy + m
        found = by_key[key]
        kept: list[np.ndarray] = []
        if as_segments:
            for cp in found:
                bx0, by0, bx1, by1 = cp.bounds[key]
                if bx0 > x1 or bx1 < x0 or by0 > y1 or by1 < y0:
                    continue
                pairs = cp.segments[key]
                if dashed:  # a dash pattern runs on across a call's segments: keep them all
                    qpaths.draw_lines(painter, pairs)
                elif bx0 >= x0 and bx1 <= x1 and by0 >= y0 and by1 <= y1:
                    kept.append(pairs)
                else:
                    kept.append(_segments_meeting(pairs, x0, y0, x1, y1))
        else:
            paths_bounds = flat.get(key)
            if paths_bounds is None:
                paths_bounds = flat[key] = (
                    [path for cp in found for path in cp.paths[key]],
                    np.concatenate([cp.path_bounds[key] for cp in found]))
            paths, b = paths_bounds
            hit = (b[:, 0] <= x1) & (b[:, 2] >= x0) & (b[:, 1] <= y1) & (b[:, 3] >= y0)
            for i in np.flatnonzero(hit).tolist():
                painter.drawPath(paths[i])
        if kept:
            qpaths.draw_lines(painter, np.concatenate(kept))
        if ctx.timings is not None:
            name = f"{layer.name}.{layer.style.classes[(key // 2) // GROUP_STRIDE].key}.{what}"
            ctx.timings[name] = ctx.timings.get(name, 0.0) + time.thread_time() - start

    for key in (k for k in keys if k % 2 == 1):  # polygons, in class order
        rule = layer.style.classes[(key // 2) // GROUP_STRIDE]
        if not rule.shown_at(zoom):
            continue
        outline = rule.stroke is not None and zoom >= rule.outline_min_zoom
        width = _width(rule.width, zoom) if outline else 0.0
        outline = outline and width > 0.05
        if rule.fill:
            # An outline drawn over the fill hides its edges: no need to anti-alias them.
            # Without one, an opaque fill gets a one-pixel outline of its own colour:
            # an aliased fill plus an anti-aliased hairline costs less than an
            # anti-aliased fill and looks the same.
            edge = not outline and rule.fill_opacity >= 1.0 and not rule.hatch
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, not (outline or edge))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour(rule.fill, rule.fill_opacity))
            draw(key, "fill")
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            if edge:
                painter.setPen(line_pen(rule.fill, 1.0))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                draw(key, "edge", reach_px=1.0)
        if rule.hatch and rule.fill:
            pattern = HATCHES.get(rule.hatch, Qt.BrushStyle.BDiagPattern)
            brush = QBrush(colour(rule.fill, 0.8), pattern)
            brush.setTransform(ctx.to_pixel.inverted()[0])
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(brush)
            draw(key)
        if outline:
            assert rule.stroke is not None
            painter.setPen(line_pen(rule.stroke, width, rule.dash, round_ends=False))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            draw(key, "outline", reach_px=width)
        if ctx.cancelled():
            painter.restore()
            return False
    line_keys = [k for k in keys if k % 2 == 0]
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for key in line_keys:  # casings first, under every line of the layer
        rule = layer.style.classes[(key // 2) // GROUP_STRIDE]
        if not rule.shown_at(zoom) or not rule.casing or zoom < rule.casing_min_zoom:
            continue
        width = _width(rule.width, zoom) + 2 * _width(rule.casing_width, zoom, 0.5)
        round_ends = width >= ROUND_ENDS_PX
        painter.setPen(line_pen(rule.casing, width, round_ends=round_ends))
        draw(key, "casing", as_segments=not round_ends and width >= HAIRLINE_PX, reach_px=width)
    if ctx.cancelled():
        painter.restore()
        return False
    for key in line_keys:
        rule = layer.style.classes[(key // 2) // GROUP_STRIDE]
        if not rule.shown_at(zoom):
            continue
        stroke = _group_colour(layer, rule, key // 2)
        cased = bool(rule.casing) and zoom >= rule.casing_min_zoom
        if rule.low_stroke and not cased:
            stroke = rule.low_stroke
        width = _width(rule.width, zoom)
        if stroke is None or width <= 0.05:
            continue
        # The edges of a line drawn over its casing do not show against the background,
        # so they are drawn without anti-aliasing (three times faster) below FULL_AA_ZOOM.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, not cased or zoom >= FULL_AA_ZOOM)
        round_ends = width >= ROUND_ENDS_PX
        hairline = REGION_HAIRLINE_PX if zoom < REGION_ZOOM else HAIRLINE_PX
        painter.setPen(line_pen(stroke, width, rule.dash, round_ends, hairline))
        draw(key, "line", as_segments=not round_ends and width >= hairline, reach_px=width,
             dashed=bool(rule.dash))
    painter.restore()
    return not ctx.cancelled()


def _segments_meeting(pairs: np.ndarray, x0: float, y0: float, x1: float, y1: float
                      ) -> np.ndarray:
    """The point pairs of ``pairs`` whose segment's extent meets (x0, y0, x1, y1)."""
    a, b = pairs[0::2], pairs[1::2]
    hit = ((np.minimum(a[:, 0], b[:, 0]) <= x1) & (np.maximum(a[:, 0], b[:, 0]) >= x0)
           & (np.minimum(a[:, 1], b[:, 1]) <= y1) & (np.maximum(a[:, 1], b[:, 1]) >= y0))
    return pairs.reshape(-1, 4)[hit].reshape(-1, 2)


def draw_dots(painter: QPainter, layer: LayerData, ctx: DrawContext, colour_value: str) -> None:
    """Draw polygons too small for the current band as a density image, one dot per pixel."""
    xy, area = layer.dots_in(ctx.band, ctx.extent)
    if not len(xy):
        return
    view = ctx.view
    minx, _miny, _maxx, maxy = view.extent()
    mpp = view.metres_per_pixel
    col = ((xy[:, 0] - minx) / mpp).astype(np.int64)
    row = ((maxy - xy[:, 1]) / mpp).astype(np.int64)
    inside = (col >= 0) & (col < view.width) & (row >= 0) & (row < view.height)
    col, row, area = col[inside], row[inside], area[inside]
    if not len(col):
        return
    c0, r0 = int(col.min()), int(row.min())
    w, h = int(col.max()) - c0 + 1, int(row.max()) - r0 + 1
    touched, cover = pixel_sums((row - r0) * w + (col - c0), area / mpp**2, w * h)
    # A pixel reads as built up well before it is fully covered.
    alpha = np.clip(np.sqrt(cover) * 1.6, 0.0, 1.0)
    base = QColor(colour_value)
    argb = ((alpha * 255.0).astype(np.uint32) << 24
            | (alpha * base.red()).astype(np.uint32) << 16
            | (alpha * base.green()).astype(np.uint32) << 8
            | (alpha * base.blue()).astype(np.uint32))
    pixels = np.zeros(w * h, dtype=np.uint32)
    pixels[touched] = argb
    image = QImage(pixels.data, w, h, 4 * w, QImage.Format.Format_ARGB32_Premultiplied)
    painter.drawImage(QPointF(c0, r0), image)


def pixel_sums(pixel: np.ndarray, weights: np.ndarray, pixels: int, sparse: bool | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
    """The pixels (ascending) that ``pixel`` names, and the sum of their ``weights``.

    Few dots (``sparse``, by default when there are fewer than an eighth as many as
    ``pixels``) are summed over the pixels they touch only; many over every pixel.
    Each pixel's weights are added in the order given either way, so the sums are
    the same to the last bit (a pixel whose sum is zero may be left out).
    """
    if sparse if sparse is not None else len(pixel) * 8 < pixels:
        touched, inverse = np.unique(pixel, return_inverse=True)
        return touched, np.bincount(inverse, weights=weights, minlength=len(touched))
    cover = np.bincount(pixel, weights=weights, minlength=pixels)
    touched = np.flatnonzero(cover)
    return touched, cover[touched]


def draw_symbols(painter: QPainter, layer: LayerData, ctx: DrawContext) -> None:
    """Stamp each shown point symbol (POIs, facilities, stops) at its position."""
    features = layer.symbol_features()
    if not len(features):
        return
    zoom = ctx.zoom
    shown = np.array([c.shown_at(zoom) for c in layer.style.classes], dtype=bool)
    features = features[shown[layer.classes[features]]]
    features = layer.anchors_in(ctx.search_extent(20), features)
    if not len(features):
        return
    size = _width(layer.style.symbol_size, zoom, 8.0)
    px = ctx.pixels(layer.anchor[features])
    classes = layer.classes[features]
    # On a page (a painter scaling up), symbols are drawn finer and scaled down, to stay sharp.
    scale = device_scale(painter)
    for class_index in present(classes):
        rule = layer.style.classes[int(class_index)]
        image = symbol_image(rule.symbol or "circle", round(size * scale * 2) / 2,
                             rule.fill or "#666666", rule.stroke or "#ffffff",
                             _width(rule.width, zoom, 1.0) * scale)
        side = image.width() / scale
        half = side / 2.0
        for x, y in px[classes == class_index]:
            if scale == 1.0:
                painter.drawImage(QPointF(x - half, y - half), image)
            else:
                painter.drawImage(QRectF(x - half, y - half, side, side), image)


def device_scale(painter: QPainter) -> float:
    """How many device pixels a pixel of the view covers (1 on screen, more on a page)."""
    transform = painter.deviceTransform()
    scale = float(np.hypot(transform.m11(), transform.m12()))
    return 1.0 if abs(scale - 1.0) < 0.01 else scale


@lru_cache(maxsize=256)
def symbol_image(shape: str, size: float, fill: str, stroke: str, stroke_width: float) -> QImage:
    """A point symbol drawn once, anti-aliased, on a transparent square image."""
    side = int(np.ceil(size + 2 * stroke_width + 2))
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    pen = QPen(QColor(stroke), stroke_width)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen if stroke_width > 0 else Qt.PenStyle.NoPen)
    painter.setBrush(QColor(fill))
    c = side / 2.0
    r = size / 2.0
    if shape == "square":
        painter.drawRect(QRectF(c - r * 0.9, c - r * 0.9, 1.8 * r, 1.8 * r))
    elif shape == "diamond":
        painter.drawPolygon(QPolygonF([QPointF(c, c - r * 1.15), QPointF(c + r * 1.15, c),
                                       QPointF(c, c + r * 1.15), QPointF(c - r * 1.15, c)]))
    elif shape == "triangle":
        painter.drawPolygon(QPolygonF([QPointF(c, c - r * 1.15), QPointF(c + r * 1.1, c + r * 0.85),
                                       QPointF(c - r * 1.1, c + r * 0.85)]))
    else:
        painter.drawEllipse(QPointF(c, c), r, r)
    if shape == "cross" and size >= 6:
        arm = r * 0.55
        bar = QPainterPath()
        bar.addRect(QRectF(c - arm, c - arm * 0.32, 2 * arm, arm * 0.64))
        bar.addRect(QRectF(c - arm * 0.32, c - arm, arm * 0.64, 2 * arm))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#ffffff"))
        painter.drawPath(bar.simplified())
    painter.end()
    return image
