"""The edit log behind :class:`~mapping.editing.EditSession`: writes and undoes edits.

Each edit is written in one transaction of the project's store (feature rows and
history rows together, refused whole if someone saved a change to one of its features
since it was read) and kept, as written, for undo and redo. Undo and redo write the
earlier or later state as new versions; they are refused when a feature no
longer is what the edit left it as. Private: the session checks the rules and
emits the events.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from layers.errors import ValidationError
from layers.i18n import tr
from mapping.edit_history import Change, Edit, EditAction, Feature, Said
from mapping.store import EditStep, ProjectStore


class EditLog:
    """Saved edits of one contributor's session, with their undo and redo stacks.

    Parameters
    ----------
    store
        The project's store.
    contributor, mapping_session
        Recorded with every history row.
    describe
        Names a feature in messages ("Clinic Zahanati ya Kianda").
    tell
        Says an edit's description in the current language (default: its English text).
    """

    def __init__(self, store: ProjectStore, contributor: str,
                 mapping_session: str | None, describe: Callable[[Feature], str],
                 tell: Callable[[Edit], str] | None = None) -> None:
        self._store = store
        self._contributor = contributor
        self._mapping_session = mapping_session
        self._describe = describe
        self._tell = tell or (lambda edit: edit.description)
        self._undo: list[Edit] = []
        self._redo: list[Edit] = []

    def adopt(self, edit: Edit) -> None:
        """Put ``edit``, saved by another log on the same project, on this one's Undo stack."""
        self._undo.append(edit)
        self._redo.clear()

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

    @property
    def undo_edit(self) -> Edit | None:
        """The edit Undo would undo, if any."""
        return self._undo[-1] if self._undo else None

    @property
    def redo_edit(self) -> Edit | None:
        """The edit Redo would redo, if any."""
        return self._redo[-1] if self._redo else None

    def commit(self, description: str, changes: list[Change],
               said: Said | None = None) -> Edit | None:
        """Write an edit; None when it changes nothing (then nothing is written).

        ``description`` is its English text, ``said`` the same in a stable form."""
        changes = [c for c in changes if not (c.after is not None
                                              and c.after.same_content(c.before))]
        if not changes:
            return None
        written = self._write([EditStep(c, c.after, c.action, c.note, _seen(c.before))
                               for c in changes])
        # Keep what was stored (creation times included) to compare with at undo time.
        edit = Edit(description, tuple(replace(c, after=after)
                                       for c, after in zip(changes, written, strict=True)),
                    said)
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
        seen: dict[tuple[str, str], int] = {}
        for change in edit.changes:
            stored = self._store.read_feature(change.layer, change.uuid)
            seen[(str(change.layer), change.uuid)] = _seen(stored)
            expected = change.before if forward else change.after
            if not (stored is None and expected is None
                    or stored is not None and stored.same_content(expected)):
                known = stored or expected
                name = self._describe(known) if known is not None else tr("a feature")
                if forward:
                    raise ValidationError(tr(
                        "Cannot redo “{edit}”: {name} was changed since, by another edit. "
                        "Nothing was changed.", edit=self._tell(edit), name=name))
                raise ValidationError(tr(
                    "Cannot undo “{edit}”: {name} was changed since, by another edit. "
                    "Nothing was changed.", edit=self._tell(edit), name=name))
        action = EditAction.REDO if forward else EditAction.UNDO
        note = f"{action.value} of: {edit.description}"
        ordered = edit.changes if forward else edit.changes[::-1]
        self._write([EditStep(c, c.after if forward else c.before, action, note,
                              seen[(str(c.layer), c.uuid)]) for c in ordered])

    def _write(self, steps: list[EditStep]) -> list[Feature | None]:
        """Write every step in one transaction; each feature as stored afterwards."""
        return self._store.apply_edit(steps, self._contributor, self._mapping_session)


def _seen(feature: Feature | None) -> int:
    """The version an edit expects to find stored (0: the feature must not exist)."""
    return feature.version if feature is not None else 0
