"""Application start-up: the Qt application, the look, the main window.

The first window appears fast: the database opens on its own thread while the window is already
on screen, and pages are imported and built when first shown (ui/main_window.py)."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from . import style
from .main_window import MainWindow


def create_app(argv: list[str] | None = None) -> Any:
    """The QApplication (reused if one exists), styled."""

    app = QApplication.instance()
    if app is None:
        # Fusion given as Qt's own `-style` argument: app.setStyle("Fusion") would hand the style
        # back to Python, whose wrapper builds QStyle's 13 enum classes (~6 ms of start-up)
        app = QApplication([*(argv if argv is not None else sys.argv[:1]), "-style", "Fusion"])
        app.setApplicationName("Begin Again Kiosk")
        app.setOrganizationName("Begin Again")
    if app.property("kiosk_scale") is None:  # the primary screen's size, which show() will ask for
        style.set_default(app, style.screen_scale(app.primaryScreen().availableGeometry().height()))
    else:
        style.apply(app, style.current_scale(app))
    return app


def create_window(db_path: str | None = None, *, kiosk_mode: bool = False, demo: bool = False) -> Any:
    return MainWindow(db_path, demo=demo, kiosk_mode=kiosk_mode)


def show(window: Any) -> None:
    """Full screen in kiosk mode, else maximized; text sized for the screen (1366x768 and up)."""

    screen = window.screen().availableGeometry()
    style.set_default(QApplication.instance(), style.screen_scale(screen.height()))
    if window.kiosk_mode:
        window.showFullScreen()
        return
    window.resize(min(1600, screen.width()), min(1000, screen.height()))
    window.showMaximized()


def collect_again_when_shown(exposed: Any, *, at_latest_ms: int = 2000) -> None:
    """`kiosk gui` stops Python's cycle collector while it starts (ui/cli.py): it runs again when
    `exposed` fires (the first window is on screen) or after `at_latest_ms` (a window started
    minimized is exposed only when restored)."""
    exposed.connect(gc.enable)
    QTimer.singleShot(at_latest_ms, gc.enable)


def run(db_path: str | None = None, kiosk_mode: bool = False, demo: bool = False,
        on_window: Callable[[Any], None] | None = None) -> int:
    """`kiosk gui`: open the app, run until it quits, stop the database thread cleanly.
    `on_window` is given the main window before it is shown (the start-up probe watches it)."""
    app = create_app()
    window = create_window(db_path, kiosk_mode=kiosk_mode, demo=demo)
    collect_again_when_shown(window.exposed)
    if on_window is not None:
        on_window(window)
    app.aboutToQuit.connect(window.shutdown)
    show(window)
    code = app.exec()
    window.shutdown()
    return code
