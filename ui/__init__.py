"""The Qt layer: windows, wizard pages, preview, printing, idle lock. Calls kiosk.services only."""

import sys


def _pin_singletons() -> None:
    """Keep None, True and False alive under PySide6 6.12 on Python 3.11.

    PySide6/shiboken6 6.12 return None from every void method (``label.setText``,
    ``processEvents``) and True from ``Signal.emit`` without taking a reference: harmless on
    Python 3.12+, where those objects are immortal, but on 3.11 each call drops their reference
    count by one and after a few thousand calls the interpreter aborts ("deallocating None").
    The matching PySide6-Pdf exists only for 6.12, so a downgrade is not an option: instead the
    three objects get the headroom 3.12 gives them (a count no program can exhaust)."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    try:  # shiboken6 is loaded by PySide6 anyway; importlib.metadata would cost more than the check
        import shiboken6

        major, minor = shiboken6.__version_info__[:2]
    except Exception:  # no version to read: apply the guard anyway
        major, minor = 6, 12
    if (major, minor) < (6, 12):
        return
    import ctypes

    for obj in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(obj))
        if count.value < 1 << 40:
            count.value += 1 << 42


_pin_singletons()
