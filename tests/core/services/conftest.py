"""Fixtures for the service tests: a laptop database on disk with the demo event set up, as the
GUI has it once the day starts."""

from __future__ import annotations

import pytest

from kiosk import services


@pytest.fixture()
def event_db(tmp_path):
    d = services.open_kiosk(tmp_path / "kiosk.db")
    services.ensure_demo_event(d)
    return d
