"""Merging laptops: three copies of the Kibera project edited apart, then brought together.

Every feature and history row is checked by reading the GeoPackage directly (sqlite3
for rows and tags, pyogrio for shapes), not through the merge's own report.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pyogrio
import pytest
import shapely
from shapely.geometry import Point

from desktop.cli import main
from mapping.editing import EditSession

FAC = "facilities"


def retag(session: EditSession, uuid: str, **changes: str) -> None:
    tags = dict(session.feature(FAC, uuid).tags)
    tags.update(changes)
    session.update_tags(FAC, uuid, tags)


def rows(path: Path) -> dict[str, dict]:
    """uuid -> version, tags and shape of every facility, read independently."""
    with sqlite3.connect(path) as connection:
        found = {uuid: {"version": version, "tags": json.loads(tags), "preset": preset}
                 for uuid, version, tags, preset in connection.execute(
                     "SELECT uuid, version, tags, preset FROM facilities")}
    frame = pyogrio.read_dataframe(path, layer=FAC, columns=["uuid"])
    for uuid, geometry in zip(frame["uuid"], frame.geometry, strict=True):
        found[uuid]["wkt"] = shapely.wkt.dumps(geometry, rounding_precision=9)
    return found


def history(path: Path) -> set[tuple]:
    with sqlite3.connect(path) as connection:
        return set(connection.execute(
            "SELECT layer, uuid, version, action, contributor, at, tags FROM "
            "quartier_edit_history"))


def conflict_rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        if not connection.execute("SELECT 1 FROM sqlite_master WHERE name = "
                                  "'quartier_merge_conflicts'").fetchone():
            return []
        return sorted(connection.execute(
            "SELECT uuid, field, mine, theirs, their_contributor FROM quartier_merge_conflicts"))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def laptops(kibera_project: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The office project, copied to three laptops, each edited by its own team."""
    folder = tmp_path_factory.mktemp("laptops")
    office = folder / "office.gpkg"
    shutil.copy(kibera_project, office)
    with sqlite3.connect(office) as connection:
        (value,) = connection.execute("SELECT value FROM quartier_metadata WHERE key = "
                                      "'area_of_interest'").fetchone()
    west, south, east, north = json.loads(value)
    x, y = (west + east) / 2, (south + north) / 2
    ids: dict[str, str] = {}
    with EditSession(office, contributor="Office") as session:
        for i, name in enumerate(["c1", "c3", "s", "d", "e", "w"]):
            ids[name] = session.add_feature(FAC, Point(x + i * 0.001, y), "facility/clinic",
                                            {"name": f"Clinic {name}", "capacity": "40"})
    paths = {who: folder / f"{who}.gpkg" for who in "abc"}
    for path in paths.values():
        shutil.copy(office, path)
    with EditSession(paths["a"], contributor="Achieng") as a:
        ids["fa"] = a.add_feature(FAC, Point(x, y + 0.002), "facility/clinic",
                                  {"name": "Amani Clinic"})
        retag(a, ids["c1"], capacity="60")
        retag(a, ids["c3"], name="Kianda Clinic")
        a.move(FAC, ids["s"], 0.0001, 0.0)
        a.delete(FAC, ids["d"])
    with EditSession(paths["b"], contributor="Baraka") as b:
        retag(b, ids["w"], operator="Community")
        retag(b, ids["c1"], operator="Red Cross")
        retag(b, ids["c3"], name="Kianda Health Centre")
        b.move(FAC, ids["s"], -0.0001, 0.0)
        retag(b, ids["d"], capacity="25")
    with EditSession(paths["c"], contributor="Chebet") as c:
        retag(c, ids["e"], opening_hours="Mo-Fr 08:00-17:00")
        retag(c, ids["c1"], description="Mobile clinic on Fridays")
    originals = {who: rows(path) for who, path in paths.items()}
    return {"folder": folder, "paths": paths, "ids": ids, "originals": originals}


def copies(laptops: dict, tmp_path: Path) -> dict[str, Path]:
    out = {}
    for who, path in laptops["paths"].items():
        out[who] = tmp_path / path.name
        shutil.copy(path, out[who])
    return out


