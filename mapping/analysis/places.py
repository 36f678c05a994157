"""Where people walk from and to: the buildings, the places they go, and who lives where.

Everything here is read through :meth:`mapping.project.Project.read_layer`, so the
project's file-access guards apply. A city has tens of thousands of points of
interest and a handful of shelters: the places of a kind are picked by SQLite as the
layer is read (a ``LIKE`` on ``tags`` and ``preset``), not by parsing every row's tags.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely

from layers.errors import ValidationError
from layers.i18n import tr
from layers.osm_definitions import BaseLayer
from mapping.analysis._inputs import POPULATION_NAMES
from mapping.analysis._types import json_tags
from mapping.project import Project
from mapping.store import LayerNotFoundError


@dataclass(frozen=True)
class Destination:
    """A place people can walk to: a shelter, a water point, a clinic."""

    #: Stable id: the facility's uuid, or ``osm:TYPE/ID`` for an OSM point of interest.
    uuid: str
    #: Its name ("" when it has none).
    name: str
    #: Layer it comes from.
    layer: str
    #: Longitude, latitude of the point people walk to.
    lon: float
    lat: float
    #: Its ``capacity`` tag as a number of people (None when not given or unreadable).
    capacity: int | None = None
    #: Its tags.
    tags: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass
class Buildings:
    """The buildings routed from: their feature ids, centroids and footprints."""

    #: ``fid`` of each building in the buildings layer.
    fids: np.ndarray
    #: (lon, lat) of each building's centroid.
    lonlat: np.ndarray
    #: Each building's own geometry (WGS84), for result layers drawn on the map.
    geometries: np.ndarray | None = field(default=None, repr=False)
    #: People living in each building, when the buildings layer has a population
    #: attribute (None otherwise).
    people: np.ndarray | None = field(default=None, repr=False)

    @classmethod
    def from_project(cls, project: Project) -> Buildings:
        """Every building of the project (its centroid), with its people when known."""
        try:
            fields = project.layer_fields(BaseLayer.BUILDINGS)
            column = _population_column(fields, None)
            frame = project.read_layer(BaseLayer.BUILDINGS, columns=[column] if column else [],
                                       arrow=True)
        except LayerNotFoundError as error:
            raise ValidationError(tr("{project} has no buildings layer to route from.",
                                     project=project.path.name)) from error
        geometries = np.asarray(frame.geometry.values)
        present = ~shapely.is_missing(geometries) & ~shapely.is_empty(geometries)
        if not present.any():
            raise ValidationError(tr("{project} has no buildings to route from.",
                                     project=project.path.name))
        people = None
        if column is not None:
            values = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=np.float64)
            if np.isfinite(values[present]).any():
                people = np.where(np.isfinite(values), np.maximum(values, 0), 0)[present]
        centroids = shapely.centroid(geometries[present])
        return cls(fids=frame.index.to_numpy(dtype=np.int64)[present],
                   lonlat=shapely.get_coordinates(centroids), geometries=geometries[present],
                   people=people)


def _population_column(fields: list[str], wanted: str | None) -> str | None:
    """The field holding people: ``wanted`` (any case), else the first of
    :data:`POPULATION_NAMES` present, else None."""
    by_word = {str(name).casefold(): str(name) for name in fields}
    if wanted is not None:
        return by_word.get(wanted.casefold())
    return next((by_word[word] for word in POPULATION_NAMES if word in by_word), None)


def people_from_layer(project: Project, buildings: Buildings, layer: str,
                      field_name: str | None = None) -> np.ndarray:
    """People per building from a polygon layer with a population field (a census).

    Each area's people are shared equally among the buildings whose centroid lies in
    or on it (a building in two overlapping areas belongs to the first in fid order);
    an area with no building adds no one.

    Raises
    ------
    ValidationError
        No such layer, not polygons, or no population field.
    """
    name = project.path.name
    try:
        fields = project.layer_fields(layer)
    except LayerNotFoundError as error:
        raise ValidationError(tr("{project} has no layer named {layer} to read people "
                                 "from.", project=name, layer=layer)) from error
    column = _population_column(fields, field_name)
    if column is None:
        listed = ", ".join(fields) or tr("none")
        if field_name:
            raise ValidationError(tr("The layer {layer} has no field named {field}; its "
                                     "fields are: {fields}.", layer=layer, field=field_name,
                                     fields=listed))
        raise ValidationError(tr("The layer {layer} has no population field (named "
                                 "{names}); its fields are: {fields}.", layer=layer,
                                 names=", ".join(POPULATION_NAMES), fields=listed))
    frame = project.read_layer(layer, columns=[column])
    polygons = np.asarray(frame.geometry.values)
    kinds = set(shapely.get_type_id(polygons[~shapely.is_missing(polygons)]).tolist())
    if not kinds or not kinds <= {3, 6}:
        raise ValidationError(tr("The layer {layer} does not hold areas (polygons): people "
                                 "are read from a census or survey layer of areas.",
                                 layer=layer))
    count = pd.to_numeric(frame[column], errors="coerce").fillna(0).clip(lower=0).to_numpy(
        dtype=np.float64)
    points = shapely.points(buildings.lonlat)
    which, area = shapely.STRtree(polygons).query(points, predicate="intersects")
    first = np.full(len(points), len(polygons), dtype=np.int64)
    np.minimum.at(first, which, area)
    inside = first < len(polygons)
    shares = np.bincount(first[inside], minlength=len(polygons))
    people = np.zeros(len(points))
    people[inside] = count[first[inside]] / shares[first[inside]]
    return people


# ------------------------------------------------------------------------------ destinations


def tag_dict(text: object) -> dict[str, str]:
    """A ``tags`` JSON cell as a dict of strings (empty when missing or unreadable)."""
    return {str(k): str(v) for k, v in json_tags(text).items()}


def read_places(project: Project, layer: str, words: tuple[str, ...] | None = None
                ) -> pd.DataFrame:
    """Points of a layer people can walk to: uuid, name, preset, tags, lon, lat, layer.

    With ``words``, only features whose tags or preset mention one of them, filtered
    by SQLite as the layer is read (the caller decides after).
    """
    try:
        fields = set(project.layer_fields(layer))
        wanted = ["uuid", "preset", "name", "tags", "osm_type", "osm_id"]
        columns = [c for c in wanted if c in fields]
        where = None
        if words is not None:
            where = _mentioning([c for c in ("tags", "preset") if c in fields], words)
        frame = project.read_layer(layer, columns=columns, where=where)
    except LayerNotFoundError as error:
        raise ValidationError(tr("{project} has no layer named {layer}.",
                                 project=project.path.name, layer=layer)) from error
    geometries = np.asarray(frame.geometry.values)
    present = ~shapely.is_missing(geometries) & ~shapely.is_empty(geometries)
    frame = frame[present]
    points = shapely.get_coordinates(shapely.point_on_surface(geometries[present]))
    fids = frame.index.to_numpy()
    if "uuid" in frame.columns:
        uuids = [str(u) if isinstance(u, str) and u else f"{layer}:{fid}"
                 for u, fid in zip(frame["uuid"], fids, strict=True)]
    elif "osm_type" in frame.columns and "osm_id" in frame.columns:
        uuids = [f"osm:{t}/{int(i)}" if isinstance(t, str) and pd.notna(i) else f"{layer}:{fid}"
                 for t, i, fid in zip(frame["osm_type"], frame["osm_id"], fids, strict=True)]
    else:
        uuids = [f"{layer}:{fid}" for fid in fids]
    tags = [tag_dict(text) for text in frame["tags"]] if "tags" in frame.columns \
        else [{} for _ in range(len(frame))]
    names = [str(n) if isinstance(n, str) else t.get("name", "")
             for n, t in zip(frame["name"] if "name" in frame.columns else [None] * len(frame),
                             tags, strict=True)]
    presets = (list(frame["preset"]) if "preset" in frame.columns else [None] * len(frame))
    return pd.DataFrame({"uuid": uuids, "name": names, "preset": presets, "tags": tags,
                         "lon": points[:, 0] if len(points) else [],
                         "lat": points[:, 1] if len(points) else [], "layer": layer})


def _mentioning(columns: list[str], words: tuple[str, ...]) -> str:
    """An SQL condition: one of ``columns`` mentions one of ``words``.

    As written (tag values and presets are lower case, and the rules that decide after,
    ``is_shelter`` and the kinds of facility, compare them as written). ``instr`` rather
    than ``LIKE``: GDAL replaces SQLite's ``LIKE`` with its own, much slower (finding
    the shelters among the 40,000 points of interest of 16x Helsinki: 0.13 s, against
    0.97 s with ``LIKE``).
    """
    if not columns or not words:
        return "1 = 0"
    quoted = ["'" + word.replace("'", "''") + "'" for word in words]
    return " OR ".join(f'instr("{column}", {word}) > 0'
                       for column in columns for word in quoted)


def capacity_of(tags: dict[str, str]) -> int | None:
    """The ``capacity`` tag as a whole number of people (None when absent or not a number)."""
    text = tags.get("capacity", "").strip().replace(",", "").replace(" ", "")
    return int(text) if text.isdigit() else None


def to_destinations(places: pd.DataFrame) -> list[Destination]:
    """Rows of :func:`read_places` as destinations."""
    return [Destination(uuid=row.uuid, name=row.name, layer=row.layer, lon=float(row.lon),
                        lat=float(row.lat), capacity=capacity_of(row.tags), tags=row.tags)
            for row in places.itertuples(index=False)]
