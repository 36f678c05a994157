"""The layers of the offline web map, read, thinned and encoded for Leaflet.

Each layer becomes a compact JSON "spec" that ``resources/web/quartier_webmap.js``
draws: the classes of the map style (colours, widths by zoom, the zoom range
they show at: the same ``resources/styles/osm_base.json`` the canvas and the
printed maps use) and the features as GeoJSON geometries with a class index,
a name and, for what residents mapped, popup rows in plain words.

Large layers stay light in the browser: geometries are thinned in metres
(:data:`SIMPLIFY_METRES`, below a pixel at street level), coordinates are
rounded to 6 decimals (about 10 cm), slivers of buildings are dropped, and base
layers draw on a canvas rather than as thousands of SVG elements.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from layers.i18n import tr
from layers.osm_definitions import poi_category
from mapping.export._layers import tag_dicts
from mapping.export.personal import is_personal
from mapping.export.tag_words import (
    is_shelter,
    key_words,
    preset_name,
    tag_rows,
    value_words,
    words,
)
from mapping.project import Project
from mapping.render.registry import LayerEntry
from mapping.render.style import ClassStyle, LayerStyle, ZoomValue, classify
from mapping.render.words import layer_title

#: Ground distance (metres) geometries are thinned by, per layer (others: DEFAULT_SIMPLIFY).
SIMPLIFY_METRES = {"buildings": 0.3, "roads": 1.0, "water": 1.0, "landuse": 1.0, "pois": 0.0}
#: Thinning of reference and hazard polygons, metres.
DEFAULT_SIMPLIFY = 1.0
#: Buildings smaller than this (m²) are slivers and digitising slips, not dwellings.
MIN_BUILDING_M2 = 2.0
#: Decimals kept in coordinates (6: about 0.1 m).
COORDINATE_DECIMALS = 6
#: Above this many points a layer draws plain dots on a canvas instead of symbols.
MAX_SYMBOLS = 400
#: Columns never shown in popups of reference layers (storage and bookkeeping).
STORAGE_COLUMNS = frozenset({"tags", "osm_nodes", "osm_node_details", "osm_type", "osm_id",
                             "osm_version", "uuid", "version", "fid", "line_uuid"})
#: Keys of base-layer tags worth a popup row.
BASE_POPUP_KEYS = ("ref", "surface", "operator", "opening_hours", "amenity", "shop",
                   "healthcare", "building_levels")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass
class WebLayer:
    """One layer ready for the page."""

    #: Layer name in the project.
    name: str
    #: Title shown in the layer switcher and the legend.
    title: str
    #: Shown when the page opens.
    show: bool
    #: What quartier_webmap.js draws (JSON-ready).
    spec: dict[str, Any]
    #: Legend lines: (label, swatch kind, class style or colour).
    legend: list[tuple[str, str, Any]]
    #: Features written.
    count: int
    #: (west, south, east, north) of the features, degrees.
    bounds: tuple[float, float, float, float] | None = None


def safe_colour(value: object) -> str | None:
    """A "#rrggbb" colour typed by a resident, or None if it is anything else."""
    text = str(value or "").strip()
    return text.lower() if _COLOUR.match(text) else None


def _stops(value: ZoomValue | None) -> list[list[float]] | None:
    return [[z, round(v, 3)] for z, v in value.stops] if value is not None else None


def class_spec(rule: ClassStyle) -> dict[str, Any]:
    """A style class as quartier_webmap.js reads it (its label in the export's language)."""
    return {
        "label": tr(rule.label) if rule.label else rule.label, "fill": rule.fill,
        "fillOpacity": rule.fill_opacity,
        "stroke": rule.stroke, "lowStroke": rule.low_stroke, "width": _stops(rule.width),
        "casing": rule.casing, "casingWidth": _stops(rule.casing_width),
        "casingMinZoom": rule.casing_min_zoom, "outlineMinZoom": rule.outline_min_zoom,
        "dash": list(rule.dash) if rule.dash else None, "symbol": rule.symbol,
        "minZoom": rule.min_zoom, "maxZoom": rule.max_zoom,
    }


def _geometry_names(geometries: np.ndarray) -> np.ndarray:
    kinds = shapely.get_type_id(geometries)
    names = np.full(len(geometries), "", dtype=object)
    names[np.isin(kinds, (0, 4))] = "point"
    names[np.isin(kinds, (1, 2, 5))] = "line"
    names[np.isin(kinds, (3, 6))] = "polygon"
    names[shapely.is_empty(geometries) | shapely.is_missing(geometries)] = ""
    return names


def _derived(style: LayerStyle, frame: pd.DataFrame, tags: list[dict[str, str]]
             ) -> dict[str, np.ndarray]:
    """Columns the style computes from the tags (severity, colour, facility category)."""
    out: dict[str, np.ndarray] = {}
    presets = frame["preset"].to_numpy(dtype=object) if "preset" in frame.columns else None
    for column, rule in style.derive:
        values = np.empty(len(frame), dtype=object)
        for i, feature_tags in enumerate(tags):
            if rule == "poi_category":
                if not feature_tags and presets is not None and presets[i]:
                    feature_tags = {"amenity": str(presets[i]).rsplit("/", 1)[-1]}
                values[i] = str(poi_category(feature_tags))
            elif rule.startswith("tag:"):
                values[i] = feature_tags.get(rule[4:])
        out[column] = values
    return out


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value).strip()


