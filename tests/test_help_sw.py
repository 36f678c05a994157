"""The quick start in Swahili (issue 14): the guide shown for sw, its words the window's.

The buttons the guide names are read from the window's Swahili translation
(``resources/i18n/quartier_sw.ts``), so the guide says what the person sees.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
HELP = REPO / "resources" / "help"
#: Buttons and menus the English guide names (in <span class="key">), by their context.
BUTTONS = {("MainWindow", "Sample area"), ("MainWindow", "Show in folder"),
           ("EditToolbar", "Add place"), ("EditToolbar", "Draw line"),
           ("EditToolbar", "Follow the roads"), ("EditToolbar", "Add stops"),
           ("EditToolbar", "Draw area"), ("EditToolbar", "Undo"), ("EditToolbar", "Redo"),
           ("EditToolbar", "Verified"), ("MainWindow", "What is here?"),
           ("PrintDialog", "Save map"), ("MainWindow", "Add hazard"),
           ("AnalysisPanel", "Run"), ("AnalysisPanel", "Copy table")}


def image_sources(html: str) -> list[str]:
    return re.findall(r'<img[^>]*src="([^"]+)"', html)


def window_words(language: str) -> dict[tuple[str, str], str]:
    root = ET.parse(REPO / "resources" / "i18n" / f"quartier_{language}.ts").getroot()
    words = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.text and \
                    translation.get("type") not in ("unfinished", "obsolete", "vanished"):
                words[(name, (message.findtext("source") or "").replace("&", ""))] = \
                    translation.text.replace("&", "")
    return words


def test_swahili_has_its_own_guide():
    from desktop.help_window import quick_start_file

    assert quick_start_file("sw") == HELP / "quickstart_sw.html"
    assert quick_start_file("de") == HELP / "quickstart_en.html"


def test_the_guide_names_the_buttons_as_the_swahili_window_does():
    html = (HELP / "quickstart_sw.html").read_text(encoding="utf-8")
    english = (HELP / "quickstart_en.html").read_text(encoding="utf-8")
    words = window_words("sw")
    english_keys = " | ".join(re.findall(r'<span class="key">([^<]+)</span>', english))
    keys = " | ".join(re.findall(r'<span class="key">([^<]+)</span>', html))
    for context, button in sorted(BUTTONS):
        assert button in english_keys, button  # the English guide still names it
        shown = words.get((context, button))
        if shown is None:
            pytest.fail(f"quartier_sw.ts has no translation of {button!r} ({context})")
        assert shown.rstrip("…") in keys, (button, shown)
    # Terms of the glossary, for residents and facilitators.
    for term in ("kikao cha uchoraji ramani", "njia ya usafiri wa umma", "kituo cha usafiri",
                 "eneo la hatari", "tabaka la hatari", "makazi ya dharura", "ramani ya wavuti",
                 "dakika 5", "mita 250", "mradi"):
        assert term in " ".join(html.lower().split()), term
    assert "http://" not in html and "https://" not in html  # nothing to fetch


def test_the_guide_shows_the_same_pictures_as_the_english_one():
    english = image_sources((HELP / "quickstart_en.html").read_text(encoding="utf-8"))
    swahili = image_sources((HELP / "quickstart_sw.html").read_text(encoding="utf-8"))
    assert [name.split("_", 1)[1] for name in swahili] == [
        name.split("_", 1)[1] for name in english]
    for picture in swahili:
        assert (HELP / picture).is_file(), picture
        assert (HELP / picture).stat().st_size < 150_000, picture


def test_the_help_window_shows_the_swahili_guide_with_its_pictures(qtbot):
    from desktop.help_window import QuickStartWindow

    guide = QuickStartWindow("sw")
    qtbot.addWidget(guide)
    assert guide.page == HELP / "quickstart_sw.html"
    text = guide.browser.toPlainText()
    assert "Mwanzo wa haraka" in text and "Tendua" in text
    assert guide.missing_images() == []
