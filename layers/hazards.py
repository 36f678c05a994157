"""Hazard classification: how a hazard layer's values or attributes become hazard classes.

A flood-depth raster is classified by intervals of its values (by default
low (0, 0.5 m], medium (0.5, 1.5 m], high above 1.5 m; any number of named
classes can be set), a vector hazard by one of its attributes: numbers against
intervals, words ("tinggi", "high", "yes") through a word -> class table, or
every feature in one class. The rule is stored with the layer so that it can be changed later
and the legend always says what the colours mean. Reading the files is
:mod:`layers.layer_import`; storing them, :mod:`mapping.hazard_store`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import numpy as np

from layers.errors import InputFileError, ValidationError
from layers.hazard_classes import (
    ClassScheme,
    HazardClass,
    HazardLegend,
    HazardType,
    SchemeClass,
    Thresholds,
    class_colours,
    word_key,
)
from layers.i18n import ntr, tr

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

#: Hazard layers are drawn over the base at this opacity unless the user changes it.
DEFAULT_OPACITY = 0.6
#: Class breaks used when none are given. Only flood depth has a common default
#: (InaSAFE and most flood-risk guides use 0.5 m and 1.5 m); other continuous
#: hazards need the user's thresholds.
DEFAULT_THRESHOLDS: dict[HazardType, Thresholds] = {
    HazardType.FLOOD: Thresholds(breaks=(0.5, 1.5), unit="m"),
}
#: Unit of continuous values per hazard type, for the legend.
UNITS: dict[HazardType, str] = {
    HazardType.FLOOD: "m", HazardType.TSUNAMI: "m", HazardType.STORM_SURGE: "m",
    HazardType.EARTHQUAKE: "MMI",
}
#: Class given to every feature of a vector hazard that has no class attribute.
DEFAULT_VECTOR_CLASS = HazardClass.MEDIUM

#: Words recognised as hazard classes in a text attribute (compared case-insensitively).
#: English, Indonesian, French, Spanish, Portuguese and Swahili, plus the codes 0-3.
CLASS_WORDS: dict[str, HazardClass] = {
    **dict.fromkeys(["none", "nil", "dry", "hakuna", "0"], HazardClass.NONE),
    **dict.fromkeys(["low", "rendah", "faible", "bas", "bajo", "baja", "baixo", "baixa", "chini",
                     "1"], HazardClass.LOW),
    **dict.fromkeys(["medium", "moderate", "sedang", "moyen", "moyenne", "modéré", "medio",
                     "media", "médio", "wastani", "2"], HazardClass.MEDIUM),
    **dict.fromkeys(["high", "tinggi", "élevé", "eleve", "fort", "forte", "alto", "alta", "juu",
                     "3"],
                    HazardClass.HIGH),
}

class ClassificationMethod(StrEnum):
    """How the hazard class of a cell or feature is decided."""

    #: A number (depth, intensity) against class breaks.
    THRESHOLDS = "thresholds"
    #: A text (or code) value looked up in a value -> class table.
    VALUES = "values"
    #: Every feature gets the same class (a vector layer with no class attribute).
    SINGLE = "single"


#: Names of the three classes of a layer saved with two thresholds or a class map.
LEGACY_NAMES = ("low", "medium", "high")


def legacy_classes(words: dict[int, list[str]] | None = None,
                   thresholds: Thresholds | None = None) -> tuple[SchemeClass, ...]:
    """The three classes low (not affected), medium and high (affected) of older layers."""
    if thresholds is not None:
        return thresholds.scheme_classes()
    words = words or {}
    return tuple(SchemeClass(name, name != "low", values=tuple(words.get(code, ())))
                 for code, name in enumerate(LEGACY_NAMES, start=1))


@dataclass(init=False)
class Classification:
    """How a hazard layer's values become hazard classes; stored in the layer's style.

    The classes (any number, lowest first, codes 1..N) are one :class:`ClassScheme`:
    intervals ``(min, max]`` of the attribute or cell values (``THRESHOLDS``), words
    (``VALUES``), or one class for every feature (``SINGLE``). The map, the legend,
    "What is here", the exports and ``quartier analyse`` all read them.

    Projects saved before stored two thresholds or a value -> class table; they read
    back as the three classes low (not affected), medium and high (affected), with
    one change: a value exactly on a threshold now goes to the lower class, as in
    the analysis (``(min, max]``).
    """

    #: Which rule applies.
    method: ClassificationMethod
    #: The classes, lowest first.
    classes: tuple[SchemeClass, ...]
    #: Attribute read for each feature (vector layers with ``THRESHOLDS`` or ``VALUES``).
    attribute: str | None
    #: Unit of the values ("m"), for the legend.
    unit: str
    #: Class code of every feature (``SINGLE``).
    single_class: int
    #: Ready-made scheme the classes came from ("flood4"), if any.
    scheme_name: str | None
    #: Words said to be in no class (``VALUES``), so they are not reported as unknown.
    none_words: tuple[str, ...]

    def __init__(self, method: ClassificationMethod, thresholds: Thresholds | None = None,
                 attribute: str | None = None, class_map: dict[str, int] | None = None,
                 single_class: int = DEFAULT_VECTOR_CLASS, *,
                 classes: tuple[SchemeClass, ...] | None = None, unit: str | None = None,
                 scheme_name: str | None = None, none_words: tuple[str, ...] = ()) -> None:
        self.method = method
        self.attribute = attribute
        self.single_class = int(single_class)
        self.scheme_name = scheme_name
        self.none_words = tuple(none_words)
        if classes is not None:
            self.classes = tuple(classes)
        elif method is ClassificationMethod.THRESHOLDS:
            thresholds = thresholds or Thresholds()
            self.classes = legacy_classes(thresholds=thresholds)
            unit = thresholds.unit if unit is None else unit
        else:
            words: dict[int, list[str]] = {}
            for word, code in (class_map or {}).items():
                if int(code) == 0:
                    self.none_words += (word.casefold(),)
                else:
                    words.setdefault(int(code), []).append(word.casefold())
            self.classes = legacy_classes(words)
        self.unit = unit or ""

    def scheme(self) -> ClassScheme:
        """The classes as a scheme (intervals of the values, or words)."""
        return ClassScheme(self.scheme_name or "layer", self.classes, unit=self.unit)

    @property
    def thresholds(self) -> Thresholds | None:
        """The two breaks, when the classes are three intervals (as ``--thresholds`` makes)."""
        if self.method is not ClassificationMethod.THRESHOLDS or len(self.classes) != 3:
            return None
        low, medium, high = self.classes
        if None in (low.minimum, low.maximum, medium.maximum) or high.maximum != math.inf:
            return None
        return Thresholds(breaks=(float(low.maximum), float(medium.maximum)),  # type: ignore[arg-type]
                          minimum=float(low.minimum), unit=self.unit)  # type: ignore[arg-type]

    @property
    def class_map(self) -> dict[str, int]:
        """Word -> class code (0 for the words said to be in no class)."""
        table = dict.fromkeys(self.none_words, 0)
        table.update(self.scheme().word_table())
        return table

    def labels(self) -> dict[int, str]:
        """Legend label of each class code, saying which values fall in it."""
        if self.method is ClassificationMethod.SINGLE:
            return {code: c.name.capitalize() for code, c in enumerate(self.classes, start=1)}
        return self.scheme().labels()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (see :meth:`from_dict`); an open top class has ``"max": null``."""
        data: dict[str, Any] = {
            "method": str(self.method), "attribute": self.attribute, "unit": self.unit,
            "classes": [{"name": c.name, "affected": c.affected, "min": c.minimum,
                         "max": None if c.maximum is None or math.isinf(c.maximum)
                         else c.maximum, "values": list(c.values)} for c in self.classes],
        }
        if self.scheme_name:
            data["scheme"] = self.scheme_name
        if self.none_words:
            data["none_values"] = list(self.none_words)
        if self.method is ClassificationMethod.SINGLE:
            data["single_class"] = self.single_class
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Classification:
        """Read back what :meth:`to_dict` wrote, or what older versions stored.

        Older projects stored ``thresholds`` (two breaks) or a ``class_map`` (word ->
        0-3): they become the three classes low / medium / high.
        """
        method = ClassificationMethod(data["method"])
        single = int(data.get("single_class", DEFAULT_VECTOR_CLASS))
        if "classes" in data:
            classes = []
            for stored in data["classes"]:
                numeric = method is ClassificationMethod.THRESHOLDS
                low = stored.get("min")
                high = stored.get("max")
                classes.append(SchemeClass(
                    str(stored["name"]), bool(stored.get("affected", True)),
                    None if low is None else float(low),
                    (math.inf if numeric else None) if high is None else float(high),
                    tuple(str(v) for v in stored.get("values", ()))))
            return cls(method, attribute=data.get("attribute"), single_class=single,
                       classes=tuple(classes), unit=str(data.get("unit") or ""),
                       scheme_name=data.get("scheme"),
                       none_words=tuple(data.get("none_values", ())))
        thresholds = None
        if data.get("thresholds"):
            stored = data["thresholds"]
            thresholds = Thresholds(breaks=(float(stored["breaks"][0]), float(stored["breaks"][1])),
                                    minimum=float(stored.get("minimum", 0.0)),
                                    unit=str(stored.get("unit", "")))
        return cls(method, thresholds=thresholds, attribute=data.get("attribute"),
                   class_map={str(k): int(v) for k, v in data.get("class_map", {}).items()},
                   single_class=single)


