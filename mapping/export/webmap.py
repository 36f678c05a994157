"""The offline web map: one HTML file that opens in any browser with no network at all.

Everything the page needs is inside the file: Leaflet (vendored in
``resources/web/leaflet``, BSD-2-Clause, with its images as data URIs), the
drawing script and styles (``resources/web/quartier_webmap.*``), the layers as
JSON and hazard rasters as PNG data URIs. No tiles are fetched: the base map is
drawn from the project's own OpenStreetMap layers, in the colours of the
desktop map. folium builds the page; its default CDN links (Leaflet, jQuery,
Bootstrap, Font Awesome) are switched off, and the finished page is checked to
hold no ``src``/``href`` that would load anything.

Text typed by residents (names, tag values, titles) is HTML-escaped where it
goes into HTML (legend, title, layer switcher, attribution) and travels as
JSON, with ``<``, ``>`` and ``&`` escaped, to be set with ``textContent``.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import math
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from folium.map import Layer
from folium.template import Template

from layers.errors import QuartierError
from layers.i18n import RIGHT_TO_LEFT, language, tr
from mapping.export.report import Progress, report_progress
from mapping.export.safe_write import output_files
from mapping.export.tag_words import day_words
from mapping.export.web_layers import WebLayer, raster_layer, vector_layer
from mapping.project import Project
from mapping.render import registry
from mapping.render.style import GENERIC_LABELS, RESOURCES_DIR, ClassStyle, load_style
from mapping.render.words import layer_title, legend_label

#: Folder of the vendored web assets.
WEB_DIR = RESOURCES_DIR / "web"
#: Layer kinds left out unless asked for by name (derived data).
SKIPPED_KINDS = frozenset({"street_graph"})
#: Layers (and kinds of layers) the page opens on.
FOCUS_KINDS = frozenset({"participatory", "hazard"})
FOCUS_LAYERS = frozenset({"buildings", "pois", "places"})


def export_webmap(project: Project | str | os.PathLike[str], out_path: str | os.PathLike[str],
                  layers: list[str] | None = None, title: str | None = None,
                  include_personal: bool = True, progress: Progress | None = None) -> Path:
    """Write the project as a one-file web map that works offline.

    Parameters
    ----------
    project
        The project (or its file).
    out_path
        The ``.html`` file to write (replaced only once complete).
    layers
        Layers to put on the map (default: every layer but the street graph).
    title
        Title shown over the map (default: the project name).
    include_personal
        Show who mapped a feature and contact details in popups.
    progress
        ``progress(fraction, message)``.

    Returns
    -------
    Path
        ``out_path``.
    """
    project = project if isinstance(project, Project) else Project(project)
    target = Path(out_path)
    style = load_style()
    crs = project.metadata.working_crs
    entries = _choose(registry.scan(project, style, crs), layers)
    west, south, east, north = project.metadata.area_of_interest
    zoom_offset = -math.log2(max(math.cos(math.radians((south + north) / 2)), 0.05))
    kinds = {entry.name: entry.kind for entry in entries}
    web_layers: list[WebLayer] = []
    for number, entry in enumerate(entries):
        report_progress(progress, 0.8 * number / max(len(entries), 1),
                        tr("Adding {layer}", layer=layer_title(entry.title)))
        web_layer = _read(project, entry, crs, zoom_offset, include_personal)
        if web_layer is not None:
            web_layer.spec["order"] = number
            web_layers.append(web_layer)
    report_progress(progress, 0.85, tr("Writing the page"))
    page = build_page(project, web_layers, title or project.metadata.name,
                      _opening_view(web_layers, kinds, (west, south, east, north)))
    check_offline(page)
    with output_files() as files:
        files.temporary(target).write_text(page, encoding="utf-8")
    report_progress(progress, 1.0, tr("Wrote {name}", name=target.name))
    return target


def _opening_view(web_layers: list[WebLayer], kinds: dict[str, str],
                  area: tuple[float, float, float, float]) -> list[list[float]]:
    """Where the page opens: around what people mapped, the hazards and the buildings and
    amenities (not a long road or river at the edge of the extract); else the project area."""
    boxes = [w.bounds for w in web_layers if w.bounds is not None
             and (kinds.get(w.name) in FOCUS_KINDS or w.name in FOCUS_LAYERS)]
    west, south, east, north = area
    if boxes:
        west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
        east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
    return [[south, west], [north, east]]


def _choose(entries: list[registry.LayerEntry], names: list[str] | None
            ) -> list[registry.LayerEntry]:
    """The layers asked for (or all but derived ones), bottom first."""
    entries = sorted(entries, key=lambda e: e.rank)
    if names is None:
        return [e for e in entries if e.kind not in SKIPPED_KINDS]
    known = {e.name for e in entries}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise QuartierError(tr("The project has no layer called {names}; its layers are "
                               "{layers}.", names=", ".join(unknown),
                               layers=", ".join(sorted(known))))
    return [e for e in entries if e.name in set(names)]


def _read(project: Project, entry: registry.LayerEntry, crs: str, zoom_offset: float,
          include_personal: bool) -> WebLayer | None:
    """One layer as the page draws it, or None if it is empty."""
    if entry.source == "hazard_raster":
        store = registry.hazard_store()
        if store is None:
            return None
        return raster_layer(entry, store.read_hazard_raster(project, entry.name))
    frame = project.read_layer(entry.name)
    if not len(frame):
        return None
    web_layer = vector_layer(project, entry, frame, crs, zoom_offset, include_personal)
    return web_layer if web_layer.count else None


def script_json(value: Any) -> str:
    """JSON safe inside a ``<script>``: ``<``, ``>``, ``&`` and line separators escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


