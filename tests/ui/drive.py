"""The tests drive the window through ui.automation, the same driver the benchmark uses."""

from ui.automation import ATTORNEY, PIN, Driver

__all__ = ["ATTORNEY", "PIN", "Driver"]
