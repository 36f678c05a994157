"""Which fields are personal data, left out of an export when the user asks.

The list lives in one data file, ``resources/export/personal_fields.json``, so
that a team can add the column names of its own surveys. It covers who mapped a
feature (``contributor``, ``mapping_session``) and household survey answers such
as the Kianda (Kibera) structure survey's ``POP``, ``WOMEN``, ``CHILD``, ``OWNER``,
``FAM_*`` and ``RENT_*`` columns.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

#: The data file holding the patterns.
PERSONAL_FIELDS_FILE = (Path(__file__).resolve().parents[2] / "resources" / "export"
                        / "personal_fields.json")


@cache
def personal_patterns() -> tuple[str, ...]:
    """Lower-case name patterns of personal fields (``*`` matches any characters)."""
    data = json.loads(PERSONAL_FIELDS_FILE.read_text(encoding="utf-8"))
    return tuple(str(entry["pattern"]).lower() for entry in data["patterns"])


def is_personal(name: str) -> bool:
    """True if a column (or tag) called ``name`` holds personal data."""
    lowered = name.lower()
    return any(fnmatch.fnmatchcase(lowered, pattern) for pattern in personal_patterns())


def personal_fields(names: Iterable[str]) -> list[str]:
    """The names among ``names`` that are personal, in their order."""
    return [name for name in names if is_personal(name)]
