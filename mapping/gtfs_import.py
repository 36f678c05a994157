"""A GTFS feed brought into a project as transport lines and stops, in one edit.

:func:`import_gtfs` reads a feed (a ``.zip`` or a folder of its tables) with
:func:`layers.gtfs_feed.read_feed`, checks it, plans one line per route and
direction (:mod:`mapping._gtfs_lines`: a route served the same both ways becomes
one two-way line) and saves every line and its stops as **drafts** in one
:class:`~mapping.editing.EditSession` edit: one transaction, so a failure or a
killed process leaves the project as it was, and one Undo removes the import.

What the lines keep, as the presets' tags (``resources/presets/transport.json``):
``ref`` (route_short_name), ``name`` (route_long_name), ``from``/``to`` (the
headsigns, else the end stops), ``operator`` (agency_name), ``colour``
(route_color), ``fare:min``/``fare:max``/``fare:currency`` (fare_attributes and
fare_rules), ``opening_hours``, ``interval`` and ``interval:HH-HH`` (frequencies.txt,
else the trips' departures: :mod:`mapping._gtfs_headways`), ``duration`` (the chosen
trip's), ``gtfs:route_id`` and, for a line of one direction, ``oneway=yes`` and
``gtfs:direction_id``. Each stop row is tagged ``gtfs:stop_id`` and its name, so
a stop shared by several lines stays one stop in an exported feed (the GTFS
export keys ``stops.txt`` by that tag). Every feature's ``source`` is the feed's
file name and its contributor the feed's publisher.

Route types: 3 (bus) and the 700 series (bus services) become bus lines (or the
preset given, such as ``transport_line/minibus`` for tro-tros and matatus); 717
(share taxi, the extended types' marshrutka and dolmuş) and the 1500 series
(taxis: 1501 is the communal taxi) become shared-taxi lines. Trams, trains,
ferries and the rest have no preset here: they are left out, and the report
says so.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import uuid as uuid_module
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer
from shapely.geometry import Point

from layers.errors import EmptyExtractError, InputFileError, OutsideAreaError, ValidationError
from layers.feature_rules import check_geometry, check_tags
from layers.gtfs_feed import GtfsFeed, read_feed
from layers.i18n import N_, ntr, tr
from layers.participatory import ParticipatoryLayer
from layers.presets import DEFAULT_LANGUAGE, Preset, PresetCatalogue, load_presets
from mapping._gtfs_headways import service_tags
from mapping._gtfs_lines import PlannedLine, PlannedStop, metric_transform, plan_lines
from mapping.edit_history import Change, Edit, EditAction, Feature, Said
from mapping.editing import STOP_PRESET, EditSession
from mapping.export.gtfs_service import service
from mapping.project import Project

__all__ = ["GtfsImportReport", "RefusedRoute", "import_gtfs", "import_read_feed"]

#: Lines farther than this outside the project area are left out (degrees, about 11 km).
AREA_MARGIN_DEG = 0.1
#: Preset of bus routes unless another is chosen.
BUS_PRESET = "transport_line/bus"
SHARE_TAXI_PRESET = "transport_line/share_taxi"
LINES = ParticipatoryLayer.TRANSPORT_LINES
STOPS = ParticipatoryLayer.TRANSPORT_STOPS
_MAX_LISTED = 5


@dataclass(frozen=True)
class RefusedRoute:
    """A route (or one direction of it) left out, and why."""

    #: "route 521 (7571215)", "route 23, direction 1".
    where: str
    #: Why, in plain words.
    reason: str
    #: Whether it was left out because an earlier import brought it in already.
    already_imported: bool = False


@dataclass(frozen=True)
class GtfsImportReport:
    """What a GTFS import did."""

    #: The feed's file or folder name (the features' ``source`` tag).
    source: str
    #: The new lines' uuids, in feed order.
    lines: tuple[str, ...]
    #: How many of them run both ways (the rest are ``oneway=yes``).
    two_way: int
    #: How many stop rows were added (one per stop of each line).
    stop_rows: int
    #: How many distinct feed stops they are (shared stops counted once).
    distinct_stops: int
    #: Routes or directions left out, with reasons.
    refused: tuple[RefusedRoute, ...]
    #: Things worth telling the user (warnings of the feed check among them).
    notes: tuple[str, ...]
    #: The edit saved (for :meth:`~mapping.editing.EditSession.adopt`: the window's Undo).
    edit: Edit | None = None


def import_gtfs(project_path: str | os.PathLike[str], feed_path: str | os.PathLike[str], *,
                contributor: str = "", preset_id: str | None = None,
                presets: PresetCatalogue | None = None, language: str = DEFAULT_LANGUAGE,
                session: EditSession | None = None, mapping_session: str | None = None,
                today: dt.date | None = None,
                progress: Callable[[str, float], None] | None = None) -> GtfsImportReport:
    """Import a GTFS feed into the project's transport lines and stops, as drafts, in one edit.

    Parameters
    ----------
    project_path
        The project ``.gpkg``.
    feed_path
        The feed's ``.zip``, or a folder of its tables (``.txt`` or ``.csv``).
    contributor
        Who imports (the edit's author); default: the feed's publisher.
    preset_id
        The preset of the bus routes (``transport_line/minibus``); default
        ``transport_line/bus``.
    session
        The open edit session to save in: the import is one Undo in it.
    mapping_session
        Without ``session``: the mapping session the import is recorded in (the window's,
        when the import runs off its thread); default a new one.
    today
        The date the feed's calendar is checked against (default: today).
    progress
        Called with a sentence and the fraction done.

    Raises
    ------
    QuartierError
        An unreadable, unsafe or broken feed, a feed for another place, or nothing to
        import: in plain words, and nothing is written.
    """
    _report(progress, tr("Reading {name}", name=Path(feed_path).name), 0.0)
    feed = read_feed(feed_path)
    return import_read_feed(project_path, feed, contributor=contributor, preset_id=preset_id,
                            presets=presets, language=language, session=session,
                            mapping_session=mapping_session, today=today, progress=progress)


def import_read_feed(project_path: str | os.PathLike[str], feed: GtfsFeed, *,
                     contributor: str = "", preset_id: str | None = None,
                     presets: PresetCatalogue | None = None, language: str = DEFAULT_LANGUAGE,
                     session: EditSession | None = None, mapping_session: str | None = None,
                     today: dt.date | None = None,
                     progress: Callable[[str, float], None] | None = None) -> GtfsImportReport:
    """:func:`import_gtfs` for a feed already read with :func:`~layers.gtfs_feed.read_feed`."""
    catalogue = presets if presets is not None else load_presets()
    bus = _line_preset(catalogue, preset_id or BUS_PRESET, language)
    share_taxi = _line_preset(catalogue, SHARE_TAXI_PRESET, language)
    stop_preset = catalogue.get(STOP_PRESET)
    assert stop_preset is not None
    tables = feed.tables
    _report(progress, tr("Checking the feed"), 0.15)
    notes = list(feed.notes) + _checked(tables, today or dt.date.today())
    stop_points = _stop_points(tables["stops"])
    _check_references(tables, set(stop_points))
    project = Project(project_path)
    try:
        area = project.metadata.area_of_interest
        crs = project.metadata.working_crs or "EPSG:3857"
        existing = project.read_layer(str(LINES), columns=["tags"])["tags"]
    finally:
        project.close()
    to_metres = metric_transform(Transformer.from_crs("EPSG:4326", crs, always_xy=True).transform)
    _report(progress, tr("Drawing the lines"), 0.3)
    refused: list[RefusedRoute] = []
    routes = tables["routes"]
    presets_by_route = {}
    for route in routes.to_dict("records"):
        preset = _route_preset(route.get("route_type", ""), bus, share_taxi)
        if preset is None:
            refused.append(RefusedRoute(_route_words(route), _type_reason(route)))
        else:
            presets_by_route[route["route_id"]] = preset
    kept = dict(tables)
    kept["routes"] = routes[routes["route_id"].isin(presets_by_route)]
    planned = plan_lines(kept, stop_points, to_metres)
    planned = _inside(planned, area, feed.source, refused, notes)
    planned = _not_yet_imported(planned, existing, feed.source, refused)
    publisher = _publisher(tables)
    agencies = _agencies(tables.get("agency"))
    fares = _fares(tables)
    if session is not None:
        mapping_session = session.mapping_session
    mapping_session = mapping_session or str(uuid_module.uuid4())
    stop_tags: dict[str, dict[str, str]] = {}
    features: list[tuple[Feature, list[Feature]]] = []
    for line in planned:
        try:
            features.append(_features(line, presets_by_route[line.route_id], stop_preset,
                                      agencies, fares, feed.source, publisher, mapping_session,
                                      stop_tags, language, notes))
        except ValidationError as error:
            refused.append(RefusedRoute(_line_words(line), str(error)))
    if not features and refused and all(r.already_imported for r in refused):
        raise EmptyExtractError(tr("Every line of {source} is already in the project "
                                   "(imported before), so nothing was changed.",
                                   source=feed.source))
    if not features:
        listed = "; ".join(f"{r.where}: {r.reason}" for r in refused[:_MAX_LISTED])
        raise EmptyExtractError(tr("Nothing in {source} can be imported, so the project was "
                                   "not changed. {listed}", source=feed.source, listed=listed))
    _report(progress, ntr("Saving {n} line", "Saving {n} lines", len(features)), 0.7)
    who = (session.contributor if session is not None else contributor.strip() or publisher)
    edit = _save(project_path, who, mapping_session, features, feed.source, session)
    _report(progress, tr("Done"), 1.0)
    stop_ids = {s.tags["gtfs:stop_id"] for _, stops in features for s in stops}
    no_wait = [f for f, _ in features if "interval" not in f.tags
               and not any(k.startswith("interval:") for k in f.tags)]
    if no_wait:
        notes.append(ntr("{n} line has a single departure in the feed and no frequencies, so "
                         "no wait between vehicles is known: type it (Wait between vehicles) "
                         "before exporting it to GTFS.",
                         "{n} lines have a single departure in the feed and no frequencies, "
                         "so no wait between vehicles is known: type it (Wait between "
                         "vehicles) before exporting them to GTFS.", len(no_wait)))
    return GtfsImportReport(feed.source, tuple(f.uuid for f, _ in features),
                            sum(1 for f, _ in features if f.tags.get("oneway") != "yes"),
                            sum(len(stops) for _, stops in features), len(stop_ids),
                            tuple(refused), tuple(dict.fromkeys(notes)), edit)


# Checking the feed ------------------------------------------------------------------------

def _checked(tables: Mapping[str, pd.DataFrame], today: dt.date) -> list[str]:
    """The feed check's warnings, one note per kind; its errors stop the import (nothing
    written). The check is :func:`layers.gtfs_check.check_feed` (the GTFS export's)."""
    try:
        from layers.gtfs_check import check_feed
    except ImportError:  # pragma: no cover - the check ships with Quartier
        return []
    found = check_feed(dict(tables), today=today)
    if found.errors:
        messages = _by_kind(found.errors)
        raise InputFileError(ntr("The feed breaks the rules of GTFS in {n} place, so nothing "
                                 "was imported: {problems}",
                                 "The feed breaks the rules of GTFS in {n} places, so nothing "
                                 "was imported: {problems}", len(found.errors),
                                 problems=" ".join(messages[:8])))
    return _by_kind(found.warnings)


def _by_kind(findings: Iterable[Any]) -> list[str]:
    """One sentence per kind of finding: the first, and how many more like it."""
    groups: dict[str, list[str]] = {}
    for finding in findings:
        groups.setdefault(getattr(finding, "code", ""), []).append(
            str(getattr(finding, "message", finding)))
    return [ntr("{first} ({n} more like this.)", "{first} ({n} more like this.)",
                len(messages) - 1, first=messages[0]) if len(messages) > 1 else messages[0]
            for messages in groups.values()]


def _line_no(index: int) -> int:
    return index + 2


def _stop_points(stops: pd.DataFrame) -> dict[str, PlannedStop]:
    lat = pd.to_numeric(stops["stop_lat"], errors="coerce").to_numpy()
    lon = pd.to_numeric(stops["stop_lon"], errors="coerce").to_numpy()
    bad = ~(np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180))
    used = np.ones(len(stops), dtype=bool)
    if "location_type" in stops:  # stations and entrances have no trips; may lack places
        used = stops["location_type"].isin(["", "0"]).to_numpy()
    bad &= used
    if bad.any():
        first = int(bad.argmax())
        raise InputFileError(tr(
            "stops.txt, line {line}: stop {stop!r} has no valid place (latitude {lat!r}, "
            "longitude {lon!r}). Nothing was imported.", line=_line_no(first),
            stop=stops['stop_id'].iloc[first], lat=stops['stop_lat'].iloc[first],
            lon=stops['stop_lon'].iloc[first]))
    names = stops["stop_name"] if "stop_name" in stops else pd.Series([""] * len(stops))
    codes = stops["stop_code"] if "stop_code" in stops else pd.Series([""] * len(stops))
    points = {}
    for stop_id, name, code, x, y, ok in zip(stops["stop_id"], names, codes, lon, lat, used,
                                             strict=True):
        if ok:
            points[stop_id] = PlannedStop(stop_id, name or code or f"Stop {stop_id}", Point(x, y))
    return points


