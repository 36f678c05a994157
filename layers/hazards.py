"""Hazard classification: how a hazard layer's values or attributes become hazard classes.

A flood-depth raster is classified by thresholds (low < 0.5 m <= medium < 1.5 m
<= high), a vector hazard by one of its attributes: numbers against thresholds,
words ("tinggi", "high", "yes") through a value -> class table, or every feature
in one class. The rule is stored with the layer so that it can be changed later
and the legend always says what the colours mean. Reading the files is
:mod:`layers.layer_import`; storing them, :mod:`mapping.hazard_store`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from layers.errors import InputFileError, ValidationError
from layers.hazard_classes import CLASS_COLOURS, HazardClass, HazardLegend, HazardType, Thresholds

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
#: English, Indonesian, French, Spanish and Portuguese, plus the codes 0-3.
CLASS_WORDS: dict[str, HazardClass] = {
    **dict.fromkeys(["none", "nil", "dry", "0"], HazardClass.NONE),
    **dict.fromkeys(["low", "rendah", "faible", "bas", "bajo", "baja", "baixo", "baixa", "1"],
                    HazardClass.LOW),
    **dict.fromkeys(["medium", "moderate", "sedang", "moyen", "moyenne", "modéré", "medio",
                     "media", "médio", "2"], HazardClass.MEDIUM),
    **dict.fromkeys(["high", "tinggi", "élevé", "eleve", "fort", "forte", "alto", "alta", "3"],
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


@dataclass
class Classification:
    """How a hazard layer's values become hazard classes; stored in the layer's style."""

    #: Which rule applies.
    method: ClassificationMethod
    #: Class breaks (``THRESHOLDS``).
    thresholds: Thresholds | None = None
    #: Attribute read for each feature (vector layers with ``THRESHOLDS`` or ``VALUES``).
    attribute: str | None = None
    #: Lower-case value -> class (``VALUES``).
    class_map: dict[str, HazardClass] = field(default_factory=dict)
    #: Class of every feature (``SINGLE``).
    single_class: HazardClass = DEFAULT_VECTOR_CLASS

    def labels(self) -> dict[HazardClass, str]:
        """Legend label of each class, saying which values fall in it."""
        if self.method is ClassificationMethod.THRESHOLDS and self.thresholds is not None:
            return self.thresholds.labels()
        labels = {code: code.label for code in CLASS_COLOURS}
        if self.method is ClassificationMethod.VALUES:
            for code in labels:
                values = [value for value, mapped in self.class_map.items() if mapped == code]
                if values:
                    labels[code] = f"{code.label} ({', '.join(values)})"
        return labels

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (see :meth:`from_dict`)."""
        data: dict[str, Any] = {"method": str(self.method), "attribute": self.attribute}
        if self.thresholds is not None:
            data["thresholds"] = {"breaks": list(self.thresholds.breaks),
                                  "minimum": self.thresholds.minimum,
                                  "unit": self.thresholds.unit}
        if self.method is ClassificationMethod.VALUES:
            data["class_map"] = {value: int(code) for value, code in self.class_map.items()}
        if self.method is ClassificationMethod.SINGLE:
            data["single_class"] = int(self.single_class)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Classification:
        """Read back what :meth:`to_dict` wrote."""
        thresholds = None
        if data.get("thresholds"):
            stored = data["thresholds"]
            thresholds = Thresholds(breaks=(float(stored["breaks"][0]), float(stored["breaks"][1])),
                                    minimum=float(stored.get("minimum", 0.0)),
                                    unit=str(stored.get("unit", "")))
        return cls(
            method=ClassificationMethod(data["method"]),
            thresholds=thresholds,
            attribute=data.get("attribute"),
            class_map={str(k): HazardClass(v) for k, v in data.get("class_map", {}).items()},
            single_class=HazardClass(data.get("single_class", DEFAULT_VECTOR_CLASS)),
        )


def legend_for(hazard_type: HazardType, classification: Classification) -> HazardLegend:
    """The legend a hazard layer is drawn with."""
    return HazardLegend(hazard_type=hazard_type, labels=classification.labels())


# ---------------------------------------------------------------- user input parsing


def parse_thresholds(text: str, unit: str = "m") -> Thresholds:
    """Read class breaks typed as ``"0.5,1.5"`` (low < 0.5 <= medium < 1.5 <= high)."""
    try:
        low, high = (float(part) for part in text.split(","))
    except ValueError as error:
        raise ValidationError(
            f"Thresholds are two numbers separated by a comma, like 0.5,1.5 (got {text!r})."
        ) from error
    if not (math.isfinite(low) and math.isfinite(high) and low < high):
        raise ValidationError(
            f"The first threshold must be smaller than the second, like 0.5,1.5 (got {text!r})."
        )
    return Thresholds(breaks=(low, high), unit=unit)


