"""``make deploy-emulator`` / ``stop-emulator``: MiniStack (pip ``ministack``, pinned in
``infra/emulator-requirements.txt``) as a background process of this project.

    python -m infra.emulator start    # reuse a MiniStack that answers, or start one
    python -m infra.emulator stop     # stop the one ``start`` started (by its recorded pid)
    python -m infra.emulator status

Everything lives under ``.local/ministack/`` (git-ignored): ``venv/`` (made by the Makefile),
``ministack.log``, ``ministack.pid`` and ``tmp/`` (MiniStack's own temporary files and the
functions' unpacked code). MiniStack keeps its state in memory: a restart starts empty.

MiniStack runs Lambda functions as processes of its own interpreter, so its venv must be
the Lambda runtime's Python (3.11: the layer's compiled wheels are built for it), and they
inherit its environment: it starts with a minimal one, not the caller's (no stray
``STAGE``, ``JWT_SECRET_FILE``, credentials...).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOME = ROOT / ".local" / "ministack"
HEALTH_PATH = "/_ministack/health"
KEPT_VARIABLES = ("PATH", "HOME", "LANG", "LC_ALL", "USER")


@dataclass(frozen=True)
class Emulator:
    home: Path = HOME
    port: int = 4566

    @property
    def python(self) -> Path:
        return self.home / "venv" / "bin" / "python"

    @property
    def log(self) -> Path:
        return self.home / "ministack.log"

    @property
    def pid_file(self) -> Path:
        return self.home / "ministack.pid"

    @property
    def endpoint(self) -> str:
        return f"http://localhost:{self.port}"

    def answers(self) -> bool:
        """Whether a MiniStack answers its health check on the port."""
        try:
            with urllib.request.urlopen(self.endpoint + HEALTH_PATH, timeout=2) as answer:
                return answer.status == 200 and "services" in json.load(answer)
        except (urllib.error.URLError, OSError, ValueError):
            return False

    def recorded_pid(self) -> int | None:
        """The pid ``start`` recorded, if that process is still alive."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if _alive(pid) else None

    def start(self, timeout: float = 60.0) -> str:
        pid = self.recorded_pid()
        if self.answers():
            if pid is not None:
                return f"MiniStack is up (pid {pid}), reused; log {self.log}"
            return f"a MiniStack not started here answers on {self.endpoint}: reused, never stopped"
        if pid is not None:
            raise RuntimeError(f"MiniStack (pid {pid}) runs but does not answer; see {self.log}")
        if not self.python.exists():
            raise RuntimeError(f"no MiniStack virtualenv at {self.python.parent.parent}")
        (self.home / "tmp").mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as log:
            process = subprocess.Popen(
                [str(self.python), "-m", "ministack"],
                cwd=self.home,
                env=self.environment(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stop ends its functions too
            )
        self.pid_file.write_text(f"{process.pid}\n")
        deadline = time.monotonic() + timeout
        while not self.answers():
            if process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"MiniStack did not start; end of {self.log}:\n{self.tail()}")
            time.sleep(0.2)
        return f"MiniStack started (pid {process.pid}) on {self.endpoint}; log {self.log}"

    def environment(self) -> dict[str, str]:
        kept = {name: os.environ[name] for name in KEPT_VARIABLES if name in os.environ}
        return {
            **kept,
            "GATEWAY_PORT": str(self.port),
            "BIND_HOST": "127.0.0.1",
            "TMPDIR": str(self.home / "tmp"),
            "PYTHONUNBUFFERED": "1",
        }

    def stop(self, timeout: float = 20.0) -> str:
        pid = self.recorded_pid()
        self.pid_file.unlink(missing_ok=True)
        if pid is None:
            return "no MiniStack started here is running"
        _signal_group(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if _alive(pid):
            _signal_group(pid, signal.SIGKILL)
        return f"MiniStack (pid {pid}) stopped"

    def status(self) -> str:
        pid, up = self.recorded_pid(), self.answers()
        started = f"started here (pid {pid})" if pid else "not started here"
        return f"MiniStack on {self.endpoint}: {'answers' if up else 'does not answer'}, {started}"

    def tail(self, size: int = 4000) -> str:
        try:
            return self.log.read_text(errors="replace")[-size:]
        except OSError:
            return ""


def _signal_group(pid: int, signum: signal.Signals) -> None:
    """Signal the process group ``start`` made (MiniStack and the functions it spawned)."""
    try:
        os.killpg(pid, signum)
    except ProcessLookupError:
        pass


def _alive(pid: int) -> bool:
    """Whether ``pid`` still runs: a zombie (exited, not yet reaped) does not."""
    try:
        if os.waitpid(pid, os.WNOHANG) != (0, 0):
            return False  # our child, reaped now
    except ChildProcessError:  # not our child (started by an earlier make run)
        pass
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start or stop MiniStack for this project.")
    parser.add_argument("action", choices=["start", "stop", "status"])
    parser.add_argument("--port", type=int, default=int(os.environ.get("EMULATOR_PORT", 4566)))
    arguments = parser.parse_args(argv)
    emulator = Emulator(port=arguments.port)
    try:
        print(getattr(emulator, arguments.action)())
    except RuntimeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
