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

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from layers.errors import ProjectError
from layers.i18n import tr
from layers.participatory import ParticipatoryLayer
from mapping._merge_fields import (
    Key,
    MergeReport,
    _keep_stops_on_lines,
    _latest,
    _row_content,
    _row_identity,
    _State,
    _take,
    _their_values,
    _three_way,
)
from mapping.edit_history import EditAction, Feature, HistoryEntry, history_attributes, now
from mapping.store import is_server_url, open_store
from mapping.store.base import ProjectStore
from mapping.store.geopackage import GeoPackageStore, MergeConflict, MergeWrite

__all__ = ["MergeConflict", "MergeReport", "conflicts", "keep", "merge"]


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
    if any(is_server_url(str(p)) for p in [target, *others]):
        raise ProjectError(tr("Merging works on project files; a team-server project takes "
                              "edits with quartier server sync."))
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
                raise ProjectError(tr("{name} is the target project itself; name another "
                                      "project to merge into it.", name=other_path.name))
            other = _open(other_path)
            try:
                theirs_meta = other.metadata()
                if theirs_meta.schema_version != own.schema_version:
                    raise ProjectError(tr(
                        "{name} is a project of another layout (version {theirs}, this one is "
                        "{ours}); open it in the matching Quartier and save it again first.",
                        name=other_path.name, theirs=theirs_meta.schema_version,
                        ours=own.schema_version))
                if _extract(theirs_meta) != _extract(own):
                    report.notes.append(tr(
                        "{name} was made from another area or base extract: only its "
                        "participatory layers (facilities, transport, risk zones) were merged.",
                        name=other_path.name))
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
        raise ProjectError(tr("“{side}” is not a choice for conflicts: keep mine or theirs.",
                              side=side))
    store = _open(Path(project))
    try:
        gpkg_store = _gpkg(store)
        found = [c for c in gpkg_store.merge_conflicts() if c.uuid == uuid]
        if not found:
            raise ProjectError(tr("{name} has no merge conflict on the feature {uuid}; "
                                  "quartier conflicts lists them.", name=Path(project).name,
                                  uuid=uuid))
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
        raise ProjectError(tr("The project {path} does not exist.", path=path))
    if path.suffix.lower() != ".gpkg":
        raise ProjectError(tr("{name} is not a Quartier project (a .gpkg file).",
                              name=path.name))
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
        raise ProjectError(tr("Merge conflicts are kept in project files only."))
    return store


def _read_state(store: ProjectStore) -> _State:
    features = {(str(f.layer), f.uuid): f for layer in ParticipatoryLayer
                for f in store.read_features(layer)}
    history: dict[Key, list[HistoryEntry]] = {}
    for entry in store.read_history():
        history.setdefault((entry.layer, entry.uuid), []).append(entry)
    return _State(features, history)


# Merging -------------------------------------------------------------------------------

#: Starts the note of another laptop's history rows kept beside a conflict.
_UNAPPLIED = "[kept beside a merge conflict] "


def _unapplied(entry: HistoryEntry) -> bool:
    """Whether a history row came from another laptop and was never applied here."""
    return entry.note.startswith(_UNAPPLIED)


def _merge_one(mine: _State, theirs: _State, source: str, contributor: str,
               report: MergeReport, touched: dict[Key, Feature | None],
               history: list[list[HistoryEntry]]) -> None:
    """Merge one other project into the in-memory target state (then written at once)."""
    brought: list[HistoryEntry] = []
    combined: list[HistoryEntry] = []
    prior: dict[Key, Feature | None] = {}
    keys = sorted(set(theirs.features) | set(theirs.history))
    for key in keys:
        clashes = len(report.conflicts)
        their_rows = theirs.history.get(key, [])
        known = {_row_identity(e) for e in mine.history.get(key, [])}
        new_rows = [e for e in their_rows if _row_identity(e) not in known]
        shared = {_row_content(e) for e in mine.history.get(key, []) if not _unapplied(e)}
        base = next((e for e in reversed(their_rows)
                     if not _unapplied(e) and _row_content(e) in shared), None)
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
        if new_rows and len(report.conflicts) > clashes:
            # Kept for who and when, but marked: they are not what this feature is made
            # of, so they never serve as a common base (or merging this project back
            # into theirs would hand them our value without a conflict).
            new_rows = [replace(e, note=_UNAPPLIED + e.note) for e in new_rows]
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


