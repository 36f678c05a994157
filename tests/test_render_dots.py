"""Dots near the view summed before a layer's bands are merged: the dots of the whole sum.

On a big layer, a view sums only the dots near it (``LayerData._dots_near``). Its
polygons come from the band's merged grid once the warm-up has made it; before
(the first views after a layer is read), from one pass over the anchors. Both are
compared, exactly, with the dots summed over the whole layer and cut to the view
as later redraws draw them, on the real buildings of the Jakarta sample, at
every band from a district to a street, for views, corners and thin strips.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from mapping.project import Project
from mapping.render import MapRenderer
from mapping.render.layer_cache import LayerData
from tests.test_render_index import jakarta_project  # noqa: F401  (fixture)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _whole_sum_cut(layer: LayerData, band: int, extent: tuple[float, float, float, float]
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Every dot of the band, summed over the whole layer, then those in ``extent``."""
    xy, area = layer._aggregate_dots(band)
    minx, miny, maxx, maxy = extent
    inside = (xy[:, 0] >= minx) & (xy[:, 0] < maxx) & (xy[:, 1] >= miny) & (xy[:, 1] <= maxy)
    return xy[inside], area[inside]


def _extents(layer: LayerData) -> list[tuple[float, float, float, float]]:
    x, y = (float(v) for v in np.nanmedian(layer.anchor, axis=0))
    out = []
    for half in (60.0, 250.0, 900.0):
        out.append((x - half, y - half * 0.6, x + half, y + half * 0.6))
        out.append((x + half, y - half, x + 3 * half, y + 0.5))  # a corner, off the middle
    out.append((x - 1500.0, y, x + 1500.0, y + 3.0))  # a thin strip, as a pan uncovers
    return out


def test_dots_near_a_view_equal_the_whole_sum_before_and_after_the_bands_merge(
        jakarta_project: Path) -> None:  # noqa: F811
    renderer = MapRenderer(Project(jakarta_project))
    layer = renderer.layer_data("buildings")
    assert isinstance(layer, LayerData) and not layer._chain  # as just read: no merged bands
    compared = dots = 0
    before = {}
    for band in range(12, 19):
        for extent in _extents(layer):
            near = layer._dots_near(band, extent)
            assert near is not None  # views of a small part of the layer
            before[band, extent] = near
    assert not layer._chain  # the pass over the anchors made no band
    layer._chain_bands()
    for (band, extent), (xy, area) in before.items():
        whole_xy, whole_area = _whole_sum_cut(layer, band, extent)
        # None where the merged grid's cells near the view hold over a quarter of the
        # layer (its coarse bands on this small sample): the whole sum is drawn then.
        merged = layer._dots_near(band, extent)
        for got in ((xy, area), merged):
            if got is not None:
                assert np.array_equal(got[0], whole_xy)
                assert np.array_equal(got[1], whole_area)  # the same sums, to the bit
                compared += 1
        dots += len(whole_xy)
    assert compared > 70 and dots > 1000
