"""kiosk.store.schema_rules: the rule packs' tables; removing a pack removes its counties, rules and
their conditions with it (a changed pack is loaded by deleting the old one)."""

from __future__ import annotations

import sqlite3

from kiosk.store.schema_rules import RULE_TABLES


def test_the_tables_are_created_and_a_pack_takes_its_rules_with_it():
    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA foreign_keys = ON")
    for statement in RULE_TABLES:
        conn.execute(statement)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert names == {"rule_packs", "pack_counties", "rules", "rule_conditions"}
    conn.execute("INSERT INTO rule_packs VALUES ('p', 't', 'a', '[]', '2018-01-01', '', '[]', 0, 1, '', 'h', 'x')")
    conn.execute("INSERT INTO pack_counties VALUES ('p', 'kings')")
    conn.execute("INSERT INTO rules(id, pack_id, position, outcome, severity, reason, n_pos, \"when\") "
                 "VALUES ('r', 'p', 0, 'ELIGIBLE', 0, 'why', 1, '{}')")
    conn.execute("INSERT INTO rule_conditions VALUES ('r', 0, 0, 'offense:221.10')")
    conn.execute("DELETE FROM rule_packs WHERE id = 'p'")
    assert [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("pack_counties", "rules", "rule_conditions")] == [0, 0, 0]
