"""The Papers and Done steps: print first, know what was printed.

The Papers step puts one primary action at the top ("Print papers (3 copies) and receipt") above
a summary the attorney confirms (printer, each document with its pages and copies, total pages);
saving as PDF is the secondary path. The preview is not inside a scrolling page: it gets the rest
of the step's height. `PaperStatus` remembers what happened to each document (printed, saved as
PDF, or nothing yet) so the Done step can say it and Finish can ask before leaving unprinted."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.wizard import Step

from ..forms import Mnemonics, button, button_row, card, label
from ..preview import PaperPreview
from .pages import StepPage
from .signing_date import PapersFacts

DOC_NAMES = {"packet": "Motion papers", "receipt": "Applicant's receipt"}
PACKET_COPIES = "court, DA, applicant"


def plural(n: int, word: str) -> str:
    if word == "copy":
        return f"{n} cop{'y' if n == 1 else 'ies'}"
    return f"{n} {word}{'' if n == 1 else 's'}"


@dataclass
class PaperStatus:
    """What happened to each of one applicant's documents on this visit (or before, on resume)."""

    printed: dict[str, int] = field(default_factory=dict)  # kind -> copies printed
    saved: dict[str, str] = field(default_factory=dict)  # kind -> where the PDF went
    printer: str = ""

    def any_printed(self) -> bool:
        return any(self.printed.values())

    def line(self, kind: str) -> str:
        """ "Motion papers: printed, 3 copies (on PDF file)" / "...: saved as PDF in /media/usb" /
        "...: not printed" """
        name = DOC_NAMES.get(kind, kind)
        if self.printed.get(kind):
            where = f" on {self.printer}" if self.printer else ""
            return f"{name}: printed, {plural(self.printed[kind], 'copy')}{where}"
        if kind in self.saved:
            return f"{name}: saved as PDF ({self.saved[kind]}), not printed"
        return f"{name}: not printed"


