"""kiosk.caselist.office: the office builds the encrypted case list from its records extract,
leaving bad rows out by line, with the extract's own column names mapped as for screening."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk import services
from kiosk.caselist import service as caselist_service
from kiosk.errors import InputError
from tests.core import caselist_support as cs


def test_the_office_file_has_a_manifest_and_leaves_bad_rows_out_by_line(built):
    from kiosk.caselist import listfile as caselist

    path, result = built
    assert result.bad_rows == [(cs.BAD_LINE, "date_of_birth: is not a real calendar date")]
    assert (result.rows, result.people) == (len(cs.ROWS) - 1, len(cs.ROWS) - 2)  # José has two rows
    cl = caselist.read(path, cs.PASSPHRASE)
    m = cl.manifest
    assert (m["rows"], m["people"], m["bad_rows"], m["as_of"]) == (result.rows, result.people, 1, "2018-09-21")
    assert set(m["rule_packs"]) >= {"kings-2018-consent"} and all(len(h) == 64 for h in m["rule_packs"].values())
    made = datetime.fromisoformat(m["created_at"])  # when the office built it, in UTC
    assert made.utcoffset() == timedelta(0) and abs(datetime.now(UTC) - made) < timedelta(hours=1)
    raw = path.read_bytes()
    assert raw.startswith(b"age-encryption.org/v1\n-> scrypt ")
    assert b"Rodriguez" not in raw and b"2016KN074376" not in raw  # nothing readable without the passphrase


def test_the_extracts_own_headers_map_with_columns_as_for_screening(tmp_path):
    from kiosk.caselist import office as caselist_office

    records = tmp_path / "extract.csv"
    records.write_text("DOCKET_NO,SURNAME,GIVEN,AKA,CHG,DISP,BIRTH\n"
                       "2016KN074376,Álvarez-Núñez,José,Pepe Alvarez,PL 221.10(1),2016-05-02,1980-04-12\n",
                       encoding="utf-8")
    columns = ("DOCKET_NO=docket,SURNAME=last_name,GIVEN=first_name,AKA=aliases,CHG=offense,"
               "DISP=conviction_date,BIRTH=date_of_birth")
    out = tmp_path / "list.age"
    result = caselist_office.build(str(records), str(out), cs.PASSPHRASE, as_of=cs.AS_OF, columns=columns)
    assert (result.rows, result.people, result.bad_rows) == (1, 1, [])
    db = services.open_kiosk(tmp_path / "kiosk.db")
    caselist_service.load(db, str(out), cs.PASSPHRASE)
    r = caselist_service.find(db, "pepe alvarez", date_of_birth="1980-04-12")
    assert [(m["name"], m["docket"], m["outcome"]) for m in r["matches"]] == [
        ("José Álvarez-Núñez", "2016KN074376", "ELIGIBLE")]
    with pytest.raises(Exception, match="not one of our columns"):
        caselist_office.build(str(records), str(tmp_path / "x.age"), cs.PASSPHRASE, as_of=cs.AS_OF,
                              columns="DOCKET_NO=dockets")


def test_rows_of_one_person_group_their_aliases_and_a_row_without_a_last_name_is_named_by_line(tmp_path):
    from kiosk.caselist import office as caselist_office
    from kiosk.services import open_kiosk

    no_name = {**cs.SEAN, "record_id": "r-no-name", "last_name": ""}
    path = cs.write_extract(tmp_path / "records.csv", [cs.JOSE, {**cs.JOSE_2, "aliases": "Joe A | Pepe Alvarez"},
                                                       no_name])
    with open(path, encoding="utf-8", newline="") as f:
        people, bad = caselist_office.read_people(f, {}, cs.AS_OF, open_kiosk(":memory:"))
    assert bad == [(4, "last_name: is required in a case list (the list is searched by name)")]
    [jose] = people
    assert jose["aliases"] == ["Pepe Alvarez", "J. Nunez", "Joe A"]
    assert [c["docket"] for c in jose["convictions"]] == ["2016KN074376", "2012KN011111"]
    assert all(c["outcome"] and c["rules"] for c in jose["convictions"]) and "pepe" in jose["keys"]


def test_the_inputs_are_checked_before_anything_is_read(tmp_path):
    from kiosk.caselist import office as caselist_office

    with pytest.raises(InputError, match="no such file"):
        caselist_office.check_inputs(str(tmp_path / "none.csv"), str(tmp_path / "l.age"), None)
    cs.write_extract(tmp_path / "records.csv")
    (tmp_path / "l.age").write_bytes(b"an earlier list")
    with pytest.raises(InputError, match="already exists") as e:
        caselist_office.check_inputs(str(tmp_path / "records.csv"), str(tmp_path / "l.age"), None)
    assert e.value.field == "--out"
