"""Refreshes the model's message catalogues from the code and compiles them.

    .venv/bin/python tools/update_catalogues.py [--translations FILE.json ...]
    .venv/bin/python tools/update_catalogues.py --missing sw [--under mapping/analysis]
    .venv/bin/python tools/update_catalogues.py --check

1. Extracts every message of the model (Babel): the calls ``tr``, ``ntr``, ``ptr``,
   ``tr_in`` and ``N_`` in ``layers/``, ``mapping/`` and the command line
   (``desktop/cli*.py``), and the words of the data files (preset names, labels,
   options and help; legend lines; print template texts). Writes ``messages.pot``.
2. Merges them into ``resources/i18n/<lang>.po`` for every language but English,
   keeping translations, dropping messages no longer used (no fuzzy guesses: a
   changed sentence must be translated again).
3. Fills translations given in ``--translations`` files: JSON objects
   ``{"fr": {"English sentence": "Phrase", "One {n}": ["Un {n}", "{n} ..."]}, "sw": {...}}``
   (a list gives the plural forms, in the order of the language's ``Plural-Forms``;
   a key ``"context\\u0004message"`` gives a message with a context).
4. Compiles ``<lang>/LC_MESSAGES/quartier.mo``, which is what Quartier reads.

``--missing LANG`` prints, as JSON, the messages without a translation in LANG (those
whose location starts with ``--under`` if given): the list to translate.
``--check`` changes nothing and exits 1 if the catalogues are not up to date.
The window's own words are Qt's (``tools/update_translations``).
"""

from __future__ import annotations

import argparse
import ast
import copy
import io
import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
sys.path.insert(0, str(ROOT))
from layers.i18n import LANGUAGES as _ALL  # noqa: E402
from layers.i18n import SOURCE_LANGUAGE  # noqa: E402

#: Every language but the one the messages are written in (layers.i18n.LANGUAGES).
LANGUAGES = tuple(code for code in _ALL if code != SOURCE_LANGUAGE)
KEYWORDS = {"tr": None, "ntr": (1, 2), "ptr": ((1, "c"), 2), "tr_in": (2,), "N_": None}
#: Data files whose words people read, and the keys that hold them.
DATA_FILES = ("resources/presets", "resources/styles", "resources/print_templates",
              "resources/needs")
DATA_KEYS = frozenset({"name", "label", "help", "title", "subtitle", "text", "legend",
                       "placeholder", "pattern_words", "caption", "note", "unit_label",
                       "pattern_hint"})
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)
HEADER = "Quartier's messages: the model, the command line, printed maps, web maps and reports."


def python_sources() -> list[Path]:
    """The files whose ``tr`` calls are the model's (never Qt's ``self.tr``)."""
    files = sorted((ROOT / "layers").rglob("*.py")) + sorted((ROOT / "mapping").rglob("*.py"))
    files += sorted((ROOT / "desktop").glob("cli*.py"))
    return files


def _data_words(value: object, key: str | None = None) -> Iterator[tuple[str, dict[str, str]]]:
    """(English word, its inline translations) of a JSON value, walking every level."""
    if isinstance(value, dict):
        if "en" in value and all(isinstance(v, str) for v in value.values()):
            yield value["en"], {k: v for k, v in value.items() if k != "en"}
            return
        for child_key, child in value.items():
            yield from _data_words(child, child_key)
    elif isinstance(value, list):
        for child in value:
            yield from _data_words(child, key)
    elif isinstance(value, str) and key in DATA_KEYS and value.strip():
        yield value, {}


def _calls_babel_misses(template: Catalog) -> Iterator[tuple[str, object, str | None]]:
    """Messages of calls Babel does not see: inside an f-string (Python 3.11 gives an
    f-string as one token) or inside another call's arguments. Found with ``ast``."""
    for path in python_sources():
        relative = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else (
                func.attr if isinstance(func, ast.Attribute) else None)
            texts = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str)
                     else None for a in node.args]
            context = None
            if name in ("tr", "N_") and texts[:1] and texts[0]:
                message: object = texts[0]
            elif name == "ntr" and len(texts) >= 2 and texts[0] and texts[1]:
                message = (texts[0], texts[1])
            elif name == "ptr" and len(texts) >= 2 and texts[0] and texts[1]:
                context, message = texts[0], texts[1]
            elif name == "tr_in" and len(texts) >= 2 and texts[1]:
                message = texts[1]
            else:
                continue
            key = message[0] if isinstance(message, tuple) else message
            if template.get(key, context=context) is None:
                yield relative, message, context


