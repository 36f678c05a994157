"""Which country a project is in, and the currency fares there are given in.

A form asks for the currency of a minibus fare; a facilitator in Nairobi should
find "KES" already there. The country is found offline from the project's area of
interest, in a small bundled file of country outlines
(``resources/presets/countries.geojson``: Natural Earth 1:110m, public domain,
simplified to about 2 km, each with its ISO 4217 currency). Nothing is fetched.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import shapely
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

#: The bundled country outlines.
COUNTRIES_FILE = Path(__file__).resolve().parents[1] / "resources" / "presets" / "countries.geojson"
#: A point outside every outline (a coastal city cut by the coarse coastline) takes the
#: nearest country within this distance, in degrees (about 50 km at the equator).
NEAREST_WITHIN_DEGREES = 0.5


@dataclass(frozen=True)
class Country:
    """One country of the bundled table."""

    #: Its English short name ("Kenya").
    name: str
    #: ISO 4217 code of its currency ("KES").
    currency: str
    #: Its simplified outline, longitude/latitude.
    outline: BaseGeometry


@cache
def _countries() -> tuple[tuple[Country, ...], shapely.STRtree]:
    document = json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))
    countries = tuple(
        Country(feature["properties"]["name"], feature["properties"]["currency"],
                shape(feature["geometry"]))
        for feature in document["features"])
    return countries, shapely.STRtree([country.outline for country in countries])


def country_at(lon: float, lat: float) -> Country | None:
    """The country at a longitude/latitude (the nearest one within ~50 km off a coast)."""
    countries, tree = _countries()
    point = Point(lon, lat)
    inside = tree.query(point, predicate="intersects")
    if len(inside):
        return countries[int(min(inside))]
    nearest = tree.query_nearest(point, max_distance=NEAREST_WITHIN_DEGREES)
    return countries[int(nearest[0])] if len(nearest) else None


def country_of_area(area: tuple[float, float, float, float]) -> Country | None:
    """The country of an area of interest (west, south, east, north), from its centre."""
    west, south, east, north = area
    return country_at((west + east) / 2, (south + north) / 2)


def currency_of_area(area: tuple[float, float, float, float] | None) -> str | None:
    """The currency code fares are given in within ``area`` ("KES" in Nairobi), if known."""
    if area is None:
        return None
    country = country_of_area(area)
    return country.currency if country is not None else None
