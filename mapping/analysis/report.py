"""The exposure report: the question asked, the figures, the needs and the assumptions.

:func:`write_report` writes one self-contained HTML page (inline CSS, no link to
the network) or a PDF of the same page, made by Qt's ``QTextDocument`` and
``QPdfWriter`` (QtGui only). The figures are those of the ``--json`` object, so the
report and the JSON always agree. Files are written atomically
(:mod:`mapping.export.safe_write`).
"""

from __future__ import annotations

import html
import math
from pathlib import Path
from typing import Any

from layers.errors import QuartierError
from mapping.project import Project

#: The counting rules, one sentence each, by what is measured.
RULES = {
    "count": "Buildings and points are indivisible: each takes the highest hazard class "
             "of any zone it touches (on a raster, of every cell its footprint covers) and "
             "is counted once, in the first area it touches.",
    "length_m": "Roads and other lines are split at hazard-zone and area boundaries; each "
                "piece is measured in metres on the WGS84 ellipsoid.",
    "area_ha": "Land use and other polygons are split at hazard-zone and area boundaries; "
               "each piece is measured in hectares on the WGS84 ellipsoid.",
    "people": "People of a polygon layer are split in proportion to area; people of a "
              "population raster count whole in the zone holding each cell's centre.",
}
COMMON_RULES = (
    "A value on a class boundary goes to the lower class; a value at or below the lowest "
    "class's minimum (a depth of exactly 0) is in no class: not exposed.",
    "Where hazard zones overlap, the higher class counts; where areas overlap, the first "
    "area in the area layer's order.",
    "With an area layer, only what lies inside the areas is counted; without one, what "
    "lies in the project area.",
)
_UNITS = {"count": "", "length_m": "m", "area_ha": "ha", "people": "people"}
_PER = {"day": "a day", "week": "a week", "month": "a month", "once": "once"}
_MEASURE_WORDS = {"count": "number of features", "length_m": "length (metres)",
                  "area_ha": "area (hectares)", "people": "people"}

_CSS = """
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; color: #222;
       margin: 1.5em; }
h1 { font-size: 16pt; margin-bottom: 0.2em; }
h2 { font-size: 12pt; margin-top: 1.2em; border-bottom: 1px solid #999; }
table { border-collapse: collapse; margin: 0.4em 0; }
th, td { border: 1px solid #bbb; padding: 3px 8px; }
th { background: #eee; text-align: left; }
td.n { text-align: right; }
tr.affected td { background: #fde0dc; }
p.small, li { font-size: 9pt; }
"""


def _number(value: Any) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}"
    return f"{int(value):,}"


def _e(text: object) -> str:
    return html.escape(str(text))


def layer_sources(project: Project, names: list[str]) -> list[tuple[str, str, str, str]]:
    """(name, title, source, added_at) of each named layer of the project, in order."""
    rows: list[tuple[str, str, str, str]] = []
    try:
        records = {r.name: r for r in project.store.registry()}
    except QuartierError:
        return rows
    for name in names:
        record = records.get(name)
        if record is not None:
            rows.append((record.name, record.title, record.source, record.added_at))
    return rows


