"""Build a new project from ready-made vector layers: GeoPackage, Shapefile, GeoJSON, KML.

Many teams receive OpenStreetMap data already cut into layers (the HOT Export Tool,
a city GIS office, an InaSAFE package) rather than as an ``.osm`` extract. Every
layer of every file is recognised by its attributes, geometry and name, or told with
``--as FILE=ROLE``; its attributes are mapped into the base layer schemas of an OSM
import (all original attributes kept as JSON in ``tags``), and the street graph is
built from the roads by joining them where they share a vertex. Layers kept as
``reference`` are stored as they are, reprojected to WGS84.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from layers.errors import (
    EmptyExtractError,
    InputFileError,
    ProjectExistsError,
)
from layers.i18n import tr
from layers.osm_definitions import BaseLayer, is_routable
from layers.osm_extract import OsmExtract, clip_layers, no_roads_note, read_extract
from layers.street_graph import StreetGraphBuilder
from mapping import _vector_files as reading
from mapping import _vector_roles as recognition
from mapping import _vector_tags as tags
from mapping._vector_files import WGS84, VectorLayer
from mapping._vector_tags import LayerRole
from mapping.project import (
    OSM_ATTRIBUTION,
    LayerKind,
    Project,
    ProjectMetadata,
    create_project,
)

__all__ = ["LayerRole", "project_from_vectors"]

Progress = Callable[[str], None]

#: Vertices closer than this (in degrees, about 1 cm) are one street graph node.
NODE_PRECISION_DEG = 1e-7


def project_from_vectors(
    project_path: str | os.PathLike[str],
    files: Sequence[str | os.PathLike[str]],
    roles: Sequence[str] | Mapping[str, str] = (),
    bbox: tuple[float, float, float, float] | None = None,
    name: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
    crs: str | None = None,
) -> Project:
    """Make a new project from vector layers, all at once or not at all.

    Parameters
    ----------
    project_path
        The ``.gpkg`` to create.
    files
        GeoPackage, Shapefile, GeoJSON or KML files; every layer of each is read.
        An OpenStreetMap extract (``.osm``, ``.osm.pbf``...) may be among them: it is
        read as ``quartier new --osm`` reads it.
    roles
        What layers are, overriding recognition: ``"FILE=ROLE"`` or
        ``"FILE:LAYER=ROLE"`` strings (or a mapping from ``FILE``/``FILE:LAYER`` to
        role), where FILE is the path or the file name and ROLE one of buildings,
        roads, pois, water, landuse, reference.
    bbox
        Optional area of interest (west, south, east, north) in degrees: features are
        clipped to it.
    name
        Project name (default: the project file's name).
    force
        Replace an existing project file.
    progress
        Optional callback receiving short status sentences.
    crs
        Coordinate system (``"EPSG:4326"``...) of the layers that record none, such as
        a Shapefile without its ``.prj``. Layers that record one keep their own.

    Returns
    -------
    Project
        The new project: base layers, street graph, reference layers.

    Raises
    ------
    InputFileError
        A file is missing, damaged or not a vector layer; a layer cannot be recognised
        (the message says how to name it with ``--as``); ``roles`` or ``crs`` is wrong.
    CRSMissingError
        A layer has no coordinate system and ``crs`` is not given.
    EmptyExtractError
        A file holds no features, or there are none inside ``bbox``.
    ProjectExistsError
        ``project_path`` exists and ``force`` is not set.
    """
    target = Path(project_path)
    if target.exists() and not force:
        # Checked before the (possibly long) read, so the user hears it at once.
        raise ProjectExistsError(tr(
            "{path} already exists. Choose another file name, or add --force to replace it.",
            path=target))
    say = progress or (lambda _message: None)
    paths = [Path(f) for f in files]
    if not paths:
        raise InputFileError(tr("Give at least one layer file with --base."))
    for path in paths:
        reading.check_vector_file(path)
    given_crs = reading.parse_crs(crs) if crs else None
    overrides = recognition.parse_roles(roles, paths)

    notes: list[str] = []
    extracts: list[OsmExtract] = []
    layers: list[VectorLayer] = []
    for index, path in enumerate(paths):
        if reading.is_osm_extract(path):
            if any(key[0] == index for key in overrides):
                raise InputFileError(tr(
                    "--as cannot be used for {name}: it is an OpenStreetMap extract, whose "
                    "features are sorted by their tags.", name=path.name))
            extract = read_extract(path, progress=say)
            extracts.append(extract)
            # Whether the project has roads is said once, from all the files together.
            notes.extend(n for n in extract.notes if n != no_roads_note(path.name))
        else:
            say(tr("Reading {name}", name=path.name))
            layers.extend(reading.read_layers(path, index, notes))
    recognition.apply_roles(layers, overrides, paths)
    reading.check_crs(layers, given_crs)
    for layer in layers:
        reading.prepare(layer, notes)
    recognition.recognise(layers, notes)
    for layer in layers:
        say(tr("{layer}: {what}", layer=layer.label, what=recognition.describe(layer)))

    say(tr("Building the street graph"))
    frames, kinds = _assemble(layers, extracts)
    if bbox is not None:
        frames = clip_layers(frames, bbox)
        if not any(len(frame) for frame in frames.values()):
            raise EmptyExtractError(tr(
                "There are no features inside --bbox {bbox} in {files}. The layers cover "
                "{extent}: check the order west,south,east,north and that the area lies "
                "inside them.", bbox=_fmt_bbox(bbox), files=_file_names(paths),
                extent=_fmt_bbox(_extent(frames, layers, extracts))))
    if not len(frames[BaseLayer.ROADS]):
        notes.append(no_roads_note(_file_names(paths), inside_bbox=bbox is not None))
    metadata = ProjectMetadata(
        name=name or target.stem.replace("_", " "),
        area_of_interest=bbox or _extent(frames, layers, extracts),
        source=_file_names(paths),
        osm_data_date=_data_date(layers, extracts),
        attribution=_attribution(layers, extracts),
        import_notes=notes,
    )
    say(tr("Writing {name}", name=target.name))
    return create_project(target, frames, metadata, kinds=kinds, force=force)


def _assemble(
    layers: list[VectorLayer], extracts: list[OsmExtract]
) -> tuple[dict[str, gpd.GeoDataFrame], dict[str, LayerKind]]:
    """The project's layers: base layers, street graph, then reference layers."""
    base, road_tags = _base_frames(layers)
    roads = base[BaseLayer.ROADS]
    nodes, edges = street_graph(roads, road_tags)
    frames: dict[str, gpd.GeoDataFrame] = {str(key): frame for key, frame in base.items()}
    frames[BaseLayer.STREET_NODES] = nodes
    frames[BaseLayer.STREET_EDGES] = edges
    for extract in extracts:
        for key, frame in extract.layers.items():
            frames[key] = _concat(frames.get(key), frame)
    frames = {key: frames[key] for key in (*map(str, BaseLayer), *frames) if key in frames}
    kinds: dict[str, LayerKind] = {}
    for key, frame in _reference_frames(layers, taken=set(frames)).items():
        frames[key] = frame
        kinds[key] = LayerKind.REFERENCE
    return frames, kinds


def _base_frames(
    layers: list[VectorLayer],
) -> tuple[dict[BaseLayer, gpd.GeoDataFrame], list[dict[str, str]]]:
    """The six base layers in their OSM-import schemas, and the tags of each road."""
    out: dict[BaseLayer, gpd.GeoDataFrame] = {}
    road_views: list[dict[str, str]] = []
    for target in tags.SCHEMAS:
        rows: list[dict[str, object]] = []
        geometries: list[object] = []
        for layer in layers:
            if layer.reference:
                continue
            geometry = np.asarray(layer.frame.geometry.array, dtype=object)
            for i, targets in enumerate(layer.targets):
                if target not in targets:
                    continue
                view = layer.views[i]
                rows.append(tags.schema_row(target, view, layer.families[i],
                                             layer.originals[i]))
                geometries.append(geometry[i])
                if target is BaseLayer.ROADS:
                    road_views.append({**view, "highway": str(rows[-1]["highway"])})
        out[target] = _schema_frame(target, rows, geometries)
    return out, road_views


def _schema_frame(target: BaseLayer, rows: list[dict[str, object]],
                  geometries: list[object]) -> gpd.GeoDataFrame:
    columns = tags.SCHEMAS[target]
    data: dict[str, object] = {}
    for column in columns:
        values = [row.get(column) for row in rows]
        if column in ("osm_id", "osm_version"):
            data[column] = pd.array(values, dtype="Int64")
        else:
            data[column] = pd.array(values, dtype=object)
    geometry = np.asarray(geometries, dtype=object) if geometries else np.zeros(0, dtype=object)
    if target in (BaseLayer.BUILDINGS, BaseLayer.LANDUSE, BaseLayer.POIS, BaseLayer.WATER):
        geometry = tags.promote_polygons(geometry)
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(geometry, crs=WGS84), crs=WGS84)


