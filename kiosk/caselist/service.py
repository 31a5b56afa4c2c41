"""The DA's case list on a laptop: load it (verified, one transaction), find an applicant in it,
turn picked matches into the applicant's convictions, remove it. The GUI and `kiosk caselist`
call these. The audit log records that a load, a lookup or a pick happened and how many people
or convictions it concerned, never a searched name, date of birth or NYSID (docs/caselist.md)."""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from .. import store
from ..errors import InputError
from ..store import caselist as caselist_store
from ..validate import parse_date, parse_nysid
from ..wizard import is_blank_conviction
from . import listfile
from .match import (
    KEYS_VERSION,
    MIN_TYPO_LENGTH,
    TRIGRAM_LENGTH,
    best_match,
    edits,
    one_edit,
    query_groups,
    segmentations,
)

FEW = 3  # a name alone matching more people than this asks for the date of birth
MAX_PEOPLE = 10  # even with a date of birth, more than this asks for a fuller name
TIER_WORDS = {0: "name", 1: "name, one letter off", 2: "name, one word not in the list", 3: "NYSID"}
Progress = Callable[[float, str], None]


def load(db: Database, path: str, passphrase: str, *, actor: str = "", progress: Progress | None = None) -> dict:
    """Decrypt and verify the file first, then replace any loaded list in one transaction."""
    report = progress or (lambda fraction, message: None)
    report(0.02, "unlocking the list")
    cl = listfile.read(path, passphrase, on_decrypted=lambda: report(0.5, "checking"))
    report(0.6, "loading")
    ours = store.packs_loaded(db)
    m = cl.manifest
    info = {"created_at": m["created_at"], "as_of": m["as_of"], "loaded_at": store.now(), "rows": m["rows"],
            "people": m["people"], "file_bytes": cl.file_bytes, "file_sha256": cl.file_sha256,
            "rule_packs": m["rule_packs"], "packs_match": m["rule_packs"] == ours}
    try:
        with store.transaction(db):
            caselist_store.delete_all(db)
            caselist_store.insert(db, cl.people, info, lambda f: report(0.6 + 0.38 * f, "loading"),
                                  shipped_keys=m.get("name_keys_version") == KEYS_VERSION)
            store.audit(db, "caselist.load", actor=actor, record_type="caselist",
                        detail=f"rows={m['rows']} people={m['people']} packs_match={int(info['packs_match'])}")
    except UnicodeEncodeError:  # text JSON can spell ("\ud800") and no database can hold: a forged list
        raise InputError(Path(path).name, listfile.REFUSED) from None
    report(1.0, "loaded")
    return status(db)


def status(db: Database) -> dict:
    """What Laptop settings show: whether a list is loaded, its size and dates."""
    i = caselist_store.info(db)
    return {"loaded": False} if i is None else {"loaded": True, **i}


def purge(db: Database, *, actor: str = "") -> int:
    """Remove the list (`kiosk purge --caselist`); returns the rows it held."""
    with store.transaction(db):
        n = caselist_store.delete_all(db)
        store.audit(db, "caselist.purge", actor=actor, record_type="caselist", detail=f"rows={n}")
    with store.reading(db):
        store.checkpoint(db, "TRUNCATE")  # the removed rows' old pages leave the WAL too
    return n


