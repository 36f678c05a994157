"""Reading what a project holds now, for the views: a feature, its story, the mapping
sessions, an OpenStreetMap object of the base map.

Each read opens the project's store for a moment (it sits beside the mapping
session's own), so "What is here?" works with or without a session. The views never
open a connection themselves: everything goes through :mod:`mapping.store`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from shapely.geometry.base import BaseGeometry

from layers.errors import QuartierError
from mapping.edit_history import Feature, HistoryEntry, MappingSession
from mapping.store import ProjectStore, open_store

_Read = TypeVar("_Read")


@dataclass(frozen=True)
class FeatureStory:
    """A participatory feature with its history, for "What is here?"."""

    feature: Feature
    history: list[HistoryEntry]
    #: Mapping session id -> its name.
    sessions: dict[str, str]


def _read(path: Path | str | None, read: Callable[[ProjectStore], _Read],
          otherwise: _Read) -> _Read:
    """``read(store)`` on the project at ``path``, or ``otherwise`` if it cannot be read."""
    if path is None:
        return otherwise
    try:
        with open_store(path) as store:
            return read(store)
    except QuartierError:
        return otherwise


def feature(path: Path | str | None, layer: str, uuid: str) -> Feature | None:
    """A participatory feature as saved now, or None."""
    return _read(path, lambda store: store.read_feature(layer, uuid), None)


def story(path: Path | str | None, layer: str, uuid: str) -> FeatureStory | None:
    """A participatory feature with its history and its sessions' names."""
    def read(store: ProjectStore) -> FeatureStory | None:
        found = store.read_feature(layer, uuid)
        if found is None:
            return None
        history = store.read_history(layer, uuid)
        sessions = {s.id: s.name for s in store.mapping_sessions()}
        return FeatureStory(found, history, sessions)

    return _read(path, read, None)


def mapping_sessions(path: Path | str | None) -> list[MappingSession]:
    """The mapping sessions recorded in the project so far."""
    return _read(path, lambda store: store.mapping_sessions(), [])


def base_object(path: Path | str | None, layer: str,
                fid: int) -> tuple[dict[str, str], BaseGeometry | None]:
    """Tags and shape (WGS84) of an OpenStreetMap object of a base layer."""
    def read(store: ProjectStore) -> tuple[dict[str, str], BaseGeometry | None]:
        found = store.read_layer(layer, columns=["tags"], fids=[int(fid)])
        if found.empty:
            return {}, None
        text = found["tags"].iloc[0]
        tags = json.loads(text) if isinstance(text, str) and text else {}
        return {str(k): str(v) for k, v in tags.items()}, found.geometry.iloc[0]

    return _read(path, read, ({}, None))
