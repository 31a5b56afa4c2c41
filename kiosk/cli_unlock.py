"""The command line behind the event passphrase and the attorneys' PINs (docs/storage-encryption.md).

Every command that opens a laptop database unlocks it here. An action that changes or releases
applicants' data names an attorney as its actor only when that attorney's PIN was given
(`--pin-file FILE` or a prompt); otherwise the audit trail says "command line"."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from . import keyfile, store
from .errors import AuthError, InputError
from .keyfile import file_state
from .passphrase import ENV, passphrase_problem, read_passphrase
from .paths import default_db_path

CLI_ACTOR = "command line"


def open_laptop(db_path: str | os.PathLike | None, passphrase_file: str | None = None, *,
                passphrase: str | None = None) -> Any:
    """Open (or create) a laptop database with the passphrase given, else from the file, the
    environment or a prompt. A new database asked for on the terminal is asked twice and must be
    strong enough."""
    from .services import open_kiosk  # lazy: services load SQLite and the rules, not for --help

    if db_path is not None and str(db_path) == ":memory:":
        return open_kiosk(":memory:")
    path = Path(db_path) if db_path else default_db_path()
    new = file_state(path) != "encrypted" and not keyfile.key_path(path).exists()
    prompting = passphrase is None and not passphrase_file and not os.environ.get(ENV)
    why: dict[str, Any] = {}
    if new:
        why["needed_because"] = f"the new database {path.name} is encrypted under the event passphrase"
    secret = passphrase if passphrase is not None else read_passphrase(
        passphrase_file, confirm=new and prompting,
        prompt="New event passphrase" if new and prompting else "Event passphrase", **why)
    if new and prompting and passphrase_problem(secret):
        raise InputError("passphrase", passphrase_problem(secret))
    db = open_kiosk(path, passphrase=secret)
    if getattr(db, "converted", False):
        click.echo(f"{path.name} was not encrypted: it now is, under the event passphrase "
                   "(the plain file was replaced after a verified copy)", err=True)
    return db


def pin_option(required: bool = False):
    """`--pin-file FILE` (first line: an attorney's PIN); `--ask-pin` prompts for it instead."""
    def deco(func):
        help_ = ("File whose first line is your attorney PIN (else you are asked for it)." if required else
                 "File whose first line is your attorney PIN: the audit trail then names you, "
                 "else it says 'command line'.")
        func = click.option("--pin-file", "pin_file", type=click.Path(dir_okay=False), help=help_)(func)
        if not required:
            func = click.option("--ask-pin", is_flag=True, help="Ask for your attorney PIN on the terminal.")(func)
        return func
    return deco


def _read_pin(pin_file: str | None, ask: bool) -> str:
    if pin_file:
        try:
            lines = Path(pin_file).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            raise InputError("--pin-file", f"{Path(pin_file).name} cannot be read") from None
        return lines[0].strip() if lines else ""
    if ask:
        if not sys.stdin.isatty():
            raise InputError("--pin-file", "no terminal to ask for the PIN on: give --pin-file FILE")
        return click.prompt("Attorney PIN", hide_input=True, err=True).strip()
    return ""


def pin_actor(db: Any, pin_file: str | None, ask: bool = False, *, required: bool = False) -> str:
    """The id of the attorney whose PIN was given, else CLI_ACTOR (or InputError when `required`).
    A wrong PIN is refused (AuthError) and counts toward the wrong-PIN wait kept in the database."""
    from . import pin_wait  # lazy: the PIN wait loads only for commands that ask a PIN

    pin = _read_pin(pin_file, ask or required)
    if not pin:
        if required:
            raise InputError("--pin-file", "this needs an attorney's PIN: give --pin-file FILE or type it")
        return CLI_ACTOR
    _, wait = pin_wait.state(db)
    if wait > 0:
        raise AuthError(pin_wait.message(wait) + " Nothing was changed")
    who = next((a.id for a in store.list_attorneys(db) if store.check_pin(db, a.id, pin)), "")
    with store.transaction(db):
        if who:
            pin_wait.succeeded(db)
        else:
            pin_wait.failed(db)
            store.audit(db, "cli.pin_refused", actor=CLI_ACTOR)
    if not who:
        raise AuthError("that PIN does not belong to an attorney on this laptop; nothing was changed")
    return who
