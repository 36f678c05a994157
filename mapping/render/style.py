"""The map style: colours, widths per zoom, scale limits and label rules, as dataclasses.

The style lives in ``resources/styles/osm_base.json`` (see its ``about`` text);
this module loads it into frozen dataclasses and sorts features into the style's
classes with vectorised matching.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

#: Folder of the shipped resource files (beside the ``mapping`` package, checked out or installed).
RESOURCES_DIR = Path(__file__).resolve().parents[2] / "resources"
#: The style file used when none is given.
DEFAULT_STYLE = RESOURCES_DIR / "styles" / "osm_base.json"
#: Geometry names a class may be restricted to.
GEOMETRIES = ("polygon", "line", "point")

#: Legend words of the default styles of layers Quartier has no style for
#: (resources/styles: a reference layer's "Area", "Line", "Point").
GENERIC_LABELS = frozenset({"Area", "Line", "Point"})


@dataclass(frozen=True)
class ZoomValue:
    """A number that changes with the zoom level, linear between stops."""

    #: (zoom, value) pairs in increasing zoom; one pair means a constant.
    stops: tuple[tuple[float, float], ...]

    def at(self, zoom: float) -> float:
        """Value at ``zoom`` (the first / last value outside the stops)."""
        zooms = [z for z, _ in self.stops]
        values = [v for _, v in self.stops]
        return float(np.interp(zoom, zooms, values))

    @classmethod
    def parse(cls, value: Any) -> ZoomValue | None:
        """From JSON: a number or a list of [zoom, value] pairs."""
        if value is None:
            return None
        if isinstance(value, int | float):
            return cls(((0.0, float(value)),))
        stops = tuple((float(z), float(v)) for z, v in value)
        return cls(tuple(sorted(stops)))


@dataclass(frozen=True)
class LabelStyle:
    """How names of one class of features are written on the map."""

    #: Where the label goes: "point" (beside a symbol or on a place), "line", "area" or "none".
    placement: str = "none"
    #: First zoom level the label shows at.
    min_zoom: float = 0.0
    #: Zoom level above which the label is hidden.
    max_zoom: float = 99.0
    #: Font pixel size.
    size: float = 11.0
    #: Text colour, "#rrggbb".
    colour: str = "#333333"
    #: Bold text.
    bold: bool = False
    #: Italic text.
    italic: bool = False
    #: Higher numbers are placed first and win collisions.
    priority: float = 50.0

    def shown_at(self, zoom: float) -> bool:
        """Whether the label is drawn at this zoom."""
        return self.placement != "none" and self.min_zoom <= zoom <= self.max_zoom


@dataclass(frozen=True)
class ClassStyle:
    """How one class of features of a layer is drawn."""

    #: Short key of the class ("residential", "primary"...).
    key: str
    #: Legend text.
    label: str
    #: (column, accepted values) pairs; any pair matching selects the class; empty = all.
    match: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: Restrict the class to "polygon", "line" or "point" features (None: any).
    geometry: str | None = None
    #: First zoom the class is drawn at.
    min_zoom: float = 0.0
    #: Zoom above which the class is hidden.
    max_zoom: float = 99.0
    #: Fill colour of polygons and symbols.
    fill: str | None = None
    #: Opacity of the fill alone (0-1).
    fill_opacity: float = 1.0
    #: Hatch pattern over the fill: "bdiag", "fdiag", "cross" or None.
    hatch: str | None = None
    #: Line colour (lines) or outline colour (polygons, symbols).
    stroke: str | None = None
    #: Line colour used below ``casing_min_zoom`` (a plain line instead of a cased road).
    low_stroke: str | None = None
    #: Line width, outline width or (points) outline width, in pixels.
    width: ZoomValue | None = None
    #: Polygons: first zoom their outline is drawn at.
    outline_min_zoom: float = 0.0
    #: Casing colour drawn under the line on both sides.
    casing: str | None = None
    #: Casing width on each side, pixels.
    casing_width: ZoomValue | None = None
    #: First zoom the casing is drawn at.
    casing_min_zoom: float = 0.0
    #: Dash pattern in pixels (on, off, ...), or None for solid.
    dash: tuple[float, ...] | None = None
    #: Point symbol: "circle", "square", "diamond", "triangle", "cross" (None: no symbol).
    symbol: str | None = None
    #: Label rule of the class.
    label_style: LabelStyle = field(default_factory=LabelStyle)

    def shown_at(self, zoom: float) -> bool:
        """Whether features of this class are drawn at this zoom."""
        return self.min_zoom <= zoom <= self.max_zoom


@dataclass(frozen=True)
class DotStyle:
    """Polygons smaller than a pixel, drawn as a density of dots instead of shapes."""

    #: Colour of a pixel fully covered by small polygons.
    colour: str
    #: First zoom the dots are drawn at.
    min_zoom: float = 0.0


@dataclass(frozen=True)
class LayerStyle:
    """How one layer is drawn."""

    #: Layer name the style applies to.
    name: str
    #: Attribute columns the classes and derived values need.
    columns: tuple[str, ...] = ()
    #: Derived columns: name -> "tag:KEY" (value from the tags JSON) or "poi_category".
    derive: tuple[tuple[str, str], ...] = ()
    #: Classes in matching order.
    classes: tuple[ClassStyle, ...] = ()
    #: Dot density drawing of tiny polygons (buildings), or None.
    dots: DotStyle | None = None
    #: Shown when the project opens.
    visible: bool = True
    #: Opacity of the whole layer when the project opens.
    opacity: float = 1.0
    #: Column holding a per-feature line colour ("#rrggbb" or a CSS name), or None.
    colour_column: str | None = None
    #: Colours given in turn to features without their own colour.
    palette: tuple[str, ...] = ()
    #: Point symbol size (diameter) in pixels.
    symbol_size: ZoomValue | None = None
    #: Column the labels are read from.
    label_column: str = "name"
    #: Column of a short reference (a route number) written on the map instead of the
    #: name when a feature has one; legends and search keep "ref · name".
    ref_column: str | None = None
    #: Column of a number written before the name on the map (a stop's place on its line).
    number_column: str | None = None

    def needed_columns(self) -> tuple[str, ...]:
        """Columns to read: those the classes match on, derived values need, labels show."""
        matched = {column for rule in self.classes for column, _values in rule.match}
        wanted = [c for c in self.columns if c in matched or c in dict(self.derive)]
        if self.derive:
            wanted.extend(["tags", "preset"])
        if any(rule.label_style.placement != "none" for rule in self.classes):
            wanted.append(self.label_column)
        if self.colour_column and self.colour_column not in dict(self.derive):
            wanted.append(self.colour_column)
        for extra in (self.ref_column, self.number_column):
            if extra and extra not in dict(self.derive):
                wanted.append(extra)
        return tuple(dict.fromkeys(wanted))


@dataclass(frozen=True)
class MapStyle:
    """The whole map style."""

    #: Style name.
    name: str
    #: Land colour under everything.
    background: str
    #: Halo colour around labels.
    halo: str
    #: Font families, first choice first (the rest are fallbacks for other scripts).
    fonts: tuple[str, ...]
    #: Layer name -> style; "*polygon", "*line", "*point" are defaults for other layers.
    layers: Mapping[str, LayerStyle]

    def for_layer(self, name: str, geometry: str = "polygon") -> LayerStyle:
        """The style of a layer, or the default for its geometry, renamed to it."""
        if name in self.layers:
            return self.layers[name]
        key = f"*{geometry}" if f"*{geometry}" in self.layers else "*polygon"
        return replace(self.layers[key], name=name)


def _label(raw: Mapping[str, Any] | None, base: LabelStyle) -> LabelStyle:
    if not raw:
        return base
    known = {f for f in LabelStyle.__dataclass_fields__}
    return replace(base, **{k: v for k, v in raw.items() if k in known})


def _class(raw: Mapping[str, Any], layer_label: LabelStyle) -> ClassStyle:
    match = tuple((str(column), tuple(str(v) for v in values))
                  for column, values in dict(raw.get("match", {})).items())
    dash = raw.get("dash")
    return ClassStyle(
        key=str(raw["key"]), label=str(raw.get("label", raw["key"])), match=match,
        geometry=raw.get("geometry"),
        min_zoom=float(raw.get("min_zoom", 0.0)), max_zoom=float(raw.get("max_zoom", 99.0)),
        fill=raw.get("fill"), fill_opacity=float(raw.get("fill_opacity", 1.0)),
        hatch=raw.get("hatch"), stroke=raw.get("stroke"), low_stroke=raw.get("low_stroke"),
        width=ZoomValue.parse(raw.get("width")),
        outline_min_zoom=float(raw.get("outline_min_zoom", 0.0)),
        casing=raw.get("casing"), casing_width=ZoomValue.parse(raw.get("casing_width")),
        casing_min_zoom=float(raw.get("casing_min_zoom", 0.0)),
        dash=tuple(float(v) for v in dash) if dash else None,
        symbol=raw.get("symbol"),
        label_style=_label(raw.get("label_style"), layer_label),
    )


def _layer(name: str, raw: Mapping[str, Any]) -> LayerStyle:
    label = _label(raw.get("label"), LabelStyle())
    dots = raw.get("dots")
    return LayerStyle(
        name=name,
        columns=tuple(raw.get("columns", ())),
        derive=tuple(dict(raw.get("derive", {})).items()),
        classes=tuple(_class(c, label) for c in raw.get("classes", ())),
        dots=DotStyle(**dots) if dots else None,
        visible=bool(raw.get("visible", True)),
        opacity=float(raw.get("opacity", 1.0)),
        colour_column=raw.get("colour_column"),
        palette=tuple(raw.get("palette", ())),
        symbol_size=ZoomValue.parse(raw.get("symbol_size")),
        label_column=str(raw.get("label_column", "name")),
        ref_column=raw.get("ref_column"),
        number_column=raw.get("number_column"),
    )


@lru_cache(maxsize=4)
def load_style(path: str | Path = DEFAULT_STYLE) -> MapStyle:
    """Read a style file (default: the OpenStreetMap-like base style)."""
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    return MapStyle(
        name=str(raw.get("name", Path(path).stem)),
        background=str(raw.get("background", "#f2efe9")),
        halo=str(raw.get("halo", "#ffffff")),
        fonts=tuple(raw.get("fonts", ("DejaVu Sans",))),
        layers={name: _layer(name, layer) for name, layer in raw["layers"].items()},
    )


def is_missing(value: object) -> bool:
    """Whether a column value means "no value": None, NaN, NaT, or pandas' NA."""
    if value is None:
        return True
    if isinstance(value, str):
        return False
    if isinstance(value, float | np.floating):
        return bool(value != value)
    if isinstance(value, np.datetime64 | np.timedelta64):
        return bool(np.isnat(value))
    # pandas' NA and NaT, recognised without importing pandas (the first map does not).
    return type(value).__name__ in ("NAType", "NaTType")


