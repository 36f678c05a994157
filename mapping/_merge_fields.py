"""The rules of a merge, one feature at a time (see :mod:`mapping.merge`).

How a history row is recognised on both sides (same uuid, version and content), how
two changes to one feature combine field by field against their common base, and
which clashes become conflicts: the same field changed differently, an edit against a
deletion, a stop that would lose its line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

import shapely

from layers.participatory import ParticipatoryLayer, ReviewStatus
from mapping.edit_history import EditAction, Feature, HistoryEntry
from mapping.store.geopackage import MergeConflict

Key = tuple[str, str]
#: Fields merged one by one besides the tags (a tag field is its key).
GEOMETRY, PRESET, REVIEW, WHOLE = "geometry", "preset", "review_status", "feature"
_SPECIAL = {GEOMETRY, PRESET, REVIEW, WHOLE}
#: History actions that may leave a feature absent.
_REMOVING = {EditAction.DELETE, EditAction.UNDO, EditAction.REDO}


@dataclass
class MergeReport:
    """What a merge did (or would do: a refused merge writes nothing)."""

    #: Features new to the target.
    added: int = 0
    #: Features that took the other laptop's version.
    updated: int = 0
    #: Features deleted because the other laptop deleted them.
    deleted: int = 0
    #: Features whose changes on both sides were combined into a new version.
    combined: int = 0
    #: History rows brought over.
    history_rows: int = 0
    #: Conflicts found (the target's values kept).
    conflicts: list[MergeConflict] = field(default_factory=list)
    #: Things worth saying (another area or base extract).
    notes: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """The numbers, for ``--json``."""
        return {"added": self.added, "updated": self.updated, "deleted": self.deleted,
                "combined": self.combined, "history_rows": self.history_rows,
                "conflicts": len(self.conflicts)}


@dataclass
class _State:
    """One project's participatory features and history, by feature."""

    features: dict[Key, Feature]
    history: dict[Key, list[HistoryEntry]]


# Comparing -------------------------------------------------------------------------------

def _wkb(geometry: Any) -> str:
    return "" if geometry is None else shapely.to_wkb(geometry, flavor="iso", hex=True)


def _row_content(entry: HistoryEntry) -> tuple:
    """What a history row says the feature was: same uuid, version and content."""
    deleted = entry.action is EditAction.DELETE
    return (entry.version, deleted, entry.preset or "", json.dumps(dict(entry.tags),
            sort_keys=True), _wkb(entry.geometry),
            "" if deleted else str(entry.attributes.get("review_status") or ""))


def _row_identity(entry: HistoryEntry) -> tuple:
    """One edit as made: its content, who and when."""
    return (*_row_content(entry), str(entry.action), entry.contributor, entry.at)


def _fields(feature: Feature | None) -> dict[str, Any]:
    """A feature's mergeable fields (tags by key; absent feature: nothing)."""
    if feature is None:
        return {}
    values: dict[str, Any] = {f"tag:{k}": v for k, v in feature.tags.items()}
    values[GEOMETRY] = _wkb(feature.geometry)
    values[PRESET] = feature.preset
    values[REVIEW] = str(feature.review_status)
    return values


def _entry_fields(entry: HistoryEntry) -> dict[str, Any]:
    values: dict[str, Any] = {f"tag:{k}": v for k, v in entry.tags.items()}
    values[GEOMETRY] = _wkb(entry.geometry)
    values[PRESET] = entry.preset or ""
    values[REVIEW] = str(entry.attributes.get("review_status") or ReviewStatus.DRAFT)
    return values


def _latest(state: _State, key: Key) -> tuple | None:
    """The content of a feature's latest version on one side (None: never seen).

    The stored feature when there is one (the history may end with another laptop's
    rows kept beside a conflict), else its last deletion.
    """
    feature = state.features.get(key)
    if feature is not None:
        return (feature.version, False, feature.preset, json.dumps(dict(feature.tags),
                sort_keys=True), _wkb(feature.geometry), str(feature.review_status))
    # An undo can remove a feature too (undoing its creation).
    found = state.history.get(key, [])
    removals = [e for e in found if e.action in _REMOVING]
    return _row_content(removals[-1]) if removals else (
        _row_content(found[-1]) if found else None)


# Combining ---------------------------------------------------------------------------

def _keep_stops_on_lines(mine: _State, theirs: _State, prior: dict[Key, Feature | None],
                         touched: dict[Key, Feature | None], source: str,
                         report: MergeReport) -> None:
    """Never leave a stop without its line: such a deletion or addition becomes a conflict.

    A line deleted there while one of its stops was changed here (the stop is then a
    conflict, kept here) stays, as a conflict too; a stop added there on a line deleted
    here is not brought, and listed.
    """
    lines, stops = str(ParticipatoryLayer.TRANSPORT_LINES), str(ParticipatoryLayer.TRANSPORT_STOPS)
    restored: set[Key] = set()
    for key, stop in sorted(mine.features.items()):
        line_key = (lines, stop.line_uuid or "")
        if key[0] != stops or not stop.line_uuid or line_key in mine.features:
            continue
        if prior.get(line_key) is not None:
            if line_key not in restored:
                restored.add(line_key)
                line = prior[line_key]
                _take(mine, line_key, line, touched)
                report.deleted -= 1
                _whole_conflict(report, line_key, line, None, theirs, source)
        elif key in prior and prior[key] is None:
            _take(mine, key, None, touched)
            report.added -= 1
            _whole_conflict(report, key, None, stop, theirs, source)


