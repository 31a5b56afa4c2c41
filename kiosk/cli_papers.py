"""`kiosk motion`: an applicant's papers (the motion packet and the receipt) as PDFs, from a saved
applicant (`--db --applicant`) or a bare applicant file with the attorney given as options.
Registered on the core's group by kiosk.cli."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from . import store
from .cli_files import as_of_date, in_file, open_db, read_json_file
from .errors import InputError, NotFoundError
from .passphrase import passphrase_option


def register(cli: click.Group) -> None:
    """Add `motion` to the group."""

    @cli.command()
    @click.argument("applicant_file", required=False, type=click.Path(dir_okay=False))
    @click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder for the PDFs.")
    @click.option("--db", "db_path", type=click.Path(dir_okay=False), help="Database: event and attorney from it.")
    @click.option("--applicant", "applicant_ref", help="Id or reference of an applicant saved in --db.")
    @click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="Evaluation date for a bare applicant file.")
    @click.option("--attorney-name", help="For a bare file: the attorney signing the affirmation.")
    @click.option("--attorney-org", help="For a bare file: the attorney's organization.")
    @click.option("--attorney-phone", help="For a bare file: the attorney's phone.")
    @click.option("--attorney-reg", help="For a bare file: the attorney's registration number.")
    @click.option("--typed-signature", is_flag=True, help="Print '/s/ Name' instead of a blank line for wet ink.")
    @click.option("--signed-on", "signed_on", metavar="YYYY-MM-DD",
                  help="Date of signing the papers print (default: today when it is one of the event's days, "
                       "else the event's first day).")
    @passphrase_option
    def motion(applicant_file: str | None, out_dir: str, db_path: str | None, applicant_ref: str | None,
               as_of: str | None, attorney_name: str | None, attorney_org: str | None,
               attorney_phone: str | None, attorney_reg: str | None, typed_signature: bool,
               signed_on: str | None, passphrase_file: str | None) -> None:
        """Write the motion packet (one PDF, four papers per qualifying conviction) and the receipt."""
        from . import papers  # lazy: papers load fpdf2 and fonts only when a motion is written
        from .services import evaluate_raw, signed_in_attorney  # lazy: services: not for --help
        from .signing import missing_facts, papers_facts, parse_signed_on, signing_date  # lazy: loads only for `motion`
        from .validate import parse_attorney  # lazy: validation loads only when a command reads a file

        chosen = parse_signed_on(signed_on) if signed_on else None
        now = datetime.now(UTC)
        if applicant_ref:
            if not db_path:
                raise InputError("--applicant", "needs --db naming the database that holds the applicant")
            if applicant_file:
                raise InputError("APPLICANT_FILE", "give either a file or --applicant, not both")
            db = open_db(db_path, passphrase_file)
            try:
                applicant_id = store.find_applicant_id(db, applicant_ref)
            except NotFoundError as e:
                raise InputError("--applicant", str(e)) from None
            event = store.current_event(db)
            try:
                applicant, docs = papers.papers_for_applicant(db, applicant_id, created_at=now, signed_on=chosen)
            except InputError as e:
                if e.field != "applicant":
                    raise
                raise InputError("--applicant", e.message) from None
            reference = applicant.reference
            missing = papers_facts(db, applicant_id)["missing"]
        else:
            if not applicant_file:
                raise InputError("APPLICANT_FILE", "name an applicant file, or use --db with --applicant")
            raw = read_json_file(applicant_file)
            db = open_db(db_path, passphrase_file) if db_path else None
            when = as_of_date(as_of, db)
            applicant, dets = in_file(applicant_file, evaluate_raw, raw, as_of=when, db=db)
            options = {k: v for k, v in {"name": attorney_name, "organization": attorney_org,
                                         "phone": attorney_phone, "registration_number": attorney_reg}.items() if v}
            block = raw.get("attorney") if isinstance(raw, dict) else None
            attorney = None
            if block or options:
                merged = {**(block if isinstance(block, dict) else {}), **options}
                if typed_signature:
                    merged["typed_signature"] = True
                attorney = in_file(applicant_file, parse_attorney, merged)
            elif db is not None:
                attorney = signed_in_attorney(db)
            event = store.current_event(db) if db is not None else None
            reference = papers.file_reference(raw)
            docs = papers.build_papers(applicant, dets, reference=reference, attorney=attorney, event=event,
                                       created_at=now, signed_on=chosen)
            missing = missing_facts(applicant, list(dets), attorney=attorney, event=event)
        rule = signing_date(event, now.date())
        for path in papers.write_papers(out_dir, reference, docs, applicant.language):
            click.echo(str(path))
        if missing and papers.qualifies_docs(docs):  # needed facts the packet leaves as lines to fill in
            click.echo("printed lines to fill in by hand for: " + ", ".join(m.field for m in missing), err=True)
        if chosen is None and rule.ask:
            click.echo(f"dated {rule.default.isoformat()}, the event's first day: today is outside the event's "
                       "days (use --signed-on YYYY-MM-DD to print another date of signing)", err=True)
        if not papers.qualifies_docs(docs):
            click.echo("no conviction qualifies for a motion: wrote the applicant's receipt only", err=True)
