"""Offline web map and printed maps, on the real Kibera extract and the Jakarta sample.

The web map is opened in headless Chromium with the network cut off (offline
emulation and a dead proxy) through the DevTools protocol, which records every
request the page makes. Printed maps are read back with poppler (pdfinfo,
pdftotext, pdffonts) and the PNG pixels with Qt.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import re
import select
import shutil
import signal
import subprocess
import tempfile
import time
import unicodedata
import uuid
from html.parser import HTMLParser
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
import shapely  # noqa: E402
from shapely.geometry import LineString, MultiPolygon, Point, Polygon  # noqa: E402

from layers.errors import QuartierError  # noqa: E402
from mapping.project import Project  # noqa: E402
from mapping.store import _gpkg as gpkg  # noqa: E402

XSS = "<img src=x onerror=alert(1)>"
SHELTERS = ("Kituo cha Uokoaji Olympic", "Abri des déplacés de Soweto")
NEPALI_SCHOOL = "सामुदायिक विद्यालय"
ARABIC_WATER = "نقطة مياه الحي"
SHELTER_PHONE = "+254 711 222 333"
ATTRIBUTION = "© OpenStreetMap contributors"


# -- projects --------------------------------------------------------------------------

def _insert(connection, table: str, row: dict) -> None:
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    connection.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values()))


def _feature(geometry, preset: str, name: str, tags: dict, **extra) -> dict:
    row = {"uuid": str(uuid.uuid4()), "preset": preset, "name": name,
           "tags": json.dumps({**tags, "name": name}, ensure_ascii=False),
           "contributor": "Achieng Otieno", "mapping_session": "kianda-2024-05",
           "created_at": "2024-05-01T09:30:00Z", "modified_at": "2024-05-01T09:30:00Z",
           "version": 1, "review_status": "verified", "geom": gpkg.encode_geometry(geometry)}
    row.update(extra)
    return row


@pytest.fixture(scope="module")
def kibera(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    """Kibera with a clinic, two shelters, a transport line with 3 stops and 2 flood zones;
    names in Swahili, French, Nepali and Arabic, and one name that is an HTML attack."""
    from mapping.build import project_from_extract

    path = tmp_path_factory.mktemp("maps") / "k.gpkg"
    project_from_extract(path, data_dir / "osm" / "kibera.osm", name="Kibera")
    connection = gpkg.connect(path)
    with gpkg.transaction(connection):
        _insert(connection, "facilities", _feature(
            Point(36.7868, -1.3122), "facility/clinic", "Zahanati ya Kianda",
            {"amenity": "clinic", "healthcare": "clinic", "capacity": "40"}))
        _insert(connection, "facilities", _feature(
            Point(36.7905, -1.3101), "facility/evacuation_centre", SHELTERS[0],
            {"emergency:social_facility": "shelter", "capacity": "300",
             "contact:phone": SHELTER_PHONE}))
        _insert(connection, "facilities", _feature(
            Point(36.7832, -1.3098), "facility/shelter", SHELTERS[1],
            {"amenity": "social_facility", "social_facility": "shelter", "capacity": "120"}))
        _insert(connection, "facilities", _feature(
            Point(36.7885, -1.3140), "facility/school", NEPALI_SCHOOL, {"amenity": "school"}))
        _insert(connection, "facilities", _feature(
            Point(36.7850, -1.3110), "facility/water_point", ARABIC_WATER,
            {"amenity": "water_point"}))
        _insert(connection, "facilities", _feature(
            Point(36.7921, -1.3128), "facility/toilets", XSS,
            {"amenity": "toilets", "description": XSS}, review_status="draft"))
        line = _feature(LineString([(36.7800, -1.3090), (36.7850, -1.3105), (36.7890, -1.3115),
                                    (36.7940, -1.3112)]),
                        "transport_line/minibus", "Matatu 8 Kibera – Town",
                        {"type": "route", "route": "bus", "ref": "8", "colour": "#d62728"})
        _insert(connection, "transport_lines", line)
        for n, (x, y, name) in enumerate([(36.7800, -1.3090, "Olympic"),
                                          (36.7890, -1.3115, "Kianda Stage"),
                                          (36.7940, -1.3112, "Toi Market")], start=1):
            _insert(connection, "transport_stops", _feature(
                Point(x, y), "transport_stop/stop", name, {"public_transport": "platform"},
                line_uuid=line["uuid"], stop_sequence=n))
        _insert(connection, "risk_zones", _feature(
            MultiPolygon([Polygon([(36.7840, -1.3150), (36.7920, -1.3150), (36.7925, -1.3128),
                                   (36.7845, -1.3130)])]),
            "risk_zone/flood", "Eneo la mafuriko Kianda",
            {"hazard_prone": "yes", "hazard": "flooding", "severity": "high"}))
        _insert(connection, "risk_zones", _feature(
            MultiPolygon([Polygon([(36.7800, -1.3135), (36.7838, -1.3135), (36.7838, -1.3115),
                                   (36.7800, -1.3115)])]),
            "risk_zone/flood", "منطقة فيضان",
            {"hazard_prone": "yes", "hazard": "flooding", "severity": "medium"}))
    connection.close()
    return path


@pytest.fixture(scope="module")
def jakarta(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Central Jakarta sample: 7,689 buildings, 18,574 roads and the flood depth raster."""
    import sample_areas

    return sample_areas.sample_project("jakarta", folder=tmp_path_factory.mktemp("jakarta"))


