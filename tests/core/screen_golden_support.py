"""Varied extracts for the golden screening files (tests/core/golden/): every kind of value an
extract may hold (spellings of booleans, counties, offenses, dockets and dates, names in many
scripts, quoted commas and line breaks), planted bad rows of every kind, short and long rows,
blank lines, a mapped header with stale result columns, and a one-column quirk.

The committed outputs were written by the screening code before it was rewritten for speed;
`python -m tests.core.screen_golden_support DIR` writes the inputs again (same bytes)."""

from __future__ import annotations

import csv
import json
import random
import sys
from pathlib import Path

from kiosk.screening.extract import COLUMNS

BOOLS_TRUE = ["true", "yes", "1", "TRUE", "Yes", "y", "Y", " yes ", "True", "YES"]
BOOLS_FALSE = ["false", "no", "0", "False", "NO", "n", "", "N", " no", "FALSE"]
BOOLS_BAD = ["maybe", "2", "tru", "-1", "oui"]
FIRST = ["Tamika", "José", "Nguyễn", "Łukasz", "Aisha", "Marcus", "Wei", "Olga", "Darnell", "María",
         "Mary Ann", "Jean-Luc", "D'Andre", "J.", "  Ana  ", "Ana  Maria", "", "李", "Дмитрий", "Jose\u0301"]
LAST = ["Sample", "Núñez", "O'Brien", "Wójcik", "Johnson", "Baptiste", "Chen", "Ivanova", "Smith",
        "García-López", "St. John", "O’Neil", "", "Jean Baptiste", "Van der Berg"]
BAD_NAMES = ["R2D2", "Smith3", "-", "Ann\x07", "X" * 81, "a@b", "..", "Tab\tName"]
COURTS = ["criminal", "criminal", "criminal", "Criminal", "CRIMINAL ", ""]
COUNTIES = [("kings", "KN"), ("Kings", "KN"), ("Brooklyn", "KN"), ("Kings County", "KN"), ("", "KN"),
            ("queens", "QN"), ("new york", "NY"), ("New-York", "NY"), ("Manhattan", "NY"), ("bronx", "BX"),
            ("The Bronx", "BX"), ("staten island", "RI"), ("richmond", "RI")]
OFFENSES = ["PL 221.05", "PL 221.10(1)", "PL 221.10(2)", "221.10", "PL 221.15", "PL 221.20", "PL 221.25",
            "PL 221.35", "Penal Law 221.40", "PL 221.45", "PL 221.55", "PL 240.20", "PL 110/221.10",
            "PL 110-221.15", "PL § 221.10 sub 1", "pl 221.10(01)", "NYPL 221.05", "P.L. 221.05",
            "PL 221.10 SUBD. 2", "VTL 1192(3)", "PL 220.03", "221.05 ", "PL 110.00/221.10(1)"]
BAD_OFFENSES = ["weed", "PL 221", "PL 221.10(3)", "VTL 1192.5", "VTL 110/1192", "", "PL 221.10((1)"]
ORIGINALS = ["", "", "", "", "PL 221.40", "221.45", "PL 221.10(1)", "PL 221.55"]
PLEAS = ["guilty", "guilty", "", "Guilty", "verdict", "VERDICT"]
SENTENCES = ["time served", "conditional discharge", "$100 fine", "", "3 days, time served",
             'a "split" sentence', "probation\nand a fine"]


def _date(rng: random.Random, lo: int, hi: int) -> str:
    return f"{rng.randrange(lo, hi)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"


def _bool(rng: random.Random, p_true: float) -> str:
    return rng.choice(BOOLS_TRUE if rng.random() < p_true else BOOLS_FALSE)


def _docket(rng: random.Random, year: int, code: str, court: str) -> tuple[str, str]:
    """A docket of a kind fitting the court (mostly), and the court written back."""
    r = rng.random()
    if r < 0.70:
        return f"{year}{code}{rng.randrange(10**6):06d}", court
    if r < 0.75:
        return f"{year}{code.lower()}{rng.randrange(10**6):06d}", court
    if r < 0.78:
        return f"{year} {code} {rng.randrange(10**6):06d}", court
    if r < 0.85 and year >= 2000:
        return f"CR-{rng.randrange(10**6):06d}-{year % 100:02d}{code}", court
    if r < 0.90:
        return f"{rng.randrange(1, 99999)}/{year if rng.random() < 0.5 else year % 100:02d}", \
            rng.choice(["supreme", "Supreme", ""])
    return rng.choice(["", "unknown", "N/A", "?", "none"]), court


