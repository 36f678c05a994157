"""Participatory features as OpenStreetMap edits, to check and upload with JOSM.

What goes out:

* **new features** become new objects with negative ids: a point a node; a
  line a way (with new nodes); a polygon a closed way, or a
  ``type=multipolygon`` relation when it has holes or several parts;
* **features that tag an existing OSM object** (a building marked as a school)
  become a modification of that object: its OSM id, the version it was tagged
  on, its original node list (ways), and its original tags with the new ones
  merged over them. The object is looked up in the project's base layers;
  one that is not there (or a relation, whose members the project does not
  keep) is left out with a note rather than uploaded half-known. A modified
  way's nodes go in the ``.osm`` file too, unchanged (their ids, versions and
  locations as read from the extract, kept in the layer's ``osm_node_details``),
  as JOSM writes them when it saves: the file loads complete and
  ``osmium check-refs`` passes. An ``.osc`` osmChange holds only what changes,
  so it leaves them out (the OSM database has them; osmChange files are not
  meant to be complete, and JOSM and the API read them that way);
* **transport lines** follow the public transport schema version 2 (PTv2, see
  :mod:`mapping.export._osm_routes`): a ``type=route`` relation per direction
  carrying the line's tags (route, ref, name, from, to, operator, interval...) and
  ``public_transport:version=2``, with the line's stops as ``platform`` members in
  the order the vehicle calls at them, then the line as drawn, an untagged way with
  no role; and a ``type=route_master`` relation grouping a line's routes. Stops
  become ``public_transport=platform`` nodes, one node for a stop several lines
  share. A mapper should replace the drawn way by the existing roads it follows
  (JOSM's PT Assistant plugin helps) before uploading: it is the path residents
  drew, not a new road.

Only verified features go out unless asked. Quartier's bookkeeping (uuid,
contributor, mapping session, review status, version, dates) never becomes a tag.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from layers.errors import EmptyExtractError, ValidationError
from layers.i18n import ntr, tr
from layers.participatory import ParticipatoryLayer
from mapping.export import _osm_routes as ptv2
from mapping.export._layers import (
    BOOKKEEPING_COLUMNS,
    OSM_COLUMNS,
    read_features,
    registry,
    tag_dicts,
)
from mapping.export._osm_xml import OsmObject, write_osm, write_osmchange
from mapping.export.report import ExportReport, Progress, report_progress
from mapping.export.safe_write import output_files
from mapping.project import QUARTIER_VERSION, LayerKind, Project

#: Most nodes the OSM API accepts in one way.
MAX_WAY_NODES = 2000
#: Longest tag key or value the OSM API accepts, in characters.
MAX_TAG_LENGTH = 255
#: Keys that are Quartier's bookkeeping, never OSM tags.
NOT_TAGS = frozenset((*BOOKKEEPING_COLUMNS, *OSM_COLUMNS, "tags", "osm_nodes",
                      "osm_node_details", "line_uuid", "stop_sequence", "fid"))
#: Role of a stop in a route relation.
STOP_ROLE = ptv2.PLATFORM_ROLE


@dataclass
class _Edits:
    """The objects built so far and what was left out."""

    objects: list[OsmObject] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: (osm type, osm id) -> the modified object, to merge several features tagging it.
    modified: dict[tuple[str, int], OsmObject] = field(default_factory=dict)
    #: Node id -> an unchanged node a modified way refers to (written in .osm files only).
    unchanged: dict[int, OsmObject] = field(default_factory=dict)
    #: Modified ways whose nodes the project does not keep (made before they were kept).
    incomplete: list[int] = field(default_factory=list)
    #: Feature uuid -> (member type, id) of what it became.
    members: dict[str, tuple[str, int]] = field(default_factory=dict)
    #: Stop uuid -> the name its platform carries (a shared stop keeps one name).
    stop_names: dict[str, str] = field(default_factory=dict)
    #: Location -> node of a drawn transport line there: lines drawn along the same
    #: road share their nodes (JOSM warns of distinct nodes at one place).
    path_nodes: dict[tuple[float, float], int] = field(default_factory=dict)
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(-1, -1))

    def add(self, kind: str, **values: Any) -> OsmObject:
        obj = OsmObject(kind=kind, id=next(self.ids), **values)
        self.objects.append(obj)
        return obj


def osm_tags(tags: dict[str, str], name: Any, notes: list[str], label: str) -> dict[str, str]:
    """Tags fit for OSM: bookkeeping keys removed, name added, lengths checked."""
    out: dict[str, str] = {}
    for key, value in tags.items():
        key, value = str(key).strip(), str(value).strip()
        if not key or not value or key in NOT_TAGS or key.startswith("quartier:"):
            continue
        if len(key) > MAX_TAG_LENGTH:
            notes.append(tr("{feature}: the tag key {key}... is longer than {limit} "
                            "characters and was left out.", feature=label, key=key[:40],
                            limit=MAX_TAG_LENGTH))
            continue
        if len(value) > MAX_TAG_LENGTH:
            notes.append(tr("{feature}: the value of {key} was cut to {limit} characters "
                            "(the OpenStreetMap limit).", feature=label, key=key,
                            limit=MAX_TAG_LENGTH))
            value = value[:MAX_TAG_LENGTH]
        out[key] = value
    if "name" not in out and isinstance(name, str) and name.strip():
        out["name"] = name.strip()[:MAX_TAG_LENGTH]
    return out


def export_osm(project: Project, out_path: Path, layers: Sequence[str] | None, *,
               verified_only: bool, change: bool,
               progress: Progress | None = None) -> ExportReport:
    """Write the participatory features as an ``.osm`` file (or ``.osc`` if ``change``)."""
    names = _participatory_layers(project, layers)
    report = ExportReport(format="osc" if change else "osm")
    edits = _Edits()
    frames = {}
    for name in names:
        frame = read_features(project, name, verified_only=verified_only)
        if verified_only:
            drafts = len(read_features(project, name, verified_only=False)) - len(frame)
            if drafts:
                edits.notes.append(ntr(
                    "{layer}: {n} draft feature not verified yet was left out (export with "
                    "--all-features to include it).",
                    "{layer}: {n} draft features not verified yet were left out (export with "
                    "--all-features to include them).", drafts, layer=name))
        frames[name] = frame
    if not any(len(frame) for frame in frames.values()):
        raise EmptyExtractError(
            tr("Nothing to send to OpenStreetMap: no feature is marked verified yet. A "
               "facilitator marks features verified after checking them; or export drafts "
               "too with --all-features.") if verified_only
            else tr("Nothing to send to OpenStreetMap: the participatory layers have no "
                    "features."))
    originals = _Originals(project)
    order = [n for n in (ParticipatoryLayer.TRANSPORT_STOPS, ParticipatoryLayer.FACILITIES,
                         ParticipatoryLayer.RISK_ZONES, ParticipatoryLayer.TRANSPORT_LINES)
             if n in frames]
    for number, name in enumerate(order):
        report_progress(progress, 0.8 * number / len(order), tr("Preparing {layer}", layer=name))
        before = len(edits.members)
        _add_layer(edits, originals, name, frames[name], frames)
        report.counts[str(name)] = len(edits.members) - before
    report_progress(progress, 0.9, tr("Writing {name}", name=out_path.name))
    generator = f"Quartier {QUARTIER_VERSION}"
    objects = edits.objects if change else [
        *edits.objects, *(node for key, node in edits.unchanged.items()
                          if ("node", key) not in edits.modified)]
    with output_files() as files, open(files.temporary(out_path), "w", encoding="utf-8",
                                       newline="\n") as handle:
        (write_osmchange if change else write_osm)(handle, objects, generator)
    report.files = [out_path]
    report.notes = edits.notes
    if edits.incomplete and not change:
        report.notes.append(ntr(
            "{n} existing way was modified (tags only) whose nodes this project does not keep "
            "(it was made with an older Quartier); its nodes are already in OpenStreetMap and "
            "are not in the file. In JOSM, download the area (or the incomplete members) "
            "before uploading, or make the project again from the extract.",
            "{n} existing ways were modified (tags only) whose nodes this project does not "
            "keep (it was made with an older Quartier); their nodes are already in "
            "OpenStreetMap and are not in the file. In JOSM, download the area (or the "
            "incomplete members) before uploading, or make the project again from the "
            "extract.", len(edits.incomplete)))
    if ParticipatoryLayer.TRANSPORT_LINES in frames and len(
            frames[ParticipatoryLayer.TRANSPORT_LINES]):
        report.notes.append(tr("Transport lines are route relations whose way is the line "
                               "as drawn: replace it by the roads it follows before "
                               "uploading."))
    return report


def _participatory_layers(project: Project, layers: Sequence[str] | None) -> list[str]:
    known = registry(project)
    if layers is None:
        return [str(n) for n in ParticipatoryLayer if n in known]
    for name in layers:
        if name not in known:
            raise ValidationError(tr("The project has no layer called {name}.",
                                     name=repr(name)))
        if known[name][0] != str(LayerKind.PARTICIPATORY):
            raise ValidationError(tr(
                "{name} is a {kind} layer: only what residents mapped (facilities, transport "
                "lines and stops, risk zones) goes to OpenStreetMap.", name=name,
                kind=known[name][0]))
    return list(dict.fromkeys(layers))


def _add_layer(edits: _Edits, originals: _Originals, name: str, frame: pd.DataFrame,
               frames: dict[str, pd.DataFrame]) -> None:
    if name == ParticipatoryLayer.TRANSPORT_STOPS:
        _add_stops(edits, originals, frame, frames.get(ParticipatoryLayer.TRANSPORT_LINES))
        return
    for row, tags in zip(frame.to_dict("records"), tag_dicts(frame), strict=True):
        label = f"{name} {row.get('name') or row.get('uuid')}"
        clean = osm_tags(tags, row.get("name"), edits.notes, label)
        osm_type, osm_id = row.get("osm_type"), _integer(row.get("osm_id"))
        if isinstance(osm_type, str) and osm_type and osm_id and osm_id > 0:
            member = _modify(edits, originals, row, osm_type, osm_id, clean, label)
        elif name == ParticipatoryLayer.TRANSPORT_LINES:
            member = _route(edits, row, clean, frames.get(ParticipatoryLayer.TRANSPORT_STOPS))
        else:
            member = _create(edits, row["geometry"], clean, label)
        if member is not None:
            edits.members[str(row.get("uuid"))] = member


def _add_stops(edits: _Edits, originals: _Originals, frame: pd.DataFrame,
               lines: pd.DataFrame | None) -> None:
    """Stops as PTv2 platforms: one object per stop shared by several lines."""
    rows = frame.to_dict("records")
    all_tags = tag_dicts(frame)
    routes: dict[str, str] = {}
    if lines is not None and len(lines):
        routes = {str(uuid): ptv2.route_value(tags) for uuid, tags in zip(
            lines["uuid"], tag_dicts(lines), strict=True)}
    groups = ptv2.shared_stops([row["geometry"] for row in rows],
                               [str(tags.get("gtfs:stop_id") or "") or None
                                for tags in all_tags])
    for group in groups:
        first = rows[group[0]]
        label = tr("Transport stop {name}", name=first.get("name") or first.get("uuid"))
        merged: dict[str, str] = {}
        for index in group:
            clean = osm_tags(all_tags[index], rows[index].get("name"), edits.notes, label)
            for key, value in clean.items():
                if merged.setdefault(key, value) != value:
                    edits.notes.append(tr(
                        "{feature} is shared by several lines whose stops differ in {key} "
                        "({kept} / {other}): {kept} was kept.", feature=label, key=key,
                        kept=merged[key], other=value))
        served = {routes[str(rows[i].get("line_uuid"))] for i in group
                  if str(rows[i].get("line_uuid")) in routes}
        tags = ptv2.platform_tags(merged, served)
        known = [rows[i] for i in group if isinstance(rows[i].get("osm_type"), str)
                 and rows[i].get("osm_type") and (_integer(rows[i].get("osm_id")) or 0) > 0]
        if known:
            row = known[0]
            member = _modify(edits, originals, row, str(row["osm_type"]),
                             int(row["osm_id"]), tags, label)
        else:
            member = _create(edits, first["geometry"], tags, label)
        if member is not None:
            for index in group:
                edits.members[str(rows[index].get("uuid"))] = member
                edits.stop_names[str(rows[index].get("uuid"))] = tags.get("name", "")


def _integer(value: Any) -> int | None:
    if value is None or pd.isna(value):
        return None
    return int(value)


# ---------------------------------------------------------------- new objects


def _points(coordinates: Any) -> list[tuple[float, float]]:
    """Coordinates rounded to 7 decimals, consecutive repeats dropped."""
    out: list[tuple[float, float]] = []
    for x, y, *_z in coordinates:
        point = (round(float(x), 7), round(float(y), 7))
        if not out or out[-1] != point:
            out.append(point)
    return out


def _node_chain(edits: _Edits, points: list[tuple[float, float]], closed: bool,
                shared: dict[tuple[float, float], int] | None = None) -> list[int]:
    """New nodes for a line or ring; a ring's last ref is its first node. With
    ``shared``, a location that already has a node there reuses it."""
    if closed and len(points) > 1 and points[0] == points[-1]:
        points = points[:-1]
    if shared is None:
        refs = [edits.add("node", location=point).id for point in points]
    else:
        refs = [shared[point] if point in shared else shared.setdefault(
            point, edits.add("node", location=point).id) for point in points]
    return refs + refs[:1] if closed else refs


def _ways(edits: _Edits, refs: list[int], tags: dict[str, str] | None = None) -> list[int]:
    """Ways of at most 2000 nodes along ``refs``, consecutive ways sharing an end node."""
    out = []
    start = 0
    while start < len(refs) - 1:
        chunk = refs[start:start + MAX_WAY_NODES]
        out.append(edits.add("way", refs=chunk, tags=dict(tags or {})).id)
        start += MAX_WAY_NODES - 1
    return out


def _create(edits: _Edits, geometry: BaseGeometry | None, tags: dict[str, str],
            label: str) -> tuple[str, int] | None:
    if geometry is None or geometry.is_empty:
        edits.notes.append(tr("{feature} has no geometry and was left out.", feature=label))
        return None
    if not tags:
        edits.notes.append(tr("{feature} has no tags and was left out (OpenStreetMap needs to "
                              "know what it is).", feature=label))
        return None
    kind = geometry.geom_type
    if kind == "Point":
        return "node", edits.add("node", location=_points([geometry.coords[0]])[0],
                                 tags=tags).id
    if kind in ("LineString", "MultiLineString"):
        parts = [geometry] if kind == "LineString" else list(geometry.geoms)  # type: ignore[attr-defined]
        ways = [way for part in parts
                for way in _ways(edits, _node_chain(edits, _points(part.coords), False))]
        # A line longer than one way allows: each part carries the tags.
        for obj in edits.objects:
            if obj.kind == "way" and obj.id in ways:
                obj.tags = dict(tags)
        return "way", ways[0]
    if kind in ("Polygon", "MultiPolygon"):
        return _area(edits, geometry, tags)
    edits.notes.append(tr("{feature}: a {geometry} cannot be sent to OpenStreetMap; left out.",
                          feature=label, geometry=kind))
    return None


def _area(edits: _Edits, geometry: BaseGeometry, tags: dict[str, str]) -> tuple[str, int]:
    geometry = shapely.orient_polygons(geometry, exterior_cw=False)
    polygons = list(getattr(geometry, "geoms", [geometry]))
    rings: list[tuple[str, list[int]]] = []
    for polygon in polygons:
        rings.append(("outer", _ways(edits, _node_chain(edits, _points(
            polygon.exterior.coords), True))))
        rings += [("inner", _ways(edits, _node_chain(edits, _points(ring.coords), True)))
                  for ring in polygon.interiors]
    if len(rings) == 1 and len(rings[0][1]) == 1:
        way_id = rings[0][1][0]
        next(o for o in reversed(edits.objects) if o.id == way_id).tags = tags
        return "way", way_id
    members = [("way", way, role) for role, ways in rings for way in ways]
    relation_tags = {"type": "multipolygon", **{k: v for k, v in tags.items() if k != "type"}}
    return "relation", edits.add("relation", tags=relation_tags, members=members).id


def _route(edits: _Edits, row: dict[str, Any], tags: dict[str, str],
           stops: pd.DataFrame | None) -> tuple[str, int] | None:
    """A line's PTv2 route relations (one per direction) and their route_master."""
    geometry = row.get("geometry")
    label = tr("Transport line {name}", name=row.get("name") or row.get("uuid"))
    if geometry is None or geometry.is_empty:
        edits.notes.append(tr("{feature} has no geometry and was left out.", feature=label))
        return None
    platforms: list[tuple[str, int, str]] = []
    places: list[BaseGeometry] = []
    names: list[str] = []
    if stops is not None and len(stops):
        mine = stops[stops["line_uuid"] == row.get("uuid")].sort_values("stop_sequence")
        for stop in mine.to_dict("records"):
            if str(stop["uuid"]) in edits.members:
                kind, ref = edits.members[str(stop["uuid"])]
                platforms.append((kind, ref, STOP_ROLE))
                places.append(stop["geometry"])
                names.append(edits.stop_names.get(str(stop["uuid"]), ""))
    ways = [("way", way, "") for part in getattr(geometry, "geoms", [geometry])
            for way in _path_ways(edits, _points(part.coords))]
    if "route" not in tags:
        edits.notes.append(tr("{feature} had no route=* tag; route={route} was written.",
                              feature=label, route=ptv2.DEFAULT_ROUTE))
    plan = ptv2.plan_line(tags, geometry, places, names)
    routes = []
    for variant in plan.variants:
        members = (platforms[::-1] if variant.stops_reversed else platforms) + (
            ways[::-1] if variant.ways_reversed else ways)
        routes.append(("relation", edits.add("relation", tags=variant.tags,
                                             members=members).id, ""))
    return "relation", edits.add("relation", tags=plan.master_tags, members=routes).id


