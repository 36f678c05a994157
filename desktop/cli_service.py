"""``quartier service``: the level of service of the transport lines, no display.

Wired into :mod:`desktop.cli` by ``add_commands`` and ``run``; neither imports Qt.
Errors are one plain sentence, exit 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from layers.errors import QuartierError
from layers.i18n import ntr, tr

EXIT_USER_ERROR = 2
COMMANDS = ("service",)


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add ``service`` to the ``quartier`` sub-commands."""
    service = commands.add_parser(
        "service", help=tr("level of service of the transport lines: vehicles per hour, buildings "
                           "within a walk of a stop, least-served areas"),
        description=tr("For each transport line, its vehicles per hour in each time band and its "
                       "span of service; for each area (or the whole project), the share of "
                       "buildings within a walk along the streets of a stop, and of a frequent "
                       "stop (a vehicle at least every 10 minutes, all lines stopping there "
                       "together), least served first. With --hazard, the lines crossing an "
                       "affected zone and their stops cut off. The results are saved in the "
                       "project as the layers transport_service_buildings, transport_service_stops "
                       "and, with --by, transport_service_areas (replacing earlier ones)."))
    service.add_argument("project", type=Path)
    service.add_argument("--by", metavar="AREA_LAYER",
                         help=tr("break the buildings down by the polygons of this layer, or "
                                 "'grid' (500 m cells) or 'grid:METRES'"))
    service.add_argument("--by-field", metavar="FIELD",
                         help=tr("with --by: the attribute naming each area (default: name)"))
    service.add_argument("--hazard", metavar="HAZARD",
                         help=tr("a hazard layer: the lines crossing its affected zones and their "
                                 "stops inside them"))
    service.add_argument("--walk", type=float, default=400.0, metavar="METRES",
                         help=tr("walk to a stop along the streets (default: 400)"))
    service.add_argument("--frequent", type=float, default=10.0, metavar="MINUTES",
                         help=tr("longest wait at a frequent stop (default: 10)"))
    service.add_argument("--band", metavar="HH-HH",
                         help=tr("the time band a stop's frequency is judged in, e.g. 16-19, or "
                                 "'busiest' (default: 06-09, or the busiest when no line runs "
                                 "then)"))
    service.add_argument("--no-layers", action="store_true",
                         help=tr("print the figures only, save no layer in the project"))
    service.add_argument("--json", action="store_true", help=tr("print one JSON object"))


def run(args: argparse.Namespace) -> int:
    """Run ``service``; returns the exit code (2 with one sentence on error)."""
    from mapping.analysis.service_level import service_level, write_service_layers
    from mapping.project import Project

    try:
        project = Project(args.project)
        report = service_level(project, by=args.by, by_field=args.by_field,
                               hazard=args.hazard, walk_m=args.walk,
                               frequent_headway_min=args.frequent, band=args.band)
        written = [] if args.no_layers else write_service_layers(project, report)
    except QuartierError as error:
        print(f"quartier: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    try:
        if args.json:
            print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        else:
            print(service_text(report.to_json()), end="")
        if written:
            print(tr("Saved in the layers {layers}.", layers=", ".join(written)),
                  file=sys.stderr if args.json else sys.stdout)
    except BrokenPipeError:  # the reader stopped early (| head): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _table(headers: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(h), *(len(r[k]) for r in rows)) if rows else len(h)
              for k, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if k in right else c.ljust(w)
                         for k, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    return [line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def _share(value: float) -> str:
    return f"{value:.0%}"


def service_text(data: dict[str, Any]) -> str:
    """The plain-text tables ``quartier service`` prints, from its JSON."""
    totals = data["totals"]
    walk = f"{data['walk_m']:g} m"
    wait = f"{data['frequent_headway_min']:g} min"
    out = [ntr("{n} transport line, {stops} stops at {places} places; {frequent} places have "
               "a vehicle at least every {wait} in {band}.",
               "{n} transport lines, {stops} stops at {places} places; {frequent} places have "
               "a vehicle at least every {wait} in {band}.", totals["lines"],
               stops=totals["stops"], places=totals["stop_places"],
               frequent=totals["frequent_places"], wait=wait, band=data["band"]),
           ntr("{n} building: {within} ({share}) within a {walk} walk of a stop, {frequent} "
               "({frequent_share}) of a frequent stop.",
               "{n} buildings: {within} ({share}) within a {walk} walk of a stop, {frequent} "
               "({frequent_share}) of a frequent stop.", totals["buildings"],
               within=totals["within_walk"], share=_share(totals["share_within"]), walk=walk,
               frequent=totals["within_walk_frequent"],
               frequent_share=_share(totals["share_frequent"])), ""]
    bands = data["bands"]
    # Translators: column headings of 'quartier service'.
    headers = [tr("Line"), tr("Name"), *bands, tr("Span"), tr("Length"), tr("Stops")]
    hazard = data["hazard"]
    if hazard:
        headers += [tr("Crosses {hazard}", hazard=hazard), tr("Stops cut off")]
    rows = []
    for line in data["lines"]:
        vph = line["vehicles_per_hour"]
        span = "-".join(line["span"]) if line["span"] else tr("no wait tagged")
        row = [line["ref"] or "-", line["name"] or "-",
               *(f"{vph[b]:g}" if b in vph else "-" for b in bands), span,
               f"{line['length_m'] / 1000:.1f} km", str(line["stops"])]
        if hazard:
            row += [tr("yes") if line["crosses_hazard"] else tr("no"),
                    ", ".join(line["stops_cut_off"]) or "-"]
        rows.append(row)
    out.append(tr("Vehicles per hour (one direction) by time band:"))
    out += _table(headers, rows, set(range(2, 2 + len(bands))) | {3 + len(bands),
                                                                 4 + len(bands)})
    if data["areas"]:
        out += ["", tr("By area ({areas}), least served first:", areas=data["by"])]
        rows = [[area["name"], str(area["buildings"]),
                 f"{area['within_walk_frequent']} ({_share(area['share_frequent'])})",
                 f"{area['within_walk']} ({_share(area['share_within'])})"]
                for area in data["areas"]]
        out += _table([tr("Area"), tr("Buildings"),
                       tr("Frequent stop within {walk}", walk=walk),
                       tr("Stop within {walk}", walk=walk)], rows, {1, 2, 3})
        if data["least_served"]:
            out.append(tr("Least served: {areas}.", areas=", ".join(data["least_served"])))
    out += ["", tr("Assumptions:"), *(f"- {note}" for note in data["assumptions"])]
    return "\n".join(out) + "\n"
