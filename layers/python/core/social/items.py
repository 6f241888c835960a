"""The ``connection_requests`` and ``user_connections`` tables' PynamoDB models, private to
the social repositories; every key of these tables is spelled here and only here."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import ClassVar

from pynamodb.attributes import UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from core.social.models import ConnectionRequest, RequestStatus
from core.social.rules import pair_key
from core.storage import TableLocation, bind

PAIR = "pair#"
RANKS = {
    RequestStatus.PENDING: "4",
    RequestStatus.ACCEPTED: "3",
    RequestStatus.REJECTED: "2",
    RequestStatus.CANCELLED: "1",
}
"""Lists read in descending order: pending first, then accepted, rejected, cancelled."""


class RequestItem(Model):
    class Meta:
        table_name = "unbound"

    pk = UnicodeAttribute(hash_key=True)
    from_user_id = UnicodeAttribute()
    to_user_id = UnicodeAttribute()
    status = UnicodeAttribute()
    message = UnicodeAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()
    list_key = UnicodeAttribute()
    incoming: ClassVar[Incoming]
    outgoing: ClassVar[Outgoing]


class Incoming(GlobalSecondaryIndex[RequestItem]):
    class Meta:
        index_name = "incoming"
        projection = AllProjection()

    to_user_id = UnicodeAttribute(hash_key=True)
    list_key = UnicodeAttribute(range_key=True)


class Outgoing(GlobalSecondaryIndex[RequestItem]):
    class Meta:
        index_name = "outgoing"
        projection = AllProjection()

    from_user_id = UnicodeAttribute(hash_key=True)
    list_key = UnicodeAttribute(range_key=True)


class PairGuardItem(Model):
    """``pair#<min>#<max>`` while the two users have a pending request, either way."""

    class Meta:
        table_name = "unbound"

    pk = UnicodeAttribute(hash_key=True)
    request_id = UnicodeAttribute()


class ConnectionItem(Model):
    class Meta:
        table_name = "unbound"

    user_id = UnicodeAttribute(hash_key=True)
    other_id = UnicodeAttribute(range_key=True)
    since = UTCDateTimeAttribute()


@cache
def request_models(
    location: TableLocation,
) -> tuple[type[RequestItem], type[PairGuardItem]]:
    requests = bind(RequestItem, location, incoming=Incoming(), outgoing=Outgoing())
    return requests, bind(PairGuardItem, location)


@cache
def connection_model(location: TableLocation) -> type[ConnectionItem]:
    return bind(ConnectionItem, location)


def list_key(status: RequestStatus, request_id: str = "") -> str:
    """The index range key; with no id, the prefix of every request in ``status``."""
    return f"{RANKS[status]}{status.value}#{request_id}"


def guard_key(user_id: str, other_id: str) -> str:
    return PAIR + pair_key(user_id, other_id)


def to_request(item: RequestItem) -> ConnectionRequest:
    return ConnectionRequest(
        id=item.pk,
        from_user_id=item.from_user_id,
        to_user_id=item.to_user_id,
        status=RequestStatus(item.status),
        message=item.message,
        created_at=item.created_at,
        updated_at=item.updated_at,
    )


def request_item(model: type[RequestItem], request: ConnectionRequest) -> RequestItem:
    return model(
        request.id,
        from_user_id=request.from_user_id,
        to_user_id=request.to_user_id,
        status=request.status.value,
        message=request.message,
        created_at=request.created_at,
        updated_at=request.updated_at,
        list_key=list_key(request.status, request.id),
    )


def connection_items(
    model: type[ConnectionItem], user_id: str, other_id: str, since: datetime
) -> tuple[ConnectionItem, ConnectionItem]:
    """Both directions of a connection."""
    return model(user_id, other_id, since=since), model(other_id, user_id, since=since)