def _thin(frame: gpd.GeoDataFrame, name: str, working_crs: str, tolerance: float
          ) -> gpd.GeoDataFrame:
    """Thin geometries by ``tolerance`` metres and drop building slivers."""
    if not len(frame) or (tolerance <= 0 and name != "buildings"):
        return frame
    projected = frame.geometry.to_crs(working_crs)
    keep = np.ones(len(frame), dtype=bool)
    if name == "buildings":
        keep = shapely.area(projected.values) >= MIN_BUILDING_M2
    values = projected.values
    if tolerance > 0:
        values = shapely.simplify(values, tolerance, preserve_topology=True)
    thinned = gpd.GeoSeries(values, index=frame.index, crs=working_crs).to_crs("EPSG:4326")
    out = frame.copy()
    out.geometry = thinned.values
    return out[keep & ~shapely.is_empty(out.geometry.values)]


def _geojson(geometries: np.ndarray) -> tuple[str | None, list[Any]]:
    """GeoJSON geometries with rounded coordinates; when all share one type, only their
    coordinates (the type is then given once, saving a third of a large layer)."""
    rounded = shapely.transform(geometries, lambda xy: np.round(xy, COORDINATE_DECIMALS))
    parsed = [json.loads(text) for text in shapely.to_geojson(rounded)]
    types = {geometry["type"] for geometry in parsed}
    if len(types) == 1 and "GeometryCollection" not in types:
        return types.pop(), [geometry["coordinates"] for geometry in parsed]
    return None, parsed


def _participatory_rows(frame: pd.DataFrame, tags: list[dict[str, str]], layer: str,
                        include_personal: bool, line_names: dict[str, str]
                        ) -> list[list[list[str]]]:
    out = []
    for i, feature_tags in enumerate(tags):
        row = frame.iloc[i]
        preset = _text(row.get("preset")) or None
        rows = [[tr("Type"), preset_name(preset, feature_tags, layer)]] \
            if preset or feature_tags else []
        if layer == "facilities" and is_shelter(feature_tags, preset):
            rows.append([tr("Use in an emergency"), tr("Shelter or evacuation centre")])
        if layer == "transport_stops":
            line = line_names.get(_text(row.get("line_uuid")))
            if line:
                rows.append([tr("Line"), line])
            if _text(row.get("stop_sequence")):
                rows.append([tr("Stop number"), _text(row.get("stop_sequence"))])
        rows += [list(pair) for pair in tag_rows(feature_tags, preset,
                                                 include_personal=include_personal)]
        status = _text(row.get("review_status"))
        if status:
            rows.append([tr("Checked"), tr("Yes, by a facilitator") if status == "verified"
                         else tr("Not yet (draft)")])
        if include_personal and _text(row.get("contributor")):
            rows.append([tr("Mapped by"), _text(row.get("contributor"))])
        out.append(rows)
    return out


