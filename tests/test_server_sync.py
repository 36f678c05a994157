"""Offline and back: a copy taken from a real team server, edited, and synced home.

The file is read with pyogrio and the GeoPackage store, the server with psycopg; the
edits are made on each side through its own store, as two people would.
"""

from __future__ import annotations

import hashlib

import psycopg
import pyogrio
import pytest
import shapely

from desktop.cli import main
from layers.errors import ProjectError
from mapping.store.geopackage import GeoPackageStore
from mapping.store.postgis import (
    ServerConnectionError,
    checkout,
    init_server,
    open_postgis_store,
    publish,
)
from mapping.store.postgis import sync as sync_copy
from tests.pg_server import (  # noqa: F401  (fixtures)
    SUPERUSER_PASSWORD,
    create_step,
    new_facility,
    pg_server,
    update_step,
    wait_until_down,
)


@pytest.fixture
def team(pg_server, kibera_project, monkeypatch):  # noqa: F811
    """(server, database, project URL, store) with Kibera and two facilities on the server.

    The password is in ``PGPASSWORD`` (the copy records the address without it).
    """
    monkeypatch.setenv("PGPASSWORD", SUPERUSER_PASSWORD)
    database = pg_server.create_database()
    url = pg_server.url(database)
    init_server(url)
    publish(kibera_project, url, "kibera")
    store = open_postgis_store(f"{url}?project=kibera")
    store.apply_edit([create_step(new_facility("Tumaini clinic", 36.785, -1.312))], "amina",
                     None)
    store.apply_edit([create_step(new_facility("Kianda school", 36.795, -1.305))], "amina",
                     None)
    yield pg_server, database, f"{url}?project=kibera", store
    store.close()


def _by_name(features):
    return {f.name: f for f in features}


def _sql(server, database, query, parameters=()):
    with psycopg.connect(server.url(database)) as connection:
        return connection.execute(query, parameters).fetchall()


def test_a_checkout_holds_the_servers_layers_features_and_history(team, tmp_path):
    server, database, url, store = team
    copy = checkout(url, tmp_path / "field.gpkg")
    for name in ("buildings", "roads", "street_edges"):
        (count,) = _sql(server, database, f"SELECT count(*) FROM project_kibera.{name}")[0]
        assert pyogrio.read_info(copy, layer=name)["features"] == count
    local = GeoPackageStore(copy)
    try:
        assert local.read_features("facilities") == store.read_features("facilities")
        assert [(e.uuid, e.version, e.contributor, e.at) for e in local.read_history()] == [
            (e.uuid, e.version, e.contributor, e.at) for e in store.read_history()]
        assert [r.name for r in local.registry()] == [r.name for r in store.registry()]
    finally:
        local.close()
    assert SUPERUSER_PASSWORD.encode() not in copy.read_bytes()
    recorded = pyogrio.read_dataframe(copy, layer="quartier_team_server")
    address = dict(zip(recorded["key"], recorded["value"], strict=True))["url"]
    assert address.startswith('"postgresql://postgres@127.0.0.1:') and "***" not in address


def test_a_checkout_of_an_area_takes_what_meets_it(team, tmp_path, kibera_project):
    _server, _database, url, _store = team
    box = (36.780, -1.318, 36.790, -1.308)
    copy = checkout(url, tmp_path / "area.gpkg", bbox=box)
    taken = pyogrio.read_dataframe(copy, layer="buildings")
    everything = pyogrio.read_dataframe(kibera_project, layer="buildings")
    meets = shapely.intersects(shapely.envelope(everything.geometry.values), shapely.box(*box))
    assert 0 < len(taken) == int(meets.sum()) < len(everything)
    names = {f.name for f in GeoPackageStore(copy).read_features("facilities")}
    assert names == {"Tumaini clinic"}


