"""What a merge of laptops' projects did, and the conflicts it left, one choice at a time.

The dialog says what File → Merge projects… brought (added, updated, deleted,
combined, conflicts, and any notes), lists every conflict kept in the project (layer,
feature, field, this project's value, the other laptop's, who changed theirs and
when, from which file) and shows, for the selected one, both versions of the feature
side by side with the rows that differ marked (the table of
:class:`~desktop.dialogs.conflict_dialog.ConflictDialog`, reused). Its buttons only
ask: **Keep mine**, **Keep theirs** and **Combine…** are signals the merge flow
(:mod:`desktop.merge_flow`) carries out, then gives the dialog the conflicts left.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.dialogs.conflict_dialog import ConflictDialog, when_words
from desktop.i18n import layer_title
from layers.presets import PresetCatalogue
from mapping.edit_history import Feature

#: Fields of a conflict that are not tags (see mapping._merge_fields).
NOT_TAGS = {"geometry", "preset", "review_status", "feature"}
#: The participatory layers' titles (translated by desktop.i18n.layer_title).
LAYER_TITLES = {"facilities": "Facilities", "transport_lines": "Informal transport lines",
                "transport_stops": "Transport stops", "risk_zones": "Risk zones"}


def value_words(value: Any) -> str:
    """A conflict's value as shown in the list."""
    if value is None:
        return "—"
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in sorted(value.items()))
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


