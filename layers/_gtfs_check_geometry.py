"""The GTFS rules on geometry: shapes, stops near their shape, plausible speeds.

``stop_too_far_from_shape`` follows the validator's threshold (100 m) but not its
matching: the validator matches the stops to the shape in order; here each stop
is measured to the nearest point of the whole shape (in the UTM zone of the
feed, where a metre is a metre to within 0.1 %), so a stop near the shape but
out of order is not reported. Speeds use great-circle distances between stops,
as the validator does, with its limits per route type and its rule that a time
to the minute may be 30 s off either way (one minute added when both times are
whole minutes).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyproj
import shapely

from layers._gtfs_check_rules import previous_known
from layers._gtfs_check_tables import FeedTables, isin, say
from layers.i18n import N_, tr

#: Fastest plausible vehicle per route type, km/h (the validator's table; others: 200).
MAX_SPEED_KMH: dict[int, float] = {0: 100, 1: 150, 2: 500, 3: 150, 4: 80, 5: 30, 6: 50, 7: 50,
                                   11: 150, 12: 150}
#: A stop farther than this from its trip's shape is reported, metres.
STOP_SHAPE_DISTANCE_M = 100.0
#: Stops farther apart than this along a trip are checked for speed as a pair, km.
FAR_STOPS_KM = 10.0
_EARTH_KM = 6371.01  # the mean Earth radius of the S2 library the validator uses


def shape_distances(feed: FeedTables) -> None:
    """``decreasing_shape_distance``: ``shape_dist_traveled`` going back along a shape."""
    if not feed.has("shapes", "shape_id", "shape_pt_sequence", "shape_dist_traveled"):
        return
    sequence = feed.number("shapes", "shape_pt_sequence", integer=True)[0]
    table = feed.tables["shapes"].assign(
        _distance=feed.number("shapes", "shape_dist_traveled")[0],
    ).iloc[feed.order("shapes", "shape_id", sequence)]
    before = previous_known(table["_distance"], table["shape_id"]).to_numpy()
    feed.flag("decreasing_shape_distance", "shapes", table["_distance"].to_numpy() < before,
              "shape_dist_traveled", lambda rows: say(
                  N_("{row} has shape_dist_traveled {value}, less than the point before it."),
                  row=feed.names("shapes", rows), value=rows["shape_dist_traveled"]),
              table=table)


def trip_distances(feed: FeedTables) -> None:
    """``trip_distance_exceeds_shape_distance``: a trip's last stop is farther along
    (``shape_dist_traveled``) than its shape goes, and lies more than 11.1 m from the
    shape's end (an error); nearer, a warning (``..._below_threshold``)."""
    if not (feed.has("stop_times", "trip_id", "stop_id", "stop_sequence", "shape_dist_traveled")
            and feed.has("shapes", "shape_id", "shape_pt_lat", "shape_pt_lon",
                         "shape_dist_traveled") and feed.has("trips", "trip_id", "shape_id")):
        return
    shapes = pd.DataFrame({"shape_id": feed.tables["shapes"]["shape_id"],
                           "shape_max": feed.number("shapes", "shape_dist_traveled")[0],
                           "end_lat": feed.number("shapes", "shape_pt_lat")[0],
                           "end_lon": feed.number("shapes", "shape_pt_lon")[0]})
    shapes = shapes.dropna()
    shapes = shapes.loc[shapes.groupby("shape_id", sort=False)["shape_max"].idxmax()]
    sequence = feed.number("stop_times", "stop_sequence", integer=True)[0]
    times = feed.tables["stop_times"].assign(
        _code=feed.codes("stop_times", "trip_id"),
        trip_max=feed.number("stop_times", "shape_dist_traveled")[0],
    ).iloc[feed.order("stop_times", "trip_id", sequence)]
    last = times[~times["_code"].duplicated(keep="last")][["trip_id", "stop_id", "trip_max",
                                                            "_row"]]
    trips = feed.tables["trips"][["trip_id", "shape_id"]]
    last = last.merge(trips[~trips["trip_id"].duplicated()], on="trip_id").merge(
        shapes, on="shape_id").merge(stop_positions(feed), on="stop_id")
    over = (last["trip_max"] > last["shape_max"]) & (last["shape_max"] > 0)
    metres = 1000 * _great_circle_km(last["lat"].to_numpy(float), last["lon"].to_numpy(float),
                                     last["end_lat"].to_numpy(float),
                                     last["end_lon"].to_numpy(float))
    last = last.assign(_metres=np.round(metres, 1).astype(str))
    for code, mask in (("trip_distance_exceeds_shape_distance", over & (metres > 11.1)),
                       ("trip_distance_exceeds_shape_distance_below_threshold",
                        over & (metres <= 11.1))):
        feed.flag(code, "stop_times", mask, "shape_dist_traveled",
                  lambda rows: say(
                      N_("Trip {trip} ends at shape_dist_traveled {value}, beyond the end of "
                         "its shape {shape}, and its last stop {stop} is {metres} m from that "
                         "end."), trip=rows["trip_id"], value=rows["shape_dist_traveled"],
                      shape=rows["shape_id"], stop=rows["stop_id"], metres=rows["_metres"]),
                  table=last.assign(
                      shape_dist_traveled=last["trip_max"].map("{:g}".format).astype(str)))


