"""Print a map: choose a ready-made map, the paper and the words, and see the page before.

The preview is the page itself, drawn by the same code as the PDF
(:func:`mapping.export.printing.render_preview`) at a low resolution, in a
worker thread: changing a setting redraws it a moment later while the dialog
stays responsive. Saving runs as an export task (see
:mod:`desktop.dialogs.export_flow`).
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.dialogs.export_dialog import (
    ExportRequest,
    choose_save_path,
    with_suffix,
)
from desktop.project_files import output_stem
from desktop.tasks import worker_pool

#: Ready-made maps in the order offered (others found in the templates folder follow).
TEMPLATES = ("facility", "risk", "transport", "overview")
#: Resolution of the preview page, dots per inch.
PREVIEW_DPI = 40
#: Wait after the last change before redrawing the preview, milliseconds.
PREVIEW_DELAY_MS = 300


class _PreviewSignals(QObject):
    #: Preview number, the page image (or None) and an error sentence.
    ready = Signal(int, object, str)


class PrintDialog(QDialog):
    """Settings of a printed map, with a live preview of the page."""

    def __init__(self, project, view_extent: tuple[float, float, float, float] | None = None,
                 folder: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printDialog")
        self.project = project
        self.view_extent = view_extent
        self._folder = folder or Path.home()
        self._stem = output_stem(project.path, project.metadata.name, "map")
        #: The file name last offered (replaced when the map changes, unless edited).
        self._offered_path = ""
        self._pool = worker_pool("quartier-preview")
        self._signals = _PreviewSignals(self)
        self._signals.ready.connect(self._show_preview)
        self._lock = threading.Lock()
        self._generation = 0
        #: Previews drawn so far (tests wait on it).
        self.previews_shown = 0
        #: The last preview error, if drawing failed (a plain sentence).
        self.preview_error = ""
        self._image: QImage | None = None

        from mapping.export.print_templates import template_names

        available = template_names()
        names = [n for n in TEMPLATES if n in available]
        names += [n for n in available if n not in names]
        self.template_box = QComboBox(self)
        self.template_box.setObjectName("templateBox")
        for name in names:
            self.template_box.addItem(name, name)
        self.paper_box = QComboBox(self)
        self.paper_box.setObjectName("paperBox")
        for paper in ("A4", "A3"):
            self.paper_box.addItem(paper, paper)
        self.orientation_box = QComboBox(self)
        self.orientation_box.setObjectName("orientationBox")
        for way in ("landscape", "portrait"):
            self.orientation_box.addItem(way, way)
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("printTitle")
        self.subtitle_edit = QLineEdit(self)
        self.subtitle_edit.setObjectName("printSubtitle")
        self.area_subject = QRadioButton(self)
        self.area_subject.setObjectName("areaSubject")
        self.area_view = QRadioButton(self)
        self.area_view.setObjectName("areaView")
        self.area_group = QButtonGroup(self)
        self.area_group.addButton(self.area_subject)
        self.area_group.addButton(self.area_view)
        self.area_subject.setChecked(True)
        self.area_view.setEnabled(view_extent is not None)
        self.personal_check = QCheckBox(self)
        self.personal_check.setObjectName("printNoPersonal")
        self.format_box = QComboBox(self)
        self.format_box.setObjectName("printFormat")
        self.format_box.addItem("", ".pdf")
        self.format_box.addItem("", ".png")
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("printPath")
        self.browse_button = QPushButton(self)
        self.browse_button.clicked.connect(self._browse)

        self.preview = QLabel(self)
        self.preview.setObjectName("printPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(420, 320)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview.setStyleSheet("QLabel#printPreview { background: #8a9199; }")
        self.preview_state = QLabel(self)
        self.preview_state.setObjectName("previewState")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        self.labels = {key: QLabel(self) for key in
                       ("template", "paper", "orientation", "title", "subtitle", "area",
                        "format", "path")}
        form.addRow(self.labels["template"], self.template_box)
        form.addRow(self.labels["paper"], self.paper_box)
        form.addRow(self.labels["orientation"], self.orientation_box)
        form.addRow(self.labels["title"], self.title_edit)
        form.addRow(self.labels["subtitle"], self.subtitle_edit)
        area = QVBoxLayout()
        area.addWidget(self.area_subject)
        area.addWidget(self.area_view)
        form.addRow(self.labels["area"], area)
        form.addRow("", self.personal_check)
        form.addRow(self.labels["format"], self.format_box)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        form.addRow(self.labels["path"], path_row)
        side = QWidget(self)
        side.setLayout(form)
        side.setMaximumWidth(420)
        right = QVBoxLayout()
        right.addWidget(self.preview, 1)
        right.addWidget(self.preview_state)
        body = QHBoxLayout()
        body.addWidget(side)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        self.resize(1100, 680)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        for box in (self.template_box, self.paper_box, self.orientation_box):
            box.currentIndexChanged.connect(self._changed)
        self.template_box.currentIndexChanged.connect(self._update_placeholders)
        self.template_box.currentIndexChanged.connect(self._offer_path)
        for edit in (self.title_edit, self.subtitle_edit):
            edit.textChanged.connect(self._changed)
        self.area_view.toggled.connect(self._changed)
        self.personal_check.toggled.connect(self._changed)
        self.format_box.currentIndexChanged.connect(self._on_format)
        self.path_edit.textChanged.connect(self._update_ok)
        self.retranslateUi()
        self._update_placeholders()
        self._offer_path()
        self._changed()

    # -- texts -----------------------------------------------------------------------------

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Print a map"))
        titles = {"facility": self.tr("Facility map"),
                  "risk": self.tr("Risk and evacuation map"),
                  "transport": self.tr("Transport map"),
                  "overview": self.tr("Overview map")}
        for index in range(self.template_box.count()):
            name = self.template_box.itemData(index)
            self.template_box.setItemText(index, titles.get(name, name.replace("_", " ")))
        self.orientation_box.setItemText(0, self.tr("Landscape"))
        self.orientation_box.setItemText(1, self.tr("Portrait"))
        self.format_box.setItemText(0, self.tr("PDF (for printing)"))
        self.format_box.setItemText(1, self.tr("PNG image (for messages and slides)"))
        texts = {"template": self.tr("Map"), "paper": self.tr("Paper"),
                 "orientation": self.tr("Orientation"), "title": self.tr("Title"),
                 "subtitle": self.tr("Subtitle"), "area": self.tr("Area"),
                 "format": self.tr("File type"), "path": self.tr("Save to")}
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.area_subject.setText(self.tr("What the map is about (fitted)"))
        self.area_view.setText(self.tr("What the map window shows now"))
        self.personal_check.setText(self.tr("Leave out telephone numbers (to post publicly)"))
        self.browse_button.setText(self.tr("Choose…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save map"))
        self._update_placeholders()

    def _update_placeholders(self) -> None:
        from mapping.export.print_templates import load_template

        try:
            template = load_template(self.template())
        except Exception:
            return
        self.title_edit.setPlaceholderText(f"{self.project.metadata.name} — "
                                           f"{self.template_box.currentText()}")
        self.subtitle_edit.setPlaceholderText(template.subtitle)

    # -- settings --------------------------------------------------------------------------

    def template(self) -> str:
        return self.template_box.currentData()

    def set_template(self, name: str) -> None:
        index = self.template_box.findData(name)
        if index >= 0:
            self.template_box.setCurrentIndex(index)

    def set_choice(self, box: QComboBox, value: str) -> None:
        """Choose the item holding ``value`` (paper "A3", orientation "portrait"...)."""
        index = box.findData(value)
        if index >= 0:
            box.setCurrentIndex(index)

    def options(self) -> dict:
        """The print settings, as :func:`~mapping.export.printing.export_print` takes them."""
        title = self.title_edit.text().strip()
        subtitle = self.subtitle_edit.text().strip()
        return {
            "template": self.template(), "paper": self.paper_box.currentData(),
            "orientation": self.orientation_box.currentData(),
            "title": title or None,
            "subtitle": subtitle or None,
            "extent": self.view_extent if self.area_view.isChecked() else None,
        }

    def request(self) -> ExportRequest:
        """The printed map asked for."""
        suffix = self.format_box.currentData()
        return ExportRequest(format=suffix[1:], path=with_suffix(self.path_edit.text(), suffix),
                             layers=None, verified_only=False,
                             include_personal=not self.personal_check.isChecked(),
                             options=self.options())

    def default_path(self) -> Path:
        """The file offered: beside the project, named after it and the map
        (``kibera_risk_map.pdf``)."""
        name = f"{self._stem}_{self.template()}_map{self.format_box.currentData()}"
        return self._folder / name

    def _offer_path(self) -> None:
        """Offer :meth:`default_path`, unless the person chose another file."""
        text = self.path_edit.text().strip()
        if not text or text == self._offered_path:
            self._offered_path = str(self.default_path())
            self.path_edit.setText(self._offered_path)

    def _on_format(self) -> None:
        text = self.path_edit.text().strip()
        if text:
            offered = text == self._offered_path
            self.path_edit.setText(str(with_suffix(text, self.format_box.currentData())))
            if offered:
                self._offered_path = self.path_edit.text()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(
            bool(self.path_edit.text().strip()))

    def _browse(self) -> None:
        choose_save_path(self.path_edit, self.tr("Save the map as"),
                         self.format_box.currentText(), self.format_box.currentData())

    # -- preview ---------------------------------------------------------------------------

    def _changed(self) -> None:
        self.preview_state.setText(self.tr("Updating the preview…"))
        self._timer.start()

    def refresh_preview(self) -> int:
        """Draw the preview again in the worker thread; returns its number."""
        from mapping.export.printing import render_preview

        with self._lock:
            self._generation += 1
            generation = self._generation
        options = self.options()
        include_personal = not self.personal_check.isChecked()
        path = self.project.path
        signals = self._signals

        def work() -> None:
            with self._lock:
                if generation != self._generation:
                    return  # a newer preview is on its way
            try:
                image = render_preview(path, include_personal=include_personal,
                                       dpi=PREVIEW_DPI, **options)
                error = ""
            except Exception as failure:  # shown under the preview, in plain words
                image, error = None, str(failure)
            try:
                signals.ready.emit(generation, image, error)
            except RuntimeError:  # the dialog was closed meanwhile
                pass

        self._pool.submit(work)
        return generation

    def _show_preview(self, generation: int, image: object, error: str) -> None:
        if generation != self._generation:
            return
        self.preview_error = error
        if image is None:
            self.preview.clear()
            self.preview_state.setText(self.tr("No preview: {error}").format(error=error))
            return
        assert isinstance(image, QImage)
        self._image = image
        self._fit_preview()
        self.previews_shown += 1
        paper = self.paper_box.currentData()
        self.preview_state.setText(self.tr("Preview of the {paper} page").format(paper=paper))

    def preview_image(self) -> QImage | None:
        """The page last shown in the preview."""
        return self._image

    def _fit_preview(self) -> None:
        if self._image is None:
            return
        pixmap = QPixmap.fromImage(self._image)
        self.preview.setPixmap(pixmap.scaled(self.preview.size() * 0.97,
                                             Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_preview()

    def done(self, result: int) -> None:
        self._timer.stop()
        with self._lock:
            self._generation += 1  # previews still queued are not drawn
        self._pool.shutdown(wait=False, cancel_futures=True)
        super().done(result)
