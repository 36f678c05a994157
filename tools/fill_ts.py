#!/usr/bin/env python3
"""Fills the translations of a Qt .ts file from JSON files.

    tools/fill_ts.py resources/i18n/quartier_sw.ts /tmp/i18n/ts_sw_*.json

Each JSON file maps a context to its messages: ``{"MainWindow": {"&File": "&Faili"}}``;
a message with a count (``numerus="yes"``) takes a list of forms
(``{"%n building(s)": ["jengo %n", "majengo %n"]}``). Each message found gets its
translation and loses ``type="unfinished"``; the rest of the file stays exactly as
``pyside6-lupdate`` wrote it, so the tool can run again after it. Translations in the
JSON files that match no message of the file are reported, and so are messages of the
file still unfinished. Compile afterwards with ``pyside6-lrelease`` (or run
``tools/update_translations``).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from pathlib import Path

_CONTEXT = re.compile(r"<context>.*?</context>", re.DOTALL)
_NAME = re.compile(r"<name>(.*?)</name>", re.DOTALL)
_MESSAGE = re.compile(r"<message( numerus=\"yes\")?>.*?</message>", re.DOTALL)
_SOURCE = re.compile(r"<source>(.*?)</source>", re.DOTALL)
_TRANSLATION = re.compile(r"( *)<translation[^>]*?(?:/>|>.*?</translation>)", re.DOTALL)


Words = dict[str, dict[str, str | list[str]]]


def escape(text: str) -> str:
    """Text as lupdate writes it inside an element."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&apos;"))


def load(paths: list[Path]) -> Words:
    words: Words = {}
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        for context, messages in data.items():
            words.setdefault(context, {}).update(messages)
    return words


def _translation(indent: str, value: str | list[str], numerus: bool) -> str:
    if numerus:
        forms = [value] if isinstance(value, str) else value
        inner = "".join(f"\n{indent}    <numerusform>{escape(form)}</numerusform>"
                        for form in forms)
        return f"{indent}<translation>{inner}\n{indent}</translation>"
    if isinstance(value, list):
        value = value[-1]
    return f"{indent}<translation>{escape(value)}</translation>"


def fill(text: str, words: Words) -> tuple[str, list[str], list[str]]:
    """The file with the translations set, the translations unused, the messages left."""
    used: set[tuple[str, str]] = set()
    left: list[str] = []

    def context(match: re.Match[str]) -> str:
        block = match.group(0)
        name = html.unescape(_NAME.search(block).group(1))  # type: ignore[union-attr]
        mine = words.get(name, {})

        def message(found: re.Match[str]) -> str:
            msg = found.group(0)
            numerus = bool(found.group(1))
            source = html.unescape(_SOURCE.search(msg).group(1))  # type: ignore[union-attr]
            if source not in mine or mine[source] in ("", []):
                if 'type="unfinished"' in msg:
                    left.append(f"{name}: {source}")
                return msg
            used.add((name, source))
            return _TRANSLATION.sub(
                lambda t: _translation(t.group(1), mine[source], numerus), msg, count=1)

        return _MESSAGE.sub(message, block)

    text = _CONTEXT.sub(context, text)
    unused = [f"{name}: {source}" for name, messages in words.items()
              for source in messages if (name, source) not in used]
    return text, unused, left


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("ts", type=Path)
    parser.add_argument("json", type=Path, nargs="+")
    args = parser.parse_args(argv)
    text = args.ts.read_text(encoding="utf-8")
    new, unused, left = fill(text, load(args.json))
    if new != text:
        args.ts.write_text(new, encoding="utf-8")
    for line in unused:
        print(f"not in {args.ts.name}: {line}", file=sys.stderr)
    for line in left:
        print(f"unfinished: {line}", file=sys.stderr)
    print(f"{len(left)} message(s) left unfinished, {len(unused)} translation(s) unused",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