def _damage(rng: random.Random, row: dict) -> None:
    """One planted fault (or several: the first one in validation order must win)."""
    kind = rng.randrange(24)
    if kind == 0:
        row["docket"] = rng.choice(["2016KN12", "KN2016074376", "2016ZZ074376", "1950KN074376",
                                    "2099KN074376", "CR-004766-99KN", "5957/1901", "x" * 41])
    elif kind == 1:
        row["conviction_date"] = rng.choice(["2016-02-30", "2016/02/03", "", "16-02-03", "2999-01-01",
                                             "1899-12-31", "２０１６-01-01"])
    elif kind == 2:
        row["offense"] = rng.choice(BAD_OFFENSES)
    elif kind == 3:
        row[rng.choice(["violent_felony", "sex_offense", "open_case_or_warrant", "attempt", "fines_owed",
                        "sentence_complete", "other_counts_dismissed", "driving_involved"])] = rng.choice(BOOLS_BAD)
    elif kind == 4:
        row["county"], row["docket"] = "queens", "2016KN074376"
    elif kind == 5:
        row["county"] = rng.choice(["Narnia", "new jersey", "x" * 41])
    elif kind == 6:
        row["county"], row["docket"] = "", rng.choice(["", "unknown", "5957/2014"])
    elif kind == 7:
        row[rng.choice(["first_name", "last_name"])] = rng.choice(BAD_NAMES)
    elif kind == 8:
        row["date_of_birth"] = rng.choice(["1970-13-01", "not-a-date", "2999-01-01", "1880-01-01", "19700101"])
    elif kind == 9:
        row["date_of_birth"] = "2019-01-01"  # after the conviction
    elif kind == 10:
        row["arrest_date"] = "2020-12-31" if row["conviction_date"] < "2020-12-31" else "2021-01-01"
    elif kind == 11:
        row["court"] = rng.choice(["family", "supreme", "x"])
    elif kind == 12:
        row["court"], row["docket"] = "criminal", "5957/2014"
    elif kind == 13:
        row["plea"] = rng.choice(["nolo", "alford"])
    elif kind == 14:
        row["sentence"] = rng.choice(["s" * 201, "bad\x00char"])
    elif kind == 15:
        row["original_charge"] = rng.choice(["bad charge", "PL 221.10(5)"])
    elif kind == 16:
        row["conviction_date"] = "1996-01-01"
        row["docket"] = "2001KN000123"
    elif kind == 17:
        row["arrest_date"] = rng.choice(["2016-02-30", "1800-01-01", "soon"])
    elif kind == 18:  # several faults: the first in validation order is reported
        row["date_of_birth"], row["offense"], row["docket"] = "bad", "weed", "bad"
    elif kind == 19:
        row["offense"], row["fines_owed"], row["first_name"] = "weed", "maybe", "R2"
    elif kind == 20:
        row["date_of_birth"], row["arrest_date"] = "1990-01-01", "1989-06-01"
    elif kind == 21:
        row["first_name"] = "\u202eevil"
    elif kind == 22:
        row["attempt"], row["offense"] = "yes", "VTL 1192(3)"
    else:
        row["docket"] = "CR-004766-16ZZ"


