"""``quartier import``: bring field data (ODK, Kobo, GPX, surveys, reports) or a GTFS feed
into a project.

Wired into :mod:`desktop.cli` by ``add_commands`` and ``run``; imports no Qt.
Every imported feature is a draft; rows the presets refuse are listed with their
reasons, the rest saved in one edit. Errors are one plain sentence, exit 2.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from layers.i18n import ntr, tr

EXIT_USER_ERROR = 2
COMMANDS = ("import",)
_LAYERS = ("facilities", "transport_lines", "risk_zones")


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add ``import`` to the commands."""
    command = commands.add_parser(
        "import", help=tr("import field data (ODK, Kobo, GPX, GeoJSON, reports) as drafts"),
        description=tr("Read an ODK Central or KoboToolbox export (CSV or GeoJSON), a GPX "
                       "(waypoints as facilities, a track as a transport line with its stops "
                       "proposed), a GeoJSON, GeoPackage or Shapefile, or a CSV of citizen "
                       "reports, and add its rows to a participatory layer as drafts, in one edit. "
                       "Rows the presets refuse are listed with their reasons; the rest are "
                       "imported. Each feature records its source (the file's name) and its "
                       "contributor. A GTFS feed (its .zip, or a folder of its tables) needs no "
                       "--layer: its routes become transport lines and their stops, as drafts, in "
                       "one edit."))
    command.add_argument("project", type=Path, metavar="PROJECT.gpkg")
    command.add_argument("file", type=Path, metavar="FILE")
    command.add_argument("--layer", choices=_LAYERS,
                         help=tr("the participatory layer to fill (required, except for a GTFS "
                                 "feed)"))
    command.add_argument("--preset", metavar="ID",
                         help=tr("preset of every feature (e.g. facility/clinic); default: from a "
                                 "category or type column. For a GTFS feed: the preset of its bus "
                                 "routes (default transport_line/bus; transport_line/minibus for "
                                 "tro-tros or matatus)"))
    command.add_argument("--map", metavar="FIELD=KEY,...",
                         help=tr("file fields to tags, e.g. "
                                 "facility_name=name,hours=opening_hours"))
    command.add_argument("--contributor", metavar="NAME", default="",
                         help=tr("who imports (default: who collected the rows, when the file "
                                 "says)"))
    command.add_argument("--form", type=Path, metavar="FORM.xlsx",
                         help=tr("the XLSForm the data was collected with: select answers are read "
                                 "through its choice labels"))
    command.add_argument("--tag", action="append", metavar="KEY=VALUE",
                         help=tr("a tag every feature gets unless its row says otherwise "
                                 "(repeatable), e.g. --tag interval=10 for a line's usual wait"))
    command.add_argument("--add-stops", action="store_true",
                         help=tr("tracks: add the proposed stops to the line as draft stops named "
                                 "Stop 1, Stop 2... (otherwise they are only listed)"))
    command.add_argument("--json", action="store_true", help=tr("print the report as JSON"))


def run(args: argparse.Namespace) -> int:
    """Run ``quartier import``; QuartierError propagates to the caller's one sentence."""
    from layers.errors import ValidationError
    from layers.gtfs_feed import is_gtfs_feed
    from mapping.field_import import import_field_data, parse_mapping, parse_tags

    if args.layer is None:
        if is_gtfs_feed(args.file):
            return _run_gtfs(args)
        raise ValidationError(tr("Say which layer {file} goes into: --layer facilities, "
                                 "transport_lines or risk_zones (only a GTFS feed needs none).",
                                 file=args.file.name))
    report = import_field_data(args.project, args.file, args.layer,
                               contributor=args.contributor, preset_id=args.preset,
                               mapping=parse_mapping(args.map), fixed_tags=parse_tags(args.tag),
                               add_stops=args.add_stops, form=args.form)
    if args.json:
        print(json.dumps({
            "layer": str(report.layer), "source": report.source,
            "imported": len(report.imported), "uuids": list(report.imported),
            "refused": [{"where": r.where, "reason": r.reason} for r in report.refused],
            "proposed_stops": [{"line": s.line_uuid, "lon": round(s.lon, 7),
                                "lat": round(s.lat, 7), "seconds": round(s.seconds)}
                               for s in report.proposed_stops],
            "notes": list(report.notes)}, ensure_ascii=False, indent=2))
        return 0
    print(ntr("Imported {n} {layer} from {source} as a draft.",
              "Imported {n} {layer} from {source} as drafts.",
              len(report.imported), layer=report.layer, source=report.source))
    for refused in report.refused:
        print(tr("Refused {where}: {reason}", where=refused.where, reason=refused.reason))
    for number, stop in enumerate(report.proposed_stops, start=1):
        where = {"number": number, "lat": f"{stop.lat:.6f}", "lon": f"{stop.lon:.6f}",
                 "seconds": f"{stop.seconds:.0f}"}
        if args.add_stops:
            print(tr("Proposed stop {number}: {lat}, {lon} (the vehicle stood there "
                     "{seconds} s): added as a draft.", **where))
        else:
            print(tr("Proposed stop {number}: {lat}, {lon} (the vehicle stood there "
                     "{seconds} s): add it with the stop tool on the line, or import again "
                     "with --add-stops.", **where))
    for note in report.notes:
        print(tr("Note: {note}", note=note))
    return 0


def _run_gtfs(args: argparse.Namespace) -> int:
    """Import a GTFS feed's routes as transport lines and stops; print what was done."""
    from mapping.gtfs_import import import_gtfs

    report = import_gtfs(args.project, args.file, contributor=args.contributor,
                         preset_id=args.preset)
    if args.json:
        print(json.dumps({
            "source": report.source, "lines": len(report.lines), "two_way": report.two_way,
            "one_way": len(report.lines) - report.two_way, "stop_rows": report.stop_rows,
            "distinct_stops": report.distinct_stops, "uuids": list(report.lines),
            "refused": [{"where": r.where, "reason": r.reason} for r in report.refused],
            "notes": list(report.notes)}, ensure_ascii=False, indent=2))
        return 0
    print(ntr("Imported {n} transport line from {source} as a draft ({two_way} running both "
              "ways, {one_way} one way), with {stops} stops on it ({distinct} distinct stops "
              "of the feed).",
              "Imported {n} transport lines from {source} as drafts ({two_way} running both "
              "ways, {one_way} one way), with {stops} stops on them ({distinct} distinct stops "
              "of the feed).", len(report.lines), source=report.source,
              two_way=report.two_way, one_way=len(report.lines) - report.two_way,
              stops=report.stop_rows, distinct=report.distinct_stops))
    for refused in report.refused:
        print(tr("Left out {where}: {reason}.", where=refused.where, reason=refused.reason))
    for note in report.notes:
        print(tr("Note: {note}", note=note))
    return 0
