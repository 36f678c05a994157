"""The zones of a hazard layer a route must keep out of, and what touches them.

A street segment is **avoided** when its line touches a hazard zone of an avoided
class (GEOS ``intersects``; for a raster hazard, against the outlines of its cells in
the avoided classes, so a street clipping a cell's corner is caught).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely.strtree import STRtree

from layers.errors import ValidationError
from layers.hazard_classes import HazardClass
from mapping.project import Project

if TYPE_CHECKING:
    from mapping.hazard_store import HazardRaster

#: Classes avoided unless told otherwise: the affected ones.
DEFAULT_AVOIDED: frozenset[HazardClass] = frozenset({HazardClass.MEDIUM, HazardClass.HIGH})


class AvoidedZones:
    """The zones of a hazard layer in the classes to avoid, and what touches them."""

    def __init__(self, project: Project, hazard: str,
                 avoid: Iterable[HazardClass] = DEFAULT_AVOIDED) -> None:
        from layers.hazards import class_codes
        from mapping.hazard_store import list_hazard_layers, read_hazard_raster, read_hazard_vector

        self.classes = frozenset(HazardClass(code) for code in avoid) - {HazardClass.NONE}
        if not self.classes:
            raise ValidationError("--avoid names no hazard class: use low, medium or high "
                                  "(for example --avoid medium,high).")
        known = {layer.name: layer for layer in list_hazard_layers(project)}
        if hazard not in known:
            listed = ", ".join(known) or "none yet (add one with 'quartier hazard add')"
            raise ValidationError(f"{project.path.name} has no hazard layer named {hazard}; "
                                  f"its hazard layers are: {listed}.")
        self.name = hazard
        self.info = known[hazard]
        # The layer's own classes (any number): the default is its affected ones.
        codes = np.array(class_codes(self.info.classification, None if avoid is DEFAULT_AVOIDED
                                     else [c.name.lower() for c in self.classes]), dtype=int)
        if self.info.kind == "raster":
            zones = _cell_outlines(read_hazard_raster(project, hazard), codes)
        else:
            frame = read_hazard_vector(project, hazard)
            classes = frame["hazard_class"].to_numpy(dtype=np.int64, na_value=0)
            zones = np.asarray(frame.geometry.values)[np.isin(classes, codes)]
            zones = shapely.make_valid(zones[~shapely.is_missing(zones) & ~shapely.is_empty(zones)])
        #: The avoided zones (WGS84 polygons; for a raster, its avoided cells merged).
        self.zones = zones
        self._tree = STRtree(self.zones)

    def touches(self, geometries: np.ndarray) -> np.ndarray:
        """Which WGS84 geometries (lines, points) touch an avoided zone."""
        geometries = np.asarray(geometries, dtype=object)
        hit = np.zeros(len(geometries), dtype=bool)
        if len(geometries) and len(self.zones):
            which, _ = self._tree.query(geometries, predicate="intersects")
            hit[which] = True
        return hit


def _cell_outlines(raster: HazardRaster, codes: np.ndarray) -> np.ndarray:
    """The raster's cells in the avoided classes, as polygons (touching cells merged).

    A line is then tested against the cells exactly, rather than sampled along its
    length, where a street clipping the corner of a cell could slip between samples.
    """
    from rasterio.features import shapes

    avoided = np.isin(raster.classes, codes)
    if not avoided.any():
        return np.empty(0, dtype=object)
    outlines = [shapely.geometry.shape(geometry) for geometry, _value in shapes(
        avoided.astype(np.uint8), mask=avoided, transform=raster.transform)]
    return np.array(outlines, dtype=object)


def parse_avoid(text: str | None) -> frozenset[HazardClass]:
    """Classes typed as ``low,medium,high`` (default: the affected ones, medium and high)."""
    from layers.hazards import parse_hazard_class

    if text is None:
        return DEFAULT_AVOIDED
    classes = {parse_hazard_class(word) for word in text.split(",") if word.strip()}
    classes.discard(HazardClass.NONE)
    if not classes:
        raise ValidationError(f"--avoid {text!r} names no hazard class: use low, medium or "
                              "high (for example --avoid medium,high).")
    return frozenset(classes)
