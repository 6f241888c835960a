"""Repository contracts: one suite per port, run against the in-memory fake
(``tests/support/memory_stores.py``) and the real repository on moto, as Chalice's todo
sample runs ``TestDynamoDB(TestTodoDB)``. A fake that passes its contract can stand in for
the repository in any unit test.

Adding an aggregate's contract:

1. an in-memory fake of its port in ``tests/support/memory_stores.py`` (the social graph's:
   ``tests/support/memory_social.py``);
2. one fixture here, parametrized over ``STORES``::

       @pytest.fixture(params=STORES)
       def requests(request: pytest.FixtureRequest) -> RequestStore:
           if on_moto(request):
               return RequestRepository(location("requests"))
           return InMemoryRequests()

3. ``tests/contract/test_<aggregate>_store.py`` whose tests take that fixture: each runs
   once per store (``[memory]`` and ``[moto]`` in the test id).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.books.members import MemberRepository
from core.books.models import Book
from core.books.ports import BookStore, MemberStore
from core.books.repository import BookRepository
from core.contact_history.repository import ContactHistoryRepository
from core.contacts.ports import ContactStore
from core.contacts.repository import ContactRepository
from core.notifications.ports import NotificationStore
from core.notifications.repository import NotificationRepository
from core.presence.ports import PresenceStore
from core.presence.repository import PresenceRepository
from core.social.connections import ConnectionRepository
from core.social.items import connection_items, connection_model
from core.social.ports import ConnectionStore, RequestStore
from core.social.requests import RequestRepository
from core.storage import TableLocation
from infra.tables import table
from tests.support.events import REGION, STAGE
from tests.support.memory_social import (
    InMemoryConnections,
    InMemoryMembers,
    InMemoryNotifications,
    InMemoryPresence,
    InMemoryRequests,
)
from tests.support.memory_stores import InMemoryBooks, InMemoryContacts

STORES = ("memory", "moto")
BOOKS = ("bk_1", "bk_2")
"""Books every member store knows."""
OWNER = "usr_owner"
CREATED = datetime(2026, 11, 21, 10, 0, 0, 123000, tzinfo=UTC)


def location(key: str) -> TableLocation:
    return TableLocation(table(key).physical_name(STAGE), REGION)


def on_moto(request: pytest.FixtureRequest) -> bool:
    """Whether this run of the test is on moto (every table created) or on the fake."""
    if request.param == "memory":
        return False
    request.getfixturevalue("aws")
    return True


@pytest.fixture(params=STORES)
def books(request: pytest.FixtureRequest) -> BookStore:
    return BookRepository(location("books")) if on_moto(request) else InMemoryBooks()


@pytest.fixture(params=STORES)
def contacts(request: pytest.FixtureRequest) -> ContactStore:
    if not on_moto(request):
        return InMemoryContacts()
    return ContactRepository(
        location("contacts"),
        location("contact_terms"),
        ContactHistoryRepository(location("contact_history")),
    )


@pytest.fixture(params=STORES)
def graph(request: pytest.FixtureRequest) -> tuple[RequestStore, ConnectionStore]:
    """The requests store and the connections store it writes to on an accept."""
    if on_moto(request):
        connections = ConnectionRepository(location("user_connections"))
        requests = RequestRepository(location("connection_requests"), location("user_connections"))
        return requests, connections
    fake = InMemoryConnections()
    return InMemoryRequests(fake), fake


@pytest.fixture(params=STORES)
def members(request: pytest.FixtureRequest) -> tuple[MemberStore, ConnectionStore]:
    """A member store whose books ``BOOKS`` exist (owned by ``OWNER``), and a connections
    store for its conditions."""
    if not on_moto(request):
        return InMemoryMembers(dict.fromkeys(BOOKS, OWNER), CREATED), InMemoryConnections()
    books = BookRepository(location("books"))
    for book_id in BOOKS:
        books.create(Book(book_id, book_id, OWNER, False, CREATED))
    return MemberRepository(location("books")), ConnectionRepository(location("user_connections"))


def connect(connections: ConnectionStore, user_id: str, other_id: str) -> None:
    """Connect two users in either store (as an accepted request does)."""
    if isinstance(connections, InMemoryConnections):
        connections.connect(user_id, other_id, CREATED)
        return
    model = connection_model(location("user_connections"))
    for item in connection_items(model, user_id, other_id, CREATED):
        item.save()


@pytest.fixture(params=STORES)
def notifications(request: pytest.FixtureRequest) -> NotificationStore:
    if on_moto(request):
        return NotificationRepository(location("notifications"))
    return InMemoryNotifications()


@pytest.fixture(params=STORES)
def presence(request: pytest.FixtureRequest) -> PresenceStore:
    return PresenceRepository(location("presence")) if on_moto(request) else InMemoryPresence()
