"""The ``quartier`` command: the desktop app and batch work from the command line.

``quartier open`` starts the window; every other sub-command works with no display
and imports no Qt. Errors are printed as one plain sentence with a non-zero exit.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import cli_lang, cli_server
from layers.errors import QuartierError
from layers.i18n import language, ntr, set_language, supported, tr

EXIT_USER_ERROR = 2


class _Parser(argparse.ArgumentParser):
    """An argument parser that reads ``--bbox -122.3,37.8,...`` as a value.

    Python 3.11's argparse takes a word starting with ``-`` for an option unless it
    is one plain negative number, so a box west of Greenwich or south of the equator
    typed after ``--bbox`` (Accra, Dakar, Lima) was refused. No option of ours starts
    with a minus and a digit, so such a word is always a value (Python 3.13 reads it
    so too). Sub-commands are made with the same class.

    Every parser of the class (the command, its sub-commands and theirs) takes
    ``--lang`` (:mod:`desktop.cli_lang`), before or after the sub-command's name.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = re.compile(r"^-\.?\d")
        cli_lang.add_option(self)


def _command_word(words: Sequence[str]) -> str | None:
    """The sub-command named in ``words`` (the first word that is no option), if any."""
    after_lang = False
    for word in words:
        if after_lang:
            after_lang = False
        elif word == "--lang":
            after_lang = True
        elif not word.startswith("-"):
            return word
    return None


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command's parser; with ``command="open"``, only the window's sub-command
    (the others, their modules and their words are not needed to start the window)."""
    parser = _Parser(
        prog="quartier",
        description=tr("Quartier: participatory mapping of neighbourhoods, offline."),
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    if command != "open":
        _add_project_commands(commands)
    open_ = commands.add_parser("open", help=tr("open the desktop app"))
    open_.add_argument("project", type=cli_server.project_location, nargs="?",
                       help=tr("project file (or team-server address) to open"))
    open_.add_argument("--sample", metavar="NAME",
                       help=tr("open a bundled sample area (kibera, jakarta)"))
    open_.add_argument("--timings", action="store_true",
                       help=tr("print how long the start took (imports, window, first map) once "
                               "the first map is painted"))
    if command == "open":
        return parser
    _add_layer_commands(commands)
    _add_export_command(commands)
    from desktop import (
        cli_analysis,
        cli_field,
        cli_gtfs,
        cli_merge,
        cli_network,
        cli_progress,
        cli_service,
    )

    for module in (cli_analysis, cli_field, cli_network, cli_server, cli_merge, cli_progress,
                   cli_service, cli_gtfs):
        module.add_commands(commands)
    return parser


def _add_project_commands(commands) -> None:
    new = commands.add_parser(
        "new", help=tr("make a project from an OpenStreetMap extract or vector layers"),
        description=tr("Make a new project file (.gpkg) from an OpenStreetMap extract (.osm, "
                       ".osm.bz2, .osm.pbf) or from GeoPackage/Shapefile/GeoJSON layers."),
    )
    new.add_argument("project", type=Path, help=tr("the project file to create (.gpkg)"))
    source = new.add_mutually_exclusive_group(required=True)
    source.add_argument("--osm", type=Path, metavar="EXTRACT", help=tr("OpenStreetMap extract"))
    source.add_argument("--base", type=Path, action="append", metavar="FILE",
                        help=tr("a vector layer (repeat for several files)"))
    source.add_argument("--place", metavar="NAME",
                        help=tr("download by place name (needs a network)"))
    source.add_argument("--download-bbox", metavar="W,S,E,N",
                        help=tr("download an area (needs a network)"))
    new.add_argument("--bbox", metavar="W,S,E,N", help=tr("clip to this area (degrees)"))
    new.add_argument("--name", help=tr("project name (default: from the file name)"))
    new.add_argument("--as", dest="roles", action="append", default=[], metavar="FILE=ROLE",
                     help=tr("with --base: say what a file is (buildings, roads, pois, water, "
                             "landuse, reference)"))
    new.add_argument("--crs", metavar="EPSG",
                     help=tr("with --base: coordinate system of layers that record none (a "
                             "Shapefile without .prj), e.g. EPSG:4326"))
    new.add_argument("--force", action="store_true", help=tr("replace an existing project file"))

    info = commands.add_parser("info", help=tr("list a project's layers, counts, CRS and extent"))
    info.add_argument("project", type=cli_server.project_location,
                      help=tr("a project file, or a team-server address (postgresql://...)"))
    info.add_argument("--json", action="store_true", help=tr("print JSON instead of a table"))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``quartier`` command; returns the process exit code.

    The language (``--lang``, else the saved setting, else the system's) is set first,
    for the whole run, and put back when the command is done (for callers in-process).
    """
    words = sys.argv[1:] if argv is None else list(argv)
    previous = language()
    try:
        try:
            cli_lang.start(words)
        except cli_lang.UnknownLanguage as unknown:
            print(f"quartier: {cli_lang.unknown_language(str(unknown))}", file=sys.stderr)
            return EXIT_USER_ERROR
        cli_lang.speak_argparse()
        return _run(_parser(_command_word(words)).parse_args(words))
    finally:
        set_language(previous)


