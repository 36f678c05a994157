"""The status bar: cursor position, map scale, and the progress of long work.

Coordinates are shown as latitude/longitude in degrees; the UTM button adds the
working CRS coordinates in metres (what a surveyor's GPS or QGIS shows). While a
task runs, its sentence, a progress bar and a Cancel button appear on the right.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QProgressBar,
    QPushButton,
    QStatusBar,
    QToolButton,
    QWidget,
)

from desktop.project_files import short_path
from desktop.settings import set_show_utm, show_utm
from desktop.tasks import Task, TaskRunner

#: Widest the project's path is shown, pixels (the full path is in its tooltip).
PATH_WIDTH = 420


class StatusBar(QStatusBar):
    """Status bar with the project file, coordinates, scale, and progress + cancel."""

    #: The project file's button was clicked: show its folder.
    showFolderRequested = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.project_path: Path | None = None
        self.project_button = QToolButton(self)
        self.project_button.setObjectName("projectFileButton")
        self.project_button.setAutoRaise(True)
        self.project_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.project_button.setVisible(False)
        self.project_button.clicked.connect(self.showFolderRequested)
        # Permanent: messages ("Saved.", "Opened…") never hide where the project is.
        self.addPermanentWidget(self.project_button)
        self.working_crs = ""
        self._position: tuple[float, float, float, float] | None = None
        self._scale: float | None = None
        self.coordinates = QLabel(self)
        self.coordinates.setObjectName("coordinatesLabel")
        self.coordinates.setMinimumWidth(220)
        self.utm_button = QToolButton(self)
        self.utm_button.setObjectName("utmButton")
        self.utm_button.setCheckable(True)
        self.utm_button.setChecked(show_utm())
        self.utm_button.setAutoRaise(True)
        self.scale_label = QLabel(self)
        self.scale_label.setObjectName("scaleLabel")
        self.scale_label.setMinimumWidth(110)
        self.task_label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("taskProgress")
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancelButton")
        for widget in (self.task_label, self.progress, self.cancel_button):
            self.addPermanentWidget(widget)
            widget.setVisible(False)
        self.addPermanentWidget(self.coordinates)
        self.addPermanentWidget(self.utm_button)
        self.addPermanentWidget(self.scale_label)

        self.utm_button.toggled.connect(self._on_utm_toggled)
        self.cancel_button.clicked.connect(self.cancel_current)
        runner.started.connect(self._show_tasks)
        runner.ended.connect(self._show_tasks)
        runner.progressed.connect(self._on_progress)
        runner.cancelled.connect(self._on_cancelled)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        """Re-read the texts in the interface language."""
        self.utm_button.setText(self.tr("UTM"))
        self.utm_button.setToolTip(self.tr("Also show coordinates in metres (UTM)"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop this work; nothing will be changed"))
        self.coordinates.setToolTip(self.tr("Position of the mouse on the map"))
        self.scale_label.setToolTip(self.tr("Map scale"))
        self.show_project_file(self.project_path)
        self._show_position()
        self._show_scale()
        self._show_tasks()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # -- project file ------------------------------------------------------------------------

    def show_project_file(self, path: Path | None) -> None:
        """Show where the open project is kept (the full path in its tooltip)."""
        self.project_path = Path(path) if path is not None else None
        self.project_button.setVisible(path is not None)
        if self.project_path is None:
            return
        # A long path is shortened in the middle: the file name stays readable.
        self.project_button.setText(self.project_button.fontMetrics().elidedText(
            short_path(self.project_path), Qt.TextElideMode.ElideMiddle, PATH_WIDTH))
        self.project_button.setToolTip(self.tr("{path}\nClick to show it in its folder")
                                       .format(path=self.project_path))

    # -- position and scale -----------------------------------------------------------------

    def show_position(self, lon: float, lat: float, x: float, y: float) -> None:
        """Show where the mouse is."""
        self._position = (lon, lat, x, y)
        self._show_position()

    def _show_position(self) -> None:
        if self._position is None:
            self.coordinates.setText(self.tr("Move the mouse over the map"))
            return
        lon, lat, x, y = self._position
        text = self.tr("Lat {lat:.5f}°, Lon {lon:.5f}°").format(lat=lat, lon=lon)
        if self.utm_button.isChecked():
            zone = self.working_crs or "UTM"
            text += "   " + self.tr("{crs}: E {x:,.0f} m, N {y:,.0f} m").format(
                crs=zone, x=x, y=y)
        self.coordinates.setText(text)

    def show_scale(self, denominator: float | None) -> None:
        """Show the map scale as 1:N (rounded as a person would say it)."""
        self._scale = denominator
        self._show_scale()

    def _show_scale(self) -> None:
        if self._scale is None:
            self.scale_label.setText("")
            return
        self.scale_label.setText(self.tr("Scale 1:{n:,}").format(n=round_scale(self._scale)))

    def _on_utm_toggled(self, checked: bool) -> None:
        set_show_utm(checked)
        self._show_position()

    # -- tasks -----------------------------------------------------------------------------------

    def current_task(self) -> Task | None:
        """The task whose progress is shown (the oldest one under way)."""
        tasks = self.runner.tasks()
        return tasks[0] if tasks else None

    def cancel_current(self) -> None:
        """Cancel the task under way."""
        task = self.current_task()
        if task is not None:
            task.cancel()
            self.task_label.setText(self.tr("Cancelling…"))
            self.cancel_button.setEnabled(False)

    def _show_tasks(self, *args) -> None:
        task = self.current_task()
        busy = task is not None
        for widget in (self.task_label, self.progress, self.cancel_button):
            widget.setVisible(busy)
        if task is None:
            return
        self.task_label.setText(task.title)
        self.cancel_button.setEnabled(task.cancellable and not task.is_cancelled())
        self.progress.setRange(0, 0)

    def _on_cancelled(self, task: Task) -> None:
        self.showMessage(self.tr("{title}: cancelled, nothing was changed.")
                         .format(title=task.title), 8000)

    def _on_progress(self, task: Task, message: str, fraction: float) -> None:
        if task is not self.current_task():
            return
        if message:
            self.task_label.setText(f"{task.title}: {message}")
        if fraction < 0:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, 1000)
            self.progress.setValue(round(fraction * 1000))


def round_scale(denominator: float) -> int:
    """A scale denominator rounded to two significant figures (1:12,345 -> 1:12,000)."""
    value = max(1, round(denominator))
    digits = len(str(value))
    step = 10 ** max(0, digits - 2)
    return int(round(value / step) * step)
