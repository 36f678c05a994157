"""OpenStreetMap objects and their XML: ``.osm`` files for JOSM, ``.osc`` osmChange files.

New objects carry negative ids (-1, -2...); modified ones their OSM id and the
version they were edited from. In an ``.osm`` file the modified ones are marked
``action="modify"`` (JOSM's convention; new objects need no mark, a negative id
says it), and unchanged ones (the nodes of a modified way) carry no mark; an
``.osc`` file puts new and modified ones in ``<create>`` and ``<modify>`` blocks
and has no place for unchanged ones.
Objects are written nodes, then ways, then relations, each sorted as osmium
sorts them (negative ids first: -1, -2...; then positive ids), so that
``osmium check-refs`` and other tools that stream the file accept it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TextIO
from xml.sax.saxutils import quoteattr

from mapping.export.kml import NOT_XML

#: Decimal places of node coordinates (OSM stores 7).
COORDINATE_DECIMALS = 7


@dataclass
class OsmObject:
    """One node, way or relation to write."""

    #: node, way or relation.
    kind: str
    #: Negative for a new object, the OSM id for a modified one.
    id: int
    #: Tags, in the order written.
    tags: dict[str, str] = field(default_factory=dict)
    #: Version edited from (modified objects only).
    version: int | None = None
    #: Node: (lon, lat).
    location: tuple[float, float] | None = None
    #: Way: node ids in order.
    refs: list[int] = field(default_factory=list)
    #: Relation: (member type, member id, role).
    members: list[tuple[str, int, str]] = field(default_factory=list)
    #: False for an existing object written only so that the file is complete.
    modified: bool = True

    @property
    def is_new(self) -> bool:
        """True for an object the OSM database does not have yet."""
        return self.id < 0


def _attr(value: object) -> str:
    """An XML attribute value, quoted and escaped; newlines and tabs kept as character
    references (a plain newline would become a space when the file is read)."""
    text = NOT_XML.sub("", str(value))
    return quoteattr(text, {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _object_xml(obj: OsmObject, *, mark_modified: bool) -> str:
    head = f"<{obj.kind} id={_attr(obj.id)}"
    if obj.version is not None:
        head += f" version={_attr(obj.version)}"
    if mark_modified and obj.modified and not obj.is_new:
        head += ' action="modify"'
    head += ' visible="true"'
    if obj.kind == "node" and obj.location is not None:
        lon, lat = obj.location
        head += f' lat="{lat:.{COORDINATE_DECIMALS}f}" lon="{lon:.{COORDINATE_DECIMALS}f}"'
    body = [f'    <nd ref="{ref}"/>' for ref in obj.refs]
    body += [f"    <member type={_attr(kind)} ref={_attr(ref)} role={_attr(role)}/>"
             for kind, ref, role in obj.members]
    body += [f"    <tag k={_attr(key)} v={_attr(value)}/>" for key, value in obj.tags.items()]
    if not body:
        return f"  {head}/>\n"
    return f"  {head}>\n" + "\n".join(body) + f"\n  </{obj.kind}>\n"


def osmium_order(objects: list[OsmObject]) -> list[OsmObject]:
    """Nodes, ways, relations; in each, -1, -2... then positive ids (osmium's order)."""
    rank = {"node": 0, "way": 1, "relation": 2}
    return sorted(objects, key=lambda o: (rank[o.kind], o.id >= 0, abs(o.id)))


def _lines(objects: list[OsmObject], *, mark_modified: bool) -> Iterator[str]:
    for obj in osmium_order(objects):
        yield _object_xml(obj, mark_modified=mark_modified)


def write_osm(handle: TextIO, objects: list[OsmObject], generator: str) -> None:
    """An OSM XML 0.6 file as JOSM saves one (new objects negative, edits marked)."""
    handle.write("<?xml version='1.0' encoding='UTF-8'?>\n")
    handle.write(f'<osm version="0.6" generator={_attr(generator)}>\n')
    for text in _lines(objects, mark_modified=True):
        handle.write(text)
    handle.write("</osm>\n")


def write_osmchange(handle: TextIO, objects: list[OsmObject], generator: str) -> None:
    """An osmChange file: new objects in ``<create>``, edited ones in ``<modify>``."""
    handle.write("<?xml version='1.0' encoding='UTF-8'?>\n")
    handle.write(f'<osmChange version="0.6" generator={_attr(generator)}>\n')
    for block, chosen in (("create", [o for o in objects if o.is_new]),
                          ("modify", [o for o in objects if o.modified and not o.is_new])):
        if chosen:
            handle.write(f"<{block}>\n")
            for text in _lines(chosen, mark_modified=False):
                handle.write(text)
            handle.write(f"</{block}>\n")
    handle.write("</osmChange>\n")
