"""What a printed map says besides the map: legend lines, shelters, routes and facilities.

Legend lines come from the renderer's legend (visible layers, classes present
in the data) with their swatches drawn from the same style classes the map is
drawn with, at the map's zoom: what the legend shows is what the map shows.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from layers.i18n import ntr, tr
from mapping.export._layers import tag_dicts
from mapping.export.print_analysis import Evacuation, minutes
from mapping.export.print_panel import PanelRow, RowKind, Swatch
from mapping.export.print_templates import LegendSection, PrintTemplate, SideList, expand
from mapping.export.tag_words import CONTACT_KEY, is_shelter, preset_name
from mapping.project import Project
from mapping.render.layer_cache import LayerData
from mapping.render.renderer import LegendEntry, MapRenderer
from mapping.render.style import GENERIC_LABELS, ClassStyle
from mapping.render.words import legend_label


@dataclass(frozen=True)
class Shelter:
    """A shelter or evacuation centre, numbered as on the map."""

    #: Number on the map and in the list.
    number: int
    #: Its name ("" when it has none).
    name: str
    #: What it is, in words ("Evacuation centre").
    kind: str
    #: People it can take, as typed ("" when unknown).
    capacity: str
    #: Contact telephone ("" when unknown or left out).
    phone: str
    #: Position, working-CRS metres.
    x: float
    y: float
    #: The facility's uuid (what ``evacuation_routes.destination`` names).
    uuid: str = ""


def _text(value: object) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value).strip()


def _read(project: Project, name: str) -> pd.DataFrame | None:
    try:
        frame = project.read_layer(name)
    except Exception:
        return None
    return frame[~(frame.geometry.isna() | frame.geometry.is_empty)] if len(frame) else None


def find_shelters(project: Project, renderer: MapRenderer, include_personal: bool
                  ) -> list[Shelter]:
    """The shelters and evacuation centres among the facilities, numbered north to south."""
    frame = _read(project, "facilities")
    if frame is None:
        return []
    found = []
    for (_fid, row), tags in zip(frame.iterrows(), tag_dicts(frame), strict=True):
        preset = _text(row.get("preset")) or None
        if not is_shelter(tags, preset):
            continue
        point = row.geometry.representative_point()
        x, y = renderer.from_wgs84(point.x, point.y)
        phone = next((v for k, v in tags.items() if CONTACT_KEY.match(k) and "phone" in k), "")
        found.append((-round(y / 50.0), x, _text(row.get("name")) or tags.get("name", ""),
                      preset_name(preset, tags, "facilities"), tags.get("capacity", ""),
                      phone if include_personal else "", y, _text(row.get("uuid"))))
    found.sort()
    return [Shelter(i, name, kind, capacity, phone, x, y, uuid)
            for i, (_band, x, name, kind, capacity, phone, y, uuid) in enumerate(found, start=1)]


def routed_shelters(project: Project, shelters: list[Shelter], evacuation: Evacuation
                    ) -> list[Shelter]:
    """``shelters`` and the other places the evacuation routes lead to (shelters in the
    OpenStreetMap points of interest, the features of ``evacuate --to LAYER``), all
    numbered north to south. Each is named from its layer and placed where its routes
    end."""
    from mapping.analysis.evacuation import read_places

    listed = {s.uuid for s in shelters}
    missing = [uuid for uuid in evacuation.assigned if uuid and uuid not in listed]
    if not missing:
        return shelters
    layers = {"pois" if uuid.startswith("osm:") else uuid.rsplit(":", 1)[0]
              for uuid in missing}
    found: dict[str, tuple[str, str, str]] = {}
    for layer in sorted(layers & set(project.layer_names())):
        try:
            places = read_places(project, layer)
        except Exception:  # noqa: BLE001 - a layer that cannot be read names nothing
            continue
        for uuid, name, tags in zip(places["uuid"], places["name"], places["tags"],
                                    strict=True):
            if uuid in missing:
                kind = (tr("Shelter in OpenStreetMap") if layer == "pois"
                        else tr("From {layer}", layer=layer))
                found[uuid] = (str(name or ""), kind, str(tags.get("capacity", "")))
    more = [Shelter(0, *found.get(uuid, ("", tr("Evacuation point"), "")), "",
                    *evacuation.ends[uuid], uuid=uuid)
            for uuid in missing if uuid in evacuation.ends]
    every = sorted(shelters + more, key=lambda s: (-round(s.y / 50.0), s.x))
    return [replace(shelter, number=i) for i, shelter in enumerate(every, start=1)]


def _rule(renderer: MapRenderer, entry: LegendEntry) -> tuple[int, ClassStyle] | None:
    layer = renderer.entry(entry.layer)
    style = layer.style if layer is not None else None
    if style is None:
        return None
    for index, rule in enumerate(style.classes):
        if rule.label == entry.label:
            return index, rule
    return None


def swatch_for(entry: LegendEntry, rule: ClassStyle | None, opacity: float, zoom: float
               ) -> Swatch:
    """The swatch of a legend line as the class is drawn at ``zoom`` (print-scaled style)."""
    if entry.shape == "raster" or rule is None:
        return Swatch("raster" if entry.shape == "raster" else entry.shape, fill=entry.fill,
                      stroke=entry.stroke, opacity=opacity)
    if rule.symbol:
        return Swatch("point", fill=rule.fill, stroke=rule.stroke, symbol=rule.symbol)
    width = rule.width.at(zoom) if rule.width is not None else 1.0
    if rule.fill:
        outline = rule.stroke if zoom >= rule.outline_min_zoom else None
        return Swatch("polygon", fill=rule.fill, stroke=outline, opacity=rule.fill_opacity,
                      hatch=rule.hatch is not None)
    cased = rule.casing is not None and zoom >= rule.casing_min_zoom
    stroke = rule.low_stroke if rule.low_stroke and not cased else rule.stroke
    dash = tuple(max(d / max(width, 0.1), 0.1) for d in rule.dash) if rule.dash else None
    return Swatch("line", stroke=stroke, casing=rule.casing if cased else None, width=width,
                  dash=dash)


def _class_counts(data: object, shown: np.ndarray | None = None) -> np.ndarray:
    """Features of each class (of the ``shown`` ones, when given)."""
    if not isinstance(data, LayerData) or not len(data.classes):
        return np.zeros(0, dtype=int)
    classes = data.classes if shown is None else data.classes[shown]
    return np.bincount(classes[classes >= 0].astype(int), minlength=len(data.style.classes))


def _names_by_class(data: object, shown: np.ndarray | None = None,
                    most: int = 4) -> dict[int, str]:
    """The feature names of each class, as one line ("Kianda, Soweto and 2 more")."""
    if not isinstance(data, LayerData):
        return {}
    picked = np.arange(len(data)) if shown is None else shown
    classes, all_names = data.classes[picked], data.full_names[picked]
    out = {}
    for index in np.unique(classes[classes >= 0]):
        names = sorted({str(n) for n in all_names[classes == index] if n})
        if names:
            out[int(index)] = (ntr("{names} and {n} more", "{names} and {n} more",
                                   len(names) - most, names=", ".join(names[:most]))
                               if len(names) > most else ", ".join(names))
    return out


def _plain(label: str) -> str:
    """A class label in the page's language without its layer word ("Facility: health" ->
    "Health"), under a heading that already says it."""
    if label == "Facility":
        return tr("Other")
    label = legend_label(label)
    if ": " in label:
        label = label.split(": ", 1)[1].strip()
    return label[:1].upper() + label[1:]


def legend_rows(renderer: MapRenderer, template: PrintTemplate, zoom: float,
                shelters: list[Shelter],
                extent: tuple[float, float, float, float] | None = None) -> list[PanelRow]:
    """The legend groups of a template, for the layers shown and classes drawn at ``zoom``;
    with ``extent`` (the frame), only what is drawn inside it."""
    # Top layer first, as on the map: ``@base`` lists places and roads before land use.
    kinds = {s.name: s.kind for s in reversed(renderer.layer_states())}
    states = {s.name: s for s in renderer.layer_states()}
    entries: dict[str, list[LegendEntry]] = {}
    for entry in renderer.legend(extent):
        entries.setdefault(entry.layer, []).append(entry)
    if extent is not None:
        shelters = [s for s in shelters if extent[0] <= s.x <= extent[2]
                    and extent[1] <= s.y <= extent[3]]
    rows: list[PanelRow] = []
    used: set[str] = set()
    for section in template.legend:
        names = [n for n in expand(section.layers, kinds) if n not in used]
        used.update(names)
        group: list[PanelRow] = []
        if "@shelters" in section.layers and shelters:
            group.append(PanelRow(RowKind.BADGE, tr("Shelter or evacuation centre"),
                                  detail=tr("numbered as in the list"), number=1,
                                  size=section.size))
        for name in names:
            title = states[name].shown_title if name in states else name
            lines = _layer_lines(renderer, name, entries.get(name, []), section, zoom,
                                 states[name].opacity if name in states else 1.0, extent)
            if len(lines) == 1 and lines[0].text in {tr(label) for label in GENERIC_LABELS}:
                # A layer drawn in one default style (a reference survey): its own name.
                lines = [replace(lines[0], text=title)]
            elif lines and (section.title is None
                            or (len(lines) > 1 and kinds.get(name) == "reference")):
                # Under a section's title too, the classes of a layer an analysis wrote
                # ("not exposed", "within 250 m") go under that layer's title.
                group.append(PanelRow(RowKind.HEADING, title, size=section.size))
            group.extend(lines)
        if len(group) > section.max_entries:
            hidden = len(group) - section.max_entries + 1
            group = [*group[:section.max_entries - 1],
                     PanelRow(RowKind.TEXT, ntr("and {n} more kind", "and {n} more kinds",
                                                hidden), size=section.size)]
        if group and section.title:
            group.insert(0, PanelRow(RowKind.HEADING, tr(section.title), size=section.size))
        rows.extend(group)
    return rows




def _layer_lines(renderer: MapRenderer, name: str, layer_entries: list[LegendEntry],
                 section: LegendSection, zoom: float, opacity: float,
                 extent: tuple[float, float, float, float] | None = None) -> list[PanelRow]:
    data = renderer.layer_data(name)
    if isinstance(data, LayerData) and data.style.colour_column and len(data.colour_table):
        return _coloured_lines(data, layer_entries, section, zoom)
    shown = (data.features_meeting(extent) if isinstance(data, LayerData) and extent is not None
             else None)
    counts = _class_counts(data, shown) if section.counts else None
    named = _names_by_class(data, shown) if section.names else {}
    lines = []
    for entry in layer_entries:
        found = _rule(renderer, entry)
        index, rule = found if found is not None else (-1, None)
        if rule is not None and not rule.shown_at(zoom):
            continue
        label = _plain(entry.label)
        if counts is not None and 0 <= index < len(counts):
            label = f"{label} ({counts[index]})"
        lines.append((index, PanelRow(RowKind.SWATCH, label, detail=named.get(index, ""),
                                      swatch=swatch_for(entry, rule, opacity, zoom),
                                      size=section.size)))
    if name == "roads":
        lines.sort(key=lambda item: -item[0])  # major roads first
    return [row for _index, row in lines]


def _coloured_lines(data: LayerData, layer_entries: list[LegendEntry], section: LegendSection,
                    zoom: float) -> list[PanelRow]:
    """One legend line per feature colour (transport lines), named after its features:
    the renderer's legend entries, so paper, window legend and map share one colour."""
    rule = data.style.classes[0] if data.style.classes else None
    if rule is not None and not rule.shown_at(zoom):
        return []
    width = rule.width.at(zoom) if rule is not None and rule.width is not None else 4.0
    return [PanelRow(RowKind.SWATCH, entry.label or tr("Line with no name yet"),
                     swatch=Swatch("line", stroke=entry.fill, width=width,
                                   casing=rule.casing if rule is not None else None),
                     size=section.size)
            for entry in layer_entries]


