"""kiosk.screening.motions: one packet per qualifying row, handed to workers in chunks and named by
the row's record id. The process pool is replaced by threads here (the packets are the same; the
pool's start-up would cost more than the test): `kiosk screen --motions` runs the real one in
tests/core/test_cli_papers.py."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from kiosk import eligibility
from kiosk.errors import InputError
from kiosk.screening import motions
from kiosk.services import open_kiosk
from kiosk.validate import parse_applicant
from tests.core.conftest import applicant_dict


def test_each_row_gets_a_packet_named_by_its_record_id_in_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(motions, "ProcessPoolExecutor", ThreadPoolExecutor)
    monkeypatch.setattr(motions, "CHUNK", 2)
    applicant = parse_applicant(applicant_dict())
    det = eligibility.evaluate_applicant(open_kiosk(":memory:"), applicant, date(2018, 9, 21))[0]
    writer = motions.MotionWriter(str(tmp_path / "m"), as_of=date(2018, 9, 21), workers=1)
    for record_id in ("a/1", "", "c"):
        writer.add({"record_id": record_id}, applicant, applicant.convictions[0], det)
    assert writer.submitted == 2 and len(writer.pending) == 1  # a full chunk went to the workers
    assert writer.finish(progress=False) == 3
    names = sorted(p.name for p in (tmp_path / "m").iterdir())
    assert names == ["a_1-0000001-packet.pdf", "c-0000003-packet.pdf", "row-0000002-packet.pdf"]
    assert all((tmp_path / "m" / n).read_bytes().startswith(b"%PDF") for n in names)


def test_a_folder_that_cannot_be_made_is_named_as_the_option(tmp_path):
    (tmp_path / "file").write_text("")
    with pytest.raises(InputError, match="cannot be created") as e:
        motions.MotionWriter(str(tmp_path / "file" / "m"), as_of=date(2018, 9, 21), workers=1)
    assert e.value.field == "--motions"
