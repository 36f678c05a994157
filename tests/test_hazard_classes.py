"""Hazard classes of any number: one classification for the map, the legend and the analysis.

A depth raster with cells exactly on the class boundaries (0, 0.1, 0.7, 1.5, 3 m) and a
vector hazard with the same depths are classified by the map code (what is drawn,
identified and exported) and by the exposure analysis; both must agree with the classes
written out by hand from the rule "(min, max]: a value on a boundary is in the lower
class, 0 in no class".
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import rasterio
from PySide6.QtCore import Qt
from rasterio.transform import from_origin
from shapely.geometry import box

from mapping import hazard_store
from mapping.analysis import schemes
from mapping.analysis._inputs import load_hazard
from mapping.analysis.exposure import analyse
from mapping.project import Project

REPO = Path(__file__).resolve().parents[1]
# rasterio itself still multiplies Affine transforms the old way.
pytestmark = pytest.mark.filterwarnings("ignore:Use `@` matmul:PendingDeprecationWarning")
X0, Y0 = 36.78, -1.31
D = 0.0005  # cell size, degrees (about 55 m)
#: One row of cells, west to east: values on and between the flood4 boundaries.
DEPTHS = [0.0, 0.05, 0.1, 0.4, 0.7, 1.0, 1.5, 2.0, 3.0, -1.0]
#: The flood4 class of each depth, by hand: 0 | (0,0.1] (0.1,0.7] (0.7,1.5] (1.5,inf).
FLOOD4 = [0, 1, 1, 2, 2, 3, 3, 4, 4, 0]
#: The three classes of a layer added with the default thresholds 0.5,1.5, by hand.
DEFAULT3 = [0, 1, 1, 1, 2, 2, 2, 3, 3, 0]
#: Four classes typed on the command line (same boundaries as flood4, other names).
FOUR = "use caution:0-0.1,low:0.1-0.7,medium:0.7-1.5,high:1.5-"
FOUR_NAMES = ["use caution", "low", "medium", "high"]


def _quartier(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "desktop.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=REPO)


def _ok(*args: object) -> subprocess.CompletedProcess:
    done = _quartier(*args)
    assert done.returncode == 0, done.stderr
    return done


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cell(column: int):
    """A small building well inside cell ``column``."""
    west = X0 + column * D
    return box(west + 0.3 * D, Y0 - 0.7 * D, west + 0.7 * D, Y0 - 0.3 * D)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A project with one building per cell, the depth raster, depth zones and word zones."""
    folder = tmp_path_factory.mktemp("classes")
    count = len(DEPTHS)
    buildings = gpd.GeoDataFrame({"building": ["yes"] * count},
                                 geometry=[_cell(c) for c in range(count)], crs="EPSG:4326")
    buildings.to_file(folder / "buildings.geojson", driver="GeoJSON")
    cells = [box(X0 + c * D, Y0 - D, X0 + (c + 1) * D, Y0) for c in range(count)]
    zones = gpd.GeoDataFrame({"depth": DEPTHS}, geometry=cells, crs="EPSG:4326")
    zones.to_file(folder / "zones.geojson", driver="GeoJSON")
    words = gpd.GeoDataFrame({"flooded": ["yes", "no", "Yes", "partly", None] * 2},
                             geometry=cells, crs="EPSG:4326")
    words.to_file(folder / "words.geojson", driver="GeoJSON")
    with rasterio.open(folder / "depth.tif", "w", driver="GTiff", width=count, height=1,
                       count=1, dtype="float32", crs="EPSG:4326", nodata=-9999.0,
                       transform=from_origin(X0, Y0, D, D)) as dataset:
        dataset.write(np.array([DEPTHS], dtype="float32"), 1)
    project = folder / "classes.gpkg"
    _ok("new", project, "--base", folder / "buildings.geojson", "--as",
        "buildings.geojson=buildings")
    _ok("hazard", "add", project, folder / "depth.tif", "--name", "depth")
    _ok("hazard", "add", project, folder / "zones.geojson", "--name", "zones", "--attribute",
        "depth")
    _ok("hazard", "add", project, folder / "words.geojson", "--name", "words", "--attribute",
        "flooded", "--class-map", "yes=high,partly=medium,no=none")
    return project


@pytest.fixture
def project(tmp_path, template) -> Path:
    return Path(shutil.copy(template, tmp_path / "classes.gpkg"))


