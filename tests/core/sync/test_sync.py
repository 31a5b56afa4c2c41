"""The sync file end to end: keys, export (encrypted, signed, verified before it counts), the
office's import (round trip, idempotent, order-free, conflicts, duplicates), report, purge."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk import services, store, sync
from kiosk.cli import main as cli_main
from kiosk.duplicates import find_duplicates
from kiosk.errors import AuthError, InputError, SyncFileError
from kiosk.report import REPORT_COLUMNS, summary_path_for, write_report
from kiosk.store import office_merge as office_store
from kiosk.sync import files as sync_files
from kiosk.sync.office import importer as office_import
from tests.core.sync_support import (
    Office,
    add_print,
    central,
    full_digest,
    laptop,
    person,
)

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> Office:
    return Office(tmp_path_factory.mktemp("office"))


def laptop_digest(db) -> str:
    """A laptop's records and its export bookkeeping (what a failed export must leave alone)."""
    return store.data_digest(db, ("settings", "applicants", "aliases", "convictions", "determinations",
                                  "documents", "print_jobs", "audit_log", "exports", "export_items"))


def run_cli(*args: str) -> tuple[int, str]:
    """Run `kiosk ...` in-process; (exit code, stdout + stderr)."""
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        cli_main(list(args))
        code = 0
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 1
    finally:
        sys.stdout, sys.stderr = old
    return code, out.getvalue() + err.getvalue()


# --- keys ----------------------------------------------------------------------------------------

def test_office_keygen_is_owner_only_prints_recipient_and_never_overwrites(tmp_path):
    path = tmp_path / "office-identity.txt"
    code, out = run_cli("office", "keygen", "--out", str(path))
    assert code == 0
    recipient = out.strip().splitlines()[0]  # stdout (the recipient alone) comes first
    assert recipient.startswith("age1") and len(recipient) == 62
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    identities = sync.read_identities(path)
    assert str(identities[0].to_public()) == recipient
    before = path.read_bytes()
    code, out = run_cli("office", "keygen", "--out", str(path))
    assert code == 2 and "never overwritten" in out and "Traceback" not in out
    assert path.read_bytes() == before


def test_identity_file_errors_are_input_errors(tmp_path):
    bad = tmp_path / "not-a-key.txt"
    bad.write_text("hello\n")
    with pytest.raises(InputError, match="not an age identity"):
        sync.read_identities(bad)
    with pytest.raises(InputError, match="no such file"):
        sync.read_identities(tmp_path / "missing.txt")


def test_laptop_key_is_made_once_and_its_fingerprint_is_stable(tmp_path, office):
    db = laptop(tmp_path / "l.db", office)
    k1 = sync.laptop_key(db)
    k2 = sync.laptop_key(services.open_kiosk(tmp_path / "l.db"))
    assert k1 == k2
    assert len(k1.fingerprint) == 39 and k1.fingerprint.count("-") == 7
    assert k1.laptop_id == store.laptop_id(db)
    assert sync.laptop_key_fingerprint(db) == k1.fingerprint
    other = laptop(tmp_path / "other.db", office)
    assert sync.laptop_key(other).fingerprint != k1.fingerprint


# --- export --------------------------------------------------------------------------------------

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


