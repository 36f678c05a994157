"""The Export menu and the print dialog, driven as a person would, read back independently.

The project is the real Kibera extract with participatory features added as the
editor stores them (the same fixture data as ``test_export_data``). What the
window writes is read with GDAL (pyogrio, ``ogrinfo``), ``osmium`` and
``pdftotext``/``pdfinfo``, never with Quartier's own readers.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pyogrio
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.test_export_data import add_participatory_features  # noqa: E402

pytestmark = pytest.mark.gui

TIMEOUT = 30000


@pytest.fixture(scope="module")
def kibera_source(tmp_path_factory: pytest.TempPathFactory, kibera_project: Path) -> Path:
    """Kibera with facilities, a matatu line and its stages, and a risk zone."""
    path = tmp_path_factory.mktemp("gui_export") / "kibera.gpkg"
    shutil.copy(kibera_project, path)
    add_participatory_features(path)
    return path


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kibera_source: Path):
    """A main window in English with a copy of the Kibera project on the map."""
    from desktop.i18n import Translations
    from desktop.main_window import MainWindow

    monkeypatch.setenv("QUARTIER_SETTINGS_DIR", str(tmp_path / "settings"))
    project = tmp_path / "kibera.gpkg"
    shutil.copy(kibera_source, project)
    translations = Translations()
    translations.install("en")
    main = MainWindow(translations)
    qtbot.addWidget(main)
    main.resize(1300, 850)
    main.show()
    qtbot.waitExposed(main)
    main.open_project(project)
    qtbot.waitUntil(lambda: main.project is not None or main.last_error is not None,
                    timeout=TIMEOUT)
    assert main.last_error is None, main.last_error
    yield main
    main.runner.cancel_all()
    main.runner.wait(TIMEOUT)
    main.canvas.shutdown()


def finish(qtbot, window) -> object:
    """Wait for the export's summary box; returns the report."""
    flow = window.export_flow
    with qtbot.waitSignal(flow.exported, timeout=TIMEOUT) as blocker:
        pass
    qtbot.waitUntil(lambda: flow.summary_box is not None, timeout=TIMEOUT)
    return blocker.args[0]


def feature_count(path: Path, layer: str) -> int:
    return int(pyogrio.read_info(path, layer=layer, force_feature_count=True)["features"])


# -- data ----------------------------------------------------------------------------------


def test_menu_lists_every_export_and_is_off_without_a_project(qtbot, tmp_path, monkeypatch):
    from desktop.main_window import MainWindow

    monkeypatch.setenv("QUARTIER_SETTINGS_DIR", str(tmp_path / "settings"))
    empty = MainWindow()
    qtbot.addWidget(empty)
    texts = [a.text() for a in empty.export_menu.actions()]
    assert texts == ["Data for GIS (GeoPackage, GeoJSON, Shapefile, CSV, KML)…",
                     "For OpenStreetMap (JOSM)…", "Transport feed (GTFS)…", "Offline web map…"]
    assert empty.print_action in empty.file_menu.actions()
    assert not empty.print_action.isEnabled() and not empty.export_button.isEnabled()
    assert empty.export_flow.export_data() is None  # nothing to export yet


def test_geopackage_of_chosen_layers_without_personal_data(qtbot, window, tmp_path: Path):
    source = window.project.path
    window.export_actions["gpkg"].trigger()
    dialog = window.export_flow.dialog
    assert dialog is not None and dialog.format() == "gpkg"
    # Every layer with features is ticked, the street graph is not offered.
    offered = [info.name for info in dialog.layer_infos]
    assert "street_edges" not in offered and "street_nodes" not in offered
    assert {"buildings", "roads", "facilities"} <= set(dialog.checked_layers())
    dialog.set_layers(["buildings", "facilities"])
    dialog.personal_check.setChecked(True)
    out = tmp_path / "out" / "kibera_for_gis.gpkg"
    out.parent.mkdir()
    dialog.path_edit.setText(str(out.with_suffix("")))  # the extension is added
    dialog.accept()
    report = finish(qtbot, window)
    assert report.files == [out]
    # GDAL reads the file: the two layers, as many features as the project holds.
    layers = {name for name, _geometry in pyogrio.list_layers(out)}
    assert layers == {"buildings", "facilities"}
    assert feature_count(out, "buildings") == feature_count(source, "buildings") > 100
    assert feature_count(out, "facilities") == feature_count(source, "facilities") == 7
    columns = set(pyogrio.read_info(out, layer="facilities")["fields"])
    assert "amenity" in columns and "contributor" not in columns
    summary = window.export_flow.summary_box.text()
    assert "kibera_for_gis.gpkg" in summary and "Facilities: 7 features" in summary