def legend_for(hazard_type: HazardType, classification: Classification) -> HazardLegend:
    """The legend a hazard layer is drawn with: its classes' labels on a graded ramp."""
    return HazardLegend(hazard_type=hazard_type, labels=classification.labels(),
                        colours=class_colours(len(classification.classes)))


def check_classes(scheme: ClassScheme) -> None:
    """Refuse, in a sentence, classes that cannot classify one way.

    Raises
    ------
    ValidationError
        No class, two with one name, an interval upside down, overlapping intervals,
        a word in two classes.
    """
    if not scheme.classes:
        raise ValidationError(tr("There are no classes."))
    names = [c.name.casefold() for c in scheme.classes]
    if len(set(names)) != len(names):
        raise ValidationError(tr("Two classes have the same name."))
    numeric = [c for c in scheme.classes if c.minimum is not None and c.maximum is not None]
    for hazard_class in numeric:
        low, high = hazard_class.minimum, hazard_class.maximum
        assert low is not None and high is not None
        if not (math.isfinite(low) and low < high):
            raise ValidationError(tr("Class {name} must have a minimum below its maximum "
                                     "(got {low:g} to {high:g}).",
                                     name=repr(hazard_class.name), low=low, high=high))
    ordered = sorted(numeric, key=lambda c: c.minimum or 0.0)
    for lower, upper in zip(ordered, ordered[1:], strict=False):
        if (upper.minimum or 0.0) < (lower.maximum or 0.0):
            raise ValidationError(tr("Classes {lower!r} and {upper!r} overlap: {lower} goes "
                                     "up to {maximum:g} but {upper} starts at {minimum:g}.",
                                     lower=lower.name, upper=upper.name,
                                     maximum=lower.maximum, minimum=upper.minimum))
    seen: dict[str, str] = {}
    for hazard_class in scheme.classes:
        for word in hazard_class.values:
            other = seen.setdefault(word_key(word), hazard_class.name)
            if other != hazard_class.name:
                raise ValidationError(tr("{word} is in two classes, {first} and {second}.",
                                         word=repr(word), first=other,
                                         second=hazard_class.name))



