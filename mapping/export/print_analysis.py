"""What the "Risk and evacuation" printed map says about who is exposed and how people
reach safety.

The figures are the analysis's own: the exposure counts come from
:func:`mapping.analysis.exposure.analyse` (the function behind ``quartier analyse``),
and the evacuation figures from the ``evacuation_routes`` layer that
``quartier evacuate`` (or the Analysis panel) wrote, summarised with
:func:`mapping.analysis.evacuation.spread`, the function behind its ``--json``. The
print never routes again: it shows the routes that were saved, with the date they
were computed, so the paper, the map window and the exported layer agree.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from layers.errors import QuartierError
from layers.i18n import N_, language, ntr, tr
from mapping.export.print_panel import PanelRow, RowKind, Swatch, smaller
from mapping.project import Project
from mapping.render.renderer import MapRenderer

#: Layer the evacuation analysis writes (one line per routed building).
ROUTES_LAYER = "evacuation_routes"
#: Evacuation routes are purple (no hazard class, road or transport line is), over a
#: white casing so they read on the hazard colours.
ROUTE_COLOUR = "#6a1b9a"
ROUTE_CASING = "#ffffff"
#: Buildings with no safe route: a black cross over a white halo.
NO_ROUTE_COLOUR = "#111111"
#: Hazard class names by their stored code (the ``avoid`` list of routes layers saved
#: before ``avoid_names`` was).
_CLASS_NAMES = {1: "low", 2: "medium", 3: "high"}
#: Month names, for the date routes were computed ("7 December 2026").
MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
          N_("July"), N_("August"), N_("September"), N_("October"), N_("November"),
          N_("December"))


def date_words(when: dt.date) -> str:
    """A date in the current language: "7 December 2026", "7 Desemba 2026"."""
    return tr("{day} {month} {year}", day=when.day, month=tr(MONTHS[when.month - 1]),
              year=when.year)


@dataclass(frozen=True)
class Evacuation:
    """The evacuation routes saved in the project, and their figures."""

    #: Hazard layer the routes avoid.
    hazard: str
    #: Names of the hazard classes avoided, lowest first.
    avoided: tuple[str, ...]
    #: When the routes were computed ("7 December 2026"), or "".
    computed: str
    #: Every route vertex, working-CRS metres, shape (n, 2), route after route.
    coords: np.ndarray
    #: Which route (line part) each vertex belongs to, shape (n,), ascending.
    parts: np.ndarray
    #: Buildings routed to each destination uuid.
    assigned: dict[str, int]
    #: Median walking time to each destination uuid, seconds.
    median_walk_s: dict[str, float]
    #: Buildings in the project, and how many have a route.
    buildings: int
    routed: int
    #: Working-CRS centres of the buildings with no safe route, shape (k, 2).
    no_route_xy: np.ndarray
    #: Walking time of the routes: ``{"median", "p90", "max"}`` seconds (None: no route).
    walk_s: dict[str, float | None]
    #: Where the routes to each destination uuid end (the destination), working CRS.
    ends: dict[str, tuple[float, float]] = field(default_factory=dict)
    #: People routed to each destination uuid, rounded up (empty when not known).
    assigned_people: dict[str, int] = field(default_factory=dict)

    @property
    def no_safe_route(self) -> int:
        """How many buildings have no safe route."""
        return self.buildings - self.routed

    def extent(self) -> tuple[float, float, float, float] | None:
        """Box of the routes and of the buildings with no route (working CRS)."""
        every = np.concatenate([self.coords, self.no_route_xy])
        if not len(every):
            return None
        return (float(every[:, 0].min()), float(every[:, 1].min()),
                float(every[:, 0].max()), float(every[:, 1].max()))

    def in_extent(self, extent: tuple[float, float, float, float]) -> bool:
        """Whether any route vertex or building with no route lies inside ``extent``."""
        minx, miny, maxx, maxy = extent
        every = np.concatenate([self.coords, self.no_route_xy])
        return bool(((every[:, 0] >= minx) & (every[:, 0] <= maxx) & (every[:, 1] >= miny)
                     & (every[:, 1] <= maxy)).any())


def _layer_row(project: Project, name: str) -> tuple[dict, str]:
    """The stored style (analysis parameters) and the date a layer was added."""
    try:
        record = project.store.record(name)
    except QuartierError:
        return {}, ""
    if record is None:
        return {}, ""
    style = record.style
    computed = ""
    try:
        when = dt.datetime.fromisoformat(str(record.added_at or None).replace("Z", "+00:00"))
        computed = date_words(when)
    except ValueError:
        pass
    return (style if isinstance(style, dict) else {}), computed


def read_evacuation(project: Project, working_crs: str) -> Evacuation | None:
    """The ``evacuation_routes`` layer with its figures; None when the project has none.

    Buildings with no safe route are the project's buildings (as the analysis reads
    them, :class:`mapping.analysis.evacuation.Buildings`) that no route starts from.
    """
    import shapely
    from pyproj import Transformer

    from mapping.analysis.evacuation import Buildings, spread

    if ROUTES_LAYER not in project.layer_names():
        return None
    try:
        frame = project.read_layer(ROUTES_LAYER)
        buildings = Buildings.from_project(project)
    except QuartierError:
        return None
    if not {"building_fid", "destination", "walk_s"} <= set(frame.columns):
        return None
    style, computed = _layer_row(project, ROUTES_LAYER)
    forward = Transformer.from_crs("EPSG:4326", working_crs, always_xy=True)
    destinations = frame["destination"].astype("string").fillna("")
    # All routes at once: their parts, their vertices, one projection.
    parts, which = shapely.get_parts(frame.geometry.to_numpy(), return_index=True)
    lonlat, part = shapely.get_coordinates(parts, return_index=True)
    coords = (np.column_stack(forward.transform(lonlat[:, 0], lonlat[:, 1]))
              if len(lonlat) else np.empty((0, 2)))
    ends: dict[str, tuple[float, float]] = {}
    if len(part):
        # A route ends at its destination: the last vertex of its last part.
        row = which[part]
        final = np.flatnonzero(np.r_[row[1:] != row[:-1], True])
        names = destinations.to_numpy(dtype=object)[row[final]].astype(str)
        unique, first = np.unique(names, return_index=True)
        ends = {str(name): (float(coords[final[k], 0]), float(coords[final[k], 1]))
                for name, k in zip(unique, first, strict=True)}
    walk = pd.to_numeric(frame["walk_s"], errors="coerce")
    assigned = {str(k): int(v) for k, v in destinations.value_counts().items() if k}
    median = {str(k): float(times.median()) for k, times in walk.groupby(destinations)
              if k and times.notna().any()}
    routed_fids = pd.to_numeric(frame["building_fid"], errors="coerce").dropna()
    missing = ~np.isin(buildings.fids, routed_fids.to_numpy(dtype=np.int64))
    lonlat = buildings.lonlat[missing]
    no_route = (np.column_stack(forward.transform(lonlat[:, 0], lonlat[:, 1]))
                if len(lonlat) else np.empty((0, 2)))
    # The names of the hazard layer's own classes; routes saved before they were
    # stored keep the codes of the three classes low, medium, high.
    names = style.get("avoid_names")
    if isinstance(names, list) and names:
        avoided = tuple(str(name) for name in names)
    else:
        avoid = style.get("avoid", [])
        avoided = tuple(_CLASS_NAMES.get(int(code), str(code)) for code in
                        (avoid if isinstance(avoid, list) else []))
    values = walk.to_numpy(dtype=np.float64)
    people: dict[str, int] = {}
    if "people" in frame.columns:  # saved when the buildings' people were known
        counts = pd.to_numeric(frame["people"], errors="coerce").fillna(0.0)
        people = {str(k): int(math.ceil(round(float(v), 6)))
                  for k, v in counts.groupby(destinations).sum().items() if k}
    return Evacuation(
        hazard=str(style.get("hazard", "")), avoided=avoided, computed=computed, coords=coords,
        parts=part, assigned=assigned, median_walk_s=median, buildings=int(len(buildings.fids)),
        routed=int(len(buildings.fids) - missing.sum()), no_route_xy=no_route,
        walk_s=spread(values[np.isfinite(values)]), ends=ends, assigned_people=people)


# ------------------------------------------------------------------------------ words


#: Counted nouns the print writes, both forms, for :func:`plural` (a catalogue message each).
_COUNTED_NOUNS = {
    "building": lambda n, count: ntr("{count} building", "{count} buildings", n, count=count),
    "person": lambda n, count: ntr("{count} person", "{count} people", n, count=count),
}


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``1 building``, ``3 buildings`` (numbers with thousands separators), in the current
    language for the nouns the print uses ("building", "person")."""
    from mapping.analysis.report import number

    words = _COUNTED_NOUNS.get(noun)
    if words is not None:
        return words(count, number(count))
    return f"{count:,} {noun if count == 1 else (nouns or noun + 's')}"