def _reference_frames(layers: list[VectorLayer], taken: set[str]) -> dict[str, gpd.GeoDataFrame]:
    """Reference layers as they are (WGS84), under table names that clash with nothing."""
    out: dict[str, gpd.GeoDataFrame] = {}
    used = {name.lower() for name in taken} | tags.RESERVED_TABLES
    for layer in layers:
        if not layer.reference:
            continue
        name = tags.table_name(layer.name, used)
        used.add(name.lower())
        out[name] = tags.storable_columns(layer.frame)
    return out


def street_graph(
    roads: gpd.GeoDataFrame, road_tags: Sequence[Mapping[str, str]]
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Build the street graph of road lines that carry no OpenStreetMap node ids.

    Vertices at the same place (to about a centimetre, :data:`NODE_PRECISION_DEG`)
    get the same synthetic negative node id, so roads that meet at a shared vertex
    are connected; roads that only cross without a shared vertex (bridges) are not.

    Parameters
    ----------
    roads
        Road LineStrings in WGS84, with the ``osm_id`` column of the roads layer.
    road_tags
        OSM-style tags of each road (``highway``, ``oneway``, ``name``...), which
        decide whether it is routable and in which directions.

    Returns
    -------
    tuple of GeoDataFrame
        ``street_nodes`` and ``street_edges`` in osmnx's GeoPackage layout. Edges of a
        road without an OSM id carry a negative ``osmid``, -(1 + the road's row number).
    """
    builder = StreetGraphBuilder()
    if len(roads) == 0:
        return builder.frames()
    coords, parts = shapely.get_coordinates(roads.geometry.values, return_index=True)
    node_ids = _road_node_ids(roads, coords)
    bounds = np.searchsorted(parts, np.arange(len(roads) + 1))
    osm_ids = roads["osm_id"].to_numpy(dtype="float64", na_value=np.nan)
    for row, way_tags in enumerate(road_tags):
        if not is_routable(way_tags):
            continue
        start, stop = bounds[row], bounds[row + 1]
        ids = node_ids[start:stop]
        keep = np.concatenate(([True], ids[1:] != ids[:-1]))  # a repeated vertex: no segment
        if keep.sum() < 2:
            continue
        way_id = int(osm_ids[row]) if np.isfinite(osm_ids[row]) else -(row + 1)
        xy = coords[start:stop][keep]
        builder.add_way(way_id, list(zip(ids[keep].tolist(), xy[:, 0].tolist(),
                                         xy[:, 1].tolist(), strict=True)), way_tags)
    return builder.frames()


def _road_node_ids(roads: gpd.GeoDataFrame, coords: np.ndarray | None = None) -> np.ndarray:
    """Synthetic negative node id of every road vertex, equal for equal (rounded) places."""
    if coords is None:
        coords = shapely.get_coordinates(roads.geometry.values)
    if len(coords) == 0:
        return np.zeros(0, dtype=np.int64)
    keys = np.round(coords / NODE_PRECISION_DEG).astype(np.int64)
    _unique, inverse = np.unique(keys, axis=0, return_inverse=True)
    return -(inverse.reshape(-1).astype(np.int64) + 1)


def _concat(first: gpd.GeoDataFrame | None, second: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    frames = [f for f in (first, second) if f is not None and len(f)]
    if not frames:
        return first if first is not None else second
    if len(frames) == 1:
        return frames[0]
    joined = pd.concat(frames, ignore_index=True)
    return gpd.GeoDataFrame(joined, geometry="geometry", crs=WGS84)


def _attribution(layers: list[VectorLayer], extracts: list[OsmExtract]) -> str:
    parts: list[str] = []
    if extracts or any(layer.osm_derived for layer in layers):
        parts.append(OSM_ATTRIBUTION)
    for layer in layers:
        if layer.osm_derived:
            continue
        known = layer.attribution or tr("{layer} (source and licence not recorded in the file)",
                                        layer=layer.label)
        if known not in parts:
            parts.append(known)
    return "; ".join(parts)


def _data_date(layers: list[VectorLayer], extracts: list[OsmExtract]) -> str:
    dates = [extract.data_date for extract in extracts if extract.data_date]
    dates += [layer.data_date for layer in layers if layer.data_date]
    return max(dates) if dates else ""


def _extent(
    frames: Mapping[str, gpd.GeoDataFrame], layers: list[VectorLayer],
    extracts: list[OsmExtract],
) -> tuple[float, float, float, float]:
    bounds = [frame.total_bounds for frame in frames.values() if len(frame)]
    if not bounds:  # nothing left after clipping: the extent of what was read
        bounds = [layer.frame.total_bounds for layer in layers if len(layer.frame)]
        bounds += [extract.bounds for extract in extracts]
    if not bounds:
        return (0.0, 0.0, 0.0, 0.0)
    array = np.array(bounds)
    return (float(array[:, 0].min()), float(array[:, 1].min()),
            float(array[:, 2].max()), float(array[:, 3].max()))


def _fmt_bbox(bbox: Sequence[float]) -> str:
    return ",".join(f"{v:.5f}" for v in bbox)


def _file_names(paths: Sequence[Path]) -> str:
    return ", ".join(path.name for path in paths)
