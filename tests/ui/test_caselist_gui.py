"""The DA's case list in the window: the walk from the welcome step through "Find in the DA's list"
(asked in the applicant's language) to printed papers whose docket came from the list."""

from __future__ import annotations

import io
import shutil

import pytest
from pypdf import PdfReader

from kiosk import services, store
from kiosk.caselist import service as caselist_service
from tests.core import caselist_support as cs
from tests.ui.drive import Driver
from tests.ui.print_dialog_support import print_through_the_dialog


@pytest.fixture()
def with_list(open_window, template_db, tmp_path, caselist_file) -> Driver:
    """Signed in on a laptop where the case list is loaded."""
    target = tmp_path / "kiosk.db"
    shutil.copyfile(template_db, target)
    db = services.open_kiosk(target)
    caselist_service.load(db, str(caselist_file), cs.PASSPHRASE)
    db.close()
    d = open_window(target)
    d.sign_in()
    return d


def test_walk_from_welcome_through_the_lookup_to_printed_papers_with_the_lists_docket(with_list: Driver, tmp_path):
    d = with_list
    d.start_applicant()
    d.set("Language", "Español")
    d.set("Consent: I agree to share my information with the DA's office", True)
    d.next()
    d.fill_identity(first="Jose", last="Alvarez Nunez", dob="1980-04-12")
    d.click("Find in the DA's list")
    d.qtbot.waitUntil(lambda: d.view.lookup_dialog is not None and d.view.lookup_dialog.isVisible())
    # asked in the applicant's language; nothing is searched before they agree
    assert d.value("Lookup question").startswith("¿Puede el abogado buscar")
    assert not d.enabled("Search the list")
    assert d.value("Name to look up") == "Jose Alvarez Nunez" and d.value("Date of birth to look up") == "1980-04-12"
    d.set("The applicant agrees to the lookup", True)
    d.click("Search the list")
    d.idle()
    dialog = d.view.lookup_dialog
    assert d.value("Lookup result").startswith("2 conviction(s) of 1 person(s).")
    table = d.field("Matches")
    rows = {table.cellWidget(r, 0).text(): [table.item(r, c).text() for c in range(1, table.columnCount())]
            for r in range(table.rowCount())}
    assert rows["Add 2016KN074376"] == ["José Álvarez-Núñez", "1980-04-12", "2016-05-02", "PL 221.10(1)",
                                        "Time served", "NEEDS REVIEW", "name"]
    assert set(rows) == {"Add 2016KN074376", "Add 2012KN011111"}
    assert not d.enabled("Add picked convictions")
    d.set("Add 2016KN074376", True)  # the match's own check box, found by its name
    assert dialog.picked() == [m for m in dialog.matches if m["docket"] == "2016KN074376"]
    d.click("Add picked convictions")
    d.idle()
    assert d.view.lookup_dialog is None
    d.next()  # the screening questions
    d.next()  # the convictions: the picked one, every field filled, the docket verified by the list
    assert d.step() == "convictions"
    assert d.value("Docket number") == "2016KN074376"
    assert d.value("Docket number came from") == "The DA's case list"
    sources = d.field("Docket number came from")  # shown for a picked docket, never picked by hand
    assert not sources.model().item(sources.findData("caselist")).isEnabled()
    assert (d.value("Conviction date"), d.value("Sentence"), d.value("Arrest number")) == (
        "2016-05-02", "Time served", "K16612345")
    assert d.value("Offense").startswith("PL 221.10(1)") and d.value("Other counts dismissed in the plea") is True
    d.type("Sentence", "Time served, 1 day")  # still editable
    d.next()
    d.qtbot.waitUntil(lambda: d.view.wizard.outcomes is not None, timeout=15_000)
    d.idle()
    assert d.view.wizard.outcomes == ["NEEDS_REVIEW"]
    d.next()
    assert d.step() == "documents"
    d.qtbot.waitUntil(lambda: getattr(d.view, "papers", None) is not None, timeout=30_000)
    d.set("Print lines to fill in by hand for the missing facts", True)  # the demo event names no Part
    d.click("Printer or copies\u2026")
    out = tmp_path / "papers.pdf"
    print_through_the_dialog(d, out)
    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert "2016KN074376" in text
    assert "2012KN011111" not in text  # the conviction not picked stays out
    db = services.open_kiosk(d.db_path)
    applicant = store.get_applicant(db, d.view.wizard.applicant_id)
    assert [(c.docket, c.docket_source, c.sentence) for c in applicant.convictions] == [
        ("2016KN074376", "caselist", "Time served, 1 day")]
    audit = db.execute("SELECT action, record_id, detail FROM audit_log WHERE action LIKE 'caselist.%' "
                       "ORDER BY at").fetchall()
    assert [a[0] for a in audit][-2:] == ["caselist.lookup", "caselist.pick"]
    assert all(a[1] == applicant.id for a in audit[-2:])
    assert not any(v in a[2].lower() for a in audit for v in ("jose", "alvarez", "1980"))
    db.close()
