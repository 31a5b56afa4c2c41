"""The DA's case list at the table (docs/caselist.md): the encrypted list file (listfile), name
matching that tolerates typos (match), the office's build from its records extract (office),
and loading, finding and purging it on a laptop (service). Its rows are stored by
kiosk.caselist_store; the file's field orders are re-exported here for it."""

from .listfile import CONVICTION_FIELDS, PERSON_FIELDS

__all__ = ["CONVICTION_FIELDS", "PERSON_FIELDS"]
