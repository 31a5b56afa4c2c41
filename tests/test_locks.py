"""The lock files in requirements/ cover pyproject.toml: every dependency it names is pinned, with
hashes, at a version its range allows, and the app's pins are the same in every lock. A dependency
added to pyproject.toml without `make lock` fails here, not on a fresh machine."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
LOCKS = {"runtime": [], **{extra: [extra] for extra in PROJECT["optional-dependencies"]}}


def pins(lock: str) -> dict[str, str]:
    text = (ROOT / "requirements" / f"{lock}.txt").read_text(encoding="utf-8")
    found = dict(re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)", text, re.M))
    blocks = re.findall(r"^[A-Za-z0-9][^\n]*==[^\n]*\\\n(?:\s+--hash=sha256:[0-9a-f]{64}[^\n]*\n)+", text, re.M)
    assert len(blocks) == len(found), f"{lock}.txt: a pin without hashes"
    return {canonicalize_name(k): v for k, v in found.items()}


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_every_dependency_is_pinned_with_hashes_inside_its_range(lock):
    pinned = pins(lock)
    wanted = [Requirement(r) for r in PROJECT["dependencies"]]
    for extra in LOCKS[lock]:
        wanted += [Requirement(r) for r in PROJECT["optional-dependencies"][extra]]
    for req in wanted:
        name = canonicalize_name(req.name)
        assert name in pinned, f"{req.name} is in pyproject.toml but not in requirements/{lock}.txt: run make lock"
        assert req.specifier.contains(pinned[name], prereleases=True), (
            f"requirements/{lock}.txt pins {req.name}=={pinned[name]} outside {req.specifier}: run make lock")


def test_the_apps_pins_are_the_same_in_every_lock():
    runtime = pins("runtime")
    for lock in LOCKS:
        other = pins(lock)
        assert {k: other.get(k) for k in runtime} == runtime, lock