class MergeConflictsDialog(QDialog):
    """The merge's outcome, its conflicts, both versions of one, and the choices.

    Parameters
    ----------
    conflicts
        The conflicts kept in the project (``mapping.merge.conflicts``).
    mine_of
        Reads the project's feature now: ``mine_of(layer, uuid)`` (None: deleted).
    summary
        What the merge did, in a sentence or two ("" when only listing conflicts).
    catalogue, language
        To name the fields as the form asks them.
    """

    #: Keep a side ("mine" or "theirs") for the feature of this conflict.
    keepRequested = Signal(str, object)
    #: Save this value for the conflict's tag (conflict, value).
    combineRequested = Signal(object, str)
    #: A conflict was selected (show its feature on the map).
    conflictSelected = Signal(object)

    def __init__(self, conflicts: list, mine_of: Callable[[str, str], Feature | None],
                 summary: str = "", catalogue: PresetCatalogue | None = None,
                 language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeConflictsDialog")
        self.setWindowTitle(self.tr("Merge conflicts"))
        self._mine_of, self._catalogue, self._language = mine_of, catalogue, language
        self.conflicts: list = []
        self.summary = QLabel(summary, self)
        self.summary.setObjectName("mergeSummary")
        self.summary.setWordWrap(True)
        self.summary.setVisible(bool(summary))
        self.count_label = QLabel(self)
        self.count_label.setWordWrap(True)
        self.list = QTableWidget(0, 8, self)
        self.list.setObjectName("mergeConflictList")
        self.list.setHorizontalHeaderLabels([
            self.tr("Layer"), self.tr("Feature"), self.tr("Field"), self.tr("Mine"),
            self.tr("Theirs"), self.tr("Changed by"), self.tr("When"), self.tr("From file")])
        self.list.verticalHeader().hide()
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.list.horizontalHeader().setStretchLastSection(True)
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.detail = QWidget(self)
        self.detail_layout = QVBoxLayout(self.detail)
        self.detail_layout.setContentsMargins(0, 0, 0, 0)
        self.detail_title = QLabel(self.detail)
        self.detail_title.setWordWrap(True)
        self.detail_layout.addWidget(self.detail_title)
        #: The side-by-side table of the selected conflict (ConflictDialog's).
        self.versions: QTableWidget | None = None
        self.legend = QLabel(self.tr("Rows in yellow differ between the two versions. Keep "
                                     "mine or Keep theirs settles every conflicting field of "
                                     "the feature."), self)
        self.legend.setWordWrap(True)
        self.keep_mine = QPushButton(self.tr("Keep mine"), self)
        self.keep_mine.setObjectName("mergeKeepMine")
        self.keep_mine.setToolTip(self.tr("Keep this project's values of the feature"))
        self.keep_theirs = QPushButton(self.tr("Keep theirs"), self)
        self.keep_theirs.setObjectName("mergeKeepTheirs")
        self.keep_theirs.setToolTip(self.tr("Take the other laptop's values of the feature"))
        self.combine = QPushButton(self.tr("Combine…"), self)
        self.combine.setObjectName("mergeCombine")
        self.close_button = QPushButton(self.tr("Close"), self)
        self.keep_mine.clicked.connect(lambda: self._keep("mine"))
        self.keep_theirs.clicked.connect(lambda: self._keep("theirs"))
        self.combine.clicked.connect(self.ask_combined)
        self.close_button.clicked.connect(self.accept)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.detail)
        buttons = QHBoxLayout()
        buttons.addWidget(self.combine)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_theirs)
        buttons.addWidget(self.keep_mine)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.count_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.legend)
        layout.addLayout(buttons)
        self.resize(900, 620)
        self.set_conflicts(conflicts)

    # -- the list -----------------------------------------------------------------------

    def set_conflicts(self, conflicts: list) -> None:
        """Show these conflicts (after a choice: those left); the first is selected."""
        self.conflicts = list(conflicts)
        self.list.setRowCount(0)
        for c in self.conflicts:
            row = self.list.rowCount()
            self.list.insertRow(row)
            texts = [layer_title(LAYER_TITLES.get(c.layer, c.layer)), c.name or c.uuid,
                     self._field_words(c.field, c),
                     self._value(c, c.mine, mine=True), self._value(c, c.theirs, mine=False),
                     c.who or self.tr("someone"), when_words(c.at), c.source]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.list.setItem(row, column, item)
        if self.conflicts:
            self.count_label.setText(self.tr("%n conflict(s) to settle: this project's "
                                             "values are kept until you choose.", "",
                                             len(self.conflicts)))
        else:
            self.count_label.setText(self.tr("No conflicts left to settle."))
        if self.conflicts:
            self.list.selectRow(0)
        self._selection_changed()

    def selected(self) -> Any | None:
        """The conflict selected (None: none)."""
        rows = self.list.selectionModel().selectedRows()
        return self.conflicts[rows[0].row()] if rows else None

    def select(self, index: int) -> None:
        """Select the conflict in row ``index``."""
        self.list.selectRow(index)

    def rows(self) -> list[list[str]]:
        """The texts of the list, row by row."""
        return [[self.list.item(r, c).text() for c in range(self.list.columnCount())]
                for r in range(self.list.rowCount())]

    def _field_words(self, field: str, conflict: Any = None) -> str:
        words = {"geometry": self.tr("shape"), "preset": self.tr("kind of feature"),
                 "review_status": self.tr("review"), "feature": self.tr("whole feature")}
        if field in words:
            return words[field]
        key = field.removeprefix("tag:")
        # A tag as the form asks it ("Name"), when the feature's preset knows it.
        feature = getattr(conflict, "their_feature", None)
        preset = self._catalogue.get(feature.preset) \
            if self._catalogue is not None and feature is not None else None
        question = preset.field(key) if preset is not None else None
        return question.label_for(self._language) if question is not None else key

    def _value(self, conflict: Any, value: Any, mine: bool) -> str:
        if conflict.field == "feature":
            return self.tr("(deleted)") if value is None else (
                self.tr("changed") if mine else self.tr("changed there"))
        if conflict.field == "geometry":
            return self.tr("(none)") if value is None else self.tr("shape as saved here") \
                if mine else self.tr("shape as saved there")
        return self.tr("(none)") if value is None else value_words(value)

    # -- the selected conflict -------------------------------------------------------------

    def _selection_changed(self) -> None:
        conflict = self.selected()
        if self.versions is not None:
            self.detail_layout.removeWidget(self.versions)
            self.versions.hide()
            self.versions.deleteLater()
            self.versions = None
        for button in (self.keep_mine, self.keep_theirs, self.combine):
            button.setEnabled(conflict is not None)
        if conflict is None:
            self.detail_title.setText("")
            return
        mine = self._mine_of(conflict.layer, conflict.uuid)
        theirs = conflict.their_feature
        # The side-by-side table of the team-server conflict dialog, taken out of it.
        borrowed = ConflictDialog(theirs, mine, conflict.who, conflict.at, self._catalogue,
                                  self._language, self)
        table = borrowed.table
        table.setParent(self.detail)
        table.setHorizontalHeaderLabels([
            self.tr("Field"), self.tr("Theirs ({file})").format(file=conflict.source or "?"),
            self.tr("Mine (this project)")])
        borrowed.deleteLater()
        self.versions = table
        self.versions.setObjectName("mergeVersions")
        self.detail_layout.addWidget(table, 1)
        who = conflict.who or self.tr("Someone")
        self.detail_title.setText(self.tr("{who} changed “{what}” on another laptop at {when} "
                                          "(version {version}, in {file}).").format(
            who=who, what=conflict.name or conflict.uuid, when=when_words(conflict.at),
            version=conflict.their_version or "?", file=conflict.source or "?"))
        combinable = self.can_combine(conflict)
        self.combine.setEnabled(combinable)
        self.combine.setToolTip(
            self.tr("Type the value to keep for this tag (for example both answers joined); "
                    "it is saved as an ordinary edit and settles the conflict") if combinable
            else self.tr("Only a tag conflict that is its feature's only one can be combined: "
                         "keep mine or theirs, then edit the feature"))
        self.conflictSelected.emit(conflict)

    def version_rows(self) -> list[tuple[str, str, str, bool]]:
        """(field, theirs, mine, different) of the side-by-side table."""
        table = self.versions
        if table is None:
            return []
        return [(table.item(r, 0).text(), table.item(r, 1).text(), table.item(r, 2).text(),
                 table.item(r, 0).font().bold()) for r in range(table.rowCount())]

    def can_combine(self, conflict: Any) -> bool:
        """A tag conflict, the only one of its feature, on a feature both sides have."""
        same_feature = [c for c in self.conflicts if c.uuid == conflict.uuid]
        return conflict.field not in NOT_TAGS and len(same_feature) == 1 \
            and conflict.their_feature is not None

    # -- the choices -------------------------------------------------------------------------

    def _keep(self, side: str) -> None:
        conflict = self.selected()
        if conflict is not None:
            self.keepRequested.emit(side, conflict)

    def ask_combined(self) -> None:
        """Ask the value to keep for the selected tag conflict, then ask it saved."""
        conflict = self.selected()
        if conflict is None or not self.can_combine(conflict):
            return
        mine, theirs = conflict.mine or "", conflict.theirs or ""
        value, ok = QInputDialog.getText(
            self, self.tr("Combine"),
            self.tr("Value of “{field}” to keep (here: “{mine}”, there: “{theirs}”):").format(
                field=self._field_words(conflict.field, conflict), mine=mine, theirs=theirs),
            text=f"{mine}; {theirs}" if mine and theirs else mine or theirs)
        if ok:
            self.combineRequested.emit(conflict, value)