def main_rows(n: int, seed: int) -> list[list[str]]:
    """Rows for a full-header extract: about one in six damaged, some short or long."""
    rng = random.Random(seed)
    rows: list[list[str]] = []
    for i in range(n):
        county, code = rng.choice(COUNTIES)
        year = rng.randrange(1991, 2024)
        conv = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        if rng.random() < 0.1:  # around the rules' date thresholds
            conv = rng.choice(["2019-08-27", "2019-08-28", "2019-08-29", "2021-03-30", "2021-03-31",
                               "2021-04-01", "2018-09-07"])
            year = int(conv[:4])
        court = rng.choice(COURTS)
        docket, court = _docket(rng, year, code, court)
        dob = rng.choice([_date(rng, 1940, 1975), "", " 1970-01-01 ", "1969-07-04"])
        row = {
            "record_id": rng.choice([f"R{i:05d}", f"R{i:05d}, dup", f'R"{i}"', f"№{i}"]),
            "first_name": rng.choice(FIRST), "last_name": rng.choice(LAST), "date_of_birth": dob,
            "violent_felony": _bool(rng, 0.03), "sex_offense": _bool(rng, 0.02),
            "open_case_or_warrant": _bool(rng, 0.04), "court": court, "county": county, "docket": docket,
            "offense": rng.choice(OFFENSES), "attempt": _bool(rng, 0.05),
            "arrest_date": rng.choice(["", "", f"{year}-01-01", conv]) if conv >= f"{year}-01-01" else "",
            "conviction_date": conv if rng.random() > 0.02 else f" {conv} ", "plea": rng.choice(PLEAS),
            "sentence": rng.choice(SENTENCES), "sentence_complete": _bool(rng, 0.85),
            "fines_owed": _bool(rng, 0.05), "original_charge": rng.choice(ORIGINALS),
            "other_counts_dismissed": _bool(rng, 0.05), "driving_involved": _bool(rng, 0.03),
        }
        if rng.random() < 0.16:
            _damage(rng, row)
        values = [row[c] for c in COLUMNS]
        r = rng.random()
        if r < 0.01:
            values = values[:rng.randrange(1, len(values))]
        elif r < 0.015:
            values = values + ["extra"]
        rows.append(values)
    return rows


MAPPED_HEADER = ["CASE_ID", "outcome", "DOCKET_NO", "CHARGE", "DISP_DATE", "NOTES", "County ", "DWI",
                 "arrest_number", "docket_source", "id", "error"]
MAPPED_COLUMNS = {"CASE_ID": "record_id", "DOCKET_NO": "docket", "CHARGE": "offense",
                  "DISP_DATE": "conviction_date", "County": "county", "DWI": "driving_involved"}


def mapped_rows(n: int, seed: int) -> list[list[str]]:
    """A mapped extract: other header names, a notes column, stale result columns written back
    without them, and the optional columns arrest_number, docket_source and id."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        county, code = rng.choice(COUNTIES)
        year = rng.randrange(1991, 2024)
        conv = _date(rng, year, year + 1)
        docket, _ = _docket(rng, year, code, "criminal")
        if docket.count("/"):
            docket = f"{year}{code}{i:06d}"
        rows.append([
            f"C{i}", rng.choice(["", "ELIGIBLE", "stale"]), docket,
            rng.choice(OFFENSES + ["weed"]), conv if rng.random() > 0.03 else "2016-13-01",
            rng.choice(["", "called twice", "note, with comma", 'said "ok"']), county,
            rng.choice(["Y", "N", "", "maybe"]),
            rng.choice(["", "", "K12345678", "bad-number", "a" * 21]),
            rng.choice(["", "", "document", "memory", "unknown", "guess"]),
            rng.choice(["", "", f"id-{i}", "x" * 41]), rng.choice(["", "old error"]),
        ])
    return rows


def write_inputs(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "extract.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        for k, values in enumerate(main_rows(3000, seed=17)):
            if k % 500 == 250:
                f.write("\r\n")  # a blank line is skipped, not a row
            w.writerow(values)
    with open(folder / "mapped.csv", "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(MAPPED_HEADER)
        w.writerows(mapped_rows(600, seed=23))
    (folder / "mapped-columns.json").write_text(json.dumps(MAPPED_COLUMNS, indent=1) + "\n", encoding="utf-8")
    with open(folder / "one-column.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["outcome", "conviction_date"])  # the offense comes from a stale "outcome" column
        w.writerows([["PL 221.05", "2016-01-01"], ["PL 221.05", ""], ["weed", "2016-01-01"], ["221.10", "x"]])


if __name__ == "__main__":
    write_inputs(Path(sys.argv[1]))
