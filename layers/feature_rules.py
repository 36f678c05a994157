"""Rules a participatory feature must follow before it is saved: its tags and its shape.

Tags are checked against their preset (required answers, allowed values, numbers
in range, well-formed dates); shapes against their layer (a line needs two
distinct points, an area must not cross itself, coordinates must be on Earth).
Problems are described in plain words, naming the form field as the mapper sees it.

Text is never rewritten: names in Swahili, French, Nepali (Devanagari) or Arabic
are kept exactly as typed, except for spaces at the very start and end.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

import numpy as np
import shapely
from shapely.geometry import LineString, MultiLineString, MultiPoint, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from layers import i18n, opening_hours
from layers.errors import ValidationError
from layers.i18n import N_, tr
from layers.participatory import ParticipatoryLayer
from layers.presets import (
    DEFAULT_LANGUAGE,
    LAYER_GEOMETRY,
    FieldType,
    GeometryKind,
    Preset,
    PresetField,
)

#: OpenStreetMap refuses keys and values longer than this (in characters).
MAX_TAG_LENGTH = 255
#: An area repaired by ``make_valid`` is kept only if its area changes by less than this.
MAX_REPAIR_AREA_CHANGE = 0.05

_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_INTEGER = re.compile(r"-?\d+")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_INTERVAL_BAND = re.compile(r"interval:(\d{2})-(\d{2})")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class ProblemKind(StrEnum):
    """What kind of mistake a tag problem is (lets a form translate or highlight it)."""

    REQUIRED = "required"
    PRESET_TAG = "preset_tag"
    NOT_TEXT = "not_text"
    BAD_KEY = "bad_key"
    TOO_LONG = "too_long"
    CONTROL_CHARACTERS = "control_characters"
    NOT_A_NUMBER = "not_a_number"
    OUT_OF_RANGE = "out_of_range"
    NOT_A_CHOICE = "not_a_choice"
    BAD_DATE = "bad_date"
    FUTURE_DATE = "future_date"
    BAD_FORMAT = "bad_format"
    MIN_ABOVE_MAX = "min_above_max"
    BAD_TIME_BAND = "bad_time_band"
    BAD_OPENING_HOURS = "bad_opening_hours"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a feature's tags.

    It keeps its sentence as a message of the catalogue (:attr:`template`, English) and
    the values that fill it (:attr:`values`), so that it can be said in any language:
    :meth:`sentence`. :attr:`message` is that sentence in the language current when the
    tags were checked.
    """

    #: The OSM key at fault.
    key: str
    #: The form question for that key, as the mapper sees it.
    label: str
    #: What is wrong and how to fix it, in plain words (the language current when checked).
    message: str
    #: The kind of mistake.
    kind: ProblemKind = ProblemKind.BAD_FORMAT
    #: The English sentence (a message of the catalogue), with ``{placeholders}``.
    template: str = ""
    #: The values of its placeholders other than the field words (label, preset name,
    #: choices, format hint), which :meth:`sentence` says in the language asked for.
    values: tuple[tuple[str, object], ...] = ()

    def __str__(self) -> str:
        return self.message

    def sentence(self, preset: Preset | None = None, language: str | None = None) -> str:
        """What is wrong, in the current language (:func:`layers.i18n.tr`), naming the
        field as the form asks it in ``language`` (default: the current language)."""
        if not self.template:
            return self.message
        words = _field_words(preset, self.key, language or i18n.language()) \
            if preset is not None else {"label": self.label}
        values = {**words, **dict(self.values)}
        return tr(self.template, **values)


def _field_words(preset: Preset, key: str, language: str) -> dict[str, str]:
    """The words of a problem that depend on the language: the field's label (and the
    label of its ``:max`` for a range), the preset's name, the choices, the format hint."""
    found = preset.field(key)
    words = {"label": found.label_for(language) if found else key,
             "preset": preset.name(language)}
    if key.endswith(":min"):
        high = preset.field(f"{key[:-4]}:max")
        words["high_label"] = high.label_for(language) if high else f"{key[:-4]}:max"
    if found is not None:
        words["choices"] = ", ".join(o.label_for(language) for o in found.options)
        hint = found.pattern_hint
        words["hint"] = (hint.get(language) or hint.get(DEFAULT_LANGUAGE) or "") if hint else ""
    return words