# -- headless Chromium through the DevTools protocol ----------------------------------

def _chromium_binary() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


class Chromium:
    """Headless Chromium driven over ``--remote-debugging-pipe``, with no network."""

    def __init__(self, binary: str) -> None:
        self.profile = tempfile.mkdtemp(prefix="quartier-chromium-")
        command_read, command_write = os.pipe()
        answer_read, answer_write = os.pipe()
        # Above fd 9, so that placing them on 3 and 4 in the child never clobbers one.
        command_read, answer_write = (fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
                                      for fd in (command_read, answer_write))
        self._command_write, self._answer_read = command_write, answer_read
        arguments = [
            binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-extensions",
            "--disable-default-apps", "--hide-scrollbars", "--mute-audio",
            # Any request that tries the network meets a dead proxy.
            "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
            f"--user-data-dir={self.profile}", "--window-size=1280,900",
            "--remote-debugging-pipe", "about:blank"]
        # DevTools reads commands on fd 3 and answers on fd 4.
        self.pid = os.posix_spawn(binary, arguments, os.environ, file_actions=[
            (os.POSIX_SPAWN_DUP2, command_read, 3), (os.POSIX_SPAWN_DUP2, answer_write, 4),
            (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)])
        for fd in (command_read, answer_write):
            os.close(fd)
        self._buffer = b""
        self._id = 0
        self.session: str | None = None
        self.events: list[dict] = []

    def send(self, method: str, params: dict | None = None, timeout: float = 30.0) -> dict:
        self._id += 1
        message: dict = {"id": self._id, "method": method, "params": params or {}}
        if self.session and not method.startswith(("Target.", "Browser.")):
            message["sessionId"] = self.session
        os.write(self._command_write, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            for answer in self._read(deadline):
                if answer.get("id") == self._id:
                    if "error" in answer:
                        raise RuntimeError(f"{method}: {answer['error']}")
                    return answer.get("result", {})

    def _read(self, deadline: float) -> list[dict]:
        ready, _w, _x = select.select([self._answer_read], [], [],
                                      max(deadline - time.monotonic(), 0.0))
        if not ready:
            raise TimeoutError("Chromium did not answer in time")
        chunk = os.read(self._answer_read, 1 << 20)
        if not chunk:
            raise RuntimeError("Chromium closed its DevTools pipe")
        self._buffer += chunk
        messages = []
        while b"\0" in self._buffer:
            raw, self._buffer = self._buffer.split(b"\0", 1)
            message = json.loads(raw)
            if "method" in message:
                self.events.append(message)
            messages.append(message)
        return messages

    def open(self, path: Path) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"})
        self.session = self.send("Target.attachToTarget", {"targetId": target["targetId"],
                                                          "flatten": True})["sessionId"]
        for domain in ("Network", "Page", "Runtime"):
            self.send(f"{domain}.enable")
        self.send("Network.emulateNetworkConditions", {"offline": True, "latency": 0,
                                                       "downloadThroughput": -1,
                                                       "uploadThroughput": -1})
        self.send("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 900,
                                                          "deviceScaleFactor": 1,
                                                          "mobile": False})
        self.send("Page.navigate", {"url": path.resolve().as_uri()})
        deadline = time.monotonic() + 30
        while not any(e["method"] == "Page.loadEventFired" for e in self.events):
            self._read(deadline)

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression,
                                                "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise AssertionError(f"JavaScript failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path: Path) -> None:
        path.write_bytes(base64.b64decode(self.send("Page.captureScreenshot",
                                                    {"format": "png"})["data"]))

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events
                if e["method"] == "Network.requestWillBeSent"]

    def problems(self) -> list[dict]:
        """Uncaught errors, console errors and dialogs (an alert() would be an XSS)."""
        return [e for e in self.events
                if e["method"] in ("Runtime.exceptionThrown", "Page.javascriptDialogOpening")
                or (e["method"] == "Runtime.consoleAPICalled"
                    and e["params"]["type"] in ("error", "assert"))]

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except (RuntimeError, TimeoutError, OSError):
            pass
        deadline = time.monotonic() + 10
        while os.waitpid(self.pid, os.WNOHANG) == (0, 0):
            if time.monotonic() > deadline:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
                break
            time.sleep(0.05)
        os.close(self._command_write)
        os.close(self._answer_read)
        shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture(scope="module")