def _building_classes(path: Path, hazard: str) -> list[int]:
    result = analyse(Project(path), hazard, "buildings")
    return result.feature_classes.sort_index().tolist()


def test_map_and_analysis_agree_cell_by_cell(project):
    _ok("hazard", "classify", project, "depth", "--scheme", "flood4")
    _ok("hazard", "classify", project, "zones", "--classes", FOUR)
    opened = Project(project)
    raster = hazard_store.read_hazard_raster(opened, "depth")
    assert raster.classes[0].tolist() == FLOOD4  # what the map draws
    assert load_hazard(opened, "depth").grid_codes[0].tolist() == FLOOD4  # what is counted
    assert _building_classes(project, "depth") == FLOOD4
    # The vector hazard: its stored hazard_class (drawn, exported) and the analysis.
    stored = hazard_store.read_hazard_vector(opened, "zones")
    assert stored.sort_values("depth", kind="stable")["hazard_class"].tolist() == \
        [FLOOD4[i] for i in np.argsort(DEPTHS, kind="stable")]
    assert dict(zip(stored["depth"], stored["hazard_class"], strict=True)) == \
        dict(zip(DEPTHS, FLOOD4, strict=True))
    assert _building_classes(project, "zones") == FLOOD4
    # The legend and "What is here" name the same four classes, on a graded ramp.
    (layer,) = [i for i in hazard_store.list_hazard_layers(opened) if i.name == "depth"]
    assert layer.legend.labels == {1: "Use caution (≤ 0.1 m)", 2: "Low (0.1–0.7 m)",
                                   3: "Medium (0.7–1.5 m)", 4: "High (> 1.5 m)"}
    colours = [layer.legend.colours[code] for code in (1, 2, 3, 4)]
    assert len(set(colours)) == 4
    from mapping.render.hazard_draw import warp_hazard_raster

    overlay = warp_hazard_raster("depth", raster, "EPSG:4326")
    for column, expected in enumerate(FLOOD4):
        sample = overlay.sample(X0 + (column + 0.5) * D, Y0 - 0.5 * D)
        assert sample is not None and sample[0] == expected
        assert sample[1] == pytest.approx(DEPTHS[column]) or expected == 0


def test_old_default_layer_puts_a_break_value_in_the_lower_class(project):
    """Layers added with --thresholds (default 0.5,1.5): 1.5 m is medium on the map too."""
    raster = hazard_store.read_hazard_raster(Project(project), "depth")
    assert raster.classes[0].tolist() == DEFAULT3
    assert _building_classes(project, "depth") == DEFAULT3


def test_classes_from_the_command_line_are_listed_and_analysed(project):
    done = _ok("hazard", "classify", project, "depth", "--classes", FOUR,
               "--affected", "medium,high")
    assert "4  High (> 1.5 m)  (affected)" in done.stdout
    assert "2  Low (0.1–0.7 m)  (not affected)" in done.stdout
    listed = json.loads(_ok("hazard", "list", project, "--json").stdout)
    depth = next(layer for layer in listed if layer["name"] == "depth")
    assert [(c["name"], c["affected"]) for c in depth["classes"]] == [
        ("use caution", False), ("low", False), ("medium", True), ("high", True)]
    data = json.loads(_ok("analyse", project, "--hazard", "depth", "--exposure", "buildings",
                          "--json").stdout)
    by_hand = {name: FLOOD4.count(code) for code, name in enumerate(FOUR_NAMES, start=1)}
    assert data["classes"] == by_hand
    assert data["totals"]["affected"] == by_hand["medium"] + by_hand["high"]
    assert data["totals"]["not_exposed"] == FLOOD4.count(0)
    text = _ok("hazard", "list", project).stdout
    assert "use caution" in text.casefold() and "(not affected)" in text


