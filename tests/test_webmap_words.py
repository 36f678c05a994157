"""The web map in Swahili and French, opened in headless Chromium with the network off.

The page is exported inside ``using("sw")`` (and ``using("fr")``); the words the page
shows (legend, zoom buttons, popup field labels, title line, attribution) are read from
the live DOM and compared with the catalogue (``resources/i18n/<lang>.po``). Names in
Arabic and Amharic are shown in elements whose direction the browser finds itself
(``dir="auto"``): the Arabic one computes to right-to-left, and both draw glyphs (a
screenshot of each name has dark pixels, and is as wide as real letters, not empty).
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402

from layers.i18n import language, using  # noqa: E402
from tests.test_export_maps import _chromium_binary, _open_offline  # noqa: E402
from tests.test_print_words import AMHARIC, ARABIC, SHELTER, catalogue  # noqa: E402
from tests.test_print_words import project as project  # noqa: E402,F401 - the fixture


@pytest.fixture(scope="module")
def chromium() -> str:
    binary = _chromium_binary()
    if binary is None:
        pytest.skip("Chromium is not installed (tools/setup installs the Debian package "
                    "'chromium'), so the web map cannot be opened in a browser here.")
    return binary


PAGE_WORDS = """(() => {
    const zoomIn = document.querySelector('.leaflet-control-zoom-in');
    const zoomOut = document.querySelector('.leaflet-control-zoom-out');
    return {
        lang: document.documentElement.lang,
        summary: document.querySelector('.q-legend summary').textContent,
        legend: document.querySelector('.q-legend').textContent,
        zoomIn: zoomIn.title, zoomOut: zoomOut.title,
        switcher: document.querySelector('.leaflet-control-layers').textContent,
        attribution: document.querySelector('.leaflet-control-attribution').textContent,
        subtitle: document.querySelector('.q-title p').textContent,
    };
})()"""

#: Opens the popup of the marker whose popup starts with NAME; returns its rows and how the
#: name is shown (direction, box) so that a screenshot can look at it.
POPUP = """((name) => {
    for (const marker of document.querySelectorAll('.q-symbol')) {
        marker.dispatchEvent(new MouseEvent('click', {bubbles: true}));
        const open = document.querySelectorAll('.leaflet-popup-content');
        const popup = open[open.length - 1];
        const title = popup && popup.querySelector('.q-popup-title');
        if (title && title.textContent === name) {
            const box = title.getBoundingClientRect();
            const range = document.createRange();
            range.selectNodeContents(title);
            const text = range.getBoundingClientRect();
            return {dir: title.dir, direction: getComputedStyle(title).direction,
                    headers: [...popup.querySelectorAll('th')].map(th => th.textContent),
                    text: popup.textContent, x: text.left, y: text.top, width: text.width,
                    height: text.height, boxRight: box.right};
        }
    }
    return null;
})"""


def _export(project: Path, folder: Path, lang: str) -> Path:
    from mapping.export.webmap import export_webmap

    out = folder / f"kibera_{lang}.html"
    with using(lang):
        export_webmap(project, out)
    assert language() == "en"
    return out


def _dark_pixels(png: Path) -> int:
    image = QImage(str(png)).convertToFormat(QImage.Format.Format_RGB32)
    pointer = image.constBits()
    pixels = np.frombuffer(pointer, dtype=np.uint8).reshape(image.height(),
                                                            image.bytesPerLine() // 4, 4)
    grey = pixels[:, :image.width(), :3].mean(axis=2)
    return int((grey < 200).sum())  # ink on the popup's white


#: Waits until the open popup is still (Leaflet fades it in and pans the map to show it,
#: both animated) and the fonts are loaded, then measures its title's text again.
SETTLED = """(async () => {
    await document.fonts.ready;
    const title = () => {
        const open = document.querySelectorAll('.leaflet-popup');
        const popup = open[open.length - 1];
        return [popup, popup && popup.querySelector('.q-popup-title')];
    };
    const place = () => {
        const [popup, name] = title();
        const range = document.createRange();
        range.selectNodeContents(name);
        const text = range.getBoundingClientRect();
        return {x: text.left, y: text.top, width: text.width, height: text.height,
                opacity: getComputedStyle(popup).opacity};
    };
    const frame = () => new Promise(done => requestAnimationFrame(() => done()));
    let before = place();
    for (let i = 0; i < 200; i++) {
        await new Promise(done => setTimeout(done, 50));
        await frame();
        const now = place();
        if (now.opacity === '1' && now.x === before.x && now.y === before.y) return now;
        before = now;
    }
    return before;
})()"""


def _shot(browser, path: Path, box: dict) -> Path:
    import base64

    box = {**box, **browser.evaluate(SETTLED)}
    data = browser.send("Page.captureScreenshot", {"format": "png", "clip": {
        "x": box["x"], "y": box["y"], "width": max(box["width"], 1),
        "height": max(box["height"], 1), "scale": 1}})["data"]
    path.write_bytes(base64.b64decode(data))
    return path


@pytest.mark.parametrize("lang", ["sw", "fr"])
def test_web_map_shows_its_words_in_the_export_language(project: Path, tmp_path: Path,
                                                       chromium: str, lang: str) -> None:
    words = catalogue(lang)
    page = _export(project, tmp_path, lang)
    html = page.read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in html
    browser = _open_offline(chromium, page)
    try:
        shown = browser.evaluate(PAGE_WORDS)
        shelter = browser.evaluate(f"({POPUP})({SHELTER!r})")
        requests = browser.requests()
        problems = browser.problems()
    finally:
        browser.close()
    assert not [u for u in requests if not u.startswith(("file:", "data:"))], requests
    assert not problems, problems
    assert shown["lang"] == lang
    assert shown["summary"] == words["Legend"]
    assert shown["zoomIn"] == words["Zoom in"] and shown["zoomOut"] == words["Zoom out"]
    assert words["© OpenStreetMap contributors"] in shown["attribution"] \
        or "ODbL" in shown["attribution"]  # the project's own attribution line, as stored
    assert shown["subtitle"].startswith(
        words["Exported from Quartier on {date} · OpenStreetMap data of {osm_date}"]
        .split("{", 1)[0])
    # Layer titles in the switcher and the legend, in the export's language.
    assert words["Facilities"] in shown["switcher"] and words["Facilities"] in shown["legend"]
    assert "Legend" not in shown["summary"] and "Facilities" not in shown["switcher"]
    # The popup's field labels.
    assert shelter is not None
    for english in ("Type", "Use in an emergency", "Checked", "Mapped by"):
        assert words[english] in shelter["headers"], (english, shelter["headers"])
    assert words["Shelter or evacuation centre"] in shelter["text"]
    assert words["Yes, by a facilitator"] in shelter["text"]


def test_arabic_and_amharic_names_read_and_render(project: Path, tmp_path: Path,
                                                  chromium: str) -> None:
    page = _export(project, tmp_path, "sw")
    browser = _open_offline(chromium, page)
    try:
        arabic = browser.evaluate(f"({POPUP})({ARABIC!r})")
        arabic_png = _shot(browser, tmp_path / "arabic.png", arabic)
        amharic = browser.evaluate(f"({POPUP})({AMHARIC!r})")
        amharic_png = _shot(browser, tmp_path / "amharic.png", amharic)
        latin = browser.evaluate(f"({POPUP})({SHELTER!r})")
    finally:
        browser.close()
    assert arabic["dir"] == "auto" and arabic["direction"] == "rtl"
    assert amharic["dir"] == "auto" and amharic["direction"] == "ltr"
    assert latin["direction"] == "ltr"
    # Drawn letters: dark pixels in the name's box, and a box as wide as a few letters
    # (an unknown script would draw nothing, or a row of identical empty boxes).
    for found, png, letters in ((arabic, arabic_png, len(ARABIC)),
                                (amharic, amharic_png, len(AMHARIC))):
        assert found["width"] > 3 * letters and found["height"] > 8, found
        assert _dark_pixels(png) > 8 * letters, (png, found)
