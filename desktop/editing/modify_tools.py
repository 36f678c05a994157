"""Tools that change what is on the map: shape, position, deletion, cutting and joining
lines, and describing an existing OpenStreetMap building or place.

Each acts on the participatory feature under the click (the selection). Shapes
are edited with square handles: drag a handle to move its vertex (it snaps like
drawing does), double-click a side to add a vertex there, right-click a handle to
remove its vertex.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent, QPainter
from PySide6.QtWidgets import QMessageBox
from shapely.geometry import Point

from desktop.editing.controller import PICK_PX, SNAP_PX
from desktop.editing.drawing import DRAFT, draw_handles, draw_shape, draw_snap_mark
from desktop.editing.edit_state import Selected, SnapPoint
from desktop.editing.shapes import (
    paths_of,
    shifted,
    with_vertex_added,
    with_vertex_moved,
    with_vertex_removed,
)
from desktop.editing.tool_base import MapTool
from layers.participatory import ParticipatoryLayer

LINES = ParticipatoryLayer.TRANSPORT_LINES
#: How near (pixels) the mouse must be to a vertex handle to take it.
HANDLE_PX = 10
#: A press that moves less than this (pixels) is a click, not a drag.
DRAG_PX = 4


def _distance(a: QPointF, b: QPointF) -> float:
    return math.hypot(a.x() - b.x(), a.y() - b.y())


def _on_segment(point: QPointF, a: QPointF, b: QPointF) -> tuple[float, float]:
    """Distance from ``point`` to segment a-b and where along it (0..1) it is nearest."""
    dx, dy = b.x() - a.x(), b.y() - a.y()
    length = dx * dx + dy * dy
    t = 0.0 if not length else max(0.0, min(1.0, ((point.x() - a.x()) * dx
                                                   + (point.y() - a.y()) * dy) / length))
    nearest = QPointF(a.x() + t * dx, a.y() + t * dy)
    return _distance(point, nearest), t


class EditShapeTool(MapTool):
    """Move, add and remove the vertices of the selected feature."""

    def reset(self) -> None:
        self.dragging: tuple[int, int] | None = None
        self.drag_to: SnapPoint | None = None
        self.hovered: tuple[int, int] | None = None

    def hint(self) -> str:
        return self.tr("Edit shape: click a feature, drag its square handles; double-click a "
                       "side to add a corner, right-click a handle to remove it.")

    def _handles(self) -> list[tuple[int, int, QPointF]]:
        shape = self.controller.selection_shape
        if shape is None:
            return []
        out = []
        for p, path in enumerate(paths_of(shape)):
            for v, (lon, lat) in enumerate(path.coords):
                out.append((p, v, self.controller.to_screen(lon, lat)))
        return out

    def _handle_at(self, position: QPointF) -> tuple[int, int] | None:
        best = min(((_distance(position, spot), (p, v)) for p, v, spot in self._handles()),
                   default=None, key=lambda item: item[0])
        return best[1] if best is not None and best[0] <= HANDLE_PX else None

    def press(self, event: QMouseEvent) -> bool:
        handle = self._handle_at(event.position())
        if handle is None:
            return False
        selection, shape = self.controller.selection, self.controller.selection_shape
        if event.button() == Qt.MouseButton.RightButton:
            assert selection is not None and shape is not None
            reshaped = with_vertex_removed(shape, *handle)
            if reshaped is None:
                self.controller.noticed.emit(self.tr("This corner cannot be removed: a line "
                                                     "needs two points and an area three."))
            else:
                self.controller.reshape(selection.layer, selection.uuid, reshaped)
            return True
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        self.dragging, self.drag_to = handle, None
        return True

    def move(self, event: QMouseEvent) -> None:
        if self.dragging is not None:
            selection = self.controller.selection
            roads_only = selection is not None and selection.layer == LINES
            self.drag_to = self.controller.snap(event.position(), roads_only,
                                                self.snapping(event))
        else:
            hovered = self._handle_at(event.position())
            if hovered == self.hovered:
                return
            self.hovered = hovered
        self.canvas.update()

    def release(self, event: QMouseEvent) -> None:
        dragging, target = self.dragging, self.drag_to
        self.reset()
        selection, shape = self.controller.selection, self.controller.selection_shape
        if dragging is None or target is None or selection is None or shape is None:
            return
        reshaped = with_vertex_moved(shape, *dragging, (target.lon, target.lat))
        self.controller.reshape(selection.layer, selection.uuid, reshaped)

    def click(self, event: QMouseEvent) -> None:
        self.controller.select(self.controller.feature_at(event.position()))

    def double_click(self, event: QMouseEvent) -> bool:
        selection, shape = self.controller.selection, self.controller.selection_shape
        if selection is None or shape is None or self._handle_at(event.position()):
            return False
        position = event.position()
        best: tuple[float, int, int, float] | None = None
        for p, path in enumerate(paths_of(shape)):
            for index, start, end in path.segments():
                a, b = self.controller.to_screen(*start), self.controller.to_screen(*end)
                gap, t = _on_segment(position, a, b)
                if best is None or gap < best[0]:
                    best = (gap, p, index, t)
        if best is None or best[0] > PICK_PX:
            return False
        lon, lat = self.controller.lonlat_at(position)
        reshaped = with_vertex_added(shape, best[1], best[2], (lon, lat))
        self.controller.reshape(selection.layer, selection.uuid, reshaped)
        return True

    def paint(self, painter: QPainter) -> None:
        handles = self._handles()
        if not handles:
            return
        spots = [spot for _, _, spot in handles]
        active = None
        key = self.dragging or self.hovered
        if key is not None:
            active = next((i for i, (p, v, _) in enumerate(handles) if (p, v) == key), None)
        shape, selection = self.controller.selection_shape, self.controller.selection
        if self.dragging is not None and self.drag_to is not None and shape is not None:
            moved = with_vertex_moved(shape, *self.dragging, (self.drag_to.lon, self.drag_to.lat))
            draw_shape(painter, moved, self.controller.to_screen, DRAFT, width=2, dashed=True,
                       fill_alpha=0 if selection and selection.layer == LINES else 40)
            draw_snap_mark(painter, self.canvas.to_screen(self.drag_to.x, self.drag_to.y),
                           self.drag_to.kind)
        draw_handles(painter, spots, active)


class MoveTool(MapTool):
    """Drag a feature to where it really is."""

    cursor_shape = Qt.CursorShape.SizeAllCursor

    def reset(self) -> None:
        self.moving: Selected | None = None
        self.start: QPointF | None = None
        self.now: QPointF | None = None

    def hint(self) -> str:
        return self.tr("Move: drag a place, line or area to where it really is.")

    def press(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        found = self.controller.feature_at(event.position())
        if found is None:
            return False
        self.controller.select(found)
        self.moving, self.start, self.now = found, event.position(), event.position()
        return True

    def move(self, event: QMouseEvent) -> None:
        if self.moving is not None:
            self.now = event.position()
            self.canvas.update()

    def _offset(self) -> tuple[float, float]:
        assert self.start is not None and self.now is not None
        lon0, lat0 = self.controller.lonlat_at(self.start)
        lon1, lat1 = self.controller.lonlat_at(self.now)
        return lon1 - lon0, lat1 - lat0

    def release(self, event: QMouseEvent) -> None:
        if self.moving is None or self.start is None:
            return
        self.now = event.position()
        moving, far = self.moving, _distance(self.start, self.now) >= DRAG_PX
        dlon, dlat = self._offset()
        self.reset()
        if far:
            self.controller.move(moving.layer, moving.uuid, dlon, dlat)

    def paint(self, painter: QPainter) -> None:
        shape = self.controller.selection_shape
        if self.moving is None or shape is None or self.start is None:
            return
        draw_shape(painter, shifted(shape, *self._offset()), self.controller.to_screen, DRAFT,
                   width=3, dashed=True)


class DeleteTool(MapTool):
    """Click a feature, confirm, it is removed (Undo brings it back)."""

    def reset(self) -> None:
        self.confirm_box: QMessageBox | None = None

    def hint(self) -> str:
        return self.tr("Delete: click the place, line or area to remove.")

    def click(self, event: QMouseEvent) -> None:
        found = self.controller.feature_at(event.position())
        if found is None:
            return
        self.controller.select(found)
        feature = self.controller.feature(found.layer, found.uuid)
        preset = self.controller.catalogue.get(feature.preset) if feature else None
        kind = preset.name(self.controller.language()) if preset else found.layer
        name = f"{kind} “{feature.name}”" if feature and feature.name else kind
        text = self.tr("Delete {what}?").format(what=name)
        if found.layer == LINES and self.controller.session is not None:
            count = len(self.controller.session.stops(found.uuid))
            if count:
                text += " " + (self.tr("Its stop is deleted with it.") if count == 1 else
                               self.tr("Its %n stops are deleted with it.", "", count))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete"), text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self.canvas.window())
        box.setObjectName("deleteConfirmation")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.button(QMessageBox.StandardButton.Yes).clicked.connect(
            lambda: self.controller.delete(found.layer, found.uuid))
        box.finished.connect(lambda _result: self.reset())
        self.confirm_box = box
        box.open()


class SplitTool(MapTool):
    """Click a transport line where it should be cut in two."""

    def hint(self) -> str:
        return self.tr("Split line: click a transport line where it should be cut in two.")

    def click(self, event: QMouseEvent) -> None:
        found = self.controller.feature_at(event.position(), [LINES])
        if found is None:
            self.controller.noticed.emit(self.tr("Click on a transport line."))
            return
        line = self.controller.feature(found.layer, found.uuid)
        if line is None:
            return
        lon, lat = self.controller.lonlat_at(event.position())
        cut = line.geometry.interpolate(line.geometry.project(Point(lon, lat)))
        if self.controller.split(found.uuid, float(cut.x), float(cut.y)) is not None:
            self.controller.noticed.emit(self.tr("The line is cut in two."))


class MergeTool(MapTool):
    """Click two transport lines whose ends meet to join them into one."""

    def reset(self) -> None:
        self.first: Selected | None = None

    def hint(self) -> str:
        if self.first is None:
            return self.tr("Merge lines: click the first line.")
        return self.tr("Merge lines: now click the line to join to it.")

    def click(self, event: QMouseEvent) -> None:
        found = self.controller.feature_at(event.position(), [LINES])
        if found is None:
            self.controller.noticed.emit(self.tr("Click on a transport line."))
            return
        if self.first is None or found.uuid == self.first.uuid:
            self.first = found
            self.controller.select(found)
            self.controller.noticed.emit(self.hint())
            return
        first, self.first = self.first, None
        tolerance = max(5.0, self.controller.metres(SNAP_PX))
        if self.controller.merge(first.uuid, found.uuid, tolerance) is not None:
            self.controller.noticed.emit(self.tr("The two lines are now one."))


class TagExistingTool(MapTool):
    """Click a building or place of the OpenStreetMap base map and say what it is."""

    cursor_shape = Qt.CursorShape.PointingHandCursor

    def hint(self) -> str:
        return self.tr("Tag existing: click a building or place of the base map, then choose "
                       "what it is (e.g. School). It keeps its OpenStreetMap identity.")

    def click(self, event: QMouseEvent) -> None:
        found = self.controller.base_object_at(event.position())
        if found is None:
            self.controller.noticed.emit(self.tr("Click on a building or a place of the base "
                                                 "map."))
            return
        self.controller.begin_tag_existing(*found)
