"""Choosing what a new feature is: a searchable list of presets, in the interface language.

Typing "ecole", "school" or "shule" finds the school (the catalogue searches every
language); names are shown in the interface language, each with the colour and
symbol it has on the map.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.panels.swatches import swatch
from layers.osm_definitions import poi_category
from layers.participatory import ParticipatoryLayer
from layers.presets import Preset, PresetCatalogue

#: Style class of each layer's presets (facilities use their category instead).
_LAYER_CLASS = {
    ParticipatoryLayer.RISK_ZONES: ("medium", "polygon"),
    ParticipatoryLayer.TRANSPORT_LINES: ("line", "line"),
    ParticipatoryLayer.TRANSPORT_STOPS: ("stop", "point"),
}


@lru_cache(maxsize=256)
def _icon_colours(layer: str, category: str) -> tuple[str | None, str | None, str]:
    from mapping.render.style import load_style

    style = load_style().for_layer(layer)
    key, shape = _LAYER_CLASS.get(ParticipatoryLayer(layer), (category, "point"))
    rule = next((r for r in style.classes if r.key == key), None)
    if rule is None:
        rule = style.classes[-1] if style.classes else None
    if rule is None:
        return None, None, shape
    if shape == "line":
        return rule.stroke, rule.casing, shape
    return rule.fill, rule.stroke, shape


def preset_icon(preset: Preset, size: int = 24) -> QIcon:
    """A small picture of how features of ``preset`` look on the map."""
    category = str(poi_category(preset.tags)) if preset.layer is ParticipatoryLayer.FACILITIES \
        else ""
    fill, stroke, shape = _icon_colours(str(preset.layer), category)
    return swatch(fill, stroke, shape, size)


class PresetPicker(QWidget):
    """A search box over a list of presets; a click chooses one."""

    #: The person chose this preset (its id).
    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue: PresetCatalogue | None = None
        self.layer: ParticipatoryLayer | None = None
        self.language = "en"
        self.suggested: str | None = None
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.search = QLineEdit(self)
        self.search.setObjectName("presetSearch")
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setObjectName("presetList")
        self.results.setIconSize(QSize(24, 24))
        self.results.setSpacing(2)
        font = self.results.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.results.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.question)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        self.search.textChanged.connect(self._refresh)
        self.search.returnPressed.connect(self._choose_first)
        self.results.itemClicked.connect(self._on_item)
        self.results.itemActivated.connect(self._on_item)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        """Re-read the texts in the interface language."""
        self.question.setText(self.tr("What is it? Type a few letters or pick from the list."))
        self.search.setPlaceholderText(self.tr("Search: clinic, école, shule, flood…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def set_choices(self, catalogue: PresetCatalogue, layer: ParticipatoryLayer | str,
                    language: str, suggested: str | None = None) -> None:
        """List the presets of ``layer`` (``suggested`` first), search box cleared."""
        self.catalogue = catalogue
        self.layer = ParticipatoryLayer(layer)
        self.language = language
        self.suggested = suggested
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._refresh()

    def set_language(self, language: str) -> None:
        """Show the names in another language."""
        self.language = language
        self._refresh()

    def shown(self) -> list[str]:
        """Ids of the presets listed, in order (tests)."""
        return [self.results.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.results.count())]

    def names(self) -> list[str]:
        """Names listed, in order (tests)."""
        return [self.results.item(i).text() for i in range(self.results.count())]

    def _refresh(self) -> None:
        self.results.clear()
        if self.catalogue is None or self.layer is None:
            return
        text = self.search.text()
        found = self.catalogue.search(text, self.language, self.layer)
        if not text.strip() and self.suggested:
            first = [p for p in found if p.id == self.suggested]
            found = first + [p for p in found if p.id != self.suggested]
        for preset in found:
            item = QListWidgetItem(preset_icon(preset), preset.name(self.language))
            item.setData(Qt.ItemDataRole.UserRole, preset.id)
            others = sorted({n for code, n in preset.names.items()
                             if n != preset.name(self.language)})
            words = [t for code in (self.language, "en") for t in preset.terms.get(code, ())]
            item.setToolTip(", ".join(dict.fromkeys(others + words)))
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def _choose_first(self) -> None:
        item = self.results.currentItem() or self.results.item(0)
        if item is not None:
            self._on_item(item)

    def _on_item(self, item: QListWidgetItem) -> None:
        self.chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def choose(self, preset_id: str) -> None:
        """Click the row of ``preset_id`` (tests, and a remembered choice)."""
        for i in range(self.results.count()):
            item = self.results.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == preset_id:
                self.results.setCurrentItem(item)
                self._on_item(item)
                return
        raise KeyError(preset_id)
