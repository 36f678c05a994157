"""A risk map's first frame: hazard polygons drawn from overviews, the same pixels.

Flood zones are big polygons: at the full extent nearly all of them are drawn, so an
overview cannot keep few of them, but simplified as the band draws them they keep a
small part of their vertices. The first frame of a big risk map is then drawn without
reading or simplifying the zones (measured on the 100,110 flooded-RW polygons tiled
10 x 10 over the 770k Jakarta buildings: 7.2 s -> 1.1 s to the first frame). Here the
real 2007 flooded-RW polygons of Jakarta stand for them, with the threshold of a big
layer lowered.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np

from layers.hazard_classes import HazardClass
from mapping import hazard_store
from mapping.project import Project
from mapping.render import MapRenderer
from mapping.render.layer_cache import LayerData
from mapping.render.overview import OverviewFile, write_project_overviews
from tests.test_render_index import jakarta_project  # noqa: F401  (fixture)
from tests.test_render_overview import (  # noqa: F401  (nothing_behind: a fixture)
    _draw,
    _jakarta_views,
    _same,
    nothing_behind,
)


def test_flood_zones_drawn_from_overviews_draw_the_same_pixels(
        jakarta_project: Path, tmp_path: Path, nothing_behind: None,  # noqa: F811
        data_dir: Path) -> None:
    path = tmp_path / "jakarta.gpkg"
    shutil.copy(jakarta_project, path)
    project = Project(path)
    hazard_store.add_hazard_layer(
        project, data_dir / "jakarta" / "flooded_rw_2007.shp", "flooded",
        attribute="FLOODPRONE", class_map={"yes": HazardClass.HIGH, "no": HazardClass.NONE})
    project.close()
    views = _jakarta_views(path)
    normal = [_draw(MapRenderer(Project(path)), view) for view in views]
    whole = MapRenderer(Project(path)).layer_data("flooded")
    assert isinstance(whole, LayerData) and len(whole) > 300

    written = write_project_overviews(path, min_features=300, bands=(10, 11, 12))
    assert "flooded" in written
    crs = Project(path).metadata.working_crs
    stand_in = OverviewFile(path, crs).layer("flooded", whole.style, 10)
    assert stand_in is not None
    # The zones drawn at that band are kept (all but those under a pixel: more than the
    # features' share would allow), with at most a quarter of the vertices.
    rules = whole.style.classes
    shown = np.array([rule.min_zoom < 11 and rule.max_zoom >= 10 for rule in rules] + [False])
    assert int(shown[whole.classes].sum()) >= len(stand_in) > 0.95 * shown[whole.classes].sum()
    assert len(stand_in) > 0.25 * len(whole)
    assert len(stand_in.geoms.coords) <= 0.25 * len(whole.geoms.coords)

    from_overviews = 0
    for i, view in enumerate(views):
        renderer = MapRenderer(Project(path))
        image = _draw(renderer, view)
        from_overviews += "flooded" in renderer.last_overviews
        _same(image, normal[i], f"view {i}")
    assert from_overviews >= 2
    # The zones are in the picture (a test of images without them could not fail).
    without = Project(path)
    renderer = MapRenderer(without)
    renderer.set_visible("flooded", False)
    assert int((_draw(renderer, views[0]) != normal[0]).sum()) > 10_000
