"""How fast, and how big, are exports of a big project: Quartier against geopandas.

Run from the repository root::

    .venv/bin/python benchmarks/bench_export.py [--sizes 16] [--formats geojson,gpkg,pdf,png]

The project is the Helsinki centre extract tiled N times (``tile_osm.py``) made
into a project by ``quartier new`` (cached in ``benchmarks/_work``). For each
format, each contender runs in a fresh Python process:

* ``quartier export PROJECT --to OUT`` (the command line, ``desktop.cli.main``):
  every vector layer to GeoJSON and to GeoPackage, and the printed overview map
  on A3 landscape (``--paper A3``) as PDF and PNG;
* geopandas beside them: ``read_file`` (pyogrio) of the same layers from the
  project, then ``to_crs("EPSG:4326").to_file`` to one GeoJSON per layer, or to
  one GeoPackage; there is no geopandas equivalent of the printed map
  (matplotlib, which would draw one, is not installed with Quartier).

``seconds`` is the work timed inside the child after its imports; ``peak MB`` is
the child's ``ru_maxrss``; ``output MB`` adds up every file written; features are
counted in the files written, after the clock stops. A run that takes under
``--repeat-under`` seconds runs ``--repeat`` times and the fastest is shown (other
programs only ever slow a run down) with the largest peak memory seen.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import tile_osm  # noqa: E402

PYTHON = sys.executable
WORK = tile_osm.WORK_DIR
OUT = WORK / "export_out"
#: Format -> contenders, in table order. A contender: (key, label, runner, output suffix,
#: extra command-line arguments).
Contender = tuple[str, str, str, str, tuple[str, ...]]
PLAN: dict[str, list[Contender]] = {
    "geojson": [("quartier", "quartier export", "quartier_cli", ".geojson", ()),
                ("geopandas", "geopandas read_file + to_file", "geopandas", ".geojson", ())],
    "gpkg": [("quartier", "quartier export", "quartier_cli", ".gpkg", ()),
             ("geopandas", "geopandas read_file + to_file", "geopandas", ".gpkg", ())],
    "pdf": [("quartier", "quartier export --paper A3 (overview, 300 dpi images)",
             "quartier_cli", ".pdf", ("--paper", "A3"))],
    "png": [("quartier", "quartier export --paper A3 (overview, 200 dpi)", "quartier_cli",
             ".png", ("--paper", "A3"))],
}
FORMAT_NAMES = {"geojson": "GeoJSON", "gpkg": "GeoPackage", "pdf": "PDF", "png": "PNG"}


@dataclass
class Run:
    """One contender exporting one format of one project."""

    #: Format key (see ``PLAN``).
    format: str
    #: Contender key within the format.
    contender: str
    #: Label in the table.
    label: str
    #: Copies of the Helsinki extract in the project.
    size: int
    #: Work time inside the child, after its imports.
    seconds: float | None = None
    #: Of which reading the layers (geopandas only).
    read_seconds: float | None = None
    #: Peak resident memory of the child, MB.
    peak_mb: float | None = None
    #: Every file written, MB.
    output_mb: float | None = None
    #: Features in the files written (None for a picture).
    features: int | None = None
    #: Files written.
    files: int = 0
    #: Attribute columns over all layers written (geometry not counted).
    columns: int | None = None
    #: Layer names found in the output.
    layers: tuple[str, ...] = ()
    #: "ok", "failed" or "timeout".
    status: str = "ok"
    note: str = ""


# --------------------------------------------------------------------------- children


def _vector_outputs(folder: Path) -> tuple[int, int, list[str]]:
    """Features, attribute columns and layer names of the vector files in ``folder``."""
    import pyogrio

    features = columns = 0
    names = []
    for path in sorted(folder.iterdir()):
        for layer, _geometry in pyogrio.list_layers(path):
            info = pyogrio.read_info(path, layer=layer, force_feature_count=True)
            features += int(info["features"])
            columns += len(info["fields"])
            # One GeoJSON file per layer is named out_<layer>.geojson.
            several = path.suffix == ".geojson" and "_" in path.stem
            names.append(path.stem.split("_", 1)[1] if several else str(layer))
    return features, columns, names


def _child_quartier_cli(project: Path, out: Path, options: dict) -> dict:
    import io

    import mapping.export  # noqa: F401  (imported before the clock starts, like geopandas)
    import mapping.export.geojson  # noqa: F401
    import mapping.export.tables  # noqa: F401
    from desktop import cli

    printed = out.suffix in (".pdf", ".png")
    if printed:
        import mapping.export.printing  # noqa: F401
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(["export", str(project), "--to", str(out), *options["cli"]])
    seconds = time.perf_counter() - start
    if code:
        raise SystemExit(f"quartier export exited with {code}")
    if printed:
        return dict(seconds=seconds)
    features, columns, names = _vector_outputs(out.parent)
    return dict(seconds=seconds, features=features, columns=columns, layers=names)


def _child_geopandas(project: Path, out: Path, options: dict) -> dict:
    import geopandas as gpd

    layers = options["layers"]
    start = time.perf_counter()
    frames = {name: gpd.read_file(project, layer=name, engine="pyogrio") for name in layers}
    read_seconds = time.perf_counter() - start
    for name, frame in frames.items():
        # RFC 7946 wants WGS84 longitude/latitude (the layers are stored so: a no-op here).
        frame = frame.to_crs("EPSG:4326")
        if out.suffix == ".geojson":
            frame.to_file(out.with_name(f"{out.stem}_{name}.geojson"), driver="GeoJSON",
                          engine="pyogrio")
        else:
            frame.to_file(out, layer=name, driver="GPKG", engine="pyogrio")
    seconds = time.perf_counter() - start
    features, columns, names = _vector_outputs(out.parent)
    return dict(seconds=seconds, read_seconds=read_seconds, features=features, columns=columns,
                layers=names)


def child_main(runner: str, project: Path, out: Path, options: str, result: Path) -> int:
    """Run one contender and write what it measured to ``result`` (JSON).

    ``options`` is JSON: ``layers`` (for geopandas) and ``cli`` (extra arguments).
    """
    outcome = globals()[f"_child_{runner}"](project, out, json.loads(options))
    result.write_text(json.dumps(outcome))
    return 0


# --------------------------------------------------------------------------- parent


def ensure_project(size: int) -> Path:
    """The Helsinki project tiled ``size`` times, made by ``quartier new`` once and cached."""
    path = WORK / f"helsinki_x{size}.gpkg"
    if path.exists():
        return path
    tiled = tile_osm.ensure_tiled(size, ".osm.pbf")
    partial = path.with_name(f".partial-{os.getpid()}-{path.name}")
    print(f"Making {path.name} from {tiled.name} ...", file=sys.stderr, flush=True)
    subprocess.run([PYTHON, "-m", "desktop.cli", "new", str(partial), "--osm", str(tiled),
                    "--name", f"helsinki x{size}", "--force"],
                   check=True, stdout=subprocess.DEVNULL, cwd=HERE.parent)
    os.replace(partial, path)
    return path


def exported_layers(project: Path) -> list[str]:
    """The layers ``quartier export`` writes by default: vector, not the street graph, not empty."""
    import pyogrio

    from mapping.project import Project

    vector = {str(name) for name, _geometry in pyogrio.list_layers(project)}
    return [layer.name for layer in Project(project).layers()
            if layer.name in vector and layer.kind != "street_graph" and layer.count > 0]


def run_one(fmt: str, contender: Contender, size: int, project: Path, layers: list[str],
            timeout: float) -> Run:
    """Run one contender once, in a fresh process, killed past ``timeout`` seconds."""
    key, label, runner, suffix, cli_args = contender
    run = Run(format=fmt, contender=key, label=label, size=size)
    folder = OUT / f"{fmt}_{key}_x{size}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    result = WORK / f"export-result-{os.getpid()}.json"
    result.unlink(missing_ok=True)
    log = WORK / f"export_{fmt}_{key}_x{size}.log"
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "QT_QPA_PLATFORM": "offscreen"}
    with log.open("w") as log_file:
        process = subprocess.Popen(
            [PYTHON, __file__, "--child", runner, str(project), str(folder / f"out{suffix}"),
             json.dumps({"layers": layers, "cli": list(cli_args)}), str(result)],
            stdout=log_file, stderr=subprocess.STDOUT, env=env, cwd=HERE.parent)
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            with contextlib.suppress(OSError):
                os.kill(process.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        # os.wait4, not Popen.wait: it also gives this child's own peak memory.
        _pid, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
    run.peak_mb = usage.ru_maxrss / 1024
    if timed_out.is_set():
        run.status, run.note = "timeout", f"killed after {timeout:.0f} s"
    elif process.returncode != 0 or not result.exists():
        lines = [line for line in log.read_text().splitlines() if line.strip()]
        run.status = "failed"
        run.note = "fails: " + (lines[-1] if lines else f"exit code {process.returncode}")
    else:
        outcome = json.loads(result.read_text())
        result.unlink()
        run.seconds = outcome["seconds"]
        run.read_seconds = outcome.get("read_seconds")
        run.features = outcome.get("features")
        run.columns = outcome.get("columns")
        run.layers = tuple(outcome.get("layers", ()))
        written = [p for p in folder.iterdir() if p.is_file()]
        run.files = len(written)
        run.output_mb = sum(p.stat().st_size for p in written) / 1e6
    return run


def best_of(runs: list[Run]) -> Run:
    """The fastest run that worked, with the largest peak memory of them all."""
    done = sorted((r for r in runs if r.status == "ok"), key=lambda r: r.seconds or 0.0)
    if not done:
        return runs[-1]
    chosen = done[0]
    chosen.peak_mb = max(r.peak_mb or 0.0 for r in runs)
    if len(runs) > 1:
        chosen.note = (f"fastest of {len(runs)} (slowest {done[-1].seconds:.2f} s)"
                       + (f"; {chosen.note}" if chosen.note else ""))
    return chosen


def _notes(run: Run, layers: list[str]) -> str:
    parts = []
    if run.status != "ok":
        return run.note
    if run.read_seconds is not None:
        parts.append(f"read {run.read_seconds:.2f} s")
    if run.columns is not None:
        parts.append(f"{run.files} file{'s' * (run.files > 1)}, {run.columns:,} columns")
    if run.layers and sorted(run.layers) != sorted(layers):
        parts.append("layers differ: " + ", ".join(run.layers))
    if run.note:
        parts.append(run.note)
    return "; ".join(parts)


def _fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def markdown_table(runs: list[Run], layers: dict[int, list[str]]) -> str:
    """The runs as a markdown table."""
    lines = ["| size | format | contender | seconds | peak MB | output MB | features | notes |",
             "|---|---|---|---:|---:|---:|---:|---|"]
    for run in runs:
        features = "–" if run.features is None else f"{run.features:,}"
        lines.append(f"| {run.size}x | {FORMAT_NAMES[run.format]} | {run.label} "
                     f"| {_fmt(run.seconds, 2)} | {_fmt(run.peak_mb, 0)} "
                     f"| {_fmt(run.output_mb)} | {features} | {_notes(run, layers[run.size])} |")
    return "\n".join(lines)


def verdicts(runs: list[Run], size: int) -> list[str]:
    """One line per format: how Quartier compares."""
    lines = []
    for fmt in PLAN:
        mine = {r.contender: r for r in runs if r.size == size and r.format == fmt}
        if not mine:
            continue
        quartier = mine.get("quartier")
        other = mine.get("geopandas")
        name = f"{size}x {FORMAT_NAMES[fmt]}"
        if quartier is None or quartier.status != "ok" or quartier.seconds is None:
            lines.append(f"- {name}: Quartier's export did not finish.")
        elif other is None:
            lines.append(f"- {name}: {quartier.label} in {quartier.seconds:.2f} s, "
                         f"{quartier.output_mb:.1f} MB; no geopandas equivalent (matplotlib, "
                         "which would draw one, is not installed with Quartier).")
        elif other.status != "ok" or not other.seconds or not other.output_mb:
            lines.append(f"- {name}: Quartier {quartier.seconds:.2f} s; geopandas failed.")
        else:
            ratio = quartier.seconds / other.seconds
            speed = (f"{ratio:.1f}x slower than" if ratio >= 1
                     else f"{1 / ratio:.1f}x faster than")
            size_ratio = (quartier.output_mb or 0.0) / other.output_mb
            lines.append(f"- {name}: Quartier {quartier.seconds:.2f} s, {speed} geopandas "
                         f"({other.seconds:.2f} s); its output is {size_ratio:.2f}x the size "
                         f"({quartier.output_mb:.1f} MB against {other.output_mb:.1f} MB).")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table and the verdicts."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="16", help="copies of the extract (e.g. 1,16)")
    parser.add_argument("--formats", default=",".join(PLAN),
                        help=f"formats to export (from {', '.join(PLAN)})")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per run")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per contender when one run is quick; the fastest is shown")
    parser.add_argument("--repeat-under", type=float, default=30,
                        help="repeat a contender only if its first run took less (seconds)")
    parser.add_argument("--json", type=Path, default=WORK / "export_results.json",
                        help="also save the runs here")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    formats = [f.strip().lstrip(".") for f in args.formats.split(",")]
    unknown = set(formats) - set(PLAN)
    if unknown:
        parser.error(f"unknown format(s) {', '.join(sorted(unknown))}; choose from "
                     f"{', '.join(PLAN)}")
    WORK.mkdir(parents=True, exist_ok=True)

    runs: list[Run] = []
    layers: dict[int, list[str]] = {}
    began = time.perf_counter()
    for size in sizes:
        project = ensure_project(size)
        layers[size] = exported_layers(project)
        for fmt in formats:
            for contender in PLAN[fmt]:
                tries: list[Run] = []
                while len(tries) < args.repeat:
                    print(f"[{time.perf_counter() - began:6.0f} s] {size}x {fmt} {contender[0]}"
                          " ...", file=sys.stderr, flush=True)
                    run = run_one(fmt, contender, size, project, layers[size], args.timeout)
                    print(f"         {run.status}: {_fmt(run.seconds, 2)} s, "
                          f"{_fmt(run.peak_mb, 0)} MB", file=sys.stderr, flush=True)
                    tries.append(run)
                    if run.status != "ok" or (run.seconds or 0.0) > args.repeat_under:
                        break
                runs.append(best_of(tries))

    print(markdown_table(runs, layers))
    print()
    for size in sizes:
        print(f"{size}x: the same {len(layers[size])} layers for both contenders: "
              f"{', '.join(layers[size])}.")
        print("\n".join(verdicts(runs, size)))
        print()
    print(f"Total time: {(time.perf_counter() - began) / 60:.1f} min", file=sys.stderr)
    args.json.write_text(json.dumps({"layers": layers, "runs": [vars(r) for r in runs]},
                                    indent=1))
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 7 and sys.argv[1] == "--child":
        sys.exit(child_main(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]), sys.argv[5],
                            Path(sys.argv[6])))
    sys.exit(main())
