"""`python -m kiosk` runs the command line (the frozen console build uses the same entry)."""

from kiosk.cli import main

main()
