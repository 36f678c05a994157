"""Hazard types and classes: the words a risk map is read in.

A hazard layer (flood depth raster, flooded-area polygons, landslide zones...) is
classified into any number of ordered, named classes (:class:`ClassScheme`), each
with a label and a colour, so that a resident reads "high" the same way on the
screen, on paper, in the web map and in the exposure analysis.
"""

from __future__ import annotations

import math
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
    """The three classes of a two-threshold layer (codes 0-3); 0 is "in no class", not drawn.

    A layer may have any number of classes (:class:`ClassScheme`, codes 1..N); these
    names remain for ``--thresholds``, ``--class-map`` and projects saved before.
    """

    NONE = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @property
    def label(self) -> str:
        """Plain English label (the desktop translates it)."""
        return self.name.capitalize()


#: Default colours, light to dark, readable on screen, in print and by most colour-blind people.
CLASS_COLOURS: dict[int, str] = {
    HazardClass.LOW: "#fde725",
    HazardClass.MEDIUM: "#f89540",
    HazardClass.HIGH: "#cc2a36",
}
#: The graded ramp any number of classes is coloured from, lowest class first; three
#: classes get exactly :data:`CLASS_COLOURS`.
_RAMP = ("#fde725", "#f89540", "#cc2a36", "#6a0624")


def class_colours(count: int) -> dict[int, str]:
    """Colours of classes 1..``count``, light (lowest) to dark (highest), on one ramp.

    One class is red, two are yellow and red, three are :data:`CLASS_COLOURS`, four
    add a dark red on top; more are spread evenly along those four.
    """
    if count <= 0:
        return {}
    if count == 1:
        return {1: _RAMP[2]}
    if count == 2:
        return {1: _RAMP[0], 2: _RAMP[2]}
    if count == 3:
        return dict(CLASS_COLOURS)
    anchors = np.array([[int(c[i:i + 2], 16) for i in (1, 3, 5)] for c in _RAMP], dtype=float)
    where = np.linspace(0.0, len(_RAMP) - 1.0, count)
    colours = {}
    for code, position in enumerate(where, start=1):
        low = min(int(position), len(_RAMP) - 2)
        mix = anchors[low] + (anchors[low + 1] - anchors[low]) * (position - low)
        colours[code] = "#" + "".join(f"{int(round(v)):02x}" for v in mix)
    return colours


