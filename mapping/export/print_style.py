"""The map style for paper: the screen style at print resolution, looking the same.

The style gives widths and sizes in screen pixels (1/96 inch) and switches
classes and labels on by web-map zoom level. Drawn at 300 dpi with the same
numbers, every line would come out three times thinner and the map would
switch to a closer zoom's content. :func:`scaled_style` multiplies every width,
size and dash by ``k = dpi / 96`` and moves every zoom threshold by
``log2(k)``: at ``k`` times the pixels per metre the renderer then draws
exactly the picture it draws on screen at 96 dpi, only sharper.
"""

from __future__ import annotations

import math
from dataclasses import replace

from mapping.render.style import (
    ClassStyle,
    DotStyle,
    LabelStyle,
    LayerStyle,
    MapStyle,
    ZoomValue,
)

#: Screen pixels per inch the style's widths are meant for.
SCREEN_DPI = 96.0


def _zoom(value: float, shift: float) -> float:
    """A zoom threshold moved by ``shift`` (the open ends 0 and 99 stay open)."""
    return value if value <= 0.0 or value >= 99.0 else value + shift


def _value(value: ZoomValue | None, k: float, shift: float, default: float | None = None
           ) -> ZoomValue | None:
    if value is None:
        return ZoomValue(((0.0, default * k),)) if default is not None else None
    return ZoomValue(tuple((_zoom(z, shift), v * k) for z, v in value.stops))


def _label(label: LabelStyle, k: float, shift: float) -> LabelStyle:
    return replace(label, size=label.size * k, min_zoom=_zoom(label.min_zoom, shift),
                   max_zoom=_zoom(label.max_zoom, shift))


def _class(rule: ClassStyle, k: float, shift: float) -> ClassStyle:
    return replace(
        rule,
        min_zoom=_zoom(rule.min_zoom, shift), max_zoom=_zoom(rule.max_zoom, shift),
        outline_min_zoom=_zoom(rule.outline_min_zoom, shift),
        casing_min_zoom=_zoom(rule.casing_min_zoom, shift),
        # The renderer's defaults (1 px lines and outlines, 0.5 px casings) scaled too.
        width=_value(rule.width, k, shift, 1.0),
        casing_width=_value(rule.casing_width, k, shift, 0.5),
        dash=tuple(d * k for d in rule.dash) if rule.dash else None,
        label_style=_label(rule.label_style, k, shift),
    )


def _layer(layer: LayerStyle, k: float, shift: float) -> LayerStyle:
    dots = layer.dots
    return replace(
        layer,
        classes=tuple(_class(rule, k, shift) for rule in layer.classes),
        dots=DotStyle(dots.colour, _zoom(dots.min_zoom, shift)) if dots else None,
        symbol_size=_value(layer.symbol_size, k, shift, 8.0),
    )


def scaled_style(style: MapStyle, k: float) -> MapStyle:
    """``style`` for an image with ``k`` times as many pixels per inch as a screen.

    Parameters
    ----------
    style
        The screen style.
    k
        Print resolution over :data:`SCREEN_DPI` (3.125 at 300 dpi).
    """
    if abs(k - 1.0) < 1e-9:
        return style
    shift = math.log2(k)
    return replace(style, layers={name: _layer(layer, k, shift)
                                  for name, layer in style.layers.items()})
