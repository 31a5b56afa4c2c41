"""What a validly signed sync file may say at the office. An attacker holds the office's public
key (every laptop has it) or a laptop of their own: files from keys the office never enrolled
are refused; a laptop cannot change another laptop's records or audit entries; time stamps are
bounded; every field is checked with the intake validator; and no file can make the office's
work grow with the square of its records or inflate without bound. Wherever a file is refused,
the digest of every table of the office database is unchanged."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import sys
import uuid
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk import services, store, sync
from kiosk.cli import main as cli_main
from kiosk.report import write_report
from kiosk.store import office_merge as office_store
from kiosk.sync.office.importer import import_files
from tests.core.sync_support import (
    Office,
    central,
    decrypt,
    encrypt,
    enroll,
    full_digest,
    laptop,
    laptop_signing_key,
    manifest_of,
    person,
    resign,
    split,
)


def stamp(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="microseconds")


class Event:
    """Laptops A and B (enrolled as "Table A" and "Table B"), a stranger's key, and the office
    database holding A's first file."""

    def __init__(self, root: Path):
        self.root = root
        self.office = Office(root)
        self.a = laptop(root / "a.db", office=self.office, name="Table A")
        self.jane, _ = services.intake(self.a, person("Jane", "Sample"))
        services.intake(self.a, person("Marcus", "Johnson", docket="2011KN000001", dob="1975-01-01"))
        self.a1 = self.export(self.a, "a-1")
        self.b = laptop(root / "b.db", office=self.office, name="Table B")
        services.intake(self.b, person("Rosa", "Díaz", docket="2013KN000002", dob="1990-02-02"))
        self.b1 = self.export(self.b, "b-1")
        self.stranger = Ed25519PrivateKey.generate()
        self.c = central(root / "central.db")
        enroll(self.c, self.a, self.b)
        assert import_files(self.c, [self.a1], self.office.identities).rejected == 0

    def export(self, db, name: str) -> Path:
        path = self.root / f"{name}.sync"
        sync.export_batch(db, path)
        return path

    def forge(self, source: Path, change=None, *, key=None, manifest: dict | None = None,
              laptop_id: str | None = None, name: str = "forged.sync") -> Path:
        """`source` decrypted, its tables changed by `change(tables)`, re-signed (by `key`, the
        stranger's by default) under a new export id, and encrypted to the office."""
        plain = decrypt(self.office, source.read_bytes())
        tables = json.loads(zlib.decompress(split(plain)[3], 31))["tables"]
        if change:
            change(tables)
        m = dict(manifest_of(plain), export_id=str(uuid.uuid4()))
        m["counts"] = {t: len(v["rows"]) for t, v in tables.items()}
        if laptop_id:
            m["laptop_id"] = laptop_id
        m.update(manifest or {})
        payload = sync.encode_payload({t: (v["columns"], v["rows"]) for t, v in tables.items()})
        path = self.root / name
        path.write_bytes(encrypt(self.office, resign(m, payload, key or self.stranger)))
        return path

    def refused(self, path: Path, *, trust_new: bool = False) -> str:
        before = full_digest(self.c)
        s = import_files(self.c, [path], self.office.identities, trust_new=trust_new)
        assert s.files[0].status == "rejected", s.lines()
        assert full_digest(self.c) == before
        return s.files[0].reason


@pytest.fixture()
def event(tmp_path) -> Event:
    return Event(tmp_path)


def cell(tables: dict, table: str, column: str, row: int = 0):
    t = tables[table]
    return t["rows"][row][t["columns"].index(column)]


def put(tables: dict, table: str, column: str, value, row: int | None = 0) -> None:
    t = tables[table]
    for r in (t["rows"] if row is None else [t["rows"][row]]):
        r[t["columns"].index(column)] = value


# --- enrollment ------------------------------------------------------------------------------------

