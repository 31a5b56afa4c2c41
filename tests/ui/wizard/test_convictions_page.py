"""ui.wizard.convictions_page: the list sums up each conviction, the editor shows the selected one,
and a conviction's problem reaches the editor only while that conviction is the one shown."""

from __future__ import annotations

from kiosk.wizard import Wizard, new_conviction
from ui.wizard.convictions_page import ConvictionsPage, conviction_summary

KINGS = {**new_conviction(), "docket": "2016KN074376", "offense": "PL 221.10(1)", "conviction_date": "2016-05-02"}


def test_a_summary_names_offense_docket_and_date_or_says_the_form_is_blank():
    assert conviction_summary(0, new_conviction()) == "1. (not filled in yet)"
    assert conviction_summary(1, KINGS) == "2. PL 221.10(1) \u00b7 2016KN074376 \u00b7 2016-05-02"
    assert conviction_summary(2, {**KINGS, "docket": ""}) == "3. PL 221.10(1) \u00b7 no docket number \u00b7 2016-05-02"


def test_the_list_and_editor_follow_the_draft_and_errors_go_to_the_shown_conviction(qtbot):
    page = ConvictionsPage()
    qtbot.addWidget(page)
    wizard = Wizard.start()
    wizard.draft["convictions"] = [KINGS, {**new_conviction(), "docket": "2015QN022318"}]
    page.load(wizard)
    assert [page.list.item(i).text() for i in range(page.list.count())][0].startswith("1. PL 221.10(1)")
    assert page.editor_title.text() == "Conviction 1" and page.fields["docket"].value() == "2016KN074376"
    assert page.field_for_error("convictions[0].docket") is page.fields["docket"]
    assert page.field_for_error("convictions[1].docket") is None
    picked: list[int] = []
    page.selected.connect(picked.append)
    page.list.setCurrentRow(1)
    assert picked == [1] and page.current == 1
    assert page.remove_button.isEnabled()
    wizard.draft["convictions"] = [new_conviction()]
    page.load(wizard)  # one blank form left: nothing to remove, the list shrinks with the draft
    assert page.list.count() == 1 and page.current == 0 and not page.remove_button.isEnabled()
