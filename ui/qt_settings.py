"""Settings that need PySide6's `Qt` namespace, held back while the first window is built.

PySide6 builds the namespace's 93 enum classes (alignments, text formats, keys...) the first time
any of them is used: ~15 ms of the first window, which shows nothing that depends on them. So the
widget helpers (ui/forms.py, ui/errors.py) make such a setting through `when_qt_ready`: at once,
or, inside `hold_qt_settings` (the main window's construction), when the window applies what was
held: once it is on screen, and always before anything read from the records is shown, so a
label is plain text before it can show a name (ui/main_window.py, docs/benchmarks.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

_waiting: list[Callable[[], None]] | None = None  # settings held back while the first window is built


def qt() -> Any:
    """PySide6's `Qt` namespace (its enum classes are built on this first use)."""
    from PySide6.QtCore import Qt  # lazy: its 93 enum classes cost the first window ~15 ms

    return Qt


def when_qt_ready(setting: Callable[[], None]) -> None:
    """Make `setting` (one that needs an enum of the `Qt` namespace) now, or, inside
    `hold_qt_settings`, when the caller applies what was held."""
    if _waiting is None:
        setting()
    else:
        _waiting.append(setting)


@contextmanager
def hold_qt_settings() -> Iterator[list[Callable[[], None]]]:
    """Hold back `when_qt_ready` settings while the block runs; the list it gives holds them, for
    the caller to apply (the main window: once its first window is on screen, before any record
    is read, so that no text from the records is shown before its label is plain text)."""
    global _waiting
    outer, _waiting = _waiting, []
    held = _waiting
    try:
        yield held
    finally:
        _waiting = outer


def apply_held(held: list[Callable[[], None]]) -> None:
    """Make the settings `hold_qt_settings` held, once (the list is emptied)."""
    while held:
        held.pop(0)()


def at_bottom(widget: QWidget) -> QVBoxLayout:
    """A layout holding `widget` at its bottom, where Qt.AlignmentFlag.AlignBottom would put it
    (a stretch above it), for a row of a layout: no enum needed."""
    low = QVBoxLayout()
    low.setContentsMargins(0, 0, 0, 0)
    low.setSpacing(0)
    low.addStretch(1)
    low.addWidget(widget)
    return low


def align_top(grid: QGridLayout, widget: QWidget) -> None:
    """`widget`, placed in `grid`, at the top of its cell (through `when_qt_ready`)."""

    def align() -> None:
        if not grid.setAlignment(widget, qt().AlignmentFlag.AlignTop):
            raise RuntimeError("a widget to align is not in its grid")

    when_qt_ready(align)
