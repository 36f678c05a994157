"""The map canvas: draws the project with the renderer, in a worker thread.

The renderer paints into a QImage in a worker thread; the canvas shows the last
finished image. While a new one is being drawn, pans and zooms move and scale the
previous image at once, so the map follows the hand and never freezes. A render
made stale by a newer view is cancelled (the renderer polls ``cancelled()``).

Mouse: drag to move the map, wheel to zoom at the cursor, Shift+drag (or the zoom
to area tool) to zoom to a box, click to identify what is under the cursor.
Keys: arrows move the map, + and - zoom.

Map tools (drawing, editing: :mod:`desktop.editing`) plug in with
:meth:`MapCanvas.set_map_tool`: they get the clicks, drags, double-clicks and keys
first and paint their rubber bands and handles over the map; overlays added with
:meth:`MapCanvas.add_overlay` (a selection) are painted whatever the tool.
"""

from __future__ import annotations

import dataclasses
import math
from concurrent.futures import Future
from concurrent.futures import wait as wait_futures
from enum import Enum

from PySide6.QtCore import (
    QObject,
    QPoint,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget

from desktop.tasks import worker_pool
from mapping.render.decorations import draw_scale_bar
from mapping.render.renderer import MapRenderer
from mapping.render.view import MapView

BACKGROUND = QColor("#f2efe9")
WHEEL_STEP = 1.25
KEY_ZOOM = 1.5
DRAG_THRESHOLD = 4
IDENTIFY_TOLERANCE_PX = 6
RENDER_DELAY_MS = 60
#: Closest zoom (metres per pixel), about 1:500 on a laptop screen.
MIN_METRES_PER_PIXEL = 0.12
#: Farthest zoom (metres per pixel), a whole country.
MAX_METRES_PER_PIXEL = 5000.0


class Tool(Enum):
    """What a click and a drag on the map do."""

    #: Drag moves the map.
    PAN = "pan"
    #: Click shows what is there; drag moves the map.
    IDENTIFY = "identify"
    #: Drag draws a box to zoom to.
    ZOOM_BOX = "zoom_box"


class _RenderSignals(QObject):
    done = Signal(int, object, object, bool)


class _RenderJob:
    """One render of one view into a new image, in a worker thread."""

    def __init__(self, renderer: MapRenderer, view: MapView, generation: int,
                 canvas: MapCanvas) -> None:
        self.renderer = renderer
        self.view = view
        self.generation = generation
        self.signals = _RenderSignals()
        self._canvas = canvas

    def cancelled(self) -> bool:
        return self.generation != self._canvas._generation

    def run(self) -> None:
        image = QImage(self.view.width, self.view.height,
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(BACKGROUND)
        complete = False
        if not self.cancelled():
            try:
                complete = bool(self.renderer.render(self.view, image, self.cancelled))
            except Exception:  # a broken layer must not kill the worker thread
                import logging

                logging.getLogger(__name__).exception("render failed")
                complete = False
        self.signals.done.emit(self.generation, image, self.view, complete)


class MapCanvas(QWidget):
    """The map: shows a project through a :class:`MapRenderer`."""

    #: Cursor position: longitude, latitude, and x, y in the working CRS.
    cursorMoved = Signal(float, float, float, float)
    #: The map scale changed: its denominator (the N of 1:N).
    scaleChanged = Signal(float)
    #: A click found these features (list of IdentifyResult; empty when nothing is there).
    featureIdentified = Signal(list)
    #: A "What is here?" click, at these map coordinates (working CRS).
    clickedAt = Signal(float, float)
    #: The view changed (pan or zoom), before it is drawn.
    viewChanged = Signal(object)
    #: A new map image is on screen.
    frameReady = Signal()

    _rendererChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(200, 150)
        self.renderer: MapRenderer | None = None
        self.view: MapView | None = None
        self.tool = Tool.IDENTIFY
        #: Attribution drawn bottom right.
        self.attribution = "© OpenStreetMap contributors"
        self._image: QImage | None = None
        self._image_view: MapView | None = None
        self._generation = 0
        self._rendering = False
        self._frames = 0
        self._jobs: list[_RenderJob] = []
        self._pool = worker_pool("quartier-render")
        self._shut_down = False
        self._futures: list[Future] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RENDER_DELAY_MS)
        self._timer.timeout.connect(self._start_render)
        self._press: QPointF | None = None
        self._drag_view: MapView | None = None
        self._dragging = False
        self._box: tuple[QPointF, QPointF] | None = None
        self._marker: tuple[float, float] | None = None
        #: The search result shown with a pin and its name: (x, y, label), or None.
        self._pin: tuple[float, float, str] | None = None
        #: The pluggable map tool (see :meth:`set_map_tool`), or None.
        self.map_tool = None
        self._tool_grab = False
        self._tool_double = False
        self._overlays: list = []
        self._rendererChanged.connect(self._on_renderer_changed)
        self.retranslateUi()

    # -- texts ---------------------------------------------------------------------------

    def retranslateUi(self) -> None:
        """Re-read the texts in the interface language."""
        self._empty_text = self.tr("Open a project or a sample area to see the map.")
        self._drawing_text = self.tr("Drawing the map…")
        self.update()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # -- project ---------------------------------------------------------------------------

    def set_renderer(self, renderer: MapRenderer | None, attribution: str | None = None,
                     keep_view: bool = False) -> None:
        """Show another project (or none); zooms to its full extent unless ``keep_view``."""
        if self.renderer is not None:
            try:
                self.renderer.changed.disconnect(self._rendererChanged.emit)
            except (RuntimeError, ValueError, TypeError):
                pass
        self.renderer = renderer
        self._generation += 1
        self._image = None
        self._image_view = None
        self._marker = None
        self._pin = None
        if attribution:
            self.attribution = attribution
        if renderer is None:
            self.view = None
            self.update()
            return
        renderer.changed.connect(self._rendererChanged.emit)
        if not keep_view or self.view is None:
            self.zoom_full()
            # A new project's first map is drawn once the window is idle again, without
            # the pause that gathers the steps of a pan or zoom into one drawing.
            self._timer.start(0)
        else:
            self.refresh()

    def _on_renderer_changed(self, *args) -> None:
        self.refresh()

    # -- view ------------------------------------------------------------------------------

    def set_view(self, view: MapView) -> None:
        """Show ``view`` (clamped to sensible zooms) and draw it shortly."""
        mpp = min(MAX_METRES_PER_PIXEL, max(MIN_METRES_PER_PIXEL, view.metres_per_pixel))
        if mpp != view.metres_per_pixel:
            view = dataclasses.replace(view, metres_per_pixel=mpp)
        old_scale = self.scale_denominator()
        self.view = view
        self._generation += 1
        self.viewChanged.emit(view)
        scale = self.scale_denominator()
        if scale is not None and scale != old_scale:
            self.scaleChanged.emit(scale)
        self.update()
        self._timer.start()

    def refresh(self) -> None:
        """Draw the current view again (layer shown/hidden, style or data changed)."""
        if self.view is not None:
            self._generation += 1
            self._timer.start()

    def scale_denominator(self) -> float | None:
        """N of the map scale 1:N, or None without a project."""
        return None if self.view is None else float(self.view.scale_denominator())

    def zoom_full(self) -> None:
        """Show the whole project."""
        if self.renderer is not None:
            self.zoom_to_extent(self.renderer.full_extent(), margin=0.03)

    def zoom_to_extent(self, extent, margin: float = 0.05,
                       min_metres_per_pixel: float = MIN_METRES_PER_PIXEL) -> None:
        """Show ``extent`` (minx, miny, maxx, maxy in the working CRS)."""
        if extent is None:
            return
        minx, miny, maxx, maxy = (float(v) for v in extent)
        width, height = self._size()
        span_x = max(maxx - minx, 1e-9) * (1 + 2 * margin)
        span_y = max(maxy - miny, 1e-9) * (1 + 2 * margin)
        mpp = max(span_x / width, span_y / height, min_metres_per_pixel)
        self.set_view(MapView((minx + maxx) / 2, (miny + maxy) / 2, mpp, width, height))

    def center_on(self, x: float, y: float, metres_per_pixel: float | None = None) -> None:
        """Put map point (x, y) in the middle, optionally at a given zoom."""
        if self.view is None:
            return
        mpp = metres_per_pixel or self.view.metres_per_pixel
        self.set_view(dataclasses.replace(self.view, center_x=x, center_y=y,
                                          metres_per_pixel=mpp))

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom in (``factor`` > 1) or out, keeping the map point under ``anchor`` still."""
        if self.view is None:
            return
        view = self.view
        mpp = min(MAX_METRES_PER_PIXEL,
                  max(MIN_METRES_PER_PIXEL, view.metres_per_pixel / factor))
        if anchor is None:
            self.set_view(dataclasses.replace(view, metres_per_pixel=mpp))
            return
        ax, ay = self.to_map(anchor)
        dx = anchor.x() - view.width / 2
        dy = anchor.y() - view.height / 2
        self.set_view(dataclasses.replace(
            view, metres_per_pixel=mpp, center_x=ax - dx * mpp, center_y=ay + dy * mpp))

    def zoom_in(self) -> None:
        """Zoom in one step around the middle."""
        self.zoom_by(KEY_ZOOM)

    def zoom_out(self) -> None:
        """Zoom out one step around the middle."""
        self.zoom_by(1 / KEY_ZOOM)

    def pan_pixels(self, dx: float, dy: float) -> None:
        """Move the map content by (dx, dy) screen pixels."""
        if self.view is None:
            return
        view = self.view
        self.set_view(dataclasses.replace(
            view, center_x=view.center_x - dx * view.metres_per_pixel,
            center_y=view.center_y + dy * view.metres_per_pixel))

    def to_map(self, point: QPointF | QPoint) -> tuple[float, float]:
        """Screen point -> map coordinates in the working CRS."""
        view = self.view
        assert view is not None
        x = view.center_x + (point.x() - view.width / 2) * view.metres_per_pixel
        y = view.center_y - (point.y() - view.height / 2) * view.metres_per_pixel
        return x, y

    def to_screen(self, x: float, y: float) -> QPointF:
        """Map coordinates -> screen point."""
        view = self.view
        assert view is not None
        return QPointF((x - view.center_x) / view.metres_per_pixel + view.width / 2,
                       (view.center_y - y) / view.metres_per_pixel + view.height / 2)

    def set_marker(self, x: float | None, y: float | None) -> None:
        """Mark a map point (a search result, an identified feature), or clear the mark."""
        self._marker = None if x is None or y is None else (x, y)
        self.update()

    def set_pin(self, x: float | None, y: float | None, label: str = "") -> None:
        """Pin a found place with its name (a search result), or take the pin away."""
        self._pin = None if x is None or y is None else (x, y, label)
        self.update()

    def pin(self) -> tuple[float, float, str] | None:
        """The pinned place: (x, y, label) in the working CRS, or None."""
        return self._pin

    def set_map_tool(self, tool) -> None:
        """Give clicks, drags and keys to ``tool`` first (None: back to :attr:`tool`).

        A map tool has ``press(event) -> bool`` (True: it takes the drag that follows;
        otherwise a drag moves the map), ``move(event)`` (hover or its drag),
        ``release(event)`` (end of its drag), ``click(event)`` (a left click without
        drag), ``double_click(event) -> bool``, ``key(event) -> bool`` (True: handled),
        ``paint(painter)`` and ``deactivate()``. The wheel always zooms.
        """
        old, self.map_tool, self._tool_grab = self.map_tool, tool, False
        if old is not None and old is not tool:
            old.deactivate()
        self.update()

    def add_overlay(self, paint) -> None:
        """Paint ``paint(painter)`` over the map on every frame (a selection, a marker)."""
        self._overlays.append(paint)

    def _size(self) -> tuple[int, int]:
        size = self.size()
        return max(1, size.width()), max(1, size.height())

    # -- rendering ---------------------------------------------------------------------------

    def is_rendering(self) -> bool:
        """True while a map image is being drawn or waiting to be."""
        return self._rendering or self._timer.isActive()

    def frames(self) -> int:
        """How many map images were shown since start (for tests and benchmarks)."""
        return self._frames

    def image(self) -> QImage | None:
        """The last finished map image (of :attr:`image_view`)."""
        return self._image

    @property
    def image_view(self) -> MapView | None:
        """The view the last finished image was drawn for."""
        return self._image_view

    def _start_render(self) -> None:
        self._timer.setInterval(RENDER_DELAY_MS)
        if self.renderer is None or self.view is None or self._shut_down:
            return
        job = _RenderJob(self.renderer, self.view, self._generation, self)
        job.signals.done.connect(self._on_render_done)
        self._jobs.append(job)
        self._rendering = True
        self._futures = [f for f in self._futures if not f.done()]
        self._futures.append(self._pool.submit(job.run))

    def _on_render_done(self, generation: int, image: QImage, view: MapView,
                        complete: bool) -> None:
        self._jobs = [job for job in self._jobs if job.generation != generation]
        self._rendering = bool(self._jobs)
        if generation != self._generation or not complete:
            return
        self._image = image
        self._image_view = view
        self._frames += 1
        self.update()
        self.frameReady.emit()

    def wait_for_renders(self, msecs: int = 10000) -> bool:
        """Block until the worker is idle (closing the window, tests)."""
        _done, pending = wait_futures(list(self._futures), timeout=msecs / 1000)
        return not pending

    def shutdown(self) -> None:
        """Cancel drawing, wait for the worker and let its thread end (window closing)."""
        self._shut_down = True  # a redraw asked for while the window closes is not drawn
        self._timer.stop()
        self._generation += 1
        self.wait_for_renders(5000)
        self._pool.shutdown(wait=False)

    # -- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKGROUND)
        if self.view is None:
            self._draw_message(painter, self._empty_text)
            painter.end()
            return
        if self._image is not None and self._image_view is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform,
                                  not self._dragging)
            painter.drawImage(self._image_target(), self._image)
        elif self.is_rendering():
            self._draw_message(painter, self._drawing_text)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self._draw_marker(painter)
        self._draw_pin(painter)
        for paint in self._overlays:
            paint(painter)
        if self.map_tool is not None:
            self.map_tool.paint(painter)
        self._draw_box(painter)
        draw_scale_bar(painter, self.view, 16, self.height() - 16)
        self._draw_attribution(painter)
        painter.end()

    def _image_target(self) -> QRectF:
        iv, view = self._image_view, self.view
        assert iv is not None and view is not None
        left = iv.center_x - iv.width / 2 * iv.metres_per_pixel
        top = iv.center_y + iv.height / 2 * iv.metres_per_pixel
        corner = self.to_screen(left, top)
        scale = iv.metres_per_pixel / view.metres_per_pixel
        return QRectF(corner.x(), corner.y(), iv.width * scale, iv.height * scale)

    def _draw_message(self, painter: QPainter, text: str) -> None:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        painter.setFont(font)
        painter.setPen(QColor("#555555"))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                         text)

    def _draw_marker(self, painter: QPainter) -> None:
        if self._marker is None:
            return
        centre = self.to_screen(*self._marker)
        painter.setPen(QPen(QColor("white"), 5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, 11, 11)
        painter.setPen(QPen(QColor("#1565c0"), 3))
        painter.drawEllipse(centre, 11, 11)

    def _draw_pin(self, painter: QPainter) -> None:
        """A map pin whose tip is on the place, and its name beside the head."""
        if self._pin is None:
            return
        x, y, label = self._pin
        tip = self.to_screen(x, y)
        radius, height = 9.0, 28.0
        head = QPointF(tip.x(), tip.y() - height + radius)
        shape = QPainterPath(tip)
        shape.arcTo(QRectF(head.x() - radius, head.y() - radius, 2 * radius, 2 * radius),
                    -60, 300)
        shape.closeSubpath()
        painter.setPen(QPen(QColor("white"), 2.5))
        painter.setBrush(QColor("#d81b60"))
        painter.drawPath(shape)
        painter.setBrush(QColor("white"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(head, 3.5, 3.5)
        if not label:
            return
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        metrics = QFontMetricsF(font)
        box = QRectF(0, 0, metrics.horizontalAdvance(label) + 14, metrics.height() + 6)
        box.moveTopLeft(QPointF(head.x() + radius + 5, head.y() - box.height() / 2))
        painter.setPen(QPen(QColor("#d81b60"), 1.5))
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRoundedRect(box, 4, 4)
        painter.setFont(font)
        painter.setPen(QColor("#1a1a1a"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)

    def _draw_box(self, painter: QPainter) -> None:
        if self._box is None:
            return
        start, end = self._box
        painter.setPen(QPen(QColor("#1565c0"), 2, Qt.PenStyle.DashLine))
        painter.setBrush(QColor(21, 101, 192, 40))
        painter.drawRect(QRectF(start, end).normalized())

    def _draw_attribution(self, painter: QPainter) -> None:
        font = QFont(self.font())
        painter.setFont(font)
        metrics = painter.fontMetrics()
        text = self.attribution
        width = metrics.horizontalAdvance(text) + 12
        height = metrics.height() + 6
        box = QRectF(self.width() - width - 4, self.height() - height - 4, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 200))
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(QColor("#333333"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    # -- events ------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(900, 650)

    def resizeEvent(self, event: QResizeEvent) -> None:
        width, height = self._size()
        if self.view is None and self.renderer is not None:
            self.zoom_full()
        elif self.view is not None:
            self.set_view(dataclasses.replace(self.view, width=width, height=height))
        super().resizeEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.view is None:
            return
        button = event.button()
        tool, self._tool_double = self.map_tool, False
        if tool is not None and button != Qt.MouseButton.MiddleButton and tool.press(event):
            self._tool_grab = True
            return
        if button not in (Qt.MouseButton.LeftButton, Qt.MouseButton.MiddleButton):
            return
        self._press = event.position()
        self._drag_view = self.view
        self._dragging = False
        box = (button == Qt.MouseButton.LeftButton
               and (self.tool is Tool.ZOOM_BOX
                    or event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
        self._box = (self._press, self._press) if box else None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.view is None:
            return
        position = event.position()
        if self.map_tool is not None and (self._tool_grab or not self._dragging):
            self.map_tool.move(event)
        if self._press is not None and not self._tool_grab:
            delta = position - self._press
            if not self._dragging and math.hypot(delta.x(), delta.y()) >= DRAG_THRESHOLD:
                self._dragging = True
            if self._box is not None:
                self._box = (self._box[0], position)
                self.update()
            elif self._dragging and self._drag_view is not None:
                start = self._drag_view
                self.set_view(dataclasses.replace(
                    self.view,
                    center_x=start.center_x - delta.x() * start.metres_per_pixel,
                    center_y=start.center_y + delta.y() * start.metres_per_pixel))
        # After the move: the position is read in the view now on screen.
        x, y = self.to_map(position)
        if self.renderer is not None:
            lon, lat = self.renderer.to_wgs84(x, y)
            self.cursorMoved.emit(float(lon), float(lat), float(x), float(y))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._tool_grab or self._tool_double:
            if self._tool_grab and self.map_tool is not None:
                self.map_tool.release(event)
            self._tool_grab = self._tool_double = False
            self.update()
            return
        if self._press is None or self.view is None:
            return
        box, dragging, position = self._box, self._dragging, event.position()
        self._press, self._box, self._dragging, self._drag_view = None, None, False, None
        if box is not None:
            if dragging:
                first, second = self.to_map(box[0]), self.to_map(position)
                self.zoom_to_extent((min(first[0], second[0]), min(first[1], second[1]),
                                     max(first[0], second[0]), max(first[1], second[1])),
                                    margin=0.0)
            self.update()
        elif not dragging and event.button() == Qt.MouseButton.LeftButton:
            if self.map_tool is not None:
                self.map_tool.click(event)
            elif self.tool is Tool.IDENTIFY:
                self.identify_at(position)
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self.view is not None and self.map_tool is not None \
                and self.map_tool.double_click(event):
            self._press, self._box, self._dragging, self._tool_double = None, None, False, True
            self.update()
            return
        self.mousePressEvent(event)

    def identify_at(self, position: QPointF | QPoint) -> list:
        """Find the features under a screen point and announce them."""
        if self.renderer is None or self.view is None:
            return []
        x, y = self.to_map(QPointF(position))
        tolerance = IDENTIFY_TOLERANCE_PX * self.view.metres_per_pixel
        results = list(self.renderer.identify(x, y, tolerance))
        if results:
            self.set_marker(x, y)
        else:
            self.set_marker(None, None)
        self.featureIdentified.emit(results)
        self.clickedAt.emit(x, y)
        return results

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if self.view is None or not steps:
            return
        self.zoom_by(WHEEL_STEP ** steps, event.position())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.view is None:
            super().keyPressEvent(event)
            return
        if self.map_tool is not None and self.map_tool.key(event):
            self.update()
            return
        key = event.key()
        step_x, step_y = self.width() / 5, self.height() / 5
        moves = {
            Qt.Key.Key_Left: (step_x, 0), Qt.Key.Key_Right: (-step_x, 0),
            Qt.Key.Key_Up: (0, step_y), Qt.Key.Key_Down: (0, -step_y),
        }
        if key in moves:
            self.pan_pixels(*moves[key])
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_out()
        elif key == Qt.Key.Key_Escape and self._box is not None:
            self._press, self._box = None, None
            self.update()
        else:
            super().keyPressEvent(event)
