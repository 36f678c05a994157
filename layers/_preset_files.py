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

from layers.participatory import ParticipatoryLayer
from layers.presets import (
    DEFAULT_LANGUAGE,
    LAYER_GEOMETRY,
    FieldType,
    Preset,
    PresetField,
    PresetOption,
    PresetProblem,
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
            problems.append(PresetProblem(path, '"fields" must be an object of field '
                                                'definitions, like {"name": {...}}.'))
            continue
        for field_id, definition in raw_fields.items():
            try:
                _parse_field(definition, field_id)
            except ValueError as error:
                problems.append(PresetProblem(path, f"field {field_id!r}: {error}"))
                continue
            shared[field_id] = definition

    presets: dict[str, Preset] = {}
    for path, document in documents:
        raw_presets = document.get("presets", [])
        if not isinstance(raw_presets, list):
            problems.append(PresetProblem(path, '"presets" must be a list of presets.'))
            continue
        for number, raw in enumerate(raw_presets, start=1):
            label = raw.get("id") if isinstance(raw, dict) else None
            where = f"preset {number}" + (f" ({label!r})" if isinstance(label, str) else "")
            try:
                preset = _parse_preset(raw, shared, path)
            except ValueError as error:
                problems.append(PresetProblem(path, f"{where}: {error}"))
                continue
            earlier = presets.get(preset.id)
            if earlier is not None and earlier.source is not None \
                    and earlier.source.parent == path.parent:
                problems.append(PresetProblem(
                    path, f"{where}: the id {preset.id!r} is already used in "
                          f"{earlier.source.name}; give this preset another id."))
                continue
            presets[preset.id] = preset
    return list(presets.values()), problems




def _read_document(path: Path, problems: list[PresetProblem]) -> dict[str, Any] | None:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        problems.append(PresetProblem(path, "the file is not UTF-8 text. Save it as UTF-8."))
        return None
    except json.JSONDecodeError as error:
        problems.append(PresetProblem(
            path, f"not valid JSON at line {error.lineno}, column {error.colno} ({error.msg})."))
        return None
    except OSError as error:
        problems.append(PresetProblem(path, f"cannot be read ({error.strerror or error})."))
        return None
    if not isinstance(document, dict):
        problems.append(PresetProblem(
            path, 'the file must hold one JSON object with "presets" and/or "fields".'))
        return None
    return document


def _texts(value: Any, what: str, required: bool = True) -> dict[str, str]:
    if value is None and not required:
        return {}
    if isinstance(value, str) and value.strip():
        return {DEFAULT_LANGUAGE: value.strip()}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ValueError(f'{what} must be text per language, like {{"en": "...", "fr": "..."}}.')
    texts = {str(code): text.strip() for code, text in value.items() if text.strip()}
    if required and not texts:
        raise ValueError(f"{what} is empty; give at least an English one.")
    return texts


def _number(value: Any, what: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{what} must be a number, not {value!r}.")
    return float(value)


def _parse_field(raw: Any, default_key: str | None = None) -> PresetField:
    if not isinstance(raw, dict):
        raise ValueError("a field must be an object with at least a key and a label.")
    key = raw.get("key", default_key)
    if not isinstance(key, str) or not key.strip() or key != key.strip():
        raise ValueError('a field needs a "key": the OSM key it fills, like "capacity".')
    try:
        kind = FieldType(raw.get("type", "text"))
    except ValueError:
        raise ValueError(f'"type" must be one of {", ".join(t.value for t in FieldType)}, '
                         f'not {raw.get("type")!r}.') from None
    options = []
    for option in raw.get("options", []):
        if not isinstance(option, dict) or not isinstance(option.get("value"), str) \
                or not option["value"].strip():
            raise ValueError('each option needs a "value" (text) and a "label".')
        options.append(PresetOption(option["value"], _texts(
            option.get("label", option["value"]), f"the label of option {option['value']!r}")))
    if kind in (FieldType.SELECT, FieldType.MULTI_SELECT) and not options:
        raise ValueError(f'a {kind.value} field needs "options" to choose from.')
    minimum = _number(raw.get("minimum"), '"minimum"')
    maximum = _number(raw.get("maximum"), '"maximum"')
    if minimum is not None and maximum is not None and minimum > maximum:
        raise ValueError(f'"minimum" ({minimum:g}) is larger than "maximum" ({maximum:g}).')
    pattern = raw.get("pattern")
    if pattern is not None:
        try:
            re.compile(pattern)
        except (re.error, TypeError) as error:
            raise ValueError(f'"pattern" is not a valid regular expression ({error}).') from None
    return PresetField(
        key=key, label=_texts(raw.get("label", key), "the label"), type=kind,
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
            raise ValueError(f"it uses the field {entry!r}, which no preset file defines.")
        return _parse_field(shared[entry], entry)
    if isinstance(entry, dict) and "field" in entry:
        base = entry["field"]
        if base not in shared:
            raise ValueError(f"it uses the field {base!r}, which no preset file defines.")
        merged = {**shared[base], **{k: v for k, v in entry.items() if k != "field"}}
        return _parse_field(merged, base)
    return _parse_field(entry)


def _tags(value: Any, what: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and k.strip() and isinstance(v, str) and v.strip()
            for k, v in value.items()):
        raise ValueError(f'{what} must be an object of OSM tags, like {{"amenity": "clinic"}}.')
    return dict(value)


def _parse_preset(raw: Any, shared: Mapping[str, dict[str, Any]], path: Path) -> Preset:
    if not isinstance(raw, dict):
        raise ValueError("a preset must be a JSON object.")
    preset_id = raw.get("id")
    if not isinstance(preset_id, str) or not re.fullmatch(r"[\w:.-]+(/[\w:.-]+)*", preset_id):
        raise ValueError('it needs an "id" like "facility/borehole" (letters, digits, _ - / :).')
    try:
        layer = ParticipatoryLayer(str(raw.get("layer")))
    except ValueError:
        raise ValueError(f'"layer" must be one of '
                         f'{", ".join(layer.value for layer in ParticipatoryLayer)}, '
                         f'not {raw.get("layer")!r}.') from None
    geometry = LAYER_GEOMETRY[layer]
    if raw.get("geometry", geometry.value) != geometry.value:
        raise ValueError(f'features of {layer.value} are drawn as {geometry.value}s, '
                         f'so "geometry" must be "{geometry.value}".')
    tags = _tags(raw.get("tags"), '"tags"')
    if not tags:
        raise ValueError('"tags" is empty: a preset needs at least one tag, like '
                         '{"amenity": "clinic"}.')
    match_tags = _tags(raw.get("match_tags", {}), '"match_tags"')
    raw_terms = raw.get("terms", {})
    if not isinstance(raw_terms, dict) or not all(
            isinstance(t, list) and all(isinstance(x, str) for x in t)
            for t in raw_terms.values()):
        raise ValueError('"terms" must be lists of words per language, '
                         'like {"en": ["dispensary"]}.')
    fields: list[PresetField] = []
    for entry in raw.get("fields", []):
        try:
            fields.append(_resolve_field(entry, shared))
        except ValueError as error:
            name = entry if isinstance(entry, str) else (entry.get("key") or entry.get("field")
                                                         if isinstance(entry, dict) else entry)
            raise ValueError(f"field {name!r}: {error}") from None
    keys = [f.key for f in fields]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise ValueError(f"the key {repeated[0]!r} is asked twice in its fields.")
    clash = sorted(k for k in keys if k in tags)
    if clash:
        raise ValueError(f"the field {clash[0]!r} would change a tag the preset sets itself.")
    score = _number(raw.get("match_score", 1.0), '"match_score"')
    return Preset(
        id=preset_id, layer=layer, geometry=geometry,
        names=_texts(raw.get("name"), '"name"'),
        terms={code: tuple(t.strip() for t in words if t.strip())
               for code, words in raw_terms.items()},
        tags=tags, fields=tuple(fields), match_tags=match_tags,
        match_score=1.0 if score is None else score, source=path,
    )