def find(db: Database, name: str, *, date_of_birth: str = "", nysid: str = "", actor: str = "",
         applicant_id: str = "") -> dict:
    """Search the list by name (any order, case, accents, hyphens, apostrophes; aliases; one typo)
    narrowed by date of birth or NYSID. A name alone matching more than FEW people returns none
    of them and asks for the date of birth."""
    if caselist_store.info(db) is None:
        raise InputError("caselist", "no case list is loaded on this laptop (load it in Laptop settings, "
                                     "or kiosk caselist load)")
    dob = parse_date(date_of_birth, "date_of_birth")
    wanted_nysid = parse_nysid(nysid)
    ws, groups = query_groups(name or "")
    if not ws:
        raise InputError("name", "type at least one name")
    dob_iso = dob.isoformat() if dob else ""
    by_id: dict[int, dict] = {}
    # exact words first; the one-typo search only when no one matches every word exactly
    found = _people_by_name(db, ws, groups, typos=False, dob=dob_iso, nysid=wanted_nysid, by_id=by_id)
    if not any(t == 0 for t, _ in _prefer_confirmed(found, by_id, dob_iso, wanted_nysid).values()):
        for pid, v in _people_by_name(db, ws, groups, typos=True, dob=dob_iso, nysid=wanted_nysid,
                                      by_id=by_id).items():
            if pid not in found or v < found[pid]:
                found[pid] = v
    if wanted_nysid:
        extra = [pid for pid in caselist_store.nysid_people(db, wanted_nysid) if pid not in found]
        by_id.update(caselist_store.people(db, [p for p in extra if p not in by_id]))
        found.update({pid: (3, 0) for pid in extra if not _conflicts(by_id[pid], dob_iso, wanted_nysid)})
    found = _prefer_confirmed(found, by_id, dob_iso, wanted_nysid)
    best = min((t for t, _ in found.values()), default=None)
    chosen = {p: v for p, v in found.items() if v[0] == best}
    result: dict[str, Any] = {"people": len(chosen), "ask_for": "", "matches": []}
    if not dob and not wanted_nysid and len(chosen) > FEW:
        result["ask_for"] = "date_of_birth"
    elif len(chosen) > MAX_PEOPLE:
        result["ask_for"] = "full_name"
    else:
        by_id.update(caselist_store.people(db, [p for p in chosen if p not in by_id]))
        result["matches"] = _matches(db, chosen, by_id)
    with store.transaction(db):
        store.audit(db, "caselist.lookup", actor=actor, record_type="applicant" if applicant_id else "",
                    record_id=applicant_id,
                    detail=f"words={len(ws)} dob={int(bool(dob))} nysid={int(bool(wanted_nysid))} "
                           f"people={result['people']} shown={len({m['person'] for m in result['matches']})}")
    return result


def _people_by_name(db: Database, ws: list[str], groups: dict[tuple[int, int], str], *, typos: bool,
                    dob: str, nysid: str, by_id: dict[int, dict]) -> dict[int, tuple[int, int]]:
    """person id → (best tier, name number) for the people the typed name matches: every typed
    word exactly (tier 0) or all but one of three or more (tier 2); with `typos`, only names
    matching every word with one letter off somewhere (tier 1). People whose recorded date of
    birth or NYSID contradicts the given one are left out before the (costlier) matching."""
    texts = set(groups.values())
    token_texts: dict[str, list[tuple[str, int]]] = defaultdict(list)  # person word → (typed text, cost)
    for t in texts:
        token_texts[t].append((t, 0))
    if typos:
        near_by_text = {t: _one_edit_words(db, t) for t in texts if len(t) >= MIN_TYPO_LENGTH}
        for t, near in near_by_text.items():
            for w in near:
                token_texts[w].append((t, 1))
        typo_words = set().union(*near_by_text.values()) if near_by_text else set()
        if not typo_words:
            return {}
        whole = groups.get((0, len(ws)))
        # a typo'd name also has an exact word, unless the whole name is one (joined) word
        rows = caselist_store.name_groups(db, typo_words, required=texts if len(ws) > 1 else ())
        if len(ws) > 1 and whole in near_by_text:
            rows += caselist_store.name_groups(db, near_by_text[whole])
        need = len(ws)
    else:
        rows = caselist_store.name_groups(db, texts)
        need = len(ws) if len(ws) < 3 else len(ws) - 1
    text_groups: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for g, text in groups.items():
        text_groups[text].append(g)
    masks = {w: sum(1 << k for t, _ in opts for g in text_groups[t] for k in range(*g))
             for w, opts in token_texts.items()}
    candidates = []
    for pid, no, joined in rows:
        tokens = [w for w in joined.split(" ") if w in masks]
        mask = 0
        for w in tokens:
            mask |= masks[w]
        if mask.bit_count() >= need:
            candidates.append((pid, no, tokens))
    if dob or nysid:
        by_id.update(caselist_store.people(db, {pid for pid, _, _ in candidates if pid not in by_id}))
        candidates = [c for c in candidates if not _conflicts(by_id[c[0]], dob, nysid)]
    cuts = segmentations(len(ws))
    found: dict[int, tuple[int, int]] = {}
    for pid, no, tokens in candidates:
        options: dict[tuple[int, int], list[tuple[str, int]]] = defaultdict(list)
        for w in tokens:
            for t, cost in token_texts[w]:
                for g in text_groups[t]:
                    options[g].append((w, cost))
        tier = best_match(len(ws), options, cuts)
        if tier is not None and (not typos or tier == 1) and (pid not in found or (tier, no) < found[pid]):
            found[pid] = (tier, no)
    return found


