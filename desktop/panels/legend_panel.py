"""The legend: what each colour on the map means, hazard classes included.

Built from ``renderer.legend()`` for the layers that are shown, top layer first:
every colour comes from the model's style (:mod:`mapping.render.style`), as the map
draws it, none from this panel. Rebuilt whenever the renderer says its layers changed,
and after a map is drawn if what the legend says changed (a layer's colours are known
once its features are read: one colour per transport line).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop.i18n import layer_title, legend_label
from desktop.panels.swatches import swatch
from mapping.render.style import GENERIC_LABELS


class LegendPanel(QWidget):
    """Symbols and labels of the layers shown on the map."""

    _modelChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.renderer = None
        #: What the legend shows now (to rebuild it only when that changes).
        self._shown: tuple | None = None
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("legendTree")
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setIndentation(12)
        self.tree.setIconSize(QSize(22, 22))
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        self._modelChanged.connect(self.refresh)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        """Re-read the texts in the interface language."""
        self.empty.setText(self.tr("The legend lists the layers shown on the map."))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def set_renderer(self, renderer) -> None:
        """Show the legend of ``renderer`` (or none) and follow its changes."""
        if self.renderer is not None:
            try:
                self.renderer.changed.disconnect(self._on_model_changed)
            except (RuntimeError, ValueError, TypeError):
                pass
        self.renderer = renderer
        if renderer is not None:
            renderer.changed.connect(self._on_model_changed)
        self.refresh()

    def _on_model_changed(self, *args) -> None:
        self._modelChanged.emit()

    def refresh_if_changed(self) -> None:
        """Rebuild the legend if the renderer's legend changed (after a map is drawn)."""
        if self.renderer is not None and self._legend()[0] != self._shown:
            self.refresh()

    def _legend(self) -> tuple[tuple, dict, list]:
        states = {s.name: s for s in self.renderer.layer_states()}
        entries = list(self.renderer.legend())
        shown = (tuple((s.name, s.visible, s.title) for s in states.values()),
                 tuple((e.layer, e.label, e.fill, e.stroke, e.shape) for e in entries))
        return shown, states, entries

    def refresh(self) -> None:
        """Rebuild the legend from the renderer."""
        self.tree.clear()
        self._shown = None
        if self.renderer is None:
            self.empty.setVisible(True)
            return
        self._shown, states, entries = self._legend()
        groups: dict[str, list] = {}
        for entry in entries:
            state = states.get(entry.layer)
            if state is not None and not state.visible:
                continue
            groups.setdefault(entry.layer, []).append(entry)
        order = [name for name in reversed(list(states)) if name in groups]
        order += [name for name in groups if name not in order]
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for name in order:
            entries = groups[name]
            title = layer_title(states[name].title) if name in states else name
            # One line in a default style ("Line" of evacuation routes): the title alone.
            if len(entries) == 1 and (not entries[0].label
                                      or entries[0].label in GENERIC_LABELS):
                item = QTreeWidgetItem([title])
                item.setIcon(0, swatch(entries[0].fill, entries[0].stroke, entries[0].shape))
                self.tree.addTopLevelItem(item)
                continue
            header = QTreeWidgetItem([title])
            header.setFont(0, bold)
            self.tree.addTopLevelItem(header)
            for entry in entries:
                child = QTreeWidgetItem([legend_label(entry.label) if entry.label else title])
                child.setIcon(0, swatch(entry.fill, entry.stroke, entry.shape))
                header.addChild(child)
            # Participatory layers with nothing mapped yet stay folded.
            kind = str(states[name].kind) if name in states else ""
            header.setExpanded(kind != "participatory" or self._has_features(name))
        self.empty.setVisible(self.tree.topLevelItemCount() == 0)

    def _has_features(self, name: str) -> bool:
        try:
            return self.renderer.layer_extent(name) is not None
        except Exception:
            return True

    def texts(self) -> list[str]:
        """Every line of the legend, top to bottom (for tests and print layouts)."""
        out = []
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            out.append(item.text(0))
            out.extend(item.child(i).text(0) for i in range(item.childCount()))
        return out
