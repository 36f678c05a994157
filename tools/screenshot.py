"""Take screenshots of the Quartier window on a sample area, as a person would see it.

Opens the window at 1600x1000, opens a sample area, waits until the map is drawn,
optionally searches a place and clicks on a feature, then saves the window as PNG.
Run on a virtual screen (or offscreen):

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python tools/screenshot.py \\
        --sample kibera --search "Kibera Road" --out docs/screenshot_main.png

Preferences go to a temporary folder, never the person's own.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _languages() -> dict[str, str]:
    from layers.i18n import LANGUAGES

    return LANGUAGES

def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--sample", default="kibera", help="sample area (kibera, jakarta)")
    source.add_argument("--project", type=Path, help="a project file instead of a sample")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshot_main.png")
    parser.add_argument("--size", default="1600x1000", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--language", default="en", choices=sorted(_languages()))
    parser.add_argument("--search", help="search this and show it")
    parser.add_argument("--zoom", type=float, default=0.0,
                        help="zoom steps after opening (or after the search); negative zooms out")
    parser.add_argument("--identify", action="store_true",
                        help="click in the middle of the map (shows what is there)")
    parser.add_argument("--hazard", type=Path, help="also import this hazard raster/vector")
    parser.add_argument("--timeout", type=float, default=120.0)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    os.environ.setdefault("QUARTIER_SETTINGS_DIR", tempfile.mkdtemp(prefix="quartier-shot-"))
    from PySide6.QtCore import QEventLoop, QPointF, QTimer

    from desktop.app import application, make_window
    from desktop.i18n import Translations

    app = application()
    translations = Translations()
    translations.install(args.language)
    window = make_window(translations)
    width, height = (int(v) for v in args.size.lower().split("x"))
    window.resize(width, height)
    window.show()
    deadline = time.monotonic() + args.timeout

    def pump(ms: int = 50) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def settle() -> None:
        while time.monotonic() < deadline:
            pump(100)
            busy = window.runner.tasks() or window.canvas.is_rendering()
            if not busy and window.canvas.frames():
                pump(300)
                if not (window.runner.tasks() or window.canvas.is_rendering()):
                    return
        raise SystemExit("screenshot: timed out waiting for the map")

    if args.project:
        window.open_project(args.project)
    else:
        window.open_sample(args.sample)
    settle()
    if window.last_error is not None:
        raise SystemExit(f"screenshot: {window.last_error}")
    if args.hazard:
        from desktop.dialogs.hazard_dialog import ImportRequest, table_name

        request = ImportRequest(path=args.hazard, title=args.hazard.stem.replace("_", " ")
                                .capitalize(), name=table_name(args.hazard.stem,
                                                               set(window.project.layer_names())))
        window.import_flow.start(request)
        settle()
    if args.search:
        window.search_box.setText(args.search)
        window.search()
        settle()
    if args.zoom:
        window.canvas.zoom_by(1.5 ** args.zoom)
        settle()
    if args.identify:
        canvas = window.canvas
        canvas.identify_at(QPointF(canvas.width() / 2, canvas.height() / 2))
        settle()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(args.out)):
        raise SystemExit(f"screenshot: cannot write {args.out}")
    print(f"saved {args.out} ({width}x{height}, scale {window.status.scale_label.text()})")
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