def _one_edit_words(db: Database, t: str) -> set[str]:
    """The list's name keys one edit away from typed text `t`."""
    trigram = caselist_store.fts(db)
    if t.isascii() and (len(t) < TRIGRAM_LENGTH or not trigram):
        return caselist_store.known_words(db, edits(t))
    if trigram:
        return {w for w in caselist_store.similar_words(db, t) if one_edit(t, w)}
    return set()


def _conflicts(p: dict, dob: str, nysid: str) -> bool:
    return bool((dob and p["date_of_birth"] and p["date_of_birth"] != dob)
                or (nysid and p["nysid"] and p["nysid"] != nysid))


def _prefer_confirmed(found: dict[int, tuple[int, int]], by_id: dict[int, dict], dob: str,
                      nysid: str) -> dict[int, tuple[int, int]]:
    """When some people's date of birth or NYSID agree outright with those given, only those (a
    record without them can neither confirm nor refute)."""
    if not (dob or nysid):
        return found
    confirmed = {pid: v for pid, v in found.items()
                 if (dob and by_id[pid]["date_of_birth"] == dob) or (nysid and by_id[pid]["nysid"] == nysid)}
    return confirmed or found


def _matches(db: Database, chosen: dict[int, tuple[int, int]], by_id: dict[int, dict]) -> list[dict]:
    out = []
    for c in caselist_store.convictions(db, chosen):
        p = by_id[c["person_id"]]
        tier, no = chosen[c["person_id"]]
        how = TIER_WORDS[tier] + (f" (alias {p['aliases'][no - 1]})" if no else "")
        name = " ".join(x for x in (p["first_name"], p["middle_name"], p["last_name"], p["suffix"]) if x)
        out.append({
            "id": c["id"], "person": c["person_id"], "name": name, "first_name": p["first_name"],
            "middle_name": p["middle_name"], "last_name": p["last_name"], "suffix": p["suffix"],
            "aliases": p["aliases"], "date_of_birth": p["date_of_birth"], "nysid": p["nysid"], "matched_by": how,
            **{k: c[k] for k in ("record_id", "docket", "court", "county", "offense", "attempt", "conviction_date",
                                 "arrest_date", "arrest_number", "plea", "sentence", "sentence_complete",
                                 "fines_owed", "original_charge", "other_counts_dismissed", "driving_involved",
                                 "outcome", "rules")},
        })
    return out


def draft_conviction(match: dict) -> dict:
    """A picked match as a wizard draft conviction: every field from the list, the docket verified
    by its source (docket_source "caselist"); the attorney can still edit each field."""
    keys = ("court", "county", "docket", "offense", "attempt", "plea", "arrest_date", "arrest_number",
            "conviction_date", "sentence", "sentence_complete", "fines_owed", "original_charge",
            "other_counts_dismissed", "driving_involved")
    draft = {**{k: copy.deepcopy(match[k]) for k in keys}, "docket_source": "caselist"}
    for answer in ("sentence_complete", "fines_owed"):  # unknown in the records: the attorney asks
        if draft[answer] is None:
            draft[answer] = ""
    return draft


def add_to_wizard(wizard: Any, matches: list[dict]) -> int:
    """Add picked matches to the wizard's draft (a blank conviction form is replaced; a docket
    already there is not added twice). Identity fields still blank take the list's values (the
    name as on the court papers). Returns how many convictions were added."""
    if matches:
        first = matches[0]
        d = wizard.draft
        if not (d.get("last_name") or "").strip():
            for key in ("first_name", "middle_name", "last_name", "suffix"):
                d[key] = first[key]
        for key in ("date_of_birth", "nysid"):
            if not (d.get(key) or "").strip():
                d[key] = first[key]
    convs = wizard.draft.setdefault("convictions", [])
    have = {c.get("docket") for c in convs if c.get("docket")}
    new = [draft_conviction(m) for m in matches if m["docket"] not in have]
    new = list({c["docket"]: c for c in new}.values())
    if not new:
        return 0
    kept = [c for c in convs if not is_blank_conviction(c)]
    wizard.draft["convictions"] = kept + new
    wizard.outcomes = None
    return len(new)


def record_pick(db: Database, applicant_id: str, count: int, *, actor: str = "") -> None:
    with store.transaction(db):
        store.audit(db, "caselist.pick", actor=actor, record_type="applicant" if applicant_id else "",
                    record_id=applicant_id, detail=f"convictions={count}")

