"""Access to services: how far every building is, along the streets, from a kind of facility.

The facilities are those residents mapped (``facilities``) and the OSM points of
interest (``pois``), picked by their tags through one table (:data:`KINDS`): "water"
is ``amenity=drinking_water|water_point``, ``man_made=water_tap|water_well|borehole``
or ``natural=spring``, and so on. Distances come from the same single multi-source
Dijkstra pass as evacuation routing (:func:`mapping.analysis.network.nearest`), with
no zone avoided.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from layers.errors import ValidationError
from layers.i18n import N_, tr
from layers.osm_definitions import BaseLayer
from layers.participatory import ParticipatoryLayer
from mapping.analysis.evacuation import SHELTER_WORDS, spread
from mapping.analysis.facility_kinds import ALIASES as ALIASES
from mapping.analysis.facility_kinds import KINDS, is_kind
from mapping.analysis.facility_kinds import FacilityKind as FacilityKind
from mapping.analysis.facility_kinds import kind_named as kind_named
from mapping.analysis.network import nearest, snap
from mapping.analysis.places import Buildings, Destination, read_places, to_destinations
from mapping.analysis.street_network import StreetNetwork
from mapping.project import Project
from mapping.store import LayerNotFoundError

#: Distance bands reported unless told otherwise (metres).
DEFAULT_WITHIN = (250, 500, 1000)
#: Map colours of the distance bands, nearest first (green to red; a list with more
#: bands reuses the last), then beyond the last band, then unreachable.
BAND_COLOURS = ("#1a9850", "#fee08b", "#fc8d59")
BEYOND_COLOUR = "#d73027"
UNREACHABLE_COLOUR = "#67000d"
#: Title of an access layer, a catalogue message (see
#: :func:`mapping.render.words.layer_title`).
ACCESS_TITLE = N_("Access to {facilities}")
#: How many of the worst-served buildings are ranked in the layer and listed.
WORST_COUNT = 20


def find_facilities(project: Project, kind: str) -> list[Destination]:
    """Facilities of ``kind`` in ``facilities`` and ``pois``."""
    found: list[Destination] = []
    present = set(project.layer_names())
    for layer in (str(ParticipatoryLayer.FACILITIES), str(BaseLayer.POIS)):
        if layer not in present:
            continue
        words = SHELTER_WORDS if kind == "shelter" else tuple(
            value for _key, values in KINDS[kind].tags for value in values)
        places = read_places(project, layer, words)
        keep = [is_kind(kind, tags, preset if isinstance(preset, str) else None)
                for tags, preset in zip(places["tags"], places["preset"], strict=True)]
        found.extend(to_destinations(places[np.asarray(keep, dtype=bool)]))
    return found


def parse_within(text: str | None) -> tuple[int, ...]:
    """Distance bands typed as ``250,500,1000`` (metres)."""
    if text is None:
        return DEFAULT_WITHIN
    try:
        bands = tuple(sorted({int(part) for part in text.split(",") if part.strip()}))
    except ValueError as error:
        raise ValidationError(tr("--within takes distances in metres separated by commas, "
                                 "like 250,500,1000 (got {text}).", text=repr(text))
                              ) from error
    if not bands or bands[0] <= 0:
        raise ValidationError(tr("--within takes positive distances in metres, like "
                                 "250,500,1000 (got {text}).", text=repr(text)))
    return bands


@dataclass
class AccessResult:
    """Each building's network distance to the nearest facility of a kind."""

    #: The kind asked about.
    kind: str
    #: The buildings measured from.
    buildings: Buildings
    #: The facilities found.
    facilities: list[Destination]
    #: Per building: metres along the streets to the nearest one (inf: unreachable).
    distance_m: np.ndarray
    #: Per building: index of that facility, -1 when unreachable.
    facility: np.ndarray
    #: Distance bands, metres.
    within: tuple[int, ...]
    #: Per building: the area it belongs to (None without areas).
    area: np.ndarray | None = None

    def summary(self) -> dict:
        """What ``quartier access --json`` prints (``by_area`` only with areas)."""
        out = _coverage(self.distance_m, self.within)
        out = {"kind": self.kind, "buildings": int(len(self.distance_m)), **out}
        if self.area is not None:
            out["by_area"] = {}
            labels = pd.unique(self.area[pd.notna(self.area)])
            for label in labels:
                inside = self.area == label
                part = _coverage(self.distance_m[inside], self.within)
                out["by_area"][str(label)] = {"buildings": int(inside.sum()), **part}
        return out

    def worst_served(self, count: int = WORST_COUNT) -> np.ndarray:
        """Feature ids of the ``count`` buildings farthest from one (unreachable first)."""
        order = np.argsort(-np.where(np.isfinite(self.distance_m), self.distance_m, np.inf),
                           kind="stable")
        return self.buildings.fids[order[:count]]

    def bands(self) -> tuple[list[str], list[str], np.ndarray]:
        """Band names and colours (nearest first, then beyond, then unreachable), and
        each building's band index."""
        names = []
        low = 0
        for band in self.within:
            names.append(f"within {band} m" if low == 0 else f"{low}-{band} m")
            low = band
        names += [f"beyond {self.within[-1]} m", "unreachable"]
        colours = [BAND_COLOURS[min(i, len(BAND_COLOURS) - 1)] for i in range(len(self.within))]
        colours += [BEYOND_COLOUR, UNREACHABLE_COLOUR]
        index = np.searchsorted(np.asarray(self.within, dtype=np.float64), self.distance_m,
                                side="left")
        index = np.where(np.isfinite(self.distance_m), index, len(self.within) + 1)
        return names, colours, index

    def layer_frame(self) -> gpd.GeoDataFrame:
        """One row per building: its footprint, distance, band, colour, and its rank
        among the worst served (1 = farthest; empty beyond :data:`WORST_COUNT`)."""
        names, colours, index = self.bands()
        reachable = np.isfinite(self.distance_m)
        rank = np.full(len(self.distance_m), np.nan)
        worst = self.worst_served()
        position = {int(fid): k + 1 for k, fid in enumerate(worst.tolist())}
        for i, fid in enumerate(self.buildings.fids.tolist()):
            if fid in position:
                rank[i] = position[fid]
        geometry = (self.buildings.geometries if self.buildings.geometries is not None
                    else shapely.points(self.buildings.lonlat))
        return gpd.GeoDataFrame({
            "building_fid": self.buildings.fids,
            "facility": [self.facilities[k].uuid if k >= 0 else None for k in self.facility],
            "distance_m": np.where(reachable, np.round(self.distance_m, 1), np.nan),
            "band": [names[k] for k in index],
            "worst_rank": pd.array(rank, dtype="Int64"),
            "colour": [colours[k] for k in index],
        }, geometry=gpd.GeoSeries(geometry, crs="EPSG:4326"), crs="EPSG:4326")


