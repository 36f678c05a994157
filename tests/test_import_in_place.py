"""Layer imports write inside the project file in one SQLite transaction: nothing an editor
reported saved is ever lost, whoever writes at the same moment.

An import writes its layer with GDAL into a separate temporary GeoPackage, then copies it
into the project in one ``BEGIN IMMEDIATE`` transaction (:mod:`mapping.store._gpkg_copy`). These
tests run real processes: one editing through ``EditSession``, one running
``quartier layer add`` / ``quartier hazard add`` on the same file.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pyogrio
import pytest
import rasterio
import shapely
from shapely.geometry import Point

from layers.errors import ProjectError
from mapping import hazard_store
from mapping.editing import EditSession
from mapping.project import Project, ProjectMetadata, create_project
from mapping.store import _gpkg as gpkg

REPO = Path(__file__).resolve().parents[1]
QUARTIER = REPO / ".venv" / "bin" / "quartier"
DATA = Path(os.environ.get("QUARTIER_SHARED_DATA", REPO.parent / "shared" / "data"))
KIANDA = DATA / "kibera" / "kianda_structures_and_population_dataset.shp"
VILLAGES = DATA / "kibera" / "villages.shp"
FLOOD_DEPTH = DATA / "jakarta" / "flood_depth.tif"
JAKARTA_BUILDINGS = DATA / "jakarta" / "buildings.gpkg"
#: Child processes import this checkout's code.
ENV = {**os.environ, "PYTHONPATH": str(REPO)}

#: The editor: adds facilities as fast as it can until told to stop, writing the uuid of
#: each one *once add_feature has returned* (reported saved) to a file; edits refused
#: ("the project is busy") are counted on stderr, never reported saved.
EDITOR = r"""
import os, sys
from shapely.geometry import Point
from layers.errors import ProjectError
from mapping.editing import EditSession

