"""Names written right to left (Arabic) and in other scripts (Amharic, Ethiopic) on the
map canvas and on a printed page: shaped, in reading order, in fonts that have their
glyphs (never empty boxes).

Two facilities named in Arabic and in Amharic are mapped in the Kibera sample, as the
window does, and the map is rendered. The glyphs are checked against Qt's own text
engine, independently of the renderer: the fonts QTextLayout picks for the label font
(Noto Sans Arabic, Noto Sans Ethiopic) have a glyph for every letter; the label picture
is what QTextLayout draws right to left; it is not what the same letters give in a font
without them (boxes) nor what they give unjoined, left to right.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pyogrio
import pytest
import shapely
from pyproj import Transformer
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QTextLayout, QTextOption
from shapely.geometry import Point

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from mapping.editing import EditSession  # noqa: E402
from mapping.project import Project  # noqa: E402
from mapping.render import MapRenderer, MapView  # noqa: E402
from mapping.render.labels import (  # noqa: E402
    LABEL_MARGIN,
    LabelCandidate,
    TextCache,
    draw_labels,
    place_labels,
)
from mapping.render.style import LabelStyle, load_style  # noqa: E402
from mapping.render.view import metres_per_pixel_for  # noqa: E402

#: "Hope hospital" in Arabic: letters that join, read right to left.
ARABIC = "مستشفى الأمل"
#: "Health station" in Amharic (Ethiopic script).
AMHARIC = "ጤና ጣቢያ"
ZOOM = 17.0
SIZE = (900, 600)
#: The font each script must be drawn in (fonts-noto-core).
FONTS = {ARABIC: "Noto Sans Arabic", AMHARIC: "Noto Sans Ethiopic"}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, qt_application) -> dict:
    """The Kibera sample with a clinic named in Arabic and one in Amharic, drawn."""
    import sample_areas

    path = sample_areas.sample_project("kibera", folder=tmp_path_factory.mktemp("rtl"))
    places = pyogrio.read_dataframe(path, layer="places")
    kibera = places.geometry.values[list(places["name"]).index("Kibera")]
    where = {ARABIC: Point(kibera.x - 0.0012, kibera.y + 0.0009),
             AMHARIC: Point(kibera.x + 0.0010, kibera.y - 0.0009)}
    with EditSession(path, contributor="Achieng Otieno", mapping_session="names-1") as s:
        for name, point in where.items():
            s.add_feature("facilities", point, "facility/clinic", {"name": name})
    renderer = MapRenderer(Project(path))
    to_map = Transformer.from_crs("EPSG:4326", renderer.working_crs, always_xy=True)
    centre = shapely.centroid(shapely.MultiPoint(list(where.values())))
    x, y = to_map.transform(centre.x, centre.y)
    view = MapView(x, y, metres_per_pixel_for(ZOOM), *SIZE)
    image = QImage(*SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    assert renderer.render(view, image)
    out = Path(os.environ.get("QUARTIER_TEST_PNG_DIR", path.parent))
    image.save(str(out / "rtl_names.png"))
    drawn = renderer.last_view
    points = {name: drawn.to_pixel(*to_map.transform(p.x, p.y)) for name, p in where.items()}
    return {"renderer": renderer, "image": image, "points": points}


def _label_style() -> LabelStyle:
    """The label rule of a facility (what the map writes these names with)."""
    style = load_style().for_layer("facilities", "point")
    return next(c.label_style for c in style.classes if c.label_style.placement != "none")


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    data = np.frombuffer(bytes(image.constBits()), dtype=np.uint8)
    return data.reshape(image.height(), image.bytesPerLine())[:, :image.width() * 4] \
        .reshape(image.height(), image.width(), 4)


def _ink(image: QImage) -> np.ndarray:
    """Where something was drawn on a transparent picture."""
    return _pixels(image)[:, :, 3] > 40


def _glyph_runs(text: str, font: QFont, direction=None):
    layout = QTextLayout(text, font)
    if direction is not None:
        option = QTextOption()
        option.setTextDirection(direction)
        layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setNumColumns(len(text))
    layout.endLayout()
    return layout, line, layout.glyphRuns()


def _picture(texts: TextCache, text: str, style: LabelStyle) -> QImage:
    """The renderer's own picture of a label, without its halo (a transparent halo)."""
    return texts.image(text, style, "#00000000")


