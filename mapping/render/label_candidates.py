"""Collect the names a layer could show in the current view, as label candidates."""

from __future__ import annotations

import weakref

import numpy as np
import shapely

from mapping.render.box_index import _ranges
from mapping.render.draw import DrawContext
from mapping.render.labels import LabelCandidate
from mapping.render.layer_cache import LayerData
from mapping.render.wkb import LINE, POLYGON, to_shapely

#: At most this many features per street name are tried (the longest first).
PER_TEXT = 3
#: Rough text width per character and pixel of font size, to skip hopeless candidates.
CHAR_WIDTH = 0.55


def layer_candidates(layer: LayerData, ctx: DrawContext) -> list[LabelCandidate]:
    """Label candidates of one layer in the view of ``ctx``."""
    zoom = ctx.zoom
    rules = layer.style.classes
    shown = np.array([c.shown_at(zoom) and c.label_style.shown_at(zoom) for c in rules] + [False],
                     dtype=bool)
    if not shown.any():
        return []
    named = layer.named_in(ctx.view.extent())
    named = named[shown[layer.classes[named]]]
    if not len(named):
        return []
    size_px = layer.size[named] / ctx.view.metres_per_pixel
    sizes = np.array([c.label_style.size for c in rules] + [0.0])[layer.classes[named]]
    estimate = layer.name_lengths[named] * sizes * CHAR_WIDTH
    placement = np.array([c.label_style.placement for c in rules] + ["none"],
                         dtype=object)[layer.classes[named]]
    family = layer.geoms.family[named]
    along = (placement == "line") & (family == LINE)
    inside = (placement == "area") & (family == POLYGON)
    # Hopeless candidates go first: lines shorter than their name, areas narrower.
    keep = np.where(along, size_px >= 0.6 * estimate,
                    np.where(inside, size_px >= 1.1 * estimate, True))
    named, size_px, along, inside = named[keep], size_px[keep], along[keep], inside[keep]
    # Longest first; a street's name is tried on its PER_TEXT longest ways only.
    order = np.lexsort((-size_px, layer.name_codes[named]))
    codes = layer.name_codes[named][order]
    first = np.concatenate([[True], codes[1:] != codes[:-1]]) if len(codes) else codes.astype(bool)
    starts = np.maximum.accumulate(np.where(first, np.arange(len(codes)), 0))
    rank = np.empty(len(codes), dtype=np.int64)
    rank[order] = np.arange(len(codes)) - starts
    keep = ~along | (rank < PER_TEXT)
    named, size_px, along, inside = named[keep], size_px[keep], along[keep], inside[keep]
    symbol_size = layer.style.symbol_size.at(zoom) if layer.style.symbol_size else 8.0
    # Biggest first; plain Python values from here (one candidate at a time is Python).
    order = np.argsort(-size_px, kind="stable")
    named, size_px, along, inside = named[order], size_px[order], along[order], inside[order]
    lines = dict(zip(np.nonzero(along)[0].tolist(), pixel_lines(layer, named[along], ctx),
                     strict=True))
    areas = {}
    for i in np.nonzero(inside)[0].tolist():
        anchor = _area_anchor(layer, int(named[i]))
        if anchor is not None:
            areas[i] = anchor
    area_px = dict(zip(areas, ctx.pixels(np.array(list(areas.values())).reshape(-1, 2)).tolist(),
                       strict=True))
    anchors_px = ctx.pixels(layer.anchor[named]).tolist()
    styles = [rule.label_style for rule in rules]
    offsets = [symbol_size / 2.0 if rule.symbol else 0.0 for rule in rules]
    out: list[LabelCandidate] = []
    for i, (feature, rule, text, size, on_line, on_area) in enumerate(zip(
            named.tolist(), layer.classes[named].tolist(), layer.names[named].tolist(),
            size_px.tolist(), along.tolist(), inside.tolist(), strict=True)):
        if on_line:
            line = lines[i]
            if line is not None:
                out.append(LabelCandidate(str(text), layer.name, styles[rule], "line",
                                          line=line, weight=size))
        elif on_area:
            if i in area_px:
                x, y = area_px[i]
                out.append(LabelCandidate(str(text), layer.name, styles[rule], "area",
                                          anchor=(x, y), weight=float(layer.area[feature])))
        else:
            x, y = anchors_px[i]
            out.append(LabelCandidate(str(text), layer.name, styles[rule], "point",
                                      anchor=(x, y), offset=offsets[rule]))
    return out


