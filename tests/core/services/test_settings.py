"""The core services behind printing and kiosk mode (no Qt): what is recorded, what is
refused, and that each is one transaction."""

from __future__ import annotations

import pytest

from kiosk import papers, services, store
from kiosk.errors import InputError, NotFoundError

RAW = {"first_name": "Tamsin", "last_name": "Abernathy", "language": "en",
       "convictions": [{"court": "criminal", "county": "kings", "docket": "2016KN074376",
                        "offense": "PL 221.10(1)", "conviction_date": "2016-05-02"}]}


@pytest.fixture
def db():
    db = services.open_kiosk(":memory:")
    services.ensure_demo_event(db)
    return db


def printed(kind="packet", copies=3, sha="a" * 64):
    return {"kind": kind, "sha256": sha, "pages": 5, "copies": copies}


def test_record_printed_keeps_documents_copies_printer_and_an_audit_line_without_names(db):
    applicant, _ = services.intake(db, RAW)
    papers.record_printed(db, applicant.id, [printed(), printed("receipt", 1, "b" * 64)], printer="Venue HP",
                          actor="att-1")
    docs = {d["kind"]: d for d in store.list_documents(db, applicant.id)}
    assert docs["packet"]["copies_printed"] == 3 and docs["receipt"]["copies_printed"] == 1
    assert docs["packet"]["printed_at"]
    assert [tuple(r) for r in db.execute("SELECT copies, printer FROM print_jobs ORDER BY copies")] == \
        [(1, "Venue HP"), (3, "Venue HP")]
    (detail,) = db.execute("SELECT detail FROM audit_log WHERE action = 'documents.printed'").fetchone()
    assert detail == "packet:3x5p,receipt:1x5p" and "Abernathy" not in detail
    assert sorted((h["kind"], h["copies_printed"]) for h in papers.print_history(db, applicant.id)) == \
        [("packet", 3), ("receipt", 1)]
    assert store.printed_copies(db, [applicant.id]) == {applicant.id: {"packet": 3, "receipt": 1}}


def test_record_printed_refuses_and_writes_nothing(db):
    applicant, _ = services.intake(db, RAW)
    with pytest.raises(InputError):
        papers.record_printed(db, applicant.id, [], printer="p")
    with pytest.raises(InputError):
        papers.record_printed(db, applicant.id, [printed(), printed("receipt", 0)], printer="p")
    with pytest.raises(NotFoundError):
        papers.record_printed(db, "no-such-applicant", [printed()], printer="p")
    assert db.execute("SELECT COUNT(*) FROM print_jobs").fetchone()[0] == 0
    assert store.list_documents(db, applicant.id) == []


def test_pending_print_is_motions_not_yet_printed_nor_exported_oldest_first(db):
    first, _ = services.intake(db, RAW)
    second, _ = services.intake(db, {**RAW, "last_name": "Second"})
    queens, _ = services.intake(db, {**RAW, "convictions": [{**RAW["convictions"][0], "county": "queens",
                                                              "docket": "2015QN022318"}]})
    exported, _ = services.intake(db, {**RAW, "last_name": "Exported"})
    store.update_applicant_fields(db, exported.id, exported_at=store.now())
    draft_id, _ref = services.save_draft(db, {"last_name": "Draft"}, "identity")
    rows = papers.pending_print(db)
    assert [r["id"] for r in rows] == [first.id, second.id]
    assert set(rows[0]) == {"id", "reference"}  # no names in the queue
    papers.record_printed(db, first.id, [printed()], printer="p")
    assert [r["id"] for r in papers.pending_print(db)] == [second.id]
    assert queens.id not in {r["id"] for r in rows} and draft_id not in {r["id"] for r in rows}


def test_session_settings_defaults_bounds_and_one_transaction_save(db):
    assert services.session_settings(db) == services.SessionSettings(idle_lock_minutes=3, kiosk_mode=False,
                                                                     printer="", packet_copies=3)
    store.set_setting(db, "idle_lock_minutes", "not a number")
    assert services.session_settings(db).idle_lock_minutes == 3
    store.set_setting(db, "idle_lock_minutes", "999")
    assert services.session_settings(db).idle_lock_minutes == 60
    for bad in (0, 61, True, 2.5):
        with pytest.raises(InputError):
            services.set_idle_lock_minutes(db, bad)
    with pytest.raises(InputError):  # the minutes are refused, so kiosk mode is not switched on either
        services.save_laptop_settings(db, idle_lock_minutes=0, kiosk_mode=True)
    assert services.session_settings(db).kiosk_mode is False
    assert services.save_laptop_settings(db, idle_lock_minutes=5, kiosk_mode=True).kiosk_mode is True
    services.remember_printer(db, "Venue HP", 2)
    assert services.session_settings(db).printer == "Venue HP"
    with pytest.raises(InputError):
        services.remember_printer(db, "Venue HP", 11)


