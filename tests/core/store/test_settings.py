"""kiosk.store.settings: the key/value settings a laptop keeps (PIN waits, partial exports)."""

from kiosk import store


def test_a_setting_is_written_replaced_and_deleted(db):
    with store.transaction(db):
        store.set_setting(db, "sync.partial_exports", "[1]")
        store.set_setting(db, "sync.partial_exports", "[2]")
    assert store.get_setting(db, "sync.partial_exports") == "[2]"
    with store.transaction(db):
        store.delete_setting(db, "sync.partial_exports")
        store.delete_setting(db, "never.set")
    assert store.get_setting(db, "sync.partial_exports", "none") == "none"
    assert db.execute("SELECT COUNT(*) FROM settings WHERE key LIKE 'sync.%'").fetchone()[0] == 0


def test_the_laptop_id_is_made_once_and_kept(db):
    first = store.laptop_id(db)
    assert first and store.get_setting(db, "laptop_id") == first
    assert store.laptop_id(db) == first
