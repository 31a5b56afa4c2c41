"""The self-test IT staff run on every laptop (`kiosk self-test`, `--self-test` of the executables)
must pass on a good installation, and on a broken one must fail loudly, naming the step."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEPS = ["qt", "resources", "database", "rules", "evaluate", "papers", "render", "export"]


def run_cli(*args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}
    env.pop("KIOSK_DEBUG", None)
    return subprocess.run([sys.executable, "-c", "from ui.cli import main; main()", *args],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)


def test_self_test_passes_from_source_with_one_summary_line(tmp_path):
    # QT_QPA_PLATFORM=xcb above: the self-test must force offscreen itself (no display here)
    out = run_cli("self-test", "--workdir", str(tmp_path), tmp_path=tmp_path)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 1, out.stdout
    m = re.fullmatch(r"self-test passed: (\d+) steps in [\d.]+s \(kiosk [\w.]+, source\): (.*)", lines[0])
    assert m, lines[0]
    assert int(m.group(1)) == len(STEPS)
    names = [re.match(r"(\w+) [\d.]+s", part).group(1) for part in re.split(r", (?=\w+ [\d.]+s)", m.group(2))]
    assert names == STEPS
    assert "ELIGIBLE by K18-02" in lines[0] and "offscreen" in lines[0]
    assert list(tmp_path.iterdir()) == [], "the throwaway folder was left behind"
    assert not (tmp_path / "begin-again-kiosk").exists(), "the self-test touched the per-user database"


def test_a_broken_step_exits_non_zero_naming_it(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    out = run_cli("self-test", "--workdir", str(blocker / "sub"), tmp_path=tmp_path)
    assert out.returncode == 1
    assert out.stdout == ""
    line = out.stderr.strip()
    assert line.startswith("self-test FAILED at step database: cannot create a temp folder"), line
    assert "passed: qt" in line and "Traceback" not in out.stderr


def test_the_frozen_entry_points_dispatch_their_flags(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for entry in ("entry_gui.py", "entry_console.py"):
        out = subprocess.run([sys.executable, str(ROOT / "build_scripts" / entry), "--self-test",
                              "--workdir", str(blocker / "x")], capture_output=True, text=True, env=env,
                             timeout=120)
        assert out.returncode == 1 and "FAILED at step database" in out.stderr, (entry, out.stderr)
    version = subprocess.run([sys.executable, str(ROOT / "build_scripts" / "entry_console.py"), "--version"],
                             capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("kiosk, version"), version.stdout


def test_the_spec_ships_resources_where_resource_path_looks():
    spec = (ROOT / "build_scripts" / "kiosk.spec").read_text(encoding="utf-8")
    assert 'datas=[(str(ROOT / "resources"), "resources")]' in spec
    assert "upx=False" in spec and "console=False" in spec and "console=True" in spec
