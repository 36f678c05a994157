"""``quartier server``: a PostGIS team server from the command line, no display.

``init`` prepares a database, ``publish`` uploads a project file, ``checkout`` and
``sync`` take a copy for the field and bring its edits home, ``projects`` lists what
is there, ``roles add`` gives a person a login as facilitator, mapper or viewer.
Wired into :mod:`desktop.cli` by ``add_commands`` and ``run``; imports no Qt. A
password is never printed: every address shown has it replaced by ``***``. Errors
are one plain sentence, exit 2.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from layers.errors import QuartierError
from layers.i18n import ntr, tr

EXIT_USER_ERROR = 2
COMMANDS = ("server",)


def add_commands(commands: argparse._SubParsersAction) -> None:
    """Add ``server`` (init, publish, checkout, sync, projects, roles) to the commands."""
    server = commands.add_parser(
        "server", help=tr("work with a PostGIS team server (init, publish, checkout, sync, "
                          "projects, roles)"),
        description=tr("A team server is a PostgreSQL database with PostGIS, addressed as "
                       "postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE (the password may "
                       "instead be in PGPASSWORD or ~/.pgpass; it is never stored in a project nor "
                       "printed)."))
    actions = server.add_subparsers(dest="server_command", required=True, metavar="ACTION")
    init = actions.add_parser(
        "init", help=tr("prepare a PostGIS database as a Quartier team server"),
        description=tr("Create the Quartier schema and the roles quartier_facilitator, "
                       "quartier_mapper and quartier_viewer (run as the database administrator). "
                       "Running it again changes nothing."))
    init.add_argument("url", metavar="URL")
    publish = actions.add_parser(
        "publish", help=tr("upload a project file to a team server"),
        description=tr("Upload every layer, the participatory features with their uuids and "
                       "versions, the history and the mapping sessions, in one transaction: if "
                       "anything fails, nothing is left on the server. Only a facilitator may "
                       "publish."))
    publish.add_argument("project", type=Path, metavar="PROJECT.gpkg")
    publish.add_argument("url", metavar="URL")
    publish.add_argument("--name", help=tr("project name on the server (default: ?project= in the "
                                           "URL, else the file name)"))
    publish.add_argument("--replace", action="store_true",
                         help=tr("replace a project of that name already on the server"))
    checkout = actions.add_parser(
        "checkout", help=tr("take a copy of a team-server project for the field"),
        description=tr("Write a project file from a team-server project (every layer, the "
                       "participatory features with their versions, their history), optionally "
                       "only an area. Edit it offline, then send the edits home with quartier "
                       "server sync."))
    checkout.add_argument("url", metavar="URL", help=tr("the project's address (?project=NAME)"))
    checkout.add_argument("project", type=Path, metavar="PROJECT.gpkg")
    checkout.add_argument("--bbox", metavar="W,S,E,N", help=tr("only this area (degrees)"))
    checkout.add_argument("--force", action="store_true", help=tr("replace an existing file"))
    sync = actions.add_parser(
        "sync", help=tr("send a copy's edits to its team server and bring back others'"),
        description=tr("Features changed only here are sent with their history (who, when); "
                       "features changed only on the server come back with theirs. A feature "
                       "changed on both sides is reported and left as it is on each, unless --keep "
                       "says which to keep."))
    sync.add_argument("project", type=Path, metavar="PROJECT.gpkg")
    sync.add_argument("--url", metavar="URL",
                      help=tr("the server's address (default: the one recorded at checkout; the "
                              "password from PGPASSWORD or ~/.pgpass)"))
    sync.add_argument("--keep", choices=["mine", "theirs"],
                      help=tr("for features changed on both sides: keep this copy's version (mine) "
                              "or the server's (theirs)"))
    projects = actions.add_parser("projects", help=tr("list the projects on a team server"))
    projects.add_argument("url", metavar="URL")
    roles = actions.add_parser("roles", help=tr("give a person a login on a team server"))
    role_actions = roles.add_subparsers(dest="roles_command", required=True, metavar="ACTION")
    add = role_actions.add_parser(
        "add", help=tr("add (or update) a login as facilitator, mapper or viewer"),
        description=tr("Add a login for a person with one role. The password is asked for (or read "
                       "from the first line of the input when it is not a terminal), turned into a "
                       "SCRAM verifier here, and never printed."))
    add.add_argument("url", metavar="URL")
    add.add_argument("user", metavar="USER")
    add.add_argument("--role", required=True, choices=["facilitator", "mapper", "viewer"])


def run(args: argparse.Namespace) -> int:
    """Run a ``server`` action; returns the exit code (2 with one sentence on error)."""
    from mapping.store import postgis

    try:
        if args.server_command == "init":
            print(postgis.init_server(args.url))
        elif args.server_command == "publish":
            if not args.project.exists():
                raise QuartierError(tr("The project {project} does not exist.",
                                       project=args.project))
            where = postgis.publish(args.project, args.url, args.name, replace=args.replace)
            print(tr("Published {project}: open it with quartier open \"{where}\"",
                     project=args.project.name, where=where))
        elif args.server_command == "checkout":
            bbox = _bbox(args.bbox) if args.bbox else None
            taken = postgis.checkout(args.url, args.project, bbox, force=args.force)
            print(tr("Took {name}; send its edits home with quartier server sync {path}",
                     name=taken.name, path=taken))
        elif args.server_command == "sync":
            if not args.project.exists():
                raise QuartierError(tr("The project {project} does not exist.",
                                       project=args.project))
            report = postgis.sync(args.project, args.url, keep=args.keep)
            print(ntr("Sent {n} changed feature, brought back {received}.",
                      "Sent {n} changed features, brought back {received}.", report.sent,
                      received=report.received))
            for conflict in report.conflicts:
                name = conflict.name or conflict.key[1]
                print(tr("Changed on both sides, left as it is on each: “{name}” ({layer}): "
                         "version {mine} here, version {theirs} by {who} on the server. "
                         "Choose with --keep mine or --keep theirs.", name=name,
                         layer=conflict.key[0], mine=conflict.local_version,
                         theirs=conflict.server_version, who=conflict.server_contributor))
        elif args.server_command == "projects":
            for name, title, published_at, published_by in postgis.list_projects(args.url):
                print(f"{name}\t{title}\t" + tr("published {when} by {who}",
                                                  when=published_at, who=published_by))
        elif args.server_command == "roles":
            password = _password(args.user)
            print(postgis.add_member(args.url, args.user, args.role, password))
    except QuartierError as error:
        print(f"quartier: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    return 0


def project_location(text: str) -> str | Path:
    """A command-line project argument: a team-server address as typed, else a file path."""
    from mapping.store import is_server_url

    return text if is_server_url(text) else Path(text)


def _bbox(text: str) -> tuple[float, float, float, float]:
    try:
        west, south, east, north = (float(v) for v in text.split(","))
    except ValueError:
        raise QuartierError(tr("--bbox {text} is not four numbers W,S,E,N (degrees).",
                               text=text)) from None
    if not (west < east and south < north):
        raise QuartierError(tr("--bbox {text}: west must be less than east and south less "
                               "than north.", text=text))
    return west, south, east, north


def _password(user: str) -> str:
    if sys.stdin.isatty():
        first = getpass.getpass(tr("Password for {user}: ", user=user))
        if getpass.getpass(tr("The same password again: ")) != first:
            raise QuartierError(tr("The two passwords differ; nothing was changed."))
        return first
    return sys.stdin.readline().rstrip("\n")
