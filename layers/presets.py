"""Presets: what a mapper can add (a clinic, a minibus line, a flood zone) and its form.

A preset says which OpenStreetMap tags a feature gets, which questions the form
asks (its fields) and how people search for it, in English, French and any
other language a preset file adds. Presets are data, not code: JSON files in
``resources/presets/`` and in the user's preset folder
(``$XDG_DATA_HOME/quartier/presets/``), so an NGO adds its own by dropping a file
in a folder (see ``resources/presets/README.md`` for the format).

A bad file never stops the others from loading: its problems are listed, with
the file name, in :attr:`PresetCatalogue.problems`.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from layers.errors import InputFileError
from layers.hazard_classes import HazardType
from layers.i18n import LANGUAGES, tr, tr_in
from layers.participatory import ParticipatoryLayer

#: The language labels fall back to when a preset lacks the one asked for.
DEFAULT_LANGUAGE = "en"


class FieldType(StrEnum):
    """Kinds of question a preset form asks."""

    TEXT = "text"
    MULTILINE = "multiline"
    NUMBER = "number"
    SELECT = "select"
    MULTI_SELECT = "multi_select"
    YES_NO = "yes_no"
    DATE = "date"
    #: OpenStreetMap opening hours (``Mo-Fr 08:00-17:00``), with a days-and-hours picker.
    OPENING_HOURS = "opening_hours"


class GeometryKind(StrEnum):
    """What a mapper draws for a preset."""

    POINT = "point"
    LINE = "line"
    AREA = "area"


#: What is drawn on each participatory layer.
LAYER_GEOMETRY: dict[ParticipatoryLayer, GeometryKind] = {
    ParticipatoryLayer.FACILITIES: GeometryKind.POINT,
    ParticipatoryLayer.TRANSPORT_LINES: GeometryKind.LINE,
    ParticipatoryLayer.TRANSPORT_STOPS: GeometryKind.POINT,
    ParticipatoryLayer.RISK_ZONES: GeometryKind.AREA,
}

#: Risk zones: value of the OSM ``hazard`` tag for each hazard type (OSM's own word where
#: one exists, e.g. ``hazard=flooding``).
HAZARD_TAG_VALUES: dict[HazardType, str] = {
    HazardType.FLOOD: "flooding",
    HazardType.LANDSLIDE: "landslide",
    HazardType.FIRE: "fire",
    HazardType.EROSION: "erosion",
    HazardType.STORM_SURGE: "storm_surge",
    HazardType.EARTHQUAKE: "earthquake",
    HazardType.TSUNAMI: "tsunami",
    HazardType.VOLCANIC_ASH: "volcanic_ash",
    HazardType.INSECURITY: "insecurity",
}


def hazard_type_of(tags: Mapping[str, str]) -> HazardType | None:
    """The hazard type a risk zone's tags describe (``OTHER`` for unknown words, None if none)."""
    value = tags.get("hazard")
    if value is None:
        return HazardType.OTHER if tags.get("hazard_prone") == "yes" else None
    for hazard, tag_value in HAZARD_TAG_VALUES.items():
        if value in (tag_value, hazard.value):
            return hazard
    return HazardType.OTHER


class Texts(Mapping[str, str]):
    """A text people read (a preset's name, a field's label or help), per language.

    Built-in presets write it once, in English; its translations are the catalogue's
    (:func:`layers.i18n.tr_in`). A user's preset file may still give it inline per
    language (``{"en": "Borehole", "sw": "Kisima"}``): an inline text wins over the
    catalogue. Reading it as a mapping gives every language Quartier speaks, plus
    the inline ones; a language with neither is missing (``.get`` gives None).
    """

    __slots__ = ("_inline",)

    def __init__(self, inline: Mapping[str, str] | None = None) -> None:
        self._inline = {code: text for code, text in (inline or {}).items() if text}

    def __getitem__(self, code: str) -> str:
        if self._inline.get(code):
            return self._inline[code]
        english = self._inline.get(DEFAULT_LANGUAGE)
        if english and code in LANGUAGES:
            return tr_in(code, english)
        raise KeyError(code)

    def __iter__(self) -> Iterator[str]:
        codes = list(self._inline)
        if DEFAULT_LANGUAGE in self._inline:
            codes += [code for code in LANGUAGES if code not in self._inline]
        return iter(codes)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __repr__(self) -> str:
        return f"Texts({self._inline!r})"

    @property
    def inline(self) -> Mapping[str, str]:
        """The texts as written in the preset file."""
        return dict(self._inline)


def _pick(texts: Mapping[str, str], language: str) -> str:
    """The text in ``language`` (inline, else the catalogue's), else English, else any."""
    for code in (language, language.split("_")[0], DEFAULT_LANGUAGE):
        text = texts.get(code)
        if text:
            return text
    return next(iter(texts.values()), "") if texts else ""


