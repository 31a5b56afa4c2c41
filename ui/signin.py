"""Attorney sign-in: pick your name and type your PIN, or add yourself (name, organization,
registration number, phone) and choose a PIN (kiosk.pins: 6-12 digits) that unlocks the laptop later."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QListWidget, QListWidgetItem, QStackedWidget, QVBoxLayout, QWidget

from kiosk import pins, services
from kiosk.errors import AuthError
from kiosk.forms.sign_in import ATTORNEY_LABELS, ORGANIZATIONS, attorney_errors

from .forms import Field, Mnemonics, Page, button, button_row, card, combo, grid, label, line_edit

VOUCH_LABEL = "PIN of an attorney already on this laptop"


class SignInPage(Page):
    signed_in = Signal(object)  # the Attorney

    def __init__(self, backend: Any, presenter: Any) -> None:
        super().__init__("Sign in", "Each attorney signs in with their own PIN. The PIN also unlocks the "
                                    "laptop when it is locked.")
        self.backend = backend
        self.presenter = presenter
        self.throttle: Any = None  # the window's ui.lock.PinThrottle: wrong PINs here count too
        self.modes = QStackedWidget()
        self.body.addWidget(self.modes)
        self.body.addStretch(1)
        self._build_pick()
        self._build_add()

    # -- pick an attorney and type the PIN ---------------------------------------------------------
    def _build_pick(self) -> None:
        m = Mnemonics("dl")
        box = card()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(20, 16, 20, 16)
        g = grid()
        self.attorney_list = QListWidget()
        self.attorney_list.setMinimumHeight(160)
        self.attorney_field = Field("attorney", "Attorney", self.attorney_list, mnemonics=m)
        self.attorney_field.place(g, 0, 0)
        self.pin = line_edit(password=True, max_length=12)
        self.pin_field = Field("pin", "PIN", self.pin, mnemonics=m, hint="4 to 12 digits")
        self.pin_field.place(g, 1, 0)
        layout.addLayout(g)
        self.new_button = button("New attorney…", mnemonics=m)
        self.sign_in_button = button("Sign in", primary=True, mnemonics=m)
        layout.addLayout(button_row([self.new_button], [self.sign_in_button]))
        wrap = QWidget()
        outer = QVBoxLayout(wrap)
        outer.setContentsMargins(0, 0, 0, 0)
        wl = QHBoxLayout()
        wl.addWidget(box, 3)
        wl.addStretch(2)
        outer.addLayout(wl)
        outer.addStretch(1)  # the card keeps its own height however tall the add form is
        self.modes.addWidget(wrap)
        self.pin.returnPressed.connect(self.sign_in)
        self.sign_in_button.clicked.connect(self.sign_in)
        self.new_button.clicked.connect(lambda: self.show_add(True))
        self.attorney_list.itemActivated.connect(lambda _i: self.pin.setFocus())

    # -- add an attorney ----------------------------------------------------------------------------
    def _build_add(self) -> None:
        m = Mnemonics("dl")
        box = card()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(label("New attorney", "h2"))
        g = grid()
        org = combo([(o, o) for o in ORGANIZATIONS], editable=True)
        widgets: dict[str, QWidget] = {
            "name": line_edit(max_length=120), "organization": org,
            "registration_number": line_edit(max_length=20), "phone": line_edit(max_length=30),
            "office_address": line_edit(max_length=200),
        }
        hints = {"registration_number": "The attorney registration number (digits), printed on the papers.",
                 "office_address": "Printed on the affirmation, e.g. 111 Livingston St, Brooklyn, NY 11201"}
        self.add_fields: dict[str, Field] = {}
        place = [("name", 0, 0), ("organization", 0, 1), ("registration_number", 1, 0), ("phone", 1, 1),
                 ("office_address", 2, 0)]
        for key, r, c in place:
            f = Field(key, ATTORNEY_LABELS[key], widgets[key], mnemonics=m, hint=hints.get(key, ""),
                      required=key == "name")
            f.place(g, r, c, 2 if key == "office_address" else 1)
            f.on_leave(self._check_add)
            self.add_fields[key] = f

        self.typed = Field("typed_signature", ATTORNEY_LABELS["typed_signature"], QCheckBox(), mnemonics=m,
                           hint="Otherwise the papers leave a line for a signature in ink after printing.")
        self.typed.place(g, 3, 0, 2)
        pin_hint = f"{pins.MIN_DIGITS} to {pins.MAX_DIGITS} digits. It unlocks this laptop; do not share it."
        self.new_pin = Field("pin", ATTORNEY_LABELS["pin"], line_edit(password=True, max_length=12), mnemonics=m,
                             hint=pin_hint, required=True)
        self.new_pin.place(g, 4, 0)
        self.new_pin_repeat = Field("pin_repeat", ATTORNEY_LABELS["pin_repeat"],
                                    line_edit(password=True, max_length=12), mnemonics=m, required=True)
        self.new_pin_repeat.place(g, 4, 1)
        for f in (self.new_pin, self.new_pin_repeat):
            f.on_leave(self._check_add)
        # once a laptop has attorneys, a new one is confirmed by the PIN of one already on it
        self.vouch_pin = Field("vouch_pin", VOUCH_LABEL, line_edit(password=True, max_length=12), mnemonics=m,
                               hint="A new attorney is added only with the PIN of an attorney already on this laptop.",
                               required=True)
        self.vouch_pin.place(g, 5, 0, 2)
        self.vouch_box = self.vouch_pin.widget.parentWidget()  # label, input, error and hint together
        g.setColumnStretch(0, 1)
        g.setColumnStretch(1, 1)
        layout.addLayout(g)
        self.back_button = button("Cancel", mnemonics=m)
        self.add_button = button("Add and sign in", primary=True, mnemonics=m)
        layout.addLayout(button_row([self.back_button], [self.add_button]))
        self.modes.addWidget(box)
        self.add_button.clicked.connect(self.add)
        self.back_button.clicked.connect(lambda: self.show_add(False))
        self.new_pin_repeat.widget.returnPressed.connect(self.add)

    # -- behaviour ----------------------------------------------------------------------------------
    def set_attorneys(self, attorneys: list[Any], *, select_id: str = "") -> None:
        self.attorney_list.clear()
        for a in attorneys:
            text = a.name + (f" \u2014 {a.organization}" if a.organization else "")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            self.attorney_list.addItem(item)
            if a.id == select_id:
                self.attorney_list.setCurrentItem(item)
        if self.attorney_list.count() and self.attorney_list.currentRow() < 0:
            self.attorney_list.setCurrentRow(0)
        self.pin.clear()
        self.pin_field.show_error(None)
        self.show_add(not attorneys)
        self.back_button.setVisible(bool(attorneys))
        self.vouch_box.setVisible(bool(attorneys))

    def show_add(self, add: bool) -> None:
        self.modes.setCurrentIndex(1 if add else 0)
        self.title.setText("Add an attorney" if add else "Sign in")
        if add:
            for f in (*self.add_fields.values(), self.new_pin, self.new_pin_repeat, self.vouch_pin):
                f.set_value("")
                f.show_error(None)
            self.add_fields["organization"].set_value("")
            self.typed.set_value(False)
            self.add_fields["name"].widget.setFocus()
        else:
            (self.pin if self.attorney_list.count() else self.attorney_list).setFocus()

    def first_input(self) -> QWidget:
        if self.modes.currentIndex() == 1:
            return self.add_fields["name"].widget
        return self.pin

    def sign_in(self) -> None:
        item = self.attorney_list.currentItem()
        if item is None:
            self.attorney_field.show_error("Choose your name from the list, or add yourself with New attorney.")
            return
        pin = self.pin.text()
        if self.throttle is not None and self.throttle.blocked():  # not even checked while the wait lasts
            self.pin.clear()
            self.pin_field.show_error(self.throttle.message())
            return
        if not pin:
            self.pin_field.show_error("PIN is required.")
            self.pin.setFocus()
            return

        aid = item.data(Qt.ItemDataRole.UserRole)
        self.sign_in_button.setEnabled(False)
        self.backend.call(services.sign_in, aid, pin, on_done=self._signed_in, on_error=self._sign_in_failed)

    def _signed_in(self, attorney: Any) -> None:
        if self.throttle is not None:
            self.throttle.succeeded()
        self.sign_in_button.setEnabled(True)
        self.add_button.setEnabled(True)
        self.pin.clear()
        for f in (self.new_pin, self.new_pin_repeat, self.vouch_pin):
            f.set_value("")
        self.signed_in.emit(attorney)

    def _sign_in_failed(self, exc: BaseException) -> None:
        message = self.presenter.message_for(exc)
        if self.throttle is not None and isinstance(exc, AuthError):
            self.throttle.failed()
            message = f"{message} {self.throttle.message()}".strip()
        self.sign_in_button.setEnabled(True)
        self.pin.clear()
        self.pin_field.show_error(message)
        self.pin.setFocus()

    def _add_raw(self) -> dict[str, Any]:
        raw = {k: f.value() for k, f in self.add_fields.items()}
        raw["typed_signature"] = self.typed.value()
        return raw

    def _check_add(self, key: str) -> None:
        errors = attorney_errors(self._add_raw(), self.new_pin.value() or None,
                                 self.new_pin_repeat.value() if self.new_pin_repeat.touched else None)
        f = self.add_fields.get(key) or {"pin": self.new_pin, "pin_repeat": self.new_pin_repeat}[key]
        f.show_error(errors.get(key))

    def add(self) -> None:
        errors = attorney_errors(self._add_raw(), self.new_pin.value(), self.new_pin_repeat.value())
        all_fields = {**self.add_fields, "pin": self.new_pin, "pin_repeat": self.new_pin_repeat}
        for key, f in all_fields.items():
            f.touched = True
            f.show_error(errors.get(key))
        if errors:
            next(all_fields[k] for k in all_fields if k in errors).widget.setFocus()
            return

        vouching = self.vouch_pin.widget.isVisibleTo(self)
        if vouching and not self.vouch_pin.value():
            self.vouch_pin.touched = True
            self.vouch_pin.show_error(f"{VOUCH_LABEL} is required.")
            self.vouch_pin.widget.setFocus()
            return
        if vouching and self.throttle is not None and self.throttle.blocked():
            self.vouch_pin.set_value("")
            self.vouch_pin.show_error(self.throttle.message())
            return
        self.add_button.setEnabled(False)
        self.backend.call(services.register_attorney, self._add_raw(), self.new_pin.value(),
                          self.vouch_pin.value() if vouching else "",
                          on_done=self._signed_in, on_error=self._add_failed)

    def _add_failed(self, exc: BaseException) -> None:
        self.add_button.setEnabled(True)
        if isinstance(exc, AuthError):  # a wrong confirming PIN counts against the same wait as sign-in
            message = self.presenter.message_for(exc)
            if self.throttle is not None:
                self.throttle.failed()
                message = f"{message} {self.throttle.message()}".strip()
            self.vouch_pin.set_value("")
            self.vouch_pin.show_error(message)
            self.vouch_pin.widget.setFocus()
            return
        self.presenter.show_error(exc)
