"""The rest of Quartier on a team server: the same project model, the same edits.

``Project`` and the editing model (``EditSession``) take a ``postgresql://`` address
as they take a file. One mapping script is played against a copy of the Kibera file
and against the same project published to a real server; the two must end the same
(features, versions, history), and the server's rows are read back with psycopg.
"""

from __future__ import annotations

import shutil

import numpy as np
import psycopg
import pyogrio
import pytest
import shapely
from shapely.geometry import Point

from mapping.editing import EditSession
from mapping.project import Project
from mapping.store.postgis import init_server, publish
from tests.pg_server import pg_server  # noqa: F401  (fixture)


@pytest.fixture
def both(pg_server, kibera_project, tmp_path):  # noqa: F811
    """(file, server URL) holding the same project, and the server's plain URL."""
    path = tmp_path / "kibera.gpkg"
    shutil.copy(kibera_project, path)
    database = pg_server.create_database()
    url = pg_server.url(database)
    init_server(url)
    publish(path, url, "kibera")
    return path, f"{url}?project=kibera", url


def _map(location, road) -> dict[str, str]:
    """A mapping walk: add, change, tag stops, split a line, delete, undo, redo, verify."""
    uuids = {}
    with EditSession(location, contributor="Achieng", mapping_session="walk-1") as session:
        x, y = road.coords[0]
        uuids["clinic"] = session.add_feature("facilities", Point(x, y + 0.0003),
                                              "facility/clinic", {"name": "Tumaini"})
        session.update_tags("facilities", uuids["clinic"], {"name": "Tumaini",
                                                           "opening_hours": "24/7"})
        uuids["line"] = session.add_feature("transport_lines", road, "transport_line/minibus",
                                            {"ref": "32", "name": "Olympic - Town"})
        for name, fraction in (("Olympic", 0.2), ("DC", 0.7)):
            session.add_stop(uuids["line"], road.interpolate(fraction, normalized=True), name)
        cut = road.interpolate(0.5, normalized=True)
        _first, uuids["second"] = session.split_line(uuids["line"], (cut.x, cut.y))
        uuids["zone"] = session.add_feature("risk_zones", Point(x, y).buffer(0.001),
                                            "risk_zone/flood", {"name": "River bank",
                                                                 "severity": "high"})
        session.delete("risk_zones", uuids["zone"])
        session.undo()
        session.redo()
        session.set_review_status("facilities", uuids["clinic"], "verified")
    return uuids


def _outcome(project: Project):
    features = {}
    for layer in ("facilities", "transport_lines", "transport_stops", "risk_zones"):
        for feature in project.store.read_features(layer):
            features[feature.uuid] = (layer, feature.version, feature.review_status,
                                      dict(feature.tags), feature.geometry.wkb,
                                      feature.stop_sequence, feature.line_uuid)
    history = [(e.layer, e.uuid, e.version, e.action, e.contributor, e.note)
               for e in project.store.read_history()]
    return features, history


def test_the_same_mapping_walk_ends_the_same_on_the_file_and_on_the_server(both):
    path, url, plain = both
    roads = pyogrio.read_dataframe(path, layer="roads")
    road = roads.geometry.values[int(np.argmax(shapely.get_num_coordinates(
        roads.geometry.values)))]
    here = _map(path, road)
    there = _map(url, road)
    file_project, server_project = Project(path), Project(url)
    try:
        file_features, file_history = _outcome(file_project)
        server_features, server_history = _outcome(server_project)
    finally:
        file_project.close()
        server_project.close()
    rename = {here[k]: there[k] for k in here}  # new features get new uuids on each side
    assert len(file_features) == len(server_features) == 5
    named = {f[3].get("name"): f for f in file_features.values()}
    assert {f[3].get("name"): f[:4] for f in server_features.values()} == {
        name: f[:4] for name, f in named.items()}
    assert [h[2:] for h in file_history] == [h[2:] for h in server_history]
    assert [h[0] for h in file_history] == [h[0] for h in server_history]
    assert rename[here["clinic"]] == there["clinic"]
    # On the server: every history row belongs to one edit number, given in commit order.
    with psycopg.connect(plain) as connection:
        rows = connection.execute("SELECT edit_id, action, contributor FROM "
                                  "project_kibera.quartier_edit_history ORDER BY id").fetchall()
        verified = connection.execute("SELECT review_status, tags FROM "
                                      "project_kibera.facilities").fetchall()
    numbers = [r[0] for r in rows]
    assert numbers == sorted(numbers) and set(r[2] for r in rows) == {"Achieng"}
    assert [(status, tags["name"], tags["opening_hours"]) for status, tags in verified] == [
        ("verified", "Tumaini", "24/7")]


def test_a_server_project_describes_itself_as_the_file_does(both):
    path, url, _plain = both
    file_project, server_project = Project(path), Project(url)
    try:
        here, there = file_project.info(), server_project.info()
        assert here["project"] == there["project"]
        assert {n: (v["count"], v["kind"], v["title"]) for n, v in here["layers"].items()} == {
            n: (v["count"], v["kind"], v["title"]) for n, v in there["layers"].items()}
        for name, layer in here["layers"].items():
            if layer["extent"]:
                assert there["layers"][name]["extent"] == pytest.approx(layer["extent"])
        box = (36.780, -1.318, 36.790, -1.308)
        a = file_project.read_layer("roads", bbox=box, columns=["highway", "name"]).sort_index()
        b = server_project.read_layer("roads", bbox=box, columns=["highway", "name"])
        assert 0 < len(a) < here["layers"]["roads"]["count"]
        assert list(a.index) == list(b.index)
        assert list(a["highway"]) == list(b["highway"])
        assert bool(shapely.equals_exact(a.geometry.values, b.geometry.values, 0).all())
    finally:
        file_project.close()
        server_project.close()
