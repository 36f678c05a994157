"""How participatory features and their history are stored, row by row.

Every write of a feature goes with a row in ``quartier_edit_history`` (one per
feature per edit, in the same SQLite transaction): who changed what, when, in
which mapping session, and the tags and geometry it had afterwards (or, for a
deletion, just before). The feature table's ``version`` equals the version of its
latest history row. Mapping sessions are listed in ``quartier_mapping_sessions``.
Both are plain GeoPackage attribute tables, so QGIS and GDAL show them.

This module holds the records and how they map onto table columns; the store
(:mod:`mapping.store`) reads and writes them, :mod:`mapping.editing` decides what to write.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import shapely
from shapely.geometry.base import BaseGeometry

from layers.i18n import ntr, tr
from layers.participatory import ParticipatoryLayer, ReviewStatus, fields

if TYPE_CHECKING:
    import geopandas as gpd

HISTORY_TABLE = "quartier_edit_history"
SESSIONS_TABLE = "quartier_mapping_sessions"

__all__ = ["HISTORY_TABLE", "SESSIONS_TABLE", "Author", "Change", "Edit", "EditAction", "Feature",
           "FeatureRef", "HistoryEntry", "MappingSession", "OsmRef", "Said", "columns",
           "feature_from_row", "features_frame", "history_attributes", "now", "row_values",
           "tags_json"]


class EditAction(StrEnum):
    """What an edit did to a feature, as recorded in its history."""

    CREATE = "create"
    UPDATE = "update"
    MOVE = "move"
    DELETE = "delete"
    REVIEW = "review"
    UNDO = "undo"
    REDO = "redo"


@dataclass(frozen=True)
class Feature:
    """One participatory feature as stored: a row of its layer's table."""

    #: Layer (table) it belongs to.
    layer: ParticipatoryLayer
    #: Stable identifier, kept across edits and exports.
    uuid: str
    #: Preset it was tagged with (``facility/clinic``).
    preset: str
    #: All its OpenStreetMap-style tags.
    tags: Mapping[str, str]
    #: Its shape in WGS84 longitude/latitude.
    geometry: BaseGeometry
    #: ``node``, ``way`` or ``relation`` when it tags an existing OSM object.
    osm_type: str | None = None
    #: Id of that OSM object.
    osm_id: int | None = None
    #: Version of that OSM object when it was tagged.
    osm_version: int | None = None
    #: Who first mapped it (each later editor is in the history).
    contributor: str = ""
    #: Mapping session it was first captured in.
    mapping_session: str | None = None
    #: When it was first saved (UTC, ISO 8601).
    created_at: str = ""
    #: When it was last changed (UTC, ISO 8601).
    modified_at: str = ""
    #: 1 when created, +1 on every change (undo and redo included).
    version: int = 0
    #: Whether a facilitator has checked it.
    review_status: ReviewStatus = ReviewStatus.DRAFT
    #: Transport stops: the line they belong to.
    line_uuid: str | None = None
    #: Transport stops: order along the line, from 1.
    stop_sequence: int | None = None
    #: Row id in the table (changes if a deleted feature is restored).
    fid: int | None = None

    @property
    def name(self) -> str | None:
        """The ``name`` tag, exactly as typed."""
        return self.tags.get("name")

    def same_content(self, other: Feature | None) -> bool:
        """Whether ``other`` stores the same thing (ignoring version, times and row id)."""
        if other is None:
            return False
        keep = {"version": 0, "modified_at": "", "fid": None}
        return replace(self, **keep) == replace(other, **keep)  # type: ignore[arg-type]


