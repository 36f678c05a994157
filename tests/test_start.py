"""The window's start: what it loads before the first map is painted.

Speed itself is measured by ``benchmarks/bench_start.py``, never here. These tests
check what makes the start short: the libraries the first map does not need (street
routing, rasters, analyses, downloads, web maps, and GDAL with geopandas and pandas, as
the map reads a GeoPackage with SQLite) are not loaded by then, both in a
real start of the app and in the module-level imports of every module it loads.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
#: Not needed for the first map; each costs a tenth of a second or more to import.
NOT_AT_START = ("networkx", "rasterio", "scipy", "osmnx", "folium", "matplotlib", "psycopg")
#: Not needed for the first map of a GeoPackage project either: the store reads its layers
#: with SQLite (GDAL, and the geopandas and pandas that pyogrio imports, are for analyses,
#: imports and exports).
NOT_FOR_THE_FIRST_MAP = ("pyogrio", "geopandas", "pandas", "pyarrow")
#: The window's own modules the first map does not need: dialogs, the panels of docks hidden
#: at the start, and what they ask about; each is imported where it is first wanted.
LATER_IN_THE_WINDOW = (
    "desktop.dialogs.about", "desktop.dialogs.new_project_dialog",
    "desktop.dialogs.settings_dialog", "desktop.help_window", "desktop.dialogs.crs_dialog",
    "desktop.dialogs.hazard_dialog", "desktop.dialogs.thresholds_dialog",
    "desktop.dialogs.export_dialog", "desktop.dialogs.print_dialog",
    "desktop.dialogs.merge_conflicts_dialog", "desktop.dialogs.field_import_dialog",
    "desktop.dialogs.conflict_dialog", "desktop.dialogs.session_dialog",
    "desktop.panels.analysis_panel", "desktop.panels.service_panel", "mapping.analysis",
)
#: Our own packages (the rest is third-party).
OURS = ("desktop", "layers", "mapping", "sample_areas")


def start_until_the_first_map(project: Path, tmp_path: Path
                              ) -> tuple[subprocess.CompletedProcess, set[str]]:
    """A real ``quartier open PROJECT --timings`` on a virtual screen, quitting once the
    first map is painted: the finished process and the modules loaded by then."""
    modules_file = tmp_path / "modules.txt"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QUARTIER_SETTINGS_DIR": str(tmp_path),
           "QUARTIER_PROJECTS_DIR": str(tmp_path), "QUARTIER_QUIT_WHEN_DRAWN": "1",
           "QUARTIER_TIMINGS_MODULES": str(modules_file)}
    done = subprocess.run([sys.executable, "-m", "desktop.cli", "open", str(project),
                           "--timings"], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0, done.stderr
    return done, set(modules_file.read_text(encoding="utf-8").split())


@pytest.fixture
def kibera_with_flood(kibera_project, tmp_path) -> Path:
    """Kibera with a vector hazard layer: a risk map's usual first frame."""
    import shutil

    import geopandas as gpd
    import shapely

    from mapping import hazard_store
    from mapping.project import Project

    path = tmp_path / "kibera_flood.gpkg"
    shutil.copy(kibera_project, path)
    flood = tmp_path / "flood.geojson"
    gpd.GeoDataFrame({"depth": [0.4, 1.2]}, crs=4326, geometry=[
        shapely.box(36.780, -1.320, 36.790, -1.310),
        shapely.box(36.783, -1.317, 36.787, -1.313)]).to_file(flood)
    project = Project(path)
    hazard_store.add_hazard_layer(project, flood, "flood", attribute="depth")
    project.close()
    return path


@pytest.mark.parametrize("which", ["kibera_project", "kibera_with_flood"])
def test_first_map_is_painted_without_the_libraries_it_does_not_need(which, request, tmp_path):
    done, loaded = start_until_the_first_map(request.getfixturevalue(which), tmp_path)
    marks = dict(re.findall(r"^\s+([a-z ]+?)\s+([\d.]+) s\s+CPU", done.stderr, re.MULTILINE))
    assert list(marks)[-1] == "first map painted", done.stderr
    assert {"imports done", "window painted", "project read"} <= set(marks)
    assert float(marks["imports done"]) <= float(marks["first map painted"])
    # The list is of this process at the first map: the map's own modules are in it.
    assert {"desktop.main_window", "mapping.render.renderer", "mapping.store.geopackage"} <= loaded
    assert [name for name in NOT_AT_START if name in loaded] == []
    assert [name for name in NOT_FOR_THE_FIRST_MAP if name in loaded] == []
    assert [name for name in LATER_IN_THE_WINDOW if name in loaded] == []
    printed = re.search(r"heavy modules loaded: (.*)$", done.stderr, re.MULTILINE)
    assert printed is not None
    said = set(printed.group(1).split(", ")) - {"none"}
    assert said == {name for name in said if name in loaded}