def stop_positions(feed: FeedTables) -> pd.DataFrame:
    """``stop_id``, ``lat``, ``lon`` of every stop with a valid position (first row of an id)."""
    if not feed.has("stops", "stop_id", "stop_lat", "stop_lon"):
        return pd.DataFrame({"stop_id": pd.Series([], dtype=str), "lat": [], "lon": []})
    positions = pd.DataFrame({"stop_id": feed.tables["stops"]["stop_id"],
                              "lat": feed.number("stops", "stop_lat")[0],
                              "lon": feed.number("stops", "stop_lon")[0]})
    valid = positions["lat"].between(-90, 90) & positions["lon"].between(-180, 180)
    return positions[valid].drop_duplicates("stop_id")


def utm_zone(lon: float, lat: float) -> pyproj.CRS:
    """The WGS 84 UTM zone of a point."""
    zone = int((lon + 180) // 6) % 60 + 1
    return pyproj.CRS.from_epsg((32600 if lat >= 0 else 32700) + zone)


def stops_near_shapes(feed: FeedTables) -> None:
    """``stop_too_far_from_shape``: a stop over 100 m from the shape of a trip serving it,
    once per stop and shape."""
    if not (feed.has("trips", "trip_id", "shape_id") and feed.has("stop_times", "trip_id",
                                                                   "stop_id")
            and feed.has("shapes", "shape_id", "shape_pt_lat", "shape_pt_lon",
                         "shape_pt_sequence")):
        return
    points = pd.DataFrame({"shape_id": feed.tables["shapes"]["shape_id"],
                           "code": feed.codes("shapes", "shape_id"),
                           "lat": feed.number("shapes", "shape_pt_lat")[0],
                           "lon": feed.number("shapes", "shape_pt_lon")[0],
                           "sequence": feed.number("shapes", "shape_pt_sequence",
                                                   integer=True)[0]})
    points = points[points["lat"].between(-90, 90) & points["lon"].between(-180, 180)
                    & points["sequence"].notna()]
    points = points[np.bincount(points["code"], minlength=1)[points["code"]] >= 2]
    trips = feed.tables["trips"][["trip_id", "shape_id"]]
    trips = trips[(trips["shape_id"] != "") & ~trips["trip_id"].duplicated()]
    pairs = feed.tables["stop_times"][["trip_id", "stop_id", "_row"]].merge(trips, on="trip_id")
    pairs = pairs[~pairs.duplicated(["shape_id", "stop_id"])].merge(stop_positions(feed),
                                                                   on="stop_id")
    pairs = pairs[isin(pairs["shape_id"], points["shape_id"])]
    if pairs.empty:
        return
    points = points[isin(points["shape_id"], pairs["shape_id"])]
    points = points.iloc[np.lexsort((points["sequence"].to_numpy(), points["code"].to_numpy()))]
    codes, shape_ids = pd.factorize(points["shape_id"])  # now increasing, as linestrings needs
    to_metric = pyproj.Transformer.from_crs(
        "EPSG:4326", utm_zone(points["lon"].median(), points["lat"].median()), always_xy=True)
    x, y = to_metric.transform(np.r_[points["lon"].to_numpy(), pairs["lon"].to_numpy()],
                               np.r_[points["lat"].to_numpy(), pairs["lat"].to_numpy()])
    lines = shapely.linestrings(x[:len(points)], y[:len(points)], indices=codes)
    metres = shapely.distance(shapely.points(x[len(points):], y[len(points):]),
                              lines[shape_ids.get_indexer(pairs["shape_id"])])
    pairs = pairs.assign(_metres=np.round(metres).astype(int).astype(str))
    feed.flag("stop_too_far_from_shape", "stop_times", metres > STOP_SHAPE_DISTANCE_M,
              "stop_id", lambda rows: say(
                  N_("Stop {stop} of trip {trip} is {metres} m from the trip's shape {shape}, "
                     "more than {limit:g} m."), stop=rows["stop_id"], trip=rows["trip_id"],
                  metres=rows["_metres"], shape=rows["shape_id"], limit=STOP_SHAPE_DISTANCE_M),
              table=pairs)


def _great_circle_km(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray,
                     lon2: np.ndarray) -> np.ndarray:
    lat1, lon1, lat2, lon2 = (np.radians(a) for a in (lat1, lon1, lat2, lon2))
    a = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)
    return np.asarray(2 * _EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1))))


