"""Repository contracts: one suite per port, run against the in-memory fake
(``tests/support/memory_stores.py``) and the real repository on moto, as Chalice's todo
sample runs ``TestDynamoDB(TestTodoDB)``. A fake that passes its contract can stand in for
the repository in any unit test.

Adding an aggregate's contract:

1. an in-memory fake of its port in ``tests/support/memory_stores.py``;
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

import pytest

from core.books.ports import BookStore
from core.books.repository import BookRepository
from core.contact_history.repository import ContactHistoryRepository
from core.contacts.ports import ContactStore
from core.contacts.repository import ContactRepository
from core.storage import TableLocation
from infra.tables import table
from tests.support.events import REGION, STAGE
from tests.support.memory_stores import InMemoryBooks, InMemoryContacts

STORES = ("memory", "moto")


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
