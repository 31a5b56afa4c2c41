"""The DA's case list in `kiosk bench`: loading a 20,000-person list (target < 3 s, the age
passphrase's key derivation included) and finding an applicant in it (target < 50 ms), with
names spelled the ways applicants spell themselves (no accents, other order, one typo, an alias).

Run alone: `python -m kiosk.benchmarks.caselist_figures`."""

from __future__ import annotations

import csv
import random
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from kiosk.caselist.match import words
from kiosk.caselist.office import build
from kiosk.caselist.service import find, load
from kiosk.services import open_kiosk

from .samples import figure_row as _row
from .sync_figures import BENCH_PASSPHRASE

PASSPHRASE = "bench event passphrase"
FIRST = ["José", "María", "Tamika", "Darnell", "Aisha", "Marcus", "Wei", "Olga", "Łukasz", "Nguyễn", "Jean-Pierre",
         "Guerline", "Dmitri", "Keisha", "Luis", "Ana", "Kevin", "Shanice", "Andre", "Fatoumata", "Mohammed",
         "Yuri", "Xiu", "Malik", "Jasmine", "Carlos", "Rosa", "Tyrone", "Esperanza", "Wilner", "Natasha",
         "Jamal", "Latoya", "Héctor", "Sofía", "Ibrahim", "Chen", "Marie-Claude", "Rashad", "Ebony"]
LAST = ["Álvarez-Núñez", "O'Brien", "Johnson", "Baptiste", "Ivanova", "Rodríguez", "Smith", "Lee", "Williams",
        "De La Cruz", "Pierre-Louis", "Nguyen", "Wójcik", "Jean-Baptiste", "Brown", "García", "Jackson", "Kim",
        "Petrov", "Santiago", "McDonald", "Washington", "Hernández", "Joseph", "Chowdhury", "Davis", "Cohen",
        "Ortiz-Rivera", "Saint-Fleur", "Thompson", "Zhang", "Volkov", "Ramírez", "D'Angelo", "Harris", "Diallo"]
COLUMNS = ["record_id", "first_name", "middle_name", "last_name", "date_of_birth", "nysid", "aliases", "docket",
           "offense", "conviction_date", "sentence", "arrest_date"]


def person(rnd: random.Random, i: int) -> dict:
    first = rnd.choice(FIRST)
    last = rnd.choice(LAST) if rnd.random() < 0.7 else f"{rnd.choice(LAST)}-{rnd.choice(LAST)}"
    last = last + ("" if rnd.random() < 0.5 else f"{'abcdefghij'[i % 10]}{'klmnoprstu'[i // 10 % 10]}")
    return {"first_name": first, "middle_name": rnd.choice(FIRST) if rnd.random() < 0.3 else "", "last_name": last,
            "date_of_birth": date(1950 + rnd.randint(0, 45), rnd.randint(1, 12), rnd.randint(1, 28)).isoformat(),
            "nysid": f"{rnd.randint(1000000, 99999999):08d}{rnd.choice('ABCDEFGHJKLMN')}" if rnd.random() < 0.5 else "",
            "aliases": f"{rnd.choice(FIRST)} {last}" if rnd.random() < 0.2 else ""}


def write_people_extract(path: Path, people: int, seed: int = 11) -> list[dict]:
    """A synthetic extract of `people` people (about 1.2 convictions each); returns the people."""
    rnd = random.Random(seed)
    out = []
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        n = 0
        for i in range(people):
            p = person(rnd, i)
            out.append(p)
            for _ in range(1 if rnd.random() < 0.8 else 2):
                y = rnd.randint(max(1990, int(p["date_of_birth"][:4]) + 18), 2018)
                w.writerow([f"r{n}", p["first_name"], p["middle_name"], p["last_name"], p["date_of_birth"],
                            p["nysid"], p["aliases"], f"{y}KN{n:06d}",
                            rnd.choice(["PL 221.10(1)", "PL 221.05", "PL 221.10(2)", "PL 221.15"]),
                            f"{y}-03-0{rnd.randint(2, 9)}", rnd.choice(["Time served", "Conditional discharge"]),
                            f"{y}-03-01"])
                n += 1
    return out


def spellings(p: dict, rnd: random.Random) -> list[tuple[str, str]]:
    """(name as typed, date of birth) the ways an applicant might give them."""
    plain = " ".join(words(f"{p['first_name']} {p['last_name']}"))
    ws = plain.split()
    typo = list(ws[-1])
    if len(typo) >= 4:
        k = rnd.randrange(1, len(typo) - 1)
        typo[k] = "x" if typo[k] != "x" else "y"
    out = [(f"{p['first_name']} {p['last_name']}", ""), (plain, p["date_of_birth"]),
           (" ".join(reversed(ws)), p["date_of_birth"]), (" ".join(ws[:-1] + ["".join(typo)]), p["date_of_birth"])]
    if p["aliases"]:
        out.append((p["aliases"], p["date_of_birth"]))
    return out


def run(tmp: Path, people: int = 20_000) -> list[dict]:
    extract = tmp / "caselist-extract.csv"
    listed = write_people_extract(extract, people)
    out = tmp / "caselist.age"
    t = time.perf_counter()
    built = build(str(extract), str(out), PASSPHRASE, as_of=date(2018, 9, 21))
    build_s = time.perf_counter() - t
    db = open_kiosk(tmp / "caselist-laptop.db", passphrase=BENCH_PASSPHRASE)
    marks: dict[str, float] = {}
    t = time.perf_counter()
    def progress(fraction: float, message: str) -> None:
        marks.setdefault(message, time.perf_counter())

    load(db, str(out), PASSPHRASE, progress=progress)
    load_s = time.perf_counter() - t
    unlock_s = marks.get("checking", t) - t
    rnd = random.Random(5)
    queries = [q for p in rnd.sample(listed, 60) for q in spellings(p, rnd)]
    times, found = [], 0
    for name, dob in queries:
        t = time.perf_counter()
        r = find(db, name, date_of_birth=dob)
        times.append(time.perf_counter() - t)
        found += bool(r["matches"]) or bool(r["ask_for"])
    times.sort()
    return [
        _row(f"case list build, {built.rows:,} rows (office)", build_s, None, "a few seconds"),
        _row(f"case list load, {built.people:,} people (age unlock {unlock_s:.2f} s)", load_s, None, "< 3 s"),
        _row(f"case list find p50 ({len(queries)} spellings, {found} answered)", statistics.median(times),
             None, "< 50 ms"),
        _row("case list find p99", times[max(0, int(len(times) * 0.99) - 1)], None, "< 50 ms"),
    ]


def bench_caselist(tmp: Path, results: list) -> None:
    results.extend(run(tmp))


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as d:
        for r in run(Path(d)):
            print(f"{r['name']}: {r['ours_s']:.4f} s (target {r['target']})")
