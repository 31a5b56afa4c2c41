"""The rule packs' tables: loading the shipped packs, listing them, and the one set-based query
that finds every rule matching each conviction (kiosk.eligibility builds the facts and decides
which match wins, docs/legal.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from ..errors import NotFoundError
from ..models import PackRef
from ..rules import SEVERITY, RulePack
from .settings import now

if TYPE_CHECKING:
    from sqlite_utils import Database


def packs_loaded(db: Database) -> dict[str, str]:
    return {r[0]: r[1] for r in db.execute("SELECT id, hash FROM rule_packs").fetchall()}


def load_rule_packs(db: Database, packs: list[RulePack]) -> bool:
    """Replace the stored packs when any file changed (by hash). Returns True when it wrote."""
    if packs_loaded(db) == {p.id: p.hash for p in packs}:
        return False
    with db.atomic():
        db.execute("DELETE FROM rule_conditions")
        db.execute("DELETE FROM rules")
        db.execute("DELETE FROM pack_counties")
        db.execute("DELETE FROM rule_packs")
        t = now()
        for p in packs:
            db.execute(
                "INSERT INTO rule_packs(id, title, authority, sources, effective_from, effective_to, "
                "counties, statewide, version, notes, hash, loaded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [p.id, p.title, p.authority, json.dumps(p.sources), p.effective_from, p.effective_to,
                 json.dumps(p.counties), int(p.statewide), p.version, p.notes, p.hash, t],
            )
            db.conn.executemany("INSERT INTO pack_counties(pack_id, county) VALUES (?, ?)",
                                [(p.id, c) for c in p.counties if c != "*"])
            for r in p.rules:
                n_pos = sum(1 for c in r.conditions if not c.negate)
                db.execute(
                    'INSERT INTO rules(id, pack_id, position, outcome, severity, reason, notes, scope, '
                    'convicted_before, n_pos, "when") VALUES (?,?,?,?,?,?,?,?,?,?,?)',
                    [r.id, p.id, r.position, r.outcome, SEVERITY[r.outcome], r.reason, r.notes, r.scope,
                     r.convicted_before, n_pos, json.dumps(r.when)],
                )
                db.conn.executemany(
                    "INSERT INTO rule_conditions(rule_id, cond_no, negate, token) VALUES (?,?,?,?)",
                    [(r.id, i, int(c.negate), t_) for i, c in enumerate(r.conditions) for t_ in c.tokens],
                )
    return True


def list_packs(db: Database) -> list[dict]:
    rows = db.query("SELECT p.*, (SELECT COUNT(*) FROM rules r WHERE r.pack_id = p.id) AS rule_count "
                    "FROM rule_packs p ORDER BY effective_from, id")
    return [dict(r) for r in rows]


def get_pack(db: Database, pack_id: str) -> tuple[dict, list[dict]]:
    rows = list(db.query("SELECT * FROM rule_packs WHERE id = ?", [pack_id]))
    if not rows:
        raise NotFoundError(f"no rule pack with id '{pack_id}' (see `kiosk rules list`)")
    rules = [dict(r) for r in db.query("SELECT * FROM rules WHERE pack_id = ? ORDER BY position", [pack_id])]
    return dict(rows[0]), rules


def get_rule(db: Database, rule_id: str) -> dict | None:
    rows = list(db.query("SELECT * FROM rules WHERE id = ?", [rule_id]))
    return dict(rows[0]) if rows else None


# --- set-based rule matching (kiosk.eligibility builds the facts and reads the answer) ----------

_MATCH_SQL = """
WITH packs_in_force AS (
    SELECT id, effective_from, statewide FROM rule_packs
    WHERE effective_from <= :as_of AND (effective_to = '' OR effective_to >= :as_of)
),
pos AS (
    SELECT f.ckey, c.rule_id, COUNT(DISTINCT c.cond_no) AS n
    FROM temp.eval_facts f JOIN rule_conditions c ON c.token = f.token AND c.negate = 0
    GROUP BY f.ckey, c.rule_id
),
matched AS (
    SELECT pos.ckey, r.id AS rule_id, r.pack_id, r.outcome, r.reason, r.severity, r.position,
           p.effective_from
    FROM pos
    JOIN rules r ON r.id = pos.rule_id AND pos.n = r.n_pos
    JOIN packs_in_force p ON p.id = r.pack_id
    JOIN temp.eval_convs cv ON cv.ckey = pos.ckey
    WHERE (r.convicted_before = '' OR cv.conviction_date < r.convicted_before)
      AND (r.scope = 'inside') = (p.statewide = 1 OR EXISTS (
              SELECT 1 FROM pack_counties pc WHERE pc.pack_id = p.id AND pc.county = cv.county))
      AND NOT EXISTS (
              SELECT 1 FROM rule_conditions n JOIN temp.eval_facts f2
                ON f2.ckey = pos.ckey AND f2.token = n.token
              WHERE n.rule_id = r.id AND n.negate = 1)
)
SELECT ckey, rule_id, pack_id, outcome, reason
FROM matched
ORDER BY ckey, outcome = 'ADVISORY', effective_from DESC, pack_id, severity DESC, position
"""


def match_rules(db: Database, convs: Iterable[tuple[int, str, str]], facts: Iterable[tuple[int, str]],
                as_of: date) -> list[tuple[int, str, str, str, str]]:
    """Every rule in force on `as_of` that matches each conviction, best first per conviction.

    `convs` rows are (ckey, conviction_date ISO, county); `facts` rows are (ckey, token). One query
    answers one conviction or a whole extract alike."""
    conn = db.conn
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS eval_convs "
                 "(ckey INTEGER PRIMARY KEY, conviction_date TEXT, county TEXT)")
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS eval_facts (ckey INTEGER, token TEXT)")
    conn.execute("CREATE INDEX IF NOT EXISTS temp.eval_facts_key ON eval_facts(ckey, token)")
    try:
        conn.execute("DELETE FROM temp.eval_convs")
        conn.execute("DELETE FROM temp.eval_facts")
        conn.executemany("INSERT INTO temp.eval_convs VALUES (?, ?, ?)", convs)
        conn.executemany("INSERT INTO temp.eval_facts VALUES (?, ?)", facts)
        return conn.execute(_MATCH_SQL, {"as_of": as_of.isoformat()}).fetchall()
    finally:
        conn.execute("DELETE FROM temp.eval_convs")
        conn.execute("DELETE FROM temp.eval_facts")


def date_thresholds(db: Database) -> list[str]:
    """The distinct `convicted_before` dates of all rules, ascending."""
    return [r[0] for r in db.execute(
        "SELECT DISTINCT convicted_before FROM rules WHERE convicted_before != '' ORDER BY 1").fetchall()]


def pack_refs(db: Database, as_of: date) -> list[PackRef]:
    iso = as_of.isoformat()
    rows = db.execute("SELECT id, hash FROM rule_packs WHERE effective_from <= ? AND "
                      "(effective_to = '' OR effective_to >= ?) ORDER BY effective_from DESC", [iso, iso])
    return [PackRef(id=r[0], hash=r[1]) for r in rows.fetchall()]
