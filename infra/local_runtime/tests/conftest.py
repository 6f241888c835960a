"""Fixtures that run the real runtime (a subprocess with DynamoDB Local) on a toy app."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from infra.local_runtime.testing import LocalRuntime, skip_or_fail_without_prerequisites

TOY_DIR = Path(__file__).parent / "toy"
Entries = list[dict[str, Any]]


class ToyEvents:
    """What the toy app's handlers saw, one JSON line per invocation and kind."""

    def __init__(self, directory: Path):
        self.directory = directory

    def read(self, kind: str) -> Entries:
        path = self.directory / f"{kind}.jsonl"
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]

    def wait_for(
        self, kind: str, predicate: Callable[[Entries], bool], timeout: float = 5.0
    ) -> Entries:
        deadline = time.monotonic() + timeout
        while True:
            entries = self.read(kind)
            if predicate(entries):
                return entries
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {kind} events; got {entries}")
            time.sleep(0.01)


@dataclass(frozen=True)
class Toy:
    runtime: LocalRuntime
    events: ToyEvents

    def put_contact(self, contact_id: str, mode: str = "", book_id: str = "book-1") -> None:
        item = {"book_id": {"S": book_id}, "contact_id": {"S": contact_id}, "mode": {"S": mode}}
        self.runtime.client("dynamodb").put_item(TableName="addressbook-local-contacts", Item=item)


def toy_runtime(directory: Path, in_memory: bool, *extra_args: str) -> Toy:
    runtime = LocalRuntime(
        state_dir=directory / "state",
        app_module="toy_app",
        app_dir=TOY_DIR,
        in_memory=in_memory,
        env={"TOY_EVENTS_DIR": str(directory / "events")},
        extra_args=extra_args,
    )
    return Toy(runtime, ToyEvents(directory / "events"))


@pytest.fixture(scope="session")
def toy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Toy]:
    """One runtime shared by the API tests (in memory, WebSocket idle timeout 2 s, REST
    integration timeout 1 s)."""
    skip_or_fail_without_prerequisites()
    directory = tmp_path_factory.mktemp("toy")
    started = toy_runtime(directory, True, "--idle-timeout", "2", "--integration-timeout", "1")
    with started.runtime:
        yield started
