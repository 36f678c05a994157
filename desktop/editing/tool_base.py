"""What every map tool of the Edit toolbar has: its cursor, its hint, and do-nothing events.

A tool is handed to :meth:`desktop.canvas.MapCanvas.set_map_tool`; the canvas gives
it clicks (a press and release without drag), drags it asked for (``press``
returned True), double-clicks, keys, and a painter to draw over the map. A drag
the tool did not ask for moves the map, so the map can be moved while drawing.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter

from desktop.editing.controller import EditController


class MapTool(QObject):
    """Base of the edit tools (subclasses say what clicks do)."""

    #: Mouse cursor while the tool is active.
    cursor_shape = Qt.CursorShape.CrossCursor

    def __init__(self, controller: EditController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.reset()

    @property
    def canvas(self):
        """The map canvas."""
        return self.controller.canvas

    def activate(self) -> None:
        """The tool was chosen."""
        self.reset()
        self.canvas.setCursor(self.cursor_shape)

    def deactivate(self) -> None:
        """Another tool was chosen: drop what was half drawn."""
        self.reset()
        self.canvas.update()

    def reset(self) -> None:
        """Forget the shape being drawn or the feature being moved."""

    def hint(self) -> str:
        """What to do with this tool, for the status bar."""
        return ""

    def press(self, event: QMouseEvent) -> bool:
        """A button went down; True to take the drag that follows."""
        return False

    def move(self, event: QMouseEvent) -> None:
        """The mouse moved (hovering, or dragging for this tool)."""

    def release(self, event: QMouseEvent) -> None:
        """The drag this tool took ended."""

    def click(self, event: QMouseEvent) -> None:
        """A left click without drag."""

    def double_click(self, event: QMouseEvent) -> bool:
        """A double click; True if the tool used it."""
        return False

    def key(self, event: QKeyEvent) -> bool:
        """A key; True if the tool used it. Escape drops what was half drawn."""
        if event.key() == Qt.Key.Key_Escape:
            self.reset()
            self.canvas.update()
            return True
        return False

    def paint(self, painter: QPainter) -> None:
        """Draw what the tool shows over the map."""

    @staticmethod
    def snapping(event: QMouseEvent) -> bool:
        """Whether to snap (holding Alt places the point exactly where clicked)."""
        return not event.modifiers() & Qt.KeyboardModifier.AltModifier
