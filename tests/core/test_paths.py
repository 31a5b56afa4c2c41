"""The kiosk's default data folder and database, per user."""

from __future__ import annotations

from kiosk import paths


def test_the_default_database_sits_in_the_per_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))  # platformdirs' folder on Linux
    assert paths.default_data_dir() == tmp_path / "begin-again-kiosk"
    assert paths.default_db_path() == tmp_path / "begin-again-kiosk" / "kiosk.db"
