"""The level of service as map layers: buildings, places to wait, least-served areas.

Written through :func:`mapping.analysis._result_layers.save_result_layer`, each in one
transaction replacing the previous result, classed so the map and its legend colour
them (green: well served, to red: not served).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from layers.i18n import N_
from mapping.analysis._result_layers import remove_result_layer, save_result_layer
from mapping.project import Project

if TYPE_CHECKING:
    from mapping.analysis.service_level import ServiceReport, _Details

#: Building classes, best served first, and their colours.
FREQUENT = N_("frequent stop within walk")
STOP = N_("stop within walk")
FAR = N_("no stop within walk")
NO_STREET = N_("no street near")
BUILDING_COLOURS = {FREQUENT: "#1a9850", STOP: "#fee08b", FAR: "#d73027",
                    NO_STREET: "#67000d"}
#: Area classes by share of buildings within a walk of a frequent stop.
AREA_CLASSES = ((N_("under 25 %"), 0.25, "#d73027"), (N_("25-50 %"), 0.5, "#fc8d59"),
                (N_("50-75 %"), 0.75, "#fee08b"), (N_("75 % or more"), 2.0, "#1a9850"))
NO_BUILDINGS = N_("no buildings")
NO_BUILDINGS_COLOUR = "#bdbdbd"
#: Places to wait: frequent, not frequent, cut off by the hazard.
PLACE_COLOURS = {N_("frequent"): "#1a9850", N_("not frequent"): "#fc8d59",
                 N_("cut off"): "#7b3294"}


def write_layers(project: Project, report: ServiceReport, details: _Details) -> list[str]:
    """Write the buildings, stops and (with areas) areas layers; returns their names."""
    from mapping.analysis.service_level import AREAS_LAYER, BUILDINGS_LAYER, STOPS_LAYER

    common = {"analysis": "service_level", "walk_m": report.walk_m,
              "frequent_headway_min": report.frequent_headway_min, "band": report.band,
              "colour_column": "colour"}
    save_result_layer(project, BUILDINGS_LAYER, N_("Walk to transport"),
                      _buildings(report, details),
                      {**common, "class_column": "service", "class_colours": BUILDING_COLOURS})
    written = [BUILDINGS_LAYER]
    save_result_layer(project, STOPS_LAYER, N_("Transport stops by frequency"),
                      _places(details, report.frequent_headway_min),
                      {**common, "hazard": report.hazard, "class_column": "service",
                       "class_colours": PLACE_COLOURS})
    written.append(STOPS_LAYER)
    if len(details.area_names):
        colours = {name: colour for name, _top, colour in AREA_CLASSES}
        save_result_layer(project, AREAS_LAYER, N_("Least-served areas"), _areas(report, details),
                          {**common, "by": report.by, "class_column": "service",
                           "class_colours": {**colours, NO_BUILDINGS: NO_BUILDINGS_COLOUR}})
        written.append(AREAS_LAYER)
    else:
        # An areas layer of an earlier run would no longer match these figures.
        remove_result_layer(project, AREAS_LAYER)
    return written


def _buildings(report: ServiceReport, details: _Details) -> gpd.GeoDataFrame:
    walk, frequent = details.walk_m, details.walk_frequent_m
    limit = report.walk_m
    # A building on streets that lead to no stop is beyond the walk too.
    service = np.where(frequent <= limit, FREQUENT, np.where(
        walk <= limit, STOP, np.where(details.snapped, FAR, NO_STREET)))
    buildings = details.buildings
    geometry = (buildings.geometries if buildings.geometries is not None
                else shapely.points(buildings.lonlat))
    area = np.array([details.area_names[k] if k >= 0 else None for k in details.area],
                    dtype=object) if len(details.area_names) else None
    columns: dict[str, object] = {
        "building_fid": buildings.fids,
        "walk_m": np.where(np.isfinite(walk), np.round(walk, 1), np.nan),
        "walk_frequent_m": np.where(np.isfinite(frequent), np.round(frequent, 1), np.nan),
        "service": service,
    }
    if area is not None:
        columns["area"] = area
    columns["colour"] = [BUILDING_COLOURS[s] for s in service]
    return gpd.GeoDataFrame(columns, geometry=gpd.GeoSeries(geometry, crs="EPSG:4326"),
                            crs="EPSG:4326")


def _places(details: _Details, frequent_min: float) -> gpd.GeoDataFrame:
    places = details.places
    records = details.line_records
    service = np.where(details.place_cut_off, "cut off",
                       np.where(details.place_frequent, "frequent", "not frequent"))
    lines = [", ".join(records[k].ref or records[k].name or records[k].uuid for k in served)
             for served in places.lines]
    vph = np.round(details.place_vph, 2)
    return gpd.GeoDataFrame({
        "name": places.names,
        "lines": lines,
        "line_count": [len(served) for served in places.lines],
        "vehicles_per_hour": vph,
        "wait_min": np.where(vph > 0, np.round(60.0 / np.where(vph > 0, vph, 1.0), 1), np.nan),
        "frequent": details.place_frequent.astype(np.int64),
        "cut_off": details.place_cut_off.astype(np.int64),
        "service": service,
        "colour": [PLACE_COLOURS[s] for s in service],
    }, geometry=gpd.GeoSeries(shapely.points(places.lonlat), crs="EPSG:4326"), crs="EPSG:4326")


def _areas(report: ServiceReport, details: _Details) -> gpd.GeoDataFrame:
    by_name = {area.name: area for area in report.areas}
    rank = {area.name: k + 1 for k, area in enumerate(report.least_served(len(report.areas)))}
    rows = []
    for name in details.area_names:
        area = by_name[name]
        if area.buildings:
            label, colour = next((label, colour) for label, top, colour in AREA_CLASSES
                                 if area.share_frequent < top)
        else:
            label, colour = NO_BUILDINGS, NO_BUILDINGS_COLOUR
        rows.append({"name": name, "buildings": area.buildings,
                     "within_walk": area.within_walk,
                     "within_walk_frequent": area.within_walk_frequent,
                     "share_within": round(area.share_within, 4),
                     "share_frequent": round(area.share_frequent, 4),
                     "least_served_rank": rank.get(name), "service": label, "colour": colour})
    frame = pd.DataFrame(rows)
    frame["least_served_rank"] = pd.array(frame["least_served_rank"], dtype="Int64")
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(details.area_shapes, crs="EPSG:4326"),
                            crs="EPSG:4326")