def _problem(preset: Preset, key: str, kind: ProblemKind, template: str, language: str, /,
             **values: object) -> Problem:
    """A problem of ``key``, its sentence said now (field words in ``language``)."""
    found = Problem(key, "", "", kind, template, tuple(values.items()))
    words = _field_words(preset, key, language)
    label = words["label"] if kind not in (ProblemKind.PRESET_TAG, ProblemKind.BAD_TIME_BAND) \
        else key
    return replace(found, label=label, message=found.sentence(preset, language))


@dataclass(frozen=True)
class CheckedGeometry:
    """A shape accepted for a layer, possibly repaired."""

    #: The geometry to store (an area is always a MultiPolygon).
    geometry: BaseGeometry
    #: What was changed to make it acceptable ("The outline crossed itself; ..."), if anything.
    notes: tuple[str, ...] = ()


def clean_tags(preset: Preset, tags: Mapping[str, str]) -> dict[str, str]:
    """Tags as they will be stored: outer spaces trimmed, empty answers dropped, the
    preset's own tags added. Nothing else in the text is changed."""
    cleaned: dict[str, str] = {}
    for key, value in tags.items():
        key = str(key).strip()
        text = "" if value is None else str(value).strip()
        if key and text:
            cleaned[key] = text
    for key, value in preset.tags.items():
        if value != "*":
            cleaned[key] = value
    return cleaned


def validate_tags(preset: Preset, tags: Mapping[str, str],
                  language: str = DEFAULT_LANGUAGE) -> list[Problem]:
    """Everything wrong with ``tags`` for ``preset``; an empty list means they can be saved.

    Checks required answers, select values, numbers (whole numbers, ranges), dates
    (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, real calendar days), text patterns,
    opening hours (OpenStreetMap's syntax, with :mod:`layers.opening_hours`),
    OSM length limits, and that ``X:min`` is not above ``X:max``. Sentences are in the
    current language (:mod:`layers.i18n`), field labels and preset names in ``language``.
    """
    problems: list[Problem] = []
    for key, value in preset.tags.items():
        if value == "*" and not tags.get(key):
            problems.append(_problem(preset, key, ProblemKind.PRESET_TAG,
                                     N_("A {preset} needs a {key} tag."), language, key=key))
        elif value != "*" and tags.get(key) != value:
            problems.append(_problem(preset, key, ProblemKind.PRESET_TAG,
                                     N_("A {preset} must have the tag {tag}."), language,
                                     tag=f"{key}={value}"))
    for key, value in tags.items():
        problems.extend(_tag_problems(preset, key, value, language))
    for preset_field in preset.fields:
        if preset_field.required and not str(tags.get(preset_field.key, "")).strip():
            problems.append(_problem(preset, preset_field.key, ProblemKind.REQUIRED,
                                     N_("{label} is required."), language))
    problems.extend(_range_problems(preset, tags, language))
    return problems


