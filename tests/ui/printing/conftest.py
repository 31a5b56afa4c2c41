"""Fixtures for the printing tests: a signed-in database, an applicant with built papers, and a
plain shown widget to parent the print dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from tests.ui.papers_support import add_applicant, build, new_db, sign_in_attorney


@pytest.fixture
def db():
    db = new_db()
    sign_in_attorney(db)
    return db


@pytest.fixture
def window(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    w.resize(800, 600)
    w.show()
    return w


@pytest.fixture
def applicant(db):
    aid = add_applicant(db)
    applicant, docs = build(db, aid)
    return aid, applicant.reference, docs