def _run(args: argparse.Namespace) -> int:
    try:
        if args.command == "new":
            return _new(args)
        if args.command == "info":
            return _info(args)
        if args.command in ("hazard", "layer"):
            return _layer_command(args)
        if args.command == "export":
            return _export(args)
        if args.command == "import":
            from desktop import cli_field

            return cli_field.run(args)
        if args.command == "analyse":
            from desktop import cli_analysis

            return cli_analysis.run(args)
        if args.command in ("evacuate", "access"):
            from desktop import cli_network

            return cli_network.run(args)
        if args.command == "server":
            return cli_server.run(args)
        if args.command == "progress":
            from desktop import cli_progress

            return cli_progress.run(args)
        if args.command == "service":
            from desktop import cli_service

            return cli_service.run(args)
        if args.command == "gtfs-check":
            from desktop import cli_gtfs

            return cli_gtfs.run(args)
        if args.command in ("merge", "conflicts"):
            from desktop import cli_merge

            return cli_merge.run(args)
        if args.command == "open":
            no_screen = _no_screen(args.project, args.sample)
            # In a terminal (or with no screen) a bad file is said here, in one sentence;
            # opened from the desktop menu or a file manager, the window says it.
            if no_screen or sys.stderr.isatty():
                _check_what_to_open(args.project, args.sample)
            if no_screen:
                print(f"quartier: {no_screen}", file=sys.stderr)
                return EXIT_USER_ERROR
            from desktop.app import run

            return run(project=args.project, sample=args.sample, timings=args.timings,
                       language=supported(getattr(args, "lang", None)))
    except QuartierError as error:
        print(f"quartier: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("quartier: " + tr("Stopped; nothing was changed."), file=sys.stderr)
        return 130
    return 0


def _check_what_to_open(project: Path | str | None, sample: str | None) -> None:
    """Raise the sentence a missing project or an unknown sample would get in the window."""
    if project is not None:
        from mapping.project import Project
        from mapping.store import is_server_url

        if is_server_url(str(project)):
            return  # the window asks for a missing password and says what went wrong
        Project(project)
    elif sample:
        from sample_areas import get_sample

        get_sample(sample)


#: Qt platforms that draw on a screen, and the variable naming that screen.
_SCREEN_PLATFORMS = {"xcb": ("DISPLAY",), "wayland": ("WAYLAND_DISPLAY",),
                     "wayland-egl": ("WAYLAND_DISPLAY",), "": ("DISPLAY", "WAYLAND_DISPLAY")}


def _no_screen(project: Path | str | None = None, sample: str | None = None) -> str | None:
    """Why the window cannot open on this machine (no screen), or None if it can.

    The sentence gives the ``tools/start`` command that opens the same project (or
    sample) on a virtual screen.

    Without this, Qt aborts (exit 134) with advice to reinstall the application. Only
    Linux is checked: a platform Qt draws off screen (offscreen, minimal, vnc, eglfs...)
    needs no screen; ``QT_QPA_PLATFORM`` may list several to try (``wayland;xcb``).
    """
    if not sys.platform.startswith("linux"):
        return None
    wanted = os.environ.get("QT_QPA_PLATFORM", "")
    missing: list[str] = []
    for platform in wanted.split(";"):
        name = platform.split(":")[0].strip().lower()
        variables = _SCREEN_PLATFORMS.get(name)
        if variables is None or any(os.environ.get(v) for v in variables):
            return None
        missing += [v for v in variables if v not in missing]
    start = Path(__file__).resolve().parents[1] / "tools" / "start"
    words = [str(start) if start.is_file() else "tools/start"]
    if project is not None:
        from desktop.team_address import is_team, without_password

        words.append(without_password(project) if is_team(project)
                     else str(Path(project).absolute()))
    elif sample:
        words += ["--sample", sample]
    command = f"`bash {shlex.join(words)}`"
    variables = missing[0] if len(missing) == 1 else tr(
        "{first} and {last}", first=", ".join(missing[:-1]), last=missing[-1])
    if not start.is_file():
        return ntr("There is no screen to show the window on ({variables} is not set): run "
                   "{command} in the Quartier folder, which starts a virtual screen, or set "
                   "DISPLAY to a running screen.",
                   "There is no screen to show the window on ({variables} are not set): run "
                   "{command} in the Quartier folder, which starts a virtual screen, or set "
                   "DISPLAY to a running screen.", len(missing),
                   variables=variables, command=command)
    return ntr("There is no screen to show the window on ({variables} is not set): run "
               "{command}, which starts a virtual screen, or set DISPLAY to a running screen.",
               "There is no screen to show the window on ({variables} are not set): run "
               "{command}, which starts a virtual screen, or set DISPLAY to a running screen.",
               len(missing), variables=variables, command=command)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _new(args: argparse.Namespace) -> int:
    from mapping.build import parse_bbox, project_from_extract

    bbox = parse_bbox(args.bbox) if args.bbox else None
    if args.osm is not None:
        project = project_from_extract(args.project, args.osm, bbox=bbox, name=args.name,
                                       force=args.force, progress=_say)
    elif args.base:
        from mapping.base_import import project_from_vectors

        project = project_from_vectors(args.project, args.base, roles=args.roles, bbox=bbox,
                                       name=args.name, force=args.force, progress=_say,
                                       crs=args.crs)
    else:
        from mapping.online import project_from_download

        area = parse_bbox(args.download_bbox) if args.download_bbox else None
        project = project_from_download(args.project, place=args.place, bbox=area,
                                        name=args.name, force=args.force, progress=_say)
    _print_table(project.info())
    return 0


def _info(args: argparse.Namespace) -> int:
    from mapping.project import Project

    info = Project(args.project).info()
    if args.json:
        print(json.dumps(info, indent=2, ensure_ascii=False))
    else:
        _print_table(info)
    return 0


def _print_table(info: dict) -> None:
    meta = info["project"]
    west, south, east, north = meta["area_of_interest"]
    date = meta["osm_data_date"]
    rows = [
        (tr("Project:"), f"{meta['name']}  ({info['path']})"),
        (tr("Source:"), tr("{source}  (OSM data of {date})", source=meta["source"], date=date)
         if date else tr("{source}  (OSM data of unknown date)", source=meta["source"])),
        (tr("Area:"), tr("{west},{south},{east},{north}  (drawn in {crs})",
                         west=f"{west:.5f}", south=f"{south:.5f}", east=f"{east:.5f}",
                         north=f"{north:.5f}", crs=meta["working_crs"])),
        (tr("Attribution:"), meta["attribution"]),
        *((tr("Note:"), note) for note in meta.get("import_notes", [])),
    ]
    label_width = max(len(label) for label, _value in rows) + 1
    for label, value in rows:
        print(f"{label:<{label_width}}{value}")
    print()
    # Translators: column headings of 'quartier info'; the values below them are not translated.
    headings = [tr("layer"), tr("kind"), tr("features"), tr("geometry"), tr("crs"), tr("extent")]
    widths = [max([len(headings[0]), *map(len, info["layers"])]) + 2,
              max(len(headings[1]) + 2, 15), max(len(headings[2]), 9),
              max(len(headings[3]) + 2, 16), max(len(headings[4]) + 2, 11)]
    header = (f"{headings[0]:<{widths[0]}}{headings[1]:<{widths[1]}}{headings[2]:>{widths[2]}}"
              f"  {headings[3]:<{widths[3]}}{headings[4]:<{widths[4]}}{headings[5]}")
    print(header)
    print("-" * len(header))
    for name, layer in info["layers"].items():
        extent = layer["extent"]
        where = ",".join(f"{v:.4f}" for v in extent) if extent else tr("(empty)")
        print(f"{name:<{widths[0]}}{layer['kind']:<{widths[1]}}{layer['count']:>{widths[2]}}  "
              f"{layer['geometry_type']:<{widths[3]}}{layer['crs']:<{widths[4]}}{where}")


def _add_layer_commands(commands: argparse._SubParsersAction) -> None:
    """``quartier hazard add|list|classify`` and ``quartier layer add``."""
    from layers.hazard_classes import HazardType

    hazard = commands.add_parser("hazard", help=tr("add, list and classify hazard layers"))
    actions = hazard.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser(
        "add", help=tr("import a hazard layer (raster or vector) into a project"),
        description=tr("Import a hazard: a raster (GeoTIFF, ESRI ASCII grid) classified by "
                       "thresholds, or a vector (GeoJSON, GeoPackage, Shapefile, KML) classified "
                       "by an attribute. Only the part covering the project area is kept."),
    )
    add.add_argument("project", type=Path)
    add.add_argument("file", type=Path)
    add.add_argument("--name", required=True, help=tr("layer name (lower case, digits, _)"))
    add.add_argument("--title", help=tr("title shown on the map (default: from the file name)"))
    add.add_argument("--hazard-type", default="flood", choices=[str(t) for t in HazardType],
                     help=tr("what the layer describes (default: flood)"))
    add.add_argument("--attribute", metavar="FIELD",
                     help=tr("vector: the attribute holding the hazard (a depth, or words like "
                             "high/tinggi); without it every feature gets --class"))
    add_how = add.add_mutually_exclusive_group()
    add_how.add_argument("--thresholds", metavar="LOW,HIGH",
                         help=tr("class breaks for numbers: low <= LOW < medium <= HIGH < high "
                                 "(flood default: 0.5,1.5 m)"))
    add_how.add_argument("--class-map", metavar="VALUE=CLASS,...",
                         help=tr("vector: which attribute value is which class, e.g. "
                                 "\"yes=high,no=none\""))
    _add_class_options(add, add_how)
    add.add_argument("--unit", help=tr("unit of the values, for the legend (flood: m)"))
    add.add_argument("--class", dest="single_class", metavar="CLASS",
                     help=tr("vector without --attribute: class of every feature, "
                             "none/low/medium/high (default: medium)"))
    _add_file_options(add)

    listing = actions.add_parser("list", help=tr("list a project's hazard layers and their "
                                                 "classes"))
    listing.add_argument("project", type=Path)
    listing.add_argument("--json", action="store_true", help=tr("print JSON instead of text"))

    classify = actions.add_parser(
        "classify", help=tr("change how a hazard layer is classified (any number of classes)"),
        description=tr("Give a hazard layer its classes. Numbers: each class holds the values "
                       "above its minimum up to and including its maximum, so a value on a "
                       "boundary is in the lower class and 0 is in no class. The map, the legend, "
                       "'What is here', the exports and 'quartier analyse' all use these classes."))
    classify.add_argument("project", type=Path)
    classify.add_argument("name", help=tr("the hazard layer"))
    how = classify.add_mutually_exclusive_group(required=True)
    how.add_argument("--thresholds", metavar="LOW,HIGH",
                     help=tr("three classes low, medium, high with these two breaks"))
    how.add_argument("--class-map", metavar="VALUE=CLASS,...",
                     help=tr("words to the classes none/low/medium/high, e.g. "
                             "\"yes=high,no=none\""))
    _add_class_options(classify, how)
    classify.add_argument("--unit", help=tr("unit of the values (default: unchanged)"))

    layer = commands.add_parser("layer", help=tr("add reference layers (surveys, reports)"))
    layer_actions = layer.add_subparsers(dest="action", required=True, metavar="ACTION")
    reference = layer_actions.add_parser(
        "add", help=tr("import a vector layer as a reference layer"),
        description=tr("Import a vector layer (GeoJSON, GeoPackage, Shapefile, KML) in any "
                       "coordinate system as a reference layer, reprojected to "
                       "longitude/latitude."),
    )
    reference.add_argument("project", type=Path)
    reference.add_argument("file", type=Path)
    reference.add_argument("--name", required=True, help=tr("layer name (lower case, digits, _)"))
    reference.add_argument("--title", help=tr("title shown on the map (default: from the file "
                                              "name)"))
    _add_file_options(reference)


def _add_class_options(parser: argparse.ArgumentParser, how: argparse._MutuallyExclusiveGroup
                       ) -> None:
    """``--scheme``, ``--classes`` and ``--affected``, the same for ``hazard add`` and
    ``hazard classify``."""
    how.add_argument("--scheme", metavar="NAME",
                     help=tr("ready-made classes: generic, flood_wet_dry, flood4 (use caution, "
                             "low, medium, high), tsunami"))
    how.add_argument("--classes", metavar="NAME:MIN-MAX,... | WORD=NAME,...",
                     help=tr("your own classes, lowest first, e.g. \"use "
                             "caution:0-0.1,low:0.1-0.7,medium:0.7-1.5,high:1.5-\" (empty maximum: "
                             "no upper limit) or, for words, \"yes=high,no=none\""))
    parser.add_argument("--affected", metavar="NAME,...",
                        help=tr("with --scheme or --classes: the classes counted as affected "
                                "(default: every class but the lowest, or the scheme's)"))


def _given_classes(args: argparse.Namespace, unit: str):
    """The classes of ``--scheme``/``--classes`` (with ``--affected``) and the words put in
    no class, or None when neither is given."""
    from dataclasses import replace

    from layers import errors
    from mapping.analysis import schemes

    affected = args.affected.split(",") if args.affected else None
    if affected is not None and not (args.scheme or args.classes):
        raise errors.ValidationError(tr("--affected goes with --scheme or --classes."))
    if args.scheme:
        scheme = schemes.scheme_named(args.scheme)
        if affected is not None:
            scheme = schemes.with_affected(scheme, affected)
        return replace(scheme, unit=args.unit or scheme.unit), ()
    if args.classes:
        return schemes.parse_layer_classes(args.classes, unit, affected)
    return None


def _add_file_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--crs", metavar="EPSG:NNNN",
                        help=tr("coordinate system of a file that has none (a shapefile without "
                                ".prj); never guessed"))
    parser.add_argument("--layer", metavar="LAYER", help=tr("layer of a multi-layer file"))
    parser.add_argument("--allow-outside", action="store_true",
                        help=tr("import even if the layer does not overlap the project area"))


