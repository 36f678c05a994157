"""Where clicks and typing go in a preset form, so that nothing typed is lost.

A click anywhere on a question (its words, its help, the space beside its input)
puts the keyboard in that question's input. Typing that the focused input would
swallow without showing it (letters on a list of choices that no choice starts
with, letters in a number, any letter on a yes/no button) goes to the Name
question instead, which takes the keyboard from then on. Letters that start a
choice still pick it, as in every list ("me" picks Medium).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)

from desktop.editing.field_inputs import FieldInput, MultilineInput, TextInput

if TYPE_CHECKING:
    from desktop.editing.preset_form import PresetForm


class QuestionKeyboard(QObject):
    """Watches a form's questions: clicks beside inputs, typing no input takes."""

    def __init__(self, form: PresetForm) -> None:
        super().__init__(form)
        self.form = form
        #: Letters typed on a list of choices just before: (the list, the letters, when).
        self._list_search: tuple[QObject | None, str, float] = (None, "", 0.0)
        form.questions.installEventFilter(self)

    def watch(self, field_input: FieldInput) -> None:
        """Watch the keys typed in the lists, numbers and buttons of ``field_input``."""
        for typing in field_input.findChildren(QWidget):
            if isinstance(typing, QComboBox | QAbstractSpinBox | QAbstractButton):
                typing.installEventFilter(self)

    def focus_first_question(self) -> None:
        """Put the keyboard in the first unanswered question (the first one if all are)."""
        for field_input in self.form.inputs.values():
            if not field_input.value().strip():
                field_input.editor().setFocus(Qt.FocusReason.OtherFocusReason)
                return
        if self.form.inputs:
            next(iter(self.form.inputs.values())).editor().setFocus(Qt.FocusReason.OtherFocusReason)

    def typing_target(self) -> FieldInput | None:
        """Where typing that no input takes goes: the Name question, else the first text one."""
        texts = [i for i in self.form.inputs.values() if isinstance(i, TextInput | MultilineInput)]
        named = [i for i in texts if i.field.key == "name"]
        return (named or texts or [None])[0]

    def question_at(self, y: int) -> str | None:
        """The key of the question drawn at height ``y`` of the questions page (or nearest)."""
        best: tuple[int, str] | None = None
        for key, frame in self.form.frames.items():
            column = frame.parentWidget().geometry()
            top, bottom = column.top(), column.bottom()
            distance = 0 if top <= y <= bottom else min(abs(y - top), abs(y - bottom))
            if best is None or distance < best[0]:
                best = (distance, key)
        return best[1] if best else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.form.questions and event.type() == QEvent.Type.MouseButtonPress:
            key = self.question_at(int(event.position().y()))
            if key is not None:
                self.form.inputs[key].editor().setFocus(Qt.FocusReason.MouseFocusReason)
            return False
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and self._lost_typing(watched, event):
            return self.send_typing(event.text())
        return False

    def _lost_typing(self, watched: QObject, event: QKeyEvent) -> bool:
        """Whether ``event`` is text that ``watched`` would swallow without showing it."""
        text = event.text()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        if not text or not text.isprintable() or text == " " or modifiers:
            return False
        if isinstance(watched, QComboBox):
            if watched.isEditable():
                return False
            # Letters that start a choice pick it, as in every list (quick keys add up:
            # "me" picks Medium); others would be lost.
            now = time.monotonic()
            typed = text.casefold()
            if self._list_search[0] is watched \
                    and now - self._list_search[2] < QApplication.keyboardInputInterval() / 1000:
                typed = self._list_search[1] + typed
            starts = [watched.itemText(i).casefold() for i in range(watched.count())]
            for candidate in (typed, text.casefold()):
                if any(item.startswith(candidate) for item in starts):
                    self._list_search = (watched, candidate, now)
                    return False
            return True
        if isinstance(watched, QAbstractSpinBox):
            return not (text.isdigit() or text in "-.,")
        return isinstance(watched, QAbstractButton)

    def send_typing(self, text: str) -> bool:
        """Type ``text`` into the Name question (see :meth:`typing_target`); False if none."""
        target = self.typing_target()
        if target is None:
            return False
        editor = target.editor()
        self.form.tabs.setCurrentIndex(0)  # the Name question is on the Form tab
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.form.scroll.ensureWidgetVisible(editor)
        if isinstance(target, TextInput):
            target.line.insert(text)
        elif isinstance(target, MultilineInput):
            target.text.insertPlainText(text)
        return True
