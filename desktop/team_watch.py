"""Others' edits on a team project appear in the window.

While a team-server project is open, a timer asks the server every two seconds which
edits were committed since the last look (:meth:`PostGISStore.changes_since`). The
asking runs on a worker thread of its own, with a store of its own, so the window never
waits for the network; what comes back is handled on the GUI thread: the changed
participatory layers are read again and redrawn, the selection and the open form
follow, and the status bar says who saved what ("Achieng saved Clinic Zahanati").

The window's own edits are not announced (it made them), and an open form the mapper
has started to change is not replaced: its Save then meets the newer version and asks
which to keep.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.tasks import worker_pool
from desktop.team_address import is_team
from layers.errors import QuartierError
from mapping.edit_history import EditAction, HistoryEntry

log = logging.getLogger(__name__)

#: How often the server is asked for others' edits (milliseconds).
POLL_MS = 2000


class TeamWatch(QObject):
    """Polls the open team project for others' edits and shows them (see the module docs)."""

    #: Edits committed by others arrived (a list of HistoryEntry), on the GUI thread.
    arrived = Signal(object)
    #: A poll's entries, from the worker thread (internal).
    _polled = Signal(int, object, object)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self._pool = worker_pool("team-watch")
        self._url: str | None = None
        self._store: Any = None  # used on the worker thread only
        self._store_url = ""
        self._cursor: int | None = None
        self._generation = 0
        self._busy: Future | None = None
        self._closed = False
        self._polled.connect(self._on_polled)

    # -- starting and stopping ---------------------------------------------------------------

    def watch(self, location: object) -> None:
        """Watch the project at ``location`` (a team-server address); a file stops the watch."""
        self.stop()
        if not is_team(location):
            return
        self._url = str(location)
        self._generation += 1
        self.timer.start()
        self.poll()

    def stop(self) -> None:
        """Stop watching (the project closed or another opened)."""
        self.timer.stop()
        self._url, self._cursor = None, None
        self._generation += 1
        # A store is opened by a poll only: without one, no worker thread is started.
        if not self._closed and self._busy is not None:
            self._pool.submit(self._close_store)

    def shutdown(self) -> None:
        """The window is closing: stop and let the worker thread end (again: nothing)."""
        self.stop()
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)

    @property
    def watching(self) -> bool:
        """Whether a team project is being watched."""
        return self._url is not None

    # -- polling -----------------------------------------------------------------------------

    def poll(self) -> Future | None:
        """Ask the server for edits since the last look (on the worker thread)."""
        if self._url is None or self._closed or (self._busy is not None and not self._busy.done()):
            return None
        url, cursor, generation = self._url, self._cursor, self._generation
        self._busy = self._pool.submit(self._ask, url, cursor, generation)
        return self._busy

    def _ask(self, url: str, cursor: int | None, generation: int) -> None:
        """Worker thread: the new cursor and entries after ``cursor``."""
        try:
            if self._store is None or self._store_url != url:
                self._close_store()
                from mapping.store import open_store

                self._store, self._store_url = open_store(url), url
            if cursor is None:
                self._polled.emit(generation, self._store.last_edit(), [])
                return
            new_cursor, entries = self._store.changes_since(cursor)
            self._polled.emit(generation, new_cursor, entries)
        except QuartierError as error:  # the network dropped: try again at the next tick
            log.warning("team watch: %s", error)
            self._close_store()
        except Exception:  # pragma: no cover -- never let the watch thread die silently
            log.exception("team watch")
            self._close_store()

    def _close_store(self) -> None:
        store, self._store = self._store, None
        if store is not None:
            try:
                store.close()
            except Exception:  # pragma: no cover
                log.exception("team watch: closing")

    def _on_polled(self, generation: int, cursor: int, entries: list[HistoryEntry]) -> None:
        """GUI thread: remember where we are, and show others' edits."""
        if generation != self._generation:
            return
        self._cursor = cursor
        controller = self.window.edit_toolbar.controller
        session = controller.session
        others = [e for e in entries
                  if session is None or not (e.contributor == session.contributor
                                             and e.mapping_session == session.mapping_session)]
        if not others:
            return
        controller.show_remote_edits(others)
        self.window.canvas.refresh()
        self.window.status.showMessage(self.describe(others), 15000)
        self.arrived.emit(others)

    def describe(self, entries: list[HistoryEntry]) -> str:
        """One status-bar line about the last of ``entries`` ("Achieng saved Clinic Zahanati")."""
        last = entries[-1]
        controller = self.window.edit_toolbar.controller
        preset = controller.catalogue.get(last.preset or "")
        kind = preset.name(controller.language()) if preset is not None else self.tr("a feature")
        name = last.tags.get("name") if last.tags else None
        what = f"{kind} {name}" if name else kind
        who = last.contributor or self.tr("Someone")
        if last.action is EditAction.DELETE:
            text = self.tr("{who} deleted {what}").format(who=who, what=what)
        elif last.action is EditAction.CREATE:
            text = self.tr("{who} added {what}").format(who=who, what=what)
        else:
            text = self.tr("{who} saved {what}").format(who=who, what=what)
        more = len({(e.layer, e.uuid) for e in entries}) - 1
        if more > 0:
            text += " " + (self.tr("(and 1 more change)") if more == 1 else
                           self.tr("(and %n more changes)", "", more))
        return text

