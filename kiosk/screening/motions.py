"""Motion packets for every qualifying row of a screened extract, built on all cores.

Rows arrive while screening streams; they are handed to worker processes in chunks with a bounded
number in flight, so memory stays flat however many rows qualify."""

from __future__ import annotations

import os
import re
import sys
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from datetime import UTC, date, datetime
from pathlib import Path

import click

from ..errors import InputError
from ..models import Applicant, Conviction, Determination

CHUNK = 50


def _safe_name(record_id: str, n: int) -> str:
    base = re.sub(r"[^A-Za-z0-9_-]", "_", record_id)[:60]
    return f"{base or 'row'}-{n:07d}-packet.pdf"


def _build_chunk(items: list[tuple[str, Applicant, Determination]], out_dir: str, created_at: datetime) -> int:
    """Worker: build and write one packet per item; return how many were written."""
    from ..papers import build_packet, write_atomic  # lazy: fpdf2 loads only in the workers that print

    for name, applicant, det in items:
        doc = build_packet(applicant, [det], attorney=None, event=None, created_at=created_at)
        write_atomic(Path(out_dir) / name, doc.data)
    return len(items)


class MotionWriter:
    def __init__(self, out_dir: str, *, as_of: date, workers: int | None = None):
        self.out_dir = out_dir
        try:
            Path(out_dir).mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise InputError("--motions", f"cannot be created ({e.strerror or e.__class__.__name__})") from None
        self.created_at = datetime.now(UTC)
        self.workers = workers or os.cpu_count() or 1
        self.pool = ProcessPoolExecutor(max_workers=self.workers)
        self.pending: list[tuple[str, Applicant, Determination]] = []
        self.futures: set[Future] = set()
        self.submitted = 0
        self.written = 0
        self.n = 0

    def add(self, row: dict, applicant: Applicant, conviction: Conviction, det: Determination) -> None:
        self.n += 1
        one = Applicant(first_name=applicant.first_name, last_name=applicant.last_name,
                        date_of_birth=applicant.date_of_birth, convictions=[conviction])
        self.pending.append((_safe_name(str(row.get("record_id", "")), self.n), one, det))
        if len(self.pending) >= CHUNK:
            self._submit()

    def _submit(self) -> None:
        if not self.pending:
            return
        while len(self.futures) >= 2 * self.workers:
            done, self.futures = wait(self.futures, return_when=FIRST_COMPLETED)
            self.written += sum(f.result() for f in done)
        self.futures.add(self.pool.submit(_build_chunk, self.pending, self.out_dir, self.created_at))
        self.submitted += len(self.pending)
        self.pending = []

    def finish(self, progress: bool = True) -> int:
        self._submit()
        try:
            bar = click.progressbar(length=self.submitted, label="motions", file=sys.stderr) if progress else None
            if bar:
                bar.update(self.written)
            while self.futures:
                done, self.futures = wait(self.futures, return_when=FIRST_COMPLETED)
                n = sum(f.result() for f in done)
                self.written += n
                if bar:
                    bar.update(n)
            if bar:
                bar.render_finish()
        except OSError as e:
            raise InputError("--motions", f"cannot be written ({e.strerror or e.__class__.__name__})") from None
        finally:
            self.pool.shutdown(cancel_futures=True)
        return self.written
