"""Several people editing one project on a real PostGIS team server at once.

Clients are separate store objects, and for the load and crash tests separate
processes. What landed is counted on the server with plain SQL (psycopg), not through
the store that wrote it; the roles are checked by connecting as each role directly.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import psycopg
import pytest

from mapping.store import ConflictError
from mapping.store.postgis import (
    ServerPermissionError,
    add_member,
    init_server,
    open_postgis_store,
    publish,
)
from tests.pg_server import (  # noqa: F401  (fixtures)
    create_step,
    new_facility,
    pg_server,
    review_step,
    update_step,
)

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def team(pg_server, kibera_project):  # noqa: F811
    """(server, database, project URL) of Kibera published to a fresh database."""
    database = pg_server.create_database()
    url = pg_server.url(database)
    init_server(url)
    publish(kibera_project, url, "kibera")
    return pg_server, database, f"{url}?project=kibera"


def _sql(server, database, query, parameters=()):
    with psycopg.connect(server.url(database)) as connection:
        return connection.execute(query, parameters).fetchall()


def test_two_clients_editing_different_features_both_land(team):
    server, database, url = team
    amina, baraka = open_postgis_store(url), open_postgis_store(url)
    try:
        first = amina.apply_edit([create_step(new_facility("Tumaini clinic"))], "amina", None)[0]
        second = baraka.apply_edit([create_step(new_facility("Baraka school"))], "baraka",
                                   None)[0]
        amina.apply_edit([update_step(first, opening_hours="24/7")], "amina", None)
        baraka.apply_edit([update_step(second, operator="church")], "baraka", None)
    finally:
        amina.close()
        baraka.close()
    rows = dict(_sql(server, database, "SELECT uuid, version FROM project_kibera.facilities "
                     "WHERE uuid = ANY(%s)", ([first.uuid, second.uuid],)))
    assert rows == {first.uuid: 2, second.uuid: 2}
    history = _sql(server, database, "SELECT contributor, version FROM "
                   "project_kibera.quartier_edit_history WHERE uuid = ANY(%s) ORDER BY id",
                   ([first.uuid, second.uuid],))
    assert sorted(history) == [("amina", 1), ("amina", 2), ("baraka", 1), ("baraka", 2)]


def test_the_second_save_of_the_same_feature_is_told_both_versions(team):
    server, database, url = team
    amina, baraka = open_postgis_store(url), open_postgis_store(url)
    try:
        created = amina.apply_edit([create_step(new_facility("Kianda water point"))], "amina",
                                   None)[0]
        seen_by_baraka = baraka.read_feature("facilities", created.uuid)
        amina.apply_edit([update_step(created, operator="county")], "amina", None)
        with pytest.raises(ConflictError) as refused:
            baraka.apply_edit([update_step(seen_by_baraka, operator="NGO")], "baraka", None)
        # Creating a uuid that exists is a conflict too, not a second row.
        with pytest.raises(ConflictError):
            baraka.apply_edit([create_step(created)], "baraka", None)
    finally:
        amina.close()
        baraka.close()
    error = refused.value
    assert error.stored is not None and error.attempted is not None
    assert (error.stored.version, error.stored.tags["operator"]) == (2, "county")
    assert error.attempted.tags["operator"] == "NGO" and error.attempted.version == 1
    assert "amina saved version 2" in str(error)
    stored = _sql(server, database, "SELECT version, tags->>'operator' FROM "
                  "project_kibera.facilities WHERE uuid = %s", (created.uuid,))
    assert stored == [(2, "county")]
    history = _sql(server, database, "SELECT contributor, version FROM "
                   "project_kibera.quartier_edit_history WHERE uuid = %s ORDER BY id",
                   (created.uuid,))
    assert history == [("amina", 1), ("amina", 2)]


_WORKER = textwrap.dedent("""
    import json, sys
    from mapping.store import ConflictError
    from mapping.store.postgis import open_postgis_store
    from tests.pg_server import create_step, new_facility, update_step

    url, edits, shared, me = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    store = open_postgis_store(url, timeout=30)
    own = store.apply_edit([create_step(new_facility("worker " + me))], me, None)[0]
    conflicts = 0
    for i in range(edits):
        own = store.apply_edit([update_step(own, step=str(i + 1))], me, None)[0]
        while True:
            seen = store.read_feature("facilities", shared)
            try:
                store.apply_edit([update_step(seen, count=str(int(seen.tags["count"]) + 1))],
                                 me, None)
                break
            except ConflictError:
                conflicts += 1
    print(json.dumps({"own": own.uuid, "conflicts": conflicts}))
