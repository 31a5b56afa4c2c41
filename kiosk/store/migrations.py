"""The database schema, only ever changed through sqlite-utils Migrations applied at start-up.

Every record row has a random UUID id (records from many laptops are merged at the DA's office),
created/updated timestamps and the laptop id. The audit log holds ids and actions, never names,
dates of birth or other personal data."""

from __future__ import annotations

import json

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from .cipher import DB_ERRORS
from .schema_rules import RULE_TABLES

MIGRATIONS = Migrations("begin-again-kiosk")

_ROW = "created_at TEXT NOT NULL, updated_at TEXT NOT NULL, laptop_id TEXT NOT NULL"

_SCHEMA_1 = [
    """CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    f"""CREATE TABLE events (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, starts_on TEXT NOT NULL, ends_on TEXT NOT NULL,
        venue TEXT NOT NULL DEFAULT '', address TEXT NOT NULL DEFAULT '',
        county TEXT NOT NULL DEFAULT 'kings', laptop_name TEXT NOT NULL DEFAULT '',
        office_recipient TEXT NOT NULL DEFAULT '', part TEXT NOT NULL DEFAULT '',
        return_date TEXT, {_ROW})""",
    f"""CREATE TABLE attorneys (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, organization TEXT NOT NULL DEFAULT '',
        registration_number TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',
        office_address TEXT NOT NULL DEFAULT '', typed_signature INTEGER NOT NULL DEFAULT 0,
        pin_hash TEXT NOT NULL DEFAULT '', pin_salt TEXT NOT NULL DEFAULT '', {_ROW})""",
    f"""CREATE TABLE applicants (
        id TEXT PRIMARY KEY, reference TEXT NOT NULL,
        event_id TEXT REFERENCES events(id), attorney_id TEXT REFERENCES attorneys(id),
        first_name TEXT NOT NULL DEFAULT '', middle_name TEXT NOT NULL DEFAULT '',
        last_name TEXT NOT NULL DEFAULT '', suffix TEXT NOT NULL DEFAULT '',
        date_of_birth TEXT, nysid TEXT NOT NULL DEFAULT '', language TEXT NOT NULL DEFAULT 'en',
        phone TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '', address TEXT NOT NULL DEFAULT '',
        consent_to_share INTEGER NOT NULL DEFAULT 0, violent_felony INTEGER NOT NULL DEFAULT 0,
        sex_offense INTEGER NOT NULL DEFAULT 0, open_case_or_warrant INTEGER NOT NULL DEFAULT 0,
        immigration_concern INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'draft', wizard_step TEXT NOT NULL DEFAULT '',
        draft TEXT NOT NULL DEFAULT '{{}}', attorney_note TEXT NOT NULL DEFAULT '',
        exported_at TEXT, purged_at TEXT, {_ROW})""",
    "CREATE UNIQUE INDEX applicants_reference ON applicants(reference)",
    "CREATE INDEX applicants_status ON applicants(status)",
    f"""CREATE TABLE aliases (
        id TEXT PRIMARY KEY, applicant_id TEXT NOT NULL REFERENCES applicants(id) ON DELETE CASCADE,
        position INTEGER NOT NULL, name TEXT NOT NULL, {_ROW})""",
    "CREATE INDEX aliases_applicant ON aliases(applicant_id)",
    f"""CREATE TABLE convictions (
        id TEXT PRIMARY KEY, applicant_id TEXT NOT NULL REFERENCES applicants(id) ON DELETE CASCADE,
        position INTEGER NOT NULL, court TEXT NOT NULL, county TEXT NOT NULL,
        docket TEXT NOT NULL DEFAULT '', docket_kind TEXT NOT NULL DEFAULT 'unknown',
        docket_source TEXT NOT NULL DEFAULT 'unknown', offense TEXT NOT NULL, section TEXT NOT NULL,
        subdivision TEXT NOT NULL DEFAULT '', attempt INTEGER NOT NULL DEFAULT 0,
        arrest_date TEXT, arrest_number TEXT NOT NULL DEFAULT '', conviction_date TEXT NOT NULL,
        plea TEXT NOT NULL DEFAULT 'guilty', sentence TEXT NOT NULL DEFAULT '',
        sentence_complete INTEGER NOT NULL DEFAULT 1, fines_owed INTEGER NOT NULL DEFAULT 0,
        original_charge TEXT NOT NULL DEFAULT '', other_counts_dismissed INTEGER NOT NULL DEFAULT 0,
        driving_involved INTEGER NOT NULL DEFAULT 0, {_ROW})""",
    "CREATE INDEX convictions_applicant ON convictions(applicant_id)",
    "CREATE INDEX convictions_docket ON convictions(docket)",
    f"""CREATE TABLE determinations (
        id TEXT PRIMARY KEY, conviction_id TEXT NOT NULL REFERENCES convictions(id) ON DELETE CASCADE,
        applicant_id TEXT NOT NULL REFERENCES applicants(id) ON DELETE CASCADE,
        as_of TEXT NOT NULL, outcome TEXT NOT NULL, hits TEXT NOT NULL, packs TEXT NOT NULL,
        app_version TEXT NOT NULL, override_outcome TEXT NOT NULL DEFAULT '',
        override_reason TEXT NOT NULL DEFAULT '', override_by TEXT NOT NULL DEFAULT '', {_ROW})""",
    "CREATE UNIQUE INDEX determinations_conviction ON determinations(conviction_id)",
    f"""CREATE TABLE documents (
        id TEXT PRIMARY KEY, applicant_id TEXT NOT NULL REFERENCES applicants(id) ON DELETE CASCADE,
        kind TEXT NOT NULL, sha256 TEXT NOT NULL, pages INTEGER NOT NULL,
        copies_printed INTEGER NOT NULL DEFAULT 0, printed_at TEXT, {_ROW})""",
    "CREATE INDEX documents_applicant ON documents(applicant_id)",
    """CREATE TABLE audit_log (
        id TEXT PRIMARY KEY, at TEXT NOT NULL, laptop_id TEXT NOT NULL, actor TEXT NOT NULL DEFAULT '',
        action TEXT NOT NULL, record_type TEXT NOT NULL DEFAULT '', record_id TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT '', export_batch TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX audit_log_at ON audit_log(at)",
    *RULE_TABLES,
]


@MIGRATIONS(name="0001_initial")
def m0001_initial(db: Database) -> None:
    for statement in _SCHEMA_1:
        db.execute(statement)


_SCHEMA_2 = [
    # exports made from this laptop (issue "Sync file"); imports merged at the office
    """CREATE TABLE exports (
        id TEXT PRIMARY KEY, created_at TEXT NOT NULL, laptop_id TEXT NOT NULL, scope TEXT NOT NULL,
        applicants INTEGER NOT NULL, payload_sha256 TEXT NOT NULL, file_sha256 TEXT NOT NULL,
        size INTEGER NOT NULL, verified_at TEXT)""",
    """CREATE TABLE export_items (
        export_id TEXT NOT NULL REFERENCES exports(id) ON DELETE CASCADE, applicant_id TEXT NOT NULL,
        updated_at TEXT NOT NULL, PRIMARY KEY (export_id, applicant_id))""",
    """CREATE TABLE print_jobs (
        id TEXT PRIMARY KEY, applicant_id TEXT NOT NULL REFERENCES applicants(id) ON DELETE CASCADE,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        copies INTEGER NOT NULL, printer TEXT NOT NULL DEFAULT '', {row})""".format(
        row="created_at TEXT NOT NULL, updated_at TEXT NOT NULL, laptop_id TEXT NOT NULL"),
    "CREATE INDEX print_jobs_applicant ON print_jobs(applicant_id)",
]


@MIGRATIONS(name="0002_exports_and_prints")
def m0002_exports(db: Database) -> None:
    for statement in _SCHEMA_2:
        db.execute(statement)


_SCHEMA_SYNC_OFFICE = [
    # The office's merge bookkeeping (issue "Sync file"). A laptop database carries these tables
    # empty: one schema serves the laptops and the DA office's central database.
    # sync_laptops: each laptop's signing key, pinned the first time one of its files is imported.
    """CREATE TABLE sync_laptops (
        laptop_id TEXT PRIMARY KEY, public_key TEXT NOT NULL, key_fingerprint TEXT NOT NULL)""",
    # sync_imports: a log of the files merged (the only table with an import-time value).
    """CREATE TABLE sync_imports (
        export_id TEXT PRIMARY KEY, laptop_id TEXT NOT NULL, key_fingerprint TEXT NOT NULL,
        created_at TEXT NOT NULL, scope TEXT NOT NULL, file_name TEXT NOT NULL DEFAULT '',
        file_sha256 TEXT NOT NULL, payload_sha256 TEXT NOT NULL, imported_at TEXT NOT NULL,
        new INTEGER NOT NULL, updated INTEGER NOT NULL, unchanged INTEGER NOT NULL,
        conflicts INTEGER NOT NULL)""",
    # sync_versions: for every record, the newest version each laptop sent (version = latest
    # updated_at of the record's rows). The winner across laptops is the greatest
    # (version, laptop_id, content_sha256); two laptops with different content = a conflict.
    """CREATE TABLE sync_versions (
        record_type TEXT NOT NULL, record_id TEXT NOT NULL, laptop_id TEXT NOT NULL,
        version TEXT NOT NULL, content_sha256 TEXT NOT NULL,
        PRIMARY KEY (record_type, record_id, laptop_id))""",
    # duplicate_flags: possible duplicate applicants for review (never merged), one row per reason.
    """CREATE TABLE duplicate_flags (
        applicant_id TEXT NOT NULL, other_id TEXT NOT NULL, reason TEXT NOT NULL,
        PRIMARY KEY (applicant_id, other_id, reason))""",
    "CREATE INDEX duplicate_flags_other ON duplicate_flags(other_id)",
    # References are unique per laptop (store.new_reference checks); the office holds references
    # from many laptops, where two can collide (32^6 codes: ~17% odds somewhere in 20,000), so the
    # index stops being UNIQUE and a collision becomes a duplicate flag instead of a failed import.
    "DROP INDEX applicants_reference",
    "CREATE INDEX applicants_reference ON applicants(reference)",
]


@MIGRATIONS(name="0003_sync_office")
def m0003_sync_office(db: Database) -> None:
    for statement in _SCHEMA_SYNC_OFFICE:
        db.execute(statement)


# "Sentence completed?" and "fines still owed?" become yes / no / unknown (NULL), with no default:
# the affirmation states only what was answered (docs/papers.md). SQLite cannot drop a NOT NULL
# with ALTER TABLE; its documented way for removing NOT NULL constraints and changing defaults
# (sqlite.org/lang_altertable.html, "simpler procedure") edits the stored CREATE statement and
# bumps schema_version, in this migration's transaction. A table rebuild would instead fire the
# ON DELETE CASCADE of determinations when the old table is dropped.
_OLD_ANSWERS = ("sentence_complete INTEGER NOT NULL DEFAULT 1, fines_owed INTEGER NOT NULL DEFAULT 0")
_NEW_ANSWERS = ("sentence_complete INTEGER, fines_owed INTEGER")


@MIGRATIONS(name="0004_papers_answers_record_name_signed_on")
def m0004_papers_answers(db: Database) -> None:
    sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'convictions'").fetchone()[0]
    if _OLD_ANSWERS in sql:
        version = db.execute("PRAGMA schema_version").fetchone()[0]
        db.execute("PRAGMA writable_schema = ON")
        try:
            db.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'convictions'",
                       [sql.replace(_OLD_ANSWERS, _NEW_ANSWERS)])
            db.execute(f"PRAGMA schema_version = {int(version) + 1}")
        finally:
            db.execute("PRAGMA writable_schema = OFF")
    # Old records: "sentence complete" was pre-checked, so a stored yes may be a default nobody
    # confirmed: it becomes unknown (no sworn statement, a review note for the DA); a no was a
    # deliberate answer and stays. "Fines owed" was unchecked by default: yes stays, no becomes
    # unknown.
    db.execute("UPDATE convictions SET sentence_complete = NULL WHERE sentence_complete = 1")
    db.execute("UPDATE convictions SET fines_owed = NULL WHERE fines_owed = 0")
    # the same in saved wizard drafts, so Resume never shows the old defaults as answers
    for aid, raw in db.execute("SELECT id, draft FROM applicants WHERE draft LIKE '%sentence_complete%' "
                               "OR draft LIKE '%fines_owed%'").fetchall():
        try:
            draft = json.loads(raw)
        except ValueError:
            continue
        convs = draft.get("convictions") if isinstance(draft, dict) else None
        for conv in convs if isinstance(convs, list) else []:
            if isinstance(conv, dict):
                if conv.get("sentence_complete") is True:
                    conv["sentence_complete"] = ""
                if conv.get("fines_owed") is False:
                    conv["fines_owed"] = ""
        db.execute("UPDATE applicants SET draft = ? WHERE id = ?", [json.dumps(draft, ensure_ascii=False), aid])
    # the name as the court's record carries it (Latin letters), for a name written in another script
    db.execute("ALTER TABLE applicants ADD COLUMN record_name TEXT NOT NULL DEFAULT ''")
    # the date of signing the papers print (never the laptop's clock at reprint)
    db.execute("ALTER TABLE documents ADD COLUMN signed_on TEXT")


