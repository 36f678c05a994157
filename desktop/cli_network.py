"""``quartier evacuate`` and ``quartier access``: routing on the street graph, no display.

Wired into :mod:`desktop.cli` by ``add_commands`` (the sub-parsers) and ``run`` (the
work); neither imports Qt. Errors are printed as one plain sentence, exit 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from layers.errors import QuartierError, ValidationError
from layers.i18n import ntr, tr

EXIT_USER_ERROR = 2
COMMANDS = ("evacuate", "access")


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add ``evacuate`` and ``access`` to the ``quartier`` sub-commands."""
    evacuate = commands.add_parser(
        "evacuate", help=tr("route every building to the nearest safe shelter, around a hazard"),
        description=tr("Route every building along the streets to the nearest shelter or "
                       "evacuation centre, leaving out every street that touches a zone of the "
                       "hazard to avoid (by default the hazard layer's own affected classes). The "
                       "routes are saved in the project as the layer evacuation_routes, the "
                       "buildings with no safe route as evacuation_no_safe_route (with the "
                       "reason), and the ground within 5, 10 and 15 minutes' walk of each shelter "
                       "as evacuation_service_areas (replacing earlier ones). Each shelter's load "
                       "is counted in people when the buildings have a population attribute or "
                       "--population names a layer of areas with one, else in buildings."),
    )
    evacuate.add_argument("project", type=Path)
    evacuate.add_argument("--hazard", required=True, metavar="HAZARD",
                          help=tr("the hazard layer to avoid"))
    evacuate.add_argument("--avoid", metavar="CLASS,...",
                          help=tr("the hazard layer's classes to keep out of, by name, e.g. "
                                  "medium,high (default: the classes the layer marks affected; see "
                                  "'quartier hazard classify')"))
    evacuate.add_argument("--to", dest="to_layer", metavar="LAYER",
                          help=tr("route to this layer's features (default: the shelters in "
                                  "facilities and pois)"))
    evacuate.add_argument("--walk-speed", type=float, default=None, metavar="M_PER_S",
                          help=tr("walking speed in metres per second (default: 1.2)"))
    evacuate.add_argument("--population", metavar="LAYER",
                          help=tr("a layer of areas (a census) with a population field: its people "
                                  "are shared equally among the buildings in each area"))
    evacuate.add_argument("--population-field", metavar="FIELD",
                          help=tr("with --population: the field holding people (default: "
                                  "population, pop, people or jiwa)"))
    evacuate.add_argument("--no-service-areas", action="store_true",
                          help=tr("skip the 5, 10 and 15 minutes' walk areas (they take most of "
                                  "the time on a city; an earlier evacuation_service_areas layer "
                                  "is left as it was)"))
    evacuate.add_argument("--report", type=Path, metavar="OUT.html|OUT.pdf",
                          help=tr("write a report: the question, the figures, each shelter's load, "
                                  "the buildings with no safe route, the assumptions"))
    evacuate.add_argument("--json", action="store_true", help=tr("print JSON instead of text"))

    access = commands.add_parser(
        "access", help=tr("distance along the streets from every building to a kind of facility"),
        description=tr("Measure the walking distance along the streets from every building to the "
                       "nearest facility of a kind (water, clinic, hospital, school, toilet, "
                       "market...), mapped by residents or in OpenStreetMap, and count the "
                       "buildings within each distance. Each building's distance is saved in the "
                       "project as the layer access_KIND, coloured by band, the worst served "
                       "ranked (replacing an earlier one)."),
    )
    access.add_argument("project", type=Path)
    access.add_argument("--to", dest="kind", required=True, metavar="FACILITY_KIND",
                        help=tr("water, clinic, hospital, pharmacy, school, kindergarten, toilet, "
                                "market, police, fire_station, worship, community_centre, shelter"))
    access.add_argument("--within", metavar="METRES,...",
                        help=tr("distance bands in metres (default: 250,500,1000)"))
    access.add_argument("--by", metavar="AREA_LAYER",
                        help=tr("also count per area of this polygon layer"))
    access.add_argument("--by-field", metavar="FIELD",
                        help=tr("with --by: the field naming each area (default: name)"))
    access.add_argument("--json", action="store_true", help=tr("print JSON instead of text"))


