"""Connection requests in DynamoDB. Sending writes the request and the pair's guard in one
transaction, conditional on no pending request either way and no connection; a decision
moves the request out of ``pending`` (condition: still pending), drops the guard and, for an
accept, writes both directions of the connection, all in one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime

from pynamodb.exceptions import DoesNotExist
from pynamodb.expressions.update import Action
from pynamodb.transactions import TransactWrite

from core.errors import Conflict
from core.social import items
from core.social.models import ConnectionRequest, Direction, RequestStatus
from core.storage import CONDITION_FAILED, TableLocation, transact


class RequestRepository:
    def __init__(self, requests: TableLocation, connections: TableLocation) -> None:
        self._location = requests
        self._request, self._guard = items.request_models(requests)
        self._connection = items.connection_model(connections)

    def get(self, request_id: str) -> ConnectionRequest | None:
        if request_id.startswith(items.PAIR):
            return None
        try:
            return items.to_request(self._request.get(request_id, consistent_read=True))
        except DoesNotExist:
            return None

    def create(self, request: ConnectionRequest) -> ConnectionRequest:
        """Store a new pending request; ``Conflict`` if one is pending between the two users
        (either way) or they are connected."""
        sender, recipient = request.from_user_id, request.to_user_id
        guard = self._guard(items.guard_key(sender, recipient), request_id=request.id)

        def write(transaction: TransactWrite) -> None:
            item = items.request_item(self._request, request)
            transaction.save(item, condition=self._request.pk.does_not_exist())
            transaction.save(guard, condition=self._guard.pk.does_not_exist())
            transaction.condition_check(
                self._connection,
                sender,
                recipient,
                condition=self._connection.other_id.does_not_exist(),
            )

        codes = transact(self._location, write)
        if codes[2:3] == [CONDITION_FAILED]:
            raise Conflict("You are already connected.", code="already_connected")
        if codes:
            raise Conflict(
                "A connection request between you two is already pending.", code="request_pending"
            )
        return request

    def decide(
        self, request: ConnectionRequest, status: RequestStatus, at: datetime
    ) -> ConnectionRequest | None:
        """The request moved from pending to ``status``; ``None`` if it was no longer pending
        (or a concurrent decision held it), so nothing was written."""
        item = self._request(request.id)
        actions: list[Action] = [
            self._request.status.set(status.value),
            self._request.updated_at.set(at),
            self._request.list_key.set(items.list_key(status, request.id)),
        ]
        pending = self._request.status == RequestStatus.PENDING.value
        guard = self._guard(items.guard_key(request.from_user_id, request.to_user_id))

        def write(transaction: TransactWrite) -> None:
            transaction.update(item, actions=actions, condition=pending)
            transaction.delete(guard)
            if status is RequestStatus.ACCEPTED:
                sender, recipient = request.from_user_id, request.to_user_id
                for direction in items.connection_items(self._connection, sender, recipient, at):
                    transaction.save(direction)

        if transact(self._location, write):
            return None
        return replace(request, status=status, updated_at=at)

    def listed(
        self, user_id: str, direction: Direction, status: RequestStatus | None, after: str | None
    ) -> Iterator[tuple[str, ConnectionRequest]]:
        """``(list key, request)`` of the user's requests in one direction, pending first and
        newest first, after the list key ``after``."""
        index = (
            self._request.incoming if direction is Direction.INCOMING else self._request.outgoing
        )
        user_attribute = "to_user_id" if direction is Direction.INCOMING else "from_user_id"
        start = None
        if after:
            start = {
                user_attribute: {"S": user_id},
                "list_key": {"S": after},
                "pk": {"S": after.split("#", 1)[-1]},
            }
        condition = None
        if status is not None:
            condition = self._request.list_key.startswith(items.list_key(status))
        query = index.query(
            user_id,
            condition,
            scan_index_forward=False,
            last_evaluated_key=start,
            page_size=100,
        )
        for item in query:
            yield item.list_key, items.to_request(item)