def test_a_strangers_new_applicants_are_refused_in_one_line_naming_the_key(event, tmp_path):
    forged = event.forge(event.a1, lambda t: None, laptop_id="stranger-laptop")
    fp = sync.fingerprint(sync.public_bytes(event.stranger))
    reason = event.refused(forged)
    assert fp in reason and "not enrolled" in reason and "kiosk office enroll" in reason
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        with pytest.raises(SystemExit) as e:
            cli_main(["import", str(forged), "--into", str(tmp_path / "central.db"),
                      "--identity", str(event.office.identity_path)])
    finally:
        sys.stdout, sys.stderr = old
    assert e.value.code == 1  # as every other refused file
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("forged.sync: rejected: signed by laptop key " + fp)
    assert "Traceback" not in err.getvalue()


def test_enroll_on_the_command_line_then_the_file_imports(event, tmp_path):
    fp = sync.laptop_key(event.b).fingerprint
    fresh = central(tmp_path / "fresh.db")
    before = full_digest(fresh)
    assert import_files(fresh, [event.b1], event.office.identities).rejected == 1
    assert full_digest(fresh) == before
    listing = tmp_path / "laptops.txt"
    listing.write_text(f"# from the event lead's checklist\n{fp.lower().replace('-', '')} Table B\n")
    out = io.StringIO()
    old = sys.stdout
    sys.stdout = out
    try:
        with pytest.raises(SystemExit) as e:
            cli_main(["office", "enroll", "--file", str(listing), "--into", str(tmp_path / "fresh.db"), "--list"])
    finally:
        sys.stdout = old
    assert e.value.code == 0 and f"enrolled: {fp} (Table B)" in out.getvalue()
    s = import_files(fresh, [event.b1], event.office.identities)
    assert s.rejected == 0 and s.totals()["new"] == 1
    with pytest.raises(SystemExit) as e:
        cli_main(["office", "enroll", "not-a-fingerprint", "--into", str(tmp_path / "fresh.db")])
    assert e.value.code == 2


def test_trust_new_is_a_choice_and_the_review_list_says_so(event, tmp_path):
    forged = event.forge(event.b1, laptop_id="stranger-laptop", manifest={"laptop_name": "Unknown table"})
    s = import_files(event.c, [forged], event.office.identities, trust_new=True)
    assert s.files[0].status == "imported" and s.files[0].trusted_new and "--trust-new" in s.lines()[0]
    how = {r["name"]: r["how"] for r in office_store.enrolled_keys(event.c)}
    assert how == {"Table A": "enrolled", "Table B": "enrolled", "Unknown table": "trusted on first use"}
    summary = write_report(event.c, tmp_path / "review.csv").summary
    assert "trusted on first use" in summary and "stranger-laptop" in summary


# --- ownership -----------------------------------------------------------------------------------

def later_ineligible(tables):
    """Every applicant's outcome turned INELIGIBLE, stamped later than the laptop's."""
    later = stamp(datetime.now(UTC) - timedelta(milliseconds=1))
    put(tables, "determinations", "outcome", "INELIGIBLE", row=None)
    for t in ("applicants", "determinations"):
        put(tables, t, "updated_at", later, row=None)


@pytest.mark.parametrize("who", ["stranger", "laptop B"])
def test_another_laptop_cannot_change_a_laptops_applicants(event, tmp_path, who):
    key = event.stranger if who == "stranger" else laptop_signing_key(event.b)
    lid = "stranger-laptop" if who == "stranger" else store.laptop_id(event.b)
    # made a minute from now (within the office's clock skew), so the forged rows' "later" stamps,
    # taken while forging, stay before it even on a slow machine
    forged = event.forge(event.a1, later_ineligible, key=key, laptop_id=lid,
                         manifest={"created_at": stamp(datetime.now(UTC) + timedelta(minutes=1))})
    if who == "stranger":
        assert "not enrolled" in event.refused(forged)
    s = import_files(event.c, [forged], event.office.identities, trust_new=True)
    assert s.files[0].status == "imported" and s.files[0].updated == 0 and s.files[0].conflicts == 2
    outcomes = {d.outcome for d in store.get_determinations(event.c, event.jane.id).values()}
    assert outcomes == {"ELIGIBLE"}  # laptop A's version stands
    kept = office_store.conflict_versions(event.c, "applicant", event.jane.id)
    assert [k[0] for k in kept] == [lid] and '"INELIGIBLE"' in kept[0][2]
    rows = list(csv.DictReader(io.StringIO(write_report(event.c, tmp_path / "r.csv").path.read_text())))
    assert {r["conflict"] for r in rows} == {"yes"} and {r["outcome"] for r in rows} == {"ELIGIBLE"}