def class_codes(classification: Classification, names: list[str] | None) -> list[int]:
    """Codes (1..N) of a layer's classes named ``names``; None: its affected classes.

    Names are matched case-insensitively against the layer's own class names, so
    "medium" is code 3 in a layer with the classes use caution, low, medium, high.

    Raises
    ------
    ValidationError
        A name that is not one of the layer's classes.
    """
    classes = classification.classes
    if names is None:
        return [code for code, c in enumerate(classes, start=1) if c.affected]
    codes = []
    for name in names:
        found = [code for code, c in enumerate(classes, start=1)
                 if c.name.casefold() == name.strip().casefold()]
        if not found:
            raise ValidationError(tr("{name} is not one of the classes of this hazard layer "
                                     "({classes}).", name=repr(name),
                                     classes=", ".join(c.name for c in classes)))
        codes.extend(found)
    return sorted(set(codes))


# ---------------------------------------------------------------- user input parsing


def parse_thresholds(text: str, unit: str = "m") -> Thresholds:
    """Read class breaks typed as ``"0.5,1.5"`` (low <= 0.5 < medium <= 1.5 < high)."""
    try:
        low, high = (float(part) for part in text.split(","))
    except ValueError as error:
        raise ValidationError(tr(
            "Thresholds are two numbers separated by a comma, like 0.5,1.5 (got {text}).",
            text=repr(text))) from error
    if not (math.isfinite(low) and math.isfinite(high) and low < high):
        raise ValidationError(tr(
            "The first threshold must be smaller than the second, like 0.5,1.5 (got {text}).",
            text=repr(text)))
    return Thresholds(breaks=(low, high), unit=unit)


