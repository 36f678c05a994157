"""What a project holds, whichever store keeps it: its metadata, its layer registry.

These records are the same for the GeoPackage file and a PostGIS team server; each
backend (:mod:`mapping.store.geopackage`, :mod:`mapping.store.postgis`) maps them onto
its own tables (``quartier_metadata`` and ``quartier_layers``).
"""

from __future__ import annotations

import importlib.metadata
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from layers import participatory
from layers.i18n import N_
from layers.osm_definitions import BaseLayer

SCHEMA_VERSION = 1


def _package_version() -> str:
    try:
        return importlib.metadata.version("quartier")
    except importlib.metadata.PackageNotFoundError:
        return "0.0.0"


#: Version of the installed Quartier (from the package metadata).
QUARTIER_VERSION = _package_version()
METADATA_TABLE = "quartier_metadata"
LAYERS_TABLE = "quartier_layers"
OSM_ATTRIBUTION = "© OpenStreetMap contributors (ODbL 1.0)"


class LayerKind(StrEnum):
    """What a layer in a project is."""

    BASE = "base"
    STREET_GRAPH = "street_graph"
    PARTICIPATORY = "participatory"
    HAZARD = "hazard"
    REFERENCE = "reference"


#: GeoPackage geometry type written for each base layer.
BASE_GEOMETRY_TYPES: dict[str, str] = {
    BaseLayer.BUILDINGS: "MultiPolygon",
    BaseLayer.ROADS: "LineString",
    BaseLayer.POIS: "Unknown",
    BaseLayer.WATER: "Unknown",
    BaseLayer.LANDUSE: "MultiPolygon",
    BaseLayer.PLACES: "Point",
    BaseLayer.STREET_NODES: "Point",
    BaseLayer.STREET_EDGES: "LineString",
}

#: Titles shown in QGIS and in the layers panel.
LAYER_TITLES: dict[str, str] = {
    BaseLayer.BUILDINGS: N_("Buildings"),
    BaseLayer.ROADS: N_("Roads and paths"),
    BaseLayer.POIS: N_("Existing amenities and services"),
    BaseLayer.WATER: N_("Rivers, drains and water"),
    BaseLayer.LANDUSE: N_("Land use and open spaces"),
    BaseLayer.PLACES: N_("Place names"),
    BaseLayer.STREET_NODES: N_("Street graph: intersections"),
    BaseLayer.STREET_EDGES: N_("Street graph: street segments"),
    participatory.ParticipatoryLayer.FACILITIES: N_("Facilities"),
    participatory.ParticipatoryLayer.TRANSPORT_LINES: N_("Informal transport lines"),
    participatory.ParticipatoryLayer.TRANSPORT_STOPS: N_("Transport stops"),
    participatory.ParticipatoryLayer.RISK_ZONES: N_("Risk zones"),
}


@dataclass
class ProjectMetadata:
    """What a project is about; stored as key/value rows in ``quartier_metadata``."""

    #: Project name shown in the title bar and on printed maps.
    name: str
    #: Area of interest (west, south, east, north) in degrees.
    area_of_interest: tuple[float, float, float, float]
    #: File (or download) the base layers came from.
    source: str = ""
    #: Date of the OpenStreetMap data, ISO 8601 ("" when unknown).
    osm_data_date: str = ""
    #: Attribution line every map and export carries.
    attribution: str = OSM_ATTRIBUTION
    #: CRS the map is drawn in (the UTM zone of the area), as "EPSG:nnnnn".
    working_crs: str = ""
    #: When the project was created (UTC, ISO 8601).
    created_at: str = ""
    #: Quartier version that created the project.
    quartier_version: str = field(default_factory=lambda: QUARTIER_VERSION)
    #: Layout version of the project file.
    schema_version: int = SCHEMA_VERSION
    #: Notes from the import (ways left out at the extract's edge, repairs...).
    import_notes: list[str] = field(default_factory=list)

    def to_rows(self) -> list[tuple[str, str]]:
        """Key/value rows as stored (values JSON-encoded)."""
        return [(key, json.dumps(value, ensure_ascii=False)) for key, value in asdict(self).items()]

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str]]) -> ProjectMetadata:
        """Read back the rows written by :meth:`to_rows`; unknown keys are ignored."""
        values = {key: json.loads(value) for key, value in rows}
        known = {name for name in cls.__dataclass_fields__}
        kept = {key: value for key, value in values.items() if key in known}
        if "area_of_interest" in kept:
            kept["area_of_interest"] = tuple(kept["area_of_interest"])
        return cls(**kept)


@dataclass(frozen=True)
class LayerInfo:
    """One layer of a project as ``quartier info`` reports it."""

    #: Table name in the GeoPackage.
    name: str
    #: What the layer is (base, participatory, hazard...).
    kind: str
    #: Title shown to people.
    title: str
    #: Number of features.
    count: int
    #: Geometry type as GDAL names it (Point, LineString, MultiPolygon, Unknown...).
    geometry_type: str
    #: CRS as "EPSG:nnnn".
    crs: str
    #: (west, south, east, north), or None for an empty layer.
    extent: tuple[float, float, float, float] | None


@dataclass(frozen=True)
class LayerRecord:
    """One row of the layer registry (``quartier_layers``): what a layer is and how it looks."""

    #: Table name.
    name: str
    #: What the layer is (a :class:`LayerKind` value).
    kind: str
    #: Title shown to people.
    title: str = ""
    #: File (or analysis) it came from; ``"analysis"`` for an analysis result.
    source: str = ""
    #: When it was added (UTC, ISO 8601).
    added_at: str = ""
    #: Drawing order, bottom first.
    draw_order: int = 0
    #: Whether the map shows it.
    visible: bool = True
    #: Opacity from 0 to 1.
    opacity: float = 1.0
    #: Its style, classification and legend (stored as JSON).
    style: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class LayerSchema:
    """A vector layer's fields and shape, as GDAL describes it."""

    #: Attribute names, in table order (not the geometry).
    fields: list[str]
    #: numpy-style type of each field ("int64", "float64", "object", "datetime64[ms]"...).
    dtypes: list[str]
    #: Geometry type as GDAL names it, or None for a table without geometry.
    geometry_type: str | None
    #: CRS as "EPSG:nnnn" ("" when unknown).
    crs: str
    #: Number of features.
    count: int


@dataclass(frozen=True)
class RasterLayer:
    """A raster layer's cells: one band of float32 values (NaN where there is no data)."""

    #: The cells, rows from north to south.
    values: Any
    #: Affine transform of the grid (rasterio's).
    transform: Any
    #: CRS as "EPSG:nnnn".
    crs: str
    #: What the cells measure ("flood"), recorded with the layer.
    field_name: str = ""
    #: Unit of the values ("m").
    unit: str = ""
    #: One line on what the layer is, recorded with it.
    description: str = ""


@dataclass
class WkbBatch:
    """Features of a vector layer read for the map: fids, WKB geometries and a few columns.

    The geometries are ISO WKB back to back, in the layout of an Arrow binary array, so
    the renderer flattens a batch without a Python object per feature.
    """

    #: Feature ids (int64).
    fids: Any
    #: The WKB of every feature, one after another (a numpy ``uint8`` array).
    wkb: Any
    #: Start of each feature's WKB in ``wkb``, plus the end (int64); a null geometry is empty.
    offsets: Any
    #: Attribute columns by name, numpy arrays as GDAL's Arrow stream gives them to numpy
    #: (integers with a missing value as floats with NaN, text as objects with None).
    columns: dict[str, Any] = field(default_factory=dict)