@pytest.mark.parametrize("trust_new", [False, True])
def test_a_stranger_using_laptop_b_id_first_does_not_lock_b_out(event, trust_new):
    forged = event.forge(event.b1, laptop_id=store.laptop_id(event.b))
    if trust_new:  # an office trusting new keys takes the stranger's file; B's own still comes in
        assert import_files(event.c, [forged], event.office.identities, trust_new=True).rejected == 0
    else:
        event.refused(forged)
    services.intake(event.b, person("Wei", "Chen", docket="2014KN000004", dob="1988-08-08"))
    s = import_files(event.c, [event.b1, event.export(event.b, "b-2")], event.office.identities)
    assert s.rejected == 0 and s.files[1].new == 1, s.lines()
    assert store.sync_pinned_key(event.c, store.laptop_id(event.b)) == sync.laptop_key(event.b).public_key


def test_audit_entries_are_keyed_by_laptop(event):
    configured = event.c.execute("SELECT id, detail FROM audit_log WHERE action = 'event.configured'").fetchone()

    def rewrite(tables):
        t = tables["audit_log"]
        t["rows"] = [r for r in t["rows"] if r[t["columns"].index("action")] == "event.configured"][:1]
        put(tables, "audit_log", "id", configured[0])
        put(tables, "audit_log", "detail", "forged")
    forged = event.forge(event.b1, rewrite, key=laptop_signing_key(event.b), laptop_id=store.laptop_id(event.b))
    import_files(event.c, [forged], event.office.identities)
    assert event.c.execute("SELECT detail FROM audit_log WHERE id = ?", [configured[0]]).fetchone()[0] == configured[1]


# --- time bounds and a strict manifest ------------------------------------------------------------

def test_a_far_future_version_is_refused_and_the_genuine_edit_still_lands(event):
    a_key = laptop_signing_key(event.a)
    in_9999 = "9999-12-31T23:59:59.000000+00:00"
    def far(tables):
        put(tables, "applicants", "updated_at", in_9999)
    assert "later than now" in event.refused(event.forge(event.a1, far, key=a_key, manifest={"created_at": in_9999}))
    reason = event.refused(event.forge(event.a1, far, key=a_key))
    assert "changed after the file was made" in reason
    services.set_attorney_note(event.a, event.jane.id, "genuine edit", actor="att")
    s = import_files(event.c, [event.export(event.a, "a-2")], event.office.identities)
    assert s.files[0].updated == 1
    assert store.applicant_row(event.c, event.jane.id)["attorney_note"] == "genuine edit"


def test_a_manifest_with_unknown_fields_is_refused(event):
    reason = event.refused(event.forge(event.a1, key=laptop_signing_key(event.a), manifest={"admin": True}))
    assert "fields the format does not define" in reason
    two_lines = event.forge(event.a1, key=laptop_signing_key(event.a),
                            manifest={"laptop_name": "A\nsummary: 0 rejected"})
    assert "bad laptop_name" in event.refused(two_lines)


# --- every field, as intake checks it ----------------------------------------------------------------

@pytest.mark.parametrize("table, column, value, words", [
    ("applicants", "date_of_birth", "not-a-date", "date_of_birth"),
    ("applicants", "consent_to_share", 7, "consent_to_share"),
    ("applicants", "status", "PWNED", "status"),
    ("applicants", "first_name", "J4ne", "first_name"),
    ("applicants", "first_name", "Ja\x00ne", "first_name"),
    ("applicants", "last_name", "Sample\u202e", "last_name"),
    ("applicants", "last_name", "S" * 300_000, "far larger"),
    ("convictions", "docket", "2016KN07437", "docket"),
    ("convictions", "offense", "PL 999.99", "offense"),
    ("determinations", "hits", "{not json", "hits"),
    ("determinations", "outcome", "MAYBE", "outcome"),
])
def test_a_field_intake_would_refuse_is_refused(event, table, column, value, words):
    forged = event.forge(event.b1, lambda t: put(t, table, column, value), key=laptop_signing_key(event.b))
    assert words in event.refused(forged)


