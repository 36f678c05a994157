"""``quartier analyse``: who and what is exposed to a hazard, from the command line.

No Qt is imported here (the PDF report loads QtGui itself). Nothing is written to the
project unless ``--save`` is given. See :mod:`mapping.analysis.exposure` for the
counting rules and the JSON object, :mod:`mapping.analysis.needs` for displaced
people and minimum needs, :mod:`mapping.analysis.report` for the report.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from layers.errors import QuartierError, ValidationError
from layers.i18n import N_, tr

EXIT_USER_ERROR = 2


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add the ``analyse`` sub-command to the ``quartier`` parser."""
    analyse = commands.add_parser(
        "analyse", help=tr("count what a hazard exposes: buildings, roads, land, people"),
        description=tr("Exposure of a layer to a hazard layer: buildings and points take the "
                       "highest hazard class they touch and are counted once; roads and land use "
                       "are split at zone and area boundaries and measured (metres, hectares, on "
                       "the ellipsoid); people are split by area or counted per raster cell. "
                       "Nothing is written unless --save is given."),
    )
    analyse.add_argument("project", type=Path)
    analyse.add_argument("--hazard", required=True, metavar="HAZARD",
                         help=tr("a hazard layer of the project (raster or vector)"))
    what = analyse.add_mutually_exclusive_group(required=True)
    what.add_argument("--exposure", metavar="LAYER",
                      help=tr("a vector layer of the project (buildings, roads, pois, landuse, a "
                              "reference layer...)"))
    what.add_argument("--population", type=Path, metavar="FILE",
                      help=tr("a population raster (people per cell, GeoTIFF or ESRI ASCII grid) "
                              "instead of a layer"))
    analyse.add_argument("--by", metavar="AREA_LAYER",
                         help=tr("break the figures down by these areas (polygons); only what lies "
                                 "in them counts"))
    analyse.add_argument("--by-field", metavar="FIELD",
                         help=tr("the attribute naming each area (default: name)"))
    analyse.add_argument("--type-field", metavar="FIELD",
                         help=tr("attribute (or OSM tag) giving each feature's type (default: the "
                                 "OSM tags building, amenity...)"))
    how = analyse.add_mutually_exclusive_group()
    how.add_argument("--scheme", choices=["generic", "flood_wet_dry", "flood4", "tsunami"],
                     help=tr("ready-made hazard classes (default: the layer's own "
                             "low/medium/high)"))
    how.add_argument("--classes", metavar="NAME:MIN:MAX:AFFECTED,...",
                     help=tr("your own classes, e.g. \"dry:0:0.1:no,low:0.1:1:yes,high:1::yes\" (a "
                             "value on a boundary goes to the lower class)"))
    analyse.add_argument("--measure", choices=["count", "length_m", "area_ha", "people"],
                         help=tr("what to measure (default: from the geometry)"))
    analyse.add_argument("--population-field", metavar="FIELD",
                         help=tr("polygon layer: the attribute holding people (default: "
                                 "population)"))
    analyse.add_argument("--json", action="store_true", help=tr("print JSON instead of a table"))
    analyse.add_argument("--save", action="store_true",
                         help=tr("write the result into the project as the layer "
                                 "exposure_<hazard>_<exposure> (replacing an earlier one)"))
    analyse.add_argument("--report", type=Path, metavar="OUT.html|OUT.pdf",
                         help=tr("write a report: the question, the figures, the needs, the "
                                 "assumptions"))
    analyse.add_argument("--displacement", metavar="CLASS=RATE,...",
                         help=tr("share of the people of a class who are displaced, e.g. "
                                 "high=1.0,medium=0.5 (default: InaSAFE's rates, see "
                                 "resources/needs/displacement.json)"))
    analyse.add_argument("--needs", metavar="PROFILE",
                         help=tr("minimum needs profile: bnpb (the default, InaSAFE's), sphere, "
                                 "tanzania, philippines, mozambique, st_lucia, or a .json file"))


