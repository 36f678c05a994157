"""Hazard types and classes: the words a risk map is read in.

A hazard layer (flood depth raster, flooded-area polygons, landslide zones...) is
classified into a few ordered classes, each with a label and a colour, so that a
resident reads "high" the same way on the screen, on paper and in the web map.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum

import numpy as np


class HazardType(StrEnum):
    """What a hazard layer describes (also the risk-zone hazard types)."""

    FLOOD = "flood"
    TSUNAMI = "tsunami"
    LANDSLIDE = "landslide"
    FIRE = "fire"
    EROSION = "erosion"
    STORM_SURGE = "storm_surge"
    EARTHQUAKE = "earthquake"
    VOLCANIC_ASH = "volcanic_ash"
    OTHER = "other"
    #: Risk zones only: theft, violence, places residents avoid (not a natural hazard).
    INSECURITY = "insecurity"


class HazardClass(IntEnum):
    """Ordered hazard classes; 0 means "not affected" / no data and is not drawn."""

    NONE = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @property
    def label(self) -> str:
        """Plain English label (the desktop translates it)."""
        return self.name.capitalize()


#: Default colours, light to dark, readable on screen, in print and by most colour-blind people.
CLASS_COLOURS: dict[HazardClass, str] = {
    HazardClass.LOW: "#fde725",
    HazardClass.MEDIUM: "#f89540",
    HazardClass.HIGH: "#cc2a36",
}


@dataclass
class Thresholds:
    """Class breaks for a continuous hazard (e.g. flood depth in metres).

    ``low < breaks[0] <= medium < breaks[1] <= high``; values at or below
    ``minimum`` are not affected.
    """

    #: Upper bounds of the low and medium classes, in the layer's unit.
    breaks: tuple[float, float] = (0.5, 1.5)
    #: Values at or below this are "not affected" (dry ground for a flood).
    minimum: float = 0.0
    #: Unit of the values, for the legend ("m", "MMI"...).
    unit: str = "m"

    def classify(self, values: np.ndarray) -> np.ndarray:
        """Class code (0-3, ``uint8``) of each value; NaN gives 0."""
        values = np.asarray(values, dtype="float64")
        codes = np.zeros(values.shape, dtype=np.uint8)
        valid = np.isfinite(values) & (values > self.minimum)
        codes[valid] = 1 + np.searchsorted(np.asarray(self.breaks), values[valid], side="right")
        return codes

    def labels(self) -> dict[HazardClass, str]:
        """Legend labels, e.g. "Low (< 0.5 m)"."""
        low, high = self.breaks
        unit = f" {self.unit}" if self.unit else ""
        return {
            HazardClass.LOW: f"Low (< {low:g}{unit})",
            HazardClass.MEDIUM: f"Medium ({low:g}–{high:g}{unit})",
            HazardClass.HIGH: f"High (≥ {high:g}{unit})",
        }


@dataclass
class HazardLegend:
    """How a hazard layer's classes are labelled and coloured."""

    #: What the layer describes.
    hazard_type: HazardType
    #: Class code -> label shown in the legend.
    labels: dict[HazardClass, str]
    #: Class code -> colour as "#rrggbb".
    colours: dict[HazardClass, str] = field(default_factory=lambda: dict(CLASS_COLOURS))
