"""Add a hazard layer (flood depth, flooded areas...) or a reference layer to the project.

The dialog only gathers what the import needs: the file, a title, and for a hazard
its type and class limits. The import itself runs in a worker thread (see
:mod:`desktop.dialogs.import_flow`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.dialogs.thresholds_dialog import ThresholdsEditor
from layers.hazard_classes import HazardType, Thresholds
from mapping.analysis.schemes import SCHEMES

RASTER_SUFFIXES = (".tif", ".tiff", ".asc", ".img", ".vrt")


@dataclass
class ImportRequest:
    """What to import, as the person asked."""

    #: The file to read.
    path: Path
    #: Table name in the project (letters, digits and underscores).
    name: str
    #: Title shown in the layers panel and the legend.
    title: str
    #: Hazard type (None for a reference layer).
    hazard_type: HazardType | None = None
    #: Class limits for a continuous hazard (None for a reference layer).
    thresholds: Thresholds | None = None
    #: Vector hazard: the attribute holding depths or class words (None: one class).
    attribute: str | None = None
    #: A ready-made class scheme ("flood4") instead of ``thresholds``.
    scheme: str | None = None


def vector_fields(path: Path) -> dict[str, bool]:
    """Attribute names of a vector file -> whether they hold numbers ({} for a raster)."""
    if path.suffix.lower() in RASTER_SUFFIXES or not path.exists():
        return {}
    try:
        import pyogrio

        info = pyogrio.read_info(path)
    except Exception:
        return {}
    return {str(name): str(dtype).startswith(("int", "float", "uint"))
            for name, dtype in zip(info["fields"], info["dtypes"], strict=False)}


def table_name(text: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A GeoPackage table name from a file name or title, not one already ``taken``."""
    base = re.sub(r"[^a-z0-9_]+", "_", text.lower()).strip("_") or "layer"
    if base[0].isdigit():
        base = f"layer_{base}"
    base = base[:40]
    name, number = base, 2
    while name in taken:
        name, number = f"{base}_{number}", number + 1
    return name


