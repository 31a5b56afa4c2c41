"""Fixtures for the core tests: a sample applicant in the JSON file format, a fresh database,
and helpers to build convictions and evaluate them without Qt."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest

from kiosk import eligibility
from kiosk.services import open_kiosk
from kiosk.validate import parse_applicant

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
RULES_DIR = ROOT / "resources" / "rules"

SAMPLE_APPLICANT = {
    "first_name": "Jane",
    "middle_name": "Q",
    "last_name": "Sample",
    "suffix": "",
    "aliases": ["Janie Sample"],
    "date_of_birth": "1980-04-02",
    "nysid": "01234567L",
    "language": "en",
    "contact": {"phone": "718-555-0100", "email": "jane@example.org", "address": "1 Main St, Brooklyn"},
    "consent_to_share": True,
    "other_convictions": {"violent_felony": False, "sex_offense": False},
    "open_case_or_warrant": False,
    "immigration_concern": False,
    "convictions": [{
        "court": "criminal", "county": "kings", "docket": "2016KN074376", "docket_source": "document",
        "offense": "PL 221.10(1)", "attempt": False, "arrest_date": "2016-03-20",
        "conviction_date": "2016-03-21", "plea": "guilty", "sentence": "time served",
        "sentence_complete": True, "fines_owed": False, "original_charge": "PL 221.10(1)",
        "other_counts_dismissed": False, "driving_involved": False,
    }],
}


def applicant_dict(**over) -> dict:
    """A deep copy of the sample applicant with top-level fields replaced."""
    a = copy.deepcopy(SAMPLE_APPLICANT)
    a.update(over)
    return a


def conviction_dict(**over) -> dict:
    """A deep copy of the sample conviction with fields replaced (None removes a field)."""
    c = copy.deepcopy(SAMPLE_APPLICANT["convictions"][0])
    for k, v in over.items():
        if v is None:
            c.pop(k, None)
        else:
            c[k] = v
    return c


@pytest.fixture
def sample() -> dict:
    return applicant_dict()


@pytest.fixture(scope="session")
def engine_db():
    """One in-memory database with the shipped rule packs, shared by read-only engine tests."""
    return open_kiosk(":memory:")


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "data" / "kiosk.db"


@pytest.fixture
def db(db_path):
    d = open_kiosk(db_path)
    yield d
    d.conn.close()


def evaluate(db, as_of: str, conviction: dict | None = None, **applicant_over):
    """Evaluate one conviction (sample applicant, fields replaced) → its Determination."""
    raw = applicant_dict(convictions=[conviction or conviction_dict()], **applicant_over)
    a = parse_applicant(raw)
    return eligibility.evaluate_applicant(db, a, date.fromisoformat(as_of))[0]


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path