def test_three_laptops_merge_with_every_kind_of_conflict(laptops, tmp_path, capsys):
    files = copies(laptops, tmp_path)
    ids, before = laptops["ids"], laptops["originals"]
    assert main(["merge", str(files["b"]), str(files["a"]), str(files["c"]), "--json",
                 "--contributor", "Facilitator"]) == 0
    out = json.loads(capsys.readouterr().out)
    merged = rows(files["b"])
    a, b, c = before["a"], before["b"], before["c"]
    # Different features: A's new clinic, B's and C's own edits.
    assert merged[ids["fa"]] == a[ids["fa"]]
    assert merged[ids["w"]] == b[ids["w"]]
    assert merged[ids["e"]] == c[ids["e"]]
    # Different tags of one feature on three laptops: combined, one new version per merge.
    assert merged[ids["c1"]]["tags"] == {**b[ids["c1"]]["tags"], "capacity": "60",
                                         "description": "Mobile clinic on Fridays"}
    assert merged[ids["c1"]]["tags"]["operator"] == "Red Cross"
    assert merged[ids["c1"]]["version"] == 4
    # Same tag, shape against shape, edit against deletion: the target's value kept.
    for name in ("c3", "s", "d"):
        assert merged[ids[name]] == b[ids[name]]
    assert set(merged) == set(b) | {ids["fa"]}
    kept = conflict_rows(files["b"])
    shapes = [r for r in kept if r[1] == "geometry"]
    assert [r for r in kept if r[1] != "geometry"] == sorted([
        (ids["c3"], "name", json.dumps("Kianda Health Centre"), json.dumps("Kianda Clinic"),
         "Achieng"),
        (ids["d"], "feature", json.dumps(b[ids["d"]]["tags"]), "null", "Achieng")])
    assert [(r[0], r[4]) for r in shapes] == [(ids["s"], "Achieng")]
    for text, side in ((shapes[0][2], b), (shapes[0][3], a)):
        assert shapely.from_wkt(json.loads(text)).equals_exact(
            shapely.from_wkt(side[ids["s"]]["wkt"]), 1e-9)
    assert {(x["uuid"], x["field"], x["who"]) for x in out["conflicts"]} == {
        (ids["c3"], "name", "Achieng"), (ids["s"], "geometry", "Achieng"),
        (ids["d"], "feature", "Achieng")}
    assert out["merged"]["added"] == 1 and out["merged"]["combined"] == 2
    # Every history row of every laptop is in the target, who and when kept.
    merged_history = history(files["b"])
    for who in "abc":
        assert history(laptops["paths"][who]) <= merged_history
    combined = sorted(r for r in merged_history if r[1] == ids["c1"] and r[2] > 2)
    assert [(r[2], r[3], r[4]) for r in combined] == [(3, "update", "Facilitator"),
                                                      (4, "update", "Facilitator")]
    assert json.loads(combined[-1][6]) == merged[ids["c1"]]["tags"]


def test_merging_the_same_file_twice_changes_nothing(laptops, tmp_path):
    files = copies(laptops, tmp_path)
    assert main(["merge", str(files["b"]), str(files["a"]), str(files["c"])]) == 0
    once = (rows(files["b"]), history(files["b"]), conflict_rows(files["b"]))
    assert main(["merge", str(files["b"]), str(files["a"]), str(files["c"])]) == 0
    assert (rows(files["b"]), history(files["b"]), conflict_rows(files["b"])) == once
    with sqlite3.connect(files["b"]) as connection:
        (count,) = connection.execute("SELECT COUNT(*) FROM quartier_edit_history").fetchone()
    assert count == len(once[1])


def test_a_into_b_and_b_into_a_give_the_same_features(laptops, tmp_path):
    files = copies(laptops, tmp_path)
    ids, before = laptops["ids"], laptops["originals"]
    assert main(["merge", str(files["b"]), str(files["a"])]) == 0
    assert main(["merge", str(files["a"]), str(laptops["paths"]["b"])]) == 0
    into_b, into_a = rows(files["b"]), rows(files["a"])
    conflicted = {ids["c3"], ids["s"], ids["d"]}
    assert set(into_b) - conflicted == set(into_a) - conflicted
    for uuid in set(into_b) - conflicted:
        assert {k: v for k, v in into_b[uuid].items() if k != "version"} == \
            {k: v for k, v in into_a[uuid].items() if k != "version"}, uuid
        assert into_b[uuid]["version"] == into_a[uuid]["version"]
    # Each side keeps its own value where they clash (A had deleted d).
    for name in ("c3", "s"):
        assert into_b[ids[name]] == before["b"][ids[name]]
        assert into_a[ids[name]] == before["a"][ids[name]]
    assert ids["d"] in into_b and ids["d"] not in into_a


