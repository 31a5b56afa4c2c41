"""A database holding only the rule packs, in memory, for the commands that evaluate without a
kiosk database (`kiosk screen`, `kiosk evaluate` and `kiosk motion` on a file).

It is plain sqlite3 with the same tables and the same loader as a kiosk database, so the engine's
one SQL query runs unchanged; what it saves is start-up: sqlite-utils (with pluggy, click and
dateutil) and the migrations are not imported (docs/benchmarks.md)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..rules import load_packs
from .rule_packs import load_rule_packs
from .schema_rules import RULE_TABLES


class RulesDB:
    """The part of sqlite-utils' Database that the rules' store functions use."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def execute(self, sql: str, parameters: Any = None) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters or [])

    @contextmanager
    def atomic(self) -> Iterator[RulesDB]:
        with self.conn:
            yield self


def open_rules_db() -> RulesDB:
    """A fresh in-memory database with the shipped rule packs loaded."""
    db = RulesDB(sqlite3.connect(":memory:"))
    for statement in RULE_TABLES:
        db.execute(statement)
    load_rule_packs(db, load_packs())  # type: ignore[arg-type]
    return db