def layer_name(kind: str) -> str:
    """``access_<kind>``: the layer the distances to a kind of facility are saved in."""
    return f"access_{kind}"


def write_access_layer(project: Project, result: AccessResult) -> str:
    """Save every building's distance as the project layer ``access_<kind>``, coloured
    by band so the worst served stand out (replacing an earlier one); returns its name."""
    from mapping.analysis._result_layers import save_result_layer

    names, colours, _index = result.bands()
    name = layer_name(result.kind)
    words = KINDS[result.kind].words
    save_result_layer(project, name, ACCESS_TITLE.format(facilities=words),
                      result.layer_frame(),
                      {"analysis": "access", "kind": result.kind,
                       "title_message": ACCESS_TITLE, "title_values": {"facilities": words},
                       "within": list(result.within), "colour_column": "colour",
                       "class_column": "band",
                       "class_colours": dict(zip(names, colours, strict=True))})
    return name


def _coverage(distance: np.ndarray, within: Sequence[int]) -> dict:
    reachable = np.isfinite(distance)
    return {"within": {str(band): int((distance <= band).sum()) for band in within},
            "unreachable": int((~reachable).sum()),
            "distance_m": spread(distance[reachable])}


def access(project: Project, kind: str, within: tuple[int, ...] = DEFAULT_WITHIN,
           by: str | None = None, by_field: str | None = None,
           network: StreetNetwork | None = None, buildings: Buildings | None = None
           ) -> AccessResult:
    """Network distance from every building to the nearest facility of ``kind``.

    Raises
    ------
    ValidationError
        Unknown kind, none of that kind mapped, no street graph, an unknown area layer.
    """
    kind = kind_named(kind)
    facilities = find_facilities(project, kind)
    if not facilities:
        raise ValidationError(tr("No {facilities} are mapped in {project}: add them as "
                                 "facilities before measuring access.",
                                 facilities=tr(KINDS[kind].words), project=project.path.name))
    network = network or StreetNetwork.from_project(project)
    buildings = buildings or Buildings.from_project(project)
    targets = snap(network, np.array([[d.lon, d.lat] for d in facilities]))
    origins = snap(network, buildings.lonlat)
    reach = nearest(network, origins, targets)
    area = _areas(project, by, by_field, buildings) if by else None
    return AccessResult(kind=kind, buildings=buildings, facilities=facilities,
                        distance_m=reach.distance_m, facility=reach.destination,
                        within=within, area=area)


def _areas(project: Project, layer: str, field: str | None, buildings: Buildings) -> np.ndarray:
    """The area each building's centroid lies in or on (the first in fid order), else None."""

    from layers.hazards import find_column

    try:
        frame = project.read_layer(layer)
    except LayerNotFoundError as error:
        raise ValidationError(tr("{project} has no layer named {layer}.",
                                 project=project.path.name, layer=layer)) from error
    column = find_column(frame, field) if field else next(
        (c for c in frame.columns if str(c).casefold() == "name"), None)
    fids = frame.index.to_numpy()
    names = frame[column].to_numpy(dtype=object) if column is not None else [None] * len(fids)
    # An area with no name is called by its feature id.
    labels = np.array([str(name) if pd.notna(name) and str(name).strip() else f"area {fid}"
                       for name, fid in zip(names, fids, strict=True)], dtype=object)
    polygons = np.asarray(frame.geometry.values)
    points = shapely.points(buildings.lonlat)
    tree = shapely.STRtree(polygons)
    which, area = tree.query(points, predicate="intersects")
    # The first area in fid order wins.
    first = np.full(len(points), len(polygons), dtype=np.int64)
    np.minimum.at(first, which, area)
    out = np.full(len(points), None, dtype=object)
    found = first < len(polygons)
    out[found] = labels[first[found]]
    return out