def test_round_trip_carries_every_record_exactly(tmp_path, office, one_laptop):
    db, a, b = one_laptop
    result = sync.export_batch(db, tmp_path / "out.sync")
    assert result.applicants == 2 and result.scope == "since-last"
    assert result.key_fingerprint == sync.laptop_key(db).fingerprint
    assert result.key_fingerprint in result.receipt() and "out.sync" in result.receipt()
    c = central(tmp_path / "central.db")
    summary = office_import.import_files(c, [tmp_path / "out.sync"], office.identities, trust_new=True)
    assert [f.status for f in summary.files] == ["imported"]
    assert (summary.files[0].new, summary.files[0].updated, summary.rejected) == (2, 0, 0)
    for table in ("applicants", "aliases", "convictions", "determinations", "documents", "print_jobs",
                  "events", "audit_log"):
        cols = [col for col in store.table_columns(db, table) if col not in sync.NOT_EXPORTED.get(table, ())
                and col != "export_batch"]
        sel = f"SELECT {', '.join(cols)} FROM {table} ORDER BY id"
        laptop_rows = db.execute(sel).fetchall()
        if table == "audit_log":  # the export's own entry is written after the file
            laptop_rows = [r for r in laptop_rows if r[cols.index("action")] != "sync.export"]
        assert c.execute(sel).fetchall() == laptop_rows, table
    again = store.get_applicant(c, b.id)
    assert (again.first_name, again.last_name, again.date_of_birth) == ("Łukasz", "Wójcik-Nguyễn", None)
    assert store.get_determinations(c, b.id)[b.convictions[0].id].standing_outcome == "ELIGIBLE"
    pins = c.execute("SELECT pin_hash, pin_salt FROM attorneys").fetchall()
    assert all(p == ("", "") for p in pins)  # PIN hashes never leave the laptop


def test_the_file_holds_no_plaintext_and_no_temp_file_is_left(tmp_path, one_laptop):
    db, a, b = one_laptop
    out = tmp_path / "usb"
    out.mkdir()
    sync.export_batch(db, out / "day1.sync")
    data = (out / "day1.sync").read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n")
    for secret in ("Sample", "Janie", "Wójcik", "2016KN074376", "2012KN000777", "1980-04-02", "01234567L",
                   "718-555-0100", "jane@example.org", "begin-again-sync"):
        assert secret.encode() not in data, secret
    assert sorted(p.name for p in out.iterdir()) == ["day1.sync"]


def test_export_without_an_office_key_refuses_and_writes_nothing(tmp_path):
    db = laptop(tmp_path / "l.db", None)
    services.intake(db, person("Jane", "Sample"))
    sync.laptop_key(db)
    before = laptop_digest(db)
    with pytest.raises(InputError, match="no office key is set") as e:
        sync.export_batch(db, tmp_path / "x.sync")
    assert "unencrypted" in str(e.value) and "--recipient" in str(e.value)
    assert not (tmp_path / "x.sync").exists()
    assert laptop_digest(db) == before
    code, out = run_cli("export", "--db", str(tmp_path / "l.db"), "--out", str(tmp_path / "y.sync"))
    assert code == 2 and "no office key" in out and "Traceback" not in out
    assert not (tmp_path / "y.sync").exists()
    with pytest.raises(InputError, match="not an age public key"):
        sync.export_batch(db, tmp_path / "x.sync", recipient="age1nonsense")


def test_recipient_option_overrides_a_missing_event_key(tmp_path, office):
    db = laptop(tmp_path / "l.db", None)
    services.intake(db, person("Jane", "Sample"))
    result = sync.export_batch(db, tmp_path / "x.sync", recipient=office.recipient)
    assert result.applicants == 1
    sf = sync.open_sync_file((tmp_path / "x.sync").read_bytes(), office.identities)
    assert sf.manifest["counts"]["applicants"] == 1


def test_export_never_overwrites_an_earlier_export(tmp_path, one_laptop):
    db, *_ = one_laptop
    target = tmp_path / "day.sync"
    target.write_bytes(b"an earlier export")
    with pytest.raises(InputError, match="already exists"):
        sync.export_batch(db, target)
    assert target.read_bytes() == b"an earlier export"


