"""The connection request's state machine (pure).

A request starts ``pending``. Its recipient accepts or rejects it; its sender cancels it.
The first decision is final: repeating it changes nothing (and is not an error), any other
decision after it is a ``Conflict``. Someone who is not a party learns nothing (``NotFound``);
a party making the other party's decision is ``Forbidden``.
"""

from __future__ import annotations

from enum import StrEnum

from core.errors import BadRequest, Conflict, FieldProblem, Forbidden, NotFound
from core.social.models import ConnectionRequest, Decision, RequestStatus

MAX_MESSAGE_LENGTH = 500


class Party(StrEnum):
    SENDER = "sender"
    RECIPIENT = "recipient"


OUTCOME: dict[Decision, RequestStatus] = {
    Decision.ACCEPT: RequestStatus.ACCEPTED,
    Decision.REJECT: RequestStatus.REJECTED,
    Decision.CANCEL: RequestStatus.CANCELLED,
}
DECIDED_BY: dict[Decision, Party] = {
    Decision.ACCEPT: Party.RECIPIENT,
    Decision.REJECT: Party.RECIPIENT,
    Decision.CANCEL: Party.SENDER,
}


def party_of(request: ConnectionRequest, user_id: str) -> Party | None:
    if user_id == request.from_user_id:
        return Party.SENDER
    if user_id == request.to_user_id:
        return Party.RECIPIENT
    return None


def check_visible(request: ConnectionRequest | None, user_id: str) -> ConnectionRequest:
    """The request if ``user_id`` is one of its parties; ``NotFound`` otherwise."""
    if request is None or party_of(request, user_id) is None:
        raise NotFound("No such connection request.", code="request_not_found")
    return request


def next_status(
    request: ConnectionRequest, user_id: str, decision: Decision
) -> RequestStatus | None:
    """The status ``decision`` by ``user_id`` moves the request to, or ``None`` when it is a
    repeat of the decision already made (nothing changes)."""
    party = party_of(check_visible(request, user_id), user_id)
    if party is not DECIDED_BY[decision]:
        who = "recipient" if DECIDED_BY[decision] is Party.RECIPIENT else "sender"
        raise Forbidden(f"Only the request's {who} may {decision.value} it.")
    wanted = OUTCOME[decision]
    if request.status is RequestStatus.PENDING:
        return wanted
    if request.status is wanted:
        return None
    raise Conflict(
        f"The request is already {request.status.value}; it cannot be {wanted.value}.",
        code="request_already_decided",
    )


def check_recipient(from_user_id: str, to_user_id: str) -> None:
    """A request goes to someone else: to oneself is a 400 naming ``to_user_id``."""
    if from_user_id == to_user_id:
        problem = FieldProblem("to_user_id", "must be another user")
        raise BadRequest(
            "You cannot send a connection request to yourself.",
            code="request_to_self",
            details=(problem,),
        )


def pair_key(user_id: str, other_id: str) -> str:
    """The same for both directions: at most one pending request per pair of users."""
    first, second = sorted((user_id, other_id))
    return f"{first}#{second}"