def parse_hazard_class(text: str) -> HazardClass:
    """Read a class typed as ``none``/``low``/``medium``/``high`` or ``0``-``3``."""
    word = text.strip().casefold()
    for code in HazardClass:
        if word in (code.name.casefold(), str(int(code))):
            return code
    raise ValidationError(f"{text!r} is not a hazard class: use none, low, medium or high.")


def parse_class_map(text: str) -> dict[str, HazardClass]:
    """Read a value -> class table typed as ``"tinggi=high,sedang=medium,yes=high"``."""
    class_map: dict[str, HazardClass] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        value, sep, code = item.rpartition("=")
        if not sep or not value.strip():
            raise ValidationError(
                f"A class map is value=class pairs separated by commas, like "
                f"\"yes=high,no=none\" (got {item!r})."
            )
        class_map[value.strip().casefold()] = parse_hazard_class(code)
    if not class_map:
        raise ValidationError("The class map is empty: give value=class pairs like yes=high.")
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
    if attribute is None:
        if thresholds is not None or class_map:
            raise ValidationError(
                "Thresholds and class maps apply to an attribute: add --attribute FIELD."
            )
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
            raise ValidationError(
                f"There are no standard class breaks for {hazard_type} values: add "
                "--thresholds LOW,HIGH (low below the first, high from the second)."
            )
        return Classification(ClassificationMethod.THRESHOLDS, thresholds=chosen,
                              attribute=column)
    if thresholds is not None:
        raise ValidationError(
            f"{column} holds text, not numbers: use --class-map (like \"yes=high,no=none\") "
            "instead of --thresholds."
        )
    keys = sorted({_value_key(value) for value in values.dropna()})
    unknown = [key for key in keys if key not in CLASS_WORDS]
    if unknown:
        shown = ", ".join(unknown[:8]) + (", ..." if len(unknown) > 8 else "")
        raise ValidationError(
            f"The values of {column} ({shown}) are not hazard classes Quartier recognises: "
            f"say which is which with --class-map, like \"{unknown[0]}=high\"."
        )
    return Classification(ClassificationMethod.VALUES, attribute=column,
                          class_map={key: CLASS_WORDS[key] for key in keys})


def find_column(frame: pd.DataFrame, attribute: str) -> str:
    """The column named ``attribute`` (case-insensitive), or a plain error listing them."""
    geometry = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
    columns = [str(column) for column in frame.columns if column != geometry]
    for wanted in (attribute, f"{attribute}_source"):  # renamed if it clashed (fid, geom...)
        for column in columns:
            if column.casefold() == wanted.casefold():
                return column
    if not columns:
        raise InputFileError(
            f"The layer has no attribute {attribute!r}: it has no attributes at all (a "
            "Shapefile copied without its .dbf has none). Leave out --attribute to put every "
            "feature in one class."
        )
    raise InputFileError(
        f"The layer has no attribute {attribute!r}; its attributes are {', '.join(columns)}."
    )


def _value_key(value: Any) -> str:
    """How an attribute value is looked up in a class map: trimmed, lower case, 2.0 -> "2"."""
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value).strip().casefold()


def classify_features(frame: pd.DataFrame,
                      classification: Classification) -> tuple[np.ndarray, list[str]]:
    """Hazard class code (uint8, 0-3) of each feature, and notes on values left unclassified."""
    if classification.method is ClassificationMethod.SINGLE:
        return np.full(len(frame), int(classification.single_class), dtype=np.uint8), []
    column = find_column(frame, classification.attribute or "")
    values = frame[column]
    notes: list[str] = []
    if classification.method is ClassificationMethod.THRESHOLDS:
        numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
        thresholds = classification.thresholds or Thresholds()
        codes = thresholds.classify(numbers)
    else:
        keys = [None if pd.isna(value) else _value_key(value) for value in values]
        codes = np.array([int(classification.class_map.get(key, 0)) if key else 0
                          for key in keys], dtype=np.uint8)
        unmapped = sorted({key for key in keys if key and key not in classification.class_map})
        if unmapped:
            count = sum(1 for key in keys if key and key not in classification.class_map)
            notes.append(f"{_features_have(count)} {column} values with no class "
                         f"({', '.join(unmapped[:8])}); they are not drawn.")
    empty = int(values.isna().sum())
    if empty:
        notes.append(f"{_features_have(empty)} no {column} value; they are not drawn.")
    return codes, notes


def _features_have(count: int) -> str:
    return "1 feature has" if count == 1 else f"{count} features have"