@dataclass(frozen=True)
class HistoryEntry:
    """One row of a feature's history."""

    #: Order of the row in the whole project's history.
    id: int
    #: Layer of the feature.
    layer: str
    #: The feature.
    uuid: str
    #: The feature's version after this change.
    version: int
    #: What was done.
    action: EditAction
    #: Who did it.
    contributor: str
    #: In which mapping session.
    mapping_session: str | None
    #: When (UTC, ISO 8601).
    at: str
    #: Preset after the change.
    preset: str | None
    #: Tags after the change (for a deletion: the tags it had).
    tags: Mapping[str, str]
    #: Geometry after the change (for a deletion: the one it had).
    geometry: BaseGeometry | None
    #: Edits that touch several features at once share this number.
    edit_id: int
    #: Why, in a few words ("split", "stop order", "undo of: Add Clinic").
    note: str = ""
    #: The other stored columns (osm reference, review status, line and stop order).
    attributes: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class OsmRef:
    """The existing OpenStreetMap object a feature describes."""

    #: ``node``, ``way`` or ``relation``.
    osm_type: str
    #: Its id.
    osm_id: int
    #: Its version when it was tagged.
    osm_version: int | None = None


@dataclass(frozen=True)
class Change:
    """One feature's part in an edit: what it was and what it became (None: absent)."""

    #: Layer of the feature.
    layer: ParticipatoryLayer
    #: The feature.
    uuid: str
    #: State before the edit (None: it did not exist).
    before: Feature | None
    #: State after the edit (None: it was deleted).
    after: Feature | None
    #: What the history calls this change.
    action: EditAction
    #: Why, in a few words ("split", "stop order").
    note: str = ""


#: A feature named in an edit's description: its preset id, layer and name (JSON-ready).
FeatureRef = Mapping[str, str]


