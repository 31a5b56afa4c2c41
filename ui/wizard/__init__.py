"""The applicant wizard's pages and the view that renders `kiosk.wizard`'s flow."""
