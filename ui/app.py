"""Application start-up: open the database, set up the demo event if asked, show the main window."""

from __future__ import annotations

import sys


def run(db_path: str | None = None, kiosk_mode: bool = False, demo: bool = False) -> int:
    from PySide6.QtWidgets import QApplication, QLabel

    from kiosk import services

    db = services.open_kiosk(db_path)
    event = services.ensure_demo_event(db) if demo else None
    app = QApplication.instance() or QApplication(sys.argv)
    label = QLabel(f"Begin Again Kiosk — {event.name if event else 'no event configured'}")
    label.resize(800, 200)
    label.show()
    return app.exec()