def _check_references(tables: Mapping[str, pd.DataFrame], stop_ids: set[str]) -> None:
    """What the import itself relies on: known ids, numbers and times where needed."""
    trips, stop_times, routes = tables["trips"], tables["stop_times"], tables["routes"]
    _unknown(trips, "route_id", set(routes["route_id"]), "trips.txt", "route", "routes.txt")
    _unknown(stop_times, "trip_id", set(trips["trip_id"]), "stop_times.txt", "trip",
             "trips.txt")
    # A station or entrance (location_type 1-4) is no stop a vehicle serves.
    _unknown(stop_times, "stop_id", stop_ids, "stop_times.txt", "stop",
             "stops.txt (as a stop, location_type 0)")
    sequence = stop_times["stop_sequence"].str.fullmatch(r"\s*\d+\s*")
    if not sequence.all():
        first = int((~sequence).to_numpy().argmax())
        raise InputFileError(tr("stop_times.txt, line {line}: the stop_sequence {value!r} is "
                                "not a whole number. Nothing was imported.",
                                line=_line_no(first),
                                value=stop_times['stop_sequence'].iloc[first]))
    for column in ("arrival_time", "departure_time"):
        if column in stop_times:
            _times(stop_times[column], "stop_times.txt", column, allow_empty=True)
    frequencies = tables.get("frequencies")
    if frequencies is not None and not frequencies.empty:
        _unknown(frequencies, "trip_id", set(trips["trip_id"]), "frequencies.txt", "trip",
                 "trips.txt")
        starts = _times(frequencies["start_time"], "frequencies.txt", "start_time")
        ends = _times(frequencies["end_time"], "frequencies.txt", "end_time")
        for index, (start, end, headway) in enumerate(zip(starts, ends,
                                                          frequencies["headway_secs"],
                                                          strict=True)):
            if not headway.strip().isdigit() or int(headway) <= 0:
                raise InputFileError(tr("frequencies.txt, line {line}: the headway {value!r} "
                                        "is not a positive number of seconds. Nothing was "
                                        "imported.", line=_line_no(index), value=headway))
            if start is not None and end is not None and end <= start:
                raise InputFileError(tr("frequencies.txt, line {line}: the band ends before it "
                                        "starts. Nothing was imported.", line=_line_no(index)))


