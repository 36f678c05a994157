"""``quartier merge`` and ``quartier conflicts``: laptops brought together, no display.

``merge TARGET OTHER...`` takes the participatory edits of other copies of a project
into the target (:mod:`mapping.merge`); ``conflicts PROJECT`` lists what both sides
changed differently and ``--keep mine|theirs UUID`` settles one feature. Wired into
:mod:`desktop.cli` by ``add_commands`` and ``run``; imports no Qt. Errors are one
plain sentence, exit 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from layers.errors import QuartierError
from layers.i18n import tr

EXIT_USER_ERROR = 2
COMMANDS = ("merge", "conflicts")


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add ``merge`` and ``conflicts`` to the commands."""
    merge = commands.add_parser(
        "merge", help=tr("take the edits of other copies of a project (other laptops) into one"),
        description=tr("Participatory features are matched by uuid and their edit history. Edits "
                       "to different features or different tags merge by themselves; the same tag "
                       "or shape changed differently, or an edit against a deletion, is a "
                       "conflict: the target keeps its value and the conflict is listed (quartier "
                       "conflicts). The target is changed in one transaction or not at all."))
    merge.add_argument("target", metavar="TARGET.gpkg")
    merge.add_argument("others", nargs="+", metavar="OTHER.gpkg")
    merge.add_argument("--json", action="store_true", help=tr("print the outcome as JSON"))
    merge.add_argument("--contributor", default=_who(),
                       help=tr("who merges (recorded with combined versions)"))
    conflicts = commands.add_parser(
        "conflicts", help=tr("list or settle the conflicts left by quartier merge"),
        description=tr("List the fields two merged projects changed differently, with who changed "
                       "them and when; --keep mine UUID or --keep theirs UUID settles one "
                       "feature."))
    conflicts.add_argument("project", type=Path, metavar="PROJECT.gpkg")
    conflicts.add_argument("--json", action="store_true", help=tr("print the list as JSON"))
    conflicts.add_argument("--keep", nargs=2, metavar=("mine|theirs", "UUID"),
                           help=tr("keep this project's value (mine) or the other's (theirs)"))
    conflicts.add_argument("--contributor", default=_who(),
                           help=tr("who settles it (recorded in the history)"))


def run(args: argparse.Namespace) -> int:
    """Run ``merge`` or ``conflicts``; returns the exit code (2 with one sentence on error)."""
    from mapping import merge as merging

    try:
        if args.command == "merge":
            report = merging.merge(args.target, args.others, contributor=args.contributor)
            if args.json:
                print(json.dumps({"merged": report.counts(),
                                  "conflicts": [_conflict(c) for c in report.conflicts],
                                  "notes": report.notes}, ensure_ascii=False, indent=1))
                return 0
            counts = report.counts()
            print(tr("Merged into {target}: {added} added, {updated} updated, {deleted} "
                     "deleted, {combined} combined, {history} history row(s) brought over.",
                     target=Path(args.target).name, added=counts["added"],
                     updated=counts["updated"], deleted=counts["deleted"],
                     combined=counts["combined"], history=counts["history_rows"]))
            for note in report.notes:
                print(note)
            _print_conflicts(report.conflicts, args.target)
        elif args.keep:
            side, uuid = args.keep
            merging.keep(args.project, side, uuid, contributor=args.contributor)
            print(tr("Kept mine for {uuid}.", uuid=uuid) if side == "mine"
                  else tr("Kept theirs for {uuid}.", uuid=uuid))
        else:
            found = merging.conflicts(args.project)
            if args.json:
                print(json.dumps({"conflicts": [_conflict(c) for c in found]},
                                 ensure_ascii=False, indent=1))
            elif not found:
                print(tr("{project} has no merge conflicts.", project=args.project.name))
            else:
                _print_conflicts(found, args.project)
    except QuartierError as error:
        print(f"quartier: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    return 0


def _who() -> str:
    return os.environ.get("QUARTIER_CONTRIBUTOR") or os.environ.get("USER") or "merge"


def _conflict(conflict: Any) -> dict[str, Any]:
    return {"layer": conflict.layer, "uuid": conflict.uuid, "field": conflict.field,
            "name": conflict.name, "mine": conflict.mine, "theirs": conflict.theirs,
            "who": conflict.who, "at": conflict.at, "mine_version": conflict.mine_version,
            "their_version": conflict.their_version, "source": conflict.source}


def _print_conflicts(found: list[Any], project: Path) -> None:
    for c in found:
        name = f"“{c.name}”" if c.name else c.uuid
        who = c.who or tr("someone")
        if c.field == "feature":
            what = (tr("changed here, {who} deleted it", who=who) if c.theirs is None
                    else tr("deleted here, {who} changed it", who=who))
        else:
            what = tr("{field} is {mine} here, {who} made it {theirs}", field=c.field,
                      mine=_shown(c.mine), who=who, theirs=_shown(c.theirs))
        when = c.at or tr("time unknown")
        if c.source:
            when = tr("{time}, in {source}", time=when, source=c.source)
        print(tr("Conflict on {name} ({layer} {uuid}): {what} ({when}).", name=name,
                 layer=c.layer, uuid=c.uuid, what=what, when=when))
    if found:
        print(tr("This project's values were kept. Settle each with: quartier conflicts "
                 "{project} --keep mine|theirs UUID", project=project))


def _shown(value: Any) -> str:
    return tr("(none)") if value is None else f"“{value}”"
