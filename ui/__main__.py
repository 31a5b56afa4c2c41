"""`python -m ui` runs the app's `kiosk` command (ui/cli.py), as the console script does."""

from ui.cli import main

main()
