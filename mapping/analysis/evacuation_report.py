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

from layers.i18n import ntr, tr
from mapping.analysis.report import (
    _e,
    _number,
    data_dates,
    data_table_start,
    h2,
    header_row,
    html_start,
    layer_sources,
    number,
    project_line,
    write_page,
)
from mapping.project import Project

#: At most this many buildings with no safe route are listed one by one; all of them
#: are in the layer ``evacuation_no_safe_route``.
LISTED = 2000


def _minutes(seconds: float | None) -> str:
    return "–" if seconds is None else tr("{minutes} min", minutes=number(seconds / 60, 1))


def report_title(hazard: str) -> str:
    """The report's title in the current language."""
    return tr("Evacuation from {hazard}", hazard=hazard)


def evacuation_html(project: Project, result: Any, summary: dict) -> str:
    """The report as one self-contained HTML page, in the current language
    (:func:`layers.i18n.language`, also its ``lang`` attribute)."""
    from mapping.analysis.evacuation import NO_ROUTE_LAYER, NO_ROUTE_REASONS, ROUTES_LAYER
    from mapping.analysis.network import MAX_SNAP_M
    from mapping.render.words import class_label

    meta = project.metadata
    titles = {name: title for name, title, _source, _added in
              layer_sources(project, [result.hazard])}
    hazard = tr(titles.get(result.hazard) or result.hazard)
    avoided = ", ".join(class_label(name) for name in result.avoided) or tr("none")
    heading = report_title(hazard)
    speed = tr("{speed} m/s", speed=number(result.walk_speed, 1)
               if not float(result.walk_speed).is_integer() else number(result.walk_speed))
    parts = [html_start(heading), f"<h1>{_e(heading)}</h1>",
             project_line(project),
             h2(tr("The question asked")) + "<p>" + _e(tr(
                 "From every building, which is the nearest shelter or evacuation centre "
                 "that can be reached on foot along the streets without touching the "
                 "{classes} zones of {hazard}, and how long is the walk?", classes=avoided,
                 hazard=hazard)) + "</p><table>"]
    for label, value in ((tr("Hazard layer"), f"{hazard} ({result.hazard})"),
                         (tr("Zones kept out of"), avoided),
                         (tr("Walking speed"), speed),
                         (tr("Buildings"), _number(summary["buildings"])),
                         (tr("Places to walk to"), _number(len(result.destinations)))):
        parts.append(f"<tr><th>{_e(label)}</th><td>{_e(value)}</td></tr>")
    parts.append("</table>")

    walk = summary["walk_s"]
    routed, missing_count = int(summary["routed"]), int(summary["no_safe_route"])
    parts.append(h2(tr("Figures")) + "<p>" + _e(ntr(
        "{count} building has a safe route.", "{count} buildings have a safe route.", routed,
        count=_number(routed))) + " " + _e(ntr(
            "{count} building has no safe route.", "{count} buildings have no safe route.",
            missing_count, count=_number(missing_count))) + "</p><table>")
    for label, value in ((tr("Buildings with a safe route"), _number(routed)),
                         (tr("Buildings with no safe route"), _number(missing_count)),
                         (tr("Walk, median"), _minutes(walk["median"])),
                         (tr("Walk, 90% of routed buildings within"), _minutes(walk["p90"])),
                         (tr("Walk, longest"), _minutes(walk["max"]))):
        parts.append(f"<tr><th>{_e(label)}</th><td class='n'>{_e(value)}</td></tr>")
    parts.append("</table>")

    people = summary["load"] == "people"
    bands = list(summary["destinations"][0]["service_areas"]) if summary["destinations"] \
        else []
    columns = [tr("Place"), tr("Buildings"), *([tr("People")] if people else []),
               tr("Room for"), *(tr("{minutes} min", minutes=b) for b in bands)]
    parts.append(h2(tr("Shelters and evacuation centres")) + "<table width='100%'>"
                 + header_row(*columns))
    for place in summary["destinations"]:
        capacity = place["capacity"]
        over = people and capacity is not None and place["assigned_people"] > capacity
        cells = [_e(place["name"] or place["uuid"]), _number(place["assigned"])]
        if people:
            cells.append(_number(place["assigned_people"]))
        cells.append(_e(tr("not given")) if capacity is None else _number(capacity))
        cells += [_number(place["service_areas"][b]["buildings"]) for b in bands]
        row = "".join(f"<td{'' if i == 0 else ' class=n'}>{c}</td>"
                      for i, c in enumerate(cells))
        parts.append(f"<tr class='{'affected' if over else ''}'>{row}</tr>")
    parts.append("</table><p class='small'>" + _e(tr(
        "Buildings (and people) routed to each place; room for: its capacity in people; "
        "5, 10, 15 min: the buildings whose walk there takes at most that long.")) + "</p>")
    if people:
        parts.append("<p class='small'>" + _e(tr(
            "Rows marked in red receive more people than they have room for.")) + "</p>")
    else:
        parts.append("<p class='small'>" + _e(tr(
            "How many people live in the buildings is not known: the load is counted in "
            "buildings (give a census layer with --population).")) + "</p>")

    missing = np.flatnonzero(~result.routed)
    parts.append("<h2>" + _e(tr("Buildings with no safe route ({count})",
                                count=_number(len(missing)))) + "</h2>")
    if not len(missing):
        parts.append("<p>" + _e(tr("Every building has a safe route.")) + "</p>")
    else:
        reasons = result.no_route_reasons()
        counted = {key: reasons.count(key) for key in NO_ROUTE_REASONS if key in reasons}
        parts.append("<table>" + header_row(tr("Why"), tr("Buildings")))
        for key, count in counted.items():
            why = tr(NO_ROUTE_REASONS[key][0])
            parts.append(f"<tr><td>{_e(why)}</td>"
                         f"<td class='n'>{_number(count)}</td></tr>")
        parts.append("</table><table width='100%'>"
                     + header_row(tr("Building (fid)"), tr("Longitude"), tr("Latitude"),
                                  tr("Why")))
        reason_words = {key: tr(words) for key, (words, _colour) in NO_ROUTE_REASONS.items()}
        for index, key in list(zip(missing, reasons, strict=True))[:LISTED]:
            lon, lat = result.buildings.lonlat[index]
            parts.append(f"<tr><td class='n'>{int(result.buildings.fids[index])}</td>"
                         f"<td class='n'>{lon:.6f}</td><td class='n'>{lat:.6f}</td>"
                         f"<td>{_e(reason_words[key])}</td></tr>")
        parts.append("</table>")
        if len(missing) > LISTED:
            more = len(missing) - LISTED
            parts.append("<p>" + _e(ntr("… and {count} more.", "… and {count} more.", more,
                                        count=_number(more))) + "</p>")
        parts.append("<p class='small'>" + _e(tr(
            "All of them are in the project layer {layer} (drawn on the map, exported like "
            "any layer); the position is the building's centre.", layer=NO_ROUTE_LAYER))
            + "</p>")

    parts.append(h2(tr("Assumptions")) + "<ul>")
    for sentence in (
            tr("People walk along the streets and paths of the project's OpenStreetMap "
               "data."),
            tr("A street segment that touches a zone of the classes {classes} of {hazard} is "
               "left out; a raster hazard's cells count whole.", classes=avoided,
               hazard=hazard),
            tr("Each building starts from the nearest usable street within {distance:g} m "
               "of its centre, if the straight way there does not cross a zone kept out of.",
               distance=MAX_SNAP_M),
            tr("Each building is sent to the nearest place by walking distance, whatever its "
               "room; the load shows where that is too much."),
            tr("Places to walk to are the shelters and evacuation centres mapped in "
               "facilities (and OpenStreetMap's) whose hazard is this one or not given, and "
               "that stand outside the zones kept out of."),
            tr("Walking time is the route's length at {speed}.", speed=speed),
            tr("The routes are saved as the project layer {layer}.", layer=ROUTES_LAYER)):
        parts.append(f"<li>{_e(sentence)}</li>")
    parts.append("</ul>" + data_table_start())
    layers = [result.hazard, *dict.fromkeys(place.layer for place in result.destinations)]
    for name, title, source, added in layer_sources(project, layers):
        shown_title = tr(title) if title.strip() else title
        parts.append(f"<tr><td>{_e(name)}</td><td>{_e(shown_title)}</td>"
                     f"<td>{_e(Path(source).name if '/' in source else source)}</td>"
                     f"<td>{_e(added[:10])}</td></tr>")
    parts.append("</table>")
    parts.append(f"<p class='small'>{_e(data_dates(meta, created=False))}</p></body></html>")
    return "\n".join(parts)


def write_evacuation_report(target: Path, project: Project, result: Any,
                            summary: dict) -> Path:
    """Write the report as ``target`` (.html or .pdf), atomically, in the current
    language (wrap the call in :func:`layers.i18n.using` for another)."""
    return write_page(target, evacuation_html(project, result, summary),
                      report_title(result.hazard))
