"""The online path (``quartier new --place / --download-bbox``) against a local server.

Nothing here touches the network: a server on 127.0.0.1 replays an Overpass answer
rebuilt from the real Kibera OSM export and a Nominatim answer for "Kibera, Nairobi"
(see ``tests/data/overpass`` and ``tests/data/nominatim``), and a guard refuses and
records any connection or lookup for another address.
"""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import osmium
import osmnx
import pytest
import requests
import shapely

from desktop import cli
from layers.errors import DownloadError, EmptyExtractError, ProjectExistsError
from mapping.build import project_from_extract
from mapping.online import project_from_download, source_path_for
from mapping.project import Project
from tests.local_osm_server import (
    LocalOsmServer,
    RecordedRequest,
    Reply,
    free_port,
    loopback_only,
)

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
KIBERA_OSM = DATA / "osm" / "kibera.osm"
FIXTURES = Path(__file__).resolve().parent / "data"
OVERPASS_ANSWER = FIXTURES / "overpass" / "kibera_small.json"
NOMINATIM_ANSWER = FIXTURES / "nominatim" / "kibera_nairobi.json"
#: The box the recorded Overpass answer was made for (west, south, east, north).
SMALL_BBOX = (36.7815, -1.3120, 36.7860, -1.3085)
BASE_LAYERS = ("buildings", "roads", "pois", "water", "landuse", "places")
INTERPRETER = "/api/interpreter"


def _no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy in the environment would carry requests for 127.0.0.1 off this machine."""
    for variable in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                     "all_proxy", "QUARTIER_OVERPASS_URL", "QUARTIER_NOMINATIM_URL"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture(autouse=True)
def only_this_machine(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail any test that connects to, or looks up, anything but 127.0.0.1."""
    _no_proxies(monkeypatch)
    with loopback_only() as refused:
        yield
    assert refused == [], f"a test tried to leave this machine: {refused}"