@MIGRATIONS(name="0005_export_recipient")
def m0004_export_recipient(db: Database) -> None:
    # Which office key each export went to: purge removes only applicants whose last export went
    # to the event's office key (docs/storage-encryption.md). Older exports read '' and keep theirs.
    db.execute("ALTER TABLE exports ADD COLUMN recipient TEXT NOT NULL DEFAULT ''")


_SCHEMA_CASELIST = [
    # The DA's case list loaded on a laptop (docs/caselist.md): never exported (kiosk.sync exports
    # named tables only), removed by `kiosk purge --caselist` and by the day's purge.
    # caselist_files: the one list loaded (its manifest, size and when it was loaded).
    """CREATE TABLE caselist_files (
        id INTEGER PRIMARY KEY CHECK (id = 1), created_at TEXT NOT NULL, as_of TEXT NOT NULL,
        loaded_at TEXT NOT NULL, rows INTEGER NOT NULL, people INTEGER NOT NULL,
        file_bytes INTEGER NOT NULL, file_sha256 TEXT NOT NULL, rule_packs TEXT NOT NULL,
        packs_match INTEGER NOT NULL)""",
    """CREATE TABLE caselist_people (
        id INTEGER PRIMARY KEY, first_name TEXT NOT NULL, middle_name TEXT NOT NULL,
        last_name TEXT NOT NULL, suffix TEXT NOT NULL, date_of_birth TEXT NOT NULL,
        nysid TEXT NOT NULL, aliases TEXT NOT NULL)""",
    "CREATE INDEX caselist_people_nysid ON caselist_people(nysid) WHERE nysid != ''",
    """CREATE TABLE caselist_convictions (
        id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL REFERENCES caselist_people(id),
        record_id TEXT NOT NULL, court TEXT NOT NULL, county TEXT NOT NULL, docket TEXT NOT NULL,
        offense TEXT NOT NULL, attempt INTEGER NOT NULL, arrest_date TEXT NOT NULL,
        arrest_number TEXT NOT NULL, conviction_date TEXT NOT NULL, plea TEXT NOT NULL,
        sentence TEXT NOT NULL, sentence_complete INTEGER, fines_owed INTEGER,
        original_charge TEXT NOT NULL, other_counts_dismissed INTEGER NOT NULL,
        driving_involved INTEGER NOT NULL, outcome TEXT NOT NULL, rules TEXT NOT NULL)""",
    "CREATE INDEX caselist_convictions_person ON caselist_convictions(person_id)",
]
# caselist_keys: one document per name of a person (rowid = person id * 64 + name number, 0 the
# legal name, 1.. each alias) holding its folded name keys, FTS5-indexed for exact words;
# caselist_words: the distinct keys, trigram-indexed, for the one-typo lookup. A SQLite build
# without FTS5 gets plain tables, which kiosk.store.caselist then scans.
_CASELIST_FTS = [
    "CREATE VIRTUAL TABLE caselist_keys USING fts5(keys, tokenize='unicode61 remove_diacritics 0')",
    "CREATE VIRTUAL TABLE caselist_keys_terms USING fts5vocab(caselist_keys, 'row')",
    "CREATE VIRTUAL TABLE caselist_words USING fts5(token, tokenize='trigram')",
]
_CASELIST_PLAIN = [
    "CREATE TABLE caselist_keys (rowid INTEGER PRIMARY KEY, keys TEXT NOT NULL)",
    "CREATE TABLE caselist_words (token TEXT PRIMARY KEY) WITHOUT ROWID",
]


