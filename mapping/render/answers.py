"""The renderer's answers to the GUI: identify at a point, search by name, the legend."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from layers.i18n import N_, tr
from mapping.render import counting
from mapping.render.hazard_draw import HazardOverlay
from mapping.render.layer_cache import LayerData
from mapping.render.query import hits_near, normalise, read_attributes, search_layer
from mapping.render.words import legend_label

if TYPE_CHECKING:
    from mapping.render.renderer import (
        IdentifyResult,
        LegendEntry,
        MapRenderer,
        SearchResult,
    )

#: Layers searched by name, best first, and whether same-named features merge (streets).
SEARCHED = (("places", False), ("facilities", False), ("roads", True), ("pois", False),
            ("transport_stops", False), ("transport_lines", True), ("water", True),
            ("landuse", False))
#: What a result is called in the result list, by layer (legend words, shown in lower case).
KINDS = {"roads": N_("Street"), "facilities": N_("Facility"),
         "transport_stops": N_("Transport stop"), "transport_lines": N_("Transport line"),
         "water": N_("Water"), "landuse": N_("Area")}


def identify(renderer: MapRenderer, x: float, y: float, tolerance: float) -> list[IdentifyResult]:
    """See :meth:`MapRenderer.identify`."""
    from mapping.render.renderer import IdentifyResult

    results: list[IdentifyResult] = []
    for state in reversed(renderer.layer_states()):
        if not state.visible:
            continue
        entry = renderer.entry(state.name)
        data = renderer.layer_data(state.name)
        if entry is None or data is None:
            continue
        if isinstance(data, HazardOverlay):
            sample = data.sample(x, y)
            if sample is not None and sample[0] > 0:
                attributes = {"hazard class": data.legend.labels.get(sample[0],
                                                                     str(sample[0]))}
                if np.isfinite(sample[1]):
                    attributes["value"] = f"{sample[1]:.3g}"
                results.append(IdentifyResult(state.name, state.title, -1, attributes))
            continue
        hits = hits_near(data, x, y, tolerance)
        if not hits:
            continue
        rows = read_attributes(renderer.project.store, state.name, [h.fid for h in hits])
        legend_ = getattr(entry, "legend", None)
        for hit in hits:
            attributes = rows.get(hit.fid, {})
            if legend_ is not None and "hazard_class" in attributes:
                attributes = {**attributes, "hazard_class": _class_label(
                    legend_.labels, attributes["hazard_class"])}
            results.append(IdentifyResult(state.name, state.title, hit.fid, attributes))
    return results


def _class_label(labels: dict[int, str], value: str) -> str:
    """A vector hazard's stored class code as its legend label ("High (> 1.5 m)")."""
    try:
        code = int(float(value))
    except ValueError:
        return value
    return labels.get(code, value)


def search(renderer: MapRenderer, text: str, limit: int = 20) -> list[SearchResult]:
    """See :meth:`MapRenderer.search`."""
    from mapping.render.renderer import SearchResult

    query = normalise(text)
    if not query:
        return []
    scored = []
    for rank, (name, grouped) in enumerate(SEARCHED):
        data = renderer.layer_data(name)
        if not isinstance(data, LayerData):
            continue
        for match in search_layer(data, query, grouped):
            feature = max(match.features, key=lambda f: data.size[f])
            kind = _kind(name, data, feature)
            label = tr("{name} ({kind})", name=match.name, kind=kind) if kind else match.name
            result = SearchResult(label, name, int(data.fids[feature]), match.x, match.y,
                                  match.extent)
            scored.append(((match.quality, rank, len(match.name), match.name), result))
    scored.sort(key=lambda item: item[0])
    return [result for _key, result in scored[:limit]]


def _kind(layer: str, data: LayerData, feature: int) -> str:
    """What a found feature is, in the current language, in lower case ("street")."""
    index = int(data.classes[feature])
    word = (data.style.classes[index].label if layer in ("places", "pois") and index >= 0
            else KINDS.get(layer, ""))
    shown = legend_label(word) if word else ""
    return shown[:1].lower() + shown[1:]


def legend(renderer: MapRenderer,
           extent: tuple[float, float, float, float] | None = None) -> list[LegendEntry]:
    """See :meth:`MapRenderer.legend`."""
    from mapping.render.renderer import LegendEntry

    out: list[LegendEntry] = []
    for state in reversed(renderer.layer_states()):
        if not state.visible:
            continue
        entry = renderer.entry(state.name)
        if entry is None:
            continue
        if entry.source == "hazard_raster":
            legend_ = entry.legend
            data = renderer.layer_data(state.name) if extent is not None else entry.data
            inside = (data.classes_in(extent) if isinstance(data, HazardOverlay)
                      and extent is not None else None)
            codes = sorted((int(c) for c in legend_.colours), reverse=True) if legend_ else []
            for code in codes:  # highest class first
                colour = legend_.colours.get(code)
                if code > 0 and colour and (inside is None or code in inside):
                    out.append(LegendEntry(state.name, legend_.labels.get(code, str(code)),
                                           colour, None, "raster"))
            continue
        style = entry.style
        if style is None:
            continue
        data = renderer.layer_data(state.name) if extent is not None else entry.data
        present = None
        shown = None
        if isinstance(data, LayerData):
            shown = data.features_meeting(extent) if extent is not None \
                else np.arange(len(data))
            classes = data.classes[shown]
            # (The legend is filled before the first map is shown: counted, see present.)
            present = set(counting.present(classes[classes >= 0]).tolist())
            if style.colour_column and len(data.colour_table):
                out.extend(_colour_entries(state.name, data, shown))
                continue
        for index, rule in enumerate(style.classes):
            if present is not None and index not in present:
                continue
            if rule.symbol:
                shape = "point"
            elif rule.fill:
                shape = "polygon"
            elif rule.stroke:
                shape = "line"
            else:
                continue  # label-only classes (place names) have no swatch
            stroke = rule.casing if shape == "line" and rule.casing else rule.stroke
            fill = rule.fill if shape != "line" else rule.stroke
            out.append(LegendEntry(state.name, rule.label, fill, stroke, shape))
    return out


def _colour_entries(layer: str, data: LayerData, shown: np.ndarray) -> list[LegendEntry]:
    """One legend line per colour a layer's features are drawn in (transport lines),
    named after those features ("23 · Kawangware"): the colours the map shows."""
    from mapping.render.renderer import LegendEntry

    rule = data.style.classes[0] if data.style.classes else None
    names: dict[int, list[str]] = {}
    for feature in shown:
        if data.classes[feature] < 0:
            continue
        colour_id = int(data.colour_ids[feature])
        found = names.setdefault(colour_id, [])
        name = str(data.full_names[feature])
        if name and name not in found:
            found.append(name)
    out = []
    for colour_id, named in sorted(names.items()):
        colour = (data.colour_table[colour_id] if 0 <= colour_id < len(data.colour_table)
                  else rule.stroke if rule is not None else None)
        label = ", ".join(sorted(named)) or (rule.label if rule is not None else "")
        out.append(LegendEntry(layer, label, colour,
                               rule.casing if rule is not None and rule.casing else colour,
                               "line"))
    return out
