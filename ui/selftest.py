"""The Qt half of the self-test, and the start-up measurement of the build script.

`main()` is what `kiosk self-test` and the executables' `--self-test` run: Qt starts offscreen
(no window appears, so it also works over SSH and in CI), then the core's steps run with one Qt
step added, loading the sample packet into QtPdf from memory and rendering its first page. That
proves the Qt libraries, the platform plugin and pdfium all made it into the build.

`measure_startup()` opens the real app and stops as soon as its first window is exposed, printing
the time since the process started: the figure the build script reports."""

from __future__ import annotations

import os
import sys
from typing import Any

from kiosk import selftest
from kiosk.selftest import Context, StepFailed, check

_app: Any = None  # the QApplication outlives the steps that use it

# A rendered text page has ink on a few percent of its pixels: none means blank, most means garbage.
MIN_INK, MAX_INK = 0.002, 0.5


def step_qt(ctx: Context) -> str:
    """Start Qt with the offscreen platform plugin and paint a label (styles, fonts, text shaping)."""
    global _app
    from PySide6.QtWidgets import QApplication, QLabel  # lazy: a broken Qt fails this step only

    _app = QApplication.instance() or QApplication(sys.argv[:1] or ["kiosk"])
    probe = QLabel("Begin Again Kiosk")
    check(not probe.grab().isNull(), "Qt could not paint a widget")
    platform = QApplication.platformName()
    check(platform == "offscreen", f"Qt started on the {platform} platform instead of offscreen")
    from PySide6 import __version__ as pyside_version  # lazy: a broken Qt fails this step only

    return f"Qt {pyside_version} {platform}"


def step_render(ctx: Context) -> str:
    """Load the packet into QtPdf from memory (never a temp file: it holds a name) and render page 1."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt  # lazy: a broken Qt fails this step only
    from PySide6.QtGui import QImage, QPainter  # lazy: a broken Qt fails this step only
    from PySide6.QtPdf import QPdfDocument  # lazy: a broken QtPdf fails this step only

    packet = ctx.docs.get("packet")
    if packet is None:
        raise StepFailed("there is no packet to render")
    data = QByteArray(packet.data)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument()
    try:
        doc.load(buffer)
        if doc.status() == QPdfDocument.Status.Loading:
            from PySide6.QtCore import QEventLoop, QTimer  # lazy: a broken Qt fails this step only

            loop = QEventLoop()
            doc.statusChanged.connect(lambda _s: loop.quit())
            QTimer.singleShot(10_000, loop.quit)
            loop.exec()
        check(doc.status() == QPdfDocument.Status.Ready,
              f"QtPdf could not load the packet ({doc.error().name})")
        check(doc.pageCount() == packet.pages,
              f"QtPdf sees {doc.pageCount()} pages, the builder reported {packet.pages}")
        points = doc.pagePointSize(0)
        size = QSize(round(points.width()), round(points.height()))  # 72 dpi: 612 x 792 for US Letter
        check(size.width() > 0 and size.height() > 0, "the packet's first page has no size")
        page = doc.render(0, size)
        check(not page.isNull(), "QtPdf returned no image for the first page")
        # pdfium may leave the background transparent: flatten onto white before counting ink
        flat = QImage(size, QImage.Format.Format_RGB32)
        flat.fill(Qt.GlobalColor.white)
        painter = QPainter(flat)
        painter.drawImage(0, 0, page)
        painter.end()
        gray = flat.convertToFormat(QImage.Format.Format_Grayscale8)
        ink = _ink_fraction(gray)
        check(ink >= MIN_INK, f"the packet's first page rendered blank ({ink:.2%} ink)")
        check(ink <= MAX_INK, f"the packet's first page rendered as a solid block ({ink:.2%} ink)")
        text = doc.getAllText(0).text()
        check(selftest.SAMPLE_DOCKET in text, "the packet's first page does not show the sample docket number")
        return f"{doc.pageCount()} pages, page 1 {size.width()}x{size.height()} {ink:.1%} ink"
    finally:
        doc.close()
        buffer.close()


def _ink_fraction(gray: Any) -> float:
    """Share of pixels darker than light grey, row by row (rows may be padded)."""
    width, height, stride = gray.width(), gray.height(), gray.bytesPerLine()
    raw = bytes(gray.constBits())[: stride * height]
    light = bytes(range(200, 256))
    dark = sum(len(raw[y * stride: y * stride + width].translate(None, light)) for y in range(height))
    return dark / (width * height)


def main(parent: str | None = None) -> int:
    """The whole self-test; returns the exit code. Forces the offscreen platform before Qt starts."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    steps = [("qt", step_qt), *selftest.core_steps(render=("render", step_render))]
    return selftest.run(steps, parent=parent)


# --- start-up measurement (ui/startup_probe.py, which imports none of the self-test) ----------------

from .startup_probe import measure_startup, process_age  # noqa: E402, F401 (still importable from here)
