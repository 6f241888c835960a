"""``/notifications``: the caller's notifications, the unread count, marking them read."""

from __future__ import annotations

from core.auth.principal import Principal
from core.notifications.models import Notification
from core.pagination import Page, Position
from functions.api.routing import ApiRoutes
from functions.api.schemas.notifications import (
    NotificationList,
    NotificationOut,
    NotificationQuery,
    ReadAllOut,
    UnreadCount,
)
from functions.api.wiring import services

routes = ApiRoutes(__name__, tag="notifications")


@routes.route(
    "GET",
    "/notifications",
    summary="The caller's notifications, newest first (only unread ones with unread=true)",
    query=NotificationQuery,
    response=NotificationList,
    items=NotificationOut.of,
    errors=(400, 401, 422),
)
def list_notifications(
    principal: Principal, query: NotificationQuery, at: Position | None
) -> Page[Notification]:
    return services().social.notifications.notifications_of(
        principal.user_id, query.unread, query.limit, at
    )


@routes.route(
    "GET",
    "/notifications/unread-count",
    summary="How many of the caller's notifications are unread",
    response=UnreadCount,
    errors=(401,),
)
def unread_count(principal: Principal) -> UnreadCount:
    return UnreadCount(count=services().social.notifications.unread_count(principal.user_id))


@routes.route(
    "POST",
    "/notifications/{notification_id}/read",
    summary="Mark one notification read",
    response=NotificationOut,
    errors=(401, 404),
)
def read_notification(notification_id: str, principal: Principal) -> NotificationOut:
    return NotificationOut.of(
        services().social.notifications.read(principal.user_id, notification_id)
    )


@routes.route(
    "POST",
    "/notifications/read-all",
    summary="Mark every unread notification of the caller read",
    response=ReadAllOut,
    errors=(401,),
)
def read_all_notifications(principal: Principal) -> ReadAllOut:
    return ReadAllOut(updated=services().social.notifications.read_all(principal.user_id))