def test_edits_on_both_sides_to_different_features_meet(team, tmp_path):
    server, database, url, store = team
    copy = checkout(url, tmp_path / "field.gpkg")
    local = GeoPackageStore(copy)
    clinic = _by_name(local.read_features("facilities"))["Tumaini clinic"]
    local.apply_edit([update_step(clinic, opening_hours="Mo-Sa 08:00-18:00")], "wanjiru",
                     "field-day")
    added = local.apply_edit([create_step(new_facility("Field water point"))], "wanjiru",
                             "field-day")[0]
    local_history = [e for e in local.read_history() if e.contributor == "wanjiru"]
    local.close()
    school = _by_name(store.read_features("facilities"))["Kianda school"]
    store.apply_edit([update_step(school, operator="county")], "baraka", None)
    report = sync_copy(copy)
    assert (report.sent, report.received, report.conflicts) == (2, 1, [])
    # The server has the field edits with who and when they were made.
    rows = _sql(server, database, "SELECT uuid, version, contributor, at FROM "
                "project_kibera.quartier_edit_history WHERE contributor = 'wanjiru' ORDER BY id")
    assert rows == [(e.uuid, e.version, e.contributor, e.at) for e in local_history]
    on_server = _by_name(store.read_features("facilities"))
    assert on_server["Tumaini clinic"].tags["opening_hours"] == "Mo-Sa 08:00-18:00"
    assert on_server["Field water point"].uuid == added.uuid
    # The file has the server's edit, with baraka's name on it.
    local = GeoPackageStore(copy)
    here = _by_name(local.read_features("facilities"))
    assert here["Kianda school"].tags["operator"] == "county"
    assert here["Kianda school"].version == on_server["Kianda school"].version == 2
    assert [e.contributor for e in local.read_history("facilities", school.uuid)] == [
        "amina", "baraka"]
    local.close()
    again = sync_copy(copy)
    assert (again.sent, again.received, again.conflicts) == (0, 0, [])


def test_the_same_feature_changed_on_both_sides_is_kept_on_each_until_chosen(team, tmp_path,
                                                                            capsys):
    server, database, url, store = team
    copy = checkout(url, tmp_path / "field.gpkg")
    local = GeoPackageStore(copy)
    clinic = _by_name(local.read_features("facilities"))["Tumaini clinic"]
    local.apply_edit([update_step(clinic, operator="church")], "wanjiru", None)
    local.close()
    store.apply_edit([update_step(_by_name(store.read_features("facilities"))[
        "Tumaini clinic"], operator="county")], "baraka", None)
    assert main(["server", "sync", str(copy)]) == 0
    out = capsys.readouterr().out
    assert "Changed on both sides" in out and "“Tumaini clinic”" in out
    assert "version 2 by baraka on the server" in out
    # Neither side overwritten; the server's side is kept in the file, with who.
    assert _sql(server, database, "SELECT tags->>'operator', version FROM "
                "project_kibera.facilities WHERE uuid = %s", (clinic.uuid,)) == [("county", 2)]
    local = GeoPackageStore(copy)
    assert local.read_feature("facilities", clinic.uuid).tags["operator"] == "church"
    local.close()
    kept = pyogrio.read_dataframe(copy, layer="quartier_sync_conflicts")
    assert list(kept["server_contributor"]) == ["baraka"]
    assert '"county"' in kept["server_tags"][0]
    # Choosing: this copy's version goes to the server as version 3, naming whose it replaced.
    assert main(["server", "sync", str(copy), "--keep", "mine"]) == 0
    assert _sql(server, database, "SELECT tags->>'operator', version FROM "
                "project_kibera.facilities WHERE uuid = %s", (clinic.uuid,)) == [("church", 3)]
    (note,) = _sql(server, database, "SELECT note FROM project_kibera.quartier_edit_history "
                   "WHERE uuid = %s AND version = 3", (clinic.uuid,))[0]
    assert note == "kept the field copy over version 2 by baraka"
    assert len(pyogrio.read_dataframe(copy, layer="quartier_sync_conflicts")) == 0
    local = GeoPackageStore(copy)
    assert local.read_feature("facilities", clinic.uuid).version == 3
    local.close()


