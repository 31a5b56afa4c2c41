"""Entry point of the console executable `kiosk` in the frozen build (diagnostics, office work).

It is the full `kiosk` command line. `--self-test` and `--measure-startup` behave as they do for
`BeginAgainKiosk` (ui/launch.py), so their output can be read on Windows, where the windowed
executable has no console."""

import sys

if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # bulk packets use worker processes; frozen Windows needs this
        import multiprocessing

        multiprocessing.freeze_support()
    args = sys.argv[1:]
    if args[:1] in (["--self-test"], ["--measure-startup"]):
        from ui.launch import main as launch

        sys.exit(launch(args))
    from kiosk.cli import main

    main(args)
