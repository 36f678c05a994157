"""The "Describe" panel: first what the feature is (a preset), then its form.

It shows whatever the edit controller is waiting for: the preset list for a shape
just drawn or a building just clicked, the form of that preset, or the form of a
feature already on the map. The panel only asks; the controller saves.

The list and the form are made once the first map is shown, or when first wanted if
sooner (:meth:`FeatureEditor.make_pages`): at the start the panel only says how to
begin, and their modules and widgets would delay the first map.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from layers.participatory import ParticipatoryLayer

if TYPE_CHECKING:
    from desktop.editing.preset_form import PresetForm
    from desktop.editing.preset_picker import PresetPicker
    from layers.presets import PresetCatalogue


class FeatureEditor(QWidget):
    """Preset list and form of the feature being described."""

    #: Save pressed: preset id and tags.
    saveRequested = Signal(str, dict)
    #: The person gave up describing the feature.
    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue: PresetCatalogue | None = None
        self.language = "en"
        self.layer: ParticipatoryLayer | None = None
        self._heading_text = ""
        #: Makes the answers a new feature starts with (see :attr:`defaults`).
        self._defaults: dict[str, str] | Callable[[], dict[str, str]] = {}
        self.heading = QLabel(self)
        self.heading.setObjectName("editorHeading")
        self.heading.setWordWrap(True)
        big = QFont(self.heading.font())
        big.setPointSizeF(big.pointSizeF() * 1.2)
        big.setBold(True)
        self.heading.setFont(big)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        self._picker: PresetPicker | None = None
        self._form: PresetForm | None = None
        self._cancel_pick: QPushButton | None = None
        self.idle = QWidget(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.idle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.stack, 1)
        self._tags: dict[str, str] = {}
        self.retranslateUi()
        self.clear()

    def make_pages(self) -> None:
        """Make the preset list (page 1 of the stack) and the form (page 2), once."""
        if self._picker is not None:
            return
        from desktop.editing.preset_form import PresetForm
        from desktop.editing.preset_picker import PresetPicker

        self._picker = PresetPicker(self)
        self._form = PresetForm(self)
        self._cancel_pick = QPushButton(self)
        picking = QWidget(self)
        picking_layout = QVBoxLayout(picking)
        picking_layout.setContentsMargins(0, 0, 0, 0)
        picking_layout.addWidget(self._picker, 1)
        picking_layout.addWidget(self._cancel_pick)
        self.stack.addWidget(picking)
        self.stack.addWidget(self._form)
        self._picker.chosen.connect(self._on_chosen)
        self._form.saveRequested.connect(self.saveRequested)
        self._form.cancelRequested.connect(self.cancelRequested)
        self._form.changePresetRequested.connect(self._back_to_list)
        self._cancel_pick.clicked.connect(self.cancelRequested)
        self._picker.set_language(self.language)
        self._cancel_pick.setText(self.tr("Cancel"))

    @property
    def picker(self) -> PresetPicker:
        """The list of presets to choose from."""
        if self._picker is None:
            self.make_pages()
        assert self._picker is not None
        return self._picker

    @property
    def form(self) -> PresetForm:
        """The form of the chosen preset."""
        if self._form is None:
            self.make_pages()
        assert self._form is not None
        return self._form

    @property
    def cancel_pick(self) -> QPushButton:
        """Cancel under the preset list."""
        if self._cancel_pick is None:
            self.make_pages()
        assert self._cancel_pick is not None
        return self._cancel_pick

    def retranslateUi(self) -> None:
        """Re-read the texts in the interface language."""
        if self._cancel_pick is not None:
            self._cancel_pick.setText(self.tr("Cancel"))
        if self.stack.currentWidget() is self.idle:
            self.heading.setText(self.tr("Describe"))
            self.hint.setText(self.tr("Choose a tool in the Edit toolbar: add a place, draw a "
                                      "line or an area, then describe it here."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def set_catalogue(self, catalogue: PresetCatalogue) -> None:
        """The presets to choose from."""
        self.catalogue = catalogue

    def set_defaults(self, defaults: dict[str, str] | Callable[[], dict[str, str]]) -> None:
        """Answers new features start with (the project's currency), when their form asks;
        a function making them is called when a form first needs them."""
        self._defaults = defaults if callable(defaults) else dict(defaults)

    @property
    def defaults(self) -> dict[str, str]:
        """Answers a new feature starts with, when its form asks them ({"fare:currency": "KES"})."""
        if callable(self._defaults):
            self._defaults = dict(self._defaults())
        return self._defaults

    def set_language(self, language: str) -> None:
        """Show preset names, questions and answers in ``language``."""
        if language == self.language:
            return
        self.language = language
        if self._picker is None or self._form is None:
            return  # made later, in this language
        self.picker.set_language(language)
        if self.stack.currentWidget() is self.form and self.form.preset is not None:
            self.form.set_preset(self.form.preset, self.form.tags(), language)

    # -- what is asked -------------------------------------------------------------------

    def is_busy(self) -> bool:
        """Whether a feature is being described (the list or the form is up)."""
        return self.stack.currentWidget() is not self.idle

    def ask_preset(self, layer: ParticipatoryLayer | str, heading: str,
                   tags: dict[str, str] | None = None, suggested: str | None = None) -> None:
        """Ask what a new feature of ``layer`` is; its form follows."""
        assert self.catalogue is not None
        self.layer = ParticipatoryLayer(layer)
        self._tags = dict(tags or {})
        self.heading.setText(heading)
        self.hint.setText("")
        self.hint.hide()
        self.picker.set_choices(self.catalogue, self.layer, self.language, suggested)
        self.stack.setCurrentIndex(1)
        self.picker.search.setFocus()

    def edit(self, preset_id: str, tags: dict[str, str], heading: str) -> None:
        """Show the form of ``preset_id`` filled with ``tags``."""
        assert self.catalogue is not None
        preset = self.catalogue.get(preset_id)
        if preset is None:
            raise KeyError(preset_id)
        self.layer = preset.layer
        self.heading.setText(heading)
        self.hint.hide()
        self.form.set_preset(preset, tags, self.language)
        self.stack.setCurrentWidget(self.form)
        self.form.focus_first_question()

    def show_error(self, text: str) -> None:
        """Why the feature could not be saved, in one sentence."""
        self.form.show_error(text)

    def clear(self) -> None:
        """Nothing to describe."""
        self.heading.setText(self.tr("Describe"))
        self.hint.show()
        self.stack.setCurrentWidget(self.idle)
        self.retranslateUi()

    def _on_chosen(self, preset_id: str) -> None:
        assert self.catalogue is not None
        preset = self.catalogue[preset_id]
        tags = dict(self._tags)
        for key, value in self.defaults.items():
            if preset.field(key) is not None and not tags.get(key):
                tags[key] = value
        self.form.set_preset(preset, tags, self.language)
        self.stack.setCurrentWidget(self.form)
        self.form.focus_first_question()

    def _back_to_list(self) -> None:
        if self.layer is None:
            return
        self._tags = self.form.tags()
        current = self.form.preset
        if current is not None:
            self._tags = {k: v for k, v in self._tags.items() if current.tags.get(k) != v}
        assert self.catalogue is not None
        self.picker.set_choices(self.catalogue, self.layer, self.language,
                                current.id if current else None)
        self.stack.setCurrentIndex(1)