def _unknown(frame: pd.DataFrame, column: str, known: set[str], file_name: str, what: str,
             other: str) -> None:
    missing = ~frame[column].isin(known).to_numpy()
    if missing.any():
        first = int(missing.argmax())
        count = int(missing.sum())
        raise InputFileError(ntr(
            "{file}, line {line}, names the {what} {value!r}, which {other} does not list. "
            "Nothing was imported.",
            "{file}, line {line}, names the {what} {value!r}, which {other} does not list "
            "({n} rows name ids it does not list). Nothing was imported.", count,
            file=file_name, line=_line_no(first), what=what, value=frame[column].iloc[first],
            other=other))


def _times(values: pd.Series, file_name: str, column: str, allow_empty: bool = False
           ) -> list[int | None]:
    """Times in seconds after midnight (None for an empty cell, when allowed)."""
    text = values.str.strip()
    good = text.str.fullmatch(r"\d+:[0-5]\d:[0-5]\d") | (text.eq("") if allow_empty else False)
    if not good.all():
        index = int((~good).to_numpy().argmax())
        raise InputFileError(tr("{file}, line {line}: {column} {value!r} is not a time "
                                "written HH:MM:SS (hours may pass 24 for service after "
                                "midnight, as 25:30:00). Nothing was imported.",
                                file=file_name, line=_line_no(index), column=column,
                                value=values.iloc[index]))
    parts = text.str.split(":", expand=True)
    if parts.shape[1] < 3:
        return [None] * len(values)
    numbers = [pd.to_numeric(parts[i], errors="coerce") for i in range(3)]
    total = numbers[0] * 3600 + numbers[1] * 60 + numbers[2]
    return [None if pd.isna(v) else int(v) for v in total]


