"""ui.gui_command: a plain `kiosk gui` (and the windowed executable) opens the app without loading
click, reading each of its flags exactly as click's `gui` command (ui/cli.py) does; everything
else, and every mistake, is click's, with the same message and exit code as before."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

import ui.app
from kiosk.errors import InputError, KioskError
from ui import cli, console, gui_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def opened(monkeypatch) -> list[dict]:
    """`ui.app.run` records its arguments instead of opening a window (the window is tests/ui's)."""
    calls: list[dict] = []
    monkeypatch.setattr(ui.app, "run", lambda **kw: calls.append(kw) or 0)
    monkeypatch.delenv(gui_command.COMPLETION_VAR, raising=False)
    return calls


def outcome(capsys, main, args: list[str]) -> tuple[object, str, str]:
    with pytest.raises(SystemExit) as e:
        main(args)
    out, err = capsys.readouterr()
    return e.value.code, out, err


def click_params(args: list[str]) -> dict:
    """What click's `gui` command reads from its arguments."""
    return cli.gui.make_context("gui", list(args)).params


@pytest.mark.parametrize(("argv", "windowed", "expected"), [
    ([], True, ["gui", "--windowed"]),
    (["--demo"], True, ["gui", "--windowed", "--demo"]),
    (["--self-test", "--workdir", "w"], True, ["self-test", "--workdir", "w"]),
    (["--workdir", "w", "--self-test"], True, ["self-test", "--workdir", "w"]),
    (["--measure-startup", "--db", "d"], True, ["gui", "--measure-startup", "--db", "d"]),
    (["--self-test", "--workdir", "w"], False, ["self-test", "--workdir", "w"]),
    (["--measure-startup", "--demo"], False, ["gui", "--measure-startup", "--demo"]),
    (["evaluate", "a.json"], False, ["evaluate", "a.json"]),
    ([], False, []),
])
def test_the_launch_flags_are_spellings_of_the_commands(argv, windowed, expected):
    assert console.launch_args(argv, windowed=windowed) == expected
    assert console.launch_args(expected) == expected  # read once more by the front door: unchanged


def plain_command_lines(tmp_path: Path) -> list[list[str]]:
    existing = tmp_path / "existing.db"
    existing.write_bytes(b"")
    new = str(tmp_path / "new.db")
    return [[], ["--demo"], ["--kiosk"], ["--kiosk", "--demo"], ["--db", new], [f"--db={new}"],
            ["--db", str(existing)], ["--demo", "--db", new, "--kiosk"], ["--db", str(tmp_path / "a=b.db")],
            [f"--db={tmp_path / 'a=b.db'}"], ["--db", ":memory:"], ["--measure-startup", "--demo", "--db", new],
            ["--windowed"], ["--windowed", "--kiosk", "--db", new, "--demo"]]


def test_each_plain_gui_command_line_is_read_as_click_reads_it(tmp_path, monkeypatch):
    monkeypatch.delenv(gui_command.COMPLETION_VAR, raising=False)
    for args in plain_command_lines(tmp_path):
        assert gui_command.plain_gui_options(["gui", *args]) == click_params(args), args


@pytest.mark.parametrize("args", [
    ["--help"], ["-h"], ["--bogus"], ["--demo", "--bogus"], ["--db"], ["--demo=1"], ["--kiosk="], ["extra"],
    ["--", "--demo"], ["--db", "a.db", "--db", "b.db"], ["--demo", "--demo"], ["--db", "--demo"], ["--db", "-"],
    ["--db="], ["--db", ""], ["--DEMO"], ["-d"], ["--db", "dir"], ["--db", "a\0b"],
])
def test_anything_else_is_left_to_click(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dir").mkdir()
    monkeypatch.delenv(gui_command.COMPLETION_VAR, raising=False)
    assert gui_command.plain_gui_options(["gui", *args]) is None
    assert gui_command.plain_gui_options([*args]) is None
    monkeypatch.setenv(gui_command.COMPLETION_VAR, "bash_complete")  # a shell asking click to complete
    assert gui_command.plain_gui_options(["gui", "--demo"]) is None


def test_the_app_opens_with_the_same_arguments_and_words_as_through_click(capsys, opened, tmp_path):
    for args in plain_command_lines(tmp_path):
        args = [a for a in args if a != "--measure-startup"]
        plain = outcome(capsys, console.main, ["gui", *args])
        via_click = outcome(capsys, cli.main, ["gui", *args])
        assert plain == via_click and plain[0] == 0, args
        assert opened[-1] == opened[-2], args
    new = tmp_path / "new.db"
    assert outcome(capsys, console.main, ["gui", "--db", str(new)]) == (
        0, "", f"kiosk: creating a new database at {new}\n")


@pytest.mark.parametrize("args", [["--bogus"], ["--db"], ["--demo=1"], ["--db", "dir"], ["extra"]])
def test_a_bad_flag_is_clicks_clear_error_with_exit_code_2(capsys, opened, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dir").mkdir()
    code, out, err = outcome(capsys, console.main, ["gui", *args])
    assert (code, out, err) == outcome(capsys, cli.main, ["gui", *args])
    assert code == 2 and out == "" and err.splitlines()[-1].startswith("Error: ")
    assert outcome(capsys, console.launch, args) == (code, out, err)  # the windowed executable's
    assert opened == []


def test_gui_help_is_clicks(capsys, opened):
    code, out, _ = outcome(capsys, console.main, ["gui", "--help"])
    assert code == 0 and out.startswith("Usage: kiosk gui [OPTIONS]") and "--measure-startup" not in out


@pytest.mark.parametrize("error", [InputError("--db", "no such thing"), KioskError("refused"), RuntimeError("bug"),
                                   KeyboardInterrupt(), EOFError(), BrokenPipeError(32, "Broken pipe")])
def test_a_failure_is_reported_as_click_reported_it(capsys, monkeypatch, tmp_path, error):
    def fail(**_kw: object) -> int:
        raise error

    monkeypatch.setattr(ui.app, "run", fail)
    monkeypatch.delenv("KIOSK_DEBUG", raising=False)
    stdout, stderr = sys.stdout, sys.stderr  # click wraps both after a broken pipe
    try:
        args = ["gui", "--db", str(tmp_path / "kiosk.db")]
        plain = outcome(capsys, console.main, args)
        assert plain == outcome(capsys, cli.main, args)
        assert plain[0] in (1, 2, 70)
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def test_gui_starts_the_app_without_the_cycle_collector_and_leaves_it_on(capsys, monkeypatch, tmp_path):
    collecting: list[bool] = []
    monkeypatch.setattr(ui.app, "run", lambda **kw: collecting.append(gc.isenabled()) or 0)
    for main in (console.main, cli.main):
        code, _, _ = outcome(capsys, main, ["gui", "--db", str(tmp_path / "kiosk.db")])
        assert code == 0 and gc.isenabled()
    assert collecting == [False, False]


_NO_CLICK = """
import sys
loaded = lambda: sorted(m for m in sys.modules if m.split(".")[0] == "click" or m == "ui.cli")
"""
# what the first window does without (docs/benchmarks.md, "Start-up"): the command line's library and
# commands, the date library, Babel, the key file's cryptography
NOT_BEFORE_THE_FIRST_WINDOW = ("click", "ui.cli", "kiosk.cli", "datetime", "babel", "kiosk.keyfile")


def test_the_first_window_is_shown_without_click_or_other_unneeded_modules(tmp_path):
    """The windowed executable's start, measured: on a new demo database (the opening page) and
    on its second start (the unlock page, what `kiosk bench` measures)."""
    # looked at when the window is about to be shown: the database thread starts once it is on
    # screen (and then imports what it needs alongside)
    code = (
        "import sys, runpy, ui.app\n"
        "show = ui.app.show\n"
        f"unneeded = {NOT_BEFORE_THE_FIRST_WINDOW!r}\n"
        "ui.app.show = lambda w: (print('loaded at the first window:', sorted(\n"
        "    m for m in list(sys.modules) if m.split('.')[0] in unneeded or m in unneeded)),\n"
        "    print('Qt namespace built:', 'Qt' in vars(sys.modules['PySide6.QtCore'])), show(w))\n"
        f"sys.argv = ['entry_gui.py', '--measure-startup', '--demo', '--db', {str(tmp_path / 'k.db')!r}]\n"
        f"runpy.run_path({str(ROOT / 'build_scripts' / 'entry_gui.py')!r}, run_name='__main__')\n")
    env = {k: v for k, v in os.environ.items() if k != "KIOSK_PASSPHRASE"} | {"QT_QPA_PLATFORM": "offscreen"}
    for _ in range(2):
        p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
        assert p.returncode == 0, p.stderr
        assert "loaded at the first window: []" in p.stdout.splitlines(), p.stdout
        assert "Qt namespace built: False" in p.stdout.splitlines(), p.stdout  # (ui/qt_settings.py)
    assert (tmp_path / "k.db").exists()  # so the second start showed the unlock page


def test_kiosk_gui_loads_no_click_and_a_bad_flag_does(tmp_path):
    code = _NO_CLICK + (
        "import atexit, ui.app\n"
        "ui.app.run = lambda **kw: 0\n"
        "atexit.register(lambda: print(loaded()))\n"
        "from ui.console import main\n"
        "main()\n")
    env = {k: v for k, v in os.environ.items() if k != gui_command.COMPLETION_VAR}
    (tmp_path / "k.db").touch()  # (a new database is announced in one line by click.echo)
    for args, expected in ((["gui", "--demo", "--db", str(tmp_path / "k.db")], "[]"),
                           (["gui", "--bogus"], "['click',")):
        p = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60, env=env)
        assert p.stdout.startswith(expected), (args, p.stdout, p.stderr)