def chromium():
    binary = _chromium_binary()
    if binary is None:
        pytest.skip("Chromium is not installed (tools/setup installs the Debian package "
                    "'chromium'), so the web map cannot be opened in a browser here.")
    return binary


def _open_offline(binary: str, page: Path, settle: float = 1.0) -> Chromium:
    browser = Chromium(binary)
    try:
        browser.open(page)
    except BaseException:
        browser.close()
        raise
    time.sleep(settle)  # let Leaflet draw its canvases
    return browser


PAGE_STATE = """(() => {
    const layers = Object.keys(window).filter(k => k.startsWith('quartier_layer_'))
        .map(k => window[k]);
    return {
        paths: document.querySelectorAll('path.leaflet-interactive').length,
        canvases: document.querySelectorAll('.leaflet-pane canvas').length,
        symbols: document.querySelectorAll('.q-symbol').length,
        images: [...document.querySelectorAll('img.leaflet-image-layer')].map(i => i.src),
        legend: document.querySelector('.q-legend').textContent,
        switcher: document.querySelector('.leaflet-control-layers').textContent,
        attribution: document.querySelector('.leaflet-control-attribution').textContent,
        title: document.querySelector('.q-title h1').textContent,
        counts: layers.filter(l => l.quartierFeatureCount !== undefined)
            .map(l => l.quartierFeatureCount),
    };
})()"""


