"""Which changes become notifications, and how they read (pure).

A request received notifies its recipient; accepted or rejected notifies its sender; a book
shared with someone notifies them. A cancelled request notifies no one. The id is derived
from the source event, so the same event never makes two notifications.
"""

from __future__ import annotations

import hashlib

from core.books.models import Member, Role
from core.notifications.models import Draft, Target, Verb
from core.social.models import ConnectionRequest, RequestStatus

_DECIDED = {
    RequestStatus.ACCEPTED: Verb.CONNECTION_REQUEST_ACCEPTED,
    RequestStatus.REJECTED: Verb.CONNECTION_REQUEST_REJECTED,
}
_MESSAGES = {
    Verb.CONNECTION_REQUEST_RECEIVED: "{actor} sent you a connection request.",
    Verb.CONNECTION_REQUEST_ACCEPTED: "{actor} accepted your connection request.",
    Verb.CONNECTION_REQUEST_REJECTED: "{actor} declined your connection request.",
    Verb.BOOK_SHARED: "{actor} shared the address book “{target}” with you.",
}


def request_drafts(old: ConnectionRequest | None, new: ConnectionRequest | None) -> list[Draft]:
    if new is None:
        return []
    target = Target("connection_request", new.id)
    if old is None and new.status is RequestStatus.PENDING:
        verb = Verb.CONNECTION_REQUEST_RECEIVED
        return [Draft(new.to_user_id, verb, new.from_user_id, target, new.created_at, new.id)]
    decided = _DECIDED.get(new.status)
    if old is None or old.status is not RequestStatus.PENDING or decided is None:
        return []
    key = f"{new.id}#{new.status.value}"
    return [Draft(new.from_user_id, decided, new.to_user_id, target, new.updated_at, key)]


def member_drafts(old: Member | None, new: Member | None, owner_id: str) -> list[Draft]:
    """A book shared with ``new.user_id`` (a member item that appeared, not a role change)."""
    if old is not None or new is None or new.role is Role.OWNER or new.user_id == owner_id:
        return []
    key = f"{new.book_id}#{new.user_id}#{new.added_at.isoformat()}"
    target = Target("book", new.book_id)
    return [Draft(new.user_id, Verb.BOOK_SHARED, owner_id, target, new.added_at, key)]


def notification_id(draft: Draft) -> str:
    """``ntf_<12 hex of ms time><20 hex of the source key's hash>``: sorts by time, and is the
    same for every delivery of the same source event to the same recipient."""
    millis = int(draft.created_at.timestamp() * 1000)
    digest = hashlib.sha256(f"{draft.recipient}\0{draft.source_key}".encode()).hexdigest()
    return f"ntf_{millis:012x}{digest[:20]}"


def message_of(verb: Verb, actor_name: str, target_name: str = "") -> str:
    return _MESSAGES[verb].format(actor=actor_name, target=target_name)
