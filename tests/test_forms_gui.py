"""The tagging forms under a facilitator's hands: nothing typed is lost, values are checked,
answers start from what the project knows, greyed buttons say why.

Driven with real mouse clicks and key presses on the real Kibera project (the helpers
and fixtures of ``test_tagging_gui``); what was saved is read back from the GeoPackage.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QStyle, QStyleOptionComboBox

from tests import test_tagging_gui as tagging
from tests.test_tagging_gui import (
    Screen,
    click,
    open_project,
    pick_preset,
    row,
    save,
    start_session,
)

# The real Kibera project and the window, as the tagging tests make them.
kibera = tagging.kibera
window = tagging.window
road_vertex = tagging.road_vertex

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytestmark = pytest.mark.gui

SHOTS = Path(os.environ.get("QUARTIER_SHOTS", "/tmp/forms"))


def settle() -> None:
    """Let Qt lay the form out again (layouts update on posted events)."""
    for _ in range(3):
        QCoreApplication.sendPostedEvents()
        QApplication.processEvents()


def draw_zone(qtbot, window, kibera: Path, road_vertex, tool_started: bool = False) -> None:
    """Draw a square zone west of a real road vertex and finish it with Enter."""
    screen = Screen(window, kibera)
    lon_v, lat_v = road_vertex
    screen.centre(lon_v, lat_v, at=(500, 330))
    if not tool_started:
        start_session(qtbot, window, "draw_area")
    alt = Qt.KeyboardModifier.AltModifier
    for dx, dy in ((-40, 40), (-40, 240), (-240, 240), (-240, 40)):
        click(qtbot, window, screen.pixel(lon_v, lat_v, dx, dy), alt)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Return)


def activate(qtbot, window) -> None:
    """Make the window the active one, so that the keyboard focus is real."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def type_on_keyboard(qtbot, text: str) -> None:
    """Keys pressed one by one, each going where the keyboard focus is at that moment."""
    for character in text:
        qtbot.keyClicks(QApplication.focusWidget(), character)


def click_at_screen(qtbot, form, spot: QPoint):
    """A left click at a screen position inside the form's questions; returns what was hit."""
    local = form.questions.mapFromGlobal(spot)
    hit = form.questions.childAt(local) or form.questions
    qtbot.mouseClick(hit, Qt.MouseButton.LeftButton, pos=hit.mapFromGlobal(spot))
    return hit


def shoot(widget, name: str) -> None:
    settle()
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / f"{name}.png"))


def test_the_name_field_stays_put_and_the_typed_name_is_saved(qtbot, window, kibera: Path,
                                                               road_vertex):
    open_project(qtbot, window, kibera)
    draw_zone(qtbot, window, kibera, road_vertex)
    pick_preset(qtbot, window, "flood", "Flood zone")
    activate(qtbot, window)
    form = window.edit_toolbar.editor.form
    settle()
    assert form.problem_labels["severity"].text() == "Severity is required."
    assert form.problem_labels["severity"].isVisible()
    name = form.field_input("name").editor()
    before = name.mapToGlobal(QPoint(0, 0))
    spot = name.mapToGlobal(name.rect().center())
    shoot(window.edit_toolbar.editor, "risk_zone_required")

    # Severity chosen with the keyboard, as a person would: "H" picks High.
    severity = form.field_input("severity").editor()
    severity.setFocus()
    qtbot.keyClick(severity, Qt.Key.Key_H)
    settle()
    assert form.field_input("severity").value() == "high"
    assert not form.problem_labels["severity"].isVisible()  # the message is gone...
    assert name.mapToGlobal(QPoint(0, 0)) == before  # ...and nothing moved up
    shoot(window.edit_toolbar.editor, "risk_zone_answered")

    # The click lands where the Name field was seen; the typed name is kept.
    hit = click_at_screen(qtbot, form, spot)
    assert hit is name
    assert QApplication.focusWidget() is name
    type_on_keyboard(qtbot, "Kianda riverside")
    assert form.field_input("name").value() == "Kianda riverside"
    zone = save(qtbot, window)
    stored = row(kibera, "risk_zones", zone)
    assert stored["name"] == "Kianda riverside"
    assert stored["tags"]["severity"] == "high"