# Choosing what to import ------------------------------------------------------------------

def _line_preset(catalogue: PresetCatalogue, preset_id: str, language: str) -> Preset:
    preset = catalogue.get(preset_id)
    if preset is None or preset.layer is not LINES:
        known = ", ".join(p.id for p in catalogue.for_layer(LINES))
        raise ValidationError(tr("{preset!r} is not a transport line preset; use one of: "
                                 "{known}.", preset=preset_id, known=known))
    return preset


def _route_preset(route_type: str, bus: Preset, share_taxi: Preset) -> Preset | None:
    text = str(route_type).strip()
    if not text.isdigit():
        return None
    kind = int(text)
    if kind == 717 or 1500 <= kind <= 1599:
        return share_taxi
    if kind == 3 or 700 <= kind <= 799 or 200 <= kind <= 299:
        return bus
    return None


_TYPE_WORDS = {0: N_("a tram line"), 1: N_("a metro line"), 2: N_("a railway"),
               4: N_("a ferry"), 5: N_("a cable tram"), 6: N_("an aerial lift"),
               7: N_("a funicular"), 11: N_("a trolleybus line"), 12: N_("a monorail")}


def _type_reason(route: Mapping[str, str]) -> str:
    text = str(route.get("route_type", "")).strip()
    kind = _TYPE_WORDS.get(int(text)) if text.isdigit() else None
    if kind is None:
        return tr("it is of route type {type!r}; Quartier imports bus, minibus and shared-taxi "
                  "routes (route_type 3, the 700s, 717 and the 1500s)", type=text)
    return tr("it is {what}; Quartier imports bus, minibus and shared-taxi routes "
              "(route_type 3, the 700s, 717 and the 1500s)", what=tr(kind))


