"""File → Import field data…: a phone survey, a GPX or a report sheet, previewed, then imported.

The dialog reads the file with :func:`layers.field_data.read_field_data` and shows what
:func:`mapping.field_import.preview_field_data` says an import would do, as ``quartier
import`` would do it: the first rows with the position found, the preset and the tags,
the rows that would be refused and why, each column of the file with the tag key it
fills (editable), and for a GPX track the stops proposed where the vehicle stood still,
each with a check box: only the confirmed ones are saved. Import saves everything in one
edit, in the window's mapping session when one is open. Errors are one plain sentence in
the dialog, and nothing is imported.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import layer_title
from layers.errors import QuartierError
from layers.participatory import ParticipatoryLayer

#: The layers field data fills, with their titles as the project names them.
LAYERS = ((ParticipatoryLayer.FACILITIES, "Facilities"),
          (ParticipatoryLayer.TRANSPORT_LINES, "Transport lines"),
          (ParticipatoryLayer.RISK_ZONES, "Risk zones"))
#: Rows shown in the preview (the refused ones are all listed below it).
PREVIEW_ROWS = 20


class FieldImportDialog(QDialog):
    """Choose the file, the layer, a preset and a form; check the preview; import."""

    #: The import was saved (its :class:`mapping.field_import.ImportReport`).
    imported = Signal(object)

    def __init__(self, project_location, catalogue, language: str, session=None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldImportDialog")
        self.project_location = project_location
        self.catalogue = catalogue
        self.language = language
        #: The window's edit session (None when no mapping session is open).
        self.session = session
        #: The file as read (FieldData), and what importing it would do (FieldPreview).
        self.data = None
        self.preview = None
        #: Columns whose key the person changed: column → key ("" to leave it out).
        self.mapping_changes: dict[str, str] = {}
        #: The last import's report.
        self.report = None

        self.file_edit = QLineEdit(self)
        self.file_button = QPushButton(self)
        self.layer_box = QComboBox(self)
        for layer, _title in LAYERS:
            self.layer_box.addItem("", str(layer))
        self.preset_box = QComboBox(self)
        self.form_edit = QLineEdit(self)
        self.form_button = QPushButton(self)
        self.contributor_edit = QLineEdit(self)
        if session is not None:
            self.contributor_edit.setText(session.contributor)
            self.contributor_edit.setEnabled(False)
        self.form = QFormLayout()
        self.form_labels = [QLabel(self) for _ in range(5)]
        fields = (_row(self.file_edit, self.file_button), self.layer_box, self.preset_box,
                  _row(self.form_edit, self.form_button), self.contributor_edit)
        for label, field in zip(self.form_labels, fields, strict=True):
            self.form.addRow(label, field)

        self.rows_group = QGroupBox(self)
        self.rows_table = QTableWidget(0, 4, self)
        self.rows_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows_table.verticalHeader().hide()
        self.rows_table.horizontalHeader().setSectionResizeMode(
            3, QHeaderView.ResizeMode.Stretch)
        rows_layout = QVBoxLayout(self.rows_group)
        rows_layout.addWidget(self.rows_table)
        self.refused_label = QLabel(self)
        self.refused_label.setWordWrap(True)
        self.refused_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        rows_layout.addWidget(self.refused_label)

        self.mapping_group = QGroupBox(self)
        self.mapping_table = QTableWidget(0, 2, self)
        self.mapping_table.verticalHeader().hide()
        self.mapping_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch)
        QVBoxLayout(self.mapping_group).addWidget(self.mapping_table)

        self.stops_group = QGroupBox(self)
        self.stops_list = QListWidget(self)
        QVBoxLayout(self.stops_group).addWidget(self.stops_list)
        self.stops_group.hide()

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setObjectName("fieldImportMessage")
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            "", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.import_button.setEnabled(False)

        tables = QHBoxLayout()
        tables.addWidget(self.rows_group, 3)
        side = QVBoxLayout()
        side.addWidget(self.mapping_group, 2)
        side.addWidget(self.stops_group, 1)
        tables.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(tables, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.file_button.clicked.connect(self.choose_file)
        self.form_button.clicked.connect(self.choose_form)
        self.file_edit.editingFinished.connect(self.read_file)
        self.form_edit.editingFinished.connect(self.read_file)
        self.layer_box.currentIndexChanged.connect(self._layer_changed)
        self.preset_box.currentIndexChanged.connect(lambda _index: self.refresh())
        self.mapping_table.itemChanged.connect(self._mapping_edited)
        self.import_button.clicked.connect(self.run_import)
        self.close_button.clicked.connect(self.reject)
        self.retranslateUi()
        self._fill_presets()
        self.resize(1100, 640)

    # -- texts ------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def retranslateUi(self) -> None:
        """Texts in the interface language."""
        self.setWindowTitle(self.tr("Import field data"))
        labels = (self.tr("File:"), self.tr("Into layer:"), self.tr("Preset:"),
                  self.tr("XLSForm (optional):"), self.tr("Contributor:"))
        for label, text in zip(self.form_labels, labels, strict=True):
            label.setText(text)
        self.file_edit.setPlaceholderText(self.tr("ODK or Kobo export, GPX, GeoJSON, "
                                                  "GeoPackage, Shapefile or report sheet"))
        self.file_button.setText(self.tr("Choose…"))
        self.form_button.setText(self.tr("Choose…"))
        self.contributor_edit.setPlaceholderText(self.tr("who imports, when the file does "
                                                         "not say who collected the rows"))
        for index, (_layer, title) in enumerate(LAYERS):
            self.layer_box.setItemText(index, layer_title(title))
        if self.preset_box.count():
            self.preset_box.setItemText(0, self.tr("(from a category or type column)"))
        self.rows_group.setTitle(self.tr("What the file holds (first rows)"))
        self.rows_table.setHorizontalHeaderLabels(
            [self.tr("Row"), self.tr("Position"), self.tr("Preset"),
             self.tr("Tags, or why it is refused")])
        self.mapping_group.setTitle(self.tr("Columns and the tags they fill"))
        self.mapping_table.setHorizontalHeaderLabels([self.tr("Column"), self.tr("Tag key")])
        self.stops_group.setTitle(self.tr("Stops proposed where the vehicle stood still"))
        self.import_button.setText(self.tr("Import"))

    # -- choosing ---------------------------------------------------------------------------

    def layer(self) -> ParticipatoryLayer:
        """The layer chosen."""
        return ParticipatoryLayer(self.layer_box.currentData())

    def set_file(self, path: str | Path, layer: ParticipatoryLayer | str | None = None,
                 form: str | Path | None = None) -> None:
        """Read ``path`` (for ``layer``, with ``form``) and preview it."""
        if layer is not None:
            self.layer_box.blockSignals(True)
            self.layer_box.setCurrentIndex(self.layer_box.findData(str(layer)))
            self.layer_box.blockSignals(False)
            self._fill_presets()
        if form is not None:
            self.form_edit.setText(str(form))
        self.file_edit.setText(str(path))
        self.read_file()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Field data to import"), self.file_edit.text(),
            self.tr("Field data (*.csv *.txt *.geojson *.json *.gpx *.gpkg *.shp *.zip);;"
                    "All files (*)"))
        if path:
            self.set_file(path)

    def choose_form(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("XLSForm"), self.form_edit.text(),
                                              self.tr("XLSForm (*.xlsx)"))
        if path:
            self.form_edit.setText(path)
            self.read_file()

    def _layer_changed(self, _index: int) -> None:
        self._fill_presets()
        self.read_file()

    def _fill_presets(self) -> None:
        box = self.preset_box
        box.blockSignals(True)
        box.clear()
        box.addItem(self.tr("(from a category or type column)"), None)
        for preset in sorted(self.catalogue.for_layer(self.layer()),
                             key=lambda p: p.name(self.language).lower()):
            box.addItem(preset.name(self.language), preset.id)
        box.blockSignals(False)

    # -- reading and previewing -------------------------------------------------------------

    def read_file(self) -> None:
        """Read the chosen file again (another file, layer or form) and preview it."""
        from layers.field_data import read_field_data

        self.data = self.preview = None
        self.mapping_changes = {}
        text = self.file_edit.text().strip()
        if not text:
            self._show(None)
            return
        form = self.form_edit.text().strip() or None
        try:
            self.data = read_field_data(text, self.layer(), form)
        except QuartierError as error:
            self._show(error)
            return
        self.refresh()

    def refresh(self) -> None:
        """Preview the file as read, with the preset and the mapping chosen."""
        from mapping.field_import import preview_field_data

        if self.data is None:
            return
        try:
            self.preview = preview_field_data(
                self.project_location, self._data(), self.layer(),
                preset_id=self.preset_box.currentData(), mapping=self._mapping(),
                presets=self.catalogue, language=self.language)
        except QuartierError as error:
            self.preview = None
            self._show(error)
            return
        self._keep_places()
        self._show(None)

    def _keep_places(self) -> None:
        """Keep the places the preview found for named places (a report "at Olympic
        Stage"), so the next preview and the import do not search for them again."""
        found = {r.where: r for r in self.preview.data.records}
        records = tuple(
            replace(r, geometry=found[r.where].geometry, problem=found[r.where].problem)
            if r.place and r.geometry is None and r.problem is None and r.where in found
            else r for r in self.data.records)
        self.data = replace(self.data, records=records, notes=self.preview.data.notes)

    def _mapping(self) -> dict[str, str]:
        return {column: key for column, key in self.mapping_changes.items() if key}

    def _data(self, confirmed_stops: bool = False):
        """The file as read, without the columns the person left out (and, to import,
        with only the confirmed stops)."""
        left_out = {column for column, key in self.mapping_changes.items() if not key}
        records = []
        for record in self.data.records:
            if left_out:
                record = replace(record, values={k: v for k, v in record.values.items()
                                                 if k not in left_out})
            records.append(record)
        if confirmed_stops:
            chosen = self.confirmed_stops()
            records = [replace(r, stops=tuple(s for n, s in enumerate(r.stops)
                                              if (r.where, n) in chosen)) for r in records]
        return replace(self.data, records=tuple(records))

    def confirmed_stops(self) -> set[tuple[str, int]]:
        """The proposed stops checked: (track, its stop's index)."""
        chosen = set()
        for row in range(self.stops_list.count()):
            item = self.stops_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                chosen.add(tuple(item.data(Qt.ItemDataRole.UserRole)))
        return chosen

    def _show(self, error: QuartierError | None) -> None:
        preview = self.preview
        self.import_button.setEnabled(preview is not None and any(
            r.problem is None for r in preview.rows))
        self._fill_rows()
        self._fill_mapping()
        self._fill_stops()
        if error is not None:
            self.message.setText(str(error))
        elif preview is None:
            self.message.setText("")
        else:
            taken = sum(1 for r in preview.rows if r.problem is None)
            text = self.tr("{taken} of {total} rows would be imported as drafts.").format(
                taken=taken, total=len(preview.rows))
            notes = " ".join(preview.data.notes)
            self.message.setText(f"{text} {notes}".strip())

    def _fill_rows(self) -> None:
        table = self.rows_table
        rows = self.preview.rows if self.preview is not None else ()
        shown = rows[:PREVIEW_ROWS]
        table.setRowCount(len(shown))
        for index, row in enumerate(shown):
            preset = self.catalogue.get(row.preset) if row.preset else None
            tags = "; ".join(f"{k}={v}" for k, v in row.tags.items())
            cells = (row.where, self._position(row.geometry),
                     preset.name(self.language) if preset is not None else "",
                     tags if row.problem is None else self.tr("Refused: {reason}").format(
                         reason=row.problem))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(index, column, item)
        for column in range(3):
            table.resizeColumnToContents(column)
        refused = [r for r in rows if r.problem is not None]
        self.refused_label.setText("\n".join(
            self.tr("Refused {where}: {reason}").format(where=r.where, reason=r.problem)
            for r in refused))

    def _position(self, geometry) -> str:
        if geometry is None:
            return self.tr("none found")
        if geometry.geom_type == "Point":
            return f"{geometry.y:.6f}, {geometry.x:.6f}"
        coords = (geometry.exterior.coords if geometry.geom_type == "Polygon"
                  else geometry.coords if geometry.geom_type == "LineString" else ())
        if not coords:
            return geometry.geom_type
        lon, lat = coords[0][:2]
        return self.tr("{count} points from {lat:.6f}, {lon:.6f}").format(
            count=len(coords), lat=lat, lon=lon)

    def _fill_mapping(self) -> None:
        table = self.mapping_table
        table.blockSignals(True)
        columns = self.preview.mapping if self.preview is not None else {}
        table.setRowCount(len(columns))
        for index, (column, key) in enumerate(columns.items()):
            name = QTableWidgetItem(column)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(index, 0, name)
            table.setItem(index, 1, QTableWidgetItem(self.mapping_changes.get(column, key)))
        table.resizeColumnToContents(0)
        table.blockSignals(False)

    def _mapping_edited(self, item: QTableWidgetItem) -> None:
        if item.column() != 1:
            return
        column = self.mapping_table.item(item.row(), 0).text()
        self.mapping_changes[column] = item.text().strip()
        self.refresh()

    def set_mapping(self, column: str, key: str) -> None:
        """Map ``column`` to the tag ``key`` ("" leaves the column out), as typed in the table."""
        for row in range(self.mapping_table.rowCount()):
            if self.mapping_table.item(row, 0).text() == column:
                self.mapping_table.item(row, 1).setText(key)
                return
        raise KeyError(column)

    def _fill_stops(self) -> None:
        keep = self.confirmed_stops() if self.stops_list.count() else None
        self.stops_list.clear()
        records = self.data.records if self.data is not None else ()
        number = 0
        for record in records:
            for index, stop in enumerate(record.stops):
                number += 1
                item = QListWidgetItem(self.tr(
                    "Stop {number} ({where}): {lat:.6f}, {lon:.6f}, the vehicle stood there "
                    "{seconds:.0f} s").format(number=number, where=record.where,
                                              lat=stop.point.y, lon=stop.point.x,
                                              seconds=stop.seconds))
                item.setData(Qt.ItemDataRole.UserRole, [record.where, index])
                checked = keep is None or (record.where, index) in keep
                item.setCheckState(Qt.CheckState.Checked if checked
                                   else Qt.CheckState.Unchecked)
                self.stops_list.addItem(item)
        self.stops_group.setVisible(number > 0)

    # -- importing --------------------------------------------------------------------------

    def run_import(self) -> bool:
        """Import the rows previewed (with the confirmed stops) in one edit."""
        from mapping.field_import import import_read_data

        if self.preview is None:
            return False
        data = self._data(confirmed_stops=True)
        contributor = self.contributor_edit.text().strip()
        if self.session is None and not contributor and not all(
                r.collected_by for r in data.records if r.problem is None):
            self.message.setText(self.tr("Say who is importing: type a name under "
                                         "Contributor, or start a mapping session first."))
            return False
        try:
            self.report = import_read_data(
                self.project_location, data, self.layer(), contributor=contributor,
                preset_id=self.preset_box.currentData(), mapping=self._mapping(),
                add_stops=self.layer() is ParticipatoryLayer.TRANSPORT_LINES,
                presets=self.catalogue, language=self.language, session=self.session)
        except QuartierError as error:
            self.message.setText(str(error))
            return False
        self.imported.emit(self.report)
        self.accept()
        return True


def _row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget, 1 if isinstance(widget, QLineEdit) else 0)
    return row
