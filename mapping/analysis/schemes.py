"""Hazard class schemes for exposure analysis: named classes, each affected or not.

A scheme turns a hazard value into one of any number of ordered classes, lowest
first, so that "the highest class a building touches" is the largest class index:

* a **number** (a depth, an intensity) falls in the class whose interval
  ``(minimum, maximum]`` holds it: a value on a boundary goes to the lower class,
  and a value at or below the first class's minimum (a depth of exactly 0) is in
  no class, "not exposed";
* a **word** (``yes``, ``tinggi``, ``high``) is looked up, case-insensitively, in
  each class's ``values``.

Each class is marked *affected* or *not affected*, as InaSAFE does, so that the
totals say how many are affected. The ready-made schemes (:data:`SCHEMES`) are the
ones InaSAFE publishes, with its default thresholds.

A hazard layer of a project keeps today's three classes (low / medium / high, from
two thresholds or a value -> class table in its style): :func:`scheme_for_layer`
reads them as a scheme where low is not affected and medium and high are.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from layers.errors import ValidationError
from layers.hazards import Classification, ClassificationMethod

#: Class index of "in no class" (not exposed); classes are numbered from 1.
NOT_EXPOSED = 0


@dataclass(frozen=True)
class SchemeClass:
    """One hazard class of a scheme."""

    #: Name shown in tables and used as the JSON key ("high", "wet"...).
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
    """Ordered hazard classes (lowest first) and the attribute they classify."""

    #: Scheme name ("flood4", "tsunami", or the hazard layer it comes from).
    name: str
    #: The classes, lowest first.
    classes: tuple[SchemeClass, ...]
    #: Vector hazards: the attribute read (None: the layer's stored ``hazard_class``,
    #: or the layer's classification attribute when the scheme is chosen by name).
    attribute: str | None = None
    #: Unit of the numbers ("m"), for tables.
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
        return all(c.minimum is not None and c.maximum is not None for c in self.classes)

    @property
    def has_words(self) -> bool:
        """Whether some class has words (text can be classified)."""
        return any(c.values for c in self.classes)

    def affected_mask(self) -> np.ndarray:
        """Boolean per class index (0 = not exposed, never affected)."""
        return np.array([False] + [c.affected for c in self.classes], dtype=bool)

    def classify_numbers(self, values: np.ndarray) -> np.ndarray:
        """Class index (0 = none) of each number; NaN gives 0."""
        numbers = np.asarray(values, dtype="float64")
        codes = np.zeros(numbers.shape, dtype=np.int16)
        for index, hazard_class in enumerate(self.classes, start=1):
            low = -math.inf if hazard_class.minimum is None else hazard_class.minimum
            high = math.inf if hazard_class.maximum is None else hazard_class.maximum
            inside = (numbers > low) & (numbers <= high) & (codes == 0)
            codes[inside] = index
        return codes

    def classify_words(self, values: list[object] | np.ndarray) -> np.ndarray:
        """Class index (0 = none) of each word (or code) value."""
        table: dict[str, int] = {}
        for index, hazard_class in enumerate(self.classes, start=1):
            for word in hazard_class.values:
                table.setdefault(_word_key(word), index)
        return np.array([table.get(_word_key(value), 0) if value is not None else 0
                         for value in values], dtype=np.int16)


def _word_key(value: object) -> str:
    if isinstance(value, float | np.floating):
        if math.isnan(value):
            return ""
        if float(value).is_integer():
            return str(int(value))
    return str(value).strip().casefold()


_INF = math.inf

#: Ready-made schemes with InaSAFE's default thresholds (metres for depths).
SCHEMES: dict[str, ClassScheme] = {
    "generic": ClassScheme("generic", (
        SchemeClass("low", False, 0.0, 1.0, ("low", "1")),
        SchemeClass("medium", True, 1.0, 2.0, ("medium", "moderate", "2")),
        SchemeClass("high", True, 2.0, _INF, ("high", "3")),
    )),
    "flood_wet_dry": ClassScheme("flood_wet_dry", (
        SchemeClass("dry", False, 0.0, 1.0, ("dry", "no", "0")),
        SchemeClass("wet", True, 1.0, _INF, ("wet", "yes", "1")),
    ), unit="m"),
    "flood4": ClassScheme("flood4", (
        SchemeClass("use caution", False, 0.0, 0.1, ("use caution",)),
        SchemeClass("low", True, 0.1, 0.7, ("low",)),
        SchemeClass("medium", True, 0.7, 1.5, ("medium",)),
        SchemeClass("high", True, 1.5, _INF, ("high",)),
    ), unit="m"),
    "tsunami": ClassScheme("tsunami", (
        SchemeClass("dry", False, 0.0, 0.1, ("dry",)),
        SchemeClass("low", True, 0.1, 1.0, ("low",)),
        SchemeClass("medium", True, 1.0, 3.0, ("medium",)),
        SchemeClass("high", True, 3.0, _INF, ("high", "very high")),
    ), unit="m"),
}


def scheme_named(name: str) -> ClassScheme:
    """A ready-made scheme by name, or a plain error listing them."""
    try:
        return SCHEMES[name.strip().casefold()]
    except KeyError:
        raise ValidationError(f"{name!r} is not a class scheme; use one of "
                              f"{', '.join(SCHEMES)}.") from None


def parse_classes(text: str, unit: str = "") -> ClassScheme:
    """Read classes typed as ``"dry:0:0.1:no,low:0.1:1:yes,high:1::yes"``.

    Each class is ``name:min:max:affected``; an empty or ``inf`` maximum is the
    open top class; affected is yes/no (true/false, 1/0). Classes are sorted by
    their minimum and must not overlap.
    """
    classes = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        parts = [part.strip() for part in item.split(":")]
        if len(parts) != 4 or not parts[0]:
            raise ValidationError(f"A class is name:min:max:affected, like \"high:1.5::yes\" "
                                  f"(got {item!r}).")
        name, low_text, high_text, affected_text = parts
        try:
            low = float(low_text or 0)
            high = math.inf if high_text in ("", "inf") else float(high_text)
        except ValueError:
            raise ValidationError(f"The bounds of class {name!r} are not numbers "
                                  f"(got {item!r}).") from None
        affected = affected_text.casefold()
        if affected not in ("yes", "no", "true", "false", "1", "0", "affected", "not"):
            raise ValidationError(f"Say whether class {name!r} is affected with yes or no "
                                  f"(got {affected_text!r}).")
        if not (math.isfinite(low) and low < high):
            raise ValidationError(f"Class {name!r} must have a minimum below its maximum "
                                  f"(got {item!r}).")
        classes.append(SchemeClass(name, affected in ("yes", "true", "1", "affected"),
                                   low, high, (name,)))
    if not classes:
        raise ValidationError("No classes given: type them as name:min:max:affected, "
                              "separated by commas.")
    classes.sort(key=lambda c: c.minimum or 0.0)
    for lower, upper in zip(classes, classes[1:], strict=False):
        if (upper.minimum or 0.0) < (lower.maximum or 0.0):
            raise ValidationError(f"Classes {lower.name!r} and {upper.name!r} overlap.")
    if len({c.name for c in classes}) != len(classes):
        raise ValidationError("Two classes have the same name.")
    return ClassScheme("custom", tuple(classes), unit=unit)


#: The three stored classes of a project hazard layer (codes 1-3 in ``hazard_class``).
_STORED_NAMES = ("low", "medium", "high")


def scheme_for_layer(classification: Classification, storage: str) -> ClassScheme:
    """The scheme equivalent to a project hazard layer's stored classification.

    Thresholds ``(b1, b2)`` above ``minimum`` become low ``(minimum, b1]``, medium
    ``(b1, b2]`` and high ``(b2, inf)``, read from the raster cells or the
    classification attribute (a value equal to a break goes to the lower class here,
    the InaSAFE rule; the map's stored classes put it in the upper one). A value
    table or a single class is read from the stored ``hazard_class`` (1-3). Low is
    not affected; medium and high are.
    """
    if classification.method is ClassificationMethod.THRESHOLDS and classification.thresholds:
        thresholds = classification.thresholds
        low, high = thresholds.breaks
        bounds = ((thresholds.minimum, low), (low, high), (high, _INF))
        classes = tuple(SchemeClass(name, name != "low", lower, upper, (name,))
                        for name, (lower, upper) in zip(_STORED_NAMES, bounds, strict=True))
        attribute = None if storage == "raster" else classification.attribute
        return ClassScheme("layer", classes, attribute=attribute, unit=thresholds.unit)
    classes = tuple(SchemeClass(name, name != "low", code - 1.0, float(code), (str(code),))
                    for code, name in enumerate(_STORED_NAMES, start=1))
    return ClassScheme("layer", classes, attribute="hazard_class")


def with_attribute(scheme: ClassScheme, attribute: str | None) -> ClassScheme:
    """The same scheme reading another attribute."""
    return replace(scheme, attribute=attribute)
