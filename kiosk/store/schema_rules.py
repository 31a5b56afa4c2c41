"""The rule packs' tables, as created by the first migration (kiosk/store/migrations.py) and by the
rules-only database of the commands that evaluate without a kiosk database (kiosk/store/rules_db.py).
Changes to them are new migrations; tests/core/test_rules_db.py checks that both still agree."""

RULE_TABLES = [
    """CREATE TABLE rule_packs (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, authority TEXT NOT NULL, sources TEXT NOT NULL,
        effective_from TEXT NOT NULL, effective_to TEXT NOT NULL DEFAULT '', counties TEXT NOT NULL,
        statewide INTEGER NOT NULL, version INTEGER NOT NULL, notes TEXT NOT NULL DEFAULT '',
        hash TEXT NOT NULL, loaded_at TEXT NOT NULL)""",
    """CREATE TABLE pack_counties (
        pack_id TEXT NOT NULL REFERENCES rule_packs(id) ON DELETE CASCADE, county TEXT NOT NULL,
        PRIMARY KEY (pack_id, county))""",
    """CREATE TABLE rules (
        id TEXT PRIMARY KEY, pack_id TEXT NOT NULL REFERENCES rule_packs(id) ON DELETE CASCADE,
        position INTEGER NOT NULL, outcome TEXT NOT NULL, severity INTEGER NOT NULL,
        reason TEXT NOT NULL, notes TEXT NOT NULL DEFAULT '', scope TEXT NOT NULL DEFAULT 'inside',
        convicted_before TEXT NOT NULL DEFAULT '', n_pos INTEGER NOT NULL, "when" TEXT NOT NULL)""",
    """CREATE TABLE rule_conditions (
        rule_id TEXT NOT NULL REFERENCES rules(id) ON DELETE CASCADE, cond_no INTEGER NOT NULL,
        negate INTEGER NOT NULL, token TEXT NOT NULL)""",
    "CREATE INDEX rule_conditions_token ON rule_conditions(token, negate, rule_id, cond_no)",
]
