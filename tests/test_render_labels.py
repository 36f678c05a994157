"""What people mapped stays readable on the map: facility and stop names at middle zooms,
transport lines by route number, and one colour for a line on the map and in the legend.

The Kibera sample is edited through :class:`~mapping.editing.EditSession`, as the
window does, and rendered at zoom 14.5 (about 6.7 m a pixel, a whole village on
the screen). Positions and colours are looked up in the rendered image
independently of the renderer (pyproj on the stored geometries).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pyogrio
import pytest
import shapely
from pyproj import Transformer
from PySide6.QtGui import QColor, QImage
from shapely.geometry import Point

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from mapping.editing import EditSession  # noqa: E402
from mapping.project import Project  # noqa: E402
from mapping.render import MapRenderer, MapView  # noqa: E402
from mapping.render.style import load_style  # noqa: E402
from mapping.render.view import metres_per_pixel_for  # noqa: E402

FACILITY = "Zahanati ya Kianda"
STOPS = ("Kibera Drive Stage", "Olympic", "Toi Market")
ROUTE = ("23", "Kawangware")
#: A middle zoom: a whole village on the screen, about 6.7 m a pixel.
MIDDLE_ZOOM = 14.5
SIZE = (1200, 800)


@pytest.fixture(scope="module")
def mapped(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The Kibera sample with a clinic beside the "Kibera" place name, and matatu route 23
    (no colour of its own) along Kibera Drive with three named stops."""
    import sample_areas

    path = sample_areas.sample_project("kibera", folder=tmp_path_factory.mktemp("labels"))
    roads = pyogrio.read_dataframe(path, layer="roads")
    drive = roads.geometry.values[list(roads["name"]).index("Kibera Drive")]
    places = pyogrio.read_dataframe(path, layer="places")
    kibera = places.geometry.values[list(places["name"]).index("Kibera")]
    with EditSession(path, contributor="Achieng Otieno", mapping_session="kianda-walk-1") as s:
        s.add_feature("facilities", Point(kibera.x - 0.0004, kibera.y + 0.0002),
                      "facility/clinic", {"name": FACILITY})
        line = s.add_feature("transport_lines", drive, "transport_line/minibus",
                             {"ref": ROUTE[0], "name": ROUTE[1]})
        for fraction, name in zip((0.08, 0.5, 0.92), STOPS, strict=True):
            s.add_stop(line, drive.interpolate(fraction, normalized=True), name)
    return {"path": path, "line": drive}


