"""Choosing the layers of an export and reading them as flat tables.

Every format reads the project the same way: the layers asked for (or every
vector layer that people map with), participatory features filtered to the
verified ones when asked, the OpenStreetMap-style ``tags`` expanded into one
column per key, and personal fields left out when asked.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa

from layers.errors import EmptyExtractError, ValidationError
from layers.i18n import tr
from layers.participatory import ParticipatoryLayer, ReviewStatus, fields
from mapping.edit_history import features_frame
from mapping.export.personal import is_personal
from mapping.project import LayerKind, Project

#: Columns describing a participatory feature's life, kept as columns (never as OSM tags).
BOOKKEEPING_COLUMNS = ("uuid", "preset", "contributor", "mapping_session", "created_at",
                       "modified_at", "version", "review_status")
#: Columns describing the OSM object a feature is or tags.
OSM_COLUMNS = ("osm_type", "osm_id", "osm_version")
#: Storage details never exported as attributes (the tags are expanded instead).
STORAGE_COLUMNS = ("tags", "osm_nodes", "osm_node_details")
#: Layer kinds exported when no layer is named (the street graph is derived data).
DEFAULT_KINDS = (LayerKind.BASE, LayerKind.PARTICIPATORY, LayerKind.HAZARD,
                 LayerKind.REFERENCE)
#: Pandas text type of the tag columns (Arrow strings, missing values as NaN).
TEXT = pd.StringDtype("pyarrow", na_value=np.nan)
#: Prefix of a tag whose key is already a column name (``tag:version``).
CLASHING_TAG_PREFIX = "tag:"
#: Column holding, in table exports of OSM base layers, the tags without a column.
OTHER_TAGS = "other_tags"
#: Tag keys that keep a column of their own in table exports of OSM base layers.
#: GDAL's ``osmconf.ini`` (what QGIS uses to open an ``.osm`` file) for points, lines
#: and multipolygons, then the keys a participatory mapping team filters on: what a
#: place is, who runs it, when it opens, its address. Columns left empty in a layer are
#: dropped, so each layer keeps only the keys it has.
COMMON_KEYS = (
    # osmconf.ini [points], [lines], [multipolygons] attributes
    "name", "barrier", "highway", "ref", "address", "is_in", "place", "man_made",
    "waterway", "aerialway", "railway", "type", "aeroway", "amenity", "admin_level",
    "boundary", "building", "craft", "geological", "historic", "land_area", "landuse",
    "leisure", "military", "natural", "office", "shop", "sport", "tourism",
    # participatory mapping: services, their running, roads and water as people use them
    "healthcare", "emergency", "social_facility", "public_transport", "religion",
    "operator", "operational_status", "opening_hours", "access", "fee", "wheelchair",
    "drinking_water", "water", "building:levels", "building:material", "roof:material",
    "population", "surface", "oneway", "lanes", "bridge", "tunnel", "intermittent", "phone",
    "website",
)
#: Key prefixes kept as columns too (``addr:street``, ``addr:housenumber``...).
COMMON_PREFIXES = ("addr:",)
_COMMON = frozenset(COMMON_KEYS)


@dataclass
class SourceLayer:
    """One project layer chosen for an export."""

    #: Table name in the project.
    name: str
    #: base, participatory, hazard, reference...
    kind: str
    #: Title shown to people.
    title: str
    #: Features as stored (participatory ones filtered to verified when asked).
    frame: gpd.GeoDataFrame


def registry(project: Project) -> dict[str, tuple[str, str]]:
    """Layer name -> (kind, title) as registered in the project."""
    return {r.name: (r.kind, r.title or r.name) for r in project.store.registry()}


def choose_layers(
    project: Project,
    layers: Sequence[str] | None,
    *,
    verified_only: bool,
    kinds: Iterable[str] = DEFAULT_KINDS,
    notes: list[str],
    area: tuple[float, float, float, float] | None = None,
) -> list[SourceLayer]:
    """Read the layers of an export, refusing in plain words what cannot be exported.

    Parameters
    ----------
    project
        The open project.
    layers
        Layer names asked for, or None for every vector layer of ``kinds`` that has
        features (empty ones are then skipped with a note).
    verified_only
        Keep only participatory features a facilitator marked verified.
    kinds
        Layer kinds allowed (and exported by default).
    notes
        Sentences about layers left out are appended here.
    area
        Only features that touch this box (west, south, east, north in degrees).

    Raises
    ------
    ValidationError
        A named layer does not exist, is a raster, or is of a kind this format
        cannot hold.
    EmptyExtractError
        A named layer has no features (or none verified), or nothing at all is left.
    """
    known = registry(project)
    vector = project.store.vector_layers()
    allowed = {str(kind) for kind in kinds}
    named = layers is not None
    wanted = list(dict.fromkeys(layers)) if layers is not None else [
        name for name, (kind, _title) in known.items() if kind in allowed]
    chosen: list[SourceLayer] = []
    for name in wanted:
        if name not in known:
            raise ValidationError(tr("The project has no layer called {name}; its layers are "
                                     "{layers}.", name=repr(name), layers=", ".join(known)))
        kind, title = known[name]
        if name not in vector:
            message = tr("{name} is a raster layer: it can only go on a printed or web map.",
                         name=name)
            if named:
                raise ValidationError(message)
            notes.append(message)
            continue
        if kind not in allowed:
            raise ValidationError(tr("{name} is a {kind} layer: this format takes only "
                                     "{kinds} layers.", name=name, kind=kind,
                                     kinds=", ".join(sorted(allowed))))
        frame = read_features(project, name, verified_only=verified_only, area=area)
        if frame.empty:
            message = _empty_message(project, name, title, verified_only) if area is None \
                else tr("The layer {name} ({title}) has no features in the area chosen.",
                        name=name, title=tr(title))
            if named:
                raise EmptyExtractError(message)
            notes.append(tr("Left out: {reason}", reason=message))
            continue
        chosen.append(SourceLayer(name=name, kind=kind, title=title, frame=frame))
    if not chosen:
        sentences = [tr("Nothing to export: {reasons}", reasons=" ".join(notes)) if notes
                     else tr("Nothing to export: the project has no features.")]
        if area is not None:
            sentences.append(tr("Choose a larger area, or export everything."))
        if verified_only:
            sentences.append(tr("Mark features as verified, or include drafts "
                                "(--all-features)."))
        raise EmptyExtractError(" ".join(sentences))
    return chosen


def _empty_message(project: Project, name: str, title: str, verified_only: bool) -> str:
    if verified_only and not read_features(project, name, verified_only=False).empty:
        return tr("The layer {name} ({title}) has no features marked verified yet, only "
                  "drafts.", name=name, title=tr(title))
    return tr("The layer {name} ({title}) has no features.", name=name, title=tr(title))


def read_features(project: Project, name: str, *, verified_only: bool,
                  area: tuple[float, float, float, float] | None = None) -> gpd.GeoDataFrame:
    """A layer as stored, in EPSG:4326, optionally only its verified features, or only
    those touching ``area`` (west, south, east, north in degrees; through the layer's
    spatial index). A participatory layer is read by the store's one reader of
    participatory features, with its columns typed as GDAL reads them."""
    try:
        participatory = ParticipatoryLayer(name)
    except ValueError:
        frame = _integers_kept(project.read_layer(name, bbox=area, arrow=True), project, name)
    else:
        frame = _typed(features_frame(participatory,
                                      project.store.read_features(participatory, bbox=area)),
                       participatory)
    if verified_only and "review_status" in frame.columns:
        frame = frame[frame["review_status"] == str(ReviewStatus.VERIFIED)]
    if frame.crs is None or not frame.crs.equals("EPSG:4326"):
        frame = frame.set_crs("EPSG:4326", allow_override=True) if frame.crs is None \
            else frame.to_crs("EPSG:4326")
    return frame


def _typed(frame: gpd.GeoDataFrame, layer: ParticipatoryLayer) -> gpd.GeoDataFrame:
    """Participatory columns typed as a GDAL read of the table types them: integers
    (nullable where a value is missing), times as UTC datetimes, text as Python text."""
    for spec in fields(layer):
        values = frame[spec.name]
        if spec.sql_type == "INTEGER":
            numbers = pd.array(values.to_numpy(dtype=object), dtype="Int64")
            frame[spec.name] = numbers if numbers.isna().any() else numbers.astype("int64")
        elif spec.sql_type == "DATETIME":
            times = pd.to_datetime(values, utc=True, format="ISO8601", errors="coerce")
            # GDAL gives an empty layer's times no time zone.
            frame[spec.name] = times.astype("datetime64[ms, UTC]") if len(values) \
                else times.dt.tz_localize(None).astype("datetime64[ms]")
        else:
            frame[spec.name] = values.to_numpy(dtype=object, na_value=None)
    return frame


def _integers_kept(frame: gpd.GeoDataFrame, project: Project, name: str) -> gpd.GeoDataFrame:
    """Integer fields with missing values as integers (GDAL hands them over as floats,
    which would export an OSM id as 48161164.0), and text fields as Python text with
    None where missing, as GDAL's row-by-row reading gives them (the Arrow stream gives
    NaN, which code testing ``row["name"] or ...`` takes for a name)."""
    geometry = frame.geometry.name
    dtypes = [(column, dtype) for column, dtype in frame.dtypes.items() if column != geometry]
    for column, dtype in dtypes:
        if isinstance(dtype, pd.StringDtype):
            frame[column] = frame[column].to_numpy(dtype=object, na_value=None)
    if not any(dtype.kind == "f" for _column, dtype in dtypes):
        return frame
    schema = project.store.layer_schema(name)
    for field_name, dtype in zip(schema.fields, schema.dtypes, strict=True):
        if str(dtype).startswith("int") and field_name in frame.columns \
                and frame[field_name].dtype.kind == "f":
            frame[field_name] = frame[field_name].astype("Int64")
    return frame


def tag_dicts(frame: pd.DataFrame) -> list[dict[str, str]]:
    """The ``tags`` JSON of each row as a dict (empty when missing or not valid JSON)."""
    if "tags" not in frame.columns:
        return [{} for _ in range(len(frame))]
    out = []
    for text in frame["tags"].to_numpy(dtype=object):
        try:
            value = _scan_json(text, 0)[0] if isinstance(text, str) and text else {}
        except (StopIteration, ValueError):
            value = {}
        if type(value) is not dict:
            value = {}
        else:
            values = value.values()
            if "" in values or not all(map(isinstance, values, repeat(str))):
                # Not as Quartier stores tags (a number, a null, an empty value): made so.
                value = {str(k): str(v) for k, v in value.items()
                         if v is not None and str(v) != ""}
        out.append(value)
    return out


#: json's C scanner, called directly: ``json.loads`` around it costs as much again on
#: a few tags (text checks, a whitespace regex before and after).
_scan_json = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[attr-defined]


def tag_columns(tags: list[dict[str, str]], keys: list[str]) -> dict[str, Any]:
    """One text column per tag key (missing where a row lacks the key), in ``keys`` order.

    One pass over the tags that are there, not one per key over every row, and the
    columns are built by Arrow from the values present: a city's points of interest
    carry hundreds of keys, each on few rows.
    """
    columns, _others = _tag_columns_and_others(tags, keys, others=False)
    return columns


def _tag_columns_and_others(tags: list[dict[str, str]], keys: list[str], *, others: bool
                            ) -> tuple[dict[str, Any], list[dict[str, str] | None]]:
    """:func:`tag_columns`, and with ``others`` each row's tags without a column (None
    when it has none), from the same one pass over the tags."""
    positions: dict[str, list[int]] = {key: [] for key in keys}
    found: dict[str, list[str]] = {key: [] for key in keys}
    rest: list[dict[str, str] | None] = []
    wanted = positions.keys()
    for row_number, row in enumerate(tags):
        # Set operations on the keys (in C) rather than a test per tag.
        common = wanted & row.keys()
        for key in common:
            positions[key].append(row_number)
            found[key].append(row[key])
        if others:
            rest.append(None if len(common) == len(row) else row if not common
                        else {k: v for k, v in row.items() if k not in common})
    out = {}
    for key in keys:
        where = np.full(len(tags), -1, dtype=np.int64)
        where[positions[key]] = np.arange(len(found[key]))
        column = pa.array(found[key], type=pa.large_string()).take(
            pa.array(where, mask=where < 0))
        out[key] = pd.array(column, dtype=TEXT)
    return out, rest


def is_common_key(key: str) -> bool:
    """Whether a tag keeps its own column in table exports of OSM base layers."""
    return key in _COMMON or key.startswith(COMMON_PREFIXES)


def hstore(tags: dict[str, str]) -> str | None:
    """Tags as GDAL's OSM driver writes ``other_tags``: ``"key"=>"value","k2"=>"v2"``,
    with ``"`` and ``\\`` escaped by a backslash; None for no tags."""
    if not tags:
        return None
    text = '"' + '","'.join(map('"=>"'.join, tags.items())) + '"'
    if "\\" in text or text.count('"') != 4 * len(tags):  # a quote or backslash to escape
        return ",".join(f'"{_hstore_escape(key)}"=>"{_hstore_escape(value)}"'
                        for key, value in tags.items())
    return text


