"""The Qt layer: windows, wizard pages, preview, printing, idle lock. Calls kiosk.services only."""
