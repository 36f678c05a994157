"""File → Import GTFS feed…: a published feed's routes as the project's transport lines.

The facilitator picks a feed (its ``.zip``, or the ``stops.txt`` of a folder of
tables); :func:`mapping.gtfs_import.import_gtfs` reads, checks and saves it off the
GUI thread, as one edit of drafts recorded in the window's mapping session when one
is open. The window then redraws the lines and stops and says, in a message, what
came in, what was left out and what the feed check noticed. A feed that cannot be
imported is one plain sentence, and the project is unchanged.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.field_import_flow import import_entry
from desktop.tasks import Task
from layers.participatory import ParticipatoryLayer

# Notes and refusals listed in the message at most (the rest are counted).
MAX_LISTED = 8


class GtfsImportFlow(QObject):
    """The File menu's "Import GTFS feed…" entry."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        # The last import's outcome (GtfsImportReport), for tests.
        self.report = None
        # The message shown after the last import (None before).
        self.message: QMessageBox | None = None
        # Beside Import field data… (after the Open entries).
        self.action = import_entry(window, self.ask)
        self.action.setObjectName("importGtfsAction")
        window.installEventFilter(self)
        self.retranslateUi()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        return False

    def retranslateUi(self) -> None:
        """Texts in the interface language."""
        self.action.setText(self.tr("Import GTFS feed…"))
        self.action.setStatusTip(self.tr("Bring a published GTFS feed's routes and stops into "
                                         "the transport lines as drafts"))

    def ask(self) -> Task | None:
        """Ask for a feed (a .zip, or the stops table of a folder), then import it."""
        window = self.window
        if window.project is None:
            return None
        start = str(Path(window.project.path).parent)
        path, _ = QFileDialog.getOpenFileName(
            window, self.tr("Import a GTFS feed"), start,
            self.tr("GTFS feeds (*.zip stops.txt stops.csv);;All files (*)"))
        return self.import_feed(Path(path)) if path else None

    def import_feed(self, path: Path) -> Task | None:
        """Import ``path`` (a feed's .zip or folder; its stops table means its folder) into
        the open project, off the GUI thread."""
        from mapping.gtfs_import import import_gtfs

        window = self.window
        if window.project is None:
            return None
        if path.name.lower() in ("stops.txt", "stops.csv"):
            path = path.parent
        location = window.project_location
        session = window.edit_toolbar.controller.session
        contributor = session.contributor if session is not None else (
            os.environ.get("QUARTIER_CONTRIBUTOR", ""))
        mapping_session = session.mapping_session if session is not None else None

        def work(task: Task):
            return import_gtfs(location, path, contributor=contributor,
                               mapping_session=mapping_session,
                               progress=lambda message, fraction: task.report(message, fraction))

        title = self.tr("Importing {name}").format(name=path.name)
        return window.runner.run(title, work, on_done=self._imported,
                                 on_failed=window.show_error, cancellable=False)

    def _imported(self, report) -> None:
        self.report = report
        window = self.window
        session = window.edit_toolbar.controller.session
        if (session is not None and report.edit is not None and report.edit.changes
                and report.edit.changes[0].after is not None
                and report.edit.changes[0].after.mapping_session == session.mapping_session):
            # Saved in the window's mapping session off its thread: its next Undo.
            session.adopt(report.edit)
        renderer = window.renderer
        if renderer is not None:
            for layer in (ParticipatoryLayer.TRANSPORT_LINES, ParticipatoryLayer.TRANSPORT_STOPS):
                renderer.reload_layer(str(layer))
        window.canvas.refresh()
        summary = self.tr("Imported {lines} transport lines ({two_way} running both ways) with "
                          "{stops} stops from {source}, as drafts; left out: {refused}.").format(
            lines=len(report.lines), two_way=report.two_way, stops=report.distinct_stops,
            source=report.source, refused=len(report.refused))
        window.status.showMessage(summary, 15000)
        details = [self.tr("Left out {where}: {reason}.").format(
            where=r.where, reason=r.reason) for r in report.refused[:MAX_LISTED]]
        details += report.notes[:MAX_LISTED]
        hidden = max(0, len(report.refused) - MAX_LISTED) + max(0, len(report.notes) - MAX_LISTED)
        if hidden:
            details.append(self.tr("… and {count} more.").format(count=hidden))
        if self.message is not None:
            self.message.close()
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("GTFS feed imported"), summary,
                          QMessageBox.StandardButton.Ok, window)
        box.setObjectName("gtfsImportMessage")
        if details:
            box.setDetailedText("\n".join(details))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self._closed(box))
        self.message = box
        box.open()

    def _closed(self, box: QMessageBox) -> None:
        if self.message is box:
            self.message = None