class StatusLine(QLabel):
    """The papers' status: takes no room while there is nothing to say."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("status")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.hide()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt override)
        super().setText(text)
        self.setVisible(bool(text))


def print_action_text(kinds: tuple[str, ...], copies: int) -> str:
    if "packet" in kinds:
        return f"Print papers ({plural(copies, 'copy')}) and receipt"
    return "Print the receipt"


class PapersPage(StepPage):
    """The papers step. Slots for more: `summary_extra` is a layout under the summary where
    confirmations that belong with printing (e.g. the signing date) can be added."""

    step = Step.DOCUMENTS
    save_requested = Signal(str)  # kind: save one document as a PDF file
    print_requested = Signal()  # print now, on the printer the summary names
    printer_requested = Signal()  # choose another printer or number of copies first
    save_all_requested = Signal()  # save every document in a folder (a USB stick)

    def __init__(self) -> None:
        super().__init__("", "Look over the papers, then print them. Check the summary first.",
                         scrolls=False)
        self.kinds: tuple[str, ...] = ("packet", "receipt")
        self.copies = 3
        self.pages: dict[str, int] = {}
        self.printer = ""
        self.explain = label("", "small")
        self.body.addWidget(self.explain)

        top = QHBoxLayout()
        top.setSpacing(16)
        self.summary = card()
        self.summary.setAccessibleName("Print summary")
        sl = QVBoxLayout(self.summary)
        sl.setContentsMargins(14, 8, 14, 8)
        sl.setSpacing(2)
        self.summary_grid = QGridLayout()
        self.summary_grid.setHorizontalSpacing(16)
        self.summary_grid.setVerticalSpacing(2)
        sl.addLayout(self.summary_grid)
        self.summary_extra = QVBoxLayout()
        sl.addLayout(self.summary_extra)
        self.facts = PapersFacts()  # the date of signing (beside the buttons) and the needed facts missing
        self.summary_extra.addWidget(self.facts.missing_box)
        sl.addStretch(1)
        top.addWidget(self.summary, 3)

        actions = QVBoxLayout()
        actions.setSpacing(8)
        self.print_button = button("Print papers (3 copies) and receipt", primary=True, mnemonics=self.mnemonics)
        self.printer_button = button("Printer or copies\u2026", mnemonics=self.mnemonics)
        actions.addWidget(self.print_button)
        actions.addWidget(self.printer_button)
        actions.addWidget(self.facts)
        actions.addStretch(1)
        top.addLayout(actions, 2)
        self.body.addLayout(top)

        save_row = QHBoxLayout()
        save_row.addWidget(label("No printer? Save as PDF instead:", "small", wrap=False))
        self.rows: dict[str, tuple[QWidget, Any]] = {}
        for kind in ("packet", "receipt"):
            b = button(f"Save {'packet' if kind == 'packet' else 'receipt'} PDF\u2026", mnemonics=self.mnemonics)
            b.clicked.connect(lambda _=False, k=kind: self.save_requested.emit(k))
            save_row.addWidget(b)
            self.rows[kind] = (b, b)
        self.save_all_button = button("Save all in a folder\u2026", mnemonics=self.mnemonics)
        save_row.addWidget(self.save_all_button)
        save_row.addStretch(1)
        self.body.addLayout(save_row)

        self.status = StatusLine()
        self.status.setAccessibleName("Papers status")
        self.body.addWidget(self.status)
        self.preview = PaperPreview(mnemonics=self.mnemonics, actions=False)
        self.preview.setMinimumHeight(200)
        self.body.addWidget(self.preview, 1)
        self.print_button.clicked.connect(self.print_requested)
        self.printer_button.clicked.connect(self.printer_requested)
        self.save_all_button.clicked.connect(self.save_all_requested)
        self.set_ready(False)

    def load(self, wizard: Any) -> None:
        self.kinds = wizard.document_kinds()
        for kind, (box, _) in self.rows.items():
            box.setVisible(kind in self.kinds)
        if "packet" in self.kinds:
            self.explain.setText("At least one conviction needs a motion. The motion papers are in English "
                                 "(court papers); the receipt is in the applicant's language.")
        else:
            self.explain.setText("No motion papers: no conviction can be vacated by a motion under this program "
                                 "(the result step says why). The receipt tells the applicant what that means.")
        self.show_summary()

    def set_printer(self, printer: str, copies: int) -> None:
        self.printer, self.copies = printer, max(1, copies)
        self.show_summary()

    def set_pages(self, docs: list[Any]) -> None:
        self.pages = {d.kind: d.pages for d in docs}
        self.show_summary()
        self.set_ready(bool(docs))

    def _summary_row(self, name: str) -> Any:
        """A name and a value on one line of the summary, made once and updated in place."""
        r = self.summary_grid.rowCount()
        key = label(name, "small", wrap=False)
        value = label("")
        value.setAccessibleName(f"{name} to print")
        self.summary_grid.addWidget(key, r, 0, Qt.AlignmentFlag.AlignTop)
        self.summary_grid.addWidget(value, r, 1)
        self.summary_grid.setColumnStretch(1, 1)
        self.summary_rows[name] = (key, value)
        return value

    def show_summary(self) -> None:
        if not getattr(self, "summary_rows", None):
            self.summary_rows: dict[str, tuple[Any, Any]] = {}
            for name in ("Printer", *DOC_NAMES.values(), "Total"):
                self._summary_row(name)
        self.summary_rows["Printer"][1].setText(self.printer or "You choose it when you print")
        total = 0
        for kind, name in DOC_NAMES.items():
            key, value = self.summary_rows[name]
            copies = self.copies if kind == "packet" else 1
            pages = self.pages.get(kind)
            what = plural(copies, "copy")
            if kind == "packet" and copies == 3:
                what += f" ({PACKET_COPIES})"
            value.setText((f"{plural(pages, 'page')} \u00d7 " if pages else "") + what)
            for w in (key, value):
                w.setVisible(kind in self.kinds)
            if kind in self.kinds:
                total += (pages or 0) * copies
        key, value = self.summary_rows["Total"]
        value.setText(plural(total, "page") + " in one print job, in this order")
        for w in (key, value):
            w.setVisible(bool(self.pages))
        self.print_button.setText(self.mnemonics_free(print_action_text(self.kinds, self.copies)))
        self.print_button.setAccessibleName(print_action_text(self.kinds, self.copies))

    @staticmethod
    def mnemonics_free(text: str) -> str:
        return "&" + text  # Alt+P prints: the first letter is the step's print key

    def set_ready(self, ready: bool) -> None:
        for w in (self.print_button, self.printer_button, self.save_all_button):
            w.setEnabled(ready)

    def set_available(self, available: bool) -> None:
        for b, _ in self.rows.values():
            b.setEnabled(available)
        if not available:
            self.set_ready(False)
            self.status.setText("The papers cannot be made on this laptop yet: the document builder is not "
                                "installed. The record is saved and can be printed later from the dashboard.")

    def first_input(self) -> QWidget | None:
        return self.print_button if self.print_button.isEnabled() else None


class DonePage(StepPage):
    step = Step.DONE
    next_applicant = Signal()
    dashboard = Signal()

    def __init__(self) -> None:
        super().__init__("", "This applicant's record is saved. Give the applicant their reference "
                             "number: they need it if they call.")
        self.reference = label("", "reference")
        self.reference.setAccessibleName("Reference number")
        self.body.addWidget(self.reference)
        self.papers_box = card()
        pl = QVBoxLayout(self.papers_box)
        pl.setContentsMargins(16, 10, 16, 10)
        pl.addWidget(label("The papers", "h2"))
        self.paper_lines: dict[str, Any] = {}
        for kind in ("packet", "receipt"):
            line = label("")
            line.setAccessibleName(f"{DOC_NAMES[kind]} status")
            pl.addWidget(line)
            self.paper_lines[kind] = line
        self.body.addWidget(self.papers_box)
        self.dashboard_button = button("Back to the dashboard", mnemonics=self.mnemonics)
        self.next_button = button("Next applicant", primary=True, mnemonics=Mnemonics("bcld"))
        self.body.addLayout(button_row([self.dashboard_button], [self.next_button]))
        self.body.addStretch(1)
        self.next_button.clicked.connect(self.next_applicant)
        self.dashboard_button.clicked.connect(self.dashboard)
        self.status = PaperStatus()

    def load(self, wizard: Any) -> None:
        self.reference.setText(f"Reference number: {wizard.reference}" if wizard.reference else "")
        kinds = wizard.document_kinds()
        for kind, line in self.paper_lines.items():
            line.setVisible(kind in kinds)
            line.setText(self.status.line(kind))

    def first_input(self) -> QWidget | None:
        return self.next_button


class FinishPrompt(QDialog):
    """Asked once when Finish is pressed with nothing printed: the papers are the point."""

    answered = Signal(bool)  # True: finish anyway

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Finish without printing?")
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(label("Finish without printing?", "h2"))
        layout.addWidget(label("Nothing has been printed for this applicant. The dashboard will show "
                               "\u201cpapers not printed\u201d until their papers are printed (Print all "
                               "pending prints them later)."))
        m = Mnemonics()
        self.back_button = button("Go back and print", primary=True, mnemonics=m)
        self.finish_button = button("Finish without printing", mnemonics=m)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(line)
        layout.addLayout(button_row([self.finish_button], [self.back_button]))
        self.back_button.clicked.connect(lambda: self._answer(False))
        self.finish_button.clicked.connect(lambda: self._answer(True))
        self.setMinimumWidth(520)

    def _answer(self, finish: bool) -> None:
        self.answered.emit(finish)
        self.accept()
