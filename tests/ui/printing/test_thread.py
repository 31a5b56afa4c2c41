"""ui.printing.thread: the print thread keeps the order of its queue and stops sending after a
printer problem; the summary says what printed and what did not."""

from __future__ import annotations

from ui.printing import JobResult, PrinterSettings, PrintJob, PrintSummary, PrintThread


def test_after_a_printer_problem_the_rest_is_skipped_and_a_failed_build_keeps_its_place(qtbot, tmp_path):
    thread = PrintThread(PrinterSettings(output_file=str(tmp_path / "gone" / "papers.pdf")))
    thread.add(PrintJob("a1", "BA-0001", ()))
    thread.add_failure(JobResult("a2", "BA-0002", "failed", message="the papers could not be made"))
    thread.add(PrintJob("a3", "BA-0003", ()))
    thread.close_queue()
    with qtbot.waitSignal(thread.all_finished, timeout=5000) as done:
        thread.start()
    thread.wait()
    results = done.args[0]
    assert [(r.reference, r.status) for r in results] == [
        ("BA-0001", "failed"), ("BA-0002", "failed"), ("BA-0003", "skipped")]
    assert "folder does not exist" in results[0].message
    assert results[2].message == "not sent: printing stopped after the printer problem"


def test_a_cancelled_thread_sends_nothing(qtbot, tmp_path):
    thread = PrintThread(PrinterSettings(output_file=str(tmp_path / "papers.pdf")))
    thread.add(PrintJob("a1", "BA-0001", ()))
    thread.close_queue()
    thread.cancel()
    with qtbot.waitSignal(thread.all_finished, timeout=5000) as done:
        thread.start()
    thread.wait()
    assert [(r.status, r.message) for r in done.args[0]] == [("cancelled", "cancelled before it started")]
    assert not (tmp_path / "papers.pdf").exists()


def test_the_summary_counts_printed_and_not_printed_and_names_unrecorded_papers():
    printed = JobResult("a1", "BA-0001", "printed", 13, what="motion papers and the receipt")
    failed = JobResult("a2", "BA-0002", "failed", message="the printer is out of paper")
    one = PrintSummary("Hall-A", [printed])
    assert one.ok
    assert one.text() == "Printed BA-0001 on Hall-A: motion papers and the receipt, 13 pages."
    both = PrintSummary("Hall-A", [printed, failed], unrecorded=["BA-0001"])
    assert not both.ok and both.not_printed == [failed]
    assert both.text().splitlines() == [
        "Printed 1 of 2 applicants on Hall-A: BA-0001.",
        "Not printed: BA-0002: the printer is out of paper.",
        "BA-0001 was printed but could not be marked printed; check the dashboard.",
    ]
    assert not PrintSummary("Hall-A", []).ok
    assert PrintSummary("Hall-A", []).text().startswith("Nothing to print")
