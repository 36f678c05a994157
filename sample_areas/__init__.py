"""Ready-to-open sample areas, built from real data that ships with Quartier.

Each sub-folder holds the data files, a ``README.md`` (what it is, where it comes
from, its attribution) and a ``sample.json`` manifest saying how the project is built:
from an OpenStreetMap extract (``"osm"``) or from vector layers (``"base"``, with
optional ``"roles"`` as ``--as`` takes them), and which hazard layers go with it.
The project is built on first use into the user's data folder and reused afterwards.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from layers.errors import QuartierError
from mapping.project import QUARTIER_VERSION, SCHEMA_VERSION, Project

#: The folder the sample data ships in.
SAMPLES_FOLDER = Path(__file__).resolve().parent
MANIFEST = "sample.json"


@dataclass(frozen=True)
class Sample:
    """One sample area and how its project is built."""

    #: Short name used on the command line (``quartier open --sample NAME``).
    name: str
    #: Title shown to people, and the project's name.
    title: str
    #: Folder holding the sample's data files.
    folder: Path
    #: OpenStreetMap extract the project is built from, or None.
    osm: str | None = None
    #: Vector layer files the project is built from (when ``osm`` is None).
    base: tuple[str, ...] = ()
    #: ``--as FILE=ROLE`` values for the vector layers.
    roles: tuple[str, ...] = ()
    #: Attribution line for everything in the sample.
    attribution: str = ""
    #: Hazard layers to add once hazard import exists: {"file": ..., "name": ...}.
    hazards: tuple[dict[str, str], ...] = ()


def _load(folder: Path) -> Sample:
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    return Sample(
        name=folder.name,
        title=manifest["title"],
        folder=folder,
        osm=manifest.get("osm"),
        base=tuple(manifest.get("base", ())),
        roles=tuple(manifest.get("roles", ())),
        attribution=manifest.get("attribution", ""),
        hazards=tuple(dict(h) for h in manifest.get("hazards", ())),
    )


#: Every sample area, by name.
SAMPLES: dict[str, Sample] = {
    folder.name: _load(folder)
    for folder in sorted(SAMPLES_FOLDER.iterdir())
    if (folder / MANIFEST).is_file()
}


def sample_names() -> list[str]:
    """Names of the sample areas, sorted."""
    return sorted(SAMPLES)


def get_sample(name: str) -> Sample:
    """The sample area called ``name``.

    Raises
    ------
    QuartierError
        There is no such sample; the message lists the ones there are.
    """
    sample = SAMPLES.get(name.strip().lower())
    if sample is None:
        raise QuartierError(
            f"There is no sample area called {name!r}; the samples are "
            f"{', '.join(sample_names())}."
        )
    return sample


def pending_hazards(name: str) -> list[dict[str, str]]:
    """The hazard layers of a sample not imported into its project yet (file, name)."""
    return [dict(hazard) for hazard in get_sample(name).hazards]


def samples_folder() -> Path:
    """Where sample projects are built: ``$XDG_DATA_HOME/quartier/samples``.

    ``XDG_DATA_HOME`` defaults to ``~/.local/share``.
    """
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "quartier" / "samples"


def sample_project(
    name: str,
    folder: str | os.PathLike[str] | None = None,
    rebuild: bool = False,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """The project file of a sample area, built on first use and reused afterwards.

    Parameters
    ----------
    name
        Sample name, one of :func:`sample_names`.
    folder
        Where to keep the project (default: :func:`samples_folder`).
    rebuild
        Build it again even if a current project is there.
    progress
        Optional callback receiving short status sentences.

    Returns
    -------
    Path
        ``<folder>/<name>.gpkg``. It is rebuilt when it was made by another version
        of Quartier or with another project layout, or cannot be opened.
    """
    sample = get_sample(name)
    target_folder = Path(folder) if folder is not None else samples_folder()
    target_folder.mkdir(parents=True, exist_ok=True)
    target = target_folder / f"{sample.name}.gpkg"
    if not rebuild and _is_current(target):
        return target
    if target.exists():
        # Never throw away what was mapped in an older sample project: keep it aside.
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
        target.rename(target.with_name(f"{target.stem}.{stamp}.bak.gpkg"))
    _build(sample, target, progress)
    return target


def _current_version() -> str:
    return QUARTIER_VERSION


def _is_current(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        metadata = Project(path).metadata
    except QuartierError:
        return False
    return (metadata.schema_version == SCHEMA_VERSION
            and metadata.quartier_version == _current_version())


def _build(sample: Sample, target: Path, progress: Callable[[str], None] | None) -> None:
    if sample.osm:
        from mapping.build import project_from_extract

        project_from_extract(target, sample.folder / sample.osm, name=sample.title,
                             force=True, progress=progress)
    else:
        from mapping.base_import import project_from_vectors

        project_from_vectors(target, [sample.folder / f for f in sample.base],
                             roles=sample.roles, name=sample.title, force=True,
                             progress=progress)
    if sample.hazards:
        from layers.hazard_classes import HazardType
        from mapping import hazard_store

        for hazard in sample.hazards:
            if progress:
                progress(f"Adding hazard layer {hazard['name']}")
            hazard_store.add_hazard_layer(
                Project(target), sample.folder / hazard["file"], hazard["name"],
                title=hazard.get("title"), hazard_type=HazardType(hazard.get("type", "flood")))


__all__ = ["SAMPLES", "Sample", "get_sample", "pending_hazards", "sample_names",
           "sample_project", "samples_folder"]