def test_geojson_for_web_tools_is_wgs84(qtbot, window, tmp_path: Path):
    flow = window.export_flow
    dialog = flow.export_data("geojson")
    dialog.set_layers(["facilities"])
    dialog.path_edit.setText(str(tmp_path / "facilities.gpkg"))  # switched to .geojson
    assert dialog.request().path == tmp_path / "facilities.geojson"
    dialog.accept()
    finish(qtbot, window)
    data = json.loads((tmp_path / "facilities.geojson").read_text(encoding="utf-8"))
    assert "crs" not in data and len(data["features"]) == 7
    lon, lat = data["features"][0]["geometry"]["coordinates"]
    assert 36.7 < lon < 36.9 and -1.4 < lat < -1.2  # Kibera, longitude first
    assert {f["properties"]["contributor"] for f in data["features"]} == {"Amina Wanjiru"}


def test_openstreetmap_export_takes_only_verified_mapped_features(qtbot, window, tmp_path):
    dialog = window.export_flow.export_data("osm")
    # Only the participatory layers go to OpenStreetMap; verified only by default.
    assert set(dialog.checked_layers()) <= {"facilities", "transport_lines",
                                            "transport_stops", "risk_zones"}
    assert dialog.verified_check.isChecked()
    out = tmp_path / "for_josm.osm"
    dialog.path_edit.setText(str(out))
    dialog.accept()
    finish(qtbot, window)
    text = subprocess.run(["osmium", "cat", "-f", "opl", str(out)], capture_output=True,
                          text=True, check=True).stdout
    # The file is complete: the nodes of the existing building tagged as a school
    # (unchanged) are in it too, as JOSM saves them.
    refs = subprocess.run(["osmium", "check-refs", "-r", "-i", str(out)], capture_output=True,
                          text=True)
    assert refs.returncode == 0 and not re.findall(r"^n\d+ in w", refs.stdout, re.M)
    assert "Zahanati%20%ya%20%Mama%20%Upendo" in text or "Zahanati ya Mama Upendo" in text
    assert "amenity=toilets" not in text  # the draft toilet stays home


