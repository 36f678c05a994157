"""Settings: the interface language, how coordinates are shown, and what opens on start."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import LANGUAGES


class SettingsDialog(QDialog):
    """Language (English/Français) and UTM coordinates in the status bar."""

    def __init__(self, language: str, utm: bool, parent: QWidget | None = None,
                 reopen: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.language = QComboBox(self)
        self.language.setObjectName("languageCombo")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.utm = QCheckBox(self)
        self.utm.setObjectName("utmCheck")
        self.utm.setChecked(utm)
        self.reopen = QCheckBox(self)
        self.reopen.setObjectName("reopenCheck")
        self.reopen.setChecked(reopen)
        self.language_label = QLabel(self)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        form = QFormLayout()
        form.addRow(self.language_label, self.language)
        form.addRow(self.utm)
        form.addRow(self.reopen)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        """Re-read the texts in the interface language."""
        self.setWindowTitle(self.tr("Settings"))
        self.language_label.setText(self.tr("Language"))
        self.utm.setText(self.tr("Show UTM coordinates (metres) in the status bar"))
        self.reopen.setText(self.tr("Open the last project again when Quartier starts"))
        self.note.setText(self.tr("The language changes at once and is remembered."))

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def chosen_language(self) -> str:
        """Language code chosen ("en", "fr")."""
        return str(self.language.currentData())

    def show_utm(self) -> bool:
        """Whether UTM coordinates are wanted."""
        return self.utm.isChecked()

    def reopen_last(self) -> bool:
        """Whether the last project should open again on start."""
        return self.reopen.isChecked()
