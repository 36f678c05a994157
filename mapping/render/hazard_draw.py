"""Hazard overlays: classified rasters and hazard polygons, in the legend's colours.

A hazard raster (flood depth, tsunami inundation...) is warped once to the
working CRS, nearest neighbour so the class edges stay crisp, into an image
whose pixels carry the class colours; drawing it is then one scaled image
copy. Hazard polygons are an ordinary vector layer with one class per hazard
class. Both are drawn between the base map and the participatory layers, at the
layer's opacity (0.6 by default).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from layers.hazard_classes import HazardClass, HazardLegend
from mapping.render.counting import present
from mapping.render.draw import DrawContext
from mapping.render.loading import transformer
from mapping.render.style import ClassStyle, LayerStyle, ZoomValue

#: Opacity hazard layers open with.
DEFAULT_HAZARD_OPACITY = 0.6
#: Largest side of a warped hazard image, cells.
MAX_WARP_CELLS = 2048


class HazardRasterLike(Protocol):
    """What :func:`mapping.hazard_store.read_hazard_raster` returns."""

    values: np.ndarray
    classes: np.ndarray
    transform: Any
    crs: str
    legend: HazardLegend


@dataclass
class HazardOverlay:
    """A hazard raster warped to the working CRS, ready to draw and to query."""

    #: Layer name.
    name: str
    #: Class colours, transparent where the class is 0, one pixel per warped cell.
    image: QImage
    #: Warped class codes (0 = none, 1..N), shape (rows, cols), row 0 at the north edge.
    classes: np.ndarray
    #: Warped hazard values (NaN: no data).
    values: np.ndarray
    #: Extent of the warped grid (minx, miny, maxx, maxy), working-CRS metres.
    extent: tuple[float, float, float, float]
    #: Legend of the classes.
    legend: HazardLegend

    def sample(self, x: float, y: float) -> tuple[int, float] | None:
        """Class code and value at a map point, or None outside the raster."""
        minx, miny, maxx, maxy = self.extent
        rows, cols = self.classes.shape
        if not (minx <= x < maxx and miny < y <= maxy):
            return None
        col = int((x - minx) / (maxx - minx) * cols)
        row = int((maxy - y) / (maxy - miny) * rows)
        return int(self.classes[row, col]), float(self.values[row, col])

    def _window(self, extent: tuple[float, float, float, float]) -> np.ndarray:
        """The warped class codes of the cells meeting ``extent``."""
        minx, miny, maxx, maxy = self.extent
        rows, cols = self.classes.shape
        x0, y0, x1, y1 = extent
        c0 = int(np.clip(np.floor((x0 - minx) / (maxx - minx) * cols), 0, cols))
        c1 = int(np.clip(np.ceil((x1 - minx) / (maxx - minx) * cols), 0, cols))
        r0 = int(np.clip(np.floor((maxy - y1) / (maxy - miny) * rows), 0, rows))
        r1 = int(np.clip(np.ceil((maxy - y0) / (maxy - miny) * rows), 0, rows))
        return self.classes[r0:r1, c0:c1]

    def classes_in(self, extent: tuple[float, float, float, float]) -> set[int]:
        """Hazard class codes (1..N) of the cells drawn inside ``extent``."""
        return {int(c) for c in present(self._window(extent)) if c > 0}

    def affected_extent(self) -> tuple[float, float, float, float] | None:
        """Extent of the cells with a hazard class (not of the whole grid), or None."""
        rows_hit = np.nonzero((self.classes > 0).any(axis=1))[0]
        cols_hit = np.nonzero((self.classes > 0).any(axis=0))[0]
        if not len(rows_hit):
            return None
        minx, miny, maxx, maxy = self.extent
        rows, cols = self.classes.shape
        width, height = (maxx - minx) / cols, (maxy - miny) / rows
        return (minx + cols_hit[0] * width, maxy - (rows_hit[-1] + 1) * height,
                minx + (cols_hit[-1] + 1) * width, maxy - rows_hit[0] * height)


def warp_hazard_raster(name: str, raster: HazardRasterLike, working_crs: str) -> HazardOverlay:
    """Warp a classified hazard raster to the working CRS (nearest neighbour).

    Parameters
    ----------
    name
        Layer name.
    raster
        Values, class codes, affine transform and CRS of the source grid.
    working_crs
        CRS of the map.
    """
    classes_src = np.asarray(raster.classes)
    values_src = np.asarray(raster.values, dtype=np.float64)
    rows, cols = classes_src.shape
    affine = raster.transform
    # Footprint of the source grid, densified along its edges, in the working CRS.
    t = np.linspace(0.0, 1.0, 21)
    edge_c = np.concatenate([t * cols, np.full(21, cols), t[::-1] * cols, np.zeros(21)])
    edge_r = np.concatenate([np.zeros(21), t * rows, np.full(21, rows), t[::-1] * rows])
    ex = affine.a * edge_c + affine.b * edge_r + affine.c
    ey = affine.d * edge_c + affine.e * edge_r + affine.f
    forward = transformer(raster.crs, working_crs)
    wx, wy = forward.transform(ex, ey)
    minx, maxx = float(np.min(wx)), float(np.max(wx))
    miny, maxy = float(np.min(wy)), float(np.max(wy))
    cell = max(np.sqrt((maxx - minx) * (maxy - miny) / max(rows * cols, 1)), 1e-6)
    out_cols = int(min(max(np.ceil((maxx - minx) / cell), 1), MAX_WARP_CELLS))
    out_rows = int(min(max(np.ceil((maxy - miny) / cell), 1), MAX_WARP_CELLS))
    xs = minx + (np.arange(out_cols) + 0.5) * (maxx - minx) / out_cols
    ys = maxy - (np.arange(out_rows) + 0.5) * (maxy - miny) / out_rows
    col, row = source_cells(xs, ys, transformer(working_crs, raster.crs), ~affine)
    src_c, src_r = np.floor(col).astype(np.int64), np.floor(row).astype(np.int64)
    inside = (src_c >= 0) & (src_c < cols) & (src_r >= 0) & (src_r < rows)
    flat_classes = np.zeros(out_rows * out_cols, dtype=np.uint8)
    flat_values = np.full(out_rows * out_cols, np.nan)
    flat_classes[inside] = classes_src[src_r[inside], src_c[inside]]
    flat_values[inside] = values_src[src_r[inside], src_c[inside]]
    classes = flat_classes.reshape(out_rows, out_cols)
    values = flat_values.reshape(out_rows, out_cols)
    return HazardOverlay(name, class_image(classes, raster.legend), classes, values,
                         (minx, miny, maxx, maxy), raster.legend)


#: Grid cells between the points :func:`source_cells` projects exactly.
LATTICE_STEP = 16


def source_cells(xs: np.ndarray, ys: np.ndarray, backward: Any, inverse: Any
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Where each point of the grid ``xs`` x ``ys`` (map CRS) falls in the source grid:
    fractional column and row, flattened row by row, whole where the cell is certain.

    Projecting millions of points one by one took most of a big raster's warp (6.8
    million cells: 1.5 s). As GDAL's warper does, the points of a lattice every
    :data:`LATTICE_STEP` cells are projected and the rest interpolated between them;
    the interpolation's error is measured at the middle of every lattice square, and
    every point nearer a cell edge than 8 times that error is projected exactly, so
    each point falls in the cell the exact projection puts it in.

    Parameters
    ----------
    xs, ys
        The grid's column and row coordinates in the map CRS.
    backward
        Transformer from the map CRS to the source grid's CRS.
    inverse
        Inverse affine transform of the source grid (CRS coordinates to cells).
    """
    def exact(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        sx, sy = backward.transform(x, y)
        sx, sy = np.asarray(sx, dtype=np.float64), np.asarray(sy, dtype=np.float64)
        return (inverse.a * sx + inverse.b * sy + inverse.c,
                inverse.d * sx + inverse.e * sy + inverse.f)

    def whole_grid() -> tuple[np.ndarray, np.ndarray]:
        gx, gy = np.meshgrid(xs, ys)
        return exact(gx.ravel(), gy.ravel())

    cols, rows = len(xs), len(ys)
    if cols < 4 * LATTICE_STEP or rows < 4 * LATTICE_STEP:
        return whole_grid()
    lattice_c = np.unique(np.r_[np.arange(0, cols, LATTICE_STEP), cols - 1])
    lattice_r = np.unique(np.r_[np.arange(0, rows, LATTICE_STEP), rows - 1])
    gx, gy = np.meshgrid(xs[lattice_c], ys[lattice_r])
    known = [value.reshape(gx.shape) for value in exact(gx.ravel(), gy.ravel())]
    if not all(np.isfinite(value).all() for value in known):
        return whole_grid()

    def spread(lattice: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
        # Each grid index: the lattice interval it lies in and its place in it (0 to 1).
        interval = np.minimum(np.searchsorted(lattice, np.arange(size), side="right") - 1,
                              len(lattice) - 2)
        place = (np.arange(size) - lattice[interval]) / np.diff(lattice)[interval]
        return interval, place

    ci, ct = spread(lattice_c, cols)
    ri, rt = spread(lattice_r, rows)
    filled = []
    for value in known:
        across = value[:, ci] * (1 - ct) + value[:, ci + 1] * ct
        filled.append((across[ri] * (1 - rt)[:, None] + across[ri + 1] * rt[:, None]).ravel())
    # The error of the interpolation, at the middle of every lattice square.
    mid_c = (lattice_c[:-1] + lattice_c[1:]) // 2
    mid_r = (lattice_r[:-1] + lattice_r[1:]) // 2
    mx, my = np.meshgrid(xs[mid_c], ys[mid_r])
    at = (mid_r[:, None] * cols + mid_c[None, :]).ravel()
    error = max(float(np.max(np.abs(truth - guess[at])))
                for truth, guess in zip(exact(mx.ravel(), my.ravel()), filled, strict=True))
    if not np.isfinite(error) or error > 0.01:
        return whole_grid()
    margin = 8 * error + 1e-9
    near = np.zeros(cols * rows, dtype=bool)
    for value in filled:
        part = value - np.floor(value)
        near |= (part < margin) | (part > 1 - margin)
    again = np.flatnonzero(near)
    if len(again):
        col, row = exact(xs[again % cols], ys[again // cols])
        filled[0][again], filled[1][again] = col, row
    return filled[0], filled[1]


def class_image(classes: np.ndarray, legend: HazardLegend) -> QImage:
    """An opaque image of the class colours, transparent where the class is 0."""
    lut = np.zeros(256, dtype=np.uint32)
    for code, hex_colour in legend.colours.items():
        if 0 < int(code) < 256 and hex_colour:
            lut[int(code)] = QColor(hex_colour).rgba()
    pixels = np.ascontiguousarray(lut[classes])
    rows, cols = classes.shape
    image = QImage(pixels.data, cols, rows, 4 * cols, QImage.Format.Format_ARGB32)
    return image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)  # owns a copy


def draw_hazard_overlay(painter: QPainter, overlay: HazardOverlay, ctx: DrawContext) -> None:
    """Draw the visible part of a warped hazard raster (the caller sets the opacity)."""
    minx, miny, maxx, maxy = overlay.extent
    vminx, vminy, vmaxx, vmaxy = ctx.extent
    x0, x1 = max(minx, vminx), min(maxx, vmaxx)
    y0, y1 = max(miny, vminy), min(maxy, vmaxy)
    if x0 >= x1 or y0 >= y1:
        return
    rows, cols = overlay.classes.shape
    sx = cols / (maxx - minx)
    sy = rows / (maxy - miny)
    source = QRectF((x0 - minx) * sx, (maxy - y1) * sy, (x1 - x0) * sx, (y1 - y0) * sy)
    corners = ctx.pixels(np.array([[x0, y1], [x1, y0]]))
    target = QRectF(corners[0, 0], corners[0, 1], corners[1, 0] - corners[0, 0],
                    corners[1, 1] - corners[0, 1])
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
    painter.drawImage(target, overlay.image, source)
    painter.restore()


def hazard_vector_style(name: str, legend: HazardLegend) -> LayerStyle:
    """Style of a hazard polygon layer: one filled class per hazard class (codes 1..N)."""
    classes = []
    for code in sorted(int(c) for c in legend.colours if int(c) > 0):
        fill = legend.colours.get(code, "#cc2a36")
        edge = QColor(fill).darker(130).name()
        label = legend.labels.get(code, str(code))
        key = HazardClass(code).name.lower() if code <= HazardClass.HIGH else f"class_{code}"
        classes.append(ClassStyle(
            key=key, label=label,
            match=(("hazard_class", (str(code),)),),
            fill=fill, stroke=edge, width=ZoomValue(((0.0, 0.8),)), outline_min_zoom=13,
        ))
    return LayerStyle(name=name, columns=("hazard_class",), classes=tuple(classes),
                      opacity=DEFAULT_HAZARD_OPACITY, visible=True)