def shelter_rows(shelters: list[Shelter], evacuation: Evacuation | None = None
                 ) -> list[PanelRow]:
    """The numbered list of shelters and evacuation centres; with evacuation routes, each
    one's load (buildings routed there against its capacity) and median walk."""
    if not shelters:
        return [PanelRow(RowKind.TEXT,
                         tr("No shelter or evacuation centre has been mapped yet."))]
    rows = []
    for shelter in shelters:
        details = [shelter.kind]
        if evacuation is not None:
            count = evacuation.assigned.get(shelter.uuid, 0)
            if evacuation.assigned_people:
                people = evacuation.assigned_people.get(shelter.uuid, 0)
                details.append(ntr("{n} person from {buildings} routed here",
                                   "{n} people from {buildings} routed here", people,
                                   buildings=ntr("{n} building", "{n} buildings", count)))
            else:
                details.append(ntr("{n} building routed here", "{n} buildings routed here",
                                   count))
            if shelter.capacity:
                details.append(tr("room for {capacity} people", capacity=shelter.capacity))
            if shelter.uuid in evacuation.median_walk_s:
                details.append(tr("median walk {time}",
                                  time=minutes(evacuation.median_walk_s[shelter.uuid])))
        elif shelter.capacity:
            details.append(tr("room for {capacity} people", capacity=shelter.capacity))
        if shelter.phone:
            details.append(tr("tel. {phone}", phone=shelter.phone))
        rows.append(PanelRow(RowKind.BADGE, shelter.name or tr("Shelter with no name yet"),
                             detail=" · ".join(d for d in details if d), number=shelter.number))
    return rows


