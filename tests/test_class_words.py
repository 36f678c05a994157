"""Hazard class words in French: the ready-made schemes' classes, and the result layers'.

Every class name of the ready-made schemes (``mapping.analysis.schemes.SCHEMES``) is
shown translated in the legend and in "What is here", on hazard layers ("Use caution
(≤ 0.1 m)") and on the layers an analysis wrote ("not exposed", "within 500 m"); a
class name a user typed stays as typed.
"""

from __future__ import annotations

import pytest

from desktop.i18n import Translations, hazard_label, legend_label
from mapping.analysis.schemes import SCHEMES

#: The French of each ready-made class word, as the translators wrote it (by hand).
FRENCH = {"low": "faible", "medium": "moyen", "high": "élevé", "use caution": "prudence",
          "dry": "sec", "wet": "inondé"}


@pytest.fixture
def french():
    translations = Translations()
    assert translations.install("fr")
    yield
    translations.install("en")


def test_every_ready_made_class_is_translated(french):
    for scheme in SCHEMES.values():
        for code, label in scheme.labels().items():
            name = scheme.classes[code - 1].name
            expected = FRENCH[name]
            # Hazard layer legend line: the values in brackets are kept as they are.
            shown = legend_label(label)
            assert shown == expected.capitalize() + label[len(name):], (label, shown)
            assert hazard_label(label) == shown
            # Result layer (exposure_*): the bare class name, lower case as stored, is
            # shown so in "What is here" and with a capital in the legend.
            assert hazard_label(name) == expected
            assert legend_label(name) == expected.capitalize()


def test_result_layer_classes_in_french(french):
    assert hazard_label("not exposed") == "non exposé"
    assert legend_label("not exposed") == "Non exposé"
    assert hazard_label("Not affected") == "Non touché"
    assert legend_label("within 500 m") == "À moins de 500 m"
    assert hazard_label("beyond 1000 m") == "au-delà de 1000 m"
    assert legend_label("unreachable") == "Inaccessible"
    assert hazard_label("within 10 min walk") == "à moins de 10 min à pied"
    assert legend_label("500-1000 m") == "500-1000 m"  # numbers only


def test_names_typed_by_users_stay_as_typed(french):
    for typed in ("high water", "Deep (> 2 m)", "wettest", "Highway", "sedang"):
        assert hazard_label(typed) == typed
    assert legend_label("high water") == "high water"


def test_english_is_unchanged():
    translations = Translations()
    translations.install("en")
    for scheme in SCHEMES.values():
        for label in scheme.labels().values():
            assert legend_label(label) == label
    assert hazard_label("not exposed") == "not exposed"
    assert legend_label("not exposed") == "Not exposed"
    assert legend_label("within 5 min walk") == "Within 5 min walk"


@pytest.fixture
def french_window(qtbot, tmp_path, monkeypatch):
    """A main window in French, with its preferences in a temporary folder."""
    from desktop.main_window import MainWindow
    from tests.test_desktop import TIMEOUT

    monkeypatch.setenv("QUARTIER_SETTINGS_DIR", str(tmp_path / "settings"))
    translations = Translations()
    assert translations.install("fr")
    main = MainWindow(translations)
    qtbot.addWidget(main)
    main.resize(1200, 800)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.runner.cancel_all()
    main.runner.wait(TIMEOUT)
    main.canvas.shutdown()
    translations.install("en")