def test_a_file_gets_the_same_refusal_whether_its_records_are_checked_beside_the_merge_or_first(event, monkeypatch):
    """Files that fit in memory have their records checked on a second thread while the merge
    runs; larger ones are checked first. The refusal must not depend on which: each of these
    files fails a different check (and two fail two at once), and both ways must name the same."""
    from kiosk.sync.office import importer

    b_key = laptop_signing_key(event.b)
    later = "9999-12-31T23:59:59.000000+00:00"
    changes = {
        "intake validator": lambda t: put(t, "applicants", "first_name", "J4ne"),
        "stored-row rule": lambda t: put(t, "determinations", "outcome", "MAYBE"),
        "whole-table check": lambda t: put(t, "applicants", "updated_at", later),
        "table check and validator": lambda t: (put(t, "applicants", "updated_at", later),
                                                put(t, "applicants", "first_name", "J4ne")),
        "stored-row rule and validator": lambda t: (put(t, "determinations", "outcome", "MAYBE"),
                                                    put(t, "applicants", "first_name", "J4ne")),
        "orphan conviction": lambda t: put(t, "convictions", "applicant_id", "0-not-in-the-file"),
        # rows in another order than the kiosk writes them, two bad records: the first by id is named
        "shuffled, two bad": lambda t: (copies(6)(t), put(t, "applicants", "first_name", "J4ne", row=4),
                                        put(t, "convictions", "docket", "2016KN07437", row=1),
                                        *(t[k]["rows"].reverse() for k in ("applicants", "convictions"))),
    }
    files = {name: event.forge(event.b1, change, key=b_key, name=f"{n}.sync")
             for n, (name, change) in enumerate(changes.items())}
    beside = {name: event.refused(path) for name, path in files.items()}
    monkeypatch.setattr(importer, "IN_MEMORY_ROWS", 0)  # every file is now checked first
    first = {name: event.refused(path) for name, path in files.items()}
    assert beside == first
    assert "first_name" in beside["intake validator"] and "determinations.outcome" in beside["stored-row rule"]
    assert beside["table check and validator"] == beside["whole-table check"]
    assert beside["stored-row rule and validator"] == beside["stored-row rule"]
    assert "record 2 of the applicants table: convictions[0].docket" in beside["shuffled, two bad"]


def test_a_refusal_by_the_record_check_comes_before_what_the_merge_says(event, monkeypatch):
    """The merge runs while the records are still being checked: if it fails too (here: ids that
    clash with stored ones), the file is still refused for its bad record, as if checked first;
    and the check's thread is gone and the interpreter's switch interval restored after."""
    import threading

    from kiosk.sync.office import importer

    def clash(*args):
        raise sqlite3.IntegrityError("UNIQUE constraint failed")
    monkeypatch.setattr(importer, "_merge_file", clash)
    interval = sys.getswitchinterval()
    bad = event.forge(event.b1, lambda t: put(t, "applicants", "first_name", "J4ne"), key=laptop_signing_key(event.b))
    assert "record 1 of the applicants table: first_name" in event.refused(bad)
    assert "reused ids" in event.refused(event.forge(event.b1, key=laptop_signing_key(event.b), name="good.sync"))
    far = event.forge(event.b1, lambda t: put(t, "applicants", "updated_at", "9999-12-31T23:59:59.000000+00:00"),
                      key=laptop_signing_key(event.b), name="far.sync")
    assert "changed after the file was made" in event.refused(far)  # the check was abandoned part way
    assert not [t for t in threading.enumerate() if t.name == "office-record-check"]
    assert sys.getswitchinterval() == interval


def test_ctrl_c_during_the_merge_stops_the_import_even_beside_a_refusal(event, monkeypatch):
    """Interrupted while the records are still being checked, the import stops (the check's
    refusal does not turn Ctrl-C into one refused file and go on), and leaves no thread behind."""
    import threading

    from kiosk.sync.office import importer

    def interrupted(*args):
        raise KeyboardInterrupt
    monkeypatch.setattr(importer, "_merge_file", interrupted)
    interval = sys.getswitchinterval()
    bad = event.forge(event.b1, lambda t: put(t, "applicants", "first_name", "J4ne"), key=laptop_signing_key(event.b))
    before = full_digest(event.c)
    with pytest.raises(KeyboardInterrupt):
        import_files(event.c, [bad], event.office.identities)
    assert full_digest(event.c) == before and sys.getswitchinterval() == interval
    assert not [t for t in threading.enumerate() if t.name.startswith("office-")]


