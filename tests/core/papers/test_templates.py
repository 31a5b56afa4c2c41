"""The papers' wording lives in templates: every placeholder is one the builder fills, a template
naming an unknown one fails on load, and the oath form follows the date of signing."""

from __future__ import annotations

import pytest

from kiosk.papers import packet_case as packet_case_module
from kiosk.papers import templates as templates_module
from kiosk.rules import load_pack_file
from tests.core.conftest import RULES_DIR
from tests.core.papers.builders_support import ROOT, WHEN, applicant, attorney, det, event


def test_every_template_placeholder_is_filled_by_the_builder():
    for pack in ("kings-2018-consent", "ny-2019-decrim", "ny-mrta-2021"):
        tpl = templates_module.pack_templates(pack)
        assert tpl.pack == pack and tpl.version
    case = packet_case_module.packet_case(applicant(), 0, det(), attorney(), event(), WHEN.date(),
                               templates_module.common())
    assert set(case.facts) == templates_module.FACTS
    assert set(case.fragments) == templates_module.FRAGMENTS


def test_a_template_with_an_unknown_placeholder_fails_on_load(tmp_path, monkeypatch):
    src = ROOT / "resources" / "templates"
    (tmp_path / "templates" / "kings-2018-consent").mkdir(parents=True)
    (tmp_path / "templates" / "common.toml").write_bytes((src / "common.toml").read_bytes())
    text = (src / "kings-2018-consent" / "papers.toml").read_text(encoding="utf-8")
    (tmp_path / "templates" / "kings-2018-consent" / "papers.toml").write_text(
        text.replace("entered on {conviction_date}", "entered on {convicton_date}", 1), encoding="utf-8")
    monkeypatch.setattr(templates_module, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    templates_module.pack_templates.cache_clear()
    try:
        with pytest.raises(templates_module.TemplateError, match="convicton_date"):
            templates_module.pack_templates("kings-2018-consent")
    finally:
        templates_module.pack_templates.cache_clear()


def test_template_counties_agree_with_the_rule_packs():
    for path in sorted(RULES_DIR.glob("*.toml")):
        pack = load_pack_file(path)
        tpl = templates_module.pack_templates(pack.id)
        assert tpl.pack == pack.id
        assert sorted(tpl.counties) == sorted(pack.counties), pack.id


def test_the_oath_changes_form_on_january_first_2024_and_no_date_is_without_one():
    from datetime import date

    before, after = templates_module.oath_for(date(2023, 12, 31)), templates_module.oath_for(date(2024, 1, 1))
    assert before != after and "CPLR 2106" in before.text and "fine or imprisonment" in after.text
    assert after.ref.startswith(f"oath:{after.id}@")
    with pytest.raises(templates_module.TemplateError, match="no oath form covers 1899-12-31"):
        templates_module.oath_for(date(1899, 12, 31))


def test_fragments_expand_before_facts_and_bold_markup_becomes_runs():
    runs = templates_module.render("Move to **{relief}** for {name}.", {"relief": "vacate {docket}"},
                                   {"docket": "2016KN074376", "name": "Jane Sample"})
    assert runs == [("", "Move to "), ("B", "vacate 2016KN074376"), ("", " for Jane Sample.")]
    assert templates_module.is_blank([("", "  "), ("B", "")]) and not templates_module.is_blank(runs)
