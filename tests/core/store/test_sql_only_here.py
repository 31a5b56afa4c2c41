"""SQL only under kiosk/store/ (docs/architecture.md): no other module of the core or the GUI
calls a database cursor or holds an SQL statement, so every query can be found, reviewed and
tuned in one package."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CALLS = {"execute", "executemany", "executescript", "query"}
SQL = re.compile(r"\b(SELECT\b[\s\S]*\bFROM\b|INSERT\s+(OR\s+[A-Z]+\s+)?INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b"
                 r"|CREATE\s+(TEMP\s+|VIRTUAL\s+|UNIQUE\s+)?(TABLE|INDEX|VIEW|TRIGGER)\b|DROP\s+(TABLE|INDEX)\b"
                 r"|ALTER\s+TABLE\b|PRAGMA\s+\w+|ATTACH\s+DATABASE\b)")

# (path or folder prefix, what it may hold) -> why; kept short on purpose
ALLOWED: dict[tuple[str, str], str] = {
    ("kiosk/bench", "any"): "benchmarks build raw fixtures and time the bare SQLCipher floor; production code "
                            "never imports them (kiosk/bench*.py, kiosk/benchmarks/)",
    ("kiosk/sync/office/rules.py", "string"): "the office's stored-row rules are SQL conditions declared beside the "
                                              "Python rules they mirror; kiosk.store.office_merge runs them",
}


def _allowed(rel: str, kind: str) -> bool:
    return any(rel.startswith(prefix) and allowed in ("any", kind) for prefix, allowed in ALLOWED)


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def sql_outside_store(root: Path) -> list[str]:
    """Every database call or SQL string in kiosk/ and ui/ outside kiosk/store/, as 'path:line what'."""
    found = []
    for path in sorted([*(root / "kiosk").rglob("*.py"), *(root / "ui").rglob("*.py")]):
        rel = path.relative_to(root).as_posix()
        if rel.startswith("kiosk/store/"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in CALLS
                    and not _allowed(rel, "call")):
                found.append(f"{rel}:{node.lineno} calls .{node.func.attr}()")
            elif (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
                  and SQL.search(node.value) and not _allowed(rel, "string")):
                found.append(f"{rel}:{node.lineno} holds SQL: {node.value[:40]!r}")
    return found


def test_no_sql_outside_the_store():
    assert sql_outside_store(ROOT) == []


def test_the_allowlist_names_files_that_exist():
    for prefix, _ in ALLOWED:
        assert list(ROOT.glob(prefix + "*")), f"{prefix} is allowed SQL but no longer exists: drop it"


def test_a_planted_query_is_found(tmp_path):
    """The check fails on a module outside the store that runs SQL, by call or by string."""
    for part in ("kiosk", "ui"):
        shutil.copytree(ROOT / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    assert sql_outside_store(tmp_path) == []
    (tmp_path / "kiosk" / "planted.py").write_text(
        'COUNT = "SELECT count(*) FROM applicants"\n\n\ndef n(db):\n    return db.execute(COUNT).fetchone()[0]\n')
    (tmp_path / "ui" / "planted_view.py").write_text('def wipe(db):\n    db.query("DELETE FROM aliases")\n')
    assert sql_outside_store(tmp_path) == [
        "kiosk/planted.py:1 holds SQL: 'SELECT count(*) FROM applicants'",
        "kiosk/planted.py:5 calls .execute()",
        "ui/planted_view.py:2 calls .query()",
        "ui/planted_view.py:2 holds SQL: 'DELETE FROM aliases'",
    ]
