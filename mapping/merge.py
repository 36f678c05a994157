"""Many laptops, no server: merging one project's participatory edits into another.

Three teams copy one project onto three laptops, map for a day, and bring the files
together. Features are matched by uuid; each feature's *common base* is the last
version both edit histories share (same uuid, version and content). From that base:

* a feature changed on one laptop only takes that laptop's version exactly (its
  version number too), with the history rows of its edits (who, when, as made);
* a feature changed on both is merged field by field, three ways against the base:
  each tag is a field, the shape is one field, so are the preset and the review status.
  Changes to different fields combine into a new version (the same on either side, so
  merging A into B or B into A gives the same features);
* the same field changed differently, or an edit against a deletion, is a
  **conflict**: nothing is decided silently. The target keeps its own value, and the
  other laptop's value, who saved it and when go to ``quartier_merge_conflicts``
  until ``quartier conflicts --keep mine|theirs UUID`` settles it.

Only the participatory layers are merged; a project made from another area or base
extract is merged all the same and the report says so. Merging the same file twice
changes nothing (its history rows are recognised). The target is written in one
transaction through its store, or not at all.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import shapely

from layers.errors import ProjectError
from layers.participatory import ParticipatoryLayer, ReviewStatus
from mapping.edit_history import EditAction, Feature, HistoryEntry, history_attributes, now
from mapping.store import is_server_url, open_store
from mapping.store.base import ProjectStore
from mapping.store.geopackage import GeoPackageStore, MergeConflict, MergeWrite

__all__ = ["MergeConflict", "MergeReport", "conflicts", "keep", "merge"]

Key = tuple[str, str]
#: Fields merged one by one besides the tags (a tag field is its key).
GEOMETRY, PRESET, REVIEW, WHOLE = "geometry", "preset", "review_status", "feature"
_SPECIAL = {GEOMETRY, PRESET, REVIEW, WHOLE}


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


def merge(target: str | os.PathLike[str], others: Sequence[str | os.PathLike[str]],
          contributor: str = "merge") -> MergeReport:
    """Merge the participatory edits of ``others`` into ``target`` (see the module).

    Parameters
    ----------
    target
        The project file that receives the edits (the only one written).
    others
        Project files to take edits from, in order.
    contributor
        Who merges (named in the history rows of combined versions).
    """
    if is_server_url(str(target)):
        raise ProjectError("Merging works on project files; a team-server project takes "
                           "edits with quartier server sync.")
    target_path = Path(target)
    store = _open(target_path)
    report = MergeReport()
    try:
        mine = _read_state(store)
        read_versions = {k: f.version for k, f in mine.features.items()}
        touched: dict[Key, Feature | None] = {}
        history: list[list[HistoryEntry]] = []
        sessions: list[tuple[str, str, str, str | None]] = []
        own = store.metadata()
        for other_path in map(Path, others):
            if other_path.resolve() == target_path.resolve():
                raise ProjectError(f"{other_path.name} is the target project itself; name "
                                   "another project to merge into it.")
            other = _open(other_path)
            try:
                theirs_meta = other.metadata()
                if theirs_meta.schema_version != own.schema_version:
                    raise ProjectError(
                        f"{other_path.name} is a project of another layout (version "
                        f"{theirs_meta.schema_version}, this one is {own.schema_version}); "
                        "open it in the matching Quartier and save it again first.")
                if _extract(theirs_meta) != _extract(own):
                    report.notes.append(
                        f"{other_path.name} was made from another area or base extract: only "
                        "its participatory layers (facilities, transport, risk zones) were "
                        "merged.")
                theirs = _read_state(other)
                sessions += [(s.id, s.name, s.started_at, s.facilitator)
                             for s in other.mapping_sessions()]
            finally:
                other.close()
            _merge_one(mine, theirs, other_path.name, contributor, report, touched, history)
        writes = [(key, feature, read_versions.get(key)) for key, feature in touched.items()]
        if writes or any(history) or report.conflicts:
            _gpkg(store).write_merge(MergeWrite(writes, history, sessions, report.conflicts))
    finally:
        store.close()
    return report


def conflicts(project: str | os.PathLike[str]) -> list[MergeConflict]:
    """The conflicts merges left in ``project``, by layer, feature and field."""
    store = _open(Path(project))
    try:
        return _gpkg(store).merge_conflicts()
    finally:
        store.close()


def keep(project: str | os.PathLike[str], side: str, uuid: str,
         contributor: str = "merge") -> Feature | None:
    """Settle one feature's conflicts: keep ``mine`` (the project's) or ``theirs``.

    Keeping theirs writes a new version with the other laptop's value of every
    conflicting field (or deletes the feature, or brings it back), recorded in the
    history under ``contributor``. Returns the feature as stored afterwards.
    """
    if side not in ("mine", "theirs"):
        raise ProjectError(f"“{side}” is not a choice for conflicts: keep mine or theirs.")
    store = _open(Path(project))
    try:
        gpkg_store = _gpkg(store)
        found = [c for c in gpkg_store.merge_conflicts() if c.uuid == uuid]
        if not found:
            raise ProjectError(f"{Path(project).name} has no merge conflict on the feature "
                               f"{uuid}; quartier conflicts lists them.")
        layer = found[0].layer
        current = store.read_feature(layer, uuid)
        target: Feature | None | bool = False
        if side == "theirs":
            target = _their_values(current, found)
        note = f"conflict settled: kept {side} ({found[0].who or 'someone'}'s version " \
               f"{found[0].their_version})"
        return gpkg_store.settle_merge_conflict(layer, uuid, target, contributor, note)
    finally:
        store.close()


# Reading -------------------------------------------------------------------------------

def _open(path: Path) -> ProjectStore:
    if not path.exists():
        raise ProjectError(f"The project {path} does not exist.")
    if path.suffix.lower() != ".gpkg":
        raise ProjectError(f"{path.name} is not a Quartier project (a .gpkg file).")
    store = open_store(path)
    try:
        store.metadata()
    except Exception:
        store.close()
        raise
    return store


def _extract(metadata: Any) -> tuple:
    """What a project's base layers were made from: area, source and data date."""
    return (tuple(metadata.area_of_interest), metadata.source, metadata.osm_data_date)


