"""Checks on OpenStreetMap extract files before and while they are read.

Every refusal is one plain sentence that says what is wrong and what to do.
"""

from __future__ import annotations

import bz2
import re
import xml.sax
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import XMLFilterBase, XMLGenerator
from xml.sax.xmlreader import AttributesImpl

import osmium

from layers.errors import InputFileError
from layers.i18n import N_, ntr, tr


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
        raise InputFileError(tr("The file {path} does not exist. Check the name and the folder.",
                                path=path))
    if path.is_dir():
        raise InputFileError(tr("{path} is a folder, not an OpenStreetMap extract file.",
                                path=path))
    size = path.stat().st_size
    if size == 0:
        raise InputFileError(
            tr("{name} is empty (0 bytes). Copy or download the extract again.", name=path.name)
        )
    head = path.read_bytes()[:4096] if size < 4096 else _read_head(path)
    name = path.name.lower()
    if name.endswith(".bz2"):
        if not head.startswith(b"BZh"):
            raise InputFileError(
                tr("{name} is named .bz2 but is not bzip2-compressed. "
                   "Rename it to what it really is (.osm or .osm.pbf) or export it again.",
                   name=path.name)
            )
        head = _read_bz2_head(path)
    if name.endswith(".pbf"):
        if b"OSMHeader" not in head[:64]:
            kind = _guess_kind(head)
            if kind:
                raise InputFileError(tr(
                    "{name} is not an OpenStreetMap .pbf file ({kind}). Export the area again "
                    "as .osm.pbf (Geofabrik, HOT Export Tool) or as .osm (JOSM).",
                    name=path.name, kind=kind))
            raise InputFileError(tr(
                "{name} is not an OpenStreetMap .pbf file. Export the area again as .osm.pbf "
                "(Geofabrik, HOT Export Tool) or as .osm (JOSM).", name=path.name))
        return
    if b"OSMHeader" in head[:64]:
        return  # a .pbf file with another name: osmium reads it by content
    if b"<osmChange" in head:
        raise InputFileError(
            tr("{name} is an OpenStreetMap change file (edits to apply to the map), not "
               "a map extract. Export the area itself as .osm or .osm.pbf.", name=path.name)
        )
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not (text.startswith(b"<?xml") or text.startswith(b"<osm")) or b"<osm" not in head:
        kind = _guess_kind(head)
        if kind:
            raise InputFileError(tr(
                "{name} is not an OpenStreetMap extract ({kind}). Quartier reads .osm, "
                ".osm.bz2 and .osm.pbf files; use 'quartier new --base' for GeoPackage, "
                "Shapefile or GeoJSON layers.", name=path.name, kind=kind))
        raise InputFileError(tr(
            "{name} is not an OpenStreetMap extract. Quartier reads .osm, "
            ".osm.bz2 and .osm.pbf files; use 'quartier new --base' for GeoPackage, "
            "Shapefile or GeoJSON layers.", name=path.name))


def _read_head(path: Path, size: int = 4096) -> bytes:
    with path.open("rb") as handle:
        return handle.read(size)


def _read_bz2_head(path: Path) -> bytes:
    try:
        with bz2.open(path, "rb") as handle:
            return handle.read(4096)
    except EOFError as error:
        raise InputFileError(tr(
            "{name} cannot be read: it ends too early, after {size:.1f} MB, so it was probably "
            "cut off while copying. Copy or download the extract again; nothing was created.",
            name=path.name, size=path.stat().st_size / 1e6)) from error
    except OSError as error:
        raise InputFileError(tr(
            "{name} is damaged: it cannot be decompressed ({reason}). "
            "Copy or download the extract again.", name=path.name, reason=error)) from error


def _guess_kind(head: bytes) -> str:
    text = head.lstrip()
    if text.startswith(b"{") and b'"type"' in text:
        return tr("it looks like GeoJSON")
    if head.startswith(b"PK"):
        return tr("it looks like a ZIP archive: unzip it first")
    if head.startswith(b"SQLite format 3"):
        return tr("it looks like a GeoPackage or SQLite database")
    if head.startswith(b"%PDF"):
        return tr("it is a PDF document")
    if head.startswith(b"<"):
        return tr("it is XML or HTML, but not OpenStreetMap data")
    return ""


