"""The fault soak: contact writes from several clients while the broadcaster fails 5 % of
its invocations (``flaky_app.py``) and the runtime is killed (SIGKILL) and restarted once;
a subscriber collects the events. Then it counts, prints and checks:

- writes acknowledged = history entries, contacts acknowledged = rows stored;
- every acknowledged write's event delivered at least once (by contact and version), in
  order per contact (first deliveries by event ``id``); duplicates counted.

``python -m tests.soak --writes 10000`` (``make soak``); a short run is a test.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from infra.local_runtime.testing import LocalRuntime
from infra.tables import table
from tests.soak.client import Ack, SoakClient
from tests.soak.subscriber import Subscriber

PASSWORD = "soak password 123"
CREATE_SHARE = 5
"""One write in five creates a contact; the others update one (in order, with If-Match)."""


@dataclass
class Report:
    writes: int
    clients: int
    acks: list[Ack] = field(default_factory=list)
    seconds: float = 0.0
    rows_stored: int = 0
    history_entries: int = 0
    delivered: int = 0
    duplicates: int = 0
    lost: list[Ack] = field(default_factory=list)
    out_of_order: list[str] = field(default_factory=list)
    retries: int = 0
    reconnects: int = 0

    @property
    def creates(self) -> int:
        return sum(ack.version == 1 for ack in self.acks)

    def lines(self) -> list[str]:
        pairs = [
            ("writes acknowledged", len(self.acks), "history entries", self.history_entries),
            ("contacts acknowledged", self.creates, "rows stored", self.rows_stored),
            ("events delivered", self.delivered, "duplicates", self.duplicates),
            ("lost", len(self.lost), "out of order", len(self.out_of_order)),
            ("client retries", self.retries, "subscriber reconnects", self.reconnects),
        ]
        return [
            f"fault soak: {self.writes} writes from {self.clients} clients in {self.seconds:.1f} s"
            " (broadcaster fails 5 % at random; runtime killed and restarted once)",
            *(f"  {a:22s} {x:7d}   {b:22s} {y:7d}" for a, x, b, y in pairs),
        ]

    def problems(self) -> list[str]:
        found = []
        if len(self.acks) != self.writes:
            found.append(f"{self.writes - len(self.acks)} writes never acknowledged")
        if self.history_entries != len(self.acks):
            found.append(f"history {self.history_entries} != acknowledged {len(self.acks)}")
        if self.rows_stored != self.creates:
            found.append(f"rows {self.rows_stored} != contacts acknowledged {self.creates}")
        if self.lost:
            found.append(f"lost events, e.g. {self.lost[:3]}")
        if self.out_of_order:
            found.append(f"out of order: {self.out_of_order[:3]}")
        return found


def _count(runtime: LocalRuntime, key: str) -> int:
    name, scanner = table(key).physical_name("local"), runtime.client("dynamodb")
    total, start = 0, None
    while True:
        page = scanner.scan(
            TableName=name, Select="COUNT", **({"ExclusiveStartKey": start} if start else {})
        )
        total += page["Count"]
        start = page.get("LastEvaluatedKey")
        if not start:
            return total


def _writer(
    client: SoakClient, prefix: str, writes: int, acks: list[Ack], lock: threading.Lock
) -> None:
    versions: dict[str, int] = {}
    for n in range(writes):
        if n % CREATE_SHARE == 0 or not versions:
            ack = client.create(f"{prefix} {n}")
        else:
            contact_id = list(versions)[n % len(versions)]
            ack = client.update(contact_id, versions[contact_id], f"write {n}")
        versions[ack.contact_id] = ack.version
        with lock:
            acks.append(ack)


def run_soak(writes: int, clients: int = 4, settle_seconds: float = 180.0) -> Report:
    report = Report(writes, clients)
    env = {"SOAK_BROADCASTER_FAILURE_RATE": "0.05"}
    with LocalRuntime(app_module="tests.soak.flaky_app", env=env, ready_timeout=90) as runtime:
        name = "soak" + uuid.uuid4().hex[:8]
        owner = SoakClient(runtime.rest_url, name, PASSWORD)
        account = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
        owner.call("POST", "/auth/register", json=account, auth=False)
        owner.login()
        subscriber = Subscriber(runtime.ws_url, lambda: owner.token or owner.login())
        subscriber.start()
        subscriber.connected.wait(30)
        lock, started = threading.Lock(), time.monotonic()
        writers = [SoakClient(runtime.rest_url, name, PASSWORD) for _ in range(clients)]
        for writer in writers:
            writer.login()
        share = [writes // clients + (i < writes % clients) for i in range(clients)]
        with ThreadPoolExecutor(clients) as pool:
            jobs = [pool.submit(_writer, w, f"c{i}", share[i], report.acks, lock)
                    for i, w in enumerate(writers)]  # fmt: skip
            while len(report.acks) < writes // 2 and not all(j.done() for j in jobs):
                time.sleep(0.05)
            runtime.kill()  # SIGKILL mid-flight: in-flight writes lose their answers
            runtime.start()
            for job in jobs:
                job.result()
        report.seconds = time.monotonic() - started
        deadline = time.monotonic() + settle_seconds
        while time.monotonic() < deadline:
            report.history_entries = _count(runtime, "contact_history")
            _check_delivery(report, subscriber)
            if report.history_entries >= len(report.acks) and not report.lost:
                break
            time.sleep(1.0)
        time.sleep(2.0)  # late duplicates
        subscriber.stop()
        _check_delivery(report, subscriber)
        report.rows_stored = _count(runtime, "contacts")
        report.history_entries = _count(runtime, "contact_history")
        report.retries = owner.retries + sum(w.retries for w in writers)
        report.reconnects = subscriber.reconnects
    return report


def _check_delivery(report: Report, subscriber: Subscriber) -> None:
    seen: set[str] = set()
    firsts: dict[str, list[int]] = defaultdict(list)
    for event in list(subscriber.received):
        if event.event_id in seen:
            continue
        seen.add(event.event_id)
        firsts[event.contact_id].append(event.version or 0)
    report.delivered = len(subscriber.received)
    report.duplicates = report.delivered - len(seen)
    delivered = {(cid, v) for cid, versions in firsts.items() for v in versions}
    report.lost = [a for a in report.acks if (a.contact_id, a.version) not in delivered]
    report.out_of_order = [cid for cid, versions in firsts.items() if versions != sorted(versions)]