class HazardImportDialog(QDialog):
    """Choose a hazard (or reference) layer file and how to read it."""

    def __init__(self, taken_names: set[str], reference: bool = False,
                 folder: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("referenceImportDialog" if reference else "hazardImportDialog")
        self.reference = reference
        self.taken = set(taken_names)
        self.folder = folder or Path.home()
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.file = QLineEdit(self)
        self.file.setObjectName("fileEdit")
        self.browse = QPushButton(self)
        self.title = QLineEdit(self)
        self.title.setObjectName("titleEdit")
        self.hazard_type = QComboBox(self)
        self.hazard_type.setObjectName("hazardTypeCombo")
        for hazard in HazardType:
            self.hazard_type.addItem(hazard.value, hazard)
        self.attribute = QComboBox(self)
        self.attribute.setObjectName("attributeCombo")
        self._fields: dict[str, bool] = {}
        self.classes = QGroupBox(self)
        self.scheme = QComboBox(self.classes)
        self.scheme.setObjectName("importSchemeCombo")
        self.scheme.addItem("", None)
        for name in SCHEMES:
            self.scheme.addItem(name, name)
        self.thresholds = ThresholdsEditor(Thresholds(), self.classes)
        classes_layout = QVBoxLayout(self.classes)
        classes_layout.addWidget(self.scheme)
        classes_layout.addWidget(self.thresholds)
        self.labels = [QLabel(self) for _ in range(4)]
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.labels[0], file_row)
        form.addRow(self.labels[1], self.title)
        form.addRow(self.labels[2], self.hazard_type)
        form.addRow(self.labels[3], self.attribute)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.classes)
        layout.addWidget(self.buttons)
        if reference:
            for widget in (self.labels[2], self.hazard_type, self.classes):
                widget.setVisible(False)
        for widget in (self.labels[3], self.attribute):
            widget.setVisible(False)
        self.setMinimumWidth(560)
        self.browse.clicked.connect(self._choose_file)
        self.file.textChanged.connect(self._on_file_changed)
        self.title.textChanged.connect(self._check)
        self.attribute.currentIndexChanged.connect(self._show_classes)
        self.scheme.currentIndexChanged.connect(self._show_classes)
        self.hazard_type.currentIndexChanged.connect(self._on_hazard_changed)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.retranslateUi()
        self._check()

    def retranslateUi(self) -> None:
        """Re-read the texts in the interface language."""
        if self.reference:
            self.setWindowTitle(self.tr("Add a reference layer"))
            self.intro.setText(self.tr("A layer to map on top of: boundaries, a survey, "
                                       "schools... (GeoPackage, Shapefile, GeoJSON)."))
        else:
            self.setWindowTitle(self.tr("Add a hazard layer"))
            self.intro.setText(self.tr("A hazard map: flood depth raster (GeoTIFF), flooded "
                                       "areas or risk zones (GeoPackage, Shapefile, GeoJSON)."))
        texts = (self.tr("File"), self.tr("Title"), self.tr("Hazard"),
                 self.tr("Hazard attribute"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.browse.setText(self.tr("Choose…"))
        self.classes.setTitle(self.tr("Classes (for depths and other measured values)"))
        # The ready-made schemes are named as in the Hazard classes dialog (one translation).
        titles = {None: self.tr("Three classes, low, medium and high, with these limits:"),
                  "generic": "Low, medium, high",
                  "flood_wet_dry": "Flood: wet or dry (wet above 1 m)",
                  "flood4": "Flood in four classes (use caution, low, medium, high)",
                  "tsunami": "Tsunami (dry, low, medium, high)"}
        for row in range(self.scheme.count()):
            name = self.scheme.itemData(row)
            text = titles.get(name, name)
            self.scheme.setItemText(row, text if name is None else
                                    QCoreApplication.translate("ClassesEditor", text))
        names = {
            HazardType.FLOOD: self.tr("Flood"), HazardType.TSUNAMI: self.tr("Tsunami"),
            HazardType.LANDSLIDE: self.tr("Landslide"), HazardType.FIRE: self.tr("Fire"),
            HazardType.EROSION: self.tr("Erosion"),
            HazardType.STORM_SURGE: self.tr("Storm surge"),
            HazardType.EARTHQUAKE: self.tr("Earthquake"),
            HazardType.VOLCANIC_ASH: self.tr("Volcanic ash"), HazardType.OTHER: self.tr("Other"),
        }
        for row in range(self.hazard_type.count()):
            hazard = self.hazard_type.itemData(row)
            self.hazard_type.setItemText(row, names.get(hazard, str(hazard)))
        if self.attribute.count():
            self.attribute.setItemText(0, self.tr("(none: every area in one class)"))
        self.attribute.setToolTip(self.tr("The attribute that holds a depth or a class word "
                                          "(low, medium, high)"))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def set_file(self, path: Path) -> None:
        """Fill in the file (and a title from its name)."""
        self.file.setText(str(path))

    def _choose_file(self) -> None:
        filters = self.tr("Map layers (*.tif *.tiff *.asc *.gpkg *.shp *.geojson *.json)")
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a file"),
                                              str(self.folder), filters)
        if path:
            self.set_file(Path(path))

    def _on_file_changed(self, text: str) -> None:
        if text.strip() and not self.title.isModified():
            stem = Path(text.strip()).stem
            self.title.setText(stem.replace("_", " ").capitalize())
        self._fields = vector_fields(Path(text.strip())) if text.strip() else {}
        self.attribute.blockSignals(True)
        self.attribute.clear()
        self.attribute.addItem(self.tr("(none: every area in one class)"), None)
        for name in self._fields:
            self.attribute.addItem(name, name)
        self.attribute.blockSignals(False)
        vector = not self.reference and bool(self._fields)
        for widget in (self.labels[3], self.attribute):
            widget.setVisible(vector)
        self._show_classes()
        self._check()

    def _on_hazard_changed(self, *args) -> None:
        from layers.hazards import UNITS

        self.thresholds.unit.setText(UNITS.get(self.hazard_type.currentData(), ""))

    def _uses_thresholds(self) -> bool:
        """Raster values, or a numeric attribute, are classed by limits."""
        if self.reference:
            return False
        path = Path(self.file.text().strip())
        if path.suffix.lower() in RASTER_SUFFIXES or not self._fields:
            return True
        chosen = self.attribute.currentData()
        return bool(chosen) and self._fields.get(chosen, False)

    def _show_classes(self, *args) -> None:
        if not self.reference:
            self.classes.setVisible(self._uses_thresholds())
            self.thresholds.setVisible(self.scheme.currentData() is None)

    def _check(self, *args) -> None:
        path = Path(self.file.text().strip()) if self.file.text().strip() else None
        ok = path is not None and path.exists() and bool(self.title.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def _accept(self) -> None:
        if (not self._uses_thresholds() or self.scheme.currentData() is not None
                or self.thresholds.is_valid()):
            self.accept()

    def request(self) -> ImportRequest:
        """What to import."""
        path = Path(self.file.text().strip())
        title = self.title.text().strip() or path.stem
        scheme = self.scheme.currentData() if self._uses_thresholds() else None
        return ImportRequest(
            path=path,
            name=table_name(path.stem, self.taken),
            title=title,
            hazard_type=None if self.reference else HazardType(self.hazard_type.currentData()),
            thresholds=self.thresholds.thresholds() if self._uses_thresholds()
            and scheme is None else None,
            attribute=None if self.reference else self.attribute.currentData(),
            scheme=scheme,
        )
