"""Reading a sync file's payload (gzip of one JSON document) a row at a time, with a cap on how
much it may inflate, so the office's memory stays flat however many records a file holds and a
gzip bomb is refused before it is inflated. docs/sync-format.md ("Payload") gives the layout:

    {"tables": {"<name>": {"columns": [...], "rows": [[...], ...]}, ...}}

with the tables in payload order and "columns" before "rows" (whitespace between tokens is
allowed). Rows are checked for shape here; what they say is checked by kiosk.sync.office.checks."""

from __future__ import annotations

import codecs
import json
import zlib
from collections.abc import Callable

from ...errors import SyncFileError

_CHUNK = 256 * 1024
_WS = " \t\n\r"
# the most one row's JSON text may take; a determination's rule hits are the largest cells
ROW_LIMIT = {"determinations": 256 * 1024, "audit_log": 8 * 1024}
ROW_LIMIT_DEFAULT = 32 * 1024
_HEAD_LIMIT = 64 * 1024  # table names, column lists, brackets


def inflate_limit(counts: dict[str, int]) -> int:
    """The most a payload with these record counts can honestly inflate to."""
    return _HEAD_LIMIT + sum(n * (ROW_LIMIT.get(t, ROW_LIMIT_DEFAULT) + 1) for t, n in counts.items())


class _Reader:
    """Inflates on demand and hands out JSON tokens and values from a sliding text window."""

    def __init__(self, payload: bytes, limit: int):
        self.z = zlib.decompressobj(wbits=31)
        self.src = memoryview(payload)
        self.at = 0
        self.text = codecs.getincrementaldecoder("utf-8")("strict")
        self.buf, self.pos, self.inflated, self.limit, self.eof = "", 0, 0, limit, False
        # the C scanner itself: JSONDecoder.raw_decode is a Python wrapper around it, per row
        self.scan = json.JSONDecoder().scan_once  # type: ignore[attr-defined]  # set in __init__, untyped

    def fill(self) -> bool:
        """Inflate the next piece into the window; False at the end of the payload."""
        if self.eof:
            return False
        try:
            while True:
                data: bytes | memoryview
                if self.z.unconsumed_tail:
                    data = self.z.unconsumed_tail
                elif self.at < len(self.src):
                    data = self.src[self.at:self.at + _CHUNK]
                    self.at += len(data)
                else:
                    data = b""
                out = self.z.decompress(data, _CHUNK)
                self.inflated += len(out)
                if self.inflated > self.limit:
                    raise SyncFileError("damaged: the payload inflates to more than its record counts can "
                                        "hold (a compression bomb?)")
                if self.z.eof:
                    if self.z.unused_data or self.at < len(self.src):
                        raise SyncFileError("damaged: the payload has data after its end")
                    text, self.eof = self.text.decode(out, final=True), True
                    break
                if out:
                    text = self.text.decode(out)
                    break
                if not data:
                    raise SyncFileError("damaged: the payload is incomplete")
        except (zlib.error, UnicodeDecodeError):
            raise SyncFileError("damaged: the payload cannot be read") from None
        if self.pos > _CHUNK:
            self.buf, self.pos = self.buf[self.pos:], 0
        self.buf += text
        return True

    def skip_ws(self) -> str:
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _WS:
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self.fill():
                raise SyncFileError("damaged: the payload ends too early")

    def token(self, expected: str) -> None:
        pos = self.pos
        if pos < len(self.buf) and self.buf[pos] == expected:  # the usual case: no whitespace
            self.pos = pos + 1
            return
        if self.skip_ws() != expected:
            raise SyncFileError("damaged: the payload is not laid out as the format says")
        self.pos += 1

    def maybe(self, ch: str) -> bool:
        pos = self.pos
        if pos < len(self.buf) and self.buf[pos] not in _WS:
            if self.buf[pos] == ch:
                self.pos = pos + 1
                return True
            return False
        if self.skip_ws() == ch:
            self.pos += 1
            return True
        return False

    def value(self, limit: int) -> object:
        if self.pos >= len(self.buf) or self.buf[self.pos] in _WS:
            self.skip_ws()
        while True:
            try:
                v, end = self.scan(self.buf, self.pos)
                if end - self.pos > limit:
                    raise SyncFileError("damaged: a record in the payload is far larger than any real one")
                if end == len(self.buf) and not self.eof and not isinstance(v, (list, dict, str)):
                    raise ValueError  # a number may go on in the next piece
                self.pos = end
                return v
            except (StopIteration, ValueError, RecursionError):
                if len(self.buf) - self.pos > limit:
                    raise SyncFileError("damaged: a record in the payload is far larger than any real one") \
                        from None
                if not self.fill():
                    raise SyncFileError("damaged: the payload cannot be read") from None

    def end(self) -> None:
        while self.pos < len(self.buf) or not self.eof:
            if self.pos < len(self.buf) and self.buf[self.pos] not in _WS:
                raise SyncFileError("damaged: the payload has data after its end")
            self.pos += 1
            if self.pos >= len(self.buf) and not self.fill():
                break


