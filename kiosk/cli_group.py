"""The core's `kiosk` command group itself, before any command is added: its help, `--version`
and `-h`, and the way a command line is run, every error shown as one line with its exit code
(kiosk/cli.py: 2 bad input, 1 any other refusal, 70 a bug; never a traceback unless
KIOSK_DEBUG=1). A command run without click (ui/gui_command.py: the GUI's plain start) reports a
failure through `report_as_command`, the same way.

kiosk/cli.py adds the core's commands to this group. The app's front door (ui/cli.py) is built
from it and loads those commands only when one of them is asked for, so `kiosk gui` opens its
window without defining every other command first (docs/benchmarks.md, "Start-up")."""

from __future__ import annotations

import os
import sys

import click

from . import __version__
from .errors import InputError, KioskError, RulePackError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kiosk")
def cli() -> None:
    """Begin Again Kiosk: record, evaluate and prepare motions to vacate marijuana convictions."""


def run_command_line(group: click.Command, argv: list[str] | None = None) -> None:
    """Run `group` without click's own exception handling and show errors as one line; exits with
    the command's code."""
    try:
        rv = group.main(args=argv, prog_name="kiosk", standalone_mode=False)
        code = rv if isinstance(rv, int) else 0
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        code = 1
    except click.ClickException as e:
        e.show()
        code = e.exit_code
    except click.exceptions.Exit as e:
        code = e.exit_code
    except (InputError, RulePackError) as e:
        click.echo(f"error: {e}", err=True)
        code = 2
    except KioskError as e:
        click.echo(f"error: {e}", err=True)
        code = 1
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        code = 130
    except Exception as e:  # a bug: say so in one line, never a traceback with data in it
        if os.environ.get("KIOSK_DEBUG"):
            raise
        click.echo(f"error: unexpected {e.__class__.__name__}; the last action did not complete. "
                   "Run with KIOSK_DEBUG=1 to see details.", err=True)
        code = 70
    sys.exit(code)


def report_as_command(e: BaseException) -> None:
    """Exit as run_command_line does when a command raises `e`, for a command run without click
    (ui/gui_command.py): `e` is raised again by a command run through click's main here, which
    turns it into what it would have been (an interrupt into "aborted", a broken pipe into exit 1)."""

    def fail() -> None:
        raise e

    run_command_line(click.Command("gui", callback=fail), [])