def _layer_command(args: argparse.Namespace) -> int:
    from layers import hazards
    from layers.hazard_classes import HazardClass, HazardType
    from mapping import hazard_store
    from mapping.project import Project

    project = Project(args.project)
    if args.command == "layer":
        report = hazard_store.add_reference_layer(
            project, args.file, args.name, crs=args.crs, title=args.title, layer=args.layer,
            allow_outside=args.allow_outside, progress=_progress)
        _print_report(report, {})
        return 0
    if args.action == "list":
        return _hazard_list(project, as_json=args.json)
    if args.action == "classify":
        return _hazard_classify(project, args)
    hazard_type = HazardType(args.hazard_type)
    unit = args.unit if args.unit is not None else hazards.UNITS.get(hazard_type, "")
    given = _given_classes(args, unit)
    report = hazard_store.add_hazard_layer(
        project, args.file, args.name, title=args.title, hazard_type=hazard_type,
        attribute=args.attribute,
        thresholds=hazards.parse_thresholds(args.thresholds, unit) if args.thresholds else None,
        class_map=hazards.parse_class_map(args.class_map) if args.class_map else None,
        single_class=hazards.parse_hazard_class(args.single_class) if args.single_class else None,
        classes=given[0] if given else None, none_words=given[1] if given else (),
        crs=args.crs, layer=args.layer, allow_outside=args.allow_outside, progress=_progress)
    added = next((layer for layer in hazard_store.list_hazard_layers(project)
                  if layer.name == report.name), None)
    labels: dict[int, str] = {int(k): v for k, v in added.legend.labels.items()} if added else {}
    if added:
        labels.setdefault(HazardClass.NONE, _not_in_any_class(added.classification))
    _print_report(report, labels)
    return 0


