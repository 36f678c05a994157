"""The layers panel: show or hide layers, change their order and their opacity.

Top of the list is drawn on top, as in QGIS. The panel observes the renderer
(``renderer.changed``) and changes it directly: ticking a box calls
``set_visible``, dragging a layer calls ``set_order``, the slider ``set_opacity``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import layer_title
from desktop.panels.swatches import blank, swatch

NAME_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1


class _LayerList(QListWidget):
    """A list whose rows can be dragged; says when the order changed."""

    orderChanged = Signal()

    def dropEvent(self, event: QDropEvent) -> None:
        super().dropEvent(event)
        self.orderChanged.emit()


class LayersPanel(QWidget):
    """List of the project's layers with a tick box, drag to reorder and opacity."""

    #: Zoom the map to this layer.
    zoomToLayerRequested = Signal(str)
    #: Edit the classes of this hazard layer.
    thresholdsRequested = Signal(str)

    _modelChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.renderer = None
        self._updating = False
        self.list = _LayerList(self)
        self.list.setObjectName("layerList")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.setAlternatingRowColors(True)
        self.opacity_label = QLabel(self)
        self.opacity_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.opacity_slider.setObjectName("opacitySlider")
        self.opacity_slider.setRange(0, 100)
        self.opacity_slider.setEnabled(False)
        self.opacity_value = QLabel("100 %", self)
        self.opacity_value.setMinimumWidth(44)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #666;")

        row = QHBoxLayout()
        row.addWidget(self.opacity_label)
        row.addWidget(self.opacity_slider, 1)
        row.addWidget(self.opacity_value)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(self.hint)

        self.list.itemChanged.connect(self._on_item_changed)
        self.list.orderChanged.connect(self._on_order_changed)
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.list.customContextMenuRequested.connect(self._show_menu)
        self.opacity_slider.valueChanged.connect(self._on_opacity_changed)
        self._modelChanged.connect(self.refresh)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        """Re-read the texts in the interface language."""
        self.opacity_label.setText(self.tr("Opacity"))
        self.opacity_slider.setToolTip(self.tr("How see-through the selected layer is"))
        self.hint.setText(self.tr("Tick to show, drag to reorder, right-click for more."))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # -- model ------------------------------------------------------------------------------

    def set_renderer(self, renderer) -> None:
        """Show the layers of ``renderer`` (or none) and follow its changes."""
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
        # May come from any thread: the Qt signal brings it to the GUI thread.
        self._modelChanged.emit()

    def names(self) -> list[str]:
        """Layer names as listed, top first."""
        return [self.list.item(row).data(NAME_ROLE) for row in range(self.list.count())]

    def item_for(self, name: str) -> QListWidgetItem | None:
        """The row of layer ``name``."""
        for row in range(self.list.count()):
            if self.list.item(row).data(NAME_ROLE) == name:
                return self.list.item(row)
        return None

    def refresh(self) -> None:
        """Re-read the layers from the renderer, keeping the selected one."""
        current = self.current_name()
        states = list(reversed(self.renderer.layer_states())) if self.renderer else []
        icons = self._icons()
        self._updating = True
        try:
            if [s.name for s in states] != self.names():
                self.list.clear()
                for state in states:
                    item = QListWidgetItem()
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                                  | Qt.ItemFlag.ItemIsUserCheckable
                                  | Qt.ItemFlag.ItemIsDragEnabled)
                    item.setData(NAME_ROLE, state.name)
                    self.list.addItem(item)
            for state in states:
                item = self.item_for(state.name)
                item.setText(layer_title(state.title))
                item.setData(KIND_ROLE, str(state.kind))
                item.setToolTip(self._tooltip(state))
                item.setCheckState(Qt.CheckState.Checked if state.visible
                                   else Qt.CheckState.Unchecked)
                item.setIcon(icons.get(state.name) or blank())
            if current is not None and self.item_for(current) is not None:
                self.list.setCurrentItem(self.item_for(current))
        finally:
            self._updating = False
        self._show_opacity()

    def _icons(self) -> dict:
        icons = {}
        if self.renderer is None:
            return icons
        try:
            entries = self.renderer.legend()
        except Exception:
            return icons
        for entry in entries:
            if entry.layer not in icons:
                icons[entry.layer] = swatch(entry.fill, entry.stroke, entry.shape)
        return icons

    def _tooltip(self, state) -> str:
        kinds = {
            "base": self.tr("OpenStreetMap base layer"),
            "street_graph": self.tr("Street graph (for routes and access)"),
            "participatory": self.tr("Mapped with residents"),
            "hazard": self.tr("Hazard layer"),
            "reference": self.tr("Reference layer"),
        }
        kind = kinds.get(str(state.kind), str(state.kind))
        return self.tr("{title} ({kind}; table “{name}”)").format(
            title=layer_title(state.title), kind=kind, name=state.name)

    def current_name(self) -> str | None:
        """Name of the selected layer, if any."""
        item = self.list.currentItem()
        return None if item is None else item.data(NAME_ROLE)

    def _state(self, name: str):
        if self.renderer is None:
            return None
        return next((s for s in self.renderer.layer_states() if s.name == name), None)

    # -- user actions ---------------------------------------------------------------------------

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        if self._updating or self.renderer is None:
            return
        name = item.data(NAME_ROLE)
        visible = item.checkState() == Qt.CheckState.Checked
        state = self._state(name)
        if state is not None and state.visible != visible:
            self.renderer.set_visible(name, visible)

    def _on_order_changed(self) -> None:
        if self._updating or self.renderer is None:
            return
        self.renderer.set_order(list(reversed(self.names())))

    def _on_current_changed(self, *args) -> None:
        self._show_opacity()

    def _show_opacity(self) -> None:
        name = self.current_name()
        state = self._state(name) if name else None
        self.opacity_slider.setEnabled(state is not None)
        value = round(100 * state.opacity) if state is not None else 100
        self.opacity_slider.blockSignals(True)
        self.opacity_slider.setValue(value)
        self.opacity_slider.blockSignals(False)
        self.opacity_value.setText(f"{value} %")

    def _on_opacity_changed(self, value: int) -> None:
        self.opacity_value.setText(f"{value} %")
        name = self.current_name()
        if name and self.renderer is not None:
            self.renderer.set_opacity(name, value / 100)

    def _show_menu(self, position: QPoint) -> None:
        item = self.list.itemAt(position)
        if item is None:
            return
        name = item.data(NAME_ROLE)
        menu = QMenu(self)
        menu.addAction(self.tr("Zoom to layer"),
                       lambda: self.zoomToLayerRequested.emit(name))
        if item.data(KIND_ROLE) == "hazard":
            menu.addAction(self.tr("Hazard classes…"),
                           lambda: self.thresholdsRequested.emit(name))
        menu.addSeparator()
        menu.addAction(self.tr("Remove from map…"), lambda: self.remove_layer(name))
        menu.exec(self.list.viewport().mapToGlobal(position))

    def remove_layer(self, name: str, ask: bool = True) -> None:
        """Take a layer off the map, after asking."""
        if self.renderer is None:
            return
        item = self.item_for(name)
        title = item.text() if item is not None else name
        if ask:
            answer = QMessageBox.question(
                self, self.tr("Remove layer"),
                self.tr("Remove “{title}” from the map?").format(title=title))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.renderer.remove_layer(name)
