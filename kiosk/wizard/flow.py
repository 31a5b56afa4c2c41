"""The applicant wizard's flow as data (the Electrum model, docs/architecture.md).

The steps, what blocks Next, which step comes next, and a stack of visited steps so Back returns
to where the user came from with every value kept. `ui/` only draws pages and binds widgets to the
draft's keys; it never decides the flow.

The draft (kiosk.wizard.draft) is persisted by `kiosk.services` at every step change. The rest of
the bookkeeping (the current step) is stored beside it, and the stack of visited steps is rebuilt
on resume by replaying the flow, so nothing outside the applicant format is written into the draft."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..errors import InputError
from ..models import MOTION_OUTCOMES, OUTCOMES
from ..validate import parse_docket
from .checks import field_errors
from .draft import get_path, is_blank_conviction, new_conviction, new_draft, set_path
from .vocabulary import NO_CONSENT_TEXT, ORDER, Step

STATE_VERSION = 1


def document_kinds(outcomes: list[str] | None) -> tuple[str, ...]:
    """Which papers the documents step offers: the motion packet only when some conviction's
    standing outcome asks for a motion; the receipt always."""
    if outcomes and any(o in MOTION_OUTCOMES for o in outcomes):
        return ("packet", "receipt")
    return ("receipt",)


# --- the flow -----------------------------------------------------------------------------------

def next_step(step: Step, draft: dict[str, Any], outcomes: list[str] | None = None) -> Step | None:
    """The step after `step` for this draft, or None when the flow cannot go on from here."""
    step = Step(step)
    if step == Step.LANGUAGE_CONSENT:
        return Step.IDENTITY if draft.get("consent_to_share") is True else None
    if step == Step.RESULT:
        return Step.DOCUMENTS if outcomes is not None else None
    if step == Step.DONE:
        return None
    return ORDER[ORDER.index(step) + 1]


def blockers(step: Step, draft: dict[str, Any], outcomes: list[str] | None = None, *,
             today: date | None = None) -> list[str]:
    """Plain sentences saying why Next is not available yet (empty: Next is available)."""
    step = Step(step)
    out: list[str] = []
    if step == Step.LANGUAGE_CONSENT and draft.get("consent_to_share") is not True:
        out.append(NO_CONSENT_TEXT)
    if step == Step.CONVICTIONS:
        convs = draft.get("convictions") or []
        if not convs or all(is_blank_conviction(c) for c in convs):
            return ["Add at least one conviction: the offense and the conviction date are needed."]
    errors = field_errors(step, draft, today=today)
    many = step == Step.CONVICTIONS and len(draft.get("convictions") or []) > 1
    for key, msg in errors.items():
        if many and key.startswith("convictions["):
            n = int(key[len("convictions["):key.index("]")]) + 1
            msg = f"Conviction {n}: {msg}"
        out.append(msg)
    if step == Step.RESULT and outcomes is None:
        out.append("The result is being worked out; it appears in a moment.")
    if step == Step.DONE:
        out.append("This applicant is finished.")
    return out


@dataclass(frozen=True)
class Transition:
    """A step change: where from, where to, and what the save at this change must do
    ("draft" autosave, "evaluate" the complete record, "finish" and close the applicant)."""

    source: Step
    target: Step
    save: str


class FlowError(InputError):
    """Next was asked for while the step is not complete (the UI keeps Next disabled)."""


@dataclass
class Wizard:
    draft: dict[str, Any] = field(default_factory=new_draft)
    step: Step = Step.LANGUAGE_CONSENT
    stack: list[Step] = field(default_factory=list)
    outcomes: list[str] | None = None  # standing outcome per conviction, once evaluated
    applicant_id: str = ""
    reference: str = ""
    today: date | None = None

    @classmethod
    def start(cls, *, county: str = "kings", language: str = "en", today: date | None = None) -> Wizard:
        return cls(draft=new_draft(language=language, county=county), today=today)

    # -- reading
    @property
    def errors(self) -> dict[str, str]:
        return field_errors(self.step, self.draft, today=self.today)

    def blockers(self) -> list[str]:
        return blockers(self.step, self.draft, self.outcomes, today=self.today)

    def can_advance(self) -> bool:
        return not self.blockers() and next_step(self.step, self.draft, self.outcomes) is not None

    def can_go_back(self) -> bool:
        return bool(self.stack) and self.step != Step.DONE

    def document_kinds(self) -> tuple[str, ...]:
        return document_kinds(self.outcomes)

    def get(self, key: str) -> Any:
        return get_path(self.draft, key)

    def applicant_json(self) -> dict[str, Any]:
        """The draft in the applicant JSON format (what `kiosk intake` reads), blank forms dropped."""
        d = copy.deepcopy(self.draft)
        convs = [c for c in d.get("convictions") or [] if not is_blank_conviction(c)]
        d["convictions"] = convs
        return d

    # -- editing
    def set(self, key: str, value: Any) -> None:
        if key.startswith("convictions"):
            raise KeyError("use set_conviction for a conviction's fields")
        if key == "aliases":
            if isinstance(value, str):
                value = value.splitlines()
            value = [" ".join(v.split()) for v in value if v and v.strip()]
        set_path(self.draft, key, value)

    def set_conviction(self, index: int, key: str, value: Any) -> None:
        """Set one field of conviction `index`. A docket number that names its county (2015QN…)
        or its court (an indictment number) sets those too, so they never disagree by accident."""
        conv = self.draft["convictions"][index]
        conv[key] = value
        if key == "docket":
            try:
                _, kind, county = parse_docket(value)
            except InputError:
                return
            if county:
                conv["county"] = county
            if kind == "indictment":
                conv["court"] = "supreme"
            elif kind in ("legacy", "current"):
                conv["court"] = "criminal"
        if self.outcomes is not None and key != "id":
            self.outcomes = None  # the result no longer matches the record until re-evaluated

    def add_conviction(self) -> int:
        convs = self.draft.setdefault("convictions", [])
        county = convs[-1].get("county", "kings") if convs else "kings"
        convs.append(new_conviction(county))
        self.outcomes = None
        return len(convs) - 1

    def remove_conviction(self, index: int) -> None:
        convs = self.draft["convictions"]
        del convs[index]
        if not convs:
            convs.append(new_conviction())
        self.outcomes = None

    # -- moving
    def advance(self) -> Transition:
        problems = self.blockers()
        target = next_step(self.step, self.draft, self.outcomes)
        if problems or target is None:
            raise FlowError("step", problems[0] if problems else "this is the last step")
        source = self.step
        if source == Step.CONVICTIONS:
            kept = [c for c in self.draft["convictions"] if not is_blank_conviction(c)]
            self.draft["convictions"] = kept
        self.stack.append(source)
        self.step = target
        save = "evaluate" if source == Step.CONVICTIONS else "finish" if target == Step.DONE else "draft"
        return Transition(source, target, save)

    def back(self) -> Transition:
        if not self.can_go_back():
            raise FlowError("step", "there is no earlier step to go back to")
        source = self.step
        self.step = self.stack.pop()
        return Transition(source, self.step, "draft")

    def can_jump_back(self, step: Step) -> bool:
        """A step already completed on the way here (the step list lets the attorney return to it)."""
        return self.step != Step.DONE and Step(step) in self.stack

    def back_to(self, step: Step) -> Transition:
        """Return to an earlier visited step, as pressing Back until it shows would (values kept)."""
        if not self.can_jump_back(step):
            raise FlowError("step", "that step has not been reached yet")
        source = self.step
        while self.step != step:
            self.step = self.stack.pop()
        return Transition(source, self.step, "draft")

    def set_results(self, outcomes: list[str], conviction_ids: list[str] | None = None) -> None:
        """The standing outcome of each conviction after evaluation (or an override). Conviction ids
        are written into the draft so a later edit or removal keeps each override with its conviction."""
        for o in outcomes:
            if o not in OUTCOMES:
                raise ValueError(f"unknown outcome {o!r}")
        self.outcomes = list(outcomes)
        if conviction_ids:
            for conv, cid in zip(self.draft["convictions"], conviction_ids, strict=False):
                conv["id"] = cid

    def evaluation_failed(self) -> None:
        """The evaluating save was refused: return to the convictions step to fix the record."""
        if self.step == Step.RESULT and self.stack and self.stack[-1] == Step.CONVICTIONS:
            self.step = self.stack.pop()
        self.outcomes = None

    # -- saving and resuming
    def to_state(self) -> dict[str, Any]:
        return {"version": STATE_VERSION, "draft": copy.deepcopy(self.draft), "step": str(self.step),
                "stack": [str(s) for s in self.stack], "outcomes": self.outcomes,
                "applicant_id": self.applicant_id, "reference": self.reference}

    @classmethod
    def from_state(cls, state: dict[str, Any], *, today: date | None = None) -> Wizard:
        if state.get("version") != STATE_VERSION:
            raise InputError("wizard", "was saved by another version of the app")
        return cls(draft=copy.deepcopy(state["draft"]), step=Step(state["step"]),
                   stack=[Step(s) for s in state["stack"]], outcomes=state.get("outcomes"),
                   applicant_id=state.get("applicant_id", ""), reference=state.get("reference", ""),
                   today=today)

    @classmethod
    def resume(cls, draft: dict[str, Any], step: str, *, outcomes: list[str] | None = None,
               applicant_id: str = "", reference: str = "", today: date | None = None) -> Wizard:
        """Reopen a saved applicant at the step where it stopped, with the Back stack rebuilt by
        replaying the flow over the saved draft. A step that needs a result the record does not
        have (a draft saved at the result step but never evaluated) reopens at the convictions
        step; a finished applicant reopens at its papers."""
        base = new_draft(language=draft.get("language") or "en")
        base.update(copy.deepcopy(draft))
        w = cls(draft=base, outcomes=outcomes, applicant_id=applicant_id, reference=reference, today=today)
        target = Step(step) if step in set(Step) else Step.LANGUAGE_CONSENT
        if target == Step.DONE:
            target = Step.DOCUMENTS
        if target in (Step.RESULT, Step.DOCUMENTS) and outcomes is None:
            target = Step.CONVICTIONS
        while w.step != target:
            nxt = ORDER[ORDER.index(w.step) + 1]
            w.stack.append(w.step)
            w.step = nxt
        return w


def state_json(w: Wizard) -> str:
    return json.dumps(w.to_state(), ensure_ascii=False, sort_keys=True)
