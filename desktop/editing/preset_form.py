"""The form generated from a preset: one input per question, checked as the person types.

The tags are the truth: the questions fill them, and the "Tags" tab shows them all
as key = value rows that experts edit directly; both stay in step. Every change is
checked with :func:`layers.feature_rules.validate_tags`; what is wrong is said in
plain words under the question at fault, and Save stays disabled until nothing is.

The form never moves under the pointer: the line under each question where its
problem is said keeps its room when the problem is gone (a question below would
otherwise jump up just as the person clicks it). Where clicks and typing go is
:mod:`desktop.editing.form_keyboard`'s job: a click beside an input goes to it, and
typing no input can take goes to the Name question rather than nowhere.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.editing.field_inputs import (
    DateInput,
    FieldInput,
    NumberInput,
    SelectInput,
    YesNoInput,
    make_input,
)
from desktop.editing.form_keyboard import QuestionKeyboard
from desktop.editing.preset_picker import preset_icon
from desktop.editing.words import problem_text
from layers.feature_rules import Problem, clean_tags, validate_tags
from layers.presets import Preset

ERROR_STYLE = "color: #b00020;"
#: Around every input: the same width whether it is in error or not, so that nothing moves.
FRAME_STYLE = "QFrame#fieldFrame {{ border: 2px solid {colour}; border-radius: 3px; }}"
ERROR_COLOUR = "#b00020"


class PresetForm(QWidget):
    """The questions of one preset, a raw tag table, and Save / Cancel."""

    #: Save pressed with no problem left: the preset id and the tags as typed.
    saveRequested = Signal(str, dict)
    #: Cancel pressed.
    cancelRequested = Signal()
    #: "Change type" pressed: back to the preset list, keeping the tags.
    changePresetRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preset: Preset | None = None
        self.language = "en"
        self._tags: dict[str, str] = {}
        self._problems: list[Problem] = []
        #: Inputs, problem labels and question labels by tag key.
        self.inputs: dict[str, FieldInput] = {}
        self.problem_labels: dict[str, QLabel] = {}
        self.question_labels: dict[str, QLabel] = {}
        #: The frame around each input (red when its answer is refused).
        self.frames: dict[str, QFrame] = {}
        self._filling_table = False

        self.icon = QLabel(self)
        self.name = QLabel(self)
        big = QFont(self.name.font())
        big.setPointSizeF(big.pointSizeF() * 1.3)
        big.setBold(True)
        self.name.setFont(big)
        self.change_button = QPushButton(self)
        self.change_button.setObjectName("changePresetButton")
        header = QHBoxLayout()
        header.addWidget(self.icon)
        header.addWidget(self.name, 1)
        header.addWidget(self.change_button)

        self.tabs = QTabWidget(self)
        self.questions = QWidget()
        self.questions_layout = QFormLayout(self.questions)
        self.questions_layout.setFieldGrowthPolicy(
            QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.questions_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.questions_layout.setVerticalSpacing(4)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.questions)
        self.scroll = scroll
        #: Clicks beside an input and typing no input takes go to the right question.
        self.keyboard = QuestionKeyboard(self)
        self.required_note = QLabel(self)
        self.required_note.setStyleSheet("color: #555;")
        form_page = QWidget()
        form_layout = QVBoxLayout(form_page)
        form_layout.setContentsMargins(0, 4, 0, 0)
        form_layout.addWidget(self.required_note)
        form_layout.addWidget(scroll, 1)
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("tagTable")
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.add_tag_button = QPushButton(self)
        self.remove_tag_button = QPushButton(self)
        table_buttons = QHBoxLayout()
        table_buttons.addWidget(self.add_tag_button)
        table_buttons.addWidget(self.remove_tag_button)
        table_buttons.addStretch(1)
        tags_page = QWidget()
        tags_layout = QVBoxLayout(tags_page)
        tags_layout.setContentsMargins(0, 4, 0, 0)
        tags_layout.addWidget(self.table, 1)
        tags_layout.addLayout(table_buttons)
        self.tabs.addTab(form_page, "")
        self.tabs.addTab(tags_page, "")

        self.summary = QLabel(self)
        self.summary.setObjectName("formSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(ERROR_STYLE)
        _keep_room(self.summary)
        self.error = QLabel(self)
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE + " font-weight: bold;")
        self.error.hide()
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancelButton")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self.change_button.clicked.connect(self.changePresetRequested)
        self.save_button.clicked.connect(self._save)
        self.cancel_button.clicked.connect(self.cancelRequested)
        self.add_tag_button.clicked.connect(self._add_tag_row)
        self.remove_tag_button.clicked.connect(self._remove_tag_rows)
        self.table.itemChanged.connect(self._on_table_changed)
        self.retranslateUi()

    # -- texts ---------------------------------------------------------------------------

    def retranslateUi(self) -> None:
        """Re-read the texts in the interface language."""
        self.change_button.setText(self.tr("Change type"))
        self.change_button.setToolTip(self.tr("Choose another kind of feature; answers given "
                                              "are kept"))
        self.tabs.setTabText(0, self.tr("Form"))
        self.tabs.setTabText(1, self.tr("Tags"))
        self.tabs.setTabToolTip(1, self.tr("Every OpenStreetMap tag as key = value, for "
                                           "experts"))
        self.table.setHorizontalHeaderLabels([self.tr("Key"), self.tr("Value")])
        self.add_tag_button.setText(self.tr("Add tag"))
        self.remove_tag_button.setText(self.tr("Remove tag"))
        self.required_note.setText(self.tr("Questions marked * must be answered."))
        self.save_button.setText(self.tr("Save"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._validate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    # -- filling -------------------------------------------------------------------------

    def set_preset(self, preset: Preset, tags: dict[str, str], language: str) -> None:
        """Ask the questions of ``preset``, starting from ``tags`` (its own tags added)."""
        self.preset = preset
        self.language = language
        own = {k: v for k, v in preset.tags.items() if v != "*"}
        self._tags = {**own, **{k: v for k, v in tags.items() if k not in own}}
        self.icon.setPixmap(preset_icon(preset, 28).pixmap(28, 28))
        self.name.setText(preset.name(language))
        self.error.hide()
        self._build_questions()
        self._fill_inputs()
        self._fill_table()
        self.tabs.setCurrentIndex(0)
        self._validate()

    def _build_questions(self) -> None:
        while self.questions_layout.rowCount():
            self.questions_layout.removeRow(0)
        self.inputs, self.problem_labels, self.question_labels = {}, {}, {}
        self.frames = {}
        assert self.preset is not None
        for field in self.preset.fields:
            label = QLabel(field.label_for(self.language) + (" *" if field.required else ""))
            label.setWordWrap(True)
            if field.required:
                bold = QFont(label.font())
                bold.setBold(True)
                label.setFont(bold)
            field_input = make_input(field, self.language)
            field_input.setObjectName(f"field:{field.key}")
            field_input.edited.connect(lambda key=field.key: self._on_input_edited(key))
            column = QWidget()
            column_layout = QVBoxLayout(column)
            column_layout.setContentsMargins(0, 0, 0, 2)
            column_layout.setSpacing(2)
            column_layout.addWidget(label)  # the question's words, as wide as the form
            frame = QFrame()
            frame.setObjectName("fieldFrame")
            frame.setStyleSheet(FRAME_STYLE.format(colour="transparent"))
            frame_layout = QVBoxLayout(frame)
            frame_layout.setContentsMargins(2, 2, 2, 2)
            frame_layout.addWidget(field_input)
            if isinstance(field_input, SelectInput | NumberInput | DateInput | YesNoInput):
                # Short inputs: the frame (red when refused) hugs them rather than the row.
                column_layout.addWidget(frame, 0, Qt.AlignmentFlag.AlignLeft)
            else:
                column_layout.addWidget(frame)
            self.frames[field.key] = frame
            help_text = field.help.get(self.language) or field.help.get("en")
            if help_text:
                help_label = QLabel(help_text)
                help_label.setWordWrap(True)
                help_label.setStyleSheet("color: #666; font-size: small;")
                column_layout.addWidget(help_label)
            problem = QLabel()
            problem.setObjectName(f"problem:{field.key}")
            problem.setWordWrap(True)
            problem.setStyleSheet(ERROR_STYLE)
            _keep_room(problem)
            problem.hide()
            column_layout.addWidget(problem)
            label.setBuddy(field_input.editor())
            self.keyboard.watch(field_input)
            self.questions_layout.addRow(column)
            self.inputs[field.key] = field_input
            self.problem_labels[field.key] = problem
            self.question_labels[field.key] = label

    def _fill_inputs(self) -> None:
        for key, field_input in self.inputs.items():
            field_input.set_value(self._tags.get(key, ""))

    def _fill_table(self) -> None:
        self._filling_table = True
        try:
            self.table.setRowCount(0)
            for key, value in self._tags.items():
                self._append_row(key, value)
        finally:
            self._filling_table = False

    def _append_row(self, key: str, value: str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(key))
        self.table.setItem(row, 1, QTableWidgetItem(value))
        return row

    # -- reading ---------------------------------------------------------------------------

    def tags(self) -> dict[str, str]:
        """The tags as they stand (answers, table edits and the preset's own tags)."""
        return dict(self._tags)

    def problems(self) -> list[Problem]:
        """What stops the feature from being saved now."""
        return list(self._problems)

    def field_input(self, key: str) -> FieldInput:
        """The input of the question filling ``key``."""
        return self.inputs[key]

    def table_rows(self) -> list[tuple[str, str]]:
        """The Tags tab as (key, value) rows (tests)."""
        rows = []
        for row in range(self.table.rowCount()):
            key, value = self.table.item(row, 0), self.table.item(row, 1)
            rows.append((key.text() if key else "", value.text() if value else ""))
        return rows

    # -- keeping the form and the table in step ----------------------------------------------

    def _on_input_edited(self, key: str) -> None:
        value = self.inputs[key].value()
        if value.strip():
            self._tags[key] = value
        else:
            self._tags.pop(key, None)
        self._fill_table()
        self._validate()

    def _on_table_changed(self, _item: QTableWidgetItem) -> None:
        if self._filling_table:
            return
        tags: dict[str, str] = {}
        for key, value in self.table_rows():
            if key.strip():
                tags[key.strip()] = value
        self._tags = tags
        self._fill_inputs()
        self._validate()

    def _add_tag_row(self) -> None:
        self._filling_table = True
        row = self._append_row("", "")
        self._filling_table = False
        self.tabs.setCurrentIndex(1)
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))

    def _remove_tag_rows(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        if not rows:
            return
        self._filling_table = True
        for row in rows:
            self.table.removeRow(row)
        self._filling_table = False
        self._on_table_changed(QTableWidgetItem())

    # -- checking ----------------------------------------------------------------------------

    def _validate(self) -> None:
        if self.preset is None:
            self.save_button.setEnabled(False)
            return
        cleaned = clean_tags(self.preset, self._tags)
        self._problems = validate_tags(self.preset, cleaned, self.language)
        by_key: dict[str, list[str]] = {}
        others: list[str] = []
        for problem in self._problems:
            text = problem_text(problem, self.preset, cleaned, self.language)
            if problem.key in self.problem_labels:
                by_key.setdefault(problem.key, []).append(text)
            else:
                others.append(text)
        for key, label in self.problem_labels.items():
            texts = by_key.get(key)
            if texts:
                label.setText(" ".join(texts))
                _hold_height(label)
            label.setVisible(bool(texts))
            self.frames[key].setStyleSheet(FRAME_STYLE.format(
                colour=ERROR_COLOUR if texts else "transparent"))
        if self._problems:
            lead = self.tr("To fix before saving: {count}.").format(count=len(self._problems))
            self.summary.setText(" ".join([lead, *others]))
            _hold_height(self.summary)
            self.summary.show()
        else:
            self.summary.hide()
        self.save_button.setEnabled(not self._problems)

    def show_error(self, text: str) -> None:
        """Show why the last Save was refused (one sentence)."""
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _save(self) -> None:
        self._validate()
        if self.preset is None or self._problems:
            return
        self.error.hide()
        self.saveRequested.emit(self.preset.id, self.tags())

    # -- pointer and keyboard ------------------------------------------------------------------

    def focus_first_question(self) -> None:
        """Put the keyboard in the first unanswered question (the first one if all are)."""
        self.keyboard.focus_first_question()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancelRequested.emit()
            return
        if self.preset is not None and event.text() and event.text().isprintable() \
                and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier \
                and self.keyboard.send_typing(event.text()):
            return
        super().keyPressEvent(event)


def _keep_room(label: QLabel) -> None:
    """Keep ``label``'s room in the layout while it is hidden (one line at least)."""
    policy = label.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    label.setSizePolicy(policy)
    label.setMinimumHeight(label.fontMetrics().lineSpacing())


def _hold_height(label: QLabel) -> None:
    """Grow ``label``'s room to fit its text; it never shrinks again while the form is up."""
    width = label.width()
    if label.isVisible() and width > 40:
        label.setMinimumHeight(max(label.minimumHeight(), label.heightForWidth(width)))