def _hazard_classify(project, args: argparse.Namespace) -> int:
    """``quartier hazard classify``: store new classes, print them."""
    from layers import hazards
    from mapping import hazard_store

    current = {layer.name: layer for layer in hazard_store.list_hazard_layers(project)}
    known = current.get(args.name)
    unit = args.unit if args.unit is not None else (known.classification.unit if known else "")
    given = _given_classes(args, unit)
    if args.thresholds:
        legend = hazard_store.set_thresholds(
            project, args.name, hazards.parse_thresholds(args.thresholds, unit))
    elif args.class_map:
        legend = hazard_store.set_class_map(
            project, args.name, hazards.parse_class_map(args.class_map))
    else:
        assert given is not None  # the group is required
        legend = hazard_store.set_classes(project, args.name, *given)
    layer = {layer.name: layer for layer in hazard_store.list_hazard_layers(project)}[args.name]
    for code, label in legend.labels.items():
        print(f"{int(code)}  {label}{_affected_mark(layer.classification, code)}")
    return 0


def _affected_mark(classification, code: int) -> str:
    classes = classification.classes
    if not 0 < int(code) <= len(classes):
        return ""
    return "  " + (tr("(affected)") if classes[int(code) - 1].affected
                   else tr("(not affected)"))


def _not_in_any_class(classification) -> str:
    """Class 0 in words: what falls in no class (it is not drawn), by how the layer is read."""
    from layers.hazards import ClassificationMethod

    if classification.method is ClassificationMethod.THRESHOLDS and classification.classes:
        unit = f" {classification.unit}" if classification.unit else ""
        lowest = min((c.minimum for c in classification.classes if c.minimum is not None),
                     default=0.0)
        return tr("Not in any class ({value} or less, or no data)", value=f"{lowest:g}{unit}")
    if classification.method is ClassificationMethod.VALUES:
        values = list(classification.none_words)
        if values:
            return tr("Not in any class ({words}, no value, or a value with no class)",
                      words=", ".join(values))
        return tr("Not in any class (no value, or a value with no class)")
    return tr("Not in any class")


