"""kiosk.sync.office.parallel: work beside SQLite on a second thread, only where this process may
use a second core, and its result or error handed back to the caller."""

from __future__ import annotations

import os
import threading

import pytest

from kiosk.sync.office import parallel


def test_the_cores_are_those_the_process_may_run_on_not_all_the_machine_has(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    assert parallel.cores() == 1  # pinned to one core of eight: no second thread


def test_without_an_affinity_call_the_machines_count_is_used(monkeypatch):
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert parallel.cores() == 2
    monkeypatch.setattr(os, "cpu_count", lambda: None)  # unknown: assume one
    assert parallel.cores() == 1


def test_work_beside_returns_its_value_and_hands_its_error_to_the_caller():
    seen = []

    def add(a, b):
        seen.append(threading.current_thread().name)
        return a + b
    assert parallel.Beside("sum", add, 2, 3).result() == 5
    assert seen == ["sum"]  # it ran on its own thread

    def refuse():
        raise MemoryError
    work = parallel.Beside("refuse", refuse)
    with pytest.raises(MemoryError):
        work.result()
    assert work.result() is None  # handed over once
