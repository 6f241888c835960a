"""``infra.emulator`` (start, reuse, stop MiniStack) against a stand-in that answers
MiniStack's health check, and ``infra.deployed`` (the clients' ``endpoints.json``)."""

from __future__ import annotations

import json
import sys
import textwrap

import pytest

from infra.deployed import client_endpoints, write_endpoints
from infra.emulator import Emulator, _alive
from infra.local_runtime.testing import free_ports
from tests.support.endpoints import deployed_endpoints

STAND_IN = textwrap.dedent(
    """
    import json, os, subprocess, sys
    from http.server import BaseHTTPRequestHandler, HTTPServer

    json.dump(dict(os.environ), open("environment.json", "w"))
    worker = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    open("worker.pid", "w").write(str(worker.pid))  # as MiniStack's function processes

    class Health(BaseHTTPRequestHandler):
        def do_GET(self):
            body = json.dumps({"services": {}}).encode()
            self.send_response(200 if self.path == "/_ministack/health" else 404)
            self.end_headers()
            self.wfile.write(body)

    HTTPServer((os.environ["BIND_HOST"], int(os.environ["GATEWAY_PORT"])), Health).serve_forever()
    """
)


@pytest.fixture
def emulator(tmp_path, monkeypatch):
    """A MiniStack home whose venv "python -m ministack" runs the stand-in (cwd is the home)."""
    (tmp_path / "venv" / "bin").mkdir(parents=True)
    (tmp_path / "venv" / "bin" / "python").symlink_to(sys.executable)
    (tmp_path / "ministack").mkdir()
    (tmp_path / "ministack" / "__main__.py").write_text(STAND_IN)
    monkeypatch.setenv("STAGE", "leaked")
    started = Emulator(home=tmp_path, port=free_ports(1)[0])
    yield started
    started.stop()


def test_start_records_the_pid_logs_to_a_file_and_is_reused(emulator):
    assert "started" in emulator.start()
    pid = emulator.recorded_pid()
    assert pid is not None
    assert emulator.answers()
    assert emulator.log.exists()
    assert "reused" in emulator.start()
    assert emulator.recorded_pid() == pid


def test_the_emulator_gets_a_minimal_environment(emulator):
    emulator.start()
    seen = json.loads((emulator.home / "environment.json").read_text())
    assert "STAGE" not in seen
    assert seen["TMPDIR"] == str(emulator.home / "tmp")
    assert seen["BIND_HOST"] == "127.0.0.1"


def test_stop_ends_what_start_started_and_its_function_processes(emulator):
    emulator.start()
    pid = emulator.recorded_pid()
    worker = int((emulator.home / "worker.pid").read_text())
    assert "stopped" in emulator.stop()
    assert not emulator.answers()
    assert not emulator.pid_file.exists()
    assert not _alive(pid)
    assert not _alive(worker)
    assert "no MiniStack" in emulator.stop()


def test_a_missing_virtualenv_is_a_clear_error(tmp_path):
    with pytest.raises(RuntimeError, match="no MiniStack virtualenv"):
        Emulator(home=tmp_path, port=free_ports(1)[0]).start()


OUTPUTS = {
    "EndpointURL": "http://ministack:4566/_aws/execute-api/rest1/dev/",
    "WebsocketConnectEndpointURL": "ws://ministack:4566/_aws/execute-api/ws1/dev/",
    "WebsocketManagementEndpoint": "http://ministack:4566/_aws/execute-api/ws1/dev",
}


def test_an_emulators_urls_are_seen_from_this_machine(tmp_path):
    described = client_endpoints(
        OUTPUTS, target="ministack", stage="dev", region="us-east-1", stack="addressbook-dev",
        endpoint_url="http://localhost:4566", log="m.log",
    )  # fmt: skip
    assert described["rest"] == "http://localhost:4566/_aws/execute-api/rest1/dev"
    assert described["websocket"] == "ws://localhost:4566/_aws/execute-api/ws1/dev"
    assert described["management"] == "http://localhost:4566/_aws/execute-api/ws1/dev"
    write_endpoints(tmp_path / "e" / "endpoints.json", described)
    endpoints = deployed_endpoints(tmp_path / "e" / "endpoints.json")
    assert (endpoints.target, endpoints.stage, endpoints.deployed) == ("ministack", "dev", True)
    assert endpoints.websocket_url("a b") == described["websocket"] + "?token=a+b"
    assert endpoints.table_name("sockets") == "addressbook-dev-sockets"
    assert endpoints.aws_endpoint == "http://localhost:4566"


def test_aws_urls_are_the_outputs():
    outputs = {
        "EndpointURL": "https://r.execute-api.eu-west-1.amazonaws.com/dev/",
        "WebsocketConnectEndpointURL": "wss://w.execute-api.eu-west-1.amazonaws.com/dev/",
        "WebsocketManagementEndpoint": "https://w.execute-api.eu-west-1.amazonaws.com/dev",
    }
    described = client_endpoints(
        outputs, target="aws", stage="dev", region="eu-west-1", stack="s", endpoint_url=None
    )
    assert described["rest"] == "https://r.execute-api.eu-west-1.amazonaws.com/dev"
    assert described["websocket"] == "wss://w.execute-api.eu-west-1.amazonaws.com/dev"
    assert described["aws_endpoint"] is None