def test_a_refused_file_leaves_nothing_for_the_paused_collector(event, monkeypatch):
    """The cycle collector is off during an import: a refusal handed over from the record check's
    thread must not tie the file's rows up in a reference cycle (they stayed alive, file after
    file, until the batch ended)."""
    import gc

    from kiosk.sync.office import parallel

    monkeypatch.setattr(parallel, "cores", lambda: 2)
    b_key = laptop_signing_key(event.b)
    bad = [event.forge(event.b1, lambda t: (copies(50)(t), put(t, "applicants", "first_name", "J4ne")),
                       key=b_key, name=f"bad{n}.sync") for n in range(3)]
    orphan = event.forge(event.b1, lambda t: put(t, "convictions", "applicant_id", "0-not-in-the-file"),
                         key=b_key, name="orphan.sync")
    gc.collect()
    gc.disable()  # as during a batch: nothing collects the file's leftovers before the next file
    try:
        s = import_files(event.c, [*bad, orphan], event.office.identities)
        left = gc.collect()
    finally:
        gc.enable()
    assert [f.status for f in s.files] == ["rejected"] * 4
    assert left == 0


def test_the_flags_threads_failure_never_hides_the_batchs_own(event, monkeypatch):
    from kiosk.errors import StorageError
    from kiosk.sync.office import duplicates, parallel

    def no_memory(*args):
        raise MemoryError
    real = duplicates.FlagsAhead.start

    def start_then_disk_fails(self, db):
        real(self, db)
        raise sqlite3.OperationalError("disk I/O error")
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    monkeypatch.setattr(duplicates, "find_duplicates", no_memory)
    monkeypatch.setattr(duplicates.FlagsAhead, "start", start_then_disk_fails)
    with pytest.raises(StorageError):
        import_files(event.c, [event.forge(event.b1, key=laptop_signing_key(event.b))], event.office.identities)


@pytest.mark.parametrize("order", ["refused file last", "imported file last"])
def test_the_duplicate_flags_are_those_of_the_data_the_batch_leaves(event, order):
    """The batch's last file starts the flags on a second thread before its transaction commits;
    whether that file is refused or imported, the flags are those of what was merged."""
    from kiosk.duplicates import find_duplicates, people_from_rows

    b_key = laptop_signing_key(event.b)
    twin = event.forge(event.b1, lambda t: (put(t, "applicants", "first_name", "Jane"),  # A's Jane, on B
                                            put(t, "applicants", "last_name", "Sample"),
                                            put(t, "applicants", "date_of_birth", "1980-04-02")),
                       key=b_key, name="twin.sync")
    refused = event.forge(event.b1, lambda t: put(t, "applicants", "first_name", "J4ne"), key=b_key, name="bad.sync")
    batch = [twin, refused] if order == "refused file last" else [refused, twin]
    s = import_files(event.c, batch, event.office.identities)
    assert sorted(f.status for f in s.files) == ["imported", "rejected"], s.lines()
    flags = store.sync_duplicate_flags(event.c)
    assert flags == find_duplicates(people_from_rows(*store.sync_people(event.c)))
    assert s.duplicate_pairs == 1 and "same name" in flags[0][2]


def test_flags_found_ahead_in_a_file_that_then_fails_to_commit_are_not_kept(event, monkeypatch):
    from kiosk.sync.office import duplicates, parallel

    real = duplicates.FlagsAhead.start

    def start_then_fail(self, db):  # the flags start, then the file's transaction fails
        real(self, db)
        raise sqlite3.IntegrityError("UNIQUE constraint failed")
    monkeypatch.setattr(duplicates.FlagsAhead, "start", start_then_fail)
    twin = event.forge(event.b1, lambda t: (put(t, "applicants", "first_name", "Jane"),
                                            put(t, "applicants", "last_name", "Sample"),
                                            put(t, "applicants", "date_of_birth", "1980-04-02")),
                       key=laptop_signing_key(event.b), name="twin.sync")
    services.set_attorney_note(event.a, event.jane.id, "an edit that imports", actor="att")
    edit = event.export(event.a, "a-2")
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    s = import_files(event.c, [edit, twin], event.office.identities)
    assert [f.status for f in s.files] == ["imported", "rejected"]
    assert s.duplicate_pairs == 0 and store.sync_duplicate_flags(event.c) == []  # the twin never landed


