"""Begin Again Kiosk: the Qt-free core (validation, storage, rules, documents, sync, CLI)."""

__version__ = "0.1.0"