def test_word_classes_on_the_map_and_in_the_analysis(project):
    _ok("hazard", "classify", project, "words", "--classes", "yes=wet,no=none")
    frame = hazard_store.read_hazard_vector(Project(project), "words")
    by_hand = [1 if isinstance(v, str) and v.strip().casefold() == "yes" else 0
               for v in frame["flooded"]]
    assert frame["hazard_class"].tolist() == by_hand
    (layer,) = [i for i in hazard_store.list_hazard_layers(Project(project)) if i.name == "words"]
    assert [c.name for c in layer.classification.classes] == ["wet"]
    assert layer.classification.classes[0].affected
    # analyse --classes takes words too, read from the layer's attribute.
    data = json.loads(_ok("analyse", project, "--hazard", "words", "--exposure", "buildings",
                          "--classes", "no=dry,yes=wet,partly=wet", "--json").stdout)
    flooded = ["yes", "no", "Yes", "partly", None] * 2
    assert data["classes"] == {"dry": flooded.count("no"),
                               "wet": sum(1 for v in flooded if v in ("yes", "Yes", "partly"))}


def test_old_projects_stored_classes_still_load(project):
    """Styles written before N classes: two breaks, or a word -> 0-3 table."""
    old_raster = {"method": "thresholds", "attribute": None,
                  "thresholds": {"breaks": [0.7, 1.5], "minimum": 0.0, "unit": "m"}}
    old_words = {"method": "values", "attribute": "flooded",
                 "class_map": {"yes": 3, "partly": 2, "no": 0}}
    connection = sqlite3.connect(project)
    for name, classification in (("depth", old_raster), ("words", old_words)):
        (style,) = connection.execute("SELECT style FROM quartier_layers WHERE name = ?",
                                      (name,)).fetchone()
        style = json.loads(style)
        style["classification"] = classification
        style["labels"] = {"1": "Low (< 0.7 m)", "2": "Medium (0.7–1.5 m)", "3": "High (≥ 1.5 m)"}
        connection.execute("UPDATE quartier_layers SET style = ? WHERE name = ?",
                           (json.dumps(style), name))
    connection.commit()
    connection.close()
    opened = Project(project)
    layers = {i.name: i for i in hazard_store.list_hazard_layers(opened)}
    assert [c.name for c in layers["depth"].classification.classes] == ["low", "medium", "high"]
    assert [c.affected for c in layers["depth"].classification.classes] == [False, True, True]
    assert layers["depth"].legend.labels[3] == "High (> 1.5 m)"
    by_hand = [0 if d <= 0 else 1 if d <= 0.7 else 2 if d <= 1.5 else 3 for d in DEPTHS]
    assert hazard_store.read_hazard_raster(opened, "depth").classes[0].tolist() == by_hand
    assert _building_classes(project, "depth") == by_hand
    assert layers["words"].classification.class_map == {"no": 0, "partly": 2, "yes": 3}
    assert layers["words"].legend.labels[3] == "High (yes)"
    # Still editable with the old options.
    _ok("hazard", "classify", project, "depth", "--thresholds", "0.5,1.5")
    assert hazard_store.read_hazard_raster(opened, "depth").classes[0].tolist() == DEFAULT3


@pytest.mark.parametrize("args, words", [
    (("depth", "--classes", "a:0-1,b:0.5-2"), "overlap"),
    (("depth", "--classes", "a:0-1:no,b:1-:no"), "No class of depth would be affected"),
    (("depth", "--scheme", "flood4", "--affected", "nothing"), "not one of the classes"),
    (("depth", "--scheme", "flood_5class"), "is not a ready-made class scheme"),
    (("depth", "--classes", "yes=high,no=none"), "raster of numbers"),
    (("words", "--classes", "low:0-1,high:1-"), "need words"),
    (("words", "--classes", "maybe=high"), "None of these words"),
    (("depth", "--classes", "a:1-0.5"), "minimum below its maximum"),
    (("depth", "--classes", "a:0-1,a:1-"), "Two classes are named"),
    (("depth", "--classes", "a:zero-1"), "name:min-max"),
])
def test_bad_classes_are_a_sentence_and_change_nothing(project, args, words, capsys):
    from desktop.cli import main

    before = _digest(project)
    assert main(["hazard", "classify", str(project), *args]) == 2
    error = capsys.readouterr().err
    assert words in error and "Traceback" not in error
    assert error.startswith("quartier: ") and len(error.splitlines()) == 1
    assert _digest(project) == before


def test_bad_classes_from_the_real_command(project):
    before = _digest(project)
    done = _quartier("hazard", "classify", project, "depth", "--classes", "a:0-1,b:0.5-2")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("quartier: Classes 'a' and 'b' overlap")
    assert _digest(project) == before


