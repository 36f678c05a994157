"""Where a person's projects are, and how the window shows where a project is.

Projects, sample areas and (by default) everything exported from them live where a
person looks for their files: a ``Quartier`` folder in their documents
(``~/Documents/Quartier`` on most systems, ``~/Quartier`` when there is no documents
folder), never a hidden application folder. Sample areas are built (or copied from the
hidden folder earlier versions used) into ``Quartier/Samples`` on first use.

``QUARTIER_PROJECTS_DIR`` puts that folder elsewhere (tests, screenshot runs), so they
never touch a person's own documents.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices

if TYPE_CHECKING:
    from desktop.tasks import Task
    from mapping.project import Project

PROJECTS_DIR_VARIABLE = "QUARTIER_PROJECTS_DIR"
#: The visible folder's name, inside the documents folder.
FOLDER_NAME = "Quartier"
#: Sub-folder of :func:`quartier_folder` holding the sample areas.
SAMPLES_NAME = "Samples"


def default_quartier_folder(documents: str | None, home: Path) -> Path:
    """The ``Quartier`` folder for a documents location (may be empty) and a home folder.

    The documents folder the system names if it exists, else ``~/Documents`` if it
    exists, else ``~/Quartier``: no folder is invented for the person's documents.
    """
    for candidate in (Path(documents) if documents else None, home / "Documents"):
        if candidate is not None and candidate.is_dir():
            return candidate / FOLDER_NAME
    return home / FOLDER_NAME


def quartier_folder() -> Path:
    """The visible folder where projects and samples are kept (not created here)."""
    chosen = os.environ.get(PROJECTS_DIR_VARIABLE)
    if chosen:
        return Path(chosen)
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    return default_quartier_folder(documents, Path.home())


def ensure_quartier_folder() -> Path:
    """:func:`quartier_folder`, made if missing (the home folder when it cannot be made)."""
    folder = quartier_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Path.home()
    return folder


def samples_folder() -> Path:
    """Where the sample areas' projects are kept: ``Quartier/Samples``."""
    return quartier_folder() / SAMPLES_NAME


def output_folder(project: Project | None) -> Path:
    """Where a project's exports and reports are suggested: beside its file; for a team
    project (on a server, no file) the Quartier folder; with none open, the home folder."""
    from desktop.team_address import is_team

    if project is None:
        return Path.home()
    if is_team(project.store.location):
        return quartier_folder() if quartier_folder().is_dir() else Path.home()
    return project.path.parent


def sample_names() -> list[str]:
    """The bundled sample areas (none if the sample package is missing)."""
    try:
        from sample_areas import sample_names as names
    except ImportError:
        return []
    return names()


def sample_title(name: str) -> str:
    """A sample area's own title."""
    from sample_areas import get_sample

    return get_sample(name).title


def load_project(path: Path | str, task: Task | None = None) -> tuple:
    """Open a project (its file, or its team-server address) and prepare its renderer
    (runs in a worker thread): (project, renderer). ``task``, the task it runs in, is
    checked for Cancel."""
    from mapping.project import Project
    from mapping.render.renderer import MapRenderer

    project = Project(path)
    renderer = MapRenderer(project)
    if task is not None:
        task.check()
    return project, renderer


def sample_project_file(name: str, progress: Callable[[str], None] | None = None) -> Path:
    """The project file of a sample area in ``Quartier/Samples``, made on first use.

    A sample project an earlier version kept in the hidden data folder (with what was
    mapped in it) is copied over first, so nothing mapped there is left behind.
    """
    import sample_areas

    sample = sample_areas.get_sample(name)
    folder = samples_folder()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{sample.name}.gpkg"
    older = sample_areas.samples_folder() / target.name
    if not target.exists() and older.is_file():
        partial = target.with_name(f".{target.name}.copy-{os.getpid()}")
        try:
            shutil.copy2(older, partial)
            partial.replace(target)
        except OSError:
            partial.unlink(missing_ok=True)
    return sample_areas.sample_project(sample.name, folder=folder, progress=progress)


def short_path(path: Path) -> str:
    """A path as a person reads it: ``~/Documents/Quartier/kibera.gpkg``."""
    path = Path(path)
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)


def readable_stem(name: str, fallback: str) -> str:
    """A file name part from a project name: lower case, words joined by one ``_``.

    "Kibera, Nairobi" gives ``kibera_nairobi``; letters of any alphabet are kept.
    """
    words = "".join(c.lower() if c.isalnum() or c == "-" else " " for c in name).split()
    return "_".join(words) or fallback


def output_stem(project_path: Path | None, project_name: str, fallback: str) -> str:
    """The start of an output's file name: the project file's name (``kibera``)."""
    if project_path is not None:
        stem = readable_stem(Path(project_path).stem, "")
        if stem:
            return stem
    return readable_stem(project_name, fallback)


def show_in_folder(path: Path) -> bool:
    """Open the folder holding ``path`` in the file manager."""
    path = Path(path)
    folder = path if path.is_dir() else path.parent
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
