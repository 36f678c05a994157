"""Overviews: what a big layer draws at its widest views, kept beside the project.

Opening a project draws its full extent first. On a big city that view holds every
building (drawn as dots weighted by their area) and the main roads, and reading and
reprojecting every feature of the layers (PROJ, then the WKB walk) is most of the
time the first frame takes. An overview keeps, for the level-of-detail bands of
the full extent (windows from 960 to 2560 pixels wide), exactly what those bands
draw: the features big enough for their painter paths, in working-CRS metres and
simplified as the band simplifies them (simplifying them again changes nothing:
checked as they are written), their places along the layer's Z-order, and the
band's dots as the layer sums them.
The renderer draws a first frame at those bands from it (the same pixels as from
the whole layer) while the whole layers load behind.

The overviews of a project are one file beside it (``.NAME.gpkg.overview``): a
cache, written whole into a temporary file and renamed into place, never holding
anything the project does not. Each is stamped with the project file's state
(size and modification time of the file and of its SQLite write-ahead log), the
working CRS, the layer's style and the source of the code that makes layers: any
write to the project (an edit in the window, an import, another program) or a
change of style or code makes it stale, and a stale overview is never drawn.
Only layers of more than :data:`MIN_FEATURES` features get one; a band is left
out where the layer writes labels or stamps symbols (those need every feature),
or where it would keep more than :data:`MAX_SHARE` of the layer (of its features, and of
its vertices as that band simplifies them).
"""

from __future__ import annotations

import contextlib
import functools
import glob
import hashlib
import json
import os
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mapping.render import cell_build, layer_cache, loading, qpaths, style, wkb
from mapping.render.layer_cache import LayerData, ZOrder, zoom_band
from mapping.render.qpaths import ring_vertex_index
from mapping.render.view import MapView, metres_per_pixel_for

#: Layers with more features than this get an overview.
MIN_FEATURES = 50_000
#: A band is left out when what it draws is more than this share of the layer's features.
MAX_SHARE = 0.25
#: Window sizes whose full-extent band gets an overview (the smallest and largest ones).
WINDOW_SIZES = ((960, 540), (2560, 1440))
#: Layout of the overview file; a file of another layout is stale.
FORMAT = 4
#: First bytes of an overview file.
MAGIC = b"QOVERVW\n"


def overview_path(project_path: Path) -> Path:
    """Where the overviews of a project file are kept (a hidden file beside it)."""
    return project_path.with_name(f".{project_path.name}.overview")


def project_state(project_path: Path) -> list[int]:
    """The project file's state: any write to it changes one of these numbers.

    Size, inode and modification and change times (nanoseconds) of the file, and the
    same of its write-ahead log while that holds something, with the log's header
    (SQLite writes there first, then into the file; the header changes when the log
    starts over).

    The project file itself is only looked at with ``stat``, never opened: SQLite's
    locks belong to the process, and closing any other descriptor of the file would
    drop the locks of every connection to it in this process (another program could
    then write while an edit is being saved). The log holds no locks, so its header
    is read.
    """
    found = project_path.stat()
    state = [found.st_size, found.st_ino, found.st_mtime_ns, found.st_ctime_ns]
    log = Path(f"{project_path}-wal")
    try:
        found = log.stat()
        if found.st_size:
            with open(log, "rb") as stream:
                header = stream.read(32)
            state += [found.st_size, found.st_mtime_ns, int.from_bytes(header[8:32], "big")]
    except OSError:
        pass
    return state


@functools.lru_cache(maxsize=1)
def _code_stamp() -> str:
    """A digest of the code that makes a layer's arrays (a change of it makes overviews stale)."""
    digest = hashlib.sha1(str(FORMAT).encode())
    for source in (__file__, *(m.__file__ for m in (cell_build, layer_cache, loading, qpaths,
                                                        style, wkb))):
        try:
            digest.update(Path(source or "").read_bytes())
        except OSError:  # no source (a frozen build): its version says it
            from mapping.store.schema import QUARTIER_VERSION

            digest.update(QUARTIER_VERSION.encode())
    return digest.hexdigest()


def style_stamp(layer_style: style.LayerStyle) -> str:
    """A digest of how a layer is drawn."""
    return hashlib.sha1(repr(layer_style).encode()).hexdigest()


def full_extent_bands(extent: tuple[float, float, float, float]) -> list[int]:
    """The bands of the full extent in windows of :data:`WINDOW_SIZES` and between."""
    zooms = [MapView.fit(extent, w, h).zoom for w, h in WINDOW_SIZES]
    return list(range(zoom_band(min(zooms)), zoom_band(max(zooms)) + 1))


