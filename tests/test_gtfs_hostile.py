"""Bad GTFS feeds: one plain sentence each, and nothing half-imported.

Each feed is a real file written here from the small hand-made feed with one thing
broken. The project is compared byte for byte before and after a refused import; a
refused import through the real ``quartier`` command exits 2 with no traceback; an
import killed in the middle of writing leaves either nothing or everything.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from layers import gtfs_feed
from layers.errors import EmptyExtractError, InputFileError, QuartierError
from mapping.gtfs_import import import_gtfs
from tests.gtfs_feed_files import SMALL_AREA, area_project, small_feed, write_folder, write_zip

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return area_project(tmp_path_factory.mktemp("small") / "small.gpkg", SMALL_AREA, "Accra")


@pytest.fixture()
def project(template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "project.gpkg"
    copy.write_bytes(template.read_bytes())
    return copy


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(project: Path, feed: Path, error: type[QuartierError], *words: str) -> str:
    """Import ``feed``: it must fail with ``error`` naming ``words``, changing nothing."""
    before = _digest(project)
    with pytest.raises(error) as raised:
        import_gtfs(project, feed, contributor="Kofi")
    message = str(raised.value)
    for word in words:
        assert word in message, message
    assert "Traceback" not in message and "\n" not in message
    assert _digest(project) == before
    return message


def _broken(tmp_path: Path, name: str, **tables: str | bytes | None) -> Path:
    feed = small_feed()
    for table, text in tables.items():
        file_name = table.replace("__", ".")
        if text is None:
            feed.pop(file_name)
        else:
            feed[file_name] = text  # type: ignore[assignment]
    return write_zip(tmp_path / name, feed)  # type: ignore[arg-type]


def test_missing_required_files(project, tmp_path):
    feed = _broken(tmp_path, "no_stops.zip", stops__txt=None, trips__txt=None)
    message = _refused(project, feed, InputFileError, "stops.txt", "trips.txt", "missing")
    assert message.startswith("no_stops.zip is not a complete GTFS feed")


def test_unbalanced_quotes(project, tmp_path):
    stops = small_feed()["stops.txt"].replace('"Adabraka"', '"Adabraka')
    feed = _broken(tmp_path, "quotes.zip", stops__txt=stops)
    _refused(project, feed, InputFileError, "stops.txt", "quote")


def test_rows_with_too_many_or_too_few_values(project, tmp_path):
    lines = small_feed()["stop_times.txt"].splitlines()
    lines[3] += ",extra"
    feed = _broken(tmp_path, "long.zip", stop_times__txt="\n".join(lines) + "\n")
    _refused(project, feed, InputFileError, "stop_times.txt, line 4", "6 values", "5 columns")
    lines = small_feed()["routes.txt"].splitlines()
    lines[2] = lines[2].rsplit(",", 2)[0]
    feed = _broken(tmp_path, "short.zip", routes__txt="\n".join(lines) + "\n")
    _refused(project, feed, InputFileError, "routes.txt, line 3", "4 values", "6 columns")


def test_text_that_is_not_utf8(project, tmp_path):
    stops = small_feed()["stops.txt"].replace("Adabraka", "Adabraka Café").encode("latin-1")
    feed = _broken(tmp_path, "latin1.zip", stops__txt=stops)
    _refused(project, feed, InputFileError, "stops.txt", "not UTF-8", "line 4")


def test_unknown_stop_in_stop_times(project, tmp_path):
    times = small_feed()["stop_times.txt"].replace("T3,06:00:00,06:00:00,S3",
                                                   "T3,06:00:00,06:00:00,S99")
    feed = _broken(tmp_path, "unknown.zip", stop_times__txt=times)
    message = _refused(project, feed, InputFileError, "S99")
    assert "stops.txt" in message


def test_times_past_midnight_import(project, tmp_path):
    """25:30:00 is valid GTFS (service after midnight): the import goes through."""
    feed = write_zip(tmp_path / "late.zip", small_feed())
    assert "25:30:00" in small_feed()["frequencies.txt"]
    report = import_gtfs(project, feed, contributor="Kofi")
    with sqlite3.connect(project) as connection:
        tags = [json.loads(t) for (t,) in connection.execute(
            "SELECT tags FROM transport_lines")]
    r1 = next(t for t in tags if t["gtfs:route_id"] == "R1")
    assert r1["opening_hours"].endswith("06:00-01:30")
    assert r1["interval:20:00-25:30"] == "15"
    assert len(report.lines) == 4


def test_bad_time_is_refused(project, tmp_path):
    frequencies = small_feed()["frequencies.txt"].replace("T3,05:30:00", "T3,5h30")
    feed = _broken(tmp_path, "badtime.zip", frequencies__txt=frequencies)
    _refused(project, feed, InputFileError, "T3", "5h30")


@pytest.mark.parametrize("name", ["../../stops.txt", "/etc/stops.txt", "feed/../../trips.txt"])
def test_zip_member_leaving_the_archive(project, tmp_path, name):
    feed = small_feed()
    feed[name] = feed["stops.txt"]
    path = write_zip(tmp_path / "slip.zip", feed)
    with zipfile.ZipFile(path) as archive:
        assert name in archive.namelist()  # the member really is named so
    _refused(project, path, InputFileError, repr(name), "outside the archive")
    assert not (tmp_path.parent / "stops.txt").exists()


def test_zip_bomb_member_of_zeros(project, tmp_path):
    """A 256 MB stop_times.txt of zeros, compressed about a thousand times, is refused
    before it is decompressed."""
    path = tmp_path / "bomb.zip"
    feed = small_feed()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, text in feed.items():
            if name != "stop_times.txt":
                archive.writestr(name, text)
        with archive.open("stop_times.txt", "w", force_zip64=True) as member:
            chunk = bytes(1 << 24)
            for _ in range(16):
                member.write(chunk)
    assert path.stat().st_size < 2_000_000
    _refused(project, path, InputFileError, "stop_times.txt", "zip bomb")


def test_feed_larger_than_the_limit(project, tmp_path, monkeypatch):
    monkeypatch.setattr(gtfs_feed, "MAX_TOTAL_BYTES", 2000)
    feed = write_zip(tmp_path / "large.zip", small_feed())
    _refused(project, feed, InputFileError, "would unpack to")
    folder = write_folder(tmp_path / "large", small_feed())
    _refused(project, folder, InputFileError, "more than a feed Quartier reads")


def test_nested_zip_is_never_opened(project, tmp_path):
    """A ZIP inside the feed (42.zip-style) is left alone; the feed's tables import."""
    inner = tmp_path / "inner.zip"
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("stop_times.txt", "w", force_zip64=True) as member:
            for _ in range(4):
                member.write(bytes(1 << 24))
    feed = small_feed()
    feed["nested/42.zip"] = inner.read_bytes()  # type: ignore[assignment]
    path = write_zip(tmp_path / "nested.zip", feed)  # type: ignore[arg-type]
    report = import_gtfs(project, path, contributor="Kofi")
    assert len(report.lines) == 4


