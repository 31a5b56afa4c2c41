"""Entry point of the windowed executable `BeginAgainKiosk`, what attorneys double-click.

Flags (`--self-test`, `--measure-startup`, `--db`, `--kiosk`, `--demo`) are in ui/launch.py."""

import sys

if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # bulk packets use worker processes; frozen Windows needs this
        import multiprocessing

        multiprocessing.freeze_support()
    from ui.launch import main

    sys.exit(main(sys.argv[1:]))
