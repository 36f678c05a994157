"""Which layers a project has, how they start on the map, and loading them on first use."""

from __future__ import annotations

import importlib
import threading
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from layers.i18n import tr
from mapping.project import Project
from mapping.render.hazard_draw import (
    DEFAULT_HAZARD_OPACITY,
    HazardOverlay,
    hazard_vector_style,
    warp_hazard_raster,
)
from mapping.render.layer_cache import LayerData
from mapping.render.loading import read_project_layer, transformer
from mapping.render.style import LayerStyle, MapStyle, classed_style
from mapping.render.words import layer_title, remember_title

#: Drawing order of the layers Quartier knows, bottom first (lower ranks are drawn first).
RANKS = {
    "landuse": 0, "water": 10, "buildings": 20, "street_edges": 28, "roads": 30,
    "street_nodes": 32, "pois": 40, "places": 45, "risk_zones": 70, "transport_lines": 72,
    "transport_stops": 74, "facilities": 76,
}
#: Rank of other layers by kind: reference data over the base, hazards over that,
#: what residents mapped on top.
KIND_RANKS = {"base": 50, "reference": 50, "street_graph": 35, "hazard": 60,
              "participatory": 78}
#: GDAL geometry type -> the renderer's geometry name.
GEOMETRY_NAMES = {"Point": "point", "MultiPoint": "point", "LineString": "line",
                  "MultiLineString": "line", "Polygon": "polygon", "MultiPolygon": "polygon"}


@dataclass
class LayerEntry:
    """A layer of the project as the renderer knows it; ``data`` is filled on first use."""

    #: Layer name.
    name: str
    #: Title shown to people.
    title: str
    #: Layer kind (base, participatory, hazard...).
    kind: str
    #: "polygon", "line", "point", "raster" or "mixed".
    geometry: str
    #: Where the data comes from: "vector" (a project table: hazard polygons too),
    #: "hazard_raster".
    source: str
    #: How it is drawn (vector layers).
    style: LayerStyle | None
    #: Drawing order rank (see RANKS).
    rank: float
    #: Shown when the project opens.
    visible: bool
    #: Opacity when the project opens.
    opacity: float
    #: Extent in the working CRS before loading (from the file's metadata), or None.
    extent: tuple[float, float, float, float] | None
    #: Legend of a hazard layer.
    legend: Any = None
    #: The loaded layer, once loaded.
    data: LayerData | HazardOverlay | None = None
    #: Why the layer could not be read, if it could not.
    error: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def load(self, project: Project, working_crs: str) -> LayerData | HazardOverlay | None:
        """The layer's data, read on first call (one reader at a time)."""
        if self.data is not None or self.error:
            return self.data
        with self._lock:
            if self.data is None and not self.error:
                try:
                    self.data = self._read(project, working_crs)
                except Exception as error:  # a broken layer must not break the whole map
                    self.error = tr("{layer} could not be drawn: {error}",
                                    layer=layer_title(self.title), error=error)
        return self.data

    def _read(self, project: Project, working_crs: str) -> LayerData | HazardOverlay | None:
        if self.source == "hazard_raster":
            store = hazard_store()
            assert store is not None
            return warp_hazard_raster(self.name, store.read_hazard_raster(project, self.name),
                                      working_crs)
        # Hazard polygons are a project table like any other: read the same way (SQLite,
        # no GeoDataFrame: a risk map's first frame waited 0.4 s for geopandas), drawn
        # from overviews when big, and what a click shows read for the features clicked.
        assert self.style is not None
        return read_project_layer(project.store, self.name, self.style, working_crs)


def hazard_store() -> ModuleType | None:
    """:mod:`mapping.hazard_store` if it is there (it is written separately)."""
    try:
        return importlib.import_module("mapping.hazard_store")
    except ImportError:
        return None


def project_bounds(bounds: tuple[float, float, float, float], working_crs: str
                   ) -> tuple[float, float, float, float]:
    """A (west, south, east, north) box in degrees as an extent in the working CRS."""
    west, south, east, north = bounds
    x0, y0, x1, y1 = transformer("EPSG:4326", working_crs).transform_bounds(
        west, south, east, north, densify_pts=21)
    return float(x0), float(y0), float(x1), float(y1)


def _registry_rows(project: Project) -> dict[str, tuple[bool, float]]:
    """Visibility and opacity stored in the project's layer table."""
    try:
        records = project.store.registry()
    except Exception:
        records = []
    for record in records:
        # A result layer's title is shown composed from its stored parts (words.py).
        remember_title(record.title, record.style)
    return {r.name: (r.visible, r.opacity) for r in records}


def _classed_layers(project: Project) -> dict[str, dict[str, Any]]:
    """Layers whose stored style names a class column and its colours (analysis results)."""
    try:
        records = project.store.registry()
    except Exception:
        records = []
    return {r.name: r.style for r in records
            if isinstance(r.style.get("class_colours"), dict) and r.style.get("class_column")}


def scan(project: Project, style: MapStyle, working_crs: str) -> list[LayerEntry]:
    """Every drawable layer of the project, with how it starts on the map."""
    stored = _registry_rows(project)
    classed = _classed_layers(project)
    entries: list[LayerEntry] = []
    hazard_names: set[str] = set()
    store = hazard_store()
    if store is not None:
        try:
            hazards = store.list_hazard_layers(project)
        except Exception:
            hazards = []
        for info in hazards:
            hazard_names.add(info.name)
            raster = info.kind == "raster"
            visible, _stored_opacity = stored.get(info.name, (True, DEFAULT_HAZARD_OPACITY))
            opacity = float(getattr(info, "opacity", DEFAULT_HAZARD_OPACITY))
            entries.append(LayerEntry(
                name=info.name, title=info.title, kind="hazard",
                geometry="raster" if raster else "polygon",
                source="hazard_raster" if raster else "vector",
                style=None if raster else hazard_vector_style(info.name, info.legend),
                rank=KIND_RANKS["hazard"] + len(entries) * 0.01, visible=visible,
                opacity=opacity, extent=None, legend=info.legend))
    for order, info in enumerate(project.layers()):
        if info.name in hazard_names:
            continue
        if info.kind == "hazard" and info.geometry_type not in GEOMETRY_NAMES:
            continue  # a hazard raster, drawn only through the hazard store
        geometry = GEOMETRY_NAMES.get(info.geometry_type, "mixed")
        layer_style = style.for_layer(info.name, geometry if geometry != "mixed" else "polygon")
        if info.name in classed:
            layer_style = classed_style(layer_style, str(classed[info.name]["class_column"]),
                                        classed[info.name]["class_colours"])
        visible, opacity = stored.get(info.name, (True, 1.0))
        rank = RANKS.get(info.name, KIND_RANKS.get(info.kind, 50)) + order * 0.001
        extent = None
        if info.extent is not None and info.count:
            extent = project_bounds(info.extent, working_crs)
        entries.append(LayerEntry(
            name=info.name, title=info.title, kind=info.kind, geometry=geometry, source="vector",
            style=layer_style, rank=rank, visible=visible and layer_style.visible,
            opacity=opacity if opacity < 1.0 else layer_style.opacity, extent=extent))
    return entries
