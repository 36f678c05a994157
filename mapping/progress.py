"""Campaign indicators: what a mapping programme reports to its funder.

How many facilities, transport lines, stops and risk zones are on the map and how many
a facilitator has verified; per area (wards, a grid), per contributor, per mapping
session, and day by day. Everything is read from the project's store: the features as
they are now and the edit history (who created each one, in which session and when,
and who verified it). Qt-free; the report is an HTML page or its PDF
(:func:`mapping.analysis.report.write_page`).

Counting rules, chosen so that the figures add up:

* a feature is **mapped** if it is on the map now (deleted ones do not count), and is
  credited to whoever created it (the first row of its history) in that session, on
  that day;
* it is **verified** if its review status is verified now, credited to whoever last
  marked it so (a ``review`` row whose attributes say ``verified``);
* by area, a feature belongs to the first area (in the area layer's order) that a
  point on it (``point_on_surface``) touches; features outside every area are left out
  of the area table and counted in ``outside``;
* day by day, ``mapped_total`` counts the features on the map now that had been created
  by the end of that day (so the last day equals the total), and ``verified_total``
  likewise; ``edits`` counts every saved change that day (undo and redo included).
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from layers.i18n import N_, language, ntr, tr
from layers.participatory import ParticipatoryLayer, ReviewStatus
from mapping.edit_history import EditAction, Feature, HistoryEntry
from mapping.project import Project

#: The layers a campaign counts, in the order they are reported.
LAYERS = tuple(ParticipatoryLayer)
#: How each layer is named in reports (in English: translated where shown).
LAYER_WORDS = {ParticipatoryLayer.FACILITIES: N_("Facilities"),
               ParticipatoryLayer.TRANSPORT_LINES: N_("Transport lines"),
               ParticipatoryLayer.TRANSPORT_STOPS: N_("Transport stops"),
               ParticipatoryLayer.RISK_ZONES: N_("Risk zones")}


@dataclass
class CampaignProgress:
    """The indicators of one project (see the module doc for the counting rules)."""

    #: Project name.
    project: str
    #: Layer -> {"mapped": n, "verified": n}.
    layers: dict[str, dict[str, int]]
    #: Contributor -> {"mapped": {layer: n}, "verified": n, "edits": n}.
    by_contributor: dict[str, dict[str, Any]]
    #: Session name -> {"mapped": {layer: n}, "edits": n, "contributors": n, "started": at}.
    by_session: dict[str, dict[str, Any]]
    #: Day (YYYY-MM-DD) rows, oldest first.
    over_time: list[dict[str, Any]]
    #: Area -> layer -> {"mapped": n, "verified": n}; empty without an area layer.
    by_area: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    #: Features outside every area (with an area layer).
    outside: int = 0

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` object (documented in the README)."""
        data: dict[str, Any] = {"project": self.project, "layers": self.layers,
                                "by_contributor": self.by_contributor,
                                "by_session": self.by_session, "over_time": self.over_time}
        if self.by_area:
            data["by_area"] = self.by_area
            data["outside_areas"] = self.outside
        return data


def campaign_progress(project: Project, by: str | None = None,
                      by_field: str | None = None) -> CampaignProgress:
    """The indicators of ``project``, per area of ``by`` when given."""
    store = project.store
    current: dict[str, list[Feature]] = {str(layer): store.read_features(layer)
                                         for layer in LAYERS}
    history = store.read_history()
    sessions = {s.id: s for s in store.mapping_sessions()}
    created: dict[tuple[str, str], HistoryEntry] = {}
    verified_by: dict[tuple[str, str], HistoryEntry] = {}
    edits_by: Counter[str] = Counter()
    edits_on: Counter[str] = Counter()
    edits_in: Counter[str] = Counter()
    for entry in history:
        key = (entry.layer, entry.uuid)
        created.setdefault(key, entry)
        if entry.action is EditAction.REVIEW and \
                entry.attributes.get("review_status") == ReviewStatus.VERIFIED:
            verified_by[key] = entry
        edits_by[_who(entry.contributor)] += 1
        edits_on[_day(entry.at)] += 1
        edits_in[_session(entry.mapping_session, sessions)] += 1

    layers: dict[str, dict[str, int]] = {}
    by_contributor: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"mapped": {str(layer): 0 for layer in LAYERS}, "verified": 0, "edits": 0})
    by_session: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"mapped": {str(layer): 0 for layer in LAYERS}, "edits": 0,
                 "contributors": set(), "started": ""})
    mapped_on: Counter[str] = Counter()
    verified_on: Counter[str] = Counter()
    for layer, features in current.items():
        verified = [f for f in features if f.review_status is ReviewStatus.VERIFIED]
        layers[layer] = {"mapped": len(features), "verified": len(verified)}
        for feature in features:
            first = created.get((layer, feature.uuid))
            who = _who(first.contributor if first else feature.contributor)
            session = _session(first.mapping_session if first else feature.mapping_session,
                               sessions)
            by_contributor[who]["mapped"][layer] += 1
            by_session[session]["mapped"][layer] += 1
            mapped_on[_day(first.at if first else feature.created_at)] += 1
        for feature in verified:
            review = verified_by.get((layer, feature.uuid))
            by_contributor[_who(review.contributor if review else "")]["verified"] += 1
            verified_on[_day(review.at if review else feature.modified_at)] += 1
    for who, count in edits_by.items():
        by_contributor[who]["edits"] = count
    for entry in history:
        name = _session(entry.mapping_session, sessions)
        by_session[name]["contributors"].add(_who(entry.contributor))
        if not by_session[name]["started"]:
            recorded = sessions.get(entry.mapping_session or "")
            by_session[name]["started"] = (recorded.started_at
                                           if recorded and recorded.started_at else entry.at)
    for name, count in edits_in.items():
        by_session[name]["edits"] = count
    sessions_out = {name: {**values, "contributors": len(values["contributors"])}
                    for name, values in sorted(by_session.items(),
                                               key=lambda item: item[1]["started"])}

    days = sorted((set(edits_on) | set(mapped_on) | set(verified_on)) - {""})
    over_time = []
    mapped_total = verified_total = 0
    for day in days:
        mapped_total += mapped_on[day]
        verified_total += verified_on[day]
        over_time.append({"date": day, "added": mapped_on[day], "verified": verified_on[day],
                          "edits": edits_on[day], "mapped_total": mapped_total,
                          "verified_total": verified_total})

    result = CampaignProgress(project=project.metadata.name, layers=layers,
                              by_contributor=dict(sorted(by_contributor.items())),
                              by_session=sessions_out, over_time=over_time)
    if by is not None:
        result.by_area, result.outside = _by_area(project, current, by, by_field)
    return result


