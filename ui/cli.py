"""The `kiosk` command: the app's one front door, for the console script and both executables.

It is the core's command group (kiosk/cli.py, every Qt-free command) with what needs Qt added on
top, as the layers go (docs/architecture.md): `gui`, the Qt steps of `self-test` (start offscreen,
render the sample packet with QtPdf) and the window's figures of `bench`. Qt itself loads only when
one of those runs, so every other command starts as fast as the core's.

The executables' launch flags are spellings of these commands (ui/gui_command.py, `launch_args`).
A plain `gui` command line, the app's own flags only, is read by ui/gui_command.py without loading
this module or click; `gui` here is the command's one definition (its help, its errors)."""

from __future__ import annotations

import sys

import click

from kiosk import cli_group
from kiosk.cli_diagnostics import BENCH_HELP, SELF_TEST_HELP, bench_options, self_test_options

from .gui_command import launch_args, open_gui


def core_commands() -> click.Group:
    """The core's group with every command added (kiosk/cli.py)."""
    from kiosk import cli as core  # lazy: `kiosk gui` opens its window without defining the core's commands

    return core.cli


class FrontDoor(click.Group):
    """The core's commands, looked up live, with this layer's commands of the same name in front."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self.commands.get(cmd_name) or core_commands().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *core_commands().list_commands(ctx)})

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, launch_args(args))


# the core's group as kiosk/cli_group.py defines it (help, --version, -h), before its commands
cli = FrontDoor(name=cli_group.cli.name, help=cli_group.cli.help, params=list(cli_group.cli.params),
                context_settings=dict(cli_group.cli.context_settings))


@cli.command()
@click.option("--db", "db_path", type=click.Path(dir_okay=False), help="Database (default: the per-user data folder).")
@click.option("--kiosk", "kiosk_mode", is_flag=True, help="Full screen; leaving needs the attorney's PIN.")
@click.option("--demo", is_flag=True,
              help="Set up the demo event (Sept 21-22, 2018, Lenox Road Baptist Church) if none is.")
@click.option("--measure-startup", is_flag=True, hidden=True,
              help="Exit as soon as the first window is shown; print the seconds since launch.")
@click.option("--windowed", is_flag=True, hidden=True,
              help="Started by the windowed executable, which has no console to tell a new database on.")
def gui(db_path: str | None, kiosk_mode: bool, demo: bool, measure_startup: bool, windowed: bool) -> None:
    """Open the desktop app."""
    open_gui(db_path, kiosk_mode, demo, measure_startup, windowed)


@cli.command("self-test", help=SELF_TEST_HELP)
@self_test_options
def self_test(workdir: str | None) -> None:
    from .selftest import main as run_self_test  # lazy: Qt starts here, offscreen, not for --help

    sys.exit(run_self_test(parent=workdir))


@cli.command(help=BENCH_HELP)
@bench_options
def bench(json_path: str | None, large: bool, runs: int) -> None:
    from kiosk.benchmarks.runner import run_bench  # lazy: benchmark code loads only when `bench` runs

    from .bench import gui_figures  # lazy: benchmark code loads only when `bench` runs

    # the command-line figures start what the console script runs
    run_bench(json_path, large, runs, entry="ui.console", gui_figures=gui_figures)


def main(argv: list[str] | None = None) -> None:
    """The `kiosk` command line (ui/console.py passes every command but `--help` here): exits with the
    command's code."""
    cli_group.run_command_line(cli, argv)
