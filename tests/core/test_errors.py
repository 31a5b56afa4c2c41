"""The core's typed errors: an input error names its field (and its row in a file), and every
error a user may see is a KioskError the CLI and the GUI show in one place."""

from __future__ import annotations

import click
import pytest

from kiosk import errors
from kiosk.cli_group import run_command_line


def test_an_input_error_names_the_field_and_the_row():
    e = errors.InputError("convictions[0].docket", "is not a docket number", row=12)
    assert (e.field, e.message, e.row) == ("convictions[0].docket", "is not a docket number", 12)
    assert str(e) == "row 12: convictions[0].docket: is not a docket number"
    assert str(errors.InputError("last_name", "is required")) == "last_name: is required"


@pytest.mark.parametrize(("error", "code"), [
    (errors.InputError("--out", "is a folder"), 2), (errors.RulePackError("the pack is damaged"), 2),
    (errors.StorageError("the disk is full"), 1), (errors.NotFoundError("no such applicant"), 1),
    (errors.SyncFileError("refused: damaged"), 1), (errors.AuthError("wrong PIN"), 1)])
def test_every_error_meant_for_a_user_is_one_line_of_the_command_line_never_a_bug(capsys, monkeypatch, error, code):
    monkeypatch.delenv("KIOSK_DEBUG", raising=False)

    @click.command()
    def go() -> None:
        raise error

    with pytest.raises(SystemExit) as e:
        run_command_line(click.Group(commands={"go": go}), ["go"])
    assert isinstance(error, errors.KioskError)
    assert (e.value.code, capsys.readouterr().err) == (code, f"error: {error}\n")
