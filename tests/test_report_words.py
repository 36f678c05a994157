"""Exposure and evacuation words in the reader's language (issue 14).

A real exposure analysis of InaSAFE's scenario s05 (Jakarta buildings and flood-prone
areas) is written as a report in English, Swahili and French: the headings and
sentences are the catalogue's (read from the .po files with Babel, never copied from
the code's output), the figures are those of the English report, ``<html lang>`` is
the language, and a Swahili PDF read back with poppler's ``pdftotext`` has the Swahili
heading. A hand-made project with one building in a zone, then two, checks the
plural forms.
"""

from __future__ import annotations

import contextlib
import html as html_lib
import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import geopandas as gpd
import pytest
from babel.messages.pofile import read_po
from shapely.geometry import box

from layers.i18n import tr, using
from mapping.analysis.exposure import analyse
from mapping.analysis.report import report_html, write_report
from mapping.project import Project
from mapping.render.words import class_label, layer_title
from tests.test_evacuation import kibera  # noqa: F401 - the fixture is used by name

REPO = Path(__file__).resolve().parents[1]
SCENARIOS = REPO.parent / "shared" / "data" / "inasafe_scenarios"
CATALOGUES = REPO / "resources" / "i18n"

HEADINGS = ("The question asked", "Figures per hazard class", "Figures per type",
            "Displaced people and minimum needs", "Assumptions", "Data")


def _run(*args: object) -> None:
    """``quartier ARGS`` in this process."""
    from desktop.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    if code != 0:
        raise AssertionError(f"quartier {args} failed: {err.getvalue()}")


def _catalogue(language: str):
    with (CATALOGUES / f"{language}.po").open("rb") as stream:
        return read_po(stream, locale=language)


def _said(catalogue, message: str) -> str:
    """The catalogue's translation of ``message`` (it must have one)."""
    entry = catalogue.get(message)
    assert entry is not None and entry.string, message
    return entry.string


def _plural(catalogue, singular: str, form: int) -> str:
    entry = catalogue.get(singular)
    assert entry is not None and all(entry.string), singular
    return entry.string[form]


def _figures(page: str, language: str) -> list[float]:
    """The figures of a report's cells, read back as numbers."""
    cells = re.findall(r"<td class='n'>([^<]*)</td>", page)
    out = []
    for cell in cells:
        text = html_lib.unescape(cell)
        if language == "fr":
            text = text.replace("\u202f", "").replace(",", ".")
        else:
            text = text.replace(",", "")
        out.append(float(text.rstrip(" %")))
    return out


@pytest.fixture(scope="module")
def jakarta(tmp_path_factory) -> Path:
    """s05: 181 buildings of Jakarta and its flood-prone areas (FLOODPRONE yes/no)."""
    folder = SCENARIOS / "s05"
    project = tmp_path_factory.mktemp("s05") / "s05.gpkg"
    _run("new", project, "--base", folder / "exposure" / "buildings.shp", "--as",
         "buildings.shp=buildings")
    _run("hazard", "add", project, folder / "hazard" / "flood_multipart_polygons.shp",
         "--name", "flood", "--attribute", "FLOODPRONE", "--class-map", "yes=high,no=low")
    return project


@pytest.fixture(scope="module")
def english(jakarta):
    project = Project(jakarta)
    result = analyse(project, hazard="flood", exposure="buildings", type_field="TYPE")
    data = result.to_json()
    with using("en"):
        page = report_html(project, result, data)
    return project, result, data, page


@pytest.mark.parametrize("language", ["sw", "fr"])
def test_the_report_speaks_the_catalogue_with_the_same_figures(english, language):
    project, result, data, page_en = english
    assert data["totals"]["affected"] > 1  # a real flood over real buildings
    with using(language):
        page = report_html(project, result, data)
    catalogue = _catalogue(language)
    assert f"<html lang='{language}'>" in page and "<html lang='en'>" in page_en
    for heading in HEADINGS:
        said = _said(catalogue, heading)
        assert f"<h2>{html_lib.escape(said)}</h2>" in page
        assert f"<h2>{heading}</h2>" in page_en
        if said != heading:  # ("Data" is Swahili too)
            assert f"<h2>{heading}</h2>" not in page
    # The question, with the real layer names in it.
    question = _said(catalogue, "How much of {exposure} ({measure}) lies in each class of "
                                "the hazard {hazard}, and how much of it is affected?")
    expected = question.format(exposure="buildings", hazard="flood",
                               measure=_said(catalogue, "number of features"))
    assert html_lib.escape(expected) in page
    # Hazard classes and type names in the catalogue's words.
    assert f"<td>{html_lib.escape(_said(catalogue, 'high'))}</td>" in page
    types = [kind for kind in data["by_type"] if kind != "other"]
    assert types
    for kind in types:
        assert f"<td>{html_lib.escape(_said(catalogue, kind))}</td>" in page
    # The same figures, in the same cells.
    assert _figures(page, language) == _figures(page_en, "en")
    # The affected sentence: the plural form, with the real count.
    affected = data["totals"]["affected"]
    sentence = _plural(catalogue, "{count} feature of {exposure} is in an affected class.",
                       1).format(count=f"{affected:,}".replace(
                           ",", "\u202f" if language == "fr" else ","), exposure="buildings")
    assert html_lib.escape(sentence) in page
    # The counting rule for buildings, whole.
    rule = _said(catalogue, "Buildings and points are indivisible: each takes the highest "
                            "hazard class of any zone it touches (on a raster, of every cell "
                            "its footprint covers) and is counted once, in the first area it "
                            "touches.")
    assert html_lib.escape(rule) in page


