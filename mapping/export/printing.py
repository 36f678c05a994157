"""Printed maps: A4 or A3 pages as PDF (vector, searchable text) or PNG, from ready templates.

A page has a title, subtitle and date, the map in a frame with latitude and
longitude ticks at its edges, a scale bar and a north arrow, a panel with the
legend and a list (shelters, routes or facilities, see
:mod:`mapping.export.print_templates`) and the attribution.

The map is the canvas map: the same :class:`~mapping.render.renderer.MapRenderer`
layers, style and labels, drawn straight onto the page's painter. In a PDF the
map stays vectors (lines, areas and labels as paths; titles, legend and lists as
real text a reader can search), which print sharp at any size and stay small;
only point symbols, building-density dots and hazard rasters are images, drawn
at the export resolution. The style is scaled to that resolution
(:mod:`mapping.export.print_style`) so lines and text have on paper the size
they have on a 96 dpi screen. A PNG is the same page painted on an image.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QLineF, QMarginsF, QPointF, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
)

from layers.errors import QuartierError
from layers.i18n import tr
from mapping.export import print_analysis, print_content, print_service
from mapping.export.print_frame import draw_furniture, draw_grid_ticks, furniture_boxes
from mapping.export.print_panel import (
    SHELTER_TEXT,
    PanelRow,
    draw_badge,
    draw_crosses,
    draw_rows,
    flow,
    page_font,
)
from mapping.export.print_style import SCREEN_DPI, scaled_style
from mapping.export.print_templates import PrintTemplate, expand, load_template, paper_size
from mapping.export.report import Progress, report_progress
from mapping.export.safe_write import output_files
from mapping.export.tag_words import day_words
from mapping.project import QUARTIER_VERSION, Project
from mapping.render import registry
from mapping.render.draw import DrawContext, draw_vector_layer
from mapping.render.hazard_draw import HazardOverlay, draw_hazard_overlay
from mapping.render.label_candidates import layer_candidates
from mapping.render.labels import LabelCandidate, TextCache, draw_labels, place_labels
from mapping.render.layer_cache import LayerData
from mapping.render.renderer import MapRenderer
from mapping.render.style import LabelStyle, load_style
from mapping.render.view import MapView

#: Default resolution of a PDF's images (symbols, hazard rasters) and of a PNG.
DEFAULT_DPI = {".pdf": 300, ".png": 200}
#: Smallest ground span the map shows when fitted to a few features, metres.
MIN_SPAN_M = 600.0
#: Share of the map left around the features it is fitted to.
FIT_MARGIN = 0.1
#: Where the town is, when a template's subject is not mapped yet: what residents
#: mapped, reference surveys, buildings, POIs and place names (within the project's
#: area); the project's area itself when none of these has a feature.
FALLBACK_FOCUS = ("@participatory", "@reference", "buildings", "pois", "places")
#: Shelter names on the risk map are placed before any other name.
SHELTER_LABEL_PRIORITY = 98.0
_app: QGuiApplication | None = None


def ensure_gui() -> None:
    """Start Qt's GUI machinery (fonts, painting) if nothing has; offscreen without a screen."""
    global _app
    if QGuiApplication.instance() is not None:
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication([])


@dataclass(frozen=True)
class Page:
    """The sheet of paper, measured in device pixels at ``dpi``."""

    width_mm: float
    height_mm: float
    dpi: float
    #: Text size factor (A3 is read from further away).
    text: float

    def mm(self, value: float) -> float:
        """Millimetres in device pixels."""
        return value / 25.4 * self.dpi

    def pt(self, value: float) -> float:
        """Points (1/72 inch) in device pixels, scaled with the paper."""
        return value / 72.0 * self.dpi * self.text

    @property
    def size(self) -> tuple[int, int]:
        """Page size in whole device pixels."""
        return round(self.mm(self.width_mm)), round(self.mm(self.height_mm))

    @property
    def landscape(self) -> bool:
        return self.width_mm > self.height_mm


@dataclass(frozen=True)
class Layout:
    """Where everything goes on the page, device pixels."""

    header: QRectF
    frame: QRect
    panel: QRectF
    panel_columns: int
    footer: QRectF


