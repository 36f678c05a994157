"""Checks on OpenStreetMap extract files before and while they are read.

Every refusal is one plain sentence that says what is wrong and what to do.
"""

from __future__ import annotations

import bz2
from pathlib import Path
from typing import Any

import osmium

from layers.errors import InputFileError


def check_extract_file(path: Path) -> None:
    """Refuse, in plain words, a path that cannot be an OpenStreetMap extract.

    Parameters
    ----------
    path
        The file the user gave.

    Raises
    ------
    InputFileError
        If the file is missing, empty, a folder, or clearly another kind of file.
    """
    if not path.exists():
        raise InputFileError(f"The file {path} does not exist. Check the name and the folder.")
    if path.is_dir():
        raise InputFileError(f"{path} is a folder, not an OpenStreetMap extract file.")
    size = path.stat().st_size
    if size == 0:
        raise InputFileError(
            f"{path.name} is empty (0 bytes). Copy or download the extract again."
        )
    head = path.read_bytes()[:4096] if size < 4096 else _read_head(path)
    name = path.name.lower()
    if name.endswith(".bz2"):
        if not head.startswith(b"BZh"):
            raise InputFileError(
                f"{path.name} is named .bz2 but is not bzip2-compressed. "
                "Rename it to what it really is (.osm or .osm.pbf) or export it again."
            )
        head = _read_bz2_head(path)
    if name.endswith(".pbf"):
        if b"OSMHeader" not in head[:64]:
            kind = _guess_kind(head)
            raise InputFileError(
                f"{path.name} is not an OpenStreetMap .pbf file{kind}. "
                "Export the area again as .osm.pbf (Geofabrik, HOT Export Tool) or as .osm (JOSM)."
            )
        return
    if b"OSMHeader" in head[:64]:
        return  # a .pbf file with another name: osmium reads it by content
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not (text.startswith(b"<?xml") or text.startswith(b"<osm")) or b"<osm" not in head:
        kind = _guess_kind(head)
        raise InputFileError(
            f"{path.name} is not an OpenStreetMap extract{kind}. Quartier reads .osm, "
            ".osm.bz2 and .osm.pbf files; use 'quartier new --base' for GeoPackage, "
            "Shapefile or GeoJSON layers."
        )


def _read_head(path: Path, size: int = 4096) -> bytes:
    with path.open("rb") as handle:
        return handle.read(size)


def _read_bz2_head(path: Path) -> bytes:
    try:
        with bz2.open(path, "rb") as handle:
            return handle.read(4096)
    except EOFError as error:
        raise InputFileError(
            f"{path.name} cannot be read: it ends too early, after "
            f"{path.stat().st_size / 1e6:.1f} MB, so it was probably cut off while copying. "
            "Copy or download the extract again; nothing was created."
        ) from error
    except OSError as error:
        raise InputFileError(
            f"{path.name} is damaged: it cannot be decompressed ({error}). "
            "Copy or download the extract again."
        ) from error


def _guess_kind(head: bytes) -> str:
    text = head.lstrip()
    if text.startswith(b"{") and b'"type"' in text:
        return " (it looks like GeoJSON)"
    if head.startswith(b"PK"):
        return " (it looks like a ZIP archive: unzip it first)"
    if head.startswith(b"SQLite format 3"):
        return " (it looks like a GeoPackage or SQLite database)"
    if head.startswith(b"%PDF"):
        return " (it is a PDF document)"
    if head.startswith(b"<"):
        return " (it is XML or HTML, but not OpenStreetMap data)"
    return ""


def truncation_message(path: Path, error: Exception) -> str:
    size_mb = path.stat().st_size / 1e6
    detail = str(error)
    lowered = detail.lower()
    if "eof" in lowered or "unclosed" in lowered or "no element" in lowered or "bzip2" in lowered:
        what = (f"it ends too early, after {size_mb:.1f} MB, so it was probably cut off "
                "while copying")
    else:
        what = "its content is damaged or it is not OpenStreetMap data"
    return (
        f"{path.name} cannot be read: {what} (reader said: {detail}). "
        "Copy or download the extract again; nothing was created."
    )



def write_sorted_copy(source: Path, target: Path) -> None:
    """Write ``source`` to ``target`` with nodes, ways and relations each in id order.

    JOSM and the OSM API write objects out of order; area assembly needs them sorted.
    Such files are small, so this is done in memory.
    """
    nodes: list = []
    ways: list = []
    relations: list = []
    obj: Any
    try:
        for obj in osmium.FileProcessor(str(source)):
            common: dict[str, Any] = dict(id=obj.id, version=obj.version, visible=obj.visible,
                          changeset=obj.changeset, timestamp=obj.timestamp, uid=obj.uid,
                          user=obj.user, tags=dict(obj.tags))
            if obj.is_node():
                location = (obj.lon, obj.lat) if obj.location.valid() else None
                nodes.append(osmium.osm.mutable.Node(location=location, **common))
            elif obj.is_way():
                ways.append(osmium.osm.mutable.Way(nodes=[n.ref for n in obj.nodes], **common))
            elif obj.is_relation():
                members = [(m.type, m.ref, m.role) for m in obj.members]
                relations.append(osmium.osm.mutable.Relation(members=members, **common))
    except RuntimeError as error:
        raise InputFileError(truncation_message(source, error)) from error
    writer = osmium.SimpleWriter(str(target))
    try:
        for group, add in ((nodes, writer.add_node), (ways, writer.add_way),
                           (relations, writer.add_relation)):
            for obj in sorted(group, key=lambda o: o.id):
                add(obj)
    finally:
        writer.close()