def truncation_message(path: Path, error: Exception) -> str:
    size_mb = path.stat().st_size / 1e6
    detail = str(error)
    lowered = detail.lower()
    if "eof" in lowered or "unclosed" in lowered or "no element" in lowered or "bzip2" in lowered:
        what = tr("it ends too early, after {size:.1f} MB, so it was probably cut off "
                  "while copying", size=size_mb)
    elif "overlong string" in lowered:  # a .pbf's string table: osmium's 1,024-byte limit
        return unreadable_value_message(path, "OSM tag value (or other text) is too long")
    elif "twice in input" in lowered:
        return tr(
            "{name} cannot be read: it holds the same object more than once, as an "
            "OpenStreetMap history or change file does, not a map extract (reader said: "
            "{detail}). Export the current data of the area (.osm or .osm.pbf); "
            "nothing was created.", name=path.name, detail=detail)
    else:
        what = tr("its content is damaged or it is not OpenStreetMap data")
    return tr(
        "{name} cannot be read: {what} (reader said: {detail}). "
        "Copy or download the extract again; nothing was created.",
        name=path.name, what=what, detail=detail)



def write_sorted_copy(source: Path, target: Path, shown: Path | None = None) -> None:
    """Write ``source`` to ``target`` with nodes, ways and relations each in id order.

    JOSM and the OSM API write objects out of order; area assembly needs them sorted.
    Such files are small, so this is done in memory. ``shown`` is the file the user gave,
    named in messages (default: ``source``).
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
        raise InputFileError(truncation_message(shown or source, error)) from error
    writer = osmium.SimpleWriter(str(target))
    try:
        for group, add in ((nodes, writer.add_node), (ways, writer.add_way),
                           (relations, writer.add_relation)):
            for obj in sorted(group, key=lambda o: o.id):
                add(obj)
    finally:
        writer.close()


#: Longest tag key or value, user name or member role osmium reads, in UTF-8 bytes
#: (libosmium's ``max_osm_string_length``; OpenStreetMap itself allows 255 characters).
MAX_STRING_BYTES = 1024

#: A coordinate as OSM tools write it (osmium refuses ``NaN``, ``inf``, ``+5``, `` 5``...).
_COORDINATE = re.compile(r"-?(\d{1,3}(\.\d*)?|\.\d+)")


def is_xml_extract(path: Path) -> bool:
    """Whether an extract is OSM XML (``.osm``, ``.osm.bz2``), not ``.pbf``."""
    if path.name.lower().endswith(".pbf"):
        return False
    return b"OSMHeader" not in _read_head(path, 64)


#: What osmium says is too long ("OSM tag key is too long"), in words to translate.
_TOO_LONG = {word: word for word in (
    N_("tag key"), N_("tag value"), N_("user name"), N_("relation member role"),
    N_("tag value (or other text)"))}


def unreadable_value_message(path: Path, detail: str) -> str:
    """The refusal of a file holding a value osmium cannot read (an over-long tag, a
    coordinate that is not a number), when no readable copy could be made."""
    if "too long" in detail:
        what = detail.removeprefix("OSM ").removesuffix(" is too long")
        what = tr(_TOO_LONG.get(what, what))
        problem = tr("it holds a {what} longer than {limit:,} bytes, more than "
                     "OpenStreetMap allows", what=what, limit=MAX_STRING_BYTES)
    else:
        problem = tr("it holds a value that is not valid OpenStreetMap data ({detail})",
                     detail=detail)
    return tr(
        "{name} cannot be read: {problem}. Correct it in JOSM (its validator finds "
        "such values) or export the area again; nothing was created.",
        name=path.name, problem=problem)


def _too_long(text: str | None) -> bool:
    if not text or len(text) * 4 <= MAX_STRING_BYTES:  # at most 4 bytes a character
        return False
    return len(text.encode("utf-8", "surrogatepass")) > MAX_STRING_BYTES


class _Repairs(XMLFilterBase):
    """Passes OSM XML through, leaving out what osmium cannot read, and remembers it.

    Tags whose key or value is too long are left out; over-long user names and member
    roles are emptied; a node whose coordinates are not numbers loses its position
    (osmium then treats it as missing: ways are drawn through their other nodes).
    Objects JOSM marks ``action="delete"`` (deleted, not uploaded) are left out whole.
    """

    def __init__(self, parent: Any, out: IO[bytes]) -> None:
        super().__init__(parent)
        self.setContentHandler(XMLGenerator(out, encoding="utf-8", short_empty_elements=True))
        self.long_values: list[str] = []
        self.bad_positions: list[str] = []
        self.deleted: list[str] = []
        self._object = tr("the file")
        self._skipping = False
        self._dropping = ""  # the element (node, way, relation) being left out whole

    def startElement(self, name: str, attrs: Any) -> None:  # noqa: N802 (SAX's name)
        if self._dropping:
            return
        if name in ("node", "way", "relation"):
            self._object = f"{name} {attrs.get('id', '(no id)')}"
            if attrs.get("action") == "delete":  # deleted in JOSM, not uploaded yet
                self.deleted.append(self._object)
                self._dropping = name
                return
        if name == "tag":
            key, value = attrs.get("k", ""), attrs.get("v", "")
            if _too_long(key) or _too_long(value):
                size = len(value.encode("utf-8", "surrogatepass"))
                shown = key if not _too_long(key) else key[:30] + "…"
                self.long_values.append(tr("the {key} tag of {object} ({size:,} bytes)",
                                           key=shown, object=self._object, size=size))
                self._skipping = True
                return
        values = dict(attrs.items())
        if _too_long(values.get("user")):
            values["user"] = ""
            self.long_values.append(tr("the user name of {object}", object=self._object))
        if name == "member" and _too_long(values.get("role")):
            values["role"] = ""
            self.long_values.append(tr("a member role of {object}", object=self._object))
        if name == "node":
            wrong = [f'{axis}="{values[axis]}"' for axis in ("lat", "lon")
                     if axis in values and not _COORDINATE.fullmatch(values[axis])]
            if wrong:
                values.pop("lat", None)
                values.pop("lon", None)
                self.bad_positions.append(f"{self._object} ({', '.join(wrong)})")
        if len(values) != len(attrs) or values != dict(attrs.items()):
            attrs = AttributesImpl(values)
        super().startElement(name, attrs)

    def endElement(self, name: str) -> None:  # noqa: N802 (SAX's name)
        if self._dropping:
            if name == self._dropping:
                self._dropping = ""
            return
        if self._skipping and name == "tag":
            self._skipping = False
            return
        super().endElement(name)

    def characters(self, content: str) -> None:
        if not self._dropping:
            super().characters(content)

    def notes(self) -> list[str]:
        """What was left out, in plain words."""
        notes = []
        if self.deleted:
            count = len(self.deleted)
            notes.append(ntr(
                "An object deleted in JOSM but not yet uploaded was left out: {objects}.",
                "{n:,} objects deleted in JOSM but not yet uploaded were left out: {objects}.",
                count, objects=_listed(self.deleted)))
        if self.long_values:
            count = len(self.long_values)
            notes.append(ntr(
                "A value longer than {limit:,} bytes (more than OpenStreetMap allows) was left "
                "out: {values}.",
                "{n:,} values longer than {limit:,} bytes (more than OpenStreetMap allows) were "
                "left out: {values}.",
                count, limit=MAX_STRING_BYTES, values=_listed(self.long_values)))
        if self.bad_positions:
            count = len(self.bad_positions)
            notes.append(ntr(
                "A node has a position that is not a number and was left out (ways through "
                "it are drawn without it): {nodes}.",
                "{n:,} nodes have a position that is not a number and were left out (ways "
                "through them are drawn without them): {nodes}.",
                count, nodes=_listed(self.bad_positions)))
        return notes


def _listed(items: list[str], shown: int = 5) -> str:
    more = tr("; and {count:,} more", count=len(items) - shown) if len(items) > shown else ""
    return "; ".join(items[:shown]) + more


_DELETE_MARKS = (b"action='delete'", b'action="delete"')


def has_editor_deletions(path: Path) -> bool:
    """Whether OSM XML saved by JOSM holds objects deleted there but not uploaded
    (``action="delete"``): they are still in the file, and must not be read as features.
    """
    if path.name.lower().endswith(".bz2"):
        if b"JOSM" not in _read_bz2_head(path):
            return False  # a large compressed export is not decompressed twice for nothing
        opener: Any = bz2.open
    else:
        opener = open
    tail = b""
    try:
        with opener(path, "rb") as stream:
            while chunk := stream.read(1 << 22):
                window = tail + chunk
                if any(mark in window for mark in _DELETE_MARKS):
                    return True
                tail = window[-16:]
    except (OSError, EOFError):
        return False  # the read itself says what is wrong with the file
    return False


def write_repaired_copy(source: Path, target: Path) -> list[str]:
    """Copy OSM XML ``source`` (``.osm`` or ``.osm.bz2``) to ``target`` as ``.osm``, leaving
    out what osmium cannot read: tag keys or values, user names and member roles longer
    than :data:`MAX_STRING_BYTES`, node positions that are not numbers; and objects
    deleted in JOSM but not uploaded. Returns notes saying which objects lost what.
    """
    parser = xml.sax.make_parser()
    for feature in (xml.sax.handler.feature_external_ges, xml.sax.handler.feature_external_pes):
        parser.setFeature(feature, False)
    opener: Any = bz2.open if source.name.lower().endswith(".bz2") else open
    try:
        with opener(source, "rb") as stream, target.open("wb") as out:
            repairs = _Repairs(parser, out)
            repairs.parse(stream)
    except (xml.sax.SAXException, OSError, EOFError) as error:
        raise InputFileError(truncation_message(source, error)) from error
    return repairs.notes()
