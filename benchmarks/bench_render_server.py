"""The map redraw with a PostGIS team server as the source, beside the same project file.

Run from the repository root::

    .venv/bin/python benchmarks/bench_render_server.py

The 16x Helsinki project (``bench_render.py`` builds it) is published to a throwaway
PostgreSQL 15 + PostGIS cluster (``tests/pg_server.py``: its own folder and port on
127.0.0.1, removed at the end), then ``bench_render.run_case`` measures it twice in
this one process, with the same views and redraw script at 1920 x 1080: once opened
from ``postgresql://...?project=helsinki`` and once from the file. The first frame is
where the source shows (the renderer reads each layer once, through the store's Arrow
stream); the redraws after it draw from what was read.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import bench_render  # noqa: E402

from tests.pg_server import ThrowawayServer  # noqa: E402


def main() -> int:
    from mapping.store.postgis import init_server, publish

    path = bench_render.build_helsinki_x16()
    load_start = os.getloadavg()
    with ThrowawayServer() as server:
        database = server.create_database()
        url = server.url(database)
        init_server(url)
        publish(path, url, "helsinki")
        bench_render.BUILDERS["helsinki_x16 (server)"] = lambda: f"{url}?project=helsinki"
        results = [bench_render.run_case("helsinki_x16 (server)"),
                   bench_render.run_case("helsinki_x16")]
    load_end = os.getloadavg()
    print(f"load average {load_start[0]:.2f} at start, {load_end[0]:.2f} at end "
          "(peak MB is the process's, both cases in one process)")
    print(bench_render.table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
