"""The date papers are signed on (a day of the event, asked for when today is outside it) and the
facts a motion still needs, listed by field so the screen and the command line can name them."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.errors import InputError
from kiosk.models import Event
from kiosk.signing import missing_facts, signing_date
from kiosk.validate import parse_applicant
from tests.core.conftest import applicant_dict, conviction_dict
from tests.core.papers.builders_support import attorney, det, event


def test_needed_facts_are_listed_by_field():
    app = parse_applicant(applicant_dict(convictions=[conviction_dict(docket="")]))
    missing = missing_facts(app, [det()], attorney=None, event=event(part="", return_date=""))
    fields = [m.field for m in missing]
    assert fields == ["convictions[0].docket", "attorney.name", "event.part", "event.return_date"]
    full = parse_applicant(applicant_dict())
    assert missing_facts(full, [det()], attorney=attorney(), event=event()) == []


def test_the_signing_date_rule():
    ev = Event(name="Begin Again", starts_on=date(2018, 9, 21), ends_on=date(2018, 9, 22))
    first_day, day_before = signing_date(ev, date(2018, 9, 21)), signing_date(ev, date(2018, 9, 20))
    assert (first_day.default, first_day.ask, first_day.choices) == (date(2018, 9, 21), False, (date(2018, 9, 21),))
    assert day_before.ask and day_before.choices == (date(2018, 9, 21), date(2018, 9, 22), date(2018, 9, 20))
    inside = signing_date(ev, date(2018, 9, 22))
    assert (inside.default, inside.ask) == (date(2018, 9, 22), False)
    outside = signing_date(ev, date(2026, 11, 30))
    assert outside.ask and outside.default == date(2018, 9, 21)
    assert outside.choices == (date(2018, 9, 21), date(2018, 9, 22), date(2026, 11, 30))
    assert signing_date(None, date(2026, 11, 30)).default == date(2026, 11, 30)


@pytest.mark.parametrize(("raw", "words"), [("2018-02-30", "YYYY-MM-DD"), ("09/21/2018", "YYYY-MM-DD"),
                                            ("1989-12-31", "check the year")])
def test_a_bad_signed_on_is_refused_naming_the_option(raw, words):
    from kiosk.signing import parse_signed_on

    assert parse_signed_on(" 2018-09-22 ") == date(2018, 9, 22)
    with pytest.raises(InputError) as e:
        parse_signed_on(raw)
    assert e.value.field == "--signed-on" and words in e.value.message


def test_a_long_event_offers_its_first_fourteen_days_then_today():
    long = Event(name="Begin Again", starts_on=date(2018, 9, 1), ends_on=date(2018, 10, 31))
    rule = signing_date(long, date(2019, 1, 5))
    assert rule.ask and len(rule.choices) == 15
    assert rule.choices[0] == date(2018, 9, 1) and rule.choices[13] == date(2018, 9, 14)
    assert rule.choices[-1] == date(2019, 1, 5)


def test_papers_facts_offer_the_date_earlier_papers_were_signed_on_first(tmp_path):
    from kiosk import services, store
    from kiosk.signing import papers_facts

    db = services.open_kiosk(tmp_path / "k.db")
    services.ensure_demo_event(db)  # September 21-22, 2018
    applicant, _ = services.intake(db, applicant_dict())
    assert papers_facts(db, applicant.id, today=date(2018, 9, 22))["signing"].default == date(2018, 9, 22)
    with store.transaction(db):
        store.record_document(db, applicant.id, "packet", "ab" * 32, 4, signed_on="2018-09-21")
    facts = papers_facts(db, applicant.id, today=date(2018, 9, 22))
    assert facts["signing"].default == date(2018, 9, 21) and facts["signing"].choices[0] == date(2018, 9, 21)
    assert [m.field for m in facts["missing"]] == ["attorney.name", "event.part", "event.return_date"]