def minutes(seconds: float) -> str:
    """Seconds as minutes to read: one decimal under an hour, whole minutes above."""
    from mapping.analysis.report import number

    value = seconds / 60.0
    return tr("{minutes} min", minutes=number(value, 1) if value < 60 else number(value))


def _either(words: list[str]) -> str:
    """``high``, ``medium or high``, ``low, medium or high``."""
    if len(words) == 1:
        return words[0]
    return tr("{first} or {last}", first=", ".join(words[:-1]), last=words[-1])


def _both(words: list[str]) -> str:
    """``high``, ``medium and high``, ``low, medium and high``."""
    if len(words) == 1:
        return words[0]
    return tr("{first} and {last}", first=", ".join(words[:-1]), last=words[-1])


def load_words(shelter_uuid: str, capacity: str, evacuation: Evacuation) -> str:
    """A shelter's load: ``140/120 people`` (people routed / its room in people) when
    the people are known, else ``89 buildings`` (buildings and people do not compare)."""
    from mapping.analysis.report import number

    if evacuation.assigned_people:
        people = evacuation.assigned_people.get(shelter_uuid, 0)
        return (tr("{people}/{capacity} people", people=number(people), capacity=capacity)
                if capacity else plural(people, "person", "people"))
    return plural(evacuation.assigned.get(shelter_uuid, 0), "building")


