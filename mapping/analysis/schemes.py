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

The classes themselves (:class:`~layers.hazard_classes.ClassScheme`) live in
:mod:`layers.hazard_classes`: a hazard layer of a project stores its own (any
number, set with ``quartier hazard classify``), and the map draws them with the
same rule; :func:`scheme_for_layer` reads them for the analysis.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from layers.errors import ValidationError
from layers.hazard_classes import ClassScheme, SchemeClass
from layers.hazards import CLASS_WORDS, Classification, ClassificationMethod, check_classes
from layers.i18n import N_, tr

__all__ = ["NOT_EXPOSED", "SCHEMES", "ClassScheme", "SchemeClass", "check_classes",
           "parse_classes", "parse_layer_classes",
           "scheme_for_layer", "scheme_named",
           "with_affected", "with_attribute"]

#: Class index of "in no class" (not exposed); classes are numbered from 1.
NOT_EXPOSED = 0

_INF = math.inf

#: Ready-made schemes with InaSAFE's default thresholds (metres for depths).
SCHEMES: dict[str, ClassScheme] = {
    "generic": ClassScheme("generic", (
        SchemeClass(N_("low"), False, 0.0, 1.0, ("low", "1")),
        SchemeClass(N_("medium"), True, 1.0, 2.0, ("medium", "moderate", "2")),
        SchemeClass(N_("high"), True, 2.0, _INF, ("high", "3")),
    )),
    "flood_wet_dry": ClassScheme("flood_wet_dry", (
        SchemeClass(N_("dry"), False, 0.0, 1.0, ("dry", "no", "0")),
        SchemeClass(N_("wet"), True, 1.0, _INF, ("wet", "yes", "1")),
    ), unit="m"),
    "flood4": ClassScheme("flood4", (
        SchemeClass(N_("use caution"), False, 0.0, 0.1, ("use caution",)),
        SchemeClass(N_("low"), True, 0.1, 0.7, ("low",)),
        SchemeClass(N_("medium"), True, 0.7, 1.5, ("medium",)),
        SchemeClass(N_("high"), True, 1.5, _INF, ("high",)),
    ), unit="m"),
    "tsunami": ClassScheme("tsunami", (
        SchemeClass(N_("dry"), False, 0.0, 0.1, ("dry",)),
        SchemeClass(N_("low"), True, 0.1, 1.0, ("low",)),
        SchemeClass(N_("medium"), True, 1.0, 3.0, ("medium",)),
        SchemeClass(N_("high"), True, 3.0, _INF, ("high", "very high")),
    ), unit="m"),
}


#: Other names the ready-made schemes answer to.
_ALIASES = {"flood_4class": "flood4", "flood4class": "flood4", "wet_dry": "flood_wet_dry"}


def scheme_named(name: str) -> ClassScheme:
    """A ready-made scheme by name, or a plain error listing them."""
    key = name.strip().casefold().replace(" ", "_").replace("-", "_")
    try:
        return SCHEMES[_ALIASES.get(key, key)]
    except KeyError:
        raise ValidationError(tr("{name} is not a ready-made class scheme; use one of "
                                 "{schemes}.", name=repr(name),
                                 schemes=", ".join(SCHEMES))) from None


_NUMBER = r"-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_RANGE = re.compile(rf"^\s*({_NUMBER})?\s*-\s*({_NUMBER}|inf)?\s*$")
_YES = ("yes", "true", "1", "affected")
_NO = ("no", "false", "0", "not")


def parse_classes(text: str, unit: str = "", affected: list[str] | None = None) -> ClassScheme:
    """Read classes typed on the command line (``quartier analyse --classes``).

    See :func:`parse_layer_classes` for the forms; words said to be in no class
    (``no=none``) are simply not in any class here.
    """
    return parse_layer_classes(text, unit, affected)[0]


