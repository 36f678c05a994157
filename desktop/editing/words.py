"""What the editing model says, in the interface language.

The model describes tag problems with a kind and the field at fault
(:class:`layers.feature_rules.Problem`), and edits with short English sentences
("Add Clinic", "Mark Stage Olympic verified"). These functions say them again
through Qt's translations, keeping names and numbers as they are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from PySide6.QtCore import QObject

from layers import opening_hours
from layers.feature_rules import MAX_TAG_LENGTH, Problem, ProblemKind
from layers.presets import FieldType, Preset


def _number(value: float) -> str:
    return f"{value:g}"


class EditWords(QObject):
    """The sentences, translated (one object, so that they share one translation context)."""

    def problem(self, problem: Problem, preset: Preset, tags: Mapping[str, str],
                language: str) -> str:
        """See :func:`problem_text`."""
        field = preset.field(problem.key)
        label = field.label_for(language) if field else problem.key
        value = str(tags.get(problem.key, ""))
        kind = problem.kind
        if kind is ProblemKind.REQUIRED:
            return self.tr("{label} is required.").format(label=label)
        if kind is ProblemKind.PRESET_TAG:
            wanted = preset.tags.get(problem.key, "*")
            if wanted == "*":
                return self.tr("A {preset} needs a {key} tag.").format(
                    preset=preset.name(language), key=problem.key)
            return self.tr("A {preset} must keep the tag {tag}.").format(
                preset=preset.name(language), tag=f"{problem.key}={wanted}")
        if kind is ProblemKind.BAD_KEY:
            return self.tr("The tag name “{key}” is not allowed: use up to {limit} characters, "
                           "with no spaces at the ends.").format(key=problem.key,
                                                                 limit=MAX_TAG_LENGTH)
        if kind is ProblemKind.TOO_LONG:
            return self.tr("{label} is too long: OpenStreetMap allows {limit} characters.").format(
                label=label, limit=MAX_TAG_LENGTH)
        if kind is ProblemKind.CONTROL_CHARACTERS:
            return self.tr("{label} contains line breaks or invisible characters: type it on one "
                       "line.").format(label=label)
        if kind is ProblemKind.NOT_A_NUMBER:
            if field is not None and field.integer:
                return self.tr("{label} must be a whole number (you typed “{value}”).").format(
                    label=label, value=value)
            return self.tr("{label} must be a number, with a point for decimals (you typed "
                       "“{value}”).").format(label=label, value=value)
        if kind is ProblemKind.OUT_OF_RANGE and field is not None:
            return self._range(label, value, field.minimum, field.maximum, field.unit)
        if kind is ProblemKind.NOT_A_CHOICE:
            if field is not None and field.type is FieldType.YES_NO:
                return self.tr("{label} must be yes or no.").format(label=label)
            return self.tr("{label}: “{value}” is not one of the choices.").format(label=label,
                                                                              value=value)
        if kind is ProblemKind.BAD_DATE:
            return self.tr("{label} must be a real date written like 2024-04-21, 2024-04 or "
                           "2024 (you typed “{value}”).").format(label=label, value=value)
        if kind is ProblemKind.FUTURE_DATE:
            return self.tr("{label}: {value} is in the future.").format(label=label, value=value)
        if kind is ProblemKind.BAD_FORMAT and field is not None:
            hint = field.pattern_hint.get(language) or field.pattern_hint.get("en")
            if hint:
                return self.tr("{label} must be {hint} (you typed “{value}”).").format(
                    label=label, hint=hint, value=value)
            return self.tr("{label} is not in the expected form (you typed “{value}”).").format(
                label=label, value=value)
        if kind is ProblemKind.BAD_OPENING_HOURS:
            return self.tr("{label}: write days and hours as maps read them, like {example}, "
                           "or use Days and hours.").format(label=label,
                                                            example=opening_hours.EXAMPLE)
        if kind is ProblemKind.MIN_ABOVE_MAX:
            other = preset.field(problem.key[:-4] + ":max")
            other_label = other.label_for(language) if other else problem.key[:-4] + ":max"
            return self.tr("{low} is more than {high}.").format(low=label, high=other_label)
        if kind is ProblemKind.BAD_TIME_BAND:
            return self.tr("The time band in {key} must go from an earlier to a later hour of "
                           "the same day, like interval:06-09.").format(key=problem.key)
        return problem.message


    def _range(self, label: str, value: str, low: float | None, high: float | None,
                    unit: str) -> str:
        unit = f" {unit}" if unit else ""
        if low is not None and high is not None:
            text = self.tr("{label} must be between {low} and {high}{unit} (you typed {value}).")
            return text.format(label=label, low=_number(low), high=_number(high), unit=unit,
                               value=value)
        if low is not None:
            return self.tr("{label} must be {low}{unit} or more (you typed {value}).").format(
                label=label, low=_number(low), unit=unit, value=value)
        return self.tr("{label} must be {high}{unit} or less (you typed {value}).").format(
            label=label, high=_number(high or 0), unit=unit, value=value)

    def edit_templates(self) -> dict[str, str]:
        """Each edit sentence of :data:`_EDITS`, translated."""
        # Listed once so that lupdate sees every sentence.
        return {
            "Add stop {what}": self.tr("Add stop {what}"),
            "Add {what}": self.tr("Add {what}"),
            "Edit {what}": self.tr("Edit {what}"),
            "Reshape {what}": self.tr("Reshape {what}"),
            "Move {what}": self.tr("Move {what}"),
            "Delete {what}": self.tr("Delete {what}"),
            "Mark {what} verified": self.tr("Mark {what} verified"),
            "Mark {what} as draft": self.tr("Mark {what} as draft"),
            "Split {what}": self.tr("Split {what}"),
            "Join {what} and {other}": self.tr("Join {what} and {other}"),
            "Reorder stops": self.tr("Reorder stops"),
        }

    def notice(self, notice: str) -> str:
        """See :func:`notice_text`."""
        match = _REPAIRED.match(notice)
        if match:
            return self.tr("The outline crossed itself; it was repaired, changing its area "
                           "by {percent} %.").format(percent=match.group("percent"))
        return notice


#: The model's edit descriptions, and how to say them (first match wins).
_EDITS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^Add stop (?P<what>.*)$"), "Add stop {what}"),
    (re.compile(r"^Add (?P<what>.*)$"), "Add {what}"),
    (re.compile(r"^Edit (?P<what>.*)$"), "Edit {what}"),
    (re.compile(r"^Reshape (?P<what>.*)$"), "Reshape {what}"),
    (re.compile(r"^Move (?P<what>.*)$"), "Move {what}"),
    (re.compile(r"^Delete (?P<what>.*)$"), "Delete {what}"),
    (re.compile(r"^Mark (?P<what>.*) verified$"), "Mark {what} verified"),
    (re.compile(r"^Mark (?P<what>.*) draft$"), "Mark {what} as draft"),
    (re.compile(r"^Split (?P<what>.*)$"), "Split {what}"),
    (re.compile(r"^Join (?P<what>.*) and (?P<other>.*)$"), "Join {what} and {other}"),
    (re.compile(r"^Reorder stops$"), "Reorder stops"),
)


_WORDS: EditWords | None = None


def _words() -> EditWords:
    global _WORDS
    if _WORDS is None:
        _WORDS = EditWords()
    return _WORDS


def problem_text(problem: Problem, preset: Preset, tags: Mapping[str, str],
                 language: str) -> str:
    """One sentence saying what is wrong with a tag and how to put it right."""
    return _words().problem(problem, preset, tags, language)


def edit_text(description: str) -> str:
    """An edit's description ("Add Clinic") in the interface language."""
    templates = _words().edit_templates()
    for pattern, template in _EDITS:
        match = pattern.match(description)
        if match:
            return templates[template].format(**match.groupdict())
    return description


def notice_text(notice: str) -> str:
    """A notice of the model (a repaired outline) in the interface language."""
    return _words().notice(notice)


_REPAIRED = re.compile(r"^The outline crossed itself \((?P<why>.*)\); it was repaired, "
                       r"changing its area by (?P<percent>[\d.]+) %\.$")