# ------------------------------------------------------------------------------ figures


def hazard_to_count(renderer: MapRenderer, hazard: str | None,
                    evacuation: Evacuation | None) -> str | None:
    """The hazard layer whose exposure is printed: the one asked for, else the one the
    routes avoid, else the top hazard layer of the map; None without hazard layers."""
    hazards = [s.name for s in reversed(renderer.layer_states()) if s.kind == "hazard"]
    if hazard is not None:
        return hazard
    if evacuation is not None and evacuation.hazard in hazards:
        return evacuation.hazard
    return hazards[0] if hazards else None


def _title(renderer: MapRenderer, name: str) -> str:
    """A layer's title as the map shows it, in the current language."""
    state = next((s for s in renderer.layer_states() if s.name == name), None)
    if state is None or not state.title:
        return name
    return state.shown_title


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _population_layers(project: Project, renderer: MapRenderer) -> list[str]:
    """Reference polygon layers with a population field (a census, a structures survey),
    not the layers an analysis wrote (an exposure result has a ``people`` column too)."""
    from mapping.analysis.exposure import POPULATION_NAMES

    try:
        results = {r.name for r in project.store.registry() if r.source == "analysis"}
    except QuartierError:
        results = set()
    found = []
    for state in renderer.layer_states():
        if state.kind != "reference" or state.name in results \
                or state.geometry not in ("polygon", "mixed"):
            continue
        try:
            fields = {f.casefold() for f in project.layer_fields(state.name)}
        except Exception:  # noqa: BLE001 - a layer GDAL cannot read has no population to print
            continue
        if fields & set(POPULATION_NAMES):
            found.append(state.name)
    return found


