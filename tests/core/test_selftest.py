"""The self-test's runner and its Qt-free steps, in process: it stops at the first failure with one
line naming the step, and cleans its throwaway folder up (the command itself is tested in
tests/test_selftest.py)."""

from __future__ import annotations

import re

from kiosk import selftest
from kiosk.selftest import Context, StepFailed


def test_run_stops_at_the_first_failure_and_cleans_up(tmp_path):
    ran, lines = [], []

    def make_dir(ctx: Context) -> str:
        ctx.workdir = tmp_path / "work"
        ctx.workdir.mkdir()
        ran.append("one")
        return "made"

    def broken(ctx: Context) -> str:
        ran.append("two")
        raise StepFailed("the thing is wrong")

    def never(ctx: Context) -> str:
        ran.append("three")
        return ""

    code = selftest.run([("one", make_dir), ("two", broken), ("three", never)],
                        echo=lambda line, err: lines.append((line, err)))
    assert code == 1
    assert ran == ["one", "two"]
    assert len(lines) == 1 and lines[0][1] is True
    assert re.fullmatch(r"self-test FAILED at step two: the thing is wrong \(passed: one [\d.]+s \[made\]\)",
                        lines[0][0])
    assert not (tmp_path / "work").exists()


def test_an_unexpected_exception_is_one_line_with_its_type():
    lines = []

    def crash(ctx: Context) -> str:
        raise KeyError("packet")

    assert selftest.run([("papers", crash)], echo=lambda line, err: lines.append(line)) == 1
    assert lines == ["self-test FAILED at step papers: KeyError: 'packet'"]


def test_self_test_workdir_is_created_when_missing(tmp_path):
    from kiosk import selftest

    workdir = tmp_path / "usb" / "selftest"
    ctx = selftest.Context(parent=str(workdir))
    try:
        assert "migrations" in selftest.step_database(ctx)
        assert ctx.workdir is not None and ctx.workdir.parent == workdir
    finally:
        ctx.close()
    assert workdir.is_dir() and list(workdir.iterdir()) == []


def test_the_qt_layers_render_step_runs_after_the_papers_and_before_the_export():
    def render(ctx: Context) -> str:
        return ""

    names = [name for name, _ in selftest.core_steps()]
    assert names == ["resources", "database", "rules", "evaluate", "papers", "export"]
    with_render = selftest.core_steps(("render", render))
    assert [name for name, _ in with_render] == ["resources", "database", "rules", "evaluate", "papers", "render",
                                                  "export"]
    assert with_render[5][1] is render
