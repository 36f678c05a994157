"""File → Import field data…: the menu entry, its dialog, and the map after an import.

The dialog (:mod:`desktop.dialogs.field_import_dialog`) previews and imports; this
flow adds the entry to the File menu (after the Open entries), enables it while a
project is open, gives the dialog the window's mapping session when one is open, and
afterwards redraws the participatory layers and says what was imported and refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction

from layers.participatory import ParticipatoryLayer

if TYPE_CHECKING:
    from desktop.dialogs.field_import_dialog import FieldImportDialog


def import_entry(window, slot) -> QAction:
    """A File menu entry after the Open entries (Open, Open team project, Open recent),
    enabled while a project is open; its text is the caller's."""
    menu = window.file_menu
    action = menu.addAction("", slot)
    menu.removeAction(action)
    menu.insertAction(window.show_folder_action, action)
    action.setEnabled(window.project is not None)
    window.projectOpened.connect(lambda project: action.setEnabled(project is not None))
    return action


class FieldImportFlow(QObject):
    """The File menu's "Import field data…" entry."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        #: The dialog open now (None when closed).
        self.dialog: FieldImportDialog | None = None
        self.action = import_entry(window, self.open)
        window.installEventFilter(self)
        self.retranslateUi()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        return False

    def retranslateUi(self) -> None:
        """Texts in the interface language."""
        self.action.setText(self.tr("Import field data…"))
        self.action.setStatusTip(self.tr("Bring ODK or Kobo forms, GPX tracks, surveys or "
                                         "citizen reports into the participatory layers as "
                                         "drafts"))

    def open(self) -> FieldImportDialog | None:
        """Show the dialog for the open project."""
        from desktop.dialogs.field_import_dialog import FieldImportDialog

        window = self.window
        if window.project is None:
            return None
        controller = window.edit_toolbar.controller
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = FieldImportDialog(window.project_location, controller.catalogue,
                                        controller.language(), controller.session, window)
        self.dialog.imported.connect(self._imported)
        self.dialog.finished.connect(self._closed)
        self.dialog.show()
        return self.dialog

    def _closed(self, _result: int) -> None:
        self.dialog = None

    def _imported(self, report) -> None:
        window = self.window
        if window.edit_toolbar.controller.session is None:
            # Saved by a session of its own: the edit controller heard nothing.
            renderer = window.renderer
            if renderer is not None:
                for layer in (report.layer, ParticipatoryLayer.TRANSPORT_STOPS):
                    renderer.reload_layer(str(layer))
            window.canvas.refresh()
        count = len(report.imported)
        text = (self.tr("Imported 1 feature from {source} as a draft; refused: {refused}.")
                if count == 1 else
                self.tr("Imported %n features from {source} as drafts; refused: {refused}.",
                        "", count)).format(source=report.source, refused=len(report.refused))
        window.status.showMessage(text, 10000)
