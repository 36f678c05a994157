"""Starting a mapping session: who is mapping, and which session the edits belong to.

The contributor's name is asked once and remembered for next time (in the app's
preferences); every edit records it. A session is named after the day and place
("Kibera community session 2026-11-22"); an earlier session of the project can be
continued by picking it from the list.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.settings import app_settings
from mapping.edit_history import MappingSession

CONTRIBUTOR_KEY = "mapping/contributor"
FACILITATOR_KEY = "mapping/facilitator"


def remembered_contributor() -> str:
    """The name typed at the last session start ("" the first time)."""
    return str(app_settings().value(CONTRIBUTOR_KEY, "") or "")


def remembered_facilitator() -> str:
    """The facilitator typed at the last session start."""
    return str(app_settings().value(FACILITATOR_KEY, "") or "")


class SessionDialog(QDialog):
    """Your name, the mapping session, and (optionally) who facilitates it."""

    def __init__(self, area: str, sessions: list[MappingSession],
                 parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionDialog")
        self._area = area
        self._today = today or dt.date.today()
        self._sessions = sorted(sessions, key=lambda s: s.started_at, reverse=True)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        bigger = QFont(self.intro.font())
        bigger.setPointSizeF(bigger.pointSizeF() * 1.15)
        self.intro.setFont(bigger)
        self.contributor = QLineEdit(self)
        self.contributor.setObjectName("contributorName")
        self.contributor.setText(remembered_contributor())
        self.session = QComboBox(self)
        self.session.setObjectName("sessionName")
        self.session.setEditable(True)
        self.session.setMinimumWidth(380)
        self.facilitator = QLineEdit(self)
        self.facilitator.setText(remembered_facilitator())
        self.contributor_label = QLabel(self)
        self.session_label = QLabel(self)
        self.facilitator_label = QLabel(self)
        self.contributor_label.setBuddy(self.contributor)
        self.session_label.setBuddy(self.session)
        self.facilitator_label.setBuddy(self.facilitator)
        form = QFormLayout()
        form.addRow(self.contributor_label, self.contributor)
        form.addRow(self.session_label, self.session)
        form.addRow(self.facilitator_label, self.facilitator)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.contributor.textChanged.connect(self._update_ok)
        self.session.editTextChanged.connect(self._update_ok)
        self.retranslateUi()
        self._fill_sessions()
        if self.contributor.text():
            self.session.setFocus()
        else:
            self.contributor.setFocus()

    def retranslateUi(self) -> None:
        """Re-read the texts in the interface language."""
        self.setWindowTitle(self.tr("Start a mapping session"))
        self.intro.setText(self.tr("Welcome! Before mapping, tell us who you are. Every place, "
                                   "line and zone you add keeps your name and the session "
                                   "it was mapped in."))
        self.contributor_label.setText(self.tr("Your name"))
        self.contributor.setPlaceholderText(self.tr("e.g. Achieng Otieno"))
        self.session_label.setText(self.tr("Mapping session"))
        self.session.setToolTip(self.tr("A new name starts a new session; pick an earlier one "
                                        "to continue it"))
        self.facilitator_label.setText(self.tr("Facilitator (optional)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Start mapping"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def suggested_name(self) -> str:
        """A name for a new session: the area and today's date."""
        return self.tr("{area} community session {date}").format(
            area=self._area, date=self._today.isoformat())

    def _fill_sessions(self) -> None:
        suggestion = self.suggested_name()
        self.session.clear()
        existing = {s.name: s.id for s in self._sessions}
        self.session.addItem(suggestion, existing.get(suggestion, suggestion))
        for session in self._sessions:
            if session.name != suggestion:
                self.session.addItem(session.name, session.id)
        self.session.setCurrentIndex(0)
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.contributor.text().strip()
                           and self.session.currentText().strip()))

    def values(self) -> tuple[str, str, str]:
        """Contributor, mapping session id (a new session's name) and facilitator."""
        text = self.session.currentText().strip()
        index = self.session.findText(text)
        session_id = str(self.session.itemData(index)) if index >= 0 else text
        return self.contributor.text().strip(), session_id, self.facilitator.text().strip()

    def accept(self) -> None:
        contributor, session_id, facilitator = self.values()
        if not contributor or not session_id:
            return
        store = app_settings()
        store.setValue(CONTRIBUTOR_KEY, contributor)
        store.setValue(FACILITATOR_KEY, facilitator)
        super().accept()
