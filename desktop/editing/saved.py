"""Reading what a project holds now, for the views: a feature, its story, the mapping
sessions, an OpenStreetMap object of the base map.

Each read opens the project read-only for a moment (SQLite lets it sit beside the
mapping session's own connection), so "What is here?" works with or without a session.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from shapely.geometry.base import BaseGeometry

from mapping import gpkg
from mapping.edit_history import (
    SESSIONS_TABLE,
    Feature,
    HistoryEntry,
    MappingSession,
    read_feature,
    read_history,
    read_mapping_sessions,
)


@dataclass(frozen=True)
class FeatureStory:
    """A participatory feature with its history, for "What is here?"."""

    feature: Feature
    history: list[HistoryEntry]
    #: Mapping session id -> its name.
    sessions: dict[str, str]


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def feature(path: Path | None, layer: str, uuid: str) -> Feature | None:
    """A participatory feature as saved now, or None."""
    if path is None:
        return None
    connection = _read_only(path)
    try:
        return read_feature(connection, layer, uuid)
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def story(path: Path | None, layer: str, uuid: str) -> FeatureStory | None:
    """A participatory feature with its history and its sessions' names."""
    if path is None:
        return None
    connection = _read_only(path)
    try:
        found = read_feature(connection, layer, uuid)
        if found is None:
            return None
        try:
            history = read_history(connection, layer, uuid)
            rows = connection.execute(f"SELECT id, name FROM {SESSIONS_TABLE}")
            sessions = {str(i): str(n or i) for i, n in rows}
        except sqlite3.Error:  # nothing edited in this project yet
            history, sessions = [], {}
        return FeatureStory(found, history, sessions)
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def mapping_sessions(path: Path | None) -> list[MappingSession]:
    """The mapping sessions recorded in the project so far."""
    if path is None:
        return []
    connection = _read_only(path)
    try:
        return read_mapping_sessions(connection)
    except sqlite3.Error:
        return []
    finally:
        connection.close()


def base_object(path: Path | None, layer: str,
                fid: int) -> tuple[dict[str, str], BaseGeometry | None]:
    """Tags and shape (WGS84) of an OpenStreetMap object of a base layer."""
    if path is None:
        return {}, None
    connection = _read_only(path)
    try:
        row = connection.execute(f'SELECT tags, geom FROM "{layer}" WHERE fid = ?',
                                 (int(fid),)).fetchone()
    finally:
        connection.close()
    if row is None:
        return {}, None
    tags = json.loads(row[0]) if row[0] else {}
    return {str(k): str(v) for k, v in tags.items()}, gpkg.decode_geometry(row[1])
