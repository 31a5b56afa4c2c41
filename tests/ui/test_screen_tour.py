"""The screenshot tool runs here, offscreen, so it cannot rot: it walks every screen through the
accessible-name driver and writes a PNG of each that a reviewer can open."""

from __future__ import annotations

import os

from PySide6.QtGui import QImage

from ui import screen_tour

SCREENS = ("choose-passphrase", "event-setup", "add-attorney", "dashboard-empty", "1-welcome", "2-about-you-problem",
           "3-questions",
           "4-convictions-problem", "5-result", "5-result-override", "6-papers", "6-print-dialog",
           "6-papers-printed", "7-done",
           "dashboard-one", "6-papers-finish-without-printing", "dashboard-two", "export", "locked")


def test_the_tour_saves_every_screen_at_the_laptop_size_in_spanish(qapp, tmp_path):
    given = os.environ.get("KIOSK_PASSPHRASE")  # the suite's; the tour starts as a new laptop all the same
    saved = screen_tour.take(tmp_path, "1366x768", "es")
    assert os.environ.get("KIOSK_PASSPHRASE") == given
    names = [p.name for p in saved]
    for screen in SCREENS:
        assert any(f"-{screen}-es-1366x768.png" in n for n in names), f"no picture of {screen}"
    for path in saved:
        image = QImage(str(path))
        assert not image.isNull(), path.name
    window = QImage(str(next(p for p in saved if "-7-done-" in p.name)))
    assert (window.width(), window.height()) == (1366, 768)


def test_the_command_line_takes_size_language_and_folder(monkeypatch, tmp_path, capsys):
    calls = []
    monkeypatch.setattr(screen_tour, "take", lambda out, size, lang: calls.append((out, size, lang)) or [])
    assert screen_tour.main([str(tmp_path / "shots"), "--size", "1920x1080", "--lang", "es"]) == 0
    assert calls == [(tmp_path / "shots", "1920x1080", "es")]