def factorize(values: Sequence[object] | np.ndarray) -> tuple[np.ndarray, list[object]]:
    """A code per value (-1 for a missing one) and the distinct values, in order of first
    appearance: what ``pandas.factorize`` gives, without loading pandas.

    Values are told apart as a dict tells its keys apart (1 == 1.0), as pandas does.
    """
    items = values.tolist() if isinstance(values, np.ndarray) and values.dtype == object \
        else list(values)
    if not items:
        return np.zeros(0, dtype=np.int64), []
    seen = list(dict.fromkeys(items))
    code_of = {value: code for code, value in enumerate(seen)}
    codes = np.fromiter(map(code_of.__getitem__, items), dtype=np.int64, count=len(items))
    missing = np.fromiter(map(is_missing, seen), dtype=bool, count=len(seen))
    if not missing.any():
        return codes, seen
    renumbered = np.where(missing, -1, np.cumsum(~missing) - 1)
    return renumbered[codes], [value for value, gone in zip(seen, missing, strict=True)
                               if not gone]


def _as_text(values: np.ndarray) -> np.ndarray:
    """Column values as lower-case strings, "" for missing; integral floats lose their ".0"."""
    codes, uniques = factorize(values)
    texts = []
    for value in uniques:
        if isinstance(value, float) and value.is_integer():
            texts.append(str(int(value)))
        else:
            texts.append(str(value).strip().lower())
    lookup = np.array([*texts, ""], dtype=object)
    return lookup[codes]  # the NA code -1 picks the trailing ""


