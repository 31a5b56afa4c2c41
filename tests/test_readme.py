"""The README's example commands give the outcomes the README states, and its list of Debian
packages is the one .ci/run installs: a newcomer's first commands must do what the page says."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from kiosk.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def kiosk(capsys, monkeypatch, args: list[str]) -> tuple[int, str, str]:
    monkeypatch.chdir(ROOT)  # the README's paths are relative to the clone
    with pytest.raises(SystemExit) as e:
        main(args)
    out, err = capsys.readouterr()
    return e.value.code, out, err


def example_rows() -> list[tuple[list[str], str]]:
    rows = re.findall(r"^\| `\.venv/bin/kiosk (evaluate [^`]+)` \| ([^|]+) \|$", README, re.M)
    assert len(rows) == 5, "the README's table of example commands"
    return [(shlex.split(cmd), outcome.strip()) for cmd, outcome in rows]


@pytest.mark.parametrize(("args", "stated"), example_rows(), ids=lambda v: v[1] if isinstance(v, list) else "")
def test_each_example_command_gives_the_outcome_the_readme_states(capsys, monkeypatch, args, stated):
    code, out, err = kiosk(capsys, monkeypatch, args)
    assert code == 0, err
    got = ", ".join(f"{c['outcome']} ({c['rules'][0]})" for c in json.loads(out)["convictions"])
    assert got == stated


def test_with_todays_date_every_example_is_relief_by_statute(capsys, monkeypatch):
    assert "with today's date every one of\nthese convictions is `RELIEF_BY_STATUTE`" in README
    for args, _ in example_rows():
        code, out, err = kiosk(capsys, monkeypatch, [a for a in args if a not in ("--as-of", "2018-09-21")])
        assert code == 0, err
        assert {c["outcome"] for c in json.loads(out)["convictions"]} == {"RELIEF_BY_STATUTE"}


def test_the_motion_example_writes_the_packet_and_receipt_it_describes(capsys, monkeypatch, tmp_path):
    from pypdf import PdfReader

    line = next(ln for ln in README.splitlines() if ln.startswith(".venv/bin/kiosk motion "))
    args = shlex.split(line)[1:]
    args[args.index("--out") + 1] = str(tmp_path / "papers")
    code, out, err = kiosk(capsys, monkeypatch, args)
    assert code == 0, err
    files = {Path(p).name: len(PdfReader(p).pages) for p in out.split()}
    stated = re.findall(r"`papers/BA-XXXXXX-(\w+(?:-en)?)\.pdf`, (\d+) pages?", README)
    assert stated == [("packet", "10"), ("receipt-en", "1")]
    assert sorted((re.sub(r"^BA-\w{6}-|\.pdf$", "", n), str(p)) for n, p in files.items()) == sorted(stated)


def test_the_readme_lists_the_debian_packages_ci_installs():
    wanted = [ln for ln in (ROOT / "requirements" / "debian.txt").read_text().splitlines()
              if ln and not ln.startswith("#")]
    block = re.search(r"^# = (.*?)\n```", README, re.M | re.S).group(1)
    assert block.replace("#", " ").split() == wanted
