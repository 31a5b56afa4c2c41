"""The wizard view: renders `kiosk.wizard.Wizard` (pages, step list, Back/Next) and saves through
`kiosk.services` on the database thread at every step change.

The core decides everything about the flow; this class only turns clicks and keystrokes into
calls on the Wizard, shows the core's sentences next to the fields, and keeps the window
responsive while the database thread works. Its parts live beside it as mixins: editing
(editing.py), moving between steps (navigation.py), the papers step (papers_actions.py) and
printing first (print_first.py)."""

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

from kiosk import services
from kiosk.wizard import ORDER, STEP_FIELDS, TITLES, Step, Transition, Wizard

from .. import i18n
from ..caselist_dialog import install_lookup
from ..forms import button, label
from .convictions_page import ConvictionsPage
from .editing import EditingMixin
from .navigation import NavigationMixin
from .pages import ConsentPage, IdentityPage, ScreeningPage, StepPage
from .papers_actions import PapersActionsMixin
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


class WizardView(EditingMixin, NavigationMixin, PapersActionsMixin, PrintFirstMixin, QWidget):
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
