"""Bulk screening of a records extract (`kiosk screen`): reading and checking rows (extract,
rows, overlong), the screening run and its summary (bulk), and motion papers for every
eligible row with --motions (motions). docs/benchmarks.md: screening never loads sqlite-utils
or a process pool unless --motions asks for one, so this package imports nothing heavy."""
