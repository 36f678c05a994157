"""``quartier progress``: the campaign indicators of a project, no display.

Wired into :mod:`desktop.cli` by ``add_commands`` and ``run``; neither imports Qt (a
PDF report starts Qt's GUI module only when written). Errors are one plain sentence,
exit 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from layers.errors import QuartierError, ValidationError
from layers.i18n import tr

EXIT_USER_ERROR = 2
COMMANDS = ("progress",)


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add ``progress`` to the commands."""
    from desktop.cli_server import project_location

    progress = commands.add_parser(
        "progress", help=tr("campaign indicators: features mapped and verified, per area, "
                            "contributor, session and day"),
        description=tr("What a mapping programme reports: facilities, transport lines, stops and "
                       "risk zones on the map and verified, per area, per contributor, per mapping "
                       "session and day by day, from the project's features and edit history."))
    progress.add_argument("project", type=project_location,
                          help=tr("the project file, or a team-server address"))
    progress.add_argument("--by", metavar="AREA_LAYER",
                          help=tr("break the figures down by the polygons of this layer"))
    progress.add_argument("--by-field", metavar="FIELD", help=tr("the attribute naming each area"))
    progress.add_argument("--json", action="store_true", help=tr("print one JSON object"))
    progress.add_argument("--to", dest="out", type=Path, metavar="REPORT",
                          help=tr("also write a report: .html or .pdf"))


def run(args: argparse.Namespace) -> int:
    """Run ``progress``; returns the exit code (2 with one sentence on error)."""
    from mapping.progress import campaign_progress, progress_text, write_progress_report
    from mapping.project import Project

    try:
        if args.out is not None and args.out.suffix.lower() not in (".html", ".pdf"):
            raise ValidationError(tr("{name}: the report is written as .html or .pdf.",
                                     name=args.out.name))
        project = Project(args.project)
        progress = campaign_progress(project, args.by, args.by_field)
        if args.out is not None:
            write_progress_report(args.out, progress)
    except QuartierError as error:
        print(f"quartier: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    if args.json:
        print(json.dumps(progress.to_json(), ensure_ascii=False, indent=2))
    else:
        print(progress_text(progress), end="")
    if args.out is not None:
        print(tr("Wrote {path}", path=args.out), file=sys.stderr if args.json else sys.stdout)
    return 0
