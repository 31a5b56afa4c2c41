"""The wizard view: renders `kiosk.wizard.Wizard` (pages, step list, Back/Next) and saves through
`kiosk.services` on the database thread at every step change.

The core decides everything about the flow; this class only turns clicks and keystrokes into
calls on the Wizard, shows the core's sentences next to the fields, and keeps the window
responsive while the database thread works."""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.wizard import ORDER, STEP_FIELDS, TITLES, Step, Transition, Wizard, is_blank_conviction

from ..caselist_dialog import install_lookup
from ..forms import button, label
from .pages import DATE_KEYS, ConsentPage, ConvictionsPage, IdentityPage, ScreeningPage, StepPage
from .papers_step import DonePage, PapersPage, PaperStatus
from .print_first import PrintFirstMixin
from .result_step import ResultPage
from .step_list import StepList

VISIBLE_STEPS = [s for s in ORDER if s != Step.DONE]
PAGE_CLASSES = (ConsentPage, IdentityPage, ScreeningPage, ConvictionsPage, ResultPage, PapersPage, DonePage)


class SaveChannel:
    """Shared with the database thread, which writes `applicant_id` when the first save creates
    the record, so a second step change queued before the first answer updates the same record."""

    def __init__(self, applicant_id: str = "") -> None:
        self.applicant_id = applicant_id


