"""The `kiosk` console script (ui/console.py): `kiosk --help` printed from the kept text, which must
be exactly what click renders for today's commands, without loading click or any command; every
other command line goes to the front door (ui/cli.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui import cli, cli_help, console

KEPT = Path(cli_help.__file__)
KEPT_HEADER = ('"""`kiosk --help` as click renders it for the front door (ui/cli.py), kept so that ui/console.py\n'
               'prints it without loading click (docs/benchmarks.md). tests/ui/test_console.py checks it against\n'
               'click and rewrites it with KIOSK_UPDATE_REFERENCE=1 after a command or its help changes."""\n\n')


def run(capsys, main, *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as e:
        main(list(args))
    out, _ = capsys.readouterr()
    return e.value.code, out


@pytest.fixture
def wide(monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv(console.COMPLETION_VAR, raising=False)


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_the_kept_help_is_what_click_renders_for_the_commands(capsys, wide, flag):
    code, rendered = run(capsys, cli.main, flag)
    assert code == 0 and rendered.startswith("Usage: kiosk [OPTIONS] COMMAND [ARGS]...")
    if os.environ.get("KIOSK_UPDATE_REFERENCE") == "1":
        KEPT.write_text(f'{KEPT_HEADER}HELP = """\\\n{rendered}"""\n', encoding="utf-8")
        cli_help.HELP = rendered
    assert cli_help.HELP == rendered, "a command or its help changed: rerun with KIOSK_UPDATE_REFERENCE=1"
    assert run(capsys, console.main, flag) == (0, rendered)


def test_a_command_added_later_is_in_the_help_click_renders(capsys, wide, monkeypatch):
    """The check above would catch a kept text that misses a command: click's rendering has it."""
    import click

    monkeypatch.setitem(cli.cli.commands, "zz-probe", click.Command("zz-probe", help="Probe."))
    _, rendered = run(capsys, cli.main, "--help")
    assert "zz-probe" in rendered and rendered != cli_help.HELP


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