def _travel_seconds(arrival: np.ndarray, departure: np.ndarray) -> np.ndarray:
    """Time from a departure to an arrival as the validator counts it: one minute when not
    positive, one minute more when both are whole minutes."""
    with np.errstate(invalid="ignore"):
        span = arrival - departure
        whole = (arrival % 60 == 0) & (departure % 60 == 0)
        return np.asarray(np.where(span <= 0, 60.0, np.where(whole, span + 60, span)))


def _text(numbers: np.ndarray, pattern: str, index: pd.Index) -> pd.Series:
    return pd.Series([pattern.format(n) for n in numbers], index=index, dtype=str)


def speeds(feed: FeedTables) -> None:
    """Vehicles faster than their route type allows, between consecutive timed stops
    (``fast_travel_between_consecutive_stops``) and between stops over 10 km apart
    (``fast_travel_between_far_stops``, once per trip)."""
    if not (feed.has("stop_times", "trip_id", "stop_id", "stop_sequence", "arrival_time",
                     "departure_time") and feed.has("trips", "trip_id", "route_id")
            and feed.has("routes", "route_id", "route_type")):
        return
    route_ids = feed.tables["routes"]["route_id"]
    kinds = feed.number("routes", "route_type", integer=True)[0]
    limits = pd.Series([MAX_SPEED_KMH.get(int(k), 200.0) if k == k else 200.0 for k in kinds],
                       index=route_ids.to_numpy())
    limits = limits[~limits.index.duplicated()]
    trips = feed.tables["trips"]
    trips = trips[~trips["trip_id"].duplicated()]
    trip_limit = pd.Series(trips["route_id"].map(limits).to_numpy(),
                           index=trips["trip_id"].to_numpy())
    times = feed.tables["stop_times"][["trip_id", "stop_id", "arrival_time", "departure_time",
                                       "_row"]].assign(
        _code=feed.codes("stop_times", "trip_id"),
        _sequence=feed.number("stop_times", "stop_sequence", integer=True)[0],
        _arrival=feed.seconds("stop_times", "arrival_time")[0],
        _departure=feed.seconds("stop_times", "departure_time")[0])
    times["_limit"] = times["trip_id"].map(trip_limit).to_numpy(dtype=float)
    times = times.merge(stop_positions(feed), on="stop_id", how="inner")
    times = times[times["_limit"].notna()]
    times = times.iloc[np.lexsort((times["_sequence"].to_numpy(), times["_code"].to_numpy()))]
    if times.empty:
        return
    timed = times[times["_arrival"].notna() & times["_departure"].notna()]
    before = timed.shift()
    km = _great_circle_km(before["lat"].to_numpy(float), before["lon"].to_numpy(float),
                          timed["lat"].to_numpy(float), timed["lon"].to_numpy(float))
    kmh = km * 3600 / _travel_seconds(timed["_arrival"].to_numpy(float),
                                      before["_departure"].to_numpy(float))
    timed = timed.assign(_from=before["stop_id"], _left=before["departure_time"],
                         _km=_text(km, "{:.1f}", timed.index),
                         _kmh=_text(kmh, "{:.0f}", timed.index))
    fast = (timed["trip_id"] == before["trip_id"]).to_numpy() & (
        kmh > timed["_limit"].to_numpy(float))
    feed.flag("fast_travel_between_consecutive_stops", "stop_times", fast, "arrival_time",
              lambda rows: say(
                  N_("Trip {trip} goes from stop {start} (leaving {left}) to stop {stop} "
                     "(arriving {arrival}), {km} km, at {speed} km/h: faster than such a "
                     "vehicle goes ({limit} km/h)."), trip=rows["trip_id"], start=rows["_from"],
                  left=rows["_left"], stop=rows["stop_id"], arrival=rows["arrival_time"],
                  km=rows["_km"], speed=rows["_kmh"],
                  limit=_text(rows["_limit"].to_numpy(), "{:.0f}", rows.index)),
              table=timed)
    _far_stops(feed, times)