def _route_words(route: Mapping[str, str]) -> str:
    short = route.get("route_short_name") or route.get("route_long_name") or ""
    return (tr("route {name} ({id})", name=short, id=route['route_id']) if short
            else tr("route {id}", id=route['route_id']))


def _line_words(line: PlannedLine) -> str:
    words = _route_words(line.route)
    return words if line.direction is None else tr("{route}, direction {direction}",
                                                   route=words, direction=line.direction)


def _inside(planned: list[PlannedLine], area: tuple[float, float, float, float], source: str,
            refused: list[RefusedRoute], notes: list[str]) -> list[PlannedLine]:
    west, south, east, north = area
    near = shapely.box(west - AREA_MARGIN_DEG, south - AREA_MARGIN_DEG,
                       east + AREA_MARGIN_DEG, north + AREA_MARGIN_DEG)
    inside = [line for line in planned if line.geometry.intersects(near)]
    if planned and not inside:
        centre = shapely.MultiPoint([line.geometry.centroid for line in planned]).centroid
        raise OutsideAreaError(ntr(
            "The {n} line of {source} does not pass through the project area (the feed is "
            "centred at {lat:.3f}, {lon:.3f}; the project at {project_lat:.3f}, "
            "{project_lon:.3f}): is it the feed of another town? Nothing was imported.",
            "None of the {n} lines of {source} passes through the project area (the feed is "
            "centred at {lat:.3f}, {lon:.3f}; the project at {project_lat:.3f}, "
            "{project_lon:.3f}): is it the feed of another town? Nothing was imported.",
            len(planned), source=source, lat=centre.y, lon=centre.x,
            project_lat=(south + north) / 2, project_lon=(west + east) / 2))
    if len(inside) < len(planned):
        notes.append(ntr("{n} line of the feed lies entirely outside the project area and was "
                         "left out.",
                         "{n} lines of the feed lie entirely outside the project area and were "
                         "left out.", len(planned) - len(inside)))
    return inside


