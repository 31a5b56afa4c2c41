"""ui.icons: each outcome has its own shape, not only its own colour, and the step marks differ."""

from __future__ import annotations

from PySide6.QtGui import QColor

from ui.icons import COLOURS, SHAPES, outcome_pixmap, step_icon


def _alpha_mask(image) -> tuple[bool, ...]:
    return tuple(image.pixelColor(x, y).alpha() > 128 for y in range(image.height()) for x in range(image.width()))


def test_every_outcome_has_its_own_shape_even_without_colour(qapp):
    assert set(SHAPES) == set(COLOURS) and len(set(SHAPES.values())) == len(SHAPES)
    masks = {o: _alpha_mask(outcome_pixmap(o, 32).toImage()) for o in SHAPES}
    assert len(set(masks.values())) == len(SHAPES)  # the outlines alone tell them apart


def test_an_outcome_is_painted_in_its_colour_and_an_unknown_one_in_grey(qapp):
    image = outcome_pixmap("ELIGIBLE", 48).toImage()
    assert image.pixelColor(24, 6) == QColor(COLOURS["ELIGIBLE"])  # inside the circle, off the tick
    assert outcome_pixmap("SOMETHING_NEW", 48).toImage().pixelColor(24, 6) == QColor("#4a5058")


def test_done_current_and_todo_step_marks_differ(qapp):
    images = [step_icon(state).pixmap(22, 22).toImage() for state in ("done", "current", "todo")]
    assert images[0] != images[1] != images[2] != images[0]
