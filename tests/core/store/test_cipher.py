"""kiosk.store.cipher: SQLCipher connections that refuse a wrong key, and a plain database turned into
an encrypted one with every row (docs/storage-encryption.md)."""

from __future__ import annotations

import os

import pytest

from kiosk import services, store
from kiosk.errors import AuthError
from kiosk.store import cipher
from kiosk.store.connection import open_db
from tests.core.sync_support import person

MARKER = "Zebulonmarker"  # a name that must never be readable in the encrypted file


def test_a_plain_database_is_converted_with_every_row(tmp_path):
    path = tmp_path / "kiosk.db"
    plain = open_db(path, encrypted=False)
    services.intake(plain, person(MARKER, "Quixotemarker", aliases=["Aliasmarker Quixote"]))
    for i in range(30):
        services.intake(plain, person("Pat", f"Number{'abcdefghijklmnopqrstuvwxyz'[i % 26]}"))
    counts = store.counts(plain)
    plain.conn.close()
    assert path.read_bytes().startswith(b"SQLite format 3")
    db = services.open_kiosk(path)
    assert db.converted and store.counts(db) == counts
    assert not path.read_bytes().startswith(b"SQLite format 3")
    assert all(m not in path.read_bytes() for m in (MARKER.encode(), b"Aliasmarker", b"2016KN074376"))
    db.conn.close()
    assert not services.open_kiosk(path).converted  # told once


def test_a_wrong_key_is_refused_on_the_first_read_and_the_right_one_opens(tmp_path):
    key = os.urandom(32)
    conn = cipher.connect(tmp_path / "c.db", key)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (42)")
    conn.commit()
    conn.close()
    wrong = cipher.connect(tmp_path / "c.db", os.urandom(32))
    with pytest.raises(AuthError, match="does not open this database"):
        cipher.check_key(wrong)
    right = cipher.connect(tmp_path / "c.db", key)
    cipher.check_key(right)
    assert right.execute("SELECT x FROM t").fetchall() == [(42,)]
    right.close()
    assert b"CREATE TABLE" not in (tmp_path / "c.db").read_bytes()


def test_the_event_office_key_is_read_from_a_plain_database_and_empty_without_an_event(tmp_path):
    from kiosk.validate import parse_event

    plain = open_db(tmp_path / "p.db", encrypted=False)
    assert cipher.event_office_recipient(plain.conn) == ""
    recipient = "age1" + "q" * 58
    services.configure_event(plain, parse_event({"name": "Begin Again", "starts_on": "2018-09-21",
                                                 "ends_on": "2018-09-21", "venue": "Church",
                                                 "office_recipient": recipient}))
    assert cipher.event_office_recipient(plain.conn) == recipient
    assert cipher.event_office_recipient(cipher.connect(tmp_path / "empty.db", None)) == ""


def test_a_key_file_of_another_database_is_refused_as_a_key_not_as_damage(tmp_path):
    import shutil

    services.open_kiosk(tmp_path / "a.db").conn.close()
    services.open_kiosk(tmp_path / "b.db").conn.close()
    shutil.copyfile(tmp_path / "b.db.keys", tmp_path / "a.db.keys")  # the same event passphrase unwraps it
    with pytest.raises(AuthError, match="key file belongs to another database"):
        services.open_kiosk(tmp_path / "a.db")
