"""What an export wrote, for the status bar, the command line and tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

#: ``progress(fraction, message)``: fraction of the export done (0-1) and what it is doing.
Progress = Callable[[float, str], None]


@dataclass
class ExportReport:
    """The files an export wrote and what went into them."""

    #: Format written: geojson, gpkg, shp, csv, kml, osm, osc, gtfs, html, pdf, png.
    format: str
    #: Every file written, in the order written (sidecars included).
    files: list[Path] = field(default_factory=list)
    #: Features written per layer (for OSM: per participatory layer; for GTFS: per table).
    counts: dict[str, int] = field(default_factory=dict)
    #: Plain sentences: layers left out, features skipped and why, assumptions made.
    notes: list[str] = field(default_factory=list)


def report_progress(progress: Progress | None, fraction: float, message: str) -> None:
    """Call ``progress`` if there is one, with the fraction kept within 0-1."""
    if progress is not None:
        progress(min(max(fraction, 0.0), 1.0), message)