@pytest.fixture(autouse=True)
def nominatim_pauses(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """osmnx waits 1 s before each Nominatim request, as the public server's policy asks;
    the local server has no such policy, so the wait is recorded instead of slept."""
    pauses: list[float] = []
    monkeypatch.setattr(osmnx._nominatim, "time", SimpleNamespace(sleep=pauses.append))
    return pauses


@pytest.fixture()
def server() -> Iterator[LocalOsmServer]:
    with LocalOsmServer() as running:
        yield running


@pytest.fixture(scope="module")
def offline_small(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """What ``quartier new --osm kibera.osm --bbox SMALL_BBOX`` makes, with no network."""
    path = tmp_path_factory.mktemp("offline") / "kibera_offline.gpkg"
    return project_from_extract(path, KIBERA_OSM, bbox=SMALL_BBOX)


@pytest.fixture(scope="module")
def expected_small(offline_small: Project) -> dict[str, int]:
    """Layer counts of the offline project."""
    return _counts(offline_small)


def _counts(project: Project) -> dict[str, int]:
    return {name: layer["count"] for name, layer in project.info()["layers"].items()}


def _query_bbox(query: str) -> tuple[float, float, float, float]:
    """The one (south,west,north,east) box every clause of an Overpass query uses."""
    boxes = set(re.findall(r"\((-?[\d.]+),(-?[\d.]+),(-?[\d.]+),(-?[\d.]+)\)", query))
    assert len(boxes) == 1, boxes
    south, west, north, east = (float(v) for v in boxes.pop())
    return west, south, east, north


def _download(server: LocalOsmServer, path: Path, **kwargs: object) -> Project:
    return project_from_download(path, overpass_url=server.url + "/api",
                                 nominatim_url=server.url, **kwargs)  # type: ignore[arg-type]


def _left_nothing(folder: Path) -> None:
    assert sorted(p.name for p in folder.iterdir()) == []


@dataclass
class Download:
    """One download of SMALL_BBOX from the local server, shared by the tests that read it."""

    project: Project
    requests: list[RecordedRequest]
    progress: list[str]
    folder: Path


@pytest.fixture(scope="module")
def small_download(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Download]:
    folder = tmp_path_factory.mktemp("online")
    said: list[str] = []
    with pytest.MonkeyPatch.context() as patch, loopback_only() as refused:
        _no_proxies(patch)
        with LocalOsmServer() as server:
            server.reply(INTERPRETER, Reply.from_file(OVERPASS_ANSWER))
            project = _download(server, folder / "kibera.gpkg", bbox=SMALL_BBOX,
                                progress=said.append)
        yield Download(project, server.requests, said, folder)
    assert refused == []


def test_download_of_a_box_gives_the_project_an_extract_gives(
    small_download: Download, expected_small: dict[str, int]
) -> None:
    project = small_download.project
    counts = _counts(project)
    assert (counts["buildings"], counts["roads"]) == (57, 37)
    for layer in BASE_LAYERS:
        assert counts[layer] == expected_small[layer], layer

    (request,) = small_download.requests
    assert (request.method, request.path) == ("POST", INTERPRETER)
    query = request.form["data"][0]
    assert _query_bbox(query) == SMALL_BBOX
    assert query.startswith("[out:json][timeout:180]")
    assert query.rstrip().endswith("(._;>;);\nout meta;")
    for key in ("building", "highway", "amenity", "shop", "healthcare", "emergency",
                "waterway", "landuse", "place"):
        assert f'nwr["{key}"]' in query
    assert request.headers["User-Agent"].startswith("Quartier/")

    files = sorted(p.name for p in small_download.folder.iterdir())
    assert files == ["kibera.gpkg", "kibera.source.osm"]
    assert project.metadata.source == "kibera.source.osm"
    assert project.metadata.area_of_interest == SMALL_BBOX
    assert ("Downloaded from OpenStreetMap: nodes 999, ways 103, relations 0"
            in small_download.progress)


def test_the_source_file_keeps_ids_versions_and_the_data_date(
    small_download: Download, offline_small: Project
) -> None:
    project = small_download.project
    source = source_path_for(project.path)

    recorded = json.loads(OVERPASS_ANSWER.read_text(encoding="utf-8"))["elements"]
    written = {}
    for obj in osmium.FileProcessor(str(source)):
        read: Any = obj  # pyosmium's objects live only during the loop
        written[(read.type_str(), read.id)] = (read.version, read.user, dict(read.tags))
    assert written == {(e["type"][0], e["id"]): (e["version"], e["user"], e.get("tags", {}))
                       for e in recorded}
    head = source.read_text(encoding="utf-8")[:600]
    assert '<meta osm_base="2012-08-27T08:06:48Z"/>' in head
    assert "made available under ODbL" in head

    # Versions come through to the project, as from the OSM API export itself.
    offline = offline_small.read_layer("buildings")
    buildings = project.read_layer("buildings")
    assert dict(zip(buildings["osm_id"], buildings["osm_version"], strict=True)) == dict(
        zip(offline["osm_id"], offline["osm_version"], strict=True))


def test_download_of_a_place_uses_its_bounding_box(
    server: LocalOsmServer, tmp_path: Path, expected_small: dict[str, int],
    nominatim_pauses: list[float]
) -> None:
    server.reply("/search", Reply.from_file(NOMINATIM_ANSWER))
    server.reply(INTERPRETER, Reply.from_file(OVERPASS_ANSWER))
    project = _download(server, tmp_path / "kibera.gpkg", place="Kibera, Nairobi")

    (lookup,) = server.requests_to("/search")
    assert lookup.method == "GET"
    assert lookup.query["q"] == ["Kibera, Nairobi"]
    assert lookup.query["format"] == ["json"] and lookup.query["polygon_geojson"] == ["1"]
    assert [r.path for r in server.requests] == ["/search", INTERPRETER]
    assert nominatim_pauses == [1]  # osmnx would still be polite to the public server

    south, north, west, east = (float(v) for v in
                                json.loads(NOMINATIM_ANSWER.read_text())[0]["boundingbox"])
    kibera = (west, south, east, north)
    assert _query_bbox(server.requests_to(INTERPRETER)[0].form["data"][0]) == pytest.approx(kibera)
    assert project.metadata.area_of_interest == pytest.approx(kibera)
    assert project.metadata.name == "Kibera, Nairobi"

    # The replayed answer holds the buildings and roads that touch the small box, whole;
    # Kibera's box holds the small box, so the project keeps each of them, as many as the
    # offline project clipped to the small box has.
    counts = _counts(project)
    assert shapely.box(*kibera).contains(shapely.box(*SMALL_BBOX))
    for layer in ("buildings", "roads"):
        assert counts[layer] == expected_small[layer], layer
    assert (counts["buildings"], counts["roads"]) == (57, 37)


def test_no_server_means_offline_in_plain_words(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/api"
    with pytest.raises(DownloadError) as caught:
        project_from_download(tmp_path / "kibera.gpkg", bbox=SMALL_BBOX, overpass_url=url)
    assert str(caught.value) == (
        f"Cannot reach the OpenStreetMap download server at {url}: you are probably offline. "
        "Use an extract file instead: quartier new kibera.gpkg --osm FILE."
    )
    _left_nothing(tmp_path)


def test_no_place_name_server_means_offline_too(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(DownloadError, match=r"Cannot reach the OpenStreetMap place-name server "
                       r"at http://127\.0\.0\.1:\d+: you are probably offline"):
        project_from_download(tmp_path / "kibera.gpkg", place="Kibera", nominatim_url=url)
    _left_nothing(tmp_path)


@pytest.mark.parametrize("status", [429, 502, 504])
def test_a_busy_server_is_reported_at_once(
    server: LocalOsmServer, tmp_path: Path, status: int
) -> None:
    server.reply(INTERPRETER, Reply(status, "rate_limited", "text/plain"))
    before = {name: getattr(osmnx.settings, name) for name in
              ("overpass_url", "use_cache", "requests_timeout", "requests_kwargs")}
    getaddrinfo = socket.getaddrinfo
    with pytest.raises(DownloadError, match=rf"is busy \(it answered {status} .*try again"):
        _download(server, tmp_path / "kibera.gpkg", bbox=SMALL_BBOX)
    assert len(server.requests) == 1  # osmnx alone would sleep 55 s and ask again, for ever
    _left_nothing(tmp_path)
    assert before == {name: getattr(osmnx.settings, name) for name in before}
    assert socket.getaddrinfo is getaddrinfo


@pytest.mark.parametrize("answer", [
    Reply(200, "<html><body>Overpass is down for maintenance</body></html>", "text/html"),
    Reply(200, OVERPASS_ANSWER.read_bytes()[:20_000]),  # cut off in transit
    Reply(200, '{"version": 0.6, "generator": "Overpass API"}'),
    Reply(200, '{"elements": [{"type": "node", "id": "n1", "lat": 0, "lon": 0}]}'),
    Reply(400, "Error: line 3: parse error: Unknown type \"nwr\"", "text/plain"),
], ids=["html", "truncated", "no-elements", "bad-element", "http-400"])
def test_an_answer_that_is_not_overpass_data_is_refused(
    server: LocalOsmServer, tmp_path: Path, answer: Reply
) -> None:
    server.reply(INTERPRETER, answer)
    with pytest.raises(DownloadError, match="not valid Overpass data|refused the request"):
        _download(server, tmp_path / "kibera.gpkg", bbox=SMALL_BBOX)
    _left_nothing(tmp_path)


def test_an_overpass_runtime_error_says_the_area_is_too_much(
    server: LocalOsmServer, tmp_path: Path
) -> None:
    remark = "runtime error: Query run out of memory using about 2048 MB of RAM."
    server.reply(INTERPRETER, Reply(200, json.dumps({"version": 0.6, "elements": [],
                                                     "remark": remark})))
    with pytest.raises(DownloadError, match="out of memory.*too much data"):
        _download(server, tmp_path / "kibera.gpkg", bbox=SMALL_BBOX)
    _left_nothing(tmp_path)


def test_an_empty_area_is_said_so(server: LocalOsmServer, tmp_path: Path) -> None:
    server.reply(INTERPRETER, Reply(200, '{"version": 0.6, "elements": []}'))
    with pytest.raises(EmptyExtractError, match="no buildings, roads"):
        _download(server, tmp_path / "kibera.gpkg", bbox=SMALL_BBOX)
    _left_nothing(tmp_path)


def test_a_slow_server_times_out(server: LocalOsmServer, tmp_path: Path) -> None:
    server.reply(INTERPRETER, Reply(200, "{}", delay=1.0))
    with pytest.raises(DownloadError, match="did not answer within 0.2 seconds"):
        _download(server, tmp_path / "kibera.gpkg", bbox=SMALL_BBOX, timeout=0.2)
    _left_nothing(tmp_path)


def test_an_unknown_place_is_said_so(server: LocalOsmServer, tmp_path: Path) -> None:
    server.reply("/search", Reply(200, "[]"))
    with pytest.raises(DownloadError, match="No place called “Atlantis, Nairobi” was found"):
        _download(server, tmp_path / "atlantis.gpkg", place="Atlantis, Nairobi")
    assert [r.path for r in server.requests] == ["/search"]
    _left_nothing(tmp_path)


@pytest.mark.parametrize(("answer", "words"), [
    (Reply(429, "Too Many Requests", "text/plain"), "place-name server at .* is busy"),
    (Reply(200, "<html>Nominatim is down</html>", "text/html"), "not valid Nominatim data"),
    (Reply(200, '{"error": "unknown format"}'), "not valid Nominatim data"),
], ids=["busy", "html", "not-a-list"])
def test_a_place_name_server_in_trouble_is_said_so(
    server: LocalOsmServer, tmp_path: Path, answer: Reply, words: str
) -> None:
    server.reply("/search", answer)
    with pytest.raises(DownloadError, match=words):
        _download(server, tmp_path / "kibera.gpkg", place="Kibera, Nairobi")
    assert [r.path for r in server.requests] == ["/search"]
    _left_nothing(tmp_path)


def test_a_place_known_only_as_a_point_uses_the_box_nominatim_gives(
    server: LocalOsmServer, tmp_path: Path
) -> None:
    suburb_node = json.loads(NOMINATIM_ANSWER.read_text(encoding="utf-8"))[1]
    assert suburb_node["geojson"]["type"] == "Point"
    server.reply("/search", Reply(200, json.dumps([suburb_node])))
    server.reply(INTERPRETER, Reply.from_file(OVERPASS_ANSWER))
    project = _download(server, tmp_path / "kibera.gpkg", place="Kibera")

    first, second = server.requests_to("/search")
    assert (first.query["limit"], second.query["limit"]) == (["50"], ["1"])
    south, north, west, east = (float(v) for v in suburb_node["boundingbox"])
    asked = _query_bbox(server.requests_to(INTERPRETER)[0].form["data"][0])
    assert asked == pytest.approx((west, south, east, north))
    assert _counts(project)["buildings"] == 57


def test_a_whole_city_is_too_large_and_nothing_is_asked(
    server: LocalOsmServer, tmp_path: Path
) -> None:
    nairobi = (36.66, -1.44, 37.10, -1.16)
    with pytest.raises(DownloadError, match=r"covers about 1,516 km², more than the 25 km²"):
        _download(server, tmp_path / "nairobi.gpkg", bbox=nairobi)
    assert server.requests == []
    _left_nothing(tmp_path)


def test_an_existing_project_is_not_replaced_nor_downloaded_for(
    server: LocalOsmServer, tmp_path: Path
) -> None:
    existing = tmp_path / "kibera.gpkg"
    existing.write_bytes(b"keep me")
    with pytest.raises(ProjectExistsError):
        _download(server, existing, bbox=SMALL_BBOX)
    assert server.requests == [] and existing.read_bytes() == b"keep me"


def test_the_command_line_downloads_from_the_server_in_the_environment(
    server: LocalOsmServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], expected_small: dict[str, int]
) -> None:
    server.reply(INTERPRETER, Reply.from_file(OVERPASS_ANSWER))
    monkeypatch.setenv("QUARTIER_OVERPASS_URL", server.url + INTERPRETER)
    project = tmp_path / "soweto east.gpkg"
    code = cli.main(["new", str(project), "--download-bbox", "36.7815,-1.312,36.786,-1.3085"])
    assert code == 0
    assert _counts(Project(project))["buildings"] == expected_small["buildings"]
    assert (tmp_path / "soweto east.source.osm").exists()
    assert len(server.requests_to(INTERPRETER)) == 1
    assert "Downloading OpenStreetMap data" in capsys.readouterr().err


def test_the_command_line_says_offline_in_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("QUARTIER_OVERPASS_URL", f"http://127.0.0.1:{free_port()}/api")
    code = cli.main(["new", str(tmp_path / "k.gpkg"), "--download-bbox",
                     "36.7815,-1.312,36.786,-1.3085"])
    assert code == cli.EXIT_USER_ERROR
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert re.fullmatch(r"quartier: Cannot reach the OpenStreetMap download server at "
                        r"http://127\.0\.0\.1:\d+/api: you are probably offline\. Use an "
                        r"extract file instead: quartier new k\.gpkg --osm FILE\.", last)
    _left_nothing(tmp_path)


def test_the_guard_refuses_other_addresses() -> None:
    with loopback_only() as refused:
        with pytest.raises(requests.ConnectionError):
            requests.get("http://192.0.2.1/", timeout=1)
        with pytest.raises(socket.gaierror):
            socket.getaddrinfo("overpass-api.de", 443)
    assert refused == ["connect ('192.0.2.1', 80)", "lookup overpass-api.de"]
