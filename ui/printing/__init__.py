"""Printing the papers on site: Qt's print dialog, a worker thread that rasterises each page onto
the QPrinter, progress with cancel, "Print all pending", and "Save as PDF" as the fallback.

Why rasterise: QtPdf can only render pages to images, so each page is drawn as a greyscale image
at no more than 300 dpi (sharp for 12-point text, small enough to spool fast), losslessly (JPEG
blurs text). Under each image the page's text is laid as a hidden text layer at the positions
QtPdf reports, so the spooled file stays searchable and a test can read back what came out.

The court copy, the DA copy and the applicant copy are copies of the motion packet, followed by
one receipt: all of one applicant's pages are one print job, in order, so another laptop's job
on a shared printer cannot land between them. Each page is rendered once and drawn for every
copy; Qt's PDF engine then stores the image once, which keeps the spool small.

Nothing is marked printed until the printer has accepted the whole job: a printer error or a
cancel leaves the applicant unprinted (kiosk.papers.record_printed runs only after success).
Print job titles carry the reference number only, never a name (CUPS shows titles to anyone on
the network and keeps them in its page log).

Where the pages pass on their way: Qt's CUPS engine writes the job to a temp file (TMPDIR), hands
it to cupsd and deletes it; cupsd keeps its copy in its spool until the job is printed. Those are
the printing system's and last as long as the job. A cancelled or failed job to a PDF file has its
partial file removed."""

from .controller import PrintController
from .jobs import PrintCancelled, PrintError, PrinterSettings, PrintJob, describe, job_for
from .render import print_job
from .thread import JobResult, PrintSummary, PrintThread

__all__ = ["JobResult", "PrintCancelled", "PrintController", "PrintError", "PrintJob", "PrintSummary", "PrintThread",
           "PrinterSettings", "describe", "job_for", "print_job"]
