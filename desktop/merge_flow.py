"""File → Merge projects…: other laptops' copies of the project brought into the open one.

The facilitator picks one or more project files; :func:`mapping.merge.merge` takes
their participatory edits into the open project file, off the GUI thread (one
transaction, or nothing). The window then redraws the participatory layers and shows
what was brought and the conflicts left
(:class:`~desktop.dialogs.merge_conflicts_dialog.MergeConflictsDialog`): keep mine,
keep theirs (what ``quartier conflicts --keep`` does) or, for a tag, combine both
answers into a value saved as an ordinary edit. File → Merge conflicts… shows the
conflicts still waiting. Merging is for project files: with a team-server project
open the entries are grey and say why.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFileDialog

from desktop.project_files import short_path
from desktop.search import SEARCH_ZOOM
from desktop.tasks import Task
from desktop.team_address import is_team
from layers.errors import QuartierError
from layers.participatory import ParticipatoryLayer
from mapping.edit_history import Feature

if TYPE_CHECKING:
    from desktop.dialogs.merge_conflicts_dialog import MergeConflictsDialog


class MergeFlow(QObject):
    """The File menu's "Merge projects…" and "Merge conflicts…" entries."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        #: The conflicts dialog, while it is up.
        self.dialog: MergeConflictsDialog | None = None
        #: The last merge's outcome (MergeReport), for tests.
        self.report = None
        menu = window.file_menu
        before = window.export_menu.menuAction()
        self.action = menu.addAction("", self.ask)
        self.action.setObjectName("mergeProjectsAction")
        menu.insertAction(before, self.action)
        self.conflicts_action = menu.addAction("", self.show_conflicts)
        self.conflicts_action.setObjectName("mergeConflictsAction")
        menu.insertAction(before, self.conflicts_action)
        menu.insertSeparator(before)
        window.projectOpened.connect(lambda _project: self._update_actions())
        window.installEventFilter(self)
        self.retranslateUi()
        self._update_actions()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        return False

    def retranslateUi(self) -> None:
        """Texts in the interface language."""
        self.action.setText(self.tr("Merge projects…"))
        self.conflicts_action.setText(self.tr("Merge conflicts…"))
        self._update_actions()

    def _path(self) -> Path | None:
        """The open project's file (None: none open, or a team-server project)."""
        window = self.window
        if window.project is None or is_team(window.project_location):
            return None
        return Path(window.project.path)

    def _update_actions(self) -> None:
        window = self.window
        team = window.project is not None and is_team(window.project_location)
        for action in (self.action, self.conflicts_action):
            action.setEnabled(self._path() is not None)
        if team:
            tip = self.tr("Merging is for project files: a team-server project takes the "
                          "others' edits as they save them.")
        elif window.project is None:
            tip = self.tr("Open a project first.")
        else:
            tip = self.tr("Bring the edits made on other laptops' copies of this project "
                          "into it")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
        self.conflicts_action.setToolTip(
            tip if self._path() is None else self.tr("What merged laptops changed "
                                                      "differently, to settle"))
        self.window.file_menu.setToolTipsVisible(True)

    def _contributor(self) -> str:
        session = self.window.edit_toolbar.controller.session
        if session is not None:
            return session.contributor
        return os.environ.get("QUARTIER_CONTRIBUTOR") or os.environ.get("USER") or "merge"

    # -- merging ---------------------------------------------------------------------------

    def ask(self) -> Task | None:
        """Ask which project files to merge into the open one, then merge them."""
        target = self._path()
        if target is None:
            return None
        paths, _ = QFileDialog.getOpenFileNames(
            self.window, self.tr("Merge projects into {name}").format(name=target.name),
            str(target.parent), self.tr("Quartier projects (*.gpkg)"))
        return self.merge([Path(p) for p in paths]) if paths else None

    def merge(self, others: list[Path]) -> Task | None:
        """Merge ``others`` into the open project off the GUI thread, then show the outcome."""
        from mapping.merge import merge

        target = self._path()
        if target is None or not others:
            return None
        contributor = self._contributor()

        def work(task: Task):
            task.report(self.tr("Merging %n project(s)", "", len(others)))
            return merge(target, others, contributor=contributor)

        def done(report) -> None:
            self.report = report
            self.redraw()
            self.show_conflicts(self._summary(report, target, others))

        title = self.tr("Merging into {name}").format(name=target.name)
        return self.window.runner.run(title, work, on_done=done,
                                      on_failed=self.window.show_error, cancellable=False)

    def _summary(self, report, target: Path, others: list[Path]) -> str:
        counts = report.counts()
        text = self.tr("Merged {files} into {name}: {added} added, {updated} updated, "
                       "{deleted} deleted, {combined} combined, {conflicts} conflict(s).").format(
            files=", ".join(p.name for p in others), name=target.name, **counts)
        return " ".join([text, *report.notes])

    def redraw(self) -> None:
        """Read the participatory layers again and draw them."""
        renderer = self.window.renderer
        if renderer is None:
            return
        for layer in ParticipatoryLayer:
            renderer.reload_layer(str(layer))
        self.window.canvas.refresh()

    # -- conflicts ---------------------------------------------------------------------------

    def show_conflicts(self, summary: str = "") -> MergeConflictsDialog | None:
        """Show the conflicts the merges left (with what the last merge did, if given)."""
        from desktop.dialogs.merge_conflicts_dialog import MergeConflictsDialog
        from mapping.merge import conflicts

        target = self._path()
        if target is None:
            return None
        try:
            found = conflicts(target)
        except QuartierError as error:
            self.window.show_error(error)
            return None
        if self.dialog is not None:
            self.dialog.close()
        controller = self.window.edit_toolbar.controller
        dialog = MergeConflictsDialog(found, self._mine_of, summary, controller.catalogue,
                                      controller.language(), self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.keepRequested.connect(self.keep)
        dialog.combineRequested.connect(self.combine)
        dialog.conflictSelected.connect(self.show_on_map)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.show()
        self.show_on_map(dialog.selected())
        self.window.status.showMessage(
            summary or self.tr("%n merge conflict(s) in {path}", "", len(found)).format(
                path=short_path(target)), 10000)
        return dialog

    def _closed(self, dialog: MergeConflictsDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        self.window.canvas.set_marker(None, None)

    def _mine_of(self, layer: str, uuid: str) -> Feature | None:
        from mapping.store import open_store

        target = self._path()
        if target is None:
            return None
        store = open_store(target)
        try:
            return store.read_feature(layer, uuid)
        finally:
            store.close()

    def show_on_map(self, conflict) -> None:
        """Zoom the map to the feature of a conflict and mark it."""
        renderer, canvas = self.window.renderer, self.window.canvas
        if conflict is None or renderer is None:
            return
        feature = self._mine_of(conflict.layer, conflict.uuid) or conflict.their_feature
        if feature is None or feature.geometry is None or feature.geometry.is_empty:
            return
        west, south, east, north = feature.geometry.bounds
        x0, y0 = renderer.from_wgs84(west, south)
        x1, y1 = renderer.from_wgs84(east, north)
        canvas.zoom_to_extent((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)),
                              margin=0.5, min_metres_per_pixel=SEARCH_ZOOM)
        point = feature.geometry.representative_point()
        canvas.set_marker(*renderer.from_wgs84(point.x, point.y))

    def _settled(self, message: str) -> None:
        self.redraw()
        self.window.status.showMessage(message, 8000)
        if self.dialog is not None:
            from mapping.merge import conflicts

            target = self._path()
            self.dialog.set_conflicts(conflicts(target) if target is not None else [])

    def keep(self, side: str, conflict) -> bool:
        """Settle a conflict's feature: keep ``mine`` or ``theirs`` (as --keep does)."""
        from mapping.merge import keep

        target = self._path()
        if target is None:
            return False
        try:
            keep(target, side, conflict.uuid, contributor=self._contributor())
        except QuartierError as error:
            self.window.show_error(error)
            return False
        what = conflict.name or conflict.uuid
        self._settled(self.tr("Kept this project's version of “{what}”.").format(what=what)
                      if side == "mine" else
                      self.tr("Kept the other laptop's version of “{what}”.").format(what=what))
        return True

    def combine(self, conflict, value: str) -> bool:
        """Save ``value`` for a conflict's tag as an ordinary edit, then settle the conflict.

        The edit goes through the mapping session when one is open (else a session of
        its own, under the same contributor); the conflict is then settled keeping the
        project's value, which is now the combined one.
        """
        from mapping.editing import EditSession
        from mapping.merge import keep

        target = self._path()
        if target is None:
            return False
        key = conflict.field.removeprefix("tag:")
        session = self.window.edit_toolbar.controller.session
        own = session is None
        try:
            if own:
                session = EditSession(target, self._contributor(),
                                      presets=self.window.edit_toolbar.controller.catalogue)
            try:
                tags = dict(session.feature(conflict.layer, conflict.uuid).tags)
                if value.strip():
                    tags[key] = value.strip()
                else:
                    tags.pop(key, None)
                session.update_tags(conflict.layer, conflict.uuid, tags)
            finally:
                if own:
                    session.close()
            keep(target, "mine", conflict.uuid, contributor=self._contributor())
        except QuartierError as error:
            self.window.show_error(error)
            return False
        self._settled(self.tr("Saved the combined value of “{field}”.").format(field=key))
        return True
