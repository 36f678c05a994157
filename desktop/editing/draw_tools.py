"""Tools that add features: a place, a transport line, a risk zone, stops along a line.

Lines and areas are drawn click by click; each click snaps to the nearest road
(and, for areas, building) vertex or edge within a few pixels, shown by a mark
under the cursor before the click. Double-click or Enter finishes, Backspace
takes the last point back, Escape drops the drawing, Alt places a point exactly.
With "Follow the roads", a line goes along the streets between the clicks.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter
from shapely.geometry import LineString, Point, Polygon

from desktop.editing.controller import SNAP_PX
from desktop.editing.drawing import (
    DRAFT,
    draw_dot,
    draw_highlight,
    draw_number,
    draw_polyline,
    draw_snap_mark,
    screen_points,
)
from desktop.editing.edit_state import Selected, SnapPoint
from desktop.editing.stop_prompt import StopPrompt
from desktop.editing.tool_base import MapTool
from layers.participatory import ParticipatoryLayer

LINES = ParticipatoryLayer.TRANSPORT_LINES


class AddPlaceTool(MapTool):
    """Click where a facility is; the Describe panel asks what it is."""

    def hint(self) -> str:
        return self.tr("Add place: click where the place is, then say what it is.")

    def click(self, event: QMouseEvent) -> None:
        lon, lat = self.controller.lonlat_at(event.position())
        self.controller.begin_new(ParticipatoryLayer.FACILITIES, Point(lon, lat))


class DrawShapeTool(MapTool):
    """Click the points of a line or an outline; double-click or Enter to finish."""

    #: Layer the shape goes to.
    layer = LINES
    #: Fewest points the shape needs.
    fewest = 2
    #: Snap to roads only (lines) or to roads and buildings (areas).
    roads_only = True
    #: Whether the shape closes (an area).
    closed = False

    def reset(self) -> None:
        self.points: list[SnapPoint] = []
        self.hover: SnapPoint | None = None
        self.routed: list[tuple[float, float]] | None = None

    def move(self, event: QMouseEvent) -> None:
        self.hover = self.controller.snap(event.position(), self.roads_only,
                                          self.snapping(event))
        self.canvas.update()

    def click(self, event: QMouseEvent) -> None:
        point = self.controller.snap(event.position(), self.roads_only, self.snapping(event))
        if self.points and (self.points[-1].lon, self.points[-1].lat) == (point.lon, point.lat):
            return
        self.points.append(point)
        self._update_route()
        self.canvas.update()

    def double_click(self, event: QMouseEvent) -> bool:
        self.finish()
        return True

    def key(self, event: QKeyEvent) -> bool:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish()
            return True
        if event.key() == Qt.Key.Key_Backspace and self.points:
            self.points.pop()
            self._update_route()
            self.canvas.update()
            return True
        return super().key(event)

    def _update_route(self) -> None:
        self.routed = None
        if not self.closed and self.controller.follow_roads and len(self.points) >= 2:
            routed = self.controller.route([(p.lon, p.lat) for p in self.points])
            if routed is not None:
                self.routed = [(float(x), float(y)) for x, y in routed.line.coords]

    def vertices(self) -> list[tuple[float, float]]:
        """The shape's vertices so far (along the streets when following them)."""
        return self.routed or [(p.lon, p.lat) for p in self.points]

    def finish(self) -> None:
        """Hand the shape to the Describe panel (too few points: say so)."""
        coords = self.vertices()
        if len(self.points) < self.fewest:
            self.controller.noticed.emit(self.too_few_text())
            return
        shape = Polygon(coords) if self.closed else LineString(coords)
        self.reset()
        self.controller.begin_new(self.layer, shape)
        self.canvas.update()

    def too_few_text(self) -> str:
        """Said when finishing with too few points."""
        return ""

    def paint(self, painter: QPainter) -> None:
        if self.controller.renderer is None:
            return
        to_screen = self.controller.to_screen
        drawn = screen_points(self.vertices(), to_screen)
        draw_polyline(painter, drawn, DRAFT, 3, closed=self.closed and len(drawn) > 2)
        if self.hover is not None and drawn:
            cursor = self.canvas.to_screen(self.hover.x, self.hover.y)
            band = [drawn[-1], cursor] + ([drawn[0]] if self.closed else [])
            draw_polyline(painter, band, DRAFT, 2, dashed=True)
        for point in self.points:
            draw_dot(painter, self.canvas.to_screen(point.x, point.y), DRAFT, 5)
        if self.hover is not None:
            draw_snap_mark(painter, self.canvas.to_screen(self.hover.x, self.hover.y),
                           self.hover.kind)