def parse_hazard_class(text: str) -> HazardClass:
    """Read a class typed as ``none``/``low``/``medium``/``high`` or ``0``-``3``."""
    word = text.strip().casefold()
    for code in HazardClass:
        if word in (code.name.casefold(), str(int(code))):
            return code
    raise ValidationError(tr("{text} is not a hazard class: use none, low, medium or high.",
                             text=repr(text)))


def parse_class_map(text: str) -> dict[str, HazardClass]:
    """Read a value -> class table typed as ``"tinggi=high,sedang=medium,yes=high"``."""
    class_map: dict[str, HazardClass] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        value, sep, code = item.rpartition("=")
        if not sep or not value.strip():
            raise ValidationError(tr(
                "A class map is value=class pairs separated by commas, like "
                "\"yes=high,no=none\" (got {item}).", item=repr(item)))
        class_map[value.strip().casefold()] = parse_hazard_class(code)
    if not class_map:
        raise ValidationError(tr(
            "The class map is empty: give value=class pairs like yes=high."))
    return class_map


# ---------------------------------------------------------------- vector classification


def choose_classification(
    frame: gpd.GeoDataFrame,
    hazard_type: HazardType,
    attribute: str | None = None,
    thresholds: Thresholds | None = None,
    class_map: dict[str, HazardClass] | None = None,
    single_class: HazardClass | None = None,
) -> Classification:
    """Decide how a vector hazard's features get their class, from what the user gave.

    A numeric attribute is classified by thresholds (given, or the hazard type's
    default); a text attribute by ``class_map`` or, failing that, by recognised
    class words (low/medium/high, rendah/sedang/tinggi...); no attribute puts
    every feature in ``single_class`` (default medium).

    Raises
    ------
    InputFileError
        ``attribute`` is not a column of the layer.
    ValidationError
        The options do not fit the attribute (thresholds on text, unknown words...).
    """
    import pandas as pd

    if attribute is None:
        if thresholds is not None or class_map:
            raise ValidationError(tr(
                "Thresholds and class maps apply to an attribute: add --attribute FIELD."))
        return Classification(ClassificationMethod.SINGLE,
                              single_class=single_class or DEFAULT_VECTOR_CLASS)
    column = find_column(frame, attribute)
    values = frame[column]
    numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
    if class_map:
        return Classification(ClassificationMethod.VALUES, attribute=column,
                              class_map={k.casefold(): v for k, v in class_map.items()})
    if numeric:
        chosen = thresholds or DEFAULT_THRESHOLDS.get(hazard_type)
        if chosen is None:
            raise ValidationError(tr(
                "There are no standard class breaks for {hazard} values: add "
                "--thresholds LOW,HIGH (low below the first, high from the second).",
                hazard=hazard_type))
        return Classification(ClassificationMethod.THRESHOLDS, thresholds=chosen,
                              attribute=column)
    if thresholds is not None:
        raise ValidationError(tr(
            "{column} holds text, not numbers: use --class-map (like \"yes=high,no=none\") "
            "instead of --thresholds.", column=column))
    keys = sorted({_value_key(value) for value in values.dropna()})
    unknown = [key for key in keys if key not in CLASS_WORDS]
    if unknown:
        shown = ", ".join(unknown[:8]) + (", ..." if len(unknown) > 8 else "")
        raise ValidationError(tr(
            "The values of {column} ({values}) are not hazard classes Quartier recognises: "
            "say which is which with --class-map, like \"{first}=high\".",
            column=column, values=shown, first=unknown[0]))
    return Classification(ClassificationMethod.VALUES, attribute=column,
                          class_map={key: CLASS_WORDS[key] for key in keys})


