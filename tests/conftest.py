"""Test-wide set-up: Qt runs offscreen (set before any Qt import), data never leaves tmp_path,
and every laptop database a test opens is encrypted under one test passphrase.

`KIOSK_PASSPHRASE` is set for the whole session, so a test (or a `kiosk` subprocess) that opens
a database without naming a passphrase unlocks it the way a script on an event laptop would.
Argon2id runs at a low cost here (it is stored with each wrapped key and PIN hash, so this only
makes the test files cheap to open); the shipped cost is measured by `kiosk bench`. So does the
scrypt of the case lists the office writes (its work factor is in each file's header; a `kiosk`
subprocess writes at the shipped factor)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KIOSK_NO_USER_DATA", "1")
os.environ.setdefault("KIOSK_PASSPHRASE", "correct horse battery staple test")
TEST_PASSPHRASE = os.environ["KIOSK_PASSPHRASE"]
if "KIOSK_KEYRING_DIR" not in os.environ:  # the spare wrapped keys (kiosk.keyfile) stay out of $HOME
    import atexit
    import shutil
    import tempfile

    os.environ["KIOSK_KEYRING_DIR"] = tempfile.mkdtemp(prefix="kiosk-test-keys-")
    atexit.register(shutil.rmtree, os.environ["KIOSK_KEYRING_DIR"], True)

from kiosk import keyfile, pins  # noqa: E402  (after the environment above)
from kiosk.caselist import passphrase_age  # noqa: E402

keyfile.COST = keyfile.PIN_COST = keyfile.KdfCost(time_cost=1, memory_kib=256, parallelism=1)
passphrase_age.WORK_FACTOR = 10
# Fixtures and walk-throughs written before the 6-digit rule use 4-digit PINs; the rule itself is
# tested with the shipped minimum in tests/core/test_pins.py.
pins.MIN_DIGITS = 4