def _other_rows(frame: pd.DataFrame, tags: list[dict[str, str]], kind: str,
                include_personal: bool) -> list[list[list[str]]] | None:
    if kind == "reference":
        columns = [c for c in frame.columns if c not in STORAGE_COLUMNS
                   and c != frame.geometry.name and c != "name"
                   and (include_personal or not is_personal(c))]
        return [[[words(c), _text(row[c])] for c in columns if _text(row[c])]
                for _i, row in frame.iterrows()]
    if kind != "base":
        return None
    out = []
    for feature_tags in tags:
        out.append([[key_words(k), value_words(k, feature_tags[k])
                     if k in ("amenity", "shop", "healthcare", "surface") else feature_tags[k]]
                    for k in BASE_POPUP_KEYS if feature_tags.get(k)])
    return out if any(out) else None


def _line_names(project: Project) -> dict[str, str]:
    """Transport line uuid -> its name (or route number), for the stops' popups."""
    try:
        lines = project.read_layer("transport_lines", columns=["uuid", "name", "tags"])
    except Exception:
        return {}
    tags = tag_dicts(lines)
    out = {}
    for i, uuid in enumerate(lines["uuid"]):
        name = _text(lines["name"].iloc[i]) or tags[i].get("name") or tags[i].get("ref", "")
        out[_text(uuid)] = name
    return out


def vector_layer(project: Project, entry: LayerEntry, frame: gpd.GeoDataFrame,
                 working_crs: str, zoom_offset: float, include_personal: bool) -> WebLayer:
    """Encode one vector layer (base, participatory, reference or hazard polygons)."""
    style = entry.style
    assert style is not None
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs("EPSG:4326")
    frame = frame[~(frame.geometry.isna() | frame.geometry.is_empty)]
    participatory = entry.kind == "participatory"
    if entry.name == "pois" and len(frame):
        frame = frame.copy()
        frame.geometry = frame.geometry.representative_point()
    tolerance = 0.0 if participatory else SIMPLIFY_METRES.get(entry.name, DEFAULT_SIMPLIFY)
    frame = _thin(frame, entry.name, working_crs, tolerance)
    tags = tag_dicts(frame)
    columns: dict[str, Any] = {c: frame[c].to_numpy(dtype=object) for c in style.columns
                               if c in frame.columns}
    columns.update(_derived(style, frame, tags))
    geometry_names = _geometry_names(frame.geometry.values)
    classes = classify(style, columns, geometry_names, len(frame))
    drawn = classes >= 0
    frame, classes = frame[drawn], classes[drawn]
    tags = [t for t, keep in zip(tags, drawn, strict=True) if keep]
    names = [_text(v) for v in frame[style.label_column]] if style.label_column in frame \
        else [""] * len(frame)
    if participatory:
        rows: list[Any] | None = _participatory_rows(
            frame, tags, entry.name, include_personal,
            _line_names(project) if entry.name == "transport_stops" else {})
    else:
        rows = _other_rows(frame, tags, entry.kind, include_personal)
    points = bool(len(frame)) and bool((geometry_names[drawn] == "point").all())
    spec: dict[str, Any] = {
        "name": entry.name, "title": layer_title(entry.title),
        "geometry": "point" if points else "mixed",
        "classes": [class_spec(rule) for rule in style.classes],
        "cls": classes.tolist(), "names": names,
        "zoomOffset": round(zoom_offset, 4), "popups": True,
        "canvas": not participatory,
        "vectorSymbols": points and len(frame) <= MAX_SYMBOLS and entry.name != "places",
        "labels": entry.name == "places",
        "symbolSize": _stops(style.symbol_size) or [[0, 8]],
        "opacity": entry.opacity,
    }
    spec["geomType"], spec["geoms"] = _geojson(frame.geometry.values)
    if rows is not None:
        spec["rows"] = rows
    if style.colour_column:
        spec["colours"], spec["colourIndex"] = _feature_colours(columns, drawn, style)
    present = sorted(set(classes.tolist()))
    legend = [(style.classes[i].label, "class", style.classes[i]) for i in present]
    if style.colour_column:
        legend = _line_legend(frame, names, spec) or legend
    bounds = tuple(float(v) for v in frame.total_bounds) if len(frame) else None
    return WebLayer(entry.name, entry.title, entry.visible, spec, legend, len(frame),
                    bounds)  # type: ignore[arg-type]