def test_keeping_theirs_brings_the_servers_version(team, tmp_path):
    _server, _database, url, store = team
    copy = checkout(url, tmp_path / "field.gpkg")
    local = GeoPackageStore(copy)
    school = _by_name(local.read_features("facilities"))["Kianda school"]
    local.apply_edit([update_step(school, operator="mine")], "wanjiru", None)
    local.close()
    store.apply_edit([update_step(_by_name(store.read_features("facilities"))[
        "Kianda school"], operator="theirs")], "baraka", None)
    report = sync_copy(copy, keep="theirs")
    assert report.conflicts == []
    local = GeoPackageStore(copy)
    kept = local.read_feature("facilities", school.uuid)
    mine_in_history = [e for e in local.read_history("facilities", school.uuid)
                       if e.contributor == "wanjiru"]
    local.close()
    assert (kept.tags["operator"], kept.version) == ("theirs", 2)
    assert [e.tags["operator"] for e in mine_in_history] == ["mine"]


def test_a_connection_lost_mid_sync_changes_neither_side(team, tmp_path):
    server, database, url, store = team
    copy = checkout(url, tmp_path / "field.gpkg")
    local = GeoPackageStore(copy)
    clinic = _by_name(local.read_features("facilities"))["Tumaini clinic"]
    local.apply_edit([update_step(clinic, operator="church")], "wanjiru", None)
    local.close()
    store.close()
    before_file = hashlib.sha256(copy.read_bytes()).hexdigest()
    before_server = _sql(server, database, "SELECT count(*), max(edit_id) FROM "
                         "project_kibera.quartier_edit_history")

    def pull_the_plug(fraction: float, message: str) -> None:
        if message.startswith("Bringing back"):
            server.stop("immediate")
            wait_until_down(server)

    from mapping.store._pg_sync import sync as sync_with_progress

    try:
        with pytest.raises(ServerConnectionError, match="was lost while syncing"):
            sync_with_progress(copy, progress=pull_the_plug)
    finally:
        server.start()
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before_file
    assert _sql(server, database, "SELECT count(*), max(edit_id) FROM "
                "project_kibera.quartier_edit_history") == before_server
    assert sync_copy(copy).sent == 1


def test_checkout_and_sync_refuse_plainly(team, tmp_path, kibera_project):
    _server, _database, url, _store = team
    taken = checkout(url, tmp_path / "field.gpkg")
    with pytest.raises(ProjectError, match="already exists"):
        checkout(url, taken)
    with pytest.raises(ProjectError, match="was not taken from a team server"):
        sync_copy(kibera_project)
    assert main(["server", "checkout", url, str(tmp_path / "b.gpkg"), "--bbox", "1,2,3"]) == 2


def _delete_step(seen):
    from mapping.edit_history import Change, EditAction
    from mapping.store import EditStep

    change = Change(seen.layer, seen.uuid, seen, None, EditAction.DELETE)
    return EditStep(change=change, target=None, action=EditAction.DELETE,
                    expected_version=seen.version)


def test_deletions_travel_both_ways(team, tmp_path):
    server, database, url, store = team
    copy = checkout(url, tmp_path / "field.gpkg")
    local = GeoPackageStore(copy)
    clinic = _by_name(local.read_features("facilities"))["Tumaini clinic"]
    local.apply_edit([_delete_step(clinic)], "wanjiru", None)
    local.close()
    school = _by_name(store.read_features("facilities"))["Kianda school"]
    store.apply_edit([_delete_step(school)], "baraka", None)
    report = sync_copy(copy)
    assert (report.sent, report.received, report.conflicts) == (1, 1, [])
    assert _sql(server, database, "SELECT count(*) FROM project_kibera.facilities") == [(0,)]
    assert pyogrio.read_info(copy, layer="facilities")["features"] == 0
    actions = _sql(server, database, "SELECT contributor, action, version FROM "
                   "project_kibera.quartier_edit_history WHERE action = 'delete' ORDER BY id")
    assert sorted(actions) == [("baraka", "delete", 2), ("wanjiru", "delete", 2)]
    assert sync_copy(copy).sent == 0
