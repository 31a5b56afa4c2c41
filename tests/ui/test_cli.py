"""The app's one front door (ui/cli.py): the core's commands with `gui` and the Qt steps added, the
same help as the core gives for every command they share (the launch flags and the app's start:
tests/ui/test_gui_command.py)."""

from __future__ import annotations

import click
import pytest

import ui.app
from kiosk import cli as core
from ui import cli


def run(capsys, *args) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as e:
        cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return e.value.code, out, err


@pytest.fixture
def opened(monkeypatch) -> list[dict]:
    """`ui.app.run` records its arguments instead of opening a window (the window is tests/ui's)."""
    calls: list[dict] = []
    monkeypatch.setattr(ui.app, "run", lambda **kw: calls.append(kw) or 0)
    return calls


def test_the_front_door_has_every_core_command_and_gui():
    ctx = click.Context(cli.cli)
    assert cli.cli.list_commands(ctx) == sorted({*core.cli.list_commands(ctx), "gui"})
    for name in core.cli.list_commands(ctx):  # self-test and bench are the GUI layer's own
        want = core.cli.get_command(ctx, name)
        got = cli.cli.get_command(ctx, name)
        assert (got is want) == (name not in ("self-test", "bench")), name
    assert "gui" not in core.cli.list_commands(ctx)


def test_a_command_added_to_the_core_later_is_behind_the_front_door(capsys):
    @click.command("hello-probe")
    def hello() -> None:
        click.echo("hi")

    core.cli.add_command(hello)
    try:
        assert run(capsys, "hello-probe") == (0, "hi\n", "")
    finally:
        del core.cli.commands["hello-probe"]


def test_the_shared_commands_show_the_same_help_as_before(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0 and out.startswith("Usage: kiosk [OPTIONS] COMMAND [ARGS]...")
    for line in ("  gui        Open the desktop app.",
                 "  self-test  Check this installation end to end in a throwaway database:..."):
        assert line in out.splitlines(), line
    code, out, _ = run(capsys, "gui", "--help")
    assert code == 0 and "--measure-startup" not in out and "--windowed" not in out and "--demo" in out


def test_gui_says_in_one_line_that_it_creates_a_missing_database(capsys, opened, tmp_path):
    db_path = tmp_path / "kiosk.db"
    code, _, err = run(capsys, "gui", "--db", db_path)
    assert code == 0 and opened and opened[0]["db_path"] == str(db_path)
    assert err.strip().splitlines() == [f"kiosk: creating a new database at {db_path}"]
    db_path.touch()
    code, _, err = run(capsys, "gui", "--db", db_path)
    assert code == 0 and err == ""
