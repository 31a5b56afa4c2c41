"""`kiosk bench`: the figures, their floors and the synthetic people they run on.

Production code never imports this package (tests/test_architecture.py proves it); the `bench`
command loads it when run, and tests borrow its fictional applicants (samples.py)."""
