"""The case-list figures of `kiosk bench`, small, run as `kiosk bench` runs them: without the
suite's KIOSK_PASSPHRASE (the bench's throwaway laptop database carries its own passphrase)."""

from kiosk.benchmarks import caselist_figures


def test_the_case_list_figures_run_without_an_event_passphrase_in_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("KIOSK_PASSPHRASE", raising=False)
    rows = caselist_figures.run(tmp_path, people=300)
    assert [r["name"].split(",")[0] for r in rows][:2] == ["case list build", "case list load"]
    answered = int(rows[2]["name"].split(" answered")[0].rsplit(" ", 1)[1])
    assert answered > 0 and all(r["ours_s"] > 0 for r in rows)
