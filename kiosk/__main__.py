"""`python -m kiosk` runs the core's commands, those that need no Qt (kiosk/cli.py). The app's
full `kiosk` command, with `gui`, is `python -m ui` or the `kiosk` console script (ui/cli.py)."""

from kiosk.cli import main

main()
