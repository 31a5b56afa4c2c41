"""ui.printing.jobs: one applicant's papers as one print job, and the printer settings."""

from __future__ import annotations

import pytest

from tests.ui.papers_support import NAME
from ui.printing import PrintError, PrinterSettings, PrintJob, describe, job_for
from ui.printing.jobs import PrintDocument, check_printer


def test_job_layout_and_titles_carry_no_name(applicant):
    aid, reference, docs = applicant
    job = job_for(aid, reference, list(reversed(docs)), packet_copies=3)
    assert [(d.kind, d.copies) for d in job.documents] == [("packet", 3), ("receipt", 1)]
    assert job.title == f"{reference} papers"
    assert NAME[0] not in job.title and NAME[1] not in job.title


def _job(reference: str = "BA-0001", packet_copies: int = 3) -> PrintJob:
    return PrintJob("a1", reference, (PrintDocument("packet", b"", "0" * 64, 4, packet_copies),
                                      PrintDocument("receipt", b"", "1" * 64, 1, 1)))


def test_describe_names_the_copies_and_the_pages_count_every_copy():
    assert describe(_job()) == "motion papers (3 copies: court, DA, applicant) and the receipt"
    assert describe(_job(packet_copies=1)) == "motion papers and the receipt"
    assert describe(_job(packet_copies=5)) == "motion papers (5 copies) and the receipt"
    assert _job().total_pages == 4 * 3 + 1


def test_several_jobs_to_one_pdf_file_each_get_a_file_named_by_reference():
    settings = PrinterSettings(output_file="/out/papers.pdf")
    assert settings.label == "PDF file"
    assert settings.output_for(_job("BA/0007"), 1) == "/out/papers.pdf"
    assert settings.output_for(_job("BA/0007"), 2) == "/out/papers-BA_0007.pdf"
    assert PrinterSettings(printer_name="Hall-A").label == "Hall-A"


def test_check_printer_refuses_a_missing_folder_and_no_printer_in_plain_words(tmp_path):
    check_printer(PrinterSettings(output_file=str(tmp_path / "papers.pdf")))  # an existing folder passes
    with pytest.raises(PrintError, match="folder does not exist"):
        check_printer(PrinterSettings(output_file=str(tmp_path / "gone" / "papers.pdf")))
    with pytest.raises(PrintError, match="no printer is chosen"):
        check_printer(PrinterSettings())
