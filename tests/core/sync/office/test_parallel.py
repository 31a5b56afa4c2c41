"""kiosk.sync.office.parallel: a second thread only where this process may use a second core."""

from __future__ import annotations

import os

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
