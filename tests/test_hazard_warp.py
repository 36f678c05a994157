"""A hazard raster warped to the map's CRS: every cell from the source cell the exact
projection gives, though most points are interpolated between projected ones."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import rasterio
from affine import Affine
from pyproj import Transformer

from mapping.render.hazard_draw import LATTICE_STEP, source_cells


def _exact(xs: np.ndarray, ys: np.ndarray, map_crs: str, grid_crs: str,
           grid: Affine) -> tuple[np.ndarray, np.ndarray]:
    gx, gy = np.meshgrid(xs, ys)
    sx, sy = Transformer.from_crs(map_crs, grid_crs, always_xy=True).transform(
        gx.ravel(), gy.ravel())
    inverse = ~grid
    sx, sy = np.asarray(sx), np.asarray(sy)
    col = inverse.a * sx + inverse.b * sy + inverse.c
    row = inverse.d * sx + inverse.e * sy + inverse.f
    return np.floor(col).astype(np.int64), np.floor(row).astype(np.int64)


def _cells(xs: np.ndarray, ys: np.ndarray, map_crs: str, grid_crs: str,
           grid: Affine) -> tuple[np.ndarray, np.ndarray]:
    col, row = source_cells(xs, ys, Transformer.from_crs(map_crs, grid_crs, always_xy=True),
                            ~grid)
    return np.floor(col).astype(np.int64), np.floor(row).astype(np.int64)


def _map_grid(bounds: tuple[float, float, float, float], grid_crs: str, map_crs: str,
              cols: int, rows: int) -> tuple[np.ndarray, np.ndarray]:
    west, south, east, north = Transformer.from_crs(
        grid_crs, map_crs, always_xy=True).transform_bounds(*bounds, densify_pts=21)
    xs = west + (np.arange(cols) + 0.5) * (east - west) / cols
    ys = north - (np.arange(rows) + 0.5) * (north - south) / rows
    return xs, ys


def test_jakarta_flood_depth_warped_to_utm_takes_the_exact_cells(data_dir: Path) -> None:
    with rasterio.open(data_dir / "jakarta" / "flood_depth.tif") as source:
        grid, crs, bounds = source.transform, source.crs.to_string(), tuple(source.bounds)
        shape = source.shape
    xs, ys = _map_grid(bounds, crs, "EPSG:32748", shape[1], shape[0])
    assert len(xs) > 8 * LATTICE_STEP and len(ys) > 8 * LATTICE_STEP
    got, want = _cells(xs, ys, "EPSG:32748", crs, grid), _exact(xs, ys, "EPSG:32748", crs,
                                                                 grid)
    assert np.array_equal(got[0], want[0]) and np.array_equal(got[1], want[1])
    # The grid really is sheared by the projection (else a test of a plain scale).
    assert len(np.unique(want[0][:len(xs)] - want[0][-len(xs):])) > 1


@pytest.mark.parametrize(("bounds", "map_crs"), [
    ((-17.55, 14.65, -17.35, 14.80), "EPSG:32628"),   # Dakar: west of Greenwich
    ((-0.30, 5.50, -0.15, 5.62), "EPSG:32630"),       # Accra, across the meridian's side
    ((36.70, -1.35, 36.85, -1.25), "EPSG:32737"),     # Nairobi: south of the equator
])
def test_degree_grids_west_and_south_take_the_exact_cells(bounds, map_crs) -> None:
    west, south, east, north = bounds
    step = 0.0002  # about 20 m: a typical flood model's grid
    grid = Affine(step, 0, west, 0, -step, north)
    xs, ys = _map_grid(bounds, "EPSG:4326", map_crs, 900, 700)
    got, want = _cells(xs, ys, map_crs, "EPSG:4326", grid), _exact(xs, ys, map_crs,
                                                                   "EPSG:4326", grid)
    assert np.array_equal(got[0], want[0]) and np.array_equal(got[1], want[1])
    inside = (want[0] >= 0) & (want[0] < round((east - west) / step))
    assert inside.mean() > 0.9
