"""Where the desktop app keeps its preferences: language, recent projects, UTM display,
whether the last project opens again on start.

Recent projects are project files and team-server addresses; an address is always
remembered without its password.

Preferences live in QSettings (the registry on Windows, an ini file elsewhere).
Setting ``QUARTIER_SETTINGS_DIR`` keeps them in an ini file in that folder instead,
so tests and screenshot runs never touch a person's own preferences.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

from desktop.team_address import Location, is_team, without_password

SETTINGS_DIR_VARIABLE = "QUARTIER_SETTINGS_DIR"
RECENT_LIMIT = 8

LANGUAGE_KEY = "language"
RECENT_KEY = "recent_projects"
UTM_KEY = "show_utm"
REOPEN_KEY = "reopen_last_project"


def app_settings() -> QSettings:
    """The app's preferences store (an ini file when ``QUARTIER_SETTINGS_DIR`` is set)."""
    folder = os.environ.get(SETTINGS_DIR_VARIABLE)
    if folder:
        return QSettings(str(Path(folder) / "quartier.ini"), QSettings.Format.IniFormat)
    return QSettings("Quartier", "Quartier")


def recent_projects() -> list[Location]:
    """Recently opened projects, newest first: files still on disk, team-server addresses."""
    value = app_settings().value(RECENT_KEY, [])
    if isinstance(value, str):
        value = [value] if value else []
    return [without_password(p) if is_team(p) else Path(p) for p in value
            if p and (is_team(p) or Path(p).exists())]


def remember_project(location: Location) -> list[Location]:
    """Put a project file or team-server address (never its password) first in the list."""
    if is_team(location):
        first: Location = without_password(str(location))
    else:
        first = Path(location).resolve()

    def same(other: Location) -> bool:
        if isinstance(first, str) or isinstance(other, str):
            return other == first
        return other.resolve() == first

    kept = [first] + [p for p in recent_projects() if not same(p)]
    kept = kept[:RECENT_LIMIT]
    app_settings().setValue(RECENT_KEY, [str(p) for p in kept])
    return kept


def clear_recent_projects() -> None:
    """Forget the recent projects."""
    app_settings().setValue(RECENT_KEY, [])


def show_utm() -> bool:
    """Whether the status bar also shows UTM coordinates."""
    return str(app_settings().value(UTM_KEY, "false")).lower() == "true"


def set_show_utm(shown: bool) -> None:
    """Remember whether the status bar shows UTM coordinates."""
    app_settings().setValue(UTM_KEY, "true" if shown else "false")


def reopen_last_project() -> bool:
    """Whether Quartier opens the last project again when started without one (default on)."""
    return str(app_settings().value(REOPEN_KEY, "true")).lower() == "true"


def set_reopen_last_project(reopen: bool) -> None:
    """Remember whether the last project opens again on start."""
    app_settings().setValue(REOPEN_KEY, "true" if reopen else "false")


def last_project() -> Location | None:
    """The project to open again on start: the newest recent one still there, if wanted."""
    if not reopen_last_project():
        return None
    recent = recent_projects()
    return recent[0] if recent else None
