"""The answer half of the Analysis panel: figures in plain words and in a table.

:class:`AnalysisAnswers` is mixed into :class:`desktop.panels.analysis_panel.AnalysisPanel`
and uses its widgets (``summary``, ``table``, the buttons, ``needs_box``,
``worst_table``): an exposure result per class, area and type; an evacuation result
per shelter; an access result per distance band and area, with the worst served.
Figures are written the interface language's way (:attr:`number_locale`).
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QTableWidgetItem


def number(value: Any, decimals: int = 0, locale: QLocale | None = None) -> str:
    """A figure with the separators of ``locale`` ("12,345", "1,234.5"; "1 234,5")."""
    if value is None:
        return "–"
    if isinstance(value, float) and not math.isfinite(value):
        return "–"
    locale = locale or QLocale(QLocale.Language.English)
    if decimals == 0 or float(value).is_integer():
        return locale.toString(int(round(float(value))))
    return locale.toString(float(value), "f", decimals)


class AnalysisAnswers:
    """Shows the answers of the Analysis panel (a mixin of AnalysisPanel)."""

    def _fill(self, headers: list[str], rows: list[list[Any]],
              bold: frozenset[int] = frozenset()) -> None:
        """Fill the table; each cell is (shown text, raw value) or a plain text."""
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels(headers)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                text, raw = cell if isinstance(cell, tuple) else (cell, cell)
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, raw)
                if c > 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if r in bold:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
        self.copy_button.setVisible(bool(rows))

    def table_text(self) -> str:
        """The table as tab-separated text, headers first."""
        lines = ["\t".join(self.table.horizontalHeaderItem(c).text().replace("\n", " ")
                           for c in range(self.table.columnCount()))]
        for r in range(self.table.rowCount()):
            cells = []
            for c in range(self.table.columnCount()):
                item = self.table.item(r, c)
                cells.append(item.text() if item is not None else "")
            lines.append("\t".join(cells))
        return "\n".join(lines) + "\n"

    def copy_table(self) -> None:
        """Put the table on the clipboard (paste it into a spreadsheet)."""
        QGuiApplication.clipboard().setText(self.table_text())

    def cell(self, row: int, column: int) -> Any:
        """The raw figure behind a cell (tests)."""
        item = self.table.item(row, column)
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def number(self, value: Any, decimals: int = 0) -> str:
        """A figure written the interface language's way."""
        return number(value, decimals, self.number_locale)

    def percent(self, fraction: float) -> str:
        """A share as a whole percentage ("64%")."""
        return self.tr("{percent}%").format(percent=self.number(100 * fraction))

    def row_titles(self) -> list[str]:
        """The first column, top to bottom."""
        return [self.table.item(r, 0).text() for r in range(self.table.rowCount())]

    def show_exposure(self, data: dict, affected: list[str], titles: dict[str, str],
                      result: Any = None) -> None:
        """Show an exposure result (its documented JSON object); counted in people, with
        ``result`` (the ExposureResult), the displaced people and their minimum needs."""
        decimals = {"count": 0, "length_m": 0, "area_ha": 2, "people": 0}[data["measure"]]
        units = {"count": "", "length_m": self.tr(" m"), "area_ha": self.tr(" ha"),
                 "people": self.tr(" people")}
        unit = units[data["measure"]]
        totals = data["totals"]
        classes = list(data["classes"])
        hazard = titles.get(data["hazard"], data["hazard"])
        what = titles.get(data["exposure"], data["exposure"])
        self.summary.setText(self.tr(
            "{exposure} exposed to {hazard}: {affected}{unit} in the affected classes "
            "({marked}); {exposed}{unit} in any class, {not_exposed}{unit} not exposed, "
            "out of {total}{unit}.").format(
                exposure=what, hazard=hazard, affected=self.number(totals["affected"], decimals),
                unit=unit, marked=", ".join(self._class_words().get(c, c) for c in affected)
                or self.tr("none"),
                exposed=self.number(totals["exposed"], decimals),
                not_exposed=self.number(totals["not_exposed"], decimals),
                total=self.number(totals["total"], decimals)))
        words = self._class_words()
        # Two lines ("medium" over "(affected)") keep the table narrow beside the map.
        headers = [""] + [self.tr("{name} (affected)").format(name=words.get(c, c))
                          .replace(" (", "\n(")
                          if c in affected else words.get(c, c) for c in classes]
        headers += [self.tr("Affected"), self.tr("Not exposed"), self.tr("Total")]

        def cells(values: dict) -> list:
            return [(self.number(values.get(c, 0), decimals), values.get(c, 0)) for c in classes]

        def figure(value: Any) -> tuple[str, Any]:
            return self.number(value, decimals), value

        rows: list[list[Any]] = [[self.tr("All"), *cells(data["classes"]),
                                  figure(totals["affected"]), figure(totals["not_exposed"]),
                                  figure(totals["total"])]]
        bold = {0}
        if data["by_area"]:
            bold.add(len(rows))
            rows.append([self.tr("By area")] + [""] * (len(headers) - 1))
        for area, values in data["by_area"].items():
            rows.append([area, *cells(values), figure(values["affected"]), "", ""])
        if data["by_type"]:
            bold.add(len(rows))
            rows.append([self.tr("By type")] + [""] * (len(headers) - 1))
        for kind, values in data["by_type"].items():
            hit = sum(values.get(c, 0) for c in affected)
            rows.append([self._type_words().get(kind, kind), *cells(values), figure(hit),
                         "", ""])
        self._fill(headers, rows, bold=frozenset(bold))
        self.save_button.setVisible(self.can_save_layer)
        self.report_button.setVisible(self.can_report)
        self.last_result = data
        if result is not None and data["measure"] == "people":
            self.needs_box.set_locale(self.number_locale)
            self.needs_box.set_result(result, self._class_words())
            self.needs_box.setVisible(True)

    def scheme_tip(self, key: str) -> str:
        """The classes of a ready-made scheme, one per line ("wet: above 1 m, affected")."""
        from mapping.analysis.schemes import SCHEMES

        scheme = SCHEMES[key]
        unit = f" {scheme.unit}" if scheme.unit else ""
        words = self._class_words()

        def short(value: float) -> str:  # 0.1, not 0.10
            return self.number_locale.toString(float(value), "g", 6)

        lines = []
        for hazard_class in scheme.classes:
            low, high = hazard_class.minimum or 0.0, hazard_class.maximum
            if high is None or math.isinf(high):
                span = self.tr("above {low}").format(low=short(low) + unit)
            else:
                span = f"{short(low)}–{short(high)}{unit}"
            mark = self.tr("affected") if hazard_class.affected else self.tr("not affected")
            lines.append(f"{words.get(hazard_class.name, hazard_class.name)}: {span}, {mark}")
        return "\n".join(lines)

    def _class_words(self) -> dict[str, str]:
        """Names of the ready-made classes in the interface language (others as typed)."""
        return {"low": self.tr("low"), "medium": self.tr("medium"), "high": self.tr("high"),
                "dry": self.tr("dry"), "wet": self.tr("wet"),
                "use caution": self.tr("use caution")}

    def _type_words(self) -> dict[str, str]:
        return {"residential": self.tr("residential"), "education": self.tr("education"),
                "health": self.tr("health"), "worship": self.tr("worship"),
                "government": self.tr("government"), "commercial": self.tr("commercial"),
                "other": self.tr("other")}

    def show_evacuation(self, summary: dict, hazard_title: str) -> None:
        """Show an evacuation result (the ``quartier evacuate --json`` object)."""
        walk = summary["walk_s"]
        people = summary.get("load") == "people"
        text = self.tr("{routed} of {buildings} buildings have a safe route avoiding "
                       "{hazard}; {missing} have none.").format(
            routed=self.number(summary["routed"]), buildings=self.number(summary["buildings"]),
            hazard=hazard_title, missing=self.number(summary["no_safe_route"]))
        if walk["median"] is not None:
            text += " " + self.tr("Walking time: median {median} min, 90% within {p90} min, "
                                  "longest {longest} min.").format(
                median=self.number(walk["median"] / 60, 1), p90=self.number(walk["p90"] / 60, 1),
                longest=self.number(walk["max"] / 60, 1))
        if not people:
            text += " " + self.tr("Loads are in buildings: how many people live in them is "
                                  "not known.")
        text += " " + self.tr("The routes and the ground within 5, 10 and 15 minutes' walk "
                              "of each shelter are on the map.")
        self.summary.setText(text)
        rows = []
        for place in summary["destinations"]:
            capacity = place["capacity"]
            if not capacity:
                load = self.tr("capacity not mapped")
            elif people:
                load = self.tr("{share} of capacity").format(
                    share=self.percent(place["assigned_people"] / capacity))
            else:
                load = self.tr("people not known")
            within = place.get("service_areas", {}).get("15", {}).get("buildings")
            row = [place["name"] or place["uuid"],
                   (self.number(place["assigned"]), place["assigned"])]
            if people:
                row.append((self.number(place["assigned_people"]), place["assigned_people"]))
            row += [(self.number(within), within), (self.number(capacity), capacity), load]
            rows.append(row)
        rows.append([self.tr("No safe route"),
                     (self.number(summary["no_safe_route"]), summary["no_safe_route"])]
                    + [""] * (4 if people else 3))
        headers = [self.tr("Shelter"), self.tr("Buildings")]
        if people:
            headers.append(self.tr("People"))
        headers += [self.tr("Buildings within\n15 min"), self.tr("Capacity\n(people)"),
                    self.tr("Load")]
        self._fill(headers, rows)
        self.last_result = summary

    def show_access(self, summary: dict, kind_words: str,
                    worst: list[dict] | None = None) -> None:
        """Show an access result (the ``quartier access --json`` object): one row for
        all the buildings, one per area; ``worst`` lists the worst served (building fid,
        distance_m, facility), farthest first."""
        total = summary["buildings"]
        distance = summary["distance_m"]
        text = self.tr("{buildings} buildings; distance along the streets to the nearest of "
                       "the {kind}.").format(buildings=self.number(total), kind=kind_words)
        if distance["median"] is not None:
            text += " " + self.tr("Median {median} m, 90% within {p90} m, farthest "
                                  "{farthest} m.").format(
                median=self.number(distance["median"]), p90=self.number(distance["p90"]),
                farthest=self.number(distance["max"]))
        text += " " + self.tr("Each building's distance is on the map.")
        self.summary.setText(text)
        bands = list(summary["within"])

        def row(title: str, part: dict) -> list:
            count = part["buildings"]
            cells: list[Any] = [title, (self.number(count), count)]
            for value in [*(part["within"][b] for b in bands), part["unreachable"]]:
                share = self.percent(value / count) if count else "–"
                cells.append((f"{self.number(value)} ({share})", value))
            return cells

        rows = [row(self.tr("All"), summary)]
        bold = {0}
        if summary.get("by_area"):
            bold.add(len(rows))
            rows.append([self.tr("By area")] + [""] * (len(bands) + 2))
            rows += [row(area, part) for area, part in summary["by_area"].items()]
        self._fill(["", self.tr("Buildings")]
                   + [self.tr("Within {metres} m").format(metres=self.number(int(b)))
                      for b in bands] + [self.tr("Unreachable")], rows, bold=frozenset(bold))
        self.last_result = summary
        self._show_worst(worst or [])

    def _show_worst(self, worst: list[dict]) -> None:
        table = self.worst_table
        table.clear()
        table.setColumnCount(3)
        table.setRowCount(len(worst))
        table.setHorizontalHeaderLabels([self.tr("Building"), self.tr("Distance"),
                                         self.tr("Nearest")])
        for r, entry in enumerate(worst):
            metres = entry["distance_m"]
            cells = [(str(entry["fid"]), entry["fid"]),
                     (self.tr("{metres} m").format(metres=self.number(metres))
                      if metres is not None else self.tr("unreachable"), metres),
                     (entry["facility"] or "–", entry["facility"])]
            for c, (text, raw) in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, raw)
                table.setItem(r, c, item)
        self.worst_label.setText(self.tr("The {count} worst served, farthest first (dark red "
                                         "on the map):").format(count=len(worst)))
        for widget in (self.worst_label, self.worst_table):
            widget.setVisible(bool(worst))
