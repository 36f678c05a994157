"""New project from an OpenStreetMap extract: which extract, where to save, what name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

EXTRACT_SUFFIXES = (".osm", ".osm.pbf", ".pbf", ".osm.bz2", ".bz2")


class NewProjectDialog(QDialog):
    """Choose an OSM extract and the project file to make from it."""

    def __init__(self, folder: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newProjectDialog")
        self.folder = folder or Path.home()
        self.extract = QLineEdit(self)
        self.extract.setObjectName("extractEdit")
        self.project = QLineEdit(self)
        self.project.setObjectName("projectEdit")
        self.name = QLineEdit(self)
        self.name.setObjectName("nameEdit")
        self.browse_extract = QPushButton(self)
        self.browse_project = QPushButton(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.labels = [QLabel(self) for _ in range(3)]
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        extract_row = QHBoxLayout()
        extract_row.addWidget(self.extract, 1)
        extract_row.addWidget(self.browse_extract)
        project_row = QHBoxLayout()
        project_row.addWidget(self.project, 1)
        project_row.addWidget(self.browse_project)
        form = QFormLayout()
        form.addRow(self.labels[0], extract_row)
        form.addRow(self.labels[1], project_row)
        form.addRow(self.labels[2], self.name)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.browse_extract.clicked.connect(self._choose_extract)
        self.browse_project.clicked.connect(self._choose_project)
        self.extract.textChanged.connect(self._check)
        self.project.textChanged.connect(self._check)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.retranslateUi()
        self._check()

    def retranslateUi(self) -> None:
        """Re-read the texts in the interface language."""
        self.setWindowTitle(self.tr("New project from an OpenStreetMap extract"))
        self.intro.setText(self.tr("Quartier reads the extract (.osm, .osm.pbf or .osm.bz2) "
                                   "and makes a project file you can also open in QGIS."))
        for label, text in zip(self.labels, (self.tr("OpenStreetMap extract"),
                                             self.tr("Project file"), self.tr("Name")),
                               strict=True):
            label.setText(text)
        self.browse_extract.setText(self.tr("Choose…"))
        self.browse_project.setText(self.tr("Save as…"))
        self.name.setPlaceholderText(self.tr("From the file name"))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def _choose_extract(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("OpenStreetMap extract"), str(self.folder),
            self.tr("OpenStreetMap extracts (*.osm *.pbf *.bz2)"))
        if path:
            self.extract.setText(path)
            if not self.project.text():
                stem = Path(path).name.split(".")[0]
                # Projects go where the person keeps them, not where the download landed.
                self.project.setText(str(self.folder / f"{stem}.gpkg"))

    def _choose_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Project file"), self.project.text() or str(self.folder),
            self.tr("Quartier projects (*.gpkg)"))
        if path:
            if not path.lower().endswith(".gpkg"):
                path += ".gpkg"
            self.project.setText(path)

    def _check(self, *args) -> None:
        ok = bool(self.extract.text().strip()) and bool(self.project.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def values(self) -> tuple[Path, Path, str | None]:
        """(extract, project file, name or None)."""
        return (Path(self.extract.text().strip()), Path(self.project.text().strip()),
                self.name.text().strip() or None)
