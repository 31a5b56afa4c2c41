"""The papers: the pure PDF builders (models in, PDF bytes out; no file writes, no GUI; see
docs/architecture.md) and, in `prepare`, gathering an applicant's models, recording each paper and
writing the files.

The builders load fpdf2 and the fonts, so they are imported on first use: commands that only
record or write papers start without them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .prepare import (
    build_papers,
    file_name,
    file_reference,
    papers_for_applicant,
    pending_print,
    print_history,
    qualifies,
    qualifies_docs,
    record_printed,
    save_papers,
    signed_on_for,
    write_atomic,
    write_papers,
)

if TYPE_CHECKING:
    from .frame import BuiltDocument
    from .packet import build_packet
    from .receipt import build_receipt

def __getattr__(name: str) -> Any:
    # the builders load fpdf2 and fontTools: imported on first use to keep start-up light
    if name == "BuiltDocument":
        from .frame import BuiltDocument  # lazy: fpdf2 loads only when a paper is built
        return BuiltDocument
    if name == "build_packet":
        from .packet import build_packet  # lazy: fpdf2 loads only when a paper is built
        return build_packet
    if name == "build_receipt":
        from .receipt import build_receipt  # lazy: fpdf2 loads only when a paper is built
        return build_receipt
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["BuiltDocument", "build_packet", "build_receipt", "build_papers", "file_name", "file_reference",
           "papers_for_applicant", "pending_print", "print_history", "qualifies", "qualifies_docs",
           "record_printed", "save_papers", "signed_on_for", "write_atomic", "write_papers"]
