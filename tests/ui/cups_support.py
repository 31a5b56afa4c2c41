"""A private CUPS server with a PDF printer, for tests that print through a real spooler.

`CupsServer.start()` runs its own cupsd in the foreground of a child process with a config in a
temp folder, listening on a Unix socket there (never on the system's socket or port 631), adds
a cups-pdf queue and points this process's CUPS client at it (CUPS_SERVER, and libcups' cached
server reset through ctypes so Qt's CUPS plugin sees it). cups-pdf turns each job into a PDF in
a folder of ours. `stop()` removes the queue, stops cupsd and restores the environment.

When CUPS cannot run here (no cupsd or cups-pdf installed, not root: cups-pdf's backend runs
only as root), `CupsServer.unavailable()` says why, so the test can skip with that reason.

The queue uses cups-filters' pdftocairo renderer: the default (Ghostscript via pdftops) turns
text into Type 3 glyphs whose text cannot be read back, so the test could not check the words."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

CUPSD = "/usr/sbin/cupsd"
LPADMIN = shutil.which("lpadmin") or "/usr/sbin/lpadmin"
BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
PPDS = (Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"), Path("/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd"))
CONFIG_DIR = Path("/etc/cups")  # cups-pdf reads its per-queue config from here (compiled in)


def _reset_libcups() -> None:
    """libcups caches the server name per thread on first use; make it read CUPS_SERVER again."""
    name = ctypes.util.find_library("cups")
    if not name:
        return
    lib = ctypes.CDLL(name)
    lib.cupsSetServer.argtypes = [ctypes.c_char_p]
    lib.cupsSetServer(None)


class CupsServer:
    """`root` defaults to a new folder under the system temp folder, removed by `stop()`: cupsd
    runs its filters as the unprivileged "lp" user, which must be able to reach the spool (pytest's
    own temp folders are private to root)."""

    def __init__(self, root: Path | None = None, queue: str = "") -> None:
        self._own_root = root is None
        self.root = root or Path(tempfile.mkdtemp(prefix="kiosk-cups-"))
        self.root.chmod(0o755)
        self.queue = queue or f"kiosktest{os.getpid()}"
        self.socket = self.root / "cups.sock"
        self.out = self.root / "out"
        self.proc: subprocess.Popen | None = None
        self._old_env: str | None = None
        self._env_set = False
        self._queue_conf = CONFIG_DIR / f"cups-pdf-{self.queue}.conf"

    @staticmethod
    def unavailable() -> str:
        """Why CUPS cannot run here, or "" when it can."""
        if not Path(CUPSD).exists():
            return "cupsd is not installed (Debian package 'cups')"
        if not BACKEND.exists():
            return "the cups-pdf backend is not installed (Debian package 'printer-driver-cups-pdf')"
        if not any(p.exists() for p in PPDS):
            return "the cups-pdf PPD is missing (Debian package 'printer-driver-cups-pdf')"
        if os.geteuid() != 0:
            return "cups-pdf runs only from a cupsd started as root; these tests are not running as root"
        if not os.access(CONFIG_DIR, os.W_OK):
            return f"{CONFIG_DIR} is not writable, so the test queue cannot be configured"
        return ""

    def start(self, timeout: float = 15.0) -> None:
        r = self.root
        for sub in ("spool/tmp", "cache", "state", "log", "out", "pdfspool", "ppd"):
            (r / sub).mkdir(parents=True, exist_ok=True)
        (r / "spool").chmod(0o710)
        (r / "cups-files.conf").write_text(
            f"SystemGroup root\nServerRoot {r}\nRequestRoot {r}/spool\nTempDir {r}/spool/tmp\n"
            f"CacheDir {r}/cache\nStateDir {r}/state\nAccessLog {r}/log/access_log\n"
            f"ErrorLog {r}/log/error_log\nPageLog {r}/log/page_log\nPrintcap {r}/printcap\n"
            "FileDevice No\n", encoding="utf-8")
        (r / "cupsd.conf").write_text(
            f"Listen {self.socket}\nLogLevel info\nBrowsing No\nWebInterface No\nDefaultAuthType None\n"
            "MaxJobs 0\nPreserveJobFiles No\nPreserveJobHistory Yes\n"
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n", encoding="utf-8")
        for name in ("raw.convs", "raw.types"):
            if (CONFIG_DIR / name).exists():
                shutil.copy(CONFIG_DIR / name, r / name)
        self._queue_conf.write_text(
            f"Out {self.out}\nAnonDirName {self.out}\nSpool {r}/pdfspool\nLog {r}/log\nUserPrefix\n"
            "Grp root\nTitlePref 1\nLogType 7\n", encoding="utf-8")
        self.proc = subprocess.Popen([CUPSD, "-f", "-c", str(r / "cupsd.conf"), "-s", str(r / "cups-files.conf")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + timeout
        while not self.socket.exists():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"cupsd did not start: {self.log_tail()}")
            time.sleep(0.05)
        env = {**os.environ, "CUPS_SERVER": str(self.socket)}
        ppd = next(p for p in PPDS if p.exists())
        last = None
        while time.monotonic() < deadline:  # the socket exists a moment before cupsd accepts
            last = subprocess.run([LPADMIN, "-p", self.queue, "-v", f"cups-pdf:/{self.queue}", "-P", str(ppd),
                                   "-o", "pdftops-renderer-default=pdftocairo", "-E"],
                                  env=env, capture_output=True, text=True)
            if last.returncode == 0:
                break
            time.sleep(0.1)
        else:
            raise RuntimeError(f"lpadmin failed: {last.stderr if last else ''} {self.log_tail()}")
        self._old_env = os.environ.get("CUPS_SERVER")
        self._env_set = True
        os.environ["CUPS_SERVER"] = str(self.socket)
        _reset_libcups()

    def wait_for_output(self, title_part: str, timeout: float = 120.0) -> Path:
        """The PDF cups-pdf wrote for a job whose title contains `title_part`, once Ghostscript
        has finished it (cups-pdf creates the file first and fills it later)."""
        key = title_part.replace(" ", "_")
        log = self.root / "log" / f"cups-pdf-{self.queue}_log"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for path in self.out.glob("*.pdf"):
                if key in path.name and log.exists() and \
                        f"file mode set for user output: {path}" in log.read_text(errors="replace"):
                    return path
            time.sleep(0.1)
        raise TimeoutError(f"no output from cups-pdf for {title_part!r}: {self.log_tail()}")

    def log_tail(self, lines: int = 15) -> str:
        out = []
        for name in ("error_log", f"cups-pdf-{self.queue}_log"):
            p = self.root / "log" / name
            if p.exists():
                out += p.read_text(errors="replace").splitlines()[-lines:]
        return "\n".join(out)

    def stop(self) -> None:
        env = {**os.environ, "CUPS_SERVER": str(self.socket)}
        if self.proc is not None and self.proc.poll() is None:
            subprocess.run([LPADMIN, "-x", self.queue], env=env, capture_output=True)
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.proc = None
        self._queue_conf.unlink(missing_ok=True)
        if self._env_set:
            if self._old_env is None:
                os.environ.pop("CUPS_SERVER", None)
            else:
                os.environ["CUPS_SERVER"] = self._old_env
            self._env_set = False
            _reset_libcups()
        if self._own_root:
            shutil.rmtree(self.root, ignore_errors=True)
