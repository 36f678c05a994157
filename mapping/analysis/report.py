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
from layers.i18n import N_, decimal_point, language, ntr, number, tr
from mapping.project import Project

#: The counting rules, one sentence each, by what is measured.
RULES = {
    "count": N_("Buildings and points are indivisible: each takes the highest hazard class "
                "of any zone it touches (on a raster, of every cell its footprint covers) "
                "and is counted once, in the first area it touches."),
    "length_m": N_("Roads and other lines are split at hazard-zone and area boundaries; each "
                   "piece is measured in metres on the WGS84 ellipsoid."),
    "area_ha": N_("Land use and other polygons are split at hazard-zone and area boundaries; "
                  "each piece is measured in hectares on the WGS84 ellipsoid."),
    "people": N_("People of a polygon layer are split in proportion to area; people of a "
                 "population raster count whole in the zone holding each cell's centre."),
}
COMMON_RULES = (
    N_("A value on a class boundary goes to the lower class; a value at or below the lowest "
       "class's minimum (a depth of exactly 0) is in no class: not exposed."),
    N_("Where hazard zones overlap, the higher class counts; where areas overlap, the first "
       "area in the area layer's order."),
    N_("With an area layer, only what lies inside the areas is counted; without one, what "
       "lies in the project area."),
)
#: The heading of the figures' column, by what is measured.
_COLUMN = {"count": N_("number"), "length_m": N_("metres"), "area_ha": N_("hectares"),
           "people": N_("people")}
_MEASURE_WORDS = {"count": N_("number of features"), "length_m": N_("length (metres)"),
                  "area_ha": N_("area (hectares)"), "people": N_("people")}
#: The totals' rows (the keys are those of the JSON).
_TOTAL_WORDS = {"affected": N_("affected"), "not_affected": N_("not affected"),
                "exposed": N_("exposed"), "not_exposed": N_("not exposed"),
                "total": N_("total")}

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

#: Thousands and decimal separators by language (others: English's).
def _number(value: Any) -> str:
    return number(value)


def _e(text: object) -> str:
    return html.escape(str(text))


def _yes(flag: bool) -> str:
    return tr("yes") if flag else tr("no")