def parse_layer_classes(text: str, unit: str = "", affected: list[str] | None = None
                        ) -> tuple[ClassScheme, tuple[str, ...]]:
    """Read classes typed as intervals or words; also returns the words put in no class.

    Items are separated by commas:

    * ``NAME:MIN-MAX`` — numbers in ``(MIN, MAX]``; an empty MAX is the open top
      class (``high:1.5-``); ``NAME:MIN-MAX:yes`` or ``:no`` says whether the class
      is affected; the older ``NAME:MIN:MAX:yes`` form is read too;
    * ``WORD=NAME`` — the attribute value WORD is class NAME (``yes=high``); several
      words may name one class; ``WORD=none`` puts WORD in no class.

    Number classes are ordered by their minimum; word classes are listed lowest first
    (the usual words low, medium, high... are put in that order). A class is
    affected if it is named in ``affected`` (``--affected``) or marked ``:yes``; if
    neither is said, every class but the lowest is.
    """
    intervals: dict[str, tuple[float, float]] = {}
    words: dict[str, list[str]] = {}
    marked: dict[str, bool] = {}
    none_words: list[str] = []
    order: list[str] = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        if "=" in item and ":" not in item:
            word, _sep, name = (part.strip() for part in item.rpartition("="))
            if not word or not name:
                raise ValidationError(tr("A word class is value=class, like \"yes=high\" "
                                         "(got {item}).", item=repr(item)))
            if name.casefold() in ("none", "no class"):
                none_words.append(word.casefold())
                continue
            words.setdefault(name, []).append(word)
            if name not in order:
                order.append(name)
            continue
        name, bounds, mark = _interval_item(item)
        if name in intervals:
            raise ValidationError(tr("Two classes are named {name}.", name=repr(name)))
        intervals[name] = bounds
        if mark is not None:
            marked[name] = mark
        if name not in order:
            order.append(name)
    if not order:
        raise ValidationError(tr("No classes given: type them like \"low:0-0.5,medium:0.5-1.5,"
                                 "high:1.5-\" (numbers) or \"yes=high,no=none\" (words)."))
    numeric = [name for name in order if name in intervals]
    word_only = [name for name in order if name not in intervals]
    if numeric and word_only:
        raise ValidationError(tr("Class {name} has words but no interval, while the other "
                                 "classes are intervals: give every class an interval, or "
                                 "only words.", name=repr(word_only[0])))
    if numeric:
        order = sorted(numeric, key=lambda name: intervals[name][0])
    elif all(name.casefold() in CLASS_WORDS for name in order):
        order = sorted(order, key=lambda name: int(CLASS_WORDS[name.casefold()]))
    if affected is not None:
        wanted = {name.strip().casefold() for name in affected if name.strip()}
        unknown = sorted(wanted - {name.casefold() for name in order})
        if unknown:
            raise ValidationError(tr("--affected names {names}, which is not one of the "
                                     "classes ({classes}).", names=", ".join(unknown),
                                     classes=", ".join(order)))
        marked = {name: name.casefold() in wanted for name in order}
    classes = []
    for index, name in enumerate(order):
        is_affected = marked.get(name, index > 0 or len(order) == 1)
        low, high = intervals.get(name, (None, None))
        values = tuple(words.get(name, ())) or ((name,) if numeric else ())
        classes.append(SchemeClass(name, is_affected, low, high, values))
    scheme = ClassScheme("custom", tuple(classes), unit=unit)
    check_classes(scheme)
    for word in none_words:
        if word in scheme.word_table():
            raise ValidationError(tr("{word} is given both a class and none.", word=repr(word)))
    return scheme, tuple(dict.fromkeys(none_words))


def _interval_item(item: str) -> tuple[str, tuple[float, float], bool | None]:
    """``NAME:MIN-MAX[:yes|no]`` or ``NAME:MIN:MAX:yes|no`` -> name, bounds, affected."""
    parts = [part.strip() for part in item.split(":")]
    name = parts[0]
    mark_text: str | None = None
    if len(parts) == 4:
        low_text, high_text, mark_text = parts[1], parts[2], parts[3]
    elif len(parts) in (2, 3) and (match := _RANGE.match(parts[1])):
        low_text, high_text = match.group(1) or "", match.group(2) or ""
        mark_text = parts[2] if len(parts) == 3 else None
    else:
        raise ValidationError(tr("A class is name:min-max, like \"high:1.5-\" or "
                                 "\"low:0.1-0.7\", or value=class for words (got {item}).",
                                 item=repr(item)))
    if not name:
        raise ValidationError(tr("A class has no name (got {item}).", item=repr(item)))
    try:
        low = float(low_text or 0)
        high = math.inf if high_text in ("", "inf") else float(high_text)
    except ValueError:
        raise ValidationError(tr("The bounds of class {name} are not numbers (got {item}).",
                                 name=repr(name), item=repr(item))) from None
    mark = None
    if mark_text is not None:
        if mark_text.casefold() not in _YES + _NO:
            raise ValidationError(tr("Say whether class {name} is affected with yes or no "
                                     "(got {mark}).", name=repr(name), mark=repr(mark_text)))
        mark = mark_text.casefold() in _YES
    return name, (low, high), mark


def scheme_for_layer(classification: Classification, storage: str) -> ClassScheme:
    """The classes a project hazard layer is stored with, as the analysis reads them.

    Interval classes are read from the raster cells or the classification attribute,
    by the same ``(min, max]`` rule the map draws with; word classes and a single
    class from the stored ``hazard_class`` (1..N). Names and affected flags are the
    layer's own (``quartier hazard classify``); a layer saved before classes could
    be any number has low (not affected), medium and high (affected).
    """
    name = classification.scheme_name or "layer"
    if classification.method is ClassificationMethod.THRESHOLDS:
        attribute = None if storage == "raster" else classification.attribute
        return ClassScheme(name, classification.classes, attribute=attribute,
                           unit=classification.unit)
    classes = tuple(SchemeClass(c.name, c.affected, code - 1.0, float(code), (str(code),))
                    for code, c in enumerate(classification.classes, start=1))
    return ClassScheme(name, classes, attribute="hazard_class")


def with_affected(scheme: ClassScheme, names: list[str]) -> ClassScheme:
    """The same classes with exactly those named affected (``--affected``)."""
    wanted = {name.strip().casefold() for name in names if name.strip()}
    unknown = sorted(wanted - {c.name.casefold() for c in scheme.classes})
    if unknown:
        raise ValidationError(tr("--affected names {names}, which is not one of the "
                                 "classes ({classes}).", names=", ".join(unknown),
                                 classes=", ".join(scheme.names)))
    return replace(scheme, classes=tuple(replace(c, affected=c.name.casefold() in wanted)
                                         for c in scheme.classes))


def with_attribute(scheme: ClassScheme, attribute: str | None) -> ClassScheme:
    """The same scheme reading another attribute."""
    return replace(scheme, attribute=attribute)


# ------------------------------------------------------------------ shown words

#: Class words a result layer stores (its ``hazard_class``, ``band``, ``service`` or
#: ``reason`` column) besides the ready-made schemes' own: marked for the catalogues.
STORED_CLASS_WORDS = (N_("not exposed"), N_("affected"), N_("not affected"),
                      N_("very high"), N_("moderate"), N_("unreachable"))
