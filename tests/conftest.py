"""Shared fixtures: the real data in ../shared/data and projects built from it once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("QUARTIER_SHARED_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The shared real-data folder (../shared/data)."""
    if not DATA.exists():
        pytest.fail(f"The shared data folder {DATA} is missing: tests need the real data.")
    return DATA


@pytest.fixture(scope="session")
def kibera_project(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Path:
    """A project built once from the real Kibera OSM export (read-only for tests)."""
    from mapping.build import project_from_extract

    path = tmp_path_factory.mktemp("kibera") / "kibera.gpkg"
    project_from_extract(path, data_dir / "osm" / "kibera.osm")
    return path


@pytest.fixture(scope="session", autouse=True)
def qt_application():
    """One QApplication for the whole run, made before any test.

    Printed-map exports start a plain QGuiApplication when none exists (the model
    never loads widgets); the desktop tests' widgets cannot live on that one, so
    whichever test runs first, the application is a widget one.
    """
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])
