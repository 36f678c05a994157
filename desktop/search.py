"""The search box: find a street, place or facility by name and show it on the map.

Suggestions drop down as the person types (from the second letter, after a short
pause); Enter shows the best match (an exact name first), a suggestion shows that
one. The map zooms to the result, no closer than about 1:2,000, and pins it with its
name until the next search or until the box is cleared.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QStringListModel, Qt, QTimer
from PySide6.QtWidgets import QCompleter, QLineEdit

from desktop.i18n import search_label, search_name

#: Closest zoom for a search result (metres per pixel), about 1:2,000.
SEARCH_ZOOM = 0.5
#: Pause after the last key before suggestions are looked up, milliseconds.
SUGGEST_DELAY_MS = 250
#: Most suggestions listed.
MAX_RESULTS = 20
#: Letters typed before suggestions are looked up.
MIN_LETTERS = 2


class MapSearch(QObject):
    """The window's search box and what it does."""

    def __init__(self, window, search_icon) -> None:
        super().__init__(window)
        self.window = window
        self.results: list = []
        self.box = QLineEdit(window)
        self.box.setObjectName("searchBox")
        self.box.setClearButtonEnabled(True)
        self.box.setMinimumWidth(300)
        self.box.addAction(search_icon, QLineEdit.ActionPosition.LeadingPosition)
        font = self.box.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.box.setFont(font)
        self.model = QStringListModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.box.setCompleter(self.completer)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SUGGEST_DELAY_MS)
        self.box.returnPressed.connect(self.search)
        self.box.textEdited.connect(self._on_edited)
        self._timer.timeout.connect(self._update_completions)
        self.completer.activated.connect(self._on_completion)

    def retranslateUi(self) -> None:
        self.box.setPlaceholderText(self.tr("Find a street, place or facility"))
        self.box.setToolTip(self.tr("Type a name: places matching it are suggested as "
                                    "you type"))

    def reset(self) -> None:
        """Forget the results of the previous project."""
        self.results = []
        self.model.setStringList([])

    def _on_edited(self, text: str) -> None:
        if not text.strip():
            # The box was emptied (or its clear button pressed): the pin goes too.
            self._timer.stop()
            self.model.setStringList([])
            self.window.canvas.set_pin(None, None)
            return
        self._timer.start()

    def suggestions(self) -> list[str]:
        """The suggestions listed under the box now."""
        return self.model.stringList()

    def _update_completions(self) -> None:
        text = self.box.text().strip()
        renderer = self.window.renderer
        if renderer is None or len(text) < MIN_LETTERS:
            self.model.setStringList([])
            return
        self.results = list(renderer.search(text, limit=MAX_RESULTS))
        self.model.setStringList([search_label(r.label) for r in self.results])
        # The list was filled after the key that asked for it: drop it down now.
        if self.results and self.box.hasFocus():
            self.completer.setCompletionPrefix("")
            self.completer.complete()
        elif not self.results:
            self.completer.popup().hide()

    def search(self, text: str | None = None) -> object | None:
        """Find a street, place or facility and show it; returns the result shown."""
        renderer = self.window.renderer
        if renderer is None:
            return None
        text = (self.box.text() if text is None else text).strip()
        if not text:
            return None
        picked = next((r for r in self.results if search_label(r.label) == text), None)
        if picked is not None:  # a suggestion from the list
            self.go_to(picked)
            return picked
        results = list(renderer.search(text, limit=MAX_RESULTS))
        self.results = results
        if not results:
            self.window.canvas.set_pin(None, None)
            self.window.status.showMessage(self.tr("Nothing called “{text}” on this map.")
                                           .format(text=text), 5000)
            return None
        exact = [r for r in results
                 if r.label.casefold() in (text.casefold(), search_label(text).casefold())
                 or r.label.rsplit(" (", 1)[0].casefold() == text.casefold()]
        chosen = (exact or results)[0]
        self.go_to(chosen)
        return chosen

    def _on_completion(self, label: str) -> None:
        chosen = next((r for r in self.results if search_label(r.label) == label), None)
        if chosen is not None:
            self.go_to(chosen)
        else:
            self.search(label)

    def go_to(self, result) -> None:
        """Zoom the map to a search result and mark it."""
        canvas = self.window.canvas
        extent = getattr(result, "extent", None)
        if extent is not None and (extent[2] - extent[0] > 1 or extent[3] - extent[1] > 1):
            canvas.zoom_to_extent(extent, margin=0.25, min_metres_per_pixel=SEARCH_ZOOM)
        else:
            current = canvas.view.metres_per_pixel if canvas.view else SEARCH_ZOOM
            canvas.center_on(result.x, result.y, min(current, SEARCH_ZOOM * 2))
        canvas.set_marker(None, None)
        canvas.set_pin(result.x, result.y, search_name(result.label))
        self.window.status.showMessage(self.tr("Showing {label}").format(
            label=search_label(result.label)), 5000)