def _whole_conflict(report: MergeReport, key: Key, mine_now: Feature | None,
                    theirs_now: Feature | None, theirs: _State, source: str) -> None:
    their_rows = theirs.history.get(key)
    last = their_rows[-1] if their_rows else None
    known = mine_now or theirs_now
    report.conflicts.append(MergeConflict(
        layer=key[0], uuid=key[1], field=WHOLE, name=known.name if known else None,
        mine=_summary(mine_now), theirs=_summary(theirs_now),
        mine_version=mine_now.version if mine_now else None,
        their_version=last.version if last else None, who=last.contributor if last else "",
        at=last.at if last else "", their_feature=theirs_now, source=source))


def _take(mine: _State, key: Key, feature: Feature | None,
          touched: dict[Key, Feature | None]) -> None:
    touched[key] = feature
    if feature is None:
        mine.features.pop(key, None)
    else:
        mine.features[key] = feature


def _three_way(key: Key, base: HistoryEntry | None, mine: _State, theirs: _State, source: str,
               report: MergeReport) -> Feature | None:
    """Combine both sides' changes; conflicts keep mine. Returns the new feature, if changed."""
    mine_now, theirs_now = mine.features.get(key), theirs.features.get(key)
    their_rows = theirs.history.get(key)
    their_last = their_rows[-1] if their_rows else None
    who = their_last.contributor if their_last else (theirs_now.contributor if theirs_now else "")
    at = their_last.at if their_last else ""
    their_version = their_last.version if their_last else (
        theirs_now.version if theirs_now else None)

    def conflict(name: str, mine_value: Any, their_value: Any) -> None:
        known = mine_now or theirs_now
        report.conflicts.append(MergeConflict(
            layer=key[0], uuid=key[1], field=name, name=known.name if known else None,
            mine=mine_value, theirs=their_value,
            mine_version=mine_now.version if mine_now else None, their_version=their_version,
            who=who, at=at, their_feature=theirs_now, source=source))

    if mine_now is None or theirs_now is None:
        conflict(WHOLE, _summary(mine_now), _summary(theirs_now))
        return None
    base_fields = _entry_fields(base) if base is not None else {}
    mine_fields, their_fields = _fields(mine_now), _fields(theirs_now)
    result = dict(mine_fields)
    for name in sorted(set(base_fields) | set(mine_fields) | set(their_fields)):
        b, m, t = base_fields.get(name), mine_fields.get(name), their_fields.get(name)
        if m == t or t == b:
            continue
        if m == b:
            if t is None:
                result.pop(name, None)
            else:
                result[name] = t
            continue
        shown = name.removeprefix("tag:")
        if name.startswith("tag:") and shown in _SPECIAL:
            shown = name  # a tag called "geometry" stays apart from the shape
        if name == GEOMETRY:
            conflict(shown, _wkt(m), _wkt(t))
        else:
            conflict(shown, m, t)
    if result == mine_fields:
        return None
    tags = {k.removeprefix("tag:"): v for k, v in result.items() if k.startswith("tag:")}
    return replace(mine_now, tags=tags, preset=result[PRESET],
                   review_status=ReviewStatus(result[REVIEW]),
                   geometry=shapely.from_wkb(result[GEOMETRY]))


def _summary(feature: Feature | None) -> Any:
    """A whole feature as shown in a conflict (None: deleted)."""
    return None if feature is None else dict(feature.tags)


def _wkt(hex_wkb: str | None) -> str | None:
    return shapely.from_wkb(hex_wkb).wkt if hex_wkb else None


def _their_values(current: Feature | None, found: Iterable[MergeConflict]) -> Feature | None:
    """The project's feature with the other laptop's value of every conflicting field."""
    found = list(found)
    theirs = found[0].their_feature
    if any(c.field == WHOLE for c in found) or current is None or theirs is None:
        return None if theirs is None else replace(theirs, fid=None)
    tags = dict(current.tags)
    result = current
    for c in found:
        if c.field == GEOMETRY:
            result = replace(result, geometry=theirs.geometry)
        elif c.field == PRESET:
            result = replace(result, preset=theirs.preset)
        elif c.field == REVIEW:
            result = replace(result, review_status=theirs.review_status)
        else:
            bare = c.field.removeprefix("tag:")
            key = bare if bare in _SPECIAL else c.field
            if key in theirs.tags:
                tags[key] = theirs.tags[key]
            else:
                tags.pop(key, None)
    return replace(result, tags=tags)
