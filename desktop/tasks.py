"""Long work off the GUI thread: loading, building and importing, with progress and cancel.

A :class:`Task` runs one function in a worker thread. The function receives the
task, through which it reports progress (``task.report("Reading roads", 0.4)``) and
asks whether the person pressed Cancel (``task.is_cancelled()``); both are safe to
call from the worker. Results, errors and cancellation come back to the GUI
thread as Qt signals, so the window never freezes and never touches a half-made
result.

The model functions stop themselves when their ``cancelled`` callback says so,
leaving the project as it was. For model functions that only take a ``progress``
callback, :meth:`Task.progress_callback` gives one that raises
:class:`~layers.errors.CancelledError` at the next step after Cancel. Work whose
result is worthless once cancelled (opening a project) calls :meth:`Task.check`
before returning; work that returns has done its change and its result is shown.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from typing import Any

from PySide6.QtCore import QObject, Signal

from layers.errors import CancelledError, QuartierError

log = logging.getLogger(__name__)

#: Fraction given when the amount of work left is unknown (busy indicator).
UNKNOWN = -1.0


class TaskSignals(QObject):
    """What a task tells the GUI thread (queued across threads by Qt)."""

    #: The task, a short sentence and the fraction done (0..1, or UNKNOWN).
    progress = Signal(object, str, float)
    #: The task and the work's result.
    finished = Signal(object, object)
    #: The task and the exception that stopped the work.
    failed = Signal(object, object)
    #: The task: the person cancelled, nothing was changed.
    cancelled = Signal(object)
    #: The task, sent last whatever the outcome.
    ended = Signal(object)


class Task:
    """One piece of long work: ``work(task)`` runs in a worker thread."""

    def __init__(
        self,
        title: str,
        work: Callable[[Task], Any],
        cancellable: bool = True,
        on_done: Callable[[Any], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> None:
        #: Short description shown beside the progress bar.
        self.title = title
        #: Whether the Cancel button is offered.
        self.cancellable = cancellable
        self.signals = TaskSignals()
        #: Called in the GUI thread with the result, the error, or on cancel.
        self.on_done = on_done
        self.on_failed = on_failed
        self.on_cancelled = on_cancelled
        self._work = work
        self._cancel = threading.Event()
        self._done = threading.Event()

    def cancel(self) -> None:
        """Ask the work to stop; its result, if it still comes, is thrown away."""
        self._cancel.set()

    def is_cancelled(self) -> bool:
        """True once Cancel was pressed (safe from any thread)."""
        return self._cancel.is_set()

    def check(self) -> None:
        """Stop here if Cancel was pressed (raises CancelledError)."""
        if self.is_cancelled():
            raise CancelledError("Cancelled; nothing was changed.")

    def is_done(self) -> bool:
        """True once the work has returned, failed or stopped."""
        return self._done.is_set()

    def report(self, message: str | None = None, fraction: float | None = None) -> None:
        """Tell the GUI how far the work is (safe from any thread)."""
        value = UNKNOWN if fraction is None else max(0.0, min(1.0, float(fraction)))
        self.signals.progress.emit(self, message or "", value)

    def progress_callback(self) -> Callable[..., None]:
        """A ``progress`` callback for the model: reports, and stops the work on Cancel.

        Accepts a sentence, a fraction, or both, in either order.
        """

        def progress(*values: Any) -> None:
            self.check()
            message = next((v for v in values if isinstance(v, str)), None)
            numbers = [v for v in values if isinstance(v, int | float)]
            fraction = None
            if len(numbers) >= 2 and numbers[1]:
                fraction = numbers[0] / numbers[1]
            elif numbers:
                fraction = numbers[0]
            self.report(message, fraction)

        return progress

    def run(self) -> None:
        """Run the work (in the worker thread) and send its outcome."""
        try:
            result = self._work(self)
        except CancelledError:
            self.signals.cancelled.emit(self)
        except Exception as error:  # shown to the person, whatever it is
            if not self.is_cancelled():
                if not isinstance(error, QuartierError):
                    log.exception("%s failed", self.title)
                self.signals.failed.emit(self, error)
            else:
                self.signals.cancelled.emit(self)
        else:
            # Work that returned has done its change, even if Cancel came too late to stop
            # it: show it. Work whose result is worthless after Cancel calls check() last.
            self.signals.finished.emit(self, result)
        finally:
            self._done.set()
            self.signals.ended.emit(self)


class TaskRunner(QObject):
    """Runs tasks one after the other in a worker thread and lists those under way.

    The ``on_done``/``on_failed``/``on_cancelled`` callbacks of a task are called
    here, in the GUI thread.
    """

    #: A task was started.
    started = Signal(object)
    #: A task reported progress: the task, a sentence, the fraction done or UNKNOWN.
    progressed = Signal(object, str, float)
    #: A task ended (finished, failed or cancelled).
    ended = Signal(object)
    #: A task was cancelled; nothing was changed.
    cancelled = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # One at a time: an old 2-core laptop also has to draw the map. A Python
        # thread, not a QThreadPool one: PROJ (pyproj, GDAL) keeps per-thread state
        # that must live as long as the thread, which Qt's pool threads do not give.
        self._pool = worker_pool("quartier-task")
        self._tasks: list[Task] = []
        self._futures: list[Future] = []

    def start(self, task: Task) -> Task:
        """Queue ``task``."""
        self._tasks.append(task)
        task.signals.progress.connect(self._on_progress)
        task.signals.finished.connect(self._on_finished)
        task.signals.failed.connect(self._on_failed)
        task.signals.cancelled.connect(self._on_cancelled)
        task.signals.ended.connect(self._on_ended)
        self.started.emit(task)
        self._futures = [f for f in self._futures if not f.done()]
        self._futures.append(self._pool.submit(task.run))
        return task

    def run(
        self,
        title: str,
        work: Callable[[Task], Any],
        on_done: Callable[[Any], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        cancellable: bool = True,
    ) -> Task:
        """Start ``work(task)`` as a new task."""
        task = Task(title, work, cancellable=cancellable, on_done=on_done,
                    on_failed=on_failed, on_cancelled=on_cancelled)
        return self.start(task)

    def tasks(self) -> list[Task]:
        """Tasks queued or under way, oldest first."""
        return list(self._tasks)

    def cancel_all(self) -> None:
        """Ask every task to stop."""
        for task in self._tasks:
            task.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Wait for every task to end (for closing the window and for tests)."""
        timeout = None if msecs < 0 else msecs / 1000
        _done, pending = wait_futures(list(self._futures), timeout=timeout)
        return not pending

    def _on_progress(self, task: Task, message: str, fraction: float) -> None:
        if task in self._tasks and not task.is_cancelled():
            self.progressed.emit(task, message, fraction)

    def _on_finished(self, task: Task, result: Any) -> None:
        if task.on_done is not None:
            task.on_done(result)

    def _on_failed(self, task: Task, error: BaseException) -> None:
        if task.on_failed is not None:
            task.on_failed(error)

    def _on_cancelled(self, task: Task) -> None:
        self.cancelled.emit(task)
        if task.on_cancelled is not None:
            task.on_cancelled()

    def _on_ended(self, task: Task) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
        self.ended.emit(task)


def worker_pool(name: str) -> ThreadPoolExecutor:
    """One worker thread that lives as long as the app (its PROJ/GDAL state with it)."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
