"""The project store: the one door to a project's storage (GeoPackage backend).

Two mapping sessions on one file stand for two people; what is stored is read back
with plain SQLite or shapely, not through the store under test.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point

from layers.errors import ProjectError
from layers.participatory import ParticipatoryLayer
from mapping.edit_history import HISTORY_TABLE, Change, EditAction
from mapping.editing import EditSession
from mapping.store import ConflictError, EditStep, open_store

FACILITIES = ParticipatoryLayer.FACILITIES


@pytest.fixture()
def project(kibera_project: Path, tmp_path: Path) -> Path:
    path = tmp_path / "kibera.gpkg"
    shutil.copy(kibera_project, path)
    return path


def history_rows(project: Path) -> int:
    with sqlite3.connect(project) as connection:
        return connection.execute(f"SELECT COUNT(*) FROM {HISTORY_TABLE}").fetchone()[0]


def stored_row(project: Path, uuid: str) -> tuple[str, int]:
    with sqlite3.connect(project) as connection:
        return connection.execute("SELECT name, version FROM facilities WHERE uuid = ?",
                                  (uuid,)).fetchone()


def test_an_edit_to_a_feature_saved_meanwhile_is_refused_whole(project: Path):
    """Optimistic locking: an edit made on a version someone has since replaced is refused
    with both versions, and nothing of it is written, not even its other features."""
    with EditSession(project, "Achieng") as achieng, EditSession(project, "Baraka") as baraka:
        clinic = achieng.add_feature(FACILITIES, Point(36.7850, -1.3110), "facility/clinic",
                                     {"name": "Zahanati"})
        school = achieng.add_feature(FACILITIES, Point(36.7860, -1.3120), "facility/school",
                                     {"name": "Shule"})
        seen_clinic = achieng.feature(FACILITIES, clinic)
        seen_school = achieng.feature(FACILITIES, school)
        baraka.update_tags(FACILITIES, clinic, {"name": "Zahanati ya Kianda"})
        before = history_rows(project)

        mine = replace(seen_clinic, tags={**seen_clinic.tags, "name": "Kliniki"})
        school_after = replace(seen_school, tags={**seen_school.tags, "name": "Shule ya Msingi"})
        steps = [
            EditStep(Change(FACILITIES, school, seen_school, school_after, EditAction.UPDATE),
                     school_after, EditAction.UPDATE, "", seen_school.version),
            EditStep(Change(FACILITIES, clinic, seen_clinic, mine, EditAction.UPDATE),
                     mine, EditAction.UPDATE, "", seen_clinic.version),
        ]
        with open_store(project) as store, pytest.raises(ConflictError) as refused:
            store.apply_edit(steps, "Achieng", achieng.mapping_session)

    assert refused.value.stored.version == 2
    assert refused.value.stored.tags["name"] == "Zahanati ya Kianda"
    assert refused.value.stored.contributor == "Achieng"  # who first mapped it
    assert refused.value.attempted.tags["name"] == "Kliniki"
    assert "not saved" in str(refused.value) and "Traceback" not in str(refused.value)
    assert isinstance(refused.value, ProjectError)
    assert history_rows(project) == before
    assert stored_row(project, clinic) == ("Zahanati ya Kianda", 2)
    assert stored_row(project, school) == ("Shule", 1)


def test_edits_to_different_features_never_conflict(project: Path):
    """Two people editing two features, each from what they last saw: both are saved."""
    with EditSession(project, "Achieng") as achieng, EditSession(project, "Baraka") as baraka:
        clinic = achieng.add_feature(FACILITIES, Point(36.7850, -1.3110), "facility/clinic",
                                     {"name": "Zahanati"})
        school = baraka.add_feature(FACILITIES, Point(36.7860, -1.3120), "facility/school",
                                    {"name": "Shule"})
        achieng.update_tags(FACILITIES, clinic, {"name": "Zahanati ya Kianda"})
        baraka.update_tags(FACILITIES, school, {"name": "Shule ya Msingi"})
        achieng.move(FACILITIES, clinic, 0.0001, 0.0)
    assert stored_row(project, clinic) == ("Zahanati ya Kianda", 3)
    assert stored_row(project, school) == ("Shule ya Msingi", 2)
    assert history_rows(project) == 5


def test_a_new_feature_whose_uuid_was_taken_meanwhile_is_refused(project: Path):
    """Creating expects no stored feature (version 0): one stored meanwhile is a conflict."""
    with EditSession(project, "Achieng") as achieng:
        clinic = achieng.add_feature(FACILITIES, Point(36.7850, -1.3110), "facility/clinic",
                                     {"name": "Zahanati"})
        copy = replace(achieng.feature(FACILITIES, clinic), version=0, fid=None)
    before = history_rows(project)
    with open_store(project) as store, pytest.raises(ConflictError):
        store.apply_edit([EditStep(Change(FACILITIES, clinic, None, copy, EditAction.CREATE),
                                   copy, EditAction.CREATE, "", 0)], "Baraka", None)
    assert history_rows(project) == before


def test_features_in_a_box_are_those_whose_extent_meets_it(project: Path):
    """``read_features`` with a box through the R-tree, against shapely on every feature."""
    points = [(36.7800 + 0.001 * i, -1.3100 - 0.0007 * i) for i in range(12)]
    with EditSession(project, "Achieng") as achieng:
        for number, (x, y) in enumerate(points):
            achieng.add_feature(FACILITIES, Point(x, y), "facility/clinic",
                                {"name": f"Clinic {number}"})
    box = (36.7825, -1.3170, 36.7875, -1.3110)
    expected = {f"Clinic {n}" for n, (x, y) in enumerate(points)
                if shapely.box(*box).intersects(Point(x, y))}
    assert 0 < len(expected) < len(points)
    with open_store(project) as store:
        found = {f.name for f in store.read_features(FACILITIES, bbox=box)}
        assert found == expected
        assert len(store.read_features(FACILITIES)) == len(points)
        assert [f.name for f in store.read_features(FACILITIES, where={"name": "Clinic 3"})] \
            == ["Clinic 3"]


def test_the_registry_and_metadata_read_back_as_written(project: Path):
    """Registry rows and metadata through the store, against plain SQLite."""
    with sqlite3.connect(project) as connection:
        names = [n for (n,) in connection.execute(
            "SELECT name FROM quartier_layers ORDER BY draw_order, name")]
        (title,) = connection.execute(
            "SELECT title FROM quartier_layers WHERE name = 'buildings'").fetchone()
    with open_store(project) as store:
        assert [r.name for r in store.registry()] == names
        assert store.record("buildings").title == title
        assert store.record("no_such_layer") is None
        assert store.name_taken("BUILDINGS") and not store.name_taken("flood_2007")
        assert store.metadata().working_crs.startswith("EPSG:327")
        assert store.location == str(project)


def test_what_is_not_a_project_is_said_in_plain_words(tmp_path: Path):
    with pytest.raises(ProjectError, match="does not exist"):
        open_store(tmp_path / "nowhere.gpkg")
    text = tmp_path / "notes.gpkg"
    text.write_text("not a database", encoding="utf-8")
    with pytest.raises(ProjectError, match="not a Quartier project"):
        open_store(text)


def _import_changes(count: int) -> list[Change]:
    """An import's worth of new facilities and lines with stops, interleaved, in one edit."""
    import uuid as uuid_module

    from mapping.edit_history import Feature

    lines, stops = ParticipatoryLayer.TRANSPORT_LINES, ParticipatoryLayer.TRANSPORT_STOPS
    changes = []
    for number in range(count):
        x, y = 36.78 + 0.0001 * number, -1.31 - 0.00005 * number
        clinic = Feature(layer=FACILITIES, uuid=str(uuid_module.uuid4()),
                         preset="facility/clinic", tags={"name": f"Zahanati {number}",
                                                         "amenity": "clinic"},
                         geometry=Point(x, y), contributor="Achieng")
        line = Feature(layer=lines, uuid=str(uuid_module.uuid4()), preset="transport_line",
                       tags={"name": f"Line {number}", "route": "bus"},
                       geometry=shapely.LineString([(x, y), (x + 0.001, y + 0.0005)]))
        stop = Feature(layer=stops, uuid=str(uuid_module.uuid4()), preset="transport_stop",
                       tags={"name": f"Stop {number}"}, geometry=Point(x, y),
                       line_uuid=line.uuid, stop_sequence=1)
        changes += [Change(f.layer, f.uuid, None, f, EditAction.CREATE, "imported from test")
                    for f in (clinic, line, stop)]
    return changes