def _progress(fraction: float, message: str) -> None:
    _say(f"{fraction:4.0%}  {message}")


def _print_report(report, labels: dict) -> None:
    raster = report.storage == "raster"
    if raster:
        print(ntr("Added {name}: {kind} layer (raster), {n} cell",
                  "Added {name}: {kind} layer (raster), {n} cells", report.count,
                  name=report.name, kind=report.kind))
    else:
        print(ntr("Added {name}: {kind} layer ({storage}), {n} feature",
                  "Added {name}: {kind} layer ({storage}), {n} features", report.count,
                  name=report.name, kind=report.kind, storage=report.storage))
    lines = [(labels.get(int(code), str(code)), count)
             for code, count in report.class_counts.items() if count]
    width = max([28, *(len(label) + 2 for label, _count in lines)])
    for label, count in lines:
        amount = (ntr("{n} cell", "{n} cells", count) if raster
                  else ntr("{n} feature", "{n} features", count))
        print(f"  {label:<{width}}{amount:>18}")
    for note in report.notes:
        print(tr("Note: {note}", note=note))


def _hazard_list(project, as_json: bool) -> int:
    from mapping.hazard_store import list_hazard_layers

    layers = list_hazard_layers(project)
    if as_json:
        print(json.dumps([{
            "name": layer.name, "title": layer.title, "kind": layer.kind,
            "hazard_type": str(layer.hazard_type), "opacity": layer.opacity,
            "classification": layer.classification.to_dict(),
            "legend": {str(int(code)): label for code, label in layer.legend.labels.items()},
            "classes": [{"code": code, "name": c.name, "affected": c.affected,
                         "label": layer.legend.labels.get(code, c.name),
                         "colour": layer.legend.colours.get(code)}
                        for code, c in enumerate(layer.classification.classes, start=1)],
        } for layer in layers], indent=2, ensure_ascii=False))
        return 0
    if not layers:
        print(tr("No hazard layers. Add one with "
                 "'quartier hazard add PROJECT FILE --name NAME'."))
    for layer in layers:
        print(f"{layer.name:<18}{layer.kind:<8}{layer.hazard_type:<12}{layer.title}")
        for code, label in layer.legend.labels.items():
            print(f"{'':<18}{int(code)}  {label}{_affected_mark(layer.classification, code)}")
    return 0


