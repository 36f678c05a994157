"""The Analysis panel: who is exposed to a hazard, evacuation routes, access to services.

Three tabs ask the question (layers, classes, distances); the answer comes back in
plain words and in a table that can be copied to a spreadsheet
(:class:`~desktop.panels.analysis_answers.AnalysisAnswers`). The panel holds
no analysis code: :mod:`desktop.analysis_flow` runs the engines off the GUI thread
and hands the results to :meth:`AnalysisPanel.show_exposure`,
:meth:`AnalysisPanel.show_evacuation` and :meth:`AnalysisPanel.show_access`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.panels.analysis_answers import AnalysisAnswers
from desktop.panels.needs_box import NeedsBox

#: Data of the exposure choice "a population raster file" (not a project layer).
RASTER_CHOICE = "<population raster>"
#: Layers one can analyse, when the project has them (reference layers come after).
EXPOSURE_LAYERS = ("buildings", "roads", "pois", "landuse", "facilities")
#: Ready-made class schemes offered (keys of mapping.analysis.schemes.SCHEMES).
SCHEME_KEYS = ("generic", "flood_wet_dry", "flood4", "tsunami")


class AnalysisPanel(AnalysisAnswers, QWidget):
    """Asks one of three questions and shows the answer."""

    #: Run the exposure analysis: hazard, exposure (None with population), population
    #: (a raster file or None), by, by_field, scheme (key or None).
    exposureRequested = Signal(dict)
    #: Run evacuation routing: hazard, avoid (class names ticked), affected (the layer's
    #: affected class names), walk_speed, population (an area layer or None).
    evacuationRequested = Signal(dict)
    #: Run access to services: kind, within (the text typed), by, by_field.
    accessRequested = Signal(dict)
    #: Stop the analysis under way.
    cancelRequested = Signal()
    #: Save the exposure result shown as a project layer.
    saveLayerRequested = Signal()
    #: Write the exposure result shown as a report.
    reportRequested = Signal()

    EXPOSURE, EVACUATION, ACCESS = 0, 1, 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("analysisPanel")
        #: The figures of the last answer, as shown (None: no answer shown).
        self.last_result: dict | None = None
        #: How figures are written (thousands, decimals): the interface language's way.
        self.number_locale = QLocale(QLocale.Language.English)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("analysisTabs")
        self.tabs.addTab(self._exposure_tab(), "")
        self.tabs.addTab(self._evacuation_tab(), "")
        self.tabs.addTab(self._access_tab(), "")

        self.run_button = QPushButton(objectName="analysisRun")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run)
        self.cancel_button = QPushButton(objectName="analysisCancel")
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.cancel_button.setVisible(False)
        self.progress = QProgressBar(objectName="analysisProgress")
        self.progress.setRange(0, 0)  # busy: the engines do not say how far they are
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(12)
        self.progress.setVisible(False)
        self.summary = QLabel(objectName="analysisSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.needs_box = NeedsBox(self)
        self.needs_box.setVisible(False)
        self.worst_label = QLabel(objectName="accessWorstLabel")
        self.worst_table = QTableWidget(0, 0, self)
        self.worst_table.setObjectName("accessWorst")
        self.worst_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.worst_table.verticalHeader().setVisible(False)
        self.worst_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        for widget in (self.worst_label, self.worst_table):
            widget.setVisible(False)
        self.table = QTableWidget(0, 0, self)
        self.table.setObjectName("analysisTable")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.copy_button = QPushButton(objectName="analysisCopy")
        self.copy_button.clicked.connect(self.copy_table)
        self.save_button = QPushButton(objectName="analysisSaveLayer")
        self.save_button.clicked.connect(self.saveLayerRequested)
        self.report_button = QPushButton(objectName="analysisReport")
        self.report_button.clicked.connect(self.reportRequested)
        for button in (self.copy_button, self.save_button, self.report_button):
            button.setVisible(False)
        #: Whether "Save as a layer" and "Write report…" are offered (set by the flow).
        self.can_save_layer = False
        self.can_report = False

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)
        buttons.addStretch(0)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        after = QHBoxLayout()
        after.addWidget(self.copy_button)
        after.addWidget(self.save_button)
        after.addWidget(self.report_button)
        after.addStretch(1)
        layout.addLayout(after)
        layout.addWidget(self.needs_box, 1)
        layout.addWidget(self.worst_label)
        layout.addWidget(self.worst_table, 1)
        self._project = None
        self.set_project(None)
        self.retranslateUi()

    def _exposure_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        self.hazard_box = QComboBox(objectName="exposureHazard")
        self.exposure_box = QComboBox(objectName="exposureLayer")
        self.exposure_box.currentIndexChanged.connect(self._show_raster_row)
        self.raster_edit = QLineEdit(objectName="populationRaster")
        self.raster_button = QPushButton(objectName="populationRasterBrowse")
        self.raster_button.clicked.connect(self._browse_raster)
        self.raster_row = QWidget()
        raster_layout = QHBoxLayout(self.raster_row)
        raster_layout.setContentsMargins(0, 0, 0, 0)
        raster_layout.addWidget(self.raster_edit, 1)
        raster_layout.addWidget(self.raster_button)
        self.scheme_box = QComboBox(objectName="exposureScheme")
        self.area_box = QComboBox(objectName="exposureArea")
        self.area_field_box = QComboBox(objectName="exposureAreaField")
        self.area_box.currentIndexChanged.connect(
            lambda: self._fill_area_fields(self.area_box, self.area_field_box))
        self.scheme_box.addItem("", None)
        for key in SCHEME_KEYS:
            self.scheme_box.addItem("", key)
        self.exposure_labels = [QLabel() for _ in range(6)]
        for label, box in zip(self.exposure_labels,
                              (self.hazard_box, self.exposure_box, self.raster_row,
                               self.scheme_box, self.area_box, self.area_field_box), strict=True):
            form.addRow(label, box)
        self._exposure_form = form
        self._show_raster_row()
        return tab

    def _show_raster_row(self) -> None:
        """The raster file row, only when a population raster is to be counted."""
        if hasattr(self, "_exposure_form"):
            self._exposure_form.setRowVisible(2, self.exposure_box.currentData()
                                              == RASTER_CHOICE)

    def _browse_raster(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Population raster"), self.raster_edit.text(),
            self.tr("Rasters (*.tif *.tiff *.asc);;All files (*)"))
        if path:
            self.raster_edit.setText(path)

    def _evacuation_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        self.evac_hazard_box = QComboBox(objectName="evacuationHazard")
        self.evac_hazard_box.currentIndexChanged.connect(self._fill_avoid)
        #: Class name -> its tick, for the chosen hazard layer's own classes.
        self.avoid_checks: dict[str, QCheckBox] = {}
        self._avoid_layer: str | None = None
        #: Hazard layer -> its classes, lowest first: (name, affected).
        self.hazard_classes: dict[str, list[tuple[str, bool]]] = {}
        self.avoid_row = QHBoxLayout()
        self.avoid_row.addStretch(1)
        self.evac_people_box = QComboBox(objectName="evacuationPeople")
        self.speed_box = QDoubleSpinBox(objectName="walkSpeed")
        self.speed_box.setRange(0.1, 5.0)
        self.speed_box.setSingleStep(0.1)
        self.speed_box.setDecimals(1)
        self.speed_box.setValue(1.2)
        self.evacuation_labels = [QLabel(), QLabel(), QLabel(), QLabel()]
        form.addRow(self.evacuation_labels[0], self.evac_hazard_box)
        form.addRow(self.evacuation_labels[1], self.avoid_row)
        form.addRow(self.evacuation_labels[2], self.speed_box)
        form.addRow(self.evacuation_labels[3], self.evac_people_box)
        return tab

    def _fill_avoid(self) -> None:
        """One tick per class of the chosen hazard layer, ticked where it is affected
        (the ticks as they were, when the layer and its classes are the same)."""
        layer = self.evac_hazard_box.currentData()
        classes = self.hazard_classes.get(layer, [])
        before = {name: check.isChecked() for name, check in self.avoid_checks.items()}
        if layer != self._avoid_layer or list(before) != [name for name, _ in classes]:
            before = {}
        self._avoid_layer = layer
        for check in self.avoid_checks.values():
            self.avoid_row.removeWidget(check)
            check.deleteLater()
        self.avoid_checks = {}
        words = self._class_words()
        for position, (name, affected) in enumerate(classes):
            check = QCheckBox(words.get(name, name), objectName=f"avoid_{name}")
            check.setChecked(before.get(name, affected))
            self.avoid_checks[name] = check
            self.avoid_row.insertWidget(position, check)

    def _access_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        self.kind_box = QComboBox(objectName="accessKind")
        self.within_edit = QLineEdit("250, 500, 1000", objectName="accessWithin")
        self.access_area_box = QComboBox(objectName="accessArea")
        self.access_field_box = QComboBox(objectName="accessAreaField")
        self.access_area_box.currentIndexChanged.connect(
            lambda: self._fill_area_fields(self.access_area_box, self.access_field_box))
        self.access_labels = [QLabel(), QLabel(), QLabel(), QLabel()]
        for label, box in zip(self.access_labels, (self.kind_box, self.within_edit,
                                                   self.access_area_box, self.access_field_box),
                              strict=True):
            form.addRow(label, box)
        return tab

    # -- the question ----------------------------------------------------------------------

    def set_project(self, project, titles: dict[str, str] | None = None) -> None:
        """Offer the layers of ``project`` (None: nothing to analyse), named by ``titles``."""
        self._project = project
        titles = titles or {}
        boxes = (self.hazard_box, self.exposure_box, self.area_box, self.area_field_box,
                 self.evac_hazard_box, self.kind_box, self.evac_people_box,
                 self.access_area_box, self.access_field_box)
        chosen = [box.currentData() for box in boxes]
        for box in boxes:
            box.blockSignals(True)
            box.clear()
        try:
            self._fill_layers(project, titles)
        finally:
            for box in boxes:
                box.blockSignals(False)
        # The same choices as before, where the project still has them.
        for box, value in zip(boxes, chosen, strict=True):
            index = box.findData(value)
            if value is not None and index >= 0:
                box.setCurrentIndex(index)
        self._fill_area_fields(self.area_box, self.area_field_box, chosen[3])
        self._fill_area_fields(self.access_area_box, self.access_field_box, chosen[8])
        self._fill_avoid()
        self._show_raster_row()
        enabled = project is not None
        self.run_button.setEnabled(enabled)
        self.tabs.setEnabled(enabled)

    def _fill_layers(self, project, titles: dict[str, str]) -> None:
        self.area_box.addItem(self.tr("(none: the whole project area)"), None)
        self.access_area_box.addItem(self.tr("(none)"), None)
        self.evac_people_box.addItem(self.tr("(the buildings' own, if mapped)"), None)
        self._fill_kinds()
        self.hazard_classes = {}
        if project is None:
            return

        from mapping import hazard_store

        for layer in hazard_store.list_hazard_layers(project):
            self.hazard_box.addItem(layer.title, layer.name)
            self.evac_hazard_box.addItem(layer.title, layer.name)
            self.hazard_classes[layer.name] = [(c.name, bool(c.affected))
                                               for c in layer.classification.classes]
        kinds = project.layer_kinds()
        geometry = project.store.vector_layers()
        vectors = [n for n in EXPOSURE_LAYERS if n in kinds]
        vectors += [n for n in project.layer_names()
                    if kinds.get(n) == "reference" and n not in vectors]
        for name in vectors:
            self.exposure_box.addItem(titles.get(name, name), name)
            if "polygon" in geometry.get(name, "").casefold() and name != "buildings":
                self.area_box.addItem(titles.get(name, name), name)
                self.access_area_box.addItem(titles.get(name, name), name)
                if kinds.get(name) == "reference":
                    self.evac_people_box.addItem(titles.get(name, name), name)
        self.exposure_box.addItem(self.tr("A population raster file…"), RASTER_CHOICE)

    def _fill_kinds(self) -> None:
        from mapping.analysis.facility_kinds import KINDS

        words = self._kind_words()
        for key in KINDS:
            self.kind_box.addItem(words.get(key, key), key)

    def _kind_words(self) -> dict[str, str]:
        return {"water": self.tr("Water points"), "clinic": self.tr("Clinics and health centres"),
                "hospital": self.tr("Hospitals"), "pharmacy": self.tr("Pharmacies"),
                "school": self.tr("Schools"), "kindergarten": self.tr("Kindergartens"),
                "toilet": self.tr("Toilets"), "market": self.tr("Markets"),
                "police": self.tr("Police stations"), "fire_station": self.tr("Fire stations"),
                "worship": self.tr("Places of worship"),
                "community_centre": self.tr("Community centres"),
                "shelter": self.tr("Shelters and evacuation centres")}

    def _fill_area_fields(self, area_box: QComboBox, field_box: QComboBox,
                          keep: str | None = None) -> None:
        field_box.clear()
        layer = area_box.currentData()
        field_box.setEnabled(layer is not None)
        if layer is None or self._project is None:
            return
        try:
            fields = self._project.layer_fields(layer)
        except Exception:  # an unreadable layer: the analysis will say why
            fields = []
        for name in fields:
            field_box.addItem(name, name)
        if keep in fields:
            field_box.setCurrentIndex(fields.index(keep))
        elif "name" in fields:
            field_box.setCurrentIndex(fields.index("name"))

    def show_tab(self, which: int) -> None:
        """Bring one question to the front."""
        self.tabs.setCurrentIndex(which)

    def request(self) -> tuple[int, dict]:
        """The question as asked now: the tab and its answers."""
        which = self.tabs.currentIndex()
        if which == self.EXPOSURE:
            by = self.area_box.currentData()
            exposure = self.exposure_box.currentData()
            raster = exposure == RASTER_CHOICE
            return which, {"hazard": self.hazard_box.currentData(),
                           "exposure": None if raster else exposure,
                           "population": self.raster_edit.text().strip() if raster else None,
                           "scheme": self.scheme_box.currentData(), "by": by,
                           "by_field": self.area_field_box.currentData() if by else None}
        if which == self.EVACUATION:
            hazard = self.evac_hazard_box.currentData()
            return which, {"hazard": hazard,
                           "avoid": [name for name, check in self.avoid_checks.items()
                                     if check.isChecked()],
                           "affected": [name for name, affected
                                        in self.hazard_classes.get(hazard, []) if affected],
                           "walk_speed": self.speed_box.value(),
                           "population": self.evac_people_box.currentData()}
        by = self.access_area_box.currentData()
        return which, {"kind": self.kind_box.currentData(), "within": self.within_edit.text(),
                       "by": by, "by_field": self.access_field_box.currentData() if by else None}

    def run(self) -> None:
        """Ask the question on the current tab."""
        which, values = self.request()
        signal = (self.exposureRequested, self.evacuationRequested, self.accessRequested)[which]
        signal.emit(values)

    def set_busy(self, busy: bool) -> None:
        """Run greyed out, progress and Cancel shown, while an analysis is under way."""
        self.run_button.setEnabled(not busy and self._project is not None)
        self.tabs.setEnabled(not busy and self._project is not None)
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
        self.last_result = None
        self.table.clear()
        self.table.setRowCount(0)
        self.table.setColumnCount(0)
        for button in (self.copy_button, self.save_button, self.report_button):
            button.setVisible(False)
        self.needs_box.clear()
        for widget in (self.needs_box, self.worst_label, self.worst_table):
            widget.setVisible(False)

    def kind_words(self, kind: str) -> str:
        """The words for a kind of facility, in the interface language."""
        return self._kind_words().get(kind, kind).lower()

    # -- language --------------------------------------------------------------------------

    def retranslateUi(self) -> None:
        """Re-read every text in the interface language."""
        self.tabs.setTabText(self.EXPOSURE, self.tr("Who is exposed"))
        self.tabs.setTabText(self.EVACUATION, self.tr("Evacuation"))
        self.tabs.setTabText(self.ACCESS, self.tr("Access"))
        for label, text in zip(self.exposure_labels,
                               (self.tr("Hazard:"), self.tr("Layer to count:"),
                                self.tr("Raster file:"),
                                self.tr("Hazard classes:"), self.tr("By area:"),
                                self.tr("Area names from:")), strict=True):
            label.setText(text)
        self.raster_button.setText(self.tr("Browse…"))
        self.raster_edit.setToolTip(self.tr("A population raster: people per cell (GeoTIFF "
                                            "or ESRI ASCII grid)"))
        index = self.exposure_box.findData(RASTER_CHOICE)
        if index >= 0:
            self.exposure_box.setItemText(index, self.tr("A population raster file…"))
        schemes = (self.tr("The layer's own classes"),
                   self.tr("Generic high, medium, low"), self.tr("Flood: wet or dry (1 m)"),
                   self.tr("Flood in 4 classes (0.1, 0.7, 1.5 m)"),
                   self.tr("Tsunami (0.1, 1, 3 m)"))
        for index, text in enumerate(schemes):
            self.scheme_box.setItemText(index, text)
            key = self.scheme_box.itemData(index)
            if key is not None:
                self.scheme_box.setItemData(index, self.scheme_tip(key),
                                            Qt.ItemDataRole.ToolTipRole)
        self.scheme_box.setToolTip(self.tr("How hazard values become classes, and which "
                                           "classes count as affected"))
        for label, text in zip(self.evacuation_labels,
                               (self.tr("Hazard:"), self.tr("Keep out of:"),
                                self.tr("Walking speed:"), self.tr("People from:")),
                               strict=True):
            label.setText(text)
        words = self._class_words()
        for name, check in self.avoid_checks.items():
            check.setText(words.get(name, name))
        self.evac_people_box.setToolTip(self.tr("A layer of areas with a population field "
                                                "(a census): its people are shared among the "
                                                "buildings of each area"))
        if self.evac_people_box.count():
            self.evac_people_box.setItemText(0, self.tr("(the buildings' own, if mapped)"))
        self.speed_box.setSuffix(self.tr(" m/s"))
        self.access_labels[0].setText(self.tr("Facility:"))
        self.access_labels[1].setText(self.tr("Within (metres):"))
        self.access_labels[2].setText(self.tr("By area:"))
        self.access_labels[3].setText(self.tr("Area names from:"))
        if self.access_area_box.count():
            self.access_area_box.setItemText(0, self.tr("(none)"))
        self.within_edit.setToolTip(self.tr("Distances in metres, separated by commas"))
        self.run_button.setText(self.tr("Run"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop this analysis; nothing will be changed"))
        self.copy_button.setText(self.tr("Copy table"))
        self.copy_button.setToolTip(self.tr("Copy the table, to paste into a spreadsheet"))
        self.save_button.setText(self.tr("Save as a layer"))
        self.save_button.setToolTip(self.tr("Add each feature with its hazard class to the "
                                            "project, as a map layer"))
        self.report_button.setText(self.tr("Write report…"))
        self.report_button.setToolTip(self.tr("The question, the figures and the assumptions, "
                                              "as HTML or PDF"))
        if self.area_box.count():
            self.area_box.setItemText(0, self.tr("(none: the whole project area)"))
        words_now = self._kind_words()
        for index in range(self.kind_box.count()):
            key = self.kind_box.itemData(index)
            self.kind_box.setItemText(index, words_now.get(key, key))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)