def run(args: argparse.Namespace) -> int:
    """Run ``quartier analyse``; returns the exit code (2 with one sentence on bad input)."""
    try:
        return _run(args)
    except QuartierError as error:
        print(f"quartier: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:  # the reader stopped early (| head): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _run(args: argparse.Namespace) -> int:
    from mapping.analysis import schemes
    from mapping.analysis.exposure import analyse
    from mapping.project import Project

    project = Project(args.project)
    scheme = None
    if args.scheme:
        scheme = schemes.scheme_named(args.scheme)
    elif args.classes:
        scheme = schemes.parse_classes(args.classes)
    from mapping.analysis import needs as needs_module

    report = args.report
    if report is not None:
        from mapping.export.safe_write import check_target

        if report.suffix.lower() not in (".html", ".htm", ".pdf"):
            raise ValidationError(tr("{name}: the report is written as a web page (.html) "
                                     "or a PDF (.pdf); nothing was written.", name=report.name))
        check_target(report)
    profile = needs_module.load_profile(args.needs) if args.needs else None
    result = analyse(project, args.hazard, args.exposure, by=args.by, by_field=args.by_field,
                     type_field=args.type_field, scheme=scheme, measure=args.measure,
                     population=args.population, population_field=args.population_field)
    rates = needs_module.parse_displacement(args.displacement, result.scheme)
    needs = None
    note = None
    if result.measure == "people":
        needs = needs_module.minimum_needs(result.classes, result.scheme, result.measure,
                                           rates, profile)
    elif args.displacement or args.needs:
        needs_module.require_people(result.measure)
    else:
        note = tr(_NOT_PEOPLE[result.measure])
    data = result.to_json()
    if needs is not None:
        data["displaced"] = needs.displaced
        data["needs"] = needs.needs
    # Everything that can be refused is refused before anything is written.
    frame = None
    if args.save:
        from mapping.analysis._result_layers import exposure_frame

        frame = exposure_frame(result)
    if report is not None:
        from mapping.analysis.report import write_report

        write_report(report, project, result, data, needs, area_layer=args.by, note=note)
        print(tr("Wrote {path}.", path=report), file=sys.stderr)
    if frame is not None:
        from mapping.analysis._result_layers import save_exposure_layer

        saved = save_exposure_layer(project, result, frame)
        print(tr("Saved the layer {layer} in {project}.", layer=saved,
                 project=project.path.name), file=sys.stderr)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print_table(data, [c.name for c in result.scheme.classes if c.affected])
        if needs is not None:
            _print_needs(needs)
        elif note:
            print(f"\n  {note}")
    return 0


#: What is said instead of displaced people when the analysis does not count people.
_NOT_PEOPLE = {
    "count": N_("Displaced people and minimum needs require a population layer; this "
                "analysis counts buildings or points, not people."),
    "length_m": N_("Displaced people and minimum needs require a population layer; this "
                   "analysis measures lengths, not people."),
    "area_ha": N_("Displaced people and minimum needs require a population layer; this "
                  "analysis measures areas, not people."),
}
_PER = {"day": N_("a day"), "week": N_("a week"), "month": N_("a month"), "once": N_("once")}


def _print_needs(needs) -> None:  # noqa: ANN001 - mapping.analysis.needs.Needs
    print()
    label = tr("displaced people")
    print(f"  {label:<16}  {needs.displaced:>14,}")
    print("  " + tr("minimum needs ({profile}):", profile=needs.profile.name))
    for item, need in needs.needs.items():
        print(f"    {item:<24}  {need['amount']:>12,} {need['unit']:<8} "
              f"{tr(_PER[need['per']])}")


_UNITS = {"count": "", "length_m": " m", "area_ha": " ha", "people": N_(" people")}
_TOTALS = {"affected": N_("affected"), "not_affected": N_("not affected"),
           "exposed": N_("exposed"), "not_exposed": N_("not exposed"), "total": N_("total")}


def _print_table(data: dict, affected: list[str]) -> None:
    unit = tr(_UNITS[data["measure"]]) if _UNITS[data["measure"]] else ""
    print(tr("Exposure of {exposure} to {hazard} ({measure})", exposure=data["exposure"],
             hazard=data["hazard"], measure=data["measure"]))
    classes = list(data["classes"])
    totals_words = {key: tr(word) for key, word in _TOTALS.items()}
    width = max([len(c) for c in classes] + [len(w) for w in totals_words.values()] + [14])
    for name, value in data["classes"].items():
        mark = tr("(affected)") if name in affected else tr("(not affected)")
        print(f"  {name:<{width}}  {value:>14,}{unit}  {mark}")
    totals = data["totals"]
    for key, word in totals_words.items():
        print(f"  {word:<{width}}  {totals[key]:>14,}{unit}")
    if data["by_area"]:
        area_word = tr("area")
        first = max([len(a) for a in data["by_area"]] + [len(area_word)])
        print()
        print(f"  {area_word:<{first}}  " + "  ".join(f"{c:>12}" for c in classes)
              + f"  {totals_words['affected']:>12}")
        for area, values in data["by_area"].items():
            print(f"  {area:<{first}}  " + "  ".join(f"{values[c]:>12,}" for c in classes)
                  + f"  {values['affected']:>12,}")
