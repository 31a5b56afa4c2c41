"""The Qt layer: windows, wizard pages, preview, printing, idle lock, and the app's `kiosk` command
(ui/cli.py). It stands on the core (`kiosk`), calling its services and reading its models, and
never writes SQL; the core never imports it (docs/architecture.md)."""
