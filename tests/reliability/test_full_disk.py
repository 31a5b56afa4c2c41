"""Full disk and read-only media: the database refuses new writes with a plain message and loses
nothing already saved. As root (CI) a real 1 MiB tmpfs is mounted; elsewhere the same checks run
with a file-size limit (RLIMIT_FSIZE), which fails writes the same way."""

import contextlib
import json
import os
import subprocess
import sys

import pytest

from kiosk import services
from kiosk.benchmarks.samples import sample_applicant
from kiosk.errors import StorageError
from kiosk.store.connection import open_db


@contextlib.contextmanager
def small_disk(path, size="4m"):  # room for the schema (case-list FTS5 tables included) and some records
    path.mkdir()
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                       check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        yield None
        return
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def _fill(folder):
    """Fill the file system until it refuses; return the filler's path."""
    filler = folder / "filler.bin"
    with open(filler, "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 4096)
        except OSError:
            pass
    return filler


def _saved_ids(db_path):
    raw = open_db(db_path, migrate=False).conn  # the encrypted file, unlocked
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ids = {r[0] for r in raw.execute("SELECT id FROM applicants")}
    raw.close()
    return ids


def test_full_disk_refuses_with_plain_message_and_loses_nothing(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        if disk is None:
            return _full_disk_by_rlimit(tmp_path)
        db_path = str(disk / "kiosk.db")
        db = services.open_kiosk(db_path)
        saved = {services.intake(db, sample_applicant(i))[0].id for i in range(5)}
        filler = _fill(disk)
        errors = 0
        for i in range(5, 60):  # keep writing until the WAL has no room left
            try:
                services.intake(db, sample_applicant(i))
            except StorageError as e:
                msg = str(e)
                assert "full" in msg or "could not be written" in msg
                assert "Sample" not in msg and "KN" not in msg  # no personal data in the message
                errors += 1
                break
        assert errors == 1, "the database never refused a write on a full disk"
        db.conn.close()
        filler.unlink()
        assert saved <= _saved_ids(db_path)
        db = services.open_kiosk(db_path)  # and it works again once there is room
        services.intake(db, sample_applicant(99))
        db.conn.close()


def _full_disk_by_rlimit(tmp_path):
    db_path = tmp_path / "kiosk.db"
    db = services.open_kiosk(str(db_path))
    saved = {services.intake(db, sample_applicant(i))[0].id for i in range(5)}
    db.conn.close()
    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({os.path.getsize(db_path)}, {os.path.getsize(db_path)}))\n"
        "from kiosk import services\nfrom kiosk.benchmarks.samples import sample_applicant\n"
        "from kiosk.errors import StorageError\n"
        f"db = services.open_kiosk({str(db_path)!r})\n"
        "try:\n    [services.intake(db, sample_applicant(i)) for i in range(100, 400)]\n"
        "except StorageError as e:\n    print('refused:', e); sys.exit(0)\n"
        "sys.exit(3)\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.returncode == 0 and "refused:" in p.stdout, p.stderr[-300:]
    assert "Traceback" not in p.stderr
    assert saved <= _saved_ids(str(db_path))


def test_read_only_media_refuses_and_changes_nothing(tmp_path):
    with small_disk(tmp_path / "stick", size="4m") as disk:
        folder = disk or (tmp_path / "stick")
        db_path = str(folder / "kiosk.db")
        db = services.open_kiosk(db_path)
        saved = {services.intake(db, sample_applicant(i))[0].id for i in range(3)}
        db.conn.close()
        if disk is not None:
            subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        else:
            os.chmod(db_path, 0o400)
            os.chmod(folder, 0o500)
        try:
            with pytest.raises(StorageError) as e:
                db = services.open_kiosk(db_path)
                services.intake(db, sample_applicant(50))
            assert "read-only" in str(e.value) or "cannot be written" in str(e.value) or "refused" in str(e.value)
        finally:
            if disk is not None:
                subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
            else:
                os.chmod(folder, 0o700)
                os.chmod(db_path, 0o600)
        assert _saved_ids(db_path) == saved


def test_cli_on_full_disk_says_one_line(tmp_path):
    """The command line shows the same plain refusal: exit 1, one line, no traceback."""
    with small_disk(tmp_path / "disk") as disk:
        if disk is None:
            return
        db_path = disk / "kiosk.db"
        services.open_kiosk(str(db_path)).conn.close()
        applicant = tmp_path / "a.json"
        applicant.write_text(json.dumps(sample_applicant(1)), encoding="utf-8")
        _fill(disk)
        last = None
        for _ in range(40):
            last = subprocess.run([sys.executable, "-m", "kiosk", "intake", str(applicant), "--db", str(db_path)],
                                  capture_output=True, text=True)
            if last.returncode != 0:
                break
        assert last.returncode == 1, last.stderr
        assert "Traceback" not in last.stderr and len(last.stderr.strip().splitlines()) == 1
        assert "error:" in last.stderr

