"""The DA's case list commands: `kiosk office caselist` (build the file at the office) and
`kiosk caselist load/find/status` (the laptop). Registered on the main group by kiosk.cli, after
the sync commands (the `office` group is theirs). The passphrase never comes from an argument:
--passphrase-file, KIOSK_PASSPHRASE or a hidden prompt (kiosk.passphrase)."""

from __future__ import annotations

import json
import sys

import click

from .cli_db import require_existing
from .cli_files import as_of_date as _as_of
from .cli_unlock import open_laptop
from .passphrase import read_passphrase

_DB_HELP = "Database (default: the per-user data folder)."
_PASS_HELP = "File whose first line is the event passphrase (else KIOSK_PASSPHRASE, else a prompt)."
MAX_BAD_LINES_SHOWN = 50


def _open(db_path: str | None, passphrase_file: str | None = None, *, passphrase: str | None = None):
    """The laptop database that holds the list: it must exist, and opens with the event passphrase."""
    require_existing(db_path)
    return open_laptop(db_path, passphrase_file, passphrase=passphrase)


def register(cli: click.Group) -> None:
    office = cli.commands["office"]
    assert isinstance(office, click.Group)

    @office.command("caselist")
    @click.argument("records", type=click.Path(dir_okay=False))
    @click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False),
                  help="Case list file to write (never overwritten).")
    @click.option("--columns", help="Map your headers: THEIR=ours,... or a JSON file (as kiosk screen).")
    @click.option("--as-of", "as_of", metavar="YYYY-MM-DD", help="Outcomes as of this date (the event's first day).")
    @click.option("--passphrase-file", type=click.Path(dir_okay=False), help=_PASS_HELP)
    @click.option("--quiet", is_flag=True, help="No progress bar.")
    def office_caselist(records: str, out_path: str, columns: str | None, as_of: str | None,
                        passphrase_file: str | None, quiet: bool) -> None:
        """Screen a records extract and write the encrypted case list the laptops load."""
        from .caselist.office import build, check_inputs  # lazy: the case list loads only when its command runs
        from .screening.bulk import count_lines  # lazy: bulk screening loads only when its command runs

        when = _as_of(as_of)
        check_inputs(records, out_path, columns)  # before asking for the passphrase
        passphrase = read_passphrase(passphrase_file, confirm=True)
        bar = None
        if not quiet and sys.stderr.isatty():
            bar = click.progressbar(length=count_lines(records), label="screening", file=sys.stderr)
        try:
            result = build(records, out_path, passphrase, as_of=when, columns=columns,
                           on_row=(lambda: bar.update(1)) if bar else None)
        finally:
            if bar:
                bar.render_finish()
        for line, what in result.bad_rows[:MAX_BAD_LINES_SHOWN]:
            click.echo(f"line {line}: {what} (left out)", err=True)
        if len(result.bad_rows) > MAX_BAD_LINES_SHOWN:
            click.echo(f"... and {len(result.bad_rows) - MAX_BAD_LINES_SHOWN} more bad row(s) left out", err=True)
        click.echo(result.summary())

    @cli.group()
    def caselist() -> None:
        """The DA's case list on this laptop: load it, find an applicant in it (purge --caselist removes it)."""

    @caselist.command("load")
    @click.argument("caselist_file", type=click.Path(dir_okay=False))
    @click.option("--db", "db_path", type=click.Path(dir_okay=False), help=_DB_HELP)
    @click.option("--passphrase-file", type=click.Path(dir_okay=False), help=_PASS_HELP)
    def caselist_load(caselist_file: str, db_path: str | None, passphrase_file: str | None) -> None:
        """Verify the case list and load it in one transaction (replacing any loaded list)."""
        from .caselist.service import load  # lazy: the case list loads only when its command runs

        passphrase = read_passphrase(passphrase_file)  # the event's: it unlocks the laptop and the list
        s = load(_open(db_path, passphrase=passphrase), caselist_file, passphrase, actor="cli")
        click.echo(_status_line(s))
        if not s["packs_match"]:
            click.echo("note: the list's outcomes were decided by other rule packs than this laptop's; "
                       "the wizard evaluates every picked conviction again", err=True)

    @caselist.command("status")
    @click.option("--db", "db_path", type=click.Path(dir_okay=False), help=_DB_HELP)
    @click.option("--passphrase-file", type=click.Path(dir_okay=False), help=_PASS_HELP)
    def caselist_status(db_path: str | None, passphrase_file: str | None) -> None:
        """Whether a case list is loaded, its size and dates."""
        from .caselist.service import status  # lazy: the case list loads only when its command runs

        click.echo(_status_line(status(_open(db_path, passphrase_file))))

    @caselist.command("find")
    @click.option("--db", "db_path", type=click.Path(dir_okay=False), help=_DB_HELP)
    @click.option("--name", required=True, help="The applicant's name, any order (aliases match too).")
    @click.option("--dob", default="", metavar="YYYY-MM-DD", help="Date of birth.")
    @click.option("--nysid", default="", help="NYSID, when the applicant has one.")
    @click.option("--passphrase-file", type=click.Path(dir_okay=False), help=_PASS_HELP)
    def caselist_find(db_path: str | None, name: str, dob: str, nysid: str, passphrase_file: str | None) -> None:
        """Print the matching convictions as JSON ({"people", "ask_for", "matches": [...]})."""
        from .caselist.service import find  # lazy: the case list loads only when its command runs

        result = find(_open(db_path, passphrase_file), name, date_of_birth=dob, nysid=nysid, actor="cli")
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))


def _status_line(s: dict) -> str:
    if not s["loaded"]:
        return "no case list loaded"
    return (f"case list loaded: {s['rows']} conviction(s) of {s['people']} people, "
            f"{s['file_bytes'] / 1e6:.1f} MB, made {s['created_at']}, outcomes as of {s['as_of']}, "
            f"loaded {s['loaded_at'][:19]}")
