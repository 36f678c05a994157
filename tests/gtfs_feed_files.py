"""Small GTFS feeds written by hand for the GTFS import tests, and projects to import into.

The feed lies in Accra (around 5.60 N, 0.20 W). Its figures are chosen so that the
expected lines, waits and fares can be worked out by hand in the tests.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import geopandas as gpd
from shapely.geometry import MultiPolygon, box

from mapping.project import ProjectMetadata, create_project

#: Area the small feed lies in (west, south, east, north).
SMALL_AREA = (-0.215, 5.595, -0.185, 5.615)

#: Departures of the shared-taxi route R4 (no frequencies.txt rows for it).
R4_DEPARTURES = ("05:00:00", "05:30:00", "06:00:00", "06:10:00", "06:20:00", "06:30:00",
                 "07:00:00", "09:00:00", "09:40:00", "10:20:00", "16:00:00", "16:15:00",
                 "16:30:00", "20:00:00", "24:30:00")


def small_feed() -> dict[str, str]:
    """The tables of a small feed, as CSV text by file name.

    R1 (bus) runs both ways over the same four stops, at waits that change through the
    day and past midnight; R2 (bus) comes back by another way; R3 is a tram; R4 is a
    shared taxi whose waits are known only from its trips' departures.
    """
    stops = [("S1", "Circle", 5.600, -0.210), ("S2", "Kwame Nkrumah Interchange", 5.602, -0.205),
             ("S3", "Adabraka", 5.604, -0.200), ("S4", "Asylum Down", 5.606, -0.195),
             ("S5", "Nima", 5.610, -0.190)]
    trips = [("R1", "WK", "T1", "0", "SH1", "Asylum Down"),
             ("R1", "WK", "T2", "1", "SH1", "Circle"),
             ("R2", "WK", "T3", "0", "", "Nima"), ("R2", "WK", "T4", "1", "", "Kwame Nkrumah"),
             ("R3", "WK", "T5", "0", "", "Nima")]
    patterns = {"T1": ["S1", "S2", "S3", "S4"], "T2": ["S4", "S3", "S2", "S1"],
                "T3": ["S2", "S3", "S5"], "T4": ["S5", "S2"], "T5": ["S1", "S5"]}
    times = [f"{t},06:00:00,06:00:00,{s},{n}" for t, ids in patterns.items()
             for n, s in enumerate(ids, 1)]
    for number, departure in enumerate(R4_DEPARTURES, 1):
        trips.append(("R4", "ALL", f"T6_{number}", "0", "", "Nima"))
        hours, minutes, _ = (int(v) for v in departure.split(":"))
        arrival = f"{hours:02d}:{minutes + 12:02d}:00" if minutes < 45 else \
            f"{hours + 1:02d}:{minutes - 48:02d}:00"
        times += [f"T6_{number},{departure},{departure},S1,1",
                  f"T6_{number},{arrival},{arrival},S5,2"]
    shape = [(5.5995, -0.2102), (5.6010, -0.2070), (5.6021, -0.2049), (5.6040, -0.2001),
             (5.6052, -0.1980), (5.6061, -0.1948)]
    return {
        "agency.txt": "agency_id,agency_name,agency_url,agency_timezone\n"
                      "A1,Tro-tro Union,https://example.org,Africa/Accra\n",
        "stops.txt": "stop_id,stop_name,stop_lat,stop_lon\n" + "".join(
            f"{i},\"{n}\",{lat},{lon}\n" for i, n, lat, lon in stops),
        "routes.txt": "route_id,agency_id,route_short_name,route_long_name,route_type,"
                      "route_color\n"
                      "R1,A1,1,Circle – Asylum Down,3,ff0000\n"
                      "R2,A1,2,Kwame Nkrumah – Nima,3,\n"
                      "R3,A1,T,Tramway,0,\n"
                      "R4,A1,4,Circle – Nima,1501,00aa00\n",
        "trips.txt": "route_id,service_id,trip_id,direction_id,shape_id,trip_headsign\n" + "".join(
            ",".join(t) + "\n" for t in trips),
        "stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                          + "\n".join(times) + "\n",
        "frequencies.txt": "trip_id,start_time,end_time,headway_secs\n"
                           + "".join(f"{t},06:00:00,09:00:00,300\n{t},09:00:00,16:00:00,600\n"
                                     f"{t},16:00:00,20:00:00,300\n{t},20:00:00,25:30:00,900\n"
                                     for t in ("T1", "T2"))
                           + "T3,05:30:00,22:00:00,1200\nT4,05:30:00,22:00:00,1200\n"
                             "T5,06:00:00,20:00:00,600\n",
        "calendar.txt": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
                        "start_date,end_date\nWK,1,1,1,1,1,0,0,20260101,20301231\n"
                        "ALL,1,1,1,1,1,1,1,20260101,20301231\n",
        "shapes.txt": "shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence\n" + "".join(
            f"SH1,{lat},{lon},{n}\n" for n, (lat, lon) in enumerate(shape, 1)),
        "fare_attributes.txt": "fare_id,price,currency_type,payment_method,transfers\n"
                               "F1,2.50,GHS,0,0\nF2,4.00,GHS,0,0\n",
        "fare_rules.txt": "fare_id,route_id\nF1,R1\nF2,R1\nF1,R2\n",
    }


def write_zip(path: Path, tables: dict[str, str | bytes]) -> Path:
    """A feed ZIP holding the tables as given."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in tables.items():
            archive.writestr(name, text)
    return path


def write_folder(folder: Path, tables: dict[str, str | bytes]) -> Path:
    """A folder holding the tables as given."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        data = text.encode("utf-8") if isinstance(text, str) else text
        (folder / name).write_bytes(data)
    return folder


def area_project(path: Path, area: tuple[float, float, float, float], name: str) -> Path:
    """An empty project whose area of interest is ``area`` (one land-use box in it)."""
    frame = gpd.GeoDataFrame({"name": [name], "landuse": ["residential"]},
                             geometry=[MultiPolygon([box(*area)])],
                             crs="EPSG:4326")
    create_project(path, {"landuse": frame},
                   ProjectMetadata(name=name, area_of_interest=area)).close()
    return path
