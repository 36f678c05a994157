"""What the features of a vector layer are: ``--as`` roles and recognition rules.

For :mod:`mapping.base_import`. A role given with ``--as FILE=ROLE`` (or
``FILE:LAYER=ROLE``) wins. Otherwise each feature is sorted by its OSM-style tags
with the rules an OSM extract is sorted by (:mod:`layers.osm_definitions`); a layer
whose features carry no such tags is recognised by its name (HOT Export Tool names
such as ``buildings_polygons``), or refused with a message saying how to use ``--as``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from layers import osm_definitions as osm
from layers.errors import InputFileError
from layers.i18n import ntr, tr
from layers.osm_definitions import BaseLayer
from mapping import _vector_tags as tags
from mapping._vector_files import VectorLayer
from mapping._vector_tags import LINES, POINTS, POLYGONS, ROLE_FAMILIES, ROLE_LIST, LayerRole

_SINGULAR = {"building": "buildings", "road": "roads", "poi": "pois", "amenities": "pois",
             "refs": "reference", "ref": "reference"}
#: Words in a layer or file name that say what it holds (HOT Export Tool, Geofabrik...).
_NAME_WORDS: dict[str, LayerRole] = {
    **dict.fromkeys(("building", "buildings", "footprint", "footprints"), LayerRole.BUILDINGS),
    **dict.fromkeys(("road", "roads", "highway", "highways", "street", "streets"),
                    LayerRole.ROADS),
    **dict.fromkeys(("poi", "pois", "amenity", "amenities", "points_of_interest"),
                    LayerRole.POIS),
    **dict.fromkeys(("water", "waterway", "waterways", "river", "rivers"), LayerRole.WATER),
    **dict.fromkeys(("landuse", "land_use", "landcover"), LayerRole.LANDUSE),
}
_FIRST_TARGET = {POLYGONS: BaseLayer.BUILDINGS, LINES: BaseLayer.ROADS, POINTS: BaseLayer.POIS}


def parse_role(text: str, where: str) -> LayerRole:
    """Read the ROLE of ``--as FILE=ROLE`` (case-insensitive, singular or plural)."""
    word = text.strip().lower()
    word = _SINGULAR.get(word, word)
    try:
        return LayerRole(word)
    except ValueError:
        raise InputFileError(tr(
            "--as {where}={text}: {text!r} is not a role Quartier knows; the roles are "
            "{roles}.", where=where, text=text, roles=ROLE_LIST)) from None


def parse_roles(
    given: Sequence[str] | Mapping[str, str], paths: Sequence[Path]
) -> dict[tuple[int, str | None], LayerRole]:
    """Read ``--as`` values into {(file index, layer name or None): role}."""
    items: list[tuple[str, str]] = []
    if isinstance(given, Mapping):
        items = [(str(key), str(value)) for key, value in given.items()]
    else:
        for text in given:
            where, equals, role = str(text).rpartition("=")
            if not equals or not where:
                raise InputFileError(tr(
                    "--as {text} should be FILE=ROLE (or FILE:LAYER=ROLE), for example "
                    "--as survey.shp=reference; the roles are {roles}.", text=text,
                    roles=ROLE_LIST))
            items.append((where, role))
    out: dict[tuple[int, str | None], LayerRole] = {}
    for where, role in items:
        out[_match_file(where, paths)] = parse_role(role, where)
    return out


def _match_file(where: str, paths: Sequence[Path]) -> tuple[int, str | None]:
    found = [i for i, path in enumerate(paths) if _names_file(where, path)]
    layer: str | None = None
    if not found and ":" in where:
        file_part, _colon, layer = where.rpartition(":")
        found = [i for i, path in enumerate(paths) if _names_file(file_part, path)]
    if len(found) > 1:
        raise InputFileError(tr(
            "--as {where} could mean several of the files given; write the file's full path.",
            where=where))
    if not found:
        names = ", ".join(path.name for path in paths)
        raise InputFileError(tr(
            "--as {where} names no file given with --base; the files are {names}.",
            where=where, names=names))
    return found[0], layer


def _names_file(text: str, path: Path) -> bool:
    if text in (str(path), path.name, path.stem):
        return True
    try:
        return Path(text).resolve() == path.resolve()
    except OSError:
        return False


def apply_roles(
    layers: list[VectorLayer],
    overrides: Mapping[tuple[int, str | None], LayerRole],
    paths: Sequence[Path],
) -> None:
    """Give each layer the role ``--as`` says, refusing ``--as`` for a layer that is not there."""
    for (index, layer_name), role in overrides.items():
        if layer_name is None:
            continue
        in_file = [layer for layer in layers if layer.file_index == index]
        match = [layer for layer in in_file if layer.name == layer_name] or [
            layer for layer in in_file if layer.name.lower() == layer_name.lower()
        ]
        if not match:
            names = ", ".join(layer.name for layer in in_file)
            raise InputFileError(tr(
                "--as {file}:{layer}: {file} has no layer called {layer}; its layers are "
                "{names}.", file=paths[index].name, layer=layer_name, names=names))
        for layer in match:
            layer.role = role
    for layer in layers:
        if layer.role is None:
            layer.role = overrides.get((layer.file_index, None))


def recognise(layers: list[VectorLayer], notes: list[str]) -> None:
    """Decide which base layer each feature goes to; refuse layers that say nothing."""
    unknown: list[VectorLayer] = []
    for layer in layers:
        if layer.reference:
            continue
        layer.targets = feature_targets(layer.views, layer.families, layer.role,
                                        (layer.name, layer.path.stem))
        kept = sum(1 for targets in layer.targets if targets)
        role = str(layer.role) if layer.role else ""
        if kept == 0 and not role:
            unknown.append(layer)
        elif kept == 0:
            raise InputFileError(tr(
                "{layer} cannot be {role}: its features are {found}, and {role} must be "
                "{wanted}. Keep it with --as {layer}=reference.", layer=layer.label, role=role,
                found=tags.family_summary(layer.families),
                wanted=tr(tags.FAMILY_WORDS[role])))
        elif kept < len(layer.targets):
            what = role or tr("buildings, roads, amenities, water or land use")
            notes.append(ntr("{layer}: {n} feature is not {what} and was left out.",
                             "{layer}: {n} features are not {what} and were left out.",
                             len(layer.targets) - kept, layer=layer.label, what=what))
    if unknown:
        raise InputFileError(unrecognised_message(
            [(layer.label, tags.family_summary(layer.families),
              [str(c) for c in layer.frame.columns if c != layer.frame.geometry.name])
             for layer in unknown]
        ))


def describe(layer: VectorLayer) -> str:
    """What became of a layer, for the progress messages."""
    if layer.reference:
        return ntr("kept as a reference layer ({n:,} feature)",
                   "kept as a reference layer ({n:,} features)", len(layer.frame))
    counts: dict[str, int] = {}
    for targets in layer.targets:
        for target in targets:
            counts[target] = counts.get(target, 0) + 1
    return ", ".join(tags.target_count(target, count) for target, count in counts.items())


def feature_targets(
    views: Sequence[Mapping[str, str]],
    families: np.ndarray,
    role: LayerRole | None,
    names: Sequence[str],
) -> list[tuple[BaseLayer, ...]]:
    """The base layers each feature goes to; an empty tuple leaves it out.

    With a role (``--as``) every feature of a fitting geometry goes to it. Otherwise
    each feature is sorted by its tags as an OSM extract is; features with no telling
    tag (or only an amenity's) also join the layer's main base layer when their geometry
    family holds nothing else and 90 % of it has that tag, or else the base layer the
    layer's name says.
    """
    if role is not None:
        target = BaseLayer(str(role))
        return [(target,) if family in ROLE_FAMILIES[role] else () for family in families]
    targets = [_osm_targets(view, str(family)) for view, family in zip(views, families,
                                                                        strict=True)]
    hinted = _name_roles(names)
    for family in set(families.tolist()):
        members = [i for i, f in enumerate(families) if f == family]
        counts = Counter(t for i in members for t in targets[i])
        fill: BaseLayer | None = None
        if counts:
            main, main_count = counts.most_common(1)[0]
            first = _FIRST_TARGET.get(family)
            if first is not None and counts.get(first, 0) == main_count:
                main = first  # a building that is also a school is still a building
            # Only a layer of one kind: untagged ways in GDAL's "lines" are not roads.
            pure = all(main in targets[i] for i in members if set(targets[i]) - {BaseLayer.POIS})
            if pure and main_count >= 0.9 * len(members):
                fill = main
        if fill is None:
            fill = next((BaseLayer(str(r)) for r in hinted if family in ROLE_FAMILIES[r]), None)
        if fill is None:
            continue
        for i in members:
            # An office tag on a polygon of a buildings layer does not make it less a building.
            if fill not in targets[i] and set(targets[i]) <= {BaseLayer.POIS}:
                targets[i] = (fill, *targets[i])
    return targets


def _osm_targets(view: Mapping[str, str], family: str) -> tuple[BaseLayer, ...]:
    out: list[BaseLayer] = []
    if family == POLYGONS:
        if osm.is_building(view):
            out.append(BaseLayer.BUILDINGS)
        if osm.is_poi(view, on_node=False):
            out.append(BaseLayer.POIS)
        if osm.is_water_area(view):
            out.append(BaseLayer.WATER)
        elif osm.is_landuse(view):
            out.append(BaseLayer.LANDUSE)
    elif family == LINES:
        if osm.is_road(view):
            out.append(BaseLayer.ROADS)
        if osm.is_water_line(view):
            out.append(BaseLayer.WATER)
    elif family == POINTS:
        if osm.is_poi(view, on_node=True):
            out.append(BaseLayer.POIS)
        if osm.is_place(view):
            out.append(BaseLayer.PLACES)
    return tuple(out)


def _name_roles(names: Sequence[str]) -> list[LayerRole]:
    found: list[LayerRole] = []
    for name in names:
        text = re.sub(r"[^a-z0-9]+", "_", name.lower())
        words = text.split("_")
        for phrase in ("points_of_interest", "land_use"):
            if phrase in text:
                words.insert(0, phrase)
        for word in words:
            role = _NAME_WORDS.get(word)
            if role is not None and role not in found:
                found.append(role)
    return found


def unrecognised_message(layers: Sequence[tuple[str, str, Sequence[str]]]) -> str:
    """The error for layers nothing tells the nature of, saying how to name them."""
    described = []
    for label, families, columns in layers:
        shown = ", ".join(columns[:12]) or tr("none")
        if len(columns) > 12:
            shown = tr("{columns} and {n} more", columns=shown, n=len(columns) - 12)
        described.append(tr("{layer} ({families}; columns: {columns})", layer=label,
                            families=families, columns=shown))
    return ntr(
        "Quartier cannot tell what this layer is: {layers}. Say it with --as FILE=ROLE (or "
        "--as FILE:LAYER=ROLE for one layer of a GeoPackage), for example --as "
        "{example}=reference; the roles are {roles}.",
        "Quartier cannot tell what these layers are: {layers}. Say it with --as FILE=ROLE (or "
        "--as FILE:LAYER=ROLE for one layer of a GeoPackage), for example --as "
        "{example}=reference; the roles are {roles}.", len(layers),
        layers="; ".join(described), example=layers[0][0], roles=ROLE_LIST)
