"""The DA office's side of the sync file: enrolling laptop keys, importing files (shape, then
each record through the intake validator), merging records and flagging duplicates.

Nothing here runs on a laptop at the table except payload's inflate limit, which reading uses."""
