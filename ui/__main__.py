"""`python -m ui` runs the app's `kiosk` command (ui/console.py, then ui/cli.py), as the console script does."""

from ui.console import main

main()
