"""What is here, for features mapped by residents: what it is, its answers in plain words,
who mapped it in which session, when, its version, whether it was checked, and every
change it went through.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTreeWidgetItem

from desktop.editing.history_words import history_lines
from desktop.i18n import osm_key, osm_value
from layers.participatory import ReviewStatus
from layers.presets import FieldType, Preset, PresetCatalogue
from mapping.edit_history import EditAction

#: Tags that are bookkeeping, not answers.
_SKIPPED_TAGS = frozenset({"name"})


def local_time(stamp: str) -> str:
    """A stored UTC time ("2026-11-22T07:15:03Z") as local date and time, to the minute."""
    if not stamp:
        return ""
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


class FeatureStoryItems(QObject):
    """Fills "What is here?" rows for one participatory feature (a FeatureStory)."""

    def answer_rows(self, preset: Preset | None, tags: dict[str, str],
                    language: str) -> list[tuple[str, str, str]]:
        """(question, answer, tag) rows: the preset's questions first, then other tags."""
        rows = []
        used = set(_SKIPPED_TAGS)
        if preset is not None:
            used.update(k for k, v in preset.tags.items() if tags.get(k) == v)
            for field in preset.fields:
                value = tags.get(field.key)
                used.add(field.key)
                if not value or field.key in _SKIPPED_TAGS:
                    continue
                rows.append((field.label_for(language), self._answer(field, value, language),
                             f"{field.key}={value}"))
        for key, value in tags.items():
            if key not in used:
                rows.append((osm_key(key), osm_value(value), f"{key}={value}"))
        return rows

    def _answer(self, field, value: str, language: str) -> str:
        if field.type is FieldType.YES_NO:
            return {"yes": self.tr("Yes"), "no": self.tr("No")}.get(value, value)
        if field.type in (FieldType.SELECT, FieldType.MULTI_SELECT):
            labels = {o.value: o.label_for(language) for o in field.options}
            return ", ".join(labels.get(v.strip(), v.strip()) for v in value.split(";"))
        if field.type is FieldType.NUMBER and field.unit:
            return f"{value} {field.unit}"
        return value

    def action_word(self, action: EditAction) -> str:
        """What a history row did, in words."""
        return {
            EditAction.CREATE: self.tr("Added"),
            EditAction.UPDATE: self.tr("Changed"),
            EditAction.MOVE: self.tr("Moved"),
            EditAction.DELETE: self.tr("Deleted"),
            EditAction.REVIEW: self.tr("Review status changed"),
            EditAction.UNDO: self.tr("Undone"),
            EditAction.REDO: self.tr("Redone"),
        }.get(action, str(action))

    def fill(self, heading: QTreeWidgetItem, story, catalogue: PresetCatalogue | None,
             language: str) -> None:
        """Add the rows of ``story`` under ``heading``."""
        feature = story.feature
        preset = catalogue.get(feature.preset) if catalogue is not None else None

        def row(what: str, value: str, tip: str = "") -> QTreeWidgetItem:
            item = QTreeWidgetItem([what, value])
            item.setToolTip(0, tip or what)
            item.setToolTip(1, value)
            heading.addChild(item)
            return item

        row(self.tr("Type"), preset.name(language) if preset else feature.preset,
            f"preset={feature.preset}")
        for question, answer, tag in self.answer_rows(preset, dict(feature.tags), language):
            row(question, answer, tag)
        if feature.stop_sequence:
            row(self.tr("Stop number"), str(feature.stop_sequence))
        row(self.tr("Mapped by"), feature.contributor)
        if feature.mapping_session:
            row(self.tr("Mapping session"),
                story.sessions.get(feature.mapping_session, feature.mapping_session))
        row(self.tr("Created"), local_time(feature.created_at))
        row(self.tr("Last changed"), local_time(feature.modified_at))
        row(self.tr("Version"), str(feature.version))
        verified = feature.review_status is ReviewStatus.VERIFIED
        review = row(self.tr("Review"), self.tr("Verified") if verified else self.tr("Draft"))
        review.setForeground(1, QBrush(QColor("#2b8a3e" if verified else "#a66a00")))
        if feature.osm_type and feature.osm_id is not None:
            version = "" if feature.osm_version is None else f" v{feature.osm_version}"
            row(self.tr("OpenStreetMap"), f"{feature.osm_type} {feature.osm_id}{version}")
        count = len(story.history)
        history = row(self.tr("History"), self.tr("1 change") if count == 1 else
                      self.tr("%n changes", "", count))
        lines = history_lines(story.history, catalogue, language)
        for entry, what in reversed(list(zip(story.history, lines, strict=True))):
            text = f"{what} — {local_time(entry.at)} · {entry.contributor}"
            item = QTreeWidgetItem([self.tr("v{version}").format(version=entry.version), text])
            item.setToolTip(1, text)  # the whole line, when the column cuts it
            history.addChild(item)
        history.setExpanded(False)
