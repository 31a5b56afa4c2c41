"""The wizard's step list: shows where the attorney is (the current step highlighted, completed
steps ticked) and takes them back to any completed step with one click.

Only completed steps can be picked; the current one stays highlighted whatever is clicked, and
steps not reached yet do nothing (the flow decides what comes next, not the list)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from kiosk.wizard import Step

from ..icons import step_icon

STATE_WORDS = {"current": " (current step)", "done": " (done: click to go back)", "todo": ""}


class StepList(QListWidget):
    jump_requested = Signal(str)  # a completed step's value

    def __init__(self, steps: list[Step], titles: dict[Step, str]) -> None:
        super().__init__()
        self.setObjectName("steps")
        self.setAccessibleName("Steps")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFixedWidth(250)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.setMouseTracking(True)
        self.order = list(steps)
        self.titles = titles
        self.states: dict[Step, str] = {}
        self.clickable = True
        for i, step in enumerate(self.order):
            item = QListWidgetItem(f"{i + 1}. {titles[step]}")
            item.setData(Qt.ItemDataRole.UserRole, str(step))
            self.addItem(item)
        self.itemClicked.connect(self._clicked)

    def _fit_width(self) -> None:
        """Wide enough for the longest title on one line at the text size in use (it grows with
        Ctrl+plus and on a 1080p screen)."""
        longest = max(self.fontMetrics().horizontalAdvance(self.item(i).text()) for i in range(self.count()))
        self.setFixedWidth(max(250, longest + 70))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_width()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        self._fit_width()
        super().showEvent(event)

    def show_state(self, current: Step, done: set[Step], *, clickable: bool = True) -> None:
        """Highlight `current`; tick the steps in `done` and (if `clickable`) let them be clicked."""
        self.clickable = clickable
        self.blockSignals(True)
        for i, step in enumerate(self.order):
            state = "current" if step == current else ("done" if step in done else "todo")
            self.states[step] = state
            item = self.item(i)
            item.setIcon(step_icon(state))
            flags = Qt.ItemFlag.ItemIsEnabled
            if state == "current" or (state == "done" and clickable):
                flags |= Qt.ItemFlag.ItemIsSelectable
            item.setFlags(flags)
            item.setToolTip("Go back to this step" if state == "done" and clickable else "")
            words = STATE_WORDS[state] if clickable or state != "done" else " (done)"
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{i + 1}. {self.titles[step]}{words}")
            item.setSelected(state == "current")
            if state == "current":
                self.setCurrentItem(item)
        self.blockSignals(False)

    def current_step(self) -> str:
        return next((str(s) for s, state in self.states.items() if state == "current"), "")

    def _clicked(self, item: QListWidgetItem) -> None:
        step = Step(item.data(Qt.ItemDataRole.UserRole))
        if self.states.get(step) == "done" and self.clickable:
            self.jump_requested.emit(str(step))
        else:  # keep the highlight on the step shown
            current = self.current_step()
            for i in range(self.count()):
                self.item(i).setSelected(self.item(i).data(Qt.ItemDataRole.UserRole) == current)
