"""Driving Qt's print dialog in tests: choose its "Print to File (PDF)" entry and the file."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit


def print_to_file(dialog, path) -> None:
    """In Qt's print dialog, pick "Print to File (PDF)" (a printer may be installed) and the file."""
    printers = dialog.findChild(QComboBox, "printers")
    index = next(i for i in range(printers.count()) if "PDF" in printers.itemText(i) and "File" in printers.itemText(i))
    printers.setCurrentIndex(index)
    dialog.findChild(QLineEdit, "filename").setText(str(path))


def print_through_the_dialog(d, out) -> None:
    """Once a print action was pressed: wait for Qt's print dialog, print to the PDF file `out`,
    and wait until the job reports success."""
    controller = d.view.printing
    d.qtbot.waitUntil(lambda: controller.dialog is not None and controller.dialog.isVisible())
    print_to_file(controller.dialog, out)
    with d.qtbot.waitSignal(controller.finished, timeout=120_000) as signal:
        controller.dialog.accept()
    assert signal.args[0].ok, signal.args[0].text()
    d.idle()
