"""Rebuild ``kibera_nairobi.json``: the Nominatim answer replayed by ``tests/test_online.py``.

It is what ``/search?q=Kibera, Nairobi&format=json&polygon_geojson=1`` returns, in
Nominatim's ``format=json`` layout (strings for coordinates and the bounding box, the
bounding box as south, north, west, east). The machine that made it had no network, so:

* the boundary polygon is the outline of the 22 villages of Kibera in
  ``../shared/data/kibera/villages.shp`` (Map Kibera), merged and simplified, and the
  bounding box is that polygon's;
* the second answer is the real ``place=suburb`` node "Kibera" of
  ``../shared/data/osm/kibera.osm`` (node 540879095), with the point-sized bounding box
  Nominatim gives a suburb node;
* the relation id and the place ids are placeholders.

Run from the repository root: ``.venv/bin/python tests/data/nominatim/make_kibera_answer.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import shapely

HERE = Path(__file__).resolve().parent
VILLAGES = HERE.parents[3] / "shared" / "data" / "kibera" / "villages.shp"
TARGET = HERE / "kibera_nairobi.json"
LICENCE = "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright"


def _rounded(geometry: shapely.Geometry) -> dict:
    return json.loads(shapely.to_geojson(shapely.set_precision(geometry, 1e-7)))


def main() -> None:
    villages = gpd.read_file(VILLAGES)
    outline = villages.union_all().buffer(0.0004).buffer(-0.0004).simplify(0.00015)
    if outline.geom_type == "MultiPolygon":
        outline = max(outline.geoms, key=lambda part: part.area)
    outline = shapely.Polygon(outline.exterior)  # Nominatim's boundary: no holes
    west, south, east, north = (round(v, 7) for v in outline.bounds)
    centre = outline.representative_point()
    answer = [
        {
            "place_id": 259161001,
            "licence": LICENCE,
            "osm_type": "relation",
            "osm_id": 13442091,
            "lat": f"{centre.y:.7f}",
            "lon": f"{centre.x:.7f}",
            "class": "boundary",
            "type": "administrative",
            "place_rank": 20,
            "importance": 0.4726281993126011,
            "addresstype": "suburb",
            "name": "Kibera",
            "display_name": "Kibera, Kibra, Nairobi, Nairobi County, Kenya",
            "boundingbox": [f"{south:.7f}", f"{north:.7f}", f"{west:.7f}", f"{east:.7f}"],
            "geojson": _rounded(outline),
        },
        {
            "place_id": 259017002,
            "licence": LICENCE,
            "osm_type": "node",
            "osm_id": 540879095,
            "lat": "-1.3127970",
            "lon": "36.7882827",
            "class": "place",
            "type": "suburb",
            "place_rank": 19,
            "importance": 0.3500100000000001,
            "addresstype": "suburb",
            "name": "Kibera",
            "display_name": "Kibera, Kibra, Nairobi, Nairobi County, Kenya",
            "boundingbox": ["-1.3327970", "-1.2927970", "36.7682827", "36.8082827"],
            "geojson": {"type": "Point", "coordinates": [36.7882827, -1.312797]},
        },
    ]
    TARGET.write_text(json.dumps(answer, ensure_ascii=False), encoding="utf-8")
    vertices = len(outline.exterior.coords)
    print(f"{TARGET.name}: bbox {west},{south},{east},{north}; outline of {vertices} points")


if __name__ == "__main__":
    main()
