"""Save a PNG of every screen of the app, for checking by eye (the tour is ui/screen_tour.py).

    python build_scripts/screenshot_every_screen.py OUT_DIR --size 1366x768 --lang es

Runs offscreen when no display is set (QT_QPA_PLATFORM=offscreen), so CI can run it too."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ui.screen_tour import main  # noqa: E402 (after the path and platform are set)

if __name__ == "__main__":
    sys.exit(main())