""")


def _python(*args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-c", *args], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def test_ten_processes_editing_at_once_lose_and_duplicate_nothing(team):
    server, database, url = team
    clients, edits = 10, 10
    store = open_postgis_store(url)
    shared = store.apply_edit([create_step(new_facility("Shared counter"))], "setup", None)[0]
    store.apply_edit([update_step(shared, count="0")], "setup", None)
    before = store.last_edit()
    store.close()
    workers = [_python(_WORKER, url, str(edits), shared.uuid, f"w{i}") for i in range(clients)]
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=240)
        assert worker.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    # The shared feature: every increment landed once (no lost update), versions unbroken.
    (count, version), = _sql(server, database, "SELECT (tags->>'count')::int, version FROM "
                             "project_kibera.facilities WHERE uuid = %s", (shared.uuid,))
    assert count == clients * edits
    versions = [v for (v,) in _sql(server, database, "SELECT version FROM "
                                   "project_kibera.quartier_edit_history WHERE uuid = %s "
                                   "ORDER BY version", (shared.uuid,))]
    assert versions == list(range(1, clients * edits + 3)) and version == versions[-1]
    # Each worker's own feature: created then changed `edits` times, nothing twice.
    for result in results:
        rows = _sql(server, database, "SELECT version, tags->>'step' FROM "
                    "project_kibera.quartier_edit_history WHERE uuid = %s ORDER BY version",
                    (result["own"],))
        assert [r[0] for r in rows] == list(range(1, edits + 2))
        assert [r[1] for r in rows] == [None] + [str(i + 1) for i in range(edits)]
    # Edit numbers: one per edit, no gap, no repeat.
    numbers = [n for (n,) in _sql(server, database, "SELECT DISTINCT edit_id FROM "
                                  "project_kibera.quartier_edit_history WHERE edit_id > %s "
                                  "ORDER BY 1", (before,))]
    expected_edits = clients * (1 + 2 * edits)
    assert numbers == list(range(before + 1, before + expected_edits + 1))


_HELD = textwrap.dedent("""
    import sys, time
    from mapping.store import _pg_features
    from mapping.store.postgis import open_postgis_store
    from tests.pg_server import update_step

    url, uuid = sys.argv[1], sys.argv[2]
    store = open_postgis_store(url)
    seen = store.read_feature("facilities", uuid)
    real = _pg_features._last_version

    def held(*args):
        print("holding", flush=True)  # inside the edit's transaction: killed here
        time.sleep(600)
        return real(*args)

    _pg_features._last_version = held
    store.apply_edit([update_step(seen, operator="half-written")], "killed", None)
