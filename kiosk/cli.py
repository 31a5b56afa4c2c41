"""The `kiosk` command line. Every command calls the same services as the GUI.

Exit codes: 0 success; 2 bad input (a one-line message naming the file, row or field); 1 any
other refusal (wrong key, tampered file, disk full), also one line. Never a traceback, unless
KIOSK_DEBUG=1 is set by a developer."""

from __future__ import annotations

import importlib
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from . import __version__
from .cli_unlock import pin_option
from .errors import InputError, KioskError, NotFoundError, RulePackError
from .passphrase import passphrase_option

MAX_JSON_BYTES = 5 * 1024 * 1024


class Fail(Exception):
    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


def read_json_file(path: str) -> Any:
    """A JSON input file, or an InputError naming the file and what is wrong with it."""
    name = Path(path).name
    try:
        size = os.path.getsize(path)
        if size > MAX_JSON_BYTES:
            raise InputError(name, "is larger than 5 MB; an applicant file is a few kilobytes")
        # utf-8-sig: Windows Notepad saves UTF-8 with a byte-order mark (CSV extracts accept it too)
        with open(path, encoding="utf-8-sig") as f:
            text = f.read()
        if not text.strip():
            raise InputError(name, "is empty; an applicant file holds one JSON object (see examples/)")
        return json.loads(text)
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except IsADirectoryError:
        raise InputError(name, "is a folder, not a file") from None
    except PermissionError:
        raise InputError(name, "cannot be read (no permission)") from None
    except UnicodeDecodeError:
        raise InputError(name, "is not UTF-8 text") from None
    except json.JSONDecodeError as e:
        raise InputError(name, f"is not valid JSON (line {e.lineno}, column {e.colno})") from None
    except RecursionError:
        raise InputError(name, "is nested too deeply to be an applicant file") from None


def _in_file(path: str, fn, *args, **kw):
    """Run a parser on a file's content; prefix an InputError with the file's name."""
    try:
        return fn(*args, **kw)
    except InputError as e:
        if e.field.startswith(Path(path).name):
            raise
        raise InputError(f"{Path(path).name}: {e.field}", e.message, row=e.row) from None


def _as_of(value: str | None, db=None) -> date:
    from .services import default_as_of

    if not value:
        return default_as_of(db)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError("--as-of", "must be a date written YYYY-MM-DD") from None


def _open(db_path: str | None, passphrase_file: str | None = None, *, create: bool = False):
    """A laptop database, unlocked with the event passphrase (kiosk.cli_unlock); a missing one is
    created only when `create` (and then said on stderr)."""
    from .cli_db import announce_if_new, require_existing
    from .cli_unlock import open_laptop

    if create:
        announce_if_new(db_path)
    else:
        require_existing(db_path)
    return open_laptop(db_path, passphrase_file)


def _determination_json(conviction, det) -> dict:
    return {
        "docket": conviction.docket, "offense": conviction.offense, "court": conviction.court,
        "county": conviction.county, "outcome": det.standing_outcome, "engine_outcome": det.outcome,
        "overridden": det.overridden, "rules": det.rules, "reasons": det.reasons,
        "advisories": det.advisories, "deciding_pack": det.deciding_pack,
    }


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kiosk")
def cli() -> None:
    """Begin Again Kiosk: record, evaluate and prepare motions to vacate marijuana convictions."""


@cli.command()
@click.argument("applicant_file", type=click.Path(dir_okay=False))
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="Evaluation date (default: the event's date, else today).")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), help="Use this database's configured event date.")
@passphrase_option
def evaluate(applicant_file: str, as_of: str | None, db_path: str | None, passphrase_file: str | None) -> None:
    """Evaluate an applicant file and print the outcome of each conviction as JSON."""
    from .services import evaluate_raw

    raw = read_json_file(applicant_file)
    db = _open(db_path, passphrase_file) if db_path else None
    when = _as_of(as_of, db)
    applicant, dets = _in_file(applicant_file, evaluate_raw, raw, as_of=when, db=db)
    out = {"as_of": when.isoformat(),
           "convictions": [_determination_json(c, d) for c, d in zip(applicant.convictions, dets, strict=True)]}
    click.echo(json.dumps(out, indent=2, ensure_ascii=False))


