"""Many people editing one team-server project at once: throughput, nothing lost.

Run from the repository root::

    .venv/bin/python benchmarks/bench_team_edits.py [--clients 10] [--edits 200]

A throwaway PostgreSQL 15 + PostGIS cluster is started for the run
(``tests/pg_server.py``) and the Kibera sample is published to it. Then ``--clients``
separate processes, released together, each make ``--edits`` edits through the PostGIS
store (``apply_edit``: one transaction per edit with its history row): a tenth of them
add a facility, the rest change one of the client's facilities (a tag, so its version
rises). Every ``--shared-every`` edits a client also increments a counter tag on one
facility all clients share, reading it again and retrying when told of a conflict (the
hot spot: optimistic locking at work).

Afterwards the server is counted with plain SQL: history rows, versions per feature
(no gap, no repeat), the shared counter (no lost increment), edit numbers (one per
edit). Throughput is edits committed per second of wall clock from the release to the
last client's end.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT)]

from tests.pg_server import ThrowawayServer  # noqa: E402

_CLIENT = textwrap.dedent("""
    import json, os, sys, time
    from mapping.store import ConflictError
    from mapping.store.postgis import open_postgis_store
    from tests.pg_server import create_step, new_facility, update_step

    url, edits, shared, me, go, shared_every = sys.argv[1:7]
    edits, shared_every = int(edits), int(shared_every)
    store = open_postgis_store(url, timeout=60)
    while not os.path.exists(go):
        time.sleep(0.005)
    mine, conflicts, made, started = [], 0, 0, time.perf_counter()
    while made < edits:
        if made % 10 == 0:
            mine.append(store.apply_edit([create_step(new_facility(me + str(made)))], me,
                                         None)[0])
        else:
            index = made % len(mine)
            mine[index] = store.apply_edit([update_step(mine[index], note=str(made))], me,
                                           None)[0]
        made += 1
        if shared_every and made % shared_every == 0 and made < edits:
            while True:
                seen = store.read_feature("facilities", shared)
                try:
                    store.apply_edit([update_step(seen, count=str(int(seen.tags["count"]) + 1))],
                                     me, None)
                    break
                except ConflictError:
                    conflicts += 1
            made += 1
    print(json.dumps({"conflicts": conflicts, "seconds": time.perf_counter() - started}))
""")


def _shared_edits(edits: int, every: int) -> int:
    """How many of a client's edits go to the shared feature (the client's own loop)."""
    made = shared = 0
    while made < edits:
        made += 1
        if every and made % every == 0 and made < edits:
            shared += 1
            made += 1
    return shared


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--shared-every", type=int, default=20)
    args = parser.parse_args()
    from mapping.build import project_from_extract
    from mapping.store.postgis import init_server, open_postgis_store, publish
    from tests.pg_server import create_step, new_facility, update_step

    load_start = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder, ThrowawayServer() as server:
        project = Path(folder) / "kibera.gpkg"
        project_from_extract(project, ROOT.parent / "shared" / "data" / "osm" / "kibera.osm")
        database = server.create_database()
        url = server.url(database)
        init_server(url)
        publish(project, url, "kibera")
        store = open_postgis_store(f"{url}?project=kibera")
        shared = store.apply_edit([create_step(new_facility("shared"))], "setup", None)[0]
        store.apply_edit([update_step(shared, count="0")], "setup", None)
        before = store.last_edit()
        store.close()
        go = Path(folder) / "go"
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        clients = [subprocess.Popen(
            [sys.executable, "-c", _CLIENT, f"{url}?project=kibera", str(args.edits),
             shared.uuid, f"c{i}", str(go), str(args.shared_every)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for i in range(args.clients)]
        time.sleep(3 + 0.5 * args.clients)  # every client imported and connected
        start = time.perf_counter()
        go.touch()
        results = []
        for client in clients:
            out, err = client.communicate()
            if client.returncode != 0:
                raise SystemExit(f"a client failed: {err.strip()[-800:]}")
            results.append(json.loads(out.strip().splitlines()[-1]))
        wall = time.perf_counter() - start

        def one(query: str) -> str:
            return server.psql(query, database=database)

        history = "project_kibera.quartier_edit_history"
        rows = int(one(f"SELECT count(*) FROM {history} WHERE edit_id > {before}"))
        repeats = int(one(f"SELECT count(*) FROM (SELECT uuid, version FROM {history} "
                          "GROUP BY 1, 2 HAVING count(*) > 1) x"))
        gaps = int(one(f"SELECT count(*) FROM (SELECT uuid, max(version) - count(*) AS gap "
                       f"FROM {history} GROUP BY uuid) x WHERE gap <> 0"))
        stale = int(one("SELECT count(*) FROM project_kibera.facilities f JOIN (SELECT uuid, "
                        f"max(version) AS v FROM {history} GROUP BY uuid) h USING (uuid) "
                        "WHERE f.version <> h.v"))
        edits = int(one(f"SELECT count(DISTINCT edit_id) FROM {history} "
                        f"WHERE edit_id > {before}"))
        counter = int(one("SELECT tags->>'count' FROM project_kibera.facilities WHERE uuid = "
                          f"'{shared.uuid}'"))
    load_end = os.getloadavg()
    expected = args.clients * args.edits
    shared_expected = args.clients * _shared_edits(args.edits, args.shared_every)
    conflicts = sum(r["conflicts"] for r in results)
    print(f"{args.clients} clients x {args.edits} edits on one PostGIS project (127.0.0.1), "
          f"load average {load_start[0]:.2f} at start, {load_end[0]:.2f} at end")
    print()
    print("| edits made | history rows | edits numbered | repeated versions | version gaps |"
          " shared counter | conflicts retried | seconds | edits / s |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {expected:,} | {rows:,} | {edits:,} | {repeats} | {gaps + stale} | "
          f"{counter} of {shared_expected} | {conflicts} | {wall:.1f} | {rows / wall:.0f} |")
    ok = rows == edits == expected and repeats == gaps == stale == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
