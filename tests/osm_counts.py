"""Independent counts of OSM features, straight from the XML with ElementTree.

Used to check the pyosmium reader: a different parser, no shared code, the same
tag rules as a mapper would state them.
"""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

NOT_ROADS = {"proposed", "planned", "abandoned", "razed", "no", "construction_old"}


@dataclass
class RawOsm:
    """Nodes (id -> lon, lat), ways (id, node refs, tags) and relations (id, tags)."""

    nodes: dict[int, tuple[float, float]]
    ways: list[tuple[int, list[int], dict[str, str]]]
    relations: list[tuple[int, dict[str, str]]]
    node_tags: list[tuple[int, dict[str, str]]]


def load_xml(path: Path) -> RawOsm:
    """Parse an .osm XML file (or a .pbf converted with the osmium command-line tool)."""
    if path.suffix == ".pbf":
        xml = subprocess.run(["osmium", "cat", "-f", "osm", str(path), "-o", "-"],
                             check=True, capture_output=True).stdout
        root = ET.fromstring(xml)
    else:
        root = ET.parse(path).getroot()
    nodes: dict[int, tuple[float, float]] = {}
    node_tags = []
    ways = []
    relations = []
    for element in root:
        tags = {t.get("k"): t.get("v") for t in element.findall("tag")}
        if element.tag == "node":
            nodes[int(element.get("id"))] = (float(element.get("lon")), float(element.get("lat")))
            if tags:
                node_tags.append((int(element.get("id")), tags))
        elif element.tag == "way":
            refs = [int(nd.get("ref")) for nd in element.findall("nd")]
            ways.append((int(element.get("id")), refs, tags))
        elif element.tag == "relation":
            relations.append((int(element.get("id")), tags))
    return RawOsm(nodes, ways, relations, node_tags)


def building_ways(raw: RawOsm, complete_only: bool = True) -> list[int]:
    """Closed ways tagged building (not building=no) whose nodes are all in the file."""
    out = []
    for way_id, refs, tags in raw.ways:
        if tags.get("building", "no") == "no" or len(refs) < 4 or refs[0] != refs[-1]:
            continue
        if complete_only and not all(r in raw.nodes for r in refs):
            continue
        out.append(way_id)
    return out


def road_ways(raw: RawOsm) -> list[int]:
    """Ways tagged highway (a real road, not an area) with at least two nodes in the file."""
    out = []
    for way_id, refs, tags in raw.ways:
        if "highway" not in tags or tags["highway"] in NOT_ROADS or tags.get("area") == "yes":
            continue
        if sum(r in raw.nodes for r in refs) >= 2:
            out.append(way_id)
    return out