def _shown(layer_style: style.LayerStyle, band: int) -> np.ndarray:
    """Per class (and -1 last): drawn at ``band``, as the layer's band selection says."""
    return np.array([c.min_zoom < band + 1 and c.max_zoom >= band
                     for c in layer_style.classes] + [False], dtype=bool)


def _band_needs_all(layer: LayerData, band: int) -> bool:
    """True when some class writes labels or stamps symbols at a zoom of ``band``."""
    for rule in layer.style.classes:
        label = rule.label_style
        for low, high, shows in (
                (max(band, rule.min_zoom), rule.max_zoom, rule.symbol is not None),
                (max(band, rule.min_zoom, label.min_zoom), min(rule.max_zoom, label.max_zoom),
                 label.placement != "none")):
            if shows and low < band + 1 and low <= high:
                return True
    return False


def _take(geoms: wkb.FlatGeometries, features: np.ndarray) -> wkb.FlatGeometries:
    """The geometries of ``features``, in that order."""
    parts, feature_offsets = ring_vertex_index(geoms.feature_offsets, features)
    rings, part_offsets = ring_vertex_index(geoms.part_offsets, parts)
    vertices, ring_offsets = ring_vertex_index(geoms.ring_offsets, rings)
    return wkb.FlatGeometries(geoms.coords[vertices], ring_offsets, part_offsets,
                              feature_offsets, geoms.family[features])


def _ring_groups(geoms: wkb.FlatGeometries) -> list[tuple[np.ndarray, int]]:
    """Polygon rings and line rings apart, each with the fewest vertices it keeps
    (as the cell builder simplifies them)."""
    ring_feature = np.repeat(np.arange(len(geoms)), np.diff(geoms.feature_ring_offsets()))
    polygon = geoms.family[ring_feature] == wkb.POLYGON
    return [(np.nonzero(polygon)[0], 4), (np.nonzero(~polygon)[0], 2)]


def _simplified(geoms: wkb.FlatGeometries, band: int) -> wkb.FlatGeometries:
    """The geometries as the cell builder simplifies them at ``band`` (a ring it drops
    left empty), when simplifying those gives the cell builder's result again (Douglas
    and Peucker's rule keeps its own vertices); else the geometries unchanged."""
    tolerance = cell_build.SIMPLIFY_PX * metres_per_pixel_for(band + 1)
    counts = np.zeros(len(geoms.ring_offsets) - 1, dtype=np.int64)
    results = []
    for rings, fewest in _ring_groups(geoms):
        index, offsets = ring_vertex_index(geoms.ring_offsets, rings)
        thin, thin_offsets, kept = qpaths.simplify(geoms.coords[index], offsets, tolerance,
                                                   fewest)
        counts[rings[kept]] = np.diff(thin_offsets)
        results.append((rings, fewest, thin, thin_offsets, kept))
    ring_offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    coords = np.zeros((int(ring_offsets[-1]), 2))
    for rings, _fewest, thin, _thin_offsets, kept in results:
        coords[ring_vertex_index(ring_offsets, rings[kept])[0]] = thin
    for rings, fewest, thin, thin_offsets, kept in results:
        index, offsets = ring_vertex_index(ring_offsets, rings)
        again, again_offsets, again_kept = qpaths.simplify(coords[index], offsets, tolerance,
                                                           fewest)
        if not (np.array_equal(again_kept, kept) and np.array_equal(again_offsets, thin_offsets)
                and np.array_equal(again, thin)):
            return geoms
    return wkb.FlatGeometries(coords, ring_offsets, geoms.part_offsets, geoms.feature_offsets,
                              geoms.family)


def _band_arrays(layer: LayerData, drawn: np.ndarray, band: int) -> dict[str, np.ndarray]:
    """The arrays of the stand-in of ``layer`` at ``band``: the ``drawn`` features."""
    z = layer.spatial_order()
    features = np.nonzero(drawn)[0]
    renumbered = np.cumsum(drawn) - 1
    in_order = drawn[z.order]
    geoms = _simplified(_take(layer.geoms, features), band)
    arrays = {
        "fids": layer.fids[features], "classes": layer.classes[features],
        "colour_ids": layer.colour_ids[features], "bounds": layer.bounds[features],
        "size": layer.size[features], "area": layer.area[features],
        "anchor": layer.anchor[features], "coords": geoms.coords,
        "ring_offsets": geoms.ring_offsets, "part_offsets": geoms.part_offsets,
        "feature_offsets": geoms.feature_offsets, "family": geoms.family,
        "z_order": renumbered[z.order[in_order]], "z_keys": z.keys[in_order],
        "z_classes": z.classes[in_order], "z_kind": z.kind[in_order],
        "z_size": z.size[in_order]}
    if layer.style.dots is not None:
        grown = metres_per_pixel_for(band)
        minx, miny, maxx, maxy = layer.extent if layer.extent is not None else (0, 0, 0, 0)
        arrays["dots_xy"], arrays["dots_area"] = layer.dots_in(
            band, (minx - grown, miny - grown, maxx + grown, maxy + grown))
    return arrays