def test_since_last_carries_only_new_and_changed_records(tmp_path, office, one_laptop):
    db, a, b = one_laptop
    first = sync.export_batch(db, tmp_path / "1.sync")
    assert sync.export_status(db).waiting == 0 and sync.export_status(db).exported == 2
    second = sync.export_batch(db, tmp_path / "2.sync")
    assert second.applicants == 0
    assert second.counts["audit_log"] == 1  # only the first export's own entry
    services.set_attorney_note(db, a.id, "called back", actor="attorney-1")
    c, _ = services.intake(db, person("Marcus", "Johnson", docket="2011KN000001"))
    assert sync.export_status(db).waiting == 2
    third = sync.export_batch(db, tmp_path / "3.sync")
    sf = sync.open_sync_file((tmp_path / "3.sync").read_bytes(), office.identities)
    cols, rows = sf.tables["applicants"]
    assert sorted(r[cols.index("id")] for r in rows) == sorted([a.id, c.id])
    assert third.applicants == 2
    everything = sync.export_batch(db, tmp_path / "all.sync", scope="all")
    assert everything.applicants == 3
    # every audit entry names the batch that first carried it, in every later file too
    sf_all = sync.open_sync_file((tmp_path / "all.sync").read_bytes(), office.identities)
    sf_first = sync.open_sync_file((tmp_path / "1.sync").read_bytes(), office.identities)
    cols, rows = sf_all.tables["audit_log"]
    batch = {r[cols.index("id")]: r[cols.index("export_batch")] for r in rows}
    fcols, frows = sf_first.tables["audit_log"]
    assert all(batch[r[fcols.index("id")]] == first.export_id for r in frows)


def test_a_failed_write_leaves_the_database_unchanged_and_no_file(tmp_path, monkeypatch, one_laptop):
    db, *_ = one_laptop
    sync.laptop_key(db)
    before = laptop_digest(db)
    real_write = os.write
    calls = []

    def full_disk(fd, data):
        calls.append(len(data))
        if len(calls) > 1 or len(data) > 100:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(sync_files, "_WRITE_CHUNK", 100)
    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(SyncFileError, match="the drive is full.*Nothing was recorded"):
        sync.export_batch(db, tmp_path / "x.sync")
    monkeypatch.undo()
    assert calls and list(tmp_path.glob("*.sync*")) == [] and list(tmp_path.glob(".x.sync*")) == []
    assert laptop_digest(db) == before
    assert sync.export_status(db).waiting == 2


def test_a_read_only_folder_fails_cleanly(tmp_path, monkeypatch, one_laptop):
    db, *_ = one_laptop
    sync.laptop_key(db)
    before = laptop_digest(db)
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        if os.access(ro, os.W_OK):  # root ignores permissions: make the folder refuse as media would
            def refuse(*args, **kw):
                raise OSError(errno.EROFS, "Read-only file system")
            monkeypatch.setattr(sync_files.tempfile, "mkstemp", refuse)
        with pytest.raises(SyncFileError, match="read-only"):
            sync.export_batch(db, ro / "x.sync")
    finally:
        ro.chmod(0o755)
    assert list(ro.iterdir()) == []
    assert laptop_digest(db) == before


