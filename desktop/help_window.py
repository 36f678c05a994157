"""Help → Quick start: a short illustrated guide for facilitators, offline.

The guide is plain HTML bundled in ``resources/help/`` (``quickstart_en.html``,
``quickstart_fr.html``, ``quickstart_sw.html``) with screenshots of the app beside it
(``<lang>_<picture>.png``, made by ``make_screenshots.py``), shown in a
QTextBrowser: nothing is fetched from the network, and links to other pages of the
guide stay inside the window. The language follows the interface.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

HELP_DIR = Path(__file__).resolve().parent.parent / "resources" / "help"
#: Languages the guide is written in (others get the English one).
HELP_LANGUAGES = ("en", "fr", "sw")


def quick_start_file(language: str) -> Path:
    """The quick-start page in ``language`` (English when there is none)."""
    code = language if language in HELP_LANGUAGES else "en"
    return HELP_DIR / f"quickstart_{code}.html"


class QuickStartWindow(QDialog):
    """The quick-start guide, in a window that stays open beside the map."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickStartWindow")
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("quickStartBrowser")
        self.browser.setOpenLinks(True)
        # Links outside the guide are not followed: it is offline by design.
        self.browser.setOpenExternalLinks(False)
        self.browser.setSearchPaths([str(HELP_DIR)])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(760, 820)
        self.show_language(language)

    def show_language(self, language: str) -> None:
        """Show the guide in ``language``."""
        self.setWindowTitle(QCoreApplication.translate("QuickStart", "Quick start"))
        self.page = quick_start_file(language)
        self.browser.setSource(QUrl.fromLocalFile(str(self.page)))

    def missing_images(self) -> list[str]:
        """Images the page names that cannot be loaded (tests)."""
        from PySide6.QtGui import QImage, QTextDocument

        document = self.browser.document()
        names = _image_names(document.toHtml())
        missing = []
        for name in names:
            url = document.baseUrl().resolved(QUrl(name))
            resource = document.resource(QTextDocument.ResourceType.ImageResource, url)
            if resource is None or (isinstance(resource, QImage) and resource.isNull()):
                image = QImage(url.toLocalFile())
                if image.isNull():
                    missing.append(name)
        return missing


def _image_names(html: str) -> list[str]:
    import re

    return re.findall(r'<img[^>]*src="([^"]+)"', html)


def show_quick_start(window) -> QuickStartWindow:
    """Open (or bring forward) the quick start of ``window`` in its language."""
    language = getattr(getattr(window, "translations", None), "language", "en")
    guide = getattr(window, "quick_start", None)
    if guide is None:
        guide = QuickStartWindow(language, window)
        window.quick_start = guide
    else:
        guide.show_language(language)
    guide.show()
    guide.raise_()
    guide.activateWindow()
    return guide
