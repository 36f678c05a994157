"""Rebuild ``kibera_small.json``: the Overpass answer replayed by ``tests/test_online.py``.

The machine that made the fixtures had no network, so the answer Overpass would give to
Quartier's download query is rebuilt from the real OSM API export
``../shared/data/osm/kibera.osm``, following Overpass's own rules:

* ``nwr["key"](bbox)`` for every key in ``layers.osm_definitions.INTERESTING_KEYS``:
  nodes inside the box, ways with a node inside it or a segment crossing it, relations
  with such a member;
* ``(._;>;);`` adds the member ways and nodes of those relations and the nodes of every
  way, wherever they lie;
* ``out meta;`` writes ids, versions, timestamps, changesets and users, nodes first,
  then ways, then relations, each sorted by id, in Overpass's ``[out:json]`` layout.

Run from the repository root: ``.venv/bin/python tests/data/overpass/make_kibera_answer.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import osmium
import shapely

from layers.osm_definitions import INTERESTING_KEYS

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parents[3] / "shared" / "data" / "osm" / "kibera.osm"
TARGET = HERE / "kibera_small.json"
#: West, south, east, north: about 500 m x 390 m around Soweto East and Kianda, Kibera.
BBOX = (36.7815, -1.3120, 36.7860, -1.3085)
#: The newest edit in kibera.osm: the answer is what Overpass held then.
OSM_BASE = "2012-08-27T08:06:48Z"


def _meta(obj: Any, kind: str) -> dict[str, Any]:
    return {"type": kind, "id": obj.id}


def _stamp(obj: Any) -> dict[str, Any]:
    return {
        "timestamp": obj.timestamp.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "version": obj.version,
        "changeset": obj.changeset,
        "user": obj.user,
        "uid": obj.uid,
    }


def main() -> None:
    nodes: dict[int, dict[str, Any]] = {}
    ways: dict[int, dict[str, Any]] = {}
    relations: dict[int, dict[str, Any]] = {}
    for obj in osmium.FileProcessor(str(SOURCE)):
        tags = dict(obj.tags)
        if obj.is_node():
            element = {**_meta(obj, "node"), "lat": obj.lat, "lon": obj.lon, **_stamp(obj)}
            nodes[obj.id] = {**element, "tags": tags} if tags else element
        elif obj.is_way():
            element = {**_meta(obj, "way"), **_stamp(obj), "nodes": [n.ref for n in obj.nodes]}
            ways[obj.id] = {**element, "tags": tags} if tags else element
        elif obj.is_relation():
            members = [{"type": {"n": "node", "w": "way", "r": "relation"}[m.type],
                        "ref": m.ref, "role": m.role} for m in obj.members]
            element = {**_meta(obj, "relation"), **_stamp(obj), "members": members}
            relations[obj.id] = {**element, "tags": tags} if tags else element

    west, south, east, north = BBOX
    box = shapely.box(west, south, east, north)

    def interesting(element: dict[str, Any]) -> bool:
        return any(key in element.get("tags", {}) for key in INTERESTING_KEYS)

    def node_inside(node_id: int) -> bool:
        node = nodes.get(node_id)
        return node is not None and west <= node["lon"] <= east and south <= node["lat"] <= north

    def way_inside(way_id: int) -> bool:
        way = ways.get(way_id)
        if way is None:
            return False
        points = [(nodes[n]["lon"], nodes[n]["lat"]) for n in way["nodes"] if n in nodes]
        if not points:
            return False
        line = shapely.LineString(points) if len(points) > 1 else shapely.Point(points[0])
        return bool(line.intersects(box))

    chosen_nodes = {i for i, n in nodes.items() if interesting(n) and node_inside(i)}
    chosen_ways = {i for i, w in ways.items() if interesting(w) and way_inside(i)}
    chosen_relations = {
        i for i, r in relations.items() if interesting(r) and any(
            (m["type"] == "node" and node_inside(m["ref"]))
            or (m["type"] == "way" and way_inside(m["ref"])) for m in r["members"])
    }
    # (._;>;): members of the relations, then the nodes of every way.
    for relation_id in chosen_relations:
        for member in relations[relation_id]["members"]:
            if member["type"] == "way" and member["ref"] in ways:
                chosen_ways.add(member["ref"])
            elif member["type"] == "node" and member["ref"] in nodes:
                chosen_nodes.add(member["ref"])
    for way_id in chosen_ways:
        chosen_nodes.update(n for n in ways[way_id]["nodes"] if n in nodes)

    elements = ([nodes[i] for i in sorted(chosen_nodes)] + [ways[i] for i in sorted(chosen_ways)]
                + [relations[i] for i in sorted(chosen_relations)])
    head = {
        "version": 0.6,
        "generator": "Overpass API 0.7.62.1 084b4234",
        "osm3s": {
            "timestamp_osm_base": OSM_BASE,
            "copyright": "The data included in this document is from www.openstreetmap.org. "
                         "The data is made available under ODbL.",
        },
    }
    text = json.dumps(head, indent=2, ensure_ascii=False)[:-2]
    body = ",\n".join(json.dumps(e, indent=2, ensure_ascii=False) for e in elements)
    TARGET.write_text(f'{text},\n  "elements": [\n\n{body}\n\n  ]\n}}\n', encoding="utf-8")
    print(f"{TARGET.name}: {len(chosen_nodes)} nodes, {len(chosen_ways)} ways, "
          f"{len(chosen_relations)} relations, {TARGET.stat().st_size / 1e3:.0f} kB")


if __name__ == "__main__":
    main()
