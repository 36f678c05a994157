"""Read an OpenStreetMap extract (``.osm``, ``.osm.bz2``, ``.osm.pbf``) into base layers.

osmnx's own XML readers are too slow and too hungry for a city-sized file and
fail on clipped extracts (ways whose nodes lie outside the clip, as Geofabrik and
the HOT Export Tool produce). So the extract is streamed with pyosmium, which
assembles multipolygon relations in C++,
in one pass (see :mod:`layers.osm_scan`); the features are then sorted into layers with
vectorised shapely. The street graph is built from the same pass and handed to
osmnx in its own format (see :mod:`layers.street_graph`).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import geopandas as gpd
import numpy as np
import osmium
import pyarrow as pa
import shapely

from layers._osm_tables import frame_table, rows_table, table_frame
from layers.errors import EmptyExtractError, InputFileError
from layers.i18n import ntr, tr
from layers.osm_definitions import BaseLayer
from layers.osm_files import (
    check_extract_file,
    has_editor_deletions,
    is_xml_extract,
    truncation_message,
    unreadable_value_message,
    write_repaired_copy,
    write_sorted_copy,
)
from layers.osm_scan import SCHEMAS, Rows, ScanResult, scan_extract
from layers.street_graph import StreetGraphBuilder

WGS84 = "EPSG:4326"

Progress = Callable[[str], None]

#: Name of the temporary folders where sorted or shortened copies of an extract are
#: written, followed by the process id: ``quartier-sort-PID-xxxxxxxx``.
WORK_PREFIX = "quartier-sort-"
_DAY_S = 24 * 3600

__all__ = ["SCHEMAS", "OsmExtract", "check_extract_file", "clip_layers", "read_extract"]


@dataclass
class OsmExtract:
    """The base layers read from one extract, with what is known about its source."""

    #: Layer name -> features in WGS84 (EPSG:4326) as an Arrow table, geometry as WKB.
    tables: dict[str, pa.Table]
    #: The file the layers came from.
    source: Path
    #: Date of the OSM data (replication timestamp, or the newest object), ISO 8601, or "".
    data_date: str
    #: Extent of all features read, (west, south, east, north) in degrees.
    bounds: tuple[float, float, float, float]
    #: Ways that could not be drawn because their nodes lie outside the extract.
    skipped_ways: int = 0
    #: Ways drawn from only the part of their nodes that lies inside the extract.
    partial_ways: int = 0
    #: Human-readable notes about what was left out or repaired.
    notes: list[str] = field(default_factory=list)

    @cached_property
    def layers(self) -> dict[str, gpd.GeoDataFrame]:
        """Layer name -> features in WGS84 (EPSG:4326), one GeoDataFrame per base layer."""
        return {name: table_frame(table) for name, table in self.tables.items()}

    def count(self, layer: str) -> int:
        """Number of features in a layer (0 if it is missing)."""
        table = self.tables.get(layer)
        return 0 if table is None else table.num_rows


def read_extract(
    path: str | os.PathLike[str],
    bbox: tuple[float, float, float, float] | None = None,
    progress: Progress | None = None,
) -> OsmExtract:
    """Read an OpenStreetMap extract into Quartier's base layers, with no network.

    Parameters
    ----------
    path
        An ``.osm``, ``.osm.bz2`` or ``.osm.pbf`` file (Geofabrik, HOT Export Tool, JOSM,
        the OSM API). Clipped extracts are fine: ways that leave the clip are drawn from
        their nodes inside it.
    bbox
        Optional area of interest (west, south, east, north) in degrees: features are
        clipped to it.
    progress
        Optional callback receiving short status sentences.

    Returns
    -------
    OsmExtract
        Buildings, roads, POIs, water, land use, places and the street graph.

    Raises
    ------
    InputFileError
        The file is missing, empty, truncated, corrupt or not OpenStreetMap data.
    EmptyExtractError
        The extract holds no map features, or none inside ``bbox``.
    """
    source = Path(path)
    check_extract_file(source)
    remove_stale_work_folders()
    say = progress or (lambda _message: None)
    say(tr("Reading {name}", name=source.name))
    with _no_cycle_collection():
        xml = is_xml_extract(source)
        if xml and has_editor_deletions(source):
            return _read_repaired(source, bbox, say)
        try:
            return _read_any(source, source, bbox, say, [])
        except _UnreadableValueError as error:
            if not xml:
                raise InputFileError(unreadable_value_message(source, error.detail)) from error
            # Values osmium cannot read (tags over 1,024 bytes, where OpenStreetMap allows
            # 255 characters; positions that are not numbers) come from hand-edited or
            # home-made files: a copy without them is read, saying what was left out.
            return _read_repaired(source, bbox, say)


def _read_repaired(
    source: Path, bbox: tuple[float, float, float, float] | None, say: Progress
) -> OsmExtract:
    """Read a copy of OSM XML ``source`` without what cannot or must not be read."""
    say(tr("Leaving out unreadable or deleted objects of {name}", name=source.name))
    with work_folder() as folder:
        repaired = folder / "repaired.osm"
        notes = write_repaired_copy(source, repaired)
        try:
            return _read_any(repaired, source, bbox, say, notes)
        except _UnreadableValueError as error:
            raise InputFileError(unreadable_value_message(source, error.detail)) from error


def _read_any(
    path: Path,
    source: Path,
    bbox: tuple[float, float, float, float] | None,
    say: Progress,
    notes: list[str],
) -> OsmExtract:
    """Read ``path`` (the file ``source`` or a copy of it), sorting a copy first if needed."""
    try:
        return _read(path, source, bbox, say, notes)
    except _UnsortedError:
        # JOSM and the OSM API write objects out of id order; area assembly needs them
        # sorted, so a sorted copy is made first (such files are small).
        say(tr("Sorting {name}", name=source.name))
        with work_folder() as folder:
            sorted_copy = folder / "sorted.osm.pbf"
            with _osmium_errors(source):
                write_sorted_copy(path, sorted_copy, source)
            return _read(sorted_copy, source, bbox, say, notes)


@contextlib.contextmanager
def _osmium_errors(source: Path) -> Iterator[None]:
    """What osmium raises while reading ``source``, as Quartier's errors or as the
    private ones :func:`read_extract` acts on."""
    try:
        yield
    except RuntimeError as error:
        if "out of order" in str(error):
            raise _UnsortedError() from error
        raise InputFileError(truncation_message(source, error)) from error
    except ValueError as error:
        if "too long" in str(error):
            raise _UnreadableValueError(str(error)) from error
        raise InputFileError(truncation_message(source, error)) from error  # an illegal id...
    except osmium.InvalidLocationError as error:  # a coordinate that is not a number
        raise _UnreadableValueError(str(error)) from error


@contextlib.contextmanager
def work_folder() -> Iterator[Path]:
    """A fresh temporary folder named after this process, removed when done.

    A killed run cannot remove its folder; the next read removes those whose process
    is gone (:func:`remove_stale_work_folders`), never one of a process still running.
    """
    with tempfile.TemporaryDirectory(prefix=f"{WORK_PREFIX}{os.getpid()}-") as folder:
        yield Path(folder)


def remove_stale_work_folders(parent: Path | None = None) -> list[Path]:
    """Remove the work folders left in the temp folder by runs that were killed.

    Only folders named ``quartier-sort-PID-...`` whose process ``PID`` no longer exists
    are removed; those of running processes (or of other users, whose processes this one
    cannot see) stay. Folders of earlier versions (no process id in the name) are removed
    only when empty and a day old. Returns the folders removed.
    """
    parent = Path(parent or tempfile.gettempdir())
    removed: list[Path] = []
    try:
        candidates = list(parent.glob(f"{WORK_PREFIX}*"))
    except OSError:
        return removed
    for folder in candidates:
        if not folder.is_dir() or folder.is_symlink():
            continue
        pid = _folder_pid(folder.name)
        if pid is None:
            if _old_and_empty(folder):
                with contextlib.suppress(OSError):
                    folder.rmdir()  # only ever removes an empty folder
                    removed.append(folder)
            continue
        if _process_alive(pid):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            removed.append(folder)
    return removed


def _old_and_empty(folder: Path) -> bool:
    """An empty folder untouched for a day: one left by a version that did not name its
    folders after the process (``quartier-sort-xxxxxxxx``), whose process cannot be told."""
    try:
        return (time.time() - folder.stat().st_mtime > _DAY_S
                and next(folder.iterdir(), None) is None)
    except OSError:
        return False


def _folder_pid(name: str) -> int | None:
    # tempfile's random part has no "-": quartier-sort-PID-random, or quartier-sort-random.
    head = name[len(WORK_PREFIX):].split("-", 1)
    if len(head) != 2 or not head[0].isdigit():
        return None  # not one of ours, or made before folders carried their process id
    return int(head[0])


def _process_alive(pid: int) -> bool:
    if pid <= 0:
        return True  # not a process id: leave it alone
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists but belongs to someone else (PermissionError), or unknown
    return True


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while an extract is read.

    The read allocates millions of short-lived objects and keeps hundreds of thousands
    of records; each collection of the oldest generation walks all of them, which made
    a 100x city extract a sixth slower. The read makes almost no reference cycles.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _release_freed_memory() -> None:
    """Hand the memory of the records just let go of back to the system.

    The read keeps hundreds of thousands of small records; once they are in Arrow, the C
    allocator keeps their memory for itself, where Arrow's own allocator and GDAL cannot
    use it: the process's peak then stacks the layers on top of records already gone
    (100 copies of a city: 1.30 GB, 1.2 GB with this). glibc only; elsewhere nothing.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim  # the C library the process runs on
    except (OSError, AttributeError, TypeError):
        return None  # not glibc (macOS, Windows, musl without it)


