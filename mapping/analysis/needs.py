"""Displaced people and their minimum needs, from an exposure result counted in people.

Each hazard class has a displacement rate, the share of its people who must leave
their homes. The defaults are InaSAFE's (``resources/needs/displacement.json``,
with its source): per class of the ready-made schemes (a wet flood zone displaces
1 %, a tsunami over 1 m everyone), and for other classes 1 in a class marked
affected, 0 in the others. They are editable per class
(``--displacement high=1.0,medium=0.5``).

The displaced people are ``ceil(sum over classes of people x rate)`` and each need
is ``ceil(displaced x amount per person)``, per day, week, month or once, as the
profile says: figures are rounded up, as lives are not fractions.

A needs profile is a JSON file in ``resources/needs/`` (format in its README); the
default is InaSAFE's own default, Indonesia's BNPB profile (rice, drinking water,
clean water, family kits, toilets).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from layers.errors import InputFileError, ValidationError
from layers.i18n import N_, tr
from mapping.analysis.schemes import ClassScheme

#: Where the profiles ship.
NEEDS_DIR = Path(__file__).resolve().parents[2] / "resources" / "needs"
#: The profile used when none is named (InaSAFE's default profile).
DEFAULT_PROFILE = "bnpb"
#: The default displacement rates (not a profile).
RATES_FILE = NEEDS_DIR / "displacement.json"
#: How often a need is given, as the profiles write it.
PERIODS = ("day", "week", "month", "once")
#: How often a need is given, in words for reports.
PERIOD_WORDS = {"day": N_("a day"), "week": N_("a week"), "month": N_("a month"),
                "once": N_("once")}
#: The units the profiles write, in words for reports (the JSON keeps the short form).
UNIT_WORDS = {"kg": N_("kg"), "g": N_("g"), "l": N_("litres"), "kcal": N_("kcal"),
              "kits": N_("kits"), "toilets": N_("toilets"), "places": N_("places"),
              "bags": N_("bags"), "containers": N_("containers"), "pieces": N_("pieces"),
              "sets": N_("sets"), "packs": N_("packs"), "m²": N_("m²")}


def unit_words(unit: str) -> str:
    """A profile's unit in the current language ("l" -> "litres", "lita")."""
    word = UNIT_WORDS.get(unit, unit)
    return tr(word) if word.strip() else word


def period_words(per: str) -> str:
    """How often ("week") in the current language ("a week", "kwa wiki")."""
    return tr(PERIOD_WORDS[per]) if per in PERIOD_WORDS else per


def need_words(name: str) -> str:
    """A need's name from a profile ("drinking water") in the current language."""
    return tr(name) if name.strip() else name


@dataclass(frozen=True)
class NeedItem:
    """One need: its name, unit and amount per displaced person per period."""

    #: Name in English ("rice").
    name: str
    #: Unit of the amount ("kg", "l", "kits").
    unit: str
    #: Amount one displaced person needs per ``per``.
    per_person: float
    #: "day", "week", "month" or "once".
    per: str = "week"


@dataclass(frozen=True)
class NeedsProfile:
    """A minimum needs profile (BNPB, Sphere, a country's)."""

    #: Name shown in reports ("Indonesia BNPB (Perka 7/2008)").
    name: str
    #: Where the figures come from.
    source: str
    #: The needs, in the order of the file.
    items: tuple[NeedItem, ...]


@dataclass(frozen=True)
class Needs:
    """Displaced people and what they need."""

    #: Displacement rate used for each class.
    rates: dict[str, float]
    #: Where the default rates come from.
    rate_source: str
    #: Classes whose rate was given (``--displacement``) rather than the default.
    chosen: tuple[str, ...]
    #: Displaced people, rounded up.
    displaced: int
    #: Need name -> {"amount": int, "unit": str, "per": str}, as the JSON prints it.
    needs: dict[str, dict[str, object]]
    #: The profile the needs come from.
    profile: NeedsProfile


def shipped_profiles() -> list[str]:
    """Names of the profiles in ``resources/needs`` (for ``--needs NAME``)."""
    return sorted(p.stem for p in NEEDS_DIR.glob("*.json") if p != RATES_FILE)


