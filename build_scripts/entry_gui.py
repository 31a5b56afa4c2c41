"""Entry point of the windowed executable `BeginAgainKiosk`, what attorneys double-click.

Its flags (`--self-test`, `--measure-startup`, `--db`, `--kiosk`, `--demo`) are spellings of the
`kiosk` commands `self-test` and `gui` (ui/cli.py, `launch`)."""

import sys

if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # bulk packets use worker processes; frozen Windows needs this
        import multiprocessing

        multiprocessing.freeze_support()
    from ui.cli import launch

    launch(sys.argv[1:])
