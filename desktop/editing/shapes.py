"""Shapes as paths of vertices that the edit tools move, add and remove (WGS84).

A point is one path of one vertex, a line one open path, an area one closed path
per ring (outer ring first, then its holes, polygon after polygon). A closed path
does not repeat its first vertex at the end; :func:`rebuilt` closes it again.
"""

from __future__ import annotations

from dataclasses import dataclass

import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

LonLat = tuple[float, float]


@dataclass(frozen=True)
class ShapePath:
    """One run of vertices of a shape."""

    #: Polygon number in a multipolygon (0 for points, lines and single polygons).
    part: int
    #: Ring number in its polygon: 0 the outline, 1 and more its holes.
    ring: int
    #: Vertices, longitude and latitude (a ring without its closing vertex).
    coords: tuple[LonLat, ...]
    #: Whether the path is a ring (its last vertex joins the first).
    closed: bool

    def segments(self) -> list[tuple[int, LonLat, LonLat]]:
        """(index of the segment's first vertex, start, end) for every side."""
        pairs = list(zip(self.coords, self.coords[1:], strict=False))
        out = [(i, a, b) for i, (a, b) in enumerate(pairs)]
        if self.closed and len(self.coords) > 2:
            out.append((len(self.coords) - 1, self.coords[-1], self.coords[0]))
        return out


def _xy(coords) -> tuple[LonLat, ...]:
    return tuple((float(x), float(y)) for x, y, *_ in coords)


def paths_of(geometry: BaseGeometry) -> list[ShapePath]:
    """The editable paths of a point, line, polygon or multipolygon."""
    if isinstance(geometry, Point):
        return [ShapePath(0, 0, ((float(geometry.x), float(geometry.y)),), False)]
    if isinstance(geometry, LineString):
        return [ShapePath(0, 0, _xy(geometry.coords), False)]
    polygons = list(geometry.geoms) if isinstance(geometry, MultiPolygon) else [geometry]
    out = []
    for part, polygon in enumerate(polygons):
        for ring, linear in enumerate([polygon.exterior, *polygon.interiors]):
            out.append(ShapePath(part, ring, _xy(linear.coords)[:-1], True))
    return out


def rebuilt(geometry: BaseGeometry, paths: list[ShapePath]) -> BaseGeometry:
    """A shape of the same kind as ``geometry`` made of ``paths``."""
    if isinstance(geometry, Point):
        return Point(paths[0].coords[0])
    if isinstance(geometry, LineString):
        return LineString(paths[0].coords)
    polygons: dict[int, list[list[LonLat]]] = {}
    for path in paths:
        polygons.setdefault(path.part, []).append([*path.coords, path.coords[0]])
    shapes = [Polygon(rings[0], rings[1:]) for _, rings in sorted(polygons.items())]
    return MultiPolygon(shapes) if isinstance(geometry, MultiPolygon) else shapes[0]


def fewest_vertices(path: ShapePath) -> int:
    """How many vertices a path needs: 1 for a point, 2 for a line, 3 for a ring."""
    if path.closed:
        return 3
    return 2 if len(path.coords) > 1 else 1


def with_vertex_moved(geometry: BaseGeometry, path_index: int, vertex: int,
                      where: LonLat) -> BaseGeometry:
    """``geometry`` with one vertex put at ``where``."""
    paths = paths_of(geometry)
    coords = list(paths[path_index].coords)
    coords[vertex] = where
    paths[path_index] = _replace(paths[path_index], coords)
    return rebuilt(geometry, paths)


def with_vertex_added(geometry: BaseGeometry, path_index: int, after: int,
                      where: LonLat) -> BaseGeometry:
    """``geometry`` with a new vertex at ``where`` after vertex number ``after``."""
    paths = paths_of(geometry)
    coords = list(paths[path_index].coords)
    coords.insert(after + 1, where)
    paths[path_index] = _replace(paths[path_index], coords)
    return rebuilt(geometry, paths)


def with_vertex_removed(geometry: BaseGeometry, path_index: int,
                        vertex: int) -> BaseGeometry | None:
    """``geometry`` without one vertex, or None when too few would be left."""
    paths = paths_of(geometry)
    path = paths[path_index]
    if len(path.coords) - 1 < fewest_vertices(path) or not (isinstance(geometry, LineString)
                                                            or path.closed):
        return None
    coords = list(path.coords)
    del coords[vertex]
    paths[path_index] = _replace(path, coords)
    return rebuilt(geometry, paths)


def shifted(geometry: BaseGeometry, dlon: float, dlat: float) -> BaseGeometry:
    """``geometry`` moved by ``dlon`` degrees east and ``dlat`` degrees north."""
    return shapely.transform(geometry, lambda xy: xy + [dlon, dlat])


def _replace(path: ShapePath, coords: list[LonLat]) -> ShapePath:
    return ShapePath(path.part, path.ring, tuple(coords), path.closed)
