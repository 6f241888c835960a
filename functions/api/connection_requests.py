"""``/connection-requests``: send one, list them, and accept, reject or cancel one."""

from __future__ import annotations

from core.auth.principal import Principal
from core.pagination import Page, Position
from core.social.models import ConnectionRequest, Decision, Direction, RequestStatus
from functions.api.routing import ApiRoutes
from functions.api.schemas.social import RequestCreate, RequestList, RequestOut, RequestQuery
from functions.api.wiring import services

routes = ApiRoutes(__name__, tag="connections")
DECIDE_ERRORS = (401, 403, 404, 409)


@routes.route(
    "POST",
    "/connection-requests",
    summary="Ask another user to connect (to oneself 400, unknown 404, pending or connected 409)",
    status=201,
    body=RequestCreate,
    response=RequestOut,
    errors=(400, 401, 404, 409, 422),
    idempotent=True,
)
def send_request(principal: Principal, body: RequestCreate) -> RequestOut:
    sent = services().social.requests.send(principal.user_id, body.to_user_id, body.message)
    return RequestOut.of(sent)


@routes.route(
    "GET",
    "/connection-requests",
    summary="The caller's requests: incoming, outgoing or both; pending first, newest first",
    query=RequestQuery,
    response=RequestList,
    items=RequestOut.of,
    errors=(400, 401, 422),
)
def list_requests(
    principal: Principal, query: RequestQuery, at: Position | None
) -> Page[ConnectionRequest]:
    direction = Direction(query.direction) if query.direction else None
    status = RequestStatus(query.status) if query.status else None
    return services().social.requests.requests_of(
        principal.user_id, direction, status, query.limit, at
    )


def _decide(request_id: str, principal: Principal, decision: Decision) -> RequestOut:
    return RequestOut.of(services().social.requests.decide(principal.user_id, request_id, decision))


@routes.route(
    "POST",
    "/connection-requests/{request_id}/accept",
    summary="Accept a request (its recipient): connects both ways; repeating it changes nothing",
    response=RequestOut,
    errors=DECIDE_ERRORS,
)
def accept_request(request_id: str, principal: Principal) -> RequestOut:
    return _decide(request_id, principal, Decision.ACCEPT)


@routes.route(
    "POST",
    "/connection-requests/{request_id}/reject",
    summary="Reject a request (its recipient); repeating it changes nothing",
    response=RequestOut,
    errors=DECIDE_ERRORS,
)
def reject_request(request_id: str, principal: Principal) -> RequestOut:
    return _decide(request_id, principal, Decision.REJECT)


@routes.route(
    "POST",
    "/connection-requests/{request_id}/cancel",
    summary="Cancel a request (its sender); repeating it changes nothing",
    response=RequestOut,
    errors=DECIDE_ERRORS,
)
def cancel_request(request_id: str, principal: Principal) -> RequestOut:
    return _decide(request_id, principal, Decision.CANCEL)
