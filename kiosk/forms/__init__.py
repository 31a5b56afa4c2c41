"""What the GUI's forms share: the sentence a field's problem is shown as, the county picker,
and turning the validator's FieldErrors into one sentence per field of a form.

The applicant's wizard (kiosk.wizard), the first-run event set-up (kiosk.forms.event_setup) and
the attorneys' sign-in (kiosk.forms.sign_in) each keep their own labels; every field is judged
by kiosk.validate, the same functions the command line uses."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..validate import NY_COUNTIES, FieldError

_NYC = (("kings", "Kings (Brooklyn)"), ("new-york", "New York (Manhattan)"), ("bronx", "Bronx"),
        ("queens", "Queens"), ("richmond", "Richmond (Staten Island)"))
COUNTIES: tuple[tuple[str, str], ...] = _NYC + tuple(
    (c, c.replace("-", " ").title()) for c in NY_COUNTIES if c not in dict(_NYC))


def sentence(label: str, message: str) -> str:
    """"Last name" + "is required" → "Last name is required.\""""
    text = f"{label} {message}".strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def by_field(errors: Iterable[FieldError], key_of: Callable[[str], str | None],
             label_of: Callable[[str], str]) -> dict[str, str]:
    """Field key → sentence for the first problem of each field the form shows; `key_of` maps a
    validator path to the form's key (None: not on this form)."""
    out: dict[str, str] = {}
    for e in errors:
        key = key_of(e.path)
        if key is not None and key not in out:
            out[key] = sentence(label_of(key), e.message)
    return out
