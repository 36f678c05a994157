"""File → Open team project…: a team server, a user, a password, and one of its projects.

"Show projects" asks the server which projects it holds (through the project store);
what went wrong (a wrong password, a server that does not answer) is said in one
sentence in the dialog. The password is typed into a hidden field and kept only in the
address the window connects with, in memory: it is never remembered or shown.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.team_address import project_name, team_url, without_password
from layers.errors import QuartierError


class TeamProjectDialog(QDialog):
    """Asks where the team server is, who is connecting, and which project to open.

    Parameters
    ----------
    last
        The last team-server address opened (without password), to start from.
    """

    def __init__(self, last: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamProjectDialog")
        self.setWindowTitle(self.tr("Open team project"))
        self.server = QLineEdit(self)
        self.server.setObjectName("teamServer")
        self.server.setPlaceholderText(self.tr("db.city.go.ke:5432/mapping"))
        self.user = QLineEdit(self)
        self.user.setObjectName("teamUser")
        self.password = QLineEdit(self)
        self.password.setObjectName("teamPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("(from PGPASSWORD or ~/.pgpass if empty)"))
        self.list_button = QPushButton(self.tr("Show projects"), self)
        self.list_button.setObjectName("teamList")
        self.projects = QListWidget(self)
        self.projects.setObjectName("teamProjects")
        self.message = QLabel(self)
        self.message.setObjectName("teamMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                       | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Server and database:"), self.server)
        form.addRow(self.tr("User:"), self.user)
        form.addRow(self.tr("Password:"), self.password)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.list_button)
        layout.addWidget(self.projects, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.list_button.clicked.connect(self.list_projects)
        self.projects.currentItemChanged.connect(lambda *_: self._update())
        self.projects.itemDoubleClicked.connect(lambda _item: self.accept())
        self._last_project = ""
        if last:
            parts = urlsplit(without_password(last))
            self.server.setText(f"{parts.netloc.rsplit('@', 1)[-1]}{parts.path}")
            self.user.setText(unquote(parts.username or ""))
            self._last_project = project_name(last)
        self.resize(520, 420)
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(
            self.chosen() != "")

    def chosen(self) -> str:
        """The project picked in the list ("" when none)."""
        item = self.projects.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def url(self) -> str:
        """The address to open (with the password typed, if any: for connecting only)."""
        return team_url(self.server.text(), self.user.text(), self.chosen(),
                        self.password.text())

    def list_projects(self) -> bool:
        """Ask the server for its projects; False (and the reason shown) if it cannot say."""
        from mapping.store.postgis import list_projects

        self.projects.clear()
        self.message.clear()
        if not self.server.text().strip():
            self.message.setText(self.tr("Type the server's address and database first."))
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            found = list_projects(team_url(self.server.text(), self.user.text(), "",
                                           self.password.text()))
        except QuartierError as error:
            self.message.setText(str(error))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        for name, title, published_at, published_by in found:
            text = self.tr("{name}: {title} (published by {who}, {when})").format(
                name=name, title=title or name, who=published_by, when=published_at)
            item = QListWidgetItem(text, self.projects)
            item.setData(Qt.ItemDataRole.UserRole, name)
            if name == self._last_project or len(found) == 1:
                self.projects.setCurrentItem(item)
        if not found:
            self.message.setText(self.tr("This server holds no project yet: publish one with "
                                         "quartier server publish."))
        self._update()
        return bool(found)
