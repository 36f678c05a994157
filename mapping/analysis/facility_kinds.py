"""The kinds of facility a planner asks about (water points, clinics, schools...) and the
tags that make one: one table, read by the access analysis (:mod:`mapping.analysis.access`)
and listed by the window without loading the analysis itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from layers.errors import ValidationError
from layers.i18n import N_, tr


@dataclass(frozen=True)
class FacilityKind:
    """A kind of facility a planner asks about, and the tags that make one."""

    #: Plural words for sentences ("water points"), English (shown through ``tr``).
    words: str
    #: (key, values) pairs; a feature is of this kind if any pair matches its tags.
    tags: tuple[tuple[str, frozenset[str]], ...]


def _tags(**pairs: str) -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple((key.replace("__", ":"), frozenset(values.split("|")))
                 for key, values in pairs.items())


#: Kind word -> what it means in tags. "shelter" uses the printed map's shelter rule.
KINDS: dict[str, FacilityKind] = {
    "water": FacilityKind(N_("water points"), _tags(
        amenity="drinking_water|water_point", man_made="water_tap|water_well|borehole",
        natural="spring")),
    "clinic": FacilityKind(N_("clinics or health centres"), _tags(
        amenity="clinic|doctors|hospital|health_post",
        healthcare="clinic|doctor|hospital|centre|health_post")),
    "hospital": FacilityKind(N_("hospitals"), _tags(amenity="hospital", healthcare="hospital")),
    "pharmacy": FacilityKind(N_("pharmacies"), _tags(amenity="pharmacy", healthcare="pharmacy")),
    "school": FacilityKind(N_("schools"), _tags(amenity="school")),
    "kindergarten": FacilityKind(N_("kindergartens"), _tags(amenity="kindergarten|childcare")),
    "toilet": FacilityKind(N_("toilets"), _tags(amenity="toilets")),
    "market": FacilityKind(N_("markets"), _tags(amenity="marketplace")),
    "police": FacilityKind(N_("police stations"), _tags(amenity="police")),
    "fire_station": FacilityKind(N_("fire stations"), _tags(amenity="fire_station")),
    "worship": FacilityKind(N_("places of worship"), _tags(amenity="place_of_worship")),
    "community_centre": FacilityKind(N_("community centres"), _tags(amenity="community_centre")),
    "shelter": FacilityKind(N_("shelters or evacuation centres"), ()),
}
#: Other words people type for the same kinds.
ALIASES: dict[str, str] = {
    "water_point": "water", "drinking_water": "water", "tap": "water", "water_tap": "water",
    "well": "water", "health": "clinic", "health_centre": "clinic", "doctor": "clinic",
    "dispensary": "clinic", "toilets": "toilet", "latrine": "toilet", "sanitation": "toilet",
    "marketplace": "market", "church": "worship", "mosque": "worship",
    "place_of_worship": "worship", "evacuation_centre": "shelter", "nursery": "kindergarten",
}


def kind_named(text: str) -> str:
    """The :data:`KINDS` key a typed word means ("Water point" -> "water")."""
    word = "_".join(text.strip().casefold().replace("-", " ").split())
    for candidate in (word, word[:-1] if word.endswith("s") else word,
                      word[:-2] if word.endswith("es") else word):
        candidate = ALIASES.get(candidate, candidate)
        if candidate in KINDS:
            return candidate
    raise ValidationError(tr("{text} is not a kind of facility Quartier knows: use one of "
                             "{kinds}.", text=repr(text), kinds=", ".join(KINDS)))


def is_kind(kind: str, tags: dict[str, str], preset: str | None) -> bool:
    """Whether a feature with these tags is a facility of ``kind``."""
    if kind == "shelter":
        from mapping.export.tag_words import is_shelter

        return is_shelter(tags, preset)
    return any(tags.get(key) in values for key, values in KINDS[kind].tags)