@pytest.fixture(scope="module")
def rendered(mapped: dict, qt_application) -> dict:
    renderer = MapRenderer(Project(mapped["path"]))
    to_utm = Transformer.from_crs("EPSG:4326", renderer.working_crs, always_xy=True)
    line = shapely.transform(mapped["line"], lambda xy: np.column_stack(
        to_utm.transform(xy[:, 0], xy[:, 1])))
    centre = line.interpolate(0.5, normalized=True)
    view = MapView(centre.x, centre.y, metres_per_pixel_for(MIDDLE_ZOOM), *SIZE)
    image = QImage(*SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    assert renderer.render(view, image)
    out = Path(os.environ.get("QUARTIER_TEST_PNG_DIR", mapped["path"].parent))
    image.save(str(out / "labels_z14_5.png"))
    return {"renderer": renderer, "view": renderer.last_view, "image": image, "line": line}


def test_participatory_labels_outrank_the_base_map():
    style = load_style()
    mapped_layers = ("facilities", "transport_stops", "transport_lines", "risk_zones")
    lowest_mapped = min(rule.label_style.priority for name in mapped_layers
                        for rule in style.layers[name].classes)
    highest_base = max(rule.label_style.priority for name, layer in style.layers.items()
                       if name not in mapped_layers for rule in layer.classes
                       if rule.label_style.placement != "none")
    assert lowest_mapped > highest_base


def test_facility_and_every_stop_are_named_at_a_middle_zoom(rendered: dict):
    placed = rendered["renderer"].last_labels
    by_layer: dict[str, list[str]] = {}
    for label in placed:
        by_layer.setdefault(label.layer, []).append(label.text)
    assert FACILITY in by_layer.get("facilities", []), by_layer
    # Each stop is written with its number along the line, whether or not it is selected.
    stops = by_layer.get("transport_stops", [])
    for number, name in enumerate(STOPS, start=1):
        assert f"{number} {name}" in stops, stops


def test_a_line_is_labelled_by_its_route_number(rendered: dict):
    lines = [label.text for label in rendered["renderer"].last_labels
             if label.layer == "transport_lines"]
    assert lines and set(lines) == {ROUTE[0]}, lines
    # Search still finds it by its name, and says both.
    found = rendered["renderer"].search(ROUTE[1])
    assert any(r.layer == "transport_lines" and r.label.startswith(f"{ROUTE[0]} · {ROUTE[1]}")
               for r in found), [r.label for r in found]


def test_the_legend_shows_the_colour_the_line_is_drawn_in(rendered: dict):
    renderer, view, image, line = (rendered[k] for k in ("renderer", "view", "image", "line"))
    entries = [e for e in renderer.legend() if e.layer == "transport_lines"]
    assert len(entries) == 1, entries
    legend_colour = QColor(entries[0].fill)
    assert entries[0].label == f"{ROUTE[0]} · {ROUTE[1]}"
    # Pixels on the line's centre, away from labels and stop symbols.
    taken = [box for label in renderer.last_labels for box in label.boxes]
    stops_px = [view.to_pixel(*line.interpolate(f, normalized=True).coords[0])
                for f in (0.08, 0.5, 0.92)]
    colours = []
    for fraction in np.linspace(0.02, 0.98, 60):
        x, y = view.to_pixel(*line.interpolate(fraction, normalized=True).coords[0])
        if any(b[0] - 2 <= x <= b[2] + 2 and b[1] - 2 <= y <= b[3] + 2 for b in taken):
            continue
        if any(np.hypot(x - sx, y - sy) < 12 for sx, sy in stops_px):
            continue
        if 0 <= x < view.width and 0 <= y < view.height:
            colours.append(image.pixelColor(int(x), int(y)))
    assert len(colours) >= 20
    close = [c for c in colours if all(abs(a - b) <= 12 for a, b in
                                       zip(c.getRgb()[:3], legend_colour.getRgb()[:3],
                                           strict=True))]
    # Most centre pixels are the legend's colour (a few sit on bends or crossings).
    assert len(close) >= 0.8 * len(colours), (legend_colour.name(),
                                              sorted({c.name() for c in colours}))


@pytest.mark.parametrize("x", np.linspace(300.0, 303.0, 13))
def test_a_lone_name_always_fits_beside_its_own_symbol(qt_application, x: float):
    from mapping.render.labels import LabelCandidate, TextCache, place_labels

    style = load_style()
    rule = style.layers["facilities"].classes[0].label_style
    candidate = LabelCandidate(FACILITY, "facilities", rule, "point", anchor=(x, 200.0),
                               offset=6.0)
    placed = place_labels([candidate], 800, 400, TextCache(style.fonts))
    assert [label.text for label, _c in placed] == [FACILITY]


def test_printed_legend_and_route_list_use_the_drawn_colour(mapped: dict, rendered: dict):
    from mapping.export import print_content
    from mapping.export.printing import prepare_sheet

    drawn = next(e.fill for e in rendered["renderer"].legend() if e.layer == "transport_lines")
    sheet = prepare_sheet(mapped["path"], "overview", "A4", "landscape", None, None, 60, True,
                          None)
    rows = print_content.legend_rows(sheet.renderer, sheet.template, sheet.view.zoom,
                                     sheet.shelters, sheet.extent)
    line_rows = [r for r in rows if r.text == f"{ROUTE[0]} · {ROUTE[1]}"]
    assert len(line_rows) == 1 and line_rows[0].swatch.stroke == drawn
    routes = print_content.route_rows(Project(mapped["path"]), sheet.renderer, sheet.view.zoom)
    assert [r.swatch.stroke for r in routes] == [drawn]
    assert routes[0].detail == " → ".join(STOPS) + " (3 stops)"
