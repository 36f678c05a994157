"""A feature's history in words: what each change did ("Name: A → B", "moved", "shape
changed", "stop number: 5 → 6"), not only that something changed.

Each history row stores the feature as it was after the change; comparing a row with
the one before it says what changed. Questions are named as the form asks them and
answers as the form shows them (in the interface language); other tags by their key.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import shapely
from PySide6.QtCore import QObject
from shapely.geometry.base import BaseGeometry

from layers.presets import FieldType, PresetCatalogue, PresetField
from mapping.edit_history import EditAction, HistoryEntry

#: A changed value longer than this is shortened in the line (the tooltip has it all).
LONGEST_VALUE = 40


def _short(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= LONGEST_VALUE else value[:LONGEST_VALUE - 1] + "…"


def _answer(field: PresetField | None, value: str, language: str) -> str:
    if field is not None and field.type in (FieldType.SELECT, FieldType.MULTI_SELECT):
        labels = {o.value: o.label_for(language) for o in field.options}
        return ", ".join(labels.get(v.strip(), v.strip()) for v in value.split(";"))
    if field is not None and field.unit and value:
        return f"{value} {field.unit}"
    return value


def _translated(before: BaseGeometry, after: BaseGeometry) -> bool:
    """Whether ``after`` is ``before`` shifted as a whole (a move, not a reshape)."""
    a, b = shapely.get_coordinates(before), shapely.get_coordinates(after)
    if a.shape != b.shape or not len(a):
        return False
    shift = b - a
    return bool(np.allclose(shift, shift[0], atol=1e-9))


class HistoryWords(QObject):
    """The sentences, translated (one object, so that they share one translation context)."""

    def describe(self, before: HistoryEntry | None, entry: HistoryEntry,
                 catalogue: PresetCatalogue | None, language: str) -> str:
        """What ``entry`` changed compared with ``before`` (the feature's previous row)."""
        action = entry.action
        if action is EditAction.CREATE:
            return self.tr("Added")
        if action is EditAction.DELETE:
            return self.tr("Deleted")
        changes = self._changes(before, entry, catalogue, language)
        if action is EditAction.UNDO:
            return self.tr("Undone: {changes}").format(changes=changes) if changes \
                else self.tr("Undone")
        if action is EditAction.REDO:
            return self.tr("Redone: {changes}").format(changes=changes) if changes \
                else self.tr("Redone")
        if not changes:
            return self.tr("Saved again, nothing changed")
        return changes[0].upper() + changes[1:]

    def _changes(self, before: HistoryEntry | None, entry: HistoryEntry,
                 catalogue: PresetCatalogue | None, language: str) -> str:
        if before is None:
            return ""
        parts: list[str] = []
        preset = catalogue.get(entry.preset or "") if catalogue is not None else None
        if before.preset != entry.preset and catalogue is not None:
            old, new = catalogue.get(before.preset or ""), preset
            parts.append(self.tr("type: {old} → {new}").format(
                old=old.name(language) if old else before.preset,
                new=new.name(language) if new else entry.preset))
        parts.extend(self._tag_changes(before.tags, entry.tags, preset, language))
        if before.geometry is not None and entry.geometry is not None \
                and not shapely.equals_exact(before.geometry, entry.geometry, 0):
            parts.append(self.tr("moved") if _translated(before.geometry, entry.geometry)
                         else self.tr("shape changed"))
        old_status = before.attributes.get("review_status")
        new_status = entry.attributes.get("review_status")
        if old_status != new_status and new_status is not None:
            parts.append(self.tr("marked verified") if new_status == "verified"
                         else self.tr("marked draft"))
        old_stop = before.attributes.get("stop_sequence")
        new_stop = entry.attributes.get("stop_sequence")
        if old_stop != new_stop and old_stop is not None and new_stop is not None:
            parts.append(self.tr("stop number: {old} → {new}").format(old=old_stop,
                                                                      new=new_stop))
        return "; ".join(parts)

    def _tag_changes(self, old: Mapping[str, str], new: Mapping[str, str], preset,
                     language: str) -> list[str]:
        parts = []
        keys = [f.key for f in preset.fields] if preset is not None else []
        keys += sorted(k for k in {*old, *new} if k not in keys)
        for key in keys:
            before, after = old.get(key, ""), new.get(key, "")
            if before == after:
                continue
            field = preset.field(key) if preset is not None else None
            what = field.label_for(language) if field is not None else key
            shown_before = _short(_answer(field, before, language))
            shown_after = _short(_answer(field, after, language))
            if not before:
                parts.append(self.tr("{what}: {new} (added)").format(what=what, new=shown_after))
            elif not after:
                parts.append(self.tr("{what}: {old} (removed)").format(what=what,
                                                                     old=shown_before))
            else:
                parts.append(f"{what}: {shown_before} → {shown_after}")
        return parts


_WORDS: HistoryWords | None = None


def history_lines(entries: Sequence[HistoryEntry], catalogue: PresetCatalogue | None,
                  language: str) -> list[str]:
    """What each of a feature's history rows changed, oldest first (same order as given)."""
    global _WORDS
    if _WORDS is None:
        _WORDS = HistoryWords()
    lines, previous = [], None
    for entry in entries:
        lines.append(_WORDS.describe(previous, entry, catalogue, language))
        previous = entry
    return lines
