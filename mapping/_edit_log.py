"""The edit log behind :class:`~mapping.editing.EditSession`: writes and undoes edits.

Each edit is written in one SQLite transaction (feature rows and history rows
together) and kept, as written, for undo and redo. Undo and redo write the
earlier or later state as new versions; they are refused when a feature no
longer is what the edit left it as. Private: the session checks the rules and
emits the events.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace

from layers.errors import ProjectError, ValidationError
from mapping import gpkg
from mapping.edit_history import (
    Author,
    Change,
    Edit,
    EditAction,
    Feature,
    next_edit_id,
    now,
    read_feature,
    write_feature,
)

_Step = tuple[Change, Feature | None, EditAction, str]


class EditLog:
    """Saved edits of one contributor's session, with their undo and redo stacks.

    Parameters
    ----------
    project_file
        The project's connection, followed when the file is replaced.
    contributor, mapping_session
        Recorded with every history row.
    describe
        Names a feature in messages ("Clinic Zahanati ya Kianda").
    """

    def __init__(self, project_file: gpkg.FollowingConnection, contributor: str,
                 mapping_session: str | None, describe: Callable[[Feature], str]) -> None:
        self._file = project_file
        self._contributor = contributor
        self._mapping_session = mapping_session
        self._describe = describe
        self._undo: list[Edit] = []
        self._redo: list[Edit] = []

    @property
    def can_undo(self) -> bool:
        """Whether there is an edit to undo."""
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        """Whether there is an undone edit to redo."""
        return bool(self._redo)

    @property
    def undo_description(self) -> str:
        """What Undo would undo ("Add Clinic"), or ""."""
        return self._undo[-1].description if self._undo else ""

    @property
    def redo_description(self) -> str:
        """What Redo would redo, or ""."""
        return self._redo[-1].description if self._redo else ""

    def commit(self, description: str, changes: list[Change]) -> Edit | None:
        """Write an edit; None when it changes nothing (then nothing is written)."""
        changes = [c for c in changes if not (c.after is not None
                                              and c.after.same_content(c.before))]
        if not changes:
            return None
        written = self._write([(c, c.after, c.action, c.note) for c in changes])
        # Keep what was stored (creation times included) to compare with at undo time.
        edit = Edit(description, tuple(replace(c, after=after)
                                       for c, after in zip(changes, written, strict=True)))
        self._undo.append(edit)
        self._redo.clear()
        return edit

    def undo(self) -> Edit | None:
        """Undo the last edit (as a new saved edit); the edit undone, or None."""
        if not self._undo:
            return None
        self._replay(self._undo[-1], forward=False)
        self._redo.append(self._undo.pop())
        return self._redo[-1]

    def redo(self) -> Edit | None:
        """Redo the last undone edit (as a new saved edit); the edit redone, or None."""
        if not self._redo:
            return None
        self._replay(self._redo[-1], forward=True)
        self._undo.append(self._redo.pop())
        return self._undo[-1]

    def _replay(self, edit: Edit, forward: bool) -> None:
        for change in edit.changes:
            stored = read_feature(self._file.get(), change.layer, change.uuid)
            expected = change.before if forward else change.after
            if not (stored is None and expected is None
                    or stored is not None and stored.same_content(expected)):
                known = stored or expected
                name = self._describe(known) if known is not None else "a feature"
                raise ValidationError(
                    f"Cannot {'redo' if forward else 'undo'} “{edit.description}”: {name} was "
                    "changed since, by another edit. Nothing was changed.")
        action = EditAction.REDO if forward else EditAction.UNDO
        note = f"{action.value} of: {edit.description}"
        ordered = edit.changes if forward else edit.changes[::-1]
        self._write([(c, c.after if forward else c.before, action, note) for c in ordered])

    def _write(self, steps: list[_Step]) -> list[Feature | None]:
        """Write every step in one transaction; each feature as stored afterwards."""
        written: list[Feature | None] = []
        connection = self._file.get()
        try:
            with gpkg.transaction(connection):
                author = Author(self._contributor, self._mapping_session,
                                next_edit_id(connection), now())
                for change, target, action, note in steps:
                    written.append(write_feature(connection, change.layer, change.uuid,
                                                 target, action, author, note))
        except sqlite3.Error as error:
            if gpkg.is_busy(error):
                raise ProjectError("The project is busy: a layer is being added to it, or "
                                   "another program is writing to it. This edit was not "
                                   "saved; try again in a moment.") from error
            raise ProjectError(f"The edit could not be saved ({error}); nothing was changed. "
                               "Is the project file open in another program?") from error
        return written
