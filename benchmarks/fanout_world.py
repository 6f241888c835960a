"""What the fan-out benchmark sets up on a running embedded runtime: a shared book whose
members hold the connections, signed tokens for them, and the two ways to fan out one
contact change (a real write for the broadcaster, a direct call for the baseline)."""

from __future__ import annotations

import itertools
import math
import os
import time
from datetime import UTC, datetime
from typing import Any

from benchmarks.baseline_broadcaster import baseline_broadcast

REGION = "us-east-1"
STAGE = "local"


class FanoutWorld:
    def __init__(self, runtime: Any, management_url: str | None = None) -> None:
        os.environ.update(
            AWS_ACCESS_KEY_ID="local",
            AWS_SECRET_ACCESS_KEY="local",
            AWS_REGION=REGION,
            AWS_DEFAULT_REGION=REGION,
            AWS_ACCOUNT_ID_ENDPOINT_MODE="disabled",
        )
        from core.auth.tokens import AccessTokens
        from core.books.repository import BookRepository
        from core.contact_history.repository import ContactHistoryRepository
        from core.contacts.repository import ContactRepository
        from core.storage import TableLocation
        from infra.tables import table

        def location(key: str) -> TableLocation:
            return TableLocation(table(key).physical_name(STAGE), REGION, runtime.dynamodb_url)

        self.ws_url: str = runtime.ws_url
        self.runtime_pid: int = runtime.process.pid
        secret = (runtime.state_dir / "jwt-secret").read_text().strip().encode()
        self._tokens = AccessTokens(secret)
        self._books = BookRepository(location("books"))
        self._contacts = ContactRepository(
            location("contacts"),
            location("contact_terms"),
            ContactHistoryRepository(location("contact_history")),
        )
        self._sockets_table = location("sockets").name
        self._dynamodb = runtime.client("dynamodb")
        self._management = _management_client(management_url or runtime.management_url)
        self._ids = itertools.count(1)
        self.last_contact_id = ""

    @staticmethod
    def members(size: int, per_user: int) -> int:
        return math.ceil(size / per_user)

    def audience(self, size: int, per_user: int) -> list[str]:
        """A book with enough members for ``size`` connections; one token per connection."""
        from core.auth.principal import Principal
        from core.books.models import Book, Role

        now = datetime.now(UTC)
        users = [f"user_{size}_{index}" for index in range(self.members(size, per_user))]
        self._books.create(Book(f"book_{size}", "Shared", users[0], False, now))
        for user_id in users[1:]:
            self._books.add_member(f"book_{size}", user_id, Role.EDITOR, now)
        tokens = [self._tokens.issue(Principal(user_id, user_id), now) for user_id in users]
        return [tokens[index // per_user] for index in range(size)]

    def write_contact(self, size: int) -> float:
        """Create a contact in the shared book; the moment the write was committed."""
        from core.contacts.models import Address, Contact

        now = datetime.now(UTC)
        self.last_contact_id = f"ct_bench_{next(self._ids)}"
        self._contacts.create(
            Contact(
                id=self.last_contact_id, book_id=f"book_{size}", name="Ada Lovelace",
                phones=(), emails=(), company="Analytical Engines", title=None,
                address=Address(city="London"), birthday=None, notes=None, tags=("bench",),
                version=1, created_at=now, updated_at=now,
                created_by="bench", updated_by="bench",
            )
        )  # fmt: skip
        return time.perf_counter()

    def run_baseline(self, size: int) -> float:
        """Invoke the baseline at once; the moment it started (the commit it stands for)."""
        self.last_contact_id = f"ct_bench_{next(self._ids)}"
        frame = {
            "type": "contact.created",
            "id": f"baseline.{self.last_contact_id}",
            "at": datetime.now(UTC).isoformat(),
            "data": {"id": self.last_contact_id, "book_id": f"book_{size}", "name": "Ada"},
        }
        started = time.perf_counter()
        baseline_broadcast(frame, self._sockets_table, self._dynamodb, self._management)
        return started

    def wait_until_disconnected(self, timeout: float = 60.0) -> None:
        """Until ``$disconnect`` has forgotten every connection (the baseline scans them all)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            page = self._dynamodb.scan(TableName=self._sockets_table, Select="COUNT")
            if page["Count"] == 0:
                return
            time.sleep(0.1)


def _management_client(url: str) -> Any:
    import boto3

    return boto3.session.Session().client(
        "apigatewaymanagementapi",
        endpoint_url=url,
        region_name=REGION,
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )
