"""The core's typed errors: an input error names its field (and its row in a file), and every
error a user may see is a KioskError the CLI and the GUI show in one place."""

from __future__ import annotations

from kiosk import errors


def test_an_input_error_names_the_field_and_the_row():
    e = errors.InputError("convictions[0].docket", "is not a docket number", row=12)
    assert (e.field, e.message, e.row) == ("convictions[0].docket", "is not a docket number", 12)
    assert str(e) == "row 12: convictions[0].docket: is not a docket number"
    assert str(errors.InputError("last_name", "is required")) == "last_name: is required"


def test_every_error_meant_for_a_user_is_a_kiosk_error():
    for cls in (errors.InputError, errors.RulePackError, errors.StorageError, errors.NotFoundError,
                errors.SyncFileError, errors.AuthError):
        assert issubclass(cls, errors.KioskError) and cls is not errors.KioskError
