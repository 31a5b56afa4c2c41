"""The wizard view's papers step: whether the papers can be made, the facts they need, building and
previewing them (ui.preview), printing (ui.printing) and saving them as PDF.

A mixin of `WizardView` (ui/wizard/view.py), kept apart so the view stays about the flow."""

from __future__ import annotations

from typing import Any

from kiosk import papers, services, signing
from kiosk.wizard import Step

from .. import dialogs


class PapersActionsMixin:
    """Methods `WizardView` gains; the papers are made and recorded on the database thread."""

    wizard: Any
    backend: Any
    presenter: Any
    actor: str
    saved: Any
    documents_page: Any
    done_page: Any
    paper_status: Any
    _live: Any
    _printer_known: Any
    _history_known: Any
    _show_paper_status: Any

    # -- documents step ----------------------------------------------------------------------------------
    def _check_papers(self) -> None:
        page = self.documents_page
        page.status.setText("")
        page.preview.clear()
        page.set_pages([])
        self.backend.call(lambda _db: services.papers_available(), on_done=self._live(self._papers_available),
                          on_error=self._live(lambda _e: page.set_available(False)))
        self.backend.call(services.session_settings, on_done=self._live(self._printer_known),
                          on_error=self._live(lambda _e: None))
        if self.wizard.applicant_id:
            self.backend.call(papers.print_history, self.wizard.applicant_id,
                              on_done=self._live(self._history_known), on_error=self._live(lambda _e: None))

    # -- preview and printing (ui.preview, ui.printing) --------------------------------------------------
    def _papers_available(self, available: bool) -> None:
        self.documents_page.set_available(available)
        if available and self.wizard.applicant_id:
            self.backend.call(signing.papers_facts, self.wizard.applicant_id,
                              on_done=self._live(self._facts_known), on_error=self._live(self._papers_failed))

    def _facts_known(self, facts: dict) -> None:
        self.documents_page.facts.show_facts(facts)
        self._build_papers()

    def _build_papers(self, *_: Any) -> None:
        self.documents_page.status.setText("Making the papers\u2026")
        self.backend.call(papers.papers_for_applicant, self.wizard.applicant_id, actor=self.actor,
                          signed_on=self.documents_page.facts.signed_on,
                          on_done=self._live(self._papers_built), on_error=self._live(self._papers_failed))

    def _unconfirmed_blanks(self) -> bool:
        """Printing a needed fact as a line to fill in by hand asks once more (the tick box)."""
        if not self.documents_page.facts.needs_confirmation():
            return False
        self.documents_page.status.setText("Needed facts are missing: fill them in, or tick \u201cPrint lines to "
                                           "fill in by hand for the missing facts\u201d to print them blank.")
        return True

    def _papers_built(self, result: tuple) -> None:
        _applicant, docs = result
        self.papers = docs
        self.documents_page.preview.set_documents(docs)
        self.documents_page.set_pages(list(docs))
        self.documents_page.status.setText("")
        if self.wizard.step == Step.DOCUMENTS:
            self.documents_page.print_button.setFocus()
        self._show_paper_status()

    def _papers_failed(self, exc: BaseException) -> None:
        self.documents_page.status.setText("The papers could not be made.")
        self.presenter.show_error(exc)

    @property
    def printing(self) -> Any:
        if getattr(self, "_printing", None) is None:
            from ..printing import PrintController  # lazy: Qt's print support loads with the first print

            self._printing = PrintController(self, self.backend.call, actor=lambda: self.actor,
                                             on_summary=self._live(self._printed))
        return self._printing

    def _print_papers(self) -> None:
        """Printer or copies…: Qt's print dialog, then print."""
        docs = getattr(self, "papers", None)
        if docs and self.wizard.applicant_id and not self._unconfirmed_blanks():
            self.printing.print_papers(self.wizard.applicant_id, self.wizard.reference, docs)

    def _printed(self, summary: Any) -> None:
        self.documents_page.status.setText(summary.text())
        if summary.ok:
            for r in summary.printed:
                for d in r.record if isinstance(r.record, list) else []:
                    self.paper_status.printed[d["kind"]] = int(d["copies"])
            self.paper_status.printer = summary.printer
            self.done_page.status = self.paper_status
        else:
            self.presenter.show_error(summary.text())
        self.saved.emit({"id": self.wizard.applicant_id, "reference": self.wizard.reference, "printed": summary.ok})

    def _save_papers_to_folder(self) -> None:
        docs = getattr(self, "papers", None)
        if not docs or not self.wizard.applicant_id or self._unconfirmed_blanks():
            return

        def saved(paths: list) -> None:
            folder = str(paths[0].parent) if paths else ""
            for kind in self.wizard.document_kinds():
                self.paper_status.saved[kind] = folder
            self.done_page.status = self.paper_status
            self.documents_page.status.setText(f"Saved {len(paths)} PDF files in {folder}. Nothing was marked printed.")

        self.printing.save_as_pdf(self.wizard.applicant_id, self.wizard.reference, docs,
                                  self.wizard.get("language") or "en", on_saved=self._live(saved))

    def _save_paper(self, kind: str) -> None:
        if kind == "packet" and self._unconfirmed_blanks():
            return
        ref = self.wizard.reference or "applicant"
        dialogs.ask_save_path(self, "Save the papers as PDF", f"{ref}-{kind}.pdf",
                              lambda path: self._write_paper(kind, path))

    def _write_paper(self, kind: str, path: str) -> None:
        page = self.documents_page
        page.status.setText("Making the papers\u2026")
        aid = self.wizard.applicant_id

        def done(info: Any) -> None:
            what = "Motion papers" if kind == "packet" else "Receipt"
            page.status.setText(f"{what} saved ({info.pages} pages): {info.path}")
            self.paper_status.saved[kind] = info.path
            self.done_page.status = self.paper_status
            self.saved.emit({"id": aid, "reference": self.wizard.reference, "paper": dict(vars(info))})

        def failed(exc: BaseException) -> None:
            page.status.setText("The papers were not saved.")
            self.presenter.show_error(exc)

        self.backend.call(services.save_paper, aid, kind, path, actor=self.actor,
                          signed_on=self.documents_page.facts.signed_on, on_done=self._live(done),
                          on_error=self._live(failed))
