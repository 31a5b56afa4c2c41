"""Fixtures for the sync-file tests: the office's key pair (one per test module) and a laptop
with two applicants, one overridden and one printed (tests/core/sync_support.py builds them)."""

from __future__ import annotations

import pytest

from kiosk import services
from tests.core.sync_support import Office, add_print, laptop, person


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> Office:
    return Office(tmp_path_factory.mktemp("office"))


@pytest.fixture
def one_laptop(tmp_path, office):
    db = laptop(tmp_path / "laptop.db", office, name="table-3")
    a, _ = services.intake(db, person("Jane", "Sample", aliases=["Janie Sample"]))
    b, dets = services.intake(db, person("Łukasz", "Wójcik-Nguyễn", dob=None, docket="2012KN000777",
                                         offense="PL 221.35"))
    services.override_outcome(db, b.id, b.convictions[0].id, "ELIGIBLE", "DA consents to sale pleas here",
                              actor="attorney-1")
    add_print(db, a.id)
    return db, a, b
