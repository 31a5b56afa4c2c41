"""kiosk.store.connection: the WAL checkpoint and the SQLCipher probe the self-test relies on."""

import pytest

from kiosk import store


def test_a_truncating_checkpoint_empties_the_wal(db, db_path):
    with store.transaction(db):
        store.set_setting(db, "probe", "x" * 10_000)
    wal = db_path.with_name(db_path.name + "-wal")
    assert wal.stat().st_size > 0
    store.checkpoint(db, "TRUNCATE")
    assert wal.stat().st_size == 0
    assert store.get_setting(db, "probe") == "x" * 10_000


def test_a_checkpoint_mode_is_never_pasted_into_sql_unchecked(db):
    with pytest.raises(ValueError):
        store.checkpoint(db, "FULL); DROP TABLE applicants; --")
    assert "applicants" in db.table_names()


def test_cipher_version_names_sqlcipher_on_a_laptop_database_and_nothing_on_plain_sqlite(db):
    assert store.cipher_version(db).split()[0][0].isdigit()
    plain = store.open_db(":memory:")
    assert store.cipher_version(plain) == ""