def test_empty_feed(project, tmp_path):
    feed = {name: text.splitlines()[0] + "\n" for name, text in small_feed().items()}
    path = write_zip(tmp_path / "empty.zip", feed)
    _refused(project, path, EmptyExtractError, "empty", "stops.txt")
    _refused(project, write_zip(tmp_path / "nothing.zip", {"agency.txt": ""}), InputFileError,
             "stops.txt")


def test_not_a_zip(project, tmp_path):
    path = tmp_path / "feed.zip"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    _refused(project, path, InputFileError, "not a readable ZIP")


def _quartier(*argv: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "desktop.cli", *(str(a) for a in argv)],
                          capture_output=True, text=True, cwd=REPO, timeout=600,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def test_command_line_says_one_sentence(project, tmp_path):
    feed = _broken(tmp_path, "quotes.zip",
                   stops__txt=small_feed()["stops.txt"].replace('"Adabraka"', '"Adabraka'))
    before = _digest(project)
    done = _quartier("import", project, feed)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "stops.txt" in done.stderr and "quote" in done.stderr
    assert _digest(project) == before
    good = write_zip(tmp_path / "good.zip", small_feed())
    done = _quartier("import", project, good, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["lines"], report["two_way"], report["distinct_stops"]) == (4, 1, 5)
    assert report["refused"][0]["where"] == "route T (R3)"
    # A file that is not a feed still needs --layer.
    other = tmp_path / "survey.csv"
    other.write_text("name,lat,lon\nx,5.6,-0.2\n")
    done = _quartier("import", project, other)
    assert done.returncode == 2 and "--layer" in done.stderr


def _rows(project: Path) -> tuple[int, int, int]:
    with sqlite3.connect(project) as connection:
        lines = connection.execute("SELECT COUNT(*) FROM transport_lines").fetchone()[0]
        stops = connection.execute("SELECT COUNT(*) FROM transport_stops").fetchone()[0]
        history = 0
        if connection.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = "
                              "'quartier_edit_history'").fetchone()[0]:
            history = connection.execute(
                "SELECT COUNT(*) FROM quartier_edit_history").fetchone()[0]
    return lines, stops, history


#: Run in a subprocess: ``quartier import`` that stops after writing 5 features, inside
#: its one transaction, and says so (the test then kills it).
_PAUSING_IMPORT = """
import sys, time
import mapping.store._gpkg_features as rows
original, written = rows.write_feature, [0]
def write_feature(*args, **kwargs):
    written[0] += 1
    if written[0] == 6:
        print("midway", flush=True)
        time.sleep(600)
    return original(*args, **kwargs)
rows.write_feature = write_feature
from desktop.cli import main
sys.exit(main(["import", sys.argv[1], sys.argv[2]]))
"""


def test_import_killed_while_writing_leaves_nothing_or_everything(template, tmp_path):
    """The feed's 4 lines and 11 stops are one transaction: killed (SIGKILL) after 5 were
    written, the project opens with none of them; let finish, with all of them."""
    feed = write_zip(tmp_path / "small.zip", small_feed())
    killed = tmp_path / "killed.gpkg"
    killed.write_bytes(template.read_bytes())
    process = subprocess.Popen([sys.executable, "-c", _PAUSING_IMPORT, str(killed), str(feed)],
                               cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "midway"
        assert killed.with_name(killed.name + "-journal").exists()  # inside the transaction
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    assert _rows(killed) == (0, 0, 0)
    finished = tmp_path / "finished.gpkg"
    finished.write_bytes(template.read_bytes())
    done = _quartier("import", finished, feed)
    assert done.returncode == 0, done.stderr
    assert _rows(finished) == (4, 11, 4 + 11)
