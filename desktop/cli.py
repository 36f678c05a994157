"""The ``quartier`` command: the desktop app and batch work from the command line.

``quartier open`` starts the window; every other sub-command works with no display
and imports no Qt. Errors are printed as one plain sentence with a non-zero exit.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from layers.errors import QuartierError

EXIT_USER_ERROR = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quartier",
        description="Quartier: participatory mapping of neighbourhoods, offline.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = commands.add_parser(
        "new", help="make a project from an OpenStreetMap extract or vector layers",
        description="Make a new project file (.gpkg) from an OpenStreetMap extract "
        "(.osm, .osm.bz2, .osm.pbf) or from GeoPackage/Shapefile/GeoJSON layers.",
    )
    new.add_argument("project", type=Path, help="the project file to create (.gpkg)")
    source = new.add_mutually_exclusive_group(required=True)
    source.add_argument("--osm", type=Path, metavar="EXTRACT", help="OpenStreetMap extract")
    source.add_argument("--base", type=Path, action="append", metavar="FILE",
                        help="a vector layer (repeat for several files)")
    source.add_argument("--place", metavar="NAME",
                        help="download by place name (needs a network)")
    source.add_argument("--download-bbox", metavar="W,S,E,N",
                        help="download an area (needs a network)")
    new.add_argument("--bbox", metavar="W,S,E,N", help="clip to this area (degrees)")
    new.add_argument("--name", help="project name (default: from the file name)")
    new.add_argument("--as", dest="roles", action="append", default=[], metavar="FILE=ROLE",
                     help="with --base: say what a file is (buildings, roads, pois, water, "
                     "landuse, reference)")
    new.add_argument("--force", action="store_true", help="replace an existing project file")

    info = commands.add_parser("info", help="list a project's layers, counts, CRS and extent")
    info.add_argument("project", type=Path)
    info.add_argument("--json", action="store_true", help="print JSON instead of a table")

    open_ = commands.add_parser("open", help="open the desktop app")
    open_.add_argument("project", type=Path, nargs="?", help="project file to open")
    open_.add_argument("--sample", metavar="NAME", help="open a bundled sample area "
                       "(kibera, jakarta)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``quartier`` command; returns the process exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "new":
            return _new(args)
        if args.command == "info":
            return _info(args)
        if args.command == "open":
            from desktop.app import run

            return run(project=args.project, sample=args.sample)
    except QuartierError as error:
        print(f"quartier: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("quartier: stopped; nothing was changed.", file=sys.stderr)
        return 130
    return 0


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
                                       name=args.name, force=args.force, progress=_say)
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
    print(f"Project:     {meta['name']}  ({info['path']})")
    print(f"Source:      {meta['source']}  (OSM data of {meta['osm_data_date'] or 'unknown date'})")
    west, south, east, north = meta["area_of_interest"]
    print(f"Area:        {west:.5f},{south:.5f},{east:.5f},{north:.5f}  "
          f"(drawn in {meta['working_crs']})")
    print(f"Attribution: {meta['attribution']}")
    for note in meta.get("import_notes", []):
        print(f"Note:        {note}")
    print()
    header = f"{'layer':<18}{'kind':<15}{'features':>9}  {'geometry':<16}{'crs':<11}extent"
    print(header)
    print("-" * len(header))
    for name, layer in info["layers"].items():
        extent = layer["extent"]
        where = ",".join(f"{v:.4f}" for v in extent) if extent else "(empty)"
        print(f"{name:<18}{layer['kind']:<15}{layer['count']:>9}  {layer['geometry_type']:<16}"
              f"{layer['crs']:<11}{where}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
