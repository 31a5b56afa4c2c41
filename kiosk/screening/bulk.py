"""Bulk jobs over whole files: screening an extract (and, with --motions, writing packets for the
rows that qualify). Streams rows so memory stays flat at any input size."""

from __future__ import annotations

import csv
import os
import sys
import time
from datetime import date
from pathlib import Path

import click

from ..errors import InputError
from ..store.rules_db import open_rules_db
from .extract import parse_column_map, read_extract, screen_extract


def count_lines(path: str) -> int:
    n = 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            n += chunk.count(b"\n")
    return max(n - 1, 0)


def screen_file(records: str, out_path: str, *, as_of: date, columns: str | None = None,
                motions_dir: str | None = None, progress: bool = True) -> str:
    """Screen `records` into `out_path`; return a one-line summary with counts and wall time."""
    start = time.perf_counter()
    name = Path(records).name
    column_map = parse_column_map(columns)
    if not os.path.isfile(records):
        raise InputError(name, "no such file")
    if Path(out_path).resolve() == Path(records).resolve():
        raise InputError("--out", "must not be the input file")
    db = open_rules_db()
    total = count_lines(records) if progress else 0
    tmp = Path(out_path).with_name(Path(out_path).name + ".part")
    motions = None
    if motions_dir:
        from .motions import MotionWriter  # lazy: its process pool loads only with --motions

        motions = MotionWriter(motions_dir, as_of=as_of)
    try:
        with open(records, encoding="utf-8-sig", newline="") as f_in:
            try:
                layout, rows = read_extract(f_in, column_map,
                                            reopen=lambda: open(records, encoding="utf-8-sig", newline=""))
            except InputError as e:  # a header problem: say which file
                raise InputError(f"{name}: {e.field}", e.message) from None
            with open(tmp, "w", encoding="utf-8", newline="") as f_out:
                csv.writer(f_out).writerow(layout.out_header)
                bar = click.progressbar(length=total, label="screening", file=sys.stderr) if progress else None
                on_batch = bar.update if bar else None
                try:
                    counts = screen_extract(db, rows, layout, as_of, f_out.write, on_batch=on_batch,  # type: ignore[arg-type]
                                            on_eligible=motions.add if motions else None)
                finally:
                    if bar:
                        bar.render_finish()
        os.replace(tmp, out_path)
    except UnicodeDecodeError:
        raise InputError(name, "is not UTF-8 text (save the extract as CSV UTF-8)") from None
    except OSError as e:
        raise InputError("--out", f"cannot be written ({e.strerror or e.__class__.__name__})") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    written = motions.finish(progress=progress) if motions else None
    took = time.perf_counter() - start
    parts = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    summary = f"screened {sum(counts.values())} rows in {took:.2f} s ({parts or 'no rows'})"
    if written is not None:
        summary += f"; wrote {written} motion packets into {motions_dir}"
    return summary
