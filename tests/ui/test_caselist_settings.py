"""ui.caselist_settings: Laptop settings load the DA's case list with progress, show its size and
date, refuse a wrong passphrase in one line, and remove it."""

from __future__ import annotations

from kiosk import services
from kiosk.caselist import service as caselist_service
from tests.core import caselist_support as cs
from tests.ui.drive import Driver
from ui.caselist_settings import status_text


def test_laptop_settings_load_the_list_with_progress_and_show_its_size_and_date(signed_in: Driver, caselist_file):
    d = signed_in
    d.click("Laptop settings")
    d.qtbot.waitUntil(lambda: d.window.settings_dialog is not None and d.window.settings_dialog.isVisible())
    d.idle()
    section = d.window.settings_dialog.caselist
    assert d.value("Case list status") == "The DA's case list is not loaded on this laptop."
    assert not d.enabled("Remove the case list")
    progress: list[int] = []
    d.window.backend.progressed.connect(lambda f, _m: progress.append(round(f * 100)))
    d.type("Event passphrase for the case list", cs.PASSPHRASE)
    section.load_file(str(caselist_file))
    assert d.value("Event passphrase for the case list") == ""  # the passphrase does not stay on screen
    d.idle()
    status = d.value("Case list status")
    assert status.startswith(f"The DA's case list: {len(cs.ROWS) - 1} convictions of {len(cs.ROWS) - 2} people (")
    assert " MB), made " in status and "outcomes as of 2018-09-21; loaded " in status
    assert progress and progress[-1] == 100 and progress == sorted(progress)
    assert d.field("Case list progress").value() == 100
    # a wrong passphrase is said in one line and the loaded list stays
    d.type("Event passphrase for the case list", "not the passphrase")
    section.load_file(str(caselist_file))
    d.idle()
    assert d.value("Case list status") == ("Caselist.age cannot be opened: wrong passphrase, or the file was "
                                           "changed or damaged; nothing was loaded.")
    db = services.open_kiosk(d.db_path)
    assert caselist_service.status(db)["rows"] == len(cs.ROWS) - 1
    db.close()
    d.click("Remove the case list")
    d.idle()
    assert d.value("Case list status") == "The DA's case list is not loaded on this laptop."


def test_the_status_says_whether_a_list_is_loaded_its_size_and_whether_its_packs_match():
    assert status_text({"loaded": False}) == "The DA's case list is not loaded on this laptop."
    s = {"loaded": True, "rows": 12345, "people": 6789, "file_bytes": 2_500_000, "created_at": "not a date",
         "as_of": "2018-09-21", "loaded_at": "not a date", "packs_match": True}
    assert status_text(s) == ("The DA's case list: 12,345 convictions of 6,789 people (2.5 MB), made not a date, "
                              "outcomes as of 2018-09-21; loaded not a date.")
    assert status_text({**s, "packs_match": False}).endswith("the wizard evaluates again.")
