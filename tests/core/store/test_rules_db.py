"""The rules-only database (commands that evaluate without a kiosk database) has the rule tables
of a migrated kiosk database, the same packs, and gives the same determinations."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

from kiosk.benchmarks.samples import sample_applicant
from kiosk.eligibility import evaluate_applicant
from kiosk.services import open_kiosk
from kiosk.store.rules_db import open_rules_db
from kiosk.validate import parse_applicant

RULE_TABLES = ("rule_packs", "pack_counties", "rules", "rule_conditions")


def _schema(conn) -> list[tuple]:
    return conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE tbl_name IN "
                        f"({','.join('?' * len(RULE_TABLES))}) ORDER BY name", RULE_TABLES).fetchall()


def _content(conn) -> list[list[tuple]]:
    return [conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in RULE_TABLES]


def test_same_tables_and_packs_as_a_migrated_database():
    kiosk_db, rules_db = open_kiosk(":memory:"), open_rules_db()
    assert _schema(rules_db.conn) == _schema(kiosk_db.conn)
    drop_loaded_at = [[r[:-1] for r in rows] if i == 0 else rows
                      for i, rows in enumerate(_content(rules_db.conn))]
    assert drop_loaded_at == [[r[:-1] for r in rows] if i == 0 else rows
                              for i, rows in enumerate(_content(kiosk_db.conn))]
    assert len(drop_loaded_at[2]) > 20


def test_same_determinations():
    kiosk_db, rules_db = open_kiosk(":memory:"), open_rules_db()
    for i in range(12):
        raw = sample_applicant(i, convictions=3)
        for k, c in enumerate(raw["convictions"]):
            c["offense"] = ["PL 221.05", "PL 221.20", "PL 221.35", "PL 240.20"][(i + k) % 4]
            c["county"] = ["kings", "queens"][i % 2]
            c["docket"] = ""
        a = parse_applicant(raw)
        for as_of in (date(2018, 9, 21), date(2019, 9, 1), date(2022, 1, 1)):
            assert evaluate_applicant(rules_db, a, as_of) == evaluate_applicant(kiosk_db, a, as_of)


def test_screening_does_not_import_sqlite_utils_or_multiprocessing(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("offense,conviction_date,docket\nPL 221.10(1),2016-03-21,2016KN074376\n", encoding="utf-8")
    code = ("import sys\nfrom kiosk.cli import main\n"
            "try:\n"
            f"    main(['screen', {str(src)!r}, '--out', {str(tmp_path / 'o.csv')!r}, '--quiet'])\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('sqlite_utils', 'pluggy', 'dateutil', 'multiprocessing', 'concurrent')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