@cli.command()
@click.argument("applicant_file", type=click.Path(dir_okay=False))
@click.option("--db", "db_path", type=click.Path(dir_okay=False), help="Database (default: the per-user data folder).")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD")
@passphrase_option
@pin_option()
def intake(applicant_file: str, db_path: str | None, as_of: str | None, passphrase_file: str | None,
           pin_file: str | None, ask_pin: bool) -> None:
    """Validate, save and evaluate an applicant; print the id and reference number."""
    from .cli_unlock import pin_actor
    from .services import intake as do_intake
    from .validate import parse_applicant

    raw = read_json_file(applicant_file)
    _in_file(applicant_file, parse_applicant, raw)  # bad input creates no database
    db = _open(db_path, passphrase_file, create=True)
    when = _as_of(as_of, db)
    actor = pin_actor(db, pin_file, ask_pin)
    applicant, dets = _in_file(applicant_file, do_intake, db, raw, as_of=when, actor=actor)
    click.echo(f"{applicant.id} {applicant.reference}")
    for c, d in zip(applicant.convictions, dets, strict=True):
        click.echo(f"  {c.docket or '(docket unknown)'}  {c.offense}  {d.standing_outcome}  {d.rules[0]}")


@cli.command()
@click.argument("records", type=click.Path(dir_okay=False))
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False), help="Results CSV to write.")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD")
@click.option("--columns", "columns", help="Map your headers: THEIR=ours,... or a JSON file.")
@click.option("--motions", "motions_dir", type=click.Path(file_okay=False),
              help="Also write a motion packet for every ELIGIBLE or NEEDS_REVIEW row into this folder.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def screen(records: str, out_path: str, as_of: str | None, columns: str | None, motions_dir: str | None,
           quiet: bool) -> None:
    """Screen a records extract (CSV, one conviction a row) and write every row with its outcome."""
    from .screening.bulk import screen_file

    summary = screen_file(records, out_path, as_of=_as_of(as_of), columns=columns,
                          motions_dir=motions_dir, progress=not quiet)
    click.echo(summary, err=True)


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
    from datetime import UTC, datetime

    from . import papers, store
    from .errors import NotFoundError
    from .services import evaluate_raw, signed_in_attorney
    from .signing import missing_facts, papers_facts, parse_signed_on, signing_date
    from .validate import parse_attorney

    chosen = parse_signed_on(signed_on) if signed_on else None
    now = datetime.now(UTC)
    if applicant_ref:
        if not db_path:
            raise InputError("--applicant", "needs --db naming the database that holds the applicant")
        if applicant_file:
            raise InputError("APPLICANT_FILE", "give either a file or --applicant, not both")
        db = _open(db_path, passphrase_file)
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
        db = _open(db_path, passphrase_file) if db_path else None
        when = _as_of(as_of, db)
        applicant, dets = _in_file(applicant_file, evaluate_raw, raw, as_of=when, db=db)
        options = {k: v for k, v in {"name": attorney_name, "organization": attorney_org,
                                     "phone": attorney_phone, "registration_number": attorney_reg}.items() if v}
        block = raw.get("attorney") if isinstance(raw, dict) else None
        attorney = None
        if block or options:
            merged = {**(block if isinstance(block, dict) else {}), **options}
            if typed_signature:
                merged["typed_signature"] = True
            attorney = _in_file(applicant_file, parse_attorney, merged)
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


@cli.group()
def rules() -> None:
    """The rule packs in force (stored in SQLite, loaded from resources/rules)."""


@rules.command("list")
@click.option("--db", "db_path", type=click.Path(dir_okay=False))
@passphrase_option
def rules_list(db_path: str | None, passphrase_file: str | None) -> None:
    """List the rule packs: id, effective window, counties, rule count, hash."""
    from . import store

    db = _open(db_path or ":memory:", passphrase_file)
    for p in store.list_packs(db):
        window = f"{p['effective_from']} – {p['effective_to'] or 'open'}"
        counties = ",".join(json.loads(p["counties"]))
        click.echo(f"{p['id']:<22} {window:<26} {counties:<8} {p['rule_count']:>3} rules  "
                   f"{p['hash'][:12]}  {p['title']}")