def load_profile(name: str | Path | None = None) -> NeedsProfile:
    """A profile by name (``bnpb``, ``tanzania``) or path; a sentence if it cannot be read."""
    name = str(name or DEFAULT_PROFILE)
    path = Path(name)
    if path.suffix.lower() != ".json":
        path = NEEDS_DIR / f"{name.strip().casefold()}.json"
        if path == RATES_FILE:
            path = NEEDS_DIR / "no such profile.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        items = tuple(NeedItem(str(item["name"]), str(item.get("unit", "")),
                               float(item["per_person"]), str(item.get("per", "week")))
                      for item in raw["items"])
        profile = NeedsProfile(name=str(raw.get("name", path.stem)),
                               source=str(raw.get("source", "")), items=items)
    except FileNotFoundError as error:
        raise InputFileError(tr("There is no needs profile {name}; the profiles shipped are "
                                "{profiles}, or give the path of a .json file.", name=name,
                                profiles=", ".join(shipped_profiles()))) from error
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise InputFileError(tr("{file} is not a needs profile (see resources/needs/"
                                "README.md for the format).", file=path.name)) from error
    if not items or any(not math.isfinite(i.per_person) or i.per_person < 0 for i in items):
        raise InputFileError(tr("{file} lists no needs, or an amount that is not a number "
                                "of 0 or more.", file=path.name))
    wrong = [i.name for i in items if i.per not in PERIODS]
    if wrong:
        raise InputFileError(tr("{file}: say how often {need} is needed with \"per\": one "
                                "of {periods}.", file=path.name, need=wrong[0],
                                periods=", ".join(PERIODS)))
    return profile


def default_rates(scheme: ClassScheme) -> tuple[dict[str, float], str]:
    """InaSAFE's displacement rate of each class of ``scheme``, and where it comes from."""
    raw = json.loads(RATES_FILE.read_text(encoding="utf-8"))
    known = raw["schemes"].get(scheme.name, {})
    rates = {c.name: float(known.get(c.name, raw["affected"] if c.affected
                                     else raw["not_affected"]))
             for c in scheme.classes}
    return rates, str(raw["source"])


def parse_displacement(text: str | None, scheme: ClassScheme) -> dict[str, float]:
    """``"high=1.0,medium=0.5"`` -> rates per class (unnamed classes keep their default)."""
    rates: dict[str, float] = {}
    if not text:
        return rates
    names = {name.casefold(): name for name in scheme.names}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, sep, value = part.partition("=")
        if not sep or key.strip().casefold() not in names:
            raise ValidationError(tr("{part} is not CLASS=RATE with a class of this hazard "
                                     "({classes}).", part=repr(part),
                                     classes=", ".join(scheme.names)))
        try:
            rate = float(value)
        except ValueError:
            rate = math.nan
        if not 0.0 <= rate <= 1.0:
            raise ValidationError(tr("The displacement rate of {name} must be a number from "
                                     "0 to 1 (0.5 is half the people).", name=key.strip()))
        rates[names[key.strip().casefold()]] = rate
    return rates


_WHAT = {"count": N_("buildings or points"), "length_m": N_("metres of line"),
         "area_ha": N_("hectares")}


def require_people(measure: str) -> None:
    """Refuse, in a sentence, to count displaced people from something else than people."""
    if measure != "people":
        what = tr(_WHAT[measure]) if measure in _WHAT else measure
        raise ValidationError(tr("Displaced people and their needs require a population "
                                 "layer (people per area, or a population raster); this "
                                 "analysis counts {what}, not people.", what=what))


def _up(value: float) -> int:
    """Round up, ignoring float noise (150.0000000001 people is 150)."""
    return int(math.ceil(round(value, 6)))


def minimum_needs(classes: dict[str, float], scheme: ClassScheme, measure: str,
                  rates: dict[str, float] | None = None,
                  profile: NeedsProfile | None = None) -> Needs:
    """Displaced people and their needs from the people in each class."""
    require_people(measure)
    profile = profile or load_profile()
    used, source = default_rates(scheme)
    used.update(rates or {})
    displaced = _up(sum(classes[name] * rate for name, rate in used.items()))
    needs = {item.name: {"amount": _up(displaced * item.per_person), "unit": item.unit,
                         "per": item.per}
             for item in profile.items}
    return Needs(rates=used, rate_source=source, chosen=tuple(rates or ()),
                 displaced=displaced, needs=needs, profile=profile)