def extract() -> tuple[Catalog, dict[str, dict[str, str]]]:
    """The template catalogue, and the translations the data files carry inline."""
    template = Catalog(project="Quartier", header_comment=f"# {HEADER}", fuzzy=False)
    seeds: dict[str, dict[str, str]] = {}
    for path in python_sources():
        relative = path.relative_to(ROOT).as_posix()
        for _line, message, comments, context in extract_from_file(
                "python", path, keywords=KEYWORDS, comment_tags=("Translators:",),
                strip_comment_tags=True):
            text = message[0] if isinstance(message, tuple) else message
            if not text:
                continue
            flags = ("python-brace-format",) if "{" in text else ()
            template.add(message, locations=[(relative, None)], auto_comments=comments,
                         context=context, flags=flags)
    for relative, message, context in _calls_babel_misses(template):
        text = message[0] if isinstance(message, tuple) else message
        flags = ("python-brace-format",) if "{" in text else ()
        template.add(message, locations=[(relative, None)], context=context, flags=flags)
    for folder in DATA_FILES:
        for path in sorted((ROOT / folder).glob("*.json")):
            relative = path.relative_to(ROOT).as_posix()
            for word, inline in _data_words(json.loads(path.read_text(encoding="utf-8"))):
                flags = ("python-brace-format",) if "{" in word else ()
                template.add(word, locations=[(relative, None)], flags=flags)
                for language, text in inline.items():
                    seeds.setdefault(language, {}).setdefault(word, text)
    return template, seeds


def _key(message) -> str:
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return f"{message.context}\x04{msgid}" if message.context else msgid


def load(language: str, template: Catalog) -> Catalog:
    path = I18N / f"{language}.po"
    if path.exists():
        with path.open("rb") as stream:
            catalog = read_po(stream, locale=language)
    else:
        catalog = Catalog(locale=language, project="Quartier",
                          header_comment=f"# {HEADER}", fuzzy=False)
    # A copy: Babel hands the template's own message objects to the catalogue it
    # updates, and one language's translation would then show in the next one's.
    catalog.update(copy.deepcopy(template), no_fuzzy_matching=True, update_header_comment=True)
    catalog.obsolete.clear()
    return catalog


def fill(catalog: Catalog, translations: dict[str, object], only_empty: bool) -> int:
    done = 0
    for message in catalog:
        if not message.id:
            continue
        value = translations.get(_key(message))
        if value is None:
            continue
        current = message.string
        empty = not any(current) if isinstance(current, tuple) else not current
        if only_empty and not empty:
            continue
        if isinstance(message.id, tuple):
            forms = list(value) if isinstance(value, list) else [value] * catalog.num_plurals
            forms += [forms[-1]] * (catalog.num_plurals - len(forms))
            message.string = tuple(forms[: catalog.num_plurals])
        elif isinstance(value, str):
            message.string = value
        message.flags.discard("fuzzy")
        done += 1
    return done


def _po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, include_lineno=False, omit_header=False,
             sort_output=False, no_location=False)
    return _without_dates(out.getvalue())


def _without_dates(data: bytes) -> bytes:
    # The creation and revision dates change on every run; they are noise in the history.
    lines = [line for line in data.split(b"\n")
             if not line.startswith((b'"POT-Creation-Date:', b'"PO-Revision-Date:'))]
    return b"\n".join(lines)


def _mo_bytes(catalog: Catalog) -> bytes:
    # Fixed dates, so that the same translations always compile to the same bytes.
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def missing(catalog: Catalog, under: str | None) -> dict[str, object]:
    result: dict[str, object] = {}
    for message in catalog:
        if not message.id:
            continue
        if under and not any(loc[0].startswith(under) for loc in message.locations):
            continue
        string = message.string
        if isinstance(message.id, tuple):
            if not all(string):
                result[_key(message)] = list(message.id)
        elif not string:
            result[_key(message)] = message.id
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--translations", nargs="*", default=[], type=Path)
    parser.add_argument("--missing", choices=LANGUAGES)
    parser.add_argument("--under")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)

    template, seeds = extract()
    given: dict[str, dict[str, object]] = {}
    for path in args.translations:
        for language, table in json.loads(path.read_text(encoding="utf-8")).items():
            given.setdefault(language, {}).update(table)

    stale: list[str] = []
    outputs: dict[Path, bytes] = {I18N / "messages.pot": _po_bytes(template)}
    for language in LANGUAGES:
        catalog = load(language, template)
        fill(catalog, given.get(language, {}), only_empty=False)
        fill(catalog, seeds.get(language, {}), only_empty=True)
        if args.missing == language:
            json.dump(missing(catalog, args.under), sys.stdout, ensure_ascii=False, indent=1)
            print()
            return 0
        outputs[I18N / f"{language}.po"] = _po_bytes(catalog)
        outputs[I18N / language / "LC_MESSAGES" / "quartier.mo"] = _mo_bytes(catalog)

    for path, data in outputs.items():
        if path.exists() and path.read_bytes() == data:
            continue
        stale.append(str(path.relative_to(ROOT)))
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    if args.check and stale:
        print("Out of date (run tools/update_catalogues.py): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