def exposure_rows(project: Project, renderer: MapRenderer, hazard: str) -> list[PanelRow]:
    """Buildings per class of ``hazard``, the affected total, and the people in the
    affected classes when a population layer exists; when they cannot be counted, the
    analysis's own sentence saying why (no buildings, none on the hazard...)."""
    from mapping.analysis.exposure import analyse

    try:
        result = analyse(project, hazard=hazard, exposure="buildings")
    except QuartierError as error:
        return [PanelRow(RowKind.TEXT, str(error))]
    from mapping.analysis.report import number
    from mapping.render.words import class_label

    title = _title(renderer, hazard)
    counts = result.to_json()["classes"]
    affected = [class_label(c.name) for c in result.scheme.classes if c.affected]
    rows = [PanelRow(RowKind.TEXT, tr("Buildings in each zone of {hazard}:", hazard=title))]
    for hazard_class in reversed(result.scheme.classes):
        label = _capital(class_label(hazard_class.name))
        count = int(counts[hazard_class.name])
        if hazard_class.affected:
            text = ntr("{label}: {count} building (affected)",
                       "{label}: {count} buildings (affected)", count, label=label,
                       count=number(count))
        else:
            text = ntr("{label}: {count} building", "{label}: {count} buildings", count,
                       label=label, count=number(count))
        rows.append(PanelRow(RowKind.TEXT, f"  {text}"))
    totals = result.totals
    if affected:
        count, total = int(totals["affected"]), int(totals["total"])
        if len(affected) == 1:
            text = ntr("{count} building of {total} stands in the {classes} zone.",
                       "{count} buildings of {total} stand in the {classes} zone.", count,
                       count=number(count), total=number(total), classes=affected[0])
        else:
            text = ntr("{count} building of {total} stands in the {classes} zones.",
                       "{count} buildings of {total} stand in the {classes} zones.", count,
                       count=number(count), total=number(total), classes=_either(affected))
        rows.append(PanelRow(RowKind.TEXT, text))
        for layer in _population_layers(project, renderer):
            try:
                people = analyse(project, hazard=hazard, exposure=layer, measure="people")
            except QuartierError:
                continue
            count = int(people.totals["affected"])
            rows.append(PanelRow(RowKind.TEXT, ntr(
                "About {count} person lives in those zones (from {layer}).",
                "About {count} people live in those zones (from {layer}).", count,
                count=number(count), layer=_title(renderer, layer))))
            break
    return rows


def evacuation_rows(renderer: MapRenderer, evacuation: Evacuation) -> list[PanelRow]:
    """Routed buildings, buildings with no safe route, and the walking times."""
    from mapping.analysis.report import number
    from mapping.render.words import class_label

    rows = [PanelRow(RowKind.TEXT, ntr(
        "{count} building of {total} has a safe walking route to a shelter.",
        "{count} buildings of {total} have a safe walking route to a shelter.",
        evacuation.routed, count=number(evacuation.routed),
        total=number(evacuation.buildings)))]
    if evacuation.no_safe_route:
        rows.append(PanelRow(RowKind.TEXT, ntr(
            "{count} building has no safe route (marked × on the map).",
            "{count} buildings have no safe route (marked × on the map).",
            evacuation.no_safe_route, count=number(evacuation.no_safe_route))))
    walk = evacuation.walk_s
    if walk["median"] is not None and walk["p90"] is not None:
        rows.append(PanelRow(RowKind.TEXT, tr(
            "Walk to a shelter: median {median}, 90% of routed buildings within {p90}.",
            median=minutes(walk["median"]), p90=minutes(walk["p90"]))))
    if evacuation.hazard:
        words = [class_label(word) for word in evacuation.avoided]
        hazard = _title(renderer, evacuation.hazard)
        if not words:
            text = (tr("Routes computed on {date}, avoiding {hazard}.",
                       date=evacuation.computed, hazard=hazard) if evacuation.computed
                    else tr("Routes computed, avoiding {hazard}.", hazard=hazard))
        elif evacuation.computed:
            text = ntr("Routes computed on {date}, avoiding the {classes} zone of {hazard}.",
                       "Routes computed on {date}, avoiding the {classes} zones of {hazard}.",
                       len(words), date=evacuation.computed, classes=_both(words),
                       hazard=hazard)
        else:
            text = ntr("Routes computed, avoiding the {classes} zone of {hazard}.",
                       "Routes computed, avoiding the {classes} zones of {hazard}.",
                       len(words), classes=_both(words), hazard=hazard)
        rows.append(PanelRow(RowKind.TEXT, text, size=0.85))
    return rows