def classed_style(base: LayerStyle, column: str, colours: Mapping[str, str]) -> LayerStyle:
    """``base`` with one class per value of ``column``, each drawn in its colour.

    For layers an analysis wrote (``exposure_<hazard>_<exposure>``): the project
    stores ``class_column`` and ``class_colours`` in the layer's style, and each
    hazard class is drawn, and named in the legend, in its colour. The widths and
    symbols are those of ``base`` (the default style of the layer's geometry).
    """
    if not base.classes:
        return base
    rule = base.classes[0]
    line = rule.fill is None
    classes = tuple(
        replace(rule, key=str(value), label=str(value), match=((column, (str(value),)),),
                fill=None if line else colour, fill_opacity=rule.fill_opacity if line else 0.7,
                hatch=None, stroke=colour if line or not rule.symbol else rule.stroke,
                casing=None)
        for value, colour in colours.items())
    return replace(base, columns=(column,), derive=(), classes=classes, colour_column=None,
                   palette=(), dots=None)


def classify(style: LayerStyle, columns: Mapping[str, Sequence[object] | np.ndarray],
             geometry: np.ndarray, count: int) -> np.ndarray:
    """Index of each feature's class in ``style.classes`` (-1: no class, not drawn).

    Parameters
    ----------
    style
        The layer style.
    columns
        Attribute (and derived) columns by name; missing columns match nothing.
    geometry
        Per-feature geometry name ("polygon", "line", "point", "" for empty).
    count
        Number of features.
    """
    result = np.full(count, -1, dtype=np.int16)
    texts = {name: _as_text(np.asarray(values, dtype=object)) for name, values in columns.items()}
    for index, rule in enumerate(style.classes):
        todo = result < 0
        if rule.geometry is not None:
            todo &= geometry == rule.geometry
        else:
            todo &= geometry != ""
        if not todo.any():
            continue
        if rule.match:
            hit = np.zeros(count, dtype=bool)
            for column, accepted in rule.match:
                if column not in texts:
                    continue
                values = texts[column]
                if "*" in accepted:
                    hit |= values != ""
                else:
                    hit |= np.isin(values, np.array([a.lower() for a in accepted], dtype=object))
            todo &= hit
        result[todo] = index
    return result
