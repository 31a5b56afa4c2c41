"""`kiosk gui` and the executables' launch flags, read without click: the path that only opens
the window imports no command-line library.

Importing click costs the first window about as much as Python's own start (~20 ms of processor
time, more when PySide6's import hook reads the source of each of its modules); the GUI has five
flags. `plain_gui_options` reads a `gui` command line only when every argument is one of them in
a form it reads exactly as click does (`gui` in ui/cli.py, the one definition of the command and
its help); anything else (`--help`, an unknown or repeated flag, a missing or odd value, a `--db`
that is a directory) goes to click, which answers as it always did (its help, or its error with
exit code 2).
tests/ui/test_gui_command.py checks that both read the same command lines the same way and that
a failure is reported alike (docs/benchmarks.md, "Start-up")."""

from __future__ import annotations

import gc
import os
import stat
import sys

# the gui command's flags (ui/cli.py) and the parameter each sets
FLAGS = {"--kiosk": "kiosk_mode", "--demo": "demo", "--measure-startup": "measure_startup", "--windowed": "windowed"}
DB = "--db"
# set by a shell asking click to complete a command line (ui/console.py): click answers
COMPLETION_VAR = "_KIOSK_COMPLETE"


def launch_args(args: list[str], *, windowed: bool = False) -> list[str]:
    """The executables' flags as the commands they stand for: `BeginAgainKiosk [--db F] [--kiosk]
    [--demo]` is `kiosk gui ...`, and on either executable `--self-test [--workdir D]` is
    `kiosk self-test ...` and `--measure-startup ...` is `kiosk gui --measure-startup ...`."""
    if args[:1] == ["--self-test"] or (windowed and "--self-test" in args):
        return ["self-test", *(a for a in args if a != "--self-test")]
    if args[:1] == ["--measure-startup"]:
        return ["gui", *args]
    if windowed:
        return ["gui", "--windowed", *args]
    return args


def _db_path_click_accepts(value: str) -> bool:
    """click.Path(dir_okay=False) takes a path that does not exist, or a readable non-directory."""
    try:
        st = os.stat(value)
    except OSError:  # not there (yet): the app creates it
        return True
    except ValueError:  # an embedded NUL character: click's to report
        return False
    return not stat.S_ISDIR(st.st_mode) and os.access(value, os.R_OK)


def plain_gui_options(args: list[str]) -> dict | None:
    """The gui command's parameters for the command line `args` (launch flags already read) when it
    is `gui` with only its own flags, each once, in a form click reads the same way; else None."""
    if args[:1] != ["gui"] or COMPLETION_VAR in os.environ:
        return None
    options: dict = {"db_path": None, **dict.fromkeys(FLAGS.values(), False)}
    seen: set[str] = set()
    rest = args[1:]
    while rest:
        arg = rest.pop(0)
        name, eq, value = arg.partition("=")
        if name in seen:
            return None
        seen.add(name)
        if arg in FLAGS:
            options[FLAGS[arg]] = True
        elif name == DB:
            if not eq:
                if not rest or rest[0].startswith("-"):
                    return None
                value = rest.pop(0)
            if not value or not _db_path_click_accepts(value):
                return None
            options["db_path"] = value
        else:
            return None
    return options


def open_gui(db_path: str | None, kiosk_mode: bool, demo: bool, measure_startup: bool, windowed: bool) -> None:
    """`kiosk gui`: open the desktop app (or measure its start-up); exits with its code."""
    # Start-up makes objects that live as long as the app (Qt's wrappers and enum classes, the
    # modules, the first window): Python's cycle collector would scan them ~50 times for nothing
    # (~7 ms). It runs again once the first window is on screen (ui/app.py, docs/benchmarks.md).
    gc.disable()
    try:
        if measure_startup:
            from .startup_probe import measure_startup as measure  # lazy: Qt loads only when a window opens

            sys.exit(measure(db_path=db_path, kiosk_mode=kiosk_mode, demo=demo))
        if not windowed:
            from kiosk.cli_db import announce_if_new  # lazy: read only when a console can be told

            announce_if_new(db_path)
        from .app import run  # lazy: Qt loads only when a window opens

        sys.exit(run(db_path=db_path, kiosk_mode=kiosk_mode, demo=demo))
    finally:
        gc.enable()


def run_plain_gui(args: list[str]) -> None:
    """Open the app when `args` is a plain `gui` command line (`plain_gui_options`), and exit; return
    at once for any other, which ui/cli.py runs (ui/console.py).

    A failure is shown exactly as under click: the exception is raised again by a command run
    through the same front door code (kiosk/cli_group.py), only then loading click."""
    options = plain_gui_options(args)
    if options is None:
        return
    try:
        open_gui(**options)
    except (Exception, KeyboardInterrupt) as e:  # what click's main and kiosk/cli_group.py catch
        from kiosk.cli_group import report_as_command  # lazy: click loads only to report a failure

        report_as_command(e)
