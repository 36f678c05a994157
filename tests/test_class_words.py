"""Hazard class words in French: the ready-made schemes' classes, and the result layers'.

Every class name of the ready-made schemes (``mapping.analysis.schemes.SCHEMES``) is
shown translated in the legend and in "What is here", on hazard layers ("Use caution
(≤ 0.1 m)") and on the layers an analysis wrote ("not exposed", "within 500 m"); a
class name a user typed stays as typed.
"""

from __future__ import annotations

import pytest

from desktop.i18n import Translations, hazard_label, legend_label
from mapping.analysis.schemes import SCHEMES

#: The French of each ready-made class word, as the translators wrote it (by hand).
FRENCH = {"low": "faible", "medium": "moyen", "high": "élevé", "use caution": "prudence",
          "dry": "sec", "wet": "inondé"}


@pytest.fixture
def french():
    translations = Translations()
    assert translations.install("fr")
    yield
    translations.install("en")


def test_every_ready_made_class_is_translated(french):
    for scheme in SCHEMES.values():
        for code, label in scheme.labels().items():
            name = scheme.classes[code - 1].name
            expected = FRENCH[name]
            # Hazard layer legend line: the values in brackets are kept as they are.
            shown = legend_label(label)
            assert shown == expected.capitalize() + label[len(name):], (label, shown)
            assert hazard_label(label) == shown
            # Result layer (exposure_*): the bare class name, lower case as stored.
            assert legend_label(name) == expected
            assert hazard_label(name) == expected


def test_result_layer_classes_in_french(french):
    assert legend_label("not exposed") == "non exposé"
    assert hazard_label("Not affected") == "Non touché"
    assert legend_label("within 500 m") == "à moins de 500 m"
    assert legend_label("beyond 1000 m") == "au-delà de 1000 m"
    assert legend_label("unreachable") == "inaccessible"
    assert legend_label("within 10 min walk") == "à moins de 10 min à pied"
    assert legend_label("500-1000 m") == "500-1000 m"  # numbers only


def test_names_typed_by_users_stay_as_typed(french):
    for typed in ("high water", "Deep (> 2 m)", "wettest", "Highway", "sedang"):
        assert hazard_label(typed) == typed
    assert legend_label("high water") == "high water"


def test_english_is_unchanged():
    translations = Translations()
    translations.install("en")
    for scheme in SCHEMES.values():
        for label in scheme.labels().values():
            assert legend_label(label) == label
    assert legend_label("not exposed") == "not exposed"
    assert legend_label("within 5 min walk") == "within 5 min walk"
