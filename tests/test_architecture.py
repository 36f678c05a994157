"""The model works without a screen: layers/ and mapping/ never load Qt widgets."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _model_modules() -> list[str]:
    names = []
    for package in ("layers", "mapping"):
        for path in sorted((REPO / package).rglob("*.py")):
            parts = path.relative_to(REPO).with_suffix("").parts
            names.append(".".join(p for p in parts if p != "__init__"))
    return names


def test_no_model_module_imports_qt_widgets_even_indirectly():
    modules = _model_modules()
    assert len(modules) > 10
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith('PySide6.QtWidgets'))\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_layers_imports_no_qt_at_all():
    for path in (REPO / "layers").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(n.split(".")[0] in {"PySide6", "desktop"} for n in names), path


#: Where storage may be touched: the project store, and nothing else.
STORE = REPO / "mapping" / "store"
#: Modules outside the store allowed to use sqlite3, and why.
SQLITE_ALLOWED = {
    # Reads an INPUT GeoPackage read-only to recover text GDAL cuts at a NUL character;
    # layers/ is below mapping/ and cannot go through the store.
    REPO / "layers" / "vector_sources.py",
}
#: Calls that write data with GDAL (pyogrio) or open a database.
WRITERS = {"write_dataframe", "write_arrow", "write"}
DATABASES = {"sqlite3", "psycopg", "psycopg2", "sqlalchemy"}


def _code_files() -> list[Path]:
    return [path for package in ("layers", "mapping", "desktop")
            for path in sorted((REPO / package).rglob("*.py"))
            if STORE not in path.parents]


def _dotted(node: ast.AST) -> str:
    """``pyogrio.raw.write`` for an attribute chain, "" for anything else."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return ""


def _storage_uses(path: Path, code: str | None = None) -> list[str]:
    """What in ``path`` (or ``code``, as if it were there) touches storage outside the
    store: database imports, raw connections, pyogrio writes, a backend's internals."""
    found = []
    tree = ast.parse(code if code is not None else path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        where = f"{path.relative_to(REPO)}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in DATABASES and path not in SQLITE_ALLOWED:
                    found.append(f"{where} imports {alias.name}")
                if alias.name.startswith("mapping.store._"):
                    found.append(f"{where} imports {alias.name}")
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            names = {alias.name for alias in node.names}
            if module.split(".")[0] in DATABASES and path not in SQLITE_ALLOWED:
                found.append(f"{where} imports from {module}")
            if module.startswith("pyogrio") and names & WRITERS:
                found.append(f"{where} imports a pyogrio writer")
            if module.startswith("mapping.store._") or (
                    module == "mapping.store" and any(n.startswith("_") for n in names)):
                found.append(f"{where} imports the store's private {module}")
            if module == "mapping" and names & {"gpkg", "gpkg_copy"}:
                found.append(f"{where} imports mapping.{names & {'gpkg', 'gpkg_copy'}}")
        elif isinstance(node, ast.Call):
            name = _dotted(node.func)
            if name.startswith("pyogrio") and name.rsplit(".", 1)[-1] in WRITERS:
                found.append(f"{where} calls {name}")
            if (name.endswith("sqlite3.connect") or name.startswith("psycopg")) \
                    and path not in SQLITE_ALLOWED:
                found.append(f"{where} calls {name}")
    return found


def test_only_the_project_store_touches_storage():
    """No sqlite3, no raw connection, no pyogrio write and no backend internals outside
    mapping/store/ (import-linter cannot see the standard library)."""
    files = _code_files()
    assert len(files) > 50
    uses = [use for path in files for use in _storage_uses(path)]
    assert uses == []


def test_the_storage_check_can_fail():
    """The check above finds each thing it forbids (a check that cannot fail is none)."""
    code = ("import sqlite3\nimport pyogrio\nfrom pyogrio import write_dataframe\n"
            "from mapping.store import _gpkg\nfrom mapping import gpkg\n"
            "sqlite3.connect('x')\npyogrio.write_arrow(None, 'x')\n")
    uses = " ".join(_storage_uses(REPO / "mapping" / "probe.py", code))
    for expected in ("imports sqlite3", "pyogrio writer", "private mapping.store",
                     "imports mapping.", "calls sqlite3.connect", "calls pyogrio.write_arrow"):
        assert expected in uses, (expected, uses)


def test_the_desktop_opens_no_connection():
    """The views go through the store: nothing in desktop/ imports a database driver or
    a backend module's internals (checked above), nor GDAL's write calls."""
    desktop = [path for path in _code_files() if (REPO / "desktop") in path.parents]
    assert desktop
    assert [use for path in desktop for use in _storage_uses(path)] == []
