"""Bad input on every path gets a clear, typed error and changes nothing already saved.

Property-based: arbitrary CSV rows, rule-pack files and command-line arguments. (Applicant JSON
has its own properties in tests/core/validate/; wizard fields in tests/core/wizard/.)"""

import contextlib
import hashlib
import io
import json
import os
import string

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kiosk import services
from kiosk.benchmarks.samples import sample_applicant
from kiosk.cli import main
from kiosk.errors import InputError, RulePackError
from kiosk.rules import parse_pack
from kiosk.screening.extract import COLUMNS, parse_row

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
cell = st.one_of(text, st.sampled_from(["", "true", "no", "1", "2016KN074376", "CR-004766-24KN", "5957/2014",
                                        "PL 221.10(1)", "221.05", "2018-02-30", "9999-01-01", "kings", "queens",
                                        "supreme", "criminal"]))


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.sampled_from(COLUMNS), cell))
def test_any_csv_row_is_parsed_or_named_as_bad(row):
    try:
        parse_row(row)
    except InputError as e:
        assert e.field and e.message and "\n" not in str(e)


toml_value = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), text, st.dates().map(str)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(text, inner, max_size=4)), max_leaves=12)


def _toml(pack: dict, rules: list) -> str:
    def val(v):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int):
            return str(v)
        if isinstance(v, list):
            return "[" + ", ".join(val(x) for x in v if x is not None and not isinstance(x, dict)) + "]"
        return json.dumps(str(v))

    def keep(v):
        return v is not None and not isinstance(v, dict)

    lines = ["[pack]"] + [f"{json.dumps(k)} = {val(v)}" for k, v in pack.items() if keep(v)]
    for r in rules:
        lines.append("[[rules]]")
        lines += [f"{json.dumps(k)} = {val(v)}" for k, v in r.items() if keep(v)]
    return "\n".join(lines)


pack_keys = st.sampled_from(["id", "title", "effective_from", "effective_to", "counties", "version", "notes"])
rule_keys = st.sampled_from(["id", "outcome", "reason", "when", "scope", "convicted_before", "notes"])
facts = st.sampled_from(["offense:221.10", "not attempt", "article:221", "county:kings", "violent_felony|sex_offense",
                         "bogus", "not a|b", "offense:x", ""])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(pack_keys, st.one_of(toml_value, st.just("kings-x"), st.just(["kings"]), st.just("2018-01-01"))),
       st.lists(st.dictionaries(rule_keys, st.one_of(toml_value, st.just("K-1"), st.just("ELIGIBLE"),
                                                     st.lists(facts, max_size=3))), max_size=3))
def test_any_rule_pack_file_loads_or_says_what_is_wrong(pack, rules):
    try:
        parse_pack(_toml(pack, rules), "fuzz.toml")
    except RulePackError as e:
        assert str(e).startswith("fuzz.toml")


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300))
def test_rule_pack_bytes_that_are_not_toml(blob):
    try:
        parse_pack(blob.decode("utf-8", "replace"), "junk.toml")
    except RulePackError:
        pass


def _digest(db) -> str:
    h = hashlib.sha256()
    for table in ("applicants", "aliases", "convictions", "determinations", "documents"):
        for row in db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall():
            h.update(repr(row).encode())
    return h.hexdigest()


words = st.sampled_from(["evaluate", "intake", "screen", "motion", "rules", "list", "show", "--as-of", "--db",
                         "--out", "--columns", "--applicant", "2018-13-45", "K18-99", "nope.json", "-", "",
                         "--help-me", "x=y", "{}"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(words, st.text(alphabet=string.printable, max_size=12)), min_size=1, max_size=5))
def test_any_command_line_exits_cleanly_and_changes_nothing(tmp_path, args):
    db_path = tmp_path / "kiosk.db"
    if not db_path.exists():
        db = services.open_kiosk(str(db_path))
        services.intake(db, sample_applicant(1))
        db.conn.close()
    before = _digest(services.open_kiosk(str(db_path)))
    args = [a.replace("kiosk.db", str(db_path)) for a in args]
    if "intake" in args or "motion" in args:
        args = [a for a in args if a not in ("--db",)]  # never point a fuzzed intake at the saved db
    assume(args[0] not in ("gui", "bench", "self-test"))
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(tmp_path)  # a fuzzed --out lands in the test's folder
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            try:
                main(args)
                code = 0
            except SystemExit as e:
                code = e.code
    finally:
        os.chdir(cwd)
    assert code in (0, 1, 2), (args, code, out.getvalue()[-300:])
    assert "Traceback" not in out.getvalue()
    assert _digest(services.open_kiosk(str(db_path))) == before


def test_bad_intake_changes_nothing_saved(tmp_path):
    db = services.open_kiosk(str(tmp_path / "kiosk.db"))
    services.intake(db, sample_applicant(1))
    before = _digest(db)
    bad = [sample_applicant(2) | {"date_of_birth": "2999-01-01"},
           sample_applicant(3) | {"first_name": "x" * 5000},
           sample_applicant(4) | {"convictions": [{"docket": "2016XX000001", "offense": "PL 221.10",
                                                   "conviction_date": "2016-01-01"}]},
           sample_applicant(5) | {"convictions": [{"offense": "PL 221.10", "county": "kings",
                                                   "conviction_date": "1960-01-01"}], "date_of_birth": "1970-01-01"}]
    for raw in bad:
        try:
            services.intake(db, raw)
            raise AssertionError("bad input was accepted")
        except InputError:
            pass
    assert _digest(db) == before
