"""Displaced people and minimum needs, below an exposure answer counted in people.

A profile chooser (the files of ``resources/needs``) and a displacement rate per
hazard class, in percent, starting from the library's defaults
(:func:`mapping.analysis.needs.default_rates`). Every change is counted again at once
with :func:`mapping.analysis.needs.minimum_needs`, which is quick: no new analysis.
The :class:`~mapping.analysis.needs.Needs` shown is what the report is written with.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def _table(parent: QWidget, name: str) -> QTableWidget:
    table = QTableWidget(0, 0, parent)
    table.setObjectName(name)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


class NeedsBox(QWidget):
    """Profile, displacement rates, displaced people and their needs."""

    #: The figures were counted again (a profile or a rate changed).
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("needsBox")
        #: The needs shown (mapping.analysis.needs.Needs), None without a people answer.
        self.needs: Any = None
        #: How figures are written (set by the panel).
        self.number = lambda value: str(value)
        self._locale = QLocale(QLocale.Language.English)
        self._result: Any = None
        self._defaults: dict[str, float] = {}
        self.rate_boxes: dict[str, QDoubleSpinBox] = {}
        self.profile_box = QComboBox(objectName="needsProfile")
        self._fill_profiles()
        self.profile_box.currentIndexChanged.connect(self.recount)
        self.rates_table = _table(self, "displacementRates")
        self.displaced_label = QLabel(objectName="displacedPeople")
        self.displaced_label.setWordWrap(True)
        self.needs_table = _table(self, "needsTable")
        self.profile_label = QLabel()
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.profile_label, self.profile_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.rates_table)
        layout.addWidget(self.displaced_label)
        layout.addWidget(self.needs_table)
        self.retranslateUi()

    def _fill_profiles(self) -> None:
        from layers.errors import QuartierError
        from mapping.analysis.needs import DEFAULT_PROFILE, load_profile, shipped_profiles

        for key in shipped_profiles():
            try:
                title = load_profile(key).name
            except QuartierError:  # a broken file is not offered
                continue
            self.profile_box.addItem(title, key)
        index = self.profile_box.findData(DEFAULT_PROFILE)
        if index >= 0:
            self.profile_box.setCurrentIndex(index)

    def profile_key(self) -> str | None:
        """The profile chosen (a file name in ``resources/needs`` without ``.json``)."""
        return self.profile_box.currentData()

    def set_result(self, result: Any, class_words: dict[str, str]) -> None:
        """Offer the rates of ``result``'s classes (an ExposureResult counted in people)."""
        from mapping.analysis.needs import default_rates

        self._result = result
        self._defaults, _source = default_rates(result.scheme)
        self.rate_boxes = {}
        names = [c.name for c in result.scheme.classes]
        self.rates_table.clear()
        self.rates_table.setColumnCount(3)
        self.rates_table.setRowCount(len(names))
        self._rate_headers()
        for row, name in enumerate(names):
            self.rates_table.setItem(row, 0, QTableWidgetItem(class_words.get(name, name)))
            people = QTableWidgetItem(self.number(result.classes.get(name, 0)))
            people.setData(Qt.ItemDataRole.UserRole, result.classes.get(name, 0))
            people.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.rates_table.setItem(row, 1, people)
            box = QDoubleSpinBox(objectName=f"rate_{name}")
            box.setRange(0.0, 100.0)
            box.setDecimals(1)
            box.setSuffix(" %")
            box.setLocale(self._locale)  # "0,5 %" in French
            box.setValue(100.0 * self._defaults.get(name, 0.0))
            box.setToolTip(self.tr("Share of the people of this class who must leave "
                                   "their homes"))
            box.valueChanged.connect(self.recount)
            self.rate_boxes[name] = box
            self.rates_table.setCellWidget(row, 2, box)
        self._fit_height(self.rates_table)
        self.recount()

    @staticmethod
    def _fit_height(table: QTableWidget) -> None:
        """As tall as its rows (a few classes), so the needs below get the room."""
        table.resizeRowsToContents()
        rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setFixedHeight(table.horizontalHeader().sizeHint().height() + rows
                             + 2 * table.frameWidth())

    def _rate_headers(self) -> None:
        self.rates_table.setHorizontalHeaderLabels(
            [self.tr("Class"), self.tr("People"), self.tr("Displaced")])

    def rates(self) -> dict[str, float]:
        """The rates changed from their defaults, as fractions (the others keep theirs)."""
        out = {}
        for name, box in self.rate_boxes.items():
            rate = round(box.value() / 100.0, 6)
            if abs(rate - self._defaults.get(name, 0.0)) > 1e-9:
                out[name] = rate
        return out

    def recount(self) -> None:
        """Count the displaced people and their needs again."""
        from mapping.analysis.needs import load_profile, minimum_needs

        result = self._result
        if result is None:
            return
        profile = load_profile(self.profile_key())
        self.needs = minimum_needs(result.classes, result.scheme, result.measure,
                                   self.rates(), profile)
        self.displaced_label.setText(self.tr("Displaced people: {count}").format(
            count=self.number(self.needs.displaced)))
        per = self._per_words()
        self.needs_table.clear()
        self.needs_table.setColumnCount(4)
        self.needs_table.setRowCount(len(self.needs.needs))
        self.needs_table.setHorizontalHeaderLabels(
            [self.tr("Need"), self.tr("Amount"), self.tr("Unit"), self.tr("How often")])
        for row, (item, need) in enumerate(self.needs.needs.items()):
            amount = QTableWidgetItem(self.number(need["amount"]))
            amount.setData(Qt.ItemDataRole.UserRole, need["amount"])
            amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.needs_table.setItem(row, 0, QTableWidgetItem(item))
            self.needs_table.setItem(row, 1, amount)
            self.needs_table.setItem(row, 2, QTableWidgetItem(str(need["unit"])))
            self.needs_table.setItem(row, 3, QTableWidgetItem(per.get(str(need["per"]),
                                                                      str(need["per"]))))
        self.changed.emit()

    def clear(self) -> None:
        """Forget the answer."""
        self._result = None
        self.needs = None
        self.rate_boxes = {}
        for table in (self.rates_table, self.needs_table):
            table.clear()
            table.setRowCount(0)
        self.displaced_label.setText("")

    def need_amounts(self) -> dict[str, Any]:
        """Need name -> amount, as shown (tests)."""
        return {self.needs_table.item(r, 0).text():
                self.needs_table.item(r, 1).data(Qt.ItemDataRole.UserRole)
                for r in range(self.needs_table.rowCount())}

    def _per_words(self) -> dict[str, str]:
        return {"day": self.tr("a day"), "week": self.tr("a week"), "month": self.tr("a month"),
                "once": self.tr("once")}

    def retranslateUi(self) -> None:
        """Re-read every text in the interface language."""
        self.profile_label.setText(self.tr("Minimum needs:"))
        self.profile_box.setToolTip(self.tr("Whose minimum needs per displaced person "
                                            "(resources/needs)"))
        if self._result is not None:
            self._rate_headers()
            self.recount()

    def set_locale(self, locale: QLocale) -> None:
        """Write figures the way of ``locale``."""
        from desktop.panels.analysis_answers import number

        self._locale = locale
        self.number = lambda value: number(value, 0, locale)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
