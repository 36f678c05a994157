"""Overviews: a big project's first frame drawn from them is the frame its layers draw.

Each view is drawn twice, from the layers themselves and from the overviews
(:mod:`mapping.render.overview`) before the layers are read, and the images are
compared pixel by pixel. The threshold of a big layer is lowered so that the real
Kibera and Jakarta samples stand for a city of a million buildings.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage
from shapely.geometry import Point

from mapping.editing import EditSession
from mapping.project import Project
from mapping.render import MapRenderer, MapView, overview
from mapping.render.layer_cache import LayerData
from mapping.render.overview import OverviewFile, overview_path, write_project_overviews
from tests.test_render_index import jakarta_project  # noqa: F401  (fixture)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _draw(renderer: MapRenderer, view: MapView) -> np.ndarray:
    image = QImage(view.width, view.height, QImage.Format.Format_ARGB32_Premultiplied)
    assert renderer.render(view, image)
    return np.frombuffer(bytes(image.constBits()), dtype=np.uint32).reshape(
        view.height, view.width)


def _same(drawn: np.ndarray, expected: np.ndarray, what: str) -> None:
    differ = int((drawn != expected).sum())
    assert differ == 0, f"{what}: {differ} pixels differ"


@pytest.fixture
def nothing_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    """Layers drawn from overviews are not read behind (every frame uses the overviews)."""
    monkeypatch.setattr(MapRenderer, "_read_behind", lambda self, names: None)


def test_a_small_project_gets_no_overview(kibera_project: Path) -> None:
    # quartier new writes overviews for layers of more than 50,000 features only.
    assert max(info.count for info in Project(kibera_project).layers()) < overview.MIN_FEATURES
    assert not overview_path(kibera_project).exists()


def _jakarta_views(path: Path) -> list[MapView]:
    renderer = MapRenderer(Project(path))
    data = renderer.layer_data("buildings")
    assert isinstance(data, LayerData)
    x, y = (float(v) for v in np.nanmedian(data.anchor, axis=0))
    # Zoom 10.7 (dots and big buildings, main roads), 11.4 (secondary roads), 12.3 (minor).
    views = [MapView(x, y, 156543.03392804097 / 2**zoom, 900, 600) for zoom in (10.7, 11.4, 12.3)]
    return views + [views[0].panned(130, -70), views[2].panned(-40, 210)]


def test_jakarta_from_overviews_draws_the_same_pixels(jakarta_project: Path,  # noqa: F811
                                                       tmp_path: Path,
                                                       nothing_behind: None) -> None:
    path = tmp_path / "jakarta.gpkg"
    shutil.copy(jakarta_project, path)
    views = _jakarta_views(path)
    normal = []
    for view in views:  # each from a renderer of its own, as a first frame
        normal.append(_draw(MapRenderer(Project(path)), view))
    one_renderer = MapRenderer(Project(path))  # the views one after the other
    in_turn = [_draw(one_renderer, view) for view in views]
    written = write_project_overviews(path, min_features=1000, bands=(10, 11, 12),
                                      max_share=1.0)
    assert written == ["buildings", "roads"]
    # A small layer gets none: with the usual threshold nothing is written.
    stamps = OverviewFile(path, Project(path).metadata.working_crs)
    assert stamps.fresh() and stamps.holds("buildings") and stamps.holds("roads")
    for i, view in enumerate(views):
        renderer = MapRenderer(Project(path))
        drawn = _draw(renderer, view)
        assert set(renderer.last_overviews) == {"buildings", "roads"}
        assert all(renderer.entry(name).data is None for name in ("buildings", "roads"))
        _same(drawn, normal[i], f"view {i}")
    # The stand-ins keep their features simplified as the band draws them.
    crs = Project(path).metadata.working_crs
    whole = MapRenderer(Project(path)).layer_data("buildings")
    assert isinstance(whole, LayerData)
    stand_in = OverviewFile(path, crs).layer("buildings", whole.style, 11)
    assert stand_in is not None and 0 < len(stand_in) < len(whole)
    features = np.searchsorted(whole.fids, stand_in.fids)
    vertices = np.diff(whole.geoms.feature_vertex_offsets())[features].sum()
    assert len(stand_in.geoms.coords) < 0.8 * vertices
    # Dots, big buildings and roads were drawn (a test of blank images could not fail).
    background = normal[0][0, 0]
    assert (normal[0] != background).sum() > 2_000
    assert len({a.tobytes() for a in normal}) == len(views)
    # Pans drawn from the overviews (the kept image moved, strips drawn).
    renderer = MapRenderer(Project(path))
    for i, view in enumerate(views):
        drawn = _draw(renderer, view)
        assert set(renderer.last_overviews) == {"buildings", "roads"}
        _same(drawn, in_turn[i], f"view {i} after the others")


def test_big_layer_threshold(jakarta_project: Path, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "jakarta.gpkg"
    shutil.copy(jakarta_project, path)
    # 7,689 buildings and a few thousand roads: neither is big at the usual threshold.
    assert write_project_overviews(path) == []
    assert not overview_path(path).exists()
    # Buildings only above 5,000 features.
    counts = {info.name: info.count for info in Project(path).layers()}
    assert counts["roads"] < 5000 < counts["buildings"]
    assert write_project_overviews(path, min_features=5000, bands=(10,)) == ["buildings"]


def test_kibera_layers_read_behind_then_drawn_again(kibera_project: Path,
                                                    tmp_path: Path) -> None:
    path = tmp_path / "kibera.gpkg"
    shutil.copy(kibera_project, path)
    renderer = MapRenderer(Project(path))
    view = MapView.fit(renderer.full_extent(), 1200, 800)
    normal = _draw(renderer, view)
    written = write_project_overviews(path, min_features=100, max_share=1.0)
    # Roads write their names at these zooms: that needs every road, so they are read
    # before the first frame as before; places are too few.
    assert "buildings" in written and "roads" not in written and "places" not in written
    renderer = MapRenderer(Project(path))
    asked = []
    renderer.changed.connect(lambda: asked.append(True))
    first = _draw(renderer, view)
    drawn_from_overviews = renderer.last_overviews
    assert "buildings" in drawn_from_overviews
    _same(first, normal, "first frame")
    deadline = time.monotonic() + 15
    while not asked and time.monotonic() < deadline:
        time.sleep(0.05)
    assert asked, "the renderer did not ask for the frame again once the layers were read"
    assert all(renderer.entry(name).data is not None for name in drawn_from_overviews)
    again = _draw(renderer, view)
    assert renderer.last_overviews == ()
    _same(again, normal, "frame from the layers")


def test_an_edit_makes_the_overviews_stale(kibera_project: Path, tmp_path: Path,
                                          nothing_behind: None,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "kibera.gpkg"
    shutil.copy(kibera_project, path)
    write_project_overviews(path, min_features=100, max_share=1.0)
    renderer = MapRenderer(Project(path))
    view = MapView.fit(renderer.full_extent(), 1200, 800)
    _draw(renderer, view)
    assert "buildings" in renderer.last_overviews
    x, y = renderer.to_wgs84(view.center_x, view.center_y)
    with EditSession(path, contributor="Achieng Otieno") as session:
        session.add_feature("facilities", Point(x, y), "facility/school", {"name": "Olympic"})
    # The window reads the edited layer again; the overviews, older than the edit, are
    # not drawn any more, in this window or the next.
    renderer.reload_layer("facilities")
    _draw(renderer, view.panned(0, 0).zoomed(1.01))
    assert renderer.last_overviews == ()
    later = MapRenderer(Project(path))
    edited = _draw(later, view)
    assert later.last_overviews == ()
    # That frame, drawn from the layers, writes them again (in the background) for the
    # next opening, which draws the same pixels from them.
    monkeypatch.setattr(overview, "MIN_FEATURES", 100)
    monkeypatch.setattr(overview, "MAX_SHARE", 1.0)
    renewed = MapRenderer(Project(path))
    _draw(renewed, view)
    crs = renewed.working_crs
    deadline = time.monotonic() + 15
    while not OverviewFile(path, crs).fresh() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert OverviewFile(path, crs).fresh()
    next_time = MapRenderer(Project(path))
    _same(_draw(next_time, view), edited, "first frame after the edit")
    assert "buildings" in next_time.last_overviews


def test_the_window_shows_the_overviews_then_the_layers(qtbot, kibera_project: Path,
                                                        tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.i18n import Translations
    from desktop.main_window import MainWindow

    path = tmp_path / "kibera.gpkg"
    shutil.copy(kibera_project, path)
    write_project_overviews(path, min_features=100, bands=range(10, 19), max_share=1.0)
    drawn_from: list[tuple[str, ...]] = []
    render = MapRenderer.render

    def spied(self: MapRenderer, *args, **kwargs) -> bool:
        done = render(self, *args, **kwargs)
        if done:
            drawn_from.append(self.last_overviews)
        return done

    monkeypatch.setattr(MapRenderer, "render", spied)
    monkeypatch.setenv("QUARTIER_SETTINGS_DIR", str(tmp_path / "settings"))
    translations = Translations()
    translations.install("en")
    window = MainWindow(translations)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    try:
        window.open_project(path)
        # The first frame from the overviews, then (once the layers are read behind) the
        # frame from the layers, which the renderer asks for by itself.
        qtbot.waitUntil(lambda: len(drawn_from) >= 2 and drawn_from[-1] == ()
                        and not window.canvas.is_rendering(), timeout=20000)
        assert "buildings" in drawn_from[0]
        assert window.last_error is None
    finally:
        window.runner.cancel_all()
        window.runner.wait(20000)
        window.canvas.shutdown()


def test_checking_overviews_keeps_the_locks_of_an_edit_being_saved(kibera_project: Path,
                                                                    tmp_path: Path) -> None:
    """SQLite's locks belong to the process: closing any other descriptor of the project
    file would drop them. Checking overviews (at every frame) must not, or another
    program could write in the middle of an edit being saved."""
    import sqlite3
    import subprocess
    import sys

    path = Path(shutil.copy(kibera_project, tmp_path / "locked.gpkg"))
    saving = sqlite3.connect(path)
    saving.execute("BEGIN IMMEDIATE")  # an edit being saved holds the write lock
    try:
        overview.project_state(path)
        OverviewFile(path, "EPSG:32737").fresh()
        other = subprocess.run(
            [sys.executable, "-c", "import sqlite3, sys\n"
             "connection = sqlite3.connect(sys.argv[1], timeout=0)\n"
             "connection.execute('BEGIN IMMEDIATE')", str(path)],
            capture_output=True, text=True, timeout=60)
        assert other.returncode != 0 and "locked" in other.stderr
    finally:
        saving.rollback()
        saving.close()