@pytest.mark.parametrize("table, column", [("applicants", "first_name"), ("convictions", "applicant_id"),
                                           ("audit_log", "detail")])
def test_text_no_database_can_hold_is_refused_in_one_line_and_the_batch_goes_on(event, monkeypatch, table, column):
    """JSON may spell a lone surrogate ("\\ud800"), which no UTF-8 text can hold: it used to stop
    the whole import with a traceback while the file was staged."""
    def escaped_payload(tables):  # the same payload, written with ASCII escapes
        z = zlib.compressobj(6, zlib.DEFLATED, 31)
        body = {"tables": {t: {"columns": c, "rows": r} for t, (c, r) in tables.items()}}
        return z.compress(json.dumps(body, separators=(",", ":")).encode()) + z.flush()
    monkeypatch.setattr(sync, "encode_payload", escaped_payload)
    b_key = laptop_signing_key(event.b)
    bad = event.forge(event.b1, lambda t: put(t, table, column, "Ja\ud800ne"), key=b_key, name="bad.sync")
    good = event.forge(event.b1, key=b_key, name="good.sync")
    s = import_files(event.c, [bad, good], event.office.identities)
    assert [f.status for f in s.files] == ["rejected", "imported"], s.lines()
    assert s.files[0].reason == (f"refused: the {table} table holds text that is not valid Unicode (a lone "
                                 "surrogate); the kiosk never writes one")


@pytest.mark.parametrize("table, column", [("convictions", "position"), ("applicants", "consent_to_share")])
def test_a_number_no_database_can_hold_is_refused_in_one_line_and_the_batch_goes_on(event, table, column):
    """JSON numbers have no bound; one past 64 bits used to stop the whole import with a traceback."""
    b_key = laptop_signing_key(event.b)
    bad = event.forge(event.b1, lambda t: put(t, table, column, 10**30), key=b_key, name="bad.sync")
    good = event.forge(event.b1, key=b_key, name="good.sync")
    s = import_files(event.c, [bad, good], event.office.identities)
    assert [f.status for f in s.files] == ["rejected", "imported"], s.lines()
    assert s.files[0].reason == (f"refused: the {table} table holds a number too large to store; the kiosk "
                                 "never writes one")


def test_a_laptop_name_no_database_can_hold_is_refused(event):
    named = event.forge(event.b1, key=laptop_signing_key(event.b), manifest={"laptop_name": "Table \ud800"})
    assert "bad laptop_name" in event.refused(named, trust_new=True)


@pytest.mark.parametrize("stored", [False, True])
def test_a_null_where_the_kiosk_always_writes_a_value_is_refused_as_such(event, stored):
    """A NULL first name used to fail the merge as "reused ids" for a new record, and for a
    record stored at the same version, to pass or fail by a content hash's tie-break."""
    source = event.a1 if stored else event.b1  # a1 is in the office database already
    key = laptop_signing_key(event.a if stored else event.b)
    for _ in range(3):  # the same answer every time
        forged = event.forge(source, lambda t: put(t, "applicants", "first_name", None), key=key)
        assert event.refused(forged) == "damaged: the applicants table has records without first_name"


def test_contact_details_without_consent_are_refused_not_stored(event):
    def no_consent(tables):
        put(tables, "applicants", "consent_to_share", 0)
        put(tables, "applicants", "phone", "718-555-0100")
    reason = event.refused(event.forge(event.b1, no_consent, key=laptop_signing_key(event.b)))
    assert "did not consent" in reason


def test_the_report_never_breaks_on_what_the_database_holds(event, tmp_path):
    with store.transaction(event.c):
        event.c.execute("UPDATE determinations SET hits = '{junk'")
    code = None
    try:
        cli_main(["report", "--db", str(event.root / "central.db"), "--out", str(tmp_path / "r.csv")])
    except SystemExit as e:
        code = e.code
    assert code in (0, None) and (tmp_path / "r.csv").exists()