def test_typing_on_a_list_of_choices_goes_to_the_name(qtbot, window, kibera: Path,
                                                      road_vertex):
    open_project(qtbot, window, kibera)
    draw_zone(qtbot, window, kibera, road_vertex)
    pick_preset(qtbot, window, "landslide", "Landslide zone")
    activate(qtbot, window)
    form = window.edit_toolbar.editor.form
    settle()
    # The form opens with the keyboard in its first question, the severity list.
    assert QApplication.focusWidget() is form.field_input("severity").editor()
    # Letters that start a choice still pick it, as in any list: "me" is Medium.
    type_on_keyboard(qtbot, "me")
    assert form.field_input("severity").value() == "medium"
    assert form.field_input("name").value() == ""
    # A click beside the "How often" question (on its words) puts the keyboard in it.
    label = form.question_labels["hazard:frequency"]
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(label.width() - 3, 3))
    frequency = form.field_input("hazard:frequency").editor()
    assert QApplication.focusWidget() is frequency
    # No choice starts with "K": the typing is not swallowed by the list but goes to Name.
    type_on_keyboard(qtbot, "Kianda slope")
    assert form.field_input("name").value() == "Kianda slope"
    assert form.field_input("hazard:frequency").value() == ""
    assert QApplication.focusWidget() is form.field_input("name").editor()
    zone = save(qtbot, window)
    assert row(kibera, "risk_zones", zone)["name"] == "Kianda slope"


