"""A mapping session killed at any moment loses nothing it reported as saved, and no edit
is ever half written."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import shapely
from shapely.geometry import LineString, Point

from layers.errors import ProjectError
from layers.participatory import ParticipatoryLayer
from mapping.edit_history import HISTORY_TABLE
from mapping.editing import EditSession
from mapping.store import _gpkg as gpkg
from mapping.store import _gpkg_features as edit_history

REPO = Path(__file__).resolve().parents[1]

#: The child: a mapper adding and changing features as fast as possible, printing each
#: edit once it is committed ("layer uuid version"). With "die-in-split" it kills itself
#: in the middle of a line split, after two of its features are written.
CHILD = r"""
import os, signal, sys
from shapely.geometry import LineString, Point
import mapping.store._gpkg_features as edit_log
import mapping.editing as editing

path, mode = sys.argv[1], sys.argv[2]
session = editing.EditSession(path, "Crash Tester", "crash-session")

def say(layer, uuid):
    print(layer, uuid, session.feature(layer, uuid).version, flush=True)

if mode == "die-in-split":
    line = session.add_feature("transport_lines", LineString([(36.780, -1.310), (36.786, -1.310),
                               (36.790, -1.312)]), "transport_line/minibus", {"ref": "8"})
    say("transport_lines", line)
    for name, x in (("Olympic", 36.781), ("Kianda", 36.785), ("Toi", 36.789)):
        say("transport_stops", session.add_stop(line, Point(x, -1.3101), name))
    original = edit_log.write_feature
    calls = []
    def dying_write(*args, **kwargs):
        written = original(*args, **kwargs)
        calls.append(written)
        if len(calls) == 2:  # the shortened line and the new part are written, not committed
            os.kill(os.getpid(), signal.SIGKILL)
        return written
    edit_log.write_feature = dying_write
    session.split_line(line, (36.786, -1.310))
    print("NOT REACHED", flush=True)

