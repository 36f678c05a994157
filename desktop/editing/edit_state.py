"""What the edit tools and the Describe panel hold: the selection, a click after snapping,
and the feature waiting for its description."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from shapely.geometry.base import BaseGeometry

from layers.participatory import ParticipatoryLayer
from mapping.snapping import SnapKind

if TYPE_CHECKING:
    from mapping.editing import ConflictError


class PendingKind(Enum):
    """What the Describe panel is waiting for."""

    #: A shape just drawn: which preset, which answers.
    NEW = "new"
    #: An OpenStreetMap object just clicked: which preset.
    TAG_EXISTING = "tag_existing"
    #: A feature already saved: its answers.
    DETAILS = "details"


@dataclass
class PendingEdit:
    """A feature being described in the panel, not saved yet."""

    #: What is waited for.
    kind: PendingKind
    #: Layer the feature goes to.
    layer: ParticipatoryLayer
    #: The shape drawn (new), the object's outline (tag existing) or None.
    geometry: BaseGeometry | None = None
    #: Tags to start the form from.
    tags: dict[str, str] = field(default_factory=dict)
    #: Preset to propose first (or to edit, for details).
    preset: str | None = None
    #: The feature described (details).
    uuid: str | None = None
    #: The version of it the form shows (details): saving refuses a newer stored one.
    version: int | None = None
    #: The OpenStreetMap object tagged: base layer and feature id.
    base_layer: str | None = None
    fid: int | None = None


@dataclass(frozen=True)
class Selected:
    """A participatory feature picked on the map."""

    #: Its layer.
    layer: str
    #: Its uuid.
    uuid: str


@dataclass
class Conflict:
    """An edit refused because someone saved the feature since it was shown."""

    #: The refusal: the stored version (``stored``) and what the edit wanted (``attempted``).
    error: ConflictError
    #: Layer and uuid of the feature.
    layer: str
    uuid: str
    #: Who saved the stored version, and when (UTC, ISO 8601).
    who: str
    when: str
    #: Saves the edit again expecting the given stored version (Keep mine).
    retry: Callable[[int], bool]


@dataclass(frozen=True)
class SnapPoint:
    """Where a click lands: WGS84 (exact when snapped) and working-CRS coordinates."""

    lon: float
    lat: float
    x: float
    y: float
    kind: SnapKind = SnapKind.NONE
