"""The services answer with dataclasses, never untyped dicts: the GUI and the command line read
named fields a type checker can follow."""

from __future__ import annotations

import dataclasses
import inspect

from kiosk import services
from kiosk.wizard import Wizard


def test_no_public_service_is_declared_to_return_a_dict():
    declared = {name: inspect.signature(fn).return_annotation for name in services.__all__
                if inspect.isfunction(fn := getattr(services, name))}
    assert declared and all(a is not inspect.Signature.empty for a in declared.values())
    assert {n: a for n, a in declared.items() if "dict" in str(a)} == {}


def test_a_wizard_save_its_resume_and_the_dashboard_answer_with_named_fields(db):
    w = Wizard.start()
    w.draft.update({"first_name": "Ada", "last_name": "Okafor", "consent_to_share": True})
    saved = services.autosave_wizard(db, w.draft, "identity")
    assert isinstance(saved, services.SavedStep) and saved.reference.startswith("BA-")
    assert saved.applicant is None and saved.determinations is None
    opened = services.unfinished_applicant(db)
    assert isinstance(opened, services.OpenApplicant)
    assert (opened.id, opened.last_name, opened.wizard_step) == (saved.id, "Okafor", "identity")
    resumed = services.resume_applicant(db, saved.id)
    assert isinstance(resumed, services.ResumedApplicant)
    assert (resumed.step, resumed.status, resumed.draft["last_name"]) == ("identity", "draft", "Okafor")
    [row] = services.dashboard_rows(db)
    assert isinstance(row, services.DashboardRow)
    assert (row.name, row.status, row.outcomes, row.printed) == ("Ada Okafor", "draft", [], {})


def test_the_first_screen_the_settings_and_the_export_summary_are_dataclasses(db):
    state = services.startup_state(db)
    assert state.event is None and state.attorneys == [] and state.pin_wait == (0, 0.0)
    laptop = services.laptop_settings(db)
    assert isinstance(laptop, services.SessionSettings) and laptop.laptop_id == state.laptop_id
    assert len(laptop.fingerprint.split("-")) == 8
    summary = services.export_summary(db)
    assert dataclasses.is_dataclass(summary) and not summary.recipient_set and summary.waiting == 0
    assert summary.fingerprint == laptop.fingerprint