def _stored(project: Path) -> dict[str, list[tuple]]:
    """Every participatory row and history row, without the times and row ids."""
    out = {}
    with sqlite3.connect(project) as connection:
        for layer in ParticipatoryLayer:
            names = [row[1] for row in connection.execute(f'PRAGMA table_info("{layer}")')
                     if row[1] not in ("fid", "created_at", "modified_at")]
            out[str(layer)] = sorted(connection.execute(
                f'SELECT {", ".join(names)} FROM "{layer}"').fetchall())
            # The GeoPackage R-tree (kept by SQL triggers) holds each feature's extent.
            out[f"rtree {layer}"] = sorted(connection.execute(
                f'SELECT t.uuid, r.minx, r.maxx, r.miny, r.maxy FROM "{layer}" t JOIN '
                f'"rtree_{layer}_geom" r ON r.id = t.fid').fetchall())
            out[f"extent {layer}"] = connection.execute(
                "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?",
                (str(layer),)).fetchall()
        out["history"] = connection.execute(
            f"SELECT layer, uuid, version, action, contributor, preset, tags, geometry_wkb,"
            f" json_remove(attributes, '$.created_at'), note FROM {HISTORY_TABLE} "
            "ORDER BY id").fetchall()
    return out


def test_a_big_import_is_written_in_bulk_with_the_same_rows_as_one_by_one(
        kibera_project: Path, tmp_path: Path, monkeypatch):
    """An edit of many creations (an import) takes the bulk path; the rows, history (in the
    edit's order), R-tree and layer extents are those the row-by-row path writes."""
    from mapping.store import geopackage

    changes = _import_changes(40)
    paths = {}
    calls: list[str] = []
    original = geopackage._create_all

    def counted(*args, **kwargs):
        calls.append(way)
        return original(*args, **kwargs)

    monkeypatch.setattr(geopackage, "_create_all", counted)
    for way, many in (("bulk", 50), ("one by one", 10**9)):
        monkeypatch.setattr(geopackage, "_MANY", many)
        path = paths[way] = tmp_path / f"{way}.gpkg"
        shutil.copy(kibera_project, path)
        with EditSession(path, "Achieng") as session:
            session.commit_changes("Import 120 features", changes)
            assert session.can_undo
    assert calls == ["bulk"]
    bulk, single = _stored(paths["bulk"]), _stored(paths["one by one"])
    assert len(bulk["facilities"]) == 40 and len(bulk["history"]) == 120
    assert [row[1] for row in bulk["history"]] == [c.uuid for c in changes]
    assert bulk == single


def test_a_bulk_import_meeting_a_stored_uuid_is_refused_whole(project: Path):
    """One creation of the many whose uuid is stored already: the whole edit is refused."""
    changes = _import_changes(30)
    taken = changes[40].after
    assert taken is not None
    with EditSession(project, "Baraka") as baraka:
        baraka.commit_changes("Add one", [changes[40]])
    before = history_rows(project)
    with EditSession(project, "Achieng") as session, pytest.raises(ConflictError):
        session.commit_changes("Import 90 features", changes)
    assert history_rows(project) == before
    with sqlite3.connect(project) as connection:
        assert connection.execute("SELECT COUNT(*) FROM facilities").fetchone()[0] == 0
