"""Idempotent creates through Powertools idempotency over a DynamoDB table (key ``id``, TTL
``expiration``). A record is keyed by the caller and their ``Idempotency-Key``; it keeps the
first response for 24 h and a fingerprint of the request, so the same key with another
request is refused. Powertools is imported on first use (it costs ~130 ms)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from core.errors import Conflict
from core.storage import TableLocation

TTL_SECONDS = 24 * 60 * 60
KEY_PREFIX = "addressbook-create"
StoredResponse = dict[str, Any]


class IdempotentCreates:
    def __init__(self, location: TableLocation, ttl_seconds: int = TTL_SECONDS) -> None:
        import boto3
        from aws_lambda_powertools.utilities.idempotency import (
            DynamoDBPersistenceLayer,
            IdempotencyConfig,
        )

        client = boto3.client(
            "dynamodb", region_name=location.region, endpoint_url=location.endpoint_url
        )
        self._store = DynamoDBPersistenceLayer(
            table_name=location.name, key_attr="id", expiry_attr="expiration", boto3_client=client
        )
        self._config = partial(
            IdempotencyConfig,
            event_key_jmespath="[caller, key]",
            payload_validation_jmespath="fingerprint",
            raise_on_no_idempotency_key=True,
            expires_after_seconds=ttl_seconds,
            hash_function="sha256",
        )

    def once(
        self,
        caller: str,
        key: str,
        fingerprint: str,
        create: Callable[[], StoredResponse],
        lambda_context: Any = None,
    ) -> tuple[StoredResponse, bool]:
        """The response of ``create``, run only the first time ``(caller, key)`` is seen, and
        whether it is a replay. ``Conflict`` if the key came with another request before, or
        its first request is still running (until the invocation's time would be up)."""
        from aws_lambda_powertools.utilities.idempotency import idempotent_function
        from aws_lambda_powertools.utilities.idempotency.exceptions import (
            IdempotencyAlreadyInProgressError,
            IdempotencyValidationError,
        )

        ran = False

        def first(request: dict[str, str]) -> StoredResponse:
            nonlocal ran
            ran = True
            return create()

        config = self._config()
        if lambda_context is not None:
            config.register_lambda_context(lambda_context)
        once: Callable[..., StoredResponse] = idempotent_function(
            first,
            data_keyword_argument="request",
            persistence_store=self._store,
            config=config,
            key_prefix=KEY_PREFIX,
        )
        request = {"caller": caller, "key": key, "fingerprint": fingerprint}
        try:
            response = once(request=request)
        except IdempotencyValidationError:
            raise Conflict(
                "This Idempotency-Key was used with a different request.",
                code="idempotency_key_reused",
            ) from None
        except IdempotencyAlreadyInProgressError:
            raise Conflict(
                "A request with this Idempotency-Key is still being processed.",
                code="idempotency_key_in_progress",
            ) from None
        return response, not ran
