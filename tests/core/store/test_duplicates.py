"""kiosk.store.duplicates: grouping shared keys in SQL and writing the flags the grouping gives."""

from kiosk import store
from kiosk.store import duplicates
from kiosk.validate import parse_applicant
from tests.core.conftest import applicant_dict, conviction_dict


def _pairs_by_kind(calls):
    def pairs_of(rows):
        rows = list(rows)
        calls.append(rows)
        ids = sorted({pid for _, pid, _ in rows})
        return [(a, b, rows[0][0]) for i, a in enumerate(ids) for b in ids[i + 1:]]
    return pairs_of


def _flags(db):
    return db.execute("SELECT applicant_id, other_id, reason FROM duplicate_flags ORDER BY 1, 2, 3").fetchall()


def test_only_keys_two_records_share_are_grouped_and_flagged():
    db = store.open_db(":memory:")
    calls: list = []
    keys = [("name:ann", "same name", "a", "1980-01-01"), ("name:ann", "same name", "b", "1980-01-01"),
            ("name:cy", "same name", "c", None), ("dock:1", "same docket", "a", "1980-01-01"),
            ("dock:1", "same docket", "b", "1980-01-01")]
    n = duplicates.replace_flags(db, keys, _pairs_by_kind(calls), swapped="swapped", same_name="same name")
    assert n == 1
    assert _flags(db) == [("a", "b", "same docket; same name")]
    assert sorted(r[0][0] for r in calls) == ["same docket", "same name"]  # "name:cy" alone is never asked
    assert db.execute("SELECT name FROM temp.sqlite_master WHERE name LIKE 'dup_%'").fetchall() == []


def test_a_swapped_name_flag_gives_way_to_the_same_name_flag_and_old_flags_go():
    db = store.open_db(":memory:")
    duplicates.replace_flags(db, [("k", "old", "x", None), ("k", "old", "y", None)], _pairs_by_kind([]),
                             swapped="swapped", same_name="same name")
    keys = [("n1", "same name", "a", None), ("n1", "same name", "b", None),
            ("n2", "swapped names", "a", None), ("n2", "swapped names", "b", None),
            ("n3", "swapped names", "c", None), ("n3", "swapped names", "d", None)]
    assert duplicates.replace_flags(db, keys, _pairs_by_kind([]), swapped="swapped", same_name="same name") == 2
    assert _flags(db) == [("a", "b", "same name"), ("c", "d", "swapped names")]


def test_people_stream_in_id_order_without_purged_ones(db):
    ids = []
    with store.transaction(db):
        for n, name in enumerate(["Ann", "Bea", "Cy", "Di"]):
            raw = applicant_dict(first_name=name, aliases=[f"{name} Alias"],
                                 convictions=[conviction_dict(docket=f"2016KN07437{n}")])
            ids.append(store.save_applicant(db, parse_applicant(raw)))
        store.sync_purge_applicants(db, [ids[1]], store.now())
    people, aliases, dockets = duplicates.people_streams(db)
    kept = sorted(set(ids) - {ids[1]})
    assert [r[0] for r in people] == kept
    assert [a[0] for a in aliases] == kept  # a purge removes the aliases
    assert [d[0] for d in dockets] == kept  # and blanks the dockets