def report_html(project: Project, result: Any, data: dict, needs: Any = None,
                area_layer: str | None = None, note: str | None = None) -> str:
    """The report as one self-contained HTML page.

    People counted without ``needs`` get the default rates and profile
    (:func:`mapping.analysis.needs.minimum_needs`).
    """
    measure = data["measure"]
    if needs is None and measure == "people":
        from mapping.analysis.needs import minimum_needs

        needs = minimum_needs(result.classes, result.scheme, measure)
        data = {**data, "displaced": needs.displaced, "needs": needs.needs}
    unit = _UNITS[measure]
    scheme = result.scheme
    affected = {c.name for c in scheme.classes if c.affected}
    meta = project.metadata
    parts = [f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Exposure of "
             f"{_e(data['exposure'])} to {_e(data['hazard'])}</title><style>{_CSS}</style>"
             "</head><body>"]
    parts.append(f"<h1>Exposure of {_e(data['exposure'])} to {_e(data['hazard'])}</h1>")
    parts.append(f"<p>Project: <b>{_e(meta.name)}</b> ({_e(project.path.name)})</p>")
    where = f", in each area of {area_layer}" if area_layer else ""
    parts.append(f"<h2>The question asked</h2><p>How much of {_e(data['exposure'])} "
                 f"({_e(_MEASURE_WORDS[measure])}) lies in each class of the hazard "
                 f"{_e(data['hazard'])}{_e(where)}, and how much of it is affected?</p><table>")
    for label, value in (("Hazard layer", data["hazard"]), ("Exposure", data["exposure"]),
                         ("Area layer", area_layer or "none (the project area)"),
                         ("Measure", _MEASURE_WORDS[measure])):
        parts.append(f"<tr><th>{label}</th><td>{_e(value)}</td></tr>")
    parts.append("</table>")

    parts.append("<h2>Figures per hazard class</h2><table><tr><th>Class</th>"
                 f"<th>{_e(unit or 'count')}</th><th>Affected</th></tr>")
    for name, value in data["classes"].items():
        mark = name in affected
        parts.append(f"<tr class='{'affected' if mark else ''}'><td>{_e(name)}</td>"
                     f"<td class='n'>{_number(value)}</td><td>{'yes' if mark else 'no'}"
                     "</td></tr>")
    parts.append("</table><table>")
    for key, value in data["totals"].items():
        parts.append(f"<tr><th>{_e(key.replace('_', ' '))}</th>"
                     f"<td class='n'>{_number(value)}</td></tr>")
    parts.append("</table>")

    classes = list(data["classes"])
    for title, table, last in (("Figures per area", data["by_area"], "affected"),
                               ("Figures per type", data["by_type"], None)):
        if not table:
            continue
        header = "".join(f"<th>{_e(c)}</th>" for c in classes)
        if last:
            header += f"<th>{last}</th>"
        parts.append(f"<h2>{title}</h2><table><tr><th></th>{header}</tr>")
        for row_name, values in table.items():
            cells = "".join(f"<td class='n'>{_number(values[c])}</td>" for c in classes)
            if last:
                cells += f"<td class='n'>{_number(values[last])}</td>"
            parts.append(f"<tr><td>{_e(row_name)}</td>{cells}</tr>")
        parts.append("</table>")

    parts.append("<h2>Displaced people and minimum needs</h2>")
    if needs is not None:
        profile = needs.profile
        parts.append(f"<p>Displaced people: <b>{_number(data['displaced'])}</b></p>")
        parts.append("<table><tr><th>Class</th><th>People</th><th>Displacement rate</th></tr>")
        for name, rate in needs.rates.items():
            parts.append(f"<tr><td>{_e(name)}</td><td class='n'>"
                         f"{_number(data['classes'][name])}</td>"
                         f"<td class='n'>{_e(_rate(rate))}"
                         f"{' (yours)' if name in needs.chosen else ''}</td></tr>")
        parts.append(f"</table><p>Minimum needs ({_e(profile.name)}):</p><table><tr>"
                     "<th>Need</th><th>Amount</th><th>Unit</th><th>How often</th></tr>")
        for item, need in data["needs"].items():
            parts.append(f"<tr><td>{_e(item)}</td><td class='n'>{_number(need['amount'])}"
                         f"</td><td>{_e(need['unit'])}</td><td>{_PER[need['per']]}</td></tr>")
        parts.append("</table><p class='small'>Displaced people are the people of each "
                     "class times its rate, summed and rounded up; each need is the "
                     "displaced people times the amount per person, rounded up: lives are "
                     "not fractions.</p>")
        parts.append(f"<p class='small'>Needs: {_e(profile.source)}</p>")
        parts.append(f"<p class='small'>Displacement rates: {_e(needs.rate_source)}</p>")
    else:
        note = note or "Displaced people and minimum needs require a population layer."
        parts.append(f"<p>{_e(note)}</p>")

    parts.append("<h2>Assumptions</h2><p>Hazard classes "
                 f"({_e(scheme.name)}{', unit ' + _e(scheme.unit) if scheme.unit else ''}"
                 f"{', attribute ' + _e(scheme.attribute) if scheme.attribute else ''}):</p>"
                 "<table><tr><th>Class</th><th>Values</th><th>Affected</th></tr>")
    for c in scheme.classes:
        parts.append(f"<tr><td>{_e(c.name)}</td><td>{_e(_interval(c, scheme.unit))}</td>"
                     f"<td>{'yes' if c.affected else 'no'}</td></tr>")
    parts.append("</table><ul>")
    for sentence in (RULES[measure], *COMMON_RULES, *scheme.notes):
        parts.append(f"<li>{_e(sentence)}</li>")
    parts.append("</ul><h2>Data</h2><table><tr><th>Layer</th><th>Title</th><th>Source</th>"
                 "<th>Imported</th></tr>")
    names = [data["hazard"], data["exposure"], *([area_layer] if area_layer else [])]
    found = layer_sources(project, names)
    for name, title, source, added in found:
        parts.append(f"<tr><td>{_e(name)}</td><td>{_e(title)}</td>"
                     f"<td>{_e(Path(source).name if '/' in source else source)}</td>"
                     f"<td>{_e(added[:10])}</td></tr>")
    if measure == "people" and data["exposure"] not in {row[0] for row in found}:
        parts.append(f"<tr><td>{_e(data['exposure'])}</td><td>population raster</td>"
                     "<td>a file read for this analysis, not a project layer</td>"
                     "<td></td></tr>")
    parts.append("</table>")
    dates = [f"OpenStreetMap data of {meta.osm_data_date}" if meta.osm_data_date else
             "OpenStreetMap data date unknown"]
    if meta.created_at:
        dates.append(f"project created {meta.created_at}")
    parts.append(f"<p class='small'>{_e('; '.join(dates))}. {_e(meta.attribution)}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _rate(rate: float) -> str:
    """0.01 -> "1 %", 0.5 -> "50 %"."""
    return f"{rate * 100:g} %"


def _interval(hazard_class: Any, unit: str = "") -> str:
    """``(0.1, 0.7] m``: above the minimum, up to and including the maximum."""
    low, high = hazard_class.minimum, hazard_class.maximum
    words = ", ".join(hazard_class.values)
    if low is None or high is None:
        return words
    text = f"({low:g}, \u221e)" if math.isinf(high) else f"({low:g}, {high:g}]"
    return f"{text} {unit}".strip() + (f"; or the words {words}" if words else "")


def write_report(target: Path, project: Project, result: Any, data: dict, needs: Any = None,
                 area_layer: str | None = None, note: str | None = None) -> Path:
    """Write the report as ``target`` (.html or .pdf), atomically."""
    text = report_html(project, result, data, needs, area_layer, note)
    return write_page(target, text, f"Exposure of {data['exposure']} to {data['hazard']}")


def write_page(target: Path, text: str, title: str) -> Path:
    """Write an HTML page as ``target``: the page itself (.html) or a PDF of it (.pdf),
    atomically."""
    from mapping.export.safe_write import output_files

    target = Path(target)
    with output_files() as files:
        temporary = files.temporary(target)
        if target.suffix.lower() == ".pdf":
            _write_pdf(temporary, text, title)
        else:
            temporary.write_text(text, encoding="utf-8")
    return target


def _write_pdf(path: Path, text: str, title: str) -> None:
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

    from mapping.export.printing import ensure_gui

    ensure_gui()
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    document = QTextDocument()
    document.setHtml(text)
    document.print_(writer)
    del writer
