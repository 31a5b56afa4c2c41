"""The papers package: one import path for preparing and building an applicant's papers, with the
PDF builders (fpdf2, fontTools) loaded only when a paper is built."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import papers
from kiosk.papers import prepare

ROOT = Path(__file__).resolve().parents[3]


def test_preparing_is_reached_from_the_package():
    for name in ("papers_for_applicant", "record_printed", "pending_print", "print_history", "save_papers",
                 "write_atomic", "write_papers", "file_name", "file_reference", "build_papers"):
        assert getattr(papers, name) is getattr(prepare, name)


def test_builders_are_reached_from_the_package():
    from kiosk.papers.frame import BuiltDocument
    from kiosk.papers.packet import build_packet
    from kiosk.papers.receipt import build_receipt

    assert (papers.BuiltDocument, papers.build_packet, papers.build_receipt) == \
        (BuiltDocument, build_packet, build_receipt)
    with pytest.raises(AttributeError, match="no attribute 'build_motion'"):
        papers.build_motion  # noqa: B018 (the lookup itself is the test)


def test_importing_the_package_does_not_load_the_pdf_builders():
    code = ("import sys, kiosk.papers, kiosk.report; "
            "print(sorted(m for m in ('fpdf', 'fontTools', 'kiosk.papers.frame') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == "[]"
    code = "import sys; from kiosk.papers import build_receipt; print('fpdf' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == "True"
