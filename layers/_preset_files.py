"""Reading preset files: JSON to :class:`~layers.presets.Preset`, with problems in plain words.

Private to :mod:`layers.presets`; the file format is described in
``resources/presets/README.md``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from layers.i18n import tr
from layers.participatory import ParticipatoryLayer
from layers.presets import (
    DEFAULT_LANGUAGE,
    LAYER_GEOMETRY,
    FieldType,
    Preset,
    PresetField,
    PresetOption,
    PresetProblem,
    Texts,
)


def read_preset_folders(folders: list[Path]) -> tuple[list[Preset], list[PresetProblem]]:
    """Every preset in the ``*.json`` files of ``folders`` (later folders win), and what failed."""
    problems: list[PresetProblem] = []
    documents: list[tuple[Path, dict[str, Any]]] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.json")):
            document = _read_document(path, problems)
            if document is not None:
                documents.append((path, document))

    # Shared fields first, from every file, so a user's preset can use a built-in field.
    shared: dict[str, dict[str, Any]] = {}
    for path, document in documents:
        raw_fields = document.get("fields", {})
        if not isinstance(raw_fields, dict):
            problems.append(PresetProblem(path, tr('"fields" must be an object of field '
                                                   'definitions, like {example}.',
                                                   example='{"name": {...}}')))
            continue
        for field_id, definition in raw_fields.items():
            try:
                _parse_field(definition, field_id)
            except ValueError as error:
                problems.append(PresetProblem(path, tr("field {name}: {problem}",
                                                      name=repr(field_id), problem=error)))
                continue
            shared[field_id] = definition

    presets: dict[str, Preset] = {}
    for path, document in documents:
        raw_presets = document.get("presets", [])
        if not isinstance(raw_presets, list):
            problems.append(PresetProblem(path, tr('"presets" must be a list of presets.')))
            continue
        for number, raw in enumerate(raw_presets, start=1):
            label = raw.get("id") if isinstance(raw, dict) else None
            where = (tr("preset {number} ({id})", number=number, id=repr(label))
                     if isinstance(label, str) else tr("preset {number}", number=number))
            try:
                preset = _parse_preset(raw, shared, path)
            except ValueError as error:
                problems.append(PresetProblem(path, tr("{where}: {problem}", where=where,
                                                      problem=error)))
                continue
            earlier = presets.get(preset.id)
            if earlier is not None and earlier.source is not None \
                    and earlier.source.parent == path.parent:
                problems.append(PresetProblem(
                    path, tr("{where}: the id {id} is already used in {file}; give this "
                             "preset another id.", where=where, id=repr(preset.id),
                             file=earlier.source.name)))
                continue
            presets[preset.id] = preset
    return list(presets.values()), problems




def _read_document(path: Path, problems: list[PresetProblem]) -> dict[str, Any] | None:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        problems.append(PresetProblem(path, tr("the file is not UTF-8 text. Save it as UTF-8.")))
        return None
    except json.JSONDecodeError as error:
        problems.append(PresetProblem(
            path, tr("not valid JSON at line {line}, column {column} ({reason}).",
                     line=error.lineno, column=error.colno, reason=error.msg)))
        return None
    except OSError as error:
        problems.append(PresetProblem(path, tr("cannot be read ({reason}).",
                                                 reason=error.strerror or error)))
        return None
    if not isinstance(document, dict):
        problems.append(PresetProblem(
            path, tr('the file must hold one JSON object with "presets" and/or "fields".')))
        return None
    return document


def _texts(value: Any, what: str, required: bool = True) -> Texts:
    """A text people read: plain English (translated by the catalogue) or inline per language."""
    if value is None and not required:
        return Texts()
    if isinstance(value, str) and value.strip():
        return Texts({DEFAULT_LANGUAGE: value.strip()})
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ValueError(tr('{what} must be text in English, or per language, like {example}.',
                            what=what, example='{"en": "...", "fr": "..."}'))
    texts = {str(code): text.strip() for code, text in value.items() if text.strip()}
    if required and not texts:
        raise ValueError(tr("{what} is empty; give at least an English one.", what=what))
    return Texts(texts)


def _number(value: Any, what: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(tr("{what} must be a number, not {value}.", what=what,
                            value=repr(value)))
    return float(value)


def _parse_field(raw: Any, default_key: str | None = None) -> PresetField:
    if not isinstance(raw, dict):
        raise ValueError(tr("a field must be an object with at least a key and a label."))
    key = raw.get("key", default_key)
    if not isinstance(key, str) or not key.strip() or key != key.strip():
        raise ValueError(tr('a field needs a "key": the OSM key it fills, like "capacity".'))
    try:
        kind = FieldType(raw.get("type", "text"))
    except ValueError:
        raise ValueError(tr('"type" must be one of {choices}, not {value}.',
                            choices=", ".join(t.value for t in FieldType),
                            value=repr(raw.get("type")))) from None
    options = []
    for option in raw.get("options", []):
        if not isinstance(option, dict) or not isinstance(option.get("value"), str) \
                or not option["value"].strip():
            raise ValueError(tr('each option needs a "value" (text) and a "label".'))
        options.append(PresetOption(option["value"], _texts(
            option.get("label", option["value"]),
            tr("the label of option {value}", value=repr(option["value"])))))
    if kind in (FieldType.SELECT, FieldType.MULTI_SELECT) and not options:
        raise ValueError(tr('a {kind} field needs "options" to choose from.', kind=kind.value))
    minimum = _number(raw.get("minimum"), '"minimum"')
    maximum = _number(raw.get("maximum"), '"maximum"')
    if minimum is not None and maximum is not None and minimum > maximum:
        raise ValueError(tr('"minimum" ({minimum:g}) is larger than "maximum" ({maximum:g}).',
                            minimum=minimum, maximum=maximum))
    pattern = raw.get("pattern")
    if pattern is not None:
        try:
            re.compile(pattern)
        except (re.error, TypeError) as error:
            raise ValueError(tr('"pattern" is not a valid regular expression ({reason}).',
                                reason=error)) from None
    return PresetField(
        key=key, label=_texts(raw.get("label", key), tr("the label")), type=kind,
        required=bool(raw.get("required", False)), options=tuple(options),
        minimum=minimum, maximum=maximum, unit=str(raw.get("unit", "")),
        integer=bool(raw.get("integer", False)), pattern=pattern,
        pattern_hint=_texts(raw.get("pattern_hint"), '"pattern_hint"', required=False),
        past_only=bool(raw.get("past_only", False)),
        allow_other=bool(raw.get("allow_other", False)),
        help=_texts(raw.get("help"), '"help"', required=False),
    )


def _resolve_field(entry: Any, shared: Mapping[str, dict[str, Any]]) -> PresetField:
    """A preset's field entry: a shared field id, {"field": id, ...overrides} or a full field."""
    if isinstance(entry, str):
        if entry not in shared:
            raise ValueError(tr("it uses the field {name}, which no preset file defines.",
                                name=repr(entry)))
        return _parse_field(shared[entry], entry)
    if isinstance(entry, dict) and "field" in entry:
        base = entry["field"]
        if base not in shared:
            raise ValueError(tr("it uses the field {name}, which no preset file defines.",
                                name=repr(base)))
        merged = {**shared[base], **{k: v for k, v in entry.items() if k != "field"}}
        return _parse_field(merged, base)
    return _parse_field(entry)