def _path_ways(edits: _Edits, points: list[tuple[float, float]]) -> list[int]:
    """The ways of a line as drawn, at least two of them: JOSM's validator cannot tell
    which way a route runs along a single way, and reports it as a gap."""
    if len(points) < 2:
        return []
    closed = len(points) > 3 and points[0] == points[-1]
    if len(points) == 2:
        (x0, y0), (x1, y1) = points
        points = [points[0], (round((x0 + x1) / 2, 7), round((y0 + y1) / 2, 7)), points[1]]
    refs = _node_chain(edits, points, closed, edits.path_nodes)
    if len(refs) <= MAX_WAY_NODES:
        middle = len(refs) // 2
        return [edits.add("way", refs=chunk).id for chunk in (refs[:middle + 1],
                                                               refs[middle:])]
    return _ways(edits, refs)


# ---------------------------------------------------------------- modified objects


class _Originals:
    """Looks up an existing OSM object in the project's base layers."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.tables = [name for name, (kind, _title) in registry(project).items()
                       if kind == str(LayerKind.BASE)]

    def find(self, osm_type: str, osm_id: int) -> dict[str, Any] | None:
        """The stored row (tags, version, node refs, geometry) of an OSM object, or None."""
        found = self.project.store.find_osm_object(self.tables, osm_type, osm_id)
        if found is None:
            return None
        refs = found["osm_nodes"]
        return {"version": found["osm_version"], "tags": json.loads(found["tags"] or "{}"),
                "refs": [int(r) for r in (refs or "").split()],
                "nodes": _node_details(refs, found["osm_node_details"]),
                "geometry": found["geometry"]}


def _node_details(refs: str | None, details: str | None) -> list[OsmObject] | None:
    """A way's nodes as unchanged objects, from ``osm_nodes`` and ``osm_node_details``
    (``version,lon,lat`` per node); None when they are not all known."""
    ids, values = (refs or "").split(), (details or "").split()
    if not ids or len(ids) != len(values):
        return None
    nodes = []
    for ident, value in zip(ids, values, strict=True):
        version, lon, lat = value.split(",")
        if int(version) <= 0:
            return None
        nodes.append(OsmObject("node", int(ident), version=int(version),
                               location=(float(lon), float(lat)), modified=False))
    return nodes


def _modify(edits: _Edits, originals: _Originals, row: dict[str, Any], osm_type: str,
            osm_id: int, tags: dict[str, str], label: str) -> tuple[str, int] | None:
    key = (osm_type, osm_id)
    if key in edits.modified:
        edits.modified[key].tags.update(tags)
        edits.notes.append(tr("{feature} tags {type} {id} like another feature: their tags "
                              "were merged into one modification.", feature=label,
                              type=osm_type, id=osm_id))
        return key
    if osm_type == "relation":
        edits.notes.append(tr("{feature} tags OSM relation {id}, whose members the project "
                              "does not keep: left out. Add its tags in JOSM.", feature=label,
                              id=osm_id))
        return None
    original = originals.find(osm_type, osm_id)
    if original is None:
        edits.notes.append(tr("{feature} tags OSM {type} {id}, which is not in the project's "
                              "base layers: left out (its current tags are unknown).",
                              feature=label, type=osm_type, id=osm_id))
        return None
    version = _integer(row.get("osm_version")) or _integer(original["version"])
    if not version:
        edits.notes.append(tr("{feature}: the version of OSM {type} {id} is unknown; left "
                              "out.", feature=label, type=osm_type, id=osm_id))
        return None
    merged = osm_tags({**original["tags"], **tags}, None, edits.notes, label)
    if osm_type == "node":
        shape = original["geometry"]
        if shape is None or shape.geom_type != "Point":
            edits.notes.append(tr("{feature}: OSM node {id} has no location; left out.",
                                  feature=label, id=osm_id))
            return None
        obj = OsmObject("node", osm_id, merged, version, location=(shape.x, shape.y))
    else:
        if not original["refs"]:
            edits.notes.append(tr("{feature}: the nodes of OSM way {id} are not in the "
                                  "project; left out.", feature=label, id=osm_id))
            return None
        obj = OsmObject("way", osm_id, merged, version, refs=original["refs"])
        if original["nodes"] is None:
            edits.incomplete.append(osm_id)
        else:
            for node in original["nodes"]:
                edits.unchanged.setdefault(node.id, node)
    edits.objects.append(obj)
    edits.modified[key] = obj
    return key
