"""kiosk.sync.office.merge: a record's content hashes the same however its columns and rows are
ordered, and the laptop whose file carrying a record was made first owns it; a later file's other
version is kept beside it for review, never in its place."""

from __future__ import annotations

from kiosk import services, store, sync
from kiosk.store import office_merge
from kiosk.sync.office import importer
from kiosk.sync.office.merge import canonical
from tests.core.sync_support import central, laptop, person


def test_the_canonical_content_ignores_column_and_row_order():
    a = canonical([("aliases", ["id", "name"], [("2", "B"), ("1", "A")])])
    b = canonical([("aliases", ["name", "id"], [("A", "1"), ("B", "2")])])
    assert a == b == b'[["aliases","id","name"],[["1","A"],["2","B"]]]'
    assert canonical([("aliases", ["id", "name"], [("1", "Á")])]).decode() == '[["aliases","id","name"],[["1","Á"]]]'


def test_the_first_exporting_laptop_owns_the_record_whatever_the_import_order(tmp_path, office):
    first = laptop(tmp_path / "one.db", office, "one")
    x, _ = services.intake(first, person("Marcus", "Johnson", docket="2011KN000001", dob="1975-01-01"))
    sync.export_batch(first, tmp_path / "one.sync")
    second = laptop(tmp_path / "two.db", office, "two")  # got laptop one's file and edited the record
    importer.import_files(second, [tmp_path / "one.sync"], office.identities, trust_new=True)
    services.override_outcome(second, x.id, x.convictions[0].id, "INELIGIBLE", "open warrant in Queens",
                              actor="att-2")
    sync.export_batch(second, tmp_path / "two.sync")
    c = central(tmp_path / "central.db")
    late = importer.import_files(c, [tmp_path / "two.sync"], office.identities, trust_new=True)
    assert (late.files[0].new, late.files[0].conflicts) == (1, 0)  # laptop two's version, for now
    early = importer.import_files(c, [tmp_path / "one.sync"], office.identities, trust_new=True)
    # laptop one's file was made first: the applicant and the event pass to it, laptop two's versions kept aside
    assert (early.files[0].updated, early.files[0].conflicts) == (1, 2)
    assert [d.override_outcome for d in store.get_determinations(c, x.id).values()] == [""]
    [(laptop_id, _, content)] = office_merge.conflict_versions(c, "applicant", x.id)
    assert laptop_id == store.laptop_id(second) and "open warrant in Queens" in content
