"""The Edit toolbar and menu: big labelled buttons for every mapping tool, Undo/Redo,
review status, and the Describe panel where features get their preset and answers.

It puts itself into the main window (a second toolbar row, an Edit menu, a dock
beside "What is here?") and follows the window's project: a mapping session is
asked for (name and session) the first time a tool is chosen. Each tool is made
(and its module imported) when first chosen, not while the first map waits.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMenu, QToolBar

from desktop.editing.controller import EditController
from desktop.editing.edit_state import Conflict, PendingKind, Selected
from desktop.editing.editor_panel import FeatureEditor
from desktop.editing.words import notice_text
from layers.countries import currency_of_area
from layers.participatory import ParticipatoryLayer, ReviewStatus
from mapping.render.renderer import IdentifyResult

if TYPE_CHECKING:
    from desktop.dialogs.conflict_dialog import ConflictDialog
    from desktop.dialogs.session_dialog import SessionDialog
    from desktop.editing.tool_base import MapTool

ICON_DIR = Path(__file__).resolve().parents[2] / "resources" / "icons"
#: The Describe panel's list and form are made this long after the first map is shown.
EDITOR_PAGES_AFTER_MAP_MS = 300
#: Tools in toolbar order (name, "module.Class" under desktop.editing, icon); None is a
#: separator.
TOOLS = (
    ("add_place", "draw_tools.AddPlaceTool", "add_place"),
    ("draw_line", "draw_tools.DrawLineTool", "draw_line"),
    ("draw_area", "draw_tools.DrawAreaTool", "draw_area"),
    ("add_stops", "draw_tools.AddStopsTool", "add_stops"),
    ("tag_existing", "modify_tools.TagExistingTool", "tag_existing"),
    None,
    ("edit_shape", "modify_tools.EditShapeTool", "edit_shape"),
    ("move", "modify_tools.MoveTool", "move_feature"),
    ("delete", "modify_tools.DeleteTool", "delete_feature"),
    ("split", "modify_tools.SplitTool", "split_line"),
    ("merge", "modify_tools.MergeTool", "merge_lines"),
)
#: Where each tool's class is ("module.Class" under desktop.editing), by tool name.
TOOL_CLASSES = {entry[0]: entry[1] for entry in TOOLS if entry is not None}


class MapTools(dict):
    """The edit tools by name, each made when first asked for (then the same object)."""

    def __init__(self, controller: EditController) -> None:
        super().__init__()
        self.controller = controller

    def __missing__(self, name: str) -> MapTool:
        module, class_name = TOOL_CLASSES[name].rsplit(".", 1)
        tool_class = getattr(importlib.import_module(f"desktop.editing.{module}"), class_name)
        tool = self[name] = tool_class(self.controller)
        return tool


def project_defaults(project) -> Callable[[], dict[str, str]]:
    """Makes the answers new features of ``project`` start with: the currency of its
    country (the country is looked up when a form first asks, not at opening)."""
    try:
        area = tuple(project.metadata.area_of_interest)
    except AttributeError:
        area = ()

    def defaults() -> dict[str, str]:
        currency = currency_of_area(area) if len(area) == 4 else None
        return {"fare:currency": currency} if currency else {}

    return defaults


class EditToolbar(QToolBar):
    """The Edit toolbar, its menu, the Describe panel and the edit controller."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("editToolbar")
        self.setMovable(False)
        self.setIconSize(QSize(32, 32))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.main = window
        self.controller = EditController(window, lambda: window.translations.language)
        self.editor = FeatureEditor(window)
        self.editor.setObjectName("featureEditor")
        self.editor_dock = QDockWidget(window)
        self.editor_dock.setObjectName("editorDock")
        self.editor_dock.setWidget(self.editor)
        self.editor_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                                     | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.editor_dock)
        window.tabifyDockWidget(window.identify_dock, self.editor_dock)
        window.identify_dock.raise_()
        #: The session dialog while it is open.
        self.session_dialog: SessionDialog | None = None
        self._after_session: str | None = None

        def action(icon_name: str | None, slot=None, checkable: bool = False) -> QAction:
            made = QAction(window)
            if icon_name:
                made.setIcon(QIcon(str(ICON_DIR / f"{icon_name}.svg")))
            made.setCheckable(checkable)
            if slot is not None:
                made.triggered.connect(slot)
            return made

        self.session_action = action("session", self.start_session)
        self.end_session_action = action(None, self.controller.end_session)
        #: The tools, by name (each made when first chosen).
        self.tools = MapTools(self.controller)
        self.tool_actions: dict[str, QAction] = {}
        for entry in TOOLS:
            if entry is None:
                continue
            name, _tool_class, icon_name = entry
            made = action(icon_name, lambda _=False, n=name: self.activate(n), checkable=True)
            window.tool_group.addAction(made)
            self.tool_actions[name] = made
        self.follow_roads_action = action("follow_roads", checkable=True)
        self.follow_roads_action.toggled.connect(self._follow_roads)
        self.undo_action = action("undo", self.controller.undo)
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = action("redo", self.controller.redo)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.details_action = action("edit_details", self.edit_details)
        self.verify_action = action("verified",
                                    lambda: self.controller.set_review(ReviewStatus.VERIFIED))
        self.draft_action = action("draft", lambda: self.controller.set_review(ReviewStatus.DRAFT))
        #: The toolbar's one review button: pressed while the selected feature is verified.
        self.review_toggle = action("verified", checkable=True)
        self.review_toggle.triggered.connect(self._review_toggled)
        self.session_label = QLabel(window.status)
        self.session_label.setObjectName("sessionLabel")
        self.session_label.setStyleSheet("color: #2b3a4a; padding: 0 8px; font-weight: bold;")

        self.addAction(self.session_action)
        self.addSeparator()
        for entry in TOOLS:
            if entry is None:
                self.addSeparator()
            else:
                self.addAction(self.tool_actions[entry[0]])
        self.addAction(self.follow_roads_action)
        self.addSeparator()
        for made in (self.undo_action, self.redo_action, self.details_action,
                     self.review_toggle):
            self.addAction(made)
        window.status.insertPermanentWidget(0, self.session_label)

        self.menu = QMenu(window)
        self.menu.addAction(self.session_action)
        self.menu.addAction(self.end_session_action)
        self.menu.addSeparator()
        self.menu.addAction(self.undo_action)
        self.menu.addAction(self.redo_action)
        self.menu.addSeparator()
        for entry in TOOLS:
            if entry is None:
                self.menu.addSeparator()
            else:
                self.menu.addAction(self.tool_actions[entry[0]])
        self.menu.addAction(self.follow_roads_action)
        self.menu.addSeparator()
        for made in (self.details_action, self.verify_action, self.draft_action):
            self.menu.addAction(made)
        self.menu.addSeparator()
        self.menu.addAction(self.editor_dock.toggleViewAction())
        window.menuBar().insertMenu(window.view_menu.menuAction(), self.menu)
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self)

        controller = self.controller
        window.projectOpened.connect(self._on_project)
        window.canvas.featureIdentified.connect(self._on_identified)
        window.identify_panel.set_story_source(controller.story, lambda: controller.catalogue,
                                               controller.language)
        controller.sessionChanged.connect(self._update_actions)
        controller.historyChanged.connect(self._update_actions)
        controller.selectionChanged.connect(self._update_actions)
        controller.pendingChanged.connect(self._show_pending)
        controller.refused.connect(self._show_refusal)
        controller.conflicted.connect(self._show_conflict)
        controller.remoteFormChanged.connect(self._on_remote_form_change)
        #: The answers the open form showed when it was filled (to tell whether it changed).
        self._form_shown: dict[str, str] | None = None
        #: The dialog asking which of two saved versions to keep, while it is up.
        self.conflict_dialog: ConflictDialog | None = None
        controller.noticed.connect(lambda text: window.status.showMessage(text, 10000))
        controller.edited.connect(self._on_edited)
        controller.edited.connect(lambda _layer, _uuid: self._update_actions())
        controller.snappingReady.connect(
            lambda: window.status.showMessage(self.tr("Snapping to streets and buildings is "
                                                      "ready."), 4000))
        self.editor.saveRequested.connect(self._save)
        self.editor.cancelRequested.connect(self.controller.cancel_pending)
        window.canvas.frameReady.connect(self._after_first_map)
        self.retranslateUi()
        self._update_actions()

    def _after_first_map(self) -> None:
        """Make the Describe panel's list and form once the first map is on screen (its
        dock then keeps the smallest size it has with them)."""
        self.main.canvas.frameReady.disconnect(self._after_first_map)
        timer = QTimer(self.editor)
        timer.setSingleShot(True)
        timer.timeout.connect(self.editor.make_pages)
        timer.start(EDITOR_PAGES_AFTER_MAP_MS)

    # -- texts ---------------------------------------------------------------------------

    def retranslateUi(self) -> None:
        """Re-read every text in the interface language."""
        self.setWindowTitle(self.tr("Edit toolbar"))
        self.menu.setTitle(self.tr("&Edit"))
        self.editor_dock.setWindowTitle(self.tr("Describe"))
        texts = {
            self.session_action: (self.tr("Mapping session…"),
                                  self.tr("Start a mapping session: your name and the "
                                          "session's")),
            self.end_session_action: (self.tr("End the mapping session"),
                                      self.tr("Stop mapping (everything is already saved)")),
            self.tool_actions["add_place"]: (self.tr("Add place"),
                                             self.tr("Add a facility: a clinic, a school, a "
                                                     "water point…")),
            self.tool_actions["draw_line"]: (self.tr("Draw line"),
                                             self.tr("Draw a minibus or motorcycle taxi line")),
            self.tool_actions["draw_area"]: (self.tr("Draw area"),
                                             self.tr("Draw a risk zone: floods, landslides, "
                                                     "fires…")),
            self.tool_actions["add_stops"]: (self.tr("Add stops"),
                                             self.tr("Add the stops of a transport line, in "
                                                     "order")),
            self.tool_actions["tag_existing"]: (self.tr("Tag existing"),
                                                self.tr("Say what a building or place of the "
                                                        "base map is (e.g. a school)")),
            self.tool_actions["edit_shape"]: (self.tr("Edit shape"),
                                              self.tr("Move, add or remove the corners of a "
                                                      "line or area")),
            self.tool_actions["move"]: (self.tr("Move"),
                                        self.tr("Drag a place, line or area to where it is")),
            self.tool_actions["delete"]: (self.tr("Delete"),
                                          self.tr("Remove a place, line or area")),
            self.tool_actions["split"]: (self.tr("Split line"),
                                         self.tr("Cut a transport line in two")),
            self.tool_actions["merge"]: (self.tr("Merge lines"),
                                         self.tr("Join two transport lines whose ends meet")),
            self.follow_roads_action: (self.tr("Follow the roads"),
                                       self.tr("Draw lines along the streets between your "
                                               "clicks")),
            self.details_action: (self.tr("Details"),
                                  self.tr("Change the answers about the selected feature")),
            self.verify_action: (self.tr("Mark verified"),
                                 self.tr("A facilitator checked the selected feature")),
            self.draft_action: (self.tr("Mark draft"),
                                self.tr("The selected feature still needs checking")),
            self.review_toggle: (self.tr("Verified"),
                                 self.tr("Pressed when a facilitator has checked the selected "
                                         "feature; press to mark it verified, again to mark it "
                                         "draft")),
        }
        self._tips = {made: tip for made, (_text, tip) in texts.items()}
        self._tips[self.undo_action] = self.tr("Take back the last change")
        self._tips[self.redo_action] = self.tr("Do again the change taken back")
        for made, (text, tip) in texts.items():
            made.setText(text)
            made.setToolTip(tip)
            made.setStatusTip(tip)
        self.controller.retranslate()
        self.editor.set_language(self.controller.language())
        self._update_actions()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # -- state -------------------------------------------------------------------------------

    def _update_actions(self) -> None:
        controller = self.controller
        session = controller.session
        has_project = controller.project_path is not None
        self.session_action.setEnabled(has_project)
        self.end_session_action.setEnabled(session is not None)
        for made in self.tool_actions.values():
            made.setEnabled(has_project)
        self.follow_roads_action.setEnabled(has_project)
        can_undo = session is not None and session.can_undo
        can_redo = session is not None and session.can_redo
        self.undo_action.setEnabled(can_undo)
        self.redo_action.setEnabled(can_redo)
        self.undo_action.setText(self.tr("Undo {edit}").format(
            edit=session.undo_text) if can_undo and session is not None else self.tr("Undo"))
        self.redo_action.setText(self.tr("Redo {edit}").format(
            edit=session.redo_text) if can_redo and session is not None else self.tr("Redo"))
        self.undo_action.setIconText(self.tr("Undo"))
        self.redo_action.setIconText(self.tr("Redo"))
        selected = session is not None and controller.selection is not None
        for made in (self.details_action, self.verify_action, self.draft_action,
                     self.review_toggle):
            made.setEnabled(selected)
        found = controller.feature(controller.selection.layer, controller.selection.uuid) \
            if selected and controller.selection is not None else None
        self.review_toggle.setChecked(found is not None
                                      and found.review_status is ReviewStatus.VERIFIED)
        self._say_why_grey(has_project, session is not None, selected)
        if session is None:
            self.session_action.setIconText(self.tr("Session"))
            self.session_label.setText("")
            self.session_label.setToolTip("")
        else:
            # The button shows who is mapping; the status bar, in which session.
            self.session_action.setIconText(session.contributor)
            about = self.tr("Mapping as {name} · {session}").format(
                name=session.contributor, session=controller.session_name())
            self.session_action.setToolTip(about)
            metrics = self.session_label.fontMetrics()
            self.session_label.setText(metrics.elidedText(controller.session_name(),
                                                          Qt.TextElideMode.ElideRight, 300))
            self.session_label.setToolTip(about)

    def _say_why_grey(self, has_project: bool, has_session: bool, selected: bool) -> None:
        """Tooltips of greyed buttons say what is needed to use them."""
        if not has_project:
            why = self.tr("Open or create a project first.")
        elif not has_session:
            why = self.tr("Start a mapping session to edit (the Session button).")
        elif not selected:
            why = self.tr("Select a feature on the map first.")
        else:
            why = ""
        nothing = {self.undo_action: self.tr("Nothing to undo yet."),
                   self.redo_action: self.tr("Nothing to redo.")}
        for made, tip in getattr(self, "_tips", {}).items():
            if made.isEnabled():
                text = made.text() if made in nothing else tip
            elif has_session and made in nothing:
                text = nothing[made]
            else:
                text = f"{why} {tip}" if why else tip
            if made is self.session_action and has_session:
                continue  # it says who is mapping
            made.setToolTip(text)
            made.setStatusTip(text)

    def _on_project(self, project) -> None:
        self.main.canvas.set_map_tool(None)
        self.editor.set_defaults(project_defaults(project))
        self.controller.set_project(getattr(self.main, "project_location", None)
                                    or project.path)
        self.editor.clear()
        self._update_actions()

    def close_session(self) -> None:
        """End the mapping session (the window is closing)."""
        self.main.canvas.set_map_tool(None)
        self.controller.end_session()

    # -- session and tools -------------------------------------------------------------------

    def start_session(self) -> SessionDialog | None:
        """Ask who is mapping and in which session (without blocking the window)."""
        from desktop.dialogs.session_dialog import SessionDialog

        controller = self.controller
        if controller.project_path is None:
            return None
        project = self.main.project
        area = project.metadata.name if project is not None else str(controller.project_path)
        dialog = SessionDialog(area, controller.known_sessions(), self.main)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._session_chosen(dialog))
        dialog.finished.connect(lambda _result: setattr(self, "session_dialog", None))
        self.session_dialog = dialog
        dialog.open()
        return dialog

    def _session_chosen(self, dialog: SessionDialog) -> None:
        contributor, session_id, facilitator = dialog.values()
        if self.controller.start_session(contributor, session_id, facilitator) is None:
            return
        name, self._after_session = self._after_session, None
        if name:
            self.activate(name)

    def activate(self, name: str) -> MapTool | None:
        """Choose a mapping tool (a session is started first if there is none)."""
        if self.controller.session is None:
            self._after_session = name
            self.main.set_tool(self.main.canvas.tool)
            self.start_session()
            return None
        tool = self.tools[name]
        self.tool_actions[name].setChecked(True)
        self.main.canvas.set_map_tool(tool)
        tool.activate()
        self.main.status.showMessage(tool.hint())
        return tool

    def _follow_roads(self, on: bool) -> None:
        self.controller.follow_roads = on
        line_tool = self.tools.get("draw_line")
        if line_tool is not None and self.main.canvas.map_tool is line_tool:
            self.main.status.showMessage(line_tool.hint())

    def _review_toggled(self, checked: bool) -> None:
        self.controller.set_review(ReviewStatus.VERIFIED if checked else ReviewStatus.DRAFT)
        self._update_actions()  # a refused change leaves the button as the feature is

    def edit_details(self) -> None:
        """Open the form of the selected feature."""
        self.controller.begin_details()

    # -- describing ----------------------------------------------------------------------------

    def _show_pending(self) -> None:
        pending, editor = self.controller.pending, self.editor
        if pending is None:
            editor.clear()
            return
        editor.set_catalogue(self.controller.catalogue)
        editor.set_language(self.controller.language())
        preset = self.controller.catalogue.get(pending.preset or "")
        if pending.kind is PendingKind.DETAILS and preset is not None:
            name = pending.tags.get("name")
            what = f"“{name}”" if name else preset.name(self.controller.language())
            editor.edit(preset.id, pending.tags, self.tr("Details of {what}").format(what=what))
            self._form_shown = editor.form.tags()
        elif pending.kind is PendingKind.DETAILS:  # its preset file is gone: choose another
            editor.ask_preset(pending.layer, self.tr("Describe"), pending.tags)
        elif pending.kind is PendingKind.TAG_EXISTING:
            editor.ask_preset(pending.layer, self.tr("This building or place: what is it?"),
                              pending.tags, pending.preset)
        else:
            headings = {
                ParticipatoryLayer.FACILITIES: self.tr("New place: what is it?"),
                ParticipatoryLayer.TRANSPORT_LINES: self.tr("New transport line: what is it?"),
                ParticipatoryLayer.RISK_ZONES: self.tr("New risk zone: what is the danger?"),
            }
            editor.ask_preset(pending.layer, headings.get(pending.layer, self.tr("Describe")))
        self.editor_dock.show()
        self.editor_dock.raise_()

    def _save(self, preset_id: str, tags: dict) -> None:
        uuid = self.controller.save_pending(preset_id, tags)
        session = self.controller.session
        if uuid is None or session is None:
            return
        notes = [notice_text(note) for note in session.last_notes]
        preset = self.controller.catalogue.get(preset_id)
        if preset is not None and preset.field("name") is not None \
                and not str(tags.get("name", "")).strip():
            notes.append(self.tr("It has no name: if it has one, add it with Details."))
        self.main.status.showMessage(" ".join([self.tr("Saved."), *notes]),
                                     15000 if notes else 5000)
        # Show what was saved, with who and when, where "What is here?" shows features.
        selected = self.controller.selection
        renderer = self.main.renderer
        if selected is not None and renderer is not None:
            title = next((s.title for s in renderer.layer_states() if s.name == selected.layer),
                         selected.layer)
            self.main.identify_panel.show_results(
                [IdentifyResult(selected.layer, title, -1, {"uuid": selected.uuid})])
            self.main.identify_dock.raise_()

    def _show_refusal(self, error: BaseException) -> None:
        text = str(error)
        self.main.status.showMessage(text, 15000)
        if self.editor.is_busy() and self.controller.pending is not None:
            self.editor.show_error(text)
        else:
            self.main.show_error(error)

    def _on_remote_form_change(self, _uuid: str) -> None:
        """Someone else saved the feature whose form is open."""
        editor = self.editor
        untouched = editor.stack.currentWidget() is editor.form \
            and self._form_shown is not None and editor.form.tags() == self._form_shown
        if untouched and self.controller.reload_form():
            return
        self.main.status.showMessage(self.tr("Someone else saved this feature while its form "
                                             "is open: saving will show both versions."), 15000)

    def _show_conflict(self, conflict: Conflict) -> None:
        """Someone saved the feature since it was shown: both versions, and a choice."""
        from desktop.dialogs.conflict_dialog import Choice, ConflictDialog

        if self.conflict_dialog is not None:
            self.conflict_dialog.close()
        dialog = ConflictDialog(conflict.error.stored, conflict.error.attempted, conflict.who,
                                conflict.when, self.controller.catalogue,
                                self.controller.language(), self.main)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.conflict_dialog = dialog
        self.main.status.showMessage(self.tr("Not saved: someone else saved this feature "
                                             "meanwhile."), 15000)

        def chosen(_result: int) -> None:
            if self.conflict_dialog is dialog:
                self.conflict_dialog = None
            if dialog.choice is Choice.MINE:
                if self.controller.keep_mine(conflict):
                    self.main.status.showMessage(self.tr("Saved: your version is kept."), 8000)
            elif dialog.choice is Choice.THEIRS:
                self.controller.keep_theirs(conflict)
                self.main.status.showMessage(self.tr("Their version is kept; your change was "
                                                     "dropped."), 8000)

        dialog.finished.connect(chosen)
        dialog.open()

    # -- the map ----------------------------------------------------------------------------

    def _on_identified(self, results: list) -> None:
        for result in results:
            uuid = result.attributes.get("uuid")
            if result.layer in set(ParticipatoryLayer) and uuid:
                self.controller.select(Selected(result.layer, str(uuid)))
                return
        self.controller.select(None)

    def _on_edited(self, _layer: str, uuid: str) -> None:
        panel = self.main.identify_panel
        if uuid in panel.shown_uuids():
            panel.refresh()