@dataclass(frozen=True)
class SchemeClass:
    """One hazard class: a name, an interval of numbers and/or words, affected or not."""

    #: Name shown in legends and tables and used as the JSON key ("high", "wet"...).
    name: str
    #: Whether features in this class count as affected.
    affected: bool
    #: Lower bound, excluded (numbers); None for a word-only class.
    minimum: float | None = None
    #: Upper bound, included (numbers); ``math.inf`` for the open top class.
    maximum: float | None = None
    #: Words that mean this class (compared case-insensitively).
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClassScheme:
    """Ordered hazard classes, lowest first; class codes are 1..N in that order.

    A **number** falls in the class whose interval ``(minimum, maximum]`` holds it:
    a value on a boundary goes to the lower class, and a value at or below the first
    class's minimum (a depth of exactly 0) is in no class (code 0, "not exposed").
    A **word** is looked up case-insensitively in each class's ``values``. The map,
    its legend, "What is here", the exports and the exposure analysis all classify
    with these two methods, so a layer has one classification everywhere.
    """

    #: Scheme name ("flood4", "tsunami", or the hazard layer it comes from).
    name: str
    #: The classes, lowest first.
    classes: tuple[SchemeClass, ...]
    #: Vector hazards: the attribute read (None: the layer's stored ``hazard_class``,
    #: or the layer's classification attribute when the scheme is chosen by name).
    attribute: str | None = None
    #: Unit of the numbers ("m"), for tables and legends.
    unit: str = ""
    #: Notes on how the scheme was chosen, for the report.
    notes: tuple[str, ...] = field(default=())

    @property
    def names(self) -> list[str]:
        """Class names, lowest first."""
        return [hazard_class.name for hazard_class in self.classes]

    @property
    def numeric(self) -> bool:
        """Whether every class has an interval (numbers can be classified)."""
        return bool(self.classes) and all(
            c.minimum is not None and c.maximum is not None for c in self.classes)

    @property
    def has_words(self) -> bool:
        """Whether some class has words (text can be classified)."""
        return any(c.values for c in self.classes)

    def affected_mask(self) -> np.ndarray:
        """Boolean per class code (0 = not exposed, never affected)."""
        return np.array([False] + [c.affected for c in self.classes], dtype=bool)

    def classify_numbers(self, values: np.ndarray) -> np.ndarray:
        """Class code (0 = none) of each number, by the ``(minimum, maximum]`` rule; NaN gives 0.

        Float32 values (hazard rasters) are compared with the bounds rounded to float32,
        so a cell stored as 0.1 is "0.1" and falls on the boundary, as it reads.
        """
        numbers = np.asarray(values)
        if numbers.dtype != np.float32:
            numbers = numbers.astype("float64")
        precision = numbers.dtype.type
        codes = np.zeros(numbers.shape, dtype=np.int16)
        for index, hazard_class in enumerate(self.classes, start=1):
            low = precision(-math.inf if hazard_class.minimum is None else hazard_class.minimum)
            high = precision(math.inf if hazard_class.maximum is None else hazard_class.maximum)
            inside = (numbers > low) & (numbers <= high) & (codes == 0)
            codes[inside] = index
        return codes

    def word_table(self) -> dict[str, int]:
        """Word (trimmed, lower case) -> class code."""
        table: dict[str, int] = {}
        for index, hazard_class in enumerate(self.classes, start=1):
            for word in hazard_class.values:
                table.setdefault(word_key(word), index)
        return table

    def classify_words(self, values: list[object] | np.ndarray) -> np.ndarray:
        """Class code (0 = none) of each word (or code) value."""
        table = self.word_table()
        return np.array([table.get(word_key(value), 0) if value is not None else 0
                         for value in values], dtype=np.int16)

    def labels(self) -> dict[int, str]:
        """Legend label of each class code, saying which values fall in it.

        "Low (≤ 0.5 m)", "Medium (0.5–1.5 m)", "High (> 1.5 m)"; word classes list
        their words: "High (yes, tinggi)".
        """
        unit = f" {self.unit}" if self.unit else ""
        out = {}
        for code, hazard_class in enumerate(self.classes, start=1):
            name = hazard_class.name[:1].upper() + hazard_class.name[1:]
            low, high = hazard_class.minimum, hazard_class.maximum
            if low is not None and high is not None:
                if math.isinf(high):
                    out[code] = f"{name} (> {low:g}{unit})"
                elif code == 1 and low == 0:
                    out[code] = f"{name} (≤ {high:g}{unit})"
                else:
                    out[code] = f"{name} ({low:g}–{high:g}{unit})"
            elif hazard_class.values:
                out[code] = f"{name} ({', '.join(hazard_class.values)})"
            else:
                out[code] = name
        return out


def word_key(value: object) -> str:
    """How a value is looked up among class words: trimmed, lower case, 2.0 -> "2"."""
    if isinstance(value, float | np.floating):
        if math.isnan(value):
            return ""
        if float(value).is_integer():
            return str(int(value))
    return str(value).strip().casefold()


@dataclass
class Thresholds:
    """Two class breaks for a continuous hazard (e.g. flood depth in metres): three classes.

    ``minimum < low <= breaks[0] < medium <= breaks[1] < high``: the same
    ``(min, max]`` rule as every :class:`ClassScheme` (a value on a break goes to the
    lower class); values at or below ``minimum`` are in no class. Kept for the
    two-number ``--thresholds LOW,HIGH`` and for projects saved before classes could
    be any number.
    """

    #: Upper bounds of the low and medium classes, in the layer's unit.
    breaks: tuple[float, float] = (0.5, 1.5)
    #: Values at or below this are "not affected" (dry ground for a flood).
    minimum: float = 0.0
    #: Unit of the values, for the legend ("m", "MMI"...).
    unit: str = "m"

    def scheme_classes(self) -> tuple[SchemeClass, ...]:
        """The three classes: low (not affected), medium and high (affected)."""
        low, high = self.breaks
        return (SchemeClass("low", False, self.minimum, low),
                SchemeClass("medium", True, low, high),
                SchemeClass("high", True, high, math.inf))

    def classify(self, values: np.ndarray) -> np.ndarray:
        """Class code (0-3, ``uint8``) of each value; NaN gives 0."""
        scheme = ClassScheme("thresholds", self.scheme_classes())
        return scheme.classify_numbers(values).astype(np.uint8)

    def labels(self) -> dict[int, str]:
        """Legend labels, e.g. "Low (≤ 0.5 m)"."""
        return ClassScheme("thresholds", self.scheme_classes(), unit=self.unit).labels()


@dataclass
class HazardLegend:
    """How a hazard layer's classes are labelled and coloured (class codes 1..N)."""

    #: What the layer describes.
    hazard_type: HazardType
    #: Class code -> label shown in the legend.
    labels: dict[int, str]
    #: Class code -> colour as "#rrggbb".
    colours: dict[int, str] = field(default_factory=lambda: dict(CLASS_COLOURS))
