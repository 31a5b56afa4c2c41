"""Running a `kiosk` entry point in-process as the console tests do: its exit code and what it
printed."""

from __future__ import annotations

import pytest


def run(capsys, main, *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as e:
        main(list(args))
    out, _ = capsys.readouterr()
    return e.value.code, out
