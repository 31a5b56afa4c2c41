"""Test-wide set-up: Qt runs offscreen (set before any Qt import), data never leaves tmp_path."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KIOSK_NO_USER_DATA", "1")