class _UnsortedError(Exception):
    """The file's objects are not in id order."""


class _UnreadableValueError(Exception):
    """The file holds a value osmium refuses: a tag (or user name, or member role) too
    long, or a coordinate that is not a number."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        #: What osmium said.
        self.detail = detail


def _scan(path: Path, source: Path, graph: StreetGraphBuilder) -> ScanResult:
    with _osmium_errors(source):
        return scan_extract(str(path), graph)


def _read(
    path: Path,
    source: Path,
    bbox: tuple[float, float, float, float] | None,
    say: Progress,
    notes: list[str],
) -> OsmExtract:
    graph = StreetGraphBuilder()
    ways = _scan(path, source, graph)

    say("Assembling layers")
    tables: dict[str, pa.Table] = {}
    extents = []
    for name, columns in SCHEMAS.items():
        # Each layer's records let go of once in Arrow, before the next is made.
        layer_rows = Rows(columns, ways.rows[name].records + ways.node_rows[name].records)
        ways.rows[name].records = []
        ways.node_rows[name].records = []
        tables[str(name)], extent = rows_table(layer_rows)
        del layer_rows
        _release_freed_memory()
        extents.append(extent)
    street_nodes, street_edges = graph.tables()
    del graph
    _release_freed_memory()
    tables[BaseLayer.STREET_NODES] = street_nodes
    tables[BaseLayer.STREET_EDGES] = street_edges
    if street_nodes.num_rows:
        x, y = street_nodes.column("x").to_numpy(), street_nodes.column("y").to_numpy()
        extents.append((float(x.min()), float(y.min()), float(x.max()), float(y.max())))
    full_extent = _union(extents)
    notes = [*notes, *_read_notes(ways)]

    if bbox is not None:
        layers = {name: table_frame(table) for name, table in tables.items()}
        layers = clip_layers(layers, bbox)
        if not any(len(f) for f in layers.values()):
            raise EmptyExtractError(tr(
                "There are no map features inside --bbox {bbox} in {name}. "
                "The extract covers {extent}: "
                "check the order west,south,east,north and that the area lies inside it.",
                bbox=_fmt_bbox(bbox), name=source.name, extent=_fmt_bbox(full_extent)))
        tables = {name: frame_table(frame, tables[name].schema)
                  for name, frame in layers.items()}
        full_extent = _extent([f for f in layers.values() if len(f)])
    elif not any(t.num_rows for t in tables.values()):
        if ways.skipped_ways:
            raise EmptyExtractError(ntr(
                "{name} holds {n:,} road or waterway but not the nodes it is drawn through, "
                "so nothing can be drawn. Export the area again with the nodes of its ways "
                "included (JOSM and the OpenStreetMap website do).",
                "{name} holds {n:,} roads or waterways but not the nodes they are drawn "
                "through, so nothing can be drawn. Export the area again with the nodes of "
                "its ways included (JOSM and the OpenStreetMap website do).",
                ways.skipped_ways, name=source.name))
        if notes:  # what was left out may be all there was
            raise EmptyExtractError(tr(
                "{name} holds no map features that can be drawn. {notes}",
                name=source.name, notes=" ".join(notes)))
        raise EmptyExtractError(tr(
            "{name} holds no buildings, roads, places or other map features. "
            "Export the neighbourhood again with its buildings and roads included.",
            name=source.name))

    newest = ways.newest
    data_date = ways.header_date or (
        newest.isoformat().replace("+00:00", "Z") if newest.year > 1 else ""
    )
    if not tables[BaseLayer.ROADS].num_rows:
        notes.append(no_roads_note(source.name, inside_bbox=bbox is not None))
    return OsmExtract(
        tables=tables,
        source=source,
        data_date=data_date,
        bounds=full_extent,
        skipped_ways=ways.skipped_ways,
        partial_ways=ways.partial_ways,
        notes=notes,
    )


def _read_notes(ways: ScanResult) -> list[str]:
    """What the read left out or drew from part of its nodes, in plain words."""
    notes: list[str] = []
    if ways.partial_ways:
        notes.append(ntr(
            "{n} way leaves the extract and was drawn from its nodes inside it; "
            "{skipped} had fewer than two nodes inside and were left out.",
            "{n} ways leave the extract and were drawn from their nodes inside it; "
            "{skipped} had fewer than two nodes inside and were left out.",
            ways.partial_ways, skipped=ways.skipped_ways))
    elif ways.skipped_ways:
        notes.append(ntr(
            "1 road or waterway was left out: fewer than two of its nodes are in the extract.",
            "{n:,} roads or waterways were left out: fewer than two of their nodes are in "
            "the extract.", ways.skipped_ways))
    if ways.skipped_areas:
        notes.append(ntr(
            "{n} building or amenity outline is cut by the extract's edge and was left out; "
            "export a slightly larger area to keep it.",
            "{n} buildings or amenity outlines are cut by the extract's edge and were left "
            "out; export a slightly larger area to keep them.", ways.skipped_areas))
    if ways.undrawable_areas:
        count = len(ways.undrawable_areas)
        listed = ", ".join(map(str, ways.undrawable_areas[:5]))
        if count > 5:
            listed = tr("{ways} and {count:,} more", ways=listed, count=count - 5)
        notes.append(ntr(
            "1 building or amenity outline was left out: the outline crosses itself or has "
            "fewer than three distinct corners (way {ways}). Correct it in JOSM, whose "
            "validator finds such outlines.",
            "{n:,} building or amenity outlines were left out: the outline crosses itself or "
            "has fewer than three distinct corners (way {ways}). Correct them in JOSM, whose "
            "validator finds such outlines.", count, ways=listed))
    if ways.deleted:
        notes.append(ntr(
            "1 object marked deleted was left out (visible=\"false\", as in a history file).",
            "{n:,} objects marked deleted were left out (visible=\"false\", as in a history "
            "file).", ways.deleted))
    if ways.misplaced_nodes:
        notes.append(ntr(
            "1 point of interest or place name was left out: its position is outside the "
            "world (a latitude beyond 90 degrees or a longitude beyond 180).",
            "{n:,} points of interest or place names were left out: their position is "
            "outside the world (a latitude beyond 90 degrees or a longitude beyond 180).",
            ways.misplaced_nodes))
    return notes


def no_roads_note(source_name: str, inside_bbox: bool = False) -> str:
    """The note of a project made with no roads: what will not work, and what to do."""
    if inside_bbox:
        return tr(
            "There are no roads or paths inside --bbox in {name}: the roads layer and the "
            "street graph are empty, so transport lines cannot follow streets and nothing "
            "snaps to a road. To have them, export the area again with its roads included.",
            name=source_name)
    return tr(
        "There are no roads or paths in {name}: the roads layer and the street graph are "
        "empty, so transport lines cannot follow streets and nothing snaps to a road. "
        "To have them, export the area again with its roads included.", name=source_name)


def clip_layers(
    layers: dict[str, gpd.GeoDataFrame], bbox: tuple[float, float, float, float]
) -> dict[str, gpd.GeoDataFrame]:
    """Clip every layer to an area of interest (west, south, east, north in degrees).

    Features crossing the edge are cut at it, as a clipped export would be. A line the
    edge cuts into several pieces becomes one feature per piece (same OSM id and tags),
    so line layers hold LineStrings only; areas stay MultiPolygons. The street graph
    keeps the nodes inside the area and the edges between them.
    """
    west, south, east, north = bbox
    area = shapely.box(west, south, east, north)
    out: dict[str, gpd.GeoDataFrame] = {}
    for name, frame in layers.items():
        if len(frame) == 0:
            out[name] = frame
            continue
        geoms = frame.geometry.values
        inside = shapely.intersects(geoms, area)
        kept = frame[inside].reset_index(drop=True)
        if name == BaseLayer.STREET_EDGES:
            out[name] = kept  # finished below, from the nodes kept
            continue
        if name not in (BaseLayer.STREET_NODES, BaseLayer.PLACES):
            kept = _clip_frame(kept, (west, south, east, north))
        out[name] = kept
    nodes = out.get(BaseLayer.STREET_NODES)
    edges = out.get(BaseLayer.STREET_EDGES)
    if nodes is not None and edges is not None and len(edges):
        keep_ids = set(nodes["osmid"].tolist())
        both = edges["u"].isin(keep_ids) & edges["v"].isin(keep_ids)
        out[BaseLayer.STREET_EDGES] = edges[both].reset_index(drop=True)
        used = set(out[BaseLayer.STREET_EDGES]["u"]) | set(out[BaseLayer.STREET_EDGES]["v"])
        out[BaseLayer.STREET_NODES] = nodes[nodes["osmid"].isin(used)].reset_index(drop=True)
    return out


_LINES = (shapely.GeometryType.LINESTRING, shapely.GeometryType.MULTILINESTRING)
_AREAS = (shapely.GeometryType.POLYGON, shapely.GeometryType.MULTIPOLYGON)


def _clip_frame(frame: gpd.GeoDataFrame, bbox: tuple[float, float, float, float]
                ) -> gpd.GeoDataFrame:
    """Features cut at the box, each keeping its geometry family in one plain type.

    Clipping a line may give several lines (or a collection with stray points where it
    touches the edge): each line piece becomes a LineString feature of its own. Clipping
    an area may give a Polygon, several, or a collection with lines along the edge: its
    polygons become one MultiPolygon. Points stay as they are. What is left with nothing
    of its own family (a line only touching the edge) is dropped.
    """
    original = frame.geometry.values
    clipped = shapely.clip_by_rect(original, *bbox)
    family = shapely.get_type_id(original)
    is_line = np.isin(family, _LINES)
    is_area = np.isin(family, _AREAS)
    parts, row = shapely.get_parts(clipped, return_index=True)
    nested, inner = shapely.get_parts(parts, return_index=True)  # a collection of multis
    parts, row = nested, row[inner]
    part_type = shapely.get_type_id(parts)
    line_part = (is_line[row] & (part_type == shapely.GeometryType.LINESTRING)
                 & (shapely.length(parts) > 0))
    area_part = (is_area[row] & (part_type == shapely.GeometryType.POLYGON)
                 & (shapely.area(parts) > 0))
    other_part = ~(is_line | is_area)[row] & ~shapely.is_empty(parts)
    other_part &= _first_kept_per_row(row, other_part)  # one feature per point (or other)
    # Areas: their polygons gathered back into one MultiPolygon per feature.
    areas = np.full(len(frame), None, dtype=object)
    if area_part.any():
        shapely.multipolygons(parts[area_part], indices=row[area_part], out=areas)
        area_part &= _first_kept_per_row(row, area_part)  # one feature per area
    keep = line_part | area_part | other_part
    geometry = parts[keep]
    rows = row[keep]
    from_area = area_part[keep]
    geometry[from_area] = areas[rows[from_area]]
    # Points (and anything of no known family) stay whole: what of them is inside.
    plain = other_part[keep]
    geometry[plain] = clipped[rows[plain]]
    result = frame.iloc[rows].reset_index(drop=True)
    return result.set_geometry(geometry, crs=frame.crs)


def _first_kept_per_row(row: np.ndarray, kept: np.ndarray) -> np.ndarray:
    """True at the first kept part of each row (parts are ordered by row)."""
    first = np.zeros(len(row), dtype=bool)
    positions = np.flatnonzero(kept)
    if len(positions):
        _rows, first_index = np.unique(row[positions], return_index=True)
        first[positions[first_index]] = True
    return first


def _fmt_bbox(bbox: tuple[float, float, float, float]) -> str:
    return ",".join(f"{v:.5f}" for v in bbox)


def _union(
    extents: list[tuple[float, float, float, float] | None],
) -> tuple[float, float, float, float]:
    boxes = np.array([e for e in extents if e is not None], dtype=np.float64)
    if not len(boxes):
        return (0.0, 0.0, 0.0, 0.0)
    return (float(boxes[:, 0].min()), float(boxes[:, 1].min()),
            float(boxes[:, 2].max()), float(boxes[:, 3].max()))


def _extent(frames: list[gpd.GeoDataFrame]) -> tuple[float, float, float, float]:
    if not frames:
        return (0.0, 0.0, 0.0, 0.0)
    bounds = np.array([f.total_bounds for f in frames])
    return (float(bounds[:, 0].min()), float(bounds[:, 1].min()),
            float(bounds[:, 2].max()), float(bounds[:, 3].max()))
