"""Tags in plain words, for the maps people read: popups of the web map, lists on paper.

A facility stored as ``{"amenity": "clinic", "capacity": "40", "wheelchair": "limited"}``
with the preset ``facility/clinic`` reads "Clinic · Capacity (people): 40 ·
Wheelchair access: Partly". Labels and answers come from the presets (the same
words the mapping form asked the question in); keys no preset knows are
written out ("social_facility:for" -> "Social facility for").

Shelters and evacuation centres are recognised here too, since both the risk
map and the web map single them out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from layers.i18n import N_, language, tr
from mapping.export.personal import is_personal
from mapping.render.words import osm_key, osm_value

#: Tag keys never listed (they are the title, or say how the data is stored).
SILENT_KEYS = frozenset({"name", "type", "area", "hazard_prone", "colour"})
#: ``emergency=*`` values that make a place where people go in a disaster.
EMERGENCY_PLACES = frozenset({"assembly_point", "evacuation_centre", "shelter"})
#: Tag keys holding contact details of a person (left out with personal data).
CONTACT_KEY = re.compile(r"^(contact:|phone|mobile|email|fax)", re.IGNORECASE)
_ENUM = re.compile(r"^[a-z0-9_;:]+$")
#: Month names of dates people read ("7 December 2026"), in the map's language.
MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
          N_("July"), N_("August"), N_("September"), N_("October"), N_("November"),
          N_("December"))


@cache
def _catalogue() -> Any:
    """The preset catalogue, or None if presets cannot be read (plain keys are used then)."""
    try:
        from layers.presets import load_presets

        return load_presets()
    except Exception:  # a broken preset folder must never stop an export
        return None


@cache
def _field_index() -> dict[str, Any]:
    """Every preset field by the tag key it fills (first one wins)."""
    catalogue = _catalogue()
    index: dict[str, Any] = {}
    for preset in catalogue or ():
        for preset_field in preset.fields:
            index.setdefault(preset_field.key, preset_field)
    return index


def day_words(day: dt.date) -> str:
    """A date as people write it in the current language ("7 December 2026", "7 Desemba
    2026", "7 décembre 2026"): printed maps and the web map's title line."""
    return tr("{day} {month} {year}", day=day.day, month=tr(MONTHS[day.month - 1]),
              year=day.year)


def words(text: str) -> str:
    """An OSM key or value in words: ``social_facility:for`` -> ``Social facility for``."""
    spaced = re.sub(r"[_:]+", " ", str(text)).strip()
    return spaced[:1].upper() + spaced[1:]


def preset_name(preset_id: str | None, tags: Mapping[str, str], layer: str = "") -> str:
    """What a feature is, in words: its preset's name, or the preset matching its tags."""
    catalogue = _catalogue()
    if catalogue is not None:
        preset = catalogue.get(preset_id) if preset_id else None
        if preset is None and tags:
            try:
                preset = catalogue.match(tags, layer or None)
            except Exception:
                preset = None
        if preset is not None:
            return str(preset.name(language()))
    for key in ("amenity", "emergency", "social_facility", "route", "hazard", "shop"):
        if tags.get(key):
            return words(tags[key])
    return words(preset_id.split("/")[-1]) if preset_id else ""


def value_words(key: str, value: str, preset_id: str | None = None) -> str:
    """A tag value as the form showed it (option labels, Yes/No, units)."""
    preset_field = None
    catalogue = _catalogue()
    if catalogue is not None and preset_id:
        preset = catalogue.get(preset_id)
        preset_field = preset.field(key) if preset is not None else None
    preset_field = preset_field or _field_index().get(key)
    if preset_field is not None:
        options = {o.value: o.label_for(language())
                   for o in getattr(preset_field, "options", ())}
        if options:
            return "; ".join(options.get(part, osm_value(part)) for part in value.split(";"))
        if str(getattr(preset_field, "type", "")) == "yes_no":
            return {"yes": tr("Yes"), "no": tr("No")}.get(value, value)
        unit = getattr(preset_field, "unit", "")
        if unit:
            return f"{value} {unit}"
        return value
    if value in ("yes", "no"):
        return tr("Yes") if value == "yes" else tr("No")
    return osm_value(value) if _ENUM.match(value) else value


def key_words(key: str, preset_id: str | None = None) -> str:
    """A tag key as the form asked it ("capacity" -> "Capacity (people)")."""
    catalogue = _catalogue()
    if catalogue is not None and preset_id:
        preset = catalogue.get(preset_id)
        preset_field = preset.field(key) if preset is not None else None
        if preset_field is not None:
            return str(preset_field.label_for(language()))
    preset_field = _field_index().get(key)
    return (str(preset_field.label_for(language())) if preset_field is not None
            else osm_key(key))


def tag_rows(tags: Mapping[str, str], preset_id: str | None = None, *,
             include_personal: bool = True, skip: frozenset[str] = frozenset()
             ) -> list[tuple[str, str]]:
    """(question, answer) pairs of a feature's tags, in plain words.

    Tags that only say what the feature is (those its preset always sets) are
    left out: the preset name says it. Personal fields and contact details are
    left out unless ``include_personal``.
    """
    identifying: Mapping[str, str] = {}
    catalogue = _catalogue()
    if catalogue is not None and preset_id:
        preset = catalogue.get(preset_id)
        identifying = preset.tags if preset is not None else {}
    rows = []
    for key, value in tags.items():
        if key in SILENT_KEYS or key in skip or identifying.get(key) == value or value == "":
            continue
        if not include_personal and (is_personal(key) or CONTACT_KEY.match(key)):
            continue
        rows.append((key_words(key, preset_id), value_words(key, str(value), preset_id)))
    return rows


def is_shelter(tags: Mapping[str, str], preset_id: str | None = None) -> bool:
    """Whether a facility is a shelter or an evacuation centre (a place to go in a disaster)."""
    if preset_id and preset_id.split("/")[-1] in ("shelter", "evacuation_centre"):
        return True
    if tags.get("emergency") in EMERGENCY_PLACES or tags.get("amenity") == "refugee_site":
        return True
    # amenity=shelter alone is mostly a roof at a bus stop or a picnic site: not counted.
    return tags.get("social_facility") == "shelter" or "emergency:social_facility" in tags