def _by_area(project: Project, current: dict[str, list[Feature]], by: str,
             by_field: str | None) -> tuple[dict[str, dict[str, dict[str, int]]], int]:
    from mapping.analysis._inputs import load_areas
    from mapping.analysis._overlay import first_area

    areas = load_areas(project, by, by_field)
    table = {name: {str(layer): {"mapped": 0, "verified": 0} for layer in LAYERS}
             for name in areas.names}
    outside = 0
    for layer, features in current.items():
        if not features:
            continue
        points = shapely.point_on_surface(np.array([f.geometry for f in features],
                                                   dtype=object))
        where = first_area(points, areas.geometries)
        for feature, index in zip(features, where.tolist(), strict=True):
            if index < 0:
                outside += 1
                continue
            counts = table[areas.names[index]][layer]
            counts["mapped"] += 1
            counts["verified"] += feature.review_status is ReviewStatus.VERIFIED
    return table, outside


def _who(name: str | None) -> str:
    return name or "(not recorded)"


def _session(session_id: str | None, sessions: dict) -> str:
    if not session_id:
        return "(no session)"
    found = sessions.get(session_id)
    return found.name if found is not None and found.name else session_id


def _day(at: str | None) -> str:
    """The UTC day of a stored time (``2026-12-07T09:30:00.000Z``)."""
    if not at:
        return ""
    try:
        return dt.datetime.fromisoformat(at.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return at[:10]


# ---------------------------------------------------------------- text and report


def progress_text(progress: CampaignProgress) -> str:
    """The indicators as plain text tables (what ``quartier progress`` prints), in the
    current language."""
    words = {layer: tr(LAYER_WORDS[layer]) for layer in LAYERS}
    mapped, verified = tr("mapped"), tr("verified")
    # Columns as wide as their words in this language ("vilivyothibitishwa").
    first = max(18, *(len(word) + 1 for word in words.values()))
    second, third = max(8, len(mapped)), max(9, len(verified))
    lines = [tr("Mapping progress of {project}", project=progress.project), "",
             f"{'':<{first}}{mapped:>{second}} {verified:>{third}}"]
    for layer in LAYERS:
        counts = progress.layers[str(layer)]
        lines.append(f"{words[layer]:<{first}}{counts['mapped']:>{second}} "
                     f"{counts['verified']:>{third}}")
    if progress.by_area:
        lines += ["", tr("By area (mapped / verified)")]
        for name, layers in progress.by_area.items():
            parts = ", ".join(f"{words[ParticipatoryLayer(layer)].lower()} "
                              f"{c['mapped']}/{c['verified']}" for layer, c in layers.items()
                              if c["mapped"])
            lines.append(f"  {name}: {parts or tr('nothing mapped yet')}")
        if progress.outside:
            lines.append("  " + tr("outside every area: {count}", count=progress.outside))
    lines += ["", tr("By contributor (mapped, verified, edits)")]
    for who, values in progress.by_contributor.items():
        lines.append("  " + tr("{who}: mapped {mapped}, verified {verified}, edits {edits}",
                               who=who, mapped=sum(values["mapped"].values()),
                               verified=values["verified"], edits=values["edits"]))
    lines += ["", tr("By mapping session (mapped, edits, contributors)")]
    for name, values in progress.by_session.items():
        lines.append("  " + tr("{session}: mapped {mapped}, edits {edits}, contributors "
                               "{contributors}", session=name,
                               mapped=sum(values["mapped"].values()), edits=values["edits"],
                               contributors=values["contributors"]))
    lines += ["", tr("Day by day (added, verified, edits; on the map so far)")]
    for row in progress.over_time:
        lines.append("  " + tr("{day}: mapped +{added}, verified +{verified}, edits {edits}; "
                               "so far mapped {mapped}, verified {verified_total}",
                               day=row["date"], added=row["added"], verified=row["verified"],
                               edits=row["edits"], mapped=row["mapped_total"],
                               verified_total=row["verified_total"]))
    return "\n".join(lines) + "\n"


def write_progress_report(target: Path, progress: CampaignProgress) -> Path:
    """The indicators as an HTML page or a PDF of it (``target``'s suffix), atomically,
    in the current language."""
    from mapping.analysis.report import write_page

    return write_page(Path(target), progress_html(progress),
                      tr("Mapping progress of {project}", project=progress.project))


def progress_html(progress: CampaignProgress) -> str:
    """One self-contained HTML page: tables and a bar per day (no script, no network)."""
    e = html.escape
    words = {layer: e(tr(LAYER_WORDS[layer])) for layer in LAYERS}
    mapped, verified, edits = e(tr("mapped")), e(tr("verified")), e(tr("edits"))
    rows = "".join(f"<tr><td>{words[layer]}</td>"
                   f"<td class=n>{progress.layers[str(layer)]['mapped']}</td>"
                   f"<td class=n>{progress.layers[str(layer)]['verified']}</td></tr>"
                   for layer in LAYERS)
    made = tr("Made {date} from the project's features and edit history. A feature counts as "
              "mapped while it is on the map; verified when a facilitator has checked it.",
              date=dt.date.today().isoformat())
    parts = [f"<h1>{e(tr('Mapping progress of {project}', project=progress.project))}</h1>",
             f"<p class=small>{e(made)}</p>",
             f"<h2>{e(tr('What is on the map'))}</h2><table><tr><th></th><th>{mapped}</th>"
             f"<th>{verified}</th></tr>{rows}</table>"]
    if progress.by_area:
        head = "".join(f"<th>{words[layer]}</th>" for layer in LAYERS)
        body = "".join(
            f"<tr><td>{e(name)}</td>" + "".join(
                f"<td class=n>{c['mapped']} / {c['verified']}</td>" for c in layers.values())
            + "</tr>" for name, layers in progress.by_area.items())
        parts.append(f"<h2>{e(tr('By area (mapped / verified)'))}</h2><table><tr>"
                     f"<th>{e(tr('area'))}</th>{head}</tr>{body}</table>")
        if progress.outside:
            parts.append("<p class=small>" + e(ntr(
                "{n} feature lies outside every area.", "{n} features lie outside every area.",
                progress.outside)) + "</p>")
    body = "".join(f"<tr><td>{e(who)}</td><td class=n>{sum(v['mapped'].values())}</td>"
                   f"<td class=n>{v['verified']}</td><td class=n>{v['edits']}</td></tr>"
                   for who, v in progress.by_contributor.items())
    parts.append(f"<h2>{e(tr('By contributor'))}</h2><table><tr><th>{e(tr('who'))}</th>"
                 f"<th>{mapped}</th><th>{verified}</th><th>{edits}</th></tr>{body}</table>")
    body = "".join(f"<tr><td>{e(name)}</td><td>{e(str(v['started'])[:10])}</td>"
                   f"<td class=n>{sum(v['mapped'].values())}</td><td class=n>{v['edits']}</td>"
                   f"<td class=n>{v['contributors']}</td></tr>"
                   for name, v in progress.by_session.items())
    parts.append(f"<h2>{e(tr('By mapping session'))}</h2><table><tr>"
                 f"<th>{e(tr('session'))}</th><th>{e(tr('started'))}</th><th>{mapped}</th>"
                 f"<th>{edits}</th><th>{e(tr('contributors'))}</th></tr>{body}</table>")
    top = max([row["mapped_total"] for row in progress.over_time] + [1])
    # The bar is drawn with block characters: the same in a browser and in the PDF.
    body = "".join(
        f"<tr><td width='22%'>{row['date']}</td><td class=n>+{row['added']}</td>"
        f"<td class=n>+{row['verified']}</td><td class=n>{row['mapped_total']}</td>"
        f"<td width='30%' style='color:#2a7ab0'>"
        f"{'█' * max(1, round(12 * row['mapped_total'] / top))}</td></tr>"
        for row in progress.over_time)
    parts.append(f"<h2>{e(tr('Day by day'))}</h2><table><tr><th>{e(tr('day'))}</th>"
                 f"<th>{e(tr('added'))}</th><th>{verified}</th>"
                 f"<th>{e(tr('on the map'))}</th><th></th></tr>{body}</table>")
    from mapping.analysis.report import _CSS

    title = e(tr("Mapping progress"))
    return (f"<!DOCTYPE html><html lang='{language()}'><head><meta charset='utf-8'>"
            f"<title>{title}</title><style>{_CSS}</style></head>"
            f"<body>{''.join(parts)}</body></html>")
