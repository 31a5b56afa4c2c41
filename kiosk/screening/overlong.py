"""Rows of an extract with a cell longer than csv's field limit (128 KiB): read once more from a
second handle on the same file, so the row becomes that row's error and reading goes on.

The main reader stays csv's C loop over the file; it only has to say where each record starts.
The second handle moves forward only, so recovering many rows costs one more pass at most."""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import IO

# the longest cell: csv's own field limit, which the reader enforces at no cost per row
MAX_CELL = 128 * 1024
# a row with an over-long cell is read once more up to this length per cell, to write it back
RECOVER_CELL = 4 * 1024 * 1024


class OverLongRow(list):
    """A row holding a cell longer than MAX_CELL: its values with every such cell left blank (none
    when even reading it again failed), and the error that is that row's result."""

    def __init__(self, values: list[str], error: str):
        super().__init__(values)
        self.error = error


class Rereader:
    """Reads single records again, by physical line number, from a second handle on the file."""

    def __init__(self, reopen: Callable[[], IO[str]] | None, names: list[str]):
        self.reopen, self.names = reopen, names
        self.handle: IO[str] | None = None
        self.at = 0  # physical lines read from the handle so far

    def record(self, first: int, failed_at: int) -> tuple[OverLongRow, int]:
        """The record starting after line `first` whose reading failed on line `failed_at`, and
        the line it ends on."""
        too_long = OverLongRow([], f"row: has a value too long to read (more than {RECOVER_CELL} characters)")
        if self.reopen is None:
            return too_long, failed_at
        if self.handle is None:
            self.handle = self.reopen()
        for _ in range(first - self.at):
            next(self.handle)
        reader = csv.reader(self.handle)
        limit = csv.field_size_limit(RECOVER_CELL)
        try:
            values = next(reader)
        except (csv.Error, StopIteration):
            self.at = first + reader.line_num
            return too_long, max(failed_at, self.at)
        finally:
            csv.field_size_limit(limit)
        self.at = first + reader.line_num
        i, value = next((i, v) for i, v in enumerate(values) if len(v) > MAX_CELL)
        name = self.names[i] if i < len(self.names) else "row"
        return OverLongRow([v if len(v) <= MAX_CELL else "" for v in values],
                           f"{name}: is too long ({len(value)} characters; at most {MAX_CELL}); "
                           "it is left out of the results"), self.at

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
