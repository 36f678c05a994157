"""The main window: the map in the middle, layers and legend on the left, details on the right.

Everything long (opening, building a project, importing a layer) runs as a
:class:`~desktop.tasks.Task` with a progress bar and a Cancel button in the status
bar; the window stays responsive. Menus and toolbar share the same actions; the
toolbar shows big buttons with words under the icons, for people who do not know
GIS icons.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QToolBar,
    QToolButton,
    QWidget,
)

from desktop import project_files, settings
from desktop.analysis_flow import AnalysisFlow
from desktop.canvas import MapCanvas, Tool
from desktop.dialogs.export_flow import ExportFlow
from desktop.dialogs.import_flow import ImportFlow
from desktop.editing.edit_toolbar import EditToolbar
from desktop.field_import_flow import FieldImportFlow
from desktop.gtfs_import_flow import GtfsImportFlow
from desktop.i18n import LANGUAGES, Translations, save_language
from desktop.merge_flow import MergeFlow
from desktop.panels.identify_panel import IdentifyPanel
from desktop.panels.layers_panel import LayersPanel
from desktop.panels.legend_panel import LegendPanel
from desktop.panels.status_bar import StatusBar
from desktop.progress_flow import ProgressFlow
from desktop.project_files import load_project, sample_names, sample_title
from desktop.search import MapSearch
from desktop.service_flow import ServiceFlow
from desktop.tasks import Task, TaskRunner
from desktop.team_address import (
    Location,
    as_location,
    has_password,
    is_team,
    project_name,
    server_words,
    user_name,
    with_password,
)
from desktop.team_watch import TeamWatch
from layers.errors import QuartierError

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"


def icon(name: str) -> QIcon:
    """One of Quartier's icons (``resources/icons/<name>.svg``)."""
    return QIcon(str(ICON_DIR / f"{name}.svg"))


