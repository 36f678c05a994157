"""The map renderer, shared by the map canvas and image/PDF export; no widgets.

``MapRenderer`` draws a project's layers (OpenStreetMap base, hazard overlays,
participatory layers, labels) into a ``QImage`` for a ``MapView``.
"""

from __future__ import annotations

from mapping.render.decorations import draw_scale_bar
from mapping.render.renderer import (
    IdentifyResult,
    LayerState,
    LegendEntry,
    MapRenderer,
    SearchResult,
)
from mapping.render.view import MapView

__all__ = ["IdentifyResult", "LayerState", "LegendEntry", "MapRenderer", "MapView",
           "SearchResult", "draw_scale_bar"]
