"""kiosk.sync.files: the export file written through a temp file and read back before it counts;
a full, read-only or size-limited drive fails in words and leaves nothing behind."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import services, sync
from kiosk.errors import SyncFileError
from kiosk.sync import files as sync_files
from tests.core.sync_support import laptop_digest

ROOT = Path(__file__).resolve().parents[3]


def test_a_failed_write_leaves_the_database_unchanged_and_no_file(tmp_path, monkeypatch, one_laptop):
    db, *_ = one_laptop
    sync.laptop_key(db)
    before = laptop_digest(db)
    real_write = os.write
    calls = []

    def full_disk(fd, data):
        calls.append(len(data))
        if len(calls) > 1 or len(data) > 100:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(sync_files, "_WRITE_CHUNK", 100)
    monkeypatch.setattr(os, "write", full_disk)
    with pytest.raises(SyncFileError, match="the drive is full.*Nothing was recorded"):
        sync.export_batch(db, tmp_path / "x.sync")
    monkeypatch.undo()
    assert calls and list(tmp_path.glob("*.sync*")) == [] and list(tmp_path.glob(".x.sync*")) == []
    assert laptop_digest(db) == before
    assert sync.export_status(db).waiting == 2



def test_a_read_only_folder_fails_cleanly(tmp_path, monkeypatch, one_laptop):
    db, *_ = one_laptop
    sync.laptop_key(db)
    before = laptop_digest(db)
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        if os.access(ro, os.W_OK):  # root ignores permissions: make the folder refuse as media would
            def refuse(*args, **kw):
                raise OSError(errno.EROFS, "Read-only file system")
            monkeypatch.setattr(sync_files.tempfile, "mkstemp", refuse)
        with pytest.raises(SyncFileError, match="read-only"):
            sync.export_batch(db, ro / "x.sync")
    finally:
        ro.chmod(0o755)
    assert list(ro.iterdir()) == []
    assert laptop_digest(db) == before



def test_a_file_size_limit_in_a_child_process_fails_cleanly(tmp_path, one_laptop):
    """RLIMIT_FSIZE: the kernel refuses to let the export grow (a full or tiny drive)."""
    db, *_ = one_laptop
    sync.laptop_key(db)
    before = laptop_digest(db)
    db_path = db.execute("PRAGMA database_list").fetchone()[2]
    db.conn.close()
    code = (
        "import resource, signal, sys\n"
        "from kiosk import services, sync\n"
        "from kiosk.errors import KioskError\n"
        f"db = services.open_kiosk({db_path!r})\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1000, resource.RLIM_INFINITY))\n"
        "try:\n"
        f"    sync.export_batch(db, {str(tmp_path / 'x.sync')!r})\n"
        "except KioskError as e:\n"
        "    print(e); sys.exit(1)\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert p.returncode == 1, p.stderr
    assert "too large for this drive or a size limit" in p.stdout and "Traceback" not in p.stderr
    assert list(tmp_path.glob("*x.sync*")) == []
    assert laptop_digest(services.open_kiosk(db_path)) == before



def test_a_file_that_reads_back_wrong_is_removed_and_not_recorded(tmp_path, monkeypatch, one_laptop):
    """The USB stick was pulled or lies: the read-back check catches it before the export counts."""
    db, *_ = one_laptop
    sync.laptop_key(db)
    before = laptop_digest(db)
    monkeypatch.setattr(sync_files, "_read_back", lambda path: Path(path).read_bytes()[:-10])
    with pytest.raises(SyncFileError, match="reads back with"):
        sync.export_batch(db, tmp_path / "x.sync")
    assert not (tmp_path / "x.sync").exists()
    assert laptop_digest(db) == before
