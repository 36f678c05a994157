"""Small counts the renderer makes on every frame, without numpy's slow first calls."""

from __future__ import annotations

import numpy as np


def present(values: np.ndarray) -> np.ndarray:
    """The distinct values of non-negative integers, ascending: ``np.unique(values)``.

    Counted, not sorted: ``np.unique`` sorts every value, and its first call in a
    process imports ``numpy.ma`` (13-22 ms), which the first map would wait for
    (the legend, the symbols, the band lookups and the hazard legend ask for these).
    """
    values = np.asarray(values).ravel()
    if not len(values):
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.bincount(values))
