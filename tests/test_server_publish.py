"""Publishing a project to a real PostGIS team server, and reading it back.

Every comparison is with the project file read independently (pyogrio, ogrinfo, the
GeoPackage store) and the server read with psycopg or ogrinfo's PostgreSQL driver,
not through the PostGIS store that wrote it.
"""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import psycopg
import pyogrio
import pytest
import shapely

from desktop.cli import main
from mapping.store.geopackage import GeoPackageStore
from mapping.store.postgis import init_server, open_postgis_store, publish
from tests.pg_server import (  # noqa: F401  (fixtures)
    SUPERUSER_PASSWORD,
    create_step,
    new_facility,
    pg_server,
    review_step,
    update_step,
)


@pytest.fixture(scope="module")
def edited_project(kibera_project, tmp_path_factory):
    """A copy of the Kibera project with facilities mapped, one changed, one verified."""
    path = tmp_path_factory.mktemp("server_publish") / "kibera.gpkg"
    shutil.copy(kibera_project, path)
    store = GeoPackageStore(path)
    store.open_mapping_session("walk-1", "Kianda walk", "amina")
    clinics = [new_facility(f"Clinic {i}", 36.785 + i / 1000, -1.312) for i in range(5)]
    written = [store.apply_edit([create_step(c)], "amina", "walk-1")[0] for c in clinics]
    store.apply_edit([update_step(written[1], opening_hours="Mo-Fr 08:00-17:00")], "baraka",
                     "walk-1")
    store.apply_edit([review_step(written[2], "verified")], "amina", "walk-1")
    store.close()
    return path


@pytest.fixture(scope="module")
def published(pg_server, edited_project):  # noqa: F811
    """(server, database, project URL) with the edited project published as 'kibera'."""
    database = pg_server.create_database()
    url = pg_server.url(database)
    init_server(url)
    shown = publish(edited_project, url, "kibera")
    assert SUPERUSER_PASSWORD not in shown
    return pg_server, database, f"{url}?project=kibera"


def _server_rows(server, database, table, columns="fid, ST_AsBinary(geom)"):
    with psycopg.connect(server.url(database)) as connection:
        return connection.execute(
            f'SELECT {columns} FROM project_kibera."{table}" ORDER BY fid').fetchall()


def test_every_layer_has_the_files_rows_and_shapes(published, edited_project):
    server, database, _url = published
    layers = [name for name, geometry in pyogrio.list_layers(edited_project) if geometry]
    assert "buildings" in layers and "facilities" in layers
    for name in layers:
        expected = pyogrio.read_dataframe(edited_project, layer=name, fid_as_index=True)
        found = _server_rows(server, database, name)
        assert len(found) == len(expected), name
        assert [r[0] for r in found] == list(expected.index), name
        shapes = shapely.from_wkb([bytes(r[1]) for r in found])
        same = shapely.equals_exact(shapes, expected.geometry.values, tolerance=0)
        assert bool(np.all(same)), f"{name}: {int((~same).sum())} shapes differ"
        if "name" in expected.columns:
            names = [r[0] for r in _server_rows(server, database, name, "name")]
            assert names == [None if v is None or v != v else v for v in expected["name"]]


def test_participatory_features_keep_uuid_version_and_review(published, edited_project):
    server, database, _url = published
    expected = pyogrio.read_dataframe(edited_project, layer="facilities")
    found = _server_rows(server, database, "facilities", "uuid, version, review_status, tags")
    assert sorted((r[0], r[1], r[2]) for r in found) == sorted(
        zip(expected["uuid"], expected["version"], expected["review_status"], strict=True))
    assert sorted(r[1] for r in found) == [1, 1, 1, 2, 2]
    assert sum(r[2] == "verified" for r in found) == 1
    assert any(r[3].get("opening_hours") == "Mo-Fr 08:00-17:00" for r in found)


def test_history_sessions_metadata_and_registry_come_along(published, edited_project):
    _server, _database, url = published
    local = GeoPackageStore(edited_project)
    remote = open_postgis_store(url)
    try:
        here, there = local.read_history(), remote.read_history()
        assert len(here) == len(there) == 7
        key = [(e.id, e.layer, e.uuid, e.version, e.action, e.contributor, e.edit_id,
                dict(e.tags)) for e in here]
        assert key == [(e.id, e.layer, e.uuid, e.version, e.action, e.contributor, e.edit_id,
                        dict(e.tags)) for e in there]
        assert all(a.geometry.equals_exact(b.geometry, 0) for a, b in zip(here, there,
                                                                           strict=True))
        assert local.mapping_sessions() == remote.mapping_sessions()
        assert local.metadata() == remote.metadata()
        assert [r.name for r in local.registry()] == [r.name for r in remote.registry()]
        assert local.read_features("facilities") == remote.read_features("facilities")
    finally:
        local.close()
        remote.close()