def route_rows(project: Project, renderer: MapRenderer, zoom: float) -> list[PanelRow]:
    """One line per transport line: its colour, number and name, and its stops in order."""
    lines = _read(project, "transport_lines")
    data = renderer.layer_data("transport_lines")
    if lines is None or not isinstance(data, LayerData):
        return [PanelRow(RowKind.TEXT, tr("No transport line has been mapped yet."))]
    colour_of = {int(fid): (data.colour_table[c] if 0 <= c < len(data.colour_table) else None)
                 for fid, c in zip(data.fids, data.colour_ids, strict=True)}
    stops = _read(project, "transport_stops")
    stops_by_line: dict[str, list[tuple[int, str]]] = {}
    if stops is not None:
        for _fid, stop in stops.iterrows():
            sequence = pd.to_numeric(stop.get("stop_sequence"), errors="coerce")
            stops_by_line.setdefault(_text(stop.get("line_uuid")), []).append(
                (int(sequence) if pd.notna(sequence) else 10**6, _text(stop.get("name"))))
    entry = renderer.entry("transport_lines")
    rule = entry.style.classes[0] if entry and entry.style and entry.style.classes else None
    casing = rule.casing if rule is not None else None
    width = rule.width.at(zoom) if rule is not None and rule.width is not None else 4.0
    rows = []
    for (fid, line), tags in sorted(zip(lines.iterrows(), tag_dicts(lines), strict=True),
                                    key=lambda item: (item[1].get("ref", ""),
                                                      _text(item[0][1].get("name")))):
        name = _text(line.get("name")) or tags.get("name", "")
        ref = tags.get("ref", "")
        title = " · ".join(t for t in (ref, name) if t) or tr("Line with no name yet")
        ordered = [n or tr("unnamed stop") for _s, n in sorted(
            stops_by_line.get(_text(line.get("uuid")), []))]
        detail = (ntr("{stops} ({n} stop)", "{stops} ({n} stops)", len(ordered),
                      stops=" → ".join(ordered)) if ordered
                  else tr("no stops mapped yet"))
        swatch = Swatch("line", stroke=colour_of.get(int(fid)) or "#1f77b4", casing=casing,
                        width=width)
        rows.append(PanelRow(RowKind.SWATCH, title, detail=detail, swatch=swatch))
    return rows


