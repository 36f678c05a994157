"""What kind of place a feature is (residential, education, health...), for the type breakdown.

OSM tags are read in a fixed order, the most specific first (``amenity=school`` on a
``building=yes`` is a school), and each value is looked up in one word table. The
same table reads a user's ``--type-field`` values, split into words
("CLINIC/DOCTOR" is health), so that every breakdown uses the same seven types.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd

from layers.i18n import N_

#: The types of the breakdown, in the order tables show them.
TYPES = (N_("residential"), N_("education"), N_("health"), N_("worship"), N_("government"),
         N_("commercial"), N_("other"))

_WORDS: dict[str, str] = {
    **dict.fromkeys(["residential", "house", "houses", "apartments", "apartment", "detached",
                     "semidetached_house", "terrace", "dormitory", "hut", "bungalow",
                     "cabin", "home", "housing", "dwelling", "residence", "static_caravan"],
                    "residential"),
    **dict.fromkeys(["school", "kindergarten", "college", "university", "education",
                     "childcare", "library", "training", "madrasa", "pesantren"], "education"),
    **dict.fromkeys(["hospital", "clinic", "doctors", "doctor", "health", "dentist",
                     "pharmacy", "health_post", "healthcare", "puskesmas", "dispensary",
                     "nursing_home", "medical"], "health"),
    **dict.fromkeys(["place_of_worship", "church", "mosque", "temple", "chapel", "cathedral",
                     "shrine", "synagogue", "religious", "worship", "masjid", "musholla",
                     "mushola", "monastery"], "worship"),
    **dict.fromkeys(["government", "public", "townhall", "civic", "police", "fire_station",
                     "courthouse", "public_building", "community_centre", "post_office",
                     "military", "prison"], "government"),
    **dict.fromkeys(["commercial", "retail", "shop", "supermarket", "kiosk", "office",
                     "marketplace", "market", "bank", "restaurant", "cafe", "hotel", "fuel",
                     "warehouse", "mall"], "commercial"),
}
#: Tag keys read, most specific first.
TAG_KEYS = _KEYS = ("amenity", "healthcare", "building", "shop", "office", "religion")
#: Keys whose mere presence says the type (any value).
_KEY_TYPES = {"shop": "commercial", "religion": "worship", "healthcare": "health"}


def type_of_word(value: object) -> str | None:
    """The type a value names ("school" -> education), or None."""
    if _missing(value):
        return None
    text = str(value).strip().casefold()
    if text in _WORDS:
        return _WORDS[text]
    for word in re.split(r"[^a-z_]+", text):
        if word in _WORDS:
            return _WORDS[word]
    return None


def type_of_tags(tags: dict[str, object]) -> str:
    """The type of a feature from its OSM tags."""
    for key in _KEYS:
        value = tags.get(key)
        if _missing(value):
            continue
        found = type_of_word(value)
        if key == "office" and found != "government":
            found = "commercial"
        found = found or _KEY_TYPES.get(key)
        if found:
            return found
    return "other"


def feature_types(frame: pd.DataFrame, type_field: str | None) -> np.ndarray:
    """Type of each feature: from ``type_field`` if given, else from OSM tags.

    Tags come from the ``tags`` JSON column of the base layers and from plain
    ``building``, ``amenity``... columns. Values are mapped once per distinct value.
    """
    if type_field is not None:
        column = frame[type_field].astype("object")
        codes, uniques = pd.factorize(column, use_na_sentinel=True)
        mapped = np.array([type_of_word(value) or "other" for value in uniques] + ["other"],
                          dtype=object)
        return mapped[codes]
    columns = {str(name).casefold(): name for name in frame.columns}
    plain = [key for key in _KEYS if key in columns]
    # Factorized as stored (Arrow strings are encoded by Arrow, without a Python
    # string per row); missing values take the sentinel.
    parts = [frame[columns["tags"]]] if "tags" in columns else []
    parts += [frame[columns[key]] for key in plain]
    if not parts:
        return np.full(len(frame), "other", dtype=object)
    # One code per distinct combination of values: each column factorized, then the
    # codes combined, so that only distinct combinations are read as tags.
    column_codes: list[np.ndarray] = []
    column_values: list[list[object]] = []
    for part in parts:
        part_codes, uniques = pd.factorize(part, use_na_sentinel=True)
        column_codes.append(part_codes.astype(np.int64) + 1)
        column_values.append([None, *uniques])
    # (Hashed, not sorted: pd.factorize numbers values in order of first appearance.)
    codes = np.zeros(len(frame), dtype=np.int64)
    for part_codes, values in zip(column_codes, column_values, strict=True):
        codes = pd.factorize(codes * (len(values) + 1) + part_codes)[0]
    first = np.empty(int(codes.max()) + 1 if len(codes) else 0, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)
    has_tags = "tags" in columns
    kinds: list[str] = []
    for row in first:
        values = [column_values[i][column_codes[i][row]] for i in range(len(parts))]
        tags: dict[str, object] = {}
        if has_tags:
            tags.update(json_tags(values.pop(0)))
        for key, value in zip(plain, values, strict=True):
            if not _missing(value) and key not in tags:
                tags[key] = value
        kinds.append(type_of_tags(tags))
    return np.array(kinds, dtype=object)[codes]


def _missing(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, float) and np.isnan(value))


def json_tags(text: object) -> dict[str, object]:
    if not isinstance(text, str) or not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