def _hstore_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def flatten(layer: SourceLayer, *, include_personal: bool,
            other_tags: bool = False) -> gpd.GeoDataFrame:
    """One column per attribute and per tag key, bookkeeping kept, storage details dropped.

    A tag key that is also a column name (``version``...) becomes ``tag:<key>``;
    ``name`` is one column (the tag wins over the column when both are set).
    Columns a base layer derived from a tag (``building`` from ``building=*``)
    give way to the tag itself.

    With ``other_tags`` (GeoPackage, Shapefile, CSV), an OSM base layer keeps a column
    only for the :data:`COMMON_KEYS` and ``addr:*``, and puts its other tags in one
    ``other_tags`` column as GDAL's OSM driver does (:func:`hstore`); columns empty on
    every feature are dropped. A city's points of interest carry hundreds of keys, most
    on a handful of features: one column each made 858 columns for Helsinki and a
    27 MB ``.dbf`` for Kibera's 1,643 points, past what a Shapefile holds (255) and
    what a person can read, while QGIS users know ``other_tags`` from opening ``.osm``
    files. GeoJSON and KML have no column limit and keep every tag as a property.
    """
    frame = layer.frame
    tags = tag_dicts(frame)
    grouped = other_tags and layer.kind == str(LayerKind.BASE) and "tags" in frame.columns
    present = {key for row in tags for key in row}
    keys = sorted((k for k in present if is_common_key(k)) if grouped else present,
                  key=lambda k: (k != "name", k))
    skipped = (*STORAGE_COLUMNS, frame.geometry.name)
    columns = [c for c in frame.columns if c not in skipped]
    participatory = layer.kind == str(LayerKind.PARTICIPATORY)
    if not participatory:
        tag_keys = set(keys)
        columns = [c for c in columns if c == "name" or c in OSM_COLUMNS
                   or (c not in tag_keys and c.replace("_", ":") not in tag_keys)]
    data: dict[str, Any] = {}
    leading = [c for c in ("uuid", "preset", "name") if c in columns] if participatory \
        else [c for c in (*OSM_COLUMNS, "name") if c in columns]
    for column in leading:
        data[column] = frame[column].array
    columns_of_tags, others = _tag_columns_and_others(tags, keys, others=grouped)
    for key, values in columns_of_tags.items():
        column = key if key not in columns or key == "name" else CLASHING_TAG_PREFIX + key
        if column == "name" and "name" in data:
            stored = pd.Series(np.asarray(data["name"], dtype=object)).astype(TEXT)
            values = pd.Series(values).fillna(stored).array
        data[column] = values
    for column in columns:
        if column not in data:
            data[column] = frame[column].array
    if grouped:
        data[OTHER_TAGS] = pd.array([hstore(row) if row else None for row in others],
                                    dtype=TEXT)
        data = {column: values for column, values in data.items()
                if not pd.isna(values).all()}
    if not include_personal:
        data = {column: values for column, values in data.items() if not is_personal(column)}
    return gpd.GeoDataFrame(data, geometry=frame.geometry.to_numpy(), crs=frame.crs)


def iso_datetimes(frame: pd.DataFrame) -> pd.DataFrame:
    """Datetime columns as ISO 8601 text (``2024-05-01T09:30:00Z``), for text formats."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if pd.api.types.is_datetime64_any_dtype(series.dtype):
            utc = series.dt.tz_convert("UTC") if series.dt.tz is not None else series
            text = utc.dt.strftime("%Y-%m-%dT%H:%M:%SZ")
            out[column] = text.astype(object).where(series.notna(), None)
    return out


def cell(value: Any) -> Any:
    """A value as JSON/CSV takes it: None for missing, plain int/float/str otherwise."""
    if value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):  # NaN, or inf (no JSON for it)
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()  # numpy scalar
        if isinstance(value, float) and not math.isfinite(value):
            return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    return value
