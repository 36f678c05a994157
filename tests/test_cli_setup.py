"""The `quartier` command and the set-up scripts, run as a person runs them (issue 9 §2).

Every test here starts the real `quartier` command (`.venv/bin/quartier`) or the real
script in `tools/` in its own process.
"""

from __future__ import annotations

import configparser
import fcntl
import json
import os
import pty
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
import rasterio
import shapely

REPO = Path(__file__).resolve().parents[1]
QUARTIER = Path(sys.executable).with_name("quartier")
WEST_OAKLAND = Path("more") / "osm" / "West-Oakland.osm.bz2"


def quartier(*args: str | Path, env: dict[str, str] | None = None,
             cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed `quartier` command in a fresh process."""
    return subprocess.run([str(QUARTIER), *map(str, args)], capture_output=True, text=True,
                          timeout=600, env=env, cwd=cwd)


def plain_env(**extra: str) -> dict[str, str]:
    """The environment of a person's terminal: no virtual environment on the PATH."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env["PATH"] = "/usr/local/bin:/usr/bin:/bin"
    env.update(extra)
    return env


# ------------------------------------------------------------ --bbox west of Greenwich


def test_osmium_bounds_of_west_oakland(data_dir: Path):
    """The box used below covers the extract's east part (checked with osmium)."""
    out = subprocess.run(["osmium", "fileinfo", "-e", "-g", "data.bbox",
                          str(data_dir / WEST_OAKLAND)], capture_output=True, text=True,
                         check=True).stdout
    west, south, east, north = (float(v) for v in out.strip().strip("()").split(","))
    assert west < -122.30 < east < -122.28  # the box cuts the extract's west part off
    assert 37.80 < south < north < 37.82


def test_new_and_export_take_a_bbox_west_of_greenwich(tmp_path: Path, data_dir: Path):
    extract = data_dir / WEST_OAKLAND
    spaced = tmp_path / "oakland.gpkg"
    done = quartier("new", spaced, "--osm", extract, "--bbox", "-122.30,37.80,-122.28,37.82")
    assert done.returncode == 0, done.stderr
    assert "expected one argument" not in done.stderr
    joined = tmp_path / "joined.gpkg"
    assert quartier("new", joined, "--osm", extract,
                    "--bbox=-122.30,37.80,-122.28,37.82").returncode == 0

    info = json.loads(quartier("info", spaced, "--json").stdout)
    assert info["project"]["area_of_interest"] == [-122.30, 37.80, -122.28, 37.82]
    same = json.loads(quartier("info", joined, "--json").stdout)
    counts = {name: layer["count"] for name, layer in info["layers"].items()}
    assert counts == {name: layer["count"] for name, layer in same["layers"].items()}
    assert counts["buildings"] > 0 and counts["roads"] > 0
    for name in ("buildings", "roads", "pois"):
        west, south, east, north = info["layers"][name]["extent"]
        assert west >= -122.30 - 1e-9 and east <= -122.28 + 1e-9, name
        assert south >= 37.80 - 1e-9 and north <= 37.82 + 1e-9, name

    # export --bbox, a smaller box, also west of Greenwich and typed with a space.
    box = (-122.30, 37.805, -122.295, 37.81)
    out = tmp_path / "out" / "oakland.geojson"
    out.parent.mkdir()
    done = quartier("export", spaced, "--to", out, "--bbox", ",".join(map(str, box)))
    assert done.returncode == 0, done.stderr
    written = sorted(out.parent.iterdir())
    assert written and all(p.name.startswith("oakland_") for p in written)
    area = shapely.box(*box)
    exported = 0
    for path in written:
        features = json.loads(path.read_text())["features"]
        exported += len(features)
        for feature in features:
            assert shapely.geometry.shape(feature["geometry"]).intersects(area), path.name
    assert 0 < exported < sum(counts.values())


def test_thresholds_below_zero_are_read_as_numbers(tmp_path: Path, jakarta: Path):
    done = quartier("hazard", "classify", jakarta, "flood_2007", "--thresholds", "-0.25,1.5")
    assert done.returncode == 0, done.stderr
    assert "Low (≤ -0.25 m)" in done.stdout


def test_an_unknown_option_is_still_refused(tmp_path: Path):
    done = quartier("info", "-x", tmp_path / "p.gpkg")
    assert done.returncode == 2 and "unrecognized arguments: -x" in done.stderr


def test_export_file_names_the_readme_gives(tmp_path: Path, kibera_project: Path):
    """One file per layer for GeoJSON, CSV and Shapefile; Shapefiles split by geometry."""
    for suffix in (".geojson", ".csv", ".shp"):
        done = quartier("export", kibera_project, "--to", tmp_path / f"out{suffix}")
        assert done.returncode == 0, done.stderr
    names = {p.name for p in tmp_path.iterdir()}
    for layer in ("buildings", "roads", "pois", "places"):
        assert {f"out_{layer}.geojson", f"out_{layer}.csv"} <= names
    assert {"out_buildings.shp", "out_roads.shp", "out_pois_points.shp",
            "out_pois_polygons.shp", "out_water_lines.shp", "out_water_polygons.shp"} <= names
    for extension in (".dbf", ".shx", ".prj", ".cpg", ".fields.json"):
        assert f"out_pois_points{extension}" in names
    assert not names & {"out.geojson", "out.csv", "out.shp"}
    readme = (REPO / "README.md").read_text()
    assert "`out_pois_points.shp`" in readme and "`out_buildings.geojson`" in readme


# ------------------------------------------------------------ open with no screen


@pytest.mark.parametrize("platform", [None, "xcb"])
def test_open_with_no_screen_says_so_in_one_sentence(tmp_path: Path, platform: str | None):
    env = plain_env(QUARTIER_SETTINGS_DIR=str(tmp_path / "settings"),
                    XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path))
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    if platform:
        env["QT_QPA_PLATFORM"] = platform
    done = quartier("open", "--sample", "kibera", env=env)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("quartier: There is no screen")
    assert f"run `bash {REPO / 'tools' / 'start'} --sample kibera`, which starts a virtual " \
        "screen, or set DISPLAY to a running screen." in lines[0]
    assert "Reinstalling" not in done.stderr
    assert not (tmp_path / "data").exists()  # nothing was prepared for a window never shown