i = 0
line = None
while True:
    x, y = 36.78 + (i % 97) * 1e-4, -1.31 + (i // 97) * 1e-4
    kind = i % 5
    if kind == 0:
        school = session.add_feature("facilities", Point(x, y), "facility/school",
                                     {"name": f"Shule ya Msingi {i}", "capacity": str(i)})
        say("facilities", school)
    elif kind == 1:
        session.update_tags("facilities", school, {"name": f"Shule {i} — École", "capacity": "5"})
        say("facilities", school)
    elif kind == 2:
        line = session.add_feature("transport_lines", LineString([(x, y), (x + 2e-3, y)]),
                                   "transport_line/minibus", {"ref": str(i)})
        say("transport_lines", line)
    elif kind == 3:
        stop = session.add_stop(line, Point(x + 1e-3, y), f"Stage {i}", sequence=1)
        say("transport_stops", stop)
    else:
        zone = session.add_feature("risk_zones", Point(x, y).buffer(4e-4), "risk_zone/flood",
                                   {"severity": "medium", "flood:depth": "0.5"})
        say("risk_zones", zone)
    i += 1
"""


@pytest.fixture()
def project(kibera_project: Path, tmp_path: Path) -> Path:
    path = tmp_path / "kibera.gpkg"
    shutil.copy(kibera_project, path)
    return path


def start_child(project: Path, mode: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CHILD, str(project), mode], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def reported(lines: list[str]) -> list[tuple[str, str, int]]:
    out = []
    for line in lines:
        layer, uuid, version = line.split()
        out.append((layer, uuid, int(version)))
    return out


def check_consistent(project: Path, committed: list[tuple[str, str, int]]) -> dict[str, int]:
    """What a reopened project must satisfy; returns the feature count of each layer."""
    connection = gpkg.connect(project)  # reopening rolls back any half-written edit
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for layer, uuid, version in committed:
            stored = edit_history.read_feature(connection, layer, uuid)
            assert stored is not None, (layer, uuid)
            assert stored.version >= version
        counts = {}
        for layer in ParticipatoryLayer:
            features = edit_history.read_features(connection, layer)
            counts[str(layer)] = len(features)
            for feature in features:
                history = edit_history.read_history(connection, str(layer), feature.uuid)
                assert history, feature.uuid
                latest = history[-1]
                assert latest.version == feature.version == len(history)
                assert latest.tags == feature.tags
                assert latest.geometry.equals_exact(feature.geometry, 0)
            (indexed,) = connection.execute(f"SELECT COUNT(*) FROM rtree_{layer}_geom").fetchone()
            assert indexed == len(features), layer
    finally:
        connection.close()
    listing = subprocess.run(["ogrinfo", "-ro", "-so", "-al", str(project)], capture_output=True,
                             text=True, timeout=60)
    assert listing.returncode == 0, listing.stderr
    for layer, count in counts.items():
        block = listing.stdout.split(f"Layer name: {layer}\n")[1]
        assert re.search(r"^Feature Count: (\d+)$", block, re.M).group(1) == str(count)
    return counts


def test_killed_mid_session_loses_nothing_reported_saved(project: Path):
    child = start_child(project, "loop")
    lines: list[str] = []
    deadline = time.monotonic() + 30
    try:
        while len(lines) < 40 and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            lines.append(line.strip())
    finally:
        os.kill(child.pid, signal.SIGKILL)
        rest, errors = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, errors
    lines += [line for line in rest.splitlines() if line.strip()]
    committed = reported(lines)
    assert len(committed) >= 40, errors
    counts = check_consistent(project, committed)
    assert counts["facilities"] >= len({u for layer, u, _ in committed if layer == "facilities"})
    assert sum(counts.values()) >= len({u for _, u, _ in committed})


def test_killed_in_the_middle_of_a_split_leaves_the_line_as_it_was(project: Path):
    child = start_child(project, "die-in-split")
    output, errors = child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL, errors
    assert "NOT REACHED" not in output
    committed = reported(output.splitlines())
    assert [layer for layer, _, _ in committed] == ["transport_lines"] + ["transport_stops"] * 3
    # The process died inside the split's transaction: SQLite's journal is still there.
    assert Path(f"{project}-journal").exists()
    counts = check_consistent(project, committed)
    assert counts == {"facilities": 0, "transport_lines": 1, "transport_stops": 3,
                      "risk_zones": 0}
    with EditSession(project, contributor="Reviewer") as session:
        (line_uuid,) = [u for layer, u, _ in committed if layer == "transport_lines"]
        line = session.feature("transport_lines", line_uuid)
        assert line.version == 1
        assert list(line.geometry.coords) == [(36.780, -1.310), (36.786, -1.310),
                                              (36.790, -1.312)]
        assert [(s.name, s.stop_sequence) for s in session.stops(line_uuid)] == [
            ("Olympic", 1), ("Kianda", 2), ("Toi", 3)]
        # The project is fully usable again: the split can be made now.
        first, second = session.split_line(line_uuid, (36.786, -1.310))
        assert [s.name for s in session.stops(second)] == ["Toi"]


def test_an_edit_that_fails_halfway_is_rolled_back(project: Path, monkeypatch):
    with EditSession(project, contributor="Achieng") as session:
        line = session.add_feature("transport_lines", LineString([(36.780, -1.310),
                                                                  (36.790, -1.310)]),
                                   "transport_line/share_taxi", {"ref": "3"})
        stop = session.add_stop(line, Point(36.789, -1.3101), "Mashimoni")
        with sqlite3.connect(project) as connection:
            rows_before = connection.execute(f"SELECT COUNT(*) FROM {HISTORY_TABLE}").fetchone()
        calls = []
        real_write = edit_history.write_feature

        def failing_write(*args, **kwargs):
            calls.append(args[2])
            if len(calls) == 2:
                raise sqlite3.OperationalError("disk I/O error")
            return real_write(*args, **kwargs)

        monkeypatch.setattr("mapping.store._gpkg_features.write_feature", failing_write)
        with pytest.raises(ProjectError, match="could not be saved .* nothing was changed"):
            session.split_line(line, (36.785, -1.310))
        monkeypatch.undo()
        assert len(calls) == 2
        with sqlite3.connect(project) as connection:
            rows_after = connection.execute(f"SELECT COUNT(*) FROM {HISTORY_TABLE}").fetchone()
        assert rows_after == rows_before
        assert len(session.features("transport_lines")) == 1
        assert session.feature("transport_stops", stop).line_uuid == line
        assert session.undo_description == "Add stop Mashimoni"
        snapshot = json.dumps(sorted(session.features("transport_lines")["tags"]))
        assert session.undo() and session.undo()
        assert len(session.features("transport_lines")) == 0
        assert session.redo()
        assert json.dumps(sorted(session.features("transport_lines")["tags"])) == snapshot
        assert shapely.get_num_coordinates(session.feature("transport_lines", line).geometry) == 2


def _names(project: Path) -> list[str]:
    """Facility names as GDAL reads them from the file now at ``project``."""
    import pyogrio

    return sorted(pyogrio.read_dataframe(project, layer="facilities")["name"].tolist())


def test_a_session_keeps_saving_after_a_layer_is_added(project: Path, data_dir: Path):
    """Adding a layer writes it inside the project file (no swap): the open session goes on
    saving into the same file, and undo and redo work across the import."""
    from mapping import hazard_store
    from mapping.project import Project

    survey = data_dir / "kibera" / "kianda_structures_and_population_dataset.shp"
    with EditSession(project, "Amina") as session:
        session.add_feature("facilities", Point(36.7891, -1.3102), "facility/clinic",
                            {"amenity": "clinic", "name": "Zahanati ya Mama Upendo"})
        inode = project.stat().st_ino
        hazard_store.add_reference_layer(Project(project), survey, "kianda_survey",
                                         crs="EPSG:4326")
        assert project.stat().st_ino == inode  # written inside the file, not swapped
        session.add_feature("facilities", Point(36.7880, -1.3095), "facility/school",
                            {"amenity": "school", "name": "Shule ya Olympic"})
        session.undo()
        session.redo()
    assert _names(project) == ["Shule ya Olympic", "Zahanati ya Mama Upendo"]
    assert "kianda_survey" in Project(project).layer_names()


def test_an_edit_during_a_layer_import_is_refused_not_lost(project: Path, data_dir: Path,
                                                           monkeypatch):
    """While an import copies its layer into the project (its one transaction holds the
    write lock), an edit that waits in vain is refused in plain words and written nowhere;
    afterwards edits are saved into the file that holds the new layer."""
    import threading

    from mapping import hazard_store
    from mapping.project import Project
    from mapping.store import _gpkg_copy as gpkg_copy

    survey = data_dir / "kibera" / "kianda_structures_and_population_dataset.shp"
    monkeypatch.setattr("mapping.editing.EDIT_WAIT_S", 0.2)
    inside, refused = threading.Event(), threading.Event()
    original = gpkg_copy._copy_table_extensions

    def paused(*args, **kwargs):
        original(*args, **kwargs)
        inside.set()
        refused.wait(60)

    monkeypatch.setattr(gpkg_copy, "_copy_table_extensions", paused)
    importer = threading.Thread(target=hazard_store.add_reference_layer,
                                args=(Project(project), survey, "kianda_survey"),
                                kwargs={"crs": "EPSG:4326"})
    with EditSession(project, "Amina") as session:
        importer.start()
        try:
            assert inside.wait(120)
            with pytest.raises(ProjectError, match="The project is busy"):
                session.add_feature("facilities", Point(36.7891, -1.3102), "facility/clinic",
                                    {"amenity": "clinic", "name": "Lost?"})
        finally:
            refused.set()
            importer.join(60)
        assert not session.can_undo  # the refused edit is not on the undo stack
        session.add_feature("facilities", Point(36.7880, -1.3095), "facility/school",
                            {"amenity": "school", "name": "After the import"})
    assert _names(project) == ["After the import"]
    assert "kianda_survey" in Project(project).layer_names()


def test_a_write_to_a_replaced_file_is_refused_in_plain_words(project: Path):
    """A connection opened before a new project was written over the file ('quartier new
    --force') cannot write to the old one: refused in plain words, nothing changes."""
    connection = gpkg.connect(project)
    with gpkg.replacing(project) as replacement:
        shutil.copyfile(project, replacement)  # the new project: here, the same content
    with pytest.raises(ProjectError, match="replaced while this was being saved"):
        with gpkg.transaction(connection):
            connection.execute("UPDATE quartier_metadata SET value = 'x' WHERE key = 'name'")
    connection.close()
    fresh = sqlite3.connect(project)
    assert fresh.execute("SELECT value FROM quartier_metadata WHERE key = 'name'"
                         ).fetchone() != ("x",)
    fresh.close()