def _feature_colours(columns: dict[str, Any], drawn: np.ndarray, style: LayerStyle
                     ) -> tuple[list[str], list[int]]:
    """Each feature's own colour if it has a valid one, else the palette's next colour."""
    raw = np.asarray(columns.get(style.colour_column or "", np.full(len(drawn), None)),
                     dtype=object)[drawn]
    colours: list[str] = []
    index = []
    missing = 0
    for value in raw:
        colour = safe_colour(value)
        if colour is None and style.palette:
            colour = style.palette[missing % len(style.palette)]
            missing += 1
        if colour is None:
            index.append(-1)
            continue
        if colour not in colours:
            colours.append(colour)
        index.append(colours.index(colour))
    return colours, index


def _line_legend(frame: pd.DataFrame, names: list[str], spec: dict[str, Any]
                 ) -> list[tuple[str, str, Any]]:
    """One legend line per transport line: its colour and its name."""
    out = []
    for i, name in enumerate(names):
        k = spec["colourIndex"][i]
        if k >= 0:
            out.append((name or tr("Line {number}", number=i + 1), "line", spec["colours"][k]))
    return out[:20]


def raster_layer(entry: LayerEntry, raster: Any) -> WebLayer:
    """A hazard raster as a PNG overlay in its class colours (transparent outside)."""
    from folium.utilities import image_to_url
    from rasterio.warp import Resampling, reproject

    classes = np.asarray(raster.classes, dtype=np.uint8)
    transform = raster.transform
    if str(raster.crs).upper() not in ("EPSG:4326", "OGC:CRS84"):
        west, south, east, north = raster.bounds
        out = np.zeros_like(classes)
        reproject(classes, out, src_transform=transform, src_crs=raster.crs,
                  dst_crs="EPSG:4326", resampling=Resampling.nearest)
        classes = out
    rows, cols = classes.shape
    west, north = transform @ (0, 0)
    east, south = transform @ (cols, rows)
    south, north = min(south, north), max(south, north)
    # Leaflet shows the image in Web Mercator: pick, for each output row, the source row
    # at that latitude (nearest), so class edges stay where they are.
    merc = np.linspace(_mercator_y(north), _mercator_y(south), rows, endpoint=False)
    merc += (merc[1] - merc[0]) / 2 if rows > 1 else 0.0
    lat = np.degrees(2 * np.arctan(np.exp(merc)) - np.pi / 2)
    source_rows = np.clip(((north - lat) / (north - south) * rows).astype(int), 0, rows - 1)
    warped = classes[source_rows]
    lut = np.zeros((256, 4), dtype=np.uint8)
    legend = []
    for code in sorted((int(c) for c in raster.legend.colours if 0 < int(c) < 256),
                       reverse=True):
        colour = raster.legend.colours.get(code)
        if colour:
            lut[code] = [int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16), 255]
            legend.append((raster.legend.labels.get(code, str(code)), "raster", colour))
    url = image_to_url(lut[warped])
    assert url.startswith("data:image/png;base64,")  # inlined, never a link
    spec = {"name": entry.name, "title": layer_title(entry.title), "image": url,
            "bounds": [[south, west], [north, east]], "opacity": entry.opacity}
    return WebLayer(entry.name, entry.title, entry.visible, spec, legend, int((classes > 0).sum()),
                    (west, south, east, north))


def _mercator_y(lat: float) -> float:
    return float(np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)))
