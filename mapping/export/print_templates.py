"""Ready-made printed maps (facility, risk and evacuation, transport, overview) and paper sizes.

A template is a small JSON file in ``resources/print_templates/``: which layers
it shows or hides, which it fits the map to, how its legend is grouped and
which list goes beside the map. A team can add its own file beside them. In
layer lists, ``@hazard``, ``@participatory``, ``@reference`` and ``@base`` stand for
every layer of that kind, and ``@shelters`` for the shelters and evacuation centres.

The map is fitted to the template's ``focus`` (of a hazard layer, the part that
has a hazard class), with a margin; when nothing it names is mapped yet, to where
the town is (see :data:`mapping.export.printing.FALLBACK_FOCUS`). The legend lists
only what is drawn inside the printed frame.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path

from layers.errors import QuartierError
from layers.i18n import N_, tr
from mapping.render.style import RESOURCES_DIR

#: Folder of the template files.
TEMPLATES_DIR = RESOURCES_DIR / "print_templates"
#: Paper sizes (width, height) in millimetres, portrait.
PAPER_MM: dict[str, tuple[float, float]] = {"A4": (210.0, 297.0), "A3": (297.0, 420.0)}
#: Headings of the lists in the shipped templates: their ``side_list_title`` key is not one
#: the catalogue tool reads from data files, so they are marked here to be translated
#: (titles, subtitles and legend headings are found in the files themselves).
SIDE_LIST_TITLES = (N_("Shelters and evacuation centres"), N_("Facilities by name"),
                    N_("Routes"))


class Orientation(StrEnum):
    """Which way up the paper is."""

    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"


class SideList(StrEnum):
    """The list printed beside the map."""

    FACILITIES = "facilities"
    SHELTERS = "shelters"
    ROUTES = "routes"


@dataclass(frozen=True)
class LegendSection:
    """One group of the printed legend."""

    #: Layers whose legend lines go in the group (``@hazard``... allowed).
    layers: tuple[str, ...]
    #: Heading (default: the layer's title).
    title: str | None = None
    #: Text size relative to the page's normal legend text.
    size: float = 1.0
    #: Add the number of features of each class ("Health (12)").
    counts: bool = False
    #: Most lines shown (the rest are summed up in one line).
    max_entries: int = 40
    #: Under each line, the names of its features (named risk zones...).
    names: bool = False


@dataclass(frozen=True)
class PrintTemplate:
    """A ready-made printed map."""

    #: File name without ``.json`` ("risk").
    name: str
    #: Default title line ("Risk and evacuation map"), after the project name.
    title: str
    #: Default subtitle.
    subtitle: str = ""
    #: Layers switched on for this map.
    show: tuple[str, ...] = ()
    #: Layers switched off for this map.
    hide: tuple[str, ...] = ()
    #: Layers the map is fitted to (empty, or all empty: where the town is).
    focus: tuple[str, ...] = ()
    #: Number the shelters and evacuation centres on the map with a distinct symbol.
    highlight_shelters: bool = False
    #: Legend groups, in order.
    legend: tuple[LegendSection, ...] = field(default_factory=tuple)
    #: The list beside the map, or None.
    side_list: SideList | None = None
    #: Heading of that list.
    side_list_title: str = ""
    #: Put the list before the legend (it is what the map is for).
    list_first: bool = False
    #: Print the exposure figures (buildings per class of a hazard layer) and draw the
    #: evacuation routes, when the project has them.
    analysis: bool = False
    #: Print the level of service of the transport lines (a figures box: buildings near
    #: a stop, the least-served areas, each line's vehicles per hour and span).
    service: bool = False


def template_names() -> list[str]:
    """Names of the available templates."""
    return sorted(p.stem for p in TEMPLATES_DIR.glob("*.json"))


@cache
def load_template(name: str) -> PrintTemplate:
    """The template called ``name``.

    Raises
    ------
    QuartierError
        There is no such template (the message lists those there are), or its
        file is not valid.
    """
    path = TEMPLATES_DIR / f"{name}.json"
    if not name.replace("_", "").isalnum() or not path.is_file():
        raise QuartierError(tr("There is no print template called {name}; the templates are "
                               "{templates}.", name=repr(name),
                               templates=", ".join(template_names())))
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        sections = tuple(
            LegendSection(layers=tuple(s["layers"]), title=s.get("title"),
                          size=float(s.get("size", 1.0)), counts=bool(s.get("counts", False)),
                          max_entries=int(s.get("max_entries", 40)),
                          names=bool(s.get("names", False)))
            for s in raw.get("legend", ()))
        side = raw.get("side_list")
        return PrintTemplate(
            name=name, title=str(raw["title"]), subtitle=str(raw.get("subtitle", "")),
            show=tuple(raw.get("show", ())), hide=tuple(raw.get("hide", ())),
            focus=tuple(raw.get("focus", ())),
            highlight_shelters=bool(raw.get("highlight_shelters", False)),
            legend=sections, side_list=SideList(side) if side else None,
            side_list_title=str(raw.get("side_list_title", "")),
            list_first=bool(raw.get("list_first", False)),
            analysis=bool(raw.get("analysis", False)),
            service=bool(raw.get("service", False)))
    except (KeyError, TypeError, ValueError) as error:
        raise QuartierError(tr("The print template {path} is not valid: {error}.", path=path,
                               error=error)) from error


def paper_size(paper: str, orientation: str) -> tuple[float, float]:
    """Width and height of the page in millimetres.

    Raises
    ------
    QuartierError
        Unknown paper or orientation.
    """
    key = paper.strip().upper()
    if key not in PAPER_MM:
        raise QuartierError(tr("Quartier prints on A4 or A3 paper, not {paper}.",
                               paper=repr(paper)))
    try:
        way = Orientation(orientation.strip().lower())
    except ValueError as error:
        raise QuartierError(tr("The orientation is portrait or landscape, not {orientation}.",
                               orientation=repr(orientation))) from error
    width, height = PAPER_MM[key]
    return (height, width) if way is Orientation.LANDSCAPE else (width, height)


def expand(names: tuple[str, ...], kinds: dict[str, str]) -> list[str]:
    """Layer names with ``@kind`` replaced by the project's layers of that kind."""
    out: list[str] = []
    for name in names:
        if name.startswith("@") and name != "@shelters":
            out.extend(layer for layer, kind in kinds.items() if kind == name[1:])
        else:
            out.append(name)
    return list(dict.fromkeys(out))


def template_file(name: str) -> Path:
    """The JSON file of a template (for people who want to copy and adapt it)."""
    return TEMPLATES_DIR / f"{name}.json"
