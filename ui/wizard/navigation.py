"""The wizard view's moving between steps: Next (or the problems that block it, each shown and the
first focused), Back, and the step list's jump back to a completed step.

A mixin of `WizardView` (ui/wizard/view.py), kept apart so the view stays about the flow."""

from __future__ import annotations

from typing import Any

from kiosk.wizard import Step

from .convictions_page import ConvictionsPage


class NavigationMixin:
    """Methods `WizardView` gains; every move is saved by the view's `_autosave`."""

    wizard: Any
    dets: Any
    reveal: bool
    paper_status: Any
    finish_unprinted: bool
    result_page: Any
    current_page: Any
    _refresh_nav: Any
    _show_step: Any
    _autosave: Any
    _ask_finish_unprinted: Any
    _show_conviction_errors: Any

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