def figure_rows(project: Project, renderer: MapRenderer, hazard: str | None,
                evacuation: Evacuation | None) -> list[PanelRow]:
    """The figures box of the risk map: exposure, then evacuation; [] when there is
    neither a hazard layer nor routes."""
    chosen = hazard_to_count(renderer, hazard, evacuation)
    rows = exposure_rows(project, renderer, chosen) if chosen is not None else []
    if evacuation is not None:
        rows.extend(evacuation_rows(renderer, evacuation))
    if not rows:
        return []
    return [PanelRow(RowKind.HEADING, tr("What the analysis found"), size=1.1),
            *(smaller(row, 0.95) for row in rows)]


#: Figures already counted, by project file state (a print dialog's preview asks again at
#: every change of paper or title; a city's exposure takes seconds).
_COUNTED: dict[tuple, tuple[Evacuation | None, tuple[PanelRow, ...]]] = {}
_COUNTED_KEPT = 4
_COUNTED_LOCK = threading.Lock()


def _file_state(path: Path) -> tuple:
    """Modification time and size of a project and of its SQLite write-ahead log."""
    state: list[tuple[int, int] | None] = []
    for part in (path, path.with_name(path.name + "-wal")):
        try:
            stat = part.stat()
            state.append((stat.st_mtime_ns, stat.st_size))
        except OSError:
            state.append(None)
    return tuple(state)


def analysis_for(project: Project, renderer: MapRenderer, hazard: str | None
                 ) -> tuple[Evacuation | None, tuple[PanelRow, ...]]:
    """The saved evacuation routes and the figures box of a risk map, counted once per
    state of the project file."""
    key = (str(project.path.resolve()), _file_state(project.path), hazard,
           renderer.working_crs, language())
    with _COUNTED_LOCK:
        known = _COUNTED.get(key)
    if known is not None:
        return known
    evacuation = read_evacuation(project, renderer.working_crs)
    counted = (evacuation, tuple(figure_rows(project, renderer, hazard, evacuation)))
    with _COUNTED_LOCK:  # a preview worker and the window may both print
        while len(_COUNTED) >= _COUNTED_KEPT:
            _COUNTED.pop(next(iter(_COUNTED)))
        _COUNTED[key] = counted
    return counted


def legend_rows(evacuation: Evacuation, route_width_pt: float) -> list[PanelRow]:
    """Legend lines for the routes and the buildings with no safe route."""
    rows = [PanelRow(RowKind.SWATCH, tr("Evacuation route"),
                     detail=tr("from each building to its nearest safe shelter"),
                     swatch=Swatch("line", stroke=ROUTE_COLOUR, casing=ROUTE_CASING,
                                   width=route_width_pt), size=1.1)]
    if evacuation.no_safe_route:
        rows.append(PanelRow(RowKind.SWATCH, tr("Building with no safe route"),
                             detail=tr("a number beside the cross: that many buildings "
                                       "there"),
                             swatch=Swatch("point", symbol="x", stroke=NO_ROUTE_COLOUR),
                             size=1.1))
    return rows