def test_parse_classes_forms():
    scheme, none_words = schemes.parse_layer_classes(FOUR)
    assert scheme.names == FOUR_NAMES
    assert [c.affected for c in scheme.classes] == [False, True, True, True]
    assert scheme.classify_numbers(np.array(DEPTHS)).tolist() == FLOOD4
    assert none_words == ()
    legacy = schemes.parse_classes("b:1:2:yes,a:0:1:no,c:2::yes")
    assert legacy.names == ["a", "b", "c"]
    marked = schemes.parse_classes("dry:0-1:no,wet:1-:yes")
    assert [c.affected for c in marked.classes] == [False, True]
    words, none_words = schemes.parse_layer_classes("tinggi=high,rendah=low,ya=high,tidak=none")
    assert words.names == ["low", "high"] and none_words == ("tidak",)
    assert words.classify_words(["YA", "tinggi", "rendah", "tidak", None]).tolist() == \
        [2, 2, 1, 0, 0]
    assert schemes.scheme_named("flood_4class") is schemes.SCHEMES["flood4"]


def _bounds(classes) -> list[tuple]:
    return [(c.name, c.affected, c.minimum, c.maximum) for c in classes]


def test_dialog_round_trips_any_number_of_classes(project, qtbot):
    from desktop.dialogs.thresholds_dialog import ThresholdsDialog

    _ok("hazard", "classify", project, "depth", "--classes", FOUR, "--affected", "medium,high")
    opened = Project(project)
    stored = {i.name: i for i in hazard_store.list_hazard_layers(opened)}["depth"]
    dialog = ThresholdsDialog("Depth", stored.classification)
    qtbot.addWidget(dialog)
    editor = dialog.editor
    assert editor.table.rowCount() == 4
    assert _bounds(dialog.scheme().classes) == _bounds(stored.classification.classes)
    # Add a fifth class on top, above 3 m, and save it.
    editor.add_class()
    editor._spin(3).setValue(3.0)
    editor.table.item(4, editor.NAME).setText("very high")
    assert editor.is_valid(), editor.problem()
    hazard_store.set_classes(opened, "depth", dialog.scheme(), dialog.none_values())
    raster = hazard_store.read_hazard_raster(opened, "depth")
    by_hand = [0, 1, 1, 2, 2, 3, 3, 4, 4, 0]
    by_hand[DEPTHS.index(3.0)] = 4  # 3 m is on the new limit: still "high"
    assert raster.classes[0].tolist() == by_hand
    reopened = ThresholdsDialog("Depth", {i.name: i for i in hazard_store.list_hazard_layers(
        opened)}["depth"].classification)
    qtbot.addWidget(reopened)
    assert [c.name for c in reopened.scheme().classes] == [*FOUR_NAMES, "very high"]
    assert reopened.scheme().classes[3].maximum == 3.0
    # Limits out of order, or nothing ticked, are said and not accepted.
    reopened.editor._spin(1).setValue(5.0)
    assert "higher than" in reopened.editor.error.text()
    reopened.editor._spin(1).setValue(0.7)
    for row in range(reopened.editor.table.rowCount()):
        reopened.editor.table.item(row, reopened.editor.AFFECTED).setCheckState(
            Qt.CheckState.Unchecked)
    assert "affected" in reopened.editor.error.text()
    # A ready-made scheme fills the table and is saved under its name.
    combo = reopened.editor.presets
    combo.setCurrentIndex(combo.findData("tsunami"))
    combo.activated.emit(combo.currentIndex())
    assert _bounds(reopened.scheme().classes) == _bounds(schemes.SCHEMES["tsunami"].classes)
    assert reopened.scheme().name == "tsunami"
    hazard_store.set_classes(opened, "depth", reopened.scheme())
    again = ThresholdsDialog("Depth", {i.name: i for i in hazard_store.list_hazard_layers(
        opened)}["depth"].classification)
    qtbot.addWidget(again)
    assert again.editor.presets.currentData() == "tsunami"
    # Remove a class: still a valid, contiguous scheme.
    reopened.editor.table.selectRow(1)
    reopened.editor.remove_class()
    assert [c.name for c in reopened.scheme().classes] == ["dry", "medium", "high"]
    assert reopened.scheme().classes[1].minimum == 0.1


