"""Segments handed to Qt in place: the same pixels as through a QPolygonF.

:func:`mapping.render.qpaths.draw_lines` gives ``QPainter.drawLines`` the
memory of a numpy array through Qt's pointer overload, where a QPolygonF is
converted by PySide a point at a time. Both are drawn, on their own and in
whole maps of Kibera (every view of the index tests, casings drawn as
segments), and compared pixel by pixel.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from mapping.render import qpaths
from tests.test_render_index import _draw_all
from tests.test_render_paths import _differing

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _through_polygon(painter: QPainter, pairs: np.ndarray) -> None:
    """The way before: a QPolygonF, converted to a list of points by PySide."""
    painter.drawLines(qpaths.polygonf(pairs))  # type: ignore[call-overload]


def _lines_image(draw, pairs: np.ndarray, width: float, antialiased: bool) -> bytes:  # type: ignore[no-untyped-def]
    image = QImage(300, 200, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#f4f1ea"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialiased)
    pen = QPen(QColor(180, 40, 40, 200), width)
    pen.setCosmetic(True)
    pen.setCapStyle(Qt.PenCapStyle.SquareCap)
    painter.setPen(pen)
    draw(painter, pairs)
    painter.end()
    return bytes(image.constBits())


@pytest.mark.parametrize("width", [1.0, 3.5])
@pytest.mark.parametrize("antialiased", [False, True])
def test_lines_in_place_equal_lines_through_a_polygon(width: float, antialiased: bool) -> None:
    rng = np.random.default_rng(7)
    starts = rng.uniform(-20, 320, (500, 2))
    pairs = np.empty((1000, 2))
    pairs[0::2] = starts
    pairs[1::2] = starts + rng.normal(0, 25, (500, 2))
    # A non-contiguous float32 slice too: draw_lines makes its own contiguous doubles.
    strided = np.asfortranarray(pairs.astype(np.float32))
    before = _lines_image(_through_polygon, pairs, width, antialiased)
    assert before == _lines_image(qpaths.draw_lines, pairs, width, antialiased)
    assert _lines_image(_through_polygon, strided.astype(np.float64), width, antialiased) \
        == _lines_image(qpaths.draw_lines, strided, width, antialiased)
    assert len(set(before)) > 2  # something was drawn


def test_no_lines_draw_nothing() -> None:
    image = QImage(10, 10, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    qpaths.draw_lines(painter, np.zeros((0, 2)))
    painter.end()
    assert not any(bytes(image.constBits()))


def test_maps_drawn_with_lines_in_place_are_unchanged(kibera_project: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    size = (900, 600)
    monkeypatch.setattr(qpaths, "draw_lines", _through_polygon)
    before = _draw_all(kibera_project, size)
    drawn: list[int] = []
    monkeypatch.undo()
    in_place = qpaths.draw_lines

    def counted(painter: QPainter, pairs: np.ndarray) -> None:
        drawn.append(len(pairs) // 2)
        in_place(painter, pairs)

    monkeypatch.setattr(qpaths, "draw_lines", counted)
    after = _draw_all(kibera_project, size)
    assert len(set(before)) > 20
    assert sum(drawn) > 1_000  # casings and lines drawn as segments on the way
    for i, (old, new) in enumerate(zip(before, after, strict=True)):
        assert old == new, f"view {i}: {_differing(old, new)} pixels differ"
