"""Fixtures for the case list tests: the office's file built once per test process, and a
laptop database with it loaded, copied afresh for each test (tests/core/caselist_support.py builds them)."""

from __future__ import annotations

import pytest

from tests.core import caselist_support as cs


@pytest.fixture
def built():
    return cs.shared_list()


@pytest.fixture
def db(tmp_path):
    """A laptop database with the list loaded (in place of the plain one of tests/core/conftest.py)."""
    return cs.laptop_with_list(tmp_path, cs.shared_list()[0], cs.shared_template())
