"""The sync file's commands: office keys, export, decrypt, import, report, purge, laptop key.

Registered on the main `kiosk` group by kiosk.cli. Heavy imports (pyrage, cryptography) happen
inside the commands, so `kiosk --help` and the other commands start fast. Errors are typed
(InputError → exit 2, any other KioskError → exit 1) and shown as one line by kiosk.cli.main."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_db import require_existing
from .cli_unlock import CLI_ACTOR, open_laptop, pin_actor, pin_option
from .errors import InputError, SyncFileError
from .keyfile import file_state
from .passphrase import check_new_passphrase, passphrase_option, read_passphrase
from .store.connection import open_db

_DB_HELP = "Database (default: the per-user data folder)."


def _open_laptop(db_path: str | None, passphrase_file: str | None = None):
    """A laptop database that exists, unlocked with the event passphrase (kiosk.cli_unlock)."""
    require_existing(db_path)
    return open_laptop(db_path, passphrase_file)


def _open_plain(db_path: str, passphrase_file: str | None = None):
    """The office's central database: no rule packs, and not a laptop database (it stays at the
    office and stays plain; an encrypted file, a laptop's, still opens with its passphrase:
    docs/storage-encryption.md)."""

    passphrase = None
    if file_state(Path(db_path)) == "encrypted":
        passphrase = read_passphrase(passphrase_file)
    return open_db(db_path, encrypted=False, passphrase=passphrase)


def register(cli: click.Group) -> None:
    """Add the sync commands to the `kiosk` group."""

    @cli.group()
    def office() -> None:
        """The DA office's key: laptops encrypt to it, only the office can decrypt."""

    @office.command("keygen")
    @click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False),
                  help="Identity file to create (owner-only; never overwritten).")
    def office_keygen(out_path: str) -> None:
        """Create the office's age identity; print the public key (age1...) laptops are set up with."""
        from .sync import office_keygen as keygen  # lazy: the sync file's keys load cryptography and age on use

        recipient = keygen(out_path)
        click.echo(f"office identity written to {out_path} (owner-only: keep it private and backed up)",
                   err=True)
        click.echo("give the laptops this public key (event settings, or export --recipient):", err=True)
        click.echo(recipient)

    @office.command("recover")
    @click.argument("laptop_db", type=click.Path(dir_okay=False))
    @click.option("--identity", required=True, type=click.Path(dir_okay=False), help="The office identity file.")
    @click.option("--new-passphrase-file", type=click.Path(dir_okay=False),
                  help="File whose first line is the laptop's new event passphrase (else $KIOSK_PASSPHRASE, "
                       "else a prompt).")
    def office_recover(laptop_db: str, identity: str, new_passphrase_file: str | None) -> None:
        """Open a laptop database whose passphrase is lost, with the office identity alone, and give
        it a new passphrase (its key file must be beside it)."""
        from .office_key import recover  # lazy: the office key loads the sync file only when used

        secret = check_new_passphrase(read_passphrase(new_passphrase_file, prompt="New event passphrase",
                                                      confirm=True))
        r = recover(laptop_db, identity, secret)
        click.echo(f"recovered {laptop_db}: laptop {r['laptop_id']}, {r['applicants']} applicant(s); "
                   "it now opens with the new passphrase")

    @office.command("set-key")
    @click.argument("recipient", metavar="age1...")
    @click.option("--db", "db_path", type=click.Path(dir_okay=False), help=_DB_HELP)
    @passphrase_option
    def office_set_key(recipient: str, db_path: str | None, passphrase_file: str | None) -> None:
        """Record the DA office's public key for this laptop's event (changing it needs the passphrase)."""
        from .office_key import set_office_key  # lazy: the office key loads the sync file only when used
        from .services import open_kiosk  # lazy: services load SQLite and the rules, not for --help

        secret = read_passphrase(passphrase_file)
        db = open_kiosk(db_path, passphrase=secret)
        set_office_key(db, recipient, passphrase=secret, actor=CLI_ACTOR)
        click.echo(f"exports from this laptop now go to {recipient.strip()}")
    @office.command("enroll")
    @click.argument("fingerprints", nargs=-1)
    @click.option("--into", "into", required=True, type=click.Path(dir_okay=False),
                  help="The office's central database (created if missing).")
    @click.option("--name", default="", help='What the laptop is called at the event (e.g. "Table 3").')
    @click.option("--file", "list_file", type=click.Path(dir_okay=False),
                  help="A file of laptop keys: one 'FINGERPRINT name' a line, or CSV with fingerprint,name.")
    @click.option("--list", "show", is_flag=True, help="Print the enrolled keys.")
    def office_enroll(fingerprints: tuple[str, ...], into: str, name: str, list_file: str | None,
                      show: bool) -> None:
        """Record the laptop keys this office expects files from (shown on each laptop's export receipt)."""
        # lazy: loads only when this command runs
        from .sync.office.enrollment import enroll_many, listing, parse_fingerprint, read_enrollment_file

        if not fingerprints and not list_file and not show:
            raise InputError("FINGERPRINT", "name a laptop key fingerprint, or --file with a list of them")
        pairs = [(parse_fingerprint(fp), name) for fp in fingerprints]
        if list_file:
            pairs += read_enrollment_file(list_file)
        db = _open_plain(into)
        for e in enroll_many(db, pairs):
            click.echo(f"{'enrolled' if e.new else 'already enrolled'}: {e.fingerprint}"
                       + (f" ({e.name})" if e.name else ""))
        if show:
            for line in listing(db):
                click.echo(line)

    @cli.group()
    def laptop() -> None:
        """This laptop's signing key and export status."""

    @laptop.command("key")
    @click.option("--db", "db_path", type=click.Path(dir_okay=False), help=_DB_HELP)
    @passphrase_option
    def laptop_key(db_path: str | None, passphrase_file: str | None) -> None:
        """Print this laptop's id and signing-key fingerprint (created on first use)."""
        from .sync import laptop_key as key  # lazy: the sync file's keys load cryptography and age on use

        k = key(_open_laptop(db_path, passphrase_file))
        click.echo(f"laptop id:       {k.laptop_id}")
        click.echo(f"key fingerprint: {k.fingerprint}")
        click.echo(f"public key:      {k.public_key}")

    @laptop.command("status")
    @click.option("--db", "db_path", type=click.Path(dir_okay=False))
    @passphrase_option
    def laptop_status(db_path: str | None, passphrase_file: str | None) -> None:
        """How many applicants wait for export, are exported (and can be purged), or were purged."""
        from .sync import export_status  # lazy: the sync file loads only when its command runs

        s = export_status(_open_laptop(db_path, passphrase_file))
        click.echo(f"waiting for export: {s.waiting}")
        click.echo(f"exported, can be purged: {s.exported}")
        click.echo(f"purged: {s.purged}")
        click.echo(f"last export: {s.last_export_at or 'never'}"
                   + (f" ({s.last_export_applicants} applicants)" if s.last_export_at else ""))

    @cli.command("export")
    @click.option("--db", "db_path", type=click.Path(dir_okay=False), help=_DB_HELP)
    @click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False),
                  help="Sync file to write (e.g. on the USB stick); never overwritten.")
    @click.option("--recipient", metavar="age1...", help="The DA office's public key (default: the event's).")
    @click.option("--all", "scope", flag_value="all", help="Every applicant that still has its data.")
    @click.option("--since-last", "scope", flag_value="since-last", default=True,
                  help="Applicants not yet exported or changed since (the default).")
    @click.option("--quiet", is_flag=True, help="No progress bar.")
    @passphrase_option
    @pin_option()
    def export(db_path: str | None, out_path: str, recipient: str | None, scope: str, quiet: bool,
               passphrase_file: str | None, pin_file: str | None, ask_pin: bool) -> None:
        """Write an encrypted, signed sync file for the DA office, verify it, record it."""
        from .sync import export_batch  # lazy: the sync file loads only when its command runs

        db = _open_laptop(db_path, passphrase_file)
        actor = pin_actor(db, pin_file, ask_pin)
        if quiet or not sys.stderr.isatty():
            result = export_batch(db, out_path, recipient=recipient, scope=scope, actor=actor)
        else:
            with click.progressbar(length=100, label="exporting", file=sys.stderr) as bar:
                def progress(fraction: float, message: str) -> None:
                    bar.update(int(fraction * 100) - bar.pos)

                result = export_batch(db, out_path, recipient=recipient, scope=scope, progress=progress,
                                      actor=actor)
        click.echo(result.receipt())

    @cli.command("decrypt")
    @click.argument("sync_file", type=click.Path(dir_okay=False))
    @click.option("--identity", required=True, type=click.Path(dir_okay=False), help="The office identity file.")
    @click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
                  help="Folder for manifest.json, records.json and one CSV per table.")
    def decrypt(sync_file: str, identity: str, out_dir: str) -> None:
        """Verify a sync file and write its records as JSON and CSV (for other systems)."""
        from .sync import decrypt_to_dir  # lazy: the sync file loads only when its command runs

        sf = decrypt_to_dir(sync_file, identity, out_dir)
        m = sf.manifest
        click.echo(f"{sf.name}: verified; laptop {m['laptop_id']} (key {m['key_fingerprint']}), "
                   f"made {m['created_at']}, {m['counts']['applicants']} applicant(s); written to {out_dir}")

    @cli.command("import")
    @click.argument("sync_files", nargs=-1, required=True, type=click.Path(dir_okay=False))
    @click.option("--into", "into", required=True, type=click.Path(dir_okay=False),
                  help="The office's central database (created if missing).")
    @click.option("--identity", required=True, type=click.Path(dir_okay=False), help="The office identity file.")
    @click.option("--trust-new", is_flag=True,
                  help="Accept files signed by laptop keys not enrolled yet, and enroll them (first-use trust).")
    def import_(sync_files: tuple[str, ...], into: str, identity: str, trust_new: bool) -> None:
        """Verify sync files from enrolled laptops and merge them into the central database (one
        transaction per file)."""
        import shlex  # lazy: keeps shlex out of what --help loads

        from .sync import read_identities  # lazy: the sync file loads only when its command runs
        from .sync.office.importer import import_files  # lazy: the office import loads only when its command runs

        identities = read_identities(identity)
        summary = import_files(_open_plain(into), sync_files, identities, trust_new=trust_new)
        for line in summary.lines():  # an enroll hint names this command's own database
            click.echo(line.replace("--into CENTRAL.db", f"--into {shlex.quote(into)}"))
        if summary.rejected:
            raise SyncFileError(f"{summary.rejected} of {len(summary.files)} file(s) rejected (see above); "
                                "the others were merged")

    @cli.command("report")
    @click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False), help="The central database.")
    @click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False), help="Review CSV to write.")
    @passphrase_option
    def report(db_path: str, out_path: str, passphrase_file: str | None) -> None:
        """Write the review CSV (one row per conviction) and a printable summary beside it."""
        from .report import write_report  # lazy: the review report loads only when its command runs

        if not Path(db_path).exists():
            raise InputError("--db", f"{Path(db_path).name}: no such database")
        r = write_report(_open_plain(db_path, passphrase_file), out_path)
        click.echo(r.summary)
        click.echo(f"{r.rows} row(s) written to {r.path}; summary in {r.summary_path}")

    @cli.command("purge")
    @click.option("--db", "db_path", type=click.Path(dir_okay=False), help=_DB_HELP)
    @click.option("--exported", is_flag=True, help="Remove the personal data of applicants already exported.")
    @click.option("--caselist", "caselist_only", is_flag=True, help="Remove the DA's case list from this laptop.")
    @passphrase_option
    @pin_option(required=True)
    def purge(db_path: str | None, exported: bool, caselist_only: bool, passphrase_file: str | None,
              pin_file: str | None) -> None:
        """Remove the personal data of applicants whose last export went to the event's office key and
        who are unchanged since (an attorney's PIN confirms; every other record is kept), or with
        --caselist alone the DA's case list."""
        from .sync import purge_exported  # lazy: the sync file loads only when its command runs

        if caselist_only and not exported:
            from .caselist.service import purge as purge_caselist  # lazy: loads only when this command runs

            db = _open_laptop(db_path, passphrase_file)
            rows = purge_caselist(db, actor=pin_actor(db, pin_file))  # a PIN given names the attorney
            click.echo(f"removed the DA's case list ({rows} rows)")
            return
        if not exported:
            raise InputError("--exported", "say --exported: only records already exported can be purged")
        db = _open_laptop(db_path, passphrase_file)
        r = purge_exported(db, actor=pin_actor(db, pin_file, required=True))
        kept = "; ".join(r.kept) if r.kept else "none"
        click.echo(f"purged {r.purged} exported applicant(s); kept {r.waiting}: {kept}")
