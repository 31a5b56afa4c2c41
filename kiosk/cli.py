"""The core's `kiosk` command group: every command that needs no Qt, each calling the same services
as the GUI. The app's one front door, ui/cli.py, adds `gui` and the Qt steps of `self-test` and
`bench` to it; the `kiosk` console script and both executables run that (docs/architecture.md).

Exit codes: 0 success; 2 bad input (a one-line message naming the file, row or field); 1 any
other refusal (wrong key, tampered file, disk full), also one line. Never a traceback, unless
KIOSK_DEBUG=1 is set by a developer."""

from __future__ import annotations

import json

import click

from . import store
from .cli_caselist import register as register_caselist
from .cli_diagnostics import register as register_diagnostics
from .cli_files import as_of_date as _as_of
from .cli_files import in_file as _in_file
from .cli_files import open_db as _open
from .cli_files import read_json_file
from .cli_group import cli, run_command_line
from .cli_papers import register as register_papers
from .cli_rules import register as register_rules
from .cli_sync import register as register_sync
from .cli_unlock import pin_actor, pin_option
from .errors import NotFoundError
from .passphrase import passphrase_option


def _determination_json(conviction, det) -> dict:
    return {
        "docket": conviction.docket, "offense": conviction.offense, "court": conviction.court,
        "county": conviction.county, "outcome": det.standing_outcome, "engine_outcome": det.outcome,
        "overridden": det.overridden, "rules": det.rules, "reasons": det.reasons,
        "advisories": det.advisories, "deciding_pack": det.deciding_pack,
    }


@cli.command()
@click.argument("applicant_file", type=click.Path(dir_okay=False))
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="Evaluation date (default: the event's date, else today).")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), help="Use this database's configured event date.")
@passphrase_option
def evaluate(applicant_file: str, as_of: str | None, db_path: str | None, passphrase_file: str | None) -> None:
    """Evaluate an applicant file and print the outcome of each conviction as JSON."""
    from .services import evaluate_raw  # lazy: services load SQLite and the rules, not for --help

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
    from .services import intake as do_intake  # lazy: services load SQLite and the rules, not for --help
    from .validate import parse_applicant  # lazy: validation loads only when a command reads a file

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
    from .screening.bulk import screen_file  # lazy: bulk screening loads only for `screen`

    summary = screen_file(records, out_path, as_of=_as_of(as_of), columns=columns,
                          motions_dir=motions_dir, progress=not quiet)
    click.echo(summary, err=True)


@cli.group()
def rules() -> None:
    """The rule packs in force (stored in SQLite, loaded from resources/rules)."""


@rules.command("list")
@click.option("--db", "db_path", type=click.Path(dir_okay=False))
@passphrase_option
def rules_list(db_path: str | None, passphrase_file: str | None) -> None:
    """List the rule packs: id, effective window, counties, rule count, hash."""
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


register_papers(cli)
register_diagnostics(cli)  # the Qt-free self-test and the core's figures (ui/cli.py adds the window's)
register_sync(cli)
register_caselist(cli)  # after register_sync: it adds commands to the office group
register_rules(cli)  # `rules explain`, on the rules group above


def main(argv: list[str] | None = None, group: click.Group | None = None) -> None:
    """Run `group` (default: the core's commands) with every error shown as one line
    (kiosk/cli_group.py); exits with the command's code."""
    run_command_line(group or cli, argv)


if __name__ == "__main__":
    main()
