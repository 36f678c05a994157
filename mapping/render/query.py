"""What is here? and where is it? — identify features at a point, search names.

Hit tests use the layers already in memory (projected coordinates), exact
geometry distances computed with shapely for the few candidates whose extent is
near; the attributes shown are then read from the project file for just those
features. Name search ignores case and accents ("Ngumo" finds "NGUMO", "Gikomba"
finds "Gíkomba").
"""

from __future__ import annotations

import json
import math
import unicodedata
from dataclasses import dataclass

import numpy as np
import shapely

from mapping.render.layer_cache import LayerData
from mapping.render.wkb import LINE, POINT, POLYGON, to_shapely
from mapping.store import ProjectStore

#: Columns never shown when identifying (internal bookkeeping or shown through ``tags``).
HIDDEN_COLUMNS = frozenset({"osm_nodes", "osm_node_details", "tags", "geom", "geometry"})
#: Features within this many metres of each other with the same name make one search result.
SAME_STREET_GAP_M = 300.0


@dataclass(frozen=True)
class Hit:
    """A feature found near a point."""

    #: Feature position in the layer.
    feature: int
    #: Feature id in the file.
    fid: int
    #: Distance from the point, map units (0 inside a polygon).
    distance: float
    #: Area (polygons) or 0, so that smaller polygons come first.
    area: float


def hits_near(layer: LayerData, x: float, y: float, tolerance: float, limit: int = 5
              ) -> list[Hit]:
    """Features of a layer within ``tolerance`` of (x, y), nearest (and smallest) first."""
    box = (x - tolerance, y - tolerance, x + tolerance, y + tolerance)
    candidates = layer.features_in(box, np.nonzero(layer.classes >= 0)[0])
    point = shapely.Point(x, y)
    hits = []
    for feature in candidates[:500]:
        geometry = to_shapely(layer.geoms, int(feature))
        if geometry is None:
            continue
        distance = float(geometry.distance(point))
        if distance <= tolerance:
            hits.append(Hit(int(feature), int(layer.fids[feature]), distance,
                            float(layer.area[feature])))
    hits.sort(key=lambda h: (h.distance, h.area))
    return hits[:limit]


def read_attributes(store: ProjectStore, layer: str,
                    fids: list[int]) -> dict[int, dict[str, str]]:
    """Attributes of some features of a project layer, tags expanded to plain key -> value."""
    if not fids:
        return {}
    frame = store.read_table(layer, fids=fids)
    out = {}
    for fid, row in frame.iterrows():
        out[int(fid)] = attributes_of(row.to_dict())  # type: ignore[arg-type]
    return out


def attributes_of(row: dict[str, object]) -> dict[str, str]:
    """Plain text attributes of one feature: columns first, then its OSM-style tags."""
    out: dict[str, str] = {}
    for key, value in row.items():
        if key in HIDDEN_COLUMNS:
            continue
        text = _text(value)
        if text:
            out[str(key)] = text
    tags = row.get("tags")
    if isinstance(tags, str) and tags.strip():
        try:
            parsed = json.loads(tags)
        except ValueError:
            parsed = {}
        if isinstance(parsed, dict):
            for key, value in parsed.items():
                text = _text(value)
                if text and key not in out:
                    out[str(key)] = text
    return out


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
    return str(value).strip()


def normalise(text: str) -> str:
    """Text folded for matching: no accents, no case, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def match_quality(name: str, query: str) -> int | None:
    """0 exact, 1 prefix, 2 a word starts with it, 3 contains it, None no match (normalised)."""
    if not query:
        return None
    if name == query:
        return 0
    if name.startswith(query):
        return 1
    if any(word.startswith(query) for word in name.split()):
        return 2
    if query in name:
        return 3
    return None


@dataclass(frozen=True)
class NameMatch:
    """A named place found by a search, before it becomes a SearchResult."""

    #: Name as written.
    name: str
    #: How well it matched (see :func:`match_quality`).
    quality: int
    #: Features of the layer making this result (a street is often several ways).
    features: tuple[int, ...]
    #: Map point to centre on.
    x: float
    #: Map point to centre on.
    y: float
    #: Extent of the features.
    extent: tuple[float, float, float, float]


def search_layer(layer: LayerData, query: str, group_by_name: bool) -> list[NameMatch]:
    """Features of a layer whose name matches ``query`` (already normalised)."""
    names = layer.full_names
    named = np.nonzero(names != "")[0]
    found: dict[str, list[int]] = {}
    for feature in named:
        name = str(names[feature])
        quality = match_quality(normalise(name), query)
        if quality is not None:
            found.setdefault(name, []).append(int(feature))
    out = []
    for name, features in found.items():
        quality = match_quality(normalise(name), query)
        assert quality is not None
        groups = _clusters(layer, features) if group_by_name else [[f] for f in features]
        for group in groups:
            b = layer.bounds[group]
            extent = (float(b[:, 0].min()), float(b[:, 1].min()),
                      float(b[:, 2].max()), float(b[:, 3].max()))
            x, y = _focus_point(layer, max(group, key=lambda f: layer.size[f]))
            out.append(NameMatch(name, quality, tuple(group), x, y, extent))
    return out


def _clusters(layer: LayerData, features: list[int]) -> list[list[int]]:
    """Same-named features grouped when they lie within a street's gap of each other."""
    groups: list[tuple[list[float], list[int]]] = []
    for feature in features:
        b = layer.bounds[feature]
        for box, members in groups:
            if (b[0] <= box[2] + SAME_STREET_GAP_M and b[2] >= box[0] - SAME_STREET_GAP_M
                    and b[1] <= box[3] + SAME_STREET_GAP_M and b[3] >= box[1] - SAME_STREET_GAP_M):
                members.append(feature)
                box[:] = [min(box[0], b[0]), min(box[1], b[1]), max(box[2], b[2]),
                          max(box[3], b[3])]
                break
        else:
            groups.append((list(map(float, b)), [feature]))
    return [members for _box, members in groups]


def _focus_point(layer: LayerData, feature: int) -> tuple[float, float]:
    """Where to centre the map on a feature: the point, the middle of a line, inside a polygon."""
    family = int(layer.geoms.family[feature])
    if family == POINT:
        x, y = layer.geoms.coords[layer.geoms.feature_vertex_offsets()[feature]]
        return float(x), float(y)
    geometry = to_shapely(layer.geoms, feature)
    if geometry is None:
        return float(layer.anchor[feature, 0]), float(layer.anchor[feature, 1])
    if family == LINE:
        parts = shapely.get_parts(geometry)
        longest = parts[int(np.argmax(shapely.length(parts)))]
        point = shapely.line_interpolate_point(longest, 0.5, normalized=True)
    elif family == POLYGON:
        point = shapely.point_on_surface(geometry)
    else:
        point = shapely.centroid(geometry)
    return float(point.x), float(point.y)