class _Links(HTMLParser):
    """Every src/href of the page's tags (what a browser would load)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.found.extend((tag, name, value or "") for name, value in attrs
                          if name in ("src", "href", "srcset"))


# -- web map -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def kibera_html(kibera: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mapping.export.webmap import export_webmap

    out = tmp_path_factory.mktemp("web") / "kibera.html"
    steps: list[float] = []
    assert export_webmap(kibera, out, progress=lambda f, _m: steps.append(f)) == out
    assert steps[-1] == 1.0 and steps == sorted(steps)
    return out


def test_web_map_is_one_file_with_nothing_to_download(kibera_html: Path):
    page = kibera_html.read_text(encoding="utf-8")
    links = _Links()
    links.feed(page)
    loading = [(tag, value) for tag, _name, value in links.found if tag != "a"]
    assert not [v for _t, v in loading if re.match(r"\s*(https?:|//)", v)], loading
    assert not re.search(r"<script[^>]*\bsrc=", page) and "<link" not in page
    assert "Leaflet 1.9.4" in page  # inlined, from resources/web/leaflet
    assert "jquery" not in page.lower() and "bootstrap" not in page.lower()
    assert "url(images/" not in page  # Leaflet's CSS images are data URIs
    # Typed text never reaches the page as markup: escaped in JSON and in the HTML.
    assert XSS not in page
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in page
    assert '<h1 dir="auto">Kibera</h1>' in page and ATTRIBUTION in page


def test_web_map_works_in_a_browser_with_the_network_off(kibera_html: Path, chromium: str):
    browser = _open_offline(chromium, kibera_html)
    try:
        state = browser.evaluate(PAGE_STATE)
        popups = browser.evaluate("""(() => {
            const texts = [];
            for (const marker of document.querySelectorAll('.q-symbol')) {
                marker.dispatchEvent(new MouseEvent('click', {bubbles: true}));
                const open = document.querySelectorAll('.leaflet-popup-content');
                texts.push(open.length ? open[open.length - 1].textContent : '');  // newest
            }
            return {texts: texts, images: document.querySelectorAll('img[src="x"]').length};
        })()""")
        requests = browser.requests()
        problems = browser.problems()
    finally:
        browser.close()
    assert not [u for u in requests if not u.startswith(("file:", "data:"))], requests
    assert not problems, problems
    # Two risk zones and the transport line as SVG, 6 facilities and 3 stops as symbols,
    # the base layers on canvases.
    assert state["paths"] == 3
    assert state["symbols"] == 9
    assert state["canvases"] >= 4
    assert state["title"] == "Kibera"
    assert ATTRIBUTION in state["attribution"]
    for text in ("Facility: health", "Facility: shelter", "Risk zone: high",
                 "Matatu 8 Kibera – Town", "Roads and paths", "Residential street"):
        assert text in state["legend"], text
    assert "Facilities" in state["switcher"] and "Buildings" in state["switcher"]
    # The attack is shown as the text it is, and no <img src=x> ever exists.
    assert popups["images"] == 0
    assert any(text.startswith(XSS) for text in popups["texts"]), popups["texts"]
    shelter = next(t for t in popups["texts"] if t.startswith(SHELTERS[0]))
    assert "Evacuation centre" in shelter and "Capacity (people)300" in shelter
    assert "Mapped byAchieng Otieno" in shelter


def test_web_map_leaves_out_personal_data_when_asked(kibera: Path, tmp_path: Path):
    from mapping.export.webmap import export_webmap

    page = export_webmap(kibera, tmp_path / "public.html", include_personal=False,
                         title="Kianda <public>").read_text(encoding="utf-8")
    assert "Achieng Otieno" not in page and SHELTER_PHONE not in page
    assert "<h1 dir=\"auto\">Kianda &lt;public&gt;</h1>" in page
    assert SHELTERS[0] in page


def test_large_web_map_stays_light_and_draws_every_feature(jakarta: Path, tmp_path: Path,
                                                            chromium: str):
    from mapping.export.web_layers import MIN_BUILDING_M2
    from mapping.export.webmap import export_webmap

    out = export_webmap(jakarta, tmp_path / "jakarta.html")
    size_mb = out.stat().st_size / 1e6
    assert 1.0 < size_mb < 6.0, size_mb
    project = Project(jakarta)
    buildings = project.read_layer("buildings").to_crs(project.metadata.working_crs)
    kept = int((shapely.area(buildings.geometry.values) >= MIN_BUILDING_M2).sum())
    assert 7500 < kept < 7689  # a few slivers of under 2 m² are dropped
    browser = _open_offline(chromium, out, settle=2.0)
    try:
        state = browser.evaluate(PAGE_STATE)
        browser.screenshot(tmp_path / "jakarta.png")
        requests = browser.requests()
        problems = browser.problems()
    finally:
        browser.close()
    assert not [u for u in requests if not u.startswith(("file:", "data:"))], requests
    assert not problems, problems
    assert kept in state["counts"] and 18574 in state["counts"]
    assert len(state["images"]) == 1 and state["images"][0].startswith("data:image/png;base64,")
    assert "High (> 1.5 m)" in state["legend"] and "Flood depth" in state["switcher"]
    assert (tmp_path / "jakarta.png").stat().st_size > 50_000  # a drawn map, not a blank page


# -- printed maps --------------------------------------------------------------------

def _pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return " ".join(unicodedata.normalize("NFKC", text).replace("\u202b", "")
                    .replace("\u202c", "").split())


def _pdf_info(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                         check=True).stdout
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines()
                                                if ":" in line)}


def test_risk_map_pdf_lists_the_shelters(kibera: Path, tmp_path: Path):
    from mapping.export.printing import export_print

    out = export_print(kibera, tmp_path / "risk.pdf", template="risk", paper="A4",
                       orientation="landscape")
    info = _pdf_info(out)
    assert info["Page size"] == "842 x 595 pts (A4)" and info["Pages"] == "1"
    text = _pdf_text(out)
    for expected in ("Kibera — Risk and evacuation map", "Shelters and evacuation centres",
                     "Risk zones reported by residents", "High", "Medium",
                     f"{ATTRIBUTION} (ODbL 1.0)", "36.785°E", "1.310°S", "Scale 1:"):
        assert expected in text, expected
    # Numbered north to south, as the green badges on the map (Soweto is 30 m further north).
    assert f"1 {SHELTERS[1]}" in text and f"2 {SHELTERS[0]}" in text
    assert "room for 300 people" in text and SHELTER_PHONE in text
    assert out.stat().st_size < 2_000_000  # vectors, not a page-sized image


def test_personal_data_stays_off_paper_when_asked(kibera: Path, tmp_path: Path):
    from mapping.export.printing import export_print

    out = export_print(kibera, tmp_path / "risk.pdf", template="risk",
                       include_personal=False, title="Kianda", subtitle="Rainy season 2024")
    text = _pdf_text(out)
    assert "Kianda" in text and "Rainy season 2024" in text and SHELTERS[0] in text
    assert "Risk and evacuation map" not in text  # the title given replaces the template's
    assert SHELTER_PHONE not in text


def test_facility_map_a3_portrait_has_a_big_counted_legend(kibera: Path, tmp_path: Path):
    from mapping.export.printing import export_print

    out = export_print(kibera, tmp_path / "facilities.pdf", template="facility", paper="A3",
                       orientation="portrait", dpi=150)
    assert _pdf_info(out)["Page size"] == "842 x 1191 pts (A3)"
    text = _pdf_text(out)
    for expected in ("Facilities mapped by residents", "Health (1)", "Education (1)",
                     "Shelter (2)", "Zahanati ya Kianda", SHELTERS[1], ARABIC_WATER,
                     XSS, ATTRIBUTION):
        assert expected in text, expected
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True,
                           check=True).stdout
    # The Nepali name is real text in a Devanagari font (pdftotext splits its conjuncts).
    assert "NotoSansDevanagari" in fonts and "NotoSansArabic" in fonts


def test_transport_map_lists_routes_with_their_stops(kibera: Path, tmp_path: Path):
    from mapping.export.printing import export_print

    out = export_print(kibera, tmp_path / "transport.pdf", template="transport",
                       orientation="portrait")
    assert _pdf_info(out)["Page size"] == "595 x 842 pts (A4)"
    text = _pdf_text(out)
    assert "8 · Matatu 8 Kibera – Town" in text
    assert "Olympic → Kianda Stage → Toi Market (3 stops)" in text


def _frame_pixels(path: Path, paper: str, orientation: str, dpi: int) -> tuple[np.ndarray, tuple]:
    from PySide6.QtGui import QImage

    from mapping.export.print_templates import paper_size
    from mapping.export.printing import Page, plan

    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB888)
    pixels = np.array(image.constBits(), dtype=np.uint8).reshape(
        image.height(), image.bytesPerLine())[:, :image.width() * 3].reshape(
        image.height(), image.width(), 3)
    width_mm, height_mm = paper_size(paper, orientation)
    frame = plan(Page(width_mm, height_mm, dpi, 1.0 if paper == "A4" else 1.2)).frame
    return pixels, (frame.top(), frame.bottom(), frame.left(), frame.right())


def test_png_pages_have_the_paper_size_and_a_drawn_map(kibera: Path, jakarta: Path,
                                                       tmp_path: Path):
    from mapping.export.printing import export_print

    out = export_print(kibera, tmp_path / "overview.png", template="overview",
                       orientation="portrait", dpi=100)
    pixels, (top, bottom, left, right) = _frame_pixels(out, "A4", "portrait", 100)
    assert pixels.shape[:2] == (round(297 / 25.4 * 100), round(210 / 25.4 * 100))
    frame = pixels[top + 5:bottom - 5, left + 5:right - 5].astype(float)
    assert frame.std() > 15 and len(np.unique(frame.reshape(-1, 3), axis=0)) > 200
    assert (pixels[:20, :20] == 255).all()  # white paper margin
    out = export_print(jakarta, tmp_path / "flood.png", template="risk", paper="A3", dpi=60)
    pixels, (top, bottom, left, right) = _frame_pixels(out, "A3", "landscape", 60)
    assert pixels.shape[:2] == (round(297 / 25.4 * 60), round(420 / 25.4 * 60))
    frame = pixels[top + 3:bottom - 3, left + 3:right - 3].astype(int)
    # The flood depth raster: the high class (#cc2a36) at 60 % over the land colour.
    reddish = (frame[..., 0] - frame[..., 2] > 80) & (frame[..., 1] < 150)
    assert reddish.mean() > 0.02, reddish.mean()


def test_jakarta_risk_map_shows_the_flood_depth_legend(jakarta: Path, tmp_path: Path):
    from mapping.export.printing import export_print

    text = _pdf_text(export_print(jakarta, tmp_path / "flood.pdf", template="risk",
                                  paper="A3", dpi=150))
    for expected in ("Central Jakarta — Risk and evacuation map",
                     "Flood depth (2007-like event)", "High (> 1.5 m)", "Medium (0.5–1.5 m)",
                     "No shelter or evacuation centre has been mapped yet.", ATTRIBUTION):
        assert expected in text, expected
    # On A4 portrait the same long title gets smaller type rather than being cut short.
    text = _pdf_text(export_print(jakarta, tmp_path / "flood_a4.pdf", template="risk",
                                  paper="A4", orientation="portrait", dpi=100))
    assert "Central Jakarta — Risk and evacuation map" in text


@pytest.mark.parametrize(("options", "words"), [
    ({"template": "nope"}, "risk, transport"),
    ({"paper": "A5"}, "A4 or A3"),
    ({"orientation": "sideways"}, "portrait or landscape"),
    ({"dpi": 5}, "between 50 and 1200"),
])
def test_bad_print_options_are_refused_in_plain_words(kibera: Path, tmp_path: Path,
                                                      options: dict, words: str):
    from mapping.export.printing import export_print

    with pytest.raises(QuartierError, match=re.escape(words)):
        export_print(kibera, tmp_path / "map.pdf", **options)
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_print_style_keeps_the_screen_proportions():
    from mapping.export.print_style import scaled_style
    from mapping.render.style import load_style

    screen = load_style()
    paper = scaled_style(screen, 3.125)
    shift = np.log2(3.125)
    road, printed = screen.layers["roads"].classes[7], paper.layers["roads"].classes[7]
    assert road.key == printed.key == "minor"
    for zoom in (13.0, 15.5, 17.2):
        assert printed.width.at(zoom + shift) == pytest.approx(3.125 * road.width.at(zoom))
        assert printed.shown_at(zoom + shift) == road.shown_at(zoom)
    assert printed.label_style.size == pytest.approx(3.125 * road.label_style.size)