def _tags(value: Any, what: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and k.strip() and isinstance(v, str) and v.strip()
            for k, v in value.items()):
        raise ValueError(tr('{what} must be an object of OSM tags, like {example}.',
                            what=what, example='{"amenity": "clinic"}'))
    return dict(value)


def _parse_preset(raw: Any, shared: Mapping[str, dict[str, Any]], path: Path) -> Preset:
    if not isinstance(raw, dict):
        raise ValueError(tr("a preset must be a JSON object."))
    preset_id = raw.get("id")
    if not isinstance(preset_id, str) or not re.fullmatch(r"[\w:.-]+(/[\w:.-]+)*", preset_id):
        raise ValueError(tr('it needs an "id" like "facility/borehole" '
                            '(letters, digits, _ - / :).'))
    try:
        layer = ParticipatoryLayer(str(raw.get("layer")))
    except ValueError:
        raise ValueError(tr('"layer" must be one of {choices}, not {value}.',
                            choices=", ".join(layer.value for layer in ParticipatoryLayer),
                            value=repr(raw.get("layer")))) from None
    geometry = LAYER_GEOMETRY[layer]
    if raw.get("geometry", geometry.value) != geometry.value:
        raise ValueError(tr('features of {layer} are drawn as {geometry}s, '
                            'so "geometry" must be "{geometry}".',
                            layer=layer.value, geometry=geometry.value))
    tags = _tags(raw.get("tags"), '"tags"')
    if not tags:
        raise ValueError(tr('"tags" is empty: a preset needs at least one tag, like {example}.',
                            example='{"amenity": "clinic"}'))
    match_tags = _tags(raw.get("match_tags", {}), '"match_tags"')
    raw_terms = raw.get("terms", {})
    if not isinstance(raw_terms, dict) or not all(
            isinstance(t, list) and all(isinstance(x, str) for x in t)
            for t in raw_terms.values()):
        raise ValueError(tr('"terms" must be lists of words per language, like {example}.',
                            example='{"en": ["dispensary"]}'))
    fields: list[PresetField] = []
    for entry in raw.get("fields", []):
        try:
            fields.append(_resolve_field(entry, shared))
        except ValueError as error:
            name = entry if isinstance(entry, str) else (entry.get("key") or entry.get("field")
                                                         if isinstance(entry, dict) else entry)
            raise ValueError(tr("field {name}: {problem}", name=repr(name),
                                problem=error)) from None
    keys = [f.key for f in fields]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise ValueError(tr("the key {key} is asked twice in its fields.",
                            key=repr(repeated[0])))
    clash = sorted(k for k in keys if k in tags)
    if clash:
        raise ValueError(tr("the field {key} would change a tag the preset sets itself.",
                            key=repr(clash[0])))
    score = _number(raw.get("match_score", 1.0), '"match_score"')
    return Preset(
        id=preset_id, layer=layer, geometry=geometry,
        names=_texts(raw.get("name"), '"name"'),
        terms={code: tuple(t.strip() for t in words if t.strip())
               for code, words in raw_terms.items()},
        tags=tags, fields=tuple(fields), match_tags=match_tags,
        match_score=1.0 if score is None else score, source=path,
    )