def layer_overview(layer: LayerData, bands: Iterable[int], max_share: float | None = None
                   ) -> dict[str, np.ndarray] | None:
    """The arrays of a layer's overview at ``bands`` (those it can stand in for), or None.

    A band is kept when no class writes labels or stamps symbols there, and
    bands are added from the coarsest while what they draw stays within
    ``max_share`` (default :data:`MAX_SHARE`) of the layer's features, or its
    geometries, simplified as it draws them, within that share of the layer's
    vertices. Each band
    keeps its own features, simplified as the band draws them (see
    :func:`_simplified`), and its dots.
    """
    share = MAX_SHARE if max_share is None else max_share
    z = layer.spatial_order()
    kind = np.zeros(len(layer), dtype=np.int8)
    kind[z.order] = z.kind
    chosen = np.zeros(len(layer), dtype=bool)
    kept: list[tuple[int, np.ndarray, dict[str, np.ndarray] | None]] = []
    for band in sorted(set(bands)):
        if not 0 <= band <= layer_cache.MAX_BAND or _band_needs_all(layer, band):
            continue
        shown = _shown(layer.style, band)
        drawn = shown[layer.classes] & ((kind == 1) | (
            (kind == 2) & (layer.size >= metres_per_pixel_for(band))))
        union = chosen | drawn
        if union.sum() <= share * len(layer):
            chosen = union
            kept.append((band, drawn, None))
            continue
        # Most features drawn (big polygons, such as flood zones): the band is kept all
        # the same if, simplified as it draws them, they hold few of the layer's
        # vertices; the first frame then neither reads nor simplifies the layer.
        made = _band_arrays(layer, drawn, band)
        if len(made["coords"]) > share * len(layer.geoms.coords):
            break
        kept.append((band, drawn, made))
    if not kept:
        return None
    arrays: dict[str, np.ndarray] = {
        "bands": np.array([band for band, _drawn, _ready in kept], dtype=np.int64),
        "z_origin": np.array(z.origin, dtype=np.float64),
        "extent": np.array(layer.extent if layer.extent is not None else (), dtype=np.float64),
    }
    for band, drawn, ready in kept:
        made = _band_arrays(layer, drawn, band) if ready is None else ready
        arrays.update({f"{band}.{key}": value for key, value in made.items()})
    return arrays


@dataclass
class Overview:
    """One layer's overview: per band, a small :class:`LayerData` drawing the same as the
    whole layer at that band."""

    #: Band -> the stand-in layer (what the band draws, simplified as it draws it).
    layers: dict[int, LayerData]


def overview_layer(name: str, layer_style: style.LayerStyle, arrays: Mapping[str, np.ndarray],
                   colour_table: tuple[str, ...]) -> Overview:
    """The stand-in layers made from an overview's arrays."""
    origin = arrays["z_origin"]
    extent = arrays["extent"]
    layers = {}
    for band in (int(b) for b in arrays["bands"]):
        band_arrays = {key.split(".", 1)[1]: value for key, value in arrays.items()
                       if key.startswith(f"{band}.")}
        layers[band] = _stand_in(name, layer_style, band_arrays, colour_table, band,
                                 (float(origin[0]), float(origin[1])),
                                 tuple(float(v) for v in extent) if len(extent) == 4 else None)
    return Overview(layers)


