"""Node versions straight from an ``.osm.pbf`` file's bytes, with numpy instead of pyosmium.

The nodes of building and amenity outlines need their versions at import (for a
self-contained OSM export), and those nodes carry no tags, so only a pass over every
node of the file finds them. Through pyosmium that is one Python object per node (2.4
million for a 100-copy city extract, seconds); here the PBF blocks are inflated with
zlib and their packed id and version columns decoded as whole arrays.

Only what libosmium writes and Geofabrik, the HOT Export Tool and osmium tools serve is
read here: zlib or uncompressed blobs, nodes in ``DenseNodes``. Anything else (lz4,
zstd, plain ``Node`` messages) returns None, and the caller reads the file with pyosmium.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np

# Field numbers of the OSM PBF format (osmformat.proto, fileformat.proto).
_BLOB_RAW, _BLOB_ZLIB = 1, 3
_BLOB_OTHER = frozenset({4, 5, 6, 7})  # lzma, bzip2, lz4, zstd
_BLOCK_GROUP = 2
_GROUP_NODES, _GROUP_DENSE, _GROUP_WAYS, _GROUP_RELATIONS = 1, 2, 3, 4
_DENSE_ID, _DENSE_INFO = 1, 5
_INFO_VERSION = 1
_HEADER_OPTIONAL_FEATURE = 5
_SORTED = b"Sort.Type_then_ID"
_LENGTH_DELIMITED = 2


class _Unsupported(Exception):
    """Something this reader does not decode: the caller falls back to pyosmium."""


def node_versions(path: str | Path, wanted: np.ndarray | None = None
                  ) -> tuple[np.ndarray, np.ndarray] | None:
    """Every node's id and version in the file, in file order (versions 0 when the file
    has no metadata), or None when the file holds something this reader does not decode.

    ``wanted``, sorted node ids, keeps only those nodes (a few of the millions of a file).
    """
    ids: list[np.ndarray] = []
    versions: list[np.ndarray] = []
    try:
        with open(path, "rb") as handle:
            sorted_by_type = False
            for kind, data in _blobs(handle):
                if kind == b"OSMHeader":
                    sorted_by_type = _SORTED in _strings(data, _HEADER_OPTIONAL_FEATURE)
                    continue
                if kind != b"OSMData":
                    continue
                before = len(ids)
                past_nodes = _read_block(data, ids, versions)
                if wanted is not None:
                    for group in range(before, len(ids)):
                        ids[group], versions[group] = _only(wanted, ids[group],
                                                            versions[group])
                if past_nodes and sorted_by_type:
                    break  # ways and relations follow the nodes: no node after them
    except (_Unsupported, IndexError, ValueError, zlib.error, struct.error):
        return None
    if not ids:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(ids), np.concatenate(versions)


def _only(wanted: np.ndarray, ids: np.ndarray, versions: np.ndarray
          ) -> tuple[np.ndarray, np.ndarray]:
    if not len(wanted):
        return ids[:0], versions[:0]
    at = np.minimum(np.searchsorted(wanted, ids), len(wanted) - 1)
    keep = wanted[at] == ids
    return ids[keep], versions[keep]


def _blobs(handle):  # type: ignore[no-untyped-def]
    """(type, inflated data) of each blob of the file."""
    while True:
        size_bytes = handle.read(4)
        if not size_bytes:
            return
        (header_size,) = struct.unpack(">I", size_bytes)
        header = handle.read(header_size)
        kind = b""
        data_size = 0
        for number, value in _fields(header):
            if number == 1:
                kind = bytes(value)
            elif number == 3:
                data_size = int(value)
        blob = handle.read(data_size)
        if len(blob) != data_size:
            raise _Unsupported("truncated")
        yield kind, _inflate(blob)


def _inflate(blob: bytes) -> memoryview:
    for number, value in _fields(blob):
        if number == _BLOB_RAW:
            return memoryview(value)
        if number == _BLOB_ZLIB:
            return memoryview(zlib.decompress(value))
        if number in _BLOB_OTHER:
            raise _Unsupported("compression")
    raise _Unsupported("empty blob")


def _read_block(block: memoryview, ids: list[np.ndarray], versions: list[np.ndarray]) -> bool:
    """Append the dense nodes of one PrimitiveBlock; True if it holds ways or relations."""
    past_nodes = False
    for number, group in _fields(block):
        if number != _BLOCK_GROUP:
            continue
        # A group holds one kind of object (osmformat.proto): its first field tells which.
        for kind, value in _fields(group):
            if kind == _GROUP_DENSE:
                _read_dense(value, ids, versions)
            elif kind == _GROUP_NODES:
                raise _Unsupported("plain nodes")
            elif kind in (_GROUP_WAYS, _GROUP_RELATIONS):
                past_nodes = True
                break
    return past_nodes


def _read_dense(dense: memoryview, ids: list[np.ndarray], versions: list[np.ndarray]) -> None:
    id_deltas = None
    version_values = None
    for number, value in _fields(dense):
        if number == _DENSE_ID:
            id_deltas = _varints(value)
        elif number == _DENSE_INFO:
            for info_number, info_value in _fields(value):
                if info_number == _INFO_VERSION:
                    version_values = _varints(info_value).astype(np.int64)
    if id_deltas is None:
        return
    node_ids = np.cumsum(_zigzag(id_deltas))
    if version_values is None:
        version_values = np.zeros(len(node_ids), np.int64)
    elif len(version_values) != len(node_ids) or (version_values < 0).any():
        raise _Unsupported("versions")
    ids.append(node_ids)
    versions.append(version_values)


def _fields(message: bytes | memoryview):  # type: ignore[no-untyped-def]
    """(field number, value) of a protobuf message: an int, or a memoryview of the bytes
    of a length-delimited field."""
    view = memoryview(message)
    at = 0
    end = len(view)
    while at < end:
        key, at = _varint(view, at)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, at = _varint(view, at)
            yield number, value
        elif wire == _LENGTH_DELIMITED:
            size, at = _varint(view, at)
            if at + size > end:
                raise _Unsupported("field past the end")
            yield number, view[at:at + size]
            at += size
        elif wire == 1:
            at += 8
        elif wire == 5:
            at += 4
        else:
            raise _Unsupported("wire type")


def _varint(view: memoryview, at: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        byte = view[at]
        at += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, at
        shift += 7


def _strings(message: memoryview, wanted: int) -> list[bytes]:
    return [bytes(value) for number, value in _fields(message) if number == wanted]


def _varints(packed: memoryview) -> np.ndarray:
    """A packed run of varints as unsigned 64-bit integers."""
    data = np.frombuffer(packed, dtype=np.uint8)
    if not len(data):
        return np.zeros(0, np.uint64)
    ends = np.flatnonzero(data < 0x80)
    if not len(ends) or ends[-1] != len(data) - 1:
        raise _Unsupported("unterminated varint")
    starts = np.r_[0, ends[:-1] + 1]
    position = np.arange(len(data)) - np.repeat(starts, ends - starts + 1)
    payload = (data & 0x7F).astype(np.uint64) << (7 * position).astype(np.uint64)
    return np.add.reduceat(payload, starts)


def _zigzag(values: np.ndarray) -> np.ndarray:
    signed = (values >> np.uint64(1)).astype(np.int64)
    return signed ^ -(values & np.uint64(1)).astype(np.int64)
