"""Exporting from the window: data, web maps and printed maps, without freezing it.

1. The export dialog (data, web map) or the print dialog (with its preview) says
   what to write and where.
2. If the file is already there, the person is asked before it is replaced.
3. The export runs in a worker thread with a progress bar and Cancel; the files
   are written beside their target and renamed only when complete, so Cancel or a
   full disk never leaves half a file (see :mod:`mapping.export.safe_write`).
4. A summary says which files were written, how many features went into them
   and what was left out, with a button to open the folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from desktop.i18n import layer_title
from desktop.project_files import output_folder, output_stem
from desktop.tasks import Task
from layers.errors import ValidationError

if TYPE_CHECKING:
    from desktop.dialogs.export_dialog import ExportDialog, ExportRequest
    from desktop.dialogs.print_dialog import PrintDialog


class ExportFlow(QObject):
    """Runs the window's exports."""

    #: An export finished: its report (files, counts, notes).
    exported = Signal(object)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.last_folder: Path | None = None
        #: The dialog while it is open (tests fill it in).
        self.dialog: ExportDialog | PrintDialog | None = None
        #: The summary shown after the last export (tests read it).
        self.summary_box: QMessageBox | None = None
        #: The replace question while it is shown (tests answer it).
        self.replace_box: QMessageBox | None = None
        # Another project's outputs go beside that project, not where the last one's went.
        window.projectOpened.connect(lambda _project: setattr(self, "last_folder", None))

    # -- asking ----------------------------------------------------------------------------

    def export_data(self, format: str = "gpkg") -> ExportDialog | None:
        """Open the export dialog with ``format`` chosen (window-modal, not blocking)."""
        from desktop.dialogs.export_dialog import ExportDialog

        project = self.window.project
        if project is None:
            return None
        stem = output_stem(project.path, project.metadata.name, "export")
        dialog = ExportDialog(project.layers(), stem, self._folder(),
                              format=format, view_area=self.view_area(), parent=self.window)
        return self._open(dialog)

    def print_map(self, template: str = "facility") -> PrintDialog | None:
        """Open the print dialog with its preview (window-modal, not blocking)."""
        from desktop.dialogs.print_dialog import PrintDialog

        project = self.window.project
        if project is None:
            return None
        view = self.window.canvas.view
        dialog = PrintDialog(project, view.extent() if view is not None else None,
                             self._folder(), parent=self.window)
        dialog.set_template(template)
        return self._open(dialog)

    def view_area(self) -> tuple[float, float, float, float] | None:
        """What the map window shows, as (west, south, east, north) in degrees."""
        view, project = self.window.canvas.view, self.window.project
        if view is None or project is None:
            return None
        from layers.layer_import import transform_bounds

        return transform_bounds(view.extent(), project.metadata.working_crs, "EPSG:4326")

    def _open(self, dialog):
        self.dialog = dialog

        def answered() -> None:
            self.dialog = None
            self.confirm(dialog.request())

        dialog.accepted.connect(answered)
        dialog.rejected.connect(lambda: setattr(self, "dialog", None))
        dialog.open()
        return dialog

    def _folder(self) -> Path:
        """Where outputs go by default: beside the project (or the last export's folder)."""
        if self.last_folder is not None:
            return self.last_folder
        return output_folder(self.window.project)

    def confirm(self, request: ExportRequest) -> Task | QMessageBox:
        """Ask before replacing an existing file, then export."""
        project = self.window.project
        if project is not None and request.path.resolve() == project.path.resolve():
            return self.window.show_error(ValidationError(self.tr(
                "{file} is the project itself: choose another name for the export.").format(
                    file=request.path.name)))
        if not request.path.exists():
            return self.start(request)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Replace file?"),
                          self.tr("{file} already exists. Replace it?").format(
                              file=request.path.name),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self.window)
        box.setObjectName("replaceBox")
        self.replace_box = box

        def answered(result: int) -> None:
            self.replace_box = None
            if result == QMessageBox.StandardButton.Yes:
                self.start(request)

        box.finished.connect(answered)
        box.open()
        return box

    # -- exporting -------------------------------------------------------------------------

    def start(self, request: ExportRequest) -> Task:
        """Export in a worker thread."""
        project = self.window.project

        def work(task: Task):
            from mapping.export import export

            report = export(project, request.path, request.layers,
                            verified_only=request.verified_only,
                            include_personal=request.include_personal,
                            progress=task.progress_callback(), **request.options)
            return report

        title = self.tr("Exporting {file}").format(file=request.path.name)
        return self.window.runner.run(title, work, on_done=self._done,
                                      on_failed=self.window.show_error)

    def _done(self, report) -> None:
        self.exported.emit(report)
        files = report.files
        lines = [self.tr("Wrote %n file(s) in {folder}:", "", len(files)).format(
            folder=files[0].parent if files else "")]
        lines += [f"  {path.name}" for path in files[:12]]
        if len(files) > 12:
            lines.append(self.tr("  … and {count} more").format(count=len(files) - 12))
        titles = {s.name: s.title for s in self.window.renderer.layer_states()} \
            if self.window.renderer is not None else {}
        for name, count in report.counts.items():
            title = layer_title(titles.get(name, name))
            lines.append(self.tr("{layer}: 1 feature").format(layer=title) if count == 1 else
                         self.tr("{layer}: %n features", "", count).format(layer=title))
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Export finished"),
                          "\n".join(lines), QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("exportSummary")
        if report.notes:
            box.setDetailedText("\n".join(report.notes))
        folder_button = box.addButton(self.tr("Open folder"),
                                      QMessageBox.ButtonRole.ActionRole)
        folder = files[0].parent if files else None
        self.last_folder = folder or self.last_folder  # the next export starts there

        def clicked(button) -> None:
            if button is folder_button and folder is not None:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

        box.buttonClicked.connect(clicked)
        self.summary_box = box
        box.open()
        self.window.status.showMessage(self.tr("Exported {file}").format(
            file=files[0].name if files else ""), 8000)