class DrawLineTool(DrawShapeTool):
    """Draw a transport line along the streets it takes."""

    def hint(self) -> str:
        if self.controller.follow_roads:
            return self.tr("Draw line: click where the line starts, where it turns and where it "
                           "ends; it follows the streets between clicks. Double-click or Enter "
                           "to finish.")
        return self.tr("Draw line: click where the line starts, at each turn and where it "
                       "ends; double-click or Enter to finish. Backspace takes a point back.")

    def too_few_text(self) -> str:
        return self.tr("A line needs at least two points.")


class DrawAreaTool(DrawShapeTool):
    """Draw the outline of a risk zone."""

    layer = ParticipatoryLayer.RISK_ZONES
    fewest = 3
    roads_only = False
    closed = True

    def hint(self) -> str:
        return self.tr("Draw area: click around the zone, corner after corner; double-click or "
                       "Enter to close it. Backspace takes a point back.")

    def too_few_text(self) -> str:
        return self.tr("An area needs at least three points.")


class AddStopsTool(MapTool):
    """Pick a transport line, then click its stops in order; each gets a name."""

    def reset(self) -> None:
        self.line: Selected | None = None
        self.line_shape = None
        self.prompt: StopPrompt | None = None
        self.where: tuple[float, float] | None = None

    def deactivate(self) -> None:
        if self.prompt is not None:
            self.prompt.reject()
        super().deactivate()

    def activate(self) -> None:
        super().activate()
        selected = self.controller.selection
        if selected is not None and selected.layer == LINES:
            self._take_line(selected)

    def hint(self) -> str:
        if self.line is None:
            return self.tr("Add stops: click on a transport line first.")
        return self.tr("Add stops: click along the line where each stop is, in order, and name "
                       "it. Escape to pick another line.")

    def _take_line(self, line: Selected) -> None:
        found = self.controller.feature(line.layer, line.uuid)
        if found is None:
            return
        self.line, self.line_shape = line, found.geometry
        self.controller.select(line)
        self.controller.noticed.emit(self.hint())

    def click(self, event: QMouseEvent) -> None:
        if self.prompt is not None:
            return
        position = event.position()
        if self.line is None or not self._near_line(position):
            other = self.controller.feature_at(position, [LINES])
            if other is not None:
                self._take_line(other)
                return
            if self.line is None:
                self.controller.noticed.emit(self.hint())
                return
        self.where = self._on_line(position)
        self._ask_name()

    def _near_line(self, position: QPointF) -> bool:
        lon, lat = self._on_line(position)
        spot = self.controller.to_screen(lon, lat)
        return (spot - position).manhattanLength() <= 2 * SNAP_PX

    def _on_line(self, position: QPointF) -> tuple[float, float]:
        """The click moved onto the line (the nearest point of it)."""
        lon, lat = self.controller.lonlat_at(position)
        if self.line_shape is None:
            return lon, lat
        nearest = self.line_shape.interpolate(self.line_shape.project(Point(lon, lat)))
        return float(nearest.x), float(nearest.y)

    def _ask_name(self) -> None:
        assert self.line is not None and self.controller.session is not None
        stops = self.controller.session.stops(self.line.uuid)
        found = self.controller.feature(self.line.layer, self.line.uuid)
        line_name = (found.tags.get("name") or found.tags.get("ref") or "") if found else ""
        presets = self.controller.catalogue.for_layer(ParticipatoryLayer.TRANSPORT_STOPS)
        self.prompt = StopPrompt(presets, self.controller.language(), len(stops) + 1,
                                 line_name or self.tr("this line"), self.canvas)
        self.prompt.accepted.connect(self._add)
        self.prompt.finished.connect(lambda _result: self._prompt_closed())
        assert self.where is not None
        self.prompt.open_at(self.controller.to_screen(*self.where).toPoint())
        self.canvas.update()

    def _add(self) -> None:
        if self.prompt is None or self.line is None or self.where is None:
            return
        name, preset_id = self.prompt.values()
        self.controller.add_stop(self.line.uuid, *self.where, name, preset_id)

    def _prompt_closed(self) -> None:
        if self.prompt is not None:
            self.prompt.deleteLater()
        self.prompt, self.where = None, None
        if self.line is not None:
            self.controller.select(self.line)
        self.canvas.setFocus()
        self.canvas.update()

    def paint(self, painter: QPainter) -> None:
        if self.line is None or self.controller.session is None:
            return
        to_screen = self.controller.to_screen
        if self.controller.selection != self.line:
            draw_highlight(painter, self.line_shape, to_screen)
        for stop in self.controller.session.stops(self.line.uuid):
            spot = to_screen(stop.geometry.x, stop.geometry.y)
            draw_number(painter, spot, stop.stop_sequence or 0)
        if self.where is not None:
            draw_dot(painter, to_screen(*self.where), DRAFT, 7)
