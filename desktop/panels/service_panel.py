"""The Transport service panel: how often vehicles come, and who lives near a stop.

The question (areas to break the buildings down by, a hazard layer whose zones cut
lines) sits on top; the answer comes back as a sentence for the whole project and
two tables that can be copied to a spreadsheet: one row per transport line
(vehicles per hour in each time band, span of service, stops, stops cut off by the
hazard), and one row per area, least served first (buildings, and the share within
a 400 m walk of a stop and of a stop with a vehicle at least every 10 minutes).
The panel holds no analysis code: :mod:`desktop.service_flow` runs
:func:`mapping.analysis.service_level.service_level` off the GUI thread and hands the
report to :meth:`ServicePanel.show_report`.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.panels.analysis_answers import number

#: Sides of the squares offered as areas, metres (``service_level(by="grid:500")``).
GRID_SIDES = (500, 250)


def _table(name: str, parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, 0, parent)
    table.setObjectName(name)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


class ServicePanel(QWidget):
    """Asks for the level of service of the transport lines and shows it."""

    #: Run: by (an area layer or None), by_field (its name field or None), hazard (a
    #: hazard layer or None).
    runRequested = Signal(dict)
    #: Stop the analysis under way.
    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("servicePanel")
        #: How figures are written (thousands, decimals): the interface language's way.
        self.number_locale = QLocale(QLocale.Language.English)
        #: The report shown (None: no answer shown).
        self.report: Any = None
        self._project: Any = None
        self._shown_titles: dict[str, str] = {}
        self.area_box = QComboBox(objectName="serviceArea")
        self.field_box = QComboBox(objectName="serviceAreaField")
        self.hazard_box = QComboBox(objectName="serviceHazard")
        self.area_box.currentIndexChanged.connect(lambda _index: self._fill_fields())
        self.labels = [QLabel(self), QLabel(self), QLabel(self)]
        form = QFormLayout()
        for label, box in zip(self.labels, (self.area_box, self.field_box, self.hazard_box),
                              strict=True):
            form.addRow(label, box)

        self.run_button = QPushButton(objectName="serviceRun")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run)
        self.cancel_button = QPushButton(objectName="serviceCancel")
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.cancel_button.setVisible(False)
        self.progress = QProgressBar(objectName="serviceProgress")
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(12)
        self.progress.setVisible(False)
        self.summary = QLabel(objectName="serviceSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lines_label = QLabel(objectName="serviceLinesLabel")
        self.lines_table = _table("serviceLines", self)
        self.areas_label = QLabel(objectName="serviceAreasLabel")
        self.areas_label.setWordWrap(True)
        self.areas_table = _table("serviceAreas", self)
        self.notes = QLabel(objectName="serviceNotes")
        self.notes.setWordWrap(True)
        self.copy_button = QPushButton(objectName="serviceCopy")
        self.copy_button.clicked.connect(self.copy_tables)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(0)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.areas_label)
        layout.addWidget(self.areas_table, 3)
        layout.addWidget(self.lines_label)
        layout.addWidget(self.lines_table, 2)
        layout.addWidget(self.notes)
        after = QHBoxLayout()
        after.addWidget(self.copy_button)
        after.addStretch(1)
        layout.addLayout(after)
        self.clear_answer()
        self.set_project(None)
        self.retranslateUi()

    # -- the question ----------------------------------------------------------------------

    def set_project(self, project: Any, titles: dict[str, str] | None = None) -> None:
        """Offer the area and hazard layers of ``project`` (None: nothing to ask)."""
        self._project = project
        titles = titles or {}
        chosen = [box.currentData() for box in (self.area_box, self.field_box, self.hazard_box)]
        for box in (self.area_box, self.hazard_box):
            box.blockSignals(True)
            box.clear()
        self.area_box.addItem(self.tr("(none: the whole project area)"), None)
        for side in GRID_SIDES:
            self.area_box.addItem(self.tr("Squares of {side} m").format(side=side),
                                  f"grid:{side}")
        self.hazard_box.addItem(self.tr("(none)"), None)
        if project is not None:
            self._fill_layers(project, titles)
        for box in (self.area_box, self.hazard_box):
            box.blockSignals(False)
        for box, value in ((self.area_box, chosen[0]), (self.hazard_box, chosen[2])):
            index = box.findData(value)
            box.setCurrentIndex(max(index, 0))
        self._fill_fields(chosen[1])
        self.run_button.setEnabled(project is not None)

    def _fill_layers(self, project: Any, titles: dict[str, str]) -> None:
        from mapping import hazard_store

        kinds = project.layer_kinds()
        geometry = project.store.vector_layers()
        results = _result_layers(project)
        for name in project.layer_names():
            if (kinds.get(name) == "reference" and name not in results
                    and "polygon" in geometry.get(name, "").casefold()):
                self.area_box.addItem(titles.get(name, name), name)
        for layer in hazard_store.list_hazard_layers(project):
            self.hazard_box.addItem(titles.get(layer.name, layer.title), layer.name)

    def _fill_fields(self, keep: str | None = None) -> None:
        box = self.field_box
        box.clear()
        layer = self.area_box.currentData()
        box.setEnabled(_is_layer(layer))
        if not _is_layer(layer) or self._project is None:
            return
        try:
            fields = list(self._project.layer_fields(layer))
        except Exception:  # noqa: BLE001 - an unreadable layer: the analysis will say why
            fields = []
        for name in fields:
            box.addItem(name, name)
        if keep in fields:
            box.setCurrentIndex(fields.index(keep))
        elif "name" in fields:
            box.setCurrentIndex(fields.index("name"))

    def request(self) -> dict:
        """The question as asked now."""
        by = self.area_box.currentData()
        return {"by": by, "by_field": self.field_box.currentData() if _is_layer(by) else None,
                "hazard": self.hazard_box.currentData()}

    def run(self) -> None:
        """Ask the question."""
        self.runRequested.emit(self.request())

    def set_busy(self, busy: bool) -> None:
        """Run greyed out, progress and Cancel shown, while the analysis runs."""
        self.run_button.setEnabled(not busy and self._project is not None)
        for box in (self.area_box, self.field_box, self.hazard_box):
            box.setEnabled(not busy)
        if not busy:
            self.field_box.setEnabled(_is_layer(self.area_box.currentData()))
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.progress.setVisible(busy)
        if busy:
            self.clear_answer()
            self.summary.setText(self.tr("Working…"))

    def show_step(self, sentence: str) -> None:
        """Say which step the analysis under way is at."""
        if sentence:
            self.summary.setText(sentence)

    def show_message(self, sentence: str) -> None:
        """Show a sentence (cancelled, an error) in place of an answer."""
        self.clear_answer()
        self.summary.setText(sentence)

    def clear_answer(self) -> None:
        """Forget the answer shown."""
        self.report = None
        for table in (self.lines_table, self.areas_table):
            table.clear()
            table.setRowCount(0)
            table.setColumnCount(0)
        for widget in (self.lines_label, self.lines_table, self.areas_label,
                       self.areas_table, self.notes, self.copy_button):
            widget.setVisible(False)
        self.notes.setText("")

    # -- the answer ------------------------------------------------------------------------

    def number(self, value: Any, decimals: int = 0) -> str:
        """A figure written the interface language's way."""
        return number(value, decimals, self.number_locale)

    def percent(self, fraction: float | None) -> str:
        """A share as a whole percentage ("64%"), "–" when there is nothing to share."""
        if fraction is None or not math.isfinite(fraction):
            return "–"
        return self.tr("{percent}%").format(percent=self.number(100 * fraction))

    def show_report(self, report: Any, titles: dict[str, str] | None = None) -> None:
        """Show a :class:`~mapping.analysis.service_level.ServiceReport`."""
        self.clear_answer()
        self.report = report
        self._shown_titles = titles = titles or self._shown_titles
        self.summary.setText(self.summary_text(report))
        self._fill_lines(report)
        self._fill_areas(report, titles)
        notes = [str(note) for note in getattr(report, "assumptions", ()) or ()]
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))
        self.copy_button.setVisible(True)

    def summary_text(self, report: Any) -> str:
        """The project in one sentence: lines, buildings near a stop, near a frequent stop."""
        from mapping.export.print_service import project_totals

        if not report.lines:
            return self.tr("This project has no transport line yet: draw one with its "
                           "stops, or import a GTFS feed.")
        buildings, near, frequent = project_totals(report)
        return self.tr(
            "Lines: {lines}; places to wait: {places}, {frequent_places} of them frequent. "
            "Of {buildings} buildings, {near} ({near_share}) are within a {walk} m walk of a "
            "stop, and {frequent} ({frequent_share}) of a stop with a vehicle at least every "
            "{wait} minutes in {band}.").format(
                lines=self.number(len(report.lines)), places=self.number(report.stop_places),
                frequent_places=self.number(report.frequent_places),
                buildings=self.number(buildings), near=self.number(near),
                near_share=self.percent(near / buildings if buildings else None),
                walk=self.number(report.walk_m), frequent=self.number(frequent),
                frequent_share=self.percent(frequent / buildings if buildings else None),
                wait=self.number(report.frequent_headway_min, 1), band=report.band)

    def _fill_lines(self, report: Any) -> None:
        from mapping.export.print_service import line_title, span_words

        bands = list(report.bands)
        hazard = report.hazard
        headers = [self.tr("Line")]
        headers += [self.tr("Vehicles/hour\n{band}").format(band=band) for band in bands]
        headers += [self.tr("Span"), self.tr("Stops"), self.tr("Length\n(km)")]
        if hazard:
            headers.append(self.tr("Stops cut off"))
        rows: list[list[tuple[str, Any]]] = []
        for line in report.lines:
            title = line_title(line)
            row = [(title or self.tr("Line with no name yet"), title)]
            for band in bands:
                value = line.vehicles_per_hour.get(band)
                row.append((self.number(value, 1) if value else "–", value or 0.0))
            row.append((span_words(line) or "–", line.span))
            row.append((self.number(line.stops), line.stops))
            row.append((self.number(line.length_m / 1000, 1), line.length_m))
            if hazard:
                cut = len(line.stops_cut_off)
                row.append((self.number(cut) if line.crosses_hazard else "–", cut))
            rows.append(row)
        _fill(self.lines_table, headers, rows)
        if hazard:  # the names of the stops cut off, on the cell
            for r, line in enumerate(report.lines):
                if line.stops_cut_off:
                    self.lines_table.item(r, len(headers) - 1).setToolTip(
                        ", ".join(line.stops_cut_off))
        self.lines_label.setText(self.tr("Lines ({count}):").format(
            count=self.number(len(report.lines))))
        self.lines_label.setVisible(True)
        self.lines_table.setVisible(True)

    def _fill_areas(self, report: Any, titles: dict[str, str]) -> None:
        from mapping.export.print_service import share_colour

        # The report's own order: least served first (near a frequent stop, then any).
        areas = list(report.areas) or [report.totals]
        headers = [self.tr("Area"), self.tr("Buildings"),
                   self.tr("Within {walk} m of a\nfrequent stop").format(
                       walk=self.number(report.walk_m)),
                   self.tr("Within {walk} m\nof a stop").format(walk=self.number(report.walk_m))]
        rows = []
        for area in areas:
            name = str(area.name) or self.tr("(no name)")
            has = area.buildings > 0
            rows.append([(titles.get(name, name), area.name),
                         (self.number(area.buildings), area.buildings),
                         (self.percent(area.share_frequent if has else None),
                          area.share_frequent),
                         (self.percent(area.share_within if has else None), area.share_within)])
        _fill(self.areas_table, headers, rows)
        for r, area in enumerate(areas):  # in the colours of the map
            if area.buildings:
                colour = QColor(share_colour(area.share_frequent))
                colour.setAlpha(140)
                self.areas_table.item(r, 2).setBackground(colour)
        self.areas_label.setText(self.tr("By area, least served first (double-click one "
                                         "to see it on the map):") if report.areas
                                 else self.tr("The whole project area:"))
        self.areas_label.setVisible(True)
        self.areas_table.setVisible(True)

    def cell(self, table: QTableWidget, row: int, column: int) -> Any:
        """The raw figure behind a cell (tests)."""
        item = table.item(row, column)
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def column(self, table: QTableWidget, column: int) -> list[Any]:
        """The raw figures of a column, top to bottom (tests)."""
        return [self.cell(table, r, column) for r in range(table.rowCount())]

    def tables_text(self) -> str:
        """Both tables as tab-separated text, each with its headers."""
        parts = []
        for table in (self.areas_table, self.lines_table):
            lines = ["\t".join(table.horizontalHeaderItem(c).text().replace("\n", " ")
                               for c in range(table.columnCount()))]
            for r in range(table.rowCount()):
                lines.append("\t".join((table.item(r, c).text() if table.item(r, c) else "")
                                       for c in range(table.columnCount())))
            parts.append("\n".join(lines))
        return "\n\n".join(parts) + "\n"

    def copy_tables(self) -> None:
        """Put both tables on the clipboard (paste them into a spreadsheet)."""
        QGuiApplication.clipboard().setText(self.tables_text())

    # -- language --------------------------------------------------------------------------

    def retranslateUi(self) -> None:
        """Re-read every text in the interface language."""
        for label, text in zip(self.labels, (self.tr("By area:"), self.tr("Area names from:"),
                                             self.tr("Lines cut by:")), strict=True):
            label.setText(text)
        self.area_box.setToolTip(self.tr("A layer of areas (wards, grid cells): the share "
                                         "of buildings near a stop in each"))
        self.hazard_box.setToolTip(self.tr("A hazard layer: the lines that cross its affected "
                                           "zones, and their stops cut off"))
        if self.area_box.count():
            self.area_box.setItemText(0, self.tr("(none: the whole project area)"))
        for side in GRID_SIDES:
            index = self.area_box.findData(f"grid:{side}")
            if index >= 0:
                self.area_box.setItemText(index, self.tr("Squares of {side} m").format(
                    side=side))
        if self.hazard_box.count():
            self.hazard_box.setItemText(0, self.tr("(none)"))
        self.run_button.setText(self.tr("Run"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop this analysis; nothing will be changed"))
        self.lines_label.setText(self.tr("Lines:"))
        self.copy_button.setText(self.tr("Copy tables"))
        self.copy_button.setToolTip(self.tr("Copy both tables, to paste into a spreadsheet"))
        if self.report is not None:
            self.show_report(self.report, self._shown_titles)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)


def _is_layer(by: str | None) -> bool:
    """Whether an area choice is a project layer (not the whole project, not squares)."""
    return by is not None and not by.startswith("grid:")


def _result_layers(project: Any) -> set[str]:
    """Layers an analysis wrote (not offered as areas)."""
    try:
        return {r.name for r in project.store.registry() if r.source == "analysis"}
    except Exception:  # noqa: BLE001 - a registry that cannot be read hides nothing
        return set()


def _fill(table: QTableWidget, headers: list[str], rows: list[list[tuple[str, Any]]]) -> None:
    """Fill a table; each cell is (shown text, raw value); figures right-aligned."""
    table.clear()
    table.setColumnCount(len(headers))
    table.setRowCount(len(rows))
    table.setHorizontalHeaderLabels(headers)
    for r, row in enumerate(rows):
        for c, (text, raw) in enumerate(row):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, raw)
            if c > 0:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
