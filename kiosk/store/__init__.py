"""Every SQL statement of the kiosk lives in this package (docs/architecture.md: SQL only under
kiosk/store/; tests/core/store/test_sql_only_here.py enforces it).

Functions take a sqlite-utils Database and models, and return models or plain rows. Writes that
belong to one user action are grouped by the caller (kiosk.services) in one `transaction(db)`.
The rooms: connection (opening, SQLCipher, migrations), settings (ids, settings, audit), rule_packs,
events, applicants, documents, export (the laptop's sync side), office_import and office_merge
(the office's side), caselist. `from kiosk import store; store.x(...)` reaches the functions the
rest of the core calls; the office merge, case list and migrations are imported by name
(`from kiosk.store import office_merge`) so that opening a laptop does not load them."""

from __future__ import annotations

from .applicants import (
    REF_ALPHABET,
    applicant_count,
    applicant_row,
    delete_applicant,
    find_applicant_id,
    get_applicant,
    get_determinations,
    list_applicants,
    new_reference,
    save_applicant,
    save_determination,
    set_override,
    update_applicant_fields,
)
from .connection import (
    DB_ERRORS,
    INTEGRITY_ERRORS,
    checkpoint,
    cipher_version,
    database_key,
    open_db,
    plain_db_error,
)
from .documents import list_documents, printed_copies, record_document, record_print
from .events import (
    attorney_exists,
    check_pin,
    current_event,
    get_attorney,
    get_event,
    list_attorneys,
    list_events,
    save_attorney,
    save_event,
)
from .export import (
    CONTACT_COLUMNS,
    SYNC_CHILD_TABLES,
    SYNC_DATA_TABLES,
    savepoint,
    sync_applicant_versions,
    sync_last_export,
    sync_last_recipients,
    sync_purge_applicants,
    sync_purged_count,
    sync_record_export,
    sync_rows,
    sync_rows_json,
    sync_select_export,
    table_columns,
)
from .office_import import (
    data_digest,
    sync_applicant_summary,
    sync_bulk_cache,
    sync_conflicted,
    sync_delete_applicants,
    sync_duplicate_flags,
    sync_import_logged,
    sync_insert_rows,
    sync_log_import,
    sync_people,
    sync_pin_key,
    sync_pinned_key,
    sync_put_versions,
    sync_report_rows,
    sync_rows_by_id,
    sync_set_duplicate_flags,
    sync_versions_for,
)
from .rule_packs import (
    date_thresholds,
    get_pack,
    get_rule,
    list_packs,
    load_rule_packs,
    match_rules,
    pack_refs,
    packs_loaded,
)
from .settings import (
    audit,
    counts,
    delete_setting,
    file_owner_only,
    get_setting,
    laptop_id,
    new_id,
    now,
    reading,
    set_setting,
    transaction,
)
