"""What blocks a wizard step: the validator's every problem with the draft
(kiosk.validate.check_applicant), kept to the fields the step shows, one sentence per field.

No field is judged here: the wizard only says which paths belong to which step. A blank extra
conviction form is dropped on Next, so its problems are not shown."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..forms import by_field, sentence
from ..validate import check_applicant
from .draft import is_blank_conviction
from .vocabulary import CONVICTION_LABELS, LABELS, STEP_FIELDS, Step

__all__ = ["field_errors", "label_for", "sentence"]


def label_for(key: str) -> str:
    if key.startswith("convictions["):
        sub = key.split("].", 1)[1]
        return CONVICTION_LABELS.get(sub, sub)
    return LABELS.get(key, key)


def _index(path: str) -> int:
    return int(path[path.index("[") + 1:path.index("]")])


def field_errors(step: Step, draft: dict[str, Any], *, today: date | None = None) -> dict[str, str]:
    """Every problem on a step, keyed like the validator's field paths
    (``last_name``, ``contact.phone``, ``convictions[1].docket``)."""
    step = Step(step)
    own = STEP_FIELDS[step]
    if not own:
        return {}
    errors = check_applicant(draft, today=today, require_convictions=False)
    if step != Step.CONVICTIONS:
        out = by_field((e for e in errors if e.path in own), lambda p: p, label_for)
        if "aliases" in own:  # one line of the aliases box: "Aliases line 2 may contain only ..."
            for e in errors:
                if e.path.startswith("aliases[") and "aliases" not in out:
                    out["aliases"] = sentence(LABELS["aliases"], f"line {_index(e.path) + 1} {e.message}")
        return out
    convs = draft.get("convictions") or []
    typed = isinstance(convs, list) and any(not is_blank_conviction(c) for c in convs if isinstance(c, dict))

    def shown(path: str) -> str | None:
        if path == "convictions":
            return path
        if not path.startswith("convictions["):
            return None
        i = _index(path)
        dropped = typed and isinstance(convs[i], dict) and is_blank_conviction(convs[i])
        return None if dropped or "]." not in path else path

    return by_field(errors, shown, label_for)
