"""Export data: which format, which layers, what to leave out, and where to write it.

The dialog only gathers the request; the export runs in a worker thread (see
:mod:`desktop.dialogs.export_flow`). Formats are named by what people do with
them ("For QGIS and GIS teams"), with the file extension beside.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import layer_title
from desktop.project_files import readable_stem

#: Data formats offered, in the order shown: (format, extension).
DATA_FORMATS: tuple[tuple[str, str], ...] = (
    ("gpkg", ".gpkg"), ("geojson", ".geojson"), ("shp", ".shp"), ("csv", ".csv"),
    ("kml", ".kml"), ("osm", ".osm"), ("osc", ".osc"), ("gtfs", ".zip"), ("html", ".html"),
)
#: Formats that can be limited to an area.
AREA_FORMATS = ("gpkg", "geojson", "shp", "csv", "kml")
#: Formats that publish to others: only verified features unless the person asks.
PUBLISHED = ("osm", "osc", "gtfs")
#: Formats written from the participatory layers only.
PARTICIPATORY_ONLY = ("osm", "osc")
#: What a default file name ends with, per format (never the project's own name).
NAME_ENDINGS = {"html": "_webmap", "osm": "_for_osm", "osc": "_for_osm", "gtfs": "_gtfs"}
#: Layer kinds never offered (derived data).
HIDDEN_KINDS = ("street_graph",)


@dataclass
class ExportRequest:
    """What to export, as the person asked."""

    #: Format name (gpkg, geojson... html, pdf, png).
    format: str
    #: The file to write.
    path: Path
    #: Layer names, or None for what the format takes by default (GTFS, printed maps).
    layers: list[str] | None
    #: Only participatory features marked verified.
    verified_only: bool
    #: Keep who mapped and household survey answers.
    include_personal: bool
    #: Settings of web and printed maps (title, template, paper...).
    options: dict[str, Any] = field(default_factory=dict)


def with_suffix(text: str, suffix: str) -> Path:
    """The path typed, with the format's extension (replacing another export extension)."""
    path = Path(text.strip()).expanduser()
    known = {ext for _fmt, ext in DATA_FORMATS} | {".pdf", ".png"}
    if path.suffix.lower() in known:
        path = path.with_suffix("")
    return path.with_name(path.name + suffix)


def choose_save_path(edit: QLineEdit, title: str, kind: str, suffix: str) -> None:
    """Ask where to save a ``kind`` file (``*suffix``), starting from what ``edit`` holds,
    and put the answer (with its extension) in ``edit``."""
    path, _ = QFileDialog.getSaveFileName(edit.window(), title, edit.text(),
                                          f"{kind} (*{suffix})")
    if path:
        edit.setText(str(with_suffix(path, suffix)))


def file_stem(name: str, fallback: str) -> str:
    """A file name made from a project name: lower case, words joined by one ``_``."""
    return readable_stem(name, fallback)


