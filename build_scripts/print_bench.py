"""How long printing a 1-conviction packet takes to spool: Qt's PDF output, and a real CUPS queue
with a PDF printer (a private cupsd, as the tests start it) when CUPS can run here.

    .venv/bin/python build_scripts/print_bench.py [--runs 5] [--no-cups] [--json FILE]

"Spooled" is the time from the print call until the whole job is in the printer's hands: for
the PDF output, the file written; for CUPS, the job accepted by cupsd (what happens inside the
printer after that is the printer's). Two jobs are timed: the packet alone (4 papers, 5 pages)
and the job printed on site (the packet 3 times, for the court, the DA and the applicant, then
the receipt). The first run in a process is reported on its own: it loads fonts and pdfium.
The papers are built once beforehand and not counted. Prints figures; asserts nothing."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def build_docs():
    from kiosk import papers, services

    db = services.open_kiosk(":memory:")
    services.ensure_demo_event(db)
    applicant, _dets = services.intake(db, {
        "first_name": "Jordan", "last_name": "Example", "date_of_birth": "1984-03-09", "language": "es",
        "convictions": [{"court": "criminal", "county": "kings", "docket": "2016KN074376",
                         "docket_source": "document", "offense": "PL 221.10(1)", "conviction_date": "2016-05-02"}]})
    _a, docs = papers.papers_for_applicant(db, applicant.id, created_at=datetime(2018, 9, 21, 10, tzinfo=UTC))
    return applicant.id, docs


def time_jobs(settings_for, jobs, runs: int) -> dict:
    from ui.printing import print_job

    out = {}
    for name, job in jobs.items():
        times = []
        for i in range(runs + 1):
            t = time.perf_counter()
            print_job(job, settings_for(name, i))
            times.append(time.perf_counter() - t)
        warm = times[1:]
        out[name] = {"pages": job.total_pages, "first_run_s": round(times[0], 3),
                     "median_s": round(statistics.median(warm), 3), "min_s": round(min(warm), 3),
                     "max_s": round(max(warm), 3), "runs": runs}
    return out


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--no-cups", action="store_true")
    p.add_argument("--json", dest="json_path")
    args = p.parse_args()

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 (QPrinter needs it)
    from ui.printing import PrinterSettings, job_for

    aid, docs = build_docs()
    packet = [d for d in docs if d.kind == "packet"]
    jobs = {"packet_1_copy": job_for(aid, "BA-BENCH1", packet, packet_copies=1),
            "on_site_3_copies_and_receipt": job_for(aid, "BA-BENCH3", docs, packet_copies=3)}
    results: dict = {"machine": {"cpus": os.cpu_count(), "load_1min": round(os.getloadavg()[0], 2)}}
    with tempfile.TemporaryDirectory() as tmp:
        results["pdf_output"] = time_jobs(
            lambda name, i: PrinterSettings(output_file=str(Path(tmp) / f"{name}-{i}.pdf")), jobs, args.runs)
    if not args.no_cups:
        from tests.ui.cups_support import CupsServer

        reason = CupsServer.unavailable()
        if reason:
            results["cups"] = {"skipped": reason}
        else:
            server = CupsServer()
            try:
                server.start()
                results["cups"] = time_jobs(lambda name, i: PrinterSettings(printer_name=server.queue), jobs,
                                            args.runs)
                results["cups"]["queue"] = "private cupsd, cups-pdf backend"
            finally:
                server.stop()
    for target in ("pdf_output", "cups"):
        section = results.get(target, {})
        if "skipped" in section:
            print(f"{target}: skipped: {section['skipped']}")
            continue
        for name, r in section.items():
            if isinstance(r, dict):
                print(f"{target:10} {name:30} {r['pages']:3} pages  median {r['median_s']:.3f} s  "
                      f"(min {r['min_s']:.3f}, max {r['max_s']:.3f}, first run {r['first_run_s']:.3f}) "
                      f"over {r['runs']} runs")
    print(f"machine: {results['machine']['cpus']} CPUs, load average {results['machine']['load_1min']}")
    if args.json_path:
        Path(args.json_path).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
