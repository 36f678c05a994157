"""Analysis → Mapping progress: the campaign indicators in a panel beside the map.

The figures are :func:`mapping.progress.campaign_progress`'s (what ``quartier
progress`` prints), shown as the same page the report is made of: tables per layer,
area, contributor and mapping session, and a bar per day. The panel can break them
down by any polygon layer, refresh them after more mapping, and write the report
(HTML or PDF). Errors are one plain sentence in the panel.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import layer_title
from desktop.project_files import output_folder
from layers.errors import QuartierError


class ProgressChart(QWidget):
    """Features on the map (blue) and verified (green) at the end of each day: a bar
    pair per day, the totals written above, the days below."""

    MAPPED = QColor("#2a7ab0")
    VERIFIED = QColor("#3a9a4a")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: (day, mapped so far, verified so far), oldest first.
        self.days: list[tuple[str, int, int]] = []
        self.setMinimumHeight(150)

    def set_days(self, over_time: list[dict]) -> None:
        """Show the ``over_time`` rows of the indicators."""
        self.days = [(row["date"], row["mapped_total"], row["verified_total"])
                     for row in over_time]
        self.setVisible(bool(self.days))
        self.update()

    def paintEvent(self, _event) -> None:
        if not self.days:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        line = metrics.height()
        left, top = 8, line + 4
        bottom = self.height() - line - 6
        width = self.width() - 2 * left
        top_value = max(max(m for _, m, _ in self.days), 1)
        shown = self.days[-max(1, width // 28):]  # the latest days that fit
        slot = width / len(shown)
        bar = max(2.0, min(18.0, slot / 2 - 2))
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawLine(left, bottom, left + width, bottom)
        for i, (day, mapped, verified) in enumerate(shown):
            x = left + i * slot + slot / 2
            for offset, value, colour in ((-bar, mapped, self.MAPPED),
                                          (0.0, verified, self.VERIFIED)):
                height = (bottom - top) * value / top_value
                painter.fillRect(QRectF(x + offset, bottom - height, bar, height), colour)
            painter.drawText(QRectF(x - slot / 2, bottom + 2, slot, line),
                             Qt.AlignmentFlag.AlignHCenter, day[5:])
            painter.drawText(QRectF(x - bar / 2 - slot / 2,
                                    bottom - (bottom - top) * mapped / top_value - line,
                                    slot, line), Qt.AlignmentFlag.AlignHCenter, str(mapped))
        painter.end()


class ProgressPanel(QWidget):
    """Area chooser, Refresh, Write report, and the figures."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.area_label = QLabel(self)
        self.area_box = QComboBox(self)
        self.refresh_button = QPushButton(self)
        self.report_button = QPushButton(self)
        self.chart = ProgressChart(self)
        self.chart.hide()
        self.legend = QLabel(self)
        self.view = QTextBrowser(self)
        self.view.setOpenLinks(False)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.area_label)
        row.addWidget(self.area_box, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.report_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.chart)
        layout.addWidget(self.legend)
        layout.addWidget(self.view, 1)


class ProgressFlow(QObject):
    """The Analysis menu's "Mapping progress" entry, its dock and its report."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        # The indicators shown (CampaignProgress), for the report.
        self.progress = None
        #: The dock's panel, made the first time it is wanted (see :attr:`panel`).
        self._panel: ProgressPanel | None = None
        self.dock = QDockWidget(window)
        self.dock.setObjectName("progressDock")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                              | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        window.tabifyDockWidget(window.identify_dock, self.dock)
        self.dock.hide()
        menu = window.analysis_flow.menu
        menu.addSeparator()
        self.action = menu.addAction("", self.open)
        window.projectOpened.connect(self._project_opened)
        self.dock.installEventFilter(self)  # the dock is there before the panel
        self.retranslateUi()

    @property
    def panel(self) -> ProgressPanel:
        """The panel in the dock, made the first time it is wanted (the first map does not
        need it)."""
        if self._panel is None:
            panel = self._panel = ProgressPanel(self.window)
            self.dock.setWidget(panel)
            panel.refresh_button.clicked.connect(self.refresh)
            panel.area_box.activated.connect(lambda _index: self.refresh())
            panel.report_button.clicked.connect(self.ask_report)
            self._retranslate_panel()
        return self._panel

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.dock and event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        return False

    def retranslateUi(self) -> None:
        """Texts in the interface language."""
        self.action.setText(self.tr("Mapping progress…"))
        self.action.setStatusTip(self.tr("Features mapped and verified, per area, "
                                         "contributor, session and day"))
        self.dock.setWindowTitle(self.tr("Mapping progress"))
        if self._panel is not None:
            self._retranslate_panel()

    def _retranslate_panel(self) -> None:
        self.panel.area_label.setText(self.tr("By area:"))
        self.panel.refresh_button.setText(self.tr("Refresh"))
        self.panel.report_button.setText(self.tr("Write report…"))
        self.panel.legend.setText(self.tr(
            "<span style='color:#2a7ab0'>■</span> on the map &nbsp; "
            "<span style='color:#3a9a4a'>■</span> verified, at the end of each day"))
        if self.panel.area_box.count():
            self.panel.area_box.setItemText(0, self.tr("(the whole project)"))

    def _project_opened(self, _project) -> None:
        self.progress = None
        if self._panel is None:  # nothing shown yet
            return
        self.panel.view.clear()
        self.panel.chart.set_days([])
        if self.dock.isVisible():
            self.open()

    def _fill_areas(self) -> None:
        box = self.panel.area_box
        chosen = box.currentData()
        box.clear()
        box.addItem(self.tr("(the whole project)"), None)
        project = self.window.project
        if project is None:
            return
        for info in project.layers():
            if "Polygon" in info.geometry_type and info.kind == "reference" \
                    and info.count:
                box.addItem(layer_title(info.title or info.name), info.name)
        index = box.findData(chosen)
        box.setCurrentIndex(max(index, 0))

    def open(self) -> None:
        """Show the panel with the figures as they are now."""
        self._fill_areas()
        self.dock.show()
        self.dock.raise_()
        self.refresh()

    def refresh(self) -> None:
        """Count again (after more mapping, or another area layer)."""
        from mapping.progress import campaign_progress, progress_html

        project = self.window.project
        if project is None:
            return
        try:
            self.progress = campaign_progress(project, self.panel.area_box.currentData())
        except QuartierError as error:
            self.progress = None
            self.panel.message.setText(str(error))
            self.panel.view.clear()
            self.panel.chart.set_days([])
            return
        self.panel.message.setText("")
        self.panel.chart.set_days(self.progress.over_time)
        self.panel.legend.setVisible(bool(self.progress.over_time))
        self.panel.view.setHtml(progress_html(self.progress))

    def ask_report(self) -> Path | None:
        """Ask where to write the report of the figures shown, then write it."""
        if self.progress is None:
            self.refresh()
        if self.progress is None:
            return None
        project = self.window.project
        suggested = output_folder(project) / "mapping_progress.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Write report"), str(suggested),
            self.tr("PDF (*.pdf);;Web page (*.html)"))
        return self.write_report(Path(path)) if path else None

    def write_report(self, path: Path) -> Path | None:
        """Write the report of the figures shown as ``path`` (.pdf or .html)."""
        from mapping.progress import write_progress_report

        if path.suffix.lower() not in (".pdf", ".html"):
            path = path.with_suffix(".pdf")
        try:
            written = write_progress_report(path, self.progress)
        except QuartierError as error:
            self.panel.message.setText(str(error))
            return None
        self.panel.message.setText(self.tr("Report written: {path}").format(path=written))
        return written
