"""Entry point of the console executable `kiosk` in the frozen build (diagnostics, office work).

It is the full `kiosk` command line (ui/console.py, then ui/cli.py), whose `--self-test` and `--measure-startup` behave
as they do for `BeginAgainKiosk`, so their output can be read on Windows, where the windowed
executable has no console."""

import sys

if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # bulk packets use worker processes; frozen Windows needs this
        import multiprocessing

        multiprocessing.freeze_support()
    from ui.console import main

    main(sys.argv[1:])