def _stand_in(name: str, layer_style: style.LayerStyle, arrays: Mapping[str, np.ndarray],
              colour_table: tuple[str, ...], band: int, origin: tuple[float, float],
              extent: tuple[float, ...] | None) -> LayerData:
    count = len(arrays["fids"])
    geoms = wkb.FlatGeometries(arrays["coords"], arrays["ring_offsets"], arrays["part_offsets"],
                               arrays["feature_offsets"], arrays["family"])
    zorder = ZOrder(arrays["z_order"], arrays["z_keys"], arrays["z_classes"], arrays["z_kind"],
                    arrays["z_size"], origin)
    dots = {band: (arrays["dots_xy"], arrays["dots_area"])} if "dots_xy" in arrays else {}
    return LayerData(
        name=name, style=layer_style, fids=arrays["fids"], geoms=geoms,
        classes=arrays["classes"], bounds=arrays["bounds"], size=arrays["size"],
        area=arrays["area"], anchor=arrays["anchor"], names=np.full(count, "", dtype=object),
        name_codes=np.full(count, -1, dtype=np.int64),
        name_lengths=np.zeros(count, dtype=np.int64), colour_ids=arrays["colour_ids"],
        colour_table=colour_table, extent=extent,  # type: ignore[arg-type]
        _zorder=zorder, _dots=dots)


def write_overviews(project_path: Path, layers: Iterable[LayerData], working_crs: str,
                    extent: tuple[float, float, float, float], state: list[int],
                    min_features: int | None = None, bands: Iterable[int] | None = None,
                    max_share: float | None = None) -> list[str]:
    """Write the overviews of the big ``layers`` beside the project; returns those written.

    The file is :data:`MAGIC`, the length of a JSON header, the header (the
    stamps, and each array's type, shape and place) and the arrays' bytes, each
    layer's together: a layer is read in one piece, with no copy per array.

    Parameters
    ----------
    project_path
        The project file.
    layers
        Layers read from it (drawn as the renderer draws them), taken one at a time.
    working_crs
        The CRS they were read in.
    extent
        The project's full extent (as the renderer opens it).
    state
        :func:`project_state` of the project taken before the layers were read: if
        the file changed while they were read, the overviews are stale at once.
    min_features
        Layers with at most this many features get none (default :data:`MIN_FEATURES`).
    bands, max_share
        The bands to keep (default: those of the full extent, :func:`full_extent_bands`)
        and the largest share of a layer's features they may keep.
    """
    bands = full_extent_bands(extent) if bands is None else list(bands)
    least = MIN_FEATURES if min_features is None else min_features
    header: dict = {"format": FORMAT, "state": state, "crs": working_crs,
                    "code": _code_stamp(), "layers": {}}
    chunks: list[bytes] = []
    offset = 0
    for layer in layers:
        if len(layer) <= least:
            continue
        arrays = layer_overview(layer, bands, max_share)
        if arrays is None:
            continue
        placed = {}
        for key, array in arrays.items():
            data = np.ascontiguousarray(array)
            placed[key] = [data.dtype.str, list(data.shape), offset, data.nbytes]
            chunks.append(data.tobytes())
            padding = -data.nbytes % 64
            chunks.append(b"\0" * padding)
            offset += data.nbytes + padding
        header["layers"][layer.name] = {"style": style_stamp(layer.style),
                                        "colours": list(layer.colour_table),
                                        "arrays": placed}
    target = overview_path(project_path)
    if not header["layers"]:
        with contextlib.suppress(OSError):
            target.unlink()
        return []
    text = json.dumps(header).encode()
    partial = target.with_name(f"{target.name}-{os.getpid()}.tmp")
    try:
        with open(partial, "wb") as stream:
            stream.write(MAGIC + len(text).to_bytes(8, "little") + text)
            stream.writelines(chunks)
            stream.flush()
            os.fsync(stream.fileno())  # whole on disk before it is named (a crash leaves none)
        os.replace(partial, target)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()
    _remove_left_behind(target)
    return list(header["layers"])


def _remove_left_behind(target: Path) -> None:
    """Delete temporary overview files left by processes killed while writing them
    (any older than an hour: a write takes seconds)."""
    for found in target.parent.glob(f"{glob.escape(target.name)}-*.tmp"):
        with contextlib.suppress(OSError):
            if time.time() - found.stat().st_mtime > 3600:
                found.unlink()


