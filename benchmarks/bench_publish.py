"""How fast is publishing a project to a PostGIS team server: Quartier against ogr2ogr.

Run from the repository root::

    .venv/bin/python benchmarks/bench_publish.py [--size 16] [--repeat 3]

The project is the Helsinki centre extract tiled N times (``tile_osm.py``) made into a
project by ``quartier new`` (cached in ``benchmarks/_work``, as ``bench_export.py``
makes it). A throwaway PostgreSQL 15 + PostGIS cluster is started for the run
(``tests/pg_server.py``: its own folder and port on 127.0.0.1) and removed at the end.
Both contenders talk to it over TCP on 127.0.0.1, with the password in ``PGPASSWORD``,
each as a command in a fresh process, timed on the wall clock from start to exit:

* ``quartier server publish PROJECT URL --name NAME``: every layer, the participatory
  features, history, sessions, metadata and registry, GiST indexes, roles and row
  rules, in one transaction;
* ``ogr2ogr -f PostgreSQL PG:... PROJECT -lco SCHEMA=...``: every table of the same
  GeoPackage (GDAL's ``COPY`` path and GiST indexes, its defaults).

Runs alternate between the two and the fastest of ``--repeat`` is shown (other
programs only ever slow a run down). After the runs the row count of every table is
compared between the two schemas, so both did the same work.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import bench_export  # noqa: E402

from tests.pg_server import SUPERUSER_PASSWORD, ThrowawayServer  # noqa: E402

QUARTIER = [sys.executable, "-m", "desktop.cli"]


def _timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=HERE.parent, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{command[0]} failed: {done.stderr.strip()[-800:]}")
    return elapsed


def _counts(server: ThrowawayServer, database: str, schema: str) -> dict[str, int]:
    tables = server.psql(f"SELECT tablename FROM pg_tables WHERE schemaname = '{schema}'",
                         database=database).split()
    return {t: int(server.psql(f'SELECT count(*) FROM "{schema}"."{t}"', database=database))
            for t in tables}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    project = bench_export.ensure_project(args.size)
    megabytes = project.stat().st_size / 1e6
    load_start = os.getloadavg()
    with ThrowawayServer() as server:
        database = server.create_database()
        url = f"postgresql://postgres@127.0.0.1:{server.port}/{database}"
        env = {**os.environ, "PGPASSWORD": SUPERUSER_PASSWORD, "PYTHONPATH": str(HERE.parent)}
        subprocess.run([*QUARTIER, "server", "init", url], env=env, check=True,
                       cwd=HERE.parent, stdout=subprocess.DEVNULL)
        pg = (f"PG:host=127.0.0.1 port={server.port} dbname={database} user=postgres")
        times: dict[str, list[float]] = {"quartier": [], "ogr2ogr": []}
        for run in range(args.repeat):
            server.psql("DROP SCHEMA IF EXISTS ogr CASCADE; CREATE SCHEMA ogr",
                        database=database)
            times["ogr2ogr"].append(_timed(
                ["ogr2ogr", "-f", "PostgreSQL", pg, str(project), "-lco", "SCHEMA=ogr"], env))
            name = f"helsinki{run}"
            times["quartier"].append(_timed(
                [*QUARTIER, "server", "publish", str(project), url, "--name", name], env))
        ours = _counts(server, database, f"project_helsinki{args.repeat - 1}")
        theirs = _counts(server, database, "ogr")
    load_end = os.getloadavg()
    shared = sorted(set(ours) & set(theirs))
    mismatched = [t for t in shared if ours[t] != theirs[t]]
    best = {key: min(values) for key, values in times.items()}
    rows = sum(theirs[t] for t in shared)
    print(f"Publishing helsinki_x{args.size}.gpkg ({megabytes:.0f} MB, {rows:,} rows in "
          f"{len(shared)} tables) to PostGIS 3.3 / PostgreSQL 15 on 127.0.0.1")
    print(f"load average at start {load_start[0]:.2f}, at end {load_end[0]:.2f}; "
          f"best of {args.repeat}, wall clock per command")
    print()
    print("| contender | seconds | runs | vs ogr2ogr |")
    print("|---|---:|---|---:|")
    for key, label in (("quartier", "quartier server publish"),
                       ("ogr2ogr", "ogr2ogr -f PostgreSQL")):
        runs = ", ".join(f"{t:.2f}" for t in times[key])
        print(f"| {label} | {best[key]:.2f} | {runs} | {best[key] / best['ogr2ogr']:.2f}x |")
    print()
    print("row counts equal in every table both wrote: "
          + ("yes" if not mismatched else f"NO: {mismatched}"))
    return 0 if not mismatched else 1


if __name__ == "__main__":
    sys.exit(main())