class _Raw(Element):
    """Literal HTML, never run through Jinja (Leaflet's source holds ``{#`` and the like)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class _QuartierLayer(Layer):
    """A layer drawn by ``quartierLayer`` (resources/web/quartier_webmap.js)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = quartierLayer({{ this._parent.get_name() }},
                                                  {{ this.spec_json }});
        {% endmacro %}
    """)

    def __init__(self, web_layer: WebLayer) -> None:
        # Leaflet's layer switcher writes names as HTML.
        super().__init__(name=_named(tr(web_layer.title)), overlay=True, control=True,
                         show=web_layer.show)
        self._name = "QuartierLayer"
        self.spec_json = script_json(web_layer.spec)


class _Decorations(MacroElement):
    """Legend, attribution and the initial view, added once every layer exists."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        quartierDecorate({{ this._parent.get_name() }}, {{ this.page_json }});
        {% endmacro %}
    """)

    def __init__(self, page: dict[str, Any]) -> None:
        super().__init__()
        self._name = "QuartierDecorations"
        self.page_json = script_json(page)


def _asset(name: str) -> str:
    return (WEB_DIR / name).read_text(encoding="utf-8")


def leaflet_css() -> str:
    """Leaflet's stylesheet with its images inlined as data URIs."""
    css = _asset("leaflet/leaflet.css")

    def inline(match: re.Match[str]) -> str:
        data = (WEB_DIR / "leaflet" / match.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(data).decode('ascii')})"

    return re.sub(r"url\((images/[a-z0-9-]+\.png)\)", inline, css)


def _inline_assets() -> str:
    scripts = (_asset("leaflet/leaflet.js"), _asset("quartier_webmap.js"))
    styles = (leaflet_css(), _asset("quartier_webmap.css"))
    parts = [f"<style>\n{css}\n</style>" for css in styles]
    # "</script" cannot occur in the vendored scripts; refuse to write a broken page if it did.
    assert not any("</script" in js.lower() for js in scripts)
    parts += [f"<script>\n{js}\n</script>" for js in scripts]
    return "\n".join(parts)


def _named(text: str) -> str:
    """Escaped text a resident may have typed in any script, in a ``<span dir="auto">``
    so that a name in Arabic reads right to left among left-to-right words."""
    return f'<span dir="auto">{html.escape(text)}</span>'


