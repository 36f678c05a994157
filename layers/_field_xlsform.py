"""The choice labels of an XLSForm (the spreadsheet an ODK or Kobo form is written in).

Exports hold a select question's *choice names* ("1", "hc"), which say little; the
form's ``choices`` sheet gives their labels ("Health centre"), which find a preset
and read as tags. The ``.xlsx`` is read with :mod:`zipfile` and
:mod:`xml.etree.ElementTree` (no spreadsheet library is a dependency): the workbook's
sheet list, its shared strings and the two sheets needed, ``survey`` and ``choices``.
A part declaring a document type or entities is refused, as for GPX.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path, PurePosixPath

from layers.errors import InputFileError
from layers.i18n import tr

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def choice_labels(path: Path) -> dict[str, dict[str, str]]:
    """For each select question (by name), its choices' labels by choice name.

    Raises
    ------
    InputFileError
        Not an XLSForm (.xlsx with ``survey`` and ``choices`` sheets).
    """
    label = path.name
    try:
        with zipfile.ZipFile(path) as book:
            sheets = _sheets(book, label)
            missing = [name for name in ("survey", "choices") if name not in sheets]
            if missing:
                if len(missing) > 1:
                    raise InputFileError(tr("{name} is not an XLSForm: it has no survey and "
                                            "no choices sheet.", name=label))
                raise InputFileError(tr("{name} is not an XLSForm: it has no {sheet} sheet.",
                                        name=label, sheet=missing[0]))
            strings = _shared_strings(book, label)
            survey = _table(_xml(book, sheets["survey"], label), strings)
            choices = _table(_xml(book, sheets["choices"], label), strings)
    except zipfile.BadZipFile:
        raise InputFileError(tr("{name} is not an .xlsx spreadsheet (an XLSForm).",
                                name=label)) from None
    by_list: dict[str, dict[str, str]] = {}
    for row in choices:
        list_name = row.get("list_name") or row.get("list name") or ""
        text = next((v for k, v in row.items() if k.startswith("label") and v), "")
        if list_name and row.get("name") and text:
            by_list.setdefault(list_name, {})[row["name"]] = text
    labels = {}
    for row in survey:
        kind = (row.get("type") or "").split()
        if len(kind) >= 2 and kind[0] in ("select_one", "select_multiple") and row.get("name"):
            labels[row["name"]] = by_list.get(kind[1], {})
    return labels


def _xml(book: zipfile.ZipFile, member: str, label: str) -> ET.Element:
    raw = book.read(member)
    if b"<!DOCTYPE" in raw.upper() or b"<!ENTITY" in raw.upper():
        raise InputFileError(tr("{name} declares a document type or entities; it was not read.",
                                name=label))
    try:
        return ET.fromstring(raw)
    except ET.ParseError as error:
        raise InputFileError(tr("{name} is a damaged spreadsheet ({reason}).", name=label,
                                reason=error)) from None


def _sheets(book: zipfile.ZipFile, label: str) -> dict[str, str]:
    """Sheet name (lower case) -> its part in the ZIP."""
    try:
        workbook = _xml(book, "xl/workbook.xml", label)
        rels = _xml(book, "xl/_rels/workbook.xml.rels", label)
    except KeyError:
        raise InputFileError(tr("{name} is not an .xlsx spreadsheet (an XLSForm).",
                                name=label)) from None
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_REL}Relationship")}
    sheets = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl", target))
        sheets[(sheet.get("name") or "").strip().lower()] = part
    return sheets


def _shared_strings(book: zipfile.ZipFile, label: str) -> list[str]:
    if "xl/sharedStrings.xml" not in book.namelist():
        return []
    root = _xml(book, "xl/sharedStrings.xml", label)
    return ["".join(t.text or "" for t in item.iter(f"{_MAIN}t"))
            for item in root.iter(f"{_MAIN}si")]


def _table(sheet: ET.Element, strings: list[str]) -> list[dict[str, str]]:
    """A sheet's rows as dicts keyed by its first row (lower case)."""
    rows = []
    for row in sheet.iter(f"{_MAIN}row"):
        cells = {}
        for cell in row.iter(f"{_MAIN}c"):
            column = re.sub(r"\d", "", cell.get("r", ""))
            kind = cell.get("t")
            if kind == "inlineStr":
                text = "".join(t.text or "" for t in cell.iter(f"{_MAIN}t"))
            else:
                value = cell.find(f"{_MAIN}v")
                text = "" if value is None or value.text is None else value.text
                if kind == "s" and text.isdigit() and int(text) < len(strings):
                    text = strings[int(text)]
            cells[column] = text.strip()
        rows.append(cells)
    if not rows:
        return []
    header = {column: name.lower() for column, name in rows[0].items() if name}
    return [{header[c]: v for c, v in cells.items() if c in header} for cells in rows[1:]]
