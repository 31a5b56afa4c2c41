"""Running the core's `kiosk` group in-process as a test drives it: the exit code and both
streams, and the one-line error every refusal must be."""

from __future__ import annotations

import pytest

from kiosk.cli import main


def run(capsys, *args) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as e:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return e.value.code, out, err


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert lines[0].startswith("error: ")
    return lines[0]
