"""The evacuation report: the question, the routes' figures, each shelter's load, and
the list of buildings with no safe route, with the assumptions.

Same form as the exposure report (:mod:`mapping.analysis.report`): one
self-contained HTML page, or a PDF of it made by Qt's ``QTextDocument``; written
atomically. The figures are those of ``quartier evacuate --json``
(:meth:`~mapping.analysis.evacuation.EvacuationResult.summary`), so the report and
the JSON always agree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from mapping.analysis.report import _CSS, _e, _number, layer_sources, write_page
from mapping.project import Project

#: At most this many buildings with no safe route are listed one by one; all of them
#: are in the layer ``evacuation_no_safe_route``.
LISTED = 2000


def _minutes(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds / 60:.1f} min"


def evacuation_html(project: Project, result: Any, summary: dict) -> str:
    """The report as one self-contained HTML page."""
    from mapping.analysis.evacuation import NO_ROUTE_LAYER, NO_ROUTE_REASONS, ROUTES_LAYER
    from mapping.analysis.network import MAX_SNAP_M

    meta = project.metadata
    titles = {name: title for name, title, _source, _added in
              layer_sources(project, [result.hazard])}
    hazard = titles.get(result.hazard) or result.hazard
    avoided = ", ".join(result.avoided) or "none"
    heading = f"Evacuation from {hazard}"
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{_e(heading)}</title>"
             f"<style>{_CSS}</style></head><body><h1>{_e(heading)}</h1>",
             f"<p>Project: <b>{_e(meta.name)}</b> ({_e(project.path.name)})</p>",
             "<h2>The question asked</h2><p>From every building, which is the nearest "
             "shelter or evacuation centre that can be reached on foot along the streets "
             f"without touching the {_e(avoided)} zones of {_e(hazard)}, and how long is "
             "the walk?</p><table>"]
    for label, value in (("Hazard layer", f"{hazard} ({result.hazard})"),
                         ("Zones kept out of", avoided),
                         ("Walking speed", f"{result.walk_speed:g} m/s"),
                         ("Buildings", _number(summary["buildings"])),
                         ("Places to walk to", _number(len(result.destinations)))):
        parts.append(f"<tr><th>{label}</th><td>{_e(value)}</td></tr>")
    parts.append("</table>")

    walk = summary["walk_s"]
    parts.append("<h2>Figures</h2><table>")
    for label, value in (("Buildings with a safe route", _number(summary["routed"])),
                         ("Buildings with no safe route", _number(summary["no_safe_route"])),
                         ("Walk, median", _minutes(walk["median"])),
                         ("Walk, 90% of routed buildings within", _minutes(walk["p90"])),
                         ("Walk, longest", _minutes(walk["max"]))):
        parts.append(f"<tr><th>{label}</th><td class='n'>{_e(value)}</td></tr>")
    parts.append("</table>")

    people = summary["load"] == "people"
    bands = list(summary["destinations"][0]["service_areas"]) if summary["destinations"] \
        else []
    parts.append("<h2>Shelters and evacuation centres</h2><table width='100%'><tr>"
                 "<th>Place</th><th>Buildings</th>"
                 + ("<th>People</th>" if people else "")
                 + "<th>Room for</th>"
                 + "".join(f"<th>{b} min</th>" for b in bands) + "</tr>")
    for place in summary["destinations"]:
        capacity = place["capacity"]
        over = people and capacity is not None and place["assigned_people"] > capacity
        cells = [_e(place["name"] or place["uuid"]), _number(place["assigned"])]
        if people:
            cells.append(_number(place["assigned_people"]))
        cells.append("not given" if capacity is None else _number(capacity))
        cells += [_number(place["service_areas"][b]["buildings"]) for b in bands]
        row = "".join(f"<td{'' if i == 0 else ' class=n'}>{c}</td>"
                      for i, c in enumerate(cells))
        parts.append(f"<tr class='{'affected' if over else ''}'>{row}</tr>")
    parts.append("</table><p class='small'>Buildings (and people) routed to each place; "
                 "room for: its capacity in people; 5, 10, 15 min: the buildings whose walk "
                 "there takes at most that long.</p>")
    if people:
        parts.append("<p class='small'>Rows marked in red receive more people than they "
                     "have room for.</p>")
    else:
        parts.append("<p class='small'>How many people live in the buildings is not known: "
                     "the load is counted in buildings (give a census layer with "
                     "--population).</p>")

    missing = np.flatnonzero(~result.routed)
    parts.append(f"<h2>Buildings with no safe route ({_number(len(missing))})</h2>")
    if not len(missing):
        parts.append("<p>Every building has a safe route.</p>")
    else:
        reasons = result.no_route_reasons()
        counted = {key: reasons.count(key) for key in NO_ROUTE_REASONS if key in reasons}
        parts.append("<table><tr><th>Why</th><th>Buildings</th></tr>")
        for key, count in counted.items():
            parts.append(f"<tr><td>{_e(NO_ROUTE_REASONS[key][0])}</td>"
                         f"<td class='n'>{_number(count)}</td></tr>")
        parts.append("</table><table width='100%'><tr><th>Building (fid)</th><th>Longitude</th>"
                     "<th>Latitude</th><th>Why</th></tr>")
        for index, key in list(zip(missing, reasons, strict=True))[:LISTED]:
            lon, lat = result.buildings.lonlat[index]
            parts.append(f"<tr><td class='n'>{int(result.buildings.fids[index])}</td>"
                         f"<td class='n'>{lon:.6f}</td><td class='n'>{lat:.6f}</td>"
                         f"<td>{_e(NO_ROUTE_REASONS[key][0])}</td></tr>")
        parts.append("</table>")
        if len(missing) > LISTED:
            parts.append(f"<p>… and {_number(len(missing) - LISTED)} more.</p>")
        parts.append(f"<p class='small'>All of them are in the project layer {NO_ROUTE_LAYER} "
                     "(drawn on the map, exported like any layer); the position is the "
                     "building's centre.</p>")

    parts.append("<h2>Assumptions</h2><ul>")
    for sentence in (
            "People walk along the streets and paths of the project's OpenStreetMap data.",
            f"A street segment that touches a zone of the classes {avoided} of {hazard} is "
            "left out; a raster hazard's cells count whole.",
            f"Each building starts from the nearest usable street within {MAX_SNAP_M:g} m "
            "of its centre, if the straight way there does not cross a zone kept out of.",
            "Each building is sent to the nearest place by walking distance, whatever its "
            "room; the load shows where that is too much.",
            "Places to walk to are the shelters and evacuation centres mapped in "
            "facilities (and OpenStreetMap's) whose hazard is this one or not given, and "
            "that stand outside the zones kept out of.",
            f"Walking time is the route's length at {result.walk_speed:g} m/s.",
            f"The routes are saved as the project layer {ROUTES_LAYER}."):
        parts.append(f"<li>{_e(sentence)}</li>")
    parts.append("</ul><h2>Data</h2><table><tr><th>Layer</th><th>Title</th><th>Source</th>"
                 "<th>Imported</th></tr>")
    layers = [result.hazard, *dict.fromkeys(place.layer for place in result.destinations)]
    for name, title, source, added in layer_sources(project, layers):
        parts.append(f"<tr><td>{_e(name)}</td><td>{_e(title)}</td>"
                     f"<td>{_e(Path(source).name if '/' in source else source)}</td>"
                     f"<td>{_e(added[:10])}</td></tr>")
    parts.append("</table>")
    dates = [f"OpenStreetMap data of {meta.osm_data_date}" if meta.osm_data_date else
             "OpenStreetMap data date unknown"]
    parts.append(f"<p class='small'>{_e('; '.join(dates))}. {_e(meta.attribution)}</p>"
                 "</body></html>")
    return "\n".join(parts)


def write_evacuation_report(target: Path, project: Project, result: Any,
                            summary: dict) -> Path:
    """Write the report as ``target`` (.html or .pdf), atomically."""
    return write_page(target, evacuation_html(project, result, summary),
                      f"Evacuation from {result.hazard}")
