"""The kept `kiosk --help` text (ui/cli_help.py) is exactly what click renders for today's
commands, and the console script prints it; a command added later would show in click's
rendering, so the check cannot pass on a stale text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.ui.console_support import run
from ui import cli, cli_help, console

KEPT = Path(cli_help.__file__)
KEPT_HEADER = ('"""`kiosk --help` as click renders it for the front door (ui/cli.py), kept so that ui/console.py\n'
               'prints it without loading click (docs/benchmarks.md). tests/ui/test_cli_help.py checks it against\n'
               'click and rewrites it with KIOSK_UPDATE_REFERENCE=1 after a command or its help changes."""\n\n')


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
