"""Access to services on real Kibera and Helsinki projects, against an independent reference.

Which features are water points, clinics or toilets is decided here from the raw
``tags`` JSON (pyogrio), and the distances by the networkx reference of
tests/test_evacuation.py (a graph built from the stored ``street_edges`` rows,
snapping by brute-force shapely distances).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pyogrio
import pytest
import shapely
from shapely.geometry import Point

from mapping.analysis.access import access
from mapping.editing import EditSession
from mapping.project import Project
from tests.test_evacuation import centroids, digest, quartier, reference_distances, refused

JSON_KEYS = ["kind", "buildings", "within", "unreachable", "distance_m"]


def tagged(project: Path, wanted: dict[str, set[str]]) -> np.ndarray:
    """(lon, lat) of the ``pois`` then ``facilities`` whose tags have one of ``wanted``."""
    points = []
    for layer in ("facilities", "pois"):
        frame = pyogrio.read_dataframe(project, layer=layer)
        for text, geometry in zip(frame["tags"], frame.geometry.values, strict=True):
            tags = json.loads(text) if isinstance(text, str) and text else {}
            if any(tags.get(key) in values for key, values in wanted.items()):
                points.append(shapely.get_coordinates(shapely.point_on_surface(geometry))[0])
    return np.array(points)


def expected_summary(kind: str, distance: np.ndarray, bands: tuple[int, ...]) -> dict:
    reachable = distance[np.isfinite(distance)]
    return {"kind": kind, "buildings": len(distance),
            "within": {str(b): int((distance <= b).sum()) for b in bands},
            "unreachable": int((~np.isfinite(distance)).sum()),
            "distance_m": {"median": round(float(np.median(reachable)), 1),
                           "p90": round(float(np.percentile(reachable, 90)), 1),
                           "max": round(float(reachable.max()), 1)}}


WATER = {"amenity": {"drinking_water", "water_point"},
         "man_made": {"water_tap", "water_well", "borehole"}, "natural": {"spring"}}


@pytest.fixture(scope="module")
def kibera(kibera_project: Path, tmp_path_factory: pytest.TempPathFactory,
           data_dir: Path) -> Path:
    """Kibera with its villages as a reference layer and one clinic mapped by residents."""
    project = tmp_path_factory.mktemp("access") / "kibera.gpkg"
    shutil.copy(kibera_project, project)
    code, _out, err = quartier("layer", "add", str(project),
                               str(data_dir / "kibera" / "villages.shp"), "--name", "villages")
    assert code == 0, err
    with EditSession(project, contributor="Achieng Otieno", mapping_session="clinics") as edit:
        edit.add_feature("facilities", Point(36.7900, -1.3100), "facility/clinic",
                         {"name": "Kianda community clinic"})
    return project


def test_water_access_matches_networkx(kibera: Path) -> None:
    code, out, err = quartier("access", str(kibera), "--to", "water point", "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert list(summary) == JSON_KEYS
    assert list(summary["within"]) == ["250", "500", "1000"]
    _fids, points = centroids(kibera)
    water = tagged(kibera, WATER)
    assert len(water) == 328  # the drinking-water points of the extract
    expected = reference_distances(kibera, points, water)
    assert summary == expected_summary("water", expected, (250, 500, 1000))
    result = access(Project(kibera), "water")
    assert np.array_equal(np.isfinite(result.distance_m), np.isfinite(expected))
    finite = np.isfinite(expected)
    assert np.allclose(result.distance_m[finite], expected[finite], rtol=0, atol=1e-6)


def test_water_access_layer_shows_the_worst_served(kibera: Path) -> None:
    """The saved layer: every building's footprint with its networkx distance, its band
    coloured green to dark red, the 20 farthest ranked (the unreachable first)."""
    code, out, err = quartier("access", str(kibera), "--to", "water")
    assert code == 0, err
    fids, points = centroids(kibera)
    expected = reference_distances(kibera, points, tagged(kibera, WATER))
    layer = pyogrio.read_dataframe(kibera, layer="access_water")
    assert list(layer.columns) == ["building_fid", "facility", "distance_m", "band",
                                   "worst_rank", "colour", "geometry"]
    assert layer["building_fid"].tolist() == fids.tolist()
    buildings = pyogrio.read_dataframe(kibera, layer="buildings")
    assert shapely.equals(layer.geometry.values, buildings.geometry.values).all()
    finite = np.isfinite(expected)
    assert np.allclose(layer["distance_m"].to_numpy()[finite], expected[finite], atol=0.06)
    assert layer["distance_m"].isna().to_numpy().tolist() == (~finite).tolist()
    bands = np.select([~finite, expected <= 250, expected <= 500, expected <= 1000],
                      ["unreachable", "within 250 m", "250-500 m", "500-1000 m"],
                      "beyond 1000 m")
    assert layer["band"].tolist() == bands.tolist()
    colours = {"within 250 m": "#1a9850", "250-500 m": "#fee08b", "500-1000 m": "#fc8d59",
               "beyond 1000 m": "#d73027", "unreachable": "#67000d"}
    assert layer["colour"].tolist() == [colours[b] for b in bands]
    order = np.argsort(-np.where(finite, expected, np.inf), kind="stable")[:20]
    ranked = layer.dropna(subset=["worst_rank"]).sort_values("worst_rank")
    assert ranked["worst_rank"].tolist() == list(range(1, 21))
    assert ranked["building_fid"].tolist() == fids[order].tolist()
    assert f"Worst served (fid, farthest first): {', '.join(map(str, fids[order]))}." in out
    assert "saved in the layer access_water" in out


def test_clinics_include_what_residents_mapped(kibera: Path) -> None:
    code, out, err = quartier("access", str(kibera), "--to", "clinics", "--within",
                              "100,2000", "--json")
    assert code == 0, err
    summary = json.loads(out)
    clinics = tagged(kibera, {"amenity": {"clinic", "doctors", "hospital", "health_post"},
                              "healthcare": {"clinic", "doctor", "hospital", "centre",
                                             "health_post"}})
    _fids, points = centroids(kibera)
    expected = reference_distances(kibera, points, clinics)
    assert summary == expected_summary("clinic", expected, (100, 2000))
    # The clinic residents mapped (listed first) counts: without it some buildings are farther.
    assert np.allclose(clinics[0], (36.7900, -1.3100))
    without = reference_distances(kibera, points, clinics[1:])
    assert (without > expected + 1.0).any()


def test_per_area(kibera: Path) -> None:
    code, out, err = quartier("access", str(kibera), "--to", "toilet", "--by", "villages",
                              "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert list(summary) == [*JSON_KEYS, "by_area"]
    fids, points = centroids(kibera)
    toilets = tagged(kibera, {"amenity": {"toilets"}})
    distance = reference_distances(kibera, points, toilets)
    villages = pyogrio.read_dataframe(kibera, layer="villages", fid_as_index=True)
    names = [name if isinstance(name, str) else f"area {fid}"
             for name, fid in zip(villages["name"], villages.index, strict=True)]
    expected: dict[str, list[float]] = {}
    for point, metres in zip(points, distance, strict=True):
        for name, polygon in zip(names, villages.geometry.values, strict=True):
            if polygon.intersects(Point(point)):
                expected.setdefault(name, []).append(metres)
                break
    assert set(summary["by_area"]) == set(expected)
    for name, values in expected.items():
        part = summary["by_area"][name]
        array = np.array(values)
        assert part["buildings"] == len(values)
        assert part["within"] == {str(b): int((array <= b).sum()) for b in (250, 500, 1000)}
        assert part["unreachable"] == int((~np.isfinite(array)).sum())
    assert sum(p["buildings"] for p in summary["by_area"].values()) <= len(fids)


def test_helsinki_toilets_match_networkx(tmp_path_factory: pytest.TempPathFactory,
                                         data_dir: Path) -> None:
    from mapping.build import project_from_extract

    project = tmp_path_factory.mktemp("helsinki_access") / "helsinki.gpkg"
    project_from_extract(project, data_dir / "osm" / "helsinki.osm.pbf")
    code, out, err = quartier("access", str(project), "--to", "toilets", "--json")
    assert code == 0, err
    _fids, points = centroids(project)
    toilets = tagged(project, {"amenity": {"toilets"}})
    assert len(toilets) >= 18
    expected = reference_distances(project, points, toilets)
    assert json.loads(out) == expected_summary("toilet", expected, (250, 500, 1000))


def test_bad_input(kibera: Path) -> None:
    before = digest(kibera)
    assert "not a kind of facility" in refused(kibera, "access", str(kibera), "--to", "unicorn",
                                               process=False)
    # None of the kind mapped: as a real process.
    assert "No fire stations are mapped" in refused(kibera, "access", str(kibera), "--to",
                                                    "fire station")
    assert "--within" in refused(kibera, "access", str(kibera), "--to", "water", "--within",
                                 "near", process=False)
    assert "no layer named" in refused(kibera, "access", str(kibera), "--to", "water", "--by",
                                       "wards", process=False)
    assert digest(kibera) == before
