"""Collect the names a layer could show in the current view, as label candidates."""

from __future__ import annotations

import numpy as np
import shapely

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
    anchors_px = ctx.pixels(layer.anchor[named])
    symbol_size = layer.style.symbol_size.at(zoom) if layer.style.symbol_size else 8.0
    out: list[LabelCandidate] = []
    for i in np.argsort(-size_px, kind="stable"):
        feature = int(named[i])
        rule = rules[layer.classes[feature]]
        text = str(layer.names[feature])
        if along[i]:
            line = _pixel_line(layer, feature, ctx)
            if line is not None:
                out.append(LabelCandidate(text, layer.name, rule.label_style, "line", line=line,
                                          weight=float(size_px[i])))
        elif inside[i]:
            anchor = _area_anchor(layer, feature)
            if anchor is not None:
                px = ctx.pixels(np.array([anchor]))[0]
                out.append(LabelCandidate(text, layer.name, rule.label_style, "area",
                                          anchor=(float(px[0]), float(px[1])),
                                          weight=float(layer.area[feature])))
        else:
            offset = symbol_size / 2.0 if rule.symbol else 0.0
            out.append(LabelCandidate(text, layer.name, rule.label_style, "point",
                                      anchor=(float(anchors_px[i, 0]), float(anchors_px[i, 1])),
                                      offset=offset))
    return out


def _pixel_line(layer: LayerData, feature: int, ctx: DrawContext) -> np.ndarray | None:
    """The feature's longest part in pixels, clipped to the image."""
    view = ctx.view
    best: np.ndarray | None = None
    best_length = 0.0
    for part in layer.feature_coords(feature):
        if len(part) < 2:
            continue
        px = ctx.pixels(part)
        lo, hi = px.min(axis=0), px.max(axis=0)
        if lo[0] >= 0 and lo[1] >= 0 and hi[0] <= view.width and hi[1] <= view.height:
            pieces = [px]
        else:
            clipped = shapely.clip_by_rect(shapely.LineString(px), 0, 0, view.width, view.height)
            pieces = [np.asarray(p.coords) for p in shapely.get_parts(clipped)
                      if not p.is_empty and p.geom_type == "LineString"]
        for piece in pieces:
            length = float(np.hypot(*np.diff(piece, axis=0).T).sum())
            if length > best_length:
                best, best_length = piece, length
    return best


def _area_anchor(layer: LayerData, feature: int) -> tuple[float, float] | None:
    """A point inside the polygon, where its name goes."""
    geometry = to_shapely(layer.geoms, feature)
    if geometry is None or geometry.is_empty:
        return None
    point = shapely.point_on_surface(geometry)
    return float(point.x), float(point.y)