def _identity(tags: Mapping[str, str]) -> tuple[str, str, str]:
    return (tags.get("source", ""), tags.get("gtfs:route_id", ""),
            tags.get("gtfs:direction_id", ""))


def _not_yet_imported(planned: list[PlannedLine], existing: pd.Series, source: str,
                      refused: list[RefusedRoute]) -> list[PlannedLine]:
    """Leave out lines an earlier import of the same feed brought in (importing twice adds
    nothing)."""
    seen = {_identity(json.loads(text)) for text in existing if isinstance(text, str) and text}
    fresh = []
    for line in planned:
        if (source, line.route_id, line.direction or "") in seen:
            refused.append(RefusedRoute(_line_words(line), tr(
                "it is already in the project (imported from {source} before)", source=source),
                already_imported=True))
        else:
            fresh.append(line)
    return fresh


# Tags -------------------------------------------------------------------------------------

def _publisher(tables: Mapping[str, pd.DataFrame]) -> str:
    info = tables.get("feed_info")
    if info is not None and not info.empty and "feed_publisher_name" in info:
        name = str(info["feed_publisher_name"].iloc[0]).strip()
        if name:
            return name
    agency = tables.get("agency")
    if agency is not None and not agency.empty and "agency_name" in agency:
        names = [n for n in dict.fromkeys(agency["agency_name"]) if n]
        if names:
            return ", ".join(names[:3])
    return "GTFS import"


def _agencies(agency: pd.DataFrame | None) -> dict[str, str]:
    if agency is None or agency.empty or "agency_name" not in agency:
        return {}
    ids = agency["agency_id"] if "agency_id" in agency else pd.Series([""] * len(agency))
    names = dict(zip(ids, agency["agency_name"], strict=True))
    if len(agency) == 1:
        names[""] = str(agency["agency_name"].iloc[0])
    return names


def _fares(tables: Mapping[str, pd.DataFrame]) -> dict[str, tuple[float, float, str]]:
    """(lowest, highest, currency) by route_id; "" for fares that apply to every route."""
    attributes = tables.get("fare_attributes")
    if attributes is None or attributes.empty:
        return {}
    prices = {}
    for fare_id, price, currency in zip(attributes["fare_id"], attributes["price"],
                                        attributes["currency_type"], strict=True):
        with contextlib.suppress(ValueError):
            prices[fare_id] = (float(price), currency.strip().upper())
    rules = tables.get("fare_rules")
    by_route: dict[str, list[tuple[float, str]]] = {}
    if rules is None or rules.empty:
        by_route[""] = list(prices.values())
    else:
        routes = rules["route_id"] if "route_id" in rules else pd.Series([""] * len(rules))
        for fare_id, route_id in zip(rules["fare_id"], routes, strict=True):
            if fare_id in prices:
                by_route.setdefault(route_id, []).append(prices[fare_id])
    out = {}
    for route_id, found in by_route.items():
        currencies = [c for _, c in found]
        currency = max(set(currencies), key=currencies.count) if currencies else ""
        amounts = [p for p, c in found if c == currency]
        if amounts:
            out[route_id] = (min(amounts), max(amounts), currency)
    return out


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _clock(duration: int) -> str:
    return f"{duration // 3600:02d}:{duration % 3600 // 60:02d}:{duration % 60:02d}"


