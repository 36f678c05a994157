"""Read a project layer (or a GeoDataFrame) into a :class:`LayerData` ready to draw."""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping

import numpy as np
from pyproj import Transformer
from PySide6.QtGui import QColor

from layers.osm_definitions import poi_category
from mapping.render.layer_cache import LayerData
from mapping.render.style import LayerStyle, classify, factorize, is_missing
from mapping.render.wkb import (
    POLYGON,
    FlatGeometries,
    flatten_wkb,
    flatten_wkb_buffer,
)
from mapping.store import ProjectStore

#: Features read per Arrow batch.
ARROW_BATCH = 65_536
#: Geometry names by family code (index -1 is the empty geometry).
_FAMILY_NAMES = np.array(["point", "line", "polygon", ""], dtype=object)


_local = threading.local()


def transformer(source_crs: str, target_crs: str) -> Transformer:
    """A lon/lat-ordered transformer, one per thread (they are not shared across threads)."""
    cache = getattr(_local, "transformers", None)
    if cache is None:
        cache = _local.transformers = {}
    key = (source_crs, target_crs)
    if key not in cache:
        cache[key] = Transformer.from_crs(source_crs, target_crs, always_xy=True)
    return cache[key]


def read_project_layer(store: ProjectStore, name: str, style: LayerStyle,
                       working_crs: str) -> LayerData:
    """Read one vector layer of a project for drawing.

    Parameters
    ----------
    store
        The project's store.
    name
        Layer (table) name.
    style
        The layer's style (says which columns to read).
    working_crs
        CRS the map is drawn in.
    """
    # Batches of WKB back to back (GDAL's Arrow stream, or the GeoPackage read with
    # SQLite): no Python object per feature, and no whole-layer table held in memory.
    pieces: list[FlatGeometries] = []
    fid_parts: list[np.ndarray] = []
    column_parts: dict[str, list[np.ndarray]] = {}
    with store.read_for_map(name, list(style.needed_columns()), ARROW_BATCH) as (crs, batches):
        for batch in batches:
            pieces.append(flatten_wkb_buffer(batch.wkb, batch.offsets))
            fid_parts.append(batch.fids)
            for column, values in batch.columns.items():
                column_parts.setdefault(column, []).append(values)
    flat = concat_flat(pieces)
    fids = np.concatenate(fid_parts).astype(np.int64) if fid_parts else np.zeros(0, np.int64)
    data = {c: np.concatenate(parts) for c, parts in column_parts.items() if parts}
    return build_layer(name, style, flat, fids, data, crs or "EPSG:4326", working_crs)


def concat_flat(pieces: list[FlatGeometries]) -> FlatGeometries:
    """One FlatGeometries from several, in order."""
    if not pieces:
        return flatten_wkb([])
    if len(pieces) == 1:
        return pieces[0]
    coords = np.concatenate([p.coords for p in pieces])
    ring, part, feature = [np.zeros(1, np.int64)], [np.zeros(1, np.int64)], [np.zeros(1, np.int64)]
    vertices = rings = parts = 0
    for p in pieces:
        ring.append(p.ring_offsets[1:] + vertices)
        part.append(p.part_offsets[1:] + rings)
        feature.append(p.feature_offsets[1:] + parts)
        vertices += int(p.ring_offsets[-1])
        rings += len(p.ring_offsets) - 1
        parts += len(p.part_offsets) - 1
    return FlatGeometries(coords, np.concatenate(ring), np.concatenate(part),
                          np.concatenate(feature), np.concatenate([p.family for p in pieces]))


def _derived(style: LayerStyle, data: Mapping[str, np.ndarray], count: int
             ) -> dict[str, np.ndarray]:
    """Columns computed from the tags JSON (severity, colour, POI category...)."""
    if not style.derive:
        return {}
    raw_tags = data.get("tags")
    tags = [_tags(raw_tags[i]) if raw_tags is not None else {} for i in range(count)]
    presets = data.get("preset")
    out: dict[str, np.ndarray] = {}
    for column, rule in style.derive:
        values = np.empty(count, dtype=object)
        for i, feature_tags in enumerate(tags):
            if rule == "poi_category":
                if not feature_tags and presets is not None and presets[i]:
                    # A preset like "facility/clinic" says what the facility is.
                    feature_tags = {"amenity": str(presets[i]).rsplit("/", 1)[-1]}
                values[i] = str(poi_category(feature_tags))
            elif rule.startswith("tag:"):
                values[i] = feature_tags.get(rule[4:])
        out[column] = values
    return out