def test_merging_back_after_a_conflict_keeps_the_clash_on_both_sides(laptops, tmp_path):
    """B is merged into A (a clash on c3's name: A keeps its own), then A back into B:
    B must not take A's value silently either; it keeps its own and lists the clash."""
    files = copies(laptops, tmp_path)
    ids, before = laptops["ids"], laptops["originals"]
    assert main(["merge", str(files["a"]), str(files["b"])]) == 0
    assert any(r[0] == ids["c3"] and r[1] == "name" for r in conflict_rows(files["a"]))
    assert main(["merge", str(files["b"]), str(files["a"])]) == 0
    after = rows(files["b"])
    assert after[ids["c3"]]["tags"]["name"] == before["b"][ids["c3"]]["tags"]["name"]
    clash = [r for r in conflict_rows(files["b"]) if r[0] == ids["c3"] and r[1] == "name"]
    assert [(r[2], r[3]) for r in clash] == [(json.dumps("Kianda Health Centre"),
                                             json.dumps("Kianda Clinic"))]
    # Settled on A (theirs: B's name), merging A into B again agrees without a clash.
    assert main(["conflicts", str(files["a"]), "--keep", "theirs", ids["c3"]]) == 0
    assert rows(files["a"])[ids["c3"]]["tags"]["name"] == "Kianda Health Centre"


