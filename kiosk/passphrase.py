"""Where a command gets the event passphrase, and how strong a new one must be.

Three sources, in this order: `--passphrase-file FILE` (its first line), the environment
variable `KIOSK_PASSPHRASE`, a prompt on the terminal. Never a command-line argument: those show
in the process list and the shell history (docs/storage-encryption.md)."""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import InputError

ENV = "KIOSK_PASSPHRASE"
MIN_WORDS = 4
MIN_CHARS = 16
# The demo event's passphrase (README, `make run` prints it). Only the demo database uses it.
DEMO_PASSPHRASE = "begin again demo event"


def read_passphrase(passphrase_file: str | os.PathLike | None = None, *, prompt: str = "Event passphrase",
                    confirm: bool = False, interactive: bool | None = None,
                    needed_because: str = "this database is locked") -> str:
    """The passphrase from the file, else the environment, else a terminal prompt.

    InputError (exit 2) when none is given and there is no terminal to ask on; its message starts
    with `needed_because`."""
    if passphrase_file:
        try:
            text = Path(passphrase_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            raise InputError("--passphrase-file", f"{Path(passphrase_file).name} cannot be read") from None
        value = text.splitlines()[0] if text.splitlines() else ""
        if not value.strip():
            raise InputError("--passphrase-file", f"{Path(passphrase_file).name} is empty")
        return value
    value = os.environ.get(ENV, "")
    if value:
        return value
    if interactive is None:
        interactive = sys.stdin.isatty()
    if not interactive:
        raise InputError("passphrase", f"{needed_because}: give the event passphrase with "
                                       f"--passphrase-file FILE or the {ENV} environment variable")
    import click  # lazy: the GUI's unlock page reads this module; click loads for a prompt

    value = click.prompt(prompt, hide_input=True, confirmation_prompt=confirm, err=True)
    if not value.strip():
        raise InputError("passphrase", "the passphrase is empty")
    return value


def passphrase_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """`--passphrase-file FILE` for a click command that opens a laptop database."""
    import click  # lazy: the GUI's unlock page reads this module; only commands define options

    return click.option("--passphrase-file", "passphrase_file", type=click.Path(dir_okay=False),
                        help=f"File whose first line is the event passphrase (else ${ENV}, else a prompt).")(func)


def strength(passphrase: str) -> tuple[int, str]:
    """(0-4, a word for it) from a rough entropy estimate: words from a list count ~11 bits, free
    text ~ log2 of its alphabet per character. Shown while the event lead types one."""
    text = passphrase.strip()
    words = [w for w in text.split() if w]
    pools = [(str.islower, 26), (str.isupper, 26), (str.isdigit, 10)]
    alphabet = sum(size for test, size in pools if any(test(c) for c in text))
    alphabet += 33 if any(not c.isalnum() and not c.isspace() for c in text) else 0
    bits = max(len(text) * math.log2(max(alphabet, 2)) * 0.6, len(words) * 11 if len(words) >= 2 else 0)
    score = 0 if bits < 40 else 1 if bits < 55 else 2 if bits < 70 else 3 if bits < 90 else 4
    return score, ("very weak", "weak", "fair", "strong", "very strong")[score]


def passphrase_problem(passphrase: str) -> str:
    """Why a new event passphrase is refused ("" when it is fine): at least 4 words or 16 characters."""
    text = passphrase.strip()
    if len(text.split()) >= MIN_WORDS or len(text) >= MIN_CHARS:
        return ""
    return f"use at least {MIN_WORDS} words or {MIN_CHARS} characters"


def check_new_passphrase(passphrase: str) -> str:
    problem = passphrase_problem(passphrase)
    if problem:
        raise InputError("passphrase", problem)
    return passphrase