class WizardView(PrintFirstMixin, QWidget):
    closed = Signal()  # the user left the wizard (the record is saved)
    next_applicant_requested = Signal()
    saved = Signal(dict)  # each autosave's answer (tests and the status line listen)
    step_shown = Signal(str)

    def __init__(self, wizard: Wizard, backend: Any, presenter: Any, *, actor: str = "",
                 applicant: Any = None, determinations: list[Any] | None = None, note: str = "") -> None:
        super().__init__()
        self.setObjectName("page")
        self.wizard = wizard
        self.backend = backend
        self.presenter = presenter
        self.actor = actor
        self.channel = SaveChannel(wizard.applicant_id)
        self.applicant = applicant
        self.dets = determinations
        self.note = note
        self.reveal = False  # after a blocked Next, every problem on the page is shown
        self.paper_status = PaperStatus()  # what was printed or saved on this visit (Done says it)
        self.finish_unprinted = False  # the attorney said once: finish without printing
        self.finish_prompt: Any = None  # the FinishPrompt while it is open
        self._closing = False
        self.discarded = False  # set when the window drops this view: late answers are ignored
        self._build()
        install_lookup(self)  # "Find in the DA's list" (ui/caselist_dialog.py)
        self.result_page.note.setPlainText(note)
        if applicant is not None and determinations is not None:
            self.result_page.render(applicant, determinations)
        self._show_step()

    # -- layout ------------------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.steps = StepList(VISIBLE_STEPS, TITLES)
        self.steps.jump_requested.connect(self.go_back_to)
        outer.addWidget(self.steps)

        main = QVBoxLayout()
        main.setContentsMargins(0, 0, 0, 0)
        main.setSpacing(0)
        top = QHBoxLayout()
        top.setContentsMargins(28, 14, 28, 4)
        self.title = label("", "h1")
        self.title_english = label("", "small")  # under a translated title, for the attorney
        heading = QVBoxLayout()
        heading.setSpacing(0)
        heading.addWidget(self.title)
        heading.addWidget(self.title_english)
        top.addLayout(heading, 1)
        status = QVBoxLayout()
        self.reference_label = label("", "h2", wrap=False)
        self.reference_label.setAccessibleName("Applicant reference")
        self.save_status = label("Not saved yet", "small", wrap=False)
        self.save_status.setAccessibleName("Save status")
        status.addWidget(self.reference_label, 0, Qt.AlignmentFlag.AlignRight)
        status.addWidget(self.save_status, 0, Qt.AlignmentFlag.AlignRight)
        top.addLayout(status)
        main.addLayout(top)

        self.stack = QStackedWidget()
        self.pages: dict[Step, StepPage] = {}
        for cls in PAGE_CLASSES:
            page = cls()
            self.pages[page.step] = page
            self.stack.addWidget(page)
        main.addWidget(self.stack, 1)

        nav = QFrame()
        nav.setObjectName("navBar")
        nl = QVBoxLayout(nav)
        nl.setContentsMargins(28, 8, 28, 10)
        self.blockers = label("", "blockers")
        self.blockers.setAccessibleName("What is missing")
        nl.addWidget(self.blockers)
        row = QHBoxLayout()
        self.close_button = button("Save and &close")
        self.back_button = button("&Back")
        self.next_button = button("&Next", primary=True)
        self.next_button.setMinimumWidth(140)
        row.addWidget(self.close_button)
        row.addStretch(1)
        row.addWidget(self.back_button)
        row.addWidget(self.next_button)
        nl.addLayout(row)
        self.nav = nav
        main.addWidget(nav)
        outer.addLayout(main, 1)

        self.next_button.clicked.connect(self.go_next)
        self.back_button.clicked.connect(self.go_back)
        self.close_button.clicked.connect(self.save_and_close)
        self._bind()

    @property
    def convictions_page(self) -> ConvictionsPage:
        return self.pages[Step.CONVICTIONS]  # type: ignore[return-value]

    @property
    def result_page(self) -> ResultPage:
        return self.pages[Step.RESULT]  # type: ignore[return-value]

    @property
    def documents_page(self) -> PapersPage:
        return self.pages[Step.DOCUMENTS]  # type: ignore[return-value]

    @property
    def done_page(self) -> DonePage:
        return self.pages[Step.DONE]  # type: ignore[return-value]

    def _bind(self) -> None:
        for step in (Step.LANGUAGE_CONSENT, Step.IDENTITY, Step.SCREENING):
            for key in STEP_FIELDS[step]:
                f = self.pages[step].fields[key]
                f.on_change(self._changed).on_leave(self._left)
        cp = self.convictions_page
        for key in cp.editor_keys():
            cp.fields[key].on_change(self._conviction_changed).on_leave(self._conviction_left)
        cp.selected.connect(self._conviction_selected)
        cp.add_requested.connect(self._add_conviction)
        cp.remove_requested.connect(self._remove_conviction)
        self.result_page.override_requested.connect(self._override)
        self.documents_page.save_requested.connect(self._save_paper)
        self.documents_page.print_requested.connect(self._print_now)
        self.documents_page.printer_requested.connect(self._print_papers)
        self.documents_page.save_all_requested.connect(self._save_papers_to_folder)
        self.documents_page.facts.signed_on_changed.connect(self._build_papers)
        self.done_page.next_applicant.connect(self.next_applicant_requested)
        self.done_page.dashboard.connect(self.closed)
        consent = self.pages[Step.LANGUAGE_CONSENT]
        consent.applicant_text.language_changed.connect(lambda _code: self._show_title())  # type: ignore[attr-defined]

    # -- showing a step ------------------------------------------------------------------------------
    def current_page(self) -> StepPage:
        return self.pages[self.wizard.step]

    def _show_step(self) -> None:
        w = self.wizard
        page = self.pages[w.step]
        self.reveal = False
        page.load(w)
        for f in page.fields.values():
            f.touched = False
            f.show_error(None)
        self.stack.setCurrentWidget(page)
        self._show_title()
        done = set(ORDER[:ORDER.index(w.step)]) if w.step == Step.DONE else set(w.stack)
        self.steps.show_state(w.step, done, clickable=w.step != Step.DONE)
        if w.step == Step.RESULT:
            self.result_page.show_waiting(w.outcomes is None)
        if w.step == Step.DOCUMENTS:
            self._check_papers()
        self.follow_qt_language()
        self.nav.setVisible(w.step != Step.DONE)
        self._refresh_nav()
        self._update_reference()
        if page.scroll is not None:
            page.scroll.verticalScrollBar().setValue(0)
        target = page.first_input()
        if target is not None:
            target.setFocus()
        self.step_shown.emit(str(w.step))

    def follow_qt_language(self) -> None:
        """Qt's own texts speak the applicant's language on the steps the applicant reads."""
        from .. import i18n

        on_applicant_step = str(self.wizard.step) in i18n.APPLICANT_STEPS
        i18n.use_qt_language(self.wizard.get("language") or "en" if on_applicant_step else "en")

    def _refresh_nav(self) -> None:
        w = self.wizard
        problems = w.blockers()
        self.next_button.setEnabled(w.can_advance())
        self.back_button.setEnabled(w.can_go_back())
        self.next_button.setText("Fi&nish" if w.step == Step.DOCUMENTS else "&Next")  # Alt+N always moves on
        self.next_button.setAccessibleName("Finish" if w.step == Step.DOCUMENTS else "Next")
        shown = problems[:3] if (self.reveal or w.step in (Step.LANGUAGE_CONSENT, Step.RESULT)) else problems[:1]
        if w.step == Step.CONVICTIONS and not self.reveal and problems:
            shown = problems[:1]
        text = ""
        if shown:
            more = len(problems) - len(shown)
            text = "To continue: " + " ".join(shown) + (f" (and {more} more)" if more > 0 else "")
        self.blockers.setText(text)
        self.blockers.setVisible(bool(text))
        self.next_button.setAccessibleDescription(text)

    def _update_reference(self) -> None:
        ref = self.wizard.reference
        self.reference_label.setText(f"Reference {ref}" if ref else "New applicant")

    # -- editing ----------------------------------------------------------------------------------
    def _changed(self, key: str, value: Any) -> None:
        self.wizard.set(key, value)
        f = self.current_page().fields.get(key)
        if f is not None and (f.touched or self.reveal):
            f.show_error(self.wizard.errors.get(key))
        self._refresh_nav()

    def _left(self, key: str) -> None:
        f = self.current_page().fields.get(key)
        if f is not None and key in DATE_KEYS:
            self._show_iso_date(f, lambda value: self.wizard.set(key, value))
        if f is not None:
            f.show_error(self.wizard.errors.get(key))

    def _conviction_changed(self, key: str, value: Any) -> None:
        cp = self.convictions_page
        i = cp.current
        self.wizard.set_conviction(i, key, value)
        conv = self.wizard.draft["convictions"][i]
        if key == "docket":  # the core may set the county and court from the docket number
            for dep in ("county", "court"):
                if cp.fields[dep].value() != conv.get(dep):
                    cp.fields[dep].set_value(conv.get(dep))
        cp.refresh_list(self.wizard.draft["convictions"])
        self._show_conviction_errors(only_touched=True)
        self._refresh_nav()

    def _conviction_left(self, key: str) -> None:
        cp = self.convictions_page
        if key in DATE_KEYS:
            self._show_iso_date(cp.fields[key], lambda value: self.wizard.set_conviction(cp.current, key, value))
            cp.refresh_list(self.wizard.draft["convictions"])
        self._show_conviction_errors(only_touched=True)

    def _show_conviction_errors(self, *, only_touched: bool) -> None:
        cp = self.convictions_page
        errors = self.wizard.errors
        prefix = f"convictions[{cp.current}]."
        for key in cp.editor_keys():
            f = cp.fields[key]
            if only_touched and not (f.touched or self.reveal):
                continue
            f.show_error(errors.get(prefix + key))

    def _conviction_selected(self, index: int) -> None:
        cp = self.convictions_page
        cp.load_editor(self.wizard.draft["convictions"][index])
        filled = not is_blank_conviction(self.wizard.draft["convictions"][index])
        for key in cp.editor_keys():
            cp.fields[key].touched = filled
        self._show_conviction_errors(only_touched=True)
        self._refresh_nav()

    def _add_conviction(self) -> None:
        cp = self.convictions_page
        cp.current = self.wizard.add_conviction()
        cp.refresh_list(self.wizard.draft["convictions"])
        cp.load_editor(self.wizard.draft["convictions"][cp.current])
        for key in cp.editor_keys():
            cp.fields[key].touched = False
            cp.fields[key].show_error(None)
        self.reveal = False
        self._refresh_nav()
        cp.fields["docket"].widget.setFocus()

    def _remove_conviction(self, index: int) -> None:
        cp = self.convictions_page
        self.wizard.remove_conviction(index)
        cp.current = max(0, min(index, len(self.wizard.draft["convictions"]) - 1))
        cp.load(self.wizard)
        self._show_conviction_errors(only_touched=True)
        self._refresh_nav()
        cp.list.setFocus()

    # -- moving ------------------------------------------------------------------------------------
    def go_next(self) -> None:
        w = self.wizard
        if not w.can_advance():
            self._reveal_problems()
            return
        if w.step == Step.DOCUMENTS and not self.paper_status.any_printed() and not self.finish_unprinted:
            self._ask_finish_unprinted()
            return
        transition = w.advance()
        if transition.source == Step.CONVICTIONS:
            self.dets = None
            self.result_page.show_waiting(True)
        self._show_step()
        self._autosave(transition)

    def go_back_to(self, step: str) -> None:
        """The step list: return to a completed step (values kept, as Back would)."""
        if not self.wizard.can_jump_back(Step(step)):
            return
        transition = self.wizard.back_to(Step(step))
        self._show_step()
        self._autosave(transition)

    def go_back(self) -> None:
        if not self.wizard.can_go_back():
            return
        transition = self.wizard.back()
        self._show_step()
        self._autosave(transition)

    def _reveal_problems(self) -> None:
        """Next was asked for on an incomplete step: show every problem and focus the first."""
        self.reveal = True
        page = self.current_page()
        errors = self.wizard.errors
        first = None
        if isinstance(page, ConvictionsPage):
            bad = sorted({int(k[len("convictions["):k.index("]")]) for k in errors})
            if bad and page.current not in bad:
                page.current = bad[0]
                page.refresh_list(self.wizard.draft["convictions"])
                page.load_editor(self.wizard.draft["convictions"][page.current])
            self._show_conviction_errors(only_touched=False)
            prefix = f"convictions[{page.current}]."
            first = next((page.fields[k].widget for k in page.editor_keys() if prefix + k in errors), None)
        else:
            for key, f in page.fields.items():
                f.show_error(errors.get(key))
                if first is None and key in errors:
                    first = f.widget
        self._refresh_nav()
        if first is not None:
            first.setFocus()
        elif self.wizard.step == Step.LANGUAGE_CONSENT:
            page.fields["consent_to_share"].widget.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        """Enter moves on (a focused button is pressed instead; a text box keeps its new line)."""
        plain_key = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain_key:
            focus = self.focusWidget()
            if isinstance(focus, QAbstractButton):
                focus.click()
            elif not isinstance(focus, QPlainTextEdit) and self.wizard.step != Step.DONE:
                self.go_next()
            event.accept()
            return
        super().keyPressEvent(event)

    # -- saving --------------------------------------------------------------------------------------
    def _live(self, fn: Any) -> Any:
        """A callback that does nothing once this view was dropped (its widgets may be gone)."""
        def call(value: Any) -> None:
            if not self.discarded:
                fn(value)

        return call

    def _autosave(self, transition: Transition, *, keep_open: bool = True, on_saved: Any = None) -> None:
        from kiosk import services

        w = self.wizard
        if transition.save == "finish":
            keep_open = False
        draft = copy.deepcopy(w.draft)
        step = str(w.step)
        evaluate = transition.save == "evaluate"
        note = self.result_page.note.toPlainText() if transition.source == Step.RESULT or self._closing else None
        channel, actor = self.channel, self.actor

        def job(db: Any) -> services.SavedStep:
            result = services.autosave_wizard(db, draft, step, applicant_id=channel.applicant_id,
                                              evaluate=evaluate, note=note, keep_open=keep_open, actor=actor)
            channel.applicant_id = result.id
            return result

        self.save_status.setText("Saving\u2026")

        def done(result: services.SavedStep) -> None:
            self._saved(result, evaluate)
            if on_saved is not None:
                on_saved(result)

        self.backend.call(job, on_done=self._live(done), on_error=self._live(lambda e: self._save_failed(e, evaluate)))

    def _saved(self, result: Any, evaluated: bool) -> None:
        w = self.wizard
        w.applicant_id = result.id
        w.reference = result.reference
        self._update_reference()
        self.save_status.setText(f"Saved at {datetime.now().strftime('%H:%M')}")
        if evaluated and result.determinations is not None and w.step in (Step.RESULT, Step.DOCUMENTS):
            # (if the attorney went back meanwhile, the next Next evaluates the record again)
            self._set_result(result.applicant, result.determinations)
        if w.step == Step.DONE:
            self.done_page.load(w)
        self.saved.emit(dict(vars(result)))  # the same dict shape as every other save

    def _save_failed(self, exc: BaseException, evaluated: bool) -> None:
        self.save_status.setText("Not saved")
        self.presenter.show_error(exc)
        if evaluated:
            self.wizard.evaluation_failed()
            self._show_step()

    def _set_result(self, applicant: Any, dets: list[Any]) -> None:
        self.applicant, self.dets = applicant, dets
        self.wizard.set_results([d.standing_outcome for d in dets], [c.id for c in applicant.convictions])
        self.result_page.render(applicant, dets)
        if self.wizard.step in (Step.RESULT, Step.DOCUMENTS):
            self.current_page().load(self.wizard)
            self._refresh_nav()

    def flush(self, *, keep_open: bool, on_saved: Any = None) -> bool:
        """Save the current step's values now (lock, close). Returns False when there is no record
        to save into yet and nothing worth saving (the applicant never left the first step)."""
        if not self.wizard.applicant_id and not self.wizard.stack:
            return False
        self._closing = True
        self._autosave(Transition(self.wizard.step, self.wizard.step, "draft"), keep_open=keep_open,
                       on_saved=on_saved)
        self._closing = False
        return True

    def save_and_close(self) -> None:
        if not self.flush(keep_open=False, on_saved=lambda _r: self.closed.emit()):
            self.closed.emit()

    # -- result step -------------------------------------------------------------------------------
    def _override(self, index: int, outcome: str, reason: str) -> None:
        from kiosk import services

        page = self.result_page
        reason_field = page.fields["override.reason"]
        if self.applicant is None or not (0 <= index < len(self.applicant.convictions)):
            return
        if outcome and len(" ".join(reason.split())) < 10:
            reason_field.show_error("Reason for override is required: write why (at least 10 characters).")
            reason_field.widget.setFocus()
            return
        reason_field.show_error(None)
        cid = self.applicant.convictions[index].id
        aid = self.wizard.applicant_id
        page.apply_button.setEnabled(False)

        def done(result: tuple) -> None:
            page.apply_button.setEnabled(True)
            applicant, dets = result
            reason_field.set_value("")
            self._set_result(applicant, dets)
            self.saved.emit({"id": aid, "reference": self.wizard.reference, "override": outcome})

        def failed(exc: BaseException) -> None:
            page.apply_button.setEnabled(True)
            from kiosk.errors import InputError

            if isinstance(exc, InputError) and exc.field == "override_reason":
                reason_field.show_error(f"Reason for override {exc.message}.")
            else:
                self.presenter.show_error(exc)

        self.backend.call(services.override_and_reload, aid, cid, outcome, reason, actor=self.actor,
                          on_done=self._live(done), on_error=self._live(failed))

    # -- documents step ----------------------------------------------------------------------------------
    def _check_papers(self) -> None:
        from kiosk import papers, services

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
            from kiosk import signing

            self.backend.call(signing.papers_facts, self.wizard.applicant_id,
                              on_done=self._live(self._facts_known), on_error=self._live(self._papers_failed))

    def _facts_known(self, facts: dict) -> None:
        self.documents_page.facts.show_facts(facts)
        self._build_papers()

    def _build_papers(self, *_: Any) -> None:
        from kiosk import papers

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
            from ..printing import PrintController

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
        from .. import dialogs

        if kind == "packet" and self._unconfirmed_blanks():
            return
        ref = self.wizard.reference or "applicant"
        dialogs.ask_save_path(self, "Save the papers as PDF", f"{ref}-{kind}.pdf",
                              lambda path: self._write_paper(kind, path))

    def _write_paper(self, kind: str, path: str) -> None:
        from kiosk import services

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