class OverviewFile:
    """The overviews of one project, read on first use and checked against the project."""

    def __init__(self, project_path: Path, working_crs: str) -> None:
        self.project_path = project_path
        self.working_crs = working_crs
        self._header: dict | None = None
        self._data_start = 0
        self._loaded: dict[str, Overview | None] = {}
        self._forgotten: set[str] = set()
        self._lock = threading.Lock()

    def fresh(self) -> bool:
        """Whether the file is there and matches the project as it is now."""
        header = self._read_header()
        if header is None:
            return False
        try:
            state = project_state(self.project_path)
        except OSError:
            return False
        return (header.get("format") == FORMAT and header.get("state") == state
                and header.get("crs") == self.working_crs and header.get("code") == _code_stamp())

    def _read_header(self) -> dict | None:
        if self._header is None:
            try:
                with open(overview_path(self.project_path), "rb") as stream:
                    if stream.read(len(MAGIC)) != MAGIC:
                        raise ValueError("not an overview file")
                    length = int.from_bytes(stream.read(8), "little")
                    self._header = json.loads(stream.read(length))
                    self._data_start = len(MAGIC) + 8 + length
            except (OSError, ValueError):
                self._header = {}
        return self._header or None

    def layer(self, name: str, layer_style: style.LayerStyle, band: int) -> LayerData | None:
        """The stand-in of ``name`` for a frame at ``band``, or None (none, stale, other band)."""
        with self._lock:
            if name in self._forgotten:
                return None
            if name not in self._loaded:
                self._loaded[name] = self._read_layer(name, layer_style)
            found = self._loaded[name]
        if found is None or band not in found.layers or not self.fresh():
            return None
        return found.layers[band]

    def _read_layer(self, name: str, layer_style: style.LayerStyle) -> Overview | None:
        if not self.fresh():
            return None
        assert self._header is not None
        described = self._header["layers"].get(name)
        if described is None or described.get("style") != style_stamp(layer_style):
            return None
        placed = described["arrays"]
        first = min(offset for _dtype, _shape, offset, _size in placed.values())
        last = max(offset + size for _dtype, _shape, offset, size in placed.values())
        data = bytearray(last - first)
        try:
            with open(overview_path(self.project_path), "rb") as stream:
                stream.seek(self._data_start + first)
                if stream.readinto(data) != len(data):
                    return None
            arrays = {key: np.frombuffer(data, dtype=np.dtype(dtype), count=int(np.prod(shape)),
                                         offset=offset - first).reshape(shape)
                      for key, (dtype, shape, offset, _size) in placed.items()}
            return overview_layer(name, layer_style, arrays, tuple(described["colours"]))
        except (OSError, KeyError, ValueError):
            return None

    def holds(self, name: str) -> bool:
        """Whether the file has an overview of ``name`` (fresh or not)."""
        header = self._read_header()
        return header is not None and name in header.get("layers", {})

    def forget(self, name: str) -> None:
        """Never use the overview of ``name`` again (the layer is loaded, or changed)."""
        with self._lock:
            self._forgotten.add(name)
            self._loaded.pop(name, None)


def write_project_overviews(project_path: str | os.PathLike[str],
                            min_features: int | None = None, bands: Iterable[int] | None = None,
                            max_share: float | None = None, keep_fresh: bool = False
                            ) -> list[str]:
    """Read a project's big layers as the map draws them and write their overviews.

    For where projects are made or layers written in bulk (``quartier new``); a
    project file that cannot take a file beside it is left without. Returns the
    layers that got an overview. The parameters are those of :func:`write_overviews`;
    with ``keep_fresh``, overviews already fresh for every big layer are kept as they are
    (benchmarks, a project made by an older version).
    """
    from mapping.project import Project
    from mapping.render.renderer import MapRenderer

    path = Path(project_path)
    least = MIN_FEATURES if min_features is None else min_features
    state = project_state(path)
    project = Project(path)
    try:
        counts = {info.name: info.count for info in project.layers()}
        if not any(count > least for count in counts.values()):
            with contextlib.suppress(OSError):
                overview_path(path).unlink()  # one a replaced project may have left
            return []
        renderer = MapRenderer(project)
        big = [state_of.name for state_of in renderer.layer_states()
               if (entry := renderer.entry(state_of.name)) is not None
               and entry.source == "vector" and counts.get(state_of.name, 0) > least]
        if keep_fresh:
            kept = OverviewFile(path, renderer.working_crs)
            if kept.fresh() and all(kept.holds(name) for name in big):
                return big

        def big_layers() -> Iterator[LayerData]:
            for state_of in renderer.layer_states():
                entry = renderer.entry(state_of.name)
                if (entry is None or entry.source != "vector" or entry.style is None
                        or counts.get(state_of.name, 0) <= least):
                    continue
                data = entry.load(project, renderer.working_crs)
                entry.data = None  # one layer in memory at a time
                if isinstance(data, LayerData) and len(data) > least:
                    yield data

        try:
            return write_overviews(path, big_layers(), renderer.working_crs,
                                   renderer.full_extent(), state, min_features, bands, max_share)
        except OSError:
            return []
    finally:
        project.close()
