"""Printing: the same print path to Qt's PDF output (always) and through a real CUPS server with a
PDF printer (when one can run here); copies, records, errors, cancel, print all pending, save."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPushButton, QSpinBox

from kiosk import papers, services, store
from tests.ui.cups_support import CupsServer
from tests.ui.papers_support import (
    ELIGIBLE,
    NAME,
    QUEENS,
    SyncCall,
    add_applicant,
    build,
    pdf_pages_text,
    words,
)
from tests.ui.print_dialog_support import print_to_file
from ui.printing import PrintController, PrinterSettings, job_for


def controller_for(window, db, summaries):
    return PrintController(window, SyncCall(db), actor=lambda: "attorney-1", on_summary=summaries.append)


def expected_pages(docs, packet_copies):
    """Page texts the printer should produce: the packet `packet_copies` times, then the receipt."""
    packet = next(d for d in docs if d.kind == "packet")
    receipt = next(d for d in docs if d.kind == "receipt")
    return pdf_pages_text(packet.data) * packet_copies + pdf_pages_text(receipt.data)


def assert_same_pages(printed: list[str], expected: list[str]) -> None:
    assert len(printed) == len(expected)
    for i, (got, want) in enumerate(zip(printed, expected, strict=True)):
        assert words(want), f"page {i + 1} of the papers has no text"
        assert words(got) == words(want), f"page {i + 1} differs"


def printed_copies(db, aid):
    """Copies printed per kind, over every build of the papers (a rebuild on another day differs)."""
    out: dict[str, int] = {}
    for d in store.list_documents(db, aid):
        out[d["kind"]] = out.get(d["kind"], 0) + d["copies_printed"]
    return out


def run(controller, qtbot, jobs, settings):
    with qtbot.waitSignal(controller.finished, timeout=120_000) as signal:
        controller.start(jobs, settings)
    return signal.args[0]


# --- Qt's PDF output: the print path, always run ------------------------------------------------------

def test_print_to_pdf_output_gives_the_packets_pages_three_times_then_the_receipt(
        db, window, qtbot, applicant, tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    aid, reference, docs = applicant
    summaries = []
    controller = controller_for(window, db, summaries)
    out = tmp_path / "printed.pdf"
    summary = run(controller, qtbot, [job_for(aid, reference, docs, packet_copies=3)],
                  PrinterSettings(output_file=str(out)))
    assert summary.ok, summary.text()
    assert summaries == [summary]
    assert_same_pages(pdf_pages_text(out.read_bytes()), expected_pages(docs, 3))
    # recorded with the applicant, shown on the dashboard as printed
    assert printed_copies(db, aid) == {"packet": 3, "receipt": 1}
    row = next(r for r in services.dashboard_rows(db, reference) if r.id == aid)
    assert row.status == "printed"
    packet_pages = next(d.pages for d in docs if d.kind == "packet")
    assert summary.text() == (f"Printed {reference} on PDF file: motion papers (3 copies: court, DA, applicant) "
                              f"and the receipt, {packet_pages * 3 + 1} pages.")
    assert os.listdir(tmp_path / "tmp") == []  # nothing of the papers left in the temp folder
    audit = [r["detail"] for r in db.query("SELECT detail FROM audit_log WHERE action = 'documents.printed'")]
    packet = next(d for d in docs if d.kind == "packet")
    assert audit == [f"packet:3x{packet.pages}p,receipt:1x1p"]


def test_the_print_dialog_offers_the_last_printer_and_copies_and_remembers_them(db, window, qtbot, applicant,
                                                                                tmp_path):
    aid, reference, docs = applicant
    services.remember_printer(db, "", 2)
    summaries = []
    controller = controller_for(window, db, summaries)
    controller.print_papers(aid, reference, docs)
    dialog = controller.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.findChild(QSpinBox, "copies").value() == 2
    assert not dialog.findChild(QSpinBox, "from").isEnabled()  # every page prints: no ranges offered
    assert reference in dialog.windowTitle()
    # the attorney prints to a PDF file with one copy
    print_to_file(dialog, tmp_path / "chosen.pdf")
    dialog.findChild(QSpinBox, "copies").setValue(1)
    with qtbot.waitSignal(controller.finished, timeout=120_000):
        dialog.accept()
    assert summaries[0].ok, summaries[0].text()
    assert_same_pages(pdf_pages_text((tmp_path / "chosen.pdf").read_bytes()), expected_pages(docs, 1))
    assert printed_copies(db, aid) == {"packet": 1, "receipt": 1}
    assert services.session_settings(db).packet_copies == 2  # a file is not a printer to remember


def test_cancelling_the_print_dialog_prints_nothing(db, window, qtbot, applicant):
    aid, reference, docs = applicant
    controller = controller_for(window, db, [])
    controller.print_papers(aid, reference, docs)
    controller.dialog.reject()
    assert controller.thread is None
    assert printed_copies(db, aid) == {"packet": 0, "receipt": 0}


@pytest.mark.parametrize("settings, words_expected", [
    (PrinterSettings(printer_name="Venue-Printer-That-Is-Gone"), "is not available"),
    (PrinterSettings(output_file="/nonexistent-folder/x/papers.pdf"), "folder does not exist"),
])
def test_a_printer_error_is_said_plainly_and_nothing_is_marked_printed(db, window, qtbot, applicant,
                                                                         settings, words_expected):
    aid, reference, docs = applicant
    controller = controller_for(window, db, [])
    summary = run(controller, qtbot, [job_for(aid, reference, docs)], settings)
    assert not summary.ok
    assert summary.results[0].status == "failed"
    assert words_expected in summary.text()
    assert "Nothing was marked printed" in summary.text()
    assert NAME[1] not in summary.text()
    assert printed_copies(db, aid) == {"packet": 0, "receipt": 0}
    assert services.dashboard_rows(db, reference)[0].status == "evaluated"


def test_cancel_stops_the_job_and_marks_nothing_printed(db, window, qtbot, applicant, tmp_path):
    aid, reference, docs = applicant
    controller = controller_for(window, db, [])
    out = tmp_path / "cancelled.pdf"
    with qtbot.waitSignal(controller.finished, timeout=120_000) as signal:
        thread = controller.start([job_for(aid, reference, docs)], PrinterSettings(output_file=str(out)))
        # cancel from the print thread itself as soon as the first page is drawn: no race
        thread.page_printed.connect(lambda *a: thread.cancel(), Qt.ConnectionType.DirectConnection)
        assert controller.progress is not None and controller.progress.isVisible()
    summary = signal.args[0]
    assert summary.results[0].status == "cancelled"
    assert not summary.ok
    assert printed_copies(db, aid) == {"packet": 0, "receipt": 0}
    assert controller.progress is None and controller.thread is None
    assert not out.exists()  # the pages drawn before the cancel are not left behind


def test_progress_dialog_cancel_button_cancels(db, window, qtbot, applicant, tmp_path):
    aid, reference, docs = applicant
    controller = controller_for(window, db, [])
    with qtbot.waitSignal(controller.finished, timeout=120_000) as signal:
        thread = controller.start([job_for(aid, reference, docs)], PrinterSettings(output_file=str(tmp_path / "c.pdf")))
        cancel = next(b for b in controller.progress.findChildren(QPushButton) if "Cancel" in b.text())
        cancel.click()
        assert thread.is_cancelled()
    assert signal.args[0].results[0].status == "cancelled"


def test_print_all_pending_prints_each_waiting_applicant_once_in_order(db, window, qtbot, tmp_path):
    first = add_applicant(db)
    second = add_applicant(db, first_name="Bartholomew", last_name="Iglesias-Whitfield")
    queens = add_applicant(db, QUEENS)  # INELIGIBLE: no motion, nothing pending
    done = add_applicant(db, first_name="Already", last_name="Printed")
    _a, done_docs = build(db, done)
    papers.record_printed(db, done, [{"kind": d.kind, "sha256": d.sha256, "pages": d.pages, "copies": 1}
                                     for d in done_docs], printer="x")
    pending = papers.pending_print(db)
    assert [r["id"] for r in pending] == [first, second]
    refs = {r["id"]: r["reference"] for r in pending}

    summaries = []
    controller = controller_for(window, db, summaries)
    out = tmp_path / "batch.pdf"
    with qtbot.waitSignal(controller.finished, timeout=120_000) as signal:
        controller.start_pending(pending, PrinterSettings(output_file=str(out)), 3)
        assert controller.progress.maximum() == 2 * 1000
    summary = signal.args[0]
    assert summary.ok, summary.text()
    assert [r.reference for r in summary.printed] == [refs[first], refs[second]]
    assert summary.text().startswith(f"Printed 2 of 2 applicants on PDF file: {refs[first]}, {refs[second]}.")
    for aid in (first, second):  # each applicant's pages together, in order, in their own job
        _app, docs = build(db, aid)
        job_file = tmp_path / f"batch-{refs[aid]}.pdf"
        assert_same_pages(pdf_pages_text(job_file.read_bytes()), expected_pages(docs, 3))
        assert printed_copies(db, aid) == {"packet": 3, "receipt": 1}
    assert printed_copies(db, queens) == {}
    assert papers.pending_print(db) == []
    statuses = {r.id: r.status for r in services.dashboard_rows(db, all_days=True)}
    assert statuses[first] == statuses[second] == statuses[done] == "printed"
    assert statuses[queens] == "evaluated"


def test_print_all_pending_reports_what_did_not_print(db, window, qtbot, tmp_path, monkeypatch):
    ok = add_applicant(db)
    broken = add_applicant(db, first_name="Broken", last_name="Builder")
    real = papers.papers_for_applicant

    def flaky(db_, applicant_id, **kw):
        if applicant_id == broken:
            from kiosk.errors import InputError

            raise InputError("last_name", "cannot be printed with the shipped fonts")
        return real(db_, applicant_id, **kw)

    monkeypatch.setattr(papers, "papers_for_applicant", flaky)
    pending = papers.pending_print(db)
    controller = controller_for(window, db, [])
    with qtbot.waitSignal(controller.finished, timeout=120_000) as signal:
        controller.start_pending(pending, PrinterSettings(output_file=str(tmp_path / "b.pdf")), 1)
    summary = signal.args[0]
    assert [r.status for r in summary.results] == ["printed", "failed"]
    ref = {r["id"]: r["reference"] for r in pending}
    assert f"Printed 1 of 2 applicants on PDF file: {ref[ok]}." in summary.text()
    assert f"Not printed: {ref[broken]}: the papers could not be made" in summary.text()
    assert printed_copies(db, ok) == {"packet": 1, "receipt": 1}
    assert printed_copies(db, broken) == {}


def test_after_a_printer_error_the_rest_of_the_batch_is_not_sent(db, window, qtbot):
    for i in range(3):
        add_applicant(db, first_name=f"Pending{'abc'[i]}")
    pending = papers.pending_print(db)
    controller = controller_for(window, db, [])
    with qtbot.waitSignal(controller.finished, timeout=120_000) as signal:
        controller.start_pending(pending, PrinterSettings(printer_name="Gone-Printer"), 1)
    summary = signal.args[0]
    assert [r.status for r in summary.results] == ["failed", "skipped", "skipped"]
    assert "Printed 0 of 3 applicants" in summary.text()
    assert summary.text().count("not sent: printing stopped after the printer problem") == 2
    assert len(papers.pending_print(db)) == 3


def test_print_all_with_nothing_pending_says_so(db, window, qtbot):
    summaries = []
    controller = controller_for(window, db, summaries)
    controller.print_all_pending()
    assert controller.dialog is None
    assert summaries[0].text().startswith("Nothing to print")


def test_save_as_pdf_writes_the_papers_to_the_folder_and_marks_nothing_printed(db, window, qtbot, applicant,
                                                                                 tmp_path):
    aid, reference, docs = applicant
    controller = controller_for(window, db, [])
    saved = []
    controller.save_as_pdf(aid, reference, docs, "es", on_saved=saved.append)
    dialog = controller.folder_dialog
    assert dialog is not None and dialog.isVisible()
    usb = tmp_path / "usb"
    usb.mkdir()
    dialog.fileSelected.emit(str(usb))
    assert sorted(p.name for p in saved[0]) == sorted([f"{reference}-packet.pdf", f"{reference}-receipt-es.pdf"])
    for d in docs:
        target = usb / (f"{reference}-packet.pdf" if d.kind == "packet" else f"{reference}-receipt-es.pdf")
        assert target.read_bytes() == d.data
    assert printed_copies(db, aid) == {"packet": 0, "receipt": 0}
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'documents.saved'").fetchone()[0] == 1
    dialog.close()


def test_save_as_pdf_to_a_missing_drive_is_a_plain_error(db, window, qtbot, applicant, tmp_path):
    aid, reference, docs = applicant
    summaries = []
    controller = controller_for(window, db, summaries)
    controller.save_to(str(tmp_path / "unplugged"), aid, reference, docs)
    assert "could not be saved in that folder" in summaries[0].text()
    assert not list(tmp_path.glob("**/*.pdf"))


# --- a real CUPS server with a PDF printer -------------------------------------------------------------

@pytest.fixture(scope="module")
def cups():
    reason = CupsServer.unavailable()
    if reason:
        pytest.skip(f"CUPS cannot run here, so printing through a real spooler is not tested: {reason}")
    server = CupsServer()
    try:
        server.start()
    except (RuntimeError, OSError) as e:
        server.stop()
        pytest.skip(f"CUPS could not start here, so printing through a real spooler is not tested: {e}")
    yield server
    server.stop()


def test_print_through_cups_to_a_pdf_printer(cups, db, window, qtbot, applicant):
    from PySide6.QtPrintSupport import QPrinterInfo

    assert cups.queue in QPrinterInfo.availablePrinterNames()
    aid, reference, docs = applicant
    summaries = []
    controller = controller_for(window, db, summaries)
    controller.print_papers(aid, reference, docs)  # through Qt's print dialog, as the attorney does
    dialog = controller.dialog
    printers = dialog.findChild(QComboBox, "printers")
    printers.setCurrentIndex(printers.findText(cups.queue))
    dialog.findChild(QSpinBox, "copies").setValue(1)
    with qtbot.waitSignal(controller.finished, timeout=120_000):
        dialog.accept()
    summary = summaries[0]
    assert summary.ok, summary.text()
    assert summary.printer == cups.queue
    out = cups.wait_for_output(f"{reference} papers")
    assert NAME[1] not in out.name  # the job title CUPS keeps is the reference only
    assert_same_pages(pdf_pages_text(out.read_bytes()), expected_pages(docs, 1))
    assert printed_copies(db, aid) == {"packet": 1, "receipt": 1}
    assert db.execute("SELECT printer FROM print_jobs").fetchall() == [(cups.queue,), (cups.queue,)]
    page_log = Path(cups.root, "log", "page_log")
    if page_log.exists():
        assert NAME[1] not in page_log.read_text(errors="replace")
    assert ELIGIBLE["first_name"] not in cups.log_tail(200)
    # the next print offers the same printer and copies (remembered for this laptop)
    assert services.session_settings(db).printer == cups.queue
    controller.print_papers(aid, reference, docs)
    assert controller.dialog.printer().printerName() == cups.queue
    assert controller.dialog.findChild(QSpinBox, "copies").value() == 1
    controller.dialog.reject()


# --- on the real window ------------------------------------------------------------------------------

def test_print_all_pending_from_the_dashboard_shows_what_was_printed(signed_in, qtbot, tmp_path):
    from tests.ui.drive import Driver

    d: Driver = signed_in
    db = services.open_kiosk(d.db_path)
    aid = add_applicant(db)
    reference = store.applicant_row(db, aid)["reference"]
    db.close()
    d.window.pages["dashboard"].refresh()
    d.idle()
    d.click("Print all pending")
    qtbot.waitUntil(lambda: d.window.printing.dialog is not None and d.window.printing.dialog.isVisible())
    dialog = d.window.printing.dialog
    assert dialog.windowTitle().startswith("Print all pending (1 applicant):")
    print_to_file(dialog, tmp_path / "all.pdf")
    with qtbot.waitSignal(d.window.printing.finished, timeout=120_000) as signal:
        dialog.accept()
    assert signal.args[0].ok, signal.args[0].text()
    d.idle()
    assert (tmp_path / "all.pdf").exists()
    assert d.window.messages.text.startswith(f"Printed {reference} on PDF file")
    table = d.window.pages["dashboard"].table
    qtbot.waitUntil(lambda: table.rowCount() == 1 and table.item(0, 2).text() != "Evaluated")
    assert table.item(0, 2).text() == "Printed"
    assert table.item(0, 5).text() == "Yes: papers \u00d73, receipt \u00d71"
