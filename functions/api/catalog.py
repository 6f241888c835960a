"""Every group of REST routes, in the order they are registered and documented."""

from __future__ import annotations

from functions.api import (
    accounts,
    book_members,
    books,
    connection_requests,
    connections,
    contact_changes,
    contact_transfer,
    contacts,
    history,
    notifications,
    users,
)
from functions.api.docs import docs_routes
from functions.api.routing import ApiRoutes

API_ROUTES: tuple[ApiRoutes, ...] = (
    accounts.routes,
    users.routes,
    docs_routes(lambda: API_ROUTES),
    books.routes,
    contacts.routes,
    contact_changes.routes,
    history.routes,
    contact_transfer.routes,
    book_members.routes,
    connection_requests.routes,
    connections.routes,
    notifications.routes,
)
