"""The window's start, continued: the edit tools, the Describe panel's list and form, and
the editing model.

Their modules and widgets are made when first wanted (the Describe panel's list and
form also soon after the first map is shown), so they are not loaded before the first
map is painted; once made, they are what they were. ``numpy.ma``, which ``np.unique``
imports on its first call, is not loaded by then either. Speed itself is measured by
``benchmarks/bench_start.py``, never here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.test_start import _module_file, _top_level_imports, start_until_the_first_map

REPO = Path(__file__).resolve().parents[1]
#: Loaded once a tool is chosen or a feature described, not for the first map.
EDITING_LATER = (
    "desktop.editing.draw_tools", "desktop.editing.modify_tools",
    "desktop.editing.stop_prompt", "desktop.editing.tool_base",
    "desktop.editing.preset_form", "desktop.editing.preset_picker",
    "desktop.editing.field_inputs", "desktop.editing.form_keyboard",
    # The editing model and its tag rules: once a mapping session starts.
    "mapping.editing", "layers.feature_rules", "layers.opening_hours",
)
#: What the edit tools are made of, in toolbar order (separators left out).
TOOL_CLASSES = {"add_place": "AddPlaceTool", "draw_line": "DrawLineTool",
                "draw_area": "DrawAreaTool", "add_stops": "AddStopsTool",
                "tag_existing": "TagExistingTool", "edit_shape": "EditShapeTool",
                "move": "MoveTool", "delete": "DeleteTool", "split": "SplitTool",
                "merge": "MergeTool"}


def test_first_map_is_painted_before_the_edit_tools_and_forms_are_loaded(kibera_project,
                                                                         tmp_path):
    done, loaded = start_until_the_first_map(kibera_project, tmp_path)
    marks = re.findall(r"^\s+([a-z ]+?)\s+[\d.]+ s\s+CPU", done.stderr, re.MULTILINE)
    assert marks[-1] == "first map painted", done.stderr
    # The toolbar, its controller and the Describe panel itself are there from the start.
    assert {"desktop.editing.edit_toolbar", "desktop.editing.controller",
            "desktop.editing.editor_panel"} <= loaded
    assert [name for name in EDITING_LATER if name in loaded] == []
    assert "numpy.ma" not in loaded


def test_window_modules_import_the_tools_and_forms_where_first_wanted():
    """Module-level imports from desktop.app, through our own modules."""
    seen = {"desktop.app"}
    queue = ["desktop.app"]
    while queue:
        path = _module_file(queue.pop())
        assert path is not None
        for name in _top_level_imports(path):
            parts = name.split(".")
            for depth in range(1, len(parts) + 1):
                candidate = ".".join(parts[:depth])
                if candidate not in seen and parts[0] in ("desktop", "layers", "mapping") \
                        and _module_file(candidate) is not None:
                    seen.add(candidate)
                    queue.append(candidate)
    assert "desktop.editing.edit_toolbar" in seen
    assert sorted(name for name in EDITING_LATER if name in seen) == []


@pytest.mark.gui
def test_tools_are_made_when_first_chosen_then_kept(qtbot):
    from desktop.app import make_window
    from desktop.editing import draw_tools, modify_tools

    window = make_window(language="en")
    qtbot.addWidget(window)
    toolbar = window.edit_toolbar
    assert dict(toolbar.tools) == {}
    assert list(toolbar.tool_actions) == list(TOOL_CLASSES)
    for name, class_name in TOOL_CLASSES.items():
        tool = toolbar.tools[name]
        module = draw_tools if hasattr(draw_tools, class_name) else modify_tools
        assert type(tool) is getattr(module, class_name)
        assert tool.controller is toolbar.controller and tool.parent() is toolbar.controller
        assert toolbar.tools[name] is tool
    assert list(toolbar.tools) == list(TOOL_CLASSES)


@pytest.mark.gui
def test_describe_panel_list_and_form_are_made_after_the_first_map(qtbot, kibera_project):
    from desktop.app import make_window
    from desktop.editing.preset_form import PresetForm
    from desktop.editing.preset_picker import PresetPicker

    window = make_window(language="fr")
    qtbot.addWidget(window)
    try:
        window.show()
        editor = window.edit_toolbar.editor
        assert editor.stack.count() == 1 and editor.stack.currentWidget() is editor.idle
        assert editor.heading.text() == "Décrire"
        with qtbot.waitSignal(window.canvas.frameReady, timeout=60000):
            window.open_project(kibera_project)
        qtbot.waitUntil(lambda: editor.stack.count() == 3, timeout=30000)
        # Made in the background: the panel still shows how to begin, in French.
        assert editor.stack.currentWidget() is editor.idle
        assert editor.heading.text() == "Décrire" and not editor.is_busy()
        assert isinstance(editor.picker, PresetPicker) and editor.picker.language == "fr"
        assert isinstance(editor.form, PresetForm)
        assert editor.stack.widget(2) is editor.form
        assert editor.cancel_pick.text() == "Annuler"
        # Its dock is as small as it can be with the list and the form in it, once Qt has
        # laid the panel out again (a layout request, handled by the event loop).
        form_width = editor.form.minimumSizeHint().width()
        qtbot.waitUntil(lambda: editor.minimumSizeHint().width() >= form_width, timeout=10000)
        assert editor.minimumSizeHint().height() >= editor.picker.minimumSizeHint().height()
    finally:
        window.canvas.shutdown()
        window.translations.install("en")


@pytest.mark.gui
def test_describe_panel_made_when_asked_before_any_map(qtbot):
    from desktop.editing.editor_panel import FeatureEditor
    from layers.presets import load_presets

    editor = FeatureEditor()
    qtbot.addWidget(editor)
    editor.set_language("sw")
    assert editor.stack.count() == 1
    editor.set_catalogue(load_presets())
    editor.ask_preset("facilities", "New place: what is it?")
    assert editor.stack.count() == 3 and editor.stack.currentIndex() == 1
    assert editor.heading.text() == "New place: what is it?"
    assert editor.picker.language == "sw"
    names = editor.picker.names()
    school = load_presets().get("facility/school")
    assert school is not None and school.name("sw") in names
