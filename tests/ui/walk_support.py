"""What several GUI test files share: the convictions the wizard walks type in, a clock the lock
tests move by hand, and Qt's own word for Cancel in the language loaded."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

KINGS = {"docket": "2016KN074376", "offense": "PL 221.10(1)", "conviction_date": "2016-05-02",
         "sentence": "Time served"}
QUEENS = {"docket": "2015QN022318", "offense": "PL 221.05", "conviction_date": "2015-06-01"}
SALE = {"docket": "2014KN001234", "offense": "PL 221.40", "conviction_date": "2014-02-03",
        "other_counts_dismissed": True}


class FakeClock:
    """A monotonic clock the test moves by hand (`clock.now += 300`)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def qt_cancel() -> str:
    """Qt's own "Cancel" in the language its translator has loaded."""
    return QCoreApplication.translate("QPlatformTheme", "Cancel")
