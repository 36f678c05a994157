"""``quartier gtfs-check FEED``: check a GTFS feed against the rules journey planners enforce.

The feed (a ``.zip``, or a folder of ``.txt``/``.csv`` tables) is read safely by
:func:`layers.gtfs_feed.read_feed` and checked by :func:`layers.gtfs_check.check_feed`
(MobilityData's validator rules, with their notice codes and severities). Exit 0 when
the feed has no error (warnings allowed), 1 when it has errors, 2 with one sentence when
it cannot be read. Wired into :mod:`desktop.cli` by ``add_commands`` and ``run``; no Qt.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import asdict
from pathlib import Path

from layers.errors import QuartierError, ValidationError
from layers.i18n import tr

EXIT_FEED_ERRORS = 1
EXIT_USER_ERROR = 2
COMMANDS = ("gtfs-check",)


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add ``gtfs-check`` to the commands."""
    check = commands.add_parser(
        "gtfs-check", help=tr("check a GTFS feed against the rules journey planners enforce"),
        description=tr("Check a GTFS feed (.zip, or a folder of its tables) with the rules of "
                       "MobilityData's GTFS validator: missing files and fields, duplicate and "
                       "broken ids, times and dates, frequencies, stops far from their shape, "
                       "implausible speeds, route names, expired calendars. Errors are what "
                       "journey planners refuse; warnings are worth a look. Exit 0 without errors, "
                       "1 with errors, 2 if the feed cannot be read."))
    check.add_argument("feed", type=Path, help=tr("the feed: a .zip, or a folder of its tables"))
    check.add_argument("--json", action="store_true",
                       help=tr("print one JSON object (every finding, with its file and line)"))
    check.add_argument("--date", metavar="YYYY-MM-DD",
                       help=tr("judge expiry as of this day (default: today)"))
    check.add_argument("--examples", type=int, default=5, metavar="N",
                       help=tr("sentences shown per kind of finding (default: 5)"))


def run(args: argparse.Namespace) -> int:
    """Run ``gtfs-check``; returns the exit code."""
    from layers.gtfs_check import check_feed
    from layers.gtfs_feed import read_feed

    try:
        today = _day(args.date) if args.date else None
        feed = read_feed(args.feed)
        check = check_feed(feed.tables, today=today)
    except QuartierError as error:
        print(f"quartier: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    if args.json:
        counts: dict[str, int] = {}
        for finding in (*check.errors, *check.warnings):
            counts[finding.code] = counts.get(finding.code, 0) + 1
        print(json.dumps({"feed": feed.source, "ok": check.ok,
                          "errors": [asdict(f) for f in check.errors],
                          "warnings": [asdict(f) for f in check.warnings],
                          "counts": counts, "notes": list(feed.notes)},
                         ensure_ascii=False, indent=2))
    else:
        for note in feed.notes:
            print(tr("Note: {note}", note=note))
        print(f"{feed.source}: {check.summary(examples=max(args.examples, 0))}")
    return 0 if check.ok else EXIT_FEED_ERRORS


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(tr("{text} is not a date: write it as 2025-01-31.",
                                 text=repr(text))) from None