@rules.command("show")
@click.argument("pack_or_rule_id")
@click.option("--db", "db_path", type=click.Path(dir_okay=False))
@passphrase_option
def rules_show(pack_or_rule_id: str, db_path: str | None, passphrase_file: str | None) -> None:
    """Show one pack (every rule, its conditions, outcome and reason) or one rule."""
    from . import store

    db = _open(db_path or ":memory:", passphrase_file)
    rule = store.get_rule(db, pack_or_rule_id.upper())
    if rule:
        pack_id, rules_ = rule["pack_id"], [rule]
        pack, _ = store.get_pack(db, pack_id)
    else:
        try:
            pack, rules_ = store.get_pack(db, pack_or_rule_id.lower())
        except NotFoundError:
            raise NotFoundError(f"no pack or rule with id '{pack_or_rule_id[:40]}' (see `kiosk rules list`)") from None
        click.echo(f"{pack['id']}: {pack['title']}")
        click.echo(f"  authority: {pack['authority']}")
        for s in json.loads(pack["sources"]):
            click.echo(f"  source: {s}")
        click.echo(f"  in force: {pack['effective_from']} – {pack['effective_to'] or 'open'}; "
                   f"counties: {', '.join(json.loads(pack['counties']))}; hash {pack['hash']}")
        if pack["notes"]:
            click.echo("  notes: " + " ".join(pack["notes"].split()))
        click.echo("")
    for r in rules_:
        when = " AND ".join(json.loads(r["when"])) or "(any conviction)"
        extra = []
        if r["scope"] == "outside":
            extra.append(f"outside {', '.join(json.loads(pack['counties']))}")
        if r["convicted_before"]:
            extra.append(f"convicted before {r['convicted_before']}")
        click.echo(f"{r['id']:<9} {r['outcome']:<18} when {when}{' (' + '; '.join(extra) + ')' if extra else ''}")
        click.echo(f"          {r['reason']}")
        if r["notes"]:
            click.echo(f"          note: {r['notes']}")


@cli.command()
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Also write the figures as JSON.")
@click.option("--large", is_flag=True, help="Add the 1,000,000-row statewide screening (a few minutes).")
@click.option("--runs", default=3, show_default=True, type=click.IntRange(1, 50),
              help="Paired runs of ours and its floor per figure (medians and minimums are shown).")
def bench(json_path: str | None, large: bool, runs: int) -> None:
    """Time every hot path against a floor measured in the same run; print a table."""
    from .bench import run_bench

    run_bench(json_path, large, runs)


@cli.command()
@click.option("--db", "db_path", type=click.Path(dir_okay=False), help="Database (default: the per-user data folder).")
@click.option("--kiosk", "kiosk_mode", is_flag=True, help="Full screen; leaving needs the attorney's PIN.")
@click.option("--demo", is_flag=True,
              help="Set up the demo event (Sept 21-22, 2018, Lenox Road Baptist Church) if none is.")
def gui(db_path: str | None, kiosk_mode: bool, demo: bool) -> None:
    """Open the desktop app."""
    # the Qt layer is loaded only here, by name: the core never imports it (tests/test_architecture.py)
    from .cli_db import announce_if_new

    announce_if_new(db_path)
    run = importlib.import_module("ui.app").run
    sys.exit(run(db_path=db_path, kiosk_mode=kiosk_mode, demo=demo))


@cli.command("self-test")
@click.option("--workdir", type=click.Path(file_okay=False),
              help="Create the throwaway test folder here (default: the system temp folder).")
def self_test(workdir: str | None) -> None:
    """Check this installation end to end in a throwaway database: rules, papers, PDF rendering, export."""
    run_self_test = importlib.import_module("ui.selftest").main  # Qt is loaded only here, offscreen
    sys.exit(run_self_test(parent=workdir))


from .cli_sync import register as _register_sync; _register_sync(cli)  # noqa: E402, E702, I001 (registered after every command of this module)
from .cli_caselist import register as _register_caselist; _register_caselist(cli)  # noqa: E402, E702, I001 (needs the office group)

def main(argv: list[str] | None = None) -> None:
    """Entry point: run click without its own exception handling, show errors as one line."""
    try:
        rv = cli.main(args=argv, prog_name="kiosk", standalone_mode=False)
        code = rv if isinstance(rv, int) else 0
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        code = 1
    except click.ClickException as e:
        e.show()
        code = e.exit_code
    except click.exceptions.Exit as e:
        code = e.exit_code
    except (InputError, RulePackError) as e:
        click.echo(f"error: {e}", err=True)
        code = 2
    except KioskError as e:
        click.echo(f"error: {e}", err=True)
        code = 1
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        code = 130
    except Exception as e:  # a bug: say so in one line, never a traceback with data in it
        if os.environ.get("KIOSK_DEBUG"):
            raise
        click.echo(f"error: unexpected {e.__class__.__name__}; the last action did not complete. "
                   "Run with KIOSK_DEBUG=1 to see details.", err=True)
        code = 70
    sys.exit(code)


if __name__ == "__main__":
    main()
