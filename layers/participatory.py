"""The participatory layers: what residents map that official maps miss.

Each layer is a table in the project with the same bookkeeping columns: a stable
UUID, OSM-style tags, the OSM object it describes (when it tags an existing one),
who mapped it, in which mapping session, when, a version number and a review
status. The presets that fill the tags live in ``resources/presets/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ParticipatoryLayer(StrEnum):
    """Layers a mapping session fills."""

    FACILITIES = "facilities"
    TRANSPORT_LINES = "transport_lines"
    TRANSPORT_STOPS = "transport_stops"
    RISK_ZONES = "risk_zones"


class ReviewStatus(StrEnum):
    """Whether a facilitator has checked a feature."""

    DRAFT = "draft"
    VERIFIED = "verified"


@dataclass(frozen=True)
class Field:
    """One column of a participatory layer."""

    #: Column name in the GeoPackage table.
    name: str
    #: SQLite / GeoPackage type: TEXT, INTEGER, REAL or DATETIME.
    sql_type: str
    #: What the column holds, for the schema documentation and tooltips.
    doc: str


#: Columns every participatory layer has, in order.
COMMON_FIELDS: tuple[Field, ...] = (
    Field("uuid", "TEXT", "Stable identifier of the feature, kept across edits and exports"),
    Field("preset", "TEXT", "Preset the feature was tagged with (e.g. facility/clinic)"),
    Field("name", "TEXT", "Name as residents say it"),
    Field("tags", "TEXT", "All OpenStreetMap-style tags, as a JSON object"),
    Field("osm_type", "TEXT", "node, way or relation when the feature tags an existing OSM object"),
    Field("osm_id", "INTEGER", "Id of that OSM object"),
    Field("osm_version", "INTEGER", "Version of that OSM object when it was tagged"),
    Field("contributor", "TEXT", "Who mapped it (name typed once per mapping session)"),
    Field("mapping_session", "TEXT", "Mapping session it was captured in"),
    Field("created_at", "DATETIME", "When it was first saved (UTC, ISO 8601)"),
    Field("modified_at", "DATETIME", "When it was last changed (UTC, ISO 8601)"),
    Field("version", "INTEGER", "Edit count: 1 when created, +1 on every change"),
    Field("review_status", "TEXT", "draft or verified"),
)

#: Extra columns per layer.
EXTRA_FIELDS: dict[ParticipatoryLayer, tuple[Field, ...]] = {
    ParticipatoryLayer.FACILITIES: (),
    ParticipatoryLayer.TRANSPORT_LINES: (),
    ParticipatoryLayer.TRANSPORT_STOPS: (
        Field("line_uuid", "TEXT", "The transport line this stop belongs to"),
        Field("stop_sequence", "INTEGER", "Order of the stop along the line, from 1"),
    ),
    ParticipatoryLayer.RISK_ZONES: (),
}

#: GeoPackage geometry type of each layer.
GEOMETRY_TYPES: dict[ParticipatoryLayer, str] = {
    ParticipatoryLayer.FACILITIES: "Point",
    ParticipatoryLayer.TRANSPORT_LINES: "LineString",
    ParticipatoryLayer.TRANSPORT_STOPS: "Point",
    ParticipatoryLayer.RISK_ZONES: "MultiPolygon",
}


def fields(layer: ParticipatoryLayer) -> tuple[Field, ...]:
    """All columns of a participatory layer, common ones first."""
    return COMMON_FIELDS + EXTRA_FIELDS[layer]