class MainWindow(QMainWindow):
    """Quartier's main window."""

    #: A project is on the map (its Project object).
    projectOpened = Signal(object)

    def __init__(self, translations: Translations | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.translations = translations or Translations()
        self.project = None
        self.renderer = None
        #: Where the open project is: its file, or its team-server address (with the password
        #: typed in the window, if any: in memory only, never shown or remembered).
        self.project_location: Location | None = None
        #: The dialog asking a team server's password, while it is up.
        self.password_dialog: QInputDialog | None = None
        #: The last error shown to the person (tests, bug reports).
        self.last_error: BaseException | None = None
        #: The quick-start guide, once opened (Help → Quick start).
        self.quick_start = None
        self.runner = TaskRunner(self)
        self.canvas = MapCanvas(self)
        self.canvas.setObjectName("mapCanvas")
        self.setCentralWidget(self.canvas)
        self.layers_panel = LayersPanel(self)
        self.legend_panel = LegendPanel(self)
        self.identify_panel = IdentifyPanel(self)
        self.layers_dock = self._dock("layersDock", self.layers_panel,
                                      Qt.DockWidgetArea.LeftDockWidgetArea)
        self.legend_dock = self._dock("legendDock", self.legend_panel,
                                      Qt.DockWidgetArea.LeftDockWidgetArea)
        self.identify_dock = self._dock("identifyDock", self.identify_panel,
                                        Qt.DockWidgetArea.RightDockWidgetArea)
        self.resizeDocks([self.layers_dock, self.identify_dock], [300, 380],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([self.layers_dock, self.legend_dock], [420, 380],
                         Qt.Orientation.Vertical)
        self.status = StatusBar(self.runner, self)
        self.setStatusBar(self.status)
        self.import_flow = ImportFlow(self)
        self.export_flow = ExportFlow(self)
        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        self.edit_toolbar = EditToolbar(self)
        #: Shows others' edits while a team-server project is open.
        self.team_watch = TeamWatch(self)
        self.analysis_flow = AnalysisFlow(self)
        self.progress_flow = ProgressFlow(self)
        self.service_flow = ServiceFlow(self)
        self.field_import_flow = FieldImportFlow(self)
        self.gtfs_import_flow = GtfsImportFlow(self)
        self.merge_flow = MergeFlow(self)
        self._enable_project_actions(False)

        self.canvas.cursorMoved.connect(self.status.show_position)
        self.canvas.scaleChanged.connect(self.status.show_scale)
        self.canvas.frameReady.connect(self.legend_panel.refresh_if_changed)
        self.canvas.featureIdentified.connect(self._on_identified)
        self.layers_panel.zoomToLayerRequested.connect(self.zoom_to_layer)
        self.layers_panel.thresholdsRequested.connect(self.import_flow.edit_thresholds)
        self.status.showFolderRequested.connect(self.show_in_folder)
        self.identify_panel.cleared.connect(lambda: self.canvas.set_marker(None, None))
        self.retranslateUi()

    # -- building the window ---------------------------------------------------------------

    def _dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, icon_name: str | None = None, slot=None, shortcut=None,
                checkable: bool = False) -> QAction:
        action = QAction(self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        if slot is not None:
            action.triggered.connect(slot)
        return action

    def _make_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.open_action = self._action("open", self.choose_project, key.Open)
        self.open_team_action = self._action(None, self.choose_team_project)
        self.new_action = self._action("new", self.new_project, key.New)
        self.quit_action = self._action(None, self.close, key.Quit)
        self.sample_actions = {}
        for name in sample_names():
            action = self._action("sample", lambda _=False, n=name: self.open_sample(n))
            self.sample_actions[name] = action
        self.clear_recent_action = self._action(None, self._clear_recent)
        self.show_folder_action = self._action(None, self.show_in_folder)
        self.zoom_in_action = self._action("zoom_in", self.canvas.zoom_in, key.ZoomIn)
        self.zoom_out_action = self._action("zoom_out", self.canvas.zoom_out, key.ZoomOut)
        self.full_extent_action = self._action("full_extent", self.canvas.zoom_full, "Ctrl+0")
        self.hazard_action = self._action("hazard", self.import_flow.add_hazard_layer)
        self.reference_action = self._action("reference", self.import_flow.add_reference_layer)
        self.export_actions = {
            kind: self._action(icon_name, lambda _=False, k=kind: self.export_flow.export_data(k),
                               shortcut)
            for kind, icon_name, shortcut in (("gpkg", "export", "Ctrl+E"), ("osm", None, None),
                                              ("gtfs", None, None), ("html", None, None))}
        self.print_action = self._action("print", lambda: self.export_flow.print_map(),
                                         QKeySequence.StandardKey.Print)
        self.settings_action = self._action("settings", self.show_settings)
        self.about_action = self._action(None, self.show_about)
        self.help_action = self._action(None, self.show_quick_start,
                                        QKeySequence.StandardKey.HelpContents)
        self.utm_action = self._action(None, None, checkable=True)
        self.utm_action.setChecked(self.status.utm_button.isChecked())
        self.utm_action.toggled.connect(self.status.utm_button.setChecked)
        self.status.utm_button.toggled.connect(self.utm_action.setChecked)
        self.tool_group = QActionGroup(self)
        self.tool_actions = {
            Tool.PAN: self._action("pan", checkable=True),
            Tool.IDENTIFY: self._action("identify", checkable=True),
            Tool.ZOOM_BOX: self._action("zoom_box", checkable=True),
        }
        for tool, action in self.tool_actions.items():
            self.tool_group.addAction(action)
            action.triggered.connect(lambda _=False, t=tool: self.set_tool(t))
        self.tool_actions[self.canvas.tool].setChecked(True)
        self.language_group = QActionGroup(self)
        self.language_actions = {}
        for code, name in LANGUAGES.items():
            action = self._action(None, lambda _=False, c=code: self.set_language(c),
                                  checkable=True)
            action.setText(name)
            self.language_group.addAction(action)
            self.language_actions[code] = action
        self.language_actions[self.translations.language].setChecked(True)
        self._project_actions = [self.zoom_in_action, self.zoom_out_action,
                                 self.full_extent_action, self.hazard_action,
                                 self.reference_action, self.print_action,
                                 self.show_folder_action,
                                 *self.export_actions.values(), *self.tool_actions.values()]

    def _make_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.open_action)
        self.file_menu.addAction(self.open_team_action)
        self.recent_menu = self.file_menu.addMenu("")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.file_menu.addAction(self.show_folder_action)
        self.file_menu.addAction(self.new_action)
        self.sample_menu = self.file_menu.addMenu(icon("sample"), "")
        for action in self.sample_actions.values():
            self.sample_menu.addAction(action)
        self.file_menu.addSeparator()
        self.export_menu = self.file_menu.addMenu(icon("export"), "")
        for action in self.export_actions.values():
            self.export_menu.addAction(action)
        self.file_menu.addAction(self.print_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu("")
        for action in (self.zoom_in_action, self.zoom_out_action, self.full_extent_action):
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        for action in self.tool_actions.values():
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        for dock in (self.layers_dock, self.legend_dock, self.identify_dock):
            self.view_menu.addAction(dock.toggleViewAction())
        self.view_menu.addAction(self.utm_action)
        self.layer_menu = bar.addMenu("")
        self.layer_menu.addAction(self.hazard_action)
        self.layer_menu.addAction(self.reference_action)
        self.settings_menu = bar.addMenu("")
        self.language_menu = self.settings_menu.addMenu("")
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        self.settings_menu.addAction(self.settings_action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.help_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)

    def _make_toolbar(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setIconSize(QSize(32, 32))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.toolbar.addAction(self.open_action)
        self.sample_button = self._menu_button("sampleButton", "sample", self.sample_menu)
        self.toolbar.addSeparator()
        for action in self.tool_actions.values():
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        for action in (self.zoom_in_action, self.zoom_out_action, self.full_extent_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.hazard_action)
        self.toolbar.addSeparator()
        self.export_button = self._menu_button("exportButton", "export", self.export_menu)
        self.toolbar.addAction(self.print_action)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.map_search = MapSearch(self, icon("search"))
        self.search_box = self.map_search.box
        self.toolbar.addWidget(self.search_box)

    def _menu_button(self, name: str, icon_name: str, menu) -> QToolButton:
        """A big toolbar button that opens ``menu``."""
        button = QToolButton(self)
        button.setObjectName(name)
        button.setIcon(icon(icon_name))
        button.setMenu(menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.toolbar.addWidget(button)
        return button

    # -- texts -----------------------------------------------------------------------------

    def retranslateUi(self) -> None:
        """Re-read every text in the interface language."""
        self._update_title()
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.layer_menu.setTitle(self.tr("&Layer"))
        self.settings_menu.setTitle(self.tr("&Settings"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.recent_menu.setTitle(self.tr("Open &recent"))
        self.export_menu.setTitle(self.tr("&Export"))
        self.sample_menu.setTitle(self.tr("Open &sample area"))
        self.language_menu.setTitle(self.tr("&Language"))
        texts = {
            self.open_action: (self.tr("Open"), self.tr("Open a project file (.gpkg)")),
            self.open_team_action: (self.tr("Open team project…"),
                                    self.tr("Map together on a project kept on a team server "
                                            "(PostgreSQL)")),
            self.new_action: (self.tr("New project…"),
                              self.tr("Make a project from an OpenStreetMap extract")),
            self.quit_action: (self.tr("Quit"), self.tr("Close Quartier")),
            self.clear_recent_action: (self.tr("Clear the list"), ""),
            self.show_folder_action: (self.tr("Show in folder"),
                                      self.tr("Open the folder holding this project in the "
                                              "file manager")),
            self.zoom_in_action: (self.tr("Zoom in"), self.tr("Show a smaller area, closer")),
            self.zoom_out_action: (self.tr("Zoom out"), self.tr("Show a larger area")),
            self.full_extent_action: (self.tr("Whole area"),
                                      self.tr("Show the whole project area")),
            self.hazard_action: (self.tr("Add hazard"),
                                 self.tr("Add a hazard layer: flood depth, flooded areas…")),
            self.reference_action: (self.tr("Add reference layer…"),
                                    self.tr("Add boundaries, a survey or other data to "
                                            "map on")),
            self.export_actions["gpkg"]: (
                self.tr("Data for GIS (GeoPackage, GeoJSON, Shapefile, CSV, KML)…"),
                self.tr("Export layers for QGIS, GIS teams and spreadsheets")),
            self.export_actions["osm"]: (self.tr("For OpenStreetMap (JOSM)…"),
                                         self.tr("Export the verified features to open in "
                                                 "JOSM and upload")),
            self.export_actions["gtfs"]: (self.tr("Transport feed (GTFS)…"),
                                          self.tr("Export the transport lines and stops as "
                                                  "a GTFS feed")),
            self.export_actions["html"]: (self.tr("Offline web map…"),
                                          self.tr("One HTML file that shows the map in any "
                                                  "browser, with no internet")),
            self.print_action: (self.tr("Print map…"),
                                self.tr("Facility, risk and evacuation or transport map on "
                                        "A4 or A3, as PDF or PNG")),
            self.settings_action: (self.tr("Settings…"), self.tr("Language and coordinates")),
            self.about_action: (self.tr("About Quartier"), ""),
            self.help_action: (self.tr("Quick start"),
                               self.tr("How to run a mapping session, step by step")),
            self.utm_action: (self.tr("UTM coordinates"),
                              self.tr("Also show coordinates in metres (UTM)")),
            self.tool_actions[Tool.PAN]: (self.tr("Move map"),
                                          self.tr("Drag the map to move it")),
            self.tool_actions[Tool.IDENTIFY]: (self.tr("What is here?"),
                                               self.tr("Click on the map to see what is "
                                                       "there")),
            self.tool_actions[Tool.ZOOM_BOX]: (self.tr("Zoom to area"),
                                               self.tr("Draw a box on the map to zoom to it "
                                                       "(or Shift+drag)")),
        }
        for action, (text, tip) in texts.items():
            action.setText(text)
            action.setToolTip(tip or text.replace("…", ""))
            action.setStatusTip(tip)
        self.hazard_action.setIconText(self.tr("Add hazard"))
        self.print_action.setIconText(self.tr("Print"))
        self.export_button.setText(self.tr("Export"))
        self.export_button.setToolTip(self.tr("Export data, a web map or a map to print"))
        titles = {"kibera": self.tr("Kibera, Nairobi (Kenya)"),
                  "jakarta": self.tr("Jakarta (Indonesia), with flood depths")}
        for name, action in self.sample_actions.items():
            action.setText(titles.get(name) or sample_title(name))
        self.sample_button.setText(self.tr("Sample area"))
        self.sample_button.setToolTip(self.tr("Open a ready-made example area"))
        self.layers_dock.setWindowTitle(self.tr("Layers"))
        self.legend_dock.setWindowTitle(self.tr("Legend"))
        self.identify_dock.setWindowTitle(self.tr("What is here?"))
        self.toolbar.setWindowTitle(self.tr("Main toolbar"))
        self.map_search.retranslateUi()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def _update_title(self) -> None:
        if self.project is None:
            self.setWindowFilePath("")
            self.setWindowTitle(self.tr("Quartier: participatory mapping"))
            self.status.show_project_file(None)
            return
        location = self.project_location
        if is_team(location):
            self.setWindowFilePath("")
            self.setWindowTitle(self.tr("{project} — {file} — Quartier").format(
                project=self.project.metadata.name, file=server_words(str(location))))
            self.status.show_project_file(None)
            return
        path = Path(self.project.path)
        self.setWindowFilePath(str(path))
        self.setWindowTitle(self.tr("{project} — {file} — Quartier").format(
            project=self.project.metadata.name, file=path.name))
        self.status.show_project_file(path)

    def set_language(self, language: str) -> None:
        """Switch the interface language now and remember it."""
        if self.translations.install(language):
            save_language(language)
        self.language_actions[self.translations.language].setChecked(True)

    # -- projects ----------------------------------------------------------------------------

    def choose_project(self) -> None:
        """Ask for a project file and open it."""
        files = [p for p in settings.recent_projects() if isinstance(p, Path)]
        folder = str(files[0].parent) if files else str(project_files.ensure_quartier_folder())
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a project"), folder,
                                              self.tr("Quartier projects (*.gpkg)"))
        if path:
            self.open_project(Path(path))

    def open_project(self, path: Location) -> Task:
        """Open a project file or a team-server project, in a worker thread."""
        location = as_location(path)
        if is_team(location):
            return self.open_team_project(str(location))
        path = Path(location)
        return self.runner.run(self.tr("Opening {name}").format(name=path.name),
                               lambda task: load_project(path, task),
                               on_done=self.show_project, on_failed=self.show_error)

    def choose_team_project(self) -> None:
        """Ask for a team server, a user, a password and one of its projects; open it."""
        from desktop.dialogs.team_dialog import TeamProjectDialog

        recent = [p for p in settings.recent_projects() if isinstance(p, str)]
        dialog = TeamProjectDialog(recent[0] if recent else "", self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.open_team_project(dialog.url()))
        self.team_dialog = dialog
        dialog.open()

    def open_team_project(self, url: str, typed: bool = False) -> Task:
        """Open a project on a team server (``postgresql://…?project=NAME``), in a worker
        thread. A password the server wants and the address lacks is asked here (again,
        with the reason, when the one ``typed`` in the window was refused)."""
        name = project_name(url) or server_words(url)

        def failed(error: BaseException) -> None:
            from mapping.store.postgis import ServerPasswordError

            refused = isinstance(error, ServerPasswordError)
            if refused and (typed or not has_password(url)):
                self.last_error = error
                self.ask_password(url, str(error) if typed else "")
            else:
                self.show_error(error)

        return self.runner.run(self.tr("Opening {name} from the team server").format(name=name),
                               lambda task: load_project(url, task),
                               on_done=lambda loaded: self.show_project(loaded, url),
                               on_failed=failed)

    def ask_password(self, url: str, reason: str = "") -> QInputDialog:
        """Ask the password of the user of a team-server address (without blocking), then
        open the project with it. The password is kept in memory only."""
        dialog = QInputDialog(self)
        dialog.setObjectName("passwordDialog")
        dialog.setWindowTitle(self.tr("Team server password"))
        question = self.tr("Password of {user} on {server}:").format(
            user=user_name(url) or self.tr("your user"), server=server_words(url))
        dialog.setLabelText(f"{reason}\n\n{question}" if reason else question)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(
            lambda password: self.open_team_project(with_password(url, password), typed=True))
        dialog.finished.connect(lambda _result: setattr(self, "password_dialog", None))
        self.password_dialog = dialog
        dialog.open()
        return dialog

    def open_sample(self, name: str) -> Task:
        """Open a bundled sample area (built on first use, in a worker thread)."""

        preparing = self.tr("Preparing the sample area (only the first time)")
        opening = self.tr("Opening the map")

        def work(task: Task):
            task.report(preparing)
            path = project_files.sample_project_file(name, progress=task.progress_callback())
            task.check()
            task.report(opening)
            return load_project(path, task)

        title = self.tr("Opening the sample area {name}").format(name=name.capitalize())
        return self.runner.run(title, work, on_done=self.show_project,
                               on_failed=self.show_error)

    def new_project(self) -> None:
        """Make a new project from an OpenStreetMap extract."""
        from desktop.dialogs.new_project_dialog import NewProjectDialog

        dialog = NewProjectDialog(project_files.ensure_quartier_folder(), parent=self)
        if dialog.exec() != NewProjectDialog.DialogCode.Accepted:
            return
        extract, target, name = dialog.values()
        force = False
        if target.exists():
            answer = QMessageBox.question(
                self, self.tr("Replace project?"),
                self.tr("{file} already exists. Replace it?").format(file=target.name))
            if answer != QMessageBox.StandardButton.Yes:
                return
            force = True
        self.build_project(extract, target, name, force)

    def build_project(self, extract: Path, target: Path, name: str | None = None,
                      force: bool = False) -> Task:
        """Build a project from an OSM extract in a worker thread, then open it."""

        opening = self.tr("Opening the map")

        def work(task: Task):
            from mapping.build import project_from_extract

            existed = target.exists()
            project_from_extract(target, extract, name=name, force=force,
                                 progress=task.progress_callback())
            if task.is_cancelled() and not existed:
                # Cancel came while the file was being written: no half-wanted project.
                target.unlink(missing_ok=True)
            task.check()
            task.report(opening)
            return load_project(target, task)

        title = self.tr("Making {name}").format(name=target.name)
        return self.runner.run(title, work, on_done=self.show_project,
                               on_failed=self.show_error)

    def show_project(self, loaded, location: Location | None = None) -> None:
        """Put an opened project on the map (GUI thread); ``location`` is where it was
        opened from (default: its file)."""
        project, renderer = loaded
        self.project, self.renderer = project, renderer
        self.project_location = as_location(location) if location is not None \
            else Path(project.path)
        attribution = "© OpenStreetMap contributors"
        self.canvas.set_renderer(renderer, attribution=attribution)
        self.layers_panel.set_renderer(renderer)
        self.legend_panel.set_renderer(renderer)
        self.identify_panel.show_results([], searched=False)
        self.status.working_crs = str(getattr(renderer, "working_crs", "") or "")
        self.map_search.reset()
        self._enable_project_actions(True)
        self._update_title()
        settings.remember_project(self.project_location)
        self.status.showMessage(self.tr("Opened {name}").format(name=project.metadata.name),
                                5000)
        self.projectOpened.emit(project)
        self.team_watch.watch(self.project_location)

    def show_error(self, error: BaseException) -> QMessageBox:
        """Tell the person what went wrong, in one plain sentence (without blocking)."""
        self.last_error = error
        if isinstance(error, QuartierError):
            icon_kind, text = QMessageBox.Icon.Warning, str(error)
        else:
            icon_kind = QMessageBox.Icon.Critical
            text = self.tr("Something went wrong: {error}").format(error=error)
        box = QMessageBox(icon_kind, self.tr("Quartier"), text, QMessageBox.StandardButton.Ok,
                          self)
        box.setObjectName("errorBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def _enable_project_actions(self, enabled: bool) -> None:
        for action in self._project_actions:
            action.setEnabled(enabled)
        self.export_button.setEnabled(enabled)
        self.search_box.setEnabled(enabled)
        self.show_folder_action.setEnabled(enabled and not is_team(self.project_location))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = settings.recent_projects()
        self.recent_menu.setToolTipsVisible(True)
        for path in recent:
            if isinstance(path, str):
                text = self.tr("{project}   (team server {server})").format(
                    project=project_name(path), server=server_words(path))
            else:
                text = self.tr("{file}   ({folder})").format(
                    file=path.name, folder=project_files.short_path(path.parent))
            action = self.recent_menu.addAction(text)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_project(p))
        if not recent:
            empty = self.recent_menu.addAction(self.tr("(no recent projects)"))
            empty.setEnabled(False)
        self.recent_menu.addSeparator()
        self.recent_menu.addAction(self.clear_recent_action)

    def _clear_recent(self) -> None:
        settings.clear_recent_projects()

    def show_in_folder(self) -> None:
        """Open the folder holding the project in the file manager."""
        if self.project is not None and not is_team(self.project_location):
            project_files.show_in_folder(Path(self.project.path))

    def reopen_last_project(self) -> Task | None:
        """Open the last project again (on start), if wanted and still there."""
        path = settings.last_project()
        return self.open_project(path) if path is not None else None

    # -- map -------------------------------------------------------------------------------

    def set_tool(self, tool: Tool) -> None:
        """Choose what clicks and drags on the map do."""
        self.canvas.tool = tool
        self.canvas.set_map_tool(None)
        self.tool_actions[tool].setChecked(True)
        cursors = {Tool.PAN: Qt.CursorShape.OpenHandCursor,
                   Tool.IDENTIFY: Qt.CursorShape.PointingHandCursor,
                   Tool.ZOOM_BOX: Qt.CursorShape.CrossCursor}
        self.canvas.setCursor(cursors[tool])

    def zoom_to_layer(self, name: str) -> None:
        """Show the whole of one layer."""
        if self.renderer is not None:
            extent = self.renderer.layer_extent(name)
            if extent is None:
                self.status.showMessage(self.tr("This layer is empty."), 4000)
            else:
                self.canvas.zoom_to_extent(extent)

    def _on_identified(self, results: list) -> None:
        self.identify_panel.show_results(results)
        if not self.identify_dock.isVisible():
            self.identify_dock.show()

    # -- search ----------------------------------------------------------------------------

    def search(self, text: str | None = None) -> object | None:
        """Find a street, place or facility and show it; returns the result shown."""
        return self.map_search.search(text)

    # -- settings and closing ----------------------------------------------------------------

    def show_settings(self) -> None:
        """The settings dialog: language and UTM coordinates."""
        from desktop.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.translations.language, self.status.utm_button.isChecked(),
                                self, reopen=settings.reopen_last_project())
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            self.set_language(dialog.chosen_language())
            self.status.utm_button.setChecked(dialog.show_utm())
            settings.set_reopen_last_project(dialog.reopen_last())

    def show_about(self) -> None:
        """Help → About Quartier."""
        from desktop.dialogs.about import show_about

        show_about(self)

    def show_quick_start(self) -> None:
        """Help → Quick start: the guide, step by step."""
        from desktop.help_window import show_quick_start

        show_quick_start(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.edit_toolbar.close_session()
        self.team_watch.shutdown()
        self.runner.cancel_all()
        self.canvas.shutdown()
        self.runner.wait(10000)
        super().closeEvent(event)

