"""One input widget per kind of preset question (text, number, choice, yes/no, date...).

Every input shows and returns the tag value as text, exactly as it is stored
("12", "needs_maintenance", "flood;landslide", "2024-04"), and says ``edited``
only when the person changes it, never when the form fills it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QButtonGroup,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from layers.presets import FieldType, PresetField

ICON_DIR = Path(__file__).resolve().parents[2] / "resources" / "icons"
#: Largest number a number input accepts (the preset's own maximum is checked by the form,
#: which says why a number is refused rather than silently refusing the keystroke).
BIGGEST = 1e9
#: What an unanswered choice or number shows.
NO_ANSWER = "—"
#: Decimals of non-integer numbers.
DECIMALS = 2


class FieldInput(QWidget):
    """Base of the inputs: a value as tag text, and ``edited`` when the person changes it."""

    #: The person changed the value.
    edited = Signal()

    def __init__(self, field: PresetField, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._filling = False
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)

    def value(self) -> str:
        """The answer as tag text ("" when not answered)."""
        raise NotImplementedError

    def set_value(self, value: str) -> None:
        """Show ``value`` (tag text) without announcing an edit."""
        self._filling = True
        try:
            self._show(value or "")
        finally:
            self._filling = False

    def _show(self, value: str) -> None:
        raise NotImplementedError

    def _changed(self, *_args) -> None:
        if not self._filling:
            self.edited.emit()

    def editor(self) -> QWidget:
        """The widget that takes the keyboard (tests, focus)."""
        return self


class TextInput(FieldInput):
    """One line of text."""

    def __init__(self, field: PresetField, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.line = QLineEdit(self)
        self.line.setMaxLength(255)
        self.layout_.addWidget(self.line)
        self.line.textChanged.connect(self._changed)

    def value(self) -> str:
        return self.line.text()

    def _show(self, value: str) -> None:
        if self.line.text() != value:
            self.line.setText(value)

    def editor(self) -> QWidget:
        return self.line


class MultilineInput(FieldInput):
    """A few lines of text (descriptions)."""

    def __init__(self, field: PresetField, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 12)
        self.layout_.addWidget(self.text)
        self.text.textChanged.connect(self._changed)

    def value(self) -> str:
        return self.text.toPlainText()

    def _show(self, value: str) -> None:
        if self.text.toPlainText() != value:
            self.text.setPlainText(value)

    def editor(self) -> QWidget:
        return self.text


class NumberInput(FieldInput):
    """A number with its unit; the lowest step means "not answered"."""

    def __init__(self, field: PresetField, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        low = field.minimum if field.minimum is not None else -BIGGEST
        if field.integer:
            spin: QSpinBox | QDoubleSpinBox = QSpinBox(self)
            self._empty = int(low) - 1
            spin.setRange(self._empty, int(BIGGEST))
        else:
            spin = QDoubleSpinBox(self)
            spin.setDecimals(DECIMALS)
            self._empty = low - 1
            spin.setRange(self._empty, BIGGEST)
        spin.setSpecialValueText(NO_ANSWER)
        spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        spin.setAccelerated(True)
        if field.unit:
            spin.setSuffix(f" {field.unit}")
        spin.setMinimumWidth(140)
        spin.setValue(self._empty)
        self.spin = spin
        self.layout_.addWidget(spin)
        self.layout_.addStretch(1)
        spin.valueChanged.connect(self._changed)
        spin.lineEdit().textEdited.connect(self._changed)
        spin.editingFinished.connect(self._finished)
        spin.lineEdit().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        # Typing a number over "not answered" replaces it (the dash is not a digit).
        if (event.type() == QEvent.Type.KeyPress and self.spin.value() <= self._empty
                and event.text() and event.text() in "0123456789-.,"):
            line = self.spin.lineEdit()
            line.setText(self.spin.suffix())
            line.setCursorPosition(0)
        return False

    def _finished(self) -> None:
        if not self.spin.cleanText().strip():
            self.spin.setValue(self._empty)

    def value(self) -> str:
        number = self.spin.value()
        if number <= self._empty or not self.spin.cleanText().strip():
            return ""
        if self.field.integer:
            return str(int(number))
        return f"{number:.{DECIMALS}f}".rstrip("0").rstrip(".")

    def _show(self, value: str) -> None:
        try:
            number = float(value) if value else None
        except ValueError:
            number = None
        if number is None or number <= self._empty or number > BIGGEST:
            self.spin.setValue(self._empty)
        elif self.field.integer:
            self.spin.setValue(int(round(number)))
        else:
            self.spin.setValue(number)

    def editor(self) -> QWidget:
        return self.spin


class SelectInput(FieldInput):
    """One answer from a list (typed answers too when the preset allows others)."""

    def __init__(self, field: PresetField, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.combo = QComboBox(self)
        self.combo.setEditable(field.allow_other)
        self.combo.addItem("" if field.allow_other else NO_ANSWER, "")
        for option in field.options:
            self.combo.addItem(option.label_for(language), option.value)
            self.combo.setItemData(self.combo.count() - 1, option.value,
                                   Qt.ItemDataRole.ToolTipRole)
        self._known = self.combo.count()
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # Wide enough for the longest answer, whatever style (an error border) it gets.
        metrics = self.combo.fontMetrics()
        longest = max((metrics.horizontalAdvance(self.combo.itemText(i))
                       for i in range(self.combo.count())), default=0)
        self.combo.setMinimumWidth(longest + 3 * metrics.height() + 8)
        self.layout_.addWidget(self.combo)
        self.layout_.addStretch(1)
        self.combo.currentIndexChanged.connect(self._changed)
        if field.allow_other:
            self.combo.editTextChanged.connect(self._changed)

    def value(self) -> str:
        index = self.combo.currentIndex()
        if self.field.allow_other:
            text = self.combo.currentText().strip()
            if index >= 0 and text == self.combo.itemText(index):
                return str(self.combo.itemData(index) or "")
            return text
        return str(self.combo.itemData(index) or "") if index >= 0 else ""

    def _show(self, value: str) -> None:
        while self.combo.count() > self._known:  # an answer that is not a choice, shown before
            self.combo.removeItem(self.combo.count() - 1)
        index = self.combo.findData(value)
        if index < 0 and self.field.allow_other:
            self.combo.setEditText(value)
            return
        if index < 0:
            self.combo.addItem(value, value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)

    def choose(self, value: str) -> None:
        """Pick the answer whose tag value is ``value``, as a person would."""
        self.combo.setCurrentIndex(self.combo.findData(value))

    def editor(self) -> QWidget:
        return self.combo


class MultiSelectInput(FieldInput):
    """Several answers from a list, stored separated by ``;``."""

    def __init__(self, field: PresetField, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        column = QVBoxLayout()
        column.setSpacing(2)
        self.boxes: dict[str, QCheckBox] = {}
        for option in field.options:
            box = QCheckBox(option.label_for(language), self)
            box.setToolTip(option.value)
            box.toggled.connect(self._changed)
            self.boxes[option.value] = box
            column.addWidget(box)
        self.layout_.addLayout(column)
        self._other: list[str] = []

    def value(self) -> str:
        chosen = [v for v, box in self.boxes.items() if box.isChecked()]
        return ";".join(chosen + self._other)

    def _show(self, value: str) -> None:
        values = [v.strip() for v in value.split(";") if v.strip()]
        for option, box in self.boxes.items():
            box.setChecked(option in values)
        self._other = [v for v in values if v not in self.boxes]


class YesNoInput(FieldInput):
    """Yes, no, or not known."""

    def __init__(self, field: PresetField, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.group = QButtonGroup(self)
        self.yes = QRadioButton(self)
        self.no = QRadioButton(self)
        self.unknown = QRadioButton(self)
        for button in (self.yes, self.no, self.unknown):
            self.group.addButton(button)
            self.layout_.addWidget(button)
            button.toggled.connect(self._changed)
        self.layout_.addStretch(1)
        self._other = ""
        self.retranslateUi()

    def retranslateUi(self) -> None:
        """Re-read the texts in the interface language."""
        self.yes.setText(self.tr("Yes"))
        self.no.setText(self.tr("No"))
        self.unknown.setText(self.tr("Not known"))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def value(self) -> str:
        if self.yes.isChecked():
            return "yes"
        if self.no.isChecked():
            return "no"
        return self._other if not self.unknown.isChecked() else ""

    def _show(self, value: str) -> None:
        self._other = value if value not in ("yes", "no", "") else ""
        button = {"yes": self.yes, "no": self.no}.get(value, self.unknown)
        button.setChecked(True)
        if self._other:
            # Neither yes nor no (typed in the tags): no button shows it.
            self.group.setExclusive(False)
            self.unknown.setChecked(False)
            self.group.setExclusive(True)


class DateInput(FieldInput):
    """A date typed as 2024-04-21, 2024-04 or 2024, or picked from a calendar."""

    def __init__(self, field: PresetField, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText("2024-04-21")
        self.line.setMaximumWidth(160)
        self.calendar = QCalendarWidget(self)
        if field.past_only:
            self.calendar.setMaximumDate(QDate.currentDate())
        self.calendar_button = QToolButton(self)
        self.calendar_button.setIcon(QIcon(str(ICON_DIR / "calendar.svg")))
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.calendar_button)
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.calendar)
        menu.addAction(holder)
        self.calendar_button.setMenu(menu)
        self.layout_.addWidget(self.line)
        self.layout_.addWidget(self.calendar_button)
        self.layout_.addStretch(1)
        self.line.textChanged.connect(self._changed)
        self.calendar.clicked.connect(self._picked)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        """Re-read the texts in the interface language."""
        self.calendar_button.setToolTip(self.tr("Pick the date on a calendar"))
        self.line.setToolTip(self.tr("A day (2024-04-21), a month (2024-04) or a year (2024)"))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def _picked(self, date: QDate) -> None:
        self.line.setText(dt.date(date.year(), date.month(), date.day()).isoformat())
        self.calendar_button.menu().hide()

    def value(self) -> str:
        return self.line.text()

    def _show(self, value: str) -> None:
        if self.line.text() != value:
            self.line.setText(value)

    def editor(self) -> QWidget:
        return self.line


def make_input(field: PresetField, language: str,
               parent: QWidget | None = None) -> FieldInput:
    """The input for a preset field, its choices in ``language``."""
    if field.type is FieldType.MULTILINE:
        return MultilineInput(field, parent)
    if field.type is FieldType.NUMBER:
        return NumberInput(field, parent)
    if field.type is FieldType.SELECT:
        return SelectInput(field, language, parent)
    if field.type is FieldType.MULTI_SELECT:
        return MultiSelectInput(field, language, parent)
    if field.type is FieldType.YES_NO:
        return YesNoInput(field, parent)
    if field.type is FieldType.DATE:
        return DateInput(field, parent)
    if field.type is FieldType.OPENING_HOURS:
        from desktop.editing.hours_input import OpeningHoursInput

        return OpeningHoursInput(field, parent)
    return TextInput(field, parent)