@MIGRATIONS(name="0006_caselist")
def m0004_caselist(db: Database) -> None:
    for statement in _SCHEMA_CASELIST:
        db.execute(statement)
    db.execute("SAVEPOINT caselist_fts")
    try:
        for statement in _CASELIST_FTS:
            db.execute(statement)
    except DB_ERRORS:
        db.execute("ROLLBACK TO caselist_fts")
        for statement in _CASELIST_PLAIN:
            db.execute(statement)
    db.execute("RELEASE caselist_fts")
_SCHEMA_OFFICE_TRUST = [
    # The laptop keys the office expects (docs/sync-format.md, "Enrollment"): a file signed by a key
    # not listed here is refused, unless the import was told to trust new keys (`how` then says so).
    """CREATE TABLE sync_enrolled (
        key_fingerprint TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', how TEXT NOT NULL,
        enrolled_at TEXT NOT NULL)""",
    # What a laptop sent for a record another laptop owns: kept for review beside the stored
    # version, never merged into it.
    """CREATE TABLE sync_conflicts (
        record_type TEXT NOT NULL, record_id TEXT NOT NULL, laptop_id TEXT NOT NULL,
        version TEXT NOT NULL, content_sha256 TEXT NOT NULL, first_export TEXT NOT NULL,
        content TEXT NOT NULL, PRIMARY KEY (record_type, record_id, laptop_id))""",
    # sync_versions now holds one row per record: its owner (the laptop whose file carrying it was
    # made first) and the owner's newest version; the content hash is '' until a comparison needs
    # it. Older databases kept a row per laptop: the winner of the old rule stays.
    # sync_first_seen: when the owner's first file carrying the record was made (bookkeeping that
    # decides ownership, kept apart from the merged data).
    """CREATE TABLE sync_first_seen (
        record_type TEXT NOT NULL, record_id TEXT NOT NULL, first_export TEXT NOT NULL,
        PRIMARY KEY (record_type, record_id))""",
    """DELETE FROM sync_versions WHERE EXISTS (SELECT 1 FROM sync_versions w
        WHERE w.record_type = sync_versions.record_type AND w.record_id = sync_versions.record_id
        AND (w.version, w.laptop_id, w.content_sha256)
            > (sync_versions.version, sync_versions.laptop_id, sync_versions.content_sha256))""",
]


@MIGRATIONS(name="0007_office_trust")
def m0004_office_trust(db: Database) -> None:
    for statement in _SCHEMA_OFFICE_TRUST:
        db.execute(statement)
