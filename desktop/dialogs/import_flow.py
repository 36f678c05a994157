"""Importing a hazard or reference layer, step by step, without freezing the window.

1. The import dialog says what to import.
2. The import runs in a worker thread (progress bar, Cancel leaves the project as
   it was).
3. If the file has no coordinate system, the person is asked which one it is
   (never guessed), and the import runs again with that answer.
4. If the layer does not overlap the project area, the person is warned and may
   import it anyway.
5. The layer appears on the map, in the layers panel and in the legend.

The questions are shown with ``open()`` (window-modal, not a nested event loop),
so the map keeps drawing and tests can answer them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox

from desktop.i18n import layer_title
from desktop.tasks import Task
from layers.errors import CRSMissingError, OutsideAreaError, QuartierError

if TYPE_CHECKING:
    from desktop.dialogs.crs_dialog import CrsDialog
    from desktop.dialogs.hazard_dialog import ImportRequest


class ImportFlow(QObject):
    """Adds hazard and reference layers to the window's project."""

    #: A layer was added: its table name.
    imported = Signal(str)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        #: The CRS question while it is shown (for tests).
        self.crs_dialog: CrsDialog | None = None
        #: The outside-the-area warning while it is shown (for tests).
        self.outside_box: QMessageBox | None = None
        #: What the last import changed on the way in, while it is shown (for tests).
        self.notes_box: QMessageBox | None = None
        self.last_folder: Path | None = None

    def _taken(self) -> set[str]:
        project = self.window.project
        return set(project.layer_names()) if project is not None else set()

    # -- starting ---------------------------------------------------------------------------

    def add_hazard_layer(self) -> None:
        """Ask for a hazard layer and import it."""
        self._ask(reference=False)

    def add_reference_layer(self) -> None:
        """Ask for a reference layer and import it."""
        self._ask(reference=True)

    def _ask(self, reference: bool) -> None:
        from desktop.dialogs.hazard_dialog import HazardImportDialog

        if self.window.project is None:
            return
        dialog = HazardImportDialog(self._taken(), reference=reference,
                                    folder=self.last_folder, parent=self.window)
        if dialog.exec() == HazardImportDialog.DialogCode.Accepted:
            request = dialog.request()
            self.last_folder = request.path.parent
            self.start(request)

    def start(self, request: ImportRequest, crs: str | None = None,
              anyway: bool = False) -> Task:
        """Import in a worker thread; questions come back here."""
        project = self.window.project

        def work(task: Task):

            from mapping import hazard_store

            common = dict(crs=crs, title=request.title, allow_outside=anyway,
                          progress=task.progress_callback(), cancelled=task.is_cancelled)
            if request.hazard_type is None:
                return hazard_store.add_reference_layer(project, request.path, request.name,
                                                        **common)
            from mapping.analysis.schemes import scheme_named

            return hazard_store.add_hazard_layer(
                project, request.path, request.name, hazard_type=request.hazard_type,
                attribute=request.attribute, thresholds=request.thresholds,
                classes=scheme_named(request.scheme) if request.scheme else None, **common)

        title = self.tr("Adding {title}").format(title=request.title)
        return self.window.runner.run(
            title, work,
            on_done=lambda report: self._done(request, list(report.notes)),
            on_failed=lambda error: self._failed(request, error, crs, anyway),
        )

    # -- outcomes ---------------------------------------------------------------------------

    def _done(self, request: ImportRequest, notes: list[str]) -> None:
        # The renderer picks up the new layer; the view and the other layers stay as they are.
        self.window.renderer.reload_layer(request.name)
        self.window.status.showMessage(
            self.tr("Added {title} to the map.").format(title=request.title), 6000)
        if notes:
            self.show_notes(request.title, notes)
        self.imported.emit(request.name)

    def show_notes(self, title: str, notes: list[str]) -> QMessageBox:
        """Say what the import changed or left out (repairs, features dropped, clipping)."""
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Added {title}").format(
                          title=title),
                          self.tr("{title} was added to the map. Some of it was changed "
                                  "on the way in:").format(title=title),
                          QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("importNotesBox")
        box.setInformativeText("\n\n".join(f"• {note}" for note in notes))
        self.notes_box = box
        box.finished.connect(lambda *_args: setattr(self, "notes_box", None))
        box.open()
        return box

    def _failed(self, request: ImportRequest, error: BaseException, crs: str | None,
                anyway: bool) -> None:
        if isinstance(error, CRSMissingError) and crs is None:
            self.ask_crs(request, anyway)
        elif isinstance(error, OutsideAreaError) and not anyway:
            self.ask_outside(request, str(error), crs)
        else:
            self.window.show_error(error)

    def ask_crs(self, request: ImportRequest, anyway: bool = False) -> CrsDialog:
        """Ask which CRS the file is in, then import again with the answer."""
        from desktop.dialogs.crs_dialog import CrsDialog, file_bounds

        project = self.window.project
        dialog = CrsDialog(request.path.name, project.metadata.working_crs,
                           bounds=file_bounds(request.path), parent=self.window)
        self.crs_dialog = dialog

        def answered() -> None:
            self.crs_dialog = None
            chosen = dialog.crs()
            if chosen:
                self.start(request, crs=chosen, anyway=anyway)

        dialog.accepted.connect(answered)
        dialog.rejected.connect(lambda: setattr(self, "crs_dialog", None))
        dialog.open()
        return dialog

    def ask_outside(self, request: ImportRequest, message: str, crs: str | None) -> QMessageBox:
        """Warn that the layer is outside the area; offer to import it anyway."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Outside the project area"),
                          message, QMessageBox.StandardButton.Cancel, self.window)
        box.setObjectName("outsideBox")
        anyway = box.addButton(self.tr("Import anyway"), QMessageBox.ButtonRole.AcceptRole)
        self.outside_box = box

        def answered(*_args) -> None:
            self.outside_box = None
            if box.clickedButton() is anyway:
                self.start(request, crs=crs, anyway=True)

        box.finished.connect(answered)
        box.open()
        return box

    # -- classes ---------------------------------------------------------------------------

    def edit_thresholds(self, name: str) -> None:
        """Change the class limits of a hazard layer."""
        from desktop.dialogs.thresholds_dialog import ThresholdsDialog
        from layers.hazards import ClassificationMethod
        from mapping import hazard_store

        project = self.window.project
        if project is None:
            return
        current = None
        for layer in hazard_store.list_hazard_layers(project):
            if layer.name == name:
                current = layer.classification
        if current is None or current.method is ClassificationMethod.SINGLE:
            self.window.status.showMessage(
                self.tr("This hazard layer has one class for all its features."), 6000)
            return
        states = {s.name: s.title for s in self.window.renderer.layer_states()}
        dialog = ThresholdsDialog(layer_title(states.get(name, name)), current, self.window)
        if dialog.exec() != ThresholdsDialog.DialogCode.Accepted:
            return
        try:
            hazard_store.set_classes(project, name, dialog.scheme(), dialog.none_values())
        except QuartierError as error:
            self.window.show_error(error)
            return
        self.window.renderer.reload_layer(name)
