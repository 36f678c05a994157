"""How long the window takes to paint its first map, from the moment the process starts.

Each run is a fresh ``quartier open PROJECT --timings`` process on a virtual screen
(``QT_QPA_PLATFORM=offscreen``) with its own settings folder, quitting once the first
map is painted (``QUARTIER_QUIT_WHEN_DRAWN=1``). The app prints when its imports were
done, its window painted, the project read and the first map painted, in seconds since
the process started (the kernel's start time: the interpreter's own start counts) and
in CPU seconds of the process by then (steadier on a busy machine), and which heavy
libraries were loaded at the first map.

Contenders, in one run, alternating so that a change in the machine's load hits both:

* ``quartier`` of this tree, the command itself (``.venv/bin/quartier``);
* the same app at an earlier commit (``--baseline``, default: the commit before the
  imports were made lazy), unpacked with ``git archive`` into ``benchmarks/_work``. A
  commit whose ``quartier open`` has ``--timings`` already is started as that command
  (its ``desktop.cli.main``, as the installed script calls it) with its own files; an
  older one gets this tree's ``desktop/app.py`` (which only adds the timings) and is
  started through it.

Inputs: the Kibera sample's project (``benchmarks/_work/kibera.gpkg``, built once, as
``bench_render.py`` builds it).

Both contenders start with their modules compiled (``.pyc`` files kept in
``benchmarks/_work/pycache``, written by the unmeasured first start of each), as an
installed Quartier starts; ``PYTHONDONTWRITEBYTECODE`` is ignored for these runs.

Run ``.venv/bin/python benchmarks/bench_start.py [--runs 5] [--baseline REV]``.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "_work"
DATA = ROOT.parent / "shared" / "data"
#: The last commit before the start was made lazier (networkx, rasterio, scipy at import).
DEFAULT_BASELINE = "7d9f08b"
#: Where the contenders' compiled modules are kept (not beside the sources).
PYCACHE = WORK / "pycache"
MARKS = ("imports done", "window painted", "project read", "first map painted")
_LINE = re.compile(r"^\s+(?P<name>[a-z ]+?)\s+(?P<wall>[\d.]+) s\s+CPU\s+(?P<cpu>[\d.]+) s$")


def kibera_project() -> Path:
    """The Kibera sample's project, built once."""
    path = WORK / "kibera.gpkg"
    if not path.exists():
        subprocess.run([str(ROOT / ".venv" / "bin" / "quartier"), "new", str(path), "--osm",
                        str(DATA / "osm" / "kibera.osm")], check=True,
                       stdout=subprocess.DEVNULL)
    return path


def has_timings(tree: Path) -> bool:
    """Whether ``quartier open`` in ``tree`` takes ``--timings`` and prints them itself."""
    app, cli = tree / "desktop" / "app.py", tree / "desktop" / "cli.py"
    return (app.exists() and "class StartTimings" in app.read_text(encoding="utf-8")
            and cli.exists() and '"--timings"' in cli.read_text(encoding="utf-8"))


def baseline_tree(revision: str) -> Path:
    """The app at ``revision``, unpacked beside the inputs (with this tree's timings if it
    has none of its own)."""
    commit = subprocess.run(["git", "rev-parse", "--short", revision], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout.strip()
    tree = WORK / f"start_{commit}"
    if not tree.exists():
        partial = WORK / f".start_{commit}.partial"
        partial.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", commit], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(partial)], input=archive, check=True)
        if not has_timings(partial):
            (partial / "desktop" / "app.py").write_bytes(
                (ROOT / "desktop" / "app.py").read_bytes())
        partial.rename(tree)
    return tree


def launch(command: list[str], cwd: Path) -> dict:
    """One start; returns {mark: (wall s, CPU s)} and the heavy modules loaded."""
    with tempfile.TemporaryDirectory() as settings:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QUARTIER_SETTINGS_DIR": settings,
               "QUARTIER_PROJECTS_DIR": settings, "QUARTIER_QUIT_WHEN_DRAWN": "1",
               "PYTHONPYCACHEPREFIX": str(PYCACHE)}
        # Compiled modules are kept, as an installed Quartier keeps them: without them each
        # start compiles every module changed since its .pyc (half a second here).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                              timeout=300)
    marks: dict[str, tuple[float, float]] = {}
    heavy = "?"
    for line in done.stderr.splitlines():
        found = _LINE.match(line)
        if found:
            marks[found["name"]] = (float(found["wall"]), float(found["cpu"]))
        elif "heavy modules loaded:" in line:
            heavy = line.split(":", 1)[1].strip()
    if "first map painted" not in marks:
        raise RuntimeError(f"{' '.join(command)} printed no timings (exit code "
                           f"{done.returncode}):\n{done.stderr[-2000:]}")
    return {"marks": marks, "heavy": heavy}


def contenders(project: Path, baseline: Path) -> dict[str, tuple[list[str], Path]]:
    """Name -> (command, folder it runs in)."""
    python = str(ROOT / ".venv" / "bin" / "python")
    if has_timings(baseline):
        # What the installed command runs, with the earlier tree's files.
        earlier = [python, "-c", "import sys; from desktop.cli import main; "
                   f"sys.exit(main(['open', {str(project)!r}, '--timings']))"]
    else:
        # Started the way its own command would, minus the option parsing it did not
        # have: its desktop.cli is imported, then the window opened with timings.
        earlier = [python, "-c", "import sys; import desktop.cli; from desktop.app import run; "
                   f"sys.exit(run(project={str(project)!r}, timings=True))"]
    return {"quartier open --timings (this tree)":
            ([str(ROOT / ".venv" / "bin" / "quartier"), "open", str(project), "--timings"],
             ROOT),
            f"the same at {baseline.name.removeprefix('start_')}":
            (earlier, baseline)}


def main(argv: list[str] | None = None) -> int:
    """Start each contender ``--runs`` times, alternating; print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="the earlier commit")
    args = parser.parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    project = kibera_project()
    runs: dict[str, list[dict]] = {}
    chosen = contenders(project, baseline_tree(args.baseline))
    for name, (command, cwd) in chosen.items():
        launch(command, cwd)  # warm the file cache; not counted
        runs[name] = []
    before = os.getloadavg()
    for _ in range(args.runs):
        for name, (command, cwd) in chosen.items():
            runs[name].append(launch(command, cwd))
    after = os.getloadavg()
    print("| contender | " + " | ".join(f"{m} s (CPU s)" for m in MARKS)
          + " | heavy modules loaded at the first map |")
    print("|---|" + "---|" * (len(MARKS) + 1))
    for name, results in runs.items():
        cells = []
        for mark in MARKS:
            wall = statistics.median(r["marks"][mark][0] for r in results)
            cpu = statistics.median(r["marks"][mark][1] for r in results)
            cells.append(f"{wall:.2f} ({cpu:.2f})")
        print(f"| {name} | " + " | ".join(cells) + f" | {results[-1]['heavy']} |")
    print(f"\nmedians of {args.runs} runs each; load average before "
          f"{', '.join(f'{v:.2f}' for v in before)}, after {', '.join(f'{v:.2f}' for v in after)}"
          " (2 cores, shared)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
