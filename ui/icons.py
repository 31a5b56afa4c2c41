"""Outcome and step marks, painted at run time so they need no image plugin or file.

Each outcome has its own shape as well as its colour (circle with a tick, triangle with "!",
octagon with a cross, diamond with "i"), and is always shown next to words: nothing on screen
means something by colour alone."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

COLOURS = {
    "ELIGIBLE": "#1e6b34",
    "NEEDS_REVIEW": "#8a5a00",
    "INELIGIBLE": "#8a1c1c",
    "RELIEF_BY_STATUTE": "#1d4f91",
}
SHAPES = {"ELIGIBLE": "circle", "NEEDS_REVIEW": "triangle", "INELIGIBLE": "octagon",
          "RELIEF_BY_STATUTE": "diamond"}


def _canvas(size: int) -> tuple[QPixmap, QPainter]:
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pm, p


def _polygon(cx: float, cy: float, r: float, n: int, start: float) -> QPolygonF:
    return QPolygonF([QPointF(cx + r * math.cos(start + 2 * math.pi * i / n),
                              cy + r * math.sin(start + 2 * math.pi * i / n)) for i in range(n)])


def outcome_pixmap(outcome: str, size: int = 48) -> QPixmap:
    pm, p = _canvas(size)
    colour = QColor(COLOURS.get(outcome, "#4a5058"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colour)
    s, c = float(size), size / 2
    shape = SHAPES.get(outcome, "circle")
    if shape == "circle":
        p.drawEllipse(QRectF(1, 1, s - 2, s - 2))
    elif shape == "triangle":
        p.drawPolygon(QPolygonF([QPointF(c, 1), QPointF(s - 1, s - 3), QPointF(1, s - 3)]))
    elif shape == "octagon":
        p.drawPolygon(_polygon(c, c, c - 1, 8, math.pi / 8))
    else:
        p.drawPolygon(_polygon(c, c, c - 1, 4, 0))
    pen = QPen(QColor("#ffffff"), max(2.0, s / 10), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
               Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    if shape == "circle":
        path = QPainterPath(QPointF(s * 0.27, s * 0.52))
        path.lineTo(QPointF(s * 0.44, s * 0.69))
        path.lineTo(QPointF(s * 0.74, s * 0.33))
        p.drawPath(path)
    elif shape == "octagon":
        p.drawLine(QPointF(s * 0.33, s * 0.33), QPointF(s * 0.67, s * 0.67))
        p.drawLine(QPointF(s * 0.67, s * 0.33), QPointF(s * 0.33, s * 0.67))
    else:
        font = QFont("Liberation Sans")
        font.setBold(True)
        font.setPixelSize(int(s * 0.5))
        p.setFont(font)
        rect = QRectF(0, s * 0.12 if shape == "triangle" else 0, s, s)
        p.drawText(rect, Qt.AlignmentFlag.AlignCenter, "!" if shape == "triangle" else "i")
    p.end()
    return pm


def step_icon(state: str, size: int = 22) -> QIcon:
    """"done" (a ticked circle), "current" (a filled arrow) or "todo" (an empty circle)."""
    pm, p = _canvas(size)
    s = float(size)
    ink = QColor("#17324d")
    if state == "current":
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#c27c0e"))
        p.drawPolygon(QPolygonF([QPointF(s * 0.2, s * 0.12), QPointF(s * 0.9, s * 0.5), QPointF(s * 0.2, s * 0.88)]))
    else:
        p.setPen(QPen(ink, 2))
        p.setBrush(ink if state == "done" else Qt.BrushStyle.NoBrush)
        p.drawEllipse(QRectF(2, 2, s - 4, s - 4))
        if state == "done":
            p.setPen(QPen(QColor("#ffffff"), 2.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            path = QPainterPath(QPointF(s * 0.3, s * 0.52))
            path.lineTo(QPointF(s * 0.45, s * 0.67))
            path.lineTo(QPointF(s * 0.72, s * 0.36))
            p.drawPath(path)
    p.end()
    return QIcon(pm)
