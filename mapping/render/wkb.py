"""Turn a layer's WKB geometries into flat coordinate arrays, fast.

Drawing and hit-testing a city of buildings needs every vertex in one numpy array,
with offsets saying where each ring, part and feature starts (the layout of
GeoArrow and :func:`shapely.to_ragged_array`). Going through shapely objects
costs about 5 s for 770,000 buildings; reading the little-endian 2D WKB GDAL
returns directly with numpy costs a tenth of that. Anything else (big-endian,
Z/M, geometry collections) goes through shapely first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely

#: Geometry family codes of :attr:`FlatGeometries.family`.
EMPTY, POINT, LINE, POLYGON = -1, 0, 1, 2
#: Vertices gathered per batch, to bound temporary memory.
_BATCH_VERTICES = 500_000


@dataclass
class FlatGeometries:
    """Features' geometries as coordinate arrays with offsets (GeoArrow-like)."""

    #: Vertex coordinates, shape (n, 2), float64.
    coords: np.ndarray
    #: Vertex offsets of each ring (polygon ring, linestring or point), length rings + 1.
    ring_offsets: np.ndarray
    #: Ring offsets of each part (polygon, linestring, point), length parts + 1.
    part_offsets: np.ndarray
    #: Part offsets of each feature, length features + 1.
    feature_offsets: np.ndarray
    #: Geometry family of each feature: -1 empty, 0 point, 1 line, 2 polygon.
    family: np.ndarray

    def __len__(self) -> int:
        return len(self.family)

    def feature_vertex_offsets(self) -> np.ndarray:
        """Vertex offsets of each feature, length features + 1."""
        return self.ring_offsets[self.part_offsets[self.feature_offsets]]

    def feature_ring_offsets(self) -> np.ndarray:
        """Ring offsets of each feature, length features + 1."""
        return self.part_offsets[self.feature_offsets]


def _words(data: np.ndarray, size: int) -> np.ndarray:
    """Overlapping ``size``-byte rows starting at every byte of ``data`` (a strided view)."""
    if len(data) < size:
        return np.zeros((0, size), dtype=np.uint8)
    return np.lib.stride_tricks.as_strided(data, shape=(len(data) - size + 1, size),
                                           strides=(1, 1), writeable=False)


