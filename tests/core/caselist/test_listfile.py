"""kiosk.caselist.listfile: the case list's own framing inside age (magic line, manifest, gzip
payload of arrays) round-trips, and any file that is not one, or not whole, is refused in one line
naming the file. The files are real age files, at the suite's cheap scrypt work factor
(tests/conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyrage import passphrase as age_passphrase

from kiosk.caselist import listfile, passphrase_age
from kiosk.errors import InputError
from tests.core import caselist_support as cs

MANIFEST = {"as_of": "2018-09-21", "created_at": "2018-09-20T10:00:00+00:00", "rule_packs": {"p": "0" * 64}}


def written(tmp_path, people: list[dict], name: str = "list.age") -> str:
    path = tmp_path / name
    listfile.write(path, listfile.encode(people, MANIFEST, "the event passphrase"))
    return str(path)


def test_a_list_round_trips_with_its_counts_and_field_orders(tmp_path):
    path = written(tmp_path, [cs.list_person(), cs.list_person("Other", dob="")])
    seen = []
    cl = listfile.read(path, "the event passphrase", on_decrypted=lambda: seen.append(True))
    assert seen == [True]
    assert (cl.manifest["people"], cl.manifest["rows"], cl.manifest["as_of"]) == (2, 2, "2018-09-21")
    assert cl.manifest["person_fields"] == list(listfile.PERSON_FIELDS)
    first = dict(zip(listfile.PERSON_FIELDS, cl.people[0], strict=True))
    assert (first["last_name"], first["aliases"]) == ("Sample", ["Janie"])
    conviction = dict(zip(listfile.CONVICTION_FIELDS, first["convictions"][0], strict=True))
    assert (conviction["rules"], conviction["sentence_complete"], conviction["fines_owed"]) == ("K18-02;K18-17",
                                                                                                None, True)
    assert cl.file_bytes == (tmp_path / "list.age").stat().st_size and len(cl.file_sha256) == 64


def test_write_never_overwrites_and_leaves_no_part_file(tmp_path):
    path = written(tmp_path, [cs.list_person()])
    before = (tmp_path / "list.age").read_bytes()
    with pytest.raises(InputError, match="already exists") as e:
        written(tmp_path, [cs.list_person("Changed")])
    assert e.value.field == "--out" and (tmp_path / "list.age").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.age"] and path


def test_a_wrong_passphrase_and_a_file_of_another_kind_are_refused_naming_the_file(tmp_path):
    path = written(tmp_path, [cs.list_person()])
    with pytest.raises(InputError, match="wrong passphrase") as e:
        listfile.read(path, "another passphrase")
    assert e.value.field == "list.age" and str(e.value.message) == listfile.REFUSED
    (tmp_path / "records.csv").write_text("docket,offense\n")
    with pytest.raises(InputError, match="not a case list file"):
        listfile.read(tmp_path / "records.csv", "the event passphrase")
    with pytest.raises(InputError, match="no such file"):
        listfile.read(tmp_path / "missing.age", "the event passphrase")
    with pytest.raises(InputError, match="is a folder"):
        listfile.read(tmp_path, "the event passphrase")


def plain_of(path: str) -> tuple[dict, bytes]:
    plain = age_passphrase.decrypt(Path(path).read_bytes(), "the event passphrase")
    head, _, payload = plain[len(listfile.MAGIC):].partition(b"\n")
    return json.loads(head), payload


def rewritten(tmp_path, manifest: dict, payload: bytes) -> str:
    plain = listfile.MAGIC + json.dumps(manifest).encode() + b"\n" + payload
    (tmp_path / "changed.age").write_bytes(passphrase_age.encrypt(plain, "the event passphrase"))
    return str(tmp_path / "changed.age")


@pytest.mark.parametrize(("change", "message"), [
    (lambda m, p: (dict(m, version=2), p), "another version of the program"),
    (lambda m, p: (dict(m, person_fields=["first_name"]), p), "its fields are not the ones read here"),
    (lambda m, p: (m, p[:-1] + bytes([p[-1] ^ 1])), "wrong passphrase, or the file was changed"),
    (lambda m, p: (dict(m, people=3), p), "wrong passphrase, or the file was changed"),
    (lambda m, p: (dict(m, rule_packs=None), p), "wrong passphrase, or the file was changed"),
], ids=["version", "fields", "payload-byte", "people-count", "rule-packs"])
def test_a_file_built_wrongly_is_refused(tmp_path, change, message):
    manifest, payload = change(*plain_of(written(tmp_path, [cs.list_person(), cs.list_person("Other")])))
    with pytest.raises(InputError, match=message):
        listfile.read(rewritten(tmp_path, manifest, payload), "the event passphrase")


def test_a_person_of_the_wrong_shape_is_refused(tmp_path):
    bad = cs.list_person(dob="02/04/1980")  # not YYYY-MM-DD
    with pytest.raises(InputError, match="the file was changed or damaged"):
        listfile.read(written(tmp_path, [bad]), "the event passphrase")
