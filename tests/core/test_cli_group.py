"""The core's bare command group (kiosk/cli_group.py): every way a command can end becomes one
line on standard error and its exit code (2 bad input, 1 a refusal or Ctrl-C, 70 a bug
with no traceback), and --version answers without any command defined."""

from __future__ import annotations

import click
import pytest

from kiosk import __version__
from kiosk.cli_group import report_as_command, run_command_line
from kiosk.errors import AuthError, InputError


def group_raising(error: BaseException | None) -> click.Group:
    @click.group()
    @click.version_option(__version__, prog_name="kiosk")
    def g() -> None:
        pass

    @g.command()
    def go() -> None:
        if error is not None:
            raise error

    return g


@pytest.mark.parametrize(("error", "code", "line"), [
    (None, 0, ""),
    (InputError("--as-of", "must be a date"), 2, "error: --as-of: must be a date"),
    (AuthError("wrong PIN"), 1, "error: wrong PIN"),
    (KeyboardInterrupt(), 1, "aborted"),  # click turns Ctrl-C inside a command into Abort
    (ValueError("Jane Sample 1980-04-02"), 70,
     "error: unexpected ValueError; the last action did not complete. Run with KIOSK_DEBUG=1 to see details."),
])
def test_each_ending_is_one_line_with_its_exit_code(capsys, monkeypatch, error, code, line):
    monkeypatch.delenv("KIOSK_DEBUG", raising=False)
    with pytest.raises(SystemExit) as e:
        run_command_line(group_raising(error), ["go"])
    err = capsys.readouterr().err
    assert e.value.code == code
    assert err.strip() == line and "Traceback" not in err and "Jane" not in err
    if error is not None:  # a command run without click (ui/gui_command.py) reports it the same way
        with pytest.raises(SystemExit) as e:
            report_as_command(error)
        assert (e.value.code, capsys.readouterr().err) == (code, err)


def test_a_bug_shows_its_traceback_only_with_kiosk_debug(monkeypatch):
    monkeypatch.setenv("KIOSK_DEBUG", "1")
    with pytest.raises(ValueError):
        run_command_line(group_raising(ValueError("boom")), ["go"])


def test_version_and_an_unknown_command(capsys):
    with pytest.raises(SystemExit) as e:
        run_command_line(group_raising(None), ["--version"])
    assert e.value.code == 0 and capsys.readouterr().out == f"kiosk, version {__version__}\n"
    with pytest.raises(SystemExit) as e:
        run_command_line(group_raising(None), ["nonesuch"])
    assert e.value.code == 2 and "No such command 'nonesuch'" in capsys.readouterr().err