def _u32(data: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Little-endian uint32 at arbitrary (unaligned) byte offsets, as int64."""
    rows = _words(data, 4)[offsets.astype(np.int64)]
    return np.ascontiguousarray(rows).view("<u4").ravel().astype(np.int64)


class _Unsupported(Exception):
    """The WKB holds something the numpy reader does not handle."""


def _scan_rings(data: np.ndarray, starts: np.ndarray, part_ids: np.ndarray,
                rings: list[tuple[np.ndarray, ...]]) -> np.ndarray:
    """Record the rings of polygons whose headers are at ``starts``; returns their byte sizes."""
    if np.any(data[starts] != 1):
        raise _Unsupported("big-endian polygon")
    count = _u32(data, starts + 5)
    cursor = starts + 9
    for r in range(int(count.max(initial=0))):
        active = np.nonzero(count > r)[0]
        at = cursor[active]
        npts = _u32(data, at)
        rings.append((part_ids[active], np.full(len(active), r), at + 4, npts))
        cursor[active] = at + 4 + 16 * npts
    return cursor - starts


def _scan_simple(data: np.ndarray, starts: np.ndarray, kinds: np.ndarray, part_ids: np.ndarray,
                 rings: list[tuple[np.ndarray, ...]]) -> np.ndarray:
    """Record points, linestrings and polygons at ``starts``; returns their byte sizes."""
    sizes = np.zeros(len(starts), dtype=np.int64)
    points = kinds == 1
    if points.any():
        rings.append((part_ids[points], np.zeros(points.sum(), dtype=np.int64),
                      starts[points] + 5, np.ones(points.sum(), dtype=np.int64)))
        sizes[points] = 21
    lines = kinds == 2
    if lines.any():
        npts = _u32(data, starts[lines] + 5)
        rings.append((part_ids[lines], np.zeros(lines.sum(), dtype=np.int64),
                      starts[lines] + 9, npts))
        sizes[lines] = 9 + 16 * npts
    polygons = kinds == 3
    if polygons.any():
        sizes[polygons] = _scan_rings(data, starts[polygons], part_ids[polygons], rings)
    return sizes


def _parse(blobs: Sequence[bytes | None]) -> FlatGeometries:
    items = np.asarray(blobs, dtype=object)
    missing = np.array([b is None for b in items], dtype=bool) if len(items) else \
        np.zeros(0, dtype=bool)
    if missing.any():
        items = items.copy()
        items[missing] = b""
    lengths = np.fromiter(map(len, items), dtype=np.int64, count=len(items))
    buffer = b"".join(items)
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    return _parse_buffer(np.frombuffer(buffer, dtype=np.uint8), offsets)


def _parse_buffer(data: np.ndarray, offsets: np.ndarray) -> FlatGeometries:
    """Parse WKB geometries stored one after another in ``data`` (Arrow binary layout)."""
    n_features = len(offsets) - 1
    feature_start = offsets[:-1].astype(np.int64)
    lengths = np.diff(offsets).astype(np.int64)
    present = np.nonzero(lengths > 0)[0]
    if np.any(data[feature_start[present]] != 1):
        raise _Unsupported("big-endian")
    kinds = np.full(n_features, 0, dtype=np.int64)
    kinds[present] = _u32(data, feature_start[present] + 1)
    if np.any((kinds[present] < 1) | (kinds[present] > 6)):
        raise _Unsupported("geometry type")

    # Parts: (feature, order, byte start, simple kind).
    part_feature, part_order, part_start, part_kind = [], [], [], []
    simple = present[kinds[present] <= 3]
    part_feature.append(simple)
    part_order.append(np.zeros(len(simple), dtype=np.int64))
    part_start.append(feature_start[simple])
    part_kind.append(kinds[simple])
    multi = present[kinds[present] >= 4]
    if len(multi):
        count = _u32(data, feature_start[multi] + 5)
        cursor = feature_start[multi] + 9
        # Multi-part sizes are only known after scanning, so walk part j of all at once.
        for j in range(int(count.max(initial=0))):
            active = np.nonzero(count > j)[0]
            at = cursor[active]
            if np.any(data[at] != 1):
                raise _Unsupported("big-endian part")
            sub_kind = _u32(data, at + 1)
            if np.any(sub_kind != kinds[multi[active]] - 3):
                raise _Unsupported("mixed multi-geometry")
            sizes = _scan_simple(data, at, sub_kind, np.zeros(len(at), dtype=np.int64), [])
            part_feature.append(multi[active])
            part_order.append(np.full(len(active), j + 1))
            part_start.append(at)
            part_kind.append(sub_kind)
            cursor[active] = at + sizes
    pf = np.concatenate(part_feature)
    order = np.lexsort((np.concatenate(part_order), pf))
    pf = pf[order]
    ps = np.concatenate(part_start)[order]
    pk = np.concatenate(part_kind)[order]

    rings: list[tuple[np.ndarray, ...]] = []
    _scan_simple(data, ps, pk, np.arange(len(ps), dtype=np.int64), rings)
    if rings:
        ring_part = np.concatenate([r[0] for r in rings])
        ring_order = np.concatenate([r[1] for r in rings])
        ring_byte = np.concatenate([r[2] for r in rings])
        ring_npts = np.concatenate([r[3] for r in rings])
        sort = np.lexsort((ring_order, ring_part))
        ring_part, ring_byte, ring_npts = ring_part[sort], ring_byte[sort], ring_npts[sort]
    else:
        ring_part = ring_byte = ring_npts = np.zeros(0, dtype=np.int64)

    ring_offsets = np.concatenate([[0], np.cumsum(ring_npts)]).astype(np.int64)
    coords = _gather(data, ring_byte, ring_npts, ring_offsets)
    part_offsets = np.searchsorted(ring_part, np.arange(len(ps) + 1)).astype(np.int64)
    feature_offsets = np.searchsorted(pf, np.arange(n_features + 1)).astype(np.int64)
    family = np.full(n_features, EMPTY, dtype=np.int8)
    family[present] = (kinds[present] - 1) % 3
    return FlatGeometries(coords, ring_offsets, part_offsets, feature_offsets, family)


def _gather(data: np.ndarray, ring_byte: np.ndarray, ring_npts: np.ndarray,
            ring_offsets: np.ndarray) -> np.ndarray:
    """Copy each ring's float64 pairs out of the buffer (at any byte alignment)."""
    total = int(ring_offsets[-1])
    out = np.empty(2 * total, dtype=np.float64)
    rows = _words(data, 8)
    first = 0
    while first < len(ring_npts):
        # A batch of rings holding at most _BATCH_VERTICES vertices (or one big ring).
        last = int(np.searchsorted(ring_offsets, ring_offsets[first] + _BATCH_VERTICES,
                                   side="right")) - 1
        last = max(last, first + 1)
        words = 2 * ring_npts[first:last]
        n = int(words.sum())
        if n:
            dest0 = 2 * int(ring_offsets[first])
            run_start = np.concatenate([[0], np.cumsum(words)[:-1]])
            within = np.arange(n, dtype=np.int64) - np.repeat(run_start, words)
            src = np.repeat(ring_byte[first:last], words) + 8 * within
            out[dest0:dest0 + n] = rows[src].view("<f8").ravel()
        first = last
    return out.reshape(-1, 2)


def _normalised_wkb(blobs: Sequence[bytes | None]) -> list[bytes | None]:
    """2D little-endian ISO WKB of simple or multi geometries (collections flattened)."""
    geoms = shapely.from_wkb(np.asarray(list(blobs), dtype=object), on_invalid="ignore")
    geoms = shapely.force_2d(geoms)
    kinds = shapely.get_type_id(geoms)
    for i in np.nonzero(kinds == shapely.GeometryType.GEOMETRYCOLLECTION)[0]:
        parts = shapely.get_parts(geoms[i])
        part_kinds = shapely.get_type_id(parts)
        for family in (shapely.GeometryType.POLYGON, shapely.GeometryType.LINESTRING,
                       shapely.GeometryType.POINT):
            keep = parts[(part_kinds == family) | (part_kinds == family + 3)]
            if len(keep):
                geoms[i] = shapely.union_all(keep)
                break
        else:
            geoms[i] = None
    geoms[shapely.get_type_id(geoms) == shapely.GeometryType.GEOMETRYCOLLECTION] = None
    geoms[shapely.is_empty(geoms)] = None
    out = shapely.to_wkb(geoms, byte_order=1, output_dimension=2, flavor="iso")
    return [None if b is None else bytes(b) for b in out]


def flatten_wkb(blobs: Sequence[bytes | None]) -> FlatGeometries:
    """Flatten a sequence of WKB geometries (``None`` for missing) into coordinate arrays.

    Parameters
    ----------
    blobs
        WKB as GDAL returns it (pyogrio raw reads), one per feature.

    Returns
    -------
    FlatGeometries
        One entry per input feature, in order.
    """
    try:
        return _parse(blobs)
    except _Unsupported:
        return _parse(_normalised_wkb(list(blobs)))


def flatten_wkb_buffer(data: np.ndarray, offsets: np.ndarray) -> FlatGeometries:
    """Like :func:`flatten_wkb`, for WKB held back to back in one buffer.

    Parameters
    ----------
    data
        The bytes (``uint8``), e.g. the data buffer of an Arrow binary array.
    offsets
        Start of each geometry in ``data``, plus the end (Arrow offsets); an
        empty geometry (or null) has equal consecutive offsets.
    """
    try:
        return _parse_buffer(np.asarray(data, dtype=np.uint8), np.asarray(offsets, np.int64))
    except _Unsupported:
        blobs = [bytes(data[a:b]) if b > a else None for a, b in zip(offsets[:-1], offsets[1:],
                                                                     strict=True)]
        return _parse(_normalised_wkb(blobs))


def to_shapely(flat: FlatGeometries, index: int, coords: np.ndarray | None = None):
    """The shapely geometry of one feature (for hit tests), optionally with other coordinates."""
    xy = flat.coords if coords is None else coords
    family = int(flat.family[index])
    parts = range(int(flat.feature_offsets[index]), int(flat.feature_offsets[index + 1]))
    built = []
    for part in parts:
        rings = [xy[flat.ring_offsets[r]:flat.ring_offsets[r + 1]]
                 for r in range(int(flat.part_offsets[part]), int(flat.part_offsets[part + 1]))]
        if family == POINT:
            built.append(shapely.Point(rings[0][0]))
        elif family == LINE:
            built.append(shapely.LineString(rings[0]))
        elif family == POLYGON and len(rings[0]) >= 4:
            built.append(shapely.Polygon(rings[0], [r for r in rings[1:] if len(r) >= 4]))
    if not built:
        return None
    return built[0] if len(built) == 1 else shapely.union_all(built)
