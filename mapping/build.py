"""Build a new project from an OpenStreetMap extract or from ready-made vector layers."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from layers.errors import ProjectExistsError
from layers.i18n import tr
from layers.osm_extract import read_extract
from mapping.project import Project, ProjectMetadata, create_project

Progress = Callable[[str], None]


def project_from_extract(
    project_path: str | os.PathLike[str],
    extract_path: str | os.PathLike[str],
    bbox: tuple[float, float, float, float] | None = None,
    name: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
) -> Project:
    """Read an OSM extract and write it as a new project, all at once or not at all.

    Parameters
    ----------
    project_path
        The ``.gpkg`` to create.
    extract_path
        ``.osm``, ``.osm.bz2`` or ``.osm.pbf`` file.
    bbox
        Optional area of interest (west, south, east, north) in degrees.
    name
        Project name (default: the project file's name).
    force
        Replace an existing project file.
    progress
        Optional callback receiving short status sentences.
    """
    target = Path(project_path)
    if target.exists() and not force:
        # Checked before the (possibly long) read, so the user hears it at once.
        raise ProjectExistsError(tr(
            "{path} already exists. Choose another file name, or add --force to replace it.",
            path=target))
    extract = read_extract(extract_path, bbox=bbox, progress=progress)
    metadata = ProjectMetadata(
        name=name or target.stem.replace("_", " "),
        area_of_interest=bbox or extract.bounds,
        source=Path(extract_path).name,
        osm_data_date=extract.data_date,
        import_notes=extract.notes,
    )
    if progress:
        progress(tr("Writing {name}", name=target.name))
    project = create_project(target, extract.tables, metadata, force=force)
    from mapping.render.overview import write_project_overviews  # Qt's painter: only here

    write_project_overviews(target)  # a big project's first frame (none for small ones)
    return project


def parse_bbox(text: str | Sequence[float]) -> tuple[float, float, float, float]:
    """Parse ``W,S,E,N`` in degrees, refusing swapped or out-of-range values in plain words."""
    from layers.errors import InputFileError

    if isinstance(text, str):
        parts = [p for p in text.replace(" ", "").split(",") if p]
        try:
            values = [float(p) for p in parts]
        except ValueError as error:
            raise InputFileError(tr(
                "--bbox “{text}” is not four numbers. Write it as west,south,east,north "
                "in degrees, for example 36.77,-1.32,36.80,-1.30.", text=text)) from error
    else:
        values = [float(v) for v in text]
    if len(values) != 4:
        raise InputFileError(tr(
            "--bbox needs four numbers: west,south,east,north in degrees, "
            "for example 36.77,-1.32,36.80,-1.30."))
    west, south, east, north = values
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90
            and -90 <= north <= 90):
        raise InputFileError(tr(
            "--bbox is outside the world: longitudes go from -180 to 180 and latitudes "
            "from -90 to 90 (west,south,east,north)."))
    if west >= east or south >= north:
        raise InputFileError(tr(
            "--bbox {west},{south},{east},{north} is empty or swapped: west must be less "
            "than east and south less than north.", west=west, south=south, east=east,
            north=north))
    return west, south, east, north
