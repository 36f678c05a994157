"""The errors Quartier raises, each carrying one plain sentence for the user.

The model never shows a dialog: the command line prints ``str(error)`` and the
desktop application shows it in a message box. Every message says what is wrong
and what to do about it, in words a planning officer understands.
"""

from __future__ import annotations


class QuartierError(Exception):
    """Base class: something the user can act on, described in plain words."""


class InputFileError(QuartierError):
    """A file given to Quartier is missing, empty, truncated, corrupt or of the wrong kind."""


class EmptyExtractError(QuartierError):
    """The input holds no features (at all, or inside the requested area)."""


class ProjectError(QuartierError):
    """The project file cannot be created, opened or written."""


class ProjectExistsError(ProjectError):
    """A project already exists where a new one was asked for."""


class CRSMissingError(QuartierError):
    """A layer has no coordinate reference system and none was given."""


class DownloadError(QuartierError):
    """Downloading OpenStreetMap data failed (no network, server error, bad answer)."""


class ValidationError(QuartierError):
    """A feature or tag value does not satisfy its preset or geometry rules."""


class CancelledError(QuartierError):
    """The user cancelled a long operation; nothing was changed."""


class OutsideAreaError(QuartierError):
    """A layer does not overlap the project's area of interest."""
