"""The wizard view's part of printing first and of the applicant's language: which printer the
papers step offers, what was printed before (a resumed applicant), the question before leaving
without papers, step titles in the applicant's language, and dates shown back as stored.

A mixin of `WizardView` (ui/wizard/view.py), kept apart so the view stays about the flow."""

from __future__ import annotations

from typing import Any

from kiosk.errors import InputError
from kiosk.validate import parse_date
from kiosk.wizard import ORDER, TITLES, Step

from .. import i18n
from .papers_step import FinishPrompt

# the step list shows every step but Done
VISIBLE_COUNT = len([s for s in ORDER if s != Step.DONE])


class PrintFirstMixin:
    """Methods `WizardView` gains; they use its wizard, pages and print controller."""

    wizard: Any
    title: Any
    title_english: Any
    documents_page: Any
    done_page: Any
    paper_status: Any
    finish_prompt: Any
    finish_unprinted: bool
    remembered_printer: str = ""

    def _show_title(self) -> None:  # the view's title line
        """The step's title; on the steps the applicant reads, in their language with the English
        under it in small type."""
        w = self.wizard
        n = ORDER.index(w.step)
        english = TITLES[w.step] if w.step == Step.DONE else \
            f"Step {n + 1} of {VISIBLE_COUNT}: {TITLES[w.step]}"
        lang = w.get("language") or "en"
        if lang != "en" and str(w.step) in i18n.TITLED_STEPS:
            title = i18n.tr(lang, i18n.STEP_TITLES[str(w.step)])
            self.title.setText(i18n.tr(lang, i18n.STEP_OF).format(n=n + 1, total=VISIBLE_COUNT, title=title))
            self.title_english.setText(english)
            self.title_english.show()
        else:
            self.title.setText(english)
            self.title_english.hide()

    def _show_iso_date(self, f: Any, store: Any) -> None:
        """A date typed month first (03/14/1985) is shown back as it is stored (1985-03-14)."""
        raw = f.value()
        if not isinstance(raw, str) or "/" not in raw:
            return
        try:
            parsed = parse_date(raw, "date")
        except InputError:
            return  # the field's error says what is wrong; the text stays as typed
        if parsed is not None:
            iso = parsed.isoformat()
            f.set_value(iso)
            store(iso)
            self._refresh_nav()

    def _printer_known(self, prefs: Any) -> None:
        from PySide6.QtPrintSupport import QPrinterInfo  # lazy: Qt's print support loads with the first print

        printer = prefs.printer
        self.remembered_printer = printer if printer in QPrinterInfo.availablePrinterNames() else ""
        self.documents_page.set_printer(self.remembered_printer, prefs.packet_copies)

    def _history_known(self, rows: list[dict]) -> None:
        """Papers printed on an earlier visit count as printed (a resumed applicant)."""
        for r in rows:
            self.paper_status.printed[r["kind"]] = max(self.paper_status.printed.get(r["kind"], 0),
                                                       int(r["copies_printed"]))
        self._show_paper_status()

    def _show_paper_status(self) -> None:
        self.done_page.status = self.paper_status
        if self.paper_status.any_printed():
            kinds = self.wizard.document_kinds()
            self.documents_page.status.setText(
                "Printed: " + "; ".join(self.paper_status.line(k) for k in kinds) + ".")

    def _ask_finish_unprinted(self) -> None:
        prompt = FinishPrompt(self)
        self.finish_prompt = prompt

        def answered(finish: bool) -> None:
            self.finish_prompt = None
            prompt.deleteLater()
            if finish:
                self.finish_unprinted = True
                self.go_next()
            else:
                self.documents_page.print_button.setFocus()

        prompt.answered.connect(answered)
        prompt.rejected.connect(lambda: setattr(self, "finish_prompt", None))
        prompt.open()
        prompt.back_button.setFocus()

    def _print_now(self) -> None:
        """The step's main button: print on the printer the summary names, with its copies; with
        no printer known yet, ask for one first."""
        if self.remembered_printer:
            from ..printing import PrinterSettings  # lazy: Qt's print support loads with the first print

            self.print_to(PrinterSettings(printer_name=self.remembered_printer))
        else:
            self._print_papers()

    def print_to(self, settings: Any) -> None:
        """Print this applicant's papers with these settings and the summary's copies (no dialog)."""
        from ..printing import job_for  # lazy: Qt's print support loads with the first print

        docs = getattr(self, "papers", None)
        if docs and self.wizard.applicant_id and not self.printing.busy and not self._unconfirmed_blanks():
            self.printing.start([job_for(self.wizard.applicant_id, self.wizard.reference, docs,
                                         packet_copies=self.documents_page.copies)], settings)
