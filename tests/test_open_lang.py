"""``quartier open --lang sw`` opens the window in Swahili for that run only.

The command line passes the language asked to :func:`desktop.app.make_window`; the
saved choice (the settings file) is left as it was, so the next plain start is in the
saved language again.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.gui


def test_the_window_opens_in_the_language_asked(qtbot, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.app import make_window
    from desktop.i18n import save_language, saved_language
    from layers.i18n import language, set_language

    monkeypatch.setenv("QUARTIER_SETTINGS_DIR", str(tmp_path / "settings"))
    save_language("fr")
    try:
        window = make_window(language="sw")
        qtbot.addWidget(window)
        assert window.file_menu.title() == "&Faili"
        assert language() == "sw"  # the model's sentences follow the window
        assert saved_language() == "fr"
        window.translations.install("en")
        window.close()
        plain = make_window()
        qtbot.addWidget(plain)
        assert plain.file_menu.title() == "&Fichier"
        plain.translations.install("en")
        plain.close()
    finally:
        set_language("en")