@dataclass(frozen=True)
class Said:
    """A sentence kept in a stable, language-independent form: its message (the English
    sentence, an id of the catalogue) and the values of its placeholders. It is said in the
    current language only when shown (:meth:`say`), never stored translated.

    A value may name a feature (a :data:`FeatureRef`: ``{"preset": ..., "layer": ...,
    "name": ...}``); whoever shows the sentence names it (in its language).
    """

    #: The English sentence with ``{placeholders}`` ("Add {what}").
    message: str
    #: The values of the placeholders.
    values: tuple[tuple[str, Any], ...] = ()
    #: The plural English sentence, when the number ``n`` decides the grammar.
    plural: str = ""
    #: That number (also the placeholder ``{n}``).
    n: int | None = None

    @classmethod
    def of(cls, message: str, /, **values: Any) -> Said:
        """``Said.of(N_("Add {what}"), what=ref)``."""
        return cls(message, tuple(values.items()))

    @classmethod
    def counted(cls, singular: str, plural: str, n: int, /, **values: Any) -> Said:
        """A sentence whose grammar follows ``n`` (said with :func:`layers.i18n.ntr`; the
        maker also calls ``ntr`` with the same literals so that the catalogue holds it)."""
        return cls(singular, tuple(values.items()), plural, n)

    def say(self, name: Callable[[FeatureRef], str] | None = None) -> str:
        """The sentence in the current language, features named by ``name``."""
        values = {key: (name(value) if name is not None else str(value.get("name", "")))
                  if isinstance(value, Mapping) else value for key, value in self.values}
        if self.plural and self.n is not None:
            return ntr(self.message, self.plural, self.n, **values)
        return tr(self.message, **values)

    def to_json(self) -> str:
        """The sentence as JSON text, to keep it."""
        return json.dumps({"message": self.message, "values": dict(self.values),
                           "plural": self.plural, "n": self.n}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Said:
        """A sentence kept with :meth:`to_json`."""
        data = json.loads(text)
        return cls(str(data["message"]), tuple(dict(data.get("values") or {}).items()),
                   str(data.get("plural") or ""), data.get("n"))


@dataclass(frozen=True)
class Edit:
    """One undoable step: every feature it changed, as written."""

    #: What the Undo menu says, in English ("Add Clinic"); as kept by older versions.
    description: str
    #: Features changed, in order.
    changes: tuple[Change, ...]
    #: The description in a stable form, said in the current language when shown (None:
    #: only the English text is known).
    said: Said | None = None


def now() -> str:
    """The current UTC time as GeoPackage writes DATETIME values."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def columns(layer: ParticipatoryLayer) -> list[str]:
    """The attribute columns of a participatory layer's table, in order."""
    return [f.name for f in fields(layer)]



def feature_from_row(layer: ParticipatoryLayer, fid: int, row: Mapping[str, Any],
                     geometry: BaseGeometry | None) -> Feature:
    """A feature from its table row (column -> value) and its decoded geometry."""
    return Feature(
        layer=layer, uuid=row["uuid"], preset=row["preset"] or "",
        tags=json.loads(row["tags"]) if row["tags"] else {},
        geometry=geometry if geometry is not None else shapely.Point(),
        osm_type=row["osm_type"], osm_id=row["osm_id"], osm_version=row["osm_version"],
        contributor=row["contributor"] or "", mapping_session=row["mapping_session"],
        created_at=row["created_at"] or "", modified_at=row["modified_at"] or "",
        version=int(row["version"] or 0),
        review_status=ReviewStatus(row["review_status"] or ReviewStatus.DRAFT),
        line_uuid=row.get("line_uuid"), stop_sequence=row.get("stop_sequence"), fid=fid,
    )


@dataclass(frozen=True)
class Author:
    """Who makes an edit, and when."""

    #: Contributor's name.
    contributor: str
    #: Mapping session id.
    mapping_session: str | None
    #: Edit number shared by all rows of one edit.
    edit_id: int
    #: Time of the edit (UTC, ISO 8601).
    at: str


def tags_json(tags: Mapping[str, str]) -> str:
    """Tags as stored: JSON text, non-ASCII kept."""
    return json.dumps(dict(tags), ensure_ascii=False)


def row_values(feature: Feature) -> dict[str, object]:
    """A feature's table columns (not fid and geometry) as stored."""
    values: dict[str, object] = {
        "uuid": feature.uuid, "preset": feature.preset, "name": feature.name,
        "tags": tags_json(feature.tags), "osm_type": feature.osm_type,
        "osm_id": feature.osm_id, "osm_version": feature.osm_version,
        "contributor": feature.contributor, "mapping_session": feature.mapping_session,
        "created_at": feature.created_at, "modified_at": feature.modified_at,
        "version": feature.version, "review_status": str(feature.review_status),
    }
    if feature.layer is ParticipatoryLayer.TRANSPORT_STOPS:
        values["line_uuid"] = feature.line_uuid
        values["stop_sequence"] = feature.stop_sequence
    return values


def history_attributes(feature: Feature | None) -> dict[str, object]:
    """The columns a history row keeps beside tags and geometry."""
    if feature is None:
        return {}
    values = row_values(feature)
    return {key: values[key] for key in (
        "osm_type", "osm_id", "osm_version", "review_status", "created_at", "line_uuid",
        "stop_sequence") if key in values}


@dataclass(frozen=True)
class MappingSession:
    """A mapping session as recorded in the project."""

    #: Identifier stored with each feature.
    id: str
    #: Name shown to people ("Kianda walk, 21 April").
    name: str
    #: When it started (UTC, ISO 8601).
    started_at: str
    #: Who facilitated it, if known.
    facilitator: str | None


def features_frame(layer: ParticipatoryLayer, features: list[Feature]) -> gpd.GeoDataFrame:
    """Features as their table's columns (tags as JSON text), indexed by fid, in WGS84."""
    import geopandas as gpd
    import pandas as pd

    names = columns(layer)
    data: dict[str, list] = {c: [] for c in names}
    for feature in features:
        values = row_values(feature)
        for column in names:
            data[column].append(values.get(column))
    index = pd.Index([f.fid for f in features], name="fid", dtype="int64")
    return gpd.GeoDataFrame(data, geometry=[f.geometry for f in features], crs="EPSG:4326",
                            index=index)
