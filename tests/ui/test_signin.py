"""ui.signin: picking an attorney and typing the PIN (a wrong PIN said next to the PIN field, too
many wrong ones waited out), and adding an attorney."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kiosk.models import Attorney
from tests.ui.drive import ATTORNEY, PIN
from tests.ui.walk_support import FakeClock
from ui.errors import MessageBar
from ui.lock import PinThrottle
from ui.signin import VOUCH_LABEL, SignInPage


def test_sign_in_refuses_a_wrong_pin_and_says_so_next_to_the_pin(open_window, tmp_path):
    d = open_window()
    d.add_attorney()
    d.window.close()
    d2 = open_window(d.db_path)
    d2.wait_page("signin")
    assert d2.field("Attorney").currentItem().text().startswith(ATTORNEY)
    d2.type("PIN", "0000")
    d2.click("Sign in")
    d2.idle()
    assert d2.page() == "signin" and d2.error_of("PIN") == "Wrong PIN."
    assert d2.field("PIN").text() == ""
    d2.type("PIN", PIN)
    d2.qtbot.keyClick(d2.field("PIN"), Qt.Key.Key_Return)
    d2.wait_page("dashboard")


class Calls:
    """Backend.call recorded, never run: these checks happen before anything reaches the core."""

    def __init__(self) -> None:
        self.made: list[str] = []

    def call(self, fn, *args, **kw) -> None:
        self.made.append(fn.__name__)


def page_with(qtbot, attorneys: list) -> SignInPage:
    page = SignInPage(Calls(), MessageBar())
    qtbot.addWidget(page)
    page.set_attorneys(attorneys)
    return page


def test_sign_in_asks_for_the_pin_and_waits_out_too_many_wrong_ones_without_asking_the_core(qtbot):
    page = page_with(qtbot, [Attorney(name="A. Counsel", id="a1")])
    page.sign_in()
    assert page.pin_field.error_text == "PIN is required." and page.backend.made == []
    clock = FakeClock()
    page.throttle = PinThrottle(clock)
    for _ in range(PinThrottle.FREE_TRIES):
        page.throttle.failed()
    page.pin.setText(PIN)
    page.sign_in()
    assert page.pin_field.error_text.startswith("Too many wrong PINs") and page.pin.text() == ""
    assert page.backend.made == []
    clock.now += PinThrottle.FIRST_DELAY + 1
    page.pin.setText(PIN)
    page.sign_in()
    assert page.backend.made == ["sign_in"]


def test_a_new_attorney_needs_matching_pins_and_on_a_laptop_with_attorneys_a_vouching_pin(qtbot):
    page = page_with(qtbot, [])
    assert page.modes.currentIndex() == 1 and page.title.text() == "Add an attorney"  # nobody to pick
    page.add_fields["name"].set_value(ATTORNEY)
    page.new_pin.set_value(PIN)
    page.new_pin_repeat.set_value("1357")
    page.add()
    assert page.new_pin_repeat.error_text == "The two PINs are not the same." and page.backend.made == []
    page.new_pin_repeat.set_value(PIN)
    page.add()
    assert page.backend.made == ["register_attorney"]
    page = page_with(qtbot, [Attorney(name="A. Counsel", id="a1")])
    page.show()
    page.show_add(True)
    page.add_fields["name"].set_value(ATTORNEY)
    page.new_pin.set_value(PIN)
    page.new_pin_repeat.set_value(PIN)
    page.add()
    assert page.vouch_pin.error_text == f"{VOUCH_LABEL} is required." and page.backend.made == []
