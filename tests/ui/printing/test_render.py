"""ui.printing.render: one job's pages rasterised onto the printer (Letter, at most 300 dpi), and a
printer that cannot open is a PrintError."""

from __future__ import annotations

import pytest

from ui.printing import PrintError, PrinterSettings, job_for, print_job


def test_pages_are_letter_size_and_rendered_no_finer_than_300_dpi(qapp, db, applicant, tmp_path):
    from pypdf import PdfReader

    aid, reference, docs = applicant
    out = tmp_path / "one.pdf"
    job = job_for(aid, reference, docs, packet_copies=1)
    print_job(job, PrinterSettings(output_file=str(out)))
    reader = PdfReader(str(out))
    assert len(reader.pages) == job.total_pages > 1  # every page of the packet and the receipt, once
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)
        images = list(page.images)
        assert len(images) == 1
        assert images[0].image.width <= 8.5 * 300 and images[0].image.height <= 11 * 300
        assert images[0].image.width >= 8.5 * 150  # and not a blurry thumbnail


@pytest.mark.qt_log_ignore("QPainter::begin")
def test_a_printer_that_will_not_open_is_a_print_error(qapp, applicant, tmp_path):
    aid, reference, docs = applicant
    blocked = tmp_path / "a-folder"
    blocked.mkdir()
    with pytest.raises(PrintError, match="could not start"):
        print_job(job_for(aid, reference, docs), PrinterSettings(output_file=str(blocked)))
