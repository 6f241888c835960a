"""The social graph's services for the REST function (search, requests, connections, book
sharing, notifications), built together on the first request that needs one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.accounts.repository import UserRepository
    from core.books.service import BookService
    from core.books.sharing_service import SharingService
    from core.notifications.service import NotificationService
    from core.social.connections_service import ConnectionService
    from core.social.directory import UserDirectory
    from core.social.service import RequestService
    from functions.api.wiring import ApiSettings


@dataclass(frozen=True)
class SocialServices:
    directory: UserDirectory
    requests: RequestService
    connections: ConnectionService
    sharing: SharingService
    notifications: NotificationService


def social_services(
    settings: ApiSettings, users: UserRepository, books: BookService
) -> SocialServices:
    from core.books.members import MemberRepository
    from core.books.sharing_service import SharingService
    from core.notifications.repository import NotificationRepository
    from core.notifications.service import NotificationService
    from core.presence.repository import PresenceRepository
    from core.social.connections import ConnectionRepository
    from core.social.connections_service import ConnectionService
    from core.social.directory import UserDirectory
    from core.social.requests import RequestRepository
    from core.social.service import RequestService

    location = settings.table_location
    graph = ConnectionRepository(location(settings.user_connections_table))
    requests = RequestRepository(
        location(settings.connection_requests_table), location(settings.user_connections_table)
    )
    members = MemberRepository(location(settings.books_table))
    sharing = SharingService(books, members, graph, users)
    presence = PresenceRepository(location(settings.presence_table))
    notifications = NotificationRepository(location(settings.notifications_table))
    return SocialServices(
        directory=UserDirectory(users, graph),
        requests=RequestService(requests, users),
        connections=ConnectionService(graph, users, presence, sharing),
        sharing=sharing,
        notifications=NotificationService(notifications),
    )
