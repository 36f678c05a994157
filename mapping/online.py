"""Make a project from OpenStreetMap data downloaded for a place name or an area.

This is the optional online path; everything else in Quartier works offline. A place
name is turned into its bounding box by Nominatim (``osmnx.geocode_to_gdf``); the raw
OpenStreetMap data of the box, with ids, versions and the nodes of every way, comes
from the Overpass API through osmnx's Overpass request; the answer is saved beside the
project as ``<project>.source.osm`` and the project is built from that file by
:func:`mapping.build.project_from_extract`: one pipeline for files and downloads.

osmnx's settings are module globals, so they are set for the download and put back
afterwards. Some are set against osmnx's defaults, because for a desktop application
the defaults misbehave: osmnx answers HTTP 429 and 504 by sleeping 55 seconds and
trying again, for ever; when the Overpass status page cannot be reached it sleeps 60
seconds before even trying the query; it keeps a response cache in ``./cache`` of
whatever the current folder is; when a host name does not resolve it asks Google's
DNS-over-HTTPS server; and it re-points ``socket.getaddrinfo`` for the server's host
for the rest of the process.
"""

from __future__ import annotations

import math
import os
import re
import socket
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from xml.sax.saxutils import escape, quoteattr

import osmnx
import requests
from osmnx import _overpass, settings
from osmnx._errors import InsufficientResponseError, ResponseStatusCodeError

from layers.errors import DownloadError, EmptyExtractError, ProjectError, ProjectExistsError
from layers.i18n import N_, tr
from layers.osm_definitions import INTERESTING_KEYS
from mapping.build import parse_bbox, project_from_extract
from mapping.project import Project

Progress = Callable[[str], None]
BBox = tuple[float, float, float, float]

#: Environment variables that point Quartier at other servers (a local Overpass, a mirror).
OVERPASS_URL_ENV = "QUARTIER_OVERPASS_URL"
NOMINATIM_URL_ENV = "QUARTIER_NOMINATIM_URL"
#: Largest area downloaded at once: a neighbourhood or a small town, not a city.
MAX_AREA_KM2 = 25.0
#: Seconds the server may take to answer (also the Overpass query's own time limit).
DEFAULT_TIMEOUT = 180
#: How Quartier introduces itself to the servers, as their usage policies ask.
USER_AGENT = f"Quartier/0.1 (participatory mapping; osmnx {osmnx.__version__})"

_OVERPASS = N_("OpenStreetMap download server")
_NOMINATIM = N_("OpenStreetMap place-name server")
_SETTINGS_LOCK = threading.Lock()


def source_path_for(project_path: str | os.PathLike[str]) -> Path:
    """Where the downloaded data of a project is kept: ``<stem>.source.osm`` beside it."""
    target = Path(project_path)
    return target.with_name(f"{target.stem}.source.osm")


