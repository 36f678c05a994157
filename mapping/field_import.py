"""Bringing field data into a project's participatory layers, in one edit.

:func:`import_field_data` reads a file with :func:`layers.field_data.read_field_data`,
turns each record into a feature (its preset, its tags through a field → tag mapping,
its shape checked for the layer) and saves every accepted feature as a **draft** in
one :class:`~mapping.editing.EditSession` edit: one transaction, so a failure leaves
the project as it was, and one Undo removes the whole import. Each feature records
its source (the ``source`` tag: the file's name) and its contributor (who collected
it when the file says, else who imports). Rows the presets' rules refuse are listed
with their reasons; the rest are imported.

The whole file is checked before the project is opened for writing: a file whose
latitudes and longitudes are swapped, or from which nothing can be imported, is
refused and the project is not touched.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from layers.errors import InputFileError, ValidationError
from layers.feature_rules import check_geometry, check_tags
from layers.field_data import FieldData, FieldRecord, coordinates_swapped, read_field_data
from layers.i18n import N_, ntr, tr
from layers.participatory import ParticipatoryLayer
from layers.presets import DEFAULT_LANGUAGE, Preset, PresetCatalogue, fold, load_presets
from mapping.edit_history import Change, EditAction, Feature, Said
from mapping.editing import STOP_PRESET, EditSession
from mapping.project import Project

#: A citizen report or a point given for a risk zone becomes a circle this wide (metres).
REPORT_RADIUS_M = 25.0
#: Records farther than this outside the project area are refused (degrees, about 11 km).
AREA_MARGIN_DEG = 0.1
#: Answers that fill a tag without a mapping, by field name (lower case, last part).
_ALIASES = {"name": "name", "description": "description", "desc": "description",
            "text": "description", "message": "description", "comment": "description",
            "cmt": "description", "details": "description"}
#: Columns naming what a record is, looked up among the layer's presets.
_KIND_COLUMNS = ("preset", "category", "type", "kind", "hazard", "hazard_type", "facility_type")
_DATE_COLUMNS = ("time", "date", "reported_at", "submissiondate")


@dataclass(frozen=True)
class RefusedRecord:
    """A row or feature left out, and why."""

    #: Its place in the file ("line 7", "waypoint 2").
    where: str
    #: Why, in plain words.
    reason: str


@dataclass(frozen=True)
class ProposedStop:
    """A place where a recorded vehicle stood still, for a facilitator to confirm as a stop."""

    #: The imported line it belongs to.
    line_uuid: str
    #: Longitude and latitude.
    lon: float
    lat: float
    #: How long the vehicle stood there (seconds).
    seconds: float


@dataclass(frozen=True)
class ImportReport:
    """What an import did."""

    #: The layer filled.
    layer: ParticipatoryLayer
    #: The file's name (the features' ``source`` tag).
    source: str
    #: The new features' uuids, in file order.
    imported: tuple[str, ...]
    #: What was left out, with reasons.
    refused: tuple[RefusedRecord, ...]
    #: Stops proposed along imported tracks (not added: a facilitator confirms them).
    proposed_stops: tuple[ProposedStop, ...]
    #: Things worth telling the user.
    notes: tuple[str, ...]


def parse_tags(pairs: list[str] | None) -> dict[str, str]:
    """``["KEY=VALUE", ...]`` as a dict; ValidationError for a malformed pair."""
    tags: dict[str, str] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValidationError(tr("--tag “{pair}” is not KEY=VALUE (for example "
                                     "interval=10).", pair=pair))
        tags[key.strip()] = value.strip()
    return tags


def parse_mapping(text: str | None) -> dict[str, str]:
    """``"FIELD=KEY,FIELD2=KEY2"`` as a dict; ValidationError for a malformed pair."""
    mapping: dict[str, str] = {}
    for pair in (text or "").split(","):
        if not pair.strip():
            continue
        field_name, sep, key = pair.partition("=")
        if not sep or not field_name.strip() or not key.strip():
            raise ValidationError(tr("--map “{pair}” is not FIELD=KEY (for example "
                                     "facility_name=name).", pair=pair.strip()))
        mapping[field_name.strip()] = key.strip()
    return mapping


def import_field_data(project_path: str | os.PathLike[str], file: str | os.PathLike[str],
                      layer: ParticipatoryLayer | str, *, contributor: str = "",
                      preset_id: str | None = None, mapping: Mapping[str, str] | None = None,
                      fixed_tags: Mapping[str, str] | None = None, add_stops: bool = False,
                      form: str | os.PathLike[str] | None = None,
                      presets: PresetCatalogue | None = None,
                      language: str = DEFAULT_LANGUAGE) -> ImportReport:
    """Import a field-data file into a participatory layer as drafts, in one edit.

    Parameters
    ----------
    project_path
        The project ``.gpkg``.
    file
        An ODK/Kobo CSV or GeoJSON, a GPX, a GeoJSON/GeoPackage/Shapefile or a CSV of
        citizen reports (or a ZIP holding one).
    layer
        ``facilities``, ``transport_lines`` or ``risk_zones``.
    contributor
        Who imports; each feature's contributor is who collected it when the file
        says, else this. Required when the file does not say.
    preset_id
        The preset of every feature; without it, a ``category``/``type`` column is
        looked up among the layer's presets.
    fixed_tags
        Tags every imported feature gets unless its row answers them
        (``{"interval": "10"}`` for a line's usual wait, which a GPX cannot say).
    form
        The XLSForm (``.xlsx``) the data was collected with: select answers are read
        through their choice labels (to find the preset, and for tags a preset's
        choices do not list as such).
    add_stops
        Tracks: add the proposed stops to their line as draft stops named "Stop 1",
        "Stop 2"... (the facilitator renames or removes them); otherwise they are only
        listed in the report.
    mapping
        File field → OSM key (``{"facility_name": "name"}``); fields named like a
        preset's keys, and ``name``/``description``/``text``, map by themselves.

    Raises
    ------
    QuartierError
        Unreadable file, swapped coordinates, or nothing importable: nothing written.
    """
    layer = _import_layer(layer)
    catalogue = presets if presets is not None else load_presets()
    if preset_id is not None:
        _layer_preset(catalogue, preset_id, layer, language)
    data = read_field_data(file, layer, form)
    return import_read_data(project_path, data, layer, contributor=contributor,
                            preset_id=preset_id, mapping=mapping, fixed_tags=fixed_tags,
                            add_stops=add_stops, presets=catalogue, language=language)


@dataclass(frozen=True)
class PreviewRow:
    """One record as an import would take it: its preset and tags, or why it is refused."""

    #: Its place in the file ("line 7", "track 1").
    where: str
    #: Its shape in longitude/latitude as read (None when it has none).
    geometry: BaseGeometry | None
    #: The preset found ("" when refused).
    preset: str
    #: The tags it would get (empty when refused).
    tags: Mapping[str, str]
    #: Why it would be refused; None when it would be imported.
    problem: str | None


@dataclass(frozen=True)
class FieldPreview:
    """What importing a file would do, without doing it (for the window's preview)."""

    #: The file as read (places named in it already found in the project).
    data: FieldData
    #: Every record, in file order.
    rows: tuple[PreviewRow, ...]
    #: Each column of the file and the tag key it fills ("" when it fills none).
    mapping: dict[str, str]


def preview_field_data(project_path: str | os.PathLike[str], data: FieldData,
                       layer: ParticipatoryLayer | str, *, preset_id: str | None = None,
                       mapping: Mapping[str, str] | None = None,
                       fixed_tags: Mapping[str, str] | None = None,
                       presets: PresetCatalogue | None = None,
                       language: str = DEFAULT_LANGUAGE) -> FieldPreview:
    """What :func:`import_read_data` would import from ``data`` (read with
    :func:`read_field_data`), and what it would refuse; nothing is written.

    Raises
    ------
    QuartierError
        Swapped coordinates, an unknown preset: as the import would.
    """
    layer = _import_layer(layer)
    catalogue = presets if presets is not None else load_presets()
    mapping = dict(mapping or {})
    data, accepted, refused = _prepare(project_path, data, layer, catalogue, preset_id,
                                       mapping, dict(fixed_tags or {}), language)
    taken = {a.record.where: a for a in accepted}
    reasons = {r.where: r.reason for r in refused}
    rows = tuple(PreviewRow(r.where, r.geometry, taken[r.where].preset.id if r.where in taken
                            else "", taken[r.where].tags if r.where in taken else {},
                            None if r.where in taken else reasons.get(r.where, ""))
                 for r in data.records)
    known = {_simple(name) for name in mapping}
    columns: dict[str, str] = {}
    for record in data.records:
        for name, value in record.values.items():
            if columns.get(name):
                continue
            item = taken.get(record.where)
            found = (_key_for(name, value, item.preset, mapping, known)
                     if item is not None else None)
            columns[name] = found[0] if found else mapping.get(name, "")
    return FieldPreview(data, rows, columns)


def import_read_data(project_path: str | os.PathLike[str], data: FieldData,
                     layer: ParticipatoryLayer | str, *, contributor: str = "",
                     preset_id: str | None = None, mapping: Mapping[str, str] | None = None,
                     fixed_tags: Mapping[str, str] | None = None, add_stops: bool = False,
                     presets: PresetCatalogue | None = None,
                     language: str = DEFAULT_LANGUAGE,
                     session: EditSession | None = None) -> ImportReport:
    """:func:`import_field_data` for a file already read with :func:`read_field_data`
    (the window reads it once for its preview and may leave out unconfirmed stops).

    ``session``, when given, is the open edit session the import is saved in (its
    contributor imports, and the import is one Undo in it); otherwise one is opened.
    """
    layer = _import_layer(layer)
    catalogue = presets if presets is not None else load_presets()
    data, accepted, refused = _prepare(project_path, data, layer, catalogue, preset_id,
                                       dict(mapping or {}), dict(fixed_tags or {}), language)
    if not accepted:
        listed = "; ".join(f"{r.where}: {r.reason}" for r in refused[:5])
        raise ValidationError(tr("Nothing in {source} can be imported into {layer}, so the "
                                 "project was not changed. {listed}", source=data.source,
                                 layer=layer, listed=listed))
    who = (session.contributor if session is not None
           else contributor.strip() or _single_collector(accepted))
    if not who:
        raise ValidationError(tr("Say who is importing (--contributor NAME): the file does "
                                 "not say who collected every row."))
    stop_preset = catalogue.get(STOP_PRESET) if add_stops else None
    uuids, stops = _save(project_path, who, accepted, data.source, layer, stop_preset, language,
                         session)
    return ImportReport(layer, data.source, uuids, tuple(refused), stops, data.notes)


def _import_layer(layer: ParticipatoryLayer | str) -> ParticipatoryLayer:
    try:
        layer = ParticipatoryLayer(layer)
    except ValueError:
        raise ValidationError(tr("{layer} is not a layer field data can be imported into: "
                                 "use facilities, transport_lines or risk_zones.",
                                 layer=layer)) from None
    if layer is ParticipatoryLayer.TRANSPORT_STOPS:
        raise ValidationError(tr("Stops belong to a line: import the track as "
                                 "transport_lines; its stops are proposed from where the "
                                 "vehicle stood still."))
    return layer


def _prepare(project_path: str | os.PathLike[str], data: FieldData, layer: ParticipatoryLayer,
             catalogue: PresetCatalogue, preset_id: str | None, mapping: dict[str, str],
             fixed_tags: dict[str, str], language: str
             ) -> tuple[FieldData, list[_Accepted], list[RefusedRecord]]:
    """The whole file checked against the project, before anything is written."""
    if preset_id is not None:
        _layer_preset(catalogue, preset_id, layer, language)
    data = _with_places(data, project_path)
    project = Project(project_path)
    try:
        area = project.metadata.area_of_interest
        crs = project.metadata.working_crs or "EPSG:3857"
        _refuse_swapped(data, area)
        accepted, refused = _check_records(data, layer, catalogue, preset_id, mapping,
                                           fixed_tags, area, crs, language)
        accepted, again = _not_yet_imported(project, layer, accepted)
        refused += again
    finally:
        project.close()
    return data, accepted, refused


@dataclass(frozen=True)
class _Accepted:
    record: FieldRecord
    preset: Preset
    tags: dict[str, str]
    geometry: BaseGeometry


def _not_yet_imported(project: Project, layer: ParticipatoryLayer, accepted: list[_Accepted]
                      ) -> tuple[list[_Accepted], list[RefusedRecord]]:
    """Leave out what an earlier import of the same file already brought in (the same
    preset, tags and place), so importing a day's export twice adds nothing."""
    stored = project.read_layer(str(layer), columns=["preset", "tags"])
    seen = {_identity(preset, json.loads(tags) if tags else {}, geometry)
            for preset, tags, geometry in zip(stored["preset"], stored["tags"],
                                              stored.geometry, strict=True)
            if geometry is not None}
    fresh, again = [], []
    for item in accepted:
        if _identity(item.preset.id, item.tags, item.geometry) in seen:
            again.append(RefusedRecord(item.record.where, tr(
                "it is already in the project (the same place and answers, imported before)")))
        else:
            fresh.append(item)
    return fresh, again


def _identity(preset: str, tags: Mapping[str, str], geometry: BaseGeometry) -> tuple:
    coordinates = np.round(shapely.get_coordinates(geometry), 6)
    return preset, tuple(sorted(tags.items())), coordinates.tobytes()


def _with_places(data: FieldData, project_path: str | os.PathLike[str]) -> FieldData:
    """Records that name a place instead of coordinates, placed where the project's search
    finds exactly that name (a report "at Olympic Stage"); refused when it finds none."""
    wanted = {r.place for r in data.records if r.geometry is None and r.problem is None
              and r.place}
    if not wanted:
        return data
    found = _find_places(project_path, wanted)
    records = []
    for record in data.records:
        if record.place in wanted and record.geometry is None and record.problem is None:
            point = found.get(record.place)
            record = (replace(record, geometry=point) if point is not None else replace(
                record, problem=tr("no place called “{place}” was found in the project; give "
                                   "its latitude and longitude", place=record.place)))
        records.append(record)
    placed = sum(1 for name in wanted if found.get(name) is not None)
    note = ntr("{n} place name of {source} was found in the project and the reports placed "
               "there (the middle of the place, not where the sender stood).",
               "{n} place names of {source} were found in the project and the reports placed "
               "there (the middle of the place, not where the sender stood).", placed,
               source=data.source)
    return replace(data, records=tuple(records), notes=(*data.notes, note))


def _find_places(project_path: str | os.PathLike[str], names: set[str]
                 ) -> dict[str, BaseGeometry | None]:
    """Each name's place, found as the window's search box finds it (exact names only)."""
    from mapping.render.query import normalise
    from mapping.render.renderer import MapRenderer

    project = Project(project_path)
    try:
        renderer = MapRenderer(project)
        to_degrees = Transformer.from_crs(renderer.working_crs, "EPSG:4326", always_xy=True)
        found: dict[str, BaseGeometry | None] = {}
        for name in names:
            query = normalise(name)
            exact = next((r for r in renderer.search(name, limit=10)
                          if normalise(r.label.rsplit(" (", 1)[0]) == query), None)
            found[name] = None if exact is None else Point(to_degrees.transform(exact.x,
                                                                                exact.y))
        return found
    finally:
        project.close()


def _layer_preset(catalogue: PresetCatalogue, preset_id: str, layer: ParticipatoryLayer,
                  language: str) -> Preset:
    preset = catalogue.get(preset_id)
    if preset is None:
        known = ", ".join(p.id for p in catalogue.for_layer(layer))
        raise ValidationError(tr("There is no preset called “{preset}”; for {layer} use one "
                                 "of: {known}.", preset=preset_id, layer=layer, known=known))
    if preset.layer is not layer:
        raise ValidationError(tr("{preset} is for {layers}, not {other}.",
                                 preset=preset.name(language), layers=preset.layer,
                                 other=layer))
    return preset


def _refuse_swapped(data: FieldData, area: tuple[float, float, float, float]) -> None:
    shapes = [r.geometry for r in data.records if r.geometry is not None]
    if coordinates_swapped(shapes, area):
        raise InputFileError(tr(
            "The places in {source} fall far outside the project area, and inside it with "
            "latitude and longitude exchanged: the two columns seem swapped. Swap them "
            "(latitude is the north-south number, about {latitude:.2f} here) and import "
            "again; nothing was changed.", source=data.source,
            latitude=(area[1] + area[3]) / 2))


def _check_records(data: FieldData, layer: ParticipatoryLayer, catalogue: PresetCatalogue,
                   preset_id: str | None, mapping: dict[str, str], fixed_tags: dict[str, str],
                   area: tuple[float, float, float, float], crs: str, language: str
                   ) -> tuple[list[_Accepted], list[RefusedRecord]]:
    west, south, east, north = area
    near = shapely.box(west - AREA_MARGIN_DEG, south - AREA_MARGIN_DEG,
                       east + AREA_MARGIN_DEG, north + AREA_MARGIN_DEG)
    to_metres = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    to_degrees = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    known = {_simple(name) for name in mapping}
    accepted, refused = [], []
    for record in data.records:
        if record.problem is not None or record.geometry is None:
            refused.append(RefusedRecord(record.where, _after_where(record)))
            continue
        shape = record.geometry
        try:
            record = _labelled(record, data.choice_labels)
            preset = (_layer_preset(catalogue, preset_id, layer, language) if preset_id
                      else _guess_preset(record, catalogue, layer))
            tags = {**fixed_tags, **_tags(record, preset, mapping, known, data.source)}
            if layer is ParticipatoryLayer.RISK_ZONES and shape.geom_type == "Point":
                shape = _circle(shape, to_metres, to_degrees)
            if not shape.intersects(near):
                raise ValidationError(tr("it lies outside the project area"))
            checked = check_geometry(layer, shape)
            accepted.append(_Accepted(record, preset, check_tags(preset, tags, language),
                                      checked.geometry))
        except ValidationError as error:
            refused.append(RefusedRecord(record.where, str(error)))
    return accepted, refused


def _labelled(record: FieldRecord, labels: Mapping[str, Mapping[str, str]]) -> FieldRecord:
    """The record with each select answer (choice names, ``1`` or ``hc``) given as its
    choice labels (``Health centre``), as the form showed them."""
    if not labels:
        return record
    values = dict(record.values)
    for name, value in record.values.items():
        choices = labels.get(_simple(name)) or labels.get(name)
        if choices and value.split() and all(v in choices for v in value.split()):
            values[name] = " ".join(choices.get(v, v) for v in value.split())
    return replace(record, values=values)


def _after_where(record: FieldRecord) -> str:
    reason = record.problem or tr("it has no location")
    return reason[len(record.where):].strip() if reason.startswith(record.where) else reason


def _simple(name: str) -> str:
    """A field's own name, without its form groups (``group-name``, ``group/name``)."""
    return re.split(r"[-/]", name)[-1].strip().lower()


def _guess_preset(record: FieldRecord, catalogue: PresetCatalogue,
                  layer: ParticipatoryLayer) -> Preset:
    by_simple = {_simple(k): v for k, v in record.values.items() if v}
    for column in _KIND_COLUMNS:
        value = by_simple.get(column)
        if not value:
            continue
        preset = catalogue.get(value)
        if preset is not None and preset.layer is layer:
            return preset
        found = catalogue.search(value.replace("_", " "), layer=layer)
        if found:
            return found[0]
        raise ValidationError(tr("no {layer} preset matches {column} “{value}”; give --preset",
                                 layer=layer, column=column, value=value))
    raise ValidationError(tr("it says not what it is (no category or type column); give "
                             "--preset"))


def _tags(record: FieldRecord, preset: Preset, mapping: dict[str, str], known: set[str],
          source: str) -> dict[str, str]:
    preset_keys = {f.key for f in preset.fields}
    tags: dict[str, str] = {}
    for name, value in record.values.items():
        found = _key_for(name, value, preset, mapping, known)
        if found is not None:
            tags.setdefault(found[0], _choice_value(preset, found[0], found[1]))
    tags["source"] = source
    if "source:hazard" in preset_keys:
        tags.setdefault("source:hazard", "community")
    return tags


def _key_for(name: str, value: str, preset: Preset, mapping: Mapping[str, str],
             known: set[str]) -> tuple[str, str] | None:
    """The tag key (and value) a field fills for ``preset``; None when it fills none."""
    simple = _simple(name)
    preset_keys = {f.key for f in preset.fields}
    if name in mapping or simple in known:
        return (mapping.get(name) or next(k for f, k in mapping.items() if _simple(f) == simple),
                value)
    if simple in preset_keys:
        return simple, value
    if simple in _ALIASES and _ALIASES[simple] in preset_keys | {"name", "description"}:
        return _ALIASES[simple], value
    if simple in _DATE_COLUMNS and "hazard:last_event" in preset_keys:
        return "hazard:last_event", value[:10]
    return None


def _choice_value(preset: Preset, key: str, value: str) -> str:
    """A select answer as the preset's value: ``High`` (a form's label) is ``high``."""
    preset_field = preset.field(key)
    if preset_field is None or not preset_field.options or \
            value in preset_field.option_values():
        return value
    wanted = fold(value)
    for option in preset_field.options:
        if wanted in (fold(option.value), *(fold(t) for t in option.label.values())):
            return option.value
    return value


def _circle(point: BaseGeometry, to_metres: Transformer, to_degrees: Transformer
            ) -> BaseGeometry:
    x, y = to_metres.transform(point.x, point.y)
    ring = shapely.get_coordinates(Point(x, y).buffer(REPORT_RADIUS_M, quad_segs=8))
    lon, lat = to_degrees.transform(ring[:, 0], ring[:, 1])
    return shapely.polygons(np.column_stack([lon, lat]))


def _single_collector(accepted: list[_Accepted]) -> str:
    names = {a.record.collected_by for a in accepted}
    return names.pop() if len(names) == 1 else ""


def _save(project_path: str | os.PathLike[str], contributor: str, accepted: list[_Accepted],
          source: str, layer: ParticipatoryLayer, stop_preset: Preset | None, language: str,
          open_session: EditSession | None = None
          ) -> tuple[tuple[str, ...], tuple[ProposedStop, ...]]:
    import contextlib
    import uuid as uuid_module

    with (contextlib.nullcontext(open_session) if open_session is not None
          else EditSession(project_path, contributor)) as session:
        changes, uuids, stops = [], [], []
        for item in accepted:
            feature = Feature(layer=layer, uuid=str(uuid_module.uuid4()), preset=item.preset.id,
                              tags=item.tags, geometry=item.geometry,
                              contributor=item.record.collected_by or contributor,
                              mapping_session=session.mapping_session)
            changes.append(Change(layer, feature.uuid, None, feature, EditAction.CREATE,
                                  f"imported from {source}"))
            uuids.append(feature.uuid)
            stops += [ProposedStop(feature.uuid, s.point.x, s.point.y, s.seconds)
                      for s in item.record.stops]
            if stop_preset is not None:
                changes += _stop_changes(feature, item.record, stop_preset, source, language)
        # One edit: one transaction for every feature, and one Undo for the whole import.
        session.commit_changes(Said.of(_IMPORTED[layer], file=Path(source).name), changes)
    return tuple(uuids), tuple(stops)


def _stop_changes(line: Feature, record: FieldRecord, preset: Preset, source: str,
                  language: str) -> list[Change]:
    """Draft stops at a track's dwell points, in the order the vehicle reached them."""
    import uuid as uuid_module

    stops_layer = ParticipatoryLayer.TRANSPORT_STOPS
    changes = []
    for number, dwell in enumerate(record.stops, start=1):
        tags = check_tags(preset, {"name": f"Stop {number}", "source": source}, language)
        stop = Feature(layer=stops_layer, uuid=str(uuid_module.uuid4()), preset=preset.id,
                       tags=tags, geometry=check_geometry(stops_layer, dwell.point).geometry,
                       contributor=line.contributor, mapping_session=line.mapping_session,
                       line_uuid=line.uuid, stop_sequence=number)
        changes.append(Change(stops_layer, stop.uuid, None, stop, EditAction.CREATE,
                              f"proposed where the vehicle stood {dwell.seconds:.0f} s"))
    return changes


#: An import's description in the Undo menu, by layer.
_IMPORTED = {
    ParticipatoryLayer.FACILITIES: N_("Import facilities from {file}"),
    ParticipatoryLayer.TRANSPORT_LINES: N_("Import transport lines from {file}"),
    ParticipatoryLayer.RISK_ZONES: N_("Import risk zones from {file}"),
}
