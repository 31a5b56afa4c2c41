"""The schema through sqlite-utils Migrations: an empty database, an existing one (applied twice =
no change, data kept), the durability pragmas, and owner-only files and folders."""

from __future__ import annotations

import os
import stat

import pytest

from kiosk import services, store
from kiosk.errors import StorageError
from kiosk.store.connection import open_db
from kiosk.store.migrations import MIGRATIONS
from tests.core.conftest import applicant_dict

TABLES = {"settings", "events", "attorneys", "applicants", "aliases", "convictions", "determinations",
          "documents", "audit_log", "rule_packs", "pack_counties", "rules", "rule_conditions", "exports",
          "export_items", "print_jobs"}


def schema(db) -> list[tuple]:
    return db.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
                      "ORDER BY type, name").fetchall()


def applied(db) -> list[tuple]:
    return db.execute("SELECT migration_set, name, applied_at FROM _sqlite_migrations ORDER BY rowid").fetchall()


def test_empty_database_gets_every_table(db_path):
    db = open_db(db_path)
    names = set(db.table_names())
    assert TABLES <= names
    assert [m[1] for m in applied(db)] == [m.name for m in MIGRATIONS._migrations]
    assert MIGRATIONS.pending(db) == []


def test_every_record_table_has_uuid_ids_timestamps_and_laptop_id(db_path):
    db = open_db(db_path)
    for table in ("events", "attorneys", "applicants", "aliases", "convictions", "determinations",
                  "documents", "print_jobs"):
        cols = db[table].columns_dict
        assert {"id", "created_at", "updated_at", "laptop_id"} <= set(cols), table


def test_applying_twice_changes_nothing_and_keeps_data(db_path):
    db = services.open_kiosk(db_path)
    applicant, _ = services.intake(db, applicant_dict(), as_of=None)
    before = (schema(db), applied(db), store.counts(db))
    db.conn.close()
    db = services.open_kiosk(db_path)
    MIGRATIONS.apply(db)
    assert (schema(db), applied(db), store.counts(db)) == before
    again = store.get_applicant(db, applicant.id)
    assert (again.last_name, again.reference, len(again.convictions)) == ("Sample", applicant.reference, 1)


def test_an_existing_first_version_database_is_migrated_with_its_data(db_path):
    names = [m.name for m in MIGRATIONS._migrations]
    db = open_db(db_path, migrate=False)
    MIGRATIONS.apply(db, stop_before=names[1])
    assert [m[1] for m in applied(db)] == names[:1]
    assert "print_jobs" not in db.table_names()
    stamp = {"created_at": "2018-09-21T10:00:00+00:00", "updated_at": "2018-09-21T10:00:00+00:00",
             "laptop_id": "laptop-1"}
    db["settings"].insert({"key": "laptop_id", "value": "laptop-1"})
    db["applicants"].insert({"id": "a1", "reference": "BA-22222A", "last_name": "Old", **stamp})
    db["convictions"].insert({"id": "c1", "applicant_id": "a1", "position": 0, "court": "criminal",
                              "county": "kings", "offense": "PL 221.10(1)", "section": "221.10",
                              "subdivision": "1", "conviction_date": "2016-03-21", **stamp})
    db.conn.commit()
    db.conn.close()

    db = services.open_kiosk(db_path)
    assert [m[1] for m in applied(db)] == names
    assert TABLES <= set(db.table_names())
    a = store.get_applicant(db, "a1")
    assert (a.last_name, a.reference, a.convictions[0].offense) == ("Old", "BA-22222A", "PL 221.10(1)")
    assert store.laptop_id(db) == "laptop-1"


def test_pragmas(db_path):
    db = open_db(db_path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_foreign_keys_cascade_and_refuse_orphans(db):
    applicant, _ = services.intake(db, applicant_dict(), as_of=None)
    with pytest.raises(StorageError), store.transaction(db):
        db.execute(
            "INSERT INTO convictions(id, applicant_id, position, court, county, offense, section, "
            "conviction_date, created_at, updated_at, laptop_id) "
            "VALUES ('x', 'no-such-applicant', 0, 'criminal', 'kings', 'PL 221.05', '221.05', "
            "'2016-01-01', 't', 't', 'l')")
    assert store.counts(db)["convictions"] == 1
    with store.transaction(db):
        store.delete_applicant(db, applicant.id)
    assert store.counts(db)["convictions"] == store.counts(db)["determinations"] == 0


def test_new_folder_is_owner_only_and_file_0600(tmp_path):
    old = os.umask(0)  # the modes must not depend on the user's umask
    try:
        path = tmp_path / "new" / "kiosk.db"
        db = services.open_kiosk(path)
        services.intake(db, applicant_dict(), as_of=None)  # writes the -wal file too
        assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        wal = path.with_name(path.name + "-wal")
        assert wal.exists() and stat.S_IMODE(os.stat(wal).st_mode) == 0o600
        assert store.file_owner_only(str(path))
    finally:
        os.umask(old)


def test_not_a_database_is_a_storage_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are not the droids " * 100)
    with pytest.raises(StorageError, match="not a kiosk database"):
        open_db(path)


def test_a_folder_is_not_a_database(tmp_path):
    (tmp_path / "kiosk.db").mkdir()
    with pytest.raises(StorageError, match="folder"):
        open_db(tmp_path / "kiosk.db")


def test_memory_database_for_screening():
    db = open_db(":memory:")
    assert TABLES <= set(db.table_names())
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1

