"""Edit the classes of a hazard layer: where "low" ends and "high" begins."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from layers.hazard_classes import Thresholds


class ThresholdsEditor(QWidget):
    """Three numbers and a unit: not affected up to, low up to, medium up to."""

    def __init__(self, thresholds: Thresholds | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        thresholds = thresholds or Thresholds()
        self.minimum = self._spin(thresholds.minimum)
        self.minimum.setObjectName("minimumSpin")
        self.low = self._spin(thresholds.breaks[0])
        self.low.setObjectName("lowSpin")
        self.medium = self._spin(thresholds.breaks[1])
        self.medium.setObjectName("mediumSpin")
        self.unit = QLineEdit(thresholds.unit, self)
        self.unit.setObjectName("unitEdit")
        self.unit.setMaximumWidth(80)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.labels = [QLabel(self) for _ in range(4)]
        for label, field in zip(self.labels, (self.minimum, self.low, self.medium, self.unit),
                                strict=True):
            self.form.addRow(label, field)
        self.form.addRow(self.error)
        for spin in (self.minimum, self.low, self.medium):
            spin.valueChanged.connect(self._check)
        self.retranslateUi()

    def _spin(self, value: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setRange(-1000.0, 100000.0)
        spin.setDecimals(2)
        spin.setSingleStep(0.1)
        spin.setValue(value)
        return spin

    def retranslateUi(self) -> None:
        """Re-read the texts in the interface language."""
        texts = (self.tr("Not affected at or below"), self.tr("Low up to"),
                 self.tr("Medium up to (high above)"), self.tr("Unit"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self._check()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def is_valid(self) -> bool:
        """True when the numbers go up: not affected < low < medium."""
        return self.minimum.value() < self.low.value() < self.medium.value()

    def _check(self, *args) -> None:
        self.error.setText("" if self.is_valid() else
                           self.tr("Each limit must be higher than the one above it."))

    def thresholds(self) -> Thresholds:
        """The classes as edited."""
        return Thresholds(breaks=(self.low.value(), self.medium.value()),
                          minimum=self.minimum.value(), unit=self.unit.text().strip())


class ThresholdsDialog(QDialog):
    """Edit the classes of one hazard layer."""

    def __init__(self, title: str, thresholds: Thresholds | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thresholdsDialog")
        self.layer_title = title
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.editor = ThresholdsEditor(thresholds, self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.editor)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        """Re-read the texts in the interface language."""
        self.setWindowTitle(self.tr("Hazard classes"))
        self.intro.setText(self.tr("Classes of “{title}”: values up to each limit get "
                                   "that class.").format(title=self.layer_title))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def _accept(self) -> None:
        if self.editor.is_valid():
            self.accept()

    def thresholds(self) -> Thresholds:
        """The classes as edited."""
        return self.editor.thresholds()
