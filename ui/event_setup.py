"""First-run event set-up (and later edits from the dashboard's Event settings).

The event's first day is the date the rules are applied as of, so a 2018 event evaluates under
the 2018 program. The DA office's public key may be left for later: only the export needs it."""

from __future__ import annotations

import socket
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk import services
from kiosk.errors import AuthError, InputError
from kiosk.forms.event_setup import COUNTIES, EVENT_LABELS, event_errors

from .forms import (
    DATE_HINT,
    DATE_PLACEHOLDER,
    Field,
    Mnemonics,
    Page,
    button,
    button_row,
    combo,
    grid,
    label,
    line_edit,
)

HINTS = {
    "starts_on": f"{DATE_HINT} The rules are applied as of this day.",
    "ends_on": f"{DATE_HINT} Leave blank for a one-day event.",
    "laptop_name": "A short name to tell the laptops apart in the office's report, e.g. Table 3.",
    "office_recipient": "Optional: can be set later. The export to the DA's office needs it (it starts with age1).",
    "part": "Optional: printed on the notice of motion; blank leaves a line to fill in.",
    "return_date": f"Optional. {DATE_HINT} The court date printed on the notice of motion.",
}


class SetupPage(Page):
    """Fields, Save (validated by the core), and in edit mode a Cancel."""

    saved = Signal(object)  # the Event
    cancelled = Signal()

    def __init__(self, backend: Any, presenter: Any) -> None:
        super().__init__("Set up the event",
                         "This laptop needs to know which event it serves. Ask the event lead if unsure.")
        self.backend = backend
        self.presenter = presenter
        self.event_id = ""
        m = Mnemonics("dl")
        g = grid()
        self.fields: dict[str, Field] = {}
        county = combo(COUNTIES)
        widgets = {
            "name": line_edit(), "starts_on": line_edit(DATE_PLACEHOLDER, max_length=10),
            "ends_on": line_edit(DATE_PLACEHOLDER, max_length=10), "venue": line_edit(), "address": line_edit(),
            "county": county, "laptop_name": line_edit(), "office_recipient": line_edit("age1…"),
            "part": line_edit(), "return_date": line_edit(DATE_PLACEHOLDER, max_length=10),
        }
        layout = [("name", 0, 0, 2), ("starts_on", 1, 0, 1), ("ends_on", 1, 1, 1), ("venue", 2, 0, 1),
                  ("address", 2, 1, 1), ("county", 3, 0, 1), ("laptop_name", 3, 1, 1),
                  ("office_recipient", 4, 0, 2), ("part", 5, 0, 1), ("return_date", 5, 1, 1)]
        for key, row, col, span in layout:
            f = Field(key, EVENT_LABELS[key], widgets[key], mnemonics=m, hint=HINTS.get(key, ""),
                      required=key in ("name", "starts_on"))
            f.on_leave(self._check)
            f.on_change(lambda k, _v: self._check(k) if self.fields[k].touched else None)
            f.place(g, row, col, span)
            self.fields[key] = f
        g.setColumnStretch(0, 1)
        g.setColumnStretch(1, 1)
        self.body.addLayout(g)
        # changing the DA office key once set needs the event passphrase (docs/storage-encryption.md)
        pg = grid()
        self.passphrase = line_edit()
        self.passphrase.setEchoMode(self.passphrase.EchoMode.Password)
        self.passphrase_field = Field("passphrase", "Event passphrase", self.passphrase, mnemonics=m,
                                      hint="Only to change the DA office key: exports go to the key set here.")
        self.passphrase_field.place(pg, 0, 0)
        self.body.addLayout(pg)
        self.privacy = label("The event details are printed on the papers and the export; they hold no "
                             "applicant's data.", "hint")
        self.body.addWidget(self.privacy)
        self.cancel_button = button("Cancel", mnemonics=m)
        self.save_button = button("Save event", primary=True, mnemonics=m)
        self.body.addLayout(button_row(right=[self.cancel_button, self.save_button]))
        self.body.addStretch(1)
        self.cancel_button.clicked.connect(self.cancelled)
        self.save_button.clicked.connect(self.save)
        for f in self.fields.values():
            w = f.widget
            if hasattr(w, "returnPressed"):
                w.returnPressed.connect(self.save)
        self.load(None)

    def load(self, event: Any, *, default_laptop: str | None = None) -> None:
        """Empty form for first run (laptop name suggested), or the current event to edit."""
        self.event_id = event.id if event else ""
        self.cancel_button.setVisible(event is not None)
        self.passphrase.clear()
        self.passphrase_field.show_error(None)
        self.passphrase.parentWidget().setVisible(bool(event is not None and event.office_recipient))
        self.title.setText("Event settings" if event else "Set up the event")
        values: dict[str, Any] = {k: "" for k in EVENT_LABELS}
        values["county"] = "kings"
        if event is not None:
            values.update({
                "name": event.name, "starts_on": event.starts_on.isoformat(), "ends_on": event.ends_on.isoformat(),
                "venue": event.venue, "address": event.address, "county": event.county,
                "laptop_name": event.laptop_name, "office_recipient": event.office_recipient,
                "part": event.part, "return_date": event.return_date.isoformat() if event.return_date else "",
            })
        else:
            values["laptop_name"] = default_laptop if default_laptop is not None else socket.gethostname()[:60]
        for key, f in self.fields.items():
            f.set_value(values[key])
            f.touched = False
            f.show_error(None)

    def raw(self) -> dict[str, Any]:
        raw = {k: f.value() for k, f in self.fields.items()}
        if self.event_id:
            raw["id"] = self.event_id
        return raw

    def _check(self, key: str) -> None:
        self.fields[key].show_error(event_errors(self.raw()).get(key))

    def save(self) -> None:
        errors = event_errors(self.raw())
        for key, f in self.fields.items():
            f.touched = True
            f.show_error(errors.get(key))
        if errors:
            first = next(k for k in self.fields if k in errors)
            self.fields[first].widget.setFocus()
            return

        self.save_button.setEnabled(False)
        self.backend.call(services.setup_event, self.raw(), passphrase=self.passphrase.text() or None,
                          on_done=self._saved, on_error=self._failed)
        self.passphrase.clear()

    def _saved(self, event: Any) -> None:
        self.save_button.setEnabled(True)
        self.saved.emit(event)

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, AuthError) and "passphrase" in str(exc):
            self.passphrase_field.show_error("Changing the DA office key needs the right event passphrase; "
                                             "nothing was changed.")
            self.passphrase.setFocus()
            return
        if isinstance(exc, InputError) and exc.field.startswith("event."):
            key = exc.field.split(".", 1)[1]
            if key in self.fields:
                self.fields[key].show_error(self.presenter.message_for(exc))
                return
        self.presenter.show_error(exc)

    def first_input(self) -> QWidget:
        return self.fields["name"].widget