""")


def test_a_client_killed_in_the_middle_of_an_edit_leaves_nothing_half_written(team):
    server, database, url = team
    store = open_postgis_store(url, timeout=20)
    created = store.apply_edit([create_step(new_facility("Olympic clinic"))], "amina", None)[0]
    before = store.last_edit()
    client = _python(_HELD, url, created.uuid)
    try:
        assert client.stdout is not None
        assert client.stdout.readline().strip() == "holding", client.stderr
        os.kill(client.pid, signal.SIGKILL)
        client.wait(timeout=30)
        # The feature is free again at once (no lock left behind) and was never changed.
        again = store.apply_edit([update_step(created, operator="county")], "amina", None)[0]
    finally:
        if client.poll() is None:
            client.kill()
        store.close()
    assert again is not None and again.version == 2
    rows = _sql(server, database, "SELECT contributor, tags->>'operator' FROM "
                "project_kibera.quartier_edit_history WHERE uuid = %s ORDER BY id",
                (created.uuid,))
    assert rows == [("amina", None), ("amina", "county")]
    assert _sql(server, database, "SELECT last_edit_id FROM "
                "project_kibera.quartier_edit_counter") == [(before + 1,)]


@pytest.fixture(scope="module")
def members(team):
    """Logins for a viewer, a mapper and a facilitator (names unique to this run)."""
    server, database, url = team
    server_url = server.url(database)
    suffix = os.getpid()
    names = {role: f"{role}_{suffix}" for role in ("viewer", "mapper", "facilitator")}
    for role, user in names.items():
        add_member(server_url, user, role, f"secret-of-{user}")
    return {role: server.url(database, user=user, password=f"secret-of-{user}")
            for role, user in names.items()}


_INSERT = ("INSERT INTO project_kibera.facilities (uuid, preset, tags, version, review_status,"
           " geom) VALUES (%s, 'facility/clinic', '{}', 1, %s,"
           " ST_SetSRID(ST_MakePoint(36.79, -1.31), 4326))")


def test_a_viewers_write_is_refused_by_the_database(members, team):
    with psycopg.connect(members["viewer"]) as viewer:
        (count,) = viewer.execute("SELECT count(*) FROM project_kibera.buildings").fetchone()
        assert count > 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            viewer.execute(_INSERT, ("viewer-1", "draft"))
    with psycopg.connect(members["viewer"]) as viewer, pytest.raises(
            psycopg.errors.InsufficientPrivilege):
        viewer.execute("UPDATE project_kibera.facilities SET name = 'x'")
    store = open_postgis_store(f"{members['viewer']}?project=kibera")
    try:
        with pytest.raises(ServerPermissionError, match="lets you read this project"):
            store.apply_edit([create_step(new_facility("Viewer's clinic"))], "viewer", None)
    finally:
        store.close()


def test_a_mapper_adds_drafts_but_cannot_verify_or_touch_verified(members, team):
    server, database, _url = team
    with psycopg.connect(members["mapper"]) as mapper:
        mapper.execute(_INSERT, ("mapper-draft", "draft"))
        mapper.commit()
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            mapper.execute(_INSERT, ("mapper-verified", "verified"))
    with psycopg.connect(members["mapper"]) as mapper, pytest.raises(
            psycopg.errors.InsufficientPrivilege, match="row-level security"):
        mapper.execute("UPDATE project_kibera.facilities SET review_status = 'verified' "
                       "WHERE uuid = 'mapper-draft'")
    with psycopg.connect(members["mapper"]) as mapper, pytest.raises(
            psycopg.errors.InsufficientPrivilege):
        mapper.execute("UPDATE project_kibera.quartier_edit_history SET contributor = 'x'")
    # Through Quartier: the facilitator verifies, the mapper can then neither change it
    # nor verify a draft of their own.
    facilitator = open_postgis_store(f"{members['facilitator']}?project=kibera")
    mapper_store = open_postgis_store(f"{members['mapper']}?project=kibera")
    try:
        draft = mapper_store.apply_edit([create_step(new_facility("Draft clinic"))], "mapper",
                                        None)[0]
        checked = facilitator.apply_edit([create_step(new_facility("Checked clinic"))],
                                         "facilitator", None)[0]
        checked = facilitator.apply_edit([review_step(checked, "verified")], "facilitator",
                                         None)[0]
        with pytest.raises(ServerPermissionError, match="for a facilitator"):
            mapper_store.apply_edit([review_step(draft, "verified")], "mapper", None)
        with pytest.raises(ServerPermissionError, match="is verified"):
            mapper_store.apply_edit([update_step(checked, name="Renamed")], "mapper", None)
    finally:
        facilitator.close()
        mapper_store.close()
    with psycopg.connect(members["mapper"]) as mapper:
        touched = mapper.execute("UPDATE project_kibera.facilities SET name = 'x' WHERE uuid = "
                                 "%s", (checked.uuid,)).rowcount
        gone = mapper.execute("DELETE FROM project_kibera.facilities WHERE uuid = %s",
                              (checked.uuid,)).rowcount
    assert (touched, gone) == (0, 0)
    rows = _sql(server, database, "SELECT uuid, review_status, name FROM "
                "project_kibera.facilities WHERE uuid = ANY(%s) ORDER BY uuid",
                ([draft.uuid, checked.uuid, "mapper-draft", "mapper-verified"],))
    assert sorted(rows) == sorted([(draft.uuid, "draft", "Draft clinic"),
                                   (checked.uuid, "verified", "Checked clinic"),
                                   ("mapper-draft", "draft", None)])


def test_only_a_facilitator_publishes(members, kibera_project):
    with pytest.raises(ServerPermissionError, match="only a facilitator may publish"):
        publish(kibera_project, members["mapper"], "by-mapper")
    publish(kibera_project, members["facilitator"], "by-facilitator")


def test_others_edits_are_announced_and_listed_in_commit_order(team):
    _server, _database, url = team
    watcher, editor = open_postgis_store(url), open_postgis_store(url)
    try:
        cursor = watcher.last_edit()
        assert watcher.wait_for_edits(0.2) is False
        created = editor.apply_edit([create_step(new_facility("Announced clinic"))], "baraka",
                                    None)[0]
        editor.apply_edit([update_step(created, operator="NGO")], "baraka", None)
        assert watcher.wait_for_edits(10) is True
        cursor, changes = watcher.changes_since(cursor)
        assert [(c.uuid, c.version, c.contributor) for c in changes] == [
            (created.uuid, 1, "baraka"), (created.uuid, 2, "baraka")]
        assert watcher.changes_since(cursor) == (cursor, [])
    finally:
        watcher.close()
        editor.close()
