"""The benchmark's synthetic people: a DA extract for screening, applicant files for the papers
and the evaluation, and the row every figure is reported as. Also used by the tests that need
many plausible (fictional) applicants."""

from __future__ import annotations

import csv
import random
from datetime import date
from pathlib import Path

AS_OF = date(2018, 9, 21)
OFFENSES = ["PL 221.05", "PL 221.10(1)", "PL 221.10(2)", "PL 221.15", "PL 221.20", "PL 221.35",
            "PL 240.20", "PL 110/221.10", "PL 221.10(1)", "PL 221.10(1)"]
FIRST = ["Tamika", "José", "Nguyễn", "Łukasz", "Aisha", "Marcus", "Wei", "Olga", "Darnell", "María"]
LAST = ["Sample", "Núñez", "O'Brien", "Wójcik", "Johnson", "Baptiste", "Chen", "Ivanova", "Smith", "Lee"]
EXTRACT_COLUMNS = ["record_id", "first_name", "last_name", "date_of_birth", "violent_felony", "sex_offense",
                   "open_case_or_warrant", "court", "county", "docket", "offense", "attempt", "arrest_date",
                   "conviction_date", "plea", "sentence", "sentence_complete", "fines_owed",
                   "original_charge", "other_counts_dismissed", "driving_involved"]


def write_extract(path: Path, rows: int, seed: int = 7) -> None:
    """A synthetic DA extract: mostly Kings 221.10 pleas, some other counties, felonies, bad rows."""
    rnd = random.Random(seed)
    counties = [("KN", "kings")] * 8 + [("QN", "queens"), ("NY", "new-york")]
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(EXTRACT_COLUMNS)
        for i in range(rows):
            y = rnd.randint(1991, 2018)
            code, county = rnd.choice(counties)
            docket = f"{y}{code}{i % 1_000_000:06d}" if rnd.random() > 0.005 else f"{y}{code}{i % 100000:05d}"
            dob = f"{y - rnd.randint(18, 50)}-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)}"
            w.writerow([f"r{i}", rnd.choice(FIRST), rnd.choice(LAST), dob,
                        "true" if rnd.random() < 0.02 else "false", "false",
                        "true" if rnd.random() < 0.03 else "false", "criminal", county, docket,
                        rnd.choice(OFFENSES), "false", f"{y}-03-01", f"{y}-03-0{rnd.randint(2, 9)}",
                        "guilty", rnd.choice(["time served", "conditional discharge", "$100 fine"]),
                        "true", "false", "", "false", "true" if rnd.random() < 0.01 else "false"])


def sample_applicant(i: int = 0, convictions: int = 1) -> dict:
    rnd = random.Random(i)
    return {
        "first_name": FIRST[i % 10], "last_name": LAST[(i // 10) % 10], "date_of_birth": "1985-02-11",
        "language": rnd.choice(["en", "es"]), "consent_to_share": True,
        "convictions": [{
            "court": "criminal", "county": "kings", "docket": f"{2010 + k}KN{(i * 7 + k) % 1_000_000:06d}",
            "docket_source": "document", "offense": "PL 221.10(1)", "arrest_date": f"{2010 + k}-03-01",
            "conviction_date": f"{2010 + k}-03-02", "sentence": "conditional discharge",
        } for k in range(convictions)],
    }


def figure_row(name: str, ours: float, floor: float | None, target: str) -> dict:
    return {"name": name, "ours_s": round(ours, 6), "floor_s": None if floor is None else round(floor, 6),
            "ratio": None if not floor else round(ours / floor, 2), "target": target}
