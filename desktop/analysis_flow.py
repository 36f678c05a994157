"""Exposure, evacuation and access from the window, off the GUI thread.

The Analysis menu opens the Analysis panel on one question; Run starts the engine
(:mod:`mapping.analysis`) through the window's task runner, which keeps the window
responsive and shows the step under way. The engines take no cancel callback, so
the work checks for Cancel between its steps (reading the streets, reading the
buildings, routing, saving): after Cancel the step under way finishes in the
background, its result is thrown away and nothing is written to the project
(an evacuation cancelled before its routes are saved writes no
``evacuation_routes``). An evacuation writes what ``quartier evacuate`` writes (the
routes and the service areas), an access run what ``quartier access`` writes
(``access_<kind>``), and those layers are put on the map. Errors are shown in one
plain sentence, in the panel and in the window's message box, never as a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QFileDialog

from desktop.i18n import layer_title
from desktop.project_files import output_folder
from desktop.tasks import UNKNOWN, Task
from layers.errors import QuartierError, ValidationError

if TYPE_CHECKING:
    from desktop.panels.analysis_panel import AnalysisPanel

#: The panel's questions (its tabs), as :class:`AnalysisPanel` numbers them.
EXPOSURE, EVACUATION, ACCESS = 0, 1, 2


def _can_save_layer() -> bool:
    """Whether this Quartier can save an exposure result as a project layer."""
    try:
        from mapping.analysis._result_layers import save_exposure_layer  # noqa: F401
    except ImportError:
        return False
    return True


def _can_write_report() -> bool:
    """Whether this Quartier can write an exposure report."""
    try:
        from mapping.analysis.report import write_report  # noqa: F401
    except ImportError:
        return False
    return True


class AnalysisFlow(QObject):
    """The Analysis menu, its dock panel, and the runs."""

    #: An analysis ended and its answer is shown: "exposure", "evacuation" or "access".
    shown = Signal(str)
    #: An exposure result was saved as this project layer.
    layerSaved = Signal(str)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        #: The task under way, if any.
        self.task: Task | None = None
        #: The exposure result shown (ExposureResult), for saving it.
        self.exposure_result: Any = None
        #: The evacuation shown and its summary, for its report.
        self.evacuation_result: Any = None
        self.evacuation_summary: dict | None = None
        #: The safe route from the last point clicked after an evacuation (working CRS
        #: coordinates, None with no route) and what was said about it.
        self.clicked_route: Any = None
        self.clicked_text = ""
        self._area_layer: str | None = None
        #: The dock's panel, made the first time it is wanted (see :attr:`panel`).
        self._panel: AnalysisPanel | None = None
        self.dock = QDockWidget(window)
        self.dock.setObjectName("analysisDock")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                              | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        window.tabifyDockWidget(window.identify_dock, self.dock)
        self.dock.hide()

        self.menu = window.menuBar().addMenu("")
        window.menuBar().insertMenu(window.settings_menu.menuAction(), self.menu)
        self.actions = {which: self.menu.addAction("", lambda w=which: self.open(w))
                        for which in (EXPOSURE, EVACUATION, ACCESS)}
        self.menu.setEnabled(False)

        window.runner.progressed.connect(self._progressed)
        window.projectOpened.connect(self._project_opened)
        window.import_flow.imported.connect(self._layers_changed)
        window.canvas.clickedAt.connect(self.route_from)
        window.canvas.add_overlay(self._paint_route)
        self.dock.installEventFilter(self)  # the dock is there before the panel
        self.retranslateUi()

    @property
    def panel(self) -> AnalysisPanel:
        """The Analysis panel in the dock, made the first time it is wanted: the first map
        does not need it (nor the analysis modules it asks about)."""
        if self._panel is None:
            from desktop.panels.analysis_panel import AnalysisPanel

            panel = self._panel = AnalysisPanel(self.window)
            panel.can_save_layer = _can_save_layer()
            panel.can_report = _can_write_report()
            panel.number_locale = QLocale(self.window.translations.language)
            self.dock.setWidget(panel)
            panel.exposureRequested.connect(self.run_exposure)
            panel.evacuationRequested.connect(self.run_evacuation)
            panel.accessRequested.connect(self.run_access)
            panel.cancelRequested.connect(self.cancel)
            panel.saveLayerRequested.connect(self.save_layer)
            panel.reportRequested.connect(self.ask_report)
            if self.window.project is not None:
                panel.set_project(self.window.project, self._titles())
        return self._panel

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.dock and event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
            # The layer lists hold titles in the language they were filled in.
            if self._panel is not None and self.task is None \
                    and self.window.project is not None:
                self.panel.set_project(self.window.project, self._titles())
        return False

    def retranslateUi(self) -> None:
        """Menu and dock titles in the interface language (the window calls this)."""
        if self._panel is not None:
            self._panel.number_locale = QLocale(self.window.translations.language)
        self.menu.setTitle(self.tr("&Analysis"))
        self.dock.setWindowTitle(self.tr("Analysis"))
        texts = {EXPOSURE: self.tr("Who is exposed…"),
                 EVACUATION: self.tr("Evacuation routes…"),
                 ACCESS: self.tr("Access to services…")}
        tips = {EXPOSURE: self.tr("Count the buildings, roads or land in each "
                                                "class of a hazard"),
                EVACUATION: self.tr("Route every building to the nearest safe "
                                                  "shelter, around a hazard"),
                ACCESS: self.tr("Walking distance from every building to a "
                                              "kind of facility")}
        for which, action in self.actions.items():
            action.setText(texts[which])
            action.setStatusTip(tips[which])

    def _titles(self) -> dict[str, str]:
        renderer = self.window.renderer
        if renderer is None:
            return {}
        return {state.name: layer_title(state.title) for state in renderer.layer_states()}

    def _project_opened(self, project) -> None:
        self.exposure_result = self.evacuation_result = self.evacuation_summary = None
        self.clicked_route, self.clicked_text = None, ""
        if self._panel is not None:  # else it is filled when made
            self._panel.set_project(project, self._titles())
            self._panel.show_message("")
        self.menu.setEnabled(True)

    def _layers_changed(self, _name: str = "") -> None:
        """A layer was added: offer it (unless an analysis is under way)."""
        if self._panel is not None and self.task is None and self.window.project is not None:
            self.panel.set_project(self.window.project, self._titles())

    def open(self, which: int) -> None:
        """Show the panel on one question."""
        if self.task is None:
            self.panel.set_project(self.window.project, self._titles())
        self.panel.show_tab(which)
        first = not self.dock.isVisible()
        self.dock.show()
        self.dock.raise_()
        if first:  # room for a table of classes beside the map
            width = max(self.dock.width(), min(560, self.window.width() // 3))
            self.window.resizeDocks([self.dock], [width], Qt.Orientation.Horizontal)

    # -- runs ------------------------------------------------------------------------------

    def _progressed(self, task: Task, sentence: str, _fraction: float) -> None:
        if task is self.task:
            self.panel.show_step(sentence)

    def cancel(self) -> None:
        """Stop the analysis under way; its answer, if it still comes, is not shown."""
        if self.task is not None:
            self.task.cancel()
            self.panel.cancel_button.setEnabled(False)
            self.panel.show_step(self.tr("Cancelling…"))

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, QuartierError):
            self.panel.show_message(str(error))
        else:
            self.panel.show_message(self.tr("The analysis stopped on an unexpected error."))
        self.window.show_error(error)

    def _start(self, title: str, work, on_done) -> Task | None:
        if self.task is not None:  # one at a time; Run is greyed out meanwhile
            return None
        project = self.window.project
        self.panel.set_busy(True)

        def finish() -> bool:
            self.task = None
            self.panel.set_busy(False)
            return self.window.project is project  # an answer about a closed project: dropped

        def done(result) -> None:
            if finish():
                on_done(result)

        def failed(error: BaseException) -> None:
            if finish():
                self._failed(error)

        def cancelled() -> None:
            if finish():
                self.panel.show_message(self.tr("Cancelled; nothing was changed."))

        self.task = self.window.runner.run(title, work, on_done=done, on_failed=failed,
                                           on_cancelled=cancelled)
        return self.task

    def _refuse(self, sentence: str) -> None:
        self._failed(ValidationError(sentence))

    def _no_hazard(self, box) -> bool:
        """Refuse in a sentence when the project has no hazard layer to choose."""
        if box.count():
            return False
        self._refuse(self.tr("This project has no hazard layer yet: add one with "
                             "Layer → Add hazard."))
        return True

    def run_exposure(self, values: dict) -> Task | None:
        """Count what the hazard exposes, in a worker thread."""
        project = self.window.project
        if project is None:
            return None
        if self._no_hazard(self.panel.hazard_box):
            return None
        if values.get("exposure") is None and "population" in values and not values["population"]:
            self._refuse(self.tr("Choose the population raster file to count first."))
            return None
        if not values.get("hazard") or not (values.get("exposure") or values.get("population")):
            self._refuse(self.tr("Choose a hazard layer and a layer to count first."))
            return None
        titles = self._titles()
        counted = values.get("exposure") or Path(values["population"]).name
        step = self.tr("Counting {layer} in each class of {hazard}…").format(
            layer=titles.get(counted, counted),
            hazard=titles.get(values["hazard"], values["hazard"]))

        def work(task: Task):
            from mapping.analysis.exposure import analyse
            from mapping.analysis.schemes import scheme_named

            task.report(step, UNKNOWN)
            scheme = scheme_named(values["scheme"]) if values.get("scheme") else None
            population = Path(values["population"]) if values.get("population") else None
            result = analyse(project, values["hazard"], values.get("exposure"),
                             by=values.get("by"), by_field=values.get("by_field"),
                             scheme=scheme, population=population)
            task.check()  # a cancelled answer is not shown
            return result

        def done(result) -> None:
            self.exposure_result = result
            self.evacuation_result = self.evacuation_summary = None
            self._area_layer = values.get("by")
            affected = [c.name for c in result.scheme.classes if c.affected]
            self.panel.show_exposure(result.to_json(), affected, self._titles(), result)
            if values.get("population"):  # counted per cell: no features to save
                self.panel.save_button.setVisible(False)
            self.shown.emit("exposure")

        task = self._start(self.tr("Who is exposed"), work, done)
        if task is not None:
            self.exposure_result = None  # the answer shown is about to go
        return task

    def run_evacuation(self, values: dict) -> Task | None:
        """Route every building to safety, in a worker thread; writes evacuation_routes."""
        project = self.window.project
        if project is None:
            return None
        if self._no_hazard(self.panel.evac_hazard_box):
            return None
        if not values.get("hazard"):
            self._refuse(self.tr("Choose a hazard layer first."))
            return None
        if not values.get("avoid"):
            self._refuse(self.tr("Tick at least one hazard class to keep out of."))
            return None
        steps = (self.tr("Reading the streets…"), self.tr("Reading the buildings…"),
                 self.tr("Finding the nearest safe shelter from every building…"),
                 self.tr("Saving the routes…"),
                 self.tr("Drawing the ground within 5, 10 and 15 minutes' walk…"))

        def work(task: Task):
            from mapping.analysis.evacuation import (
                evacuate,
                write_no_safe_route,
                write_routes,
                write_service_areas,
            )
            from mapping.analysis.places import Buildings
            from mapping.analysis.street_network import StreetNetwork

            task.report(steps[0], UNKNOWN)
            network = StreetNetwork.from_project(project)
            task.check()
            task.report(steps[1], UNKNOWN)
            buildings = Buildings.from_project(project)
            task.check()
            task.report(steps[2], UNKNOWN)
            result = evacuate(project, values["hazard"], avoid_classes(values),
                              walk_speed=float(values["walk_speed"]), network=network,
                              buildings=buildings, population=values.get("population"))
            task.check()  # Cancel before the routes are saved: nothing is written
            task.report(steps[3], UNKNOWN)
            write_routes(project, result)
            write_no_safe_route(project, result)
            task.report(steps[4], UNKNOWN)
            areas = write_service_areas(project, result)
            return result, result.summary(areas)

        def done(answer: tuple) -> None:
            result, summary = answer
            from mapping.analysis.evacuation import (
                NO_ROUTE_LAYER,
                ROUTES_LAYER,
                SERVICE_AREAS_LAYER,
            )

            self.window.renderer.reload_layer(SERVICE_AREAS_LAYER)
            self.window.renderer.reload_layer(ROUTES_LAYER)
            self.window.renderer.reload_layer(NO_ROUTE_LAYER)
            hazard = self._titles().get(values["hazard"], values["hazard"])
            self.panel.show_evacuation(summary, hazard)
            self.exposure_result = None  # the report button now writes this one
            self.evacuation_result, self.evacuation_summary = result, summary
            self.clicked_route, self.clicked_text = None, ""
            self.panel.report_button.setVisible(True)
            self.shown.emit("evacuation")

        return self._start(self.tr("Evacuation routes"), work, done)

    def run_access(self, values: dict) -> Task | None:
        """Distance to the nearest facility of a kind, in a worker thread."""
        from mapping.analysis.access import parse_within

        project = self.window.project
        if project is None:
            return None
        text = (values.get("within") or "").strip()
        try:
            within = parse_within(text or None)
        except QuartierError:
            self._refuse(self.tr("Type the distances in metres, separated by commas, like "
                                 "250, 500, 1000."))
            return None
        kind = values["kind"]
        steps = (self.tr("Reading the streets…"), self.tr("Reading the buildings…"),
                 self.tr("Measuring along the streets…"))

        def work(task: Task):
            from mapping.analysis.access import access, write_access_layer
            from mapping.analysis.places import Buildings
            from mapping.analysis.street_network import StreetNetwork

            task.report(steps[0], UNKNOWN)
            network = StreetNetwork.from_project(project)
            task.check()
            task.report(steps[1], UNKNOWN)
            buildings = Buildings.from_project(project)
            task.check()
            task.report(steps[2], UNKNOWN)
            result = access(project, kind, within, by=values.get("by"),
                            by_field=values.get("by_field"), network=network,
                            buildings=buildings)
            task.check()  # Cancel before the distances are saved: nothing is written
            name = write_access_layer(project, result)
            return name, result.summary(), worst_served(result)

        def done(answer: tuple[str, dict, list[dict]]) -> None:
            name, summary, worst = answer
            self.window.renderer.reload_layer(name)
            self.panel.show_access(summary, self.panel.kind_words(kind), worst)
            self.shown.emit("access")

        return self._start(self.tr("Access to services"), work, done)

    # -- keeping an exposure result --------------------------------------------------------

    def save_layer(self) -> Task | None:
        """Save the exposure result shown as a project layer, and put it on the map."""
        result = self.exposure_result
        project = self.window.project
        if result is None or project is None or self.task is not None:
            return None

        def work(task: Task) -> str:
            from mapping.analysis._result_layers import save_exposure_layer

            return save_exposure_layer(project, result)

        def done(name: str) -> None:
            self.window.renderer.reload_layer(name)
            self.window.status.showMessage(self.tr("Saved the layer {name}.").format(
                name=name), 6000)
            self.layerSaved.emit(name)

        return self.window.runner.run(self.tr("Saving the result as a layer"), work,
                                      on_done=done, on_failed=self.window.show_error,
                                      cancellable=False)

    def ask_report(self) -> None:
        """Ask where to write the report of the result shown, then write it."""
        result = self.exposure_result or self.evacuation_result
        project = self.window.project
        if result is None or project is None:
            return
        stem = (f"exposure_{result.hazard}_{result.exposure}" if self.exposure_result
                else f"evacuation_{result.hazard}")
        suggested = output_folder(project) / f"{stem}.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Write report"), str(suggested),
            self.tr("PDF (*.pdf);;Web page (*.html)"))
        if path:
            self.write_report(Path(path))

    def write_report(self, path: Path) -> Task | None:
        """Write the report of the result shown (.pdf or .html), in a worker."""
        result = self.exposure_result
        project = self.window.project
        if path.suffix.lower() not in (".pdf", ".html", ".htm"):
            path = path.with_suffix(".pdf")
        if result is None and self.evacuation_result is not None and project is not None:
            return self._write_evacuation_report(path)
        if result is None or project is None:
            return None
        data = result.to_json()
        by = self._area_layer if data["by_area"] else None
        needs = self.panel.needs_box.needs if result.measure == "people" else None
        if needs is not None:
            data["displaced"] = needs.displaced
            data["needs"] = needs.needs

        def work(task: Task) -> Path:
            from mapping.analysis.report import write_report

            return write_report(path, project, result, data, needs, area_layer=by)

        def done(written: Path) -> None:
            self.window.status.showMessage(self.tr("Wrote {file}.").format(
                file=written.name), 8000)

        return self.window.runner.run(self.tr("Writing the report"), work, on_done=done,
                                      on_failed=self.window.show_error, cancellable=False)

    def route_from(self, x: float, y: float) -> str:
        """After an evacuation: the safe route from a point clicked with "What is here?"
        (map coordinates), drawn on the map and said in the status bar, with no new
        search. Returns the sentence ("" when no evacuation is shown)."""
        result, renderer = self.evacuation_result, self.window.renderer
        if result is None or renderer is None:
            return ""
        from pyproj import Transformer

        crs = renderer.working_crs
        to_lonlat = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
        lon, lat = to_lonlat.transform(x, y)
        route = result.route_from(lon, lat)
        if route.line is None:
            self.clicked_route = None
            self.clicked_text = self.tr("No safe route from here: every way out crosses a "
                                        "zone to keep out of.")
        else:
            import shapely

            back = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
            points = shapely.get_coordinates(route.line)
            xs, ys = back.transform(points[:, 0], points[:, 1])
            self.clicked_route = list(zip(xs, ys, strict=True))
            place = route.destination
            self.clicked_text = self.tr("From here: {metres} m, {minutes} min on foot to "
                                        "{place}.").format(
                metres=self.panel.number(round(route.length_m)),
                minutes=self.panel.number(route.walk_s / 60, 1),
                place=(place.name or place.uuid) if place else "")
        self.window.status.showMessage(self.clicked_text, 20000)
        self.window.canvas.update()
        return self.clicked_text

    def _paint_route(self, painter) -> None:
        if not self.clicked_route or self.window.canvas.view is None:
            return
        from PySide6.QtCore import QPointF
        from PySide6.QtGui import QColor, QPen, QPolygonF

        canvas = self.window.canvas
        line = QPolygonF([canvas.to_screen(x, y) for x, y in self.clicked_route])
        painter.save()
        for colour, width in (("#ffffff", 8.0), ("#6a1b9a", 4.5)):
            pen = QPen(QColor(colour), width)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.drawPolyline(line)
        end = line[line.size() - 1]
        painter.setBrush(QColor("#1b7e3c"))
        painter.setPen(QPen(QColor("#ffffff"), 2.0))
        painter.drawEllipse(QPointF(end), 7.0, 7.0)
        painter.restore()

    def _write_evacuation_report(self, path: Path) -> Task | None:
        project, result = self.window.project, self.evacuation_result
        summary = self.evacuation_summary

        def work(task: Task) -> Path:
            from mapping.analysis.evacuation_report import write_evacuation_report

            return write_evacuation_report(path, project, result, summary)

        def done(written: Path) -> None:
            self.window.status.showMessage(self.tr("Wrote {file}.").format(
                file=written.name), 8000)

        return self.window.runner.run(self.tr("Writing the report"), work, on_done=done,
                                      on_failed=self.window.show_error, cancellable=False)


def avoid_classes(values: dict) -> Any:
    """The classes to keep out of, read as ``quartier evacuate --avoid`` reads them.

    The layer's own affected classes, ticked as they come, are the default (what
    the command does without ``--avoid``); any other choice is passed by name.
    """
    from mapping.analysis.avoided_zones import parse_avoid

    names = list(values["avoid"])
    if sorted(names) == sorted(values.get("affected") or []):
        return parse_avoid(None)
    return parse_avoid(",".join(names))


def worst_served(result: Any) -> list[dict]:
    """The worst-served buildings of an access result, farthest first: fid, metres
    along the streets (None: unreachable) and the nearest facility's name."""
    import math

    index = {int(fid): k for k, fid in enumerate(result.buildings.fids.tolist())}
    rows = []
    for fid in result.worst_served().tolist():
        k = index[int(fid)]
        metres = float(result.distance_m[k])
        facility = int(result.facility[k])
        place = result.facilities[facility] if facility >= 0 else None
        rows.append({"fid": int(fid),
                     "distance_m": round(metres, 1) if math.isfinite(metres) else None,
                     "facility": (place.name or place.uuid) if place is not None else None})
    return rows