def pixel_lines(layer: LayerData, features: np.ndarray, ctx: DrawContext
                ) -> list[np.ndarray | None]:
    """Each feature's longest part in pixels, clipped to the image (None: nothing left).

    All features at once: one transform of their vertices and one vectorised
    GEOS clip of the parts reaching outside the image. A feature left in one
    piece (most) needs no length; the few in several pieces are measured piece
    by piece with the same sums as one feature at a time, so the choice is the
    same to the bit (``tests/test_label_batches.py`` compares them).
    """
    out: list[np.ndarray | None] = [None] * len(features)
    if not len(features):
        return out
    view = ctx.view
    g = layer.geoms
    features = np.asarray(features, dtype=np.int64)
    ring_from = g.part_offsets[g.feature_offsets[features]]
    ring_to = g.part_offsets[g.feature_offsets[features + 1]]
    rings = _ranges(ring_from, ring_to)
    owner = np.repeat(np.arange(len(features)), ring_to - ring_from)
    v0, v1 = g.ring_offsets[rings], g.ring_offsets[rings + 1]
    keep = v1 - v0 >= 2
    owner, v0, v1 = owner[keep], v0[keep], v1[keep]
    if not len(owner):
        return out
    counts = v1 - v0
    firsts = np.cumsum(counts) - counts
    px = ctx.pixels(g.coords[_ranges(v0, v1)])
    lo, hi = np.minimum.reduceat(px, firsts), np.maximum.reduceat(px, firsts)
    inside = ((lo[:, 0] >= 0) & (lo[:, 1] >= 0) & (hi[:, 0] <= view.width)
              & (hi[:, 1] <= view.height))
    crossing = np.nonzero(~inside)[0]
    clipped: dict[int, list[np.ndarray]] = {}
    if len(crossing):
        strings = shapely.linestrings(
            px[_ranges(firsts[crossing], firsts[crossing] + counts[crossing])],
            indices=np.repeat(np.arange(len(crossing)), counts[crossing]))
        parts, of = shapely.get_parts(shapely.clip_by_rect(strings, 0, 0, view.width,
                                                           view.height), return_index=True)
        usable = ~shapely.is_empty(parts) & (shapely.get_type_id(parts) == 1)
        parts, of = parts[usable], crossing[of[usable]]
        coords, of_coord = shapely.get_coordinates(parts, return_index=True)
        ends = np.searchsorted(of_coord, np.arange(len(parts) + 1))
        for k, ring in enumerate(of.tolist()):
            clipped.setdefault(ring, []).append(coords[ends[k]:ends[k + 1]])
    # Pieces in the order one feature at a time finds them (its parts, then clips).
    pieces: list[np.ndarray] = []
    owners: list[int] = []
    for k, (who, first, count) in enumerate(zip(owner.tolist(), firsts.tolist(),
                                                counts.tolist(), strict=True)):
        found = [px[first:first + count]] if inside[k] else clipped.get(k, [])
        pieces.extend(found)
        owners.extend([who] * len(found))
    if not pieces:
        return out
    sizes = np.array([len(piece) for piece in pieces])
    starts = np.cumsum(sizes) - sizes
    step = np.diff(np.concatenate(pieces), axis=0)
    seg = np.hypot(step[:, 0], step[:, 1])
    seg[starts[1:] - 1] = 0.0  # the step from one piece to the next is no segment
    # A sum of lengths is above zero when one of them is (NaN stays NaN, as before).
    has_length = np.add.reduceat(seg, starts) > 0
    per_owner = np.bincount(owners, minlength=len(features))
    several: dict[int, list[np.ndarray]] = {}
    for k, who in enumerate(owners):
        if per_owner[who] > 1:
            several.setdefault(who, []).append(pieces[k])
        elif has_length[k]:
            out[who] = pieces[k]
    for who, found in several.items():
        best_length = 0.0
        for piece in found:
            length = float(np.hypot(*np.diff(piece, axis=0).T).sum())
            if length > best_length:
                out[who], best_length = piece, length
    return out


def _area_anchor(layer: LayerData, feature: int) -> tuple[float, float] | None:
    """A point inside the polygon, where its name goes (kept: GEOS takes ~0.1 ms a polygon,
    and the same areas are named redraw after redraw)."""
    key = id(layer)
    kept = _anchors.get(key)
    if kept is None or kept[0]() is not layer:
        kept = _anchors[key] = (weakref.ref(layer), {})
        for gone in [k for k, (ref, _a) in list(_anchors.items()) if ref() is None]:
            _anchors.pop(gone, None)
    known = kept[1]
    if feature not in known:
        geometry = to_shapely(layer.geoms, feature)
        if geometry is None or geometry.is_empty:
            known[feature] = None
        else:
            point = shapely.point_on_surface(geometry)
            known[feature] = (float(point.x), float(point.y))
    return known[feature]


#: Area anchors found so far, per layer (by id, with a weak reference to check it is the same).
_anchors: dict[int, tuple[weakref.ref, dict[int, tuple[float, float] | None]]] = {}