def _tags(raw: object) -> dict[str, str]:
    if isinstance(raw, dict):
        return {str(k): str(v) for k, v in raw.items()}
    if not raw or not isinstance(raw, str):
        return {}
    try:
        parsed = json.loads(raw)
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in parsed.items()} if isinstance(parsed, dict) else {}


def build_layer(name: str, style: LayerStyle, flat: FlatGeometries, fids: np.ndarray,
                data: Mapping[str, np.ndarray], source_crs: str, working_crs: str) -> LayerData:
    """Project, measure and classify features read from anywhere.

    Parameters
    ----------
    name, style
        Layer name and style.
    flat
        Geometries in ``source_crs``.
    fids
        Feature ids.
    data
        Attribute columns.
    source_crs, working_crs
        CRS of the geometries and of the map.
    """
    count = len(fids)
    coords = flat.coords
    if len(coords) and source_crs != working_crs:
        x, y = coords[:, 0].copy(), coords[:, 1].copy()
        transformer(source_crs, working_crs).transform(x, y, inplace=True)
        coords[:, 0], coords[:, 1] = x, y
        del x, y
    geoms = FlatGeometries(coords, flat.ring_offsets, flat.part_offsets, flat.feature_offsets,
                           flat.family.copy())
    vertex_offsets = geoms.feature_vertex_offsets()
    counts = np.diff(vertex_offsets)
    finite = np.ones(count, dtype=bool)
    if len(coords):
        bad = ~np.isfinite(coords).all(axis=1)
        if bad.any():
            running = np.concatenate([[0], np.cumsum(bad)])
            finite = (running[vertex_offsets[1:]] - running[vertex_offsets[:-1]]) == 0
    geoms.family[(counts == 0) | ~finite] = -1
    bounds = np.full((count, 4), np.nan)
    has_vertices = np.nonzero(counts > 0)[0]
    if len(has_vertices):
        starts = vertex_offsets[has_vertices]
        bounds[has_vertices, 0] = np.minimum.reduceat(coords[:, 0], starts)
        bounds[has_vertices, 1] = np.minimum.reduceat(coords[:, 1], starts)
        bounds[has_vertices, 2] = np.maximum.reduceat(coords[:, 0], starts)
        bounds[has_vertices, 3] = np.maximum.reduceat(coords[:, 1], starts)
    bounds[geoms.family < 0] = np.nan
    present = np.nonzero(geoms.family >= 0)[0]
    size = np.nan_to_num(np.maximum(bounds[:, 2] - bounds[:, 0], bounds[:, 3] - bounds[:, 1]))
    anchor = np.column_stack([(bounds[:, 0] + bounds[:, 2]) / 2, (bounds[:, 1] + bounds[:, 3]) / 2])
    area = _polygon_areas(geoms, count)

    columns = {c: np.asarray(v, dtype=object) for c, v in data.items()}
    columns.update(_derived(style, columns, count))
    family_names = _FAMILY_NAMES[np.where(geoms.family < 0, 3, geoms.family)]
    classes = classify(style, columns, family_names, count)
    label_values, titles = _label_texts(style, columns, count)
    names, name_codes, name_lengths = _names(label_values, count)
    colour_ids = np.full(count, -1, dtype=np.int64)
    table: tuple[str, ...] = ()
    if style.colour_column or style.palette:
        colour_ids, table = _colours(style, columns.get(style.colour_column or ""), fids)
    extent = None
    if len(present):
        extent = (float(np.nanmin(bounds[:, 0])), float(np.nanmin(bounds[:, 1])),
                  float(np.nanmax(bounds[:, 2])), float(np.nanmax(bounds[:, 3])))
    return LayerData(name=name, style=style, fids=fids, geoms=geoms, classes=classes,
                     bounds=bounds, size=size, area=area, anchor=anchor, names=names,
                     name_codes=name_codes, name_lengths=name_lengths,
                     colour_ids=colour_ids, colour_table=table, extent=extent, titles=titles)


def _clean(value: object) -> str:
    """A column value as label text ("" for none; 3.0 -> "3")."""
    if is_missing(value):
        return ""
    if isinstance(value, float):
        return "" if not np.isfinite(value) else (str(int(value)) if value.is_integer()
                                                  else str(value))
    if isinstance(value, np.integer | int):
        return str(int(value))
    return str(value).strip() if isinstance(value, str) else ""


