"""Writing export files so that a finished-looking file is always a finished file.

Every file is written to a temporary name beside its target (same folder, so the
final rename never crosses disks), flushed to the disk with ``fsync``, and only
then renamed over the target. An export that writes several files (one GeoJSON
per layer, a Shapefile and its sidecars) renames them all only once every one
is complete. On any error the temporary files are deleted: a full disk, a
cancel or a crash leaves either the previous files or nothing, never half a file.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from layers.errors import QuartierError
from layers.i18n import tr

_counter = itertools.count()


def check_target(target: Path) -> None:
    """Refuse, in plain words, a target that can never be written.

    Raises
    ------
    QuartierError
        The folder is missing, is a file, or the target is a folder.
    """
    folder = target.parent
    for parent in (folder, *folder.parents):
        if parent.exists() and not parent.is_dir():
            raise QuartierError(tr("Cannot write {path}: {parent} is a file, not a folder. "
                                   "Choose a folder to export to.", path=target, parent=parent))
    if not folder.exists():
        raise QuartierError(tr("Cannot write {path}: the folder {folder} does not exist. "
                               "Create it first, or choose another folder.", path=target,
                               folder=folder))
    if target.is_dir():
        raise QuartierError(tr("Cannot write {path}: a folder has that name. Choose a file "
                               "name.", path=target))


def write_error(target: Path, error: BaseException) -> QuartierError:
    """The plain-words error for a failed write of ``target``."""
    code = getattr(error, "errno", None)
    text = str(error)
    if code == errno.ENOSPC or "No space left" in text:
        return QuartierError(tr("The disk is full: {name} was not exported and no "
                                "half-written file was left. Free some space or export to "
                                "another disk (a USB stick, for example).", name=target.name))
    if code in (errno.EACCES, errno.EPERM) or "ermission denied" in text:
        return QuartierError(tr("Cannot write {path}: permission denied. Export to a folder "
                                "you can write to (your Documents folder, for example).",
                                path=target))
    if code == errno.EROFS or "ead-only file system" in text:
        return QuartierError(tr("Cannot write {path}: the disk is read-only. Export to "
                                "another disk.", path=target))
    if code == errno.ENOTDIR:
        return QuartierError(tr("Cannot write {path}: part of that path is a file, not a "
                                "folder. Choose a folder to export to.", path=target))
    if code == errno.ENOENT:
        return QuartierError(tr("Cannot write {path}: the folder {folder} does not exist.",
                                path=target, folder=target.parent))
    # The system's own words (strerror) are in the system's language: kept as they are.
    reason = getattr(error, "strerror", None) or text or type(error).__name__
    return QuartierError(tr("Cannot write {path}: {reason}.", path=target, reason=reason))


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not possible on every system (Windows)
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


class OutputFiles:
    """Files being written beside their targets, swapped in together by :meth:`commit`."""

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []
        self._folders: list[Path] = []

    def temporary(self, target: str | os.PathLike[str]) -> Path:
        """A temporary path to write ``target``'s content to (same folder, same suffix).

        Raises
        ------
        QuartierError
            ``target`` can never be written (see :func:`check_target`).
        """
        target = Path(target)
        check_target(target)
        if any(target == known for known, _temporary in self._pending):
            raise QuartierError(tr("{name} would be written twice in one export.",
                                   name=target.name))
        name = f".{target.stem}.partial-{os.getpid()}-{next(_counter)}{target.suffix}"
        temporary = target.with_name(name)
        self._pending.append((target, temporary))
        return temporary

    def temporary_folder(self, near: str | os.PathLike[str]) -> Path:
        """An empty temporary folder beside ``near``, for writers that make several files
        (a Shapefile); hand each file to :meth:`adopt`. Deleted at the end either way."""
        near = Path(near)
        check_target(near)
        folder = near.with_name(f".{near.stem}.partial-{os.getpid()}-{next(_counter)}")
        folder.mkdir()
        self._folders.append(folder)
        return folder

    def adopt(self, temporary: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
        """Rename ``temporary`` (already written) over ``target`` on commit."""
        target = Path(target)
        check_target(target)
        if any(target == known for known, _temporary in self._pending):
            raise QuartierError(tr("{name} would be written twice in one export.",
                                   name=target.name))
        self._pending.append((target, Path(temporary)))

    @property
    def targets(self) -> list[Path]:
        """The files this export will write."""
        return [target for target, _temporary in self._pending]

    def commit(self) -> list[Path]:
        """Flush every temporary file to disk, then rename each over its target."""
        for target, temporary in self._pending:
            if not temporary.exists():
                raise QuartierError(tr("{name} was not written (nothing to export in it).",
                                       name=target.name))
            try:
                _fsync_file(temporary)
            except OSError as error:
                raise write_error(target, error) from error
        for target, temporary in self._pending:
            try:
                os.replace(temporary, target)
            except OSError as error:
                raise write_error(target, error) from error
        for folder in {target.parent for target, _temporary in self._pending}:
            _fsync_folder(folder)
        self._remove_folders()
        return self.targets

    def _remove_folders(self) -> None:
        for folder in self._folders:
            shutil.rmtree(folder, ignore_errors=True)

    def discard(self) -> None:
        """Delete every temporary file (after an error or a cancel)."""
        for _target, temporary in self._pending:
            for leftover in (temporary, temporary.with_name(temporary.name + "-journal")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
        self._remove_folders()


@contextlib.contextmanager
def output_files() -> Iterator[OutputFiles]:
    """Collect temporary files; rename them over their targets if the block succeeds.

    Errors from the file system inside the block (disk full, permission denied)
    come out as :class:`~layers.errors.QuartierError` in plain words, after the
    temporary files have been deleted.
    """
    files = OutputFiles()
    try:
        yield files
        files.commit()
    except OSError as error:
        files.discard()
        target = files.targets[-1] if files.targets else Path(tr("the export"))
        raise write_error(target, error) from error
    except BaseException:
        files.discard()
        raise
