"""Labels placed in batches: the same positions, to the bit, as one candidate at a time.

A redraw tries a few hundred names; :func:`mapping.render.labels.line_positions`
and :func:`mapping.render.label_candidates.pixel_lines` do every candidate at
once with numpy. Their answers are compared here, exactly, with the one-at-a-time
functions they replaced (kept below as the reference), on the real lines of the
Kibera sample (and of the 16x Helsinki benchmark case when it has been built),
in views whose edges cut through streets. The collision bitmap is compared with
the numpy array it replaced, and a view reached by panning away and back is
compared pixel by pixel with the same view drawn by a fresh renderer.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import numpy as np
import pytest
import shapely
from PySide6.QtGui import QImage

from mapping.project import Project
from mapping.render import MapRenderer, MapView
from mapping.render.draw import DrawContext
from mapping.render.label_candidates import pixel_lines
from mapping.render.labels import GRID_PX, LINE_FRACTIONS, CollisionGrid, line_positions
from mapping.render.layer_cache import LayerData
from mapping.render.wkb import LINE
from tests.test_render_index import jakarta_project  # noqa: F401  (fixture)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HELSINKI = Path(__file__).resolve().parent.parent / "benchmarks" / "_work" / "helsinki_x16.gpkg"
SIZE = (900, 600)
#: Scale denominators of the views (street to city).
SCALES = (1_500, 4_000, 10_000, 25_000)


# -- the one-at-a-time functions, as they were --------------------------------------------

def _line_positions_one(line: np.ndarray, width: float, height: float
                        ) -> list[tuple[float, float, float]]:
    seg = np.diff(line, axis=0)
    lengths = np.hypot(seg[:, 0], seg[:, 1])
    cumulative = np.concatenate([[0.0], np.cumsum(lengths)])
    total = float(cumulative[-1])
    if total < width + 8:
        return []
    out = []
    for fraction in LINE_FRACTIONS:
        middle = fraction * total
        start, end = middle - width / 2.0 - 2, middle + width / 2.0 + 2
        if start < 0 or end > total:
            continue
        ends = np.array([start, end])
        ax, bx = np.interp(ends, cumulative, line[:, 0])
        ay, by = np.interp(ends, cumulative, line[:, 1])
        cx, cy = bx - ax, by - ay
        chord = math.hypot(cx, cy)
        if chord < 0.85 * (end - start):
            continue
        inner = line[(cumulative > start) & (cumulative < end)]
        if len(inner):
            deviation = np.abs((inner[:, 0] - ax) * cy - (inner[:, 1] - ay) * cx) / chord
            if deviation.max() > 0.35 * height:
                continue
        angle = math.degrees(math.atan2(cy, cx))
        if angle > 90.0:
            angle -= 180.0
        elif angle < -90.0:
            angle += 180.0
        out.append(((ax + bx) / 2.0, (ay + by) / 2.0, angle))
    return out


def _pixel_line_one(layer: LayerData, feature: int, ctx: DrawContext) -> np.ndarray | None:
    view = ctx.view
    best: np.ndarray | None = None
    best_length = 0.0
    for part in layer.feature_coords(feature):
        if len(part) < 2:
            continue
        px = ctx.pixels(part)
        lo, hi = px.min(axis=0), px.max(axis=0)
        if lo[0] >= 0 and lo[1] >= 0 and hi[0] <= view.width and hi[1] <= view.height:
            pieces = [px]
        else:
            clipped = shapely.clip_by_rect(shapely.LineString(px), 0, 0, view.width, view.height)
            pieces = [np.asarray(p.coords) for p in shapely.get_parts(clipped)
                      if not p.is_empty and p.geom_type == "LineString"]
        for piece in pieces:
            length = float(np.hypot(*np.diff(piece, axis=0).T).sum())
            if length > best_length:
                best, best_length = piece, length
    return best


# -- real lines in real views ---------------------------------------------------------------

@pytest.fixture(scope="module")
def line_views(kibera_project: Path, jakarta_project: Path  # noqa: F811
               ) -> list[tuple[LayerData, DrawContext, np.ndarray]]:
    """The named lines in views of Kibera and Jakarta (and of 16x Helsinki when built)."""
    paths = [kibera_project, jakarta_project] + ([HELSINKI] if HELSINKI.exists() else [])
    return [found for path in paths for found in _line_views(path)]


def _line_views(path: Path) -> list[tuple[LayerData, DrawContext, np.ndarray]]:
    """Each line layer with names, in views around its middle, with its named lines in view."""
    renderer = MapRenderer(Project(path))
    image = QImage(*SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    assert renderer.render(MapView.fit(renderer.full_extent(), *SIZE), image)
    out = []
    for state in renderer.layer_states():
        layer = renderer.layer_data(state.name)
        if not isinstance(layer, LayerData):
            continue
        named = np.nonzero((layer.name_codes >= 0) & (layer.geoms.family == LINE))[0]
        if len(named) < 10:
            continue
        x, y = np.nanmedian(layer.anchor[named], axis=0)
        for denominator in SCALES:
            for dx, dy in ((0, 0), (333, -171)):
                view = MapView(float(x), float(y), denominator * 0.0254 / 96.0,
                               *SIZE).panned(dx, dy)
                features = layer.named_in(view.extent())
                features = features[layer.geoms.family[features] == LINE]
                out.append((layer, DrawContext.for_view(view, lambda: False), features))
    return out


def test_pixel_lines_are_the_lines_found_one_at_a_time(line_views: list) -> None:
    compared = clipped = 0
    for layer, ctx, features in line_views:
        batch = pixel_lines(layer, features, ctx)
        assert len(batch) == len(features)
        for feature, line in zip(features.tolist(), batch, strict=True):
            expected = _pixel_line_one(layer, feature, ctx)
            if expected is None:
                assert line is None, feature
                continue
            assert line is not None and line.shape == expected.shape, feature
            assert np.array_equal(line, expected), feature
            compared += 1
            inside = ctx.pixels(np.concatenate(layer.feature_coords(feature)))
            clipped += not ((inside >= 0).all() and (inside[:, 0] <= SIZE[0]).all()
                            and (inside[:, 1] <= SIZE[1]).all())
    # Enough lines, and lines cut by the image's edges among them (the GEOS clip).
    assert compared > 500
    assert clipped > 50


def test_line_positions_are_the_positions_found_one_at_a_time(line_views: list) -> None:
    rng = np.random.default_rng(15)
    lines = []
    for layer, ctx, features in line_views:
        lines += [line for line in pixel_lines(layer, features, ctx) if line is not None]
    # Texts of a fifth to the whole of each line's length: most have a stretch to try.
    lengths = np.array([np.hypot(*np.diff(line, axis=0).T).sum() for line in lines])
    widths = (lengths * rng.uniform(0.2, 1.0, len(lines))).tolist()
    heights = rng.choice([11.4, 13.7, 16.9], len(lines)).tolist()
    found = line_positions(lines, widths, heights)
    tried = placed = 0
    for line, width, height, positions in zip(lines, widths, heights, found, strict=True):
        expected = _line_positions_one(line, width, height)
        # Equal to the bit: the same floats, so the same pixels and the same collisions.
        assert [tuple(map(float, p)) for p in expected] == positions
        tried += 1
        placed += bool(positions)
    assert tried > 1000
    # Many lines refuse every stretch (short or bent streets), hundreds accept one.
    assert 500 < placed < tried
    # A batch of one line and an empty batch.
    assert line_positions(lines[:1], widths[:1], heights[:1]) == found[:1]
    assert line_positions([], [], []) == []


def test_collision_grid_marks_what_the_numpy_bitmap_marked() -> None:
    rng = np.random.default_rng(3)
    width, height = 400, 250
    grid = CollisionGrid(width, height)
    bitmap = np.zeros((height // GRID_PX + 2, width // GRID_PX + 2), dtype=bool)

    def span(box):  # type: ignore[no-untyped-def]
        x0, y0, x1, y1 = box
        return (int(x0 // GRID_PX), int(y0 // GRID_PX), int(x1 // GRID_PX) + 1,
                int(y1 // GRID_PX) + 1)

    fitted = refused = 0
    for _ in range(3000):
        x0, y0 = rng.uniform(-60, width + 20), rng.uniform(-60, height + 20)
        box = (x0, y0, x0 + rng.uniform(1, 60), y0 + rng.uniform(1, 25))
        c0, r0, c1, r1 = span(box)
        fits = (box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height
                and not bitmap[r0:r1, c0:c1].any())
        assert grid.fits([box]) == fits
        if fits or rng.random() < 0.05:  # occupied boxes may reach outside the image
            grid.add([box])
            bitmap[max(r0, 0):r1, max(c0, 0):c1] = True
        fitted += fits
        refused += not fits
        if not fitted % 10:
            assert np.array_equal(grid.occupied(), bitmap)
    assert np.array_equal(grid.occupied(), bitmap)
    assert fitted > 50 and refused > 1000


def test_taking_boxes_marks_what_fits_then_add_marked() -> None:
    """``take`` (test and mark in one go) against ``fits`` then ``add``, on groups of
    boxes that may overlap each other, reach outside the image or meet taken cells."""
    rng = np.random.default_rng(5)
    width, height = 400, 250
    taking, reference = CollisionGrid(width, height), CollisionGrid(width, height)
    taken = refused = 0
    for _ in range(3000):
        boxes = []
        for _piece in range(int(rng.integers(1, 4))):
            x0, y0 = rng.uniform(-20, width + 5), rng.uniform(-20, height + 5)
            boxes.append((x0, y0, x0 + rng.uniform(1, 40), y0 + rng.uniform(1, 20)))
        fits = reference.fits(boxes)
        if fits:
            reference.add(boxes)
        assert taking.take(boxes) == fits
        taken += fits
        refused += not fits
        if not taken % 10:
            assert np.array_equal(taking.occupied(), reference.occupied())
    assert np.array_equal(taking.occupied(), reference.occupied())
    assert taken > 50 and refused > 1000


@pytest.mark.parametrize("which", ["kibera", "helsinki"])
def test_a_view_panned_away_and_back_is_drawn_as_a_fresh_render(which: str,
                                                                kibera_project: Path) -> None:
    path = kibera_project if which == "kibera" else HELSINKI
    if not path.exists():
        pytest.skip("benchmarks/_work/helsinki_x16.gpkg not built (benchmarks/bench_render.py)")
    panned = MapRenderer(Project(path))
    image = QImage(*SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    assert panned.render(MapView.fit(panned.full_extent(), *SIZE), image)
    buildings = panned.layer_data("buildings")
    assert isinstance(buildings, LayerData)
    x, y = np.nanmedian(buildings.anchor, axis=0)
    compared = 0
    for denominator in (2_000, 8_000):
        view = MapView(float(x), float(y), denominator * 0.0254 / 96.0, *SIZE)
        assert panned.render(view, image)
        for dx, dy in ((150, 0), (0, 110), (-90, -40), (-60, -70)):
            view = view.panned(dx, dy)
            assert panned.render(view, image)
        returned = panned.last_view
        labels = list(panned.last_labels)
        fresh = MapRenderer(Project(path))
        other = QImage(*SIZE, QImage.Format.Format_ARGB32_Premultiplied)
        assert fresh.render(returned, other)
        assert len(labels) > 5  # names are written in this view
        assert labels == fresh.last_labels
        if image != other:
            a = np.frombuffer(bytes(image.constBits()), dtype=np.uint32)
            b = np.frombuffer(bytes(other.constBits()), dtype=np.uint32)
            pytest.fail(f"1:{denominator}: {(a != b).sum()} pixels differ")
        compared += 1
    assert compared == 2