def test_window_legend_in_french_after_an_import_with_a_scheme(qtbot, french_window,
                                                               kibera_project, tmp_path):
    """Import a hazard with flood4 from the window, save an exposure: the legend names
    the hazard's classes and the result's classes in French, under each layer's title."""
    import shutil

    import geopandas as gpd
    import pyogrio

    from desktop.cli import main as quartier
    from desktop.dialogs.hazard_dialog import ImportRequest
    from layers.hazard_classes import HazardType
    from mapping.project import Project
    from tests.test_desktop import TIMEOUT, open_and_draw

    project = shutil.copy(kibera_project, tmp_path / "kibera.gpkg")
    crs = Project(project).metadata.working_crs
    buildings = Project(project).read_layer("buildings").to_crs(crs)
    centre = gpd.GeoSeries([buildings.geometry.union_all().centroid], crs=crs)
    rings = [centre.buffer(700), centre.buffer(450)]
    zones = gpd.GeoDataFrame({"depth": [0.05, 0.5]},
                             geometry=[rings[0].difference(rings[1]).iloc[0], rings[1].iloc[0]],
                             crs=crs).to_crs(4326)
    zones.to_file(tmp_path / "zones.geojson")
    open_and_draw(qtbot, french_window, project)
    request = ImportRequest(path=tmp_path / "zones.geojson", name="flood", title="Crue",
                            hazard_type=HazardType.FLOOD, attribute="depth", scheme="flood4")
    with qtbot.waitSignal(french_window.import_flow.imported, timeout=TIMEOUT):
        french_window.import_flow.start(request)
    assert quartier(["analyse", str(project), "--hazard", "flood", "--exposure", "buildings",
                     "--save"]) == 0
    # The saved layer is shown when the project is opened again (a copy: a new path).
    project = shutil.copy(project, tmp_path / "kibera_again.gpkg")
    open_and_draw(qtbot, french_window, project)
    (stored_title,) = [i.title for i in Project(project).layers()
                       if i.name == "exposure_flood_buildings"]
    assert stored_title == "Buildings exposed to Crue"
    title = "Bâtiments : exposition à Crue"  # as the window shows it in French
    panel = french_window.legend_panel
    qtbot.waitUntil(lambda: title in panel.texts(), timeout=TIMEOUT)
    texts = panel.texts()
    heading = texts.index("Crue")
    assert texts[heading + 1:heading + 3] == ["Prudence (≤ 0.1 m)", "Faible (0.1–0.7 m)"]
    stored = pyogrio.read_dataframe(project, layer="exposure_flood_buildings")["hazard_class"]
    by_hand = {"not exposed": "Non exposé", "use caution": "Prudence", "low": "Faible"}
    heading = texts.index(title)
    assert texts[heading + 1:heading + 1 + len(set(stored))] == \
        [by_hand[name] for name in by_hand if name in set(stored)]


def test_titles_of_the_layers_the_analyses_write_in_french(french):
    from desktop.i18n import layer_title
    from mapping.analysis.access import KINDS

    for kind in KINDS.values():
        assert layer_title(f"Access to {kind.words}").startswith("Accès aux "), kind.words
    assert layer_title("Evacuation routes") == "Itinéraires d’évacuation"
    assert layer_title("Evacuation service areas") == "Zones à pied des abris"


def test_an_exposure_layer_title_in_french(french, tmp_path):
    """The title a saved exposure result gets is composed again in French from the parts
    stored in its style, with both layers' titles translated; a title saved as one
    English sentence before that is shown as stored."""
    from types import SimpleNamespace

    from desktop.i18n import layer_title
    from mapping.analysis import _result_layers
    from mapping.render import words

    saved = {}

    class Registry:
        def _registry(self):
            return {"buildings": ("base", "Buildings"), "flood": ("hazard", "Kianda flood")}

    def keep(project, name, title, frame, style):
        saved[name] = (title, style)

    result = SimpleNamespace(exposure="buildings", hazard="flood", measure="count",
                             scheme=SimpleNamespace(classes=[]))
    original = _result_layers.save_result_layer
    _result_layers.save_result_layer = keep
    try:
        _result_layers.save_exposure_layer(Registry(), result, frame=object())
    finally:
        _result_layers.save_result_layer = original
    title, style = saved["exposure_flood_buildings"]
    assert title == "Buildings exposed to Kianda flood"  # stored in English, stable
    # A title saved before its parts were stored is shown as stored.
    assert layer_title("Roads and paths exposed to Old flood") == \
        "Roads and paths exposed to Old flood"
    # The hazard's own title has no translation: it stays as the user wrote it.
    assert words.layer_title(title, style) == "Bâtiments : exposition à Kianda flood"
    # Once the map has read the layer's style, the window composes it the same way.
    words.remember_title(title, style)
    assert layer_title(title) == "Bâtiments : exposition à Kianda flood"
