"""The core's `self-test` and `bench` (kiosk/cli_diagnostics.py): the core's own command line,
`python -m kiosk`, checks an installation without Qt; the app's `kiosk` adds the Qt steps."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click

from kiosk import cli

ROOT = Path(__file__).resolve().parents[2]


def test_the_core_self_test_runs_the_qt_free_steps_and_loads_no_qt(tmp_path):
    code = ("import sys\nfrom kiosk.cli import main\ntry:\n    main(['self-test', '--workdir', sys.argv[1]])\n"
            "finally:\n    print('qt loaded' if 'PySide6' in sys.modules else 'no qt', file=sys.stderr)\n")
    env = {k: v for k, v in os.environ.items() if k != "KIOSK_DEBUG"}
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, cwd=ROOT,
                         env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("self-test passed: 6 steps in "), out.stdout
    for step in ("resources", "database", "rules", "evaluate", "papers", "export"):
        assert f"{step} " in out.stdout, step
    assert "render" not in out.stdout and out.stderr.strip() == "no qt"
    assert list(tmp_path.iterdir()) == []  # the throwaway folder is removed


def test_the_core_group_has_every_qt_free_command_and_no_gui():
    names = cli.cli.list_commands(click.Context(cli.cli))
    assert {"evaluate", "intake", "screen", "motion", "rules", "bench", "self-test", "export", "import",
            "office", "laptop", "purge", "report", "decrypt", "caselist"} <= set(names)
    assert "gui" not in names
