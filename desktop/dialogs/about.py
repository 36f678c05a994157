"""The About box: what Quartier is, its licence, and whose data is on the map."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def about_text() -> str:
    """The About text (rich text), in the interface language."""
    return QCoreApplication.translate(
        "About",
        "<h3>Quartier {version}</h3>"
        "<p>Participatory mapping of neighbourhoods, offline: draw facilities, transport "
        "lines and risk zones with residents, on top of OpenStreetMap and hazard maps.</p>"
        "<p>Free software under the GNU GPL, version 3 or later.</p>"
        "<p>Map data © OpenStreetMap contributors, available under the Open Database "
        "Licence (ODbL 1.0).</p>",
    ).format(version=_version())


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("quartier")
    except Exception:
        return "0.1.0"


def show_about(parent: QWidget | None) -> None:
    """Show the About box."""
    QMessageBox.about(parent, QCoreApplication.translate("About", "About Quartier"),
                      about_text())