def test_dialog_edits_word_classes(project, qtbot):
    from desktop.dialogs.thresholds_dialog import ThresholdsDialog

    opened = Project(project)
    words = {i.name: i for i in hazard_store.list_hazard_layers(opened)}["words"]
    dialog = ThresholdsDialog("Words", words.classification)
    qtbot.addWidget(dialog)
    editor = dialog.editor
    assert editor.words and editor.none_words.text() == "no"
    editor.set_classes((schemes.SchemeClass("wet", True, values=("yes", "partly")),))
    assert editor.is_valid(), editor.problem()
    hazard_store.set_classes(opened, "words", dialog.scheme(), dialog.none_values())
    frame = hazard_store.read_hazard_vector(opened, "words")
    by_hand = [1 if isinstance(v, str) and v.casefold() in ("yes", "partly") else 0
               for v in frame["flooded"]]
    assert frame["hazard_class"].tolist() == by_hand


def test_what_is_here_and_the_legend_name_the_same_classes(project):
    from pyproj import Transformer

    from mapping.render.renderer import MapRenderer

    _ok("hazard", "classify", project, "depth", "--scheme", "flood4")
    _ok("hazard", "classify", project, "zones", "--classes", FOUR)
    renderer = MapRenderer(Project(project))
    labels = {1: "Use caution (≤ 0.1 m)", 2: "Low (0.1–0.7 m)", 3: "Medium (0.7–1.5 m)",
              4: "High (> 1.5 m)"}
    to_map = Transformer.from_crs("EPSG:4326", renderer.working_crs, always_xy=True)
    for column, expected in enumerate(FLOOD4):
        x, y = to_map.transform(X0 + (column + 0.5) * D, Y0 - 0.5 * D)
        found = {r.layer: r.attributes for r in renderer.identify(x, y, 1.0)}
        if expected:
            assert found["depth"]["hazard class"] == labels[expected]
            assert found["zones"]["hazard_class"] == labels[expected]
        else:
            assert "depth" not in found
    shown = [(e.layer, e.label) for e in renderer.legend() if e.layer in ("depth", "zones")]
    assert [label for layer, label in shown if layer == "depth"] == \
        [labels[c] for c in (4, 3, 2, 1)]
    assert sorted(label for layer, label in shown if layer == "zones") == sorted(labels.values())


def test_evacuation_avoids_the_layers_own_affected_classes(project):
    """With four classes, the default avoided zones are the affected ones (not codes 2-3)."""
    import shapely

    from layers.hazard_classes import HazardClass
    from mapping.analysis.avoided_zones import DEFAULT_AVOIDED, AvoidedZones

    _ok("hazard", "classify", project, "depth", "--classes", FOUR, "--affected", "medium,high")
    zones = AvoidedZones(Project(project), "depth", DEFAULT_AVOIDED)
    cells = [shapely.box(X0 + c * D, Y0 - D, X0 + (c + 1) * D, Y0)
             for c, code in enumerate(FLOOD4) if code in (3, 4)]
    assert shapely.union_all(zones.zones).symmetric_difference(
        shapely.union_all(cells)).area == pytest.approx(0.0, abs=1e-12)
    # Named classes are the layer's own: "low" is code 2 here.
    low = AvoidedZones(Project(project), "depth", frozenset({HazardClass.LOW}))
    cells = [shapely.box(X0 + c * D, Y0 - D, X0 + (c + 1) * D, Y0)
             for c, code in enumerate(FLOOD4) if code == 2]
    assert shapely.union_all(low.zones).symmetric_difference(
        shapely.union_all(cells)).area == pytest.approx(0.0, abs=1e-12)