def test_the_severity_list_is_wide_enough_for_its_longest_answer(qtbot, window, kibera: Path,
                                                                 road_vertex):
    open_project(qtbot, window, kibera)
    draw_zone(qtbot, window, kibera, road_vertex)
    pick_preset(qtbot, window, "flood", "Flood zone")
    form = window.edit_toolbar.editor.form
    settle()
    combo: QComboBox = form.field_input("severity").editor()
    for value in ("medium", ""):  # chosen, then the error border of an empty answer
        form.field_input("severity").choose(value)
        settle()
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        text_room = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                                 QStyle.SubControl.SC_ComboBoxEditField,
                                                 combo).width()
        metrics = combo.fontMetrics()
        longest = max(metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
        # The longest answer fits with room to spare, whatever the style and its borders
        # (a bare fit turned into "M…m" with another style's wider frame).
        assert text_room >= longest + 2 * metrics.averageCharWidth(), (text_room, longest)
    # Saved with no name: the status bar says so, in case a typed name went astray.
    form.field_input("severity").choose("medium")
    save(qtbot, window)
    assert window.status.currentMessage() == ("Saved. It has no name: if it has one, add it "
                                              "with Details.")


def test_opening_hours_are_checked_and_picked(qtbot, window, kibera: Path, road_vertex):
    open_project(qtbot, window, kibera)
    screen = Screen(window, kibera)
    lon_v, lat_v = road_vertex
    screen.centre(lon_v, lat_v, at=(300, 330))
    start_session(qtbot, window, "add_place")
    click(qtbot, window, screen.pixel(lon_v, lat_v, 150, 150))
    pick_preset(qtbot, window, "clinic", "Clinic")
    form = window.edit_toolbar.editor.form
    hours = form.field_input("opening_hours")
    hours.editor().setFocus()
    qtbot.keyClicks(hours.editor(), "Monday to Friday 8am to 5pm")
    problem = form.problem_labels["opening_hours"]
    assert problem.isVisible()
    assert "Mo-Fr 08:00-17:00" in problem.text()
    assert not form.save_button.isEnabled()
    shoot(window.edit_toolbar.editor, "opening_hours_refused")

    # The picker: Monday to Friday are ticked; 08:00 to 17:00 are the hours shown.
    qtbot.mouseClick(hours.pick_button, Qt.MouseButton.LeftButton)
    picker = hours.picker
    qtbot.waitUntil(picker.isVisible)
    shoot(hours.menu, "opening_hours_picker")
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    assert hours.value() == "Mo-Fr 08:00-17:00"  # replaces the words maps cannot read
    assert not problem.isVisible()
    # Saturday morning added: untick Monday-Friday, tick Saturday, type the hours.
    qtbot.mouseClick(hours.pick_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(picker.isVisible)
    for day in ("Mo", "Tu", "We", "Th", "Fr", "Sa"):
        box = picker.days[day]
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
    for clock, text in ((picker.opens, "0900"), (picker.closes, "1300")):
        clock.setFocus()
        clock.setSelectedSection(clock.Section.HourSection)
        qtbot.keyClicks(clock, text)
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    assert hours.value() == "Mo-Fr 08:00-17:00; Sa 09:00-13:00"
    assert form.save_button.isEnabled(), form.summary.text()
    place = save(qtbot, window)
    stored = row(kibera, "facilities", place)
    assert stored["tags"]["opening_hours"] == "Mo-Fr 08:00-17:00; Sa 09:00-13:00"


def test_a_new_line_in_nairobi_has_its_fares_in_shillings(qtbot, window, kibera: Path):
    from layers.participatory import ParticipatoryLayer

    open_project(qtbot, window, kibera)
    editor = window.edit_toolbar.editor
    editor.set_catalogue(window.edit_toolbar.controller.catalogue)
    editor.ask_preset(ParticipatoryLayer.TRANSPORT_LINES, "New transport line: what is it?")
    window.edit_toolbar.editor_dock.show()
    window.edit_toolbar.editor_dock.raise_()
    pick_preset(qtbot, window, "minibus", "Minibus line")
    assert editor.form.field_input("fare:currency").value() == "KES"
    assert not editor.form.problems()
    shoot(editor, "minibus_form")


def test_greyed_buttons_say_a_mapping_session_is_needed(qtbot, window, kibera: Path):
    toolbar = window.edit_toolbar
    assert not toolbar.details_action.isEnabled()
    assert "Open or create a project first" in toolbar.details_action.toolTip()
    open_project(qtbot, window, kibera)
    for action in (toolbar.details_action, toolbar.review_toggle, toolbar.undo_action):
        assert not action.isEnabled()
        assert action.toolTip().startswith("Start a mapping session to edit"), action.toolTip()
        # The toolbar button shows the same words when the pointer rests on it.
        assert toolbar.widgetForAction(action).toolTip() == action.toolTip()
    start_session(qtbot, window, "add_place")
    assert toolbar.details_action.toolTip().startswith("Select a feature on the map first")
    assert toolbar.undo_action.toolTip() == "Nothing to undo yet."
    # Reopened: the session is over, and the buttons say so again.
    window.open_project(kibera)
    qtbot.waitUntil(lambda: toolbar.controller.session is None, timeout=20000)
    assert toolbar.review_toggle.toolTip().startswith("Start a mapping session to edit")


def test_history_lines_say_what_changed(qtbot, kibera: Path):
    from shapely.geometry import LineString, Point

    from desktop.editing.history_words import history_lines
    from layers.participatory import ParticipatoryLayer, ReviewStatus
    from layers.presets import load_presets
    from mapping.editing import EditSession

    catalogue = load_presets()
    session = EditSession(kibera, "Achieng Otieno", "History check", presets=catalogue)
    try:
        facilities = ParticipatoryLayer.FACILITIES
        clinic = session.add_feature(facilities, Point(36.7819, -1.3133), "facility/clinic",
                                     {"name": "Zahanati A"})
        session.update_tags(facilities, clinic, {"name": "Zahanati B",
                                                 "operational_status": "needs_maintenance"})
        session.move(facilities, clinic, 0.0002, 0.0001)
        session.set_review_status(facilities, clinic, ReviewStatus.VERIFIED)
        session.undo()
        lines = history_lines(session.history(facilities, clinic), catalogue, "en")
        assert lines == ["Added",
                         "Name: Zahanati A → Zahanati B; Is it working?: Working, needs repair "
                         "(added)",
                         "Moved",
                         "Marked verified",
                         "Undone: marked draft"]

        zone = session.add_feature(ParticipatoryLayer.RISK_ZONES,
                                   Point(36.7819, -1.3133).buffer(0.0005), "risk_zone/flood",
                                   {"severity": "medium"})
        session.update_geometry(ParticipatoryLayer.RISK_ZONES, zone,
                                Point(36.7819, -1.3133).buffer(0.0008))
        session.update_tags(ParticipatoryLayer.RISK_ZONES, zone, {"severity": "high"})
        lines = history_lines(session.history(ParticipatoryLayer.RISK_ZONES, zone),
                              catalogue, "en")
        assert lines[1:] == ["Shape changed", "Severity: Medium → High"]

        line = session.add_feature(ParticipatoryLayer.TRANSPORT_LINES,
                                   LineString([(36.780, -1.313), (36.790, -1.313)]),
                                   "transport_line/minibus", {"ref": "8"})
        first = session.add_stop(line, Point(36.785, -1.313), "Kianda")
        session.add_stop(line, Point(36.781, -1.313), "Olympic")  # before it along the line
        lines = history_lines(session.history(ParticipatoryLayer.TRANSPORT_STOPS, first),
                              catalogue, "en")
        assert lines == ["Added", "Stop number: 1 → 2"]
    finally:
        session.close()


def test_french_buttons_are_told_apart_and_agree(qtbot, tmp_path: Path, monkeypatch,
                                                 kibera: Path, road_vertex):
    from desktop.main_window import Tool
    from tests.test_tagging_gui import close, make_window

    main, translations = make_window(qtbot, tmp_path, monkeypatch, language="fr")
    try:
        move_map = main.tool_actions[Tool.PAN].text()
        move_feature = main.edit_toolbar.tool_actions["move"].text()
        assert move_map == "Déplacer la carte"
        assert move_feature == "Déplacer l’objet"
        # The legend's severity agrees with "zone" (feminine).
        # (Legend lines are the model's words: the window's language is the model's.)
        from mapping.render.words import legend_label
        assert legend_label("Risk zone: high") == "Zone à risque : élevée"
        assert legend_label("Risk zone: medium") == "Zone à risque : moyenne"
        # A French form: the days-and-hours picker and the refusal in French.
        open_project(qtbot, main, kibera)
        screen = Screen(main, kibera)
        lon_v, lat_v = road_vertex
        screen.centre(lon_v, lat_v, at=(300, 330))
        start_session(qtbot, main, "add_place")
        click(qtbot, main, screen.pixel(lon_v, lat_v, 150, 150))
        pick_preset(qtbot, main, "ecole", "École")
        form = main.edit_toolbar.editor.form
        hours = form.field_input("opening_hours")
        assert hours.pick_button.text() == "Jours et heures…"
        hours.editor().setFocus()
        qtbot.keyClicks(hours.editor(), "lundi au vendredi")
        assert form.problem_labels["opening_hours"].text().startswith(
            "Heures d'ouverture : écrivez les jours et les heures")
        shoot(main.edit_toolbar.editor, "school_form_fr")
        qtbot.mouseClick(hours.pick_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(hours.picker.isVisible)
        assert hours.picker.days["Mo"].text() == "Lun"
        shoot(hours.menu, "opening_hours_picker_fr")
        hours.menu.hide()
    finally:
        close(main, translations)