# --- bounded work ------------------------------------------------------------------------------------

def copies(n: int):
    """The first applicant of a file, with all its rows, repeated n times under new ids."""
    def change(tables):
        aid = cell(tables, "applicants", "id")
        for t, part in tables.items():
            cols, rows = part["columns"], part["rows"]
            if t == "applicants":
                mine = [r for r in rows if r[cols.index("id")] == aid]
            elif "applicant_id" in cols:
                mine = [r for r in rows if r[cols.index("applicant_id")] == aid]
            else:
                continue
            out = []
            for k in range(n):
                for r in mine:
                    r2 = list(r)
                    for c in ("id", "applicant_id", "conviction_id", "document_id"):
                        if c in cols:
                            r2[cols.index(c)] = f"{r[cols.index(c)][:24]}{k:012d}"
                    if t == "applicants":
                        r2[cols.index("reference")] = "BA-" + "".join("23456789ABCDEFGHJKLMNPQRSTUVWXYZ"[(k >> s) % 32]
                                                                      for s in (25, 20, 15, 10, 5, 0))
                    out.append(r2)
            part["rows"] = out
    return change


def test_many_copies_of_one_person_make_flags_that_grow_with_the_copies(event):
    forged = event.forge(event.b1, copies(400), key=laptop_signing_key(event.b))
    s = import_files(event.c, [forged], event.office.identities)
    assert s.files[0].new == 400, s.lines()
    flags = event.c.execute("SELECT COUNT(*), COUNT(DISTINCT applicant_id || '/' || other_id) "
                            "FROM duplicate_flags").fetchone()
    assert flags[0] == flags[1]  # one row per pair of records
    assert 399 <= flags[0] < 2 * 400  # linked to the group's first record, not each to each (79,800)


def test_one_refused_file_never_stops_the_good_ones_in_the_batch(event, monkeypatch):
    from kiosk.sync.office import checks as office_checks

    real = office_checks._check_records
    calls = {"n": 0}

    def out_of_memory_once(*args):  # on the record check's own thread: handed back by its verdict
        calls["n"] += 1
        if calls["n"] == 1:
            raise MemoryError
        return real(*args)
    monkeypatch.setattr(office_checks, "_check_records", out_of_memory_once)
    big = event.forge(event.b1, copies(3), key=laptop_signing_key(event.b), name="big.sync")
    s = import_files(event.c, [big, event.b1], event.office.identities)
    assert [f.status for f in s.files] == ["rejected", "imported"] and "memory" in s.files[0].reason
    assert s.files[1].new == 1


def test_the_streamed_reader_gives_the_rows_json_loads_gives_and_refuses_out_of_layout_payloads(event):
    from kiosk.sync.office import payload as payload_stream

    m, payload = sync.open_container(event.a1.read_bytes(), event.office.identities)
    got: dict = {}
    payload_stream.read_tables(payload, sync.EXPORT_TABLES, m["counts"],
                               lambda t, c, rows: got.setdefault(t, [c, []])[1].extend(rows), batch=2)
    whole = json.loads(zlib.decompress(payload, 31))["tables"]
    assert got == {t: [v["columns"], v["rows"]] for t, v in whole.items()} and got["applicants"][1]
    spaced: dict = {}  # JSON whitespace between tokens (another program's writer) reads the same
    z = zlib.compressobj(6, zlib.DEFLATED, 31)
    pretty = z.compress(json.dumps({"tables": whole}, indent=2, ensure_ascii=False).encode()) + z.flush()
    payload_stream.read_tables(pretty, sync.EXPORT_TABLES, m["counts"],
                               lambda t, c, rows: spaced.setdefault(t, [c, []])[1].extend(rows))
    assert spaced == got
    b_key = laptop_signing_key(event.b)
    assert "malformed" in event.refused(event.forge(event.b1, lambda t: put(t, "applicants", "last_name", 1.5),
                                                    key=b_key))
    reordered = event.forge(event.b1, lambda t: t.update(aliases=t.pop("aliases")), key=b_key)
    assert "expected tables" in event.refused(reordered)
