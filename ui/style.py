"""The look: the app font, one stylesheet with size tokens, and text scaling (Ctrl+plus/minus).

Sizes live in resources/ui/kiosk.qss as tokens so a single scale factor changes every text on
screen at once; the bundled Liberation Sans keeps the look the same on every laptop."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from kiosk.resources import resource_path

BASE_PT = 12.0
SIZES = {"base": 1.0, "small": 0.9, "lead": 1.1, "h2": 1.25, "h1": 1.6, "outcome": 1.75}
MIN_SCALE, MAX_SCALE, STEP = 0.75, 2.0, 0.125
FAMILY = "Liberation Sans"

_template: str | None = None
_family: str | None = None


def load_fonts() -> str:
    """Register the bundled sans fonts; returns the family to use (falls back to the system's).

    The family is the one the registered files name: listing every family the system has
    (QFontDatabase.families) would cost the first window ~1 ms."""
    global _family

    if _family is None:
        registered: set[str] = set()
        for name in ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"):
            path = resource_path("fonts", name)
            if path.exists():
                registered.update(QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(path))))
        _family = FAMILY if FAMILY in registered or FAMILY in QFontDatabase.families() else ""
    return _family


def stylesheet(scale: float) -> str:
    global _template
    if _template is None:
        _template = resource_path("ui", "kiosk.qss").read_text(encoding="utf-8")
    # images beside the stylesheet, found the frozen-aware way (forward slashes for Qt on Windows too)
    text = _template.replace("@ui_dir@", resource_path("ui").as_posix())
    for token, factor in SIZES.items():
        text = text.replace(f"@{token}@", f"{BASE_PT * factor * scale:.1f}")
    return text


def apply(app, scale: float = 1.0) -> float:
    """Apply font and stylesheet at `scale` (clamped); returns the scale used."""
    scale = max(MIN_SCALE, min(MAX_SCALE, scale))
    if app.property("kiosk_scale") == scale:  # already in force: restyling every widget again costs
        return scale
    family = load_fonts()
    font = QFont(family) if family else QFont(app.font())
    font.setPointSizeF(BASE_PT * scale)
    app.setFont(font)
    app.setStyleSheet(stylesheet(scale))
    app.setProperty("kiosk_scale", scale)
    return scale


def current_scale(app) -> float:
    value = app.property("kiosk_scale")
    return float(value) if value else 1.0


def screen_scale(available_height: int) -> float:
    """The starting text size for a screen: the base size fits a 1366x768 laptop; a 1080p screen
    gets a quarter more so the text stays readable at arm's length."""
    if available_height >= 1000:
        return 1.25
    if available_height >= 860:
        return 1.125
    return 1.0


def set_default(app, scale: float) -> float:
    """The scale Ctrl+0 returns to; applied now."""
    app.setProperty("kiosk_default_scale", scale)
    return apply(app, scale)


def zoom(app, steps: int) -> float:
    """Ctrl+plus (steps=1) / Ctrl+minus (-1) / Ctrl+0 (0: back to this screen's normal size)."""
    default = float(app.property("kiosk_default_scale") or 1.0)
    scale = default if steps == 0 else current_scale(app) + steps * STEP
    return apply(app, scale)
