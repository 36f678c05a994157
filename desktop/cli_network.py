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

EXIT_USER_ERROR = 2
COMMANDS = ("evacuate", "access")


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add ``evacuate`` and ``access`` to the ``quartier`` sub-commands."""
    evacuate = commands.add_parser(
        "evacuate", help="route every building to the nearest safe shelter, around a hazard",
        description="Route every building along the streets to the nearest shelter or "
        "evacuation centre, leaving out every street that touches a zone of the hazard to "
        "avoid (by default the hazard layer's own affected classes). The routes are saved "
        "in the project as the layer evacuation_routes, the buildings with no safe route "
        "as evacuation_no_safe_route (with the reason), and the ground within 5, 10 and 15 "
        "minutes' walk of each shelter as evacuation_service_areas (replacing earlier "
        "ones). Each shelter's load "
        "is counted in people when the buildings have a population attribute or "
        "--population names a layer of areas with one, else in buildings.",
    )
    evacuate.add_argument("project", type=Path)
    evacuate.add_argument("--hazard", required=True, metavar="HAZARD",
                          help="the hazard layer to avoid")
    evacuate.add_argument("--avoid", metavar="CLASS,...",
                          help="the hazard layer's classes to keep out of, by name, "
                          "e.g. medium,high (default: the classes the layer marks "
                          "affected; see 'quartier hazard classify')")
    evacuate.add_argument("--to", dest="to_layer", metavar="LAYER",
                          help="route to this layer's features (default: the shelters in "
                          "facilities and pois)")
    evacuate.add_argument("--walk-speed", type=float, default=None, metavar="M_PER_S",
                          help="walking speed in metres per second (default: 1.2)")
    evacuate.add_argument("--population", metavar="LAYER",
                          help="a layer of areas (a census) with a population field: its "
                          "people are shared equally among the buildings in each area")
    evacuate.add_argument("--population-field", metavar="FIELD",
                          help="with --population: the field holding people (default: "
                          "population, pop, people or jiwa)")
    evacuate.add_argument("--no-service-areas", action="store_true",
                          help="skip the 5, 10 and 15 minutes' walk areas (they take most "
                          "of the time on a city; an earlier evacuation_service_areas "
                          "layer is left as it was)")
    evacuate.add_argument("--report", type=Path, metavar="OUT.html|OUT.pdf",
                          help="write a report: the question, the figures, each shelter's "
                          "load, the buildings with no safe route, the assumptions")
    evacuate.add_argument("--json", action="store_true", help="print JSON instead of text")

    access = commands.add_parser(
        "access", help="distance along the streets from every building to a kind of facility",
        description="Measure the walking distance along the streets from every building to "
        "the nearest facility of a kind (water, clinic, hospital, school, toilet, market...), "
        "mapped by residents or in OpenStreetMap, and count the buildings within each "
        "distance. Each building's distance is saved in the project as the layer "
        "access_KIND, coloured by band, the worst served ranked (replacing an earlier one).",
    )
    access.add_argument("project", type=Path)
    access.add_argument("--to", dest="kind", required=True, metavar="FACILITY_KIND",
                        help="water, clinic, hospital, pharmacy, school, kindergarten, "
                        "toilet, market, police, fire_station, worship, community_centre, "
                        "shelter")
    access.add_argument("--within", metavar="METRES,...",
                        help="distance bands in metres (default: 250,500,1000)")
    access.add_argument("--by", metavar="AREA_LAYER", help="also count per area of this "
                        "polygon layer")
    access.add_argument("--by-field", metavar="FIELD", help="with --by: the field naming "
                        "each area (default: name)")
    access.add_argument("--json", action="store_true", help="print JSON instead of text")


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
            raise ValidationError(f"{report.name}: the report is written as a web page "
                                  "(.html) or a PDF (.pdf); nothing was written.")
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
        print(f"Wrote {report}.", file=sys.stderr)
    if args.json:
        print(json.dumps(summary, indent=2, ensure_ascii=False))
        return 0
    walk = summary["walk_s"]
    print(f"{summary['routed']} of {summary['buildings']} buildings have a safe route "
          f"avoiding {args.hazard}; {summary['no_safe_route']} have none.")
    if walk["median"] is not None:
        print(f"Walking time: median {walk['median'] / 60:.1f} min, 90% within "
              f"{walk['p90'] / 60:.1f} min, longest {walk['max'] / 60:.1f} min.")
    people = summary["load"] == "people"
    for place in summary["destinations"]:
        line = f"  {place['name'] or place['uuid']:<40}{place['assigned']:>7} buildings"
        if people:
            line += f", {place['assigned_people']} people"
        capacity = place["capacity"]
        if capacity is not None:
            line += f" (room for {capacity} people)"
            if people and place["assigned_people"] > capacity:
                line += (f": OVER CAPACITY by {place['assigned_people'] - capacity} "
                         "people")
        bands = place["service_areas"]
        line += "; within " + ", ".join(f"{minutes} min: {band['buildings']}"
                                        for minutes, band in bands.items())
        print(line)
    if people:
        where = ("the buildings' population attribute" if result.people_source == "buildings"
                 else f"the layer {result.people_source}")
        print(f"People counted from {where}.")
    else:
        print("Loads are in buildings: how many people live in them is not known (give "
              "--population LAYER, a layer of areas with a population field, to compare "
              "loads with capacities).")
    missing = result.no_safe_route.tolist()
    if missing:
        shown = ", ".join(str(fid) for fid in missing[:20])
        more = f" and {len(missing) - 20} more" if len(missing) > 20 else ""
        print(f"Buildings with no safe route (fid): {shown}{more}; saved with the reason in "
              "the layer evacuation_no_safe_route.")
    if args.no_service_areas:
        print("Routes saved in the layer evacuation_routes (service areas skipped).")
    else:
        print("Routes saved in the layer evacuation_routes, 5, 10 and 15 minutes' walk "
              "around each shelter in evacuation_service_areas.")
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
    print(f"{total} buildings; nearest {summary['kind']} facility along the streets:")
    for band, count in summary["within"].items():
        print(f"  within {band:>6} m: {count:>7} ({count / total:.0%})")
    print(f"  unreachable:     {summary['unreachable']:>7}")
    distance = summary["distance_m"]
    if distance["median"] is not None:
        print(f"Distance: median {distance['median']:.0f} m, 90% within {distance['p90']:.0f} m, "
              f"farthest {distance['max']:.0f} m.")
    for area, part in summary.get("by_area", {}).items():
        bands = ", ".join(f"{count} within {band} m" for band, count in part["within"].items())
        print(f"  {area}: {part['buildings']} buildings, {bands}, "
              f"{part['unreachable']} unreachable")
    worst = result.worst_served().tolist()
    print(f"Worst served (fid, farthest first): {', '.join(str(fid) for fid in worst)}.")
    print(f"Distances saved in the layer {layer}, coloured from green (near) to dark red "
          "(unreachable).")
    return 0
