"""`kiosk self-test` and `kiosk bench` as the core runs them: the self-test's Qt-free steps and the
core's figures. The app's front door (ui/cli.py) replaces both with commands of the same options
that add the window's steps and figures, so nothing here names the Qt layer (docs/architecture.md)."""

from __future__ import annotations

import sys
from collections.abc import Callable

import click

BENCH_HELP = "Time every hot path against a floor measured in the same run; print a table."
SELF_TEST_HELP = ("Check this installation end to end in a throwaway database: rules, papers, PDF rendering, "
                  "export.")


def bench_options(f: Callable) -> Callable:
    """The options of `kiosk bench`, shared with the GUI layer's command of the same name."""
    f = click.option("--runs", default=3, show_default=True, type=click.IntRange(1, 50),
                     help="Paired runs of ours and its floor per figure (medians and minimums are shown).")(f)
    f = click.option("--large", is_flag=True, help="Add the 1,000,000-row statewide screening (a few minutes).")(f)
    return click.option("--json", "json_path", type=click.Path(dir_okay=False),
                        help="Also write the figures as JSON.")(f)


def self_test_options(f: Callable) -> Callable:
    """The options of `kiosk self-test`, shared with the GUI layer's command of the same name."""
    return click.option("--workdir", type=click.Path(file_okay=False),
                        help="Create the throwaway test folder here (default: the system temp folder).")(f)


def register(cli: click.Group) -> None:
    """Add the core's `bench` and `self-test` to the group."""

    @cli.command(help=BENCH_HELP)
    @bench_options
    def bench(json_path: str | None, large: bool, runs: int) -> None:
        from .benchmarks.runner import run_bench  # lazy: benchmark code loads only when `bench` runs

        run_bench(json_path, large, runs)

    @cli.command("self-test", help="Check the Qt-free part of this installation in a throwaway database: "
                                   "rules, papers, export (`kiosk self-test` of the app adds the Qt steps).")
    @self_test_options
    def self_test(workdir: str | None) -> None:
        from . import selftest  # lazy: the steps load services, PDF builders and age: not for --help

        sys.exit(selftest.run(selftest.core_steps(), parent=workdir))