@dataclass(frozen=True)
class PresetOption:
    """One answer of a select field."""

    #: The tag value stored (e.g. ``needs_maintenance``).
    value: str
    #: What the form shows, per language code.
    label: Mapping[str, str]

    def label_for(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The label in ``language`` (English if missing)."""
        return _pick(self.label, language) or self.value


@dataclass(frozen=True)
class PresetField:
    """One question of a preset form: the tag it fills and what values it accepts."""

    #: OSM key the answer is stored under (``name``, ``capacity``, ``interval:06-09``).
    key: str
    #: Question shown to the mapper, per language code.
    label: Mapping[str, str]
    #: Kind of input (text, number, select...).
    type: FieldType = FieldType.TEXT
    #: Whether the feature cannot be saved without it.
    required: bool = False
    #: Allowed answers of a select or multi_select field.
    options: tuple[PresetOption, ...] = ()
    #: Smallest allowed number (inclusive), for number fields.
    minimum: float | None = None
    #: Largest allowed number (inclusive), for number fields.
    maximum: float | None = None
    #: Unit shown after a number ("m", "min", "people").
    unit: str = ""
    #: Number fields: only whole numbers.
    integer: bool = False
    #: Text fields: a regular expression the whole answer must match.
    pattern: str | None = None
    #: What ``pattern`` asks for, in words, per language ("a currency code like KES").
    pattern_hint: Mapping[str, str] = field(default_factory=dict)
    #: Date fields: refuse dates after today (when something last happened).
    past_only: bool = False
    #: Select fields: values outside ``options`` are accepted too.
    allow_other: bool = False
    #: One-sentence help under the question, per language.
    help: Mapping[str, str] = field(default_factory=dict)

    def help_for(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The help sentence in ``language`` (English if missing; empty if none)."""
        return _pick(self.help, language) if self.help else ""

    def hint_for(self, language: str = DEFAULT_LANGUAGE) -> str:
        """What ``pattern`` asks for, in words, in ``language`` (empty if not said)."""
        return _pick(self.pattern_hint, language) if self.pattern_hint else ""

    def label_for(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The question in ``language`` (English if missing)."""
        return _pick(self.label, language) or self.key

    def option_values(self) -> tuple[str, ...]:
        """The values a select field accepts (``yes``/``no`` for a yes/no field)."""
        if self.type is FieldType.YES_NO:
            return ("yes", "no")
        return tuple(option.value for option in self.options)


@dataclass(frozen=True)
class Preset:
    """Something a mapper can add: its tags, its form and its names."""

    #: Stable identifier stored with each feature, ``<group>/<name>`` (``facility/clinic``).
    id: str
    #: Participatory layer its features go to.
    layer: ParticipatoryLayer
    #: What is drawn: point, line or area.
    geometry: GeometryKind
    #: Name shown in the preset list, per language code.
    names: Mapping[str, str]
    #: Other words people search with, per language code.
    terms: Mapping[str, tuple[str, ...]]
    #: Tags every feature of this preset gets (``amenity=clinic``, ``healthcare=clinic``).
    tags: Mapping[str, str]
    #: Form questions, in order.
    fields: tuple[PresetField, ...]
    #: Tags an existing feature must have to be recognised as this preset (default: ``tags``;
    #: ``*`` matches any value).
    match_tags: Mapping[str, str] = field(default_factory=dict)
    #: Weight when several presets match the same tags (lower loses ties).
    match_score: float = 1.0
    #: File the preset was read from.
    source: Path | None = None

    def name(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The preset's name in ``language`` (English if missing)."""
        return _pick(self.names, language) or self.id

    def field(self, key: str) -> PresetField | None:
        """The form field filling ``key``, if the preset has one."""
        return next((f for f in self.fields if f.key == key), None)

    def identifying_tags(self) -> Mapping[str, str]:
        """Tags used to recognise an existing feature as this preset."""
        return self.match_tags or self.tags


@dataclass(frozen=True)
class PresetProblem:
    """Why a preset file, or part of it, was not loaded."""

    #: The file at fault.
    path: Path
    #: What is wrong, in plain words.
    message: str

    def __str__(self) -> str:
        return f"{self.path.name}: {self.message}"


def fold(text: str) -> str:
    """Text as search compares it: no accents, no case, punctuation as spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", kept).split())


class PresetCatalogue:
    """All presets loaded, searchable and matchable; read-only once built."""

    def __init__(self, presets: Iterable[Preset], problems: Iterable[PresetProblem] = ()) -> None:
        self._presets: dict[str, Preset] = {}
        for preset in presets:
            self._presets[preset.id] = preset
        #: Files or presets that could not be loaded, with the reason.
        self.problems: list[PresetProblem] = list(problems)

    def __iter__(self) -> Iterator[Preset]:
        return iter(self._presets.values())

    def __len__(self) -> int:
        return len(self._presets)

    def __contains__(self, preset_id: object) -> bool:
        return preset_id in self._presets

    def __getitem__(self, preset_id: str) -> Preset:
        return self._presets[preset_id]

    def get(self, preset_id: str) -> Preset | None:
        """The preset with this id, or None."""
        return self._presets.get(preset_id)

    def for_layer(self, layer: ParticipatoryLayer | str) -> list[Preset]:
        """Presets whose features go to ``layer``, in file order."""
        wanted = ParticipatoryLayer(layer)
        return [preset for preset in self._presets.values() if preset.layer is wanted]

    def search(self, text: str, language: str = DEFAULT_LANGUAGE,
               layer: ParticipatoryLayer | str | None = None) -> list[Preset]:
        """Presets whose name or search terms match ``text``, best first.

        Matching ignores case and accents and looks at every language (so "ecole",
        "École" and "school" all find the school); names in ``language`` rank above
        names in other languages, names above terms, whole words above parts.
        An empty ``text`` lists every preset (of ``layer``) by name.
        """
        candidates = self.for_layer(layer) if layer is not None else list(self)
        query = fold(text)
        if not query:
            return sorted(candidates, key=lambda p: fold(p.name(language)))
        scored = []
        for order, preset in enumerate(candidates):
            score = _search_score(preset, query, language)
            if score > 0:
                scored.append((-score, order, preset))
        return [preset for _, _, preset in sorted(scored, key=lambda item: item[:2])]

    def match(self, tags: Mapping[str, str],
              layer: ParticipatoryLayer | str | None = None) -> Preset | None:
        """The preset an existing tag set corresponds to (``amenity=school`` -> School).

        A preset matches when all its identifying tags are present; the one with the
        most identifying tags (times its ``match_score``) wins, ties going to the one
        loaded first. None when no preset matches.
        """
        candidates = self.for_layer(layer) if layer is not None else list(self)
        best: tuple[float, Preset] | None = None
        for preset in candidates:
            wanted = preset.identifying_tags()
            if not all(key in tags and value in ("*", tags[key]) for key, value in wanted.items()):
                continue
            score = len(wanted) * preset.match_score
            if best is None or score > best[0]:
                best = (score, preset)
        return best[1] if best else None


def _search_score(preset: Preset, query: str, language: str) -> float:
    squashed = query.replace(" ", "")
    best = 0.0
    for code, name in preset.names.items():
        score = _text_score(fold(name), query, squashed, 100, 80, 60, 30)
        best = max(best, score + (10 if score and code == language else 0))
    for code, terms in preset.terms.items():
        for term in terms:
            score = _text_score(fold(term), query, squashed, 55, 45, 40, 20)
            best = max(best, score + (5 if score and code == language else 0))
    return best


def _text_score(candidate: str, query: str, squashed: str, exact: float, prefix: float,
                word: float, inside: float) -> float:
    if candidate == query:
        return exact
    if candidate.startswith(query):
        return prefix
    if any(w.startswith(query) for w in candidate.split()) or f" {query}" in candidate:
        return word
    if query in candidate or squashed in candidate.replace(" ", ""):
        return inside
    return 0.0


def builtin_preset_folder() -> Path:
    """The presets shipped with Quartier (``resources/presets``, beside this package)."""
    return Path(__file__).resolve().parents[1] / "resources" / "presets"


def user_preset_folder() -> Path:
    """Where a user's own presets go: ``$XDG_DATA_HOME/quartier/presets`` (or the OS's
    equivalent: ``%APPDATA%\\quartier\\presets``, ``~/Library/Application Support/...``)."""
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        base = Path(os.environ["APPDATA"])
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "quartier" / "presets"


def default_preset_folders() -> list[Path]:
    """The built-in presets, then the user's (which may add to or replace them)."""
    return [builtin_preset_folder(), user_preset_folder()]


def load_presets(folders: Iterable[str | os.PathLike[str]] | None = None,
                 strict: bool = False) -> PresetCatalogue:
    """Read every ``*.json`` preset file in ``folders``, in order.

    Parameters
    ----------
    folders
        Folders to read (default: the built-in presets, then the user's preset
        folder). Missing folders are skipped. A preset or field defined again in a
        later folder replaces the earlier one, so a user can adapt a built-in preset.
    strict
        Raise at the first problem instead of listing it in ``problems``.

    Returns
    -------
    PresetCatalogue
        Everything that loaded; ``problems`` lists what did not, file by file.

    Raises
    ------
    InputFileError
        Only with ``strict``: the first problem found, naming the file.
    """
    from layers._preset_files import read_preset_folders

    paths = [Path(f) for f in (default_preset_folders() if folders is None else folders)]
    presets, problems = read_preset_folders(paths)
    if strict and problems:
        raise InputFileError(tr("Preset file {problem}", problem=problems[0]))
    return PresetCatalogue(presets, problems)
