"""The Qt layer: windows, wizard pages, preview, printing, idle lock, and the app's `kiosk` command
(ui/cli.py). It stands on the core (`kiosk`): it calls the services (and the case list's), reads
the models and errors, follows the wizard's flow and the forms' vocabulary and validation, shows
the papers the core builds, checks passphrases and PINs by the core's rules, and adds its commands
to the core's group. It never writes SQL; the core never imports it (docs/architecture.md)."""