def check_tags(preset: Preset, tags: Mapping[str, str],
               language: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """Clean ``tags`` and return them, or raise :class:`ValidationError` listing every problem."""
    cleaned = clean_tags(preset, tags)
    problems = validate_tags(preset, cleaned, language)
    if problems:
        listed = " ".join(problem.message for problem in problems)
        raise ValidationError(tr("This {preset} cannot be saved yet. {problems}",
                                 preset=preset.name(language), problems=listed))
    return cleaned


def _tag_problems(preset: Preset, key: str, value: object, language: str) -> list[Problem]:
    preset_field = preset.field(key)
    if not isinstance(value, str):
        return [_problem(preset, key, ProblemKind.NOT_TEXT,
                         N_("{label} must be text, not {type}."), language,
                         type=type(value).__name__)]
    if not key or key != key.strip() or len(key) > MAX_TAG_LENGTH or _CONTROL.search(key):
        return [_problem(preset, key, ProblemKind.BAD_KEY,
                         N_("The tag name “{key}” is not allowed: use up to {limit} characters "
                            "with no spaces at the ends."), language,
                         key=key, limit=MAX_TAG_LENGTH)]
    if len(value) > MAX_TAG_LENGTH:
        return [_problem(preset, key, ProblemKind.TOO_LONG,
                         N_("{label} is {length} characters long; OpenStreetMap allows "
                            "{limit}. Shorten it."), language,
                         length=len(value), limit=MAX_TAG_LENGTH)]
    multiline = preset_field is not None and preset_field.type is FieldType.MULTILINE
    if _CONTROL.search(value) or (not multiline and ("\n" in value or "\t" in value)):
        return [_problem(preset, key, ProblemKind.CONTROL_CHARACTERS,
                         N_("{label} contains invisible control characters or line breaks; "
                            "type it on one line."), language)]
    if preset_field is None or not value:
        return []
    check = _VALUE_CHECKS.get(preset_field.type)
    found = check(preset_field, value) if check else None
    if found is None:
        return []
    kind, template, values = found
    return [_problem(preset, key, kind, template, language, value=value, **values)]


#: What a value check found: the kind, the sentence (English) and its other values.
_Found = tuple[ProblemKind, str, dict[str, object]] | None


def _number(value: float) -> str:
    return f"{value:g}"


def _check_number(preset_field: PresetField, value: str) -> _Found:
    shape = _INTEGER if preset_field.integer else _NUMBER
    if not shape.fullmatch(value):
        if preset_field.integer:
            return (ProblemKind.NOT_A_NUMBER,
                    N_("{label} must be a whole number (you typed “{value}”)."), {})
        if "," in value:
            return (ProblemKind.NOT_A_NUMBER,
                    N_("{label} must be a number (you typed “{value}”). Use a point for "
                       "decimals, like 1.5."), {})
        return ProblemKind.NOT_A_NUMBER, N_("{label} must be a number (you typed “{value}”)."), {}
    number = float(value)
    low, high = preset_field.minimum, preset_field.maximum
    if (low is None or number >= low) and (high is None or number <= high):
        return None
    unit = preset_field.unit
    limits: dict[str, object] = {"unit": unit}
    if low is not None and high is not None:
        limits.update(low=_number(low), high=_number(high))
        template = (N_("{label} must be between {low} and {high} {unit} (you typed {value}).")
                    if unit else
                    N_("{label} must be between {low} and {high} (you typed {value})."))
    elif low is not None:
        limits.update(low=_number(low))
        template = (N_("{label} must be {low} {unit} or more (you typed {value}).") if unit
                    else N_("{label} must be {low} or more (you typed {value})."))
    else:
        limits.update(high=_number(high or 0))
        template = (N_("{label} must be {high} {unit} or less (you typed {value}).") if unit
                    else N_("{label} must be {high} or less (you typed {value})."))
    return ProblemKind.OUT_OF_RANGE, template, limits


def _check_select(preset_field: PresetField, value: str) -> _Found:
    allowed = preset_field.option_values()
    values = value.split(";") if preset_field.type is FieldType.MULTI_SELECT else [value]
    wrong = [v for v in values if v.strip() not in allowed]
    if not wrong or preset_field.allow_other:
        return None
    if preset_field.type is FieldType.YES_NO:
        return (ProblemKind.NOT_A_CHOICE, N_("{label} must be yes or no (not “{wrong}”)."),
                {"wrong": wrong[0]})
    return (ProblemKind.NOT_A_CHOICE,
            N_("{label}: “{wrong}” is not one of the choices ({choices})."), {"wrong": wrong[0]})


def _check_date(preset_field: PresetField, value: str) -> _Found:
    match = _DATE.fullmatch(value)
    if not match:
        return (ProblemKind.BAD_DATE,
                N_("{label} must be a date written like 2024-04-21, 2024-04 or 2024 "
                   "(you typed “{value}”)."), {})
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return (ProblemKind.BAD_DATE,
                N_("{label}: {value} is not a real date (check the month and the day)."), {})
    if preset_field.past_only and date > dt.date.today():
        return ProblemKind.FUTURE_DATE, N_("{label}: {value} is in the future."), {}
    return None


def _check_text(preset_field: PresetField, value: str) -> _Found:
    if preset_field.pattern and not re.fullmatch(preset_field.pattern, value):
        if preset_field.pattern_hint:
            return (ProblemKind.BAD_FORMAT, N_("{label} must be {hint} (you typed “{value}”)."),
                    {})
        return (ProblemKind.BAD_FORMAT,
                N_("{label} is not in the expected form (you typed “{value}”)."), {})
    return None


def _check_opening_hours(preset_field: PresetField, value: str) -> _Found:
    if opening_hours.is_valid(value):
        return None
    return (ProblemKind.BAD_OPENING_HOURS,
            N_("{label} must be written with days and hours as maps read them, like "
               "{example} (you typed “{value}”)."), {"example": opening_hours.EXAMPLE})


_VALUE_CHECKS = {
    FieldType.NUMBER: _check_number,
    FieldType.SELECT: _check_select,
    FieldType.MULTI_SELECT: _check_select,
    FieldType.YES_NO: _check_select,
    FieldType.DATE: _check_date,
    FieldType.TEXT: _check_text,
    FieldType.OPENING_HOURS: _check_opening_hours,
}


def _range_problems(preset: Preset, tags: Mapping[str, str], language: str) -> list[Problem]:
    problems = []
    for key, low in tags.items():
        if not key.endswith(":min") or f"{key[:-4]}:max" not in tags:
            continue
        high = tags[f"{key[:-4]}:max"]
        if _NUMBER.fullmatch(low) and _NUMBER.fullmatch(high) and float(low) > float(high):
            problems.append(_problem(preset, key, ProblemKind.MIN_ABOVE_MAX,
                                     N_("{label} ({low}) is more than {high_label} ({high})."),
                                     language, low=low, high=high))
    for key in tags:
        band = _INTERVAL_BAND.fullmatch(key)
        if band and not 0 <= int(band.group(1)) < int(band.group(2)) <= 24:
            problems.append(_problem(preset, key, ProblemKind.BAD_TIME_BAND,
                                     N_("The time band in {key} must go from an earlier to a "
                                        "later hour of the same day, like interval:06-09."),
                                     language, key=key))
    return problems


# Shapes -----------------------------------------------------------------------------------

def check_geometry(layer: ParticipatoryLayer | str,
                   geometry: BaseGeometry | None) -> CheckedGeometry:
    """Accept, repair or refuse a shape drawn for ``layer`` (WGS84 longitude/latitude).

    Points must be single points; lines need at least two distinct points (a line
    in several pieces is refused); areas are stored as MultiPolygons, and one that
    crosses itself is repaired with ``shapely.make_valid`` when the repair keeps
    nearly the same area (within 5 %), which the returned notes say. Empty shapes,
    missing or non-finite coordinates and coordinates off the Earth are refused.
    Heights (Z) are dropped.

    Raises
    ------
    ValidationError
        In plain words, saying what to redraw.
    """
    kind = LAYER_GEOMETRY[ParticipatoryLayer(layer)]
    if geometry is None or not isinstance(geometry, BaseGeometry):
        raise ValidationError(tr("Nothing was drawn: draw the feature on the map first."))
    if geometry.is_empty:
        raise ValidationError(tr("The shape is empty: draw the feature on the map first."))
    coordinates = shapely.get_coordinates(geometry)
    if not np.isfinite(coordinates).all():
        raise ValidationError(tr("The shape has a point without valid coordinates. Redraw it."))
    lon, lat = coordinates[:, 0], coordinates[:, 1]
    if (np.abs(lon) > 180).any() or (np.abs(lat) > 90).any():
        raise ValidationError(tr(
            "The shape lies outside the world: longitudes go from -180 to 180 and latitudes "
            "from -90 to 90 degrees. Was it drawn in another coordinate system?"))
    notes: list[str] = []
    if shapely.has_z(geometry):
        geometry = shapely.force_2d(geometry)
    if kind is GeometryKind.POINT:
        return CheckedGeometry(_point(geometry), tuple(notes))
    if kind is GeometryKind.LINE:
        return CheckedGeometry(_line(geometry), tuple(notes))
    area, repair_note = _area(geometry)
    if repair_note:
        notes.append(repair_note)
    return CheckedGeometry(area, tuple(notes))


def _point(geometry: BaseGeometry) -> Point:
    if isinstance(geometry, MultiPoint) and len(geometry.geoms) == 1:
        geometry = geometry.geoms[0]
    if not isinstance(geometry, Point):
        raise ValidationError(tr("This layer holds points, but a {shape} was drawn. Click once "
                                 "where the place is.", shape=_shape_word(geometry)))
    return geometry


def _line(geometry: BaseGeometry) -> LineString:
    if isinstance(geometry, MultiLineString):
        merged = shapely.line_merge(geometry)
        if not isinstance(merged, LineString):
            raise ValidationError(tr("The line is in several pieces that do not join end to "
                                     "end. Draw it as one continuous line, or as separate "
                                     "lines."))
        geometry = merged
    if not isinstance(geometry, LineString):
        raise ValidationError(tr("This layer holds lines, but a {shape} was drawn.",
                                 shape=_shape_word(geometry)))
    distinct = np.unique(shapely.get_coordinates(geometry), axis=0)
    if len(distinct) < 2:
        raise ValidationError(tr("A line needs at least two different points: click where it "
                                 "starts, where it turns and where it ends."))
    return geometry


def _area(geometry: BaseGeometry) -> tuple[MultiPolygon, str | None]:
    if isinstance(geometry, Polygon):
        geometry = MultiPolygon([geometry])
    if not isinstance(geometry, MultiPolygon):
        raise ValidationError(tr("This layer holds areas, but a {shape} was drawn. Draw an "
                                 "outline of at least three points.", shape=_shape_word(geometry)))
    if geometry.is_valid and geometry.area > 0:
        return geometry, None
    reason = shapely.is_valid_reason(geometry)
    repaired = _polygonal(shapely.make_valid(geometry))
    before, after = geometry.area, (repaired.area if repaired is not None else 0.0)
    if repaired is None or after <= 0:
        raise ValidationError(tr("The area has no surface: its points are on one line. "
                                 "Draw an outline around the zone."))
    change = abs(after - before) / max(before, after)
    if change > MAX_REPAIR_AREA_CHANGE:
        raise ValidationError(tr(
            "The outline crosses itself in a way that cannot be repaired without changing the "
            "zone ({why}). Redraw it so that its sides do not cross.",
            why=_reason_words(reason)))
    note = tr("The outline crossed itself ({why}); it was repaired, changing its area by "
              "{percent:.1f} %.", why=_reason_words(reason), percent=100 * change)
    return repaired, note


def _polygonal(geometry: BaseGeometry) -> MultiPolygon | None:
    parts = [g for g in shapely.get_parts(geometry) if isinstance(g, Polygon | MultiPolygon)]
    polygons = [p for part in parts for p in shapely.get_parts(part) if not p.is_empty]
    return MultiPolygon(polygons) if polygons else None


#: Shapes' names (GEOS's, kept in English messages).
_SHAPES = {"Point": N_("Point"), "MultiPoint": N_("MultiPoint"), "LineString": N_("LineString"),
           "MultiLineString": N_("MultiLineString"), "LinearRing": N_("LinearRing"),
           "Polygon": N_("Polygon"), "MultiPolygon": N_("MultiPolygon"),
           "GeometryCollection": N_("GeometryCollection")}


def _shape_word(geometry: BaseGeometry) -> str:
    name = geometry.geom_type
    return tr(_SHAPES[name]) if name in _SHAPES else name


#: What GEOS says is wrong with an outline, in words (anything else: "invalid outline").
_REASONS = {
    "self-intersection": N_("self-intersection"),
    "ring self-intersection": N_("an outline touches itself"),
    "too few points": N_("too few points"),
    "hole lies outside shell": N_("a hole lies outside the outline"),
    "nested shells": N_("one outline lies inside another"),
    "interior is disconnected": N_("the inside is cut in two"),
}


def _reason_words(reason: str) -> str:
    words = reason.split("[")[0].strip().lower()
    return tr(_REASONS.get(words, N_("invalid outline")))


# Transport lines ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Headway:
    """How often vehicles pass during one time band of the day."""

    #: Hour the band starts (0-23).
    start_hour: int
    #: Hour the band ends (1-24).
    end_hour: int
    #: Minutes between two vehicles.
    minutes: float


def headways(tags: Mapping[str, str]) -> list[Headway]:
    """The time bands of a transport line (``interval:06-09=5`` ...), earliest first."""
    bands = []
    for key, value in tags.items():
        band = _INTERVAL_BAND.fullmatch(key)
        if band and _NUMBER.fullmatch(value) and float(value) > 0:
            bands.append(Headway(int(band.group(1)), int(band.group(2)), float(value)))
    return sorted(bands, key=lambda h: (h.start_hour, h.end_hour))


def _hhmm(minutes: float) -> str:
    whole = int(round(minutes))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def osm_interval_tags(tags: Mapping[str, str]) -> dict[str, str]:
    """The headway bands as OpenStreetMap's ``interval`` / ``interval:conditional`` tags.

    The line's own ``interval`` stays the default when it has one; otherwise the band
    with the longest wait becomes it. The bands with another wait become conditions,
    e.g. ``interval:conditional=00:05 @ (06:00-09:00); 00:07 @ (16:00-20:00)``, as the
    public transport schema (PTv2) and its GTFS exporters read them. Empty without bands.
    """
    bands = headways(tags)
    if not bands:
        return {}
    general = tags.get("interval", "").strip()
    mapped = _interval_minutes(general)
    if mapped is not None:
        out, default = {"interval": general}, mapped
    else:
        default = max(bands, key=lambda h: h.minutes).minutes
        out = {"interval": _hhmm(default)}
    conditions = [f"{_hhmm(h.minutes)} @ ({h.start_hour:02d}:00-{h.end_hour:02d}:00)"
                  for h in bands if h.minutes != default]
    if conditions:
        out["interval:conditional"] = "; ".join(conditions)
    return out


def with_osm_intervals(tags: Mapping[str, str]) -> dict[str, str]:
    """``tags`` with the waits by time band (``interval:06-09=5``) written as OSM tags them
    (:func:`osm_interval_tags`); a band that cannot be read is kept as it is."""
    read = osm_interval_tags(tags)
    if not read:
        return dict(tags)
    out = {key: value for key, value in tags.items()
           if not (_INTERVAL_BAND.fullmatch(key) and _NUMBER.fullmatch(value)
                   and float(value) > 0)}
    out.update(read)
    return out


def _interval_minutes(value: str) -> float | None:
    """An OSM ``interval`` (``10``, ``00:10``, ``00:10:00``) in minutes; None if unreadable."""
    if _NUMBER.fullmatch(value):
        return float(value) if float(value) > 0 else None
    parts = value.split(":")
    if 2 <= len(parts) <= 3 and all(part.isdigit() for part in parts):
        minutes = int(parts[0]) * 60 + int(parts[1]) + (int(parts[2]) / 60 if len(parts) == 3
                                                         else 0)
        return minutes if minutes > 0 else None
    return None


def gtfs_frequencies(tags: Mapping[str, str]) -> list[tuple[str, str, int]]:
    """The headway bands as GTFS ``frequencies.txt`` rows: (start_time, end_time, headway_secs)."""
    return [(f"{h.start_hour:02d}:00:00", f"{h.end_hour:02d}:00:00",
             int(math.ceil(h.minutes * 60))) for h in headways(tags)]