def plan(page: Page) -> Layout:
    """Header on top, footer at the foot, the map and the panel between (panel on the right
    in landscape, under the map in portrait)."""
    margin = page.mm(10.0 if page.width_mm < 400 else 12.0)
    width, height = (page.mm(page.width_mm), page.mm(page.height_mm))
    header = QRectF(margin, margin, width - 2 * margin, page.pt(40))
    footer = QRectF(margin, height - margin - page.pt(20), width - 2 * margin, page.pt(20))
    ticks = page.pt(11)  # room for the coordinate labels around the frame
    top = header.bottom() + page.mm(3) + ticks
    bottom = footer.top() - page.mm(2) - ticks
    if page.landscape:
        panel_w = (width - 2 * margin) * 0.27
        frame = QRectF(margin + ticks, top, width - 2 * margin - panel_w - 2 * ticks - page.mm(4),
                       bottom - top)
        panel = QRectF(width - margin - panel_w, header.bottom() + page.mm(4), panel_w,
                       footer.top() - header.bottom() - page.mm(6))
        columns = 1 if page.width_mm < 400 else 2
    else:
        panel_h = (bottom - top) * 0.30
        frame = QRectF(margin + ticks, top, width - 2 * margin - 2 * ticks,
                       bottom - top - panel_h - ticks - page.mm(3))
        panel = QRectF(margin, frame.bottom() + ticks + page.mm(3), width - 2 * margin,
                       bottom + ticks - (frame.bottom() + ticks + page.mm(3)))
        columns = 3
    return Layout(header, frame.toRect(), panel, columns, footer)