def _add_export_command(commands: argparse._SubParsersAction) -> None:
    """``quartier export PROJECT --to OUT``."""
    export = commands.add_parser(
        "export", help=tr("export layers to GeoJSON, GeoPackage, Shapefile, CSV, KML, "
                          "OpenStreetMap, GTFS, a web map or a printed map"),
        description=tr("Export a project's layers. The format follows OUT's extension: .geojson, "
                       ".gpkg, .shp, .csv, .kml, .osm or .osc (for JOSM), .zip (GTFS feed of the "
                       "transport lines), .html (web map), .pdf or .png (printed map)."),
    )
    export.add_argument("project", type=Path)
    export.add_argument("--to", dest="out", type=Path, required=True, metavar="OUT",
                        help=tr("the file to write"))
    export.add_argument("--layer", dest="layers", action="append", metavar="NAME",
                        help=tr("export only this layer (repeat for several)"))
    export.add_argument("--all-features", action="store_true",
                        help=tr("OpenStreetMap and GTFS exports: include drafts, not only features "
                                "marked verified"))
    export.add_argument("--no-personal", action="store_true",
                        help=tr("leave out personal data (who mapped, household survey answers)"))
    export.add_argument("--bbox", metavar="W,S,E,N",
                        help=tr("GeoJSON, GeoPackage, Shapefile, CSV, KML: only features that "
                                "touch this box (degrees)"))
    printed = export.add_argument_group(tr("web and printed maps (.html, .pdf, .png)"))
    printed.add_argument("--title", help=tr("title on top of the map (default: the project name)"))
    printed.add_argument("--subtitle", help=tr("printed maps: the line under the title"))
    printed.add_argument("--template", choices=_template_names(),
                         help=tr("printed maps: which ready-made map (default: overview)"))
    printed.add_argument("--paper", choices=("A4", "A3"), type=str.upper,
                         help=tr("printed maps: paper size (default: A4)"))
    printed.add_argument("--orientation", choices=("portrait", "landscape"), type=str.lower,
                         help=tr("printed maps: which way up (default: landscape)"))
    printed.add_argument("--dpi", type=int,
                         help=tr("printed maps: resolution of a PNG or of a PDF's images"))
    printed.add_argument("--hazard", metavar="NAME",
                         help=tr("risk map: the hazard layer whose exposed buildings and people "
                                 "are counted (default: the one the evacuation routes avoid, else "
                                 "the top hazard layer)"))


def _template_names() -> list[str]:
    """The print templates (read from their folder: the command line loads no Qt)."""
    folder = Path(__file__).resolve().parents[1] / "resources" / "print_templates"
    return sorted(p.stem for p in folder.glob("*.json"))


def _export(args: argparse.Namespace) -> int:
    from mapping.build import parse_bbox
    from mapping.export import export

    report = export(args.project, args.out, args.layers,
                    area=parse_bbox(args.bbox) if args.bbox else None,
                    verified_only=False if args.all_features else None,
                    include_personal=not args.no_personal, progress=_progress,
                    title=args.title, subtitle=args.subtitle, template=args.template,
                    paper=args.paper, orientation=args.orientation, dpi=args.dpi,
                    hazard=args.hazard)
    for name, count in report.counts.items():
        print(f"{name:<24}{count:>9}")
    for path in report.files:
        print(tr("Wrote {path}", path=path))
    for note in report.notes:
        print(tr("Note: {note}", note=note))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
