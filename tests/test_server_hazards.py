"""Hazard layers on a team server: a raster published, a vector added on the server, both
taken back into a field copy, each compared with what the project file holds."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pyogrio
import pytest
import shapely

from mapping import hazard_store
from mapping.project import Project, ProjectMetadata, create_project
from mapping.store.postgis import checkout, init_server, publish
from tests.pg_server import SUPERUSER_PASSWORD, pg_server  # noqa: F401  (fixture)

DATA = Path(os.environ.get("QUARTIER_SHARED_DATA",
                          Path(__file__).resolve().parents[2] / "shared" / "data"))
JAKARTA = DATA / "jakarta"
JAKARTA_PART = (106.83, -6.19, 106.90, -6.13)

pytestmark = pytest.mark.filterwarnings("ignore:Use `@` matmul:PendingDeprecationWarning")


@pytest.fixture
def jakarta(tmp_path) -> Path:
    """A small Jakarta project with the flood-depth raster as a hazard."""
    buildings = pyogrio.read_dataframe(JAKARTA / "buildings.gpkg")
    west, south, east, north = JAKARTA_PART
    part = buildings.cx[west:east, south:north]
    path = tmp_path / "jakarta.gpkg"
    project = create_project(path, {"buildings": part}, ProjectMetadata(
        name="Jakarta test", area_of_interest=tuple(float(v) for v in part.total_bounds)))
    hazard_store.add_hazard_layer(project, JAKARTA / "flood_depth.tif", "flood_depth")
    project.close()
    return path


def test_hazards_travel_to_the_server_and_back(pg_server, jakarta, tmp_path,  # noqa: F811
                                               monkeypatch, qapp):
    database = pg_server.create_database()
    url = pg_server.url(database)
    init_server(url)
    publish(jakarta, url, "jakarta")
    here, there = Project(jakarta), Project(f"{url}?project=jakarta")
    try:
        mine = hazard_store.read_hazard_raster(here, "flood_depth")
        theirs = hazard_store.read_hazard_raster(there, "flood_depth")
        assert np.array_equal(mine.values, theirs.values, equal_nan=True)
        assert tuple(mine.transform) == tuple(theirs.transform)
        assert np.array_equal(mine.classes, theirs.classes)
        assert hazard_store.hazard_legend(here, "flood_depth") == hazard_store.hazard_legend(
            there, "flood_depth")
        # A vector hazard added on the server: written through COPY, registered, classified.
        hazard_store.add_hazard_layer(there, JAKARTA / "flooded_rw_2007.shp", "flooded_rw")
        added = hazard_store.read_hazard_vector(there, "flooded_rw")
        source = pyogrio.read_dataframe(JAKARTA / "flooded_rw_2007.shp").to_crs(4326)
        assert 0 < len(added) <= len(source)
        assert "hazard_class" in added.columns
        assert [h.name for h in hazard_store.list_hazard_layers(there)] == [
            "flood_depth", "flooded_rw"]
        info = there.info()["layers"]
        assert info["flooded_rw"]["count"] == len(added)
        assert info["flood_depth"]["geometry_type"] == "Raster"
    finally:
        here.close()
        there.close()
    # And back into a field copy: the same cells, the same vector shapes.
    monkeypatch.setenv("PGPASSWORD", SUPERUSER_PASSWORD)
    copy = checkout(f"{url}?project=jakarta", tmp_path / "field.gpkg")
    field = Project(copy)
    server = Project(f"{url}?project=jakarta")
    try:
        back = hazard_store.read_hazard_raster(field, "flood_depth")
        assert np.array_equal(back.values, mine.values, equal_nan=True)
        a = hazard_store.read_hazard_vector(field, "flooded_rw").sort_index()
        b = hazard_store.read_hazard_vector(server, "flooded_rw").sort_index()
        assert list(a.index) == list(b.index)
        assert bool(shapely.equals_exact(a.geometry.values, b.geometry.values, 0).all())
        assert list(a["hazard_class"]) == list(b["hazard_class"])
        # The map draws the polygons read through the store, from either source: the same
        # pixels, and a click on a flooded area names the same feature and class.
        drawn = [_hazard_on_the_map(project, "flooded_rw") for project in (field, server)]
        assert drawn[0][0] == drawn[1][0]
        assert drawn[0][1] == drawn[1][1]
        frame = hazard_store.read_hazard_vector(field, "flooded_rw")
        labels = hazard_store.hazard_legend(field, "flooded_rw").labels
        assert len(drawn[0][1]) >= 5
        for _layer, fid, shown in drawn[0][1]:
            assert shown["hazard_class"] == labels[int(frame.loc[fid, "hazard_class"])]
    finally:
        field.close()
        server.close()


def _hazard_on_the_map(project: Project, name: str) -> tuple[bytes, list]:
    """The map of ``project`` around ``name`` (pixels), and what a click on a few of its
    polygons shows (layer, fid, attributes)."""
    from PySide6.QtGui import QImage

    from mapping.render import MapRenderer, MapView
    from mapping.render.answers import identify

    renderer = MapRenderer(project)
    for state in renderer.layer_states():
        renderer.layer_data(state.name)
    data = renderer.layer_data(name)
    view = MapView.fit(data.extent, 800, 600)
    image = QImage(800, 600, QImage.Format.Format_ARGB32_Premultiplied)
    assert renderer.render(view, image)
    clicked = []
    inside = shapely.point_on_surface(hazard_store.read_hazard_vector(project, name)
                                      .sort_index().to_crs(renderer.working_crs).geometry.values)
    for point in inside[:: max(1, len(inside) // 5)]:
        clicked += [(hit.layer, hit.fid, hit.attributes) for hit in
                    identify(renderer, point.x, point.y, 1.0) if hit.layer == name]
    return bytes(image.constBits()), clicked
