"""The soak's HTTP client: a careful one, as the contract asks clients to be. It retries
through a dead runtime and 429s (honouring ``Retry-After``), signs in again when its token
expires, creates with an ``Idempotency-Key`` and updates with ``If-Match``, so a write whose
answer was lost is never applied twice and is known for certain to be applied or not."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from typing import Any

import requests

RETRY_FOR_SECONDS = 180.0
TRANSIENT = {429, 502, 503, 504}


def _transient(response: requests.Response) -> bool:
    """Worth retrying: throttled, the gateway's 5xx, or a create whose first try is still
    "in progress" (its answer was lost when the runtime died; Powertools lets the key be
    retried once the in-progress record expires)."""
    if response.status_code == 409:
        return "idempotency_key_in_progress" in response.text
    return response.status_code in TRANSIENT


class GaveUp(RuntimeError):
    """A write that could not be made within ``RETRY_FOR_SECONDS``."""


@dataclass(frozen=True)
class Ack:
    contact_id: str
    version: int


class SoakClient:
    def __init__(self, rest_url: str, username: str, password: str) -> None:
        self.rest_url, self._username, self._password = rest_url, username, password
        self._session = requests.Session()
        self.token = ""
        self.retries = 0

    def login(self) -> str:
        body = {"username": self._username, "password": self._password}
        self.token = self.call("POST", "/auth/login", json=body, auth=False).json()["access_token"]
        return self.token

    def call(
        self, method: str, path: str, *, auth: bool = True, **kwargs: Any
    ) -> requests.Response:
        """The first answer that is not a transient failure (retried with backoff)."""
        deadline, delay = time.monotonic() + RETRY_FOR_SECONDS, 0.05
        while True:
            headers = dict(kwargs.pop("headers", None) or {})
            if auth:
                headers["Authorization"] = f"Bearer {self.token}"
            try:
                response = self._session.request(
                    method, self.rest_url + path, headers=headers, timeout=35, **kwargs
                )
            except requests.ConnectionError:
                response = None
            kwargs["headers"] = {k: v for k, v in headers.items() if k != "Authorization"}
            if response is not None and response.status_code == 401 and auth:
                self.login()
                continue
            if response is not None and not _transient(response):
                return response
            if time.monotonic() > deadline:
                raise GaveUp(f"{method} {path}: no answer within {RETRY_FOR_SECONDS} s")
            self.retries += 1
            wait = float(response.headers.get("Retry-After", delay)) if response else delay
            time.sleep(min(wait, 2.0))
            delay = min(delay * 2, 1.0)

    def create(self, name: str) -> Ack:
        key = str(uuid.uuid4())  # the same on every retry: at most one contact
        response = self.call(
            "POST", "/books/me/contacts", json={"name": name}, headers={"Idempotency-Key": key}
        )
        if response.status_code != 201:
            raise GaveUp(f"create: {response.status_code} {response.text[:200]}")
        contact = response.json()
        return Ack(contact["id"], contact["version"])

    def update(self, contact_id: str, version: int, notes: str) -> Ack:
        """Set ``notes`` on the contact known to be at ``version``."""
        path = f"/books/me/contacts/{contact_id}"
        while True:
            response = self.call(
                "PATCH", path, json={"notes": notes}, headers={"If-Match": f'"{version}"'}
            )
            if response.status_code == 200:
                return Ack(contact_id, response.json()["version"])
            if response.status_code != 412:
                raise GaveUp(f"update: {response.status_code} {response.text[:200]}")
            # An earlier try was applied but its answer lost (the runtime died): check.
            current = self.call("GET", path).json()
            if current["version"] == version + 1 and current["notes"] == notes:
                return Ack(contact_id, current["version"])
            if current["version"] != version:
                raise GaveUp(f"update: {contact_id} moved to {current['version']} by someone else")
