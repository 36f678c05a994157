"""Analysis → Transport service: the level of service of the transport lines, in a panel.

The figures are :func:`mapping.analysis.service_level.service_level`'s (what
``quartier service`` prints): per line, vehicles per hour in each time band and the
span of service; per area, the share of buildings within a 400 m walk of a stop, and
of a stop with a vehicle at least every 10 minutes, least served first. Run starts
the analysis through the window's task runner (the window stays responsive and says
the step under way; Cancel throws the answer away and writes nothing), then writes
the result layers (:func:`~mapping.analysis.service_level.write_service_layers`) and
puts them on the map, the least-served areas darkest, with their legend. Errors are
one plain sentence in the panel and in the window's message box.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import QDockWidget

from desktop.i18n import layer_title
from desktop.tasks import UNKNOWN, Task
from layers.errors import QuartierError

if TYPE_CHECKING:
    from desktop.panels.service_panel import ServicePanel

#: Titles and legend classes of the layers the analysis writes
#: (:mod:`mapping.analysis._service_layers`), for lupdate: the map's layer list and
#: legend translate them at run time (:mod:`desktop.i18n`).
SERVICE_WORDS = (
    QT_TRANSLATE_NOOP("LayerTitle", "Walk to transport"),
    QT_TRANSLATE_NOOP("LayerTitle", "Transport stops by frequency"),
    QT_TRANSLATE_NOOP("LayerTitle", "Least-served areas"),
    QT_TRANSLATE_NOOP("LegendLabel", "frequent stop within walk"),
    QT_TRANSLATE_NOOP("LegendLabel", "stop within walk"),
    QT_TRANSLATE_NOOP("LegendLabel", "no stop within walk"),
    QT_TRANSLATE_NOOP("LegendLabel", "no street near"),
    QT_TRANSLATE_NOOP("LegendLabel", "under 25 %"),
    QT_TRANSLATE_NOOP("LegendLabel", "25-50 %"),
    QT_TRANSLATE_NOOP("LegendLabel", "50-75 %"),
    QT_TRANSLATE_NOOP("LegendLabel", "75 % or more"),
    QT_TRANSLATE_NOOP("LegendLabel", "no buildings"),
    QT_TRANSLATE_NOOP("LegendLabel", "frequent"),
    QT_TRANSLATE_NOOP("LegendLabel", "not frequent"),
    QT_TRANSLATE_NOOP("LegendLabel", "cut off"),
)


class ServiceFlow(QObject):
    """The Analysis menu's "Transport service" entry, its dock and its runs."""

    #: The level of service is shown, and its layers are on the map (their names).
    shown = Signal(list)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        #: The task under way, if any.
        self.task: Task | None = None
        #: The report shown (ServiceReport), and the layers it wrote.
        self.report: Any = None
        self.layers: list[str] = []
        # The street graph and buildings of the open project, read by the first run and
        # kept for the next (a panel is asked again and again; neither is edited here).
        self._inputs: tuple[Any, Any] | None = None
        #: The dock's panel, made the first time it is wanted (see :attr:`panel`).
        self._panel: ServicePanel | None = None
        self.dock = QDockWidget(window)
        self.dock.setObjectName("serviceDock")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                              | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        window.tabifyDockWidget(window.identify_dock, self.dock)
        self.dock.hide()
        # After "Access to services…", before the campaign's own entries.
        menu = window.analysis_flow.menu
        self.action = menu.addAction("", self.open)
        access = window.analysis_flow.actions[max(window.analysis_flow.actions)]
        entries = menu.actions()
        after = entries.index(access) + 1
        if after < len(entries) - 1:
            menu.removeAction(self.action)
            menu.insertAction(entries[after], self.action)
        window.runner.progressed.connect(self._progressed)
        window.projectOpened.connect(self._project_opened)
        window.import_flow.imported.connect(self._layers_changed)
        self.dock.installEventFilter(self)  # the dock is there before the panel
        self.retranslateUi()

    @property
    def panel(self) -> ServicePanel:
        """The Transport service panel in the dock, made the first time it is wanted (the
        first map does not need it)."""
        if self._panel is None:
            from desktop.panels.service_panel import ServicePanel

            panel = self._panel = ServicePanel(self.window)
            panel.number_locale = QLocale(self.window.translations.language)
            self.dock.setWidget(panel)
            panel.areas_table.cellDoubleClicked.connect(
                lambda row, _column: self.zoom_to_area(row))
            panel.runRequested.connect(self.run)
            panel.cancelRequested.connect(self.cancel)
            if self.window.project is not None:
                panel.set_project(self.window.project, self._titles())
        return self._panel

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.dock and event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        return False

    def retranslateUi(self) -> None:
        """Texts in the interface language."""
        if self._panel is not None:
            self._panel.number_locale = QLocale(self.window.translations.language)
        self.action.setText(self.tr("Transport service…"))
        self.action.setStatusTip(self.tr("How often vehicles come on each line, and the "
                                         "buildings within a walk of a stop, per area"))
        self.dock.setWindowTitle(self.tr("Transport service"))

    def _titles(self) -> dict[str, str]:
        renderer = self.window.renderer
        if renderer is None:
            return {}
        return {state.name: layer_title(state.title) for state in renderer.layer_states()}

    def _project_opened(self, project) -> None:
        self.report, self.layers, self._inputs = None, [], None
        if self._panel is not None:  # else it is filled when made
            self._panel.set_project(project, self._titles())
            self._panel.show_message("")

    def _layers_changed(self, _name: str = "") -> None:
        self._inputs = None  # an imported layer may be new streets or buildings
        if self._panel is not None and self.task is None and self.window.project is not None:
            self.panel.set_project(self.window.project, self._titles())

    def open(self) -> None:
        """Show the panel (the answer shown stays until Run)."""
        if self.task is None:
            self.panel.set_project(self.window.project, self._titles())
        first = not self.dock.isVisible()
        self.dock.show()
        self.dock.raise_()
        if first:  # room for the tables beside the map
            width = max(self.dock.width(), min(560, self.window.width() // 3))
            self.window.resizeDocks([self.dock], [width], Qt.Orientation.Horizontal)

    # -- the run ---------------------------------------------------------------------------

    def _progressed(self, task: Task, sentence: str, _fraction: float) -> None:
        if task is self.task:
            self.panel.show_step(sentence)

    def cancel(self) -> None:
        """Stop the analysis under way; its answer, if it still comes, is not shown."""
        if self.task is not None:
            self.task.cancel()
            self.panel.cancel_button.setEnabled(False)
            self.panel.show_step(self.tr("Cancelling…"))

    def run(self, values: dict | None = None) -> Task | None:
        """Count the level of service in a worker thread, then write and show its layers."""
        project = self.window.project
        if project is None or self.task is not None:
            return None
        values = values if values is not None else self.panel.request()
        steps = (self.tr("Reading the lines, the stops and the streets…"),
                 self.tr("Measuring the walk from every building to the stops…"),
                 self.tr("Saving the layers…"))

        inputs = self._inputs

        def work(task: Task):
            from mapping.analysis.places import Buildings
            from mapping.analysis.service_level import service_level, write_service_layers
            from mapping.analysis.street_network import StreetNetwork

            task.report(steps[0], UNKNOWN)
            network, buildings = inputs or (StreetNetwork.from_project(project),
                                            Buildings.from_project(project))
            task.check()
            task.report(steps[1], UNKNOWN)
            report = service_level(project, by=values.get("by"),
                                   by_field=values.get("by_field"),
                                   hazard=values.get("hazard"), network=network,
                                   buildings=buildings)
            task.check()  # Cancel before the layers are saved: nothing is written
            task.report(steps[2], UNKNOWN)
            names = write_service_layers(project, report)
            return report, list(names or []), (network, buildings)

        def finish() -> bool:
            self.task = None
            self.panel.set_busy(False)
            return self.window.project is project  # an answer about a closed project

        def done(answer: tuple) -> None:
            if not finish():
                return
            self.report, self.layers, self._inputs = answer
            renderer = self.window.renderer
            if renderer is not None:
                self._show_layers(renderer)
            self.panel.show_report(self.report, self._titles())
            self.shown.emit(list(self.layers))

        def failed(error: BaseException) -> None:
            if not finish():
                return
            if isinstance(error, QuartierError):
                self.panel.show_message(str(error))
            else:
                self.panel.show_message(self.tr("The analysis stopped on an unexpected "
                                                "error."))
            self.window.show_error(error)

        def cancelled() -> None:
            if finish():
                self.panel.show_message(self.tr("Cancelled; nothing was changed."))

        self.panel.set_busy(True)
        self.task = self.window.runner.run(self.tr("Transport service"), work, on_done=done,
                                           on_failed=failed, on_cancelled=cancelled)
        return self.task

    def _show_layers(self, renderer) -> None:
        """Put the layers written on the map. With areas, the least-served areas are the
        map (the buildings' own classes are one tick away in the layer list); without,
        the buildings coloured by their walk to a stop."""
        from mapping.analysis.service_level import AREAS_LAYER, BUILDINGS_LAYER

        known = {state.name for state in renderer.layer_states()}
        if AREAS_LAYER in known and AREAS_LAYER not in self.layers:
            renderer.remove_layer(AREAS_LAYER)  # the run without areas removed it
        for name in self.layers:
            renderer.reload_layer(name)
        if BUILDINGS_LAYER in self.layers:
            renderer.set_visible(BUILDINGS_LAYER, AREAS_LAYER not in self.layers)

    def zoom_to_area(self, row: int) -> bool:
        """Show the area of a row of the areas table on the map (a double click on it);
        False when the row is no area with a shape (the whole project)."""
        report, renderer = self.report, self.window.renderer
        details = getattr(report, "details", None)
        if details is None or renderer is None or not report.areas:
            return False
        name = self.panel.cell(self.panel.areas_table, row, 0)
        if name not in details.area_names:
            return False
        import shapely
        from pyproj import Transformer

        shape = details.area_shapes[details.area_names.index(name)]
        lonlat = shapely.get_coordinates(shape)
        if not len(lonlat):
            return False
        forward = Transformer.from_crs("EPSG:4326", renderer.working_crs, always_xy=True)
        xs, ys = forward.transform(lonlat[:, 0], lonlat[:, 1])
        self.window.canvas.zoom_to_extent((min(xs), min(ys), max(xs), max(ys)), margin=0.15)
        return True