def test_hazard_add_takes_the_classes_directly(project, template):
    """``hazard add --scheme/--classes``: the layer is added with its N classes at once."""
    folder = template.parent
    done = _ok("hazard", "add", project, folder / "depth.tif", "--name", "depth4",
               "--scheme", "flood4")
    labels = ["Use caution (≤ 0.1 m)", "Low (0.1–0.7 m)", "Medium (0.7–1.5 m)",
              "High (> 1.5 m)"]
    for code, label in enumerate(labels, start=1):
        # The import report counts the cells of each of the four classes.
        assert re.search(rf"^  {re.escape(label)} +{FLOOD4.count(code)} cells$", done.stdout,
                         re.MULTILINE), done.stdout
    listed = json.loads(_ok("hazard", "list", project, "--json").stdout)
    depth4 = next(layer for layer in listed if layer["name"] == "depth4")
    assert [(c["name"], c["affected"]) for c in depth4["classes"]] == [
        ("use caution", False), ("low", True), ("medium", True), ("high", True)]
    raster = hazard_store.read_hazard_raster(Project(project), "depth4")
    assert raster.classes[0].tolist() == FLOOD4
    _ok("hazard", "add", project, folder / "zones.geojson", "--name", "zones4", "--attribute",
        "depth", "--classes", FOUR, "--affected", "medium,high")
    zones = hazard_store.read_hazard_vector(Project(project), "zones4")
    assert dict(zip(zones["depth"], zones["hazard_class"], strict=True)) == \
        dict(zip(DEPTHS, FLOOD4, strict=True))
    _ok("hazard", "add", project, folder / "words.geojson", "--name", "words2", "--attribute",
        "flooded", "--classes", "yes=wet,partly=wet,no=none")
    words = hazard_store.read_hazard_vector(Project(project), "words2")
    by_hand = [1 if isinstance(v, str) and v.strip().casefold() in ("yes", "partly") else 0
               for v in words["flooded"]]
    assert words["hazard_class"].tolist() == by_hand


@pytest.mark.parametrize(("args", "words"), [
    (("depth.tif", "--scheme", "flood5"), "not a ready-made class scheme"),
    (("depth.tif", "--classes", "a:0-1,b:0.5-2"), "overlap"),
    (("depth.tif", "--classes", "yes=high"), "raster of numbers"),
    (("depth.tif", "--affected", "high"), "--affected goes with"),
    (("depth.tif", "--scheme", "flood4", "--affected", "deep"), "deep"),
    (("zones.geojson", "--scheme", "flood4"), "add --attribute"),
    (("words.geojson", "--attribute", "flooded", "--scheme", "flood4"), "None of these words"),
    (("words.geojson", "--attribute", "flooded", "--classes", "low:0-1,high:1-"), "need words"),
])
def test_hazard_add_refuses_bad_classes_in_a_sentence(project, template, args, words, capsys):
    from desktop.cli import main

    before = _digest(project)
    code = main(["hazard", "add", str(project), str(template.parent / args[0]), "--name", "bad",
                 *args[1:]])
    assert code == 2
    said = [line for line in capsys.readouterr().err.splitlines()
            if not re.match(r"^ *\d+%  ", line)]
    assert len(said) == 1 and said[0].startswith("quartier: ") and words in said[0], said
    assert _digest(project) == before


def test_hazard_add_bad_classes_from_the_real_command(project, template):
    before = _digest(project)
    for args in (("depth.tif", "--classes", "a:0-1,b:0.5-2"),
                 ("words.geojson", "--attribute", "flooded", "--scheme", "flood4")):
        done = _quartier("hazard", "add", project, template.parent / args[0], "--name", "bad",
                         *args[1:])
        assert done.returncode == 2 and "Traceback" not in done.stderr
        said = [line for line in done.stderr.splitlines() if not re.match(r"^ *\d+%  ", line)]
        assert len(said) == 1 and said[0].startswith("quartier: "), said
    assert _digest(project) == before


def test_import_dialog_offers_the_ready_made_schemes(project, template, qtbot):
    """The Add a hazard layer dialog: a ready-made scheme replaces the two limits, and the
    import (as the window runs it) stores its classes."""
    from desktop.dialogs.hazard_dialog import HazardImportDialog
    from layers.hazard_classes import HazardType

    dialog = HazardImportDialog({"depth"})
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_file(template.parent / "depth.tif")
    schemes_offered = [dialog.scheme.itemData(i) for i in range(dialog.scheme.count())]
    assert schemes_offered == [None, *schemes.SCHEMES]
    assert dialog.thresholds.isVisible()
    dialog.scheme.setCurrentIndex(schemes_offered.index("flood4"))
    assert not dialog.thresholds.isVisible()
    request = dialog.request()
    assert request.scheme == "flood4" and request.thresholds is None
    assert request.hazard_type is HazardType.FLOOD
    assert "four classes" in dialog.scheme.currentText()
    # What desktop.dialogs.import_flow does with the request, in its worker.
    hazard_store.add_hazard_layer(Project(project), request.path, request.name,
                                  hazard_type=request.hazard_type,
                                  classes=schemes.scheme_named(request.scheme))
    raster = hazard_store.read_hazard_raster(Project(project), request.name)
    assert raster.classes[0].tolist() == FLOOD4
