"""Labelled, accessible form fields shared by every page.

Each input gets a visible label whose text is exactly its accessible name (the label carries an
Alt+letter mnemonic and is the input's buddy), an optional hint, and an error line that is also
the input's buddy and its accessibleDescription, so a screen reader announces the problem when the
field is focused. Pages bind fields to keys and never read widgets directly. (Qt enums: ui/qt_settings.py)"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from .qt_settings import align_top, at_bottom, qt, when_qt_ready

# every date field says the same: month first as people write it, or the ISO form
DATE_PLACEHOLDER = "MM/DD/YYYY"
DATE_HINT = "MM/DD/YYYY or YYYY-MM-DD."


def plain(text: str) -> str:
    """A label's text without its mnemonic marker ("&First name" → "First name")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


class Mnemonics:
    """Hands out Alt+letter mnemonics on one screen so no two controls share a letter.
    Word-initial letters are preferred; letters used by the window's own buttons are reserved."""

    def __init__(self, reserved: str = "") -> None:
        self.used = set(reserved.lower())

    def mark(self, text: str) -> str:
        if "&" in text:
            self.used.add(text[text.index("&") + 1].lower())
            return text
        starts = [i for i, ch in enumerate(text) if ch.isalpha() and (i == 0 or not text[i - 1].isalnum())]
        others = [i for i, ch in enumerate(text) if ch.isalpha() and i not in starts]
        for i in starts + others:
            ch = text[i].lower()
            if ch.isascii() and ch not in self.used:
                self.used.add(ch)
                return text[:i] + "&" + text[i:]
        return text


def label(text: str = "", name: str = "", wrap: bool = True) -> QLabel:
    w = QLabel(text)
    if name:
        w.setObjectName(name)
    w.setWordWrap(wrap)
    when_qt_ready(lambda: w.setTextFormat(qt().TextFormat.PlainText))
    return w


def button(text: str, *, primary: bool = False, mnemonics: Mnemonics | None = None) -> QPushButton:
    b = QPushButton(mnemonics.mark(text) if mnemonics else text)
    b.setAccessibleName(plain(text))
    if primary:
        b.setObjectName("primary")
    b.setAutoDefault(False)
    return b


def line_edit(placeholder: str = "", *, password: bool = False, max_length: int = 0) -> QLineEdit:
    w = QLineEdit()
    if placeholder:
        w.setPlaceholderText(placeholder)
    if password:
        w.setEchoMode(QLineEdit.EchoMode.Password)
        when_qt_ready(lambda: w.setInputMethodHints(qt().InputMethodHint.ImhDigitsOnly |
                                                    qt().InputMethodHint.ImhSensitiveData))
    if max_length:
        w.setMaxLength(max_length)
    return w


def combo(items: Iterable[tuple[Any, str]] = (), *, editable: bool = False) -> QComboBox:
    w = QComboBox()
    for value, text in items:
        w.addItem(text, value)
    w.setEditable(editable)
    if editable:
        w.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    w.setMinimumContentsLength(12)
    return w


def text_area(max_lines_hint: int = 3) -> QPlainTextEdit:
    w = QPlainTextEdit()
    w.setTabChangesFocus(True)  # Tab moves on, as in every other field
    w.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    line = w.fontMetrics().lineSpacing()
    w.setFixedHeight(line * max_lines_hint + 18)
    return w


def _repolish(w: QWidget) -> None:
    w.style().unpolish(w)
    w.style().polish(w)


