"""The main window's attorney session: sign-in, the offer to resume an applicant left open after a
crash, opening and closing the applicant wizard, Lock now, the idle lock and switching attorney.

A mixin of `MainWindow` (ui/main_window.py), kept apart so the window stays about its pages."""

from __future__ import annotations

from typing import Any


class SessionMixin:
    """Methods `MainWindow` gains; nothing typed for an applicant outlives the wizard's widgets."""

    backend: Any
    event: Any
    attorney: Any
    wizard_view: Any
    _wizard_opened: bool
    resume_prompt: Any
    locked_from: Any
    stack: Any
    messages: Any
    idle: Any
    window_guard: Any
    _page: Any
    show_page: Any
    current_page_name: Any
    _update_header: Any
    _attorneys_listed: Any

    def _signed_in(self, attorney: Any) -> None:
        self.attorney = attorney
        self.idle.start()
        self.messages.clear()
        self._update_header()
        self.show_page("dashboard")
        from kiosk import services  # lazy: services load on the database thread, after the first window

        self.backend.call(services.unfinished_applicant, on_done=self._offer_resume)

    def _offer_resume(self, row: Any) -> None:
        """After a crash: which applicant was open, and may we resume it? Ask; never assume."""
        if not row:
            return
        from datetime import datetime  # lazy: datetime (~2 ms) is not needed for the first window

        from kiosk.wizard import TITLES, Step  # lazy: the wizard loads after the first window

        from .dialogs import ResumePrompt  # lazy: dialogs load after the first window

        step = row.wizard_step
        title = TITLES[Step(step)] if step in set(Step) else "the first step"
        name = " ".join(p for p in (row.first_name, row.last_name) if p)
        stamp = row.updated_at
        saved = datetime.fromisoformat(stamp).astimezone().strftime("%H:%M") if stamp else ""
        aid = row.id
        self.resume_prompt = ResumePrompt(self, row.reference, name, title, saved,
                                          on_resume=lambda: self._prompt_answered(aid, True),
                                          on_decline=lambda: self._prompt_answered(aid, False))
        self.resume_prompt.open()

    def _prompt_answered(self, applicant_id: str, resume: bool) -> None:
        self.resume_prompt = None
        if resume:
            self.resume(applicant_id)
        else:
            from kiosk import services  # lazy: services load on the database thread, after the first window

            self.backend.call(services.close_applicant)
            self._page("dashboard").refresh()

    def lock(self) -> None:
        """Cover everything; the open applicant is saved first and stays open for after unlock."""
        if self.attorney is None or self.current_page_name() in ("lock", "signin", "setup", "loading"):
            return
        self.locked_from = self.stack.currentWidget()
        if self.wizard_view is not None and self.locked_from is self.wizard_view:
            self.wizard_view.flush(keep_open=True)
        self.messages.clear()
        self._page("lock").set_attorney(self.attorney)
        self._page("dashboard").clear()
        self.show_page("lock")
        self.window_guard.conceal()

    def _unlocked(self, attorney: Any) -> None:
        self.attorney = attorney
        self.window_guard.reveal()
        self.idle.start()
        back = self.locked_from
        self.locked_from = None
        if back is not None and back is self.wizard_view:
            self.show_page("wizard")
        else:
            self.show_page("dashboard")

    def _switch_attorney(self) -> None:
        from kiosk import services  # lazy: services load on the database thread, after the first window

        self._discard_wizard(keep_open=False)
        self.window_guard.discard()
        self.idle.stop()
        self.attorney = None
        self.locked_from = None
        self._update_header()
        self.backend.call(services.list_attorneys, on_done=self._attorneys_listed)

    def _idle_timeout(self) -> None:
        """No input for the idle-lock minutes: lock (the open applicant is saved first)."""
        if self.attorney is None or self.current_page_name() in ("lock", "signin", "setup", "loading"):
            return
        from kiosk import services  # lazy: services load on the database thread, after the first window

        self.backend.call(services.lock_session, reason="idle", actor=self.attorney.id)
        self.lock()

    # -- applicants --------------------------------------------------------------------------------
    def new_applicant(self) -> None:
        from kiosk.wizard import Wizard  # lazy: the wizard loads after the first window

        county = self.event.county if self.event else "kings"
        self._open_wizard(Wizard.start(county=county))

    def resume(self, applicant_id: str) -> None:
        from kiosk import services  # lazy: services load on the database thread, after the first window

        self.backend.call(services.resume_applicant, applicant_id, on_done=self._resumed)

    def _resumed(self, info: Any) -> None:
        from kiosk.wizard import Wizard, draft_from_applicant  # lazy: the wizard loads after the first window

        draft = info.draft or draft_from_applicant(info.applicant)
        if not info.draft.get("convictions") and info.applicant.convictions:
            draft = draft_from_applicant(info.applicant)
        dets = info.determinations
        outcomes = [d.standing_outcome for d in dets] if dets else None
        wizard = Wizard.resume(draft, info.step, outcomes=outcomes, applicant_id=info.id,
                               reference=info.reference)
        self._open_wizard(wizard, applicant=info.applicant if dets else None, determinations=dets,
                          note=info.note)

    def _open_wizard(self, wizard: Any, **kw: Any) -> None:
        from .wizard.view import WizardView  # lazy: the wizard view loads when first opened

        self._discard_wizard(keep_open=False, save=False)
        actor = self.attorney.id if self.attorney else ""
        view = WizardView(wizard, self.backend, self.messages, actor=actor, **kw)
        view.closed.connect(self._wizard_closed)
        view.next_applicant_requested.connect(self.new_applicant)
        self.wizard_view = view
        self._wizard_opened = True
        self.stack.addWidget(view)
        self.messages.clear()
        self.show_page("wizard")

    def _wizard_closed(self) -> None:
        self._discard_wizard(keep_open=False, save=False)
        self.show_page("dashboard")

    def _discard_wizard(self, *, keep_open: bool, save: bool = True) -> None:
        """Remove the wizard's widgets (and so every value typed) from the window."""
        view = self.wizard_view
        if view is None:
            return
        if save:
            view.flush(keep_open=keep_open)
        view.discarded = True
        self.wizard_view = None
        self.stack.removeWidget(view)
        view.hide()
        view.setParent(None)  # out of the window's tree at once, not only when Qt gets round to it
        view.deleteLater()