def run(args: argparse.Namespace) -> int:
    """Run ``evacuate`` or ``access``; returns the exit code (2 with one sentence on error)."""
    try:
        if args.command == "evacuate":
            return _evacuate(args)
        return _access(args)
    except QuartierError as error:
        print(f"quartier: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:  # the reader stopped early (| head): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _evacuate(args: argparse.Namespace) -> int:
    from mapping.analysis.avoided_zones import parse_avoid
    from mapping.analysis.evacuation import (
        WALK_SPEED_M_S,
        evacuate,
        write_no_safe_route,
        write_routes,
        write_service_areas,
    )
    from mapping.project import Project

    project = Project(args.project)
    report = args.report
    if report is not None:  # refused before anything is computed or written
        from mapping.export.safe_write import check_target

        if report.suffix.lower() not in (".html", ".htm", ".pdf"):
            raise ValidationError(tr("{name}: the report is written as a web page (.html) "
                                     "or a PDF (.pdf); nothing was written.", name=report.name))
        check_target(report)
    speed = WALK_SPEED_M_S if args.walk_speed is None else args.walk_speed
    result = evacuate(project, args.hazard, parse_avoid(args.avoid), to=args.to_layer,
                      walk_speed=speed, population=args.population,
                      population_field=args.population_field)
    write_routes(project, result)
    write_no_safe_route(project, result)
    areas = None if args.no_service_areas else write_service_areas(project, result)
    summary = result.summary(areas)
    if report is not None:
        from mapping.analysis.evacuation_report import write_evacuation_report

        write_evacuation_report(report, project, result, summary)
        print(tr("Wrote {path}.", path=report), file=sys.stderr)
    if args.json:
        print(json.dumps(summary, indent=2, ensure_ascii=False))
        return 0
    walk = summary["walk_s"]
    print(ntr("{routed} of {n} building has a safe route avoiding {hazard}; {none} has none.",
              "{routed} of {n} buildings have a safe route avoiding {hazard}; {none} have none.",
              summary["buildings"], routed=summary["routed"], hazard=args.hazard,
              none=summary["no_safe_route"]))
    if walk["median"] is not None:
        print(tr("Walking time: median {median} min, 90% within {p90} min, longest {longest} "
                 "min.", median=f"{walk['median'] / 60:.1f}", p90=f"{walk['p90'] / 60:.1f}",
                 longest=f"{walk['max'] / 60:.1f}"))
    people = summary["load"] == "people"
    for place in summary["destinations"]:
        load = ntr("{n} building", "{n} buildings", place["assigned"])
        if people:
            load = ntr("{buildings}, {n} person", "{buildings}, {n} people",
                       place["assigned_people"], buildings=load)
        capacity = place["capacity"]
        if capacity is not None:
            if people and place["assigned_people"] > capacity:
                load = tr("{load} (room for {capacity} people): OVER CAPACITY by {over} "
                          "people", load=load, capacity=capacity,
                          over=place["assigned_people"] - capacity)
            else:
                load = tr("{load} (room for {capacity} people)", load=load, capacity=capacity)
        bands = ", ".join(tr("{minutes} min: {count}", minutes=minutes,
                             count=band["buildings"])
                          for minutes, band in place["service_areas"].items())
        if bands:
            load = tr("{load}; within {bands}", load=load, bands=bands)
        name = place["name"] or place["uuid"]
        print(f"  {name:<40}{'':>{max(0, 7 - len(str(place['assigned'])))}}{load}")
    if people:
        if result.people_source == "buildings":
            print(tr("People counted from the buildings' population attribute."))
        else:
            print(tr("People counted from the layer {layer}.", layer=result.people_source))
    else:
        print(tr("Loads are in buildings: how many people live in them is not known (give "
                 "--population LAYER, a layer of areas with a population field, to compare "
                 "loads with capacities)."))
    missing = result.no_safe_route.tolist()
    if missing:
        shown = ", ".join(str(fid) for fid in missing[:20])
        if len(missing) > 20:
            shown = tr("{listed} and {n} more", listed=shown, n=len(missing) - 20)
        print(tr("Buildings with no safe route (fid): {listed}; saved with the reason in the "
                 "layer evacuation_no_safe_route.", listed=shown))
    if args.no_service_areas:
        print(tr("Routes saved in the layer evacuation_routes (service areas skipped)."))
    else:
        print(tr("Routes saved in the layer evacuation_routes, 5, 10 and 15 minutes' walk "
                 "around each shelter in evacuation_service_areas."))
    return 0


def _access(args: argparse.Namespace) -> int:
    from mapping.analysis.access import access, parse_within, write_access_layer
    from mapping.project import Project

    project = Project(args.project)
    result = access(project, args.kind, parse_within(args.within), by=args.by,
                    by_field=args.by_field)
    layer = write_access_layer(project, result)
    summary = result.summary()
    if args.json:
        print(json.dumps(summary, indent=2, ensure_ascii=False))
        return 0
    total = summary["buildings"]
    print(ntr("{n} building; nearest {kind} facility along the streets:",
              "{n} buildings; nearest {kind} facility along the streets:", total,
              kind=summary["kind"]))
    rows = [(tr("within {distance} m:", distance=f"{band:>6}"), count)
            for band, count in summary["within"].items()]
    rows.append((tr("unreachable:"), summary["unreachable"]))
    width = max(len(label) for label, _count in rows) + 1
    for label, count in rows[:-1]:
        print(f"  {label:<{width}}{count:>7} ({count / total:.0%})")
    label, count = rows[-1]
    print(f"  {label:<{width}}{count:>7}")
    distance = summary["distance_m"]
    if distance["median"] is not None:
        print(tr("Distance: median {median} m, 90% within {p90} m, farthest {farthest} m.",
                 median=f"{distance['median']:.0f}", p90=f"{distance['p90']:.0f}",
                 farthest=f"{distance['max']:.0f}"))
    for area, part in summary.get("by_area", {}).items():
        bands = ", ".join(tr("{count} within {distance} m", count=count, distance=band)
                          for band, count in part["within"].items())
        print("  " + ntr("{area}: {n} building, {bands}, {unreachable} unreachable",
                         "{area}: {n} buildings, {bands}, {unreachable} unreachable",
                         part["buildings"], area=area, bands=bands,
                         unreachable=part["unreachable"]))
    worst = result.worst_served().tolist()
    print(tr("Worst served (fid, farthest first): {listed}.",
             listed=", ".join(str(fid) for fid in worst)))
    print(tr("Distances saved in the layer {layer}, coloured from green (near) to dark red "
             "(unreachable).", layer=layer))
    return 0
