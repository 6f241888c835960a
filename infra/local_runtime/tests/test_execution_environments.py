"""Through the running runtime: each function runs in worker processes of its own, reused
between invocations, and ``@connections`` refuses requests that are not signed right."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import boto3
import pytest
import requests
from botocore.exceptions import ClientError

from infra.local_runtime.tests.conftest import Toy
from infra.local_runtime.tests.test_websocket_api import connection_id_of, open_socket

pytestmark = pytest.mark.e2e


def pid_of(toy: Toy, sleep: float = 0) -> dict[str, int]:
    response = requests.get(f"{toy.runtime.rest_url}/pid", params={"sleep": sleep}, timeout=10)
    assert response.status_code == 200
    answer: dict[str, int] = response.json()
    return answer


def test_a_function_runs_in_a_worker_process_reused_between_invocations(toy: Toy) -> None:
    first, second = pid_of(toy), pid_of(toy)
    assert toy.runtime.process is not None
    assert first["pid"] == second["pid"] not in (os.getpid(), toy.runtime.process.pid)
    assert second["calls"] == first["calls"] + 1  # the same interpreter, warm


def test_concurrent_invocations_run_in_separate_workers(toy: Toy) -> None:
    with ThreadPoolExecutor(2) as threads:
        pids = {answer["pid"] for answer in threads.map(lambda _: pid_of(toy, 0.5), range(2))}
    assert len(pids) == 2


def test_each_function_has_workers_of_its_own(toy: Toy) -> None:
    with open_socket(toy) as socket:
        socket.send("pid")
        websocket_pid = int(str(socket.recv(timeout=5)))
    assert websocket_pid != pid_of(toy)["pid"]


def test_a_wrong_signature_or_none_is_refused_and_nothing_is_sent(toy: Toy) -> None:
    forged = boto3.session.Session().client(
        "apigatewaymanagementapi",
        endpoint_url=toy.runtime.management_url,
        region_name="us-east-1",
        aws_access_key_id="local",
        aws_secret_access_key="not-the-secret",
    )
    with open_socket(toy) as socket:
        connection_id = connection_id_of(socket)
        with pytest.raises(ClientError) as refused:
            forged.post_to_connection(ConnectionId=connection_id, Data=b"forged")
        assert refused.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
        assert refused.value.response["Error"]["Code"] == "InvalidSignatureException"
        unsigned = requests.post(
            f"{toy.runtime.management_url}/@connections/{connection_id}", data=b"unsigned"
        )
        assert unsigned.status_code == 403
        assert unsigned.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException"
        toy.runtime.client("apigatewaymanagementapi").post_to_connection(
            ConnectionId=connection_id, Data=b"signed"
        )
        assert socket.recv(timeout=5) == "signed"  # the first frame: nothing forged got through
