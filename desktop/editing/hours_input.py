"""Opening hours in a form: typed as OpenStreetMap writes them, or built with a picker.

The picker asks what a person knows (which days, from what time to what time) and
writes the value maps read (``Mo-Fr 08:00-17:00``) through
:func:`layers.opening_hours.days_and_hours`; several "Add"s build up a value like
``Mo-Fr 08:00-17:00; Sa 09:00-13:00``. The form checks what is typed by hand.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from desktop.editing.field_inputs import FieldInput
from layers import opening_hours
from layers.presets import PresetField


class OpeningHoursPicker(QFrame):
    """Days and hours chosen with boxes and clocks; "Add" gives the OSM value."""

    #: The days and hours to add, as OSM writes them ("Mo-Fr 08:00-17:00").
    picked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openingHoursPicker")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.days: dict[str, QCheckBox] = {}
        day_row = QHBoxLayout()
        day_row.setSpacing(6)
        for day in opening_hours.DAYS:
            box = QCheckBox(self)
            box.setObjectName(f"day:{day}")
            box.setChecked(day not in ("Sa", "Su"))
            self.days[day] = box
            day_row.addWidget(box)
        self.opens = QTimeEdit(QTime(8, 0), self)
        self.closes = QTimeEdit(QTime(17, 0), self)
        for clock in (self.opens, self.closes):
            clock.setDisplayFormat("HH:mm")
        self.opens_label = QLabel(self)
        self.closes_label = QLabel(self)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addHoursButton")
        self.always_button = QPushButton(self)
        self.always_button.setObjectName("alwaysOpenButton")
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        times = QGridLayout()
        times.addWidget(self.opens_label, 0, 0)
        times.addWidget(self.opens, 0, 1)
        times.addWidget(self.closes_label, 0, 2)
        times.addWidget(self.closes, 0, 3)
        times.setColumnStretch(4, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.always_button)
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(day_row)
        layout.addLayout(times)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self._add)
        self.always_button.clicked.connect(lambda: self.picked.emit("24/7"))
        #: The value the new days and hours are added to (set by the input).
        self.before = ""
        self.retranslateUi()

    def retranslateUi(self) -> None:
        """Re-read the texts in the interface language."""
        names = (self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"), self.tr("Fri"),
                 self.tr("Sat"), self.tr("Sun"))
        for box, name in zip(self.days.values(), names, strict=True):
            box.setText(name)
        self.opens_label.setText(self.tr("Opens"))
        self.closes_label.setText(self.tr("Closes"))
        self.add_button.setText(self.tr("Add"))
        self.add_button.setToolTip(self.tr("Add these days and hours to the answer"))
        self.always_button.setText(self.tr("Always open"))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def _add(self) -> None:
        days = [day for day, box in self.days.items() if box.isChecked()]
        before = self.before if opening_hours.is_valid(self.before) else ""
        try:
            value = opening_hours.days_and_hours(days, self.opens.time().toString("HH:mm"),
                                                 self.closes.time().toString("HH:mm"), before)
        except ValueError:
            self.problem.setText(self.tr("Choose at least one day, and different opening and "
                                         "closing times."))
            return
        self.problem.setText("")
        self.picked.emit(value)


class OpeningHoursInput(FieldInput):
    """Opening hours typed as OSM writes them, or built with the days-and-hours picker."""

    def __init__(self, field: PresetField, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.line = QLineEdit(self)
        self.line.setMaxLength(255)
        self.line.setPlaceholderText(opening_hours.EXAMPLE)
        self.pick_button = QToolButton(self)
        self.pick_button.setObjectName("openingHoursButton")
        self.pick_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.picker = OpeningHoursPicker()
        self.menu = QMenu(self)
        holder = QWidgetAction(self.menu)
        holder.setDefaultWidget(self.picker)
        self.menu.addAction(holder)
        self.layout_.addWidget(self.line, 1)
        self.layout_.addWidget(self.pick_button)
        self.line.textChanged.connect(self._changed)
        self.pick_button.clicked.connect(self.open_picker)
        self.picker.picked.connect(self._picked)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        """Re-read the texts in the interface language."""
        self.pick_button.setText(self.tr("Days and hours…"))
        self.pick_button.setToolTip(self.tr("Tick the days, set the hours, press Add"))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def open_picker(self) -> None:
        """Show the days-and-hours picker under the button (without blocking)."""
        self.picker.before = self.line.text()
        self.picker.problem.setText("")
        self.menu.popup(self.pick_button.mapToGlobal(QPoint(0, self.pick_button.height())))

    def _picked(self, value: str) -> None:
        self.menu.hide()
        self.line.setText(value)
        self.line.setFocus()

    def value(self) -> str:
        return self.line.text()

    def _show(self, value: str) -> None:
        if self.line.text() != value:
            self.line.setText(value)

    def editor(self) -> QWidget:
        return self.line