def test_existing_file_is_replaced_only_when_the_person_says_yes(qtbot, window, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    flow = window.export_flow
    out = tmp_path / "map.html"
    out.write_text("yesterday's map", encoding="utf-8")
    dialog = flow.export_data("html")
    dialog.title_edit.setText("Ramani ya Kibera")
    dialog.path_edit.setText(str(out))
    dialog.accept()
    qtbot.waitUntil(lambda: flow.replace_box is not None, timeout=TIMEOUT)
    flow.replace_box.done(QMessageBox.StandardButton.No)
    assert out.read_text(encoding="utf-8") == "yesterday's map"
    request = dialog.request()
    flow.confirm(request)
    qtbot.waitUntil(lambda: flow.replace_box is not None, timeout=TIMEOUT)
    flow.replace_box.done(QMessageBox.StandardButton.Yes)
    finish(qtbot, window)
    html = out.read_text(encoding="utf-8")
    assert "Ramani ya Kibera" in html and "<script src=\"http" not in html


def test_unwritable_folder_is_said_in_plain_words(qtbot, window, tmp_path: Path):
    dialog = window.export_flow.export_data("csv")
    dialog.path_edit.setText(str(tmp_path / "no such folder" / "facilities.csv"))
    dialog.accept()
    qtbot.waitUntil(lambda: window.last_error is not None, timeout=TIMEOUT)
    assert "does not exist" in str(window.last_error)
    assert not (tmp_path / "no such folder").exists()
    # Exporting over the project itself is refused before anything is asked or written.
    project = window.project.path
    before = project.read_bytes()
    dialog = window.export_flow.export_data("gpkg")
    assert dialog.request().path == project.with_name(f"{project.stem}_export.gpkg")
    dialog.path_edit.setText(str(project))
    dialog.accept()
    assert "is the project itself" in str(window.last_error)
    assert window.export_flow.replace_box is None and project.read_bytes() == before


def test_cancelled_export_leaves_no_file(qtbot, window, tmp_path: Path):
    from desktop.dialogs.export_dialog import ExportRequest

    flow = window.export_flow
    request = ExportRequest("gpkg", tmp_path / "cancelled.gpkg", ["buildings"], False, True)
    task = flow.start(request)
    task.cancel()
    window.runner.wait(TIMEOUT)
    qtbot.waitUntil(lambda: not window.runner.tasks(), timeout=TIMEOUT)
    assert list(tmp_path.glob("cancelled*")) == []
    assert flow.summary_box is None


# -- printing ------------------------------------------------------------------------------


def wait_preview(qtbot, dialog, shown: int) -> None:
    qtbot.waitUntil(lambda: dialog.previews_shown > shown or bool(dialog.preview_error),
                    timeout=TIMEOUT)
    assert not dialog.preview_error, dialog.preview_error


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return " ".join(unicodedata.normalize("NFKC", text).split())  # "ﬂ" ligatures -> "fl"


def pdf_page_points(path: Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size:"))
    width, _x, height = size.split(":")[1].split()[:3]
    return float(width), float(height)


def test_print_dialog_previews_the_page_and_saves_the_pdf(qtbot, window, tmp_path: Path):
    flow = window.export_flow
    window.print_action.trigger()
    dialog = flow.dialog
    assert dialog.template() == "facility"
    dialog.set_template("risk")
    wait_preview(qtbot, dialog, 0)
    page = dialog.preview_image()
    # A4 landscape at the preview's resolution, with a drawn map (not a blank sheet).
    assert abs(page.width() / page.height() - 297 / 210) < 0.01
    sample = page.scaled(60, 40)
    colours = {sample.pixel(x, y) for x in range(60) for y in range(40)}
    assert len(colours) > 20
    shown = dialog.previews_shown
    dialog.set_choice(dialog.orientation_box, "portrait")
    dialog.set_choice(dialog.paper_box, "A3")
    dialog.title_edit.setText("Kibera flood evacuation")
    dialog.subtitle_edit.setText("Shelters and safe routes, ward meeting draft")
    wait_preview(qtbot, dialog, shown)
    page = dialog.preview_image()
    assert abs(page.width() / page.height() - 297 / 420) < 0.01
    out = tmp_path / "evacuation.pdf"
    dialog.path_edit.setText(str(out))
    dialog.accept()
    finish(qtbot, window)
    width, height = pdf_page_points(out)
    assert (round(width), round(height)) == (842, 1191)  # A3 portrait, in points
    text = pdf_text(out)
    assert "Kibera flood evacuation" in text
    assert "Shelters and safe routes, ward meeting draft" in text
    assert "© OpenStreetMap contributors" in text
    assert "Eneo la mafuriko Mto Ngong" in text  # the risk zone's name in the legend


def test_print_what_the_window_shows_as_png(qtbot, window, tmp_path: Path):
    from PySide6.QtGui import QImage

    canvas = window.canvas
    qtbot.waitUntil(lambda: canvas.view is not None, timeout=TIMEOUT)
    canvas.zoom_in()
    canvas.zoom_in()
    dialog = window.export_flow.print_map("facility")
    dialog.area_view.setChecked(True)
    dialog.set_choice(dialog.format_box, ".png")
    assert dialog.path_edit.text().endswith(".png")
    assert dialog.options()["extent"] == canvas.view.extent()
    out = tmp_path / "facilities.png"
    dialog.path_edit.setText(str(out))
    dialog.accept()
    finish(qtbot, window)
    image = QImage(str(out))
    assert not image.isNull() and image.width() > image.height()  # A4 landscape


def test_print_dialog_in_french(qtbot, window):
    window.set_language("fr")
    dialog = window.export_flow.print_map("risk")
    try:
        assert dialog.windowTitle() == "Imprimer une carte"
        assert dialog.template_box.currentText() == "Carte des risques et de l'évacuation"
        # The window re-reads its texts on Qt's LanguageChange events, posted to it.
        qtbot.waitUntil(lambda: window.export_menu.title() == "&Exporter", timeout=TIMEOUT)
        assert window.print_action.text() == "Imprimer une carte…"
    finally:
        dialog.reject()
        window.set_language("en")


def test_only_what_the_window_shows(qtbot, window, tmp_path: Path):
    import shapely

    canvas = window.canvas
    qtbot.waitUntil(lambda: canvas.view is not None, timeout=TIMEOUT)
    for _ in range(3):
        canvas.zoom_in()
    dialog = window.export_flow.export_data("geojson")
    area = dialog.view_area
    assert dialog.area_check.isEnabled()
    dialog.area_check.setChecked(True)
    dialog.set_layers(["buildings"])
    dialog.path_edit.setText(str(tmp_path / "shown.geojson"))
    dialog.accept()
    report = finish(qtbot, window)
    data = json.loads((tmp_path / "shown.geojson").read_text(encoding="utf-8"))
    # The buildings GDAL finds touching the box, counted independently with shapely.
    everything = pyogrio.read_dataframe(window.project.path, layer="buildings")
    touching = int(shapely.intersects(everything.geometry.values, shapely.box(*area)).sum())
    assert 0 < len(data["features"]) == touching < len(everything)
    assert report.counts == {"buildings": touching}
    assert any("Only the features that touch the area" in note for note in report.notes)
    # A web map or an OSM file is never cut to the window: the option is off there.
    dialog = window.export_flow.export_data("osm")
    assert not dialog.area_check.isEnabled() and "area" not in dialog.request().options
    dialog.reject()


def _french_of(message_id: str) -> str:
    """The French the catalogue holds for ``message_id`` (translated, not the English)."""
    from babel.messages.pofile import read_po

    from layers.i18n import CATALOGUE_DIR

    with open(CATALOGUE_DIR / "fr.po", "rb") as stream:
        message = read_po(stream).get(message_id)
    assert message is not None and message.string and message.string != message_id, message_id
    return str(message.string)


def _said_as(template: str, text: str, **values: str) -> bool:
    """Whether ``text`` is ``template`` with ``values`` (any other placeholder: any text)."""
    parts = re.split(r"\{(\w+)\}", template)
    pattern = "".join(re.escape(part) if i % 2 == 0 else
                      (re.escape(values[part]) if part in values else ".+?")
                      for i, part in enumerate(parts))
    return re.fullmatch(pattern, text, re.DOTALL) is not None


def test_model_errors_are_shown_in_french(qtbot, window, tmp_path: Path):
    """The window in French shows the model's own sentences in French: the model speaks
    the window's language (no re-parsing of English), with the real names in them."""
    from PySide6.QtWidgets import QMessageBox

    from layers.errors import QuartierError
    from layers.osm_files import check_extract_file

    window.set_language("fr")
    try:
        dialog = window.export_flow.export_data("csv")
        dialog.set_layers(["facilities"])
        missing = tmp_path / "clé USB"
        dialog.path_edit.setText(str(missing / "equipements.csv"))
        dialog.accept()
        qtbot.waitUntil(lambda: window.last_error is not None, timeout=TIMEOUT)
        box = window.findChild(QMessageBox, "errorBox")
        french = _french_of("Cannot write {path}: the folder {folder} does not exist. "
                            "Create it first, or choose another folder.")
        assert box.text() == french.format(path=missing / "equipements.csv", folder=missing)
        # The reader's own message, made by the model from a real empty file.
        empty = tmp_path / "zone.osm.pbf"
        empty.write_bytes(b"")
        with pytest.raises(QuartierError) as caught:
            check_extract_file(empty)
        assert str(caught.value) == _french_of(
            "{name} is empty (0 bytes). Copy or download the extract again.").format(
            name="zone.osm.pbf")
        # What the export says when the disk says no, made by the model from real errnos.
        import errno

        from mapping.export.safe_write import write_error

        target = tmp_path / "carte.gpkg"
        for code, english in (
                (errno.ENOSPC, "The disk is full: {name} was not exported and no half-written "
                               "file was left. Free some space or export to another disk (a USB "
                               "stick, for example)."),
                (errno.EACCES, "Cannot write {path}: permission denied. Export to a folder you "
                               "can write to (your Documents folder, for example)."),
                (errno.EROFS, "Cannot write {path}: the disk is read-only. Export to another "
                              "disk.")):
            message = str(write_error(target, OSError(code, os.strerror(code))))
            assert message == _french_of(english).format(name=target.name, path=target), message
        # Jakarta's flooded areas added to the Kibera project: the window asks, in French.
        from desktop.dialogs.hazard_dialog import ImportRequest
        from tests.conftest import DATA

        flow = window.import_flow
        flow.start(ImportRequest(path=DATA / "jakarta" / "flooded_rw_2007.shp",
                                 name="jakarta_floods", title="Floods"))
        qtbot.waitUntil(lambda: flow.outside_box is not None, timeout=TIMEOUT)
        text = flow.outside_box.text()
        template = _french_of(
            "{name} (read as {crs}) covers {bounds}, which does not overlap the project area "
            "{area} (longitude,latitude: west,south to east,north). Check that it is the right "
            "file and that its coordinate system is right, or add --allow-outside to import it "
            "anyway.")
        assert _said_as(template, text, name="flooded_rw_2007.shp"), text
        flow.outside_box.reject()
    finally:
        window.set_language("en")