def _label_texts(style: LayerStyle, columns: Mapping[str, np.ndarray], count: int
                 ) -> tuple[np.ndarray | None, np.ndarray | None]:
    """What the map writes on each feature, and its full name when that differs.

    A transport line is labelled by its route number when it has one ("23"), as
    matatu and tro-tro maps do; a stop by its number along the line and its name
    ("3 Kianda Stage"). Legends and search keep the full "23 · Kawangware".
    """
    names = columns.get(style.label_column)
    refs = columns.get(style.ref_column) if style.ref_column else None
    numbers = columns.get(style.number_column) if style.number_column else None
    if refs is None and numbers is None:
        return names, None
    labels = np.empty(count, dtype=object)
    titles = np.empty(count, dtype=object)
    for i in range(count):
        name = _clean(names[i]) if names is not None else ""
        ref = _clean(refs[i]) if refs is not None else ""
        number = _clean(numbers[i]) if numbers is not None else ""
        if refs is not None:
            labels[i] = ref or name
            titles[i] = " · ".join(t for t in (ref, name) if t)
        else:
            labels[i] = " ".join(t for t in (number, name) if t)
            titles[i] = name
    return labels, titles


def _names(values: np.ndarray | None, count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Label texts ("" for none), a code per distinct text (-1 for none), and text lengths."""
    names = np.full(count, "", dtype=object)
    codes = np.full(count, -1, dtype=np.int64)
    lengths = np.zeros(count, dtype=np.int64)
    if values is None or not count:
        return names, codes, lengths
    found, uniques = factorize(np.asarray(values, dtype=object))
    cleaned = [str(u).strip() if isinstance(u, str) else "" for u in uniques]
    lookup = np.array([*cleaned, ""], dtype=object)
    names = lookup[found]
    text_codes, _texts = factorize(names)
    codes = np.where(names != "", text_codes, -1).astype(np.int64)
    length_of = np.array([len(t) for t in cleaned] + [0], dtype=np.int64)
    lengths = length_of[found]
    return names, codes, lengths


def _polygon_areas(geoms: FlatGeometries, count: int) -> np.ndarray:
    """Area of each polygon feature (exterior rings minus holes); 0 for others."""
    area = np.zeros(count)
    coords = geoms.coords
    if not len(coords) or not (geoms.family == POLYGON).any():
        return area
    x, y = coords[:, 0], coords[:, 1]
    # Shoelace terms relative to the first vertex of the layer, for precision.
    x0, y0 = x[0], y[0]
    terms = (x[:-1] - x0) * (y[1:] - y0) - (x[1:] - x0) * (y[:-1] - y0)
    running = np.concatenate([[0.0], np.cumsum(terms)])
    starts, ends = geoms.ring_offsets[:-1], geoms.ring_offsets[1:]
    ring_area = np.abs(0.5 * (running[np.maximum(ends - 1, starts)] - running[starts]))
    exterior = np.zeros(len(starts), dtype=bool)
    exterior[geoms.part_offsets[:-1][geoms.part_offsets[:-1] < len(starts)]] = True
    signed = np.where(exterior, ring_area, -ring_area)
    ring_feature = np.repeat(np.arange(count), np.diff(geoms.feature_ring_offsets()))
    np.add.at(area, ring_feature, signed)
    area[geoms.family != POLYGON] = 0.0
    return np.maximum(area, 0.0)


def _colours(style: LayerStyle, values: np.ndarray | None, fids: np.ndarray
             ) -> tuple[np.ndarray, tuple[str, ...]]:
    """Per-feature colour ids: the feature's own colour, else the palette's next colour.

    Features without a colour of their own take the palette in turn, in feature-id
    order (the first one gets the palette's first colour, the class colour of the
    legend), as the web map does: one rule, so the map, the legend and every export
    agree.
    """
    table: list[str] = []
    ids = np.full(len(fids), -1, dtype=np.int64)
    turn = np.argsort(np.argsort(fids, kind="stable"), kind="stable")
    own = [_own_colour(values[i] if values is not None else None) for i in range(len(fids))]
    without = np.array([c is None for c in own], dtype=bool)
    rank = np.cumsum(without[np.argsort(fids, kind="stable")]) - 1
    for i in range(len(fids)):
        colour = own[i]
        if colour is None and style.palette:
            colour = style.palette[int(rank[turn[i]]) % len(style.palette)]
        if colour is not None:
            if colour not in table:
                table.append(colour)
            ids[i] = table.index(colour)
    return ids, tuple(table)


def _own_colour(value: object) -> str | None:
    """A feature's own colour as "#rrggbb", or None when it has no valid one."""
    if isinstance(value, str) and value.strip() and QColor.isValidColorName(value.strip()):
        return QColor(value.strip()).name()
    return None