def test_keep_theirs_settles_one_conflict(laptops, tmp_path, capsys):
    files = copies(laptops, tmp_path)
    ids, before = laptops["ids"], laptops["originals"]
    assert main(["merge", str(files["b"]), str(files["a"])]) == 0
    assert main(["conflicts", str(files["b"]), "--keep", "theirs", ids["c3"],
                 "--contributor", "Facilitator"]) == 0
    assert main(["conflicts", str(files["b"]), "--keep", "theirs", ids["d"]]) == 0
    assert main(["conflicts", str(files["b"]), "--keep", "mine", ids["s"]]) == 0
    after = rows(files["b"])
    assert after[ids["c3"]]["tags"]["name"] == "Kianda Clinic"
    assert after[ids["c3"]]["tags"]["capacity"] == before["b"][ids["c3"]]["tags"]["capacity"]
    assert ids["d"] not in after
    assert after[ids["s"]] == before["b"][ids["s"]]
    assert conflict_rows(files["b"]) == []
    settled = [r for r in history(files["b"]) if r[1] == ids["c3"] and r[4] == "Facilitator"]
    assert len(settled) == 1 and json.loads(settled[0][6])["name"] == "Kianda Clinic"
    capsys.readouterr()
    assert main(["conflicts", str(files["b"]), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"conflicts": []}


def test_bad_input_is_a_plain_sentence_and_changes_nothing(laptops, tmp_path, capsys):
    files = copies(laptops, tmp_path)
    target = digest(files["b"])
    not_project = tmp_path / "notes.gpkg"
    not_project.write_text("field notes, not a project")
    assert main(["merge", str(files["b"]), str(files["a"]), str(not_project)]) == 2
    assert "not a Quartier project" in capsys.readouterr().err
    with sqlite3.connect(files["c"]) as connection:
        connection.execute("UPDATE quartier_metadata SET value = '99' WHERE key = "
                           "'schema_version'")
    assert main(["merge", str(files["b"]), str(files["a"]), str(files["c"])]) == 2
    err = capsys.readouterr().err
    assert "another layout" in err and "Traceback" not in err
    bare = tmp_path / "bare.gpkg"
    with sqlite3.connect(bare) as connection:
        connection.execute("CREATE TABLE gpkg_contents (table_name TEXT)")
    assert main(["merge", str(files["b"]), str(bare)]) == 2
    assert "not a Quartier project" in capsys.readouterr().err
    assert main(["merge", str(files["b"]), "postgresql://amina@db/mapping?project=kibera"]) == 2
    assert "quartier server sync" in capsys.readouterr().err
    assert main(["conflicts", str(files["b"]), "--keep", "theirs", "no-such-uuid"]) == 2
    assert "no merge conflict" in capsys.readouterr().err
    assert digest(files["b"]) == target


def test_another_area_merges_its_participatory_layers_and_says_so(laptops, tmp_path, capsys):
    files = copies(laptops, tmp_path)
    with sqlite3.connect(files["c"]) as connection:
        connection.execute("UPDATE quartier_metadata SET value = '\"another extract\"' "
                           "WHERE key = 'source'")
    assert main(["merge", str(files["b"]), str(files["c"])]) == 0
    assert "another area or base extract" in capsys.readouterr().out
    ids = laptops["ids"]
    assert rows(files["b"])[ids["e"]] == laptops["originals"]["c"][ids["e"]]


def test_keep_theirs_brings_back_a_feature_deleted_here(laptops, tmp_path):
    files = copies(laptops, tmp_path)
    ids, before = laptops["ids"], laptops["originals"]
    assert main(["merge", str(files["a"]), str(files["b"])]) == 0
    assert ids["d"] not in rows(files["a"])
    assert main(["conflicts", str(files["a"]), "--keep", "theirs", ids["d"]]) == 0
    back = rows(files["a"])[ids["d"]]
    assert back["tags"] == before["b"][ids["d"]]["tags"]
    assert back["wkt"] == before["b"][ids["d"]]["wkt"]
    assert [r[0] for r in conflict_rows(files["a"])] == sorted([ids["c3"], ids["s"]])


def test_a_merge_failing_halfway_writes_nothing(laptops, tmp_path, monkeypatch, capsys):
    files = copies(laptops, tmp_path)
    target = digest(files["b"])

    def broken(*_args, **_kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    # Features are written first, then history rows: fail on the history rows.
    monkeypatch.setattr("mapping.store._pg_sync_local.add_history", broken)
    assert main(["merge", str(files["b"]), str(files["a"])]) == 2
    assert "nothing was changed" in capsys.readouterr().err
    assert digest(files["b"]) == target
    assert rows(files["b"]) == laptops["originals"]["b"]
    assert history(files["b"]) == history(laptops["paths"]["b"])


def test_a_stop_never_loses_its_line(kibera_project, tmp_path):
    """A deletes a minibus line (its stops go with it) while B renames one of its stops."""
    office = tmp_path / "office.gpkg"
    shutil.copy(kibera_project, office)
    roads = pyogrio.read_dataframe(kibera_project, layer="roads")
    road = max(roads.geometry, key=lambda g: len(g.coords))
    with EditSession(office, contributor="Office") as session:
        line = session.add_feature("transport_lines", road, "transport_line/minibus",
                                   {"name": "Route 8", "ref": "8"})
        first = session.add_stop(line, road.interpolate(0.25, normalized=True), "Olympic")
        second = session.add_stop(line, road.interpolate(0.75, normalized=True), "Kianda")
    a, b = tmp_path / "a.gpkg", tmp_path / "b.gpkg"
    shutil.copy(office, a)
    shutil.copy(office, b)
    with EditSession(a, contributor="Achieng") as session:
        session.delete("transport_lines", line)
    with EditSession(b, contributor="Baraka") as session:
        tags = dict(session.feature("transport_stops", first).tags)
        session.update_tags("transport_stops", first, {**tags, "name": "Olympic Stage"})
    assert main(["merge", str(b), str(a)]) == 0
    with sqlite3.connect(b) as connection:
        lines = [u for (u,) in connection.execute("SELECT uuid FROM transport_lines")]
        stops = dict(connection.execute("SELECT uuid, line_uuid FROM transport_stops"))
        kept = sorted(connection.execute("SELECT uuid, field, theirs FROM "
                                         "quartier_merge_conflicts"))
    assert lines == [line]
    assert stops == {first: line}  # the untouched stop went with A's deletion
    assert second not in stops
    assert kept == sorted([(line, "feature", "null"), (first, "feature", "null")])
    once = history(b)
    assert main(["merge", str(b), str(a)]) == 0
    assert history(b) == once
