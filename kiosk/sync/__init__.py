"""The sync file: an encrypted, signed export of a laptop's records, and its merge at the DA's office.

At the end of an event each laptop writes one file to a USB stick. Only the office can read it
(age encryption to the office's X25519 recipient); the office can tell which laptop made it and
that nothing was changed (an Ed25519 signature over a manifest that carries the payload's hash).
The office verifies and merges the files in kiosk.sync.office (enrolled keys only; each record
owned by the laptop that exported it first). docs/sync-format.md describes the file so another
program can read it.

Plaintext exists only in memory: the file on disk, and its temp file, hold age ciphertext.

Rooms: keys, container (the format), files (writing safely), export, purge, reading; the
office side in kiosk.sync.office. The names callers use are re-exported here."""

from .container import EXPORT_TABLES, NOT_EXPORTED, REQUIRED_COLUMNS, Progress, encode_payload, pack, sha256_hex
from .export import ExportResult, export_batch, export_in_worker
from .files import csv_bytes, csv_safe, os_reason
from .keys import (
    LaptopKey,
    fingerprint,
    laptop_key,
    laptop_key_fingerprint,
    office_keygen,
    public_bytes,
    read_identities,
    signing_key,
)
from .purge import ExportStatus, PurgeResult, export_status, purge_exported, purge_exported_with_pin
from .reading import SyncFile, created_at_of, decrypt_to_dir, open_container, open_sync_file, read_sync_bytes

__all__ = [
    "EXPORT_TABLES", "NOT_EXPORTED", "REQUIRED_COLUMNS", "ExportResult", "ExportStatus", "LaptopKey", "Progress",
    "PurgeResult", "SyncFile", "created_at_of", "csv_bytes", "csv_safe", "decrypt_to_dir", "encode_payload",
    "export_batch", "export_in_worker", "export_status", "fingerprint", "laptop_key", "laptop_key_fingerprint",
    "office_keygen", "open_container", "open_sync_file", "os_reason", "pack", "public_bytes", "purge_exported",
    "purge_exported_with_pin", "read_identities", "read_sync_bytes", "sha256_hex", "signing_key",
]
