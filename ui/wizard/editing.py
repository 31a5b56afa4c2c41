"""The wizard view's editing: a field typed or left, the convictions list (select, add, remove) with
each conviction's problems shown as the core reports them, and the result step's override.

A mixin of `WizardView` (ui/wizard/view.py), kept apart so the view stays about the flow."""

from __future__ import annotations

from typing import Any

from kiosk import services
from kiosk.errors import InputError
from kiosk.wizard import is_blank_conviction

from .pages import DATE_KEYS


class EditingMixin:
    """Methods `WizardView` gains; they use its wizard, pages and database thread."""

    wizard: Any
    backend: Any
    presenter: Any
    actor: str
    applicant: Any
    reveal: bool
    saved: Any
    convictions_page: Any
    result_page: Any
    current_page: Any
    _refresh_nav: Any
    _show_iso_date: Any
    _set_result: Any
    _live: Any

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

    def _override(self, index: int, outcome: str, reason: str) -> None:
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
            if isinstance(exc, InputError) and exc.field == "override_reason":
                reason_field.show_error(f"Reason for override {exc.message}.")
            else:
                self.presenter.show_error(exc)

        self.backend.call(services.override_and_reload, aid, cid, outcome, reason, actor=self.actor,
                          on_done=self._live(done), on_error=self._live(failed))
