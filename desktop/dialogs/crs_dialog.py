"""Ask which coordinate system a file is in, when the file does not say.

Quartier never guesses silently: a layer in the wrong CRS lands in the wrong
country. The dialog offers the usual answers (WGS 84 longitude/latitude, the
project's UTM zone) or any EPSG code, and says which one the coordinates look like.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

WGS84 = "EPSG:4326"


def file_bounds(path: Path) -> tuple[float, float, float, float] | None:
    """Bounds of a vector or raster file in its own coordinates, or None if unreadable."""
    try:
        import pyogrio

        info = pyogrio.read_info(path, force_total_bounds=True)
        bounds = info.get("total_bounds")
        if bounds is not None:
            return tuple(float(v) for v in bounds)  # type: ignore[return-value]
    except Exception:
        pass
    try:
        import rasterio

        with rasterio.open(path) as dataset:
            left, bottom, right, top = dataset.bounds
            return float(left), float(bottom), float(right), float(top)
    except Exception:
        return None


def looks_like_degrees(bounds: tuple[float, float, float, float] | None) -> bool:
    """True when every coordinate fits longitude/latitude ranges."""
    if bounds is None:
        return False
    west, south, east, north = bounds
    return -180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90 and -90 <= north <= 90


def valid_crs(text: str) -> str | None:
    """``EPSG:nnnn`` for an EPSG code or CRS name pyproj knows, else None."""
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        text = f"EPSG:{text}"
    try:
        crs = CRS.from_user_input(text)
    except CRSError:
        return None
    code = crs.to_epsg()
    return f"EPSG:{code}" if code else crs.to_string()


class CrsDialog(QDialog):
    """Which coordinate system is this file in?"""

    def __init__(self, file_name: str, project_crs: str, bounds=None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crsDialog")
        self.project_crs = project_crs
        self.file_name = file_name
        self.bounds = bounds
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        self.wgs84 = QRadioButton(self)
        self.wgs84.setObjectName("wgs84Choice")
        self.utm = QRadioButton(self)
        self.utm.setObjectName("utmChoice")
        self.other = QRadioButton(self)
        self.other.setObjectName("otherChoice")
        self.code = QLineEdit(self)
        self.code.setObjectName("epsgCode")
        self.code.setPlaceholderText("EPSG:32737")
        self.code.setEnabled(False)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")
        self.group = QButtonGroup(self)
        for button in (self.wgs84, self.utm, self.other):
            self.group.addButton(button)
        self.utm.setVisible(bool(project_crs) and project_crs != WGS84)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)

        other_row = QHBoxLayout()
        other_row.addWidget(self.other)
        other_row.addWidget(self.code, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.wgs84)
        layout.addWidget(self.utm)
        layout.addLayout(other_row)
        layout.addWidget(self.error)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)

        self.other.toggled.connect(self.code.setEnabled)
        self.group.buttonToggled.connect(self._check)
        self.code.textChanged.connect(self._check)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.retranslateUi()
        self._check()

    def retranslateUi(self) -> None:
        """Re-read the texts in the interface language."""
        self.setWindowTitle(self.tr("Which coordinate system?"))
        self.question.setText(self.tr(
            "“{file}” does not say which coordinate system its coordinates are in. "
            "Which one is it? (Ask whoever made the file if you are not sure.)"
        ).format(file=self.file_name))
        self.wgs84.setText(self.tr("Longitude and latitude in degrees, as GPS and "
                                   "OpenStreetMap use (EPSG:4326)"))
        self.utm.setText(self.tr("The project's UTM zone ({crs}), in metres")
                         .format(crs=self.project_crs))
        self.other.setText(self.tr("Another EPSG code:"))
        if looks_like_degrees(self.bounds):
            self.hint.setText(self.tr("The coordinates look like degrees, so longitude "
                                      "and latitude is likely."))
        elif self.bounds is not None:
            self.hint.setText(self.tr("The coordinates look like metres: a UTM zone or "
                                      "another projected system."))
        else:
            self.hint.setText("")

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def crs(self) -> str | None:
        """The chosen CRS as "EPSG:nnnn", or None when nothing valid is chosen."""
        if self.wgs84.isChecked():
            return WGS84
        if self.utm.isChecked():
            return self.project_crs
        if self.other.isChecked():
            return valid_crs(self.code.text())
        return None

    def _check(self, *args) -> None:
        ok = self.crs() is not None
        bad_code = self.other.isChecked() and bool(self.code.text().strip()) and not ok
        self.error.setText(self.tr("Unknown EPSG code.") if bad_code else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