def test_a_swahili_pdf_report_holds_the_swahili_headings(english, tmp_path):
    project, result, data, _page = english
    target = tmp_path / "ripoti.pdf"
    with using("sw"):
        write_report(target, project, result, data)
    text = unicodedata.normalize("NFKC", subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True,
        check=True).stdout)
    catalogue = _catalogue("sw")
    flat = " ".join(text.split())
    for heading in ("The question asked", "Figures per hazard class", "Assumptions"):
        assert _said(catalogue, heading) in flat
    assert "The question asked" not in flat
    title = _said(catalogue, "Exposure of {exposure} to {hazard}").format(
        exposure="buildings", hazard="flood")
    assert title in flat


# ---------------------------------------------------------------- one building, two


X0, Y0, D = 36.78, -1.31, 0.001


@pytest.fixture(scope="module")
def hand(tmp_path_factory) -> Path:
    """Two buildings; zone "one" floods the first, zone "both" floods both."""
    folder = tmp_path_factory.mktemp("plural")
    buildings = [box(X0, Y0, X0 + D / 2, Y0 + D / 2),
                 box(X0 + 3 * D, Y0, X0 + 3.5 * D, Y0 + D / 2)]
    gpd.GeoDataFrame({"building": ["yes", "school"]}, geometry=buildings,
                     crs=4326).to_file(folder / "buildings.geojson")
    gpd.GeoDataFrame({"depth": [2.0]}, geometry=[box(X0 - D, Y0 - D, X0 + D, Y0 + D)],
                     crs=4326).to_file(folder / "one.geojson")
    gpd.GeoDataFrame({"depth": [2.0]}, geometry=[box(X0 - D, Y0 - D, X0 + 4 * D, Y0 + D)],
                     crs=4326).to_file(folder / "both.geojson")
    project = folder / "hand.gpkg"
    _run("new", project, "--base", folder / "buildings.geojson", "--as",
         "buildings.geojson=buildings")
    for name in ("one", "both"):
        _run("hazard", "add", project, folder / f"{name}.geojson", "--name", name,
             "--attribute", "depth")
    return project


@pytest.mark.parametrize("language", ["sw", "fr"])
@pytest.mark.parametrize("hazard, count", [("one", 1), ("both", 2)])
def test_one_building_and_two_buildings(hand, tmp_path, language, hazard, count):
    from mapping.analysis.schemes import scheme_named

    shutil.copy(hand, tmp_path / "hand.gpkg")
    project = Project(tmp_path / "hand.gpkg")
    result = analyse(project, hazard=hazard, exposure="buildings",
                     scheme=scheme_named("flood4"))
    data = result.to_json()
    assert data["totals"]["affected"] == count
    target = tmp_path / "report.html"
    with using(language):
        write_report(target, project, result, data)
    page = target.read_text(encoding="utf-8")
    catalogue = _catalogue(language)
    # Swahili and French both have one singular form: 1 (French also 0).
    form = 0 if count == 1 else 1
    sentence = _plural(catalogue, "{count} feature of {exposure} is in an affected class.",
                       form).format(count=count, exposure="buildings")
    assert html_lib.escape(sentence) in page
    other = _plural(catalogue, "{count} feature of {exposure} is in an affected class.",
                    1 - form).format(count=count, exposure="buildings")
    assert html_lib.escape(other) not in page


