"""`kiosk rules explain APPLICANT.json`: for each conviction, every rule in force that matched,
ranked by kiosk.eligibility's precedence, and why each one ranks where it does (docs/legal.md,
"Which rule decides"). Registered on the `rules` group by kiosk.cli.

No personal data is printed: a conviction is named by its place in the file, its offense and
its date, never its docket number or the applicant's name."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import click

from .cli_files import as_of_date as _as_of
from .cli_files import in_file as _in_file
from .cli_files import open_db as _open
from .cli_files import read_json_file
from .passphrase import passphrase_option

if TYPE_CHECKING:
    from .eligibility import Match
    from .models import Applicant

PRECEDENCE = ("which rule decides: advisories never do; the pack in force since the latest date does; "
              "inside it, the most restrictive outcome; then the rule written first")
_HEAD = ("rank", "pack", "in force", "rule", "outcome", "why")


def explanation_lines(applicant: Applicant, ranked: list[list[Match]], as_of: date) -> list[str]:
    """The printed explanation: a header, then one table per conviction."""
    from .eligibility import NO_RULE_ID, why_ranked  # lazy: the rules and store load only when explaining

    lines = [f"as of {as_of.isoformat()}", PRECEDENCE]
    for n, (c, matches) in enumerate(zip(applicant.convictions, ranked, strict=True), 1):
        decider = matches[0] if matches and not matches[0].advisory else None
        verdict = (f"{decider.outcome} by {decider.rule_id} ({decider.pack_id})" if decider else
                   f"INELIGIBLE by {NO_RULE_ID}: no rule in force decides this conviction")
        lines += ["", f"conviction {n}: {c.offense}, convicted {c.conviction_date.isoformat()}: {verdict}"]
        if not matches:
            lines.append("  no rule in force matched")
            continue
        rows = [_HEAD] + [(str(i), m.pack_id, m.pack_from, m.rule_id, m.outcome,
                           why_ranked(m, matches[i - 2] if i > 1 else None, matches[i] if i < len(matches) else None))
                          for i, m in enumerate(matches, 1)]
        widths = [max(len(r[k]) for r in rows) for k in range(len(_HEAD) - 1)]
        lines += ["  " + "  ".join(v.ljust(w) for v, w in zip(r, widths, strict=False)) + "  " + r[-1]
                  for r in rows]
    return lines


def register(cli: click.Group) -> None:
    rules = cli.commands["rules"]
    assert isinstance(rules, click.Group)

    @rules.command("explain")
    @click.argument("applicant_file", type=click.Path(dir_okay=False))
    @click.option("--as-of", "as_of", metavar="YYYY-MM-DD",
                  help="Evaluation date (default: the event's date, else today).")
    @click.option("--db", "db_path", type=click.Path(dir_okay=False),
                  help="Use this database's rules and configured event date.")
    @passphrase_option
    def rules_explain(applicant_file: str, as_of: str | None, db_path: str | None,
                      passphrase_file: str | None) -> None:
        """For each conviction of an applicant file: the rules that matched, ranked, and why the first decides."""
        from .eligibility import explain_applicant  # lazy: the rules and store load only when explaining
        from .store.rules_db import open_rules_db  # lazy: sqlite-utils loads only without --db
        from .validate import parse_applicant  # lazy: validation loads only when a command reads a file

        raw = read_json_file(applicant_file)
        applicant = _in_file(applicant_file, parse_applicant, raw)
        db = _open(db_path, passphrase_file) if db_path else None
        when = _as_of(as_of, db)
        ranked = explain_applicant(db or open_rules_db(), applicant, when)  # type: ignore[arg-type]
        for line in explanation_lines(applicant, ranked, when):
            click.echo(line.rstrip())
