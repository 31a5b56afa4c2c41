"""Driving Qt's print dialog in tests: choose its "Print to File (PDF)" entry and the file."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit


def print_to_file(dialog, path) -> None:
    """In Qt's print dialog, pick "Print to File (PDF)" (a printer may be installed) and the file."""
    printers = dialog.findChild(QComboBox, "printers")
    index = next(i for i in range(printers.count()) if "PDF" in printers.itemText(i) and "File" in printers.itemText(i))
    printers.setCurrentIndex(index)
    dialog.findChild(QLineEdit, "filename").setText(str(path))
