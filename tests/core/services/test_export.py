"""kiosk.services.export: the Export screen's summary, the Export button and the PIN-confirmed purge
(the file itself: tests/core/sync/)."""

from __future__ import annotations

import pytest

from kiosk import services, sync
from kiosk.errors import AuthError, InputError
from kiosk.models import Attorney
from tests.core.sync_support import Office, laptop, person


def test_the_summary_says_whether_an_export_can_be_made_and_what_waits(tmp_path):
    db = laptop(tmp_path / "l.db", None, name="table-3")
    services.intake(db, person("Pat", "Sample"))
    s = services.export_summary(db)
    assert (s.waiting, s.exported, s.purged, s.last_export_at, s.recipient_set) == (1, 0, 0, "", False)
    assert (s.laptop_name, s.fingerprint) == ("table-3", sync.laptop_key_fingerprint(db))
    with pytest.raises(InputError, match="no office key is set"):
        services.export_to_file(db, tmp_path / "x.sync")


def test_export_then_purge_with_the_attorneys_pin(tmp_path):
    db = laptop(tmp_path / "l.db", Office(tmp_path))
    services.intake(db, person("Pat", "Sample"))
    aid = services.add_attorney(db, Attorney(name="Ada Counsel"), "2468")
    result = services.export_to_file(db, tmp_path / "day.sync", scope="all")
    s = services.export_summary(db)
    assert result.applicants == 1 and (s.waiting, s.exported, s.last_export_applicants) == (0, 1, 1)
    assert s.recipient_set and s.last_export_at
    with pytest.raises(AuthError):
        services.purge_exported(db, aid, "1111")
    assert services.purge_exported(db, aid, "2468").purged == 1
    assert services.export_summary(db).purged == 1