def _gpkg(store: ProjectStore) -> GeoPackageStore:
    if not isinstance(store, GeoPackageStore):
        raise ProjectError("Merge conflicts are kept in project files only.")
    return store


def _read_state(store: ProjectStore) -> _State:
    features = {(str(f.layer), f.uuid): f for layer in ParticipatoryLayer
                for f in store.read_features(layer)}
    history: dict[Key, list[HistoryEntry]] = {}
    for entry in store.read_history():
        history.setdefault((entry.layer, entry.uuid), []).append(entry)
    return _State(features, history)


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
    deletions = [e for e in state.history.get(key, []) if e.action is EditAction.DELETE]
    return _row_content(deletions[-1]) if deletions else None


# Merging -------------------------------------------------------------------------------

def _merge_one(mine: _State, theirs: _State, source: str, contributor: str,
               report: MergeReport, touched: dict[Key, Feature | None],
               history: list[list[HistoryEntry]]) -> None:
    """Merge one other project into the in-memory target state (then written at once)."""
    brought: list[HistoryEntry] = []
    combined: list[HistoryEntry] = []
    prior: dict[Key, Feature | None] = {}
    keys = sorted(set(theirs.features) | set(theirs.history))
    for key in keys:
        their_rows = theirs.history.get(key, [])
        known = {_row_identity(e) for e in mine.history.get(key, [])}
        new_rows = [e for e in their_rows if _row_identity(e) not in known]
        shared = {_row_content(e) for e in mine.history.get(key, [])}
        base = next((e for e in reversed(their_rows) if _row_content(e) in shared), None)
        mine_now, theirs_now = mine.features.get(key), theirs.features.get(key)
        mine_latest, theirs_latest = _latest(mine, key), _latest(theirs, key)
        base_content = _row_content(base) if base is not None else None
        prior[key] = mine_now
        if mine_latest is None:
            if theirs_now is not None:
                _take(mine, key, theirs_now, touched)
                report.added += 1
        elif theirs_latest == base_content or theirs_latest == mine_latest:
            pass  # nothing new there, or the same edit on both sides
        elif mine_latest == base_content:
            _take(mine, key, theirs_now, touched)
            if theirs_now is None:
                report.deleted += int(mine_now is not None)
            else:
                report.updated += 1
        else:
            merged = _three_way(key, base, mine, theirs, source, report)
            if merged is not None:
                version = 1 + max(e.version for e in [*mine.history.get(key, []), *their_rows])
                merged = replace(merged, version=version, modified_at=now())
                _take(mine, key, merged, touched)
                combined.append(HistoryEntry(
                    id=0, layer=key[0], uuid=key[1], version=version, action=EditAction.UPDATE,
                    contributor=contributor, mapping_session=None, at=merged.modified_at,
                    preset=merged.preset, tags=dict(merged.tags), geometry=merged.geometry,
                    edit_id=-1, note=f"merge of {source}",
                    attributes=history_attributes(merged)))
                report.combined += 1
        if new_rows:
            brought += new_rows
            mine.history.setdefault(key, []).extend(new_rows)
    _keep_stops_on_lines(mine, theirs, prior, touched, source, report)
    for entry in combined:
        mine.history[(entry.layer, entry.uuid)].append(entry)
    report.history_rows += len(brought) + len(combined)
    if brought:
        history.append(brought)
    if combined:
        history.append(combined)


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
