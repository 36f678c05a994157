"""Painting over the map while editing: shapes being drawn, selections, handles, snap marks.

Everything is drawn in screen pixels from WGS84 coordinates, through a function
``to_screen(lon, lat) -> QPointF`` given by the edit controller.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF
from shapely.geometry.base import BaseGeometry

from desktop.editing.shapes import LonLat, paths_of
from mapping.snapping import SnapKind

ToScreen = Callable[[float, float], QPointF]

#: Shapes being drawn, not saved yet.
DRAFT = QColor("#e8590c")
#: The selected feature.
SELECTED = QColor("#ffd43b")
#: Vertex handles and snap marks.
HANDLE = QColor("#1565c0")
SNAP_VERTEX = QColor("#d6336c")
SNAP_EDGE = QColor("#7048e8")


def screen_points(coords: Sequence[LonLat], to_screen: ToScreen) -> list[QPointF]:
    """Screen positions of WGS84 vertices."""
    return [to_screen(lon, lat) for lon, lat in coords]


def draw_shape(painter: QPainter, geometry: BaseGeometry | None, to_screen: ToScreen,
               colour: QColor, width: float = 3.0, fill_alpha: int = 50,
               dashed: bool = False, halo: bool = True) -> None:
    """A point, line or area, outlined in ``colour`` on a white halo."""
    if geometry is None or geometry.is_empty:
        return
    for path in paths_of(geometry):
        points = screen_points(path.coords, to_screen)
        if len(points) == 1:
            draw_dot(painter, points[0], colour, 9)
            continue
        polygon = QPolygonF(points)
        outline = QPainterPath()
        if path.closed:
            outline.addPolygon(polygon)
            outline.closeSubpath()
        else:
            outline.addPolygon(polygon)
        if halo:
            painter.setPen(QPen(QColor(255, 255, 255, 220), width + 4, Qt.PenStyle.SolidLine,
                                Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(outline)
        pen = QPen(colour, width, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine,
                   Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        if path.closed and fill_alpha:
            fill = QColor(colour)
            fill.setAlpha(fill_alpha)
            painter.setBrush(QBrush(fill))
        else:
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(outline)


def draw_highlight(painter: QPainter, geometry: BaseGeometry | None,
                   to_screen: ToScreen) -> None:
    """A selected feature: a wide see-through yellow band, so its own colours still show."""
    if geometry is None or geometry.is_empty:
        return
    band = QColor(SELECTED)
    band.setAlpha(130)
    pen = QPen(band, 12, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
               Qt.PenJoinStyle.RoundJoin)
    for path in paths_of(geometry):
        points = screen_points(path.coords, to_screen)
        if len(points) == 1:
            painter.setPen(QPen(band, 6))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(points[0], 14, 14)
            continue
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        polygon = QPolygonF(points + ([points[0]] if path.closed else []))
        painter.drawPolyline(polygon)


def draw_polyline(painter: QPainter, points: Sequence[QPointF], colour: QColor,
                  width: float = 3.0, dashed: bool = False, closed: bool = False) -> None:
    """Screen points joined by a line (closed for an area being drawn)."""
    if len(points) < 2:
        return
    polygon = QPolygonF(list(points) + ([points[0]] if closed else []))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(QColor(255, 255, 255, 220), width + 4, Qt.PenStyle.SolidLine,
                        Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    painter.drawPolyline(polygon)
    painter.setPen(QPen(colour, width, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine,
                        Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    painter.drawPolyline(polygon)


def draw_dot(painter: QPainter, point: QPointF, colour: QColor, radius: float = 5) -> None:
    """A filled circle with a white rim (a vertex, a point feature)."""
    painter.setPen(QPen(QColor("white"), 2))
    painter.setBrush(colour)
    painter.drawEllipse(point, radius, radius)


def draw_handles(painter: QPainter, points: Sequence[QPointF], active: int | None = None,
                 size: float = 10) -> None:
    """Square vertex handles, the one under the mouse bigger."""
    painter.setPen(QPen(HANDLE, 2))
    for index, point in enumerate(points):
        side = size * (1.4 if index == active else 1.0)
        painter.setBrush(QColor("white") if index != active else SELECTED)
        painter.drawRect(QRectF(point.x() - side / 2, point.y() - side / 2, side, side))


def draw_snap_mark(painter: QPainter, point: QPointF, kind: SnapKind) -> None:
    """Where a click will land: a ring on a vertex, a diamond on an edge."""
    if kind is SnapKind.NONE:
        return
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if kind is SnapKind.VERTEX:
        painter.setPen(QPen(QColor("white"), 6))
        painter.drawEllipse(point, 9, 9)
        painter.setPen(QPen(SNAP_VERTEX, 3))
        painter.drawEllipse(point, 9, 9)
        return
    diamond = QPolygonF([point + QPointF(0, -9), point + QPointF(9, 0), point + QPointF(0, 9),
                         point + QPointF(-9, 0)])
    painter.setPen(QPen(QColor("white"), 6))
    painter.drawPolygon(diamond)
    painter.setPen(QPen(SNAP_EDGE, 3))
    painter.drawPolygon(diamond)


def draw_number(painter: QPainter, point: QPointF, number: int) -> None:
    """A stop's place along its line, in a small disc beside it."""
    centre = point + QPointF(-14, -14)  # up left: names go to the right of stops
    painter.setPen(QPen(QColor("white"), 2))
    painter.setBrush(QColor("#1a1a1a"))
    painter.drawEllipse(centre, 10, 10)
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(12)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(centre.x() - 10, centre.y() - 10, 20, 20),
                     Qt.AlignmentFlag.AlignCenter, str(number))
