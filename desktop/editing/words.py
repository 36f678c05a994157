"""What the editing model says, shown as it says it.

The model says its own sentences in the interface language (:mod:`layers.i18n`, whose
language the window sets): a tag problem its :meth:`~layers.feature_rules.Problem.sentence`,
an edit its description (:meth:`~mapping.editing.EditSession.undo_text`), a repaired
outline its notice. Nothing here re-reads an English sentence; these functions only
hand the model's words to the window.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from layers.feature_rules import Problem
    from layers.presets import Preset


def problem_text(problem: Problem, preset: Preset, tags: Mapping[str, str],
                 language: str) -> str:
    """One sentence saying what is wrong with a tag and how to put it right, naming the
    field as the form asks it in ``language``."""
    return problem.sentence(preset, language)


def notice_text(notice: str) -> str:
    """A notice of the model (a repaired outline), already in the interface language."""
    return notice