def _reference(text: str, font: QFont, size: tuple[int, int], ascent: float,
               direction: Qt.LayoutDirection, colour: str) -> QImage:
    """The same text drawn by QTextLayout in the given direction, on the same baseline."""
    image = QImage(*size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    layout, line, _runs = _glyph_runs(text, font, direction)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.setPen(QColor(colour))
    layout.draw(painter, QPointF(LABEL_MARGIN - line.x(),
                                 LABEL_MARGIN + ascent - line.ascent()))
    painter.end()
    return image


def test_both_names_are_written_on_the_map(rendered: dict):
    written = {label.text: label for label in rendered["renderer"].last_labels}
    assert ARABIC in written and AMHARIC in written, sorted(written)
    pixels = _pixels(rendered["image"])
    for name in (ARABIC, AMHARIC):
        x0, y0, x1, y1 = (int(v) for v in written[name].boxes[0])
        box = pixels[max(y0, 0):y1, max(x0, 0):x1, :3].astype(int)
        # Dark text over its white halo: both are there, where the label was placed.
        assert (box.sum(axis=2) < 250).sum() > 40, name
        assert (box.min(axis=2) > 245).sum() > 40, name
    # Each name beside its own symbol: the Arabic one on its left (it is read from the
    # right, starting at the symbol), the Amharic one on its right.
    for name, side in ((ARABIC, -1), (AMHARIC, 1)):
        px, py = rendered["points"][name]
        label = written[name]
        assert abs(label.y - py) < 3 and side * (label.x - px) > 0, (name, label, px, py)


@pytest.mark.parametrize("name", [ARABIC, AMHARIC])
def test_every_letter_has_a_glyph_in_a_font_of_its_script(qt_application, name: str):
    style = _label_style()
    texts = TextCache(load_style().fonts)
    font, _metrics = texts.font(style)
    _layout, _line, runs = _glyph_runs(name, font)
    letters = [run for run in runs if run.rawFont().familyName() == FONTS[name]]
    assert letters, [run.rawFont().familyName() for run in runs]
    for run in runs:
        assert 0 not in list(run.glyphIndexes()), run.rawFont().familyName()
    for char in name.replace(" ", ""):
        assert letters[0].rawFont().supportsCharacter(ord(char)), hex(ord(char))
    # Without those fonts the same text is empty boxes (glyph 0) and looks different.
    bare = QFont(font)
    bare.setFamilies(["DejaVu Sans"] if name == AMHARIC else ["Noto Sans"])
    bare.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    _layout, _line, tofu_runs = _glyph_runs(name, bare)
    assert any(0 in list(run.glyphIndexes()) for run in tofu_runs)
    shown = _ink(_picture(texts, name, style))
    tofu_cache = TextCache(("DejaVu Sans",) if name == AMHARIC else ("Noto Sans",))
    tofu_font, _ = tofu_cache.font(style)
    tofu_font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    tofu = _ink(_picture(tofu_cache, name, style))
    assert shown.sum() > 30
    if shown.shape == tofu.shape:
        assert (shown != tofu).sum() > 0.2 * shown.sum()


def test_the_arabic_name_is_shaped_and_reads_right_to_left(qt_application):
    style = _label_style()
    texts = TextCache(load_style().fonts)
    font, metrics = texts.font(style)
    _layout, _line, runs = _glyph_runs(ARABIC, font)
    arabic = [run for run in runs if run.rawFont().familyName() == FONTS[ARABIC]]
    assert arabic and all(run.isRightToLeft() for run in arabic)
    # Shaped: the joined forms are other glyphs than the letters alone.
    raw = arabic[0].rawFont()
    alone = set(raw.glyphIndexesForString(ARABIC.replace(" ", "")))
    joined = {g for run in arabic for g in run.glyphIndexes()}
    assert len(joined - alone) >= 4, (sorted(joined), sorted(alone))
    # The label picture is what QTextLayout draws right to left...
    picture = _picture(texts, ARABIC, style)
    size = (picture.width(), picture.height())
    right_to_left = _reference(ARABIC, font, size, metrics.ascent(),
                               Qt.LayoutDirection.RightToLeft, style.colour)
    ours, theirs = _ink(picture), _ink(right_to_left)
    assert ours.sum() > 50
    assert (ours != theirs).sum() <= 0.02 * ours.sum(), (ours != theirs).sum()
    # ...and not the same letters unjoined, left to right (the test can tell them apart).
    unjoined = "\u200c".join(reversed(ARABIC))
    wrong = _ink(_reference("\u202d" + unjoined + "\u202c", font, size, metrics.ascent(),
                            Qt.LayoutDirection.LeftToRight, style.colour))
    assert (ours != wrong).sum() > 0.2 * ours.sum()


def test_names_on_a_printed_page_have_their_glyphs(qt_application):
    """On a page the painter scales up and the labels are drawn as text: the same fonts."""
    style = _label_style()
    texts = TextCache(load_style().fonts)
    candidates = [LabelCandidate(ARABIC, "facilities", style, "point", (150.0, 60.0)),
                  LabelCandidate(AMHARIC, "facilities", style, "point", (150.0, 140.0))]
    placed = place_labels(candidates, 300, 200, texts)
    assert {label.text for label, _c in placed} == {ARABIC, AMHARIC}

    def page(cache: TextCache) -> np.ndarray:
        image = QImage(900, 600, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        painter.scale(3.0, 3.0)
        draw_labels(painter, placed, cache, "#ffffff")
        painter.end()
        return _pixels(image)

    printed = page(texts)
    for label, _candidate in placed:
        x0, y0, x1, y1 = (int(3 * v) for v in label.boxes[0])
        box = printed[y0:y1, x0:x1]
        dark = (box[:, :, 3] > 200) & (box[:, :, :3].astype(int).sum(axis=2) < 250)
        assert dark.sum() > 200, label.text
    bare = TextCache(("DejaVu Sans",))
    for key in ((style.size, style.bold, style.italic),):
        bare.font(style)
        bare._fonts[key][0].setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    assert (page(bare)[:, :, 3] > 40).sum() != (printed[:, :, 3] > 40).sum()