def export_print(project: Project | str | os.PathLike[str], out_path: str | os.PathLike[str],
                 template: str = "overview", paper: str = "A4",
                 orientation: str = "landscape", title: str | None = None,
                 subtitle: str | None = None, dpi: int | None = None,
                 include_personal: bool = True,
                 extent: tuple[float, float, float, float] | None = None,
                 progress: Progress | None = None, hazard: str | None = None) -> Path:
    """Print a ready-made map of the project to a PDF or PNG file.

    Parameters
    ----------
    project
        The project (or its file).
    out_path
        ``.pdf`` or ``.png`` file to write (replaced only once complete).
    template
        "facility", "risk", "transport" or "overview" (or a template file's name).
    paper, orientation
        "A4" or "A3"; "portrait" or "landscape".
    title, subtitle
        Text on top of the page (default: the project name and the template's title).
    dpi
        Resolution of the PNG, or of the images inside the PDF (default 200 / 300).
    include_personal
        Print contact telephone numbers of shelters.
    extent
        Area to print (minx, miny, maxx, maxy in the project's working CRS, e.g. what
        the map window shows); default: the template's focus, else the whole project.
    progress
        ``progress(fraction, message)``.
    hazard
        Templates with analysis figures ("risk"): the hazard layer whose exposed
        buildings are counted (default: the one the evacuation routes avoid, else the
        top hazard layer of the map).

    Returns
    -------
    Path
        ``out_path``.
    """
    target = Path(out_path)
    suffix = target.suffix.lower()
    if suffix not in DEFAULT_DPI:
        raise QuartierError(tr("A printed map is a .pdf or a .png file, not {name}.",
                               name=target.name))
    resolution = int(dpi or DEFAULT_DPI[suffix])
    if not 50 <= resolution <= 1200:
        raise QuartierError(tr("Choose a resolution between {low} and {high} dpi, not {dpi}.",
                               low=50, high=1200, dpi=resolution))
    report_progress(progress, 0.05, tr("Reading the layers"))
    sheet = prepare_sheet(project, template, paper, orientation, title, subtitle, resolution,
                          include_personal, extent, hazard=hazard)
    report_progress(progress, 0.3, tr("Drawing the map"))
    with output_files() as files:
        temporary = files.temporary(target)
        if suffix == ".pdf":
            writer = QPdfWriter(str(temporary))
            writer.setResolution(int(sheet.page.dpi))
            writer.setTitle(sheet.texts.title)
            writer.setCreator(f"Quartier {QUARTIER_VERSION}")
            writer.setPageLayout(QPageLayout(
                QPageSize(QSizeF(sheet.page.width_mm, sheet.page.height_mm),
                          QPageSize.Unit.Millimeter),
                QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
            painter = QPainter(writer)
            try:
                sheet.draw(painter)
            finally:
                painter.end()
            del writer
        else:
            image = sheet.image()
            if not image.convertToFormat(QImage.Format.Format_RGB32).save(str(temporary)):
                raise QuartierError(tr("Cannot write {path}: the image could not be saved.",
                                       path=target))
        report_progress(progress, 0.95, tr("Writing {name}", name=target.name))
    report_progress(progress, 1.0, tr("Wrote {name}", name=target.name))
    return target


def render_preview(project: Project | str | os.PathLike[str], template: str = "overview",
                   paper: str = "A4", orientation: str = "landscape",
                   title: str | None = None, subtitle: str | None = None,
                   include_personal: bool = True,
                   extent: tuple[float, float, float, float] | None = None,
                   dpi: int = 50, hazard: str | None = None) -> QImage:
    """The page :func:`export_print` would print, as a small image for a print dialog.

    The same code draws it, at a low resolution: what the preview shows is what
    the paper gets (text and lines keep their size on paper, so they are only
    smaller on screen). Safe to call from a worker thread (it paints a QImage).
    """
    return prepare_sheet(project, template, paper, orientation, title, subtitle, dpi,
                         include_personal, extent, hazard=hazard).image()


@dataclass(frozen=True)
class Sheet:
    """A page ready to paint: paper, layout, the map's renderer and view, texts."""

    page: Page
    layout: Layout
    renderer: MapRenderer
    view: MapView
    template: PrintTemplate
    shelters: list[print_content.Shelter]
    texts: _Texts
    project: Project
    #: The evacuation routes to draw (analysis templates), or None.
    evacuation: print_analysis.Evacuation | None = None
    #: The figures box (analysis templates): exposure and evacuation in words.
    figures: tuple[PanelRow, ...] = ()

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """The map area the frame shows, (minx, miny, maxx, maxy) in the working CRS."""
        return self.view.extent()

    def draw(self, painter: QPainter) -> None:
        """Paint the page on ``painter`` (a PDF writer's or an image's)."""
        draw_page(painter, self.page, self.layout, self.renderer, self.view, self.template,
                  self.shelters, self.texts, self.project, self.evacuation, list(self.figures))

    def image(self) -> QImage:
        """The page painted on a white image at the page's resolution."""
        width, height = self.page.size
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("#ffffff"))
        dots_per_metre = round(self.page.dpi / 0.0254)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        painter = QPainter(image)
        try:
            self.draw(painter)
        finally:
            painter.end()
        return image


def print_extent(project: Project | str | os.PathLike[str], template: str = "overview",
                 paper: str = "A4", orientation: str = "landscape",
                 include_personal: bool = True,
                 extent: tuple[float, float, float, float] | None = None
                 ) -> tuple[float, float, float, float]:
    """The map area :func:`export_print` would print in the frame with these options,
    (minx, miny, maxx, maxy) in the project's working CRS."""
    return prepare_sheet(project, template, paper, orientation, None, None, 50,
                         include_personal, extent).extent


def prepare_sheet(project: Project | str | os.PathLike[str], template: str, paper: str,
                  orientation: str, title: str | None, subtitle: str | None, dpi: int,
                  include_personal: bool,
                  extent: tuple[float, float, float, float] | None,
                  hazard: str | None = None) -> Sheet:
    """Read what a page needs: the template, the layers, where the map goes, the words.

    Raises
    ------
    QuartierError
        Unknown template, paper or orientation; resolution out of range; an empty area.
    """
    chosen = load_template(template)
    width_mm, height_mm = paper_size(paper, orientation)
    if not 20 <= dpi <= 1200:
        raise QuartierError(tr("Choose a resolution between {low} and {high} dpi, not {dpi}.",
                               low=20, high=1200, dpi=dpi))
    if extent is not None and not (extent[2] > extent[0] and extent[3] > extent[1]):
        raise QuartierError(tr("The area to print is empty: zoom the map out and try again."))
    ensure_gui()
    project = project if isinstance(project, Project) else Project(project)
    page = Page(width_mm, height_mm, dpi, 1.0 if width_mm * height_mm < 70000 else 1.2)
    renderer = MapRenderer(project, style=scaled_style(load_style(), dpi / SCREEN_DPI))
    _apply(chosen, renderer)
    evacuation = None
    figures: tuple[PanelRow, ...] = ()
    if chosen.analysis:
        kinds = {s.name: s.kind for s in renderer.layer_states()}
        if hazard is not None and kinds.get(hazard) != "hazard":
            hazards = [n for n, k in kinds.items() if k == "hazard"]
            raise QuartierError(
                tr("There is no hazard layer called {name} in {project}; its hazard layers "
                   "are {layers}.", name=repr(hazard), project=project.path.name,
                   layers=", ".join(hazards)) if hazards
                else tr("There is no hazard layer called {name} in {project}; it has no hazard "
                        "layer yet.", name=repr(hazard), project=project.path.name))
        # The routes are drawn in their own style, under the shelters (not as a layer).
        if print_analysis.ROUTES_LAYER in kinds:
            renderer.set_visible(print_analysis.ROUTES_LAYER, False)
        evacuation, figures = print_analysis.analysis_for(project, renderer, hazard)
    if chosen.service:
        figures = print_service.service_figures(project)
    layout = plan(page)
    routes_box = evacuation.extent() if evacuation is not None else None
    area = extent if extent is not None else _extent(
        chosen, renderer, project, include_personal, [routes_box] if routes_box else [])
    view = MapView.fit(area, layout.frame.width(), layout.frame.height(),
                       0.0 if extent is not None else FIT_MARGIN)
    shelters = print_content.find_shelters(project, renderer, include_personal)
    if evacuation is not None:
        shelters = print_content.routed_shelters(project, shelters, evacuation)
    texts = _Texts(title or tr("{project} — {map}", project=project.metadata.name,
                               map=tr(chosen.title)),
                   tr(chosen.subtitle) if subtitle is None else subtitle, project, paper.upper(),
                   view, dpi)
    return Sheet(page, layout, renderer, view, chosen, shelters, texts, project, evacuation,
                 figures)


def _apply(template: PrintTemplate, renderer: MapRenderer) -> None:
    """Show and hide layers as the template says."""
    kinds = {s.name: s.kind for s in renderer.layer_states()}
    for name in expand(template.hide, kinds):
        if name in kinds:
            renderer.set_visible(name, False)
    for name in expand(template.show, kinds):
        if name in kinds:
            renderer.set_visible(name, True)


def _extent(template: PrintTemplate, renderer: MapRenderer, project: Project,
            include_personal: bool,
            more: list[tuple[float, float, float, float]] | None = None
            ) -> tuple[float, float, float, float]:
    """The part of the map to print: the template's subject (its focus layers; of a
    hazard layer, only where it has a hazard class; ``more`` boxes, such as the
    evacuation routes), else where the town is, else the project's area."""
    area = registry.project_bounds(project.metadata.area_of_interest, renderer.working_crs)
    boxes = _focus_boxes(template.focus, renderer, project, include_personal, area)
    if boxes:
        boxes.extend(more or [])
    if not boxes:
        boxes = _focus_boxes(FALLBACK_FOCUS, renderer, project, include_personal, area)
    if not boxes:
        return area
    minx, miny = min(b[0] for b in boxes), min(b[1] for b in boxes)
    maxx, maxy = max(b[2] for b in boxes), max(b[3] for b in boxes)
    grow_x, grow_y = max(MIN_SPAN_M - (maxx - minx), 0) / 2, max(MIN_SPAN_M - (maxy - miny), 0) / 2
    return minx - grow_x, miny - grow_y, maxx + grow_x, maxy + grow_y


def _focus_boxes(focus: tuple[str, ...], renderer: MapRenderer, project: Project,
                 include_personal: bool, area: tuple[float, float, float, float]
                 ) -> list[tuple[float, float, float, float]]:
    """Extents of what a focus list names that has features (hazards: their affected
    part inside the project's area; others: cut to the project's area as well, so one
    road running far out of town does not shrink the town to a corner)."""
    kinds = {s.name: s.kind for s in renderer.layer_states()}
    boxes: list[tuple[float, float, float, float]] = []
    for name in expand(focus, kinds):
        if name == "@shelters":
            boxes.extend((s.x, s.y, s.x, s.y) for s in
                         print_content.find_shelters(project, renderer, include_personal))
            continue
        if name not in kinds:
            continue
        data = renderer.layer_data(name)
        box: tuple[float, float, float, float] | None
        if isinstance(data, HazardOverlay):
            box = data.affected_extent()
        elif isinstance(data, LayerData) and kinds[name] == "hazard":
            drawn = data.bounds[data.classes >= 0]
            box = None if not len(drawn) else (
                float(np.nanmin(drawn[:, 0])), float(np.nanmin(drawn[:, 1])),
                float(np.nanmax(drawn[:, 2])), float(np.nanmax(drawn[:, 3])))
        else:
            box = renderer.layer_extent(name)
        if box is None:
            continue
        cut = (max(box[0], area[0]), max(box[1], area[1]), min(box[2], area[2]),
               min(box[3], area[3]))
        boxes.append(cut if cut[0] <= cut[2] and cut[1] <= cut[3] else box)
    return boxes


@dataclass(frozen=True)
class _Texts:
    """The words of the page."""

    title: str
    subtitle: str
    project: Project
    paper: str
    view: MapView
    dpi: float

    def date_line(self) -> str:
        return tr("Printed {date}", date=day_words(dt.date.today()))

    def data_line(self) -> str:
        osm_date = self.project.metadata.osm_data_date[:10]
        if not osm_date:
            return tr("Map data: OpenStreetMap and residents' mapping")
        day = dt.date.fromisoformat(osm_date)
        return tr("OpenStreetMap data of {date}", date=day_words(day))

    def scale_line(self) -> str:
        denominator = self.view.scale_denominator(self.dpi)
        rounded = float(f"{denominator:.2g}") if denominator >= 100 else denominator
        crs = self.project.metadata.working_crs
        return tr("Scale 1:{denominator} on {paper} · grid: longitude and latitude (WGS 84) · "
                  "drawn in {crs}", denominator=f"{rounded:,.0f}", paper=self.paper, crs=crs)



def draw_page(painter: QPainter, page: Page, layout: Layout, renderer: MapRenderer,
              view: MapView, template: PrintTemplate, shelters: list[print_content.Shelter],
              texts: _Texts, project: Project,
              evacuation: print_analysis.Evacuation | None = None,
              figures: list[PanelRow] | None = None) -> None:
    """Paint the whole page: with an analysis, the figures box heads the panel."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    _draw_header(painter, page, layout.header, texts)
    _draw_map(painter, page, layout.frame, renderer, view,
              shelters if template.highlight_shelters else [], evacuation)
    draw_grid_ticks(painter, page, layout.frame, renderer, view)
    legend = print_content.legend_rows(renderer, template, view.zoom, shelters, view.extent())
    if evacuation is not None and evacuation.in_extent(view.extent()):
        legend[0:0] = print_analysis.legend_rows(evacuation, _route_width(page))
    listed = print_content.side_rows(template, project, renderer, shelters, view.zoom,
                                     evacuation)
    rows = listed + legend if template.list_first else legend + listed
    boxed = list(figures or [])
    placed, fonts = flow(boxed + rows, layout.panel, layout.panel_columns, page.pt(8.5))
    _draw_box(painter, page, [p.rect for p in placed[:len(boxed)]])
    draw_rows(painter, placed, fonts)
    _draw_footer(painter, page, layout.footer, texts)


def _draw_header(painter: QPainter, page: Page, rect: QRectF, texts: _Texts) -> None:
    right_w = rect.width() * 0.3
    # A long title gets smaller type (down to 12 pt) before it is cut short.
    for size in (18, 17, 16, 15, 14, 13, 12):
        title_font = page_font(page.pt(size), bold=True)
        metrics = QFontMetricsF(title_font)
        if metrics.horizontalAdvance(texts.title) <= rect.width() - right_w:
            break
    sub_font = page_font(page.pt(10.5))
    small = page_font(page.pt(8))
    painter.setPen(QColor("#1a1a1a"))
    painter.setFont(title_font)
    title = metrics.elidedText(texts.title, Qt.TextElideMode.ElideRight, rect.width() - right_w)
    painter.drawText(QPointF(rect.left(), rect.top() + metrics.ascent()), title)
    if texts.subtitle:
        painter.setFont(sub_font)
        painter.setPen(QColor("#444444"))
        sub_metrics = QFontMetricsF(sub_font)
        painter.drawText(QPointF(rect.left(), rect.top() + metrics.lineSpacing()
                                 + sub_metrics.ascent()),
                         sub_metrics.elidedText(texts.subtitle, Qt.TextElideMode.ElideRight,
                                                rect.width() - right_w))
    painter.setFont(small)
    painter.setPen(QColor("#444444"))
    line_h = QFontMetricsF(small).lineSpacing()
    for n, line in enumerate((texts.date_line(), texts.data_line())):
        painter.drawText(QRectF(rect.right() - right_w, rect.top() + n * line_h, right_w, line_h),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, line)
    painter.setPen(QPen(QColor("#1a1a1a"), page.mm(0.35)))
    painter.drawLine(QPointF(rect.left(), rect.bottom()), QPointF(rect.right(), rect.bottom()))


def _draw_footer(painter: QPainter, page: Page, rect: QRectF, texts: _Texts) -> None:
    font = page_font(page.pt(7.5))
    metrics = QFontMetricsF(font)
    painter.setPen(QPen(QColor("#999999"), page.mm(0.2)))
    painter.drawLine(QPointF(rect.left(), rect.top()), QPointF(rect.right(), rect.top()))
    painter.setFont(font)
    painter.setPen(QColor("#333333"))
    attribution = texts.project.metadata.attribution or tr("© OpenStreetMap contributors")
    lines = (tr("Map data {attribution} · openstreetmap.org/copyright · and the residents who "
                "mapped their neighbourhood", attribution=attribution),
             tr("{scale} · made with Quartier {version}", scale=texts.scale_line(),
                version=QUARTIER_VERSION))
    for n, line in enumerate(lines):
        painter.drawText(QPointF(rect.left(), rect.top() + page.mm(1) + metrics.ascent()
                                 + n * metrics.lineSpacing()),
                         metrics.elidedText(line, Qt.TextElideMode.ElideRight, rect.width()))


def _draw_map(painter: QPainter, page: Page, frame: QRect, renderer: MapRenderer,
              view: MapView, shelters: list[print_content.Shelter],
              evacuation: print_analysis.Evacuation | None = None) -> None:
    """The map in its frame: layers, evacuation routes, shelter badges, labels, scale bar,
    north arrow."""
    painter.save()
    painter.setViewport(frame)
    painter.setWindow(QRect(0, 0, view.width, view.height))
    painter.setClipRect(QRect(0, 0, view.width, view.height))
    painter.fillRect(QRect(0, 0, view.width, view.height), QColor(renderer.style.background))
    ctx = DrawContext.for_view(view, lambda: False)
    states = [s for s in renderer.layer_states() if s.visible and s.opacity > 0]
    for state in states:
        data = renderer.layer_data(state.name)
        painter.setOpacity(state.opacity)
        if isinstance(data, HazardOverlay):
            draw_hazard_overlay(painter, data, ctx)
        elif isinstance(data, LayerData):
            draw_vector_layer(painter, data, ctx)
        painter.setOpacity(1.0)
    occupied = furniture_boxes(page, view)
    candidates = []
    if evacuation is not None:
        _draw_routes(painter, evacuation, view, _route_width(page))
        occupied.extend(_draw_no_route(painter, evacuation, view, page))
    badge = page.mm(5.2)
    for shelter in shelters:
        x, y = view.to_pixel(shelter.x, shelter.y)
        drawn = draw_badge(painter, QPointF(x, y), badge, shelter.number)
        occupied.append((drawn.left(), drawn.top(), drawn.right(), drawn.bottom()))
        if evacuation is not None:
            candidates.append(_shelter_label(shelter, evacuation, (x, y), drawn.width() / 2,
                                             page))
    for state in states:
        data = renderer.layer_data(state.name)
        if isinstance(data, LayerData):
            candidates.extend(layer_candidates(data, ctx))
    text_cache = TextCache(renderer.style.fonts)
    placed = place_labels(candidates, view.width, view.height, text_cache, occupied)
    draw_labels(painter, placed, text_cache, renderer.style.halo)
    draw_furniture(painter, page, view)
    painter.setClipping(False)
    painter.setPen(QPen(QColor("#1a1a1a"), page.mm(0.4)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(0, 0, view.width, view.height))
    painter.restore()


def _route_width(page: Page) -> float:
    """Width of an evacuation route line, device pixels: 0.5 mm on paper."""
    return page.mm(0.5)


def _draw_routes(painter: QPainter, evacuation: print_analysis.Evacuation, view: MapView,
                 width: float) -> None:
    """The evacuation routes, purple over a white casing.

    Routes from neighbouring buildings share most of their streets: each piece is
    drawn once (pieces rounded to a fifth of a pixel, duplicates dropped), so a city's
    routes make a page of street-network size, not one line per building.
    """
    minx, miny, maxx, maxy = view.extent()
    scale = view.metres_per_pixel
    xy, part = evacuation.coords, evacuation.parts
    same = part[1:] == part[:-1]
    a, b = xy[:-1][same], xy[1:][same]
    # Pieces with an end in the frame, or crossing it (clipping does the rest).
    seen = ~((np.maximum(a[:, 0], b[:, 0]) < minx) | (np.minimum(a[:, 0], b[:, 0]) > maxx)
             | (np.maximum(a[:, 1], b[:, 1]) < miny) | (np.minimum(a[:, 1], b[:, 1]) > maxy))
    if not seen.any():
        return
    a, b = a[seen], b[seen]
    pieces = np.column_stack([(a[:, 0] - minx) / scale, (maxy - a[:, 1]) / scale,
                              (b[:, 0] - minx) / scale, (maxy - b[:, 1]) / scale])
    segments = np.round(pieces * 5.0) / 5.0
    # A piece walked either way is the same piece.
    flip = (segments[:, 0] > segments[:, 2]) | ((segments[:, 0] == segments[:, 2])
                                                 & (segments[:, 1] > segments[:, 3]))
    segments[flip] = segments[flip][:, [2, 3, 0, 1]]
    segments = np.unique(segments, axis=0)
    segments = segments[(segments[:, 0] != segments[:, 2]) | (segments[:, 1] != segments[:, 3])]
    lines = [QLineF(*piece) for piece in segments.tolist()]
    painter.save()
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for colour, pen_width in ((print_analysis.ROUTE_CASING, width * 1.9),
                              (print_analysis.ROUTE_COLOUR, width)):
        pen = QPen(QColor(colour), pen_width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.drawLines(lines)
    painter.restore()


def _draw_no_route(painter: QPainter, evacuation: print_analysis.Evacuation, view: MapView,
                   page: Page) -> list[tuple[float, float, float, float]]:
    """A cross on the buildings with no safe route; returns the boxes taken (no name is
    written over them).

    Buildings closer together than a cross is wide share one cross, at their middle,
    with their number beside it: forty crosses on one block would print as a black blob.
    """
    if not len(evacuation.no_route_xy):
        return []
    size = page.mm(1.8)
    minx, _miny, _maxx, maxy = view.extent()
    xy = evacuation.no_route_xy
    px = np.column_stack([(xy[:, 0] - minx) / view.metres_per_pixel,
                          (maxy - xy[:, 1]) / view.metres_per_pixel])
    px = px[(px[:, 0] >= 0) & (px[:, 0] <= view.width) & (px[:, 1] >= 0)
            & (px[:, 1] <= view.height)]
    if not len(px):
        return []
    centres, counts = _gather(px, size * 2.0)
    draw_crosses(painter, centres, size, print_analysis.NO_ROUTE_COLOUR)
    r = size / 2
    boxes = [(x - r, y - r, x + r, y + r) for x, y in centres.tolist()]
    font = page_font(page.pt(6.5), bold=True)
    metrics = QFontMetricsF(font)
    painter.save()
    for (x, y), count in zip(centres.tolist(), counts.tolist(), strict=True):
        if count < 2:
            continue
        text = f"{count}"
        left, base = x + r + page.mm(0.4), y + metrics.ascent() / 2 - metrics.descent() / 2
        path = QPainterPath()
        path.addText(QPointF(left, base), font, text)
        painter.strokePath(path, QPen(QColor("#ffffff"), page.mm(0.5)))
        painter.fillPath(path, QColor(print_analysis.NO_ROUTE_COLOUR))
        boxes.append((left, base - metrics.ascent(), left + metrics.horizontalAdvance(text),
                      base + metrics.descent()))
    painter.restore()
    return boxes


def _gather(points: np.ndarray, reach: float) -> tuple[np.ndarray, np.ndarray]:
    """Points gathered into groups no wider than about ``reach``: the group centres and
    how many points each holds.

    The points are first counted in cells of a third of ``reach``; then, busiest cell
    first, each cell not yet taken takes the free cells within ``reach`` of it. A block
    of houses becomes one group, a street of them a few, never a chain across the map.
    """
    from scipy.spatial import cKDTree

    cells = np.floor(points / (reach / 3.0)).astype(np.int64)
    _unique, cell_of, per_cell = np.unique(cells, axis=0, return_inverse=True,
                                           return_counts=True)
    cell_of = cell_of.ravel()
    middles = np.column_stack([np.bincount(cell_of, points[:, 0]),
                               np.bincount(cell_of, points[:, 1])]) / per_cell[:, None]
    tree = cKDTree(middles)
    owner = np.full(len(middles), -1, dtype=np.int64)
    groups = 0
    for cell in np.argsort(-per_cell, kind="stable").tolist():
        if owner[cell] >= 0:
            continue
        near = np.asarray(tree.query_ball_point(middles[cell], reach), dtype=np.int64)
        owner[near[owner[near] < 0]] = groups
        groups += 1
    counts = np.bincount(owner, per_cell, minlength=groups)
    centres = np.column_stack([np.bincount(owner, middles[:, 0] * per_cell, minlength=groups),
                               np.bincount(owner, middles[:, 1] * per_cell, minlength=groups)])
    return centres / counts[:, None], counts.astype(np.int64)


def _shelter_label(shelter: print_content.Shelter, evacuation: print_analysis.Evacuation,
                   anchor: tuple[float, float], radius: float, page: Page) -> LabelCandidate:
    """The shelter's name and load beside its badge ("Olympic hall 89/120"), placed
    before any other name on the map."""
    name = shelter.name or tr("Shelter")
    load = print_analysis.load_words(shelter.uuid, shelter.capacity, evacuation)
    style = LabelStyle(placement="point", size=page.pt(8), colour=SHELTER_TEXT, bold=True,
                       priority=SHELTER_LABEL_PRIORITY)
    return LabelCandidate(f"{name} {load}", "shelters", style, "point", anchor, radius)


def _draw_box(painter: QPainter, page: Page, rects: list[QRectF]) -> None:
    """A tinted box behind the figures, with a bar on its left (one per panel column they
    fill); it ends at the panel's right edge, the page margin."""
    columns: dict[float, QRectF] = {}
    for rect in rects:
        key = round(rect.left(), 1)
        columns[key] = columns[key].united(rect) if key in columns else QRectF(rect)
    pad = page.mm(1.8)
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    for rect in columns.values():
        box = rect.adjusted(-pad, -pad * 0.6, 0, pad * 0.6)
        painter.setBrush(QColor("#f4eff8"))
        painter.drawRect(box)
        painter.setBrush(QColor(print_analysis.ROUTE_COLOUR))
        painter.drawRect(QRectF(box.left(), box.top(), page.mm(0.8), box.height()))
    painter.restore()
