"""The `kiosk` console script (ui/console.py): `kiosk --help` printed from the kept text, which must
be exactly what click renders for today's commands, without loading click or any command; every
other command line goes to the front door (ui/cli.py); the windowed executable's start (`launch`)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import ui.app
import ui.selftest
from tests.ui.console_support import run
from ui import cli_help, console


def test_click_renders_the_help_where_the_kept_text_would_differ(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")  # click wraps to the terminal's width below 80 columns
    assert console.kept_help(["--help"]) is None
    code, out = run(capsys, console.main, "--help")
    assert code == 0 and out != cli_help.HELP and max(map(len, out.splitlines())) <= 58
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv(console.COMPLETION_VAR, "bash_complete")  # a shell asking click to complete
    assert console.kept_help(["--help"]) is None
    monkeypatch.delenv(console.COMPLETION_VAR)
    for args in (["--help", "motion"], ["motion", "--help"], ["--version"], []):
        assert console.kept_help(args) is None, args


def test_other_commands_go_to_the_front_door(capsys, wide):
    code, out = run(capsys, console.main, "--version")
    assert code == 0 and out.startswith("kiosk, version ")


_HELP_IMPORTS = """
import atexit, sys
loaded = lambda: sorted(m for m in sys.modules if m.split(".")[0] in ("click", "kiosk", "PySide6")
                        or m in ("ui.cli", "ui.app"))
atexit.register(lambda: print(loaded(), file=sys.stderr))
from ui.console import main
main()
"""


def test_kiosk_help_loads_no_click_and_no_command_module():
    p = subprocess.run([sys.executable, "-c", _HELP_IMPORTS, "--help"], capture_output=True, text=True,
                       timeout=60, env={**os.environ, "COLUMNS": "100"}, check=True)
    assert p.stdout == cli_help.HELP
    assert p.stderr.strip() == "[]"


def test_the_windowed_executable_opens_the_app_with_its_flags_and_says_nothing(capsys, monkeypatch, tmp_path):
    opened: list[dict] = []
    monkeypatch.setattr(ui.app, "run", lambda **kw: opened.append(kw) or 0)
    db_path = tmp_path / "kiosk.db"
    with pytest.raises(SystemExit) as e:
        console.launch(["--db", str(db_path), "--kiosk", "--demo"])
    assert e.value.code == 0 and capsys.readouterr() == ("", "")  # no console to tell a new database on
    assert opened == [{"db_path": str(db_path), "kiosk_mode": True, "demo": True}]


def test_the_windowed_executable_hands_its_self_test_flag_to_the_front_door(capsys, monkeypatch):
    ran: list[object] = []
    monkeypatch.setattr(ui.selftest, "main", lambda parent=None: ran.append(parent) or 0)
    with pytest.raises(SystemExit) as e:
        console.launch(["--workdir", "w", "--self-test"])
    assert e.value.code == 0 and ran == ["w"]