def facility_rows(project: Project, renderer: MapRenderer) -> list[PanelRow]:
    """Facilities by type, then by name, each with its map symbol."""
    frame = _read(project, "facilities")
    data = renderer.layer_data("facilities")
    if frame is None or not isinstance(data, LayerData):
        return [PanelRow(RowKind.TEXT, tr("No facility has been mapped yet."))]
    class_of = {int(fid): int(c) for fid, c in zip(data.fids, data.classes, strict=True)}
    items = []
    for (fid, row), tags in zip(frame.iterrows(), tag_dicts(frame), strict=True):
        index = class_of.get(int(fid), -1)
        if index < 0:
            continue
        rule = data.style.classes[index]
        preset = _text(row.get("preset")) or None
        name = _text(row.get("name")) or tags.get("name", "")
        items.append((index, name.casefold(), PanelRow(
            RowKind.SWATCH, name or tr("(no name yet)"),
            detail=preset_name(preset, tags, "facilities"),
            swatch=Swatch("point", fill=rule.fill, stroke=rule.stroke, symbol=rule.symbol),
            size=0.95)))
    items.sort(key=lambda item: (item[0], item[1]))
    return [row for _i, _n, row in items]


def side_rows(template: PrintTemplate, project: Project, renderer: MapRenderer,
              shelters: list[Shelter], zoom: float, evacuation: Evacuation | None = None
              ) -> list[PanelRow]:
    """The list printed beside the map, with its heading."""
    if template.side_list is None:
        return []
    if template.side_list is SideList.SHELTERS:
        rows = shelter_rows(shelters, evacuation)
    elif template.side_list is SideList.ROUTES:
        rows = route_rows(project, renderer, zoom)
    else:
        rows = facility_rows(project, renderer)
    return [PanelRow(RowKind.HEADING, tr(template.side_list_title), size=1.15), *rows]