def page_words() -> dict[str, str]:
    """The words the page's script shows itself, in the export's language."""
    return {"zoomIn": tr("Zoom in"), "zoomOut": tr("Zoom out"), "legend": tr("Legend"),
            "layers": tr("Layers"), "close": tr("Close"), "layer": tr("Layer"),
            "map": tr("Map")}


def build_page(project: Project, web_layers: list[WebLayer], title: str,
               bounds: list[list[float]]) -> str:
    """The whole HTML page of the web map, in the current language (:func:`language`)."""
    (south, west), (north, east) = bounds
    fmap = folium.Map(location=[(south + north) / 2, (west + east) / 2], zoom_start=15,
                      tiles=None, control_scale=True, max_zoom=20, zoom_snap=0.5,
                      font_size="13px")
    fmap.default_js = []  # folium's CDN links: Leaflet is inlined instead,
    fmap.default_css = []  # and jQuery, Bootstrap and Font Awesome are not used
    figure = fmap.get_root()
    assert isinstance(figure, Figure)
    figure.title = html.escape(title)
    figure.header.add_child(_Raw('<meta charset="utf-8">'), name="charset", index=0)
    figure.header.add_child(_Raw(_inline_assets()), name="quartier_assets")
    date = day_words(dt.date.today())
    osm_day = project.metadata.osm_data_date[:10]
    try:
        osm_date = day_words(dt.date.fromisoformat(osm_day)) if osm_day else ""
    except ValueError:
        osm_date = osm_day
    subtitle = (tr("Exported from Quartier on {date} · OpenStreetMap data of {osm_date}",
                   date=date, osm_date=osm_date) if osm_date
                else tr("Exported from Quartier on {date}", date=date))
    figure.html.add_child(_Raw(
        f'<div class="q-title"><h1 dir="auto">{html.escape(title)}</h1>'
        f"<p>{html.escape(subtitle)}</p></div>"), name="quartier_title")
    for web_layer in web_layers:
        _QuartierLayer(web_layer).add_to(fmap)
    folium.LayerControl(collapsed=False, position="topright").add_to(fmap)
    attribution = project.metadata.attribution or tr("© OpenStreetMap contributors")
    _Decorations({"legend": legend_html(web_layers), "bounds": bounds,
                  "attribution": [html.escape(attribution)], "words": page_words(),
                  "lang": language()}).add_to(fmap)
    return _with_language(figure.render(), language())


def _with_language(page: str, code: str) -> str:
    """The page's ``<html>`` tag saying its language (and direction, for a right-to-left one):
    browsers pick fonts, hyphenation and screen-reader voices from it."""
    direction = ' dir="rtl"' if code in RIGHT_TO_LEFT else ""
    return re.sub(r"<html(\s[^>]*)?>", f'<html lang="{html.escape(code)}"{direction}>', page,
                  count=1)


# -- legend ---------------------------------------------------------------------------

_SYMBOL_SVG = {
    "circle": '<circle cx="12" cy="12" r="8"/>',
    "square": '<rect x="4.5" y="4.5" width="15" height="15"/>',
    "diamond": '<polygon points="12,2.5 21.5,12 12,21.5 2.5,12"/>',
    "triangle": '<polygon points="12,2.5 21.5,19.5 2.5,19.5"/>',
    "cross": '<circle cx="12" cy="12" r="9"/><path d="M10.25 7.5h3.5v2.75h2.75v3.5h-2.75'
             'v2.75h-3.5v-2.75h-2.75v-3.5h2.75z" fill="#fff" stroke="none"/>',
}


def _attr(colour: str | None, default: str = "none") -> str:
    return html.escape(colour or default, quote=True)


