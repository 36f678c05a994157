"""What is here: the features under a click, their tags in plain words.

``amenity=school`` is shown as "Amenity: School" (in French "Équipement : École").
Internal columns (node lists, versions, the raw tag text) are left out; the
OpenStreetMap tags kept in the ``tags`` column are shown one by one. Features mapped
by residents also show their preset, who mapped them, their review status and their
history (:mod:`desktop.panels.identify_details`), read afresh from the project.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import hazard_label, layer_title, osm_key, osm_value
from desktop.panels.identify_details import FeatureStoryItems
from layers.participatory import ParticipatoryLayer

#: Columns that mean nothing to a resident.
HIDDEN_KEYS = frozenset({
    "osm_nodes", "osm_node_details", "osm_version", "osm_type", "osm_id", "tags", "geometry",
    "fid", "created_by", "uuid",
})
#: Attributes whose value is a hazard class label ("Low (< 0.5 m)").
HAZARD_KEYS = frozenset({"hazard class", "hazard_class"})


def plain_tags(attributes: dict[str, str]) -> list[tuple[str, str]]:
    """(key, value) pairs worth showing: columns merged with the OSM tags, name first."""
    merged: dict[str, str] = {}
    raw = attributes.get("tags")
    if raw:
        try:
            tags = json.loads(raw) if isinstance(raw, str) else dict(raw)
        except (ValueError, TypeError):
            tags = {}
        if isinstance(tags, dict):
            merged.update({str(k): str(v) for k, v in tags.items()})
    for key, value in attributes.items():
        if key.lower() in HIDDEN_KEYS or value is None:
            continue
        text = str(value).strip()
        # Files made from OSM often repeat a tag in capitals (NAME beside name).
        seen = {k.lower() for k in merged}
        if text and text.lower() not in ("nan", "none", "null") and key.lower() not in seen:
            merged[key] = text
    for key in list(merged):
        if key in HIDDEN_KEYS:
            del merged[key]
    ordered = sorted(merged.items(), key=lambda pair: (pair[0].lower() != "name",
                                                       pair[0].lower()))
    return ordered


class IdentifyPanel(QWidget):
    """The features found by the last click on the map."""

    #: What was shown is gone (undone, deleted): the panel is empty again.
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._results: list = []
        self._searched = False
        self._story: Callable | None = None
        self._catalogue: Callable | None = None
        self._language: Callable[[], str] = lambda: "en"
        self._story_items = FeatureStoryItems(self)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #666;")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("identifyTree")
        self.tree.setColumnCount(2)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setIndentation(10)
        self.tree.setUniformRowHeights(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.hint)
        layout.addWidget(self.tree, 1)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        """Re-read the texts in the interface language."""
        self.tree.setHeaderLabels([self.tr("What"), self.tr("Value")])
        self.show_results(self._results, searched=self._searched)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def set_story_source(self, story: Callable, catalogue: Callable,
                         language: Callable[[], str]) -> None:
        """Where participatory features' details come from: ``story(layer, uuid)`` (a
        FeatureStory or None), ``catalogue()`` (the presets) and ``language()``."""
        self._story, self._catalogue, self._language = story, catalogue, language

    def refresh(self) -> None:
        """Show the same features again, as they are saved now (after an edit).

        A feature that is no longer in the project (its creation undone, deleted) is
        dropped; when none is left the panel is empty again, with no heading left over.
        """
        self.show_results(self._results, searched=self._searched, drop_missing=True)

    def shown_uuids(self) -> set[str]:
        """Uuids of the participatory features shown."""
        return {str(r.attributes.get("uuid")) for r in self._results if r.attributes.get("uuid")}

    def _story_of(self, result):
        uuid = result.attributes.get("uuid")
        if self._story is None or not uuid or result.layer not in set(ParticipatoryLayer):
            return None
        return self._story(result.layer, str(uuid))

    def _is_gone(self, result, story, drop_missing: bool) -> bool:
        """True for a mapped feature no longer in the project: nothing left to show."""
        if self._story is None or result.layer not in set(ParticipatoryLayer) \
                or not result.attributes.get("uuid") or story is not None:
            return False
        # Read afresh after an edit, or known by its uuid alone: it was undone or deleted.
        return drop_missing or not plain_tags(dict(result.attributes))

    def show_results(self, results: list, searched: bool = True,
                     drop_missing: bool = False) -> None:
        """Show identify results (a list of IdentifyResult).

        ``drop_missing``: leave out mapped features that are no longer in the project.
        """
        stories = [self._story_of(r) for r in results]
        kept = [r for r, story in zip(results, stories, strict=True)
                if not self._is_gone(r, story, drop_missing)]
        known = {id(r): story for r, story in zip(results, stories, strict=True)}
        if results and not kept:
            searched = False
        emptied = bool(self._results) and not kept
        results = kept
        self._results = list(results)
        self._searched = searched
        self.tree.clear()
        if emptied:
            self.cleared.emit()
        if not results:
            self.hint.setText(self.tr("Nothing here. Click on a building, a street or a place.")
                              if searched else
                              self.tr("Click on the map to see what is there."))
            return
        self.hint.setText(self.tr("Found here:"))
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for result in results:
            attributes = dict(result.attributes)
            tags = plain_tags(attributes)
            name = next((str(v) for k, v in tags if k.lower() == "name"), "")
            title = layer_title(result.layer_title or result.layer)
            story = known.get(id(result))
            if story is not None:
                name = story.feature.name or ""
            text = (self.tr("{name} ({layer})").format(name=name, layer=title) if name
                    else title)
            heading = QTreeWidgetItem([text])
            heading.setFont(0, bold)
            heading.setToolTip(0, text)
            self.tree.addTopLevelItem(heading)
            heading.setFirstColumnSpanned(True)
            if story is not None:
                catalogue = self._catalogue() if self._catalogue else None
                self._story_items.fill(heading, story, catalogue, self._language())
                heading.setExpanded(True)
                continue
            for key, value in tags:
                if key.lower() == "name":
                    continue
                shown = hazard_label(value) if key in HAZARD_KEYS else osm_value(value)
                row = QTreeWidgetItem([osm_key(key), shown])
                row.setToolTip(0, f"{key}={value}")
                row.setToolTip(1, shown)
                heading.addChild(row)
            heading.setExpanded(True)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Key column as wide as its words, but never hiding the values."""
        self.tree.resizeColumnToContents(0)
        limit = max(80, int(self.tree.viewport().width() * 0.55))
        self.tree.setColumnWidth(0, min(self.tree.columnWidth(0), limit))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._results:
            self._fit_columns()

    def lines(self) -> list[str]:
        """Every shown line: headings as they are, tags as "What: Value" (tests, copying)."""
        out = []
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            out.append(item.text(0))
            for i in range(item.childCount()):
                child = item.child(i)
                out.append(f"{child.text(0)}: {child.text(1)}")
                for j in range(child.childCount()):
                    grandchild = child.child(j)
                    out.append(f"  {grandchild.text(0)}: {grandchild.text(1)}")
        return out
