"""``quartier evacuate --report``: the figures, the shelters and the buildings with no safe
route, checked against networkx on the same streets (tests/test_evacuation.py's reference),
in the HTML and read back from the PDF with poppler's ``pdftotext``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pyogrio
import pytest

from tests.test_evacuation import (  # noqa: F401 - the fixture is used by name
    kibera,
    quartier,
    reference_distances,
    refused,
)


def _rows(html: str, heading: str) -> list[list[str]]:
    """The cells of each row of the tables after ``heading``, up to the next heading."""
    start = html.index(heading)
    end = html.find("<h2>", start + 1)
    part = html[start:end if end > 0 else None]
    return [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", part, flags=re.S)]


@pytest.fixture(scope="module")
def reported(kibera: dict, tmp_path_factory: pytest.TempPathFactory) -> dict:  # noqa: F811
    folder = tmp_path_factory.mktemp("evacuation_report")
    out = {}
    for suffix in ("html", "pdf"):
        target = folder / f"evacuation.{suffix}"
        code, _out, err = quartier("evacuate", str(kibera["project"]), "--hazard",
                                   "kianda_flood", "--no-service-areas", "--report", str(target))
        assert code == 0, err
        assert f"Wrote {target}" in err
        out[suffix] = target
    return out


def test_the_report_lists_every_building_with_no_safe_route(kibera: dict,  # noqa: F811
                                                            reported: dict) -> None:
    expected = reference_distances(kibera["project"], kibera["points"],
                                   kibera["shelter_points"], kibera["zones"])
    stranded = sorted(int(f) for f in kibera["fids"][~np.isfinite(expected)])
    assert kibera["enclosed"] in stranded
    html = reported["html"].read_text("utf-8")
    assert f"Buildings with no safe route ({len(stranded)})" in html
    rows = _rows(html, "Buildings with no safe route (")
    listed = sorted(int(row[0]) for row in rows if row and row[0].isdigit())
    assert listed == stranded
    # Each listed building's position is its centre.
    centres = dict(zip(kibera["fids"].tolist(), kibera["points"].tolist(), strict=True))
    for row in rows:
        if row and row[0].isdigit():
            lon, lat = centres[int(row[0])]
            assert (float(row[1]), float(row[2])) == pytest.approx((lon, lat), abs=1e-6)


def test_the_figures_and_loads_are_the_routes(kibera: dict, reported: dict) -> None:  # noqa: F811
    expected = reference_distances(kibera["project"], kibera["points"],
                                   kibera["shelter_points"], kibera["zones"])
    walk = expected[np.isfinite(expected)] / 1.2
    html = reported["html"].read_text("utf-8")
    figures = {row[0]: row[1] for row in _rows(html, "<h2>Figures") if len(row) == 2}
    assert figures["Buildings with a safe route"] == f"{len(walk):,}"
    assert figures["Walk, median"] == f"{np.median(walk) / 60:.1f} min"
    assert figures["Walk, longest"] == f"{walk.max() / 60:.1f} min"
    routes = pyogrio.read_dataframe(kibera["project"], layer="evacuation_routes")
    per_shelter = routes.groupby("destination").size().to_dict()
    shelters = {row[0]: row for row in _rows(html, "Shelters and evacuation centres")[1:]}
    assert set(shelters) == {"Olympic primary school hall", "Kianda church"}
    for name, uuid in zip(("Olympic primary school hall", "Kianda church"),
                          kibera["shelters"], strict=True):
        assert shelters[name][1] == f"{per_shelter.get(uuid, 0):,}"
    assert shelters["Olympic primary school hall"][2] == "120"
    assert "https://" not in html.replace("https://www.openstreetmap.org/copyright", "")


def test_the_pdf_reads_back(kibera: dict, reported: dict) -> None:  # noqa: F811
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    text = subprocess.run(["pdftotext", str(reported["pdf"]), "-"],
                          capture_output=True, text=True, check=True).stdout
    text = " ".join(text.replace("\ufb02", "fl").replace("\ufb01", "fi").split())
    html = reported["html"].read_text("utf-8")
    count = re.search(r"Buildings with no safe route \((\d+)\)", html).group(1)
    assert f"Buildings with no safe route ({count})" in text
    assert re.search(rf"\b{kibera['enclosed']}\b", text)
    assert "Olympic primary school hall" in text


def test_a_bad_report_name_is_refused_before_anything_is_written(kibera: dict,  # noqa: F811
                                                                 tmp_path: Path) -> None:
    project = kibera["project"]
    assert "as a web page (.html) or a PDF" in refused(
        project, "evacuate", str(project), "--hazard", "kianda_flood", "--report",
        str(tmp_path / "evacuation.txt"))
    assert not (tmp_path / "evacuation.txt").exists()
    assert refused(project, "evacuate", str(project), "--hazard", "kianda_flood", "--report",
                   str(tmp_path / "missing" / "evacuation.html"), process=False)
