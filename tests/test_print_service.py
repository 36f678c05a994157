"""The "Transport" printed map shows the level of service, and the least-served areas.

Kibera (the real OSM sample) with its villages as areas and three made-up matatu
lines along real roads (tests/test_service_gui.py: line 8 every 10 minutes and every
5 in 06-09, 05:00-22:00; line 32 every 20 minutes, 06:00-21:00; line 15 with no
wait known). The page is printed before and after the level of service is saved by
village. The figures read back from the PDF (pdftotext) are compared with
:func:`service_level` and, where cheap, with what the stored layers say by
themselves: the buildings counted with pyogrio, the vehicles per hour and span
worked out from the tags by hand, each line's stops and its length on the ellipsoid,
the areas in the order and with the shares of the saved areas layer. The page is
rendered (pdftoppm) and the colour of the least-served villages looked for on it.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pyogrio
import pytest
from pyproj import Geod
from PySide6.QtGui import QColor, QImage

from mapping.hazard_store import add_reference_layer
from mapping.project import Project
from tests.test_print_analysis import pdf_text
from tests.test_service_gui import add_lines


@pytest.fixture(scope="module")
def printed(kibera_project: Path, tmp_path_factory: pytest.TempPathFactory,
            data_dir: Path) -> dict:
    from mapping.analysis.service_level import service_level, write_service_layers
    from mapping.export.printing import export_print

    folder = tmp_path_factory.mktemp("print_service")
    path = folder / "kibera.gpkg"
    shutil.copy(kibera_project, path)
    villages = pyogrio.read_dataframe(data_dir / "kibera" / "villages.shp")
    villages = villages[(villages["boundary"] == "administrative") & villages["name"].notna()]
    villages[["name", "geometry"]].to_file(folder / "villages.geojson")
    add_reference_layer(Project(path), folder / "villages.geojson", "villages",
                        title="Villages")
    # A project with no line: its transport map has no figures box.
    plain = export_print(path, folder / "plain.pdf", template="transport", dpi=72)
    add_lines(path)
    bare = export_print(path, folder / "bare.pdf", template="transport", dpi=100)
    project = Project(path)
    report = service_level(project, by="villages", by_field="name")
    write_service_layers(project, report)
    out = export_print(path, folder / "transport.pdf", template="transport", dpi=100)
    return {"path": path, "report": report, "pdf": out, "bare": bare, "folder": folder,
            "text": pdf_text(out), "bare_text": pdf_text(bare), "plain_text": pdf_text(plain)}


def test_the_project_sentence(printed: dict) -> None:
    text, report = printed["text"], printed["report"]
    buildings = pyogrio.read_dataframe(printed["path"], layer="buildings")
    total = int((~buildings.geometry.is_empty).sum())
    found = re.search(r"([\d,]+) of ([\d,]+) buildings \((\d+)%\) are within a 400 m walk of "
                      r"a stop; ([\d,]+) \((\d+)%\) within 400 m of a stop with a vehicle at "
                      r"least every 10 minutes \(06-09\)\.", text)
    assert found, text
    near, counted, share, frequent, frequent_share = (int(g.replace(",", ""))
                                                      for g in found.groups())
    assert counted == total == report.totals.buildings
    assert (near, frequent) == (report.totals.within_walk, report.totals.within_walk_frequent)
    assert 0 < frequent < near < total  # some served, some not: the figures can tell
    assert share == round(100 * near / total) and frequent_share == round(100 * frequent / total)
    # The same sentence before the areas were saved: the project's figures need no run.
    assert found.group(0) in printed["bare_text"]
    assert "Level of service" not in printed["plain_text"]


def test_each_line_with_its_vehicles_per_hour_span_stops_and_length(printed: dict) -> None:
    text = printed["text"]
    lines = pyogrio.read_dataframe(printed["path"], layer="transport_lines")
    stops = pyogrio.read_dataframe(printed["path"], layer="transport_stops")
    geod = Geod(ellps="WGS84")
    km = {ref: f"{geod.geometry_length(shape) / 1000:.1f} km"
          for ref, shape in zip(["8", "32", "15"], lines.geometry, strict=True)}
    count = {ref: int((stops["line_uuid"] == uuid).sum())
             for ref, uuid in zip(["8", "32", "15"], lines["uuid"], strict=True)}
    # By hand from the tags: a vehicle every 5 min in 06-09 is 12 an hour, every 10 min
    # 6 an hour (19-24 runs 19:00-22:00: 18 vehicles over 5 hours, 3.6 an hour; 00-06
    # runs from 05:00: 6 vehicles over 6 hours, 1 an hour); every 20 min 3 an hour.
    expected = {
        "8 · Kibera – Town": f"00-06: 1/h, 06-09: 12/h, 09-16: 6/h, 16-19: 6/h, 19-24: 3.6/h "
                             f"· 05:00–22:00 · {count['8']} stops · {km['8']}",
        "32 · Ngong Road": f"06-09: 3/h, 09-16: 3/h, 16-19: 3/h, 19-24: 1.2/h · 06:00–21:00 "
                           f"· {count['32']} stops · {km['32']}",
        "15 · Kalobot shuttle": f"no waiting time known · {count['15']} stops · {km['15']}",
    }
    box = text[text.index("Vehicles per hour in each time band"):text.index("Routes")]
    for title, words in expected.items():
        assert f"{title} {words}" in box, (title, box)
    assert count == {"8": 5, "32": 4, "15": 3}


def test_the_least_served_villages_in_the_order_and_colours_of_the_saved_layer(
        printed: dict) -> None:
    from mapping.analysis.service_level import AREAS_LAYER
    from mapping.export.print_service import MOST_AREAS

    text = printed["text"]
    saved = pyogrio.read_dataframe(printed["path"], layer=AREAS_LAYER)
    saved = saved[saved["buildings"] > 0].sort_values("least_served_rank")
    assert len(saved) > 3
    today = dt.date.today()
    heading = (f"Least-served areas, computed on {today.day} {today:%B %Y} (buildings near "
               "a frequent stop / near any stop):")
    assert heading in text and heading not in printed["bare_text"]
    listed = text[text.index(heading) + len(heading):text.index("Vehicles per hour")]
    expected = " ".join(f"{row.name}: {100 * row.share_frequent:.0f}% / "
                        f"{100 * row.share_within:.0f}% of {row.buildings:,}"
                        for row in saved.head(MOST_AREAS).itertuples())
    assert listed.strip().startswith(expected), listed
    assert list(saved["name"]) == [a.name for a in printed["report"].areas if a.buildings]
    # The villages are drawn in their classes' colours: the least-served colour fills
    # much more of the page once they are saved (over a light map, at the map's 70%).
    worst = QColor(saved["colour"].iloc[0])
    pages = {}
    for key in ("bare", "pdf"):
        prefix = printed["folder"] / f"{key}_page"
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-singlefile", str(printed[key]),
                        str(prefix)], check=True)
        image = QImage(str(prefix) + ".png").convertToFormat(QImage.Format.Format_RGB888)
        pixels = np.frombuffer(image.constBits(), dtype=np.uint8)
        pixels = pixels.reshape(image.height(), image.bytesPerLine())[:, :image.width() * 3]
        pages[key] = pixels.reshape(image.height(), image.width(), 3).astype(int)
    target = np.array([worst.red(), worst.green(), worst.blue()])
    light = np.array([242, 239, 233])
    blended = 0.7 * target + 0.3 * light

    def near(page: np.ndarray) -> int:
        return int((np.abs(page - blended).max(axis=2) < 24).sum())

    assert near(pages["pdf"]) > 20 * max(near(pages["bare"]), 50), (
        near(pages["pdf"]), near(pages["bare"]))