def _module_file(name: str) -> Path | None:
    path = REPO.joinpath(*name.split("."))
    if (path / "__init__.py").is_file():
        return path / "__init__.py"
    return path.with_suffix(".py") if path.with_suffix(".py").is_file() else None


def _is_type_checking(test: ast.expr) -> bool:
    return isinstance(test, ast.Name) and test.id == "TYPE_CHECKING" or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _top_level_imports(path: Path) -> set[str]:
    """Modules a file imports when it is imported (not inside functions, not for type
    checkers only); ``from a import b`` counts ``a.b`` too, as b may be a module."""
    found: set[str] = set()

    def visit(statements: list[ast.stmt]) -> None:
        for node in statements:
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.If):
                if not _is_type_checking(node.test):
                    visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)
                for handler in node.handlers:
                    visit(handler.body)
                visit(node.orelse)
                visit(node.finalbody)

    visit(ast.parse(path.read_text(encoding="utf-8")).body)
    return found


def test_modules_the_window_loads_import_no_heavy_library_at_module_level():
    """Walk the module-level imports from desktop.app through our own modules."""
    seen: dict[str, str | None] = {"desktop.app": None}  # module -> who imported it
    queue = ["desktop.app"]
    third_party: dict[str, str] = {}
    while queue:
        module = queue.pop()
        path = _module_file(module)
        assert path is not None, module
        for name in sorted(_top_level_imports(path)):
            parts = name.split(".")
            if parts[0] not in OURS:
                third_party.setdefault(parts[0], module)
                continue
            # Importing a.b.c runs a/__init__.py and a/b/__init__.py first.
            for depth in range(1, len(parts) + 1):
                candidate = ".".join(parts[:depth])
                if candidate not in seen and _module_file(candidate) is not None:
                    seen[candidate] = module
                    queue.append(candidate)
    assert {"desktop.main_window", "desktop.canvas", "mapping.store.geopackage"} <= set(seen)

    def chain(module: str) -> str:
        links = [module]
        while seen.get(links[-1]):
            links.append(seen[links[-1]])  # type: ignore[arg-type]
        return " <- ".join(links)

    heavy = {name: chain(third_party[name]) for name in NOT_AT_START + NOT_FOR_THE_FIRST_MAP
             if name in third_party}
    assert heavy == {}
    assert {name: chain(name) for name in LATER_IN_THE_WINDOW if name in seen} == {}


def test_hidden_docks_get_their_panel_when_first_wanted(qtbot, kibera_project):
    """The hidden Analysis, Transport service and Mapping progress docks get their panel
    on first use; it then shows the open project as before."""
    from desktop import analysis_flow
    from desktop.app import make_window
    from desktop.panels.analysis_panel import AnalysisPanel

    assert (analysis_flow.EXPOSURE, analysis_flow.EVACUATION, analysis_flow.ACCESS) == (
        AnalysisPanel.EXPOSURE, AnalysisPanel.EVACUATION, AnalysisPanel.ACCESS)
    window = make_window(language="en")
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.projectOpened, timeout=60000):
        window.open_project(kibera_project)
    for flow in (window.analysis_flow, window.service_flow, window.progress_flow):
        assert flow._panel is None and flow.dock.widget() is None
    window.analysis_flow.open(analysis_flow.ACCESS)
    panel = window.analysis_flow.panel
    assert window.analysis_flow.dock.widget() is panel and panel.isVisible()
    assert panel.tabs.currentIndex() == AnalysisPanel.ACCESS
    layers = [panel.exposure_box.itemData(i) for i in range(panel.exposure_box.count())]
    assert "buildings" in layers  # filled from the project opened before it was made
    window.service_flow.action.trigger()
    assert window.service_flow.dock.widget() is window.service_flow.panel
    assert window.service_flow.panel.isVisible()
    window.progress_flow.action.trigger()
    assert window.progress_flow.dock.widget() is window.progress_flow.panel
    assert window.progress_flow.panel.refresh_button.text() == "Refresh"
