"""The small question asked for each stop added along a line: its name and kind.

It floats over the map beside the stop just clicked (no separate window), so the
line and its stops stay in view on the projector while the name is typed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from layers.presets import Preset


class StopPrompt(QFrame):
    """Name (required) and kind of a new stop, beside the spot clicked on the map."""

    #: OK pressed with a name.
    accepted = Signal()
    #: Closed, by OK (1) or Cancel (0).
    finished = Signal(int)

    def __init__(self, presets: list[Preset], language: str, number: int,
                 line_name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("stopPrompt")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setStyleSheet("#stopPrompt { background: white; border: 2px solid #1f77b4; "
                           "border-radius: 6px; }")
        self._number, self._line_name = number, line_name
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.name = QLineEdit(self)
        self.name.setObjectName("stopName")
        self.name.setMaxLength(255)
        self.kind = QComboBox(self)
        for preset in presets:
            self.kind.addItem(preset.name(language), preset.id)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.name_label = QLabel(self)
        self.kind_label = QLabel(self)
        form = QFormLayout()
        form.addRow(self.name_label, self.name)
        form.addRow(self.kind_label, self.kind)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.returnPressed.connect(self.accept)
        self.name.textChanged.connect(self._update_ok)
        self.retranslateUi()
        self._update_ok()
        self.setFixedWidth(320)
        self.hide()

    def retranslateUi(self) -> None:
        """Re-read the texts in the interface language."""
        self.question.setText(self.tr("Stop number {number} of {line}: what do people call "
                                      "it?").format(number=self._number, line=self._line_name))
        self.name_label.setText(self.tr("Name *"))
        self.kind_label.setText(self.tr("Kind"))
        self.name.setPlaceholderText(self.tr("e.g. Olympic stage"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.name.text().strip()))

    def open_at(self, spot: QPoint) -> None:
        """Show the question beside ``spot`` (canvas pixels), inside the map."""
        self.adjustSize()
        parent = self.parentWidget()
        x = spot.x() + 24
        y = spot.y() - self.height() // 2
        if x + self.width() > parent.width():
            x = spot.x() - 24 - self.width()
        x = max(4, min(x, parent.width() - self.width() - 4))
        y = max(4, min(y, parent.height() - self.height() - 4))
        self.move(x, y)
        self.show()
        self.raise_()
        self.name.setFocus()

    def accept(self) -> None:
        """OK: the name is taken (when there is one)."""
        if not self.name.text().strip():
            return
        self.hide()
        self.accepted.emit()
        self.finished.emit(1)

    def reject(self) -> None:
        """Cancel: no stop."""
        self.hide()
        self.finished.emit(0)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        super().keyPressEvent(event)

    def values(self) -> tuple[str, str]:
        """The name typed and the preset id chosen."""
        return self.name.text(), str(self.kind.currentData())
