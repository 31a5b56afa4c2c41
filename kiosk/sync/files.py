"""Writing a file so it is known to be whole (write beside, fsync, rename, read back), the
one-line reasons for OS errors, and CSV cells a spreadsheet will not run."""

from __future__ import annotations

import csv
import errno
import io
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..errors import InputError, KioskError, SyncFileError
from ..keyfile import fsync_dir
from .container import check_age_structure, sha256_hex

_WRITE_CHUNK = 1024 * 1024


def os_reason(e: OSError) -> str:
    return {
        errno.ENOSPC: "the drive is full",
        errno.EDQUOT: "the drive is full (quota)",
        errno.EROFS: "the drive is read-only",
        errno.EACCES: "no permission to write there (read-only?)",
        errno.EPERM: "no permission to write there (read-only?)",
        errno.EFBIG: "the file is too large for this drive or a size limit",
        errno.EIO: "the drive failed or was removed",
        errno.ENODEV: "the drive was removed",
        errno.ENXIO: "the drive was removed",
        errno.ENOENT: "the folder disappeared (drive removed?)",
    }.get(e.errno or 0, e.strerror or e.__class__.__name__)


def write_verified(target: Path, data: bytes, digest: str, progress: Callable[[float], None], *,
                    on_partial: Callable[[str], None] | None = None,
                    partial_gone: Callable[[str], None] | None = None) -> None:
    """Write beside the target, fsync, rename into place, drop the cached pages and read the file
    back: its size, its age framing and its SHA-256 must match what was meant to be written.
    `on_partial` records the partial file before any byte is written, so a kill's leftover is
    found at the next start (kiosk.export_safety); `partial_gone` forgets it once it is gone."""
    parent = target.parent if str(target.parent) else Path(".")
    tmp: str | None = None
    placed = False
    noted = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=parent)
        if on_partial:
            try:
                on_partial(tmp)
                noted = tmp
            except BaseException:
                os.close(fd)
                raise
        try:
            view, done = memoryview(data), 0
            while done < len(data):
                written = os.write(fd, view[done:done + _WRITE_CHUNK])
                if written <= 0:
                    raise OSError(errno.EIO, "short write")
                done += written
                progress(done / len(data))
            os.fsync(fd)
        finally:
            os.close(fd)
        if target.exists():
            raise InputError("--out", f"{target.name} appeared while exporting; choose a new name")
        os.replace(tmp, target)
        placed, tmp = True, None
        fsync_dir(parent)
        _forget(noted, partial_gone)
        noted = ""
        back = _read_back(target)
        if len(back) != len(data):
            raise SyncFileError(f"{target.name} reads back with {len(back):,} bytes instead of {len(data):,}")
        check_age_structure(back)
        if sha256_hex(back) != digest:
            raise SyncFileError(f"{target.name} reads back with different bytes than were written")
    except OSError as e:
        _remove(tmp, target if placed else None)
        _forget(noted, partial_gone)
        raise SyncFileError(f"the export could not be written to {target.name}: {os_reason(e)}. "
                            "Nothing was recorded as exported; fix the drive and export again") from None
    except KioskError as e:
        _remove(tmp, target if placed else None)
        _forget(noted, partial_gone)
        if isinstance(e, InputError):
            raise
        raise SyncFileError(f"the export failed its check after writing ({e}). Nothing was recorded as "
                            "exported; use another drive and export again") from None


def _forget(noted: str, partial_gone: Callable[[str], None] | None) -> None:
    if noted and partial_gone:
        try:
            partial_gone(noted)
        except KioskError:
            pass  # the file is gone; the next start finds nothing at the recorded path


def _read_back(path: Path) -> bytes:
    """Read a just-written file from the drive rather than the page cache where the OS allows."""
    with open(path, "rb") as f:
        if hasattr(os, "posix_fadvise"):
            try:
                os.posix_fadvise(f.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
            except OSError:
                pass
        return f.read()


def _remove(*paths: str | os.PathLike | None) -> None:
    for p in paths:
        if p:
            try:
                os.unlink(p)
            except OSError:
                pass



def csv_safe(value: Any) -> Any:
    """A cell a spreadsheet will not run as a formula (a leading = + - @ gets an apostrophe)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_bytes(columns: list[str], rows: Iterable[Iterable[Any]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        w.writerow(["" if v is None else csv_safe(v) for v in r])
    return buf.getvalue().encode("utf-8")