_CELL = frozenset((str, int, type(None)))


def _next_row(r: _Reader, limit: int) -> tuple[object, bool]:
    """The next value of a rows array and whether the array closes after it. The usual row, an
    array whole in the window and followed at once by "," or "]", is scanned here in one call;
    anything else takes the general value/maybe/token path, which refuses what is out of place."""
    buf, pos = r.buf, r.pos
    if len(buf) - pos <= limit:  # keep the next row whole in the window: a row cut at its end fails
        while len(r.buf) - r.pos <= limit and r.fill():  # the scan, and each failure costs a
            pass  # JSONDecodeError, which counts the newlines before it
        buf, pos = r.buf, r.pos
    if pos < len(buf) and buf[pos] == "[":
        try:
            row, end = r.scan(buf, pos)
        except (StopIteration, ValueError, RecursionError):
            end = 0
        if pos < end < len(buf) and end - pos <= limit and buf[end] in ",]":
            r.pos = end + 1
            return row, buf[end] == "]"
    row = r.value(limit)
    if r.maybe("]"):
        return row, True
    r.token(",")
    return row, False


def read_tables(payload: bytes, tables: tuple[str, ...], counts: dict[str, int],
                take: Callable[[str, list[str], list[list]], None], *, batch: int = 5000) -> None:
    """Stream the payload's tables in order: `take(table, columns, rows)` is called with batches
    of well-shaped rows. Raises SyncFileError at the first thing out of place, including a table
    holding more rows than `counts` says (checked before the extra row is kept). As fast as
    json.loads of the whole payload (measured), in a fraction of its memory."""
    r = _Reader(payload, inflate_limit(counts))
    r.token("{")
    if r.value(64) != "tables":
        raise SyncFileError("damaged: the payload does not hold the expected tables")
    r.token(":")
    r.token("{")
    for n, t in enumerate(tables):
        if n and not r.maybe(","):
            raise SyncFileError("damaged: the payload does not hold the expected tables")
        if r.value(64) != t:
            raise SyncFileError("damaged: the payload does not hold the expected tables")
        r.token(":")
        r.token("{")
        if r.value(64) != "columns":
            raise SyncFileError(f"damaged: the {t} table is malformed")
        r.token(":")
        cols = r.value(_HEAD_LIMIT)
        if not (isinstance(cols, list) and all(isinstance(c, str) and c.isidentifier() and c.isascii()
                                               and c == c.lower() for c in cols) and len(set(cols)) == len(cols)):
            raise SyncFileError(f"damaged: the {t} table is malformed")
        r.token(",")
        if r.value(64) != "rows":
            raise SyncFileError(f"damaged: the {t} table is malformed")
        r.token(":")
        r.token("[")
        limit, width, want = ROW_LIMIT.get(t, ROW_LIMIT_DEFAULT), len(cols), counts[t]
        rows: list[list] = []
        seen = 0
        if not r.maybe("]"):
            while True:
                row, closed = _next_row(r, limit)
                if type(row) is not list or len(row) != width or not _CELL.issuperset(map(type, row)):
                    raise SyncFileError(f"damaged: a row of the {t} table is malformed")
                seen += 1
                if seen > want:
                    raise SyncFileError(f"the {t} table does not hold the number of records the manifest says")
                rows.append(row)
                if len(rows) >= batch:
                    take(t, cols, rows)
                    rows = []
                if closed:
                    break
        if seen != want:
            raise SyncFileError(f"the {t} table does not hold the number of records the manifest says")
        take(t, cols, rows)
        r.token("}")
    r.token("}")
    r.token("}")
    r.end()
