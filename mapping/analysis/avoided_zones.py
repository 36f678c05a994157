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
from layers.i18n import tr
from mapping.project import Project

if TYPE_CHECKING:
    from mapping.hazard_store import HazardRaster

#: Classes avoided unless told otherwise: the hazard layer's own affected classes
#: (whatever their number and names; this value only marks "not told").
DEFAULT_AVOIDED: frozenset[HazardClass] = frozenset({HazardClass.MEDIUM, HazardClass.HIGH})


class AvoidedZones:
    """The zones of a hazard layer in the classes to avoid, and what touches them."""

    def __init__(self, project: Project, hazard: str,
                 avoid: Iterable[HazardClass | str] = DEFAULT_AVOIDED) -> None:
        from layers.hazards import class_codes
        from mapping.hazard_store import list_hazard_layers, read_hazard_raster, read_hazard_vector

        # Classes by name: a HazardClass by its name ("medium"), a word as typed.
        words = [] if avoid is DEFAULT_AVOIDED else [
            item.name.lower() if isinstance(item, HazardClass) else str(item).strip()
            for item in avoid
            if not (isinstance(item, HazardClass) and item is HazardClass.NONE)]
        words = [word for word in words if word and word.casefold() != "none"]
        if avoid is not DEFAULT_AVOIDED and not words:
            raise ValidationError(tr("--avoid names no hazard class: name the hazard "
                                     "layer's classes, for example --avoid medium,high."))
        known = {layer.name: layer for layer in list_hazard_layers(project)}
        if hazard not in known:
            listed = ", ".join(known) or tr("none yet (add one with 'quartier hazard add')")
            raise ValidationError(tr("{project} has no hazard layer named {hazard}; its "
                                     "hazard layers are: {layers}.",
                                     project=project.path.name, hazard=hazard, layers=listed))
        self.name = hazard
        self.info = known[hazard]
        # The layer's own classes (any number): the default is its affected ones.
        classes = self.info.classification.classes
        # A number is a class's code (1 the lowest), as ``--avoid 2,3`` was read before.
        words = [classes[int(word) - 1].name if word.isdigit() and 1 <= int(word) <= len(classes)
                 else word for word in words]
        codes = np.array(class_codes(self.info.classification, None if avoid is DEFAULT_AVOIDED
                                     else words), dtype=int)
        if not len(codes):
            raise ValidationError(tr("No class of the hazard layer {hazard} is marked "
                                     "affected, so there is nothing to avoid: mark one with "
                                     "'quartier hazard classify', or name the classes with "
                                     "--avoid.", hazard=hazard))
        #: The layer's codes (1..N) of the avoided classes, lowest first, and their names.
        self.codes: tuple[int, ...] = tuple(int(code) for code in codes)
        self.names: tuple[str, ...] = tuple(classes[code - 1].name for code in self.codes)
        if self.info.kind == "raster":
            zones = _cell_outlines(read_hazard_raster(project, hazard), codes)
        else:
            frame = read_hazard_vector(project, hazard)
            found = frame["hazard_class"].to_numpy(dtype=np.int64, na_value=0)
            zones = np.asarray(frame.geometry.values)[np.isin(found, codes)]
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


def parse_avoid(text: str | None) -> frozenset[HazardClass] | tuple[str, ...]:
    """Class names typed as ``medium,high`` (any of the hazard layer's own class names,
    checked against the layer by :class:`AvoidedZones`); None: the layer's affected
    classes (:data:`DEFAULT_AVOIDED`)."""
    if text is None:
        return DEFAULT_AVOIDED
    words = tuple(word.strip() for word in text.split(",")
                  if word.strip() and word.strip().casefold() != "none")
    if not words:
        raise ValidationError(tr("--avoid {text} names no hazard class: name the hazard "
                                 "layer's classes, for example --avoid medium,high.",
                                 text=repr(text)))
    return words
