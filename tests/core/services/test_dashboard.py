"""kiosk.services.dashboard: the day's applicants as rows, searched by name, alias, reference and
docket, today's or every day's."""

from __future__ import annotations

from datetime import date

from kiosk import services
from kiosk.wizard import Wizard
from tests.core.wizard_support import KINGS, at_convictions, fill


def test_the_dashboard_searches_name_alias_reference_and_docket_across_days(event_db):
    w = at_convictions(first_name="Maria", last_name="Nguyễn")
    w.set("aliases", ["Mary Wynn"])
    fill(w, **KINGS)
    r = services.autosave_wizard(event_db, w.draft, "result", evaluate=True)
    other = services.autosave_wizard(event_db, {**Wizard.start().draft, "last_name": "Smith"}, "identity")
    assert {x.reference for x in services.dashboard_rows(event_db)} == {r.reference, other.reference}
    for query in ("maria", "NGUYỄN", "wynn", r.reference.lower(), "2016kn0743"):
        assert [x.id for x in services.dashboard_rows(event_db, query)] == [r.id], query
    assert services.dashboard_rows(event_db, "nobody") == []
    tomorrow = date.fromordinal(date.today().toordinal() + 1)
    assert services.dashboard_rows(event_db, today=tomorrow) == []
    assert len(services.dashboard_rows(event_db, today=tomorrow, all_days=True)) == 2
    assert len(services.dashboard_rows(event_db, "smith", today=tomorrow)) == 1



def test_dashboard_search_finds_a_draft_by_the_docket_typed_into_it(event_db):
    """A person who comes back before their record was evaluated is found by their docket too."""
    services.ensure_demo_event(event_db)
    draft = {"first_name": "Rosa", "last_name": "Quill", "convictions": [{"docket": "2013KN004242"}]}
    aid, ref = services.save_draft(event_db, draft, "convictions")
    assert [r.reference for r in services.dashboard_rows(event_db, "2013kn0042")] == [ref]
    assert services.dashboard_rows(event_db, "2013KN009999") == []
