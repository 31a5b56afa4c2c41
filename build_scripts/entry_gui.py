"""Entry point of the windowed executable `BeginAgainKiosk`, what attorneys double-click.

Its flags (`--self-test`, `--measure-startup`, `--db`, `--kiosk`, `--demo`) are spellings of the
`kiosk` commands `self-test` and `gui` (ui/console.py, `launch`: a plain start of the app loads no
click, ui/gui_command.py)."""

import sys

if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # bulk packets use worker processes; frozen Windows needs this
        import multiprocessing

        multiprocessing.freeze_support()
    from ui.console import launch

    launch(sys.argv[1:])
