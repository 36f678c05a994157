"""Edit the classes of a hazard layer: how many, their names, limits or words, affected or not."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from layers.errors import ValidationError
from layers.hazard_classes import ClassScheme, SchemeClass, Thresholds, class_colours
from layers.hazards import Classification, ClassificationMethod, check_classes
from mapping.analysis.schemes import SCHEMES


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


class ClassesEditor(QWidget):
    """Any number of hazard classes, lowest first: name, upper limit or words, affected.

    Numbers: each class holds the values above the limit of the class before it (or
    above "Not in any class at or below") up to and including its own limit; the
    top class has no upper limit. Words: each class lists the attribute values that
    mean it.
    """

    NAME, LIMIT, AFFECTED = range(3)

    def __init__(self, classification: Classification, words: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words = words
        self.scheme_name: str | None = classification.scheme_name
        self._filling = False
        self.presets = QComboBox(self)
        self.presets.setObjectName("schemeCombo")
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("classesTable")
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(
            self.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addClassButton")
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("removeClassButton")
        self.minimum = QDoubleSpinBox(self)
        self.minimum.setObjectName("minimumSpin")
        _setup_spin(self.minimum, 0.0)
        self.none_words = QLineEdit(", ".join(classification.none_words), self)
        self.none_words.setObjectName("noneWordsEdit")
        self.unit = QLineEdit(classification.unit, self)
        self.unit.setObjectName("unitEdit")
        self.unit.setMaximumWidth(80)
        self.error = QLabel(self)
        self.error.setObjectName("classesError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.presets_label, self.minimum_label = QLabel(self), QLabel(self)
        self.none_label, self.unit_label = QLabel(self), QLabel(self)
        form = QFormLayout()
        form.addRow(self.presets_label, self.presets)
        form.addRow(self.minimum_label, self.minimum)
        form.addRow(self.none_label, self.none_words)
        form.addRow(self.unit_label, self.unit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        for widget in (self.minimum, self.minimum_label):
            widget.setVisible(not words)
        for widget in (self.none_words, self.none_label, self.unit, self.unit_label):
            widget.setVisible(words is (widget in (self.none_words, self.none_label)))
        self.set_classes(classification.classes,
                         next((c.minimum for c in classification.classes
                               if c.minimum is not None), 0.0))
        self.presets.activated.connect(self._preset_chosen)
        self.add_button.clicked.connect(self.add_class)
        self.remove_button.clicked.connect(self.remove_class)
        self.table.itemChanged.connect(self._check)
        self.minimum.valueChanged.connect(self._check)
        self.none_words.textChanged.connect(self._check)
        self.retranslateUi()

    # -- filling -----------------------------------------------------------------------

    def set_classes(self, classes: tuple[SchemeClass, ...], minimum: float = 0.0) -> None:
        """Show these classes (lowest first)."""
        blocked = self.table.blockSignals(True)
        self._filling = True
        try:
            self.table.setRowCount(0)
            self.minimum.setValue(minimum)
            for hazard_class in classes:
                self._append(hazard_class)
        finally:
            self._filling = False
            self.table.blockSignals(blocked)
        self._refresh()

    def _append(self, hazard_class: SchemeClass) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, self.NAME, QTableWidgetItem(hazard_class.name))
        if self.words:
            self.table.setItem(row, self.LIMIT, QTableWidgetItem(", ".join(hazard_class.values)))
        else:
            spin = QDoubleSpinBox(self.table)
            top = hazard_class.maximum
            _setup_spin(spin, 0.0 if top is None or math.isinf(top) else top)
            spin.valueChanged.connect(self._check)
            self.table.setCellWidget(row, self.LIMIT, spin)
        affected = QTableWidgetItem()
        affected.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        affected.setCheckState(Qt.CheckState.Checked if hazard_class.affected
                               else Qt.CheckState.Unchecked)
        self.table.setItem(row, self.AFFECTED, affected)

    def add_class(self) -> None:
        """Add a class on top (the highest), affected."""
        rows = self.table.rowCount()
        below = self._limit(rows - 2) if rows >= 2 else self.minimum.value()
        if rows and not self.words:
            self._spin(rows - 1).setValue(below + 1.0)
        name = self.tr("class {number}").format(number=rows + 1)
        self.scheme_name = None
        self.presets.setCurrentIndex(0)
        self._append(SchemeClass(name, True, None, math.inf))
        self._refresh()

    def remove_class(self) -> None:
        """Remove the selected class (or the top one); one class always stays."""
        if self.table.rowCount() <= 1:
            return
        selected = self.table.selectionModel().selectedRows()
        row = selected[0].row() if selected else self.table.rowCount() - 1
        self.table.removeRow(row)
        self.scheme_name = None
        self.presets.setCurrentIndex(0)
        self._refresh()

    def _preset_chosen(self, index: int) -> None:
        name = self.presets.itemData(index)
        if not name:
            return
        scheme = SCHEMES[name]
        self.set_classes(scheme.classes, scheme.classes[0].minimum or 0.0)
        if scheme.unit:
            self.unit.setText(scheme.unit)
        self.scheme_name = name

    # -- reading -----------------------------------------------------------------------

    def _spin(self, row: int) -> QDoubleSpinBox:
        widget = self.table.cellWidget(row, self.LIMIT)
        assert isinstance(widget, QDoubleSpinBox)
        return widget

    def _limit(self, row: int) -> float:
        return self._spin(row).value()

    def classes(self) -> tuple[SchemeClass, ...]:
        """The classes as edited, lowest first."""
        out = []
        lower = self.minimum.value()
        for row in range(self.table.rowCount()):
            name_item = self.table.item(row, self.NAME)
            name = name_item.text().strip() if name_item else ""
            affected_item = self.table.item(row, self.AFFECTED)
            affected = bool(affected_item and
                            affected_item.checkState() == Qt.CheckState.Checked)
            if self.words:
                words_item = self.table.item(row, self.LIMIT)
                words = tuple(w.strip() for w in (words_item.text() if words_item else "")
                              .split(",") if w.strip())
                out.append(SchemeClass(name, affected, values=words))
                continue
            top = row == self.table.rowCount() - 1
            upper = math.inf if top else self._limit(row)
            out.append(SchemeClass(name, affected, lower, upper))
            lower = upper
        return tuple(out)

    def scheme(self) -> ClassScheme:
        """The classes as a scheme (named after a ready-made one if unchanged)."""
        return ClassScheme(self.scheme_name or "custom", self.classes(),
                           unit=self.unit.text().strip())

    def none_values(self) -> tuple[str, ...]:
        """Words put in no class."""
        return tuple(w.strip().casefold() for w in self.none_words.text().split(",")
                     if w.strip())

    def problem(self) -> str:
        """Why the classes cannot be saved, in a sentence, or ""."""
        classes = self.classes()
        if any(not c.name for c in classes):
            return self.tr("Every class needs a name.")
        if self.words and any(not c.values for c in classes):
            return self.tr("Every class needs at least one word.")
        try:
            check_classes(ClassScheme("edited", classes))
        except ValidationError:
            if self.words:
                return self.tr("A word is in two classes, or two classes have one name.")
            return self.tr("Each limit must be higher than the one above it, and each "
                           "class needs its own name.")
        if not any(c.affected for c in classes):
            return self.tr("Tick at least one class as affected.")
        return ""

    def is_valid(self) -> bool:
        """True when the classes can be saved."""
        return not self.problem()

    # -- display -----------------------------------------------------------------------

    def _refresh(self) -> None:
        filling, self._filling = self._filling, True
        try:
            self._paint()
        finally:
            self._filling = filling
        self._check()

    def _paint(self) -> None:
        colours = class_colours(self.table.rowCount())
        blocked = self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            item = self.table.item(row, self.NAME)
            if item is not None:
                item.setData(Qt.ItemDataRole.DecorationRole, QColor(colours[row + 1]))
            if not self.words:
                top = row == self.table.rowCount() - 1
                spin = self._spin(row)
                spin.setEnabled(not top)
                spin.setSpecialValueText(self.tr("no limit") if top else "")
                if top:
                    spin.setValue(spin.minimum())
        self.table.blockSignals(blocked)
        self.remove_button.setEnabled(self.table.rowCount() > 1)

    def _check(self, *args) -> None:
        if args and not self._filling:
            self.scheme_name = None  # edited: no longer the ready-made scheme
            self.presets.setCurrentIndex(0)
        self.error.setText(self.problem())

    def retranslateUi(self) -> None:
        """Re-read the texts in the interface language."""
        self.table.setHorizontalHeaderLabels([
            self.tr("Class"), self.tr("Words") if self.words else self.tr("Up to"),
            self.tr("Affected")])
        self.presets_label.setText(self.tr("Ready-made classes"))
        self.minimum_label.setText(self.tr("Not in any class at or below"))
        self.none_label.setText(self.tr("Words in no class"))
        self.unit_label.setText(self.tr("Unit"))
        self.add_button.setText(self.tr("Add a class"))
        self.remove_button.setText(self.tr("Remove the class"))
        current = self.presets.currentIndex()
        self.presets.clear()
        self.presets.addItem(self.tr("Choose…"), None)
        titles = {"generic": self.tr("Low, medium, high"),
                  "flood_wet_dry": self.tr("Flood: wet or dry (wet above 1 m)"),
                  "flood4": self.tr("Flood in four classes (use caution, low, medium, high)"),
                  "tsunami": self.tr("Tsunami (dry, low, medium, high)")}
        for name in SCHEMES:
            if self.words and not SCHEMES[name].has_words:
                continue
            self.presets.addItem(titles.get(name, name), name)
        chosen = self.presets.findData(self.scheme_name) if self.scheme_name else -1
        self.presets.setCurrentIndex(chosen if chosen >= 0 else max(current, 0))
        self._refresh()

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)


def _setup_spin(spin: QDoubleSpinBox, value: float) -> None:
    spin.setRange(-1000.0, 100000.0)
    spin.setDecimals(2)
    spin.setSingleStep(0.1)
    spin.setValue(value)


class ThresholdsDialog(QDialog):
    """Edit the classes of one hazard layer: any number, named, each affected or not."""

    def __init__(self, title: str, classification: Classification | Thresholds | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thresholdsDialog")
        if not isinstance(classification, Classification):
            classification = Classification(ClassificationMethod.THRESHOLDS,
                                            thresholds=classification or Thresholds())
        self.layer_title = title
        self.words = classification.method is ClassificationMethod.VALUES
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.editor = ClassesEditor(classification, self.words, self)
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
        if self.words:
            text = self.tr("Classes of “{title}”, lowest first: each class lists the words "
                           "that mean it. Ticked classes count as affected.")
        else:
            text = self.tr("Classes of “{title}”, lowest first: a class holds the values "
                           "above the limit of the class before it, up to and including its "
                           "own limit. Ticked classes count as affected.")
        self.intro.setText(text.format(title=self.layer_title))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def _accept(self) -> None:
        if self.editor.is_valid():
            self.accept()

    def scheme(self) -> ClassScheme:
        """The classes as edited."""
        return self.editor.scheme()

    def none_values(self) -> tuple[str, ...]:
        """Words put in no class (word classes)."""
        return self.editor.none_values()
