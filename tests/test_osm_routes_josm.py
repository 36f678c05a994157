"""JOSM's own validator finds no public transport problem in the exported routes.

JOSM (Debian's package) runs offline through ``tests/josm_check.java``, which prints
every problem its validator finds, route relations included (``josm validate`` drops
those, having no geometry to draw them with). A copy of the export with three
mistakes a mapper could make shows the check sees route problems at all.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mapping.export import export
from tests.test_osm_routes import draw_lines

JOSM_JAR = Path("/usr/share/josm/josm.jar")
CHECK = Path(__file__).with_name("josm_check.java")
#: What JOSM may still say of an export: the drawn path is an untagged way, not a road
#: (the export says to replace it by the roads it follows before uploading).
EXPECTED = {("Relation checker", "1708"), ("Untagged, empty and one node ways", "302")}


def josm_problems(files: list[Path], home: Path) -> dict[str, list[list[str]]]:
    """File -> the problems JOSM's validator reports, each [severity, code, test,
    message, objects]."""
    if not JOSM_JAR.exists() or shutil.which("java") is None:
        pytest.fail("JOSM is missing: tools/setup installs the josm Debian package.")
    done = subprocess.run(
        ["java", "-Djava.awt.headless=true", f"-Duser.home={home}", "-cp", str(JOSM_JAR),
         str(CHECK), *map(str, files)], capture_output=True, text=True, timeout=600,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    found: dict[str, list[list[str]]] = {}
    current = ""
    for line in done.stdout.splitlines():
        fields = line.split("\t")
        if fields[0] == "FILE":
            current = fields[1]
            found[current] = []
        elif fields[0] == "TESTS":
            assert int(fields[1]) >= 30 and int(fields[3]) >= 500, line  # tests, presets
        else:
            found[current].append(fields)
    return found


def spoil(good: Path, bad: Path) -> None:
    """Three mistakes: a way with role forward (PTv1), a misspelt platform role, and a
    stop put in a route_master."""
    tree = ET.parse(good)
    root = tree.getroot()
    routes = [r for r in root.iter("relation") if r.find("tag[@k='type']").get("v") == "route"]
    next(m for m in routes[0].iter("member") if m.get("type") == "way").set("role", "forward")
    next(m for m in routes[1].iter("member") if m.get("role") == "platform").set(
        "role", "platfrom")
    master = next(r for r in root.iter("relation")
                  if r.find("tag[@k='type']").get("v") == "route_master")
    stop = next(m for m in routes[0].iter("member") if m.get("type") == "node")
    ET.SubElement(master, "member", type="node", ref=stop.get("ref"), role="")
    tree.write(bad, encoding="utf-8", xml_declaration=True)


def test_josm_finds_no_public_transport_problem(tmp_path: Path, kibera_project: Path):
    project = tmp_path / "k.gpkg"
    shutil.copy(kibera_project, project)
    draw_lines(project)
    good, bad = tmp_path / "lines.osm", tmp_path / "spoilt.osm"
    export(project, good, verified_only=False)
    spoil(good, bad)
    home = tmp_path / "home"
    home.mkdir()
    found = josm_problems([good, bad], home)
    problems = found[str(good)]
    assert {(p[2], p[1]) for p in problems} <= EXPECTED, problems
    assert not [p for p in problems if p[0] == "Errors"]
    # Both kinds are about the drawn path: untagged ways, none of the stops or relations.
    assert problems and all(p[4] == "way:" for p in problems)
    assert all("highway" in p[3] for p in problems if p[1] == "1708")
    # The spoilt copy: JOSM sees each mistake.
    spoilt = {(p[0], p[1], p[2]) for p in found[str(bad)]}
    assert ("Errors", "3601", "Public Transport Route") in spoilt  # forward/backward role
    messages = " ".join(p[3] for p in found[str(bad)])
    assert "Role 'platfrom' is not among expected values" in messages
    assert "does not match accepted types 'relation' in preset Route Master" in messages