def swatch_svg(kind: str, value: Any, dots: bool = False) -> str:
    """A small SVG picture of one legend line (colours come from the style or are checked)."""
    head = '<svg xmlns="http://www.w3.org/2000/svg" width="22" height="16" viewBox="0 0 24 18">'
    if kind in ("raster", "line") and isinstance(value, str):
        if kind == "raster":
            return f'{head}<rect x="2" y="2" width="20" height="14" fill="{_attr(value)}"/></svg>'
        return (f'{head}<line x1="2" y1="9" x2="22" y2="9" stroke="{_attr(value)}" '
                'stroke-width="4" stroke-linecap="round"/></svg>')
    rule: ClassStyle = value
    if rule.symbol:
        shape = _SYMBOL_SVG["circle" if dots else rule.symbol]
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" '
                f'viewBox="0 0 24 24" fill="{_attr(rule.fill)}" stroke="{_attr(rule.stroke)}" '
                f'stroke-width="2">{shape}</svg>')
    if rule.fill:
        return (f'{head}<rect x="2" y="2" width="20" height="14" fill="{_attr(rule.fill)}" '
                f'fill-opacity="{max(rule.fill_opacity, 0.35)}" '
                f'stroke="{_attr(rule.stroke, rule.fill)}" stroke-width="1.5"/></svg>')
    dash = f' stroke-dasharray="{" ".join(f"{d:g}" for d in rule.dash)}"' if rule.dash else ""
    casing = (f'<line x1="2" y1="9" x2="22" y2="9" stroke="{_attr(rule.casing)}" '
              'stroke-width="6"/>' if rule.casing else "")
    return (f'{head}{casing}<line x1="2" y1="9" x2="22" y2="9" '
            f'stroke="{_attr(rule.stroke, "#888")}" stroke-width="3.5"{dash}/></svg>')




def _sentence_case(label: str) -> str:
    """A class as a legend line: "not exposed" (as an analysis stores it) -> "Not exposed"."""
    return label[:1].upper() + label[1:]


def legend_html(web_layers: list[WebLayer]) -> str:
    """The legend box, top layer first; every text is escaped."""
    parts = [f"<details open><summary>{html.escape(tr('Legend'))}</summary>"]
    for web_layer in reversed(web_layers):
        dots = not web_layer.spec.get("vectorSymbols", True)
        shown = [(label, kind, value) for label, kind, value in web_layer.legend
                 if kind != "class" or value.fill or value.stroke or value.symbol]
        title = layer_title(web_layer.title)
        if len(shown) == 1 and shown[0][0] in GENERIC_LABELS:
            # A layer drawn in one default style (evacuation routes): its title alone.
            _label, kind, value = shown[0]
            parts.append(f"<h4 dir=\"auto\">{swatch_svg(kind, value, dots)} "
                         f"{html.escape(title)}</h4>")
            continue
        # Class labels are the style's words (translated); a line's label is its name.
        lines = [f"<li>{swatch_svg(kind, value, dots)}<span dir=\"auto\">"
                 f"{html.escape(_sentence_case(legend_label(label)) if kind != 'line' else label)}"
                 "</span></li>" for label, kind, value in shown]
        if lines:  # place names have no swatch, hence no legend
            parts.append(f"<h4 dir=\"auto\">{html.escape(title)}</h4>"
                         f"<ul>{''.join(lines)}</ul>")
    parts.append("</details>")
    return "".join(parts)


# -- the offline check ----------------------------------------------------------------

class _LinkFinder(HTMLParser):
    """Collects every ``src``/``href`` of the page's tags (script bodies are not tags)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href", "srcset", "data") and value:
                self.links.append((tag, name, value))


def external_links(page: str) -> list[tuple[str, str, str]]:
    """Tags of ``page`` that would load something from the network (tag, attribute, URL)."""
    finder = _LinkFinder()
    finder.feed(page)
    return [(tag, name, value) for tag, name, value in finder.links
            if tag != "a" and re.match(r"^\s*(https?:|//|ftp:|wss?:)", value, re.IGNORECASE)]


def check_offline(page: str) -> None:
    """Refuse to write a page that would reach the network (a bug, not a user error)."""
    links = external_links(page)
    if links:
        raise RuntimeError(f"The web map would load {links[0][2]} from the network.")
