"""The `kiosk` console script (and `python -m ui`, and the console executable), and the windowed
executable's start (`launch`).

`kiosk --help` is answered from ui/cli_help.py: the text click renders for the command group, kept
as a module so that printing it loads neither click nor the commands' definitions, which are
most of the command's start-up (docs/benchmarks.md, "Start-up"). tests/ui/test_cli_help.py checks
that the kept text is exactly click's rendering of today's commands. A plain `kiosk gui` (the
app's own flags only) opens the app from ui/gui_command.py, also without click. Every other
command line, and `--help` where click would render it differently (a terminal narrower than
click's 80 columns, shell completion), goes to ui/cli.py."""

from __future__ import annotations

import os
import shutil
import sys

from .gui_command import COMPLETION_VAR, launch_args, run_plain_gui

HELP_FLAGS = (["--help"], ["-h"])
# click wraps help to min(terminal columns, 80) - 2; from 80 columns on it renders the kept text
CLICK_MAX_COLUMNS = 80


def kept_help(args: list[str]) -> str | None:
    """The kept help text when it is what click would print for `args`, else None."""
    if args not in HELP_FLAGS or COMPLETION_VAR in os.environ:
        return None
    if shutil.get_terminal_size().columns < CLICK_MAX_COLUMNS:
        return None
    from .cli_help import HELP  # lazy: only `--help` reads it

    return HELP


def main(argv: list[str] | None = None) -> None:
    """Run the `kiosk` command line (sys.argv when `argv` is None); exits with the command's code."""
    args = sys.argv[1:] if argv is None else list(argv)
    text = kept_help(args)
    if text is not None:
        sys.stdout.write(text)
        sys.stdout.flush()
        sys.exit(0)
    run_plain_gui(launch_args(args))  # a plain `kiosk gui ...` opens the app here, without click
    from .cli import main as run  # lazy: click and the commands load for everything but `kiosk --help` and `gui`

    run(args)


def launch(argv: list[str]) -> None:
    """The windowed executable `BeginAgainKiosk`: the app, or one of its launch flags
    (ui/gui_command.py, `launch_args`); exits with the command's code."""
    args = launch_args(argv, windowed=True)
    run_plain_gui(args)  # a plain start opens the app here, without click
    from .cli import main as run  # lazy: click and the commands load for the self-test and mistakes

    run(args)