def _line_tags(line: PlannedLine, agencies: Mapping[str, str],
               fares: Mapping[str, tuple[float, float, str]], source: str,
               notes: list[str]) -> dict[str, str]:
    route = line.route
    first, last = line.stops[0].name, line.stops[-1].name
    there, back = line.headsigns
    tags = {"ref": route.get("route_short_name", ""), "name": route.get("route_long_name", ""),
            "from": back if line.direction is None and back else first,
            "to": there or last,
            "operator": agencies.get(route.get("agency_id", ""), agencies.get("", "")),
            "description": route.get("route_desc", ""), "gtfs:route_id": line.route_id,
            "source": source}
    colour = str(route.get("route_color", "")).strip().lstrip("#")
    if len(colour) == 6 and all(c in "0123456789abcdefABCDEF" for c in colour):
        tags["colour"] = f"#{colour.lower()}"
    if line.direction is not None:
        tags["oneway"] = "yes"
        tags["gtfs:direction_id"] = line.direction
    fare = fares.get(line.route_id) or fares.get("")
    if fare:
        tags["fare:min"], tags["fare:max"] = _number(fare[0]), _number(fare[1])
        if len(fare[2]) == 3 and fare[2].isalpha():
            tags["fare:currency"] = fare[2]
    if line.duration_s:
        tags["duration"] = _clock(line.duration_s)
    timing = service_tags(line.rows, line.days)
    tags.update(timing)
    if timing:
        read_back = service(timing, "")
        if read_back is None or list(read_back.frequencies) != line.rows:
            notes.append(tr("{line}: its service ({hours}) cannot be written exactly as the "
                            "GTFS export reads tags; check its days and waits.",
                            line=_line_words(line), hours=timing.get('opening_hours')))
    return {k: v for k, v in tags.items() if v}


def _features(line: PlannedLine, preset: Preset, stop_preset: Preset,
              agencies: Mapping[str, str], fares: Mapping[str, tuple[float, float, str]],
              source: str, publisher: str, mapping_session: str,
              stop_tags: dict[str, dict[str, str]], language: str, notes: list[str]
              ) -> tuple[Feature, list[Feature]]:
    if len(line.stops) < 2:
        raise ValidationError(ntr("its trips serve {n} stop; a line needs two",
                                  "its trips serve {n} stops; a line needs two",
                                  len(line.stops)))
    tags = check_tags(preset, _line_tags(line, agencies, fares, source, notes), language)
    geometry = check_geometry(LINES, line.geometry).geometry
    feature = Feature(layer=LINES, uuid=str(uuid_module.uuid4()), preset=preset.id, tags=tags,
                      geometry=geometry, contributor=publisher, mapping_session=mapping_session)
    stops = []
    for number, stop in enumerate(line.stops, start=1):
        if stop.stop_id not in stop_tags:  # a stop shared by many lines is checked once
            stop_tags[stop.stop_id] = check_tags(
                stop_preset, {"name": stop.name[:255], "gtfs:stop_id": stop.stop_id,
                              "source": source}, language)
        stops.append(Feature(layer=STOPS, uuid=str(uuid_module.uuid4()), preset=stop_preset.id,
                             tags=stop_tags[stop.stop_id], geometry=stop.point,
                             contributor=publisher, mapping_session=mapping_session,
                             line_uuid=feature.uuid, stop_sequence=number))
    return feature, stops


# Saving -----------------------------------------------------------------------------------

def _save(project_path: str | os.PathLike[str], contributor: str, mapping_session: str,
          features: list[tuple[Feature, list[Feature]]], source: str,
          open_session: EditSession | None) -> Edit | None:
    with (contextlib.nullcontext(open_session) if open_session is not None
          else EditSession(project_path, contributor, mapping_session)) as session:
        note = f"imported from {source}"
        changes = []
        for line, stops in features:
            changes.append(Change(LINES, line.uuid, None, line, EditAction.CREATE, note))
            changes += [Change(STOPS, stop.uuid, None, stop, EditAction.CREATE, note)
                        for stop in stops]
        # One edit: one transaction for every line and stop, and one Undo for the import.
        return session.commit_changes(Said.counted(
            _IMPORTED, _IMPORTED_MANY, len(features), file=Path(source).name), changes)


#: An import's description in the Undo menu (said by :class:`Said` when shown).
_IMPORTED, _IMPORTED_MANY = ("Import {n} transport line from {file}",
                             "Import {n} transport lines from {file}")


def _imported_words(n: int, file: str) -> str:
    """The import's description now: the call that puts it in the catalogues."""
    return ntr("Import {n} transport line from {file}", "Import {n} transport lines from {file}",
               n, file=file)


def _report(progress: Callable[[str, float], None] | None, message: str, fraction: float
            ) -> None:
    if progress is not None:
        progress(message, fraction)
