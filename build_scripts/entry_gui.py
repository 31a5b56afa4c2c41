"""Entry point of the windowed executable `BeginAgainKiosk`, what attorneys double-click.

Flags (`--self-test`, `--measure-startup`, `--db`, `--kiosk`, `--demo`) are in ui/launch.py."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # bulk packets use worker processes; frozen Windows needs this
    from ui.launch import main

    sys.exit(main(sys.argv[1:]))