def test_ogrinfo_reads_the_published_tables(published, edited_project):
    server, database, _url = published
    connection = (f"PG:host=127.0.0.1 port={server.port} dbname={database} user=postgres "
                  f"password={SUPERUSER_PASSWORD}")
    for layer in ("buildings", "roads", "facilities"):
        local = subprocess.run(["ogrinfo", "-ro", "-so", str(edited_project), layer],
                               capture_output=True, text=True, check=True).stdout
        remote = subprocess.run(["ogrinfo", "-ro", "-so", connection, f"project_kibera.{layer}"],
                                capture_output=True, text=True, check=True).stdout
        count = [line for line in local.splitlines() if line.startswith("Feature Count")]
        assert count and count[0] in remote.splitlines(), layer
        extent = [line for line in local.splitlines() if line.startswith("Extent")]
        assert extent and extent[0] in remote.splitlines(), layer


def test_reading_a_box_through_the_store_finds_the_files_features(published, edited_project):
    _server, _database, url = published
    box = (36.780, -1.318, 36.790, -1.308)
    expected = pyogrio.read_dataframe(edited_project, layer="buildings", bbox=box,
                                      fid_as_index=True)
    store = open_postgis_store(url)
    try:
        found = store.read_layer("buildings", bbox=box, columns=["osm_id"])
        assert 0 < len(found) < pyogrio.read_info(edited_project, layer="buildings")["features"]
        assert sorted(found.index) == sorted(expected.index)
        assert list(found.columns) == ["osm_id", "geometry"]
        assert (found["osm_id"].sort_index().to_numpy()
                == expected["osm_id"].sort_index().to_numpy()).all()
        clinics = store.read_features("facilities", bbox=(36.7845, -1.313, 36.7865, -1.311))
        assert sorted(c.name for c in clinics) == ["Clinic 0", "Clinic 1"]
    finally:
        store.close()


def test_publishing_a_name_twice_is_refused_unless_replaced(published, edited_project):
    server, database, _url = published
    url = server.url(database)
    from layers.errors import ProjectError

    with pytest.raises(ProjectError, match="already on this server"):
        publish(edited_project, url, "kibera")
    publish(edited_project, url, "kibera-copy")
    publish(edited_project, url, "kibera-copy", replace=True)
    with psycopg.connect(url) as connection:
        names = [n for (n,) in connection.execute(
            "SELECT name FROM quartier.projects ORDER BY name").fetchall()]
        (count,) = connection.execute(
            "SELECT count(*) FROM project_kibera_copy.facilities").fetchone()
    assert names == ["kibera", "kibera-copy"]
    assert count == 5


def test_the_commands_init_publish_and_list(pg_server, edited_project, capsys):  # noqa: F811
    database = pg_server.create_database()
    url = pg_server.url(database)
    assert main(["server", "init", url]) == 0
    assert main(["server", "init", url]) == 0
    assert main(["server", "publish", str(edited_project), url, "--name", "walk"]) == 0
    assert main(["server", "projects", url]) == 0
    out = capsys.readouterr()
    assert "now a Quartier team server" in out.out and "already" in out.out
    assert "?project=walk" in out.out and out.out.rstrip().splitlines()[-1].startswith("walk\t")
    assert SUPERUSER_PASSWORD not in out.out + out.err
    assert main(["info", f"{url}?project=walk"]) == 0
    listed = capsys.readouterr().out
    assert SUPERUSER_PASSWORD not in listed
    counts = {line.split()[0]: int(line.split()[2]) for line in listed.splitlines()
              if line.split() and line.split()[0] in ("buildings", "roads", "facilities")}
    assert counts == {name: pyogrio.read_info(edited_project, layer=name)["features"]
                      for name in ("buildings", "roads", "facilities")}
    assert main(["server", "publish", str(edited_project), url, "--name", "walk"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("quartier: ") and "already on this server" in err
    assert len(err.strip().splitlines()) == 1


def test_roles_add_reads_the_password_and_never_prints_it(pg_server, capsys,  # noqa: F811
                                                         monkeypatch):
    import io
    import os

    database = pg_server.create_database()
    url = pg_server.url(database)
    init_server(url)
    user = f"wanjiru_{os.getpid()}"
    monkeypatch.setattr("sys.stdin", io.StringIO("kianda-walk-2026\n"))
    assert main(["server", "roles", "add", url, user, "--role", "mapper"]) == 0
    out = capsys.readouterr()
    assert f"{user} added as mapper" in out.out
    assert "kianda-walk-2026" not in out.out + out.err
    with psycopg.connect(pg_server.url(database, user=user, password="kianda-walk-2026")) as c:
        roles = {r for (r,) in c.execute(
            "SELECT b.rolname FROM pg_auth_members m JOIN pg_roles a ON a.oid = m.member "
            "JOIN pg_roles b ON b.oid = m.roleid WHERE a.rolname = current_user").fetchall()}
    assert roles == {"quartier_mapper"}
    (stored,) = pg_server.psql(f"SELECT rolpassword FROM pg_authid WHERE rolname = '{user}'"
                               ).splitlines()
    assert stored.startswith("SCRAM-SHA-256$") and "kianda" not in stored
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["server", "roles", "add", url, user, "--role", "viewer"]) == 2
    assert "at least 8 characters" in capsys.readouterr().err
