"""Layers read are taken out of the garbage collector's full walks once, after a frame.

A full collection walked every object alive (modules, layers read) at each pass,
60 to 90 ms on the benchmark projects, in the middle of redraws. The renderer
freezes the heap after a frame that follows new layers being read
(:func:`mapping.render.renderer.settle_heap`): the layers' objects are then no
longer among those the collector walks, and frames that read nothing new do
not freeze again.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

from PySide6.QtGui import QImage

from mapping.project import Project
from mapping.render import MapRenderer, MapView
from mapping.render.layer_cache import LayerData

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _walked(thing: object) -> bool:
    """Whether the collector's generations (not the frozen objects) hold ``thing``."""
    return any(o is thing for o in gc.get_objects())


def test_layers_read_are_frozen_once(kibera_project: Path) -> None:
    gc.unfreeze()  # what earlier tests froze goes back to the collector
    renderer = MapRenderer(Project(kibera_project))
    full = MapView.fit(renderer.full_extent(), 600, 400)
    image = QImage(600, 400, QImage.Format.Format_ARGB32_Premultiplied)
    assert renderer.render(full, image)
    layer = renderer.layer_data("buildings")
    assert isinstance(layer, LayerData) and gc.is_tracked(layer)
    frozen = gc.get_freeze_count()
    assert frozen > 1000
    assert not _walked(layer) and not _walked(layer.style)
    assert renderer.render(full.zoomed(2.0), image)  # no layer read since: no new freeze
    assert gc.get_freeze_count() <= frozen  # (frozen objects freed since leave it)
    gc.unfreeze()
    assert _walked(layer)  # it was frozen, not untracked