def html_start(title: str) -> str:
    """The start of a report page, up to ``<body>``, in the current language."""
    return (f"<!DOCTYPE html><html lang='{_e(language())}'><head><meta charset='utf-8'>"
            f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>")


def data_dates(meta: Any, created: bool = True) -> str:
    """The dates of the data, in a sentence, with the attribution."""
    dates = [tr("OpenStreetMap data of {date}", date=meta.osm_data_date)
             if meta.osm_data_date else tr("OpenStreetMap data date unknown")]
    if created and meta.created_at:
        dates.append(tr("project created {date}", date=meta.created_at))
    return f"{'; '.join(dates)}. {meta.attribution}"


def h2(text: str) -> str:
    """An ``<h2>`` heading (text escaped)."""
    return "<h2>" + _e(text) + "</h2>"


def header_row(*texts: str) -> str:
    """A table row of ``<th>`` cells (texts escaped)."""
    return "<tr>" + "".join("<th>" + _e(text) + "</th>" for text in texts) + "</tr>"


def data_table_start() -> str:
    return (h2(tr("Data")) + "<table>"
            + header_row(tr("Layer"), tr("Title"), tr("Source"), tr("Imported")))


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


def project_line(project: Project) -> str:
    """``Project: <b>name</b> (file)``."""
    return ("<p>" + _e(tr("Project:")) + f" <b>{_e(project.metadata.name)}</b> "
            f"({_e(project.path.name)})</p>")


def report_title(exposure: str, hazard: str) -> str:
    """The report's title in the current language."""
    return tr("Exposure of {exposure} to {hazard}", exposure=exposure, hazard=hazard)


def report_html(project: Project, result: Any, data: dict, needs: Any = None,
                area_layer: str | None = None, note: str | None = None) -> str:
    """The report as one self-contained HTML page, in the current language
    (:func:`layers.i18n.language`, also its ``lang`` attribute).

    People counted without ``needs`` get the default rates and profile
    (:func:`mapping.analysis.needs.minimum_needs`).
    """
    from mapping.analysis.needs import need_words, period_words, unit_words
    from mapping.render.words import class_label

    measure = data["measure"]
    if needs is None and measure == "people":
        from mapping.analysis.needs import minimum_needs

        needs = minimum_needs(result.classes, result.scheme, measure)
        data = {**data, "displaced": needs.displaced, "needs": needs.needs}
    scheme = result.scheme
    affected = {c.name for c in scheme.classes if c.affected}
    meta = project.metadata
    exposure, hazard = data["exposure"], data["hazard"]
    measure_words = tr(_MEASURE_WORDS[measure])
    title = report_title(exposure, hazard)
    parts = [html_start(title), f"<h1>{_e(title)}</h1>"]
    parts.append(project_line(project))
    if area_layer:
        question = tr("How much of {exposure} ({measure}) lies in each class of the hazard "
                      "{hazard}, in each area of {areas}, and how much of it is affected?",
                      exposure=exposure, measure=measure_words, hazard=hazard,
                      areas=area_layer)
    else:
        question = tr("How much of {exposure} ({measure}) lies in each class of the hazard "
                      "{hazard}, and how much of it is affected?", exposure=exposure,
                      measure=measure_words, hazard=hazard)
    parts.append(h2(tr("The question asked")) + f"<p>{_e(question)}</p><table>")
    for label, value in ((tr("Hazard layer"), hazard), (tr("Exposure"), exposure),
                         (tr("Area layer"), area_layer or tr("none (the project area)")),
                         (tr("Measure"), measure_words)):
        parts.append(f"<tr><th>{_e(label)}</th><td>{_e(value)}</td></tr>")
    parts.append("</table>")

    parts.append(h2(tr("Figures per hazard class")) + "<table>"
                 + header_row(tr("Class"), tr(_COLUMN[measure]), tr("Affected")))
    for name, value in data["classes"].items():
        mark = name in affected
        parts.append(f"<tr class='{'affected' if mark else ''}'><td>{_e(class_label(name))}"
                     f"</td><td class='n'>{_number(value)}</td><td>{_e(_yes(mark))}</td></tr>")
    parts.append("</table><table>")
    for key, value in data["totals"].items():
        label = tr(_TOTAL_WORDS[key]) if key in _TOTAL_WORDS else key.replace("_", " ")
        parts.append(f"<tr><th>{_e(label)}</th><td class='n'>{_number(value)}</td></tr>")
    parts.append("</table>")
    summary = _affected_sentence(measure, exposure, data["totals"])
    if summary:
        parts.append(f"<p>{_e(summary)}</p>")

    classes = list(data["classes"])
    for heading, table, last, row_words in (
            (tr("Figures per area"), data["by_area"], "affected", False),
            (tr("Figures per type"), data["by_type"], None, True)):
        if not table:
            continue
        header = "".join("<th>" + _e(class_label(c)) + "</th>" for c in classes)
        if last:
            header += "<th>" + _e(tr("affected")) + "</th>"
        parts.append(f"<h2>{_e(heading)}</h2><table><tr><th></th>{header}</tr>")
        for row_name, values in table.items():
            cells = "".join(f"<td class='n'>{_number(values[c])}</td>" for c in classes)
            if last:
                cells += f"<td class='n'>{_number(values[last])}</td>"
            shown = tr(row_name) if row_words else row_name
            parts.append(f"<tr><td>{_e(shown)}</td>{cells}</tr>")
        parts.append("</table>")

    parts.append(h2(tr("Displaced people and minimum needs")))
    if needs is not None:
        profile = needs.profile
        displaced = int(data["displaced"])
        parts.append("<p>" + _e(tr("Displaced people:")) + f" <b>{_number(displaced)}</b></p>")
        parts.append("<table>" + header_row(tr("Class"), tr("People"),
                                            tr("Displacement rate")))
        for name, rate in needs.rates.items():
            shown = (tr("{rate} (yours)", rate=_rate(rate)) if name in needs.chosen
                     else _rate(rate))
            parts.append(f"<tr><td>{_e(class_label(name))}</td><td class='n'>"
                         f"{_number(data['classes'][name])}</td>"
                         f"<td class='n'>{_e(shown)}</td></tr>")
        parts.append("</table><p>" + _e(tr("Minimum needs ({profile}):",
                                           profile=tr(profile.name)))
                     + "</p><table>" + header_row(tr("Need"), tr("Amount"), tr("Unit"),
                                                  tr("How often")))
        for item, need in data["needs"].items():
            parts.append(f"<tr><td>{_e(need_words(item))}</td><td class='n'>"
                         f"{_number(need['amount'])}</td><td>{_e(unit_words(need['unit']))}"
                         f"</td><td>{_e(period_words(need['per']))}</td></tr>")
        parts.append("</table><p class='small'>" + _e(tr(
            "Displaced people are the people of each class times its rate, summed and "
            "rounded up; each need is the displaced people times the amount per person, "
            "rounded up: lives are not fractions.")) + "</p>")
        parts.append("<p class='small'>" + _e(tr("Needs: {source}", source=profile.source))
                     + "</p>")
        parts.append("<p class='small'>" + _e(tr("Displacement rates: {source}",
                                                 source=needs.rate_source)) + "</p>")
    else:
        note = note or tr("Displaced people and minimum needs require a population layer.")
        parts.append(f"<p>{_e(note)}</p>")

    if scheme.unit and scheme.attribute:
        described = tr("Hazard classes ({scheme}, unit {unit}, attribute {attribute}):",
                       scheme=scheme.name, unit=scheme.unit, attribute=scheme.attribute)
    elif scheme.unit:
        described = tr("Hazard classes ({scheme}, unit {unit}):", scheme=scheme.name,
                       unit=scheme.unit)
    elif scheme.attribute:
        described = tr("Hazard classes ({scheme}, attribute {attribute}):",
                       scheme=scheme.name, attribute=scheme.attribute)
    else:
        described = tr("Hazard classes ({scheme}):", scheme=scheme.name)
    parts.append(h2(tr("Assumptions")) + f"<p>{_e(described)}</p><table>"
                 + header_row(tr("Class"), tr("Values"), tr("Affected")))
    for c in scheme.classes:
        parts.append(f"<tr><td>{_e(class_label(c.name))}</td>"
                     f"<td>{_e(_interval(c, scheme.unit))}</td>"
                     f"<td>{_e(_yes(c.affected))}</td></tr>")
    parts.append("</table><ul>")
    for sentence in (tr(RULES[measure]), *(tr(rule) for rule in COMMON_RULES),
                     *scheme.notes):
        parts.append(f"<li>{_e(sentence)}</li>")
    parts.append("</ul>" + data_table_start())
    names = [hazard, exposure, *([area_layer] if area_layer else [])]
    found = layer_sources(project, names)
    for name, layer_title, source, added in found:
        shown_title = tr(layer_title) if layer_title.strip() else layer_title
        parts.append(f"<tr><td>{_e(name)}</td><td>{_e(shown_title)}</td>"
                     f"<td>{_e(Path(source).name if '/' in source else source)}</td>"
                     f"<td>{_e(added[:10])}</td></tr>")
    if measure == "people" and exposure not in {row[0] for row in found}:
        what = tr("population raster")
        where = tr("a file read for this analysis, not a project layer")
        parts.append(f"<tr><td>{_e(exposure)}</td><td>{_e(what)}</td><td>{_e(where)}"
                     "</td><td></td></tr>")
    parts.append("</table>")
    parts.append(f"<p class='small'>{_e(data_dates(meta))}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _affected_sentence(measure: str, exposure: str, totals: dict) -> str:
    """How much is affected, in a sentence (counts and people only)."""
    affected = int(round(float(totals.get("affected", 0))))
    if measure == "count":
        return ntr("{count} feature of {exposure} is in an affected class.",
                   "{count} features of {exposure} are in an affected class.", affected,
                   count=_number(affected), exposure=exposure)
    if measure == "people":
        return ntr("About {count} person lives in an affected class.",
                   "About {count} people live in an affected class.", affected,
                   count=_number(affected))
    return ""


def _rate(rate: float) -> str:
    """0.01 -> "1 %", 0.5 -> "50 %"."""
    text = f"{rate * 100:g}"
    return f"{text.replace('.', decimal_point())} %"


def _interval(hazard_class: Any, unit: str = "") -> str:
    """``(0.1, 0.7] m``: above the minimum, up to and including the maximum."""
    low, high = hazard_class.minimum, hazard_class.maximum
    words = ", ".join(hazard_class.values)
    if low is None or high is None:
        return words
    text = f"({low:g}, \u221e)" if math.isinf(high) else f"({low:g}, {high:g}]"
    text = f"{text} {unit}".strip()
    return tr("{interval}; or the words {words}", interval=text, words=words) if words \
        else text


def write_report(target: Path, project: Project, result: Any, data: dict, needs: Any = None,
                 area_layer: str | None = None, note: str | None = None) -> Path:
    """Write the report as ``target`` (.html or .pdf), atomically, in the current
    language (wrap the call in :func:`layers.i18n.using` for another)."""
    text = report_html(project, result, data, needs, area_layer, note)
    return write_page(target, text, report_title(data["exposure"], data["hazard"]))


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