def test_a_file_size_limit_in_a_child_process_fails_cleanly(tmp_path, one_laptop):
    """RLIMIT_FSIZE: the kernel refuses to let the export grow (a full or tiny drive)."""
    db, *_ = one_laptop
    sync.laptop_key(db)
    before = laptop_digest(db)
    db_path = db.execute("PRAGMA database_list").fetchone()[2]
    db.conn.close()
    code = (
        "import resource, signal, sys\n"
        "from kiosk import services, sync\n"
        "from kiosk.errors import KioskError\n"
        f"db = services.open_kiosk({db_path!r})\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1000, resource.RLIM_INFINITY))\n"
        "try:\n"
        f"    sync.export_batch(db, {str(tmp_path / 'x.sync')!r})\n"
        "except KioskError as e:\n"
        "    print(e); sys.exit(1)\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert p.returncode == 1, p.stderr
    assert "too large for this drive or a size limit" in p.stdout and "Traceback" not in p.stderr
    assert list(tmp_path.glob("*x.sync*")) == []
    assert laptop_digest(services.open_kiosk(db_path)) == before


def test_a_file_that_reads_back_wrong_is_removed_and_not_recorded(tmp_path, monkeypatch, one_laptop):
    """The USB stick was pulled or lies: the read-back check catches it before the export counts."""
    db, *_ = one_laptop
    sync.laptop_key(db)
    before = laptop_digest(db)
    monkeypatch.setattr(sync_files, "_read_back", lambda path: Path(path).read_bytes()[:-10])
    with pytest.raises(SyncFileError, match="reads back with"):
        sync.export_batch(db, tmp_path / "x.sync")
    assert not (tmp_path / "x.sync").exists()
    assert laptop_digest(db) == before


def test_export_reports_progress_from_start_to_done(tmp_path, one_laptop):
    db, *_ = one_laptop
    seen = []
    sync.export_batch(db, tmp_path / "x.sync", progress=lambda f, m: seen.append((f, m)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[0] < 0.1 and fractions[-1] == 1.0
    assert seen[-1][1] == "done"


def test_export_runs_in_a_worker_thread_on_its_own_connection(tmp_path, office, one_laptop):
    import threading

    db, *_ = one_laptop
    results, seen = [], []
    worker = threading.Thread(target=lambda: results.append(sync.export_in_worker(
        tmp_path / "laptop.db", tmp_path / "w.sync", progress=lambda f, m: seen.append(f))))
    worker.start()
    worker.join()
    assert results[0].applicants == 2 and seen[-1] == 1.0
    assert sync.export_status(db).waiting == 0  # recorded in the same database file
    assert sync.open_sync_file((tmp_path / "w.sync").read_bytes(), office.identities).manifest["counts"][
        "applicants"] == 2


# --- decrypt -------------------------------------------------------------------------------------

def test_decrypt_writes_verified_json_and_csv(tmp_path, office, one_laptop):
    db, a, b = one_laptop
    sync.export_batch(db, tmp_path / "x.sync")
    out = tmp_path / "plain"
    code, text = run_cli("decrypt", str(tmp_path / "x.sync"), "--identity", str(office.identity_path),
                         "--out", str(out))
    assert code == 0, text
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["laptop_id"] == store.laptop_id(db) and manifest["counts"]["applicants"] == 2
    records = json.loads((out / "records.json").read_text())
    assert {r["last_name"] for r in records["applicants"]} == {"Sample", "Wójcik-Nguyễn"}
    with open(out / "convictions.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert sorted(r["docket"] for r in rows) == ["2012KN000777", "2016KN074376"]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in out.iterdir())
    code, text = run_cli("decrypt", str(tmp_path / "x.sync"), "--identity", str(office.identity_path),
                         "--out", str(out))
    assert code == 2 and "empty folder" in text


def test_a_wrong_identity_cannot_decrypt(tmp_path, one_laptop):
    db, *_ = one_laptop
    sync.export_batch(db, tmp_path / "x.sync")
    stranger = Office(tmp_path)
    with pytest.raises(SyncFileError, match="not encrypted to this office key"):
        sync.open_sync_file((tmp_path / "x.sync").read_bytes(), stranger.identities)
    code, text = run_cli("decrypt", str(tmp_path / "x.sync"), "--identity", str(stranger.identity_path),
                         "--out", str(tmp_path / "o"))
    assert code == 1 and "rejected" in text and "Traceback" not in text
    assert not (tmp_path / "o").exists()


# --- import: idempotence, order, conflicts ----------------------------------------------------------

def test_the_same_file_twice_changes_nothing(tmp_path, office, one_laptop):
    db, *_ = one_laptop
    sync.export_batch(db, tmp_path / "x.sync")
    c = central(tmp_path / "c.db")
    office_import.import_files(c, [tmp_path / "x.sync"], office.identities, trust_new=True)
    before = full_digest(c)
    again = office_import.import_files(c, [tmp_path / "x.sync", tmp_path / "x.sync"], office.identities, trust_new=True)
    assert [f.status for f in again.files] == ["already imported", "already imported"]
    assert "imported before" in again.files[0].reason and again.rejected == 0
    assert full_digest(c) == before
    code, text = run_cli("import", "--trust-new", str(tmp_path / "x.sync"), "--into", str(tmp_path / "c.db"),
                         "--identity", str(office.identity_path))
    assert code == 0 and "already imported" in text and "0 rejected" in text


def test_an_older_superseded_export_is_reported_and_changes_nothing(tmp_path, office, one_laptop):
    db, a, b = one_laptop
    sync.export_batch(db, tmp_path / "old.sync", scope="all")
    services.set_attorney_note(db, a.id, "changed after the first export", actor="attorney-1")
    sync.export_batch(db, tmp_path / "new.sync", scope="all")
    c = central(tmp_path / "c.db")
    office_import.import_files(c, [tmp_path / "new.sync"], office.identities, trust_new=True)
    before = full_digest(c)
    late = office_import.import_files(c, [tmp_path / "old.sync"], office.identities, trust_new=True)
    assert late.files[0].status == "already imported" and "superseded" in late.files[0].reason
    assert full_digest(c) == before
    assert store.applicant_row(c, a.id)["attorney_note"] == "changed after the first export"


class Fleet:
    """Five laptops' files: two exports from one laptop, a record edited on two laptops (a
    conflict), the same person at two laptops (duplicates), an --all re-export."""

    def __init__(self, root: Path, office: Office):
        self.root, self.office, self.files = root, office, []
        l1 = laptop(root / "l1.db", office, "one")
        x, _ = services.intake(l1, person("Jane", "Sample"))
        y, _ = services.intake(l1, person("Marcus", "Johnson", docket="2011KN000001", dob="1975-01-01"))
        add_print(l1, x.id)
        self.export(l1, "1a")
        services.override_outcome(l1, y.id, y.convictions[0].id, "NEEDS_REVIEW", "check the plea minutes",
                                  actor="att-1")
        services.intake(l1, person("Rosa", "Díaz", docket="2013KN000002", dob="1990-02-02"))
        self.export(l1, "1b")
        l2 = laptop(root / "l2.db", office, "two")  # the same Jane, written differently, no DOB
        services.intake(l2, person("JANE", "SAMPLE", dob=None, docket="2017KN000003"))
        self.export(l2, "2")
        l3 = laptop(root / "l3.db", office, "three")  # another person, the same docket as Jane's
        services.intake(l3, person("Sample", "Jane", dob="1980-04-02", docket="2016KN074376"))
        self.export(l3, "3")
        l4 = laptop(root / "l4.db", office, "four")  # got laptop one's first file and edited Marcus
        office_import.import_files(l4, [root / "1a.sync"], office.identities, trust_new=True)
        services.override_outcome(l4, y.id, y.convictions[0].id, "INELIGIBLE", "open warrant in Queens",
                                  actor="att-4")
        self.export(l4, "4")
        l5 = laptop(root / "l5.db", office, "five")
        z, _ = services.intake(l5, person("Wei", "Chen", docket="2014KN000004", dob="1988-08-08",
                                          aliases=["Marcus Johnson"]))
        self.export(l5, "5a")
        services.set_attorney_note(l5, z.id, "second visit", actor="att-5")
        self.export(l5, "5b", scope="all")
        self.marcus = y.id

    def export(self, db, name: str, scope: str = "since-last") -> None:
        path = self.root / f"{name}.sync"
        sync.export_batch(db, path, scope=scope)
        self.files.append(path)

    def merge(self, order: list[int], batches: int = 1) -> tuple[str, bytes, bytes, object]:
        """Import the files in this order (split in batches), return (digest, report, summary, db)."""
        folder = Path(tempfile.mkdtemp(dir=self.root))
        c = central(folder / "central.db")
        files = [self.files[i] for i in order]
        size = max(1, -(-len(files) // batches))
        for start in range(0, len(files), size):
            summary = office_import.import_files(c, files[start:start + size], self.office.identities, trust_new=True)
            assert summary.rejected == 0, summary.lines()
        report = write_report(c, folder / "review.csv")
        return (store.data_digest(c), report.path.read_bytes(), report.summary_path.read_bytes(), c)


@pytest.fixture(scope="module")
def fleet(tmp_path_factory, office) -> Fleet:
    return Fleet(tmp_path_factory.mktemp("fleet"), office)


@pytest.fixture(scope="module")
def reference(fleet):
    return fleet.merge(list(range(len(fleet.files))))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_files_from_five_laptops_merge_the_same_in_any_order_and_any_number_of_times(fleet, reference, data):
    n = len(fleet.files)
    order = data.draw(st.permutations(range(n)))
    repeats = data.draw(st.lists(st.integers(0, n - 1), max_size=4))
    extra = [order[i] for i in data.draw(st.lists(st.integers(0, n - 1), max_size=3))] + repeats
    positions = data.draw(st.lists(st.integers(0, n + len(extra)), min_size=len(extra), max_size=len(extra)))
    seq = list(order)
    for pos, f in zip(positions, extra, strict=True):
        seq.insert(min(pos, len(seq)), f)
    batches = data.draw(st.integers(1, 3))
    digest, report, summary, _ = fleet.merge(seq, batches)
    assert (digest, report, summary) == reference[:3]


def test_the_merge_resolves_a_conflict_deterministically_and_reports_it(fleet, reference):
    _, report, summary_text, c = reference
    dets = store.get_determinations(c, fleet.marcus)
    # laptop four edited laptop one's record: laptop one owns it (its file carrying it was made
    # first), so its version stands; laptop four's is kept beside it and the conflict is flagged
    assert [d.override_outcome for d in dets.values()] == ["NEEDS_REVIEW"]
    other = office_store.conflict_versions(c, "applicant", fleet.marcus)
    assert len(other) == 1 and '"INELIGIBLE"' in other[0][2] and "open warrant in Queens" in other[0][2]
    rows = list(csv.DictReader(io.StringIO(report.decode())))
    marcus = [r for r in rows if r["applicant_id"] == fleet.marcus]
    assert [r["conflict"] for r in marcus] == ["yes"]
    assert [r["outcome"] for r in marcus] == ["NEEDS_REVIEW"] and marcus[0]["overridden"] == "yes"
    assert {r["conflict"] for r in rows if r["applicant_id"] != fleet.marcus} == {"no"}
    assert b"Records edited on two laptops (column conflict): 1" in summary_text
    c2 = central(fleet.root / "conflict-check.db")
    s = office_import.import_files(c2, [fleet.files[0], fleet.files[4]], fleet.office.identities,
                                   trust_new=True)  # 1a, then 4
    assert s.totals()["conflicts"] >= 1 and "1 conflicted record" in s.lines()[-1]


def test_duplicates_across_laptops_are_flagged_with_reasons_not_merged(reference):
    _, report, _, c = reference
    rows = list(csv.DictReader(io.StringIO(report.decode())))
    by_name = {}
    for r in rows:
        by_name.setdefault(r["name"], []).append(r)
    jane, jane_caps, swapped = by_name["Jane Sample"][0], by_name["JANE SAMPLE"][0], by_name["Sample Jane"][0]
    assert jane_caps["reference"] in jane["duplicate_of"] and swapped["reference"] in jane["duplicate_of"]
    assert "same name; date of birth missing on one record" in jane_caps["duplicate_reason"]
    assert "same docket" in swapped["duplicate_reason"]
    assert "first and last swapped" in swapped["duplicate_reason"]
    wei, marcus = by_name["Wei Chen"][0], by_name["Marcus Johnson"][0]
    assert wei["duplicate_of"] == "" and marcus["duplicate_of"] == ""  # alias matches, DOBs differ
    assert c.execute("SELECT COUNT(*) FROM applicants").fetchone()[0] == 6  # nothing merged away


# --- report --------------------------------------------------------------------------------------

def test_report_columns_counts_and_no_import_time_values(tmp_path, office, one_laptop):
    db, a, b = one_laptop
    sync.export_batch(db, tmp_path / "x.sync")
    code, text = run_cli("import", "--trust-new", str(tmp_path / "x.sync"), "--into", str(tmp_path / "c.db"),
                         "--identity", str(office.identity_path))
    assert code == 0 and "2 new, 0 updated, 0 unchanged, 0 conflicts, 0 rejected" in text
    code, text = run_cli("report", "--db", str(tmp_path / "c.db"), "--out", str(tmp_path / "review.csv"))
    assert code == 0, text
    with open(tmp_path / "review.csv", newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
    assert reader.fieldnames == REPORT_COLUMNS
    assert len(rows) == 2
    jane = next(r for r in rows if r["applicant_id"] == a.id)
    assert (jane["reference"], jane["name"], jane["docket"], jane["offense"]) == \
        (a.reference, "Jane Sample", "2016KN074376", "PL 221.10(1)")
    assert jane["printed"] == "yes" and jane["copies_printed"] == "2" and jane["laptop_name"] == "table-3"
    # the sample never answered the sentence and fines questions: K18-17 asks the DA to check
    assert jane["rule_ids"] == "K18-02;K18-17" and (jane["outcome"], jane["overridden"]) == ("ELIGIBLE", "no")
    other = next(r for r in rows if r["applicant_id"] == b.id)
    assert (other["outcome"], other["engine_outcome"], other["overridden"]) == ("ELIGIBLE", "NEEDS_REVIEW", "yes")
    assert other["override_reason"] == "DA consents to sale pleas here" and jane["override_reason"] == ""
    summary = summary_path_for(tmp_path / "review.csv").read_text()
    assert "ELIGIBLE                   2" in summary and "NEEDS_REVIEW               0" in summary
    assert "overridden                 1" in summary
    imported_at = store.sync_import_logged(central(tmp_path / "c.db"),
                                           sync.open_sync_file((tmp_path / "x.sync").read_bytes(),
                                                               office.identities).manifest["export_id"])
    assert imported_at["imported_at"][:19] not in (tmp_path / "review.csv").read_text() + summary
    assert stat.S_IMODE((tmp_path / "review.csv").stat().st_mode) == 0o600


def test_report_refuses_a_missing_database(tmp_path):
    code, text = run_cli("report", "--db", str(tmp_path / "none.db"), "--out", str(tmp_path / "r.csv"))
    assert code == 2 and "no such database" in text and not (tmp_path / "none.db").exists()


# --- purge ---------------------------------------------------------------------------------------

def test_purge_removes_only_exported_unchanged_personal_data(tmp_path, office, one_laptop):
    db, a, b = one_laptop
    sync.export_batch(db, tmp_path / "1.sync")
    services.set_attorney_note(db, b.id, "changed after export", actor="attorney-1")  # b: waiting again
    c, _ = services.intake(db, person("Never", "Exported", docket="2011KN000009"))  # never exported
    audit_before = db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    status = sync.export_status(db)
    assert (status.waiting, status.exported) == (2, 1)
    from kiosk.models import Attorney

    aid = services.add_attorney(db, Attorney(name="Ada Counsel"), "2468")
    (tmp_path / "pin.txt").write_text("2468\n")
    audit_before = db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    code, text = run_cli("purge", "--db", str(tmp_path / "laptop.db"), "--exported",
                         "--pin-file", str(tmp_path / "pin.txt"))
    assert code == 0 and "purged 1" in text and "2 still waiting" in text
    assert db.execute("SELECT actor FROM audit_log WHERE action = 'sync.purge'").fetchone()[0] == aid
    db = services.open_kiosk(tmp_path / "laptop.db")
    gone = store.applicant_row(db, a.id)
    assert gone["purged_at"] and (gone["first_name"], gone["last_name"], gone["date_of_birth"], gone["nysid"],
                                  gone["phone"], gone["email"], gone["address"]) == ("", "", None, "", "", "", "")
    assert gone["reference"] == a.reference
    assert db.execute("SELECT COUNT(*) FROM aliases WHERE applicant_id = ?", [a.id]).fetchone()[0] == 0
    assert db.execute("SELECT docket FROM convictions WHERE applicant_id = ?", [a.id]).fetchall() == [("",)]
    assert store.get_determinations(db, a.id)  # the outcome stays for the day's counts
    for kept in (b.id, c.id):
        row = store.applicant_row(db, kept)
        assert row["purged_at"] is None and row["last_name"]
    assert store.get_applicant(db, b.id).convictions[0].docket == "2012KN000777"
    assert db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == audit_before + 1
    assert sync.export_status(db).purged == 1
    # a purged record is never exported again, so it cannot blank the office's copy
    assert sync.export_batch(db, tmp_path / "all.sync", scope="all").applicants == 2
    plain = sync.open_sync_file((tmp_path / "all.sync").read_bytes(), office.identities)
    cols, rows = plain.tables["applicants"]
    assert a.id not in {r[cols.index("id")] for r in rows}


def test_purge_with_pin_checks_the_attorney(tmp_path, one_laptop):
    from kiosk.models import Attorney

    db, a, b = one_laptop
    aid = services.add_attorney(db, Attorney(name="Ada Counsel"), "2468")
    sync.export_batch(db, tmp_path / "1.sync")
    with pytest.raises(AuthError, match="wrong PIN"):
        sync.purge_exported_with_pin(db, aid, "1111")
    assert sync.export_status(db).purged == 0
    result = sync.purge_exported_with_pin(db, aid, "2468")
    assert (result.purged, result.waiting) == (2, 0)
    assert sync.export_status(db).purged == 2


def test_purge_without_the_flag_refuses(tmp_path, one_laptop):
    code, text = run_cli("purge", "--db", str(tmp_path / "laptop.db"))
    assert code == 2 and "--exported" in text


def test_contact_details_leave_the_laptop_only_with_consent(tmp_path):
    """Data minimisation: without consent to share, phone, email and address are not exported."""
    from kiosk import services
    from kiosk.sync import decrypt_to_dir, export_batch, office_keygen

    ident = tmp_path / "office.txt"
    recipient = office_keygen(ident)
    db = services.open_kiosk(str(tmp_path / "laptop.db"))
    contact = {"phone": "718 555 0142", "email": "kept@example.org", "address": "9 Consent Pl"}
    for consent, last in ((True, "Yes"), (False, "No")):
        services.intake(db, {"first_name": "Pat", "last_name": last, "consent_to_share": consent, "contact": contact,
                             "convictions": [{"docket": "2012KN000111", "offense": "PL 221.10",
                                              "conviction_date": "2012-05-05"}]})
    export_batch(db, tmp_path / "day.export", recipient=recipient)
    decrypt_to_dir(tmp_path / "day.export", ident, tmp_path / "out")
    records = json.loads((tmp_path / "out" / "records.json").read_text(encoding="utf-8"))
    by_name = {r["last_name"]: r for r in records["applicants"]}
    assert by_name["Yes"]["phone"] == "718 555 0142" and by_name["Yes"]["email"] == "kept@example.org"
    assert by_name["No"]["phone"] == by_name["No"]["email"] == by_name["No"]["address"] == ""


def test_the_office_streams_the_same_duplicate_flags_as_the_in_memory_rules(reference):
    from kiosk.duplicates import people_from_rows
    from kiosk.sync.office.duplicates import refresh

    c = reference[3]
    expected = find_duplicates(people_from_rows(*store.sync_people(c)))
    assert refresh(c) == len(expected) and store.sync_duplicate_flags(c) == expected and expected