class Field(QObject):
    """One input with its label, hint and error line, bound to a key.

    `on_change(key, value)` fires as the user edits; `on_leave(key)` when the field loses focus
    (that is when its error, if any, is first shown)."""

    def __init__(self, key: str, text: str, widget: QWidget, *, mnemonics: Mnemonics | None = None,
                 hint: str = "", required: bool = False, to_draft: Callable[[Any], Any] | None = None,
                 from_draft: Callable[[Any], Any] | None = None) -> None:
        super().__init__(widget)
        self.to_draft = to_draft or (lambda v: v)
        self.from_draft = from_draft or (lambda v: v)
        self.key = key
        self.text = text
        self.widget = widget
        self.hint_text = hint
        self.touched = False  # the user left the field after changing it: its problem is shown
        self.edited = False  # the user changed it since it was last loaded
        self._setting = False
        self._change: Callable[[str, Any], None] | None = None
        self._leave: Callable[[str], None] | None = None
        marked = mnemonics.mark(text) if mnemonics else text
        widget.setAccessibleName(text)
        widget.setAccessibleDescription(hint + (" Required." if required else ""))
        if isinstance(widget, QCheckBox):
            widget.setText(marked)
            self.label: QLabel | None = None
        else:
            self.label = QLabel(marked)
            self.label.setBuddy(widget)
        self.required = label("(required)", "hint", wrap=False) if required else None
        self.hint = label(hint, "hint") if hint else None
        self.error = label("", "fieldError")
        self.error.setBuddy(widget)
        self.error.hide()
        self._connect()

    # -- value access --------------------------------------------------------------------------
    def value(self) -> Any:
        """The value as the draft stores it."""
        return self.to_draft(self._raw())

    def _raw(self) -> Any:
        w = self.widget
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QComboBox):
            if w.isEditable():
                return w.currentText()
            return w.currentData()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QLineEdit):
            return w.text()
        raise TypeError(type(w).__name__)

    def set_value(self, value: Any) -> None:
        """Show a draft value (never reported back as a user change)."""
        value = self.from_draft(value)
        self.edited = False
        self._setting = True
        try:
            w = self.widget
            if isinstance(w, QCheckBox):
                w.setChecked(bool(value))
            elif isinstance(w, QComboBox):
                i = w.findData(value)
                if w.isEditable():
                    w.setCurrentIndex(-1)
                    w.setEditText("" if value is None else str(value))
                elif i >= 0:
                    w.setCurrentIndex(i)
            elif isinstance(w, QPlainTextEdit):
                w.setPlainText("\n".join(value) if isinstance(value, list) else str(value or ""))
            elif isinstance(w, QLineEdit):
                w.setText("" if value is None else str(value))
        finally:
            self._setting = False

    def on_change(self, fn: Callable[[str, Any], None]) -> Field:
        self._change = fn
        return self

    def on_leave(self, fn: Callable[[str], None]) -> Field:
        self._leave = fn
        return self

    def _changed(self, *_: Any) -> None:
        if self._setting:
            return
        self.edited = True
        if self._change is not None:
            self._change(self.key, self.value())

    def _left(self) -> None:
        self.touched = True
        if self._leave is not None:
            self._leave(self.key)

    def _connect(self) -> None:
        w = self.widget
        if isinstance(w, QCheckBox):
            w.toggled.connect(self._changed)
            w.toggled.connect(lambda _=None: None if self._setting else self._left())
        elif isinstance(w, QComboBox):
            if w.isEditable():
                w.currentTextChanged.connect(self._changed)
                w.lineEdit().installEventFilter(self)
                w.lineEdit().returnPressed.connect(self._left)
            else:
                w.currentIndexChanged.connect(self._changed)
                w.currentIndexChanged.connect(lambda _=None: None if self._setting else self._left())
        elif isinstance(w, QPlainTextEdit):
            w.textChanged.connect(self._changed)
            w.installEventFilter(self)
        elif isinstance(w, QLineEdit):
            w.textChanged.connect(self._changed)
            w.installEventFilter(self)
            w.returnPressed.connect(self._left)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Leaving a field the user changed shows its problem, if any; tabbing through an
        untouched field says nothing (its problem shows when Next or Save is asked for)."""
        if event.type() == QEvent.Type.FocusOut and self.edited:
            self._left()
        return False

    # -- errors ----------------------------------------------------------------------------------
    def show_error(self, message: str | None) -> None:
        """Show (or clear) the problem next to the field and make it the field's description."""
        message = message or ""
        if message == self.error.text() and self.error.isHidden() == (not message):
            return
        self.error.setText(message)
        self.error.setVisible(bool(message))
        desc = message or (self.hint_text + (" Required." if self.required else ""))
        self.widget.setAccessibleDescription(desc.strip())
        self.widget.setProperty("invalid", bool(message))
        _repolish(self.widget)
        from PySide6.QtGui import QAccessible, QAccessibleEvent  # lazy: the first window announces nothing

        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleEvent(self.widget, QAccessible.Event.DescriptionChanged))

    @property
    def error_text(self) -> str:
        return self.error.text() if not self.error.isHidden() else ""

    # -- layout -----------------------------------------------------------------------------------
    def place(self, grid: QGridLayout, row: int, col: int = 0, span: int = 1) -> int:
        """Put the field in a grid: its label, the input, the problem (if any), then the hint."""
        top = QWidget()
        box = QVBoxLayout(top)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(3)
        if self.label is not None:
            head = QHBoxLayout()
            head.setContentsMargins(0, 0, 0, 0)
            head.setSpacing(10)
            head.addWidget(self.label)
            if self.required is not None:  # at the bottom of the row (the label's text is larger)
                head.addLayout(at_bottom(self.required))
            head.addStretch(1)
            box.addLayout(head)
        box.addWidget(self.widget)
        box.addWidget(self.error)
        if self.hint is not None:
            box.addWidget(self.hint)
        grid.addWidget(top, row, col, 1, span)
        align_top(grid, top)  # beside a taller field, this one stays at the top of the row
        return row + 1


def button_row(left: Sequence[QWidget] = (), right: Sequence[QWidget] = ()) -> QHBoxLayout:
    """The buttons along the bottom of a card or dialog: secondary actions at the left, the
    primary action at the right, so it is always in the same place."""
    row = QHBoxLayout()
    for b in left:
        row.addWidget(b)
    row.addStretch(1)
    for b in right:
        row.addWidget(b)
    return row


def scroll_page(inner: QWidget) -> QScrollArea:
    """A page body that scrolls instead of clipping when text is scaled up or the screen is small."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    # never squeeze the body below its natural height (fields would overlap or be cut off under
    # a banner): scroll instead
    inner.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(inner)
    when_qt_ready(lambda: area.setHorizontalScrollBarPolicy(qt().ScrollBarPolicy.ScrollBarAlwaysOff))
    return area


def card() -> QFrame:
    f = QFrame()
    f.setObjectName("card")
    return f


class Page(QWidget):
    """A full-window page: a title, an optional lead paragraph, and a scrolling body."""

    def __init__(self, title: str, lead: str = "") -> None:
        super().__init__()
        self.setObjectName("page")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        inner = QWidget()
        inner.setObjectName("page")
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(32, 20, 32, 20)
        self.body.setSpacing(14)
        self.title = label(title, "h1")
        self.body.addWidget(self.title)
        self.lead = label(lead, "lead")
        self.body.addWidget(self.lead)
        self.lead.setVisible(bool(lead))  # only once parented: a parentless widget shown is a window
        outer.addWidget(scroll_page(inner))


def grid() -> QGridLayout:
    g = QGridLayout()
    g.setHorizontalSpacing(24)
    g.setVerticalSpacing(10)
    g.setContentsMargins(0, 0, 0, 0)
    return g
