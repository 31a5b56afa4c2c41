"""Where a command gets the event passphrase (file, then environment, never an argument) and how
strong a new one must be."""

from __future__ import annotations

import pytest

from kiosk.errors import InputError


def test_new_passphrase_rule_and_strength():
    from kiosk.passphrase import passphrase_problem, strength

    assert passphrase_problem("short pass") and not passphrase_problem("four words are enough")
    assert not passphrase_problem("Sixteen-chars!ok")
    assert strength("abc")[0] < strength("correct horse battery staple")[0] <= 4


def test_the_passphrase_comes_from_the_file_before_the_environment(tmp_path, monkeypatch):
    from kiosk.passphrase import read_passphrase

    (tmp_path / "p.txt").write_text("from the file first line\nsecond line ignored\n")
    monkeypatch.setenv("KIOSK_PASSPHRASE", "from the environment")
    assert read_passphrase(tmp_path / "p.txt") == "from the file first line"
    assert read_passphrase(None) == "from the environment"
    monkeypatch.delenv("KIOSK_PASSPHRASE")
    with pytest.raises(InputError, match="KIOSK_PASSPHRASE"):
        read_passphrase(None, interactive=False)
    with pytest.raises(InputError, match="cannot be read"):
        read_passphrase(tmp_path / "missing.txt")


def test_an_empty_passphrase_file_is_refused_naming_the_option(tmp_path):
    from kiosk.passphrase import read_passphrase

    (tmp_path / "p.txt").write_text("   \nsecond line\n")
    with pytest.raises(InputError) as e:
        read_passphrase(tmp_path / "p.txt")
    assert e.value.field == "--passphrase-file" and "empty" in e.value.message


def test_a_short_new_passphrase_is_refused_naming_the_field():
    from kiosk.passphrase import check_new_passphrase

    assert check_new_passphrase("four words are enough") == "four words are enough"
    with pytest.raises(InputError) as e:
        check_new_passphrase("two words")
    assert e.value.field == "passphrase" and "4 words or 16 characters" in e.value.message