path, saved_path, stop_path = sys.argv[1:4]
x0, y0 = (float(v) for v in sys.argv[4:6]) if len(sys.argv) > 4 else (36.78, -1.31)
session = EditSession(path, "Editor", "two-process")
i = 0
with open(saved_path, "a") as saved:
    while not os.path.exists(stop_path):
        x, y = x0 + (i % 97) * 1e-4, y0 + (i // 97) * 1e-4
        try:
            uuid = session.add_feature("facilities", Point(x, y), "facility/school",
                                       {"name": f"Shule {i}", "capacity": str(i)})
        except ProjectError as error:
            print("refused:", error, file=sys.stderr, flush=True)
        else:
            saved.write(uuid + "\n")
            saved.flush()
        i += 1
session.close()
"""


@pytest.fixture()
def project(kibera_project: Path, tmp_path: Path) -> Path:
    path = tmp_path / "kibera.gpkg"
    shutil.copy(kibera_project, path)
    return path


def quartier(*args: str | Path, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(QUARTIER), *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, env=ENV, timeout=timeout)


def lines_of(path: Path) -> list[str]:
    return path.read_text().split() if path.exists() else []


def wait_for_lines(path: Path, count: int, editor: subprocess.Popen) -> None:
    """Wait until the editor has reported ``count`` saved edits (it must stay alive)."""
    while len(lines_of(path)) < count:
        assert editor.poll() is None, editor.communicate()[1]
        time.sleep(0.05)


def saved_uuids_missing(project: Path, uuids: list[str]) -> list[str]:
    connection = sqlite3.connect(project)
    try:
        stored = {u for (u,) in connection.execute("SELECT uuid FROM facilities")}
    finally:
        connection.close()
    return [u for u in uuids if u not in stored]


def check_file(project: Path, layers: dict[str, int]) -> None:
    """integrity_check ok, each layer registered, its rows and R-tree complete, GDAL lists it."""
    connection = gpkg.connect(project)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        registered = {n for (n,) in connection.execute("SELECT name FROM quartier_layers")}
        for name, count in layers.items():
            assert name in registered
            assert connection.execute(f'SELECT count(*) FROM "{name}"').fetchone() == (count,)
            assert connection.execute(f'SELECT count(*) FROM "rtree_{name}_geom"'
                                      ).fetchone() == (count,)
        (facilities,) = connection.execute("SELECT count(*) FROM facilities").fetchone()
        assert connection.execute("SELECT count(*) FROM rtree_facilities_geom"
                                  ).fetchone() == (facilities,)
    finally:
        connection.close()
    listing = subprocess.run(["ogrinfo", "-ro", "-so", str(project)], capture_output=True,
                             text=True, timeout=60)
    assert listing.returncode == 0, listing.stderr
    for name in layers:
        assert re.search(rf"^\d+: {name} \(", listing.stdout, re.M), listing.stdout
        connection = sqlite3.connect(project)
        assert connection.execute(f"SELECT rtreecheck('rtree_{name}_geom')").fetchone() == ("ok",)
        connection.close()
    for name, count in layers.items():
        summary = subprocess.run(["ogrinfo", "-ro", "-so", str(project), name],
                                 capture_output=True, text=True, timeout=60)
        assert f"Feature Count: {count}" in summary.stdout, summary.stdout + summary.stderr


# ------------------------------------------------------------------ two real processes


def start_editor(project: Path, saved: Path, stop: Path, *where: float) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", EDITOR, str(project), str(saved), str(stop),
                             *map(str, where)],
                            cwd=REPO, env=ENV, stderr=subprocess.PIPE, text=True)


def test_imports_from_another_process_lose_no_edit(project: Path, tmp_path: Path):
    """One process edits without pause; another runs `quartier layer add` three times and
    `quartier hazard add` once on the same file. Every edit reported saved is in the file.

    Before imports were written inside the file, 70 of 1,622 edits were lost in one run of
    this test, and the hazard import ended in a traceback ("disk I/O error") in another."""
    saved, stop = tmp_path / "saved.txt", tmp_path / "stop"
    editor = start_editor(project, saved, stop)
    try:
        wait_for_lines(saved, 5, editor)
        for number in (1, 2, 3):
            done = quartier("layer", "add", project, KIANDA, "--name", f"kianda_{number}",
                            "--crs", "EPSG:4326")
            assert done.returncode == 0, done.stderr
            assert "1510 features" in done.stdout
        done = quartier("hazard", "add", project, VILLAGES, "--name", "villages_flood",
                        "--class", "high")
        assert done.returncode == 0, done.stderr
        # Edits go on after the last import, into the same file.
        wait_for_lines(saved, len(lines_of(saved)) + 5, editor)
    finally:
        stop.touch()
        _, errors = editor.communicate(timeout=60)
    assert editor.returncode == 0, errors
    uuids = lines_of(saved)
    print(f"{len(uuids)} edits reported saved, {errors.count('refused:')} refused as busy")
    missing = saved_uuids_missing(project, uuids)
    assert not missing, f"{len(missing)} of {len(uuids)} edits reported saved were lost"
    check_file(project, {"kianda_1": 1510, "kianda_2": 1510, "kianda_3": 1510,
                         "villages_flood": 22})


def test_an_editor_in_the_same_process_keeps_every_edit(project: Path):
    """The window's case: a mapping session edits while a layer is imported in the same
    process (another thread), three times. Every edit reported saved is in the file."""
    saved: list[str] = []
    refused: list[str] = []
    stop = threading.Event()
    failures: list[BaseException] = []

    def edit() -> None:
        try:
            with EditSession(project, "Amina", "same-process") as session:
                i = 0
                while not stop.is_set():
                    try:
                        saved.append(session.add_feature(
                            "facilities", Point(36.78 + (i % 97) * 1e-4, -1.31), "facility/clinic",
                            {"amenity": "clinic", "name": f"Zahanati {i}"}))
                    except ProjectError as error:
                        refused.append(str(error))
                    i += 1
        except BaseException as error:  # reported to the test below
            failures.append(error)

    editor = threading.Thread(target=edit)
    editor.start()
    try:
        for number in (1, 2, 3):
            count = len(saved)
            while len(saved) < count + 5 and editor.is_alive():
                time.sleep(0.02)
            report = hazard_store.add_reference_layer(Project(project), KIANDA,
                                                      f"kianda_{number}", crs="EPSG:4326")
            assert report.count == 1510
    finally:
        stop.set()
        editor.join(60)
    assert not failures, failures
    assert all("The project is busy" in message for message in refused), refused
    assert not saved_uuids_missing(project, saved)
    assert len(saved) > 15
    check_file(project, {"kianda_1": 1510, "kianda_2": 1510, "kianda_3": 1510})


def test_an_edit_waits_for_the_copy_and_is_then_saved(project: Path, monkeypatch):
    """While an import copies its layer in (write lock held), an edit waits; once the copy
    commits, the edit is saved, after the new layer, and nothing is lost."""
    from mapping.store import _gpkg_copy as gpkg_copy

    entered, release = threading.Event(), threading.Event()
    original = gpkg_copy._copy_table_extensions

    def slow_copy(*args, **kwargs):
        original(*args, **kwargs)
        entered.set()
        release.wait(30)  # the import is in the middle of its transaction

    monkeypatch.setattr(gpkg_copy, "_copy_table_extensions", slow_copy)
    monkeypatch.setattr("mapping.editing.EDIT_WAIT_S", 60.0)  # far longer than the pause
    importer = threading.Thread(target=hazard_store.add_reference_layer,
                                args=(Project(project), KIANDA, "kianda"),
                                kwargs={"crs": "EPSG:4326"})
    with EditSession(project, "Amina") as session:
        importer.start()
        assert entered.wait(120)
        threading.Timer(0.5, release.set).start()
        uuid = session.add_feature("facilities", Point(36.7891, -1.3102), "facility/clinic",
                                   {"amenity": "clinic", "name": "Waited"})
        importer.join(60)
        assert not saved_uuids_missing(project, [uuid])
    check_file(project, {"kianda": 1510})


# ------------------------------------------------------------------ a raster, twice the same title


@pytest.fixture()
def jakarta(tmp_path: Path) -> Path:
    """A project on the part of Jakarta that flood_depth.tif covers."""
    area = (106.83, -6.19, 106.90, -6.13)
    buildings = pyogrio.read_dataframe(JAKARTA_BUILDINGS, bbox=area)
    path = tmp_path / "jakarta.gpkg"
    create_project(path, {"buildings": buildings},
                   ProjectMetadata(name="Jakarta test", area_of_interest=area))
    return path


def test_two_rasters_with_the_same_title_while_someone_edits(jakarta: Path, tmp_path: Path):
    """`hazard add` of a second raster titled like the first used to end in a traceback
    (rasterio's "TypeError: not all arguments converted", the identifier clashed). Now both
    are added, each readable by GDAL with the source's cells, while an editor loses nothing."""
    saved, stop = tmp_path / "saved.txt", tmp_path / "stop"
    editor = start_editor(jakarta, saved, stop, 106.85, -6.16)
    try:
        wait_for_lines(saved, 5, editor)
        for name in ("flood_a", "flood_b"):
            done = quartier("hazard", "add", jakarta, FLOOD_DEPTH, "--name", name,
                            "--title", "Flood depth")
            assert done.returncode == 0, done.stderr
            assert "Traceback" not in done.stderr
            assert re.search(rf"^Added {name}: hazard layer \(raster\), \d+ cells$",
                             done.stdout, re.M), done.stdout
        wait_for_lines(saved, len(lines_of(saved)) + 5, editor)
    finally:
        stop.touch()
        _, errors = editor.communicate(timeout=60)
    assert editor.returncode == 0, errors
    assert not saved_uuids_missing(jakarta, lines_of(saved))
    connection = sqlite3.connect(jakarta)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        identifiers = dict(connection.execute(
            "SELECT table_name, identifier FROM gpkg_contents WHERE table_name LIKE 'flood_%'"))
        titles = dict(connection.execute(
            "SELECT name, title FROM quartier_layers WHERE name LIKE 'flood_%'"))
    finally:
        connection.close()
    assert identifiers == {"flood_a": "Flood depth", "flood_b": "Flood depth (flood_b)"}
    assert titles == {"flood_a": "Flood depth", "flood_b": "Flood depth"}
    cells = []
    for name in ("flood_a", "flood_b"):
        info = subprocess.run(["gdalinfo", f"GPKG:{jakarta}:{name}"], capture_output=True,
                              text=True, timeout=60)
        assert info.returncode == 0, info.stderr
        with rasterio.open(f"GPKG:{jakarta}:{name}") as dataset:
            cells.append(dataset.read(1, masked=True))
            window_bounds = dataset.bounds
    assert np.ma.allequal(cells[0], cells[1])
    # The stored cells are the source's own cells over the same ground.
    with rasterio.open(FLOOD_DEPTH) as source:
        window = rasterio.windows.from_bounds(*window_bounds, transform=source.transform)
        expected = source.read(1, window=window.round_offsets().round_lengths(), masked=True)
    assert cells[1].shape == expected.shape
    assert np.ma.allclose(cells[1], expected.astype("float32"))


# ------------------------------------------------------------------ kills


@pytest.fixture(scope="module")
def big_layer(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """60,000 small squares over Kianda: a layer whose copy takes a noticeable moment."""
    import geopandas as gpd

    count = 60_000
    rng = np.random.default_rng(9)
    x, y = 36.775 + rng.random(count) * 0.02, -1.318 + rng.random(count) * 0.012
    frame = gpd.GeoDataFrame({"number": np.arange(count),
                              "label": [f"structure {i}" for i in range(count)]},
                             geometry=shapely.box(x, y, x + 2e-5, y + 2e-5), crs="EPSG:4326")
    path = tmp_path_factory.mktemp("big") / "structures.gpkg"
    pyogrio.write_dataframe(frame, path, layer="structures")
    return path, count


def partials(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".partial-" in p.name)


def layer_state(project: Path, name: str) -> int | None:
    """The layer's row count if it is fully there (table, R-tree, metadata, registry);
    None if it is wholly absent. Anything in between fails the test."""
    connection = gpkg.connect(project)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        traces = {
            "table": connection.execute("SELECT count(*) FROM sqlite_master WHERE tbl_name LIKE ?",
                                        (f"%{name}%",)).fetchone()[0],
            "contents": connection.execute("SELECT count(*) FROM gpkg_contents WHERE "
                                           "table_name = ?", (name,)).fetchone()[0],
            "geometry": connection.execute("SELECT count(*) FROM gpkg_geometry_columns WHERE "
                                           "table_name = ?", (name,)).fetchone()[0],
            "registry": connection.execute("SELECT count(*) FROM quartier_layers WHERE name = ?",
                                           (name,)).fetchone()[0],
        }
        if not any(traces.values()):
            return None
        assert traces["contents"] == traces["geometry"] == traces["registry"] == 1, traces
        (rows,) = connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()
        assert connection.execute(f'SELECT count(*) FROM "rtree_{name}_geom"').fetchone() == (rows,)
        assert connection.execute(f"SELECT rtreecheck('rtree_{name}_geom')").fetchone() == ("ok",)
        return int(rows)
    finally:
        connection.close()


#: An import that kills itself at a chosen point inside its copy transaction.
KILLED_IMPORT = r"""
import os, signal, sys
from mapping import hazard_store
from mapping.store import _gpkg_copy as gpkg_copy
from mapping.store import _gpkg_layers as layer_rows
from mapping.project import Project

path, source, name, point = sys.argv[1:5]

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

def after(function):
    def wrapper(*args, **kwargs):
        function(*args, **kwargs)
        die()
    return wrapper

if point == "after the R-tree":
    gpkg_copy._copy_rtree = after(gpkg_copy._copy_rtree)
elif point == "after the metadata":
    gpkg_copy._copy_metadata = after(gpkg_copy._copy_metadata)
elif point == "registering":
    layer_rows.next_order = die

def progress(fraction, message):
    if point == "before COMMIT" and message == "Saving the project":
        die()

hazard_store.add_reference_layer(Project(path), source, name, progress=progress)
print("NOT REACHED", flush=True)
"""


@pytest.mark.parametrize("point", ["after the R-tree", "after the metadata", "registering",
                                   "before COMMIT"])
def test_killed_inside_the_copy_leaves_the_project_as_it_was(project: Path, big_layer, point):
    source, count = big_layer
    before = project.read_bytes()
    child = subprocess.run([sys.executable, "-c", KILLED_IMPORT, str(project), str(source),
                            "structures", point], cwd=REPO, env=ENV, capture_output=True,
                           text=True, timeout=300)
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert "NOT REACHED" not in child.stdout
    # Killed inside the transaction: SQLite's journal and the temporary file are left.
    assert Path(f"{project}-journal").exists()
    assert partials(project.parent)
    info = quartier("info", project)  # the next command
    assert info.returncode == 0, info.stderr
    assert partials(project.parent) == []
    # Byte for byte the file it was (SQLite rolled back whatever reached the file; a journal
    # left with a blank header holds nothing to roll back, and goes at the next write).
    assert project.read_bytes() == before
    assert layer_state(project, "structures") is None
    # The name is free and the project works: the same import now succeeds.
    done = quartier("layer", "add", project, source, "--name", "structures")
    assert done.returncode == 0, done.stderr
    assert layer_state(project, "structures") == count
    assert not Path(f"{project}-journal").exists()


def test_import_killed_from_outside_at_any_moment(project: Path, big_layer):
    """`quartier layer add` killed (SIGKILL) at several moments once it starts copying: the
    layer is fully there or absent, the file is sound, and the next command leaves no
    temporary file behind."""
    source, count = big_layer
    outcomes = []
    for run, delay in enumerate((0.0, 0.05, 0.15, 0.3, 0.6, 1.2)):
        name = f"structures_{run}"
        child = subprocess.Popen([str(QUARTIER), "layer", "add", str(project), str(source),
                                  "--name", name], cwd=REPO, env=ENV, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
        for line in child.stderr:
            if "Copying the layer into the project" in line:
                break
        time.sleep(delay)
        child.kill()
        child.communicate(timeout=60)
        info = quartier("info", project)
        assert info.returncode == 0, info.stderr
        assert partials(project.parent) == []
        state = layer_state(project, name)
        assert state in (None, count)
        outcomes.append((delay, child.returncode, state))
    print("kill delay, exit code, rows:", outcomes)
    check_file(project, {name: count for name, (_, _, state) in
                         ((f"structures_{run}", outcome) for run, outcome in enumerate(outcomes))
                         if state is not None})


# ------------------------------------------------------------------ two sessions, a new project

#: Opens a mapping session when told to, at the same moment as the others.
OPENER = r"""
import sys
from mapping.editing import EditSession

path, who = sys.argv[1:3]
print("ready", flush=True)
sys.stdin.readline()
with EditSession(path, who) as session:
    pass
print("opened", flush=True)
"""


def test_sessions_opening_a_new_project_at_the_same_moment(kibera_project: Path,
                                                           tmp_path: Path):
    """Four processes start mapping sessions on a project that has no history tables yet, at
    the same moment: all open (the tables are created once), none fails with a misleading
    "table quartier_edit_history already exists. Is the file read-only...?"."""
    for round_ in range(3):
        path = tmp_path / f"fresh_{round_}.gpkg"
        shutil.copy(kibera_project, path)
        children = [subprocess.Popen([sys.executable, "-c", OPENER, str(path), f"Mapper {i}"],
                                     cwd=REPO, env=ENV, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                    for i in range(4)]
        for child in children:
            assert child.stdout.readline().strip() == "ready", child.communicate()[1]
        for child in children:
            child.stdin.write("go\n")
            child.stdin.flush()
        for child in children:
            output, errors = child.communicate(timeout=120)
            assert child.returncode == 0 and output.strip() == "opened", errors
        connection = sqlite3.connect(path)
        try:
            assert connection.execute("SELECT count(*) FROM quartier_mapping_sessions"
                                      ).fetchone() == (4,)
            assert connection.execute(
                "SELECT count(*) FROM sqlite_master WHERE name IN ('quartier_edit_history', "
                "'quartier_mapping_sessions')").fetchone() == (2,)
        finally:
            connection.close()


# ------------------------------------------------------------------ stale temporary files


def test_stale_partial_files_of_dead_processes_are_removed(project: Path):
    """A killed `quartier new` or import leaves `.NAME.partial-PID.gpkg` (and its journal);
    the next command in that folder removes those of dead processes, never a live one's."""
    dead = subprocess.Popen(["true"])
    dead.wait()
    folder = project.parent
    stale = [f".kibera.partial-{dead.pid}.gpkg", f".kibera.partial-{dead.pid}.gpkg-journal",
             f".other.partial-{dead.pid}-3.gpkg"]
    live = [f".kibera.partial-{os.getpid()}-1.gpkg", f".kibera.partial-{os.getpid()}.gpkg"]
    unrelated = ["notes.partial-1.gpkg", ".kibera.partial-x.gpkg"]
    for name in stale + live + unrelated:
        (folder / name).write_bytes(b"SQLite format 3\x00")
    done = quartier("info", project)
    assert done.returncode == 0, done.stderr
    left = {p.name for p in folder.iterdir()}
    assert not left & set(stale)
    assert set(live) | set(unrelated) <= left
    # Creating a project in the folder cleans up too.
    (folder / stale[0]).write_bytes(b"SQLite format 3\x00")
    done = quartier("new", folder / "second.gpkg", "--osm", DATA / "osm" / "kibera.osm")
    assert done.returncode == 0, done.stderr
    left = {p.name for p in folder.iterdir()}
    assert stale[0] not in left
    assert set(live) | set(unrelated) <= left


# ------------------------------------------------------------------ the POSIX-lock trap

#: Another process trying to write to the project, without waiting.
WRITER = r"""
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
try:
    connection.execute("BEGIN IMMEDIATE")
except sqlite3.OperationalError as error:
    print("refused:", error)
else:
    connection.execute("ROLLBACK")
    print("got the write lock")
"""


def other_process_can_write(project: Path) -> bool:
    done = subprocess.run([sys.executable, "-c", WRITER, str(project)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.startswith("got the write lock")


def test_reading_with_gdal_in_the_same_process_keeps_the_copy_locked(project: Path,
                                                                      monkeypatch):
    """GDAL carries its own SQLite: when it closes the project, every POSIX lock this process
    holds on the file goes, the import's write lock included. A GDAL read in the same
    process (the window drawing while a layer is copied in) therefore waits for the copy's
    transaction to end; meanwhile another process still cannot write."""
    from mapping.store import _gpkg_copy as gpkg_copy

    inside, release = threading.Event(), threading.Event()
    original = gpkg_copy._copy_table_extensions

    def paused(*args, **kwargs):
        original(*args, **kwargs)
        inside.set()
        release.wait(120)

    monkeypatch.setattr(gpkg_copy, "_copy_table_extensions", paused)
    importer = threading.Thread(target=hazard_store.add_reference_layer,
                                args=(Project(project), KIANDA, "kianda"),
                                kwargs={"crs": "EPSG:4326"})
    read: list[int] = []
    reader = threading.Thread(target=lambda: read.append(len(Project(project).read_layer(
        "buildings"))))
    importer.start()
    try:
        assert inside.wait(120)
        assert not other_process_can_write(project)
        reader.start()
        reader.join(3)  # without the guard GDAL would have read and closed the file by now
        assert not other_process_can_write(project)
    finally:
        release.set()
        importer.join(60)
        reader.join(60)
    expected = pyogrio.read_info(project, layer="buildings")["features"]
    assert read == [expected]
    check_file(project, {"kianda": 1510})


#: Another process holding the project's write lock until its stdin closes.
HOLDER = r"""
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("holding", flush=True)
sys.stdin.read()
connection.execute("ROLLBACK")
"""


def test_an_import_while_another_program_writes_is_refused_in_plain_words(project: Path,
                                                                           monkeypatch):
    """When another program keeps the project's write lock longer than the import waits,
    the import says so in a plain sentence and changes nothing, leaving no file behind."""
    monkeypatch.setattr(gpkg, "BUSY_TIMEOUT_S", 1.0)
    before = project.read_bytes()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(project)], cwd=REPO, env=ENV,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(ProjectError, match="kibera.gpkg is busy: another program .* "
                                               "Nothing was changed"):
            hazard_store.add_reference_layer(Project(project), KIANDA, "kianda",
                                             crs="EPSG:4326")
        # Meanwhile this process reads the project with GDAL as usual.
        assert len(Project(project).read_layer("buildings")) > 0
    finally:
        holder.communicate("", timeout=60)
    assert project.read_bytes() == before
    assert partials(project.parent) == []
    report = hazard_store.add_reference_layer(Project(project), KIANDA, "kianda",
                                              crs="EPSG:4326")
    assert report.count == 1510