def project_from_download(
    project_path: str | os.PathLike[str],
    place: str | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    name: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
    overpass_url: str | None = None,
    nominatim_url: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Project:
    """Download the OpenStreetMap data of a place or an area and make a project of it.

    The raw data (buildings, roads, amenities and services, water, land use, places, with
    their ids and versions) is kept beside the project as ``<stem>.source.osm``, so the
    project can be rebuilt offline. A failed download leaves neither a project nor a
    source file behind.

    Parameters
    ----------
    project_path
        The ``.gpkg`` to create.
    place
        A place name for Nominatim ("Kibera, Nairobi"); the download covers its bounding
        box. Give either ``place`` or ``bbox``.
    bbox
        The area to download (west, south, east, north) in degrees.
    name
        Project name (default: the place name, or the project file's name).
    force
        Replace an existing project file.
    progress
        Optional callback receiving short status sentences.
    overpass_url, nominatim_url
        Base addresses of the servers (``https://overpass-api.de/api``); default from
        ``QUARTIER_OVERPASS_URL`` / ``QUARTIER_NOMINATIM_URL``, else osmnx's.
    timeout
        Seconds each server may take to answer.

    Raises
    ------
    DownloadError
        No network, a server that is busy, slow, or answers nonsense, an unknown place,
        or an area larger than ``MAX_AREA_KM2``.
    EmptyExtractError
        OpenStreetMap has no map features in the area.
    """
    target = Path(project_path)
    _check_target(target, force)
    place = place.strip() if place and place.strip() else None
    say = progress or (lambda _message: None)
    overpass = _server_url(overpass_url, OVERPASS_URL_ENV, settings.overpass_url)
    nominatim = _server_url(nominatim_url, NOMINATIM_URL_ENV, settings.nominatim_url)
    with _osmnx_settings(overpass, nominatim, timeout):
        if place is not None and bbox is None:
            area = _geocode(place, nominatim, target, say)
        elif bbox is not None and place is None:
            area = parse_bbox(bbox)
        else:
            raise DownloadError(tr(
                "Say what to download: either a place name (--place) or an area "
                "(--download-bbox west,south,east,north), not both."))
        _check_area_size(area, place)
        answer = _download(area, overpass, target, say)

    source = source_path_for(target)
    # Staged under its final name, so the project records the right source file.
    with tempfile.TemporaryDirectory(prefix=f".{target.stem}.download-",
                                     dir=target.parent) as folder:
        staged = Path(folder) / source.name
        _write_osm_xml(answer, area, staged)
        del answer
        project = project_from_extract(target, staged, bbox=area, name=name or place,
                                       force=force, progress=progress)
        os.replace(staged, source)
    say(tr("Kept the downloaded data as {name}", name=source.name))
    return project


def _check_target(target: Path, force: bool) -> None:
    """Refuse a bad project path before downloading anything."""
    if target.exists() and not force:
        raise ProjectExistsError(tr(
            "{path} already exists. Choose another file name, or add --force to replace it.",
            path=target))
    if not target.parent.is_dir():
        raise ProjectError(tr("The folder {folder} does not exist. Create it first.",
                              folder=target.parent))
    if target.suffix.lower() != ".gpkg":
        raise ProjectError(tr("A Quartier project is a GeoPackage: name it {name}.gpkg.",
                              name=target.stem))


def _server_url(given: str | None, variable: str, default: str) -> str:
    url = (given or os.environ.get(variable) or default).strip().rstrip("/")
    url = re.sub(r"/interpreter$", "", url)  # osmnx wants the base address
    if urlparse(url).scheme not in ("http", "https") or not urlparse(url).netloc:
        raise DownloadError(tr(
            "“{url}” is not a web address: it should look like https://overpass-api.de/api "
            "(check {variable}).", url=url, variable=variable))
    return url


class _HttpStatusError(Exception):
    """A server answered with an HTTP error status."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(f"{status} {reason}")
        self.status = status
        self.reason = reason


def _refuse_error_status(response: requests.Response, *_args: Any,
                         **_kwargs: Any) -> requests.Response:
    """A requests hook: stop at an error status, before osmnx sleeps and retries."""
    if response.status_code >= 400:
        response.close()
        raise _HttpStatusError(response.status_code, response.reason or "")
    return response


@contextmanager
def _osmnx_settings(overpass_url: str, nominatim_url: str, timeout: float) -> Iterator[None]:
    """Set osmnx for one download (see the module docstring), then put everything back."""
    names = ("overpass_url", "nominatim_url", "use_cache", "cache_only_mode", "requests_timeout",
             "overpass_rate_limit", "overpass_settings", "overpass_memory", "doh_url_template",
             "http_user_agent", "requests_kwargs")
    with _SETTINGS_LOCK:
        saved = {name: getattr(settings, name) for name in names}
        getaddrinfo = socket.getaddrinfo
        try:
            settings.overpass_url = overpass_url
            settings.nominatim_url = nominatim_url
            settings.use_cache = False
            settings.cache_only_mode = False
            settings.requests_timeout = timeout
            settings.overpass_rate_limit = False  # the server's 429 says the same, at once
            settings.overpass_settings = "[out:json][timeout:{timeout}]{maxsize}"
            settings.overpass_memory = None
            settings.doh_url_template = None
            settings.http_user_agent = USER_AGENT
            kwargs = dict(saved["requests_kwargs"])
            hooks = dict(kwargs.get("hooks") or {})
            earlier = hooks.get("response") or []
            earlier = list(earlier) if isinstance(earlier, list | tuple) else [earlier]
            hooks["response"] = [*earlier, _refuse_error_status]
            settings.requests_kwargs = {**kwargs, "hooks": hooks}
            yield
        finally:
            for name, value in saved.items():
                setattr(settings, name, value)
            socket.getaddrinfo = getaddrinfo


def _offline_hint(target: Path) -> str:
    return tr("Use an extract file instead: quartier new {name} --osm FILE", name=target.name)


def _explain(error: Exception, server: str, url: str, target: Path) -> DownloadError:
    """Say in plain words why talking to ``server`` failed."""
    words = {"server": tr(server), "url": url, "hint": _offline_hint(target)}
    if isinstance(error, _HttpStatusError):
        status = f"{error.status} {error.reason}".strip()
        if error.status in (429, 502, 503, 504):
            text = tr("The {server} at {url} is busy (it answered {status}). Wait a few "
                      "minutes and try again. {hint}.", status=status, **words)
        elif error.status == 404:
            text = tr("There is no {server} at {url} (it answered {status}): check the "
                      "address. {hint}.", status=status, **words)
        else:
            text = tr("The {server} at {url} refused the request (it answered {status}). "
                      "Try again later. {hint}.", status=status, **words)
    elif isinstance(error, requests.Timeout):
        text = tr("The {server} at {url} did not answer within {seconds} seconds: it is busy "
                  "or the area is too large. Try again later or choose a smaller area. {hint}.",
                  seconds=f"{settings.requests_timeout:g}", **words)
    elif isinstance(error, requests.exceptions.SSLError):
        text = tr("No secure connection could be made to the {server} at {url}: check the "
                  "computer's date and time and the network's proxy. {hint}.", **words)
    elif isinstance(error, requests.ConnectionError):
        text = tr("Cannot reach the {server} at {url}: you are probably offline. {hint}.",
                  **words)
    elif isinstance(error, requests.RequestException):
        text = tr("The address of the {server}, {url}, cannot be used ({reason}). {hint}.",
                  reason=error, **words)
    else:
        kind = "Overpass" if server == _OVERPASS else "Nominatim"
        text = tr("The {server} at {url} sent an answer that is not valid {kind} data: the "
                  "server may be overloaded, or the address may not be such a server. Try "
                  "again later. {hint}.", kind=kind, **words)
    return DownloadError(text)


_FAILURES = (_HttpStatusError, requests.RequestException, InsufficientResponseError,
             ResponseStatusCodeError, KeyError, TypeError, ValueError)


def _geocode(place: str, url: str, target: Path, say: Progress) -> BBox:
    """The bounding box of the best match for a place name."""
    say(tr("Looking up “{place}” with Nominatim ({host})", place=place,
           host=urlparse(url).netloc))
    try:
        try:
            found = osmnx.geocode_to_gdf(place)
        except TypeError:
            # No answer has an outline (only points or lines): take the best match's box.
            found = osmnx.geocode_to_gdf(place, which_result=1)
    except InsufficientResponseError as error:
        if "0 results" in str(error):
            raise DownloadError(tr(
                "No place called “{place}” was found in OpenStreetMap. Check the spelling, "
                "add the town and country (for example \"Kibera, Nairobi, Kenya\"), or give "
                "the area as --download-bbox west,south,east,north.", place=place)) from error
        raise _explain(error, _NOMINATIM, url, target) from error
    except _FAILURES as error:
        raise _explain(error, _NOMINATIM, url, target) from error
    best = found.iloc[0]
    area = (float(best["bbox_west"]), float(best["bbox_south"]),
            float(best["bbox_east"]), float(best["bbox_north"]))
    west, south, east, north = area
    if not (west < east and south < north):
        raise DownloadError(tr(
            "OpenStreetMap knows “{place}” only as a point, not as an area. Give the area "
            "as --download-bbox west,south,east,north.", place=place))
    say(tr("Found {place}: {area}", place=best.get("display_name") or place, area=_fmt(area)))
    return area


def area_km2(bbox: tuple[float, float, float, float]) -> float:
    """Approximate ground area of a (west, south, east, north) box in km²."""
    west, south, east, north = bbox
    middle = math.radians((south + north) / 2)
    return (east - west) * 111.32 * math.cos(middle) * (north - south) * 110.57


def _check_area_size(area: BBox, place: str | None) -> None:
    size = area_km2(area)
    if size > MAX_AREA_KM2:
        words = {"size": f"{size:,.0f}", "most": f"{MAX_AREA_KM2:g}"}
        if place:
            raise DownloadError(tr(
                "{place} covers about {size} km², more than the {most} km² Quartier "
                "downloads at once. Choose a neighbourhood (a smaller place or area), or "
                "download an extract of the region (Geofabrik, HOT Export Tool) and use --osm "
                "FILE --bbox.", place=place, **words))
        raise DownloadError(tr(
            "The area {area} covers about {size} km², more than the {most} km² Quartier "
            "downloads at once. Choose a neighbourhood (a smaller place or area), or download "
            "an extract of the region (Geofabrik, HOT Export Tool) and use --osm FILE --bbox.",
            area=_fmt(area), **words))


def _overpass_query(area: BBox) -> str:
    """Every feature Quartier's base layers use in the box, the nodes of its ways, with meta."""
    west, south, east, north = area
    box = f"{south:.7f},{west:.7f},{north:.7f},{east:.7f}"
    clauses = "".join(f'  nwr["{key}"]({box});\n' for key in INTERESTING_KEYS)
    return f"{_overpass._make_overpass_settings()};\n(\n{clauses});\n(._;>;);\nout meta;"


def _download(area: BBox, url: str, target: Path, say: Progress) -> dict[str, Any]:
    """The Overpass answer for the area, checked; raises DownloadError in plain words."""
    say(tr("Downloading OpenStreetMap data for {area} from {host} (this can take a minute)",
           area=_fmt(area), host=urlparse(url).netloc))
    try:
        answer = _overpass._overpass_request(OrderedDict(data=_overpass_query(area)))
    except _FAILURES as error:
        raise _explain(error, _OVERPASS, url, target) from error
    elements = answer.get("elements") if isinstance(answer, dict) else None
    if not isinstance(elements, list):
        raise _explain(InsufficientResponseError("no elements"), _OVERPASS, url, target)
    remark = str(answer.get("remark") or "")
    if "error" in remark.lower():
        raise DownloadError(tr(
            "The {server} at {url} gave up ({reason}): the area has too much data or the "
            "server is busy. Choose a smaller area or try again later. {hint}.",
            server=tr(_OVERPASS), url=url, reason=remark.strip(), hint=_offline_hint(target)))
    if not elements:
        raise EmptyExtractError(tr(
            "OpenStreetMap has no buildings, roads or other map features in {area}. "
            "Check the order west,south,east,north, or map the area first.", area=_fmt(area)))
    counts = {kind: sum(1 for e in elements if isinstance(e, dict) and e.get("type") == kind)
              for kind in ("node", "way", "relation")}
    say(tr("Downloaded from OpenStreetMap: nodes {nodes}, ways {ways}, relations {relations}",
           nodes=f"{counts['node']:,}", ways=f"{counts['way']:,}",
           relations=f"{counts['relation']:,}"))
    return answer


_ORDER = {"node": 0, "way": 1, "relation": 2}
_META = ("version", "timestamp", "changeset", "uid", "user")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _attr(value: object) -> str:
    return quoteattr(_NOT_XML.sub("", str(value)))


def _element_xml(element: Mapping[str, Any]) -> str:
    kind = element["type"]
    if kind not in _ORDER:
        raise ValueError(f"unknown element type {kind!r}")
    head = [f'id="{int(element["id"])}"']
    head += [f"{key}={_attr(element[key])}" for key in _META if key in element]
    if kind == "node":
        head.append(f'lat="{float(element["lat"]):.7f}" lon="{float(element["lon"]):.7f}"')
    body = []
    if kind == "way":
        body += [f'    <nd ref="{int(ref)}"/>' for ref in element["nodes"]]
    elif kind == "relation":
        for member in element["members"]:
            if member["type"] not in _ORDER:
                raise ValueError(f"unknown member type {member['type']!r}")
            body.append(f'    <member type="{member["type"]}" ref="{int(member["ref"])}" '
                        f'role={_attr(member.get("role", ""))}/>')
    tags = element.get("tags") or {}
    body += [f"    <tag k={_attr(key)} v={_attr(value)}/>" for key, value in tags.items()]
    if not body:
        return f"  <{kind} {' '.join(head)}/>\n"
    return f"  <{kind} {' '.join(head)}>\n" + "\n".join(body) + f"\n  </{kind}>\n"


def _write_osm_xml(answer: Mapping[str, Any], area: BBox, path: Path) -> None:
    """Write an Overpass JSON answer as an OSM XML file, as Overpass's ``[out:xml]`` would.

    ``path`` is in a temporary folder: a failure half-way leaves nothing behind.
    """
    osm3s = answer.get("osm3s")
    if not isinstance(osm3s, dict):
        osm3s = {}
    generator = f"{answer.get('generator') or 'Overpass API'} via Quartier"
    west, south, east, north = area
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("<?xml version='1.0' encoding='UTF-8'?>\n")
        out.write(f'<osm version="0.6" generator={_attr(generator)}>\n')
        out.write(f"  <note>{escape(str(osm3s.get('copyright', '')))}</note>\n")
        if osm3s.get("timestamp_osm_base"):
            out.write(f"  <meta osm_base={_attr(osm3s['timestamp_osm_base'])}/>\n")
        out.write(f'  <bounds minlat="{south:.7f}" minlon="{west:.7f}" '
                  f'maxlat="{north:.7f}" maxlon="{east:.7f}"/>\n')
        try:
            # Sorted by type and id, as osmium needs to assemble areas in one pass.
            for element in sorted(answer["elements"],
                                  key=lambda e: (_ORDER[e["type"]], int(e["id"]))):
                out.write(_element_xml(element))
        except (KeyError, TypeError, ValueError) as error:
            raise DownloadError(tr(
                "The {server} sent an answer that is not valid Overpass data ({reason}). "
                "Try again later, or use an extract file: --osm FILE.", server=tr(_OVERPASS),
                reason=repr(error))) from error
        out.write("</osm>\n")


def _fmt(area: BBox) -> str:
    return ",".join(f"{v:.5f}" for v in area)
