"""What a user can do to data, one function per action, each in one transaction.

The CLI and the GUI call these and nothing below them, so every action a button can take a
script can take too (docs/architecture.md). The rooms, by what a user does: session (opening the
database, the first screen), event, attorneys (and the screen lock), applicants, wizard,
dashboard, printing, settings, export. Results are dataclasses; the names are re-exported here."""

from ..records import load_applicant, signed_in_attorney
from .applicants import (
    applicant_result,
    clear_override,
    discard_draft,
    evaluate_raw,
    intake,
    override_and_reload,
    override_outcome,
    save_draft,
    set_attorney_note,
    submit_applicant,
)
from .attorneys import (
    add_attorney,
    check_exit_pin,
    list_attorneys,
    lock_session,
    pin_wait_state,
    register_attorney,
    sign_in,
    unlock_session,
    update_attorney,
)
from .dashboard import DASHBOARD_STATUSES, DashboardRow, dashboard_rows
from .event import DEMO_EVENT, configure_event, current_event, ensure_demo_event, setup_event
from .export import ExportSummary, export_summary, export_to_file, purge_exported
from .printing import SavedPaper, papers_available, remember_printer, save_paper
from .session import StartupState, default_as_of, open_kiosk, startup_state
from .settings import (
    IDLE_LOCK_DEFAULT_MINUTES,
    PACKET_COPIES_DEFAULT,
    LaptopSettings,
    SessionSettings,
    laptop_settings,
    save_laptop_settings,
    session_settings,
    set_idle_lock_minutes,
    set_kiosk_mode,
)
from .wizard import (
    OpenApplicant,
    ResumedApplicant,
    SavedStep,
    autosave_wizard,
    close_applicant,
    mark_open,
    resume_applicant,
    unfinished_applicant,
)

__all__ = [
    "DASHBOARD_STATUSES", "DEMO_EVENT", "IDLE_LOCK_DEFAULT_MINUTES", "PACKET_COPIES_DEFAULT", "DashboardRow",
    "ExportSummary", "LaptopSettings", "OpenApplicant", "ResumedApplicant", "SavedPaper", "SavedStep",
    "SessionSettings", "StartupState", "add_attorney", "applicant_result", "autosave_wizard", "check_exit_pin",
    "clear_override", "close_applicant", "configure_event", "current_event", "dashboard_rows", "default_as_of",
    "discard_draft", "ensure_demo_event", "evaluate_raw", "export_summary", "export_to_file", "intake",
    "laptop_settings", "list_attorneys", "load_applicant", "lock_session", "mark_open", "open_kiosk",
    "override_and_reload", "override_outcome", "papers_available", "pin_wait_state", "purge_exported",
    "register_attorney", "remember_printer", "resume_applicant", "save_draft", "save_laptop_settings",
    "save_paper", "session_settings", "set_attorney_note", "set_idle_lock_minutes", "set_kiosk_mode", "setup_event",
    "sign_in", "signed_in_attorney", "startup_state", "submit_applicant", "unfinished_applicant",
    "unlock_session", "update_attorney",
]
