"""kiosk.sync.office.payload: the payload's tables streamed in batches of well-shaped rows; a table
out of order, a malformed row or more rows than the manifest counts is refused before it is kept."""

from __future__ import annotations

import pytest

from kiosk.errors import SyncFileError
from kiosk.sync import encode_payload
from kiosk.sync.office.payload import read_tables

TABLES = ("events", "applicants")


def payload(rows):
    return encode_payload({"events": (["id", "name"], [["e1", "Begin Again"]]), "applicants": (["id", "n"], rows)})


def read(data: bytes, counts: dict[str, int], batch: int = 2) -> list[tuple[str, list[str], list[list]]]:
    taken: list[tuple[str, list[str], list[list]]] = []
    read_tables(data, TABLES, counts, lambda t, cols, rows: taken.append((t, cols, [list(r) for r in rows])),
                batch=batch)
    return taken


def test_the_tables_stream_in_batches_in_order():
    taken = read(payload([["a1", 1], ["a2", None], ["a3", "x"]]), {"events": 1, "applicants": 3})
    assert taken == [("events", ["id", "name"], [["e1", "Begin Again"]]),
                     ("applicants", ["id", "n"], [["a1", 1], ["a2", None]]),
                     ("applicants", ["id", "n"], [["a3", "x"]])]


@pytest.mark.parametrize(("rows", "counts", "words"), [
    ([["a1", 1]], {"events": 1, "applicants": 2}, "does not hold the number of records the manifest says"),
    ([["a1", 1], ["a2", 2]], {"events": 1, "applicants": 1}, "does not hold the number of records"),
    ([["a1", 1, "extra"]], {"events": 1, "applicants": 1}, "a row of the applicants table is malformed"),
    ([["a1", True]], {"events": 1, "applicants": 1}, "a row of the applicants table is malformed"),
    ([["a1", 1.5]], {"events": 1, "applicants": 1}, "a row of the applicants table is malformed"),
], ids=["too-few", "too-many", "too-wide", "a-boolean", "a-float"])
def test_a_table_that_is_not_as_the_manifest_says_is_refused(rows, counts, words):
    with pytest.raises(SyncFileError, match=words):
        read(payload(rows), counts)


def test_tables_out_of_order_or_a_bad_column_name_are_refused():
    swapped = encode_payload({"applicants": (["id"], []), "events": (["id"], [])})
    with pytest.raises(SyncFileError, match="does not hold the expected tables"):
        read(swapped, {"events": 0, "applicants": 0})
    with pytest.raises(SyncFileError, match="the events table is malformed"):
        read(encode_payload({"events": (["ID; DROP"], []), "applicants": (["id"], [])}), {"events": 0, "applicants": 0})
