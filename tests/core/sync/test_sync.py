"""The sync file end to end, across laptops and the office: the round trip, five laptops' files merged
in any order (conflicts, duplicates), the report. Each room's own behaviour is tested beside its
mirror (tests/core/sync/test_keys.py, test_export.py, ...)."""

from __future__ import annotations

import csv
import io
import stat
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk import services, store, sync
from kiosk.duplicates import find_duplicates
from kiosk.report import REPORT_COLUMNS, summary_path_for, write_report
from kiosk.store import office_merge as office_store
from kiosk.sync.office import importer as office_import
from tests.core.sync_support import (
    Office,
    add_print,
    central,
    laptop,
    person,
    run_cli,
)

ROOT = Path(__file__).resolve().parents[3]


# --- round trip -------------------------------------------------------------------------------

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


# --- import: idempotence, order, conflicts ----------------------------------------------------------

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


# --- the office's duplicate flags --------------------------------------------------------------

def test_the_office_streams_the_same_duplicate_flags_as_the_in_memory_rules(reference):
    from kiosk.duplicates import people_from_rows
    from kiosk.sync.office.duplicates import refresh

    c = reference[3]
    expected = find_duplicates(people_from_rows(*store.sync_people(c)))
    assert refresh(c) == len(expected) and store.sync_duplicate_flags(c) == expected and expected