class ExportDialog(QDialog):
    """Choose a data format, the layers and the file to write."""

    def __init__(self, layers: list, project_name: str, folder: Path | None = None,
                 format: str = "gpkg",
                 view_area: tuple[float, float, float, float] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setMinimumWidth(560)
        #: Project layers offered (LayerInfo: name, kind, title, count).
        self.layer_infos = [info for info in layers if info.kind not in HIDDEN_KINDS]
        self._stem = file_stem(project_name, "export")
        self._folder = folder or Path.home()
        self._checked_by_person: dict[str, bool] = {}

        self.format_box = QComboBox(self)
        self.format_box.setObjectName("formatBox")
        for name, suffix in DATA_FORMATS:
            self.format_box.addItem("", (name, suffix))
        self.format_help = QLabel(self)
        self.format_help.setWordWrap(True)
        self.format_help.setObjectName("formatHelp")

        self.layer_list = QListWidget(self)
        self.layer_list.setObjectName("layerList")
        for info in self.layer_infos:
            item = QListWidgetItem(self.layer_list)
            item.setData(Qt.ItemDataRole.UserRole, info.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        self.layer_note = QLabel(self)
        self.layer_note.setWordWrap(True)
        self.all_button = QPushButton(self)
        self.none_button = QPushButton(self)
        self.all_button.clicked.connect(lambda: self._check_all(True))
        self.none_button.clicked.connect(lambda: self._check_all(False))

        self.verified_check = QCheckBox(self)
        self.verified_check.setObjectName("verifiedCheck")
        self.personal_check = QCheckBox(self)
        self.personal_check.setObjectName("noPersonalCheck")
        #: What the map window shows (west, south, east, north degrees), if anything.
        self.view_area = view_area
        self.area_check = QCheckBox(self)
        self.area_check.setObjectName("viewAreaCheck")
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("webTitle")
        self.title_edit.setPlaceholderText(project_name)

        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("exportPath")
        self.browse_button = QPushButton(self)
        self.browse_button.clicked.connect(self._browse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self.layers_group = QGroupBox(self)
        layers_layout = QVBoxLayout(self.layers_group)
        layers_layout.addWidget(self.layer_list)
        row = QHBoxLayout()
        row.addWidget(self.all_button)
        row.addWidget(self.none_button)
        row.addStretch(1)
        layers_layout.addLayout(row)
        layers_layout.addWidget(self.layer_note)
        self.options_group = QGroupBox(self)
        options = QVBoxLayout(self.options_group)
        options.addWidget(self.verified_check)
        options.addWidget(self.personal_check)
        options.addWidget(self.area_check)
        self.title_row = QWidget(self)
        title_form = QFormLayout(self.title_row)
        title_form.setContentsMargins(0, 0, 0, 0)
        self.title_label = QLabel(self)
        title_form.addRow(self.title_label, self.title_edit)
        options.addWidget(self.title_row)
        form = QFormLayout()
        self.format_label = QLabel(self)
        self.path_label = QLabel(self)
        form.addRow(self.format_label, self.format_box)
        form.addRow("", self.format_help)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.layers_group, 1)
        layout.addWidget(self.options_group)
        file_form = QFormLayout()
        file_form.addRow(self.path_label, path_row)
        layout.addLayout(file_form)
        layout.addWidget(self.buttons)

        self.layer_list.itemChanged.connect(self._on_item_changed)
        self.path_edit.textChanged.connect(self._update_ok)
        self.format_box.currentIndexChanged.connect(self._on_format)
        self.retranslateUi()
        index = next((i for i, (name, _s) in enumerate(DATA_FORMATS) if name == format), 0)
        self.format_box.setCurrentIndex(index)
        self._on_format()

    # -- texts -----------------------------------------------------------------------------

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Export data"))
        names = {
            "gpkg": self.tr("GeoPackage (.gpkg): for QGIS and GIS teams"),
            "geojson": self.tr("GeoJSON (.geojson): for web tools, one file per layer"),
            "shp": self.tr("Shapefile (.shp): for older GIS software"),
            "csv": self.tr("CSV (.csv): for spreadsheets"),
            "kml": self.tr("KML (.kml): for Google Earth"),
            "osm": self.tr("OpenStreetMap (.osm): to open in JOSM and upload"),
            "osc": self.tr("OpenStreetMap changes (.osc): osmChange for JOSM"),
            "gtfs": self.tr("Transport feed GTFS (.zip): routes and stops for journey planners"),
            "html": self.tr("Offline web map (.html): one file that opens in any browser"),
        }
        for index, (name, _suffix) in enumerate(DATA_FORMATS):
            self.format_box.setItemText(index, names[name])
        self.format_label.setText(self.tr("Format"))
        self.layers_group.setTitle(self.tr("Layers"))
        self.all_button.setText(self.tr("All"))
        self.none_button.setText(self.tr("None"))
        self.options_group.setTitle(self.tr("Options"))
        self.verified_check.setText(self.tr("Only features marked verified"))
        self.personal_check.setText(self.tr("Leave out personal data (who mapped, household "
                                            "survey answers), for sharing publicly"))
        self.area_check.setText(self.tr("Only what the map window shows"))
        self.title_label.setText(self.tr("Title of the map"))
        self.path_label.setText(self.tr("Save to"))
        self.browse_button.setText(self.tr("Choose…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        self._update_texts()

    def _update_texts(self) -> None:
        kind = self.format()
        helps = {
            "gpkg": self.tr("One file with one table per layer; tags become columns."),
            "geojson": self.tr("Longitude and latitude, as web maps and phones read them; "
                               "one file per layer is written beside the one chosen."),
            "shp": self.tr("One shapefile per layer and geometry type; long field names "
                           "are shortened and listed in a side file."),
            "csv": self.tr("One row per feature: longitude and latitude for points, the "
                           "shape as text (WKT) for lines and areas."),
            "kml": self.tr("One folder per layer, with the tags in each placemark."),
            "osm": self.tr("New features get negative ids; changed OpenStreetMap features "
                           "keep their id and version. Check them in JOSM before "
                           "uploading."),
            "osc": self.tr("The same changes as an osmChange file."),
            "gtfs": self.tr("Made from the transport lines and stops, with their fares "
                            "and frequencies."),
            "html": self.tr("Works with no internet: the map, its layers, legend and "
                            "popups are all inside the file."),
        }
        self.format_help.setText(helps.get(kind, ""))
        one = self.tr("1 feature")
        if kind == "gtfs":
            self.layer_note.setText(self.tr("A GTFS feed is always made from the transport "
                                            "lines and their stops."))
        elif kind in PARTICIPATORY_ONLY:
            self.layer_note.setText(self.tr("Only what was mapped in Quartier goes to "
                                            "OpenStreetMap."))
        else:
            self.layer_note.setText("")
        self.layer_list.blockSignals(True)  # a new text is not a new choice
        for row, info in enumerate(self.layer_infos):
            count = one if info.count == 1 else self.tr("%n features", "", info.count)
            self.layer_list.item(row).setText(f"{layer_title(info.title)}  ({count})")
        self.layer_list.blockSignals(False)

    # -- state -----------------------------------------------------------------------------

    def format(self) -> str:
        """The chosen format's name."""
        return self.format_box.currentData()[0]

    def suffix(self) -> str:
        """The chosen format's file extension."""
        return self.format_box.currentData()[1]

    def _offered(self, info) -> bool:
        kind = self.format()
        if kind == "gtfs":
            return False
        if kind in PARTICIPATORY_ONLY:
            return info.kind == "participatory"
        return True

    def _on_format(self) -> None:
        kind = self.format()
        self.layer_list.blockSignals(True)
        for row, info in enumerate(self.layer_infos):
            item = self.layer_list.item(row)
            offered = self._offered(info)
            flags = item.flags()
            if offered:
                item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled)
            else:
                item.setFlags(flags & ~Qt.ItemFlag.ItemIsEnabled)
            default = offered and info.count != 0
            chosen = self._checked_by_person.get(info.name, default) if offered else False
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
        self.layer_list.blockSignals(False)
        self.verified_check.setChecked(kind in PUBLISHED)
        self.title_row.setVisible(kind == "html")
        self.area_check.setEnabled(kind in AREA_FORMATS and self.view_area is not None)
        if not self.area_check.isEnabled():
            self.area_check.setChecked(False)
        text = self.path_edit.text().strip()
        self.path_edit.setText(str(with_suffix(text, self.suffix()) if text
                                   else self._folder / (self._stem + NAME_ENDINGS.get(
                                       kind, "_export") + self.suffix())))
        self._update_texts()
        self._update_ok()

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        name = item.data(Qt.ItemDataRole.UserRole)
        self._checked_by_person[name] = item.checkState() == Qt.CheckState.Checked
        self._update_ok()

    def _check_all(self, checked: bool) -> None:
        for row, info in enumerate(self.layer_infos):
            item = self.layer_list.item(row)
            if self._offered(info):
                item.setCheckState(Qt.CheckState.Checked if checked and info.count != 0
                                   else Qt.CheckState.Unchecked)

    def set_layers(self, names: list[str]) -> None:
        """Tick exactly these layers (those the format offers)."""
        wanted = set(names)
        for row, info in enumerate(self.layer_infos):
            item = self.layer_list.item(row)
            if self._offered(info):
                item.setCheckState(Qt.CheckState.Checked if info.name in wanted
                                   else Qt.CheckState.Unchecked)

    def checked_layers(self) -> list[str]:
        """Names of the layers ticked (in the project's order)."""
        return [info.name for row, info in enumerate(self.layer_infos)
                if self._offered(info)
                and self.layer_list.item(row).checkState() == Qt.CheckState.Checked]

    def _update_ok(self) -> None:
        ready = bool(self.path_edit.text().strip()) and (
            self.format() == "gtfs" or bool(self.checked_layers()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def _browse(self) -> None:
        choose_save_path(self.path_edit, self.tr("Export to"), self.format_box.currentText(),
                         self.suffix())

    def request(self) -> ExportRequest:
        """The export asked for."""
        kind = self.format()
        options: dict[str, Any] = {"title": self.title_edit.text().strip()} \
            if kind == "html" and self.title_edit.text().strip() else {}
        if self.area_check.isChecked() and self.area_check.isEnabled():
            options["area"] = self.view_area
        return ExportRequest(
            format=kind, path=with_suffix(self.path_edit.text(), self.suffix()),
            layers=None if kind == "gtfs" else self.checked_layers(),
            verified_only=self.verified_check.isChecked(),
            include_personal=not self.personal_check.isChecked(), options=options)
