"""Two people saved the same feature: say who and when, show both versions, let them choose.

The dialog is shown when an edit is refused because someone else saved the feature
after the mapper's form (or the map) showed it. It says who saved it and when, lays
both versions side by side (each field: theirs, mine; the rows that differ marked),
says whether the shapes differ, and offers two buttons: **Keep mine** saves the
mapper's change on top of their version, **Keep theirs** drops the mapper's change
and shows theirs. Closing it chooses nothing: the mapper's form stays as it was,
unsaved. The dialog only asks; the edit controller saves.
"""

from __future__ import annotations

import enum
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from layers.presets import PresetCatalogue
from mapping.edit_history import Feature

#: Background of the rows where the two versions differ.
DIFFERENT = QColor("#fff1b8")


class Choice(enum.Enum):
    """What the mapper chose."""

    MINE = "mine"
    THEIRS = "theirs"


def when_words(at: str) -> str:
    """A stored UTC time (ISO 8601) as local date and time ("2026-12-07 17:04")."""
    try:
        moment = datetime.fromisoformat(at.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return at or ""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class ConflictDialog(QDialog):
    """Both versions of a feature two people saved, and the choice between them.

    Parameters
    ----------
    theirs
        The feature as stored now (None: it was deleted).
    mine
        What the mapper's edit would make of it (None: a deletion).
    who, when
        Who saved their version, and when (UTC, ISO 8601).
    catalogue, language
        To name the fields as the form asks them.
    """

    def __init__(self, theirs: Feature | None, mine: Feature | None, who: str, when: str,
                 catalogue: PresetCatalogue | None = None, language: str = "en",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.theirs, self.mine = theirs, mine
        self.choice: Choice | None = None
        self._catalogue, self._language = catalogue, language
        self.setWindowTitle(self.tr("Someone else saved this feature"))
        known = theirs or mine
        preset = catalogue.get(known.preset) if catalogue is not None and known else None
        kind = preset.name(language) if preset is not None else self.tr("feature")
        what = f"{kind} “{known.name}”" if known is not None and known.name else kind
        who = who or self.tr("Someone else")
        if theirs is None:
            text = self.tr("{who} deleted {what} at {when}, after you opened it. Your change "
                           "is not saved yet: keep yours (it is saved again) or theirs (it "
                           "stays deleted).")
        else:
            text = self.tr("{who} saved {what} at {when} (version {version}), after you "
                           "opened it. Your change is not saved yet: choose which version to "
                           "keep.")
        self.message = QLabel(text.format(who=who, what=what, when=when_words(when),
                                          version=theirs.version if theirs else ""), self)
        self.message.setObjectName("conflictMessage")
        self.message.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("conflictTable")
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Theirs (saved)"),
                                              self.tr("Mine (not saved)")])
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self._fill(preset)
        self.legend = QLabel(self.tr("Rows in yellow differ between the two versions."), self)
        self.legend.setWordWrap(True)
        self.keep_mine = QPushButton(self.tr("Keep mine"), self)
        self.keep_mine.setObjectName("keepMine")
        self.keep_mine.setToolTip(self.tr("Save my change on top of their version"))
        self.keep_theirs = QPushButton(self.tr("Keep theirs"), self)
        self.keep_theirs.setObjectName("keepTheirs")
        self.keep_theirs.setToolTip(self.tr("Show their version and drop my change"))
        self.keep_mine.clicked.connect(lambda: self._choose(Choice.MINE))
        self.keep_theirs.clicked.connect(lambda: self._choose(Choice.THEIRS))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.keep_theirs)
        buttons.addWidget(self.keep_mine)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.legend)
        layout.addLayout(buttons)
        self.resize(620, 420)

    # -- the table ----------------------------------------------------------------------

    def rows(self) -> list[tuple[str, str, str, bool]]:
        """(field, theirs, mine, different) for every row shown."""
        return [(self.table.item(r, 0).text(), self.table.item(r, 1).text(),
                 self.table.item(r, 2).text(), self.table.item(r, 0).font().bold())
                for r in range(self.table.rowCount())]

    def _fill(self, preset) -> None:
        theirs, mine = self.theirs, self.mine
        gone = self.tr("(deleted)")
        their_tags = dict(theirs.tags) if theirs is not None else {}
        my_tags = dict(mine.tags) if mine is not None else {}
        # The form's questions first, in its order; the preset's own tags only if they differ.
        order = [f.key for f in preset.fields] if preset is not None else ["name"]
        own = dict(preset.tags) if preset is not None else {}
        keys = sorted(set(their_tags) | set(my_tags),
                      key=lambda k: (order.index(k) if k in order else len(order), k))
        for key in keys:
            if key in own and their_tags.get(key) == my_tags.get(key) == own[key]:
                continue
            field = preset.field(key) if preset is not None else None
            label = field.label_for(self._language) if field is not None else key
            self._row(label, their_tags.get(key, "") if theirs is not None else gone,
                      my_tags.get(key, "") if mine is not None else gone)
        if theirs is not None and mine is not None:
            status = {"draft": self.tr("draft"), "verified": self.tr("verified")}
            self._row(self.tr("Review"), status.get(theirs.review_status.value, ""),
                      status.get(mine.review_status.value, ""))
            same = theirs.geometry.equals_exact(mine.geometry, 1e-9)
            self._row(self.tr("Shape on the map"), self.tr("as they saved it"),
                      self.tr("same as theirs") if same else self.tr("changed (moved or "
                                                                     "reshaped)"),
                      different=not same)

    def _row(self, field: str, theirs: str, mine: str, different: bool | None = None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        differs = theirs != mine if different is None else different
        for column, text in enumerate((field, theirs, mine)):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if differs:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
                item.setBackground(QBrush(DIFFERENT))
            self.table.setItem(row, column, item)

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()