def find_column(frame: pd.DataFrame, attribute: str) -> str:
    """The column named ``attribute`` (case-insensitive), or a plain error listing them."""
    import geopandas as gpd

    geometry = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
    columns = [str(column) for column in frame.columns if column != geometry]
    for wanted in (attribute, f"{attribute}_source"):  # renamed if it clashed (fid, geom...)
        for column in columns:
            if column.casefold() == wanted.casefold():
                return column
    if not columns:
        raise InputFileError(tr(
            "The layer has no attribute {attribute}: it has no attributes at all (a "
            "Shapefile copied without its .dbf has none). Leave out --attribute to put every "
            "feature in one class.", attribute=repr(attribute)))
    raise InputFileError(tr(
        "The layer has no attribute {attribute}; its attributes are {columns}.",
        attribute=repr(attribute), columns=", ".join(columns)))


def _value_key(value: Any) -> str:
    """How an attribute value is looked up in a class map: trimmed, lower case, 2.0 -> "2"."""
    return word_key(value)


def classify_features(frame: pd.DataFrame,
                      classification: Classification) -> tuple[np.ndarray, list[str]]:
    """Hazard class code (uint8, 0..N) of each feature, and notes on values left unclassified.

    Numbers by the ``(min, max]`` rule of :meth:`ClassScheme.classify_numbers`, words
    through the classes' words: the same code the exposure analysis gives.
    """
    import pandas as pd

    if classification.method is ClassificationMethod.SINGLE:
        return np.full(len(frame), int(classification.single_class), dtype=np.uint8), []
    column = find_column(frame, classification.attribute or "")
    values = frame[column]
    notes: list[str] = []
    if classification.method is ClassificationMethod.THRESHOLDS:
        numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
        codes = classification.scheme().classify_numbers(numbers).astype(np.uint8)
    else:
        table = classification.class_map
        keys = [None if pd.isna(value) else _value_key(value) for value in values]
        codes = np.array([int(table.get(key, 0)) if key else 0
                          for key in keys], dtype=np.uint8)
        unmapped = sorted({key for key in keys if key and key not in table})
        if unmapped:
            count = sum(1 for key in keys if key and key not in table)
            notes.append(ntr("{n} feature has a {column} value with no class ({values}); "
                             "it is not drawn.",
                             "{n} features have {column} values with no class ({values}); "
                             "they are not drawn.", count, column=column,
                             values=", ".join(unmapped[:8])))
    empty = int(values.isna().sum())
    if empty:
        notes.append(ntr("{n} feature has no {column} value; it is not drawn.",
                         "{n} features have no {column} value; they are not drawn.",
                         empty, column=column))
    return codes, notes
