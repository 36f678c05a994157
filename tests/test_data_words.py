"""Words that come from data, in French and Swahili: layer titles, hazard and result
classes, legend lines of the map style, OpenStreetMap keys and values.

They are the model's words (mapping.render.words, through resources/i18n/<lang>.po), so
that the window, the printed map and the web map say the same. A real project is
built from the Kibera export, a flood is imported with the flood4 scheme and its
exposure saved, and access to a clinic measured, as a person would from the command
line. Expected words are read from the catalogues themselves (babel), never from the
code under test; the window, switched to each language, shows the same words.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import geopandas as gpd
import pytest
from babel.messages.pofile import read_po
from shapely.geometry import Point

from desktop.cli import main as quartier
from layers.i18n import CATALOGUE_DIR, using
from mapping.editing import EditSession
from mapping.project import Project
from mapping.render import MapRenderer, words

LANGUAGES = ("fr", "sw")
#: Depth rings around the buildings' centre (metres): flood4 "use caution" and "low".
RINGS = ((0.05, 700, 450), (0.5, 450, 0))
HAZARD_TITLE = "Kianda flood"


def catalogue(language: str) -> dict[str, str]:
    """msgid (or "context\\x04msgid") -> translation, as the .po holds it."""
    with (CATALOGUE_DIR / f"{language}.po").open("rb") as stream:
        found = read_po(stream, locale=language)
    out = {}
    for message in found:
        if message.id and isinstance(message.id, str) and message.string:
            key = f"{message.context}\x04{message.id}" if message.context else message.id
            out[key] = message.string
    return out


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@pytest.fixture(scope="module")
def project(kibera_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("data_words")
    path = Path(shutil.copy(kibera_project, folder / "kibera.gpkg"))
    crs = Project(path).metadata.working_crs
    buildings = Project(path).read_layer("buildings").to_crs(crs)
    centre = gpd.GeoSeries([buildings.geometry.union_all().centroid], crs=crs)
    rings = [centre.buffer(outer).difference(centre.buffer(inner)).to_crs(4326).iloc[0]
             for _depth, outer, inner in RINGS]
    gpd.GeoDataFrame({"depth": [depth for depth, *_ in RINGS]}, geometry=rings,
                     crs=4326).to_file(folder / "zones.geojson")
    with EditSession(path, contributor="Achieng", mapping_session="clinics") as edit:
        edit.add_feature("facilities", Point(36.7890, -1.3110), "facility/clinic",
                         {"name": "Zahanati ya Kianda"})
    for args in (("hazard", "add", path, folder / "zones.geojson", "--name", "flood",
                  "--title", HAZARD_TITLE, "--attribute", "depth", "--scheme", "flood4"),
                 ("analyse", path, "--hazard", "flood", "--exposure", "buildings", "--save"),
                 ("access", path, "--to", "clinic")):
        assert quartier([str(arg) for arg in args]) == 0
    return path


def expected_words(language: str) -> dict[str, str]:
    """What each stored word of the project must be shown as, from the catalogue alone."""
    po = catalogue(language)
    exposure = po["{exposure} exposed to {hazard}"].format(exposure=po["Buildings"],
                                                            hazard=HAZARD_TITLE)
    return {
        "Buildings": po["Buildings"],
        "Risk zones": po["Risk zones"],
        "Buildings exposed to Kianda flood": exposure,
        # Hazard legend lines: the class word translated, its values kept.
        "Use caution (≤ 0.1 m)": po["{class_name} ({values})"].format(
            class_name=cap(po["use caution"]), values="≤ 0.1 m"),
        "Low (0.1–0.7 m)": po["{class_name} ({values})"].format(
            class_name=cap(po["low"]), values="0.1–0.7 m"),
        # Classes stored by the exposure and access results, as legend lines.
        "not exposed": cap(po["not exposed"]),
        "within 250 m": cap(po["within {distance} m"].format(distance="250")),
        "unreachable": cap(po["unreachable"]),
        # Lines of the map style.
        "Footpath": po["Footpath"], "Facility: health": po["Facility: health"],
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_titles_and_legend_of_a_real_project_through_the_model(project: Path, language: str):
    renderer = MapRenderer(Project(project))
    titles = {state.name: state.title for state in renderer.layer_states()}
    assert titles["exposure_flood_buildings"] == "Buildings exposed to Kianda flood"
    wanted = expected_words(language)
    with using(language):
        shown_titles = {name: words.layer_title(title) for name, title in titles.items()}
        legend = [words.legend_label(entry.label) for entry in renderer.legend()]
        # What a printed map or a web map reads from the renderer: the same words.
        assert [entry.text for entry in renderer.legend()] == legend
        assert {s.name: s.shown_title for s in renderer.layer_states()} == shown_titles
    assert shown_titles["buildings"] == wanted["Buildings"]
    assert shown_titles["exposure_flood_buildings"] == wanted[
        "Buildings exposed to Kianda flood"]
    assert shown_titles["flood"] == HAZARD_TITLE  # typed by a person: as typed
    access = next(name for name in titles if name.startswith("access"))
    assert shown_titles[access] not in (titles[access], "")
    for stored in ("Use caution (≤ 0.1 m)", "Low (0.1–0.7 m)", "not exposed", "within 250 m",
                   "Footpath"):
        assert wanted[stored] in legend, (stored, wanted[stored], legend)
    # The same words in English are the stored ones (capitalised as legend lines).
    with using("en"):
        assert words.legend_label("not exposed") == "Not exposed"
        assert words.layer_title(titles["exposure_flood_buildings"]) == \
            "Buildings exposed to Kianda flood"


@pytest.mark.parametrize("language", LANGUAGES)
def test_class_words_keys_and_values_through_the_model(language: str):
    po = catalogue(language)
    with using(language):
        for word in words.CLASS_WORDS:
            assert words.class_label(word) == po[word]
            assert words.class_label(cap(word)) == cap(po[word])
        assert words.class_label("beyond 1000 m") == po["beyond {distance} m"].format(
            distance="1000")
        assert words.class_label("within 10 min walk") == po[
            "within {minutes} min walk"].format(minutes="10")
        assert words.class_label("high water") == "high water"  # typed: as typed
        assert words.osm_key("building:levels") == po["OsmKey\x04Building levels"]
        assert words.osm_key("opening_hours") == po["OsmKey\x04Opening hours"]
        assert words.osm_value("place_of_worship") == po["OsmValue\x04Place of worship"]
        assert words.osm_value("Kianda Road") == "Kianda Road"  # a name stays a name
        for title in words.LAYER_TITLES:  # every title Quartier writes is translated
            assert po.get(title), title
        assert words.layer_title("Roads and paths") == po["Roads and paths"]
        for word in words.SERVICE_CLASSES:
            assert words.legend_label(word) == po[word]


def _window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str):
    from desktop.i18n import Translations, translation_file
    from desktop.main_window import MainWindow

    if not translation_file(language).exists():
        pytest.skip(f"{translation_file(language).name} is not built yet (the window's "
                    f"{language} translation)")
    monkeypatch.setenv("QUARTIER_SETTINGS_DIR", str(tmp_path / "settings"))
    translations = Translations()
    assert translations.install(language)
    main = MainWindow(translations)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    qtbot.waitExposed(main)
    return main, translations


@pytest.mark.gui
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_window_says_what_the_model_says(qtbot, tmp_path: Path, monkeypatch, project: Path,
                                             language: str):
    from desktop.i18n import hazard_label, osm_key, osm_value
    from tests.test_desktop import TIMEOUT, open_and_draw

    main, translations = _window(qtbot, tmp_path, monkeypatch, language)
    try:
        copy = Path(shutil.copy(project, tmp_path / "kibera.gpkg"))
        open_and_draw(qtbot, main, copy)
        wanted = expected_words(language)
        panel = main.legend_panel
        exposure = wanted["Buildings exposed to Kianda flood"]
        qtbot.waitUntil(lambda: exposure in panel.texts(), timeout=TIMEOUT)
        texts = panel.texts()
        for stored in ("Use caution (≤ 0.1 m)", "Low (0.1–0.7 m)", "not exposed",
                       "within 250 m"):
            assert wanted[stored] in texts, (stored, wanted[stored], texts)
        layers = main.layers_panel
        assert layers.item_for("buildings").text() == wanted["Buildings"]
        assert layers.item_for("exposure_flood_buildings").text() == exposure
        # "What is here?" words: the window's functions are the model's.
        po = catalogue(language)
        assert osm_key("amenity") == po["OsmKey\x04Amenity"]
        assert osm_value("clinic") == po["OsmValue\x04Clinic"]
        assert hazard_label("not exposed") == po["not exposed"]
    finally:
        main.runner.cancel_all()
        main.runner.wait(TIMEOUT)
        main.canvas.shutdown()
        translations.install("en")
