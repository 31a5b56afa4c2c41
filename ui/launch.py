"""Command-line front of the packaged executables (build_scripts/entry_*.py).

`BeginAgainKiosk` with no arguments opens the app on the per-user database. Two flags serve IT
staff and the build script: `--self-test` checks the installation offscreen (exit 0 or 1, one
line of output; a windowed program on Windows has no console, so use the `kiosk` executable
there to read it) and `--measure-startup` opens the app, stops at its first window and prints
the seconds since launch."""

from __future__ import annotations

import argparse


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="BeginAgainKiosk", description="Begin Again Kiosk")
    p.add_argument("--db", dest="db_path", help="database file (default: the per-user data folder)")
    p.add_argument("--kiosk", dest="kiosk_mode", action="store_true", help="full screen; leaving needs a PIN")
    p.add_argument("--demo", action="store_true", help="set up the demo event if none is configured")
    p.add_argument("--self-test", action="store_true", help="check this installation offscreen and exit")
    p.add_argument("--workdir", help="with --self-test: where to create its throwaway folder")
    p.add_argument("--measure-startup", action="store_true",
                   help="exit as soon as the first window is shown; print the seconds since launch")
    return p.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse(argv)
    if args.self_test:
        from ui.selftest import main as self_test

        return self_test(parent=args.workdir)
    if args.measure_startup:
        from ui.startup_probe import measure_startup

        return measure_startup(db_path=args.db_path, kiosk_mode=args.kiosk_mode, demo=args.demo)
    from ui.app import run

    return run(db_path=args.db_path, kiosk_mode=args.kiosk_mode, demo=args.demo)