@pytest.mark.parametrize(("what", "words"), [
    (("missing.gpkg",), "The project missing.gpkg does not exist."),
    (("--sample", "lima"), "There is no sample area called 'lima'; the samples are "
                           "jakarta, kibera."),
])
def test_open_in_a_terminal_says_what_is_wrong_before_any_window(tmp_path: Path, what, words,
                                                                 kibera_project: Path):
    """Typed in a terminal, before, the window opened on an error box.

    (Started from the desktop menu or a file manager, with no terminal to read, the
    window still says it.) Also with no screen at all: the file's problem comes first.
    """
    env = plain_env(QT_QPA_PLATFORM="offscreen", QUARTIER_SETTINGS_DIR=str(tmp_path / "s"),
                    QUARTIER_PROJECTS_DIR=str(tmp_path / "projects"), HOME=str(tmp_path),
                    QUARTIER_SCREENSHOT=str(tmp_path / "window.png"))
    leader, follower = pty.openpty()  # stderr is a terminal, as when a person types
    try:
        done = subprocess.run([str(QUARTIER), "open", *what], stdout=subprocess.PIPE,
                              stderr=follower, env=env, cwd=tmp_path, timeout=300)
        os.close(follower)
        said = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal is closed once all is read
                break
            if not chunk:
                break
            said += chunk
    finally:
        os.close(leader)
    assert (done.returncode, said.decode()) == (2, f"quartier: {words}\r\n")
    assert not (tmp_path / "window.png").exists()

    if what[0].endswith(".gpkg"):  # an existing project: the sentence says how to open it
        (tmp_path / what[0]).write_bytes(kibera_project.read_bytes())
        no_screen = {k: v for k, v in env.items()
                     if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
        done_headless = quartier("open", *what, env=no_screen, cwd=tmp_path)
        assert done_headless.returncode == 2
        assert f"run `bash {REPO / 'tools' / 'start'} {tmp_path / what[0]}`" in \
            done_headless.stderr
        (tmp_path / what[0]).unlink()

    no_screen = {k: v for k, v in env.items() if k != "QT_QPA_PLATFORM"}
    no_screen.pop("DISPLAY", None)
    no_screen.pop("WAYLAND_DISPLAY", None)
    done_headless = quartier("open", *what, env=no_screen, cwd=tmp_path)
    assert (done_headless.returncode, done_headless.stderr) == (2, f"quartier: {words}\n")


def test_screen_check_lets_offscreen_and_real_screens_through(monkeypatch):
    from desktop.cli import _no_screen

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert _no_screen() is not None
    for platform in ("offscreen", "minimal", "vnc:size=800x600", "wayland;offscreen"):
        monkeypatch.setenv("QT_QPA_PLATFORM", platform)
        assert _no_screen() is None, platform
    monkeypatch.setenv("QT_QPA_PLATFORM", "wayland")
    assert "WAYLAND_DISPLAY" in (_no_screen() or "")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert _no_screen() is None
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.delenv("WAYLAND_DISPLAY")
    monkeypatch.setenv("DISPLAY", ":0")
    assert _no_screen() is None


# ------------------------------------------------------------ hazard add: class 0 in words


@pytest.fixture(scope="module")
def jakarta_added(tmp_path_factory: pytest.TempPathFactory,
                  data_dir: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The Jakarta sample's base layers, and what `hazard add` of the flood depth printed."""
    project = tmp_path_factory.mktemp("jakarta") / "jakarta.gpkg"
    sample = REPO / "sample_areas" / "jakarta"
    done = quartier("new", project, "--base", sample / "buildings.gpkg",
                    "--base", sample / "roads.gpkg")
    assert done.returncode == 0, done.stderr
    added = quartier("hazard", "add", project, data_dir / "jakarta" / "flood_depth.tif",
                     "--name", "flood_2007")
    assert added.returncode == 0, added.stderr
    return project, added


@pytest.fixture
def jakarta(jakarta_added, tmp_path: Path) -> Path:
    """A copy of the Jakarta project with its flood layer, to change freely."""
    copy = tmp_path / "jakarta.gpkg"
    copy.write_bytes(jakarta_added[0].read_bytes())
    return copy


def test_hazard_add_names_every_class_in_words(jakarta_added):
    project, added = jakarta_added
    with rasterio.open(f"GPKG:{project}:flood_2007") as grid:
        depth = grid.read(1).astype("float64")
        nodata = grid.nodata
    unknown = np.isnan(depth) | (depth == nodata)
    expected = {
        "Not in any class (0 m or less, or no data)": int((unknown | (depth <= 0)).sum()),
        "Low (≤ 0.5 m)": int((~unknown & (depth > 0) & (depth <= 0.5)).sum()),
        "Medium (0.5–1.5 m)": int((~unknown & (depth > 0.5) & (depth <= 1.5)).sum()),
        "High (> 1.5 m)": int((~unknown & (depth > 1.5)).sum()),
    }
    lines = added.stdout.splitlines()
    assert lines[0] == f"Added flood_2007: hazard layer (raster), {depth.size} cells"
    printed = {}
    for line in lines[1:]:
        if line.startswith("  "):
            label, count, unit = line.strip().rsplit(None, 2)
            assert unit == "cells"
            printed[label.strip()] = int(count)
    assert printed == expected
    assert sum(printed.values()) == depth.size
    assert not any(line.split()[0] == "None" for line in lines[1:] if line.strip())


def test_class_zero_words_follow_how_the_layer_is_read():
    from desktop.cli import _not_in_any_class
    from layers.hazard_classes import HazardClass, Thresholds
    from layers.hazards import Classification, ClassificationMethod, parse_class_map

    by_values = Classification(ClassificationMethod.VALUES, attribute="FLOODPRONE",
                               class_map=parse_class_map("yes=high,no=none,dry=none"))
    assert _not_in_any_class(by_values) == \
        "Not in any class (no, dry, no value, or a value with no class)"
    intensity = Classification(ClassificationMethod.THRESHOLDS,
                               thresholds=Thresholds((6, 8), minimum=2, unit="MMI"))
    assert _not_in_any_class(intensity) == "Not in any class (2 MMI or less, or no data)"
    single = Classification(ClassificationMethod.SINGLE, single_class=HazardClass.NONE)
    assert _not_in_any_class(single) == "Not in any class"


# ------------------------------------------------------------ tools/setup and the apt lock


def _hold_lock(path: Path) -> subprocess.Popen[str]:
    """A separate process holding an fcntl write lock on ``path``, as apt does."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import fcntl, os, sys\n"
         f"fd = os.open({str(path)!r}, os.O_RDWR | os.O_CREAT, 0o640)\n"
         "fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
         "print('locked', flush=True)\n"
         "sys.stdin.read()\n"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    return holder


def _lock_table(lock: Path, holder: subprocess.Popen[str], waiter: subprocess.Popen[str]) -> str:
    """What the kernel lists, to explain a failure."""
    return (f"lock inode {lock.stat().st_ino}, holder {holder.pid} ({holder.poll()}), "
            f"waiter {waiter.pid} ({waiter.poll()}):\n{Path('/proc/locks').read_text()}")


def _wait_while_held(lock: Path, *args: str, check: str = "") -> None:
    holder = _hold_lock(lock)
    try:
        waiter = subprocess.Popen(["bash", str(REPO / "tools" / "_apt_wait"), *args],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env={**os.environ, "QUARTIER_APT_LOCK_CHECK": check})
        assert waiter.stdout is not None
        first = waiter.stdout.readline()
        seen = _lock_table(lock, holder, waiter)
        assert first.startswith("quartier setup: Waiting for another program to finish "
                                "installing packages (apt is locked by python"), seen
        assert f"process {holder.pid})…" in first
        time.sleep(3)
        # still waiting: the lock is still held
        assert waiter.poll() is None, _lock_table(lock, holder, waiter)
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    rest, err = waiter.communicate(timeout=60)
    assert waiter.returncode == 0, err
    assert rest == "quartier setup: apt is free again; going on.\n"


@pytest.mark.parametrize("check", ["", "proc"])
def test_apt_wait_waits_for_a_lock_held_by_another_process(tmp_path: Path, check: str):
    """Asking the kernel about the file (as root), or reading /proc/locks (anyone)."""
    lock = tmp_path / "lock-frontend"
    _wait_while_held(lock, str(lock), str(tmp_path / "absent-lock"), check=check)


def test_apt_wait_keeps_waiting_while_others_take_and_drop_many_locks(tmp_path: Path):
    """/proc/locks skips entries while the list changes under it (SQLite, other tools):
    a lock still held must not be taken for released (it was, 3 times in 8)."""
    churn = [subprocess.Popen(
        [sys.executable, "-c",
         "import fcntl, os, random, sys\n"
         f"fds = [os.open({str(tmp_path)!r} + f'/churn{number}_{{i}}', os.O_RDWR | os.O_CREAT)"
         " for i in range(60)]\n"
         "held = set()\n"
         "while True:\n"
         "    fd = random.choice(fds)\n"
         "    fcntl.lockf(fd, fcntl.LOCK_UN if fd in held else fcntl.LOCK_EX)\n"
         "    held ^= {fd}\n"]) for number in range(2)]
    try:
        lock = tmp_path / "lock"
        for _ in range(3):
            _wait_while_held(lock, str(lock), check="proc")
    finally:
        for process in churn:
            process.kill()
            process.wait()


@pytest.mark.skipif(not os.access("/var/lib/dpkg/lock-frontend", os.W_OK),
                    reason="holding apt's own lock needs root")
def test_apt_wait_waits_for_apts_own_lock():
    """apt's real lock file, held a few seconds by another process (nothing is installed)."""
    lock = Path("/var/lib/dpkg/lock-frontend")
    fd = os.open(lock, os.O_RDWR)
    try:  # never hold it while apt really runs
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.lockf(fd, fcntl.LOCK_UN)
    except OSError:
        pytest.skip("apt is running on this machine")
    finally:
        os.close(fd)
    _wait_while_held(lock)
    _wait_while_held(lock, check="proc")


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A checkout whose Python packages are installed: tools/setup has no pip work to do.

    The real tools/ scripts, byte for byte; .venv/bin holds links to this checkout's
    python and quartier, and the stamp tools/setup writes after installing the packages.
    (On the real checkout, another change to pyproject.toml would make tools/setup
    reinstall the shared virtual environment in the middle of the test run.)
    """
    folder = tmp_path / "checkout"
    (folder / "tools").mkdir(parents=True)
    for script in ("setup", "start", "_apt_wait", "_install_launcher"):
        (folder / "tools" / script).write_bytes((REPO / "tools" / script).read_bytes())
    (folder / "pyproject.toml").write_text('[project]\nname = "quartier"\n')
    (folder / ".venv" / "bin").mkdir(parents=True)
    for program in ("python", "quartier"):
        (folder / ".venv" / "bin" / program).symlink_to(Path(sys.executable).with_name(program))
    digest = subprocess.run(["sha256sum", str(folder / "pyproject.toml")], capture_output=True,
                            text=True, check=True).stdout.split()[0]
    (folder / ".venv" / ".quartier-installed").write_text(digest + "\n")
    return folder


def test_setup_waits_for_apt_then_installs(tmp_path: Path, checkout: Path):
    """tools/setup with a Debian package missing while another program holds apt's lock.

    ``dpkg-query`` and ``apt-get`` are stand-ins on the PATH that say a package is missing
    and record how they were called (nothing is installed); the lock is a real fcntl
    lock held by another process on a file named by QUARTIER_APT_LOCKS.
    """
    fake = tmp_path / "bin"
    fake.mkdir()
    calls = tmp_path / "apt-calls.txt"
    (fake / "dpkg-query").write_text(
        '#!/bin/sh\ncase "$*" in *xvfb*) echo "unknown ok not-installed" ;;'
        ' *) echo "install ok installed" ;; esac\n')
    (fake / "apt-get").write_text(f'#!/bin/sh\necho "$*" >> {calls}\n')
    for tool in ("dpkg-query", "apt-get"):
        (fake / tool).chmod(0o755)
    lock = tmp_path / "lock-frontend"
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "PATH": f"{fake}:{os.environ['PATH']}", "HOME": str(home),
           "XDG_DATA_HOME": "", "QUARTIER_APT_LOCKS": f"{lock}:{tmp_path / 'absent'}"}
    holder = _hold_lock(lock)
    try:
        setup = subprocess.Popen(["bash", str(checkout / "tools" / "setup")], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert setup.stdout is not None
        assert setup.stdout.readline() == "quartier setup: installing Debian packages: xvfb\n"
        waiting = setup.stdout.readline()
        assert waiting.startswith("quartier setup: Waiting for another program to finish "
                                  "installing packages (apt is locked by python"), \
            _lock_table(lock, holder, setup) + (setup.communicate()[1] if setup.poll() else "")
        time.sleep(2)
        assert setup.poll() is None and not calls.exists()  # apt-get not run meanwhile
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    rest, err = setup.communicate(timeout=600)
    assert setup.returncode == 0, err
    assert rest.startswith("quartier setup: apt is free again; going on.\n")
    assert calls.read_text().splitlines() == [
        "-o DPkg::Lock::Timeout=1800 update -qq",
        "-o DPkg::Lock::Timeout=1800 install -y -qq --no-install-recommends xvfb",
    ]


def test_apt_wait_returns_at_once_when_apt_is_free(tmp_path: Path):
    done = subprocess.run(["bash", str(REPO / "tools" / "_apt_wait"), str(tmp_path / "x")],
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_apt_wait_gives_up_after_its_limit_with_a_sentence(tmp_path: Path):
    lock = tmp_path / "lock"
    holder = _hold_lock(lock)
    try:
        done = subprocess.run(["bash", str(REPO / "tools" / "_apt_wait"), str(lock)],
                              capture_output=True, text=True, timeout=60,
                              env={**os.environ, "QUARTIER_APT_WAIT_SECONDS": "2"})
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    assert done.returncode == 1
    assert "apt has been locked by python" in done.stderr
    assert "run this again" in done.stderr


# ------------------------------------------------------------ the launcher


def _install(home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(REPO / "tools" / "_install_launcher")],
                          capture_output=True, text=True, timeout=60,
                          env=plain_env(HOME=str(home), XDG_DATA_HOME=""))


def test_launcher_runs_quartier_without_the_virtual_environment(tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    done = _install(home)
    assert done.returncode == 0, done.stderr
    launcher = home / ".local" / "bin" / "quartier"
    entry = home / ".local" / "share" / "applications" / "quartier.desktop"
    assert f"the quartier command: {launcher}" in done.stdout
    assert f"Quartier in the application menu: {entry}" in done.stdout
    assert os.access(launcher, os.X_OK)

    desktop = configparser.ConfigParser(interpolation=None)
    desktop.read(entry)
    fields = desktop["Desktop Entry"]
    assert fields["Exec"] == f"{launcher} open %f"
    assert Path(fields["Icon"]).is_file()
    assert fields["Categories"] == "Education;Geography;Science;"
    assert fields["Type"] == "Application" and fields["Name"] == "Quartier"
    if shutil.which("desktop-file-validate"):  # desktop-file-utils, when installed
        checked = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True,
                                 text=True)
        assert checked.returncode == 0 and "error" not in checked.stdout, checked.stdout

    work = tmp_path / "work"
    work.mkdir()
    env = plain_env(HOME=str(home))
    helped = subprocess.run([str(launcher), "--help"], capture_output=True, text=True,
                            env=env, cwd=work, timeout=120)
    assert helped.returncode == 0 and "usage: quartier" in helped.stdout
    made = subprocess.run([str(launcher), "new", "kibera.gpkg", "--osm",
                           str(REPO / "sample_areas" / "kibera" / "kibera.osm"),
                           "--name", "Kibera"], capture_output=True, text=True, env=env,
                          cwd=work, timeout=600)
    assert made.returncode == 0, made.stderr
    info = subprocess.run([str(launcher), "info", "kibera.gpkg", "--json"], capture_output=True,
                          text=True, env=env, cwd=work, timeout=120)
    assert info.returncode == 0, info.stderr
    layers = json.loads(info.stdout)["layers"]
    assert layers["buildings"]["count"] == 159 and layers["roads"]["count"] == 514

    # Again: nothing to write, nothing said about it.
    before = launcher.read_bytes(), entry.read_bytes()
    again = _install(home)
    assert again.returncode == 0 and "the quartier command:" not in again.stdout
    assert (launcher.read_bytes(), entry.read_bytes()) == before


def test_launcher_without_a_home_folder_is_a_note_not_a_failure(tmp_path: Path):
    done = _install(tmp_path / "no such home")
    assert done.returncode == 0
    assert "no home folder (HOME), so no quartier command" in done.stdout
    assert not (tmp_path / "no such home").exists()


def test_launcher_of_a_moved_checkout_says_what_to_do(tmp_path: Path):
    checkout = tmp_path / "it's moved" / "quartier"
    (checkout / "tools").mkdir(parents=True)
    (checkout / "tools" / "_install_launcher").write_bytes(
        (REPO / "tools" / "_install_launcher").read_bytes())
    home = tmp_path / "home"
    home.mkdir()
    installed = subprocess.run(["bash", str(checkout / "tools" / "_install_launcher")],
                               capture_output=True, text=True, timeout=60,
                               env=plain_env(HOME=str(home), XDG_DATA_HOME=""))
    assert installed.returncode == 0, installed.stderr
    done = subprocess.run([str(home / ".local" / "bin" / "quartier"), "--help"],
                          capture_output=True, text=True, timeout=60, env=plain_env())
    assert done.returncode == 127
    assert done.stderr == (f"quartier: {checkout}/.venv/bin/quartier is not there any more "
                           "(was the Quartier folder moved or deleted?); run 'bash tools/start' "
                           "in the Quartier folder to set this command up again.\n")


def test_launcher_never_replaces_a_file_quartier_did_not_write(tmp_path: Path):
    home = tmp_path / "home with space"
    launcher = home / ".local" / "bin" / "quartier"
    launcher.parent.mkdir(parents=True)
    launcher.write_text("#!/bin/sh\necho someone else's quartier\n")
    done = _install(home)
    assert done.returncode == 0
    assert launcher.read_text() == "#!/bin/sh\necho someone else's quartier\n"
    assert f"left {launcher} as it is (not written by Quartier)" in done.stdout
    entry = home / ".local" / "share" / "applications" / "quartier.desktop"
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.read(entry)
    assert desktop["Desktop Entry"]["Exec"] == f'"{launcher}" open %f'


def test_setup_installs_the_launcher(tmp_path: Path, checkout: Path):
    """tools/setup itself puts the launcher in place, and it runs that checkout's quartier."""
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": ""}
    done = subprocess.run(["bash", str(checkout / "tools" / "setup")], capture_output=True,
                          text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stderr
    launcher = home / ".local" / "bin" / "quartier"
    assert f"quartier setup: the quartier command: {launcher}\n" in done.stdout
    assert f"'{checkout}/.venv/bin/quartier'" in launcher.read_text()
    assert (home / ".local" / "share" / "applications" / "quartier.desktop").is_file()
    helped = subprocess.run([str(launcher), "--help"], capture_output=True, text=True,
                            timeout=120, env=plain_env(HOME=str(home)))
    assert helped.returncode == 0 and "usage: quartier" in helped.stdout


@pytest.mark.slow
def test_start_opens_a_project_named_from_another_folder(tmp_path: Path, checkout: Path,
                                                         kibera_project: Path):
    """`tools/start my_area.gpkg` run from the project's folder, with no screen.

    Before, tools/start moved to its own folder first and then looked for my_area.gpkg
    there. The window (on a virtual screen) records the project it opened.
    """
    work = tmp_path / "work"
    work.mkdir()
    (work / "my_area.gpkg").write_bytes(kibera_project.read_bytes())
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(HOME=str(home), XDG_DATA_HOME="", QUARTIER_SETTINGS_DIR=str(tmp_path / "s"),
               QUARTIER_PROJECTS_DIR=str(tmp_path / "projects"),
               QUARTIER_SCREENSHOT=str(tmp_path / "window.png"))
    done = subprocess.run(["bash", str(checkout / "tools" / "start"), "my_area.gpkg"],
                          cwd=work, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "No screen found: starting Quartier on a virtual screen (xvfb-run)." in done.stdout
    assert (tmp_path / "window.png").is_file()
    recorded = "\n".join(p.read_text() for p in (tmp_path / "s").rglob("*.ini"))
    assert str(work / "my_area.gpkg") in recorded