@pytest.mark.parametrize("language", ["sw", "fr"])
def test_stored_class_words_and_titles_are_shown_in_the_language(language):
    catalogue = _catalogue(language)
    with using(language):
        assert class_label("not exposed") == _said(catalogue, "not exposed")
        assert class_label("unreachable") == _said(catalogue, "unreachable")
        assert class_label("within 500 m") == _said(
            catalogue, "within {distance} m").format(distance="500")
        assert class_label("within 5 min walk") == _said(
            catalogue, "within {minutes} min walk").format(minutes="5")
        assert class_label("stands in a zone to avoid") == _said(
            catalogue, "stands in a zone to avoid")
        assert class_label("my own class") == "my own class"
        style = {"title_message": "{exposure} exposed to {hazard}",
                 "title_values": {"exposure": "Buildings", "hazard": "Kianda flood"}}
        shown = layer_title("Buildings exposed to Kianda flood", style)
        assert shown == _said(catalogue, "{exposure} exposed to {hazard}").format(
            exposure=_said(catalogue, "Buildings"), hazard="Kianda flood")
        assert tr("Evacuation routes") == _said(catalogue, "Evacuation routes")


# ---------------------------------------------------------------- evacuation, in Swahili


@pytest.mark.parametrize("language", ["sw", "fr"])
def test_the_evacuation_report_in_the_language(kibera, language):  # noqa: F811
    from mapping.analysis.evacuation import evacuate
    from mapping.analysis.evacuation_report import evacuation_html

    project = Project(kibera["project"])
    result = evacuate(project, "kianda_flood")
    summary = result.summary()
    stranded = int(summary["no_safe_route"])
    assert stranded >= 1  # the building inside a ring of flood
    with using("en"):
        page_en = evacuation_html(project, result, summary)
    with using(language):
        page = evacuation_html(project, result, summary)
    catalogue = _catalogue(language)
    assert f"<html lang='{language}'>" in page
    for heading in ("The question asked", "Shelters and evacuation centres", "Assumptions"):
        assert f"<h2>{html_lib.escape(_said(catalogue, heading))}</h2>" in page
    assert html_lib.escape(_said(catalogue, "Buildings with no safe route ({count})").format(
        count=stranded)) in page
    form = 0 if stranded == 1 else 1
    sentence = _plural(catalogue, "{count} building has no safe route.", form).format(
        count=stranded)
    assert html_lib.escape(sentence) in page
    reason = _said(catalogue, "its streets reach no shelter without crossing a zone")
    inside = _said(catalogue, "stands in a zone to avoid")
    assert html_lib.escape(reason) in page or html_lib.escape(inside) in page
    # The shelters by name, with the same figures as in English.
    assert "Olympic primary school hall" in page
    def numbers(text: str) -> list[str]:
        cells = re.findall(r"<td class=n>([^<]*)</td>", text)
        return [cell.replace("\u202f", ",") for cell in cells if cell[:1].isdigit()]

    assert numbers(page) == numbers(page_en)
    assert html_lib.escape(_said(catalogue, "not given")) in page  # Kianda church's room


# ---------------------------------------------------------------- the transport print


@pytest.fixture(scope="module")
def served(kibera_project: Path, tmp_path_factory: pytest.TempPathFactory):
    """Kibera with its transport lines drawn, and its level of service."""
    from mapping.analysis.service_level import service_level
    from tests.test_service_gui import add_lines

    path = tmp_path_factory.mktemp("service_words") / "kibera.gpkg"
    shutil.copy(kibera_project, path)
    add_lines(path)
    return service_level(Project(path))


@pytest.mark.parametrize("language", ["sw", "fr"])
def test_the_transport_figures_in_the_language(served, language):
    from mapping.analysis.report import number
    from mapping.export.print_service import figure_rows

    report = served
    with using(language):
        rows = figure_rows(report)
        catalogue = _catalogue(language)
        assert rows[0].text == _said(catalogue, "Level of service")
        totals = report.totals
        form = 0 if totals.buildings == 1 else 1
        sentence = _plural(catalogue, "{near} of {count} building ({share}) is within a "
                           "{walk} walk of a stop; {frequent} ({frequent_share}) within "
                           "{walk} of a stop with a vehicle at least every {wait} minutes "
                           "({band}).", form)
        percent = _said(catalogue, "{percent}%")
        expected = sentence.format(
            near=number(totals.within_walk), count=number(totals.buildings),
            share=percent.format(percent=f"{100 * totals.within_walk / totals.buildings:.0f}"),
            walk=_said(catalogue, "{metres} m").format(metres=number(report.walk_m, 0)),
            frequent=number(totals.within_walk_frequent),
            frequent_share=percent.format(
                percent=f"{100 * totals.within_walk_frequent / totals.buildings:.0f}"),
            wait=f"{report.frequent_headway_min:g}", band=report.band)
    assert rows[1].text == expected
    stops = [line.stops for line in report.lines]
    details = " ".join(row.detail for row in rows)
    for count in set(stops):
        words = _plural(catalogue, "{count} stop", 0 if count == 1 else 1)
        assert words.format(count=count) in details