def _far_stops(feed: FeedTables, times: pd.DataFrame) -> None:
    trip_ids = times["_code"].to_numpy()
    lat, lon = times["lat"].to_numpy(float), times["lon"].to_numpy(float)
    step = np.r_[0.0, _great_circle_km(lat[:-1], lon[:-1], lat[1:], lon[1:])]
    starts = np.flatnonzero(np.r_[True, trip_ids[1:] != trip_ids[:-1]])
    step[starts] = 0.0
    along = np.cumsum(step)
    bounds = np.r_[starts, len(times)]
    arrival = times["_arrival"].to_numpy(float)
    departure = times["_departure"].to_numpy(float)
    limits = times["_limit"].to_numpy(float)
    rows: list[int] = []
    messages: list[str] = []
    for begin, end in zip(bounds[:-1], bounds[1:], strict=True):
        d = along[begin:end] - along[begin]
        if d[-1] <= FAR_STOPS_KM:
            continue
        apart = d[None, :] - d[:, None]  # [from, to]
        with np.errstate(invalid="ignore", divide="ignore"):
            kmh = apart * 3600 / _travel_seconds(arrival[begin:end][None, :],
                                                 departure[begin:end][:, None])
            mask = np.triu(apart > FAR_STOPS_KM, 1) & (kmh > limits[begin])
        if not mask.any():
            continue
        # as the validator: the first stop reached too fast, from the nearest far stop
        to = int(np.flatnonzero(mask.any(axis=0))[0])
        start = int(np.flatnonzero(mask[:, to])[-1])
        a, b = times.iloc[begin + start], times.iloc[begin + to]
        rows.append(int(b["_row"]))
        messages.append(tr("Trip {trip} goes from stop {start} (leaving {left}) to stop "
                           "{stop} (arriving {arrival}), {km:.1f} km along its stops, at "
                           "{speed:.0f} km/h: faster than such a vehicle goes "
                           "({limit:.0f} km/h).", trip=b["trip_id"], start=a["stop_id"],
                           left=a["departure_time"], stop=b["stop_id"],
                           arrival=b["arrival_time"], km=apart[start, to],
                           speed=kmh[start, to], limit=limits[begin]))
    feed.add("fast_travel_between_far_stops", "stop_times", rows, "arrival_time", messages)
