"""``connection_request.received|accepted|rejected|cancelled`` from the requests table's
stream, and ``connection.removed`` from the connections table's: both parties get them."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from core.events.audiences import Audience, Users
from core.events.models import Event, event_id
from core.social.images import connection_from_image, request_from_image
from core.social.models import RequestStatus
from core.social.shapes import RequestOut
from core.streams import StreamChange


class RequestReceived(Event):
    type: Literal["connection_request.received"] = "connection_request.received"
    data: RequestOut


class RequestAccepted(Event):
    type: Literal["connection_request.accepted"] = "connection_request.accepted"
    data: RequestOut


class RequestRejected(Event):
    type: Literal["connection_request.rejected"] = "connection_request.rejected"
    data: RequestOut


class RequestCancelled(Event):
    type: Literal["connection_request.cancelled"] = "connection_request.cancelled"
    data: RequestOut


RequestEvent = RequestReceived | RequestAccepted | RequestRejected | RequestCancelled
_DECIDED: dict[RequestStatus, type[RequestEvent]] = {
    RequestStatus.ACCEPTED: RequestAccepted,
    RequestStatus.REJECTED: RequestRejected,
    RequestStatus.CANCELLED: RequestCancelled,
}


def request_event(change: StreamChange) -> RequestEvent | None:
    """A new request is ``received``; a status change is the decision. Pair guards (and
    anything else) make no event."""
    if change.new_image is None:
        return None
    new = request_from_image(change.new_image)
    old = request_from_image(change.old_image) if change.old_image else None
    if new is None:
        return None
    id_, data = event_id(change.table_key, change.sequence_number), RequestOut.of(new)
    if old is None:
        return RequestReceived(id=id_, at=new.created_at, data=data)
    decided = _DECIDED.get(new.status)
    if decided is None or old.status is new.status:
        return None
    return decided(id=id_, at=new.updated_at, data=data)


def request_audience(event: RequestEvent) -> Audience:
    return Users(frozenset({event.data.from_user_id, event.data.to_user_id}))


class RemovedData(BaseModel):
    model_config = ConfigDict(frozen=True)
    user_ids: tuple[str, str]


class ConnectionRemoved(Event):
    type: Literal["connection.removed"] = "connection.removed"
    data: RemovedData


def connection_event(change: StreamChange) -> ConnectionRemoved | None:
    """One event per removed connection: of its two direction items, only the removal of
    the one with ``user_id < other_id``."""
    if change.action != "REMOVE" or change.old_image is None:
        return None
    removed = connection_from_image(change.old_image)
    if not removed.user_id < removed.other_id:
        return None
    id_ = event_id(change.table_key, change.sequence_number)
    data = RemovedData(user_ids=(removed.user_id, removed.other_id))
    return ConnectionRemoved(id=id_, at=change.at, data=data)


def connection_audience(event: ConnectionRemoved) -> Audience:
    return Users(frozenset(event.data.user_ids))
